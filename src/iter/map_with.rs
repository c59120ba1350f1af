//! `map_with` and `map_init`: a map whose closure also gets `&mut` access to a state that
//! belongs to the piece of work it runs in.
//!
//! Both share one producer, consumer and folder, generic over where a piece gets its state
//! ([`StateSource`]): a clone of a value, or a call of an init function. The state is made
//! when a piece starts folding (a driver batch or probe chunk, or one split of an unindexed
//! iterator), so its cost is paid once per piece, never once per item.

use std::fmt;

use super::plumbing::{Consumer, Folder, Producer, ProducerCallback, UnindexedConsumer};
use super::{IndexedParallelIterator, ParallelIterator};

/// Where a piece of work gets its state. Splitting hands each side a source of its own;
/// the state itself is made only when a piece is about to fold items.
pub(super) trait StateSource: Send + Sized {
    /// The state a piece's closure mutates.
    type State;

    /// A source for a piece split off this one.
    fn split_off(&self) -> Self;

    /// Makes the state of a piece about to fold.
    fn into_state(self) -> Self::State;

    /// Sources for the two halves of a split, left then right.
    #[inline]
    fn split(self) -> (Self, Self) {
        (self.split_off(), self)
    }
}

/// Each piece starts from a clone of the value (`map_with`, `fold_with`).
pub(super) struct CloneSource<T>(pub(super) T);

impl<T: Clone + Send> StateSource for CloneSource<T> {
    type State = T;

    #[inline]
    fn split_off(&self) -> Self {
        CloneSource(self.0.clone())
    }
    #[inline]
    fn into_state(self) -> T {
        self.0
    }
}

/// Each piece starts from a call of the function (`map_init`).
pub(super) struct InitSource<'f, INIT>(pub(super) &'f INIT);

impl<T, INIT: Fn() -> T + Sync> StateSource for InitSource<'_, INIT> {
    type State = T;

    #[inline]
    fn split_off(&self) -> Self {
        InitSource(self.0)
    }
    #[inline]
    fn into_state(self) -> T {
        (self.0)()
    }
}

/// The iterator returned by [`ParallelIterator::map_with`].
///
/// # Examples
///
/// ```
/// use beat::prelude::*;
/// let it: beat::iter::MapWith<_, _, _> = (0..4).into_par_iter().map_with(10, |k, x| *k + x);
/// assert_eq!(it.collect::<Vec<_>>(), [10, 11, 12, 13]);
/// ```
#[must_use = "iterator adapters are lazy and do nothing unless consumed"]
#[derive(Clone)]
pub struct MapWith<I, T, F> {
    base: I,
    item: T,
    map_op: F,
}

impl<I: fmt::Debug, T: fmt::Debug, F> fmt::Debug for MapWith<I, T, F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MapWith")
            .field("base", &self.base)
            .field("item", &self.item)
            .finish()
    }
}

impl<I, T, F> MapWith<I, T, F> {
    pub(super) fn new(base: I, item: T, map_op: F) -> Self {
        MapWith { base, item, map_op }
    }
}

impl<I, T, F, R> ParallelIterator for MapWith<I, T, F>
where
    I: ParallelIterator,
    T: Send + Clone,
    F: Fn(&mut T, I::Item) -> R + Sync + Send,
    R: Send,
{
    type Item = R;

    fn drive_unindexed<C>(self, consumer: C) -> C::Result
    where
        C: UnindexedConsumer<R>,
    {
        self.base.drive_unindexed(StateConsumer {
            base: consumer,
            source: CloneSource(self.item),
            map_op: &self.map_op,
        })
    }

    fn opt_len(&self) -> Option<usize> {
        self.base.opt_len()
    }
}

impl<I, T, F, R> IndexedParallelIterator for MapWith<I, T, F>
where
    I: IndexedParallelIterator,
    T: Send + Clone,
    F: Fn(&mut T, I::Item) -> R + Sync + Send,
    R: Send,
{
    fn drive<C: Consumer<R>>(self, consumer: C) -> C::Result {
        self.base.drive(StateConsumer {
            base: consumer,
            source: CloneSource(self.item),
            map_op: &self.map_op,
        })
    }

    fn len(&self) -> usize {
        self.base.len()
    }

    fn with_producer<CB: ProducerCallback<R>>(self, callback: CB) -> CB::Output {
        self.base.with_producer(StateCallback {
            callback,
            source: CloneSource(self.item),
            map_op: &self.map_op,
        })
    }
}

/// The iterator returned by [`ParallelIterator::map_init`].
///
/// # Examples
///
/// ```
/// use beat::prelude::*;
/// let it: beat::iter::MapInit<_, _, _> =
///     (0..4).into_par_iter().map_init(Vec::new, |buf: &mut Vec<i32>, x| {
///         buf.push(x);
///         x * 2
///     });
/// assert_eq!(it.collect::<Vec<_>>(), [0, 2, 4, 6]);
/// ```
#[must_use = "iterator adapters are lazy and do nothing unless consumed"]
#[derive(Clone)]
pub struct MapInit<I, INIT, F> {
    base: I,
    init: INIT,
    map_op: F,
}

impl<I: fmt::Debug, INIT, F> fmt::Debug for MapInit<I, INIT, F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MapInit").field("base", &self.base).finish()
    }
}

impl<I, INIT, F> MapInit<I, INIT, F> {
    pub(super) fn new(base: I, init: INIT, map_op: F) -> Self {
        MapInit { base, init, map_op }
    }
}

impl<I, INIT, T, F, R> ParallelIterator for MapInit<I, INIT, F>
where
    I: ParallelIterator,
    INIT: Fn() -> T + Sync + Send,
    F: Fn(&mut T, I::Item) -> R + Sync + Send,
    R: Send,
{
    type Item = R;

    fn drive_unindexed<C>(self, consumer: C) -> C::Result
    where
        C: UnindexedConsumer<R>,
    {
        self.base.drive_unindexed(StateConsumer {
            base: consumer,
            source: InitSource(&self.init),
            map_op: &self.map_op,
        })
    }

    fn opt_len(&self) -> Option<usize> {
        self.base.opt_len()
    }
}

impl<I, INIT, T, F, R> IndexedParallelIterator for MapInit<I, INIT, F>
where
    I: IndexedParallelIterator,
    INIT: Fn() -> T + Sync + Send,
    F: Fn(&mut T, I::Item) -> R + Sync + Send,
    R: Send,
{
    fn drive<C: Consumer<R>>(self, consumer: C) -> C::Result {
        self.base.drive(StateConsumer {
            base: consumer,
            source: InitSource(&self.init),
            map_op: &self.map_op,
        })
    }

    fn len(&self) -> usize {
        self.base.len()
    }

    fn with_producer<CB: ProducerCallback<R>>(self, callback: CB) -> CB::Output {
        self.base.with_producer(StateCallback {
            callback,
            source: InitSource(&self.init),
            map_op: &self.map_op,
        })
    }
}

/// Wraps the base iterator's producer in a [`StateProducer`].
struct StateCallback<'f, CB, S, F> {
    callback: CB,
    source: S,
    map_op: &'f F,
}

impl<T, R, CB, S, F> ProducerCallback<T> for StateCallback<'_, CB, S, F>
where
    CB: ProducerCallback<R>,
    S: StateSource,
    F: Fn(&mut S::State, T) -> R + Sync,
    R: Send,
{
    type Output = CB::Output;

    fn callback<P: Producer<Item = T>>(self, base: P) -> CB::Output {
        self.callback.callback(StateProducer {
            base,
            source: self.source,
            map_op: self.map_op,
        })
    }
}

struct StateProducer<'f, P, S, F> {
    base: P,
    source: S,
    map_op: &'f F,
}

impl<'f, P, S, F, R> Producer for StateProducer<'f, P, S, F>
where
    P: Producer,
    S: StateSource,
    F: Fn(&mut S::State, P::Item) -> R + Sync,
    R: Send,
{
    type Item = R;
    type IntoIter = StateIter<'f, P::IntoIter, S::State, F>;

    fn into_iter(self) -> Self::IntoIter {
        StateIter {
            base: self.base.into_iter(),
            state: self.source.into_state(),
            map_op: self.map_op,
        }
    }
    fn min_len(&self) -> usize {
        self.base.min_len()
    }
    fn max_len(&self) -> usize {
        self.base.max_len()
    }
    #[inline]
    fn split_at(self, index: usize) -> (Self, Self) {
        let (l, r) = self.base.split_at(index);
        let (ls, rs) = self.source.split();
        let m = self.map_op;
        (
            StateProducer {
                base: l,
                source: ls,
                map_op: m,
            },
            StateProducer {
                base: r,
                source: rs,
                map_op: m,
            },
        )
    }
    #[inline]
    fn fold_with<G: Folder<R>>(self, folder: G) -> G {
        self.base
            .fold_with(StateFolder {
                base: folder,
                state: self.source.into_state(),
                map_op: self.map_op,
            })
            .base
    }
}

/// The sequential iterator of a [`StateProducer`]: one state for the whole piece.
struct StateIter<'f, I, U, F> {
    base: I,
    state: U,
    map_op: &'f F,
}

impl<I, U, F, R> Iterator for StateIter<'_, I, U, F>
where
    I: Iterator,
    F: Fn(&mut U, I::Item) -> R,
{
    type Item = R;

    #[inline]
    fn next(&mut self) -> Option<R> {
        let item = self.base.next()?;
        Some((self.map_op)(&mut self.state, item))
    }
    #[inline]
    fn size_hint(&self) -> (usize, Option<usize>) {
        self.base.size_hint()
    }
    #[inline]
    fn fold<B, G: FnMut(B, R) -> B>(self, init: B, mut g: G) -> B {
        let (mut state, map_op) = (self.state, self.map_op);
        self.base
            .fold(init, move |acc, x| g(acc, map_op(&mut state, x)))
    }
}

impl<I, U, F, R> DoubleEndedIterator for StateIter<'_, I, U, F>
where
    I: DoubleEndedIterator,
    F: Fn(&mut U, I::Item) -> R,
{
    #[inline]
    fn next_back(&mut self) -> Option<R> {
        let item = self.base.next_back()?;
        Some((self.map_op)(&mut self.state, item))
    }
}

impl<I, U, F, R> ExactSizeIterator for StateIter<'_, I, U, F>
where
    I: ExactSizeIterator,
    F: Fn(&mut U, I::Item) -> R,
{
}

struct StateConsumer<'f, C, S, F> {
    base: C,
    source: S,
    map_op: &'f F,
}

impl<'f, T, R, C, S, F> Consumer<T> for StateConsumer<'f, C, S, F>
where
    C: Consumer<R>,
    S: StateSource,
    F: Fn(&mut S::State, T) -> R + Sync,
    R: Send,
{
    type Folder = StateFolder<'f, C::Folder, S::State, F>;
    type Reducer = C::Reducer;
    type Result = C::Result;

    #[inline]
    fn split_at(self, index: usize) -> (Self, Self, C::Reducer) {
        let (l, r, red) = self.base.split_at(index);
        let (ls, rs) = self.source.split();
        let m = self.map_op;
        (
            StateConsumer {
                base: l,
                source: ls,
                map_op: m,
            },
            StateConsumer {
                base: r,
                source: rs,
                map_op: m,
            },
            red,
        )
    }
    #[inline]
    fn into_folder(self) -> Self::Folder {
        StateFolder {
            base: self.base.into_folder(),
            state: self.source.into_state(),
            map_op: self.map_op,
        }
    }
    fn full(&self) -> bool {
        self.base.full()
    }
}

impl<T, R, C, S, F> UnindexedConsumer<T> for StateConsumer<'_, C, S, F>
where
    C: UnindexedConsumer<R>,
    S: StateSource,
    F: Fn(&mut S::State, T) -> R + Sync,
    R: Send,
{
    fn split_off_left(&self) -> Self {
        StateConsumer {
            base: self.base.split_off_left(),
            source: self.source.split_off(),
            map_op: self.map_op,
        }
    }
    fn to_reducer(&self) -> C::Reducer {
        self.base.to_reducer()
    }
}

struct StateFolder<'f, C, U, F> {
    base: C,
    state: U,
    map_op: &'f F,
}

impl<T, R, C, U, F> Folder<T> for StateFolder<'_, C, U, F>
where
    C: Folder<R>,
    F: Fn(&mut U, T) -> R,
{
    type Result = C::Result;

    #[inline]
    fn consume(mut self, item: T) -> Self {
        let r = (self.map_op)(&mut self.state, item);
        self.base = self.base.consume(r);
        self
    }
    #[inline]
    fn consume_iter<I: IntoIterator<Item = T>>(mut self, iter: I) -> Self {
        let (state, map_op) = (&mut self.state, self.map_op);
        self.base = self
            .base
            .consume_iter(iter.into_iter().map(|x| map_op(state, x)));
        self
    }
    #[inline]
    fn complete(self) -> C::Result {
        self.base.complete()
    }
    fn full(&self) -> bool {
        self.base.full()
    }
}
