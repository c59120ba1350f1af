//! The driver's decisions under a fake clock: deterministic, whatever the machine's speed.

use std::sync::atomic::{AtomicU64, Ordering};

use super::adaptive::{batch_len, drive_with, LEAF_NS, PROBE_NS, UNTIMED_NS};
use super::clock::Clock;
use super::estimates::{self, key_of};
use super::{Consumer, Folder, Producer, Reducer};

/// A clock that only moves when the items say so.
#[derive(Clone, Copy)]
struct FakeClock(&'static AtomicU64);

impl FakeClock {
    fn new() -> Self {
        FakeClock(Box::leak(Box::new(AtomicU64::new(0))))
    }
    fn advance(&self, ns: u64) {
        self.0.fetch_add(ns, Ordering::Relaxed);
    }
}

impl Clock for FakeClock {
    fn now(&self) -> u64 {
        self.0.load(Ordering::Relaxed)
    }
}

/// Items `start..end`; folding one advances the fake clock by `cost` ns.
struct Items {
    start: usize,
    end: usize,
    clock: FakeClock,
    cost: u64,
}

impl Producer for Items {
    type Item = usize;
    type IntoIter = std::vec::IntoIter<usize>;

    fn into_iter(self) -> Self::IntoIter {
        self.clock
            .advance(self.cost * (self.end - self.start) as u64);
        (self.start..self.end).collect::<Vec<_>>().into_iter()
    }
    fn split_at(self, i: usize) -> (Self, Self) {
        let mid = self.start + i;
        (Items { end: mid, ..self }, Items { start: mid, ..self })
    }
}

/// Records each item with the pool thread that folded it (`None`: the calling thread).
struct Record;
struct RecordFolder(Vec<(usize, Option<usize>)>);
struct Concat;

impl Consumer<usize> for Record {
    type Folder = RecordFolder;
    type Reducer = Concat;
    type Result = Vec<(usize, Option<usize>)>;

    fn split_at(self, _: usize) -> (Self, Self, Concat) {
        (Record, Record, Concat)
    }
    fn into_folder(self) -> RecordFolder {
        RecordFolder(Vec::new())
    }
    fn full(&self) -> bool {
        false
    }
}

impl Folder<usize> for RecordFolder {
    type Result = Vec<(usize, Option<usize>)>;

    fn consume(mut self, item: usize) -> Self {
        self.0.push((item, beat_core::current_thread_index()));
        self
    }
    fn complete(self) -> Self::Result {
        self.0
    }
    fn full(&self) -> bool {
        false
    }
}

impl Reducer<Vec<(usize, Option<usize>)>> for Concat {
    fn reduce(
        self,
        mut a: Vec<(usize, Option<usize>)>,
        b: Vec<(usize, Option<usize>)>,
    ) -> Vec<(usize, Option<usize>)> {
        a.extend(b);
        a
    }
}

fn run(key: usize, len: usize, cost: u64) -> Vec<(usize, Option<usize>)> {
    let clock = FakeClock::new();
    let items = Items {
        start: 0,
        end: len,
        clock,
        cost,
    };
    let out = drive_with(clock, key_of(key), "test", len, items, Record);
    let order: Vec<usize> = out.iter().map(|&(i, _)| i).collect();
    assert_eq!(
        order,
        (0..len).collect::<Vec<_>>(),
        "order and completeness"
    );
    out
}

#[test]
fn batch_len_targets_the_leaf_time_within_bounds() {
    assert_eq!(batch_len(10.0, 1, usize::MAX), (LEAF_NS / 10.0) as usize);
    assert_eq!(batch_len(1e9, 1, usize::MAX), 1);
    assert_eq!(batch_len(10.0, 5000, usize::MAX), 5000);
    assert_eq!(batch_len(10.0, 1, 7), 7);
    assert_eq!(batch_len(0.0, 1, 100), 100);
    assert_eq!(batch_len(f64::NAN, 3, 100), 100);
    // A max below the min yields to the min.
    assert_eq!(batch_len(10.0, 9, 2), 9);
}

#[test]
fn the_probe_measures_the_cost_per_item() {
    let key = 0x5EED_0000 + (1 << 6);
    run(key, 100_000, 50);
    let ns = estimates::lookup(key_of(key)).expect("estimate stored");
    assert!((ns - 50.0).abs() < 1e-6, "estimated {ns} ns per item");
}

#[test]
fn small_work_stays_on_the_calling_thread() {
    // 1,000 items of 10 ns: 10 us, far below the inline threshold off the pool.
    let out = run(0x5EED_0000 + (2 << 6), 1_000, 10);
    assert!(out.iter().all(|&(_, t)| t.is_none()));
    // Remembered now; a call under the untimed bound still runs inline.
    let n = (UNTIMED_NS / 10.0) as usize - 1;
    let out = run(0x5EED_0000 + (2 << 6), n, 10);
    assert!(out.iter().all(|&(_, t)| t.is_none()));
}

#[test]
fn large_work_goes_to_the_pool() {
    if beat_core::current_num_threads() < 2 {
        return; // A one-thread pool runs everything inline by design.
    }
    // 10,000 items of 1 us: 10 ms.
    let out = run(0x5EED_0000 + (3 << 6), 10_000, 1_000);
    let on_pool = out.iter().filter(|&&(_, t)| t.is_some()).count();
    // The probe runs on the calling thread; the rest goes to the pool.
    let probed = out.len() - on_pool;
    assert!(on_pool > 0);
    assert!(
        (probed as u64) * 1_000 < 2 * PROBE_NS + 1_000,
        "{probed} items probed"
    );
}

#[test]
fn a_remembered_estimate_sizes_the_first_chunk() {
    let key = 0x5EED_0000 + (4 << 6);
    run(key, 50_000, 100);
    assert_eq!(estimates::lookup(key_of(key)), Some(100.0));
    // Costs changed: the next call's probe measures again and the estimate follows.
    run(key, 50_000, 400);
    assert_eq!(estimates::lookup(key_of(key)), Some(400.0));
}

#[test]
fn one_thread_pools_run_inline() {
    let pool = beat_core::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .unwrap();
    let out = pool.install(|| run(0x5EED_0000 + (5 << 6), 10_000, 1_000));
    assert!(out.iter().all(|&(_, t)| t == Some(0)));
}
