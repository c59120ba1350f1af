//! The consumer behind `take_any`, `skip_any`, `take_any_while` and `skip_any_while`: a
//! gate shared by every piece decides, item by item, which items pass.
//!
//! A *taking* gate lets through a prefix of what each piece sees: once it rejects an item
//! it rejects every later one, so a piece stops at the first rejection and the consumer is
//! full once the gate is closed. A *skipping* gate rejects a prefix: once it lets an item
//! through it lets every later one through, so a piece stops asking after the first.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use super::plumbing::{Consumer, Folder, UnindexedConsumer};

/// Decides which items pass; shared by all pieces of one drive.
pub(super) trait Gate<T>: Sync {
    /// `true` for a taking gate, `false` for a skipping gate (see the module docs).
    const TAKES: bool;

    /// Whether `item` passes. Rejected items are dropped.
    fn pass(&self, item: &T) -> bool;

    /// Whether no item can pass any more.
    fn closed(&self) -> bool;
}

/// Lets `n` items pass (`TAKE`) or rejects `n` items and lets the rest pass (`!TAKE`).
///
/// The count is only read and decremented with Relaxed operations: it guards no other
/// data, and read-modify-writes of one atomic are totally ordered whatever their ordering,
/// so exactly `n` decrements succeed.
pub(super) struct Countdown<const TAKE: bool>(AtomicUsize);

impl<const TAKE: bool> Countdown<TAKE> {
    pub(super) fn new(n: usize) -> Self {
        Countdown(AtomicUsize::new(n))
    }

    /// Takes one from the count; `false` once it is 0.
    #[inline]
    fn decrement(&self) -> bool {
        self.0
            .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |n| n.checked_sub(1))
            .is_ok()
    }
}

impl<T, const TAKE: bool> Gate<T> for Countdown<TAKE> {
    const TAKES: bool = TAKE;

    #[inline]
    fn pass(&self, _item: &T) -> bool {
        self.decrement() == TAKE
    }
    #[inline]
    fn closed(&self) -> bool {
        TAKE && self.0.load(Ordering::Relaxed) == 0
    }
}

/// Lets items pass while `predicate` holds (`TAKE`), or rejects them while it holds and
/// lets the rest pass (`!TAKE`). The first `false` anywhere ends the run for every piece.
///
/// `running` only goes from `true` to `false`, with Relaxed operations: it guards no data,
/// it only tells the other pieces that the run has ended.
pub(super) struct While<'p, P, const TAKE: bool> {
    running: AtomicBool,
    predicate: &'p P,
}

impl<'p, P, const TAKE: bool> While<'p, P, TAKE> {
    pub(super) fn new(predicate: &'p P) -> Self {
        While {
            running: AtomicBool::new(true),
            predicate,
        }
    }
}

impl<T, P, const TAKE: bool> Gate<T> for While<'_, P, TAKE>
where
    P: Fn(&T) -> bool + Sync,
{
    const TAKES: bool = TAKE;

    #[inline]
    fn pass(&self, item: &T) -> bool {
        let holds = self.running.load(Ordering::Relaxed)
            && ((self.predicate)(item) || {
                self.running.store(false, Ordering::Relaxed);
                false
            });
        holds == TAKE
    }
    #[inline]
    fn closed(&self) -> bool {
        TAKE && !self.running.load(Ordering::Relaxed)
    }
}

/// Passes to `base` the items `gate` lets through.
pub(super) struct GateConsumer<'g, C, G> {
    base: C,
    gate: &'g G,
}

impl<'g, C, G> GateConsumer<'g, C, G> {
    pub(super) fn new(base: C, gate: &'g G) -> Self {
        GateConsumer { base, gate }
    }
}

impl<'g, T, C, G> Consumer<T> for GateConsumer<'g, C, G>
where
    C: Consumer<T>,
    G: Gate<T>,
{
    type Folder = GateFolder<'g, C::Folder, G>;
    type Reducer = C::Reducer;
    type Result = C::Result;

    #[inline]
    fn split_at(self, index: usize) -> (Self, Self, C::Reducer) {
        let (l, r, red) = self.base.split_at(index);
        (
            GateConsumer::new(l, self.gate),
            GateConsumer::new(r, self.gate),
            red,
        )
    }
    #[inline]
    fn into_folder(self) -> Self::Folder {
        GateFolder {
            base: self.base.into_folder(),
            gate: self.gate,
        }
    }
    #[inline]
    fn full(&self) -> bool {
        self.gate.closed() || self.base.full()
    }
}

impl<T, C, G> UnindexedConsumer<T> for GateConsumer<'_, C, G>
where
    C: UnindexedConsumer<T>,
    G: Gate<T>,
{
    fn split_off_left(&self) -> Self {
        GateConsumer::new(self.base.split_off_left(), self.gate)
    }
    fn to_reducer(&self) -> C::Reducer {
        self.base.to_reducer()
    }
}

pub(super) struct GateFolder<'g, F, G> {
    base: F,
    gate: &'g G,
}

impl<T, F, G> Folder<T> for GateFolder<'_, F, G>
where
    F: Folder<T>,
    G: Gate<T>,
{
    type Result = F::Result;

    #[inline]
    fn consume(mut self, item: T) -> Self {
        if self.gate.pass(&item) {
            self.base = self.base.consume(item);
        }
        self
    }
    #[inline]
    fn consume_iter<I: IntoIterator<Item = T>>(mut self, iter: I) -> Self {
        let gate = self.gate;
        self.base = if G::TAKES {
            self.base
                .consume_iter(iter.into_iter().take_while(|x| gate.pass(x)))
        } else {
            self.base
                .consume_iter(iter.into_iter().skip_while(|x| !gate.pass(x)))
        };
        self
    }
    #[inline]
    fn complete(self) -> F::Result {
        self.base.complete()
    }
    #[inline]
    fn full(&self) -> bool {
        self.gate.closed() || self.base.full()
    }
}
