//! `manifest.json`: the audit record that every agreement document is published (SPEC §5).
//!
//! Lists every published document version, page and notice with its URL, dates and the
//! SHA-256 of its source file (the bytes as stored in Git), each version's and notice's
//! status, the site's next change and the digest of every source it was built from
//! (`sources_sha256`, which `next-change` gives too), sorted, with no build time in it.
//! So two builds of the same sources give an identical manifest exactly when their pages
//! differ in nothing but the build time they show: a status that changed with time
//! changes the manifest (and so does `next_change`, which every boundary passed moves).
//! CI compares the published manifest with a new one to decide whether to publish, and
//! its `next_change` and `sources_sha256` with `next-change`'s to decide whether to build
//! at all (README, "In CI").

use rayon::prelude::*;
use serde::Serialize;

use crate::model::paths::{document_path, version_path};
use crate::model::portal::Portal;
use crate::util::source::hex;

#[derive(Serialize)]
struct Manifest<'a> {
    generator: &'static str,
    base_url: String,
    next_change: serde_json::Value,
    sources_sha256: &'a str,
    documents: Vec<DocumentEntry<'a>>,
    pages: Vec<PageEntry<'a>>,
    notices: Vec<NoticeEntry<'a>>,
}

#[derive(Serialize)]
struct DocumentEntry<'a> {
    id: &'a str,
    title: &'a str,
    url: String,
    current_version: Option<&'a str>,
    versions: Vec<VersionEntry<'a>>,
}

#[derive(Serialize)]
struct VersionEntry<'a> {
    version: &'a str,
    status: &'static str,
    date: String,
    valid_from: String,
    url: String,
    source: &'a str,
    sha256: String,
}

#[derive(Serialize)]
struct PageEntry<'a> {
    url: String,
    title: &'a str,
    source: &'a str,
    sha256: String,
}

#[derive(Serialize)]
struct NoticeEntry<'a> {
    url: String,
    title: &'a str,
    kind: &'static str,
    status: &'static str,
    source: &'a str,
    sha256: String,
}

/// The manifest as pretty-printed JSON.
pub(crate) fn render(portal: &Portal) -> Vec<u8> {
    let base = &portal.config.base_url;
    let documents = portal
        .documents
        .par_iter()
        .filter(|d| d.published().next().is_some())
        .map(|doc| DocumentEntry {
            id: &doc.id,
            title: doc.title(),
            url: base.absolute(&document_path(&doc.id)),
            current_version: doc.current.map(|i| doc.versions[i].version.as_str()),
            versions: doc
                .published()
                .map(|v| VersionEntry {
                    version: v.version.as_str(),
                    status: v.status.as_str(),
                    date: v.date.to_string(),
                    valid_from: v.valid_from.to_string(),
                    url: base.absolute(&version_path(&doc.id, v.version.as_str())),
                    source: &v.source.file.rel_path,
                    sha256: hex(&v.source.sha256),
                })
                .collect(),
        })
        .collect();
    let mut pages: Vec<PageEntry<'_>> = portal
        .pages
        .par_iter()
        .filter(|p| p.published)
        .map(|page| PageEntry {
            url: base.absolute(&page.url_path),
            title: &page.title,
            source: &page.source.file.rel_path,
            sha256: hex(&page.source.sha256),
        })
        .collect();
    pages.sort_by(|a, b| a.url.cmp(&b.url).then(a.source.cmp(b.source)));
    // Notices are listed in source order, not list order: a status change shows in
    // the entry itself, without reordering the file.
    let notices = portal
        .notices
        .par_iter()
        .filter(|n| n.published)
        .map(|n| NoticeEntry {
            url: base.absolute(&n.url_path),
            title: &n.title,
            kind: n.kind.id(),
            status: n.status(portal.now).id(),
            source: &n.source.file.rel_path,
            sha256: hex(&n.source.sha256),
        })
        .collect();
    let manifest = Manifest {
        generator: concat!("infoportal ", env!("CARGO_PKG_VERSION")),
        base_url: base.absolute("/"),
        next_change: crate::analyze::schedule::json(
            crate::analyze::schedule::next_change(portal).as_ref(),
        ),
        sources_sha256: &portal.sources,
        documents,
        pages,
        notices,
    };
    let mut json = serde_json::to_vec_pretty(&manifest).unwrap_or_default();
    json.push(b'\n');
    json
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::util::source::SourceFile;

    #[test]
    fn hashes_the_bytes_as_stored() {
        let plain = SourceFile::new("a.md", "abc".to_string());
        assert_eq!(
            hex(&plain.sha256()),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        let with_bom = SourceFile::new("a.md", "\u{feff}abc".to_string());
        assert_ne!(with_bom.sha256(), plain.sha256());
    }
}
