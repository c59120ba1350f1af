//! `interleave`: the items of two indexed iterators in turn, then the rest of the longer.

use super::plumbing::{bridge, Consumer, Producer, ProducerCallback, UnindexedConsumer};
use super::{IndexedParallelIterator, ParallelIterator};

/// The iterator returned by [`IndexedParallelIterator::interleave`].
///
/// # Examples
///
/// ```
/// use beat::prelude::*;
/// let it: beat::iter::Interleave<_, _> = (0..3).into_par_iter().interleave(10..12);
/// assert_eq!(it.collect::<Vec<_>>(), [0, 10, 1, 11, 2]);
/// ```
#[must_use = "iterator adapters are lazy and do nothing unless consumed"]
#[derive(Clone, Debug)]
pub struct Interleave<I, J> {
    i: I,
    j: J,
}

impl<I, J> Interleave<I, J> {
    pub(super) fn new(i: I, j: J) -> Self {
        Interleave { i, j }
    }
}

impl<I, J> ParallelIterator for Interleave<I, J>
where
    I: IndexedParallelIterator,
    J: IndexedParallelIterator<Item = I::Item>,
{
    type Item = I::Item;

    fn drive_unindexed<C>(self, consumer: C) -> C::Result
    where
        C: UnindexedConsumer<Self::Item>,
    {
        bridge(self, consumer)
    }

    fn opt_len(&self) -> Option<usize> {
        Some(self.len())
    }
}

impl<I, J> IndexedParallelIterator for Interleave<I, J>
where
    I: IndexedParallelIterator,
    J: IndexedParallelIterator<Item = I::Item>,
{
    fn drive<C: Consumer<Self::Item>>(self, consumer: C) -> C::Result {
        bridge(self, consumer)
    }

    /// # Panics
    ///
    /// If the two lengths add up to more than `usize::MAX`.
    fn len(&self) -> usize {
        self.i
            .len()
            .checked_add(self.j.len())
            .expect("interleave: length overflows usize")
    }

    fn with_producer<CB: ProducerCallback<Self::Item>>(self, callback: CB) -> CB::Output {
        let i_len = self.i.len();
        let j_len = self.j.len();
        return self.i.with_producer(CallbackI {
            callback,
            j: self.j,
            i_len,
            j_len,
        });

        struct CallbackI<CB, J> {
            callback: CB,
            j: J,
            i_len: usize,
            j_len: usize,
        }

        impl<CB, J> ProducerCallback<J::Item> for CallbackI<CB, J>
        where
            J: IndexedParallelIterator,
            CB: ProducerCallback<J::Item>,
        {
            type Output = CB::Output;
            fn callback<P: Producer<Item = J::Item>>(self, i: P) -> CB::Output {
                self.j.with_producer(CallbackJ {
                    callback: self.callback,
                    i,
                    i_len: self.i_len,
                    j_len: self.j_len,
                })
            }
        }

        struct CallbackJ<CB, P> {
            callback: CB,
            i: P,
            i_len: usize,
            j_len: usize,
        }

        impl<CB, P> ProducerCallback<P::Item> for CallbackJ<CB, P>
        where
            P: Producer,
            CB: ProducerCallback<P::Item>,
        {
            type Output = CB::Output;
            fn callback<Q: Producer<Item = P::Item>>(self, j: Q) -> CB::Output {
                self.callback.callback(InterleaveProducer {
                    i: self.i,
                    j,
                    i_len: self.i_len,
                    j_len: self.j_len,
                    j_next: false,
                })
            }
        }
    }
}

/// The items of `i` and `j` in turn, starting with `j` when `j_next`, until one runs out;
/// then the rest of the other.
struct InterleaveProducer<I, J> {
    i: I,
    j: J,
    i_len: usize,
    j_len: usize,
    j_next: bool,
}

impl<I, J> InterleaveProducer<I, J> {
    /// How many of the first `n` outputs come from `i` and from `j`.
    fn counts(&self, n: usize) -> (usize, usize) {
        // While both last, the sides alternate; the side that starts gets the odd one.
        let (first, second) = (n.div_ceil(2), n / 2);
        let (from_i, from_j) = if self.j_next {
            (second, first)
        } else {
            (first, second)
        };
        if from_i > self.i_len {
            (self.i_len, n - self.i_len)
        } else if from_j > self.j_len {
            (n - self.j_len, self.j_len)
        } else {
            (from_i, from_j)
        }
    }
}

impl<I, J> Producer for InterleaveProducer<I, J>
where
    I: Producer,
    J: Producer<Item = I::Item>,
{
    type Item = I::Item;
    type IntoIter = InterleaveSeq<I::IntoIter, J::IntoIter>;

    fn into_iter(self) -> Self::IntoIter {
        InterleaveSeq {
            i: self.i.into_iter(),
            j: self.j.into_iter(),
            j_next: self.j_next,
        }
    }
    fn min_len(&self) -> usize {
        self.i.min_len().max(self.j.min_len())
    }
    fn max_len(&self) -> usize {
        self.i.max_len().min(self.j.max_len())
    }
    fn split_at(self, index: usize) -> (Self, Self) {
        let (n_i, n_j) = self.counts(index);
        let (il, ir) = self.i.split_at(n_i);
        let (jl, jr) = self.j.split_at(n_j);
        let left = InterleaveProducer {
            i: il,
            j: jl,
            i_len: n_i,
            j_len: n_j,
            j_next: self.j_next,
        };
        let right = InterleaveProducer {
            i: ir,
            j: jr,
            i_len: self.i_len - n_i,
            j_len: self.j_len - n_j,
            // Only matters while both sides last, when the turns have alternated.
            j_next: self.j_next ^ (index % 2 == 1),
        };
        (left, right)
    }
}

/// The sequential iterator of an [`InterleaveProducer`].
struct InterleaveSeq<I, J> {
    i: I,
    j: J,
    /// Whether the next item from the front comes from `j`, while both sides last.
    j_next: bool,
}

impl<I, J> Iterator for InterleaveSeq<I, J>
where
    I: Iterator,
    J: Iterator<Item = I::Item>,
{
    type Item = I::Item;

    fn next(&mut self) -> Option<I::Item> {
        let item = if self.j_next {
            self.j.next().or_else(|| self.i.next())
        } else {
            self.i.next().or_else(|| self.j.next())
        };
        self.j_next = !self.j_next;
        item
    }
    fn size_hint(&self) -> (usize, Option<usize>) {
        let (il, ih) = self.i.size_hint();
        let (jl, jh) = self.j.size_hint();
        let high = match (ih, jh) {
            (Some(a), Some(b)) => a.checked_add(b),
            _ => None,
        };
        (il.saturating_add(jl), high)
    }
}

impl<I, J> DoubleEndedIterator for InterleaveSeq<I, J>
where
    I: DoubleEndedIterator + ExactSizeIterator,
    J: DoubleEndedIterator<Item = I::Item> + ExactSizeIterator,
{
    fn next_back(&mut self) -> Option<I::Item> {
        // The longer side ends the sequence; of equal ones, the side that does not start.
        let from_j = match self.i.len().cmp(&self.j.len()) {
            std::cmp::Ordering::Less => true,
            std::cmp::Ordering::Greater => false,
            std::cmp::Ordering::Equal => !self.j_next,
        };
        if from_j {
            self.j.next_back()
        } else {
            self.i.next_back()
        }
    }
}

impl<I, J> ExactSizeIterator for InterleaveSeq<I, J>
where
    I: DoubleEndedIterator + ExactSizeIterator,
    J: DoubleEndedIterator<Item = I::Item> + ExactSizeIterator,
{
}
