//! Reading beat's scheduler and parallel-iterator counters.
//!
//! Run it with `cargo run --release --example stats`. Options: `--len N` (the input of the
//! large parallel iterator, 10,000,000 by default) and `--threads N` (the pool size; by
//! default one thread per CPU).
//!
//! `pool.stats()` (or `beat::stats()` for the current pool) returns a snapshot of counters
//! that beat always keeps. Snapshots taken before and after some work give what that work
//! did: how many joins were published for stealing, how often workers stole or slept, how
//! many batches the parallel iterators folded, and what the driver learnt about each call
//! site. They are cheap to read and useful to understand why a pipeline does or does not
//! scale. (A snapshot is exact when the pool is quiet, approximate while it runs.)

use beat::prelude::*;
use beat::Stats;

/// One counter of a [`Stats`] snapshot: its name, how to read it, and what it counts.
struct Counter {
    name: &'static str,
    read: fn(&Stats) -> u64,
    meaning: &'static str,
}

const COUNTERS: [Counter; 11] = [
    Counter {
        name: "jobs_executed",
        read: |s| s.jobs_executed,
        meaning: "jobs run by workers: stolen join halves, spawned and injected jobs",
    },
    Counter {
        name: "joins_inlined",
        read: |s| s.joins_inlined,
        meaning: "joins whose second closure ran as a plain call, never offered to other threads",
    },
    Counter {
        name: "joins_published",
        read: |s| s.joins_published,
        meaning: "joins whose second closure was made stealable",
    },
    Counter {
        name: "steals",
        read: |s| s.steals,
        meaning: "jobs taken from another worker's deque or the injector",
    },
    Counter {
        name: "failed_steals",
        read: |s| s.failed_steals,
        meaning: "sweeps over all other workers that found nothing to steal",
    },
    Counter {
        name: "parks",
        read: |s| s.parks,
        meaning: "times a worker went to sleep for lack of work",
    },
    Counter {
        name: "wakeups",
        read: |s| s.wakeups,
        meaning: "times a sleeping worker was woken",
    },
    Counter {
        name: "spawns",
        read: |s| s.spawns,
        meaning: "tasks spawned by workers (scope.spawn, spawn)",
    },
    Counter {
        name: "injected",
        read: |s| s.injected,
        meaning: "jobs sent in from outside the pool (install, spawn from other threads)",
    },
    Counter {
        name: "fast_path_calls",
        read: |s| s.fast_path_calls,
        meaning: "parallel-iterator calls small enough to finish on the calling thread",
    },
    Counter {
        name: "batches",
        read: |s| s.batches,
        meaning: "batches of items folded by parallel iterators",
    },
];

fn main() {
    let len = arg("--len").unwrap_or(10_000_000);
    let threads = arg("--threads").unwrap_or(0); // 0: the default, one per CPU
    let pool = beat::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .expect("building the pool");
    println!("a pool of {} threads", pool.current_num_threads());

    let before = pool.stats();
    pool.install(|| {
        // A large pipeline: split into many batches, shared with the other workers.
        let v: Vec<u64> = (0..len as u64).into_par_iter().map(|x| x * 3).collect();
        let sum: u64 = v.par_iter().map(|&x| x % 7).sum();
        println!("work: collected {} items, sum of x % 7 = {sum}", v.len());

        // Many tiny pipelines: the driver runs each on this thread, without the pool.
        let tiny: usize = (0..1_000)
            .map(|i| (0..8).into_par_iter().filter(|x| (x + i) % 3 == 0).count())
            .sum();
        println!("work: 1000 tiny pipelines counted {tiny}");

        // Recursive joins, and a scope with spawned tasks.
        println!("work: fib(24) with join = {}", fib(24));
        let hits = std::sync::atomic::AtomicUsize::new(0);
        beat::scope(|s| {
            for _ in 0..100 {
                s.spawn(|_| {
                    hits.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                });
            }
        });
        println!("work: 100 spawned tasks ran {} times", hits.into_inner());
    });
    let after = pool.stats();

    println!("\nwhat that work did (after - before):");
    for c in &COUNTERS {
        let delta = (c.read)(&after) - (c.read)(&before);
        println!("  {:<16} {delta:>10}  {}", c.name, c.meaning);
    }

    println!("\nper worker, since the pool was built (jobs executed / steals / parks / batches):");
    for (i, w) in after.per_worker.iter().enumerate() {
        println!(
            "  worker {i}: {} / {} / {} / {}",
            w.jobs_executed, w.steals, w.parks, w.batches
        );
    }

    println!("\nthe driver's estimate per call site (ns per item, batch length, calls):");
    for site in &after.call_sites {
        println!(
            "  {:>8.2} ns  {:>7}  {:>5}  {}",
            site.ns_per_item,
            site.batch_len,
            site.calls,
            shorten(site.name)
        );
    }

    // `beat::stats()` reads the pool the calling thread belongs to: inside `install` this
    // pool, elsewhere the global one.
    let inside = pool.install(beat::stats);
    assert_eq!(inside.per_worker.len(), pool.current_num_threads());
    println!(
        "\nbeat::stats() inside install sees this pool ({} workers); \
         outside it sees the global pool ({} workers)",
        inside.per_worker.len(),
        beat::stats().per_worker.len()
    );
}

/// The pipeline type names are long: keep the start and the end.
fn shorten(name: &str) -> String {
    const MAX: usize = 90;
    if name.chars().count() <= MAX {
        return name.to_string();
    }
    let head: String = name.chars().take(MAX / 2).collect();
    let tail: String = name
        .chars()
        .skip(name.chars().count() - MAX / 2 + 3)
        .collect();
    format!("{head}...{tail}")
}

fn fib(n: u32) -> u64 {
    if n < 2 {
        return u64::from(n);
    }
    let (a, b) = beat::join(|| fib(n - 1), || fib(n - 2));
    a + b
}

/// The number after `name` on the command line, if any.
fn arg(name: &str) -> Option<usize> {
    let args: Vec<String> = std::env::args().collect();
    let i = args.iter().position(|a| a == name)?;
    let value = args
        .get(i + 1)
        .unwrap_or_else(|| panic!("{name} needs a value"));
    Some(
        value
            .parse()
            .unwrap_or_else(|_| panic!("{name}: not a number: {value}")),
    )
}
