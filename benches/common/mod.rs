//! The calibrated work item shared by the benches and the tour example.

use std::hint::black_box;
use std::sync::OnceLock;
use std::time::Instant;

/// The busy loop: a dependent multiply-add chain, `black_box` on each step, so the compiler
/// can neither remove nor vectorise it.
#[inline(never)]
pub(crate) fn spin(iters: u64) -> u64 {
    let mut x = black_box(0x9E37_79B9_7F4A_7C15u64);
    for _ in 0..iters {
        x = black_box(
            x.wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407),
        );
    }
    x
}

/// Nanoseconds per `spin` step on this machine: the best of a few timed runs, measured once.
pub(crate) fn ns_per_step() -> f64 {
    static NS: OnceLock<f64> = OnceLock::new();
    *NS.get_or_init(|| {
        const STEPS: u64 = 2_000_000;
        black_box(spin(STEPS)); // warm up
        (0..7)
            .map(|_| {
                let t = Instant::now();
                black_box(spin(STEPS));
                t.elapsed().as_secs_f64() * 1e9 / STEPS as f64
            })
            .fold(f64::INFINITY, f64::min)
    })
}

/// The number of `spin` steps that take about `ns` nanoseconds (at least one).
#[allow(dead_code)] // not every user needs every helper
pub(crate) fn steps_for(ns: f64) -> u64 {
    ((ns / ns_per_step()).round() as u64).max(1)
}
