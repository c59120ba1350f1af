use super::gate::{Countdown, GateConsumer};
use super::plumbing::UnindexedConsumer;
use super::ParallelIterator;

/// The iterator returned by [`ParallelIterator::skip_any`].
///
/// # Examples
///
/// ```
/// use beat::prelude::*;
/// let it: beat::iter::SkipAny<_> = (0..100).into_par_iter().skip_any(5);
/// assert_eq!(it.count(), 95);
/// ```
#[must_use = "iterator adapters are lazy and do nothing unless consumed"]
#[derive(Clone, Debug)]
pub struct SkipAny<I> {
    base: I,
    count: usize,
}

impl<I> SkipAny<I> {
    pub(super) fn new(base: I, count: usize) -> Self {
        SkipAny { base, count }
    }
}

impl<I: ParallelIterator> ParallelIterator for SkipAny<I> {
    type Item = I::Item;

    fn drive_unindexed<C>(self, consumer: C) -> C::Result
    where
        C: UnindexedConsumer<Self::Item>,
    {
        let gate = Countdown::<false>::new(self.count);
        self.base
            .drive_unindexed(GateConsumer::new(consumer, &gate))
    }
}
