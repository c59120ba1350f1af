//! [`ThreadPoolBuilder`], [`ThreadBuilder`] and [`ThreadPoolBuildError`].

use std::any::Any;
use std::error::Error;
use std::fmt;
use std::io;
use std::sync::atomic::{AtomicBool, Ordering};

use crate::deque::Worker;

use crate::job::JobRef;
use crate::pool::ThreadPool;
use crate::registry::{self, Registry};
use crate::sleep::MAX_THREADS;
use crate::sync::Arc;

/// The type of a pool's panic handler.
pub(crate) type PanicHandler = dyn Fn(Box<dyn Any + Send>) + Send + Sync;

/// Configures and builds a [`ThreadPool`], or the global pool.
///
/// Every setting is optional. The number of threads defaults to the `BEAT_NUM_THREADS`
/// environment variable, then `RAYON_NUM_THREADS` (so a program switching from rayon keeps
/// its configuration), then the number of logical CPUs.
///
/// # Examples
///
/// ```
/// let pool = beat_core::ThreadPoolBuilder::new()
///     .num_threads(3)
///     .thread_name(|i| format!("worker-{i}"))
///     .build()
///     .unwrap();
/// assert_eq!(pool.current_num_threads(), 3);
/// assert_eq!(pool.install(|| beat_core::current_num_threads()), 3);
/// ```
pub struct ThreadPoolBuilder<S = DefaultSpawn> {
    num_threads: usize,
    pub(crate) use_current_thread: bool,
    get_thread_name: Option<Box<dyn FnMut(usize) -> String>>,
    pub(crate) stack_size: Option<usize>,
    pub(crate) panic_handler: Option<Box<PanicHandler>>,
    pub(crate) start_handler: Option<Box<dyn Fn(usize) + Send + Sync>>,
    pub(crate) exit_handler: Option<Box<dyn Fn(usize) + Send + Sync>>,
    pub(crate) spawn_handler: S,
}

/// Spawns pool threads with `std::thread::Builder` (the default spawn handler).
///
/// # Examples
///
/// ```
/// let builder: beat_core::ThreadPoolBuilder<beat_core::DefaultSpawn> =
///     beat_core::ThreadPoolBuilder::new();
/// # drop(builder);
/// ```
#[derive(Debug, Default)]
pub struct DefaultSpawn;

/// Spawns pool threads with a closure given to [`ThreadPoolBuilder::spawn_handler`].
///
/// # Examples
///
/// ```
/// let pool = beat_core::ThreadPoolBuilder::new()
///     .num_threads(2)
///     .spawn_handler(|thread| {
///         std::thread::Builder::new().spawn(|| thread.run())?;
///         Ok(())
///     })
///     .build()
///     .unwrap();
/// assert_eq!(pool.install(|| 1 + 1), 2);
/// ```
pub struct CustomSpawn<F>(F);

impl<F> fmt::Debug for CustomSpawn<F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("CustomSpawn")
    }
}

/// How a builder starts its threads. Implemented by [`DefaultSpawn`] and [`CustomSpawn`].
#[allow(unreachable_pub)] // named in public bounds, deliberately not nameable outside
pub trait ThreadSpawn {
    /// Starts a thread that calls `thread.run()`.
    ///
    /// # Errors
    ///
    /// The error of the underlying thread spawn, which fails the pool's build.
    fn spawn(&mut self, thread: ThreadBuilder) -> io::Result<()>;
}

impl ThreadSpawn for DefaultSpawn {
    fn spawn(&mut self, thread: ThreadBuilder) -> io::Result<()> {
        thread.std_builder().spawn(|| thread.run())?;
        Ok(())
    }
}

impl<F> ThreadSpawn for CustomSpawn<F>
where
    F: FnMut(ThreadBuilder) -> io::Result<()>,
{
    fn spawn(&mut self, thread: ThreadBuilder) -> io::Result<()> {
        (self.0)(thread)
    }
}

/// One pool thread to be started by a spawn handler: call [`run`](ThreadBuilder::run) on
/// the new thread.
///
/// # Examples
///
/// ```
/// let pool = beat_core::ThreadPoolBuilder::new()
///     .num_threads(1)
///     .thread_name(|i| format!("w{i}"))
///     .spawn_handler(|thread| {
///         assert_eq!(thread.index(), 0);
///         assert_eq!(thread.name(), Some("w0"));
///         std::thread::spawn(move || thread.run());
///         Ok(())
///     })
///     .build()
///     .unwrap();
/// assert_eq!(pool.install(|| beat_core::current_thread_index()), Some(0));
/// ```
pub struct ThreadBuilder {
    pub(crate) name: Option<String>,
    pub(crate) stack_size: Option<usize>,
    pub(crate) registry: Arc<Registry>,
    pub(crate) worker: Worker<JobRef>,
    pub(crate) index: usize,
}

impl ThreadBuilder {
    /// The index of this thread in the pool, in `0..num_threads`.
    ///
    /// # Examples
    ///
    /// See [`ThreadBuilder`].
    pub fn index(&self) -> usize {
        self.index
    }

    /// The name the builder's `thread_name` gave this thread, if any.
    ///
    /// # Examples
    ///
    /// See [`ThreadBuilder`].
    pub fn name(&self) -> Option<&str> {
        self.name.as_deref()
    }

    /// The stack size the builder asked for, if any.
    ///
    /// # Examples
    ///
    /// ```
    /// let pool = beat_core::ThreadPoolBuilder::new()
    ///     .num_threads(1)
    ///     .stack_size(1 << 20)
    ///     .spawn_handler(|t| {
    ///         assert_eq!(t.stack_size(), Some(1 << 20));
    ///         std::thread::spawn(move || t.run());
    ///         Ok(())
    ///     })
    ///     .build()
    ///     .unwrap();
    /// # drop(pool);
    /// ```
    pub fn stack_size(&self) -> Option<usize> {
        self.stack_size
    }

    /// Runs the worker loop on the current thread until the pool terminates.
    ///
    /// # Examples
    ///
    /// See [`ThreadBuilder`].
    pub fn run(self) {
        registry::main_loop(self)
    }

    /// A `std::thread::Builder` with this thread's name and stack size.
    fn std_builder(&self) -> std::thread::Builder {
        let mut b = std::thread::Builder::new();
        if let Some(name) = self.name() {
            b = b.name(name.to_owned());
        }
        if let Some(size) = self.stack_size() {
            b = b.stack_size(size);
        }
        b
    }
}

impl fmt::Debug for ThreadBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ThreadBuilder")
            .field("index", &self.index)
            .field("name", &self.name)
            .field("stack_size", &self.stack_size)
            .finish_non_exhaustive()
    }
}

impl Default for ThreadPoolBuilder {
    fn default() -> Self {
        ThreadPoolBuilder {
            num_threads: 0,
            use_current_thread: false,
            get_thread_name: None,
            stack_size: None,
            panic_handler: None,
            start_handler: None,
            exit_handler: None,
            spawn_handler: DefaultSpawn,
        }
    }
}

impl ThreadPoolBuilder {
    /// A builder with every setting at its default.
    ///
    /// # Examples
    ///
    /// ```
    /// let pool = beat_core::ThreadPoolBuilder::new().build().unwrap();
    /// assert!(pool.current_num_threads() >= 1);
    /// ```
    pub fn new() -> Self {
        Self::default()
    }

    /// Builds a pool whose threads are scoped threads ([`std::thread::scope`]): each starts
    /// by calling `wrapper` with its [`ThreadBuilder`] (which should set up what the thread
    /// needs and then call [`run`](ThreadBuilder::run)), so the threads may borrow from the
    /// caller's stack. The pool exists only while `with_pool` runs; then it is dropped, and
    /// `build_scoped` returns `with_pool`'s value once every pool thread has exited.
    ///
    /// # Errors
    ///
    /// As [`build`](ThreadPoolBuilder::build), including a failure to start a thread; the
    /// threads already started exit before the error is returned.
    ///
    /// # Panics
    ///
    /// A panic in `with_pool` propagates after the pool's threads exited; a panic in
    /// `wrapper` on a pool thread propagates when the threads are joined (as for
    /// `std::thread::scope`).
    ///
    /// # Examples
    ///
    /// ```
    /// use std::sync::atomic::{AtomicUsize, Ordering};
    /// let started = AtomicUsize::new(0); // borrowed by every pool thread
    /// let sum = beat_core::ThreadPoolBuilder::new()
    ///     .num_threads(2)
    ///     .build_scoped(
    ///         |thread| {
    ///             started.fetch_add(1, Ordering::Relaxed);
    ///             thread.run()
    ///         },
    ///         |pool| pool.install(|| beat_core::join(|| 1, || 2)),
    ///     )
    ///     .unwrap();
    /// assert_eq!(sum, (1, 2));
    /// assert_eq!(started.into_inner(), 2);
    /// ```
    pub fn build_scoped<W, F, R>(self, wrapper: W, with_pool: F) -> Result<R, ThreadPoolBuildError>
    where
        W: Fn(ThreadBuilder) + Sync,
        F: FnOnce(&ThreadPool) -> R,
    {
        std::thread::scope(|scope| {
            let wrapper = &wrapper;
            let pool = self
                .spawn_handler(|thread| {
                    thread
                        .std_builder()
                        .spawn_scoped(scope, move || wrapper(thread))?;
                    Ok(())
                })
                .build()?;
            Ok(with_pool(&pool))
        })
    }
}

impl<S: ThreadSpawn> ThreadPoolBuilder<S> {
    /// Builds the pool, with threads started by the spawn handler.
    ///
    /// # Errors
    ///
    /// As for [`ThreadPoolBuilder::build`], plus any error of the spawn handler. When the
    /// handler fails for some thread, the threads it started before exit (running their
    /// exit handlers), and a thread adopted by
    /// [`use_current_thread`](ThreadPoolBuilder::use_current_thread) leaves the pool.
    ///
    /// # Examples
    ///
    /// ```
    /// let err = beat_core::ThreadPoolBuilder::new()
    ///     .num_threads(2)
    ///     .spawn_handler(|_| Err(std::io::Error::other("no threads today")))
    ///     .build()
    ///     .unwrap_err();
    /// assert!(err.to_string().contains("no threads today"));
    /// ```
    pub fn build(self) -> Result<ThreadPool, ThreadPoolBuildError> {
        ThreadPool::build(self)
    }

    /// Builds the global pool that `join`, `scope` and parallel iterators use outside any
    /// pool. It can be built once, before first use.
    ///
    /// # Errors
    ///
    /// If the global pool exists already (built explicitly or by first use), or as
    /// [`build`](ThreadPoolBuilder::build).
    ///
    /// # Examples
    ///
    /// ```
    /// // The first call wins; later calls report an error and change nothing.
    /// let first = beat_core::ThreadPoolBuilder::new().num_threads(2).build_global();
    /// let second = beat_core::ThreadPoolBuilder::new().num_threads(3).build_global();
    /// assert!(second.is_err());
    /// # drop(first);
    /// ```
    pub fn build_global(self) -> Result<(), ThreadPoolBuildError> {
        registry::set_global_registry(self)
    }
}

/// Reports an unusable thread-count variable once per process.
static REPORTED_BAD_ENV: AtomicBool = AtomicBool::new(false);

/// The thread count from `BEAT_NUM_THREADS`, else `RAYON_NUM_THREADS`; `None` for the
/// default (unset, `0`, or unusable, which is reported once on stderr).
fn env_num_threads() -> Option<usize> {
    for var in ["BEAT_NUM_THREADS", "RAYON_NUM_THREADS"] {
        let Ok(value) = std::env::var(var) else {
            continue;
        };
        return match parse_num_threads(&value) {
            Ok(n) => n,
            Err(why) => {
                // Relaxed: only decides who prints; no data is published through it.
                if !REPORTED_BAD_ENV.swap(true, Ordering::Relaxed) {
                    eprintln!(
                        "beat: ignoring {var}={value:?} ({why}); using the default of {} threads",
                        default_num_threads()
                    );
                }
                None
            }
        };
    }
    None
}

/// Parses a thread count: `Ok(None)` means "the default" (`0`).
pub(crate) fn parse_num_threads(value: &str) -> Result<Option<usize>, String> {
    match value.trim().parse::<usize>() {
        Ok(0) => Ok(None),
        Ok(n) if n > MAX_THREADS => Err(format!("more than the maximum of {MAX_THREADS}")),
        Ok(n) => Ok(Some(n)),
        Err(_) => Err("not a non-negative integer".to_owned()),
    }
}

fn default_num_threads() -> usize {
    num_cpus::get().clamp(1, MAX_THREADS)
}

impl<S> ThreadPoolBuilder<S> {
    /// The thread count this builder asks for, resolved against the environment.
    pub(crate) fn resolved_num_threads(&self) -> Result<usize, ThreadPoolBuildError> {
        match self.num_threads {
            0 => Ok(env_num_threads().unwrap_or_else(default_num_threads)),
            n if n > MAX_THREADS => Err(ThreadPoolBuildError::too_many_threads(n)),
            n => Ok(n),
        }
    }

    pub(crate) fn name_of_thread(&mut self, index: usize) -> Option<String> {
        self.get_thread_name.as_mut().map(|f| f(index))
    }

    /// Sets the number of threads; `0` (the default) means: from `BEAT_NUM_THREADS`, else
    /// `RAYON_NUM_THREADS`, else the number of logical CPUs. More than
    /// [`max_num_threads`](crate::max_num_threads) makes `build` return an error.
    ///
    /// # Examples
    ///
    /// ```
    /// let pool = beat_core::ThreadPoolBuilder::new().num_threads(5).build().unwrap();
    /// assert_eq!(pool.current_num_threads(), 5);
    /// assert!(beat_core::ThreadPoolBuilder::new().num_threads(100_000).build().is_err());
    /// ```
    pub fn num_threads(mut self, num_threads: usize) -> Self {
        self.num_threads = num_threads;
        self
    }

    /// Makes the calling thread worker 0 of the pool. It runs pool work only while it waits
    /// inside the pool (in `join`, `scope`, `install`, `yield_now`); the start and exit
    /// handlers do not run for it. It leaves the pool when the pool is dropped (on this
    /// thread) or when the thread exits.
    ///
    /// # Examples
    ///
    /// ```
    /// let pool = beat_core::ThreadPoolBuilder::new()
    ///     .num_threads(2)
    ///     .use_current_thread()
    ///     .build()
    ///     .unwrap();
    /// assert_eq!(beat_core::current_thread_index(), Some(0));
    /// assert_eq!(pool.install(|| 40 + 2), 42);
    /// drop(pool);
    /// assert_eq!(beat_core::current_thread_index(), None);
    /// ```
    pub fn use_current_thread(mut self) -> Self {
        self.use_current_thread = true;
        self
    }

    /// Names pool threads: `closure(index)` gives the name of thread `index`.
    ///
    /// # Examples
    ///
    /// ```
    /// let pool = beat_core::ThreadPoolBuilder::new()
    ///     .num_threads(1)
    ///     .thread_name(|i| format!("crunch-{i}"))
    ///     .build()
    ///     .unwrap();
    /// let name = pool.install(|| std::thread::current().name().map(str::to_owned));
    /// assert_eq!(name.as_deref(), Some("crunch-0"));
    /// ```
    pub fn thread_name<F>(mut self, closure: F) -> Self
    where
        F: FnMut(usize) -> String + 'static,
    {
        self.get_thread_name = Some(Box::new(closure));
        self
    }

    /// Sets the stack size of pool threads, in bytes.
    ///
    /// # Examples
    ///
    /// ```
    /// let pool = beat_core::ThreadPoolBuilder::new()
    ///     .num_threads(1)
    ///     .stack_size(8 << 20)
    ///     .build()
    ///     .unwrap();
    /// assert_eq!(pool.install(|| 7), 7);
    /// ```
    pub fn stack_size(mut self, stack_size: usize) -> Self {
        self.stack_size = Some(stack_size);
        self
    }

    /// Handles panics of tasks started with `spawn` (which have nobody to propagate to).
    /// Without a handler such a panic aborts the process, as in rayon. A panic inside the
    /// handler itself aborts.
    ///
    /// # Examples
    ///
    /// ```
    /// use std::sync::mpsc;
    /// let (tx, rx) = mpsc::channel();
    /// let tx = std::sync::Mutex::new(tx);
    /// let pool = beat_core::ThreadPoolBuilder::new()
    ///     .num_threads(1)
    ///     .panic_handler(move |_| tx.lock().unwrap().send("caught").unwrap())
    ///     .build()
    ///     .unwrap();
    /// pool.spawn(|| panic!("boom"));
    /// assert_eq!(rx.recv().unwrap(), "caught");
    /// ```
    pub fn panic_handler<H>(mut self, panic_handler: H) -> Self
    where
        H: Fn(Box<dyn Any + Send>) + Send + Sync + 'static,
    {
        self.panic_handler = Some(Box::new(panic_handler));
        self
    }

    /// Runs `start_handler(index)` on each pool thread when it starts. A panic in it goes
    /// to the panic handler (or aborts without one).
    ///
    /// # Examples
    ///
    /// ```
    /// use std::sync::mpsc;
    /// let (tx, rx) = mpsc::channel();
    /// let tx = std::sync::Mutex::new(tx);
    /// let pool = beat_core::ThreadPoolBuilder::new()
    ///     .num_threads(2)
    ///     .start_handler(move |i| tx.lock().unwrap().send(i).unwrap())
    ///     .build()
    ///     .unwrap();
    /// let mut started = vec![rx.recv().unwrap(), rx.recv().unwrap()];
    /// started.sort();
    /// assert_eq!(started, [0, 1]);
    /// ```
    pub fn start_handler<H>(mut self, start_handler: H) -> Self
    where
        H: Fn(usize) + Send + Sync + 'static,
    {
        self.start_handler = Some(Box::new(start_handler));
        self
    }

    /// Runs `exit_handler(index)` on each pool thread when it exits (after the pool was
    /// dropped and its work is done). A panic in it goes to the panic handler (or aborts
    /// without one).
    ///
    /// # Examples
    ///
    /// ```
    /// use std::sync::mpsc;
    /// let (tx, rx) = mpsc::channel();
    /// let tx = std::sync::Mutex::new(tx);
    /// let pool = beat_core::ThreadPoolBuilder::new()
    ///     .num_threads(1)
    ///     .exit_handler(move |i| tx.lock().unwrap().send(i).unwrap())
    ///     .build()
    ///     .unwrap();
    /// drop(pool);
    /// assert_eq!(rx.recv().unwrap(), 0);
    /// ```
    pub fn exit_handler<H>(mut self, exit_handler: H) -> Self
    where
        H: Fn(usize) + Send + Sync + 'static,
    {
        self.exit_handler = Some(Box::new(exit_handler));
        self
    }

    /// Accepted for source compatibility with rayon, where it is deprecated; it has no
    /// effect in beat.
    ///
    /// In rayon this asked workers to take their own queued tasks oldest first. beat always
    /// runs a worker's own tasks newest first (its `join` depends on taking back the task it
    /// just queued), so the order of execution is the same with or without this call. For
    /// tasks started in first-in, first-out order, use [`scope_fifo`](crate::scope_fifo),
    /// [`in_place_scope_fifo`](crate::in_place_scope_fifo) or
    /// [`spawn_fifo`](crate::spawn_fifo).
    ///
    /// # Examples
    ///
    /// ```
    /// #[allow(deprecated)]
    /// let pool = beat_core::ThreadPoolBuilder::new()
    ///     .num_threads(1)
    ///     .breadth_first()
    ///     .build()
    ///     .unwrap();
    /// assert_eq!(pool.install(|| 6 * 7), 42);
    /// ```
    #[deprecated(note = "use `scope_fifo` and `spawn_fifo` for similar effect")]
    pub fn breadth_first(self) -> Self {
        self
    }

    /// Starts pool threads with `spawn` instead of `std::thread::Builder`; it receives a
    /// [`ThreadBuilder`] and must arrange for `run` to be called on a new thread.
    ///
    /// # Examples
    ///
    /// See [`CustomSpawn`].
    pub fn spawn_handler<F>(self, spawn: F) -> ThreadPoolBuilder<CustomSpawn<F>>
    where
        F: FnMut(ThreadBuilder) -> io::Result<()>,
    {
        ThreadPoolBuilder {
            num_threads: self.num_threads,
            use_current_thread: self.use_current_thread,
            get_thread_name: self.get_thread_name,
            stack_size: self.stack_size,
            panic_handler: self.panic_handler,
            start_handler: self.start_handler,
            exit_handler: self.exit_handler,
            spawn_handler: CustomSpawn(spawn),
        }
    }
}

impl<S> fmt::Debug for ThreadPoolBuilder<S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ThreadPoolBuilder")
            .field("num_threads", &self.num_threads)
            .field("use_current_thread", &self.use_current_thread)
            .field("stack_size", &self.stack_size)
            .field("has_panic_handler", &self.panic_handler.is_some())
            .field("has_start_handler", &self.start_handler.is_some())
            .field("has_exit_handler", &self.exit_handler.is_some())
            .finish_non_exhaustive()
    }
}

/// Why a pool could not be built.
///
/// # Examples
///
/// ```
/// let err = beat_core::ThreadPoolBuilder::new()
///     .num_threads(1_000_000)
///     .build()
///     .unwrap_err();
/// println!("{err}"); // explains the limit
/// ```
#[derive(Debug)]
pub struct ThreadPoolBuildError {
    kind: ErrorKind,
}

#[derive(Debug)]
enum ErrorKind {
    GlobalPoolAlreadyInitialized,
    CurrentThreadAlreadyInPool,
    TooManyThreads(usize),
    IoError(io::Error),
}

impl ThreadPoolBuildError {
    pub(crate) fn global_pool_already_initialized() -> Self {
        ThreadPoolBuildError {
            kind: ErrorKind::GlobalPoolAlreadyInitialized,
        }
    }

    pub(crate) fn current_thread_already_in_pool() -> Self {
        ThreadPoolBuildError {
            kind: ErrorKind::CurrentThreadAlreadyInPool,
        }
    }

    pub(crate) fn too_many_threads(n: usize) -> Self {
        ThreadPoolBuildError {
            kind: ErrorKind::TooManyThreads(n),
        }
    }

    pub(crate) fn io(err: io::Error) -> Self {
        ThreadPoolBuildError {
            kind: ErrorKind::IoError(err),
        }
    }
}

impl fmt::Display for ThreadPoolBuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            ErrorKind::GlobalPoolAlreadyInitialized => {
                f.write_str("the global thread pool has already been initialized")
            }
            ErrorKind::CurrentThreadAlreadyInPool => {
                f.write_str("the current thread is already part of a thread pool")
            }
            ErrorKind::TooManyThreads(n) => write!(
                f,
                "{n} threads asked for; a pool holds at most {MAX_THREADS}"
            ),
            ErrorKind::IoError(e) => write!(f, "could not start a pool thread: {e}"),
        }
    }
}

impl Error for ThreadPoolBuildError {
    fn source(&self) -> Option<&(dyn Error + 'static)> {
        match &self.kind {
            ErrorKind::IoError(e) => Some(e),
            _ => None,
        }
    }
}

#[cfg(all(test, not(loom)))]
mod tests {
    use super::*;

    #[test]
    fn parses_thread_counts() {
        assert_eq!(parse_num_threads("4"), Ok(Some(4)));
        assert_eq!(parse_num_threads(" 7 "), Ok(Some(7)));
        assert_eq!(parse_num_threads("0"), Ok(None));
        assert!(parse_num_threads("abc").is_err());
        assert!(parse_num_threads("-3").is_err());
        assert!(parse_num_threads("").is_err());
        assert!(parse_num_threads("100000").is_err());
    }

    #[test]
    fn too_many_threads_is_an_error() {
        let err = ThreadPoolBuilder::new()
            .num_threads(MAX_THREADS + 1)
            .build()
            .unwrap_err();
        assert!(err.to_string().contains("at most"));
        assert!(err.source().is_none());
    }

    #[test]
    fn failing_spawn_handler_is_an_error() {
        let mut calls = 0;
        let err = ThreadPoolBuilder::new()
            .num_threads(3)
            .spawn_handler(|t| {
                calls += 1;
                if t.index() == 1 {
                    return Err(io::Error::other("refused"));
                }
                std::thread::spawn(move || t.run());
                Ok(())
            })
            .build()
            .unwrap_err();
        assert!(err.source().is_some());
        assert_eq!(calls, 2);
    }
}
