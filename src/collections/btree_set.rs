//! Parallel iterators over a [`BTreeSet`]: by value and by `&`. Collected, their items keep
//! the set's order.
//!
//! # Examples
//!
//! ```
//! use beat::prelude::*;
//! use std::collections::BTreeSet;
//!
//! let s: BTreeSet<i32> = [3, 1, 2].into_iter().collect();
//! let v: Vec<i32> = s.par_iter().map(|x| x * 10).collect();
//! assert_eq!(v, [10, 20, 30]);
//! ```

use std::collections::BTreeSet;

use super::{delegate_unindexed, via_vec};
use crate::iter::IntoParallelIterator;
use crate::vec;

/// A parallel iterator that moves the items out of a `BTreeSet`.
///
/// # Examples
///
/// ```
/// use beat::prelude::*;
/// use std::collections::BTreeSet;
///
/// let s: BTreeSet<char> = ['b', 'a'].into_iter().collect();
/// let it: beat::collections::btree_set::IntoIter<char> = s.into_par_iter();
/// assert_eq!(it.collect::<Vec<_>>(), ['a', 'b']);
/// ```
#[derive(Debug)]
pub struct IntoIter<T> {
    inner: vec::IntoIter<T>,
}

impl<T: Send> IntoParallelIterator for BTreeSet<T> {
    type Item = T;
    type Iter = IntoIter<T>;

    fn into_par_iter(self) -> Self::Iter {
        IntoIter {
            inner: via_vec(self),
        }
    }
}

delegate_unindexed!(impl<T> IntoIter<T> => T where [T: Send]);

/// A parallel iterator over the items of a `BTreeSet` by reference.
///
/// # Examples
///
/// ```
/// use beat::prelude::*;
/// use std::collections::BTreeSet;
///
/// let s: BTreeSet<u8> = [2, 1].into_iter().collect();
/// let it: beat::collections::btree_set::Iter<'_, u8> = s.par_iter();
/// assert_eq!(it.copied().collect::<Vec<_>>(), [1, 2]);
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

impl<'a, T: Sync> IntoParallelIterator for &'a BTreeSet<T> {
    type Item = &'a T;
    type Iter = Iter<'a, T>;

    fn into_par_iter(self) -> Self::Iter {
        Iter {
            inner: via_vec(self),
        }
    }
}

delegate_unindexed!(impl<'a, T> Iter<'a, T> => &'a T where [T: Sync + 'a]);

// `std` gives no `&mut` iterator over a `BTreeSet`: changing an item could change its order.
