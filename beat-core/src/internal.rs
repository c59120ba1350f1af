//! Hooks for the `beat` crate's iterator driver. Not part of the public API: names and
//! signatures may change in any release.
//!
//! The driver needs three things from the scheduler: whether the calling thread is a worker,
//! whether a worker of its pool is idle ("hungry") so that offering work can help, and a
//! place to count what it did so that [`stats`](crate::stats) can report it.

use std::sync::Mutex;

use crate::registry::{self, WorkerThread};
use crate::stats::bump;
use crate::sync::Ordering;

/// Whether the calling thread is a worker of some pool.
///
/// ```
/// assert!(!beat_core::__internal::in_worker_thread());
/// ```
#[inline]
pub fn in_worker_thread() -> bool {
    !WorkerThread::current().is_null()
}

/// Whether the calling thread is a worker running a job on top of another of its jobs
/// (one that waits in `join`, a scope or `yield_now` and runs other jobs meanwhile). Such a
/// job must not block on a lock that a thread waiting for the job below may hold.
///
/// ```
/// assert!(!beat_core::__internal::nested_job());
/// ```
#[inline]
pub fn nested_job() -> bool {
    let wt = WorkerThread::current();
    // SAFETY: a non-null current worker pointer is valid while its thread runs.
    unsafe { wt.as_ref() }.is_some_and(WorkerThread::nested)
}

/// Whether the calling worker should offer work now: its own deque is empty (nothing it
/// offered earlier is still waiting) and some worker of its pool is searching or asleep.
/// Always `false` off a worker thread.
///
/// ```
/// assert!(!beat_core::__internal::hungry());
/// ```
#[inline]
pub fn hungry() -> bool {
    let wt = WorkerThread::current();
    // SAFETY: a non-null current worker pointer is valid while its thread runs.
    match unsafe { wt.as_ref() } {
        Some(w) => {
            if w.local_len() != 0 {
                return false;
            }
            let c = w.registry().sleep.counters();
            c.searching() + c.sleeping() > 0
        }
        None => false,
    }
}

/// Whether some worker of the current pool (the global one off the pool) is awake and
/// looking for work, so that offered work would be picked up without a wake-up.
///
/// ```
/// let _ = beat_core::__internal::workers_searching();
/// ```
#[inline]
pub fn workers_searching() -> bool {
    let wt = WorkerThread::current();
    // SAFETY: a non-null current worker pointer is valid while its thread runs.
    match unsafe { wt.as_ref() } {
        Some(w) => w.registry().sleep.counters().searching() > 0,
        None => match registry::global_registry_if_built() {
            Some(r) => r.sleep.counters().searching() > 0,
            None => false,
        },
    }
}

/// Counts one parallel-iterator call that finished on the calling thread without the pool.
///
/// ```
/// beat_core::__internal::count_fast_path();
/// ```
#[inline]
pub fn count_fast_path() {
    let wt = WorkerThread::current();
    // SAFETY: a non-null current worker pointer is valid while its thread runs.
    match unsafe { wt.as_ref() } {
        Some(w) => bump(&w.stats().fast_path),
        None => crate::stats::outside::count_fast_path(),
    }
}

/// Counts `n` batches folded by the calling thread.
///
/// ```
/// beat_core::__internal::count_batches(3);
/// ```
#[inline]
pub fn count_batches(n: u64) {
    let wt = WorkerThread::current();
    // SAFETY: a non-null current worker pointer is valid while its thread runs.
    match unsafe { wt.as_ref() } {
        Some(w) => {
            let c = &w.stats().batches;
            c.store(c.load(Ordering::Relaxed) + n, Ordering::Relaxed);
        }
        None => crate::stats::outside::count_batches(n),
    }
}

/// Runs `op` on a worker of the current pool (the global one off the pool), blocking until
/// it is done; runs it directly when already on a worker.
///
/// ```
/// assert!(beat_core::__internal::on_worker(beat_core::__internal::in_worker_thread));
/// ```
#[inline]
pub fn on_worker<OP, R>(op: OP) -> R
where
    OP: FnOnce() -> R + Send,
    R: Send,
{
    registry::in_worker(|_, _| op())
}

/// The per-call-site estimates the iterator driver reports through [`stats`](crate::stats).
static ESTIMATES: Mutex<Vec<crate::CallSite>> = Mutex::new(Vec::new());

/// How many call sites [`stats`](crate::stats) reports at most (the most recent ones).
const MAX_REPORTED: usize = 32;

/// Records the current estimate of a call site, for [`stats`](crate::stats). Called once per
/// parallel call that ran the probe, not per item.
///
/// ```
/// beat_core::__internal::report_estimate("example", 17.0, 1024);
/// ```
pub fn report_estimate(name: &'static str, ns_per_item: f64, batch_len: usize) {
    let mut all = ESTIMATES.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(i) = all.iter().position(|c| c.name == name) {
        let mut c = all.remove(i);
        c.ns_per_item = ns_per_item;
        c.batch_len = batch_len;
        c.calls += 1;
        all.push(c);
    } else {
        if all.len() == MAX_REPORTED {
            all.remove(0);
        }
        all.push(crate::CallSite {
            name,
            ns_per_item,
            batch_len,
            calls: 1,
        });
    }
}

pub(crate) fn estimates() -> Vec<crate::CallSite> {
    ESTIMATES.lock().unwrap_or_else(|e| e.into_inner()).clone()
}
