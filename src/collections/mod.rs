//! Parallel iterators over the collections of [`std::collections`], by value, by `&` and
//! by `&mut` (where `std` iterates by `&mut`), and their draining iterators.
//!
//! `VecDeque` and `BinaryHeap` iterate their storage directly and are indexed. The others
//! (`HashMap`, `HashSet`, `BTreeMap`, `BTreeSet`, `LinkedList`) have no storage that can be
//! split, so their items (or references to them) are first collected into a `Vec`, which is
//! then iterated in parallel; these iterators are not indexed. The ordered collections still
//! yield their items in order when collected.
//!
//! These types are rarely named: `into_par_iter()`, `par_iter()`, `par_iter_mut()` and
//! `par_drain()` make them.
//!
//! # Examples
//!
//! ```
//! use beat::prelude::*;
//! use std::collections::{BTreeMap, HashSet};
//!
//! let map: BTreeMap<u32, char> = [(2, 'b'), (1, 'a'), (3, 'c')].into_iter().collect();
//! let keys: Vec<u32> = map.par_iter().map(|(k, _)| *k).collect();
//! assert_eq!(keys, [1, 2, 3]);
//!
//! let set: HashSet<u64> = (0..1000).collect();
//! assert_eq!(set.par_iter().sum::<u64>(), 499_500);
//! ```

use std::mem;

use crate::iter::IntoParallelIterator;
use crate::vec;

pub mod binary_heap;
pub mod btree_map;
pub mod btree_set;
pub mod hash_map;
pub mod hash_set;
pub mod linked_list;
pub mod vec_deque;

/// Collects the items of a collection that cannot be split into a `Vec`, and iterates that.
fn via_vec<C: IntoIterator<Item: Send>>(collection: C) -> vec::IntoIter<C::Item> {
    collection.into_iter().collect::<Vec<_>>().into_par_iter()
}

/// Implements `ParallelIterator` for a wrapper by forwarding it to its `inner` field.
macro_rules! delegate_unindexed {
    (impl<$($g:tt),*> $ty:ty => $item:ty where [$($bounds:tt)*]) => {
        impl<$($g),*> $crate::iter::ParallelIterator for $ty
        where
            $($bounds)*
        {
            type Item = $item;

            fn drive_unindexed<C>(self, consumer: C) -> C::Result
            where
                C: $crate::iter::plumbing::UnindexedConsumer<$item>,
            {
                self.inner.drive_unindexed(consumer)
            }

            fn opt_len(&self) -> Option<usize> {
                self.inner.opt_len()
            }
        }
    };
}
use delegate_unindexed;

/// Implements both iterator traits for a wrapper that keeps what it iterates as plain data:
/// `$build` turns `self` (bound to `$this`) into the indexed iterator that does the work, and
/// `$len` computes its length from `&self` (bound to `$that`).
macro_rules! delegate_built {
    (
        impl<$($g:tt),*> $ty:ty => $item:ty where [$($bounds:tt)*]
        len |$that:ident| $len:expr;
        build |$this:ident| $build:expr
    ) => {
        impl<$($g),*> $crate::iter::ParallelIterator for $ty
        where
            $($bounds)*
        {
            type Item = $item;

            fn drive_unindexed<C>(self, consumer: C) -> C::Result
            where
                C: $crate::iter::plumbing::UnindexedConsumer<$item>,
            {
                let $this = self;
                $crate::iter::ParallelIterator::drive_unindexed($build, consumer)
            }

            fn opt_len(&self) -> Option<usize> {
                let $that = self;
                Some($len)
            }
        }

        impl<$($g),*> $crate::iter::IndexedParallelIterator for $ty
        where
            $($bounds)*
        {
            fn drive<C>(self, consumer: C) -> C::Result
            where
                C: $crate::iter::plumbing::Consumer<$item>,
            {
                let $this = self;
                $crate::iter::IndexedParallelIterator::drive($build, consumer)
            }

            fn len(&self) -> usize {
                let $that = self;
                $len
            }

            fn with_producer<CB>(self, callback: CB) -> CB::Output
            where
                CB: $crate::iter::plumbing::ProducerCallback<$item>,
            {
                let $this = self;
                $crate::iter::IndexedParallelIterator::with_producer($build, callback)
            }
        }
    };
}
use delegate_built;

/// A collection's items held as a `Vec` while a [`vec::Drain`] runs over them. Dropping it,
/// also on unwind, turns the `Vec` back into the collection, which keeps the allocation.
/// `VecDeque` and `BinaryHeap` convert to and from `Vec` without allocating.
struct HeldAsVec<'a, C, T>
where
    C: From<Vec<T>>,
{
    home: &'a mut C,
    vec: Vec<T>,
}

impl<'a, C, T> HeldAsVec<'a, C, T>
where
    C: From<Vec<T>> + Default,
    Vec<T>: From<C>,
{
    fn new(home: &'a mut C) -> Self {
        let vec = Vec::from(mem::take(home));
        HeldAsVec { home, vec }
    }
}

impl<C, T> Drop for HeldAsVec<'_, C, T>
where
    C: From<Vec<T>>,
{
    fn drop(&mut self) {
        *self.home = C::from(mem::take(&mut self.vec));
    }
}
