//! beat: data-parallel iterators and fine-grained `join` with rayon's API.
//!
//! Parallel iterators (`par_iter()`, `into_par_iter()` and their adapters) split work into
//! batches sized by an online estimate of each item's cost, and run small inputs inline on
//! the calling thread. `join`, `scope` and the thread pools come from [`beat_core`].
//!
//! # A tour of the API
//!
//! Everything a program needs is one import away: `use beat::prelude::*;` brings the
//! traits, and the functions and pool types sit at the crate root, named as in rayon.
//!
//! **Parallel iterators.** Sources turn into parallel iterators with
//! [`into_par_iter`](iter::IntoParallelIterator::into_par_iter) (by value),
//! [`par_iter`](iter::IntoParallelRefIterator::par_iter) (`&`) and
//! [`par_iter_mut`](iter::IntoParallelRefMutIterator::par_iter_mut) (`&mut`): ranges of
//! every integer type and of `char`, slices, `Vec`, arrays, `Option`, `Result`, the std
//! collections, tuples of indexed iterators ([`iter::MultiZip`]) and, through
//! [`par_bridge`](iter::ParallelBridge::par_bridge), any `Iterator + Send`. The adapters and
//! consumers of [`ParallelIterator`](iter::ParallelIterator) and
//! [`IndexedParallelIterator`](iter::IndexedParallelIterator) keep rayon's semantics:
//! order where rayon keeps it, short-circuiting searches, panics that propagate.
//!
//! ```
//! use beat::prelude::*;
//!
//! let words = ["apple", "bob", "kayak", "level", "rust"];
//! let palindromes: Vec<&str> = words
//!     .par_iter()
//!     .copied()
//!     .filter(|w| w.chars().eq(w.chars().rev()))
//!     .collect();
//! assert_eq!(palindromes, ["bob", "kayak", "level"]);
//!
//! let total: u64 = (1..=1_000u64).into_par_iter().map(|x| x * x).sum();
//! assert_eq!(total, 333_833_500);
//! assert_eq!((0..1_000_000).into_par_iter().find_first(|&x| x % 7 == 6), Some(6));
//! ```
//!
//! **Slices and strings.** [`ParallelSlice`](slice::ParallelSlice) and
//! [`ParallelSliceMut`](slice::ParallelSliceMut) add chunks, windows, splits and the
//! parallel sorts; [`ParallelString`](str::ParallelString) adds chars, lines, splits and
//! matches.
//!
//! ```
//! use beat::prelude::*;
//!
//! let mut v = vec![5, 3, 9, 1, 7];
//! v.par_sort_unstable();
//! assert_eq!(v, [1, 3, 5, 7, 9]);
//! v.par_chunks_mut(2).for_each(|c| c.reverse());
//! assert_eq!(v, [3, 1, 7, 5, 9]);
//!
//! let text = "one two\nthree four five\n";
//! assert_eq!(text.par_lines().count(), 2);
//! assert_eq!(text.par_split_whitespace().count(), 5);
//! ```
//!
//! **Fork-join.** [`join`] runs two closures, potentially in parallel; [`scope`] lets tasks
//! borrow from the enclosing stack frame; [`spawn`] starts a detached task.
//!
//! ```
//! fn sum(v: &[u64]) -> u64 {
//!     if v.len() <= 1024 {
//!         return v.iter().sum();
//!     }
//!     let (l, r) = v.split_at(v.len() / 2);
//!     let (a, b) = beat::join(|| sum(l), || sum(r));
//!     a + b
//! }
//! let v: Vec<u64> = (0..100_000).collect();
//! assert_eq!(sum(&v), 4_999_950_000);
//!
//! let mut halves = [0u64; 2];
//! let (lo, hi) = halves.split_at_mut(1);
//! beat::scope(|s| {
//!     s.spawn(|_| lo[0] = v[..50_000].iter().sum());
//!     s.spawn(|_| hi[0] = v[50_000..].iter().sum());
//! });
//! assert_eq!(halves[0] + halves[1], 4_999_950_000);
//! ```
//!
//! **Thread pools.** The global pool sizes itself from `BEAT_NUM_THREADS` (then
//! `RAYON_NUM_THREADS`, then the number of CPUs). [`ThreadPoolBuilder`] makes others;
//! [`ThreadPool::install`] runs a closure, and every parallel call inside it, in that pool.
//! [`stats`] and [`ThreadPool::stats`] report what the scheduler and the driver did.
//!
//! ```
//! use beat::prelude::*;
//!
//! let pool = beat::ThreadPoolBuilder::new().num_threads(2).build().unwrap();
//! let n = pool.install(|| (0..10_000).into_par_iter().filter(|x| x % 3 == 0).count());
//! assert_eq!(n, 3334);
//! let stats = pool.stats();
//! assert_eq!(stats.per_worker.len(), 2);
//! ```
//!
//! **Custom parallel iterators** written against rayon's [`iter::plumbing`] (`Producer`,
//! `Consumer`, `bridge`, ...) compile unchanged. With the `progress` feature, `beat::progress`
//! adds progress bars to parallel iterators.
//!
//! # Switching from rayon
//!
//! `rayon = { package = "beat", version = "0.1" }` in `Cargo.toml`, or `use beat as rayon;`.
//! The known differences are listed in the README and in `docs/rayon-parity.md`.

pub mod array;
pub mod iter;
pub mod option;
pub mod prelude;
pub mod range;
pub mod range_inclusive;
pub mod result;
pub mod slice;
pub mod str;
pub mod vec;
// [h3: lib]
pub mod collections;
pub mod string;
// [h4: lib]
#[cfg(feature = "progress")]
pub mod progress;
// [h13: lib]

pub use beat_core::{
    broadcast, current_num_threads, current_thread_index, in_place_scope, in_place_scope_fifo,
    join, join_context, max_num_threads, scope, scope_fifo, spawn, spawn_broadcast, spawn_fifo,
    stats, yield_local, yield_now, BroadcastContext, CallSite, FnContext, Scope, ScopeFifo, Stats,
    ThreadBuilder, ThreadPool, ThreadPoolBuildError, ThreadPoolBuilder, WorkerSnapshot, Yield,
};
