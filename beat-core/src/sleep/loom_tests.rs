//! loom models of the idle protocol: a job announced while a worker goes to sleep is never
//! lost, and a latch set while its owner parks always wakes it.

use super::*;
use crate::latch::CoreLatch;
use loom::sync::atomic::AtomicBool;
use loom::sync::Arc;
use loom::thread;

/// Runs the worker's idle loop until it sees `job` (a stand-in for a deque) set.
fn idle_until_job(s: &Sleep, latch: &CoreLatch, job: &AtomicBool) {
    let mut idle = s.start_looking(0, false);
    idle.rounds = ROUNDS_UNTIL_SLEEPY; // skip the spin/yield rounds: they add no states
    loop {
        // The search: SeqCst, like the fenced loads of a deque steal.
        if job.load(Ordering::SeqCst) {
            s.work_found();
            return;
        }
        s.no_work_found(&mut idle, latch);
    }
}

#[test]
fn no_lost_wakeup_for_a_pushed_job() {
    loom::model(|| {
        let s = Arc::new(Sleep::new(1));
        let job = Arc::new(AtomicBool::new(false));
        let (s2, job2) = (s.clone(), job.clone());
        let worker = thread::spawn(move || {
            let latch = CoreLatch::new();
            idle_until_job(&s2, &latch, &job2);
        });
        job.store(true, Ordering::Relaxed);
        s.new_jobs(1);
        worker.join().unwrap();
    });
}

#[test]
fn latch_set_wakes_a_parked_owner() {
    loom::model(|| {
        let s = Arc::new(Sleep::new(1));
        let latch = Arc::new(CoreLatch::new());
        let (s2, latch2) = (s.clone(), latch.clone());
        let owner = thread::spawn(move || {
            let mut idle = s2.start_looking(0, false);
            idle.rounds = ROUNDS_UNTIL_SLEEPY;
            while !latch2.probe() {
                s2.no_work_found(&mut idle, &latch2);
            }
            s2.work_found();
        });
        // SAFETY: the Arc keeps the latch alive for the whole call.
        if unsafe { CoreLatch::set(&*latch) } {
            s.wake_specific(0);
        }
        owner.join().unwrap();
    });
}
