//! `Result<T, E>` as a parallel iterator of its `Ok` value: one item, or none for an `Err`.
//!
//! # Examples
//!
//! ```
//! use beat::prelude::*;
//! let ok: Result<i32, String> = Ok(3);
//! let err: Result<i32, String> = Err("no".into());
//! assert_eq!(ok.into_par_iter().chain(err).collect::<Vec<_>>(), [3]);
//! ```

use crate::iter::plumbing::{Consumer, ProducerCallback, UnindexedConsumer};
use crate::iter::{IndexedParallelIterator, IntoParallelIterator, ParallelIterator};
use crate::option::{self, delegate_indexed};

/// A parallel iterator that moves the `Ok` value out of a `Result`, if there is one.
///
/// # Examples
///
/// ```
/// use beat::prelude::*;
/// let r: Result<u8, ()> = Ok(7);
/// let it: beat::result::IntoIter<u8> = r.into_par_iter();
/// assert_eq!(it.collect::<Vec<_>>(), [7]);
/// ```
#[derive(Clone, Debug)]
pub struct IntoIter<T> {
    inner: option::IntoIter<T>,
}

impl<T: Send, E> IntoParallelIterator for Result<T, E> {
    type Item = T;
    type Iter = IntoIter<T>;

    fn into_par_iter(self) -> Self::Iter {
        IntoIter {
            inner: self.ok().into_par_iter(),
        }
    }
}

/// A parallel iterator over a reference to the `Ok` value of a `Result`, if there is one.
///
/// # Examples
///
/// ```
/// use beat::prelude::*;
/// let r: Result<i32, ()> = Ok(2);
/// let it: beat::result::Iter<'_, i32> = r.par_iter();
/// assert_eq!(it.copied().sum::<i32>(), 2);
/// ```
#[derive(Debug)]
pub struct Iter<'a, T> {
    inner: option::IntoIter<&'a T>,
}

impl<T> Clone for Iter<'_, T> {
    fn clone(&self) -> Self {
        Iter {
            inner: self.inner.clone(),
        }
    }
}

impl<'a, T: Sync, E> IntoParallelIterator for &'a Result<T, E> {
    type Item = &'a T;
    type Iter = Iter<'a, T>;

    fn into_par_iter(self) -> Self::Iter {
        Iter {
            inner: self.as_ref().ok().into_par_iter(),
        }
    }
}

/// A parallel iterator over a mutable reference to the `Ok` value of a `Result`, if there
/// is one.
///
/// # Examples
///
/// ```
/// use beat::prelude::*;
/// let mut r: Result<i32, ()> = Ok(2);
/// let it: beat::result::IterMut<'_, i32> = r.par_iter_mut();
/// it.for_each(|x| *x *= 5);
/// assert_eq!(r, Ok(10));
/// ```
#[derive(Debug)]
pub struct IterMut<'a, T> {
    inner: option::IntoIter<&'a mut T>,
}

impl<'a, T: Send, E> IntoParallelIterator for &'a mut Result<T, E> {
    type Item = &'a mut T;
    type Iter = IterMut<'a, T>;

    fn into_par_iter(self) -> Self::Iter {
        IterMut {
            inner: self.as_mut().ok().into_par_iter(),
        }
    }
}

delegate_indexed!(impl<T> IntoIter<T> => T where [T: Send]);
delegate_indexed!(impl<'a, T> Iter<'a, T> => &'a T where [T: Sync + 'a]);
delegate_indexed!(impl<'a, T> IterMut<'a, T> => &'a mut T where [T: Send + 'a]);
