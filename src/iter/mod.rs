//! Parallel iterators: the traits, their adapters and the plumbing underneath.
//!
//! Everything a user calls is in [`crate::prelude`]. The shapes are rayon's, so code written
//! for `rayon::iter` compiles against `beat::iter`. How the work is split differs: see
//! [`plumbing::bridge_producer_consumer`].
//!
//! # Examples
//!
//! ```
//! use beat::prelude::*;
//!
//! let v: Vec<u64> = (0..1000).collect();
//! let sum: u64 = v.par_iter().map(|x| x * x).sum();
//! assert_eq!(sum, v.iter().map(|x| x * x).sum());
//! ```

use std::cmp::Ordering;
use std::iter::{Product, Sum};

use plumbing::{Consumer, ProducerCallback, UnindexedConsumer};

pub mod plumbing;

mod cloned;
mod collect;
mod copied;
mod enumerate;
mod extend;
mod filter;
mod filter_map;
mod fold;
mod for_each;
mod inspect;
mod len;
mod map;
mod noop;
mod reduce;
mod sum;
mod update;
// [helper-a: mod]
// [helper-b: mod]
mod from_par_iter;
mod unzip;
mod while_some;
// [helper-d: mod]

pub use cloned::Cloned;
pub use copied::Copied;
pub use enumerate::Enumerate;
pub use filter::Filter;
pub use filter_map::FilterMap;
pub use fold::Fold;
pub use inspect::Inspect;
pub use len::{MaxLen, MinLen};
pub use map::Map;
pub use update::Update;
// [helper-a: use]
// [helper-b: use]
pub use either::Either;
pub use while_some::WhileSome;
// [helper-d: use]

/// A parallel iterator: items processed by many threads, combined by a consumer.
///
/// Adapters build new iterators; terminal methods (`sum`, `collect`, `for_each`, ...) run
/// them. Where rayon preserves order, beat does too.
///
/// # Examples
///
/// ```
/// use beat::prelude::*;
///
/// let evens = (0..100u32).into_par_iter().filter(|x| x % 2 == 0).count();
/// assert_eq!(evens, 50);
/// ```
pub trait ParallelIterator: Sized + Send {
    /// The type of item this iterator produces.
    type Item: Send;

    /// Calls `op` on every item.
    ///
    /// # Examples
    ///
    /// ```
    /// use beat::prelude::*;
    /// use std::sync::atomic::{AtomicUsize, Ordering};
    ///
    /// let n = AtomicUsize::new(0);
    /// (0..100usize).into_par_iter().for_each(|x| { n.fetch_add(x, Ordering::Relaxed); });
    /// assert_eq!(n.into_inner(), 4950);
    /// ```
    fn for_each<OP>(self, op: OP)
    where
        OP: Fn(Self::Item) + Sync + Send,
    {
        for_each::for_each(self, &op)
    }

    /// Counts the items.
    ///
    /// # Examples
    ///
    /// ```
    /// use beat::prelude::*;
    /// assert_eq!((0..10).into_par_iter().filter(|x| x % 3 == 0).count(), 4);
    /// ```
    fn count(self) -> usize {
        self.map(|_| 1usize).sum()
    }

    /// Applies `map_op` to every item.
    ///
    /// # Examples
    ///
    /// ```
    /// use beat::prelude::*;
    /// let v: Vec<i32> = (0..5).into_par_iter().map(|x| x * 2).collect();
    /// assert_eq!(v, [0, 2, 4, 6, 8]);
    /// ```
    fn map<F, R>(self, map_op: F) -> Map<Self, F>
    where
        F: Fn(Self::Item) -> R + Sync + Send,
        R: Send,
    {
        Map::new(self, map_op)
    }

    /// Clones every item out of a reference.
    ///
    /// # Examples
    ///
    /// ```
    /// use beat::prelude::*;
    /// let v = vec![String::from("a"), String::from("b")];
    /// let w: Vec<String> = v.par_iter().cloned().collect();
    /// assert_eq!(v, w);
    /// ```
    fn cloned<'a, T>(self) -> Cloned<Self>
    where
        T: 'a + Clone + Send,
        Self: ParallelIterator<Item = &'a T>,
    {
        Cloned::new(self)
    }

    /// Copies every item out of a reference.
    ///
    /// # Examples
    ///
    /// ```
    /// use beat::prelude::*;
    /// let v = [1, 2, 3];
    /// let w: Vec<i32> = v.par_iter().copied().collect();
    /// assert_eq!(w, v);
    /// ```
    fn copied<'a, T>(self) -> Copied<Self>
    where
        T: 'a + Copy + Send,
        Self: ParallelIterator<Item = &'a T>,
    {
        Copied::new(self)
    }

    /// Calls `inspect_op` on a reference to every item as it passes.
    ///
    /// # Examples
    ///
    /// ```
    /// use beat::prelude::*;
    /// use std::sync::atomic::{AtomicUsize, Ordering};
    ///
    /// let seen = AtomicUsize::new(0);
    /// let sum: i32 = (1..5).into_par_iter().inspect(|_| { seen.fetch_add(1, Ordering::Relaxed); }).sum();
    /// assert_eq!((sum, seen.into_inner()), (10, 4));
    /// ```
    fn inspect<OP>(self, inspect_op: OP) -> Inspect<Self, OP>
    where
        OP: Fn(&Self::Item) + Sync + Send,
    {
        Inspect::new(self, inspect_op)
    }

    /// Mutates every item in place as it passes.
    ///
    /// # Examples
    ///
    /// ```
    /// use beat::prelude::*;
    /// let v: Vec<i32> = (0..3).into_par_iter().update(|x| *x += 10).collect();
    /// assert_eq!(v, [10, 11, 12]);
    /// ```
    fn update<F>(self, update_op: F) -> Update<Self, F>
    where
        F: Fn(&mut Self::Item) + Sync + Send,
    {
        Update::new(self, update_op)
    }

    /// Keeps the items for which `filter_op` returns `true`.
    ///
    /// # Examples
    ///
    /// ```
    /// use beat::prelude::*;
    /// let v: Vec<i32> = (0..10).into_par_iter().filter(|x| x % 4 == 0).collect();
    /// assert_eq!(v, [0, 4, 8]);
    /// ```
    fn filter<P>(self, filter_op: P) -> Filter<Self, P>
    where
        P: Fn(&Self::Item) -> bool + Sync + Send,
    {
        Filter::new(self, filter_op)
    }

    /// Maps and filters at once: keeps the `Some` values of `filter_op`.
    ///
    /// # Examples
    ///
    /// ```
    /// use beat::prelude::*;
    /// let v: Vec<u32> = ["1", "x", "3"].par_iter().filter_map(|s| s.parse().ok()).collect();
    /// assert_eq!(v, [1, 3]);
    /// ```
    fn filter_map<P, R>(self, filter_op: P) -> FilterMap<Self, P>
    where
        P: Fn(Self::Item) -> Option<R> + Sync + Send,
        R: Send,
    {
        FilterMap::new(self, filter_op)
    }

    /// Reduces the items with `op`, starting each piece from `identity()`. `op` must be
    /// associative; `identity()` may be called any number of times.
    ///
    /// # Examples
    ///
    /// ```
    /// use beat::prelude::*;
    /// let max = (0..100i32).into_par_iter().reduce(|| 0, |a, b| a.max(b));
    /// assert_eq!(max, 99);
    /// ```
    fn reduce<OP, ID>(self, identity: ID, op: OP) -> Self::Item
    where
        OP: Fn(Self::Item, Self::Item) -> Self::Item + Sync + Send,
        ID: Fn() -> Self::Item + Sync + Send,
    {
        reduce::reduce(self, identity, op)
    }

    /// Reduces the items with `op`; `None` when there are none.
    ///
    /// # Examples
    ///
    /// ```
    /// use beat::prelude::*;
    /// assert_eq!((1..5).into_par_iter().reduce_with(|a, b| a * b), Some(24));
    /// assert_eq!((0..0).into_par_iter().reduce_with(|a, b| a + b), None);
    /// ```
    fn reduce_with<OP>(self, op: OP) -> Option<Self::Item>
    where
        OP: Fn(Self::Item, Self::Item) -> Self::Item + Sync + Send,
    {
        self.fold(
            || None,
            |acc: Option<Self::Item>, x| match acc {
                None => Some(x),
                Some(a) => Some(op(a, x)),
            },
        )
        .reduce(
            || None,
            |a, b| match (a, b) {
                (Some(a), Some(b)) => Some(op(a, b)),
                (a, None) => a,
                (None, b) => b,
            },
        )
    }

    /// Folds each piece of the work sequentially from `identity()`, yielding one
    /// accumulator per piece (how many is unspecified); usually followed by `reduce` or `sum`.
    ///
    /// # Examples
    ///
    /// ```
    /// use beat::prelude::*;
    /// let total: u64 = (0..1000u64).into_par_iter().fold(|| 0, |a, x| a + x).sum();
    /// assert_eq!(total, 499500);
    /// ```
    fn fold<T, ID, F>(self, identity: ID, fold_op: F) -> Fold<Self, ID, F>
    where
        F: Fn(T, Self::Item) -> T + Sync + Send,
        ID: Fn() -> T + Sync + Send,
        T: Send,
    {
        Fold::new(self, identity, fold_op)
    }

    /// Sums the items. The sum of no items is `S::sum` of an empty iterator.
    ///
    /// # Examples
    ///
    /// ```
    /// use beat::prelude::*;
    /// assert_eq!((1..101).into_par_iter().sum::<i32>(), 5050);
    /// ```
    fn sum<S>(self) -> S
    where
        S: Send + Sum<Self::Item> + Sum<S>,
    {
        sum::sum(self)
    }

    /// Multiplies the items. The product of no items is `P::product` of an empty iterator.
    ///
    /// # Examples
    ///
    /// ```
    /// use beat::prelude::*;
    /// assert_eq!((1..6u64).into_par_iter().product::<u64>(), 120);
    /// ```
    fn product<P>(self) -> P
    where
        P: Send + Product<Self::Item> + Product<P>,
    {
        sum::product(self)
    }

    /// The smallest item; of equal ones, which is returned is unspecified (as in rayon).
    ///
    /// # Examples
    ///
    /// ```
    /// use beat::prelude::*;
    /// assert_eq!([3, 1, 2].par_iter().min(), Some(&1));
    /// ```
    fn min(self) -> Option<Self::Item>
    where
        Self::Item: Ord,
    {
        self.reduce_with(std::cmp::min)
    }

    /// The smallest item by `f`.
    ///
    /// # Examples
    ///
    /// ```
    /// use beat::prelude::*;
    /// let m = [2.5f64, -1.0, 4.0].par_iter().min_by(|a, b| a.total_cmp(b));
    /// assert_eq!(m, Some(&-1.0));
    /// ```
    fn min_by<F>(self, f: F) -> Option<Self::Item>
    where
        F: Sync + Send + Fn(&Self::Item, &Self::Item) -> Ordering,
    {
        self.reduce_with(|a, b| match f(&a, &b) {
            Ordering::Greater => b,
            _ => a,
        })
    }

    /// The item with the smallest key.
    ///
    /// # Examples
    ///
    /// ```
    /// use beat::prelude::*;
    /// assert_eq!([-3i32, 1, 2].par_iter().min_by_key(|x| x.abs()), Some(&1));
    /// ```
    fn min_by_key<K, F>(self, f: F) -> Option<Self::Item>
    where
        K: Ord + Send,
        F: Sync + Send + Fn(&Self::Item) -> K,
    {
        self.map(|x| (f(&x), x))
            .min_by(|a, b| a.0.cmp(&b.0))
            .map(|(_, x)| x)
    }

    /// The largest item; of equal ones, which is returned is unspecified (as in rayon).
    ///
    /// # Examples
    ///
    /// ```
    /// use beat::prelude::*;
    /// assert_eq!([3, 1, 2].par_iter().max(), Some(&3));
    /// ```
    fn max(self) -> Option<Self::Item>
    where
        Self::Item: Ord,
    {
        self.reduce_with(std::cmp::max)
    }

    /// The largest item by `f`.
    ///
    /// # Examples
    ///
    /// ```
    /// use beat::prelude::*;
    /// let m = [2.5f64, -1.0, 4.0].par_iter().max_by(|a, b| a.total_cmp(b));
    /// assert_eq!(m, Some(&4.0));
    /// ```
    fn max_by<F>(self, f: F) -> Option<Self::Item>
    where
        F: Sync + Send + Fn(&Self::Item, &Self::Item) -> Ordering,
    {
        self.reduce_with(|a, b| match f(&a, &b) {
            Ordering::Greater => a,
            _ => b,
        })
    }

    /// The item with the largest key.
    ///
    /// # Examples
    ///
    /// ```
    /// use beat::prelude::*;
    /// assert_eq!([-3i32, 1, 2].par_iter().max_by_key(|x| x.abs()), Some(&-3));
    /// ```
    fn max_by_key<K, F>(self, f: F) -> Option<Self::Item>
    where
        K: Ord + Send,
        F: Sync + Send + Fn(&Self::Item) -> K,
    {
        self.map(|x| (f(&x), x))
            .max_by(|a, b| a.0.cmp(&b.0))
            .map(|(_, x)| x)
    }

    /// Collects the items into any [`FromParallelIterator`] collection. Order is kept for
    /// ordered collections.
    ///
    /// # Examples
    ///
    /// ```
    /// use beat::prelude::*;
    /// let v: Vec<_> = (0..4).into_par_iter().map(|x| x * x).collect();
    /// assert_eq!(v, [0, 1, 4, 9]);
    /// ```
    fn collect<C>(self) -> C
    where
        C: FromParallelIterator<Self::Item>,
    {
        C::from_par_iter(self)
    }

    // [helper-a: ParallelIterator]
    // [helper-b: ParallelIterator]

    /// Yields the values of the `Some` items, stopping once a `None` is met.
    ///
    /// Items are processed in parallel, so stopping is not a sequential cut: once any piece
    /// meets a `None`, every piece stops at its next check. The values that come out are some
    /// of those before the first `None` in iterator order, possibly not all of them, and
    /// possibly some from after it that were processed before the stop was noticed.
    ///
    /// # Examples
    ///
    /// ```
    /// use beat::prelude::*;
    /// use std::sync::atomic::{AtomicUsize, Ordering};
    ///
    /// let seen = AtomicUsize::new(0);
    /// let max = (0..10_000i32)
    ///     .into_par_iter()
    ///     .map(|x| {
    ///         seen.fetch_add(1, Ordering::Relaxed);
    ///         (x < 100).then_some(x)
    ///     })
    ///     .while_some()
    ///     .max();
    /// assert!(max < Some(100));
    /// assert!(seen.into_inner() < 10_000); // stopped early
    /// ```
    fn while_some<T>(self) -> WhileSome<Self>
    where
        Self: ParallelIterator<Item = Option<T>>,
        T: Send,
    {
        WhileSome::new(self)
    }

    /// Splits pairs into two collections: the first elements go to `FromA`, the second to
    /// `FromB`, in order where the collections keep one. Pairs of pairs unzip into nested
    /// tuples of collections.
    ///
    /// # Examples
    ///
    /// ```
    /// use beat::prelude::*;
    /// let (small, squares): (Vec<_>, Vec<_>) = (0..4).into_par_iter().map(|x| (x, x * x)).unzip();
    /// assert_eq!(small, [0, 1, 2, 3]);
    /// assert_eq!(squares, [0, 1, 4, 9]);
    ///
    /// let (a, (b, c)): (Vec<_>, (Vec<_>, Vec<_>)) =
    ///     (0..3i32).into_par_iter().map(|x| (x, (-x, x * 10))).unzip();
    /// assert_eq!((a, b, c), (vec![0, 1, 2], vec![0, -1, -2], vec![0, 10, 20]));
    /// ```
    fn unzip<A, B, FromA, FromB>(self) -> (FromA, FromB)
    where
        Self: ParallelIterator<Item = (A, B)>,
        FromA: Default + Send + ParallelExtend<A>,
        FromB: Default + Send + ParallelExtend<B>,
        A: Send,
        B: Send,
    {
        unzip::unzip(self)
    }

    /// Splits the items into two collections: those for which `predicate` returns `true`
    /// go to `A`, the others to `B`, in order where the collections keep one. Unlike
    /// `Iterator::partition`, the two collections may have different types.
    ///
    /// # Examples
    ///
    /// ```
    /// use beat::prelude::*;
    /// use std::collections::HashSet;
    /// let (even, odd): (Vec<_>, HashSet<_>) = (0..8).into_par_iter().partition(|x| x % 2 == 0);
    /// assert_eq!(even, [0, 2, 4, 6]);
    /// assert_eq!(odd, HashSet::from([1, 3, 5, 7]));
    /// ```
    fn partition<A, B, P>(self, predicate: P) -> (A, B)
    where
        A: Default + Send + ParallelExtend<Self::Item>,
        B: Default + Send + ParallelExtend<Self::Item>,
        P: Fn(&Self::Item) -> bool + Sync + Send,
    {
        unzip::partition(self, predicate)
    }

    /// Maps every item to an [`Either`] and splits the results: `Left` values go to `A`,
    /// `Right` values to `B`, in order where the collections keep one.
    ///
    /// # Examples
    ///
    /// ```
    /// use beat::iter::Either;
    /// use beat::prelude::*;
    /// let (nums, errs): (Vec<i32>, Vec<String>) = vec!["1", "x", "3"]
    ///     .into_par_iter()
    ///     .partition_map(|s| match s.parse::<i32>() {
    ///         Ok(n) => Either::Left(n),
    ///         Err(_) => Either::Right(s.to_uppercase()),
    ///     });
    /// assert_eq!(nums, [1, 3]);
    /// assert_eq!(errs, ["X"]);
    /// ```
    fn partition_map<A, B, P, L, R>(self, predicate: P) -> (A, B)
    where
        A: Default + Send + ParallelExtend<L>,
        B: Default + Send + ParallelExtend<R>,
        P: Fn(Self::Item) -> Either<L, R> + Sync + Send,
        L: Send,
        R: Send,
    {
        unzip::partition_map(self, predicate)
    }

    // [helper-d: ParallelIterator]

    /// Drives the iterator into an unindexed consumer (plumbing; most code never calls it).
    ///
    /// # Examples
    ///
    /// See [`plumbing::UnindexedConsumer`].
    ///
    /// ```
    /// use beat::prelude::*;
    /// let _ = (0..3).into_par_iter().opt_len();
    /// ```
    fn drive_unindexed<C>(self, consumer: C) -> C::Result
    where
        C: UnindexedConsumer<Self::Item>;

    /// The number of items, when known without running the iterator.
    ///
    /// # Examples
    ///
    /// ```
    /// use beat::prelude::*;
    /// assert_eq!((0..3).into_par_iter().opt_len(), Some(3));
    /// assert_eq!((0..3).into_par_iter().filter(|_| true).opt_len(), None);
    /// ```
    fn opt_len(&self) -> Option<usize> {
        None
    }
}

/// A parallel iterator that knows its length and can be split at any index: it can be
/// zipped, enumerated, reversed and collected in order into a slice.
///
/// # Examples
///
/// ```
/// use beat::prelude::*;
/// let v: Vec<(usize, char)> = ['a', 'b'].par_iter().copied().enumerate().collect();
/// assert_eq!(v, [(0, 'a'), (1, 'b')]);
/// ```
#[allow(clippy::len_without_is_empty)] // rayon's trait has no `is_empty`
pub trait IndexedParallelIterator: ParallelIterator {
    /// Yields `(index, item)` pairs.
    ///
    /// # Examples
    ///
    /// ```
    /// use beat::prelude::*;
    /// let v: Vec<_> = (10..13).into_par_iter().enumerate().collect();
    /// assert_eq!(v, [(0, 10), (1, 11), (2, 12)]);
    /// ```
    fn enumerate(self) -> Enumerate<Self> {
        Enumerate::new(self)
    }

    /// Asks that no batch hold fewer than `min` items (splitting stops there).
    ///
    /// # Examples
    ///
    /// ```
    /// use beat::prelude::*;
    /// let s: u32 = (0..100u32).into_par_iter().with_min_len(10).sum();
    /// assert_eq!(s, 4950);
    /// ```
    fn with_min_len(self, min: usize) -> MinLen<Self> {
        MinLen::new(self, min)
    }

    /// Asks that no batch hold more than `max` items.
    ///
    /// # Examples
    ///
    /// ```
    /// use beat::prelude::*;
    /// let s: u32 = (0..100u32).into_par_iter().with_max_len(7).sum();
    /// assert_eq!(s, 4950);
    /// ```
    fn with_max_len(self, max: usize) -> MaxLen<Self> {
        MaxLen::new(self, max)
    }

    // [helper-a: IndexedParallelIterator]
    // [helper-b: IndexedParallelIterator]

    /// The number of items.
    ///
    /// # Examples
    ///
    /// ```
    /// use beat::prelude::*;
    /// assert_eq!((0..10).into_par_iter().len(), 10);
    /// ```
    fn len(&self) -> usize;

    /// Drives the iterator into an indexed consumer (plumbing).
    ///
    /// # Examples
    ///
    /// ```
    /// use beat::prelude::*;
    /// assert_eq!((0..10).into_par_iter().map(|x| x + 1).len(), 10);
    /// ```
    fn drive<C: Consumer<Self::Item>>(self, consumer: C) -> C::Result;

    /// Hands the iterator's producer to `callback` (plumbing).
    ///
    /// # Examples
    ///
    /// See [`plumbing::ProducerCallback`].
    ///
    /// ```
    /// use beat::prelude::*;
    /// assert_eq!((0..10).into_par_iter().len(), 10);
    /// ```
    fn with_producer<CB: ProducerCallback<Self::Item>>(self, callback: CB) -> CB::Output;
}

/// Conversion into a parallel iterator: `into_par_iter()` on ranges, vectors, slices, ...
///
/// # Examples
///
/// ```
/// use beat::prelude::*;
/// let v: Vec<i32> = vec![1, 2, 3].into_par_iter().map(|x| -x).collect();
/// assert_eq!(v, [-1, -2, -3]);
/// ```
pub trait IntoParallelIterator {
    /// The parallel iterator.
    type Iter: ParallelIterator<Item = Self::Item>;
    /// Its items.
    type Item: Send;

    /// Converts `self` into a parallel iterator.
    fn into_par_iter(self) -> Self::Iter;
}

impl<T: ParallelIterator> IntoParallelIterator for T {
    type Iter = T;
    type Item = T::Item;

    fn into_par_iter(self) -> T {
        self
    }
}

/// `par_iter()`: a parallel iterator over references, for anything whose `&` converts.
///
/// # Examples
///
/// ```
/// use beat::prelude::*;
/// let v = vec![1, 2, 3];
/// assert_eq!(v.par_iter().sum::<i32>(), 6);
/// ```
pub trait IntoParallelRefIterator<'data> {
    /// The parallel iterator.
    type Iter: ParallelIterator<Item = Self::Item>;
    /// Its items (references).
    type Item: Send + 'data;

    /// Borrows `self` as a parallel iterator.
    fn par_iter(&'data self) -> Self::Iter;
}

impl<'data, I: 'data + ?Sized> IntoParallelRefIterator<'data> for I
where
    &'data I: IntoParallelIterator,
{
    type Iter = <&'data I as IntoParallelIterator>::Iter;
    type Item = <&'data I as IntoParallelIterator>::Item;

    fn par_iter(&'data self) -> Self::Iter {
        self.into_par_iter()
    }
}

/// `par_iter_mut()`: a parallel iterator over mutable references.
///
/// # Examples
///
/// ```
/// use beat::prelude::*;
/// let mut v = vec![1, 2, 3];
/// v.par_iter_mut().for_each(|x| *x *= 10);
/// assert_eq!(v, [10, 20, 30]);
/// ```
pub trait IntoParallelRefMutIterator<'data> {
    /// The parallel iterator.
    type Iter: ParallelIterator<Item = Self::Item>;
    /// Its items (mutable references).
    type Item: Send + 'data;

    /// Borrows `self` mutably as a parallel iterator.
    fn par_iter_mut(&'data mut self) -> Self::Iter;
}

impl<'data, I: 'data + ?Sized> IntoParallelRefMutIterator<'data> for I
where
    &'data mut I: IntoParallelIterator,
{
    type Iter = <&'data mut I as IntoParallelIterator>::Iter;
    type Item = <&'data mut I as IntoParallelIterator>::Item;

    fn par_iter_mut(&'data mut self) -> Self::Iter {
        self.into_par_iter()
    }
}

/// Building a collection from a parallel iterator: what `collect` calls.
///
/// # Examples
///
/// ```
/// use beat::iter::FromParallelIterator;
/// use beat::prelude::*;
///
/// let v = Vec::from_par_iter((0..3).into_par_iter());
/// assert_eq!(v, [0, 1, 2]);
/// ```
pub trait FromParallelIterator<T>
where
    T: Send,
{
    /// Builds the collection.
    fn from_par_iter<I>(par_iter: I) -> Self
    where
        I: IntoParallelIterator<Item = T>;
}

/// Extending a collection with the items of a parallel iterator.
///
/// # Examples
///
/// ```
/// use beat::prelude::*;
/// let mut v = vec![0];
/// v.par_extend((1..4).into_par_iter());
/// assert_eq!(v, [0, 1, 2, 3]);
/// ```
pub trait ParallelExtend<T>
where
    T: Send,
{
    /// Extends the collection, keeping the iterator's order where the collection has one.
    fn par_extend<I>(&mut self, par_iter: I)
    where
        I: IntoParallelIterator<Item = T>;
}
