//! Allocation-free storage for scope tasks, and scope completion without a shared counter
//! per spawn.
//!
//! # Chunks
//!
//! A spawned task is written into a 4 KiB *chunk* owned by the spawning thread (a bump
//! allocator, no lock, no atomic). A chunk serves one scope at a time: it is the thread's
//! *current* chunk while that thread keeps spawning into the same scope, and is *retired*
//! when the thread moves on. Retired, finished chunks are recycled through a small
//! per-thread free list, so a steady stream of spawns allocates nothing.
//!
//! # Counting
//!
//! The scope's [`CountLatch`] counts chunks, not tasks: one increment when a chunk starts
//! serving the scope. Each chunk has a `live` counter, set to `BIAS` when it starts; every
//! task that finishes subtracts 1, and retiring subtracts `BIAS - n_jobs`. The thread that
//! brings `live` to zero recycles the chunk and decrements the scope's latch. So a spawn
//! touches no shared atomic, and a finished task one per-chunk atomic.
//!
//! # When chunks retire
//!
//! A scope cannot complete while one of its chunks is current somewhere, so every current
//! chunk must retire before the scope waits. A thread runs in a scope's *context* while it
//! executes that scope's body or one of its tasks ([`in_context`]); leaving the context
//! retires the thread's chunk if it serves that scope. Everything nested inside that
//! execution (inlined joins, stolen jobs) finishes before the context ends, so a chunk kept
//! current there retires in time. A spawn from outside the scope's context (a `&Scope` sent
//! into a join half that another worker stole, say) retires its chunk at once.
//!
//! Access rules: a chunk's `latch`, `used`, `n_jobs` and `next_free` are touched only by the
//! thread that holds it (as current chunk or on its free list); `live` is shared; a task's
//! bytes are written by the spawner before the task is published (by the deque push) and
//! read once by the executor.

use std::alloc::Layout;
use std::cell::Cell;
use std::mem::{self, MaybeUninit};
use std::ptr;

use crate::job::{HeapJob, Job, JobRef};
use crate::latch::{CountLatch, Latch};
use crate::sync::{AtomicUsize, Ordering};
use crate::unwind;

/// Bytes of a chunk, header included.
const CHUNK_BYTES: usize = 4096;
const HEADER_BYTES: usize = 64;
const DATA_BYTES: usize = CHUNK_BYTES - HEADER_BYTES;
/// Tasks bigger than this go to the heap, so a chunk holds at least four.
const MAX_TASK_BYTES: usize = DATA_BYTES / 4;
const CHUNK_ALIGN: usize = 64;
/// Finished chunks a thread keeps for reuse.
const MAX_FREE_CHUNKS: usize = 32;
/// The `live` count a chunk starts with; larger than any number of tasks it can hold.
const BIAS: usize = 1 << (usize::BITS - 2);

#[repr(C, align(64))]
struct Chunk {
    header: ChunkHeader,
    data: [MaybeUninit<u8>; DATA_BYTES],
}

#[repr(C)]
struct ChunkHeader {
    live: AtomicUsize,
    latch: *const CountLatch,
    next_free: *mut Chunk,
    used: usize,
    n_jobs: usize,
}

const _: () = assert!(mem::size_of::<ChunkHeader>() <= HEADER_BYTES);
const _: () = assert!(mem::size_of::<Chunk>() == CHUNK_BYTES);

/// A task stored in a chunk.
struct ArenaJob<F> {
    chunk: *mut Chunk,
    func: F,
}

impl<F: FnOnce() + Send> Job for ArenaJob<F> {
    unsafe fn execute(this: *const ()) {
        let this = this as *mut ArenaJob<F>;
        // SAFETY: `this` was written by `alloc` and is executed once (JobRef contract); we
        // move the closure out and never touch the slot again.
        let (chunk, func) = unsafe { ((*this).chunk, ptr::read(&(*this).func)) };
        let abort = unwind::AbortIfPanic;
        // The scope's task wrapper catches panics itself; the guard covers the bookkeeping.
        func();
        // SAFETY: the chunk stays alive until its `live` count reaches zero, which needs
        // this task's release below.
        unsafe { release(chunk, 1) };
        abort.disarm();
    }
}

struct ThreadArena {
    current: Cell<*mut Chunk>,
    context: Cell<*const CountLatch>,
    free: Cell<*mut Chunk>,
    n_free: Cell<usize>,
}

impl Drop for ThreadArena {
    fn drop(&mut self) {
        let current = self.current.replace(ptr::null_mut());
        if !current.is_null() {
            // SAFETY: the current chunk is ours; retiring hands it to its tasks.
            unsafe { retire(current) };
        }
        let mut c = self.free.replace(ptr::null_mut());
        while !c.is_null() {
            // SAFETY: free chunks are owned by this thread and were made by `Box`.
            unsafe {
                let next = (*c).header.next_free;
                drop(Box::from_raw(c));
                c = next;
            }
        }
    }
}

thread_local! {
    static ARENA: ThreadArena = const {
        ThreadArena {
            current: Cell::new(ptr::null_mut()),
            context: Cell::new(ptr::null()),
            free: Cell::new(ptr::null_mut()),
            n_free: Cell::new(0),
        }
    };
}

impl ThreadArena {
    fn take_chunk(&self, latch: *const CountLatch) -> *mut Chunk {
        let c = self.free.get();
        let c = if c.is_null() {
            Box::into_raw(Box::new(Chunk {
                header: ChunkHeader {
                    live: AtomicUsize::new(0),
                    latch: ptr::null(),
                    next_free: ptr::null_mut(),
                    used: 0,
                    n_jobs: 0,
                },
                data: [MaybeUninit::uninit(); DATA_BYTES],
            }))
        } else {
            // SAFETY: free chunks are owned by this thread.
            self.free.set(unsafe { (*c).header.next_free });
            self.n_free.set(self.n_free.get() - 1);
            c
        };
        // SAFETY: `c` is exclusively ours; `latch` is a live scope latch (the caller spawns
        // into it while holding a count).
        unsafe {
            let h = &mut (*c).header;
            // Relaxed: the chunk is published to other threads only through the deque push
            // of its first task (a Release store).
            h.live.store(BIAS, Ordering::Relaxed);
            h.latch = latch;
            h.next_free = ptr::null_mut();
            h.used = 0;
            h.n_jobs = 0;
            (*latch).increment();
        }
        c
    }

    fn recycle(&self, c: *mut Chunk) {
        if self.n_free.get() >= MAX_FREE_CHUNKS {
            // SAFETY: a finished chunk belongs to the finisher; it came from `Box`.
            drop(unsafe { Box::from_raw(c) });
            return;
        }
        // SAFETY: a finished chunk belongs to the finisher.
        unsafe { (*c).header.next_free = self.free.get() };
        self.free.set(c);
        self.n_free.set(self.n_free.get() + 1);
    }
}

/// Stores `f` as a task of the scope whose completion latch is `latch`, and returns the
/// job that runs it.
///
/// # Safety
///
/// `latch` must be the latch of a live scope in which the caller holds a count (it runs
/// the scope body or one of its tasks, or something they wait for).
pub(crate) unsafe fn alloc<F: FnOnce() + Send>(latch: &CountLatch, f: F) -> JobRef {
    let layout = Layout::new::<ArenaJob<F>>();
    if layout.size() > MAX_TASK_BYTES || layout.align() > CHUNK_ALIGN {
        return alloc_boxed(latch, f);
    }
    let latch_ptr: *const CountLatch = latch;
    let mut f = Some(f);
    let job = ARENA.try_with(|a| {
        let mut c = a.current.get();
        // SAFETY: `c` (when not null) is this thread's current chunk.
        if c.is_null() || unsafe { !fits(c, latch_ptr, layout) } {
            if !c.is_null() {
                a.current.set(ptr::null_mut());
                // SAFETY: we owned it as current chunk.
                unsafe { retire(c) };
            }
            c = a.take_chunk(latch_ptr);
            a.current.set(c);
        }
        // SAFETY: `fits` holds for `c` (fresh chunks fit any task of this size); the slot
        // is aligned and within `data`, and only this thread writes to `c`'s header
        // fields other than `live`. Everything goes through raw places: tasks already
        // published from `c` may be running on other threads, reading their own slots and
        // updating `live`, so a `&mut` to the header or to `data` would race with them.
        let job = unsafe {
            let h = ptr::addr_of_mut!((*c).header);
            let data = ptr::addr_of_mut!((*c).data).cast::<u8>();
            let base = data as usize;
            let start = align_up(base + (*h).used, layout.align());
            // Derived from `data`, not cast from the address, so it keeps the chunk's
            // provenance.
            let slot = data.add(start - base).cast::<ArenaJob<F>>();
            slot.write(ArenaJob {
                chunk: c,
                func: f.take().expect("task written once"),
            });
            (*h).used = start + layout.size() - base;
            (*h).n_jobs += 1;
            JobRef::new(slot)
        };
        if a.context.get() != latch_ptr {
            a.current.set(ptr::null_mut());
            // SAFETY: as above.
            unsafe { retire(c) };
        }
        job
    });
    match (job, f) {
        (Ok(job), _) => job,
        // The thread is being torn down: fall back to the heap.
        (Err(_), Some(f)) => alloc_boxed(latch, f),
        (Err(_), None) => unreachable!("task consumed without a job"),
    }
}

/// The heap fallback for tasks too big or too aligned for a chunk.
fn alloc_boxed<F: FnOnce() + Send>(latch: &CountLatch, f: F) -> JobRef {
    struct LatchPtr(*const CountLatch);
    // SAFETY: the latch is Sync and outlives the task (the scope waits for it).
    unsafe impl Send for LatchPtr {}
    latch.increment();
    let latch = LatchPtr(latch);
    HeapJob::new(move || {
        let latch = latch;
        f();
        // SAFETY: the scope waits for this count, so the latch is alive.
        unsafe { CountLatch::set(latch.0) };
    })
    .into_job_ref()
}

/// Whether a task of `layout` for `latch` can go into chunk `c`.
///
/// # Safety
///
/// `c` must be this thread's current chunk.
unsafe fn fits(c: *mut Chunk, latch: *const CountLatch, layout: Layout) -> bool {
    // SAFETY: by the caller's contract we own `c`'s header fields other than `live`
    // (read through raw places, as other threads may be updating `live` and reading their
    // tasks' slots).
    unsafe {
        if (*c).header.latch != latch {
            return false;
        }
        let base = ptr::addr_of!((*c).data) as usize;
        align_up(base + (*c).header.used, layout.align()) + layout.size() <= base + DATA_BYTES
    }
}

#[inline]
fn align_up(addr: usize, align: usize) -> usize {
    (addr + align - 1) & !(align - 1)
}

/// The owner stops using `c`: its unused share of the bias goes.
///
/// # Safety
///
/// `c` must have been the calling thread's current chunk (and no longer be).
unsafe fn retire(c: *mut Chunk) {
    // SAFETY: the owner reads its own header fields.
    let n_jobs = unsafe { (*c).header.n_jobs };
    // SAFETY: forwarded; `c` is alive until `live` reaches zero.
    unsafe { release(c, BIAS - n_jobs) };
}

/// Subtracts `n` from `c`'s live count, finishing the chunk at zero.
///
/// # Safety
///
/// `c` must be alive and the caller must own `n` of its live count.
unsafe fn release(c: *mut Chunk, n: usize) {
    // SAFETY: `c` is alive, by the caller's contract.
    if !unsafe { drop_live(&(*c).header.live, n) } {
        return;
    }
    // SAFETY: we brought `live` to zero: the chunk is ours now.
    let latch = unsafe { (*c).header.latch };
    match ARENA.try_with(|a| a.recycle(c)) {
        Ok(()) => {}
        // SAFETY: thread teardown: free it instead; it came from `Box`.
        Err(_) => drop(unsafe { Box::from_raw(c) }),
    }
    // SAFETY: the chunk held a count of the latch, so the scope is still waiting.
    unsafe { CountLatch::set(latch) };
}

/// Subtracts `n` from a chunk's live count; true if that brought it to zero, making the
/// caller the chunk's finisher. Modelled in `scope::loom_tests`.
#[inline]
pub(super) fn drop_live(live: &AtomicUsize, n: usize) -> bool {
    // AcqRel: Release publishes this releaser's reads of the chunk before it is reused;
    // Acquire lets the finisher see every other releaser's (pairs with their Release).
    live.fetch_sub(n, Ordering::AcqRel) == n
}

/// The `live` count a chunk starts with (for the loom model).
#[cfg(all(test, loom))]
pub(super) const LIVE_BIAS: usize = BIAS;

/// Runs `f` in the context of the scope whose latch is `latch`: chunks for that scope stay
/// current meanwhile, and the current one retires when `f` returns (or unwinds).
pub(crate) fn in_context<R>(latch: &CountLatch, f: impl FnOnce() -> R) -> R {
    struct Restore {
        prev: *const CountLatch,
        latch: *const CountLatch,
    }
    impl Drop for Restore {
        fn drop(&mut self) {
            let _ = ARENA.try_with(|a| {
                a.context.set(self.prev);
                let c = a.current.get();
                // SAFETY: `c` is this thread's current chunk; we read its own header.
                if !c.is_null() && unsafe { (*c).header.latch } == self.latch {
                    a.current.set(ptr::null_mut());
                    // SAFETY: it was our current chunk.
                    unsafe { retire(c) };
                }
            });
        }
    }
    let latch: *const CountLatch = latch;
    let prev = ARENA
        .try_with(|a| a.context.replace(latch))
        .unwrap_or(ptr::null());
    let _restore = Restore { prev, latch };
    f()
}
