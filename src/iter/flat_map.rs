use std::fmt;

use super::plumbing::{Consumer, Folder, Reducer, UnindexedConsumer};
use super::{IntoParallelIterator, ParallelIterator};

/// The iterator returned by [`ParallelIterator::flat_map`].
///
/// # Examples
///
/// ```
/// use beat::prelude::*;
/// let it: beat::iter::FlatMap<_, _> = (1..4).into_par_iter().flat_map(|n| 0..n);
/// assert_eq!(it.collect::<Vec<_>>(), [0, 0, 1, 0, 1, 2]);
/// ```
#[must_use = "iterator adapters are lazy and do nothing unless consumed"]
#[derive(Clone)]
pub struct FlatMap<I, F> {
    base: I,
    map_op: F,
}

impl<I: fmt::Debug, F> fmt::Debug for FlatMap<I, F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FlatMap").field("base", &self.base).finish()
    }
}

impl<I, F> FlatMap<I, F> {
    pub(super) fn new(base: I, map_op: F) -> Self {
        FlatMap { base, map_op }
    }
}

impl<I, F, PI> ParallelIterator for FlatMap<I, F>
where
    I: ParallelIterator,
    F: Fn(I::Item) -> PI + Sync + Send,
    PI: IntoParallelIterator,
{
    type Item = PI::Item;

    fn drive_unindexed<C>(self, consumer: C) -> C::Result
    where
        C: UnindexedConsumer<PI::Item>,
    {
        self.base.drive_unindexed(FlatMapConsumer {
            base: consumer,
            map_op: &self.map_op,
        })
    }
}

/// Drives every inner parallel iterator into a consumer split off the left of `base`
/// (shared by `flat_map` and `flatten`). The inner iterators run through the driver
/// themselves, so a long inner one is split across the pool like any other call.
pub(super) struct FlatMapConsumer<'f, C, F> {
    pub(super) base: C,
    pub(super) map_op: &'f F,
}

impl<'f, T, U, C, F> Consumer<T> for FlatMapConsumer<'f, C, F>
where
    C: UnindexedConsumer<U::Item>,
    F: Fn(T) -> U + Sync,
    U: IntoParallelIterator,
{
    type Folder = FlatMapFolder<'f, C, F, C::Result>;
    type Reducer = C::Reducer;
    type Result = C::Result;

    #[inline]
    fn split_at(self, index: usize) -> (Self, Self, C::Reducer) {
        let (l, r, red) = self.base.split_at(index);
        let m = self.map_op;
        (
            FlatMapConsumer { base: l, map_op: m },
            FlatMapConsumer { base: r, map_op: m },
            red,
        )
    }
    #[inline]
    fn into_folder(self) -> Self::Folder {
        FlatMapFolder {
            base: self.base,
            map_op: self.map_op,
            previous: None,
        }
    }
    fn full(&self) -> bool {
        self.base.full()
    }
}

impl<T, U, C, F> UnindexedConsumer<T> for FlatMapConsumer<'_, C, F>
where
    C: UnindexedConsumer<U::Item>,
    F: Fn(T) -> U + Sync,
    U: IntoParallelIterator,
{
    fn split_off_left(&self) -> Self {
        FlatMapConsumer {
            base: self.base.split_off_left(),
            map_op: self.map_op,
        }
    }
    fn to_reducer(&self) -> C::Reducer {
        self.base.to_reducer()
    }
}

/// Folds outer items by driving each one's inner iterator and joining the results in
/// order; `base` stays to the right of everything driven so far.
pub(super) struct FlatMapFolder<'f, C, F, R> {
    base: C,
    map_op: &'f F,
    previous: Option<R>,
}

impl<T, U, C, F> Folder<T> for FlatMapFolder<'_, C, F, C::Result>
where
    C: UnindexedConsumer<U::Item>,
    F: Fn(T) -> U + Sync,
    U: IntoParallelIterator,
{
    type Result = C::Result;

    fn consume(mut self, item: T) -> Self {
        let inner = (self.map_op)(item).into_par_iter();
        if inner.opt_len() == Some(0) {
            // Nothing to drive: skip a consumer, a folder and a reduce.
            return self;
        }
        let result = inner.drive_unindexed(self.base.split_off_left());
        self.previous = Some(match self.previous.take() {
            None => result,
            Some(previous) => self.base.to_reducer().reduce(previous, result),
        });
        self
    }
    fn complete(self) -> C::Result {
        match self.previous {
            Some(previous) => previous,
            None => self.base.into_folder().complete(),
        }
    }
    fn full(&self) -> bool {
        self.base.full()
    }
}
