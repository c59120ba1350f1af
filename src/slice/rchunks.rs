//! `par_rchunks`, `par_rchunks_exact` and their `_mut` forms: chunks counted from the end.

use super::chunks::{Back, ChunkProducer};
use super::parts::indexed_slice_iter;
use crate::iter::plumbing::{bridge, Consumer, ProducerCallback, UnindexedConsumer};
use crate::iter::{IndexedParallelIterator, ParallelIterator};

/// The iterator returned by
/// [`ParallelSlice::par_rchunks`](super::ParallelSlice::par_rchunks): `&[T]` chunks of
/// `chunk_size` elements from the back, the last one yielded (the front of the slice)
/// possibly shorter.
///
/// # Examples
///
/// ```
/// use beat::prelude::*;
/// let it: beat::slice::RChunks<'_, i32> = [1, 2, 3].par_rchunks(2);
/// assert_eq!(it.collect::<Vec<_>>(), [&[2, 3][..], &[1]]);
/// ```
#[must_use = "iterator adapters are lazy and do nothing unless consumed"]
#[derive(Debug)]
pub struct RChunks<'data, T> {
    chunk_size: usize,
    slice: &'data [T],
}

impl<'data, T> RChunks<'data, T> {
    pub(super) fn new(chunk_size: usize, slice: &'data [T]) -> Self {
        RChunks { chunk_size, slice }
    }
}

impl<T> Clone for RChunks<'_, T> {
    fn clone(&self) -> Self {
        RChunks { ..*self }
    }
}

indexed_slice_iter! {
    impl<'data, T> for RChunks<'data, T> where [T: Sync + 'data]
    item = &'data [T];
    len = |it| it.slice.len().div_ceil(it.chunk_size);
    producer = |it| ChunkProducer::<_, Back>::new(it.slice, it.chunk_size);
}

/// The iterator returned by
/// [`ParallelSlice::par_rchunks_exact`](super::ParallelSlice::par_rchunks_exact): `&[T]`
/// chunks of exactly `chunk_size` elements from the back; the elements left over at the
/// front are [`remainder`](RChunksExact::remainder).
///
/// # Examples
///
/// ```
/// use beat::prelude::*;
/// let it: beat::slice::RChunksExact<'_, i32> = [1, 2, 3].par_rchunks_exact(2);
/// assert_eq!(it.remainder(), &[1]);
/// assert_eq!(it.collect::<Vec<_>>(), [&[2, 3]]);
/// ```
#[must_use = "iterator adapters are lazy and do nothing unless consumed"]
#[derive(Debug)]
pub struct RChunksExact<'data, T> {
    chunk_size: usize,
    slice: &'data [T],
    rem: &'data [T],
}

impl<'data, T> RChunksExact<'data, T> {
    pub(super) fn new(chunk_size: usize, slice: &'data [T]) -> Self {
        let (rem, slice) = slice.split_at(slice.len() % chunk_size);
        RChunksExact {
            chunk_size,
            slice,
            rem,
        }
    }

    /// The first elements of the slice, fewer than `chunk_size`, that no chunk holds.
    ///
    /// # Examples
    ///
    /// ```
    /// use beat::prelude::*;
    /// assert_eq!([1, 2, 3, 4, 5].par_rchunks_exact(2).remainder(), &[1]);
    /// assert!([1, 2, 3, 4].par_rchunks_exact(2).remainder().is_empty());
    /// ```
    pub fn remainder(&self) -> &'data [T] {
        self.rem
    }
}

impl<T> Clone for RChunksExact<'_, T> {
    fn clone(&self) -> Self {
        RChunksExact { ..*self }
    }
}

indexed_slice_iter! {
    impl<'data, T> for RChunksExact<'data, T> where [T: Sync + 'data]
    item = &'data [T];
    len = |it| it.slice.len() / it.chunk_size;
    producer = |it| ChunkProducer::<_, Back>::new(it.slice, it.chunk_size);
}

/// The iterator returned by
/// [`ParallelSliceMut::par_rchunks_mut`](super::ParallelSliceMut::par_rchunks_mut):
/// `&mut [T]` chunks of `chunk_size` elements from the back, the last one yielded (the
/// front of the slice) possibly shorter.
///
/// # Examples
///
/// ```
/// use beat::prelude::*;
/// let mut v = [1, 2, 3];
/// let it: beat::slice::RChunksMut<'_, i32> = v.par_rchunks_mut(2);
/// it.for_each(|c| c[0] = 0);
/// assert_eq!(v, [0, 0, 3]);
/// ```
#[must_use = "iterator adapters are lazy and do nothing unless consumed"]
#[derive(Debug)]
pub struct RChunksMut<'data, T> {
    chunk_size: usize,
    slice: &'data mut [T],
}

impl<'data, T> RChunksMut<'data, T> {
    pub(super) fn new(chunk_size: usize, slice: &'data mut [T]) -> Self {
        RChunksMut { chunk_size, slice }
    }
}

indexed_slice_iter! {
    impl<'data, T> for RChunksMut<'data, T> where [T: Send + 'data]
    item = &'data mut [T];
    len = |it| it.slice.len().div_ceil(it.chunk_size);
    producer = |it| ChunkProducer::<_, Back>::new(it.slice, it.chunk_size);
}

/// The iterator returned by
/// [`ParallelSliceMut::par_rchunks_exact_mut`](super::ParallelSliceMut::par_rchunks_exact_mut):
/// `&mut [T]` chunks of exactly `chunk_size` elements from the back; the elements left
/// over at the front are the remainder.
///
/// # Examples
///
/// ```
/// use beat::prelude::*;
/// let mut v = [1, 2, 3];
/// let mut it: beat::slice::RChunksExactMut<'_, i32> = v.par_rchunks_exact_mut(2);
/// it.remainder()[0] = 10;
/// it.for_each(|c| c.swap(0, 1));
/// assert_eq!(v, [10, 3, 2]);
/// ```
#[must_use = "iterator adapters are lazy and do nothing unless consumed"]
#[derive(Debug)]
pub struct RChunksExactMut<'data, T: Send> {
    chunk_size: usize,
    slice: &'data mut [T],
    rem: &'data mut [T],
}

impl<'data, T: Send> RChunksExactMut<'data, T> {
    pub(super) fn new(chunk_size: usize, slice: &'data mut [T]) -> Self {
        let (rem, slice) = slice.split_at_mut(slice.len() % chunk_size);
        RChunksExactMut {
            chunk_size,
            slice,
            rem,
        }
    }

    /// Consumes the iterator and returns the first elements of the slice, fewer than
    /// `chunk_size`, that no chunk holds, with the slice's lifetime. As the iterator is
    /// consumed, this is for code that wants only the remainder; see
    /// [`remainder`](Self::remainder) and [`take_remainder`](Self::take_remainder) otherwise.
    ///
    /// # Examples
    ///
    /// ```
    /// use beat::prelude::*;
    /// let mut v = [1, 2, 3, 4, 5];
    /// let rem = v.par_rchunks_exact_mut(2).into_remainder();
    /// rem[0] = 10;
    /// assert_eq!(v, [10, 2, 3, 4, 5]);
    /// ```
    pub fn into_remainder(self) -> &'data mut [T] {
        self.rem
    }

    /// The first elements of the slice, fewer than `chunk_size`, that no chunk holds,
    /// borrowed from the iterator.
    ///
    /// # Examples
    ///
    /// ```
    /// use beat::prelude::*;
    /// let mut v = [1, 2, 3, 4, 5];
    /// let mut it = v.par_rchunks_exact_mut(2);
    /// it.remainder()[0] = 10;
    /// it.for_each(|c| c[0] = 0);
    /// assert_eq!(v, [10, 0, 3, 0, 5]);
    /// ```
    pub fn remainder(&mut self) -> &mut [T] {
        self.rem
    }

    /// Takes the first elements of the slice, fewer than `chunk_size`, that no chunk holds,
    /// with the slice's lifetime; later calls return an empty slice.
    ///
    /// # Examples
    ///
    /// ```
    /// use beat::prelude::*;
    /// let mut v = [1, 2, 3, 4, 5];
    /// let mut it = v.par_rchunks_exact_mut(2);
    /// let rem = it.take_remainder();
    /// assert!(it.take_remainder().is_empty());
    /// it.for_each(|c| c[0] += rem[0]);
    /// assert_eq!(v, [1, 3, 3, 5, 5]);
    /// ```
    pub fn take_remainder(&mut self) -> &'data mut [T] {
        std::mem::take(&mut self.rem)
    }
}

indexed_slice_iter! {
    impl<'data, T> for RChunksExactMut<'data, T> where [T: Send + 'data]
    item = &'data mut [T];
    len = |it| it.slice.len() / it.chunk_size;
    producer = |it| ChunkProducer::<_, Back>::new(it.slice, it.chunk_size);
}
