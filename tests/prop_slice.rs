//! Property tests of the `ParallelSlice` and `ParallelSliceMut` iterators (chunks, rchunks,
//! windows, array windows, split, split_inclusive, chunk_by and the `_mut` forms) against
//! std's slice methods, in pools of 1, 2 and 8 threads: the same subslices in the same
//! order, the same remainders, writes through the `_mut` forms landing where std's do,
//! short-circuiting searches, panics on a size of 0, and panics in every closure position.
//!
//! The items are borrowed subslices, so there are no owned items whose drops to count.

mod common;

use std::fmt::Debug;
use std::panic::{catch_unwind, AssertUnwindSafe};

use beat::prelude::*;
use proptest::prelude::*;

use common::pools;

/// Runs `f` inside each pool.
fn on_pools(f: impl Fn() + Sync) {
    for pool in pools() {
        pool.install(&f);
    }
}

/// Lengths that favour small values (0 and 1 included) and occasionally reach 100_000.
fn len() -> impl Strategy<Value = usize> {
    // Miri interprets every step: short inputs there (the driver splits them all the
    // same, as Miri's clock makes every item look slow).
    if cfg!(miri) {
        return (0usize..200).boxed();
    }
    prop_oneof![
        4 => 0usize..4,
        4 => 0usize..100,
        2 => 0usize..3_000,
        1 => 0usize..100_000,
    ]
    .boxed()
}

/// Values below a random bound `m` (1..64): a test for `x == 0` matches about one element
/// in `m`, from every element down to rare ones.
fn values() -> impl Strategy<Value = Vec<u32>> {
    (len(), 1u32..64).prop_flat_map(|(n, m)| proptest::collection::vec(0..m, n))
}

/// A slice and a chunk or window size for it: 1, small, near the length, or past it.
fn with_size() -> impl Strategy<Value = (Vec<u32>, usize)> {
    values().prop_flat_map(|v| {
        let n = v.len();
        let size = prop_oneof![
            2 => Just(1usize),
            3 => 1usize..8,
            2 => 1usize..200,
            1 => Just(n.max(1)),
            1 => n.saturating_sub(1).max(1)..n + 2,
            1 => n + 1..n + 100,
        ];
        (Just(v), size)
    })
}

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: if cfg!(miri) { 1 } else { 32 },
        ..ProptestConfig::default()
    }
}

/// Where each piece lies in `base`: (offset, length). Comparing these rather than contents
/// checks that the pieces are the very same subslices.
fn spans<S: AsRef<[u32]>>(base: *const u32, pieces: &[S]) -> Vec<(usize, usize)> {
    pieces
        .iter()
        .map(|p| {
            let p = p.as_ref();
            ((p.as_ptr() as usize - base as usize) / 4, p.len())
        })
        .collect()
}

/// Checks an indexed slice iterator against the pieces std gives, through several indexed
/// paths: length, collect, reversed, sliced by skip/take, split into tiny leaves, zipped.
fn check_indexed<'a, I>(base: &'a [u32], make: impl Fn() -> I, expect: &[&'a [u32]])
where
    I: IndexedParallelIterator<Item = &'a [u32]>,
{
    let b = base.as_ptr();
    let want = spans(b, expect);
    assert_eq!(make().len(), expect.len());
    assert_eq!(make().opt_len(), Some(expect.len()));
    assert_eq!(spans(b, &make().collect::<Vec<_>>()), want);
    let mut rev = want.clone();
    rev.reverse();
    assert_eq!(spans(b, &make().rev().collect::<Vec<_>>()), rev);
    let k = expect.len() / 3;
    let got: Vec<_> = make().skip(k).take(k + 1).collect();
    assert_eq!(
        spans(b, &got),
        want[k..].iter().take(k + 1).copied().collect::<Vec<_>>()
    );
    assert_eq!(spans(b, &make().with_max_len(1).collect::<Vec<_>>()), want);
    let pairs: Vec<(usize, &[u32])> = make().enumerate().collect();
    assert!(pairs.iter().enumerate().all(|(i, (j, _))| i == *j));
    let total: usize = make().map(<[u32]>::len).sum();
    assert_eq!(total, expect.iter().map(|p| p.len()).sum::<usize>());
}

/// Checks an unindexed piece iterator against std's pieces: collect, and short-circuiting
/// first/last searches (which stop folding part-way).
fn check_pieces<'a, I>(base: &'a [u32], make: impl Fn() -> I, expect: &[&'a [u32]])
where
    I: ParallelIterator<Item = &'a [u32]>,
{
    let b = base.as_ptr();
    let want = spans(b, expect);
    assert_eq!(spans(b, &make().collect::<Vec<_>>()), want);
    assert_eq!(make().count(), expect.len());
    for k in [0, 1, 3] {
        let first = make().find_first(|p| p.len() == k);
        let std_first = expect.iter().find(|p| p.len() == k);
        assert_eq!(
            spans(b, first.as_slice()),
            spans(b, std_first.copied().as_slice())
        );
        let last = make().find_last(|p| p.len() == k);
        let std_last = expect.iter().rev().find(|p| p.len() == k);
        assert_eq!(
            spans(b, last.as_slice()),
            spans(b, std_last.copied().as_slice())
        );
    }
}

/// Scrambles a piece in a way that depends on its index, length and contents.
fn mark(i: usize, piece: &mut [u32]) {
    let n = piece.len() as u32;
    for (j, x) in piece.iter_mut().enumerate() {
        *x = x.wrapping_mul(31) ^ (i as u32).wrapping_mul(1_000_003) ^ (j as u32) ^ (n << 20);
    }
}

/// Scrambles a piece by its own contents only (for unindexed iterators).
fn mark_piece(piece: &mut [u32]) {
    piece.reverse();
    let n = piece.len() as u32;
    if let Some(x) = piece.first_mut() {
        *x = x.wrapping_add(n << 16);
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn chunks_match_std((v, size) in with_size()) {
        on_pools(|| {
            let expect: Vec<&[u32]> = v.chunks(size).collect();
            check_indexed(&v, || v.par_chunks(size), &expect);
        });
    }

    #[test]
    fn chunks_exact_match_std((v, size) in with_size()) {
        on_pools(|| {
            let std_it = v.chunks_exact(size);
            let rem = std_it.remainder();
            let expect: Vec<&[u32]> = std_it.collect();
            let it = v.par_chunks_exact(size);
            assert_eq!(spans(v.as_ptr(), &[it.remainder()]), spans(v.as_ptr(), &[rem]));
            check_indexed(&v, || v.par_chunks_exact(size), &expect);
        });
    }

    #[test]
    fn rchunks_match_std((v, size) in with_size()) {
        on_pools(|| {
            let expect: Vec<&[u32]> = v.rchunks(size).collect();
            check_indexed(&v, || v.par_rchunks(size), &expect);
        });
    }

    #[test]
    fn rchunks_exact_match_std((v, size) in with_size()) {
        on_pools(|| {
            let std_it = v.rchunks_exact(size);
            let rem = std_it.remainder();
            let expect: Vec<&[u32]> = std_it.collect();
            let it = v.par_rchunks_exact(size);
            assert_eq!(spans(v.as_ptr(), &[it.remainder()]), spans(v.as_ptr(), &[rem]));
            check_indexed(&v, || v.par_rchunks_exact(size), &expect);
        });
    }

    #[test]
    fn windows_match_std((v, size) in with_size()) {
        on_pools(|| {
            let expect: Vec<&[u32]> = v.windows(size).collect();
            check_indexed(&v, || v.par_windows(size), &expect);
        });
    }

    #[test]
    fn array_windows_match_std(v in values()) {
        fn check<const N: usize>(v: &[u32]) {
            let expect: Vec<&[u32]> = v.windows(N).collect();
            check_indexed(v, || v.par_array_windows::<N>().map(|w| &w[..]), &expect);
            let got: Vec<&[u32; N]> = v.par_array_windows().collect();
            assert!(got.iter().zip(&expect).all(|(a, b)| a[..] == **b));
        }
        on_pools(|| {
            check::<1>(&v);
            check::<2>(&v);
            check::<3>(&v);
            check::<17>(&v);
        });
    }

    #[test]
    fn chunks_mut_write_like_std((v, size) in with_size()) {
        on_pools(|| {
            let mut expect = v.clone();
            expect.chunks_mut(size).enumerate().for_each(|(i, c)| mark(i, c));
            let mut got = v.clone();
            got.par_chunks_mut(size).enumerate().for_each(|(i, c)| mark(i, c));
            assert_eq!(got, expect);

            let mut expect = v.clone();
            expect.chunks_mut(size).rev().enumerate().for_each(|(i, c)| mark(i, c));
            let mut got = v.clone();
            got.par_chunks_mut(size).rev().enumerate().for_each(|(i, c)| mark(i, c));
            assert_eq!(got, expect);

            let mut got = v.clone();
            let base = got.as_ptr();
            let it = got.par_chunks_mut(size);
            assert_eq!(it.len(), v.chunks(size).len());
            let pieces: Vec<&mut [u32]> = it.collect();
            assert_eq!(spans(base, &pieces), spans(v.as_ptr(), &v.chunks(size).collect::<Vec<_>>()));
        });
    }

    #[test]
    fn chunks_exact_mut_write_like_std((v, size) in with_size()) {
        on_pools(|| {
            let mut expect = v.clone();
            let mut std_it = expect.chunks_exact_mut(size);
            std_it.by_ref().enumerate().for_each(|(i, c)| mark(i, c));
            mark_piece(std_it.into_remainder());

            let mut got = v.clone();
            let mut it = got.par_chunks_exact_mut(size);
            assert_eq!(it.len(), v.chunks_exact(size).len());
            assert_eq!(it.remainder().len(), v.len() % size);
            let rem = it.take_remainder();
            assert!(it.remainder().is_empty());
            it.enumerate().for_each(|(i, c)| mark(i, c));
            mark_piece(rem);
            assert_eq!(got, expect);

            let mut got = v.clone();
            let mut rem_copy = got.clone();
            mark_piece(rem_copy.par_chunks_exact_mut(size).into_remainder());
            let n = v.len() - v.len() % size;
            assert_eq!(rem_copy[n..], expect[n..]);
            got.par_chunks_exact_mut(size).rev().for_each(mark_piece);
            let mut expect = v.clone();
            expect.chunks_exact_mut(size).rev().for_each(mark_piece);
            assert_eq!(got, expect);
        });
    }

    #[test]
    fn rchunks_mut_write_like_std((v, size) in with_size()) {
        on_pools(|| {
            let mut expect = v.clone();
            expect.rchunks_mut(size).enumerate().for_each(|(i, c)| mark(i, c));
            let mut got = v.clone();
            got.par_rchunks_mut(size).enumerate().for_each(|(i, c)| mark(i, c));
            assert_eq!(got, expect);

            let mut expect = v.clone();
            expect.rchunks_mut(size).rev().enumerate().for_each(|(i, c)| mark(i, c));
            let mut got = v.clone();
            let it = got.par_rchunks_mut(size);
            assert_eq!(it.len(), v.rchunks(size).len());
            it.rev().enumerate().for_each(|(i, c)| mark(i, c));
            assert_eq!(got, expect);
        });
    }

    #[test]
    fn rchunks_exact_mut_write_like_std((v, size) in with_size()) {
        on_pools(|| {
            let mut expect = v.clone();
            let mut std_it = expect.rchunks_exact_mut(size);
            std_it.by_ref().enumerate().for_each(|(i, c)| mark(i, c));
            mark_piece(std_it.into_remainder());

            let mut got = v.clone();
            let mut it = got.par_rchunks_exact_mut(size);
            assert_eq!(it.len(), v.rchunks_exact(size).len());
            assert_eq!(it.remainder().len(), v.len() % size);
            let rem = it.take_remainder();
            assert!(it.take_remainder().is_empty());
            it.enumerate().for_each(|(i, c)| mark(i, c));
            mark_piece(rem);
            assert_eq!(got, expect);

            let mut rem_copy = v.clone();
            mark_piece(rem_copy.par_rchunks_exact_mut(size).into_remainder());
            let n = v.len() % size;
            assert_eq!(rem_copy[..n], expect[..n]);
        });
    }

    #[test]
    fn split_matches_std(v in values()) {
        on_pools(|| {
            let sep = |x: &u32| *x == 0;
            let expect: Vec<&[u32]> = v.split(sep).collect();
            check_pieces(&v, || v.par_split(sep), &expect);
        });
    }

    #[test]
    fn split_inclusive_matches_std(v in values()) {
        on_pools(|| {
            let sep = |x: &u32| *x == 0;
            let expect: Vec<&[u32]> = v.split_inclusive(sep).collect();
            check_pieces(&v, || v.par_split_inclusive(sep), &expect);
        });
    }

    #[test]
    fn chunk_by_matches_std(v in values(), h in 0u32..64) {
        on_pools(|| {
            let pred = |a: &u32, b: &u32| (*a < h) == (*b < h) && a.abs_diff(*b) < 40;
            let expect: Vec<&[u32]> = v.chunk_by(pred).collect();
            check_pieces(&v, || v.par_chunk_by(pred), &expect);
        });
    }

    #[test]
    fn split_mut_forms_write_like_std(v in values(), h in 0u32..64) {
        on_pools(|| {
            let sep = |x: &u32| *x == 0;
            let pred = |a: &u32, b: &u32| (*a < h) == (*b < h);

            let mut expect = v.clone();
            expect.split_mut(sep).for_each(mark_piece);
            let mut got = v.clone();
            got.par_split_mut(sep).for_each(mark_piece);
            assert_eq!(got, expect);
            let mut got = v.clone();
            let lens: Vec<usize> = got.par_split_mut(sep).map(|p| p.len()).collect();
            assert_eq!(lens, v.split(sep).map(<[u32]>::len).collect::<Vec<_>>());

            let mut expect = v.clone();
            expect.split_inclusive_mut(sep).for_each(mark_piece);
            let mut got = v.clone();
            got.par_split_inclusive_mut(sep).for_each(mark_piece);
            assert_eq!(got, expect);
            let mut got = v.clone();
            let lens: Vec<usize> = got.par_split_inclusive_mut(sep).map(|p| p.len()).collect();
            assert_eq!(lens, v.split_inclusive(sep).map(<[u32]>::len).collect::<Vec<_>>());

            let mut expect = v.clone();
            expect.chunk_by_mut(pred).for_each(mark_piece);
            let mut got = v.clone();
            got.par_chunk_by_mut(pred).for_each(mark_piece);
            assert_eq!(got, expect);
            let mut got = v.clone();
            let base = got.as_ptr();
            let pieces: Vec<&mut [u32]> = got.par_chunk_by_mut(pred).collect();
            let want: Vec<&[u32]> = v.chunk_by(pred).collect();
            assert_eq!(spans(base, &pieces), spans(v.as_ptr(), &want));
        });
    }
}

#[test]
fn edge_cases_match_std() {
    let cases: [&[u32]; 8] = [
        &[],
        &[0],
        &[1],
        &[0, 0],
        &[0, 1, 0],
        &[1, 0, 0, 1],
        &[0, 0, 0, 0, 0],
        &[1, 1, 1],
    ];
    on_pools(|| {
        for v in cases {
            let sep = |x: &u32| *x == 0;
            assert_eq!(
                v.par_split(sep).collect::<Vec<_>>(),
                v.split(sep).collect::<Vec<_>>()
            );
            assert_eq!(
                v.par_split_inclusive(sep).collect::<Vec<_>>(),
                v.split_inclusive(sep).collect::<Vec<_>>()
            );
            assert_eq!(
                v.par_chunk_by(|a, b| a == b).collect::<Vec<_>>(),
                v.chunk_by(|a, b| a == b).collect::<Vec<_>>()
            );
            for size in 1..7 {
                assert_eq!(
                    v.par_windows(size).collect::<Vec<_>>(),
                    v.windows(size).collect::<Vec<_>>()
                );
                assert_eq!(
                    v.par_rchunks(size).collect::<Vec<_>>(),
                    v.rchunks(size).collect::<Vec<_>>()
                );
            }
        }
    });
}

/// Runs `f` in every pool; it must panic with `msg`, and the pool must stay usable.
fn assert_panics<R>(msg: &str, f: impl Fn() -> R + Sync) {
    for pool in pools() {
        let r = pool.install(|| catch_unwind(AssertUnwindSafe(|| drop(f()))));
        let payload = r.expect_err("no panic");
        let got = payload
            .downcast_ref::<&str>()
            .copied()
            .or_else(|| payload.downcast_ref::<String>().map(String::as_str));
        assert_eq!(got, Some(msg));
        let v: Vec<u32> = (0..10_000).collect();
        assert_eq!(pool.install(|| v.par_chunks(7).count()), 1429);
    }
}

#[test]
fn chunk_size_zero_panics() {
    const MSG: &str = "chunk_size must not be zero";
    for n in [0, 5] {
        let v = vec![1u32; n];
        assert_panics(MSG, || v.par_chunks(0).count());
        assert_panics(MSG, || v.par_chunks_exact(0).count());
        assert_panics(MSG, || v.par_rchunks(0).count());
        assert_panics(MSG, || v.par_rchunks_exact(0).count());
        // The `_mut` forms need their own slice per call.
        assert_panics(MSG, || v.clone().par_chunks_mut(0).count());
        assert_panics(MSG, || v.clone().par_chunks_exact_mut(0).count());
        assert_panics(MSG, || v.clone().par_rchunks_mut(0).count());
        assert_panics(MSG, || v.clone().par_rchunks_exact_mut(0).count());
    }
}

#[test]
fn window_size_zero_panics_when_used() {
    const MSG: &str = "window size must not be zero";
    for n in [0, 5] {
        let v = vec![1u32; n];
        // Making the iterator is fine; asking its length or driving it panics.
        let it = v.par_windows(0);
        let _ = v.par_array_windows::<0>();
        assert_panics(MSG, || it.clone().len());
        assert_panics(MSG, || v.par_windows(0).count());
        assert_panics(MSG, || v.par_windows(0).collect::<Vec<_>>());
        assert_panics(MSG, || v.par_array_windows::<0>().count());
        assert_panics(MSG, || v.par_array_windows::<0>().len());
    }
}

#[test]
fn closure_panics_propagate() {
    let v: Vec<u32> = (0..50_000).map(|i| i % 10).collect();
    let sep = |x: &u32| {
        assert!(*x != 7, "separator");
        *x == 0
    };
    assert_panics("separator", || v.par_split(sep).count());
    assert_panics("separator", || v.par_split_inclusive(sep).count());
    assert_panics("separator", || v.clone().par_split_mut(sep).count());
    assert_panics("separator", || {
        v.clone().par_split_inclusive_mut(sep).count()
    });
    let pred = |a: &u32, b: &u32| {
        assert!(*a != 7, "pred");
        a <= b
    };
    assert_panics("pred", || v.par_chunk_by(pred).count());
    assert_panics("pred", || v.clone().par_chunk_by_mut(pred).count());

    // A panic in the consumer's closure, on a piece far into the slice.
    let body = |p: &[u32]| assert!(p.as_ptr() != v[40_000..].as_ptr(), "body");
    assert_panics("body", || v.par_chunks(100).for_each(body));
    assert_panics("body", || v.par_windows(3).for_each(body));
    assert_panics("body", || v.par_rchunks(100).for_each(body));
    assert_panics("body", || {
        v.par_array_windows::<2>().for_each(|w| body(&w[..]))
    });
    // Element 40_000 is a separator: panic on the piece after it.
    let after_sep = |p: &[u32]| assert!(p.as_ptr() != v[40_001..].as_ptr(), "body");
    assert_panics("body", || v.par_split(|x| *x == 0).for_each(after_sep));
    assert_panics("body", || v.par_chunk_by(|a, b| a < b).for_each(body));
    // The `_mut` forms run on copies: mark the chunk to panic on by its first element.
    let mut w = v.clone();
    w[40_000] = 99;
    let body_mut = |p: &mut [u32]| assert!(p.first() != Some(&99), "body");
    assert_panics("body", || w.clone().par_chunks_mut(100).for_each(body_mut));
    // The same slice can be borrowed again once a panicking call is over.
    let r = catch_unwind(AssertUnwindSafe(|| {
        w.par_chunks_exact_mut(100).for_each(body_mut)
    }));
    assert!(r.is_err());
    w.par_chunks_mut(100).for_each(|c| c.fill(1));
    assert!(w.iter().all(|x| *x == 1));
}

#[test]
fn clone_and_debug() {
    let v = [1u32, 0, 2, 3];
    let it = v.par_split(|x| *x == 0);
    assert_eq!(it.clone().count(), 2);
    assert_eq!(format!("{it:?}"), "Split { slice: [1, 0, 2, 3] }");
    let it = v.par_chunk_by(|a, b| a < b);
    assert_eq!(it.clone().count(), 2);
    assert!(format!("{it:?}").starts_with("ChunkBy"));
    let it = v.par_chunks_exact(3);
    assert_eq!(it.clone().count(), 1);
    assert!(format!("{it:?}").contains("rem: [3]"));
    fn assert_debug<T: Debug>(_: &T) {}
    let mut m = v;
    assert_debug(&m.par_split_mut(|x| *x == 0));
    assert_debug(&m.par_rchunks_exact_mut(2));
    assert_debug(&v.par_array_windows::<2>());
}
