//! `try_reduce` and `try_reduce_with`: reductions that stop everywhere at the first
//! `None`/`Err`/`Break`.
//!
//! All pieces share a `stop` flag, set by the first piece that breaks. It only goes from
//! `false` to `true` and carries no data (each piece returns its own result through the
//! reducers), so every access is Relaxed.
//!
//! Which break is returned when several happen: a piece keeps its first break; joining two
//! pieces keeps the left one's break if both broke. So when exactly one item breaks, the
//! result is that break; otherwise it is one of those that happened (rayon specifies no more).

use std::ops::ControlFlow::{self, Break, Continue};
use std::sync::atomic::{AtomicBool, Ordering};

use super::plumbing::{Consumer, Folder, Reducer, UnindexedConsumer};
use super::private::Try;
use super::ParallelIterator;

pub(super) fn try_reduce<I, T, ID, OP>(pi: I, identity: ID, op: OP) -> T
where
    I: ParallelIterator<Item = T>,
    T: Try + Send,
    ID: Fn() -> T::Output + Sync,
    OP: Fn(T::Output, T::Output) -> T + Sync,
{
    let stop = AtomicBool::new(false);
    pi.drive_unindexed(TryReduceConsumer {
        identity: &identity,
        op: &op,
        stop: &stop,
    })
}

pub(super) fn try_reduce_with<I, T, OP>(pi: I, op: OP) -> Option<T>
where
    I: ParallelIterator<Item = T>,
    T: Try + Send,
    OP: Fn(T::Output, T::Output) -> T + Sync,
{
    let stop = AtomicBool::new(false);
    pi.drive_unindexed(TryReduceWithConsumer {
        op: &op,
        stop: &stop,
    })
}

/// Combines two values, the left one first: a break on either side wins (the left one if
/// both broke); otherwise `op` of the two outputs.
#[inline]
fn join<T, OP>(op: &OP, left: T, right: T) -> ControlFlow<T::Residual, T::Output>
where
    T: Try,
    OP: Fn(T::Output, T::Output) -> T,
{
    match (left.branch(), right.branch()) {
        (Continue(a), Continue(b)) => op(a, b).branch(),
        (Break(r), _) | (_, Break(r)) => Break(r),
    }
}

#[inline]
fn rebuild<T: Try>(control: ControlFlow<T::Residual, T::Output>) -> T {
    match control {
        Continue(c) => T::from_output(c),
        Break(r) => T::from_residual(r),
    }
}

/// Folds `iter` into `acc` until a break, or until `stop` is set; sets `stop` on a break.
#[inline]
fn fold_until<T, OP, I>(
    op: &OP,
    stop: &AtomicBool,
    mut acc: T::Output,
    iter: I,
) -> ControlFlow<T::Residual, T::Output>
where
    T: Try,
    OP: Fn(T::Output, T::Output) -> T,
    I: Iterator<Item = T>,
{
    for item in iter {
        let next = match item.branch() {
            Continue(x) => op(acc, x).branch(),
            Break(r) => Break(r),
        };
        match next {
            Continue(a) => acc = a,
            Break(r) => {
                stop.store(true, Ordering::Relaxed);
                return Break(r);
            }
        }
        if stop.load(Ordering::Relaxed) {
            break;
        }
    }
    Continue(acc)
}

struct TryReduceConsumer<'r, ID, OP> {
    identity: &'r ID,
    op: &'r OP,
    stop: &'r AtomicBool,
}

impl<ID, OP> Clone for TryReduceConsumer<'_, ID, OP> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<ID, OP> Copy for TryReduceConsumer<'_, ID, OP> {}

impl<'r, T, ID, OP> Consumer<T> for TryReduceConsumer<'r, ID, OP>
where
    T: Try + Send,
    ID: Fn() -> T::Output + Sync,
    OP: Fn(T::Output, T::Output) -> T + Sync,
{
    type Folder = TryReduceFolder<'r, T, OP>;
    type Reducer = Self;
    type Result = T;

    #[inline]
    fn split_at(self, _index: usize) -> (Self, Self, Self) {
        (self, self, self)
    }
    #[inline]
    fn into_folder(self) -> Self::Folder {
        TryReduceFolder {
            op: self.op,
            stop: self.stop,
            control: Continue((self.identity)()),
        }
    }
    #[inline]
    fn full(&self) -> bool {
        self.stop.load(Ordering::Relaxed)
    }
}

impl<T, ID, OP> UnindexedConsumer<T> for TryReduceConsumer<'_, ID, OP>
where
    T: Try + Send,
    ID: Fn() -> T::Output + Sync,
    OP: Fn(T::Output, T::Output) -> T + Sync,
{
    fn split_off_left(&self) -> Self {
        *self
    }
    fn to_reducer(&self) -> Self {
        *self
    }
}

impl<T, ID, OP> Reducer<T> for TryReduceConsumer<'_, ID, OP>
where
    T: Try,
    OP: Fn(T::Output, T::Output) -> T,
{
    #[inline]
    fn reduce(self, left: T, right: T) -> T {
        rebuild(join(self.op, left, right))
    }
}

struct TryReduceFolder<'r, T: Try, OP> {
    op: &'r OP,
    stop: &'r AtomicBool,
    control: ControlFlow<T::Residual, T::Output>,
}

impl<T, OP> Folder<T> for TryReduceFolder<'_, T, OP>
where
    T: Try,
    OP: Fn(T::Output, T::Output) -> T,
{
    type Result = T;

    #[inline]
    fn consume(self, item: T) -> Self {
        self.consume_iter(Some(item))
    }
    #[inline]
    fn consume_iter<I: IntoIterator<Item = T>>(self, iter: I) -> Self {
        let control = match self.control {
            Continue(acc) => fold_until(self.op, self.stop, acc, iter.into_iter()),
            broken => broken,
        };
        TryReduceFolder { control, ..self }
    }
    #[inline]
    fn complete(self) -> T {
        rebuild(self.control)
    }
    #[inline]
    fn full(&self) -> bool {
        self.control.is_break() || self.stop.load(Ordering::Relaxed)
    }
}

struct TryReduceWithConsumer<'r, OP> {
    op: &'r OP,
    stop: &'r AtomicBool,
}

impl<OP> Clone for TryReduceWithConsumer<'_, OP> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<OP> Copy for TryReduceWithConsumer<'_, OP> {}

impl<'r, T, OP> Consumer<T> for TryReduceWithConsumer<'r, OP>
where
    T: Try + Send,
    OP: Fn(T::Output, T::Output) -> T + Sync,
{
    type Folder = TryReduceWithFolder<'r, T, OP>;
    type Reducer = Self;
    type Result = Option<T>;

    #[inline]
    fn split_at(self, _index: usize) -> (Self, Self, Self) {
        (self, self, self)
    }
    #[inline]
    fn into_folder(self) -> Self::Folder {
        TryReduceWithFolder {
            op: self.op,
            stop: self.stop,
            control: None,
        }
    }
    #[inline]
    fn full(&self) -> bool {
        self.stop.load(Ordering::Relaxed)
    }
}

impl<T, OP> UnindexedConsumer<T> for TryReduceWithConsumer<'_, OP>
where
    T: Try + Send,
    OP: Fn(T::Output, T::Output) -> T + Sync,
{
    fn split_off_left(&self) -> Self {
        *self
    }
    fn to_reducer(&self) -> Self {
        *self
    }
}

impl<T, OP> Reducer<Option<T>> for TryReduceWithConsumer<'_, OP>
where
    T: Try,
    OP: Fn(T::Output, T::Output) -> T,
{
    #[inline]
    fn reduce(self, left: Option<T>, right: Option<T>) -> Option<T> {
        match (left, right) {
            (Some(a), Some(b)) => Some(rebuild(join(self.op, a, b))),
            (a, None) => a,
            (None, b) => b,
        }
    }
}

/// `control` is `None` until the first item.
struct TryReduceWithFolder<'r, T: Try, OP> {
    op: &'r OP,
    stop: &'r AtomicBool,
    control: Option<ControlFlow<T::Residual, T::Output>>,
}

impl<T, OP> Folder<T> for TryReduceWithFolder<'_, T, OP>
where
    T: Try,
    OP: Fn(T::Output, T::Output) -> T,
{
    type Result = Option<T>;

    #[inline]
    fn consume(self, item: T) -> Self {
        self.consume_iter(Some(item))
    }
    #[inline]
    fn consume_iter<I: IntoIterator<Item = T>>(self, iter: I) -> Self {
        let TryReduceWithFolder { op, stop, control } = self;
        let mut iter = iter.into_iter();
        let control = match control {
            Some(Continue(acc)) => Some(fold_until(op, stop, acc, iter)),
            Some(broken) => Some(broken),
            None => match iter.next().map(Try::branch) {
                None => None,
                Some(Continue(first)) => Some(fold_until(op, stop, first, iter)),
                Some(Break(r)) => {
                    stop.store(true, Ordering::Relaxed);
                    Some(Break(r))
                }
            },
        };
        TryReduceWithFolder { op, stop, control }
    }
    #[inline]
    fn complete(self) -> Option<T> {
        self.control.map(rebuild)
    }
    #[inline]
    fn full(&self) -> bool {
        matches!(self.control, Some(Break(_))) || self.stop.load(Ordering::Relaxed)
    }
}
