//! Parallel iterators over a [`BTreeMap`]: by value, by `&`, and by `&mut` (of the values).
//! Collected, their items keep the map's key order.
//!
//! # Examples
//!
//! ```
//! use beat::prelude::*;
//! use std::collections::BTreeMap;
//!
//! let m: BTreeMap<u32, u32> = (0..10).map(|k| (k, k * k)).collect();
//! let squares: Vec<u32> = m.par_iter().map(|(_, v)| *v).collect();
//! assert_eq!(squares, [0, 1, 4, 9, 16, 25, 36, 49, 64, 81]);
//! ```

use std::collections::BTreeMap;

use super::{delegate_unindexed, via_vec};
use crate::iter::IntoParallelIterator;
use crate::vec;

/// A parallel iterator that moves the entries out of a `BTreeMap`.
///
/// # Examples
///
/// ```
/// use beat::prelude::*;
/// use std::collections::BTreeMap;
///
/// let m: BTreeMap<u8, char> = [(2, 'b'), (1, 'a')].into_iter().collect();
/// let it: beat::collections::btree_map::IntoIter<u8, char> = m.into_par_iter();
/// assert_eq!(it.collect::<Vec<_>>(), [(1, 'a'), (2, 'b')]);
/// ```
#[derive(Debug)]
pub struct IntoIter<K, V> {
    inner: vec::IntoIter<(K, V)>,
}

impl<K: Send, V: Send> IntoParallelIterator for BTreeMap<K, V> {
    type Item = (K, V);
    type Iter = IntoIter<K, V>;

    fn into_par_iter(self) -> Self::Iter {
        IntoIter {
            inner: via_vec(self),
        }
    }
}

delegate_unindexed!(impl<K, V> IntoIter<K, V> => (K, V) where [K: Send, V: Send]);

/// A parallel iterator over the entries of a `BTreeMap` by reference.
///
/// # Examples
///
/// ```
/// use beat::prelude::*;
/// use std::collections::BTreeMap;
///
/// let m: BTreeMap<u8, u8> = [(1, 10), (2, 20)].into_iter().collect();
/// let it: beat::collections::btree_map::Iter<'_, u8, u8> = m.par_iter();
/// assert_eq!(it.map(|(k, _)| *k).collect::<Vec<_>>(), [1, 2]);
/// ```
#[derive(Debug)]
pub struct Iter<'a, K, V> {
    inner: vec::IntoIter<(&'a K, &'a V)>,
}

impl<K, V> Clone for Iter<'_, K, V> {
    fn clone(&self) -> Self {
        Iter {
            inner: self.inner.clone(),
        }
    }
}

impl<'a, K: Sync, V: Sync> IntoParallelIterator for &'a BTreeMap<K, V> {
    type Item = (&'a K, &'a V);
    type Iter = Iter<'a, K, V>;

    fn into_par_iter(self) -> Self::Iter {
        Iter {
            inner: via_vec(self),
        }
    }
}

delegate_unindexed!(impl<'a, K, V> Iter<'a, K, V> => (&'a K, &'a V) where [K: Sync + 'a, V: Sync + 'a]);

/// A parallel iterator over the entries of a `BTreeMap`, with mutable references to the
/// values.
///
/// # Examples
///
/// ```
/// use beat::prelude::*;
/// use std::collections::BTreeMap;
///
/// let mut m: BTreeMap<u8, u8> = [(1, 10), (2, 20)].into_iter().collect();
/// let it: beat::collections::btree_map::IterMut<'_, u8, u8> = m.par_iter_mut();
/// it.for_each(|(k, v)| *v -= k);
/// assert_eq!(m.into_values().collect::<Vec<_>>(), [9, 18]);
/// ```
#[derive(Debug)]
pub struct IterMut<'a, K, V> {
    inner: vec::IntoIter<(&'a K, &'a mut V)>,
}

impl<'a, K: Sync, V: Send> IntoParallelIterator for &'a mut BTreeMap<K, V> {
    type Item = (&'a K, &'a mut V);
    type Iter = IterMut<'a, K, V>;

    fn into_par_iter(self) -> Self::Iter {
        IterMut {
            inner: via_vec(self),
        }
    }
}

delegate_unindexed!(impl<'a, K, V> IterMut<'a, K, V> => (&'a K, &'a mut V) where [K: Sync + 'a, V: Send + 'a]);
