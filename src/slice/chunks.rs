//! `par_chunks`, `par_chunks_exact` and their `_mut` forms, and the chunk producer that
//! `rchunks.rs` shares.

use std::marker::PhantomData;

use super::parts::{indexed_slice_iter, SlicePart};
use crate::iter::plumbing::{bridge, Consumer, Producer, ProducerCallback, UnindexedConsumer};
use crate::iter::{IndexedParallelIterator, ParallelIterator};

/// The order in which a [`ChunkProducer`] hands out the chunks of its slice.
pub(super) trait ChunkWalk<S>: Sized {
    /// Chunks are counted from the end of the slice (`rchunks`), so a short chunk comes
    /// last in iteration order and sits at the front of the slice.
    const FROM_BACK: bool;

    /// The sequential iterator of a leaf.
    type Iter: Iterator<Item = S> + DoubleEndedIterator + ExactSizeIterator;

    /// The chunks of `slice`, `size` elements each except possibly the last one yielded.
    fn walk(slice: S, size: usize) -> Self::Iter;
}

/// Chunks from the front of the slice (`chunks`).
pub(super) struct Front;

/// Chunks from the back of the slice (`rchunks`).
pub(super) struct Back;

impl<'a, T: Sync> ChunkWalk<&'a [T]> for Front {
    const FROM_BACK: bool = false;
    type Iter = std::slice::Chunks<'a, T>;

    #[inline]
    fn walk(slice: &'a [T], size: usize) -> Self::Iter {
        slice.chunks(size)
    }
}

impl<'a, T: Send> ChunkWalk<&'a mut [T]> for Front {
    const FROM_BACK: bool = false;
    type Iter = std::slice::ChunksMut<'a, T>;

    #[inline]
    fn walk(slice: &'a mut [T], size: usize) -> Self::Iter {
        slice.chunks_mut(size)
    }
}

impl<'a, T: Sync> ChunkWalk<&'a [T]> for Back {
    const FROM_BACK: bool = true;
    type Iter = std::slice::RChunks<'a, T>;

    #[inline]
    fn walk(slice: &'a [T], size: usize) -> Self::Iter {
        slice.rchunks(size)
    }
}

impl<'a, T: Send> ChunkWalk<&'a mut [T]> for Back {
    const FROM_BACK: bool = true;
    type Iter = std::slice::RChunksMut<'a, T>;

    #[inline]
    fn walk(slice: &'a mut [T], size: usize) -> Self::Iter {
        slice.rchunks_mut(size)
    }
}

/// The chunks of `size` elements of a slice, walked as `W` says. The exact iterators trim
/// their remainder off before building one, so every chunk is then full and the plain walks
/// serve them too.
pub(super) struct ChunkProducer<S, W> {
    slice: S,
    size: usize,
    walk: PhantomData<fn() -> W>,
}

impl<S, W> ChunkProducer<S, W> {
    #[inline]
    pub(super) fn new(slice: S, size: usize) -> Self {
        debug_assert!(size > 0);
        ChunkProducer {
            slice,
            size,
            walk: PhantomData,
        }
    }
}

impl<S: SlicePart, W: ChunkWalk<S>> Producer for ChunkProducer<S, W> {
    type Item = S;
    type IntoIter = W::Iter;

    #[inline]
    fn into_iter(self) -> Self::IntoIter {
        W::walk(self.slice, self.size)
    }

    #[inline]
    fn split_at(self, index: usize) -> (Self, Self) {
        let len = self.slice.len();
        // The first `index` chunks hold `n` elements: all full, unless they reach the end.
        let n = index.saturating_mul(self.size).min(len);
        let (first, rest) = if W::FROM_BACK {
            let (rest, first) = self.slice.split_at(len - n);
            (first, rest)
        } else {
            self.slice.split_at(n)
        };
        (
            ChunkProducer::new(first, self.size),
            ChunkProducer::new(rest, self.size),
        )
    }
}

/// The iterator returned by [`ParallelSlice::par_chunks`](super::ParallelSlice::par_chunks):
/// `&[T]` chunks of `chunk_size` elements from the front, the last one possibly shorter.
///
/// # Examples
///
/// ```
/// use beat::prelude::*;
/// let it: beat::slice::Chunks<'_, i32> = [1, 2, 3].par_chunks(2);
/// assert_eq!(it.collect::<Vec<_>>(), [&[1, 2][..], &[3]]);
/// ```
#[must_use = "iterator adapters are lazy and do nothing unless consumed"]
#[derive(Debug)]
pub struct Chunks<'data, T> {
    chunk_size: usize,
    slice: &'data [T],
}

impl<'data, T> Chunks<'data, T> {
    pub(super) fn new(chunk_size: usize, slice: &'data [T]) -> Self {
        Chunks { chunk_size, slice }
    }
}

impl<T> Clone for Chunks<'_, T> {
    fn clone(&self) -> Self {
        Chunks { ..*self }
    }
}

indexed_slice_iter! {
    impl<'data, T> for Chunks<'data, T> where [T: Sync + 'data]
    item = &'data [T];
    len = |it| it.slice.len().div_ceil(it.chunk_size);
    producer = |it| ChunkProducer::<_, Front>::new(it.slice, it.chunk_size);
}

/// The iterator returned by
/// [`ParallelSlice::par_chunks_exact`](super::ParallelSlice::par_chunks_exact): `&[T]`
/// chunks of exactly `chunk_size` elements from the front; the elements left over are
/// [`remainder`](ChunksExact::remainder).
///
/// # Examples
///
/// ```
/// use beat::prelude::*;
/// let it: beat::slice::ChunksExact<'_, i32> = [1, 2, 3].par_chunks_exact(2);
/// assert_eq!(it.remainder(), &[3]);
/// assert_eq!(it.collect::<Vec<_>>(), [&[1, 2]]);
/// ```
#[must_use = "iterator adapters are lazy and do nothing unless consumed"]
#[derive(Debug)]
pub struct ChunksExact<'data, T> {
    chunk_size: usize,
    slice: &'data [T],
    rem: &'data [T],
}

impl<'data, T> ChunksExact<'data, T> {
    pub(super) fn new(chunk_size: usize, slice: &'data [T]) -> Self {
        let (slice, rem) = slice.split_at(slice.len() - slice.len() % chunk_size);
        ChunksExact {
            chunk_size,
            slice,
            rem,
        }
    }

    /// The last elements of the slice, fewer than `chunk_size`, that no chunk holds.
    ///
    /// # Examples
    ///
    /// ```
    /// use beat::prelude::*;
    /// assert_eq!([1, 2, 3, 4, 5].par_chunks_exact(2).remainder(), &[5]);
    /// assert!([1, 2, 3, 4].par_chunks_exact(2).remainder().is_empty());
    /// ```
    pub fn remainder(&self) -> &'data [T] {
        self.rem
    }
}

impl<T> Clone for ChunksExact<'_, T> {
    fn clone(&self) -> Self {
        ChunksExact { ..*self }
    }
}

indexed_slice_iter! {
    impl<'data, T> for ChunksExact<'data, T> where [T: Sync + 'data]
    item = &'data [T];
    len = |it| it.slice.len() / it.chunk_size;
    producer = |it| ChunkProducer::<_, Front>::new(it.slice, it.chunk_size);
}

/// The iterator returned by
/// [`ParallelSliceMut::par_chunks_mut`](super::ParallelSliceMut::par_chunks_mut):
/// `&mut [T]` chunks of `chunk_size` elements from the front, the last one possibly
/// shorter.
///
/// # Examples
///
/// ```
/// use beat::prelude::*;
/// let mut v = [1, 2, 3];
/// let it: beat::slice::ChunksMut<'_, i32> = v.par_chunks_mut(2);
/// it.for_each(|c| c[0] = 0);
/// assert_eq!(v, [0, 2, 0]);
/// ```
#[must_use = "iterator adapters are lazy and do nothing unless consumed"]
#[derive(Debug)]
pub struct ChunksMut<'data, T> {
    chunk_size: usize,
    slice: &'data mut [T],
}

impl<'data, T> ChunksMut<'data, T> {
    pub(super) fn new(chunk_size: usize, slice: &'data mut [T]) -> Self {
        ChunksMut { chunk_size, slice }
    }
}

indexed_slice_iter! {
    impl<'data, T> for ChunksMut<'data, T> where [T: Send + 'data]
    item = &'data mut [T];
    len = |it| it.slice.len().div_ceil(it.chunk_size);
    producer = |it| ChunkProducer::<_, Front>::new(it.slice, it.chunk_size);
}

/// The iterator returned by
/// [`ParallelSliceMut::par_chunks_exact_mut`](super::ParallelSliceMut::par_chunks_exact_mut):
/// `&mut [T]` chunks of exactly `chunk_size` elements from the front; the elements left
/// over are the remainder.
///
/// # Examples
///
/// ```
/// use beat::prelude::*;
/// let mut v = [1, 2, 3];
/// let mut it: beat::slice::ChunksExactMut<'_, i32> = v.par_chunks_exact_mut(2);
/// it.remainder()[0] = 30;
/// it.for_each(|c| c.swap(0, 1));
/// assert_eq!(v, [2, 1, 30]);
/// ```
#[must_use = "iterator adapters are lazy and do nothing unless consumed"]
#[derive(Debug)]
pub struct ChunksExactMut<'data, T> {
    chunk_size: usize,
    slice: &'data mut [T],
    rem: &'data mut [T],
}

impl<'data, T> ChunksExactMut<'data, T> {
    pub(super) fn new(chunk_size: usize, slice: &'data mut [T]) -> Self {
        let at = slice.len() - slice.len() % chunk_size;
        let (slice, rem) = slice.split_at_mut(at);
        ChunksExactMut {
            chunk_size,
            slice,
            rem,
        }
    }

    /// Consumes the iterator and returns the last elements of the slice, fewer than
    /// `chunk_size`, that no chunk holds, with the slice's lifetime. As the iterator is
    /// consumed, this is for code that wants only the remainder; see
    /// [`remainder`](Self::remainder) and [`take_remainder`](Self::take_remainder) otherwise.
    ///
    /// # Examples
    ///
    /// ```
    /// use beat::prelude::*;
    /// let mut v = [1, 2, 3, 4, 5];
    /// let rem = v.par_chunks_exact_mut(2).into_remainder();
    /// rem[0] = 50;
    /// assert_eq!(v, [1, 2, 3, 4, 50]);
    /// ```
    pub fn into_remainder(self) -> &'data mut [T] {
        self.rem
    }

    /// The last elements of the slice, fewer than `chunk_size`, that no chunk holds,
    /// borrowed from the iterator.
    ///
    /// # Examples
    ///
    /// ```
    /// use beat::prelude::*;
    /// let mut v = [1, 2, 3, 4, 5];
    /// let mut it = v.par_chunks_exact_mut(2);
    /// it.remainder()[0] = 50;
    /// it.for_each(|c| c[0] = 0);
    /// assert_eq!(v, [0, 2, 0, 4, 50]);
    /// ```
    pub fn remainder(&mut self) -> &mut [T] {
        self.rem
    }

    /// Takes the last elements of the slice, fewer than `chunk_size`, that no chunk holds,
    /// with the slice's lifetime; later calls return an empty slice.
    ///
    /// # Examples
    ///
    /// ```
    /// use beat::prelude::*;
    /// let mut v = [1, 2, 3, 4, 5];
    /// let mut it = v.par_chunks_exact_mut(2);
    /// let rem = it.take_remainder();
    /// assert!(it.take_remainder().is_empty());
    /// it.for_each(|c| c[1] += rem[0]);
    /// assert_eq!(v, [1, 7, 3, 9, 5]);
    /// ```
    pub fn take_remainder(&mut self) -> &'data mut [T] {
        std::mem::take(&mut self.rem)
    }
}

indexed_slice_iter! {
    impl<'data, T> for ChunksExactMut<'data, T> where [T: Send + 'data]
    item = &'data mut [T];
    len = |it| it.slice.len() / it.chunk_size;
    producer = |it| ChunkProducer::<_, Front>::new(it.slice, it.chunk_size);
}
