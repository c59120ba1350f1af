//! The rest of rayon's iterator methods, against sequential models in pools of 1, 2 and 8
//! threads: `intersperse`, `take_any`, `skip_any`, `take_any_while`, `skip_any_while`,
//! `collect_vec_list`, `by_exponential_blocks`, `by_uniform_blocks`, `interleave`,
//! `interleave_shortest`, `fold_chunks`, `fold_chunks_with`, the comparisons, `positions`
//! and `unzip_into_vecs`. Panics propagate; owned items are dropped exactly once.

mod common;

use std::cmp::Ordering;
use std::collections::LinkedList;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicIsize, AtomicUsize, Ordering::Relaxed};
use std::sync::Mutex;

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

fn cfg() -> ProptestConfig {
    ProptestConfig {
        cases: 32,
        ..ProptestConfig::default()
    }
}

/// Lengths in 0..100_000 favouring small ones (0, 1 and odd lengths included).
fn len() -> impl Strategy<Value = usize> {
    prop_oneof![
        2 => Just(0usize),
        2 => Just(1usize),
        6 => 2usize..64,
        4 => 64usize..3_000,
        1 => 3_000usize..100_000,
    ]
}

/// `n` pseudo-random numbers from `seed` (splitmix64).
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

/// Consumes a result that a test does not look at.
fn sink<T>(_: T) {}

fn boom() -> ! {
    std::panic::panic_any(BOOM)
}

fn is_boom(r: std::thread::Result<impl Sized>) -> bool {
    match r {
        Ok(_) => false,
        Err(e) => e.downcast_ref::<&str>() == Some(&BOOM),
    }
}

fn panic_message(r: std::thread::Result<impl Sized>) -> String {
    let Err(e) = r else {
        panic!("expected a panic")
    };
    if let Some(s) = e.downcast_ref::<String>() {
        s.clone()
    } else if let Some(s) = e.downcast_ref::<&str>() {
        s.to_string()
    } else {
        String::new()
    }
}

/// Runs `$body` with `$pi` bound to an indexed parallel iterator over the items of `$v`
/// (copied) and again to an unindexed one.
macro_rules! for_sources {
    ($v:expr, |$pi:ident| $body:expr) => {{
        {
            let $pi = $v.par_iter().copied();
            $body;
        }
        {
            let $pi = $v.par_iter().copied().filter(|_| true);
            $body;
        }
    }};
}

// ----------------------------------------------------------------------------------------
// Sequential models.

fn intersperse_std<T: Clone>(v: &[T], sep: T) -> Vec<T> {
    let mut out = Vec::new();
    for (i, x) in v.iter().enumerate() {
        if i > 0 {
            out.push(sep.clone());
        }
        out.push(x.clone());
    }
    out
}

fn interleave_std<T: Clone>(a: &[T], b: &[T]) -> Vec<T> {
    let mut out = Vec::new();
    let (mut i, mut j) = (a.iter(), b.iter());
    loop {
        match (i.next(), j.next()) {
            (None, None) => return out,
            (x, y) => out.extend(x.into_iter().chain(y).cloned()),
        }
    }
}

fn interleave_shortest_std<T: Clone>(a: &[T], b: &[T]) -> Vec<T> {
    let mut out = Vec::new();
    let (mut i, mut j) = (a.iter(), b.iter());
    loop {
        let Some(x) = i.next() else { return out };
        out.push(x.clone());
        let Some(y) = j.next() else { return out };
        out.push(y.clone());
    }
}

/// Whether `sub` is a subsequence of `all`.
fn is_subsequence<T: PartialEq>(sub: &[T], all: &[T]) -> bool {
    let mut it = all.iter();
    sub.iter().all(|x| it.any(|y| y == x))
}

/// `v` sorted, for comparing multisets.
fn sorted(mut v: Vec<u64>) -> Vec<u64> {
    v.sort_unstable();
    v
}

/// A value that logs its drop, to tell which items an adapter dropped.
struct Logged<'a> {
    value: u64,
    log: &'a Mutex<Vec<u64>>,
}

impl Drop for Logged<'_> {
    fn drop(&mut self) {
        self.log.lock().unwrap().push(self.value);
    }
}

fn logged(n: usize, log: &Mutex<Vec<u64>>) -> Vec<Logged<'_>> {
    (0..n as u64).map(|value| Logged { value, log }).collect()
}

/// A value that counts how many of its kind are alive (clones included).
struct Live<'a> {
    value: u64,
    live: &'a AtomicIsize,
}

impl<'a> Live<'a> {
    fn new(value: u64, live: &'a AtomicIsize) -> Self {
        live.fetch_add(1, Relaxed);
        Live { value, live }
    }
}

impl Clone for Live<'_> {
    fn clone(&self) -> Self {
        Live::new(self.value, self.live)
    }
}

impl Drop for Live<'_> {
    fn drop(&mut self) {
        self.live.fetch_sub(1, Relaxed);
    }
}

// ----------------------------------------------------------------------------------------
// intersperse

proptest! {
    #![proptest_config(cfg())]

    #[test]
    fn intersperse_matches_std(n in len(), seed in any::<u64>(), m in 1u64..8, k in 1usize..40) {
        let v = data(n, seed);
        let sep = u64::MAX;
        let want = intersperse_std(&v, sep);
        // Filters leave many pieces of an unindexed drive empty.
        let kept: Vec<u64> = v.iter().copied().filter(|x| x % m == 0).collect();
        let want_kept = intersperse_std(&kept, sep);
        in_pools(|p| {
            for_sources!(v, |pi| {
                assert_eq!(pi.intersperse(sep).collect::<Vec<_>>(), want, "P={p}")
            });
            for_sources!(v, |pi| {
                let list: LinkedList<u64> = pi.intersperse(sep).collect();
                assert!(list.iter().eq(&want), "P={p}");
            });
            for_sources!(v, |pi| {
                assert_eq!(pi.intersperse(sep).count(), want.len(), "P={p}")
            });
            for_sources!(v, |pi| {
                let first = pi.intersperse(sep).find_first(|&x| x == sep);
                assert_eq!(first, want.iter().copied().find(|&x| x == sep), "P={p}");
            });
            let got: Vec<u64> = v.par_iter().copied().filter(|x| x % m == 0).intersperse(sep).collect();
            assert_eq!(got, want_kept, "P={p} m={m}");
            let got: Vec<u64> = v
                .par_iter()
                .flat_map_iter(|&x| (x % m == 0).then_some(x))
                .intersperse(sep)
                .collect();
            assert_eq!(got, want_kept, "P={p} m={m}");
            // Inner parallel iterators and chains split their consumer without an index.
            let got: Vec<u64> = v
                .par_iter()
                .flat_map(|&x| (x % m == 0).then_some(x))
                .intersperse(sep)
                .collect();
            assert_eq!(got, want_kept, "P={p} m={m}");
            let reps = |x: u64| vec![x; (x % 3) as usize];
            let got: Vec<u64> = v.par_iter().flat_map(|&x| reps(x)).intersperse(sep).collect();
            let flat: Vec<u64> = v.iter().flat_map(|&x| reps(x)).collect();
            assert_eq!(got, intersperse_std(&flat, sep), "P={p}");
            let third = n / 3;
            let got: Vec<u64> = v[..third]
                .par_iter()
                .copied()
                .filter(|x| x % m == 0)
                .chain(v[third..2 * third].par_iter().copied().filter(|x| x % m == 0))
                .chain(v[2 * third..].par_iter().copied().filter(|x| x % m == 0))
                .intersperse(sep)
                .collect();
            assert_eq!(got, want_kept, "P={p} m={m}");
            // An empty first part: the split at index 0 puts nothing before the rest.
            let got: Vec<u64> = v[..0].par_iter().chain(&v).copied().intersperse(sep).collect();
            assert_eq!(got, want, "P={p}");
            let got: Vec<u64> = v.par_iter().chain(&v[..0]).copied().intersperse(sep).collect();
            assert_eq!(got, want, "P={p}");
            let sum: u64 = v.par_iter().flat_map(|&x| reps(x)).intersperse(1).map(|x| x % 1000).sum();
            assert_eq!(sum, intersperse_std(&flat, 1).iter().map(|x| x % 1000).sum());
            // Indexed: the length, the producer (split anywhere, read from both ends)
            // and an indexed drive.
            let it = v.par_iter().copied().intersperse(sep);
            assert_eq!(it.len(), want.len());
            assert_eq!(it.opt_len(), Some(want.len()));
            let rev: Vec<u64> = it.clone().rev().collect();
            assert!(rev.iter().eq(want.iter().rev()), "P={p}");
            let chunks: Vec<Vec<u64>> = it.clone().chunks(k).collect();
            assert_eq!(chunks, want.chunks(k).map(<[u64]>::to_vec).collect::<Vec<_>>());
            let mid: Vec<u64> = it.clone().skip(k).take(n).collect();
            assert_eq!(mid, want.iter().skip(k).take(n).copied().collect::<Vec<_>>());
            let stepped: Vec<u64> = it.clone().rev().step_by(k).collect();
            assert_eq!(stepped, want.iter().rev().step_by(k).copied().collect::<Vec<_>>());
            let zipped: Vec<(u64, usize)> = it.clone().zip(0..want.len()).collect();
            assert!(zipped.iter().map(|p| p.0).eq(want.iter().copied()));
            let mut out = vec![7; 3];
            it.collect_into_vec(&mut out);
            assert_eq!(out, want);
            let strings: String = v.par_iter().map(|x| (x % 10).to_string()).intersperse(",".into()).collect();
            assert_eq!(strings, v.iter().map(|x| (x % 10).to_string()).collect::<Vec<_>>().join(","));
        });
    }
}

// ----------------------------------------------------------------------------------------
// take_any, skip_any, take_any_while, skip_any_while

proptest! {
    #![proptest_config(cfg())]

    #[test]
    fn take_any_and_skip_any_count_exactly(n in len(), frac in any::<u16>(), seed in any::<u64>()) {
        // Up to a little past the end.
        let k = (usize::from(frac) * (n + 2)) >> 16;
        let v: Vec<u64> = data(n, seed);
        let take = k.min(n);
        in_pools(|p| {
            for_sources!(v, |pi| {
                let got: Vec<u64> = pi.take_any(k).collect();
                assert_eq!(got.len(), take, "P={p}");
                assert!(is_subsequence(&got, &v), "P={p}");
            });
            for_sources!(v, |pi| {
                let got: Vec<u64> = pi.skip_any(k).collect();
                assert_eq!(got.len(), n - take, "P={p}");
                assert!(is_subsequence(&got, &v), "P={p}");
            });
            for_sources!(v, |pi| assert_eq!(pi.take_any(k).count(), take, "P={p}"));
            for_sources!(v, |pi| assert_eq!(pi.skip_any(k).count(), n - take, "P={p}"));
            // Owned items: what is not yielded is dropped, once; together they are all.
            for skip in [false, true] {
                let log = Mutex::new(Vec::new());
                let items = logged(n, &log);
                let kept: Vec<Logged<'_>> = if skip {
                    items.into_par_iter().skip_any(k).collect()
                } else {
                    items.into_par_iter().take_any(k).collect()
                };
                let kept_values: Vec<u64> = kept.iter().map(|x| x.value).collect();
                let dropped = std::mem::take(&mut *log.lock().unwrap());
                assert_eq!(kept.len(), if skip { n - take } else { take }, "P={p}");
                assert!(kept_values.windows(2).all(|w| w[0] < w[1]), "P={p}");
                let mut all = dropped;
                all.extend(&kept_values);
                assert_eq!(sorted(all), (0..n as u64).collect::<Vec<_>>(), "P={p}");
                drop(kept);
                assert_eq!(sorted(log.into_inner().unwrap()), kept_values);
            }
        });
    }

    #[test]
    fn take_and_skip_any_while(n in len(), frac in any::<u16>(), seed in any::<u64>()) {
        let v: Vec<u64> = data(n, seed);
        let t = u64::from(frac) << 48;
        let below = |x: &u64| *x < t;
        in_pools(|p| {
            for_sources!(v, |pi| {
                let got: Vec<u64> = pi.take_any_while(below).collect();
                assert!(got.iter().all(below), "P={p}");
                assert!(is_subsequence(&got, &v), "P={p}");
                if p == 1 {
                    // One thread runs the items in order: exactly `take_while`.
                    assert_eq!(got, v.iter().copied().take_while(below).collect::<Vec<_>>());
                }
            });
            for_sources!(v, |pi| {
                let got: Vec<u64> = pi.skip_any_while(below).collect();
                assert!(is_subsequence(&got, &v), "P={p}");
                // An item the predicate rejects is never skipped.
                let rejected: Vec<u64> = v.iter().copied().filter(|x| !below(x)).collect();
                assert!(is_subsequence(&rejected, &got), "P={p}");
                if p == 1 {
                    assert_eq!(got, v.iter().copied().skip_while(below).collect::<Vec<_>>());
                }
            });
            for_sources!(v, |pi| assert_eq!(pi.take_any_while(|_| true).count(), n));
            for_sources!(v, |pi| assert_eq!(pi.take_any_while(|_| false).count(), 0));
            for_sources!(v, |pi| assert_eq!(pi.skip_any_while(|_| true).count(), 0));
            for_sources!(v, |pi| assert_eq!(pi.skip_any_while(|_| false).count(), n));
            // Owned items: those left out are dropped once; with the kept ones, all.
            for skip in [false, true] {
                let log = Mutex::new(Vec::new());
                let items = logged(n, &log);
                let cut = (u64::from(frac) * n as u64) >> 16;
                let kept: Vec<Logged<'_>> = if skip {
                    items.into_par_iter().skip_any_while(|x| x.value < cut).collect()
                } else {
                    items.into_par_iter().take_any_while(|x| x.value < cut).collect()
                };
                let mut all: Vec<u64> = kept.iter().map(|x| x.value).collect();
                all.extend(std::mem::take(&mut *log.lock().unwrap()));
                assert_eq!(sorted(all), (0..n as u64).collect::<Vec<_>>(), "P={p}");
                drop(kept);
            }
        });
    }

    #[test]
    fn collect_vec_list_keeps_order(n in len(), seed in any::<u64>(), m in 1u64..6) {
        let v = data(n, seed);
        let want: Vec<u64> = v.iter().copied().filter(|x| x % m == 0).collect();
        in_pools(|p| {
            for_sources!(v, |pi| {
                let list = pi.collect_vec_list();
                assert!(list.iter().all(|v| !v.is_empty()), "P={p}");
                assert_eq!(list.into_iter().flatten().collect::<Vec<_>>(), v);
            });
            let list = v.par_iter().copied().filter(|x| x % m == 0).collect_vec_list();
            assert!(list.iter().all(|v| !v.is_empty()), "P={p}");
            assert_eq!(list.into_iter().flatten().collect::<Vec<_>>(), want, "P={p}");
        });
    }
}

// ----------------------------------------------------------------------------------------
// blocks

proptest! {
    #![proptest_config(cfg())]

    #[test]
    fn blocks_match_std(n in len(), seed in any::<u64>(), block in 1usize..5_000, m in 1u64..50) {
        let v = data(n, seed);
        let hit = |x: &u64| x % m == 0;
        let first = v.iter().position(hit);
        let last = v.iter().rposition(hit);
        in_pools(|p| {
            macro_rules! check {
                ($blocks:expr) => {{
                    let got: Vec<u64> = $blocks.collect();
                    assert_eq!(got, v, "P={p}");
                    let list: LinkedList<u64> = $blocks.collect();
                    assert!(list.iter().eq(&v));
                    assert_eq!($blocks.map(|x| x % 1000).sum::<u64>(), v.iter().map(|x| x % 1000).sum());
                    assert_eq!($blocks.find_first(hit), first.map(|i| v[i]));
                    assert_eq!($blocks.find_last(hit), last.map(|i| v[i]));
                    assert_eq!($blocks.find_any(hit).is_some(), first.is_some());
                    assert_eq!($blocks.any(|x| hit(&x)), first.is_some());
                    let cat = $blocks
                        .fold(Vec::new, |mut a, x| { a.push(x); a })
                        .reduce(Vec::new, |mut a, mut b| { a.append(&mut b); a });
                    assert_eq!(cat, v);
                    assert_eq!($blocks.opt_len(), None);
                }};
            }
            check!(v.par_iter().copied().by_uniform_blocks(block));
            check!(v.par_iter().copied().by_exponential_blocks());
            assert_blocks_in_order(n, p, block);
            // Blocks run in order, and a search stops at the end of the block of its match:
            // nothing after that block is produced.
            if let Some(i) = first {
                let seen = AtomicUsize::new(0);
                let found = v
                    .par_iter()
                    .inspect(|_| { seen.fetch_add(1, Relaxed); })
                    .by_uniform_blocks(block)
                    .find_first(|x| hit(x));
                assert_eq!(found, Some(&v[i]));
                assert!(seen.into_inner() <= (i / block + 1) * block, "P={p}");
                // Exponential blocks end at p, 3p, 7p, ...
                let mut end = p;
                while end <= i {
                    end = 2 * end + p;
                }
                let seen = AtomicUsize::new(0);
                let found = v
                    .par_iter()
                    .inspect(|_| { seen.fetch_add(1, Relaxed); })
                    .by_exponential_blocks()
                    .find_first(|x| hit(x));
                assert_eq!(found, Some(&v[i]));
                assert!(seen.into_inner() <= end, "P={p}");
            }
        });
    }
}

/// The block of item `i`: exponential blocks (`block == 0`) end at p, 3p, 7p, ...
fn block_of(i: usize, p: usize, block: usize) -> usize {
    if let Some(k) = i.checked_div(block) {
        return k;
    }
    let (mut end, mut k) = (p, 0);
    while end <= i {
        end = 2 * end + p;
        k += 1;
    }
    k
}

/// Every item of a block is run before any item of the next block.
fn assert_blocks_in_order(n: usize, p: usize, block: usize) {
    for block in [block, 0] {
        let log = Mutex::new(Vec::with_capacity(n));
        let record = |i: usize| log.lock().unwrap().push(block_of(i, p, block));
        if block > 0 {
            (0..n)
                .into_par_iter()
                .by_uniform_blocks(block)
                .for_each(record);
        } else {
            (0..n)
                .into_par_iter()
                .by_exponential_blocks()
                .for_each(record);
        }
        let log = log.into_inner().unwrap();
        assert_eq!(log.len(), n);
        assert!(log.windows(2).all(|w| w[0] <= w[1]), "P={p} block={block}");
    }
}

#[test]
fn blocks_run_in_order_when_large() {
    in_pools(|p| assert_blocks_in_order(300_000, p, 70_000));
}

// ----------------------------------------------------------------------------------------
// interleave, interleave_shortest

proptest! {
    #![proptest_config(cfg())]

    #[test]
    fn interleave_matches_std(n in len(), m in len(), seed in any::<u64>(), k in 1usize..40) {
        let a = data(n, seed);
        let b = data(m, !seed);
        let want = interleave_std(&a, &b);
        let want_short = interleave_shortest_std(&a, &b);
        in_pools(|p| {
            let it = a.par_iter().copied().interleave(b.par_iter().copied());
            assert_eq!(it.len(), n + m);
            assert_eq!(it.clone().collect::<Vec<_>>(), want, "P={p}");
            assert!(it.clone().rev().collect::<Vec<_>>().iter().eq(want.iter().rev()), "P={p}");
            let chunks: Vec<Vec<u64>> = it.clone().chunks(k).collect();
            assert_eq!(chunks, want.chunks(k).map(<[u64]>::to_vec).collect::<Vec<_>>());
            let mid: Vec<u64> = it.clone().skip(k).take(n).collect();
            assert_eq!(mid, want.iter().skip(k).take(n).copied().collect::<Vec<_>>());
            let stepped: Vec<u64> = it.clone().rev().step_by(k).collect();
            assert_eq!(stepped, want.iter().rev().step_by(k).copied().collect::<Vec<_>>());
            assert_eq!(it.clone().map(|x| x % 1000).sum::<u64>(), want.iter().map(|x| x % 1000).sum());
            let both: Vec<u64> = a.clone().into_par_iter().interleave(b.clone()).collect();
            assert_eq!(both, want, "P={p}");

            let it = a.par_iter().copied().interleave_shortest(b.par_iter().copied());
            assert_eq!(it.len(), want_short.len());
            assert_eq!(it.clone().collect::<Vec<_>>(), want_short, "P={p}");
            assert!(it.clone().rev().collect::<Vec<_>>().iter().eq(want_short.iter().rev()));
            let chunks: Vec<Vec<u64>> = it.clone().chunks(k).collect();
            assert_eq!(chunks, want_short.chunks(k).map(<[u64]>::to_vec).collect::<Vec<_>>());
            let mid: Vec<u64> = it.skip(k).collect();
            assert_eq!(mid, want_short.iter().skip(k).copied().collect::<Vec<_>>());
        });
    }
}

// ----------------------------------------------------------------------------------------
// fold_chunks, fold_chunks_with, positions, unzip_into_vecs

proptest! {
    #![proptest_config(cfg())]

    #[test]
    fn fold_chunks_match_chunks_then_fold(n in len(), seed in any::<u64>(), size in 1usize..300, k in 1usize..20) {
        let v = data(n, seed);
        // Not commutative: the order within a chunk shows.
        let op = |a: u64, x: u64| a.wrapping_mul(31).wrapping_add(x);
        let want: Vec<u64> = v.chunks(size).map(|c| c.iter().copied().fold(7, op)).collect();
        let want_vecs: Vec<Vec<u64>> = v.chunks(size).map(<[u64]>::to_vec).collect();
        in_pools(|p| {
            let it = v.par_iter().copied().fold_chunks(size, || 7, op);
            assert_eq!(it.len(), want.len());
            assert_eq!(it.clone().collect::<Vec<_>>(), want, "P={p}");
            assert!(it.clone().rev().collect::<Vec<_>>().iter().eq(want.iter().rev()), "P={p}");
            let picked: Vec<u64> = it.clone().skip(k).step_by(k).collect();
            assert_eq!(picked, want.iter().skip(k).step_by(k).copied().collect::<Vec<_>>());
            assert_eq!(it.map(|x| x % 1000).sum::<u64>(), want.iter().map(|x| x % 1000).sum());

            let it = v.par_iter().copied().fold_chunks_with(size, 7, op);
            assert_eq!(it.clone().collect::<Vec<_>>(), want, "P={p}");
            assert!(it.rev().collect::<Vec<_>>().iter().eq(want.iter().rev()));

            let vecs: Vec<Vec<u64>> = v
                .par_iter()
                .fold_chunks_with(size, Vec::new(), |mut a, &x| { a.push(x); a })
                .collect();
            assert_eq!(vecs, want_vecs, "P={p}");
        });
    }

    #[test]
    fn positions_match_std(n in len(), seed in any::<u64>(), m in 1u64..20) {
        let v = data(n, seed);
        let want: Vec<usize> = v.iter().enumerate().filter(|(_, x)| *x % m == 0).map(|(i, _)| i).collect();
        in_pools(|p| {
            let got: Vec<usize> = v.par_iter().positions(|x| x % m == 0).collect();
            assert_eq!(got, want, "P={p}");
            let got: Vec<usize> = v.par_iter().rev().positions(|x| x % m == 0).collect();
            let rev: Vec<usize> = v.iter().rev().enumerate().filter(|(_, x)| *x % m == 0).map(|(i, _)| i).collect();
            assert_eq!(got, rev, "P={p}");
            assert_eq!(v.par_iter().positions(|x| x % m == 0).count(), want.len());
        });
    }

    #[test]
    fn unzip_into_vecs_matches_unzip(n in len(), seed in any::<u64>(), old in 0usize..50) {
        let v = data(n, seed);
        let (wa, wb): (Vec<u64>, Vec<String>) = v.iter().map(|&x| (x, (x % 97).to_string())).unzip();
        in_pools(|p| {
            let mut a = vec![1u64; old];
            let mut b = vec![String::from("old"); old];
            v.par_iter().map(|&x| (x, (x % 97).to_string())).unzip_into_vecs(&mut a, &mut b);
            assert_eq!(a, wa, "P={p}");
            assert_eq!(b, wb, "P={p}");
            let (mut a, mut b) = (Vec::with_capacity(n), Vec::new());
            v.par_iter().copied().enumerate().rev().unzip_into_vecs(&mut a, &mut b);
            assert!(a.iter().copied().eq((0..n).rev()));
            assert!(b.iter().eq(v.iter().rev()));
        });
    }
}

// ----------------------------------------------------------------------------------------
// Comparisons

/// A pair of sequences: a random one and a copy of a prefix of it, possibly changed at one
/// place and possibly extended, so that equal prefixes and different lengths are common.
fn pair() -> impl Strategy<Value = (Vec<u64>, Vec<u64>, usize)> {
    (
        len(),
        any::<u64>(),
        any::<u16>(),
        any::<Option<(u16, u64)>>(),
        0usize..4,
        0usize..3,
    )
        .prop_map(|(n, seed, cut, change, extra, mode)| {
            let a: Vec<u64> = data(n, seed).into_iter().map(|x| x % 4).collect();
            let keep = (usize::from(cut) * (n + 1)) >> 16;
            let mut b: Vec<u64> = if mode == 0 {
                a.clone()
            } else {
                a[..keep].to_vec()
            };
            if let (Some((at, to)), true) = (change, !b.is_empty()) {
                let at = usize::from(at) % b.len();
                b[at] = to % 4;
            }
            b.extend(data(extra, !seed).into_iter().map(|x| x % 4));
            // Where the first difference can be (for short-circuit checks).
            let first_diff = a
                .iter()
                .zip(&b)
                .position(|(x, y)| x != y)
                .unwrap_or(n.min(b.len()));
            (a, b, first_diff)
        })
}

proptest! {
    #![proptest_config(cfg())]

    #[test]
    fn comparisons_match_std((a, b, diff) in pair(), swap in any::<bool>()) {
        let (a, b) = if swap { (b, a) } else { (a, b) };
        in_pools(|p| {
            let pa = || a.par_iter();
            assert_eq!(pa().cmp(&b), a.iter().cmp(&b), "P={p}");
            assert_eq!(pa().partial_cmp(&b), a.iter().partial_cmp(&b), "P={p}");
            assert_eq!(pa().eq(&b), a.iter().eq(&b), "P={p}");
            assert_eq!(pa().ne(&b), a.iter().ne(&b), "P={p}");
            assert_eq!(pa().lt(&b), a.iter().lt(&b), "P={p}");
            assert_eq!(pa().le(&b), a.iter().le(&b), "P={p}");
            assert_eq!(pa().gt(&b), a.iter().gt(&b), "P={p}");
            assert_eq!(pa().ge(&b), a.iter().ge(&b), "P={p}");
            assert_eq!(pa().cmp(&a), Ordering::Equal);
            assert!(a.clone().into_par_iter().eq(a.clone()));
            // Different item types through `PartialEq<U>`/`PartialOrd<U>`.
            let fa: Vec<f64> = a.iter().map(|&x| x as f64).collect();
            let fb: Vec<f64> = b.iter().map(|&x| if x == 3 { f64::NAN } else { x as f64 }).collect();
            assert_eq!(fa.par_iter().partial_cmp(&fb), fa.iter().partial_cmp(&fb), "P={p}");
            assert_eq!(fa.par_iter().lt(&fb), fa.iter().lt(&fb), "P={p}");
            assert_eq!(fa.par_iter().le(&fb), fa.iter().le(&fb), "P={p}");
            assert_eq!(fa.par_iter().gt(&fb), fa.iter().gt(&fb), "P={p}");
            assert_eq!(fa.par_iter().ge(&fb), fa.iter().ge(&fb), "P={p}");
            assert_eq!(fa.par_iter().eq(&fb), fa.iter().eq(&fb), "P={p}");
            if p == 1 {
                // One thread compares in order and stops at the first difference.
                let seen = AtomicUsize::new(0);
                let count = |_: &&u64| { seen.fetch_add(1, Relaxed); };
                let _ = a.par_iter().inspect(count).cmp(&b);
                assert!(seen.swap(0, Relaxed) <= diff + 1);
                let _ = a.par_iter().inspect(count).eq(&b);
                assert!(seen.swap(0, Relaxed) <= diff + 1);
            }
        });
    }
}

// ----------------------------------------------------------------------------------------
// Panics and drops

proptest! {
    #![proptest_config(cfg())]

    #[test]
    fn owned_items_drop_once_when_a_closure_panics(n in len(), fail in any::<bool>(), k in 1usize..9) {
        let live = AtomicIsize::new(0);
        let fail_at = (n / 2) as u64;
        let check = |x: &Live<'_>| if fail && x.value == fail_at { boom() };
        in_pools(|p| {
            for which in 0..12 {
                let items = || (0..n as u64).map(|i| Live::new(i, &live)).collect::<Vec<_>>();
                let sep = Live::new(u64::MAX, &live);
                let r = catch_unwind(AssertUnwindSafe(|| match which {
                    0 => items().into_par_iter().inspect(check).intersperse(sep).count(),
                    1 => items().into_par_iter().filter(|_| true).inspect(check).intersperse(sep).collect::<Vec<_>>().len(),
                    2 => items().into_par_iter().inspect(check).take_any(k).count(),
                    3 => items().into_par_iter().inspect(check).skip_any(k).collect::<Vec<_>>().len(),
                    4 => items().into_par_iter().take_any_while(|x| { check(x); x.value % 8 != 7 }).count(),
                    5 => items().into_par_iter().skip_any_while(|x| { check(x); x.value % 8 != 7 }).count(),
                    6 => items().into_par_iter().interleave(items()).inspect(check).count(),
                    7 => items().into_par_iter().interleave_shortest(items()).inspect(check).count(),
                    8 => items().into_par_iter().fold_chunks(k, Vec::new, |mut a, x| { check(&x); a.push(x); a }).count(),
                    9 => items().into_par_iter().by_uniform_blocks(k * 100).inspect(check).count(),
                    10 => {
                        let (mut a, mut b) = (vec![sep.clone()], Vec::new());
                        items().into_par_iter().map(|x| { check(&x); (x.clone(), x) }).unzip_into_vecs(&mut a, &mut b);
                        a.len() + b.len()
                    }
                    _ => items().into_par_iter().inspect(check).collect_vec_list().len(),
                }));
                let panicked = fail && n > 0 && !matches!(which, 2 | 4 | 5);
                if panicked {
                    assert!(is_boom(r), "adapter {which} P={p}");
                } else {
                    drop(r);
                }
                assert_eq!(live.load(Relaxed), 0, "adapter {which} P={p}");
            }
        });
    }
}

#[test]
fn panics_in_closures_propagate() {
    in_pools(|p| {
        let v: Vec<u64> = (0..20_000).collect();
        let bad = |x: u64| {
            if x == 12_345 {
                boom()
            }
            x
        };
        let cases: [&(dyn Fn() + Sync); 14] = [
            &|| sink(v.par_iter().copied().map(bad).intersperse(0).count()),
            &|| {
                sink(
                    v.par_iter()
                        .copied()
                        .take_any_while(|&x| bad(x) < u64::MAX)
                        .count(),
                )
            },
            &|| {
                sink(
                    v.par_iter()
                        .copied()
                        .skip_any_while(|&x| bad(x) < u64::MAX)
                        .count(),
                )
            },
            &|| sink(v.par_iter().copied().map(bad).skip_any(5).count()),
            &|| sink(v.par_iter().copied().positions(|x| bad(x) == 1).count()),
            &|| {
                sink(
                    v.par_iter()
                        .copied()
                        .fold_chunks(7, || 0, |a, x| a + bad(x))
                        .count(),
                )
            },
            &|| {
                sink(
                    v.par_iter()
                        .copied()
                        .fold_chunks(7, || -> u64 { boom() }, |a, x| a + x)
                        .count(),
                )
            },
            &|| {
                sink(
                    v.par_iter()
                        .copied()
                        .fold_chunks_with(7, 0, |a, x| a + bad(x))
                        .count(),
                )
            },
            &|| {
                sink(
                    v.par_iter()
                        .copied()
                        .map(bad)
                        .by_exponential_blocks()
                        .count(),
                )
            },
            &|| {
                sink(
                    v.par_iter()
                        .copied()
                        .map(bad)
                        .by_uniform_blocks(1000)
                        .count(),
                )
            },
            &|| {
                sink(
                    v.par_iter()
                        .copied()
                        .interleave(v.par_iter().copied().map(bad))
                        .count(),
                )
            },
            &|| sink(v.par_iter().copied().map(bad).cmp(v.par_iter().copied())),
            &|| sink(v.par_iter().copied().map(bad).eq(v.par_iter().copied())),
            &|| {
                let (mut a, mut b) = (Vec::new(), Vec::new());
                v.par_iter()
                    .map(|&x| (bad(x), x))
                    .unzip_into_vecs(&mut a, &mut b);
            },
        ];
        for (i, case) in cases.iter().enumerate() {
            assert!(
                is_boom(catch_unwind(AssertUnwindSafe(case))),
                "case {i} P={p}"
            );
        }
    });
}

#[test]
fn zero_sizes_panic() {
    let msg = panic_message(catch_unwind(|| {
        let _ = (0..3).into_par_iter().fold_chunks(0, || 0, |a, x| a + x);
    }));
    assert!(msg.contains("chunk_size must not be zero"), "{msg}");
    let msg = panic_message(catch_unwind(|| {
        let _ = (0..3).into_par_iter().fold_chunks_with(0, 0, |a, x| a + x);
    }));
    assert!(msg.contains("chunk_size must not be zero"), "{msg}");
    let msg = panic_message(catch_unwind(|| {
        let _ = (0..3).into_par_iter().by_uniform_blocks(0);
    }));
    assert!(msg.contains("block_size must not be zero"), "{msg}");
}

#[test]
fn unzip_into_vecs_leaves_vectors_empty_after_a_panic() {
    in_pools(|p| {
        let (mut a, mut b) = (vec![1, 2, 3], vec![4, 5]);
        let r = catch_unwind(AssertUnwindSafe(|| {
            (0..10_000u32)
                .into_par_iter()
                .map(|x| {
                    if x == 9_000 {
                        boom()
                    }
                    (x, x)
                })
                .unzip_into_vecs(&mut a, &mut b)
        }));
        assert!(is_boom(r), "P={p}");
        assert!(a.is_empty() && b.is_empty(), "P={p}");
    });
}

#[test]
fn huge_ranges_intersperse_and_take_any() {
    in_pools(|p| {
        // A base whose interspersed length does not fit in usize: not indexed by length.
        let it = (0..u64::MAX).into_par_iter().intersperse(0);
        assert_eq!(it.opt_len(), None);
        let v: Vec<u64> = it.take_any(3).collect();
        assert_eq!(v.len(), 3, "P={p}");
        let first: Vec<u32> = (0..u32::MAX)
            .into_par_iter()
            .intersperse(7)
            .by_exponential_blocks()
            .take_any(5)
            .collect();
        assert_eq!(first.len(), 5, "P={p}");
        let found = (0..u64::MAX)
            .into_par_iter()
            .skip_any_while(|&x| x < 5)
            .find_first(|_| true);
        if p == 1 {
            assert_eq!(found, Some(5));
        } else {
            assert!(found.is_some());
        }
    });
}
