//! Property tests of `map_with`, `map_init`, `flat_map`, `flat_map_iter`, `flatten`,
//! `flatten_iter`, `fold_with`, `for_each_with`, `for_each_init` and `panic_fuse` against
//! the std iterators, in pools of 1, 2 and 8 threads; panics in every closure position;
//! drop accounting of owned items when a closure panics.

mod common;

use std::panic::{catch_unwind, resume_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicU64, AtomicU8, AtomicUsize, Ordering};
use std::sync::mpsc::channel;
use std::sync::Arc;

use beat::iter::plumbing::{Folder, Producer, ProducerCallback, UnindexedConsumer};
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
    prop_oneof![
        4 => 0usize..4,
        4 => 0usize..100,
        2 => 0usize..3_000,
        1 => 0usize..100_000,
    ]
}

fn values() -> impl Strategy<Value = Vec<u64>> {
    len().prop_flat_map(|n| proptest::collection::vec(any::<u64>(), n))
}

/// Nested vectors with inner lengths 0..8 (often empty).
fn nested() -> impl Strategy<Value = Vec<Vec<u32>>> {
    len().prop_flat_map(|n| {
        let n = n.min(20_000);
        proptest::collection::vec(
            prop_oneof![2 => Just(0usize), 3 => 0usize..8]
                .prop_flat_map(|k| proptest::collection::vec(any::<u32>(), k)),
            n,
        )
    })
}

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: 32,
        ..ProptestConfig::default()
    }
}

/// A value that counts its clones.
struct CountClone {
    base: u64,
    clones: Arc<AtomicUsize>,
}

impl Clone for CountClone {
    fn clone(&self) -> Self {
        self.clones.fetch_add(1, Ordering::Relaxed);
        CountClone {
            base: self.base,
            clones: Arc::clone(&self.clones),
        }
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn map_with_matches_std(v in values(), k in any::<u64>()) {
        let expect: Vec<u64> = v.iter().map(|x| x ^ k).collect();
        on_pools(|| {
            let clones = Arc::new(AtomicUsize::new(0));
            let init = CountClone { base: k, clones: Arc::clone(&clones) };
            let got: Vec<u64> = v
                .par_iter()
                .map_with(init, |s, x| {
                    // Each piece starts from a clone of `init`, untouched by other pieces.
                    assert_eq!(s.base, k);
                    s.base = !k;
                    let r = x ^ k;
                    s.base = k;
                    r
                })
                .collect();
            assert_eq!(got, expect);
            assert!(clones.load(Ordering::Relaxed) <= v.len() + 1);
        });
    }

    #[test]
    fn map_with_is_indexed(v in values()) {
        on_pools(|| {
            let it = v.par_iter().map_with(3u64, |k, x| x.wrapping_mul(*k));
            assert_eq!(it.len(), v.len());
            let got: Vec<(usize, u64)> = it.enumerate().collect();
            let expect: Vec<(usize, u64)> =
                v.iter().map(|x| x.wrapping_mul(3)).enumerate().collect();
            assert_eq!(got, expect);
        });
    }

    #[test]
    fn map_init_matches_std_with_few_inits(v in values()) {
        let expect: Vec<u64> = v.iter().map(|x| x.rotate_left(7)).collect();
        on_pools(|| {
            let inits = AtomicUsize::new(0);
            let it = v.par_iter().map_init(
                || {
                    inits.fetch_add(1, Ordering::Relaxed);
                    Vec::<u64>::new()
                },
                |buf, x| {
                    buf.push(*x);
                    x.rotate_left(7)
                },
            );
            assert_eq!(it.len(), v.len());
            let got: Vec<u64> = it.collect();
            assert_eq!(got, expect);
            // Init runs once per piece of the work, never once per item.
            assert!(inits.load(Ordering::Relaxed) <= v.len() + 1);

            // Also through a filter (a consumer-side adapter) and into a sum.
            inits.store(0, Ordering::Relaxed);
            let s = v
                .par_iter()
                .filter(|x| *x % 3 != 0)
                .map_init(
                    || {
                        inits.fetch_add(1, Ordering::Relaxed);
                        0u64
                    },
                    |seen, x| {
                        *seen += 1;
                        x >> 20
                    },
                )
                .sum::<u64>();
            assert_eq!(s, v.iter().filter(|x| *x % 3 != 0).map(|x| x >> 20).sum::<u64>());
            assert!(inits.load(Ordering::Relaxed) <= v.len() + 1);
        });
    }

    #[test]
    fn fold_with_matches_std(v in values()) {
        let expect = v.iter().fold(0u64, |a, x| a.wrapping_add(*x));
        on_pools(|| {
            let s = v
                .par_iter()
                .fold_with(0u64, |a, x| a.wrapping_add(*x))
                .reduce(|| 0, u64::wrapping_add);
            assert_eq!(s, expect);

            // Order is kept: the pieces' vectors concatenate to the input.
            let clones = Arc::new(AtomicUsize::new(0));
            let init = CountClone { base: 0, clones: Arc::clone(&clones) };
            let pieces: Vec<Vec<u64>> = v
                .par_iter()
                .fold_with((init, Vec::new()), |(c, mut acc), x| {
                    acc.push(*x);
                    (c, acc)
                })
                .map(|(c, acc)| {
                    assert_eq!(c.base, 0);
                    acc
                })
                .collect();
            assert_eq!(pieces.concat(), v);
            assert!(clones.load(Ordering::Relaxed) <= v.len() + 1);
        });
    }

    #[test]
    fn flat_map_matches_std(vv in nested()) {
        let expect: Vec<u32> = vv.iter().flatten().copied().collect();
        on_pools(|| {
            let by_ref: Vec<u32> = vv.par_iter().flat_map(|v| v.par_iter().copied()).collect();
            assert_eq!(by_ref, expect);
            let by_value: Vec<u32> =
                vv.clone().into_par_iter().flat_map(|v| v.into_par_iter()).collect();
            assert_eq!(by_value, expect);
            let flat: Vec<u32> = vv.clone().into_par_iter().flatten().collect();
            assert_eq!(flat, expect);
            let flat_iter: Vec<u32> = vv.clone().into_par_iter().flatten_iter().collect();
            assert_eq!(flat_iter, expect);
            let fmi: Vec<u32> = vv.par_iter().flat_map_iter(|v| v.iter().copied()).collect();
            assert_eq!(fmi, expect);
            let flat_refs: Vec<&u32> = vv.par_iter().flatten().collect();
            assert!(flat_refs.into_iter().copied().eq(expect.iter().copied()));
            let sum: u64 = vv.par_iter().flat_map(|v| v.par_iter()).map(|&x| u64::from(x)).sum();
            assert_eq!(sum, expect.iter().map(|&x| u64::from(x)).sum::<u64>());
        });
    }

    #[test]
    fn flat_map_of_ranges_matches_std(n in len(), m in 0u32..40) {
        let n = n.min(20_000) as u32;
        let f = |x: u32| x..x + (x % m.max(1));
        let expect: Vec<u32> = (0..n).flat_map(f).collect();
        on_pools(|| {
            let got: Vec<u32> = (0..n).into_par_iter().flat_map(f).collect();
            assert_eq!(got, expect);
            let got: Vec<u32> = (0..n).into_par_iter().flat_map_iter(f).collect();
            assert_eq!(got, expect);
            let got: Vec<u32> = (0..n).into_par_iter().map(f).flatten_iter().collect();
            assert_eq!(got, expect);
            let count = (0..n).into_par_iter().map(f).flatten().count();
            assert_eq!(count, expect.len());
        });
    }

    #[test]
    fn for_each_with_and_init_match_std(v in values()) {
        let expect = v.iter().fold(0u64, |a, x| a.wrapping_add(*x));
        on_pools(|| {
            let (tx, rx) = channel();
            v.par_iter().for_each_with(tx, |tx, x| tx.send(*x).unwrap());
            let mut got: Vec<u64> = rx.iter().collect();
            let mut want = v.clone();
            got.sort_unstable();
            want.sort_unstable();
            assert_eq!(got, want);

            let total = AtomicU64::new(0);
            let inits = AtomicUsize::new(0);
            v.par_iter().for_each_init(
                || {
                    inits.fetch_add(1, Ordering::Relaxed);
                    0u64
                },
                |scratch, x| {
                    *scratch = scratch.wrapping_add(1);
                    total.fetch_add(*x, Ordering::Relaxed);
                },
            );
            assert_eq!(total.into_inner(), expect);
            assert!(inits.load(Ordering::Relaxed) <= v.len() + 1);
        });
    }

    #[test]
    fn panic_fuse_is_transparent(v in values()) {
        let expect: Vec<u64> = v.iter().map(|x| x / 3).collect();
        on_pools(|| {
            let it = v.par_iter().panic_fuse().map(|x| x / 3);
            assert_eq!(it.len(), v.len());
            assert_eq!(it.collect::<Vec<_>>(), expect);
            let got: Vec<u64> = v.par_iter().map(|x| x / 3).panic_fuse().collect();
            assert_eq!(got, expect);
            let evens = v.par_iter().filter(|x| *x % 2 == 0).panic_fuse().count();
            assert_eq!(evens, v.iter().filter(|x| *x % 2 == 0).count());
        });
    }

    #[test]
    fn random_chains_match_std(v in values(), ops in chain()) {
        let expect = ops.iter().fold(v.clone(), |v, &op| seq_apply(v, op));
        on_pools(|| {
            assert_eq!(level1(v.clone().into_par_iter(), &ops), expect, "{ops:?}");
        });
    }
}

// ---------------------------------------------------------------------------------------
// Random chains. Each position draws from its own set of three adapters (so the test
// compiles 120 pipeline types, not thousands); together the sets mix every
// adapter here with `map`, `filter` and `filter_map`.

#[derive(Clone, Copy, Debug)]
enum Op {
    Map,
    Filter,
    FilterMap,
    MapWith,
    MapInit,
    FlatMap,
    FlatMapIter,
    Flatten,
    FlattenIter,
    PanicFuse,
}

const LEVELS: [[Op; 3]; 4] = [
    [Op::MapWith, Op::Filter, Op::FlatMap],
    [Op::MapInit, Op::FilterMap, Op::FlatMapIter],
    [Op::Flatten, Op::Map, Op::PanicFuse],
    [Op::FlattenIter, Op::Filter, Op::MapInit],
];

fn chain() -> impl Strategy<Value = Vec<Op>> {
    (1usize..=4, [0usize..3, 0usize..3, 0usize..3, 0usize..3])
        .prop_map(|(n, picks)| (0..n).map(|i| LEVELS[i][picks[i]]).collect())
}

fn map_op(x: u64) -> u64 {
    x.wrapping_mul(3) ^ 1
}
fn filter_op(x: &u64) -> bool {
    x % 3 != 0
}
fn filter_map_op(x: u64) -> Option<u64> {
    (x % 5 != 1).then_some(x / 2)
}
/// The state is a constant and a scratch buffer: the result must not depend on which
/// piece an item fell in.
fn state_op(state: &mut (u64, Vec<u64>), x: u64) -> u64 {
    state.1.clear();
    state.1.push(x);
    x.wrapping_add(state.0)
}
fn inner_range(x: u64) -> std::ops::Range<u64> {
    0..x % 4
}
fn inner_item(x: u64, j: u64) -> u64 {
    x.wrapping_mul(4).wrapping_add(j)
}
fn inner_vec(x: u64) -> Vec<u64> {
    (0..x % 3).map(|j| x ^ j).collect()
}

fn seq_apply(v: Vec<u64>, op: Op) -> Vec<u64> {
    let it = v.into_iter();
    match op {
        Op::Map => it.map(map_op).collect(),
        Op::Filter => it.filter(filter_op).collect(),
        Op::FilterMap => it.filter_map(filter_map_op).collect(),
        Op::MapWith | Op::MapInit => {
            let mut s = (7, Vec::new());
            it.map(|x| state_op(&mut s, x)).collect()
        }
        Op::FlatMap => it
            .flat_map(|x| inner_range(x).map(move |j| inner_item(x, j)))
            .collect(),
        Op::FlatMapIter | Op::FlattenIter | Op::Flatten => it.flat_map(inner_vec).collect(),
        Op::PanicFuse => it.collect(),
    }
}

macro_rules! adapt {
    (Map, $it:expr) => {
        $it.map(map_op)
    };
    (Filter, $it:expr) => {
        $it.filter(filter_op)
    };
    (FilterMap, $it:expr) => {
        $it.filter_map(filter_map_op)
    };
    (MapWith, $it:expr) => {
        $it.map_with((7, Vec::new()), state_op)
    };
    (MapInit, $it:expr) => {
        $it.map_init(|| (7, Vec::new()), state_op)
    };
    (FlatMap, $it:expr) => {
        $it.flat_map(|x| {
            inner_range(x)
                .into_par_iter()
                .map(move |j| inner_item(x, j))
        })
    };
    (FlatMapIter, $it:expr) => {
        $it.flat_map_iter(inner_vec)
    };
    (Flatten, $it:expr) => {
        $it.map(inner_vec).flatten()
    };
    (FlattenIter, $it:expr) => {
        $it.map(inner_vec).flatten_iter()
    };
    (PanicFuse, $it:expr) => {
        $it.panic_fuse()
    };
}

macro_rules! level {
    ($name:ident, $next:ident, [$($op:ident),*]) => {
        fn $name<I: ParallelIterator<Item = u64>>(it: I, ops: &[Op]) -> Vec<u64> {
            match ops.split_first() {
                None => finish(it),
                $(Some((Op::$op, rest)) => $next(adapt!($op, it), rest),)*
                Some((op, _)) => unreachable!("{op:?} is not drawn at this position"),
            }
        }
    };
}

level!(level1, level2, [MapWith, Filter, FlatMap]);
level!(level2, level3, [MapInit, FilterMap, FlatMapIter]);
level!(level3, level4, [Flatten, Map, PanicFuse]);
level!(level4, finish_rest, [FlattenIter, Filter, MapInit]);

fn finish_rest<I: ParallelIterator<Item = u64>>(it: I, ops: &[Op]) -> Vec<u64> {
    assert!(ops.is_empty());
    finish(it)
}

/// Collects in order through `fold_with` and `reduce` (one consumer type per pipeline).
fn finish<I: ParallelIterator<Item = u64>>(it: I) -> Vec<u64> {
    it.fold_with(Vec::new(), |mut v, x| {
        v.push(x);
        v
    })
    .reduce(Vec::new, |mut a, mut b| {
        a.append(&mut b);
        a
    })
}

// ---------------------------------------------------------------------------------------
// Panics.

/// Runs `f` in every pool; it must panic with `msg`, and the pool must stay usable.
fn assert_panics(msg: &str, f: impl Fn() + Sync) {
    for pool in pools() {
        let r = pool.install(|| catch_unwind(AssertUnwindSafe(&f)));
        let payload = r.expect_err("the closure's panic did not propagate");
        let got = payload
            .downcast_ref::<&str>()
            .copied()
            .or_else(|| payload.downcast_ref::<String>().map(String::as_str));
        assert_eq!(got, Some(msg));
        let s = pool.install(|| (0..10_000u64).into_par_iter().map(|x| x * 2).sum::<u64>());
        assert_eq!(s, 9_999 * 10_000);
    }
}

const N: u64 = 20_000;

#[test]
fn panics_propagate_from_every_closure() {
    assert_panics("map_with op", || {
        let _: Vec<u64> = (0..N)
            .into_par_iter()
            .map_with(
                0u8,
                |_, x| if x == N / 3 { panic!("map_with op") } else { x },
            )
            .collect();
    });
    assert_panics("map_init init", || {
        let calls = AtomicUsize::new(0);
        (0..N)
            .into_par_iter()
            .map_init(
                || {
                    if calls.fetch_add(1, Ordering::Relaxed) == 1 {
                        panic!("map_init init")
                    }
                },
                |_, x| x,
            )
            .for_each(|_| ());
    });
    assert_panics("map_init op", || {
        let _: u64 = (0..N)
            .into_par_iter()
            .map_init(
                || 0u8,
                |_, x| if x == N - 1 { panic!("map_init op") } else { x },
            )
            .sum();
    });
    assert_panics("flat_map op", || {
        let _: Vec<u64> = (0..N)
            .into_par_iter()
            .flat_map(|x| {
                if x == N / 2 {
                    panic!("flat_map op")
                } else {
                    0..x % 3
                }
            })
            .collect();
    });
    assert_panics("flat_map inner", || {
        let _: Vec<u64> = (0..N)
            .into_par_iter()
            .flat_map(|x| {
                (0..x % 3).into_par_iter().map(move |j| {
                    if x == N / 2 + 1 && j == 1 {
                        panic!("flat_map inner")
                    } else {
                        j
                    }
                })
            })
            .collect();
    });
    assert_panics("flat_map_iter op", || {
        (0..N)
            .into_par_iter()
            .flat_map_iter(|x| {
                if x == 7 {
                    panic!("flat_map_iter op")
                } else {
                    0..x % 3
                }
            })
            .for_each(|_| ());
    });
    assert_panics("fold_with op", || {
        let _: Vec<u64> = (0..N)
            .into_par_iter()
            .fold_with(0u64, |a, x| {
                if x == N / 4 {
                    panic!("fold_with op")
                } else {
                    a + x
                }
            })
            .collect();
    });
    assert_panics("for_each_with op", || {
        (0..N)
            .into_par_iter()
            .for_each_with(1u8, |_, x| assert!(x != N / 5, "for_each_with op"));
    });
    assert_panics("for_each_init init", || {
        (0..N)
            .into_par_iter()
            .for_each_init(|| panic!("for_each_init init"), |_: &mut u8, _| ());
    });
    assert_panics("for_each_init op", || {
        (0..N)
            .into_par_iter()
            .for_each_init(|| 0u8, |_, x| assert!(x != N - 2, "for_each_init op"));
    });
    assert_panics("panic_fuse", || {
        (0..N)
            .into_par_iter()
            .panic_fuse()
            .for_each(|x| assert!(x != N / 2, "panic_fuse"));
    });
    assert_panics("panic_fuse upstream", || {
        let _: Vec<u64> = (0..N)
            .into_par_iter()
            .map(|x| {
                if x == 3 {
                    panic!("panic_fuse upstream")
                } else {
                    x
                }
            })
            .panic_fuse()
            .collect();
    });
    assert_panics("panic_fuse unindexed", || {
        let _: u64 = (0..N)
            .into_par_iter()
            .filter(|x| x % 2 == 0)
            .panic_fuse()
            .map(|x| {
                if x == N / 2 {
                    panic!("panic_fuse unindexed")
                } else {
                    x
                }
            })
            .sum();
    });
}

/// Counts the items it folds; panics on item 10.
struct Count(usize);

impl Folder<u32> for Count {
    type Result = usize;
    fn consume(self, x: u32) -> Self {
        assert!(x != 10, "item 10");
        Count(self.0 + 1)
    }
    fn complete(self) -> usize {
        self.0
    }
    fn full(&self) -> bool {
        false
    }
}

/// Through the producer of a fused iterator: once one piece has panicked, its siblings
/// yield nothing, whether folded or iterated.
#[test]
fn panic_fuse_stops_sibling_producers() {
    struct Cb {
        panic_left: bool,
    }
    impl ProducerCallback<u32> for Cb {
        type Output = (usize, Option<u32>);
        fn callback<P: Producer<Item = u32>>(self, p: P) -> Self::Output {
            let (left, right) = p.split_at(50);
            let (right_a, right_b) = right.split_at(25);
            if self.panic_left {
                let r = catch_unwind(AssertUnwindSafe(move || left.fold_with(Count(0)).0));
                assert!(r.is_err());
            } else {
                drop(left);
            }
            let folded = right_a.fold_with(Count(0)).0;
            (folded, right_b.into_iter().next())
        }
    }
    let it = || (0..100u32).into_par_iter().panic_fuse();
    assert_eq!(it().with_producer(Cb { panic_left: false }), (25, Some(75)));
    assert_eq!(it().with_producer(Cb { panic_left: true }), (0, None));
    // Also when the fuse sits under another adapter.
    let mapped = (0..100u32).into_par_iter().panic_fuse().map(|x| x + 1);
    assert_eq!(mapped.with_producer(Cb { panic_left: true }), (0, None));
}

/// Through the consumer of a fused iterator: once one piece has panicked, the consumer of
/// a sibling piece reports itself full and its folder takes no item.
#[test]
fn panic_fuse_stops_sibling_consumers() {
    /// A source that folds its left half (which panics), then tries its right half.
    struct Src;
    impl ParallelIterator for Src {
        type Item = u32;
        fn drive_unindexed<C: UnindexedConsumer<u32>>(self, c: C) -> C::Result {
            let left = c.split_off_left();
            let r = catch_unwind(AssertUnwindSafe(move || {
                left.into_folder().consume_iter(0..50).complete()
            }));
            let Err(payload) = r else {
                panic!("the left half did not panic")
            };
            assert!(c.full(), "a sibling of a panicked piece is full");
            let folder = c.into_folder().consume_iter(50..100);
            assert!(folder.full());
            drop(folder.complete());
            resume_unwind(payload)
        }
    }
    for pool in pools() {
        let after = AtomicUsize::new(0);
        let r = pool.install(|| {
            catch_unwind(AssertUnwindSafe(|| {
                Src.panic_fuse().for_each(|x| {
                    assert!(x != 10, "item 10");
                    if x >= 50 {
                        after.fetch_add(1, Ordering::Relaxed);
                    }
                })
            }))
        });
        assert!(r.is_err());
        assert_eq!(after.into_inner(), 0);
    }
}

// ---------------------------------------------------------------------------------------
// Owned items when a closure panics: every item is dropped exactly once.

struct Droppy {
    id: usize,
    drops: Arc<Vec<AtomicU8>>,
}

impl Drop for Droppy {
    fn drop(&mut self) {
        self.drops[self.id].fetch_add(1, Ordering::Relaxed);
    }
}

fn droppies(shape: &[usize]) -> (Vec<Vec<Droppy>>, Arc<Vec<AtomicU8>>) {
    let total = shape.iter().sum();
    let drops: Arc<Vec<AtomicU8>> = Arc::new((0..total).map(|_| AtomicU8::new(0)).collect());
    let mut id = 0;
    let vv = shape
        .iter()
        .map(|&k| {
            (0..k)
                .map(|_| {
                    id += 1;
                    Droppy {
                        id: id - 1,
                        drops: Arc::clone(&drops),
                    }
                })
                .collect()
        })
        .collect();
    (vv, drops)
}

fn shape() -> impl Strategy<Value = Vec<usize>> {
    len().prop_flat_map(|n| proptest::collection::vec(0usize..6, n.min(5_000)))
}

/// Runs `f` on a fresh nested vector in every pool; `f` gets the id of the item to panic
/// on. Checks that it panicked when that item exists, and that every item was dropped once.
fn check_drops(shape: &[usize], pick: usize, f: impl Fn(Vec<Vec<Droppy>>, usize) + Sync) {
    for pool in pools() {
        let (vv, drops) = droppies(shape);
        let k = if drops.is_empty() {
            usize::MAX
        } else {
            pick % drops.len()
        };
        let r = pool.install(|| catch_unwind(AssertUnwindSafe(|| f(vv, k))));
        assert_eq!(r.is_err(), k != usize::MAX);
        for (id, d) in drops.iter().enumerate() {
            assert_eq!(d.load(Ordering::Relaxed), 1, "item {id} of {}", drops.len());
        }
    }
}

fn boom(d: Droppy, k: usize) -> Droppy {
    assert!(d.id != k, "boom");
    d
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn owned_items_drop_once_when_a_closure_panics(shape in shape(), pick in any::<usize>()) {
        check_drops(&shape, pick, |vv, k| {
            let v: Vec<Droppy> = vv.into_par_iter().flat_map(|v| v.into_par_iter()).map(|d| boom(d, k)).collect();
            drop(v);
        });
        check_drops(&shape, pick, |vv, k| {
            vv.into_par_iter().flatten().for_each(|d| drop(boom(d, k)));
        });
        check_drops(&shape, pick, |vv, k| {
            let v: Vec<Droppy> = vv.into_par_iter().flat_map_iter(|v| v.into_iter().map(move |d| boom(d, k))).collect();
            drop(v);
        });
        check_drops(&shape, pick, |vv, k| {
            let v: Vec<Droppy> = vv.into_par_iter().flatten_iter().panic_fuse().map_with(k, |k, d| boom(d, *k)).collect();
            drop(v);
        });
        // The flat_map closure itself panics, owning the inner vector.
        check_drops(&shape, pick, |vv, k| {
            let v: Vec<Droppy> = vv
                .into_par_iter()
                .flat_map(|v| {
                    assert!(v.iter().all(|d| d.id != k), "boom");
                    v
                })
                .collect();
            drop(v);
        });
        check_drops(&shape, pick, |vv, k| {
            vv.into_par_iter().flatten().for_each_init(|| (), |(), d| drop(boom(d, k)));
        });
    }
}
