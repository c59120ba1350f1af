//! Every `collect` and `par_extend` target, `unzip`, `partition`, `partition_map`,
//! `while_some` and the `Result`/`Option` collects, compared with std on random inputs in
//! pools of 1, 2 and 8 threads; panics propagate and owned items are dropped exactly once.

mod common;

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet, BinaryHeap, HashMap, HashSet, LinkedList, VecDeque};
use std::ffi::{OsStr, OsString};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::rc::Rc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use beat::iter::Either;
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
    // Miri interprets every step: short inputs there (the driver splits them all the
    // same, as Miri's clock makes every item look slow).
    if cfg!(miri) {
        return (0usize..200).boxed();
    }
    prop_oneof![
        6 => 0usize..8,
        6 => 0usize..300,
        3 => 0usize..5_000,
        1 => 0usize..100_000,
    ]
    .boxed()
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

/// A character from a random number: mostly ASCII, often two-, three- and four-byte ones.
fn to_char(x: u64) -> char {
    match x % 4 {
        0 | 1 => char::from(b'a' + (x >> 8) as u8 % 26),
        _ => char::from_u32((x >> 8) as u32 % 0x11_0000).unwrap_or('\u{fffd}'),
    }
}

/// A short random string with multi-byte characters.
fn to_string(x: u64) -> String {
    (0..x % 5)
        .map(|i| to_char(x.rotate_left(i as u32 * 13)))
        .collect()
}

/// Runs `$body` with `$pi` bound to an indexed parallel iterator over clones of `$v`'s items
/// (its length known up front) and again to an unindexed one (length unknown).
macro_rules! for_sources {
    ($v:expr, |$pi:ident| $body:expr) => {{
        {
            let $pi = $v.par_iter().cloned();
            $body;
        }
        {
            let $pi = $v.par_iter().cloned().filter(|_| true);
            $body;
        }
    }};
}

fn cfg() -> ProptestConfig {
    ProptestConfig {
        cases: if cfg!(miri) { 1 } else { 32 },
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(cfg())]

    #[test]
    fn sequences_match_std(n in len(), seed in any::<u64>(), m in 1u64..64) {
        let v = data(n, seed);
        let small: Vec<u64> = v.iter().map(|x| x % m).collect();
        in_pools(|p| {
            for_sources!(v, |pi| assert_eq!(pi.collect::<Vec<_>>(), v, "P={p}"));
            for_sources!(v, |pi| {
                assert_eq!(pi.collect::<VecDeque<_>>(), v.iter().copied().collect::<VecDeque<_>>())
            });
            for_sources!(v, |pi| {
                assert!(pi.collect::<LinkedList<_>>().into_iter().eq(v.iter().copied()))
            });
            for_sources!(v, |pi| assert_eq!(&*pi.collect::<Box<[_]>>(), &v[..]));
            for_sources!(v, |pi| assert_eq!(&*pi.collect::<Rc<[_]>>(), &v[..]));
            for_sources!(v, |pi| assert_eq!(&*pi.collect::<Arc<[_]>>(), &v[..]));
            for_sources!(v, |pi| {
                let c: Cow<'_, [u64]> = pi.collect();
                assert!(matches!(c, Cow::Owned(_)));
                assert_eq!(&*c, &v[..]);
            });
            for_sources!(v, |pi| {
                let mut sorted = v.clone();
                sorted.sort_unstable();
                assert_eq!(pi.collect::<BinaryHeap<_>>().into_sorted_vec(), sorted);
            });
            for_sources!(small, |pi| {
                assert_eq!(pi.collect::<BTreeSet<_>>(), small.iter().copied().collect::<BTreeSet<_>>())
            });
            for_sources!(small, |pi| {
                assert_eq!(pi.collect::<HashSet<_>>(), small.iter().copied().collect::<HashSet<_>>())
            });
        });
    }

    #[test]
    fn sequence_extends_match_std(n in len(), seed in any::<u64>(), m in 1u64..64) {
        let v: Vec<u64> = data(n, seed).iter().map(|x| x % m).collect();
        let head = [7u64, 1000, 3];
        in_pools(|p| {
            // By value, each starting non-empty.
            for_sources!(v, |pi| {
                let mut got = head.to_vec();
                got.par_extend(pi);
                let mut want = head.to_vec();
                want.extend(v.iter().copied());
                assert_eq!(got, want, "P={p}");
            });
            for_sources!(v, |pi| {
                let mut got = VecDeque::from(head);
                got.par_extend(pi);
                let mut want = VecDeque::from(head);
                want.extend(v.iter().copied());
                assert_eq!(got, want);
            });
            for_sources!(v, |pi| {
                let mut got = LinkedList::from(head);
                got.par_extend(pi);
                let mut want = LinkedList::from(head);
                want.extend(v.iter().copied());
                assert_eq!(got, want);
            });
            for_sources!(v, |pi| {
                let mut got = BinaryHeap::from(head);
                got.par_extend(pi);
                let mut want = BinaryHeap::from(head);
                want.extend(v.iter().copied());
                assert_eq!(got.into_sorted_vec(), want.into_sorted_vec());
            });
            for_sources!(v, |pi| {
                let mut got = BTreeSet::from(head);
                got.par_extend(pi);
                let mut want = BTreeSet::from(head);
                want.extend(v.iter().copied());
                assert_eq!(got, want);
            });
            for_sources!(v, |pi| {
                let mut got = HashSet::from(head);
                got.par_extend(pi);
                let mut want = HashSet::from(head);
                want.extend(v.iter().copied());
                assert_eq!(got, want);
            });
            // By reference to `Copy` items.
            let mut vec = head.to_vec();
            vec.par_extend(v.par_iter());
            assert_eq!(vec[3..], v[..]);
            let mut deque = VecDeque::<u64>::new();
            deque.par_extend(v.par_iter().filter(|_| true));
            assert!(deque.iter().eq(v.iter()));
            let mut list = LinkedList::<u64>::new();
            list.par_extend(v.par_iter());
            assert!(list.iter().eq(v.iter()));
            let mut heap = BinaryHeap::<u64>::new();
            heap.par_extend(v.par_iter());
            assert_eq!(heap.into_sorted_vec(), BinaryHeap::from(v.clone()).into_sorted_vec());
            let mut bset = BTreeSet::<u64>::new();
            bset.par_extend(v.par_iter());
            assert_eq!(bset, v.iter().copied().collect());
            let mut hset = HashSet::<u64>::new();
            hset.par_extend(v.par_iter().filter(|_| true));
            assert_eq!(hset, v.iter().copied().collect());
        });
    }

    #[test]
    fn maps_keep_the_last_value(n in len(), seed in any::<u64>(), m in 1u64..64) {
        // Keys repeat often; values record their position, so "later wins" is visible.
        let pairs: Vec<(u64, usize)> =
            data(n, seed).iter().enumerate().map(|(i, x)| (x % m, i)).collect();
        in_pools(|p| {
            for_sources!(pairs, |pi| {
                assert_eq!(
                    pi.collect::<HashMap<_, _>>(),
                    pairs.iter().copied().collect::<HashMap<_, _>>(),
                    "P={p}"
                )
            });
            for_sources!(pairs, |pi| {
                assert_eq!(
                    pi.collect::<BTreeMap<_, _>>(),
                    pairs.iter().copied().collect::<BTreeMap<_, _>>()
                )
            });
            for_sources!(pairs, |pi| {
                let mut got = HashMap::from([(0, usize::MAX), (1000, 1)]);
                got.par_extend(pi);
                let mut want = HashMap::from([(0, usize::MAX), (1000, 1)]);
                want.extend(pairs.iter().copied());
                assert_eq!(got, want);
            });
            for_sources!(pairs, |pi| {
                let mut got = BTreeMap::from([(0, usize::MAX), (1000, 1)]);
                got.par_extend(pi);
                let mut want = BTreeMap::from([(0, usize::MAX), (1000, 1)]);
                want.extend(pairs.iter().copied());
                assert_eq!(got, want);
            });
            let mut hmap = HashMap::new();
            hmap.par_extend(pairs.par_iter().map(|(k, v)| (k, v)));
            assert_eq!(hmap, pairs.iter().copied().collect::<HashMap<_, _>>());
            let mut bmap = BTreeMap::new();
            bmap.par_extend(pairs.par_iter().map(|(k, v)| (k, v)).filter(|_| true));
            assert_eq!(bmap, pairs.iter().copied().collect::<BTreeMap<_, _>>());
        });
    }

    #[test]
    fn strings_match_std(n in len(), seed in any::<u64>()) {
        let raw = data(n, seed);
        let chars: Vec<char> = raw.iter().map(|&x| to_char(x)).collect();
        let strings: Vec<String> = raw.iter().take(20_000).map(|&x| to_string(x)).collect();
        let want_chars: String = chars.iter().collect();
        let want_strings: String = strings.concat();
        in_pools(|p| {
            for_sources!(chars, |pi| assert_eq!(pi.collect::<String>(), want_chars, "P={p}"));
            for_sources!(chars, |pi| assert_eq!(&*pi.collect::<Box<str>>(), want_chars));
            assert_eq!(chars.par_iter().collect::<String>(), want_chars);
            assert_eq!(&*chars.par_iter().collect::<Box<str>>(), want_chars);
            let cow: Cow<'_, str> = chars.par_iter().copied().collect();
            assert_eq!(cow, want_chars);

            for_sources!(strings, |pi| {
                assert_eq!(pi.collect::<String>(), want_strings);
            });
            for_sources!(strings, |pi| {
                assert_eq!(&*pi.map(String::into_boxed_str).collect::<Box<str>>(), want_strings);
            });
            let strs = || strings.par_iter().map(String::as_str);
            assert_eq!(strs().collect::<String>(), want_strings);
            assert_eq!(&*strs().collect::<Box<str>>(), want_strings);
            assert_eq!(strs().map(Box::<str>::from).collect::<String>(), want_strings);
            assert_eq!(
                strs().filter(|_| true).map(Cow::Borrowed).collect::<String>(),
                want_strings
            );
            assert_eq!(&*strs().map(Cow::Borrowed).collect::<Box<str>>(), want_strings);
            assert_eq!(strs().map(String::from).collect::<Box<str>>().len(), want_strings.len());

            // Extending a non-empty string.
            let mut s = String::from("é>");
            s.par_extend(chars.par_iter().copied().filter(|_| true));
            s.par_extend(chars.par_iter());
            s.par_extend(strs());
            s.par_extend(strings.par_iter().cloned());
            s.par_extend(strs().map(Box::<str>::from));
            s.par_extend(strs().map(Cow::Borrowed));
            let want = ["é>", want_chars.as_str(), want_chars.as_str()].concat() + &want_strings.repeat(4);
            assert_eq!(s, want);

            // OS strings.
            let os = || strings.par_iter().map(OsStr::new);
            let want_os = OsString::from(&want_strings);
            assert_eq!(os().collect::<OsString>(), want_os);
            assert_eq!(os().map(OsString::from).collect::<OsString>(), want_os);
            assert_eq!(os().filter(|_| true).map(Cow::Borrowed).collect::<OsString>(), want_os);
            let mut o = OsString::from("x");
            o.par_extend(os());
            o.par_extend(os().map(OsStr::to_os_string));
            o.par_extend(os().map(Cow::Borrowed));
            let mut want_o = OsString::from("x");
            for _ in 0..3 {
                want_o.push(&want_os);
            }
            assert_eq!(o, want_o);
        });
    }

    #[test]
    fn unit_runs_every_item(n in len()) {
        in_pools(|p| {
            let count = AtomicUsize::new(0);
            let bump = |_| {
                count.fetch_add(1, Ordering::Relaxed);
            };
            let () = (0..n).into_par_iter().map(bump).collect();
            ().par_extend((0..n).into_par_iter().filter(|_| true).map(bump));
            assert_eq!(count.into_inner(), 2 * n, "P={p}");
        });
    }

    #[test]
    fn result_and_option_stop_at_failures(
        n in len(),
        seed in any::<u64>(),
        fail in proptest::option::of(any::<prop::sample::Index>()),
        extra in proptest::collection::vec(any::<prop::sample::Index>(), 0..3),
    ) {
        let v = data(n, seed);
        // The failing positions: none, or one at a random index plus up to three more.
        let bad: BTreeSet<usize> = match (fail, n) {
            (Some(f), 1..) => std::iter::once(f).chain(extra).map(|i| i.index(n)).collect(),
            _ => BTreeSet::new(),
        };
        let results: Vec<Result<u64, usize>> = v
            .iter()
            .enumerate()
            .map(|(i, &x)| if bad.contains(&i) { Err(i) } else { Ok(x) })
            .collect();
        let options: Vec<Option<u64>> = results.iter().map(|r| r.ok()).collect();
        in_pools(|p| {
            for_sources!(results, |pi| {
                let got: Result<Vec<u64>, usize> = pi.collect();
                match got {
                    Ok(all) => assert!(bad.is_empty() && all == v, "P={p}"),
                    Err(e) => assert!(bad.contains(&e), "P={p}: error {e} not among {bad:?}"),
                }
            });
            for_sources!(results, |pi| {
                let got: Result<HashSet<u64>, usize> = pi.collect();
                assert_eq!(got.is_ok(), bad.is_empty());
            });
            for_sources!(results, |pi| {
                let got: Result<(), usize> = pi.map(|r| r.map(drop)).collect();
                assert_eq!(got.err().is_some(), !bad.is_empty());
            });
            for_sources!(options, |pi| {
                let got: Option<Vec<u64>> = pi.collect();
                assert_eq!(got, bad.is_empty().then(|| v.clone()), "P={p}");
            });
            for_sources!(options, |pi| {
                let got: Option<String> = pi.map(|o| o.map(to_char)).collect();
                assert_eq!(got.is_some(), bad.is_empty());
            });
        });
    }

    #[test]
    fn while_some_stops_at_a_none(n in len(), cut in proptest::option::of(any::<prop::sample::Index>())) {
        let cut = cut.filter(|_| n > 0).map(|i| i.index(n));
        let items: Vec<Option<usize>> = (0..n).map(|i| (Some(i) != cut).then_some(i)).collect();
        in_pools(|p| {
            for_sources!(items, |pi| {
                let got: Vec<usize> = pi.while_some().collect();
                match cut {
                    None => assert!(got.iter().copied().eq(0..n), "P={p}"),
                    // One thread runs sequentially: exactly the items before the `None`.
                    Some(k) if p == 1 => assert!(got.iter().copied().eq(0..k)),
                    // Otherwise: some of the `Some` values, still in order.
                    Some(k) => {
                        assert!(got.windows(2).all(|w| w[0] < w[1]), "P={p}: out of order");
                        assert!(!got.contains(&k));
                    }
                }
            });
        });
    }

    #[test]
    fn unzip_and_partitions_match_std(n in len(), seed in any::<u64>(), m in 1u64..8) {
        let v = data(n, seed);
        let pairs: Vec<(u64, String)> = v.iter().take(20_000).map(|&x| (x, to_string(x))).collect();
        let odd = |x: &u64| x % 2 == 1;
        let route = |x: u64| if x % m == 0 { Either::Left(x / 2) } else { Either::Right(to_char(x)) };
        let (want_l, want_r): (Vec<u64>, String) = {
            let (mut l, mut r) = (Vec::new(), String::new());
            for &x in &v {
                match route(x) {
                    Either::Left(a) => l.push(a),
                    Either::Right(c) => r.push(c),
                }
            }
            (l, r)
        };
        in_pools(|p| {
            for_sources!(pairs, |pi| {
                let got: (Vec<u64>, Vec<String>) = pi.unzip();
                assert_eq!(got, pairs.iter().cloned().unzip(), "P={p}");
            });
            for_sources!(pairs, |pi| {
                let got: (VecDeque<u64>, String) = pi.unzip();
                assert_eq!(got, pairs.iter().cloned().unzip());
            });
            let (want_odd, want_even): (Vec<u64>, Vec<u64>) = v.iter().copied().partition(odd);
            for_sources!(v, |pi| {
                let got: (Vec<u64>, Vec<u64>) = pi.partition(odd);
                assert_eq!(got, (want_odd.clone(), want_even.clone()), "P={p}");
            });
            for_sources!(v, |pi| {
                let got: (BTreeSet<u64>, LinkedList<u64>) = pi.partition(odd);
                assert_eq!(got.0, want_odd.iter().copied().collect());
                assert!(got.1.iter().eq(&want_even));
            });
            for_sources!(v, |pi| {
                let got: (Vec<u64>, String) = pi.partition_map(route);
                assert_eq!(got, (want_l.clone(), want_r.clone()));
            });
            // Nested pairs, collected (not only extended), and `Either` items.
            for_sources!(v, |pi| {
                let got: (Vec<u64>, (String, Box<[u64]>)) =
                    pi.map(|x| (x, (to_char(x), x ^ 1))).collect();
                assert_eq!(got.0, v);
                assert_eq!(got.1 .0, v.iter().map(|&x| to_char(x)).collect::<String>());
                assert!(got.1 .1.iter().copied().eq(v.iter().map(|x| x ^ 1)));
            });
            for_sources!(v, |pi| {
                let got: (Vec<u64>, String) = pi.map(route).collect();
                assert_eq!(got, (want_l.clone(), want_r.clone()));
            });
            // Extending pairs of collections.
            for_sources!(v, |pi| {
                let mut got = (vec![1u64], String::from("é"));
                got.par_extend(pi.map(|x| (x, to_char(x))));
                assert_eq!(got.0[1..], v[..]);
                assert_eq!(got.1, "é".to_owned() + &v.iter().map(|&x| to_char(x)).collect::<String>());
            });
            for_sources!(v, |pi| {
                let mut got = (vec![1u64], String::from("é"));
                got.par_extend(pi.map(route));
                assert_eq!(got, ([&[1u64][..], want_l.as_slice()].concat(), "é".to_owned() + &want_r));
            });
            let mut either: Either<Vec<u64>, BTreeSet<u64>> = Either::Left(vec![5]);
            either.par_extend(v.par_iter().copied());
            assert_eq!(either.left().unwrap()[1..], v[..]);
        });
    }
}

/// Counts the items made and how often each was dropped.
#[derive(Debug)]
struct Tracker {
    made: AtomicUsize,
    drops: Vec<AtomicUsize>,
}

/// An owned item that reports its drop to a [`Tracker`].
#[derive(Debug)]
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

    fn items(self: &Arc<Self>) -> Vec<Tracked> {
        (0..self.drops.len())
            .map(|id| {
                self.made.fetch_add(1, Ordering::Relaxed);
                Tracked {
                    id,
                    tracker: Arc::clone(self),
                }
            })
            .collect()
    }

    /// Every item made was dropped exactly once.
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

/// Runs `collect` on `n` tracked items whose map closure panics at item `k` (if any), and
/// checks that the panic (and only it) comes out and every item is dropped exactly once.
fn check_drops<C: Send>(
    what: &str,
    n: usize,
    k: Option<usize>,
    collect: impl Fn(Vec<Tracked>, &(dyn Fn(Tracked) -> Tracked + Sync)) -> C + Sync,
) {
    in_pools(|p| {
        let tracker = Tracker::new(n);
        let items = tracker.items();
        let map = |t: Tracked| {
            if Some(t.id) == k {
                std::panic::panic_any(BOOM);
            }
            t
        };
        let r = catch_unwind(AssertUnwindSafe(|| drop(collect(items, &map))));
        match k {
            Some(_) => {
                let payload = r.expect_err("the panic was lost");
                let msg = payload.downcast_ref::<&str>().copied();
                assert_eq!(msg, Some(BOOM), "{what}, P={p}: another panic came out");
            }
            None => assert!(r.is_ok(), "{what}, P={p}"),
        }
        tracker.assert_all_dropped_once(&format!("{what}, P={p}"));
    });
}

proptest! {
    #![proptest_config(ProptestConfig { cases: if cfg!(miri) { 1 } else { 12 }, ..ProptestConfig::default() })]

    #[test]
    fn panics_drop_every_item_once(n in 1usize..if cfg!(miri) { 300 } else { 30_000 }, k in any::<prop::sample::Index>(), panics in any::<bool>()) {
        let k = panics.then(|| k.index(n));
        check_drops("Vec, indexed", n, k, |v, f| v.into_par_iter().map(f).collect::<Vec<_>>());
        check_drops("Vec, unindexed", n, k, |v, f| {
            v.into_par_iter().filter(|_| true).map(f).collect::<Vec<_>>()
        });
        check_drops("VecDeque", n, k, |v, f| v.into_par_iter().map(f).collect::<VecDeque<_>>());
        check_drops("LinkedList", n, k, |v, f| {
            v.into_par_iter().map(f).collect::<LinkedList<_>>()
        });
        check_drops("HashMap", n, k, |v, f| {
            v.into_par_iter().map(|t| { let t = f(t); (t.id, t) }).collect::<HashMap<_, _>>()
        });
        check_drops("unzip", n, k, |v, f| {
            v.into_par_iter().map(|t| (f(t), ())).unzip::<_, _, Vec<_>, Vec<_>>()
        });
        check_drops("partition", n, k, |v, f| {
            v.into_par_iter().map(f).partition::<Vec<_>, VecDeque<_>, _>(|t| t.id % 3 == 0)
        });
        check_drops("Result", n, k, |v, f| {
            v.into_par_iter().map(|t| Ok::<_, ()>(f(t))).collect::<Result<Vec<_>, _>>()
        });
    }
}

/// Asserts that `f` panics with the test's own payload.
fn assert_boom<R>(what: &str, f: impl FnOnce() -> R) {
    let payload = match catch_unwind(AssertUnwindSafe(f)) {
        Ok(_) => panic!("{what}: no panic"),
        Err(payload) => payload,
    };
    assert_eq!(payload.downcast_ref::<&str>(), Some(&BOOM), "{what}");
}

#[test]
fn panics_in_each_closure_propagate() {
    let boom_at = |x: &u64| {
        if *x == 777 {
            std::panic::panic_any(BOOM);
        }
    };
    in_pools(|p| {
        let at = |s: &str| format!("{s}, P={p}");
        assert_boom(&at("collect map"), || {
            (0..5_000u64)
                .into_par_iter()
                .inspect(boom_at)
                .collect::<HashSet<_>>()
        });
        assert_boom(&at("par_extend"), || {
            let mut s = String::new();
            s.par_extend((0..5_000u64).into_par_iter().inspect(boom_at).map(to_char));
        });
        assert_boom(&at("unzip"), || {
            (0..5_000u64)
                .into_par_iter()
                .inspect(boom_at)
                .map(|x| (x, x))
                .unzip::<_, _, Vec<_>, BTreeSet<_>>()
        });
        assert_boom(&at("partition predicate"), || {
            (0..5_000u64)
                .into_par_iter()
                .partition::<Vec<_>, Vec<_>, _>(|x| {
                    boom_at(x);
                    x % 2 == 0
                })
        });
        assert_boom(&at("partition_map"), || {
            (0..5_000u64)
                .into_par_iter()
                .partition_map::<Vec<_>, Vec<_>, _, _, _>(|x| {
                    boom_at(&x);
                    if x % 2 == 0 {
                        Either::Left(x)
                    } else {
                        Either::Right(x)
                    }
                })
        });
        assert_boom(&at("while_some"), || {
            (0..5_000u64)
                .into_par_iter()
                .map(|x| {
                    boom_at(&x);
                    Some(x)
                })
                .while_some()
                .collect::<Vec<_>>()
        });
        assert_boom(&at("Result"), || {
            (0..5_000u64)
                .into_par_iter()
                .map(|x| {
                    boom_at(&x);
                    Ok::<_, ()>(x)
                })
                .collect::<Result<Vec<_>, _>>()
        });
        assert_boom(&at("Option"), || {
            (0..5_000u64)
                .into_par_iter()
                .map(|x| {
                    boom_at(&x);
                    Some((x, x))
                })
                .collect::<Option<BTreeMap<_, _>>>()
        });
    });
}
