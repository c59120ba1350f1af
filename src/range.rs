//! Parallel iterators over ranges (`a..b`) of integers and `char`.
//!
//! Ranges of `u8`..`u32`, `i8`..`i32`, `usize`, `isize` and `char` are indexed; ranges of
//! `u64`, `i64`, `u128` and `i128` are not (their length may not fit `usize`), as in rayon.
//! They still report their length through `opt_len` when it fits, and run through the same
//! adaptive driver; longer ones are halved until the pieces fit.
//!
//! # Examples
//!
//! ```
//! use beat::prelude::*;
//! let r = (0..100u64).into_par_iter().sum::<u64>();
//! assert_eq!(r, 4950);
//! ```

use std::ops::Range;

use crate::iter::plumbing::{
    bridge, bridge_producer_consumer, bridge_unindexed, Consumer, Folder, Producer,
    ProducerCallback, UnindexedConsumer, UnindexedProducer,
};
use crate::iter::{IndexedParallelIterator, IntoParallelIterator, ParallelIterator};

/// A parallel iterator over a range.
///
/// # Examples
///
/// ```
/// use beat::prelude::*;
/// let it: beat::range::Iter<i32> = (0..4).into_par_iter();
/// assert_eq!(it.collect::<Vec<_>>(), [0, 1, 2, 3]);
/// ```
#[derive(Clone, Debug)]
pub struct Iter<T> {
    range: Range<T>,
}

impl<T> IntoParallelIterator for Range<T>
where
    Iter<T>: ParallelIterator,
{
    type Item = <Iter<T> as ParallelIterator>::Item;
    type Iter = Iter<T>;

    fn into_par_iter(self) -> Self::Iter {
        Iter { range: self }
    }
}

/// A sequential range that knows its exact length (std's `Range<u64>` does not implement
/// `ExactSizeIterator`, since the length may not fit `usize` on every target; pieces of a
/// producer always fit).
#[derive(Clone, Debug)]
pub struct RangeIter<T> {
    range: Range<T>,
}

impl<T> Iterator for RangeIter<T>
where
    Range<T>: Iterator<Item = T>,
{
    type Item = T;

    #[inline]
    fn next(&mut self) -> Option<T> {
        self.range.next()
    }
    #[inline]
    fn size_hint(&self) -> (usize, Option<usize>) {
        self.range.size_hint()
    }
    #[inline]
    fn fold<B, F: FnMut(B, T) -> B>(self, init: B, f: F) -> B {
        self.range.fold(init, f)
    }
}

impl<T> DoubleEndedIterator for RangeIter<T>
where
    Range<T>: DoubleEndedIterator<Item = T>,
{
    #[inline]
    fn next_back(&mut self) -> Option<T> {
        self.range.next_back()
    }
}

impl<T> ExactSizeIterator for RangeIter<T> where Range<T>: DoubleEndedIterator<Item = T> {}

/// The producer of an integer range whose length fits `usize`.
#[derive(Debug)]
struct IterProducer<T> {
    range: Range<T>,
}

macro_rules! producer_impl {
    ($t:ty) => {
        impl Producer for IterProducer<$t> {
            type Item = $t;
            type IntoIter = RangeIter<$t>;

            #[inline]
            fn into_iter(self) -> Self::IntoIter {
                RangeIter { range: self.range }
            }
            #[inline]
            fn split_at(self, index: usize) -> (Self, Self) {
                // `index <= len`, and the length fits `usize`, so this cannot wrap.
                let mid = self.range.start.wrapping_add(index as $t);
                (
                    IterProducer {
                        range: self.range.start..mid,
                    },
                    IterProducer {
                        range: mid..self.range.end,
                    },
                )
            }
            #[inline]
            fn fold_with<F: Folder<$t>>(self, folder: F) -> F {
                folder.consume_iter(self.range)
            }
        }
    };
}

/// The length of a range as an unsigned number wide enough for any range of the type.
macro_rules! range_len {
    ($r:expr, $u:ty) => {
        if $r.start < $r.end {
            ($r.end as $u).wrapping_sub($r.start as $u)
        } else {
            0
        }
    };
}

macro_rules! indexed_range_impl {
    ($t:ty, $u:ty) => {
        producer_impl!($t);

        impl ParallelIterator for Iter<$t> {
            type Item = $t;

            fn drive_unindexed<C>(self, consumer: C) -> C::Result
            where
                C: UnindexedConsumer<$t>,
            {
                bridge(self, consumer)
            }

            fn opt_len(&self) -> Option<usize> {
                Some(self.len())
            }
        }

        impl IndexedParallelIterator for Iter<$t> {
            fn drive<C: Consumer<$t>>(self, consumer: C) -> C::Result {
                bridge(self, consumer)
            }

            fn len(&self) -> usize {
                range_len!(self.range, $u) as usize
            }

            fn with_producer<CB: ProducerCallback<$t>>(self, callback: CB) -> CB::Output {
                callback.callback(IterProducer { range: self.range })
            }
        }
    };
}

macro_rules! unindexed_range_impl {
    ($t:ty, $u:ty) => {
        producer_impl!($t);

        impl Iter<$t> {
            fn len_fits(&self) -> Option<usize> {
                usize::try_from(range_len!(self.range, $u)).ok()
            }
        }

        impl ParallelIterator for Iter<$t> {
            type Item = $t;

            fn drive_unindexed<C>(self, consumer: C) -> C::Result
            where
                C: UnindexedConsumer<$t>,
            {
                match self.len_fits() {
                    Some(len) => {
                        bridge_producer_consumer(len, IterProducer { range: self.range }, consumer)
                    }
                    None => bridge_unindexed(HugeRange { range: self.range }, consumer),
                }
            }

            fn opt_len(&self) -> Option<usize> {
                self.len_fits()
            }
        }

        impl UnindexedProducer for HugeRange<$t> {
            type Item = $t;

            fn split(self) -> (Self, Option<Self>) {
                let len = range_len!(self.range, $u);
                let mid = self.range.start.wrapping_add((len / 2) as $t);
                (
                    HugeRange {
                        range: self.range.start..mid,
                    },
                    Some(HugeRange {
                        range: mid..self.range.end,
                    }),
                )
            }

            fn fold_with<F: Folder<$t>>(self, folder: F) -> F {
                // Only reached when the splitting budget ran out: fold the pieces that fit
                // `usize` one after another, through the indexed driver's sequential path.
                let mut folder = folder;
                let mut start = self.range.start;
                let end = self.range.end;
                while start < end && !folder.full() {
                    let rest = range_len!((start..end), $u);
                    let step = rest.min(usize::MAX as $u);
                    let stop = start.wrapping_add(step as $t);
                    folder = folder.consume_iter(start..stop);
                    start = stop;
                }
                folder
            }
        }
    };
}

/// A range too long for `usize`: split in halves until the pieces fit.
#[derive(Debug)]
struct HugeRange<T> {
    range: Range<T>,
}

indexed_range_impl!(u8, u8);
indexed_range_impl!(u16, u16);
indexed_range_impl!(u32, u32);
indexed_range_impl!(usize, usize);
indexed_range_impl!(i8, u8);
indexed_range_impl!(i16, u16);
indexed_range_impl!(i32, u32);
indexed_range_impl!(isize, usize);
unindexed_range_impl!(u64, u64);
unindexed_range_impl!(i64, u64);
unindexed_range_impl!(u128, u128);
unindexed_range_impl!(i128, u128);
