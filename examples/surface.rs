//! beat's slice, string and bridge surface measured beside rayon and sequential std code.
//!
//! Run it with `cargo run --release --example surface` (a few minutes on 2 cores), or with
//! `--quick` for a short smoke run whose figures are too small to quote. `--only sort,text`
//! picks workload groups (`sort`, `text`, `bridge`), `--threads 1,2` the pool sizes (P = 1
//! and 2 by default) and `--rounds N` the recorded rounds (5 by default).
//!
//! It follows `BENCHMARKS.md`: every figure is taken in this one process, with explicit pools
//! of P threads for both libraries (`ThreadPoolBuilder`, then `install`). Each round runs
//! the sequential code, beat and rayon once each, and the order of beat and rayon flips from
//! round to round (seq, beat, rayon, then seq, rayon, beat, ...), so that a neighbour's burst
//! of load on a shared machine hits both about equally. After one warm-up round the medians
//! of the recorded rounds are printed; `beat speed` is T_rayon / T_beat, the median of the
//! per-round ratios (above 1: beat is faster), with its min and max, and `best-of speed` is
//! the fastest rayon round over the fastest beat round, the steadier figure when other
//! processes load the machine. Every run's result is checked against the sequential one.
//!
//! The workloads:
//!
//! - **sort**: `par_sort_unstable` and `par_sort` of 10M random `u64`, of 10M `u64` already
//!   in order, and of 1M random ASCII strings of 8 to 24 bytes, beside `sort_unstable` and
//!   `sort`. Copying the input is not timed.
//! - **text**: over 100 MB of generated text (words of a 20,000-word vocabulary drawn with a
//!   skew, 4 to 16 words a line): `par_lines().map(str::len).sum()`, the number of lines
//!   that contain a word, `par_split_whitespace().count()`, and word frequencies folded into
//!   one `HashMap` per piece and reduced, beside `lines()` and `split_whitespace()`.
//! - **bridge**: `par_bridge()` over a `std::sync::mpsc` receiver fed 1M `u64` by a producer
//!   thread (spawned inside the timed run), with light (~2 ns) and moderate (~500 ns) work
//!   per item, beside a sequential loop over the receiver.

use std::collections::HashMap;
use std::hint::black_box;
use std::num::NonZeroUsize;
use std::sync::mpsc;
use std::thread;
use std::time::Instant;

#[path = "../benches/common/mod.rs"]
mod common;
use common::{spin, steps_for};

/// Sizes of the run; `--quick` shrinks everything.
struct Config {
    quick: bool,
    rounds: usize,
    sort_len: usize,
    strings: usize,
    text_bytes: usize,
    bridge_items: u64,
    only: Vec<String>,
    threads: Vec<usize>,
}

impl Config {
    fn from_args() -> Self {
        let args: Vec<String> = std::env::args().skip(1).collect();
        let value = |flag: &str| {
            args.iter()
                .position(|a| a == flag)
                .and_then(|i| args.get(i + 1))
                .cloned()
        };
        let quick = args.iter().any(|a| a == "--quick");
        let only = value("--only")
            .map(|l| l.split(',').map(|w| w.trim().to_lowercase()).collect())
            .unwrap_or_default();
        let threads = value("--threads")
            .map(|l| {
                l.split(',')
                    .filter_map(|p| p.trim().parse().ok())
                    .filter(|&p| p > 0)
                    .collect::<Vec<usize>>()
            })
            .filter(|v| !v.is_empty())
            .unwrap_or_else(|| vec![1, 2]);
        let rounds = value("--rounds")
            .and_then(|r| r.parse().ok())
            .filter(|&r| r > 0)
            .unwrap_or(if quick { 3 } else { 5 });
        let scale = if quick { 10 } else { 1 };
        Config {
            quick,
            rounds,
            sort_len: 10_000_000 / scale,
            strings: 1_000_000 / scale,
            text_bytes: 100_000_000 / scale,
            bridge_items: 1_000_000 / scale as u64,
            only,
            threads,
        }
    }

    fn runs(&self, group: &str) -> bool {
        self.only.is_empty() || self.only.iter().any(|o| o == group)
    }
}

// ---------------------------------------------------------------------------------------------
// Inputs

/// splitmix64: a small, fast, deterministic generator.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (n > 0), near enough.
    fn below(&mut self, n: u64) -> u64 {
        ((u128::from(self.next()) * u128::from(n)) >> 64) as u64
    }
}

fn random_u64s(n: usize) -> Vec<u64> {
    let mut rng = Rng(1);
    (0..n).map(|_| rng.next()).collect()
}

fn random_strings(n: usize) -> Vec<String> {
    let mut rng = Rng(2);
    (0..n)
        .map(|_| {
            let len = 8 + rng.below(17) as usize;
            (0..len)
                .map(|_| char::from(b'!' + rng.below(94) as u8))
                .collect()
        })
        .collect()
}

/// About `bytes` bytes of lines of words; returns the text and a word that occurs in some
/// lines (not in most).
fn generate_text(bytes: usize) -> (String, String) {
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
        let words = 4 + rng.below(13);
        for w in 0..words {
            if w > 0 {
                text.push(' ');
            }
            // The product of two uniform draws favours small indices: a skewed vocabulary.
            let a = rng.below(vocab.len() as u64);
            let b = rng.below(vocab.len() as u64);
            text.push_str(&vocab[(a * b / vocab.len() as u64) as usize]);
        }
        text.push('\n');
    }
    (text, vocab[40].clone())
}

// ---------------------------------------------------------------------------------------------
// Statistics and the table

fn median(v: &[f64]) -> f64 {
    let mut s = v.to_vec();
    s.sort_by(f64::total_cmp);
    let n = s.len();
    if n % 2 == 1 {
        s[n / 2]
    } else {
        (s[n / 2 - 1] + s[n / 2]) / 2.0
    }
}

fn min_max(v: &[f64]) -> (f64, f64) {
    v.iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), &x| {
            (lo.min(x), hi.max(x))
        })
}

struct Row {
    workload: String,
    p: usize,
    seq: Vec<f64>,
    beat: Vec<f64>,
    rayon: Vec<f64>,
}

impl Row {
    /// Per-round T_rayon / T_beat.
    fn speed(&self) -> Vec<f64> {
        self.rayon
            .iter()
            .zip(&self.beat)
            .map(|(r, b)| r / b)
            .collect()
    }
}

fn ms(v: &[f64]) -> String {
    format!("{:.1}", median(v) * 1e3)
}

fn print_table(rows: &[Row]) {
    println!(
        "| workload | P | seq ms | rayon ms | beat ms | beat speed (rayon / beat) | best-of speed \
         | >= rayon |"
    );
    println!("| --- | --- | --- | --- | --- | --- | --- | --- |");
    for r in rows {
        let speed = r.speed();
        let (lo, hi) = min_max(&speed);
        let med = median(&speed);
        let best = min_max(&r.rayon).0 / min_max(&r.beat).0;
        println!(
            "| {} | {} | {} | {} | {} | {med:.2}x [{lo:.2}, {hi:.2}] | {best:.2}x | {} |",
            r.workload,
            r.p,
            ms(&r.seq),
            ms(&r.rayon),
            ms(&r.beat),
            if med >= 1.0 { "yes" } else { "**no**" },
        );
    }
}

/// One warm-up round, then `rounds` rounds of seq, beat, rayon, with beat and rayon
/// swapping places every round.
fn interleave(
    rounds: usize,
    mut seq: impl FnMut() -> f64,
    mut beat: impl FnMut() -> f64,
    mut rayon: impl FnMut() -> f64,
) -> (Vec<f64>, Vec<f64>, Vec<f64>) {
    seq();
    beat();
    rayon();
    let (mut ts, mut tb, mut tr) = (vec![], vec![], vec![]);
    for round in 0..rounds {
        ts.push(seq());
        if round % 2 == 0 {
            tb.push(beat());
            tr.push(rayon());
        } else {
            tr.push(rayon());
            tb.push(beat());
        }
    }
    (ts, tb, tr)
}

fn record(rows: &mut Vec<Row>, workload: String, p: usize, t: (Vec<f64>, Vec<f64>, Vec<f64>)) {
    let row = Row {
        workload,
        p,
        seq: t.0,
        beat: t.1,
        rayon: t.2,
    };
    eprintln!(
        "  {} P={}: seq {} ms, rayon {} ms, beat {} ms",
        row.workload,
        p,
        ms(&row.seq),
        ms(&row.rayon),
        ms(&row.beat)
    );
    rows.push(row);
}

/// Seconds `f` takes.
fn time(f: impl FnOnce()) -> f64 {
    let t = Instant::now();
    f();
    t.elapsed().as_secs_f64()
}

// ---------------------------------------------------------------------------------------------
// Workloads

/// Times sorting a fresh copy of `input` with `sort`, and checks the result.
fn timed_sort<T: Clone + PartialEq>(input: &[T], expect: &[T], sort: impl FnOnce(&mut [T])) -> f64 {
    let mut v = input.to_vec();
    let t = time(|| sort(&mut v));
    assert!(v == expect, "sorted output differs from std's");
    t
}

fn sorts<T>(cfg: &Config, what: &str, input: &[T], rows: &mut Vec<Row>)
where
    T: Ord + Clone + Send + Sync,
{
    let mut expect = input.to_vec();
    expect.sort();
    for &p in &cfg.threads {
        let bp = beat_pool(p);
        let rp = rayon_pool(p);
        let t = interleave(
            cfg.rounds,
            || timed_sort(input, &expect, |v| v.sort_unstable()),
            || {
                use beat::prelude::*;
                timed_sort(input, &expect, |v| bp.install(|| v.par_sort_unstable()))
            },
            || {
                use rayon::prelude::*;
                timed_sort(input, &expect, |v| rp.install(|| v.par_sort_unstable()))
            },
        );
        record(rows, format!("par_sort_unstable, {what}"), p, t);
        let t = interleave(
            cfg.rounds,
            || timed_sort(input, &expect, |v| v.sort()),
            || {
                use beat::prelude::*;
                timed_sort(input, &expect, |v| bp.install(|| v.par_sort()))
            },
            || {
                use rayon::prelude::*;
                timed_sort(input, &expect, |v| rp.install(|| v.par_sort()))
            },
        );
        record(rows, format!("par_sort, {what}"), p, t);
    }
}

fn sort_group(cfg: &Config, rows: &mut Vec<Row>) {
    let n = cfg.sort_len;
    let m = n / 1_000_000;
    eprintln!("sorts of {n} u64 and {} strings", cfg.strings);
    sorts(cfg, &format!("{m}M random u64"), &random_u64s(n), rows);
    let sorted: Vec<u64> = (0..n as u64).collect();
    sorts(cfg, &format!("{m}M sorted u64"), &sorted, rows);
    let strings = random_strings(cfg.strings);
    let what = format!("{}k random strings", cfg.strings / 1000);
    sorts(cfg, &what, &strings, rows);
}

/// Runs `f` and checks its answer.
fn checked<R: PartialEq + std::fmt::Debug>(expect: &R, f: impl FnOnce() -> R) -> f64 {
    let mut out = None;
    let t = time(|| out = Some(f()));
    assert_eq!(out.as_ref(), Some(expect));
    t
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

fn text_group(cfg: &Config, rows: &mut Vec<Row>) {
    let (text, needle) = generate_text(cfg.text_bytes);
    let text = text.as_str();
    let needle = needle.as_str();
    let mb = text.len() / 1_000_000;
    eprintln!(
        "text of {} bytes, {} lines",
        text.len(),
        text.lines().count()
    );

    let lens: usize = text.lines().map(str::len).sum();
    let matching = text.lines().filter(|l| l.contains(needle)).count();
    let words = text.split_whitespace().count();
    let freq = text.split_whitespace().fold(Freq::new(), add_word);
    eprintln!(
        "{matching} lines hold {needle:?}; {words} words, {} distinct",
        freq.len()
    );

    for &p in &cfg.threads {
        let bp = beat_pool(p);
        let rp = rayon_pool(p);
        let t = interleave(
            cfg.rounds,
            || checked(&lens, || text.lines().map(str::len).sum::<usize>()),
            || {
                use beat::prelude::*;
                checked(&lens, || {
                    bp.install(|| text.par_lines().map(str::len).sum::<usize>())
                })
            },
            || {
                use rayon::prelude::*;
                checked(&lens, || {
                    rp.install(|| text.par_lines().map(str::len).sum::<usize>())
                })
            },
        );
        record(rows, format!("lines().map(len).sum(), {mb} MB"), p, t);

        let t = interleave(
            cfg.rounds,
            || {
                checked(&matching, || {
                    text.lines().filter(|l| l.contains(needle)).count()
                })
            },
            || {
                use beat::prelude::*;
                checked(&matching, || {
                    bp.install(|| text.par_lines().filter(|l| l.contains(needle)).count())
                })
            },
            || {
                use rayon::prelude::*;
                checked(&matching, || {
                    rp.install(|| text.par_lines().filter(|l| l.contains(needle)).count())
                })
            },
        );
        record(
            rows,
            format!("lines().filter(contains).count(), {mb} MB"),
            p,
            t,
        );

        let t = interleave(
            cfg.rounds,
            || checked(&words, || text.split_whitespace().count()),
            || {
                use beat::prelude::*;
                checked(&words, || {
                    bp.install(|| text.par_split_whitespace().count())
                })
            },
            || {
                use rayon::prelude::*;
                checked(&words, || {
                    rp.install(|| text.par_split_whitespace().count())
                })
            },
        );
        record(rows, format!("split_whitespace().count(), {mb} MB"), p, t);

        let t = interleave(
            cfg.rounds,
            || {
                checked(&freq, || {
                    text.split_whitespace().fold(Freq::new(), add_word)
                })
            },
            || {
                use beat::prelude::*;
                checked(&freq, || {
                    bp.install(|| {
                        text.par_split_whitespace()
                            .fold(Freq::new, add_word)
                            .reduce(Freq::new, merge_freq)
                    })
                })
            },
            || {
                use rayon::prelude::*;
                checked(&freq, || {
                    rp.install(|| {
                        text.par_split_whitespace()
                            .fold(Freq::new, add_word)
                            .reduce(Freq::new, merge_freq)
                    })
                })
            },
        );
        record(rows, format!("word frequencies fold/reduce, {mb} MB"), p, t);
    }
}

/// Spawns a producer sending `0..n` through a channel, hands the receiver to `consume` and
/// returns its answer.
fn over_channel(n: u64, consume: impl FnOnce(mpsc::IntoIter<u64>) -> u64) -> u64 {
    let (tx, rx) = mpsc::channel();
    let producer = thread::spawn(move || {
        for i in 0..n {
            tx.send(i).expect("receiver alive");
        }
    });
    let out = consume(rx.into_iter());
    producer.join().expect("producer");
    out
}

fn light(x: u64) -> u64 {
    (x ^ (x >> 7)).wrapping_mul(0x2545_F491_4F6C_DD1D)
}

fn bridge_group(cfg: &Config, rows: &mut Vec<Row>) {
    let n = cfg.bridge_items;
    let steps = steps_for(500.0);
    let k = n / 1000;
    for (what, moderate) in [("light ~2 ns", false), ("moderate ~500 ns", true)] {
        let work = move |x: u64| {
            if moderate {
                spin(steps) ^ x
            } else {
                light(x)
            }
        };
        let expect = (0..n).map(work).fold(0, u64::wrapping_add);
        for &p in &cfg.threads {
            let bp = beat_pool(p);
            let rp = rayon_pool(p);
            let t = interleave(
                cfg.rounds,
                || {
                    checked(&expect, || {
                        over_channel(n, |rx| rx.map(work).fold(0, u64::wrapping_add))
                    })
                },
                || {
                    use beat::prelude::*;
                    checked(&expect, || {
                        over_channel(n, |rx| {
                            bp.install(|| rx.par_bridge().map(work).reduce(|| 0, u64::wrapping_add))
                        })
                    })
                },
                || {
                    use rayon::prelude::*;
                    checked(&expect, || {
                        over_channel(n, |rx| {
                            rp.install(|| rx.par_bridge().map(work).reduce(|| 0, u64::wrapping_add))
                        })
                    })
                },
            );
            record(rows, format!("par_bridge mpsc {k}k items, {what}"), p, t);
        }
    }
}

// ---------------------------------------------------------------------------------------------

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

fn main() {
    let cfg = Config::from_args();
    let started = Instant::now();
    black_box(common::ns_per_step());
    let mut rows = Vec::new();
    if cfg.runs("sort") {
        sort_group(&cfg, &mut rows);
    }
    if cfg.runs("text") {
        text_group(&cfg, &mut rows);
    }
    if cfg.runs("bridge") {
        bridge_group(&cfg, &mut rows);
    }
    let cores = thread::available_parallelism().map_or(0, NonZeroUsize::get);
    let load = std::fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|l| l.split_whitespace().next().map(str::to_string))
        .unwrap_or_else(|| "?".to_string());
    println!(
        "`cargo run --release --example surface{}` on {cores} cores (load average {load} at \
         the end); median of {} rounds after a warm-up, beat and rayon alternating; beat \
         speed = T_rayon / T_beat, median [min, max] of per-round ratios; best-of = fastest \
         rayon round / fastest beat round.\n",
        if cfg.quick { " -- --quick" } else { "" },
        cfg.rounds,
    );
    print_table(&rows);
    eprintln!("done in {:.1} s", started.elapsed().as_secs_f64());
}
