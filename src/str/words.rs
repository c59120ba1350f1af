//! The words behind `par_split_whitespace` and `par_split_ascii_whitespace`: a producer that
//! cuts only at white space, and a leaf that classifies bytes a block at a time (see
//! [`Words`]) instead of decoding every `char`.
//!
//! `str::split_whitespace` decodes each `char` and asks `char::is_whitespace`. Here a byte
//! below `0x80` is classified by a comparison, and a byte at or above it can only start a
//! white-space `char` when it is one of the four lead bytes those `char`s have in UTF-8
//! (`0xC2`, `0xE1`, `0xE2`, `0xE3`); only then is the `char` decoded. Continuation bytes
//! (`0x80..=0xBF`) are never lead bytes, so neither the block masks nor the byte-by-byte search
//! for a cut need to track boundaries: every byte they stop at is the start of a `char`.

use crate::iter::plumbing::{bridge_unindexed, Folder, UnindexedConsumer, UnindexedProducer};

/// Which white space separates words.
#[derive(Clone, Copy, Debug)]
pub(super) enum Space {
    /// `char::is_whitespace`, as `str::split_whitespace` uses.
    Unicode,
    /// `u8::is_ascii_whitespace`, as `str::split_ascii_whitespace` uses.
    Ascii,
}

impl Space {
    /// The length in bytes of the white-space `char` that starts at byte `i` of `text`, or 0
    /// when the `char` there is not white space. `i` must be a `char` boundary (every byte
    /// that is not a continuation byte is one).
    #[inline(always)]
    fn at(self, text: &str, i: usize) -> usize {
        let b = text.as_bytes()[i];
        if b < 0x80 {
            return usize::from(is_ascii_space(b, self));
        }
        match self {
            Space::Unicode if is_space_lead(b) => {
                // A lead byte, so `i` is a `char` boundary and the slice cannot fail.
                match text[i..].chars().next() {
                    Some(c) if c.is_whitespace() => c.len_utf8(),
                    _ => 0,
                }
            }
            _ => 0,
        }
    }

    /// Whether `b` may start a white-space `char` (a cheap test; `at` confirms).
    #[inline(always)]
    fn may_start(self, b: u8) -> bool {
        match self {
            Space::Unicode => b <= b' ' || is_space_lead(b),
            Space::Ascii => b <= b' ',
        }
    }

    /// The first white-space `char` at or after byte `from` (a `char` boundary) of `text`:
    /// its start and length.
    #[inline]
    fn next_in(self, text: &str, from: usize) -> Option<(usize, usize)> {
        let bytes = text.as_bytes();
        let mut i = from;
        while i < bytes.len() {
            if self.may_start(bytes[i]) {
                let n = self.at(text, i);
                if n > 0 {
                    return Some((i, n));
                }
            }
            i += 1;
        }
        None
    }

    /// The last white-space `char` that starts before byte `to` of `text`: its start and
    /// length.
    #[inline]
    fn last_before(self, text: &str, to: usize) -> Option<(usize, usize)> {
        let bytes = text.as_bytes();
        (0..to).rev().find_map(|i| {
            if self.may_start(bytes[i]) {
                match self.at(text, i) {
                    0 => None,
                    n => Some((i, n)),
                }
            } else {
                None
            }
        })
    }
}

/// The words of a string, in order: what `str::split_whitespace` (or
/// `split_ascii_whitespace`) yields.
///
/// The string is read in blocks of 64 bytes. For each block a mask has a bit set for every
/// byte that belongs to a white-space `char` (all of its bytes, so a multi-byte one that
/// crosses into the next block marks bytes there too). Comparing the mask with itself
/// shifted by one gives the edges: a word starts at a non-space byte after a space byte and
/// ends at a space byte after a non-space byte. Walking the set bits costs a few
/// instructions per word and no mispredicted branch per byte, where a byte loop mispredicts
/// at the end of nearly every word.
#[derive(Clone, Debug)]
pub(super) struct Words<'s> {
    text: &'s str,
    space: Space,
    /// Where the current block starts.
    base: usize,
    /// Word starts not yet taken in the current block, as bits from `base`.
    starts: u64,
    /// Word ends not yet taken in the current block, as bits from `base`.
    ends: u64,
    /// Whether the byte before the next block is white space (the text's start counts as
    /// white space).
    space_before: bool,
    /// Bytes of the next block that belong to a white-space `char` begun in this one.
    carry: u64,
}

/// Bytes in a block: the bits of a `u64` mask.
const BLOCK: usize = 64;

impl<'s> Words<'s> {
    pub(super) fn new(text: &'s str, space: Space) -> Self {
        let mut words = Words {
            text,
            space,
            base: 0,
            starts: 0,
            ends: 0,
            space_before: true,
            carry: 0,
        };
        words.load(0);
        words
    }

    /// Moves to the next block; false when the text is done.
    #[inline]
    fn next_block(&mut self) -> bool {
        self.load(self.base + BLOCK)
    }

    /// Moves to the block that starts at `base` and finds its edges; false when the text
    /// ends before it.
    #[inline]
    fn load(&mut self, base: usize) -> bool {
        let bytes = self.text.as_bytes();
        if base >= bytes.len() {
            self.base = bytes.len();
            return false;
        }
        self.base = base;
        let block = &bytes[base..bytes.len().min(base + BLOCK)];
        let mut mask = match <&[u8; BLOCK]>::try_from(block) {
            Ok(full) => ascii_mask_full(full, self.space),
            // A short last block: the bytes past the text count as white space, so a word
            // that runs to the end of the text gets its end there.
            Err(_) => ascii_mask(block, self.space) | (!0u64 << block.len()),
        };
        mask |= std::mem::take(&mut self.carry);
        if let (Space::Unicode, false) = (self.space, block.is_ascii()) {
            let mut leads = lead_mask(block);
            while leads != 0 {
                let j = leads.trailing_zeros() as usize;
                leads &= leads - 1;
                let n = self.space.at(self.text, base + j);
                if n > 0 {
                    let bits = ((1u128 << n) - 1) << j;
                    mask |= bits as u64;
                    self.carry = (bits >> BLOCK) as u64;
                }
            }
        }
        let edges = mask ^ ((mask << 1) | u64::from(self.space_before));
        self.space_before = mask >> (BLOCK - 1) != 0;
        self.starts = edges & !mask;
        self.ends = edges & mask;
        true
    }
}

/// The mask of the bytes of `block` that are ASCII white space of the given kind.
#[inline]
fn ascii_mask(block: &[u8], space: Space) -> u64 {
    let mut mask = 0;
    for (j, &b) in block.iter().enumerate() {
        mask |= u64::from(is_ascii_space(b, space)) << j;
    }
    mask
}

/// [`ascii_mask`] over a whole block, eight bytes at a time in a `u64` (see [`swar_space`]).
#[inline]
fn ascii_mask_full(block: &[u8; BLOCK], space: Space) -> u64 {
    let mut mask = 0;
    for (k, word) in block.chunks_exact(8).enumerate() {
        let mut eight = [0; 8];
        eight.copy_from_slice(word);
        mask |= swar_space(u64::from_le_bytes(eight), space) << (8 * k);
    }
    mask
}

/// Every byte of a `u64` holding `b`.
const fn splat(b: u8) -> u64 {
    u64::from_ne_bytes([b; 8])
}

/// [`is_ascii_space`] for the eight bytes of `x` (first byte in the low bits) at once: a
/// mask of eight bits, bit `i` for byte `i`.
///
/// Each byte is worked on within itself. With its top bit forced on, subtracting `n` cannot
/// borrow from the next byte, and the top bit survives exactly when the low seven bits are
/// at least `n`; adding 0x7F to a byte of at most 0x7F cannot carry out of it, and sets the
/// top bit exactly when the byte is not zero. Bytes with the top bit set are never ASCII
/// white space and are cleared at the end. A multiplication then gathers the eight top bits
/// into one byte: bit `8i` of the shifted flags lands on bit `56 + i`, and no two partial
/// products share a bit, so nothing carries.
#[inline(always)]
fn swar_space(x: u64, space: Space) -> u64 {
    const HIGH: u64 = splat(0x80);
    const LOW: u64 = splat(0x7F);
    let raised = x | HIGH;
    let at_least_9 = raised.wrapping_sub(splat(b'\t'));
    let at_least_14 = raised.wrapping_sub(splat(b'\r' + 1));
    let control = at_least_9 & !at_least_14;
    let low = x & LOW;
    let is_byte = |b: u8| !((low ^ splat(b)).wrapping_add(LOW));
    let mut flags = control | is_byte(b' ');
    if let Space::Ascii = space {
        flags &= !is_byte(0x0B);
    }
    let flags = flags & !x & HIGH;
    (flags >> 7).wrapping_mul(0x0102_0408_1020_4080) >> 56
}

/// Whether `b` is white space below 0x80: U+0009..=U+000D and U+0020 for
/// `char::is_whitespace`, the same without U+000B for `u8::is_ascii_whitespace`.
#[inline(always)]
fn is_ascii_space(b: u8, space: Space) -> bool {
    let control = b.wrapping_sub(b'\t') < 5;
    match space {
        Space::Unicode => b == b' ' || control,
        Space::Ascii => b == b' ' || (control && b != b'\x0B'),
    }
}

/// Whether `b` is the first byte of some multi-byte white-space `char`: U+0085 and U+00A0
/// start with 0xC2, U+1680 with 0xE1, U+2000..=U+205F with 0xE2 and U+3000 with 0xE3.
#[inline(always)]
fn is_space_lead(b: u8) -> bool {
    b == 0xC2 || b.wrapping_sub(0xE1) < 3
}

/// The mask of the bytes of `block` that may start a multi-byte white-space `char`.
#[inline]
fn lead_mask(block: &[u8]) -> u64 {
    let mut mask = 0;
    for (j, &b) in block.iter().enumerate() {
        mask |= u64::from(is_space_lead(b)) << j;
    }
    mask
}

impl<'s> Iterator for Words<'s> {
    type Item = &'s str;

    #[inline]
    fn next(&mut self) -> Option<&'s str> {
        // Each call takes a word's start and then its end, moving on through blocks as
        // needed, so between calls every end left in `ends` closes a start left in `starts`.
        let start = loop {
            if self.starts != 0 {
                let start = self.base + self.starts.trailing_zeros() as usize;
                self.starts &= self.starts - 1;
                break start;
            }
            if !self.next_block() {
                return None;
            }
        };
        loop {
            if self.ends != 0 {
                let end = self.base + self.ends.trailing_zeros() as usize;
                self.ends &= self.ends - 1;
                return Some(&self.text[start..end]);
            }
            if !self.next_block() {
                // The text ended inside the word (only when its length is a multiple of
                // the block size; otherwise the padding past its end closed the word).
                return Some(&self.text[start..]);
            }
        }
    }
}

/// An unindexed producer of the words of a piece of a string; pieces are cut only at white
/// space, so each piece's words are the whole string's words in that stretch.
struct WordsProducer<'s> {
    text: &'s str,
    space: Space,
}

/// Feeds the words of `text` to `consumer` in parallel.
pub(super) fn drive<'s, C>(text: &'s str, space: Space, consumer: C) -> C::Result
where
    C: UnindexedConsumer<&'s str>,
{
    bridge_unindexed(WordsProducer { text, space }, consumer)
}

impl<'s> UnindexedProducer for WordsProducer<'s> {
    type Item = &'s str;

    fn split(self) -> (Self, Option<Self>) {
        let text = self.text;
        let Some(mid) = super::middle_boundary(text) else {
            return (self, None);
        };
        let found = self
            .space
            .next_in(text, mid)
            .or_else(|| self.space.last_before(text, mid));
        match found {
            Some((at, n)) => (
                WordsProducer {
                    text: &text[..at],
                    ..self
                },
                Some(WordsProducer {
                    text: &text[at + n..],
                    ..self
                }),
            ),
            None => (self, None),
        }
    }

    fn fold_with<F: Folder<&'s str>>(self, folder: F) -> F {
        folder.consume_iter(Words::new(self.text, self.space))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str, space: Space) -> Vec<&str> {
        Words::new(s, space).collect()
    }

    #[test]
    fn classifier_agrees_with_std_for_every_char() {
        let mut buf = [0u8; 4];
        // Miri would take hours over all of Unicode; the first planes hold every white-space
        // `char` there is.
        let last = if cfg!(miri) {
            0x3100
        } else {
            u32::from(char::MAX)
        };
        for c in (0..=last).filter_map(char::from_u32) {
            let s: &str = c.encode_utf8(&mut buf);
            let unicode = Space::Unicode.at(s, 0);
            assert_eq!(unicode > 0, c.is_whitespace(), "{c:?}");
            assert!(unicode == 0 || unicode == s.len());
            let ascii = Space::Ascii.at(s, 0);
            assert_eq!(ascii > 0, c.is_ascii_whitespace(), "{c:?}");
        }
    }

    #[test]
    fn swar_agrees_with_bytewise() {
        // Every byte value in every lane, beside neighbours that could borrow or carry.
        for b in 0..=255u8 {
            for lane in 0..8 {
                for fill in [0u8, 0x09, 0x20, 0x7F, 0x80, 0xFF] {
                    let mut bytes = [fill; 8];
                    bytes[lane] = b;
                    for space in [Space::Unicode, Space::Ascii] {
                        assert_eq!(
                            swar_space(u64::from_le_bytes(bytes), space),
                            ascii_mask(&bytes, space),
                            "{bytes:?} {space:?}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn words_match_std() {
        let cases = [
            "",
            " ",
            "a",
            " a ",
            "a b",
            "\u{A0}a\u{85}b\u{3000}c\u{2029}",
            "\x0Ba\x0Cb\u{1680}\u{2000}\u{200A}d\u{202F}\u{205F}e",
            "é漢🦀 \u{A1}\u{200B}\u{FEFF}x",
            "  a\t\tb\r\n",
        ];
        for s in cases {
            assert_eq!(
                words(s, Space::Unicode),
                s.split_whitespace().collect::<Vec<_>>()
            );
            assert_eq!(
                words(s, Space::Ascii),
                s.split_ascii_whitespace().collect::<Vec<_>>()
            );
        }
    }

    #[test]
    fn white_space_at_every_offset_of_a_block() {
        for space in ["\u{3000}", "\u{85}", " ", "\u{2029}\t"] {
            for k in 0..(3 * BLOCK) {
                let s = format!("{}{space}b{space}", "a".repeat(k));
                for kind in [Space::Unicode, Space::Ascii] {
                    let want: Vec<&str> = match kind {
                        Space::Unicode => s.split_whitespace().collect(),
                        Space::Ascii => s.split_ascii_whitespace().collect(),
                    };
                    assert_eq!(words(&s, kind), want, "{k} {space:?}");
                }
            }
        }
    }

    #[test]
    fn split_cuts_only_at_white_space() {
        let s = "ab\u{3000}cd ef\u{A0}gh";
        let (left, right) = WordsProducer {
            text: s,
            space: Space::Unicode,
        }
        .split();
        let right = right.unwrap();
        let mut all = words(left.text, Space::Unicode);
        all.extend(words(right.text, Space::Unicode));
        assert_eq!(all, s.split_whitespace().collect::<Vec<_>>());
        let (_, none) = WordsProducer {
            text: "abcdef",
            space: Space::Unicode,
        }
        .split();
        assert!(none.is_none());
    }
}
