//! The unindexed producer behind `par_split*` and `par_chunk_by*`: a slice cut into pieces
//! at positions a [`CutRule`] finds, split for parallelism at a cut near the middle.
//!
//! A *cut* at position `p` ends a piece at element `p` and starts the next one at element
//! `p + GAP`: `split` drops the separator (`GAP` 1), `split_inclusive` and `chunk_by` keep
//! every element (`GAP` 0; their cuts lie in `1..len`, so no piece but the last can be empty).
//! Cutting a slice at any of its cuts and listing the pieces of both halves gives the pieces
//! of the whole, which is what lets the producer split anywhere a cut is.

use super::parts::SlicePart;
use crate::iter::plumbing::{Folder, UnindexedProducer};

/// Where a slice is cut into pieces.
pub(super) trait CutRule<T>: Sync {
    /// Elements dropped at each cut: 1 when the separator is not part of any piece.
    const GAP: usize;

    /// Whether a slice with no cuts and no elements is still a piece (`split` of an empty
    /// slice yields one empty piece; `split_inclusive` and `chunk_by` yield none).
    const EMPTY_PIECE: bool;

    /// The first cut `p` of `s` with `from <= p < to` (`to <= s.len()`).
    fn find(&self, s: &[T], from: usize, to: usize) -> Option<usize>;

    /// The last cut `p` of `s` with `p < to` (`to <= s.len()`).
    fn rfind(&self, s: &[T], to: usize) -> Option<usize>;
}

/// Cuts `s` at `p`: the piece before and the rest after.
#[inline]
fn cut<S: SlicePart, R: CutRule<S::Elem>>(s: S, p: usize) -> (S, S) {
    let (before, after) = s.split_at(p);
    if R::GAP == 0 {
        (before, after)
    } else {
        (before, after.split_at(R::GAP).1)
    }
}

/// A slice to be cut into pieces by `rule`.
pub(super) struct Pieces<'r, S, R> {
    slice: S,
    rule: &'r R,
    /// No cut lies at or past `clear_from`: the searches of earlier splits covered that
    /// part, so neither splitting nor folding looks there again.
    clear_from: usize,
}

impl<'r, S: SlicePart, R: CutRule<S::Elem>> Pieces<'r, S, R> {
    pub(super) fn new(slice: S, rule: &'r R) -> Self {
        Pieces {
            clear_from: slice.len(),
            slice,
            rule,
        }
    }
}

impl<S: SlicePart, R: CutRule<S::Elem>> UnindexedProducer for Pieces<'_, S, R> {
    type Item = S;

    fn split(self) -> (Self, Option<Self>) {
        let Pieces {
            slice,
            rule,
            clear_from,
        } = self;
        // Look for a cut from the middle of the unsearched part onwards, then before it.
        let mid = clear_from / 2;
        let view = slice.view();
        let (p, ahead) = match rule.find(view, mid, clear_from) {
            Some(p) => (p, true),
            None => match rule.rfind(view, mid) {
                Some(p) => (p, false),
                None => {
                    let whole = Pieces {
                        slice,
                        rule,
                        clear_from: 0,
                    };
                    return (whole, None);
                }
            },
        };
        let (before, after) = cut::<S, R>(slice, p);
        // Found ahead: `mid..p` held no cut, and the rest is searched up to where the old
        // clear part starts. Found behind: nothing after `p` holds a cut.
        let (before_clear, after_clear) = if ahead {
            (mid, clear_from - (p + R::GAP))
        } else {
            (p, 0)
        };
        let before = Pieces {
            slice: before,
            rule,
            clear_from: before_clear,
        };
        let after = Pieces {
            slice: after,
            rule,
            clear_from: after_clear,
        };
        (before, Some(after))
    }

    fn fold_with<F: Folder<S>>(self, folder: F) -> F {
        let Pieces {
            slice,
            rule,
            clear_from,
        } = self;
        if clear_from == slice.len() {
            return folder.consume_iter(PieceIter::new(slice, rule));
        }
        // The part from `clear_from` on has no cut: it belongs to the last piece, which
        // starts after the last cut before it. This slice is not empty (`clear_from < len`),
        // so neither is that piece.
        match rule.rfind(slice.view(), clear_from) {
            Some(p) => {
                let (head, last) = cut::<S, R>(slice, p);
                let folder = folder.consume_iter(PieceIter::new(head, rule));
                if folder.full() {
                    folder
                } else {
                    folder.consume(last)
                }
            }
            None => folder.consume(slice),
        }
    }
}

/// The pieces of a slice in order: the sequential loop of a leaf.
struct PieceIter<'r, S, R> {
    /// What is left to cut; `None` once the last piece is out.
    rest: Option<S>,
    rule: &'r R,
}

impl<'r, S, R> PieceIter<'r, S, R> {
    #[inline]
    fn new(slice: S, rule: &'r R) -> Self {
        PieceIter {
            rest: Some(slice),
            rule,
        }
    }
}

impl<S: SlicePart, R: CutRule<S::Elem>> Iterator for PieceIter<'_, S, R> {
    type Item = S;

    #[inline]
    fn next(&mut self) -> Option<S> {
        let rest = self.rest.take()?;
        let len = rest.len();
        match self.rule.find(rest.view(), 0, len) {
            Some(p) => {
                let (piece, after) = cut::<S, R>(rest, p);
                self.rest = Some(after);
                Some(piece)
            }
            None if len > 0 || R::EMPTY_PIECE => Some(rest),
            None => None,
        }
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        match &self.rest {
            None => (0, Some(0)),
            Some(rest) => {
                let len = rest.len();
                let min = usize::from(len > 0 || R::EMPTY_PIECE);
                (min, Some(len.saturating_add(1)))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::chunk_by::Runs;
    use super::super::split::{Dropping, Inclusive};
    use super::*;

    /// Collects pieces as (offset, length) in the slice that starts at `base`; full after
    /// `limit` pieces.
    struct Spans {
        base: usize,
        got: Vec<(usize, usize)>,
        limit: usize,
    }

    impl Folder<&[u8]> for Spans {
        type Result = Vec<(usize, usize)>;

        fn consume(mut self, piece: &[u8]) -> Self {
            self.got
                .push((piece.as_ptr() as usize - self.base, piece.len()));
            self
        }
        fn complete(self) -> Self::Result {
            self.got
        }
        fn full(&self) -> bool {
            self.got.len() >= self.limit
        }
    }

    fn spans(base: &[u8], pieces: impl Iterator<Item = *const [u8]>) -> Vec<(usize, usize)> {
        pieces
            .map(|p| (p as *const u8 as usize - base.as_ptr() as usize, p.len()))
            .collect()
    }

    /// The pieces of every leaf after splitting `depth` levels down, in order.
    fn leaves<R: CutRule<u8>>(
        p: Pieces<'_, &[u8], R>,
        depth: u32,
        base: usize,
    ) -> Vec<(usize, usize)> {
        let p = if depth > 0 {
            match p.split() {
                (l, Some(r)) => {
                    let mut got = leaves(l, depth - 1, base);
                    got.extend(leaves(r, depth - 1, base));
                    return got;
                }
                (l, None) => l,
            }
        } else {
            p
        };
        let folder = Spans {
            base,
            got: Vec::new(),
            limit: usize::MAX,
        };
        p.fold_with(folder).complete()
    }

    /// Every slice over {0, 1, 2} up to 8 long, split to every depth up to 5, gives std's
    /// pieces; a leaf's fold stops once its folder is full.
    #[test]
    fn splits_anywhere_like_std() {
        let sep = |x: &u8| *x == 0;
        let pred = |a: &u8, b: &u8| a <= b;
        let dropping = Dropping(&sep);
        for n in 0..=8u32 {
            for code in 0..3u32.pow(n) {
                let v: Vec<u8> = (0..n).map(|i| (code / 3u32.pow(i) % 3) as u8).collect();
                let base = v.as_ptr() as usize;
                let want = [
                    spans(&v, v.split(sep).map(|p| p as *const [u8])),
                    spans(&v, v.split_inclusive(sep).map(|p| p as *const [u8])),
                    spans(&v, v.chunk_by(pred).map(|p| p as *const [u8])),
                ];
                for depth in 0..=5 {
                    let got = [
                        leaves(Pieces::new(&v[..], &Dropping(&sep)), depth, base),
                        leaves(Pieces::new(&v[..], &Inclusive(&sep)), depth, base),
                        leaves(Pieces::new(&v[..], &Runs(&pred)), depth, base),
                    ];
                    assert_eq!(got, want, "{v:?} at depth {depth}");
                }
                for limit in 0..3 {
                    let (l, _) = Pieces::new(&v[..], &dropping).split();
                    let folder = Spans {
                        base,
                        got: Vec::new(),
                        limit,
                    };
                    let got = l.fold_with(folder).complete();
                    assert!(got.len() <= limit.max(1));
                    assert_eq!(got[..], want[0][..got.len()]);
                }
            }
        }
    }
}
