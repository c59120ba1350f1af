//! Outside work gets through a busy pool: `install` calls from outside keep completing while
//! one worker floods its deque with spawned tasks and the others live on stealing them.
//!
//! A worker steals from its peers before it looks at the injector, except on every eighth
//! search, where it looks at the injector first. These tests check the liveness that rule
//! protects; they are not a proof of it: in practice a thief also finds the flooding
//! worker's deque momentarily empty now and then and reaches the injector that way.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;

use beat_core::ThreadPoolBuilder;

// Smaller under Miri, which interprets every spin.
const FLOOD: usize = if cfg!(miri) { 8 } else { 256 };
const TASK_SPINS: usize = if cfg!(miri) { 5 } else { 500 };
const ROUNDS: usize = if cfg!(miri) { 3 } else { 200 };

/// One worker floods its deque with tiny tasks forever; the other worker lives on stealing
/// them. An `install` from outside must still get through, and it ends the flood.
fn injected_work_gets_through_a_flood(threads: usize) {
    let pool = ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .unwrap();
    let stop = Arc::new(AtomicBool::new(false));
    let outstanding = Arc::new(AtomicUsize::new(0));
    let (done_tx, done_rx) = std::sync::mpsc::channel();
    {
        let (stop, outstanding) = (stop.clone(), outstanding.clone());
        pool.spawn(move || {
            beat_core::scope(|s| {
                while !stop.load(Ordering::Relaxed) {
                    // Bounded, so the flood cannot outgrow memory when thieves are slow.
                    if outstanding.load(Ordering::Relaxed) < FLOOD {
                        outstanding.fetch_add(1, Ordering::Relaxed);
                        let outstanding = &outstanding;
                        s.spawn(move |_| {
                            // Slower than a spawn, so the flooding worker stays ahead and
                            // its deque never runs dry.
                            for _ in 0..TASK_SPINS {
                                std::hint::spin_loop();
                            }
                            outstanding.fetch_sub(1, Ordering::Relaxed);
                        });
                    } else {
                        std::hint::spin_loop();
                    }
                }
            });
            done_tx.send(()).unwrap();
        });
    }
    while outstanding.load(Ordering::Relaxed) < FLOOD / 2 {
        std::hint::spin_loop();
    }
    // Injected while the flood runs; its worker must pick it from the injector.
    for round in 0..ROUNDS {
        let seen = pool.install(|| round);
        assert_eq!(seen, round);
    }
    pool.install(|| stop.store(true, Ordering::Relaxed));
    done_rx.recv().unwrap();
    assert_eq!(outstanding.load(Ordering::Relaxed), 0);
}

#[test]
fn injected_work_runs_while_a_thief_always_finds_stealable_work() {
    injected_work_gets_through_a_flood(2);
}

#[test]
fn injected_work_runs_with_more_thieves_than_cores() {
    injected_work_gets_through_a_flood(9);
}
