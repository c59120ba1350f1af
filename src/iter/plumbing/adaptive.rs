//! The adaptive driver behind [`bridge_producer_consumer`](super::bridge_producer_consumer)
//! and [`bridge_unindexed`](super::bridge_unindexed).
//!
//! 1. **Probe**: the calling thread folds the first items in chunks of 1, 2, 4, ... (or one
//!    chunk sized from the remembered estimate) and times them until a chunk lasts at least
//!    [`PROBE_NS`]. The probe is real work.
//! 2. **Fast path**: when the remaining work is estimated below the inline threshold, the
//!    caller folds it all in one sequential loop; the pool is not touched.
//! 3. **Batches** of about [`LEAF_NS`] of work, clamped by `with_min_len`/`with_max_len`.
//! 4. **Lazy splitting** ([`lazy`]): a worker folds batch after batch from the front of its
//!    range and, between batches, offers the far half of what remains only when its deque is
//!    empty and some worker is idle. A thief that takes a half runs the same loop.
//!
//! The estimate (ns per item) is kept per pipeline type in a small table and updated as an
//! exponentially weighted average of the batches timed.

use beat_core::__internal as core;

use super::clock::{Clock, RealClock};
use super::estimates::{self as table, Key};
use super::{Consumer, Folder, Producer, Reducer, UnindexedConsumer, UnindexedProducer};

/// A probe chunk is trusted once it lasts this long (the clock costs ~25 ns a read).
pub(crate) const PROBE_NS: u64 = 2_000;

/// Target duration of one batch: per-batch costs (a clock read, two splits, the idle check,
/// a reduce: ~50-100 ns) stay near 1%, and the end of a call is balanced to within a batch.
/// ARCHITECTURE.md records the measurement behind the value.
pub(crate) const LEAF_NS: f64 = 10_000.0;

/// Work estimated below this runs inline on the calling thread unless a worker is awake and
/// searching: waking one takes ~50-60 us on the development machine (the join-latency
/// bench), so at P = 2 parallel work only pays beyond about twice that.
pub(crate) const INLINE_COLD_NS: f64 = 150_000.0;

/// Calls whose remembered estimate says they take less than this run inline without
/// reading the clock (a read costs ~30 ns, as much as the whole call). The estimate is then
/// not refreshed; if the items became much more expensive, such a call still costs no more
/// than the sequential loop, and the next call large enough to be timed corrects it.
pub(crate) const UNTIMED_NS: f64 = 1_000.0;
const UNTIMED_PS: u64 = UNTIMED_NS as u64 * 1000;

/// Weight of a new batch timing in the running estimate.
const EWMA_NEW: f64 = 0.25;

/// The length of a batch that lasts about [`LEAF_NS`] at `ns_per_item`, within `[min, max]`.
pub(crate) fn batch_len(ns_per_item: f64, min: usize, max: usize) -> usize {
    let raw = if ns_per_item > 0.0 {
        LEAF_NS / ns_per_item
    } else {
        f64::from(u32::MAX)
    };
    let min = min.max(1);
    // `as` saturates on overflow and maps NaN to 0; both are then clamped.
    (raw as usize).clamp(min, max.max(min))
}

/// Results folded so far from the front of a range, with the reducer of the latest split.
///
/// Reducers join adjacent pieces, left before right; the accumulated prefix is always
/// adjacent to the next piece folded, so any reducer of this consumer may join them.
struct Acc<R, Red> {
    acc: Option<(R, Red)>,
}

impl<R, Red: Reducer<R>> Acc<R, Red> {
    #[inline]
    fn new() -> Self {
        Acc { acc: None }
    }

    #[inline]
    fn push(&mut self, r: R, red: Red) {
        self.acc = Some(match self.acc.take() {
            None => (r, red),
            Some((a, old)) => (old.reduce(a, r), red),
        });
    }

    #[inline]
    fn finish(self, r: R) -> R {
        match self.acc {
            None => r,
            Some((a, red)) => red.reduce(a, r),
        }
    }
}

#[inline]
fn fold_all<P, C>(p: P, c: C) -> C::Result
where
    P: Producer,
    C: Consumer<P::Item>,
{
    p.fold_with(c.into_folder()).complete()
}

/// Splits `k` items off the front of `p`/`c`, folds them and pushes the result to `acc`.
#[inline]
fn fold_front<P, C>(k: usize, p: P, c: C, acc: &mut Acc<C::Result, C::Reducer>) -> (P, C)
where
    P: Producer,
    C: Consumer<P::Item>,
{
    let (bp, rp) = p.split_at(k);
    let (bc, rc, red) = c.split_at(k);
    acc.push(fold_all(bp, bc), red);
    (rp, rc)
}

/// The leaf bounds a producer asks for, made consistent.
#[inline]
fn bounds<P: Producer>(p: &P) -> (usize, usize) {
    let min = p.min_len().max(1);
    (min, p.max_len().max(min))
}

/// The driver's entry, small enough to be inlined into its caller: a call of at most one
/// item folds here, and anything longer goes to [`drive_checked`].
#[inline]
pub(super) fn drive<P, C>(len: usize, producer: P, consumer: C) -> C::Result
where
    P: Producer,
    C: Consumer<P::Item>,
{
    if len <= 1 {
        return fold_all(producer, consumer);
    }
    drive_checked(len, producer, consumer)
}

/// Whether a call of `len` items is too small to be worth even a clock read, by the
/// remembered estimate `known_ps` (see `UNTIMED_NS`). Integer arithmetic: this check is all
/// a tiny call pays before its loop.
#[inline]
fn is_tiny(len: usize, known_ps: Option<u64>) -> bool {
    known_ps.is_some_and(|ps| (len as u64).saturating_mul(ps) < UNTIMED_PS)
}

/// Finishes a tiny call in a small frame, and passes anything else to [`drive_timed`],
/// whose large frame would cost a tiny call as much as its items.
#[inline(never)]
fn drive_checked<P, C>(len: usize, producer: P, consumer: C) -> C::Result
where
    P: Producer,
    C: Consumer<P::Item>,
{
    let key = table::key_of(drive::<P, C> as fn(usize, P, C) -> C::Result as usize);
    let known_ps = table::lookup_ps(key);
    if is_tiny(len, known_ps) {
        core::count_fast_path();
        return fold_all(producer, consumer);
    }
    drive_timed(
        RealClock::start(),
        key,
        std::any::type_name::<P>(),
        len,
        producer,
        consumer,
        known_ps,
    )
}

/// [`drive_checked`] with its clock and estimate key given, so tests can control both.
#[cfg(test)]
pub(crate) fn drive_with<K, P, C>(
    clock: K,
    key: Key,
    name: &'static str,
    len: usize,
    p: P,
    c: C,
) -> C::Result
where
    K: Clock,
    P: Producer,
    C: Consumer<P::Item>,
{
    let known_ps = table::lookup_ps(key);
    if len > 1 && is_tiny(len, known_ps) {
        core::count_fast_path();
        return fold_all(p, c);
    }
    drive_timed(clock, key, name, len, p, c, known_ps)
}

/// The driver for a call that is not tiny: `known_ps` is its call site's remembered
/// estimate, already looked up.
///
/// Never inlined: it has a large frame, and `drive` must stay small enough to be inlined
/// into its caller, so that a tiny call pays only its own check.
#[inline(never)]
fn drive_timed<K, P, C>(
    clock: K,
    key: Key,
    name: &'static str,
    mut len: usize,
    mut p: P,
    mut c: C,
    known_ps: Option<u64>,
) -> C::Result
where
    K: Clock,
    P: Producer,
    C: Consumer<P::Item>,
{
    if len <= 1 || c.full() {
        return fold_all(p, c);
    }
    let known = known_ps.map(|ps| ps as f64 / 1000.0);
    let (min, max) = bounds(&p);
    let mut chunk = match known {
        Some(ns) => ((PROBE_NS as f64 / ns) as usize).clamp(min, max),
        None => min,
    };
    let mut acc = Acc::new();
    let mut t = clock.now();
    let mut last: Option<f64> = None;
    let ns_per_item = loop {
        if chunk >= len {
            // The rest fits in this chunk: finish inline. The last chunk timed is short, so
            // its clock overhead makes it an overestimate: on the safe side for the untimed
            // path, and corrected by the first call long enough to be timed properly.
            core::count_fast_path();
            if let Some(ns) = last {
                table::store(key, name, ns, known);
                return acc.finish(fold_all(p, c));
            }
            // Nothing timed yet: the remembered estimate (from other inputs of this call
            // site) sized one chunk that holds everything. Time it, so that a stale estimate
            // is corrected instead of sending every later call of this size here again.
            let r = fold_all(p, c);
            let ns = clock.now().saturating_sub(t) as f64 / len as f64;
            table::store(key, name, ns, known);
            return acc.finish(r);
        }
        (p, c) = fold_front(chunk, p, c, &mut acc);
        len -= chunk;
        let t1 = clock.now();
        let dt = t1.saturating_sub(t);
        t = t1;
        if c.full() {
            return acc.finish(c.into_folder().complete());
        }
        let ns = dt as f64 / chunk as f64;
        // A first chunk of one item also pays for cold caches and code: never trusted
        // alone, unless a remembered estimate sized it.
        if (dt >= PROBE_NS && (known.is_some() || last.is_some())) || chunk >= max {
            break ns;
        }
        last = Some(ns);
        chunk = chunk.saturating_mul(2).min(max);
    };
    table::store(key, name, ns_per_item, known);

    let remaining_ns = len as f64 * ns_per_item;
    let batch = batch_len(ns_per_item, min, max);
    let on_worker = core::in_worker_thread();
    // A worker already searching takes offered work within a batch; a sleeping one arrives
    // only after a wake-up, and a call from outside also waits to be woken itself.
    let threshold = if on_worker && core::workers_searching() {
        2.0 * LEAF_NS
    } else {
        INLINE_COLD_NS
    };
    if remaining_ns < threshold || beat_core::current_num_threads() <= 1 {
        core::count_fast_path();
        return acc.finish(fold_all(p, c));
    }
    let r = if on_worker {
        lazy(clock, len, p, c, ns_per_item, batch)
    } else {
        core::on_worker(move || lazy(clock, len, p, c, ns_per_item, batch))
    };
    acc.finish(r)
}

/// Folds batches from the front of the range, offering the far half of the rest to the pool
/// whenever a worker is idle (see the module docs).
pub(crate) fn lazy<K, P, C>(
    clock: K,
    mut len: usize,
    mut p: P,
    mut c: C,
    mut ns_per_item: f64,
    mut batch: usize,
) -> C::Result
where
    K: Clock,
    P: Producer,
    C: Consumer<P::Item>,
{
    let (min, max) = bounds(&p);
    let mut acc = Acc::new();
    let mut batches = 0u64;
    let mut t = clock.now();
    let r = loop {
        if c.full() {
            break c.into_folder().complete();
        }
        if len <= batch {
            batches += 1;
            break fold_all(p, c);
        }
        if len >= 2 * batch && core::hungry() {
            let mid = len / 2;
            let (lp, rp) = p.split_at(mid);
            let (lc, rc, red) = c.split_at(mid);
            let (a, b) = beat_core::join_context(
                move |_| lazy(clock, mid, lp, lc, ns_per_item, batch),
                move |_| lazy(clock, len - mid, rp, rc, ns_per_item, batch),
            );
            break red.reduce(a, b);
        }
        (p, c) = fold_front(batch, p, c, &mut acc);
        len -= batch;
        batches += 1;
        let t1 = clock.now();
        let observed = t1.saturating_sub(t) as f64 / batch as f64;
        t = t1;
        ns_per_item += EWMA_NEW * (observed - ns_per_item);
        batch = batch_len(ns_per_item, min, max);
    };
    core::count_batches(batches);
    acc.finish(r)
}

pub(super) fn drive_unindexed<P, C>(producer: P, consumer: C) -> C::Result
where
    P: UnindexedProducer,
    C: UnindexedConsumer<P::Item>,
{
    let threads = beat_core::current_num_threads();
    if threads <= 1 {
        return producer.fold_with(consumer.into_folder()).complete();
    }
    if core::in_worker_thread() {
        unindexed(threads, threads, producer, consumer)
    } else {
        core::on_worker(move || unindexed(threads, threads, producer, consumer))
    }
}

/// Splits while the split budget lasts or a worker is idle; a stolen half gets a fresh
/// budget, since a steal shows that the pool has room.
fn unindexed<P, C>(threads: usize, splits: usize, p: P, c: C) -> C::Result
where
    P: UnindexedProducer,
    C: UnindexedConsumer<P::Item>,
{
    if c.full() {
        return c.into_folder().complete();
    }
    if splits == 0 && !core::hungry() {
        return p.fold_with(c.into_folder()).complete();
    }
    let (l, r) = p.split();
    let Some(r) = r else {
        return l.fold_with(c.into_folder()).complete();
    };
    let lc = c.split_off_left();
    let red = c.to_reducer();
    let half = splits / 2;
    let (a, b) = beat_core::join_context(
        move |_| unindexed(threads, half, l, lc),
        move |ctx| {
            let budget = if ctx.migrated() { threads } else { half };
            unindexed(threads, budget, r, c)
        },
    );
    red.reduce(a, b)
}
