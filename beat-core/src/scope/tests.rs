//! Unit tests of scopes and their chunked task storage.

use std::sync::atomic::{AtomicUsize, Ordering};

use crate::ThreadPoolBuilder;

#[test]
fn nested_spawns_all_run() {
    let pool = ThreadPoolBuilder::new().num_threads(3).build().unwrap();
    let n = AtomicUsize::new(0);
    pool.scope(|s| {
        for _ in 0..1000 {
            s.spawn(|s| {
                n.fetch_add(1, Ordering::Relaxed);
                s.spawn(|_| {
                    n.fetch_add(1, Ordering::Relaxed);
                });
            });
        }
    });
    assert_eq!(n.into_inner(), 2000);
}

#[test]
fn big_tasks_take_the_heap_path() {
    let pool = ThreadPoolBuilder::new().num_threads(2).build().unwrap();
    let big = [7u8; 3000];
    let n = &AtomicUsize::new(0);
    pool.scope(|s| {
        for _ in 0..10 {
            s.spawn(move |_| {
                n.fetch_add(big.iter().map(|&b| b as usize).sum(), Ordering::Relaxed);
            });
        }
    });
    assert_eq!(n.load(Ordering::Relaxed), 10 * 7 * 3000);
}

#[test]
fn spawn_from_a_stolen_join_half_completes() {
    // `&Scope` sent into a join half: the spawn may happen outside the scope's context.
    let pool = ThreadPoolBuilder::new().num_threads(2).build().unwrap();
    let n = AtomicUsize::new(0);
    pool.scope(|s| {
        for _ in 0..200 {
            s.spawn(|s| {
                crate::join(
                    || {
                        s.spawn(|_| {
                            n.fetch_add(1, Ordering::Relaxed);
                        })
                    },
                    || {
                        s.spawn(|_| {
                            n.fetch_add(1, Ordering::Relaxed);
                        })
                    },
                );
            });
        }
    });
    assert_eq!(n.into_inner(), 400);
}

#[test]
fn interleaved_scopes_share_a_thread() {
    let pool = ThreadPoolBuilder::new().num_threads(1).build().unwrap();
    let (a, b) = (AtomicUsize::new(0), AtomicUsize::new(0));
    pool.scope(|outer| {
        crate::scope(|inner| {
            for _ in 0..300 {
                outer.spawn(|_| {
                    a.fetch_add(1, Ordering::Relaxed);
                });
                inner.spawn(|_| {
                    b.fetch_add(1, Ordering::Relaxed);
                });
            }
        });
        assert_eq!(b.load(Ordering::Relaxed), 300);
    });
    assert_eq!(a.into_inner(), 300);
}
