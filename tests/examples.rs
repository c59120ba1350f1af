//! Runs every example with small inputs and checks that it succeeds and says the right thing.
//!
//! `cargo test` builds the examples (into `target/<profile>/examples/`) before it runs the
//! integration tests, so the binaries are found next to this test's own directory
//! (`target/<profile>/deps/`). With a target filter such as `--test examples`, cargo does
//! not build them: run `cargo build --examples` first (the tests say so when one is missing).

use std::path::PathBuf;
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};

/// The path of the built example `name`.
fn example(name: &str) -> PathBuf {
    let exe = std::env::current_exe().expect("the test binary's own path");
    let profile_dir = exe
        .parent()
        .and_then(|deps| deps.parent())
        .expect("the test binary lives in target/<profile>/deps/");
    let path = profile_dir
        .join("examples")
        .join(format!("{name}{}", std::env::consts::EXE_SUFFIX));
    assert!(
        path.is_file(),
        "example binary `{name}` not found at {}: `cargo test` builds the examples, but not \
         when only some test targets are named; run `cargo build --examples` (with the same \
         profile) first",
        path.display()
    );
    path
}

/// Runs example `name` with `args`, asserts it exits successfully, and returns its stdout.
fn run(name: &str, args: &[&str]) -> String {
    let output: Output = Command::new(example(name))
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("cannot start example `{name}`: {e}"));
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success(),
        "example `{name} {}` failed with {}\n--- stdout\n{stdout}\n--- stderr\n{stderr}",
        args.join(" "),
        output.status
    );
    stdout
}

/// A fresh directory under the system temp dir, removed when dropped.
struct TempDir(PathBuf);

impl TempDir {
    fn new(tag: &str) -> TempDir {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos());
        let dir = std::env::temp_dir().join(format!(
            "beat-examples-{tag}-{}-{}-{nanos}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        ));
        std::fs::create_dir_all(&dir).expect("creating a temp dir");
        TempDir(dir)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

#[test]
fn quick_start() {
    let out = run("quick_start", &["--len", "20000"]);
    assert!(
        out.contains("join: 10000 even and 10000 odd numbers"),
        "{out}"
    );
    assert!(out.contains("2262 primes below 20000"), "{out}");
    assert!(out.contains("on a pool of 2 threads"), "{out}");
    assert!(out.trim_end().ends_with("ok"), "{out}");
}

#[test]
fn word_freq_generated() {
    let out = run("word_freq", &["--mb", "0.1"]);
    assert!(out.contains("generated 0.1 MB of text"), "{out}");
    assert!(out.contains(" distinct"), "{out}");
    // The ten most frequent words, ranked.
    for rank in 1..=10 {
        assert!(
            out.contains(&format!("\n{rank:>2}. ")),
            "no rank {rank} in\n{out}"
        );
    }
    assert!(out.contains("counted by lines (par_lines)"), "{out}");
    assert!(
        out.contains("counted by words (par_split_whitespace)"),
        "{out}"
    );
}

#[test]
fn word_freq_files() {
    let dir = TempDir::new("word-freq");
    let a = dir.0.join("a.txt");
    let b = dir.0.join("b.txt");
    std::fs::write(&a, "The cat sat on the mat.\nthe dog, the cat!\n").unwrap();
    std::fs::write(&b, "Dog eats\n\n  cat food\n").unwrap();
    let out = run("word_freq", &[a.to_str().unwrap(), b.to_str().unwrap()]);
    assert!(out.contains("14 words, 8 distinct"), "{out}");
    let top: Vec<(&str, usize)> = out
        .lines()
        .filter(|l| l.as_bytes().get(2) == Some(&b'.'))
        .map(|l| {
            let mut parts = l[3..].split_whitespace();
            let word = parts.next().unwrap();
            (word, parts.next().unwrap().parse().unwrap())
        })
        .collect();
    assert_eq!(
        top,
        [
            ("the", 4),
            ("cat", 3),
            ("dog", 2),
            ("eats", 1),
            ("food", 1),
            ("mat", 1),
            ("on", 1),
            ("sat", 1)
        ],
        "{out}"
    );
    assert!(out.contains("read and counted 2 file(s)"), "{out}");
}

#[test]
fn mandelbrot() {
    let dir = TempDir::new("mandelbrot");
    let file = dir.0.join("m.png");
    let out = run(
        "mandelbrot",
        &[
            "--size",
            "70x30",
            "--iters",
            "64",
            "--out",
            file.to_str().unwrap(),
        ],
    );
    assert!(out.contains("rendered 70x30"), "{out}");
    let png = std::fs::read(&file).expect("the example wrote the PNG file");
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n", "PNG signature");
    assert_eq!(&png[8..16], b"\0\0\0\x0dIHDR", "IHDR first, 13 bytes long");
    assert_eq!(u32::from_be_bytes(png[16..20].try_into().unwrap()), 70);
    assert_eq!(u32::from_be_bytes(png[20..24].try_into().unwrap()), 30);
    assert_eq!(&png[24..29], [8, 2, 0, 0, 0], "8-bit RGB, no interlace");
    assert_eq!(&png[png.len() - 12..png.len() - 4], b"\0\0\0\0IEND");
    // Stored deflate: the image data (a filter byte and 3 bytes a pixel per row) plus the
    // zlib header, one 5-byte block header and the Adler-32.
    let idat = u32::from_be_bytes(png[33..37].try_into().unwrap()) as usize;
    assert_eq!(&png[37..41], b"IDAT");
    assert_eq!(idat, 30 * (1 + 3 * 70) + 2 + 5 + 4);
    // Not all black: some pixels escape.
    assert!(png[41..41 + idat].iter().any(|&b| b > 100));
}

#[test]
fn nbody() {
    let out = run("nbody", &["--bodies", "40", "--steps", "5"]);
    assert!(out.contains("40 bodies, 5 steps"), "{out}");
    assert!(out.contains("energy before:"), "{out}");
    assert!(out.contains("energy after:"), "{out}");
    assert!(out.contains("energy conserved"), "{out}");
}

#[test]
fn quicksort() {
    // Long enough that the recursion joins a few levels above the sequential cutoff.
    let out = run("quicksort", &["--len", "50000"]);
    assert!(out.contains("50000 numbers sorted"), "{out}");
    let out = run("quicksort", &["--len", "0"]);
    assert!(out.contains("0 numbers sorted"), "{out}");
}

#[test]
fn custom_pool() {
    let out = run("custom_pool", &["--threads", "3"]);
    assert!(
        out.contains("second build_global: error as expected:"),
        "{out}"
    );
    assert!(out.contains("current_thread_index() = None"), "{out}");
    assert!(out.contains("named Some(\"example-worker-"), "{out}");
    assert!(out.contains("parallel sum = 500000500000"), "{out}");
    assert!(out.contains("fib(25) + fib(24) = 121393"), "{out}");
    assert!(
        out.contains(r#"[("alpha", 5), ("beta", 4), ("delta", 5), ("gamma", 5)]"#),
        "{out}"
    );
    assert!(
        out.contains("panic handler caught: a deliberate panic"),
        "{out}"
    );
    assert!(
        out.contains("broadcast reached threads [0, 1, 2]; the start handler ran 3 times"),
        "{out}"
    );
}

#[test]
fn stats() {
    let out = run("stats", &["--len", "20000", "--threads", "2"]);
    assert!(out.contains("a pool of 2 threads"), "{out}");
    // Exact counts: the work is deterministic in these.
    let delta = |name: &str| -> u64 {
        let line = out
            .lines()
            .find(|l| l.split_whitespace().next() == Some(name))
            .unwrap_or_else(|| panic!("no line for {name} in\n{out}"));
        line.split_whitespace().nth(1).unwrap().parse().unwrap()
    };
    assert_eq!(delta("spawns"), 100);
    assert_eq!(delta("injected"), 1);
    assert!(delta("fast_path_calls") >= 1000);
    assert!(delta("batches") >= 1);
    assert!(delta("joins_inlined") + delta("joins_published") >= 46_367);
    assert!(out.contains("worker 1:"), "{out}");
    assert!(
        out.contains("inside install sees this pool (2 workers)"),
        "{out}"
    );
}

#[test]
fn tour_quick() {
    // The fastest workload (about a second in debug builds), on a pool of one thread.
    let out = run("tour", &["--quick", "--only", "w6", "--threads", "1"]);
    assert!(out.contains("| W6 "), "{out}");
}
