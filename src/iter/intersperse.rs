//! `intersperse`: a clone of a separator between every two adjacent items.
//!
//! When the base iterator knows its length, every split is at an exact index, so a piece
//! knows whether any item comes before it: it puts a separator before its first item
//! exactly then ([`Exact`]). The same holds for the producer of an indexed `Intersperse`,
//! whose output simply alternates between items and separators ([`SepProducer`]).
//!
//! Without a known length, a piece cannot know whether the pieces to its left will yield
//! anything. So every split reserves a *slot*, a consumer of the base cut off just left of
//! the right piece ([`Slotted`]). The reducer that joins two adjacent pieces fills that slot
//! with one separator when both pieces turned out to hold items, and leaves it empty
//! otherwise ([`SlotReducer`]); then pieces that yield nothing put nothing in between.

use std::cell::Cell;

use super::plumbing::{Consumer, Folder, Producer, ProducerCallback, Reducer, UnindexedConsumer};
use super::{IndexedParallelIterator, ParallelIterator};

/// The iterator returned by [`ParallelIterator::intersperse`].
///
/// # Examples
///
/// ```
/// use beat::prelude::*;
/// let it: beat::iter::Intersperse<_> = (1..4).into_par_iter().intersperse(0);
/// assert_eq!(it.collect::<Vec<_>>(), [1, 0, 2, 0, 3]);
/// ```
#[must_use = "iterator adapters are lazy and do nothing unless consumed"]
#[derive(Clone, Debug)]
pub struct Intersperse<I>
where
    I: ParallelIterator,
{
    base: I,
    item: I::Item,
}

impl<I> Intersperse<I>
where
    I: ParallelIterator<Item: Clone>,
{
    pub(super) fn new(base: I, item: I::Item) -> Self {
        Intersperse { base, item }
    }
}

/// How many items `n` items give with separators between them, if that fits in `usize`.
fn interspersed_len(n: usize) -> Option<usize> {
    match n {
        0 => Some(0),
        n => n.checked_add(n - 1),
    }
}

impl<I> ParallelIterator for Intersperse<I>
where
    I: ParallelIterator<Item: Clone>,
{
    type Item = I::Item;

    fn drive_unindexed<C>(self, consumer: C) -> C::Result
    where
        C: UnindexedConsumer<I::Item>,
    {
        if self.opt_len().is_some() {
            // A base that reports its length splits its consumer at exact indices only.
            self.base.drive_unindexed(Exact::new(consumer, self.item))
        } else {
            let item = self.item.clone();
            let result = self.base.drive_unindexed(Slotted {
                base: consumer,
                item: self.item,
                slot: Cell::new(None),
            });
            // The root piece has no slot; a leftmost piece never gets one.
            fill_slot(result.slot, false, &item, result.result)
        }
    }

    fn opt_len(&self) -> Option<usize> {
        interspersed_len(self.base.opt_len()?)
    }
}

impl<I> IndexedParallelIterator for Intersperse<I>
where
    I: IndexedParallelIterator<Item: Clone>,
{
    fn drive<C: Consumer<Self::Item>>(self, consumer: C) -> C::Result {
        self.base.drive(Exact::new(consumer, self.item))
    }

    /// # Panics
    ///
    /// If the length does not fit in `usize` (more than `usize::MAX / 2 + 1` base items).
    fn len(&self) -> usize {
        interspersed_len(self.base.len()).expect("intersperse: length overflows usize")
    }

    fn with_producer<CB: ProducerCallback<Self::Item>>(self, callback: CB) -> CB::Output {
        let len = self.len();
        return self.base.with_producer(Callback {
            callback,
            item: self.item,
            len,
        });

        struct Callback<CB, T> {
            callback: CB,
            item: T,
            len: usize,
        }

        impl<T, CB> ProducerCallback<T> for Callback<CB, T>
        where
            CB: ProducerCallback<T>,
            T: Clone + Send,
        {
            type Output = CB::Output;
            fn callback<P: Producer<Item = T>>(self, base: P) -> CB::Output {
                self.callback.callback(SepProducer {
                    base,
                    item: self.item,
                    len: self.len,
                    lead: false,
                })
            }
        }
    }
}

/// The first `len` items of `x0, s, x1, s, x2, ...` (or of `s, x0, s, x1, ...` when `lead`):
/// the base items with separators `s` strictly alternating between them.
struct SepProducer<P: Producer> {
    base: P,
    item: P::Item,
    len: usize,
    lead: bool,
}

/// How many of the first `len` outputs of an alternating sequence are base items.
#[inline]
fn items_among(len: usize, lead: bool) -> usize {
    if lead {
        len / 2
    } else {
        len.div_ceil(2)
    }
}

/// Whether output `i` of an alternating sequence is a separator.
#[inline]
fn is_sep(i: usize, lead: bool) -> bool {
    (i % 2 == 0) == lead
}

impl<P> Producer for SepProducer<P>
where
    P: Producer<Item: Clone + Send>,
{
    type Item = P::Item;
    type IntoIter = SepIter<P::IntoIter>;

    fn into_iter(self) -> Self::IntoIter {
        SepIter {
            base: self.base.into_iter(),
            item: self.item,
            len: self.len,
            front_sep: self.lead,
            back_sep: self.len > 0 && is_sep(self.len - 1, self.lead),
        }
    }
    fn min_len(&self) -> usize {
        // Every base item comes with a separator.
        self.base.min_len().saturating_mul(2)
    }
    fn max_len(&self) -> usize {
        self.base.max_len().saturating_mul(2)
    }
    fn split_at(self, index: usize) -> (Self, Self) {
        let (l, r) = self.base.split_at(items_among(index, self.lead));
        let left = SepProducer {
            base: l,
            item: self.item.clone(),
            len: index,
            lead: self.lead,
        };
        let right = SepProducer {
            base: r,
            item: self.item,
            len: self.len - index,
            lead: self.lead ^ (index % 2 == 1),
        };
        (left, right)
    }
    fn fold_with<F: Folder<P::Item>>(self, folder: F) -> F {
        let trailing = self.len > 0 && is_sep(self.len - 1, self.lead);
        let folded = self.base.fold_with(SepFolder {
            base: folder,
            item: self.item,
            pending: self.lead,
        });
        let SepFolder { base, item, .. } = folded;
        if trailing && !base.full() {
            base.consume(item)
        } else {
            base
        }
    }
}

/// The sequential iterator of a [`SepProducer`]: `len` outputs, alternating.
struct SepIter<I: Iterator> {
    base: I,
    item: I::Item,
    len: usize,
    /// Whether the next output from the front is a separator.
    front_sep: bool,
    /// Whether the next output from the back is a separator.
    back_sep: bool,
}

impl<I> Iterator for SepIter<I>
where
    I: DoubleEndedIterator<Item: Clone>,
{
    type Item = I::Item;

    fn next(&mut self) -> Option<I::Item> {
        self.len = self.len.checked_sub(1)?;
        // Outputs alternate: flip the flag, and the old value says what this one is.
        self.front_sep = !self.front_sep;
        if self.front_sep {
            self.base.next()
        } else {
            Some(self.item.clone())
        }
    }
    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.len, Some(self.len))
    }
}

impl<I> DoubleEndedIterator for SepIter<I>
where
    I: DoubleEndedIterator<Item: Clone>,
{
    fn next_back(&mut self) -> Option<I::Item> {
        self.len = self.len.checked_sub(1)?;
        self.back_sep = !self.back_sep;
        if self.back_sep {
            self.base.next_back()
        } else {
            Some(self.item.clone())
        }
    }
}

impl<I> ExactSizeIterator for SepIter<I> where I: DoubleEndedIterator<Item: Clone> {}

/// Puts a separator before every item it gets, except the first one when `pending` is
/// `false`.
struct SepFolder<F, T> {
    base: F,
    item: T,
    /// Whether a separator goes before the next item.
    pending: bool,
}

impl<F, T> Folder<T> for SepFolder<F, T>
where
    F: Folder<T>,
    T: Clone,
{
    type Result = F::Result;

    fn consume(mut self, item: T) -> Self {
        if self.pending {
            self.base = self.base.consume(self.item.clone());
            if self.base.full() {
                return self;
            }
        }
        self.pending = true;
        self.base = self.base.consume(item);
        self
    }
    fn consume_iter<I: IntoIterator<Item = T>>(self, iter: I) -> Self {
        let SepFolder {
            base,
            item,
            mut pending,
        } = self;
        let sep = &item;
        let base = base.consume_iter(iter.into_iter().flat_map(|x| {
            let before = pending.then(|| sep.clone());
            pending = true;
            before.into_iter().chain(Some(x))
        }));
        SepFolder {
            base,
            item,
            pending,
        }
    }
    fn complete(self) -> F::Result {
        self.base.complete()
    }
    fn full(&self) -> bool {
        self.base.full()
    }
}

/// The consumer of a base whose splits are at exact indices.
struct Exact<C, T> {
    base: C,
    item: T,
    /// Whether items come before this piece's first one, so that it gets a separator.
    lead: bool,
}

impl<C, T> Exact<C, T> {
    fn new(base: C, item: T) -> Self {
        Exact {
            base,
            item,
            lead: false,
        }
    }
}

impl<C, T> Consumer<T> for Exact<C, T>
where
    C: Consumer<T>,
    T: Clone + Send,
{
    type Folder = SepFolder<C::Folder, T>;
    type Reducer = C::Reducer;
    type Result = C::Result;

    fn split_at(self, index: usize) -> (Self, Self, C::Reducer) {
        // The first `index` items give `index` outputs and a separator before each one,
        // except the very first item of all.
        let outputs = match index {
            0 => 0,
            n => n.saturating_mul(2) - usize::from(!self.lead),
        };
        let (l, r, red) = self.base.split_at(outputs);
        let left = Exact {
            base: l,
            item: self.item.clone(),
            lead: self.lead,
        };
        let right = Exact {
            base: r,
            item: self.item,
            lead: self.lead || index > 0,
        };
        (left, right, red)
    }
    fn into_folder(self) -> Self::Folder {
        SepFolder {
            base: self.base.into_folder(),
            item: self.item,
            pending: self.lead,
        }
    }
    fn full(&self) -> bool {
        self.base.full()
    }
}

impl<C, T> UnindexedConsumer<T> for Exact<C, T>
where
    C: UnindexedConsumer<T>,
    T: Clone + Send,
{
    fn split_off_left(&self) -> Self {
        // Iterators that report their length split by index only, so this is not called
        // for them. Were it called, assuming that the left part is not empty is the best
        // guess: it is right unless that part yields nothing.
        Exact {
            base: self.base.split_off_left(),
            item: self.item.clone(),
            lead: self.lead,
        }
    }
    fn to_reducer(&self) -> C::Reducer {
        self.base.to_reducer()
    }
}

/// The consumer of a base of unknown length: see the module docs.
struct Slotted<C, T> {
    base: C,
    item: T,
    /// The slot for a separator just before this piece (`None` for a leftmost piece). A
    /// `Cell` because `split_off_left` takes `&self` and hands the slot to the left part.
    slot: Cell<Option<C>>,
}

impl<C, T> Consumer<T> for Slotted<C, T>
where
    C: UnindexedConsumer<T>,
    T: Clone + Send,
{
    type Folder = SlotFolder<C, T>;
    type Reducer = SlotReducer<C::Reducer, T>;
    type Result = SlotResult<C, C::Result>;

    fn split_at(self, index: usize) -> (Self, Self, Self::Reducer) {
        let (l, r, red) = self.base.split_at(index);
        // An empty split at the right part's start: the slot between the two parts.
        let (slot, r, _) = r.split_at(0);
        let left = Slotted {
            base: l,
            item: self.item.clone(),
            slot: self.slot,
        };
        let reducer = SlotReducer {
            base: red,
            item: self.item.clone(),
        };
        let right = Slotted {
            base: r,
            item: self.item,
            slot: Cell::new(Some(slot)),
        };
        (left, right, reducer)
    }
    fn into_folder(self) -> Self::Folder {
        SlotFolder {
            base: SepFolder {
                base: self.base.into_folder(),
                item: self.item,
                pending: false,
            },
            slot: self.slot.into_inner(),
        }
    }
    fn full(&self) -> bool {
        self.base.full()
    }
}

impl<C, T> UnindexedConsumer<T> for Slotted<C, T>
where
    C: UnindexedConsumer<T>,
    T: Clone + Send,
{
    fn split_off_left(&self) -> Self {
        let left = Slotted {
            base: self.base.split_off_left(),
            item: self.item.clone(),
            slot: Cell::new(self.slot.take()),
        };
        // Split off after `left`, so it lies between `left` and `self`.
        self.slot.set(Some(self.base.split_off_left()));
        left
    }
    fn to_reducer(&self) -> Self::Reducer {
        SlotReducer {
            base: self.base.to_reducer(),
            item: self.item.clone(),
        }
    }
}

/// A piece's folder: separators between its own items; the slot before it is kept for the
/// reducer.
struct SlotFolder<C: Consumer<T>, T> {
    base: SepFolder<C::Folder, T>,
    slot: Option<C>,
}

impl<C, T> Folder<T> for SlotFolder<C, T>
where
    C: Consumer<T>,
    T: Clone,
{
    type Result = SlotResult<C, C::Result>;

    fn consume(mut self, item: T) -> Self {
        self.base = self.base.consume(item);
        self
    }
    fn consume_iter<I: IntoIterator<Item = T>>(mut self, iter: I) -> Self {
        self.base = self.base.consume_iter(iter);
        self
    }
    fn complete(self) -> Self::Result {
        SlotResult {
            // `pending` turns on at the first item.
            nonempty: self.base.pending,
            result: self.base.complete(),
            slot: self.slot,
        }
    }
    fn full(&self) -> bool {
        self.base.full()
    }
}

/// The result of one or more adjacent pieces, with the slot before the first of them.
struct SlotResult<C, R> {
    result: R,
    /// Whether the pieces held any item.
    nonempty: bool,
    slot: Option<C>,
}

/// Joins adjacent pieces, filling the slot between them.
struct SlotReducer<R, T> {
    base: R,
    item: T,
}

impl<C, T> Reducer<SlotResult<C, C::Result>> for SlotReducer<C::Reducer, T>
where
    C: UnindexedConsumer<T>,
    T: Clone,
{
    fn reduce(
        self,
        left: SlotResult<C, C::Result>,
        right: SlotResult<C, C::Result>,
    ) -> SlotResult<C, C::Result> {
        let sep = left.nonempty && right.nonempty;
        let right_result = fill_slot(right.slot, sep, &self.item, right.result);
        SlotResult {
            result: self.base.reduce(left.result, right_result),
            nonempty: left.nonempty || right.nonempty,
            slot: left.slot,
        }
    }
}

/// Runs `slot` (if any) with one separator or none, and joins it before `result`.
fn fill_slot<C, T>(slot: Option<C>, sep: bool, item: &T, result: C::Result) -> C::Result
where
    C: UnindexedConsumer<T>,
    T: Clone,
{
    let Some(slot) = slot else {
        return result;
    };
    let reducer = slot.to_reducer();
    let mut folder = slot.into_folder();
    if sep {
        folder = folder.consume(item.clone());
    }
    reducer.reduce(folder.complete(), result)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alternating_iter_from_both_ends() {
        for lead in [false, true] {
            for len in 0..7 {
                let items: Vec<i32> = (1..=items_among(len, lead) as i32).collect();
                let want: Vec<i32> = {
                    let mut it = items.iter();
                    (0..len)
                        .map(|i| {
                            if is_sep(i, lead) {
                                0
                            } else {
                                *it.next().unwrap()
                            }
                        })
                        .collect()
                };
                let it = || SepIter {
                    base: items.clone().into_iter(),
                    item: 0,
                    len,
                    front_sep: lead,
                    back_sep: len > 0 && is_sep(len - 1, lead),
                };
                assert_eq!(it().collect::<Vec<_>>(), want, "{len} {lead}");
                let mut back: Vec<i32> = it().rev().collect();
                back.reverse();
                assert_eq!(back, want, "{len} {lead}");
                // Alternate ends.
                let mut i = it();
                let (mut front, mut tail) = (Vec::new(), Vec::new());
                while let Some(x) = i.next() {
                    front.push(x);
                    match i.next_back() {
                        Some(x) => tail.push(x),
                        None => break,
                    }
                }
                tail.reverse();
                front.extend(tail);
                assert_eq!(front, want, "{len} {lead}");
            }
        }
    }
}
