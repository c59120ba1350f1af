//! The one place atomics and locks are imported from.
//!
//! Under `cfg(loom)` every type here comes from [loom] so that the protocols built on them
//! (latches, the sleep protocol, lazy publishing, scope completion) can be model-checked;
//! otherwise they are the std types. Nothing else in beat-core imports `std::sync` directly.
//!
//! [loom]: https://docs.rs/loom

#[cfg(loom)]
pub(crate) use loom::sync::{
    atomic::{fence, AtomicPtr, AtomicU64, AtomicUsize, Ordering},
    Condvar, Mutex, MutexGuard,
};

#[cfg(not(loom))]
pub(crate) use std::sync::{
    atomic::{fence, AtomicPtr, AtomicU64, AtomicUsize, Ordering},
    Condvar, Mutex, MutexGuard,
};

/// Reference counting is not part of any protocol beat models, so `Arc` is std's in both
/// configurations.
pub(crate) use std::sync::Arc;

/// Locks `m`, ignoring poisoning.
///
/// beat-core never runs user code while holding one of its own locks, so a poisoned lock
/// only means another thread panicked between two plain field writes; the data is intact.
#[inline]
pub(crate) fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    match m.lock() {
        Ok(g) => g,
        Err(poisoned) => poisoned.into_inner(),
    }
}

/// Waits on `cv`, ignoring poisoning (see [`lock`]).
#[inline]
pub(crate) fn wait<'a, T>(cv: &Condvar, g: MutexGuard<'a, T>) -> MutexGuard<'a, T> {
    match cv.wait(g) {
        Ok(g) => g,
        Err(poisoned) => poisoned.into_inner(),
    }
}

/// A spin-loop hint that also yields to loom's scheduler under `cfg(loom)`.
#[inline]
pub(crate) fn spin_hint() {
    #[cfg(loom)]
    loom::thread::yield_now();
    #[cfg(not(loom))]
    std::hint::spin_loop();
}
