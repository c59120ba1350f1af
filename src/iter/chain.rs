use beat_core::__internal as core;

use super::plumbing::{
    bridge, Consumer, Folder, Producer, ProducerCallback, Reducer, UnindexedConsumer,
};
use super::{IndexedParallelIterator, ParallelIterator};

/// The iterator returned by [`ParallelIterator::chain`].
///
/// # Examples
///
/// ```
/// use beat::prelude::*;
/// let it: beat::iter::Chain<_, _> = (0..2).into_par_iter().chain(vec![7, 8]);
/// assert_eq!(it.collect::<Vec<_>>(), [0, 1, 7, 8]);
/// ```
#[must_use = "iterator adapters are lazy and do nothing unless consumed"]
#[derive(Clone, Debug)]
pub struct Chain<A, B> {
    a: A,
    b: B,
}

impl<A, B> Chain<A, B> {
    pub(super) fn new(a: A, b: B) -> Self {
        Chain { a, b }
    }
}

impl<A, B> ParallelIterator for Chain<A, B>
where
    A: ParallelIterator,
    B: ParallelIterator<Item = A::Item>,
{
    type Item = A::Item;

    fn drive_unindexed<C>(self, consumer: C) -> C::Result
    where
        C: UnindexedConsumer<Self::Item>,
    {
        let Chain { a, b } = self;
        // When `a`'s length is known, split by index: a consumer that writes by position
        // (collecting into a `Vec`) can only be split that way, and it suits every other.
        let (left, right, reducer) = match a.opt_len() {
            Some(len) => consumer.split_at(len),
            None => {
                let reducer = consumer.to_reducer();
                (consumer.split_off_left(), consumer, reducer)
            }
        };
        let (ra, rb) = if core::in_worker_thread() {
            // On a worker the join costs nothing unless an idle worker takes `b`.
            beat_core::join(|| a.drive_unindexed(left), || b.drive_unindexed(right))
        } else {
            // Off the pool each side runs its own driver, which moves to the pool only when
            // that side is large; a join here would always pay for entering the pool.
            let ra = a.drive_unindexed(left);
            (ra, b.drive_unindexed(right))
        };
        reducer.reduce(ra, rb)
    }

    fn opt_len(&self) -> Option<usize> {
        self.a.opt_len()?.checked_add(self.b.opt_len()?)
    }
}

impl<A, B> IndexedParallelIterator for Chain<A, B>
where
    A: IndexedParallelIterator,
    B: IndexedParallelIterator<Item = A::Item>,
{
    fn drive<C: Consumer<Self::Item>>(self, consumer: C) -> C::Result {
        bridge(self, consumer)
    }

    /// # Panics
    ///
    /// If the two lengths add up to more than `usize::MAX`.
    fn len(&self) -> usize {
        self.a
            .len()
            .checked_add(self.b.len())
            .expect("length of chained iterators overflows usize")
    }

    fn with_producer<CB: ProducerCallback<Self::Item>>(self, callback: CB) -> CB::Output {
        let a_len = self.a.len();
        return self.a.with_producer(CallbackA {
            callback,
            a_len,
            b: self.b,
        });

        struct CallbackA<CB, B> {
            callback: CB,
            a_len: usize,
            b: B,
        }

        impl<CB, B> ProducerCallback<B::Item> for CallbackA<CB, B>
        where
            B: IndexedParallelIterator,
            CB: ProducerCallback<B::Item>,
        {
            type Output = CB::Output;
            fn callback<P: Producer<Item = B::Item>>(self, a: P) -> CB::Output {
                self.b.with_producer(CallbackB {
                    callback: self.callback,
                    a_len: self.a_len,
                    a,
                })
            }
        }

        struct CallbackB<CB, A> {
            callback: CB,
            a_len: usize,
            a: A,
        }

        impl<CB, A> ProducerCallback<A::Item> for CallbackB<CB, A>
        where
            A: Producer,
            CB: ProducerCallback<A::Item>,
        {
            type Output = CB::Output;
            fn callback<P: Producer<Item = A::Item>>(self, b: P) -> CB::Output {
                self.callback.callback(ChainProducer {
                    a_len: self.a_len,
                    a: self.a,
                    b,
                })
            }
        }
    }
}

/// The `a_len` items of `a`, then those of `b`.
struct ChainProducer<A, B> {
    a_len: usize,
    a: A,
    b: B,
}

impl<A, B> Producer for ChainProducer<A, B>
where
    A: Producer,
    B: Producer<Item = A::Item>,
{
    type Item = A::Item;
    type IntoIter = ChainSeq<A::IntoIter, B::IntoIter>;

    fn into_iter(self) -> Self::IntoIter {
        ChainSeq {
            chain: self.a.into_iter().chain(self.b.into_iter()),
        }
    }
    fn min_len(&self) -> usize {
        self.a.min_len().max(self.b.min_len())
    }
    fn max_len(&self) -> usize {
        self.a.max_len().min(self.b.max_len())
    }
    fn split_at(self, index: usize) -> (Self, Self) {
        if index <= self.a_len {
            let (al, ar) = self.a.split_at(index);
            let (bl, br) = self.b.split_at(0);
            (
                ChainProducer {
                    a_len: index,
                    a: al,
                    b: bl,
                },
                ChainProducer {
                    a_len: self.a_len - index,
                    a: ar,
                    b: br,
                },
            )
        } else {
            let (al, ar) = self.a.split_at(self.a_len);
            let (bl, br) = self.b.split_at(index - self.a_len);
            (
                ChainProducer {
                    a_len: self.a_len,
                    a: al,
                    b: bl,
                },
                ChainProducer {
                    a_len: 0,
                    a: ar,
                    b: br,
                },
            )
        }
    }
    fn fold_with<F: Folder<A::Item>>(self, folder: F) -> F {
        let folder = self.a.fold_with(folder);
        if folder.full() {
            folder
        } else {
            self.b.fold_with(folder)
        }
    }
}

/// `std::iter::Chain` with the exact length its two exact-size halves give it.
#[derive(Debug)]
struct ChainSeq<A, B> {
    chain: std::iter::Chain<A, B>,
}

impl<A, B> Iterator for ChainSeq<A, B>
where
    A: ExactSizeIterator,
    B: ExactSizeIterator<Item = A::Item>,
{
    type Item = A::Item;

    #[inline]
    fn next(&mut self) -> Option<A::Item> {
        self.chain.next()
    }
    #[inline]
    fn size_hint(&self) -> (usize, Option<usize>) {
        self.chain.size_hint()
    }
    #[inline]
    fn fold<T, F: FnMut(T, A::Item) -> T>(self, init: T, f: F) -> T {
        self.chain.fold(init, f)
    }
}

impl<A, B> DoubleEndedIterator for ChainSeq<A, B>
where
    A: DoubleEndedIterator + ExactSizeIterator,
    B: DoubleEndedIterator + ExactSizeIterator<Item = A::Item>,
{
    #[inline]
    fn next_back(&mut self) -> Option<A::Item> {
        self.chain.next_back()
    }
    #[inline]
    fn rfold<T, F: FnMut(T, A::Item) -> T>(self, init: T, f: F) -> T {
        self.chain.rfold(init, f)
    }
}

impl<A, B> ExactSizeIterator for ChainSeq<A, B>
where
    A: ExactSizeIterator,
    B: ExactSizeIterator<Item = A::Item>,
{
}
