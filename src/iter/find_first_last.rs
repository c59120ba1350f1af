//! `find_first` and `find_last`: the match a sequential search would return, found in
//! parallel.
//!
//! # Positions
//!
//! A piece may stop once a match *strictly* before it (for `find_first`; after it for
//! `find_last`) is known, so every consumer needs a position comparable with everyone
//! else's, including consumers of unindexed iterators, which know no item indices. Each
//! consumer owns a [`Span`] `[lo, hi)` of a `u128` position space; splitting a consumer
//! splits its span, left part to the left, so spans follow the order of the items. A folder
//! that matches offers its span's `lo` (`find_first`) or `hi` (`find_last`) to the shared
//! [`Best`]; a piece whose own position is strictly worse than the best is full.
//!
//! Splits at an index (indexed drives) give each item `unit` positions, so the spans of an
//! indexed drive are exact: the driver's long chains of "fold a batch off the front, keep
//! the rest" never use up the space, and a match stops every batch after it. Each item keeps
//! `unit` positions of its own for what is split inside it (a `flat_map` of an item, say).
//! Splits without an index halve the span. A span too narrow to split leaves both parts with
//! the same position: they can no longer stop each other, but the result stays exact,
//! because the reducers keep the leftmost (rightmost) result of adjacent pieces and every
//! piece returns its own first (last) match.

use std::cell::Cell;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, PoisonError};

use super::plumbing::{Consumer, Folder, Reducer, UnindexedConsumer};
use super::ParallelIterator;

pub(super) fn find_first<I, P>(pi: I, find_op: P) -> Option<I::Item>
where
    I: ParallelIterator,
    P: Fn(&I::Item) -> bool + Sync,
{
    find(pi, &find_op, End::First)
}

pub(super) fn find_last<I, P>(pi: I, find_op: P) -> Option<I::Item>
where
    I: ParallelIterator,
    P: Fn(&I::Item) -> bool + Sync,
{
    find(pi, &find_op, End::Last)
}

fn find<I, P>(pi: I, find_op: &P, end: End) -> Option<I::Item>
where
    I: ParallelIterator,
    P: Fn(&I::Item) -> bool + Sync,
{
    let best = Best::new();
    pi.drive_unindexed(FindConsumer::new(find_op, end, &best, Span::WHOLE))
}

/// Which match the search wants.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum End {
    First,
    Last,
}

impl End {
    /// Whether a match at position `a` is strictly preferable to one at `b`.
    #[inline]
    fn prefers(self, a: u128, b: u128) -> bool {
        match self {
            End::First => a < b,
            End::Last => a > b,
        }
    }

    /// Joins the results of two adjacent pieces.
    #[inline]
    fn pick<T>(self, left: Option<T>, right: Option<T>) -> Option<T> {
        match self {
            End::First => left.or(right),
            End::Last => right.or(left),
        }
    }
}

/// The positions `[lo, hi)` a consumer's items occupy, and how many positions an index split
/// gives each item. `lo <= hi` always.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Span {
    lo: u128,
    hi: u128,
    unit: u128,
}

impl Span {
    /// The root: room for `2^64` items (more than `usize` can count) of `2^64` positions each.
    const WHOLE: Span = Span {
        lo: 0,
        hi: u128::MAX,
        unit: 1 << 64,
    };

    /// The spans of the first `index` items and of the rest: `unit` positions per item when
    /// they fit, else halves.
    #[inline]
    fn split_at(self, index: usize) -> (Span, Span) {
        let width = self.hi - self.lo;
        let left = match (index as u128).checked_mul(self.unit) {
            Some(w) if w <= width => w,
            _ => width / 2,
        };
        self.cut(left, self.unit)
    }

    /// Halves, for a split without an index; the halves again leave room for `2^64` items
    /// while they can.
    #[inline]
    fn halve(self) -> (Span, Span) {
        let half = (self.hi - self.lo) / 2;
        self.cut(half, (half >> 64).max(1))
    }

    #[inline]
    fn cut(self, left: u128, unit: u128) -> (Span, Span) {
        let mid = self.lo + left;
        (
            Span {
                lo: self.lo,
                hi: mid,
                unit,
            },
            Span {
                lo: mid,
                hi: self.hi,
                unit,
            },
        )
    }

    /// The position a match in this span is recorded at.
    #[inline]
    fn position(self, end: End) -> u128 {
        match end {
            End::First => self.lo,
            End::Last => self.hi,
        }
    }
}

/// The best position matched so far, shared by all pieces of one search.
///
/// `pos` only improves, and is only read and written under its lock. `version` counts the
/// improvements; it is written inside the lock and read without it, only to tell a reader
/// that its cached answer (see [`Seen`]) may be stale. Both its operations are Relaxed:
/// no data is read through it (`pos` is read under the lock), and a reader that sees a
/// new version and then takes the lock cannot take it before the writer did, since its
/// load would then have read a value stored after it. A stale version only delays a stop.
#[derive(Debug)]
struct Best {
    version: AtomicU64,
    pos: Mutex<Option<u128>>,
}

/// A cached answer of [`Best::beats`]: the version it was computed at, and the answer.
/// Version 0 means nothing was found, when the answer is `false`.
type Seen = Cell<(u64, bool)>;

impl Best {
    fn new() -> Self {
        Best {
            version: AtomicU64::new(0),
            pos: Mutex::new(None),
        }
    }

    /// Records a match at `pos`. Returns `false` when a strictly better one is known (the
    /// match can be dropped), `true` when `pos` is now the best or ties it.
    fn offer(&self, end: End, pos: u128) -> bool {
        // No user code runs under this lock, so poisoning cannot leave it inconsistent.
        let mut best = self.pos.lock().unwrap_or_else(PoisonError::into_inner);
        match *best {
            Some(b) if !end.prefers(pos, b) => b == pos,
            _ => {
                *best = Some(pos);
                self.version.fetch_add(1, Ordering::Relaxed);
                true
            }
        }
    }

    /// Whether a match strictly better than position `pos` is known.
    #[inline]
    fn beats(&self, end: End, pos: u128, seen: &Seen) -> bool {
        let version = self.version.load(Ordering::Relaxed);
        let (at, answer) = seen.get();
        if version == at {
            answer
        } else {
            self.beats_slow(end, pos, version, seen)
        }
    }

    #[cold]
    fn beats_slow(&self, end: End, pos: u128, version: u64, seen: &Seen) -> bool {
        let best = *self.pos.lock().unwrap_or_else(PoisonError::into_inner);
        let answer = best.is_some_and(|b| end.prefers(b, pos));
        seen.set((version, answer));
        answer
    }
}

struct FindConsumer<'p, P> {
    find_op: &'p P,
    end: End,
    best: &'p Best,
    /// A `Cell` because `split_off_left` takes `&self` and leaves `self` the right part.
    span: Cell<Span>,
    seen: Seen,
}

impl<'p, P> FindConsumer<'p, P> {
    fn new(find_op: &'p P, end: End, best: &'p Best, span: Span) -> Self {
        FindConsumer {
            find_op,
            end,
            best,
            span: Cell::new(span),
            seen: Cell::new((0, false)),
        }
    }

    #[inline]
    fn position(&self) -> u128 {
        self.span.get().position(self.end)
    }
}

impl<'p, T, P> Consumer<T> for FindConsumer<'p, P>
where
    T: Send,
    P: Fn(&T) -> bool + Sync,
{
    type Folder = FindFolder<'p, T, P>;
    type Reducer = FindReducer;
    type Result = Option<T>;

    #[inline]
    fn split_at(self, index: usize) -> (Self, Self, FindReducer) {
        let (l, r) = self.span.get().split_at(index);
        let (f, e, b) = (self.find_op, self.end, self.best);
        (
            FindConsumer::new(f, e, b, l),
            FindConsumer::new(f, e, b, r),
            FindReducer(e),
        )
    }
    #[inline]
    fn into_folder(self) -> Self::Folder {
        FindFolder {
            find_op: self.find_op,
            end: self.end,
            best: self.best,
            pos: self.position(),
            item: None,
            seen: self.seen,
        }
    }
    #[inline]
    fn full(&self) -> bool {
        self.best.beats(self.end, self.position(), &self.seen)
    }
}

impl<T, P> UnindexedConsumer<T> for FindConsumer<'_, P>
where
    T: Send,
    P: Fn(&T) -> bool + Sync,
{
    fn split_off_left(&self) -> Self {
        let (l, r) = self.span.get().halve();
        self.span.set(r);
        // The cached answer was for the old position.
        self.seen.set((0, false));
        FindConsumer::new(self.find_op, self.end, self.best, l)
    }
    fn to_reducer(&self) -> FindReducer {
        FindReducer(self.end)
    }
}

struct FindFolder<'p, T, P> {
    find_op: &'p P,
    end: End,
    best: &'p Best,
    pos: u128,
    /// This piece's first (last, so far) match, if no better one elsewhere was known when
    /// it was found.
    item: Option<T>,
    seen: Seen,
}

impl<T, P> FindFolder<'_, T, P>
where
    P: Fn(&T) -> bool,
{
    #[inline]
    fn beaten(&self) -> bool {
        self.best.beats(self.end, self.pos, &self.seen)
    }

    /// Keeps `item`, a match, unless a better match elsewhere is known.
    #[inline]
    fn keep(&mut self, item: T) {
        // A piece offers its position once: later matches of `find_last` share it.
        if self.item.is_some() || self.best.offer(self.end, self.pos) {
            self.item = Some(item);
        }
    }
}

impl<T, P> Folder<T> for FindFolder<'_, T, P>
where
    P: Fn(&T) -> bool,
{
    type Result = Option<T>;

    #[inline]
    fn consume(mut self, item: T) -> Self {
        if !(self.end == End::First && self.item.is_some()) && (self.find_op)(&item) {
            self.keep(item);
        }
        self
    }
    #[inline]
    fn consume_iter<I: IntoIterator<Item = T>>(mut self, iter: I) -> Self {
        match self.end {
            End::First => {
                if self.item.is_some() {
                    return self;
                }
                for item in iter {
                    if self.beaten() {
                        break;
                    }
                    if (self.find_op)(&item) {
                        self.keep(item);
                        break;
                    }
                }
            }
            End::Last => {
                for item in iter {
                    if self.beaten() {
                        break;
                    }
                    if (self.find_op)(&item) {
                        self.keep(item);
                    }
                }
            }
        }
        self
    }
    #[inline]
    fn complete(self) -> Option<T> {
        self.item
    }
    #[inline]
    fn full(&self) -> bool {
        (self.end == End::First && self.item.is_some()) || self.beaten()
    }
}

struct FindReducer(End);

impl<T> Reducer<Option<T>> for FindReducer {
    #[inline]
    fn reduce(self, left: Option<T>, right: Option<T>) -> Option<T> {
        self.0.pick(left, right)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn even(x: &i32) -> bool {
        x % 2 == 0
    }

    #[test]
    fn index_splits_are_exact_along_a_long_chain() {
        // The driver's pattern: fold a batch off the front, keep the rest; never runs out.
        let mut rest = Span::WHOLE;
        let mut last_lo = None;
        for _ in 0..100_000 {
            let (front, r) = rest.split_at(3);
            assert_eq!(front.hi - front.lo, 3 << 64);
            assert!(last_lo < Some(front.lo));
            last_lo = Some(front.lo);
            rest = r;
        }
        assert_eq!(rest.lo, 300_000u128 << 64);
    }

    #[test]
    fn halves_leave_room_for_index_splits_inside() {
        let (l, r) = Span::WHOLE.halve();
        assert_eq!((l.hi, r.lo), (r.lo, u128::MAX / 2));
        let (a, b) = l.split_at(usize::MAX);
        assert!(a.lo < a.hi && a.hi < b.hi, "{a:?} {b:?}");
        // Once the span is too narrow, index splits fall back to halving.
        let tiny = Span {
            lo: 10,
            hi: 14,
            unit: 1,
        };
        assert_eq!(tiny.split_at(100).0.hi, 12);
    }

    #[test]
    fn a_match_stops_the_pieces_after_it_only() {
        let best = Best::new();
        let op = even;
        let c = FindConsumer::new(&op, End::First, &best, Span::WHOLE);
        let (l, r, _) = Consumer::<i32>::split_at(c, 10);
        let (ll, lr, _) = Consumer::<i32>::split_at(l, 5);
        let f = Consumer::<i32>::into_folder(lr).consume(1).consume(2);
        assert!(f.full());
        assert!(Consumer::<i32>::full(&r));
        assert!(!Consumer::<i32>::full(&ll));
        assert_eq!(f.complete(), Some(2));
    }

    #[test]
    fn exhausted_spans_still_give_the_sequential_answer() {
        for end in [End::First, End::Last] {
            let best = Best::new();
            let op = even;
            let c = FindConsumer::new(&op, end, &best, Span::WHOLE);
            // Split far past the resolution of the space: both parts end up equal.
            let mut parts = Vec::new();
            for _ in 0..200 {
                parts.push(UnindexedConsumer::<i32>::split_off_left(&c));
            }
            // Each part lies right of the ones split off before it.
            let c = parts.pop().unwrap();
            let a = parts.pop().unwrap();
            assert_eq!(a.span.get(), c.span.get());
            // `a` is left of `c`; both match, neither stops the other.
            let fc = Consumer::<i32>::into_folder(c)
                .consume(2)
                .consume(3)
                .consume(4);
            let fa = Consumer::<i32>::into_folder(a).consume(0).consume(6);
            assert!(!fa.full() || end == End::First);
            let red = FindReducer(end);
            let want = if end == End::First { 0 } else { 4 };
            assert_eq!(red.reduce(fa.complete(), fc.complete()), Some(want));
        }
    }

    #[test]
    fn find_last_keeps_the_last_match_of_a_piece() {
        let best = Best::new();
        let op = even;
        let c = FindConsumer::new(&op, End::Last, &best, Span::WHOLE);
        let f = Consumer::<i32>::into_folder(c).consume_iter([1, 2, 3, 4, 5]);
        assert!(!f.full());
        assert_eq!(f.complete(), Some(4));
    }
}
