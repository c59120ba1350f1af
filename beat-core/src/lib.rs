//! beat-core: the batching work-stealing scheduler behind [beat].
//!
//! It provides rayon-core's API: [`join`], [`join_context`], [`scope`],
//! [`in_place_scope`], [`spawn`], their FIFO variants ([`scope_fifo`],
//! [`in_place_scope_fifo`], [`spawn_fifo`]), [`broadcast`] and [`spawn_broadcast`],
//! [`ThreadPool`] and [`ThreadPoolBuilder`], plus [`stats`]. Users normally reach it through the `beat` crate, which re-exports all
//! of it except the deprecated [`Configuration`] and [`initialize`] (as rayon leaves out
//! rayon-core's).
//!
//! What it does differently from a classic work-stealing pool:
//!
//! - **Lazy publishing in `join`**: the second closure is only made stealable when the
//!   worker has nothing queued (or fewer jobs queued than workers looking for work), so a
//!   recursion of fine-grained joins runs as plain calls except where splitting helps.
//! - **Allocation-free task storage**: `join` keeps both closures on the stack; `Scope::spawn`
//!   writes tasks into per-thread chunks and counts completion per chunk.
//! - **An idle protocol with states**: spin, yield, then park, guarded by a jobs event
//!   counter so that no wake-up is lost (see the `sleep` module's README).
//! - **Cheap statistics**: per-worker counters behind [`ThreadPool::stats`] and [`stats`].
//!
//! # Examples
//!
//! ```
//! let pool = beat_core::ThreadPoolBuilder::new().num_threads(2).build().unwrap();
//! let sum = pool.install(|| {
//!     let (a, b) = beat_core::join(|| (0..50u64).sum::<u64>(), || (50..100u64).sum::<u64>());
//!     a + b
//! });
//! assert_eq!(sum, 4950);
//! ```
//!
//! [beat]: https://docs.rs/beat

mod broadcast;
mod deque;
mod job;
mod join;
mod latch;
mod pool;
mod registry;
mod scope;
mod sleep;
mod spawn;
mod stats;
mod sync;
mod unwind;

pub use broadcast::{broadcast, spawn_broadcast, BroadcastContext};
pub use join::{join, join_context, FnContext};
pub use pool::{
    current_num_threads, current_thread_has_pending_tasks, current_thread_index, max_num_threads,
    stats, yield_local, yield_now, CustomSpawn, DefaultSpawn, ThreadBuilder, ThreadPool,
    ThreadPoolBuildError, ThreadPoolBuilder, Yield,
};
#[allow(deprecated)]
pub use pool::{initialize, Configuration};
pub use scope::fifo::{in_place_scope_fifo, scope_fifo, ScopeFifo};
pub use scope::{in_place_scope, scope, Scope};
pub use spawn::{spawn, spawn_fifo};
pub use stats::{CallSite, Stats, WorkerSnapshot};

#[doc(hidden)]
#[path = "internal.rs"]
pub mod __internal;
