//! The tour's progress line on stderr.
//!
//! On a terminal it is one line, rewritten in place: the step (k of n), the workload and P,
//! what is being measured within it and the round, and the time so far. Elsewhere (a pipe,
//! a CI log) it prints one plain line per step and nothing in between. stdout is never
//! touched, so the table can be redirected while the line runs.

use std::io::{IsTerminal, Write};
use std::sync::Mutex;
use std::time::Instant;

struct State {
    tty: bool,
    started: Instant,
    step: usize,
    total: usize,
    what: String,
    detail: String,
    round: Option<(usize, usize)>,
    /// Whether the terminal line holds text that must be cleared before other output.
    dirty: bool,
}

static STATE: Mutex<Option<State>> = Mutex::new(None);

fn with(f: impl FnOnce(&mut State)) {
    let mut guard = STATE.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(s) = guard.as_mut() {
        f(s);
    }
}

/// Starts the clock for a run of `total` steps.
pub(crate) fn start(total: usize) {
    *STATE.lock().unwrap_or_else(|e| e.into_inner()) = Some(State {
        tty: std::io::stderr().is_terminal(),
        started: Instant::now(),
        step: 0,
        total,
        what: String::new(),
        detail: String::new(),
        round: None,
        dirty: false,
    });
}

/// Moves on to the next step.
pub(crate) fn step(what: &str) {
    with(|s| {
        s.step += 1;
        s.what = what.to_string();
        s.detail.clear();
        s.round = None;
        if s.tty {
            draw(s);
        } else {
            eprintln!(
                "[{}/{}] {what} ({:.0} s)",
                s.step,
                s.total,
                s.started.elapsed().as_secs_f64()
            );
        }
    });
}

/// Names what the current step measures now (an item cost, a length); terminal only.
pub(crate) fn detail(detail: &str) {
    with(|s| {
        s.detail = detail.to_string();
        s.round = None;
        if s.tty {
            draw(s);
        }
    });
}

/// Round `k` of `n` of the current measurement (0 is the warm-up); terminal only.
pub(crate) fn round(k: usize, n: usize) {
    with(|s| {
        s.round = Some((k, n));
        if s.tty {
            draw(s);
        }
    });
}

/// Prints a line of its own (verbose figures) without mangling the progress line.
pub(crate) fn note(line: &str) {
    with(clear_line);
    eprintln!("{line}");
    with(|s| {
        if s.tty {
            draw(s);
        }
    });
}

/// Clears the progress line, before the table or the closing message.
pub(crate) fn clear() {
    with(clear_line);
}

/// Seconds since `start`.
pub(crate) fn elapsed() -> f64 {
    let mut t = 0.0;
    with(|s| t = s.started.elapsed().as_secs_f64());
    t
}

fn clear_line(s: &mut State) {
    if s.dirty {
        let mut err = std::io::stderr().lock();
        let _ = write!(err, "\r\x1b[K");
        let _ = err.flush();
        s.dirty = false;
    }
}

fn draw(s: &mut State) {
    let mut line = format!("[{}/{}] {}", s.step, s.total, s.what);
    if !s.detail.is_empty() {
        line.push_str(" · ");
        line.push_str(&s.detail);
    }
    match s.round {
        Some((0, _)) => line.push_str(" · warm-up"),
        Some((k, n)) => line.push_str(&format!(" · round {k}/{n}")),
        None => {}
    }
    line.push_str(&format!(" · {:.0} s", s.started.elapsed().as_secs_f64()));
    // A line wider than the terminal would wrap, and `\r` would then rewrite only its tail.
    let width = std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.parse::<usize>().ok())
        .unwrap_or(80)
        .max(20);
    if line.chars().count() >= width {
        line = line.chars().take(width - 2).collect::<String>() + "…";
    }
    let mut err = std::io::stderr().lock();
    let _ = write!(err, "\r{line}\x1b[K");
    let _ = err.flush();
    s.dirty = true;
}
