use std::fmt;

use super::fold_chunks::{ChunkInit, FoldChunkProducer};
use super::plumbing::{bridge, Consumer, Producer, ProducerCallback, UnindexedConsumer};
use super::{IndexedParallelIterator, ParallelIterator};

/// The iterator returned by [`IndexedParallelIterator::fold_chunks_with`].
///
/// # Examples
///
/// ```
/// use beat::prelude::*;
/// let it: beat::iter::FoldChunksWith<_, _, _> =
///     (1..8).into_par_iter().fold_chunks_with(3, 0, |a, x| a + x);
/// assert_eq!(it.collect::<Vec<_>>(), [6, 15, 7]);
/// ```
#[must_use = "iterator adapters are lazy and do nothing unless consumed"]
#[derive(Clone)]
pub struct FoldChunksWith<I, U, F> {
    base: I,
    chunk_size: usize,
    item: U,
    fold_op: F,
}

impl<I: fmt::Debug, U: fmt::Debug, F> fmt::Debug for FoldChunksWith<I, U, F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FoldChunksWith")
            .field("base", &self.base)
            .field("chunk_size", &self.chunk_size)
            .field("item", &self.item)
            .finish()
    }
}

impl<I, U, F> FoldChunksWith<I, U, F> {
    pub(super) fn new(base: I, chunk_size: usize, item: U, fold_op: F) -> Self {
        FoldChunksWith {
            base,
            chunk_size,
            item,
            fold_op,
        }
    }
}

impl<I, U, F> ParallelIterator for FoldChunksWith<I, U, F>
where
    I: IndexedParallelIterator,
    U: Send + Clone,
    F: Fn(U, I::Item) -> U + Send + Sync,
{
    type Item = U;

    fn drive_unindexed<C>(self, consumer: C) -> C::Result
    where
        C: UnindexedConsumer<U>,
    {
        bridge(self, consumer)
    }

    fn opt_len(&self) -> Option<usize> {
        Some(self.len())
    }
}

impl<I, U, F> IndexedParallelIterator for FoldChunksWith<I, U, F>
where
    I: IndexedParallelIterator,
    U: Send + Clone,
    F: Fn(U, I::Item) -> U + Send + Sync,
{
    fn drive<C: Consumer<U>>(self, consumer: C) -> C::Result {
        bridge(self, consumer)
    }

    fn len(&self) -> usize {
        self.base.len().div_ceil(self.chunk_size)
    }

    fn with_producer<CB: ProducerCallback<U>>(self, callback: CB) -> CB::Output {
        let len = self.base.len();
        return self.base.with_producer(Callback {
            callback,
            size: self.chunk_size,
            len,
            item: self.item,
            fold_op: self.fold_op,
        });

        struct Callback<CB, U, F> {
            callback: CB,
            size: usize,
            len: usize,
            item: U,
            fold_op: F,
        }

        impl<T, U, CB, F> ProducerCallback<T> for Callback<CB, U, F>
        where
            CB: ProducerCallback<U>,
            U: Send + Clone,
            F: Fn(U, T) -> U + Sync,
        {
            type Output = CB::Output;
            fn callback<P: Producer<Item = T>>(self, base: P) -> CB::Output {
                self.callback.callback(FoldChunkProducer {
                    base,
                    size: self.size,
                    len: self.len,
                    init: Clones(self.item),
                    fold_op: &self.fold_op,
                })
            }
        }
    }
}

/// `fold_chunks_with`: each chunk starts from a clone of the value; each half of a split
/// owns its own, so the value need not be `Sync`.
struct Clones<U>(U);

impl<U: Send + Clone> ChunkInit for Clones<U> {
    type Acc = U;

    #[inline]
    fn start(&self) -> U {
        self.0.clone()
    }
    #[inline]
    fn fork(&self) -> Self {
        Clones(self.0.clone())
    }
}
