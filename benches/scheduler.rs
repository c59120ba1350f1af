//! Criterion benches of the scheduler, each group holding beat, rayon, chili and sequential
//! variants of one workload from BENCHMARKS.md: W3 (`fib` with `join` at every call) and W2
//! (many small tasks through `scope.spawn`), at P = 1 and 2.

use std::hint::black_box;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};

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

/// About 150 ns of dependent arithmetic that the compiler cannot remove.
fn work(seed: u64) -> u64 {
    let mut x = seed;
    for _ in 0..120 {
        x = black_box(x.wrapping_mul(6364136223846793005).wrapping_add(1));
    }
    x
}

fn w3_fib(c: &mut Criterion) {
    const N: u64 = 25;
    let mut g = c.benchmark_group("W3 fib(25)");
    g.sample_size(10).measurement_time(Duration::from_secs(2));
    g.bench_function("sequential", |b| b.iter(|| fib_seq(black_box(N))));
    for p in [1, 2] {
        let pool = beat::ThreadPoolBuilder::new()
            .num_threads(p)
            .build()
            .unwrap();
        g.bench_function(BenchmarkId::new("beat", p), |b| {
            b.iter(|| pool.install(|| fib_beat(black_box(N))))
        });
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(p)
            .build()
            .unwrap();
        g.bench_function(BenchmarkId::new("rayon", p), |b| {
            b.iter(|| pool.install(|| fib_rayon(black_box(N))))
        });
        let pool = chili::ThreadPool::with_config(chili::Config {
            thread_count: std::num::NonZeroUsize::new(p),
            ..Default::default()
        });
        g.bench_function(BenchmarkId::new("chili", p), |b| {
            b.iter(|| fib_chili(&mut pool.scope(), black_box(N)))
        });
    }
    g.finish();
}

fn w2_spawn(c: &mut Criterion) {
    const TASKS: u64 = 20_000;
    let mut g = c.benchmark_group("W2 20k spawned tasks of ~150 ns");
    g.sample_size(10).measurement_time(Duration::from_secs(2));
    g.bench_function("sequential", |b| {
        b.iter(|| (0..TASKS).map(work).fold(0, u64::wrapping_add))
    });
    for p in [1, 2] {
        let pool = beat::ThreadPoolBuilder::new()
            .num_threads(p)
            .build()
            .unwrap();
        g.bench_function(BenchmarkId::new("beat", p), |b| {
            b.iter(|| {
                pool.scope(|s| {
                    for i in 0..TASKS {
                        s.spawn(move |_| {
                            black_box(work(i));
                        });
                    }
                })
            })
        });
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(p)
            .build()
            .unwrap();
        g.bench_function(BenchmarkId::new("rayon", p), |b| {
            b.iter(|| {
                pool.scope(|s| {
                    for i in 0..TASKS {
                        s.spawn(move |_| {
                            black_box(work(i));
                        });
                    }
                })
            })
        });
    }
    g.finish();
}

criterion_group!(benches, w3_fib, w2_spawn);
criterion_main!(benches);
