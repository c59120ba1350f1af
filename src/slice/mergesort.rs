//! Stable parallel merge sort (`par_sort`, `par_sort_by`, `par_sort_by_key`).
//!
//! After the O(n) check for input already in order ([`presorted`](super::presorted)), the
//! sort is top-down and ping-pongs between the slice `v` and one scratch buffer `buf` of
//! the same length, allocated once: a range of depth `d` sorts its two halves (depth
//! `d - 1`, with `join` while they are long) into one array, then merges them into the
//! other. The top depth is even and leaves (insertion-sorted runs of at most [`LEAF_MAX`]
//! elements) have depth 0, so leaves sort in place in `v` and the top merge lands in `v`.
//! Long merges split in two at the median of the longer run and a binary search in the
//! other, and run the halves with `join`; each merge first checks with two comparisons
//! whether its runs are already in order (or in reverse order), which makes it a plain move.
//!
//! # Where the elements are
//!
//! `v` and `buf` are both seen as slices of `MaybeUninit<T>` slots. Every element lives in
//! exactly one slot at any time; the bytes a move leaves behind are dead and never read as
//! a value again. Each step has a rule saying where its elements are when it returns *and*
//! when it unwinds from a panicking comparator, and a drop guard moves them there:
//!
//! * `sort(v, buf, depth)`: on entry the range's elements are in `v`. On exit they are in
//!   `v` if `depth` is even, in `buf` if odd (sorted if it returns).
//! * `merge(left, right, dst)`: on entry the runs `left` and `right` hold their elements.
//!   On exit `dst` holds them all (merged if it returns).
//!
//! A `join` closure that never ran (beat's `join` does not start `b` when `a` panics
//! before `b` was published) has left its elements where they were on entry, so the guards
//! record which halves ran. At the top, the even depth puts every element back in `v`:
//! after a panic the slice is a permutation of its input, and nothing is dropped twice or
//! leaked (`buf` is a `Vec` of length 0, so dropping it frees memory only).
//!
//! Memory safety never depends on the comparator's answers: every index and count comes
//! from lengths and binary searches that stay in bounds whatever it says.

use std::mem::{self, MaybeUninit};
use std::ptr;

use super::presorted;
use super::quicksort::insertion_sort;

/// A slot of `v` or `buf`, holding an element or dead bytes (see the module doc).
type Slot<T> = MaybeUninit<T>;

/// Leaves are insertion-sorted runs of at most this many elements (and more than a quarter
/// of it, as the depth is even).
const LEAF_MAX: usize = 16;
/// A whole sort this long or shorter runs on the calling thread, without `join`.
///
/// Under Miri this and the thresholds below are small, so that the short inputs it can
/// afford still take the parallel paths.
/// Ranges at least this long sort their halves with `join`.
const SORT_PAR_MIN: usize = if cfg!(miri) { 64 } else { 4096 };
/// Merges at least this long split in two and run the halves with `join`.
const MERGE_PAR_MIN: usize = if cfg!(miri) { 64 } else { 4096 };
/// Plain moves at least this long split in two and run the halves with `join`.
const MOVE_PAR_MIN: usize = if cfg!(miri) { 128 } else { 64 * 1024 };

/// Sorts `v` by `is_less` (`a` goes before `b` exactly when `is_less(a, b)`), keeping equal
/// elements in their order.
pub(super) fn par_mergesort<T, F>(v: &mut [T], is_less: &F)
where
    T: Send,
    F: Fn(&T, &T) -> bool + Sync,
{
    // Only a strictly descending input may be reversed: equal elements must keep their order.
    let Some(parallel) = presorted::start(v, is_less, true, |v| par_mergesort(v, is_less)) else {
        return;
    };
    let n = v.len();
    let mut depth = 0;
    while n.div_ceil(1usize << depth) > LEAF_MAX {
        depth += 2;
    }
    let mut buf = Vec::<T>::with_capacity(n);
    let scratch = &mut buf.spare_capacity_mut()[..n];
    // SAFETY: `MaybeUninit<T>` has the layout of `T`. Through this view the sort may leave
    // slots of `v` dead for a while, but `sort` with an even depth puts every element back
    // in `v` before it returns or unwinds (module doc), so `v` is whole again when the view
    // ends.
    let v = unsafe { &mut *(v as *mut [T] as *mut [Slot<T>]) };
    sort(v, scratch, depth, &is_less, parallel);
}

/// Sorts the elements of the range, which are in `v` (`buf` is the scratch of the same
/// range), into `v` if `depth` is even and into `buf` if odd; on unwind they are all there
/// too, in some order. With `parallel`, long ranges sort their halves with `join`.
fn sort<T, F>(v: &mut [Slot<T>], buf: &mut [Slot<T>], depth: u32, is_less: &F, parallel: bool)
where
    T: Send,
    F: Fn(&T, &T) -> bool + Sync,
{
    debug_assert_eq!(v.len(), buf.len());
    if depth == 0 {
        // SAFETY: the elements are in `v` on entry (rule of `sort`), so every slot holds
        // one; insertion sort keeps them in `v`, also when it unwinds, and depth 0 is even.
        let v = unsafe { &mut *(v as *mut [Slot<T>] as *mut [T]) };
        insertion_sort(v, is_less);
        return;
    }
    let n = v.len();
    let mid = n / 2;
    // This range ends in `buf` if `depth` is odd; its halves end in the other array.
    let into_buf = depth % 2 == 1;
    let mut guard = SortGuard {
        v: &mut *v,
        buf: &mut *buf,
        mid,
        into_buf,
        ran: [false; 2],
    };
    {
        let (v1, v2) = guard.v.split_at_mut(mid);
        let (b1, b2) = guard.buf.split_at_mut(mid);
        let [ran1, ran2] = &mut guard.ran;
        let mut first = move || {
            *ran1 = true;
            sort(v1, b1, depth - 1, is_less, parallel);
        };
        let mut second = move || {
            *ran2 = true;
            sort(v2, b2, depth - 1, is_less, parallel);
        };
        if parallel && n >= SORT_PAR_MIN {
            beat_core::join(first, second);
        } else {
            first();
            second();
        }
    }
    // Both halves returned: from here `merge` keeps its own rule, which ends in this
    // range's destination too.
    mem::forget(guard);
    let (src, dst) = if into_buf { (v, buf) } else { (buf, v) };
    let (left, right) = src.split_at_mut(mid);
    merge(left, right, dst, is_less, parallel);
}

/// Moves the elements of a range to its destination when a half of it unwinds.
struct SortGuard<'a, T> {
    v: &'a mut [Slot<T>],
    buf: &'a mut [Slot<T>],
    /// Where the halves meet.
    mid: usize,
    /// The range's destination is `buf` (its halves' is `v`).
    into_buf: bool,
    /// Which halves started running.
    ran: [bool; 2],
}

impl<T> Drop for SortGuard<'_, T> {
    fn drop(&mut self) {
        // Only reached by unwinding out of the halves (the guard is forgotten after them).
        // A half that ran is in its destination (rule of `sort`); one that did not is still
        // in `v`, where it was on entry.
        let halves = [0..self.mid, self.mid..self.v.len()];
        for (ran, half) in self.ran.into_iter().zip(halves) {
            if self.into_buf {
                // Whether it ran or not, the half is in `v`.
                move_slots(&self.v[half.clone()], &mut self.buf[half]);
            } else if ran {
                move_slots(&self.buf[half.clone()], &mut self.v[half]);
            }
        }
    }
}

/// Merges the sorted runs `left` and `right` into `dst` (of their total length), keeping
/// the elements of `left` before equal ones of `right`; on unwind `dst` holds all their
/// elements in some order. With `parallel`, long merges split with `join`.
fn merge<T, F>(
    left: &mut [Slot<T>],
    right: &mut [Slot<T>],
    dst: &mut [Slot<T>],
    is_less: &F,
    parallel: bool,
) where
    T: Send,
    F: Fn(&T, &T) -> bool + Sync,
{
    let (ll, rl) = (left.len(), right.len());
    debug_assert_eq!(ll + rl, dst.len());
    if !parallel || ll + rl < MERGE_PAR_MIN || ll == 0 || rl == 0 {
        merge_seq(left, right, dst, is_less);
        return;
    }
    let mut guard = MergeGuard {
        left: &mut *left,
        right: &mut *right,
        dst: &mut *dst,
        split: (0, 0),
        ran: [false; 2],
    };
    // SAFETY: both runs are non-empty and hold their elements (rule of `merge`).
    match unsafe { run_order(guard.left, guard.right, is_less) } {
        RunOrder::InOrder => {
            mem::forget(guard);
            par_move(left, &mut dst[..ll]);
            par_move(right, &mut dst[ll..]);
            return;
        }
        RunOrder::Reversed => {
            mem::forget(guard);
            par_move(right, &mut dst[..rl]);
            par_move(left, &mut dst[rl..]);
            return;
        }
        RunOrder::Mixed => {}
    }
    // SAFETY: as above.
    let (i, j) = unsafe { split_point(guard.left, guard.right, is_less) };
    guard.split = (i, j);
    {
        let (l1, l2) = guard.left.split_at_mut(i);
        let (r1, r2) = guard.right.split_at_mut(j);
        let (d1, d2) = guard.dst.split_at_mut(i + j);
        let [ran1, ran2] = &mut guard.ran;
        beat_core::join(
            move || {
                *ran1 = true;
                merge(l1, r1, d1, is_less, parallel);
            },
            move || {
                *ran2 = true;
                merge(l2, r2, d2, is_less, parallel);
            },
        );
    }
    mem::forget(guard);
}

/// Moves the elements of a merge to `dst` when it unwinds.
struct MergeGuard<'a, T> {
    left: &'a mut [Slot<T>],
    right: &'a mut [Slot<T>],
    dst: &'a mut [Slot<T>],
    /// The sub-merges: `left[..i]` with `right[..j]`, and the rest. `(0, 0)` until known,
    /// which makes the second sub-merge the whole merge.
    split: (usize, usize),
    /// Which sub-merges started running.
    ran: [bool; 2],
}

impl<T> Drop for MergeGuard<'_, T> {
    fn drop(&mut self) {
        // Only reached by unwinding (the guard is forgotten otherwise). A sub-merge that
        // ran put its elements in its part of `dst` (rule of `merge`); one that did not
        // still has them in the runs.
        let (i, j) = self.split;
        if !self.ran[0] {
            move_slots(&self.left[..i], &mut self.dst[..i]);
            move_slots(&self.right[..j], &mut self.dst[i..i + j]);
        }
        if !self.ran[1] {
            let after_left = i + j + (self.left.len() - i);
            move_slots(&self.left[i..], &mut self.dst[i + j..after_left]);
            move_slots(&self.right[j..], &mut self.dst[after_left..]);
        }
    }
}

/// How two sorted runs lie relative to each other.
enum RunOrder {
    /// No element of the right run is less than the last of the left one.
    InOrder,
    /// Every element of the right run is less than the first of the left one.
    Reversed,
    /// Neither: they need merging.
    Mixed,
}

/// Compares the ends of two sorted runs.
///
/// # Safety
///
/// Both runs are non-empty and every slot of them holds an element.
unsafe fn run_order<T, F>(left: &[Slot<T>], right: &[Slot<T>], is_less: &F) -> RunOrder
where
    F: Fn(&T, &T) -> bool,
{
    // SAFETY: the slots hold elements (contract of this function).
    let (left, right) = unsafe { (elements(left), elements(right)) };
    let (first_l, last_l) = (&left[0], &left[left.len() - 1]);
    let (first_r, last_r) = (&right[0], &right[right.len() - 1]);
    if !is_less(first_r, last_l) {
        RunOrder::InOrder
    } else if is_less(last_r, first_l) {
        RunOrder::Reversed
    } else {
        RunOrder::Mixed
    }
}

/// Where to split the merge of `left` and `right` so that `merge(left[..i], right[..j])`
/// followed by `merge(left[i..], right[j..])` is their stable merge: the longer run is cut
/// at its middle element `p`, and the other one before its first element that must follow
/// `p` (not less than `p` in `right`, greater than `p` in `left`). Whatever the comparator
/// answers, `i <= left.len()` and `j <= right.len()`.
///
/// # Safety
///
/// Both runs are non-empty and every slot of them holds an element.
unsafe fn split_point<T, F>(left: &[Slot<T>], right: &[Slot<T>], is_less: &F) -> (usize, usize)
where
    F: Fn(&T, &T) -> bool,
{
    // SAFETY: the slots hold elements (contract of this function).
    let (left, right) = unsafe { (elements(left), elements(right)) };
    if left.len() >= right.len() {
        let i = left.len() / 2;
        (i, right.partition_point(|x| is_less(x, &left[i])))
    } else {
        let j = right.len() / 2;
        (left.partition_point(|x| !is_less(&right[j], x)), j)
    }
}

/// The elements held by `slots`.
///
/// # Safety
///
/// Every slot of `slots` holds an element, and does until the borrow ends.
unsafe fn elements<T>(slots: &[Slot<T>]) -> &[T] {
    // SAFETY: `MaybeUninit<T>` has the layout of `T`, and the slots are initialised
    // (contract of this function).
    unsafe { &*(slots as *const [Slot<T>] as *const [T]) }
}

/// Merges `left` and `right` into `dst` on the calling thread (see [`merge`]).
fn merge_seq<T, F>(left: &[Slot<T>], right: &[Slot<T>], dst: &mut [Slot<T>], is_less: &F)
where
    F: Fn(&T, &T) -> bool,
{
    let (ll, rl) = (left.len(), right.len());
    assert_eq!(ll + rl, dst.len());
    let l = left.as_ptr().cast::<T>();
    let r = right.as_ptr().cast::<T>();
    // The state is the guard: dropping it, on return or unwind, moves what remains of the
    // runs to the end of `dst`.
    let mut s = MergeState {
        l,
        // SAFETY: one past the end of `left`.
        l_end: unsafe { l.add(ll) },
        r,
        // SAFETY: one past the end of `right`.
        r_end: unsafe { r.add(rl) },
        out: dst.as_mut_ptr().cast::<T>(),
    };
    if ll == 0 || rl == 0 {
        return;
    }
    // SAFETY: both runs are non-empty and hold their elements (rule of `merge`).
    match unsafe { run_order(left, right, is_less) } {
        // Dropping the state moves `left`, then `right`.
        RunOrder::InOrder => return,
        RunOrder::Reversed => {
            // SAFETY: `right` and `dst` are distinct arrays and `dst` has room for `rl`
            // elements before the `ll` of `left`; the state then says `right` is used up
            // and `out` is past it, so dropping it moves `left` after.
            unsafe {
                ptr::copy_nonoverlapping(s.r, s.out, rl);
                s.out = s.out.add(rl);
            }
            s.r = s.r_end;
            return;
        }
        RunOrder::Mixed => {}
    }
    while s.l < s.l_end && s.r < s.r_end {
        // SAFETY: both cursors are below their ends, so they point at elements the runs
        // still hold; `out` has room, as it has advanced once per element taken from the
        // runs and fewer than `ll + rl` were taken. Each cursor moves at most to its end.
        unsafe {
            let take_right = is_less(&*s.r, &*s.l);
            let from = if take_right { s.r } else { s.l };
            ptr::copy_nonoverlapping(from, s.out, 1);
            s.out = s.out.add(1);
            s.r = s.r.add(take_right as usize);
            s.l = s.l.add(!take_right as usize);
        }
    }
}

/// The cursors of [`merge_seq`]: the elements not yet taken are `[l, l_end)` and
/// `[r, r_end)`, and the next one taken goes to `out`.
struct MergeState<T> {
    l: *const T,
    l_end: *const T,
    r: *const T,
    r_end: *const T,
    out: *mut T,
}

impl<T> Drop for MergeState<T> {
    fn drop(&mut self) {
        // SAFETY: each pair of cursors lies in one run, start before end; `out` has room for
        // exactly the elements left in the runs (it advanced once per element taken); the
        // runs and `dst` are distinct arrays.
        unsafe {
            let nl = self.l_end.offset_from(self.l) as usize;
            ptr::copy_nonoverlapping(self.l, self.out, nl);
            let nr = self.r_end.offset_from(self.r) as usize;
            ptr::copy_nonoverlapping(self.r, self.out.add(nl), nr);
        }
    }
}

/// Moves the elements of `src` to `dst` (of the same length), in parallel pieces.
fn par_move<T: Send>(src: &mut [Slot<T>], dst: &mut [Slot<T>]) {
    if src.len() < MOVE_PAR_MIN {
        move_slots(src, dst);
        return;
    }
    let mid = src.len() / 2;
    let (s1, s2) = src.split_at_mut(mid);
    let (d1, d2) = dst.split_at_mut(mid);
    beat_core::join(|| par_move(s1, d1), || par_move(s2, d2));
}

/// Copies the bytes of `src` to `dst`, of the same length. Which of the two then owns the
/// elements is up to the caller's rule (module doc).
pub(super) fn move_slots<T>(src: &[Slot<T>], dst: &mut [Slot<T>]) {
    assert_eq!(src.len(), dst.len());
    // SAFETY: both slices are valid for `src.len()` slots, and `dst`, a unique borrow,
    // cannot overlap `src`. Slots have no validity requirement, so copying them is sound.
    unsafe { ptr::copy_nonoverlapping(src.as_ptr(), dst.as_mut_ptr(), src.len()) };
}
