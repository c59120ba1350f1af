//! `try_for_each`, `try_for_each_with` and `try_for_each_init`: calls that stop everywhere at
//! the first `None`/`Err`/`Break`.
//!
//! All pieces share a `stop` flag, set by the first piece that breaks. It only goes from
//! `false` to `true` and carries no data (each piece returns its own result through the
//! reducers), so every access is Relaxed. A piece keeps its first break; joining two pieces
//! keeps the left one's if both broke.

use std::marker::PhantomData;
use std::ops::ControlFlow::{Break, Continue};
use std::sync::atomic::{AtomicBool, Ordering};

use super::plumbing::{Consumer, Folder, Reducer, UnindexedConsumer};
use super::private::Try;
use super::ParallelIterator;

pub(super) fn try_for_each<I, OP, R>(pi: I, op: OP) -> R
where
    I: ParallelIterator,
    OP: Fn(I::Item) -> R + Sync,
    R: Try<Output = ()> + Send,
{
    run(pi, NoState, &|_: &mut (), x| op(x))
}

pub(super) fn try_for_each_with<I, OP, T, R>(pi: I, init: T, op: OP) -> R
where
    I: ParallelIterator,
    OP: Fn(&mut T, I::Item) -> R + Sync,
    T: Send + Clone,
    R: Try<Output = ()> + Send,
{
    run(pi, CloneOf(init), &op)
}

pub(super) fn try_for_each_init<I, OP, INIT, T, R>(pi: I, init: INIT, op: OP) -> R
where
    I: ParallelIterator,
    OP: Fn(&mut T, I::Item) -> R + Sync,
    INIT: Fn() -> T + Sync,
    R: Try<Output = ()> + Send,
{
    run(pi, MadeBy(&init), &op)
}

fn run<I, S, OP, R>(pi: I, state: S, op: &OP) -> R
where
    I: ParallelIterator,
    S: State,
    OP: Fn(&mut S::Value, I::Item) -> R + Sync,
    R: Try<Output = ()> + Send,
{
    let stop = AtomicBool::new(false);
    pi.drive_unindexed(TryForEachConsumer {
        state,
        op,
        stop: &stop,
        marker: PhantomData,
    })
}

/// Where each piece's state comes from.
trait State: Send + Sized {
    type Value;
    /// The source for a new piece to the left.
    fn fork(&self) -> Self;
    fn value(self) -> Self::Value;
}

/// `try_for_each`: no state.
struct NoState;

impl State for NoState {
    type Value = ();
    #[inline]
    fn fork(&self) -> Self {
        NoState
    }
    #[inline]
    fn value(self) {}
}

/// `try_for_each_with`: a clone of the initial value per piece.
struct CloneOf<T>(T);

impl<T: Clone + Send> State for CloneOf<T> {
    type Value = T;
    #[inline]
    fn fork(&self) -> Self {
        CloneOf(self.0.clone())
    }
    #[inline]
    fn value(self) -> T {
        self.0
    }
}

/// `try_for_each_init`: a call of `init` per piece.
struct MadeBy<'f, INIT>(&'f INIT);

impl<T, INIT: Fn() -> T + Sync> State for MadeBy<'_, INIT> {
    type Value = T;
    #[inline]
    fn fork(&self) -> Self {
        MadeBy(self.0)
    }
    #[inline]
    fn value(self) -> T {
        (self.0)()
    }
}

struct TryForEachConsumer<'f, S, OP, R> {
    state: S,
    op: &'f OP,
    stop: &'f AtomicBool,
    marker: PhantomData<fn() -> R>,
}

impl<'f, T, S, OP, R> Consumer<T> for TryForEachConsumer<'f, S, OP, R>
where
    S: State,
    OP: Fn(&mut S::Value, T) -> R + Sync,
    R: Try<Output = ()> + Send,
{
    type Folder = TryForEachFolder<'f, S::Value, OP, R>;
    type Reducer = FirstBreak;
    type Result = R;

    #[inline]
    fn split_at(self, _index: usize) -> (Self, Self, FirstBreak) {
        let left = TryForEachConsumer {
            state: self.state.fork(),
            ..self
        };
        (left, self, FirstBreak)
    }
    #[inline]
    fn into_folder(self) -> Self::Folder {
        TryForEachFolder {
            state: self.state.value(),
            op: self.op,
            stop: self.stop,
            broke: None,
        }
    }
    #[inline]
    fn full(&self) -> bool {
        self.stop.load(Ordering::Relaxed)
    }
}

impl<T, S, OP, R> UnindexedConsumer<T> for TryForEachConsumer<'_, S, OP, R>
where
    S: State,
    OP: Fn(&mut S::Value, T) -> R + Sync,
    R: Try<Output = ()> + Send,
{
    fn split_off_left(&self) -> Self {
        TryForEachConsumer {
            state: self.state.fork(),
            op: self.op,
            stop: self.stop,
            marker: PhantomData,
        }
    }
    fn to_reducer(&self) -> FirstBreak {
        FirstBreak
    }
}

/// Keeps the left break if both pieces broke, else the one that did.
struct FirstBreak;

impl<R: Try<Output = ()>> Reducer<R> for FirstBreak {
    #[inline]
    fn reduce(self, left: R, right: R) -> R {
        match left.branch() {
            Continue(()) => right,
            Break(r) => R::from_residual(r),
        }
    }
}

struct TryForEachFolder<'f, T, OP, R: Try> {
    state: T,
    op: &'f OP,
    stop: &'f AtomicBool,
    broke: Option<R::Residual>,
}

impl<T, U, OP, R> Folder<U> for TryForEachFolder<'_, T, OP, R>
where
    OP: Fn(&mut T, U) -> R,
    R: Try<Output = ()>,
{
    type Result = R;

    #[inline]
    fn consume(mut self, item: U) -> Self {
        if self.broke.is_none() {
            if let Break(r) = (self.op)(&mut self.state, item).branch() {
                self.stop.store(true, Ordering::Relaxed);
                self.broke = Some(r);
            }
        }
        self
    }
    #[inline]
    fn consume_iter<I: IntoIterator<Item = U>>(mut self, iter: I) -> Self {
        if self.broke.is_some() {
            return self;
        }
        for item in iter {
            if let Break(r) = (self.op)(&mut self.state, item).branch() {
                self.stop.store(true, Ordering::Relaxed);
                self.broke = Some(r);
                break;
            }
            if self.stop.load(Ordering::Relaxed) {
                break;
            }
        }
        self
    }
    #[inline]
    fn complete(self) -> R {
        match self.broke {
            None => R::from_output(()),
            Some(r) => R::from_residual(r),
        }
    }
    #[inline]
    fn full(&self) -> bool {
        self.broke.is_some() || self.stop.load(Ordering::Relaxed)
    }
}
