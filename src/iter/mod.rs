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

mod chain;
mod chunks;
mod cloned;
mod collect;
mod copied;
mod enumerate;
mod extend;
mod filter;
mod filter_map;
mod find;
mod find_first_last;
mod flat_map;
mod flat_map_iter;
mod flatten;
mod flatten_iter;
mod fold;
mod for_each;
mod from_par_iter;
mod inspect;
mod len;
mod map;
mod map_with;
mod noop;
mod panic_fuse;
mod private;
mod reduce;
mod rev;
mod skip;
mod step_by;
mod sum;
mod take;
mod try_fold;
mod try_for_each;
mod try_reduce;
mod unzip;
mod update;
mod while_some;
mod zip;

mod drain;
mod empty;
mod once;
mod par_bridge;
mod repeat;
mod splitter;
mod walk_tree;
// [h4: mod]
mod blocks;
mod fold_chunks;
mod fold_chunks_with;
mod gate;
mod interleave;
mod interleave_shortest;
mod intersperse;
mod positions;
mod skip_any;
mod skip_any_while;
mod take_any;
mod take_any_while;
mod unzip_into_vecs;
// [h5: mod]
mod par_either;
// [h7: mod]
mod multizip;
// [h11: mod]

pub use chain::Chain;
pub use chunks::Chunks;
pub use cloned::Cloned;
pub use copied::Copied;
pub use either::Either;
pub use enumerate::Enumerate;
pub use filter::Filter;
pub use filter_map::FilterMap;
pub use flat_map::FlatMap;
pub use flat_map_iter::FlatMapIter;
pub use flatten::Flatten;
pub use flatten_iter::FlattenIter;
pub use fold::Fold;
pub use fold::FoldWith;
pub use inspect::Inspect;
pub use len::{MaxLen, MinLen};
pub use map::Map;
pub use map_with::{MapInit, MapWith};
pub use panic_fuse::PanicFuse;
use private::Try;
pub use rev::Rev;
pub use skip::Skip;
pub use step_by::StepBy;
pub use take::Take;
pub use try_fold::{TryFold, TryFoldWith};
pub use update::Update;
pub use while_some::WhileSome;
pub use zip::{Zip, ZipEq};

pub(crate) use drain::resolve_range;
pub use drain::{ParallelDrainFull, ParallelDrainRange};
pub use empty::{empty, Empty};
pub use once::{once, Once};
pub use par_bridge::{IterBridge, ParallelBridge};
#[allow(deprecated)]
pub use repeat::repeatn;
pub use repeat::{repeat, repeat_n, Repeat, RepeatN};
pub use splitter::{split, Split};
pub use walk_tree::{
    walk_tree, walk_tree_postfix, walk_tree_prefix, WalkTree, WalkTreePostfix, WalkTreePrefix,
};
// [h4: use]
use std::collections::LinkedList;

pub use blocks::{ExponentialBlocks, UniformBlocks};
pub use fold_chunks::FoldChunks;
pub use fold_chunks_with::FoldChunksWith;
pub use interleave::Interleave;
pub use interleave_shortest::InterleaveShortest;
pub use intersperse::Intersperse;
pub use positions::Positions;
pub use skip_any::SkipAny;
pub use skip_any_while::SkipAnyWhile;
pub use take_any::TakeAny;
pub use take_any_while::TakeAnyWhile;
// [h5: use]
pub use multizip::MultiZip;
// [h11: use]

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

    /// Yields the items of `self`, then those of `chain`. The result is indexed when both
    /// iterators are.
    ///
    /// # Examples
    ///
    /// ```
    /// use beat::prelude::*;
    /// let v: Vec<i32> = (0..3).into_par_iter().chain(vec![10, 11]).collect();
    /// assert_eq!(v, [0, 1, 2, 10, 11]);
    /// ```
    fn chain<C>(self, chain: C) -> Chain<Self, C::Iter>
    where
        C: IntoParallelIterator<Item = Self::Item>,
    {
        Chain::new(self, chain.into_par_iter())
    }

    /// Calls `op` on every item with `&mut` access to a state: each piece of the work
    /// starts from its own clone of `init`.
    ///
    /// How many clones are made is unspecified (at most about one per piece, never one
    /// per item).
    ///
    /// # Examples
    ///
    /// ```
    /// use beat::prelude::*;
    /// use std::sync::mpsc::channel;
    ///
    /// let (tx, rx) = channel();
    /// (0..5).into_par_iter().for_each_with(tx, |tx, x| tx.send(x).unwrap());
    /// let mut got: Vec<i32> = rx.iter().collect();
    /// got.sort();
    /// assert_eq!(got, [0, 1, 2, 3, 4]);
    /// ```
    fn for_each_with<OP, T>(self, init: T, op: OP)
    where
        OP: Fn(&mut T, Self::Item) + Sync + Send,
        T: Send + Clone,
    {
        self.map_with(init, op).for_each(|()| ())
    }

    /// Calls `op` on every item with `&mut` access to a state that each piece of the work
    /// makes with `init()`. `init` may be called any number of times (about once per
    /// piece, never once per item).
    ///
    /// # Examples
    ///
    /// ```
    /// use beat::prelude::*;
    /// use std::sync::atomic::{AtomicUsize, Ordering};
    ///
    /// let total = AtomicUsize::new(0);
    /// (0..100usize).into_par_iter().for_each_init(String::new, |buf, x| {
    ///     buf.clear();
    ///     buf.push_str(&x.to_string());
    ///     total.fetch_add(buf.len(), Ordering::Relaxed);
    /// });
    /// assert_eq!(total.into_inner(), 10 + 90 * 2);
    /// ```
    fn for_each_init<OP, INIT, T>(self, init: INIT, op: OP)
    where
        OP: Fn(&mut T, Self::Item) + Sync + Send,
        INIT: Fn() -> T + Sync + Send,
    {
        self.map_init(init, op).for_each(|()| ())
    }

    /// Applies `map_op` to every item with `&mut` access to a state: each piece of the work
    /// starts from its own clone of `init`. Indexed when `self` is.
    ///
    /// How many clones are made is unspecified (at most about one per piece, never one
    /// per item).
    ///
    /// # Examples
    ///
    /// ```
    /// use beat::prelude::*;
    /// use std::sync::mpsc::channel;
    ///
    /// let (tx, rx) = channel();
    /// let doubled: Vec<i32> = (0..4)
    ///     .into_par_iter()
    ///     .map_with(tx, |tx, x| {
    ///         tx.send(x).unwrap();
    ///         x * 2
    ///     })
    ///     .collect();
    /// assert_eq!(doubled, [0, 2, 4, 6]);
    /// assert_eq!(rx.iter().sum::<i32>(), 6);
    /// ```
    fn map_with<F, T, R>(self, init: T, map_op: F) -> MapWith<Self, T, F>
    where
        F: Fn(&mut T, Self::Item) -> R + Sync + Send,
        T: Send + Clone,
        R: Send,
    {
        MapWith::new(self, init, map_op)
    }

    /// Applies `map_op` to every item with `&mut` access to a state that each piece of the
    /// work makes with `init()`: a buffer, a random-number generator, a connection. `init`
    /// may be called any number of times (about once per piece, never once per item).
    /// Indexed when `self` is.
    ///
    /// # Examples
    ///
    /// ```
    /// use beat::prelude::*;
    ///
    /// let lens: Vec<usize> = (0..1000u32)
    ///     .into_par_iter()
    ///     .map_init(String::new, |buf, x| {
    ///         buf.clear();
    ///         buf.push_str(&x.to_string());
    ///         buf.len()
    ///     })
    ///     .collect();
    /// assert_eq!(lens[5], 1);
    /// assert_eq!(lens[999], 3);
    /// ```
    fn map_init<F, INIT, T, R>(self, init: INIT, map_op: F) -> MapInit<Self, INIT, F>
    where
        F: Fn(&mut T, Self::Item) -> R + Sync + Send,
        INIT: Fn() -> T + Sync + Send,
        R: Send,
    {
        MapInit::new(self, init, map_op)
    }

    /// Maps every item to a parallel iterator and yields the items of all of them, in
    /// order. The inner iterators run in parallel too: a long one is split across the
    /// pool like any other call.
    ///
    /// # Examples
    ///
    /// ```
    /// use beat::prelude::*;
    /// let v: Vec<u32> = (1..4u32).into_par_iter().flat_map(|n| 0..n).collect();
    /// assert_eq!(v, [0, 0, 1, 0, 1, 2]);
    /// ```
    fn flat_map<F, PI>(self, map_op: F) -> FlatMap<Self, F>
    where
        F: Fn(Self::Item) -> PI + Sync + Send,
        PI: IntoParallelIterator,
    {
        FlatMap::new(self, map_op)
    }

    /// Maps every item to a sequential iterator and yields the items of all of them, in
    /// order. Each inner iterator is consumed serially by the piece its item fell in,
    /// which is cheaper than [`flat_map`](ParallelIterator::flat_map) when inner iterators
    /// are short.
    ///
    /// # Examples
    ///
    /// ```
    /// use beat::prelude::*;
    /// let words = ["ab", "", "cde"];
    /// let chars: Vec<char> = words.par_iter().flat_map_iter(|w| w.chars()).collect();
    /// assert_eq!(chars, ['a', 'b', 'c', 'd', 'e']);
    /// ```
    fn flat_map_iter<F, SI>(self, map_op: F) -> FlatMapIter<Self, F>
    where
        F: Fn(Self::Item) -> SI + Sync + Send,
        SI: IntoIterator<Item: Send>,
    {
        FlatMapIter::new(self, map_op)
    }

    /// Yields the items of every item, each a parallel iterator (or convertible to one),
    /// in order.
    ///
    /// # Examples
    ///
    /// ```
    /// use beat::prelude::*;
    /// let nested = vec![vec![1, 2], vec![], vec![3, 4]];
    /// let flat: Vec<i32> = nested.into_par_iter().flatten().collect();
    /// assert_eq!(flat, [1, 2, 3, 4]);
    /// ```
    fn flatten(self) -> Flatten<Self>
    where
        Self::Item: IntoParallelIterator,
    {
        Flatten::new(self)
    }

    /// Yields the items of every item, each a sequential iterator (or convertible to one),
    /// in order; each is consumed serially by the piece its item fell in.
    ///
    /// # Examples
    ///
    /// ```
    /// use beat::prelude::*;
    /// let nested = vec![vec![1, 2], vec![], vec![3, 4]];
    /// let flat: Vec<i32> = nested.into_par_iter().flatten_iter().collect();
    /// assert_eq!(flat, [1, 2, 3, 4]);
    /// ```
    fn flatten_iter(self) -> FlattenIter<Self>
    where
        Self::Item: IntoIterator<Item: Send>,
    {
        FlattenIter::new(self)
    }

    /// Folds each piece of the work sequentially, starting from a clone of `init`, yielding
    /// one accumulator per piece (how many is unspecified); usually followed by `reduce`
    /// or `sum`.
    ///
    /// # Examples
    ///
    /// ```
    /// use beat::prelude::*;
    /// let total: u64 = (0..1000u64).into_par_iter().fold_with(0, |a, x| a + x).sum();
    /// assert_eq!(total, 499500);
    ///
    /// let words: Vec<String> = ["a", "b", "c"]
    ///     .par_iter()
    ///     .fold_with(String::new(), |mut s, w| {
    ///         s.push_str(w);
    ///         s
    ///     })
    ///     .collect();
    /// assert_eq!(words.concat(), "abc");
    /// ```
    fn fold_with<F, T>(self, init: T, fold_op: F) -> FoldWith<Self, T, F>
    where
        F: Fn(T, Self::Item) -> T + Sync + Send,
        T: Send + Clone,
    {
        FoldWith::new(self, init, fold_op)
    }

    /// Stops the other pieces of the work promptly once a closure has panicked in one of
    /// them, instead of letting them run to the end. Indexed when `self` is.
    ///
    /// # Panics
    ///
    /// The panic still propagates to the caller, as it would without the fuse; the fuse
    /// only saves the work the other pieces would have done in the meantime.
    ///
    /// # Examples
    ///
    /// ```
    /// use beat::prelude::*;
    ///
    /// let r = std::panic::catch_unwind(|| {
    ///     (0..1_000_000u32).into_par_iter().panic_fuse().for_each(|x| {
    ///         assert_ne!(x, 500, "item 500 is cursed");
    ///     })
    /// });
    /// assert!(r.is_err());
    /// ```
    fn panic_fuse(self) -> PanicFuse<Self> {
        PanicFuse::new(self)
    }

    /// Calls the fallible `op` on every item; stops early at the first `None`, `Err` or
    /// `Break`.
    ///
    /// `R` is `Option<()>`, `Result<(), E>`, `ControlFlow<B, ()>` or a `Poll` of those
    /// results. When `op` breaks, the other threads stop as soon as they notice (each checks
    /// before every item) and that break is returned; if several items break, which one is
    /// returned is unspecified. Otherwise the result is `Some(())`, `Ok(())`, ...
    ///
    /// # Examples
    ///
    /// ```
    /// use beat::prelude::*;
    ///
    /// let r = (0..100).into_par_iter().try_for_each(|x| if x == 42 { Err(x) } else { Ok(()) });
    /// assert_eq!(r, Err(42));
    /// assert_eq!((0..100).into_par_iter().try_for_each(|_| Some(())), Some(()));
    /// ```
    fn try_for_each<OP, R>(self, op: OP) -> R
    where
        OP: Fn(Self::Item) -> R + Sync + Send,
        R: Try<Output = ()> + Send,
    {
        try_for_each::try_for_each(self, op)
    }

    /// Like [`try_for_each`](ParallelIterator::try_for_each), with a mutable state handed
    /// to `op`: each piece of the work gets its own clone of `init`.
    ///
    /// # Examples
    ///
    /// ```
    /// use beat::prelude::*;
    /// use std::sync::mpsc::channel;
    ///
    /// let (tx, rx) = channel();
    /// let r = (0..5).into_par_iter().try_for_each_with(tx, |tx, x| tx.send(x * 10));
    /// assert!(r.is_ok());
    /// let mut got: Vec<i32> = rx.iter().collect();
    /// got.sort();
    /// assert_eq!(got, [0, 10, 20, 30, 40]);
    /// ```
    fn try_for_each_with<OP, T, R>(self, init: T, op: OP) -> R
    where
        OP: Fn(&mut T, Self::Item) -> R + Sync + Send,
        T: Send + Clone,
        R: Try<Output = ()> + Send,
    {
        try_for_each::try_for_each_with(self, init, op)
    }

    /// Like [`try_for_each`](ParallelIterator::try_for_each), with a mutable state handed
    /// to `op`: each piece of the work makes its own with `init()` (how many pieces there
    /// are is unspecified).
    ///
    /// # Examples
    ///
    /// ```
    /// use beat::prelude::*;
    ///
    /// let r = (0..1000u32).into_par_iter().try_for_each_init(
    ///     || String::new(),
    ///     |buf, x| {
    ///         buf.clear();
    ///         buf.push_str(&x.to_string());
    ///         if buf.len() > 3 { Err(x) } else { Ok(()) }
    ///     },
    /// );
    /// assert_eq!(r, Ok(()));
    /// ```
    fn try_for_each_init<OP, INIT, T, R>(self, init: INIT, op: OP) -> R
    where
        OP: Fn(&mut T, Self::Item) -> R + Sync + Send,
        INIT: Fn() -> T + Sync + Send,
        R: Try<Output = ()> + Send,
    {
        try_for_each::try_for_each_init(self, init, op)
    }

    /// Reduces fallible items with the fallible `op`, starting each piece from `identity()`;
    /// stops early at the first `None`, `Err` or `Break` (an item or a result of `op`).
    ///
    /// On a break, the other threads stop as soon as they notice and that break is returned;
    /// if several happen, which one is returned is unspecified. `op` must be associative.
    ///
    /// # Examples
    ///
    /// ```
    /// use beat::prelude::*;
    ///
    /// // A sum that reports overflow.
    /// let sum = |n: u8| {
    ///     (0..n).into_par_iter().map(Some).try_reduce(|| 0u8, |a, b| a.checked_add(b))
    /// };
    /// assert_eq!(sum(10), Some(45));
    /// assert_eq!(sum(100), None);
    /// ```
    fn try_reduce<T, OP, ID>(self, identity: ID, op: OP) -> Self::Item
    where
        OP: Fn(T, T) -> Self::Item + Sync + Send,
        ID: Fn() -> T + Sync + Send,
        Self::Item: Try<Output = T>,
    {
        try_reduce::try_reduce(self, identity, op)
    }

    /// Like [`try_reduce`](ParallelIterator::try_reduce) without an identity: `None` when
    /// there are no items, else `Some` of the reduction or of the break that stopped it.
    ///
    /// # Examples
    ///
    /// ```
    /// use beat::prelude::*;
    ///
    /// let r = (1..5).into_par_iter().map(Ok::<i32, String>).try_reduce_with(|a, b| Ok(a * b));
    /// assert_eq!(r, Some(Ok(24)));
    /// let empty = (0..0).into_par_iter().map(Ok::<i32, String>).try_reduce_with(|a, b| Ok(a + b));
    /// assert_eq!(empty, None);
    /// let v = vec![Ok(1), Err("bad"), Ok(3)];
    /// let failed = v.into_par_iter().try_reduce_with(|a, b| Ok(a + b));
    /// assert_eq!(failed, Some(Err("bad")));
    /// ```
    fn try_reduce_with<T, OP>(self, op: OP) -> Option<Self::Item>
    where
        OP: Fn(T, T) -> Self::Item + Sync + Send,
        Self::Item: Try<Output = T>,
    {
        try_reduce::try_reduce_with(self, op)
    }

    /// Like [`fold`](ParallelIterator::fold) with a fallible `fold_op`: a piece stops at its
    /// first `None`, `Err` or `Break` and yields it; the other pieces go on. Follow it with
    /// [`try_reduce`](ParallelIterator::try_reduce) to stop everywhere.
    ///
    /// # Examples
    ///
    /// ```
    /// use beat::prelude::*;
    ///
    /// let sum = (0..22u8)
    ///     .into_par_iter()
    ///     .try_fold(|| 0u32, |a, b| a.checked_add(u32::from(b)))
    ///     .try_reduce(|| 0, u32::checked_add);
    /// assert_eq!(sum, Some(231));
    /// ```
    fn try_fold<T, R, ID, F>(self, identity: ID, fold_op: F) -> TryFold<Self, R, ID, F>
    where
        F: Fn(T, Self::Item) -> R + Sync + Send,
        ID: Fn() -> T + Sync + Send,
        R: Try<Output = T> + Send,
    {
        TryFold::new(self, identity, fold_op)
    }

    /// Like [`try_fold`](ParallelIterator::try_fold), starting each piece from a clone of
    /// `init`.
    ///
    /// # Examples
    ///
    /// ```
    /// use beat::prelude::*;
    ///
    /// let r: Result<u64, String> = (1..21u64)
    ///     .into_par_iter()
    ///     .try_fold_with(0, |a, x| if x == 13 { Err(format!("{x}")) } else { Ok(a + x) })
    ///     .try_reduce(|| 0, |a, b| Ok(a + b));
    /// assert_eq!(r, Err("13".to_string()));
    /// ```
    fn try_fold_with<F, T, R>(self, init: T, fold_op: F) -> TryFoldWith<Self, R, F>
    where
        F: Fn(T, Self::Item) -> R + Sync + Send,
        R: Try<Output = T> + Send,
        T: Clone + Send,
    {
        TryFoldWith::new(self, init, fold_op)
    }

    /// Whether `predicate` holds for some item. Stops everywhere at the first `true`.
    ///
    /// # Examples
    ///
    /// ```
    /// use beat::prelude::*;
    /// assert!((0..u64::MAX).into_par_iter().any(|x| x == 1000));
    /// assert!(!(0..100).into_par_iter().any(|x| x > 100));
    /// ```
    fn any<P>(self, predicate: P) -> bool
    where
        P: Fn(Self::Item) -> bool + Sync + Send,
    {
        self.map(predicate).find_any(|&b| b).is_some()
    }

    /// Whether `predicate` holds for every item (`true` when there are none). Stops
    /// everywhere at the first `false`.
    ///
    /// # Examples
    ///
    /// ```
    /// use beat::prelude::*;
    /// assert!((0..100).into_par_iter().all(|x| x < 100));
    /// assert!(!(0..u64::MAX).into_par_iter().all(|x| x < 1000));
    /// ```
    fn all<P>(self, predicate: P) -> bool
    where
        P: Fn(Self::Item) -> bool + Sync + Send,
    {
        self.map(predicate).find_any(|&b| !b).is_none()
    }

    /// Some item that satisfies `predicate`, not necessarily the first; stops everywhere as
    /// soon as one is found.
    ///
    /// # Examples
    ///
    /// ```
    /// use beat::prelude::*;
    /// let x = (0..1000).into_par_iter().find_any(|x| x % 100 == 7);
    /// assert_eq!(x.map(|x| x % 100), Some(7));
    /// assert_eq!((0..1000).into_par_iter().find_any(|&x| x > 1000), None);
    /// ```
    fn find_any<P>(self, predicate: P) -> Option<Self::Item>
    where
        P: Fn(&Self::Item) -> bool + Sync + Send,
    {
        find::find_any(self, predicate)
    }

    /// The first item, in the iterator's order, that satisfies `predicate`: what
    /// `Iterator::find` returns. Once a match is found, work after it stops; work before it
    /// goes on, since it may hold an earlier match.
    ///
    /// # Examples
    ///
    /// ```
    /// use beat::prelude::*;
    /// assert_eq!((0..1000).into_par_iter().find_first(|x| x % 100 == 7), Some(7));
    /// assert_eq!((0..10u128.pow(27)).into_par_iter().find_first(|x| *x >= 5), Some(5));
    /// ```
    fn find_first<P>(self, predicate: P) -> Option<Self::Item>
    where
        P: Fn(&Self::Item) -> bool + Sync + Send,
    {
        find_first_last::find_first(self, predicate)
    }

    /// The last item, in the iterator's order, that satisfies `predicate`: what
    /// `Iterator::rfind` returns. Once a match is found, work before it stops; work after
    /// it goes on. Each batch is searched front to back, so for a match near the end of a
    /// huge indexed range, `rev().find_first(..)` does much less work.
    ///
    /// # Examples
    ///
    /// ```
    /// use beat::prelude::*;
    /// assert_eq!((0..1000).into_par_iter().find_last(|x| x % 100 == 7), Some(907));
    /// ```
    fn find_last<P>(self, predicate: P) -> Option<Self::Item>
    where
        P: Fn(&Self::Item) -> bool + Sync + Send,
    {
        find_first_last::find_last(self, predicate)
    }

    /// Some `Some` value of `predicate`, not necessarily the first; stops everywhere as soon
    /// as one is found.
    ///
    /// # Examples
    ///
    /// ```
    /// use beat::prelude::*;
    /// let v = ["a", "1", "b", "2"];
    /// let n: Option<u32> = v.par_iter().find_map_any(|s| s.parse().ok());
    /// assert!(n == Some(1) || n == Some(2));
    /// ```
    fn find_map_any<P, R>(self, predicate: P) -> Option<R>
    where
        P: Fn(Self::Item) -> Option<R> + Sync + Send,
        R: Send,
    {
        self.filter_map(predicate).find_any(|_| true)
    }

    /// The first `Some` value of `predicate` in the iterator's order: what
    /// `Iterator::find_map` returns. Work after a match stops.
    ///
    /// # Examples
    ///
    /// ```
    /// use beat::prelude::*;
    /// let v = ["a", "1", "b", "2"];
    /// assert_eq!(v.par_iter().find_map_first(|s| s.parse::<u32>().ok()), Some(1));
    /// ```
    fn find_map_first<P, R>(self, predicate: P) -> Option<R>
    where
        P: Fn(Self::Item) -> Option<R> + Sync + Send,
        R: Send,
    {
        self.filter_map(predicate).find_first(|_| true)
    }

    /// The last `Some` value of `predicate` in the iterator's order. Work before a match
    /// stops.
    ///
    /// # Examples
    ///
    /// ```
    /// use beat::prelude::*;
    /// let v = ["a", "1", "b", "2"];
    /// assert_eq!(v.par_iter().find_map_last(|s| s.parse::<u32>().ok()), Some(2));
    /// ```
    fn find_map_last<P, R>(self, predicate: P) -> Option<R>
    where
        P: Fn(Self::Item) -> Option<R> + Sync + Send,
        R: Send,
    {
        self.filter_map(predicate).find_last(|_| true)
    }

    /// Deprecated: a parallel search does not return the first match; this is
    /// [`find_any`](ParallelIterator::find_any).
    ///
    /// # Examples
    ///
    /// ```
    /// #![allow(deprecated)]
    /// use beat::prelude::*;
    /// assert_eq!((0..10).into_par_iter().find(|&x| x == 3), Some(3));
    /// ```
    #[doc(hidden)]
    #[deprecated(note = "a parallel `find` does not search in order: \
                         use `find_any`, `find_first` or `find_last`")]
    fn find<P>(self, predicate: P) -> Option<Self::Item>
    where
        P: Fn(&Self::Item) -> bool + Sync + Send,
    {
        self.find_any(predicate)
    }

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

    /// Puts a clone of `element` between every two adjacent items, in order: none before
    /// the first item or after the last, as `Itertools::intersperse` does. Indexed when
    /// `self` is.
    ///
    /// # Examples
    ///
    /// ```
    /// use beat::prelude::*;
    /// let v: Vec<i32> = vec![1, 2, 3].into_par_iter().intersperse(0).collect();
    /// assert_eq!(v, [1, 0, 2, 0, 3]);
    ///
    /// let s: String = ["a", "b", "c"].par_iter().copied().intersperse(", ").collect();
    /// assert_eq!(s, "a, b, c");
    /// ```
    fn intersperse(self, element: Self::Item) -> Intersperse<Self>
    where
        Self::Item: Clone,
    {
        Intersperse::new(self, element)
    }

    /// Yields exactly `n` of the items (all of them when there are fewer), taken from
    /// anywhere in the iterator rather than from its start: which ones is unspecified. The
    /// items taken keep their relative order where a result shows it (`collect`, say). The
    /// others are not produced once `n` items have been taken.
    ///
    /// # Examples
    ///
    /// ```
    /// use beat::prelude::*;
    /// let v: Vec<u32> = (0..1000u32).into_par_iter().filter(|x| x % 3 == 0).take_any(10).collect();
    /// assert_eq!(v.len(), 10);
    /// assert!(v.windows(2).all(|w| w[0] < w[1]));
    /// assert!(v.iter().all(|x| x % 3 == 0));
    /// ```
    fn take_any(self, n: usize) -> TakeAny<Self> {
        TakeAny::new(self, n)
    }

    /// Leaves out exactly `n` of the items (all of them when there are fewer), from
    /// anywhere in the iterator rather than from its start: which ones is unspecified. The
    /// items kept keep their relative order where a result shows it.
    ///
    /// # Examples
    ///
    /// ```
    /// use beat::prelude::*;
    /// let v: Vec<u32> = (0..1000u32).into_par_iter().skip_any(990).collect();
    /// assert_eq!(v.len(), 10);
    /// assert!(v.windows(2).all(|w| w[0] < w[1]));
    /// ```
    fn skip_any(self, n: usize) -> SkipAny<Self> {
        SkipAny::new(self, n)
    }

    /// Yields items while `predicate` holds, in any order rather than from the start: the
    /// first item anywhere for which `predicate` returns `false` ends the taking for every
    /// thread, and no later item is taken. Items for which it returned `true` before that
    /// are kept, so the result is not necessarily a prefix, and it may hold items that
    /// come after the one that stopped it. The items taken keep their relative order where a
    /// result shows it.
    ///
    /// The predicate may look at the item or at anything else (a shared budget, a
    /// deadline).
    ///
    /// # Examples
    ///
    /// ```
    /// use beat::prelude::*;
    /// use std::sync::atomic::{AtomicU64, Ordering};
    ///
    /// let v: Vec<u32> = (0..1000u32).into_par_iter().take_any_while(|&x| x < 100).collect();
    /// assert!(v.len() <= 100 && v.iter().all(|&x| x < 100));
    /// assert!(v.windows(2).all(|w| w[0] < w[1]));
    ///
    /// // Take items until a budget of 500 runs out.
    /// let budget = AtomicU64::new(500);
    /// let taken: Vec<u64> = (1..100u64)
    ///     .into_par_iter()
    ///     .take_any_while(|&x| {
    ///         budget.fetch_update(Ordering::Relaxed, Ordering::Relaxed, |b| b.checked_sub(x)).is_ok()
    ///     })
    ///     .collect();
    /// assert!(taken.iter().sum::<u64>() <= 500);
    /// ```
    fn take_any_while<P>(self, predicate: P) -> TakeAnyWhile<Self, P>
    where
        P: Fn(&Self::Item) -> bool + Sync + Send,
    {
        TakeAnyWhile::new(self, predicate)
    }

    /// Leaves out items while `predicate` holds, in any order rather than from the start:
    /// once it returns `false` for an item anywhere, that item and every item not yet
    /// looked at are yielded. Items for which it returned `true` before that are left out,
    /// wherever they are. The items yielded keep their relative order where a result shows
    /// it.
    ///
    /// # Examples
    ///
    /// ```
    /// use beat::prelude::*;
    /// let v: Vec<u32> = (0..1000u32).into_par_iter().skip_any_while(|&x| x < 100).collect();
    /// assert!(v.len() >= 900);
    /// assert!((100..1000).all(|x| v.contains(&x)));
    /// assert!(v.windows(2).all(|w| w[0] < w[1]));
    /// ```
    fn skip_any_while<P>(self, predicate: P) -> SkipAnyWhile<Self, P>
    where
        P: Fn(&Self::Item) -> bool + Sync + Send,
    {
        SkipAnyWhile::new(self, predicate)
    }

    /// Collects the items, in order, into a list of vectors without copying them into one
    /// vector: one vector per piece of the work, or a single one when the length is known
    /// up front. No vector in the list is empty. Flatten it to get the items one by one.
    ///
    /// # Examples
    ///
    /// ```
    /// use beat::prelude::*;
    /// use std::collections::LinkedList;
    ///
    /// let list: LinkedList<Vec<u32>> =
    ///     (0..100u32).into_par_iter().flat_map_iter(|x| 0..x % 5).collect_vec_list();
    /// let items: Vec<u32> = list.into_iter().flatten().collect();
    /// assert_eq!(items, (0..100u32).flat_map(|x| 0..x % 5).collect::<Vec<_>>());
    /// ```
    fn collect_vec_list(self) -> LinkedList<Vec<Self::Item>> {
        let list = collect::collect_vecs(self);
        list.into_iter().filter(|v| !v.is_empty()).collect()
    }

    // [h5: ParallelIterator]

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

    /// Asks that no batch hold fewer than `min` items (splitting stops there). A minimum of
    /// 0 is the same as 1: no minimum.
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

    /// Asks that no batch hold more than `max` items. A maximum of 0 is the same as 1, and
    /// a maximum below the minimum of [`with_min_len`](Self::with_min_len) gives way to it.
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

    /// Collects the items, in order, into `target`, replacing what it held. The vector's
    /// capacity is reused when it suffices.
    ///
    /// # Panics
    ///
    /// If the iterator produces a different number of items than its
    /// [`len`](IndexedParallelIterator::len) said (a bug in a hand-written iterator).
    ///
    /// # Examples
    ///
    /// ```
    /// use beat::prelude::*;
    /// let mut v = vec![9, 9, 9, 9];
    /// (0..3).into_par_iter().map(|x| x * 2).collect_into_vec(&mut v);
    /// assert_eq!(v, [0, 2, 4]);
    /// ```
    fn collect_into_vec(self, target: &mut Vec<Self::Item>) {
        target.clear();
        let len = self.len();
        collect::collect_with(target, len, |consumer| self.drive(consumer));
    }

    /// Pairs the items of `self` with those of `zip_op`, stopping at the end of the shorter.
    ///
    /// # Examples
    ///
    /// ```
    /// use beat::prelude::*;
    /// let a = [1, 2, 3];
    /// let dot: i32 = a.par_iter().zip(vec![4, 5, 6, 7]).map(|(x, y)| x * y).sum();
    /// assert_eq!(dot, 32);
    /// ```
    fn zip<Z>(self, zip_op: Z) -> Zip<Self, Z::Iter>
    where
        Z: IntoParallelIterator<Iter: IndexedParallelIterator>,
    {
        Zip::new(self, zip_op.into_par_iter())
    }

    /// Pairs the items of two iterators of the same length.
    ///
    /// # Panics
    ///
    /// If the lengths differ, when `zip_eq` is called.
    ///
    /// # Examples
    ///
    /// ```
    /// use beat::prelude::*;
    /// let v: Vec<_> = (0..2).into_par_iter().zip_eq(vec!['x', 'y']).collect();
    /// assert_eq!(v, [(0, 'x'), (1, 'y')]);
    /// ```
    ///
    /// ```should_panic
    /// use beat::prelude::*;
    /// let _ = (0..2).into_par_iter().zip_eq(vec!['x']);
    /// ```
    #[track_caller]
    fn zip_eq<Z>(self, zip_op: Z) -> ZipEq<Self, Z::Iter>
    where
        Z: IntoParallelIterator<Iter: IndexedParallelIterator>,
    {
        let other = zip_op.into_par_iter();
        assert_eq!(
            self.len(),
            other.len(),
            "iterators must have the same length"
        );
        ZipEq::new(self, other)
    }

    /// Groups the items into vectors of `chunk_size`; the last one holds what is left.
    ///
    /// # Panics
    ///
    /// If `chunk_size` is 0.
    ///
    /// # Examples
    ///
    /// ```
    /// use beat::prelude::*;
    /// let v: Vec<Vec<i32>> = (1..8).into_par_iter().chunks(3).collect();
    /// assert_eq!(v, [vec![1, 2, 3], vec![4, 5, 6], vec![7]]);
    /// ```
    #[track_caller]
    fn chunks(self, chunk_size: usize) -> Chunks<Self> {
        assert!(chunk_size != 0, "chunk_size must not be zero");
        Chunks::new(self, chunk_size)
    }

    /// Yields the first item, then every `step`-th one after it.
    ///
    /// # Panics
    ///
    /// If `step` is 0.
    ///
    /// # Examples
    ///
    /// ```
    /// use beat::prelude::*;
    /// let v: Vec<i32> = (3..10).into_par_iter().step_by(3).collect();
    /// assert_eq!(v, [3, 6, 9]);
    /// ```
    #[track_caller]
    fn step_by(self, step: usize) -> StepBy<Self> {
        assert!(step != 0, "step_by: step must not be zero");
        StepBy::new(self, step)
    }

    /// Skips the first `n` items (all of them when there are fewer). The skipped items are
    /// still produced, so the closures of earlier adapters run on them, as in `std`.
    ///
    /// # Examples
    ///
    /// ```
    /// use beat::prelude::*;
    /// let v: Vec<i32> = (0..6).into_par_iter().skip(4).collect();
    /// assert_eq!(v, [4, 5]);
    /// ```
    fn skip(self, n: usize) -> Skip<Self> {
        Skip::new(self, n)
    }

    /// Yields only the first `n` items (all of them when there are fewer).
    ///
    /// # Examples
    ///
    /// ```
    /// use beat::prelude::*;
    /// let v: Vec<i32> = (0..6).into_par_iter().take(2).collect();
    /// assert_eq!(v, [0, 1]);
    /// ```
    fn take(self, n: usize) -> Take<Self> {
        Take::new(self, n)
    }

    /// Yields the items in reverse order.
    ///
    /// # Examples
    ///
    /// ```
    /// use beat::prelude::*;
    /// let v: Vec<i32> = (0..4).into_par_iter().rev().collect();
    /// assert_eq!(v, [3, 2, 1, 0]);
    /// ```
    fn rev(self) -> Rev<Self> {
        Rev::new(self)
    }

    /// The index of some item that satisfies `predicate`, not necessarily the first; stops
    /// everywhere as soon as one is found.
    ///
    /// # Examples
    ///
    /// ```
    /// use beat::prelude::*;
    /// let v = [1, 5, 3, 5, 2];
    /// let i = v.par_iter().position_any(|&x| x == 5);
    /// assert!(i == Some(1) || i == Some(3));
    /// assert_eq!(v.par_iter().position_any(|&x| x == 7), None);
    /// ```
    fn position_any<P>(self, predicate: P) -> Option<usize>
    where
        P: Fn(Self::Item) -> bool + Sync + Send,
    {
        let (i, _) = self.map(predicate).enumerate().find_any(|&(_, hit)| hit)?;
        Some(i)
    }

    /// The index of the first item that satisfies `predicate`: what `Iterator::position`
    /// returns. Work after a match stops.
    ///
    /// # Examples
    ///
    /// ```
    /// use beat::prelude::*;
    /// let v = [1, 5, 3, 5, 2];
    /// assert_eq!(v.par_iter().position_first(|&x| x == 5), Some(1));
    /// ```
    fn position_first<P>(self, predicate: P) -> Option<usize>
    where
        P: Fn(Self::Item) -> bool + Sync + Send,
    {
        let (i, _) = self
            .map(predicate)
            .enumerate()
            .find_first(|&(_, hit)| hit)?;
        Some(i)
    }

    /// The index of the last item that satisfies `predicate`: what `Iterator::rposition`
    /// returns. Work before a match stops.
    ///
    /// # Examples
    ///
    /// ```
    /// use beat::prelude::*;
    /// let v = [1, 5, 3, 5, 2];
    /// assert_eq!(v.par_iter().position_last(|&x| x == 5), Some(3));
    /// ```
    fn position_last<P>(self, predicate: P) -> Option<usize>
    where
        P: Fn(Self::Item) -> bool + Sync + Send,
    {
        let (i, _) = self.map(predicate).enumerate().find_last(|&(_, hit)| hit)?;
        Some(i)
    }

    /// Deprecated: a parallel search does not return the first match; this is
    /// [`position_any`](IndexedParallelIterator::position_any).
    ///
    /// # Examples
    ///
    /// ```
    /// #![allow(deprecated)]
    /// use beat::prelude::*;
    /// assert_eq!([4, 2].par_iter().position(|&x| x == 2), Some(1));
    /// ```
    #[doc(hidden)]
    #[deprecated(note = "a parallel `position` does not search in order: \
                         use `position_any`, `position_first` or `position_last`")]
    fn position<P>(self, predicate: P) -> Option<usize>
    where
        P: Fn(Self::Item) -> bool + Sync + Send,
    {
        self.position_any(predicate)
    }

    /// Runs the items as a sequence of blocks, one after another in order, each block in
    /// parallel. The first block holds one item per thread of the pool and each next one
    /// twice as many as the one before, so there are few blocks and each is as long as all
    /// before it together.
    ///
    /// A search or another computation that stops early then stops at the end of the block
    /// where it finds its answer: `find_first` on a match near the start does not run
    /// items far after it.
    ///
    /// # Examples
    ///
    /// ```
    /// use beat::prelude::*;
    /// use std::sync::atomic::{AtomicUsize, Ordering};
    ///
    /// let seen = AtomicUsize::new(0);
    /// let first = (0..1_000_000u32)
    ///     .into_par_iter()
    ///     .by_exponential_blocks()
    ///     .inspect(|_| { seen.fetch_add(1, Ordering::Relaxed); })
    ///     .find_first(|&x| x == 10);
    /// assert_eq!(first, Some(10));
    /// assert!(seen.into_inner() < 1_000_000);
    /// ```
    fn by_exponential_blocks(self) -> ExponentialBlocks<Self> {
        ExponentialBlocks::new(self)
    }

    /// Runs the items as a sequence of blocks of `block_size` items (the last one possibly
    /// shorter), one after another in order, each block in parallel. Keeps the work of a
    /// reduction within a block at a time, for memory locality, and lets a computation
    /// that stops early stop at the end of a block.
    ///
    /// # Panics
    ///
    /// If `block_size` is 0.
    ///
    /// # Examples
    ///
    /// ```
    /// use beat::prelude::*;
    /// let v: Vec<u32> = (0..10_000u32)
    ///     .into_par_iter()
    ///     .by_uniform_blocks(1000)
    ///     .fold(Vec::new, |mut v, x| { v.push(x); v })
    ///     .reduce(Vec::new, |mut a, mut b| { a.append(&mut b); a });
    /// assert_eq!(v, (0..10_000).collect::<Vec<_>>());
    /// ```
    #[track_caller]
    fn by_uniform_blocks(self, block_size: usize) -> UniformBlocks<Self> {
        assert!(block_size != 0, "block_size must not be zero");
        UniformBlocks::new(self, block_size)
    }

    /// Splits the pairs, in order, into `left` and `right`, replacing what they held. The
    /// vectors' capacity is reused when it suffices.
    ///
    /// # Panics
    ///
    /// If the iterator produces a different number of items than its
    /// [`len`](IndexedParallelIterator::len) said (a bug in a hand-written iterator).
    ///
    /// # Examples
    ///
    /// ```
    /// use beat::prelude::*;
    /// let (mut a, mut b) = (vec![7; 10], vec!['?'; 10]);
    /// (0..3).into_par_iter().map(|i| (i, char::from(b'a' + i as u8))).unzip_into_vecs(&mut a, &mut b);
    /// assert_eq!(a, [0, 1, 2]);
    /// assert_eq!(b, ['a', 'b', 'c']);
    /// ```
    fn unzip_into_vecs<A, B>(self, left: &mut Vec<A>, right: &mut Vec<B>)
    where
        Self: IndexedParallelIterator<Item = (A, B)>,
        A: Send,
        B: Send,
    {
        unzip_into_vecs::unzip_into_vecs(self, left, right);
    }

    /// Yields the items of `self` and `other` in turn, starting with `self`; once one runs
    /// out, the rest of the other.
    ///
    /// # Examples
    ///
    /// ```
    /// use beat::prelude::*;
    /// let v: Vec<i32> = vec![1, 2].into_par_iter().interleave(vec![10, 20, 30, 40]).collect();
    /// assert_eq!(v, [1, 10, 2, 20, 30, 40]);
    /// ```
    fn interleave<I>(self, other: I) -> Interleave<Self, I::Iter>
    where
        I: IntoParallelIterator<Item = Self::Item, Iter: IndexedParallelIterator>,
    {
        Interleave::new(self, other.into_par_iter())
    }

    /// Yields the items of `self` and `other` in turn, starting with `self`, and stops as
    /// soon as the side whose turn it is has run out.
    ///
    /// # Examples
    ///
    /// ```
    /// use beat::prelude::*;
    /// let v: Vec<i32> = vec![1, 2, 3, 4].into_par_iter().interleave_shortest(vec![10, 20]).collect();
    /// assert_eq!(v, [1, 10, 2, 20, 3]);
    /// let w: Vec<i32> = vec![1, 2].into_par_iter().interleave_shortest(vec![10, 20, 30]).collect();
    /// assert_eq!(w, [1, 10, 2, 20]);
    /// ```
    fn interleave_shortest<I>(self, other: I) -> InterleaveShortest<Self, I::Iter>
    where
        I: IntoParallelIterator<Item = Self::Item, Iter: IndexedParallelIterator>,
    {
        InterleaveShortest::new(self, other.into_par_iter())
    }

    /// Folds every `chunk_size` consecutive items (the last chunk possibly shorter)
    /// sequentially, each chunk from `identity()`, yielding one result per chunk, in
    /// order: what `chunks(chunk_size)` followed by a fold of each chunk gives, without
    /// collecting the chunks.
    ///
    /// # Panics
    ///
    /// If `chunk_size` is 0.
    ///
    /// # Examples
    ///
    /// ```
    /// use beat::prelude::*;
    /// let sums: Vec<i32> = (1..8).into_par_iter().fold_chunks(2, || 0, |a, x| a + x).collect();
    /// assert_eq!(sums, [3, 7, 11, 7]);
    /// ```
    #[track_caller]
    fn fold_chunks<T, ID, F>(
        self,
        chunk_size: usize,
        identity: ID,
        fold_op: F,
    ) -> FoldChunks<Self, ID, F>
    where
        ID: Fn() -> T + Send + Sync,
        F: Fn(T, Self::Item) -> T + Send + Sync,
        T: Send,
    {
        assert!(chunk_size != 0, "chunk_size must not be zero");
        FoldChunks::new(self, chunk_size, identity, fold_op)
    }

    /// Like [`fold_chunks`](IndexedParallelIterator::fold_chunks), each chunk starting
    /// from a clone of `init`; `init` need not be `Sync`.
    ///
    /// # Panics
    ///
    /// If `chunk_size` is 0.
    ///
    /// # Examples
    ///
    /// ```
    /// use beat::prelude::*;
    /// let words: Vec<String> = ["a", "b", "c", "d", "e"]
    ///     .par_iter()
    ///     .fold_chunks_with(2, String::new(), |mut s, w| { s.push_str(w); s })
    ///     .collect();
    /// assert_eq!(words, ["ab", "cd", "e"]);
    /// ```
    #[track_caller]
    fn fold_chunks_with<T, F>(
        self,
        chunk_size: usize,
        init: T,
        fold_op: F,
    ) -> FoldChunksWith<Self, T, F>
    where
        T: Send + Clone,
        F: Fn(T, Self::Item) -> T + Send + Sync,
    {
        assert!(chunk_size != 0, "chunk_size must not be zero");
        FoldChunksWith::new(self, chunk_size, init, fold_op)
    }

    /// Compares the items with those of `other` lexicographically, as `Iterator::cmp`
    /// does: the first unequal pair decides; when one sequence is a prefix of the other,
    /// the shorter is less. Pairs after the first unequal one are not compared.
    ///
    /// # Examples
    ///
    /// ```
    /// use beat::prelude::*;
    /// use std::cmp::Ordering;
    ///
    /// let v = vec![1, 2, 3];
    /// assert_eq!(v.par_iter().cmp(&vec![1, 2, 4]), Ordering::Less);
    /// assert_eq!(v.par_iter().cmp(&vec![1, 2]), Ordering::Greater);
    /// assert_eq!(v.par_iter().cmp(&v), Ordering::Equal);
    /// ```
    fn cmp<I>(self, other: I) -> Ordering
    where
        I: IntoParallelIterator<Item = Self::Item, Iter: IndexedParallelIterator>,
        Self::Item: Ord,
    {
        let other = other.into_par_iter();
        let by_len = self.len().cmp(&other.len());
        self.zip(other)
            .map(|(a, b)| Ord::cmp(&a, &b))
            .find_first(|&o| o != Ordering::Equal)
            .unwrap_or(by_len)
    }

    /// Compares the items with those of `other` lexicographically, as
    /// `Iterator::partial_cmp` does: the first pair that is not equal decides (`None` if it
    /// cannot be ordered); when one sequence is a prefix of the other, the shorter is less.
    ///
    /// # Examples
    ///
    /// ```
    /// use beat::prelude::*;
    /// use std::cmp::Ordering;
    ///
    /// let v = vec![1.0, 2.0, 3.0];
    /// assert_eq!(v.par_iter().partial_cmp(&vec![1.0, 2.5]), Some(Ordering::Less));
    /// assert_eq!(v.par_iter().partial_cmp(&vec![1.0, f64::NAN, 0.0]), None);
    /// assert_eq!(v.par_iter().partial_cmp(&vec![1.0]), Some(Ordering::Greater));
    /// ```
    fn partial_cmp<I>(self, other: I) -> Option<Ordering>
    where
        I: IntoParallelIterator<Iter: IndexedParallelIterator>,
        Self::Item: PartialOrd<I::Item>,
    {
        let other = other.into_par_iter();
        let by_len = self.len().cmp(&other.len());
        self.zip(other)
            .map(|(a, b)| PartialOrd::partial_cmp(&a, &b))
            .find_first(|&o| o != Some(Ordering::Equal))
            .unwrap_or(Some(by_len))
    }

    /// Whether the two sequences have the same length and equal items, as `Iterator::eq`
    /// says. Stops everywhere at the first unequal pair.
    ///
    /// # Examples
    ///
    /// ```
    /// use beat::prelude::*;
    /// let v = vec![1, 2, 3];
    /// assert!(v.par_iter().eq(&vec![1, 2, 3]));
    /// assert!(!v.par_iter().eq(&vec![1, 2]));
    /// ```
    fn eq<I>(self, other: I) -> bool
    where
        I: IntoParallelIterator<Iter: IndexedParallelIterator>,
        Self::Item: PartialEq<I::Item>,
    {
        let other = other.into_par_iter();
        self.len() == other.len() && self.zip(other).all(|(a, b)| a == b)
    }

    /// The negation of [`eq`](IndexedParallelIterator::eq), as `Iterator::ne` says.
    ///
    /// # Examples
    ///
    /// ```
    /// use beat::prelude::*;
    /// assert!(vec![1, 2].par_iter().ne(&vec![1, 3]));
    /// assert!(!vec![1, 2].par_iter().ne(&vec![1, 2]));
    /// ```
    fn ne<I>(self, other: I) -> bool
    where
        I: IntoParallelIterator<Iter: IndexedParallelIterator>,
        Self::Item: PartialEq<I::Item>,
    {
        !self.eq(other)
    }

    /// Whether the items are lexicographically less than those of `other`, as
    /// `Iterator::lt` says.
    ///
    /// # Examples
    ///
    /// ```
    /// use beat::prelude::*;
    /// assert!(vec![1, 2].par_iter().lt(&vec![1, 2, 0]));
    /// assert!(!vec![1.0, f64::NAN].par_iter().lt(&vec![1.0, 0.0]));
    /// ```
    fn lt<I>(self, other: I) -> bool
    where
        I: IntoParallelIterator<Iter: IndexedParallelIterator>,
        Self::Item: PartialOrd<I::Item>,
    {
        self.partial_cmp(other) == Some(Ordering::Less)
    }

    /// Whether the items are lexicographically less than or equal to those of `other`, as
    /// `Iterator::le` says.
    ///
    /// # Examples
    ///
    /// ```
    /// use beat::prelude::*;
    /// assert!(vec![1, 2].par_iter().le(&vec![1, 2]));
    /// assert!(!vec![1, 3].par_iter().le(&vec![1, 2, 9]));
    /// ```
    fn le<I>(self, other: I) -> bool
    where
        I: IntoParallelIterator<Iter: IndexedParallelIterator>,
        Self::Item: PartialOrd<I::Item>,
    {
        matches!(
            self.partial_cmp(other),
            Some(Ordering::Less | Ordering::Equal)
        )
    }

    /// Whether the items are lexicographically greater than those of `other`, as
    /// `Iterator::gt` says.
    ///
    /// # Examples
    ///
    /// ```
    /// use beat::prelude::*;
    /// assert!(vec![1, 3].par_iter().gt(&vec![1, 2, 9]));
    /// assert!(!vec![1, 2].par_iter().gt(&vec![1, 2]));
    /// ```
    fn gt<I>(self, other: I) -> bool
    where
        I: IntoParallelIterator<Iter: IndexedParallelIterator>,
        Self::Item: PartialOrd<I::Item>,
    {
        self.partial_cmp(other) == Some(Ordering::Greater)
    }

    /// Whether the items are lexicographically greater than or equal to those of `other`,
    /// as `Iterator::ge` says.
    ///
    /// # Examples
    ///
    /// ```
    /// use beat::prelude::*;
    /// assert!(vec![1, 2].par_iter().ge(&vec![1, 2]));
    /// assert!(!vec![1, 2].par_iter().ge(&vec![1, 2, 0]));
    /// ```
    fn ge<I>(self, other: I) -> bool
    where
        I: IntoParallelIterator<Iter: IndexedParallelIterator>,
        Self::Item: PartialOrd<I::Item>,
    {
        matches!(
            self.partial_cmp(other),
            Some(Ordering::Greater | Ordering::Equal)
        )
    }

    /// The indices of the items that satisfy `predicate`, in order: what
    /// `iter.enumerate().filter(..).map(|(i, _)| i)` gives.
    ///
    /// # Examples
    ///
    /// ```
    /// use beat::prelude::*;
    /// let v = [3, 8, 1, 6, 7];
    /// let even: Vec<usize> = v.par_iter().positions(|x| x % 2 == 0).collect();
    /// assert_eq!(even, [1, 3]);
    /// ```
    fn positions<P>(self, predicate: P) -> Positions<Self, P>
    where
        P: Fn(Self::Item) -> bool + Sync + Send,
    {
        Positions::new(self, predicate)
    }

    // [h5: IndexedParallelIterator]

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
