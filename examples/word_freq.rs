//! Word frequencies over text files, counted in parallel.
//!
//! Run it with `cargo run --release --example word_freq -- FILE...` to count the words of
//! the given files, or with no files to count a generated text of pseudo-random words
//! (`--mb N` megabytes, 16 by default; the same text on every run).
//!
//! Each file is split with `par_lines()`, each line into words, and every worker folds its
//! share into its own `HashMap` (`fold`), which `reduce` then merges pairwise: no locks and
//! no shared map. The generated text is also counted with `par_split_whitespace()` over the
//! whole text, and on one thread, to show that all three give the same table. Words are
//! compared after trimming punctuation and lowercasing. It prints the ten most frequent
//! words and the times taken.

use beat::prelude::*;
use std::borrow::Cow;
use std::collections::HashMap;
use std::time::Instant;

type Counts<'a> = HashMap<Cow<'a, str>, usize>;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut files = Vec::new();
    let mut mb = 16.0;
    let mut i = 0;
    while i < args.len() {
        if args[i] == "--mb" {
            let value = args.get(i + 1).expect("--mb needs a number of megabytes");
            mb = value
                .parse::<f64>()
                .expect("--mb needs a number of megabytes");
            i += 2;
        } else if args[i].starts_with("--") {
            eprintln!("usage: word_freq [--mb N] [FILE...]");
            std::process::exit(2);
        } else {
            files.push(args[i].clone());
            i += 1;
        }
    }

    if files.is_empty() {
        let start = Instant::now();
        let text = generate_text((mb * (1 << 20) as f64) as usize);
        println!(
            "generated {:.1} MB of text in {:.1?}",
            text.len() as f64 / (1 << 20) as f64,
            start.elapsed()
        );

        let start = Instant::now();
        let by_lines = count_lines(&text);
        let lines_time = start.elapsed();
        report(&by_lines);
        println!("counted by lines (par_lines) in {lines_time:.1?}");

        let start = Instant::now();
        let by_words = count_words(&text);
        println!(
            "counted by words (par_split_whitespace) in {:.1?}",
            start.elapsed()
        );
        assert_eq!(by_lines, by_words, "the two ways of counting disagree");

        // The same count on one thread, for comparison.
        let start = Instant::now();
        let mut sequential = Counts::new();
        text.split_whitespace()
            .for_each(|word| add(&mut sequential, word));
        println!("counted sequentially in {:.1?}", start.elapsed());
        assert_eq!(by_lines, sequential);
    } else {
        let start = Instant::now();
        let texts: Vec<String> = files
            .par_iter()
            .map(|path| match std::fs::read(path) {
                Ok(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
                Err(e) => panic!("cannot read {path}: {e}"),
            })
            .collect();
        // Files in parallel, and the lines of each file in parallel too.
        let counts = texts
            .par_iter()
            .map(|text| count_lines(text))
            .reduce(Counts::new, merge);
        report(&counts);
        println!(
            "read and counted {} file(s) in {:.1?}",
            files.len(),
            start.elapsed()
        );
    }
}

/// Counts the words of `text` line by line.
fn count_lines(text: &str) -> Counts<'_> {
    text.par_lines()
        .fold(Counts::new, |mut counts, line| {
            for word in line.split_whitespace() {
                add(&mut counts, word);
            }
            counts
        })
        .reduce(Counts::new, merge)
}

/// Counts the words of `text`, splitting the whole text at white space in parallel.
fn count_words(text: &str) -> Counts<'_> {
    text.par_split_whitespace()
        .fold(Counts::new, |mut counts, word| {
            add(&mut counts, word);
            counts
        })
        .reduce(Counts::new, merge)
}

/// Counts one word, trimmed of punctuation and lowercased (allocating only when needed).
fn add<'a>(counts: &mut Counts<'a>, word: &'a str) {
    let word = word.trim_matches(|c: char| !c.is_alphanumeric());
    if word.is_empty() {
        return;
    }
    let key = if word.chars().any(char::is_uppercase) {
        Cow::Owned(word.to_lowercase())
    } else {
        Cow::Borrowed(word)
    };
    *counts.entry(key).or_insert(0) += 1;
}

/// Merges two tables, moving the smaller into the larger.
fn merge<'a>(a: Counts<'a>, b: Counts<'a>) -> Counts<'a> {
    let (mut big, small) = if a.len() >= b.len() { (a, b) } else { (b, a) };
    for (word, n) in small {
        *big.entry(word).or_insert(0) += n;
    }
    big
}

/// Prints the totals and the ten most frequent words (ties in alphabetical order).
fn report(counts: &Counts<'_>) {
    let total: usize = counts.values().sum();
    println!("{total} words, {} distinct", counts.len());
    let mut top: Vec<(&str, usize)> = counts.iter().map(|(w, &n)| (w.as_ref(), n)).collect();
    top.par_sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    for (rank, (word, n)) in top.iter().take(10).enumerate() {
        println!("{:>2}. {word:<16} {n}", rank + 1);
    }
}

/// About `bytes` bytes of text: lines of 4 to 15 words drawn from a vocabulary of 100,000
/// made-up words with a Zipf-like distribution (word k has probability about 1 / k), so a
/// few words are common and most are rare, as in real text.
fn generate_text(bytes: usize) -> String {
    const SYLLABLES: [&str; 16] = [
        "ka", "lo", "mi", "ne", "ru", "sa", "to", "vi", "be", "da", "fu", "go", "ho", "ji", "pe",
        "wa",
    ];
    let vocabulary: Vec<String> = (0..100_000usize)
        .map(|k| {
            let mut word = String::new();
            let mut k = k + 1;
            while k > 0 {
                word.push_str(SYLLABLES[k % 16]);
                k /= 16;
            }
            word
        })
        .collect();
    let ln_v = (vocabulary.len() as f64).ln();

    let mut rng = XorShift(0x9E37_79B9_7F4A_7C15);
    let mut text = String::with_capacity(bytes + 200);
    while text.len() < bytes {
        let words = 4 + rng.next() % 12;
        for w in 0..words {
            // exp(u * ln V) for uniform u is log-uniform: P(k) is about 1 / (k ln V).
            let u = (rng.next() >> 11) as f64 / (1u64 << 53) as f64;
            let k = ((u * ln_v).exp() as usize - 1).min(vocabulary.len() - 1);
            if w > 0 {
                text.push(' ');
            }
            text.push_str(&vocabulary[k]);
        }
        text.push('\n');
    }
    text
}

/// A small deterministic pseudo-random generator (xorshift64).
struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}
