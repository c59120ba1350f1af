//! What the slice producers have in common: the slice kinds they hand out, and the macro
//! that implements the iterator traits for the indexed slice iterators.

/// A borrowed slice the slice producers can split and hand out as items: `&[T]` or
/// `&mut [T]`. The producers are written once over this trait.
pub(super) trait SlicePart: Send + Sized {
    /// The element type.
    type Elem;

    /// The elements, for reading (searching for separators, counting).
    fn view(&self) -> &[Self::Elem];

    /// Splits into the elements before `at` and those from `at` on.
    fn split_at(self, at: usize) -> (Self, Self);

    /// The number of elements.
    #[inline]
    fn len(&self) -> usize {
        self.view().len()
    }
}

impl<T: Sync> SlicePart for &[T] {
    type Elem = T;

    #[inline]
    fn view(&self) -> &[T] {
        self
    }

    #[inline]
    fn split_at(self, at: usize) -> (Self, Self) {
        <[T]>::split_at(self, at)
    }
}

impl<T: Send> SlicePart for &mut [T] {
    type Elem = T;

    #[inline]
    fn view(&self) -> &[T] {
        self
    }

    #[inline]
    fn split_at(self, at: usize) -> (Self, Self) {
        <[T]>::split_at_mut(self, at)
    }
}

/// Implements `ParallelIterator` and `IndexedParallelIterator` for a slice iterator whose
/// items come from a producer: `len` counts the items, `producer` builds the producer.
macro_rules! indexed_slice_iter {
    (
        impl<$lt:lifetime, $t:ident $(, const $n:ident: usize)?> for $ty:ty
        where [$($bounds:tt)*]
        item = $item:ty;
        len = |$l:ident| $len:expr;
        producer = |$p:ident| $producer:expr;
    ) => {
        impl<$lt, $t $(, const $n: usize)?> ParallelIterator for $ty
        where
            $($bounds)*
        {
            type Item = $item;

            fn drive_unindexed<C>(self, consumer: C) -> C::Result
            where
                C: UnindexedConsumer<$item>,
            {
                bridge(self, consumer)
            }

            fn opt_len(&self) -> Option<usize> {
                Some(self.len())
            }
        }

        impl<$lt, $t $(, const $n: usize)?> IndexedParallelIterator for $ty
        where
            $($bounds)*
        {
            fn drive<C: Consumer<$item>>(self, consumer: C) -> C::Result {
                bridge(self, consumer)
            }

            fn len(&self) -> usize {
                let $l = self;
                $len
            }

            fn with_producer<CB: ProducerCallback<$item>>(self, callback: CB) -> CB::Output {
                let $p = self;
                callback.callback($producer)
            }
        }
    };
}
pub(super) use indexed_slice_iter;
