//! Faults: spawn handlers that fail, handlers that panic, pools dropped with work queued,
//! and a task that overflows its stack. Cases that must abort the process run this test
//! binary again as a child (`BEAT_FAULT_CHILD` names the case) and check how it died.

use std::io;
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{mpsc, Arc, Barrier, Mutex};
use std::thread;
use std::time::Duration;

use beat_core::{ThreadPool, ThreadPoolBuilder};

/// Long enough to mean "stuck" on a loaded machine; never reached when things work.
const STUCK: Duration = Duration::from_secs(60);

const CHILD: &str = "BEAT_FAULT_CHILD";

/// Runs this binary's `child` test with `CHILD=case` and returns what it did.
fn run_child(case: &str) -> Output {
    Command::new(std::env::current_exe().unwrap())
        .args(["--exact", "child", "--nocapture", "--test-threads=1"])
        .env(CHILD, case)
        .output()
        .unwrap()
}

/// Asserts the child died (not a clean exit, nor a failed test) and said `needle` on stderr.
fn assert_aborted(out: &Output, needle: &str) {
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "child exited cleanly: {stderr}");
    // A failed test exits with 101; an abort is a signal (unix) or another code.
    assert_ne!(out.status.code(), Some(101), "child test failed: {stderr}");
    #[cfg(unix)]
    {
        use std::os::unix::process::ExitStatusExt;
        assert!(
            out.status.signal().is_some(),
            "not killed by a signal: {out:?}"
        );
    }
    assert!(stderr.contains(needle), "stderr lacks {needle:?}: {stderr}");
}

/// The cases that abort, run in a child process only.
#[test]
fn child() {
    let Ok(case) = std::env::var(CHILD) else {
        return;
    };
    match case.as_str() {
        "start_handler_panics" => {
            let _pool = ThreadPoolBuilder::new()
                .num_threads(2)
                .start_handler(|i| panic!("start handler {i} fails"))
                .build()
                .unwrap();
        }
        "exit_handler_panics" => {
            let pool = ThreadPoolBuilder::new()
                .num_threads(2)
                .exit_handler(|i| panic!("exit handler {i} fails"))
                .build()
                .unwrap();
            drop(pool);
        }
        "panic_handler_panics" => {
            let pool = ThreadPoolBuilder::new()
                .num_threads(1)
                .panic_handler(|_| panic!("the handler fails too"))
                .build()
                .unwrap();
            pool.spawn(|| panic!("task fails"));
        }
        "spawn_panics_without_handler" => {
            let pool = ThreadPoolBuilder::new().num_threads(1).build().unwrap();
            pool.spawn(|| panic!("task fails"));
        }
        "stack_overflow" => {
            let pool = ThreadPoolBuilder::new()
                .num_threads(2)
                .stack_size(256 << 10)
                .thread_name(|i| format!("deep-{i}"))
                .build()
                .unwrap();
            pool.install(|| beat_core::join(|| recurse(0), || recurse(0)));
        }
        other => panic!("unknown case {other}"),
    }
    // The abort happens on a pool thread; wait for it (the parent fails us if we get here).
    thread::sleep(STUCK);
}

/// Recurses without end, with a frame the optimiser cannot drop.
#[allow(unconditional_recursion)]
fn recurse(depth: u64) -> u64 {
    let frame = std::hint::black_box([depth; 64]);
    recurse(depth + 1) + frame[depth as usize % 64]
}

#[test]
fn failing_spawn_handler_is_an_error() {
    let err = ThreadPoolBuilder::new()
        .num_threads(4)
        .spawn_handler(|_| Err(io::Error::other("no threads today")))
        .build()
        .unwrap_err();
    let source = std::error::Error::source(&err).expect("the io error is the source");
    assert!(source.to_string().contains("no threads today"));
    assert!(err.to_string().contains("no threads today"), "{err}");
}

/// Spawn handler that starts threads until the `k`-th call, which fails; it reports each
/// started thread's exit on `exited`.
fn build_failing_at(
    n: usize,
    k: usize,
    use_current: bool,
) -> (
    Result<ThreadPool, beat_core::ThreadPoolBuildError>,
    usize,
    mpsc::Receiver<usize>,
) {
    let (tx, exited) = mpsc::channel();
    let mut started = 0;
    let exits = Arc::new(AtomicUsize::new(0));
    let mut builder = ThreadPoolBuilder::new().num_threads(n).exit_handler({
        let exits = Arc::clone(&exits);
        move |_| {
            exits.fetch_add(1, Ordering::Relaxed);
        }
    });
    if use_current {
        builder = builder.use_current_thread();
    }
    let result = builder
        .spawn_handler(|t| {
            if t.index() == k {
                return Err(io::Error::other(format!("thread {k} refused")));
            }
            started += 1;
            let tx = tx.clone();
            thread::spawn(move || {
                let i = t.index();
                t.run();
                tx.send(i).unwrap();
            });
            Ok(())
        })
        .build();
    (result, started, exited)
}

#[test]
fn spawn_handler_failing_midway_shuts_down_started_threads() {
    for k in [0, 1, 3, 5] {
        let (result, started, exited) = build_failing_at(6, k, false);
        let err = result.unwrap_err();
        assert!(err.to_string().contains(&format!("thread {k} refused")));
        assert_eq!(started, k);
        let mut seen: Vec<usize> = (0..started)
            .map(|_| {
                exited
                    .recv_timeout(STUCK)
                    .expect("a started thread never exited")
            })
            .collect();
        seen.sort_unstable();
        assert_eq!(seen, (0..k).collect::<Vec<_>>());
    }
}

#[test]
fn failed_build_with_use_current_thread_releases_the_thread() {
    // Run on a fresh thread: the test harness's threads are reused.
    thread::spawn(|| {
        let (result, started, exited) = build_failing_at(3, 2, true);
        assert!(result.is_err());
        assert_eq!(started, 1, "thread 0 is the caller; thread 1 was spawned");
        assert_eq!(exited.recv_timeout(STUCK), Ok(1));
        assert_eq!(beat_core::current_thread_index(), None);
        // The thread can join another pool afterwards.
        let pool = ThreadPoolBuilder::new()
            .num_threads(2)
            .use_current_thread()
            .build()
            .unwrap();
        assert_eq!(beat_core::current_thread_index(), Some(0));
        assert_eq!(pool.install(|| beat_core::join(|| 1, || 2)), (1, 2));
    })
    .join()
    .unwrap();
}

#[test]
fn start_handler_panic_goes_to_the_panic_handler() {
    let (tx, rx) = mpsc::channel::<String>();
    let tx = Mutex::new(tx);
    let pool = ThreadPoolBuilder::new()
        .num_threads(3)
        .start_handler(|i| {
            if i == 1 {
                panic!("start {i}")
            }
        })
        .panic_handler(move |p| {
            let msg = p.downcast_ref::<String>().cloned().unwrap_or_default();
            tx.lock().unwrap().send(msg).unwrap();
        })
        .build()
        .unwrap();
    assert_eq!(rx.recv_timeout(STUCK).unwrap(), "start 1");
    // The worker whose start handler panicked still works.
    let indices = pool.broadcast(|ctx| ctx.index());
    assert_eq!(indices, [0, 1, 2]);
}

#[test]
fn exit_handler_panic_goes_to_the_panic_handler() {
    let (tx, rx) = mpsc::channel::<String>();
    let tx = Mutex::new(tx);
    let pool = ThreadPoolBuilder::new()
        .num_threads(2)
        .exit_handler(|i| panic!("exit {i}"))
        .panic_handler(move |p| {
            let msg = p.downcast_ref::<String>().cloned().unwrap_or_default();
            tx.lock().unwrap().send(msg).unwrap();
        })
        .build()
        .unwrap();
    drop(pool);
    let mut got = [
        rx.recv_timeout(STUCK).unwrap(),
        rx.recv_timeout(STUCK).unwrap(),
    ];
    got.sort();
    assert_eq!(got, ["exit 0", "exit 1"]);
}

#[test]
#[cfg_attr(miri, ignore = "Miri cannot start a child process")]
fn start_handler_panic_without_panic_handler_aborts() {
    let out = run_child("start_handler_panics");
    assert_aborted(
        &out,
        "beat: a start_handler panicked and the pool has no panic_handler",
    );
}

#[test]
#[cfg_attr(miri, ignore = "Miri cannot start a child process")]
fn exit_handler_panic_without_panic_handler_aborts() {
    let out = run_child("exit_handler_panics");
    assert_aborted(
        &out,
        "beat: an exit_handler panicked and the pool has no panic_handler",
    );
}

#[test]
#[cfg_attr(miri, ignore = "Miri cannot start a child process")]
fn spawned_panic_without_panic_handler_aborts() {
    let out = run_child("spawn_panics_without_handler");
    assert_aborted(
        &out,
        "beat: a spawned task panicked and the pool has no panic_handler",
    );
}

#[test]
#[cfg_attr(miri, ignore = "Miri cannot start a child process")]
fn panic_in_the_panic_handler_aborts() {
    let out = run_child("panic_handler_panics");
    assert_aborted(&out, "beat: the panic_handler panicked");
}

#[test]
#[cfg_attr(miri, ignore = "Miri cannot start a child process")]
fn stack_overflow_in_a_task_aborts_with_a_clear_message() {
    let out = run_child("stack_overflow");
    assert_aborted(&out, "has overflowed its stack");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("'deep-"), "names the worker: {stderr}");
}

/// A pool dropped while spawned tasks wait in its queues runs them all; the drop itself
/// returns at once.
#[test]
fn dropping_a_pool_finishes_queued_work() {
    for threads in [1, 3] {
        let gate = Arc::new(Barrier::new(threads + 1));
        let done = Arc::new(AtomicUsize::new(0));
        let (tx, rx) = mpsc::channel();
        let exits = Arc::new(AtomicUsize::new(0));
        let pool = ThreadPoolBuilder::new()
            .num_threads(threads)
            .exit_handler({
                let exits = Arc::clone(&exits);
                move |_| {
                    exits.fetch_add(1, Ordering::SeqCst);
                }
            })
            .build()
            .unwrap();
        // Occupy every worker, so what follows stays queued.
        for _ in 0..threads {
            let gate = Arc::clone(&gate);
            pool.spawn(move || {
                gate.wait();
            });
        }
        const TASKS: usize = 200;
        for i in 0..TASKS {
            let (done, tx) = (Arc::clone(&done), tx.clone());
            let task = move || {
                done.fetch_add(1, Ordering::SeqCst);
                tx.send(i).unwrap();
            };
            match i % 3 {
                0 => pool.spawn(task),
                1 => pool.spawn_fifo(task),
                _ => pool.spawn_broadcast(move |ctx| {
                    if ctx.index() == 0 {
                        task()
                    }
                }),
            }
        }
        // Nested spawns from a queued task are run too.
        {
            let (done, tx) = (Arc::clone(&done), tx.clone());
            pool.spawn(move || {
                beat_core::spawn(move || {
                    done.fetch_add(1, Ordering::SeqCst);
                    tx.send(TASKS).unwrap();
                })
            });
        }
        drop(tx);
        // The drop does not wait for the queued work (which cannot run yet).
        drop(pool);
        assert_eq!(exits.load(Ordering::SeqCst), 0);
        gate.wait();
        let mut seen: Vec<usize> = rx.iter().collect();
        seen.sort_unstable();
        assert_eq!(seen, (0..=TASKS).collect::<Vec<_>>());
        assert_eq!(done.load(Ordering::SeqCst), TASKS + 1);
    }
}

/// A pool dropped by one of its own tasks finishes that task and the rest of its work.
#[test]
fn a_task_may_drop_its_own_pool() {
    let pool = Arc::new(Mutex::new(Some(
        ThreadPoolBuilder::new().num_threads(2).build().unwrap(),
    )));
    let (tx, rx) = mpsc::channel();
    let handle = Arc::clone(&pool);
    let guard = pool.lock().unwrap();
    let p = guard.as_ref().unwrap();
    for i in 0..10 {
        let tx = tx.clone();
        p.spawn(move || tx.send(i).unwrap());
    }
    p.spawn(move || {
        let pool = handle.lock().unwrap().take();
        drop(pool);
        tx.send(10).unwrap();
    });
    drop(guard);
    let mut seen: Vec<usize> = (0..11).map(|_| rx.recv_timeout(STUCK).unwrap()).collect();
    seen.sort_unstable();
    assert_eq!(seen, (0..11).collect::<Vec<_>>());
}

/// A panicking `install` leaves the pool usable, and `install` from inside a worker of
/// another pool still propagates the panic.
#[test]
fn panics_in_install_leave_the_pools_usable() {
    let a = ThreadPoolBuilder::new().num_threads(2).build().unwrap();
    let b = ThreadPoolBuilder::new().num_threads(2).build().unwrap();
    for _ in 0..20 {
        let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            a.install(|| b.install(|| beat_core::join(|| 1, || -> i32 { panic!("inner") })))
        }));
        let p = r.unwrap_err();
        assert_eq!(p.downcast_ref::<&str>(), Some(&"inner"));
    }
    assert_eq!(
        a.install(|| b.install(|| beat_core::join(|| 1, || 2))),
        (1, 2)
    );
}
