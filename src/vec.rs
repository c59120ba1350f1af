//! `Vec<T>` by value as a parallel iterator, and `par_drain(range)` on a `Vec<T>`.
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
use std::ops::{Range, RangeBounds};
use std::ptr;

use crate::iter::plumbing::{bridge, Consumer, Producer, ProducerCallback, UnindexedConsumer};
use crate::iter::{
    resolve_range, IndexedParallelIterator, IntoParallelIterator, ParallelDrainRange,
    ParallelIterator,
};

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
pub struct IntoIter<T> {
    vec: Vec<T>,
}

impl<T: Send> IntoParallelIterator for Vec<T> {
    type Item = T;
    type Iter = IntoIter<T>;

    fn into_par_iter(self) -> Self::Iter {
        IntoIter { vec: self }
    }
}

/// A boxed slice by value iterates like the `Vec` it converts into, without copying.
///
/// ```
/// use beat::prelude::*;
/// let b: Box<[String]> = vec![String::from("a"), String::from("bc")].into_boxed_slice();
/// let it: beat::vec::IntoIter<String> = b.into_par_iter();
/// assert_eq!(it.map(|s| s.len()).sum::<usize>(), 3);
/// ```
impl<T: Send> IntoParallelIterator for Box<[T]> {
    type Item = T;
    type Iter = IntoIter<T>;

    fn into_par_iter(self) -> Self::Iter {
        IntoIter {
            vec: self.into_vec(),
        }
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

/// A parallel iterator that moves a range of items out of a `Vec`, created by
/// [`par_drain`](ParallelDrainRange::par_drain). The vector keeps its capacity and the items
/// outside the range, in order.
///
/// While the iterator runs, the vector's length covers only the items before the range, so
/// a panic in a closure leaves nothing visible twice: the items of the range not yet handed
/// out are dropped, and the items after the range are moved down to close the gap.
///
/// # Examples
///
/// ```
/// use beat::prelude::*;
/// let mut v = vec![String::from("a"), String::from("b"), String::from("c")];
/// let it: beat::vec::Drain<'_, String> = v.par_drain(1..);
/// assert_eq!(it.collect::<Vec<_>>(), ["b", "c"]);
/// assert_eq!(v, ["a"]);
/// ```
#[derive(Debug)]
pub struct Drain<'data, T: Send> {
    vec: &'data mut Vec<T>,
    range: Range<usize>,
    /// The vector's length when the drain was made.
    orig_len: usize,
    /// Whether the range's items were given to a producer (which then moves or drops each
    /// of them); if not, `Drop` removes them itself.
    handed_out: bool,
}

impl<'data, T: Send> ParallelDrainRange<usize> for &'data mut Vec<T> {
    type Iter = Drain<'data, T>;
    type Item = T;

    #[track_caller]
    fn par_drain<R: RangeBounds<usize>>(self, range: R) -> Drain<'data, T> {
        let orig_len = self.len();
        Drain {
            range: resolve_range(range, orig_len),
            vec: self,
            orig_len,
            handed_out: false,
        }
    }
}

impl<T: Send> ParallelIterator for Drain<'_, T> {
    type Item = T;

    fn drive_unindexed<C>(self, consumer: C) -> C::Result
    where
        C: UnindexedConsumer<T>,
    {
        bridge(self, consumer)
    }

    fn opt_len(&self) -> Option<usize> {
        Some(self.range.len())
    }
}

impl<T: Send> IndexedParallelIterator for Drain<'_, T> {
    fn drive<C: Consumer<T>>(self, consumer: C) -> C::Result {
        bridge(self, consumer)
    }

    fn len(&self) -> usize {
        self.range.len()
    }

    fn with_producer<CB: ProducerCallback<T>>(mut self, callback: CB) -> CB::Output {
        let (start, end) = (self.range.start, self.range.end);
        self.handed_out = true;
        // SAFETY: `resolve_range` checked `start <= end <= orig_len == vec.len()`, so the
        // range's items are initialized and inside the buffer. Shortening the vector to
        // `start` makes the producer their only owner (it moves out or drops each once,
        // even on unwind); the pointer comes from the `Vec` itself, so it may reach past
        // the new length. The items from `end` on are left alone until `Drop` moves them.
        let producer = unsafe {
            self.vec.set_len(start);
            let first = self.vec.as_mut_ptr().add(start);
            DrainProducer::new(std::slice::from_raw_parts_mut(first, end - start))
        };
        callback.callback(producer)
        // `self` drops here, after every piece of the producer is gone: it closes the gap.
    }
}

impl<T: Send> Drop for Drain<'_, T> {
    fn drop(&mut self) {
        let (start, end) = (self.range.start, self.range.end);
        if !self.handed_out {
            // Never driven: remove the range as `std` would.
            self.vec.drain(start..end);
            return;
        }
        let tail = self.orig_len - end;
        // SAFETY: the producer owned `start..end` and has moved out or dropped each of those
        // items (or leaked them), so those slots hold nothing to drop; the vector's length
        // is `start`. The `tail` items after `end` are initialized and untouched, and moving
        // them to `start` (an overlapping copy) makes the first `start + tail` slots the
        // vector's items again, in order.
        unsafe {
            let base = self.vec.as_mut_ptr();
            if tail > 0 && start < end {
                ptr::copy(base.add(end), base.add(start), tail);
            }
            self.vec.set_len(start + tail);
        }
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
