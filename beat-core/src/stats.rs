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
    pub(crate) fast_path: AtomicU64,
    pub(crate) batches: AtomicU64,
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
#[derive(Clone, Debug, Default, PartialEq)]
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
    /// Parallel-iterator calls that finished on the calling thread without touching the
    /// pool (the fast path for small inputs).
    pub fast_path_calls: u64,
    /// Batches folded by parallel iterators (on workers and on calling threads).
    pub batches: u64,
    /// The driver's current estimates for recently used parallel-iterator call sites
    /// (shared by all pools; the most recent last).
    pub call_sites: Vec<CallSite>,
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
    /// Parallel-iterator calls this worker finished without offering work.
    pub fast_path_calls: u64,
    /// Parallel-iterator batches this worker folded.
    pub batches: u64,
}

/// What the parallel-iterator driver currently believes about one call site.
///
/// A call site is one monomorphised parallel-iterator pipeline: each closure has its own
/// type, so in practice one place in the source.
///
/// # Examples
///
/// ```
/// for site in beat_core::stats().call_sites {
///     println!("{}: {:.1} ns/item, batches of {}", site.name, site.ns_per_item, site.batch_len);
/// }
/// ```
#[derive(Clone, Debug, Default, PartialEq)]
#[non_exhaustive]
pub struct CallSite {
    /// The pipeline's type name (as `std::any::type_name` writes it).
    pub name: &'static str,
    /// Estimated cost of one item, in nanoseconds.
    pub ns_per_item: f64,
    /// The batch length last chosen from it.
    pub batch_len: usize,
    /// Calls that updated the estimate.
    pub calls: u64,
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
            fast_path_calls: r(&self.fast_path),
            batches: r(&self.batches),
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
            s.fast_path_calls += w.fast_path_calls;
            s.batches += w.batches;
        }
        s.per_worker = per_worker;
        s
    }
}
