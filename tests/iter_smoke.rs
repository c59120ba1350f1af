//! Quick end-to-end checks of the parallel-iterator core.

use beat::prelude::*;

#[test]
fn sums_and_collects_like_std() {
    for n in [0usize, 1, 2, 3, 17, 1000, 100_003] {
        let v: Vec<u64> = (0..n as u64).collect();
        assert_eq!(
            v.par_iter().map(|x| x * 3).sum::<u64>(),
            v.iter().map(|x| x * 3).sum()
        );
        let c: Vec<u64> = v.par_iter().map(|x| x + 1).collect();
        assert_eq!(c, v.iter().map(|x| x + 1).collect::<Vec<_>>());
        let f: Vec<u64> = v.par_iter().copied().filter(|x| x % 7 == 1).collect();
        assert_eq!(
            f,
            v.iter().copied().filter(|x| x % 7 == 1).collect::<Vec<_>>()
        );
        let e: Vec<(usize, u64)> = v.clone().into_par_iter().enumerate().collect();
        assert_eq!(e, v.iter().copied().enumerate().collect::<Vec<_>>());
        assert_eq!((0..n).into_par_iter().count(), n);
        assert_eq!((0..n as u64).into_par_iter().max(), v.iter().copied().max());
    }
}

#[test]
fn runs_in_small_pools() {
    for threads in [1, 2, 8] {
        let pool = beat::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap();
        let s = pool.install(|| {
            (0..1_000_000u64)
                .into_par_iter()
                .map(|x| x ^ (x >> 3))
                .sum::<u64>()
        });
        assert_eq!(s, (0..1_000_000u64).map(|x| x ^ (x >> 3)).sum::<u64>());
    }
}

#[test]
fn stats_count_fast_paths_batches_and_call_sites() {
    let pool = beat::ThreadPoolBuilder::new()
        .num_threads(2)
        .build()
        .unwrap();
    pool.install(|| {
        // Small: finished inline. Three items whatever the clock says: the driver folds one
        // item, never trusts that first timing alone, and the next chunk (two items) holds
        // the rest, so no stall of this thread can send the call to the pool.
        assert_eq!((0..3u32).into_par_iter().map(|x| x + 1).sum::<u32>(), 6);
        // Large enough to be batched (~2 ms of work even in release).
        let s: u64 = (0..200_000u64)
            .into_par_iter()
            .map(|x| {
                let mut h = x;
                for _ in 0..20 {
                    h = std::hint::black_box(h.wrapping_mul(31).wrapping_add(7));
                }
                h
            })
            .reduce(|| 0, u64::wrapping_add);
        std::hint::black_box(s);
    });
    let s = pool.stats();
    assert!(s.fast_path_calls >= 1, "{s:?}");
    assert!(s.batches >= 1, "{s:?}");
    assert!(!beat::stats().call_sites.is_empty());
}
