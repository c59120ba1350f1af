//! Calls every item of rayon 1.12's public API that `docs/rayon-parity.md` lists as present in
//! beat, under its rayon name and path, so that a missing or renamed item fails to compile.
//! One test per module or trait; each call gets real arguments and, where cheap, a check of
//! its result. Struct types are named by their full path, and the `Clone`/`Debug` impls rayon
//! has are exercised through `clone_debug`/`debug`.

#![allow(clippy::type_complexity)]

use std::borrow::Cow;
use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet, BinaryHeap, HashMap, HashSet, LinkedList, VecDeque};
use std::ffi::{OsStr, OsString};
use std::fmt::Debug;
use std::rc::Rc;
use std::sync::atomic::{AtomicUsize, Ordering::SeqCst};
use std::sync::mpsc::channel;
use std::sync::{Arc, Mutex};

use beat::iter::plumbing::{
    bridge, bridge_producer_consumer, bridge_unindexed, Consumer, Folder, Producer,
    ProducerCallback, Reducer, UnindexedConsumer, UnindexedProducer,
};
use beat::iter::Either;
use beat::prelude::*;
use beat::{ThreadBuilder, ThreadPool, ThreadPoolBuildError, ThreadPoolBuilder, Yield};

/// Checks `Debug` and `Clone` (the pair rayon derives on most iterator types).
fn clone_debug<T: Clone + Debug>(t: &T) -> T {
    assert!(!format!("{t:?}").is_empty());
    t.clone()
}

/// Checks `Debug` alone (for the iterator types rayon does not make `Clone`).
fn debug<T: Debug>(t: &T) {
    assert!(!format!("{t:?}").is_empty());
}

/// Checks that an iterator is indexed, as in rayon.
fn indexed<I: IndexedParallelIterator>(i: I) -> I {
    i
}

fn pool(n: usize) -> ThreadPool {
    ThreadPoolBuilder::new().num_threads(n).build().unwrap()
}

fn sorted<T: Ord>(mut v: Vec<T>) -> Vec<T> {
    v.sort();
    v
}

// ---------------------------------------------------------------------------------------
// The crate root: rayon-core's items, re-exported.
// ---------------------------------------------------------------------------------------

#[test]
fn root_functions() {
    assert_eq!(beat::join(|| 1, || 2), (1, 2));
    let (a, b) = beat::join_context(|c: beat::FnContext| c.migrated(), |c| c.migrated());
    let _: (bool, bool) = (a, b);
    let ctx_debug = beat::join_context(|c| format!("{c:?}"), |_| ()).0;
    assert!(!ctx_debug.is_empty());

    assert!(beat::current_num_threads() >= 1);
    assert_eq!(beat::current_thread_index(), None);
    assert!(beat::max_num_threads() >= beat::current_num_threads());
    assert_eq!(beat::yield_now(), None);
    assert_eq!(beat::yield_local(), None);

    let hits = AtomicUsize::new(0);
    beat::scope(|s: &beat::Scope<'_>| {
        debug(s);
        s.spawn(|_| {
            hits.fetch_add(1, SeqCst);
        });
        s.spawn_broadcast(|_, ctx| {
            assert!(ctx.index() < ctx.num_threads());
            hits.fetch_add(1, SeqCst);
        });
    });
    assert_eq!(hits.load(SeqCst), 1 + beat::current_num_threads());
    let r = beat::in_place_scope(|s| {
        s.spawn(|_| {
            hits.fetch_add(1, SeqCst);
        });
        5
    });
    assert_eq!(r, 5);
    beat::scope_fifo(|s: &beat::ScopeFifo<'_>| {
        debug(s);
        s.spawn_fifo(|_| {
            hits.fetch_add(1, SeqCst);
        });
        s.spawn_broadcast(|_, _| {
            hits.fetch_add(1, SeqCst);
        });
    });
    beat::in_place_scope_fifo(|s| {
        s.spawn_fifo(|_| {
            hits.fetch_add(1, SeqCst);
        })
    });
    assert_eq!(hits.load(SeqCst), 4 + 2 * beat::current_num_threads());

    let (tx, rx) = channel();
    let tx2 = tx.clone();
    beat::spawn(move || tx.send(1).unwrap());
    beat::spawn_fifo(move || tx2.send(2).unwrap());
    assert_eq!(sorted(vec![rx.recv().unwrap(), rx.recv().unwrap()]), [1, 2]);

    let idx = beat::broadcast(|ctx: beat::BroadcastContext<'_>| {
        debug(&ctx);
        ctx.index()
    });
    assert_eq!(idx, (0..beat::current_num_threads()).collect::<Vec<_>>());
    let (tx, rx) = channel();
    let tx = Mutex::new(tx);
    beat::spawn_broadcast(move |ctx| tx.lock().unwrap().send(ctx.index()).unwrap());
    let got: Vec<usize> = (0..beat::current_num_threads())
        .map(|_| rx.recv().unwrap())
        .collect();
    assert_eq!(
        sorted(got),
        (0..beat::current_num_threads()).collect::<Vec<_>>()
    );
}

#[test]
fn thread_pool() {
    let pool = pool(2);
    debug(&pool);
    assert_eq!(pool.install(beat::current_num_threads), 2);
    assert!(pool.install(beat::current_thread_index).unwrap() < 2);
    let b = pool.broadcast(|ctx| (ctx.index(), ctx.num_threads()));
    assert_eq!(b, [(0, 2), (1, 2)]);
    assert_eq!(pool.current_num_threads(), 2);
    assert_eq!(pool.current_thread_index(), None);
    assert!(pool.install(|| pool.current_thread_index()).is_some());
    assert_eq!(pool.current_thread_has_pending_tasks(), None);
    assert_eq!(
        pool.install(|| pool.current_thread_has_pending_tasks()),
        Some(false)
    );
    assert_eq!(pool.join(|| 3, || 4), (3, 4));

    let hits = AtomicUsize::new(0);
    let r = pool.scope(|s| {
        s.spawn(|_| {
            hits.fetch_add(1, SeqCst);
        });
        s.spawn_broadcast(|_, _| {
            hits.fetch_add(1, SeqCst);
        });
        "scope"
    });
    assert_eq!((r, hits.load(SeqCst)), ("scope", 3));
    pool.scope_fifo(|s| {
        s.spawn_fifo(|_| {
            hits.fetch_add(1, SeqCst);
        });
        s.spawn_broadcast(|_, _| {
            hits.fetch_add(1, SeqCst);
        });
    });
    pool.in_place_scope(|s| {
        s.spawn(|_| {
            hits.fetch_add(1, SeqCst);
        })
    });
    pool.in_place_scope_fifo(|s| {
        s.spawn_fifo(|_| {
            hits.fetch_add(1, SeqCst);
        })
    });
    assert_eq!(hits.load(SeqCst), 8);

    let (tx, rx) = channel();
    let (tx2, tx3) = (tx.clone(), Mutex::new(tx.clone()));
    pool.spawn(move || tx.send(10).unwrap());
    pool.spawn_fifo(move || tx2.send(20).unwrap());
    pool.spawn_broadcast(move |ctx| tx3.lock().unwrap().send(ctx.index()).unwrap());
    let got: Vec<usize> = (0..4).map(|_| rx.recv().unwrap()).collect();
    assert_eq!(sorted(got), [0, 1, 10, 20]);

    assert_eq!(pool.yield_now(), None);
    assert_eq!(pool.yield_local(), None);
    let y = pool.install(|| pool.yield_now()).unwrap();
    assert!(matches!(y, Yield::Executed | Yield::Idle));
    let y = pool.install(|| pool.yield_local()).unwrap();
    assert_eq!(clone_debug(&y), y);
}

#[test]
fn thread_pool_builder() {
    let b = ThreadPoolBuilder::new();
    debug(&b);
    let b: ThreadPoolBuilder = Default::default();
    let starts = Arc::new(AtomicUsize::new(0));
    let exits = Arc::new(AtomicUsize::new(0));
    let (s2, e2) = (starts.clone(), exits.clone());
    let (ptx, prx) = channel();
    let ptx = Mutex::new(ptx);
    let pool = b
        .num_threads(2)
        .thread_name(|i| format!("parity-{i}"))
        .stack_size(1 << 20)
        .panic_handler(move |_| ptx.lock().unwrap().send(()).unwrap())
        .start_handler(move |_| {
            s2.fetch_add(1, SeqCst);
        })
        .exit_handler(move |_| {
            e2.fetch_add(1, SeqCst);
        })
        .build()
        .unwrap();
    let names = pool.broadcast(|_| std::thread::current().name().map(String::from));
    assert_eq!(
        names,
        [Some("parity-0".to_string()), Some("parity-1".to_string())]
    );
    assert_eq!(starts.load(SeqCst), 2);
    pool.spawn(|| panic!("caught by the panic handler"));
    prx.recv().unwrap();
    drop(pool);

    let here = ThreadPoolBuilder::new()
        .num_threads(2)
        .use_current_thread()
        .build()
        .unwrap();
    assert_eq!(here.current_thread_index(), Some(0));
    drop(here);

    let seen = Arc::new(Mutex::new(Vec::new()));
    let seen2 = seen.clone();
    let custom = ThreadPoolBuilder::new()
        .num_threads(2)
        .thread_name(|i| format!("custom-{i}"))
        .spawn_handler(move |thread: ThreadBuilder| {
            debug(&thread);
            let info = (
                thread.index(),
                thread.name().map(str::to_owned),
                thread.stack_size(),
            );
            seen2.lock().unwrap().push(info);
            std::thread::Builder::new().spawn(move || thread.run())?;
            Ok(())
        })
        .build()
        .unwrap();
    assert_eq!(custom.install(|| 6 * 7), 42);
    let seen = sorted(seen.lock().unwrap().clone());
    assert_eq!(seen[1], (1, Some("custom-1".to_string()), None));

    let r = ThreadPoolBuilder::new()
        .num_threads(2)
        .build_scoped(|thread| thread.run(), |pool| pool.install(|| 7))
        .unwrap();
    assert_eq!(r, 7);

    #[allow(deprecated)]
    let breadth = ThreadPoolBuilder::new().num_threads(1).breadth_first();
    assert_eq!(breadth.build().unwrap().install(|| 5), 5);
    #[allow(deprecated)]
    let old = ThreadPool::new(Default::default()).unwrap();
    assert!(old.current_num_threads() >= 1);

    let _ = ThreadPoolBuilder::new().build_global();
    let err: ThreadPoolBuildError = ThreadPoolBuilder::new().build_global().unwrap_err();
    let as_error: &dyn std::error::Error = &err;
    assert!(!as_error.to_string().is_empty());
    debug(&err);
}

// ---------------------------------------------------------------------------------------
// `rayon::iter`: the free functions and the types they return.
// ---------------------------------------------------------------------------------------

#[test]
#[allow(deprecated)]
fn iter_functions() {
    let e: beat::iter::Empty<i32> = beat::iter::empty();
    assert_eq!(indexed(clone_debug(&e)).count(), 0);
    let o: beat::iter::Once<i32> = beat::iter::once(5);
    assert_eq!(indexed(clone_debug(&o)).collect::<Vec<_>>(), [5]);

    let r: beat::iter::Repeat<char> = beat::iter::repeat('x');
    let t: beat::iter::RepeatN<char> = clone_debug(&r).take(3);
    assert_eq!(indexed(t).collect::<String>(), "xxx");
    let z: beat::iter::Zip<beat::iter::RepeatN<char>, beat::range::Iter<i32>> = r.zip(0..2);
    assert_eq!(z.collect::<Vec<_>>(), [('x', 0), ('x', 1)]);
    let n: beat::iter::RepeatN<u8> = beat::iter::repeat_n(1, 4);
    assert_eq!(clone_debug(&n).sum::<u8>(), 4);
    let n: beat::iter::RepeatN<u8> = beat::iter::repeatn(2, 2);
    assert_eq!(n.sum::<u8>(), 4);

    let s: beat::iter::Split<(u32, u32), _> = beat::iter::split((0u32, 100u32), |(a, b)| {
        let mid = a + (b - a) / 2;
        if b - a > 10 {
            ((a, mid), Some((mid, b)))
        } else {
            ((a, b), None)
        }
    });
    let total: u32 = clone_debug(&s).map(|(a, b)| (a..b).sum::<u32>()).sum();
    assert_eq!(total, (0..100).sum());

    let children = |&n: &u32| {
        if n < 4 {
            vec![2 * n + 1, 2 * n + 2]
        } else {
            vec![]
        }
    };
    let w: beat::iter::WalkTree<u32, _> = beat::iter::walk_tree(0u32, children);
    debug(&w);
    assert_eq!(sorted(w.collect()), (0..9).collect::<Vec<u32>>());
    let w: beat::iter::WalkTreePrefix<u32, _> = beat::iter::walk_tree_prefix(0u32, children);
    debug(&w);
    assert_eq!(w.collect::<Vec<_>>(), [0, 1, 3, 7, 8, 4, 2, 5, 6]);
    let w: beat::iter::WalkTreePostfix<u32, _> = beat::iter::walk_tree_postfix(0u32, children);
    debug(&w);
    assert_eq!(w.collect::<Vec<_>>(), [7, 8, 3, 4, 1, 5, 6, 2, 0]);
}

// ---------------------------------------------------------------------------------------
// `ParallelIterator`: every method, and the adapter type each returns.
// ---------------------------------------------------------------------------------------

#[test]
fn parallel_iterator() {
    let v: Vec<i32> = (0..100).collect();
    let sum: i32 = v.iter().sum();

    let hits = AtomicUsize::new(0);
    v.par_iter().for_each(|_| {
        hits.fetch_add(1, SeqCst);
    });
    let (tx, rx) = channel();
    v.par_iter().for_each_with(tx, |tx, &x| tx.send(x).unwrap());
    assert_eq!(rx.iter().count(), 100);
    v.par_iter().for_each_init(
        || 1,
        |one, _| {
            hits.fetch_add(*one, SeqCst);
        },
    );
    assert_eq!(hits.load(SeqCst), 200);
    assert_eq!(
        v.par_iter().try_for_each(|&x| (x < 100).then_some(())),
        Some(())
    );
    let r: Result<(), i32> =
        v.par_iter()
            .try_for_each_with(50, |lim, &x| if x < *lim { Ok(()) } else { Err(x) });
    assert!(r.unwrap_err() >= 50);
    let r: Result<(), ()> = v.par_iter().try_for_each_init(|| 0, |_, _| Ok(()));
    assert_eq!(r, Ok(()));
    assert_eq!(v.par_iter().count(), 100);

    let m: beat::iter::Map<beat::slice::Iter<'_, i32>, _> = v.par_iter().map(|x| x * 2);
    assert_eq!(indexed(clone_debug(&m)).sum::<i32>(), 2 * sum);
    let m: beat::iter::MapWith<_, i32, _> = v.par_iter().map_with(1, |k, x| x + *k);
    assert_eq!(indexed(clone_debug(&m)).sum::<i32>(), sum + 100);
    let m: beat::iter::MapInit<_, _, _> = v.par_iter().map_init(|| 2, |k, x| x * *k);
    assert_eq!(indexed(clone_debug(&m)).sum::<i32>(), 2 * sum);
    let c: beat::iter::Cloned<_> = v.par_iter().cloned();
    assert_eq!(indexed(clone_debug(&c)).sum::<i32>(), sum);
    let c: beat::iter::Copied<_> = v.par_iter().copied();
    assert_eq!(indexed(clone_debug(&c)).max(), Some(99));
    let i: beat::iter::Inspect<_, _> = v.par_iter().inspect(|x| assert!(**x < 100));
    assert_eq!(indexed(clone_debug(&i)).count(), 100);
    let u: beat::iter::Update<_, _> = v.par_iter().copied().update(|x| *x += 1);
    assert_eq!(indexed(clone_debug(&u)).sum::<i32>(), sum + 100);
    let f: beat::iter::Filter<_, _> = v.par_iter().filter(|x| **x % 2 == 0);
    assert_eq!(clone_debug(&f).count(), 50);
    let f: beat::iter::FilterMap<_, _> = v.par_iter().filter_map(|x| (*x < 10).then_some(*x));
    assert_eq!(clone_debug(&f).sum::<i32>(), 45);
    let f: beat::iter::FlatMap<_, _> = (0..4).into_par_iter().flat_map(|x| 0..x);
    assert_eq!(clone_debug(&f).count(), 6);
    let f: beat::iter::FlatMapIter<_, _> = (0..4).into_par_iter().flat_map_iter(|x| 0..x);
    assert_eq!(clone_debug(&f).collect::<Vec<_>>(), [0, 0, 1, 0, 1, 2]);
    let nested = vec![vec![1, 2], vec![], vec![3]];
    let f: beat::iter::Flatten<_> = nested.clone().into_par_iter().flatten();
    assert_eq!(clone_debug(&f).collect::<Vec<_>>(), [1, 2, 3]);
    let f: beat::iter::FlattenIter<_> = nested.into_par_iter().flatten_iter();
    assert_eq!(clone_debug(&f).collect::<Vec<_>>(), [1, 2, 3]);

    assert_eq!(v.par_iter().copied().reduce(|| 0, |a, b| a + b), sum);
    assert_eq!(v.par_iter().copied().reduce_with(i32::max), Some(99));
    let r: Option<i32> = v
        .par_iter()
        .map(|&x| Some(x))
        .try_reduce(|| 0, |a, b| Some(a + b));
    assert_eq!(r, Some(sum));
    let r: Option<Result<i32, ()>> = v
        .par_iter()
        .map(|&x| Ok(x))
        .try_reduce_with(|a, b| Ok(a + b));
    assert_eq!(r, Some(Ok(sum)));
    let f: beat::iter::Fold<_, _, _> = v.par_iter().fold(|| 0, |a, &b| a + b);
    assert_eq!(clone_debug(&f).sum::<i32>(), sum);
    let f: beat::iter::FoldWith<_, i32, _> = v.par_iter().fold_with(0, |a, &b| a + b);
    assert_eq!(clone_debug(&f).sum::<i32>(), sum);
    let f: beat::iter::TryFold<_, Option<i32>, _, _> =
        v.par_iter().try_fold(|| 0, |a: i32, &b| a.checked_add(b));
    assert_eq!(clone_debug(&f).map(Option::unwrap).sum::<i32>(), sum);
    let f: beat::iter::TryFoldWith<_, Option<i32>, _> =
        v.par_iter().try_fold_with(0, |a: i32, &b| a.checked_add(b));
    assert_eq!(clone_debug(&f).map(Option::unwrap).sum::<i32>(), sum);
    assert_eq!(v.par_iter().sum::<i32>(), sum);
    assert_eq!((1..6).into_par_iter().product::<i32>(), 120);

    assert_eq!(v.par_iter().min(), Some(&0));
    assert_eq!(v.par_iter().min_by(|a, b| b.cmp(a)), Some(&99));
    assert_eq!(v.par_iter().min_by_key(|x| (*x - 50).abs()), Some(&50));
    assert_eq!(v.par_iter().max(), Some(&99));
    assert_eq!(v.par_iter().max_by(|a, b| b.cmp(a)), Some(&0));
    assert_eq!(v.par_iter().max_by_key(|x| -**x), Some(&0));

    let c: beat::iter::Chain<_, _> = v.par_iter().chain(&v);
    assert_eq!(indexed(clone_debug(&c)).count(), 200);
    assert!(v.par_iter().find_any(|x| **x > 90).unwrap() > &90);
    assert_eq!(v.par_iter().find_first(|x| **x > 90), Some(&91));
    assert_eq!(v.par_iter().find_last(|x| **x < 10), Some(&9));
    assert!(v
        .par_iter()
        .find_map_any(|&x| (x > 90).then_some(x))
        .is_some());
    assert_eq!(
        v.par_iter().find_map_first(|&x| (x > 90).then_some(x)),
        Some(91)
    );
    assert_eq!(
        v.par_iter().find_map_last(|&x| (x < 10).then_some(x)),
        Some(9)
    );
    assert!(v.par_iter().any(|&x| x == 42));
    assert!(v.par_iter().all(|&x| x < 100));

    let w: beat::iter::WhileSome<_> = v.par_iter().map(|&x| (x < 10).then_some(x)).while_some();
    assert!(clone_debug(&w).count() <= 10);
    let p: beat::iter::PanicFuse<_> = v.par_iter().panic_fuse();
    assert_eq!(indexed(clone_debug(&p)).count(), 100);

    let c: Vec<i32> = v.par_iter().copied().collect();
    assert_eq!(c, v);
    let (a, b): (Vec<i32>, Vec<i32>) = v.par_iter().map(|&x| (x, -x)).unzip();
    assert_eq!((a.len(), b[1]), (100, -1));
    let (even, odd): (Vec<i32>, Vec<i32>) = v.par_iter().partition(|&&x| x % 2 == 0);
    assert_eq!((even.len(), odd[0]), (50, 1));
    let (l, r): (Vec<i32>, Vec<String>) = v.par_iter().partition_map(|&x| {
        if x < 10 {
            Either::Left(x)
        } else {
            Either::Right(x.to_string())
        }
    });
    assert_eq!((l.len(), r.len()), (10, 90));

    let i: beat::iter::Intersperse<_> = (1..4).into_par_iter().intersperse(0);
    assert_eq!(
        indexed(clone_debug(&i)).collect::<Vec<_>>(),
        [1, 0, 2, 0, 3]
    );
    let t: beat::iter::TakeAny<_> = v.par_iter().take_any(5);
    assert_eq!(clone_debug(&t).count(), 5);
    let s: beat::iter::SkipAny<_> = v.par_iter().skip_any(5);
    assert_eq!(clone_debug(&s).count(), 95);
    let t: beat::iter::TakeAnyWhile<_, _> = v.par_iter().take_any_while(|x| **x < 10);
    assert!(clone_debug(&t).all(|x| *x < 10));
    let s: beat::iter::SkipAnyWhile<_, _> = v.par_iter().skip_any_while(|x| **x < 10);
    assert!(clone_debug(&s).any(|x| *x == 99));
    let list: LinkedList<Vec<i32>> = v.par_iter().copied().collect_vec_list();
    assert_eq!(list.into_iter().flatten().collect::<Vec<_>>(), v);

    assert_eq!(v.par_iter().opt_len(), Some(100));
    assert_eq!(v.par_iter().filter(|_| true).opt_len(), None);
}

// ---------------------------------------------------------------------------------------
// `IndexedParallelIterator`: every method, and the adapter type each returns.
// ---------------------------------------------------------------------------------------

#[test]
fn indexed_parallel_iterator() {
    let v: Vec<i32> = (0..10).collect();

    let b: beat::iter::ExponentialBlocks<_> = v.par_iter().by_exponential_blocks();
    assert_eq!(clone_debug(&b).count(), 10);
    let b: beat::iter::UniformBlocks<_> = v.par_iter().by_uniform_blocks(3);
    assert_eq!(
        clone_debug(&b).collect::<Vec<_>>(),
        v.iter().collect::<Vec<_>>()
    );

    let mut out = Vec::new();
    v.par_iter().map(|x| x + 1).collect_into_vec(&mut out);
    assert_eq!(out, (1..11).collect::<Vec<_>>());
    let (mut l, mut r) = (Vec::new(), Vec::new());
    v.par_iter()
        .map(|&x| (x, x * 2))
        .unzip_into_vecs(&mut l, &mut r);
    assert_eq!((l[3], r[3]), (3, 6));

    let z: beat::iter::Zip<_, _> = v.par_iter().zip(&v);
    assert!(indexed(clone_debug(&z)).all(|(a, b)| a == b));
    let z: beat::iter::ZipEq<_, _> = v.par_iter().zip_eq(v.par_iter().rev());
    assert_eq!(indexed(clone_debug(&z)).map(|(a, b)| a + b).max(), Some(9));
    let i: beat::iter::Interleave<_, _> = (0..3).into_par_iter().interleave(10..12);
    assert_eq!(
        indexed(clone_debug(&i)).collect::<Vec<_>>(),
        [0, 10, 1, 11, 2]
    );
    let i: beat::iter::InterleaveShortest<_, _> =
        (0..3).into_par_iter().interleave_shortest(10..12);
    assert_eq!(
        indexed(clone_debug(&i)).collect::<Vec<_>>(),
        [0, 10, 1, 11, 2]
    );
    let c: beat::iter::Chunks<_> = v.par_iter().chunks(4);
    assert_eq!(
        indexed(clone_debug(&c))
            .map(|c| c.len())
            .collect::<Vec<_>>(),
        [4, 4, 2]
    );
    let f: beat::iter::FoldChunks<_, _, _> = v.par_iter().fold_chunks(4, || 0, |a, &b| a + b);
    assert_eq!(indexed(clone_debug(&f)).collect::<Vec<_>>(), [6, 22, 17]);
    let f: beat::iter::FoldChunksWith<_, i32, _> =
        v.par_iter().fold_chunks_with(5, 0, |a, &b| a + b);
    assert_eq!(indexed(clone_debug(&f)).collect::<Vec<_>>(), [10, 35]);

    assert_eq!(
        IndexedParallelIterator::cmp(v.par_iter(), &v),
        Ordering::Equal
    );
    assert_eq!(
        IndexedParallelIterator::partial_cmp(v.par_iter(), &v[..9]),
        Some(Ordering::Greater)
    );
    assert!(IndexedParallelIterator::eq(v.par_iter(), &v));
    assert!(IndexedParallelIterator::ne(v.par_iter(), &v[1..]));
    assert!(IndexedParallelIterator::lt(v.par_iter(), &v[1..]));
    assert!(IndexedParallelIterator::le(v.par_iter(), &v));
    assert!(IndexedParallelIterator::gt(v[1..].par_iter(), &v));
    assert!(IndexedParallelIterator::ge(v.par_iter(), &v));

    let e: beat::iter::Enumerate<_> = v.par_iter().enumerate();
    assert!(indexed(clone_debug(&e)).all(|(i, &x)| i as i32 == x));
    let s: beat::iter::StepBy<_> = v.par_iter().step_by(3);
    assert_eq!(
        indexed(clone_debug(&s)).copied().collect::<Vec<_>>(),
        [0, 3, 6, 9]
    );
    let s: beat::iter::Skip<_> = v.par_iter().skip(8);
    assert_eq!(
        indexed(clone_debug(&s)).copied().collect::<Vec<_>>(),
        [8, 9]
    );
    let t: beat::iter::Take<_> = v.par_iter().take(2);
    assert_eq!(
        indexed(clone_debug(&t)).copied().collect::<Vec<_>>(),
        [0, 1]
    );
    assert!(v.par_iter().position_any(|&x| x == 4).is_some());
    assert_eq!(v.par_iter().position_first(|&x| x > 4), Some(5));
    assert_eq!(v.par_iter().position_last(|&x| x < 4), Some(3));
    let p: beat::iter::Positions<_, _> = v.par_iter().positions(|&x| x % 4 == 0);
    assert_eq!(clone_debug(&p).collect::<Vec<_>>(), [0, 4, 8]);
    let r: beat::iter::Rev<_> = v.par_iter().rev();
    assert_eq!(indexed(clone_debug(&r)).copied().collect::<Vec<_>>()[0], 9);
    let m: beat::iter::MinLen<_> = v.par_iter().with_min_len(2);
    assert_eq!(indexed(clone_debug(&m)).count(), 10);
    let m: beat::iter::MaxLen<_> = v.par_iter().with_max_len(2);
    assert_eq!(indexed(clone_debug(&m)).count(), 10);
    assert_eq!(IndexedParallelIterator::len(&v.par_iter()), 10);
}

// ---------------------------------------------------------------------------------------
// `rayon::iter::plumbing`: a hand-written consumer, producers and iterator drive every
// trait method and bridge.
// ---------------------------------------------------------------------------------------

struct Count;
struct CountFolder(usize);
struct Add;

impl<T> Consumer<T> for Count {
    type Folder = CountFolder;
    type Reducer = Add;
    type Result = usize;

    fn split_at(self, _index: usize) -> (Self, Self, Add) {
        (Count, Count, Add)
    }
    fn into_folder(self) -> CountFolder {
        CountFolder(0)
    }
    fn full(&self) -> bool {
        false
    }
}

impl<T> UnindexedConsumer<T> for Count {
    fn split_off_left(&self) -> Self {
        Count
    }
    fn to_reducer(&self) -> Add {
        Add
    }
}

impl<T> Folder<T> for CountFolder {
    type Result = usize;

    fn consume(self, _item: T) -> Self {
        CountFolder(self.0 + 1)
    }
    fn consume_iter<I: IntoIterator<Item = T>>(self, iter: I) -> Self {
        CountFolder(self.0 + iter.into_iter().count())
    }
    fn complete(self) -> usize {
        self.0
    }
    fn full(&self) -> bool {
        false
    }
}

impl Reducer<usize> for Add {
    fn reduce(self, left: usize, right: usize) -> usize {
        left + right
    }
}

/// `lo..hi` as an indexed producer.
struct Span(u32, u32);

impl Producer for Span {
    type Item = u32;
    type IntoIter = std::ops::Range<u32>;

    fn into_iter(self) -> Self::IntoIter {
        self.0..self.1
    }
    fn min_len(&self) -> usize {
        1
    }
    fn max_len(&self) -> usize {
        usize::MAX
    }
    fn split_at(self, index: usize) -> (Self, Self) {
        let mid = self.0 + index as u32;
        (Span(self.0, mid), Span(mid, self.1))
    }
    fn fold_with<F: Folder<u32>>(self, folder: F) -> F {
        folder.consume_iter(self.0..self.1)
    }
}

impl UnindexedProducer for Span {
    type Item = u32;

    fn split(self) -> (Self, Option<Self>) {
        if self.1 - self.0 < 2 {
            return (self, None);
        }
        let mid = self.0 + (self.1 - self.0) / 2;
        (Span(self.0, mid), Some(Span(mid, self.1)))
    }
    fn fold_with<F: Folder<u32>>(self, folder: F) -> F {
        folder.consume_iter(self.0..self.1)
    }
}

/// A parallel iterator over `0..n` written against the plumbing traits.
struct Upto(u32);

impl ParallelIterator for Upto {
    type Item = u32;

    fn drive_unindexed<C: UnindexedConsumer<u32>>(self, consumer: C) -> C::Result {
        bridge(self, consumer)
    }
    fn opt_len(&self) -> Option<usize> {
        Some(self.0 as usize)
    }
}

impl IndexedParallelIterator for Upto {
    fn len(&self) -> usize {
        self.0 as usize
    }
    fn drive<C: Consumer<u32>>(self, consumer: C) -> C::Result {
        bridge(self, consumer)
    }
    fn with_producer<CB: ProducerCallback<u32>>(self, callback: CB) -> CB::Output {
        callback.callback(Span(0, self.0))
    }
}

/// Counts a producer's items through `bridge_producer_consumer` after a manual split.
struct CountCallback(usize);

impl ProducerCallback<u32> for CountCallback {
    type Output = usize;

    fn callback<P: Producer<Item = u32>>(self, producer: P) -> usize {
        assert!(producer.min_len() <= producer.max_len());
        let (left, right) = producer.split_at(self.0 / 2);
        let l = left.fold_with(CountFolder(0)).0;
        let r = bridge_producer_consumer(self.0 - self.0 / 2, right, Count);
        l + r
    }
}

#[test]
fn plumbing() {
    assert_eq!(Upto(1000).drive_unindexed(Count), 1000);
    assert_eq!(Upto(1000).drive(Count), 1000);
    assert_eq!(Upto(1000).with_producer(CountCallback(1000)), 1000);
    assert_eq!(Upto(1000).map(|x| x as u64).sum::<u64>(), 499_500);
    assert_eq!((0..1000u32).into_par_iter().drive(Count), 1000);
    assert_eq!(bridge(Upto(10), Count), 10);
    assert_eq!(bridge_producer_consumer(10, Span(0, 10), Count), 10);
    assert_eq!(bridge_unindexed(Span(0, 1000), Count), 1000);

    let (l, r, red) = Consumer::<u8>::split_at(Count, 1);
    assert!(!Consumer::<u8>::full(&l));
    let lf = Consumer::<u8>::into_folder(l).consume(1);
    let rf = Consumer::<u8>::into_folder(r).consume_iter([1, 2]);
    assert!(!Folder::<u8>::full(&lf));
    assert_eq!(
        red.reduce(Folder::<u8>::complete(lf), Folder::<u8>::complete(rf)),
        3
    );
    let left = UnindexedConsumer::<u8>::split_off_left(&Count);
    let red = UnindexedConsumer::<u8>::to_reducer(&left);
    assert_eq!(red.reduce(1, 2), 3);
    let (a, b) = UnindexedProducer::split(Span(0, 4));
    assert_eq!(
        UnindexedProducer::fold_with(a, CountFolder(0)).0 + b.map_or(0, |b| b.1 - b.0) as usize,
        4
    );
    assert_eq!(Producer::into_iter(Span(2, 5)).len(), 3);
}

// ---------------------------------------------------------------------------------------
// `IntoParallelIterator`, `IntoParallelRefIterator`, `IntoParallelRefMutIterator`: every
// implementation, grouped by source type, with the iterator type each names.
// ---------------------------------------------------------------------------------------

#[test]
fn into_par_iter_slices_vecs_arrays() {
    let mut v = vec![1, 2, 3];
    let it: beat::slice::Iter<'_, i32> = v[..].into_par_iter();
    assert_eq!(indexed(clone_debug(&it)).sum::<i32>(), 6);
    let it: beat::slice::Iter<'_, i32> = (&v).into_par_iter();
    assert_eq!(it.count(), 3);
    let it: beat::slice::Iter<'_, i32> = v.par_iter();
    assert_eq!(it.count(), 3);
    let it: beat::slice::IterMut<'_, i32> = (&mut v[..]).into_par_iter();
    debug(&it);
    indexed(it).for_each(|x| *x += 1);
    let it: beat::slice::IterMut<'_, i32> = (&mut v).into_par_iter();
    it.for_each(|x| *x += 1);
    let it: beat::slice::IterMut<'_, i32> = v.par_iter_mut();
    it.for_each(|x| *x += 1);
    assert_eq!(v, [4, 5, 6]);
    let it: beat::vec::IntoIter<i32> = v.into_par_iter();
    assert_eq!(indexed(clone_debug(&it)).sum::<i32>(), 15);

    let mut bx: Box<[i32]> = Box::new([1, 2, 3]);
    let it: beat::slice::Iter<'_, i32> = (&bx).into_par_iter();
    assert_eq!(it.sum::<i32>(), 6);
    let it: beat::slice::IterMut<'_, i32> = (&mut bx).into_par_iter();
    it.for_each(|x| *x *= 2);
    assert_eq!(bx.par_iter().sum::<i32>(), 12);
    let it: beat::vec::IntoIter<i32> = bx.into_par_iter();
    assert_eq!(it.sum::<i32>(), 12);

    let mut arr = [1, 2, 3];
    let it: beat::slice::Iter<'_, i32> = (&arr).into_par_iter();
    assert_eq!(it.sum::<i32>(), 6);
    let it: beat::slice::IterMut<'_, i32> = (&mut arr).into_par_iter();
    it.for_each(|x| *x = -*x);
    let it: beat::array::IntoIter<i32, 3> = arr.into_par_iter();
    assert_eq!(indexed(clone_debug(&it)).sum::<i32>(), -6);
}

#[test]
fn into_par_iter_ranges_options_results() {
    let it: beat::range::Iter<u16> = (0..10u16).into_par_iter();
    assert_eq!(indexed(clone_debug(&it)).map(u32::from).sum::<u32>(), 45);
    let it: beat::range::Iter<u64> = (0..10u64).into_par_iter();
    assert_eq!(it.sum::<u64>(), 45);
    let it: beat::range::Iter<char> = ('a'..'d').into_par_iter();
    assert_eq!(it.collect::<String>(), "abc");
    let it: beat::range_inclusive::Iter<u8> = (0..=255u8).into_par_iter();
    assert_eq!(indexed(clone_debug(&it)).count(), 256);
    let it: beat::range_inclusive::Iter<i128> = (1..=3i128).into_par_iter();
    assert_eq!(it.sum::<i128>(), 6);

    let mut o = Some(1);
    let it: beat::option::Iter<'_, i32> = (&o).into_par_iter();
    assert_eq!(indexed(clone_debug(&it)).count(), 1);
    let it: beat::option::IterMut<'_, i32> = (&mut o).into_par_iter();
    debug(&it);
    indexed(it).for_each(|x| *x += 1);
    let it: beat::option::IntoIter<i32> = o.into_par_iter();
    assert_eq!(indexed(clone_debug(&it)).sum::<i32>(), 2);

    let mut r: Result<i32, String> = Ok(1);
    let it: beat::result::Iter<'_, i32> = (&r).into_par_iter();
    assert_eq!(indexed(clone_debug(&it)).count(), 1);
    let it: beat::result::IterMut<'_, i32> = (&mut r).into_par_iter();
    debug(&it);
    indexed(it).for_each(|x| *x += 1);
    let it: beat::result::IntoIter<i32> = r.into_par_iter();
    assert_eq!(indexed(clone_debug(&it)).sum::<i32>(), 2);

    // Every `ParallelIterator` is its own `IntoParallelIterator`.
    let m = (0..3).into_par_iter().map(|x| x + 1);
    assert_eq!(m.into_par_iter().sum::<i32>(), 6);
}

#[test]
fn into_par_iter_collections() {
    let mut map: HashMap<i32, i32> = (0..10).map(|i| (i, i)).collect();
    let it: beat::collections::hash_map::Iter<'_, i32, i32> = (&map).into_par_iter();
    assert_eq!(clone_debug(&it).count(), 10);
    let it: beat::collections::hash_map::IterMut<'_, i32, i32> = (&mut map).into_par_iter();
    debug(&it);
    it.for_each(|(_, v)| *v += 1);
    let it: beat::collections::hash_map::IntoIter<i32, i32> = map.into_par_iter();
    debug(&it);
    assert_eq!(it.map(|(_, v)| v).sum::<i32>(), 55);

    let set: HashSet<i32> = (0..10).collect();
    let it: beat::collections::hash_set::Iter<'_, i32> = (&set).into_par_iter();
    assert_eq!(clone_debug(&it).count(), 10);
    let it: beat::collections::hash_set::IntoIter<i32> = set.into_par_iter();
    debug(&it);
    assert_eq!(it.sum::<i32>(), 45);

    let mut map: BTreeMap<i32, i32> = (0..10).map(|i| (i, i)).collect();
    let it: beat::collections::btree_map::Iter<'_, i32, i32> = (&map).into_par_iter();
    assert_eq!(clone_debug(&it).count(), 10);
    let it: beat::collections::btree_map::IterMut<'_, i32, i32> = (&mut map).into_par_iter();
    debug(&it);
    it.for_each(|(_, v)| *v += 1);
    let it: beat::collections::btree_map::IntoIter<i32, i32> = map.into_par_iter();
    debug(&it);
    assert_eq!(it.map(|(_, v)| v).sum::<i32>(), 55);

    let set: BTreeSet<i32> = (0..10).collect();
    let it: beat::collections::btree_set::Iter<'_, i32> = (&set).into_par_iter();
    assert_eq!(clone_debug(&it).count(), 10);
    let it: beat::collections::btree_set::IntoIter<i32> = set.into_par_iter();
    debug(&it);
    assert_eq!(it.sum::<i32>(), 45);

    let mut dq: VecDeque<i32> = (0..10).collect();
    let it: beat::collections::vec_deque::Iter<'_, i32> = (&dq).into_par_iter();
    assert_eq!(indexed(clone_debug(&it)).count(), 10);
    let it: beat::collections::vec_deque::IterMut<'_, i32> = (&mut dq).into_par_iter();
    debug(&it);
    indexed(it).for_each(|x| *x += 1);
    let it: beat::collections::vec_deque::IntoIter<i32> = dq.into_par_iter();
    assert_eq!(indexed(clone_debug(&it)).sum::<i32>(), 55);

    let heap: BinaryHeap<i32> = (0..10).collect();
    let it: beat::collections::binary_heap::Iter<'_, i32> = (&heap).into_par_iter();
    assert_eq!(indexed(clone_debug(&it)).count(), 10);
    let it: beat::collections::binary_heap::IntoIter<i32> = heap.into_par_iter();
    assert_eq!(indexed(clone_debug(&it)).sum::<i32>(), 45);

    let mut list: LinkedList<i32> = (0..10).collect();
    let it: beat::collections::linked_list::Iter<'_, i32> = (&list).into_par_iter();
    assert_eq!(clone_debug(&it).count(), 10);
    let it: beat::collections::linked_list::IterMut<'_, i32> = (&mut list).into_par_iter();
    debug(&it);
    it.for_each(|x| *x += 1);
    let it: beat::collections::linked_list::IntoIter<i32> = list.into_par_iter();
    assert_eq!(clone_debug(&it).sum::<i32>(), 55);
}

#[test]
fn multizip() {
    // By value: a tuple of 3, then a tuple of 12.
    let z: beat::iter::MultiZip<(
        beat::range::Iter<i32>,
        beat::vec::IntoIter<char>,
        beat::slice::Iter<'_, u8>,
    )> = (0..5, vec!['a', 'b', 'c'], &[7u8, 8, 9, 10][..]).into_par_iter();
    let z = indexed(clone_debug(&z));
    assert_eq!(z.len(), 3);
    assert_eq!(
        z.collect::<Vec<(i32, char, &u8)>>(),
        [(0, 'a', &7), (1, 'b', &8), (2, 'c', &9)]
    );
    let twelve = (
        0..4,
        1..5,
        2..6,
        3..7,
        4..8,
        5..9,
        6..10,
        7..11,
        8..12,
        9..13,
        10..14,
        vec![11, 12, 13],
    );
    let z = indexed(twelve.clone().into_par_iter());
    let sums: Vec<i32> = z
        .map(|(a, b, c, d, e, f, g, h, i, j, k, l)| a + b + c + d + e + f + g + h + i + j + k + l)
        .collect();
    assert_eq!(sums, [66, 78, 90]);

    // By shared reference: `&(A, B, C)` and `par_iter()` on the tuple.
    let t3 = (vec![1, 2, 3], vec![4, 5, 6, 7], [10u8, 20]);
    let z: beat::iter::MultiZip<(
        beat::slice::Iter<'_, i32>,
        beat::slice::Iter<'_, i32>,
        beat::slice::Iter<'_, u8>,
    )> = (&t3).into_par_iter();
    assert_eq!(z.collect::<Vec<_>>(), [(&1, &4, &10), (&2, &5, &20)]);
    assert_eq!(t3.par_iter().count(), 2);
    let v12: (
        Vec<i32>,
        Vec<i32>,
        Vec<i32>,
        Vec<i32>,
        Vec<i32>,
        Vec<i32>,
        Vec<i32>,
        Vec<i32>,
        Vec<i32>,
        Vec<i32>,
        Vec<i32>,
        Vec<i32>,
    ) = (
        vec![1; 3],
        vec![2; 4],
        vec![3; 5],
        vec![4; 6],
        vec![5; 7],
        vec![6; 8],
        vec![7; 9],
        vec![8; 10],
        vec![9; 11],
        vec![10; 12],
        vec![11; 13],
        vec![12; 14],
    );
    let total: i32 = v12
        .par_iter()
        .map(|(a, b, c, d, e, f, g, h, i, j, k, l)| a + b + c + d + e + f + g + h + i + j + k + l)
        .sum();
    assert_eq!(total, 3 * 78);

    // By mutable reference: `&mut (A, B, C)` and `par_iter_mut()` on the tuple.
    let mut m3 = (vec![1, 2, 3], vec![0; 3], vec![5, 5]);
    (&mut m3).into_par_iter().for_each(|(a, b, c)| {
        *b = *a * *c;
        *c += 1;
    });
    assert_eq!(m3, (vec![1, 2, 3], vec![5, 10, 0], vec![6, 6]));
    m3.par_iter_mut().for_each(|(a, b, _)| std::mem::swap(a, b));
    assert_eq!(m3, (vec![5, 10, 3], vec![1, 2, 0], vec![6, 6]));
    let mut m12 = v12.clone();
    m12.par_iter_mut()
        .for_each(|(a, b, c, d, e, f, g, h, i, j, k, l)| {
            for x in [a, b, c, d, e, f, g, h, i, j, k, l] {
                *x *= -1;
            }
        });
    assert_eq!(m12.0, [-1; 3]);
    assert_eq!(m12.11[..3], [-12; 3]);
    assert_eq!(m12.11[3..], [12; 11]);
    (&mut m12).into_par_iter().for_each(|t| *t.0 = 0);
    assert_eq!(m12.0, [0; 3]);

    // One element.
    let one: Vec<(i32,)> = (vec![4, 5],).into_par_iter().collect();
    assert_eq!(one, [(4,), (5,)]);
}

#[test]
fn either() {
    let e: Either<beat::range::Iter<i32>, beat::vec::IntoIter<i32>> =
        Either::Left((0..4).into_par_iter());
    assert_eq!(indexed(e).sum::<i32>(), 6);
    let e: Either<beat::range::Iter<i32>, beat::vec::IntoIter<i32>> =
        Either::Right(vec![5, 6].into_par_iter());
    assert_eq!(e.collect::<Vec<_>>(), [5, 6]);
    let mut e: Either<Vec<i32>, HashSet<i32>> = Either::Left(Vec::new());
    e.par_extend(0..3);
    assert_eq!(e.left().unwrap(), [0, 1, 2]);
}

// ---------------------------------------------------------------------------------------
// `FromParallelIterator` and `ParallelExtend`: every implementation.
// ---------------------------------------------------------------------------------------

#[test]
fn from_parallel_iterator() {
    let r = || (0..5).into_par_iter();
    assert_eq!(Vec::<i32>::from_par_iter(r()), [0, 1, 2, 3, 4]);
    assert_eq!(&*r().collect::<Box<[i32]>>(), [0, 1, 2, 3, 4]);
    assert_eq!(&*r().collect::<Rc<[i32]>>(), [0, 1, 2, 3, 4]);
    assert_eq!(&*r().collect::<Arc<[i32]>>(), [0, 1, 2, 3, 4]);
    assert_eq!(r().collect::<VecDeque<i32>>(), [0, 1, 2, 3, 4]);
    assert_eq!(
        r().collect::<BinaryHeap<i32>>().into_sorted_vec(),
        [0, 1, 2, 3, 4]
    );
    assert_eq!(r().collect::<LinkedList<i32>>().len(), 5);
    assert_eq!(r().map(|x| (x, x)).collect::<HashMap<i32, i32>>()[&3], 3);
    assert_eq!(r().map(|x| (x, x)).collect::<BTreeMap<i32, i32>>()[&3], 3);
    assert!(r().collect::<HashSet<i32>>().contains(&4));
    assert!(r().collect::<BTreeSet<i32>>().contains(&4));

    let chars = ['a', 'b'];
    let strs = ["a", "b"];
    let s: String = chars.par_iter().copied().collect();
    assert_eq!(s, "ab");
    assert_eq!(chars.par_iter().collect::<String>(), "ab");
    assert_eq!(strs.par_iter().copied().collect::<String>(), "ab");
    let cows = || strs.par_iter().map(|&s| Cow::Borrowed(s));
    assert_eq!(cows().collect::<String>(), "ab");
    let boxes = || strs.par_iter().map(|&s| Box::<str>::from(s));
    assert_eq!(boxes().collect::<String>(), "ab");
    let strings = || strs.par_iter().map(|&s| s.to_string());
    assert_eq!(strings().collect::<String>(), "ab");
    assert_eq!(&*chars.par_iter().copied().collect::<Box<str>>(), "ab");
    assert_eq!(&*chars.par_iter().collect::<Box<str>>(), "ab");
    assert_eq!(&*strs.par_iter().copied().collect::<Box<str>>(), "ab");
    assert_eq!(&*cows().collect::<Box<str>>(), "ab");
    assert_eq!(&*boxes().collect::<Box<str>>(), "ab");
    assert_eq!(&*strings().collect::<Box<str>>(), "ab");

    let os = [OsStr::new("a"), OsStr::new("b")];
    assert_eq!(os.par_iter().copied().collect::<OsString>(), "ab");
    assert_eq!(
        os.par_iter()
            .map(|s| s.to_os_string())
            .collect::<OsString>(),
        "ab"
    );
    assert_eq!(
        os.par_iter()
            .map(|&s| Cow::Borrowed(s))
            .collect::<OsString>(),
        "ab"
    );

    let c: Cow<'_, [i32]> = r().collect();
    assert_eq!(&*c, [0, 1, 2, 3, 4]);
    let () = r().map(|_| ()).collect();
    let (a, b): (Vec<i32>, BTreeSet<i32>) = r().map(|x| (x, x)).collect();
    assert_eq!((a.len(), b.len()), (5, 5));
    let (l, rr): (Vec<i32>, Vec<i32>) = r()
        .map(|x| {
            if x % 2 == 0 {
                Either::Left(x)
            } else {
                Either::Right(x)
            }
        })
        .collect();
    assert_eq!((l, rr), (vec![0, 2, 4], vec![1, 3]));
    let o: Option<Vec<i32>> = r().map(Some).collect();
    assert_eq!(o.unwrap().len(), 5);
    let e: Result<Vec<i32>, i32> = r().map(|x| if x < 3 { Ok(x) } else { Err(x) }).collect();
    assert!(e.is_err());
}

#[test]
fn parallel_extend() {
    let src = [3, 1, 2];
    let mut heap = BinaryHeap::new();
    heap.par_extend(src.par_iter().copied());
    heap.par_extend(&src);
    assert_eq!(heap.len(), 6);
    let mut map = BTreeMap::new();
    map.par_extend(src.par_iter().map(|&x| (x, x)));
    map.par_extend(src.par_iter().map(|x| (x, x)));
    assert_eq!(map.len(), 3);
    let mut set = BTreeSet::new();
    set.par_extend(src.par_iter().copied());
    set.par_extend(&src);
    assert_eq!(set.len(), 3);
    let mut map = HashMap::new();
    map.par_extend(src.par_iter().map(|&x| (x, x)));
    map.par_extend(src.par_iter().map(|x| (x, x)));
    assert_eq!(map.len(), 3);
    let mut set = HashSet::new();
    set.par_extend(src.par_iter().copied());
    set.par_extend(&src);
    assert_eq!(set.len(), 3);
    let mut list = LinkedList::new();
    list.par_extend(src.par_iter().copied());
    list.par_extend(&src);
    assert_eq!(list.len(), 6);
    let mut dq = VecDeque::new();
    dq.par_extend(src.par_iter().copied());
    dq.par_extend(&src);
    assert_eq!(dq, [3, 1, 2, 3, 1, 2]);
    let mut v = Vec::new();
    v.par_extend(src.par_iter().copied());
    v.par_extend(&src);
    assert_eq!(v, [3, 1, 2, 3, 1, 2]);

    let mut os = OsString::new();
    let parts = [OsStr::new("a"), OsStr::new("b")];
    os.par_extend(parts.par_iter().copied());
    os.par_extend(parts.par_iter().map(|s| s.to_os_string()));
    os.par_extend(parts.par_iter().map(|&s| Cow::Borrowed(s)));
    assert_eq!(os, "ababab");

    let mut s = String::new();
    let chars = ['x', 'y'];
    let strs = ["p", "q"];
    s.par_extend(chars.par_iter().copied());
    s.par_extend(&chars);
    s.par_extend(strs.par_iter().copied());
    s.par_extend(strs.par_iter().map(|s| s.to_string()));
    s.par_extend(strs.par_iter().map(|&s| Box::<str>::from(s)));
    s.par_extend(strs.par_iter().map(|&s| Cow::Borrowed(s)));
    assert_eq!(s, "xyxypqpqpqpq");

    let mut unit = ();
    unit.par_extend(src.par_iter().map(|_| ()));
    let mut pair: (Vec<i32>, Vec<i32>) = Default::default();
    pair.par_extend(src.par_iter().map(|&x| (x, -x)));
    assert_eq!(pair.1, [-3, -1, -2]);
    let mut pair: (Vec<i32>, Vec<i32>) = Default::default();
    pair.par_extend(src.par_iter().map(|&x| {
        if x > 1 {
            Either::Left(x)
        } else {
            Either::Right(x)
        }
    }));
    assert_eq!(pair, (vec![3, 2], vec![1]));
}

#[test]
fn parallel_drain() {
    let mut v: Vec<i32> = (0..10).collect();
    let d: beat::vec::Drain<'_, i32> = v.par_drain(2..5);
    debug(&d);
    assert_eq!(indexed(d).collect::<Vec<_>>(), [2, 3, 4]);
    assert_eq!(v.len(), 7);
    let mut dq: VecDeque<i32> = (0..10).collect();
    let d: beat::collections::vec_deque::Drain<'_, i32> = dq.par_drain(..3);
    debug(&d);
    assert_eq!(indexed(d).sum::<i32>(), 3);
    let mut s = String::from("héllo");
    let d: beat::string::Drain<'_> = s.par_drain(1..3);
    debug(&d);
    assert_eq!(d.collect::<String>(), "é");
    assert_eq!(s, "hllo");

    let mut heap: BinaryHeap<i32> = (0..10).collect();
    let d: beat::collections::binary_heap::Drain<'_, i32> = heap.par_drain();
    debug(&d);
    assert_eq!(indexed(d).sum::<i32>(), 45);
    let mut map: HashMap<i32, i32> = (0..10).map(|i| (i, i)).collect();
    let d: beat::collections::hash_map::Drain<'_, i32, i32> = map.par_drain();
    debug(&d);
    assert_eq!(d.count(), 10);
    let mut set: HashSet<i32> = (0..10).collect();
    let d: beat::collections::hash_set::Drain<'_, i32> = set.par_drain();
    debug(&d);
    assert_eq!(d.sum::<i32>(), 45);
    assert!(map.is_empty() && set.is_empty() && heap.is_empty());
}

#[test]
fn par_bridge() {
    let b: beat::iter::IterBridge<std::ops::Range<i32>> = (0..100).par_bridge();
    assert_eq!(clone_debug(&b).sum::<i32>(), 4950);
}

// ---------------------------------------------------------------------------------------
// `rayon::slice`: `ParallelSlice`, `ParallelSliceMut` and their iterator types.
// ---------------------------------------------------------------------------------------

#[test]
fn parallel_slice() {
    let v: Vec<i32> = (0..10).collect();
    assert_eq!(v.as_parallel_slice(), &v[..]);
    let s: beat::slice::Split<'_, i32, _> = v.par_split(|x| x % 4 == 0);
    assert_eq!(clone_debug(&s).count(), 4);
    let s: beat::slice::SplitInclusive<'_, i32, _> = v.par_split_inclusive(|x| x % 4 == 0);
    assert_eq!(clone_debug(&s).count(), 4);
    let w: beat::slice::Windows<'_, i32> = v.par_windows(3);
    assert_eq!(indexed(clone_debug(&w)).count(), 8);
    let w: beat::slice::ArrayWindows<'_, i32, 3> = v.par_array_windows::<3>();
    assert_eq!(indexed(clone_debug(&w)).map(|w| w[2]).max(), Some(9));
    let c: beat::slice::Chunks<'_, i32> = v.par_chunks(4);
    assert_eq!(indexed(clone_debug(&c)).count(), 3);
    let c: beat::slice::ChunksExact<'_, i32> = v.par_chunks_exact(4);
    assert_eq!(c.remainder(), [8, 9]);
    assert_eq!(indexed(clone_debug(&c)).count(), 2);
    let c: beat::slice::RChunks<'_, i32> = v.par_rchunks(4);
    assert_eq!(
        indexed(clone_debug(&c)).map(|c| c[0]).collect::<Vec<_>>(),
        [6, 2, 0]
    );
    let c: beat::slice::RChunksExact<'_, i32> = v.par_rchunks_exact(4);
    assert_eq!(c.remainder(), [0, 1]);
    assert_eq!(indexed(clone_debug(&c)).count(), 2);
    let c: beat::slice::ChunkBy<'_, i32, _> = [1, 1, 2, 3, 3].par_chunk_by(|a, b| a == b);
    assert_eq!(clone_debug(&c).count(), 3);
}

#[test]
fn parallel_slice_mut() {
    let mut v: Vec<i32> = (0..10).collect();
    assert_eq!(v.as_parallel_slice_mut().len(), 10);
    let s: beat::slice::SplitMut<'_, i32, _> = v.par_split_mut(|x| x % 4 == 0);
    debug(&s);
    assert_eq!(s.count(), 4);
    let s: beat::slice::SplitInclusiveMut<'_, i32, _> = v.par_split_inclusive_mut(|x| x % 4 == 0);
    debug(&s);
    assert_eq!(s.count(), 4);
    let c: beat::slice::ChunksMut<'_, i32> = v.par_chunks_mut(4);
    debug(&c);
    indexed(c).for_each(|c| c[0] += 100);
    assert_eq!(v[4], 104);

    let mut c: beat::slice::ChunksExactMut<'_, i32> = v.par_chunks_exact_mut(4);
    debug(&c);
    assert_eq!(c.remainder(), [108, 9]);
    assert_eq!(c.take_remainder(), [108, 9]);
    assert!(c.remainder().is_empty());
    indexed(c).for_each(|c| c[1] = 0);
    let c = v.par_chunks_exact_mut(4);
    assert_eq!(c.into_remainder(), [108, 9]);

    let c: beat::slice::RChunksMut<'_, i32> = v.par_rchunks_mut(4);
    debug(&c);
    assert_eq!(indexed(c).count(), 3);
    let mut c: beat::slice::RChunksExactMut<'_, i32> = v.par_rchunks_exact_mut(4);
    debug(&c);
    assert_eq!(c.remainder(), [100, 0]);
    assert_eq!(c.take_remainder(), [100, 0]);
    assert_eq!(indexed(c).count(), 2);
    let c = v.par_rchunks_exact_mut(4);
    assert_eq!(c.into_remainder(), [100, 0]);

    let mut w = [1, 1, 2];
    let c: beat::slice::ChunkByMut<'_, i32, _> = w.par_chunk_by_mut(|a, b| a == b);
    debug(&c);
    c.for_each(|c| c[0] = c.len() as i32);
    assert_eq!(w, [2, 1, 1]);
}

#[test]
fn slice_sorts() {
    let data = [5, 3, 9, 1, 3, 7];
    let sorted_data = [1, 3, 3, 5, 7, 9];
    let mut v = data;
    v.par_sort();
    assert_eq!(v, sorted_data);
    let mut v = data;
    v.par_sort_by(|a, b| b.cmp(a));
    assert_eq!(v, [9, 7, 5, 3, 3, 1]);
    let mut v = data;
    v.par_sort_by_key(|x| -x);
    assert_eq!(v, [9, 7, 5, 3, 3, 1]);
    let mut v = data;
    v.par_sort_by_cached_key(|x| x.to_string());
    assert_eq!(v, sorted_data);
    let mut v = data;
    v.par_sort_unstable();
    assert_eq!(v, sorted_data);
    let mut v = data;
    v.par_sort_unstable_by(|a, b| b.cmp(a));
    assert_eq!(v, [9, 7, 5, 3, 3, 1]);
    let mut v = data;
    v.par_sort_unstable_by_key(|x| -x);
    assert_eq!(v, [9, 7, 5, 3, 3, 1]);
}

// ---------------------------------------------------------------------------------------
// `rayon::str`: `ParallelString` and its iterator types.
// ---------------------------------------------------------------------------------------

#[test]
fn parallel_string() {
    let s = "ab,c d\nef,\r\ngh";
    assert_eq!(s.as_parallel_string(), s);
    let c: beat::str::Chars<'_> = s.par_chars();
    assert_eq!(clone_debug(&c).count(), s.chars().count());
    let c: beat::str::CharIndices<'_> = s.par_char_indices();
    assert_eq!(
        clone_debug(&c).collect::<Vec<_>>(),
        s.char_indices().collect::<Vec<_>>()
    );
    let b: beat::str::Bytes<'_> = s.par_bytes();
    assert_eq!(clone_debug(&b).count(), s.len());
    let u: beat::str::EncodeUtf16<'_> = s.par_encode_utf16();
    assert_eq!(clone_debug(&u).count(), s.encode_utf16().count());

    let sp: beat::str::Split<'_, char> = s.par_split(',');
    assert_eq!(
        clone_debug(&sp).collect::<Vec<_>>(),
        s.split(',').collect::<Vec<_>>()
    );
    let sp: beat::str::Split<'_, &[char]> = s.par_split(&[',', ' '][..]);
    assert_eq!(sp.count(), s.split(&[',', ' '][..]).count());
    let sp: beat::str::Split<'_, [char; 2]> = s.par_split([',', ' ']);
    assert_eq!(sp.count(), s.split([',', ' ']).count());
    let sp: beat::str::Split<'_, &[char; 2]> = s.par_split(&[',', ' ']);
    assert_eq!(sp.count(), s.split(&[',', ' ']).count());
    let sp = s.par_split(char::is_whitespace);
    assert_eq!(sp.count(), s.split(char::is_whitespace).count());
    let sp: beat::str::SplitInclusive<'_, char> = s.par_split_inclusive(',');
    let want: Vec<&str> = s.split_inclusive(',').collect();
    assert_eq!(clone_debug(&sp).collect::<Vec<_>>(), want);
    let sp: beat::str::SplitTerminator<'_, char> = "a,b,".par_split_terminator(',');
    assert_eq!(clone_debug(&sp).collect::<Vec<_>>(), ["a", "b"]);
    let l: beat::str::Lines<'_> = s.par_lines();
    assert_eq!(
        clone_debug(&l).collect::<Vec<_>>(),
        s.lines().collect::<Vec<_>>()
    );
    let w: beat::str::SplitWhitespace<'_> = s.par_split_whitespace();
    let want: Vec<&str> = s.split_whitespace().collect();
    assert_eq!(clone_debug(&w).collect::<Vec<_>>(), want);
    let w: beat::str::SplitAsciiWhitespace<'_> = s.par_split_ascii_whitespace();
    let want: Vec<&str> = s.split_ascii_whitespace().collect();
    assert_eq!(clone_debug(&w).collect::<Vec<_>>(), want);
    let m: beat::str::Matches<'_, char> = s.par_matches(',');
    assert_eq!(clone_debug(&m).count(), 2);
    let m: beat::str::MatchIndices<'_, char> = s.par_match_indices(',');
    let want: Vec<(usize, &str)> = s.match_indices(',').collect();
    assert_eq!(clone_debug(&m).collect::<Vec<_>>(), want);

    // Through `String`'s `Deref`, as in rayon.
    let owned = String::from("x y");
    assert_eq!(owned.par_split_whitespace().count(), 2);
}
