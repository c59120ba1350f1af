//! `par_split`, `par_split_inclusive` and their `_mut` forms.

use std::fmt;

use super::pieces::{CutRule, Pieces};
use crate::iter::plumbing::{bridge_unindexed, UnindexedConsumer};
use crate::iter::ParallelIterator;

/// Cuts at each element matching the separator, dropping it (`split`). A cut is the
/// separator's index.
pub(super) struct Dropping<'p, P>(pub(super) &'p P);

impl<T, P: Fn(&T) -> bool + Sync> CutRule<T> for Dropping<'_, P> {
    const GAP: usize = 1;
    const EMPTY_PIECE: bool = true;

    #[inline]
    fn find(&self, s: &[T], from: usize, to: usize) -> Option<usize> {
        if from >= to {
            return None;
        }
        s[from..to].iter().position(self.0).map(|i| from + i)
    }

    #[inline]
    fn rfind(&self, s: &[T], to: usize) -> Option<usize> {
        s[..to].iter().rposition(self.0)
    }
}

/// Cuts after each element matching the separator, which ends its piece
/// (`split_inclusive`). A cut is the index after the separator.
pub(super) struct Inclusive<'p, P>(pub(super) &'p P);

impl<T, P: Fn(&T) -> bool + Sync> CutRule<T> for Inclusive<'_, P> {
    const GAP: usize = 0;
    const EMPTY_PIECE: bool = false;

    #[inline]
    fn find(&self, s: &[T], from: usize, to: usize) -> Option<usize> {
        let from = from.max(1);
        if from >= to {
            return None;
        }
        // Cut `p` when element `p - 1` is a separator.
        s[from - 1..to - 1]
            .iter()
            .position(self.0)
            .map(|i| from + i)
    }

    #[inline]
    fn rfind(&self, s: &[T], to: usize) -> Option<usize> {
        if to < 2 {
            return None;
        }
        s[..to - 1].iter().rposition(self.0).map(|i| i + 1)
    }
}

/// Writes `name { slice: .. }`, leaving out the separator.
fn debug_slice<T: fmt::Debug>(f: &mut fmt::Formatter<'_>, name: &str, slice: &[T]) -> fmt::Result {
    f.debug_struct(name).field("slice", &slice).finish()
}

/// The iterator returned by [`ParallelSlice::par_split`](super::ParallelSlice::par_split):
/// the `&[T]` pieces between elements that match the separator, as `split` gives them.
///
/// # Examples
///
/// ```
/// use beat::prelude::*;
/// let it: beat::slice::Split<'_, i32, _> = [1, 0, 2, 3].par_split(|x| *x == 0);
/// assert_eq!(it.collect::<Vec<_>>(), [&[1][..], &[2, 3]]);
/// ```
#[must_use = "iterator adapters are lazy and do nothing unless consumed"]
pub struct Split<'data, T, P> {
    slice: &'data [T],
    separator: P,
}

impl<'data, T, P> Split<'data, T, P> {
    pub(super) fn new(slice: &'data [T], separator: P) -> Self {
        Split { slice, separator }
    }
}

impl<T, P: Clone> Clone for Split<'_, T, P> {
    fn clone(&self) -> Self {
        Split {
            slice: self.slice,
            separator: self.separator.clone(),
        }
    }
}

impl<T: fmt::Debug, P> fmt::Debug for Split<'_, T, P> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        debug_slice(f, "Split", self.slice)
    }
}

impl<'data, T, P> ParallelIterator for Split<'data, T, P>
where
    P: Fn(&T) -> bool + Sync + Send,
    T: Sync,
{
    type Item = &'data [T];

    fn drive_unindexed<C>(self, consumer: C) -> C::Result
    where
        C: UnindexedConsumer<Self::Item>,
    {
        let rule = Dropping(&self.separator);
        bridge_unindexed(Pieces::new(self.slice, &rule), consumer)
    }
}

/// The iterator returned by
/// [`ParallelSlice::par_split_inclusive`](super::ParallelSlice::par_split_inclusive): the
/// `&[T]` pieces ending at each element that matches the separator, as `split_inclusive`
/// gives them.
///
/// # Examples
///
/// ```
/// use beat::prelude::*;
/// let it: beat::slice::SplitInclusive<'_, i32, _> =
///     [1, 0, 2, 3].par_split_inclusive(|x| *x == 0);
/// assert_eq!(it.collect::<Vec<_>>(), [&[1, 0][..], &[2, 3]]);
/// ```
#[must_use = "iterator adapters are lazy and do nothing unless consumed"]
pub struct SplitInclusive<'data, T, P> {
    slice: &'data [T],
    separator: P,
}

impl<'data, T, P> SplitInclusive<'data, T, P> {
    pub(super) fn new(slice: &'data [T], separator: P) -> Self {
        SplitInclusive { slice, separator }
    }
}

impl<T, P: Clone> Clone for SplitInclusive<'_, T, P> {
    fn clone(&self) -> Self {
        SplitInclusive {
            slice: self.slice,
            separator: self.separator.clone(),
        }
    }
}

impl<T: fmt::Debug, P> fmt::Debug for SplitInclusive<'_, T, P> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        debug_slice(f, "SplitInclusive", self.slice)
    }
}

impl<'data, T, P> ParallelIterator for SplitInclusive<'data, T, P>
where
    P: Fn(&T) -> bool + Sync + Send,
    T: Sync,
{
    type Item = &'data [T];

    fn drive_unindexed<C>(self, consumer: C) -> C::Result
    where
        C: UnindexedConsumer<Self::Item>,
    {
        let rule = Inclusive(&self.separator);
        bridge_unindexed(Pieces::new(self.slice, &rule), consumer)
    }
}

/// The iterator returned by
/// [`ParallelSliceMut::par_split_mut`](super::ParallelSliceMut::par_split_mut): the
/// `&mut [T]` pieces between elements that match the separator, as `split_mut` gives them.
///
/// # Examples
///
/// ```
/// use beat::prelude::*;
/// let mut v = [1, 0, 2, 3];
/// let it: beat::slice::SplitMut<'_, i32, _> = v.par_split_mut(|x| *x == 0);
/// it.for_each(|piece| piece.reverse());
/// assert_eq!(v, [1, 0, 3, 2]);
/// ```
#[must_use = "iterator adapters are lazy and do nothing unless consumed"]
pub struct SplitMut<'data, T, P> {
    slice: &'data mut [T],
    separator: P,
}

impl<'data, T, P> SplitMut<'data, T, P> {
    pub(super) fn new(slice: &'data mut [T], separator: P) -> Self {
        SplitMut { slice, separator }
    }
}

impl<T: fmt::Debug, P> fmt::Debug for SplitMut<'_, T, P> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        debug_slice(f, "SplitMut", self.slice)
    }
}

impl<'data, T, P> ParallelIterator for SplitMut<'data, T, P>
where
    P: Fn(&T) -> bool + Sync + Send,
    T: Send,
{
    type Item = &'data mut [T];

    fn drive_unindexed<C>(self, consumer: C) -> C::Result
    where
        C: UnindexedConsumer<Self::Item>,
    {
        let rule = Dropping(&self.separator);
        bridge_unindexed(Pieces::new(self.slice, &rule), consumer)
    }
}

/// The iterator returned by
/// [`ParallelSliceMut::par_split_inclusive_mut`](super::ParallelSliceMut::par_split_inclusive_mut):
/// the `&mut [T]` pieces ending at each element that matches the separator, as
/// `split_inclusive_mut` gives them.
///
/// # Examples
///
/// ```
/// use beat::prelude::*;
/// let mut v = [1, 0, 2, 3];
/// let it: beat::slice::SplitInclusiveMut<'_, i32, _> =
///     v.par_split_inclusive_mut(|x| *x == 0);
/// it.for_each(|piece| piece.reverse());
/// assert_eq!(v, [0, 1, 3, 2]);
/// ```
#[must_use = "iterator adapters are lazy and do nothing unless consumed"]
pub struct SplitInclusiveMut<'data, T, P> {
    slice: &'data mut [T],
    separator: P,
}

impl<'data, T, P> SplitInclusiveMut<'data, T, P> {
    pub(super) fn new(slice: &'data mut [T], separator: P) -> Self {
        SplitInclusiveMut { slice, separator }
    }
}

impl<T: fmt::Debug, P> fmt::Debug for SplitInclusiveMut<'_, T, P> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        debug_slice(f, "SplitInclusiveMut", self.slice)
    }
}

impl<'data, T, P> ParallelIterator for SplitInclusiveMut<'data, T, P>
where
    P: Fn(&T) -> bool + Sync + Send,
    T: Send,
{
    type Item = &'data mut [T];

    fn drive_unindexed<C>(self, consumer: C) -> C::Result
    where
        C: UnindexedConsumer<Self::Item>,
    {
        let rule = Inclusive(&self.separator);
        bridge_unindexed(Pieces::new(self.slice, &rule), consumer)
    }
}
