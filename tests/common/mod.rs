//! What the property tests share: the pools they run their cases in.

// Each test binary uses a part of this module.
#![allow(dead_code)]

use std::sync::{Once, OnceLock};

use beat::{ThreadPool, ThreadPoolBuilder};

/// Pools of 1, 2 and 8 threads, built once per test binary.
pub(crate) fn pools() -> &'static [ThreadPool; 3] {
    static POOLS: OnceLock<[ThreadPool; 3]> = OnceLock::new();
    POOLS
        .get_or_init(|| [1, 2, 8].map(|n| ThreadPoolBuilder::new().num_threads(n).build().unwrap()))
}

/// [`pools`], with the default panic message silenced for panics whose payload is `payload`
/// (the panics a test injects on purpose); any other panic is still printed.
pub(crate) fn quiet_pools(payload: &'static str) -> &'static [ThreadPool; 3] {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        let default_hook = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if info.payload().downcast_ref::<&str>() != Some(&payload) {
                default_hook(info);
            }
        }));
    });
    pools()
}
