//! A loom model of the hand-off behind a published `join`.
//!
//! The owner publishes `b` as a [`StackJob`], runs `a`, then either pops `b` back and runs it
//! inline or, when a thief took it, waits for `b`'s latch before reading the result. The
//! deque is crossbeam's (checked by its own tests), so the model stands in a mutex-guarded
//! slot with the same take-exactly-once behaviour; everything else is beat's own code: the
//! job cell, the result slot and the latch's orderings.

use std::sync::Arc;

use loom::sync::atomic::AtomicUsize;
use loom::sync::Mutex;
use loom::thread;

use crate::job::{JobRef, StackJob};
use crate::latch::{CoreLatch, Latch};
use crate::sync::Ordering;

/// The latch of a job whose owner polls instead of sleeping (sleeping is modelled in
/// `sleep::loom_tests`).
struct PollLatch(CoreLatch);

impl Latch for PollLatch {
    unsafe fn set(this: *const Self) {
        // SAFETY: valid on entry; `CoreLatch::set` does not touch it after the swap.
        unsafe { CoreLatch::set(&(*this).0) };
    }
}

/// One published join with one thief: whichever side runs `b`, the owner gets `b`'s result
/// and sees every write `b` made, and `b` runs exactly once.
#[test]
fn published_join_hands_b_off_exactly_once() {
    loom::model(|| {
        let deque: Arc<Mutex<Option<JobRef>>> = Arc::new(Mutex::new(None));
        // `b` writes this Relaxed; only the latch's Release/Acquire can make it visible.
        let written = Arc::new(AtomicUsize::new(0));
        let runs = Arc::new(AtomicUsize::new(0));

        let thief = {
            let deque = deque.clone();
            thread::spawn(move || {
                let stolen = deque.lock().unwrap().take();
                if let Some(job) = stolen {
                    // SAFETY: taken from the deque exactly once; the owner keeps the job
                    // alive until its latch is set.
                    unsafe { job.execute() };
                }
            })
        };

        let job_b = {
            let (written, runs) = (written.clone(), runs.clone());
            StackJob::new(
                move |_migrated| {
                    written.store(42, Ordering::Relaxed);
                    runs.fetch_add(1, Ordering::Relaxed);
                    7
                },
                PollLatch(CoreLatch::new()),
            )
        };
        // SAFETY: `job_b` outlives every use: the owner pops it back or waits for its latch.
        let job_ref = unsafe { job_b.as_job_ref() };
        let id = job_ref.id();
        *deque.lock().unwrap() = Some(job_ref);

        // `a` would run here.

        let result_b = if job_b.latch.0.probe() {
            // SAFETY: the latch was observed set with Acquire.
            unsafe { job_b.into_result() }
        } else {
            let popped = deque.lock().unwrap().take();
            match popped {
                Some(job) => {
                    assert_eq!(job.id(), id);
                    // SAFETY: popped back unexecuted; nobody else holds it.
                    unsafe { job_b.run_inline(false) }
                }
                None => {
                    // The thief has `b`: wait for the latch.
                    while !job_b.latch.0.probe() {
                        thread::yield_now();
                    }
                    // SAFETY: as above.
                    unsafe { job_b.into_result() }
                }
            }
        };
        assert_eq!(result_b, 7);
        assert_eq!(written.load(Ordering::Relaxed), 42);
        thief.join().unwrap();
        assert_eq!(runs.load(Ordering::Relaxed), 1);
    });
}
