//! Criterion benches of beat's scheduler beside rayon (and chili for `join`) and sequential code.
//!
//! Each group holds the variants of one workload at P = 1 and P = 2 (explicit pools, run inside
//! `install`), so criterion's report shows them side by side:
//!
//! - `W3 fib(25)`: `join` at every call, no cutoff (join overhead).
//! - `W2 20k x ~150 ns spawn`: tasks of a calibrated busy loop submitted one by one with
//!   `scope(|s| s.spawn(..))` (per-task submission overhead).
//! - `join latency after 5 ms idle`: one `pool.join(|| 1, || 2)` into a pool that idled 5 ms;
//!   only the join is timed (`iter_custom`).
//!
//! Sample sizes are small so `cargo bench --bench scheduler` finishes in about two minutes.
//! For quotable ratios use the tour example (`cargo run --release --example tour`), which
//! interleaves the parties in one process as `BENCHMARKS.md` asks.

use std::hint::black_box;
use std::num::NonZeroUsize;
use std::time::{Duration, Instant};

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, SamplingMode};

const PS: [usize; 2] = [1, 2];
const FIB_N: u64 = 25;
const W2_TASKS: usize = 20_000;
const IDLE: Duration = Duration::from_millis(5);

#[path = "common/mod.rs"]
mod common;
use common::spin;

/// `spin` steps that take ~150 ns on this machine.
fn steps_150() -> u64 {
    common::steps_for(150.0)
}

fn fib_seq(n: u64) -> u64 {
    if n < 2 {
        return n;
    }
    fib_seq(n - 1) + fib_seq(n - 2)
}

fn fib_beat(n: u64) -> u64 {
    if n < 2 {
        return n;
    }
    let (a, b) = beat::join(|| fib_beat(n - 1), || fib_beat(n - 2));
    a + b
}

fn fib_rayon(n: u64) -> u64 {
    if n < 2 {
        return n;
    }
    let (a, b) = rayon::join(|| fib_rayon(n - 1), || fib_rayon(n - 2));
    a + b
}

fn fib_chili(s: &mut chili::Scope<'_>, n: u64) -> u64 {
    if n < 2 {
        return n;
    }
    let (a, b) = s.join(|s| fib_chili(s, n - 1), |s| fib_chili(s, n - 2));
    a + b
}

fn beat_pool(p: usize) -> beat::ThreadPool {
    beat::ThreadPoolBuilder::new()
        .num_threads(p)
        .build()
        .expect("beat pool")
}

fn rayon_pool(p: usize) -> rayon::ThreadPool {
    rayon::ThreadPoolBuilder::new()
        .num_threads(p)
        .build()
        .expect("rayon pool")
}

/// chili counts the calling thread: `thread_count` P means P - 1 workers plus the caller.
fn chili_pool(p: usize) -> chili::ThreadPool {
    chili::ThreadPool::with_config(chili::Config {
        thread_count: NonZeroUsize::new(p),
        ..chili::Config::default()
    })
}

fn w3_fib(c: &mut Criterion) {
    let mut g = c.benchmark_group(format!("W3 fib({FIB_N})"));
    g.sample_size(10)
        .warm_up_time(Duration::from_millis(300))
        .measurement_time(Duration::from_secs(1));
    let expect = fib_seq(FIB_N);

    g.bench_function("sequential", |b| b.iter(|| fib_seq(black_box(FIB_N))));
    for p in PS {
        let pool = beat_pool(p);
        g.bench_function(BenchmarkId::new("beat", format!("P={p}")), |b| {
            b.iter(|| pool.install(|| fib_beat(black_box(FIB_N))))
        });
        assert_eq!(pool.install(|| fib_beat(FIB_N)), expect);
        drop(pool);

        let pool = rayon_pool(p);
        g.bench_function(BenchmarkId::new("rayon", format!("P={p}")), |b| {
            b.iter(|| pool.install(|| fib_rayon(black_box(FIB_N))))
        });
        drop(pool);

        let pool = chili_pool(p);
        g.bench_function(BenchmarkId::new("chili", format!("P={p}")), |b| {
            let mut s = pool.scope();
            b.iter(|| fib_chili(&mut s, black_box(FIB_N)))
        });
        drop(pool);
    }
    g.finish();
}

fn w2_spawn(c: &mut Criterion) {
    let mut g = c.benchmark_group(format!("W2 {}k x ~150 ns spawn", W2_TASKS / 1000));
    g.sample_size(10)
        .warm_up_time(Duration::from_millis(300))
        .measurement_time(Duration::from_secs(1));
    let steps = steps_150();

    g.bench_function("sequential", |b| {
        b.iter(|| {
            for _ in 0..W2_TASKS {
                black_box(spin(steps));
            }
        })
    });
    for p in PS {
        let pool = beat_pool(p);
        g.bench_function(BenchmarkId::new("beat", format!("P={p}")), |b| {
            b.iter(|| {
                pool.scope(|s| {
                    for _ in 0..W2_TASKS {
                        s.spawn(move |_| {
                            black_box(spin(steps));
                        });
                    }
                })
            })
        });
        drop(pool);

        let pool = rayon_pool(p);
        g.bench_function(BenchmarkId::new("rayon", format!("P={p}")), |b| {
            b.iter(|| {
                pool.scope(|s| {
                    for _ in 0..W2_TASKS {
                        s.spawn(move |_| {
                            black_box(spin(steps));
                        });
                    }
                })
            })
        });
        drop(pool);
    }
    g.finish();
}

/// Times `iters` joins, each after the pool idled `IDLE`; only the joins count.
///
/// Criterion sizes its runs from the returned (join-only) time, not from the wall time with
/// the sleeps, so the group uses flat sampling and tiny warm-up and measurement times to keep
/// the number of 5 ms sleeps to a few hundred per variant (criterion may warn that it could
/// not complete the samples in the target time; that is expected here).
fn idle_joins(iters: u64, join: impl Fn() -> (i32, i32)) -> Duration {
    let mut total = Duration::ZERO;
    for _ in 0..iters {
        std::thread::sleep(IDLE);
        let t = Instant::now();
        black_box(join());
        total += t.elapsed();
    }
    total
}

fn join_latency(c: &mut Criterion) {
    let mut g = c.benchmark_group("join latency after 5 ms idle");
    g.sample_size(10)
        .sampling_mode(SamplingMode::Flat)
        .warm_up_time(Duration::from_millis(1))
        .measurement_time(Duration::from_millis(20));

    // No pool to wake: the two closures called in a row.
    g.bench_function("sequential", |b| b.iter(|| (black_box(1), black_box(2))));
    for p in PS {
        let pool = beat_pool(p);
        g.bench_function(BenchmarkId::new("beat", format!("P={p}")), |b| {
            b.iter_custom(|iters| idle_joins(iters, || pool.join(|| 1, || 2)))
        });
        drop(pool);

        let pool = rayon_pool(p);
        g.bench_function(BenchmarkId::new("rayon", format!("P={p}")), |b| {
            b.iter_custom(|iters| idle_joins(iters, || pool.join(|| 1, || 2)))
        });
        drop(pool);
    }
    g.finish();
}

criterion_group!(benches, w3_fib, w2_spawn, join_latency);
criterion_main!(benches);
