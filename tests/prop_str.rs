//! Property tests of `ParallelString` against `str`'s iterators, in pools of 1, 2 and 8
//! threads: every method, every kind of pattern (`char`, `&[char]`, `[char; N]`,
//! `&[char; N]`, closures), on random strings of ASCII letters, white space, `\r`, `\r\n`,
//! commas and multi-byte chars; edge cases; short-circuiting consumers; panics in pattern
//! and downstream closures.

mod common;

use std::panic::{catch_unwind, AssertUnwindSafe};

use beat::prelude::*;
use proptest::prelude::*;

use common::pools;
use proptest::sample::select;

/// Runs `f` inside each pool.
fn on_pools(f: impl Fn() + Sync) {
    for pool in pools() {
        pool.install(&f);
    }
}

/// Token counts that favour small values (0 and 1 included) and occasionally reach 50_000.
fn len() -> impl Strategy<Value = usize> {
    prop_oneof![
        4 => 0usize..4,
        4 => 0usize..100,
        2 => 0usize..3_000,
        1 => 0usize..50_000,
    ]
}

/// The pieces strings are made of; `\r\n` comes as a unit as well as from `\r` then `\n`.
const TOKENS: [&str; 13] = [
    "a", "b", "Z", " ", "\t", "\n", "\r", "\r\n", ",", "é", "漢", "🦀", "\u{2003}",
];

/// Random strings: dense (every token equally likely, so separators come in runs and at
/// the ends) or sparse (mostly `a`, so pieces are long and cuts search far).
fn text() -> impl Strategy<Value = String> {
    let dense = len().prop_flat_map(|n| proptest::collection::vec(select(&TOKENS[..]), n));
    let sparse = len().prop_flat_map(|n| {
        proptest::collection::vec(prop_oneof![40 => Just("a"), 1 => select(&TOKENS[..])], n)
    });
    prop_oneof![3 => dense, 1 => sparse].prop_map(|v| v.concat())
}

/// Every white-space `char` (`char::is_whitespace`), `char`s that share a first byte with
/// the multi-byte ones without being white space, and runs of letters of many lengths, so
/// that white space of every width falls on every byte offset of the 64-byte blocks the word
/// scan reads.
const SPACES: [&str; 32] = [
    " ",
    "\t",
    "\n",
    "\x0B",
    "\x0C",
    "\r",
    "\u{85}",
    "\u{A0}",
    "\u{1680}",
    "\u{2000}",
    "\u{2005}",
    "\u{200A}",
    "\u{2028}",
    "\u{2029}",
    "\u{202F}",
    "\u{205F}",
    "\u{3000}",
    "\u{A1}",
    "\u{BF}",
    "\u{1681}",
    "\u{200B}",
    "\u{2030}",
    "\u{2060}",
    "\u{3001}",
    "\u{E000}",
    "\u{180E}",
    "\u{FEFF}",
    "\x1F",
    "!",
    "a",
    "bcdefgh",
    "ijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ012345678",
];

/// Random strings of [`SPACES`].
fn spacey() -> impl Strategy<Value = String> {
    len()
        .prop_flat_map(|n| proptest::collection::vec(select(&SPACES[..]), n))
        .prop_map(|v| v.concat())
}

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: 32,
        ..ProptestConfig::default()
    }
}

/// Checks every pattern-taking method with one pattern against `str`'s. The pattern
/// expression is evaluated once per use, so closures are fine.
macro_rules! same_as_std {
    ($s:expr, $pat:expr) => {{
        let s: &str = $s;
        assert_eq!(
            s.par_split($pat).collect::<Vec<_>>(),
            s.split($pat).collect::<Vec<_>>(),
            "split by {}",
            stringify!($pat)
        );
        assert_eq!(
            s.par_split_inclusive($pat).collect::<Vec<_>>(),
            s.split_inclusive($pat).collect::<Vec<_>>(),
            "split_inclusive by {}",
            stringify!($pat)
        );
        assert_eq!(
            s.par_split_terminator($pat).collect::<Vec<_>>(),
            s.split_terminator($pat).collect::<Vec<_>>(),
            "split_terminator by {}",
            stringify!($pat)
        );
        assert_eq!(
            s.par_matches($pat).collect::<Vec<_>>(),
            s.matches($pat).collect::<Vec<_>>(),
            "matches of {}",
            stringify!($pat)
        );
        assert_eq!(
            s.par_match_indices($pat).collect::<Vec<_>>(),
            s.match_indices($pat).collect::<Vec<_>>(),
            "match_indices of {}",
            stringify!($pat)
        );
    }};
}

/// Every kind of pattern, several of each.
fn all_patterns(s: &str) {
    same_as_std!(s, ',');
    same_as_std!(s, '\n');
    same_as_std!(s, 'é');
    same_as_std!(s, '🦀');
    same_as_std!(s, &[',', ' ', '漢'][..]);
    same_as_std!(s, &[] as &[char]);
    same_as_std!(s, ['\t', 'é']);
    same_as_std!(s, ['\r', '\n', 'a', 'b', 'Z']);
    same_as_std!(s, &['\r', '🦀', 'Z']);
    same_as_std!(s, |c: char| c.is_whitespace());
    same_as_std!(s, |c: char| !c.is_ascii());
    same_as_std!(s, char::is_alphabetic);
    let sep = ',';
    same_as_std!(s, move |c: char| c == sep);
}

/// Strings chosen by hand: empty, separators only, separators at the ends, lone `\r`,
/// multi-byte chars next to separators, long runs with and without separators.
fn edge_cases() -> Vec<String> {
    let mut v: Vec<String> = [
        "",
        ",",
        ",,",
        "a,",
        ",a",
        ",a,",
        "a,,b",
        "\n",
        "\n\n",
        "\r",
        "\r\n",
        "\r\n\r\n",
        "a\r",
        "a\rb",
        "a\r\nb\r",
        "\r\r\n",
        "é",
        "é,",
        ",é",
        "🦀,🦀",
        "漢\n漢",
        " ",
        " \t ",
        "a b",
        " a ",
        "\u{2003}a\u{2003}",
    ]
    .map(String::from)
    .to_vec();
    v.push(",".repeat(10_000));
    v.push("a".repeat(10_000));
    v.push("🦀".repeat(4_000));
    v.push(format!("{},", "é".repeat(8_000)));
    v.push(format!("\n{}", "漢".repeat(5_000)));
    v.push("a\r\n".repeat(4_000));
    v.push("ab\r".repeat(4_000));
    v
}

fn lines_and_words(s: &str) {
    assert_eq!(
        s.par_lines().collect::<Vec<_>>(),
        s.lines().collect::<Vec<_>>()
    );
    assert_eq!(
        s.par_split_whitespace().collect::<Vec<_>>(),
        s.split_whitespace().collect::<Vec<_>>()
    );
    assert_eq!(
        s.par_split_ascii_whitespace().collect::<Vec<_>>(),
        s.split_ascii_whitespace().collect::<Vec<_>>()
    );
}

fn chars_and_units(s: &str) {
    assert_eq!(
        s.par_chars().collect::<Vec<_>>(),
        s.chars().collect::<Vec<_>>()
    );
    assert_eq!(
        s.par_char_indices().collect::<Vec<_>>(),
        s.char_indices().collect::<Vec<_>>()
    );
    assert_eq!(
        s.par_bytes().collect::<Vec<_>>(),
        s.bytes().collect::<Vec<_>>()
    );
    assert_eq!(
        s.par_encode_utf16().collect::<Vec<_>>(),
        s.encode_utf16().collect::<Vec<_>>()
    );
    assert_eq!(s.par_chars().collect::<String>(), s);
    assert_eq!(s.par_chars().count(), s.chars().count());
    assert_eq!(
        s.par_bytes().map(u64::from).sum::<u64>(),
        s.bytes().map(u64::from).sum::<u64>()
    );
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn pattern_methods_match_std(s in text()) {
        on_pools(|| all_patterns(&s));
    }

    #[test]
    fn lines_and_whitespace_match_std(s in text()) {
        on_pools(|| lines_and_words(&s));
    }

    #[test]
    fn every_kind_of_white_space_splits_words_as_std_does(s in spacey()) {
        on_pools(|| {
            lines_and_words(&s);
            assert_eq!(s.par_split_whitespace().count(), s.split_whitespace().count());
        });
    }

    #[test]
    fn chars_bytes_and_utf16_match_std(s in text()) {
        on_pools(|| chars_and_units(&s));
    }

    #[test]
    fn short_circuiting_consumers_match_std(s in text(), k in 0usize..8) {
        on_pools(|| {
            let long = |p: &&str| p.chars().count() > k;
            assert_eq!(s.par_split(',').find_first(long), s.split(',').find(long));
            assert_eq!(s.par_split(',').find_last(long), s.split(',').rev().find(long));
            assert_eq!(s.par_lines().any(|l| l.len() == k), s.lines().any(|l| l.len() == k));
            assert_eq!(
                s.par_split_inclusive('\n').all(|l| l.len() != k),
                s.split_inclusive('\n').all(|l| l.len() != k)
            );
            let found = s.par_char_indices().find_any(|&(_, c)| c == '🦀');
            match found {
                Some((i, c)) => assert_eq!(s[i..].chars().next(), Some(c)),
                None => assert!(!s.contains('🦀')),
            }
            assert_eq!(
                s.par_match_indices(['é', '漢']).find_first(|&(i, _)| i >= k * 10),
                s.match_indices(['é', '漢']).find(|&(i, _)| i >= k * 10)
            );
        });
    }
}

#[test]
fn edge_cases_match_std() {
    let cases = edge_cases();
    on_pools(|| {
        for s in &cases {
            all_patterns(s);
            lines_and_words(s);
            chars_and_units(s);
        }
    });
}

#[test]
fn works_on_string_through_deref_and_names_its_types() {
    let owned = String::from("a,b\nc");
    let split: beat::str::Split<'_, char> = owned.par_split(',');
    assert_eq!(split.clone().count(), 2);
    assert_eq!(format!("{split:?}"), r#"Split { chars: "a,b\nc", .. }"#);
    // Debug does not ask the closure to be Debug.
    let by_closure = owned.par_split_terminator(|c: char| c == '\n');
    assert!(format!("{by_closure:?}").starts_with("SplitTerminator"));
    let lines: beat::str::Lines<'_> = owned.par_lines();
    assert_eq!(lines.collect::<Vec<_>>(), ["a,b", "c"]);
    assert_eq!(owned.as_parallel_string(), "a,b\nc");
}

/// Runs `f` and expects it to panic with `msg`.
fn expect_panic<R>(f: impl FnOnce() -> R, msg: &str) {
    let err = match catch_unwind(AssertUnwindSafe(f)) {
        Ok(_) => panic!("expected a panic with {msg:?}"),
        Err(e) => e,
    };
    let got = err
        .downcast_ref::<&str>()
        .copied()
        .or_else(|| err.downcast_ref::<String>().map(String::as_str));
    assert_eq!(got, Some(msg));
}

#[test]
fn panics_in_patterns_and_closures_propagate() {
    // The crab sits near the end, so the panic happens in a piece that is not the first.
    let s = format!("{}🦀{}", "a,b\n".repeat(50_000), "c,".repeat(100));
    let boom = |c: char| {
        if c == '🦀' {
            panic!("pattern");
        }
        c == ','
    };
    on_pools(|| {
        expect_panic(|| s.par_split(boom).count(), "pattern");
        expect_panic(|| s.par_split_inclusive(boom).count(), "pattern");
        expect_panic(|| s.par_split_terminator(boom).count(), "pattern");
        expect_panic(|| s.par_matches(boom).count(), "pattern");
        expect_panic(|| s.par_match_indices(boom).count(), "pattern");
        expect_panic(
            || {
                s.par_lines()
                    .map(|l| assert!(!l.contains('🦀'), "downstream"))
                    .count()
            },
            "downstream",
        );
        expect_panic(
            || {
                s.par_chars().for_each(|c| assert!(c != '🦀', "for_each"));
            },
            "for_each",
        );
        expect_panic(
            || {
                s.par_split_whitespace()
                    .filter(|w| {
                        assert!(!w.contains('🦀'), "filter");
                        true
                    })
                    .count()
            },
            "filter",
        );
        // The pool is still usable afterwards.
        assert_eq!(s.par_split(',').count(), s.split(',').count());
    });
}
