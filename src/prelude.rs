//! The traits a parallel-iterator user needs: `use beat::prelude::*;`.
//!
//! # Examples
//!
//! ```
//! use beat::prelude::*;
//! assert_eq!((1..4).into_par_iter().product::<i32>(), 6);
//! ```

pub use crate::iter::{
    FromParallelIterator, IndexedParallelIterator, IntoParallelIterator, IntoParallelRefIterator,
    IntoParallelRefMutIterator, ParallelExtend, ParallelIterator,
};
pub use crate::slice::{ParallelSlice, ParallelSliceMut};
pub use crate::str::ParallelString;
// [h3: prelude]
pub use crate::iter::{ParallelBridge, ParallelDrainFull, ParallelDrainRange};
// [h4: prelude]
