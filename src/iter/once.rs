use super::plumbing::{Consumer, ProducerCallback, UnindexedConsumer};
use super::{IndexedParallelIterator, IntoParallelIterator, ParallelIterator};

/// A parallel iterator of exactly one item: the parallel [`std::iter::once`].
///
/// # Examples
///
/// ```
/// use beat::prelude::*;
/// use beat::iter::once;
///
/// let v: Vec<i32> = (0..3).into_par_iter().chain(once(10)).collect();
/// assert_eq!(v, [0, 1, 2, 10]);
/// ```
pub fn once<T: Send>(item: T) -> Once<T> {
    Once { item }
}

/// The iterator returned by [`once()`].
///
/// # Examples
///
/// ```
/// use beat::prelude::*;
/// let it: beat::iter::Once<&str> = beat::iter::once("x");
/// assert_eq!(it.collect::<Vec<_>>(), ["x"]);
/// ```
#[must_use = "iterator adapters are lazy and do nothing unless consumed"]
#[derive(Clone, Debug)]
pub struct Once<T> {
    item: T,
}

impl<T: Send> ParallelIterator for Once<T> {
    type Item = T;

    fn drive_unindexed<C>(self, consumer: C) -> C::Result
    where
        C: UnindexedConsumer<T>,
    {
        self.drive(consumer)
    }

    fn opt_len(&self) -> Option<usize> {
        Some(1)
    }
}

impl<T: Send> IndexedParallelIterator for Once<T> {
    fn drive<C: Consumer<T>>(self, consumer: C) -> C::Result {
        // One item: `Option`'s iterator already folds it without the driver.
        Some(self.item).into_par_iter().drive(consumer)
    }

    fn len(&self) -> usize {
        1
    }

    fn with_producer<CB: ProducerCallback<T>>(self, callback: CB) -> CB::Output {
        Some(self.item).into_par_iter().with_producer(callback)
    }
}
