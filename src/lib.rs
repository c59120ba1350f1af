//! beat: data-parallel iterators and fine-grained `join` with rayon's API.
//!
//! This crate re-exports the scheduler of [`beat_core`]; parallel iterators build on it.
//!
//! # Examples
//!
//! ```
//! let (a, b) = beat::join(|| 1 + 1, || 2 + 2);
//! assert_eq!((a, b), (2, 4));
//! ```

pub use beat_core::{
    current_num_threads, current_thread_index, in_place_scope, join, join_context, max_num_threads,
    scope, spawn, stats, yield_local, yield_now, FnContext, Scope, Stats, ThreadBuilder,
    ThreadPool, ThreadPoolBuildError, ThreadPoolBuilder, WorkerSnapshot, Yield,
};
