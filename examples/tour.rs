//! A tour of beat's performance, measured beside rayon, chili and plain sequential code.
//!
//! Run it with `cargo run --release --example tour` (under a minute on 2 cores). `--quick` is a
//! few-second smoke run whose figures are too small to quote; `--full` takes the sizes
//! `BENCHMARKS.md` names (100 ms of work per W1 measurement, 600,000 W2 tasks, W7 over 1 s
//! and 100 bursts, 5 W7 rounds; a few minutes). `--only w1,w4` picks workloads,
//! `--threads 1,2,4,8` the pool sizes (P = 1 and 2 by default), `--verbose` prints per-cell
//! figures, and `--report DIR` writes `DIR/efficiency.csv` (every figure) and
//! `DIR/efficiency.svg` (the W1 plot); `cargo run --release --example tour -- --report docs`
//! regenerates the README's plot.
//!
//! It follows `BENCHMARKS.md`: every figure is taken in this one process, the parties
//! interleaved (A B A B ...) round by round, and reported as the median of the rounds with the
//! min and max beside it. Work items are a calibrated busy loop (a dependent multiply-add chain,
//! `black_box` on every step). Efficiency is E = T_seq / (P x T_par). For each P it shows
//! W1 (map-sum at four item costs), W5 (the length x cost grid), W6 (irregular items), W8
//! (sum of squares, map-collect), and:
//!
//! - **W3**: `fib(30)` with `join` at every call (no cutoff): time, efficiency, and the overhead
//!   per join, (T_par(P=1) - T_seq) / joins, with the number of joins counted exactly.
//! - **W2**: tasks of ~150 ns, submitted one by one with `scope(|s| s.spawn(..))`.
//! - **W7**: the CPU time the whole process burns over an idle period of a pool (after one
//!   warm-up join), and the CPU and wall time of bursts of 64 trivial spawned tasks, 10 ms
//!   apart.
//!
//! W4 (1,000 tiny items after 5 ms idle) runs once, on the global pools. The result is printed
//! on stdout as a markdown table with the beat / rayon ratios and the targets from
//! `BENCHMARKS.md`. Progress goes to stderr: one line rewritten in place on a terminal (step,
//! workload, P, round, seconds so far), a plain line per step otherwise.

use std::collections::HashMap;
use std::hint::black_box;
use std::num::NonZeroUsize;
use std::path::PathBuf;
use std::thread;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

/// How big a run is: `--quick` (seconds, a smoke test), the default (under a minute on two
/// cores) or `--full` (the sizes `BENCHMARKS.md` names; a few minutes).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Size {
    Quick,
    Default,
    Full,
}

/// Sizes of the run, from [`Size`].
struct Config {
    size: Size,
    fib_n: u64,
    w2_tasks: usize,
    idle: Duration,
    bursts: usize,
    burst_tasks: usize,
    burst_gap: Duration,
    rounds: usize,
    /// Rounds of W7 (each holds two idle periods and two series of bursts).
    w7_rounds: usize,
    /// Minimum sequential work per W3 measurement (fib is repeated to reach it).
    min_work: Duration,
    /// Sequential work per W1/W6 measurement.
    w1_total: Duration,
    /// W4 calls per round (each after 5 ms idle).
    w4_samples: usize,
    /// Sequential work per W5 cell measurement.
    w5_fill: Duration,
    /// W8 input length.
    w8_len: usize,
    /// Which workloads to run (`--only w1,w4`); all when empty.
    only: Vec<String>,
    /// Print per-cell figures to stderr (`--verbose`).
    verbose: bool,
    /// Pool sizes to measure (`--threads 1,2,4`); P = 1 and 2 by default.
    threads: Vec<usize>,
    /// Where `--report DIR` writes the CSV and the SVG plot.
    report: Option<PathBuf>,
}

impl Config {
    fn runs(&self, w: &str) -> bool {
        self.only.is_empty() || self.only.iter().any(|o| o == w)
    }

    fn from_args() -> Self {
        let args: Vec<String> = std::env::args().skip(1).collect();
        let value = |flag: &str| {
            args.iter()
                .position(|a| a == flag)
                .and_then(|i| args.get(i + 1))
        };
        let size = if args.iter().any(|a| a == "--quick") {
            Size::Quick
        } else if args.iter().any(|a| a == "--full") {
            Size::Full
        } else {
            Size::Default
        };
        let verbose = args.iter().any(|a| a == "--verbose");
        let only: Vec<String> = value("--only")
            .map(|l| l.split(',').map(|w| w.trim().to_lowercase()).collect())
            .unwrap_or_default();
        let threads: Vec<usize> = value("--threads")
            .map(|l| {
                l.split(',')
                    .filter_map(|p| p.trim().parse().ok())
                    .filter(|&p| p > 0)
                    .collect()
            })
            .filter(|v: &Vec<usize>| !v.is_empty())
            .unwrap_or_else(|| vec![1, 2]);
        let report = value("--report").map(PathBuf::from);
        if args.iter().any(|a| a == "--report") && report.is_none() {
            eprintln!("--report needs a directory, e.g. `--report docs`");
            std::process::exit(2);
        }
        let ms = Duration::from_millis;
        let base = Config {
            size,
            fib_n: 30,
            w2_tasks: 300_000,
            idle: ms(500),
            bursts: 40,
            burst_tasks: 64,
            burst_gap: ms(10),
            rounds: 5,
            w7_rounds: 3,
            min_work: ms(20),
            w1_total: ms(50),
            w4_samples: 21,
            w5_fill: ms(5),
            w8_len: 4_000_000,
            only,
            verbose,
            threads,
            report,
        };
        match size {
            Size::Default => base,
            Size::Quick => Config {
                fib_n: 20,
                w2_tasks: 20_000,
                idle: ms(100),
                bursts: 10,
                rounds: 3,
                w7_rounds: 3,
                min_work: ms(5),
                w1_total: ms(10),
                w4_samples: 11,
                w5_fill: ms(1),
                w8_len: 1_000_000,
                ..base
            },
            Size::Full => Config {
                w2_tasks: 600_000,
                idle: Duration::from_secs(1),
                bursts: 100,
                w7_rounds: 5,
                min_work: ms(50),
                w1_total: ms(100),
                w4_samples: 51,
                w5_fill: ms(10),
                w8_len: 10_000_000,
                ..base
            },
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Work items

#[path = "../benches/common/mod.rs"]
mod common;
use common::spin;

#[path = "tour/report.rs"]
mod report;
use report::Timings;

#[path = "tour/status.rs"]
mod status;

/// Nanoseconds per `spin` step.
fn calibrate() -> f64 {
    common::ns_per_step()
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

/// The number of `join` calls `fib(n)` makes: every call with `n >= 2` (calls minus leaves).
fn count_joins(n: u64) -> u64 {
    if n < 2 {
        return 0;
    }
    1 + count_joins(n - 1) + count_joins(n - 2)
}

// ---------------------------------------------------------------------------------------------
// Process CPU time

/// CPU time of every thread of this process, in ns, by thread id.
///
/// Uses `/proc/self/task/*/schedstat` (first field: ns on the CPU) and falls back to
/// `/proc/self/task/*/stat` utime + stime (fields 14 and 15, in 1/100 s ticks).
fn cpu_by_thread() -> HashMap<u64, u64> {
    let mut out = HashMap::new();
    let Ok(dir) = std::fs::read_dir("/proc/self/task") else {
        return out;
    };
    for entry in dir.flatten() {
        let Some(tid) = entry
            .file_name()
            .to_str()
            .and_then(|s| s.parse::<u64>().ok())
        else {
            continue;
        };
        let path = entry.path();
        let from_schedstat = std::fs::read_to_string(path.join("schedstat"))
            .ok()
            .and_then(|s| s.split_whitespace().next()?.parse::<u64>().ok());
        let ns = from_schedstat.or_else(|| {
            let stat = std::fs::read_to_string(path.join("stat")).ok()?;
            // Fields after the parenthesised command name; utime is field 14 overall.
            let rest = &stat[stat.rfind(')')? + 2..];
            let f: Vec<&str> = rest.split_whitespace().collect();
            let utime: u64 = f.get(11)?.parse().ok()?;
            let stime: u64 = f.get(12)?.parse().ok()?;
            Some((utime + stime) * 10_000_000)
        });
        if let Some(ns) = ns {
            out.insert(tid, ns);
        }
    }
    out
}

/// A CPU-time meter for the whole process that survives threads exiting in between: it sums
/// per-thread deltas (a thread that exits mid-way loses only its own last slice).
struct CpuMeter(HashMap<u64, u64>);

impl CpuMeter {
    fn start() -> Self {
        CpuMeter(cpu_by_thread())
    }
    /// Seconds of CPU time since `start`.
    fn elapsed(&self) -> f64 {
        let now = cpu_by_thread();
        let ns: u64 = now
            .iter()
            .map(|(tid, &t)| t.saturating_sub(*self.0.get(tid).unwrap_or(&0)))
            .sum();
        ns as f64 * 1e-9
    }
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

#[derive(Clone, Copy)]
enum Unit {
    /// Seconds, printed with an automatic unit.
    Time,
    /// A fraction, printed as a percentage.
    Percent,
    /// Nanoseconds.
    Ns,
    /// A multiple, printed as `1.23x`.
    Ratio,
}

fn fmt_one(unit: Unit, x: f64) -> String {
    match unit {
        Unit::Percent => format!("{:.0}%", x * 100.0),
        Unit::Ns => format!("{x:.2} ns"),
        Unit::Ratio => format!("{x:.2}x"),
        Unit::Time => {
            let a = x.abs();
            if a >= 1.0 {
                format!("{x:.2} s")
            } else if a >= 1e-3 {
                format!("{:.2} ms", x * 1e3)
            } else if a >= 1e-6 {
                format!("{:.1} µs", x * 1e6)
            } else {
                format!("{:.0} ns", x * 1e9)
            }
        }
    }
}

/// "median [min, max]".
fn fmt_cell(unit: Unit, v: &Option<Vec<f64>>) -> String {
    match v {
        None => "—".to_string(),
        Some(v) if v.is_empty() => "—".to_string(),
        Some(v) => {
            let (lo, hi) = min_max(v);
            format!(
                "{} [{}, {}]",
                fmt_one(unit, median(v)),
                fmt_one(unit, lo),
                fmt_one(unit, hi)
            )
        }
    }
}

struct Row {
    workload: String,
    p: usize,
    metric: &'static str,
    unit: Unit,
    seq: Option<Vec<f64>>,
    beat: Option<Vec<f64>>,
    rayon: Option<Vec<f64>>,
    chili: Option<Vec<f64>>,
    /// Per-round beat / rayon ratios.
    ratio: Option<Vec<f64>>,
    target: String,
    /// Whether beat's median meets the target, where there is one.
    met: Option<bool>,
}

impl Row {
    fn new(workload: &str, p: usize, metric: &'static str, unit: Unit) -> Self {
        Row {
            workload: workload.to_string(),
            p,
            metric,
            unit,
            seq: None,
            beat: None,
            rayon: None,
            chili: None,
            ratio: None,
            target: String::new(),
            met: None,
        }
    }
    fn with_ratio(mut self) -> Self {
        if let (Some(b), Some(r)) = (&self.beat, &self.rayon) {
            self.ratio = Some(b.iter().zip(r).map(|(b, r)| b / r).collect());
        }
        self
    }
    fn target(mut self, target: &str, met: impl FnOnce(&Row) -> bool) -> Self {
        self.target = target.to_string();
        self.met = Some(met(&self));
        self
    }
    fn beat_median(&self) -> f64 {
        median(self.beat.as_deref().unwrap_or(&[f64::NAN]))
    }
    fn rayon_median(&self) -> f64 {
        median(self.rayon.as_deref().unwrap_or(&[f64::NAN]))
    }
}

fn print_table(rows: &[Row]) {
    println!(
        "| workload | P | metric | sequential | beat | rayon | chili | beat / rayon | target | met |"
    );
    println!("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
    for r in rows {
        let ratio = match &r.ratio {
            Some(v) => {
                let (lo, hi) = min_max(v);
                format!("{:.2}x [{lo:.2}, {hi:.2}]", median(v))
            }
            None => "—".to_string(),
        };
        let met = match r.met {
            Some(true) => "yes",
            Some(false) => "**no**",
            None => "",
        };
        println!(
            "| {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |",
            r.workload,
            r.p,
            r.metric,
            fmt_cell(r.unit, &r.seq),
            fmt_cell(r.unit, &r.beat),
            fmt_cell(r.unit, &r.rayon),
            fmt_cell(r.unit, &r.chili),
            ratio,
            r.target,
            met
        );
    }
}

/// Today's UTC date as YYYY-MM-DD (civil-from-days, no dependencies).
fn today() -> String {
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    let z = (secs / 86_400) as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

// ---------------------------------------------------------------------------------------------
// Pools

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

/// Seconds `f` takes.
fn time(f: impl FnOnce()) -> f64 {
    let t = Instant::now();
    f();
    t.elapsed().as_secs_f64()
}

/// What the workloads produce: the table's rows and the raw per-round times for `--report`.
struct Out {
    rows: Vec<Row>,
    times: Vec<Timings>,
}

// ---------------------------------------------------------------------------------------------
// Workloads

/// W3: fib(n) with join at every call.
fn w3(cfg: &Config, p: usize, joins: u64, out: &mut Out) {
    let n = cfg.fib_n;
    let expect = fib_seq(n);
    let bp = beat_pool(p);
    let rp = rayon_pool(p);
    let cp = chili_pool(p);

    // Repeat fib(n) so that each measurement holds at least `min_work` of sequential work.
    let once = (0..3)
        .map(|_| time(|| assert_eq!(black_box(fib_seq(black_box(n))), expect)))
        .fold(f64::INFINITY, f64::min);
    let reps = ((cfg.min_work.as_secs_f64() / once).ceil() as usize).max(1);

    let run_seq = || {
        time(|| {
            for _ in 0..reps {
                assert_eq!(fib_seq(black_box(n)), expect);
            }
        }) / reps as f64
    };
    let run_beat = || {
        time(|| {
            bp.install(|| {
                for _ in 0..reps {
                    assert_eq!(fib_beat(black_box(n)), expect);
                }
            })
        }) / reps as f64
    };
    let run_rayon = || {
        time(|| {
            rp.install(|| {
                for _ in 0..reps {
                    assert_eq!(fib_rayon(black_box(n)), expect);
                }
            })
        }) / reps as f64
    };
    let run_chili = || {
        let mut s = cp.scope();
        time(|| {
            for _ in 0..reps {
                assert_eq!(fib_chili(&mut s, black_box(n)), expect);
            }
        }) / reps as f64
    };

    // Warm-up round, not recorded.
    status::round(0, cfg.rounds);
    run_seq();
    run_beat();
    run_rayon();
    run_chili();

    let (mut ts, mut tb, mut tr, mut tc) = (vec![], vec![], vec![], vec![]);
    for k in 1..=cfg.rounds {
        status::round(k, cfg.rounds);
        ts.push(run_seq());
        tb.push(run_beat());
        tr.push(run_rayon());
        tc.push(run_chili());
    }
    drop(cp);

    let wl = format!("W3 fib({n})");
    let mut t = Timings::new("W3", &wl, "wall", p);
    t.items = Some(joins);
    t.seq = Some(ts.clone());
    t.beat = Some(tb.clone());
    t.rayon = Some(tr.clone());
    t.chili = Some(tc.clone());
    out.times.push(t);
    let eff =
        |t: &[f64]| -> Vec<f64> { ts.iter().zip(t).map(|(s, t)| s / (p as f64 * t)).collect() };
    let mut time_row = Row::new(&wl, p, "time per fib", Unit::Time);
    time_row.seq = Some(ts.clone());
    time_row.beat = Some(tb.clone());
    time_row.rayon = Some(tr.clone());
    time_row.chili = Some(tc.clone());
    out.rows.push(time_row.with_ratio());

    let mut eff_row = Row::new(&wl, p, "efficiency", Unit::Percent);
    eff_row.beat = Some(eff(&tb));
    eff_row.rayon = Some(eff(&tr));
    eff_row.chili = Some(eff(&tc));
    let mut eff_row = eff_row.with_ratio();
    if p == 2 {
        eff_row = eff_row.target(">= 50%", |r| r.beat_median() >= 0.5);
    }
    out.rows.push(eff_row);

    if p == 1 {
        let per_join = |t: &[f64]| -> Vec<f64> {
            ts.iter()
                .zip(t)
                .map(|(s, t)| (t - s) * 1e9 / joins as f64)
                .collect()
        };
        let mut oh = Row::new(&wl, p, "overhead per join", Unit::Ns);
        oh.beat = Some(per_join(&tb));
        oh.rayon = Some(per_join(&tr));
        oh.chili = Some(per_join(&tc));
        out.rows.push(
            oh.with_ratio()
                .target("<= 2 ns", |r| r.beat_median() <= 2.0),
        );
    }
}

/// Runs the three parties interleaved: a warm-up round, then `rounds` recorded rounds.
fn interleave3(
    rounds: usize,
    mut seq: impl FnMut() -> f64,
    mut beat: impl FnMut() -> f64,
    mut rayon: impl FnMut() -> f64,
) -> (Vec<f64>, Vec<f64>, Vec<f64>) {
    status::round(0, rounds);
    seq();
    beat();
    rayon();
    let (mut ts, mut tb, mut tr) = (vec![], vec![], vec![]);
    for k in 1..=rounds {
        status::round(k, rounds);
        ts.push(seq());
        tb.push(beat());
        tr.push(rayon());
    }
    (ts, tb, tr)
}

/// Per-round efficiency T_seq / (P x T_par).
fn efficiency(p: usize, ts: &[f64], t: &[f64]) -> Vec<f64> {
    ts.iter().zip(t).map(|(s, t)| s / (p as f64 * t)).collect()
}

/// Per-round ratio T_par / T_seq.
fn over_seq(ts: &[f64], t: &[f64]) -> Vec<f64> {
    ts.iter().zip(t).map(|(s, t)| t / s).collect()
}

/// W1: `(0..n).into_par_iter().map(work).sum()` for four item costs; efficiency rows.
fn w1(cfg: &Config, p: usize, ns_per_step: f64, out: &mut Out) {
    let bp = beat_pool(p);
    let rp = rayon_pool(p);
    let targets = [
        (17.0, 0.90, "tiny"),
        (170.0, 0.95, "small"),
        (1_700.0, 0.97, "medium"),
        (17_000.0, 0.97, "large"),
    ];
    for (ns, target, name) in targets {
        let steps = ((ns / ns_per_step).round() as u64).max(1);
        let n = ((cfg.w1_total.as_secs_f64() * 1e9 / ns) as u64).max(1);
        status::detail(&format!("~{ns} ns ({name})"));
        let expect: u64 = (0..n).map(|i| spin(steps) ^ i).fold(0, u64::wrapping_add);
        let run_seq = || {
            time(|| {
                let s = (0..n).map(|i| spin(steps) ^ i).fold(0, u64::wrapping_add);
                assert_eq!(black_box(s), expect);
            })
        };
        if cfg.verbose {
            let on_pool = time(|| {
                let s = bp.install(|| (0..n).map(|i| spin(steps) ^ i).fold(0, u64::wrapping_add));
                assert_eq!(black_box(s), expect);
            });
            let here = run_seq();
            status::note(&format!(
                "  W1 {name}: sequential loop {here:.4} s here, {on_pool:.4} s on a pool thread"
            ));
        }
        let run_beat = || {
            time(|| {
                use beat::prelude::*;
                let s = bp.install(|| {
                    (0..n)
                        .into_par_iter()
                        .map(|i| spin(steps) ^ i)
                        .reduce(|| 0, u64::wrapping_add)
                });
                assert_eq!(black_box(s), expect);
            })
        };
        let run_rayon = || {
            time(|| {
                use rayon::prelude::*;
                let s = rp.install(|| {
                    (0..n)
                        .into_par_iter()
                        .map(|i| spin(steps) ^ i)
                        .reduce(|| 0, u64::wrapping_add)
                });
                assert_eq!(black_box(s), expect);
            })
        };
        let (ts, tb, tr) = interleave3(cfg.rounds, run_seq, run_beat, run_rayon);
        let wl = format!("W1 {n} x ~{ns} ns ({name})");
        let mut t = Timings::new("W1", &wl, "wall", p);
        t.item_ns = Some(ns);
        t.items = Some(n);
        t.seq = Some(ts.clone());
        t.beat = Some(tb.clone());
        t.rayon = Some(tr.clone());
        out.times.push(t);
        let mut eff_row = Row::new(&wl, p, "efficiency", Unit::Percent);
        eff_row.beat = Some(efficiency(p, &ts, &tb));
        eff_row.rayon = Some(efficiency(p, &ts, &tr));
        let mut eff_row = eff_row.with_ratio();
        if p == 2 {
            let label = format!(">= {:.0}% and >= rayon", target * 100.0);
            eff_row = eff_row.target(&label, |r| {
                r.beat_median() >= target && r.beat_median() >= r.rayon_median()
            });
        }
        out.rows.push(eff_row);
    }
}

/// W4: 1,000 tiny items after the pool idled 5 ms, as a multiple of the sequential loop.
/// Called from the main thread on each library's global pool, as most programs do.
fn w4(cfg: &Config, ns_per_step: f64, out: &mut Out) {
    let steps = ((17.0 / ns_per_step).round() as u64).max(1);
    let n = 1_000u64;
    let expect: u64 = (0..n).map(|i| spin(steps) ^ i).fold(0, u64::wrapping_add);
    let idle = Duration::from_millis(5);
    // One call per sample, each after 5 ms of idling; the median of the samples per round.
    let sample = |f: &dyn Fn() -> u64| -> f64 {
        let mut v: Vec<f64> = (0..cfg.w4_samples)
            .map(|_| {
                thread::sleep(idle);
                let t = Instant::now();
                assert_eq!(black_box(f()), expect);
                t.elapsed().as_secs_f64()
            })
            .collect();
        v.sort_by(f64::total_cmp);
        v[v.len() / 2]
    };
    let seq = || (0..n).map(|i| spin(steps) ^ i).fold(0, u64::wrapping_add);
    let beat_f = || {
        use beat::prelude::*;
        (0..n)
            .into_par_iter()
            .map(|i| spin(steps) ^ i)
            .reduce(|| 0, u64::wrapping_add)
    };
    let rayon_f = || {
        use rayon::prelude::*;
        (0..n)
            .into_par_iter()
            .map(|i| spin(steps) ^ i)
            .reduce(|| 0, u64::wrapping_add)
    };
    let (ts, tb, tr) = interleave3(
        cfg.rounds,
        || sample(&seq),
        || sample(&beat_f),
        || sample(&rayon_f),
    );
    let p = beat::current_num_threads();
    let wl = "W4 1000 x ~17 ns after 5 ms idle (global pool)";
    let mut t = Timings::new("W4", wl, "wall", p);
    t.item_ns = Some(17.0);
    t.items = Some(n);
    t.seq = Some(ts.clone());
    t.beat = Some(tb.clone());
    t.rayon = Some(tr.clone());
    out.times.push(t);
    let mut t_row = Row::new(wl, p, "time", Unit::Time);
    t_row.seq = Some(ts.clone());
    t_row.beat = Some(tb.clone());
    t_row.rayon = Some(tr.clone());
    out.rows.push(t_row.with_ratio());
    let mut x_row = Row::new(wl, p, "x sequential", Unit::Ratio);
    x_row.beat = Some(over_seq(&ts, &tb));
    x_row.rayon = Some(over_seq(&ts, &tr));
    out.rows.push(
        x_row
            .with_ratio()
            .target("<= 1.1x", |r| r.beat_median() <= 1.1),
    );
}

/// W5: lengths 1..100k x item costs ~1/17/170 ns, each call's time over `iter()`'s.
fn w5(cfg: &Config, p: usize, ns_per_step: f64, out: &mut Out) {
    let bp = beat_pool(p);
    let rp = rayon_pool(p);
    let mut worst_beat: Vec<f64> = vec![0.0; cfg.rounds];
    let mut worst_rayon: Vec<f64> = vec![0.0; cfg.rounds];
    let mut worst_at = String::new();
    let mut worst_med = 0.0;
    for ns in [1.0, 17.0, 170.0] {
        let steps = ((ns / ns_per_step).round() as u64).max(1);
        for n in [1u64, 10, 100, 1_000, 10_000, 100_000] {
            // Repeat each call to fill `w5_fill`, so the clock is precise.
            status::detail(&format!("n={n}, ~{ns} ns"));
            let reps = ((cfg.w5_fill.as_secs_f64() * 1e9 / (ns * n as f64)) as usize).max(1);
            let expect: u64 = (0..n).map(|i| spin(steps) ^ i).fold(0, u64::wrapping_add);
            let run_seq = || {
                time(|| {
                    for _ in 0..reps {
                        let s = (0..black_box(n))
                            .map(|i| spin(steps) ^ i)
                            .fold(0, u64::wrapping_add);
                        assert_eq!(black_box(s), expect);
                    }
                })
            };
            let run_beat = || {
                use beat::prelude::*;
                time(|| {
                    bp.install(|| {
                        for _ in 0..reps {
                            let s = (0..black_box(n))
                                .into_par_iter()
                                .map(|i| spin(steps) ^ i)
                                .reduce(|| 0, u64::wrapping_add);
                            assert_eq!(black_box(s), expect);
                        }
                    })
                })
            };
            let run_rayon = || {
                use rayon::prelude::*;
                time(|| {
                    rp.install(|| {
                        for _ in 0..reps {
                            let s = (0..black_box(n))
                                .into_par_iter()
                                .map(|i| spin(steps) ^ i)
                                .reduce(|| 0, u64::wrapping_add);
                            assert_eq!(black_box(s), expect);
                        }
                    })
                })
            };
            let (ts, tb, tr) = interleave3(cfg.rounds, run_seq, run_beat, run_rayon);
            let per_call = |t: &[f64]| t.iter().map(|t| t / reps as f64).collect::<Vec<_>>();
            let mut t = Timings::new("W5", &format!("W5 n={n}"), "wall", p);
            t.item_ns = Some(ns);
            t.items = Some(n);
            t.seq = Some(per_call(&ts));
            t.beat = Some(per_call(&tb));
            t.rayon = Some(per_call(&tr));
            out.times.push(t);
            let rb = over_seq(&ts, &tb);
            let rr = over_seq(&ts, &tr);
            if cfg.verbose {
                status::note(&format!(
                    "  W5 n={n} ~{ns} ns: beat {:.2}x rayon {:.2}x",
                    median(&rb),
                    median(&rr)
                ));
            }
            if median(&rb) > worst_med {
                worst_med = median(&rb);
                worst_at = format!("n={n}, ~{ns} ns");
            }
            for i in 0..cfg.rounds {
                worst_beat[i] = worst_beat[i].max(rb[i]);
                worst_rayon[i] = worst_rayon[i].max(rr[i]);
            }
        }
    }
    let wl = format!("W5 grid, worst ratio (beat's at {worst_at})");
    let mut row = Row::new(&wl, p, "x iter()", Unit::Ratio);
    row.beat = Some(worst_beat);
    row.rayon = Some(worst_rayon);
    out.rows.push(
        row.with_ratio()
            .target("<= 1.1x", |r| r.beat_median() <= 1.1),
    );
}

/// W6: irregular items, cost growing linearly with the index (0 to ~340 ns).
fn w6(cfg: &Config, p: usize, ns_per_step: f64, out: &mut Out) {
    let bp = beat_pool(p);
    let rp = rayon_pool(p);
    let max_steps = ((340.0 / ns_per_step).round() as u64).max(2);
    let n = ((cfg.w1_total.as_secs_f64() * 1e9 / 170.0) as u64).max(1);
    let cost = move |i: u64| spin(i * max_steps / n) ^ i;
    let expect: u64 = (0..n).map(cost).fold(0, u64::wrapping_add);
    let run_seq = || {
        time(|| {
            assert_eq!(
                black_box((0..n).map(cost).fold(0, u64::wrapping_add)),
                expect
            )
        })
    };
    let run_beat = || {
        use beat::prelude::*;
        time(|| {
            let s = bp.install(|| {
                (0..n)
                    .into_par_iter()
                    .map(cost)
                    .reduce(|| 0, u64::wrapping_add)
            });
            assert_eq!(black_box(s), expect);
        })
    };
    let run_rayon = || {
        use rayon::prelude::*;
        time(|| {
            let s = rp.install(|| {
                (0..n)
                    .into_par_iter()
                    .map(cost)
                    .reduce(|| 0, u64::wrapping_add)
            });
            assert_eq!(black_box(s), expect);
        })
    };
    let (ts, tb, tr) = interleave3(cfg.rounds, run_seq, run_beat, run_rayon);
    let wl = format!("W6 {n} items, cost rising 0 to ~340 ns");
    let mut t = Timings::new("W6", &wl, "wall", p);
    t.item_ns = Some(170.0);
    t.items = Some(n);
    t.seq = Some(ts.clone());
    t.beat = Some(tb.clone());
    t.rayon = Some(tr.clone());
    out.times.push(t);
    let mut eff_row = Row::new(&wl, p, "efficiency", Unit::Percent);
    eff_row.beat = Some(efficiency(p, &ts, &tb));
    eff_row.rayon = Some(efficiency(p, &ts, &tr));
    out.rows.push(
        eff_row
            .with_ratio()
            .target(">= rayon", |r| r.beat_median() >= r.rayon_median()),
    );
}

/// W8 (part): sum of squares over 10M u64 and a map-collect of 10M items.
fn w8(cfg: &Config, p: usize, out: &mut Out) {
    let bp = beat_pool(p);
    let rp = rayon_pool(p);
    let n = cfg.w8_len;
    let v: Vec<u64> = (0..n as u64).collect();
    let expect: u64 = v
        .iter()
        .map(|x| x.wrapping_mul(*x))
        .fold(0, u64::wrapping_add);
    status::detail("sum of squares");
    let (ts, tb, tr) = interleave3(
        cfg.rounds,
        || time(|| assert_eq!(black_box(v.iter().map(|x| x * x).sum::<u64>()), expect)),
        || {
            use beat::prelude::*;
            time(|| {
                assert_eq!(
                    bp.install(|| v.par_iter().map(|x| x * x).sum::<u64>()),
                    expect
                )
            })
        },
        || {
            use rayon::prelude::*;
            time(|| {
                assert_eq!(
                    rp.install(|| v.par_iter().map(|x| x * x).sum::<u64>()),
                    expect
                )
            })
        },
    );
    let wl = format!("W8 sum of squares, {}M u64", n / 1_000_000);
    let mut t = Timings::new("W8", &wl, "wall", p);
    t.items = Some(n as u64);
    t.seq = Some(ts.clone());
    t.beat = Some(tb.clone());
    t.rayon = Some(tr.clone());
    out.times.push(t);
    let mut row = Row::new(&wl, p, "time", Unit::Time);
    row.seq = Some(ts);
    row.beat = Some(tb);
    row.rayon = Some(tr);
    out.rows.push(
        row.with_ratio()
            .target("beat / rayon <= 1", |r| r.beat_median() <= r.rayon_median()),
    );

    status::detail("map-collect");
    let (ts, tb, tr) = interleave3(
        cfg.rounds,
        || {
            time(|| {
                assert_eq!(
                    black_box((0..n).map(|i| i * 2).collect::<Vec<usize>>()).len(),
                    n
                )
            })
        },
        || {
            use beat::prelude::*;
            time(|| {
                let c: Vec<usize> = bp.install(|| (0..n).into_par_iter().map(|i| i * 2).collect());
                assert_eq!(black_box(c).len(), n)
            })
        },
        || {
            use rayon::prelude::*;
            time(|| {
                let c: Vec<usize> = rp.install(|| (0..n).into_par_iter().map(|i| i * 2).collect());
                assert_eq!(black_box(c).len(), n)
            })
        },
    );
    let wl = format!("W8 map-collect, {}M items", n / 1_000_000);
    let mut t = Timings::new("W8", &wl, "wall", p);
    t.items = Some(n as u64);
    t.seq = Some(ts.clone());
    t.beat = Some(tb.clone());
    t.rayon = Some(tr.clone());
    out.times.push(t);
    let mut row = Row::new(&wl, p, "time", Unit::Time);
    row.seq = Some(ts);
    row.beat = Some(tb);
    row.rayon = Some(tr);
    out.rows.push(
        row.with_ratio()
            .target("beat / rayon <= 1", |r| r.beat_median() <= r.rayon_median()),
    );
}

/// W2: many ~150 ns tasks submitted one by one through `scope`.
fn w2(cfg: &Config, p: usize, steps_150: u64, out: &mut Out) {
    let n = cfg.w2_tasks;
    let bp = beat_pool(p);
    let rp = rayon_pool(p);

    let run_seq = || {
        time(|| {
            for _ in 0..n {
                black_box(spin(steps_150));
            }
        })
    };
    let run_beat = || {
        time(|| {
            bp.scope(|s| {
                for _ in 0..n {
                    s.spawn(move |_| {
                        black_box(spin(steps_150));
                    });
                }
            })
        })
    };
    let run_rayon = || {
        time(|| {
            rp.scope(|s| {
                for _ in 0..n {
                    s.spawn(move |_| {
                        black_box(spin(steps_150));
                    });
                }
            })
        })
    };

    let (ts, tb, tr) = interleave3(cfg.rounds, run_seq, run_beat, run_rayon);

    let wl = format!("W2 {}k x ~150 ns spawn", n / 1000);
    let mut t = Timings::new("W2", &wl, "wall", p);
    t.item_ns = Some(150.0);
    t.items = Some(n as u64);
    t.seq = Some(ts.clone());
    t.beat = Some(tb.clone());
    t.rayon = Some(tr.clone());
    out.times.push(t);
    let eff =
        |t: &[f64]| -> Vec<f64> { ts.iter().zip(t).map(|(s, t)| s / (p as f64 * t)).collect() };
    let mut time_row = Row::new(&wl, p, "time", Unit::Time);
    time_row.seq = Some(ts.clone());
    time_row.beat = Some(tb.clone());
    time_row.rayon = Some(tr.clone());
    out.rows.push(time_row.with_ratio());

    let mut eff_row = Row::new(&wl, p, "efficiency", Unit::Percent);
    eff_row.beat = Some(eff(&tb));
    eff_row.rayon = Some(eff(&tr));
    let mut eff_row = eff_row.with_ratio();
    if p == 2 {
        eff_row = eff_row.target(">= 80%", |r| r.beat_median() >= 0.8);
    }
    out.rows.push(eff_row);
}

/// What one W7 measurement of one pool gives.
struct IdleFigures {
    idle_cpu: f64,
    burst_cpu: f64,
    /// Mean wall time of one burst (the scope only, not the gaps).
    burst_wall: f64,
}

/// Builds the pool, warms it with one join, measures the CPU over `idle` of sleeping, then
/// the CPU and wall time of the bursts.
fn w7_one<P>(
    cfg: &Config,
    build: impl FnOnce() -> P,
    join: impl Fn(&P),
    burst: impl Fn(&P, usize),
) -> IdleFigures {
    let pool = build();
    join(&pool);

    let cpu = CpuMeter::start();
    thread::sleep(cfg.idle);
    let idle_cpu = cpu.elapsed();

    let cpu = CpuMeter::start();
    let mut wall = Duration::ZERO;
    for _ in 0..cfg.bursts {
        thread::sleep(cfg.burst_gap);
        let t = Instant::now();
        burst(&pool, cfg.burst_tasks);
        wall += t.elapsed();
    }
    let burst_cpu = cpu.elapsed();
    drop(pool);
    // Let the dropped pool's threads exit before the next measurement starts.
    thread::sleep(Duration::from_millis(20));
    IdleFigures {
        idle_cpu,
        burst_cpu,
        burst_wall: wall.as_secs_f64() / cfg.bursts.max(1) as f64,
    }
}

/// W7: idle cost.
fn w7(cfg: &Config, p: usize, out: &mut Out) {
    let run_beat = || {
        w7_one(
            cfg,
            || beat_pool(p),
            |pool| {
                black_box(pool.join(|| 1, || 2));
            },
            |pool, k| {
                pool.scope(|s| {
                    for i in 0..k {
                        s.spawn(move |_| {
                            black_box(i);
                        });
                    }
                })
            },
        )
    };
    let run_rayon = || {
        w7_one(
            cfg,
            || rayon_pool(p),
            |pool| {
                black_box(pool.join(|| 1, || 2));
            },
            |pool, k| {
                pool.scope(|s| {
                    for i in 0..k {
                        s.spawn(move |_| {
                            black_box(i);
                        });
                    }
                })
            },
        )
    };

    let (mut b, mut r) = (vec![], vec![]);
    for k in 1..=cfg.w7_rounds {
        status::round(k, cfg.w7_rounds);
        b.push(run_beat());
        r.push(run_rayon());
    }

    let idle_label = if cfg.idle == Duration::from_secs(1) {
        "W7 idle 1 s".to_string()
    } else {
        format!("W7 idle {} ms", cfg.idle.as_millis())
    };
    let mut t = Timings::new("W7", &idle_label, "cpu", p);
    t.beat = Some(b.iter().map(|f| f.idle_cpu).collect());
    t.rayon = Some(r.iter().map(|f| f.idle_cpu).collect());
    out.times.push(t);
    let mut idle = Row::new(&idle_label, p, "process CPU", Unit::Time);
    idle.beat = Some(b.iter().map(|f| f.idle_cpu).collect());
    idle.rayon = Some(r.iter().map(|f| f.idle_cpu).collect());
    let scale = cfg.idle.as_secs_f64();
    out.rows.push(
        idle.with_ratio()
            .target("<= 1 ms per s", |r| r.beat_median() <= 1e-3 * scale),
    );

    let wl = format!(
        "W7 {} bursts x {} tasks, {} ms apart",
        cfg.bursts,
        cfg.burst_tasks,
        cfg.burst_gap.as_millis()
    );
    let mut t = Timings::new("W7", &wl, "cpu", p);
    t.items = Some((cfg.bursts * cfg.burst_tasks) as u64);
    t.beat = Some(b.iter().map(|f| f.burst_cpu).collect());
    t.rayon = Some(r.iter().map(|f| f.burst_cpu).collect());
    out.times.push(t);
    let mut cpu = Row::new(&wl, p, "process CPU", Unit::Time);
    cpu.beat = Some(b.iter().map(|f| f.burst_cpu).collect());
    cpu.rayon = Some(r.iter().map(|f| f.burst_cpu).collect());
    out.rows.push(
        cpu.with_ratio()
            .target("<= rayon", |r| r.beat_median() <= r.rayon_median()),
    );

    let mut wall = Row::new(&wl, p, "wall per burst", Unit::Time);
    wall.beat = Some(b.iter().map(|f| f.burst_wall).collect());
    wall.rayon = Some(r.iter().map(|f| f.burst_wall).collect());
    out.rows.push(wall.with_ratio());
}

/// The machine, for the plot's title: the core count and, where Linux says, the CPU model.
fn machine(cores: usize) -> String {
    let model = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|info| {
            info.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split_once(':'))
                .map(|(_, m)| m.split_whitespace().collect::<Vec<_>>().join(" "))
        });
    match model {
        Some(m) if !m.is_empty() => format!("{cores} cores ({m})"),
        _ => format!("{cores} cores"),
    }
}

fn main() {
    let cfg = Config::from_args();
    let ps = cfg.threads.clone();
    status::start(
        1 + usize::from(cfg.runs("w4"))
            + ps.len()
                * ["w1", "w5", "w6", "w8", "w3", "w2", "w7"]
                    .iter()
                    .filter(|w| cfg.runs(w))
                    .count(),
    );

    status::step("calibrating the busy loop");
    let ns_per_step = calibrate();
    let steps_150 = ((150.0 / ns_per_step).round() as u64).max(1);
    let joins = count_joins(cfg.fib_n);

    let mut out = Out {
        rows: Vec::new(),
        times: Vec::new(),
    };
    if cfg.runs("w4") {
        status::step("W4 1000 tiny items after idling, global pools");
        w4(&cfg, ns_per_step, &mut out);
    }
    for &p in &ps {
        if cfg.runs("w1") {
            status::step(&format!("W1 map-sum, four item costs, P={p}"));
            w1(&cfg, p, ns_per_step, &mut out);
        }
        if cfg.runs("w5") {
            status::step(&format!("W5 length x cost grid, P={p}"));
            w5(&cfg, p, ns_per_step, &mut out);
        }
        if cfg.runs("w6") {
            status::step(&format!("W6 irregular items, P={p}"));
            w6(&cfg, p, ns_per_step, &mut out);
        }
        if cfg.runs("w8") {
            status::step(&format!("W8 sum of squares, map-collect, P={p}"));
            w8(&cfg, p, &mut out);
        }
        if cfg.runs("w3") {
            status::step(&format!("W3 fib({}), P={p}", cfg.fib_n));
            w3(&cfg, p, joins, &mut out);
        }
        if cfg.runs("w2") {
            status::step(&format!("W2 {} spawned tasks, P={p}", cfg.w2_tasks));
            w2(&cfg, p, steps_150, &mut out);
        }
        if cfg.runs("w7") {
            status::step(&format!(
                "W7 idle {:?} + {} bursts, P={p}",
                cfg.idle, cfg.bursts
            ));
            w7(&cfg, p, &mut out);
        }
    }
    status::clear();

    let cores = thread::available_parallelism().map_or(0, NonZeroUsize::get);
    let date = today();
    let mode = match cfg.size {
        Size::Quick => " -- --quick",
        Size::Default => "",
        Size::Full => " -- --full",
    };
    println!(
        "# beat tour ({date}{})\n",
        mode.strip_prefix(" --").unwrap_or("").replace(' ', ", ")
    );
    println!(
        "`cargo run --release --example tour{mode}` on {cores} cores; median [min, max] of {} \
         interleaved rounds (W7: {}); busy loop {ns_per_step:.3} ns/step, ~150 ns = \
         {steps_150} steps; fib({}) makes {joins} joins; efficiency E = T_seq / (P x T_par); \
         beat / rayon is the median of per-round ratios.\n",
        cfg.rounds, cfg.w7_rounds, cfg.fib_n,
    );
    print_table(&out.rows);

    if let Some(dir) = &cfg.report {
        match report::write(dir, &out.times, &machine(cores), &date, cfg.rounds) {
            Ok(files) => eprintln!("report: wrote {}", files.join(", ")),
            Err(e) => {
                eprintln!("report: cannot write to {}: {e}", dir.display());
                std::process::exit(1);
            }
        }
    }
    eprintln!("done in {:.1} s", status::elapsed());
}
