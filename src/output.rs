//! Output: the only module that writes under the output folder.
//!
//! A build writes into a staging folder beside the output and swaps it in with two
//! renames only when everything succeeded, so a failed or killed build leaves the
//! previous output untouched (SPEC §6).
//!
//! Deleting a large tree is slow on some disks (seconds for 10,000 pages), so the old
//! output is not deleted: after the swap it is kept as `.<name>.prev` and recycled as
//! the next build's staging folder, where files are overwritten in place and only the
//! files this build did not write are removed. Nothing stale survives in the output.

use std::collections::HashSet;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

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
    prev: PathBuf,
    written: Mutex<HashSet<String>>,
}

impl Staging {
    /// Prepares `.<name>.staging` beside `out`, recycling the previous output if present.
    pub fn prepare(root: &Path, out: &Path) -> Result<Staging> {
        check_safe_output(root, out)?;
        let parent = out
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        let name = out
            .file_name()
            .with_context(|| format!("output folder `{}` has no name", out.display()))?
            .to_string_lossy()
            .into_owned();
        fs::create_dir_all(parent)
            .with_context(|| format!("failed to create `{}`", parent.display()))?;
        let dir = parent.join(format!(".{name}.staging"));
        let prev = parent.join(format!(".{name}.prev"));
        if out.exists() && !out.is_dir() {
            bail!("output `{}` exists and is not a folder", out.display());
        }
        if !dir.is_dir() {
            if prev.is_dir() {
                fs::rename(&prev, &dir).with_context(|| {
                    format!("failed to reuse `{}` as staging folder", prev.display())
                })?;
            } else {
                fs::create_dir_all(&dir)
                    .with_context(|| format!("failed to create `{}`", dir.display()))?;
            }
        }
        Ok(Staging {
            out: out.to_path_buf(),
            dir,
            prev,
            written: Mutex::new(HashSet::new()),
        })
    }

    /// The staging folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    fn target(&self, rel_path: &str) -> Result<PathBuf> {
        let path = self.dir.join(rel_path);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)
                .with_context(|| format!("failed to create `{}`", parent.display()))?;
        }
        // A recycled tree may have a folder where a file now goes, or the reverse.
        if path.is_dir() {
            fs::remove_dir_all(&path)
                .with_context(|| format!("failed to replace `{}`", path.display()))?;
        }
        self.written
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(rel_path.to_string());
        Ok(path)
    }

    /// Removes what this build did not write, then swaps the staging folder in.
    pub fn commit(self) -> Result<()> {
        let written = self.written.into_inner().unwrap_or_else(|e| e.into_inner());
        remove_stale(&self.dir, &written)?;
        if self.prev.exists() {
            fs::remove_dir_all(&self.prev)
                .with_context(|| format!("failed to remove `{}`", self.prev.display()))?;
        }
        if self.out.exists() {
            fs::rename(&self.out, &self.prev).with_context(|| {
                format!(
                    "failed to move the previous output `{}` aside",
                    self.out.display()
                )
            })?;
        }
        fs::rename(&self.dir, &self.out).with_context(|| {
            format!(
                "failed to move `{}` to `{}`",
                self.dir.display(),
                self.out.display()
            )
        })?;
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

/// Deletes files under `dir` that are not in `written`, and folders left empty.
fn remove_stale(dir: &Path, written: &HashSet<String>) -> Result<()> {
    let mut folders = Vec::new();
    for entry in walkdir::WalkDir::new(dir).min_depth(1).contents_first(true) {
        let entry = entry.with_context(|| format!("failed to read `{}`", dir.display()))?;
        let rel = crate::load::rel_path(dir, entry.path());
        if entry.file_type().is_dir() {
            folders.push(entry.into_path());
        } else if !written.contains(&rel) {
            fs::remove_file(entry.path())
                .with_context(|| format!("failed to remove `{}`", entry.path().display()))?;
        }
    }
    for folder in folders {
        // Fails harmlessly when the folder still has files.
        match fs::remove_dir(&folder) {
            Ok(()) => {}
            Err(e) if e.kind() == io::ErrorKind::DirectoryNotEmpty => {}
            Err(_)
                if folder
                    .read_dir()
                    .map(|mut d| d.next().is_some())
                    .unwrap_or(true) => {}
            Err(e) => {
                return Err(e).with_context(|| format!("failed to remove `{}`", folder.display()));
            }
        }
    }
    Ok(())
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
