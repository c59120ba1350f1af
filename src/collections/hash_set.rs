//! Parallel iterators over a [`HashSet`]: by value, by `&`, and draining. Their items come
//! in no particular order, as `std`'s do.
//!
//! # Examples
//!
//! ```
//! use beat::prelude::*;
//! use std::collections::HashSet;
//!
//! let set: HashSet<u32> = (1..=10).collect();
//! assert_eq!(set.par_iter().filter(|&&x| x % 2 == 0).count(), 5);
//! ```

use std::collections::HashSet;
use std::marker::PhantomData;

use super::{delegate_unindexed, via_vec};
use crate::iter::{IntoParallelIterator, ParallelDrainFull};
use crate::vec;

/// A parallel iterator that moves the items out of a `HashSet`.
///
/// # Examples
///
/// ```
/// use beat::prelude::*;
/// use std::collections::HashSet;
///
/// let s: HashSet<i32> = [4].into_iter().collect();
/// let it: beat::collections::hash_set::IntoIter<i32> = s.into_par_iter();
/// assert_eq!(it.collect::<Vec<_>>(), [4]);
/// ```
#[derive(Debug)]
pub struct IntoIter<T> {
    inner: vec::IntoIter<T>,
}

impl<T: Send, S> IntoParallelIterator for HashSet<T, S> {
    type Item = T;
    type Iter = IntoIter<T>;

    fn into_par_iter(self) -> Self::Iter {
        IntoIter {
            inner: via_vec(self),
        }
    }
}

delegate_unindexed!(impl<T> IntoIter<T> => T where [T: Send]);

/// A parallel iterator over the items of a `HashSet` by reference.
///
/// # Examples
///
/// ```
/// use beat::prelude::*;
/// use std::collections::HashSet;
///
/// let s: HashSet<i32> = [1, 2].into_iter().collect();
/// let it: beat::collections::hash_set::Iter<'_, i32> = s.par_iter();
/// assert_eq!(it.sum::<i32>(), 3);
/// ```
#[derive(Debug)]
pub struct Iter<'a, T> {
    inner: vec::IntoIter<&'a T>,
}

impl<T> Clone for Iter<'_, T> {
    fn clone(&self) -> Self {
        Iter {
            inner: self.inner.clone(),
        }
    }
}

impl<'a, T: Sync, S> IntoParallelIterator for &'a HashSet<T, S> {
    type Item = &'a T;
    type Iter = Iter<'a, T>;

    fn into_par_iter(self) -> Self::Iter {
        Iter {
            inner: via_vec(self),
        }
    }
}

delegate_unindexed!(impl<'a, T> Iter<'a, T> => &'a T where [T: Sync]);

// `std` gives no `&mut` iterator over a `HashSet`: changing an item could change its hash.

/// A parallel iterator that moves every item out of a `HashSet`, which keeps its capacity.
/// The set is emptied when `par_drain` is called.
///
/// # Examples
///
/// ```
/// use beat::prelude::*;
/// use std::collections::HashSet;
///
/// let mut s: HashSet<u8> = (0..10).collect();
/// let it: beat::collections::hash_set::Drain<'_, u8> = s.par_drain();
/// assert_eq!(it.count(), 10);
/// assert!(s.is_empty());
/// ```
#[derive(Debug)]
pub struct Drain<'a, T> {
    inner: vec::IntoIter<T>,
    marker: PhantomData<&'a mut HashSet<T>>,
}

impl<'a, T: Send, S> ParallelDrainFull for &'a mut HashSet<T, S> {
    type Iter = Drain<'a, T>;
    type Item = T;

    fn par_drain(self) -> Self::Iter {
        Drain {
            inner: via_vec(self.drain()),
            marker: PhantomData,
        }
    }
}

delegate_unindexed!(impl<'a, T> Drain<'a, T> => T where [T: Send]);
