//! The deprecated configuration API that rayon-core keeps for old code: [`Configuration`],
//! [`initialize`] and [`ThreadPool::new`]. Each forwards to [`ThreadPoolBuilder`].
#![allow(deprecated)]

use std::any::Any;
use std::error::Error;
use std::fmt;

use crate::pool::{ThreadPool, ThreadPoolBuilder};

/// The old way to configure a pool; use [`ThreadPoolBuilder`] instead. Every method
/// forwards to the builder method of the same name.
///
/// # Examples
///
/// ```
/// #![allow(deprecated)]
/// let pool = beat_core::Configuration::new().num_threads(2).build().unwrap();
/// assert_eq!(pool.current_num_threads(), 2);
/// ```
#[deprecated(note = "Use `ThreadPoolBuilder`")]
#[derive(Default)]
pub struct Configuration {
    builder: ThreadPoolBuilder,
}

impl fmt::Debug for Configuration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.builder.fmt(f)
    }
}

impl Configuration {
    /// A configuration with every setting at its default, as [`ThreadPoolBuilder::new`].
    ///
    /// # Examples
    ///
    /// ```
    /// #![allow(deprecated)]
    /// let pool = beat_core::Configuration::new().build().unwrap();
    /// assert!(pool.current_num_threads() >= 1);
    /// ```
    pub fn new() -> Configuration {
        Configuration {
            builder: ThreadPoolBuilder::new(),
        }
    }

    /// Builds the pool, as [`ThreadPoolBuilder::build`].
    ///
    /// # Errors
    ///
    /// As [`ThreadPoolBuilder::build`], boxed.
    ///
    /// # Examples
    ///
    /// ```
    /// #![allow(deprecated)]
    /// assert!(beat_core::Configuration::new().num_threads(1_000_000).build().is_err());
    /// ```
    pub fn build(self) -> Result<ThreadPool, Box<dyn Error + 'static>> {
        Ok(self.builder.build()?)
    }

    /// As [`ThreadPoolBuilder::thread_name`].
    ///
    /// # Examples
    ///
    /// ```
    /// #![allow(deprecated)]
    /// let pool = beat_core::Configuration::new()
    ///     .num_threads(1)
    ///     .thread_name(|i| format!("old-{i}"))
    ///     .build()
    ///     .unwrap();
    /// let name = pool.install(|| std::thread::current().name().map(str::to_owned));
    /// assert_eq!(name.as_deref(), Some("old-0"));
    /// ```
    pub fn thread_name<F>(mut self, closure: F) -> Self
    where
        F: FnMut(usize) -> String + 'static,
    {
        self.builder = self.builder.thread_name(closure);
        self
    }

    /// As [`ThreadPoolBuilder::num_threads`].
    ///
    /// # Examples
    ///
    /// ```
    /// #![allow(deprecated)]
    /// let pool = beat_core::Configuration::new().num_threads(3).build().unwrap();
    /// assert_eq!(pool.current_num_threads(), 3);
    /// ```
    pub fn num_threads(mut self, num_threads: usize) -> Configuration {
        self.builder = self.builder.num_threads(num_threads);
        self
    }

    /// As [`ThreadPoolBuilder::panic_handler`].
    ///
    /// # Examples
    ///
    /// ```
    /// #![allow(deprecated)]
    /// use std::sync::mpsc;
    /// let (tx, rx) = mpsc::channel();
    /// let tx = std::sync::Mutex::new(tx);
    /// let pool = beat_core::Configuration::new()
    ///     .num_threads(1)
    ///     .panic_handler(move |_| tx.lock().unwrap().send("caught").unwrap())
    ///     .build()
    ///     .unwrap();
    /// pool.spawn(|| panic!("boom"));
    /// assert_eq!(rx.recv().unwrap(), "caught");
    /// ```
    pub fn panic_handler<H>(mut self, panic_handler: H) -> Configuration
    where
        H: Fn(Box<dyn Any + Send>) + Send + Sync + 'static,
    {
        self.builder = self.builder.panic_handler(panic_handler);
        self
    }

    /// As [`ThreadPoolBuilder::stack_size`].
    ///
    /// # Examples
    ///
    /// ```
    /// #![allow(deprecated)]
    /// let pool = beat_core::Configuration::new()
    ///     .num_threads(1)
    ///     .stack_size(4 << 20)
    ///     .build()
    ///     .unwrap();
    /// assert_eq!(pool.install(|| 7), 7);
    /// ```
    pub fn stack_size(mut self, stack_size: usize) -> Self {
        self.builder = self.builder.stack_size(stack_size);
        self
    }

    /// As [`ThreadPoolBuilder::breadth_first`]: accepted, with no effect on the order of
    /// execution.
    ///
    /// # Examples
    ///
    /// ```
    /// #![allow(deprecated)]
    /// let pool = beat_core::Configuration::new()
    ///     .num_threads(1)
    ///     .breadth_first()
    ///     .build()
    ///     .unwrap();
    /// assert_eq!(pool.install(|| 7), 7);
    /// ```
    pub fn breadth_first(mut self) -> Self {
        self.builder = self.builder.breadth_first();
        self
    }

    /// As [`ThreadPoolBuilder::start_handler`].
    ///
    /// # Examples
    ///
    /// ```
    /// #![allow(deprecated)]
    /// use std::sync::mpsc;
    /// let (tx, rx) = mpsc::channel();
    /// let tx = std::sync::Mutex::new(tx);
    /// let _pool = beat_core::Configuration::new()
    ///     .num_threads(1)
    ///     .start_handler(move |i| tx.lock().unwrap().send(i).unwrap())
    ///     .build()
    ///     .unwrap();
    /// assert_eq!(rx.recv().unwrap(), 0);
    /// ```
    pub fn start_handler<H>(mut self, start_handler: H) -> Configuration
    where
        H: Fn(usize) + Send + Sync + 'static,
    {
        self.builder = self.builder.start_handler(start_handler);
        self
    }

    /// As [`ThreadPoolBuilder::exit_handler`].
    ///
    /// # Examples
    ///
    /// ```
    /// #![allow(deprecated)]
    /// use std::sync::mpsc;
    /// let (tx, rx) = mpsc::channel();
    /// let tx = std::sync::Mutex::new(tx);
    /// let pool = beat_core::Configuration::new()
    ///     .num_threads(1)
    ///     .exit_handler(move |i| tx.lock().unwrap().send(i).unwrap())
    ///     .build()
    ///     .unwrap();
    /// drop(pool);
    /// assert_eq!(rx.recv().unwrap(), 0);
    /// ```
    pub fn exit_handler<H>(mut self, exit_handler: H) -> Configuration
    where
        H: Fn(usize) + Send + Sync + 'static,
    {
        self.builder = self.builder.exit_handler(exit_handler);
        self
    }
}

/// Builds the global pool from `config`; use [`ThreadPoolBuilder::build_global`] instead.
///
/// # Errors
///
/// As [`ThreadPoolBuilder::build_global`], boxed.
///
/// # Examples
///
/// ```
/// #![allow(deprecated)]
/// // The first call wins; later calls report an error and change nothing.
/// let first = beat_core::initialize(beat_core::Configuration::new().num_threads(2));
/// let second = beat_core::initialize(beat_core::Configuration::new().num_threads(3));
/// assert!(second.is_err());
/// # drop(first);
/// ```
#[deprecated(note = "use `ThreadPoolBuilder::build_global`")]
pub fn initialize(config: Configuration) -> Result<(), Box<dyn Error>> {
    Ok(config.builder.build_global()?)
}

impl ThreadPool {
    /// Builds a pool from `configuration`; use [`ThreadPoolBuilder::build`] instead.
    ///
    /// The argument type is `beat_core::Configuration`, which `beat` does not re-export (as
    /// rayon does not re-export rayon-core's); through `beat` alone it is reached as
    /// `ThreadPool::new(Default::default())`.
    ///
    /// # Errors
    ///
    /// As [`ThreadPoolBuilder::build`], boxed.
    ///
    /// # Examples
    ///
    /// ```
    /// #![allow(deprecated)]
    /// let pool = beat_core::ThreadPool::new(beat_core::Configuration::new().num_threads(2))
    ///     .unwrap();
    /// assert_eq!(pool.current_num_threads(), 2);
    /// let default = beat_core::ThreadPool::new(Default::default()).unwrap();
    /// assert!(default.current_num_threads() >= 1);
    /// ```
    #[deprecated(note = "Use `ThreadPoolBuilder::build`")]
    pub fn new(configuration: Configuration) -> Result<ThreadPool, Box<dyn Error>> {
        configuration.build()
    }
}
