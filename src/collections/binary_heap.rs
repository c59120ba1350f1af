//! Parallel iterators over a [`BinaryHeap`]: by value, by `&`, and draining. They are
//! indexed over the heap's storage, so the items come in the heap's internal order, not
//! sorted (as `std`'s `iter()` does).
//!
//! # Examples
//!
//! ```
//! use beat::prelude::*;
//! use std::collections::BinaryHeap;
//!
//! let heap: BinaryHeap<u32> = (1..=100).collect();
//! assert_eq!(heap.par_iter().sum::<u32>(), 5050);
//! assert_eq!(heap.par_iter().max(), heap.peek());
//! ```

use std::collections::BinaryHeap;

use super::{delegate_built, HeldAsVec};
use crate::iter::plumbing::{bridge, Consumer, ProducerCallback, UnindexedConsumer};
use crate::iter::{
    IndexedParallelIterator, IntoParallelIterator, ParallelDrainFull, ParallelDrainRange,
    ParallelIterator,
};
use crate::option::delegate_indexed;
use crate::vec;

/// A parallel iterator that moves the items out of a `BinaryHeap`, in its internal order.
///
/// # Examples
///
/// ```
/// use beat::prelude::*;
/// use std::collections::BinaryHeap;
///
/// let h: BinaryHeap<u8> = [3, 1, 2].into_iter().collect();
/// let it: beat::collections::binary_heap::IntoIter<u8> = h.into_par_iter();
/// let mut v: Vec<u8> = it.collect();
/// v.sort();
/// assert_eq!(v, [1, 2, 3]);
/// ```
#[derive(Clone, Debug)]
pub struct IntoIter<T> {
    inner: vec::IntoIter<T>,
}

impl<T: Send> IntoParallelIterator for BinaryHeap<T> {
    type Item = T;
    type Iter = IntoIter<T>;

    fn into_par_iter(self) -> Self::Iter {
        IntoIter {
            inner: self.into_vec().into_par_iter(),
        }
    }
}

delegate_indexed!(impl<T> IntoIter<T> => T where [T: Send]);

/// A parallel iterator over the items of a `BinaryHeap` by reference, in its internal
/// order.
///
/// # Examples
///
/// ```
/// use beat::prelude::*;
/// use std::collections::BinaryHeap;
///
/// let h: BinaryHeap<u8> = [3, 1, 2].into_iter().collect();
/// let it: beat::collections::binary_heap::Iter<'_, u8> = h.par_iter();
/// assert_eq!(it.len(), 3);
/// ```
#[derive(Debug)]
pub struct Iter<'a, T> {
    items: &'a [T],
}

impl<T> Clone for Iter<'_, T> {
    fn clone(&self) -> Self {
        Iter { items: self.items }
    }
}

impl<'a, T: Sync> IntoParallelIterator for &'a BinaryHeap<T> {
    type Item = &'a T;
    type Iter = Iter<'a, T>;

    fn into_par_iter(self) -> Self::Iter {
        Iter {
            items: self.as_slice(),
        }
    }
}

delegate_built! {
    impl<'a, T> Iter<'a, T> => &'a T where [T: Sync + 'a]
    len |it| it.items.len();
    build |it| it.items.into_par_iter()
}

// `std` gives no `&mut` iterator over a `BinaryHeap`: changing an item could break the
// heap's order.

/// A parallel iterator that moves every item out of a `BinaryHeap`, in its internal order.
/// The heap keeps its capacity.
///
/// # Examples
///
/// ```
/// use beat::prelude::*;
/// use std::collections::BinaryHeap;
///
/// let mut h: BinaryHeap<u32> = (0..10).collect();
/// let it: beat::collections::binary_heap::Drain<'_, u32> = h.par_drain();
/// assert_eq!(it.sum::<u32>(), 45);
/// assert!(h.is_empty());
/// ```
#[derive(Debug)]
pub struct Drain<'a, T> {
    heap: &'a mut BinaryHeap<T>,
}

// `Ord` only because the emptied `Vec` becomes a `BinaryHeap` again afterwards.
impl<'a, T: Ord + Send> ParallelDrainFull for &'a mut BinaryHeap<T> {
    type Iter = Drain<'a, T>;
    type Item = T;

    fn par_drain(self) -> Drain<'a, T> {
        Drain { heap: self }
    }
}

impl<T: Ord + Send> ParallelIterator for Drain<'_, T> {
    type Item = T;

    fn drive_unindexed<C>(self, consumer: C) -> C::Result
    where
        C: UnindexedConsumer<T>,
    {
        bridge(self, consumer)
    }

    fn opt_len(&self) -> Option<usize> {
        Some(self.heap.len())
    }
}

impl<T: Ord + Send> IndexedParallelIterator for Drain<'_, T> {
    fn drive<C: Consumer<T>>(self, consumer: C) -> C::Result {
        bridge(self, consumer)
    }

    fn len(&self) -> usize {
        self.heap.len()
    }

    fn with_producer<CB: ProducerCallback<T>>(self, callback: CB) -> CB::Output {
        // The heap is a `Vec` while the drain runs, and an (empty) heap again when `held`
        // drops, before `self` does, also on unwind.
        let mut held = HeldAsVec::new(&mut *self.heap);
        held.vec.par_drain(..).with_producer(callback)
    }
}

impl<T> Drop for Drain<'_, T> {
    fn drop(&mut self) {
        // Still full when never driven; empty (and cheap) otherwise.
        self.heap.clear();
    }
}
