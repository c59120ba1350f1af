use std::fmt;

use super::cloned::via_map;
use super::plumbing::{Consumer, ProducerCallback, UnindexedConsumer};
use super::{IndexedParallelIterator, ParallelIterator};

/// The iterator returned by [`ParallelIterator::update`].
///
/// # Examples
///
/// ```
/// use beat::prelude::*;
/// let it: beat::iter::Update<_, _> = (0..3).into_par_iter().update(|x| *x *= 2);
/// assert_eq!(it.sum::<i32>(), 6);
/// ```
#[must_use = "iterator adapters are lazy and do nothing unless consumed"]
#[derive(Clone)]
pub struct Update<I, F> {
    base: I,
    op: F,
}

impl<I: fmt::Debug, F> fmt::Debug for Update<I, F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Update").field("base", &self.base).finish()
    }
}

impl<I, F> Update<I, F> {
    pub(super) fn new(base: I, op: F) -> Self {
        Update { base, op }
    }
}

via_map! {
    impl<I, F> for Update<I, F>
    where [I: ParallelIterator, F: Fn(&mut I::Item) + Sync + Send,]
          [I: IndexedParallelIterator, F: Fn(&mut I::Item) + Sync + Send,]
    item = I::Item;
    |this| {
        let op = this.op;
        this.base.map(move |mut x| {
            op(&mut x);
            x
        })
    }
}
