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

mod chunk_by;
mod chunks;
mod parts;
mod pieces;
mod rchunks;
mod split;
mod windows;

pub use self::chunk_by::{ChunkBy, ChunkByMut};
pub use self::chunks::{Chunks, ChunksExact, ChunksExactMut, ChunksMut};
pub use self::rchunks::{RChunks, RChunksExact, RChunksExactMut, RChunksMut};
pub use self::split::{Split, SplitInclusive, SplitInclusiveMut, SplitMut};
pub use self::windows::{ArrayWindows, Windows};
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

    /// Returns a parallel iterator over the pieces of the slice between elements that
    /// match `separator`, which belong to no piece. The pieces are those of std's
    /// [`split`](slice::split), in the same order: an empty slice, or separators at
    /// either end or side by side, give empty pieces.
    ///
    /// # Examples
    ///
    /// ```
    /// use beat::prelude::*;
    /// let sums: Vec<i32> = [1, 2, 0, 3, 0, 0, 4]
    ///     .par_split(|x| *x == 0)
    ///     .map(|piece| piece.iter().sum())
    ///     .collect();
    /// assert_eq!(sums, [3, 3, 0, 4]);
    /// ```
    fn par_split<P>(&self, separator: P) -> Split<'_, T, P>
    where
        P: Fn(&T) -> bool + Sync + Send,
    {
        Split::new(self.as_parallel_slice(), separator)
    }

    /// Returns a parallel iterator over the pieces of the slice that end at each element
    /// matching `separator`, the separator included; the elements after the last one make
    /// a last piece if there are any. The pieces are those of std's
    /// [`split_inclusive`](slice::split_inclusive), in the same order.
    ///
    /// # Examples
    ///
    /// ```
    /// use beat::prelude::*;
    /// let lens: Vec<usize> = [1, 2, 0, 3, 0, 0, 4]
    ///     .par_split_inclusive(|x| *x == 0)
    ///     .map(|piece| piece.len())
    ///     .collect();
    /// assert_eq!(lens, [3, 2, 1, 1]);
    /// ```
    fn par_split_inclusive<P>(&self, separator: P) -> SplitInclusive<'_, T, P>
    where
        P: Fn(&T) -> bool + Sync + Send,
    {
        SplitInclusive::new(self.as_parallel_slice(), separator)
    }

    /// Returns a parallel iterator over every run of `window_size` consecutive elements,
    /// in order; the windows overlap. A slice shorter than `window_size` has none.
    ///
    /// # Panics
    ///
    /// The iterator panics when it is driven, or asked its length, if `window_size` is 0.
    ///
    /// # Examples
    ///
    /// ```
    /// use beat::prelude::*;
    /// let windows: Vec<&[i32]> = [1, 2, 3, 4].par_windows(3).collect();
    /// assert_eq!(windows, [[1, 2, 3], [2, 3, 4]]);
    /// ```
    fn par_windows(&self, window_size: usize) -> Windows<'_, T> {
        Windows::new(window_size, self.as_parallel_slice())
    }

    /// Returns a parallel iterator over every run of `N` consecutive elements as an array
    /// reference, in order; the windows overlap. A slice shorter than `N` has none.
    ///
    /// # Panics
    ///
    /// The iterator panics when it is driven, or asked its length, if `N` is 0.
    ///
    /// # Examples
    ///
    /// ```
    /// use beat::prelude::*;
    /// let rises = [1, 3, 2, 5].par_array_windows().filter(|[a, b]| a < b).count();
    /// assert_eq!(rises, 2);
    /// ```
    fn par_array_windows<const N: usize>(&self) -> ArrayWindows<'_, T, N> {
        ArrayWindows::new(self.as_parallel_slice())
    }

    /// Returns a parallel iterator over the slice in chunks of `chunk_size` elements from
    /// the front, in order; the last chunk is shorter when `chunk_size` does not divide the
    /// length. The chunks are those of std's [`chunks`](slice::chunks).
    ///
    /// # Panics
    ///
    /// If `chunk_size` is 0.
    ///
    /// # Examples
    ///
    /// ```
    /// use beat::prelude::*;
    /// let chunks: Vec<&[i32]> = [1, 2, 3, 4, 5].par_chunks(2).collect();
    /// assert_eq!(chunks, [&[1, 2][..], &[3, 4], &[5]]);
    /// ```
    #[track_caller]
    fn par_chunks(&self, chunk_size: usize) -> Chunks<'_, T> {
        assert!(chunk_size != 0, "chunk_size must not be zero");
        Chunks::new(chunk_size, self.as_parallel_slice())
    }

    /// Returns a parallel iterator over the slice in chunks of exactly `chunk_size`
    /// elements from the front, in order; the fewer than `chunk_size` elements left at the
    /// end are the iterator's [`remainder`](ChunksExact::remainder). The chunks are those
    /// of std's [`chunks_exact`](slice::chunks_exact).
    ///
    /// # Panics
    ///
    /// If `chunk_size` is 0.
    ///
    /// # Examples
    ///
    /// ```
    /// use beat::prelude::*;
    /// let it = [1, 2, 3, 4, 5].par_chunks_exact(2);
    /// assert_eq!(it.remainder(), &[5]);
    /// assert_eq!(it.collect::<Vec<_>>(), [&[1, 2], &[3, 4]]);
    /// ```
    #[track_caller]
    fn par_chunks_exact(&self, chunk_size: usize) -> ChunksExact<'_, T> {
        assert!(chunk_size != 0, "chunk_size must not be zero");
        ChunksExact::new(chunk_size, self.as_parallel_slice())
    }

    /// Returns a parallel iterator over the slice in chunks of `chunk_size` elements from
    /// the back: the first chunk ends the slice, and the last one, at its front, is shorter
    /// when `chunk_size` does not divide the length. The chunks are those of std's
    /// [`rchunks`](slice::rchunks), in the same order.
    ///
    /// # Panics
    ///
    /// If `chunk_size` is 0.
    ///
    /// # Examples
    ///
    /// ```
    /// use beat::prelude::*;
    /// let chunks: Vec<&[i32]> = [1, 2, 3, 4, 5].par_rchunks(2).collect();
    /// assert_eq!(chunks, [&[4, 5][..], &[2, 3], &[1]]);
    /// ```
    #[track_caller]
    fn par_rchunks(&self, chunk_size: usize) -> RChunks<'_, T> {
        assert!(chunk_size != 0, "chunk_size must not be zero");
        RChunks::new(chunk_size, self.as_parallel_slice())
    }

    /// Returns a parallel iterator over the slice in chunks of exactly `chunk_size`
    /// elements from the back; the fewer than `chunk_size` elements left at the front are
    /// the iterator's [`remainder`](RChunksExact::remainder). The chunks are those of
    /// std's [`rchunks_exact`](slice::rchunks_exact), in the same order.
    ///
    /// # Panics
    ///
    /// If `chunk_size` is 0.
    ///
    /// # Examples
    ///
    /// ```
    /// use beat::prelude::*;
    /// let it = [1, 2, 3, 4, 5].par_rchunks_exact(2);
    /// assert_eq!(it.remainder(), &[1]);
    /// assert_eq!(it.collect::<Vec<_>>(), [&[4, 5], &[2, 3]]);
    /// ```
    #[track_caller]
    fn par_rchunks_exact(&self, chunk_size: usize) -> RChunksExact<'_, T> {
        assert!(chunk_size != 0, "chunk_size must not be zero");
        RChunksExact::new(chunk_size, self.as_parallel_slice())
    }

    /// Returns a parallel iterator over the longest runs of the slice in which `pred`
    /// holds for every element and the one after it; `pred` is called on neighbours
    /// (`slice[0]` and `slice[1]`, then `slice[1]` and `slice[2]`, ...). The runs are those
    /// of std's [`chunk_by`](slice::chunk_by), in the same order.
    ///
    /// # Examples
    ///
    /// ```
    /// use beat::prelude::*;
    /// let runs: Vec<&[i32]> = [1, 1, 2, 3, 3, 3].par_chunk_by(|a, b| a == b).collect();
    /// assert_eq!(runs, [&[1, 1][..], &[2], &[3, 3, 3]]);
    /// ```
    fn par_chunk_by<F>(&self, pred: F) -> ChunkBy<'_, T, F>
    where
        F: Fn(&T, &T) -> bool + Send + Sync,
    {
        ChunkBy::new(self.as_parallel_slice(), pred)
    }

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

    /// Returns a parallel iterator over the mutable pieces of the slice between elements
    /// that match `separator`, which belong to no piece. The pieces are those of std's
    /// [`split_mut`](slice::split_mut), in the same order.
    ///
    /// # Examples
    ///
    /// ```
    /// use beat::prelude::*;
    /// let mut v = [3, 1, 0, 2, 5, 4, 0, 7];
    /// v.par_split_mut(|x| *x == 0).for_each(|piece| piece.sort());
    /// assert_eq!(v, [1, 3, 0, 2, 4, 5, 0, 7]);
    /// ```
    fn par_split_mut<P>(&mut self, separator: P) -> SplitMut<'_, T, P>
    where
        P: Fn(&T) -> bool + Sync + Send,
    {
        SplitMut::new(self.as_parallel_slice_mut(), separator)
    }

    /// Returns a parallel iterator over the mutable pieces of the slice that end at each
    /// element matching `separator`, the separator included. The pieces are those of std's
    /// [`split_inclusive_mut`](slice::split_inclusive_mut), in the same order.
    ///
    /// # Examples
    ///
    /// ```
    /// use beat::prelude::*;
    /// let mut v = [3, 1, 0, 2, 5, 0, 7];
    /// v.par_split_inclusive_mut(|x| *x == 0).for_each(|piece| piece.sort());
    /// assert_eq!(v, [0, 1, 3, 0, 2, 5, 7]);
    /// ```
    fn par_split_inclusive_mut<P>(&mut self, separator: P) -> SplitInclusiveMut<'_, T, P>
    where
        P: Fn(&T) -> bool + Sync + Send,
    {
        SplitInclusiveMut::new(self.as_parallel_slice_mut(), separator)
    }

    /// Returns a parallel iterator over the slice in mutable chunks of `chunk_size`
    /// elements from the front, in order; the last chunk is shorter when `chunk_size` does
    /// not divide the length. The chunks are those of std's
    /// [`chunks_mut`](slice::chunks_mut).
    ///
    /// # Panics
    ///
    /// If `chunk_size` is 0.
    ///
    /// # Examples
    ///
    /// ```
    /// use beat::prelude::*;
    /// let mut v = [1, 2, 3, 4, 5];
    /// v.par_chunks_mut(2).for_each(|c| c.reverse());
    /// assert_eq!(v, [2, 1, 4, 3, 5]);
    /// ```
    #[track_caller]
    fn par_chunks_mut(&mut self, chunk_size: usize) -> ChunksMut<'_, T> {
        assert!(chunk_size != 0, "chunk_size must not be zero");
        ChunksMut::new(chunk_size, self.as_parallel_slice_mut())
    }

    /// Returns a parallel iterator over the slice in mutable chunks of exactly
    /// `chunk_size` elements from the front; the fewer than `chunk_size` elements left at
    /// the end are the iterator's [`remainder`](ChunksExactMut::remainder). The chunks are
    /// those of std's [`chunks_exact_mut`](slice::chunks_exact_mut), in the same order.
    ///
    /// # Panics
    ///
    /// If `chunk_size` is 0.
    ///
    /// # Examples
    ///
    /// ```
    /// use beat::prelude::*;
    /// let mut v = [1, 2, 3, 4, 5];
    /// v.par_chunks_exact_mut(2).for_each(|c| c.reverse());
    /// assert_eq!(v, [2, 1, 4, 3, 5]);
    /// ```
    #[track_caller]
    fn par_chunks_exact_mut(&mut self, chunk_size: usize) -> ChunksExactMut<'_, T> {
        assert!(chunk_size != 0, "chunk_size must not be zero");
        ChunksExactMut::new(chunk_size, self.as_parallel_slice_mut())
    }

    /// Returns a parallel iterator over the slice in mutable chunks of `chunk_size`
    /// elements from the back: the first chunk ends the slice, and the last one, at its
    /// front, is shorter when `chunk_size` does not divide the length. The chunks are those
    /// of std's [`rchunks_mut`](slice::rchunks_mut), in the same order.
    ///
    /// # Panics
    ///
    /// If `chunk_size` is 0.
    ///
    /// # Examples
    ///
    /// ```
    /// use beat::prelude::*;
    /// let mut v = [1, 2, 3, 4, 5];
    /// v.par_rchunks_mut(2).for_each(|c| c.reverse());
    /// assert_eq!(v, [1, 3, 2, 5, 4]);
    /// ```
    #[track_caller]
    fn par_rchunks_mut(&mut self, chunk_size: usize) -> RChunksMut<'_, T> {
        assert!(chunk_size != 0, "chunk_size must not be zero");
        RChunksMut::new(chunk_size, self.as_parallel_slice_mut())
    }

    /// Returns a parallel iterator over the slice in mutable chunks of exactly
    /// `chunk_size` elements from the back; the fewer than `chunk_size` elements left at
    /// the front are the iterator's [`remainder`](RChunksExactMut::remainder). The chunks
    /// are those of std's [`rchunks_exact_mut`](slice::rchunks_exact_mut), in the same
    /// order.
    ///
    /// # Panics
    ///
    /// If `chunk_size` is 0.
    ///
    /// # Examples
    ///
    /// ```
    /// use beat::prelude::*;
    /// let mut v = [1, 2, 3, 4, 5];
    /// v.par_rchunks_exact_mut(2).for_each(|c| c.reverse());
    /// assert_eq!(v, [1, 3, 2, 5, 4]);
    /// ```
    #[track_caller]
    fn par_rchunks_exact_mut(&mut self, chunk_size: usize) -> RChunksExactMut<'_, T> {
        assert!(chunk_size != 0, "chunk_size must not be zero");
        RChunksExactMut::new(chunk_size, self.as_parallel_slice_mut())
    }

    /// Returns a parallel iterator over the longest mutable runs of the slice in which
    /// `pred` holds for every element and the one after it; `pred` is called on neighbours
    /// (`slice[0]` and `slice[1]`, then `slice[1]` and `slice[2]`, ...). The runs are those
    /// of std's [`chunk_by_mut`](slice::chunk_by_mut), in the same order.
    ///
    /// # Examples
    ///
    /// ```
    /// use beat::prelude::*;
    /// let mut v = [1, 1, 2, 3, 3, 3];
    /// v.par_chunk_by_mut(|a, b| a == b).for_each(|run| {
    ///     let n = run.len() as i32;
    ///     run.iter_mut().for_each(|x| *x = n);
    /// });
    /// assert_eq!(v, [2, 2, 1, 3, 3, 3]);
    /// ```
    fn par_chunk_by_mut<F>(&mut self, pred: F) -> ChunkByMut<'_, T, F>
    where
        F: Fn(&T, &T) -> bool + Send + Sync,
    {
        ChunkByMut::new(self.as_parallel_slice_mut(), pred)
    }

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
        mergesort::par_mergesort(self.as_parallel_slice_mut(), &T::lt);
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
        mergesort::par_mergesort(self.as_parallel_slice_mut(), &|a: &T, b: &T| {
            compare(a, b) == std::cmp::Ordering::Less
        });
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
        mergesort::par_mergesort(self.as_parallel_slice_mut(), &|a: &T, b: &T| f(a).lt(&f(b)));
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
        quicksort::par_quicksort(self.as_parallel_slice_mut(), &T::lt);
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
        quicksort::par_quicksort(self.as_parallel_slice_mut(), &|a: &T, b: &T| {
            compare(a, b) == std::cmp::Ordering::Less
        });
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
        quicksort::par_quicksort(self.as_parallel_slice_mut(), &|a: &T, b: &T| f(a).lt(&f(b)));
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
pub struct Iter<'data, T> {
    slice: &'data [T],
}

impl<T> Clone for Iter<'_, T> {
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

/// ```
/// use beat::prelude::*;
/// let b: Box<[i32]> = Box::new([1, 2, 3]);
/// assert_eq!((&b).into_par_iter().sum::<i32>(), 6);
/// ```
impl<'data, T: Sync> IntoParallelIterator for &'data Box<[T]> {
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
pub struct IterMut<'data, T> {
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

/// ```
/// use beat::prelude::*;
/// let mut b: Box<[i32]> = Box::new([1, 2, 3]);
/// (&mut b).into_par_iter().for_each(|x| *x *= 10);
/// assert_eq!(*b, [10, 20, 30]);
/// ```
impl<'data, T: Send> IntoParallelIterator for &'data mut Box<[T]> {
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
