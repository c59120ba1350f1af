//! The `Try` trait behind the `try_*` methods.
//!
//! It mirrors the unstable `std::ops::Try`: a value either continues with an output or
//! breaks with a residual that can rebuild the value. The trait is public (it appears in the
//! bounds of public methods) but lives in a private module, so code outside beat can neither
//! name nor implement it; the types below are the only ones accepted, the same set rayon
//! accepts.

use std::convert::Infallible;
use std::ops::ControlFlow::{self, Break, Continue};
use std::task::Poll;

/// A value that either goes on with an [`Output`](Try::Output) or stops with a
/// [`Residual`](Try::Residual): `Option`, `Result`, `ControlFlow` and `Poll` of the last two.
///
/// It cannot be named, so it cannot be implemented outside beat.
pub trait Try {
    /// The value carried when going on (`T` in `Option<T>` and `Result<T, E>`).
    type Output;
    /// What a stop carries, enough to rebuild `Self` (`None`, `Err(e)`, `Break(b)`).
    type Residual;

    /// Wraps a value that goes on.
    fn from_output(output: Self::Output) -> Self;

    /// Rebuilds a stopped value.
    fn from_residual(residual: Self::Residual) -> Self;

    /// Tells whether to go on or stop.
    fn branch(self) -> ControlFlow<Self::Residual, Self::Output>;
}

impl<T> Try for Option<T> {
    type Output = T;
    type Residual = Option<Infallible>;

    #[inline]
    fn from_output(output: T) -> Self {
        Some(output)
    }

    #[inline]
    fn from_residual(_: Option<Infallible>) -> Self {
        // The only value of `Option<Infallible>` is `None`.
        None
    }

    #[inline]
    fn branch(self) -> ControlFlow<Option<Infallible>, T> {
        match self {
            Some(x) => Continue(x),
            None => Break(None),
        }
    }
}

impl<T, E> Try for Result<T, E> {
    type Output = T;
    type Residual = Result<Infallible, E>;

    #[inline]
    fn from_output(output: T) -> Self {
        Ok(output)
    }

    #[inline]
    fn from_residual(residual: Result<Infallible, E>) -> Self {
        match residual {
            Err(e) => Err(e),
            Ok(never) => match never {},
        }
    }

    #[inline]
    fn branch(self) -> ControlFlow<Result<Infallible, E>, T> {
        match self {
            Ok(x) => Continue(x),
            Err(e) => Break(Err(e)),
        }
    }
}

impl<B, C> Try for ControlFlow<B, C> {
    type Output = C;
    type Residual = ControlFlow<B, Infallible>;

    #[inline]
    fn from_output(output: C) -> Self {
        Continue(output)
    }

    #[inline]
    fn from_residual(residual: ControlFlow<B, Infallible>) -> Self {
        match residual {
            Break(b) => Break(b),
            Continue(never) => match never {},
        }
    }

    #[inline]
    fn branch(self) -> ControlFlow<ControlFlow<B, Infallible>, C> {
        match self {
            Continue(c) => Continue(c),
            Break(b) => Break(Break(b)),
        }
    }
}

/// `Pending` and `Ready(Ok(_))` go on; `Ready(Err(e))` stops.
impl<T, E> Try for Poll<Result<T, E>> {
    type Output = Poll<T>;
    type Residual = Result<Infallible, E>;

    #[inline]
    fn from_output(output: Poll<T>) -> Self {
        output.map(Ok)
    }

    #[inline]
    fn from_residual(residual: Result<Infallible, E>) -> Self {
        Poll::Ready(Result::from_residual(residual))
    }

    #[inline]
    fn branch(self) -> ControlFlow<Result<Infallible, E>, Poll<T>> {
        match self {
            Poll::Pending => Continue(Poll::Pending),
            Poll::Ready(Ok(x)) => Continue(Poll::Ready(x)),
            Poll::Ready(Err(e)) => Break(Err(e)),
        }
    }
}

/// `Pending`, `Ready(None)` and `Ready(Some(Ok(_)))` go on; `Ready(Some(Err(e)))` stops.
impl<T, E> Try for Poll<Option<Result<T, E>>> {
    type Output = Poll<Option<T>>;
    type Residual = Result<Infallible, E>;

    #[inline]
    fn from_output(output: Poll<Option<T>>) -> Self {
        output.map(|o| o.map(Ok))
    }

    #[inline]
    fn from_residual(residual: Result<Infallible, E>) -> Self {
        Poll::Ready(Some(Result::from_residual(residual)))
    }

    #[inline]
    fn branch(self) -> ControlFlow<Result<Infallible, E>, Poll<Option<T>>> {
        match self {
            Poll::Pending => Continue(Poll::Pending),
            Poll::Ready(None) => Continue(Poll::Ready(None)),
            Poll::Ready(Some(Ok(x))) => Continue(Poll::Ready(Some(x))),
            Poll::Ready(Some(Err(e))) => Break(Err(e)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Try;
    use std::ops::ControlFlow::{self, Break, Continue};
    use std::task::Poll;

    fn round_trip<R: Try + Clone + PartialEq + std::fmt::Debug>(r: R) {
        let back = match r.clone().branch() {
            Continue(c) => R::from_output(c),
            Break(b) => R::from_residual(b),
        };
        assert_eq!(back, r);
    }

    #[test]
    fn branch_then_rebuild_is_identity() {
        round_trip(Some(3));
        round_trip(None::<i32>);
        round_trip(Ok::<_, String>(1));
        round_trip(Err::<i32, _>("e".to_string()));
        round_trip(ControlFlow::<u8, i32>::Continue(2));
        round_trip(ControlFlow::<u8, i32>::Break(9));
        round_trip(Poll::<Result<i32, u8>>::Pending);
        round_trip(Poll::<Result<i32, u8>>::Ready(Ok(4)));
        round_trip(Poll::<Result<i32, u8>>::Ready(Err(5)));
        round_trip(Poll::<Option<Result<i32, u8>>>::Pending);
        round_trip(Poll::<Option<Result<i32, u8>>>::Ready(None));
        round_trip(Poll::<Option<Result<i32, u8>>>::Ready(Some(Ok(6))));
        round_trip(Poll::<Option<Result<i32, u8>>>::Ready(Some(Err(7))));
    }

    #[test]
    fn only_the_failure_variants_break() {
        assert!(Some(1).branch().is_continue());
        assert!(None::<i32>.branch().is_break());
        assert!(Poll::<Result<i32, u8>>::Pending.branch().is_continue());
        assert!(Poll::<Option<Result<i32, u8>>>::Ready(None)
            .branch()
            .is_continue());
    }
}
