//! Property tests of the collection iterators (`HashMap`, `HashSet`, `BTreeMap`, `BTreeSet`,
//! `VecDeque`, `BinaryHeap`, `LinkedList` by value, `&` and `&mut`), `par_drain` (ranges of
//! `Vec`, `VecDeque` and `String`; all of `HashMap`, `HashSet` and `BinaryHeap`),
//! `par_bridge`, and the sources `empty`, `once`, `repeat`, `repeat_n`, `split` and the tree
//! walks, against `std`, in pools of 1, 2 and 8 threads and from outside any pool. Panics
//! propagate, and owned items are dropped exactly once when a closure panics midway or a
//! drain is dropped unconsumed.

mod common;

use std::collections::{BTreeMap, BTreeSet, BinaryHeap, HashMap, HashSet, LinkedList, VecDeque};
use std::ops::{Bound, Range, RangeBounds};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::channel;
use std::sync::Arc;

use beat::iter::{
    empty, once, repeat, repeat_n, split, walk_tree, walk_tree_postfix, walk_tree_prefix,
};
use beat::prelude::*;
use proptest::prelude::*;

use common::pools;

/// Runs `f` inside each pool (with its thread count), then outside any pool (with 0).
fn everywhere(f: impl Fn(usize) + Sync) {
    for pool in pools() {
        pool.install(|| f(pool.current_num_threads()));
    }
    f(0);
}

/// Lengths that favour small values (0, 1 and odd ones included) and occasionally reach
/// 100_000.
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

fn values() -> impl Strategy<Value = Vec<u32>> {
    len().prop_flat_map(|n| proptest::collection::vec(any::<u32>(), n))
}

/// A vector and a range inside it, of every `RangeBounds` shape (empty and full included).
fn vec_and_range() -> impl Strategy<Value = (Vec<u32>, Span)> {
    values().prop_flat_map(|v| {
        let n = v.len();
        (Just(v), span(n))
    })
}

/// A range of `0..=n`, in one of the shapes `RangeBounds` allows.
#[derive(Clone, Debug)]
enum Span {
    Full,
    From(usize),
    To(usize),
    ToInclusive(usize),
    Between(usize, usize),
    Inclusive(usize, usize),
    Excluded(usize, usize),
}

fn span(n: usize) -> impl Strategy<Value = Span> {
    (0..=n, 0..=n, 0u8..7).prop_map(move |(a, b, shape)| {
        let (lo, hi) = (a.min(b), a.max(b));
        match shape {
            0 => Span::Full,
            1 => Span::From(lo),
            2 => Span::To(hi),
            3 if hi > 0 => Span::ToInclusive(hi - 1),
            4 if hi > 0 => Span::Inclusive(lo.min(hi - 1), hi - 1),
            5 if lo < n => Span::Excluded(lo, hi.max(lo + 1)),
            _ => Span::Between(lo, hi),
        }
    })
}

impl RangeBounds<usize> for Span {
    fn start_bound(&self) -> Bound<&usize> {
        match self {
            Span::Full | Span::To(_) | Span::ToInclusive(_) => Bound::Unbounded,
            Span::From(s) | Span::Between(s, _) | Span::Inclusive(s, _) => Bound::Included(s),
            Span::Excluded(s, _) => Bound::Excluded(s),
        }
    }
    fn end_bound(&self) -> Bound<&usize> {
        match self {
            Span::Full | Span::From(_) => Bound::Unbounded,
            Span::To(e) | Span::Between(_, e) | Span::Excluded(_, e) => Bound::Excluded(e),
            Span::ToInclusive(e) | Span::Inclusive(_, e) => Bound::Included(e),
        }
    }
}

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: if cfg!(miri) { 1 } else { 32 },
        ..ProptestConfig::default()
    }
}

fn sorted<T: Ord>(mut v: Vec<T>) -> Vec<T> {
    v.sort_unstable();
    v
}

/// An order-free summary of a multiset of pairs: its size and two sums of mixed items, so
/// that a lost, duplicated or altered item changes it.
fn fingerprint(items: impl IntoIterator<Item = (u32, u64)>) -> (usize, u64, u64) {
    let mix = |k: u32, v: u64| {
        let x = (u64::from(k) << 32 ^ v).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        x ^ x >> 29
    };
    items.into_iter().fold((0, 0, 0), |(n, a, b), (k, v)| {
        let m = mix(k, v);
        (n + 1, a.wrapping_add(m), b.wrapping_add(m.wrapping_mul(m)))
    })
}

/// A deque whose items wrap around the end of its buffer when `k` is inside it.
fn wrapped_deque(v: &[u32], k: usize) -> VecDeque<u32> {
    let k = k.min(v.len());
    let mut d = VecDeque::with_capacity(v.len());
    d.extend(&v[k..]);
    for &x in v[..k].iter().rev() {
        d.push_front(x);
    }
    assert!(d.iter().eq(v.iter()));
    d
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn ordered_collections_keep_their_order(v in values()) {
        let map: BTreeMap<u32, u64> = v.iter().map(|&x| (x, u64::from(x) + 1)).collect();
        let set: BTreeSet<u32> = v.iter().copied().collect();
        let list: LinkedList<u32> = v.iter().copied().collect();
        everywhere(|p| {
            let want: Vec<(u32, u64)> = map.clone().into_iter().collect();
            assert_eq!(map.clone().into_par_iter().collect::<Vec<_>>(), want, "P={p}");
            let got: Vec<(u32, u64)> = map.par_iter().map(|(&k, &v)| (k, v)).collect();
            assert_eq!(got, want, "P={p}");
            let mut m = map.clone();
            m.par_iter_mut().for_each(|(k, v)| *v *= u64::from(*k));
            assert!(m.iter().zip(&map).all(|((_, a), (k, b))| *a == b * u64::from(*k)), "P={p}");

            let want: Vec<u32> = set.iter().copied().collect();
            assert_eq!(set.clone().into_par_iter().collect::<Vec<_>>(), want, "P={p}");
            assert_eq!(set.par_iter().copied().collect::<Vec<_>>(), want, "P={p}");

            assert_eq!(list.clone().into_par_iter().collect::<Vec<_>>(), v, "P={p}");
            assert_eq!(list.par_iter().copied().collect::<Vec<_>>(), v, "P={p}");
            let mut l = list.clone();
            l.par_iter_mut().for_each(|x| *x = x.wrapping_mul(7));
            assert!(l.iter().eq(v.iter().map(|x| x.wrapping_mul(7)).collect::<Vec<_>>().iter()), "P={p}");
            assert_eq!(list.par_iter().opt_len(), Some(v.len()), "P={p}");
        });
    }

    #[test]
    fn vec_deque_is_indexed_and_ordered(v in values(), k in 0usize..200, max in 1usize..50) {
        let d = wrapped_deque(&v, k);
        everywhere(|p| {
            assert_eq!(d.par_iter().len(), v.len());
            assert_eq!(d.par_iter().copied().collect::<Vec<_>>(), v, "P={p}");
            let rev: Vec<u32> = d.par_iter().copied().rev().with_max_len(max).collect();
            assert!(rev.iter().eq(v.iter().rev()), "P={p}");
            let en: Vec<(usize, u32)> = d.par_iter().copied().enumerate().collect();
            assert_eq!(en, v.iter().copied().enumerate().collect::<Vec<_>>(), "P={p}");
            assert_eq!(d.clone().into_par_iter().with_max_len(max).collect::<Vec<_>>(), v, "P={p}");
            let mut m = d.clone();
            m.par_iter_mut().enumerate().for_each(|(i, x)| *x ^= i as u32);
            assert!(m.iter().eq(v.iter().enumerate().map(|(i, x)| x ^ i as u32).collect::<Vec<_>>().iter()), "P={p}");
            assert_eq!(m.par_iter_mut().len(), v.len());
        });
    }

    #[test]
    fn binary_heap_matches_its_storage(v in values()) {
        let heap: BinaryHeap<u32> = v.iter().copied().collect();
        let storage: Vec<u32> = heap.iter().copied().collect();
        everywhere(|p| {
            assert_eq!(heap.par_iter().copied().collect::<Vec<_>>(), storage, "P={p}");
            assert_eq!(heap.par_iter().len(), storage.len(), "P={p}");
            assert_eq!(heap.clone().into_par_iter().collect::<Vec<_>>(), storage, "P={p}");
            let mut h = heap.clone();
            let cap = h.capacity();
            assert_eq!(h.par_drain().len(), v.len(), "P={p}");
            let got: Vec<u32> = h.par_drain().collect();
            assert!(h.is_empty(), "P={p}");
            h = heap.clone();
            let drained: Vec<u32> = h.par_drain().with_max_len(7).collect();
            assert_eq!(sorted(drained), sorted(v.clone()), "P={p}");
            assert!(h.is_empty() && h.capacity() >= cap && got.is_empty(), "P={p}");
            // Dropped undriven: emptied all the same.
            h = heap.clone();
            drop(h.par_drain());
            assert!(h.is_empty(), "P={p}");
        });
    }

    #[test]
    fn vec_par_drain_matches_std((v, r) in vec_and_range(), max in 1usize..64) {
        let mut want_rest = v.clone();
        let want: Vec<u32> = want_rest.drain(r.clone()).collect();
        everywhere(|p| {
            let mut w = v.clone();
            let cap = w.capacity();
            let it = w.par_drain(r.clone());
            assert_eq!(it.len(), want.len());
            let got: Vec<u32> = it.with_max_len(max).collect();
            assert_eq!(got, want, "P={p} {r:?}");
            assert_eq!(w, want_rest, "P={p} {r:?}");
            assert_eq!(w.capacity(), cap);

            // Indexed adapters over a drain.
            let mut w = v.clone();
            let got: Vec<(usize, u32)> = w.par_drain(r.clone()).rev().enumerate().collect();
            assert!(got.iter().map(|&(_, x)| x).eq(want.iter().rev().copied()), "P={p}");
            assert_eq!(w, want_rest, "P={p}");

            // Dropped undriven: the range is removed all the same.
            let mut w = v.clone();
            drop(w.par_drain(r.clone()));
            assert_eq!(w, want_rest, "P={p} {r:?}");

            // Stopped early: the rest of the range is still removed.
            let mut w = v.clone();
            let _ = w.par_drain(r.clone()).find_any(|_| true);
            assert_eq!(w, want_rest, "P={p} {r:?}");
        });
    }

    #[test]
    fn vec_deque_par_drain_matches_std((v, r) in vec_and_range(), k in 0usize..100) {
        let mut want_rest: VecDeque<u32> = v.iter().copied().collect();
        let want: Vec<u32> = want_rest.drain(r.clone()).collect();
        everywhere(|p| {
            let mut d = wrapped_deque(&v, k);
            let cap = d.capacity();
            let it = d.par_drain(r.clone());
            assert_eq!(it.len(), want.len());
            assert_eq!(it.collect::<Vec<_>>(), want, "P={p} {r:?}");
            assert_eq!(d, want_rest, "P={p} {r:?}");
            assert!(d.capacity() >= cap);
            let mut d = wrapped_deque(&v, k);
            drop(d.par_drain(r.clone()));
            assert_eq!(d, want_rest, "P={p} {r:?}");
        });
    }

    #[test]
    fn string_par_drain_matches_std(chars in proptest::collection::vec(any::<char>(), 0..300), a in any::<prop::sample::Index>(), b in any::<prop::sample::Index>()) {
        let s: String = chars.iter().collect();
        let bounds: Vec<usize> = s.char_indices().map(|(i, _)| i).chain([s.len()]).collect();
        let (lo, hi) = {
            let (x, y) = (a.get(&bounds), b.get(&bounds));
            (*x.min(y), *x.max(y))
        };
        let mut want_rest = s.clone();
        let want: String = want_rest.drain(lo..hi).collect();
        everywhere(|p| {
            let mut t = s.clone();
            let got: String = t.par_drain(lo..hi).collect::<Vec<char>>().into_iter().collect();
            assert_eq!(got, want, "P={p}");
            assert_eq!(t, want_rest, "P={p}");
            let mut t = s.clone();
            assert_eq!(t.par_drain(lo..).count(), s[lo..].chars().count(), "P={p}");
            assert_eq!(t, s[..lo], "P={p}");
            let mut t = s.clone();
            drop(t.par_drain(..hi));
            assert_eq!(t, s[hi..], "P={p}");
        });
    }

    #[test]
    fn par_bridge_yields_every_item(v in values()) {
        let want = sorted(v.clone());
        everywhere(|p| {
            let got: Vec<u32> = v.clone().into_iter().par_bridge().collect();
            assert_eq!(sorted(got), want, "P={p}");
            let n = v.iter().par_bridge().filter(|x| *x % 3 == 0).count();
            assert_eq!(n, v.iter().filter(|x| *x % 3 == 0).count(), "P={p}");
            let sum: u64 = v.iter().map(|&x| u64::from(x)).par_bridge().sum();
            assert_eq!(sum, v.iter().map(|&x| u64::from(x)).sum::<u64>(), "P={p}");
        });
    }

    #[test]
    fn repeat_sources_match_std(x in any::<u32>(), n in len(), v in values()) {
        everywhere(|p| {
            let want: Vec<u32> = std::iter::repeat_n(x, n).collect();
            assert_eq!(repeat_n(x, n).collect::<Vec<_>>(), want, "P={p}");
            assert_eq!(repeat_n(x, n).len(), n);
            assert_eq!(repeat(x).take(n).collect::<Vec<_>>(), want, "P={p}");
            assert_eq!(repeat_n(x, n).rev().with_max_len(3).collect::<Vec<_>>(), want, "P={p}");
            #[allow(deprecated)]
            let old = beat::iter::repeatn(x, n).collect::<Vec<_>>();
            assert_eq!(old, want);
            let zipped: Vec<(u32, u32)> = repeat(x).zip(v.par_iter().copied()).collect();
            assert_eq!(zipped, v.iter().map(|&y| (x, y)).collect::<Vec<_>>(), "P={p}");
            // Endless, stopped by a short-circuiting consumer.
            assert!(repeat(x).any(|y| y == x), "P={p}");
            assert_eq!(repeat(x).map(|y| y / 2).find_any(|_| true), Some(x / 2), "P={p}");
        });
    }

    #[test]
    fn repeat_n_clones_as_std_does(n in len()) {
        everywhere(|p| {
            let clones = Arc::new(AtomicUsize::new(0));
            let made = repeat_n(CountClones(Arc::clone(&clones)), n).with_max_len(5).count();
            assert_eq!(made, n);
            let ours = clones.swap(0, Ordering::Relaxed);
            std::iter::repeat_n(CountClones(Arc::clone(&clones)), n).for_each(drop);
            assert_eq!(ours, clones.load(Ordering::Relaxed), "P={p} n={n}");
        });
    }

    #[test]
    fn empty_and_once_match_std(x in any::<u64>(), v in values()) {
        everywhere(|p| {
            assert_eq!(empty::<u64>().collect::<Vec<_>>(), std::iter::empty::<u64>().collect::<Vec<_>>());
            assert_eq!(empty::<u64>().len(), 0);
            assert_eq!(once(x).collect::<Vec<_>>(), std::iter::once(x).collect::<Vec<_>>(), "P={p}");
            assert_eq!(once(x).len(), 1);
            let w: Vec<u64> = v.iter().map(|&y| u64::from(y)).collect();
            let got: Vec<u64> = empty().chain(once(x)).chain(w.par_iter().copied()).chain(once(x)).collect();
            let want: Vec<u64> = std::iter::empty().chain(std::iter::once(x)).chain(w.iter().copied()).chain(std::iter::once(x)).collect();
            assert_eq!(got, want, "P={p}");
            let en: Vec<(usize, u64)> = once(x).chain(empty()).enumerate().rev().collect();
            assert_eq!(en, [(0, x)]);
        });
    }

    #[test]
    fn split_tiles_the_input(n in len(), min in 1usize..100) {
        everywhere(|p| {
            let halve = |r: Range<usize>| {
                if r.len() <= min {
                    return (r, None);
                }
                let mid = r.start + r.len() / 2;
                (r.start..mid, Some(mid..r.end))
            };
            let mut pieces: Vec<Range<usize>> = split(0..n, halve).collect();
            pieces.sort_by_key(|r| (r.start, r.end));
            let mut at = 0;
            for r in &pieces {
                assert_eq!(r.start, at, "P={p}: gap or overlap in {pieces:?}");
                at = r.end;
            }
            assert_eq!(at, n, "P={p}");
            let total: usize = split(0..n, halve).map(|r| r.len()).sum();
            assert_eq!(total, n);
        });
    }

    #[test]
    fn tree_walks_match_a_sequential_walk(tree in tree()) {
        let mut pre = Vec::new();
        let mut post = Vec::new();
        walk_seq(&tree, 0, &mut pre, &mut post);
        let kids = |&i: &usize| tree[i].iter().copied();
        everywhere(|p| {
            assert_eq!(walk_tree_prefix(0usize, kids).collect::<Vec<_>>(), pre, "P={p}");
            assert_eq!(walk_tree_postfix(0usize, kids).collect::<Vec<_>>(), post, "P={p}");
            let all = sorted(walk_tree(0usize, kids).collect());
            assert_eq!(all, (0..tree.len()).collect::<Vec<_>>(), "P={p}");
            // Short-circuiting inside a walk.
            let last = tree.len() - 1;
            assert_eq!(walk_tree_prefix(0usize, kids).find_first(|&i| i == last), Some(last));
            assert_eq!(walk_tree_postfix(0usize, kids).find_any(|&i| i == 0), Some(0));
        });
    }
}

// Hashing 100_000 keys and passing them through a channel are slow in debug builds: fewer
// cases for these two.
proptest! {
    #![proptest_config(ProptestConfig { cases: if cfg!(miri) { 1 } else { 16 }, ..ProptestConfig::default() })]

    #[test]
    fn hash_collections_match_std(v in values()) {
        let map: HashMap<u32, u64> = v.iter().map(|&x| (x, u64::from(x) * 3)).collect();
        let set: HashSet<u32> = v.iter().copied().collect();
        // Sorting is slow in debug builds: one full comparison per iterator kind, and
        // order-free fingerprints for the rest.
        let want_map = sorted(map.clone().into_iter().collect());
        let want_set = sorted(set.iter().copied().collect());
        let map_fp = fingerprint(map.iter().map(|(&k, &v)| (k, v)));
        let set_fp = fingerprint(set.iter().map(|&k| (k, 0)));
        everywhere(|p| {
            assert_eq!(sorted(map.clone().into_par_iter().collect()), want_map, "P={p}");
            let refs: Vec<(u32, u64)> = map.par_iter().map(|(&k, &v)| (k, v)).collect();
            assert_eq!(fingerprint(refs), map_fp, "P={p}");
            let mut m = map.clone();
            m.par_iter_mut().for_each(|(k, v)| *v += u64::from(*k));
            assert!(m.iter().all(|(k, v)| *v == u64::from(*k) * 4), "P={p}");
            let cap = m.capacity();
            let drained: Vec<(u32, u64)> = m.par_drain().map(|(k, v)| (k, v / 4 * 3)).collect();
            assert_eq!(fingerprint(drained), map_fp, "P={p}");
            assert!(m.is_empty() && m.capacity() >= cap, "P={p}");

            assert_eq!(sorted(set.clone().into_par_iter().collect()), want_set, "P={p}");
            assert_eq!(fingerprint(set.par_iter().map(|&k| (k, 0)).collect::<Vec<_>>()), set_fp, "P={p}");
            let mut s = set.clone();
            let cap = s.capacity();
            assert_eq!(fingerprint(s.par_drain().map(|k| (k, 0)).collect::<Vec<_>>()), set_fp, "P={p}");
            assert!(s.is_empty() && s.capacity() >= cap, "P={p}");
        });
    }

    #[test]
    fn par_bridge_over_a_channel(v in values()) {
        let want = sorted(v.clone());
        everywhere(|p| {
            let (tx, rx) = channel();
            let items = v.clone();
            let sender = std::thread::spawn(move || {
                for (i, x) in items.into_iter().enumerate() {
                    if i % 512 == 0 {
                        std::thread::yield_now();
                    }
                    tx.send(x).unwrap();
                }
            });
            let got: Vec<u32> = rx.into_iter().par_bridge().map(|x| x ^ 1).collect();
            sender.join().unwrap();
            assert_eq!(sorted(got.into_iter().map(|x| x ^ 1).collect()), want, "P={p}");
        });
    }
}

/// Counts its clones.
#[derive(Debug)]
struct CountClones(Arc<AtomicUsize>);

impl Clone for CountClones {
    fn clone(&self) -> Self {
        self.0.fetch_add(1, Ordering::Relaxed);
        CountClones(Arc::clone(&self.0))
    }
}

/// A random tree of 1..=20_000 nodes as children lists (node 0 the root, children of each
/// node in increasing order): bushy, or a long chain with a few side branches.
fn tree() -> impl Strategy<Value = Vec<Vec<usize>>> {
    (
        len(),
        any::<bool>(),
        proptest::collection::vec(any::<u32>(), 64),
    )
        .prop_map(|(n, chain, seeds)| {
            let n = n.clamp(1, 20_000);
            let mut children = vec![Vec::new(); n];
            for i in 1..n {
                let seed = seeds[i % seeds.len()] as usize ^ i.wrapping_mul(2_654_435_761);
                let parent = if chain && seed % 8 != 0 {
                    i - 1
                } else {
                    seed % i
                };
                children[parent].push(i);
            }
            children
        })
}

/// The sequential walks, prefix and postfix (with an explicit stack: chains are deep).
fn walk_seq(tree: &[Vec<usize>], root: usize, pre: &mut Vec<usize>, post: &mut Vec<usize>) {
    let mut stack = vec![(root, 0usize)];
    pre.push(root);
    while let Some((node, next)) = stack.last_mut() {
        if let Some(&child) = tree[*node].get(*next) {
            *next += 1;
            pre.push(child);
            stack.push((child, 0));
        } else {
            post.push(*node);
            stack.pop();
        }
    }
}

/// Counts the items made and how often each was dropped.
#[derive(Debug)]
struct Tracker {
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
            drops: (0..n).map(|_| AtomicUsize::new(0)).collect(),
        })
    }

    fn items(self: &Arc<Self>) -> Vec<Tracked> {
        (0..self.drops.len())
            .map(|id| Tracked {
                id,
                tracker: Arc::clone(self),
            })
            .collect()
    }

    fn drops_of(&self, id: usize) -> usize {
        self.drops[id].load(Ordering::Relaxed)
    }
}

const BOOM: &str = "boom";

/// Asserts that `f` panics with the test's own payload.
fn assert_boom<R>(what: &str, f: impl FnOnce() -> R) {
    let payload = match catch_unwind(AssertUnwindSafe(f)) {
        Ok(_) => panic!("{what}: no panic"),
        Err(payload) => payload,
    };
    assert_eq!(payload.downcast_ref::<&str>(), Some(&BOOM), "{what}");
}

/// Drains `range` of `n` tracked items with `consume`, which may panic at item `k`; checks
/// that the items outside the range stay, in order, and that every item is dropped once.
fn check_drain_drops(
    what: &str,
    n: usize,
    range: Range<usize>,
    k: Option<usize>,
    consume: impl Fn(&mut Vec<Tracked>, Range<usize>, &(dyn Fn(Tracked) -> usize + Sync)) + Sync,
) {
    everywhere(|p| {
        let tracker = Tracker::new(n);
        let mut v = tracker.items();
        let f = |t: Tracked| {
            if Some(t.id) == k {
                std::panic::panic_any(BOOM);
            }
            t.id
        };
        let r = catch_unwind(AssertUnwindSafe(|| consume(&mut v, range.clone(), &f)));
        assert_eq!(
            r.is_err(),
            k.is_some(),
            "{what}, P={p}: panic lost or invented"
        );
        let kept: Vec<usize> = v.iter().map(|t| t.id).collect();
        let want: Vec<usize> = (0..range.start).chain(range.end..n).collect();
        assert_eq!(kept, want, "{what}, P={p}");
        for id in range.clone() {
            assert_eq!(tracker.drops_of(id), 1, "{what}, P={p}: drained item {id}");
        }
        drop(v);
        for id in 0..n {
            assert_eq!(tracker.drops_of(id), 1, "{what}, P={p}: item {id}");
        }
    });
}

proptest! {
    #![proptest_config(ProptestConfig { cases: if cfg!(miri) { 1 } else { 16 }, ..ProptestConfig::default() })]

    #[test]
    fn drains_drop_every_item_once(n in 1usize..if cfg!(miri) { 300 } else { 20_000 }, a in any::<prop::sample::Index>(), b in any::<prop::sample::Index>(), at in any::<prop::sample::Index>(), panics in any::<bool>()) {
        let (x, y) = (a.index(n + 1), b.index(n + 1));
        let range = x.min(y)..x.max(y);
        let k = (panics && !range.is_empty()).then(|| range.start + at.index(range.len()));
        check_drain_drops("Vec collect", n, range.clone(), k, |v, r, f| {
            let ids: Vec<usize> = v.par_drain(r).map(f).collect();
            assert!(ids.windows(2).all(|w| w[0] < w[1]));
        });
        check_drain_drops("Vec for_each", n, range.clone(), k, |v, r, f| {
            v.par_drain(r).with_max_len(13).for_each(|t| { f(t); });
        });
        check_drain_drops("Vec unconsumed", n, range.clone(), None, |v, r, _| {
            drop(v.par_drain(r));
        });
        check_drain_drops("Vec stopped early", n, range.clone(), None, |v, r, f| {
            let _ = v.par_drain(r).map(f).find_any(|id| id % 7 == 0);
        });
        check_drain_drops("VecDeque", n, range.clone(), k, |v, r, f| {
            let mut d: VecDeque<Tracked> = std::mem::take(v).into();
            d.rotate_left(d.len() / 3);
            d.rotate_right(d.len() / 3);
            let r2 = r.clone();
            let res = catch_unwind(AssertUnwindSafe(|| d.par_drain(r2).map(f).sum::<usize>()));
            *v = d.into();
            if let Err(e) = res {
                std::panic::resume_unwind(e);
            }
        });
        check_drain_drops("VecDeque unconsumed", n, range, None, |v, r, _| {
            let mut d: VecDeque<Tracked> = std::mem::take(v).into();
            drop(d.par_drain(r));
            *v = d.into();
        });
    }
}

#[test]
fn par_drain_panics_on_bad_ranges_like_std() {
    fn message(f: impl FnOnce()) -> String {
        let payload = catch_unwind(AssertUnwindSafe(f)).expect_err("no panic");
        payload
            .downcast_ref::<String>()
            .cloned()
            .or_else(|| payload.downcast_ref::<&str>().map(|s| s.to_string()))
            .unwrap()
    }
    let base: Vec<u8> = (0..5).collect();
    let cases: Vec<(Bound<usize>, Bound<usize>)> = vec![
        (Bound::Included(3), Bound::Excluded(2)),
        (Bound::Included(0), Bound::Excluded(6)),
        (Bound::Included(0), Bound::Included(5)),
        (Bound::Included(6), Bound::Unbounded),
        (Bound::Excluded(usize::MAX), Bound::Unbounded),
        (Bound::Unbounded, Bound::Included(usize::MAX)),
    ];
    for r in cases {
        let want = message(|| {
            base.clone().drain(r);
        });
        let got = message(|| {
            base.clone().par_drain(r);
        });
        assert_eq!(got, want, "{r:?}");
        let got = message(|| {
            let mut d: VecDeque<u8> = base.iter().copied().collect();
            d.par_drain(r);
        });
        assert!(!got.is_empty());
    }
    // A `String` range must fall on `char` boundaries, checked before anything changes.
    let mut s = String::from("añb");
    let r = catch_unwind(AssertUnwindSafe(|| {
        s.par_drain(2..);
    }));
    assert!(r.is_err());
    assert_eq!(s, "añb");
}

#[test]
fn panics_propagate_from_each_position() {
    everywhere(|p| {
        let at = |s: &str| format!("{s}, P={p}");
        let v: Vec<u32> = (0..5_000).collect();
        assert_boom(&at("par_bridge next"), || {
            (0..5_000u32)
                .inspect(|&x| {
                    if x == 4_321 {
                        std::panic::panic_any(BOOM);
                    }
                })
                .par_bridge()
                .count()
        });
        assert_boom(&at("par_bridge map"), || {
            v.iter()
                .par_bridge()
                .map(|&x| {
                    if x == 777 {
                        std::panic::panic_any(BOOM);
                    }
                    x
                })
                .sum::<u32>()
        });
        let split_panicking = || {
            split(0..1000usize, |r| {
                if r.len() < 600 {
                    std::panic::panic_any(BOOM);
                }
                let mid = r.start + r.len() / 2;
                (r.start..mid, Some(mid..r.end))
            })
            .count()
        };
        if beat::current_num_threads() > 1 {
            assert_boom(&at("split"), split_panicking);
        } else {
            // One thread: nothing to feed, so the data is never split.
            assert_eq!(split_panicking(), 1, "{}", at("split"));
        }
        assert_boom(&at("walk_tree children_of"), || {
            walk_tree_prefix(0u32, |&i| {
                if i == 500 {
                    std::panic::panic_any(BOOM);
                }
                (2 * i + 1..=2 * i + 2).filter(|&c| c < 1000)
            })
            .count()
        });
        assert_boom(&at("walk_tree_postfix children_of"), || {
            walk_tree_postfix(0u32, |&i| {
                if i == 500 {
                    std::panic::panic_any(BOOM);
                }
                (2 * i + 1..=2 * i + 2).filter(|&c| c < 1000)
            })
            .count()
        });
        assert_boom(&at("repeat"), || {
            repeat(1u8).for_each(|_| std::panic::panic_any(BOOM))
        });
        let mut s: String = "añb€c".repeat(500);
        let want_rest = format!("{}{}", &s[..3], &s[s.len() - 4..]);
        let end = s.len() - 4;
        assert_boom(&at("String par_drain"), || {
            s.par_drain(3..end).for_each(|c| {
                if c == '€' {
                    std::panic::panic_any(BOOM);
                }
            })
        });
        assert_eq!(s, want_rest, "{}", at("String par_drain"));
        let mut heap: BinaryHeap<u32> = (0..5_000).collect();
        assert_boom(&at("BinaryHeap par_drain"), || {
            heap.par_drain().for_each(|x| {
                if x == 1_234 {
                    std::panic::panic_any(BOOM);
                }
            })
        });
        assert!(heap.is_empty(), "{}", at("BinaryHeap par_drain"));
        assert_boom(&at("hash map"), || {
            let m: HashMap<u32, u32> = (0..3_000).map(|x| (x, x)).collect();
            m.par_iter().for_each(|(k, _)| {
                if *k == 2_999 {
                    std::panic::panic_any(BOOM);
                }
            })
        });
    });
}

#[test]
fn par_bridge_survives_parallel_work_inside_next() {
    // An iterator whose `next` runs a parallel iterator while the bridge's lock is held: the
    // worker may run other pieces of the same bridge while it waits, which must not lock again.
    everywhere(|p| {
        let got: Vec<u64> = (0..200u64)
            .map(|i| (0..2_000u64).into_par_iter().map(|x| x % 7).sum::<u64>() + i)
            .par_bridge()
            .map(|x| {
                // And parallel work inside the folding closure too.
                x + (0..100u64).into_par_iter().sum::<u64>()
            })
            .collect();
        let base: u64 = (0..2_000u64).map(|x| x % 7).sum::<u64>() + 4_950;
        assert_eq!(
            sorted(got),
            (0..200).map(|i| base + i).collect::<Vec<_>>(),
            "P={p}"
        );
    });
}

#[test]
fn par_bridge_stops_an_endless_iterator() {
    everywhere(|p| {
        let found = (0u64..).par_bridge().find_any(|&x| x > 10_000);
        assert!(found.is_some_and(|x| x > 10_000), "P={p}");
        assert!((0u64..).par_bridge().any(|x| x == 50_000), "P={p}");
    });
}

#[test]
fn deep_chains_do_not_overflow() {
    let n = 200_000usize;
    let kids = move |&i: &usize| (i + 1 < n).then_some(i + 1);
    everywhere(|p| {
        assert_eq!(walk_tree_postfix(0usize, kids).count(), n, "P={p}");
        assert_eq!(walk_tree_prefix(0usize, kids).count(), n, "P={p}");
        assert_eq!(
            walk_tree_postfix(0usize, kids).find_any(|&i| i == n / 2),
            Some(n / 2),
            "P={p}"
        );
    });
}
