//! The sorts of `ParallelSliceMut` (`par_sort*`, `par_sort_unstable*`) against std's on
//! random, sorted, reversed, all-equal, sawtooth and few-valued inputs, in pools of 1, 2
//! and 8 threads and outside any pool: the stable ones keep equal elements in order; a
//! panicking comparator or key function propagates its panic and leaves every element in
//! the slice exactly once (and dropped exactly once later); a comparator answering at
//! random raises no panic and leaves a permutation; the cached key is computed once per
//! element.

mod common;

use std::cmp::Ordering;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering::Relaxed};

use beat::prelude::*;
use beat::ThreadPool;
use proptest::prelude::*;

/// The payload of every panic these tests raise on purpose.
const BOOM: &str = "intentional test panic";

/// Pools of 1, 2 and 8 threads, built once; the intentional panics are not printed.
fn pools() -> &'static [ThreadPool; 3] {
    common::quiet_pools(BOOM)
}

/// Runs `f` inside each pool, then outside any pool.
fn everywhere(f: impl Fn() + Sync) {
    for pool in pools() {
        pool.install(&f);
    }
    f();
}

/// Lengths favouring small ones (0, 1 and odd lengths included) up to a few times the
/// length where the sorts start to split work; [`large_inputs_match_std`] covers 200_000.
/// (Sorting is slow in debug builds: 200_000 elements take most of a second.)
fn len() -> impl Strategy<Value = usize> {
    // Miri interprets every step: short inputs there (the driver splits them all the
    // same, as Miri's clock makes every item look slow).
    if cfg!(miri) {
        return (0usize..200).boxed();
    }
    prop_oneof![
        5 => 0usize..8,
        5 => 0usize..300,
        4 => 0usize..14_000,
    ]
    .boxed()
}

/// The shapes of input the sorts treat specially, and plain random input.
#[derive(Clone, Copy, Debug)]
enum Shape {
    Random,
    Sorted,
    Reversed,
    AllEqual,
    /// Ascending runs of a random length.
    Sawtooth,
    /// Few distinct values.
    FewValues,
    /// Sorted, then a few random swaps.
    NearlySorted,
    /// Descending runs of a random length.
    ReverseSawtooth,
}

fn shape() -> impl Strategy<Value = Shape> {
    prop_oneof![
        4 => Just(Shape::Random),
        1 => Just(Shape::Sorted),
        1 => Just(Shape::Reversed),
        1 => Just(Shape::AllEqual),
        1 => Just(Shape::Sawtooth),
        1 => Just(Shape::FewValues),
        1 => Just(Shape::NearlySorted),
        1 => Just(Shape::ReverseSawtooth),
    ]
}

/// A pseudo-random generator (splitmix64): cheap to run even for large inputs.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
}

/// `n` numbers of the given shape.
fn data(n: usize, shape: Shape, seed: u64) -> Vec<u32> {
    let mut rng = Rng(seed);
    let period = 1 + (rng.next() % 5_000) as usize;
    let mut v: Vec<u32> = match shape {
        Shape::Random => (0..n).map(|_| rng.next() as u32).collect(),
        Shape::Sorted | Shape::NearlySorted => (0..n as u32).map(|i| i / 3).collect(),
        Shape::Reversed => (0..n as u32).rev().collect(),
        Shape::AllEqual => vec![7; n],
        Shape::Sawtooth => (0..n).map(|i| (i % period) as u32).collect(),
        Shape::FewValues => (0..n).map(|_| (rng.next() % 4) as u32).collect(),
        Shape::ReverseSawtooth => (0..n).map(|i| (period - i % period) as u32).collect(),
    };
    if let Shape::NearlySorted = shape {
        for _ in 0..4 {
            if n > 0 {
                let (a, b) = (rng.next() as usize % n, rng.next() as usize % n);
                v.swap(a, b);
            }
        }
    }
    v
}

fn input() -> impl Strategy<Value = Vec<u32>> {
    (len(), shape(), any::<u64>()).prop_map(|(n, s, seed)| data(n, s, seed))
}

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: if cfg!(miri) { 1 } else { 16 },
        ..ProptestConfig::default()
    }
}

fn sorted<T: Ord + Clone>(v: &[T]) -> Vec<T> {
    let mut v = v.to_vec();
    v.sort();
    v
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn numbers_match_std(v in input()) {
        everywhere(|| {
            let mut want = v.clone();
            want.sort();
            let mut got = v.clone();
            got.par_sort();
            assert_eq!(got, want);
            let mut got = v.clone();
            got.par_sort_unstable();
            assert_eq!(got, want);

            let mut want = v.clone();
            want.sort_by(|a, b| b.cmp(a));
            let mut got = v.clone();
            got.par_sort_by(|a, b| b.cmp(a));
            assert_eq!(got, want);
            let mut got = v.clone();
            got.par_sort_unstable_by(|a, b| b.cmp(a));
            assert_eq!(got, want);

            // Keys with many ties: the stable sorts keep the input order among them.
            let key = |x: &u32| x % 1_000;
            let mut want = v.clone();
            want.sort_by_key(key);
            let mut got = v.clone();
            got.par_sort_by_key(key);
            assert_eq!(got, want);
            let mut got = v.clone();
            got.par_sort_by_cached_key(key);
            assert_eq!(got, want);
            // The unstable one may order ties differently: sorted by key, same elements.
            let mut got = v.clone();
            got.par_sort_unstable_by_key(key);
            assert!(got.windows(2).all(|w| key(&w[0]) <= key(&w[1])));
            assert_eq!(sorted(&got), sorted(&v));
        });
    }

    #[test]
    fn stable_sorts_keep_ties_in_order(v in input()) {
        // Equal keys (the first field) with the input position as the second field.
        let pairs: Vec<(u8, u32)> =
            v.iter().enumerate().map(|(i, &x)| ((x % 7) as u8, i as u32)).collect();
        everywhere(|| {
            let mut want = pairs.clone();
            want.sort_by_key(|p| p.0);
            let mut got = pairs.clone();
            got.par_sort_by_key(|p| p.0);
            assert_eq!(got, want);
            let mut got = pairs.clone();
            got.par_sort_by(|a, b| a.0.cmp(&b.0));
            assert_eq!(got, want);
            let mut got = pairs.clone();
            got.par_sort_by_cached_key(|p| p.0);
            assert_eq!(got, want);

            let mut want = pairs.clone();
            want.sort_by_key(|p| std::cmp::Reverse(p.0));
            let mut got = pairs.clone();
            got.par_sort_by(|a, b| b.0.cmp(&a.0));
            assert_eq!(got, want);

            let mut got = pairs.clone();
            got.par_sort_unstable_by_key(|p| p.0);
            assert!(got.windows(2).all(|w| w[0].0 <= w[1].0));
            assert_eq!(sorted(&got), sorted(&pairs));
            let mut got = pairs.clone();
            got.par_sort_unstable();
            assert_eq!(got, sorted(&pairs));
        });
    }

    #[test]
    fn strings_match_std(v in input()) {
        // Short strings over a small alphabet, so that there are ties.
        let strings: Vec<String> = v
            .iter()
            .map(|&x| (0..x % 5).map(|k| char::from(b'a' + ((x >> (3 * k)) % 4) as u8)).collect())
            .collect();
        let strings = &strings[..];
        everywhere(|| {
            let want = sorted(strings);
            let mut got = strings.to_vec();
            got.par_sort();
            assert_eq!(got, want);
            let mut got = strings.to_vec();
            got.par_sort_unstable();
            assert_eq!(got, want);

            let mut want = strings.to_vec();
            want.sort_by_key(|s| s.len());
            let mut got = strings.to_vec();
            got.par_sort_by_key(|s| s.len());
            assert_eq!(got, want);
            let mut got = strings.to_vec();
            got.par_sort_by_cached_key(|s| s.len());
            assert_eq!(got, want);
            let mut got = strings.to_vec();
            got.par_sort_unstable_by(|a, b| b.cmp(a));
            assert!(got.windows(2).all(|w| w[0] >= w[1]));
            assert_eq!(sorted(&got), sorted(strings));
        });
    }

    #[test]
    fn cached_key_runs_once_per_element(v in input()) {
        everywhere(|| {
            let calls = AtomicUsize::new(0);
            let mut got = v.clone();
            got.par_sort_by_cached_key(|&x| {
                calls.fetch_add(1, Relaxed);
                x.wrapping_mul(2_654_435_761)
            });
            let want = if v.len() < 2 { 0 } else { v.len() };
            assert_eq!(calls.into_inner(), want);
            let mut expect = v.clone();
            expect.sort_by_cached_key(|&x| x.wrapping_mul(2_654_435_761));
            assert_eq!(got, expect);
        });
    }
}

/// Counts, per element id, how many times an element was dropped.
struct DropLog(Vec<AtomicUsize>);

impl DropLog {
    fn new(n: usize) -> Self {
        DropLog((0..n).map(|_| AtomicUsize::new(0)).collect())
    }

    /// Every element was dropped exactly once.
    fn check(&self) {
        for (id, count) in self.0.iter().enumerate() {
            assert_eq!(
                count.load(Relaxed),
                1,
                "element {id} dropped a wrong number of times"
            );
        }
    }
}

/// An element that records its drop.
struct Tracked<'a> {
    key: u32,
    id: usize,
    log: &'a DropLog,
}

impl Drop for Tracked<'_> {
    fn drop(&mut self) {
        self.log.0[self.id].fetch_add(1, Relaxed);
    }
}

fn tracked<'a>(v: &[u32], log: &'a DropLog) -> Vec<Tracked<'a>> {
    v.iter()
        .enumerate()
        .map(|(id, &key)| Tracked { key, id, log })
        .collect()
}

/// The ids of `v` are a permutation of `0..n`.
fn assert_permutation(v: &[Tracked<'_>], n: usize) {
    let mut ids: Vec<usize> = v.iter().map(|t| t.id).collect();
    ids.sort_unstable();
    assert!(ids.iter().copied().eq(0..n), "elements lost or duplicated");
}

/// The sorts under test, each given a comparator on keys.
#[derive(Clone, Copy, Debug)]
enum Method {
    Sort,
    SortByKey,
    CachedKey,
    Unstable,
    UnstableByKey,
}

const METHODS: [Method; 5] = [
    Method::Sort,
    Method::SortByKey,
    Method::CachedKey,
    Method::Unstable,
    Method::UnstableByKey,
];

/// Sorts `v` with `method`; `cmp` compares keys (through a key function for the `*_key`
/// methods: `key` is then the identity on the element's key, called before each use).
fn run(method: Method, v: &mut [Tracked<'_>], cmp: &(dyn Fn(u32, u32) -> Ordering + Sync)) {
    // For the key methods the comparator's call counter moves into the key function: one
    // key call per comparison side is close enough to exercise panics anywhere.
    match method {
        Method::Sort => v.par_sort_by(|a, b| cmp(a.key, b.key)),
        Method::Unstable => v.par_sort_unstable_by(|a, b| cmp(a.key, b.key)),
        Method::SortByKey => v.par_sort_by_key(|a| Key(a.key, cmp)),
        Method::UnstableByKey => v.par_sort_unstable_by_key(|a| Key(a.key, cmp)),
        Method::CachedKey => v.par_sort_by_cached_key(|a| Key(a.key, cmp)),
    }
}

/// A key whose order is the comparator under test.
struct Key<'c>(u32, &'c (dyn Fn(u32, u32) -> Ordering + Sync));

impl PartialEq for Key<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}
impl Eq for Key<'_> {}
impl PartialOrd for Key<'_> {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Key<'_> {
    fn cmp(&self, other: &Self) -> Ordering {
        (self.1)(self.0, other.0)
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: if cfg!(miri) { 1 } else { 16 }, ..ProptestConfig::default() })]

    #[test]
    fn a_panicking_comparator_loses_nothing(
        v in input(),
        early in 0usize..50,
        per_mille in prop_oneof![0usize..1_100, 900usize..1_000, 985usize..1_000],
    ) {
        let n = v.len();
        everywhere(|| {
            for method in METHODS {
                // Count the comparisons of this sort (the count does not depend on the
                // scheduling), to panic anywhere in it: the end (the long parallel merges)
                // included.
                let calls = AtomicUsize::new(0);
                let mut dry = v.clone();
                let count = |a: &u32, b: &u32| {
                    calls.fetch_add(1, Relaxed);
                    a.cmp(b)
                };
                // (The key methods compare keys as the plain ones compare elements.)
                match method {
                    Method::Sort | Method::SortByKey => dry.par_sort_by(count),
                    _ => dry.par_sort_unstable_by(count),
                }
                let panic_at = early.max(calls.load(Relaxed) * per_mille / 1_000);

                let log = DropLog::new(n);
                let mut items = tracked(&v, &log);
                let calls = AtomicUsize::new(0);
                let cmp = |a: u32, b: u32| {
                    if calls.fetch_add(1, Relaxed) == panic_at {
                        std::panic::panic_any(BOOM);
                    }
                    a.cmp(&b)
                };
                let result = catch_unwind(AssertUnwindSafe(|| run(method, &mut items, &cmp)));
                let panicked = calls.load(Relaxed) > panic_at;
                match &result {
                    Ok(()) => {
                        assert!(!panicked, "{method:?}: the panic was swallowed");
                        let keys: Vec<u32> = items.iter().map(|t| t.key).collect();
                        assert_eq!(keys, sorted(&v), "{method:?}");
                    }
                    Err(payload) => {
                        assert!(panicked, "{method:?}: a panic not from the comparator");
                        assert_eq!(payload.downcast_ref::<&str>(), Some(&BOOM));
                    }
                }
                assert_permutation(&items, n);
                if let (Method::CachedKey, Err(_)) = (method, &result) {
                    // The cached-key sort leaves the slice as it was.
                    assert!(items.iter().enumerate().all(|(i, t)| t.id == i));
                }
                drop(items);
                log.check();
            }
        });
    }

    #[test]
    fn a_random_comparator_is_harmless(v in input(), salt in any::<u64>()) {
        let n = v.len();
        everywhere(|| {
            for method in METHODS {
                let log = DropLog::new(n);
                let mut items = tracked(&v, &log);
                let state = AtomicU64::new(salt);
                let cmp = |_: u32, _: u32| {
                    let x = Rng(state.fetch_add(1, Relaxed)).next();
                    [Ordering::Less, Ordering::Equal, Ordering::Greater][(x % 3) as usize]
                };
                run(method, &mut items, &cmp);
                assert_permutation(&items, n);
                drop(items);
                log.check();
            }
        });
    }
}

/// Sorting by `Ord` goes through the same code as by a comparator; check it directly once
/// with an `Ord` that panics.
#[test]
fn a_panicking_ord_propagates() {
    static CALLS: AtomicUsize = AtomicUsize::new(0);
    #[derive(PartialEq, Eq)]
    struct Fussy(u64);
    impl PartialOrd for Fussy {
        fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
            Some(self.cmp(other))
        }
    }
    impl Ord for Fussy {
        fn cmp(&self, other: &Self) -> Ordering {
            if CALLS.fetch_add(1, Relaxed) == 30_000 {
                std::panic::panic_any(BOOM);
            }
            self.0.cmp(&other.0)
        }
    }
    let data: Vec<u64> = (0..50_000u64).map(|i| (i * 7_919) % 50_021).collect();
    everywhere(|| {
        for unstable in [false, true] {
            CALLS.store(0, Relaxed);
            let mut v: Vec<Fussy> = data.iter().map(|&x| Fussy(x)).collect();
            let r = catch_unwind(AssertUnwindSafe(|| {
                if unstable {
                    v.par_sort_unstable();
                } else {
                    v.par_sort();
                }
            }));
            assert_eq!(r.unwrap_err().downcast_ref::<&str>(), Some(&BOOM));
            let mut keys: Vec<u64> = v.iter().map(|f| f.0).collect();
            keys.sort_unstable();
            assert_eq!(keys, sorted(&data));
        }
    });
}

/// Zero-sized elements: nothing to do, and nothing breaks.
#[test]
fn zero_sized_elements() {
    everywhere(|| {
        let mut v = [(); 100_000];
        v.par_sort();
        v.par_sort_unstable();
        v.par_sort_by_cached_key(|_| 1u8);
        assert_eq!(v.len(), 100_000);
    });
}

/// Long inputs of the shapes that take different paths (random, runs longer than the
/// parallel move threshold, nearly sorted, reversed), each sort once per pool.
#[test]
fn large_inputs_match_std() {
    // Under Miri the sorts' thresholds are small, so 300 elements take the same paths.
    let n = if cfg!(miri) { 300 } else { 200_000 };
    let mut sawtooth = data(n, Shape::Sorted, 0);
    sawtooth.rotate_left(n / 3);
    let cases = [
        (data(n, Shape::Random, 1), &pools()[..]),
        (sawtooth, &pools()[2..]),
        (data(n, Shape::NearlySorted, 2), &pools()[1..2]),
        (data(n, Shape::Reversed, 3), &pools()[1..2]),
    ];
    for (v, pools) in cases {
        let want = sorted(&v);
        let mut want_by_key = v.clone();
        want_by_key.sort_by_key(|x| x / 8);
        for pool in pools {
            pool.install(|| {
                let mut got = v.clone();
                got.par_sort();
                assert_eq!(got, want);
                let mut got = v.clone();
                got.par_sort_unstable();
                assert_eq!(got, want);
                let mut got = v.clone();
                got.par_sort_by_cached_key(|x| x / 8);
                assert_eq!(got, want_by_key);
            });
        }
    }
}
