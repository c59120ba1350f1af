//! Jobs: a type-erased pointer plus an execute function, so queues hold two words and no
//! allocation is needed for a job that lives on its creator's stack.
//!
//! Access rules for the cells in [`StackJob`]: `func` is written by the creator before the
//! job is published and taken exactly once, either by the creator (when it pops the job back
//! unexecuted) or by the executor; `result` is written only by whoever took `func`, and read
//! by the creator only after the job's latch is set (which happens after the write).

use std::any::Any;
use std::cell::UnsafeCell;

use crate::deque::{Steal, Stealer, Worker};

use crate::latch::Latch;
use crate::sync::Arc;
use crate::unwind;

/// A type-erased job: a pointer to the job's data and the function that runs it.
#[derive(Copy, Clone, Debug)]
pub(crate) struct JobRef {
    pointer: *const (),
    execute_fn: unsafe fn(*const ()),
}

// SAFETY: a JobRef is only created (by `JobRef::new`) for jobs whose data may be executed on
// another thread: `Job` is implemented only for types whose closures and results are `Send`.
unsafe impl Send for JobRef {}
// SAFETY: see the `Send` impl; a JobRef is an immutable pair of addresses.
unsafe impl Sync for JobRef {}

/// A job that can run through a raw pointer.
pub(crate) trait Job {
    /// Runs the job.
    ///
    /// # Safety
    ///
    /// `this` must point to a live job of the implementing type that has not been executed
    /// yet, and nobody else may execute it.
    unsafe fn execute(this: *const ());
}

impl JobRef {
    /// Erases `data` into a JobRef.
    ///
    /// # Safety
    ///
    /// `data` must stay valid until the job has executed, and be executed at most once.
    #[inline]
    pub(crate) unsafe fn new<T: Job>(data: *const T) -> JobRef {
        JobRef {
            pointer: data.cast(),
            execute_fn: <T as Job>::execute,
        }
    }

    /// An identity for the job: two JobRefs with the same id are the same job.
    #[inline]
    pub(crate) fn id(&self) -> *const () {
        self.pointer
    }

    /// Runs the job.
    ///
    /// # Safety
    ///
    /// As for [`Job::execute`]: the job must be live and not executed before.
    #[inline]
    pub(crate) unsafe fn execute(self) {
        // SAFETY: the caller upholds `Job::execute`'s contract for this job.
        unsafe { (self.execute_fn)(self.pointer) }
    }
}

/// What a job produced: nothing yet, a value, or a panic payload.
#[derive(Debug)]
pub(crate) enum JobResult<T> {
    None,
    Ok(T),
    Panic(Box<dyn Any + Send>),
}

impl<T> JobResult<T> {
    fn call(func: impl FnOnce(bool) -> T) -> Self {
        match unwind::halt_unwinding(|| func(true)) {
            Ok(x) => JobResult::Ok(x),
            Err(x) => JobResult::Panic(x),
        }
    }

    /// The value, or resumes the captured panic.
    pub(crate) fn into_return_value(self) -> T {
        match self {
            JobResult::None => unreachable!("job result read before the job ran"),
            JobResult::Ok(x) => x,
            JobResult::Panic(x) => unwind::resume_unwinding(x),
        }
    }
}

/// A job that lives on the stack of the thread that waits for it (`join`'s second half, an
/// `install` from outside the pool). The closure receives `true` when it runs as a job
/// (stolen or injected), `false` when its creator runs it inline.
pub(crate) struct StackJob<L, F, R> {
    pub(crate) latch: L,
    func: UnsafeCell<Option<F>>,
    result: UnsafeCell<JobResult<R>>,
}

impl<L: Latch, F: FnOnce(bool) -> R + Send, R: Send> StackJob<L, F, R> {
    pub(crate) fn new(func: F, latch: L) -> Self {
        StackJob {
            latch,
            func: UnsafeCell::new(Some(func)),
            result: UnsafeCell::new(JobResult::None),
        }
    }

    /// # Safety
    ///
    /// The returned JobRef must not outlive `self` (the creator waits on `latch`, or takes the
    /// job back, before `self` goes out of scope).
    pub(crate) unsafe fn as_job_ref(&self) -> JobRef {
        // SAFETY: forwarded to the caller.
        unsafe { JobRef::new(self) }
    }

    /// Runs the closure inline, on the creator's thread, after popping the job back.
    ///
    /// # Safety
    ///
    /// The job must not have been executed and no other thread may hold it.
    pub(crate) unsafe fn run_inline(self, stolen: bool) -> R {
        // SAFETY: by the access rules, nobody else touches `func` once we popped the job back.
        let func = unsafe { (*self.func.get()).take() };
        func.expect("job function already taken")(stolen)
    }

    /// Takes the result after the latch was observed set.
    ///
    /// # Safety
    ///
    /// The latch must have been observed set (with acquire ordering).
    pub(crate) unsafe fn into_result(self) -> R {
        self.result.into_inner().into_return_value()
    }
}

impl<L: Latch, F: FnOnce(bool) -> R + Send, R: Send> Job for StackJob<L, F, R> {
    unsafe fn execute(this: *const ()) {
        // SAFETY: the caller guarantees `this` is a live, unexecuted StackJob of this type.
        let this = unsafe { &*(this as *const Self) };
        let abort = unwind::AbortIfPanic;
        // SAFETY: by the access rules, the executor is the only one to take `func`.
        let func = unsafe { (*this.func.get()).take() }.expect("job function already taken");
        // SAFETY: only the executor writes `result`, before setting the latch.
        unsafe { *this.result.get() = JobResult::call(func) };
        // SAFETY: `this` stays valid until the latch is set; after `set` we do not touch it.
        unsafe { L::set(&this.latch) };
        abort.disarm();
    }
}

/// A job on the heap, for `spawn` jobs that outlive their creator.
pub(crate) struct HeapJob<BODY> {
    job: BODY,
}

impl<BODY: FnOnce() + Send> HeapJob<BODY> {
    pub(crate) fn new(job: BODY) -> Box<Self> {
        Box::new(HeapJob { job })
    }

    /// Leaks the box into a JobRef; executing it frees the box.
    pub(crate) fn into_job_ref(self: Box<Self>) -> JobRef {
        // SAFETY: the box is leaked here and freed exactly once, by `execute`.
        unsafe { JobRef::new(Box::into_raw(self)) }
    }
}

impl<BODY: FnOnce() + Send> Job for HeapJob<BODY> {
    unsafe fn execute(this: *const ()) {
        // SAFETY: `this` came from `Box::into_raw` in `into_job_ref` and runs once.
        let this = unsafe { Box::from_raw(this as *mut Self) };
        (this.job)();
    }
}

/// A job that several workers each run once (`spawn_broadcast`): one `Arc`, and one JobRef
/// per worker, each owning one strong count, given back when that run ends.
pub(crate) struct ArcJob<BODY> {
    job: BODY,
}

impl<BODY: Fn() + Send + Sync> ArcJob<BODY> {
    pub(crate) fn new(job: BODY) -> Arc<Self> {
        Arc::new(ArcJob { job })
    }

    /// A JobRef that runs `this` once; it owns one strong count of it.
    pub(crate) fn job_ref(this: &Arc<Self>) -> JobRef {
        let raw = Arc::into_raw(Arc::clone(this));
        // SAFETY: the count taken above keeps the job alive until `execute` gives it back,
        // which it does exactly once per JobRef.
        unsafe { JobRef::new(raw) }
    }
}

impl<BODY: Fn() + Send + Sync> Job for ArcJob<BODY> {
    unsafe fn execute(this: *const ()) {
        // SAFETY: `this` came from `Arc::into_raw` in `job_ref`; each JobRef runs once, so
        // each strong count is given back once.
        let this = unsafe { Arc::from_raw(this as *const Self) };
        (this.job)();
    }
}

/// A FIFO of jobs behind one indirection job: each push returns a JobRef that, wherever and
/// whenever it runs, runs the *oldest* job still queued.
///
/// Pushing the job itself to a LIFO deque would run a thread's spawns newest first; pushing
/// the indirection instead keeps the deque's load balancing (thieves take indirections from
/// the front, the owner pops them from the back) while the jobs start in push order.
///
/// The queue is a crossbeam FIFO deque: its buffer is reused, so a steady stream of pushes
/// allocates nothing.
///
/// Access rules: one thread, the queue's *owner*, pushes (through `pusher`, which nobody
/// else touches); indirections pop through `popper` on any thread. Every indirection JobRef
/// runs at most once, after the push that returned it; so at each run at least one job is
/// queued (a run pops one job, and runs never outnumber pushes), and the queue outlives
/// every run (the pusher's contract in [`FifoQueue::push`]).
pub(crate) struct FifoQueue {
    pusher: Worker<JobRef>,
    popper: Stealer<JobRef>,
}

// SAFETY: `Worker` is not `Sync` because its owner-side methods assume a single caller;
// by the access rules only the owner thread calls `pusher.push`, and `Stealer` is `Sync`.
unsafe impl Sync for FifoQueue {}

impl std::fmt::Debug for FifoQueue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FifoQueue")
            .field("len", &self.popper.len())
            .finish()
    }
}

impl FifoQueue {
    pub(crate) fn new() -> Self {
        let pusher = Worker::new_fifo();
        let popper = pusher.stealer();
        FifoQueue { pusher, popper }
    }

    /// Queues `job` and returns the indirection job to publish in its place.
    ///
    /// # Safety
    ///
    /// The caller must be the queue's owner (the only thread that ever pushes to it);
    /// `self` must stay alive until the returned JobRef has run, and that JobRef must run
    /// at most once.
    pub(crate) unsafe fn push(&self, job: JobRef) -> JobRef {
        self.pusher.push(job);
        // SAFETY: forwarded to the caller.
        unsafe { JobRef::new(self) }
    }
}

impl Job for FifoQueue {
    unsafe fn execute(this: *const ()) {
        // SAFETY: the queue is alive while one of its indirections runs (`push`'s contract).
        let this = unsafe { &*(this as *const Self) };
        let job = loop {
            match this.popper.steal() {
                Steal::Success(job) => break job,
                Steal::Retry => crate::sync::spin_hint(),
                // Ruled out by the access rule: a run never finds the queue empty.
                Steal::Empty => unwind::abort_with("beat: a FIFO indirection found no job"),
            }
        };
        // The queue is not touched again: once `job` finishes, its owner may free it.
        // SAFETY: queued jobs are live and each is popped (so executed) exactly once.
        unsafe { job.execute() };
    }
}
