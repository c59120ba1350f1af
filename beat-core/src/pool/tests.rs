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
