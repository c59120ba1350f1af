//! The idle protocol: how workers with nothing to do spin, yield, and park without ever
//! missing a job pushed while they were going to sleep. `README.md` beside this file states
//! the protocol and sketches why no wake-up is lost.

use crossbeam_utils::CachePadded;

use crate::latch::CoreLatch;
use crate::sync::{self, fence, AtomicU64, Condvar, Mutex, Ordering};

#[cfg(all(test, loom))]
mod loom_tests;
#[cfg(all(test, not(loom)))]
mod tests;

/// Rounds of spinning (exponential backoff) before a searcher starts yielding.
///
/// Under Miri both counts are small: an idle worker's search rounds are most of what Miri
/// interprets there, and parking soon takes the sleep and wake paths more often.
const SPIN_ROUNDS: u32 = if cfg!(miri) { 1 } else { 6 };
/// Rounds after which a searcher announces it is sleepy.
pub(crate) const ROUNDS_UNTIL_SLEEPY: u32 = if cfg!(miri) { 3 } else { 24 };

/// The packed state word of the sleep module.
///
/// | bits  | field     | meaning                                                        |
/// |-------|-----------|----------------------------------------------------------------|
/// | 0-15  | searching | workers awake without work (idle, not parked)                  |
/// | 16-31 | sleeping  | workers parked (listed in `Sleep::sleepers`)                   |
/// | 32-63 | jec       | jobs event counter: odd = someone is sleepy, even = nobody is  |
///
/// Read and written only through the methods of [`Counters`].
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub(crate) struct Counters(u64);

const SEARCHING_ONE: u64 = 1;
const SLEEPING_SHIFT: u32 = 16;
const SLEEPING_ONE: u64 = 1 << SLEEPING_SHIFT;
const JEC_SHIFT: u32 = 32;
const JEC_ONE: u64 = 1 << JEC_SHIFT;
const FIELD_MASK: u64 = 0xFFFF;

/// The most threads the counters can describe.
pub(crate) const MAX_THREADS: usize = FIELD_MASK as usize;

impl Counters {
    #[inline]
    pub(crate) fn searching(self) -> usize {
        (self.0 & FIELD_MASK) as usize
    }

    #[inline]
    pub(crate) fn sleeping(self) -> usize {
        ((self.0 >> SLEEPING_SHIFT) & FIELD_MASK) as usize
    }

    #[inline]
    pub(crate) fn jec(self) -> u32 {
        (self.0 >> JEC_SHIFT) as u32
    }

    #[inline]
    fn is_sleepy(self) -> bool {
        self.jec() & 1 == 1
    }

    /// The same counters with the jobs event counter advanced by one (it wraps).
    #[inline]
    fn bump_jec(self) -> Counters {
        Counters(self.0.wrapping_add(JEC_ONE))
    }

    /// One searcher becomes a sleeper.
    #[inline]
    fn searching_to_sleeping(self) -> Counters {
        Counters(self.0 - SEARCHING_ONE + SLEEPING_ONE)
    }
}

/// Where a worker is in its idle phase.
#[derive(Debug)]
pub(crate) struct IdleState {
    worker_index: usize,
    rounds: u32,
    /// The (odd) jobs event counter seen when this worker announced it was sleepy.
    jec: u32,
}

/// One parked worker's flag and condition variable.
#[derive(Debug)]
struct Parker {
    blocked: Mutex<bool>,
    cv: Condvar,
}

/// What a worker did while idle, for the statistics.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub(crate) enum Idled {
    /// It spun or yielded.
    Searched,
    /// It parked and was woken.
    Parked,
}

/// The idle protocol's shared state.
#[derive(Debug)]
pub(crate) struct Sleep {
    counters: CachePadded<AtomicU64>,
    /// Indices of parked workers. Lock order: `sleepers`, then a worker's `Parker::blocked`.
    sleepers: Mutex<Vec<usize>>,
    parkers: Vec<CachePadded<Parker>>,
    /// How many workers may search (spin) at once; more go straight to the sleepy step.
    search_cap: usize,
}

impl Sleep {
    pub(crate) fn new(n_threads: usize) -> Sleep {
        assert!(n_threads <= MAX_THREADS);
        Sleep {
            counters: CachePadded::new(AtomicU64::new(0)),
            sleepers: Mutex::new(Vec::with_capacity(n_threads)),
            parkers: (0..n_threads)
                .map(|_| {
                    CachePadded::new(Parker {
                        blocked: Mutex::new(false),
                        cv: Condvar::new(),
                    })
                })
                .collect(),
            search_cap: (n_threads / 2).max(1),
        }
    }

    /// A snapshot of the counters (for heuristics only: it is stale at once).
    #[inline]
    pub(crate) fn counters(&self) -> Counters {
        // Relaxed: callers use it as a hint; decisions that must not race re-read with RMWs.
        Counters(self.counters.load(Ordering::Relaxed))
    }

    /// A worker found no work and starts searching. With `capped`, a worker beyond the
    /// search cap skips spinning and goes straight to the sleepy step.
    #[inline]
    pub(crate) fn start_looking(&self, worker_index: usize, capped: bool) -> IdleState {
        // Relaxed: the count is a wake-up heuristic for producers; losing races on it can
        // only cause an extra or a skipped wake-up of an *extra* thread, never a lost job,
        // because the jobs event counter (SeqCst) decides whether a thread may park.
        let old = Counters(self.counters.fetch_add(SEARCHING_ONE, Ordering::Relaxed));
        let rounds = if capped && old.searching() >= self.search_cap {
            ROUNDS_UNTIL_SLEEPY
        } else {
            0
        };
        IdleState {
            worker_index,
            rounds,
            jec: 0,
        }
    }

    /// A searching worker found work (or its latch); returns the counters after.
    #[inline]
    pub(crate) fn work_found(&self) -> Counters {
        // Relaxed: see `start_looking`.
        let old = self.counters.fetch_sub(SEARCHING_ONE, Ordering::Relaxed);
        Counters(old - SEARCHING_ONE)
    }

    /// A searching worker found nothing: back off, announce sleepiness, or park.
    ///
    /// `latch` is what the worker waits for; a set latch ends the wait early.
    pub(crate) fn no_work_found(&self, idle: &mut IdleState, latch: &CoreLatch) -> Idled {
        if idle.rounds < SPIN_ROUNDS {
            for _ in 0..(1u32 << idle.rounds) {
                sync::spin_hint();
            }
            idle.rounds += 1;
            Idled::Searched
        } else if idle.rounds < ROUNDS_UNTIL_SLEEPY {
            yield_thread();
            idle.rounds += 1;
            Idled::Searched
        } else if idle.rounds == ROUNDS_UNTIL_SLEEPY {
            idle.jec = self.announce_sleepy();
            idle.rounds += 1;
            // The caller searches once more before the next call parks it.
            Idled::Searched
        } else {
            self.sleep(idle, latch)
        }
    }

    /// Makes the jobs event counter odd (sleepy) and returns it.
    fn announce_sleepy(&self) -> u32 {
        // SeqCst: this RMW must precede, in the single total order, the final search the
        // worker makes before parking (pairs with the fence in `new_jobs`): either the
        // producer sees the odd counter and bumps it, or the final search sees the job.
        let c = self.bump_jec_unless(Counters::is_sleepy);
        // SeqCst fence: orders the RMW (or the load that saw an odd value) before the final
        // search's loads.
        fence(Ordering::SeqCst);
        c.jec()
    }

    /// Advances the jobs event counter by one unless `done(counters)` already holds, with a
    /// SeqCst CAS loop; returns the counters as they are afterwards.
    fn bump_jec_unless(&self, done: impl Fn(Counters) -> bool) -> Counters {
        let mut c = Counters(self.counters.load(Ordering::SeqCst));
        loop {
            if done(c) {
                return c;
            }
            // SeqCst: totally ordered with the park CAS in `sleep` (see the README).
            match self.counters.compare_exchange_weak(
                c.0,
                c.bump_jec().0,
                Ordering::SeqCst,
                Ordering::SeqCst,
            ) {
                Ok(_) => return c.bump_jec(),
                Err(actual) => c = Counters(actual),
            }
        }
    }

    #[cold]
    fn sleep(&self, idle: &mut IdleState, latch: &CoreLatch) -> Idled {
        let i = idle.worker_index;
        if !latch.get_sleepy() {
            return Idled::Searched;
        }
        let mut sleepers = sync::lock(&self.sleepers);
        if !latch.fall_asleep() {
            drop(sleepers);
            idle.wake_fully();
            return Idled::Searched;
        }
        // Move from searching to sleeping, but only if no job event happened since we
        // announced sleepiness (and so since our final search).
        let mut c = Counters(self.counters.load(Ordering::SeqCst));
        loop {
            if c.jec() != idle.jec {
                drop(sleepers);
                latch.wake_up();
                idle.wake_fully();
                return Idled::Searched;
            }
            // SeqCst: totally ordered with the producer's RMW in `new_jobs`; if it comes
            // first we fail here, if we come first it sees `sleeping > 0` and wakes someone.
            match self.counters.compare_exchange_weak(
                c.0,
                c.searching_to_sleeping().0,
                Ordering::SeqCst,
                Ordering::SeqCst,
            ) {
                Ok(_) => break,
                Err(actual) => c = Counters(actual),
            }
        }
        sleepers.push(i);
        let parker = &self.parkers[i];
        let mut blocked = sync::lock(&parker.blocked);
        *blocked = true;
        drop(sleepers);
        while *blocked {
            blocked = sync::wait(&parker.cv, blocked);
        }
        drop(blocked);
        // The waker moved us back from sleeping to searching.
        latch.wake_up();
        idle.wake_fully();
        Idled::Parked
    }

    /// New jobs were pushed (to a deque or the injector): wake workers if needed.
    #[inline]
    pub(crate) fn new_jobs(&self, n_jobs: usize) {
        // SeqCst fence: orders the push before the counters load (pairs with the SeqCst RMW
        // in `announce_sleepy` and the fence after it): store-buffer pattern, at least one of
        // the two sides sees the other's write.
        fence(Ordering::SeqCst);
        let c = Counters(self.counters.load(Ordering::Relaxed));
        if c.is_sleepy() || c.sleeping() > 0 {
            self.new_jobs_slow(n_jobs, c);
        }
    }

    #[cold]
    fn new_jobs_slow(&self, n_jobs: usize, c: Counters) {
        // Makes any sleepy worker's park attempt fail.
        let c = if c.is_sleepy() {
            self.bump_jec_unless(|c| !c.is_sleepy())
        } else {
            c
        };
        let searching = c.searching();
        if c.sleeping() > 0 && searching < n_jobs {
            self.wake_any(n_jobs - searching);
        }
    }

    /// A job was pushed to the mailbox of every worker (a broadcast): each of them must run
    /// its own, so every parked worker is woken, and every worker about to park searches
    /// again (its search covers its mailbox).
    ///
    /// Unlike [`new_jobs`](Sleep::new_jobs), a searching worker cannot stand in for a
    /// parked one, so the count of searchers plays no part; see the README for why the
    /// `sleeping` count read here is enough to skip the lock.
    pub(crate) fn new_broadcast_jobs(&self) {
        // SeqCst fence: orders the mailbox pushes before the counters load, as in `new_jobs`
        // (pairs with the SeqCst RMW in `announce_sleepy` and the fence after it).
        fence(Ordering::SeqCst);
        let c = Counters(self.counters.load(Ordering::Relaxed));
        // Makes any sleepy worker's park attempt fail; the counters returned come after its
        // park CAS (if that won), so they count it as sleeping.
        let c = if c.is_sleepy() {
            self.bump_jec_unless(|c| !c.is_sleepy())
        } else {
            c
        };
        if c.sleeping() > 0 {
            self.wake_all();
        }
    }

    /// Wakes every parked worker.
    #[cold]
    fn wake_all(&self) {
        let mut sleepers = sync::lock(&self.sleepers);
        while let Some(i) = sleepers.pop() {
            self.unpark(i);
        }
    }

    /// A worker that found work while others sleep: wake one more if nobody else searches
    /// and `work_visible()` says more work is queued somewhere (asked only then: it may
    /// look at every deque).
    #[inline]
    pub(crate) fn wake_helper(&self, after: Counters, work_visible: impl FnOnce() -> bool) {
        if after.sleeping() > 0 && after.searching() == 0 && work_visible() {
            self.wake_any(1);
        }
    }

    /// Wakes up to `n` parked workers.
    #[cold]
    pub(crate) fn wake_any(&self, n: usize) {
        let mut sleepers = sync::lock(&self.sleepers);
        for _ in 0..n {
            match sleepers.pop() {
                Some(i) => self.unpark(i),
                None => break,
            }
        }
    }

    /// Wakes worker `i` if it is parked (its latch was set).
    #[cold]
    pub(crate) fn wake_specific(&self, i: usize) {
        let mut sleepers = sync::lock(&self.sleepers);
        if let Some(pos) = sleepers.iter().position(|&w| w == i) {
            sleepers.swap_remove(pos);
            self.unpark(i);
        }
    }

    /// Unparks worker `i`, which the caller just removed from `sleepers` (lock held).
    fn unpark(&self, i: usize) {
        // Relaxed: ordered by the `sleepers` lock held by every writer of `sleeping`. The
        // woken worker counts as searching again, so producers do not wake another for it.
        self.counters
            .fetch_add(SEARCHING_ONE.wrapping_sub(SLEEPING_ONE), Ordering::Relaxed);
        let parker = &self.parkers[i];
        let mut blocked = sync::lock(&parker.blocked);
        *blocked = false;
        // Notify after unlocking, so the woken thread does not wake into a held lock and
        // block again on it (one more context switch on the wake-up path).
        drop(blocked);
        parker.cv.notify_one();
    }
}

impl IdleState {
    fn wake_fully(&mut self) {
        self.rounds = 0;
        self.jec = 0;
    }
}

fn yield_thread() {
    #[cfg(loom)]
    loom::thread::yield_now();
    #[cfg(not(loom))]
    std::thread::yield_now();
}
