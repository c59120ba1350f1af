//! `fold_chunks` (and, through [`FoldChunkProducer`], `fold_chunks_with`): one sequential
//! fold per chunk of consecutive items, without collecting the chunks.

use std::fmt;

use super::plumbing::{bridge, Consumer, Folder, Producer, ProducerCallback, UnindexedConsumer};
use super::{IndexedParallelIterator, ParallelIterator};

/// The iterator returned by [`IndexedParallelIterator::fold_chunks`].
///
/// # Examples
///
/// ```
/// use beat::prelude::*;
/// let it: beat::iter::FoldChunks<_, _, _> =
///     (1..8).into_par_iter().fold_chunks(3, || 0, |a, x| a + x);
/// assert_eq!(it.collect::<Vec<_>>(), [6, 15, 7]);
/// ```
#[must_use = "iterator adapters are lazy and do nothing unless consumed"]
#[derive(Clone)]
pub struct FoldChunks<I, ID, F> {
    base: I,
    chunk_size: usize,
    identity: ID,
    fold_op: F,
}

impl<I: fmt::Debug, ID, F> fmt::Debug for FoldChunks<I, ID, F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FoldChunks")
            .field("base", &self.base)
            .field("chunk_size", &self.chunk_size)
            .finish()
    }
}

impl<I, ID, F> FoldChunks<I, ID, F> {
    pub(super) fn new(base: I, chunk_size: usize, identity: ID, fold_op: F) -> Self {
        FoldChunks {
            base,
            chunk_size,
            identity,
            fold_op,
        }
    }
}

impl<I, ID, U, F> ParallelIterator for FoldChunks<I, ID, F>
where
    I: IndexedParallelIterator,
    ID: Fn() -> U + Send + Sync,
    F: Fn(U, I::Item) -> U + Send + Sync,
    U: Send,
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

impl<I, ID, U, F> IndexedParallelIterator for FoldChunks<I, ID, F>
where
    I: IndexedParallelIterator,
    ID: Fn() -> U + Send + Sync,
    F: Fn(U, I::Item) -> U + Send + Sync,
    U: Send,
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
            identity: self.identity,
            fold_op: self.fold_op,
        });

        struct Callback<CB, ID, F> {
            callback: CB,
            size: usize,
            len: usize,
            identity: ID,
            fold_op: F,
        }

        impl<T, U, CB, ID, F> ProducerCallback<T> for Callback<CB, ID, F>
        where
            CB: ProducerCallback<U>,
            ID: Fn() -> U + Sync,
            F: Fn(U, T) -> U + Sync,
        {
            type Output = CB::Output;
            fn callback<P: Producer<Item = T>>(self, base: P) -> CB::Output {
                self.callback.callback(FoldChunkProducer {
                    base,
                    size: self.size,
                    len: self.len,
                    init: &self.identity,
                    fold_op: &self.fold_op,
                })
            }
        }
    }
}

/// Makes the starting value of each chunk's fold.
pub(super) trait ChunkInit: Send {
    /// The accumulator.
    type Acc;

    /// The starting value of one chunk.
    fn start(&self) -> Self::Acc;

    /// A copy for the other half of a split.
    fn fork(&self) -> Self;
}

/// `fold_chunks`: each chunk starts from `identity()`.
impl<ID, U> ChunkInit for &ID
where
    ID: Fn() -> U + Sync,
{
    type Acc = U;

    #[inline]
    fn start(&self) -> U {
        (*self)()
    }
    #[inline]
    fn fork(&self) -> Self {
        self
    }
}

/// The `len` items of `base`, folded in chunks of `size` (the last one possibly shorter)
/// from `init`'s starting values.
pub(super) struct FoldChunkProducer<'f, P, S, F> {
    pub(super) base: P,
    pub(super) size: usize,
    pub(super) len: usize,
    pub(super) init: S,
    pub(super) fold_op: &'f F,
}

impl<'f, P, S, F> Producer for FoldChunkProducer<'f, P, S, F>
where
    P: Producer,
    S: ChunkInit,
    F: Fn(S::Acc, P::Item) -> S::Acc + Sync,
{
    type Item = S::Acc;
    type IntoIter = FoldChunkSeq<'f, P, S, F>;

    fn into_iter(self) -> Self::IntoIter {
        FoldChunkSeq {
            base: Some(self.base),
            size: self.size,
            len: self.len,
            init: self.init,
            fold_op: self.fold_op,
        }
    }
    fn min_len(&self) -> usize {
        self.base.min_len().div_ceil(self.size)
    }
    fn max_len(&self) -> usize {
        (self.base.max_len() / self.size).max(1)
    }
    #[inline]
    fn split_at(self, index: usize) -> (Self, Self) {
        let at = index.saturating_mul(self.size).min(self.len);
        let (l, r) = self.base.split_at(at);
        let left = FoldChunkProducer {
            base: l,
            size: self.size,
            len: at,
            init: self.init.fork(),
            fold_op: self.fold_op,
        };
        let right = FoldChunkProducer {
            base: r,
            size: self.size,
            len: self.len - at,
            init: self.init,
            fold_op: self.fold_op,
        };
        (left, right)
    }
}

/// The sequential iterator of a [`FoldChunkProducer`]: splits a chunk off either end of the
/// base producer and folds it.
pub(super) struct FoldChunkSeq<'f, P, S, F> {
    /// `None` once `len` is 0.
    base: Option<P>,
    size: usize,
    len: usize,
    init: S,
    fold_op: &'f F,
}

impl<P, S, F> FoldChunkSeq<'_, P, S, F>
where
    P: Producer,
    S: ChunkInit,
    F: Fn(S::Acc, P::Item) -> S::Acc,
{
    fn fold_chunk(&self, chunk: P) -> S::Acc {
        chunk
            .fold_with(Fold {
                acc: self.init.start(),
                fold_op: self.fold_op,
            })
            .acc
    }
}

impl<P, S, F> Iterator for FoldChunkSeq<'_, P, S, F>
where
    P: Producer,
    S: ChunkInit,
    F: Fn(S::Acc, P::Item) -> S::Acc,
{
    type Item = S::Acc;

    fn next(&mut self) -> Option<S::Acc> {
        if self.len == 0 {
            return None;
        }
        let n = self.size.min(self.len);
        let (chunk, rest) = self.base.take()?.split_at(n);
        self.len -= n;
        if self.len > 0 {
            self.base = Some(rest);
        }
        Some(self.fold_chunk(chunk))
    }
    fn size_hint(&self) -> (usize, Option<usize>) {
        let n = self.len.div_ceil(self.size);
        (n, Some(n))
    }
}

impl<P, S, F> DoubleEndedIterator for FoldChunkSeq<'_, P, S, F>
where
    P: Producer,
    S: ChunkInit,
    F: Fn(S::Acc, P::Item) -> S::Acc,
{
    fn next_back(&mut self) -> Option<S::Acc> {
        if self.len == 0 {
            return None;
        }
        // The last chunk holds what is left over after the full ones.
        let n = match self.len % self.size {
            0 => self.size,
            r => r,
        };
        let (rest, chunk) = self.base.take()?.split_at(self.len - n);
        self.len -= n;
        if self.len > 0 {
            self.base = Some(rest);
        }
        Some(self.fold_chunk(chunk))
    }
}

impl<P, S, F> ExactSizeIterator for FoldChunkSeq<'_, P, S, F>
where
    P: Producer,
    S: ChunkInit,
    F: Fn(S::Acc, P::Item) -> S::Acc,
{
}

/// Folds every item into `acc` with `fold_op`.
struct Fold<'f, U, F> {
    acc: U,
    fold_op: &'f F,
}

impl<T, U, F> Folder<T> for Fold<'_, U, F>
where
    F: Fn(U, T) -> U,
{
    type Result = U;

    #[inline]
    fn consume(self, item: T) -> Self {
        Fold {
            acc: (self.fold_op)(self.acc, item),
            fold_op: self.fold_op,
        }
    }
    #[inline]
    fn consume_iter<I: IntoIterator<Item = T>>(self, iter: I) -> Self {
        Fold {
            acc: iter.into_iter().fold(self.acc, self.fold_op),
            fold_op: self.fold_op,
        }
    }
    fn complete(self) -> U {
        self.acc
    }
    fn full(&self) -> bool {
        false
    }
}
