//! Integration tests of `broadcast`, `spawn_broadcast`, the FIFO spawns and scopes, and
//! `build_scoped`: exact results, more threads than cores, panics.

use std::panic::{self, AssertUnwindSafe};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{mpsc, Arc, Mutex};

use beat_core::{ThreadPool, ThreadPoolBuilder};

fn pool(n: usize) -> ThreadPool {
    ThreadPoolBuilder::new().num_threads(n).build().unwrap()
}

fn indices(n: usize) -> Vec<usize> {
    (0..n).collect()
}

#[test]
fn broadcast_returns_one_result_per_worker_in_order() {
    for n in [1, 2, 8, 64] {
        let p = pool(n);
        let got = p.broadcast(|ctx| {
            assert_eq!(ctx.num_threads(), n);
            assert_eq!(beat_core::current_thread_index(), Some(ctx.index()));
            ctx.index()
        });
        assert_eq!(got, indices(n), "P = {n}");
        // The free function from inside the pool targets that pool.
        assert_eq!(
            p.install(|| beat_core::broadcast(|ctx| ctx.index())),
            indices(n)
        );
    }
}

#[test]
fn broadcast_from_outside_uses_the_global_pool() {
    let n = beat_core::current_num_threads();
    assert_eq!(beat_core::broadcast(|ctx| ctx.index()), indices(n));
}

#[test]
fn broadcast_from_inside_another_pool() {
    let (a, b) = (pool(3), pool(5));
    let (into_b, back_in_a) = a.install(|| {
        let into_b = b.broadcast(|ctx| (ctx.index(), ctx.num_threads()));
        (into_b, beat_core::broadcast(|ctx| ctx.num_threads()))
    });
    assert_eq!(into_b, (0..5).map(|i| (i, 5)).collect::<Vec<_>>());
    assert_eq!(back_in_a, [3, 3, 3]);
    // And from every worker of `a` at once.
    let all = a.broadcast(|_| b.broadcast(|ctx| ctx.index()));
    assert_eq!(all, vec![indices(5); 3]);
}

#[test]
fn broadcast_panic_propagates() {
    let p = pool(4);
    let calls = AtomicUsize::new(0);
    let err = panic::catch_unwind(AssertUnwindSafe(|| {
        p.broadcast(|ctx| {
            calls.fetch_add(1, Ordering::Relaxed);
            if ctx.index() % 2 == 1 {
                panic!("odd worker {}", ctx.index());
            }
            ctx.index()
        })
    }))
    .unwrap_err();
    // Every worker ran; the lowest panicking index wins.
    assert_eq!(calls.into_inner(), 4);
    assert_eq!(err.downcast_ref::<String>().unwrap(), "odd worker 1");
    // The pool still works.
    assert_eq!(p.broadcast(|ctx| ctx.index()), indices(4));
}

#[test]
fn spawn_broadcast_runs_once_per_worker() {
    for n in [1, 2, 8, 64] {
        let p = pool(n);
        let calls = Arc::new(AtomicUsize::new(0));
        let mask = Arc::new(Mutex::new(vec![0usize; n]));
        let (tx, rx) = mpsc::channel();
        let tx = Mutex::new(tx);
        let (c, m) = (Arc::clone(&calls), Arc::clone(&mask));
        p.spawn_broadcast(move |ctx| {
            c.fetch_add(1, Ordering::Relaxed);
            m.lock().unwrap()[ctx.index()] += 1;
            tx.lock().unwrap().send(()).unwrap();
        });
        rx.iter().take(n).for_each(drop);
        assert_eq!(calls.load(Ordering::Relaxed), n, "P = {n}");
        assert_eq!(*mask.lock().unwrap(), vec![1; n], "P = {n}");
    }
}

#[test]
fn spawn_broadcast_free_function_from_a_worker() {
    let p = pool(3);
    let (tx, rx) = mpsc::channel();
    let tx = Mutex::new(tx);
    p.install(|| {
        beat_core::spawn_broadcast(move |ctx| tx.lock().unwrap().send(ctx.index()).unwrap())
    });
    let mut got: Vec<usize> = rx.iter().take(3).collect();
    got.sort_unstable();
    assert_eq!(got, indices(3));
}

#[test]
fn scope_fifo_on_one_thread_runs_tasks_in_spawn_order() {
    let p = pool(1);
    // Miri interprets every step: fewer tasks there.
    let tasks = if cfg!(miri) { 100 } else { 1000 };
    let order = Mutex::new(Vec::new());
    p.scope_fifo(|s| {
        for i in 0..tasks {
            let order = &order;
            s.spawn_fifo(move |_| order.lock().unwrap().push(i));
        }
    });
    assert_eq!(order.into_inner().unwrap(), indices(tasks));

    // Through the free functions, and with tasks spawning tasks (breadth first).
    let order = Mutex::new(Vec::new());
    p.install(|| {
        beat_core::scope_fifo(|s| {
            for i in 0..10 {
                let order = &order;
                s.spawn_fifo(move |s| {
                    order.lock().unwrap().push(i);
                    s.spawn_fifo(move |_| order.lock().unwrap().push(100 + i));
                });
            }
        })
    });
    let want: Vec<usize> = (0..10).chain(100..110).collect();
    assert_eq!(order.into_inner().unwrap(), want);
}

#[test]
fn spawn_fifo_on_one_thread_runs_in_spawn_order() {
    let p = pool(1);
    let tasks = if cfg!(miri) { 100 } else { 1000 };
    let (tx, rx) = mpsc::channel();
    p.install(|| {
        for i in 0..tasks {
            let tx = tx.clone();
            beat_core::spawn_fifo(move || tx.send(i).unwrap());
        }
    });
    drop(tx);
    assert_eq!(rx.iter().collect::<Vec<_>>(), indices(tasks));
}

#[test]
fn fifo_tasks_all_run_with_many_threads() {
    // Miri interprets every step: fewer tasks and threads there.
    let (spawns, sends, threads) = if cfg!(miri) {
        (400, 100, [2, 4, 12])
    } else if cfg!(debug_assertions) {
        (20_000, 1000, [2, 8, 64])
    } else {
        (100_000, 1000, [2, 8, 64])
    };
    for n in threads {
        let p = pool(n);
        let count = AtomicUsize::new(0);
        p.scope_fifo(|s| {
            for _ in 0..spawns / 2 {
                s.spawn_fifo(|s| {
                    count.fetch_add(1, Ordering::Relaxed);
                    s.spawn_fifo(|_| {
                        count.fetch_add(1, Ordering::Relaxed);
                    });
                });
            }
        });
        assert_eq!(count.load(Ordering::Relaxed), spawns, "scope_fifo, P = {n}");

        count.store(0, Ordering::Relaxed);
        p.in_place_scope_fifo(|s| {
            for _ in 0..spawns {
                s.spawn_fifo(|_| {
                    count.fetch_add(1, Ordering::Relaxed);
                });
            }
        });
        assert_eq!(
            count.load(Ordering::Relaxed),
            spawns,
            "in_place_scope_fifo, P = {n}"
        );

        let (tx, rx) = mpsc::channel();
        p.install(|| {
            for i in 0..sends {
                let tx = tx.clone();
                beat_core::spawn_fifo(move || tx.send(i).unwrap());
            }
        });
        drop(tx);
        let mut got: Vec<usize> = rx.iter().collect();
        got.sort_unstable();
        assert_eq!(got, indices(sends), "spawn_fifo, P = {n}");
    }
}

#[test]
fn fifo_scope_panics_propagate_after_all_tasks() {
    for n in [1, 2, 8] {
        let p = pool(n);
        let ran = AtomicUsize::new(0);
        let err = panic::catch_unwind(AssertUnwindSafe(|| {
            p.scope_fifo(|s| {
                for i in 0..200 {
                    let ran = &ran;
                    s.spawn_fifo(move |_| {
                        ran.fetch_add(1, Ordering::Relaxed);
                        if i == 150 {
                            panic!("task {i}");
                        }
                    });
                }
            })
        }))
        .unwrap_err();
        assert_eq!(err.downcast_ref::<String>().unwrap(), "task 150");
        assert_eq!(ran.load(Ordering::Relaxed), 200, "P = {n}");

        // A panicking body still waits for its tasks.
        let ran = AtomicUsize::new(0);
        let err = panic::catch_unwind(AssertUnwindSafe(|| {
            beat_core::in_place_scope_fifo(|s| {
                for _ in 0..50 {
                    s.spawn_fifo(|_| {
                        ran.fetch_add(1, Ordering::Relaxed);
                    });
                }
                panic!("body");
            })
        }))
        .unwrap_err();
        assert_eq!(err.downcast_ref::<&str>(), Some(&"body"));
        assert_eq!(ran.load(Ordering::Relaxed), 50);
    }
}

#[test]
fn build_scoped_returns_with_pools_value() {
    let (entered, left) = (AtomicUsize::new(0), AtomicUsize::new(0));
    let data = [10, 20, 30];
    let out = ThreadPoolBuilder::new()
        .num_threads(4)
        .build_scoped(
            |thread| {
                entered.fetch_add(1, Ordering::Relaxed);
                thread.run();
                left.fetch_add(1, Ordering::Relaxed);
            },
            |p| {
                let idx = p.broadcast(|ctx| ctx.index());
                (idx, p.install(|| data.iter().sum::<i32>()))
            },
        )
        .unwrap();
    assert_eq!(out, (indices(4), 60));
    assert_eq!((entered.into_inner(), left.into_inner()), (4, 4));
}

#[test]
#[cfg_attr(miri, ignore = "Miri ignores the stack size, so the spawn succeeds")]
fn build_scoped_failing_spawn_is_an_error() {
    let result: Result<(), beat_core::ThreadPoolBuildError> = ThreadPoolBuilder::new()
        .num_threads(3)
        .stack_size(1 << 50) // more than the address space: the OS refuses
        .build_scoped(|thread| thread.run(), |_| unreachable!("no pool was built"));
    let err = result.unwrap_err();
    assert!(std::error::Error::source(&err).is_some(), "{err}");
}
