//! Collecting into a `Vec` in order: every piece writes its items straight into its own
//! part of the vector's spare capacity.

use std::collections::LinkedList;
use std::marker::PhantomData;
use std::ptr;

use super::plumbing::{Consumer, Folder, Reducer, UnindexedConsumer};
use super::ParallelIterator;

/// Appends exactly `len` items to `vec`, produced by `drive` into the consumer it is given.
///
/// # Panics
///
/// If `drive` does not write exactly `len` items (an indexed iterator that lied about its
/// length), after dropping the items written.
pub(super) fn collect_with<T, F>(vec: &mut Vec<T>, len: usize, drive: F)
where
    T: Send,
    F: FnOnce(CollectConsumer<'_, T>) -> CollectResult<'_, T>,
{
    vec.reserve(len);
    let start = vec.len();
    let target = &mut vec.spare_capacity_mut()[..len];
    // SAFETY: `target` is `len` writable slots that nothing else uses while we write.
    let consumer = unsafe { CollectConsumer::new(target.as_mut_ptr().cast::<T>(), len) };
    let result = drive(consumer);
    let written = result.initialized;
    assert!(
        written == len,
        "expected {len} total writes, but got {written}"
    );
    std::mem::forget(result);
    // SAFETY: the `len` slots after `start` were all written (checked above) and the result
    // that owned them was forgotten, so the vector now owns them.
    unsafe { vec.set_len(start + len) };
}

/// Writes items into `len` slots starting at `start`.
pub(super) struct CollectConsumer<'c, T> {
    start: *mut T,
    len: usize,
    marker: PhantomData<&'c mut [T]>,
}

// SAFETY: the consumer is a unique handle on its slots, like `&mut [T]`, which is Send when
// `T` is.
unsafe impl<T: Send> Send for CollectConsumer<'_, T> {}

impl<'c, T> CollectConsumer<'c, T> {
    /// # Safety
    ///
    /// `start..start + len` must be valid for writes and used by nothing else for `'c`.
    unsafe fn new(start: *mut T, len: usize) -> Self {
        CollectConsumer {
            start,
            len,
            marker: PhantomData,
        }
    }
}

impl<'c, T: Send> Consumer<T> for CollectConsumer<'c, T> {
    type Folder = CollectResult<'c, T>;
    type Reducer = CollectReducer;
    type Result = CollectResult<'c, T>;

    fn split_at(self, index: usize) -> (Self, Self, CollectReducer) {
        assert!(index <= self.len, "split index out of bounds");
        // SAFETY: `index <= len`, so both parts stay within our slots and do not overlap.
        unsafe {
            (
                CollectConsumer::new(self.start, index),
                CollectConsumer::new(self.start.add(index), self.len - index),
                CollectReducer,
            )
        }
    }
    fn into_folder(self) -> CollectResult<'c, T> {
        CollectResult {
            start: self.start,
            total: self.len,
            initialized: 0,
            marker: PhantomData,
        }
    }
    fn full(&self) -> bool {
        false
    }
}

impl<'c, T: Send> UnindexedConsumer<T> for CollectConsumer<'c, T> {
    fn split_off_left(&self) -> Self {
        // Only iterators that report `opt_len` are collected this way, and they drive
        // their consumer by index (`bridge`), never through this method.
        unreachable!("a collect consumer is only driven by index")
    }
    fn to_reducer(&self) -> CollectReducer {
        CollectReducer
    }
}

/// The items written into a run of slots; drops them unless ownership is handed over.
pub(super) struct CollectResult<'c, T> {
    start: *mut T,
    total: usize,
    initialized: usize,
    marker: PhantomData<&'c mut [T]>,
}

// SAFETY: as for `CollectConsumer`: a unique handle on initialised slots.
unsafe impl<T: Send> Send for CollectResult<'_, T> {}

impl<T> Drop for CollectResult<'_, T> {
    fn drop(&mut self) {
        // SAFETY: the first `initialized` slots hold items we own (a panic or a short piece
        // left them here); dropping them once is our job.
        unsafe {
            ptr::drop_in_place(ptr::slice_from_raw_parts_mut(self.start, self.initialized));
        }
    }
}

impl<'c, T> Folder<T> for CollectResult<'c, T> {
    type Result = Self;

    fn consume(mut self, item: T) -> Self {
        assert!(
            self.initialized < self.total,
            "too many values pushed to consumer"
        );
        // SAFETY: the slot is within our run (checked above) and not yet initialised.
        unsafe { self.start.add(self.initialized).write(item) };
        self.initialized += 1;
        self
    }
    fn complete(self) -> Self {
        self
    }
    fn full(&self) -> bool {
        false
    }
}

/// Merges the results of adjacent runs.
pub(super) struct CollectReducer;

impl<'c, T> Reducer<CollectResult<'c, T>> for CollectReducer {
    fn reduce(
        self,
        mut left: CollectResult<'c, T>,
        right: CollectResult<'c, T>,
    ) -> CollectResult<'c, T> {
        // SAFETY: only computes an address within (or one past) left's run.
        let left_end = unsafe { left.start.add(left.initialized) };
        if left.initialized == left.total && left_end == right.start {
            left.total += right.total;
            left.initialized += right.initialized;
            std::mem::forget(right);
        }
        // Otherwise the left run is short (a piece stopped early); `right` is dropped here
        // with its items and the final length check reports the shortfall.
        left
    }
}

/// Collects the items of any parallel iterator as a list of vectors, one per piece, in order.
pub(super) fn collect_list<I: ParallelIterator>(pi: I) -> LinkedList<Vec<I::Item>> {
    collect_pieces(pi)
}

/// Collects the items in order as one or more vectors: a single vector written in place
/// when the length is known up front, one vector per piece otherwise. Targets other than
/// `Vec` collect this way in parallel, then reserve once and take the vectors in order.
pub(super) fn collect_vecs<I: ParallelIterator>(pi: I) -> LinkedList<Vec<I::Item>> {
    match pi.opt_len() {
        Some(len) => {
            let mut vec = Vec::new();
            collect_with(&mut vec, len, |c| pi.drive_unindexed(c));
            let mut list = LinkedList::new();
            list.push_back(vec);
            list
        }
        None => collect_list(pi),
    }
}

/// Collects the items in order as a list of buffers of type `B`, one per piece that
/// received any item.
pub(super) fn collect_pieces<I, B>(pi: I) -> LinkedList<B>
where
    I: ParallelIterator,
    B: Piece<I::Item>,
{
    pi.drive_unindexed(PiecesConsumer::new())
}

/// A buffer that one leaf of a collect fills sequentially.
pub(super) trait Piece<T>: Default + Send {
    /// Appends one item.
    fn push_item(&mut self, item: T);
    /// Appends every item of `iter`.
    fn extend_items<I: Iterator<Item = T>>(&mut self, iter: I);
    /// Whether nothing was appended.
    fn is_empty_piece(&self) -> bool;
}

impl<T: Send> Piece<T> for Vec<T> {
    #[inline]
    fn push_item(&mut self, item: T) {
        self.push(item);
    }
    #[inline]
    fn extend_items<I: Iterator<Item = T>>(&mut self, iter: I) {
        self.extend(iter);
    }
    fn is_empty_piece(&self) -> bool {
        self.is_empty()
    }
}

impl<T: Send> Piece<T> for LinkedList<T> {
    #[inline]
    fn push_item(&mut self, item: T) {
        self.push_back(item);
    }
    #[inline]
    fn extend_items<I: Iterator<Item = T>>(&mut self, iter: I) {
        self.extend(iter);
    }
    fn is_empty_piece(&self) -> bool {
        self.is_empty()
    }
}

impl Piece<char> for String {
    #[inline]
    fn push_item(&mut self, item: char) {
        self.push(item);
    }
    #[inline]
    fn extend_items<I: Iterator<Item = char>>(&mut self, iter: I) {
        self.extend(iter);
    }
    fn is_empty_piece(&self) -> bool {
        self.is_empty()
    }
}

/// Gives every piece a fresh buffer `B`; the pieces' lists are concatenated in order.
struct PiecesConsumer<B>(PhantomData<fn() -> B>);

impl<B> PiecesConsumer<B> {
    fn new() -> Self {
        PiecesConsumer(PhantomData)
    }
}

struct PieceFolder<B> {
    piece: B,
}

/// Concatenates two lists, left before right.
struct ListReducer;

impl<T: Send, B: Piece<T>> Consumer<T> for PiecesConsumer<B> {
    type Folder = PieceFolder<B>;
    type Reducer = ListReducer;
    type Result = LinkedList<B>;

    fn split_at(self, _index: usize) -> (Self, Self, ListReducer) {
        (Self::new(), Self::new(), ListReducer)
    }
    fn into_folder(self) -> PieceFolder<B> {
        PieceFolder {
            piece: B::default(),
        }
    }
    fn full(&self) -> bool {
        false
    }
}

impl<T: Send, B: Piece<T>> UnindexedConsumer<T> for PiecesConsumer<B> {
    fn split_off_left(&self) -> Self {
        Self::new()
    }
    fn to_reducer(&self) -> ListReducer {
        ListReducer
    }
}

impl<T, B: Piece<T>> Folder<T> for PieceFolder<B> {
    type Result = LinkedList<B>;

    #[inline]
    fn consume(mut self, item: T) -> Self {
        self.piece.push_item(item);
        self
    }
    #[inline]
    fn consume_iter<I: IntoIterator<Item = T>>(mut self, iter: I) -> Self {
        self.piece.extend_items(iter.into_iter());
        self
    }
    fn complete(self) -> LinkedList<B> {
        let mut list = LinkedList::new();
        if !self.piece.is_empty_piece() {
            list.push_back(self.piece);
        }
        list
    }
    fn full(&self) -> bool {
        false
    }
}

impl<T> Reducer<LinkedList<T>> for ListReducer {
    fn reduce(self, mut left: LinkedList<T>, mut right: LinkedList<T>) -> LinkedList<T> {
        left.append(&mut right);
        left
    }
}
