//! Unit tests of pools: install, nesting across pools, statistics.

use crate::ThreadPoolBuilder;

#[test]
fn install_runs_on_the_pool() {
    let pool = ThreadPoolBuilder::new().num_threads(2).build().unwrap();
    assert_eq!(pool.current_thread_index(), None);
    let idx = pool.install(|| pool.current_thread_index());
    assert!(matches!(idx, Some(0 | 1)));
}

#[test]
fn install_across_pools() {
    let a = ThreadPoolBuilder::new().num_threads(2).build().unwrap();
    let b = ThreadPoolBuilder::new().num_threads(3).build().unwrap();
    let r = a.install(|| {
        let here = crate::current_num_threads();
        let there = b.install(crate::current_num_threads);
        (here, there, crate::current_num_threads())
    });
    assert_eq!(r, (2, 3, 2));
}

#[test]
fn stats_count_jobs() {
    let pool = ThreadPoolBuilder::new().num_threads(2).build().unwrap();
    for _ in 0..10 {
        pool.install(|| ());
    }
    let s = pool.stats();
    assert_eq!(s.injected, 10);
    assert!(s.jobs_executed >= 10);
    assert_eq!(s.per_worker.len(), 2);
}

#[test]
fn build_scoped_runs_with_pool_and_joins_its_threads() {
    use std::sync::atomic::{AtomicUsize, Ordering};
    let (entered, exited) = (AtomicUsize::new(0), AtomicUsize::new(0));
    let local = [1, 2, 3];
    let out = ThreadPoolBuilder::new()
        .num_threads(3)
        .build_scoped(
            |thread| {
                entered.fetch_add(1, Ordering::Relaxed);
                thread.run();
                exited.fetch_add(1, Ordering::Relaxed);
            },
            |pool| {
                assert_eq!(pool.current_num_threads(), 3);
                pool.install(|| local.iter().sum::<i32>() + crate::current_num_threads() as i32)
            },
        )
        .unwrap();
    assert_eq!(out, 9);
    // Every pool thread left `run` and finished before `build_scoped` returned.
    assert_eq!(entered.into_inner(), 3);
    assert_eq!(exited.into_inner(), 3);
}

#[test]
fn build_scoped_keeps_thread_names() {
    let names = ThreadPoolBuilder::new()
        .num_threads(2)
        .thread_name(|i| format!("scoped-{i}"))
        .build_scoped(
            |thread| thread.run(),
            |pool| pool.broadcast(|_| std::thread::current().name().map(str::to_owned)),
        )
        .unwrap();
    assert_eq!(
        names,
        [Some("scoped-0".to_owned()), Some("scoped-1".to_owned())]
    );
}

#[test]
#[cfg_attr(miri, ignore = "Miri ignores the stack size, so the spawn succeeds")]
fn build_scoped_reports_a_failed_spawn() {
    use std::error::Error;
    // A stack larger than the address space: the OS refuses the thread.
    let mut ran = false;
    let err = ThreadPoolBuilder::new()
        .num_threads(2)
        .stack_size(1 << 50)
        .build_scoped(|thread| thread.run(), |_| ran = true)
        .unwrap_err();
    assert!(!ran, "with_pool must not run without a pool");
    assert!(
        err.source().is_some(),
        "the spawn error is the source: {err}"
    );
}

#[test]
fn build_scoped_propagates_a_panic_after_the_threads_exit() {
    let err = std::panic::catch_unwind(|| {
        ThreadPoolBuilder::new()
            .num_threads(2)
            .build_scoped(|thread| thread.run(), |_| panic!("in with_pool"))
    })
    .unwrap_err();
    assert_eq!(err.downcast_ref::<&str>(), Some(&"in with_pool"));
}
