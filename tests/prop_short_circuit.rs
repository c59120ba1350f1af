//! The short-circuiting consumers (`any`, `all`, `find_*`, `find_map_*`, `position_*`,
//! `try_*`) against std, in pools of 1, 2 and 8 threads; searches of huge ranges that only
//! finish if the search really stops; panics in every closure.

mod common;

use std::ops::ControlFlow;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicIsize, AtomicUsize, Ordering};
use std::task::Poll;

use beat::iter::plumbing::{
    bridge_unindexed, Folder, Reducer, UnindexedConsumer, UnindexedProducer,
};
use beat::prelude::*;
use proptest::prelude::*;

use common::pools;

/// Runs `f` in every pool.
fn in_pools(f: impl Fn(usize) + Sync) {
    for pool in pools() {
        pool.install(|| f(pool.current_num_threads()));
    }
}

/// Lengths that favour small inputs but include 0, 1, odd ones and occasionally large ones.
fn lens() -> impl Strategy<Value = usize> {
    prop_oneof![
        4 => 0usize..8,
        4 => 0usize..1_000,
        1 => 0usize..100_000,
    ]
}

/// Values in `0..1000`, filled from a seed (fast even for long inputs).
fn input() -> impl Strategy<Value = Vec<u32>> {
    (lens(), any::<u64>()).prop_map(|(n, seed)| {
        let mut s = seed | 1;
        (0..n)
            .map(|_| {
                s ^= s << 13;
                s ^= s >> 7;
                s ^= s << 17;
                (s % 1000) as u32
            })
            .collect()
    })
}

/// A predicate: `x == t`, `x < t`, never, always, or `x % 97 == t % 97`.
#[derive(Clone, Copy, Debug)]
struct Pred(u8, u32);

impl Pred {
    fn test(self, x: u32) -> bool {
        match self.0 {
            0 => x == self.1,
            1 => x < self.1,
            2 => false,
            3 => true,
            _ => x % 97 == self.1 % 97,
        }
    }
}

fn pred() -> impl Strategy<Value = Pred> {
    (0u8..5, 0u32..1100).prop_map(|(k, t)| Pred(k, t))
}

/// A slice as an *unindexed* parallel iterator, split in halves through `split_off_left`.
struct Unindexed<'a>(&'a [u32]);

struct Halves<'a>(&'a [u32]);

impl<'a> UnindexedProducer for Halves<'a> {
    type Item = &'a u32;
    fn split(self) -> (Self, Option<Self>) {
        if self.0.len() < 2 {
            return (self, None);
        }
        let (l, r) = self.0.split_at(self.0.len() / 2);
        (Halves(l), Some(Halves(r)))
    }
    fn fold_with<F: Folder<&'a u32>>(self, folder: F) -> F {
        folder.consume_iter(self.0)
    }
}

impl<'a> ParallelIterator for Unindexed<'a> {
    type Item = &'a u32;
    fn drive_unindexed<C: UnindexedConsumer<&'a u32>>(self, c: C) -> C::Result {
        bridge_unindexed(Halves(self.0), c)
    }
}

/// A slice cut in chunks of `size`, each an indexed parallel iterator, driven as one
/// unindexed iterator: the consumer is split without an index between chunks (in halves, or
/// one chunk after another off the front as `flat_map` does) and at indices inside them.
struct Chunked<'a> {
    v: &'a [u32],
    size: usize,
    front_chain: bool,
}

impl<'a> ParallelIterator for Chunked<'a> {
    type Item = &'a u32;
    fn drive_unindexed<C: UnindexedConsumer<&'a u32>>(self, c: C) -> C::Result {
        let chunks: Vec<&[u32]> = self.v.chunks(self.size.max(1)).collect();
        if self.front_chain {
            let mut acc = None;
            for chunk in chunks {
                let r = chunk.par_iter().drive(c.split_off_left());
                acc = Some(match acc {
                    None => r,
                    Some(a) => c.to_reducer().reduce(a, r),
                });
            }
            let rest = c.to_reducer();
            let last = c.into_folder().complete();
            match acc {
                None => last,
                Some(a) => rest.reduce(a, last),
            }
        } else {
            halves(&chunks, c)
        }
    }
}

fn halves<'a, C: UnindexedConsumer<&'a u32>>(chunks: &[&'a [u32]], c: C) -> C::Result {
    match chunks {
        [] => c.into_folder().complete(),
        [one] => one.par_iter().drive(c),
        _ => {
            let (l, r) = chunks.split_at(chunks.len() / 2);
            let left = c.split_off_left();
            let red = c.to_reducer();
            let (a, b) = beat::join(|| halves(l, left), || halves(r, c));
            red.reduce(a, b)
        }
    }
}

fn addr(x: Option<&u32>) -> Option<*const u32> {
    x.map(|r| r as *const u32)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 32, ..ProptestConfig::default() })]

    #[test]
    fn searches_match_std(v in input(), p in pred(), size in 1usize..3000) {
        let f = |x: u32| p.test(x);
        in_pools(|_| {
            assert_eq!(v.par_iter().any(|&x| f(x)), v.iter().any(|&x| f(x)));
            assert_eq!(v.par_iter().all(|&x| f(x)), v.iter().all(|&x| f(x)));
            assert_eq!(v.par_iter().all(|&x| !f(x)), v.iter().all(|&x| !f(x)));

            let any = v.par_iter().find_any(|&&x| f(x));
            assert_eq!(any.is_some(), v.iter().any(|&x| f(x)));
            assert!(any.map_or(true, |&x| f(x)));

            // The very item std finds, not just an equal value.
            let first = addr(v.iter().find(|&&x| f(x)));
            let last = addr(v.iter().rfind(|&&x| f(x)));
            assert_eq!(addr(v.par_iter().find_first(|&&x| f(x))), first);
            assert_eq!(addr(v.par_iter().find_last(|&&x| f(x))), last);
            let u = || Unindexed(&v);
            assert_eq!(addr(u().find_first(|&&x| f(x))), first);
            assert_eq!(addr(u().find_last(|&&x| f(x))), last);
            assert_eq!(u().any(|&x| f(x)), first.is_some());
            assert_eq!(u().all(|&x| !f(x)), first.is_none());
            assert_eq!(u().find_any(|&&x| f(x)).is_some(), first.is_some());
            for front_chain in [false, true] {
                let c = || Chunked { v: &v, size, front_chain };
                assert_eq!(addr(c().find_first(|&&x| f(x))), first);
                assert_eq!(addr(c().find_last(|&&x| f(x))), last);
                assert_eq!(c().any(|&x| f(x)), first.is_some());
            }
        });
    }

    #[test]
    fn find_maps_and_positions_match_std(v in input(), p in pred()) {
        let f = |x: u32| p.test(x);
        let m = |(i, &x): (usize, &u32)| f(x).then_some(i);
        in_pools(|_| {
            let e = || v.par_iter().enumerate();
            assert_eq!(e().find_map_first(m), v.iter().enumerate().find_map(m));
            assert_eq!(e().find_map_last(m), v.iter().enumerate().rev().find_map(m));
            let any = e().find_map_any(m);
            assert_eq!(any.is_some(), v.iter().any(|&x| f(x)));
            assert!(any.map_or(true, |i| f(v[i])));

            assert_eq!(v.par_iter().position_first(|&x| f(x)), v.iter().position(|&x| f(x)));
            assert_eq!(v.par_iter().position_last(|&x| f(x)), v.iter().rposition(|&x| f(x)));
            let any = v.par_iter().position_any(|&x| f(x));
            assert_eq!(any.is_some(), v.iter().any(|&x| f(x)));
            assert!(any.map_or(true, |i| f(v[i])));
        });
    }

    #[test]
    fn checked_sums_match_std(v in input(), k in prop::sample::select(vec![1u32, 10, 100, 1000])) {
        // Small values, so that long inputs overflow a u16 and short ones do not. Sums of
        // unsigned values overflow in some order exactly when they do sequentially.
        let w: Vec<u16> = v.iter().map(|&x| (x % k) as u16).collect();
        let want = w.iter().try_fold(0u16, |a, &x| a.checked_add(x));
        in_pools(|_| {
            let folded = w
                .par_iter()
                .try_fold(|| 0u16, |a, &x| a.checked_add(x))
                .try_reduce(|| 0, u16::checked_add);
            assert_eq!(folded, want);
            let with = w
                .par_iter()
                .try_fold_with(0u16, |a, &x| a.checked_add(x))
                .try_reduce_with(u16::checked_add);
            // Each piece yields its accumulator, so even no items give at least one.
            assert_eq!(with.unwrap_or(Some(0)), want);
            assert_eq!(w.par_iter().map(|&x| Some(x)).try_reduce(|| 0, u16::checked_add), want);
            let r = w.par_iter().map(|&x| Some(x)).try_reduce_with(u16::checked_add);
            assert_eq!(r, if w.is_empty() { None } else { Some(want) });
            let r: Result<u16, ()> =
                w.par_iter().map(|&x| Ok(x)).try_reduce(|| 0, |a, b| a.checked_add(b).ok_or(()));
            assert_eq!(r, want.ok_or(()));
        });
    }

    #[test]
    fn try_for_each_returns_an_error_that_happened(
        n in lens(),
        fails in prop::collection::vec(any::<prop::sample::Index>(), 0..4),
    ) {
        let fails: Vec<usize> = match n {
            0 => vec![],
            _ => fails.iter().map(|i| i.index(n)).collect(),
        };
        let op = |i: usize| if fails.contains(&i) { Err(i) } else { Ok(()) };
        let check = |r: Result<(), usize>| match r {
            Ok(()) => assert!(fails.is_empty()),
            Err(i) => {
                assert!(fails.contains(&i));
                if fails.iter().all(|&j| j == fails[0]) {
                    assert_eq!(i, fails[0]);
                }
            }
        };
        let inits = AtomicUsize::new(0);
        in_pools(|_| {
            check((0..n).into_par_iter().try_for_each(op));
            check((0..n).into_par_iter().try_for_each_with(0usize, |seen, i| {
                *seen += 1;
                op(i)
            }));
            check((0..n).into_par_iter().try_for_each_init(
                || inits.fetch_add(1, Ordering::Relaxed),
                |_, i| op(i),
            ));
            let o = (0..n).into_par_iter().try_for_each(|i| op(i).ok());
            assert_eq!(o.is_none(), !fails.is_empty());
            let c = (0..n).into_par_iter().try_for_each(|i| match op(i) {
                Ok(()) => ControlFlow::Continue(()),
                Err(i) => ControlFlow::Break(i),
            });
            check(match c {
                ControlFlow::Continue(()) => Ok(()),
                ControlFlow::Break(i) => Err(i),
            });
        });
    }
}

/// Inputs long enough to be split among threads, with matches at chosen places.
#[test]
fn long_searches_are_exact() {
    let n = 200_000;
    let marks: [&[usize]; 6] = [
        &[],
        &[0],
        &[n - 1],
        &[n / 3],
        &[1, n / 2, n - 2],
        &[n / 2, n / 2 + 1],
    ];
    for m in marks {
        let mut v = vec![0u32; n];
        for &i in m {
            v[i] = 1;
        }
        let (first, last) = (m.first().copied(), m.last().copied());
        in_pools(|_| {
            let pos =
                |x: Option<&u32>| x.map(|r| (r as *const u32 as usize - v.as_ptr() as usize) / 4);
            assert_eq!(pos(v.par_iter().find_first(|&&x| x == 1)), first);
            assert_eq!(pos(v.par_iter().find_last(|&&x| x == 1)), last);
            assert_eq!(v.par_iter().position_first(|&x| x == 1), first);
            assert_eq!(v.par_iter().position_last(|&x| x == 1), last);
            assert_eq!(v.par_iter().any(|&x| x == 1), first.is_some());
            let any = v.par_iter().position_any(|&x| x == 1);
            assert!(any.map_or(m.is_empty(), |i| m.contains(&i)));
            for front_chain in [false, true] {
                let c = || Chunked {
                    v: &v,
                    size: 7777,
                    front_chain,
                };
                assert_eq!(pos(c().find_first(|&&x| x == 1)), first);
                assert_eq!(pos(c().find_last(|&&x| x == 1)), last);
            }
            let r = v
                .par_iter()
                .enumerate()
                .try_for_each(|(i, &x)| if x == 1 { Err(i) } else { Ok(()) });
            match r {
                Ok(()) => assert!(m.is_empty()),
                Err(i) => assert!(m.contains(&i)),
            }
        });
    }
}

#[test]
fn empty_inputs() {
    in_pools(|_| {
        let e = || (0..0u32).into_par_iter();
        assert!(!e().any(|_| true));
        assert!(e().all(|_| false));
        assert_eq!(e().find_any(|_| true), None);
        assert_eq!(e().find_first(|_| true), None);
        assert_eq!(e().find_last(|_| true), None);
        assert_eq!(e().find_map_first(Some), None);
        assert_eq!(e().position_last(|_| true), None);
        assert_eq!(e().map(Some).try_reduce(|| 7, |a, b| Some(a + b)), Some(7));
        assert_eq!(e().map(Some).try_reduce_with(|a, b| Some(a + b)), None);
        assert_eq!(e().try_for_each(|_| Err(())), Ok(()));
        let folds: Vec<Option<u32>> = e().try_fold(|| 0, |a, x| Some(a + x)).collect();
        assert!(folds.iter().all(|f| *f == Some(0)));
    });
}

#[test]
fn poll_results() {
    in_pools(|_| {
        let r = (0..100u32)
            .into_par_iter()
            .map(|x| {
                if x == 60 {
                    Poll::Ready(Err(x))
                } else {
                    Poll::Ready(Ok(()))
                }
            })
            .try_reduce(|| Poll::Ready(()), |_, _| Poll::Ready(Ok(())));
        assert_eq!(r, Poll::Ready(Err(60)));
        let item = |x: u32| -> Poll<Option<Result<u32, u32>>> {
            match x {
                3 => Poll::Ready(Some(Err(x))),
                _ if x % 2 == 0 => Poll::Pending,
                _ => Poll::Ready(Some(Ok(x))),
            }
        };
        let r = (0..100u32)
            .into_par_iter()
            .map(item)
            .try_reduce(|| Poll::Pending, |_, b| b.map(|o| o.map(Ok)));
        assert_eq!(r, Poll::Ready(Some(Err(3))));
        let ok = (4..5u32)
            .into_par_iter()
            .map(item)
            .try_reduce(|| Poll::Ready(None), |_, b| b.map(|o| o.map(Ok)));
        assert_eq!(ok, Poll::Pending);
    });
}

// Searches of ranges far too long to scan: they finish only if the search really stops.

#[test]
fn huge_any_all_and_find_any_stop() {
    in_pools(|_| {
        assert!((0..u64::MAX).into_par_iter().any(|x| x == 1000));
        assert!(!(0..u64::MAX).into_par_iter().all(|x| x < 1000));
        let x = (0..u64::MAX)
            .into_par_iter()
            .find_any(|x| x % 1_000_000 == 4321);
        assert_eq!(x.map(|x| x % 1_000_000), Some(4321));
        let y = (0..10u128.pow(27))
            .into_par_iter()
            .find_any(|x| x % 5000 == 77);
        assert_eq!(y.map(|y| y % 5000), Some(77));
        assert!((0..usize::MAX)
            .into_par_iter()
            .position_any(|x| x == 5000)
            .is_some());
    });
}

#[test]
fn huge_try_methods_stop() {
    in_pools(|_| {
        let r = (0..u64::MAX)
            .into_par_iter()
            .try_for_each(|x| if x == 5000 { Err(x) } else { Ok(()) });
        assert_eq!(r, Err(5000));
        let r = (0..u64::MAX)
            .into_par_iter()
            .try_for_each_with(0u64, |n, x| {
                *n += 1;
                (x != 3000).then_some(())
            });
        assert_eq!(r, None);
        let r = (0..u64::MAX)
            .into_par_iter()
            .try_for_each_init(|| 0u64, |_, x| (x != 3000).then_some(()));
        assert_eq!(r, None);
        let r = (0..u64::MAX)
            .into_par_iter()
            .map(|x| if x == 10_000 { None } else { Some(x) })
            .try_reduce(|| 0, |a, b| Some(a.wrapping_add(b)));
        assert_eq!(r, None);
        let r = (0..u64::MAX)
            .into_par_iter()
            .map(|x| if x == 10_000 { Err(x) } else { Ok(x) })
            .try_reduce_with(|a, b| Ok(a.wrapping_add(b)));
        assert_eq!(r, Some(Err(10_000)));
        // Every piece of a `try_fold` breaks at its own first item past 10_000; the
        // `try_reduce` after it stops the rest.
        let r = (0..u64::MAX)
            .into_par_iter()
            .try_fold(|| 0u64, |a, x| if x >= 10_000 { Err(x) } else { Ok(a + x) })
            .try_reduce(|| 0, |a, b| Ok(a + b));
        assert!(matches!(r, Err(x) if x >= 10_000), "{r:?}");
    });
}

#[test]
fn huge_unindexed_find_first_is_exact() {
    let n = 10u128.pow(27);
    in_pools(|_| {
        for t in [0, 1, 5, 1000, 123_457] {
            assert_eq!((0..n).into_par_iter().find_first(|x| *x >= t), Some(t));
        }
        assert_eq!(
            (0..n).into_par_iter().find_first(|x| x % 7 == 3 && *x > 50),
            Some(52)
        );
        assert_eq!(
            (0..n)
                .into_par_iter()
                .find_map_first(|x| (x % 1000 == 999).then_some(x * 2)),
            Some(1998)
        );
        let m = i128::MIN;
        assert_eq!(
            (m..i128::MAX).into_par_iter().find_first(|x| *x > m + 10),
            Some(m + 11)
        );
    });
}

#[test]
fn huge_indexed_find_first_is_exact() {
    in_pools(|_| {
        for t in [0, 1, 9_999, 123_457] {
            assert_eq!(
                (0..u64::MAX).into_par_iter().find_first(|x| *x >= t),
                Some(t)
            );
            assert_eq!(
                (0..usize::MAX)
                    .into_par_iter()
                    .position_first(|x| x >= t as usize),
                Some(t as usize)
            );
        }
    });
}

/// A last match near the end of a huge range: the piece holding it must be split off the
/// rest, which takes idle threads (with one thread, the search is a sequential scan).
#[test]
fn huge_find_last_is_exact() {
    let n = 10u128.pow(27);
    let last = u64::MAX - 1;
    for pool in &pools()[1..] {
        pool.install(|| {
            assert_eq!(
                (0..u64::MAX).into_par_iter().find_last(|_| true),
                Some(u64::MAX - 1)
            );
            assert_eq!(
                (0..u64::MAX).into_par_iter().find_last(|x| x % 1000 == 7),
                Some(last - (last - 7) % 1000)
            );
            // A u128 range near 10^27, short enough (2^62 items) to be indexed.
            let r = n - (1 << 62)..n;
            assert_eq!(r.clone().into_par_iter().find_last(|_| true), Some(n - 1));
            assert_eq!(
                r.clone().into_par_iter().find_last(|x| *x <= n - 5),
                Some(n - 5)
            );
            assert_eq!(
                (0..usize::MAX)
                    .into_par_iter()
                    .position_last(|x| x % 2 == 0),
                Some(usize::MAX - 1)
            );
            assert_eq!(
                (0..u64::MAX)
                    .into_par_iter()
                    .find_map_last(|x| (x % 3 == 0).then_some(x)),
                Some(last - last % 3)
            );
        });
    }
}

// Panics.

fn panics(f: impl FnOnce()) -> bool {
    catch_unwind(AssertUnwindSafe(f)).is_err()
}

#[test]
fn panics_in_every_closure_propagate() {
    const N: u32 = 10_000;
    let boom = |x: u32| {
        if x == 777 {
            panic!("boom");
        }
    };
    in_pools(|_| {
        let r = || (0..N).into_par_iter();
        assert!(panics(|| {
            r().any(|x| {
                boom(x);
                false
            });
        }));
        assert!(panics(|| {
            r().all(|x| {
                boom(x);
                true
            });
        }));
        assert!(panics(|| {
            r().find_any(|&x| {
                boom(x);
                false
            });
        }));
        assert!(panics(|| {
            r().find_first(|&x| {
                boom(x);
                x == N - 1
            });
        }));
        assert!(panics(|| {
            r().find_last(|&x| {
                boom(x);
                x == 0
            });
        }));
        assert!(panics(|| {
            r().find_map_any(|x| {
                boom(x);
                None::<u32>
            });
        }));
        assert!(panics(|| {
            r().find_map_first(|x| {
                boom(x);
                None::<u32>
            });
        }));
        assert!(panics(|| {
            r().find_map_last(|x| {
                boom(x);
                None::<u32>
            });
        }));
        assert!(panics(|| {
            r().position_any(|x| {
                boom(x);
                false
            });
        }));
        assert!(panics(|| {
            r().position_first(|x| {
                boom(x);
                false
            });
        }));
        assert!(panics(|| {
            r().position_last(|x| {
                boom(x);
                false
            });
        }));
        assert!(panics(|| {
            let _ = r().try_for_each(|x| {
                boom(x);
                Ok::<(), ()>(())
            });
        }));
        assert!(panics(|| {
            let _ = r().try_for_each_with(0, |_, x| {
                boom(x);
                Some(())
            });
        }));
        assert!(panics(|| {
            let _ = r().try_for_each_init(|| panic!("init"), |_: &mut u32, _| Some(()));
        }));
        assert!(panics(|| {
            let _ = r().try_for_each_init(
                || 0,
                |_, x| {
                    boom(x);
                    Some(())
                },
            );
        }));
        assert!(panics(|| {
            let _ = r()
                .map(Some)
                .try_reduce(|| panic!("identity"), |a, b| Some(a + b));
        }));
        assert!(panics(|| {
            let _ = r().map(Some).try_reduce(
                || 0,
                |a, b| {
                    boom(b);
                    Some(a.max(b))
                },
            );
        }));
        assert!(panics(|| {
            // The first item of a piece starts its accumulator without a call, so 777 may
            // reach `op` as either operand.
            let _ = r().map(Some).try_reduce_with(|a, b| {
                boom(a);
                boom(b);
                Some(a.max(b))
            });
        }));
        assert!(panics(|| {
            let _ = r()
                .try_fold(|| panic!("identity"), |a: u32, x| Some(a.max(x)))
                .try_reduce(|| 0, |a, b| Some(a.max(b)));
        }));
        assert!(panics(|| {
            let _ = r()
                .try_fold(
                    || 0,
                    |a, x| {
                        boom(x);
                        Some(a.max(x))
                    },
                )
                .try_reduce(|| 0, |a, b| Some(a.max(b)));
        }));
        assert!(panics(|| {
            let _ = r()
                .try_fold_with(0, |a, x| {
                    boom(x);
                    Some(a.max(x))
                })
                .collect::<Vec<_>>();
        }));
    });
}

/// Counts live values: nothing may leak or drop twice.
struct Counted<'a> {
    x: u32,
    live: &'a AtomicIsize,
}

impl<'a> Counted<'a> {
    fn new(x: u32, live: &'a AtomicIsize) -> Self {
        live.fetch_add(1, Ordering::Relaxed);
        Counted { x, live }
    }
}

impl Drop for Counted<'_> {
    fn drop(&mut self) {
        assert!(
            self.live.fetch_sub(1, Ordering::Relaxed) > 0,
            "dropped twice"
        );
    }
}

#[test]
fn owned_items_are_dropped_once() {
    in_pools(|_| {
        let live = AtomicIsize::new(0);
        let make = || {
            (0..20_000)
                .map(|x| Counted::new(x, &live))
                .collect::<Vec<_>>()
        };

        let found = make().into_par_iter().find_first(|c| c.x % 1000 == 999);
        assert_eq!(found.as_ref().map(|c| c.x), Some(999));
        drop(found);
        let found = make().into_par_iter().find_last(|c| c.x < 5);
        assert_eq!(found.as_ref().map(|c| c.x), Some(4));
        drop(found);
        let found = make().into_par_iter().find_any(|c| c.x == 12_345);
        assert_eq!(found.as_ref().map(|c| c.x), Some(12_345));
        drop(found);
        let r = make()
            .into_par_iter()
            .try_for_each(|c| if c.x == 4000 { Err(c) } else { Ok(()) });
        assert_eq!(r.as_ref().err().map(|c| c.x), Some(4000));
        drop(r);
        assert_eq!(live.load(Ordering::Relaxed), 0);

        for at in [0, 5000, 19_999] {
            assert!(panics(|| {
                make().into_par_iter().find_first(|c| {
                    if c.x == at {
                        panic!("boom");
                    }
                    false
                });
            }));
            assert!(panics(|| {
                let _ = make().into_par_iter().try_for_each(|c| {
                    if c.x == at {
                        panic!("boom");
                    }
                    Some(())
                });
            }));
            assert_eq!(live.load(Ordering::Relaxed), 0);
        }
    });
}
