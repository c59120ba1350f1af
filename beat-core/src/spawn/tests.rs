//! Unit tests of `spawn` and `spawn_fifo`.

use std::sync::{mpsc, Mutex};

use crate::ThreadPoolBuilder;

#[test]
fn spawn_fifo_on_one_worker_runs_in_spawn_order() {
    let pool = ThreadPoolBuilder::new().num_threads(1).build().unwrap();
    let (tx, rx) = mpsc::channel();
    pool.install(|| {
        for i in 0..100 {
            let tx = tx.clone();
            crate::spawn_fifo(move || tx.send(i).unwrap());
        }
    });
    drop(tx);
    assert_eq!(rx.iter().collect::<Vec<_>>(), (0..100).collect::<Vec<_>>());
}

#[test]
fn spawn_lifo_and_fifo_differ_on_one_worker() {
    let pool = ThreadPoolBuilder::new().num_threads(1).build().unwrap();
    let order = std::sync::Arc::new(Mutex::new(Vec::new()));
    let (tx, rx) = mpsc::channel::<()>();
    let o = order.clone();
    pool.install(move || {
        for i in 0..3 {
            let (o, tx) = (o.clone(), tx.clone());
            crate::spawn(move || {
                o.lock().unwrap().push(i);
                drop(tx);
            });
        }
        for i in 10..13 {
            let (o, tx) = (o.clone(), tx.clone());
            crate::spawn_fifo(move || {
                o.lock().unwrap().push(i);
                drop(tx);
            });
        }
    });
    assert!(rx.recv().is_err()); // every sender dropped: all six ran
                                 // Newest first for the deque: the three FIFO indirections (each running the oldest
                                 // FIFO task), then the LIFO spawns newest first.
    assert_eq!(*order.lock().unwrap(), [10, 11, 12, 2, 1, 0]);
}

#[test]
fn spawn_fifo_from_outside_and_across_pools() {
    let a = ThreadPoolBuilder::new().num_threads(2).build().unwrap();
    let b = ThreadPoolBuilder::new().num_threads(2).build().unwrap();
    let (tx, rx) = mpsc::channel();
    let t = tx.clone();
    b.spawn_fifo(move || t.send(b'o').unwrap());
    a.install(|| {
        let t = tx.clone();
        b.spawn_fifo(move || t.send(b'x').unwrap());
    });
    drop(tx);
    let mut got: Vec<u8> = rx.iter().collect();
    got.sort_unstable();
    assert_eq!(got, b"ox");
}
