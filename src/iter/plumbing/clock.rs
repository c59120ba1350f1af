//! The driver's clock, behind a trait so that tests can make time deterministic.

use std::time::Instant;

/// A monotonic clock in nanoseconds since some fixed origin.
pub(crate) trait Clock: Copy + Send + Sync {
    /// Nanoseconds since the clock's origin.
    fn now(&self) -> u64;
}

/// `Instant` (a vDSO `clock_gettime` on Linux, tens of nanoseconds): cheap enough to read
/// once per batch of several microseconds.
#[derive(Clone, Copy, Debug)]
pub(crate) struct RealClock {
    origin: Instant,
}

impl RealClock {
    #[inline]
    pub(crate) fn start() -> RealClock {
        RealClock {
            origin: Instant::now(),
        }
    }
}

impl Clock for RealClock {
    #[inline]
    fn now(&self) -> u64 {
        // Saturates after 584 years, well beyond one call.
        self.origin.elapsed().as_nanos() as u64
    }
}
