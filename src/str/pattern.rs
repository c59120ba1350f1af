//! The closed set of patterns the searching methods of
//! [`ParallelString`](crate::str::ParallelString) accept.

use crate::iter::plumbing::Folder;

/// A pattern for the searching methods of
/// [`ParallelString`](crate::str::ParallelString): a `char`, a `&[char]`, a `[char; N]`,
/// a `&[char; N]`, or a closure `Fn(char) -> bool + Sync + Send`.
///
/// The trait is public because it bounds public methods, but it lives in a private module:
/// code outside beat can neither name nor implement it. Every method delegates to `str`'s
/// own searching with the pattern, so each kind keeps its `std` fast path (a `char`
/// pattern is found with a byte search).
///
/// # Examples
///
/// ```
/// use beat::prelude::*;
/// let s = "a-b_c";
/// assert_eq!(s.par_split('-').count(), 2);
/// assert_eq!(s.par_split(&['-', '_'][..]).count(), 3);
/// assert_eq!(s.par_split(['-', '_']).count(), 3);
/// assert_eq!(s.par_split(&['-', '_']).count(), 3);
/// assert_eq!(s.par_split(|c: char| !c.is_alphabetic()).count(), 3);
/// ```
#[allow(unreachable_pub)] // sealed: public in bounds, unnameable outside the crate
pub trait Pattern: Sized + Sync + Send {
    /// The byte range of the first match in `s`.
    fn first_in(&self, s: &str) -> Option<(usize, usize)>;

    /// The byte range of the last match in `s`.
    fn last_in(&self, s: &str) -> Option<(usize, usize)>;

    /// Feeds `s.split(pattern)` to `folder`.
    fn fold_split<'s, F: Folder<&'s str>>(&self, s: &'s str, folder: F) -> F;

    /// Feeds `s.split_inclusive(pattern)` to `folder`.
    fn fold_split_inclusive<'s, F: Folder<&'s str>>(&self, s: &'s str, folder: F) -> F;

    /// Feeds `s.split_terminator(pattern)` to `folder`.
    fn fold_split_terminator<'s, F: Folder<&'s str>>(&self, s: &'s str, folder: F) -> F;

    /// Feeds `s.matches(pattern)` to `folder`.
    fn fold_matches<'s, F: Folder<&'s str>>(&self, s: &'s str, folder: F) -> F;

    /// Feeds `s.match_indices(pattern)` to `folder`, with `base` added to each index.
    fn fold_match_indices<'s, F>(&self, s: &'s str, base: usize, folder: F) -> F
    where
        F: Folder<(usize, &'s str)>;
}

/// Implements `Pattern` for a type, given how `&self` becomes a `std` pattern.
macro_rules! pattern {
    ([$($gen:tt)*] $ty:ty, |$this:ident| $std:expr) => {
        impl $($gen)* Pattern for $ty {
            #[inline]
            fn first_in(&self, s: &str) -> Option<(usize, usize)> {
                let $this = self;
                s.match_indices($std).next().map(|(i, m)| (i, i + m.len()))
            }

            #[inline]
            fn last_in(&self, s: &str) -> Option<(usize, usize)> {
                let $this = self;
                s.rmatch_indices($std).next().map(|(i, m)| (i, i + m.len()))
            }

            fn fold_split<'s, F: Folder<&'s str>>(&self, s: &'s str, folder: F) -> F {
                let $this = self;
                folder.consume_iter(s.split($std))
            }

            fn fold_split_inclusive<'s, F>(&self, s: &'s str, folder: F) -> F
            where
                F: Folder<&'s str>,
            {
                let $this = self;
                folder.consume_iter(s.split_inclusive($std))
            }

            fn fold_split_terminator<'s, F>(&self, s: &'s str, folder: F) -> F
            where
                F: Folder<&'s str>,
            {
                let $this = self;
                folder.consume_iter(s.split_terminator($std))
            }

            fn fold_matches<'s, F: Folder<&'s str>>(&self, s: &'s str, folder: F) -> F {
                let $this = self;
                folder.consume_iter(s.matches($std))
            }

            fn fold_match_indices<'s, F>(&self, s: &'s str, base: usize, folder: F) -> F
            where
                F: Folder<(usize, &'s str)>,
            {
                let $this = self;
                folder.consume_iter(s.match_indices($std).map(|(i, m)| (base + i, m)))
            }
        }
    };
}

pattern!([] char, |c| *c);
pattern!([<'a>] &'a [char], |set| *set);
pattern!([<const N: usize>] [char; N], |set| *set);
pattern!([<'a, const N: usize>] &'a [char; N], |set| *set);
// `&F` is itself a `FnMut(char) -> bool`, so the closure is searched with by reference.
pattern!([<Pred: Fn(char) -> bool + Sync + Send>] Pred, |f| f);
