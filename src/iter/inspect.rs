use std::fmt;

use super::cloned::via_map;
use super::plumbing::{Consumer, ProducerCallback, UnindexedConsumer};
use super::{IndexedParallelIterator, ParallelIterator};

/// The iterator returned by [`ParallelIterator::inspect`].
///
/// # Examples
///
/// ```
/// use beat::prelude::*;
/// let it: beat::iter::Inspect<_, _> = (0..3).into_par_iter().inspect(|x| assert!(*x < 3));
/// assert_eq!(it.count(), 3);
/// ```
#[must_use = "iterator adapters are lazy and do nothing unless consumed"]
#[derive(Clone)]
pub struct Inspect<I, F> {
    base: I,
    op: F,
}

impl<I: fmt::Debug, F> fmt::Debug for Inspect<I, F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Inspect").field("base", &self.base).finish()
    }
}

impl<I, F> Inspect<I, F> {
    pub(super) fn new(base: I, op: F) -> Self {
        Inspect { base, op }
    }
}

via_map! {
    impl<I, F> for Inspect<I, F>
    where [I: ParallelIterator, F: Fn(&I::Item) + Sync + Send,]
          [I: IndexedParallelIterator, F: Fn(&I::Item) + Sync + Send,]
    item = I::Item;
    |this| {
        let op = this.op;
        this.base.map(move |x| {
            op(&x);
            x
        })
    }
}
