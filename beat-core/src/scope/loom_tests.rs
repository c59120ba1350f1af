//! A loom model of scope completion through chunk counts.
//!
//! A scope's latch counts chunks; a chunk's `live` count starts at the bias, each finished
//! task subtracts one and retiring subtracts the unused rest. The model runs two tasks of
//! one chunk on two threads while the spawning thread retires the chunk, with the real
//! counting function ([`arena::drop_live`]) and the real [`CountLatch`]: exactly one thread
//! finishes the chunk, it sees both tasks done with the chunk, and the scope's owner wakes
//! only after every task, seeing their writes.

use std::sync::Arc;

use loom::sync::atomic::AtomicUsize;
use loom::thread;

use super::arena::{self, LIVE_BIAS};
use crate::latch::{CountLatch, Latch};
use crate::sync::Ordering;

#[test]
fn last_releaser_finishes_the_chunk_and_the_scope() {
    loom::model(|| {
        // The scope body's own count, plus one for the chunk.
        let latch = Arc::new(CountLatch::new(None));
        latch.increment();
        let live = Arc::new(AtomicUsize::new(LIVE_BIAS));
        // Per task: 1 once it stopped reading its slot of the chunk (written Relaxed, so
        // only the counting's Release/Acquire can publish it).
        let slot_done: Arc<[AtomicUsize; 2]> = Arc::new([AtomicUsize::new(0), AtomicUsize::new(0)]);
        let results = Arc::new(AtomicUsize::new(0));
        let finishers = Arc::new(AtomicUsize::new(0));

        let finish = {
            let (latch, slot_done, finishers) =
                (latch.clone(), slot_done.clone(), finishers.clone());
            move || {
                // The finisher owns the chunk: every task must be done with its slot.
                assert_eq!(slot_done[0].load(Ordering::Relaxed), 1);
                assert_eq!(slot_done[1].load(Ordering::Relaxed), 1);
                finishers.fetch_add(1, Ordering::Relaxed);
                // SAFETY: the chunk holds a count of the latch, so the scope still waits.
                unsafe { CountLatch::set(&*latch) };
            }
        };

        let tasks: Vec<_> = (0..2)
            .map(|i| {
                let (live, slot_done, results, finish) = (
                    live.clone(),
                    slot_done.clone(),
                    results.clone(),
                    finish.clone(),
                );
                thread::spawn(move || {
                    results.fetch_add(1, Ordering::Relaxed);
                    slot_done[i].store(1, Ordering::Relaxed);
                    if arena::drop_live(&live, 1) {
                        finish();
                    }
                })
            })
            .collect();

        // The spawner retires the chunk (two tasks were written into it) ...
        if arena::drop_live(&live, LIVE_BIAS - 2) {
            finish();
        }
        // ... and the scope body ends: its own count goes, then it waits.
        // SAFETY: the Arc keeps the latch alive.
        unsafe { CountLatch::set(&*latch) };
        latch.wait(None);
        assert_eq!(results.load(Ordering::Relaxed), 2);
        for t in tasks {
            t.join().unwrap();
        }
        assert_eq!(finishers.load(Ordering::Relaxed), 1);
        assert_eq!(live.load(Ordering::Relaxed), 0);
    });
}
