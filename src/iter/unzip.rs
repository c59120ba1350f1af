//! `unzip`, `partition` and `partition_map`: one pass of a parallel iterator feeding two
//! `ParallelExtend` collections at once.
//!
//! A collection's `par_extend` builds its own consumer and hands it to the iterator it is
//! given, so to get hold of both consumers the items are offered to the first collection
//! through a stand-in iterator ([`FirstHalf`]). When the first collection drives it, the
//! stand-in extends the second collection with another stand-in ([`SecondHalf`]) that carries
//! the first consumer; when that one is driven, both consumers are known and the real
//! iterator runs once into a [`SplitConsumer`] that routes every item to one side or both.

use either::Either;

use super::plumbing::{Consumer, Folder, Reducer, UnindexedConsumer};
use super::{FromParallelIterator, IntoParallelIterator, ParallelExtend, ParallelIterator};

/// How an item is routed to the two sides.
trait Route<T>: Sync + Send {
    /// Items of the first collection.
    type Left: Send;
    /// Items of the second collection.
    type Right: Send;

    /// Whether every item gives exactly one item to each side, so that both sides have the
    /// iterator's length.
    const EVERY_ITEM_TO_BOTH: bool;

    /// Feeds `item` to one of the folders or both.
    fn route<L, R>(&self, item: T, left: L, right: R) -> (L, R)
    where
        L: Folder<Self::Left>,
        R: Folder<Self::Right>;
}

/// Pairs: the first element to the left, the second to the right.
struct Unzip;

impl<A: Send, B: Send> Route<(A, B)> for Unzip {
    type Left = A;
    type Right = B;
    const EVERY_ITEM_TO_BOTH: bool = true;

    #[inline]
    fn route<L: Folder<A>, R: Folder<B>>(&self, (a, b): (A, B), left: L, right: R) -> (L, R) {
        (left.consume(a), right.consume(b))
    }
}

/// Items for which the predicate holds to the left, the others to the right.
struct Partition<P>(P);

impl<T: Send, P: Fn(&T) -> bool + Sync + Send> Route<T> for Partition<P> {
    type Left = T;
    type Right = T;
    const EVERY_ITEM_TO_BOTH: bool = false;

    #[inline]
    fn route<L: Folder<T>, R: Folder<T>>(&self, item: T, left: L, right: R) -> (L, R) {
        if (self.0)(&item) {
            (left.consume(item), right)
        } else {
            (left, right.consume(item))
        }
    }
}

/// `Left` values of the map to the left, `Right` values to the right.
struct PartitionMap<P>(P);

impl<T, A, B, P> Route<T> for PartitionMap<P>
where
    A: Send,
    B: Send,
    P: Fn(T) -> Either<A, B> + Sync + Send,
{
    type Left = A;
    type Right = B;
    const EVERY_ITEM_TO_BOTH: bool = false;

    #[inline]
    fn route<L: Folder<A>, R: Folder<B>>(&self, item: T, left: L, right: R) -> (L, R) {
        match (self.0)(item) {
            Either::Left(a) => (left.consume(a), right),
            Either::Right(b) => (left, right.consume(b)),
        }
    }
}

/// The identity map of `partition_map`, naming the `Either` items' own sides.
fn identity<T>(x: T) -> T {
    x
}

/// Extends `left` and `right` with the items of `pi` as `route` sends them.
fn extend_both<I, OP, A, B>(left: &mut A, right: &mut B, pi: I, route: OP)
where
    I: ParallelIterator,
    OP: Route<I::Item>,
    A: Send + ParallelExtend<OP::Left>,
    B: Send + ParallelExtend<OP::Right>,
{
    left.par_extend(FirstHalf {
        base: pi,
        route,
        right,
    });
}

/// Collects the items of `pi` into two new collections as `route` sends them.
fn collect_both<I, OP, A, B>(pi: I, route: OP) -> (A, B)
where
    I: ParallelIterator,
    OP: Route<I::Item>,
    A: Default + Send + ParallelExtend<OP::Left>,
    B: Default + Send + ParallelExtend<OP::Right>,
{
    let (mut a, mut b) = (A::default(), B::default());
    extend_both(&mut a, &mut b, pi, route);
    (a, b)
}

pub(super) fn unzip<I, A, B, FromA, FromB>(pi: I) -> (FromA, FromB)
where
    I: ParallelIterator<Item = (A, B)>,
    FromA: Default + Send + ParallelExtend<A>,
    FromB: Default + Send + ParallelExtend<B>,
    A: Send,
    B: Send,
{
    collect_both(pi, Unzip)
}

pub(super) fn partition<I, A, B, P>(pi: I, predicate: P) -> (A, B)
where
    I: ParallelIterator,
    A: Default + Send + ParallelExtend<I::Item>,
    B: Default + Send + ParallelExtend<I::Item>,
    P: Fn(&I::Item) -> bool + Sync + Send,
{
    collect_both(pi, Partition(predicate))
}

pub(super) fn partition_map<I, A, B, P, L, R>(pi: I, predicate: P) -> (A, B)
where
    I: ParallelIterator,
    A: Default + Send + ParallelExtend<L>,
    B: Default + Send + ParallelExtend<R>,
    P: Fn(I::Item) -> Either<L, R> + Sync + Send,
    L: Send,
    R: Send,
{
    collect_both(pi, PartitionMap(predicate))
}

/// The stand-in iterator the first collection extends itself with.
struct FirstHalf<'b, I, OP, B> {
    base: I,
    route: OP,
    right: &'b mut B,
}

impl<I, OP, B> ParallelIterator for FirstHalf<'_, I, OP, B>
where
    I: ParallelIterator,
    OP: Route<I::Item>,
    B: Send + ParallelExtend<OP::Right>,
{
    type Item = OP::Left;

    fn drive_unindexed<C>(self, left: C) -> C::Result
    where
        C: UnindexedConsumer<OP::Left>,
    {
        let mut left_result = None;
        self.right.par_extend(SecondHalf {
            base: self.base,
            route: self.route,
            left,
            left_result: &mut left_result,
        });
        // A `ParallelExtend` that never drives the iterator it is given leaves no result
        // for the first collection, and none can be made up.
        left_result.expect("the second collection of an unzip did not drive its iterator")
    }

    fn opt_len(&self) -> Option<usize> {
        self.base.opt_len().filter(|_| OP::EVERY_ITEM_TO_BOTH)
    }
}

/// The stand-in iterator the second collection extends itself with; it carries the first
/// collection's consumer and stores that consumer's result.
struct SecondHalf<'r, I, OP, CL>
where
    I: ParallelIterator,
    OP: Route<I::Item>,
    CL: Consumer<OP::Left>,
{
    base: I,
    route: OP,
    left: CL,
    left_result: &'r mut Option<CL::Result>,
}

impl<I, OP, CL> ParallelIterator for SecondHalf<'_, I, OP, CL>
where
    I: ParallelIterator,
    OP: Route<I::Item>,
    CL: UnindexedConsumer<OP::Left>,
{
    type Item = OP::Right;

    fn drive_unindexed<C>(self, right: C) -> C::Result
    where
        C: UnindexedConsumer<OP::Right>,
    {
        let (l, r) = self.base.drive_unindexed(SplitConsumer {
            route: &self.route,
            left: self.left,
            right,
        });
        *self.left_result = Some(l);
        r
    }

    fn opt_len(&self) -> Option<usize> {
        self.base.opt_len().filter(|_| OP::EVERY_ITEM_TO_BOTH)
    }
}

/// Feeds every item to one or both of two consumers, as `route` says.
struct SplitConsumer<'r, OP, CL, CR> {
    route: &'r OP,
    left: CL,
    right: CR,
}

impl<'r, T, OP, CL, CR> Consumer<T> for SplitConsumer<'r, OP, CL, CR>
where
    OP: Route<T>,
    CL: Consumer<OP::Left>,
    CR: Consumer<OP::Right>,
{
    type Folder = SplitFolder<'r, OP, CL::Folder, CR::Folder>;
    type Reducer = PairReducer<CL::Reducer, CR::Reducer>;
    type Result = (CL::Result, CR::Result);

    #[inline]
    fn split_at(self, index: usize) -> (Self, Self, Self::Reducer) {
        let (l1, l2, lr) = self.left.split_at(index);
        let (r1, r2, rr) = self.right.split_at(index);
        let route = self.route;
        (
            SplitConsumer {
                route,
                left: l1,
                right: r1,
            },
            SplitConsumer {
                route,
                left: l2,
                right: r2,
            },
            PairReducer(lr, rr),
        )
    }
    #[inline]
    fn into_folder(self) -> Self::Folder {
        SplitFolder {
            route: self.route,
            left: self.left.into_folder(),
            right: self.right.into_folder(),
        }
    }
    fn full(&self) -> bool {
        // An item may still be wanted by the side that is not full.
        self.left.full() && self.right.full()
    }
}

impl<T, OP, CL, CR> UnindexedConsumer<T> for SplitConsumer<'_, OP, CL, CR>
where
    OP: Route<T>,
    CL: UnindexedConsumer<OP::Left>,
    CR: UnindexedConsumer<OP::Right>,
{
    fn split_off_left(&self) -> Self {
        SplitConsumer {
            route: self.route,
            left: self.left.split_off_left(),
            right: self.right.split_off_left(),
        }
    }
    fn to_reducer(&self) -> Self::Reducer {
        PairReducer(self.left.to_reducer(), self.right.to_reducer())
    }
}

struct SplitFolder<'r, OP, FL, FR> {
    route: &'r OP,
    left: FL,
    right: FR,
}

impl<T, OP, FL, FR> Folder<T> for SplitFolder<'_, OP, FL, FR>
where
    OP: Route<T>,
    FL: Folder<OP::Left>,
    FR: Folder<OP::Right>,
{
    type Result = (FL::Result, FR::Result);

    #[inline]
    fn consume(self, item: T) -> Self {
        let (left, right) = self.route.route(item, self.left, self.right);
        SplitFolder {
            route: self.route,
            left,
            right,
        }
    }
    fn complete(self) -> Self::Result {
        (self.left.complete(), self.right.complete())
    }
    fn full(&self) -> bool {
        self.left.full() && self.right.full()
    }
}

/// Joins pairs of results side by side.
struct PairReducer<RL, RR>(RL, RR);

impl<A, B, RL, RR> Reducer<(A, B)> for PairReducer<RL, RR>
where
    RL: Reducer<A>,
    RR: Reducer<B>,
{
    fn reduce(self, left: (A, B), right: (A, B)) -> (A, B) {
        (
            self.0.reduce(left.0, right.0),
            self.1.reduce(left.1, right.1),
        )
    }
}

/// Extends both collections at once: the first elements of the pairs go to the first, the
/// second elements to the second, in order where the collections keep one.
///
/// # Examples
///
/// ```
/// use beat::prelude::*;
/// let mut pair = (vec![0], String::new());
/// pair.par_extend((1..4).into_par_iter().map(|i| (i, char::from(b'a' + i as u8))));
/// assert_eq!(pair, (vec![0, 1, 2, 3], String::from("bcd")));
/// ```
impl<A, B, FromA, FromB> ParallelExtend<(A, B)> for (FromA, FromB)
where
    A: Send,
    B: Send,
    FromA: Send + ParallelExtend<A>,
    FromB: Send + ParallelExtend<B>,
{
    fn par_extend<I>(&mut self, pi: I)
    where
        I: IntoParallelIterator<Item = (A, B)>,
    {
        extend_both(&mut self.0, &mut self.1, pi.into_par_iter(), Unzip);
    }
}

/// Extends the first collection with the `Left` values and the second with the `Right`
/// values.
///
/// # Examples
///
/// ```
/// use beat::iter::Either;
/// use beat::prelude::*;
/// let mut pair = (Vec::new(), Vec::new());
/// pair.par_extend((0..5i32).into_par_iter().map(|x| if x % 2 == 0 { Either::Left(x) } else { Either::Right(-x) }));
/// assert_eq!(pair, (vec![0, 2, 4], vec![-1, -3]));
/// ```
impl<L, R, A, B> ParallelExtend<Either<L, R>> for (A, B)
where
    L: Send,
    R: Send,
    A: Send + ParallelExtend<L>,
    B: Send + ParallelExtend<R>,
{
    fn par_extend<I>(&mut self, pi: I)
    where
        I: IntoParallelIterator<Item = Either<L, R>>,
    {
        extend_both(
            &mut self.0,
            &mut self.1,
            pi.into_par_iter(),
            PartitionMap(identity),
        );
    }
}

/// Collects the pairs into two collections at once (any that can be collected, not only
/// those that can be extended); pairs nest, so `(a, (b, c))` items collect into three.
///
/// # Examples
///
/// ```
/// use beat::prelude::*;
/// let (v, (s, t)): (Vec<_>, (Vec<_>, String)) = (0..3)
///     .into_par_iter()
///     .map(|i| (i, (i * i, char::from(b'x' + i as u8))))
///     .collect();
/// assert_eq!((v, s, t), (vec![0, 1, 2], vec![0, 1, 4], String::from("xyz")));
/// ```
impl<A, B, FromA, FromB> FromParallelIterator<(A, B)> for (FromA, FromB)
where
    A: Send,
    B: Send,
    FromA: Send + FromParallelIterator<A>,
    FromB: Send + FromParallelIterator<B>,
{
    fn from_par_iter<I>(pi: I) -> Self
    where
        I: IntoParallelIterator<Item = (A, B)>,
    {
        let (a, b): (Collected<FromA>, Collected<FromB>) = unzip(pi.into_par_iter());
        (a.take(), b.take())
    }
}

/// Collects the `Left` values into the first collection and the `Right` values into the
/// second.
///
/// # Examples
///
/// ```
/// use beat::iter::Either;
/// use beat::prelude::*;
/// let (small, big): (Vec<_>, Vec<_>) = (0..6)
///     .into_par_iter()
///     .map(|x| if x < 2 { Either::Left(x) } else { Either::Right(x * 10) })
///     .collect();
/// assert_eq!((small, big), (vec![0, 1], vec![20, 30, 40, 50]));
/// ```
impl<L, R, A, B> FromParallelIterator<Either<L, R>> for (A, B)
where
    L: Send,
    R: Send,
    A: Send + FromParallelIterator<L>,
    B: Send + FromParallelIterator<R>,
{
    fn from_par_iter<I>(pi: I) -> Self
    where
        I: IntoParallelIterator<Item = Either<L, R>>,
    {
        let (a, b): (Collected<A>, Collected<B>) =
            collect_both(pi.into_par_iter(), PartitionMap(identity));
        (a.take(), b.take())
    }
}

/// Adapts a `FromParallelIterator` collection to the `ParallelExtend` that unzipping needs:
/// its single extension collects the collection.
struct Collected<C>(Option<C>);

impl<C> Default for Collected<C> {
    fn default() -> Self {
        Collected(None)
    }
}

impl<C> Collected<C> {
    fn take(self) -> C {
        self.0
            .expect("an unzip collection was never given its iterator")
    }
}

impl<T: Send, C: Send + FromParallelIterator<T>> ParallelExtend<T> for Collected<C> {
    fn par_extend<I>(&mut self, pi: I)
    where
        I: IntoParallelIterator<Item = T>,
    {
        debug_assert!(self.0.is_none(), "collected twice");
        self.0 = Some(C::from_par_iter(pi));
    }
}
