//! Tests of `beat::progress` (the `progress` feature): results are those of std whatever the
//! position of `.progress*()` in the chain, the bar's final position is the number of items
//! that passed, indexed-ness is kept, panics propagate and owned items are dropped once, in
//! pools of 1, 2 and 8 threads and outside any pool. Every bar here is hidden: nothing draws.
#![cfg(feature = "progress")]

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::OnceLock;

use beat::prelude::*;
use beat::progress::{ParallelProgressIterator, ProgressBar};
use beat::{ThreadPool, ThreadPoolBuilder};
use proptest::prelude::*;

static POOLS: OnceLock<[ThreadPool; 3]> = OnceLock::new();

fn pools() -> &'static [ThreadPool; 3] {
    POOLS
        .get_or_init(|| [1, 2, 8].map(|n| ThreadPoolBuilder::new().num_threads(n).build().unwrap()))
}

/// Runs `f` inside each pool, then on the calling thread (outside any pool).
fn everywhere(f: impl Fn() + Sync) {
    for pool in pools() {
        pool.install(&f);
    }
    f();
}

/// Lengths that favour small values (0 and 1 included) and occasionally reach 100_000.
fn len() -> impl Strategy<Value = usize> {
    prop_oneof![
        4 => 0usize..4,
        4 => 0usize..100,
        2 => 0usize..3_000,
        1 => 0usize..100_000,
    ]
}

fn values() -> impl Strategy<Value = Vec<u32>> {
    len().prop_flat_map(|n| proptest::collection::vec(any::<u32>(), n))
}

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: 32,
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn map_filter_collect_match_std(v in values(), k in 1u32..7) {
        everywhere(|| {
            // On the indexed source, before the map: counts every item.
            let bar = ProgressBar::hidden();
            let got: Vec<u64> = v
                .par_iter()
                .progress_with(bar.clone())
                .map(|&x| u64::from(x) * 3)
                .collect();
            let want: Vec<u64> = v.iter().map(|&x| u64::from(x) * 3).collect();
            assert_eq!(got, want);
            assert_eq!(bar.position(), v.len() as u64);

            // After a filter (unindexed): counts the items that pass.
            let bar = ProgressBar::hidden();
            let got: Vec<u32> = v
                .par_iter()
                .copied()
                .filter(|x| x % k == 0)
                .progress_with(bar.clone())
                .collect();
            let want: Vec<u32> = v.iter().copied().filter(|x| x % k == 0).collect();
            assert_eq!(bar.position(), want.len() as u64);
            assert_eq!(got, want);

            // Owned items, between two maps, into a sum.
            let bar = ProgressBar::hidden();
            let got: u64 = v
                .clone()
                .into_par_iter()
                .map(u64::from)
                .progress_with(bar.clone())
                .map(|x| x ^ u64::from(k))
                .sum();
            let want: u64 = v.iter().map(|&x| u64::from(x) ^ u64::from(k)).sum();
            assert_eq!((got, bar.position()), (want, v.len() as u64));
        });
    }

    #[test]
    fn indexed_adapters_after_progress_keep_order(v in values()) {
        everywhere(|| {
            let bar = ProgressBar::hidden();
            let it = v.par_iter().progress_with(bar.clone());
            assert_eq!(it.len(), v.len());
            let got: Vec<(usize, u32)> = it.enumerate().map(|(i, &x)| (i, x)).collect();
            let want: Vec<(usize, u32)> = v.iter().copied().enumerate().collect();
            assert_eq!(got, want);
            assert_eq!(bar.position(), v.len() as u64);

            // The producer path: zip and rev drive the wrapped producer's own iterator.
            let bar = ProgressBar::hidden();
            let got: Vec<(u32, u32)> = v.par_iter().copied().progress_with(bar.clone()).rev()
                .zip(v.par_iter().copied()).collect();
            let want: Vec<(u32, u32)> = v.iter().copied().rev().zip(v.iter().copied()).collect();
            assert_eq!(got, want);
            assert_eq!(bar.position(), v.len() as u64);

            let bar = ProgressBar::hidden();
            let mut got = Vec::new();
            v.par_iter()
                .progress_with(bar.clone())
                .with_min_len(7)
                .copied()
                .collect_into_vec(&mut got);
            assert_eq!(got, v);
            assert_eq!(bar.position(), v.len() as u64);
        });
    }

    #[test]
    fn short_circuit_counts_at_most_all(v in values()) {
        everywhere(|| {
            let bar = ProgressBar::hidden();
            let found = v.par_iter().progress_with(bar.clone()).any(|&x| x % 5 == 0);
            assert_eq!(found, v.iter().any(|&x| x % 5 == 0));
            let pos = bar.position();
            assert!(pos <= v.len() as u64);
            if !found {
                assert_eq!(pos, v.len() as u64);
            }
        });
    }
}

#[test]
fn progress_and_progress_count_set_the_length() {
    everywhere(|| {
        let it = (0..1234u32).into_par_iter().progress();
        assert_eq!(it.progress_bar().length(), Some(1234));
        assert_eq!(it.progress_bar().position(), 0);
        let it = (0..100u32)
            .into_par_iter()
            .filter(|x| x % 2 == 0)
            .progress_count(50);
        assert_eq!(it.progress_bar().length(), Some(50));
    });
}

#[test]
fn one_bar_shared_by_several_iterators_sums_them() {
    everywhere(|| {
        let bar = ProgressBar::hidden();
        bar.set_length(3_000);
        for _ in 0..3 {
            let n = (0..1_000)
                .into_par_iter()
                .progress_with(bar.clone())
                .count();
            assert_eq!(n, 1_000);
        }
        assert_eq!(bar.position(), 3_000);
        bar.finish();
        assert!(bar.is_finished());
    });
}

#[test]
fn panics_propagate() {
    everywhere(|| {
        let bar = ProgressBar::hidden();
        let r = catch_unwind(AssertUnwindSafe(|| {
            (0..10_000)
                .into_par_iter()
                .progress_with(bar.clone())
                .map(|x| if x == 7_777 { panic!("boom") } else { x })
                .sum::<i32>()
        }));
        assert!(r.is_err());
        assert!(bar.position() < 10_000);

        let r = catch_unwind(AssertUnwindSafe(|| {
            (0..10_000)
                .into_par_iter()
                .map(|x| if x == 3 { panic!("boom") } else { x })
                .progress()
                .for_each(|_| {})
        }));
        assert!(r.is_err());

        let r = catch_unwind(AssertUnwindSafe(|| {
            (0..10_000)
                .into_par_iter()
                .progress_with(ProgressBar::hidden())
                .for_each(|x| assert_ne!(x, 9_999))
        }));
        assert!(r.is_err());
    });
}

static LIVE: AtomicUsize = AtomicUsize::new(0);

/// Counts live values: made in `new`, unmade in `drop`.
struct Counted(u32);

impl Counted {
    fn new(x: u32) -> Self {
        LIVE.fetch_add(1, Ordering::Relaxed);
        Counted(x)
    }
}

impl Drop for Counted {
    fn drop(&mut self) {
        let before = LIVE.fetch_sub(1, Ordering::Relaxed);
        assert!(before > 0, "dropped twice");
    }
}

#[test]
fn owned_items_drop_once_when_a_closure_panics() {
    everywhere(|| {
        for n in [0u32, 1, 100, 20_000] {
            let v: Vec<Counted> = (0..n).map(Counted::new).collect();
            let r = catch_unwind(AssertUnwindSafe(|| {
                v.into_par_iter()
                    .progress_with(ProgressBar::hidden())
                    .for_each(|c| assert_ne!(c.0, n / 2))
            }));
            assert_eq!(r.is_err(), n > 0);
            assert_eq!(LIVE.load(Ordering::Relaxed), 0);

            let bar = ProgressBar::hidden();
            let v: Vec<Counted> = (0..n).map(Counted::new).collect();
            let r = catch_unwind(AssertUnwindSafe(|| {
                v.into_par_iter()
                    .progress_with(bar.clone())
                    .rev()
                    .zip((0..n).into_par_iter())
                    .for_each(|(c, i)| assert!(n < 100 || (i != n / 2 && c.0 + i == n - 1)))
            }));
            assert_eq!(r.is_err(), n >= 100);
            assert_eq!(LIVE.load(Ordering::Relaxed), 0);
        }
    });
}
