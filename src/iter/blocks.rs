//! `by_exponential_blocks` and `by_uniform_blocks`: the items run as a sequence of blocks,
//! one after another in order, each block in parallel. A consumer that becomes full
//! (a search that found its answer) stops the sequence before the next block.

use super::plumbing::{
    bridge_producer_consumer, Consumer, Folder, Producer, ProducerCallback, Reducer,
    UnindexedConsumer,
};
use super::{IndexedParallelIterator, ParallelIterator};

/// The iterator returned by [`IndexedParallelIterator::by_exponential_blocks`].
///
/// # Examples
///
/// ```
/// use beat::prelude::*;
/// let it: beat::iter::ExponentialBlocks<_> = (0..1000).into_par_iter().by_exponential_blocks();
/// assert_eq!(it.find_first(|&x| x % 7 == 6), Some(6));
/// ```
#[must_use = "iterator adapters are lazy and do nothing unless consumed"]
#[derive(Clone, Debug)]
pub struct ExponentialBlocks<I> {
    base: I,
}

impl<I> ExponentialBlocks<I> {
    pub(super) fn new(base: I) -> Self {
        ExponentialBlocks { base }
    }
}

impl<I: IndexedParallelIterator> ParallelIterator for ExponentialBlocks<I> {
    type Item = I::Item;

    fn drive_unindexed<C>(self, consumer: C) -> C::Result
    where
        C: UnindexedConsumer<Self::Item>,
    {
        // The first block is one item per thread; each next one is twice as long, so the
        // blocks number about log2(len / threads) and each one is as long as all before it.
        let first = crate::current_num_threads().max(1);
        let sizes = std::iter::successors(Some(first), |&n| Some(n.saturating_mul(2)));
        let len = self.base.len();
        self.base.with_producer(Blocks {
            sizes,
            len,
            consumer,
        })
    }
}

/// The iterator returned by [`IndexedParallelIterator::by_uniform_blocks`].
///
/// # Examples
///
/// ```
/// use beat::prelude::*;
/// let it: beat::iter::UniformBlocks<_> = (0..1000).into_par_iter().by_uniform_blocks(100);
/// assert_eq!(it.sum::<i32>(), 499_500);
/// ```
#[must_use = "iterator adapters are lazy and do nothing unless consumed"]
#[derive(Clone, Debug)]
pub struct UniformBlocks<I> {
    base: I,
    block_size: usize,
}

impl<I> UniformBlocks<I> {
    pub(super) fn new(base: I, block_size: usize) -> Self {
        UniformBlocks { base, block_size }
    }
}

impl<I: IndexedParallelIterator> ParallelIterator for UniformBlocks<I> {
    type Item = I::Item;

    fn drive_unindexed<C>(self, consumer: C) -> C::Result
    where
        C: UnindexedConsumer<Self::Item>,
    {
        let len = self.base.len();
        self.base.with_producer(Blocks {
            sizes: std::iter::repeat(self.block_size),
            len,
            consumer,
        })
    }
}

/// Runs the producer's `len` items into `consumer` in blocks of the lengths `sizes` gives.
struct Blocks<S, C> {
    sizes: S,
    len: usize,
    consumer: C,
}

impl<T, S, C> ProducerCallback<T> for Blocks<S, C>
where
    S: Iterator<Item = usize>,
    C: Consumer<T>,
{
    type Output = C::Result;

    fn callback<P: Producer<Item = T>>(self, mut producer: P) -> C::Result {
        let Blocks {
            mut sizes,
            mut len,
            mut consumer,
        } = self;
        // The results so far, with the reducer that joins them to what comes next.
        let mut done: Option<(C::Result, C::Reducer)> = None;
        while len > 0 && !consumer.full() {
            let n = sizes.next().unwrap_or(usize::MAX).clamp(1, len);
            let (block, rest) = producer.split_at(n);
            let (block_consumer, rest_consumer, reducer) = consumer.split_at(n);
            let r = bridge_producer_consumer(n, block, block_consumer);
            done = Some(match done {
                None => (r, reducer),
                Some((acc, previous)) => (previous.reduce(acc, r), reducer),
            });
            (producer, consumer) = (rest, rest_consumer);
            len -= n;
        }
        // What is left (nothing, unless the consumer is full) is dropped unproduced.
        let last = consumer.into_folder().complete();
        match done {
            None => last,
            Some((acc, reducer)) => reducer.reduce(acc, last),
        }
    }
}
