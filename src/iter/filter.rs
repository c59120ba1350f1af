use std::fmt;

use super::filter_map::FilterMapConsumer;
use super::plumbing::UnindexedConsumer;
use super::ParallelIterator;

/// The iterator returned by [`ParallelIterator::filter`].
///
/// # Examples
///
/// ```
/// use beat::prelude::*;
/// let it: beat::iter::Filter<_, _> = (0..6).into_par_iter().filter(|x| x % 3 == 0);
/// assert_eq!(it.collect::<Vec<_>>(), [0, 3]);
/// ```
#[must_use = "iterator adapters are lazy and do nothing unless consumed"]
#[derive(Clone)]
pub struct Filter<I, P> {
    base: I,
    filter_op: P,
}

impl<I: fmt::Debug, P> fmt::Debug for Filter<I, P> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Filter").field("base", &self.base).finish()
    }
}

impl<I, P> Filter<I, P> {
    pub(super) fn new(base: I, filter_op: P) -> Self {
        Filter { base, filter_op }
    }
}

impl<I, P> ParallelIterator for Filter<I, P>
where
    I: ParallelIterator,
    P: Fn(&I::Item) -> bool + Sync + Send,
{
    type Item = I::Item;

    fn drive_unindexed<C>(self, consumer: C) -> C::Result
    where
        C: UnindexedConsumer<I::Item>,
    {
        let p = &self.filter_op;
        let op = move |x: I::Item| if p(&x) { Some(x) } else { None };
        self.base.drive_unindexed(FilterMapConsumer {
            base: consumer,
            op: &op,
        })
    }
}
