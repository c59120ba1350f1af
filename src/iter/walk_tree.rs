//! Parallel walks over trees given by a root and a function from a node to its children.
//!
//! A producer holds a list of subtrees still to walk and the nodes above them that were
//! already expanded. Splitting expands single subtrees until there are two or more, then
//! gives the later half to the right-hand piece; the pieces' results are joined left before
//! right, so the ordered walks come out in exactly the sequential order.

use std::fmt;
use std::mem;

use super::plumbing::{bridge_unindexed, Folder, UnindexedConsumer, UnindexedProducer};
use super::ParallelIterator;

/// Walks the tree under `root` in prefix order: every node before its children, children
/// in the order `children_of` gives them (a depth-first, pre-order walk).
///
/// For the tree `a(b(d, e), c(f, g))` the items are `a, b, d, e, c, f, g`. The walk
/// parallelises best when the tree is balanced; a long chain of single children is walked
/// on one thread.
///
/// # Examples
///
/// ```
/// use beat::prelude::*;
/// use beat::iter::walk_tree_prefix;
///
/// // The complete binary tree of heap indices below 7: 0 has children 1 and 2, and so on.
/// let order: Vec<u32> = walk_tree_prefix(0u32, |&i| (2 * i + 1..=2 * i + 2).filter(|&c| c < 7))
///     .collect();
/// assert_eq!(order, [0, 1, 3, 4, 2, 5, 6]);
/// ```
pub fn walk_tree_prefix<S, B, I>(root: S, children_of: B) -> WalkTreePrefix<S, B>
where
    S: Send,
    B: Fn(&S) -> I + Send + Sync,
    I: IntoIterator<Item = S, IntoIter: DoubleEndedIterator>,
{
    WalkTreePrefix { root, children_of }
}

/// Walks the tree under `root` in postfix order: every node after its children, children
/// in the order `children_of` gives them (a depth-first, post-order walk).
///
/// For the tree `a(b(d, e), c(f, g))` the items are `d, e, b, f, g, c, a`. The walk
/// parallelises best when the tree is balanced.
///
/// # Examples
///
/// ```
/// use beat::prelude::*;
/// use beat::iter::walk_tree_postfix;
///
/// let order: Vec<u32> = walk_tree_postfix(0u32, |&i| (2 * i + 1..=2 * i + 2).filter(|&c| c < 7))
///     .collect();
/// assert_eq!(order, [3, 4, 1, 5, 6, 2, 0]);
/// ```
pub fn walk_tree_postfix<S, B, I>(root: S, children_of: B) -> WalkTreePostfix<S, B>
where
    S: Send,
    B: Fn(&S) -> I + Send + Sync,
    I: IntoIterator<Item = S>,
{
    WalkTreePostfix { root, children_of }
}

/// Walks every node of the tree under `root` once, in no particular order: use it when
/// the order does not matter, and [`walk_tree_prefix`] or [`walk_tree_postfix`] when it
/// does.
///
/// # Examples
///
/// ```
/// use beat::prelude::*;
/// use beat::iter::walk_tree;
///
/// let mut nodes: Vec<u32> = walk_tree(0u32, |&i| (2 * i + 1..=2 * i + 2).filter(|&c| c < 100))
///     .collect();
/// nodes.sort();
/// assert_eq!(nodes, (0..100).collect::<Vec<_>>());
/// ```
pub fn walk_tree<S, B, I>(root: S, children_of: B) -> WalkTree<S, B>
where
    S: Send,
    B: Fn(&S) -> I + Send + Sync,
    I: IntoIterator<Item = S, IntoIter: DoubleEndedIterator>,
{
    WalkTree {
        inner: WalkTreePrefix { root, children_of },
    }
}

/// The iterator returned by [`walk_tree_prefix()`].
///
/// # Examples
///
/// ```
/// use beat::prelude::*;
/// let it: beat::iter::WalkTreePrefix<u8, _> =
///     beat::iter::walk_tree_prefix(3u8, |&n| if n > 0 { vec![n - 1] } else { vec![] });
/// assert_eq!(it.collect::<Vec<_>>(), [3, 2, 1, 0]);
/// ```
#[must_use = "iterator adapters are lazy and do nothing unless consumed"]
pub struct WalkTreePrefix<S, B> {
    root: S,
    children_of: B,
}

/// The iterator returned by [`walk_tree_postfix()`].
///
/// # Examples
///
/// ```
/// use beat::prelude::*;
/// let it: beat::iter::WalkTreePostfix<u8, _> =
///     beat::iter::walk_tree_postfix(3u8, |&n| if n > 0 { vec![n - 1] } else { vec![] });
/// assert_eq!(it.collect::<Vec<_>>(), [0, 1, 2, 3]);
/// ```
#[must_use = "iterator adapters are lazy and do nothing unless consumed"]
pub struct WalkTreePostfix<S, B> {
    root: S,
    children_of: B,
}

/// The iterator returned by [`walk_tree()`].
///
/// # Examples
///
/// ```
/// use beat::prelude::*;
/// let it: beat::iter::WalkTree<u8, _> =
///     beat::iter::walk_tree(3u8, |&n| if n > 0 { vec![n - 1] } else { vec![] });
/// assert_eq!(it.map(u32::from).sum::<u32>(), 6);
/// ```
#[must_use = "iterator adapters are lazy and do nothing unless consumed"]
pub struct WalkTree<S, B> {
    inner: WalkTreePrefix<S, B>,
}

impl<S: fmt::Debug, B> fmt::Debug for WalkTreePrefix<S, B> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("WalkTreePrefix")
            .field("root", &self.root)
            .finish_non_exhaustive()
    }
}

impl<S: fmt::Debug, B> fmt::Debug for WalkTreePostfix<S, B> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("WalkTreePostfix")
            .field("root", &self.root)
            .finish_non_exhaustive()
    }
}

impl<S: fmt::Debug, B> fmt::Debug for WalkTree<S, B> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("WalkTree")
            .field("root", &self.inner.root)
            .finish_non_exhaustive()
    }
}

impl<S, B, I> ParallelIterator for WalkTreePrefix<S, B>
where
    S: Send,
    B: Fn(&S) -> I + Send + Sync,
    I: IntoIterator<Item = S, IntoIter: DoubleEndedIterator>,
{
    type Item = S;

    fn drive_unindexed<C>(self, consumer: C) -> C::Result
    where
        C: UnindexedConsumer<S>,
    {
        let walk = PrefixWalk {
            done: Vec::new(),
            todo: vec![self.root],
            children_of: &self.children_of,
        };
        bridge_unindexed(walk, consumer)
    }
}

impl<S, B, I> ParallelIterator for WalkTreePostfix<S, B>
where
    S: Send,
    B: Fn(&S) -> I + Send + Sync,
    I: IntoIterator<Item = S>,
{
    type Item = S;

    fn drive_unindexed<C>(self, consumer: C) -> C::Result
    where
        C: UnindexedConsumer<S>,
    {
        let walk = PostfixWalk {
            todo: vec![self.root],
            above: Vec::new(),
            children_of: &self.children_of,
        };
        bridge_unindexed(walk, consumer)
    }
}

impl<S, B, I> ParallelIterator for WalkTree<S, B>
where
    S: Send,
    B: Fn(&S) -> I + Send + Sync,
    I: IntoIterator<Item = S, IntoIter: DoubleEndedIterator> + Send,
{
    type Item = S;

    fn drive_unindexed<C>(self, consumer: C) -> C::Result
    where
        C: UnindexedConsumer<S>,
    {
        // The prefix walk keeps only nodes on its stack, no child iterators.
        self.inner.drive_unindexed(consumer)
    }
}

/// A piece of a prefix walk: the nodes of `done`, in order, then the subtrees of `todo`,
/// the next one last (a stack).
struct PrefixWalk<'b, S, B> {
    /// Nodes already expanded (their children are in `todo` or in a later piece).
    done: Vec<S>,
    /// Subtrees still to walk; the top of the stack comes first.
    todo: Vec<S>,
    children_of: &'b B,
}

impl<S, B, I> PrefixWalk<'_, S, B>
where
    B: Fn(&S) -> I,
    I: IntoIterator<Item = S, IntoIter: DoubleEndedIterator>,
{
    /// Moves `node` to `done` and pushes its children, the first one on top.
    fn expand(&mut self, node: S) {
        self.todo
            .extend((self.children_of)(&node).into_iter().rev());
        self.done.push(node);
    }
}

impl<S, B, I> UnindexedProducer for PrefixWalk<'_, S, B>
where
    S: Send,
    B: Fn(&S) -> I + Sync,
    I: IntoIterator<Item = S, IntoIter: DoubleEndedIterator>,
{
    type Item = S;

    fn split(mut self) -> (Self, Option<Self>) {
        while self.todo.len() == 1 {
            let node = self.todo.pop().expect("one subtree");
            self.expand(node);
        }
        let children_of = self.children_of;
        let right = if self.todo.len() >= 2 {
            // The bottom of the stack comes last in the walk: it goes right.
            let first = self.todo.split_off(self.todo.len() / 2);
            let later = mem::replace(&mut self.todo, first);
            Some(PrefixWalk {
                done: Vec::new(),
                todo: later,
                children_of,
            })
        } else if self.done.len() >= 2 {
            let later = self.done.split_off(self.done.len() / 2);
            Some(PrefixWalk {
                done: later,
                todo: Vec::new(),
                children_of,
            })
        } else {
            None
        };
        (self, right)
    }

    fn fold_with<F: Folder<S>>(mut self, folder: F) -> F {
        let mut folder = folder.consume_iter(mem::take(&mut self.done));
        while !folder.full() {
            let Some(node) = self.todo.pop() else { break };
            self.todo
                .extend((self.children_of)(&node).into_iter().rev());
            folder = folder.consume(node);
        }
        folder
    }
}

/// A piece of a postfix walk: the subtrees of `todo`, in order, then the nodes of `above`,
/// the last one first.
struct PostfixWalk<'b, S, B> {
    /// Subtrees still to walk, first one first.
    todo: Vec<S>,
    /// Ancestors of the subtrees in `todo` (or in an earlier piece), deepest last; each comes
    /// after everything below it.
    above: Vec<S>,
    children_of: &'b B,
}

impl<S, B, I> UnindexedProducer for PostfixWalk<'_, S, B>
where
    S: Send,
    B: Fn(&S) -> I + Sync,
    I: IntoIterator<Item = S>,
{
    type Item = S;

    fn split(mut self) -> (Self, Option<Self>) {
        while self.todo.len() == 1 {
            let node = self.todo.pop().expect("one subtree");
            self.todo.extend((self.children_of)(&node));
            self.above.push(node);
        }
        let children_of = self.children_of;
        let right = if self.todo.len() >= 2 {
            // The later subtrees go right, and with them every ancestor, which comes last.
            let later = self.todo.split_off(self.todo.len() / 2);
            Some(PostfixWalk {
                todo: later,
                above: mem::take(&mut self.above),
                children_of,
            })
        } else if self.above.len() >= 2 {
            // `above` comes out deepest (last) first: the shallow half goes right.
            let deep = self.above.split_off(self.above.len() / 2);
            let shallow = mem::replace(&mut self.above, deep);
            Some(PostfixWalk {
                todo: Vec::new(),
                above: shallow,
                children_of,
            })
        } else {
            None
        };
        (self, right)
    }

    fn fold_with<F: Folder<S>>(self, mut folder: F) -> F {
        for root in self.todo {
            folder = postfix(self.children_of, root, folder);
            if folder.full() {
                return folder;
            }
        }
        folder.consume_iter(self.above.into_iter().rev())
    }
}

/// Folds the subtree under `root` in postfix order, with an explicit stack of the nodes on
/// the current path and their unvisited children, so deep trees cannot overflow the call
/// stack.
fn postfix<S, B, I, F>(children_of: &B, root: S, mut folder: F) -> F
where
    B: Fn(&S) -> I,
    I: IntoIterator<Item = S>,
    F: Folder<S>,
{
    let kids = children_of(&root).into_iter();
    let mut path = vec![(root, kids)];
    while let Some((_, kids)) = path.last_mut() {
        match kids.next() {
            Some(child) => {
                let kids = children_of(&child).into_iter();
                path.push((child, kids));
            }
            None => {
                let (node, _) = path.pop().expect("a node on the path");
                folder = folder.consume(node);
                if folder.full() {
                    break;
                }
            }
        }
    }
    folder
}
