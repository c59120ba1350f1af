//! `unzip_into_vecs`: one indexed pass writing the two halves of every pair straight into
//! their places in two vectors.

use super::collect::collect_with;
use super::plumbing::{Consumer, Folder, Reducer};
use super::IndexedParallelIterator;

pub(super) fn unzip_into_vecs<I, A, B>(pi: I, left: &mut Vec<A>, right: &mut Vec<B>)
where
    I: IndexedParallelIterator<Item = (A, B)>,
    A: Send,
    B: Send,
{
    left.clear();
    right.clear();
    let len = pi.len();
    collect_with(left, len, |lc| {
        let mut left_result = None;
        collect_with(right, len, |rc| {
            let (l, r) = pi.drive(Pairs {
                left: lc,
                right: rc,
            });
            left_result = Some(l);
            r
        });
        left_result.expect("the right vector's collect drives the iterator")
    });
}

/// Feeds the first elements of the pairs to `left` and the second ones to `right`; both
/// are split at the same indices.
struct Pairs<CL, CR> {
    left: CL,
    right: CR,
}

impl<A, B, CL, CR> Consumer<(A, B)> for Pairs<CL, CR>
where
    CL: Consumer<A>,
    CR: Consumer<B>,
{
    type Folder = Pairs<CL::Folder, CR::Folder>;
    type Reducer = Pairs<CL::Reducer, CR::Reducer>;
    type Result = (CL::Result, CR::Result);

    #[inline]
    fn split_at(self, index: usize) -> (Self, Self, Self::Reducer) {
        let (l1, l2, lr) = self.left.split_at(index);
        let (r1, r2, rr) = self.right.split_at(index);
        (
            Pairs {
                left: l1,
                right: r1,
            },
            Pairs {
                left: l2,
                right: r2,
            },
            Pairs {
                left: lr,
                right: rr,
            },
        )
    }
    #[inline]
    fn into_folder(self) -> Self::Folder {
        Pairs {
            left: self.left.into_folder(),
            right: self.right.into_folder(),
        }
    }
    fn full(&self) -> bool {
        // An item may still be wanted by the side that is not full.
        self.left.full() && self.right.full()
    }
}

impl<A, B, FL, FR> Folder<(A, B)> for Pairs<FL, FR>
where
    FL: Folder<A>,
    FR: Folder<B>,
{
    type Result = (FL::Result, FR::Result);

    #[inline]
    fn consume(self, (a, b): (A, B)) -> Self {
        Pairs {
            left: self.left.consume(a),
            right: self.right.consume(b),
        }
    }
    fn complete(self) -> Self::Result {
        (self.left.complete(), self.right.complete())
    }
    fn full(&self) -> bool {
        self.left.full() && self.right.full()
    }
}

impl<L, R, RL, RR> Reducer<(L, R)> for Pairs<RL, RR>
where
    RL: Reducer<L>,
    RR: Reducer<R>,
{
    fn reduce(self, left: (L, R), right: (L, R)) -> (L, R) {
        (
            self.left.reduce(left.0, right.0),
            self.right.reduce(left.1, right.1),
        )
    }
}
