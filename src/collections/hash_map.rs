//! Parallel iterators over a [`HashMap`]: by value, by `&`, by `&mut` (of the values), and
//! draining. Their items come in no particular order, as `std`'s do.
//!
//! # Examples
//!
//! ```
//! use beat::prelude::*;
//! use std::collections::HashMap;
//!
//! let mut stock: HashMap<&str, u32> = [("apples", 3), ("pears", 5)].into_iter().collect();
//! stock.par_iter_mut().for_each(|(_, n)| *n *= 2);
//! assert_eq!(stock.par_iter().map(|(_, n)| n).sum::<u32>(), 16);
//! ```

use std::collections::HashMap;
use std::marker::PhantomData;

use super::{delegate_unindexed, via_vec};
use crate::iter::{IntoParallelIterator, ParallelDrainFull};
use crate::vec;

/// A parallel iterator that moves the entries out of a `HashMap`.
///
/// # Examples
///
/// ```
/// use beat::prelude::*;
/// use std::collections::HashMap;
///
/// let m: HashMap<u8, String> = [(1, "one".to_string())].into_iter().collect();
/// let it: beat::collections::hash_map::IntoIter<u8, String> = m.into_par_iter();
/// assert_eq!(it.collect::<Vec<_>>(), [(1, "one".to_string())]);
/// ```
#[derive(Debug)]
pub struct IntoIter<K, V> {
    inner: vec::IntoIter<(K, V)>,
}

impl<K: Send, V: Send, S> IntoParallelIterator for HashMap<K, V, S> {
    type Item = (K, V);
    type Iter = IntoIter<K, V>;

    fn into_par_iter(self) -> Self::Iter {
        IntoIter {
            inner: via_vec(self),
        }
    }
}

delegate_unindexed!(impl<K, V> IntoIter<K, V> => (K, V) where [K: Send, V: Send]);

/// A parallel iterator over the entries of a `HashMap` by reference.
///
/// # Examples
///
/// ```
/// use beat::prelude::*;
/// use std::collections::HashMap;
///
/// let m: HashMap<u8, u8> = [(1, 10), (2, 20)].into_iter().collect();
/// let it: beat::collections::hash_map::Iter<'_, u8, u8> = m.par_iter();
/// assert_eq!(it.map(|(k, v)| k + v).sum::<u8>(), 33);
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

impl<'a, K: Sync, V: Sync, S> IntoParallelIterator for &'a HashMap<K, V, S> {
    type Item = (&'a K, &'a V);
    type Iter = Iter<'a, K, V>;

    fn into_par_iter(self) -> Self::Iter {
        Iter {
            inner: via_vec(self),
        }
    }
}

delegate_unindexed!(impl<'a, K, V> Iter<'a, K, V> => (&'a K, &'a V) where [K: Sync, V: Sync]);

/// A parallel iterator over the entries of a `HashMap`, with mutable references to the
/// values.
///
/// # Examples
///
/// ```
/// use beat::prelude::*;
/// use std::collections::HashMap;
///
/// let mut m: HashMap<u8, u8> = [(1, 10)].into_iter().collect();
/// let it: beat::collections::hash_map::IterMut<'_, u8, u8> = m.par_iter_mut();
/// it.for_each(|(k, v)| *v += k);
/// assert_eq!(m[&1], 11);
/// ```
#[derive(Debug)]
pub struct IterMut<'a, K, V> {
    inner: vec::IntoIter<(&'a K, &'a mut V)>,
}

impl<'a, K: Sync, V: Send, S> IntoParallelIterator for &'a mut HashMap<K, V, S> {
    type Item = (&'a K, &'a mut V);
    type Iter = IterMut<'a, K, V>;

    fn into_par_iter(self) -> Self::Iter {
        IterMut {
            inner: via_vec(self),
        }
    }
}

delegate_unindexed!(impl<'a, K, V> IterMut<'a, K, V> => (&'a K, &'a mut V) where [K: Sync, V: Send]);

/// A parallel iterator that moves every entry out of a `HashMap`, which keeps its
/// capacity. The map is emptied when `par_drain` is called.
///
/// # Examples
///
/// ```
/// use beat::prelude::*;
/// use std::collections::HashMap;
///
/// let mut m: HashMap<u32, u32> = (0..100).map(|k| (k, k * 2)).collect();
/// let it: beat::collections::hash_map::Drain<'_, u32, u32> = m.par_drain();
/// assert_eq!(it.map(|(_, v)| v).sum::<u32>(), 9900);
/// assert!(m.is_empty());
/// ```
#[derive(Debug)]
pub struct Drain<'a, K, V> {
    inner: vec::IntoIter<(K, V)>,
    marker: PhantomData<&'a mut HashMap<K, V>>,
}

impl<'a, K: Send, V: Send, S> ParallelDrainFull for &'a mut HashMap<K, V, S> {
    type Iter = Drain<'a, K, V>;
    type Item = (K, V);

    fn par_drain(self) -> Self::Iter {
        Drain {
            inner: via_vec(self.drain()),
            marker: PhantomData,
        }
    }
}

delegate_unindexed!(impl<'a, K, V> Drain<'a, K, V> => (K, V) where [K: Send, V: Send]);
