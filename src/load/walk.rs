//! The files of a portal folder: walked in sorted order, read as UTF-8, and loaded in
//! parallel with the results in path order, so the same folder always loads the same.

use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result};
use rayon::prelude::*;

use crate::util::diag::{Diagnostic, Location};
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

/// Every regular file below `dir`, sorted, skipping hidden files and folders.
pub(super) fn walk_files(dir: &Path) -> Result<Vec<PathBuf>> {
    if !dir.is_dir() {
        return Ok(Vec::new());
    }
    let mut files = Vec::new();
    let walker = walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    for entry in walker {
        let entry = entry.with_context(|| format!("failed to read `{}`", dir.display()))?;
        if entry.file_type().is_file() {
            files.push(entry.into_path());
        }
    }
    Ok(files)
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
            Err(
                Diagnostic::error("E0106", "the file is not valid UTF-8 text")
                    .at(Location::new(rel, line, col))
                    .hint("save the file as UTF-8 (most editors offer it under \"Save with encoding\")"),
            )
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
