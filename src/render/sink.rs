//! Where the render stage writes: the [`Sink`] trait, defined here at the stage that
//! writes, the way `markdown` defines [`Resolve`](crate::render::markdown::Resolve) for
//! the links it resolves. `emit::output` implements it for the output folder (a
//! staging folder swapped in at the end) and for memory (`serve`); [`NullSink`] keeps
//! nothing, for `check` and for rendering one page alone.

use std::path::Path;

use anyhow::Result;

/// Where rendered files go.
pub(crate) trait Sink: Sync {
    /// Writes one file at a `/`-separated path relative to the site root.
    fn write(&self, rel_path: &str, bytes: &[u8]) -> Result<()>;
    /// Copies a file from disk to a path relative to the site root.
    fn copy(&self, rel_path: &str, from: &Path) -> Result<()>;
}

/// A sink that keeps nothing: `check` renders everything but writes nothing.
pub(crate) struct NullSink;

impl Sink for NullSink {
    fn write(&self, _: &str, _: &[u8]) -> Result<()> {
        Ok(())
    }
    fn copy(&self, _: &str, _: &Path) -> Result<()> {
        Ok(())
    }
}
