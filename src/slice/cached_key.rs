//! `par_sort_by_cached_key`: the keys are computed once per element, in parallel, paired
//! with the element's index, and the pairs sorted with the parallel quicksort; the indices
//! are distinct, so that order is the stable one. The slice is then permuted by gathering
//! its elements into a scratch buffer in the sorted order, in parallel, and moving them
//! back.
//!
//! No user code runs once the permutation starts, and until the elements are moved back
//! the slice is untouched (the buffer holds copies of their bytes, with length 0): a
//! panicking key function or key comparison leaves the slice as it was.

use std::mem::MaybeUninit;
use std::ptr;

use super::mergesort::move_slots;
use super::quicksort::par_quicksort;
use crate::iter::{IndexedParallelIterator, IntoParallelRefMutIterator, ParallelIterator};

/// Gathers of at most this many elements run on one thread (fewer under Miri, so that the
/// short inputs it can afford still take the parallel path).
const GATHER_PIECE: usize = if cfg!(miri) { 64 } else { 16 * 1024 };

/// Sorts `v` by the keys `f` gives, calling `f` once per element (not at all below two
/// elements, as std).
pub(super) fn par_sort_by_cached_key<T, K, F>(v: &mut [T], f: F)
where
    T: Send,
    F: Fn(&T) -> K + Sync,
    K: Ord + Send,
{
    sort_by_ref(v, &f);
}

/// [`par_sort_by_cached_key`] with the key function by reference, so that entering the
/// pool (a recursive call from within `join`) does not nest references without end.
fn sort_by_ref<T, K, F>(v: &mut [T], f: &F)
where
    T: Send,
    F: Fn(&T) -> K + Sync,
    K: Ord + Send,
{
    let n = v.len();
    if n < 2 {
        return;
    }
    if n > GATHER_PIECE && beat_core::current_thread_index().is_none() {
        // From outside any pool: enter the pool once, not at each top-level `join`.
        beat_core::join(|| sort_by_ref(v, f), || ());
        return;
    }
    // The narrowest index type that can number the elements, to keep the pairs small.
    if n - 1 <= usize::from(u8::MAX) {
        sort_with::<T, K, F, u8>(v, f);
    } else if n - 1 <= usize::from(u16::MAX) {
        sort_with::<T, K, F, u16>(v, f);
    } else if n - 1 <= u32::MAX as usize {
        sort_with::<T, K, F, u32>(v, f);
    } else {
        sort_with::<T, K, F, usize>(v, f);
    }
}

/// An unsigned integer type that numbers the elements.
trait Index: Copy + Ord + Send {
    /// `i` as this type; `i` fits.
    fn from_usize(i: usize) -> Self;
    /// This index as a `usize`.
    fn to_usize(self) -> usize;
}

macro_rules! index {
    ($($t:ty),*) => {$(
        impl Index for $t {
            #[inline]
            fn from_usize(i: usize) -> Self {
                debug_assert!(i <= <$t>::MAX as usize);
                i as $t
            }
            #[inline]
            fn to_usize(self) -> usize {
                self as usize
            }
        }
    )*};
}

index!(u8, u16, u32, usize);

/// Sorts `v` by its keys, numbering the elements with `I`.
fn sort_with<T, K, F, I>(v: &mut [T], f: &F)
where
    T: Send,
    F: Fn(&T) -> K + Sync,
    K: Ord + Send,
    I: Index,
{
    let mut keyed: Vec<(K, I)> = v
        .par_iter_mut()
        .enumerate()
        .map(|(i, x)| (f(x), I::from_usize(i)))
        .collect();
    par_quicksort(&mut keyed, &|a: &(K, I), b: &(K, I)| a.lt(b));
    permute(v, &mut keyed);
}

/// Puts the element at index `order[k].1` of `v` at index `k`, for every `k`. The indices
/// are a permutation of `0..v.len()`: they were distinct, and sorting only permuted them.
fn permute<T: Send, K: Send, I: Index>(v: &mut [T], order: &mut [(K, I)]) {
    let n = v.len();
    debug_assert_eq!(order.len(), n);
    let mut gathered = Vec::<T>::with_capacity(n);
    let out = &mut gathered.spare_capacity_mut()[..n];
    let src = SourcePtr(v.as_ptr());
    gather(&src, order, out);
    // SAFETY: `MaybeUninit<T>` has the layout of `T`. `out` now holds a copy of every
    // element of `v`, once each, in the sorted order; moving them over `v` makes each
    // element live there exactly once, so `v` is whole when this view ends. `gathered`
    // keeps length 0 and never drops them.
    let v = unsafe { &mut *(v as *mut [T] as *mut [MaybeUninit<T>]) };
    move_back(out, v);
}

/// The base of the slice being permuted, read from several threads.
struct SourcePtr<T>(*const T);

// SAFETY: the gathering tasks only read, each a distinct set of elements (the indices are
// a permutation), and reading moves a copy of an element to another thread, which
// `T: Send` allows. No `&T` is shared, so `T: Sync` is not needed.
unsafe impl<T: Send> Sync for SourcePtr<T> {}

/// `out[k] = v[order[k].1]` (a bitwise copy) for every `k`, in parallel pieces.
fn gather<T: Send, K: Send, I: Index>(
    src: &SourcePtr<T>,
    order: &mut [(K, I)],
    out: &mut [MaybeUninit<T>],
) {
    if order.len() > GATHER_PIECE {
        let mid = order.len() / 2;
        let (o1, o2) = order.split_at_mut(mid);
        let (d1, d2) = out.split_at_mut(mid);
        beat_core::join(|| gather(src, o1, d1), || gather(src, o2, d2));
        return;
    }
    for ((_, i), slot) in order.iter().zip(out) {
        // SAFETY: `i` is an index of the slice (the indices are a permutation of them),
        // and the slice is not written while gathering.
        slot.write(unsafe { ptr::read(src.0.add(i.to_usize())) });
    }
}

/// Moves `src` over `dst` (same length), in parallel pieces.
fn move_back<T: Send>(src: &mut [MaybeUninit<T>], dst: &mut [MaybeUninit<T>]) {
    if src.len() > GATHER_PIECE * 4 {
        let mid = src.len() / 2;
        let (s1, s2) = src.split_at_mut(mid);
        let (d1, d2) = dst.split_at_mut(mid);
        beat_core::join(|| move_back(s1, d1), || move_back(s2, d2));
        return;
    }
    move_slots(src, dst);
}
