//! `scope_fifo`, `in_place_scope_fifo` and [`ScopeFifo::spawn_fifo`].
//!
//! A FIFO scope stores its tasks like a plain scope (in the spawning thread's chunk,
//! counted per chunk), but a worker does not push a task itself to its deque: it appends
//! the task to its own FIFO queue of this scope and pushes an indirection job that runs the
//! oldest task of that queue ([`FifoQueue`]). So the tasks one worker spawns into a scope
//! start in the order it spawned them, while thieves still balance the load.
//!
//! The per-worker queues of a scope are made on a worker's first spawn into it, so a scope
//! allocates one slot array up front and one queue per worker that spawns.

// `OnceLock` makes each worker's queue once; it is not part of any protocol beat models,
// so it comes from std directly (as the global registry's does).
use std::sync::OnceLock;

use std::fmt;

use super::{broadcast_tasks, task_job, ScopeBase, ScopeHandle};
use crate::broadcast::BroadcastContext;
use crate::job::FifoQueue;
use crate::registry::{self, Registry, WorkerThread};
use crate::stats::bump;
use crate::sync::Arc;

/// A scope whose tasks start in FIFO order, as far as the thread that spawned them runs
/// them. Created by [`scope_fifo`] or [`in_place_scope_fifo`]; otherwise like
/// [`Scope`](crate::Scope).
///
/// # Examples
///
/// ```
/// let mut left = 0;
/// let mut right = 0;
/// beat_core::scope_fifo(|s| {
///     s.spawn_fifo(|_| left = 1);
///     s.spawn_fifo(|_| right = 2);
/// });
/// assert_eq!((left, right), (1, 2));
/// ```
pub struct ScopeFifo<'scope> {
    base: ScopeBase<'scope>,
    /// Slot `i`: the queue of the tasks that worker `i` spawned into this scope. Access
    /// rule: only worker `i` pushes to it (which keeps its order); indirections pop from
    /// it on any worker.
    fifos: Box<[OnceLock<Box<FifoQueue>>]>,
}

impl fmt::Debug for ScopeFifo<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ScopeFifo")
            .field("num_threads", &self.base.registry.num_threads())
            .finish_non_exhaustive()
    }
}

impl<'scope> ScopeHandle<'scope> for ScopeFifo<'scope> {
    fn base(&self) -> &ScopeBase<'scope> {
        &self.base
    }
}

/// Creates a FIFO scope on the current pool (the global one outside any pool), runs `op` in
/// it on a pool thread, and returns once `op` and every task spawned in the scope finished.
///
/// Tasks spawned with [`ScopeFifo::spawn_fifo`] by one thread start in the order that thread
/// spawned them, as far as it runs them itself; idle threads may still steal some and start
/// them earlier. Tasks spawned by different threads, or into different scopes, have no
/// order between them. ([`scope`](crate::scope()) starts a thread's newest task first.)
///
/// # Panics
///
/// If `op` or a spawned task panics, the panic propagates once all tasks finished (the
/// first panic wins; the others are dropped).
///
/// # Examples
///
/// ```
/// use std::sync::Mutex;
/// let pool = beat_core::ThreadPoolBuilder::new().num_threads(1).build().unwrap();
/// let order = Mutex::new(Vec::new());
/// pool.install(|| {
///     beat_core::scope_fifo(|s| {
///         for i in 0..5 {
///             let order = &order;
///             s.spawn_fifo(move |_| order.lock().unwrap().push(i));
///         }
///     })
/// });
/// // One thread runs them all: oldest first.
/// assert_eq!(order.into_inner().unwrap(), [0, 1, 2, 3, 4]);
/// ```
///
/// Tasks cannot outlive the data they borrow:
///
/// ```compile_fail
/// let mut x = 0;
/// beat_core::scope_fifo(|s| {
///     s.spawn_fifo(|_| x += 1);
///     s.spawn_fifo(|_| x += 1);
/// });
/// ```
pub fn scope_fifo<'scope, OP, R>(op: OP) -> R
where
    OP: FnOnce(&ScopeFifo<'scope>) -> R + Send,
    R: Send,
{
    registry::in_worker(|owner, _| {
        let scope = ScopeFifo::new(owner.registry(), Some(owner));
        scope.base.complete(Some(owner), || op(&scope))
    })
}

/// Like [`scope_fifo`], but runs `op` on the calling thread (which need not be a pool
/// thread, and `op` need not be `Send`); spawned tasks run on the current pool.
///
/// # Panics
///
/// As [`scope_fifo`].
///
/// # Examples
///
/// ```
/// use std::rc::Rc;
/// let not_send = Rc::new(3);
/// let mut out = [0; 3];
/// beat_core::in_place_scope_fifo(|s| {
///     let n = *not_send; // the body may use non-Send data
///     for (i, slot) in out.iter_mut().enumerate() {
///         s.spawn_fifo(move |_| *slot = n * i);
///     }
/// });
/// assert_eq!(out, [0, 3, 6]);
/// ```
pub fn in_place_scope_fifo<'scope, OP, R>(op: OP) -> R
where
    OP: FnOnce(&ScopeFifo<'scope>) -> R,
{
    in_place_scope_fifo_in(&registry::current_registry(), op)
}

/// `in_place_scope_fifo` with tasks going to `registry`.
pub(crate) fn in_place_scope_fifo_in<'scope, OP, R>(registry: &Arc<Registry>, op: OP) -> R
where
    OP: FnOnce(&ScopeFifo<'scope>) -> R,
{
    let owner = registry.current_worker();
    let scope = ScopeFifo::new(registry, owner);
    scope.base.complete(owner, || op(&scope))
}

impl<'scope> ScopeFifo<'scope> {
    fn new(registry: &Arc<Registry>, owner: Option<&WorkerThread>) -> Self {
        ScopeFifo {
            base: ScopeBase::new(registry, owner),
            fifos: (0..registry.num_threads())
                .map(|_| OnceLock::new())
                .collect(),
        }
    }

    /// Spawns `body` as a task of this scope, queued behind the tasks this thread spawned
    /// into the scope before. It runs on the scope's pool, may borrow anything that
    /// outlives the scope, and receives the scope to spawn more tasks.
    ///
    /// Like [`Scope::spawn`](crate::Scope::spawn), spawning allocates nothing in steady
    /// state: the task goes into the thread's current chunk, and its queue entry into a
    /// queue made on the thread's first spawn into the scope.
    ///
    /// # Panics
    ///
    /// A panic in `body` is caught and propagates out of the scope once every task ended.
    ///
    /// # Examples
    ///
    /// ```
    /// use std::sync::atomic::{AtomicUsize, Ordering};
    /// let count = AtomicUsize::new(0);
    /// beat_core::scope_fifo(|s| {
    ///     for _ in 0..100 {
    ///         s.spawn_fifo(|s| {
    ///             count.fetch_add(1, Ordering::Relaxed);
    ///             s.spawn_fifo(|_| { count.fetch_add(1, Ordering::Relaxed); });
    ///         });
    ///     }
    /// });
    /// assert_eq!(count.into_inner(), 200);
    /// ```
    pub fn spawn_fifo<BODY>(&self, body: BODY)
    where
        BODY: FnOnce(&ScopeFifo<'scope>) + Send + 'scope,
    {
        let job = task_job(self, body);
        let registry = &self.base.registry;
        match registry.current_worker() {
            Some(w) => {
                bump(&w.stats().spawns);
                let fifo = self.fifos[w.index()].get_or_init(|| Box::new(FifoQueue::new()));
                // SAFETY: the queue lives as long as the scope, and an indirection runs
                // while the task it pops is unfinished, so before the scope ends; only
                // worker `w.index()` pushes to slot `w.index()` (the access rule).
                unsafe { w.push_fifo(fifo, job) };
            }
            // Off the pool: the injector is FIFO already.
            None => registry.inject(job),
        }
    }

    /// Spawns `body` once on every worker of the scope's pool, as tasks of this scope:
    /// each call receives the scope and a [`BroadcastContext`] naming its worker.
    ///
    /// # Panics
    ///
    /// As [`spawn_fifo`](ScopeFifo::spawn_fifo): a panic propagates out of the scope.
    ///
    /// # Examples
    ///
    /// ```
    /// use std::sync::atomic::{AtomicUsize, Ordering};
    /// let pool = beat_core::ThreadPoolBuilder::new().num_threads(2).build().unwrap();
    /// let calls = AtomicUsize::new(0);
    /// pool.scope_fifo(|s| {
    ///     s.spawn_broadcast(|_, ctx| {
    ///         assert_eq!(ctx.num_threads(), 2);
    ///         calls.fetch_add(1, Ordering::Relaxed);
    ///     });
    /// });
    /// assert_eq!(calls.into_inner(), 2);
    /// ```
    pub fn spawn_broadcast<BODY>(&self, body: BODY)
    where
        BODY: Fn(&ScopeFifo<'scope>, BroadcastContext<'_>) + Send + Sync + 'scope,
    {
        broadcast_tasks(self, body)
    }
}
