//! The per-pipeline cost estimates: a small fixed table of relaxed atomics.
//!
//! The key of a pipeline is the address of its monomorphised driver function. Closures have
//! one type per place in the source, so a key stands for one call site in practice; two
//! sites with identical types share an estimate, which is then as good a start as any. A
//! slot holds the key and the estimate in picoseconds per item. Readers and writers race
//! benignly: a torn pair only gives the probe a worse first chunk size, which the probe
//! then corrects, so Relaxed is enough everywhere.

use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};

const SLOTS: usize = 64;

/// A pipeline's key (see the module docs).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Key(usize);

struct Slot {
    key: AtomicUsize,
    ps_per_item: AtomicU64,
}

static TABLE: [Slot; SLOTS] = [const {
    Slot {
        key: AtomicUsize::new(0),
        ps_per_item: AtomicU64::new(0),
    }
}; SLOTS];

/// The key for a driver function's address.
#[inline]
pub(crate) fn key_of(addr: usize) -> Key {
    Key(addr)
}

#[inline]
fn slot(key: Key) -> &'static Slot {
    // Function addresses are aligned; mix higher bits in.
    let h = (key.0 >> 4) ^ (key.0 >> 11) ^ (key.0 >> 19);
    &TABLE[h % SLOTS]
}

/// The remembered estimate for `key`, in picoseconds per item (an integer, so that the
/// driver's check for tiny calls needs no floating-point work).
#[inline]
pub(crate) fn lookup_ps(key: Key) -> Option<u64> {
    let s = slot(key);
    if s.key.load(Ordering::Relaxed) != key.0 {
        return None;
    }
    match s.ps_per_item.load(Ordering::Relaxed) {
        0 => None,
        ps => Some(ps),
    }
}

/// The remembered estimate for `key`, in ns per item.
#[cfg(test)]
pub(crate) fn lookup(key: Key) -> Option<f64> {
    lookup_ps(key).map(|ps| ps as f64 / 1000.0)
}

/// Remembers `ns_per_item` for `key` unless it is within 25% of `previous`, and reports it to `beat::stats()` when it is new or
/// moved by more than a factor of two (so that reporting, which takes a lock, stays rare).
pub(crate) fn store(key: Key, name: &'static str, ns_per_item: f64, previous: Option<f64>) {
    // Within 25% of what is stored: leave the shared slot alone (no cache-line traffic).
    if let Some(old) = previous {
        if ns_per_item < 1.25 * old && 1.25 * ns_per_item > old {
            return;
        }
    }
    let s = slot(key);
    let ps = (ns_per_item * 1000.0).max(1.0) as u64;
    s.key.store(key.0, Ordering::Relaxed);
    s.ps_per_item.store(ps, Ordering::Relaxed);
    let moved = match previous {
        None => true,
        Some(old) => ns_per_item > 2.0 * old || 2.0 * ns_per_item < old,
    };
    if moved {
        let batch = super::adaptive::batch_len(ns_per_item, 1, usize::MAX);
        beat_core::__internal::report_estimate(name, ns_per_item, batch);
    }
}
