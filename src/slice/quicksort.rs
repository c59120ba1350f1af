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
//! counts, which stay in bounds whatever it says. Every step but the partition and the
//! insertion sort only swaps elements; those two hold one element out of the slice and put it
//! back from a drop guard if the comparator panics, so the slice is always a permutation of
//! its input.

use std::mem::{self, ManuallyDrop};
use std::ptr;

use super::presorted;

/// Slices up to this long are insertion-sorted.
pub(super) const INSERTION_MAX: usize = 20;
/// A whole sort this long or shorter runs on the calling thread, without `join`.
///
/// Under Miri both thresholds are small, so that the short inputs it can afford still take
/// the parallel paths.
/// Subslices at least this long are split with `join`.
const PAR_MIN: usize = if cfg!(miri) { 32 } else { 2048 };

/// Sorts `v` by `is_less` (`a` goes before `b` exactly when `is_less(a, b)`), without
/// keeping the order of equal elements.
pub(super) fn par_quicksort<T, F>(v: &mut [T], is_less: &F)
where
    T: Send,
    F: Fn(&T, &T) -> bool + Sync,
{
    let Some(parallel) = presorted::start(v, is_less, false, |v| par_quicksort(v, is_less)) else {
        return;
    };
    let n = v.len();
    let par_min = if parallel { PAR_MIN } else { usize::MAX };
    // One bad partition allowed per level of a balanced recursion.
    let budget = usize::BITS - n.leading_zeros();
    recurse(v, is_less, None, budget, par_min);
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

/// Sorts `v` by insertion, keeping equal elements in order.
///
/// Each new element is held out of the slice while the greater ones before it shift up one
/// place, so it is moved once instead of being swapped step by step. If the comparator
/// panics, the guard writes the held-out element into the hole, so `v` is a permutation of
/// its input.
pub(super) fn insertion_sort<T, F>(v: &mut [T], is_less: &F)
where
    F: Fn(&T, &T) -> bool,
{
    let n = v.len();
    let base = v.as_mut_ptr();
    for i in 1..n {
        // SAFETY: `i - 1 < i < n`, so both pointers are in bounds and point at elements.
        if !is_less(unsafe { &*base.add(i) }, unsafe { &*base.add(i - 1) }) {
            continue;
        }
        // SAFETY: `i < n`. The bytes left at `i` are the hole: a stale copy of the held-out
        // element, overwritten below before anything reads them.
        let value = unsafe { ptr::read(base.add(i)) };
        let mut hole = Gap {
            value: ManuallyDrop::new(value),
            // SAFETY: `i < n`.
            slot: unsafe { base.add(i) },
        };
        let mut j = i;
        loop {
            // SAFETY: `0 < j <= i < n`: `j - 1` holds an element greater than the held-out
            // one (checked before the loop, then by the condition below); it moves up into
            // the hole at `j`, and the hole moves to `j - 1`.
            unsafe {
                ptr::copy_nonoverlapping(base.add(j - 1), base.add(j), 1);
                hole.slot = base.add(j - 1);
            }
            j -= 1;
            // SAFETY: `j - 1 < j`, an element of the slice (the hole is at `j`).
            if j == 0 || !is_less(&hole.value, unsafe { &*base.add(j - 1) }) {
                break;
            }
        }
        // Dropping the guard writes the held-out element into the hole at `j`.
        drop(hole);
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

/// The pseudo-median of `3^levels` samples of `v[start..start + len]` (`levels >= 1`), one
/// at the centre of each of as many equal parts.
fn pseudo_median<T, F>(v: &[T], start: usize, len: usize, levels: u32, is_less: &F) -> usize
where
    F: Fn(&T, &T) -> bool,
{
    let third = len / 3;
    let (a, b, c) = if levels <= 1 {
        // The samples themselves: most pivots are chosen here, so no calls for them.
        let last = len - 2 * third;
        (
            start + third / 2,
            start + third + third / 2,
            start + 2 * third + last / 2,
        )
    } else {
        (
            pseudo_median(v, start, third, levels - 1, is_less),
            pseudo_median(v, start + third, third, levels - 1, is_less),
            pseudo_median(v, start + 2 * third, len - 2 * third, levels - 1, is_less),
        )
    };
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

/// The element held out of the slice and the slot it goes back to on drop.
struct Gap<T> {
    value: ManuallyDrop<T>,
    slot: *mut T,
}

impl<T> Drop for Gap<T> {
    fn drop(&mut self) {
        // SAFETY: `slot` points into the slice at a place whose bytes are a stale
        // copy of an element that lives elsewhere (the rule of each user's loop), and
        // `value` is the one element missing from the slice; writing it there makes the
        // slice a permutation again. `value` is not used after this.
        unsafe { ptr::copy_nonoverlapping(&*self.value, self.slot, 1) };
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
    let mid = block_partition(rest, |x| pred(x, pivot));
    v.swap(0, mid);
    mid
}

/// Elements classified per block by [`block_partition`]; offsets fit a `u8`.
const BLOCK: usize = 128;

/// [`partition`]'s contract, for long slices in the manner of BlockQuicksort (Edelkamp and
/// Weiss, 2016): classify a block of `BLOCK` elements at each end of the window without
/// branching, recording where the misplaced ones are, then swap misplaced pairs. Unlike
/// the Lomuto loop, no step waits for the previous step's store, so the classification
/// runs at the comparator's speed. The window left when the ends meet (less than two
/// blocks) goes through [`partition`].
///
/// `pred` runs only while classifying, when every element is in the slice, and the swaps
/// call nothing, so a panic leaves `v` a permutation of its input. Swapped indices come from
/// the recorded offsets, which are in bounds whatever `pred` answers.
fn block_partition<T, P>(v: &mut [T], mut pred: P) -> usize
where
    P: FnMut(&T) -> bool,
{
    let n = v.len();
    if n < 2 * BLOCK || mem::size_of::<T>() == 0 {
        return partition(v, pred);
    }
    let base = v.as_mut_ptr();
    // Rule of the loop: `[0, l)` holds only elements for which `pred` holds and `[r, n)`
    // only others; in the block `[l, l + BLOCK)`, `offsets_l[start_l..end_l]` lists the
    // places of the elements that do not belong on the left (all others there do), and
    // likewise `offsets_r` counts back from `r - 1` in `[r - BLOCK, r)`. An empty list
    // means that block is not classified yet (or fully resolved).
    let mut l = 0;
    let mut r = n;
    let mut offsets_l = [0u8; BLOCK];
    let mut offsets_r = [0u8; BLOCK];
    let (mut start_l, mut end_l) = (0usize, 0usize);
    let (mut start_r, mut end_r) = (0usize, 0usize);
    while r - l >= 2 * BLOCK {
        if start_l == end_l {
            start_l = 0;
            end_l = 0;
            for i in 0..BLOCK {
                offsets_l[end_l] = i as u8;
                // SAFETY: `l + i < l + BLOCK <= r <= n`.
                end_l += !pred(unsafe { &*base.add(l + i) }) as usize;
            }
        }
        if start_r == end_r {
            start_r = 0;
            end_r = 0;
            for i in 0..BLOCK {
                offsets_r[end_r] = i as u8;
                // SAFETY: `r - 1 - i >= r - BLOCK >= l + BLOCK`, in bounds.
                end_r += pred(unsafe { &*base.add(r - 1 - i) }) as usize;
            }
        }
        let count = (end_l - start_l).min(end_r - start_r);
        for k in 0..count {
            // SAFETY: both offsets are below `BLOCK`: the left place is in `[l, l + BLOCK)`
            // and the right one in `[r - BLOCK, r)`; the blocks do not overlap since
            // `r - l >= 2 * BLOCK`. A swap moves two whole elements.
            unsafe {
                let a = base.add(l + offsets_l[start_l + k] as usize);
                let b = base.add(r - 1 - offsets_r[start_r + k] as usize);
                ptr::swap_nonoverlapping(a, b, 1);
            }
        }
        start_l += count;
        start_r += count;
        if start_l == end_l {
            l += BLOCK;
        }
        if start_r == end_r {
            r -= BLOCK;
        }
    }
    // A block with unresolved places is still inside `[l, r)`: finish the window there.
    l + partition(&mut v[l..r], pred)
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

#[cfg(test)]
mod tests {
    use super::*;

    fn xorshift(x: &mut u64) -> u64 {
        *x ^= *x << 13;
        *x ^= *x >> 7;
        *x ^= *x << 17;
        *x
    }

    #[test]
    fn block_partition_splits_at_the_predicate_and_keeps_every_element() {
        let mut seed = 0x2545_F491_4F6C_DD1D;
        let sizes: &[usize] = if cfg!(miri) {
            &[0, 1, 256, 700]
        } else {
            &[0, 1, 2, 255, 256, 257, 511, 512, 1000, 4099, 20_000]
        };
        for &n in sizes {
            for range in [2, 10, 1 << 20] {
                let v: Vec<u64> = (0..n).map(|_| xorshift(&mut seed) % range).collect();
                let pivot = range / 2;
                let mut w = v.clone();
                let mid = block_partition(&mut w, |&x| x < pivot);
                assert!(w[..mid].iter().all(|&x| x < pivot), "n = {n}");
                assert!(w[mid..].iter().all(|&x| x >= pivot), "n = {n}");
                let (mut a, mut b) = (v, w);
                a.sort_unstable();
                b.sort_unstable();
                assert_eq!(a, b);
            }
        }
    }

    #[test]
    fn block_partition_with_random_answers_keeps_every_element() {
        let mut seed = 0x9E37_79B9_7F4A_7C15;
        let sizes: &[usize] = if cfg!(miri) {
            &[300]
        } else {
            &[300, 1000, 5000]
        };
        for &n in sizes {
            let v: Vec<u64> = (0..n as u64).collect();
            let mut w = v.clone();
            let mid = block_partition(&mut w, |_| xorshift(&mut seed) & 1 == 0);
            assert!(mid <= n);
            w.sort_unstable();
            assert_eq!(v, w);
        }
    }
}
