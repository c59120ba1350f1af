use std::fmt;

use super::plumbing::{bridge_unindexed, Folder, UnindexedConsumer, UnindexedProducer};
use super::ParallelIterator;

/// A parallel iterator over the pieces of `data` that `splitter` cuts it into.
///
/// `splitter` halves a piece, returning the two halves, or the piece and `None` when it
/// cannot be split further. The driver splits only as far as it helps to keep the pool busy,
/// so a piece that could still be split may come out whole: the iterator's items are the
/// pieces at which splitting stopped, together covering `data` exactly once.
///
/// # Examples
///
/// ```
/// use beat::prelude::*;
/// use std::ops::Range;
///
/// fn halve(r: Range<usize>) -> (Range<usize>, Option<Range<usize>>) {
///     if r.len() < 2 {
///         return (r, None);
///     }
///     let mid = r.start + r.len() / 2;
///     (r.start..mid, Some(mid..r.end))
/// }
///
/// let mut pieces: Vec<Range<usize>> = beat::iter::split(0..1024, halve).collect();
/// pieces.sort_by_key(|r| r.start);
/// // The pieces tile the range, and each one is a power of two long.
/// assert_eq!(pieces.first().unwrap().start, 0);
/// assert_eq!(pieces.last().unwrap().end, 1024);
/// assert!(pieces.windows(2).all(|w| w[0].end == w[1].start));
/// assert!(pieces.iter().all(|r| r.len().is_power_of_two()));
/// ```
pub fn split<D, S>(data: D, splitter: S) -> Split<D, S>
where
    D: Send,
    S: Fn(D) -> (D, Option<D>) + Sync,
{
    Split { data, splitter }
}

/// The iterator returned by [`split()`].
///
/// # Examples
///
/// ```
/// use beat::prelude::*;
/// let it: beat::iter::Split<u32, _> = beat::iter::split(7u32, |n| (n, None));
/// assert_eq!(it.collect::<Vec<_>>(), [7]);
/// ```
#[must_use = "iterator adapters are lazy and do nothing unless consumed"]
#[derive(Clone)]
pub struct Split<D, S> {
    data: D,
    splitter: S,
}

impl<D: fmt::Debug, S> fmt::Debug for Split<D, S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Split").field("data", &self.data).finish()
    }
}

impl<D, S> ParallelIterator for Split<D, S>
where
    D: Send,
    S: Fn(D) -> (D, Option<D>) + Sync + Send,
{
    type Item = D;

    fn drive_unindexed<C>(self, consumer: C) -> C::Result
    where
        C: UnindexedConsumer<D>,
    {
        bridge_unindexed(
            Piece {
                data: self.data,
                splitter: &self.splitter,
            },
            consumer,
        )
    }
}

/// One piece of the data, with the function that splits it.
struct Piece<'s, D, S> {
    data: D,
    splitter: &'s S,
}

impl<D, S> UnindexedProducer for Piece<'_, D, S>
where
    D: Send,
    S: Fn(D) -> (D, Option<D>) + Sync,
{
    type Item = D;

    fn split(self) -> (Self, Option<Self>) {
        let splitter = self.splitter;
        let (left, right) = splitter(self.data);
        let right = right.map(|data| Piece { data, splitter });
        (
            Piece {
                data: left,
                splitter,
            },
            right,
        )
    }

    fn fold_with<F: Folder<D>>(self, folder: F) -> F {
        folder.consume(self.data)
    }
}
