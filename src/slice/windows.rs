//! `par_windows` and `par_array_windows`: overlapping windows of a slice.

use super::parts::indexed_slice_iter;
use crate::iter::plumbing::{bridge, Consumer, Producer, ProducerCallback, UnindexedConsumer};
use crate::iter::{IndexedParallelIterator, ParallelIterator};

/// The number of windows of `size` elements in `len` elements.
///
/// # Panics
///
/// If `size` is 0.
#[inline]
#[track_caller]
fn window_count(len: usize, size: usize) -> usize {
    assert!(size != 0, "window size must not be zero");
    len.saturating_sub(size - 1)
}

/// The windows of `size` elements of a slice; window `i` starts at element `i`.
struct WindowsProducer<'data, T> {
    size: usize,
    slice: &'data [T],
}

impl<'data, T> WindowsProducer<'data, T> {
    #[inline]
    #[track_caller]
    fn new(size: usize, slice: &'data [T]) -> Self {
        assert!(size != 0, "window size must not be zero");
        WindowsProducer { size, slice }
    }
}

impl<'data, T: Sync> Producer for WindowsProducer<'data, T> {
    type Item = &'data [T];
    type IntoIter = std::slice::Windows<'data, T>;

    #[inline]
    fn into_iter(self) -> Self::IntoIter {
        self.slice.windows(self.size)
    }

    #[inline]
    fn split_at(self, index: usize) -> (Self, Self) {
        // The first `index` windows end before element `index + size - 1`; the rest start
        // at element `index`. The halves overlap by `size - 1` elements.
        let end = index.saturating_add(self.size - 1).min(self.slice.len());
        let first = WindowsProducer {
            size: self.size,
            slice: &self.slice[..end],
        };
        let rest = WindowsProducer {
            size: self.size,
            slice: &self.slice[index..],
        };
        (first, rest)
    }
}

/// The iterator returned by
/// [`ParallelSlice::par_windows`](super::ParallelSlice::par_windows): every run of
/// `window_size` consecutive elements, as `&[T]`, in order.
///
/// # Panics
///
/// Driving it, or asking its [`len`](IndexedParallelIterator::len), panics if
/// `window_size` is 0.
///
/// # Examples
///
/// ```
/// use beat::prelude::*;
/// let it: beat::slice::Windows<'_, i32> = [1, 2, 3].par_windows(2);
/// assert_eq!(it.collect::<Vec<_>>(), [[1, 2], [2, 3]]);
/// ```
#[must_use = "iterator adapters are lazy and do nothing unless consumed"]
#[derive(Debug)]
pub struct Windows<'data, T> {
    window_size: usize,
    slice: &'data [T],
}

impl<'data, T> Windows<'data, T> {
    pub(super) fn new(window_size: usize, slice: &'data [T]) -> Self {
        Windows { window_size, slice }
    }
}

impl<T> Clone for Windows<'_, T> {
    fn clone(&self) -> Self {
        Windows { ..*self }
    }
}

indexed_slice_iter! {
    impl<'data, T> for Windows<'data, T> where [T: Sync + 'data]
    item = &'data [T];
    len = |it| window_count(it.slice.len(), it.window_size);
    producer = |it| WindowsProducer::new(it.window_size, it.slice);
}

/// The windows of `N` elements of a slice as arrays.
struct ArrayWindowsProducer<'data, T, const N: usize> {
    base: WindowsProducer<'data, T>,
}

impl<'data, T: Sync, const N: usize> Producer for ArrayWindowsProducer<'data, T, N> {
    type Item = &'data [T; N];
    type IntoIter = ArrayWindowsIter<'data, T, N>;

    #[inline]
    fn into_iter(self) -> Self::IntoIter {
        ArrayWindowsIter {
            base: self.base.into_iter(),
        }
    }

    #[inline]
    fn split_at(self, index: usize) -> (Self, Self) {
        let (first, rest) = self.base.split_at(index);
        (
            ArrayWindowsProducer { base: first },
            ArrayWindowsProducer { base: rest },
        )
    }
}

/// The sequential iterator of an [`ArrayWindowsProducer`]: std's windows, as arrays.
struct ArrayWindowsIter<'data, T, const N: usize> {
    base: std::slice::Windows<'data, T>,
}

/// A window of `N` elements as an array.
#[inline]
fn as_array<T, const N: usize>(window: &[T]) -> &[T; N] {
    window.try_into().expect("a window holds N elements")
}

impl<'data, T, const N: usize> Iterator for ArrayWindowsIter<'data, T, N> {
    type Item = &'data [T; N];

    #[inline]
    fn next(&mut self) -> Option<Self::Item> {
        self.base.next().map(as_array)
    }

    #[inline]
    fn size_hint(&self) -> (usize, Option<usize>) {
        self.base.size_hint()
    }
}

impl<T, const N: usize> DoubleEndedIterator for ArrayWindowsIter<'_, T, N> {
    #[inline]
    fn next_back(&mut self) -> Option<Self::Item> {
        self.base.next_back().map(as_array)
    }
}

impl<T, const N: usize> ExactSizeIterator for ArrayWindowsIter<'_, T, N> {}

/// The iterator returned by
/// [`ParallelSlice::par_array_windows`](super::ParallelSlice::par_array_windows): every run
/// of `N` consecutive elements, as `&[T; N]`, in order.
///
/// # Panics
///
/// Driving it, or asking its [`len`](IndexedParallelIterator::len), panics if `N` is 0.
///
/// # Examples
///
/// ```
/// use beat::prelude::*;
/// let it: beat::slice::ArrayWindows<'_, i32, 2> = [1, 2, 3].par_array_windows();
/// assert_eq!(it.map(|[a, b]| a * b).collect::<Vec<_>>(), [2, 6]);
/// ```
#[must_use = "iterator adapters are lazy and do nothing unless consumed"]
#[derive(Debug)]
pub struct ArrayWindows<'data, T: Sync, const N: usize> {
    slice: &'data [T],
}

impl<'data, T: Sync, const N: usize> ArrayWindows<'data, T, N> {
    pub(super) fn new(slice: &'data [T]) -> Self {
        ArrayWindows { slice }
    }
}

impl<T: Sync, const N: usize> Clone for ArrayWindows<'_, T, N> {
    fn clone(&self) -> Self {
        ArrayWindows { ..*self }
    }
}

indexed_slice_iter! {
    impl<'data, T, const N: usize> for ArrayWindows<'data, T, N> where [T: Sync + 'data]
    item = &'data [T; N];
    len = |it| window_count(it.slice.len(), N);
    producer = |it| ArrayWindowsProducer::<'data, T, N> {
        base: WindowsProducer::new(N, it.slice),
    };
}
