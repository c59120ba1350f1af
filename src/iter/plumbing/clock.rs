//! The driver's clock, behind a trait so that tests can make time deterministic.

use std::time::Instant;

/// A monotonic clock in nanoseconds since some fixed origin.
pub(crate) trait Clock: Copy + Send + Sync {
    /// Nanoseconds since the clock's origin.
    fn now(&self) -> u64;
}

/// `Instant` (a vDSO `clock_gettime` on Linux, ~30 ns a read): cheap enough to read once
/// per batch of several microseconds.
#[derive(Clone, Copy, Debug)]
pub(crate) struct RealClock {
    origin: Instant,
}

/// The process-wide origin, so that a clock costs nothing to create.
fn origin() -> Instant {
    static ORIGIN: std::sync::OnceLock<Instant> = std::sync::OnceLock::new();
    *ORIGIN.get_or_init(Instant::now)
}

impl RealClock {
    #[inline]
    pub(crate) fn start() -> RealClock {
        RealClock { origin: origin() }
    }
}

impl Clock for RealClock {
    #[inline]
    fn now(&self) -> u64 {
        // Saturates after 584 years of process life.
        self.origin.elapsed().as_nanos() as u64
    }
}
