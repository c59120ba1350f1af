//! beat: data-parallel iterators and fine-grained `join` with rayon's API.
//!
//! Parallel iterators (`par_iter()`, `into_par_iter()` and their adapters) split work into
//! batches sized by an online estimate of each item's cost, and run small inputs inline on
//! the calling thread. `join`, `scope` and the thread pools come from [`beat_core`].
//!
//! # Examples
//!
//! ```
//! use beat::prelude::*;
//!
//! let v: Vec<u64> = (0..10_000).collect();
//! let sum: u64 = v.par_iter().map(|x| x * x).sum();
//! assert_eq!(sum, v.iter().map(|x| x * x).sum());
//!
//! let (a, b) = beat::join(|| 1 + 1, || 2 + 2);
//! assert_eq!((a, b), (2, 4));
//! ```

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
