use std::iter::{Product, Sum};
use std::marker::PhantomData;

use super::plumbing::{Consumer, Folder, Reducer, UnindexedConsumer};
use super::ParallelIterator;

pub(super) fn sum<I, S>(pi: I) -> S
where
    I: ParallelIterator,
    S: Send + Sum<I::Item> + Sum<S>,
{
    pi.drive_unindexed(Arith::<S, Add>(PhantomData))
}

pub(super) fn product<I, P>(pi: I) -> P
where
    I: ParallelIterator,
    P: Send + Product<I::Item> + Product<P>,
{
    pi.drive_unindexed(Arith::<P, Mul>(PhantomData))
}

/// The operation an [`Arith`] consumer applies.
trait Op<S, T>: JoinOnly<S> {
    fn empty() -> S;
    fn fold<I: Iterator<Item = T>>(acc: S, iter: I) -> S;
}

struct Add;
struct Mul;

impl<S: Sum<T> + Sum<S>, T> Op<S, T> for Add {
    fn empty() -> S {
        std::iter::empty::<S>().sum()
    }
    #[inline]
    fn fold<I: Iterator<Item = T>>(acc: S, iter: I) -> S {
        let part: S = iter.sum();
        [acc, part].into_iter().sum()
    }
}

impl<S: Product<T> + Product<S>, T> Op<S, T> for Mul {
    fn empty() -> S {
        std::iter::empty::<S>().product()
    }
    #[inline]
    fn fold<I: Iterator<Item = T>>(acc: S, iter: I) -> S {
        let part: S = iter.product();
        [acc, part].into_iter().product()
    }
}

/// Sums or multiplies with `std`'s `Sum`/`Product`, so that a leaf is one `iter.sum()`.
struct Arith<S, O>(PhantomData<fn() -> (S, O)>);

impl<S, O> Clone for Arith<S, O> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<S, O> Copy for Arith<S, O> {}

impl<S: Send, T, O: Op<S, T>> Consumer<T> for Arith<S, O> {
    type Folder = ArithFolder<S, O>;
    type Reducer = Self;
    type Result = S;

    #[inline]
    fn split_at(self, _index: usize) -> (Self, Self, Self) {
        (self, self, self)
    }
    #[inline]
    fn into_folder(self) -> Self::Folder {
        ArithFolder {
            acc: <O as Op<S, T>>::empty(),
            op: PhantomData,
        }
    }
    fn full(&self) -> bool {
        false
    }
}

impl<S: Send, T, O: Op<S, T>> UnindexedConsumer<T> for Arith<S, O> {
    fn split_off_left(&self) -> Self {
        *self
    }
    fn to_reducer(&self) -> Self {
        *self
    }
}

impl<S, O> Reducer<S> for Arith<S, O>
where
    O: JoinOnly<S>,
{
    #[inline]
    fn reduce(self, left: S, right: S) -> S {
        O::join_only(left, right)
    }
}

/// The part of [`Op`] that does not depend on the item type, for the reducer.
trait JoinOnly<S> {
    fn join_only(a: S, b: S) -> S;
}

impl<S: Sum<S>> JoinOnly<S> for Add {
    fn join_only(a: S, b: S) -> S {
        [a, b].into_iter().sum()
    }
}

impl<S: Product<S>> JoinOnly<S> for Mul {
    fn join_only(a: S, b: S) -> S {
        [a, b].into_iter().product()
    }
}

struct ArithFolder<S, O> {
    acc: S,
    op: PhantomData<fn() -> O>,
}

impl<S, T, O: Op<S, T>> Folder<T> for ArithFolder<S, O> {
    type Result = S;

    #[inline]
    fn consume(self, item: T) -> Self {
        ArithFolder {
            acc: O::fold(self.acc, std::iter::once(item)),
            op: PhantomData,
        }
    }
    #[inline]
    fn consume_iter<I: IntoIterator<Item = T>>(self, iter: I) -> Self {
        ArithFolder {
            acc: O::fold(self.acc, iter.into_iter()),
            op: PhantomData,
        }
    }
    #[inline]
    fn complete(self) -> S {
        self.acc
    }
    fn full(&self) -> bool {
        false
    }
}
