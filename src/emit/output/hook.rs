//! Test-only hooks, so tests can kill a build at an exact moment instead of guessing
//! with timers. Inert unless the environment variable `INFOPORTAL_TEST_HOOK` is set,
//! which no user has reason to do; they only ever delay a build or make it use the
//! slower, portable swap, never change what it writes.
//!
//! `INFOPORTAL_TEST_HOOK` is a comma-separated list of
//! - `pause:<point>`: at `<point>`, print `paused at <point>` to stderr and wait forever
//!   (the test then kills the process);
//! - `sleep:<point>:<ms>`: at `<point>`, print `sleeping at <point>` and wait that long,
//!   to widen a race window;
//! - `no-exchange`: swap with two renames, as on systems without `RENAME_EXCHANGE`.
//!
//! The points are named where [`at`] is called; `write-<n>` is the n-th file written.

use std::sync::OnceLock;
use std::time::Duration;

const VARIABLE: &str = "INFOPORTAL_TEST_HOOK";

enum Hook {
    Pause(String),
    Sleep(String, Duration),
    NoExchange,
}

fn hooks() -> &'static [Hook] {
    static HOOKS: OnceLock<Vec<Hook>> = OnceLock::new();
    HOOKS.get_or_init(|| {
        let Ok(value) = std::env::var(VARIABLE) else {
            return Vec::new();
        };
        value
            .split(',')
            .filter_map(|hook| match hook.split(':').collect::<Vec<_>>()[..] {
                ["pause", point] => Some(Hook::Pause(point.to_string())),
                ["sleep", point, ms] => ms
                    .parse()
                    .ok()
                    .map(|ms| Hook::Sleep(point.to_string(), Duration::from_millis(ms))),
                ["no-exchange"] => Some(Hook::NoExchange),
                _ => None,
            })
            .collect()
    })
}

/// Whether any hook is set (checked before naming a point costs anything).
pub(super) fn active() -> bool {
    !hooks().is_empty()
}

/// The build has reached `point`.
pub(super) fn at(point: &str) {
    for hook in hooks() {
        match hook {
            Hook::Pause(p) if p == point => {
                // The only prints outside main.rs: the test waits for these lines.
                eprintln!("paused at {point}");
                loop {
                    std::thread::sleep(Duration::from_secs(60));
                }
            }
            Hook::Sleep(p, time) if p == point => {
                eprintln!("sleeping at {point}");
                std::thread::sleep(*time);
            }
            _ => {}
        }
    }
}

/// Whether the swap may use `RENAME_EXCHANGE`.
pub(super) fn exchange_allowed() -> bool {
    !hooks().iter().any(|h| matches!(h, Hook::NoExchange))
}
