//! Stopping a build that is no longer wanted: `serve` cancels the background build of a
//! save as soon as a newer save arrives, so that build gives the cores back at once
//! instead of finishing pages nobody will see.
//!
//! The build checks its [`Cancel`] between stages and between the pages of the render
//! stage, and stops with [`Cancelled`], publishing nothing. `build` and `check` run
//! without one.

use std::fmt;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

/// A flag shared by a build and whoever may cancel it; clones share the flag.
#[derive(Debug, Clone, Default)]
pub struct Cancel(Arc<AtomicBool>);

impl Cancel {
    /// Asks the build to stop as soon as it can.
    pub fn cancel(&self) {
        // The flag carries no data with it, so no ordering beyond the flag's own.
        self.0.store(true, Ordering::Relaxed);
    }

    /// Whether [`Cancel::cancel`] was called.
    pub fn is_cancelled(&self) -> bool {
        self.0.load(Ordering::Relaxed)
    }

    /// `Err(Cancelled)` once the build was cancelled: for `?` where the build may stop.
    pub fn check(&self) -> Result<(), Cancelled> {
        if self.is_cancelled() {
            Err(Cancelled)
        } else {
            Ok(())
        }
    }
}

/// The error of a build that stopped because it was cancelled. Never shown: whoever
/// cancelled the build throws its outcome away.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cancelled;

impl fmt::Display for Cancelled {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("the build was cancelled")
    }
}

impl std::error::Error for Cancelled {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_clone_sees_the_cancel() {
        let cancel = Cancel::default();
        let build = cancel.clone();
        assert_eq!(build.check(), Ok(()));
        cancel.cancel();
        assert!(build.is_cancelled());
        assert_eq!(build.check(), Err(Cancelled));
    }
}
