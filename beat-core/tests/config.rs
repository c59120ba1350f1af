//! Configuration from the environment: `BEAT_NUM_THREADS`, then `RAYON_NUM_THREADS`, with
//! unusable values reported once and replaced by the default. Each case runs this test
//! binary again as a child process with the variables set.

use std::process::Command;

const CHILD: &str = "BEAT_CONFIG_TEST_CHILD";

/// In a child: prints the global pool's size (twice, to show the warning comes once).
#[test]
fn child_prints_global_pool_size() {
    if std::env::var_os(CHILD).is_none() {
        return;
    }
    println!("threads={}", beat_core::current_num_threads());
    let pool = beat_core::ThreadPoolBuilder::new().build().unwrap();
    println!("threads={}", pool.current_num_threads());
}

/// Runs the child with `vars` set (and both variables cleared first); returns the pool sizes
/// it printed and its stderr.
fn run_child(vars: &[(&str, &str)]) -> (Vec<usize>, String) {
    let mut cmd = Command::new(std::env::current_exe().unwrap());
    cmd.args([
        "--exact",
        "child_prints_global_pool_size",
        "--nocapture",
        "--test-threads=1",
    ])
    .env(CHILD, "1")
    .env_remove("BEAT_NUM_THREADS")
    .env_remove("RAYON_NUM_THREADS");
    for (k, v) in vars {
        cmd.env(k, v);
    }
    let out = cmd.output().unwrap();
    assert!(out.status.success(), "child failed: {out:?}");
    let sizes = String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|l| l.split("threads=").nth(1))
        .map(|n| n.split_whitespace().next().unwrap().parse().unwrap())
        .collect();
    (sizes, String::from_utf8_lossy(&out.stderr).into_owned())
}

#[test]
// Miri cannot start child processes, and this test is about a child's environment.
#[cfg_attr(miri, ignore)]
fn environment_sizes_the_pools() {
    let (default, _) = run_child(&[]);
    assert_eq!(default.len(), 2);
    let d = default[0];
    assert!(d >= 1);

    assert_eq!(run_child(&[("BEAT_NUM_THREADS", "3")]).0, [3, 3]);
    assert_eq!(run_child(&[("RAYON_NUM_THREADS", "5")]).0, [5, 5]);
    assert_eq!(
        run_child(&[("BEAT_NUM_THREADS", "2"), ("RAYON_NUM_THREADS", "5")]).0,
        [2, 2],
        "BEAT_NUM_THREADS wins"
    );
    assert_eq!(run_child(&[("BEAT_NUM_THREADS", "0")]).0, [d, d]);

    for bad in ["abc", "-3", "100000"] {
        let (sizes, stderr) = run_child(&[("BEAT_NUM_THREADS", bad)]);
        assert_eq!(sizes, [d, d], "{bad} falls back to the default");
        assert_eq!(
            stderr.matches("beat: ignoring BEAT_NUM_THREADS").count(),
            1,
            "{bad} is reported exactly once: {stderr}"
        );
    }
}
