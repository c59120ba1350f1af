use std::fmt;

use super::gate::{GateConsumer, While};
use super::plumbing::UnindexedConsumer;
use super::ParallelIterator;

/// The iterator returned by [`ParallelIterator::take_any_while`].
///
/// # Examples
///
/// ```
/// use beat::prelude::*;
/// let it: beat::iter::TakeAnyWhile<_, _> = (0..100).into_par_iter().take_any_while(|&x| x < 10);
/// let v: Vec<i32> = it.collect();
/// assert!(v.len() <= 10 && v.windows(2).all(|w| w[0] < w[1]));
/// ```
#[must_use = "iterator adapters are lazy and do nothing unless consumed"]
#[derive(Clone)]
pub struct TakeAnyWhile<I, P> {
    base: I,
    predicate: P,
}

impl<I: fmt::Debug, P> fmt::Debug for TakeAnyWhile<I, P> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TakeAnyWhile")
            .field("base", &self.base)
            .finish()
    }
}

impl<I, P> TakeAnyWhile<I, P> {
    pub(super) fn new(base: I, predicate: P) -> Self {
        TakeAnyWhile { base, predicate }
    }
}

impl<I, P> ParallelIterator for TakeAnyWhile<I, P>
where
    I: ParallelIterator,
    P: Fn(&I::Item) -> bool + Sync + Send,
{
    type Item = I::Item;

    fn drive_unindexed<C>(self, consumer: C) -> C::Result
    where
        C: UnindexedConsumer<Self::Item>,
    {
        let gate = While::<_, true>::new(&self.predicate);
        self.base
            .drive_unindexed(GateConsumer::new(consumer, &gate))
    }
}
