use std::fmt;

use super::plumbing::UnindexedConsumer;
use super::{IndexedParallelIterator, ParallelIterator};

/// The iterator returned by [`IndexedParallelIterator::positions`].
///
/// # Examples
///
/// ```
/// use beat::prelude::*;
/// let it: beat::iter::Positions<_, _> = (10..20).into_par_iter().positions(|x| x % 4 == 0);
/// assert_eq!(it.collect::<Vec<_>>(), [2, 6]);
/// ```
#[must_use = "iterator adapters are lazy and do nothing unless consumed"]
#[derive(Clone)]
pub struct Positions<I, P> {
    base: I,
    predicate: P,
}

impl<I: fmt::Debug, P> fmt::Debug for Positions<I, P> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Positions")
            .field("base", &self.base)
            .finish()
    }
}

impl<I, P> Positions<I, P> {
    pub(super) fn new(base: I, predicate: P) -> Self {
        Positions { base, predicate }
    }
}

/// The index of a matching item.
#[inline]
fn hit((i, matched): (usize, bool)) -> Option<usize> {
    matched.then_some(i)
}

impl<I, P> ParallelIterator for Positions<I, P>
where
    I: IndexedParallelIterator,
    P: Fn(I::Item) -> bool + Sync + Send,
{
    type Item = usize;

    fn drive_unindexed<C>(self, consumer: C) -> C::Result
    where
        C: UnindexedConsumer<usize>,
    {
        self.base
            .map(&self.predicate)
            .enumerate()
            .filter_map(hit)
            .drive_unindexed(consumer)
    }
}
