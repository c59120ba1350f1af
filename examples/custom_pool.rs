//! Building and using thread pools: `ThreadPoolBuilder`, `install`, `join`, `scope`, and the
//! global pool.
//!
//! Run it with `cargo run --release --example custom_pool` (add `-- --threads N` for the
//! size of the custom pool, 3 by default).
//!
//! It configures a global pool once (`build_global`, which must happen before anything uses
//! the global pool, and fails the second time), then builds a named pool with start and
//! panic handlers, and runs work on it with `install`, `join` and `scope` + `spawn`.

use beat::prelude::*;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{mpsc, Arc, Mutex};
use std::time::Duration;

fn main() {
    let threads = arg("--threads").unwrap_or(3);

    // The global pool serves parallel work started outside any pool. Configure it first
    // thing in `main`; a second `build_global` (or one after first use) is an error.
    beat::ThreadPoolBuilder::new()
        .num_threads(2)
        .build_global()
        .expect("nothing has used the global pool yet");
    match beat::ThreadPoolBuilder::new().build_global() {
        Ok(()) => unreachable!("the global pool can be built only once"),
        Err(e) => println!("second build_global: error as expected: {e}"),
    }
    println!(
        "global pool: {} threads; on the main thread current_thread_index() = {:?}",
        beat::current_num_threads(),
        beat::current_thread_index()
    );

    // A custom pool: named threads, a handler run as each starts, and a handler for panics
    // of spawned tasks (without one, such a panic aborts the process).
    let started = Arc::new(AtomicUsize::new(0));
    let (panic_tx, panic_rx) = mpsc::channel();
    let panic_tx = Mutex::new(panic_tx);
    let pool = beat::ThreadPoolBuilder::new()
        .num_threads(threads)
        .thread_name(|i| format!("example-worker-{i}"))
        .start_handler({
            let started = Arc::clone(&started);
            move |_index| {
                started.fetch_add(1, Ordering::Relaxed);
            }
        })
        .panic_handler(move |payload| {
            let message = payload
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .unwrap_or_else(|| "(not a string)".into());
            let _ = panic_tx.lock().unwrap().send(message);
        })
        .build()
        .expect("building the pool");

    // `install` runs a closure on the pool, and everything parallel inside it too.
    let (index, name) = pool.install(|| {
        let name = std::thread::current().name().map(String::from);
        (beat::current_thread_index(), name)
    });
    println!(
        "install ran on thread {index:?} named {name:?} of a pool of {}",
        pool.current_num_threads()
    );
    let total: u64 = pool.install(|| (1..=1_000_000u64).into_par_iter().sum());
    assert_eq!(total, 500_000_500_000);
    println!("install: parallel sum = {total}");

    // `pool.join` is `install` + `join`.
    let (a, b) = pool.join(|| fib(25), || fib(24));
    assert_eq!(a + b, fib(26));
    println!("pool.join: fib(25) + fib(24) = {}", a + b);

    // `scope` lets spawned tasks borrow from the enclosing stack frame; it returns once
    // every task spawned in it has finished.
    let words = ["alpha", "beta", "gamma", "delta"];
    let lengths = Mutex::new(Vec::new());
    pool.scope(|s| {
        for word in &words {
            let lengths = &lengths;
            s.spawn(move |_| lengths.lock().unwrap().push((*word, word.len())));
        }
    });
    let mut lengths = lengths.into_inner().unwrap();
    lengths.sort();
    println!("scope + spawn: {lengths:?}");

    // A panic in a task spawned with `pool.spawn` goes to the panic handler.
    println!("spawning a task that panics (its message on stderr is expected)");
    pool.spawn(|| panic!("a deliberate panic"));
    let message = panic_rx
        .recv_timeout(Duration::from_secs(10))
        .expect("the panic handler ran");
    println!("panic handler caught: {message}");

    // `broadcast` runs a closure once on every thread of the pool, so by now each has
    // started and run the start handler.
    let indices = pool.broadcast(|ctx| ctx.index());
    println!(
        "broadcast reached threads {indices:?}; the start handler ran {} times",
        started.load(Ordering::Relaxed)
    );
    println!("ok");
}

fn fib(n: u64) -> u64 {
    if n < 2 {
        n
    } else {
        fib(n - 1) + fib(n - 2)
    }
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
