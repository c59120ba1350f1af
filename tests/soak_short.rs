//! Runs the soak example (`examples/soak.rs`) for a few seconds: random nested parallel work
//! checked against a sequential model, with injected panics, leak and lost-task checks and a
//! watchdog. `cargo test` builds examples beside the test binaries.

use std::path::PathBuf;
use std::process::Command;

/// The soak example built for this profile: tests live in `target/<profile>/deps/`,
/// examples in `target/<profile>/examples/`.
fn soak_binary() -> PathBuf {
    let exe = std::env::current_exe().unwrap();
    let profile_dir = exe.parent().and_then(|deps| deps.parent()).unwrap();
    let name = format!("soak{}", std::env::consts::EXE_SUFFIX);
    profile_dir.join("examples").join(name)
}

#[test]
fn soak_for_a_few_seconds() {
    let bin = soak_binary();
    assert!(
        bin.exists(),
        "{} is missing: build it with `cargo test` or `cargo build --example soak`",
        bin.display()
    );
    let out = Command::new(&bin)
        .args(["--seconds", "3", "--seed", "12345", "--stall", "60"])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "soak failed ({}):\n{stdout}\n{stderr}",
        out.status
    );
    assert!(stdout.contains("soak: ok"), "{stdout}\n{stderr}");
    println!("{stdout}");
}

/// Each planted fault makes the soak fail with a message that names it.
#[test]
fn soak_catches_planted_faults() {
    let bin = soak_binary();
    for (fault, needle) in [
        ("mismatch", ", model "),
        ("leak", "tracked objects alive after the round (leak)"),
        ("escape", "a panic escaped the round"),
        ("lost", "DEADLOCK? no round completed"),
        ("hang", "DEADLOCK? no round completed"),
    ] {
        let out = Command::new(&bin)
            .args(["--seconds", "60", "--stall", "2", "--fault", fault])
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{fault}: the soak passed:\n{stderr}");
        assert!(
            stderr.contains(needle),
            "{fault}: stderr lacks {needle:?}:\n{stderr}"
        );
    }
}
