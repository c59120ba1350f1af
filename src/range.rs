//! Parallel iterators over ranges (`a..b`) of integers and `char`.
//!
//! Ranges of `u8`..`u32`, `i8`..`i32`, `usize`, `isize` and `char` are indexed; ranges of
//! `u64`, `i64`, `u128` and `i128` are not (their length may not fit `usize`), as in rayon.
//! They still report their length through `opt_len` when it fits, and run through the same
//! adaptive driver; longer ones are halved until the pieces fit. A `char` range skips the
//! surrogate code points `U+D800..=U+DFFF`, which are not `char`s, as `std`'s does.
//!
//! # Examples
//!
//! ```
//! use beat::prelude::*;
//! let r = (0..100u64).into_par_iter().sum::<u64>();
//! assert_eq!(r, 4950);
//!
//! let letters: String = ('a'..'e').into_par_iter().map(|c| c.to_string()).collect::<Vec<_>>().concat();
//! assert_eq!(letters, "abcd");
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

/// The integer types whose ranges are parallel iterators. Implementing the iterator traits
/// once for every `T` of this sealed trait, rather than once per type, lets the compiler
/// infer a range's integer type from how its items are used later, as with `std` ranges.
mod private {
    use super::{Consumer, Iter, ProducerCallback, UnindexedConsumer};

    /// An integer type whose ranges are parallel iterators.
    #[allow(unreachable_pub)] // sealed: public in bounds, unnameable outside the crate
    pub trait RangeInteger: Sized + Send {
        /// [`ParallelIterator::drive_unindexed`](crate::iter::ParallelIterator::drive_unindexed).
        fn drive_unindexed<C>(iter: Iter<Self>, consumer: C) -> C::Result
        where
            C: UnindexedConsumer<Self>;

        /// [`ParallelIterator::opt_len`](crate::iter::ParallelIterator::opt_len).
        fn opt_len(iter: &Iter<Self>) -> Option<usize>;
    }

    /// An integer type whose ranges are indexed parallel iterators.
    #[allow(unreachable_pub)] // sealed, as above
    pub trait IndexedRangeInteger: RangeInteger {
        /// [`IndexedParallelIterator::drive`](crate::iter::IndexedParallelIterator::drive).
        fn drive<C>(iter: Iter<Self>, consumer: C) -> C::Result
        where
            C: Consumer<Self>;

        /// [`IndexedParallelIterator::len`](crate::iter::IndexedParallelIterator::len).
        fn len(iter: &Iter<Self>) -> usize;

        /// [`IndexedParallelIterator::with_producer`](crate::iter::IndexedParallelIterator::with_producer).
        fn with_producer<CB>(iter: Iter<Self>, callback: CB) -> CB::Output
        where
            CB: ProducerCallback<Self>;
    }
}
use private::{IndexedRangeInteger, RangeInteger};

impl<T: RangeInteger> ParallelIterator for Iter<T> {
    type Item = T;

    fn drive_unindexed<C>(self, consumer: C) -> C::Result
    where
        C: UnindexedConsumer<T>,
    {
        T::drive_unindexed(self, consumer)
    }

    #[inline]
    fn opt_len(&self) -> Option<usize> {
        T::opt_len(self)
    }
}

impl<T: IndexedRangeInteger> IndexedParallelIterator for Iter<T> {
    fn drive<C: Consumer<T>>(self, consumer: C) -> C::Result {
        T::drive(self, consumer)
    }

    #[inline]
    fn len(&self) -> usize {
        T::len(self)
    }

    fn with_producer<CB: ProducerCallback<T>>(self, callback: CB) -> CB::Output {
        T::with_producer(self, callback)
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

        impl RangeInteger for $t {
            fn drive_unindexed<C>(iter: Iter<$t>, consumer: C) -> C::Result
            where
                C: UnindexedConsumer<$t>,
            {
                bridge(iter, consumer)
            }

            fn opt_len(iter: &Iter<$t>) -> Option<usize> {
                Some(<$t as IndexedRangeInteger>::len(iter))
            }
        }

        impl IndexedRangeInteger for $t {
            fn drive<C: Consumer<$t>>(iter: Iter<$t>, consumer: C) -> C::Result {
                bridge(iter, consumer)
            }

            fn len(iter: &Iter<$t>) -> usize {
                range_len!(iter.range, $u) as usize
            }

            fn with_producer<CB: ProducerCallback<$t>>(iter: Iter<$t>, callback: CB) -> CB::Output {
                callback.callback(IterProducer { range: iter.range })
            }
        }
    };
}

macro_rules! unindexed_range_impl {
    ($t:ty, $u:ty) => {
        producer_impl!($t);

        impl RangeInteger for $t {
            fn drive_unindexed<C>(iter: Iter<$t>, consumer: C) -> C::Result
            where
                C: UnindexedConsumer<$t>,
            {
                match Self::opt_len(&iter) {
                    Some(len) => {
                        bridge_producer_consumer(len, IterProducer { range: iter.range }, consumer)
                    }
                    None => bridge_unindexed(HugeRange { range: iter.range }, consumer),
                }
            }

            fn opt_len(iter: &Iter<$t>) -> Option<usize> {
                usize::try_from(range_len!(iter.range, $u)).ok()
            }
        }

        impl UnindexedProducer for HugeRange<$t> {
            type Item = $t;

            fn split(self) -> (Self, Option<Self>) {
                let len = range_len!(self.range, $u);
                if len <= 1 {
                    return (self, None);
                }
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

/// The first surrogate code point: `char`s jump from `U+D7FF` to `U+E000`.
const SURROGATE_START: u32 = 0xD800;
/// How many surrogate code points there are.
const SURROGATE_LEN: u32 = 0x800;

/// The position of `c` among all `char`s: its code point, less the surrogates below it.
/// Positions are dense, so a range of `char`s is a range of positions.
#[inline]
pub(crate) fn char_index(c: char) -> u32 {
    let u = u32::from(c);
    if u >= SURROGATE_START {
        u - SURROGATE_LEN
    } else {
        u
    }
}

/// The `char` at position `i` (see [`char_index`]).
#[inline]
fn index_char(i: u32) -> char {
    let u = if i >= SURROGATE_START {
        i + SURROGATE_LEN
    } else {
        i
    };
    debug_assert!(char::from_u32(u).is_some());
    // SAFETY: positions only come from `char_index` of a `char` (plus one for an exclusive
    // end, never converted back), so `i <= char_index(char::MAX)`: below the gap `u` is
    // `i < 0xD800`; from the gap on, `u` lies in `0xE000..=0x10FFFF`. Both are `char`s.
    unsafe { char::from_u32_unchecked(u) }
}

/// The producer of the `char`s at the positions `range` (see [`char_index`]).
pub(crate) struct CharProducer {
    range: Range<u32>,
}

impl CharProducer {
    /// The `char`s at positions `range`, which must come from [`char_index`].
    pub(crate) fn new(range: Range<u32>) -> Self {
        CharProducer { range }
    }
}

impl Producer for CharProducer {
    type Item = char;
    type IntoIter = CharIter;

    #[inline]
    fn into_iter(self) -> CharIter {
        CharIter { range: self.range }
    }
    #[inline]
    fn split_at(self, index: usize) -> (Self, Self) {
        // `index <= len < 2^21`: the cast is exact.
        let mid = self.range.start + index as u32;
        (
            CharProducer {
                range: self.range.start..mid,
            },
            CharProducer {
                range: mid..self.range.end,
            },
        )
    }
}

/// The sequential iterator of a [`CharProducer`].
#[derive(Debug)]
pub(crate) struct CharIter {
    range: Range<u32>,
}

impl Iterator for CharIter {
    type Item = char;

    #[inline]
    fn next(&mut self) -> Option<char> {
        self.range.next().map(index_char)
    }
    #[inline]
    fn size_hint(&self) -> (usize, Option<usize>) {
        self.range.size_hint()
    }
    #[inline]
    fn fold<B, F: FnMut(B, char) -> B>(self, init: B, mut f: F) -> B {
        self.range.fold(init, |acc, i| f(acc, index_char(i)))
    }
}

impl DoubleEndedIterator for CharIter {
    #[inline]
    fn next_back(&mut self) -> Option<char> {
        self.range.next_back().map(index_char)
    }
}

impl ExactSizeIterator for CharIter {}

/// Runs the `char`s at positions `indices` (see [`char_index`]) into `consumer`.
pub(crate) fn bridge_chars<C: Consumer<char>>(indices: Range<u32>, consumer: C) -> C::Result {
    bridge_producer_consumer(indices.len(), CharProducer::new(indices), consumer)
}

impl Iter<char> {
    /// The positions of the range's `char`s (see [`char_index`]).
    fn indices(&self) -> Range<u32> {
        let start = char_index(self.range.start);
        start..char_index(self.range.end).max(start)
    }
}

impl ParallelIterator for Iter<char> {
    type Item = char;

    fn drive_unindexed<C>(self, consumer: C) -> C::Result
    where
        C: UnindexedConsumer<char>,
    {
        bridge_chars(self.indices(), consumer)
    }

    fn opt_len(&self) -> Option<usize> {
        Some(self.len())
    }
}

impl IndexedParallelIterator for Iter<char> {
    fn drive<C: Consumer<char>>(self, consumer: C) -> C::Result {
        bridge_chars(self.indices(), consumer)
    }

    fn len(&self) -> usize {
        self.indices().len()
    }

    fn with_producer<CB: ProducerCallback<char>>(self, callback: CB) -> CB::Output {
        callback.callback(CharProducer::new(self.indices()))
    }
}
