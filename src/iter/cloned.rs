use super::plumbing::{Consumer, ProducerCallback, UnindexedConsumer};
use super::{IndexedParallelIterator, ParallelIterator};

/// Implements `ParallelIterator` and `IndexedParallelIterator` for an adapter that is a
/// `map` with a closure built from its fields: `$build` turns `self` into that `Map`.
macro_rules! via_map {
    (
        impl<$($g:tt),*> for $ty:ty where [$($bounds:tt)*] [$($ibounds:tt)*]
        item = $item:ty;
        |$this:ident| $build:expr
    ) => {
        impl<$($g),*> ParallelIterator for $ty
        where
            $($bounds)*
        {
            type Item = $item;

            fn drive_unindexed<C>(self, consumer: C) -> C::Result
            where
                C: UnindexedConsumer<$item>,
            {
                let $this = self;
                $build.drive_unindexed(consumer)
            }

            fn opt_len(&self) -> Option<usize> {
                self.base.opt_len()
            }
        }

        impl<$($g),*> IndexedParallelIterator for $ty
        where
            $($ibounds)*
        {
            fn drive<C: Consumer<$item>>(self, consumer: C) -> C::Result {
                let $this = self;
                $build.drive(consumer)
            }

            fn len(&self) -> usize {
                self.base.len()
            }

            fn with_producer<CB: ProducerCallback<$item>>(self, callback: CB) -> CB::Output {
                let $this = self;
                $build.with_producer(callback)
            }
        }
    };
}
pub(super) use via_map;

/// The iterator returned by [`ParallelIterator::cloned`].
///
/// # Examples
///
/// ```
/// use beat::prelude::*;
/// let v = [1, 2, 3];
/// let it: beat::iter::Cloned<_> = v.par_iter().cloned();
/// assert_eq!(it.sum::<i32>(), 6);
/// ```
#[must_use = "iterator adapters are lazy and do nothing unless consumed"]
#[derive(Clone, Debug)]
pub struct Cloned<I> {
    base: I,
}

impl<I> Cloned<I> {
    pub(super) fn new(base: I) -> Self {
        Cloned { base }
    }
}

via_map! {
    impl<'a, T, I> for Cloned<I>
    where [I: ParallelIterator<Item = &'a T>, T: 'a + Clone + Send + Sync,]
          [I: IndexedParallelIterator<Item = &'a T>, T: 'a + Clone + Send + Sync,]
    item = T;
    |this| this.base.map(|x: &'a T| x.clone())
}
