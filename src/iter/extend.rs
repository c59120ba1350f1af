//! `ParallelExtend` for the standard collections.
//!
//! `Vec` is extended in place: straight into its spare capacity when the length is known,
//! else by appending the vectors the pieces filled. Every other collection is extended in two
//! steps: the items are collected in parallel into vectors, in order (see
//! [`collect_vecs`]), then the target reserves room once and takes the vectors one after the
//! other on the calling thread. Inserting into one shared map or heap from many threads
//! would need a lock; this way the parallel part does the user's work and the sequential
//! part is one tight loop. Sequential insertion in iterator order also gives std's `extend`
//! semantics exactly: in a map a later value for a key replaces an earlier one.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet, BinaryHeap, HashMap, HashSet, LinkedList, VecDeque};
use std::ffi::{OsStr, OsString};
use std::hash::{BuildHasher, Hash};

use either::Either;

use super::collect::{collect_list, collect_pieces, collect_vecs, collect_with};
use super::{IntoParallelIterator, ParallelExtend, ParallelIterator};

/// The number of items in a list of vectors.
fn item_count<T>(vecs: &LinkedList<Vec<T>>) -> usize {
    vecs.iter().map(Vec::len).sum()
}

/// The total length in bytes of a list of vectors of strings.
fn str_len<T: AsRef<str>>(vecs: &LinkedList<Vec<T>>) -> usize {
    vecs.iter().flatten().map(|s| s.as_ref().len()).sum()
}

/// The total length of a list of vectors of OS strings.
fn os_str_len<T: AsRef<OsStr>>(vecs: &LinkedList<Vec<T>>) -> usize {
    vecs.iter().flatten().map(|s| s.as_ref().len()).sum()
}

/// Extends `target` with every vector of `vecs`, in order.
fn extend_in_order<C: Extend<T>, T>(target: &mut C, vecs: LinkedList<Vec<T>>) {
    for vec in vecs {
        target.extend(vec);
    }
}

/// Implements `ParallelExtend` for a collection that reserves room by item count: collect in
/// parallel, reserve once, extend in order.
macro_rules! extend_reserving {
    ($(#[$doc:meta])* impl[$($g:tt)*] for $ty:ty, item $item:ty, where [$($bounds:tt)*]) => {
        $(#[$doc])*
        impl<$($g)*> ParallelExtend<$item> for $ty
        where
            $($bounds)*
        {
            fn par_extend<I>(&mut self, par_iter: I)
            where
                I: IntoParallelIterator<Item = $item>,
            {
                let vecs = collect_vecs(par_iter.into_par_iter());
                self.reserve(item_count(&vecs));
                extend_in_order(self, vecs);
            }
        }
    };
}

/// Implements `ParallelExtend<&T>` (or `<(&K, &V)>`) by copying the items in parallel and
/// extending with the copies.
macro_rules! extend_copied {
    ($(#[$doc:meta])* impl[$($g:tt)*] for $ty:ty, item $item:ty, where [$($bounds:tt)*],
     |$x:pat_param| $copy:expr) => {
        $(#[$doc])*
        impl<$($g)*> ParallelExtend<$item> for $ty
        where
            $($bounds)*
        {
            fn par_extend<I>(&mut self, par_iter: I)
            where
                I: IntoParallelIterator<Item = $item>,
            {
                self.par_extend(par_iter.into_par_iter().map(|$x: $item| $copy));
            }
        }
    };
}

/// Appends the items in order: written straight into the spare capacity when the iterator
/// knows its length, else gathered per piece and appended.
///
/// # Examples
///
/// ```
/// use beat::prelude::*;
/// let mut v = vec![0];
/// v.par_extend((1..4).into_par_iter().filter(|x| x % 2 == 1));
/// assert_eq!(v, [0, 1, 3]);
/// ```
impl<T: Send> ParallelExtend<T> for Vec<T> {
    fn par_extend<I>(&mut self, par_iter: I)
    where
        I: IntoParallelIterator<Item = T>,
    {
        let pi = par_iter.into_par_iter();
        match pi.opt_len() {
            Some(len) => collect_with(self, len, |c| pi.drive_unindexed(c)),
            None => {
                let list = collect_list(pi);
                self.reserve(item_count(&list));
                for mut v in list {
                    self.append(&mut v);
                }
            }
        }
    }
}

extend_copied! {
    /// Appends copies of the items, in order.
    ///
    /// # Examples
    ///
    /// ```
    /// use beat::prelude::*;
    /// let mut v = vec![1];
    /// v.par_extend([2, 3].par_iter());
    /// assert_eq!(v, [1, 2, 3]);
    /// ```
    impl['a, T] for Vec<T>, item &'a T, where [T: 'a + Copy + Send + Sync,], |x| *x
}

extend_reserving! {
    /// Pushes the items to the back, in order.
    ///
    /// # Examples
    ///
    /// ```
    /// use beat::prelude::*;
    /// use std::collections::VecDeque;
    /// let mut d = VecDeque::from([0]);
    /// d.par_extend((1..4).into_par_iter());
    /// assert_eq!(d, [0, 1, 2, 3]);
    /// ```
    impl[T] for VecDeque<T>, item T, where [T: Send,]
}

extend_copied! {
    /// Pushes copies of the items to the back, in order.
    ///
    /// # Examples
    ///
    /// ```
    /// use beat::prelude::*;
    /// use std::collections::VecDeque;
    /// let mut d = VecDeque::<i32>::new();
    /// d.par_extend([1, 2].par_iter());
    /// assert_eq!(d, [1, 2]);
    /// ```
    impl['a, T] for VecDeque<T>, item &'a T, where [T: 'a + Copy + Send + Sync,], |x| *x
}

/// Appends the items in order. Each piece builds its own list in parallel; the lists are
/// then joined, which costs nothing per item.
///
/// # Examples
///
/// ```
/// use beat::prelude::*;
/// use std::collections::LinkedList;
/// let mut l = LinkedList::from([0]);
/// l.par_extend((1..4).into_par_iter());
/// assert!(l.into_iter().eq(0..4));
/// ```
impl<T: Send> ParallelExtend<T> for LinkedList<T> {
    fn par_extend<I>(&mut self, par_iter: I)
    where
        I: IntoParallelIterator<Item = T>,
    {
        let lists: LinkedList<LinkedList<T>> = collect_pieces(par_iter.into_par_iter());
        for mut list in lists {
            self.append(&mut list);
        }
    }
}

extend_copied! {
    /// Appends copies of the items, in order.
    ///
    /// # Examples
    ///
    /// ```
    /// use beat::prelude::*;
    /// use std::collections::LinkedList;
    /// let mut l = LinkedList::<i32>::new();
    /// l.par_extend([1, 2].par_iter());
    /// assert!(l.into_iter().eq([1, 2]));
    /// ```
    impl['a, T] for LinkedList<T>, item &'a T, where [T: 'a + Copy + Send + Sync,], |x| *x
}

extend_reserving! {
    /// Pushes the items onto the heap.
    ///
    /// # Examples
    ///
    /// ```
    /// use beat::prelude::*;
    /// use std::collections::BinaryHeap;
    /// let mut h = BinaryHeap::from([5]);
    /// h.par_extend((0..4).into_par_iter());
    /// assert_eq!(h.into_sorted_vec(), [0, 1, 2, 3, 5]);
    /// ```
    impl[T] for BinaryHeap<T>, item T, where [T: Ord + Send,]
}

extend_copied! {
    /// Pushes copies of the items onto the heap.
    ///
    /// # Examples
    ///
    /// ```
    /// use beat::prelude::*;
    /// use std::collections::BinaryHeap;
    /// let mut h = BinaryHeap::new();
    /// h.par_extend([3, 1, 2].par_iter());
    /// assert_eq!(h.peek(), Some(&3));
    /// ```
    impl['a, T] for BinaryHeap<T>, item &'a T, where [T: 'a + Copy + Ord + Send + Sync,], |x| *x
}

/// Inserts the items; of equal items the first one inserted stays, as with `extend`.
///
/// # Examples
///
/// ```
/// use beat::prelude::*;
/// use std::collections::BTreeSet;
/// let mut s = BTreeSet::from([9]);
/// s.par_extend((0..6).into_par_iter().map(|x| x % 3));
/// assert!(s.into_iter().eq([0, 1, 2, 9]));
/// ```
impl<T: Ord + Send> ParallelExtend<T> for BTreeSet<T> {
    fn par_extend<I>(&mut self, par_iter: I)
    where
        I: IntoParallelIterator<Item = T>,
    {
        extend_in_order(self, collect_vecs(par_iter.into_par_iter()));
    }
}

extend_copied! {
    /// Inserts copies of the items.
    ///
    /// # Examples
    ///
    /// ```
    /// use beat::prelude::*;
    /// use std::collections::BTreeSet;
    /// let mut s = BTreeSet::<i32>::new();
    /// s.par_extend([2, 1, 2].par_iter());
    /// assert!(s.into_iter().eq([1, 2]));
    /// ```
    impl['a, T] for BTreeSet<T>, item &'a T, where [T: 'a + Copy + Ord + Send + Sync,], |x| *x
}

extend_reserving! {
    /// Inserts the items; of equal items the first one inserted stays, as with `extend`.
    ///
    /// # Examples
    ///
    /// ```
    /// use beat::prelude::*;
    /// use std::collections::HashSet;
    /// let mut s = HashSet::<i32>::new();
    /// s.par_extend((0..10).into_par_iter().map(|x| x % 4));
    /// assert_eq!(s.len(), 4);
    /// ```
    impl[T, S] for HashSet<T, S>, item T, where [T: Eq + Hash + Send, S: BuildHasher + Send,]
}

extend_copied! {
    /// Inserts copies of the items.
    ///
    /// # Examples
    ///
    /// ```
    /// use beat::prelude::*;
    /// use std::collections::HashSet;
    /// let mut s = HashSet::<i32>::new();
    /// s.par_extend([1, 2, 1].par_iter());
    /// assert_eq!(s.len(), 2);
    /// ```
    impl['a, T, S] for HashSet<T, S>, item &'a T,
    where [T: 'a + Copy + Eq + Hash + Send + Sync, S: BuildHasher + Send,], |x| *x
}

/// Inserts the pairs in iterator order: for a key that occurs more than once, the value
/// that comes last in the iterator wins, as with `extend`.
///
/// # Examples
///
/// ```
/// use beat::prelude::*;
/// use std::collections::BTreeMap;
/// let mut m = BTreeMap::new();
/// m.par_extend((0..10).into_par_iter().map(|x| (x % 3, x)));
/// assert_eq!(m[&0], 9);
/// assert_eq!(m[&2], 8);
/// ```
impl<K: Ord + Send, V: Send> ParallelExtend<(K, V)> for BTreeMap<K, V> {
    fn par_extend<I>(&mut self, par_iter: I)
    where
        I: IntoParallelIterator<Item = (K, V)>,
    {
        extend_in_order(self, collect_vecs(par_iter.into_par_iter()));
    }
}

extend_copied! {
    /// Inserts copies of the pairs in iterator order (later values win).
    ///
    /// # Examples
    ///
    /// ```
    /// use beat::prelude::*;
    /// use std::collections::BTreeMap;
    /// let src = BTreeMap::from([(1, 'a'), (2, 'b')]);
    /// let mut m = BTreeMap::new();
    /// m.par_extend(src.iter().collect::<Vec<_>>().into_par_iter());
    /// assert_eq!(m, src);
    /// ```
    impl['a, K, V] for BTreeMap<K, V>, item (&'a K, &'a V),
    where [K: 'a + Copy + Ord + Send + Sync, V: 'a + Copy + Send + Sync,], |(k, v)| (*k, *v)
}

extend_reserving! {
    /// Inserts the pairs in iterator order: for a key that occurs more than once, the value
    /// that comes last in the iterator wins, as with `extend`.
    ///
    /// # Examples
    ///
    /// ```
    /// use beat::prelude::*;
    /// use std::collections::HashMap;
    /// let mut m = HashMap::<i32, i32>::new();
    /// m.par_extend((0..10).into_par_iter().map(|x| (x % 3, x)));
    /// assert_eq!((m[&0], m[&1], m[&2]), (9, 7, 8));
    /// ```
    impl[K, V, S] for HashMap<K, V, S>, item (K, V),
    where [K: Eq + Hash + Send, V: Send, S: BuildHasher + Send,]
}

extend_copied! {
    /// Inserts copies of the pairs in iterator order (later values win).
    ///
    /// # Examples
    ///
    /// ```
    /// use beat::prelude::*;
    /// use std::collections::HashMap;
    /// let pairs = [(1, 'a'), (1, 'b')];
    /// let mut m = HashMap::<i32, char>::new();
    /// m.par_extend(pairs.par_iter().map(|(k, v)| (k, v)));
    /// assert_eq!(m[&1], 'b');
    /// ```
    impl['a, K, V, S] for HashMap<K, V, S>, item (&'a K, &'a V),
    where [K: 'a + Copy + Eq + Hash + Send + Sync, V: 'a + Copy + Send + Sync,
           S: BuildHasher + Send,], |(k, v)| (*k, *v)
}

/// Appends the characters in order. Each piece builds its own `String` in parallel.
///
/// # Examples
///
/// ```
/// use beat::prelude::*;
/// let mut s = String::from(">");
/// s.par_extend(vec!['h', 'é', '!'].into_par_iter());
/// assert_eq!(s, ">hé!");
/// ```
impl ParallelExtend<char> for String {
    fn par_extend<I>(&mut self, par_iter: I)
    where
        I: IntoParallelIterator<Item = char>,
    {
        let strings: LinkedList<String> = collect_pieces(par_iter.into_par_iter());
        self.reserve(strings.iter().map(String::len).sum());
        self.extend(strings);
    }
}

extend_copied! {
    /// Appends copies of the characters, in order.
    ///
    /// # Examples
    ///
    /// ```
    /// use beat::prelude::*;
    /// let mut s = String::new();
    /// s.par_extend(['a', 'b'].par_iter());
    /// assert_eq!(s, "ab");
    /// ```
    impl['a] for String, item &'a char, where [], |c| *c
}

/// Implements `ParallelExtend` for a string type whose items are pieces of string: collect in
/// parallel, reserve the total length once, append in order.
macro_rules! extend_string {
    ($(#[$doc:meta])* impl[$($g:tt)*] for $ty:ty, item $item:ty, len $len:ident) => {
        $(#[$doc])*
        impl<$($g)*> ParallelExtend<$item> for $ty {
            fn par_extend<I>(&mut self, par_iter: I)
            where
                I: IntoParallelIterator<Item = $item>,
            {
                let vecs = collect_vecs(par_iter.into_par_iter());
                self.reserve($len(&vecs));
                extend_in_order(self, vecs);
            }
        }
    };
}

extend_string! {
    /// Appends the string slices, in order.
    ///
    /// # Examples
    ///
    /// ```
    /// use beat::prelude::*;
    /// let mut s = String::from("a");
    /// s.par_extend(vec!["b", "cd"].into_par_iter());
    /// assert_eq!(s, "abcd");
    /// ```
    impl['a] for String, item &'a str, len str_len
}

extend_string! {
    /// Appends the strings, in order.
    ///
    /// # Examples
    ///
    /// ```
    /// use beat::prelude::*;
    /// let mut s = String::new();
    /// s.par_extend((1..4u32).into_par_iter().map(|x| x.to_string()));
    /// assert_eq!(s, "123");
    /// ```
    impl[] for String, item String, len str_len
}

extend_string! {
    /// Appends the boxed strings, in order.
    ///
    /// # Examples
    ///
    /// ```
    /// use beat::prelude::*;
    /// let mut s = String::new();
    /// s.par_extend(vec![Box::<str>::from("x"), "y".into()].into_par_iter());
    /// assert_eq!(s, "xy");
    /// ```
    impl[] for String, item Box<str>, len str_len
}

extend_string! {
    /// Appends the strings, borrowed or owned, in order.
    ///
    /// # Examples
    ///
    /// ```
    /// use beat::prelude::*;
    /// use std::borrow::Cow;
    /// let mut s = String::new();
    /// s.par_extend(vec![Cow::Borrowed("x"), Cow::Owned("y".into())].into_par_iter());
    /// assert_eq!(s, "xy");
    /// ```
    impl['a] for String, item Cow<'a, str>, len str_len
}

extend_string! {
    /// Appends the OS string slices, in order.
    ///
    /// # Examples
    ///
    /// ```
    /// use beat::prelude::*;
    /// use std::ffi::{OsStr, OsString};
    /// let mut s = OsString::new();
    /// s.par_extend(vec![OsStr::new("a"), OsStr::new("b")].into_par_iter());
    /// assert_eq!(s, "ab");
    /// ```
    impl['a] for OsString, item &'a OsStr, len os_str_len
}

extend_string! {
    /// Appends the OS strings, in order.
    ///
    /// # Examples
    ///
    /// ```
    /// use beat::prelude::*;
    /// use std::ffi::OsString;
    /// let mut s = OsString::new();
    /// s.par_extend(vec![OsString::from("a"), OsString::from("b")].into_par_iter());
    /// assert_eq!(s, "ab");
    /// ```
    impl[] for OsString, item OsString, len os_str_len
}

extend_string! {
    /// Appends the OS strings, borrowed or owned, in order.
    ///
    /// # Examples
    ///
    /// ```
    /// use beat::prelude::*;
    /// use std::borrow::Cow;
    /// use std::ffi::{OsStr, OsString};
    /// let mut s = OsString::new();
    /// s.par_extend(vec![Cow::Borrowed(OsStr::new("a")), Cow::Owned("b".into())].into_par_iter());
    /// assert_eq!(s, "ab");
    /// ```
    impl['a] for OsString, item Cow<'a, OsStr>, len os_str_len
}

/// Runs the iterator for its effects; every `()` item is dropped.
///
/// # Examples
///
/// ```
/// use beat::prelude::*;
/// use std::sync::atomic::{AtomicUsize, Ordering};
/// let n = AtomicUsize::new(0);
/// ().par_extend((0..5).into_par_iter().map(|_| { n.fetch_add(1, Ordering::Relaxed); }));
/// assert_eq!(n.into_inner(), 5);
/// ```
impl ParallelExtend<()> for () {
    fn par_extend<I>(&mut self, par_iter: I)
    where
        I: IntoParallelIterator<Item = ()>,
    {
        par_iter.into_par_iter().for_each(|()| {});
    }
}

/// Extends whichever collection `self` holds.
///
/// # Examples
///
/// ```
/// use beat::iter::Either;
/// use beat::prelude::*;
/// let mut e: Either<Vec<i32>, std::collections::BTreeSet<i32>> = Either::Right(Default::default());
/// e.par_extend((0..3).into_par_iter());
/// assert_eq!(e.right().map(|s| s.len()), Some(3));
/// ```
impl<L, R, T> ParallelExtend<T> for Either<L, R>
where
    L: ParallelExtend<T>,
    R: ParallelExtend<T>,
    T: Send,
{
    fn par_extend<I>(&mut self, par_iter: I)
    where
        I: IntoParallelIterator<Item = T>,
    {
        match self {
            Either::Left(l) => l.par_extend(par_iter),
            Either::Right(r) => r.par_extend(par_iter),
        }
    }
}
