use super::flat_map::FlatMapConsumer;
use super::plumbing::UnindexedConsumer;
use super::{IntoParallelIterator, ParallelIterator};

/// The iterator returned by [`ParallelIterator::flatten`].
///
/// # Examples
///
/// ```
/// use beat::prelude::*;
/// let nested = vec![vec![1, 2], vec![], vec![3]];
/// let it: beat::iter::Flatten<_> = nested.into_par_iter().flatten();
/// assert_eq!(it.collect::<Vec<_>>(), [1, 2, 3]);
/// ```
#[must_use = "iterator adapters are lazy and do nothing unless consumed"]
#[derive(Clone, Debug)]
pub struct Flatten<I> {
    base: I,
}

impl<I> Flatten<I> {
    pub(super) fn new(base: I) -> Self {
        Flatten { base }
    }
}

impl<I> ParallelIterator for Flatten<I>
where
    I: ParallelIterator<Item: IntoParallelIterator>,
{
    type Item = <I::Item as IntoParallelIterator>::Item;

    fn drive_unindexed<C>(self, consumer: C) -> C::Result
    where
        C: UnindexedConsumer<Self::Item>,
    {
        let identity = std::convert::identity::<I::Item>;
        self.base.drive_unindexed(FlatMapConsumer {
            base: consumer,
            map_op: &identity,
        })
    }
}
