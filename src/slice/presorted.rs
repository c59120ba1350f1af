//! What both sorts do before sorting: find out in O(n) whether the input is already in
//! order, or in reverse order, and if so finish with at most a reversal.
//!
//! The check reads a short prefix on the calling thread first, so random input (which fails
//! within a few pairs) pays nothing more; an input that passes the prefix is checked in
//! parallel pieces. Nothing here moves an element except [`par_reverse`], which only swaps,
//! so a panicking comparator leaves the slice as it was.

use std::mem;
use std::sync::atomic::{AtomicBool, Ordering::Relaxed};

use super::quicksort::{insertion_sort, INSERTION_MAX};

/// Pairs checked on the calling thread, with an early exit, before any parallel check.
const HEAD: usize = 64;
/// Pieces of the parallel check, and of the parallel reversal, at most this long (short
/// under Miri, so that the short inputs it can afford still take the parallel path).
const PIECE: usize = if cfg!(miri) { 128 } else { 16 * 1024 };
/// The sequential check looks at the stop flag once per this many pairs, and compares the
/// pairs of one block without branching so that cheap comparisons can be vectorised.
const BLOCK: usize = 256;

/// The order a slice already has.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Presorted {
    /// Each element is not less than the one before it.
    Ascending,
    /// The slice is in reverse order (strictly or not, as asked for).
    Descending,
    /// Neither.
    Unsorted,
}

/// Finds out whether `v` is already in order under `is_less`, or in reverse order. With
/// `strict`, reverse order means each element is strictly less than the one before it
/// (the only reverse order whose reversal keeps equal elements in their order); without, it
/// means no element is greater than the one before it. `parallel` allows `join`.
pub(super) fn detect<T, F>(v: &mut [T], is_less: &F, strict: bool, parallel: bool) -> Presorted
where
    T: Send,
    F: Fn(&T, &T) -> bool + Sync,
{
    if v.len() < 2 {
        return Presorted::Ascending;
    }
    let descending = is_less(&v[1], &v[0]);
    let holds = match (descending, strict) {
        (false, _) => all_pairs(v, &|a: &T, b: &T| !is_less(b, a), parallel),
        (true, true) => all_pairs(v, &|a: &T, b: &T| is_less(b, a), parallel),
        (true, false) => all_pairs(v, &|a: &T, b: &T| !is_less(a, b), parallel),
    };
    match (holds, descending) {
        (false, _) => Presorted::Unsorted,
        (true, false) => Presorted::Ascending,
        (true, true) => Presorted::Descending,
    }
}

/// Whether `pred(v[i], v[i + 1])` holds for every `i`.
fn all_pairs<T, P>(v: &mut [T], pred: &P, parallel: bool) -> bool
where
    T: Send,
    P: Fn(&T, &T) -> bool + Sync,
{
    let head = v.len().min(HEAD);
    if !v[..head].windows(2).all(|w| pred(&w[0], &w[1])) {
        return false;
    }
    // The rest, overlapping the head by one element so the pair across the seam is checked.
    let rest = &mut v[head - 1..];
    let stop = AtomicBool::new(false);
    if parallel {
        pairs_hold_par(rest, pred, &stop)
    } else {
        pairs_hold(rest, pred, &stop)
    }
}

/// [`pairs_hold`] in parallel pieces. The pieces are disjoint (a `&mut` piece is `Send`
/// without `T: Sync`), so the pair across each cut is checked here before splitting.
fn pairs_hold_par<T, P>(v: &mut [T], pred: &P, stop: &AtomicBool) -> bool
where
    T: Send,
    P: Fn(&T, &T) -> bool + Sync,
{
    if v.len() <= PIECE {
        return pairs_hold(v, pred, stop);
    }
    let mid = v.len() / 2;
    if !pred(&v[mid - 1], &v[mid]) {
        stop.store(true, Relaxed);
        return false;
    }
    let (a, b) = v.split_at_mut(mid);
    let (a, b) = beat_core::join(
        || pairs_hold_par(a, pred, stop),
        || pairs_hold_par(b, pred, stop),
    );
    a && b
}

/// Whether `pred` holds for every adjacent pair of `v`. `stop` is only a hint that another
/// piece already failed (the answer always comes from the return values, so a Relaxed flag
/// suffices: a stale read merely checks a few more blocks).
fn pairs_hold<T, P>(v: &[T], pred: &P, stop: &AtomicBool) -> bool
where
    P: Fn(&T, &T) -> bool,
{
    let mut start = 0;
    while start + 1 < v.len() {
        if stop.load(Relaxed) {
            return false;
        }
        let end = (start + BLOCK + 1).min(v.len());
        let ok = v[start..end]
            .windows(2)
            .fold(true, |ok, w| ok & pred(&w[0], &w[1]));
        if !ok {
            stop.store(true, Relaxed);
            return false;
        }
        start = end - 1;
    }
    true
}

/// Reverses `v`, in parallel pieces when `parallel`.
pub(super) fn par_reverse<T: Send>(v: &mut [T], parallel: bool) {
    if !parallel {
        v.reverse();
        return;
    }
    let half = v.len() / 2;
    let (front, rest) = v.split_at_mut(half);
    let back_start = rest.len() - half;
    swap_mirrored(front, &mut rest[back_start..]);
}

/// Swaps `a[i]` with `b[b.len() - 1 - i]` for every `i`; `a` and `b` have equal lengths.
fn swap_mirrored<T: Send>(a: &mut [T], b: &mut [T]) {
    debug_assert_eq!(a.len(), b.len());
    if a.len() <= PIECE {
        for (x, y) in a.iter_mut().zip(b.iter_mut().rev()) {
            mem::swap(x, y);
        }
        return;
    }
    let m = a.len() / 2;
    let (a1, a2) = a.split_at_mut(m);
    let cut = b.len() - m;
    let (b1, b2) = b.split_at_mut(cut);
    // `a1` mirrors the last `m` elements of `b`, `a2` the others.
    beat_core::join(|| swap_mirrored(a1, b2), || swap_mirrored(a2, b1));
}

/// Sorts longer than this go parallel (when the pool has more than one thread).
const SEQUENTIAL_MAX: usize = if cfg!(miri) { 64 } else { 4096 };

/// What both parallel sorts do first: nothing for zero-sized types and short slices,
/// insertion sort up to `INSERTION_MAX`, one entry into the pool for a parallel sort called
/// from outside it (`sort` is the whole sort, run again there), then the O(n) check for
/// input already in order (reversed when strictly descending, or descending when `strict`
/// is false). Returns `None` when `v` is sorted, else whether the sort should go parallel.
pub(super) fn start<T, F>(
    v: &mut [T],
    is_less: &F,
    strict: bool,
    sort: impl FnOnce(&mut [T]) + Send,
) -> Option<bool>
where
    T: Send,
    F: Fn(&T, &T) -> bool + Sync,
{
    let n = v.len();
    // Sorting has no meaning for zero-sized types; std does nothing either.
    if mem::size_of::<T>() == 0 || n < 2 {
        return None;
    }
    if n <= INSERTION_MAX {
        insertion_sort(v, is_less);
        return None;
    }
    let parallel = n > SEQUENTIAL_MAX && beat_core::current_num_threads() > 1;
    if parallel && beat_core::current_thread_index().is_none() {
        // From outside any pool: enter the pool once, not at each top-level `join`.
        beat_core::join(|| sort(v), || ());
        return None;
    }
    match detect(v, is_less, strict, parallel) {
        Presorted::Ascending => None,
        Presorted::Descending => {
            par_reverse(v, parallel);
            None
        }
        Presorted::Unsorted => Some(parallel),
    }
}
