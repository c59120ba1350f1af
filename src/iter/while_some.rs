use std::sync::atomic::{AtomicBool, Ordering};

use super::plumbing::{Consumer, Folder, UnindexedConsumer};
use super::ParallelIterator;

/// The iterator returned by [`ParallelIterator::while_some`].
///
/// # Examples
///
/// ```
/// use beat::prelude::*;
/// let it: beat::iter::WhileSome<_> = (0..3).into_par_iter().map(Some).while_some();
/// assert_eq!(it.sum::<i32>(), 3);
/// ```
#[must_use = "iterator adapters are lazy and do nothing unless consumed"]
#[derive(Clone, Debug)]
pub struct WhileSome<I> {
    base: I,
}

impl<I> WhileSome<I> {
    pub(super) fn new(base: I) -> Self {
        WhileSome { base }
    }
}

impl<I, T> ParallelIterator for WhileSome<I>
where
    I: ParallelIterator<Item = Option<T>>,
    T: Send,
{
    type Item = T;

    fn drive_unindexed<C>(self, consumer: C) -> C::Result
    where
        C: UnindexedConsumer<T>,
    {
        let stop = AtomicBool::new(false);
        self.base.drive_unindexed(WhileSomeConsumer {
            base: consumer,
            stop: &stop,
        })
    }
}

/// Passes on the values of `Some` items; the first `None` any piece meets sets `stop`, and
/// every piece then ends at its next check.
///
/// `stop` is only a hint to quit early: it publishes no data, so its loads and stores are
/// Relaxed and pair with nothing. Results still reach the caller through the joins.
struct WhileSomeConsumer<'s, C> {
    base: C,
    stop: &'s AtomicBool,
}

impl<'s, T, C> Consumer<Option<T>> for WhileSomeConsumer<'s, C>
where
    C: Consumer<T>,
    T: Send,
{
    type Folder = WhileSomeFolder<'s, C::Folder>;
    type Reducer = C::Reducer;
    type Result = C::Result;

    #[inline]
    fn split_at(self, index: usize) -> (Self, Self, C::Reducer) {
        let (l, r, red) = self.base.split_at(index);
        let stop = self.stop;
        (
            WhileSomeConsumer { base: l, stop },
            WhileSomeConsumer { base: r, stop },
            red,
        )
    }
    #[inline]
    fn into_folder(self) -> Self::Folder {
        WhileSomeFolder {
            base: self.base.into_folder(),
            stop: self.stop,
        }
    }
    fn full(&self) -> bool {
        self.stop.load(Ordering::Relaxed) || self.base.full()
    }
}

impl<'s, T, C> UnindexedConsumer<Option<T>> for WhileSomeConsumer<'s, C>
where
    C: UnindexedConsumer<T>,
    T: Send,
{
    fn split_off_left(&self) -> Self {
        WhileSomeConsumer {
            base: self.base.split_off_left(),
            stop: self.stop,
        }
    }
    fn to_reducer(&self) -> C::Reducer {
        self.base.to_reducer()
    }
}

/// The leaf end of [`WhileSomeConsumer`], sharing its `stop` flag (same ordering rules).
struct WhileSomeFolder<'s, F> {
    base: F,
    stop: &'s AtomicBool,
}

impl<'s, T, F> Folder<Option<T>> for WhileSomeFolder<'s, F>
where
    F: Folder<T>,
{
    type Result = F::Result;

    #[inline]
    fn consume(mut self, item: Option<T>) -> Self {
        match item {
            Some(x) => self.base = self.base.consume(x),
            None => self.stop.store(true, Ordering::Relaxed),
        }
        self
    }
    #[inline]
    fn consume_iter<I: IntoIterator<Item = Option<T>>>(mut self, iter: I) -> Self {
        let stop = self.stop;
        // Within a leaf, stop at this piece's own `None` at once; another piece's `None` is
        // noticed between items through the shared flag.
        let values = iter.into_iter().map_while(|item| {
            if item.is_none() {
                stop.store(true, Ordering::Relaxed);
            }
            item.filter(|_| !stop.load(Ordering::Relaxed))
        });
        self.base = self.base.consume_iter(values);
        self
    }
    #[inline]
    fn complete(self) -> F::Result {
        self.base.complete()
    }
    fn full(&self) -> bool {
        self.stop.load(Ordering::Relaxed) || self.base.full()
    }
}
