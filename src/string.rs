//! `par_drain(range)` on a `String`: a parallel iterator over the `char`s of a byte range,
//! removed from the string once the iterator is dropped.
//!
//! # Examples
//!
//! ```
//! use beat::prelude::*;
//! let mut s = String::from("hello, world");
//! let n = s.par_drain(5..).filter(|c| c.is_alphabetic()).count();
//! assert_eq!(n, 5);
//! assert_eq!(s, "hello");
//! ```

use std::ops::{Range, RangeBounds};

use crate::iter::plumbing::{bridge_unindexed, Folder, UnindexedConsumer, UnindexedProducer};
use crate::iter::{resolve_range, ParallelDrainRange, ParallelIterator};

/// A parallel iterator over the `char`s of a range of a `String`, created by
/// [`par_drain`](ParallelDrainRange::par_drain). When it is dropped, driven or not, the
/// range is removed from the string, which keeps its capacity.
///
/// # Examples
///
/// ```
/// use beat::prelude::*;
/// let mut s = String::from("añb");
/// let it: beat::string::Drain<'_> = s.par_drain(1..3);
/// assert_eq!(it.collect::<String>(), "ñ");
/// assert_eq!(s, "ab");
/// ```
#[derive(Debug)]
pub struct Drain<'a> {
    string: &'a mut String,
    range: Range<usize>,
}

impl<'a> ParallelDrainRange<usize> for &'a mut String {
    type Iter = Drain<'a>;
    type Item = char;

    /// # Panics
    ///
    /// As [`String::drain`]: if the range is out of order, ends past the string, or either
    /// end is not on a `char` boundary. The check is made here, before anything is removed.
    #[track_caller]
    fn par_drain<R: RangeBounds<usize>>(self, range: R) -> Drain<'a> {
        let range = resolve_range(range, self.len());
        assert!(
            self.is_char_boundary(range.start),
            "byte index {} is not a char boundary",
            range.start
        );
        assert!(
            self.is_char_boundary(range.end),
            "byte index {} is not a char boundary",
            range.end
        );
        Drain {
            string: self,
            range,
        }
    }
}

impl ParallelIterator for Drain<'_> {
    type Item = char;

    fn drive_unindexed<C>(self, consumer: C) -> C::Result
    where
        C: UnindexedConsumer<char>,
    {
        let text = &self.string[self.range.clone()];
        bridge_unindexed(CharsProducer { text }, consumer)
        // `self` drops here and removes the range.
    }
}

impl Drop for Drain<'_> {
    fn drop(&mut self) {
        self.string.drain(self.range.clone());
    }
}

/// The `char`s of a `str`, split at the `char` boundary nearest the middle.
struct CharsProducer<'a> {
    text: &'a str,
}

impl<'a> UnindexedProducer for CharsProducer<'a> {
    type Item = char;

    fn split(self) -> (Self, Option<Self>) {
        let text = self.text;
        let mut mid = text.len() / 2;
        // A UTF-8 sequence is at most 4 bytes long: a boundary is at most 3 bytes further.
        while !text.is_char_boundary(mid) {
            mid += 1;
        }
        if mid == 0 || mid == text.len() {
            return (self, None);
        }
        let (left, right) = text.split_at(mid);
        (
            CharsProducer { text: left },
            Some(CharsProducer { text: right }),
        )
    }

    fn fold_with<F: Folder<char>>(self, folder: F) -> F {
        folder.consume_iter(self.text.chars())
    }
}
