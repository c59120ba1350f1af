//! Parallel iterators over inclusive ranges (`a..=b`) of integers and `char`.
//!
//! As in rayon, ranges of `u8`, `u16`, `i8`, `i16` and `char` are indexed (their length
//! always fits `usize`, on every target); ranges of the wider integers are not, but report
//! their length through `opt_len` when it fits. A range may end at the type's maximum
//! (`0..=u8::MAX` has 256 items), and a `char` range skips the surrogate code points.
//!
//! # Examples
//!
//! ```
//! use beat::prelude::*;
//! assert_eq!((0..=u8::MAX).into_par_iter().count(), 256);
//! assert_eq!((1..=100u64).into_par_iter().sum::<u64>(), 5050);
//! let v: Vec<char> = ('x'..='z').into_par_iter().collect();
//! assert_eq!(v, ['x', 'y', 'z']);
//! ```

use std::ops::RangeInclusive;

use crate::iter::plumbing::{Consumer, ProducerCallback, UnindexedConsumer};
use crate::iter::{IndexedParallelIterator, IntoParallelIterator, ParallelIterator};
use crate::range::{self, char_index, CharProducer};

/// A parallel iterator over an inclusive range.
///
/// # Examples
///
/// ```
/// use beat::prelude::*;
/// let it: beat::range_inclusive::Iter<i16> = (-2..=2).into_par_iter();
/// assert_eq!(it.collect::<Vec<_>>(), [-2, -1, 0, 1, 2]);
/// ```
#[derive(Clone, Debug)]
pub struct Iter<T> {
    range: RangeInclusive<T>,
}

impl<T> IntoParallelIterator for RangeInclusive<T>
where
    Iter<T>: ParallelIterator,
{
    type Item = <Iter<T> as ParallelIterator>::Item;
    type Iter = Iter<T>;

    fn into_par_iter(self) -> Self::Iter {
        Iter { range: self }
    }
}

/// The integer types whose inclusive ranges are parallel iterators: one implementation of
/// the iterator traits for all of them helps type inference (see `range`'s twin).
mod private {
    use super::{Consumer, Iter, ProducerCallback, UnindexedConsumer};

    /// An integer type whose inclusive ranges are parallel iterators.
    #[allow(unreachable_pub)] // sealed: public in bounds, unnameable outside the crate
    pub trait RangeInteger: Sized + Send {
        /// [`ParallelIterator::drive_unindexed`](crate::iter::ParallelIterator::drive_unindexed).
        fn drive_unindexed<C>(iter: Iter<Self>, consumer: C) -> C::Result
        where
            C: UnindexedConsumer<Self>;

        /// [`ParallelIterator::opt_len`](crate::iter::ParallelIterator::opt_len).
        fn opt_len(iter: &Iter<Self>) -> Option<usize>;
    }

    /// An integer type whose inclusive ranges are indexed parallel iterators.
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

/// Calls `$method` on the equivalent half-open range `start..end + 1`, or, when `end` is
/// the type's maximum, on `(start..end).chain(Some(end))`. An empty (or exhausted) range
/// becomes `start..start`.
macro_rules! convert {
    ($iter:ident . $method:ident ( $($arg:expr),* )) => {{
        let start = *$iter.range.start();
        let end = *$iter.range.end();
        if $iter.range.is_empty() {
            (start..start).into_par_iter().$method($($arg),*)
        } else if let Some(after) = end.checked_add(1) {
            (start..after).into_par_iter().$method($($arg),*)
        } else {
            (start..end).into_par_iter().chain(Some(end)).$method($($arg),*)
        }
    }};
}

macro_rules! unindexed_impl {
    ($($t:ty)*) => {$(
        impl RangeInteger for $t {
            fn drive_unindexed<C>(iter: Iter<$t>, consumer: C) -> C::Result
            where
                C: UnindexedConsumer<$t>,
            {
                convert!(iter.drive_unindexed(consumer))
            }

            fn opt_len(iter: &Iter<$t>) -> Option<usize> {
                convert!(iter.opt_len())
            }
        }
    )*};
}

macro_rules! indexed_impl {
    ($($t:ty)*) => {$(
        unindexed_impl!($t);

        impl IndexedRangeInteger for $t {
            fn drive<C: Consumer<$t>>(iter: Iter<$t>, consumer: C) -> C::Result {
                convert!(iter.drive(consumer))
            }

            fn len(iter: &Iter<$t>) -> usize {
                // `std` knows this length exactly for these types (exhausted ranges too).
                iter.range.len()
            }

            fn with_producer<CB: ProducerCallback<$t>>(iter: Iter<$t>, callback: CB) -> CB::Output {
                convert!(iter.with_producer(callback))
            }
        }
    )*};
}

indexed_impl!(u8 u16 i8 i16);
unindexed_impl!(u32 u64 u128 usize i32 i64 i128 isize);

impl Iter<char> {
    /// The positions of the range's `char`s (see [`range::char_index`]).
    fn indices(&self) -> std::ops::Range<u32> {
        if self.range.is_empty() {
            return 0..0;
        }
        // The last `char`'s position is below `u32::MAX`, so `+ 1` cannot overflow.
        char_index(*self.range.start())..char_index(*self.range.end()) + 1
    }
}

impl ParallelIterator for Iter<char> {
    type Item = char;

    fn drive_unindexed<C>(self, consumer: C) -> C::Result
    where
        C: UnindexedConsumer<char>,
    {
        range::bridge_chars(self.indices(), consumer)
    }

    fn opt_len(&self) -> Option<usize> {
        Some(self.len())
    }
}

impl IndexedParallelIterator for Iter<char> {
    fn drive<C: Consumer<char>>(self, consumer: C) -> C::Result {
        range::bridge_chars(self.indices(), consumer)
    }

    fn len(&self) -> usize {
        self.indices().len()
    }

    fn with_producer<CB: ProducerCallback<char>>(self, callback: CB) -> CB::Output {
        callback.callback(CharProducer::new(self.indices()))
    }
}
