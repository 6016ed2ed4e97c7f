//! The portal: everything it consists of, loaded and typed.
//!
//! `load` builds a [`Portal`] once; every later stage only reads it.
//!
//! A source that fails to load is not in the portal, but it is not forgotten either: the
//! portal keeps where it was and what it would have published ([`FailedSources`]), so
//! that the links, references, lists and menu entries that lead to it are not reported
//! once more as broken. They are [`Consequence`]s, and end as a note on the source's
//! own error (one mistake, one error).

use std::collections::HashMap;

use crate::model::config::Config;
use crate::model::datalist::DataList;
use crate::model::document::Document;
use crate::model::notice::Notice;
use crate::model::page::Page;
use crate::model::paths::{
    AGREEMENTS_INTRO, AGREEMENTS_PATH, NOTICES_INTRO, NOTICES_PATH, changes_path, document_path,
    version_path,
};
use crate::model::time::Date;
use crate::util::diag::Location;

/// Everything the portal consists of, loaded and typed.
#[derive(Debug, Clone)]
pub(crate) struct Portal {
    /// The validated `portal.yaml`, with command-line overrides applied.
    pub(crate) config: Config,
    /// Agreement documents, sorted by id.
    pub(crate) documents: Vec<Document>,
    /// Content pages, sorted by source path.
    pub(crate) pages: Vec<Page>,
    /// Operations notices, sorted by source path.
    pub(crate) notices: Vec<Notice>,
    /// The list of personal-data types, if the portal has one.
    pub(crate) data_list: Option<DataList>,
    /// The build's date in the portal's time zone.
    pub(crate) today: Date,
    /// The build's instant.
    pub(crate) now: jiff::Timestamp,
    /// The sources that failed to load, with what they would have published.
    pub(crate) failed: FailedSources,
    /// The digest of every file the build reads (`load::digest`), lowercase hex: what
    /// `manifest.json` and `next-change` tell CI the site is built from.
    pub(crate) sources: String,
}

impl Portal {
    /// Whether the portal publishes operations information: it has notices, or an
    /// introduction for the (still empty) list.
    pub(crate) fn has_notices(&self) -> bool {
        !self.notices.is_empty()
            || self
                .pages
                .iter()
                .any(|p| p.published && p.source.file.rel_path == NOTICES_INTRO)
    }

    /// Whether the portal publishes `/avtal/` (and its feed): it has agreement
    /// documents, or an introduction for the (still empty) page.
    pub(crate) fn has_agreements(&self) -> bool {
        !self.documents.is_empty()
            || self
                .pages
                .iter()
                .any(|p| p.published && p.source.file.rel_path == AGREEMENTS_INTRO)
    }

    /// The document with this id.
    pub(crate) fn document(&self, id: &str) -> Option<&Document> {
        self.document_index(id).map(|i| &self.documents[i])
    }

    /// The index in `documents` of the document with this id.
    pub(crate) fn document_index(&self, id: &str) -> Option<usize> {
        self.documents
            .binary_search_by(|d| d.id.as_str().cmp(id))
            .ok()
    }
}

/// What kind of source failed to load, and what it would have been.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum FailedKind {
    /// A content page (an introduction of `/avtal/` or `/driftinformation/` included).
    Page,
    /// An operations notice.
    Notice,
    /// A version of an agreement document: its id and version as the path gives them
    /// (`agreements/<id>/<version>.md`).
    Version {
        /// The document id (the folder name).
        id: String,
        /// The version (the file name).
        version: String,
    },
    /// The list of personal-data types.
    DataList,
}

/// A source file that failed to load: where it is, and where it would be published.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct FailedSource {
    /// The root-relative path of the file, as its diagnostic names it.
    pub(crate) rel_path: String,
    /// The site path it would be published at, if its name allows one.
    pub(crate) site_path: Option<String>,
    /// What it is.
    pub(crate) kind: FailedKind,
}

impl FailedSource {
    /// What the source is, as the notes on its error say it (`verify::cascades`):
    /// `page`, `notice`, `document` or `list`.
    pub(crate) fn noun(&self) -> &'static str {
        match self.kind {
            FailedKind::Page => "page",
            FailedKind::Notice => "notice",
            FailedKind::Version { .. } => "document",
            FailedKind::DataList => "list",
        }
    }
}

/// Every source that failed to load, looked up by file, by site path and by document
/// id, each in constant time (a portal can have thousands of links into them).
#[derive(Debug, Clone, Default)]
pub(crate) struct FailedSources {
    /// In path order.
    sources: Vec<FailedSource>,
    by_rel: HashMap<String, usize>,
    by_path: HashMap<String, usize>,
    /// The first failed version of each document id.
    by_document: HashMap<String, usize>,
}

impl FailedSources {
    /// Indexes `sources` (in path order). A site path that only exists because of a
    /// failed source (`/avtal/<id>/` of a document with no version that loaded,
    /// `/driftinformation/` of a portal whose notices all failed) is counted for the
    /// first such source; callers ask only about paths that are not published.
    pub(crate) fn new(sources: Vec<FailedSource>) -> FailedSources {
        let mut failed = FailedSources::default();
        for (i, source) in sources.iter().enumerate() {
            failed.by_rel.entry(source.rel_path.clone()).or_insert(i);
            let mut paths: Vec<String> = source.site_path.iter().cloned().collect();
            match &source.kind {
                FailedKind::Version { id, version } => {
                    failed.by_document.entry(id.clone()).or_insert(i);
                    paths.push(changes_path(id, version));
                    paths.push(document_path(id));
                    paths.push(AGREEMENTS_PATH.to_string());
                }
                FailedKind::Notice => paths.push(NOTICES_PATH.to_string()),
                FailedKind::Page | FailedKind::DataList => {}
            }
            for path in paths {
                failed.by_path.entry(path).or_insert(i);
            }
        }
        failed.sources = sources;
        failed
    }

    /// The failed source `i`.
    pub(crate) fn get(&self, i: usize) -> &FailedSource {
        &self.sources[i]
    }

    /// The failed source at this root-relative path.
    pub(crate) fn source(&self, rel_path: &str) -> Option<usize> {
        self.by_rel.get(rel_path).copied()
    }

    /// The failed source that would have published this site path.
    pub(crate) fn at_path(&self, site_path: &str) -> Option<usize> {
        self.by_path.get(site_path).copied()
    }

    /// The first failed version of document `id`: every reference into the document
    /// may depend on it (it may be the version in force, or the only one).
    pub(crate) fn document(&self, id: &str) -> Option<usize> {
        self.by_document.get(id).copied()
    }

    /// The failed version `version` of document `id`.
    pub(crate) fn version(&self, id: &str, version: &str) -> Option<usize> {
        self.document_at(&version_path(id, version))
    }

    /// The failed version that makes the document page (or version page, or change
    /// view) at `site_path` unreliable: what it shows, and so the `id`s links point
    /// at, may be another version than the one meant.
    pub(crate) fn document_at(&self, site_path: &str) -> Option<usize> {
        self.at_path(site_path)
            .filter(|&i| matches!(&self.sources[i].kind, FailedKind::Version { .. }))
    }

    /// The first agreement version that failed: the documents it lists are unknown.
    pub(crate) fn first_version(&self) -> Option<usize> {
        self.sources
            .iter()
            .position(|s| matches!(s.kind, FailedKind::Version { .. }))
    }
}

/// What a reference to a failed source is, for the note on the source's error.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum ConsequenceKind {
    /// A link (or a link's `#fragment`) in a page.
    Link,
    /// An entry of a Handlingsförteckning (`documents:`).
    Listing,
    /// A menu entry in `portal.yaml`.
    Menu,
    /// A document that would be reported as belonging to no agreement: the failed
    /// version may be the agreement that lists it. Holds the document's id.
    Unlisted(String),
}

/// A problem not reported because it follows from a source that failed to load: it
/// becomes a note on that source's error.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Consequence {
    /// The failed source, by index in [`FailedSources`].
    pub(crate) source: usize,
    /// Where the reference is written.
    pub(crate) at: Location,
    /// What kind of reference it is.
    pub(crate) kind: ConsequenceKind,
}
