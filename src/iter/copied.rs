use super::cloned::via_map;
use super::plumbing::{Consumer, ProducerCallback, UnindexedConsumer};
use super::{IndexedParallelIterator, ParallelIterator};

/// The iterator returned by [`ParallelIterator::copied`].
///
/// # Examples
///
/// ```
/// use beat::prelude::*;
/// let v = [1, 2, 3];
/// let it: beat::iter::Copied<_> = v.par_iter().copied();
/// assert_eq!(it.sum::<i32>(), 6);
/// ```
#[must_use = "iterator adapters are lazy and do nothing unless consumed"]
#[derive(Clone, Debug)]
pub struct Copied<I> {
    base: I,
}

impl<I> Copied<I> {
    pub(super) fn new(base: I) -> Self {
        Copied { base }
    }
}

via_map! {
    impl<'a, T, I> for Copied<I>
    where [I: ParallelIterator<Item = &'a T>, T: 'a + Copy + Send + Sync,]
          [I: IndexedParallelIterator<Item = &'a T>, T: 'a + Copy + Send + Sync,]
    item = T;
    |this| this.base.map(|x: &'a T| *x)
}
