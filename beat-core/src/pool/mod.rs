//! [`ThreadPool`], its builder, and the functions that ask about the current pool.

pub(crate) mod builder;
mod config;
#[cfg(all(test, not(loom)))]
mod tests;

use std::fmt;

use crate::broadcast::{self, BroadcastContext};
use crate::join;
use crate::registry::{self, Registry, WorkerThread};
use crate::scope::fifo::{self, ScopeFifo};
use crate::scope::{self, Scope};
use crate::spawn;
use crate::stats::Stats;
use crate::sync::Arc;

pub use builder::{
    CustomSpawn, DefaultSpawn, ThreadBuilder, ThreadPoolBuildError, ThreadPoolBuilder,
};
#[allow(deprecated)]
pub use config::{initialize, Configuration};

/// A pool of worker threads that runs `join`, `scope`, `spawn` and parallel iterators.
///
/// Work started with [`install`](ThreadPool::install) runs on this pool, and so does every
/// `join`, `scope` and parallel iterator called from inside it. Dropping the pool tells its
/// threads to exit once the work already given to them (including `spawn`ed tasks) is done;
/// it does not wait for them.
///
/// # Examples
///
/// ```
/// let pool = beat_core::ThreadPoolBuilder::new().num_threads(2).build().unwrap();
/// let (a, b) = pool.install(|| beat_core::join(|| 1 + 1, || 2 + 2));
/// assert_eq!((a, b), (2, 4));
/// ```
pub struct ThreadPool {
    registry: Arc<Registry>,
}

impl fmt::Debug for ThreadPool {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ThreadPool")
            .field("num_threads", &self.current_num_threads())
            .finish_non_exhaustive()
    }
}

impl ThreadPool {
    pub(crate) fn build<S: builder::ThreadSpawn>(
        builder: ThreadPoolBuilder<S>,
    ) -> Result<ThreadPool, ThreadPoolBuildError> {
        Ok(ThreadPool {
            registry: Registry::new(builder)?,
        })
    }

    /// Runs `op` on a thread of this pool and returns its result; `join`, `scope` and
    /// parallel iterators inside `op` use this pool. Called from a thread of this pool it
    /// runs `op` in place; from another pool's worker, that worker keeps running its own
    /// pool's jobs while it waits.
    ///
    /// # Panics
    ///
    /// A panic in `op` propagates to the caller.
    ///
    /// # Examples
    ///
    /// ```
    /// let pool = beat_core::ThreadPoolBuilder::new().num_threads(3).build().unwrap();
    /// assert_eq!(pool.install(beat_core::current_num_threads), 3);
    /// ```
    pub fn install<OP, R>(&self, op: OP) -> R
    where
        OP: FnOnce() -> R + Send,
        R: Send,
    {
        self.registry.in_worker(|_, _| op())
    }

    /// Runs `op` once on every worker of this pool and returns the results in worker index
    /// order. Each worker runs its call when it has no local work left, before it steals;
    /// a parked worker is woken for it. The caller blocks until every call finished (a
    /// worker of any pool keeps running its own pool's jobs meanwhile).
    ///
    /// With [`use_current_thread`](crate::ThreadPoolBuilder::use_current_thread), worker 0
    /// runs its call only once that thread waits inside the pool.
    ///
    /// # Panics
    ///
    /// If `op` panics on some worker, the panic propagates once every worker has finished
    /// its call (the panic of the lowest worker index wins; the others are dropped).
    ///
    /// # Examples
    ///
    /// ```
    /// let pool = beat_core::ThreadPoolBuilder::new().num_threads(4).build().unwrap();
    /// let indices = pool.broadcast(|ctx| ctx.index());
    /// assert_eq!(indices, [0, 1, 2, 3]);
    /// ```
    pub fn broadcast<OP, R>(&self, op: OP) -> Vec<R>
    where
        OP: Fn(BroadcastContext<'_>) -> R + Sync,
        R: Send,
    {
        broadcast::broadcast_in(op, &self.registry)
    }

    /// Starts `op` once on every worker of this pool without waiting for it; each call
    /// keeps the pool alive until it ran. A panic in `op` goes to the pool's panic handler;
    /// without one the process aborts.
    ///
    /// # Examples
    ///
    /// ```
    /// use std::sync::atomic::{AtomicUsize, Ordering};
    /// use std::sync::{mpsc, Arc};
    /// let pool = beat_core::ThreadPoolBuilder::new().num_threads(3).build().unwrap();
    /// let calls = Arc::new(AtomicUsize::new(0));
    /// let (tx, rx) = mpsc::sync_channel(3);
    /// let c = Arc::clone(&calls);
    /// pool.spawn_broadcast(move |_| {
    ///     c.fetch_add(1, Ordering::Relaxed);
    ///     tx.send(()).unwrap();
    /// });
    /// rx.iter().take(3).for_each(drop);
    /// assert_eq!(calls.load(Ordering::Relaxed), 3);
    /// ```
    pub fn spawn_broadcast<OP>(&self, op: OP)
    where
        OP: Fn(BroadcastContext<'_>) + Send + Sync + 'static,
    {
        broadcast::spawn_broadcast_in(op, &self.registry)
    }

    /// `join` on this pool: [`install`](ThreadPool::install) then [`join`](crate::join).
    ///
    /// # Examples
    ///
    /// ```
    /// let pool = beat_core::ThreadPoolBuilder::new().num_threads(2).build().unwrap();
    /// assert_eq!(pool.join(|| "a", || "b"), ("a", "b"));
    /// ```
    pub fn join<A, B, RA, RB>(&self, oper_a: A, oper_b: B) -> (RA, RB)
    where
        A: FnOnce() -> RA + Send,
        B: FnOnce() -> RB + Send,
        RA: Send,
        RB: Send,
    {
        self.install(|| join::join(oper_a, oper_b))
    }

    /// `scope` on this pool: [`install`](ThreadPool::install) then [`scope`](crate::scope()).
    ///
    /// # Examples
    ///
    /// ```
    /// use std::sync::atomic::{AtomicUsize, Ordering};
    /// let pool = beat_core::ThreadPoolBuilder::new().num_threads(2).build().unwrap();
    /// let n = AtomicUsize::new(0);
    /// pool.scope(|s| {
    ///     for _ in 0..10 {
    ///         s.spawn(|_| { n.fetch_add(1, Ordering::Relaxed); });
    ///     }
    /// });
    /// assert_eq!(n.into_inner(), 10);
    /// ```
    pub fn scope<'scope, OP, R>(&self, op: OP) -> R
    where
        OP: FnOnce(&Scope<'scope>) -> R + Send,
        R: Send,
    {
        self.install(|| scope::scope(op))
    }

    /// `scope_fifo` on this pool: [`install`](ThreadPool::install) then
    /// [`scope_fifo`](crate::scope_fifo()).
    ///
    /// # Examples
    ///
    /// ```
    /// use std::sync::Mutex;
    /// let pool = beat_core::ThreadPoolBuilder::new().num_threads(1).build().unwrap();
    /// let order = Mutex::new(Vec::new());
    /// pool.scope_fifo(|s| {
    ///     for i in 0..3 {
    ///         let order = &order;
    ///         s.spawn_fifo(move |_| order.lock().unwrap().push(i));
    ///     }
    /// });
    /// assert_eq!(order.into_inner().unwrap(), [0, 1, 2]);
    /// ```
    pub fn scope_fifo<'scope, OP, R>(&self, op: OP) -> R
    where
        OP: FnOnce(&ScopeFifo<'scope>) -> R + Send,
        R: Send,
    {
        self.install(|| fifo::scope_fifo(op))
    }

    /// A FIFO scope whose body runs on the calling thread (which need not be a pool
    /// thread), while its spawned tasks run on this pool.
    ///
    /// # Examples
    ///
    /// ```
    /// let pool = beat_core::ThreadPoolBuilder::new().num_threads(2).build().unwrap();
    /// let mut v = vec![0; 4];
    /// pool.in_place_scope_fifo(|s| {
    ///     for (i, x) in v.iter_mut().enumerate() {
    ///         s.spawn_fifo(move |_| *x = i + 1);
    ///     }
    /// });
    /// assert_eq!(v, [1, 2, 3, 4]);
    /// ```
    pub fn in_place_scope_fifo<'scope, OP, R>(&self, op: OP) -> R
    where
        OP: FnOnce(&ScopeFifo<'scope>) -> R,
    {
        fifo::in_place_scope_fifo_in(&self.registry, op)
    }

    /// A scope whose body runs on the calling thread (which need not be a pool thread),
    /// while its spawned tasks run on this pool.
    ///
    /// # Examples
    ///
    /// ```
    /// let pool = beat_core::ThreadPoolBuilder::new().num_threads(2).build().unwrap();
    /// let mut v = vec![0; 4];
    /// pool.in_place_scope(|s| {
    ///     for (i, x) in v.iter_mut().enumerate() {
    ///         s.spawn(move |_| *x = i * i);
    ///     }
    /// });
    /// assert_eq!(v, [0, 1, 4, 9]);
    /// ```
    pub fn in_place_scope<'scope, OP, R>(&self, op: OP) -> R
    where
        OP: FnOnce(&Scope<'scope>) -> R,
    {
        scope::in_place_scope_in(&self.registry, op)
    }

    /// Starts `op` on this pool without waiting for it. A panic in `op` goes to the pool's
    /// panic handler; without one the process aborts.
    ///
    /// # Examples
    ///
    /// ```
    /// let pool = beat_core::ThreadPoolBuilder::new().num_threads(1).build().unwrap();
    /// let (tx, rx) = std::sync::mpsc::channel();
    /// pool.spawn(move || tx.send(6 * 7).unwrap());
    /// assert_eq!(rx.recv().unwrap(), 42);
    /// ```
    pub fn spawn<OP>(&self, op: OP)
    where
        OP: FnOnce() + Send + 'static,
    {
        spawn::spawn_in(op, &self.registry)
    }

    /// Like [`spawn`](ThreadPool::spawn), but the tasks one thread spawns this way start in
    /// the order it spawned them, as far as it runs them itself. See
    /// [`spawn_fifo`](crate::spawn_fifo()).
    ///
    /// # Examples
    ///
    /// ```
    /// let pool = beat_core::ThreadPoolBuilder::new().num_threads(1).build().unwrap();
    /// let (tx, rx) = std::sync::mpsc::channel();
    /// pool.spawn_fifo(move || tx.send("fifo").unwrap());
    /// assert_eq!(rx.recv().unwrap(), "fifo");
    /// ```
    pub fn spawn_fifo<OP>(&self, op: OP)
    where
        OP: FnOnce() + Send + 'static,
    {
        spawn::spawn_fifo_in(op, &self.registry)
    }

    /// The number of threads in this pool.
    ///
    /// # Examples
    ///
    /// ```
    /// let pool = beat_core::ThreadPoolBuilder::new().num_threads(4).build().unwrap();
    /// assert_eq!(pool.current_num_threads(), 4);
    /// ```
    #[inline]
    pub fn current_num_threads(&self) -> usize {
        self.registry.num_threads()
    }

    /// The index of the calling thread in this pool, or `None` if it is not one of its
    /// threads.
    ///
    /// # Examples
    ///
    /// ```
    /// let pool = beat_core::ThreadPoolBuilder::new().num_threads(2).build().unwrap();
    /// assert_eq!(pool.current_thread_index(), None);
    /// let i = pool.install(|| pool.current_thread_index()).unwrap();
    /// assert!(i < 2);
    /// ```
    #[inline]
    pub fn current_thread_index(&self) -> Option<usize> {
        self.current_worker().map(WorkerThread::index)
    }

    /// Whether the calling thread (a thread of this pool) has tasks queued locally; `None`
    /// if it is not one of this pool's threads.
    ///
    /// # Examples
    ///
    /// ```
    /// let pool = beat_core::ThreadPoolBuilder::new().num_threads(1).build().unwrap();
    /// assert_eq!(pool.current_thread_has_pending_tasks(), None);
    /// assert_eq!(pool.install(|| pool.current_thread_has_pending_tasks()), Some(false));
    /// ```
    #[inline]
    pub fn current_thread_has_pending_tasks(&self) -> Option<bool> {
        self.current_worker().map(|w| w.local_len() > 0)
    }

    /// A snapshot of this pool's scheduler counters.
    ///
    /// # Examples
    ///
    /// ```
    /// let pool = beat_core::ThreadPoolBuilder::new().num_threads(2).build().unwrap();
    /// pool.install(|| beat_core::join(|| (), || ()));
    /// let s = pool.stats();
    /// assert_eq!(s.joins_inlined + s.joins_published, 1);
    /// ```
    pub fn stats(&self) -> Stats {
        self.registry.stats()
    }

    /// Runs one pending job of this pool on the calling thread, if it is one of its threads.
    /// See [`yield_now`](crate::yield_now).
    ///
    /// # Examples
    ///
    /// ```
    /// let pool = beat_core::ThreadPoolBuilder::new().num_threads(1).build().unwrap();
    /// assert_eq!(pool.yield_now(), None); // not a thread of the pool
    /// assert_eq!(pool.install(|| pool.yield_now()), Some(beat_core::Yield::Idle));
    /// ```
    pub fn yield_now(&self) -> Option<Yield> {
        self.current_worker()
            .map(|w| Yield::from_ran(w.yield_now()))
    }

    /// Runs one job from the calling thread's own queue, if it is one of this pool's
    /// threads. See [`yield_local`](crate::yield_local).
    ///
    /// # Examples
    ///
    /// ```
    /// let pool = beat_core::ThreadPoolBuilder::new().num_threads(1).build().unwrap();
    /// assert_eq!(pool.install(|| pool.yield_local()), Some(beat_core::Yield::Idle));
    /// ```
    pub fn yield_local(&self) -> Option<Yield> {
        self.current_worker()
            .map(|w| Yield::from_ran(w.yield_local()))
    }

    fn current_worker(&self) -> Option<&WorkerThread> {
        self.registry.current_worker()
    }
}

impl Drop for ThreadPool {
    fn drop(&mut self) {
        WorkerThread::release_adopted(&self.registry);
        self.registry.terminate();
    }
}

/// What [`yield_now`](crate::yield_now) or [`yield_local`](crate::yield_local) did.
///
/// # Examples
///
/// ```
/// use beat_core::Yield;
/// let pool = beat_core::ThreadPoolBuilder::new().num_threads(1).build().unwrap();
/// let y = pool.install(beat_core::yield_now);
/// assert_eq!(y, Some(Yield::Idle));
/// ```
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash)]
pub enum Yield {
    /// A pending job was run.
    Executed,
    /// No job was available.
    Idle,
}

impl Yield {
    fn from_ran(ran: bool) -> Yield {
        if ran {
            Yield::Executed
        } else {
            Yield::Idle
        }
    }
}

/// The number of threads of the current pool: the pool of the calling worker thread, or
/// the global pool.
///
/// # Examples
///
/// ```
/// let pool = beat_core::ThreadPoolBuilder::new().num_threads(3).build().unwrap();
/// assert_eq!(pool.install(beat_core::current_num_threads), 3);
/// ```
#[inline]
pub fn current_num_threads() -> usize {
    let wt = WorkerThread::current();
    // SAFETY: a non-null current worker pointer is valid while its thread runs.
    match unsafe { wt.as_ref() } {
        Some(w) => w.registry().num_threads(),
        None => registry::global_registry().num_threads(),
    }
}

/// The index of the calling thread in its pool, or `None` outside any pool.
///
/// # Examples
///
/// ```
/// assert_eq!(beat_core::current_thread_index(), None);
/// let pool = beat_core::ThreadPoolBuilder::new().num_threads(2).build().unwrap();
/// assert!(pool.install(beat_core::current_thread_index).unwrap() < 2);
/// ```
#[inline]
pub fn current_thread_index() -> Option<usize> {
    let wt = WorkerThread::current();
    // SAFETY: a non-null current worker pointer is valid while its thread runs.
    unsafe { wt.as_ref() }.map(WorkerThread::index)
}

/// Whether the calling thread, a pool thread, has tasks queued locally; `None` outside any
/// pool.
///
/// # Examples
///
/// ```
/// assert_eq!(beat_core::current_thread_has_pending_tasks(), None);
/// let pool = beat_core::ThreadPoolBuilder::new().num_threads(1).build().unwrap();
/// assert_eq!(pool.install(beat_core::current_thread_has_pending_tasks), Some(false));
/// ```
#[inline]
pub fn current_thread_has_pending_tasks() -> Option<bool> {
    let wt = WorkerThread::current();
    // SAFETY: a non-null current worker pointer is valid while its thread runs.
    unsafe { wt.as_ref() }.map(|w| w.local_len() > 0)
}

/// The largest number of threads a pool can have.
///
/// # Examples
///
/// ```
/// assert!(beat_core::max_num_threads() >= 1024);
/// ```
#[inline]
pub fn max_num_threads() -> usize {
    crate::sleep::MAX_THREADS
}

/// Runs one pending job of the current pool on the calling worker thread: a local job, or
/// one stolen from another worker or the injector. `None` outside any pool.
///
/// # Examples
///
/// ```
/// assert_eq!(beat_core::yield_now(), None);
/// ```
pub fn yield_now() -> Option<Yield> {
    let wt = WorkerThread::current();
    // SAFETY: a non-null current worker pointer is valid while its thread runs.
    unsafe { wt.as_ref() }.map(|w| Yield::from_ran(w.yield_now()))
}

/// Runs one job from the calling worker's own queue, without stealing. `None` outside any
/// pool.
///
/// # Examples
///
/// ```
/// assert_eq!(beat_core::yield_local(), None);
/// ```
pub fn yield_local() -> Option<Yield> {
    let wt = WorkerThread::current();
    // SAFETY: a non-null current worker pointer is valid while its thread runs.
    unsafe { wt.as_ref() }.map(|w| Yield::from_ran(w.yield_local()))
}

/// A snapshot of the scheduler counters of the current pool (the calling worker's pool, or
/// the global pool).
///
/// # Examples
///
/// ```
/// beat_core::join(|| (), || ());
/// let s = beat_core::stats();
/// assert!(s.joins_inlined + s.joins_published >= 1);
/// ```
pub fn stats() -> Stats {
    registry::current_registry().stats()
}
