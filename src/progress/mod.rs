//! Progress bars for parallel iterators (the `progress` feature).
//!
//! [`ParallelProgressIterator`] adds `.progress()`, `.progress_count(n)` and
//! `.progress_with(bar)` to every parallel iterator, with the shapes of indicatif's rayon
//! support: the items pass through unchanged and are counted on a [`ProgressBar`], which
//! draws itself on stderr at most ten times a second while stderr is a terminal. Counting
//! is cheap: each leaf of the parallel work counts its items in a local variable and adds
//! them to the bar's atomic position once, when the leaf is done. The bar therefore moves
//! in steps of one batch, and a bar read while the work runs lags by the batches in flight.
//!
//! The feature adds no dependency.
//!
//! # Examples
//!
//! ```
//! use beat::prelude::*;
//! use beat::progress::{ParallelProgressIterator, ProgressBar};
//!
//! // A bar of 1000 items, drawn if stderr is a terminal.
//! let squares: Vec<u64> = (0..1000u32)
//!     .into_par_iter()
//!     .progress()
//!     .map(|x| u64::from(x).pow(2))
//!     .collect();
//! assert_eq!(squares[999], 998_001);
//!
//! // A bar kept by the caller, to read or finish it afterwards.
//! let bar = ProgressBar::hidden();
//! let evens = (0..1000)
//!     .into_par_iter()
//!     .filter(|x| x % 2 == 0)
//!     .progress_with(bar.clone())
//!     .count();
//! assert_eq!((evens, bar.position()), (500, 500));
//! bar.finish();
//! ```

mod bar;
mod iter;

pub use self::bar::ProgressBar;
pub use self::iter::ProgressBarIter;

use crate::iter::{IndexedParallelIterator, ParallelIterator};

/// Counts a parallel iterator's items on a [`ProgressBar`].
///
/// Implemented for every [`ParallelIterator`]. The adapter is indexed when the iterator is,
/// so `zip`, `enumerate`, `collect_into_vec` and the like still apply after it.
///
/// # Examples
///
/// ```
/// use beat::prelude::*;
/// use beat::progress::ParallelProgressIterator;
///
/// let v: Vec<u32> = (0..100).collect();
/// let doubled: Vec<u32> = v.par_iter().progress().map(|x| x * 2).collect();
/// assert_eq!(doubled[99], 198);
/// ```
pub trait ParallelProgressIterator: ParallelIterator {
    /// Counts the items on `bar`, which the caller may keep a clone of.
    ///
    /// # Examples
    ///
    /// ```
    /// use beat::prelude::*;
    /// use beat::progress::{ParallelProgressIterator, ProgressBar};
    ///
    /// let bar = ProgressBar::hidden();
    /// let sum: u64 = (1..=100u64).into_par_iter().progress_with(bar.clone()).sum();
    /// assert_eq!((sum, bar.position()), (5050, 100));
    /// ```
    fn progress_with(self, bar: ProgressBar) -> ProgressBarIter<Self>;

    /// Counts the items on a new bar of `len` items (for iterators whose length is not
    /// known up front, or a total of your own choosing).
    ///
    /// # Examples
    ///
    /// ```
    /// use beat::prelude::*;
    /// use beat::progress::ParallelProgressIterator;
    ///
    /// let it = (0..100).into_par_iter().filter(|x| x % 3 == 0).progress_count(34);
    /// assert_eq!(it.progress_bar().length(), Some(34));
    /// assert_eq!(it.count(), 34);
    /// ```
    fn progress_count(self, len: u64) -> ProgressBarIter<Self> {
        self.progress_with(ProgressBar::new(len))
    }

    /// Counts the items on a new bar whose length is the iterator's.
    ///
    /// # Examples
    ///
    /// ```
    /// use beat::prelude::*;
    /// use beat::progress::ParallelProgressIterator;
    ///
    /// let it = (0..50).into_par_iter().progress();
    /// assert_eq!(it.progress_bar().length(), Some(50));
    /// assert_eq!(it.sum::<i32>(), 1225);
    /// ```
    fn progress(self) -> ProgressBarIter<Self>
    where
        Self: IndexedParallelIterator,
    {
        let len = self.len() as u64;
        self.progress_count(len)
    }
}

impl<I: ParallelIterator> ParallelProgressIterator for I {
    fn progress_with(self, bar: ProgressBar) -> ProgressBarIter<Self> {
        ProgressBarIter::new(self, bar)
    }
}
