//! `spawn`: fire-and-forget tasks that outlive their caller.

use crate::job::HeapJob;
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

/// Spawns `func` into `registry`.
pub(crate) fn spawn_in<F>(func: F, registry: &Arc<Registry>)
where
    F: FnOnce() + Send + 'static,
{
    registry.increment_terminate_count();
    let registry_for_job = Arc::clone(registry);
    let job = HeapJob::new(move || {
        registry_for_job.catch_unwind(func);
        registry_for_job.terminate();
    });
    registry.inject_or_push(job.into_job_ref());
}
