use std::fmt;

use super::plumbing::{Consumer, Folder, UnindexedConsumer};
use super::ParallelIterator;

/// The iterator returned by [`ParallelIterator::filter_map`].
///
/// # Examples
///
/// ```
/// use beat::prelude::*;
/// let it: beat::iter::FilterMap<_, _> = (0..6).into_par_iter().filter_map(|x| (x % 2 == 0).then_some(x));
/// assert_eq!(it.count(), 3);
/// ```
#[must_use = "iterator adapters are lazy and do nothing unless consumed"]
#[derive(Clone)]
pub struct FilterMap<I, P> {
    base: I,
    filter_op: P,
}

impl<I: fmt::Debug, P> fmt::Debug for FilterMap<I, P> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FilterMap")
            .field("base", &self.base)
            .finish()
    }
}

impl<I, P> FilterMap<I, P> {
    pub(super) fn new(base: I, filter_op: P) -> Self {
        FilterMap { base, filter_op }
    }
}

impl<I, P, R> ParallelIterator for FilterMap<I, P>
where
    I: ParallelIterator,
    P: Fn(I::Item) -> Option<R> + Sync + Send,
    R: Send,
{
    type Item = R;

    fn drive_unindexed<C>(self, consumer: C) -> C::Result
    where
        C: UnindexedConsumer<R>,
    {
        self.base.drive_unindexed(FilterMapConsumer {
            base: consumer,
            op: &self.filter_op,
        })
    }
}

/// A consumer that passes on the `Some` values of `op` (shared by `filter` and
/// `filter_map`).
pub(super) struct FilterMapConsumer<'p, C, P> {
    pub(super) base: C,
    pub(super) op: &'p P,
}

impl<'p, T, R, C, P> Consumer<T> for FilterMapConsumer<'p, C, P>
where
    C: Consumer<R>,
    P: Fn(T) -> Option<R> + Sync,
{
    type Folder = FilterMapFolder<'p, C::Folder, P>;
    type Reducer = C::Reducer;
    type Result = C::Result;

    #[inline]
    fn split_at(self, index: usize) -> (Self, Self, C::Reducer) {
        let (l, r, red) = self.base.split_at(index);
        (
            FilterMapConsumer {
                base: l,
                op: self.op,
            },
            FilterMapConsumer {
                base: r,
                op: self.op,
            },
            red,
        )
    }
    #[inline]
    fn into_folder(self) -> Self::Folder {
        FilterMapFolder {
            base: self.base.into_folder(),
            op: self.op,
        }
    }
    fn full(&self) -> bool {
        self.base.full()
    }
}

impl<'p, T, R, C, P> UnindexedConsumer<T> for FilterMapConsumer<'p, C, P>
where
    C: UnindexedConsumer<R>,
    P: Fn(T) -> Option<R> + Sync,
{
    fn split_off_left(&self) -> Self {
        FilterMapConsumer {
            base: self.base.split_off_left(),
            op: self.op,
        }
    }
    fn to_reducer(&self) -> C::Reducer {
        self.base.to_reducer()
    }
}

pub(super) struct FilterMapFolder<'p, C, P> {
    base: C,
    op: &'p P,
}

impl<'p, T, R, C, P> Folder<T> for FilterMapFolder<'p, C, P>
where
    C: Folder<R>,
    P: Fn(T) -> Option<R>,
{
    type Result = C::Result;

    #[inline]
    fn consume(self, item: T) -> Self {
        match (self.op)(item) {
            Some(x) => FilterMapFolder {
                base: self.base.consume(x),
                op: self.op,
            },
            None => self,
        }
    }
    #[inline]
    fn consume_iter<I: IntoIterator<Item = T>>(self, iter: I) -> Self {
        FilterMapFolder {
            base: self.base.consume_iter(iter.into_iter().filter_map(self.op)),
            op: self.op,
        }
    }
    #[inline]
    fn complete(self) -> C::Result {
        self.base.complete()
    }
    fn full(&self) -> bool {
        self.base.full()
    }
}
