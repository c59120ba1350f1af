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

/// Counters of the parallel-iterator calls made on threads outside every pool.
///
/// Each such thread gets its own pair of counters, written as a worker writes its own (a
/// Relaxed load and store, no read-modify-write), and registered in a process-wide list
/// that the global pool's [`Stats`] sums. A call from outside then touches only a line its
/// own thread owns: one counter shared by all such threads cost every call a locked
/// instruction (and a likely cache miss), more than a tiny call's own work. A thread's
/// counts move to the retired totals when it exits.
///
/// Plain `std` types: these counters are statistics, outside every protocol the loom
/// models check, and a `static` cannot hold loom's.
pub(crate) mod outside {
    use std::sync::atomic::{AtomicU64, Ordering};
    use std::sync::{Arc, Mutex, MutexGuard};

    #[derive(Default)]
    struct Counters {
        fast_path: AtomicU64,
        batches: AtomicU64,
    }

    struct List {
        live: Vec<Arc<Counters>>,
        retired_fast_path: u64,
        retired_batches: u64,
    }

    static LIST: Mutex<List> = Mutex::new(List {
        live: Vec::new(),
        retired_fast_path: 0,
        retired_batches: 0,
    });

    /// The list, locked. Nothing panics while it is held, so a poisoned lock still holds
    /// consistent counts.
    fn list() -> MutexGuard<'static, List> {
        LIST.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// The calling thread's counters, registered on first use.
    struct Mine(Arc<Counters>);

    impl Mine {
        fn register() -> Mine {
            let c = Arc::new(Counters::default());
            list().live.push(Arc::clone(&c));
            Mine(c)
        }
    }

    impl Drop for Mine {
        fn drop(&mut self) {
            let mut l = list();
            // Relaxed: this thread is the only writer, and the lock orders the totals.
            l.retired_fast_path += self.0.fast_path.load(Ordering::Relaxed);
            l.retired_batches += self.0.batches.load(Ordering::Relaxed);
            l.live.retain(|c| !Arc::ptr_eq(c, &self.0));
        }
    }

    thread_local! {
        static MINE: Mine = Mine::register();
    }

    /// Adds `n` to the calling thread's fast-path count (`batches` false) or batch count.
    fn add(batches: bool, n: u64) {
        let counted = MINE.try_with(|m| {
            let c = if batches {
                &m.0.batches
            } else {
                &m.0.fast_path
            };
            // Relaxed load + store: the calling thread is the only writer (see
            // `super::bump`).
            c.store(c.load(Ordering::Relaxed) + n, Ordering::Relaxed);
        });
        if counted.is_err() {
            // The thread is exiting and its counters are gone: count into the totals.
            let mut l = list();
            if batches {
                l.retired_batches += n;
            } else {
                l.retired_fast_path += n;
            }
        }
    }

    /// Counts one call that finished on an outside thread without a pool.
    #[inline]
    pub(crate) fn count_fast_path() {
        add(false, 1);
    }

    /// Counts `n` batches folded by an outside thread.
    #[inline]
    pub(crate) fn count_batches(n: u64) {
        add(true, n);
    }

    /// The fast-path calls and batches of all outside threads so far, exited ones included.
    pub(crate) fn totals() -> (u64, u64) {
        let l = list();
        l.live
            .iter()
            .fold((l.retired_fast_path, l.retired_batches), |(f, b), c| {
                // Relaxed: a statistic; a count still being written shows up next time.
                (
                    f + c.fast_path.load(Ordering::Relaxed),
                    b + c.batches.load(Ordering::Relaxed),
                )
            })
    }

    #[cfg(all(test, not(loom)))]
    mod tests {
        use super::*;

        #[test]
        fn counts_of_live_and_exited_threads_are_summed() {
            let (f0, b0) = totals();
            std::thread::spawn(|| {
                count_fast_path();
                count_fast_path();
                count_batches(5);
            })
            .join()
            .unwrap();
            count_fast_path();
            let (f1, b1) = totals();
            // Other tests may count concurrently, so only a lower bound is exact.
            assert!(f1 >= f0 + 3, "{f0} -> {f1}");
            assert!(b1 >= b0 + 5, "{b0} -> {b1}");
        }
    }
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
