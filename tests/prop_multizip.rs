//! `MultiZip` (tuples of indexed parallel iterators, by value, `&` and `&mut`) compared with
//! nested std zips on random lengths, alone and under `rev`, `enumerate`, `skip`, `take`,
//! `step_by`, `chunks`, `collect`, `sum` and `find_first`, in pools of 1, 2 and 8 threads;
//! panics propagate and owned items are dropped exactly once.

mod common;

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use beat::prelude::*;
use beat::ThreadPool;
use proptest::prelude::*;

/// The payload of every panic these tests raise on purpose.
const BOOM: &str = "intentional test panic";

/// Pools of 1, 2 and 8 threads, built once; the intentional panics are not printed.
fn pools() -> &'static [ThreadPool; 3] {
    common::quiet_pools(BOOM)
}

/// Runs `f` inside each pool, passing the pool's thread count.
fn in_pools(f: impl Fn(usize) + Sync) {
    for pool in pools() {
        pool.install(|| f(pool.current_num_threads()));
    }
}

/// Lengths favouring small ones (0, 1 and odd lengths included), occasionally large.
fn len() -> impl Strategy<Value = usize> {
    prop_oneof![
        6 => 0usize..8,
        6 => 0usize..300,
        3 => 0usize..5_000,
        1 => 0usize..100_000,
    ]
}

/// `n` pseudo-random numbers from `seed` (splitmix64): cheap to build even when large.
fn data(n: usize, seed: u64) -> Vec<u64> {
    let mut s = seed;
    (0..n)
        .map(|_| {
            s = s.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = s;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            z ^ (z >> 31)
        })
        .collect()
}

/// `frac / 2^16` of `len + 2`: from 0 to a little past the end.
fn scaled(frac: u16, len: usize) -> usize {
    (frac as usize * (len + 2)) >> 16
}

/// Asserts that `f` panics with [`BOOM`] (and not with anything else).
fn assert_boom<R>(what: &str, f: impl FnOnce() -> R) {
    let payload = match catch_unwind(AssertUnwindSafe(f)) {
        Ok(_) => panic!("{what}: the panic was lost"),
        Err(payload) => payload,
    };
    let msg = payload.downcast_ref::<&str>().copied();
    assert_eq!(msg, Some(BOOM), "{what}: another panic came out");
}

/// The expected triples: std's nested zip of the three sources, flattened.
fn std_triples(a: &[u64], b: std::ops::Range<usize>, c: &[u64]) -> Vec<(u64, usize, u64)> {
    a.iter()
        .copied()
        .zip(b)
        .zip(c.iter().copied())
        .map(|((x, y), z)| (x, y, z))
        .collect()
}

/// One adapter after the zip.
#[derive(Clone, Copy, Debug)]
enum Op {
    Rev,
    Skip(u16),
    Take(u16),
    StepBy(u8),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        Just(Op::Rev),
        any::<u16>().prop_map(Op::Skip),
        any::<u16>().prop_map(Op::Take),
        (1u8..12).prop_map(Op::StepBy),
    ]
}

/// The adapters applied with std to the expected items.
fn apply_seq<T>(v: Vec<T>, ops: &[Op]) -> Vec<T> {
    ops.iter().fold(v, |v, &op| {
        let n = v.len();
        match op {
            Op::Rev => v.into_iter().rev().collect(),
            Op::Skip(f) => v.into_iter().skip(scaled(f, n)).collect(),
            Op::Take(f) => v.into_iter().take(scaled(f, n)).collect(),
            Op::StepBy(s) => v.into_iter().step_by(s as usize).collect(),
        }
    })
}

/// The adapters applied in parallel.
fn apply_par<T: Send>(it: impl IndexedParallelIterator<Item = T>, ops: &[Op]) -> Vec<T> {
    fn step<T: Send>(it: Vec<T>, op: Op) -> Vec<T> {
        let n = it.len();
        match op {
            Op::Rev => it.into_par_iter().rev().collect(),
            Op::Skip(f) => it.into_par_iter().skip(scaled(f, n)).collect(),
            Op::Take(f) => it.into_par_iter().take(scaled(f, n)).collect(),
            Op::StepBy(s) => it.into_par_iter().step_by(s as usize).collect(),
        }
    }
    // The first adapter runs directly on the zip (its producer is what is under test); the
    // others run on the collected result.
    let Some((&first, rest)) = ops.split_first() else {
        return it.collect();
    };
    let n = it.len();
    let v: Vec<T> = match first {
        Op::Rev => it.rev().collect(),
        Op::Skip(f) => it.skip(scaled(f, n)).collect(),
        Op::Take(f) => it.take(scaled(f, n)).collect(),
        Op::StepBy(s) => it.step_by(s as usize).collect(),
    };
    rest.iter().fold(v, |v, &op| step(v, op))
}

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: 32,
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(config())]

    /// By value: a `Vec`, a range and a slice of random lengths; the result is as long as
    /// the shortest and matches std's nested zip, alone and under the consumers.
    #[test]
    fn by_value_matches_std(
        la in len(), lb in len(), lc in len(), seed in any::<u64>(),
        target in any::<u64>(), chunk in 1usize..40,
    ) {
        let a = data(la, seed);
        let c = data(lc, !seed);
        let expected = std_triples(&a, 0..lb, &c);
        in_pools(|p| {
            let z = (a.clone(), 0..lb, &c[..]).into_par_iter();
            assert_eq!(z.len(), la.min(lb).min(lc), "P={p}");
            assert_eq!(z.opt_len(), Some(expected.len()), "P={p}");
            let got: Vec<(u64, usize, u64)> = z.clone().map(|(x, y, &z)| (x, y, z)).collect();
            assert_eq!(got, expected, "collect, P={p}");

            let sum: u64 = z
                .clone()
                .map(|(x, y, z)| x.wrapping_add(y as u64) ^ z)
                .map(|h| h >> 20)
                .sum();
            let want: u64 = expected.iter().map(|&(x, y, z)| (x.wrapping_add(y as u64) ^ z) >> 20).sum();
            assert_eq!(sum, want, "sum, P={p}");

            // A target that is present when the input is not empty, else a miss.
            let key = |&(x, _, z): &(u64, usize, u64)| (x ^ z) % 7 == target % 7;
            let first = z.clone().map(|(x, y, &z)| (x, y, z)).find_first(key);
            assert_eq!(first, expected.iter().copied().find(key), "find_first, P={p}");

            let en: Vec<(usize, (u64, usize, u64))> =
                z.clone().map(|(x, y, &z)| (x, y, z)).enumerate().collect();
            let want: Vec<_> = expected.iter().copied().enumerate().collect();
            assert_eq!(en, want, "enumerate, P={p}");

            let chunks: Vec<Vec<usize>> = z.map(|(_, y, _)| y).chunks(chunk).collect();
            let want: Vec<Vec<usize>> = expected
                .iter()
                .map(|t| t.1)
                .collect::<Vec<_>>()
                .chunks(chunk)
                .map(<[usize]>::to_vec)
                .collect();
            assert_eq!(chunks, want, "chunks, P={p}");
        });
    }

    /// Random chains of `rev`, `skip`, `take` and `step_by` on a zip of two and of three.
    #[test]
    fn chains_match_std(
        la in len(), lb in len(), lc in len(), seed in any::<u64>(),
        ops in proptest::collection::vec(op(), 0..=3),
    ) {
        let a = data(la, seed);
        let c = data(lc, seed.rotate_left(17));
        let expected = apply_seq(std_triples(&a, 0..lb, &c), &ops);
        let pairs: Vec<(u64, u64)> = a.iter().copied().zip(c.iter().copied()).collect();
        let expected2 = apply_seq(pairs, &ops);
        in_pools(|p| {
            let z = (&a, 0..lb, c.clone()).into_par_iter().map(|(&x, y, z)| (x, y, z));
            assert_eq!(apply_par(z, &ops), expected, "{ops:?}, P={p}");
            let z2 = (a.clone(), &c).into_par_iter().map(|(x, &z)| (x, z));
            assert_eq!(apply_par(z2, &ops), expected2, "{ops:?}, P={p}");
            // The chain straight on the zip, with no map between.
            let got: Vec<(&u64, &u64)> = apply_par((&a, &c).into_par_iter(), &ops);
            let got: Vec<(u64, u64)> = got.into_iter().map(|(&x, &z)| (x, z)).collect();
            assert_eq!(got, expected2, "{ops:?}, P={p}");
        });
    }

    /// By shared reference: `&(A, B, C)` and `par_iter()` on a tuple of a `Vec`, a
    /// `VecDeque` and an array-backed `Vec`, and a tuple of 12 and of 1.
    #[test]
    fn by_ref_matches_std(la in len(), lb in len(), lc in len(), seed in any::<u64>()) {
        let t = (
            data(la, seed),
            data(lb, seed ^ 1).into_iter().collect::<std::collections::VecDeque<u64>>(),
            data(lc, seed ^ 2),
        );
        let expected: Vec<(&u64, &u64, &u64)> = t
            .0
            .iter()
            .zip(t.1.iter())
            .zip(t.2.iter())
            .map(|((x, y), z)| (x, y, z))
            .collect();
        let lens: Vec<usize> = (0..12).map(|i| (la + i * lb) % (lc + 1 + i)).collect();
        let twelve: Vec<Vec<u64>> = lens.iter().enumerate().map(|(i, &n)| data(n, seed ^ i as u64)).collect();
        let t12 = (
            twelve[0].clone(), twelve[1].clone(), twelve[2].clone(), twelve[3].clone(),
            twelve[4].clone(), twelve[5].clone(), twelve[6].clone(), twelve[7].clone(),
            twelve[8].clone(), twelve[9].clone(), twelve[10].clone(), twelve[11].clone(),
        );
        let n12 = lens.iter().copied().min().unwrap();
        let want12: Vec<u64> = (0..n12).map(|j| twelve.iter().fold(0u64, |h, v| h.rotate_left(5) ^ v[j])).collect();
        in_pools(|p| {
            assert_eq!(t.par_iter().collect::<Vec<_>>(), expected, "par_iter, P={p}");
            assert_eq!((&t).into_par_iter().rev().collect::<Vec<_>>(),
                expected.iter().rev().copied().collect::<Vec<_>>(), "&tuple rev, P={p}");
            let got: Vec<u64> = t12
                .par_iter()
                .map(|(a, b, c, d, e, f, g, h, i, j, k, l)| {
                    [a, b, c, d, e, f, g, h, i, j, k, l].iter().fold(0u64, |acc, &&x| acc.rotate_left(5) ^ x)
                })
                .collect();
            assert_eq!(got, want12, "12 by ref, P={p}");
            assert_eq!(t12.par_iter().len(), n12, "12 len, P={p}");
            let one: Vec<(&u64,)> = (&t.0,).into_par_iter().collect();
            assert_eq!(one, t.0.iter().map(|x| (x,)).collect::<Vec<_>>(), "1, P={p}");
        });
    }

    /// By mutable reference: `par_iter_mut()` on a tuple and `(&mut a, &mut b, ..)`, mutating
    /// every part; the same mutation done with std's `iter_mut` zip gives the same tuple.
    #[test]
    fn by_mut_matches_std(la in len(), lb in len(), lc in len(), seed in any::<u64>()) {
        let base = (data(la, seed), data(lb, seed ^ 3), data(lc, seed ^ 4));
        let step = |a: &mut u64, b: &mut u64, c: &mut u64| {
            *c = c.wrapping_add(*a ^ *b);
            std::mem::swap(a, b);
            *a = a.rotate_left(3);
        };
        let mut expected = base.clone();
        for ((a, b), c) in expected.0.iter_mut().zip(expected.1.iter_mut()).zip(expected.2.iter_mut()) {
            step(a, b, c);
        }
        in_pools(|p| {
            let mut t = base.clone();
            t.par_iter_mut().for_each(|(a, b, c)| step(a, b, c));
            assert_eq!(t, expected, "par_iter_mut, P={p}");

            let mut t = base.clone();
            (&mut t.0, &mut t.1, &mut t.2)
                .into_par_iter()
                .for_each(|(a, b, c)| step(a, b, c));
            assert_eq!(t, expected, "tuple of &mut, P={p}");

            // Through `&mut (A, B, C)` with `rev` and `enumerate`: each position gets its index.
            let mut t = base.clone();
            (&mut t).into_par_iter().rev().enumerate().for_each(|(i, (a, _, c))| {
                *a = i as u64;
                *c = !(i as u64);
            });
            let n = la.min(lb).min(lc);
            for j in 0..n {
                assert_eq!(t.0[j], (n - 1 - j) as u64, "P={p}");
                assert_eq!(t.2[j], !((n - 1 - j) as u64), "P={p}");
            }
            assert_eq!(t.0[n..], base.0[n..], "P={p}");
            assert_eq!(t.1, base.1, "P={p}");
            assert_eq!(t.2[n..], base.2[n..], "P={p}");
        });
    }

    /// Tuples of 12 by value and by `&mut`, with random lengths per part.
    #[test]
    fn twelve_parts(lens in proptest::collection::vec(len(), 12), seed in any::<u64>()) {
        let parts: Vec<Vec<u64>> = lens.iter().enumerate().map(|(i, &n)| data(n, seed ^ i as u64)).collect();
        let n = lens.iter().copied().min().unwrap();
        let want: Vec<u64> = (0..n).map(|j| parts.iter().map(|v| v[j] >> 4).sum()).collect();
        in_pools(|p| {
            let t = (
                parts[0].clone(), parts[1].clone(), parts[2].clone(), parts[3].clone(),
                parts[4].clone(), parts[5].clone(), parts[6].clone(), parts[7].clone(),
                parts[8].clone(), parts[9].clone(), parts[10].clone(), 0..lens[11],
            );
            let mut m = (
                parts[0].clone(), parts[1].clone(), parts[2].clone(), parts[3].clone(),
                parts[4].clone(), parts[5].clone(), parts[6].clone(), parts[7].clone(),
                parts[8].clone(), parts[9].clone(), parts[10].clone(), parts[11].clone(),
            );
            let z = t.into_par_iter();
            assert_eq!(z.len(), n, "P={p}");
            let got: Vec<u64> = z
                .map(|(a, b, c, d, e, f, g, h, i, j, k, l)| {
                    [a, b, c, d, e, f, g, h, i, j, k].iter().map(|x| x >> 4).sum::<u64>()
                        + (parts[11][l] >> 4)
                })
                .collect();
            assert_eq!(got, want, "by value, P={p}");

            m.par_iter_mut().for_each(|(a, b, c, d, e, f, g, h, i, j, k, l)| {
                for x in [a, b, c, d, e, f, g, h, i, j, k, l] {
                    *x >>= 4;
                }
            });
            let sums: Vec<u64> = (&m)
                .into_par_iter()
                .map(|(a, b, c, d, e, f, g, h, i, j, k, l)| a + b + c + d + e + f + g + h + i + j + k + l)
                .collect();
            assert_eq!(sums, want, "by &mut then &, P={p}");
            assert_eq!(m.11[n..], parts[11][n..], "past the shortest part, P={p}");
        });
    }

    /// A panic in a closure after the zip, or in a part's own adapter, comes out of the call.
    #[test]
    fn panics_propagate(la in 1usize..20_000, lb in 1usize..20_000, k in any::<prop::sample::Index>()) {
        let n = la.min(lb);
        let k = k.index(n);
        let a = data(la, 9);
        in_pools(|p| {
            assert_boom(&format!("for_each, P={p}"), || {
                (&a, 0..lb).into_par_iter().for_each(|(_, y)| {
                    if y == k {
                        std::panic::panic_any(BOOM);
                    }
                })
            });
            assert_boom(&format!("map + sum, P={p}"), || {
                (a.clone(), 0..lb)
                    .into_par_iter()
                    .map(|(x, y)| if y == k { std::panic::panic_any(BOOM) } else { x >> 16 })
                    .sum::<u64>()
            });
            assert_boom(&format!("part's map, P={p}"), || {
                let part = (0..lb).into_par_iter().map(|y| if y == k { std::panic::panic_any(BOOM) } else { y });
                (&a, part).into_par_iter().collect::<Vec<_>>()
            });
            assert_boom(&format!("find_first, P={p}"), || {
                (&a, 0..lb).into_par_iter().find_first(|&(_, y)| {
                    if y == k {
                        std::panic::panic_any(BOOM);
                    }
                    false
                })
            });
        });
    }
}

// ----------------------------------------------------------------------------------------
// Owned items: every one is dropped exactly once, including those past the shortest part
// and when a closure panics midway.

struct Tracker {
    made: AtomicUsize,
    drops: Vec<AtomicUsize>,
}

struct Tracked {
    id: usize,
    tracker: Arc<Tracker>,
}

impl Drop for Tracked {
    fn drop(&mut self) {
        self.tracker.drops[self.id].fetch_add(1, Ordering::Relaxed);
    }
}

impl Tracker {
    fn new(n: usize) -> Arc<Self> {
        Arc::new(Tracker {
            made: AtomicUsize::new(0),
            drops: (0..n).map(|_| AtomicUsize::new(0)).collect(),
        })
    }

    /// Items `ids` of this tracker.
    fn items(self: &Arc<Self>, ids: std::ops::Range<usize>) -> Vec<Tracked> {
        ids.map(|id| {
            self.made.fetch_add(1, Ordering::Relaxed);
            Tracked {
                id,
                tracker: Arc::clone(self),
            }
        })
        .collect()
    }

    fn assert_all_dropped_once(&self, what: &str) {
        assert_eq!(
            self.made.load(Ordering::Relaxed),
            self.drops.len(),
            "{what}"
        );
        for (id, d) in self.drops.iter().enumerate() {
            let d = d.load(Ordering::Relaxed);
            assert_eq!(d, 1, "{what}: item {id} dropped {d} times");
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 16, ..ProptestConfig::default() })]

    #[test]
    fn owned_items_dropped_once(
        la in 0usize..20_000, lb in 0usize..20_000, lc in 0usize..300,
        k in any::<prop::sample::Index>(), panics in any::<bool>(),
    ) {
        let n = la.min(lb).min(lc);
        let k = (panics && n > 0).then(|| k.index(n));
        in_pools(|p| {
            let what = format!("la={la} lb={lb} lc={lc} k={k:?}, P={p}");
            let tracker = Tracker::new(la + lb + lc);
            let a = tracker.items(0..la);
            let b = tracker.items(la..la + lb);
            let c = tracker.items(la + lb..la + lb + lc);
            let run = || {
                (a, b, c)
                    .into_par_iter()
                    .map(|(x, y, z)| {
                        if Some(x.id) == k {
                            std::panic::panic_any(BOOM);
                        }
                        (z, x.id + y.id)
                    })
                    .collect::<Vec<_>>()
            };
            match k {
                Some(_) => assert_boom(&what, run),
                None => {
                    let got = run();
                    assert_eq!(got.len(), n, "{what}");
                    assert!(got.iter().enumerate().all(|(i, (z, s))| z.id == la + lb + i && *s == la + 2 * i), "{what}");
                }
            }
            tracker.assert_all_dropped_once(&what);
        });
    }
}
