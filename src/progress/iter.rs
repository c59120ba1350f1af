//! The adapter: counts the items that pass at each leaf and adds the count to the bar once
//! per leaf, so a bar costs one atomic add per batch, not one per item.

use std::fmt;

use super::ProgressBar;
use crate::iter::plumbing::{Consumer, Folder, Producer, ProducerCallback, UnindexedConsumer};
use crate::iter::{IndexedParallelIterator, ParallelIterator};

/// The iterator returned by [`ParallelProgressIterator`](super::ParallelProgressIterator)'s
/// methods: the same items as its base, counted on a [`ProgressBar`].
///
/// It is indexed when its base is.
///
/// # Examples
///
/// ```
/// use beat::prelude::*;
/// use beat::progress::{ParallelProgressIterator, ProgressBar};
///
/// let bar = ProgressBar::hidden();
/// let it: beat::progress::ProgressBarIter<_> = (0..10).into_par_iter().progress_with(bar);
/// assert_eq!(it.progress_bar().position(), 0);
/// assert_eq!(it.len(), 10);
/// ```
#[must_use = "iterator adapters are lazy and do nothing unless consumed"]
#[derive(Clone)]
pub struct ProgressBarIter<I> {
    base: I,
    bar: ProgressBar,
}

impl<I: fmt::Debug> fmt::Debug for ProgressBarIter<I> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ProgressBarIter")
            .field("base", &self.base)
            .field("bar", &self.bar)
            .finish()
    }
}

impl<I> ProgressBarIter<I> {
    pub(super) fn new(base: I, bar: ProgressBar) -> Self {
        ProgressBarIter { base, bar }
    }

    /// The bar this iterator advances.
    ///
    /// # Examples
    ///
    /// ```
    /// use beat::prelude::*;
    /// use beat::progress::ParallelProgressIterator;
    ///
    /// let it = vec![1, 2, 3].into_par_iter().progress();
    /// assert_eq!(it.progress_bar().length(), Some(3));
    /// ```
    pub fn progress_bar(&self) -> &ProgressBar {
        &self.bar
    }
}

impl<I: ParallelIterator> ParallelIterator for ProgressBarIter<I> {
    type Item = I::Item;

    fn drive_unindexed<C>(self, consumer: C) -> C::Result
    where
        C: UnindexedConsumer<I::Item>,
    {
        self.base.drive_unindexed(ProgressConsumer {
            base: consumer,
            bar: &self.bar,
        })
    }

    fn opt_len(&self) -> Option<usize> {
        self.base.opt_len()
    }
}

impl<I: IndexedParallelIterator> IndexedParallelIterator for ProgressBarIter<I> {
    fn drive<C: Consumer<I::Item>>(self, consumer: C) -> C::Result {
        self.base.drive(ProgressConsumer {
            base: consumer,
            bar: &self.bar,
        })
    }

    fn len(&self) -> usize {
        self.base.len()
    }

    fn with_producer<CB: ProducerCallback<I::Item>>(self, callback: CB) -> CB::Output {
        return self.base.with_producer(Callback {
            callback,
            bar: &self.bar,
        });

        struct Callback<'b, CB> {
            callback: CB,
            bar: &'b ProgressBar,
        }

        impl<T, CB: ProducerCallback<T>> ProducerCallback<T> for Callback<'_, CB> {
            type Output = CB::Output;
            fn callback<P: Producer<Item = T>>(self, base: P) -> CB::Output {
                self.callback.callback(ProgressProducer {
                    base,
                    bar: self.bar,
                })
            }
        }
    }
}

struct ProgressProducer<'b, P> {
    base: P,
    bar: &'b ProgressBar,
}

impl<'b, P: Producer> Producer for ProgressProducer<'b, P> {
    type Item = P::Item;
    type IntoIter = Counted<'b, P::IntoIter>;

    fn into_iter(self) -> Self::IntoIter {
        Counted {
            iter: self.base.into_iter(),
            bar: self.bar,
            n: 0,
        }
    }
    fn min_len(&self) -> usize {
        self.base.min_len()
    }
    fn max_len(&self) -> usize {
        self.base.max_len()
    }
    #[inline]
    fn split_at(self, index: usize) -> (Self, Self) {
        let (l, r) = self.base.split_at(index);
        let bar = self.bar;
        (
            ProgressProducer { base: l, bar },
            ProgressProducer { base: r, bar },
        )
    }
    #[inline]
    fn fold_with<F: Folder<P::Item>>(self, folder: F) -> F {
        let f = self.base.fold_with(ProgressFolder {
            base: folder,
            bar: self.bar,
            n: 0,
        });
        f.bar.inc(f.n);
        f.base
    }
}

/// A producer's leaf iterator: counts what it yields and adds the count when dropped.
struct Counted<'b, I> {
    iter: I,
    bar: &'b ProgressBar,
    n: u64,
}

impl<I: Iterator> Iterator for Counted<'_, I> {
    type Item = I::Item;

    #[inline]
    fn next(&mut self) -> Option<I::Item> {
        let x = self.iter.next()?;
        self.n += 1;
        Some(x)
    }
    fn size_hint(&self) -> (usize, Option<usize>) {
        self.iter.size_hint()
    }
}

impl<I: DoubleEndedIterator> DoubleEndedIterator for Counted<'_, I> {
    #[inline]
    fn next_back(&mut self) -> Option<I::Item> {
        let x = self.iter.next_back()?;
        self.n += 1;
        Some(x)
    }
}

impl<I: ExactSizeIterator> ExactSizeIterator for Counted<'_, I> {
    fn len(&self) -> usize {
        self.iter.len()
    }
}

impl<I> Drop for Counted<'_, I> {
    fn drop(&mut self) {
        if self.n > 0 {
            self.bar.inc(self.n);
        }
    }
}

struct ProgressConsumer<'b, C> {
    base: C,
    bar: &'b ProgressBar,
}

impl<'b, T, C: Consumer<T>> Consumer<T> for ProgressConsumer<'b, C> {
    type Folder = ProgressFolder<'b, C::Folder>;
    type Reducer = C::Reducer;
    type Result = C::Result;

    #[inline]
    fn split_at(self, index: usize) -> (Self, Self, C::Reducer) {
        let (l, r, red) = self.base.split_at(index);
        let bar = self.bar;
        (
            ProgressConsumer { base: l, bar },
            ProgressConsumer { base: r, bar },
            red,
        )
    }
    #[inline]
    fn into_folder(self) -> Self::Folder {
        ProgressFolder {
            base: self.base.into_folder(),
            bar: self.bar,
            n: 0,
        }
    }
    fn full(&self) -> bool {
        self.base.full()
    }
}

impl<T, C: UnindexedConsumer<T>> UnindexedConsumer<T> for ProgressConsumer<'_, C> {
    fn split_off_left(&self) -> Self {
        ProgressConsumer {
            base: self.base.split_off_left(),
            bar: self.bar,
        }
    }
    fn to_reducer(&self) -> C::Reducer {
        self.base.to_reducer()
    }
}

/// A leaf: counts in a plain field and adds to the bar once, in `complete`.
struct ProgressFolder<'b, F> {
    base: F,
    bar: &'b ProgressBar,
    n: u64,
}

impl<T, F: Folder<T>> Folder<T> for ProgressFolder<'_, F> {
    type Result = F::Result;

    #[inline]
    fn consume(self, item: T) -> Self {
        ProgressFolder {
            base: self.base.consume(item),
            bar: self.bar,
            n: self.n + 1,
        }
    }
    #[inline]
    fn consume_iter<I: IntoIterator<Item = T>>(self, iter: I) -> Self {
        let mut n = self.n;
        let base = self.base.consume_iter(iter.into_iter().inspect(|_| n += 1));
        ProgressFolder {
            base,
            bar: self.bar,
            n,
        }
    }
    #[inline]
    fn complete(self) -> F::Result {
        self.bar.inc(self.n);
        self.base.complete()
    }
    fn full(&self) -> bool {
        self.base.full()
    }
}
