//! Property tests of the indexed adapters (zip, zip_eq, chain, take, skip, step_by, rev,
//! chunks, collect_into_vec) and of the sources (inclusive ranges, char ranges, Option,
//! Result, arrays by value) against `std`, in pools of 1, 2 and 8 threads.

mod common;

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicUsize, Ordering};

use beat::prelude::*;
use proptest::prelude::*;

/// Runs `f` in pools of 1, 2 and 8 threads.
fn in_pools(f: impl Fn() + Sync) {
    for pool in common::pools() {
        pool.install(&f);
    }
}

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: if cfg!(miri) { 1 } else { 32 },
        ..ProptestConfig::default()
    }
}

/// Lengths in 0..100_000, mostly small, with 0 and 1 often and large ones now and then.
fn len() -> impl Strategy<Value = usize> {
    // Miri interprets every step: short inputs there (the driver splits them all the
    // same, as Miri's clock makes every item look slow).
    if cfg!(miri) {
        return (0usize..200).boxed();
    }
    prop_oneof![
        2 => Just(0usize),
        2 => Just(1usize),
        6 => 2usize..64,
        3 => 64usize..2_000,
        2 => 2_000usize..20_000,
        1 => 20_000usize..100_000,
    ]
    .boxed()
}

/// `n` pseudo-random values from `seed` (cheap to make, unlike a proptest `vec`).
fn values(n: usize, seed: u64) -> Vec<u64> {
    (0..n as u64)
        .map(|i| {
            (i ^ seed)
                .wrapping_mul(0x9E37_79B9_7F4A_7C15)
                .rotate_left(17)
        })
        .collect()
}

fn panic_message(r: std::thread::Result<()>) -> String {
    let e = r.expect_err("expected a panic");
    if let Some(s) = e.downcast_ref::<String>() {
        s.clone()
    } else if let Some(s) = e.downcast_ref::<&str>() {
        s.to_string()
    } else {
        String::new()
    }
}

/// A value that counts its drops, to show nothing leaks or drops twice.
struct Counted<'a> {
    value: u64,
    drops: &'a AtomicUsize,
}

impl Drop for Counted<'_> {
    fn drop(&mut self) {
        self.drops.fetch_add(1, Ordering::Relaxed);
    }
}

fn counted(n: usize, drops: &AtomicUsize) -> Vec<Counted<'_>> {
    (0..n as u64)
        .map(|value| Counted { value, drops })
        .collect()
}

// ----------------------------------------------------------------------------------------
// Random chains of adapters.

/// One adapter of a random chain; `frac` parameters scale with the current length.
#[derive(Clone, Copy, Debug)]
enum Op {
    Map(u64),
    Rev,
    Skip(u16),
    Take(u16),
    StepBy(u8),
    Zip(u16),
    Enumerate,
    Chunks(u8),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        any::<u64>().prop_map(Op::Map),
        Just(Op::Rev),
        any::<u16>().prop_map(Op::Skip),
        any::<u16>().prop_map(Op::Take),
        (1u8..12).prop_map(Op::StepBy),
        any::<u16>().prop_map(Op::Zip),
        Just(Op::Enumerate),
        (1u8..40).prop_map(Op::Chunks),
    ]
}

/// `frac / 2^16` of `len + 2`: from 0 to a little past the end.
fn scaled(frac: u16, len: usize) -> usize {
    (frac as usize * (len + 2)) >> 16
}

fn zip_values(n: usize) -> Vec<u64> {
    values(n, 0xABCD)
}

fn mix(a: u64, b: u64) -> u64 {
    a.wrapping_mul(31).wrapping_add(b)
}

/// The chain applied with `std`, one step at a time.
fn apply_seq(v: Vec<u64>, ops: &[Op]) -> Vec<u64> {
    ops.iter().fold(v, |v, &op| {
        let n = v.len();
        match op {
            Op::Map(k) => v.into_iter().map(|x| mix(x, k)).collect(),
            Op::Rev => v.into_iter().rev().collect(),
            Op::Skip(f) => v.into_iter().skip(scaled(f, n)).collect(),
            Op::Take(f) => v.into_iter().take(scaled(f, n)).collect(),
            Op::StepBy(s) => v.into_iter().step_by(s as usize).collect(),
            Op::Zip(f) => v
                .into_iter()
                .zip(zip_values(scaled(f, n) + n / 2))
                .map(|(a, b)| a ^ b.rotate_left(7))
                .collect(),
            Op::Enumerate => v
                .into_iter()
                .enumerate()
                .map(|(i, x)| mix(x, i as u64))
                .collect(),
            Op::Chunks(s) => v
                .chunks(s as usize)
                .map(|c| c.iter().fold(7, |a, &x| mix(a, x)))
                .collect(),
        }
    })
}

/// Applies `op` to `it` and hands the result to `$next` (a generic function).
macro_rules! apply_op {
    ($it:expr, $op:expr, $next:ident, $rest:expr) => {{
        let it = $it;
        let n = it.len();
        match $op {
            Op::Map(k) => $next(it.map(move |x| mix(x, k)), $rest),
            Op::Rev => $next(it.rev(), $rest),
            Op::Skip(f) => $next(it.skip(scaled(f, n)), $rest),
            Op::Take(f) => $next(it.take(scaled(f, n)), $rest),
            Op::StepBy(s) => $next(it.step_by(s as usize), $rest),
            Op::Zip(f) => $next(
                it.zip(zip_values(scaled(f, n) + n / 2))
                    .map(|(a, b)| a ^ b.rotate_left(7)),
                $rest,
            ),
            Op::Enumerate => $next(it.enumerate().map(|(i, x)| mix(x, i as u64)), $rest),
            Op::Chunks(s) => $next(
                it.chunks(s as usize).map(|c| c.into_iter().fold(7, mix)),
                $rest,
            ),
        }
    }};
}

fn finish<I: IndexedParallelIterator<Item = u64>>(it: I, _: &[Op]) -> Vec<u64> {
    let mut v = vec![1, 2, 3];
    it.collect_into_vec(&mut v);
    v
}

fn apply_par1<I: IndexedParallelIterator<Item = u64>>(it: I, ops: &[Op]) -> Vec<u64> {
    match ops.split_first() {
        None => finish(it, ops),
        Some((&op, rest)) => apply_op!(it, op, finish, rest),
    }
}

fn apply_par2<I: IndexedParallelIterator<Item = u64>>(it: I, ops: &[Op]) -> Vec<u64> {
    match ops.split_first() {
        None => finish(it, ops),
        Some((&op, rest)) => apply_op!(it, op, apply_par1, rest),
    }
}

fn apply_par3<I: IndexedParallelIterator<Item = u64>>(it: I, ops: &[Op]) -> Vec<u64> {
    match ops.split_first() {
        None => finish(it, ops),
        Some((&op, rest)) => apply_op!(it, op, apply_par2, rest),
    }
}

/// Up to three adapters are composed directly; a fourth runs on the collected result.
fn apply_par(v: Vec<u64>, ops: &[Op]) -> Vec<u64> {
    let (direct, rest) = ops.split_at(ops.len().min(3));
    let v = apply_par3(v.into_par_iter(), direct);
    apply_par1(v.into_par_iter(), rest)
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn random_chains_match_std(
        n in len(),
        seed in any::<u64>(),
        ops in proptest::collection::vec(op(), 1..=4),
    ) {
        let v = values(n, seed);
        let expected = apply_seq(v.clone(), &ops);
        in_pools(|| assert_eq!(apply_par(v.clone(), &ops), expected, "{ops:?}"));
    }

    #[test]
    fn zip_matches_std(n in len(), m in len(), min in 1usize..64, max in 1usize..64) {
        let a = values(n, 1);
        let b = values(m, 2);
        let expected: Vec<(u64, u64)> = a.iter().copied().zip(b.iter().copied()).collect();
        let rev: Vec<(u64, u64)> = expected.iter().rev().copied().collect();
        in_pools(|| {
            let got: Vec<_> = a.par_iter().copied().zip(b.par_iter().copied()).collect();
            assert_eq!(got, expected);
            // Different batch preferences on the two sides.
            let got: Vec<_> = a
                .par_iter()
                .copied()
                .with_min_len(min)
                .zip(b.clone().into_par_iter().with_max_len(max))
                .collect();
            assert_eq!(got, expected);
            let got: Vec<_> = a.clone().into_par_iter().zip(b.clone()).rev().collect();
            assert_eq!(got, rev);
            let got = a.par_iter().zip(&b).map(|(x, y)| x ^ y).reduce(|| 0, |x, y| x ^ y);
            assert_eq!(got, expected.iter().fold(0, |acc, (x, y)| acc ^ x ^ y));
            assert_eq!(a.par_iter().zip(&b).len(), n.min(m));
        });
    }

    #[test]
    fn zip_eq_matches_std(n in len()) {
        let a = values(n, 3);
        let b = values(n, 4);
        let expected: Vec<u64> = a.iter().zip(&b).map(|(x, y)| x.wrapping_add(*y)).collect();
        in_pools(|| {
            let got: Vec<u64> = a.par_iter().zip_eq(&b).map(|(x, y)| x.wrapping_add(*y)).collect();
            assert_eq!(got, expected);
        });
    }

    #[test]
    fn chain_matches_std(n in len(), m in len(), k in 1u64..5) {
        let a = values(n, 5);
        let b = values(m, 6);
        let expected: Vec<u64> = a.iter().chain(&b).copied().collect();
        let filtered: Vec<u64> = expected.iter().copied().filter(|x| x % (k + 1) == 0).collect();
        in_pools(|| {
            // Indexed: both sides indexed.
            let it = a.par_iter().copied().chain(b.clone());
            assert_eq!(it.len(), n + m);
            assert_eq!(it.collect::<Vec<_>>(), expected);
            let got: Vec<u64> = a.par_iter().chain(&b).rev().copied().collect();
            assert_eq!(got, expected.iter().rev().copied().collect::<Vec<_>>());
            let got: Vec<u64> = a.par_iter().chain(&b).skip(n / 2).take(m + 1).copied().collect();
            assert_eq!(got, expected.iter().skip(n / 2).take(m + 1).copied().collect::<Vec<_>>());
            // Unindexed on one or both sides.
            let f = |x: &u64| x % (k + 1) == 0;
            let got: Vec<u64> = a.par_iter().copied().filter(f).chain(b.par_iter().copied().filter(f)).collect();
            assert_eq!(got, filtered);
            let got: Vec<u64> = a.par_iter().copied().chain(b.par_iter().copied().filter(f)).collect();
            let want: Vec<u64> = a.iter().copied().chain(b.iter().copied().filter(f)).collect();
            assert_eq!(got, want);
            let s = a.par_iter().copied().filter(f).chain(b.par_iter().copied()).reduce(|| 0, u64::wrapping_add);
            assert_eq!(s, a.iter().copied().filter(f).chain(b.iter().copied()).fold(0, u64::wrapping_add));
        });
        // Off the pool too.
        let got: Vec<u64> = a.par_iter().copied().filter(|x| x % (k + 1) == 0)
            .chain(b.par_iter().copied().filter(|x| x % (k + 1) == 0)).collect();
        assert_eq!(got, filtered);
    }

    #[test]
    fn take_skip_match_std(n in len(), t in 0usize..120_000, s in 0usize..120_000) {
        let v = values(n, 7);
        let (t, s) = (t % (n + 3), s % (n + 3));
        in_pools(|| {
            let got: Vec<u64> = v.par_iter().copied().take(t).collect();
            assert_eq!(got, v.iter().copied().take(t).collect::<Vec<_>>());
            let got: Vec<u64> = v.par_iter().copied().skip(s).collect();
            assert_eq!(got, v.iter().copied().skip(s).collect::<Vec<_>>());
            let got: Vec<u64> = v.clone().into_par_iter().skip(s).take(t).collect();
            assert_eq!(got, v.iter().copied().skip(s).take(t).collect::<Vec<_>>());
            assert_eq!(v.par_iter().skip(s).len(), n.saturating_sub(s));
            assert_eq!(v.par_iter().take(t).len(), n.min(t));
        });
    }

    #[test]
    fn skipped_items_still_run_through_earlier_closures(n in len(), s in 0usize..120_000) {
        let s = s % (n + 3);
        in_pools(|| {
            let seen = AtomicUsize::new(0);
            let got: usize = (0..n)
                .into_par_iter()
                .inspect(|_| { seen.fetch_add(1, Ordering::Relaxed); })
                .skip(s)
                .count();
            assert_eq!(got, n.saturating_sub(s));
            assert_eq!(seen.into_inner(), n, "std's skip also produces the skipped items");
        });
    }

    #[test]
    fn step_by_matches_std(n in len(), step in 1usize..100) {
        let v = values(n, 8);
        let expected: Vec<u64> = v.iter().copied().step_by(step).collect();
        in_pools(|| {
            let it = v.par_iter().copied().step_by(step);
            assert_eq!(it.len(), expected.len());
            assert_eq!(it.collect::<Vec<_>>(), expected);
            let got: Vec<u64> = v.par_iter().copied().step_by(step).rev().collect();
            assert_eq!(got, expected.iter().rev().copied().collect::<Vec<_>>());
            let got: Vec<u64> = v.par_iter().copied().with_max_len(3).step_by(step).collect();
            assert_eq!(got, expected);
        });
    }

    #[test]
    fn rev_matches_std(n in len()) {
        let v = values(n, 9);
        let expected: Vec<u64> = v.iter().rev().copied().collect();
        in_pools(|| {
            assert_eq!(v.par_iter().rev().copied().collect::<Vec<_>>(), expected);
            assert_eq!(v.clone().into_par_iter().rev().collect::<Vec<_>>(), expected);
            let got: Vec<(usize, u64)> = v.par_iter().copied().rev().enumerate().collect();
            assert_eq!(got, expected.iter().copied().enumerate().collect::<Vec<_>>());
            assert_eq!(v.par_iter().rev().rev().copied().collect::<Vec<_>>(), v);
        });
    }

    #[test]
    fn chunks_match_std(n in len(), size in 1usize..200) {
        let v = values(n, 10);
        let expected: Vec<Vec<u64>> = v.chunks(size).map(<[u64]>::to_vec).collect();
        in_pools(|| {
            let it = v.par_iter().copied().chunks(size);
            assert_eq!(it.len(), expected.len());
            assert_eq!(it.collect::<Vec<_>>(), expected);
            let got: Vec<Vec<u64>> = v.clone().into_par_iter().chunks(size).rev().collect();
            assert_eq!(got, expected.iter().rev().cloned().collect::<Vec<_>>());
            let got: Vec<Vec<u64>> = v.par_iter().copied().with_min_len(5).chunks(size).collect();
            assert_eq!(got, expected);
        });
    }

    #[test]
    fn collect_into_vec_matches_std(n in len(), old in 0usize..50) {
        let v = values(n, 11);
        in_pools(|| {
            let mut target = values(old, 12);
            v.par_iter().map(|x| x ^ 1).collect_into_vec(&mut target);
            assert_eq!(target, v.iter().map(|x| x ^ 1).collect::<Vec<_>>());
        });
    }

    #[test]
    fn inclusive_ranges_match_std(n in len(), lo in any::<i64>(), at_max in any::<bool>()) {
        macro_rules! check {
            ($($t:ty)*) => {{$({
                // A range of about `n` items somewhere in the type, or ending at its maximum.
                let start = if at_max {
                    <$t>::MAX.wrapping_sub(n as $t)
                } else {
                    lo as $t
                };
                let end = start.saturating_add(n as $t);
                let start = start.min(end);
                let expected: Vec<$t> = (start..=end).collect();
                let got: Vec<$t> = (start..=end).into_par_iter().collect();
                assert_eq!(got, expected, "{}..={}", start, end);
                assert_eq!((start..=end).into_par_iter().count(), expected.len());
                assert_eq!((start..=end).into_par_iter().opt_len(), Some(expected.len()));
                assert_eq!((end..=start).into_par_iter().count(), (end..=start).count());
            })*}};
        }
        in_pools(|| check!(u8 u16 u32 u64 u128 usize i8 i16 i32 i64 i128 isize));
    }

    #[test]
    fn indexed_inclusive_ranges_use_adapters(a in any::<i16>(), b in any::<i16>(), s in 1usize..9) {
        let expected: Vec<i16> = (a..=b).rev().step_by(s).collect();
        in_pools(|| {
            let got: Vec<i16> = (a..=b).into_par_iter().rev().step_by(s).collect();
            assert_eq!(got, expected);
            assert_eq!((a..=b).into_par_iter().len(), (a..=b).len());
        });
    }

    #[test]
    fn char_ranges_match_std(a in any::<char>(), b in any::<char>(), near_gap in any::<bool>()) {
        let (a, b) = if near_gap {
            // Around the surrogate gap, where the code points jump.
            let a = char::from_u32(0xD000 + u32::from(a) % 0x800).unwrap();
            let b = char::from_u32(0xE000 + u32::from(b) % 0x800).unwrap();
            (a, b)
        } else {
            (a, b)
        };
        let (lo, hi) = (a.min(b), a.max(b));
        let half: Vec<char> = (lo..hi).collect();
        let incl: Vec<char> = (lo..=hi).collect();
        in_pools(|| {
            assert_eq!((lo..hi).into_par_iter().collect::<Vec<_>>(), half);
            assert_eq!((lo..hi).into_par_iter().len(), half.len());
            assert_eq!((lo..=hi).into_par_iter().collect::<Vec<_>>(), incl);
            assert_eq!((lo..=hi).into_par_iter().len(), incl.len());
            assert_eq!((hi..lo).into_par_iter().count(), 0);
            let got: Vec<char> = (lo..=hi).into_par_iter().rev().take(100).collect();
            assert_eq!(got, incl.iter().rev().take(100).copied().collect::<Vec<_>>());
        });
    }

    #[test]
    fn arrays_by_value_drop_everything_once(fail_at in 0usize..80, skip in 0usize..70) {
        let drops = AtomicUsize::new(0);
        in_pools(|| {
            drops.store(0, Ordering::Relaxed);
            let array: [Counted<'_>; 64] = std::array::from_fn(|i| Counted { value: i as u64, drops: &drops });
            let r = catch_unwind(AssertUnwindSafe(|| {
                array
                    .into_par_iter()
                    .skip(skip)
                    .map(|c| {
                        assert!(c.value as usize != fail_at, "boom");
                        c.value
                    })
                    .collect::<Vec<_>>()
            }));
            let panicked = (skip..64).contains(&fail_at);
            assert_eq!(r.is_err(), panicked);
            if let Ok(v) = r {
                assert_eq!(v, (skip as u64..64).collect::<Vec<_>>());
            }
            assert_eq!(drops.load(Ordering::Relaxed), 64);
        });
    }

    #[test]
    fn owned_items_drop_once_through_adapters(n in len(), m in len(), fail in any::<bool>(), k in 1usize..9) {
        let drops = AtomicUsize::new(0);
        let fail_at = (n / 2) as u64;
        let run = |which: u8| {
            drops.store(0, Ordering::Relaxed);
            let a = counted(n, &drops);
            let b = counted(m, &drops);
            let check = |c: &Counted<'_>| assert!(!(fail && c.value == fail_at), "boom");
            let r = catch_unwind(AssertUnwindSafe(|| match which {
                0 => a.into_par_iter().zip(b).map(|(x, y)| { check(&x); x.value + y.value }).count(),
                1 => a.into_par_iter().chain(b).map(|x| { check(&x); x.value }).count(),
                2 => a.into_par_iter().take(m).skip(k).map(|x| { check(&x); x.value }).count(),
                3 => a.into_par_iter().step_by(k).rev().map(|x| { check(&x); x.value }).count(),
                _ => a.into_par_iter().chunks(k).map(|c| { c.iter().for_each(check); c.len() }).count(),
            }));
            drop(r);
            assert_eq!(drops.load(Ordering::Relaxed), n + m, "adapter {which}");
        };
        in_pools(|| (0..5).for_each(run));
    }
}

// ----------------------------------------------------------------------------------------
// Fixed cases.

#[test]
fn zip_eq_panics_on_unequal_lengths() {
    in_pools(|| {
        let msg = panic_message(catch_unwind(|| {
            let _ = (0..3).into_par_iter().zip_eq(vec![1, 2]);
        }));
        assert!(msg.contains("iterators must have the same length"), "{msg}");
    });
}

#[test]
fn zero_steps_and_chunk_sizes_panic() {
    let msg = panic_message(catch_unwind(|| {
        let _ = (0..3).into_par_iter().step_by(0);
    }));
    assert!(msg.contains("step"), "{msg}");
    let msg = panic_message(catch_unwind(|| {
        let _ = (0..3).into_par_iter().chunks(0);
    }));
    assert!(msg.contains("chunk_size must not be zero"), "{msg}");
}

#[test]
fn panics_in_closures_propagate() {
    in_pools(|| {
        let v: Vec<u32> = (0..10_000).collect();
        let boom = |x: u32| {
            assert!(x != 7_777, "boom");
            x
        };
        let cases: [&(dyn Fn() + Sync); 6] = [
            &|| {
                let _ = v.par_iter().copied().map(boom).zip(&v).count();
            },
            &|| {
                let _ = v.par_iter().zip(v.par_iter().copied().map(boom)).count();
            },
            &|| {
                let _ = v
                    .par_iter()
                    .copied()
                    .chain(v.par_iter().copied().map(boom))
                    .count();
            },
            &|| {
                let _ = v.par_iter().copied().map(boom).skip(9_000).count();
            },
            &|| {
                let _ = v.par_iter().copied().map(boom).rev().step_by(3).count();
            },
            &|| {
                let _ = v.par_iter().copied().map(boom).chunks(10).count();
            },
        ];
        for case in cases {
            let msg = panic_message(catch_unwind(AssertUnwindSafe(case)));
            assert!(msg.contains("boom"), "{msg}");
        }
    });
}

#[test]
fn full_and_huge_inclusive_ranges() {
    in_pools(|| {
        assert_eq!((0..=u8::MAX).into_par_iter().count(), 256);
        assert_eq!((0..=u8::MAX).into_par_iter().len(), 256);
        assert_eq!((i8::MIN..=i8::MAX).into_par_iter().len(), 256);
        assert_eq!((0..=u16::MAX).into_par_iter().len(), 65_536);
        assert_eq!(
            (0..=u16::MAX).into_par_iter().map(u64::from).sum::<u64>(),
            65_535 * 65_536 / 2
        );
        let v: Vec<u8> = (250..=u8::MAX).into_par_iter().rev().collect();
        assert_eq!(v, [255, 254, 253, 252, 251, 250]);

        // Wide types near their maximum, summed with wrapping.
        let lo = u64::MAX - 100_000;
        let s = (lo..=u64::MAX)
            .into_par_iter()
            .fold(|| 0u64, u64::wrapping_add)
            .reduce(|| 0, u64::wrapping_add);
        assert_eq!(s, (lo..=u64::MAX).fold(0, u64::wrapping_add));
        let lo = usize::MAX - 1000;
        let s = (lo..=usize::MAX)
            .into_par_iter()
            .reduce(|| 0, usize::wrapping_add);
        assert_eq!(s, (lo..=usize::MAX).fold(0, usize::wrapping_add));
        assert_eq!((i128::MAX - 99..=i128::MAX).into_par_iter().count(), 100);
        assert_eq!((i128::MIN..=i128::MIN + 99).into_par_iter().count(), 100);
        assert_eq!((-5_000i128..=5_000).into_par_iter().count(), 10_001);
        assert_eq!(
            (u128::MAX - 5..=u128::MAX).into_par_iter().max(),
            Some(u128::MAX)
        );

        // Lengths that do not fit `usize` are not reported, as in rayon.
        assert_eq!((0..=u64::MAX).into_par_iter().opt_len(), None);
        assert_eq!((0..=u128::MAX).into_par_iter().opt_len(), None);
        assert_eq!((i64::MIN..=i64::MAX).into_par_iter().opt_len(), None);
        assert_eq!((0..=usize::MAX).into_par_iter().opt_len(), None);
        assert_eq!(
            (0..=usize::MAX - 1).into_par_iter().opt_len(),
            Some(usize::MAX)
        );
        if cfg!(target_pointer_width = "64") {
            assert_eq!(
                (0..=u32::MAX).into_par_iter().opt_len(),
                Some(u32::MAX as usize + 1)
            );
            assert_eq!(
                (-2..=i64::MAX).into_par_iter().opt_len(),
                Some(i64::MAX as usize + 3)
            );
        }
    });
}

#[test]
fn empty_and_exhausted_inclusive_ranges() {
    in_pools(|| {
        let mut r = 5u8..=5;
        assert_eq!(r.next(), Some(5));
        assert!(r.is_empty());
        assert_eq!(r.clone().into_par_iter().len(), 0);
        assert_eq!(r.into_par_iter().collect::<Vec<_>>(), Vec::<u8>::new());
        let mut r = u64::MAX..=u64::MAX;
        r.next();
        assert_eq!(r.into_par_iter().count(), 0);
        let mut r = 'a'..='a';
        r.next();
        assert_eq!(r.into_par_iter().count(), 0);
        #[allow(clippy::reversed_empty_ranges)]
        let n = (3i32..=2).into_par_iter().count();
        assert_eq!(n, 0);
        assert_eq!(
            (u8::MAX..=u8::MAX).into_par_iter().collect::<Vec<_>>(),
            [u8::MAX]
        );
        assert_eq!(
            (i128::MAX..=i128::MAX).into_par_iter().collect::<Vec<_>>(),
            [i128::MAX]
        );
    });
}

#[test]
fn char_ranges() {
    in_pools(|| {
        let v: Vec<char> = ('a'..='z').into_par_iter().collect();
        assert_eq!(v, ('a'..='z').collect::<Vec<_>>());
        let v: Vec<char> = ('a'..'y').into_par_iter().collect();
        assert_eq!(v, ('a'..'y').collect::<Vec<_>>());
        let v: Vec<char> = ('\u{D7FE}'..='\u{E001}').into_par_iter().collect();
        assert_eq!(v, ['\u{D7FE}', '\u{D7FF}', '\u{E000}', '\u{E001}']);
        let v: Vec<char> = ('\u{D7FE}'..'\u{E000}').into_par_iter().collect();
        assert_eq!(v, ['\u{D7FE}', '\u{D7FF}']);
        assert_eq!(
            (char::MIN..=char::MAX).into_par_iter().len(),
            0x11_0000 - 0x800
        );
        assert_eq!(
            (char::MIN..=char::MAX)
                .into_par_iter()
                .filter(|c| c.is_alphabetic())
                .count(),
            (char::MIN..=char::MAX)
                .filter(|c| c.is_alphabetic())
                .count()
        );
        let v: Vec<char> = ('\u{10FFFD}'..=char::MAX).into_par_iter().collect();
        assert_eq!(v, ['\u{10FFFD}', '\u{10FFFE}', '\u{10FFFF}']);
    });
}

#[test]
fn options_and_results() {
    in_pools(|| {
        assert_eq!(Some(3).into_par_iter().collect::<Vec<_>>(), [3]);
        assert_eq!(
            None::<i32>.into_par_iter().collect::<Vec<_>>(),
            Vec::<i32>::new()
        );
        assert_eq!(Some(3).into_par_iter().len(), 1);
        assert_eq!(None::<i32>.into_par_iter().opt_len(), Some(0));
        let s = Some(String::from("x"));
        assert_eq!(s.par_iter().map(|x| x.len()).sum::<usize>(), 1);
        let mut m = Some(1);
        m.par_iter_mut().for_each(|x| *x += 1);
        assert_eq!(m, Some(2));
        let mut none: Option<i32> = None;
        none.par_iter_mut().for_each(|_| unreachable!());

        let ok: Result<i32, &str> = Ok(4);
        let err: Result<i32, &str> = Err("e");
        assert_eq!(ok.into_par_iter().collect::<Vec<_>>(), [4]);
        assert_eq!(err.into_par_iter().count(), 0);
        assert_eq!(
            ok.par_iter().copied().chain(err.par_iter().copied()).len(),
            1
        );
        let mut r: Result<i32, ()> = Ok(5);
        r.par_iter_mut().for_each(|x| *x *= 2);
        assert_eq!(r, Ok(10));
        let mut e: Result<i32, ()> = Err(());
        e.par_iter_mut().for_each(|_| unreachable!());

        // Through adapters that split their producers.
        let v: Vec<(usize, i32)> = Some(9).into_par_iter().rev().enumerate().collect();
        assert_eq!(v, [(0, 9)]);
        let v: Vec<i32> = Some(1)
            .into_par_iter()
            .chain(None)
            .chain(Ok::<i32, ()>(2))
            .chain(Err::<i32, ()>(()))
            .chain(Some(3))
            .rev()
            .collect();
        assert_eq!(v, [3, 2, 1]);
        let v: Vec<(i32, i32)> = Some(1).into_par_iter().zip(vec![7, 8]).collect();
        assert_eq!(v, [(1, 7)]);
    });
}

#[test]
fn arrays_by_value() {
    in_pools(|| {
        let a: [String; 5] = std::array::from_fn(|i| i.to_string());
        let v: Vec<String> = a.into_par_iter().rev().collect();
        assert_eq!(v, ["4", "3", "2", "1", "0"]);
        let e: [u8; 0] = [];
        assert_eq!(e.into_par_iter().count(), 0);
        let big: [u32; 4096] = std::array::from_fn(|i| i as u32);
        assert_eq!(big.into_par_iter().len(), 4096);
        assert_eq!(
            big.into_par_iter().map(u64::from).sum::<u64>(),
            4095 * 4096 / 2
        );
    });
}

/// The item type of a range is inferred from later use, as with `std` ranges and rayon.
#[test]
fn range_item_types_are_inferred_from_use() {
    fn is_even(n: i64) -> bool {
        n % 2 == 0
    }
    let v: Vec<_> = (1..=100).into_par_iter().filter(|&x| is_even(x)).collect();
    assert!(v.into_iter().eq((2..=100).step_by(2)));
    let v: Vec<_> = (1..100).into_par_iter().filter(|&x| is_even(x)).collect();
    assert!(v.into_iter().eq((2..100).step_by(2)));
    assert!((0..=100)
        .into_par_iter()
        .zip(0..=100)
        .all_eq_by(|(a, b)| i16::eq(&a, &b)));
}

/// `all` belongs to another part of the crate; a local stand-in keeps this file independent.
trait AllEq: ParallelIterator {
    fn all_eq_by(self, f: impl Fn(Self::Item) -> bool + Sync + Send) -> bool {
        self.map(|x| usize::from(!f(x))).sum::<usize>() == 0
    }
}

impl<I: ParallelIterator> AllEq for I {}
