use super::plumbing::{bridge, Consumer, Producer, ProducerCallback, UnindexedConsumer};
use super::{IndexedParallelIterator, ParallelIterator};

/// The iterator returned by [`IndexedParallelIterator::chunks`].
///
/// # Examples
///
/// ```
/// use beat::prelude::*;
/// let it: beat::iter::Chunks<_> = (0..5).into_par_iter().chunks(2);
/// assert_eq!(it.collect::<Vec<_>>(), [vec![0, 1], vec![2, 3], vec![4]]);
/// ```
#[must_use = "iterator adapters are lazy and do nothing unless consumed"]
#[derive(Clone, Debug)]
pub struct Chunks<I> {
    base: I,
    size: usize,
}

impl<I> Chunks<I> {
    pub(super) fn new(base: I, size: usize) -> Self {
        Chunks { base, size }
    }
}

impl<I: IndexedParallelIterator> ParallelIterator for Chunks<I> {
    type Item = Vec<I::Item>;

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

impl<I: IndexedParallelIterator> IndexedParallelIterator for Chunks<I> {
    fn drive<C: Consumer<Self::Item>>(self, consumer: C) -> C::Result {
        bridge(self, consumer)
    }

    fn len(&self) -> usize {
        self.base.len().div_ceil(self.size)
    }

    fn with_producer<CB: ProducerCallback<Self::Item>>(self, callback: CB) -> CB::Output {
        let len = self.base.len();
        return self.base.with_producer(Callback {
            callback,
            size: self.size,
            len,
        });

        struct Callback<CB> {
            callback: CB,
            size: usize,
            len: usize,
        }

        impl<T, CB: ProducerCallback<Vec<T>>> ProducerCallback<T> for Callback<CB> {
            type Output = CB::Output;
            fn callback<P: Producer<Item = T>>(self, base: P) -> CB::Output {
                self.callback.callback(ChunkProducer {
                    base,
                    size: self.size,
                    len: self.len,
                })
            }
        }
    }
}

/// The `len` items of `base` in vectors of `size` (the last one possibly shorter).
struct ChunkProducer<P> {
    base: P,
    size: usize,
    len: usize,
}

impl<P: Producer> Producer for ChunkProducer<P> {
    type Item = Vec<P::Item>;
    type IntoIter = ChunkSeq<P>;

    fn into_iter(self) -> Self::IntoIter {
        ChunkSeq {
            base: Some(self.base),
            size: self.size,
            len: self.len,
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
        (
            ChunkProducer {
                base: l,
                size: self.size,
                len: at,
            },
            ChunkProducer {
                base: r,
                size: self.size,
                len: self.len - at,
            },
        )
    }
}

/// The sequential iterator of a [`ChunkProducer`]: splits a chunk off either end of the
/// base producer and collects it.
struct ChunkSeq<P> {
    /// `None` once `len` is 0.
    base: Option<P>,
    size: usize,
    len: usize,
}

impl<P: Producer> Iterator for ChunkSeq<P> {
    type Item = Vec<P::Item>;

    fn next(&mut self) -> Option<Vec<P::Item>> {
        if self.len == 0 {
            return None;
        }
        let n = self.size.min(self.len);
        let (chunk, rest) = self.base.take()?.split_at(n);
        self.len -= n;
        if self.len > 0 {
            self.base = Some(rest);
        }
        Some(chunk.into_iter().collect())
    }
    fn size_hint(&self) -> (usize, Option<usize>) {
        let n = self.len.div_ceil(self.size);
        (n, Some(n))
    }
}

impl<P: Producer> DoubleEndedIterator for ChunkSeq<P> {
    fn next_back(&mut self) -> Option<Vec<P::Item>> {
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
        Some(chunk.into_iter().collect())
    }
}

impl<P: Producer> ExactSizeIterator for ChunkSeq<P> {}
