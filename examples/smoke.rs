//! smoke
use std::time::Instant;
fn fib(n: u64) -> u64 { if n < 2 { return n; } let (a, b) = beat::join(|| fib(n - 1), || fib(n - 2)); a + b }
fn fibr(n: u64) -> u64 { if n < 2 { return n; } let (a, b) = rayon::join(|| fibr(n - 1), || fibr(n - 2)); a + b }
fn fib_seq(n: u64) -> u64 { if n < 2 { return n; } fib_seq(n - 1) + fib_seq(n - 2) }
fn main() {
    for p in [1, 2] {
        let pool = beat::ThreadPoolBuilder::new().num_threads(p).build().unwrap();
        let rpool = rayon::ThreadPoolBuilder::new().num_threads(p).build().unwrap();
        for _ in 0..5 {
            let t = Instant::now(); let s = fib_seq(std::hint::black_box(30)); let ts = t.elapsed();
            let t = Instant::now(); let r = pool.install(|| fib(30)); let tp = t.elapsed();
            let t = Instant::now(); let r2 = rpool.install(|| fibr(30)); let tr = t.elapsed();
            assert_eq!(s, r); assert_eq!(s, r2);
            println!("P={p} seq {:?} beat {:?} eff {:.1}% rayon {:?} eff {:.1}%", ts, tp, 100.0 * ts.as_secs_f64() / (p as f64 * tp.as_secs_f64()), tr, 100.0 * ts.as_secs_f64() / (p as f64 * tr.as_secs_f64()));
        }
        let n = std::sync::atomic::AtomicUsize::new(0);
        let t = Instant::now();
        pool.scope(|s| for _ in 0..600_000 { s.spawn(|_| { n.fetch_add(1, std::sync::atomic::Ordering::Relaxed); }); });
        println!("600k spawns {:?} n={}", t.elapsed(), n.into_inner());
        let n = std::sync::atomic::AtomicUsize::new(0);
        let t = Instant::now();
        rpool.scope(|s| for _ in 0..600_000 { s.spawn(|_| { n.fetch_add(1, std::sync::atomic::Ordering::Relaxed); }); });
        println!("rayon 600k spawns {:?} n={}", t.elapsed(), n.into_inner());
    }
}
