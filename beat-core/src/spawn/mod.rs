//! `spawn` and `spawn_fifo`: fire-and-forget tasks that outlive their caller.

#[cfg(all(test, not(loom)))]
mod tests;

use crate::job::{HeapJob, JobRef};
use crate::registry::{self, Registry};
use crate::sync::Arc;

/// Starts `func` on the current pool (the global one outside any pool) without waiting
/// for it. The task keeps its pool alive until it has run.
///
/// # Panics
///
/// A panic in `func` cannot propagate to anyone: it goes to the pool's
/// [`panic_handler`](crate::ThreadPoolBuilder::panic_handler), and without one the process
/// aborts (as in rayon).
///
/// # Examples
///
/// ```
/// let (tx, rx) = std::sync::mpsc::channel();
/// beat_core::spawn(move || tx.send("done").unwrap());
/// assert_eq!(rx.recv().unwrap(), "done");
/// ```
pub fn spawn<F>(func: F)
where
    F: FnOnce() + Send + 'static,
{
    spawn_in(func, &registry::current_registry())
}

/// Like [`spawn`], but the tasks that one thread spawns this way start in the order it
/// spawned them, as far as that thread runs them; other threads may still steal some and
/// start them earlier. `spawn` starts the newest first instead (it favours locality).
///
/// From outside the pool the task is injected, and injected tasks start in order anyway.
///
/// # Panics
///
/// As [`spawn`]: a panic goes to the panic handler, or aborts without one.
///
/// # Examples
///
/// ```
/// use std::sync::mpsc;
/// let pool = beat_core::ThreadPoolBuilder::new().num_threads(1).build().unwrap();
/// let (tx, rx) = mpsc::channel();
/// pool.install(|| {
///     for i in 0..4 {
///         let tx = tx.clone();
///         beat_core::spawn_fifo(move || tx.send(i).unwrap());
///     }
/// });
/// // One worker runs them all, oldest first.
/// assert_eq!(rx.iter().take(4).collect::<Vec<_>>(), [0, 1, 2, 3]);
/// ```
pub fn spawn_fifo<F>(func: F)
where
    F: FnOnce() + Send + 'static,
{
    spawn_fifo_in(func, &registry::current_registry())
}

/// Spawns `func` into `registry`.
pub(crate) fn spawn_in<F>(func: F, registry: &Arc<Registry>)
where
    F: FnOnce() + Send + 'static,
{
    registry.inject_or_push(spawn_job(func, registry));
}

/// Spawns `func` into `registry`, in FIFO order among the calling worker's FIFO spawns.
pub(crate) fn spawn_fifo_in<F>(func: F, registry: &Arc<Registry>)
where
    F: FnOnce() + Send + 'static,
{
    registry.inject_or_push_fifo(spawn_job(func, registry));
}

/// The heap job of a spawned task: it holds a count of its pool until it has run.
fn spawn_job<F>(func: F, registry: &Arc<Registry>) -> JobRef
where
    F: FnOnce() + Send + 'static,
{
    registry.increment_terminate_count();
    let registry = Arc::clone(registry);
    HeapJob::new(move || {
        registry.catch_unwind("a spawned task", func);
        registry.terminate();
    })
    .into_job_ref()
}
