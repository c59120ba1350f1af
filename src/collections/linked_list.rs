//! Parallel iterators over a [`LinkedList`]: by value, by `&` and by `&mut`. Collected,
//! their items keep the list's order.
//!
//! # Examples
//!
//! ```
//! use beat::prelude::*;
//! use std::collections::LinkedList;
//!
//! let mut list: LinkedList<i32> = (1..=4).collect();
//! list.par_iter_mut().for_each(|x| *x = -*x);
//! assert_eq!(list.par_iter().copied().collect::<Vec<_>>(), [-1, -2, -3, -4]);
//! ```

use std::collections::LinkedList;

use super::{delegate_unindexed, via_vec};
use crate::iter::IntoParallelIterator;
use crate::vec;

/// A parallel iterator that moves the items out of a `LinkedList`.
///
/// # Examples
///
/// ```
/// use beat::prelude::*;
/// use std::collections::LinkedList;
///
/// let l: LinkedList<u8> = [1, 2].into_iter().collect();
/// let it: beat::collections::linked_list::IntoIter<u8> = l.into_par_iter();
/// assert_eq!(it.collect::<Vec<_>>(), [1, 2]);
/// ```
#[derive(Clone, Debug)]
pub struct IntoIter<T> {
    inner: vec::IntoIter<T>,
}

impl<T: Send> IntoParallelIterator for LinkedList<T> {
    type Item = T;
    type Iter = IntoIter<T>;

    fn into_par_iter(self) -> Self::Iter {
        IntoIter {
            inner: via_vec(self),
        }
    }
}

delegate_unindexed!(impl<T> IntoIter<T> => T where [T: Send]);

/// A parallel iterator over the items of a `LinkedList` by reference.
///
/// # Examples
///
/// ```
/// use beat::prelude::*;
/// use std::collections::LinkedList;
///
/// let l: LinkedList<u8> = [1, 2].into_iter().collect();
/// let it: beat::collections::linked_list::Iter<'_, u8> = l.par_iter();
/// assert_eq!(it.max(), Some(&2));
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

impl<'a, T: Sync> IntoParallelIterator for &'a LinkedList<T> {
    type Item = &'a T;
    type Iter = Iter<'a, T>;

    fn into_par_iter(self) -> Self::Iter {
        Iter {
            inner: via_vec(self),
        }
    }
}

delegate_unindexed!(impl<'a, T> Iter<'a, T> => &'a T where [T: Sync]);

/// A parallel iterator over the items of a `LinkedList` by mutable reference.
///
/// # Examples
///
/// ```
/// use beat::prelude::*;
/// use std::collections::LinkedList;
///
/// let mut l: LinkedList<u8> = [1, 2].into_iter().collect();
/// let it: beat::collections::linked_list::IterMut<'_, u8> = l.par_iter_mut();
/// it.for_each(|x| *x *= 3);
/// assert_eq!(l.into_iter().collect::<Vec<_>>(), [3, 6]);
/// ```
#[derive(Debug)]
pub struct IterMut<'a, T> {
    inner: vec::IntoIter<&'a mut T>,
}

impl<'a, T: Send> IntoParallelIterator for &'a mut LinkedList<T> {
    type Item = &'a mut T;
    type Iter = IterMut<'a, T>;

    fn into_par_iter(self) -> Self::Iter {
        IterMut {
            inner: via_vec(self),
        }
    }
}

delegate_unindexed!(impl<'a, T> IterMut<'a, T> => &'a mut T where [T: Send]);
