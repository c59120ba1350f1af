use super::noop::NoopReducer;
use super::plumbing::{Consumer, Folder, UnindexedConsumer};
use super::ParallelIterator;

pub(super) fn for_each<I, F>(pi: I, op: &F)
where
    I: ParallelIterator,
    F: Fn(I::Item) + Sync,
{
    pi.drive_unindexed(ForEachConsumer { op })
}

struct ForEachConsumer<'f, F> {
    op: &'f F,
}

impl<'f, T, F: Fn(T) + Sync> Consumer<T> for ForEachConsumer<'f, F> {
    type Folder = Self;
    type Reducer = NoopReducer;
    type Result = ();

    #[inline]
    fn split_at(self, _index: usize) -> (Self, Self, NoopReducer) {
        (ForEachConsumer { op: self.op }, self, NoopReducer)
    }
    #[inline]
    fn into_folder(self) -> Self {
        self
    }
    fn full(&self) -> bool {
        false
    }
}

impl<'f, T, F: Fn(T) + Sync> UnindexedConsumer<T> for ForEachConsumer<'f, F> {
    fn split_off_left(&self) -> Self {
        ForEachConsumer { op: self.op }
    }
    fn to_reducer(&self) -> NoopReducer {
        NoopReducer
    }
}

impl<'f, T, F: Fn(T)> Folder<T> for ForEachConsumer<'f, F> {
    type Result = ();

    #[inline]
    fn consume(self, item: T) -> Self {
        (self.op)(item);
        self
    }
    #[inline]
    fn consume_iter<I: IntoIterator<Item = T>>(self, iter: I) -> Self {
        iter.into_iter().for_each(self.op);
        self
    }
    #[inline]
    fn complete(self) {}
    fn full(&self) -> bool {
        false
    }
}
