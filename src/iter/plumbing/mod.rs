//! The traits and functions behind parallel iterators: producers, consumers and the
//! bridges that connect them.
//!
//! They have rayon's shapes, so a parallel iterator written against `rayon::iter::plumbing`
//! compiles against `beat::iter::plumbing` unchanged. What differs is how a bridge runs:
//! beat's bridges size work by time (see [`bridge_producer_consumer`]).

use crate::iter::IndexedParallelIterator;

mod adaptive;
pub(crate) mod clock;
mod estimates;

/// The callback of [`IndexedParallelIterator::with_producer`]: receives the producer the
/// iterator is built on.
///
/// # Examples
///
/// ```
/// use beat::iter::plumbing::{Producer, ProducerCallback};
/// use beat::prelude::*;
///
/// struct Len;
/// impl<T> ProducerCallback<T> for Len {
///     type Output = usize;
///     fn callback<P: Producer<Item = T>>(self, producer: P) -> usize {
///         producer.into_iter().len()
///     }
/// }
/// assert_eq!((0..7).into_par_iter().with_producer(Len), 7);
/// ```
pub trait ProducerCallback<T> {
    /// What the callback returns.
    type Output;

    /// Consumes the producer.
    fn callback<P>(self, producer: P) -> Self::Output
    where
        P: Producer<Item = T>;
}

/// A splittable source of a known number of items: the engine of an indexed parallel
/// iterator.
///
/// # Examples
///
/// ```
/// use beat::iter::plumbing::{bridge_producer_consumer, Consumer, Producer};
/// use beat::prelude::*;
///
/// // A producer of the squares of a range.
/// struct Squares(std::ops::Range<u32>);
/// impl Producer for Squares {
///     type Item = u32;
///     type IntoIter = std::iter::Map<std::ops::Range<u32>, fn(u32) -> u32>;
///     fn into_iter(self) -> Self::IntoIter {
///         self.0.map(|x| x * x)
///     }
///     fn split_at(self, i: usize) -> (Self, Self) {
///         let mid = self.0.start + i as u32;
///         (Squares(self.0.start..mid), Squares(mid..self.0.end))
///     }
/// }
///
/// struct SumSquares(u32);
/// impl ParallelIterator for SumSquares {
///     type Item = u32;
///     fn drive_unindexed<C>(self, c: C) -> C::Result
///     where
///         C: beat::iter::plumbing::UnindexedConsumer<u32>,
///     {
///         bridge_producer_consumer(self.0 as usize, Squares(0..self.0), c)
///     }
/// }
/// assert_eq!(SumSquares(4).sum::<u32>(), 0 + 1 + 4 + 9);
/// ```
pub trait Producer: Send + Sized {
    /// The items produced.
    type Item;

    /// The sequential iterator this producer becomes at a leaf.
    type IntoIter: Iterator<Item = Self::Item> + DoubleEndedIterator + ExactSizeIterator;

    /// Turns the producer into a sequential iterator.
    fn into_iter(self) -> Self::IntoIter;

    /// The fewest items a leaf should hold (`with_min_len`). Default 1.
    fn min_len(&self) -> usize {
        1
    }

    /// The most items a leaf should hold (`with_max_len`). Default `usize::MAX`.
    fn max_len(&self) -> usize {
        usize::MAX
    }

    /// Splits into the items before `index` and those from `index` on.
    fn split_at(self, index: usize) -> (Self, Self);

    /// Feeds every item to `folder`; override when a faster loop than `into_iter` exists.
    fn fold_with<F>(self, folder: F) -> F
    where
        F: Folder<Self::Item>,
    {
        folder.consume_iter(self.into_iter())
    }
}

/// The receiving end of an indexed parallel iterator: can be split at an index, turned
/// into a [`Folder`] at a leaf, and its pieces' results combined by a [`Reducer`].
///
/// # Examples
///
/// See [`UnindexedConsumer`] for a complete consumer.
///
/// ```
/// use beat::iter::plumbing::Consumer;
/// fn assert_consumer<C: Consumer<u8>>() {}
/// ```
pub trait Consumer<Item>: Send + Sized {
    /// The folder a leaf becomes.
    type Folder: Folder<Item, Result = Self::Result>;
    /// Combines the results of two halves.
    type Reducer: Reducer<Self::Result>;
    /// What the consumer produces.
    type Result: Send;

    /// Splits into a consumer of the first `index` items and one of the rest, with the
    /// reducer that joins their results.
    fn split_at(self, index: usize) -> (Self, Self, Self::Reducer);

    /// Becomes a sequential folder.
    fn into_folder(self) -> Self::Folder;

    /// Whether the consumer wants no more items (a short-circuiting search found its answer).
    fn full(&self) -> bool;
}

/// A sequential accumulator: the leaf end of a [`Consumer`].
///
/// # Examples
///
/// ```
/// use beat::iter::plumbing::Folder;
///
/// struct Count(usize);
/// impl Folder<i32> for Count {
///     type Result = usize;
///     fn consume(self, _: i32) -> Self {
///         Count(self.0 + 1)
///     }
///     fn complete(self) -> usize {
///         self.0
///     }
///     fn full(&self) -> bool {
///         false
///     }
/// }
/// assert_eq!(Count(0).consume_iter(0..5).complete(), 5);
/// ```
pub trait Folder<Item>: Sized {
    /// What the folder produces.
    type Result;

    /// Consumes one item.
    fn consume(self, item: Item) -> Self;

    /// Consumes items until the iterator ends or the folder is full.
    fn consume_iter<I>(mut self, iter: I) -> Self
    where
        I: IntoIterator<Item = Item>,
    {
        for item in iter {
            self = self.consume(item);
            if self.full() {
                break;
            }
        }
        self
    }

    /// Finishes, producing the result.
    fn complete(self) -> Self::Result;

    /// Whether the folder wants no more items.
    fn full(&self) -> bool;
}

/// Combines the results of two adjacent pieces, left before right.
///
/// # Examples
///
/// ```
/// use beat::iter::plumbing::Reducer;
///
/// struct Add;
/// impl Reducer<u32> for Add {
///     fn reduce(self, left: u32, right: u32) -> u32 {
///         left + right
///     }
/// }
/// assert_eq!(Add.reduce(2, 3), 5);
/// ```
pub trait Reducer<Result> {
    /// Joins the result of the left piece with that of the right piece.
    fn reduce(self, left: Result, right: Result) -> Result;
}

/// A [`Consumer`] that can also be split without an index, for unindexed iterators.
///
/// # Examples
///
/// A consumer that counts items:
///
/// ```
/// use beat::iter::plumbing::{Consumer, Folder, Reducer, UnindexedConsumer};
/// use beat::prelude::*;
///
/// struct CountConsumer;
/// struct CountFolder(usize);
/// struct AddReducer;
///
/// impl<T> Consumer<T> for CountConsumer {
///     type Folder = CountFolder;
///     type Reducer = AddReducer;
///     type Result = usize;
///     fn split_at(self, _: usize) -> (Self, Self, AddReducer) {
///         (CountConsumer, CountConsumer, AddReducer)
///     }
///     fn into_folder(self) -> CountFolder {
///         CountFolder(0)
///     }
///     fn full(&self) -> bool {
///         false
///     }
/// }
/// impl<T> UnindexedConsumer<T> for CountConsumer {
///     fn split_off_left(&self) -> Self {
///         CountConsumer
///     }
///     fn to_reducer(&self) -> AddReducer {
///         AddReducer
///     }
/// }
/// impl<T> Folder<T> for CountFolder {
///     type Result = usize;
///     fn consume(self, _: T) -> Self {
///         CountFolder(self.0 + 1)
///     }
///     fn complete(self) -> usize {
///         self.0
///     }
///     fn full(&self) -> bool {
///         false
///     }
/// }
/// impl Reducer<usize> for AddReducer {
///     fn reduce(self, a: usize, b: usize) -> usize {
///         a + b
///     }
/// }
///
/// let n = (0..1000).into_par_iter().filter(|x| x % 3 == 0).drive_unindexed(CountConsumer);
/// assert_eq!(n, 334);
/// ```
pub trait UnindexedConsumer<I>: Consumer<I> {
    /// Splits off a consumer for items to the left of those this one will take; the two
    /// results are joined with [`to_reducer`](UnindexedConsumer::to_reducer).
    fn split_off_left(&self) -> Self;

    /// The reducer for results of [`split_off_left`](UnindexedConsumer::split_off_left).
    fn to_reducer(&self) -> Self::Reducer;
}

/// A splittable source of an unknown number of items.
///
/// # Examples
///
/// ```
/// use beat::iter::plumbing::{bridge_unindexed, Folder, UnindexedProducer};
/// use beat::prelude::*;
///
/// struct Halves(std::ops::Range<u32>);
/// impl UnindexedProducer for Halves {
///     type Item = u32;
///     fn split(self) -> (Self, Option<Self>) {
///         let r = self.0;
///         if r.len() < 2 {
///             return (Halves(r), None);
///         }
///         let mid = r.start + r.len() as u32 / 2;
///         (Halves(r.start..mid), Some(Halves(mid..r.end)))
///     }
///     fn fold_with<F: Folder<u32>>(self, folder: F) -> F {
///         folder.consume_iter(self.0)
///     }
/// }
///
/// struct Iter(u32);
/// impl ParallelIterator for Iter {
///     type Item = u32;
///     fn drive_unindexed<C>(self, c: C) -> C::Result
///     where
///         C: beat::iter::plumbing::UnindexedConsumer<u32>,
///     {
///         bridge_unindexed(Halves(0..self.0), c)
///     }
/// }
/// assert_eq!(Iter(100).sum::<u32>(), 4950);
/// ```
pub trait UnindexedProducer: Send + Sized {
    /// The items produced.
    type Item;

    /// Splits in two if it can.
    fn split(self) -> (Self, Option<Self>);

    /// Feeds every item to `folder`.
    fn fold_with<F>(self, folder: F) -> F
    where
        F: Folder<Self::Item>;
}

/// Runs an indexed parallel iterator into a consumer, through its producer.
///
/// # Examples
///
/// ```
/// use beat::iter::plumbing::{bridge, Consumer, UnindexedConsumer};
/// use beat::prelude::*;
///
/// struct Wrapper<I>(I);
/// impl<I: IndexedParallelIterator> ParallelIterator for Wrapper<I> {
///     type Item = I::Item;
///     fn drive_unindexed<C: UnindexedConsumer<I::Item>>(self, c: C) -> C::Result {
///         bridge(self.0, c)
///     }
/// }
/// assert_eq!(Wrapper((1..5).into_par_iter()).product::<i32>(), 24);
/// ```
pub fn bridge<I, C>(par_iter: I, consumer: C) -> C::Result
where
    I: IndexedParallelIterator,
    C: Consumer<I::Item>,
{
    let len = par_iter.len();
    return par_iter.with_producer(Callback { len, consumer });

    struct Callback<C> {
        len: usize,
        consumer: C,
    }

    impl<C, I> ProducerCallback<I> for Callback<C>
    where
        C: Consumer<I>,
    {
        type Output = C::Result;
        fn callback<P>(self, producer: P) -> C::Result
        where
            P: Producer<Item = I>,
        {
            bridge_producer_consumer(self.len, producer, self.consumer)
        }
    }
}

/// Runs `len` items of `producer` into `consumer`: beat's adaptive driver.
///
/// The calling thread folds the first items in growing chunks and times them. When the
/// estimated remaining work is small it finishes inline, without touching the pool.
/// Otherwise it folds batches of about the target leaf time, offering the far half of what
/// remains to the pool whenever a worker is idle; a worker that takes a half does the same.
/// Batch lengths respect the producer's [`min_len`](Producer::min_len) and
/// [`max_len`](Producer::max_len). The estimate is remembered per pipeline type for the
/// next call. `ARCHITECTURE.md` has the reasoning and the measured constants.
///
/// # Examples
///
/// ```
/// use beat::iter::plumbing::{bridge_producer_consumer, UnindexedConsumer};
/// use beat::prelude::*;
///
/// struct Evens(usize);
/// impl ParallelIterator for Evens {
///     type Item = usize;
///     fn drive_unindexed<C: UnindexedConsumer<usize>>(self, c: C) -> C::Result {
///         let n = self.0;
///         (0..n).into_par_iter().with_producer(Cb(n, c))
///     }
/// }
/// struct Cb<C>(usize, C);
/// impl<C: UnindexedConsumer<usize>> beat::iter::plumbing::ProducerCallback<usize> for Cb<C> {
///     type Output = C::Result;
///     fn callback<P: beat::iter::plumbing::Producer<Item = usize>>(self, p: P) -> C::Result {
///         bridge_producer_consumer(self.0, p, self.1)
///     }
/// }
/// assert_eq!(Evens(10).count(), 10);
/// ```
pub fn bridge_producer_consumer<P, C>(len: usize, producer: P, consumer: C) -> C::Result
where
    P: Producer,
    C: Consumer<P::Item>,
{
    adaptive::drive(len, producer, consumer)
}

/// Runs an unindexed producer into a consumer, splitting while it can feed idle workers.
///
/// # Examples
///
/// See [`UnindexedProducer`].
///
/// ```
/// use beat::iter::plumbing::bridge_unindexed;
/// ```
pub fn bridge_unindexed<P, C>(producer: P, consumer: C) -> C::Result
where
    P: UnindexedProducer,
    C: UnindexedConsumer<P::Item>,
{
    adaptive::drive_unindexed(producer, consumer)
}

#[cfg(test)]
mod tests;
