//! `MultiZip`: a tuple of indexed parallel iterators walked in lockstep.
//!
//! A tuple `(a, b, c, ...)` runs as the chain `a.zip(b).zip(c)...` followed by a map that
//! flattens `((a, b), c)` into `(a, b, c)`. The work therefore goes through [`Zip`]'s
//! producer (every part is split at the same indices and cut to the shortest length) and
//! through the adaptive driver; at a leaf the parts become nested `std::iter::Zip`s, which
//! keep std's fast paths for slice iterators.
//!
//! [`Zip`]: super::Zip

use super::plumbing::{Consumer, ProducerCallback, UnindexedConsumer};
use super::{
    IndexedParallelIterator, IntoParallelIterator, IntoParallelRefIterator,
    IntoParallelRefMutIterator, ParallelIterator,
};

/// A parallel iterator over a tuple of indexed parallel iterators, yielding tuples of their
/// items: `(a, b, c).into_par_iter()` is like `a.zip(b).zip(c)` with flat tuples.
///
/// It is made by `into_par_iter()` on a tuple of 1 to 12 elements that all convert into
/// indexed parallel iterators, by `par_iter()` on a tuple whose elements all have
/// `par_iter()`, and by `par_iter_mut()` on one whose elements all have `par_iter_mut()`.
/// Like [`zip`](IndexedParallelIterator::zip), it is as long as its shortest part.
///
/// # Examples
///
/// Mixing a mutable borrow with values:
///
/// ```
/// use beat::prelude::*;
///
/// let mut out = vec![0; 4];
/// (&mut out, 1..10, vec![10, 20, 30, 40, 50])
///     .into_par_iter()
///     .for_each(|(o, x, y)| *o = x * y);
/// assert_eq!(out, [10, 40, 90, 160]);
/// ```
///
/// Borrowing every element of a tuple, shared or mutably:
///
/// ```
/// use beat::prelude::*;
///
/// let mut t = (vec![1, 2, 3], vec![4, 5, 6], vec![0; 3]);
/// let dots: i32 = (t.0.clone(), t.1.clone()).par_iter().map(|(a, b)| a * b).sum();
/// assert_eq!(dots, 32);
///
/// t.par_iter_mut().for_each(|(a, b, c)| {
///     *c = *a + *b;
///     std::mem::swap(a, b);
/// });
/// assert_eq!(t, (vec![4, 5, 6], vec![1, 2, 3], vec![5, 7, 9]));
/// ```
#[must_use = "iterator adapters are lazy and do nothing unless consumed"]
#[derive(Clone, Debug)]
pub struct MultiZip<T> {
    tuple: T,
}

/// `zip_chain!(a, b, c)` is `a.zip(b).zip(c)`: the parts, zipped left to right.
macro_rules! zip_chain {
    ($first:expr $(, $rest:expr)*) => {
        $first $(.zip($rest))*
    };
}

/// `nested_pattern!(a, b, c)` is the pattern `((a, b), c)`: an item of `zip_chain!`.
macro_rules! nested_pattern {
    (@acc $acc:tt ;) => { $acc };
    (@acc $acc:tt ; $next:ident $(, $rest:ident)*) => {
        nested_pattern!(@acc ($acc, $next) ; $($rest),*)
    };
    ($first:ident $(, $rest:ident)*) => {
        nested_pattern!(@acc $first ; $($rest),*)
    };
}

/// `min_len!(a, b, c)` is the smallest of the lengths.
macro_rules! min_len {
    ($first:expr $(, $rest:expr)*) => {
        $first $(.min($rest))*
    };
}

macro_rules! multizip_impls {
    ($( ($($idx:tt $T:ident $x:ident),+) )+) => {$(
        impl<$($T,)+> IntoParallelIterator for ($($T,)+)
        where
            $($T: IntoParallelIterator<Iter: IndexedParallelIterator>,)+
        {
            type Item = ($($T::Item,)+);
            type Iter = MultiZip<($($T::Iter,)+)>;

            fn into_par_iter(self) -> Self::Iter {
                MultiZip {
                    tuple: ($(self.$idx.into_par_iter(),)+),
                }
            }
        }

        impl<'a, $($T,)+> IntoParallelIterator for &'a ($($T,)+)
        where
            $($T: IntoParallelRefIterator<'a, Iter: IndexedParallelIterator>,)+
        {
            type Item = ($($T::Item,)+);
            type Iter = MultiZip<($($T::Iter,)+)>;

            fn into_par_iter(self) -> Self::Iter {
                MultiZip {
                    tuple: ($(self.$idx.par_iter(),)+),
                }
            }
        }

        impl<'a, $($T,)+> IntoParallelIterator for &'a mut ($($T,)+)
        where
            $($T: IntoParallelRefMutIterator<'a, Iter: IndexedParallelIterator>,)+
        {
            type Item = ($($T::Item,)+);
            type Iter = MultiZip<($($T::Iter,)+)>;

            fn into_par_iter(self) -> Self::Iter {
                MultiZip {
                    tuple: ($(self.$idx.par_iter_mut(),)+),
                }
            }
        }

        impl<$($T,)+> ParallelIterator for MultiZip<($($T,)+)>
        where
            $($T: IndexedParallelIterator,)+
        {
            type Item = ($($T::Item,)+);

            fn drive_unindexed<CONS>(self, consumer: CONS) -> CONS::Result
            where
                CONS: UnindexedConsumer<Self::Item>,
            {
                self.drive(consumer)
            }

            fn opt_len(&self) -> Option<usize> {
                Some(self.len())
            }
        }

        impl<$($T,)+> IndexedParallelIterator for MultiZip<($($T,)+)>
        where
            $($T: IndexedParallelIterator,)+
        {
            fn drive<CONS>(self, consumer: CONS) -> CONS::Result
            where
                CONS: Consumer<Self::Item>,
            {
                let ($($x,)+) = self.tuple;
                zip_chain!($($x),+)
                    .map(|nested_pattern!($($x),+)| ($($x,)+))
                    .drive(consumer)
            }

            fn len(&self) -> usize {
                min_len!($(self.tuple.$idx.len()),+)
            }

            fn with_producer<CB>(self, callback: CB) -> CB::Output
            where
                CB: ProducerCallback<Self::Item>,
            {
                let ($($x,)+) = self.tuple;
                zip_chain!($($x),+)
                    .map(|nested_pattern!($($x),+)| ($($x,)+))
                    .with_producer(callback)
            }
        }
    )+};
}

multizip_impls! {
    (0 A a)
    (0 A a, 1 B b)
    (0 A a, 1 B b, 2 C c)
    (0 A a, 1 B b, 2 C c, 3 D d)
    (0 A a, 1 B b, 2 C c, 3 D d, 4 E e)
    (0 A a, 1 B b, 2 C c, 3 D d, 4 E e, 5 F f)
    (0 A a, 1 B b, 2 C c, 3 D d, 4 E e, 5 F f, 6 G g)
    (0 A a, 1 B b, 2 C c, 3 D d, 4 E e, 5 F f, 6 G g, 7 H h)
    (0 A a, 1 B b, 2 C c, 3 D d, 4 E e, 5 F f, 6 G g, 7 H h, 8 I i)
    (0 A a, 1 B b, 2 C c, 3 D d, 4 E e, 5 F f, 6 G g, 7 H h, 8 I i, 9 J j)
    (0 A a, 1 B b, 2 C c, 3 D d, 4 E e, 5 F f, 6 G g, 7 H h, 8 I i, 9 J j, 10 K k)
    (0 A a, 1 B b, 2 C c, 3 D d, 4 E e, 5 F f, 6 G g, 7 H h, 8 I i, 9 J j, 10 K k, 11 L l)
}
