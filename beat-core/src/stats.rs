//! Per-worker scheduler counters and the [`Stats`] snapshot.
//!
//! Each worker owns one cache-padded [`WorkerStats`]; only that worker writes it, with a
//! Relaxed load and store (no read-modify-write, so no locked instruction on the hot path).
//! Readers sum the counters with Relaxed loads: a snapshot is approximate while the pool
//! runs and exact once it is quiet.

use crate::sync::{AtomicU64, Ordering};

/// The counters one worker keeps.
#[derive(Debug, Default)]
pub(crate) struct WorkerStats {
    pub(crate) jobs_executed: AtomicU64,
    pub(crate) joins_inlined: AtomicU64,
    pub(crate) joins_published: AtomicU64,
    pub(crate) steals: AtomicU64,
    pub(crate) failed_steals: AtomicU64,
    pub(crate) parks: AtomicU64,
    pub(crate) wakeups: AtomicU64,
    pub(crate) spawns: AtomicU64,
}

/// Adds one to a counter owned by the calling worker.
#[inline]
pub(crate) fn bump(counter: &AtomicU64) {
    // Relaxed load + store: the counter has a single writer (its worker), and readers only
    // need some recent value.
    counter.store(counter.load(Ordering::Relaxed) + 1, Ordering::Relaxed);
}

/// A snapshot of what a pool's scheduler has done since it was built.
///
/// Obtained from [`ThreadPool::stats`](crate::ThreadPool::stats) or [`stats`](crate::stats).
/// Counting is always on; it costs a plain increment of a per-worker counter.
///
/// # Examples
///
/// ```
/// let pool = beat_core::ThreadPoolBuilder::new().num_threads(2).build().unwrap();
/// pool.install(|| beat_core::join(|| 1, || 2));
/// let s = pool.stats();
/// assert!(s.jobs_executed >= 1); // the installed closure ran as a job
/// assert_eq!(s.per_worker.len(), 2);
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Stats {
    /// Jobs executed by workers (stolen or popped join halves, spawned and injected jobs).
    pub jobs_executed: u64,
    /// `join` calls whose second closure ran as a plain call, never published.
    pub joins_inlined: u64,
    /// `join` calls whose second closure was made stealable.
    pub joins_published: u64,
    /// Successful steals from another worker's deque or the injector.
    pub steals: u64,
    /// Sweeps over all victims and the injector that found nothing.
    pub failed_steals: u64,
    /// Times a worker parked (blocked in the OS) for lack of work.
    pub parks: u64,
    /// Times a parked worker was woken.
    pub wakeups: u64,
    /// Tasks spawned with `Scope::spawn` or `spawn` by workers of this pool.
    pub spawns: u64,
    /// Jobs injected from outside the pool (`install`, `spawn`, `join` from other threads).
    pub injected: u64,
    /// The same counters, one entry per worker, in worker index order.
    pub per_worker: Vec<WorkerSnapshot>,
}

/// One worker's counters inside a [`Stats`] snapshot.
///
/// # Examples
///
/// ```
/// let pool = beat_core::ThreadPoolBuilder::new().num_threads(1).build().unwrap();
/// pool.install(|| ());
/// let w = &pool.stats().per_worker[0];
/// assert!(w.jobs_executed >= 1);
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct WorkerSnapshot {
    /// Jobs this worker executed.
    pub jobs_executed: u64,
    /// Joins this worker ran inline.
    pub joins_inlined: u64,
    /// Joins this worker published.
    pub joins_published: u64,
    /// Successful steals by this worker.
    pub steals: u64,
    /// Failed steal sweeps by this worker.
    pub failed_steals: u64,
    /// Times this worker parked.
    pub parks: u64,
    /// Times this worker was woken from parking.
    pub wakeups: u64,
    /// Tasks this worker spawned.
    pub spawns: u64,
}

impl WorkerStats {
    pub(crate) fn snapshot(&self) -> WorkerSnapshot {
        let r = |c: &AtomicU64| c.load(Ordering::Relaxed);
        WorkerSnapshot {
            jobs_executed: r(&self.jobs_executed),
            joins_inlined: r(&self.joins_inlined),
            joins_published: r(&self.joins_published),
            steals: r(&self.steals),
            failed_steals: r(&self.failed_steals),
            parks: r(&self.parks),
            wakeups: r(&self.wakeups),
            spawns: r(&self.spawns),
        }
    }
}

impl Stats {
    pub(crate) fn from_workers(per_worker: Vec<WorkerSnapshot>, injected: u64) -> Stats {
        let mut s = Stats {
            injected,
            ..Stats::default()
        };
        for w in &per_worker {
            s.jobs_executed += w.jobs_executed;
            s.joins_inlined += w.joins_inlined;
            s.joins_published += w.joins_published;
            s.steals += w.steals;
            s.failed_steals += w.failed_steals;
            s.parks += w.parks;
            s.wakeups += w.wakeups;
            s.spawns += w.spawns;
        }
        s.per_worker = per_worker;
        s
    }
}
