//! Criterion benches of beat's parallel iterators beside rayon and sequential code.
//!
//! - `W1 tiny` / `W1 small`: `(0..n).into_par_iter().map(work).reduce(..)` with items of
//!   ~17 ns and ~170 ns, at P = 1 and 2 (explicit pools, inside `install`).
//! - `W4 1000 tiny after 5 ms idle`: one call on each library's global pool after it idled
//!   5 ms; only the call is timed (`iter_custom`).
//! - `W5 100 x ~17 ns`: a small call, back to back, on the global pools.
//! - `W8 sum of squares 1M u64`.
//!
//! For quotable ratios use the tour example (`cargo run --release --example tour`), which
//! interleaves the parties in one process as `BENCHMARKS.md` asks.

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};

#[path = "common/mod.rs"]
mod common;
use common::{spin, steps_for};

const PS: [usize; 2] = [1, 2];

fn seq_sum(n: u64, steps: u64) -> u64 {
    (0..n).map(|i| spin(steps) ^ i).fold(0, u64::wrapping_add)
}

fn beat_sum(n: u64, steps: u64) -> u64 {
    use beat::prelude::*;
    (0..n)
        .into_par_iter()
        .map(|i| spin(steps) ^ i)
        .reduce(|| 0, u64::wrapping_add)
}

fn rayon_sum(n: u64, steps: u64) -> u64 {
    use rayon::prelude::*;
    (0..n)
        .into_par_iter()
        .map(|i| spin(steps) ^ i)
        .reduce(|| 0, u64::wrapping_add)
}

fn w1(c: &mut Criterion, name: &str, ns: f64, n: u64) {
    let steps = steps_for(ns);
    let mut g = c.benchmark_group(name);
    g.sample_size(10);
    g.bench_function("sequential", |b| b.iter(|| seq_sum(black_box(n), steps)));
    for p in PS {
        let bp = beat::ThreadPoolBuilder::new()
            .num_threads(p)
            .build()
            .unwrap();
        let rp = rayon::ThreadPoolBuilder::new()
            .num_threads(p)
            .build()
            .unwrap();
        g.bench_with_input(BenchmarkId::new("beat", p), &p, |b, _| {
            b.iter(|| bp.install(|| beat_sum(black_box(n), steps)))
        });
        g.bench_with_input(BenchmarkId::new("rayon", p), &p, |b, _| {
            b.iter(|| rp.install(|| rayon_sum(black_box(n), steps)))
        });
    }
    g.finish();
}

fn w1_tiny(c: &mut Criterion) {
    w1(c, "W1 tiny 200k x ~17 ns", 17.0, 200_000);
}

fn w1_small(c: &mut Criterion) {
    w1(c, "W1 small 20k x ~170 ns", 170.0, 20_000);
}

/// Times one call made after `IDLE` of sleep, `iters` times.
fn after_idle(iters: u64, f: impl Fn() -> u64) -> Duration {
    const IDLE: Duration = Duration::from_millis(5);
    let mut total = Duration::ZERO;
    for _ in 0..iters {
        std::thread::sleep(IDLE);
        let t = Instant::now();
        black_box(f());
        total += t.elapsed();
    }
    total
}

fn w4(c: &mut Criterion) {
    let steps = steps_for(17.0);
    let mut g = c.benchmark_group("W4 1000 tiny after 5 ms idle");
    g.sample_size(10);
    g.bench_function("sequential", |b| {
        b.iter_custom(|iters| after_idle(iters, || seq_sum(1000, steps)))
    });
    g.bench_function("beat", |b| {
        b.iter_custom(|iters| after_idle(iters, || beat_sum(1000, steps)))
    });
    g.bench_function("rayon", |b| {
        b.iter_custom(|iters| after_idle(iters, || rayon_sum(1000, steps)))
    });
    g.finish();
}

fn w5(c: &mut Criterion) {
    let steps = steps_for(17.0);
    let mut g = c.benchmark_group("W5 100 x ~17 ns");
    g.bench_function("sequential", |b| b.iter(|| seq_sum(black_box(100), steps)));
    g.bench_function("beat", |b| b.iter(|| beat_sum(black_box(100), steps)));
    g.bench_function("rayon", |b| b.iter(|| rayon_sum(black_box(100), steps)));
    g.finish();
}

fn w8(c: &mut Criterion) {
    let v: Vec<u64> = (0..1_000_000).collect();
    let mut g = c.benchmark_group("W8 sum of squares 1M u64");
    g.bench_function("sequential", |b| {
        b.iter(|| black_box(&v).iter().map(|x| x * x).sum::<u64>())
    });
    g.bench_function("beat", |b| {
        use beat::prelude::*;
        b.iter(|| black_box(&v).par_iter().map(|x| x * x).sum::<u64>())
    });
    g.bench_function("rayon", |b| {
        use rayon::prelude::*;
        b.iter(|| black_box(&v).par_iter().map(|x| x * x).sum::<u64>())
    });
    g.finish();
}

criterion_group!(benches, w1_tiny, w1_small, w4, w5, w8);
criterion_main!(benches);
