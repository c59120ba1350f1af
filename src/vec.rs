//! `Vec<T>` by value as a parallel iterator.
//!
//! # Examples
//!
//! ```
//! use beat::prelude::*;
//! let words = vec![String::from("a"), String::from("bc")];
//! let total: usize = words.into_par_iter().map(|s| s.len()).sum();
//! assert_eq!(total, 3);
//! ```

use std::mem;
use std::ptr;

use crate::iter::plumbing::{bridge, Consumer, Producer, ProducerCallback, UnindexedConsumer};
use crate::iter::{IndexedParallelIterator, IntoParallelIterator, ParallelIterator};

/// A parallel iterator that moves the items out of a `Vec`.
///
/// # Examples
///
/// ```
/// use beat::prelude::*;
/// let it: beat::vec::IntoIter<u8> = vec![1u8, 2].into_par_iter();
/// assert_eq!(it.map(u32::from).sum::<u32>(), 3);
/// ```
#[derive(Clone, Debug)]
pub struct IntoIter<T: Send> {
    vec: Vec<T>,
}

impl<T: Send> IntoParallelIterator for Vec<T> {
    type Item = T;
    type Iter = IntoIter<T>;

    fn into_par_iter(self) -> Self::Iter {
        IntoIter { vec: self }
    }
}

impl<T: Send> ParallelIterator for IntoIter<T> {
    type Item = T;

    fn drive_unindexed<C>(self, consumer: C) -> C::Result
    where
        C: UnindexedConsumer<T>,
    {
        bridge(self, consumer)
    }

    fn opt_len(&self) -> Option<usize> {
        Some(self.vec.len())
    }
}

impl<T: Send> IndexedParallelIterator for IntoIter<T> {
    fn drive<C: Consumer<T>>(self, consumer: C) -> C::Result {
        bridge(self, consumer)
    }

    fn len(&self) -> usize {
        self.vec.len()
    }

    fn with_producer<CB: ProducerCallback<T>>(self, callback: CB) -> CB::Output {
        let mut vec = self.vec;
        let len = vec.len();
        // SAFETY: from here the producer owns the `len` items (it moves out or drops each
        // exactly once, even on unwind); the vector keeps only its buffer, freed at the end.
        let producer = unsafe {
            vec.set_len(0);
            DrainProducer::new(std::slice::from_raw_parts_mut(vec.as_mut_ptr(), len))
        };
        callback.callback(producer)
    }
}

/// Owns the items of a slice whose storage someone else frees: moves them out or drops them.
pub(crate) struct DrainProducer<'data, T: Send> {
    slice: &'data mut [T],
}

impl<'data, T: Send> DrainProducer<'data, T> {
    /// # Safety
    ///
    /// The items of `slice` must be owned by the producer: nothing else reads or drops them.
    pub(crate) unsafe fn new(slice: &'data mut [T]) -> Self {
        DrainProducer { slice }
    }
}

impl<'data, T: Send + 'data> Producer for DrainProducer<'data, T> {
    type Item = T;
    type IntoIter = SliceDrain<'data, T>;

    fn into_iter(mut self) -> Self::IntoIter {
        let slice = mem::take(&mut self.slice);
        SliceDrain {
            iter: slice.iter_mut(),
        }
    }
    fn split_at(mut self, index: usize) -> (Self, Self) {
        let slice = mem::take(&mut self.slice);
        let (l, r) = slice.split_at_mut(index);
        // SAFETY: the two halves own exactly the items `self` owned.
        unsafe { (DrainProducer::new(l), DrainProducer::new(r)) }
    }
}

impl<T: Send> Drop for DrainProducer<'_, T> {
    fn drop(&mut self) {
        let slice = mem::take(&mut self.slice);
        // SAFETY: we own the items still in the slice and drop each once.
        unsafe { ptr::drop_in_place::<[T]>(slice) };
    }
}

/// The sequential iterator of a [`DrainProducer`].
#[derive(Debug)]
pub(crate) struct SliceDrain<'data, T> {
    iter: std::slice::IterMut<'data, T>,
}

impl<T> Iterator for SliceDrain<'_, T> {
    type Item = T;

    #[inline]
    fn next(&mut self) -> Option<T> {
        let p = self.iter.next()?;
        // SAFETY: the iterator yields each owned item once; reading moves it out.
        Some(unsafe { ptr::read(p) })
    }
    #[inline]
    fn size_hint(&self) -> (usize, Option<usize>) {
        self.iter.size_hint()
    }
}

impl<T> DoubleEndedIterator for SliceDrain<'_, T> {
    #[inline]
    fn next_back(&mut self) -> Option<T> {
        let p = self.iter.next_back()?;
        // SAFETY: as in `next`.
        Some(unsafe { ptr::read(p) })
    }
}

impl<T> ExactSizeIterator for SliceDrain<'_, T> {}

impl<T> Drop for SliceDrain<'_, T> {
    fn drop(&mut self) {
        let rest = mem::take(&mut self.iter).into_slice();
        // SAFETY: the items not yet yielded are still owned by us; drop each once.
        unsafe { ptr::drop_in_place::<[T]>(rest) };
    }
}
