//! The draining traits: `par_drain()` on whole collections and `par_drain(range)` on
//! indexable ones.

use std::ops::{Bound, Range, RangeBounds};

use super::ParallelIterator;

/// Moves every item out of a collection as a parallel iterator, leaving the collection empty
/// with its capacity kept.
///
/// Implemented for `&mut` [`HashMap`](std::collections::HashMap),
/// [`HashSet`](std::collections::HashSet) and [`BinaryHeap`](std::collections::BinaryHeap).
/// Indexable collections implement [`ParallelDrainRange`] instead, where `par_drain(..)`
/// drains everything.
///
/// # Examples
///
/// ```
/// use beat::prelude::*;
/// use std::collections::HashSet;
///
/// let mut set: HashSet<u32> = (0..100).collect();
/// let cap = set.capacity();
/// let sum: u32 = set.par_drain().sum();
/// assert_eq!(sum, 4950);
/// assert!(set.is_empty());
/// assert!(set.capacity() >= cap);
/// ```
pub trait ParallelDrainFull {
    /// The draining parallel iterator.
    type Iter: ParallelIterator<Item = Self::Item>;

    /// Its items, usually those of the collection's `IntoParallelIterator`.
    type Item: Send;

    /// Returns a parallel iterator that moves all items out of the collection.
    ///
    /// Every item is removed once the iterator is dropped, whether or not it ran to the
    /// end. If the iterator is leaked (`std::mem::forget`), how many items are removed is
    /// unspecified.
    ///
    /// # Examples
    ///
    /// ```
    /// use beat::prelude::*;
    /// use std::collections::BinaryHeap;
    ///
    /// let mut heap: BinaryHeap<i32> = (1..=10).collect();
    /// let mut got: Vec<i32> = heap.par_drain().collect();
    /// got.sort();
    /// assert_eq!(got, (1..=10).collect::<Vec<_>>());
    /// assert!(heap.is_empty());
    /// ```
    fn par_drain(self) -> Self::Iter;
}

/// Moves a range of items out of a collection as a parallel iterator, keeping the
/// collection's capacity and the items outside the range, in order.
///
/// Implemented for `&mut` [`Vec`], [`VecDeque`](std::collections::VecDeque) and
/// [`String`] (whose items are the `char`s of the range). Collections without indices
/// implement [`ParallelDrainFull`] instead.
///
/// # Examples
///
/// ```
/// use beat::prelude::*;
///
/// let mut v: Vec<i32> = (0..10).collect();
/// let middle: Vec<i32> = v.par_drain(3..7).collect();
/// assert_eq!(middle, [3, 4, 5, 6]);
/// assert_eq!(v, [0, 1, 2, 7, 8, 9]);
/// ```
pub trait ParallelDrainRange<Idx = usize> {
    /// The draining parallel iterator.
    type Iter: ParallelIterator<Item = Self::Item>;

    /// Its items, usually those of the collection's `IntoParallelIterator`.
    type Item: Send;

    /// Returns a parallel iterator that moves the items of `range` out of the collection.
    ///
    /// Every item of the range is removed once the iterator is dropped, whether or not it
    /// ran to the end; the items after the range then close the gap. If the iterator is
    /// leaked (`std::mem::forget`), how many items are removed is unspecified.
    ///
    /// # Panics
    ///
    /// As the collection's own `drain` does: if the range starts after it ends or ends past
    /// the collection's length (for a `String`, also if either end is not on a `char`
    /// boundary).
    ///
    /// # Examples
    ///
    /// ```
    /// use beat::prelude::*;
    ///
    /// let mut v: Vec<u8> = (0..8).collect();
    /// let tail: Vec<u8> = v.par_drain(5..).collect();
    /// assert_eq!(tail, [5, 6, 7]);
    /// let head: Vec<u8> = v.par_drain(..=1).collect();
    /// assert_eq!(head, [0, 1]);
    /// assert_eq!(v, [2, 3, 4]);
    /// ```
    fn par_drain<R: RangeBounds<Idx>>(self, range: R) -> Self::Iter;
}

/// Resolves `range` against a collection of `len` items, panicking exactly as
/// `Vec::drain` does (same checks, same messages) when it is out of bounds.
#[track_caller]
pub(crate) fn resolve_range<R: RangeBounds<usize>>(range: R, len: usize) -> Range<usize> {
    let bounds = (range.start_bound().cloned(), range.end_bound().cloned());
    // Let `std` check the bounds on a vector of `len` zero-sized items: nothing is stored or
    // freed, and its panics are those of any `Vec::drain`.
    #[allow(clippy::uninit_vec)] // `()` has no uninitialized values
    let mut probe = {
        let mut probe: Vec<()> = Vec::new();
        // SAFETY: a `Vec` of a zero-sized type has capacity `usize::MAX` and needs no
        // memory, and `()` has nothing to initialize.
        unsafe { probe.set_len(len) };
        probe
    };
    drop(probe.drain(bounds));
    // The bounds passed the check, so none of this overflows or exceeds `len`.
    let start = match bounds.0 {
        Bound::Unbounded => 0,
        Bound::Included(s) => s,
        Bound::Excluded(s) => s + 1,
    };
    let end = match bounds.1 {
        Bound::Unbounded => len,
        Bound::Included(e) => e + 1,
        Bound::Excluded(e) => e,
    };
    start..end
}
