//! Content pages: the Markdown files under `content/`.

use crate::model::source::Source;
use crate::model::time::Date;
use crate::util::collate::{SwedishKey, swedish_key};
use crate::util::diag::Location;

/// What a content page is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum PageKind {
    /// `content/_index.md`.
    Start,
    /// `content/<dir>/_index.md`: lists the pages of its folder.
    Section,
    /// Any other `.md` file.
    Page,
}

/// A Markdown page under `content/`.
#[derive(Debug, Clone)]
pub(crate) struct Page {
    /// Start, section or plain page.
    pub(crate) kind: PageKind,
    /// The site path, e.g. `/anslutning/kommun/` (without the base path).
    pub(crate) url_path: String,
    /// The page title (its `<h1>`).
    pub(crate) title: String,
    /// Meta description.
    pub(crate) description: Option<String>,
    /// Order in menus and lists; lower first.
    pub(crate) weight: Option<i64>,
    /// Optional date.
    pub(crate) date: Option<Date>,
    /// When the page was last checked against reality, and by when it is to be checked
    /// again (GOV.UK's habit for technical documentation).
    pub(crate) review: Review,
    /// Whether the page is a draft.
    pub(crate) draft: bool,
    /// Whether the page gets published (drafts only with `--drafts`).
    pub(crate) published: bool,
    /// The file and its body.
    pub(crate) source: Source,
}

/// A page's `reviewed:` and `review_by:` dates.
#[derive(Debug, Clone, Default)]
pub(crate) struct Review {
    /// `reviewed:`, shown on the page as "Senast granskad …".
    pub(crate) reviewed: Option<Date>,
    /// `review_by:` and where it is written: a build after that day warns (W0102).
    pub(crate) due: Option<(Date, Location)>,
}

impl Page {
    /// The site path of the section this page belongs to (`/` for top-level pages).
    pub(crate) fn parent_path(&self) -> Option<&str> {
        if self.kind == PageKind::Start {
            return None;
        }
        let trimmed = self.url_path.trim_end_matches('/');
        trimmed.rfind('/').map(|i| &self.url_path[..=i])
    }
}

/// Sort key for menus and child lists: by weight (unweighted last), then title in
/// Swedish order.
pub(crate) fn menu_order(weight: Option<i64>, title: &str) -> (i64, SwedishKey) {
    (weight.unwrap_or(i64::MAX), swedish_key(title))
}
