use super::gate::{Countdown, GateConsumer};
use super::plumbing::UnindexedConsumer;
use super::ParallelIterator;

/// The iterator returned by [`ParallelIterator::take_any`].
///
/// # Examples
///
/// ```
/// use beat::prelude::*;
/// let it: beat::iter::TakeAny<_> = (0..100).into_par_iter().take_any(5);
/// assert_eq!(it.count(), 5);
/// ```
#[must_use = "iterator adapters are lazy and do nothing unless consumed"]
#[derive(Clone, Debug)]
pub struct TakeAny<I> {
    base: I,
    count: usize,
}

impl<I> TakeAny<I> {
    pub(super) fn new(base: I, count: usize) -> Self {
        TakeAny { base, count }
    }
}

impl<I: ParallelIterator> ParallelIterator for TakeAny<I> {
    type Item = I::Item;

    fn drive_unindexed<C>(self, consumer: C) -> C::Result
    where
        C: UnindexedConsumer<Self::Item>,
    {
        let gate = Countdown::<true>::new(self.count);
        self.base
            .drive_unindexed(GateConsumer::new(consumer, &gate))
    }
}
