use std::fmt;

use super::gate::{GateConsumer, While};
use super::plumbing::UnindexedConsumer;
use super::ParallelIterator;

/// The iterator returned by [`ParallelIterator::skip_any_while`].
///
/// # Examples
///
/// ```
/// use beat::prelude::*;
/// let it: beat::iter::SkipAnyWhile<_, _> = (0..100).into_par_iter().skip_any_while(|&x| x < 10);
/// let v: Vec<i32> = it.collect();
/// assert!(v.len() >= 90 && v.windows(2).all(|w| w[0] < w[1]));
/// ```
#[must_use = "iterator adapters are lazy and do nothing unless consumed"]
#[derive(Clone)]
pub struct SkipAnyWhile<I, P> {
    base: I,
    predicate: P,
}

impl<I: fmt::Debug, P> fmt::Debug for SkipAnyWhile<I, P> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SkipAnyWhile")
            .field("base", &self.base)
            .finish()
    }
}

impl<I, P> SkipAnyWhile<I, P> {
    pub(super) fn new(base: I, predicate: P) -> Self {
        SkipAnyWhile { base, predicate }
    }
}

impl<I, P> ParallelIterator for SkipAnyWhile<I, P>
where
    I: ParallelIterator,
    P: Fn(&I::Item) -> bool + Sync + Send,
{
    type Item = I::Item;

    fn drive_unindexed<C>(self, consumer: C) -> C::Result
    where
        C: UnindexedConsumer<Self::Item>,
    {
        let gate = While::<_, false>::new(&self.predicate);
        self.base
            .drive_unindexed(GateConsumer::new(consumer, &gate))
    }
}
