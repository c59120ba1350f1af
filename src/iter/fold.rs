use std::fmt;

use super::map_with::{CloneSource, StateSource};
use super::plumbing::{Consumer, Folder, UnindexedConsumer};
use super::ParallelIterator;

/// The iterator returned by [`ParallelIterator::fold`].
///
/// # Examples
///
/// ```
/// use beat::prelude::*;
/// let it: beat::iter::Fold<_, _, _> = (0..10).into_par_iter().fold(|| 0, |a, x| a + x);
/// assert_eq!(it.sum::<i32>(), 45);
/// ```
#[must_use = "iterator adapters are lazy and do nothing unless consumed"]
#[derive(Clone)]
pub struct Fold<I, ID, F> {
    base: I,
    identity: ID,
    fold_op: F,
}

impl<I: fmt::Debug, ID, F> fmt::Debug for Fold<I, ID, F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Fold").field("base", &self.base).finish()
    }
}

impl<I, ID, F> Fold<I, ID, F> {
    pub(super) fn new(base: I, identity: ID, fold_op: F) -> Self {
        Fold {
            base,
            identity,
            fold_op,
        }
    }
}

impl<U, I, ID, F> ParallelIterator for Fold<I, ID, F>
where
    I: ParallelIterator,
    F: Fn(U, I::Item) -> U + Sync + Send,
    ID: Fn() -> U + Sync + Send,
    U: Send,
{
    type Item = U;

    fn drive_unindexed<C>(self, consumer: C) -> C::Result
    where
        C: UnindexedConsumer<U>,
    {
        self.base.drive_unindexed(FoldConsumer {
            base: consumer,
            identity: &self.identity,
            fold_op: &self.fold_op,
        })
    }
}

pub(super) struct FoldConsumer<'f, C, ID, F> {
    pub(super) base: C,
    pub(super) identity: &'f ID,
    pub(super) fold_op: &'f F,
}

impl<'f, T, U, C, ID, F> Consumer<T> for FoldConsumer<'f, C, ID, F>
where
    C: Consumer<U>,
    F: Fn(U, T) -> U + Sync,
    ID: Fn() -> U + Sync,
    U: Send,
{
    type Folder = FoldFolder<'f, C::Folder, U, F>;
    type Reducer = C::Reducer;
    type Result = C::Result;

    #[inline]
    fn split_at(self, index: usize) -> (Self, Self, C::Reducer) {
        let (l, r, red) = self.base.split_at(index);
        (
            FoldConsumer { base: l, ..self },
            FoldConsumer { base: r, ..self },
            red,
        )
    }
    #[inline]
    fn into_folder(self) -> Self::Folder {
        FoldFolder {
            base: self.base.into_folder(),
            item: (self.identity)(),
            fold_op: self.fold_op,
        }
    }
    fn full(&self) -> bool {
        self.base.full()
    }
}

impl<'f, T, U, C, ID, F> UnindexedConsumer<T> for FoldConsumer<'f, C, ID, F>
where
    C: UnindexedConsumer<U>,
    F: Fn(U, T) -> U + Sync,
    ID: Fn() -> U + Sync,
    U: Send,
{
    fn split_off_left(&self) -> Self {
        FoldConsumer {
            base: self.base.split_off_left(),
            ..*self
        }
    }
    fn to_reducer(&self) -> C::Reducer {
        self.base.to_reducer()
    }
}

pub(super) struct FoldFolder<'f, C, U, F> {
    base: C,
    item: U,
    fold_op: &'f F,
}

impl<'f, T, U, C, F> Folder<T> for FoldFolder<'f, C, U, F>
where
    C: Folder<U>,
    F: Fn(U, T) -> U,
{
    type Result = C::Result;

    #[inline]
    fn consume(self, item: T) -> Self {
        FoldFolder {
            item: (self.fold_op)(self.item, item),
            ..self
        }
    }
    #[inline]
    fn consume_iter<I: IntoIterator<Item = T>>(self, iter: I) -> Self {
        // Stop early once the consumer downstream is full (a search found its item): a
        // leaf of a short-circuiting chain does not fold the rest of its batch for nothing.
        // For consumers that are never full the check compiles away.
        let base = &self.base;
        let item = iter
            .into_iter()
            .take_while(|_| !base.full())
            .fold(self.item, self.fold_op);
        FoldFolder { item, ..self }
    }
    #[inline]
    fn complete(self) -> C::Result {
        self.base.consume(self.item).complete()
    }
    fn full(&self) -> bool {
        self.base.full()
    }
}

/// The iterator returned by [`ParallelIterator::fold_with`].
///
/// # Examples
///
/// ```
/// use beat::prelude::*;
/// let it: beat::iter::FoldWith<_, _, _> = (0..10).into_par_iter().fold_with(0, |a, x| a + x);
/// assert_eq!(it.sum::<i32>(), 45);
/// ```
#[must_use = "iterator adapters are lazy and do nothing unless consumed"]
#[derive(Clone)]
pub struct FoldWith<I, U, F> {
    base: I,
    item: U,
    fold_op: F,
}

impl<I: fmt::Debug, U: fmt::Debug, F> fmt::Debug for FoldWith<I, U, F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FoldWith")
            .field("base", &self.base)
            .field("item", &self.item)
            .finish()
    }
}

impl<I, U, F> FoldWith<I, U, F> {
    pub(super) fn new(base: I, item: U, fold_op: F) -> Self {
        FoldWith {
            base,
            item,
            fold_op,
        }
    }
}

impl<U, I, F> ParallelIterator for FoldWith<I, U, F>
where
    I: ParallelIterator,
    F: Fn(U, I::Item) -> U + Sync + Send,
    U: Send + Clone,
{
    type Item = U;

    fn drive_unindexed<C>(self, consumer: C) -> C::Result
    where
        C: UnindexedConsumer<U>,
    {
        self.base.drive_unindexed(FoldWithConsumer {
            base: consumer,
            source: CloneSource(self.item),
            fold_op: &self.fold_op,
        })
    }
}

/// Like [`FoldConsumer`], but every piece starts from a clone of a value.
struct FoldWithConsumer<'f, C, U, F> {
    base: C,
    source: CloneSource<U>,
    fold_op: &'f F,
}

impl<'f, T, U, C, F> Consumer<T> for FoldWithConsumer<'f, C, U, F>
where
    C: Consumer<U>,
    F: Fn(U, T) -> U + Sync,
    U: Send + Clone,
{
    type Folder = FoldFolder<'f, C::Folder, U, F>;
    type Reducer = C::Reducer;
    type Result = C::Result;

    #[inline]
    fn split_at(self, index: usize) -> (Self, Self, C::Reducer) {
        let (l, r, red) = self.base.split_at(index);
        let (ls, rs) = self.source.split();
        let fold_op = self.fold_op;
        (
            FoldWithConsumer {
                base: l,
                source: ls,
                fold_op,
            },
            FoldWithConsumer {
                base: r,
                source: rs,
                fold_op,
            },
            red,
        )
    }
    #[inline]
    fn into_folder(self) -> Self::Folder {
        FoldFolder {
            base: self.base.into_folder(),
            item: self.source.into_state(),
            fold_op: self.fold_op,
        }
    }
    fn full(&self) -> bool {
        self.base.full()
    }
}

impl<T, U, C, F> UnindexedConsumer<T> for FoldWithConsumer<'_, C, U, F>
where
    C: UnindexedConsumer<U>,
    F: Fn(U, T) -> U + Sync,
    U: Send + Clone,
{
    fn split_off_left(&self) -> Self {
        FoldWithConsumer {
            base: self.base.split_off_left(),
            source: self.source.split_off(),
            fold_op: self.fold_op,
        }
    }
    fn to_reducer(&self) -> C::Reducer {
        self.base.to_reducer()
    }
}
