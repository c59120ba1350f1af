//! The first things to try with beat: parallel iterators, `join`, and a pool of your own.
//!
//! Run it with `cargo run --release --example quick_start` (add `-- --len N` to change the
//! input size, 10,000,000 by default).
//!
//! Everything comes from `use beat::prelude::*`, exactly as with rayon: `par_iter()` on a
//! slice or `Vec`, `into_par_iter()` on a range, then the usual iterator adapters.

use beat::prelude::*;

fn main() {
    let len = arg_usize("--len").unwrap_or(10_000_000);

    // 1. map + sum: the parallel version of `v.iter().map(..).sum()`.
    let v: Vec<u64> = (0..len as u64).collect();
    let sum_sq: u64 = v.par_iter().map(|&x| x * x % 1_000_003).sum();
    let check: u64 = v.iter().map(|&x| x * x % 1_000_003).sum();
    assert_eq!(sum_sq, check);
    println!("sum of squares mod 1000003 over {len} numbers: {sum_sq}");

    // 2. filter + collect: the output keeps the input order.
    let primes: Vec<u32> = (2..len.min(200_000) as u32)
        .into_par_iter()
        .filter(|&n| is_prime(n))
        .collect();
    println!(
        "{} primes below {}, the last ones: {:?}",
        primes.len(),
        len.min(200_000),
        &primes[primes.len().saturating_sub(3)..]
    );

    // 3. join: run two closures, possibly in parallel, and get both results.
    let (evens, odds) = beat::join(
        || v.par_iter().filter(|&&x| x % 2 == 0).count(),
        || v.par_iter().filter(|&&x| x % 2 == 1).count(),
    );
    assert_eq!(evens + odds, len);
    println!("join: {evens} even and {odds} odd numbers");

    // 4. A custom pool: everything inside `install` (iterators, join, scope) runs on it.
    let pool = beat::ThreadPoolBuilder::new()
        .num_threads(2)
        .build()
        .expect("building a pool of 2 threads");
    let max = pool.install(|| v.par_iter().map(|&x| x ^ 0x5555).max());
    println!(
        "on a pool of {} threads: max of x ^ 0x5555 is {max:?}",
        pool.current_num_threads()
    );
    println!("ok");
}

fn is_prime(n: u32) -> bool {
    n >= 2 && (2..).take_while(|d| d * d <= n).all(|d| n % d != 0)
}

/// The number after `name` on the command line, if any.
fn arg_usize(name: &str) -> Option<usize> {
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
