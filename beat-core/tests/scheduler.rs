//! Integration tests of the scheduler: stress with more threads than cores, panics, and
//! nesting across pools. Every test checks exact results.

use std::panic::{self, AssertUnwindSafe};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc;

use beat_core::{join, scope, ThreadPool, ThreadPoolBuilder};

/// Miri interprets every step, so under it the stress loops and join trees shrink to a
/// size that still crosses every path (stealing, sleeping, waking, panics) in seconds.
const MIRI: bool = cfg!(miri);

/// `full` normally, `small` under Miri.
fn size<T>(full: T, small: T) -> T {
    if MIRI {
        small
    } else {
        full
    }
}

fn pool(n: usize) -> ThreadPool {
    ThreadPoolBuilder::new().num_threads(n).build().unwrap()
}

/// Counts the leaves of a binary join tree of the given depth.
fn leaves(depth: u32) -> u64 {
    if depth == 0 {
        return 1;
    }
    let (a, b) = join(|| leaves(depth - 1), || leaves(depth - 1));
    a + b
}

#[test]
fn a_million_joins_twenty_deep() {
    let depth = size(20, 7);
    for threads in [1, 2, 7] {
        assert_eq!(pool(threads).install(|| leaves(depth)), 1 << depth);
    }
}

#[test]
fn sixty_four_threads_on_two_cores() {
    let p = pool(size(64, 12));
    let depth = size(16, 7);
    assert_eq!(p.install(|| leaves(depth)), 1 << depth);
    let spawns = size(10_000, 300);
    let n = AtomicUsize::new(0);
    p.scope(|s| {
        for _ in 0..spawns {
            s.spawn(|_| {
                n.fetch_add(1, Ordering::Relaxed);
            });
        }
    });
    assert_eq!(n.into_inner(), spawns);
}

#[test]
fn scope_with_many_spawns() {
    let count = if MIRI {
        1_000
    } else if cfg!(debug_assertions) {
        200_000
    } else {
        1_000_000
    };
    let n = AtomicUsize::new(0);
    pool(2).scope(|s| {
        for _ in 0..count {
            s.spawn(|_| {
                n.fetch_add(1, Ordering::Relaxed);
            });
        }
    });
    assert_eq!(n.into_inner(), count);
}

fn spawn_tree<'a>(s: &beat_core::Scope<'a>, depth: u32, n: &'a AtomicUsize) {
    n.fetch_add(1, Ordering::Relaxed);
    if depth > 0 {
        s.spawn(move |s| spawn_tree(s, depth - 1, n));
        s.spawn(move |s| spawn_tree(s, depth - 1, n));
    }
}

#[test]
fn recursive_spawn_tree() {
    let n = AtomicUsize::new(0);
    let depth = size(14, 7);
    pool(3).scope(|s| spawn_tree(s, depth, &n));
    assert_eq!(n.into_inner(), (1 << (depth + 1)) - 1);
}

#[test]
fn install_across_busy_pools_both_ways() {
    let a = pool(2);
    let b = pool(3);
    std::thread::scope(|t| {
        for i in 0..4 {
            let (a, b) = (&a, &b);
            t.spawn(move || {
                for _ in 0..size(20, 2) {
                    let (first, second) = if i % 2 == 0 { (a, b) } else { (b, a) };
                    let r = first.install(|| {
                        let inner = second.install(|| leaves(8));
                        let (x, y) = join(|| leaves(6), || inner);
                        x + y
                    });
                    assert_eq!(r, (1 << 6) + (1 << 8));
                }
            });
        }
    });
}

#[test]
fn in_place_scope_from_an_outside_thread() {
    let p = pool(2);
    let mut v = vec![0usize; size(1000, 100)];
    p.in_place_scope(|s| {
        for (i, x) in v.iter_mut().enumerate() {
            s.spawn(move |_| *x = i * 2);
        }
    });
    assert!(v.iter().enumerate().all(|(i, &x)| x == i * 2));
}

#[test]
fn dropping_a_pool_runs_queued_spawns() {
    let (tx, rx) = mpsc::channel();
    let p = pool(1);
    for i in 0..100 {
        let tx = tx.clone();
        p.spawn(move || tx.send(i).unwrap());
    }
    drop(p);
    drop(tx);
    let mut got: Vec<i32> = rx.iter().collect();
    got.sort_unstable();
    assert_eq!(got, (0..100).collect::<Vec<_>>());
}

fn panic_message(err: Box<dyn std::any::Any + Send>) -> String {
    match err.downcast::<&str>() {
        Ok(s) => s.to_string(),
        Err(err) => *err.downcast::<String>().expect("a string payload"),
    }
}

#[test]
fn panics_propagate_and_the_pool_stays_usable() {
    let p = pool(2);
    type Case = (&'static str, Box<dyn Fn() + Sync>);
    let cases: Vec<Case> = vec![
        ("in a", Box::new(|| join(|| panic!("in a"), || ()).1)),
        ("in b", Box::new(|| join(|| (), || panic!("in b")).0)),
        (
            "in a task",
            Box::new(|| scope(|s| s.spawn(|_| panic!("in a task")))),
        ),
        (
            "in a nested scope",
            Box::new(|| {
                scope(|s| s.spawn(|_| scope(|s| s.spawn(|_| panic!("in a nested scope")))))
            }),
        ),
        ("in the body", Box::new(|| scope(|_| panic!("in the body")))),
        (
            "both: a",
            Box::new(|| join(|| panic!("both: a"), || -> () { panic!("both: b") }).1),
        ),
    ];
    for (want, f) in &cases {
        let err = panic::catch_unwind(AssertUnwindSafe(|| p.install(f))).unwrap_err();
        assert_eq!(panic_message(err), *want);
        assert_eq!(
            p.install(|| leaves(size(10, 5))),
            1 << size(10, 5),
            "pool usable after {want}"
        );
    }
}

#[test]
fn panic_in_a_waits_for_a_stolen_b() {
    let p = pool(2);
    for _ in 0..size(50, 4) {
        let b_done = AtomicBool::new(false);
        let r = panic::catch_unwind(AssertUnwindSafe(|| {
            p.install(|| {
                // Make the deque empty so `b` is published, then give a thief time to take it.
                join(
                    || {
                        std::thread::yield_now();
                        panic!("a")
                    },
                    || {
                        leaves(size(12, 6));
                        b_done.store(true, Ordering::SeqCst);
                    },
                )
            })
        }));
        assert!(r.is_err());
        assert!(
            b_done.load(Ordering::SeqCst),
            "b finished before the panic propagated"
        );
    }
}

#[test]
fn panic_handler_gets_spawn_panics() {
    let (tx, rx) = mpsc::channel();
    let tx = std::sync::Mutex::new(tx);
    let p = ThreadPoolBuilder::new()
        .num_threads(2)
        .panic_handler(move |err| tx.lock().unwrap().send(panic_message(err)).unwrap())
        .build()
        .unwrap();
    p.spawn(|| panic!("lost task"));
    assert_eq!(rx.recv().unwrap(), "lost task");
    assert_eq!(p.install(|| leaves(5)), 32);
}

#[test]
fn use_current_thread_and_handlers() {
    let started = std::sync::Arc::new(AtomicUsize::new(0));
    let s2 = started.clone();
    let p = ThreadPoolBuilder::new()
        .num_threads(3)
        .use_current_thread()
        .start_handler(move |_| {
            s2.fetch_add(1, Ordering::SeqCst);
        })
        .build()
        .unwrap();
    assert_eq!(beat_core::current_thread_index(), Some(0));
    let d = size(10, 5);
    assert_eq!(join(|| leaves(d), || leaves(d)), (1 << d, 1 << d));
    assert!(ThreadPoolBuilder::new()
        .use_current_thread()
        .build()
        .is_err());
    drop(p);
    assert_eq!(beat_core::current_thread_index(), None);
    // The current thread is not started by the pool: two handlers at most.
    assert!(started.load(Ordering::SeqCst) <= 2);
}
