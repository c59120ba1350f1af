//! `scope`, `in_place_scope` and [`Scope::spawn`]; the FIFO variants in [`fifo`].
//!
//! Spawned tasks are stored in per-thread chunks ([`arena`]) and pushed to the spawning
//! worker's own deque, where they stay until run or stolen. The scope waits for them by
//! counting chunks, not tasks, so spawning touches no atomic shared with other threads.

pub(crate) mod arena;
pub(crate) mod fifo;
#[cfg(all(test, loom))]
mod loom_tests;
#[cfg(all(test, not(loom)))]
mod tests;

use std::any::Any;
use std::fmt;
use std::marker::PhantomData;
use std::ptr;

use crate::broadcast::BroadcastContext;
use crate::job::{Job, JobRef};
use crate::latch::{CountLatch, Latch};
use crate::registry::{self, Registry, WorkerThread};
use crate::sync::{Arc, AtomicPtr, Ordering};
use crate::unwind;

/// A scope in which tasks borrowing from the enclosing stack frame can be spawned; it
/// ends when all of them have finished. Created by [`scope`] or [`in_place_scope`].
///
/// # Examples
///
/// ```
/// let mut left = 0;
/// let mut right = 0;
/// beat_core::scope(|s| {
///     s.spawn(|_| left = 1);
///     s.spawn(|_| right = 2);
/// });
/// assert_eq!((left, right), (1, 2));
/// ```
pub struct Scope<'scope> {
    base: ScopeBase<'scope>,
}

struct ScopeBase<'scope> {
    registry: Arc<Registry>,
    /// The first panic of the body or a task, resumed by the owner once all finished.
    panic: AtomicPtr<Box<dyn Any + Send + 'static>>,
    /// Counts the owner plus each chunk (or boxed task) serving this scope.
    latch: CountLatch,
    /// Invariant in `'scope`, as in rayon.
    #[allow(clippy::type_complexity)]
    marker: PhantomData<Box<dyn FnOnce(&Scope<'scope>) + Send + Sync + 'scope>>,
}

impl fmt::Debug for Scope<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Scope")
            .field("num_threads", &self.base.registry.num_threads())
            .finish_non_exhaustive()
    }
}

/// Creates a scope on the current pool (the global one outside any pool), runs `op` in it
/// on a pool thread, and returns once `op` and every task spawned in the scope finished.
///
/// # Panics
///
/// If `op` or a spawned task panics, the panic propagates once all tasks finished (the
/// first panic wins; the others are dropped).
///
/// # Examples
///
/// ```
/// let v = vec![1, 2, 3];
/// let mut sums = [0; 2];
/// let (a, b) = sums.split_at_mut(1);
/// beat_core::scope(|s| {
///     s.spawn(|_| a[0] = v.iter().sum());
///     s.spawn(|_| b[0] = v.iter().product());
/// });
/// assert_eq!(sums, [6, 6]);
/// ```
///
/// Tasks cannot outlive the data they borrow:
///
/// ```compile_fail
/// let mut x = 0;
/// beat_core::scope(|s| {
///     s.spawn(|_| x += 1);
///     s.spawn(|_| x += 1);
/// });
/// ```
pub fn scope<'scope, OP, R>(op: OP) -> R
where
    OP: FnOnce(&Scope<'scope>) -> R + Send,
    R: Send,
{
    registry::in_worker(|owner, _| {
        let scope = Scope::new(owner.registry(), Some(owner));
        scope.base.complete(Some(owner), || op(&scope))
    })
}

/// Like [`scope`], but runs `op` on the calling thread (which need not be a pool thread,
/// and `op` need not be `Send`); spawned tasks run on the current pool.
///
/// # Panics
///
/// As [`scope`].
///
/// # Examples
///
/// ```
/// use std::rc::Rc;
/// let not_send = Rc::new(5);
/// let mut out = 0;
/// let slot = &mut out;
/// beat_core::in_place_scope(|s| {
///     let n = *not_send; // the body may use non-Send data
///     s.spawn(move |_| *slot = n * 2);
/// });
/// assert_eq!(out, 10);
/// ```
pub fn in_place_scope<'scope, OP, R>(op: OP) -> R
where
    OP: FnOnce(&Scope<'scope>) -> R,
{
    in_place_scope_in(&registry::current_registry(), op)
}

/// `in_place_scope` with tasks going to `registry`.
pub(crate) fn in_place_scope_in<'scope, OP, R>(registry: &Arc<Registry>, op: OP) -> R
where
    OP: FnOnce(&Scope<'scope>) -> R,
{
    let wt = WorkerThread::current();
    // SAFETY: a non-null current worker pointer is valid while its thread runs.
    let owner = unsafe { wt.as_ref() }.filter(|w| w.registry().id() == registry.id());
    let scope = Scope::new(registry, owner);
    scope.base.complete(owner, || op(&scope))
}

/// A pointer to a scope that tasks carry to other threads.
struct ScopePtr<T>(*const T);

// SAFETY: the pointee (a `Scope` or `ScopeFifo`) is `Sync`, and it outlives every task
// holding the pointer because the scope waits for all of them.
unsafe impl<T: Sync> Send for ScopePtr<T> {}
// SAFETY: as for `Send`: sharing the pointer only shares `&T`, and `T` is `Sync`.
unsafe impl<T: Sync> Sync for ScopePtr<T> {}

impl<T> ScopePtr<T> {
    /// # Safety
    ///
    /// The scope must still be alive (true inside one of its tasks).
    unsafe fn as_ref(&self) -> &T {
        // SAFETY: forwarded to the caller.
        unsafe { &*self.0 }
    }
}

impl<'scope> Scope<'scope> {
    fn new(registry: &Arc<Registry>, owner: Option<&WorkerThread>) -> Self {
        Scope {
            base: ScopeBase::new(registry, owner),
        }
    }

    /// Spawns `body` as a task of this scope. It runs on the scope's pool, may borrow
    /// anything that outlives the scope, and receives the scope to spawn more tasks.
    ///
    /// Spawning allocates nothing in steady state and touches no atomic shared with other
    /// threads; on a pool thread the task goes to that thread's own deque.
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
    /// beat_core::scope(|s| {
    ///     for _ in 0..100 {
    ///         s.spawn(|s| {
    ///             count.fetch_add(1, Ordering::Relaxed);
    ///             s.spawn(|_| { count.fetch_add(1, Ordering::Relaxed); });
    ///         });
    ///     }
    /// });
    /// assert_eq!(count.into_inner(), 200);
    /// ```
    pub fn spawn<BODY>(&self, body: BODY)
    where
        BODY: FnOnce(&Scope<'scope>) + Send + 'scope,
    {
        let job = task_job(self, body);
        self.base.registry.inject_or_push(job);
    }

    /// Spawns `body` once on every worker of the scope's pool, as tasks of this scope:
    /// each call receives the scope and a [`BroadcastContext`] naming its worker.
    ///
    /// # Panics
    ///
    /// As [`spawn`](Scope::spawn): a panic propagates out of the scope.
    ///
    /// # Examples
    ///
    /// ```
    /// use std::sync::atomic::{AtomicUsize, Ordering};
    /// let pool = beat_core::ThreadPoolBuilder::new().num_threads(3).build().unwrap();
    /// let seen = AtomicUsize::new(0);
    /// pool.scope(|s| {
    ///     s.spawn_broadcast(|_, ctx| {
    ///         seen.fetch_or(1 << ctx.index(), Ordering::Relaxed);
    ///     });
    /// });
    /// assert_eq!(seen.into_inner(), 0b111);
    /// ```
    pub fn spawn_broadcast<BODY>(&self, body: BODY)
    where
        BODY: Fn(&Scope<'scope>, BroadcastContext<'_>) + Send + Sync + 'scope,
    {
        broadcast_tasks(self, body)
    }
}

/// A scope type that tasks receive: [`Scope`] or [`ScopeFifo`](fifo::ScopeFifo).
trait ScopeHandle<'scope>: Sync {
    fn base(&self) -> &ScopeBase<'scope>;
}

impl<'scope> ScopeHandle<'scope> for Scope<'scope> {
    fn base(&self) -> &ScopeBase<'scope> {
        &self.base
    }
}

/// Stores `body(scope)` as a task of `scope` (in the calling thread's chunk) and returns the
/// job that runs it; the caller publishes the job.
fn task_job<'scope, S, BODY>(scope: &S, body: BODY) -> JobRef
where
    S: ScopeHandle<'scope>,
    BODY: FnOnce(&S) + Send + 'scope,
{
    let scope_ptr = ScopePtr(scope);
    let task = move || {
        // SAFETY: tasks run before the scope (which waits for them) ends.
        let scope = unsafe { scope_ptr.as_ref() };
        let base = scope.base();
        arena::in_context(&base.latch, || base.execute_task(|| body(scope)));
    };
    // SAFETY: we hold a count of the scope (we run its body or one of its tasks, or
    // something they wait for, since `&S` cannot outlive the scope).
    unsafe { arena::alloc(&scope.base().latch, task) }
}

/// Spawns `body` on every worker of `scope`'s pool as tasks of `scope`.
fn broadcast_tasks<'scope, S, BODY>(scope: &S, body: BODY)
where
    S: ScopeHandle<'scope>,
    BODY: Fn(&S, BroadcastContext<'_>) + Send + Sync + 'scope,
{
    let base = scope.base();
    let n = base.registry.num_threads();
    let scope_ptr = ScopePtr(scope);
    let job = Arc::new(BroadcastTask {
        latch: &base.latch,
        func: move || {
            // SAFETY: tasks run before the scope (which waits for them) ends.
            let scope = unsafe { scope_ptr.as_ref() };
            let base = scope.base();
            arena::in_context(&base.latch, || {
                base.execute_task(|| BroadcastContext::with(|ctx| body(scope, ctx)))
            });
        },
    });
    for _ in 0..n {
        // One count per run, given back by `BroadcastTask::execute`.
        base.latch.increment();
    }
    base.registry
        .inject_broadcast((0..n).map(|_| BroadcastTask::job_ref(&job)));
}

/// The shared job of a scope broadcast: each run owns one strong count and one count of
/// the scope's latch, and gives back the strong count first, so that the last run drops
/// `func` (which may borrow from the scope's frame) before the scope can end.
struct BroadcastTask<F> {
    latch: *const CountLatch,
    func: F,
}

impl<F: Fn() + Send + Sync> BroadcastTask<F> {
    fn job_ref(this: &Arc<Self>) -> JobRef {
        let raw = Arc::into_raw(Arc::clone(this));
        // SAFETY: the strong count taken above keeps the job alive until `execute` gives
        // it back, once per JobRef.
        unsafe { JobRef::new(raw) }
    }
}

impl<F: Fn() + Send + Sync> Job for BroadcastTask<F> {
    unsafe fn execute(this: *const ()) {
        // SAFETY: `this` came from `Arc::into_raw` in `job_ref` and runs once.
        let this = unsafe { Arc::from_raw(this as *const Self) };
        let latch = this.latch;
        // Panics are caught inside `func` (`execute_task`); the guard covers the rest.
        let abort = unwind::AbortIfPanic;
        (this.func)();
        drop(this);
        // SAFETY: this run holds a count of the latch, so the scope is still waiting.
        unsafe { CountLatch::set(latch) };
        abort.disarm();
    }
}

impl ScopeBase<'_> {
    fn new(registry: &Arc<Registry>, owner: Option<&WorkerThread>) -> Self {
        ScopeBase {
            registry: Arc::clone(registry),
            panic: AtomicPtr::new(ptr::null_mut()),
            latch: CountLatch::new(owner),
            marker: PhantomData,
        }
    }

    /// Runs the body on the owner thread, then waits for every task; resumes the first
    /// panic.
    fn complete<R>(&self, owner: Option<&WorkerThread>, func: impl FnOnce() -> R) -> R {
        let result = arena::in_context(&self.latch, || unwind::halt_unwinding(func));
        let result = match result {
            Ok(r) => Some(r),
            Err(err) => {
                self.task_panicked(err);
                None
            }
        };
        // Drop the owner's count, then wait for the tasks' counts.
        // SAFETY: the latch lives in `self`, which outlives the wait below.
        unsafe { CountLatch::set(&self.latch) };
        self.latch.wait(owner);
        self.maybe_propagate_panic();
        result.expect("the body's panic was resumed above")
    }

    fn execute_task(&self, f: impl FnOnce()) {
        if let Err(err) = unwind::halt_unwinding(f) {
            self.task_panicked(err);
        }
    }

    #[cold]
    fn task_panicked(&self, err: Box<dyn Any + Send + 'static>) {
        let boxed = Box::into_raw(Box::new(err));
        // Release: publishes the payload to the owner (pairs with the Acquire swap in
        // `maybe_propagate_panic`, which also follows the latch's AcqRel chain).
        if self
            .panic
            .compare_exchange(ptr::null_mut(), boxed, Ordering::Release, Ordering::Relaxed)
            .is_err()
        {
            // SAFETY: `boxed` was not stored; we still own it.
            drop(unsafe { Box::from_raw(boxed) });
        }
    }

    fn maybe_propagate_panic(&self) {
        // Acquire: pairs with the Release CAS in `task_panicked`.
        let p = self.panic.swap(ptr::null_mut(), Ordering::Acquire);
        if !p.is_null() {
            // SAFETY: a non-null pointer was stored by `task_panicked` from `Box::into_raw`
            // and is taken exactly once, here.
            let err = unsafe { Box::from_raw(p) };
            unwind::resume_unwinding(*err);
        }
    }
}
