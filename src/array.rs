//! Arrays `[T; N]` by value as parallel iterators. (`par_iter()` and `par_iter_mut()` on
//! arrays come from [`crate::slice`].)
//!
//! # Examples
//!
//! ```
//! use beat::prelude::*;
//! let names = [String::from("a"), String::from("bc")];
//! let lens: Vec<usize> = names.into_par_iter().map(|s| s.len()).collect();
//! assert_eq!(lens, [1, 2]);
//! ```

use std::mem::ManuallyDrop;

use crate::iter::plumbing::{bridge, Consumer, ProducerCallback, UnindexedConsumer};
use crate::iter::{IndexedParallelIterator, IntoParallelIterator, ParallelIterator};
use crate::vec::DrainProducer;

/// A parallel iterator that moves the items out of an array.
///
/// # Examples
///
/// ```
/// use beat::prelude::*;
/// let it: beat::array::IntoIter<u32, 3> = [1, 2, 3].into_par_iter();
/// assert_eq!(it.rev().collect::<Vec<_>>(), [3, 2, 1]);
/// ```
#[derive(Clone, Debug)]
pub struct IntoIter<T, const N: usize> {
    array: [T; N],
}

impl<T: Send, const N: usize> IntoParallelIterator for [T; N] {
    type Item = T;
    type Iter = IntoIter<T, N>;

    fn into_par_iter(self) -> Self::Iter {
        IntoIter { array: self }
    }
}

impl<T: Send, const N: usize> ParallelIterator for IntoIter<T, N> {
    type Item = T;

    fn drive_unindexed<C>(self, consumer: C) -> C::Result
    where
        C: UnindexedConsumer<T>,
    {
        bridge(self, consumer)
    }

    fn opt_len(&self) -> Option<usize> {
        Some(N)
    }
}

impl<T: Send, const N: usize> IndexedParallelIterator for IntoIter<T, N> {
    fn drive<C: Consumer<T>>(self, consumer: C) -> C::Result {
        bridge(self, consumer)
    }

    fn len(&self) -> usize {
        N
    }

    fn with_producer<CB: ProducerCallback<T>>(self, callback: CB) -> CB::Output {
        // The array itself never drops its items: the producer moves each out or drops it,
        // exactly once, even when a closure panics.
        let mut array = ManuallyDrop::new(self.array);
        // SAFETY: the producer gets sole ownership of the `N` items; `array` is never read
        // or dropped again, and it outlives the producer (which borrows it).
        let producer = unsafe { DrainProducer::new(array.as_mut_slice()) };
        callback.callback(producer)
    }
}
