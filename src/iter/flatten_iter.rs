use super::flat_map_iter::FlatMapIterConsumer;
use super::plumbing::UnindexedConsumer;
use super::ParallelIterator;

/// The iterator returned by [`ParallelIterator::flatten_iter`].
///
/// # Examples
///
/// ```
/// use beat::prelude::*;
/// let nested = vec![vec![1, 2], vec![], vec![3]];
/// let it: beat::iter::FlattenIter<_> = nested.into_par_iter().flatten_iter();
/// assert_eq!(it.collect::<Vec<_>>(), [1, 2, 3]);
/// ```
#[must_use = "iterator adapters are lazy and do nothing unless consumed"]
#[derive(Clone, Debug)]
pub struct FlattenIter<I> {
    base: I,
}

impl<I> FlattenIter<I> {
    pub(super) fn new(base: I) -> Self {
        FlattenIter { base }
    }
}

impl<I> ParallelIterator for FlattenIter<I>
where
    I: ParallelIterator<Item: IntoIterator<Item: Send>>,
{
    type Item = <I::Item as IntoIterator>::Item;

    fn drive_unindexed<C>(self, consumer: C) -> C::Result
    where
        C: UnindexedConsumer<Self::Item>,
    {
        let identity = std::convert::identity::<I::Item>;
        self.base.drive_unindexed(FlatMapIterConsumer {
            base: consumer,
            map_op: &identity,
        })
    }
}
