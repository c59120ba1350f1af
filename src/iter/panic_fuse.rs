//! `panic_fuse`: once a piece panics, the other pieces stop taking items.
//!
//! Every producer, consumer, folder and sequential iterator of a fused call holds a
//! [`Fuse`] on one shared flag. A panic unwinds through the piece it happened in and drops
//! that piece's fuse, which blows the flag; the others see it in `full()` (checked by the
//! driver between batches) and before each item they take.

use std::sync::atomic::{AtomicBool, Ordering};
use std::thread;

use super::plumbing::{Consumer, Folder, Producer, ProducerCallback, UnindexedConsumer};
use super::{IndexedParallelIterator, ParallelIterator};

/// The iterator returned by [`ParallelIterator::panic_fuse`].
///
/// # Examples
///
/// ```
/// use beat::prelude::*;
/// let it: beat::iter::PanicFuse<_> = (0..4).into_par_iter().panic_fuse();
/// assert_eq!(it.sum::<i32>(), 6);
/// ```
#[must_use = "iterator adapters are lazy and do nothing unless consumed"]
#[derive(Clone, Debug)]
pub struct PanicFuse<I> {
    base: I,
}

impl<I> PanicFuse<I> {
    pub(super) fn new(base: I) -> Self {
        PanicFuse { base }
    }
}

/// A handle on the shared flag; dropping it while the thread unwinds blows the flag.
///
/// The flag only asks the other pieces to stop early; it guards no data. The panic itself
/// reaches the caller through `join`, which synchronises, so Relaxed accesses suffice.
#[derive(Clone)]
struct Fuse<'a>(&'a AtomicBool);

impl Fuse<'_> {
    #[inline]
    fn blown(&self) -> bool {
        self.0.load(Ordering::Relaxed)
    }
}

impl Drop for Fuse<'_> {
    #[inline]
    fn drop(&mut self) {
        if thread::panicking() {
            self.0.store(true, Ordering::Relaxed);
        }
    }
}

impl<I: ParallelIterator> ParallelIterator for PanicFuse<I> {
    type Item = I::Item;

    fn drive_unindexed<C>(self, consumer: C) -> C::Result
    where
        C: UnindexedConsumer<I::Item>,
    {
        let flag = AtomicBool::new(false);
        self.base.drive_unindexed(PanicFuseConsumer {
            base: consumer,
            fuse: Fuse(&flag),
        })
    }

    fn opt_len(&self) -> Option<usize> {
        self.base.opt_len()
    }
}

impl<I: IndexedParallelIterator> IndexedParallelIterator for PanicFuse<I> {
    fn drive<C: Consumer<I::Item>>(self, consumer: C) -> C::Result {
        let flag = AtomicBool::new(false);
        self.base.drive(PanicFuseConsumer {
            base: consumer,
            fuse: Fuse(&flag),
        })
    }

    fn len(&self) -> usize {
        self.base.len()
    }

    fn with_producer<CB: ProducerCallback<I::Item>>(self, callback: CB) -> CB::Output {
        return self.base.with_producer(Callback { callback });

        struct Callback<CB> {
            callback: CB,
        }

        impl<T, CB: ProducerCallback<T>> ProducerCallback<T> for Callback<CB> {
            type Output = CB::Output;

            fn callback<P: Producer<Item = T>>(self, base: P) -> CB::Output {
                let flag = AtomicBool::new(false);
                self.callback.callback(PanicFuseProducer {
                    base,
                    fuse: Fuse(&flag),
                })
            }
        }
    }
}

struct PanicFuseProducer<'a, P> {
    base: P,
    fuse: Fuse<'a>,
}

impl<'a, P: Producer> Producer for PanicFuseProducer<'a, P> {
    type Item = P::Item;
    type IntoIter = PanicFuseIter<'a, P::IntoIter>;

    fn into_iter(self) -> Self::IntoIter {
        PanicFuseIter {
            base: self.base.into_iter(),
            fuse: self.fuse,
        }
    }
    fn min_len(&self) -> usize {
        self.base.min_len()
    }
    fn max_len(&self) -> usize {
        self.base.max_len()
    }
    #[inline]
    fn split_at(self, index: usize) -> (Self, Self) {
        let (l, r) = self.base.split_at(index);
        (
            PanicFuseProducer {
                base: l,
                fuse: self.fuse.clone(),
            },
            PanicFuseProducer {
                base: r,
                fuse: self.fuse,
            },
        )
    }
    #[inline]
    fn fold_with<G: Folder<P::Item>>(self, folder: G) -> G {
        self.base
            .fold_with(PanicFuseFolder {
                base: folder,
                fuse: self.fuse,
            })
            .base
    }
}

/// A sequential iterator that ends early once the fuse is blown. Its length is that of
/// its base: after a panic it may yield fewer items, but then the call is failing anyway.
struct PanicFuseIter<'a, I> {
    base: I,
    fuse: Fuse<'a>,
}

impl<I: Iterator> Iterator for PanicFuseIter<'_, I> {
    type Item = I::Item;

    #[inline]
    fn next(&mut self) -> Option<I::Item> {
        if self.fuse.blown() {
            None
        } else {
            self.base.next()
        }
    }
    #[inline]
    fn size_hint(&self) -> (usize, Option<usize>) {
        self.base.size_hint()
    }
}

impl<I: DoubleEndedIterator> DoubleEndedIterator for PanicFuseIter<'_, I> {
    #[inline]
    fn next_back(&mut self) -> Option<I::Item> {
        if self.fuse.blown() {
            None
        } else {
            self.base.next_back()
        }
    }
}

impl<I: ExactSizeIterator> ExactSizeIterator for PanicFuseIter<'_, I> {}

struct PanicFuseConsumer<'a, C> {
    base: C,
    fuse: Fuse<'a>,
}

impl<'a, T, C: Consumer<T>> Consumer<T> for PanicFuseConsumer<'a, C> {
    type Folder = PanicFuseFolder<'a, C::Folder>;
    type Reducer = C::Reducer;
    type Result = C::Result;

    #[inline]
    fn split_at(self, index: usize) -> (Self, Self, C::Reducer) {
        let (l, r, red) = self.base.split_at(index);
        (
            PanicFuseConsumer {
                base: l,
                fuse: self.fuse.clone(),
            },
            PanicFuseConsumer {
                base: r,
                fuse: self.fuse,
            },
            red,
        )
    }
    #[inline]
    fn into_folder(self) -> Self::Folder {
        PanicFuseFolder {
            base: self.base.into_folder(),
            fuse: self.fuse,
        }
    }
    fn full(&self) -> bool {
        self.fuse.blown() || self.base.full()
    }
}

impl<T, C: UnindexedConsumer<T>> UnindexedConsumer<T> for PanicFuseConsumer<'_, C> {
    fn split_off_left(&self) -> Self {
        PanicFuseConsumer {
            base: self.base.split_off_left(),
            fuse: self.fuse.clone(),
        }
    }
    fn to_reducer(&self) -> C::Reducer {
        self.base.to_reducer()
    }
}

struct PanicFuseFolder<'a, C> {
    base: C,
    fuse: Fuse<'a>,
}

impl<T, C: Folder<T>> Folder<T> for PanicFuseFolder<'_, C> {
    type Result = C::Result;

    #[inline]
    fn consume(mut self, item: T) -> Self {
        self.base = self.base.consume(item);
        self
    }
    #[inline]
    fn consume_iter<I: IntoIterator<Item = T>>(mut self, iter: I) -> Self {
        // The flag is checked before each item is taken, so no upstream work is done for
        // an item that would only be dropped.
        self.base = self.base.consume_iter(PanicFuseIter {
            base: iter.into_iter(),
            fuse: self.fuse.clone(),
        });
        self
    }
    #[inline]
    fn complete(self) -> C::Result {
        self.base.complete()
    }
    fn full(&self) -> bool {
        self.fuse.blown() || self.base.full()
    }
}
