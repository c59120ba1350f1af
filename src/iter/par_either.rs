//! `Either` of two parallel iterators with the same item is a parallel iterator: whichever
//! side is present runs, through its own driver.

use super::plumbing::{Consumer, ProducerCallback, UnindexedConsumer};
use super::{Either, IndexedParallelIterator, ParallelIterator};

/// Runs the side that is present; indexed when both sides are.
///
/// # Examples
///
/// ```
/// use beat::iter::Either;
/// use beat::prelude::*;
///
/// let evens = |all: bool| {
///     if all {
///         Either::Left((0..10).into_par_iter())
///     } else {
///         Either::Right((0..10).into_par_iter().step_by(2))
///     }
/// };
/// assert_eq!(evens(true).len(), 10);
/// assert_eq!(evens(false).collect::<Vec<_>>(), [0, 2, 4, 6, 8]);
/// ```
impl<L, R> ParallelIterator for Either<L, R>
where
    L: ParallelIterator,
    R: ParallelIterator<Item = L::Item>,
{
    type Item = L::Item;

    fn drive_unindexed<C>(self, consumer: C) -> C::Result
    where
        C: UnindexedConsumer<Self::Item>,
    {
        match self {
            Either::Left(l) => l.drive_unindexed(consumer),
            Either::Right(r) => r.drive_unindexed(consumer),
        }
    }

    fn opt_len(&self) -> Option<usize> {
        match self {
            Either::Left(l) => l.opt_len(),
            Either::Right(r) => r.opt_len(),
        }
    }
}

impl<L, R> IndexedParallelIterator for Either<L, R>
where
    L: IndexedParallelIterator,
    R: IndexedParallelIterator<Item = L::Item>,
{
    fn drive<C: Consumer<Self::Item>>(self, consumer: C) -> C::Result {
        match self {
            Either::Left(l) => l.drive(consumer),
            Either::Right(r) => r.drive(consumer),
        }
    }

    fn len(&self) -> usize {
        match self {
            Either::Left(l) => l.len(),
            Either::Right(r) => r.len(),
        }
    }

    fn with_producer<CB: ProducerCallback<Self::Item>>(self, callback: CB) -> CB::Output {
        match self {
            Either::Left(l) => l.with_producer(callback),
            Either::Right(r) => r.with_producer(callback),
        }
    }
}
