//! Parallel iterators over a [`VecDeque`]: by value, by `&`, by `&mut`, and draining a
//! range. All are indexed and keep the deque's order; the borrowing ones iterate the
//! deque's two slices in place.
//!
//! # Examples
//!
//! ```
//! use beat::prelude::*;
//! use std::collections::VecDeque;
//!
//! let mut d: VecDeque<i32> = (1..=3).collect();
//! d.push_front(0);
//! let v: Vec<(usize, i32)> = d.par_iter().copied().enumerate().collect();
//! assert_eq!(v, [(0, 0), (1, 1), (2, 2), (3, 3)]);
//! ```

use std::collections::VecDeque;
use std::ops::{Range, RangeBounds};

use super::{delegate_built, HeldAsVec};
use crate::iter::plumbing::{bridge, Consumer, ProducerCallback, UnindexedConsumer};
use crate::iter::{
    resolve_range, IndexedParallelIterator, IntoParallelIterator, ParallelDrainRange,
    ParallelIterator,
};
use crate::option::delegate_indexed;
use crate::vec;

/// A parallel iterator that moves the items out of a `VecDeque`.
///
/// # Examples
///
/// ```
/// use beat::prelude::*;
/// use std::collections::VecDeque;
///
/// let d: VecDeque<u8> = [1, 2].into_iter().collect();
/// let it: beat::collections::vec_deque::IntoIter<u8> = d.into_par_iter();
/// assert_eq!(it.rev().collect::<Vec<_>>(), [2, 1]);
/// ```
#[derive(Clone, Debug)]
pub struct IntoIter<T: Send> {
    inner: vec::IntoIter<T>,
}

impl<T: Send> IntoParallelIterator for VecDeque<T> {
    type Item = T;
    type Iter = IntoIter<T>;

    fn into_par_iter(self) -> Self::Iter {
        // Free when the deque's items start at the front of its buffer; otherwise they are
        // moved there first, without allocating.
        IntoIter {
            inner: Vec::from(self).into_par_iter(),
        }
    }
}

delegate_indexed!(impl<T> IntoIter<T> => T where [T: Send]);

/// A parallel iterator over the items of a `VecDeque` by reference.
///
/// # Examples
///
/// ```
/// use beat::prelude::*;
/// use std::collections::VecDeque;
///
/// let d: VecDeque<u8> = [1, 2].into_iter().collect();
/// let it: beat::collections::vec_deque::Iter<'_, u8> = d.par_iter();
/// assert_eq!(it.len(), 2);
/// ```
#[derive(Debug)]
pub struct Iter<'a, T> {
    front: &'a [T],
    back: &'a [T],
}

impl<T> Clone for Iter<'_, T> {
    fn clone(&self) -> Self {
        Iter {
            front: self.front,
            back: self.back,
        }
    }
}

impl<'a, T: Sync> IntoParallelIterator for &'a VecDeque<T> {
    type Item = &'a T;
    type Iter = Iter<'a, T>;

    fn into_par_iter(self) -> Self::Iter {
        let (front, back) = self.as_slices();
        Iter { front, back }
    }
}

delegate_built! {
    impl<'a, T> Iter<'a, T> => &'a T where [T: Sync]
    len |it| it.front.len() + it.back.len();
    build |it| it.front.into_par_iter().chain(it.back)
}

/// A parallel iterator over the items of a `VecDeque` by mutable reference.
///
/// # Examples
///
/// ```
/// use beat::prelude::*;
/// use std::collections::VecDeque;
///
/// let mut d: VecDeque<u8> = [1, 2].into_iter().collect();
/// let it: beat::collections::vec_deque::IterMut<'_, u8> = d.par_iter_mut();
/// it.for_each(|x| *x += 1);
/// assert_eq!(d, [2, 3]);
/// ```
#[derive(Debug)]
pub struct IterMut<'a, T> {
    front: &'a mut [T],
    back: &'a mut [T],
}

impl<'a, T: Send> IntoParallelIterator for &'a mut VecDeque<T> {
    type Item = &'a mut T;
    type Iter = IterMut<'a, T>;

    fn into_par_iter(self) -> Self::Iter {
        let (front, back) = self.as_mut_slices();
        IterMut { front, back }
    }
}

delegate_built! {
    impl<'a, T> IterMut<'a, T> => &'a mut T where [T: Send]
    len |it| it.front.len() + it.back.len();
    build |it| it.front.into_par_iter().chain(it.back)
}

/// A parallel iterator that moves a range of items out of a `VecDeque`, created by
/// [`par_drain`](ParallelDrainRange::par_drain). The deque keeps its capacity and the items
/// outside the range, in order.
///
/// When the iterator runs, the deque's items are first moved to the front of its buffer
/// if they wrap around it (no allocation); a panic in a closure leaves the deque holding
/// the items outside the range.
///
/// # Examples
///
/// ```
/// use beat::prelude::*;
/// use std::collections::VecDeque;
///
/// let mut d: VecDeque<i32> = (0..6).collect();
/// let it: beat::collections::vec_deque::Drain<'_, i32> = d.par_drain(1..3);
/// assert_eq!(it.collect::<Vec<_>>(), [1, 2]);
/// assert_eq!(d, [0, 3, 4, 5]);
/// ```
#[derive(Debug)]
pub struct Drain<'a, T> {
    deque: &'a mut VecDeque<T>,
    range: Range<usize>,
    /// Whether a producer took the range; if not, `Drop` removes it.
    handed_out: bool,
}

impl<'a, T: Send> ParallelDrainRange<usize> for &'a mut VecDeque<T> {
    type Iter = Drain<'a, T>;
    type Item = T;

    #[track_caller]
    fn par_drain<R: RangeBounds<usize>>(self, range: R) -> Drain<'a, T> {
        Drain {
            range: resolve_range(range, self.len()),
            deque: self,
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
        self.handed_out = true;
        let range = self.range.clone();
        // The deque is a `Vec` while the drain runs, and a deque again when `held` drops
        // (before `self` does), also on unwind.
        let mut held = HeldAsVec::new(&mut *self.deque);
        held.vec.par_drain(range).with_producer(callback)
    }
}

impl<T> Drop for Drain<'_, T> {
    fn drop(&mut self) {
        if !self.handed_out {
            // Never driven: remove the range as `std` would.
            self.deque.drain(self.range.clone());
        }
    }
}
