//! Unstable parallel quicksort (`par_sort_unstable*`), in the manner of pattern-defeating
//! quicksort (Peters, "Pattern-defeating Quicksort", 2021):
//!
//! * an O(n) check first: input already in order returns at once, input in reverse order is
//!   reversed ([`presorted`](super::presorted));
//! * the pivot is a pseudo-median of about sqrt(n) evenly spaced samples (medians of three,
//!   recursively), so partitions are close to halves;
//! * a branch-free Lomuto partition, then `join` on the two sides down to a few thousand
//!   elements, then the same recursion sequentially (shorter side first), and insertion sort
//!   below [`INSERTION_MAX`] elements;
//! * runs of elements equal to an earlier pivot are split off in one partition and never
//!   looked at again, so inputs with few distinct values take O(n log k);
//! * every unbalanced partition spends one unit of a budget of log2(n); when it runs out the
//!   subslice is heapsorted, so the worst case stays O(n log n).
//!
//! The std sorts are not used as leaves: since Rust 1.81 they may panic when the comparator is
//! not a total order, and these sorts must only ever raise the comparator's own panics.
//!
//! Memory safety never depends on the comparator's answers: indices come from the partition
//! counts, which stay in bounds whatever it says. Every step but the partition only swaps
//! elements; the partition holds one element out of the slice and puts it back from a drop
//! guard if the comparator panics, so the slice is always a permutation of its input.

use std::cmp::Ordering;
use std::mem::{self, ManuallyDrop};
use std::ptr;

use super::presorted::{self, Presorted};

/// Slices up to this long are insertion-sorted.
pub(super) const INSERTION_MAX: usize = 20;
/// A whole sort this long or shorter runs on the calling thread, without `join`.
///
/// Under Miri both thresholds are small, so that the short inputs it can afford still take
/// the parallel paths.
const SEQUENTIAL_MAX: usize = if cfg!(miri) { 64 } else { 4096 };
/// Subslices at least this long are split with `join`.
const PAR_MIN: usize = if cfg!(miri) { 32 } else { 2048 };

/// Sorts `v` with `compare`, without keeping the order of equal elements.
pub(super) fn par_quicksort<T, F>(v: &mut [T], compare: &F)
where
    T: Send,
    F: Fn(&T, &T) -> Ordering + Sync,
{
    let is_less = |a: &T, b: &T| compare(a, b) == Ordering::Less;
    let n = v.len();
    // Sorting has no meaning for zero-sized types; std does nothing either.
    if mem::size_of::<T>() == 0 || n < 2 {
        return;
    }
    if n <= INSERTION_MAX {
        insertion_sort(v, &is_less);
        return;
    }
    let parallel = n > SEQUENTIAL_MAX && beat_core::current_num_threads() > 1;
    if parallel && beat_core::current_thread_index().is_none() {
        // From outside any pool: enter the pool once, not at each top-level `join`.
        beat_core::join(|| par_quicksort(v, compare), || ());
        return;
    }
    match presorted::detect(v, &is_less, false, parallel) {
        Presorted::Ascending => return,
        Presorted::Descending => {
            presorted::par_reverse(v, parallel);
            return;
        }
        Presorted::Unsorted => {}
    }
    let par_min = if parallel { PAR_MIN } else { usize::MAX };
    // One bad partition allowed per level of a balanced recursion.
    let budget = usize::BITS - n.leading_zeros();
    recurse(v, &is_less, None, budget, par_min);
}

/// Sorts `v`. `floor`, when given, is an element known to be no greater than any element
/// of `v` (the pivot whose right side `v` is). `budget` counts the unbalanced partitions
/// still allowed before heapsort takes over; subslices of at least `par_min` elements are
/// split with `join`.
fn recurse<'a, T, F>(
    mut v: &'a mut [T],
    is_less: &F,
    mut floor: Option<&'a mut T>,
    mut budget: u32,
    par_min: usize,
) where
    T: Send,
    F: Fn(&T, &T) -> bool + Sync,
{
    loop {
        let n = v.len();
        if n <= INSERTION_MAX {
            insertion_sort(v, is_less);
            return;
        }
        if budget == 0 {
            heapsort(v, is_less);
            return;
        }
        let p = choose_pivot(v, is_less);
        if let Some(floor) = floor.as_deref() {
            if !is_less(floor, &v[p]) {
                // The pivot equals the floor, which no element is below: the elements not
                // above the pivot all equal it and are in their final place.
                let mid = partition_at(v, p, |x, pivot| !is_less(pivot, x));
                if mid < n / 8 {
                    budget -= 1;
                }
                v = &mut mem::take(&mut v)[mid + 1..];
                continue;
            }
        }
        let mid = partition_at(v, p, |x, pivot| is_less(x, pivot));
        if mid.min(n - 1 - mid) < n / 8 {
            budget -= 1;
        }
        let (left, rest) = mem::take(&mut v).split_at_mut(mid);
        let (pivot, right) = rest.split_first_mut().expect("the pivot is in the slice");
        if n >= par_min {
            beat_core::join(
                || recurse(left, is_less, floor, budget, par_min),
                || recurse(right, is_less, Some(pivot), budget, par_min),
            );
            return;
        }
        // Recurse into the shorter side and loop on the longer: the stack stays O(log n).
        if left.len() < right.len() {
            recurse(left, is_less, floor, budget, par_min);
            v = right;
            floor = Some(pivot);
        } else {
            recurse(right, is_less, Some(pivot), budget, par_min);
            v = left;
        }
    }
}

/// Sorts `v` by insertion, keeping equal elements in order. Only swaps, so a panicking
/// comparator leaves a permutation.
pub(super) fn insertion_sort<T, F>(v: &mut [T], is_less: &F)
where
    F: Fn(&T, &T) -> bool,
{
    for i in 1..v.len() {
        let mut j = i;
        while j > 0 && is_less(&v[j], &v[j - 1]) {
            v.swap(j, j - 1);
            j -= 1;
        }
    }
}

/// Sorts `v` in O(n log n) whatever the input: the fallback when partitions keep coming
/// out unbalanced. Only swaps.
fn heapsort<T, F>(v: &mut [T], is_less: &F)
where
    F: Fn(&T, &T) -> bool,
{
    // Restores the max-heap order below `node` in `heap`.
    let sift_down = |heap: &mut [T], mut node: usize| loop {
        let mut child = 2 * node + 1;
        if child >= heap.len() {
            return;
        }
        if child + 1 < heap.len() && is_less(&heap[child], &heap[child + 1]) {
            child += 1;
        }
        if !is_less(&heap[node], &heap[child]) {
            return;
        }
        heap.swap(node, child);
        node = child;
    };
    for node in (0..v.len() / 2).rev() {
        sift_down(v, node);
    }
    for end in (1..v.len()).rev() {
        v.swap(0, end);
        sift_down(&mut v[..end], 0);
    }
}

/// The index of a pseudo-median of `v` (at least 3 elements long): the median of three
/// medians of three ..., over 3^k evenly spaced samples with 9^k <= n, so about sqrt(n).
fn choose_pivot<T, F>(v: &[T], is_less: &F) -> usize
where
    F: Fn(&T, &T) -> bool,
{
    let mut levels = 1;
    let mut samples = 3usize;
    while (samples * 3).saturating_mul(samples * 3) <= v.len() {
        samples *= 3;
        levels += 1;
    }
    pseudo_median(v, 0, v.len(), levels, is_less)
}

/// The pseudo-median of `3^levels` samples of `v[start..start + len]`, one at the centre of
/// each of as many equal parts.
fn pseudo_median<T, F>(v: &[T], start: usize, len: usize, levels: u32, is_less: &F) -> usize
where
    F: Fn(&T, &T) -> bool,
{
    if levels == 0 {
        return start + len / 2;
    }
    let third = len / 3;
    let a = pseudo_median(v, start, third, levels - 1, is_less);
    let b = pseudo_median(v, start + third, third, levels - 1, is_less);
    let c = pseudo_median(v, start + 2 * third, len - 2 * third, levels - 1, is_less);
    median3(v, a, b, c, is_less)
}

/// The index, among `a`, `b`, `c`, of the median of the three elements.
fn median3<T, F>(v: &[T], a: usize, b: usize, c: usize, is_less: &F) -> usize
where
    F: Fn(&T, &T) -> bool,
{
    let ab = is_less(&v[a], &v[b]);
    let bc = is_less(&v[b], &v[c]);
    if ab == bc {
        // b lies between the other two.
        return b;
    }
    // b is the largest (ab) or the smallest (!ab); the median is the larger, respectively
    // the smaller, of a and c.
    let ac = is_less(&v[a], &v[c]);
    if ab == ac {
        c
    } else {
        a
    }
}

/// Partitions `v` around the element at `p`: the elements `x` with `pred(x, pivot)` first,
/// then the pivot, then the others. Returns the pivot's new index.
fn partition_at<T, P>(v: &mut [T], p: usize, mut pred: P) -> usize
where
    P: FnMut(&T, &T) -> bool,
{
    v.swap(0, p);
    let (pivot, rest) = v.split_first_mut().expect("partition of an empty slice");
    let pivot = &*pivot;
    let mid = partition(rest, |x| pred(x, pivot));
    v.swap(0, mid);
    mid
}

/// Moves the elements of `v` for which `pred` holds to the front, keeping the others
/// behind them, and returns how many there are.
///
/// A branch-free Lomuto partition that moves each element once instead of swapping: the
/// first element is held out, leaving a gap, and each step fills the gap with the first
/// element of the "false" block, moves the next unclassified element into the place so freed
/// at the front of that block, and leaves the gap where that element was. The held-out
/// element is classified last. If `pred` panics, the guard writes the held-out element into
/// the gap, so `v` is again a permutation of its input.
fn partition<T, P>(v: &mut [T], mut pred: P) -> usize
where
    P: FnMut(&T) -> bool,
{
    /// The element held out of the slice and the slot it goes back to on drop.
    struct Gap<T> {
        value: ManuallyDrop<T>,
        slot: *mut T,
    }
    impl<T> Drop for Gap<T> {
        fn drop(&mut self) {
            // SAFETY: `slot` points into the slice at a place whose bytes are a stale
            // copy of an element that lives elsewhere (the rule of the loop below), and
            // `value` is the one element missing from the slice; writing it there makes the
            // slice a permutation again. `value` is not used after this.
            unsafe { ptr::copy_nonoverlapping(&*self.value, self.slot, 1) };
        }
    }

    let n = v.len();
    if n == 0 {
        return 0;
    }
    let base = v.as_mut_ptr();
    // Rule of the loop: before step `r` the slice holds, in order, the `lt` elements for
    // which `pred` holds at `[0, lt)`, the others at `[lt, r - 1)`, the gap at `r - 1`
    // (bytes of no element), and the unclassified elements at `[r, n)`.
    //
    // SAFETY: `n >= 1`, so `base` is valid for a read; the bytes left behind are the gap.
    let value = unsafe { ptr::read(base) };
    let mut gap = Gap {
        value: ManuallyDrop::new(value),
        slot: base,
    };
    let mut lt = 0;
    for r in 1..n {
        // SAFETY: `r < n`.
        let right = unsafe { base.add(r) };
        // SAFETY: by the rule above, `right` points at an element of the slice.
        let is_lt = pred(unsafe { &*right });
        // SAFETY: `lt <= r - 1 < r < n`, so all three pointers are in bounds. The first
        // copy moves the first "false" element (or the gap itself, when `lt == r - 1`:
        // `ptr::copy` allows the overlap) to the gap at `r - 1`, the end of the "false"
        // block; the second moves the classified element to `lt`; the gap is now at `r`.
        unsafe {
            let left = base.add(lt);
            ptr::copy(left, gap.slot, 1);
            ptr::copy_nonoverlapping(right, left, 1);
        }
        gap.slot = right;
        lt += is_lt as usize;
    }
    // The held-out element, with the gap at `n - 1`.
    let is_lt = pred(&gap.value);
    // SAFETY: `lt <= n - 1`: the first "false" element (or the gap) moves to the end, and
    // the gap moves to `lt`, where dropping the guard writes the held-out element.
    unsafe {
        let left = base.add(lt);
        ptr::copy(left, gap.slot, 1);
        gap.slot = left;
    }
    drop(gap);
    lt + is_lt as usize
}
