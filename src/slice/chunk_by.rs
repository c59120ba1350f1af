//! `par_chunk_by` and `par_chunk_by_mut`: runs of elements that a predicate links.

use std::fmt;

use super::pieces::{CutRule, Pieces};
use crate::iter::plumbing::{bridge_unindexed, UnindexedConsumer};
use crate::iter::ParallelIterator;

/// Cuts between neighbours the predicate does not link (`chunk_by`). A cut is the index of
/// the second neighbour.
pub(super) struct Runs<'p, P>(pub(super) &'p P);

impl<T, P: Fn(&T, &T) -> bool + Sync> CutRule<T> for Runs<'_, P> {
    const GAP: usize = 0;
    const EMPTY_PIECE: bool = false;

    #[inline]
    fn find(&self, s: &[T], from: usize, to: usize) -> Option<usize> {
        let from = from.max(1);
        if from >= to {
            return None;
        }
        s[from - 1..to]
            .windows(2)
            .position(|w| !(self.0)(&w[0], &w[1]))
            .map(|i| from + i)
    }

    #[inline]
    fn rfind(&self, s: &[T], to: usize) -> Option<usize> {
        if to < 2 {
            return None;
        }
        s[..to]
            .windows(2)
            .rposition(|w| !(self.0)(&w[0], &w[1]))
            .map(|i| i + 1)
    }
}

/// The iterator returned by
/// [`ParallelSlice::par_chunk_by`](super::ParallelSlice::par_chunk_by): the longest `&[T]`
/// runs in which the predicate holds for each element and the next, as `chunk_by` gives
/// them.
///
/// # Examples
///
/// ```
/// use beat::prelude::*;
/// let it: beat::slice::ChunkBy<'_, i32, _> = [1, 2, 4, 5].par_chunk_by(|a, b| a + 1 == *b);
/// assert_eq!(it.collect::<Vec<_>>(), [&[1, 2][..], &[4, 5]]);
/// ```
#[must_use = "iterator adapters are lazy and do nothing unless consumed"]
pub struct ChunkBy<'data, T, P> {
    pred: P,
    slice: &'data [T],
}

impl<'data, T, P> ChunkBy<'data, T, P> {
    pub(super) fn new(slice: &'data [T], pred: P) -> Self {
        ChunkBy { pred, slice }
    }
}

impl<T, P: Clone> Clone for ChunkBy<'_, T, P> {
    fn clone(&self) -> Self {
        ChunkBy {
            pred: self.pred.clone(),
            slice: self.slice,
        }
    }
}

impl<T: fmt::Debug, P> fmt::Debug for ChunkBy<'_, T, P> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ChunkBy")
            .field("slice", &self.slice)
            .finish()
    }
}

impl<'data, T, P> ParallelIterator for ChunkBy<'data, T, P>
where
    T: Sync,
    P: Fn(&T, &T) -> bool + Send + Sync,
{
    type Item = &'data [T];

    fn drive_unindexed<C>(self, consumer: C) -> C::Result
    where
        C: UnindexedConsumer<Self::Item>,
    {
        let rule = Runs(&self.pred);
        bridge_unindexed(Pieces::new(self.slice, &rule), consumer)
    }
}

/// The iterator returned by
/// [`ParallelSliceMut::par_chunk_by_mut`](super::ParallelSliceMut::par_chunk_by_mut): the
/// longest `&mut [T]` runs in which the predicate holds for each element and the next, as
/// `chunk_by_mut` gives them.
///
/// # Examples
///
/// ```
/// use beat::prelude::*;
/// let mut v = [1, 1, 2, 3, 3];
/// let it: beat::slice::ChunkByMut<'_, i32, _> = v.par_chunk_by_mut(|a, b| a == b);
/// it.for_each(|run| run[0] = 0);
/// assert_eq!(v, [0, 1, 0, 0, 3]);
/// ```
#[must_use = "iterator adapters are lazy and do nothing unless consumed"]
pub struct ChunkByMut<'data, T, P> {
    pred: P,
    slice: &'data mut [T],
}

impl<'data, T, P> ChunkByMut<'data, T, P> {
    pub(super) fn new(slice: &'data mut [T], pred: P) -> Self {
        ChunkByMut { pred, slice }
    }
}

impl<T: fmt::Debug, P> fmt::Debug for ChunkByMut<'_, T, P> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ChunkByMut")
            .field("slice", &self.slice)
            .finish()
    }
}

impl<'data, T, P> ParallelIterator for ChunkByMut<'data, T, P>
where
    T: Send,
    P: Fn(&T, &T) -> bool + Send + Sync,
{
    type Item = &'data mut [T];

    fn drive_unindexed<C>(self, consumer: C) -> C::Result
    where
        C: UnindexedConsumer<Self::Item>,
    {
        let rule = Runs(&self.pred);
        bridge_unindexed(Pieces::new(self.slice, &rule), consumer)
    }
}
