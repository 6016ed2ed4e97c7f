//! Output: the only module that writes under the output folder. [`Staging`] and
//! [`MemorySink`] implement the render stage's [`Sink`].
//!
//! A build writes into its own staging folder beside the output and swaps it in only
//! when everything succeeded, so a failed or killed build leaves the previous output
//! untouched (SPEC §6), and nothing stale can survive: the new output holds exactly
//! what this build wrote.
//!
//! - `guard` decides whether the output folder may be replaced at all (it must be
//!   missing, empty or infoportal's own, and hold no sources).
//! - `swap` names the folders kept beside the output and swaps atomically, so builds
//!   running at once, or killed at any moment, always leave one whole site.
//! - Deleting a large tree is slow on some disks (seconds for 10,000 pages), far slower
//!   than writing one, so the previous output and a failed build's staging folder are
//!   renamed to `.<name>.old-…` and deleted by a detached helper process
//!   (`infoportal remove-old-output`) while the build reports. It deletes only what the
//!   build renamed there itself or what carries the marker, never a folder of the
//!   user's that happens to have such a name.
//! - `hook` lets tests stop a build at a named moment.

mod guard;
mod hook;
mod swap;

use std::fs::{self, File};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use anyhow::{Context as _, Result};

use guard::MARKER_FILE;
use swap::{Kind, Siblings};

use crate::render::sink::Sink;
use crate::util::i18n::{TextError, msg};

/// A built site held in memory (for `serve`): output path → bytes.
pub(crate) type SiteFiles = std::collections::HashMap<String, std::sync::Arc<[u8]>>;

/// A sink that keeps the site in memory.
#[derive(Default)]
pub(crate) struct MemorySink {
    files: Mutex<SiteFiles>,
}

impl MemorySink {
    /// The files written.
    pub(crate) fn into_files(self) -> SiteFiles {
        self.files.into_inner().unwrap_or_else(|e| e.into_inner())
    }
}

impl Sink for MemorySink {
    fn write(&self, rel_path: &str, bytes: &[u8]) -> Result<()> {
        self.files
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(rel_path.to_string(), bytes.into());
        Ok(())
    }

    fn copy(&self, rel_path: &str, from: &Path) -> Result<()> {
        let bytes =
            fs::read(from).with_context(|| format!("failed to read `{}`", from.display()))?;
        self.write(rel_path, &bytes)
    }
}

/// The output folder of a `build`: checked to be safe to replace, and locked (shared)
/// for the build's whole run, so other builds know this one is alive.
pub(crate) struct Output {
    siblings: Siblings,
    /// `None` where the file system has no locks; then no leftovers are ever cleaned,
    /// since no build could tell a live one's from a killed one's.
    _lock: Option<File>,
}

impl Output {
    /// Checks that `out` may be replaced by a build of the portal at `root` (see
    /// `guard`), takes the lock, and cleans up after killed builds if no other build
    /// is running: their staging folders go to the background removal, and an output
    /// that a kill left missing is restored.
    pub(crate) fn open(root: &Path, out: &Path) -> Result<Output> {
        let path = guard::check(root, out)?;
        let (Some(parent), Some(name)) = (path.parent(), path.file_name()) else {
            anyhow::bail!(TextError::from(msg!(
                "output-no-name",
                out = out.display().to_string()
            )));
        };
        let siblings = Siblings {
            parent: parent.to_path_buf(),
            name: name.to_string_lossy().into_owned(),
        };
        fs::create_dir_all(&siblings.parent)
            .with_context(|| format!("failed to create `{}`", siblings.parent.display()))?;
        let lock_path = siblings.lock_file();
        let file = File::options()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&lock_path)
            .with_context(|| format!("failed to open `{}`", lock_path.display()))?;
        let lock = match file.try_lock() {
            Ok(()) => {
                let mut renamed = Vec::new();
                swap::clean_leftovers(&siblings, &mut renamed)?;
                swap::remove_old_in_background(&siblings, &renamed);
                hook::at("cleaned");
                // Downgrading may drop the lock for an instant: harmless, as this
                // build has no staging folder yet for another to mistake for a leftover.
                file.lock_shared().ok().map(|()| file)
            }
            // Other builds are running; wait only for one that is cleaning up.
            Err(std::fs::TryLockError::WouldBlock) => file.lock_shared().ok().map(|()| file),
            Err(std::fs::TryLockError::Error(_)) => None,
        };
        Ok(Output {
            siblings,
            _lock: lock,
        })
    }
}

/// A staging folder being filled, to be swapped in as the output. Dropped without
/// [`Staging::commit`] (a failed build, an error on the way), it is removed in the
/// background.
pub(crate) struct Staging {
    output: Output,
    dir: PathBuf,
    committed: bool,
    /// Folders already created, so each is created once.
    folders: Mutex<std::collections::HashSet<PathBuf>>,
    /// Files written, for the test hook `write-<n>`.
    written: AtomicUsize,
}

impl Staging {
    /// Creates this build's own staging folder beside the output, holding the marker
    /// that makes the output recognisably infoportal's.
    pub(crate) fn create(output: Output) -> Result<Staging> {
        let dir = create_fresh(&output.siblings)?;
        let staging = Staging {
            output,
            dir,
            committed: false,
            folders: Mutex::new(std::collections::HashSet::new()),
            written: AtomicUsize::new(0),
        };
        staging.write(MARKER_FILE, guard::MARKER_TEXT.as_bytes())?;
        hook::at("staging");
        Ok(staging)
    }

    fn target(&self, rel_path: &str) -> Result<PathBuf> {
        if hook::active() {
            let n = self.written.fetch_add(1, Ordering::Relaxed) + 1;
            hook::at(&format!("write-{n}"));
        }
        let path = self.dir.join(rel_path);
        if let Some(folder) = path.parent() {
            // The folder is created while the lock is held and recorded only once it
            // exists: a thread that finds it recorded may write into it at once, so
            // recording it first would let a second writer race the first's mkdir.
            let mut folders = self.folders.lock().unwrap_or_else(|e| e.into_inner());
            if !folders.contains(folder) {
                fs::create_dir_all(folder)
                    .with_context(|| format!("failed to create `{}`", folder.display()))?;
                folders.insert(folder.to_path_buf());
            }
        }
        Ok(path)
    }

    /// Swaps the staging folder in and has the previous output deleted in the background.
    pub(crate) fn commit(mut self) -> Result<()> {
        hook::at("written");
        let mut renamed = Vec::new();
        swap::swap_in(&self.output.siblings, &self.dir, &mut renamed)?;
        self.committed = true;
        hook::at("swapped");
        swap::remove_old_in_background(&self.output.siblings, &renamed);
        Ok(())
    }
}

impl Drop for Staging {
    /// A build that did not commit: its staging folder is garbage. The lock is still
    /// held here (fields drop after this), so no other build touches the folder first.
    fn drop(&mut self) {
        if self.committed {
            return;
        }
        hook::at("discarding");
        let mut renamed = Vec::new();
        swap::move_to_old(&self.output.siblings, &self.dir, &mut renamed);
        swap::remove_old_in_background(&self.output.siblings, &renamed);
    }
}

/// A new staging folder with a name no other build uses.
fn create_fresh(siblings: &Siblings) -> Result<PathBuf> {
    let mut last = None;
    for _ in 0..3 {
        let dir = siblings.fresh(Kind::Staging);
        match fs::create_dir(&dir) {
            Ok(()) => return Ok(dir),
            Err(e) => last = Some((dir, e)),
        }
    }
    let (dir, e) = last.expect("three attempts were made");
    Err(e).with_context(|| format!("failed to create `{}`", dir.display()))
}

impl Sink for Staging {
    fn write(&self, rel_path: &str, bytes: &[u8]) -> Result<()> {
        let path = self.target(rel_path)?;
        fs::write(&path, bytes).with_context(|| format!("failed to write `{}`", path.display()))
    }

    fn copy(&self, rel_path: &str, from: &Path) -> Result<()> {
        let path = self.target(rel_path)?;
        fs::copy(from, &path).with_context(|| {
            format!(
                "failed to copy `{}` to `{}`",
                from.display(),
                path.display()
            )
        })?;
        Ok(())
    }
}

/// Deletes the old folders beside the output `<parent>/<name>` now: those named in
/// `renamed` (the folders the build that started this moved there itself) and those
/// carrying infoportal's marker; a folder that only has an old folder's name is left
/// alone. The work of the hidden `infoportal remove-old-output`, which builds start in
/// the background.
pub fn remove_old_outputs(parent: &Path, name: &str, renamed: &[PathBuf]) {
    let siblings = Siblings {
        parent: parent.to_path_buf(),
        name: name.to_string(),
    };
    swap::remove_old(&siblings, renamed);
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Many threads writing first into the same new folders: every write must find its
    /// folder made, whichever thread made it.
    #[test]
    fn concurrent_first_writes_into_one_new_folder_all_succeed() {
        let root = std::env::temp_dir().join(format!("infoportal-sink-{}", std::process::id()));
        let _ = fs::remove_dir_all(&root);
        fs::create_dir_all(&root).unwrap();
        let output = Output::open(&root, &root.join("public")).unwrap();
        let staging = Staging::create(output).unwrap();
        std::thread::scope(|scope| {
            for t in 0..8 {
                let staging = &staging;
                scope.spawn(move || {
                    for folder in 0..200 {
                        let path = format!("a/{folder}/b/{t}.html");
                        staging.write(&path, b"x").expect("the folder exists");
                    }
                });
            }
        });
        drop(staging);
        let _ = fs::remove_dir_all(&root);
    }
}
