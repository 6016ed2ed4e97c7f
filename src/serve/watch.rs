//! Watching the portal's sources with notify, and turning bursts of events into one
//! rebuild.
//!
//! The portal folder itself is watched without recursion: that sees `portal.yaml` however
//! an editor saves it (in place, or a temporary file renamed over it) and every folder
//! that appears, disappears or is renamed at the top. `agreements/`, `content/` and
//! `themes/` are watched recursively; never `public/`, `target/` or `.git/`.
//!
//! inotify watches a folder, not a name: when `content/` is moved away or deleted, notify
//! drops its watches, and a folder that comes back under that name is a new one nobody
//! watches. So any top-level event on one of these names (created, removed, renamed, or
//! a rescan after lost events) watches that name afresh once the burst is over. Re-watching
//! unconditionally, rather than comparing inodes, also covers a folder moved away and back
//! within one burst, which keeps its inode but has lost its watch.
//!
//! The same holds for the portal folder itself (`cp -r s s-kopia; rm -rf s; mv s-kopia s`):
//! so its parent is watched too, without recursion, for events on the portal's name, and
//! any of them (or one on the portal folder's own watch, which says it went) watches the
//! portal folder and every source folder in it afresh. Events on the parent's other
//! entries are not about the portal and are passed over. See: issue 10, item 7.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

use anyhow::{Context as _, Result, anyhow};
use notify::event::{EventKind, ModifyKind};
use notify::{RecommendedWatcher, RecursiveMode, Watcher as _};

/// The file in the portal folder whose changes trigger a rebuild.
const CONFIG: &str = "portal.yaml";
/// The folders whose changes trigger a rebuild, watched recursively.
const FOLDERS: [&str; 3] = ["agreements", "content", "themes"];

/// How long the sources must be quiet before a rebuild starts: editors save with several
/// events (write a temporary file, rename it) within a millisecond or two. Only changes
/// count: files merely opened, thousands of them while a build reads the sources, do
/// not keep a save waiting.
const QUIET: Duration = Duration::from_millis(10);
/// A steady stream of changes still gets a rebuild this often.
const MAX_WAIT: Duration = Duration::from_millis(200);

/// A running watcher.
pub struct Watch {
    watcher: RecommendedWatcher,
    events: Receiver<notify::Result<notify::Event>>,
    root: PathBuf,
}

/// What one burst of events asks for.
#[derive(Default)]
struct Burst {
    /// The paths named by relevant events.
    changed: Vec<PathBuf>,
    /// Which of [`FOLDERS`] to watch afresh.
    rewatch: [bool; FOLDERS.len()],
    /// Whether to watch the portal folder itself afresh (and so every folder in it).
    rewatch_root: bool,
    /// Whether anything relevant happened at all.
    relevant: bool,
}

impl Watch {
    /// Starts watching the portal at `root`.
    pub(crate) fn start(root: &Path) -> Result<Watch> {
        // Events name absolute paths; so must the root, to compare and shorten them.
        let root = root
            .canonicalize()
            .with_context(|| format!("failed to read `{}`", root.display()))?;
        let (tx, rx) = channel();
        let watcher = notify::recommended_watcher(move |event| {
            let _ = tx.send(event);
        })
        .context("failed to start watching files")?;
        let mut watch = Watch {
            watcher,
            events: rx,
            root,
        };
        watch
            .watcher
            .watch(&watch.root, RecursiveMode::NonRecursive)
            .map_err(explain)
            .with_context(|| format!("failed to watch `{}`", watch.root.display()))?;
        if let Some(parent) = watch.root.parent() {
            watch
                .watcher
                .watch(parent, RecursiveMode::NonRecursive)
                .map_err(explain)
                .with_context(|| format!("failed to watch `{}`", parent.display()))?;
        }
        // A preview that silently misses saves is worse than none: fail at the start.
        for folder in FOLDERS {
            watch.rewatch(folder)?;
        }
        Ok(watch)
    }

    /// Watches the portal folder afresh, if it exists, and every source folder in it:
    /// the folder under the portal's name may be another one than at the start.
    fn rewatch_root(&mut self) -> Result<()> {
        // Fails when notify already dropped the watch (moved or deleted): nothing to undo.
        let _ = self.watcher.unwatch(&self.root);
        if self.root.is_dir() {
            match self.watcher.watch(&self.root, RecursiveMode::NonRecursive) {
                // Gone again since: the event on its parent brings us back here.
                Err(e) if matches!(e.kind, notify::ErrorKind::PathNotFound) => return Ok(()),
                result => result
                    .map_err(explain)
                    .with_context(|| format!("failed to watch `{}`", self.root.display()))?,
            }
        }
        for folder in FOLDERS {
            self.rewatch(folder)?;
        }
        Ok(())
    }

    /// Watches the folder `name` afresh, if it exists: whatever notify still held for
    /// that name may belong to a folder that has since moved or gone.
    fn rewatch(&mut self, name: &str) -> Result<()> {
        let path = self.root.join(name);
        // Fails when notify already dropped the watch (moved or deleted): nothing to undo.
        let _ = self.watcher.unwatch(&path);
        if !path.is_dir() {
            return Ok(());
        }
        match self.watcher.watch(&path, RecursiveMode::Recursive) {
            // Gone again since: the event that says so brings us back here.
            Err(e) if matches!(e.kind, notify::ErrorKind::PathNotFound) => Ok(()),
            result => result
                .map_err(explain)
                .with_context(|| format!("failed to watch `{}`", path.display())),
        }
    }

    /// Adds one event to the burst; returns whether it was relevant. A watch error that
    /// means saves would be missed stops watching.
    fn note(&self, event: notify::Result<notify::Event>, burst: &mut Burst) -> Result<bool> {
        let event = match event {
            Ok(event) => event,
            Err(e) if matches!(e.kind, notify::ErrorKind::MaxFilesWatch) => {
                return Err(explain(e)).context("failed to watch a new folder");
            }
            // Anything else (a folder gone while notify walked it) is followed by the
            // event that explains it.
            Err(_) => return Ok(false),
        };
        if event.need_rescan() {
            // The kernel dropped events: anything may have changed, anywhere.
            burst.rewatch_root = true;
            burst.relevant = true;
            return Ok(true);
        }
        if matches!(event.kind, EventKind::Access(_)) {
            return Ok(false);
        }
        let moved = matches!(
            event.kind,
            EventKind::Create(_)
                | EventKind::Remove(_)
                | EventKind::Modify(ModifyKind::Name(_))
                | EventKind::Any
                | EventKind::Other
        );
        let mut relevant = false;
        for path in event.paths {
            if path == self.root {
                // The portal folder went, came or was renamed (a change inside it names
                // the files, not the folder).
                if moved {
                    burst.rewatch_root = true;
                    burst.relevant = true;
                }
                continue;
            }
            if !self.relevant(&path) {
                continue;
            }
            if moved && let Some(i) = FOLDERS.iter().position(|f| path == self.root.join(f)) {
                burst.rewatch[i] = true;
            }
            relevant = true;
            burst.changed.push(path);
        }
        burst.relevant |= relevant;
        Ok(relevant)
    }

    /// Whether a change to `path` can change the site: inside the sources, and not an
    /// editor's backup, swap or lock file.
    fn relevant(&self, path: &Path) -> bool {
        let Ok(rel) = path.strip_prefix(&self.root) else {
            return false;
        };
        let top = rel.components().next().map(|c| c.as_os_str());
        let source = top.is_some_and(|top| top == CONFIG || FOLDERS.iter().any(|f| top == *f));
        source
            && !path.file_name().is_some_and(|n| {
                let n = n.to_string_lossy();
                n.starts_with(['.', '#']) || n.ends_with('~')
            })
    }

    /// Blocks until the sources changed and have been quiet for a moment; returns the
    /// changed paths, relative to the root. An error when watching has stopped.
    pub(crate) fn next_change(&mut self) -> Result<Vec<PathBuf>> {
        let stopped = || anyhow!("the file watcher stopped");
        let mut burst = Burst::default();
        while !burst.relevant {
            let event = self.events.recv().map_err(|_| stopped())?;
            self.note(event, &mut burst)?;
        }
        let first = Instant::now();
        let mut last = first;
        loop {
            let until = (last + QUIET).min(first + MAX_WAIT);
            let Some(wait) = until.checked_duration_since(Instant::now()) else {
                break;
            };
            match self.events.recv_timeout(wait) {
                Ok(event) => {
                    if self.note(event, &mut burst)? {
                        last = Instant::now();
                    }
                }
                Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => return Err(stopped()),
            }
        }
        // Before the rebuild reads the sources: a save from now on is seen.
        if burst.rewatch_root {
            self.rewatch_root()?;
        } else {
            for (i, folder) in FOLDERS.iter().enumerate() {
                if burst.rewatch[i] {
                    self.rewatch(folder)?;
                }
            }
        }
        Ok(self.name(burst.changed))
    }

    /// The changed paths relative to the root, each once.
    fn name(&self, mut changed: Vec<PathBuf>) -> Vec<PathBuf> {
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
        changed
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

    #[test]
    fn files_opened_meanwhile_do_not_hold_back_a_save() {
        let root = std::env::temp_dir().join(format!("infoportal-watch-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        std::fs::create_dir_all(root.join("content")).unwrap();
        std::fs::write(root.join("content/a.md"), "a").unwrap();
        let mut watch = Watch::start(&root).unwrap();
        // A build reading the sources: an event for every file it opens, without end.
        let reading = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(true));
        let reader = {
            let (reading, file) = (reading.clone(), root.join("content/a.md"));
            std::thread::spawn(move || {
                while reading.load(std::sync::atomic::Ordering::Relaxed) {
                    let _ = std::fs::read(&file);
                }
            })
        };
        std::thread::sleep(Duration::from_millis(20));
        let saved = Instant::now();
        std::fs::write(root.join("content/b.md"), "b").unwrap();
        let changed = watch.next_change();
        let waited = saved.elapsed();
        reading.store(false, std::sync::atomic::Ordering::Relaxed);
        reader.join().unwrap();
        std::fs::remove_dir_all(&root).unwrap();
        assert_eq!(changed.unwrap(), [PathBuf::from("content/b.md")]);
        // Were the opens taken for changes, the burst would last until MAX_WAIT.
        assert!(waited < MAX_WAIT, "the save waited {waited:?}");
    }
}
