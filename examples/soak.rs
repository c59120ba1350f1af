//! A soak test: random trees of nested parallel work, checked against a sequential model.
//!
//! Run it with `cargo run --release --example soak -- --seconds 60 [--seed S] [--stall 30]`.
//! `tests/soak_short.rs` runs it for a few seconds as part of `cargo test`.
//!
//! Each round builds a random tree (from a seeded xorshift generator) of `join`, `scope` with
//! nested `spawn`, `scope_fifo`, parallel-iterator chains, `install` into a second pool,
//! detached `spawn`s, and injected panics caught at chosen points, on pools of 1, 2, 7 and
//! 64 threads. It evaluates the tree in parallel and with a sequential model and compares.
//! After each round it checks that:
//!
//! - every result equals the model's;
//! - each injected panic was thrown, caught by the `catch_unwind` expected to catch it (or
//!   dropped by the scheduler when another panic won the race), and its payload dropped
//!   exactly once;
//! - no tracked object is alive (a counting `Drop` type goes through the iterators) and the
//!   heap (a counting global allocator) does not grow round after round;
//! - every detached task ran.
//!
//! A watchdog thread aborts with a description of the work in flight and the pools'
//! statistics if no round completes within `--stall` seconds. Any failure exits nonzero.

use std::alloc::{GlobalAlloc, Layout, System};
use std::any::Any;
use std::fmt::Write as _;
use std::panic::{self, AssertUnwindSafe};
use std::sync::atomic::{AtomicBool, AtomicI64, AtomicU64, Ordering::Relaxed};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};

use beat::prelude::*;
use beat::{ThreadPool, ThreadPoolBuilder};

// ---------------------------------------------------------------------------------------
// Counting allocator and counting-Drop type.

struct Counting;

static LIVE_BYTES: AtomicI64 = AtomicI64::new(0);

// SAFETY: forwards to the system allocator unchanged; only counts bytes.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        LIVE_BYTES.fetch_add(layout.size() as i64, Relaxed);
        // SAFETY: the caller's contract is forwarded.
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE_BYTES.fetch_sub(layout.size() as i64, Relaxed);
        // SAFETY: the caller's contract is forwarded.
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        LIVE_BYTES.fetch_add(layout.size() as i64, Relaxed);
        // SAFETY: the caller's contract is forwarded.
        unsafe { System.alloc_zeroed(layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        LIVE_BYTES.fetch_add(new_size as i64 - layout.size() as i64, Relaxed);
        // SAFETY: the caller's contract is forwarded.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOC: Counting = Counting;

/// Objects of [`Tracked`] alive now.
static TRACKED_LIVE: AtomicI64 = AtomicI64::new(0);

/// A value whose live instances are counted.
struct Tracked(u64);

impl Tracked {
    fn new(v: u64) -> Tracked {
        TRACKED_LIVE.fetch_add(1, Relaxed);
        Tracked(v)
    }
}

impl Clone for Tracked {
    fn clone(&self) -> Tracked {
        Tracked::new(self.0)
    }
}

impl Drop for Tracked {
    fn drop(&mut self) {
        TRACKED_LIVE.fetch_sub(1, Relaxed);
    }
}

// ---------------------------------------------------------------------------------------
// Injected panics.

/// The payload of an injected panic: `site` is the tree node that threw it.
struct Marker {
    site: u32,
}

static THROWN: AtomicU64 = AtomicU64::new(0);
static CAUGHT: AtomicU64 = AtomicU64::new(0);
static MARKERS_DROPPED: AtomicU64 = AtomicU64::new(0);

impl Drop for Marker {
    fn drop(&mut self) {
        MARKERS_DROPPED.fetch_add(1, Relaxed);
    }
}

fn throw(site: u32) -> ! {
    THROWN.fetch_add(1, Relaxed);
    panic::panic_any(Marker { site })
}

// ---------------------------------------------------------------------------------------
// Failures and progress.

/// Set on the first failure; the main loop stops and reports.
static FAILED: AtomicBool = AtomicBool::new(false);
static FAILURES: Mutex<Vec<String>> = Mutex::new(Vec::new());

fn fail(msg: String) {
    let mut f = FAILURES.lock().unwrap_or_else(|p| p.into_inner());
    if f.len() < 20 {
        f.push(msg);
    }
    FAILED.store(true, Relaxed);
}

/// Node kinds, for the in-flight counters the watchdog prints.
const KINDS: [&str; 9] = [
    "leaf",
    "panic",
    "join",
    "scope",
    "scope_fifo",
    "par_iter",
    "install",
    "spawn",
    "catch",
];
static STARTED: [AtomicU64; 9] = [const { AtomicU64::new(0) }; 9];
static FINISHED: [AtomicU64; 9] = [const { AtomicU64::new(0) }; 9];
static DETACHED_SPAWNED: AtomicU64 = AtomicU64::new(0);
static DETACHED_DONE: AtomicU64 = AtomicU64::new(0);

/// What the current round is doing, for the watchdog.
static IN_FLIGHT: Mutex<String> = Mutex::new(String::new());
static ROUNDS_DONE: AtomicU64 = AtomicU64::new(0);

/// Counts a node's evaluation while it runs (also when it unwinds).
struct Running(usize);

impl Running {
    fn start(kind: usize) -> Running {
        STARTED[kind].fetch_add(1, Relaxed);
        Running(kind)
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        FINISHED[self.0].fetch_add(1, Relaxed);
    }
}

// ---------------------------------------------------------------------------------------
// Random trees.

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
}

fn mix(a: u64, b: u64) -> u64 {
    let x = (a ^ b.rotate_left(23)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    x ^ (x >> 29)
}

/// The parallel-iterator chains a [`Node::Par`] runs.
#[derive(Clone, Copy, Debug)]
enum Chain {
    FoldReduce,
    MapCollect,
    FilterCollect,
    FindFirst,
    Zip,
    FlatMap,
    Chunks,
    EnumRevSkipTake,
    Tracked,
    MinMaxCount,
    Nested,
}

const CHAINS: [Chain; 11] = [
    Chain::FoldReduce,
    Chain::MapCollect,
    Chain::FilterCollect,
    Chain::FindFirst,
    Chain::Zip,
    Chain::FlatMap,
    Chain::Chunks,
    Chain::EnumRevSkipTake,
    Chain::Tracked,
    Chain::MinMaxCount,
    Chain::Nested,
];

impl Chain {
    /// Whether every item is visited (so one panicking item always throws).
    fn visits_all(self) -> bool {
        matches!(
            self,
            Chain::FoldReduce
                | Chain::MapCollect
                | Chain::FilterCollect
                | Chain::Zip
                | Chain::Tracked
                | Chain::Chunks
        )
    }
}

#[derive(Debug)]
enum Node {
    Leaf(u64),
    Panic(u32),
    Join(Box<Node>, Box<Node>),
    /// Tasks spawned in a `scope`; odd ones are spawned from inside the first task.
    Scope(Vec<Node>),
    ScopeFifo(Vec<Node>),
    Par {
        chain: Chain,
        n: usize,
        /// An item whose closure panics, with the node's site id.
        panic_at: Option<(usize, u32)>,
        child: Option<Box<Node>>,
    },
    /// Runs the child in the other pool of the round.
    Install(Box<Node>),
    /// Spawns the child detached (it checks itself); evaluates to a constant.
    Spawn(Arc<Node>),
    /// Catches a panic of the child; `sites` are the panic sites it may see.
    Catch {
        id: u32,
        sites: Vec<u32>,
        child: Box<Node>,
    },
}

struct Gen<'a> {
    rng: &'a mut Rng,
    budget: usize,
    next_site: u32,
    big: bool,
}

impl Gen<'_> {
    fn site(&mut self) -> u32 {
        self.next_site += 1;
        self.next_site
    }

    /// A random node; panics only where `may_panic` (inside a `Catch`).
    fn node(&mut self, depth: u32, may_panic: bool) -> Node {
        if self.budget == 0 || depth >= 6 {
            return self.leaf(may_panic);
        }
        self.budget -= 1;
        match self.rng.below(100) {
            0..=14 => self.leaf(may_panic),
            15..=29 => Node::Join(
                Box::new(self.node(depth + 1, may_panic)),
                Box::new(self.node(depth + 1, may_panic)),
            ),
            30..=41 => {
                let k = 1 + self.rng.below(5) as usize;
                Node::Scope((0..k).map(|_| self.node(depth + 1, may_panic)).collect())
            }
            42..=49 => {
                let k = 1 + self.rng.below(5) as usize;
                Node::ScopeFifo((0..k).map(|_| self.node(depth + 1, may_panic)).collect())
            }
            50..=71 => {
                let chain = CHAINS[self.rng.below(CHAINS.len() as u64) as usize];
                let n = match chain {
                    Chain::Nested => 1 + self.rng.below(4) as usize,
                    _ if self.big && self.rng.chance(5) => self.rng.below(200_000) as usize,
                    _ => match self.rng.below(4) {
                        0 => self.rng.below(3) as usize,
                        1 => self.rng.below(100) as usize,
                        _ => self.rng.below(5_000) as usize,
                    },
                };
                let panic_at = (may_panic && chain.visits_all() && n > 0 && self.rng.chance(25))
                    .then(|| (self.rng.below(n as u64) as usize, self.site()));
                let child = matches!(chain, Chain::Nested)
                    .then(|| Box::new(self.node(depth + 1, may_panic)));
                Node::Par {
                    chain,
                    n,
                    panic_at,
                    child,
                }
            }
            72..=79 => Node::Install(Box::new(self.node(depth + 1, may_panic))),
            80..=85 => Node::Spawn(Arc::new(self.node(depth + 1, false))),
            _ => {
                let id = self.site();
                let child = self.node(depth + 1, true);
                let mut sites = Vec::new();
                child.panic_sites(&mut sites);
                Node::Catch {
                    id,
                    sites,
                    child: Box::new(child),
                }
            }
        }
    }

    fn leaf(&mut self, may_panic: bool) -> Node {
        if may_panic && self.rng.chance(20) {
            Node::Panic(self.site())
        } else {
            Node::Leaf(self.rng.next())
        }
    }
}

impl Node {
    /// The panic sites in this subtree that no inner `Catch` intercepts.
    fn panic_sites(&self, out: &mut Vec<u32>) {
        match self {
            Node::Leaf(_) | Node::Spawn(_) | Node::Catch { .. } => {}
            Node::Panic(site) => out.push(*site),
            Node::Join(a, b) => {
                a.panic_sites(out);
                b.panic_sites(out);
            }
            Node::Scope(ch) | Node::ScopeFifo(ch) => ch.iter().for_each(|c| c.panic_sites(out)),
            Node::Par {
                panic_at, child, ..
            } => {
                if let Some((_, site)) = panic_at {
                    out.push(*site);
                }
                if let Some(c) = child {
                    c.panic_sites(out);
                }
            }
            Node::Install(c) => c.panic_sites(out),
        }
    }

    fn count(&self) -> usize {
        1 + match self {
            Node::Leaf(_) | Node::Panic(_) => 0,
            Node::Join(a, b) => a.count() + b.count(),
            Node::Scope(ch) | Node::ScopeFifo(ch) => ch.iter().map(Node::count).sum(),
            Node::Par { child, .. } => child.as_ref().map_or(0, |c| c.count()),
            Node::Install(c) | Node::Catch { child: c, .. } => c.count(),
            Node::Spawn(c) => c.count(),
        }
    }
}

// ---------------------------------------------------------------------------------------
// Evaluation: parallel, and the sequential model.

const SPAWN_VALUE: u64 = 0x5EED;

/// The two pools of a round (indices into [`pools`]): `install` nodes switch between them.
#[derive(Clone, Copy)]
struct Pools {
    ids: [usize; 2],
}

fn item(i: usize, salt: u64) -> u64 {
    mix(i as u64, salt)
}

fn hash_seq(it: impl IntoIterator<Item = u64>) -> u64 {
    it.into_iter().fold(0x1234, mix)
}

/// Evaluates `node` in parallel on pool `side` of `pools`.
fn eval(node: &Node, salt: u64, pools: &Pools, side: usize) -> u64 {
    match node {
        Node::Leaf(k) => {
            let _r = Running::start(0);
            let t: Vec<Tracked> = (0..3).map(|i| Tracked::new(k ^ i)).collect();
            mix(*k, salt) ^ t.len() as u64
        }
        Node::Panic(site) => {
            let _r = Running::start(1);
            throw(*site)
        }
        Node::Join(a, b) => {
            let _r = Running::start(2);
            let (x, y) = beat::join(
                || eval(a, mix(salt, 1), pools, side),
                || eval(b, mix(salt, 2), pools, side),
            );
            mix(x, y)
        }
        Node::Scope(children) => {
            let _r = Running::start(3);
            let slots: Vec<AtomicU64> = children.iter().map(|_| AtomicU64::new(0)).collect();
            beat::scope(|s| {
                let slots = &slots;
                s.spawn(move |s| {
                    for (i, c) in children.iter().enumerate().skip(1).step_by(2) {
                        s.spawn(move |_| {
                            slots[i].store(eval(c, mix(salt, i as u64), pools, side), Relaxed)
                        });
                    }
                    slots[0].store(eval(&children[0], mix(salt, 0), pools, side), Relaxed);
                });
                for (i, c) in children.iter().enumerate().skip(2).step_by(2) {
                    s.spawn(move |_| {
                        slots[i].store(eval(c, mix(salt, i as u64), pools, side), Relaxed)
                    });
                }
            });
            hash_seq(slots.iter().map(|s| s.load(Relaxed)))
        }
        Node::ScopeFifo(children) => {
            let _r = Running::start(4);
            let slots: Vec<AtomicU64> = children.iter().map(|_| AtomicU64::new(0)).collect();
            beat::scope_fifo(|s| {
                for (i, c) in children.iter().enumerate() {
                    let slots = &slots;
                    s.spawn_fifo(move |_| {
                        slots[i].store(eval(c, mix(salt, i as u64), pools, side), Relaxed)
                    });
                }
            });
            hash_seq(slots.iter().map(|s| s.load(Relaxed)))
        }
        Node::Par {
            chain,
            n,
            panic_at,
            child,
        } => {
            let _r = Running::start(5);
            let n = *n;
            let f = move |i: usize| {
                if let Some((k, site)) = *panic_at {
                    if i == k {
                        throw(site);
                    }
                }
                item(i, salt)
            };
            match chain {
                Chain::FoldReduce => (0..n)
                    .into_par_iter()
                    .map(f)
                    .fold(|| 0u64, u64::wrapping_add)
                    .reduce(|| 0, u64::wrapping_add),
                Chain::MapCollect => hash_seq((0..n).into_par_iter().map(f).collect::<Vec<_>>()),
                Chain::FilterCollect => hash_seq(
                    (0..n)
                        .into_par_iter()
                        .map(f)
                        .filter(|x| x % 3 == 0)
                        .collect::<Vec<_>>(),
                ),
                Chain::FindFirst => (0..n)
                    .into_par_iter()
                    .map(f)
                    .find_first(|x| x % 97 == 0)
                    .unwrap_or(1),
                Chain::Zip => {
                    let other: Vec<u64> = (0..n + 3).map(|i| i as u64).collect();
                    hash_seq(
                        (0..n)
                            .into_par_iter()
                            .map(f)
                            .zip(&other)
                            .map(|(a, b)| a ^ b)
                            .collect::<Vec<_>>(),
                    )
                }
                Chain::FlatMap => hash_seq(
                    (0..n)
                        .into_par_iter()
                        .flat_map(|i| (0..i % 4).into_par_iter().map(move |j| item(i, j as u64)))
                        .collect::<Vec<_>>(),
                ),
                Chain::Chunks => hash_seq(
                    (0..n)
                        .into_par_iter()
                        .map(f)
                        .chunks(7)
                        .map(hash_seq)
                        .collect::<Vec<_>>(),
                ),
                Chain::EnumRevSkipTake => hash_seq(
                    (0..n)
                        .into_par_iter()
                        .map(|i| item(i, salt))
                        .enumerate()
                        .rev()
                        .skip(n / 5)
                        .take(n / 2)
                        .map(|(i, x)| mix(i as u64, x))
                        .collect::<Vec<_>>(),
                ),
                Chain::Tracked => {
                    let v: Vec<Tracked> = (0..n)
                        .into_par_iter()
                        .map(|i| Tracked::new(f(i)))
                        .filter(|t| t.0 % 2 == 0)
                        .collect();
                    hash_seq(v.iter().map(|t| t.0))
                }
                Chain::MinMaxCount => {
                    let it = || (0..n).into_par_iter().map(|i| item(i, salt));
                    let min = it().min().unwrap_or(0);
                    let max = it().max().unwrap_or(0);
                    let count = it().filter(|x| x % 5 == 0).count() as u64;
                    let any = it().any(|x| x % 1000 == 3) as u64;
                    hash_seq([min, max, count, any])
                }
                Chain::Nested => {
                    let c = child.as_deref().expect("nested chains have a child");
                    hash_seq(
                        (0..n)
                            .into_par_iter()
                            .map(|i| eval(c, mix(salt, i as u64), pools, side))
                            .collect::<Vec<_>>(),
                    )
                }
            }
        }
        Node::Install(c) => {
            let _r = Running::start(6);
            let other = 1 - side;
            pools_static()[pools.ids[other]].install(|| eval(c, salt, pools, other))
        }
        Node::Spawn(c) => {
            let _r = Running::start(7);
            DETACHED_SPAWNED.fetch_add(1, Relaxed);
            let (c, pools) = (Arc::clone(c), *pools);
            // Spawned into the current pool, which is `pools.ids[side]`.
            beat::spawn(move || {
                let _r = Running::start(7);
                let want = model(&c, salt);
                let got = eval(&c, salt, &pools, side);
                if got != want {
                    fail(format!(
                        "detached task: got {got:#x}, model {want:#x}, tree {c:?}"
                    ));
                }
                DETACHED_DONE.fetch_add(1, Relaxed);
            });
            SPAWN_VALUE
        }
        Node::Catch { id, sites, child } => {
            let _r = Running::start(8);
            match panic::catch_unwind(AssertUnwindSafe(|| eval(child, salt, pools, side))) {
                Ok(v) => {
                    if !sites.is_empty() {
                        fail(format!(
                            "catch {id}: no panic although sites {sites:?} may throw"
                        ));
                    }
                    v
                }
                Err(payload) => {
                    check_caught(*id, sites, payload);
                    mix(u64::from(*id), 0xCA7C)
                }
            }
        }
    }
}

/// Checks that a caught payload is one of ours from one of `sites`.
fn check_caught(id: u32, sites: &[u32], payload: Box<dyn Any + Send>) {
    match payload.downcast::<Marker>() {
        Ok(m) => {
            CAUGHT.fetch_add(1, Relaxed);
            if !sites.contains(&m.site) {
                fail(format!(
                    "catch {id}: caught a panic from site {} outside its sites {sites:?}",
                    m.site
                ));
            }
        }
        Err(other) => {
            let msg = other
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| other.downcast_ref::<&str>().map(|s| (*s).to_owned()))
                .unwrap_or_else(|| "<non-string payload>".to_owned());
            fail(format!("catch {id}: caught a foreign panic: {msg}"));
        }
    }
}

/// The sequential model of [`eval`].
fn model(node: &Node, salt: u64) -> u64 {
    match node {
        Node::Leaf(k) => mix(*k, salt) ^ 3,
        Node::Panic(_) => unreachable!("the model never runs a panicking subtree"),
        Node::Join(a, b) => mix(model(a, mix(salt, 1)), model(b, mix(salt, 2))),
        Node::Scope(ch) | Node::ScopeFifo(ch) => hash_seq(
            ch.iter()
                .enumerate()
                .map(|(i, c)| model(c, mix(salt, i as u64))),
        ),
        Node::Par {
            chain, n, child, ..
        } => {
            let n = *n;
            let it = || (0..n).map(|i| item(i, salt));
            match chain {
                Chain::FoldReduce => it().fold(0, u64::wrapping_add),
                Chain::MapCollect => hash_seq(it()),
                Chain::FilterCollect => hash_seq(it().filter(|x| x % 3 == 0)),
                Chain::FindFirst => it().find(|x| x % 97 == 0).unwrap_or(1),
                Chain::Zip => hash_seq(it().zip(0..n + 3).map(|(a, b)| a ^ b as u64)),
                Chain::FlatMap => {
                    hash_seq((0..n).flat_map(|i| (0..i % 4).map(move |j| item(i, j as u64))))
                }
                Chain::Chunks => {
                    let v: Vec<u64> = it().collect();
                    hash_seq(v.chunks(7).map(|c| hash_seq(c.iter().copied())))
                }
                Chain::EnumRevSkipTake => hash_seq(
                    it().enumerate()
                        .rev()
                        .skip(n / 5)
                        .take(n / 2)
                        .map(|(i, x)| mix(i as u64, x)),
                ),
                Chain::Tracked => hash_seq(it().filter(|x| x % 2 == 0)),
                Chain::MinMaxCount => hash_seq([
                    it().min().unwrap_or(0),
                    it().max().unwrap_or(0),
                    it().filter(|x| x % 5 == 0).count() as u64,
                    it().any(|x| x % 1000 == 3) as u64,
                ]),
                Chain::Nested => {
                    let c = child.as_deref().expect("nested chains have a child");
                    hash_seq((0..n).map(|i| model(c, mix(salt, i as u64))))
                }
            }
        }
        Node::Install(c) => model(c, salt),
        Node::Spawn(_) => SPAWN_VALUE,
        Node::Catch { id, sites, child } => {
            if sites.is_empty() {
                model(child, salt)
            } else {
                mix(u64::from(*id), 0xCA7C)
            }
        }
    }
}

// ---------------------------------------------------------------------------------------
// The driver.

struct Args {
    seconds: f64,
    seed: u64,
    stall: u64,
    /// A fault to plant in round 3, to show that the checks catch it.
    fault: Option<String>,
}

fn parse_args() -> Args {
    let mut args = Args {
        seconds: 10.0,
        seed: 0x5EED_1234_ABCD_0001,
        stall: 30,
        fault: None,
    };
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        let mut value = || {
            it.next()
                .unwrap_or_else(|| usage(&format!("{a} needs a value")))
        };
        match a.as_str() {
            "--seconds" => {
                args.seconds = value().parse().unwrap_or_else(|_| usage("bad --seconds"))
            }
            "--seed" => args.seed = value().parse().unwrap_or_else(|_| usage("bad --seed")),
            "--stall" => args.stall = value().parse().unwrap_or_else(|_| usage("bad --stall")),
            "--fault" => args.fault = Some(value()),
            other => usage(&format!("unknown argument {other}")),
        }
    }
    args
}

fn usage(msg: &str) -> ! {
    eprintln!(
        "soak: {msg}\nusage: soak [--seconds N] [--seed S] [--stall SECONDS] \
         [--fault mismatch|leak|escape|lost|hang]"
    );
    std::process::exit(2)
}

const POOL_SIZES: [usize; 4] = [1, 2, 7, 64];

fn pools_static() -> &'static [ThreadPool; 4] {
    static POOLS: OnceLock<[ThreadPool; 4]> = OnceLock::new();
    POOLS.get_or_init(|| {
        POOL_SIZES.map(|n| {
            ThreadPoolBuilder::new()
                .num_threads(n)
                .thread_name(move |i| format!("soak-{n}-{i}"))
                .panic_handler(|_| fail("a detached task panicked".to_owned()))
                .build()
                .expect("build a soak pool")
        })
    })
}

/// Aborts with a description of the work in flight if no round completes in time.
fn start_watchdog(stall: Duration) {
    std::thread::Builder::new()
        .name("soak-watchdog".to_owned())
        .spawn(move || {
            let mut last = ROUNDS_DONE.load(Relaxed);
            let mut since = Instant::now();
            loop {
                std::thread::sleep(Duration::from_millis(200));
                let now = ROUNDS_DONE.load(Relaxed);
                if now != last {
                    last = now;
                    since = Instant::now();
                    continue;
                }
                if since.elapsed() < stall {
                    continue;
                }
                let mut msg = format!(
                    "soak: DEADLOCK? no round completed in {} s (rounds done: {now})\n",
                    stall.as_secs()
                );
                let flight = IN_FLIGHT.lock().map(|s| s.clone()).unwrap_or_default();
                let _ = writeln!(msg, "in flight: {flight}");
                for (k, name) in KINDS.iter().enumerate() {
                    let (s, f) = (STARTED[k].load(Relaxed), FINISHED[k].load(Relaxed));
                    if s != f {
                        let _ = writeln!(msg, "  {name}: {} running", s - f);
                    }
                }
                let _ = writeln!(
                    msg,
                    "  detached tasks: {} spawned, {} done",
                    DETACHED_SPAWNED.load(Relaxed),
                    DETACHED_DONE.load(Relaxed)
                );
                for (n, pool) in POOL_SIZES.iter().zip(pools_static()) {
                    let s = pool.stats();
                    let _ = writeln!(
                        msg,
                        "  pool of {n}: jobs {} steals {} parks {} wakeups {} spawns {} injected {}",
                        s.jobs_executed, s.steals, s.parks, s.wakeups, s.spawns, s.injected
                    );
                }
                eprintln!("{msg}");
                std::process::abort();
            }
        })
        .expect("start the watchdog");
}

/// Waits until every detached task ran, or the watchdog fires.
fn wait_detached() {
    let mut spins = 0u32;
    while DETACHED_DONE.load(Relaxed) != DETACHED_SPAWNED.load(Relaxed) {
        spins += 1;
        if spins < 100 {
            std::thread::yield_now();
        } else {
            std::thread::sleep(Duration::from_micros(200));
        }
    }
}

fn main() {
    let args = parse_args();
    let default_hook = panic::take_hook();
    panic::set_hook(Box::new(move |info| {
        if info.payload().downcast_ref::<Marker>().is_none() {
            default_hook(info);
        }
    }));
    let pools = pools_static();
    start_watchdog(Duration::from_secs(args.stall));
    eprintln!(
        "soak: {} s, seed {}, pools of {POOL_SIZES:?} threads",
        args.seconds, args.seed
    );

    let start = Instant::now();
    let deadline = Duration::from_secs_f64(args.seconds);
    let mut rng = Rng(args.seed | 1);
    let mut round = 0u64;
    let mut nodes = 0u64;
    let mut baseline: Option<i64> = None;
    let mut peak_live = 0i64;
    let warmup = deadline / 5;
    while start.elapsed() < deadline && !FAILED.load(Relaxed) {
        round += 1;
        let round_seed = rng.next();
        let mut tree_rng = Rng(round_seed | 1);
        let main = tree_rng.below(4) as usize;
        let other = (main + 1 + tree_rng.below(3) as usize) % 4;
        let mut g = Gen {
            rng: &mut tree_rng,
            budget: 40,
            next_site: 0,
            big: round % 8 == 0,
        };
        let may_panic = g.rng.chance(50);
        let mut tree = g.node(0, may_panic);
        if may_panic {
            let mut sites = Vec::new();
            tree.panic_sites(&mut sites);
            tree = Node::Catch {
                id: 0,
                sites,
                child: Box::new(tree),
            };
        }
        nodes += tree.count() as u64;
        {
            let mut f = IN_FLIGHT.lock().unwrap();
            f.clear();
            let _ = write!(
                f,
                "round {round} (seed {round_seed:#x}) on pools of {} and {} threads: {tree:?}",
                POOL_SIZES[main], POOL_SIZES[other]
            );
            f.truncate(4000);
        }
        let salt = round_seed;
        let want = model(&tree, salt);
        let ps = Pools { ids: [main, other] };
        let fault = args.fault.as_deref().filter(|_| round == 3);
        let got = panic::catch_unwind(AssertUnwindSafe(|| {
            pools[main].install(|| {
                let v = eval(&tree, salt, &ps, 0);
                match fault {
                    Some("mismatch") => v ^ 1,
                    Some("leak") => {
                        std::mem::forget(Tracked::new(0));
                        v
                    }
                    Some("escape") => throw(u32::MAX),
                    Some("lost") => {
                        DETACHED_SPAWNED.fetch_add(1, Relaxed);
                        v
                    }
                    Some("hang") => {
                        beat::join(
                            || loop {
                                std::thread::sleep(Duration::from_millis(50))
                            },
                            || v,
                        )
                        .1
                    }
                    Some(other) => usage(&format!("unknown fault {other}")),
                    None => v,
                }
            })
        }));
        match got {
            Ok(got) if got == want => {}
            Ok(got) => fail(format!(
                "round {round} (seed {round_seed:#x}): got {got:#x}, model {want:#x}"
            )),
            Err(_) => fail(format!(
                "round {round} (seed {round_seed:#x}): a panic escaped the round"
            )),
        }
        wait_detached();
        drop(tree);
        let live = TRACKED_LIVE.load(Relaxed);
        if live != 0 {
            fail(format!(
                "round {round}: {live} tracked objects alive after the round (leak)"
            ));
        }
        let (thrown, dropped) = (THROWN.load(Relaxed), MARKERS_DROPPED.load(Relaxed));
        if thrown != dropped {
            fail(format!(
                "round {round}: {thrown} panics thrown but {dropped} payloads dropped"
            ));
        }
        let bytes = LIVE_BYTES.load(Relaxed);
        peak_live = peak_live.max(bytes);
        if start.elapsed() > warmup {
            let base = *baseline.get_or_insert(peak_live);
            if bytes > base + (64 << 20) {
                fail(format!(
                    "round {round}: heap grew from {base} to {bytes} bytes (leak)"
                ));
            }
        }
        if FAILED.load(Relaxed) {
            let f = IN_FLIGHT.lock().unwrap();
            fail(format!("tree of the failing round: {}", &*f));
        }
        ROUNDS_DONE.fetch_add(1, Relaxed);
    }

    let secs = start.elapsed().as_secs_f64();
    let ops: u64 = STARTED.iter().map(|s| s.load(Relaxed)).sum();
    println!(
        "soak: {round} rounds, {nodes} tree nodes, {ops} operations in {secs:.1} s ({:.0} operations/min)",
        ops as f64 * 60.0 / secs
    );
    println!(
        "soak: panics injected {}, caught {}, dropped by the scheduler {}; detached tasks {}/{}",
        THROWN.load(Relaxed),
        CAUGHT.load(Relaxed),
        MARKERS_DROPPED.load(Relaxed) - CAUGHT.load(Relaxed),
        DETACHED_DONE.load(Relaxed),
        DETACHED_SPAWNED.load(Relaxed),
    );
    let failures = FAILURES.lock().unwrap();
    if !failures.is_empty() {
        for f in failures.iter() {
            eprintln!("soak: FAILED: {f}");
        }
        std::process::exit(1);
    }
    println!("soak: ok");
}
