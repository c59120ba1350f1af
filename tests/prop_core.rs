//! Property tests of the core adapters and consumers (`map`, `filter`, `filter_map`,
//! `cloned`, `copied`, `inspect`, `update`, `enumerate`, `with_min_len`, `with_max_len`,
//! `fold`, `reduce`, `reduce_with`, `sum`, `product`, `min*`, `max*`, `count`, `collect`,
//! `par_extend`) against the std iterators, in pools of 1, 2 and 8 threads and from outside
//! any pool; panics in each closure position propagate.

mod common;

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicUsize, Ordering};

use beat::prelude::*;
use proptest::prelude::*;

use common::pools;

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
    fn maps_and_filters_match_std(v in values(), k in 1u32..7) {
        everywhere(|| {
            let got: Vec<u64> = v.par_iter().map(|&x| u64::from(x) * 3).collect();
            let want: Vec<u64> = v.iter().map(|&x| u64::from(x) * 3).collect();
            assert_eq!(got, want);
            let got: Vec<u32> = v.par_iter().copied().filter(|x| x % k == 0).collect();
            let want: Vec<u32> = v.iter().copied().filter(|x| x % k == 0).collect();
            assert_eq!(got, want);
            let got: Vec<u32> = v.par_iter().filter_map(|&x| x.checked_mul(k)).collect();
            let want: Vec<u32> = v.iter().filter_map(|&x| x.checked_mul(k)).collect();
            assert_eq!(got, want);
            let got: Vec<u32> = v.par_iter().cloned().update(|x| *x ^= k).collect();
            let want: Vec<u32> = v.iter().map(|&x| x ^ k).collect();
            assert_eq!(got, want);
            let seen = AtomicUsize::new(0);
            let n = v.par_iter().inspect(|_| { seen.fetch_add(1, Ordering::Relaxed); }).count();
            assert_eq!((n, seen.into_inner()), (v.len(), v.len()));
        });
    }

    #[test]
    fn enumerate_and_length_bounds_keep_order(v in values(), min in 0usize..50, max in 0usize..50) {
        everywhere(|| {
            let want: Vec<(usize, u32)> = v.iter().copied().enumerate().collect();
            let got: Vec<(usize, u32)> = v.par_iter().copied().enumerate().collect();
            assert_eq!(got, want);
            let got: Vec<(usize, u32)> =
                v.par_iter().copied().with_min_len(min).with_max_len(max).enumerate().collect();
            assert_eq!(got, want);
            let got: Vec<(usize, u32)> = v.clone().into_par_iter().enumerate().with_max_len(max).collect();
            assert_eq!(got, want);
        });
    }

    #[test]
    fn reductions_match_std(v in values()) {
        everywhere(|| {
            let wide = |x: &u32| u64::from(*x);
            assert_eq!(v.par_iter().map(wide).sum::<u64>(), v.iter().map(wide).sum::<u64>());
            // At most 40 factors of at most 3: no overflow.
            assert_eq!(
                v.par_iter().take(40).map(|&x| u64::from(x % 3 + 1)).product::<u64>(),
                v.iter().take(40).map(|&x| u64::from(x % 3 + 1)).product::<u64>()
            );
            assert_eq!(
                v.par_iter().map(wide).fold(|| 0u64, |a, x| a.wrapping_add(x)).reduce(|| 0, u64::wrapping_add),
                v.iter().map(wide).fold(0u64, u64::wrapping_add)
            );
            assert_eq!(v.par_iter().copied().reduce_with(u32::max), v.iter().copied().max());
            assert_eq!(v.par_iter().min(), v.iter().min());
            assert_eq!(v.par_iter().max(), v.iter().max());
            assert_eq!(v.par_iter().copied().min_by_key(|x| x % 1000).map(|x| x % 1000), v.iter().copied().min_by_key(|x| x % 1000).map(|x| x % 1000));
            assert_eq!(v.par_iter().copied().max_by_key(|x| x % 1000).map(|x| x % 1000), v.iter().copied().max_by_key(|x| x % 1000).map(|x| x % 1000));
            assert_eq!(v.par_iter().min_by(|a, b| b.cmp(a)), v.iter().max());
            assert_eq!(v.par_iter().max_by(|a, b| b.cmp(a)), v.iter().min());
            assert_eq!(v.par_iter().filter(|x| *x % 2 == 0).count(), v.iter().filter(|x| *x % 2 == 0).count());
        });
    }

    #[test]
    fn min_and_max_keys_pick_an_extreme_item(v in values()) {
        // Of equal keys rayon leaves which item unspecified; the key must be extreme.
        everywhere(|| {
            let key = |x: &&u32| *x % 17;
            assert_eq!(v.par_iter().min_by_key(key).map(|x| x % 17), v.iter().min_by_key(key).map(|x| x % 17));
            assert_eq!(v.par_iter().max_by_key(key).map(|x| x % 17), v.iter().max_by_key(key).map(|x| x % 17));
        });
    }

    #[test]
    fn ranges_and_extend_match_std(n in len(), start in 0i64..1000) {
        everywhere(|| {
            let end = start + n as i64;
            assert_eq!((start..end).into_par_iter().sum::<i64>(), (start..end).sum::<i64>());
            let got: Vec<i64> = (start..end).into_par_iter().map(|x| x * 2).collect();
            assert_eq!(got, (start..end).map(|x| x * 2).collect::<Vec<_>>());
            let mut ext = vec![-1i64];
            ext.par_extend((start..end).into_par_iter().filter(|x| x % 3 == 0));
            let mut want = vec![-1i64];
            want.extend((start..end).filter(|x| x % 3 == 0));
            assert_eq!(ext, want);
            let n32 = n as u32;
            assert_eq!((0..n32).into_par_iter().count(), n);
            assert_eq!((0..n).into_par_iter().rev().map(|x| x % 7).sum::<usize>(), (0..n).map(|x| x % 7).sum::<usize>());
        });
    }
}

/// Whether `f` panics with the message `msg`.
fn panics_with(msg: &str, f: impl FnOnce()) -> bool {
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(()) => false,
        Err(p) => p
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| p.downcast_ref::<String>().cloned())
            .is_some_and(|s| s.contains(msg)),
    }
}

#[test]
fn panics_in_every_closure_position_propagate() {
    let boom = |x: u32| {
        if x == 7_777 {
            panic!("boom at {x}");
        }
    };
    everywhere(|| {
        let r = || (0..20_000u32).into_par_iter();
        assert!(panics_with("boom", || {
            r().map(|x| {
                boom(x);
                x
            })
            .for_each(drop)
        }));
        assert!(panics_with("boom", || {
            r().filter(|&x| {
                boom(x);
                true
            })
            .for_each(drop)
        }));
        assert!(panics_with("boom", || {
            r().filter_map(|x| {
                boom(x);
                Some(x)
            })
            .for_each(drop)
        }));
        assert!(panics_with("boom", || r()
            .inspect(|&x| boom(x))
            .for_each(drop)));
        assert!(panics_with("boom", || r()
            .update(|x| boom(*x))
            .for_each(drop)));
        assert!(panics_with("boom", || r().for_each(boom)));
        assert!(panics_with("boom", || {
            let _ = r()
                .fold(
                    || 0u32,
                    |a, x| {
                        boom(x);
                        a ^ x
                    },
                )
                .count();
        }));
        assert!(panics_with("boom", || {
            let _ = r().reduce(
                || 0,
                |a, b| {
                    boom(b);
                    a ^ b
                },
            );
        }));
        assert!(panics_with("boom", || {
            let _: Vec<u32> = r()
                .map(|x| {
                    boom(x);
                    x
                })
                .collect();
        }));
        assert!(panics_with("boom", || {
            let _ = r().min_by_key(|&x| {
                boom(x);
                x
            });
        }));
    });
    // The pools still work afterwards.
    everywhere(|| assert_eq!((0..1000u32).into_par_iter().sum::<u32>(), 499_500));
}

#[test]
fn huge_ranges_count_and_sum_exactly() {
    everywhere(|| {
        let n = (u32::MAX as usize) + 10;
        assert_eq!((0..n).into_par_iter().with_min_len(1 << 20).len(), n);
        let top = u64::MAX - 100_000..u64::MAX;
        let want = top.clone().fold(0u64, u64::wrapping_add);
        assert_eq!(top.into_par_iter().reduce(|| 0, u64::wrapping_add), want);
    });
}
