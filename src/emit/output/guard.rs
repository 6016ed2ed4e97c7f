//! Which folder a build may replace (SPEC §6 "Nothing of the user's is ever deleted").
//!
//! A build deletes whatever was in its output folder, so before anything is written the
//! folder is checked: it must not hold the portal or its sources, nor lie inside a
//! source folder (the next build would publish it), and if it exists it must be empty
//! or recognisably infoportal's own. Paths are compared after resolving symbolic links,
//! so a link to `content/` is seen for what it is.
//!
//! "Infoportal's own" means the folder holds [`MARKER_FILE`], written into every build's
//! output, or, for outputs built before the marker existed, a `manifest.json` that
//! infoportal wrote. See: #10

use std::fs;
use std::io::Read as _;
use std::path::{Component, Path, PathBuf};

use anyhow::{Context as _, Result, bail};

use crate::util::i18n::{Text, TextError, msg};

/// The file every build writes into the root of its output, so the next build knows
/// the folder is its own to replace. A dotfile so it stays out of the way; it is
/// harmless if it is published (it says no more than `manifest.json` does), and
/// uploaders that skip dotfiles lose nothing the site needs.
pub(super) const MARKER_FILE: &str = ".infoportal-output";

/// The marker's text; the first line is what is checked.
pub(super) const MARKER_TEXT: &str = "infoportal build output\n\
    This folder was written by `infoportal build` and is replaced entirely by the next build.\n\
    Keep nothing of your own in it.\n";

/// How a `manifest.json` written by infoportal begins (the `generator` is its first key,
/// see src/emit/manifest.rs); recognises outputs built before [`MARKER_FILE`] existed.
const MANIFEST_START: &[u8] = b"{\n  \"generator\": \"infoportal ";

/// The portal's source folders: an output inside one would be read back by the next
/// build and published.
const SOURCE_DIRS: [&str; 3] = [
    crate::model::paths::AGREEMENTS_DIR,
    crate::model::paths::CONTENT_DIR,
    "themes",
];

/// Checks that `out` may be replaced by a build of the portal at `root`, and returns its
/// resolved path (absolute, symbolic links followed). Nothing is written.
pub(super) fn check(root: &Path, out: &Path) -> Result<PathBuf> {
    let path = resolve(out)?;
    let shown = shown(out, &path);
    let root = resolve(root)?;
    if root.starts_with(&path) {
        bail!(TextError::from(msg!(
            "output-holds-portal",
            out = shown,
            root = root.display().to_string(),
        )));
    }
    for dir in SOURCE_DIRS {
        let source = resolve(&root.join(dir))?;
        let refusal = if path == source {
            msg!("output-is-source", out = shown.clone(), dir = dir)
        } else if path.starts_with(&source) {
            msg!("output-inside-source", out = shown.clone(), dir = dir)
        } else if source.starts_with(&path) {
            msg!(
                "output-holds-source",
                out = shown.clone(),
                dir = dir,
                source = source.display().to_string(),
            )
        } else {
            continue;
        };
        bail!(TextError::from(refusal));
    }
    check_contents(&path, &shown)?;
    Ok(path)
}

/// The output as the user wrote it, and where it leads if that differs.
fn shown(out: &Path, resolved: &Path) -> Text {
    let lexical = std::path::absolute(out)
        .map(|p| normalise(&p))
        .unwrap_or_default();
    let out = out.display().to_string();
    if lexical == resolved {
        msg!("output-as-given", out = out).into()
    } else {
        let resolved = resolved.display().to_string();
        msg!("output-leads-to", out = out, resolved = resolved).into()
    }
}

/// An existing output must be a folder that is empty or infoportal's own.
fn check_contents(path: &Path, shown: &Text) -> Result<()> {
    let meta = match fs::metadata(path) {
        Ok(meta) => meta,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(e).with_context(|| format!("failed to read {shown}")),
    };
    if !meta.is_dir() {
        bail!(TextError::from(msg!(
            "output-not-folder",
            out = shown.clone()
        )));
    }
    let empty = fs::read_dir(path)
        .with_context(|| format!("failed to read {shown}"))?
        .next()
        .is_none();
    if empty || is_own_output(path) {
        return Ok(());
    }
    bail!(TextError::from(msg!(
        "output-not-ours",
        out = shown.clone(),
        marker = MARKER_FILE,
    )))
}

/// The files [`is_own_output`] reads: the marker and the manifest.
pub(super) fn ownership_files() -> [&'static str; 2] {
    [
        MARKER_FILE,
        crate::model::paths::MANIFEST_PATH.trim_start_matches('/'),
    ]
}

/// Whether `dir` holds the marker, or the manifest an earlier infoportal wrote.
pub(super) fn is_own_output(dir: &Path) -> bool {
    let first_line = MARKER_TEXT.split_inclusive('\n').next().unwrap_or_default();
    starts_with(&dir.join(MARKER_FILE), first_line.as_bytes())
        || starts_with(
            &dir.join(crate::model::paths::MANIFEST_PATH.trim_start_matches('/')),
            MANIFEST_START,
        )
}

/// Whether the regular file at `path` begins with `prefix` (reading no more than that).
fn starts_with(path: &Path, prefix: &[u8]) -> bool {
    let Ok(file) = fs::File::open(path) else {
        return false;
    };
    if !file.metadata().is_ok_and(|m| m.is_file()) {
        return false;
    }
    let mut start = Vec::with_capacity(prefix.len());
    file.take(prefix.len() as u64)
        .read_to_end(&mut start)
        .is_ok_and(|_| start == prefix)
}

/// `path` made absolute with every symbolic link in it resolved. The part that does not
/// exist yet cannot hold links, so it is appended as written, `.` and `..` applied.
pub(super) fn resolve(path: &Path) -> Result<PathBuf> {
    let absolute = std::path::absolute(path)
        .with_context(|| format!("failed to resolve `{}`", path.display()))?;
    let components: Vec<Component<'_>> = absolute.components().collect();
    for existing in (1..=components.len()).rev() {
        let prefix: PathBuf = components[..existing].iter().collect();
        match fs::canonicalize(&prefix) {
            Ok(real) => {
                let mut resolved = real;
                push_lexically(&mut resolved, &components[existing..]);
                return Ok(resolved);
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                if fs::symlink_metadata(&prefix).is_ok_and(|m| m.file_type().is_symlink()) {
                    bail!(TextError::from(msg!(
                        "output-dangling-link",
                        link = prefix.display().to_string(),
                        target = fs::read_link(&prefix)
                            .unwrap_or_default()
                            .display()
                            .to_string(),
                    )));
                }
            }
            Err(e) => {
                return Err(e).with_context(|| format!("failed to resolve `{}`", prefix.display()));
            }
        }
    }
    Ok(normalise(&absolute))
}

/// `.` and `..` applied to a path without looking at the disk.
fn normalise(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    push_lexically(&mut out, &path.components().collect::<Vec<_>>());
    out
}

fn push_lexically(path: &mut PathBuf, components: &[Component<'_>]) {
    for component in components {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                path.pop();
            }
            c => path.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_manifest_prefix_matches_what_infoportal_writes() {
        // src/emit/manifest.rs serialises `generator` first, pretty-printed.
        let json = serde_json::to_vec_pretty(&serde_json::json!({
            "generator": "infoportal 0.1.0",
        }))
        .unwrap();
        assert!(json.starts_with(MANIFEST_START));
    }

    #[test]
    fn missing_parts_are_appended_lexically() {
        let base = std::env::temp_dir();
        let real = fs::canonicalize(&base).unwrap();
        assert_eq!(
            resolve(&base.join("infoportal-no-such/a/../b/./c")).unwrap(),
            real.join("infoportal-no-such/b/c")
        );
    }
}
