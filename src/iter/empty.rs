use std::fmt;
use std::marker::PhantomData;

use super::plumbing::{Consumer, Folder, Producer, ProducerCallback, UnindexedConsumer};
use super::{IndexedParallelIterator, ParallelIterator};

/// A parallel iterator with no items, of any item type: the parallel
/// [`std::iter::empty`].
///
/// # Examples
///
/// ```
/// use beat::prelude::*;
/// use beat::iter::empty;
///
/// let v: Vec<String> = empty().collect();
/// assert!(v.is_empty());
/// assert_eq!(empty::<u8>().chain(1..4u8).len(), 3);
/// ```
pub fn empty<T: Send>() -> Empty<T> {
    Empty {
        marker: PhantomData,
    }
}

/// The iterator returned by [`empty()`].
///
/// # Examples
///
/// ```
/// use beat::prelude::*;
/// let it: beat::iter::Empty<i32> = beat::iter::empty();
/// assert_eq!(it.sum::<i32>(), 0);
/// ```
#[must_use = "iterator adapters are lazy and do nothing unless consumed"]
pub struct Empty<T> {
    marker: PhantomData<T>,
}

impl<T> Clone for Empty<T> {
    fn clone(&self) -> Self {
        Empty {
            marker: PhantomData,
        }
    }
}

impl<T> fmt::Debug for Empty<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Empty")
    }
}

impl<T: Send> ParallelIterator for Empty<T> {
    type Item = T;

    fn drive_unindexed<C>(self, consumer: C) -> C::Result
    where
        C: UnindexedConsumer<T>,
    {
        self.drive(consumer)
    }

    fn opt_len(&self) -> Option<usize> {
        Some(0)
    }
}

impl<T: Send> IndexedParallelIterator for Empty<T> {
    fn drive<C: Consumer<T>>(self, consumer: C) -> C::Result {
        // Nothing to split or time.
        consumer.into_folder().complete()
    }

    fn len(&self) -> usize {
        0
    }

    fn with_producer<CB: ProducerCallback<T>>(self, callback: CB) -> CB::Output {
        callback.callback(EmptyProducer {
            marker: PhantomData,
        })
    }
}

/// The producer of no items.
struct EmptyProducer<T> {
    // `fn() -> T`: the producer holds no `T`, so it is `Send` whatever `T` is.
    marker: PhantomData<fn() -> T>,
}

impl<T: Send> Producer for EmptyProducer<T> {
    type Item = T;
    type IntoIter = std::iter::Empty<T>;

    fn into_iter(self) -> Self::IntoIter {
        std::iter::empty()
    }
    fn split_at(self, index: usize) -> (Self, Self) {
        debug_assert_eq!(index, 0);
        (
            self,
            EmptyProducer {
                marker: PhantomData,
            },
        )
    }
    fn fold_with<F: Folder<T>>(self, folder: F) -> F {
        folder
    }
}
