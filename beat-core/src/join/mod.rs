//! `join` and `join_context`, with lazy publishing.
//!
//! # The protocol
//!
//! `join(a, b)` on a worker first decides whether making `b` stealable can help
//! (`WorkerThread::should_publish`): only when the worker's deque is empty, or holds fewer jobs than
//! there are workers searching for work. This is lazy binary splitting (Tzannes, Caragea,
//! Barua, Vishkin: *Lazy binary-splitting*, PPoPP 2010): the outer joins of a recursion,
//! reached while the deque is empty, publish their large halves; the inner joins, reached
//! while an outer half is still queued, are plain calls. When a thief takes the queued half,
//! the deque empties and the next join publishes again.
//!
//! - Not published: `a()` then `b()`, two direct calls; nothing is allocated, no atomic is
//!   written (a per-worker counter is bumped with a plain store).
//! - Published: `b` is wrapped in a [`StackJob`] on this stack and pushed to the local
//!   deque; `a` runs; then the worker pops its deque: if `b` is still there it runs inline,
//!   otherwise a thief has it and the worker runs other jobs until `b`'s latch is set.
//!
//! A panic in `a` of a published join waits for `b` before it propagates, so `b`'s stack
//! frame is never freed under a thief. A panic in `a` of an inlined join propagates at once
//! and `b` is dropped without running.

#[cfg(all(test, loom))]
mod loom_tests;
#[cfg(all(test, not(loom)))]
mod tests;

use std::marker::PhantomData;

use crate::job::StackJob;
use crate::latch::SpinLatch;
use crate::registry::{self, WorkerThread};
use crate::stats::bump;
use crate::unwind;

/// Context given to the closures of [`join_context`].
///
/// # Examples
///
/// ```
/// let (a, b) = beat_core::join_context(|ctx| ctx.migrated(), |_| 2);
/// assert!(!a || a); // whether `a` migrated depends on where join was called
/// assert_eq!(b, 2);
/// ```
#[derive(Debug)]
pub struct FnContext {
    migrated: bool,
    /// `FnContext` is neither `Send` nor `Sync`, as in rayon.
    _marker: PhantomData<*mut ()>,
}

impl FnContext {
    #[inline]
    fn new(migrated: bool) -> Self {
        FnContext {
            migrated,
            _marker: PhantomData,
        }
    }

    /// True if the closure runs on a different thread than the one that called `join`
    /// (it was stolen, or `join` was called from outside the pool).
    ///
    /// # Examples
    ///
    /// ```
    /// // From outside any pool, join moves into the global pool: both sides migrated.
    /// let (a, b) = beat_core::join_context(|c| c.migrated(), |c| c.migrated());
    /// assert!(a && b);
    /// ```
    #[inline]
    pub fn migrated(&self) -> bool {
        self.migrated
    }
}

/// Runs `oper_a` and `oper_b`, potentially in parallel, and returns both results.
///
/// On a pool thread this costs about as much as two plain calls unless another worker can
/// use `oper_b` (see the module docs on lazy publishing). From outside a pool, the call
/// moves into the global pool and blocks until both closures are done.
///
/// # Panics
///
/// If `oper_a` or `oper_b` panics, the panic propagates to the caller once the other
/// closure (if it started on another thread) has finished. If both panic, `oper_a`'s
/// panic is the one propagated.
///
/// # Examples
///
/// ```
/// fn fib(n: u64) -> u64 {
///     if n < 2 {
///         return n;
///     }
///     let (a, b) = beat_core::join(|| fib(n - 1), || fib(n - 2));
///     a + b
/// }
/// assert_eq!(fib(20), 6765);
/// ```
///
/// Closures cannot race on shared data:
///
/// ```compile_fail
/// let mut v = vec![1, 2, 3];
/// beat_core::join(|| v.push(4), || v.push(5));
/// ```
#[inline]
pub fn join<A, B, RA, RB>(oper_a: A, oper_b: B) -> (RA, RB)
where
    A: FnOnce() -> RA + Send,
    B: FnOnce() -> RB + Send,
    RA: Send,
    RB: Send,
{
    join_context(|_| oper_a(), |_| oper_b())
}

/// [`join`], with a [`FnContext`] telling each closure whether it migrated.
///
/// # Panics
///
/// As [`join`].
///
/// # Examples
///
/// ```
/// let pool = beat_core::ThreadPoolBuilder::new().num_threads(1).build().unwrap();
/// // On a pool thread, `a` always runs on the calling thread.
/// let (a, _) = pool.install(|| beat_core::join_context(|c| c.migrated(), |_| ()));
/// assert!(!a);
/// ```
///
/// ```compile_fail
/// let mut x = 0;
/// beat_core::join_context(|_| x += 1, |_| x += 1);
/// ```
#[inline]
pub fn join_context<A, B, RA, RB>(oper_a: A, oper_b: B) -> (RA, RB)
where
    A: FnOnce(FnContext) -> RA + Send,
    B: FnOnce(FnContext) -> RB + Send,
    RA: Send,
    RB: Send,
{
    registry::in_worker(|worker, injected| join_in_worker(worker, injected, oper_a, oper_b))
}

#[inline]
fn join_in_worker<A, B, RA, RB>(
    worker: &WorkerThread,
    injected: bool,
    oper_a: A,
    oper_b: B,
) -> (RA, RB)
where
    A: FnOnce(FnContext) -> RA + Send,
    B: FnOnce(FnContext) -> RB + Send,
    RA: Send,
    RB: Send,
{
    if !worker.should_publish() {
        bump(&worker.stats().joins_inlined);
        let ra = oper_a(FnContext::new(injected));
        let rb = oper_b(FnContext::new(injected));
        return (ra, rb);
    }
    join_published(worker, injected, oper_a, oper_b)
}

#[inline(never)]
fn join_published<A, B, RA, RB>(
    worker: &WorkerThread,
    injected: bool,
    oper_a: A,
    oper_b: B,
) -> (RA, RB)
where
    A: FnOnce(FnContext) -> RA + Send,
    B: FnOnce(FnContext) -> RB + Send,
    RA: Send,
    RB: Send,
{
    bump(&worker.stats().joins_published);
    let job_b = StackJob::new(
        move |migrated| oper_b(FnContext::new(migrated)),
        SpinLatch::new(worker),
    );
    // SAFETY: `job_b` stays on this stack until we popped it back or its latch is set.
    let job_b_ref = unsafe { job_b.as_job_ref() };
    let job_b_id = job_b_ref.id();
    worker.push(job_b_ref);

    let status_a = unwind::halt_unwinding(move || oper_a(FnContext::new(injected)));
    let result_a = match status_a {
        Ok(v) => v,
        Err(err) => join_recover_from_panic(worker, &job_b.latch, err),
    };

    while !job_b.latch.probe() {
        match worker.take_local_job() {
            Some(job) if job.id() == job_b_id => {
                // Nobody stole `b`: run it as a plain call.
                // SAFETY: we popped the only reference to the job; it never ran.
                let result_b = unsafe { job_b.run_inline(injected) };
                return (result_a, result_b);
            }
            Some(job) => worker.execute_on_top(job),
            None => {
                // A thief has `b`: help elsewhere until it is done.
                worker.wait_until(job_b.latch.core());
                break;
            }
        }
    }
    // SAFETY: the latch was observed set.
    (result_a, unsafe { job_b.into_result() })
}

/// `a` panicked while `b` may be running on a thief: wait for `b`, then propagate.
#[cold]
fn join_recover_from_panic(
    worker: &WorkerThread,
    job_b_latch: &SpinLatch<'_>,
    err: Box<dyn std::any::Any + Send>,
) -> ! {
    worker.wait_until(job_b_latch.core());
    unwind::resume_unwinding(err)
}
