//! Output: the only module that writes under the output folder.
//!
//! A build writes into a fresh staging folder beside the output and swaps it in with two
//! renames only when everything succeeded, so a failed or killed build leaves the
//! previous output untouched (SPEC §6), and nothing stale can survive: the new output
//! holds exactly what this build wrote.
//!
//! Deleting a large tree is slow on some disks (seconds for 10,000 pages), far slower
//! than writing one, so the old output is renamed to `.<name>.old-…` and deleted by a
//! detached helper process (`infoportal remove-old-output`) after the build has
//! finished; a build that finds such folders (or a killed build's staging folder)
//! hands them to the same helper.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicU32, Ordering};

use anyhow::{Context as _, Result, bail};

/// Where rendered files go.
pub trait Sink: Sync {
    /// Writes one file at a `/`-separated path relative to the site root.
    fn write(&self, rel_path: &str, bytes: &[u8]) -> Result<()>;
    /// Copies a file from disk to a path relative to the site root.
    fn copy(&self, rel_path: &str, from: &Path) -> Result<()>;
}

/// A sink that keeps nothing: `check` renders everything but writes nothing.
pub struct NullSink;

impl Sink for NullSink {
    fn write(&self, _: &str, _: &[u8]) -> Result<()> {
        Ok(())
    }
    fn copy(&self, _: &str, _: &Path) -> Result<()> {
        Ok(())
    }
}

/// A built site held in memory (for `serve`): output path → bytes.
pub type SiteFiles = std::collections::HashMap<String, std::sync::Arc<[u8]>>;

/// A sink that keeps the site in memory.
#[derive(Default)]
pub struct MemorySink {
    files: Mutex<SiteFiles>,
}

impl MemorySink {
    /// The files written.
    pub fn into_files(self) -> SiteFiles {
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

/// The output file for a site path: `/a/b/` → `a/b/index.html`, `/404.html` → `404.html`.
pub fn file_for(site_path: &str) -> String {
    let rel = site_path.trim_start_matches('/');
    if rel.is_empty() || rel.ends_with('/') {
        format!("{rel}index.html")
    } else {
        rel.to_string()
    }
}

/// A staging folder being filled, to be swapped in as the output.
pub struct Staging {
    out: PathBuf,
    dir: PathBuf,
    parent: PathBuf,
    name: String,
    /// Folders already created, so each is created once.
    folders: Mutex<std::collections::HashSet<PathBuf>>,
}

static OLD_COUNTER: AtomicU32 = AtomicU32::new(0);

impl Staging {
    /// Creates a fresh `.<name>.staging` beside `out`, moving any leftover one aside.
    pub fn prepare(root: &Path, out: &Path) -> Result<Staging> {
        check_safe_output(root, out)?;
        let parent = out
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."))
            .to_path_buf();
        let name = out
            .file_name()
            .with_context(|| format!("output folder `{}` has no name", out.display()))?
            .to_string_lossy()
            .into_owned();
        if out.exists() && !out.is_dir() {
            bail!("output `{}` exists and is not a folder", out.display());
        }
        fs::create_dir_all(&parent)
            .with_context(|| format!("failed to create `{}`", parent.display()))?;
        let dir = parent.join(format!(".{name}.staging"));
        if dir.exists() {
            // A killed build's half-written folder: not for reuse, it may hold anything.
            move_aside(&dir, &parent, &name)?;
        }
        fs::create_dir(&dir).with_context(|| format!("failed to create `{}`", dir.display()))?;
        Ok(Staging {
            out: out.to_path_buf(),
            dir,
            parent,
            name,
            folders: Mutex::new(std::collections::HashSet::new()),
        })
    }

    /// The staging folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    fn target(&self, rel_path: &str) -> Result<PathBuf> {
        let path = self.dir.join(rel_path);
        if let Some(folder) = path.parent() {
            let new = self
                .folders
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .insert(folder.to_path_buf());
            if new {
                fs::create_dir_all(folder)
                    .with_context(|| format!("failed to create `{}`", folder.display()))?;
            }
        }
        Ok(path)
    }

    /// Swaps the staging folder in and has the old output deleted in the background.
    pub fn commit(self) -> Result<()> {
        if self.out.exists() {
            move_aside(&self.out, &self.parent, &self.name)?;
        }
        fs::rename(&self.dir, &self.out).with_context(|| {
            format!(
                "failed to move `{}` to `{}`",
                self.dir.display(),
                self.out.display()
            )
        })?;
        remove_old_in_background(&self.parent, &self.name);
        Ok(())
    }
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

/// Renames `dir` to a unique `.<name>.old-…` beside the output, for later deletion.
fn move_aside(dir: &Path, parent: &Path, name: &str) -> Result<()> {
    let old = parent.join(format!(
        ".{name}.old-{}-{}",
        std::process::id(),
        OLD_COUNTER.fetch_add(1, Ordering::Relaxed)
    ));
    fs::rename(dir, &old).with_context(|| format!("failed to move `{}` aside", dir.display()))
}

/// The folders `.<name>.old-…` in `parent`, left by earlier builds.
pub fn old_outputs(parent: &Path, name: &str) -> Vec<PathBuf> {
    let prefix = format!(".{name}.old-");
    let Ok(entries) = fs::read_dir(parent) else {
        return Vec::new();
    };
    let mut old: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().starts_with(&prefix))
        .map(|e| e.path())
        .collect();
    old.sort();
    old
}

/// Deletes old outputs now (the helper process's work, or the fallback).
pub fn remove_old_outputs(parent: &Path, name: &str) {
    for dir in old_outputs(parent, name) {
        // Best effort: a folder that cannot be deleted now is tried again next time.
        let _ = fs::remove_dir_all(dir);
    }
}

/// Starts a detached `infoportal remove-old-output` to delete old outputs, so the build
/// does not wait for it; without a helper binary the folders are deleted right away.
fn remove_old_in_background(parent: &Path, name: &str) {
    if old_outputs(parent, name).is_empty() {
        return;
    }
    let spawned = std::env::current_exe().ok().and_then(|exe| {
        let is_infoportal = exe
            .file_stem()
            .is_some_and(|s| s.to_string_lossy() == "infoportal");
        if !is_infoportal {
            return None;
        }
        std::process::Command::new(exe)
            .arg("remove-old-output")
            .arg(parent)
            .arg(name)
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .ok()
    });
    if spawned.is_none() {
        remove_old_outputs(parent, name);
    }
}

/// Refuses output folders whose replacement would destroy sources.
fn check_safe_output(root: &Path, out: &Path) -> Result<()> {
    let root_abs = absolute(root);
    let out_abs = absolute(out);
    if root_abs.starts_with(&out_abs) {
        bail!(
            "refusing to write the site to `{}`: it contains the portal sources; choose an output folder such as `public`",
            out.display()
        );
    }
    if out.is_dir() && (out.join(crate::config::CONFIG_FILE).exists() || out.join(".git").exists())
    {
        bail!(
            "refusing to replace `{}`: it looks like a portal or a Git repository, not a build output",
            out.display()
        );
    }
    Ok(())
}

fn absolute(path: &Path) -> PathBuf {
    let joined = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().unwrap_or_default().join(path)
    };
    // Normalise `.` and `..` lexically; the folders may not exist yet.
    let mut out = PathBuf::new();
    for component in joined.components() {
        match component {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir => {
                out.pop();
            }
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn output_files_for_site_paths() {
        assert_eq!(file_for("/"), "index.html");
        assert_eq!(
            file_for("/avtal/driftsavtal/1.0/"),
            "avtal/driftsavtal/1.0/index.html"
        );
        assert_eq!(file_for("/404.html"), "404.html");
    }
}
