//! The next change: the first moment after the build's time at which anything a build
//! renders comes out differently, with every reason that falls on that moment, so CI can
//! rebuild exactly then (`build`'s summary, `--format json`, `manifest.json` and the
//! `next-change` command all report the value of [`next_change`]).
//!
//! What a build renders depends on its time (`--now`) in exactly these places, and
//! nowhere else (see the uses of `Portal::now` and `Portal::today`):
//!
//! - a document version's status (`Document::new`): a published version takes effect at
//!   midnight at the start of its `valid_from` in the portal's time zone (the rule `load`
//!   uses for `--now 2026-11-26`); the current version, the banners and `/avtal/` change
//!   with it;
//! - a notice's status (`Notice::status`: `start`, `end`, `resolved`, each boundary
//!   already past at its own instant) and whether it is shown at all (`published` in the
//!   future holds it back, `load::notices`); the notice list, the start page, the
//!   disturbance banner on every page, the "latest" list and the feeds follow from these.
//!
//! The moments themselves are worked out in `model` (`Document::starts_after`,
//! `Notice::changes_after`), which the views also use to render what each page says
//! after the build, so the next change and the pages cannot disagree.
//!
//! Time stamps of the build itself are not changes: `site.today` (for themes; the
//! default theme does not show it), the `date` of `personuppgifter.json`. The data list's
//! `since` and `until` are shown as written, whatever the date, and drafts do not count
//! unless they are published (`--drafts`).
//!
//! A boundary is reported only if something changes there: a notice that ends before it
//! is published, or is resolved before its `end`, has no change at the later instant.

use jiff::{Timestamp, ZonedDateTime};
use serde::Serialize;

use crate::load::LoadOptions;
use crate::model::document::Document;
use crate::model::notice::{Notice, NoticeChange};
use crate::model::portal::Portal;
use crate::model::time::short_time;
use crate::util::diag::Diagnostic;
use crate::util::i18n::{Lang, Text, msg};

/// Why the site changes at a moment: a source file and what happens to it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Reason {
    /// The source file, relative to the portal root (as in diagnostics).
    pub path: String,
    /// What happens, e.g. `Planerat underhåll i december begins`, in both languages;
    /// in English in JSON, which machines read.
    #[serde(serialize_with = "in_english")]
    pub what: Text,
}

fn in_english<S: serde::Serializer>(text: &Text, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(text.get(Lang::En))
}

/// The next moment at which the rendered site changes, and every reason at that moment.
#[derive(Debug, Clone, PartialEq)]
pub struct NextChange {
    /// The moment, in the portal's time zone.
    pub at: ZonedDateTime,
    /// Sorted by path, then text.
    pub reasons: Vec<Reason>,
}

impl NextChange {
    /// RFC 3339 with the portal's offset at that moment: `2027-07-01T00:00:00+02:00`
    /// (fractional seconds only when the source had them).
    pub fn rfc3339(&self) -> String {
        self.at.strftime("%Y-%m-%dT%H:%M:%S%.f%:z").to_string()
    }

    /// The moment for people, in the portal's time zone: `2026-12-10 18:00`.
    pub fn short(&self) -> String {
        short_time(&self.at)
    }

    /// The reasons in one phrase: `A`, `A and B`, or `A and 4 more`.
    pub fn describe(&self) -> Text {
        match self.reasons.as_slice() {
            [] => Text::from(""),
            [one] => one.what.clone(),
            [a, b] => Text::list([a.what.clone(), b.what.clone()]),
            [first, rest @ ..] => Text::from(msg!(
                "next-change-and-more",
                first = first.what.clone(),
                more = rest.len(),
            )),
        }
    }

    /// `{"at": …, "reasons": [{"path": …, "what": …}]}`.
    pub(crate) fn to_json(&self) -> serde_json::Value {
        serde_json::json!({
            "at": self.rfc3339(),
            "reasons": self.reasons,
        })
    }
}

/// `next_change` as JSON: the object, or `null` when nothing is scheduled.
pub fn json(next: Option<&NextChange>) -> serde_json::Value {
    next.map_or(serde_json::Value::Null, NextChange::to_json)
}

/// What the `next-change` command found.
#[derive(Debug)]
pub struct Found {
    /// The next change; `None` when nothing is scheduled, or when loading found errors
    /// (a file that could not be read may hold the next change).
    pub next_change: Option<NextChange>,
    /// The digest of every source the portal is built from (as `manifest.json` gives
    /// it); `None` when `portal.yaml` could not be read.
    pub sources: Option<String>,
    /// The problems loading found, sorted.
    pub diagnostics: Vec<Diagnostic>,
    /// The portal's language, for the answer and the problems.
    pub lang: Lang,
}

/// Loads the portal and works out its next change, without rendering: the same answer
/// as `build` with the same root, `--now` and `--drafts` (rendering adds no boundary).
///
/// `Err` is for problems outside the content (I/O, a missing portal), as for `build`.
pub fn find(options: &LoadOptions) -> anyhow::Result<Found> {
    let loaded = crate::load::load_portal(options)?;
    let lang = loaded.lang();
    let failed = loaded.diagnostics.has_errors();
    let diagnostics = loaded.diagnostics.into_sorted();
    let next_change = loaded
        .portal
        .as_ref()
        .filter(|_| !failed)
        .and_then(next_change);
    Ok(Found {
        next_change,
        sources: loaded.portal.map(|p| p.sources),
        diagnostics,
        lang,
    })
}

/// One boundary after the build's time.
struct Event {
    at: Timestamp,
    reason: Reason,
}

/// The first moment after `portal.now` at which the rendered site changes; `None` when
/// nothing the portal holds changes with time any more.
pub(crate) fn next_change(portal: &Portal) -> Option<NextChange> {
    let mut events = Vec::new();
    for doc in &portal.documents {
        version_events(portal, doc, &mut events);
    }
    for n in &portal.notices {
        notice_events(n, portal.now, &mut events);
    }
    let at = events.iter().map(|e| e.at).min()?;
    let mut reasons: Vec<Reason> = events
        .into_iter()
        .filter(|e| e.at == at)
        .map(|e| e.reason)
        .collect();
    reasons.sort_by(|a, b| (&a.path, &*a.what).cmp(&(&b.path, &*b.what)));
    reasons.dedup();
    Some(NextChange {
        at: at.to_zoned_datetime(portal.config.timezone.clone()),
        reasons,
    })
}

/// Each published version not yet in force takes effect at the start of its
/// `valid_from` (`Document::starts_after`). A later version already in force by then
/// supersedes it at once; the page still changes (it is no longer upcoming).
fn version_events(portal: &Portal, doc: &Document, out: &mut Vec<Event>) {
    for (i, at) in doc.starts_after(portal.now, &portal.config.timezone) {
        let v = &doc.versions[i];
        let superseded = if doc.current_on(v.valid_from) == Some(i) {
            "no"
        } else {
            "yes"
        };
        let what = Text::from(msg!(
            "next-change-takes-effect",
            title = &v.title,
            version = v.version.to_string(),
            superseded = superseded,
        ));
        out.push(Event {
            at,
            reason: Reason {
                path: v.source.file.rel_path.clone(),
                what,
            },
        });
    }
}

/// A notice changes where what the site shows of it changes (`Notice::changes_after`):
/// whether it is shown, and its status.
fn notice_events(n: &Notice, now: Timestamp, out: &mut Vec<Event>) {
    for (at, change) in n.changes_after(now) {
        let event = match change {
            NoticeChange::Published => "published",
            NoticeChange::Begins => "begins",
            NoticeChange::Ends => "ends",
            NoticeChange::Resolved => "resolved",
        };
        let what = msg!("next-change-notice", title = &n.title, event = event);
        out.push(Event {
            at,
            reason: Reason {
                path: n.source.file.rel_path.clone(),
                what: Text::from(what),
            },
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::notice::{NoticeKind, test_notice};

    fn t(s: &str) -> Timestamp {
        s.parse().unwrap()
    }

    /// A disturbance `X`.
    fn notice(start: &str, end: Option<&str>, resolved: Option<&str>) -> Notice {
        let mut n = test_notice(start, end, resolved);
        n.kind = NoticeKind::Disturbance;
        n
    }

    fn events(n: &Notice, now: &str) -> Vec<(Timestamp, String)> {
        let mut out = Vec::new();
        notice_events(n, t(now), &mut out);
        out.into_iter()
            .map(|e| (e.at, e.reason.what.to_string()))
            .collect()
    }

    #[test]
    fn a_boundary_at_the_build_time_is_past() {
        let n = notice(
            "2026-12-10T18:00:00+01:00",
            Some("2026-12-10T20:00:00+01:00"),
            None,
        );
        assert_eq!(
            events(&n, "2026-12-10T17:59:59+01:00"),
            [
                (t("2026-12-10T18:00:00+01:00"), "X begins".to_string()),
                (t("2026-12-10T20:00:00+01:00"), "X ends".to_string())
            ]
        );
        assert_eq!(
            events(&n, "2026-12-10T18:00:00+01:00"),
            [(t("2026-12-10T20:00:00+01:00"), "X ends".to_string())]
        );
        assert!(events(&n, "2026-12-10T20:00:00+01:00").is_empty());
    }

    #[test]
    fn only_boundaries_that_change_something_count() {
        // Resolved before its end: the end changes nothing.
        let n = notice(
            "2026-12-10T18:00:00+01:00",
            Some("2026-12-10T20:00:00+01:00"),
            Some("2026-12-10T19:00:00+01:00"),
        );
        assert_eq!(
            events(&n, "2026-12-10T18:30:00+01:00"),
            [(t("2026-12-10T19:00:00+01:00"), "X is resolved".to_string())]
        );
        // Held back until after it ended: only its publication changes the site.
        let mut held = notice(
            "2026-12-10T18:00:00+01:00",
            Some("2026-12-10T20:00:00+01:00"),
            None,
        );
        held.published = false;
        held.published_at = t("2026-12-11T08:00:00+01:00");
        assert_eq!(
            events(&held, "2026-12-01T00:00:00+01:00"),
            [(t("2026-12-11T08:00:00+01:00"), "X is published".to_string())]
        );
        // A draft is never shown without `--drafts`.
        held.draft = true;
        assert!(events(&held, "2026-12-01T00:00:00+01:00").is_empty());
    }

    #[test]
    fn fractional_seconds_are_kept_and_whole_ones_are_not_padded() {
        let tz = jiff::tz::TimeZone::get("Europe/Stockholm").unwrap();
        let change = |at: &str| NextChange {
            at: t(at).to_zoned_datetime(tz.clone()),
            reasons: Vec::new(),
        };
        assert_eq!(
            change("2027-07-01T00:00:00+02:00").rfc3339(),
            "2027-07-01T00:00:00+02:00"
        );
        assert_eq!(
            change("2027-01-01T00:00:00.5+01:00").rfc3339(),
            "2027-01-01T00:00:00.5+01:00"
        );
        assert_eq!(
            change("2027-01-01T00:00:00+01:00").short(),
            "2027-01-01 00:00"
        );
    }

    #[test]
    fn reasons_are_summed_up() {
        let reason = |what: &str| Reason {
            path: "a.md".into(),
            what: what.into(),
        };
        let tz = jiff::tz::TimeZone::UTC;
        let mut change = NextChange {
            at: t("2027-01-01T00:00:00Z").to_zoned_datetime(tz),
            reasons: vec![reason("A")],
        };
        assert_eq!(change.describe(), "A");
        change.reasons.push(reason("B"));
        assert_eq!(change.describe(), "A and B");
        change.reasons.push(reason("C"));
        assert_eq!(change.describe(), "A and 2 more");
        assert_eq!(change.describe().get(Lang::Sv), "A och 2 till");
    }

    #[test]
    fn reasons_are_in_both_languages() {
        let n = notice("2026-12-10T18:00:00+01:00", None, None);
        let mut out = Vec::new();
        notice_events(&n, t("2026-12-01T00:00:00+01:00"), &mut out);
        let what = &out[0].reason.what;
        assert_eq!(
            (what.get(Lang::Sv), what.get(Lang::En)),
            ("X börjar", "X begins")
        );
        // JSON, for machines, is in English.
        assert_eq!(
            serde_json::to_value(&out[0].reason).unwrap()["what"],
            "X begins"
        );
    }
}
