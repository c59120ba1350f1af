//! The bar itself: a shared position, a throttle, and the stderr renderer.

use std::fmt;
use std::io::{IsTerminal, Write};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// The least time between two redraws (10 Hz). The first draw waits this long too, so work
/// that finishes within it draws nothing.
const REDRAW_NS: u64 = 100_000_000;

/// Width of the bar between the brackets, in characters.
const BAR_WIDTH: u64 = 30;

/// `len` holds this when the bar has no length.
const NO_LEN: u64 = u64::MAX;

/// A thread-safe progress bar on stderr.
///
/// Clones share one bar. The position is an atomic counter that any thread may advance with
/// [`inc`](ProgressBar::inc); whichever thread advances it past the next redraw time (at most
/// ten times a second) redraws the line. When stderr is not a terminal, or the bar was made
/// with [`hidden`](ProgressBar::hidden), it counts but draws nothing. The
/// [`ParallelProgressIterator`](super::ParallelProgressIterator) adapters advance it once per
/// batch of items, not once per item.
///
/// When the last clone is dropped, a bar that has drawn itself draws its final state and
/// ends the line, as [`finish`](ProgressBar::finish) does.
///
/// # Examples
///
/// ```
/// use beat::progress::ProgressBar;
///
/// let bar = ProgressBar::hidden();
/// bar.set_length(10);
/// bar.inc(4);
/// bar.inc(6);
/// assert_eq!(bar.position(), 10);
/// bar.finish();
/// assert!(bar.is_finished());
/// ```
#[derive(Clone)]
pub struct ProgressBar {
    state: Arc<State>,
}

/// The shared state. Every field is a plain counter or flag read only for display or by the
/// owner after the work is done, so `Relaxed` suffices throughout: a reader who needs the
/// final position gets it from the `join`/`install` that finished the work, which orders
/// every `inc` before the call returns.
struct State {
    pos: AtomicU64,
    len: AtomicU64,
    /// Nanoseconds after `start` before which nobody redraws; advanced by the thread that
    /// wins the compare-exchange in `tick`.
    next_draw: AtomicU64,
    finished: AtomicBool,
    /// Whether anything was written to stderr (the line then needs ending).
    drawn: AtomicBool,
    /// Whether this bar draws at all: stderr is a terminal and the bar is not hidden.
    visible: bool,
    start: Instant,
}

impl fmt::Debug for ProgressBar {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ProgressBar")
            .field("position", &self.position())
            .field("length", &self.length())
            .field("hidden", &self.is_hidden())
            .field("finished", &self.is_finished())
            .finish()
    }
}

impl ProgressBar {
    fn with_state(len: u64, visible: bool) -> Self {
        ProgressBar {
            state: Arc::new(State {
                pos: AtomicU64::new(0),
                len: AtomicU64::new(len),
                next_draw: AtomicU64::new(REDRAW_NS),
                finished: AtomicBool::new(false),
                drawn: AtomicBool::new(false),
                visible,
                start: Instant::now(),
            }),
        }
    }

    /// A bar of `len` items, drawn on stderr if stderr is a terminal.
    ///
    /// # Examples
    ///
    /// ```
    /// use beat::progress::ProgressBar;
    ///
    /// let bar = ProgressBar::new(100);
    /// assert_eq!(bar.length(), Some(100));
    /// assert_eq!(bar.position(), 0);
    /// ```
    pub fn new(len: u64) -> Self {
        Self::with_state(len.min(NO_LEN - 1), std::io::stderr().is_terminal())
    }

    /// A bar of unknown length: it shows a count and a rate instead of a fraction.
    ///
    /// # Examples
    ///
    /// ```
    /// use beat::progress::ProgressBar;
    ///
    /// let bar = ProgressBar::no_length();
    /// assert_eq!(bar.length(), None);
    /// ```
    pub fn no_length() -> Self {
        Self::with_state(NO_LEN, std::io::stderr().is_terminal())
    }

    /// A bar that counts but never draws, wherever stderr goes.
    ///
    /// # Examples
    ///
    /// ```
    /// use beat::progress::ProgressBar;
    ///
    /// let bar = ProgressBar::hidden();
    /// bar.inc(3);
    /// assert!(bar.is_hidden());
    /// assert_eq!(bar.position(), 3);
    /// ```
    pub fn hidden() -> Self {
        Self::with_state(NO_LEN, false)
    }

    /// Whether the bar never draws (made by [`hidden`](ProgressBar::hidden), or stderr is
    /// not a terminal).
    ///
    /// # Examples
    ///
    /// ```
    /// use beat::progress::ProgressBar;
    /// assert!(ProgressBar::hidden().is_hidden());
    /// ```
    pub fn is_hidden(&self) -> bool {
        !self.state.visible
    }

    /// The number of items counted so far.
    ///
    /// # Examples
    ///
    /// ```
    /// use beat::progress::ProgressBar;
    ///
    /// let bar = ProgressBar::hidden();
    /// bar.inc(2);
    /// assert_eq!(bar.position(), 2);
    /// ```
    pub fn position(&self) -> u64 {
        self.state.pos.load(Ordering::Relaxed)
    }

    /// The total the bar counts towards, if it has one.
    ///
    /// # Examples
    ///
    /// ```
    /// use beat::progress::ProgressBar;
    /// assert_eq!(ProgressBar::new(5).length(), Some(5));
    /// assert_eq!(ProgressBar::no_length().length(), None);
    /// ```
    pub fn length(&self) -> Option<u64> {
        match self.state.len.load(Ordering::Relaxed) {
            NO_LEN => None,
            len => Some(len),
        }
    }

    /// Sets the total (`u64::MAX` is treated as `u64::MAX - 1`).
    ///
    /// # Examples
    ///
    /// ```
    /// use beat::progress::ProgressBar;
    ///
    /// let bar = ProgressBar::no_length();
    /// bar.set_length(8);
    /// assert_eq!(bar.length(), Some(8));
    /// ```
    pub fn set_length(&self, len: u64) {
        self.state.len.store(len.min(NO_LEN - 1), Ordering::Relaxed);
    }

    /// Moves the bar to `pos`.
    ///
    /// # Examples
    ///
    /// ```
    /// use beat::progress::ProgressBar;
    ///
    /// let bar = ProgressBar::hidden();
    /// bar.inc(5);
    /// bar.set_position(1);
    /// assert_eq!(bar.position(), 1);
    /// ```
    pub fn set_position(&self, pos: u64) {
        self.state.pos.store(pos, Ordering::Relaxed);
        self.tick();
    }

    /// Advances the bar by `delta` items, redrawing it if the last redraw is old enough.
    ///
    /// # Examples
    ///
    /// ```
    /// use beat::progress::ProgressBar;
    /// use beat::prelude::*;
    ///
    /// let bar = ProgressBar::hidden();
    /// (0..1000).into_par_iter().for_each(|_| bar.inc(1));
    /// assert_eq!(bar.position(), 1000);
    /// ```
    #[inline]
    pub fn inc(&self, delta: u64) {
        self.state.pos.fetch_add(delta, Ordering::Relaxed);
        if self.state.visible {
            self.tick();
        }
    }

    /// Draws the final state and ends the line (if the bar has drawn anything), and marks
    /// the bar finished; later increments still count but no longer draw.
    ///
    /// # Examples
    ///
    /// ```
    /// use beat::progress::ProgressBar;
    ///
    /// let bar = ProgressBar::hidden();
    /// bar.inc(1);
    /// bar.finish();
    /// assert!(bar.is_finished());
    /// assert_eq!(bar.position(), 1);
    /// ```
    pub fn finish(&self) {
        self.state.finish();
    }

    /// Whether [`finish`](ProgressBar::finish) was called.
    ///
    /// # Examples
    ///
    /// ```
    /// use beat::progress::ProgressBar;
    ///
    /// let bar = ProgressBar::hidden();
    /// assert!(!bar.is_finished());
    /// bar.finish();
    /// assert!(bar.is_finished());
    /// ```
    pub fn is_finished(&self) -> bool {
        self.state.finished.load(Ordering::Relaxed)
    }

    /// Redraws if this thread is the first past the next redraw time.
    #[inline]
    fn tick(&self) {
        let s = &*self.state;
        if !s.visible {
            return;
        }
        let now = s.start.elapsed().as_nanos() as u64;
        let due = s.next_draw.load(Ordering::Relaxed);
        if now >= due {
            self.tick_slow(now, due);
        }
    }

    #[cold]
    fn tick_slow(&self, now: u64, due: u64) {
        let s = &*self.state;
        // One thread wins the window; the others go back to work without drawing.
        if s.next_draw
            .compare_exchange(due, now + REDRAW_NS, Ordering::Relaxed, Ordering::Relaxed)
            .is_ok()
            && !s.finished.load(Ordering::Relaxed)
        {
            s.draw(false);
        }
    }
}

impl State {
    fn finish(&self) {
        if self.finished.swap(true, Ordering::Relaxed) {
            return;
        }
        if self.drawn.load(Ordering::Relaxed) {
            self.draw(true);
        }
    }

    /// Writes the line, `\r` first so it overwrites the previous one; `last` ends it.
    fn draw(&self, last: bool) {
        let line = render(
            self.pos.load(Ordering::Relaxed),
            match self.len.load(Ordering::Relaxed) {
                NO_LEN => None,
                len => Some(len),
            },
            self.start.elapsed(),
        );
        let mut err = std::io::stderr().lock();
        // A progress bar must never fail the work it reports on: write errors are ignored.
        let _ = write!(err, "\r{line}\x1b[K{}", if last { "\n" } else { "" });
        let _ = err.flush();
        self.drawn.store(true, Ordering::Relaxed);
    }
}

impl Drop for State {
    fn drop(&mut self) {
        self.finish();
    }
}

/// The text of the line: `[=====>    ] 512/1024 50% 1.2s eta 1.2s`, or `512 items 1.2s
/// 427/s` without a length.
fn render(pos: u64, len: Option<u64>, elapsed: Duration) -> String {
    let secs = elapsed.as_secs_f64();
    match len {
        Some(len) => {
            let frac = if len == 0 {
                1.0
            } else {
                (pos as f64 / len as f64).min(1.0)
            };
            let filled = (frac * BAR_WIDTH as f64) as u64;
            let mut bar = String::with_capacity(BAR_WIDTH as usize + 2);
            bar.push('[');
            for i in 0..BAR_WIDTH {
                bar.push(match i.cmp(&filled) {
                    std::cmp::Ordering::Less => '=',
                    std::cmp::Ordering::Equal => '>',
                    std::cmp::Ordering::Greater => ' ',
                });
            }
            bar.push(']');
            let eta = if frac > 0.0 && frac < 1.0 {
                format!(" eta {:.1}s", secs * (1.0 - frac) / frac)
            } else {
                String::new()
            };
            format!("{bar} {pos}/{len} {:.0}% {secs:.1}s{eta}", frac * 100.0)
        }
        None => {
            let rate = if secs > 0.0 { pos as f64 / secs } else { 0.0 };
            format!("{pos} items {secs:.1}s {rate:.0}/s")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_fraction_and_count() {
        let s = render(5, Some(10), Duration::from_secs(1));
        assert!(s.starts_with("[===============>"), "{s}");
        assert!(s.contains(" 5/10 50% 1.0s eta 1.0s"), "{s}");
        let s = render(10, Some(10), Duration::from_secs(2));
        assert!(s.contains("10/10 100% 2.0s") && !s.contains("eta"), "{s}");
        assert!(render(0, Some(0), Duration::ZERO).contains("0/0 100%"));
        assert_eq!(render(4, None, Duration::from_secs(2)), "4 items 2.0s 2/s");
    }

    #[test]
    fn hidden_counts_without_drawing() {
        let bar = ProgressBar::hidden();
        bar.inc(3);
        bar.set_position(7);
        bar.finish();
        assert_eq!(bar.position(), 7);
        assert!(!bar.state.drawn.load(Ordering::Relaxed));
    }
}
