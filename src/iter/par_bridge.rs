//! `par_bridge()`: a parallel iterator over the items of a sequential iterator.
//!
//! The sequential iterator sits behind a mutex shared by a few pieces, about one per worker
//! (the driver hands them to workers that want work). Each piece loops: lock, pull a batch of
//! items, unlock, fold the batch. The batch starts at one item and doubles while a round
//! (waiting for the lock, pulling and folding) takes well under [`ROUND_NS`], and halves when
//! it takes much longer. So a slow source, such as a channel whose `next` blocks, is pulled one
//! item at a time and other workers fold the items already pulled, while a fast source with
//! cheap items pays one lock per batch of hundreds of items.

use std::cell::RefCell;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, TryLockError};

use super::plumbing::clock::{Clock, RealClock};
use super::plumbing::{bridge_unindexed, Folder, UnindexedConsumer, UnindexedProducer};
use super::ParallelIterator;

/// Target duration of one round of a piece: the same order as the driver's batches, so that
/// the lock costs little per item and the last rounds of the workers end close together.
const ROUND_NS: u64 = 10_000;

/// The most items pulled under the lock at once (it bounds the batch buffer's memory).
const MAX_BATCH: usize = 4096;

/// Turns a sequential [`Iterator`] into a [`ParallelIterator`]: `par_bridge()`.
///
/// The workers that want work take the items from the iterator, a batch at a time under a
/// lock, so this parallelises anything that iterates, such as a channel's receiver or the
/// lines of a file. Each batch is sized from how long the previous ones took, so a slow
/// iterator does not hold items back from idle workers and a fast one does not pay a lock
/// for each item. Items are not buffered beyond one batch per worker, so the iterator may be
/// unbounded if the consumer stops early.
///
/// The items come in no particular order. When the items already live in a collection, its
/// own parallel iterator (`par_iter()`, `into_par_iter()`) is faster.
///
/// # Examples
///
/// ```
/// use beat::prelude::*;
/// use std::sync::mpsc::channel;
///
/// let (tx, rx) = channel();
/// let producer = std::thread::spawn(move || {
///     for i in 0..100u32 {
///         tx.send(i).unwrap();
///     }
/// });
/// let mut squares: Vec<u32> = rx.into_iter().par_bridge().map(|x| x * x).collect();
/// producer.join().unwrap();
/// squares.sort();
/// assert_eq!(squares, (0..100u32).map(|x| x * x).collect::<Vec<_>>());
/// ```
pub trait ParallelBridge: Sized {
    /// Wraps the iterator as a parallel iterator.
    ///
    /// # Examples
    ///
    /// ```
    /// use beat::prelude::*;
    /// let total: u64 = (1..=100u64).filter(|x| x % 2 == 0).par_bridge().sum();
    /// assert_eq!(total, 2550);
    /// ```
    fn par_bridge(self) -> IterBridge<Self>;
}

impl<T> ParallelBridge for T
where
    T: Iterator<Item: Send> + Send,
{
    fn par_bridge(self) -> IterBridge<Self> {
        IterBridge { iter: self }
    }
}

/// The parallel iterator returned by [`ParallelBridge::par_bridge`].
///
/// # Examples
///
/// ```
/// use beat::prelude::*;
/// let it: beat::iter::IterBridge<std::ops::Range<i32>> = (0..10).par_bridge();
/// assert_eq!(it.count(), 10);
/// ```
#[must_use = "iterator adapters are lazy and do nothing unless consumed"]
#[derive(Clone, Debug)]
pub struct IterBridge<Iter> {
    iter: Iter,
}

impl<Iter> ParallelIterator for IterBridge<Iter>
where
    Iter: Iterator<Item: Send> + Send,
{
    type Item = Iter::Item;

    fn drive_unindexed<C>(self, consumer: C) -> C::Result
    where
        C: UnindexedConsumer<Self::Item>,
    {
        let shared = Shared {
            source: Mutex::new(Some(self.iter)),
            splits_left: AtomicUsize::new(beat_core::current_num_threads()),
        };
        bridge_unindexed(Piece { shared: &shared }, consumer)
    }
}

/// What the pieces of one bridge share.
struct Shared<Iter> {
    /// The iterator, `None` once it has returned `None` (it is never asked again).
    source: Mutex<Option<Iter>>,
    /// How many more times a piece may split: one piece per worker is enough, since each
    /// piece runs until the iterator is exhausted.
    splits_left: AtomicUsize,
}

/// One piece of the bridge: a handle on the shared iterator.
struct Piece<'s, Iter> {
    shared: &'s Shared<Iter>,
}

thread_local! {
    /// The addresses of the bridges whose iterator this thread is pulling from, innermost
    /// last. An iterator's `next` may run other jobs of the pool while this thread holds the
    /// bridge's lock (if it calls `join` or a parallel iterator itself); a piece of the same
    /// bridge run that way must not lock again.
    static PULLING: RefCell<Vec<usize>> = const { RefCell::new(Vec::new()) };
}

/// Marks the calling thread as pulling from a bridge until dropped (also on unwind).
struct Pulling;

impl Pulling {
    fn enter(addr: usize) -> Pulling {
        PULLING.with(|p| p.borrow_mut().push(addr));
        Pulling
    }

    fn active(addr: usize) -> bool {
        PULLING.with(|p| p.borrow().contains(&addr))
    }
}

impl Drop for Pulling {
    fn drop(&mut self) {
        PULLING.with(|p| p.borrow_mut().pop());
    }
}

impl<Iter> Piece<'_, Iter>
where
    Iter: Iterator,
{
    /// Pulls up to `want` items into `batch` under the lock. Returns `false` when the
    /// iterator is exhausted (or poisoned by a panic in its `next`, which the pool
    /// propagates to the caller).
    ///
    /// A piece that runs on top of another job of its thread does not wait for the lock:
    /// the holder may be waiting, inside its `next`, for that job below (a half of its
    /// `join` that this thread stole), which cannot finish while this piece blocks. Such a
    /// piece ends instead; the holder goes on pulling once its `next` returns.
    fn pull(&self, want: usize, batch: &mut Vec<Iter::Item>) -> bool {
        let locked = if beat_core::__internal::nested_job() {
            match self.shared.source.try_lock() {
                Ok(source) => Ok(source),
                Err(TryLockError::WouldBlock) => return false,
                Err(TryLockError::Poisoned(e)) => Err(e),
            }
        } else {
            self.shared.source.lock()
        };
        let Ok(mut source) = locked else {
            return false;
        };
        let Some(iter) = source.as_mut() else {
            return false;
        };
        let _pulling = Pulling::enter(self.shared as *const Shared<Iter> as usize);
        batch.extend(iter.by_ref().take(want));
        if batch.len() < want {
            *source = None;
            return false;
        }
        true
    }
}

impl<Iter> UnindexedProducer for Piece<'_, Iter>
where
    Iter: Iterator<Item: Send> + Send,
{
    type Item = Iter::Item;

    fn split(self) -> (Self, Option<Self>) {
        // Relaxed: a counter that only bounds how many pieces exist; no data is published
        // through it (the pieces share the iterator through the mutex).
        let split = self
            .shared
            .splits_left
            .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |n| n.checked_sub(1))
            .is_ok();
        let other = split.then_some(Piece {
            shared: self.shared,
        });
        (self, other)
    }

    fn fold_with<F>(self, mut folder: F) -> F
    where
        F: Folder<Self::Item>,
    {
        if Pulling::active(self.shared as *const Shared<Iter> as usize) {
            // Run from inside this bridge's own `next` on this thread: the lock is ours
            // already. The outer piece goes on pulling once `next` returns.
            return folder;
        }
        let clock = RealClock::start();
        let mut want = 1;
        let mut batch = Vec::new();
        loop {
            let t0 = clock.now();
            let more = self.pull(want, &mut batch);
            folder = folder.consume_iter(batch.drain(..));
            if !more || folder.full() {
                return folder;
            }
            let round = clock.now().saturating_sub(t0);
            if round < ROUND_NS / 2 {
                want = (want * 2).min(MAX_BATCH);
            } else if round > 2 * ROUND_NS {
                want = (want / 2).max(1);
            }
        }
    }
}
