//! `find_any`: stop everywhere as soon as any piece finds a match.

use std::sync::atomic::{AtomicBool, Ordering};

use super::plumbing::{Consumer, Folder, Reducer, UnindexedConsumer};
use super::ParallelIterator;

pub(super) fn find_any<I, P>(pi: I, find_op: P) -> Option<I::Item>
where
    I: ParallelIterator,
    P: Fn(&I::Item) -> bool + Sync,
{
    let found = AtomicBool::new(false);
    pi.drive_unindexed(FindAnyConsumer {
        find_op: &find_op,
        found: &found,
    })
}

/// Every piece shares `found`; it only ever goes from `false` to `true`. Relaxed is enough:
/// it carries no data (each piece returns its own item through the reducers), it only tells
/// the others that they may stop.
struct FindAnyConsumer<'p, P> {
    find_op: &'p P,
    found: &'p AtomicBool,
}

impl<P> Clone for FindAnyConsumer<'_, P> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<P> Copy for FindAnyConsumer<'_, P> {}

impl<'p, T, P> Consumer<T> for FindAnyConsumer<'p, P>
where
    T: Send,
    P: Fn(&T) -> bool + Sync,
{
    type Folder = FindAnyFolder<'p, T, P>;
    type Reducer = FindAnyReducer;
    type Result = Option<T>;

    #[inline]
    fn split_at(self, _index: usize) -> (Self, Self, FindAnyReducer) {
        (self, self, FindAnyReducer)
    }
    #[inline]
    fn into_folder(self) -> Self::Folder {
        FindAnyFolder {
            find_op: self.find_op,
            found: self.found,
            item: None,
        }
    }
    #[inline]
    fn full(&self) -> bool {
        self.found.load(Ordering::Relaxed)
    }
}

impl<T, P> UnindexedConsumer<T> for FindAnyConsumer<'_, P>
where
    T: Send,
    P: Fn(&T) -> bool + Sync,
{
    fn split_off_left(&self) -> Self {
        *self
    }
    fn to_reducer(&self) -> FindAnyReducer {
        FindAnyReducer
    }
}

struct FindAnyFolder<'p, T, P> {
    find_op: &'p P,
    found: &'p AtomicBool,
    item: Option<T>,
}

impl<T, P> Folder<T> for FindAnyFolder<'_, T, P>
where
    P: Fn(&T) -> bool,
{
    type Result = Option<T>;

    #[inline]
    fn consume(mut self, item: T) -> Self {
        if self.item.is_none() && (self.find_op)(&item) {
            self.found.store(true, Ordering::Relaxed);
            self.item = Some(item);
        }
        self
    }
    #[inline]
    fn consume_iter<I: IntoIterator<Item = T>>(mut self, iter: I) -> Self {
        if self.item.is_some() {
            return self;
        }
        let found = self.found;
        // Checked before each item, so a piece stops within one item of another's match.
        self.item = iter
            .into_iter()
            .take_while(|_| !found.load(Ordering::Relaxed))
            .find(self.find_op);
        if self.item.is_some() {
            found.store(true, Ordering::Relaxed);
        }
        self
    }
    #[inline]
    fn complete(self) -> Option<T> {
        self.item
    }
    #[inline]
    fn full(&self) -> bool {
        self.item.is_some() || self.found.load(Ordering::Relaxed)
    }
}

struct FindAnyReducer;

impl<T> Reducer<Option<T>> for FindAnyReducer {
    #[inline]
    fn reduce(self, left: Option<T>, right: Option<T>) -> Option<T> {
        left.or(right)
    }
}
