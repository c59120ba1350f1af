//! Parallel iterators over string slices: the methods of [`ParallelString`].
//!
//! A string is split between threads only at `char` boundaries, and the splitting iterators
//! (`par_split` and its relatives) only at a separator, so every piece they hand out is one
//! that `str`'s own iterator would produce, in the same order.
//!
//! The methods that search take a pattern of a closed set of types, the same set rayon
//! accepts: a `char`, a `&[char]`, a `[char; N]`, a `&[char; N]`, or a function or closure
//! `F: Fn(char) -> bool + Sync + Send`. Each pattern matches one `char` at a time, as it does
//! for the `str` method of the same name. The trait that expresses the set cannot be named or
//! implemented outside beat.
//!
//! # Examples
//!
//! ```
//! use beat::prelude::*;
//!
//! let csv = "3,1,,4\n1,5\n";
//! let fields: Vec<&str> = csv.par_split([',', '\n']).collect();
//! assert_eq!(fields, csv.split([',', '\n']).collect::<Vec<_>>());
//! assert_eq!(csv.par_lines().count(), 2);
//! ```

use std::fmt;

use crate::iter::plumbing::{bridge_unindexed, Folder, UnindexedConsumer, UnindexedProducer};
use crate::iter::ParallelIterator;

mod pattern;
mod words;

use self::pattern::Pattern;

/// Parallel methods on string slices (and so on `String`, through deref).
///
/// # Examples
///
/// ```
/// use beat::prelude::*;
/// let text = String::from("one two  three");
/// let words: Vec<&str> = text.par_split_whitespace().collect();
/// assert_eq!(words, ["one", "two", "three"]);
/// ```
pub trait ParallelString {
    /// Returns the plain string slice; the other methods are built on it.
    ///
    /// # Examples
    ///
    /// ```
    /// use beat::prelude::*;
    /// let s = String::from("abc");
    /// assert_eq!(s.as_parallel_string(), "abc");
    /// ```
    fn as_parallel_string(&self) -> &str;

    /// A parallel iterator over the `char`s of the string, like [`str::chars`].
    ///
    /// # Examples
    ///
    /// ```
    /// use beat::prelude::*;
    /// let upper = "déjà vu".par_chars().filter(|c| c.is_alphabetic()).count();
    /// assert_eq!(upper, 6);
    /// ```
    fn par_chars(&self) -> Chars<'_> {
        Chars {
            chars: self.as_parallel_string(),
        }
    }

    /// A parallel iterator over the `char`s of the string with their byte offsets, like
    /// [`str::char_indices`].
    ///
    /// # Examples
    ///
    /// ```
    /// use beat::prelude::*;
    /// let v: Vec<(usize, char)> = "añb".par_char_indices().collect();
    /// assert_eq!(v, [(0, 'a'), (1, 'ñ'), (3, 'b')]);
    /// ```
    fn par_char_indices(&self) -> CharIndices<'_> {
        CharIndices {
            chars: self.as_parallel_string(),
        }
    }

    /// A parallel iterator over the bytes of the string, like [`str::bytes`].
    ///
    /// The bytes of one multi-byte `char` always go to the same thread. For an indexed
    /// iterator without that guarantee, use `s.as_bytes().par_iter().copied()`.
    ///
    /// # Examples
    ///
    /// ```
    /// use beat::prelude::*;
    /// let sum: u32 = "AB".par_bytes().map(u32::from).sum();
    /// assert_eq!(sum, 65 + 66);
    /// ```
    fn par_bytes(&self) -> Bytes<'_> {
        Bytes {
            chars: self.as_parallel_string(),
        }
    }

    /// A parallel iterator over the string encoded as UTF-16 code units, like
    /// [`str::encode_utf16`].
    ///
    /// The two halves of a surrogate pair (a `char` above `U+FFFF`) always go to the same
    /// thread.
    ///
    /// # Examples
    ///
    /// ```
    /// use beat::prelude::*;
    /// let units: Vec<u16> = "a🦀".par_encode_utf16().collect();
    /// assert_eq!(units, "a🦀".encode_utf16().collect::<Vec<_>>());
    /// assert_eq!(units.len(), 3);
    /// ```
    fn par_encode_utf16(&self) -> EncodeUtf16<'_> {
        EncodeUtf16 {
            chars: self.as_parallel_string(),
        }
    }

    /// A parallel iterator over the substrings between matches of `separator`, like
    /// [`str::split`]: a separator at either end gives an empty first or last piece.
    ///
    /// The separator is a `char`, a `&[char]`, a `[char; N]`, a `&[char; N]` or a closure
    /// `Fn(char) -> bool + Sync + Send` (see the [module docs](self)).
    ///
    /// # Examples
    ///
    /// ```
    /// use beat::prelude::*;
    /// let total: i32 = "4, 8, x, 15"
    ///     .par_split(',')
    ///     .filter_map(|s| s.trim().parse::<i32>().ok())
    ///     .sum();
    /// assert_eq!(total, 27);
    /// let v: Vec<&str> = ",a,".par_split(',').collect();
    /// assert_eq!(v, ["", "a", ""]);
    /// ```
    fn par_split<P: Pattern>(&self, separator: P) -> Split<'_, P> {
        Split {
            chars: self.as_parallel_string(),
            separator,
        }
    }

    /// A parallel iterator over the substrings that end with a match of `separator`, the
    /// match included, like [`str::split_inclusive`]: the last piece is the text after the
    /// last match, when there is any.
    ///
    /// The separator is a `char`, a `&[char]`, a `[char; N]`, a `&[char; N]` or a closure
    /// `Fn(char) -> bool + Sync + Send` (see the [module docs](self)).
    ///
    /// # Examples
    ///
    /// ```
    /// use beat::prelude::*;
    /// let v: Vec<&str> = "a.b.c".par_split_inclusive('.').collect();
    /// assert_eq!(v, ["a.", "b.", "c"]);
    /// let v: Vec<&str> = "a.b.".par_split_inclusive('.').collect();
    /// assert_eq!(v, ["a.", "b."]);
    /// ```
    fn par_split_inclusive<P: Pattern>(&self, separator: P) -> SplitInclusive<'_, P> {
        SplitInclusive {
            chars: self.as_parallel_string(),
            separator,
        }
    }

    /// A parallel iterator over the substrings ended by matches of `terminator`, like
    /// [`str::split_terminator`]: as [`par_split`](ParallelString::par_split), but without
    /// the empty piece after a terminator at the very end.
    ///
    /// The terminator is a `char`, a `&[char]`, a `[char; N]`, a `&[char; N]` or a closure
    /// `Fn(char) -> bool + Sync + Send` (see the [module docs](self)).
    ///
    /// # Examples
    ///
    /// ```
    /// use beat::prelude::*;
    /// let v: Vec<&str> = "x;;y;".par_split_terminator(';').collect();
    /// assert_eq!(v, ["x", "", "y"]);
    /// ```
    fn par_split_terminator<P: Pattern>(&self, terminator: P) -> SplitTerminator<'_, P> {
        SplitTerminator {
            chars: self.as_parallel_string(),
            terminator,
        }
    }

    /// A parallel iterator over the lines of the string, like [`str::lines`]: lines end with
    /// `\n` or `\r\n`, which are not part of the items, and the last line needs no ending.
    ///
    /// # Examples
    ///
    /// ```
    /// use beat::prelude::*;
    /// let v: Vec<&str> = "first\r\nsecond\n\nlast".par_lines().collect();
    /// assert_eq!(v, ["first", "second", "", "last"]);
    /// ```
    fn par_lines(&self) -> Lines<'_> {
        Lines(self.as_parallel_string())
    }

    /// A parallel iterator over the non-empty substrings between runs of Unicode white space,
    /// like [`str::split_whitespace`].
    ///
    /// # Examples
    ///
    /// ```
    /// use beat::prelude::*;
    /// let v: Vec<&str> = " a\u{2003}b\t\tc ".par_split_whitespace().collect();
    /// assert_eq!(v, ["a", "b", "c"]);
    /// assert_eq!("  ".par_split_whitespace().count(), 0);
    /// ```
    fn par_split_whitespace(&self) -> SplitWhitespace<'_> {
        SplitWhitespace(self.as_parallel_string())
    }

    /// A parallel iterator over the non-empty substrings between runs of ASCII white space,
    /// like [`str::split_ascii_whitespace`].
    ///
    /// # Examples
    ///
    /// ```
    /// use beat::prelude::*;
    /// let v: Vec<&str> = " a\u{2003}b\t\tc ".par_split_ascii_whitespace().collect();
    /// assert_eq!(v, ["a\u{2003}b", "c"]);
    /// ```
    fn par_split_ascii_whitespace(&self) -> SplitAsciiWhitespace<'_> {
        SplitAsciiWhitespace(self.as_parallel_string())
    }

    /// A parallel iterator over the matches of `pattern`, like [`str::matches`].
    ///
    /// The pattern is a `char`, a `&[char]`, a `[char; N]`, a `&[char; N]` or a closure
    /// `Fn(char) -> bool + Sync + Send` (see the [module docs](self)).
    ///
    /// # Examples
    ///
    /// ```
    /// use beat::prelude::*;
    /// let digits: String = "a1b22c".par_matches(|c: char| c.is_ascii_digit()).collect();
    /// assert_eq!(digits, "122");
    /// ```
    fn par_matches<P: Pattern>(&self, pattern: P) -> Matches<'_, P> {
        Matches {
            chars: self.as_parallel_string(),
            pattern,
        }
    }

    /// A parallel iterator over the matches of `pattern` with their byte offsets, like
    /// [`str::match_indices`].
    ///
    /// The pattern is a `char`, a `&[char]`, a `[char; N]`, a `&[char; N]` or a closure
    /// `Fn(char) -> bool + Sync + Send` (see the [module docs](self)).
    ///
    /// # Examples
    ///
    /// ```
    /// use beat::prelude::*;
    /// let v: Vec<(usize, &str)> = "é-é".par_match_indices('é').collect();
    /// assert_eq!(v, [(0, "é"), (3, "é")]);
    /// ```
    fn par_match_indices<P: Pattern>(&self, pattern: P) -> MatchIndices<'_, P> {
        MatchIndices {
            chars: self.as_parallel_string(),
            pattern,
        }
    }
}

impl ParallelString for str {
    #[inline]
    fn as_parallel_string(&self) -> &str {
        self
    }
}

// ---------------------------------------------------------------------------------------
// Splitting a string anywhere (on a char boundary).

/// A `char` boundary of `s` strictly inside it, as near its middle as the encoding allows:
/// the first one from the middle up, else the last one below it. `None` when `s` holds at
/// most one `char`.
#[inline]
fn middle_boundary(s: &str) -> Option<usize> {
    let mid = s.len() / 2;
    // A `char` is at most four bytes, so each scan stops within three steps.
    (mid..s.len())
        .find(|&i| s.is_char_boundary(i))
        .or_else(|| (1..mid).rev().find(|&i| s.is_char_boundary(i)))
        .filter(|&i| i > 0)
}

/// What a [`TextProducer`] does with its piece of the string at a leaf.
trait Scan<'s>: Copy + Send {
    /// The items produced.
    type Item;

    /// Feeds the items of `text`, which starts at byte `base` of the whole string.
    fn fold<F: Folder<Self::Item>>(self, text: &'s str, base: usize, folder: F) -> F;
}

/// An unindexed producer over a piece of a string that may be cut at any `char` boundary:
/// behind `par_chars`, `par_char_indices`, `par_bytes`, `par_encode_utf16`, `par_matches`
/// and `par_match_indices` (every pattern matches whole `char`s, so no match straddles a
/// cut).
struct TextProducer<'s, S> {
    text: &'s str,
    /// Byte offset of `text` in the whole string.
    base: usize,
    scan: S,
}

impl<'s, S: Scan<'s>> TextProducer<'s, S> {
    fn drive<C>(text: &'s str, scan: S, consumer: C) -> C::Result
    where
        C: UnindexedConsumer<S::Item>,
    {
        bridge_unindexed(
            TextProducer {
                text,
                base: 0,
                scan,
            },
            consumer,
        )
    }
}

impl<'s, S: Scan<'s>> UnindexedProducer for TextProducer<'s, S> {
    type Item = S::Item;

    fn split(self) -> (Self, Option<Self>) {
        let Some(mid) = middle_boundary(self.text) else {
            return (self, None);
        };
        let (left, right) = self.text.split_at(mid);
        let right = TextProducer {
            text: right,
            base: self.base + mid,
            scan: self.scan,
        };
        (TextProducer { text: left, ..self }, Some(right))
    }

    fn fold_with<F: Folder<S::Item>>(self, folder: F) -> F {
        self.scan.fold(self.text, self.base, folder)
    }
}

/// `par_chars`: the `char`s.
#[derive(Clone, Copy)]
struct ScanChars;

impl<'s> Scan<'s> for ScanChars {
    type Item = char;

    fn fold<F: Folder<char>>(self, text: &'s str, _: usize, folder: F) -> F {
        folder.consume_iter(text.chars())
    }
}

/// `par_char_indices`: the `char`s with their offsets in the whole string.
#[derive(Clone, Copy)]
struct ScanCharIndices;

impl<'s> Scan<'s> for ScanCharIndices {
    type Item = (usize, char);

    fn fold<F: Folder<(usize, char)>>(self, text: &'s str, base: usize, folder: F) -> F {
        folder.consume_iter(text.char_indices().map(|(i, c)| (base + i, c)))
    }
}

/// `par_bytes`: the bytes.
#[derive(Clone, Copy)]
struct ScanBytes;

impl<'s> Scan<'s> for ScanBytes {
    type Item = u8;

    fn fold<F: Folder<u8>>(self, text: &'s str, _: usize, folder: F) -> F {
        folder.consume_iter(text.bytes())
    }
}

/// `par_encode_utf16`: the UTF-16 code units.
#[derive(Clone, Copy)]
struct ScanUtf16;

impl<'s> Scan<'s> for ScanUtf16 {
    type Item = u16;

    fn fold<F: Folder<u16>>(self, text: &'s str, _: usize, folder: F) -> F {
        folder.consume_iter(text.encode_utf16())
    }
}

/// `par_matches`: the matches of the pattern.
struct ScanMatches<'p, P>(&'p P);

// Derived `Clone`/`Copy` would ask `P: Copy`; only the reference is copied.
impl<P> Clone for ScanMatches<'_, P> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<P> Copy for ScanMatches<'_, P> {}

impl<'s, P: Pattern> Scan<'s> for ScanMatches<'_, P> {
    type Item = &'s str;

    fn fold<F: Folder<&'s str>>(self, text: &'s str, _: usize, folder: F) -> F {
        self.0.fold_matches(text, folder)
    }
}

/// `par_match_indices`: the matches of the pattern with their offsets in the whole string.
struct ScanMatchIndices<'p, P>(&'p P);

impl<P> Clone for ScanMatchIndices<'_, P> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<P> Copy for ScanMatchIndices<'_, P> {}

impl<'s, P: Pattern> Scan<'s> for ScanMatchIndices<'_, P> {
    type Item = (usize, &'s str);

    fn fold<F: Folder<(usize, &'s str)>>(self, text: &'s str, base: usize, folder: F) -> F {
        self.0.fold_match_indices(text, base, folder)
    }
}

// ---------------------------------------------------------------------------------------
// Splitting a string only at a separator.

/// Which `str` iterator a [`PiecesProducer`]'s piece of the string follows.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Pieces {
    /// `split`.
    Split,
    /// `split_inclusive`.
    Inclusive,
    /// `split_terminator`: only the rightmost piece of the string, since only the string's
    /// last item may be dropped; pieces cut off to its left become `Split`.
    Terminator,
}

/// An unindexed producer that cuts a string only at separators, so each piece's items are
/// the whole string's items in that stretch: behind `par_split`, `par_split_inclusive` and
/// `par_split_terminator`.
///
/// A cut searches for a separator forward from the middle of the part not yet known to be
/// free of them, then backward; what those searches prove free of separators is remembered
/// in `clean`, so neither later cuts nor the final fold scan it again. A string without
/// separators is therefore scanned once, by the first cut, and not again by the fold.
struct PiecesProducer<'s, 'p, P> {
    text: &'s str,
    separator: &'p P,
    /// No separator starts in `text[clean..]`, except, for `Pieces::Inclusive`, one that
    /// ends exactly at `text.len()` (the one a cut left at the end of a left piece).
    /// `clean == text.len()` says nothing is known.
    clean: usize,
    kind: Pieces,
}

impl<'s, 'p, P: Pattern> PiecesProducer<'s, 'p, P> {
    fn drive<C>(text: &'s str, separator: &'p P, kind: Pieces, consumer: C) -> C::Result
    where
        C: UnindexedConsumer<&'s str>,
    {
        let producer = PiecesProducer {
            text,
            separator,
            clean: text.len(),
            kind,
        };
        bridge_unindexed(producer, consumer)
    }

    /// Feeds all the items of `text` (with nothing known about it) as `kind` says.
    fn fold_plain<F: Folder<&'s str>>(&self, text: &'s str, kind: Pieces, folder: F) -> F {
        match kind {
            Pieces::Split => self.separator.fold_split(text, folder),
            Pieces::Inclusive => self.separator.fold_split_inclusive(text, folder),
            Pieces::Terminator => self.separator.fold_split_terminator(text, folder),
        }
    }

    /// Where a piece ends when the separator at `start..end` closes it.
    #[inline]
    fn cut_at(&self, start: usize, end: usize) -> usize {
        if self.kind == Pieces::Inclusive {
            end
        } else {
            start
        }
    }
}

impl<'s, P: Pattern> UnindexedProducer for PiecesProducer<'s, '_, P> {
    type Item = &'s str;

    fn split(self) -> (Self, Option<Self>) {
        let unknown = &self.text[..self.clean];
        let mid = middle_boundary(unknown).unwrap_or(0);
        let (found, ahead) = match self.separator.first_in(&unknown[mid..]) {
            Some((start, end)) => (Some((mid + start, mid + end)), true),
            None => (self.separator.last_in(&unknown[..mid]), false),
        };
        let Some((start, end)) = found else {
            // No separator outside the clean tail: this piece is a single item.
            return (PiecesProducer { clean: 0, ..self }, None);
        };
        let cut = self.cut_at(start, end);
        let right = PiecesProducer {
            text: &self.text[end..],
            // Ahead: what was clean stays clean. Behind: `end..mid` holds no later match and
            // `mid..clean` none at all, so only the clean tail's exception can remain.
            clean: if ahead { self.clean - end } else { 0 },
            ..self
        };
        let left = PiecesProducer {
            text: &self.text[..cut],
            // Ahead: `mid..start` holds no match; the separator itself, kept by an inclusive
            // piece, is the allowed exception. Behind: nothing new is known, except that an
            // inclusive piece's closing separator starts at `start`.
            clean: if ahead { mid } else { start },
            kind: match self.kind {
                Pieces::Terminator => Pieces::Split,
                kind => kind,
            },
            ..self
        };
        (left, Some(right))
    }

    fn fold_with<F: Folder<&'s str>>(self, folder: F) -> F {
        let text = self.text;
        if self.clean == text.len() {
            return self.fold_plain(text, self.kind, folder);
        }
        // `text[clean..]` is non-empty and holds no separator start (bar an inclusive piece's
        // closing one), so the last item runs from the last separator before `clean` to the
        // end. It is not empty, so even a terminator piece keeps it.
        let (folder, last) = match self.separator.last_in(&text[..self.clean]) {
            Some((start, end)) => {
                let head = &text[..self.cut_at(start, end)];
                let head_kind = match self.kind {
                    Pieces::Inclusive => Pieces::Inclusive,
                    Pieces::Split | Pieces::Terminator => Pieces::Split,
                };
                (self.fold_plain(head, head_kind, folder), &text[end..])
            }
            None => (folder, text),
        };
        if folder.full() {
            folder
        } else {
            folder.consume(last)
        }
    }
}

// ---------------------------------------------------------------------------------------
// The iterators.

/// Writes `Debug` for a pattern-taking iterator without asking the pattern (often a closure)
/// to be `Debug`.
macro_rules! debug_without_pattern {
    ($name:ident) => {
        impl<P: Pattern> fmt::Debug for $name<'_, P> {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.debug_struct(stringify!($name))
                    .field("chars", &self.chars)
                    .finish_non_exhaustive()
            }
        }
    };
}

/// The iterator of [`ParallelString::par_chars`].
///
/// # Examples
///
/// ```
/// use beat::prelude::*;
/// let it: beat::str::Chars<'_> = "abc".par_chars();
/// assert_eq!(it.max(), Some('c'));
/// ```
#[must_use = "iterator adapters are lazy and do nothing unless consumed"]
#[derive(Clone, Debug)]
pub struct Chars<'ch> {
    chars: &'ch str,
}

impl ParallelIterator for Chars<'_> {
    type Item = char;

    fn drive_unindexed<C: UnindexedConsumer<char>>(self, consumer: C) -> C::Result {
        TextProducer::drive(self.chars, ScanChars, consumer)
    }
}

/// The iterator of [`ParallelString::par_char_indices`].
///
/// # Examples
///
/// ```
/// use beat::prelude::*;
/// let it: beat::str::CharIndices<'_> = "aé".par_char_indices();
/// assert_eq!(it.map(|(i, _)| i).max(), Some(1));
/// ```
#[must_use = "iterator adapters are lazy and do nothing unless consumed"]
#[derive(Clone, Debug)]
pub struct CharIndices<'ch> {
    chars: &'ch str,
}

impl ParallelIterator for CharIndices<'_> {
    type Item = (usize, char);

    fn drive_unindexed<C>(self, consumer: C) -> C::Result
    where
        C: UnindexedConsumer<(usize, char)>,
    {
        TextProducer::drive(self.chars, ScanCharIndices, consumer)
    }
}

/// The iterator of [`ParallelString::par_bytes`].
///
/// # Examples
///
/// ```
/// use beat::prelude::*;
/// let it: beat::str::Bytes<'_> = "é".par_bytes();
/// assert_eq!(it.collect::<Vec<u8>>(), [0xC3, 0xA9]);
/// ```
#[must_use = "iterator adapters are lazy and do nothing unless consumed"]
#[derive(Clone, Debug)]
pub struct Bytes<'ch> {
    chars: &'ch str,
}

impl ParallelIterator for Bytes<'_> {
    type Item = u8;

    fn drive_unindexed<C: UnindexedConsumer<u8>>(self, consumer: C) -> C::Result {
        TextProducer::drive(self.chars, ScanBytes, consumer)
    }
}

/// The iterator of [`ParallelString::par_encode_utf16`].
///
/// # Examples
///
/// ```
/// use beat::prelude::*;
/// let it: beat::str::EncodeUtf16<'_> = "aé".par_encode_utf16();
/// assert_eq!(it.collect::<Vec<u16>>(), [0x61, 0xE9]);
/// ```
#[must_use = "iterator adapters are lazy and do nothing unless consumed"]
#[derive(Clone, Debug)]
pub struct EncodeUtf16<'ch> {
    chars: &'ch str,
}

impl ParallelIterator for EncodeUtf16<'_> {
    type Item = u16;

    fn drive_unindexed<C: UnindexedConsumer<u16>>(self, consumer: C) -> C::Result {
        TextProducer::drive(self.chars, ScanUtf16, consumer)
    }
}

/// The iterator of [`ParallelString::par_split`].
///
/// # Examples
///
/// ```
/// use beat::prelude::*;
/// let it: beat::str::Split<'_, char> = "a,b".par_split(',');
/// assert_eq!(it.collect::<Vec<_>>(), ["a", "b"]);
/// ```
#[must_use = "iterator adapters are lazy and do nothing unless consumed"]
#[derive(Clone)]
pub struct Split<'ch, P: Pattern> {
    chars: &'ch str,
    separator: P,
}

debug_without_pattern!(Split);

impl<'ch, P: Pattern> ParallelIterator for Split<'ch, P> {
    type Item = &'ch str;

    fn drive_unindexed<C: UnindexedConsumer<&'ch str>>(self, consumer: C) -> C::Result {
        PiecesProducer::drive(self.chars, &self.separator, Pieces::Split, consumer)
    }
}

/// The iterator of [`ParallelString::par_split_inclusive`].
///
/// # Examples
///
/// ```
/// use beat::prelude::*;
/// let it: beat::str::SplitInclusive<'_, char> = "a,b".par_split_inclusive(',');
/// assert_eq!(it.collect::<Vec<_>>(), ["a,", "b"]);
/// ```
#[must_use = "iterator adapters are lazy and do nothing unless consumed"]
#[derive(Clone)]
pub struct SplitInclusive<'ch, P: Pattern> {
    chars: &'ch str,
    separator: P,
}

debug_without_pattern!(SplitInclusive);

impl<'ch, P: Pattern> ParallelIterator for SplitInclusive<'ch, P> {
    type Item = &'ch str;

    fn drive_unindexed<C: UnindexedConsumer<&'ch str>>(self, consumer: C) -> C::Result {
        PiecesProducer::drive(self.chars, &self.separator, Pieces::Inclusive, consumer)
    }
}

/// The iterator of [`ParallelString::par_split_terminator`].
///
/// # Examples
///
/// ```
/// use beat::prelude::*;
/// let it: beat::str::SplitTerminator<'_, char> = "a,b,".par_split_terminator(',');
/// assert_eq!(it.collect::<Vec<_>>(), ["a", "b"]);
/// ```
#[must_use = "iterator adapters are lazy and do nothing unless consumed"]
#[derive(Clone)]
pub struct SplitTerminator<'ch, P: Pattern> {
    chars: &'ch str,
    terminator: P,
}

debug_without_pattern!(SplitTerminator);

impl<'ch, P: Pattern> ParallelIterator for SplitTerminator<'ch, P> {
    type Item = &'ch str;

    fn drive_unindexed<C: UnindexedConsumer<&'ch str>>(self, consumer: C) -> C::Result {
        PiecesProducer::drive(self.chars, &self.terminator, Pieces::Terminator, consumer)
    }
}

/// The iterator of [`ParallelString::par_lines`].
///
/// # Examples
///
/// ```
/// use beat::prelude::*;
/// let it: beat::str::Lines<'_> = "a\r\nb\n".par_lines();
/// assert_eq!(it.collect::<Vec<_>>(), ["a", "b"]);
/// ```
#[must_use = "iterator adapters are lazy and do nothing unless consumed"]
#[derive(Clone, Debug)]
pub struct Lines<'ch>(&'ch str);

/// A line without its ending: a `\n`, with the `\r` before it if any. A `\r` not followed by
/// `\n` stays, as in `str::lines`.
#[inline]
fn line_body(line: &str) -> &str {
    match line.strip_suffix('\n') {
        Some(body) => body.strip_suffix('\r').unwrap_or(body),
        None => line,
    }
}

impl<'ch> ParallelIterator for Lines<'ch> {
    type Item = &'ch str;

    fn drive_unindexed<C: UnindexedConsumer<&'ch str>>(self, consumer: C) -> C::Result {
        self.0
            .par_split_inclusive('\n')
            .map(line_body)
            .drive_unindexed(consumer)
    }
}

/// The iterator of [`ParallelString::par_split_whitespace`].
///
/// # Examples
///
/// ```
/// use beat::prelude::*;
/// let it: beat::str::SplitWhitespace<'_> = " a  b ".par_split_whitespace();
/// assert_eq!(it.collect::<Vec<_>>(), ["a", "b"]);
/// ```
#[must_use = "iterator adapters are lazy and do nothing unless consumed"]
#[derive(Clone, Debug)]
pub struct SplitWhitespace<'ch>(&'ch str);

impl<'ch> ParallelIterator for SplitWhitespace<'ch> {
    type Item = &'ch str;

    fn drive_unindexed<C: UnindexedConsumer<&'ch str>>(self, consumer: C) -> C::Result {
        words::drive(self.0, words::Space::Unicode, consumer)
    }
}

/// The iterator of [`ParallelString::par_split_ascii_whitespace`].
///
/// # Examples
///
/// ```
/// use beat::prelude::*;
/// let it: beat::str::SplitAsciiWhitespace<'_> = " a\u{A0}b ".par_split_ascii_whitespace();
/// assert_eq!(it.collect::<Vec<_>>(), ["a\u{A0}b"]);
/// ```
#[must_use = "iterator adapters are lazy and do nothing unless consumed"]
#[derive(Clone, Debug)]
pub struct SplitAsciiWhitespace<'ch>(&'ch str);

impl<'ch> ParallelIterator for SplitAsciiWhitespace<'ch> {
    type Item = &'ch str;

    fn drive_unindexed<C: UnindexedConsumer<&'ch str>>(self, consumer: C) -> C::Result {
        words::drive(self.0, words::Space::Ascii, consumer)
    }
}

/// The iterator of [`ParallelString::par_matches`].
///
/// # Examples
///
/// ```
/// use beat::prelude::*;
/// let it: beat::str::Matches<'_, [char; 2]> = "abcab".par_matches(['a', 'b']);
/// assert_eq!(it.count(), 4);
/// ```
#[must_use = "iterator adapters are lazy and do nothing unless consumed"]
#[derive(Clone)]
pub struct Matches<'ch, P: Pattern> {
    chars: &'ch str,
    pattern: P,
}

debug_without_pattern!(Matches);

impl<'ch, P: Pattern> ParallelIterator for Matches<'ch, P> {
    type Item = &'ch str;

    fn drive_unindexed<C: UnindexedConsumer<&'ch str>>(self, consumer: C) -> C::Result {
        TextProducer::drive(self.chars, ScanMatches(&self.pattern), consumer)
    }
}

/// The iterator of [`ParallelString::par_match_indices`].
///
/// # Examples
///
/// ```
/// use beat::prelude::*;
/// let it: beat::str::MatchIndices<'_, char> = "abab".par_match_indices('b');
/// assert_eq!(it.collect::<Vec<_>>(), [(1, "b"), (3, "b")]);
/// ```
#[must_use = "iterator adapters are lazy and do nothing unless consumed"]
#[derive(Clone)]
pub struct MatchIndices<'ch, P: Pattern> {
    chars: &'ch str,
    pattern: P,
}

debug_without_pattern!(MatchIndices);

impl<'ch, P: Pattern> ParallelIterator for MatchIndices<'ch, P> {
    type Item = (usize, &'ch str);

    fn drive_unindexed<C>(self, consumer: C) -> C::Result
    where
        C: UnindexedConsumer<(usize, &'ch str)>,
    {
        TextProducer::drive(self.chars, ScanMatchIndices(&self.pattern), consumer)
    }
}

#[cfg(test)]
mod tests;
