//! The folders a build keeps beside its output, and the swap that puts a finished
//! staging folder in place of the output.
//!
//! Beside the output `<parent>/<name>` live, each with a unique `<id>`:
//! - `.<name>.staging-<id>`: a build's staging folder, being written;
//! - `.<name>.swap-<id>`: the previous output, moved aside by the two-rename swap for the
//!   instant before the new one is renamed in;
//! - `.<name>.old-<id>`: a previous output or a failed build's staging folder, garbage
//!   for `infoportal remove-old-output` to delete in the background;
//! - `.<name>.lock`: held with a shared lock by every build that writes to the output,
//!   for its whole run. A build that gets it exclusively knows that no other build is
//!   running, so every staging and swap folder it finds is a killed build's and can be
//!   cleaned (or restored). The lock file itself stays: deleting a lock file races with
//!   the next build opening it.
//!
//! The swap is one `renameat2(RENAME_EXCHANGE)` on Linux, so the output path always
//! holds a whole site, even when builds run at once or one is killed. Where the system
//! or file system lacks it, two renames are used, and a build killed between them
//! leaves the previous output as `.<name>.swap-<id>`, which the next build restores.
//!
//! A name alone proves nothing: a user may keep a backup called `.public.old-2025` or
//! `.public.staging-2025` beside the output, and a tool run unattended in CI must never
//! delete it. So a folder beside the output is deleted only if the current run renamed
//! it there itself, or if it carries infoportal's marker (see `guard`): a build writes
//! the marker into its staging folder first, so every output and staging folder of a
//! build has it, and the marker is deleted last, so a deletion cut short leaves a folder
//! the next run still recognises. Anything else is left alone, and killed builds'
//! staging and swap folders are only moved or restored if they carry the marker. The
//! one exception is an empty folder of these names (a build killed between creating
//! its staging folder and writing the marker leaves one): it is removed with `rmdir`,
//! which refuses any folder that holds something, so nothing can be lost. See: #10

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use anyhow::{Context as _, Result, bail};

use super::guard;
use super::hook;

/// What a folder beside the output is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    Staging,
    Swap,
    Old,
}

impl Kind {
    fn tag(self) -> &'static str {
        match self {
            Kind::Staging => "staging",
            Kind::Swap => "swap",
            Kind::Old => "old",
        }
    }
}

/// The output `<parent>/<name>` and the folders kept beside it.
#[derive(Debug, Clone)]
pub(super) struct Siblings {
    pub(super) parent: PathBuf,
    pub(super) name: String,
}

impl Siblings {
    /// The output folder.
    pub(super) fn out(&self) -> PathBuf {
        self.parent.join(&self.name)
    }

    /// The lock file that builds into this output share.
    pub(super) fn lock_file(&self) -> PathBuf {
        self.parent.join(format!(".{}.lock", self.name))
    }

    /// A new, unused name of this kind.
    pub(super) fn fresh(&self, kind: Kind) -> PathBuf {
        self.parent
            .join(format!(".{}.{}-{}", self.name, kind.tag(), unique_id()))
    }

    /// What the entry `file_name` of the parent folder is, if it belongs to this output.
    fn kind_of(&self, file_name: &str) -> Option<Kind> {
        let rest = file_name
            .strip_prefix('.')?
            .strip_prefix(self.name.as_str())?;
        // The staging folder of builds before per-build staging folders. See: #10
        if rest == ".staging" {
            return Some(Kind::Staging);
        }
        [Kind::Staging, Kind::Swap, Kind::Old]
            .into_iter()
            .find(|kind| {
                rest.strip_prefix('.')
                    .and_then(|r| r.strip_prefix(kind.tag()))
                    .and_then(|r| r.strip_prefix('-'))
                    .is_some_and(|id| {
                        !id.is_empty() && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
                    })
            })
    }

    /// The folders of `kind` beside the output, sorted.
    pub(super) fn list(&self, kind: Kind) -> Vec<PathBuf> {
        let Ok(entries) = fs::read_dir(&self.parent) else {
            return Vec::new();
        };
        let mut found: Vec<PathBuf> = entries
            .filter_map(Result::ok)
            .filter(|e| self.kind_of(&e.file_name().to_string_lossy()) == Some(kind))
            .map(|e| e.path())
            .collect();
        found.sort();
        found
    }
}

/// Unique across threads, processes and machines sharing a folder (process ids repeat
/// across containers, so a random part is added).
fn unique_id() -> String {
    use std::hash::{BuildHasher as _, Hasher as _};
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let mut hasher = std::hash::RandomState::new().build_hasher();
    hasher.write_u64(COUNTER.fetch_add(1, Ordering::Relaxed));
    hasher.write_u128(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap_or_default()
            .as_nanos(),
    );
    format!("{}-{:016x}", std::process::id(), hasher.finish())
}

/// Renames `dir` to a fresh `.<name>.old-<id>` and adds that to `renamed`, the folders
/// this run may delete; if renaming failed, `dir` is left for a later build to clean.
pub(super) fn move_to_old(siblings: &Siblings, dir: &Path, renamed: &mut Vec<PathBuf>) {
    let old = (0..3).find_map(|_| {
        let old = siblings.fresh(Kind::Old);
        fs::rename(dir, &old).is_ok().then_some(old)
    });
    renamed.extend(old);
}

/// Puts the finished `staging` folder in place of the output. Afterwards the previous
/// output, if any, is an old folder, added to `renamed` (or, if moving it failed, still
/// at the staging name, left for a later build to clean). Another build swapping at the
/// same time only changes which whole site ends up in place.
pub(super) fn swap_in(
    siblings: &Siblings,
    staging: &Path,
    renamed: &mut Vec<PathBuf>,
) -> Result<()> {
    let out = siblings.out();
    let mut exchange = hook::exchange_allowed();
    // Each retry means another build replaced the output in between; a few suffice.
    for _ in 0..100 {
        if !exists(&out)? {
            match fs::rename(staging, &out) {
                Ok(()) => return Ok(()),
                Err(e) if occupied(&e) => continue,
                Err(e) => return Err(e).with_context(|| moving(staging, &out)),
            }
        }
        if exchange {
            match rename_exchange(staging, &out) {
                Ok(()) => {
                    hook::at("exchanged");
                    move_to_old(siblings, staging, renamed);
                    return Ok(());
                }
                Err(e) if e.kind() == io::ErrorKind::NotFound && exists(staging)? => continue,
                Err(e) if unsupported(&e) => exchange = false,
                Err(e) => return Err(e).with_context(|| moving(staging, &out)),
            }
        }
        if !exchange && swap_by_renames(siblings, staging, renamed)? {
            return Ok(());
        }
    }
    bail!(
        "failed to move `{}` to `{}`: other builds kept replacing it",
        staging.display(),
        out.display()
    )
}

/// The portable swap: the output is moved aside, then the staging folder renamed in.
/// False when another build took the output's place in between (try again).
fn swap_by_renames(
    siblings: &Siblings,
    staging: &Path,
    renamed: &mut Vec<PathBuf>,
) -> Result<bool> {
    let out = siblings.out();
    let aside = siblings.fresh(Kind::Swap);
    match fs::rename(&out, &aside) {
        Ok(()) => {}
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(false),
        Err(e) => return Err(e).with_context(|| moving(&out, &aside)),
    }
    hook::at("moved-aside");
    match fs::rename(staging, &out) {
        Ok(()) => {
            hook::at("renamed-in");
            move_to_old(siblings, &aside, renamed);
            Ok(true)
        }
        Err(e) if occupied(&e) => {
            move_to_old(siblings, &aside, renamed);
            Ok(false)
        }
        Err(e) => {
            // Never leave the output missing: put the previous one back.
            let _ = fs::rename(&aside, &out);
            Err(e).with_context(|| moving(staging, &out))
        }
    }
}

fn moving(from: &Path, to: &Path) -> String {
    format!("failed to move `{}` to `{}`", from.display(), to.display())
}

fn exists(path: &Path) -> Result<bool> {
    match fs::symlink_metadata(path) {
        Ok(_) => Ok(true),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(false),
        Err(e) => Err(e).with_context(|| format!("failed to read `{}`", path.display())),
    }
}

/// The rename failed because the target is a folder that is not empty: another build's
/// output took the place.
fn occupied(e: &io::Error) -> bool {
    matches!(
        e.kind(),
        io::ErrorKind::DirectoryNotEmpty | io::ErrorKind::AlreadyExists
    )
}

/// Swaps two paths in one step.
#[cfg(target_os = "linux")]
fn rename_exchange(a: &Path, b: &Path) -> io::Result<()> {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt as _;
    let a = CString::new(a.as_os_str().as_bytes())?;
    let b = CString::new(b.as_os_str().as_bytes())?;
    // The raw system call rather than glibc's wrapper, which older glibc lacks.
    // SAFETY: both pointers are NUL-terminated strings that outlive the call, which
    // only reads them.
    let result = unsafe {
        libc::syscall(
            libc::SYS_renameat2,
            libc::AT_FDCWD,
            a.as_ptr(),
            libc::AT_FDCWD,
            b.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    if result == 0 {
        Ok(())
    } else {
        Err(io::Error::last_os_error())
    }
}

#[cfg(not(target_os = "linux"))]
fn rename_exchange(_: &Path, _: &Path) -> io::Result<()> {
    Err(io::ErrorKind::Unsupported.into())
}

/// The system or file system cannot exchange: use the two renames.
fn unsupported(e: &io::Error) -> bool {
    #[cfg(target_os = "linux")]
    if matches!(
        e.raw_os_error(),
        Some(libc::EINVAL | libc::ENOSYS | libc::EOPNOTSUPP)
    ) {
        return true;
    }
    e.kind() == io::ErrorKind::Unsupported
}

/// Cleans up after killed builds; only called while no other build runs (the caller
/// holds the lock exclusively). Their staging folders become old folders (added to
/// `renamed`), and a previous output left aside by a two-rename swap is put back if the
/// output is missing. Only folders carrying the marker are touched: see the module doc.
pub(super) fn clean_leftovers(siblings: &Siblings, renamed: &mut Vec<PathBuf>) -> Result<()> {
    // An empty one holds nothing to lose, and `rmdir` removes nothing else.
    for kind in [Kind::Staging, Kind::Swap, Kind::Old] {
        for dir in siblings.list(kind) {
            let _ = fs::remove_dir(dir);
        }
    }
    let own = |kind| {
        let mut found = siblings.list(kind);
        found.retain(|dir| guard::is_own_output(dir));
        found
    };
    for staging in own(Kind::Staging) {
        move_to_old(siblings, &staging, renamed);
    }
    let mut aside = own(Kind::Swap);
    if !exists(&siblings.out())? {
        // Several only if several builds were killed there; take the newest site.
        let newest = aside
            .iter()
            .enumerate()
            .max_by_key(|(_, dir)| fs::metadata(dir).and_then(|m| m.modified()).ok())
            .map(|(i, _)| i);
        if let Some(newest) = newest {
            let dir = aside.swap_remove(newest);
            hook::at("restoring");
            fs::rename(&dir, siblings.out()).with_context(|| moving(&dir, &siblings.out()))?;
        }
    }
    for dir in aside {
        move_to_old(siblings, &dir, renamed);
    }
    Ok(())
}

/// Deletes the old folders beside the output now (the helper process's work): those
/// named in `renamed` (file names of folders the run that started the helper moved
/// there itself) and those carrying the marker. Any other folder that merely has an
/// old folder's name is the user's, and stays.
pub(super) fn remove_old(siblings: &Siblings, renamed: &[PathBuf]) {
    let renamed: std::collections::HashSet<_> =
        renamed.iter().filter_map(|dir| dir.file_name()).collect();
    for dir in siblings.list(Kind::Old) {
        let by_this_run = dir.file_name().is_some_and(|n| renamed.contains(n));
        if by_this_run || guard::is_own_output(&dir) {
            // Best effort: a folder that cannot be deleted now is tried again next time.
            let _ = remove_marker_last(&dir);
        }
    }
}

/// Deletes the folder `dir`, the files that make it recognisably infoportal's last, so
/// a deletion cut short (a kill, a file in use) leaves a folder the next run still
/// recognises as its own.
fn remove_marker_last(dir: &Path) -> io::Result<()> {
    let last = guard::ownership_files();
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        if last.iter().any(|name| entry.file_name() == *name) {
            continue;
        }
        if entry.file_type()?.is_dir() {
            fs::remove_dir_all(entry.path())?;
        } else {
            fs::remove_file(entry.path())?;
        }
    }
    for name in last {
        match fs::remove_file(dir.join(name)) {
            Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(e),
            _ => {}
        }
    }
    fs::remove_dir(dir)
}

/// Starts a detached `infoportal remove-old-output` to delete the old folders (those
/// this run `renamed`, and those carrying the marker), so the build does not wait for
/// it; without the binary they are deleted right away.
pub(super) fn remove_old_in_background(siblings: &Siblings, renamed: &[PathBuf]) {
    if siblings.list(Kind::Old).is_empty() {
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
            .arg(&siblings.parent)
            .arg(&siblings.name)
            .args(renamed.iter().filter_map(|dir| dir.file_name()))
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .ok()
    });
    if spawned.is_none() {
        remove_old(siblings, renamed);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_only_its_own_siblings() {
        let s = Siblings {
            parent: PathBuf::from("/x"),
            name: "public".to_string(),
        };
        assert_eq!(s.kind_of(".public.staging"), Some(Kind::Staging));
        assert_eq!(s.kind_of(".public.staging-12-ab"), Some(Kind::Staging));
        assert_eq!(s.kind_of(".public.swap-12-ab"), Some(Kind::Swap));
        assert_eq!(s.kind_of(".public.old-12-0"), Some(Kind::Old));
        for other in [
            "public",
            ".public.lock",
            ".public.old-",
            ".public.staging-",
            ".public.staging.old-1",
            ".public.staging.staging-1",
            ".public2.old-1",
            ".public.old-1.x",
        ] {
            assert_eq!(s.kind_of(other), None, "{other}");
        }
    }

    #[test]
    fn fresh_names_are_recognised_and_unique() {
        let s = Siblings {
            parent: PathBuf::from("/x"),
            name: "site".to_string(),
        };
        let a = s.fresh(Kind::Staging);
        let b = s.fresh(Kind::Staging);
        assert_ne!(a, b);
        let name = a.file_name().unwrap().to_string_lossy().into_owned();
        assert_eq!(s.kind_of(&name), Some(Kind::Staging));
    }
}
