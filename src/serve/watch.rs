//! Watching the portal's sources with notify, and turning bursts of events into one
//! rebuild.
//!
//! Only `portal.yaml`, `agreements/`, `content/` and `themes/` are watched (recursively),
//! plus the portal folder itself without recursion, so that a folder created or replaced
//! later is picked up; never `public/`, `target/` or `.git/`.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

use anyhow::{Context as _, Result};
use notify::{RecommendedWatcher, RecursiveMode, Watcher as _};

/// The folders and files whose changes trigger a rebuild.
const WATCHED: [&str; 4] = ["portal.yaml", "agreements", "content", "themes"];

/// How long the sources must be quiet before a rebuild starts: editors save with several
/// events (write a temporary file, rename it) within a millisecond or two.
const QUIET: Duration = Duration::from_millis(10);
/// A steady stream of changes still gets a rebuild this often.
const MAX_WAIT: Duration = Duration::from_millis(200);

/// A running watcher.
pub struct Watch {
    watcher: RecommendedWatcher,
    events: Receiver<notify::Result<notify::Event>>,
    root: PathBuf,
    watched: Vec<PathBuf>,
}

impl Watch {
    /// Starts watching the portal at `root`.
    pub fn start(root: &Path) -> Result<Watch> {
        // Events name absolute paths; so must the root, to compare and shorten them.
        let root = root
            .canonicalize()
            .with_context(|| format!("failed to read `{}`", root.display()))?;
        let root = root.as_path();
        let (tx, rx) = channel();
        let watcher = notify::recommended_watcher(move |event| {
            let _ = tx.send(event);
        })
        .context("failed to start watching files")?;
        let mut watch = Watch {
            watcher,
            events: rx,
            root: root.to_path_buf(),
            watched: Vec::new(),
        };
        watch
            .watcher
            .watch(root, RecursiveMode::NonRecursive)
            .map_err(explain)
            .with_context(|| format!("failed to watch `{}`", root.display()))?;
        // A preview that silently misses saves is worse than none: fail at the start.
        watch.refresh()?;
        Ok(watch)
    }

    /// Watches the source folders that exist now (they may appear after start). A
    /// folder that cannot be watched is tried again at the next change.
    fn refresh(&mut self) -> Result<()> {
        for name in WATCHED {
            let path = self.root.join(name);
            if path.exists() && !self.watched.contains(&path) {
                let mode = if path.is_dir() {
                    RecursiveMode::Recursive
                } else {
                    RecursiveMode::NonRecursive
                };
                self.watcher
                    .watch(&path, mode)
                    .map_err(explain)
                    .with_context(|| format!("failed to watch `{}`", path.display()))?;
                self.watched.push(path);
            }
        }
        Ok(())
    }

    fn relevant(&self, event: &notify::Event) -> bool {
        use notify::EventKind;
        if matches!(event.kind, EventKind::Access(_)) {
            return false;
        }
        event.paths.iter().any(|p| {
            WATCHED.iter().any(|w| p.starts_with(self.root.join(w)))
                && !p.file_name().is_some_and(|n| {
                    n.to_string_lossy().starts_with(['.', '#'])
                        || n.to_string_lossy().ends_with('~')
                })
        })
    }

    /// Blocks until the sources changed and have been quiet for a moment; returns the
    /// changed paths. `None` when the watcher has stopped.
    pub fn next_change(&mut self) -> Option<Vec<PathBuf>> {
        let mut changed: Vec<PathBuf> = Vec::new();
        loop {
            let event = self.events.recv().ok()?;
            if let Ok(event) = event
                && self.relevant(&event)
            {
                changed.extend(event.paths);
                break;
            }
        }
        let first = Instant::now();
        loop {
            let left = MAX_WAIT.saturating_sub(first.elapsed());
            match self.events.recv_timeout(QUIET.min(left)) {
                Ok(Ok(event)) if self.relevant(&event) => changed.extend(event.paths),
                Ok(_) => {}
                Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => return None,
            }
            if first.elapsed() >= MAX_WAIT {
                break;
            }
        }
        // A folder that appeared but cannot be watched yet is tried again next time.
        let _ = self.refresh();
        // Editors save through temporary files that are gone by now; name what is left.
        if changed.iter().any(|p| p.exists()) {
            changed.retain(|p| p.exists());
        }
        let mut changed: Vec<PathBuf> = changed
            .into_iter()
            .map(|p| {
                p.strip_prefix(&self.root)
                    .map(Path::to_path_buf)
                    .unwrap_or(p)
            })
            .collect();
        changed.sort();
        changed.dedup();
        Some(changed)
    }
}

/// A watch error, with what to do about the one a large portal meets on Linux.
fn explain(error: notify::Error) -> anyhow::Error {
    match error.kind {
        notify::ErrorKind::MaxFilesWatch => anyhow::anyhow!(
            "the system's limit of watched folders is reached; raise it, for example with \
             `sudo sysctl fs.inotify.max_user_watches=524288`, or close other programs that \
             watch many files"
        ),
        _ => anyhow::Error::new(error),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_watch_limit_error_says_how_to_raise_it() {
        let e = explain(notify::Error::new(notify::ErrorKind::MaxFilesWatch));
        assert!(e.to_string().contains("fs.inotify.max_user_watches"), "{e}");
        let e = explain(notify::Error::path_not_found());
        assert!(!e.to_string().contains("inotify"), "{e}");
    }
}
