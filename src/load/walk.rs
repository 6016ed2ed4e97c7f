//! The files of a portal folder: walked in sorted order, read as UTF-8, and loaded in
//! parallel with the results in path order, so the same folder always loads the same.

use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result};
use rayon::prelude::*;

use crate::model::paths::CONTENT_DIR;
use crate::util::diag::{Diagnostic, Location};
use crate::util::i18n::msg;
use crate::util::source::SourceFile;

/// Runs `load` on every path in parallel, keeping the paths' order.
///
/// Every path is loaded before an I/O error is returned, and the error returned is that
/// of the first failing path, so the same folder always gives the same message whichever
/// thread fails first.
pub(super) fn load_each<T: Send>(
    paths: &[PathBuf],
    load: impl Fn(&Path) -> Result<T> + Sync,
) -> Result<Vec<T>> {
    let results: Vec<Result<T>> = paths.par_iter().map(|path| load(path)).collect();
    results.into_iter().collect()
}

/// Hidden files that are never published and go without a word: version control and
/// file-manager bookkeeping, which every folder of a repository may hold.
const IGNORED: &[&str] = &[".DS_Store", ".gitattributes", ".gitignore", ".gitkeep"];

/// The hidden folder directly under `content/` that is published all the same: the
/// well-known URIs of RFC 8615 (`/.well-known/security.txt`).
pub(crate) const WELL_KNOWN: &str = ".well-known";

/// The regular files below a folder, and what was left out.
#[derive(Debug, Default)]
pub(super) struct Walked {
    /// Every regular file, sorted.
    pub(super) files: Vec<PathBuf>,
    /// W0201 for each symbolic link, hidden file or folder, or special file that is
    /// not published.
    pub(super) skipped: Vec<Diagnostic>,
}

/// Every regular file below `dir` (under the portal folder `root`), sorted.
///
/// Symbolic links are not followed (one can lead outside the portal, or back up into
/// its own folder), hidden files and folders (a name starting with `.`) are not read,
/// except `.well-known/` directly under `content/`; each one left out is a warning, so
/// that nothing is skipped in silence.
pub(super) fn walk_files(root: &Path, dir: &Path) -> Result<Walked> {
    let mut walked = Walked::default();
    if !dir.is_dir() {
        return Ok(walked);
    }
    let well_known = rel_path(root, dir) == CONTENT_DIR;
    let mut entries = walkdir::WalkDir::new(dir).sort_by_file_name().into_iter();
    while let Some(entry) = entries.next() {
        let entry = entry.with_context(|| format!("failed to read `{}`", dir.display()))?;
        if entry.depth() == 0 {
            continue;
        }
        let name = entry.file_name().to_string_lossy();
        let kind = entry.file_type();
        let hidden = name.starts_with('.')
            && !(well_known && entry.depth() == 1 && name == WELL_KNOWN && kind.is_dir());
        if hidden {
            if kind.is_dir() {
                entries.skip_current_dir();
            }
            if !(kind.is_file() && IGNORED.contains(&name.as_ref())) {
                walked
                    .skipped
                    .push(skipped(root, entry.path(), Skipped::Hidden, kind.is_dir()));
            }
        } else if kind.is_symlink() {
            walked
                .skipped
                .push(skipped(root, entry.path(), Skipped::Link, false));
        } else if kind.is_file() {
            walked.files.push(entry.into_path());
        } else if !kind.is_dir() {
            walked
                .skipped
                .push(skipped(root, entry.path(), Skipped::Special, false));
        }
    }
    Ok(walked)
}

/// Why a file or folder is not published.
#[derive(Debug, Clone, Copy)]
enum Skipped {
    Hidden,
    Link,
    Special,
}

/// W0201 for `path`, left out for `why`.
fn skipped(root: &Path, path: &Path, why: Skipped, folder: bool) -> Diagnostic {
    let mut rel = rel_path(root, path);
    if folder {
        rel.push('/');
    }
    let why = match why {
        Skipped::Hidden => "hidden",
        Skipped::Link => "link",
        Skipped::Special => "special",
    };
    let message = msg!("w0201-not-published", path = &rel, why = why);
    Diagnostic::warning("W0201", message).at(Location::file(rel))
}

/// The `/`-separated path of `path` relative to `root`.
pub(crate) fn rel_path(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// Reads a file as UTF-8: an I/O failure is an error, invalid UTF-8 a diagnostic.
pub(super) fn read_source(root: &Path, path: &Path) -> Result<Result<SourceFile, Diagnostic>> {
    let bytes =
        std::fs::read(path).with_context(|| format!("failed to read `{}`", path.display()))?;
    let rel = rel_path(root, path);
    Ok(match String::from_utf8(bytes) {
        Ok(text) if rel.ends_with(".md") => Ok(SourceFile::markdown(rel, text)),
        Ok(text) => Ok(SourceFile::new(rel, text)),
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let bytes = e.as_bytes();
            let line = memchr::memchr_iter(b'\n', &bytes[..valid]).count() as u32 + 1;
            let line_start = bytes[..valid]
                .iter()
                .rposition(|&b| b == b'\n')
                .map_or(0, |i| i + 1);
            let col = String::from_utf8_lossy(&bytes[line_start..valid])
                .chars()
                .count() as u32
                + 1;
            Err(Diagnostic::error("E0106", msg!("e0106-not-utf8"))
                .at(Location::new(rel, line, col)))
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn load_each_reports_the_first_failing_path() {
        let paths: Vec<PathBuf> = (0..64).map(|i| PathBuf::from(format!("{i:02}"))).collect();
        // The later failure comes first in time; the earlier path is still the one named.
        let result = load_each(&paths, |path| {
            let name = path.to_string_lossy();
            match name.as_ref() {
                "03" => {
                    std::thread::sleep(std::time::Duration::from_millis(100));
                    anyhow::bail!("failed {name}")
                }
                "60" => anyhow::bail!("failed {name}"),
                _ => Ok(name.into_owned()),
            }
        });
        assert_eq!(result.unwrap_err().to_string(), "failed 03");
        let names = load_each(&paths[..3], |path| Ok(path.to_string_lossy().into_owned()));
        assert_eq!(names.unwrap(), ["00", "01", "02"]);
    }
}
