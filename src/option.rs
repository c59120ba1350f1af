//! `Option<T>` as a parallel iterator of zero or one item.
//!
//! # Examples
//!
//! ```
//! use beat::prelude::*;
//! let v: Vec<i32> = Some(3).into_par_iter().chain(None).chain(Some(4)).collect();
//! assert_eq!(v, [3, 4]);
//! ```

use crate::iter::plumbing::{Consumer, Folder, Producer, ProducerCallback, UnindexedConsumer};
use crate::iter::{IndexedParallelIterator, IntoParallelIterator, ParallelIterator};

/// A parallel iterator that moves the value out of an `Option`, if there is one.
///
/// # Examples
///
/// ```
/// use beat::prelude::*;
/// let it: beat::option::IntoIter<i32> = Some(5).into_par_iter();
/// assert_eq!(it.collect::<Vec<_>>(), [5]);
/// ```
#[derive(Clone, Debug)]
pub struct IntoIter<T> {
    opt: Option<T>,
}

impl<T: Send> IntoParallelIterator for Option<T> {
    type Item = T;
    type Iter = IntoIter<T>;

    fn into_par_iter(self) -> Self::Iter {
        IntoIter { opt: self }
    }
}

impl<T: Send> ParallelIterator for IntoIter<T> {
    type Item = T;

    fn drive_unindexed<C>(self, consumer: C) -> C::Result
    where
        C: UnindexedConsumer<T>,
    {
        self.drive(consumer)
    }

    fn opt_len(&self) -> Option<usize> {
        Some(self.len())
    }
}

impl<T: Send> IndexedParallelIterator for IntoIter<T> {
    fn drive<C: Consumer<T>>(self, consumer: C) -> C::Result {
        // At most one item: nothing to split or time.
        let folder = consumer.into_folder();
        match self.opt {
            Some(item) => folder.consume(item),
            None => folder,
        }
        .complete()
    }

    fn len(&self) -> usize {
        usize::from(self.opt.is_some())
    }

    fn with_producer<CB: ProducerCallback<T>>(self, callback: CB) -> CB::Output {
        callback.callback(OptionProducer { opt: self.opt })
    }
}

/// A parallel iterator over a reference to the value of an `Option`, if there is one.
///
/// # Examples
///
/// ```
/// use beat::prelude::*;
/// let x = Some(String::from("a"));
/// let it: beat::option::Iter<'_, String> = x.par_iter();
/// assert_eq!(it.map(|s| s.len()).sum::<usize>(), 1);
/// ```
#[derive(Debug)]
pub struct Iter<'a, T> {
    inner: IntoIter<&'a T>,
}

impl<T> Clone for Iter<'_, T> {
    fn clone(&self) -> Self {
        Iter {
            inner: self.inner.clone(),
        }
    }
}

impl<'a, T: Sync> IntoParallelIterator for &'a Option<T> {
    type Item = &'a T;
    type Iter = Iter<'a, T>;

    fn into_par_iter(self) -> Self::Iter {
        Iter {
            inner: self.as_ref().into_par_iter(),
        }
    }
}

/// A parallel iterator over a mutable reference to the value of an `Option`, if there is
/// one.
///
/// # Examples
///
/// ```
/// use beat::prelude::*;
/// let mut x = Some(1);
/// let it: beat::option::IterMut<'_, i32> = x.par_iter_mut();
/// it.for_each(|v| *v += 1);
/// assert_eq!(x, Some(2));
/// ```
#[derive(Debug)]
pub struct IterMut<'a, T> {
    inner: IntoIter<&'a mut T>,
}

impl<'a, T: Send> IntoParallelIterator for &'a mut Option<T> {
    type Item = &'a mut T;
    type Iter = IterMut<'a, T>;

    fn into_par_iter(self) -> Self::Iter {
        IterMut {
            inner: self.as_mut().into_par_iter(),
        }
    }
}

/// Implements the iterator traits for a wrapper by forwarding them to its `inner` field.
macro_rules! delegate_indexed {
    (impl<$($g:tt),*> $ty:ty => $item:ty where [$($bounds:tt)*]) => {
        impl<$($g),*> ParallelIterator for $ty
        where
            $($bounds)*
        {
            type Item = $item;

            fn drive_unindexed<C>(self, consumer: C) -> C::Result
            where
                C: UnindexedConsumer<$item>,
            {
                self.inner.drive_unindexed(consumer)
            }

            fn opt_len(&self) -> Option<usize> {
                self.inner.opt_len()
            }
        }

        impl<$($g),*> IndexedParallelIterator for $ty
        where
            $($bounds)*
        {
            fn drive<C: Consumer<$item>>(self, consumer: C) -> C::Result {
                self.inner.drive(consumer)
            }

            fn len(&self) -> usize {
                self.inner.len()
            }

            fn with_producer<CB: ProducerCallback<$item>>(self, callback: CB) -> CB::Output {
                self.inner.with_producer(callback)
            }
        }
    };
}
pub(crate) use delegate_indexed;

delegate_indexed!(impl<'a, T> Iter<'a, T> => &'a T where [T: Sync + 'a]);
delegate_indexed!(impl<'a, T> IterMut<'a, T> => &'a mut T where [T: Send + 'a]);

/// The producer of zero or one item.
pub(crate) struct OptionProducer<T> {
    opt: Option<T>,
}

impl<T: Send> Producer for OptionProducer<T> {
    type Item = T;
    type IntoIter = std::option::IntoIter<T>;

    fn into_iter(self) -> Self::IntoIter {
        self.opt.into_iter()
    }
    fn split_at(self, index: usize) -> (Self, Self) {
        let none = OptionProducer { opt: None };
        if index == 0 {
            (none, self)
        } else {
            (self, none)
        }
    }
    fn fold_with<F: Folder<T>>(self, folder: F) -> F {
        match self.opt {
            Some(item) => folder.consume(item),
            None => folder,
        }
    }
}
