//! Unit tests of join: lazy publishing decisions and results.

use crate::ThreadPoolBuilder;

fn fib(n: u32) -> u64 {
    if n < 2 {
        return n as u64;
    }
    let (a, b) = crate::join(|| fib(n - 1), || fib(n - 2));
    a + b
}

#[test]
fn one_thread_publishes_only_along_the_spine() {
    let pool = ThreadPoolBuilder::new().num_threads(1).build().unwrap();
    // fib(20) makes 10945 joins; with nobody to steal, only the joins entered with an
    // empty deque are published: a handful, not thousands. (Miri interprets every step:
    // fib(12), with 232 joins, there.)
    let (n, value, joins) = if cfg!(miri) {
        (12, 144, 232)
    } else {
        (20, 6765, 10945)
    };
    assert_eq!(pool.install(|| fib(n)), value);
    let s = pool.stats();
    assert_eq!(s.joins_inlined + s.joins_published, joins);
    assert!(s.joins_published <= 20, "published {}", s.joins_published);
}

#[test]
fn join_results_are_in_order_on_many_threads() {
    let pool = ThreadPoolBuilder::new().num_threads(4).build().unwrap();
    // Miri interprets every step: a few rounds there.
    for _ in 0..if cfg!(miri) { 3 } else { 100 } {
        assert_eq!(pool.install(|| fib(15)), 610);
    }
    let (a, b) = pool.join(|| "left", || "right");
    assert_eq!((a, b), ("left", "right"));
}

#[test]
fn join_from_outside_migrates() {
    let (a, b) = crate::join_context(|c| c.migrated(), |c| c.migrated());
    assert!(a && b);
}

/// A job that a waiting worker runs sits on top of the job that waits, and says so; a job
/// run from the worker loop does not. (`par_bridge` relies on this: a nested piece must
/// not block on a lock that the job below may be waiting behind.) No timing: the spawned
/// task below can only run on the thread that waits for `b`, since `b`'s thread spins until
/// the task has run.
#[test]
fn jobs_run_while_waiting_know_they_are_nested() {
    use std::sync::atomic::{AtomicBool, AtomicU8, Ordering};

    use crate::__internal::nested_job;

    let pool = ThreadPoolBuilder::new().num_threads(2).build().unwrap();
    // 0: not run yet; 1: ran nested; 2: ran at the bottom.
    let seen = AtomicU8::new(0);
    let b_started = AtomicBool::new(false);
    pool.install(|| {
        assert!(!nested_job(), "install's job runs from the worker loop");
        crate::join(
            || {
                // `b` must be stolen, so that this thread waits for it.
                while !b_started.load(Ordering::Acquire) {
                    std::hint::spin_loop();
                }
            },
            || {
                b_started.store(true, Ordering::Release);
                crate::scope(|s| {
                    s.spawn(|_| {
                        let v = if nested_job() { 1 } else { 2 };
                        seen.store(v, Ordering::Release);
                    });
                    // Only the thread waiting for `b` can take the task meanwhile.
                    while seen.load(Ordering::Acquire) == 0 {
                        std::hint::spin_loop();
                    }
                });
            },
        );
        assert!(!nested_job(), "the waiting is over");
    });
    assert_eq!(seen.load(Ordering::Acquire), 1);

    // A task spawned from outside runs from the worker loop: at the bottom.
    let (tx, rx) = std::sync::mpsc::channel();
    pool.spawn(move || tx.send(nested_job()).unwrap());
    assert!(!rx.recv().unwrap());
}
