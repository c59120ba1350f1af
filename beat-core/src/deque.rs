//! The work queues: crossbeam-deque's `Worker`, `Stealer` and `Injector`, or under Miri a
//! locked stand-in with the same API.
//!
//! Why a stand-in under Miri: crossbeam-deque's `steal` reads a slot before it knows the
//! slot is its own (a volatile read that it discards when its compare-and-swap fails), and
//! the owner may be writing that slot at the same time. Under Rust's memory model that is a
//! data race, which crossbeam accepts deliberately; Miri's race detector reports it, and it
//! cannot be told to skip one crate. crossbeam-epoch, under the deque, also needs Miri's
//! permissive provenance. With the stand-in Miri checks beat's own code with its full race
//! detector and strict provenance, and a report means a bug in beat. The real deque is
//! covered by the thread sanitizer and valgrind steps of `.ci/run`, which run the same tests
//! natively.
//!
//! The stand-in keeps the semantics beat relies on: a LIFO or FIFO owner end, FIFO
//! stealing, batch steals that move up to half of a queue (at most [`MAX_BATCH`]) and return
//! one job, and `Worker` being `!Sync`. It never answers `Steal::Retry`.

pub(crate) use crossbeam_deque::Steal;

#[cfg(not(miri))]
pub(crate) use crossbeam_deque::{Injector, Stealer, Worker};

#[cfg(miri)]
pub(crate) use locked::{Injector, Stealer, Worker};

/// The most jobs one batch steal moves, as in crossbeam-deque.
#[cfg(miri)]
const MAX_BATCH: usize = 32;

#[cfg(miri)]
mod locked {
    use super::{Steal, MAX_BATCH};
    use std::cell::Cell;
    use std::collections::VecDeque;
    use std::marker::PhantomData;
    use std::sync::{Arc, Mutex, MutexGuard};

    fn lock<T>(q: &Mutex<VecDeque<T>>) -> MutexGuard<'_, VecDeque<T>> {
        match q.lock() {
            Ok(g) => g,
            Err(poisoned) => poisoned.into_inner(),
        }
    }

    /// Moves up to half of `from` (at least one job, at most `MAX_BATCH`) and returns the
    /// first; the others go to `dest`. The two locks are never held together, so two
    /// threads stealing from each other cannot deadlock.
    fn batch_into<T>(from: &Mutex<VecDeque<T>>, dest: &Worker<T>) -> Steal<T> {
        let (first, more) = {
            let mut q = lock(from);
            let Some(first) = q.pop_front() else {
                return Steal::Empty;
            };
            let more = q.len().div_ceil(2);
            (first, more.min(MAX_BATCH - 1))
        };
        for _ in 0..more {
            let Some(job) = lock(from).pop_front() else {
                break;
            };
            lock(&dest.queue).push_back(job);
        }
        Steal::Success(first)
    }

    /// The owner end of a queue.
    #[derive(Debug)]
    pub(crate) struct Worker<T> {
        queue: Arc<Mutex<VecDeque<T>>>,
        lifo: bool,
        /// `!Sync`, as crossbeam's `Worker` is.
        _not_sync: PhantomData<Cell<()>>,
    }

    impl<T> Worker<T> {
        pub(crate) fn new_lifo() -> Self {
            Self::new(true)
        }

        pub(crate) fn new_fifo() -> Self {
            Self::new(false)
        }

        fn new(lifo: bool) -> Self {
            Worker {
                queue: Arc::new(Mutex::new(VecDeque::new())),
                lifo,
                _not_sync: PhantomData,
            }
        }

        pub(crate) fn stealer(&self) -> Stealer<T> {
            Stealer {
                queue: Arc::clone(&self.queue),
            }
        }

        pub(crate) fn push(&self, job: T) {
            lock(&self.queue).push_back(job);
        }

        pub(crate) fn pop(&self) -> Option<T> {
            let mut q = lock(&self.queue);
            if self.lifo {
                q.pop_back()
            } else {
                q.pop_front()
            }
        }

        pub(crate) fn len(&self) -> usize {
            lock(&self.queue).len()
        }

        pub(crate) fn is_empty(&self) -> bool {
            lock(&self.queue).is_empty()
        }
    }

    /// The stealing end of a queue.
    #[derive(Debug)]
    pub(crate) struct Stealer<T> {
        queue: Arc<Mutex<VecDeque<T>>>,
    }

    impl<T> Clone for Stealer<T> {
        fn clone(&self) -> Self {
            Stealer {
                queue: Arc::clone(&self.queue),
            }
        }
    }

    impl<T> Stealer<T> {
        pub(crate) fn steal(&self) -> Steal<T> {
            lock(&self.queue)
                .pop_front()
                .map_or(Steal::Empty, Steal::Success)
        }

        pub(crate) fn steal_batch_and_pop(&self, dest: &Worker<T>) -> Steal<T> {
            batch_into(&self.queue, dest)
        }

        pub(crate) fn len(&self) -> usize {
            lock(&self.queue).len()
        }

        pub(crate) fn is_empty(&self) -> bool {
            lock(&self.queue).is_empty()
        }
    }

    /// A FIFO queue that any thread pushes to and steals from: a stealer without an owner.
    pub(crate) type Injector<T> = Stealer<T>;

    impl<T> Stealer<T> {
        pub(crate) fn new() -> Self {
            Stealer {
                queue: Arc::new(Mutex::new(VecDeque::new())),
            }
        }

        pub(crate) fn push(&self, job: T) {
            lock(&self.queue).push_back(job);
        }
    }
}
