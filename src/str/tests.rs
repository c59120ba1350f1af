//! The producers against `str`'s iterators under every way of cutting small strings: cuts
//! chosen by a bit pattern down to single `char`s, and leaves folded by folders that fill up
//! early.

use super::pattern::Pattern;
use super::*;

/// Collects up to `limit` items, then reports full.
struct Collect<T> {
    items: Vec<T>,
    limit: usize,
}

impl<T> Folder<T> for Collect<T> {
    type Result = Vec<T>;

    fn consume(mut self, item: T) -> Self {
        assert!(!self.full(), "an item was fed to a full folder");
        self.items.push(item);
        self
    }

    fn complete(self) -> Vec<T> {
        self.items
    }

    fn full(&self) -> bool {
        self.items.len() >= self.limit
    }
}

/// A producer that can be duplicated, so one leaf can be folded several times.
trait Dup: UnindexedProducer {
    fn dup(&self) -> Self;
}

impl<'s, S: Scan<'s>> Dup for TextProducer<'s, S> {
    fn dup(&self) -> Self {
        TextProducer { ..*self }
    }
}

impl<P: Pattern> Dup for PiecesProducer<'_, '_, P> {
    fn dup(&self) -> Self {
        PiecesProducer { ..*self }
    }
}

/// Cuts `p` as the bits of `shape` say (1: cut, 0: leaf; at most `depth` levels) and checks
/// each leaf against folders full after 1, 2, 3 items. Returns all items in order.
fn cut<P>(p: P, shape: &mut u64, depth: u32) -> Vec<P::Item>
where
    P: Dup,
    P::Item: PartialEq + std::fmt::Debug,
{
    let split = depth > 0 && (*shape & 1 == 1);
    *shape = shape.rotate_right(1);
    if split {
        let (l, r) = p.split();
        let mut v = cut(l, shape, depth - 1);
        if let Some(r) = r {
            v.extend(cut(r, shape, depth - 1));
        }
        return v;
    }
    let all = fold(p.dup(), usize::MAX);
    for limit in 1..all.len().min(4) {
        assert_eq!(fold(p.dup(), limit), all[..limit]);
    }
    all
}

fn fold<P: UnindexedProducer>(p: P, limit: usize) -> Vec<P::Item> {
    p.fold_with(Collect {
        items: Vec::new(),
        limit,
    })
    .complete()
}

/// Every string of up to `max_len` chars from `alphabet`.
fn strings(alphabet: &[char], max_len: usize) -> Vec<String> {
    let mut all = vec![String::new()];
    let mut last = vec![String::new()];
    for _ in 0..max_len {
        last = last
            .iter()
            .flat_map(|s| alphabet.iter().map(move |&c| format!("{s}{c}")))
            .collect();
        all.extend(last.iter().cloned());
    }
    all
}

/// Bit patterns: no cut, cut everything, and a few mixtures.
const SHAPES: [u64; 6] = [
    0,
    u64::MAX,
    0x5555_5555_5555_5555,
    0x3333_3333_3333_3333,
    0b1011,
    0b1101,
];

fn pieces<'s, P: Pattern>(text: &'s str, sep: &P, kind: Pieces, shape: u64) -> Vec<&'s str> {
    let p = PiecesProducer {
        text,
        separator: sep,
        clean: text.len(),
        kind,
    };
    cut(p, &mut { shape }, 8)
}

#[test]
fn pieces_match_std_under_every_cut() {
    let seps = [',', '\n', 'é', '🦀'];
    for s in strings(&['a', ',', 'é', '\n', '\r', '🦀'], 5) {
        for shape in SHAPES {
            for sep in seps {
                assert_eq!(
                    pieces(&s, &sep, Pieces::Split, shape),
                    s.split(sep).collect::<Vec<_>>(),
                    "{s:?} {sep:?} {shape:#x}"
                );
                assert_eq!(
                    pieces(&s, &sep, Pieces::Inclusive, shape),
                    s.split_inclusive(sep).collect::<Vec<_>>(),
                    "{s:?} {sep:?} {shape:#x}"
                );
                assert_eq!(
                    pieces(&s, &sep, Pieces::Terminator, shape),
                    s.split_terminator(sep).collect::<Vec<_>>(),
                    "{s:?} {sep:?} {shape:#x}"
                );
            }
            let set = [',', '🦀'];
            assert_eq!(
                pieces(&s, &set, Pieces::Split, shape),
                s.split(set).collect::<Vec<_>>()
            );
            let f = |c: char| !c.is_ascii();
            assert_eq!(
                pieces(&s, &f, Pieces::Terminator, shape),
                s.split_terminator(f).collect::<Vec<_>>()
            );
            assert_eq!(
                pieces(&s, &f, Pieces::Inclusive, shape),
                s.split_inclusive(f).collect::<Vec<_>>()
            );
        }
    }
}

fn text<'s, S: Scan<'s>>(text: &'s str, scan: S, shape: u64) -> Vec<S::Item>
where
    S::Item: PartialEq + std::fmt::Debug,
{
    let p = TextProducer {
        text,
        base: 0,
        scan,
    };
    cut(p, &mut { shape }, 8)
}

#[test]
fn text_scans_match_std_under_every_cut() {
    for s in strings(&['a', 'é', '\n', '漢', '🦀'], 5) {
        for shape in SHAPES {
            let s = s.as_str();
            assert_eq!(text(s, ScanChars, shape), s.chars().collect::<Vec<_>>());
            assert_eq!(
                text(s, ScanCharIndices, shape),
                s.char_indices().collect::<Vec<_>>()
            );
            assert_eq!(text(s, ScanBytes, shape), s.bytes().collect::<Vec<_>>());
            assert_eq!(
                text(s, ScanUtf16, shape),
                s.encode_utf16().collect::<Vec<_>>()
            );
            let set: &[char] = &['é', '🦀'];
            assert_eq!(
                text(s, ScanMatches(&set), shape),
                s.matches(set).collect::<Vec<_>>()
            );
            assert_eq!(
                text(s, ScanMatchIndices(&'a'), shape),
                s.match_indices('a').collect::<Vec<_>>()
            );
        }
    }
}

#[test]
fn middle_boundary_stays_inside_and_on_boundaries() {
    for s in strings(&['a', 'é', '漢', '🦀'], 4) {
        match middle_boundary(&s) {
            Some(i) => {
                assert!(i > 0 && i < s.len() && s.is_char_boundary(i), "{s:?} {i}");
                // Nearest the middle from above, else from below.
                let mid = s.len() / 2;
                assert!((mid..i).all(|j| !s.is_char_boundary(j)), "{s:?} {i}");
            }
            None => assert!(s.chars().count() <= 1, "{s:?}"),
        }
    }
}
