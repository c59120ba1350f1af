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
