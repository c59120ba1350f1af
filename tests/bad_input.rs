//! Bad and extreme input: zero sizes and counts, zero-sized items, empty and one-item inputs,
//! ranges near the integer limits, and unusable thread-count settings. Each test pins the
//! documented behaviour (rayon's, where rayon documents it).

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::process::Command;
use std::sync::OnceLock;

use beat::iter::repeat_n;
use beat::prelude::*;
use beat::{ThreadPool, ThreadPoolBuilder};

fn pools() -> &'static [ThreadPool; 3] {
    static POOLS: OnceLock<[ThreadPool; 3]> = OnceLock::new();
    POOLS
        .get_or_init(|| [1, 2, 8].map(|n| ThreadPoolBuilder::new().num_threads(n).build().unwrap()))
}

/// Runs `f` in each pool.
fn in_pools(f: impl Fn() + Sync) {
    for pool in pools() {
        pool.install(&f);
    }
}

/// The panic message of `f`, which must panic.
fn panic_message(f: impl FnOnce()) -> String {
    let payload = catch_unwind(AssertUnwindSafe(f)).expect_err("expected a panic");
    if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_owned()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        panic!("panic payload is not a string")
    }
}

#[test]
fn zero_threads_means_the_default() {
    let pool = ThreadPoolBuilder::new().num_threads(0).build().unwrap();
    let default = ThreadPoolBuilder::new().build().unwrap();
    assert_eq!(pool.current_num_threads(), default.current_num_threads());
    assert!(pool.current_num_threads() >= 1);
}

#[test]
fn too_many_threads_is_a_build_error() {
    let max = beat::max_num_threads();
    let err = ThreadPoolBuilder::new()
        .num_threads(100_000)
        .build()
        .unwrap_err();
    assert!(100_000 > max);
    assert_eq!(
        err.to_string(),
        format!("100000 threads asked for; a pool holds at most {max}")
    );
    assert!(ThreadPoolBuilder::new()
        .num_threads(usize::MAX)
        .build()
        .is_err());
}

#[test]
fn zero_min_and_max_len_act_as_one() {
    in_pools(|| {
        for len in [0usize, 1, 2, 17, 1000] {
            let want: usize = (0..len).sum();
            let a: usize = (0..len).into_par_iter().with_min_len(0).sum();
            let b: usize = (0..len).into_par_iter().with_max_len(0).sum();
            let c: Vec<usize> = (0..len)
                .into_par_iter()
                .with_min_len(0)
                .with_max_len(0)
                .collect();
            assert_eq!((a, b), (want, want));
            assert_eq!(c, (0..len).collect::<Vec<_>>());
        }
    });
}

#[test]
fn zero_sizes_panic_with_clear_messages() {
    let v: Vec<i32> = (0..10).collect();
    assert_eq!(
        panic_message(|| drop(v.par_iter().chunks(0))),
        "chunk_size must not be zero"
    );
    assert_eq!(
        panic_message(|| drop((0..10).into_par_iter().step_by(0))),
        "step_by: step must not be zero"
    );
    assert_eq!(
        panic_message(|| drop(v.par_chunks(0))),
        "chunk_size must not be zero"
    );
    assert_eq!(
        // Only when driven (or asked its length), as documented.
        panic_message(|| {
            v.par_windows(0).count();
        }),
        "window size must not be zero"
    );
    assert_eq!(
        panic_message(|| drop((0..10).into_par_iter().fold_chunks(0, || 0, |a, b| a + b))),
        "chunk_size must not be zero"
    );
    assert_eq!(
        panic_message(|| drop((0..10).into_par_iter().by_uniform_blocks(0))),
        "block_size must not be zero"
    );
}

#[test]
fn zero_sized_items() {
    const N: usize = 1_000_000;
    in_pools(|| {
        let v = vec![(); N];
        assert_eq!(v.par_iter().count(), N);
        let back: Vec<()> = v.par_iter().copied().collect();
        assert_eq!(back.len(), N);
        let owned: Vec<()> = v.clone().into_par_iter().collect();
        assert_eq!(owned.len(), N);
        assert_eq!(v.par_iter().filter(|_| true).count(), N);
        let chunks: Vec<Vec<()>> = v.clone().into_par_iter().chunks(1000).collect();
        assert_eq!(chunks.len(), N / 1000);

        let long = repeat_n((), usize::MAX);
        assert_eq!(long.len(), usize::MAX);
        let some: Vec<()> = repeat_n((), usize::MAX).take(N).collect();
        assert_eq!(some.len(), N);
        assert_eq!(repeat_n((), usize::MAX).take(5).skip(2).count(), 3);
        assert_eq!(
            repeat_n((), usize::MAX)
                .enumerate()
                .find_first(|&(i, ())| i == 12345),
            Some((12345, ()))
        );
    });
}

/// Empty and one-item inputs through many adapters and consumers, against `std`.
#[test]
fn empty_and_single_inputs() {
    in_pools(|| {
        for len in [0i64, 1] {
            let v: Vec<i64> = (7..7 + len).collect();
            let s = &v[..];
            assert_eq!(
                s.par_iter().map(|x| x * 2).collect::<Vec<_>>(),
                s.iter().map(|x| x * 2).collect::<Vec<_>>()
            );
            assert_eq!(
                s.par_iter().filter(|&&x| x > 0).count(),
                s.iter().filter(|&&x| x > 0).count()
            );
            assert_eq!(s.par_iter().sum::<i64>(), s.iter().sum::<i64>());
            assert_eq!(s.par_iter().product::<i64>(), s.iter().product::<i64>());
            assert_eq!(s.par_iter().min(), s.iter().min());
            assert_eq!(
                s.par_iter().max_by_key(|x| **x),
                s.iter().max_by_key(|x| **x)
            );
            assert_eq!(
                s.par_iter().copied().reduce(|| 0, |a, b| a + b),
                s.iter().sum::<i64>()
            );
            assert_eq!(
                s.par_iter().copied().reduce_with(|a, b| a + b),
                s.iter().copied().reduce(|a, b| a + b)
            );
            let folded: Vec<i64> = s.par_iter().fold(|| 0, |a, b| a + b).collect();
            assert_eq!(folded.iter().sum::<i64>(), s.iter().sum::<i64>());
            assert_eq!(s.par_iter().find_first(|_| true), s.first());
            assert_eq!(s.par_iter().find_last(|_| true), s.last());
            assert_eq!(s.par_iter().find_any(|_| true), s.first());
            assert_eq!(
                s.par_iter().position_first(|_| true),
                s.iter().position(|_| true)
            );
            assert_eq!(s.par_iter().any(|_| true), !s.is_empty());
            assert!(s.par_iter().all(|_| false) == s.is_empty());
            assert_eq!(
                s.par_iter().rev().collect::<Vec<_>>(),
                s.iter().rev().collect::<Vec<_>>()
            );
            assert_eq!(
                s.par_iter().enumerate().collect::<Vec<_>>(),
                s.iter().enumerate().collect::<Vec<_>>()
            );
            assert_eq!(
                s.par_iter().zip(s).collect::<Vec<_>>(),
                s.iter().zip(s).collect::<Vec<_>>()
            );
            assert_eq!(
                s.par_iter().skip(1).collect::<Vec<_>>(),
                s.iter().skip(1).collect::<Vec<_>>()
            );
            assert_eq!(
                s.par_iter().take(1).collect::<Vec<_>>(),
                s.iter().take(1).collect::<Vec<_>>()
            );
            assert_eq!(
                s.par_iter().step_by(3).collect::<Vec<_>>(),
                s.iter().step_by(3).collect::<Vec<_>>()
            );
            assert_eq!(
                s.par_iter().chunks(2).collect::<Vec<_>>(),
                s.chunks(2)
                    .map(|c| c.iter().collect::<Vec<_>>())
                    .collect::<Vec<_>>()
            );
            assert_eq!(
                s.par_iter().flat_map(|&x| vec![x; 2]).collect::<Vec<_>>(),
                s.iter().flat_map(|&x| vec![x; 2]).collect::<Vec<_>>()
            );
            assert_eq!(
                s.par_iter().chain(s).collect::<Vec<_>>(),
                s.iter().chain(s).collect::<Vec<_>>()
            );
            let (a, b): (Vec<i64>, Vec<i64>) = s.par_iter().partition(|&&x| x % 2 == 0);
            assert_eq!(a.len() + b.len(), s.len());
            let (l, r): (Vec<i64>, Vec<i64>) = s.par_iter().map(|&x| (x, -x)).unzip();
            assert_eq!((l.len(), r.len()), (s.len(), s.len()));
            assert_eq!(s.par_windows(1).count(), s.windows(1).count());
            assert_eq!(s.par_chunks(3).count(), s.chunks(3).count());
            let mut sorted = v.clone();
            sorted.par_sort();
            assert_eq!(sorted, v);
            assert_eq!(v.clone().into_par_iter().collect::<Vec<_>>(), v);
        }
    });
}

#[test]
fn ranges_up_to_usize_max() {
    in_pools(|| {
        let r = (0..usize::MAX).into_par_iter();
        assert_eq!(r.len(), usize::MAX);
        assert_eq!(
            (0..usize::MAX).into_par_iter().find_first(|&x| x == 1000),
            Some(1000)
        );
        // Items are folded front to back, so the last match is found cheaply from the
        // reversed range; `find_last` on the whole range would visit every item.
        assert_eq!(
            (0..usize::MAX)
                .into_par_iter()
                .rev()
                .find_first(|&x| x % 1000 == 0),
            Some((usize::MAX - 1) / 1000 * 1000)
        );
        assert_eq!(
            (usize::MAX - 5000..usize::MAX)
                .into_par_iter()
                .find_last(|&x| x % 1000 == 0),
            Some((usize::MAX - 1) / 1000 * 1000)
        );
        assert_eq!(
            (0..usize::MAX).into_par_iter().position_first(|x| x == 77),
            Some(77)
        );
        // `skip` still produces the skipped items (as rayon does), so skip a few only.
        let mid: Vec<usize> = (0..usize::MAX).into_par_iter().skip(5).take(3).collect();
        assert_eq!(mid, [5, 6, 7]);
        let tail: Vec<usize> = (usize::MAX - 3..usize::MAX).into_par_iter().collect();
        assert_eq!(tail, [usize::MAX - 3, usize::MAX - 2, usize::MAX - 1]);
        let head: Vec<usize> = (0..usize::MAX).into_par_iter().take(4).collect();
        assert_eq!(head, [0, 1, 2, 3]);
        let rev: Vec<usize> = (0..usize::MAX).into_par_iter().rev().take(2).collect();
        assert_eq!(rev, [usize::MAX - 1, usize::MAX - 2]);
        assert_eq!((0..=usize::MAX).into_par_iter().opt_len(), None);
        assert_eq!((usize::MAX..usize::MAX).into_par_iter().count(), 0);
        #[allow(clippy::reversed_empty_ranges)]
        let backwards = 5..3usize;
        assert_eq!(backwards.into_par_iter().len(), 0);
        assert!((0..usize::MAX).into_par_iter().any(|x| x == 123_456));
    });
}

#[test]
fn huge_u128_ranges() {
    const HUGE: u128 = 1_000_000_000_000_000_000_000_000_000; // 10^27
    in_pools(|| {
        // Too long for `usize`: no length, as in rayon (`u128` ranges are not indexed).
        assert_eq!((0..HUGE).into_par_iter().opt_len(), None);
        assert_eq!((0..1000u128).into_par_iter().opt_len(), Some(1000));
        assert_eq!((0..HUGE).into_par_iter().find_first(|&x| x == 5), Some(5));
        assert_eq!(
            (HUGE - 100..HUGE)
                .into_par_iter()
                .find_last(|&x| x % 7 == 0),
            Some((HUGE - 1) / 7 * 7)
        );
        assert_eq!(
            (HUGE - 10..HUGE).into_par_iter().collect::<Vec<_>>(),
            (HUGE - 10..HUGE).collect::<Vec<_>>()
        );
        assert!((0..HUGE).into_par_iter().any(|x| x == 99));
        assert_eq!(
            (i128::MIN..i128::MAX)
                .into_par_iter()
                .find_first(|&x| x > i128::MIN + 2),
            Some(i128::MIN + 3)
        );
        assert_eq!((u128::MAX..u128::MAX).into_par_iter().count(), 0);
    });
}

const CHILD: &str = "BEAT_BAD_INPUT_CHILD";

/// In a child: prints the global pool's size twice (the warning must come once).
#[test]
fn child_prints_global_pool_size() {
    if std::env::var_os(CHILD).is_none() {
        return;
    }
    println!("threads={}", beat::current_num_threads());
    let pool = ThreadPoolBuilder::new().build().unwrap();
    println!("threads={}", pool.current_num_threads());
}

fn run_child(value: Option<&str>) -> (Vec<usize>, String) {
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
    if let Some(v) = value {
        cmd.env("BEAT_NUM_THREADS", v);
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
fn unusable_thread_count_variable_falls_back_with_one_warning() {
    let (default, stderr) = run_child(None);
    let d = default[0];
    assert_eq!(default, [d, d]);
    assert!(!stderr.contains("beat:"), "{stderr}");
    let (zero, stderr) = run_child(Some("0"));
    assert_eq!(zero, [d, d], "0 means the default");
    assert!(!stderr.contains("beat:"), "0 is not reported: {stderr}");
    for (bad, why) in [
        ("abc", "not a non-negative integer"),
        ("-3", "not a non-negative integer"),
        ("", "not a non-negative integer"),
        ("100000", "more than the maximum"),
    ] {
        let (sizes, stderr) = run_child(Some(bad));
        assert_eq!(sizes, [d, d], "{bad:?} falls back to the default");
        let line = format!("beat: ignoring BEAT_NUM_THREADS={bad:?} ({why}");
        assert_eq!(stderr.matches(&line).count(), 1, "{bad:?}: {stderr}");
        assert!(
            stderr.contains(&format!("using the default of {d} threads")),
            "{stderr}"
        );
    }
}
