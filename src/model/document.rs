//! Agreement documents: every version file of a document, sorted, which of them is in
//! force on a given day, and the moments after the build at which that changes.
//!
//! The rules are stated once, by days ([`Document::current_on`], [`Document::status_on`],
//! [`Document::upcoming_on`]), and a version's day begins at midnight in the portal's time
//! zone ([`Document::starts_after`]): `load` decides each version's status for the build
//! with them, `analyze::schedule` finds the next change with them, and the views render
//! what each page says after the build with them.

use jiff::Timestamp;
use jiff::tz::TimeZone;

use crate::model::source::Source;
use crate::model::time::{Date, Now};
use crate::model::version::{Version, VersionStatus};
use crate::util::diag::Location;

/// An entry of a Handlingsförteckning (`documents:`), with where it was written.
#[derive(Debug, Clone)]
pub(crate) struct ListedDocument {
    /// The document id as written.
    pub(crate) id: String,
    /// The line of the list entry.
    pub(crate) location: Location,
}

/// One version file of an agreement document: `agreements/<id>/<version>.md`.
#[derive(Debug, Clone)]
pub(crate) struct DocVersion {
    /// The version, from the file stem.
    pub(crate) version: Version,
    /// The document's title in this version.
    pub(crate) title: String,
    /// A one-sentence description (meta description, search results).
    pub(crate) description: Option<String>,
    /// Datum in the revision history.
    pub(crate) date: Date,
    /// `author:`, "Författare" in the revision history.
    pub(crate) author: String,
    /// `comment:`, "Kommentar" in the revision history, if given.
    pub(crate) comment: Option<String>,
    /// When the version takes effect (defaults to `date`).
    pub(crate) valid_from: Date,
    /// Whether the file is marked `draft: true`.
    pub(crate) draft: bool,
    /// Party names.
    pub(crate) parties: Vec<String>,
    /// The Handlingsförteckning, if this version makes the document an agreement.
    pub(crate) documents: Vec<ListedDocument>,
    /// Other titles the text uses for this document.
    pub(crate) aliases: Vec<String>,
    /// The file and its body.
    pub(crate) source: Source,
    /// Status on the build's date.
    pub(crate) status: VersionStatus,
    /// Whether this version gets pages (non-drafts, and drafts with `--drafts`).
    pub(crate) published: bool,
}

/// An agreement document with all its versions, oldest first.
#[derive(Debug, Clone)]
pub(crate) struct Document {
    /// The stable id, the folder name under `agreements/`.
    pub(crate) id: String,
    /// Every version file, sorted by version ascending.
    pub(crate) versions: Vec<DocVersion>,
    /// Index of the current version in `versions`, if one is in force.
    pub(crate) current: Option<usize>,
}

impl Document {
    /// Sorts the versions and works out each one's status on `today`.
    ///
    /// A draft counts as published only with `--drafts`, and then is treated like the
    /// finished version it will become, so editors preview the site as it will be.
    pub(crate) fn new(
        id: String,
        mut versions: Vec<DocVersion>,
        today: Date,
        drafts: bool,
    ) -> Self {
        versions.sort_by(|a, b| a.version.cmp(&b.version));
        for v in &mut versions {
            v.published = !v.draft || drafts;
        }
        let current = current_on(&versions, today);
        for (i, v) in versions.iter_mut().enumerate() {
            v.status = status(v, i, current, today);
        }
        Document {
            id,
            versions,
            current,
        }
    }

    /// The index of the version in force on `date`: the highest published version
    /// already valid then (the rule [`Document::new`] applies to the build's date).
    pub(crate) fn current_on(&self, date: Date) -> Option<usize> {
        current_on(&self.versions, date)
    }

    /// Where version `i` stands on `date`: the rule [`Document::new`] applies to the
    /// build's date. `current` is the version in force on `date`, as
    /// [`Document::current_on`] gives it: callers asking for many versions on one day
    /// look it up once.
    pub(crate) fn status_on(&self, i: usize, current: Option<usize>, date: Date) -> VersionStatus {
        status(&self.versions[i], i, current, date)
    }

    /// The published versions not yet valid on `date`, soonest first.
    pub(crate) fn upcoming_on(&self, date: Date) -> Vec<usize> {
        let mut out: Vec<usize> = (self.versions.iter().enumerate())
            .filter(|(_, v)| v.published && v.valid_from > date)
            .map(|(i, _)| i)
            .collect();
        out.sort_by_key(|&i| self.versions[i].valid_from);
        out
    }

    /// The version that takes over from the one in force on `date`, if one is known.
    pub(crate) fn next_after(&self, date: Date) -> Option<usize> {
        self.changes_after(date).first().copied()
    }

    /// The published versions that take effect after `now`, in version order, each with
    /// the moment it does: midnight at the start of its `valid_from` in `tz` (as `--now
    /// 2026-11-26` is), where its day and so what the rules above say for it begins.
    /// These are the only moments after `now` at which the document's standing can
    /// change; a version overtaken before it applies is listed too (its page still
    /// changes: it is no longer upcoming).
    pub(crate) fn starts_after<'a>(
        &'a self,
        now: Timestamp,
        tz: &'a TimeZone,
    ) -> impl Iterator<Item = (usize, Timestamp)> + 'a {
        (self.versions.iter().enumerate())
            .filter(|(_, v)| v.published)
            .map(|(i, v)| (i, Now::Date(v.valid_from).instant(tz)))
            .filter(move |&(_, at)| at > now)
    }

    /// The versions that will become current after `today`, in the order they do, each
    /// from its `valid_from` (the dates increase). A version overtaken before it applies
    /// (a higher one valid as early) never becomes current and is not listed.
    pub(crate) fn changes_after(&self, today: Date) -> Vec<usize> {
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
    pub(crate) fn main_version(&self) -> Option<&DocVersion> {
        self.main_index().map(|i| &self.versions[i])
    }

    /// The index of the version `/avtal/<id>/` shows on `date`: the one in force, else
    /// the first published (the rule [`Document::main_index`] applies to the build's
    /// date).
    pub(crate) fn main_on(&self, date: Date) -> Option<usize> {
        self.current_on(date)
            .or_else(|| self.versions.iter().position(|v| v.published))
    }

    /// The published versions, oldest first.
    pub(crate) fn published(&self) -> impl Iterator<Item = &DocVersion> {
        self.versions.iter().filter(|v| v.published)
    }

    /// The document's title: that of its main version, else of its latest file.
    pub(crate) fn title(&self) -> &str {
        self.main_version()
            .or(self.versions.last())
            .map_or(self.id.as_str(), |v| v.title.as_str())
    }

    /// The version with this exact number, if any.
    pub(crate) fn version(&self, version: &Version) -> Option<&DocVersion> {
        self.versions.iter().find(|v| &v.version == version)
    }

    /// The index in `versions` of the version shown at `/avtal/<id>/` (see
    /// [`Document::main_version`]).
    pub(crate) fn main_index(&self) -> Option<usize> {
        self.current
            .or_else(|| self.versions.iter().position(|v| v.published))
    }

    /// The published version before version `v` (an index in `versions`): what the
    /// change view of `v` compares with; without one, `v` has no change view.
    pub(crate) fn previous_published(&self, v: usize) -> Option<&DocVersion> {
        self.versions[..v].iter().rev().find(|p| p.published)
    }
}

/// See [`Document::current_on`].
fn current_on(versions: &[DocVersion], date: Date) -> Option<usize> {
    versions
        .iter()
        .rposition(|v| v.published && v.valid_from <= date)
}

/// See [`Document::status_on`]; `current` is the version in force on `date`.
fn status(v: &DocVersion, i: usize, current: Option<usize>, date: Date) -> VersionStatus {
    if !v.published {
        VersionStatus::Draft
    } else if Some(i) == current {
        VersionStatus::Current
    } else if v.valid_from > date {
        VersionStatus::Upcoming
    } else {
        VersionStatus::Superseded
    }
}

/// Version `version` of Villkor, valid from `valid_from` (also its `date`), with no body:
/// for the unit tests of this module and of the stages that read versions.
#[cfg(test)]
pub(crate) fn test_version(version: &str, valid_from: &str, draft: bool) -> DocVersion {
    let date: Date = valid_from.parse().expect("a test date");
    DocVersion {
        version: Version::parse(version).expect("a test version"),
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
        source: Source::new(
            crate::util::source::SourceFile::markdown(
                format!("agreements/villkor/{version}.md"),
                String::new(),
            ),
            0,
        ),
        status: VersionStatus::Draft,
        published: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn version_from(version: &str, valid_from: &str, draft: bool) -> DocVersion {
        test_version(version, valid_from, draft)
    }

    /// Six versions, one of them a draft, as of 2026-11-26.
    fn villkor(today: Date) -> Document {
        Document::new(
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
        )
    }

    #[test]
    fn versions_become_current_in_order_unless_overtaken() {
        let today: Date = "2026-11-26".parse().unwrap();
        let doc = villkor(today);
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
    fn statuses_and_starts_follow_the_days() {
        let day = |s: &str| -> Date { s.parse().unwrap() };
        let today = day("2026-11-26");
        let doc = villkor(today);
        let statuses: Vec<VersionStatus> = doc.versions.iter().map(|v| v.status).collect();
        let on_today: Vec<VersionStatus> = (0..6)
            .map(|i| doc.status_on(i, doc.current_on(today), today))
            .collect();
        assert_eq!(statuses, on_today);
        assert_eq!(
            doc.status_on(1, doc.current_on(day("2027-03-01")), day("2027-03-01")),
            VersionStatus::Upcoming
        );
        assert_eq!(
            doc.status_on(1, doc.current_on(day("2027-06-01")), day("2027-06-01")),
            VersionStatus::Superseded
        );
        assert_eq!(doc.upcoming_on(today), [2, 1, 4, 5]);
        assert_eq!(doc.next_after(today), Some(2));
        assert_eq!(doc.next_after(day("2027-03-01")), Some(5));
        assert_eq!(doc.next_after(day("2028-06-01")), None);
        // Midnight in Stockholm: summer time on 1 June, winter time on 1 March.
        let tz = TimeZone::get("Europe/Stockholm").unwrap();
        let now: Timestamp = "2026-11-26T12:00:00+01:00".parse().unwrap();
        let starts: Vec<(usize, String)> = doc
            .starts_after(now, &tz)
            .map(|(i, at)| (i, at.to_string()))
            .collect();
        assert_eq!(
            starts,
            [
                (1, "2027-05-31T22:00:00Z".to_string()),
                (2, "2027-02-28T23:00:00Z".to_string()),
                (4, "2028-05-31T22:00:00Z".to_string()),
                (5, "2028-05-31T22:00:00Z".to_string())
            ]
        );
    }
}
