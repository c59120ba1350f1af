//! Unit tests of `broadcast` and `spawn_broadcast`.

use std::panic::{self, AssertUnwindSafe};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{mpsc, Arc, Mutex};

use crate::ThreadPoolBuilder;

#[test]
fn broadcast_runs_once_on_each_worker_in_order() {
    for n in [1, 2, 5] {
        let pool = ThreadPoolBuilder::new().num_threads(n).build().unwrap();
        let calls = AtomicUsize::new(0);
        let got = pool.broadcast(|ctx| {
            calls.fetch_add(1, Ordering::Relaxed);
            assert_eq!(crate::current_thread_index(), Some(ctx.index()));
            (ctx.index(), ctx.num_threads())
        });
        let want: Vec<_> = (0..n).map(|i| (i, n)).collect();
        assert_eq!(got, want);
        assert_eq!(calls.into_inner(), n);
    }
}

#[test]
fn broadcast_from_a_worker_of_the_same_pool() {
    let pool = ThreadPoolBuilder::new().num_threads(3).build().unwrap();
    let got = pool.install(|| crate::broadcast(|ctx| ctx.index() * 10));
    assert_eq!(got, [0, 10, 20]);
}

#[test]
fn broadcast_inside_broadcast() {
    let pool = ThreadPoolBuilder::new().num_threads(3).build().unwrap();
    let got = pool.broadcast(|outer| {
        let inner = crate::broadcast(|ctx| ctx.index());
        (outer.index(), inner)
    });
    for (i, (outer, inner)) in got.into_iter().enumerate() {
        assert_eq!((outer, inner), (i, vec![0, 1, 2]));
    }
}

#[test]
fn broadcast_reaches_parked_workers() {
    let pool = ThreadPoolBuilder::new().num_threads(4).build().unwrap();
    // Miri interprets every step: fewer rounds there.
    let rounds = if cfg!(miri) { 10 } else { 50 };
    for round in 0..rounds {
        if round % (rounds / 5) == 0 {
            // Give the workers time to park between some rounds.
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        assert_eq!(pool.broadcast(|ctx| ctx.index()), [0, 1, 2, 3]);
    }
}

#[test]
fn broadcast_panic_propagates_after_every_call() {
    let pool = ThreadPoolBuilder::new().num_threads(3).build().unwrap();
    let calls = AtomicUsize::new(0);
    let err = panic::catch_unwind(AssertUnwindSafe(|| {
        pool.broadcast(|ctx| {
            calls.fetch_add(1, Ordering::Relaxed);
            if ctx.index() == 1 {
                panic!("worker one");
            }
        })
    }))
    .unwrap_err();
    assert_eq!(err.downcast_ref::<&str>(), Some(&"worker one"));
    assert_eq!(calls.into_inner(), 3);
}

#[test]
fn spawn_broadcast_runs_once_on_each_worker() {
    let pool = ThreadPoolBuilder::new().num_threads(4).build().unwrap();
    let seen = Arc::new(Mutex::new(Vec::new()));
    let (tx, rx) = mpsc::channel();
    let tx = Mutex::new(tx);
    let s = Arc::clone(&seen);
    pool.spawn_broadcast(move |ctx| {
        s.lock().unwrap().push(ctx.index());
        tx.lock().unwrap().send(()).unwrap();
    });
    rx.iter().take(4).for_each(drop);
    let mut seen = seen.lock().unwrap().clone();
    seen.sort_unstable();
    assert_eq!(seen, [0, 1, 2, 3]);
}

#[test]
fn spawn_broadcast_keeps_a_dropped_pool_alive() {
    let (tx, rx) = mpsc::channel();
    let tx = Mutex::new(tx);
    let pool = ThreadPoolBuilder::new().num_threads(2).build().unwrap();
    pool.spawn_broadcast(move |ctx| tx.lock().unwrap().send(ctx.index()).unwrap());
    drop(pool);
    let mut got: Vec<usize> = rx.iter().collect(); // ends when the closure is dropped
    got.sort_unstable();
    assert_eq!(got, [0, 1]);
}

#[test]
fn spawn_broadcast_panic_goes_to_the_handler() {
    let (tx, rx) = mpsc::channel();
    let tx = Mutex::new(tx);
    let pool = ThreadPoolBuilder::new()
        .num_threads(2)
        .panic_handler(move |_| tx.lock().unwrap().send(()).unwrap())
        .build()
        .unwrap();
    pool.spawn_broadcast(|_| panic!("in every worker"));
    rx.iter().take(2).for_each(drop);
}
