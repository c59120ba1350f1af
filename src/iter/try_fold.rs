//! `try_fold` and `try_fold_with`: folds that stop their own piece at the first
//! `None`/`Err`/`Break`.
//!
//! A break ends only the piece it happens in (and anything the downstream consumer stops);
//! `try_reduce` afterwards is what stops the others.

use std::fmt;
use std::marker::PhantomData;
use std::ops::ControlFlow::{self, Break, Continue};

use super::plumbing::{Consumer, Folder, UnindexedConsumer};
use super::private::Try;
use super::ParallelIterator;

/// The iterator returned by [`ParallelIterator::try_fold`].
///
/// # Examples
///
/// ```
/// use beat::prelude::*;
/// let it: beat::iter::TryFold<_, Option<u32>, _, _> =
///     (0..10u32).into_par_iter().try_fold(|| 0u32, |a, x| a.checked_add(x));
/// assert_eq!(it.try_reduce(|| 0, |a, b| a.checked_add(b)), Some(45));
/// ```
#[must_use = "iterator adapters are lazy and do nothing unless consumed"]
#[derive(Clone)]
pub struct TryFold<I, U, ID, F> {
    base: I,
    identity: ID,
    fold_op: F,
    marker: PhantomData<U>,
}

impl<I: fmt::Debug, U, ID, F> fmt::Debug for TryFold<I, U, ID, F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TryFold").field("base", &self.base).finish()
    }
}

impl<I, U, ID, F> TryFold<I, U, ID, F> {
    pub(super) fn new(base: I, identity: ID, fold_op: F) -> Self {
        TryFold {
            base,
            identity,
            fold_op,
            marker: PhantomData,
        }
    }
}

impl<U, I, ID, F> ParallelIterator for TryFold<I, U, ID, F>
where
    I: ParallelIterator,
    F: Fn(U::Output, I::Item) -> U + Sync + Send,
    ID: Fn() -> U::Output + Sync + Send,
    U: Try + Send,
{
    type Item = U;

    fn drive_unindexed<C>(self, consumer: C) -> C::Result
    where
        C: UnindexedConsumer<U>,
    {
        self.base.drive_unindexed(TryFoldConsumer {
            base: consumer,
            init: Identity(&self.identity),
            fold_op: &self.fold_op,
            marker: PhantomData,
        })
    }
}

/// The iterator returned by [`ParallelIterator::try_fold_with`].
///
/// # Examples
///
/// ```
/// use beat::prelude::*;
/// let it: beat::iter::TryFoldWith<_, Option<u32>, _> =
///     (0..10u32).into_par_iter().try_fold_with(0u32, |a, x| a.checked_add(x));
/// assert_eq!(it.try_reduce(|| 0, |a, b| a.checked_add(b)), Some(45));
/// ```
#[must_use = "iterator adapters are lazy and do nothing unless consumed"]
#[derive(Clone)]
pub struct TryFoldWith<I, U: Try, F> {
    base: I,
    item: U::Output,
    fold_op: F,
}

impl<I, U, F> fmt::Debug for TryFoldWith<I, U, F>
where
    I: fmt::Debug,
    U: Try<Output: fmt::Debug>,
{
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TryFoldWith")
            .field("base", &self.base)
            .field("item", &self.item)
            .finish()
    }
}

impl<I, U: Try, F> TryFoldWith<I, U, F> {
    pub(super) fn new(base: I, item: U::Output, fold_op: F) -> Self {
        TryFoldWith {
            base,
            item,
            fold_op,
        }
    }
}

impl<U, I, F> ParallelIterator for TryFoldWith<I, U, F>
where
    I: ParallelIterator,
    F: Fn(U::Output, I::Item) -> U + Sync + Send,
    U: Try<Output: Clone + Send> + Send,
{
    type Item = U;

    fn drive_unindexed<C>(self, consumer: C) -> C::Result
    where
        C: UnindexedConsumer<U>,
    {
        self.base.drive_unindexed(TryFoldConsumer {
            base: consumer,
            init: CloneOf(self.item),
            fold_op: &self.fold_op,
            marker: PhantomData,
        })
    }
}

/// Where each piece's starting accumulator comes from.
trait Init: Send + Sized {
    type Value;
    /// The source for a new piece to the left.
    fn fork(&self) -> Self;
    fn value(self) -> Self::Value;
}

/// `try_fold`: a call of the identity closure.
struct Identity<'f, ID>(&'f ID);

impl<T, ID: Fn() -> T + Sync> Init for Identity<'_, ID> {
    type Value = T;
    #[inline]
    fn fork(&self) -> Self {
        Identity(self.0)
    }
    #[inline]
    fn value(self) -> T {
        (self.0)()
    }
}

/// `try_fold_with`: a clone of the initial value.
struct CloneOf<T>(T);

impl<T: Clone + Send> Init for CloneOf<T> {
    type Value = T;
    #[inline]
    fn fork(&self) -> Self {
        CloneOf(self.0.clone())
    }
    #[inline]
    fn value(self) -> T {
        self.0
    }
}

struct TryFoldConsumer<'f, U, C, S, F> {
    base: C,
    init: S,
    fold_op: &'f F,
    marker: PhantomData<fn() -> U>,
}

impl<'f, T, U, C, S, F> Consumer<T> for TryFoldConsumer<'f, U, C, S, F>
where
    C: Consumer<U>,
    S: Init<Value = U::Output>,
    F: Fn(U::Output, T) -> U + Sync,
    U: Try + Send,
{
    type Folder = TryFoldFolder<'f, C::Folder, U, F>;
    type Reducer = C::Reducer;
    type Result = C::Result;

    #[inline]
    fn split_at(self, index: usize) -> (Self, Self, C::Reducer) {
        let (l, r, red) = self.base.split_at(index);
        let left = TryFoldConsumer {
            base: l,
            init: self.init.fork(),
            fold_op: self.fold_op,
            marker: PhantomData,
        };
        (left, TryFoldConsumer { base: r, ..self }, red)
    }
    #[inline]
    fn into_folder(self) -> Self::Folder {
        TryFoldFolder {
            base: self.base.into_folder(),
            control: Continue(self.init.value()),
            fold_op: self.fold_op,
        }
    }
    #[inline]
    fn full(&self) -> bool {
        self.base.full()
    }
}

impl<T, U, C, S, F> UnindexedConsumer<T> for TryFoldConsumer<'_, U, C, S, F>
where
    C: UnindexedConsumer<U>,
    S: Init<Value = U::Output>,
    F: Fn(U::Output, T) -> U + Sync,
    U: Try + Send,
{
    fn split_off_left(&self) -> Self {
        TryFoldConsumer {
            base: self.base.split_off_left(),
            init: self.init.fork(),
            fold_op: self.fold_op,
            marker: PhantomData,
        }
    }
    fn to_reducer(&self) -> C::Reducer {
        self.base.to_reducer()
    }
}

struct TryFoldFolder<'f, C, U: Try, F> {
    base: C,
    control: ControlFlow<U::Residual, U::Output>,
    fold_op: &'f F,
}

impl<T, U, C, F> Folder<T> for TryFoldFolder<'_, C, U, F>
where
    C: Folder<U>,
    F: Fn(U::Output, T) -> U,
    U: Try,
{
    type Result = C::Result;

    #[inline]
    fn consume(self, item: T) -> Self {
        let control = match self.control {
            Continue(acc) => (self.fold_op)(acc, item).branch(),
            broken => broken,
        };
        TryFoldFolder { control, ..self }
    }
    #[inline]
    fn consume_iter<I: IntoIterator<Item = T>>(self, iter: I) -> Self {
        let TryFoldFolder {
            base,
            control,
            fold_op,
        } = self;
        let Continue(mut acc) = control else {
            return TryFoldFolder {
                base,
                control,
                fold_op,
            };
        };
        for item in iter {
            match fold_op(acc, item).branch() {
                Continue(a) => acc = a,
                Break(r) => {
                    return TryFoldFolder {
                        base,
                        control: Break(r),
                        fold_op,
                    }
                }
            }
            if base.full() {
                break;
            }
        }
        TryFoldFolder {
            base,
            control: Continue(acc),
            fold_op,
        }
    }
    #[inline]
    fn complete(self) -> C::Result {
        let value = match self.control {
            Continue(c) => U::from_output(c),
            Break(r) => U::from_residual(r),
        };
        self.base.consume(value).complete()
    }
    #[inline]
    fn full(&self) -> bool {
        self.control.is_break() || self.base.full()
    }
}
