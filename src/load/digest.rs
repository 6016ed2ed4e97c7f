//! The digest of a portal's sources: one SHA-256 over every file a build reads
//! (`portal.yaml`, the files under `agreements/` and `content/` that the walk finds, and
//! the theme's folder under `themes/`), each with its path. Two checkouts of the same
//! commit give the same digest; any change a build could see changes it. It holds no
//! time, so a build and `next-change` agree on it whatever their `--now`.
//!
//! `manifest.json` and `next-change --format json` carry it (`sources_sha256`), so CI can
//! tell a published site built from other sources (a push whose upload failed) from one
//! that is only waiting for its next change (README, "In CI").

use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result};
use rayon::prelude::*;
use sha2::{Digest, Sha256};

use crate::load::walk::rel_path;
use crate::util::source::hex;

/// The digest of `files` (under `root`), lowercase hex: the SHA-256 of each file's
/// root-relative path and the SHA-256 of its bytes, in path order. Files are hashed in
/// parallel; the result does not depend on the order they are given in.
pub(crate) fn sources_digest(root: &Path, files: &[&PathBuf]) -> Result<String> {
    let mut hashed: Vec<(String, Vec<u8>)> = files
        .par_iter()
        .map(|path| {
            let bytes = std::fs::read(path)
                .with_context(|| format!("failed to read `{}`", path.display()))?;
            Ok((rel_path(root, path), Sha256::digest(&bytes).to_vec()))
        })
        .collect::<Result<_>>()?;
    hashed.sort_unstable();
    hashed.dedup();
    let mut all = Sha256::new();
    for (rel, digest) in &hashed {
        // The length first, so that no two lists of paths make the same bytes.
        all.update((rel.len() as u64).to_le_bytes());
        all.update(rel.as_bytes());
        all.update(digest);
    }
    Ok(hex(&all.finalize()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_digest_follows_paths_and_bytes_not_their_order() {
        let root = std::env::temp_dir().join(format!("infoportal-digest-{}", std::process::id()));
        std::fs::create_dir_all(root.join("content")).unwrap();
        let (a, b) = (root.join("content/a.md"), root.join("content/b.md"));
        std::fs::write(&a, "A").unwrap();
        std::fs::write(&b, "B").unwrap();
        let first = sources_digest(&root, &[&a, &b]).unwrap();
        assert_eq!(first.len(), 64);
        assert_eq!(first, sources_digest(&root, &[&b, &a]).unwrap());
        std::fs::write(&b, "B2").unwrap();
        let changed = sources_digest(&root, &[&a, &b]).unwrap();
        assert_ne!(first, changed);
        // The same bytes under another name are another portal.
        let c = root.join("content/c.md");
        std::fs::rename(&b, &c).unwrap();
        assert_ne!(changed, sources_digest(&root, &[&a, &c]).unwrap());
        std::fs::remove_dir_all(&root).unwrap();
    }
}
