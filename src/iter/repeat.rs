use std::fmt;

use super::plumbing::{
    bridge, bridge_unindexed, Consumer, Folder, Producer, ProducerCallback, UnindexedConsumer,
    UnindexedProducer,
};
use super::{IndexedParallelIterator, IntoParallelIterator, ParallelIterator, Zip};

/// An endless parallel iterator of clones of `element`: the parallel
/// [`std::iter::repeat`].
///
/// It never ends on its own: bound it with [`Repeat::take`] or [`Repeat::zip`], or consume
/// it with something that stops early (`find_any`, `any`, `try_for_each`, ...). Use
/// [`repeat_n`] for a known count.
///
/// # Examples
///
/// ```
/// use beat::prelude::*;
/// use beat::iter::repeat;
///
/// let v: Vec<(char, i32)> = repeat('x').zip(0..3).collect();
/// assert_eq!(v, [('x', 0), ('x', 1), ('x', 2)]);
/// assert!(repeat(7).any(|x| x == 7));
/// ```
pub fn repeat<T: Clone + Send>(element: T) -> Repeat<T> {
    Repeat { element }
}

/// The iterator returned by [`repeat()`].
///
/// # Examples
///
/// ```
/// use beat::prelude::*;
/// let it: beat::iter::Repeat<u8> = beat::iter::repeat(1);
/// assert_eq!(it.take(4).sum::<u8>(), 4);
/// ```
#[must_use = "iterator adapters are lazy and do nothing unless consumed"]
#[derive(Clone, Debug)]
pub struct Repeat<T> {
    element: T,
}

impl<T: Clone + Send> Repeat<T> {
    /// Only the first `n` repetitions: an indexed iterator, as [`repeat_n`] makes.
    ///
    /// # Examples
    ///
    /// ```
    /// use beat::prelude::*;
    /// let v: Vec<&str> = beat::iter::repeat("a").take(2).collect();
    /// assert_eq!(v, ["a", "a"]);
    /// ```
    pub fn take(self, n: usize) -> RepeatN<T> {
        repeat_n(self.element, n)
    }

    /// Pairs each item of `zip_op` with a clone of the element, as many pairs as `zip_op`
    /// has items.
    ///
    /// # Examples
    ///
    /// ```
    /// use beat::prelude::*;
    /// let v: Vec<(u8, char)> = beat::iter::repeat(0).zip(vec!['a', 'b']).collect();
    /// assert_eq!(v, [(0, 'a'), (0, 'b')]);
    /// ```
    pub fn zip<Z>(self, zip_op: Z) -> Zip<RepeatN<T>, Z::Iter>
    where
        Z: IntoParallelIterator<Iter: IndexedParallelIterator>,
    {
        let other = zip_op.into_par_iter();
        let n = other.len();
        self.take(n).zip(other)
    }
}

impl<T: Clone + Send> ParallelIterator for Repeat<T> {
    type Item = T;

    fn drive_unindexed<C>(self, consumer: C) -> C::Result
    where
        C: UnindexedConsumer<T>,
    {
        let endless = Endless {
            element: self.element,
            splits: beat_core::current_num_threads(),
        };
        bridge_unindexed(endless, consumer)
    }
}

/// An unindexed producer of clones, split at most `splits` more times in all.
///
/// Each piece runs until the consumer is full, so one piece per worker keeps the pool busy;
/// the bound also keeps a consumer that never fills (a closure that panics on every item)
/// from being split, and its pieces nested on the workers' stacks, without end.
struct Endless<T> {
    element: T,
    splits: usize,
}

impl<T: Clone + Send> UnindexedProducer for Endless<T> {
    type Item = T;

    fn split(self) -> (Self, Option<Self>) {
        let Some(rest) = self.splits.checked_sub(1) else {
            return (self, None);
        };
        let left = Endless {
            element: self.element.clone(),
            splits: rest / 2,
        };
        let right = Endless {
            element: self.element,
            splits: rest - rest / 2,
        };
        (left, Some(right))
    }

    fn fold_with<F: Folder<T>>(self, folder: F) -> F {
        // Ends only when the folder is full.
        folder.consume_iter(std::iter::repeat(self.element))
    }
}

/// `n` clones of `element`, the last one being `element` itself: the parallel
/// [`std::iter::repeat_n`]. The iterator is indexed.
///
/// # Examples
///
/// ```
/// use beat::prelude::*;
/// use beat::iter::repeat_n;
///
/// let v: Vec<String> = repeat_n(String::from("ab"), 3).collect();
/// assert_eq!(v, ["ab", "ab", "ab"]);
/// let pairs: Vec<(i32, usize)> = repeat_n(5, 2).enumerate().map(|(i, x)| (x, i)).collect();
/// assert_eq!(pairs, [(5, 0), (5, 1)]);
/// ```
pub fn repeat_n<T: Clone + Send>(element: T, n: usize) -> RepeatN<T> {
    RepeatN {
        producer: Repeats::new(element, n),
    }
}

/// `repeat_n` under its older name.
///
/// # Examples
///
/// ```
/// #![allow(deprecated)]
/// use beat::prelude::*;
/// assert_eq!(beat::iter::repeatn(1, 3).sum::<i32>(), 3);
/// ```
#[deprecated(note = "use `repeat_n`, the name `std` uses")]
pub fn repeatn<T: Clone + Send>(element: T, n: usize) -> RepeatN<T> {
    repeat_n(element, n)
}

/// The iterator returned by [`repeat_n()`] and [`Repeat::take`].
///
/// # Examples
///
/// ```
/// use beat::prelude::*;
/// let it: beat::iter::RepeatN<char> = beat::iter::repeat_n('z', 2);
/// assert_eq!(it.len(), 2);
/// ```
#[must_use = "iterator adapters are lazy and do nothing unless consumed"]
#[derive(Clone)]
pub struct RepeatN<T> {
    producer: Repeats<T>,
}

impl<T: fmt::Debug> fmt::Debug for RepeatN<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut d = f.debug_struct("RepeatN");
        d.field("count", &self.producer.count);
        match &self.producer.element {
            Some(element) => d.field("element", element).finish(),
            None => d.finish_non_exhaustive(),
        }
    }
}

impl<T: Clone + Send> ParallelIterator for RepeatN<T> {
    type Item = T;

    fn drive_unindexed<C>(self, consumer: C) -> C::Result
    where
        C: UnindexedConsumer<T>,
    {
        bridge(self, consumer)
    }

    fn opt_len(&self) -> Option<usize> {
        Some(self.producer.count)
    }
}

impl<T: Clone + Send> IndexedParallelIterator for RepeatN<T> {
    fn drive<C: Consumer<T>>(self, consumer: C) -> C::Result {
        bridge(self, consumer)
    }

    fn len(&self) -> usize {
        self.producer.count
    }

    fn with_producer<CB: ProducerCallback<T>>(self, callback: CB) -> CB::Output {
        callback.callback(self.producer)
    }
}

/// `count` repetitions of `element`: both the producer of [`RepeatN`] and its sequential
/// iterator. Invariant: `element` is `Some` exactly when `count > 0`, so the last item
/// moves the element out instead of cloning it.
#[derive(Clone)]
struct Repeats<T> {
    element: Option<T>,
    count: usize,
}

impl<T> Repeats<T> {
    fn new(element: T, count: usize) -> Self {
        Repeats {
            element: (count > 0).then_some(element),
            count,
        }
    }

    fn none() -> Self {
        Repeats {
            element: None,
            count: 0,
        }
    }
}

impl<T: Clone + Send> Producer for Repeats<T> {
    type Item = T;
    type IntoIter = Self;

    fn into_iter(self) -> Self {
        self
    }

    fn split_at(self, index: usize) -> (Self, Self) {
        debug_assert!(index <= self.count);
        if index == 0 {
            (Repeats::none(), self)
        } else if index >= self.count {
            (self, Repeats::none())
        } else {
            let left = Repeats {
                element: self.element.clone(),
                count: index,
            };
            let right = Repeats {
                element: self.element,
                count: self.count - index,
            };
            (left, right)
        }
    }
}

impl<T: Clone> Iterator for Repeats<T> {
    type Item = T;

    #[inline]
    fn next(&mut self) -> Option<T> {
        match self.count {
            0 => None,
            1 => {
                self.count = 0;
                self.element.take()
            }
            _ => {
                self.count -= 1;
                self.element.clone()
            }
        }
    }

    #[inline]
    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.count, Some(self.count))
    }

    fn nth(&mut self, n: usize) -> Option<T> {
        if n >= self.count {
            *self = Repeats::none();
            return None;
        }
        self.count -= n;
        self.next()
    }
}

impl<T: Clone> DoubleEndedIterator for Repeats<T> {
    #[inline]
    fn next_back(&mut self) -> Option<T> {
        // Every item is the same.
        self.next()
    }

    fn nth_back(&mut self, n: usize) -> Option<T> {
        self.nth(n)
    }
}

impl<T: Clone> ExactSizeIterator for Repeats<T> {}
