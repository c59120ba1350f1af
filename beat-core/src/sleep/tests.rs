//! Unit tests of the sleep counters and of parking/waking with real threads.

use super::*;
use crate::latch::CoreLatch;
use std::sync::Arc;

#[test]
fn counters_pack_and_unpack() {
    let c = Counters(0);
    assert_eq!((c.searching(), c.sleeping(), c.jec()), (0, 0, 0));
    let c = Counters(3 * SEARCHING_ONE + 2 * SLEEPING_ONE + 5 * JEC_ONE);
    assert_eq!((c.searching(), c.sleeping(), c.jec()), (3, 2, 5));
    assert!(c.is_sleepy());
    let d = c.searching_to_sleeping();
    assert_eq!((d.searching(), d.sleeping(), d.jec()), (2, 3, 5));
    assert_eq!(Counters(!FIELD_MASK).bump_jec().jec(), 0, "jec wraps");
}

#[test]
fn announce_makes_jec_odd_and_new_jobs_makes_it_even() {
    let s = Sleep::new(2);
    let jec = s.announce_sleepy();
    assert_eq!(jec % 2, 1);
    assert_eq!(
        s.announce_sleepy(),
        jec,
        "a second sleepy worker shares the same value"
    );
    s.new_jobs(1);
    assert_eq!(s.counters().jec() % 2, 0);
}

#[test]
fn park_is_refused_after_a_job_event() {
    let s = Sleep::new(1);
    let latch = CoreLatch::new();
    let mut idle = s.start_looking(0, false);
    while idle.rounds <= ROUNDS_UNTIL_SLEEPY {
        assert_eq!(s.no_work_found(&mut idle, &latch), Idled::Searched);
    }
    s.new_jobs(1); // a push between the final search and the park
    assert_eq!(s.no_work_found(&mut idle, &latch), Idled::Searched);
    assert_eq!(s.counters().sleeping(), 0);
    assert_eq!(s.work_found().searching(), 0);
}

#[test]
fn parked_worker_is_woken_by_new_jobs() {
    let s = Arc::new(Sleep::new(1));
    let s2 = Arc::clone(&s);
    let t = std::thread::spawn(move || {
        let latch = CoreLatch::new();
        let mut idle = s2.start_looking(0, false);
        loop {
            if s2.no_work_found(&mut idle, &latch) == Idled::Parked {
                break;
            }
        }
        s2.work_found();
    });
    // Keep announcing jobs until the worker has parked and been woken.
    while !t.is_finished() {
        s.new_jobs(1);
        std::thread::yield_now();
    }
    t.join().unwrap();
    let c = s.counters();
    assert_eq!((c.searching(), c.sleeping()), (0, 0));
}

#[test]
fn park_is_refused_after_a_broadcast() {
    let s = Sleep::new(2);
    let latch = CoreLatch::new();
    let mut idle = s.start_looking(1, false);
    while idle.rounds <= ROUNDS_UNTIL_SLEEPY {
        assert_eq!(s.no_work_found(&mut idle, &latch), Idled::Searched);
    }
    s.new_broadcast_jobs(); // mailbox pushes between the final search and the park
    assert_eq!(s.no_work_found(&mut idle, &latch), Idled::Searched);
    assert_eq!(s.counters().sleeping(), 0);
}

#[test]
fn broadcast_wakes_every_parked_worker() {
    let n = 3;
    let s = Arc::new(Sleep::new(n));
    let workers: Vec<_> = (0..n)
        .map(|i| {
            let s = Arc::clone(&s);
            std::thread::spawn(move || {
                let latch = CoreLatch::new();
                let mut idle = s.start_looking(i, false);
                while s.no_work_found(&mut idle, &latch) != Idled::Parked {}
                s.work_found();
            })
        })
        .collect();
    // Wait until all of them parked, then one broadcast must wake them all.
    while s.counters().sleeping() < n {
        std::thread::yield_now();
    }
    s.new_broadcast_jobs();
    for w in workers {
        w.join().unwrap();
    }
    let c = s.counters();
    assert_eq!((c.searching(), c.sleeping()), (0, 0));
}
