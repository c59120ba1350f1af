//! `FromParallelIterator` and `ParallelExtend` for the standard collections.

use super::collect::{collect_list, collect_with};
use super::{FromParallelIterator, IntoParallelIterator, ParallelExtend, ParallelIterator};

impl<T: Send> FromParallelIterator<T> for Vec<T> {
    fn from_par_iter<I>(par_iter: I) -> Self
    where
        I: IntoParallelIterator<Item = T>,
    {
        let mut v = Vec::new();
        v.par_extend(par_iter);
        v
    }
}

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
                self.reserve(list.iter().map(Vec::len).sum());
                for mut v in list {
                    self.append(&mut v);
                }
            }
        }
    }
}
