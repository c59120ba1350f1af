//! Parallel iterators over slices: `par_iter()` and `par_iter_mut()` on `[T]`, `Vec<T>`
//! and arrays, and the slice methods of [`ParallelSlice`] and [`ParallelSliceMut`].
//!
//! # Examples
//!
//! ```
//! use beat::prelude::*;
//! let mut v = [1, 2, 3];
//! v.par_iter_mut().for_each(|x| *x += 1);
//! assert_eq!(v.par_iter().sum::<i32>(), 9);
//! ```

use crate::iter::plumbing::{bridge, Consumer, Producer, ProducerCallback, UnindexedConsumer};
use crate::iter::{IndexedParallelIterator, IntoParallelIterator, ParallelIterator};

// [h1: mod]
// [h2: mod]

/// Parallel methods on shared slices (`&[T]`, and so on `Vec<T>` and arrays through
/// deref): splitting, windows and chunks.
///
/// # Examples
///
/// ```
/// use beat::prelude::*;
/// let v = [1, 2, 3];
/// assert_eq!(v.as_parallel_slice().len(), 3);
/// ```
pub trait ParallelSlice<T: Sync> {
    /// Returns the plain slice; the other methods are built on it.
    ///
    /// # Examples
    ///
    /// ```
    /// use beat::prelude::*;
    /// let v = vec![1, 2, 3];
    /// assert_eq!(v.as_parallel_slice(), &[1, 2, 3]);
    /// ```
    fn as_parallel_slice(&self) -> &[T];

    // [h1: ParallelSlice]
}

impl<T: Sync> ParallelSlice<T> for [T] {
    #[inline]
    fn as_parallel_slice(&self) -> &[T] {
        self
    }
}

/// Parallel methods on mutable slices: splitting, chunks and sorting.
///
/// # Examples
///
/// ```
/// use beat::prelude::*;
/// let mut v = [3, 1, 2];
/// v.as_parallel_slice_mut()[0] = 0;
/// assert_eq!(v, [0, 1, 2]);
/// ```
pub trait ParallelSliceMut<T: Send> {
    /// Returns the plain mutable slice; the other methods are built on it.
    ///
    /// # Examples
    ///
    /// ```
    /// use beat::prelude::*;
    /// let mut v = vec![1, 2, 3];
    /// v.as_parallel_slice_mut()[1] = 5;
    /// assert_eq!(v, [1, 5, 3]);
    /// ```
    fn as_parallel_slice_mut(&mut self) -> &mut [T];

    // [h1: ParallelSliceMut]
    // [h2: ParallelSliceMut]
}

impl<T: Send> ParallelSliceMut<T> for [T] {
    #[inline]
    fn as_parallel_slice_mut(&mut self) -> &mut [T] {
        self
    }
}

/// A parallel iterator over `&T` of a slice.
///
/// # Examples
///
/// ```
/// use beat::prelude::*;
/// let it: beat::slice::Iter<'_, i32> = [1, 2].par_iter();
/// assert_eq!(it.copied().max(), Some(2));
/// ```
#[derive(Debug)]
pub struct Iter<'data, T: Sync> {
    slice: &'data [T],
}

impl<T: Sync> Clone for Iter<'_, T> {
    fn clone(&self) -> Self {
        Iter { slice: self.slice }
    }
}

impl<'data, T: Sync + 'data> IntoParallelIterator for &'data [T] {
    type Item = &'data T;
    type Iter = Iter<'data, T>;

    fn into_par_iter(self) -> Self::Iter {
        Iter { slice: self }
    }
}

impl<'data, T: Sync + 'data> IntoParallelIterator for &'data Vec<T> {
    type Item = &'data T;
    type Iter = Iter<'data, T>;

    fn into_par_iter(self) -> Self::Iter {
        Iter { slice: self }
    }
}

impl<'data, T: Sync + 'data, const N: usize> IntoParallelIterator for &'data [T; N] {
    type Item = &'data T;
    type Iter = Iter<'data, T>;

    fn into_par_iter(self) -> Self::Iter {
        Iter { slice: self }
    }
}

impl<'data, T: Sync + 'data> ParallelIterator for Iter<'data, T> {
    type Item = &'data T;

    fn drive_unindexed<C>(self, consumer: C) -> C::Result
    where
        C: UnindexedConsumer<Self::Item>,
    {
        bridge(self, consumer)
    }

    fn opt_len(&self) -> Option<usize> {
        Some(self.slice.len())
    }
}

impl<'data, T: Sync + 'data> IndexedParallelIterator for Iter<'data, T> {
    fn drive<C: Consumer<Self::Item>>(self, consumer: C) -> C::Result {
        bridge(self, consumer)
    }

    fn len(&self) -> usize {
        self.slice.len()
    }

    fn with_producer<CB: ProducerCallback<Self::Item>>(self, callback: CB) -> CB::Output {
        callback.callback(SliceProducer { slice: self.slice })
    }
}

struct SliceProducer<'data, T: Sync> {
    slice: &'data [T],
}

impl<'data, T: Sync + 'data> Producer for SliceProducer<'data, T> {
    type Item = &'data T;
    type IntoIter = std::slice::Iter<'data, T>;

    fn into_iter(self) -> Self::IntoIter {
        self.slice.iter()
    }
    fn split_at(self, index: usize) -> (Self, Self) {
        let (l, r) = self.slice.split_at(index);
        (SliceProducer { slice: l }, SliceProducer { slice: r })
    }
}

/// A parallel iterator over `&mut T` of a slice.
///
/// # Examples
///
/// ```
/// use beat::prelude::*;
/// let mut v = vec![1, 2];
/// let it: beat::slice::IterMut<'_, i32> = v.par_iter_mut();
/// it.for_each(|x| *x = -*x);
/// assert_eq!(v, [-1, -2]);
/// ```
#[derive(Debug)]
pub struct IterMut<'data, T: Send> {
    slice: &'data mut [T],
}

impl<'data, T: Send + 'data> IntoParallelIterator for &'data mut [T] {
    type Item = &'data mut T;
    type Iter = IterMut<'data, T>;

    fn into_par_iter(self) -> Self::Iter {
        IterMut { slice: self }
    }
}

impl<'data, T: Send + 'data> IntoParallelIterator for &'data mut Vec<T> {
    type Item = &'data mut T;
    type Iter = IterMut<'data, T>;

    fn into_par_iter(self) -> Self::Iter {
        IterMut { slice: self }
    }
}

impl<'data, T: Send + 'data, const N: usize> IntoParallelIterator for &'data mut [T; N] {
    type Item = &'data mut T;
    type Iter = IterMut<'data, T>;

    fn into_par_iter(self) -> Self::Iter {
        IterMut { slice: self }
    }
}

impl<'data, T: Send + 'data> ParallelIterator for IterMut<'data, T> {
    type Item = &'data mut T;

    fn drive_unindexed<C>(self, consumer: C) -> C::Result
    where
        C: UnindexedConsumer<Self::Item>,
    {
        bridge(self, consumer)
    }

    fn opt_len(&self) -> Option<usize> {
        Some(self.slice.len())
    }
}

impl<'data, T: Send + 'data> IndexedParallelIterator for IterMut<'data, T> {
    fn drive<C: Consumer<Self::Item>>(self, consumer: C) -> C::Result {
        bridge(self, consumer)
    }

    fn len(&self) -> usize {
        self.slice.len()
    }

    fn with_producer<CB: ProducerCallback<Self::Item>>(self, callback: CB) -> CB::Output {
        callback.callback(SliceMutProducer { slice: self.slice })
    }
}

struct SliceMutProducer<'data, T: Send> {
    slice: &'data mut [T],
}

impl<'data, T: Send + 'data> Producer for SliceMutProducer<'data, T> {
    type Item = &'data mut T;
    type IntoIter = std::slice::IterMut<'data, T>;

    fn into_iter(self) -> Self::IntoIter {
        self.slice.iter_mut()
    }
    fn split_at(self, index: usize) -> (Self, Self) {
        let (l, r) = self.slice.split_at_mut(index);
        (SliceMutProducer { slice: l }, SliceMutProducer { slice: r })
    }
}
