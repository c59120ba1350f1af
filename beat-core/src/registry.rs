//! The workers of a pool: their deques, the injector, the worker loop and `find_work`.
//!
//! Each worker owns a LIFO crossbeam-deque `Worker`; other workers steal from the front of
//! it in batches. Work from outside the pool goes through the `Injector`. Each worker also
//! has a *mailbox* (jobs only it may run: `broadcast`) and a FIFO queue behind indirection
//! jobs (`spawn_fifo`). A worker that finds nothing goes through the idle protocol of
//! [`crate::sleep`].
//!
//! A search beyond the mailbox tries other workers' deques, then the injector, except that
//! every `INJECTOR_FIRST_EVERY`th search of a worker tries the injector first
//! ([`steal_in_order`]). So work from outside the pool is not starved by busy workers: a
//! worker takes a job it sees in the injector within that many of its searches, even when
//! every peer's deque always has work. The loom model in `loom_tests` below checks this
//! against a concurrent push, for every starting count; `tests` checks the exact bound.

use std::cell::Cell;
use std::ptr;
use std::sync::OnceLock;

use crate::deque::{Injector, Steal, Stealer, Worker};
use crossbeam_utils::CachePadded;

use crate::job::{FifoQueue, JobRef, StackJob};
use crate::latch::{CoreLatch, LockLatch, SpinLatch};
use crate::pool::builder::{
    PanicHandler, ThreadBuilder, ThreadPoolBuildError, ThreadPoolBuilder, ThreadSpawn,
};
use crate::sleep::{Idled, Sleep};
use crate::stats::{bump, Stats, WorkerStats};
use crate::sync::{Arc, AtomicU64, AtomicUsize, Ordering};
use crate::unwind;

type ThreadHandler = dyn Fn(usize) + Send + Sync;

/// One worker's public face: what other threads may touch.
#[derive(Debug)]
struct ThreadInfo {
    stealer: Stealer<JobRef>,
    /// Set when the pool terminates; the worker loop waits on it.
    terminate: CoreLatch,
    /// Jobs that this worker, and no other, must run (one per `broadcast`). Pushed by any
    /// thread, popped only by the worker; every search of the worker looks here first, so
    /// the sleep protocol covers it (see `sleep/README.md`).
    mailbox: Injector<JobRef>,
    /// The worker's `spawn_fifo` tasks, behind indirection jobs on its deque. The worker
    /// owns it: no other thread pushes to it (see [`FifoQueue`]).
    fifo: FifoQueue,
}

/// A pool's shared state.
pub(crate) struct Registry {
    thread_infos: Vec<ThreadInfo>,
    injector: Injector<JobRef>,
    pub(crate) sleep: Sleep,
    stats: Vec<CachePadded<WorkerStats>>,
    injected: CachePadded<AtomicU64>,
    /// One for each `ThreadPool` handle plus one for each `spawn`ed job still to run; the
    /// pool terminates when it reaches zero.
    terminate_count: AtomicUsize,
    panic_handler: Option<Box<PanicHandler>>,
    start_handler: Option<Box<ThreadHandler>>,
    exit_handler: Option<Box<ThreadHandler>>,
}

impl std::fmt::Debug for Registry {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Registry")
            .field("num_threads", &self.thread_infos.len())
            .finish_non_exhaustive()
    }
}

static THE_REGISTRY: OnceLock<Arc<Registry>> = OnceLock::new();
// Global initialisation is not a protocol beat models, so it uses std's lock directly.
static THE_REGISTRY_INIT: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// The global registry, built with the default configuration on first use.
pub(crate) fn global_registry() -> &'static Arc<Registry> {
    if let Some(r) = THE_REGISTRY.get() {
        return r;
    }
    init_global_registry(ThreadPoolBuilder::new()).unwrap_or_else(|err| {
        unwind::abort_with(&format!("beat: cannot start the global thread pool: {err}"))
    })
}

/// The global registry, if it was built already.
pub(crate) fn global_registry_if_built() -> Option<&'static Arc<Registry>> {
    THE_REGISTRY.get()
}

/// Builds the global registry from `builder`, unless one exists already.
fn init_global_registry<S: ThreadSpawn>(
    builder: ThreadPoolBuilder<S>,
) -> Result<&'static Arc<Registry>, ThreadPoolBuildError> {
    let _guard = THE_REGISTRY_INIT
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    if let Some(r) = THE_REGISTRY.get() {
        return Ok(r);
    }
    let registry = Registry::new(builder)?;
    Ok(THE_REGISTRY.get_or_init(|| registry))
}

/// Builds the global registry; an error if it exists already.
pub(crate) fn set_global_registry<S: ThreadSpawn>(
    builder: ThreadPoolBuilder<S>,
) -> Result<(), ThreadPoolBuildError> {
    let _guard = THE_REGISTRY_INIT
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    if THE_REGISTRY.get().is_some() {
        return Err(ThreadPoolBuildError::global_pool_already_initialized());
    }
    let registry = Registry::new(builder)?;
    // Cannot fail: we hold the init lock and checked above.
    let _ = THE_REGISTRY.set(registry);
    Ok(())
}

/// Terminates a half-built registry if building fails midway: the threads started so far
/// exit, and the calling thread leaves the pool if `use_current_thread` adopted it.
struct Terminator<'a>(&'a Arc<Registry>);

impl Drop for Terminator<'_> {
    fn drop(&mut self) {
        WorkerThread::release_adopted(self.0);
        self.0.terminate();
    }
}

impl Registry {
    pub(crate) fn new<S: ThreadSpawn>(
        mut builder: ThreadPoolBuilder<S>,
    ) -> Result<Arc<Registry>, ThreadPoolBuildError> {
        let n_threads = builder.resolved_num_threads()?;
        let use_current = builder.use_current_thread;
        if use_current && !WorkerThread::current().is_null() {
            return Err(ThreadPoolBuildError::current_thread_already_in_pool());
        }
        let workers: Vec<Worker<JobRef>> = (0..n_threads).map(|_| Worker::new_lifo()).collect();
        let registry = Arc::new(Registry {
            thread_infos: workers
                .iter()
                .map(|w| ThreadInfo {
                    stealer: w.stealer(),
                    terminate: CoreLatch::new(),
                    mailbox: Injector::new(),
                    fifo: FifoQueue::new(),
                })
                .collect(),
            injector: Injector::new(),
            sleep: Sleep::new(n_threads),
            stats: (0..n_threads).map(|_| CachePadded::default()).collect(),
            injected: CachePadded::default(),
            terminate_count: AtomicUsize::new(1),
            panic_handler: builder.panic_handler.take(),
            start_handler: builder.start_handler.take(),
            exit_handler: builder.exit_handler.take(),
        });
        let terminator = Terminator(&registry);
        for (index, worker) in workers.into_iter().enumerate() {
            let thread = ThreadBuilder {
                name: builder.name_of_thread(index),
                stack_size: builder.stack_size,
                registry: Arc::clone(&registry),
                worker,
                index,
            };
            if index == 0 && use_current {
                WorkerThread::adopt_current(thread);
                continue;
            }
            builder
                .spawn_handler
                .spawn(thread)
                .map_err(ThreadPoolBuildError::io)?;
        }
        std::mem::forget(terminator);
        Ok(registry)
    }

    #[inline]
    pub(crate) fn num_threads(&self) -> usize {
        self.thread_infos.len()
    }

    /// Identity of the registry, for "is this my pool" checks.
    #[inline]
    pub(crate) fn id(&self) -> *const Registry {
        self
    }

    pub(crate) fn stats(&self) -> Stats {
        let mut s = Stats::from_workers(
            self.stats.iter().map(|s| s.snapshot()).collect(),
            self.injected.load(Ordering::Relaxed),
        );
        // Calls on threads outside every pool count toward the global pool.
        if global_registry_if_built().is_some_and(|g| ptr::eq(Arc::as_ptr(g), self)) {
            let (fast_path, batches) = crate::stats::outside::totals();
            s.fast_path_calls += fast_path;
            s.batches += batches;
        }
        s.call_sites = crate::__internal::estimates();
        s
    }

    /// Pushes a job from outside the pool (or from another pool).
    pub(crate) fn inject(&self, job: JobRef) {
        self.inject_waking(job, 1);
    }

    /// [`inject`](Self::inject), announcing the job as `wake` jobs: up to `wake` parked
    /// workers are woken, fewer when some are searching already.
    fn inject_waking(&self, job: JobRef, wake: usize) {
        // Relaxed: a statistic written by many threads, so a real RMW; off the hot path.
        self.injected.fetch_add(1, Ordering::Relaxed);
        self.injector.push(job);
        self.sleep.new_jobs(wake);
    }

    /// Pushes one job to each worker's mailbox, `jobs[i]` to worker `i`, and wakes them.
    ///
    /// # Panics
    ///
    /// If `jobs` does not hold exactly one job per worker.
    pub(crate) fn inject_broadcast(&self, jobs: impl ExactSizeIterator<Item = JobRef>) {
        assert_eq!(
            jobs.len(),
            self.num_threads(),
            "one broadcast job per worker"
        );
        for (info, job) in self.thread_infos.iter().zip(jobs) {
            info.mailbox.push(job);
        }
        self.sleep.new_broadcast_jobs();
    }

    /// The calling thread's worker, if it is one of this pool's.
    #[inline]
    pub(crate) fn current_worker(&self) -> Option<&WorkerThread> {
        let wt = WorkerThread::current();
        // SAFETY: a non-null current worker pointer is valid while its thread runs, which
        // outlives any borrow the caller can make of it.
        unsafe { wt.as_ref() }.filter(|w| w.registry.id() == self.id())
    }

    /// Queues a spawned task: on the current worker's deque when it belongs to this pool
    /// (it stays local until stolen), else through the injector.
    #[inline]
    pub(crate) fn inject_or_push(&self, job: JobRef) {
        match self.current_worker() {
            Some(w) => {
                bump(&w.stats().spawns);
                w.push(job)
            }
            None => self.inject(job),
        }
    }

    /// Queues a `spawn_fifo` task: behind the current worker's FIFO queue when it belongs
    /// to this pool, else through the injector (which is FIFO already).
    pub(crate) fn inject_or_push_fifo(&self, job: JobRef) {
        match self.current_worker() {
            Some(w) => {
                bump(&w.stats().spawns);
                // SAFETY: the queue lives in this registry, which the worker that runs the
                // indirection (a worker of this pool) keeps alive; worker `w` owns the queue
                // of its own `ThreadInfo` (the only one to push to it).
                unsafe { w.push_fifo(&self.thread_infos[w.index].fifo, job) }
            }
            None => self.inject(job),
        }
    }

    /// Runs `op` on a worker of this pool, blocking (or helping) until it is done.
    #[inline]
    pub(crate) fn in_worker<OP, R>(self: &Arc<Self>, op: OP) -> R
    where
        OP: FnOnce(&WorkerThread, bool) -> R + Send,
        R: Send,
    {
        let wt = WorkerThread::current();
        if wt.is_null() {
            self.in_worker_cold(op)
        } else {
            // SAFETY: a non-null current worker pointer is valid while its thread runs.
            let wt = unsafe { &*wt };
            if wt.registry.id() == self.id() {
                op(wt, false)
            } else {
                self.in_worker_cross(wt, op)
            }
        }
    }

    /// From a thread outside any pool: inject `op` and block until it finished.
    #[cold]
    pub(crate) fn in_worker_cold<OP, R>(&self, op: OP) -> R
    where
        OP: FnOnce(&WorkerThread, bool) -> R + Send,
        R: Send,
    {
        let job = StackJob::new(injected_op(op), LockLatch::new());
        // A job a thread outside the pool waits for (`install`, `scope`, `join`) usually
        // starts parallel work, so a second worker is woken with the first instead of by
        // the job's first fork or spawn, whose thread would then pay for the wake-up on
        // its critical path (sleep/README.md has the figures).
        // SAFETY: `job` lives on this stack until its latch is set below.
        self.inject_waking(unsafe { job.as_job_ref() }, 2);
        job.latch.wait();
        // SAFETY: the latch was observed set.
        unsafe { job.into_result() }
    }

    /// From a worker of another pool: inject `op` here, and keep `current` working in its
    /// own pool until `op` finished.
    #[cold]
    fn in_worker_cross<OP, R>(&self, current: &WorkerThread, op: OP) -> R
    where
        OP: FnOnce(&WorkerThread, bool) -> R + Send,
        R: Send,
    {
        let job = StackJob::new(injected_op(op), SpinLatch::cross(current));
        // SAFETY: `job` lives on this stack until its latch is set below.
        self.inject(unsafe { job.as_job_ref() });
        current.wait_until(job.latch.core());
        // SAFETY: the latch was observed set.
        unsafe { job.into_result() }
    }

    /// Called by a latch setter whose owner `index` was sleeping on the latch.
    pub(crate) fn notify_worker_latch_is_set(&self, index: usize) {
        self.sleep.wake_specific(index);
    }

    /// Keeps the pool alive for one more `spawn`ed job.
    pub(crate) fn increment_terminate_count(&self) {
        // Relaxed: the caller holds a count already (a pool handle or a running job).
        let old = self.terminate_count.fetch_add(1, Ordering::Relaxed);
        debug_assert!(old != 0, "spawn into a terminated pool");
    }

    /// Drops one count; at zero, tells every worker to stop once it is idle.
    pub(crate) fn terminate(&self) {
        // AcqRel: the last decrement must see every job's effects before workers exit.
        if self.terminate_count.fetch_sub(1, Ordering::AcqRel) == 1 {
            for (i, info) in self.thread_infos.iter().enumerate() {
                // SAFETY: the latch lives in `self`, which outlives this call.
                if unsafe { CoreLatch::set(&info.terminate) } {
                    self.sleep.wake_specific(i);
                }
            }
        }
    }

    /// Runs a user closure whose panic goes to the panic handler (or aborts without one);
    /// `what` names the closure in the abort message ("a spawned task").
    pub(crate) fn catch_unwind(&self, what: &str, f: impl FnOnce()) {
        if let Err(err) = unwind::halt_unwinding(f) {
            self.handle_panic(what, err);
        }
    }

    #[cold]
    fn handle_panic(&self, what: &str, err: Box<dyn std::any::Any + Send>) {
        match &self.panic_handler {
            Some(handler) => {
                if let Err(again) = unwind::halt_unwinding(|| handler(err)) {
                    // Dropping the payload could panic once more; we abort anyway.
                    std::mem::forget(again);
                    unwind::abort_with("beat: the panic_handler panicked; aborting");
                }
            }
            None => unwind::abort_with(&format!(
                "beat: {what} panicked and the pool has no panic_handler; aborting"
            )),
        }
    }

    fn steal_injector(&self, dest: &Worker<JobRef>) -> Option<JobRef> {
        loop {
            match self.injector.steal_batch_and_pop(dest) {
                Steal::Success(job) => return Some(job),
                Steal::Empty => return None,
                Steal::Retry => crate::sync::spin_hint(),
            }
        }
    }
}

thread_local! {
    static WORKER_THREAD_STATE: Cell<*const WorkerThread> = const { Cell::new(ptr::null()) };
    /// The worker this thread was adopted as by `use_current_thread`, freed at thread exit.
    static ADOPTED: Cell<Option<Adopted>> = const { Cell::new(None) };
}

/// A worker that `use_current_thread` made of a thread outside the pool; freed on drop.
///
/// Held as a raw pointer rather than a `Box`: the thread-local current-worker pointer
/// aliases it, and moving a `Box` asserts unique access to its contents, which would
/// invalidate that pointer.
struct Adopted(ptr::NonNull<WorkerThread>);

impl Adopted {
    fn new(worker: WorkerThread) -> Self {
        Adopted(ptr::NonNull::from(Box::leak(Box::new(worker))))
    }
}

impl Drop for Adopted {
    fn drop(&mut self) {
        // SAFETY: the pointer came from `Box::leak` in `new` and is freed only here.
        drop(unsafe { Box::from_raw(self.0.as_ptr()) });
    }
}

/// The thread-local state of a worker thread.
///
/// Access rule: a `WorkerThread` is only used by its own thread; other threads reach its
/// deque through the `Stealer` in [`ThreadInfo`].
pub(crate) struct WorkerThread {
    worker: Worker<JobRef>,
    index: usize,
    registry: Arc<Registry>,
    /// Points into `registry` (kept alive by the field above): saves a pointer chase on the
    /// join fast path.
    stats: *const WorkerStats,
    rng: Cell<u64>,
    ticks: Cell<u32>,
    /// How many of this thread's jobs are waiting (in `join`, a scope, `yield_now`) and
    /// running other jobs meanwhile: 0 while the job running now sits at the bottom, on the
    /// worker loop. Kept on the waiting paths only, so that running a job costs nothing
    /// more.
    waiting: Cell<u32>,
}

impl std::fmt::Debug for WorkerThread {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WorkerThread")
            .field("index", &self.index)
            .finish_non_exhaustive()
    }
}

/// How often (in searches) a worker looks at the injector before other workers' deques.
const INJECTOR_FIRST_EVERY: u32 = 8;

/// The order of one search beyond the mailbox: other workers' deques (`peers`), then the
/// injector; but every `INJECTOR_FIRST_EVERY`th search, counted by `ticks`, tries the
/// injector first.
///
/// This is the fairness rule for work from outside the pool: a worker whose peers always
/// have work to steal still takes a job visible in the injector within
/// `INJECTOR_FIRST_EVERY` of its searches (the counter wraps at a multiple of it, so the
/// period holds across the wrap). Generic over the two sources so that the loom model
/// (`loom_tests` below) drives this very function with stand-ins for crossbeam's queues.
#[inline]
fn steal_in_order<T>(
    ticks: &Cell<u32>,
    peers: impl FnOnce() -> Option<T>,
    mut injector: impl FnMut() -> Option<T>,
) -> Option<T> {
    let tick = ticks.get().wrapping_add(1);
    ticks.set(tick);
    if tick % INJECTOR_FIRST_EVERY == 0 {
        if let Some(job) = injector() {
            return Some(job);
        }
    }
    peers().or_else(injector)
}

// The tick counter wraps at a multiple of the period, so no search order is skipped there.
const _: () = assert!((u32::MAX as u64 + 1) % INJECTOR_FIRST_EVERY as u64 == 0);

impl WorkerThread {
    fn from_builder(thread: ThreadBuilder) -> WorkerThread {
        let stats: *const WorkerStats = &*thread.registry.stats[thread.index];
        WorkerThread {
            worker: thread.worker,
            index: thread.index,
            registry: thread.registry,
            stats,
            rng: Cell::new(0x9E37_79B9_7F4A_7C15 ^ ((thread.index as u64 + 1) << 17)),
            ticks: Cell::new(0),
            waiting: Cell::new(0),
        }
    }

    /// The current thread's worker, or null outside any pool.
    #[inline]
    pub(crate) fn current() -> *const WorkerThread {
        WORKER_THREAD_STATE.with(Cell::get)
    }

    fn set_current(thread: *const WorkerThread) {
        WORKER_THREAD_STATE.with(|t| t.set(thread));
    }

    /// Makes the current thread worker 0 of a pool (`use_current_thread`).
    fn adopt_current(thread: ThreadBuilder) {
        let adopted = Adopted::new(WorkerThread::from_builder(thread));
        Self::set_current(adopted.0.as_ptr());
        ADOPTED.with(|a| a.set(Some(adopted)));
    }

    /// Releases the current thread from the pool `registry` if it was adopted into it.
    pub(crate) fn release_adopted(registry: &Registry) {
        let current = Self::current();
        // SAFETY: a non-null current worker pointer is valid while its thread runs.
        if let Some(w) = unsafe { current.as_ref() } {
            if w.registry.id() == registry.id() {
                Self::set_current(ptr::null());
                ADOPTED.with(|a| drop(a.take()));
            }
        }
    }

    #[inline]
    pub(crate) fn index(&self) -> usize {
        self.index
    }

    #[inline]
    pub(crate) fn registry(&self) -> &Arc<Registry> {
        &self.registry
    }

    #[inline]
    pub(crate) fn stats(&self) -> &WorkerStats {
        // SAFETY: `stats` points into `self.registry`, which `self` keeps alive.
        unsafe { &*self.stats }
    }

    /// Jobs queued in this worker's deque (stale as soon as read: thieves take from it).
    #[inline]
    pub(crate) fn local_len(&self) -> usize {
        self.worker.len()
    }

    /// Whether publishing one more job can feed another worker: the deque is empty, or
    /// holds fewer jobs than there are workers searching for work.
    #[inline]
    pub(crate) fn should_publish(&self) -> bool {
        let queued = self.worker.len();
        queued == 0 || queued < self.registry.sleep.counters().searching()
    }

    /// Pushes a job to the local deque, waking a sleeper if nobody is searching.
    #[inline]
    pub(crate) fn push(&self, job: JobRef) {
        self.worker.push(job);
        // A local push needs no wake-up for liveness: this worker pops its own jobs before
        // it can idle. Waking is for parallelism, so a plain load decides (no fence).
        let c = self.registry.sleep.counters();
        if c.sleeping() > 0 && c.searching() == 0 {
            self.registry.sleep.new_jobs(1);
        }
    }

    /// Queues `job` behind `fifo` and pushes the indirection that runs it to the local deque.
    ///
    /// # Safety
    ///
    /// `fifo` must outlive the indirection's run, and this worker must be its owner: the
    /// only thread that ever pushes to it (which also keeps its jobs in push order).
    #[inline]
    pub(crate) unsafe fn push_fifo(&self, fifo: &FifoQueue, job: JobRef) {
        // SAFETY: ownership and lifetime are forwarded; the indirection goes to one deque,
        // which runs it once.
        let indirection = unsafe { fifo.push(job) };
        self.push(indirection);
    }

    /// Pops the most recent local job.
    #[inline]
    pub(crate) fn take_local_job(&self) -> Option<JobRef> {
        self.worker.pop()
    }

    /// Takes the oldest job of this worker's mailbox.
    #[inline]
    fn take_mailbox_job(&self) -> Option<JobRef> {
        let mailbox = &self.registry.thread_infos[self.index].mailbox;
        // Two loads instead of `steal`'s fence, on every round of an idle search; a push
        // completed before the caller's last SeqCst fence is seen (see sleep/README.md).
        if mailbox.is_empty() {
            return None;
        }
        loop {
            match mailbox.steal() {
                Steal::Success(job) => return Some(job),
                Steal::Empty => return None,
                Steal::Retry => crate::sync::spin_hint(),
            }
        }
    }

    /// Executes a job on this worker.
    #[inline]
    pub(crate) fn execute(&self, job: JobRef) {
        // Counted first, so that whoever waits for the job sees the count.
        bump(&self.stats().jobs_executed);
        // SAFETY: jobs in our queues are live and each is taken from a queue exactly once.
        unsafe { job.execute() };
    }

    /// Executes a job on top of the job running now, which waits (in `join`, a scope,
    /// `yield_now`) and runs others meanwhile.
    pub(crate) fn execute_on_top(&self, job: JobRef) {
        self.start_waiting();
        self.execute(job);
        self.stop_waiting();
    }

    /// The job running now starts running others on top of itself. Jobs catch their own
    /// panics (a panic in the scheduler aborts), so no unwind skips [`stop_waiting`].
    ///
    /// [`stop_waiting`]: WorkerThread::stop_waiting
    fn start_waiting(&self) {
        self.waiting.set(self.waiting.get() + 1);
    }

    /// The job running now is done running others on top of itself.
    fn stop_waiting(&self) {
        self.waiting.set(self.waiting.get() - 1);
    }

    /// Whether the job running now runs on top of another job of this thread, which may be
    /// waiting for work that other threads are doing.
    pub(crate) fn nested(&self) -> bool {
        self.waiting.get() > 0
    }

    /// Looks for work: local deque, then the mailbox, other deques and the injector.
    pub(crate) fn find_work(&self) -> Option<JobRef> {
        self.take_local_job().or_else(|| self.search())
    }

    /// Looks for work beyond the local deque: the mailbox first (nobody else can run its
    /// jobs), then other deques and the injector. Every search of an idle worker goes
    /// through here, which the sleep protocol relies on.
    fn search(&self) -> Option<JobRef> {
        self.take_mailbox_job().or_else(|| self.steal_or_inject())
    }

    fn steal_or_inject(&self) -> Option<JobRef> {
        let registry = &*self.registry;
        let found = steal_in_order(
            &self.ticks,
            || self.steal_from_peers(),
            || registry.steal_injector(&self.worker),
        );
        bump(if found.is_some() {
            &self.stats().steals
        } else {
            &self.stats().failed_steals
        });
        if found.is_some() && !self.worker.is_empty() {
            // A batch steal moved more jobs into this deque than the one it returned. They
            // were in neither deque for a moment, so a worker about to park may have missed
            // them in its last search: announce them as a push to the injector does, which
            // makes such a worker search again (sleep/README.md, and the loom model
            // `no_lost_wakeup_for_jobs_a_batch_steal_leaves_behind`). This thread counts as
            // searching still, so this wakes nobody; `wake_helper` does that after.
            registry.sleep.new_jobs(1);
        }
        found
    }

    fn next_random(&self, n: usize) -> usize {
        // xorshift64*: fast, good enough to spread victims.
        let mut x = self.rng.get();
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.rng.set(x);
        (x.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 32) as usize % n
    }

    /// One sweep over the other workers from a random start, stealing a batch.
    fn steal_from_peers(&self) -> Option<JobRef> {
        let infos = &self.registry.thread_infos;
        let n = infos.len();
        if n <= 1 {
            return None;
        }
        let start = self.next_random(n);
        loop {
            let mut retry = false;
            for victim in (start..n).chain(0..start) {
                if victim == self.index {
                    continue;
                }
                match infos[victim].stealer.steal_batch_and_pop(&self.worker) {
                    Steal::Success(job) => return Some(job),
                    Steal::Retry => retry = true,
                    Steal::Empty => {}
                }
            }
            if !retry {
                return None;
            }
        }
    }

    /// Whether jobs are queued where any worker could take them: any deque (the one just
    /// stolen from included) or the injector. A snapshot, for the wake-up heuristic.
    fn work_visible(&self) -> bool {
        let registry = &*self.registry;
        !self.worker.is_empty()
            || !registry.injector.is_empty()
            || registry.thread_infos.iter().any(|i| !i.stealer.is_empty())
    }

    /// Runs jobs until `latch` is set.
    #[inline]
    pub(crate) fn wait_until(&self, latch: &CoreLatch) {
        if !latch.probe() {
            self.wait_until_cold(latch);
        }
    }

    /// [`wait_until`](WorkerThread::wait_until) once the latch was found unset: the job that
    /// waits runs others on top of itself meanwhile.
    #[cold]
    fn wait_until_cold(&self, latch: &CoreLatch) {
        self.start_waiting();
        self.find_until(latch, false);
        self.stop_waiting();
    }

    /// Runs jobs until `latch` is set: local ones first, then whatever a search finds,
    /// sleeping when there is none. `capped`: whether this search counts against the cap
    /// on searching workers (true only for the worker loop, whose jobs run at the bottom of
    /// the thread).
    fn find_until(&self, latch: &CoreLatch, capped: bool) {
        let sleep = &self.registry.sleep;
        'outer: while !latch.probe() {
            if let Some(job) = self.take_local_job() {
                self.execute(job);
                continue;
            }
            let mut idle = sleep.start_looking(self.index, capped);
            while !latch.probe() {
                if let Some(job) = self.search() {
                    let after = sleep.work_found();
                    sleep.wake_helper(after, || self.work_visible());
                    self.execute(job);
                    continue 'outer;
                }
                if sleep.no_work_found(&mut idle, latch) == Idled::Parked {
                    bump(&self.stats().parks);
                    bump(&self.stats().wakeups);
                }
            }
            sleep.work_found();
            return;
        }
    }

    /// One round of `yield_now`: run one job if any is to be found.
    pub(crate) fn yield_now(&self) -> bool {
        match self.find_work() {
            Some(job) => {
                self.execute_on_top(job);
                true
            }
            None => false,
        }
    }

    /// One round of `yield_local`: run one local job (deque or mailbox) if any.
    pub(crate) fn yield_local(&self) -> bool {
        match self.take_local_job().or_else(|| self.take_mailbox_job()) {
            Some(job) => {
                self.execute_on_top(job);
                true
            }
            None => false,
        }
    }
}

/// The body of a pool thread.
pub(crate) fn main_loop(thread: ThreadBuilder) {
    let worker = WorkerThread::from_builder(thread);
    WorkerThread::set_current(&worker);
    let registry = Arc::clone(&worker.registry);
    let index = worker.index;
    if let Some(handler) = &registry.start_handler {
        registry.catch_unwind("a start_handler", || handler(index));
    }
    let terminate = &registry.thread_infos[index].terminate;
    worker.find_until(terminate, true);
    // Jobs pushed by the last jobs are run before the thread exits.
    while let Some(job) = worker.find_work() {
        worker.execute(job);
    }
    if let Some(handler) = &registry.exit_handler {
        registry.catch_unwind("an exit_handler", || handler(index));
    }
    WorkerThread::set_current(ptr::null());
    drop(worker);
}

/// Wraps `op` as the body of an injected job: it runs on whichever worker executes the job.
fn injected_op<OP, R>(op: OP) -> impl FnOnce(bool) -> R + Send
where
    OP: FnOnce(&WorkerThread, bool) -> R + Send,
    R: Send,
{
    move |injected| {
        let wt = WorkerThread::current();
        debug_assert!(injected && !wt.is_null());
        // SAFETY: injected jobs run on a worker thread, whose pointer is valid.
        op(unsafe { &*wt }, true)
    }
}

/// Runs `op` on a worker of the current pool (the global one outside any pool).
#[inline(always)]
pub(crate) fn in_worker<OP, R>(op: OP) -> R
where
    OP: FnOnce(&WorkerThread, bool) -> R + Send,
    R: Send,
{
    let wt = WorkerThread::current();
    if wt.is_null() {
        global_registry().in_worker_cold(op)
    } else {
        // SAFETY: a non-null current worker pointer is valid while its thread runs.
        op(unsafe { &*wt }, false)
    }
}

/// The registry of the current worker, or the global one.
pub(crate) fn current_registry() -> Arc<Registry> {
    let wt = WorkerThread::current();
    // SAFETY: a non-null current worker pointer is valid while its thread runs.
    match unsafe { wt.as_ref() } {
        Some(w) => Arc::clone(&w.registry),
        None => Arc::clone(global_registry()),
    }
}

#[cfg(all(test, not(loom)))]
mod tests {
    use super::*;

    #[derive(Debug, PartialEq)]
    enum Job {
        Peer,
        Injected,
    }

    /// Searches with peers that always have work and a job waiting in the injector: the
    /// number of searches it takes to reach that job.
    fn searches_to_reach_the_injector(start: u32) -> u32 {
        let ticks = Cell::new(start);
        let mut queued = Some(Job::Injected);
        for search in 1..=INJECTOR_FIRST_EVERY {
            let job = steal_in_order(&ticks, || Some(Job::Peer), || queued.take());
            if job == Some(Job::Injected) {
                return search;
            }
            assert_eq!(job, Some(Job::Peer));
        }
        panic!("the injector was not reached in {INJECTOR_FIRST_EVERY} searches from tick {start}");
    }

    #[test]
    fn busy_peers_cannot_starve_the_injector_from_any_tick() {
        let period = INJECTOR_FIRST_EVERY;
        let starts = (0..3 * period).chain(u32::MAX - 2 * period..=u32::MAX);
        for start in starts {
            // The first tick that is a multiple of the period, whatever the start.
            let expected = period - start % period;
            assert_eq!(
                searches_to_reach_the_injector(start),
                expected,
                "tick {start}"
            );
        }
    }

    #[test]
    fn injector_is_the_fallback_when_peers_are_empty() {
        for start in 0..INJECTOR_FIRST_EVERY {
            let ticks = Cell::new(start);
            let mut queued = Some(Job::Injected);
            let job = steal_in_order(&ticks, || None, || queued.take());
            assert_eq!(job, Some(Job::Injected));
            assert_eq!(steal_in_order(&ticks, || None, || queued.take()), None);
            assert_eq!(ticks.get(), start + 2, "every search counts");
        }
    }
}

/// A loom model of injector fairness: a job that a thread outside the pool pushes to the
/// injector is taken by a worker within `INJECTOR_FIRST_EVERY` of that worker's searches
/// after the worker first sees it queued (at the latest, once the push happens before its
/// searches), even though other workers' deques have work at every search.
///
/// The search order is beat's own [`steal_in_order`]; crossbeam's queues (checked by their
/// own tests) are stood in: the peers by a source that always yields a job, the injector by
/// an atomic slot that is pushed with Release and taken with an Acquire RMW, the ordering
/// crossbeam's `Injector` gives a push and the steal that takes it.
#[cfg(all(test, loom))]
mod loom_tests {
    use super::*;
    use loom::sync::atomic::AtomicBool;
    use loom::thread;

    #[derive(Debug, PartialEq)]
    enum Job {
        Peer,
        Injected,
    }

    fn injected_job_is_taken_in_time(start: u32) {
        loom::model(move || {
            let slot = Arc::new(AtomicBool::new(false));
            let mut pusher = Some({
                let slot = slot.clone();
                // An RMW, like crossbeam's publishing of a pushed slot. (A plain store
                // would also do, but loom 0.7 can order one between the read and the
                // write of a concurrent swap: tokio-rs/loom#254.)
                thread::spawn(move || slot.fetch_or(true, Ordering::Release))
            });
            let ticks = Cell::new(start);
            let injector = || slot.swap(false, Ordering::Acquire).then_some(Job::Injected);
            // The search before which the worker first saw the job queued.
            let mut seen = None;
            let mut taken = None;
            for search in 0..2 * INJECTOR_FIRST_EVERY {
                if search == INJECTOR_FIRST_EVERY {
                    // From here on the push happens before every search.
                    pusher.take().unwrap().join().unwrap();
                }
                if seen.is_none() && slot.load(Ordering::Acquire) {
                    seen = Some(search);
                }
                if steal_in_order(&ticks, || Some(Job::Peer), injector) == Some(Job::Injected) {
                    taken = Some(search);
                    break;
                }
            }
            let taken = taken.expect("the injected job was never taken");
            if let Some(seen) = seen {
                assert!(
                    taken - seen < INJECTOR_FIRST_EVERY,
                    "seen queued before search {seen}, taken at search {taken} (start tick {start})"
                );
            }
            if let Some(pusher) = pusher {
                pusher.join().unwrap();
            }
        });
    }

    #[test]
    fn busy_peers_cannot_starve_an_injected_job() {
        for start in 0..INJECTOR_FIRST_EVERY {
            injected_job_is_taken_in_time(start);
        }
    }
}
