//! Parallel iterators over slices: `par_iter()` and `par_iter_mut()` on `[T]`, `Vec<T>`
//! and arrays, and the slice methods of [`ParallelSlice`] and [`ParallelSliceMut`].
//!
//! # Examples
//!
//! ```
//! use beat::prelude::*;
//! let mut v = [1, 2, 3];
//! v.par_iter_mut().for_each(|x| *x += 1);
//! assert_eq!(v.par_iter().sum::<i32>(), 9);
//! ```

use crate::iter::plumbing::{bridge, Consumer, Producer, ProducerCallback, UnindexedConsumer};
use crate::iter::{IndexedParallelIterator, IntoParallelIterator, ParallelIterator};

// [h1: mod]
mod cached_key;
mod mergesort;
mod presorted;
mod quicksort;
// [h2: mod]

/// Parallel methods on shared slices (`&[T]`, and so on `Vec<T>` and arrays through
/// deref): splitting, windows and chunks.
///
/// # Examples
///
/// ```
/// use beat::prelude::*;
/// let v = [1, 2, 3];
/// assert_eq!(v.as_parallel_slice().len(), 3);
/// ```
pub trait ParallelSlice<T: Sync> {
    /// Returns the plain slice; the other methods are built on it.
    ///
    /// # Examples
    ///
    /// ```
    /// use beat::prelude::*;
    /// let v = vec![1, 2, 3];
    /// assert_eq!(v.as_parallel_slice(), &[1, 2, 3]);
    /// ```
    fn as_parallel_slice(&self) -> &[T];

    // [h1: ParallelSlice]
}

impl<T: Sync> ParallelSlice<T> for [T] {
    #[inline]
    fn as_parallel_slice(&self) -> &[T] {
        self
    }
}

/// Parallel methods on mutable slices: splitting, chunks and sorting.
///
/// # Examples
///
/// ```
/// use beat::prelude::*;
/// let mut v = [3, 1, 2];
/// v.as_parallel_slice_mut()[0] = 0;
/// assert_eq!(v, [0, 1, 2]);
/// ```
pub trait ParallelSliceMut<T: Send> {
    /// Returns the plain mutable slice; the other methods are built on it.
    ///
    /// # Examples
    ///
    /// ```
    /// use beat::prelude::*;
    /// let mut v = vec![1, 2, 3];
    /// v.as_parallel_slice_mut()[1] = 5;
    /// assert_eq!(v, [1, 5, 3]);
    /// ```
    fn as_parallel_slice_mut(&mut self) -> &mut [T];

    // [h1: ParallelSliceMut]
    /// Sorts the slice in parallel, keeping equal elements in their order (a stable sort).
    ///
    /// O(n log n) comparisons in the worst case, O(n) when the slice is already sorted or
    /// strictly descending. Allocates a buffer as long as the slice, except in those two
    /// cases and for slices of at most 20 elements. See [`par_sort_by`](ParallelSliceMut::par_sort_by) for the
    /// algorithm and for what happens when `T`'s order panics or is not a total order.
    ///
    /// # Examples
    ///
    /// ```
    /// use beat::prelude::*;
    /// let mut v = [5, -3, 2, 9, 0, 2];
    /// v.par_sort();
    /// assert_eq!(v, [-3, 0, 2, 2, 5, 9]);
    /// ```
    fn par_sort(&mut self)
    where
        T: Ord,
    {
        mergesort::par_mergesort(self.as_parallel_slice_mut(), &T::cmp);
    }

    /// Sorts the slice in parallel with the comparator `compare`, keeping equal elements in
    /// their order (a stable sort).
    ///
    /// The algorithm is a merge sort: an O(n) pass first recognises a slice that is already
    /// sorted (left as it is) or strictly descending (reversed); otherwise the two halves are
    /// sorted in parallel, recursively, and merged in parallel, between the slice and one
    /// buffer of its length. O(n log n) comparisons in the worst case.
    ///
    /// `compare` should be a total order. If it is not, the slice ends in an unspecified
    /// order, but still holds each of its elements exactly once; no panic comes from the
    /// sort itself.
    ///
    /// # Panics
    ///
    /// If `compare` panics, the panic propagates once the other threads working on the sort
    /// have stopped; the slice then holds each of its elements exactly once, in an
    /// unspecified order.
    ///
    /// # Examples
    ///
    /// ```
    /// use beat::prelude::*;
    /// let mut v = [2.5, -1.0, 7.25, 0.0];
    /// v.par_sort_by(|a, b| b.partial_cmp(a).unwrap());
    /// assert_eq!(v, [7.25, 2.5, 0.0, -1.0]);
    /// ```
    fn par_sort_by<F>(&mut self, compare: F)
    where
        F: Fn(&T, &T) -> std::cmp::Ordering + Sync,
    {
        mergesort::par_mergesort(self.as_parallel_slice_mut(), &compare);
    }

    /// Sorts the slice in parallel by the keys `f` returns, keeping elements with equal keys
    /// in their order (a stable sort).
    ///
    /// `f` runs for both sides of every comparison, so O(n log n) times; when it is costly,
    /// [`par_sort_by_cached_key`](ParallelSliceMut::par_sort_by_cached_key) calls it once
    /// per element instead. See [`par_sort_by`](ParallelSliceMut::par_sort_by) for the
    /// algorithm and the behaviour on panics.
    ///
    /// # Panics
    ///
    /// If `f` or the keys' order panics: as [`par_sort_by`](ParallelSliceMut::par_sort_by).
    ///
    /// # Examples
    ///
    /// ```
    /// use beat::prelude::*;
    /// let mut v = [(3, 'a'), (1, 'b'), (3, 'c'), (2, 'd'), (1, 'e')];
    /// v.par_sort_by_key(|&(k, _)| k);
    /// assert_eq!(v, [(1, 'b'), (1, 'e'), (2, 'd'), (3, 'a'), (3, 'c')]);
    /// ```
    fn par_sort_by_key<K, F>(&mut self, f: F)
    where
        K: Ord,
        F: Fn(&T) -> K + Sync,
    {
        mergesort::par_mergesort(self.as_parallel_slice_mut(), &|a: &T, b: &T| {
            f(a).cmp(&f(b))
        });
    }

    /// Sorts the slice in parallel by the keys `f` returns, calling `f` exactly once per
    /// element (not at all for slices shorter than two), and keeping elements with equal
    /// keys in their order (a stable sort).
    ///
    /// The keys are computed in parallel and stored next to their element's index, the
    /// pairs are sorted with the parallel quicksort of
    /// [`par_sort_unstable`](ParallelSliceMut::par_sort_unstable) (the distinct indices
    /// make that order stable), and the slice is then permuted in parallel. Allocates the
    /// pairs and a buffer as long as the slice.
    ///
    /// # Panics
    ///
    /// If `f` or the keys' order panics, the panic propagates and the slice is left as it
    /// was.
    ///
    /// # Examples
    ///
    /// ```
    /// use beat::prelude::*;
    /// let mut v = ["beat", "a", "rayon", "is"];
    /// v.par_sort_by_cached_key(|s| s.len());
    /// assert_eq!(v, ["a", "is", "beat", "rayon"]);
    /// ```
    fn par_sort_by_cached_key<K, F>(&mut self, f: F)
    where
        F: Fn(&T) -> K + Sync,
        K: Ord + Send,
    {
        cached_key::par_sort_by_cached_key(self.as_parallel_slice_mut(), f);
    }

    /// Sorts the slice in parallel, in place, without keeping equal elements in their order
    /// (an unstable sort).
    ///
    /// Usually faster than [`par_sort`](ParallelSliceMut::par_sort), and allocates nothing.
    /// O(n log n) comparisons in the worst case, O(n) when the slice is already sorted or
    /// descending. See [`par_sort_unstable_by`](ParallelSliceMut::par_sort_unstable_by) for
    /// the algorithm and for what happens when `T`'s order panics or is not a total order.
    ///
    /// # Examples
    ///
    /// ```
    /// use beat::prelude::*;
    /// let mut v: Vec<u32> = (0..10_000).map(|i| (i * 7_919) % 10_007).collect();
    /// v.par_sort_unstable();
    /// assert!(v.windows(2).all(|w| w[0] <= w[1]));
    /// ```
    fn par_sort_unstable(&mut self)
    where
        T: Ord,
    {
        quicksort::par_quicksort(self.as_parallel_slice_mut(), &T::cmp);
    }

    /// Sorts the slice in parallel, in place, with the comparator `compare`, without keeping
    /// equal elements in their order (an unstable sort).
    ///
    /// The algorithm is a pattern-defeating quicksort: an O(n) pass first recognises a
    /// slice that is already sorted (left as it is) or descending (reversed); otherwise the
    /// slice is partitioned around a pseudo-median of about sqrt(n) samples and the two
    /// sides are sorted in parallel, recursively, with insertion sort for short pieces.
    /// Runs of equal elements are set aside in one partition, and a piece that keeps
    /// partitioning badly is heapsorted, so the worst case is O(n log n) comparisons.
    ///
    /// `compare` should be a total order. If it is not, the slice ends in an unspecified
    /// order, but still holds each of its elements exactly once; no panic comes from the
    /// sort itself.
    ///
    /// # Panics
    ///
    /// If `compare` panics, the panic propagates once the other threads working on the sort
    /// have stopped; the slice then holds each of its elements exactly once, in an
    /// unspecified order.
    ///
    /// # Examples
    ///
    /// ```
    /// use beat::prelude::*;
    /// let mut v = ["pear", "fig", "apple", "kiwi"];
    /// v.par_sort_unstable_by(|a, b| a.len().cmp(&b.len()).then(a.cmp(b)));
    /// assert_eq!(v, ["fig", "kiwi", "pear", "apple"]);
    /// ```
    fn par_sort_unstable_by<F>(&mut self, compare: F)
    where
        F: Fn(&T, &T) -> std::cmp::Ordering + Sync,
    {
        quicksort::par_quicksort(self.as_parallel_slice_mut(), &compare);
    }

    /// Sorts the slice in parallel, in place, by the keys `f` returns, without keeping
    /// elements with equal keys in their order (an unstable sort).
    ///
    /// `f` runs for both sides of every comparison. See
    /// [`par_sort_unstable_by`](ParallelSliceMut::par_sort_unstable_by) for the algorithm
    /// and the behaviour on panics.
    ///
    /// # Panics
    ///
    /// If `f` or the keys' order panics: as
    /// [`par_sort_unstable_by`](ParallelSliceMut::par_sort_unstable_by).
    ///
    /// # Examples
    ///
    /// ```
    /// use beat::prelude::*;
    /// let mut v = [-4i32, 1, -2, 3];
    /// v.par_sort_unstable_by_key(|x| x.abs());
    /// assert_eq!(v, [1, -2, 3, -4]);
    /// ```
    fn par_sort_unstable_by_key<K, F>(&mut self, f: F)
    where
        K: Ord,
        F: Fn(&T) -> K + Sync,
    {
        quicksort::par_quicksort(self.as_parallel_slice_mut(), &|a: &T, b: &T| {
            f(a).cmp(&f(b))
        });
    }

    // [h2: ParallelSliceMut]
}

impl<T: Send> ParallelSliceMut<T> for [T] {
    #[inline]
    fn as_parallel_slice_mut(&mut self) -> &mut [T] {
        self
    }
}

/// A parallel iterator over `&T` of a slice.
///
/// # Examples
///
/// ```
/// use beat::prelude::*;
/// let it: beat::slice::Iter<'_, i32> = [1, 2].par_iter();
/// assert_eq!(it.copied().max(), Some(2));
/// ```
#[derive(Debug)]
pub struct Iter<'data, T: Sync> {
    slice: &'data [T],
}

impl<T: Sync> Clone for Iter<'_, T> {
    fn clone(&self) -> Self {
        Iter { slice: self.slice }
    }
}

impl<'data, T: Sync + 'data> IntoParallelIterator for &'data [T] {
    type Item = &'data T;
    type Iter = Iter<'data, T>;

    fn into_par_iter(self) -> Self::Iter {
        Iter { slice: self }
    }
}

impl<'data, T: Sync + 'data> IntoParallelIterator for &'data Vec<T> {
    type Item = &'data T;
    type Iter = Iter<'data, T>;

    fn into_par_iter(self) -> Self::Iter {
        Iter { slice: self }
    }
}

impl<'data, T: Sync + 'data, const N: usize> IntoParallelIterator for &'data [T; N] {
    type Item = &'data T;
    type Iter = Iter<'data, T>;

    fn into_par_iter(self) -> Self::Iter {
        Iter { slice: self }
    }
}

impl<'data, T: Sync + 'data> ParallelIterator for Iter<'data, T> {
    type Item = &'data T;

    fn drive_unindexed<C>(self, consumer: C) -> C::Result
    where
        C: UnindexedConsumer<Self::Item>,
    {
        bridge(self, consumer)
    }

    fn opt_len(&self) -> Option<usize> {
        Some(self.slice.len())
    }
}

impl<'data, T: Sync + 'data> IndexedParallelIterator for Iter<'data, T> {
    fn drive<C: Consumer<Self::Item>>(self, consumer: C) -> C::Result {
        bridge(self, consumer)
    }

    fn len(&self) -> usize {
        self.slice.len()
    }

    fn with_producer<CB: ProducerCallback<Self::Item>>(self, callback: CB) -> CB::Output {
        callback.callback(SliceProducer { slice: self.slice })
    }
}

struct SliceProducer<'data, T: Sync> {
    slice: &'data [T],
}

impl<'data, T: Sync + 'data> Producer for SliceProducer<'data, T> {
    type Item = &'data T;
    type IntoIter = std::slice::Iter<'data, T>;

    fn into_iter(self) -> Self::IntoIter {
        self.slice.iter()
    }
    fn split_at(self, index: usize) -> (Self, Self) {
        let (l, r) = self.slice.split_at(index);
        (SliceProducer { slice: l }, SliceProducer { slice: r })
    }
}

/// A parallel iterator over `&mut T` of a slice.
///
/// # Examples
///
/// ```
/// use beat::prelude::*;
/// let mut v = vec![1, 2];
/// let it: beat::slice::IterMut<'_, i32> = v.par_iter_mut();
/// it.for_each(|x| *x = -*x);
/// assert_eq!(v, [-1, -2]);
/// ```
#[derive(Debug)]
pub struct IterMut<'data, T: Send> {
    slice: &'data mut [T],
}

impl<'data, T: Send + 'data> IntoParallelIterator for &'data mut [T] {
    type Item = &'data mut T;
    type Iter = IterMut<'data, T>;

    fn into_par_iter(self) -> Self::Iter {
        IterMut { slice: self }
    }
}

impl<'data, T: Send + 'data> IntoParallelIterator for &'data mut Vec<T> {
    type Item = &'data mut T;
    type Iter = IterMut<'data, T>;

    fn into_par_iter(self) -> Self::Iter {
        IterMut { slice: self }
    }
}

impl<'data, T: Send + 'data, const N: usize> IntoParallelIterator for &'data mut [T; N] {
    type Item = &'data mut T;
    type Iter = IterMut<'data, T>;

    fn into_par_iter(self) -> Self::Iter {
        IterMut { slice: self }
    }
}

impl<'data, T: Send + 'data> ParallelIterator for IterMut<'data, T> {
    type Item = &'data mut T;

    fn drive_unindexed<C>(self, consumer: C) -> C::Result
    where
        C: UnindexedConsumer<Self::Item>,
    {
        bridge(self, consumer)
    }

    fn opt_len(&self) -> Option<usize> {
        Some(self.slice.len())
    }
}

impl<'data, T: Send + 'data> IndexedParallelIterator for IterMut<'data, T> {
    fn drive<C: Consumer<Self::Item>>(self, consumer: C) -> C::Result {
        bridge(self, consumer)
    }

    fn len(&self) -> usize {
        self.slice.len()
    }

    fn with_producer<CB: ProducerCallback<Self::Item>>(self, callback: CB) -> CB::Output {
        callback.callback(SliceMutProducer { slice: self.slice })
    }
}

struct SliceMutProducer<'data, T: Send> {
    slice: &'data mut [T],
}

impl<'data, T: Send + 'data> Producer for SliceMutProducer<'data, T> {
    type Item = &'data mut T;
    type IntoIter = std::slice::IterMut<'data, T>;

    fn into_iter(self) -> Self::IntoIter {
        self.slice.iter_mut()
    }
    fn split_at(self, index: usize) -> (Self, Self) {
        let (l, r) = self.slice.split_at_mut(index);
        (SliceMutProducer { slice: l }, SliceMutProducer { slice: r })
    }
}
