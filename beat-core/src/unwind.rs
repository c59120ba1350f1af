//! Panic capture and resume, and the guard that turns a panic inside scheduler internals
//! into an abort.

use std::any::Any;
use std::panic::{self, AssertUnwindSafe};

/// Runs `f`, catching a panic as an `Err` carrying its payload.
///
/// Callers are responsible for not observing broken invariants after a panic; beat only
/// carries the payload to the thread that resumes it.
#[inline]
pub(crate) fn halt_unwinding<F, R>(f: F) -> Result<R, Box<dyn Any + Send>>
where
    F: FnOnce() -> R,
{
    panic::catch_unwind(AssertUnwindSafe(f))
}

/// Resumes a panic captured by [`halt_unwinding`] on the current thread.
#[cold]
pub(crate) fn resume_unwinding(payload: Box<dyn Any + Send>) -> ! {
    panic::resume_unwind(payload)
}

/// Aborts the process if dropped while still armed: wraps scheduler code that must not
/// unwind, because unwinding through it would leave a job or a latch half-done.
#[derive(Debug)]
pub(crate) struct AbortIfPanic;

impl AbortIfPanic {
    /// Disarms the guard at the end of the protected region.
    #[inline]
    pub(crate) fn disarm(self) {
        std::mem::forget(self);
    }
}

impl Drop for AbortIfPanic {
    fn drop(&mut self) {
        abort_with("beat: unexpected panic inside the scheduler; aborting");
    }
}

/// Prints `msg` and aborts the process.
#[cold]
pub(crate) fn abort_with(msg: &str) -> ! {
    eprintln!("{msg}");
    std::process::abort()
}
