//! Criterion benches of beat's slice, string and bridge surface beside rayon and sequential
//! std code, at P = 1 and 2 (explicit pools, inside `install`).
//!
//! - `sort_unstable` / `sort` of 1M random `u64`, of 1M `u64` already in order and of 100k
//!   random ASCII strings (8 to 24 bytes); copying the input is not timed.
//! - `text`: over 10 MB of generated text, `lines().map(len).sum()`,
//!   `split_whitespace().count()` and word frequencies folded into `HashMap`s.
//! - `par_bridge`: 100k `u64` through a `std::sync::mpsc` channel from a producer thread,
//!   with light work per item.
//!
//! The sizes are a tenth of the surface example's. For quotable ratios use it
//! (`cargo run --release --example surface`), which interleaves the parties in one process
//! as `BENCHMARKS.md` asks.

use std::collections::HashMap;
use std::hint::black_box;
use std::sync::mpsc;
use std::thread;

use criterion::{criterion_group, criterion_main, BatchSize, BenchmarkId, Criterion};

const PS: [usize; 2] = [1, 2];

/// splitmix64.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        ((u128::from(self.next()) * u128::from(n)) >> 64) as u64
    }
}

fn pools(p: usize) -> (beat::ThreadPool, rayon::ThreadPool) {
    let bp = beat::ThreadPoolBuilder::new()
        .num_threads(p)
        .build()
        .unwrap();
    let rp = rayon::ThreadPoolBuilder::new()
        .num_threads(p)
        .build()
        .unwrap();
    (bp, rp)
}

fn sort_group<T>(c: &mut Criterion, name: &str, input: &[T])
where
    T: Ord + Clone + Send,
{
    let mut g = c.benchmark_group(format!("sort_unstable {name}"));
    g.sample_size(10);
    g.bench_function("sequential", |b| {
        b.iter_batched_ref(
            || input.to_vec(),
            |v| v.sort_unstable(),
            BatchSize::LargeInput,
        )
    });
    for p in PS {
        let (bp, rp) = pools(p);
        g.bench_with_input(BenchmarkId::new("beat", p), &p, |b, _| {
            use beat::prelude::*;
            b.iter_batched_ref(
                || input.to_vec(),
                |v| bp.install(|| v.par_sort_unstable()),
                BatchSize::LargeInput,
            )
        });
        g.bench_with_input(BenchmarkId::new("rayon", p), &p, |b, _| {
            use rayon::prelude::*;
            b.iter_batched_ref(
                || input.to_vec(),
                |v| rp.install(|| v.par_sort_unstable()),
                BatchSize::LargeInput,
            )
        });
    }
    g.finish();

    let mut g = c.benchmark_group(format!("sort {name}"));
    g.sample_size(10);
    g.bench_function("sequential", |b| {
        b.iter_batched_ref(|| input.to_vec(), |v| v.sort(), BatchSize::LargeInput)
    });
    for p in PS {
        let (bp, rp) = pools(p);
        g.bench_with_input(BenchmarkId::new("beat", p), &p, |b, _| {
            use beat::prelude::*;
            b.iter_batched_ref(
                || input.to_vec(),
                |v| bp.install(|| v.par_sort()),
                BatchSize::LargeInput,
            )
        });
        g.bench_with_input(BenchmarkId::new("rayon", p), &p, |b, _| {
            use rayon::prelude::*;
            b.iter_batched_ref(
                || input.to_vec(),
                |v| rp.install(|| v.par_sort()),
                BatchSize::LargeInput,
            )
        });
    }
    g.finish();
}

fn sorts(c: &mut Criterion) {
    let mut rng = Rng(1);
    let random: Vec<u64> = (0..1_000_000).map(|_| rng.next()).collect();
    sort_group(c, "1M random u64", &random);
    let sorted: Vec<u64> = (0..1_000_000).collect();
    sort_group(c, "1M sorted u64", &sorted);
    let strings: Vec<String> = (0..100_000)
        .map(|_| {
            let len = 8 + rng.below(17) as usize;
            (0..len)
                .map(|_| char::from(b'!' + rng.below(94) as u8))
                .collect()
        })
        .collect();
    sort_group(c, "100k random strings", &strings);
}

/// About `bytes` bytes of lines of 4 to 16 words from a skewed 20,000-word vocabulary.
fn generate_text(bytes: usize) -> String {
    let mut rng = Rng(3);
    let vocab: Vec<String> = (0..20_000)
        .map(|_| {
            let len = 2 + rng.below(9) as usize;
            (0..len)
                .map(|_| char::from(b'a' + rng.below(26) as u8))
                .collect()
        })
        .collect();
    let mut text = String::with_capacity(bytes + 200);
    while text.len() < bytes {
        for w in 0..4 + rng.below(13) {
            if w > 0 {
                text.push(' ');
            }
            let a = rng.below(vocab.len() as u64);
            let b = rng.below(vocab.len() as u64);
            text.push_str(&vocab[(a * b / vocab.len() as u64) as usize]);
        }
        text.push('\n');
    }
    text
}

type Freq<'a> = HashMap<&'a str, u32>;

fn add_word<'a>(mut m: Freq<'a>, w: &'a str) -> Freq<'a> {
    *m.entry(w).or_insert(0) += 1;
    m
}

fn merge_freq<'a>(a: Freq<'a>, b: Freq<'a>) -> Freq<'a> {
    let (mut big, small) = if a.len() >= b.len() { (a, b) } else { (b, a) };
    for (w, c) in small {
        *big.entry(w).or_insert(0) += c;
    }
    big
}

fn text(c: &mut Criterion) {
    let text = generate_text(10_000_000);
    let text = text.as_str();

    let mut g = c.benchmark_group("text 10 MB lines().map(len).sum()");
    g.sample_size(10);
    g.bench_function("sequential", |b| {
        b.iter(|| black_box(text).lines().map(str::len).sum::<usize>())
    });
    for p in PS {
        let (bp, rp) = pools(p);
        g.bench_with_input(BenchmarkId::new("beat", p), &p, |b, _| {
            use beat::prelude::*;
            b.iter(|| bp.install(|| black_box(text).par_lines().map(str::len).sum::<usize>()))
        });
        g.bench_with_input(BenchmarkId::new("rayon", p), &p, |b, _| {
            use rayon::prelude::*;
            b.iter(|| rp.install(|| black_box(text).par_lines().map(str::len).sum::<usize>()))
        });
    }
    g.finish();

    let mut g = c.benchmark_group("text 10 MB split_whitespace().count()");
    g.sample_size(10);
    g.bench_function("sequential", |b| {
        b.iter(|| black_box(text).split_whitespace().count())
    });
    for p in PS {
        let (bp, rp) = pools(p);
        g.bench_with_input(BenchmarkId::new("beat", p), &p, |b, _| {
            use beat::prelude::*;
            b.iter(|| bp.install(|| black_box(text).par_split_whitespace().count()))
        });
        g.bench_with_input(BenchmarkId::new("rayon", p), &p, |b, _| {
            use rayon::prelude::*;
            b.iter(|| rp.install(|| black_box(text).par_split_whitespace().count()))
        });
    }
    g.finish();

    let mut g = c.benchmark_group("text 10 MB word frequencies");
    g.sample_size(10);
    g.bench_function("sequential", |b| {
        b.iter(|| {
            black_box(text)
                .split_whitespace()
                .fold(Freq::new(), add_word)
        })
    });
    for p in PS {
        let (bp, rp) = pools(p);
        g.bench_with_input(BenchmarkId::new("beat", p), &p, |b, _| {
            use beat::prelude::*;
            b.iter(|| {
                bp.install(|| {
                    black_box(text)
                        .par_split_whitespace()
                        .fold(Freq::new, add_word)
                        .reduce(Freq::new, merge_freq)
                })
            })
        });
        g.bench_with_input(BenchmarkId::new("rayon", p), &p, |b, _| {
            use rayon::prelude::*;
            b.iter(|| {
                rp.install(|| {
                    black_box(text)
                        .par_split_whitespace()
                        .fold(Freq::new, add_word)
                        .reduce(Freq::new, merge_freq)
                })
            })
        });
    }
    g.finish();
}

/// Sends `0..n` through a channel from a producer thread and hands the receiver to `consume`.
fn over_channel(n: u64, consume: impl FnOnce(mpsc::IntoIter<u64>) -> u64) -> u64 {
    let (tx, rx) = mpsc::channel();
    let producer = thread::spawn(move || {
        for i in 0..n {
            tx.send(i).unwrap();
        }
    });
    let out = consume(rx.into_iter());
    producer.join().unwrap();
    out
}

fn light(x: u64) -> u64 {
    (x ^ (x >> 7)).wrapping_mul(0x2545_F491_4F6C_DD1D)
}

fn bridge(c: &mut Criterion) {
    const N: u64 = 100_000;
    let mut g = c.benchmark_group("par_bridge mpsc 100k u64 light");
    g.sample_size(10);
    g.bench_function("sequential", |b| {
        b.iter(|| over_channel(N, |rx| rx.map(light).fold(0, u64::wrapping_add)))
    });
    for p in PS {
        let (bp, rp) = pools(p);
        g.bench_with_input(BenchmarkId::new("beat", p), &p, |b, _| {
            use beat::prelude::*;
            b.iter(|| {
                over_channel(N, |rx| {
                    bp.install(|| rx.par_bridge().map(light).reduce(|| 0, u64::wrapping_add))
                })
            })
        });
        g.bench_with_input(BenchmarkId::new("rayon", p), &p, |b, _| {
            use rayon::prelude::*;
            b.iter(|| {
                over_channel(N, |rx| {
                    rp.install(|| rx.par_bridge().map(light).reduce(|| 0, u64::wrapping_add))
                })
            })
        });
    }
    g.finish();
}

criterion_group!(benches, sorts, text, bridge);
criterion_main!(benches);
