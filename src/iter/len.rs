use super::plumbing::{bridge, Consumer, Folder, Producer, ProducerCallback, UnindexedConsumer};
use super::{IndexedParallelIterator, ParallelIterator};

macro_rules! len_adapter {
    ($name:ident, $producer:ident, $field:ident, $which:literal, $combine:expr) => {
        #[doc = concat!("The iterator returned by [`IndexedParallelIterator::", $which, "`].")]
        ///
        /// # Examples
        ///
        /// ```
        /// use beat::prelude::*;
        #[doc = concat!("let it = (0..100).into_par_iter().", $which, "(8);")]
        /// assert_eq!(it.sum::<i32>(), 4950);
        /// ```
        #[must_use = "iterator adapters are lazy and do nothing unless consumed"]
        #[derive(Clone, Debug)]
        pub struct $name<I> {
            base: I,
            $field: usize,
        }

        impl<I> $name<I> {
            pub(super) fn new(base: I, $field: usize) -> Self {
                $name { base, $field }
            }
        }

        impl<I: IndexedParallelIterator> ParallelIterator for $name<I> {
            type Item = I::Item;

            fn drive_unindexed<C>(self, consumer: C) -> C::Result
            where
                C: UnindexedConsumer<Self::Item>,
            {
                bridge(self, consumer)
            }

            fn opt_len(&self) -> Option<usize> {
                Some(self.base.len())
            }
        }

        impl<I: IndexedParallelIterator> IndexedParallelIterator for $name<I> {
            fn drive<C: Consumer<Self::Item>>(self, consumer: C) -> C::Result {
                bridge(self, consumer)
            }

            fn len(&self) -> usize {
                self.base.len()
            }

            fn with_producer<CB: ProducerCallback<Self::Item>>(self, callback: CB) -> CB::Output {
                return self.base.with_producer(Callback {
                    callback,
                    $field: self.$field,
                });

                struct Callback<CB> {
                    callback: CB,
                    $field: usize,
                }

                impl<T, CB: ProducerCallback<T>> ProducerCallback<T> for Callback<CB> {
                    type Output = CB::Output;
                    fn callback<P: Producer<Item = T>>(self, base: P) -> CB::Output {
                        self.callback.callback($producer {
                            base,
                            $field: self.$field,
                        })
                    }
                }
            }
        }

        struct $producer<P> {
            base: P,
            $field: usize,
        }

        impl<P: Producer> Producer for $producer<P> {
            type Item = P::Item;
            type IntoIter = P::IntoIter;

            fn into_iter(self) -> P::IntoIter {
                self.base.into_iter()
            }
            fn min_len(&self) -> usize {
                let combine: fn(&P, usize) -> (usize, usize) = $combine;
                combine(&self.base, self.$field).0
            }
            fn max_len(&self) -> usize {
                let combine: fn(&P, usize) -> (usize, usize) = $combine;
                combine(&self.base, self.$field).1
            }
            fn split_at(self, index: usize) -> (Self, Self) {
                let (l, r) = self.base.split_at(index);
                (
                    $producer {
                        base: l,
                        $field: self.$field,
                    },
                    $producer {
                        base: r,
                        $field: self.$field,
                    },
                )
            }
            fn fold_with<F: Folder<P::Item>>(self, folder: F) -> F {
                self.base.fold_with(folder)
            }
        }
    };
}

len_adapter!(MinLen, MinLenProducer, min, "with_min_len", |p, min| (
    p.min_len().max(min),
    p.max_len()
));
len_adapter!(MaxLen, MaxLenProducer, max, "with_max_len", |p, max| (
    p.min_len(),
    p.max_len().min(max)
));
