//! loom models of the idle protocol: a job announced while a worker goes to sleep is never
//! lost, a broadcast reaches every worker even while they park, and a latch set while its
//! owner parks always wakes it.

use super::*;
use crate::latch::CoreLatch;
use loom::sync::atomic::{AtomicBool, AtomicUsize};
use loom::sync::Arc;
use loom::thread;

/// Runs the worker's idle loop until it sees `job` (a stand-in for a deque) set.
fn idle_until_job(s: &Sleep, latch: &CoreLatch, job: &AtomicBool) {
    idle_until_job_as(0, s, latch, job);
}

/// `idle_until_job` for worker `index`.
fn idle_until_job_as(index: usize, s: &Sleep, latch: &CoreLatch, job: &AtomicBool) {
    let mut idle = s.start_looking(index, false);
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

/// A batch steal: a searching thief takes both jobs of a victim's deque, runs one and moves
/// the other into its own deque, where for a moment neither deque holds it. A worker whose
/// last search before parking fell into that moment must not sleep through the job: the
/// thief announces it as a push (`new_jobs(1)`, as `steal_or_inject` does) before its
/// `work_found` and `wake_helper`. The thief never takes the job back (it is busy with the
/// other one), so the model ends only if the other worker finds it; a worker left parked
/// is a deadlock, which loom reports.
#[test]
fn no_lost_wakeup_for_jobs_a_batch_steal_leaves_behind() {
    loom::model(|| {
        let s = Arc::new(Sleep::new(2));
        // The victim's deque (two jobs) and the thief's own deque.
        let victim = Arc::new(AtomicUsize::new(2));
        let thief_deque = Arc::new(AtomicUsize::new(0));
        let (s2, victim2, thief2) = (s.clone(), victim.clone(), thief_deque.clone());
        let other = thread::spawn(move || {
            let latch = CoreLatch::new();
            let mut idle = s2.start_looking(1, false);
            idle.rounds = ROUNDS_UNTIL_SLEEPY;
            loop {
                // The search: steal one job from either deque (SeqCst, like a steal).
                let took = [&*victim2, &*thief2].iter().any(|d| {
                    d.fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1))
                        .is_ok()
                });
                if took {
                    s2.work_found();
                    return;
                }
                s2.no_work_found(&mut idle, &latch);
            }
        });
        // The thief, searching: the batch steal empties the victim, keeps one job to run
        // and pushes the rest into its own deque, then announces them.
        let _idle = s.start_looking(0, false);
        let stolen = victim.swap(0, Ordering::SeqCst);
        if stolen > 1 {
            thief_deque.store(stolen - 1, Ordering::SeqCst);
            s.new_jobs(1);
        }
        let after = s.work_found();
        s.wake_helper(after, || thief_deque.load(Ordering::SeqCst) > 0);
        other.join().unwrap();
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

/// A broadcast: each of two workers must run its own mailbox job, which no other worker may
/// take, so neither can stay parked (a wake-up of the other one would not do).
#[test]
fn broadcast_reaches_every_worker() {
    loom::model(|| {
        let s = Arc::new(Sleep::new(2));
        let mailboxes = Arc::new([AtomicBool::new(false), AtomicBool::new(false)]);
        let workers: Vec<_> = (0..2)
            .map(|i| {
                let (s, mailboxes) = (s.clone(), mailboxes.clone());
                thread::spawn(move || {
                    let latch = CoreLatch::new();
                    idle_until_job_as(i, &s, &latch, &mailboxes[i]);
                })
            })
            .collect();
        for m in mailboxes.iter() {
            m.store(true, Ordering::Relaxed);
        }
        s.new_broadcast_jobs();
        for w in workers {
            w.join().unwrap();
        }
    });
}

/// A broadcast racing with an ordinary job push that wakes "any" worker: the worker whose
/// mailbox holds a job still gets it, even if the other push made its counter even first.
#[test]
fn broadcast_after_another_push_still_wakes_its_target() {
    loom::model(|| {
        let s = Arc::new(Sleep::new(1));
        let mailbox = Arc::new(AtomicBool::new(false));
        let (s2, mailbox2) = (s.clone(), mailbox.clone());
        let worker = thread::spawn(move || {
            let latch = CoreLatch::new();
            idle_until_job(&s2, &latch, &mailbox2);
        });
        // An unrelated push (whose job someone else took) bumps the counter.
        let s3 = s.clone();
        let other = thread::spawn(move || s3.new_jobs(1));
        mailbox.store(true, Ordering::Relaxed);
        s.new_broadcast_jobs();
        other.join().unwrap();
        worker.join().unwrap();
    });
}
