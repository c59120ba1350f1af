//! Quicksort parallelised with `beat::join`.
//!
//! Run it with `cargo run --release --example quicksort` (add `-- --len N` to sort N
//! numbers, 5,000,000 by default).
//!
//! After partitioning, the two halves are independent, so `join` sorts them side by side;
//! `join` costs little when no thread is free, so the recursion can go deep. Below a cutoff
//! the slice is sorted sequentially anyway: there a call costs more than it saves. The
//! example checks the result and prints the time on all threads and on one.
//!
//! The partition step itself is sequential, so the first levels limit the speed-up; and
//! with many equal keys Lomuto's scheme used here splits unevenly (a three-way partition
//! would not). The library's own `par_sort_unstable` does better on both counts.

use beat::prelude::*;
use std::time::Instant;

/// Slices up to this length are sorted sequentially.
const CUTOFF: usize = 4_096;

fn main() {
    let len = arg("--len").unwrap_or(5_000_000);

    let mut rng = 0x853C_49E6_748F_EA9B_u64;
    let input: Vec<u64> = (0..len)
        .map(|_| {
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            rng
        })
        .collect();

    let mut v = input.clone();
    let start = Instant::now();
    quicksort(&mut v);
    let parallel = start.elapsed();

    // The same code in a pool of one thread, where `join` runs both halves in turn.
    let one_thread = beat::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .expect("building a pool of 1 thread");
    let mut w = input.clone();
    let start = Instant::now();
    one_thread.install(|| quicksort(&mut w));
    let sequential = start.elapsed();

    // `par_windows(2)` looks at every adjacent pair, in parallel.
    let sorted = v.par_windows(2).all(|pair| pair[0] <= pair[1]);
    assert!(sorted, "not sorted");
    let mut expected = input;
    expected.par_sort_unstable();
    assert_eq!(v, expected, "not a permutation of the input");
    assert_eq!(w, expected);
    println!("{len} numbers sorted (checked against par_sort_unstable)");
    println!(
        "quicksort on {} threads: {parallel:.1?}; on 1 thread: {sequential:.1?}",
        beat::current_num_threads()
    );
}

/// Sorts `v` in place.
fn quicksort<T: Ord + Send>(v: &mut [T]) {
    if v.len() <= CUTOFF {
        v.sort_unstable();
        return;
    }
    let mid = partition(v);
    let (left, right) = v.split_at_mut(mid);
    // `right[0]` is the pivot, already in its final place.
    beat::join(|| quicksort(left), || quicksort(&mut right[1..]));
}

/// Partitions `v` around the median of its first, middle and last elements and returns the
/// pivot's final index: everything before it is smaller, nothing after it is.
fn partition<T: Ord>(v: &mut [T]) -> usize {
    let (mid, last) = (v.len() / 2, v.len() - 1);
    // Sort the three samples, then move the median to the end as the pivot.
    if v[mid] < v[0] {
        v.swap(mid, 0);
    }
    if v[last] < v[0] {
        v.swap(last, 0);
    }
    if v[last] < v[mid] {
        v.swap(last, mid);
    }
    v.swap(mid, last);
    // Lomuto's scheme: `store` is where the next element smaller than the pivot goes.
    let mut store = 0;
    for i in 0..last {
        if v[i] < v[last] {
            v.swap(i, store);
            store += 1;
        }
    }
    v.swap(store, last);
    store
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
