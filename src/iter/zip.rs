use super::plumbing::{bridge, Consumer, Producer, ProducerCallback, UnindexedConsumer};
use super::{IndexedParallelIterator, ParallelIterator};

/// The iterator returned by [`IndexedParallelIterator::zip`].
///
/// # Examples
///
/// ```
/// use beat::prelude::*;
/// let it: beat::iter::Zip<_, _> = (0..3).into_par_iter().zip(vec!['a', 'b', 'c', 'd']);
/// assert_eq!(it.collect::<Vec<_>>(), [(0, 'a'), (1, 'b'), (2, 'c')]);
/// ```
#[must_use = "iterator adapters are lazy and do nothing unless consumed"]
#[derive(Clone, Debug)]
pub struct Zip<A, B> {
    a: A,
    b: B,
}

impl<A, B> Zip<A, B> {
    pub(super) fn new(a: A, b: B) -> Self {
        Zip { a, b }
    }
}

impl<A, B> ParallelIterator for Zip<A, B>
where
    A: IndexedParallelIterator,
    B: IndexedParallelIterator,
{
    type Item = (A::Item, B::Item);

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

impl<A, B> IndexedParallelIterator for Zip<A, B>
where
    A: IndexedParallelIterator,
    B: IndexedParallelIterator,
{
    fn drive<C: Consumer<Self::Item>>(self, consumer: C) -> C::Result {
        bridge(self, consumer)
    }

    fn len(&self) -> usize {
        self.a.len().min(self.b.len())
    }

    fn with_producer<CB: ProducerCallback<Self::Item>>(self, callback: CB) -> CB::Output {
        let len = self.len();
        let a_len = self.a.len();
        let b_len = self.b.len();
        return self.a.with_producer(CallbackA {
            callback,
            b: self.b,
            len,
            a_len,
            b_len,
        });

        struct CallbackA<CB, B> {
            callback: CB,
            b: B,
            len: usize,
            a_len: usize,
            b_len: usize,
        }

        impl<CB, T, B> ProducerCallback<T> for CallbackA<CB, B>
        where
            B: IndexedParallelIterator,
            CB: ProducerCallback<(T, B::Item)>,
        {
            type Output = CB::Output;
            fn callback<P: Producer<Item = T>>(self, a: P) -> CB::Output {
                self.b.with_producer(CallbackB {
                    callback: self.callback,
                    a: truncate(a, self.a_len, self.len),
                    len: self.len,
                    b_len: self.b_len,
                })
            }
        }

        struct CallbackB<CB, A> {
            callback: CB,
            a: A,
            len: usize,
            b_len: usize,
        }

        impl<CB, T, A> ProducerCallback<T> for CallbackB<CB, A>
        where
            A: Producer,
            CB: ProducerCallback<(A::Item, T)>,
        {
            type Output = CB::Output;
            fn callback<P: Producer<Item = T>>(self, b: P) -> CB::Output {
                self.callback.callback(ZipProducer {
                    a: self.a,
                    b: truncate(b, self.b_len, self.len),
                })
            }
        }
    }
}

/// The first `len` items of a producer of `p_len >= len` items; the rest are dropped
/// unproduced, so both sides of a zip split and end at the same indices.
fn truncate<P: Producer>(p: P, p_len: usize, len: usize) -> P {
    if p_len > len {
        p.split_at(len).0
    } else {
        p
    }
}

/// Two producers of the same length, split at the same indices.
struct ZipProducer<A, B> {
    a: A,
    b: B,
}

impl<A: Producer, B: Producer> Producer for ZipProducer<A, B> {
    type Item = (A::Item, B::Item);
    type IntoIter = std::iter::Zip<A::IntoIter, B::IntoIter>;

    fn into_iter(self) -> Self::IntoIter {
        self.a.into_iter().zip(self.b.into_iter())
    }
    fn min_len(&self) -> usize {
        self.a.min_len().max(self.b.min_len())
    }
    fn max_len(&self) -> usize {
        self.a.max_len().min(self.b.max_len())
    }
    #[inline]
    fn split_at(self, index: usize) -> (Self, Self) {
        let (al, ar) = self.a.split_at(index);
        let (bl, br) = self.b.split_at(index);
        (ZipProducer { a: al, b: bl }, ZipProducer { a: ar, b: br })
    }
}

/// The iterator returned by [`IndexedParallelIterator::zip_eq`].
///
/// # Examples
///
/// ```
/// use beat::prelude::*;
/// let it: beat::iter::ZipEq<_, _> = (0..3).into_par_iter().zip_eq(vec!['a', 'b', 'c']);
/// assert_eq!(it.collect::<Vec<_>>(), [(0, 'a'), (1, 'b'), (2, 'c')]);
/// ```
#[must_use = "iterator adapters are lazy and do nothing unless consumed"]
#[derive(Clone, Debug)]
pub struct ZipEq<A, B> {
    zip: Zip<A, B>,
}

impl<A, B> ZipEq<A, B> {
    pub(super) fn new(a: A, b: B) -> Self {
        ZipEq {
            zip: Zip::new(a, b),
        }
    }
}

impl<A, B> ParallelIterator for ZipEq<A, B>
where
    A: IndexedParallelIterator,
    B: IndexedParallelIterator,
{
    type Item = (A::Item, B::Item);

    fn drive_unindexed<C>(self, consumer: C) -> C::Result
    where
        C: UnindexedConsumer<Self::Item>,
    {
        self.zip.drive_unindexed(consumer)
    }

    fn opt_len(&self) -> Option<usize> {
        self.zip.opt_len()
    }
}

impl<A, B> IndexedParallelIterator for ZipEq<A, B>
where
    A: IndexedParallelIterator,
    B: IndexedParallelIterator,
{
    fn drive<C: Consumer<Self::Item>>(self, consumer: C) -> C::Result {
        self.zip.drive(consumer)
    }

    fn len(&self) -> usize {
        self.zip.len()
    }

    fn with_producer<CB: ProducerCallback<Self::Item>>(self, callback: CB) -> CB::Output {
        self.zip.with_producer(callback)
    }
}
