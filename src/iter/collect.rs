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
    pi.drive_unindexed(ListVecConsumer)
}

struct ListVecConsumer;

struct ListVecFolder<T> {
    vec: Vec<T>,
}

struct ListReducer;

impl<T: Send> Consumer<T> for ListVecConsumer {
    type Folder = ListVecFolder<T>;
    type Reducer = ListReducer;
    type Result = LinkedList<Vec<T>>;

    fn split_at(self, _index: usize) -> (Self, Self, ListReducer) {
        (ListVecConsumer, ListVecConsumer, ListReducer)
    }
    fn into_folder(self) -> ListVecFolder<T> {
        ListVecFolder { vec: Vec::new() }
    }
    fn full(&self) -> bool {
        false
    }
}

impl<T: Send> UnindexedConsumer<T> for ListVecConsumer {
    fn split_off_left(&self) -> Self {
        ListVecConsumer
    }
    fn to_reducer(&self) -> ListReducer {
        ListReducer
    }
}

impl<T> Folder<T> for ListVecFolder<T> {
    type Result = LinkedList<Vec<T>>;

    fn consume(mut self, item: T) -> Self {
        self.vec.push(item);
        self
    }
    fn consume_iter<I: IntoIterator<Item = T>>(mut self, iter: I) -> Self {
        self.vec.extend(iter);
        self
    }
    fn complete(self) -> LinkedList<Vec<T>> {
        let mut list = LinkedList::new();
        if !self.vec.is_empty() {
            list.push_back(self.vec);
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
