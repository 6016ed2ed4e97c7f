//! The immutable domain: the portal's documents, versions and pages as typed values.
//!
//! `load` builds a [`Portal`] once; every later stage only reads it.

use std::cmp::Ordering;
use std::fmt;

use crate::config::Config;
use crate::diag::Location;
use crate::source::SourceFile;

/// A calendar date (`YYYY-MM-DD`).
pub type Date = jiff::civil::Date;

/// A document version such as `1.0`, `1.10` or `2`, ordered numerically part by part.
#[derive(Debug, Clone, Eq)]
pub struct Version {
    parts: Vec<u32>,
    text: String,
}

impl Version {
    /// Parses `N(.N)*`; `None` for anything else (letters, empty parts, leading `+`).
    pub fn parse(text: &str) -> Option<Version> {
        let parts = text
            .split('.')
            .map(|p| {
                if p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()) || p.len() > 9 {
                    None
                } else {
                    p.parse().ok()
                }
            })
            .collect::<Option<Vec<u32>>>()?;
        Some(Version {
            parts,
            text: text.to_string(),
        })
    }

    /// The version as written in its file name.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The next minor version: `1.2` → `1.3`, `2` → `2.1`.
    pub fn next_minor(&self) -> Version {
        let mut parts = self.parts.clone();
        if parts.len() < 2 {
            parts.resize(2, 0);
        }
        parts.truncate(2);
        parts[1] += 1;
        Version::from_parts(parts)
    }

    /// The next major version: `1.2` → `2.0`.
    pub fn next_major(&self) -> Version {
        Version::from_parts(vec![self.parts[0] + 1, 0])
    }

    fn from_parts(parts: Vec<u32>) -> Version {
        let text = parts
            .iter()
            .map(u32::to_string)
            .collect::<Vec<_>>()
            .join(".");
        Version { parts, text }
    }

    /// The parts without trailing zeros, so that `1`, `1.0` and `1.00` compare equal.
    fn significant(&self) -> &[u32] {
        let end = self
            .parts
            .iter()
            .rposition(|&p| p != 0)
            .map_or(0, |i| i + 1);
        &self.parts[..end]
    }
}

impl PartialEq for Version {
    fn eq(&self, other: &Self) -> bool {
        self.significant() == other.significant()
    }
}

impl Ord for Version {
    fn cmp(&self, other: &Self) -> Ordering {
        self.significant().cmp(other.significant())
    }
}

impl PartialOrd for Version {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for Version {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

/// The build's point in time, as given on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Now {
    /// An exact instant (`--now 2026-11-26T10:00:00+01:00`, `SOURCE_DATE_EPOCH`, the clock).
    Instant(jiff::Timestamp),
    /// A date (`--now 2026-11-26`): midnight at its start in the portal's time zone.
    Date(Date),
}

impl Now {
    /// Parses `--now`: an RFC 3339 time with offset, or a `YYYY-MM-DD` date.
    pub fn parse(text: &str) -> Result<Now, String> {
        if let Some(date) = crate::frontmatter::parse_date(text) {
            return Ok(Now::Date(date));
        }
        text.parse::<jiff::Timestamp>().map(Now::Instant).map_err(|_| {
            format!("`{text}` is neither a date (2026-11-26) nor a time with offset (2026-11-26T10:00:00+01:00)")
        })
    }

    /// The instant, placing a bare date at its midnight in `tz`.
    pub fn instant(self, tz: &jiff::tz::TimeZone) -> jiff::Timestamp {
        match self {
            Now::Instant(t) => t,
            Now::Date(d) => d
                .to_zoned_datetime(tz.clone())
                .map(|z| z.timestamp())
                .unwrap_or(jiff::Timestamp::UNIX_EPOCH),
        }
    }
}

/// Whether `s` is usable as one URL path segment we generate: `a-z`, `0-9`, `-`, `_`.
pub fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
        && !s.starts_with('-')
}

/// Where a version stands on the build's date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum VersionStatus {
    /// The version in force: the highest published one already valid.
    Current,
    /// An older published version; a later one prevails.
    Superseded,
    /// Published, but it takes effect later (`valid_from` after the build date).
    Upcoming,
    /// A draft, not published (unless `--drafts`, where it is shown as a draft).
    Draft,
}

impl VersionStatus {
    /// The identifier templates see: `current`, `superseded`, `upcoming`, `draft`.
    pub fn as_str(self) -> &'static str {
        match self {
            VersionStatus::Current => "current",
            VersionStatus::Superseded => "superseded",
            VersionStatus::Upcoming => "upcoming",
            VersionStatus::Draft => "draft",
        }
    }
}

/// An entry of a Handlingsförteckning (`documents:`), with where it was written.
#[derive(Debug, Clone)]
pub struct ListedDocument {
    /// The document id as written.
    pub id: String,
    /// The line of the list entry.
    pub location: Location,
}

/// One version file of an agreement document: `agreements/<id>/<version>.md`.
#[derive(Debug, Clone)]
pub struct DocVersion {
    /// The version, from the file stem.
    pub version: Version,
    /// The document's title in this version.
    pub title: String,
    /// A one-sentence description (meta description, search results).
    pub description: Option<String>,
    /// Datum in the revision history.
    pub date: Date,
    /// Författare.
    pub author: String,
    /// Kommentar.
    pub comment: Option<String>,
    /// When the version takes effect (defaults to `date`).
    pub valid_from: Date,
    /// Whether the file is marked `draft: true`.
    pub draft: bool,
    /// Party names.
    pub parties: Vec<String>,
    /// The Handlingsförteckning, if this version makes the document an agreement.
    pub documents: Vec<ListedDocument>,
    /// Other titles the text uses for this document.
    pub aliases: Vec<String>,
    /// The source file.
    pub source: SourceFile,
    /// Byte offset of the Markdown body in `source.text`.
    pub body_offset: usize,
    /// Status on the build's date.
    pub status: VersionStatus,
    /// Whether this version gets pages (non-drafts, and drafts with `--drafts`).
    pub published: bool,
}

impl DocVersion {
    /// The Markdown body.
    pub fn body(&self) -> &str {
        &self.source.text[self.body_offset..]
    }
}

/// An agreement document with all its versions, oldest first.
#[derive(Debug, Clone)]
pub struct Document {
    /// The stable id, the folder name under `agreements/`.
    pub id: String,
    /// Every version file, sorted by version ascending.
    pub versions: Vec<DocVersion>,
    /// Index of the current version in `versions`, if one is in force.
    pub current: Option<usize>,
}

impl Document {
    /// Sorts the versions and works out each one's status on `today`.
    ///
    /// A draft counts as published only with `--drafts`, and then is treated like the
    /// finished version it will become, so editors preview the site as it will be.
    pub fn new(id: String, mut versions: Vec<DocVersion>, today: Date, drafts: bool) -> Self {
        versions.sort_by(|a, b| a.version.cmp(&b.version));
        for v in &mut versions {
            v.published = !v.draft || drafts;
        }
        let current = current_on(&versions, today);
        for (i, v) in versions.iter_mut().enumerate() {
            v.status = if !v.published {
                VersionStatus::Draft
            } else if Some(i) == current {
                VersionStatus::Current
            } else if v.valid_from > today {
                VersionStatus::Upcoming
            } else {
                VersionStatus::Superseded
            };
        }
        Document {
            id,
            versions,
            current,
        }
    }

    /// The index of the version in force on `date`: the highest published version
    /// already valid then (the rule [`Document::new`] applies to the build's date).
    pub fn current_on(&self, date: Date) -> Option<usize> {
        current_on(&self.versions, date)
    }

    /// The versions that will become current after `today`, in the order they do, each
    /// from its `valid_from` (the dates increase). A version overtaken before it applies
    /// (a higher one valid as early) never becomes current and is not listed.
    pub fn changes_after(&self, today: Date) -> Vec<usize> {
        // Going down from the highest version: a version is current from its
        // `valid_from` exactly when every higher version applies later.
        let mut out = Vec::new();
        let mut higher_from: Option<Date> = None;
        for (i, v) in self.versions.iter().enumerate().rev() {
            if !v.published {
                continue;
            }
            if v.valid_from > today && higher_from.is_none_or(|h| v.valid_from < h) {
                out.push(i);
            }
            higher_from = Some(higher_from.map_or(v.valid_from, |h| h.min(v.valid_from)));
        }
        out.reverse();
        out
    }

    /// The version shown at `/avtal/<id>/`: the current one, else the first upcoming one.
    pub fn main_version(&self) -> Option<&DocVersion> {
        self.main_index().map(|i| &self.versions[i])
    }

    /// The published versions, oldest first.
    pub fn published(&self) -> impl Iterator<Item = &DocVersion> {
        self.versions.iter().filter(|v| v.published)
    }

    /// The document's title: that of its main version, else of its latest file.
    pub fn title(&self) -> &str {
        self.main_version()
            .or(self.versions.last())
            .map_or(self.id.as_str(), |v| v.title.as_str())
    }

    /// The version with this exact number, if any.
    pub fn version(&self, version: &Version) -> Option<&DocVersion> {
        self.versions.iter().find(|v| &v.version == version)
    }

    /// The Handlingsförteckning of the main version (empty if not an agreement).
    pub fn listed(&self) -> &[ListedDocument] {
        self.main_version().map_or(&[], |v| v.documents.as_slice())
    }

    /// The index in `versions` of the version shown at `/avtal/<id>/` (see
    /// [`Document::main_version`]).
    pub fn main_index(&self) -> Option<usize> {
        self.current
            .or_else(|| self.versions.iter().position(|v| v.published))
    }

    /// The published version before version `v` (an index in `versions`): what the
    /// change view of `v` compares with; without one, `v` has no change view.
    pub fn previous_published(&self, v: usize) -> Option<&DocVersion> {
        self.versions[..v].iter().rev().find(|p| p.published)
    }
}

/// See [`Document::current_on`].
fn current_on(versions: &[DocVersion], date: Date) -> Option<usize> {
    versions
        .iter()
        .rposition(|v| v.published && v.valid_from <= date)
}

/// What a content page is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PageKind {
    /// `content/_index.md`.
    Start,
    /// `content/<dir>/_index.md`: lists the pages of its folder.
    Section,
    /// Any other `.md` file.
    Page,
}

/// A Markdown page under `content/`.
#[derive(Debug, Clone)]
pub struct Page {
    /// Start, section or plain page.
    pub kind: PageKind,
    /// The site path, e.g. `/anslutning/kommun/` (without the base path).
    pub url_path: String,
    /// The page title (its `<h1>`).
    pub title: String,
    /// Meta description.
    pub description: Option<String>,
    /// Order in menus and lists; lower first.
    pub weight: Option<i64>,
    /// Optional date.
    pub date: Option<Date>,
    /// Whether the page is a draft.
    pub draft: bool,
    /// Whether the page gets published (drafts only with `--drafts`).
    pub published: bool,
    /// The source file.
    pub source: SourceFile,
    /// Byte offset of the Markdown body in `source.text`.
    pub body_offset: usize,
}

impl Page {
    /// The Markdown body.
    pub fn body(&self) -> &str {
        &self.source.text[self.body_offset..]
    }

    /// The site path of the section this page belongs to (`/` for top-level pages).
    pub fn parent_path(&self) -> Option<&str> {
        if self.kind == PageKind::Start {
            return None;
        }
        let trimmed = self.url_path.trim_end_matches('/');
        trimmed.rfind('/').map(|i| &self.url_path[..=i])
    }
}

/// Sort key for menus and child lists: by weight (unweighted last), then title.
pub fn menu_order(weight: Option<i64>, title: &str) -> (i64, String) {
    (weight.unwrap_or(i64::MAX), title.to_lowercase())
}

/// Everything the portal consists of, loaded and typed.
#[derive(Debug, Clone)]
pub struct Portal {
    /// The validated `portal.yaml`, with command-line overrides applied.
    pub config: Config,
    /// Agreement documents, sorted by id.
    pub documents: Vec<Document>,
    /// Content pages, sorted by source path.
    pub pages: Vec<Page>,
    /// Operations notices, sorted by source path.
    pub notices: Vec<crate::notices::Notice>,
    /// The list of personal-data types, if the portal has one.
    pub data_list: Option<crate::datalist::DataList>,
    /// The build's date in the portal's time zone.
    pub today: Date,
    /// The build's instant.
    pub now: jiff::Timestamp,
}

impl Portal {
    /// Whether the portal publishes operations information: it has notices, or an
    /// introduction for the (still empty) list.
    pub fn has_notices(&self) -> bool {
        !self.notices.is_empty()
            || self
                .pages
                .iter()
                .any(|p| p.published && p.source.rel_path == crate::notices::NOTICES_INTRO)
    }

    /// Whether the portal publishes `/avtal/` (and its feed): it has agreement
    /// documents, or an introduction for the (still empty) page.
    pub fn has_agreements(&self) -> bool {
        !self.documents.is_empty()
            || self
                .pages
                .iter()
                .any(|p| p.published && p.source.rel_path == crate::routes::AGREEMENTS_INTRO)
    }

    /// The document with this id.
    pub fn document(&self, id: &str) -> Option<&Document> {
        self.document_index(id).map(|i| &self.documents[i])
    }

    /// The index in `documents` of the document with this id.
    pub fn document_index(&self, id: &str) -> Option<usize> {
        self.documents
            .binary_search_by(|d| d.id.as_str().cmp(id))
            .ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(s: &str) -> Version {
        Version::parse(s).unwrap()
    }

    #[test]
    fn versions_order_numerically() {
        assert!(v("1.10") > v("1.9"));
        assert!(v("2.0") > v("1.99"));
        assert_eq!(v("1"), v("1.0"));
        assert!(v("1.0.1") > v("1.0"));
    }

    #[test]
    fn rejects_bad_versions() {
        for bad in ["", "a", "1.", ".1", "1..2", "v1", "1.0-rc", "+1", "1 .0"] {
            assert!(Version::parse(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn next_versions() {
        assert_eq!(v("1.2").next_minor().as_str(), "1.3");
        assert_eq!(v("1.9").next_minor().as_str(), "1.10");
        assert_eq!(v("2").next_minor().as_str(), "2.1");
        assert_eq!(v("1.2").next_major().as_str(), "2.0");
    }

    fn version_from(version: &str, valid_from: &str, draft: bool) -> DocVersion {
        let date: Date = valid_from.parse().unwrap();
        DocVersion {
            version: v(version),
            title: "Villkor".into(),
            description: None,
            date,
            author: "F".into(),
            comment: None,
            valid_from: date,
            draft,
            parties: Vec::new(),
            documents: Vec::new(),
            aliases: Vec::new(),
            source: SourceFile::markdown(format!("agreements/villkor/{version}.md"), String::new()),
            body_offset: 0,
            status: VersionStatus::Draft,
            published: false,
        }
    }

    #[test]
    fn versions_become_current_in_order_unless_overtaken() {
        let today: Date = "2026-11-26".parse().unwrap();
        let doc = Document::new(
            "villkor".into(),
            vec![
                version_from("1.0", "2024-01-01", false),
                version_from("2.0", "2027-06-01", false),
                // Applies before 2.0 and prevails over it: 2.0 never becomes current.
                version_from("3.0", "2027-03-01", false),
                version_from("4.0", "2028-01-01", true),
                version_from("5.0", "2028-06-01", false),
                // The same day as 5.0: the higher version prevails that day.
                version_from("5.1", "2028-06-01", false),
            ],
            today,
            false,
        );
        assert_eq!(doc.current, Some(0));
        assert_eq!(doc.changes_after(today), [2, 5]);
        assert_eq!(doc.current_on("2027-06-01".parse().unwrap()), Some(2));
        assert_eq!(doc.current_on("2028-06-01".parse().unwrap()), Some(5));
        assert_eq!(
            doc.changes_after("2028-06-01".parse().unwrap()),
            [] as [usize; 0]
        );
    }

    #[test]
    fn slugs() {
        assert!(is_slug("allmanna-villkor"));
        assert!(!is_slug("Allmänna"));
        assert!(!is_slug("-a"));
        assert!(!is_slug(""));
    }
}
