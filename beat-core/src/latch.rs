//! Latches: one-shot signals a thread waits on.
//!
//! - [`SpinLatch`]: a worker waits on it while running other jobs (`join`, cross-pool
//!   `install`). Its [`CoreLatch`] state machine lets the waiting worker go to sleep and
//!   tells the setter whether it has to wake it.
//! - [`LockLatch`]: a thread outside the pool blocks on a mutex and condvar.
//! - [`CountLatch`]: a scope's completion, set when its counter drops to zero.
//!
//! The `set` functions take a raw pointer because the latch may be freed by the waiter the
//! moment its state becomes SET: everything `set` needs afterwards is copied out first.

use crate::registry::{Registry, WorkerThread};
use crate::sync::{self, Arc, AtomicUsize, Condvar, Mutex, Ordering};

/// A signal that can be set once.
pub(crate) trait Latch {
    /// Sets the latch, waking its waiter if needed.
    ///
    /// # Safety
    ///
    /// `this` must be valid on entry; it may be freed by the waiter during the call, so
    /// implementations must not touch it after the store that publishes SET.
    unsafe fn set(this: *const Self);
}

const UNSET: usize = 0;
const SLEEPY: usize = 1;
const SLEEPING: usize = 2;
const SET: usize = 3;

/// The state word shared by the latches a worker can sleep on.
///
/// | state    | meaning                                                    |
/// |----------|------------------------------------------------------------|
/// | UNSET    | not set; the owner is awake                                 |
/// | SLEEPY   | not set; the owner is about to check for work one last time |
/// | SLEEPING | not set; the owner is (about to be) blocked in the sleep module |
/// | SET      | set; final                                                  |
///
/// Only the owner moves UNSET -> SLEEPY -> SLEEPING -> UNSET; only the setter moves any state
/// to SET. A setter that replaces SLEEPING must wake the owner.
#[derive(Debug)]
pub(crate) struct CoreLatch {
    state: AtomicUsize,
}

impl CoreLatch {
    pub(crate) fn new() -> Self {
        CoreLatch {
            state: AtomicUsize::new(UNSET),
        }
    }

    /// Owner: announces it is about to sleep. False if the latch is already set.
    #[inline]
    pub(crate) fn get_sleepy(&self) -> bool {
        // Relaxed: the owner re-checks the latch (with `probe`) before blocking; this CAS
        // only has to fail if SET was stored first, which the RMW on one location ensures.
        self.state
            .compare_exchange(UNSET, SLEEPY, Ordering::Relaxed, Ordering::Relaxed)
            .is_ok()
    }

    /// Owner: commits to sleeping. False if the latch was set meanwhile. Called with the
    /// sleep module's lock held, so a setter that sees SLEEPING will find the owner listed.
    #[inline]
    pub(crate) fn fall_asleep(&self) -> bool {
        // Relaxed: ordered against the setter's swap by being RMWs on the same location.
        self.state
            .compare_exchange(SLEEPY, SLEEPING, Ordering::Relaxed, Ordering::Relaxed)
            .is_ok()
    }

    /// Owner: back from (not) sleeping; leaves SET alone.
    #[inline]
    pub(crate) fn wake_up(&self) {
        for from in [SLEEPY, SLEEPING] {
            // Relaxed: a failure means SET (or the other sleepy state), which we leave.
            let _ = self
                .state
                .compare_exchange(from, UNSET, Ordering::Relaxed, Ordering::Relaxed);
        }
    }

    /// Setter: sets the latch; true if the owner was sleeping and must be woken.
    ///
    /// # Safety
    ///
    /// `this` must be valid on entry; it is not touched after the swap.
    #[inline]
    pub(crate) unsafe fn set(this: *const Self) -> bool {
        // AcqRel: Release publishes the job's result to the owner (pairs with the Acquire in
        // `probe`); Acquire orders the owner's SLEEPING transition before our wake-up.
        // SAFETY: valid on entry by the caller's contract.
        let old = unsafe { (*this).state.swap(SET, Ordering::AcqRel) };
        old == SLEEPING
    }

    /// True once set.
    #[inline]
    pub(crate) fn probe(&self) -> bool {
        // Acquire: pairs with the AcqRel swap in `set`, so the job's result is visible.
        self.state.load(Ordering::Acquire) == SET
    }
}

/// A latch that a worker waits on while it keeps stealing work.
#[derive(Debug)]
pub(crate) struct SpinLatch<'r> {
    core_latch: CoreLatch,
    registry: &'r Arc<Registry>,
    target_worker_index: usize,
    cross: bool,
}

impl<'r> SpinLatch<'r> {
    /// A latch for a job that runs in the owner's own pool.
    #[inline]
    pub(crate) fn new(owner: &'r WorkerThread) -> SpinLatch<'r> {
        SpinLatch {
            core_latch: CoreLatch::new(),
            registry: owner.registry(),
            target_worker_index: owner.index(),
            cross: false,
        }
    }

    /// A latch for a job injected into another pool while the owner waits in its own.
    #[inline]
    pub(crate) fn cross(owner: &'r WorkerThread) -> SpinLatch<'r> {
        SpinLatch {
            cross: true,
            ..SpinLatch::new(owner)
        }
    }

    #[inline]
    pub(crate) fn core(&self) -> &CoreLatch {
        &self.core_latch
    }

    #[inline]
    pub(crate) fn probe(&self) -> bool {
        self.core_latch.probe()
    }
}

impl Latch for SpinLatch<'_> {
    unsafe fn set(this: *const Self) {
        // SAFETY: `this` is valid on entry; every field we need is read before the swap.
        let (registry, target, cross) = unsafe {
            let this = &*this;
            (this.registry, this.target_worker_index, this.cross)
        };
        // A cross-pool waiter may free its pool's registry as soon as it wakes, so keep it
        // alive; in the same pool, the setter is a worker of that registry and holds it.
        let keep_alive = if cross {
            Some(Arc::clone(registry))
        } else {
            None
        };
        let registry: *const Registry = &**registry;
        // SAFETY: `this` is valid up to this call, which is the last access.
        if unsafe { CoreLatch::set(&(*this).core_latch) } {
            // SAFETY: the registry is kept alive by `keep_alive` (cross) or by the setting
            // worker's own handle on the same registry.
            unsafe { (*registry).notify_worker_latch_is_set(target) };
        }
        drop(keep_alive);
    }
}

/// A latch a thread outside the pool blocks on.
#[derive(Debug)]
pub(crate) struct LockLatch {
    m: Mutex<bool>,
    v: Condvar,
}

impl LockLatch {
    pub(crate) fn new() -> LockLatch {
        LockLatch {
            m: Mutex::new(false),
            v: Condvar::new(),
        }
    }

    /// Blocks until set.
    pub(crate) fn wait(&self) {
        let mut guard = sync::lock(&self.m);
        while !*guard {
            guard = sync::wait(&self.v, guard);
        }
    }

    /// True once set.
    #[cfg(all(test, not(loom)))]
    pub(crate) fn probe(&self) -> bool {
        *sync::lock(&self.m)
    }
}

impl Latch for LockLatch {
    unsafe fn set(this: *const Self) {
        // SAFETY: valid on entry. The waiter can only observe `true` after we unlock, and we
        // notify while still holding the lock, so nothing is touched after the unlock.
        unsafe {
            let mut guard = sync::lock(&(*this).m);
            *guard = true;
            (*this).v.notify_all();
        }
    }
}

/// How a [`CountLatch`]'s owner waits.
#[derive(Debug)]
enum CountLatchKind {
    /// The owner is a worker: it keeps running jobs and may sleep on `core`.
    Stealing {
        core: CoreLatch,
        registry: Arc<Registry>,
        worker_index: usize,
    },
    /// The owner is outside the pool and blocks.
    Blocking { latch: LockLatch },
}

/// A latch set when its counter (starting at 1, for the owner) drops to zero.
#[derive(Debug)]
pub(crate) struct CountLatch {
    counter: AtomicUsize,
    kind: CountLatchKind,
}

impl CountLatch {
    /// A count latch for `owner`, or a blocking one when there is no owner worker.
    pub(crate) fn new(owner: Option<&WorkerThread>) -> CountLatch {
        CountLatch::with_count(1, owner)
    }

    /// A count latch that is set after `count` sets (no count for the owner itself).
    pub(crate) fn with_count(count: usize, owner: Option<&WorkerThread>) -> CountLatch {
        debug_assert!(count > 0, "a CountLatch starts with a count");
        let kind = match owner {
            Some(w) => CountLatchKind::Stealing {
                core: CoreLatch::new(),
                registry: Arc::clone(w.registry()),
                worker_index: w.index(),
            },
            None => CountLatchKind::Blocking {
                latch: LockLatch::new(),
            },
        };
        CountLatch {
            counter: AtomicUsize::new(count),
            kind,
        }
    }

    /// Adds one to the counter.
    #[inline]
    pub(crate) fn increment(&self) {
        // Relaxed: the incrementer holds a count already (the owner's or a running job's),
        // so the counter cannot reach zero concurrently; the decrement that matters is AcqRel.
        let old = self.counter.fetch_add(1, Ordering::Relaxed);
        debug_assert!(old != 0, "increment of a finished CountLatch");
    }

    /// Waits until the counter reaches zero; `owner` must be the worker given to `new`.
    pub(crate) fn wait(&self, owner: Option<&WorkerThread>) {
        match &self.kind {
            CountLatchKind::Stealing { core, .. } => {
                let owner = owner.expect("a stealing CountLatch is waited on by its worker");
                owner.wait_until(core);
            }
            CountLatchKind::Blocking { latch } => latch.wait(),
        }
    }
}

impl Latch for CountLatch {
    unsafe fn set(this: *const Self) {
        // AcqRel: Release publishes this job's writes to the owner; Acquire makes the last
        // decrementer see every earlier job's writes before it sets the inner latch.
        // SAFETY: valid on entry; the latch stays alive until the inner latch is set.
        if unsafe { (*this).counter.fetch_sub(1, Ordering::AcqRel) } != 1 {
            return;
        }
        // SAFETY: we brought the counter to zero, so the owner is still waiting for us.
        match unsafe { &(*this).kind } {
            CountLatchKind::Stealing {
                core,
                registry,
                worker_index,
            } => {
                // The owner may return (and free this latch) once the core latch is set:
                // keep its registry alive past that point.
                let registry = Arc::clone(registry);
                let index = *worker_index;
                // SAFETY: `core` is valid until this swap, the last access to the latch.
                if unsafe { CoreLatch::set(core) } {
                    registry.notify_worker_latch_is_set(index);
                }
            }
            // SAFETY: forwarded: LockLatch::set does not touch the latch after unlocking.
            CountLatchKind::Blocking { latch } => unsafe { LockLatch::set(latch) },
        }
    }
}

/// A latch owned elsewhere, shared by several jobs (the jobs of one `broadcast`).
#[derive(Debug)]
pub(crate) struct LatchRef<'a, L> {
    inner: &'a L,
}

impl<'a, L> LatchRef<'a, L> {
    pub(crate) fn new(inner: &'a L) -> Self {
        LatchRef { inner }
    }
}

impl<L: Latch> Latch for LatchRef<'_, L> {
    unsafe fn set(this: *const Self) {
        // SAFETY: valid on entry; the target is copied out before the set, which may free
        // both the target's owner and `this`.
        let inner: *const L = unsafe { (*this).inner };
        // SAFETY: the target outlives every job that refers to it (its waiter waits for them).
        unsafe { L::set(inner) }
    }
}

#[cfg(all(test, not(loom)))]
mod tests {
    use super::*;

    #[test]
    fn core_latch_states() {
        let l = CoreLatch::new();
        assert!(!l.probe());
        assert!(l.get_sleepy());
        assert!(l.fall_asleep());
        // SAFETY: `l` is live for the whole call.
        let must_wake = unsafe { CoreLatch::set(&l) };
        assert!(must_wake, "setter must wake a sleeping owner");
        assert!(l.probe());
        l.wake_up();
        assert!(l.probe(), "wake_up leaves SET alone");
        assert!(!l.get_sleepy());
    }

    #[test]
    fn lock_latch_across_threads() {
        let l = std::sync::Arc::new(LockLatch::new());
        let l2 = l.clone();
        let t = std::thread::spawn(move || {
            // SAFETY: `l2` keeps the latch alive.
            unsafe { LockLatch::set(&*l2) }
        });
        l.wait();
        assert!(l.probe());
        t.join().unwrap();
    }

    #[test]
    fn blocking_count_latch() {
        let l = CountLatch::new(None);
        l.increment();
        // SAFETY: `l` is live; the first set leaves the count at one.
        unsafe { CountLatch::set(&l) };
        assert!(matches!(&l.kind, CountLatchKind::Blocking { latch } if !latch.probe()));
        // SAFETY: as above; this set brings the count to zero.
        unsafe { CountLatch::set(&l) };
        l.wait(None);
    }
}

#[cfg(all(test, loom))]
mod loom_tests {
    use super::*;
    use loom::thread;

    /// A count latch with two tasks: the owner wakes exactly when both finished, and sees
    /// both tasks' writes.
    #[test]
    fn count_latch_waits_for_every_task() {
        loom::model(|| {
            let latch = std::sync::Arc::new(CountLatch::new(None));
            let done = std::sync::Arc::new(AtomicUsize::new(0));
            latch.increment();
            latch.increment();
            let tasks: Vec<_> = (0..2)
                .map(|_| {
                    let (latch, done) = (latch.clone(), done.clone());
                    thread::spawn(move || {
                        done.fetch_add(1, Ordering::Relaxed);
                        // SAFETY: the Arc keeps the latch alive.
                        unsafe { CountLatch::set(&*latch) };
                    })
                })
                .collect();
            // The owner's own count.
            // SAFETY: as above.
            unsafe { CountLatch::set(&*latch) };
            latch.wait(None);
            assert_eq!(done.load(Ordering::Relaxed), 2);
            for t in tasks {
                t.join().unwrap();
            }
        });
    }
}
