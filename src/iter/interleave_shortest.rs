use super::plumbing::{Consumer, ProducerCallback, UnindexedConsumer};
use super::{IndexedParallelIterator, Interleave, ParallelIterator, Take};

/// The iterator returned by [`IndexedParallelIterator::interleave_shortest`].
///
/// # Examples
///
/// ```
/// use beat::prelude::*;
/// let it: beat::iter::InterleaveShortest<_, _> =
///     (0..5).into_par_iter().interleave_shortest(10..12);
/// assert_eq!(it.collect::<Vec<_>>(), [0, 10, 1, 11, 2]);
/// ```
#[must_use = "iterator adapters are lazy and do nothing unless consumed"]
#[derive(Clone, Debug)]
pub struct InterleaveShortest<I, J> {
    interleave: Interleave<Take<I>, Take<J>>,
}

impl<I, J> InterleaveShortest<I, J>
where
    I: IndexedParallelIterator,
    J: IndexedParallelIterator<Item = I::Item>,
{
    pub(super) fn new(i: I, j: J) -> Self {
        // Turns alternate, `i` first, until the side whose turn it is has run out: `i`
        // gives one item more than `j` when it is the longer one.
        let (i_len, j_len) = (i.len(), j.len());
        let (i_take, j_take) = if i_len <= j_len {
            (i_len, i_len)
        } else {
            (j_len + 1, j_len)
        };
        InterleaveShortest {
            interleave: Interleave::new(Take::new(i, i_take), Take::new(j, j_take)),
        }
    }
}

impl<I, J> ParallelIterator for InterleaveShortest<I, J>
where
    I: IndexedParallelIterator,
    J: IndexedParallelIterator<Item = I::Item>,
{
    type Item = I::Item;

    fn drive_unindexed<C>(self, consumer: C) -> C::Result
    where
        C: UnindexedConsumer<Self::Item>,
    {
        self.interleave.drive_unindexed(consumer)
    }

    fn opt_len(&self) -> Option<usize> {
        Some(self.len())
    }
}

impl<I, J> IndexedParallelIterator for InterleaveShortest<I, J>
where
    I: IndexedParallelIterator,
    J: IndexedParallelIterator<Item = I::Item>,
{
    fn drive<C: Consumer<Self::Item>>(self, consumer: C) -> C::Result {
        self.interleave.drive(consumer)
    }

    fn len(&self) -> usize {
        self.interleave.len()
    }

    fn with_producer<CB: ProducerCallback<Self::Item>>(self, callback: CB) -> CB::Output {
        self.interleave.with_producer(callback)
    }
}
