//! `broadcast` and `spawn_broadcast`: run a closure once on every worker of a pool.
//!
//! Each worker gets its own job in its own mailbox (see [`Registry::inject_broadcast`]),
//! which it checks before it steals, and a parked worker is woken for it; so every worker
//! runs its copy soon after it finishes what it is doing, and no other worker can take it.

#[cfg(all(test, not(loom)))]
mod tests;

use std::fmt;
use std::marker::PhantomData;

use crate::job::{ArcJob, StackJob};
use crate::latch::{CountLatch, LatchRef};
use crate::registry::{self, Registry, WorkerThread};
use crate::sync::Arc;

/// What a broadcast closure learns about where it runs: the index of its worker and the
/// size of the pool.
///
/// # Examples
///
/// ```
/// let pool = beat_core::ThreadPoolBuilder::new().num_threads(3).build().unwrap();
/// let seen = pool.broadcast(|ctx| (ctx.index(), ctx.num_threads()));
/// assert_eq!(seen, [(0, 3), (1, 3), (2, 3)]);
/// ```
pub struct BroadcastContext<'a> {
    worker: &'a WorkerThread,
    /// Neither `Send` nor `Sync`: the context describes the thread it was made on.
    _not_send: PhantomData<*mut ()>,
}

impl<'a> BroadcastContext<'a> {
    /// Calls `f` with the context of the calling worker.
    ///
    /// # Panics
    ///
    /// Off a worker thread (broadcast jobs only run on workers).
    pub(crate) fn with<R>(f: impl FnOnce(BroadcastContext<'_>) -> R) -> R {
        let wt = WorkerThread::current();
        assert!(!wt.is_null(), "a broadcast job runs on a worker thread");
        f(BroadcastContext {
            // SAFETY: a non-null current worker pointer is valid while its thread runs,
            // which outlives `f`.
            worker: unsafe { &*wt },
            _not_send: PhantomData,
        })
    }

    /// The index of the worker running this call, in `0..num_threads()`. A `broadcast`
    /// returns its results in this order.
    ///
    /// # Examples
    ///
    /// ```
    /// let pool = beat_core::ThreadPoolBuilder::new().num_threads(2).build().unwrap();
    /// assert_eq!(pool.broadcast(|ctx| ctx.index()), [0, 1]);
    /// ```
    #[inline]
    pub fn index(&self) -> usize {
        self.worker.index()
    }

    /// The number of workers this broadcast runs on: one call on each.
    ///
    /// # Examples
    ///
    /// ```
    /// let pool = beat_core::ThreadPoolBuilder::new().num_threads(4).build().unwrap();
    /// assert!(pool.broadcast(|ctx| ctx.num_threads()).iter().all(|&n| n == 4));
    /// ```
    #[inline]
    pub fn num_threads(&self) -> usize {
        self.worker.registry().num_threads()
    }
}

impl fmt::Debug for BroadcastContext<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("BroadcastContext")
            .field("index", &self.index())
            .field("num_threads", &self.num_threads())
            .finish()
    }
}

/// Runs `op` once on every worker of the current pool (the global one outside any pool) and
/// returns the results in worker index order. See [`ThreadPool::broadcast`].
///
/// # Panics
///
/// If `op` panics on some worker, the panic propagates once every worker has finished its
/// call (the panic of the lowest worker index wins; the others are dropped).
///
/// # Examples
///
/// ```
/// let pool = beat_core::ThreadPoolBuilder::new().num_threads(3).build().unwrap();
/// let squares = pool.install(|| beat_core::broadcast(|ctx| ctx.index() * ctx.index()));
/// assert_eq!(squares, [0, 1, 4]);
/// ```
///
/// [`ThreadPool::broadcast`]: crate::ThreadPool::broadcast
pub fn broadcast<OP, R>(op: OP) -> Vec<R>
where
    OP: Fn(BroadcastContext<'_>) -> R + Sync,
    R: Send,
{
    broadcast_in(op, &registry::current_registry())
}

/// Starts `op` once on every worker of the current pool (the global one outside any pool)
/// without waiting for it. See [`ThreadPool::spawn_broadcast`].
///
/// # Panics
///
/// A panic in `op` goes to the pool's
/// [`panic_handler`](crate::ThreadPoolBuilder::panic_handler); without one the process
/// aborts, as for [`spawn`](crate::spawn()).
///
/// # Examples
///
/// ```
/// use std::sync::mpsc;
/// let pool = beat_core::ThreadPoolBuilder::new().num_threads(2).build().unwrap();
/// let (tx, rx) = mpsc::channel();
/// let tx = std::sync::Mutex::new(tx);
/// pool.install(|| {
///     beat_core::spawn_broadcast(move |ctx| tx.lock().unwrap().send(ctx.index()).unwrap())
/// });
/// let mut got: Vec<usize> = rx.iter().take(2).collect();
/// got.sort();
/// assert_eq!(got, [0, 1]);
/// ```
///
/// [`ThreadPool::spawn_broadcast`]: crate::ThreadPool::spawn_broadcast
pub fn spawn_broadcast<OP>(op: OP)
where
    OP: Fn(BroadcastContext<'_>) + Send + Sync + 'static,
{
    spawn_broadcast_in(op, &registry::current_registry())
}

/// `broadcast` on `registry`: one stack job per worker, all counting down one latch that
/// the caller waits on (running its own pool's jobs meanwhile if it is a worker).
pub(crate) fn broadcast_in<OP, R>(op: OP, registry: &Arc<Registry>) -> Vec<R>
where
    OP: Fn(BroadcastContext<'_>) -> R + Sync,
    R: Send,
{
    let run = |_injected: bool| BroadcastContext::with(&op);
    let wt = WorkerThread::current();
    // SAFETY: a non-null current worker pointer is valid while its thread runs.
    let current = unsafe { wt.as_ref() };
    let latch = CountLatch::with_count(registry.num_threads(), current);
    let jobs: Vec<_> = (0..registry.num_threads())
        .map(|_| StackJob::new(&run, LatchRef::new(&latch)))
        .collect();
    // SAFETY: the jobs live in `jobs` until the latch below says every one of them ran.
    registry.inject_broadcast(jobs.iter().map(|job| unsafe { job.as_job_ref() }));
    latch.wait(current);
    jobs.into_iter()
        // SAFETY: the shared latch was observed set, so every job's result is written.
        .map(|job| unsafe { job.into_result() })
        .collect()
}

/// `spawn_broadcast` on `registry`: one shared heap job, run once by each worker; each run
/// keeps the pool alive until it finished.
pub(crate) fn spawn_broadcast_in<OP>(op: OP, registry: &Arc<Registry>)
where
    OP: Fn(BroadcastContext<'_>) + Send + Sync + 'static,
{
    let job = ArcJob::new({
        let registry = Arc::clone(registry);
        move || {
            registry.catch_unwind("a spawn_broadcast task", || BroadcastContext::with(&op));
            registry.terminate();
        }
    });
    let jobs = (0..registry.num_threads()).map(|_| {
        registry.increment_terminate_count();
        ArcJob::job_ref(&job)
    });
    registry.inject_broadcast(jobs);
}
