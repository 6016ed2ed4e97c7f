//! The portal: everything it consists of, loaded and typed.
//!
//! `load` builds a [`Portal`] once; every later stage only reads it.

use crate::model::config::Config;
use crate::model::datalist::DataList;
use crate::model::document::Document;
use crate::model::notice::Notice;
use crate::model::page::Page;
use crate::model::paths::{AGREEMENTS_INTRO, NOTICES_INTRO};
use crate::model::time::Date;

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
