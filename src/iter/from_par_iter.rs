//! `FromParallelIterator` for the standard collections, `Cow`, `()`, `Result` and `Option`.
//!
//! Most collections start empty and [`par_extend`](ParallelExtend::par_extend) themselves
//! (see `extend.rs` for how); those that convert from a `Vec` for free, or in one linear pass
//! (`BinaryHeap`), are collected as a `Vec` first.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet, BinaryHeap, HashMap, HashSet, LinkedList, VecDeque};
use std::ffi::{OsStr, OsString};
use std::hash::{BuildHasher, Hash};
use std::rc::Rc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

use super::{FromParallelIterator, IntoParallelIterator, ParallelExtend, ParallelIterator};

/// Builds a collection by extending an empty one.
fn extend_default<C, I>(par_iter: I) -> C
where
    I: IntoParallelIterator,
    C: Default + ParallelExtend<I::Item>,
{
    let mut c = C::default();
    c.par_extend(par_iter);
    c
}

/// Implements `FromParallelIterator` by extending an empty collection.
macro_rules! from_extend {
    ($(#[$doc:meta])* impl[$($g:tt)*] for $ty:ty, item $item:ty, where [$($bounds:tt)*]) => {
        $(#[$doc])*
        impl<$($g)*> FromParallelIterator<$item> for $ty
        where
            $($bounds)*
        {
            fn from_par_iter<I>(par_iter: I) -> Self
            where
                I: IntoParallelIterator<Item = $item>,
            {
                extend_default(par_iter)
            }
        }
    };
}

/// Implements `FromParallelIterator` by collecting a `Vec` (or a `String`) and converting it.
macro_rules! from_via {
    ($(#[$doc:meta])* impl[$($g:tt)*] for $ty:ty, item $item:ty, via $via:ty,
     where [$($bounds:tt)*]) => {
        $(#[$doc])*
        impl<$($g)*> FromParallelIterator<$item> for $ty
        where
            $($bounds)*
        {
            fn from_par_iter<I>(par_iter: I) -> Self
            where
                I: IntoParallelIterator<Item = $item>,
            {
                <$via>::from_par_iter(par_iter).into()
            }
        }
    };
}

from_extend! {
    /// Collects the items in order.
    ///
    /// # Examples
    ///
    /// ```
    /// use beat::prelude::*;
    /// let v: Vec<_> = (0..5).into_par_iter().filter(|x| x % 2 == 0).collect();
    /// assert_eq!(v, [0, 2, 4]);
    /// ```
    impl[T] for Vec<T>, item T, where [T: Send,]
}

from_via! {
    /// Collects the items in order into a boxed slice.
    ///
    /// # Examples
    ///
    /// ```
    /// use beat::prelude::*;
    /// let b: Box<[i32]> = (0..3).into_par_iter().collect();
    /// assert_eq!(&*b, [0, 1, 2]);
    /// ```
    impl[T] for Box<[T]>, item T, via Vec<T>, where [T: Send,]
}

from_via! {
    /// Collects the items in order into a reference-counted slice.
    ///
    /// # Examples
    ///
    /// ```
    /// use beat::prelude::*;
    /// use std::rc::Rc;
    /// let r: Rc<[i32]> = (0..3).into_par_iter().collect();
    /// assert_eq!(&*r, [0, 1, 2]);
    /// ```
    impl[T] for Rc<[T]>, item T, via Vec<T>, where [T: Send,]
}

from_via! {
    /// Collects the items in order into an atomically reference-counted slice.
    ///
    /// # Examples
    ///
    /// ```
    /// use beat::prelude::*;
    /// use std::sync::Arc;
    /// let a: Arc<[i32]> = (0..3).into_par_iter().collect();
    /// assert_eq!(&*a, [0, 1, 2]);
    /// ```
    impl[T] for Arc<[T]>, item T, via Vec<T>, where [T: Send,]
}

from_via! {
    /// Collects the items in order.
    ///
    /// # Examples
    ///
    /// ```
    /// use beat::prelude::*;
    /// use std::collections::VecDeque;
    /// let d: VecDeque<_> = (0..3).into_par_iter().collect();
    /// assert_eq!(d, [0, 1, 2]);
    /// ```
    impl[T] for VecDeque<T>, item T, via Vec<T>, where [T: Send,]
}

from_via! {
    /// Collects the items into a heap; the heap is built sequentially, in linear time, once
    /// every item is in.
    ///
    /// # Examples
    ///
    /// ```
    /// use beat::prelude::*;
    /// use std::collections::BinaryHeap;
    /// let h: BinaryHeap<_> = [3, 1, 4, 1, 5].par_iter().copied().collect();
    /// assert_eq!(h.into_sorted_vec(), [1, 1, 3, 4, 5]);
    /// ```
    impl[T] for BinaryHeap<T>, item T, via Vec<T>, where [T: Ord + Send,]
}

from_extend! {
    /// Collects the items in order.
    ///
    /// # Examples
    ///
    /// ```
    /// use beat::prelude::*;
    /// use std::collections::LinkedList;
    /// let l: LinkedList<_> = (0..3).into_par_iter().collect();
    /// assert!(l.into_iter().eq(0..3));
    /// ```
    impl[T] for LinkedList<T>, item T, where [T: Send,]
}

from_extend! {
    /// Collects `(key, value)` pairs; for a key that occurs more than once, the value that
    /// comes last in the iterator wins, as with a sequential `collect`.
    ///
    /// # Examples
    ///
    /// ```
    /// use beat::prelude::*;
    /// use std::collections::HashMap;
    /// let m: HashMap<_, _> = (0..10).into_par_iter().map(|x| (x % 3, x)).collect();
    /// assert_eq!((m[&0], m[&1], m[&2]), (9, 7, 8));
    /// ```
    impl[K, V, S] for HashMap<K, V, S>, item (K, V),
    where [K: Eq + Hash + Send, V: Send, S: BuildHasher + Default + Send,]
}

from_extend! {
    /// Collects `(key, value)` pairs; for a key that occurs more than once, the value that
    /// comes last in the iterator wins, as with a sequential `collect`.
    ///
    /// # Examples
    ///
    /// ```
    /// use beat::prelude::*;
    /// use std::collections::BTreeMap;
    /// let m: BTreeMap<_, _> = (0..10).into_par_iter().map(|x| (x % 3, x)).collect();
    /// assert!(m.into_iter().eq([(0, 9), (1, 7), (2, 8)]));
    /// ```
    impl[K, V] for BTreeMap<K, V>, item (K, V), where [K: Ord + Send, V: Send,]
}

from_extend! {
    /// Collects the distinct items.
    ///
    /// # Examples
    ///
    /// ```
    /// use beat::prelude::*;
    /// use std::collections::HashSet;
    /// let s: HashSet<_> = (0..10).into_par_iter().map(|x| x % 4).collect();
    /// assert_eq!(s.len(), 4);
    /// ```
    impl[T, S] for HashSet<T, S>, item T,
    where [T: Eq + Hash + Send, S: BuildHasher + Default + Send,]
}

from_extend! {
    /// Collects the distinct items, sorted.
    ///
    /// # Examples
    ///
    /// ```
    /// use beat::prelude::*;
    /// use std::collections::BTreeSet;
    /// let s: BTreeSet<_> = (0..10).into_par_iter().map(|x| x % 4).collect();
    /// assert!(s.into_iter().eq(0..4));
    /// ```
    impl[T] for BTreeSet<T>, item T, where [T: Ord + Send,]
}

/// Implements `FromParallelIterator` for `String` and `Box<str>` from one item type.
macro_rules! from_string {
    ($what:literal, $ex:literal, impl[$($g:tt)*] item $item:ty) => {
        #[doc = concat!("Concatenates ", $what, " in order.")]
        ///
        /// # Examples
        ///
        /// ```
        /// use beat::prelude::*;
        /// use std::borrow::Cow;
        #[doc = concat!("let s: String = ", $ex, ";")]
        /// assert_eq!(s, "añb");
        /// ```
        impl<$($g)*> FromParallelIterator<$item> for String {
            fn from_par_iter<I>(par_iter: I) -> Self
            where
                I: IntoParallelIterator<Item = $item>,
            {
                extend_default(par_iter)
            }
        }

        #[doc = concat!("Concatenates ", $what, " in order into a boxed string.")]
        ///
        /// # Examples
        ///
        /// ```
        /// use beat::prelude::*;
        /// use std::borrow::Cow;
        #[doc = concat!("let s: Box<str> = ", $ex, ";")]
        /// assert_eq!(&*s, "añb");
        /// ```
        impl<$($g)*> FromParallelIterator<$item> for Box<str> {
            fn from_par_iter<I>(par_iter: I) -> Self
            where
                I: IntoParallelIterator<Item = $item>,
            {
                String::from_par_iter(par_iter).into_boxed_str()
            }
        }
    };
}

from_string!("characters", "vec!['a', 'ñ', 'b'].into_par_iter().collect()", impl[] item char);
from_string!("characters", "['a', 'ñ', 'b'].par_iter().collect()", impl['a] item &'a char);
from_string!("string slices", "vec![\"a\", \"ñb\"].into_par_iter().collect()", impl['a] item &'a str);
from_string!(
    "strings",
    "vec![Cow::Borrowed(\"añ\"), Cow::Owned(\"b\".into())].into_par_iter().collect()",
    impl['a] item Cow<'a, str>
);
from_string!(
    "boxed strings",
    "vec![Box::<str>::from(\"a\"), \"ñb\".into()].into_par_iter().collect()",
    impl[] item Box<str>
);
from_string!(
    "strings",
    "vec![String::from(\"añ\"), \"b\".into()].into_par_iter().collect()",
    impl[] item String
);

from_extend! {
    /// Concatenates OS string slices in order.
    ///
    /// # Examples
    ///
    /// ```
    /// use beat::prelude::*;
    /// use std::ffi::{OsStr, OsString};
    /// let s: OsString = vec![OsStr::new("a"), OsStr::new("b")].into_par_iter().collect();
    /// assert_eq!(s, "ab");
    /// ```
    impl['a] for OsString, item &'a OsStr, where []
}

from_extend! {
    /// Concatenates OS strings in order.
    ///
    /// # Examples
    ///
    /// ```
    /// use beat::prelude::*;
    /// use std::ffi::OsString;
    /// let s: OsString = vec![OsString::from("a"), "b".into()].into_par_iter().collect();
    /// assert_eq!(s, "ab");
    /// ```
    impl[] for OsString, item OsString, where []
}

from_extend! {
    /// Concatenates OS strings, borrowed or owned, in order.
    ///
    /// # Examples
    ///
    /// ```
    /// use beat::prelude::*;
    /// use std::borrow::Cow;
    /// use std::ffi::{OsStr, OsString};
    /// let v = vec![Cow::Borrowed(OsStr::new("a")), Cow::Owned(OsString::from("b"))];
    /// let s: OsString = v.into_par_iter().collect();
    /// assert_eq!(s, "ab");
    /// ```
    impl['a] for OsString, item Cow<'a, OsStr>, where []
}

/// Collects into the owned form of any `Cow` whose owned type can be collected, such as
/// `Cow<'_, str>` or `Cow<'_, [T]>`; the result is always `Cow::Owned`.
///
/// # Examples
///
/// ```
/// use beat::prelude::*;
/// use std::borrow::Cow;
/// let c: Cow<'_, [i32]> = (0..3).into_par_iter().collect();
/// assert!(matches!(c, Cow::Owned(_)));
/// assert_eq!(&*c, [0, 1, 2]);
/// ```
impl<'a, C, T> FromParallelIterator<T> for Cow<'a, C>
where
    C: ToOwned<Owned: FromParallelIterator<T>> + ?Sized,
    T: Send,
{
    fn from_par_iter<I>(par_iter: I) -> Self
    where
        I: IntoParallelIterator<Item = T>,
    {
        Cow::Owned(C::Owned::from_par_iter(par_iter))
    }
}

/// Runs the iterator for its effects. Handy inside `Result<(), E>`, to learn only whether
/// some item failed.
///
/// # Examples
///
/// ```
/// use beat::prelude::*;
/// let r: Result<(), String> = (0..10)
///     .into_par_iter()
///     .map(|x| if x < 20 { Ok(()) } else { Err(format!("{x} too big")) })
///     .collect();
/// assert!(r.is_ok());
/// ```
impl FromParallelIterator<()> for () {
    fn from_par_iter<I>(par_iter: I) -> Self
    where
        I: IntoParallelIterator<Item = ()>,
    {
        par_iter.into_par_iter().for_each(|()| {});
    }
}

/// Collects the `Ok` values into `C`, or returns an error if any item is `Err`.
///
/// Once an error is seen the iterator stops as soon as it can (through
/// [`while_some`](ParallelIterator::while_some)), and the values collected so far are
/// dropped. When several items are errors, which of them is returned is unspecified: it
/// is whichever was recorded first, not necessarily the first in iterator order.
///
/// # Examples
///
/// ```
/// use beat::prelude::*;
/// let ok: Result<Vec<u32>, _> = ["1", "2"].par_iter().map(|s| s.parse::<u32>()).collect();
/// assert_eq!(ok, Ok(vec![1, 2]));
/// let bad: Result<Vec<u32>, _> = ["1", "x"].par_iter().map(|s| s.parse::<u32>()).collect();
/// assert!(bad.is_err());
/// ```
impl<C, T, E> FromParallelIterator<Result<T, E>> for Result<C, E>
where
    C: FromParallelIterator<T>,
    T: Send,
    E: Send,
{
    fn from_par_iter<I>(par_iter: I) -> Self
    where
        I: IntoParallelIterator<Item = Result<T, E>>,
    {
        let error = Mutex::new(None);
        let record = |item: Result<T, E>| match item {
            Ok(x) => Some(x),
            Err(e) => {
                // A thread that fails to take the lock would only find an error recorded
                // already (the holder is recording one), so it never has to wait.
                if let Ok(mut slot) = error.try_lock() {
                    slot.get_or_insert(e);
                }
                None
            }
        };
        let collection = par_iter.into_par_iter().map(record).while_some().collect();
        // Nothing can panic while the lock is held, so it is never poisoned in practice.
        match error.into_inner().unwrap_or_else(PoisonError::into_inner) {
            Some(e) => Err(e),
            None => Ok(collection),
        }
    }
}

/// Collects the values into `C` if every item is `Some`, else returns `None`.
///
/// Once a `None` is seen the iterator stops as soon as it can (through
/// [`while_some`](ParallelIterator::while_some)), and the values collected so far are
/// dropped.
///
/// # Examples
///
/// ```
/// use beat::prelude::*;
/// let all: Option<Vec<i32>> = (1..4).into_par_iter().map(|x| 12i32.checked_div(x)).collect();
/// assert_eq!(all, Some(vec![12, 6, 4]));
/// let none: Option<Vec<i32>> = (0..4).into_par_iter().map(|x| 12i32.checked_div(x)).collect();
/// assert_eq!(none, None);
/// ```
impl<C, T> FromParallelIterator<Option<T>> for Option<C>
where
    C: FromParallelIterator<T>,
    T: Send,
{
    fn from_par_iter<I>(par_iter: I) -> Self
    where
        I: IntoParallelIterator<Item = Option<T>>,
    {
        let saw_none = AtomicBool::new(false);
        let note = |item: &Option<T>| {
            if item.is_none() {
                // Relaxed: read only after the parallel run below has returned, and the
                // pool's join already orders every worker's writes before that return.
                saw_none.store(true, Ordering::Relaxed);
            }
        };
        let collection = par_iter
            .into_par_iter()
            .inspect(note)
            .while_some()
            .collect();
        // Relaxed: see the store above.
        (!saw_none.load(Ordering::Relaxed)).then_some(collection)
    }
}
