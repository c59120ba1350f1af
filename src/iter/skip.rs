use super::noop::NoopReducer;
use super::plumbing::{
    bridge, bridge_producer_consumer, Consumer, Folder, Producer, ProducerCallback,
    UnindexedConsumer,
};
use super::{IndexedParallelIterator, ParallelIterator};

/// The iterator returned by [`IndexedParallelIterator::skip`].
///
/// # Examples
///
/// ```
/// use beat::prelude::*;
/// let it: beat::iter::Skip<_> = (0..10).into_par_iter().skip(7);
/// assert_eq!(it.collect::<Vec<_>>(), [7, 8, 9]);
/// ```
#[must_use = "iterator adapters are lazy and do nothing unless consumed"]
#[derive(Clone, Debug)]
pub struct Skip<I> {
    base: I,
    n: usize,
}

impl<I: IndexedParallelIterator> Skip<I> {
    pub(super) fn new(base: I, n: usize) -> Self {
        let n = n.min(base.len());
        Skip { base, n }
    }
}

impl<I: IndexedParallelIterator> ParallelIterator for Skip<I> {
    type Item = I::Item;

    fn drive_unindexed<C>(self, consumer: C) -> C::Result
    where
        C: UnindexedConsumer<Self::Item>,
    {
        bridge(self, consumer)
    }

    fn opt_len(&self) -> Option<usize> {
        Some(self.len())
    }
}

impl<I: IndexedParallelIterator> IndexedParallelIterator for Skip<I> {
    fn drive<C: Consumer<Self::Item>>(self, consumer: C) -> C::Result {
        bridge(self, consumer)
    }

    fn len(&self) -> usize {
        self.base.len() - self.n
    }

    fn with_producer<CB: ProducerCallback<Self::Item>>(self, callback: CB) -> CB::Output {
        return self.base.with_producer(Callback {
            callback,
            n: self.n,
        });

        struct Callback<CB> {
            callback: CB,
            n: usize,
        }

        impl<T, CB: ProducerCallback<T>> ProducerCallback<T> for Callback<CB> {
            type Output = CB::Output;
            fn callback<P: Producer<Item = T>>(self, base: P) -> CB::Output {
                // The skipped items are still produced, as `std`'s `skip` does: the
                // closures of earlier adapters run on them, and owned items are dropped.
                // They run first, through the driver, so a large skipped part is parallel.
                let (skipped, kept) = base.split_at(self.n);
                bridge_producer_consumer(self.n, skipped, Discard);
                self.callback.callback(kept)
            }
        }
    }
}

/// A consumer that drops every item.
struct Discard;

impl<T> Consumer<T> for Discard {
    type Folder = Discard;
    type Reducer = NoopReducer;
    type Result = ();

    fn split_at(self, _index: usize) -> (Self, Self, NoopReducer) {
        (Discard, Discard, NoopReducer)
    }
    fn into_folder(self) -> Discard {
        Discard
    }
    fn full(&self) -> bool {
        false
    }
}

impl<T> Folder<T> for Discard {
    type Result = ();

    #[inline]
    fn consume(self, item: T) -> Self {
        drop(item);
        self
    }
    #[inline]
    fn consume_iter<I: IntoIterator<Item = T>>(self, iter: I) -> Self {
        iter.into_iter().for_each(drop);
        self
    }
    fn complete(self) {}
    fn full(&self) -> bool {
        false
    }
}
