//! The stretches of time in which each time-dependent statement of a page holds: when a
//! document's versions take effect, a notice's status over time, and the `data-from` /
//! `data-until` attributes `clock.js` reads. The page builders of the other modules of
//! `views` ask this one; boundaries are worked out here only.

use std::fmt::Write as _;

use jiff::Timestamp;
use jiff::tz::TimeZone;

use super::{SiteIndex, ViewInput, link};
use crate::model::document::Document;
use crate::model::notice::{Notice, NoticeStatus};
use crate::model::paths::{changes_path, version_path};
use crate::model::portal::Portal;
use crate::model::time::{Date, date_in, iso_local};
use crate::model::version::VersionStatus;
use crate::render::theme::api::{
    DocumentView, LinkView, ListedState, NextVersion, StatusState, SummaryState, VersionState, When,
};

// Time-dependent statements (SPEC §6 "True over time"). A page states what holds at the
// build's time, and also every other thing its known future holds: each alternative
// carries the stretch of time in which it is true (`When`), and `clock.js` shows the one
// true at the reader's time. Only stretches from the build's time on are rendered.

/// A stretch of time from the build's time on in which a statement says one thing: from
/// `from` (`None`: the build's time) until `until` (`None`: for good).
pub(super) struct Span<S> {
    pub(super) from: Option<Timestamp>,
    pub(super) until: Option<Timestamp>,
    pub(super) state: S,
}

/// Splits the time from `now` on at `boundaries` (ascending, all after `now`) and gives
/// each stretch the state at its start, merging neighbours that say the same.
fn spans<S: PartialEq>(
    now: Timestamp,
    boundaries: &[Timestamp],
    state_at: impl Fn(Timestamp) -> S,
) -> Vec<Span<S>> {
    let mut out = vec![Span {
        from: None,
        until: None,
        state: state_at(now),
    }];
    for &at in boundaries {
        let state = state_at(at);
        if let Some(last) = out.last_mut() {
            if last.state == state {
                continue;
            }
            last.until = Some(at);
        }
        out.push(Span {
            from: Some(at),
            until: None,
            state,
        });
    }
    out
}

/// The times after `now` among `times`, ascending, each once.
fn after(now: Timestamp, times: impl Iterator<Item = Timestamp>) -> Vec<Timestamp> {
    let mut out: Vec<Timestamp> = times.filter(|&t| t > now).collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// How a page carries `span`: times in the portal's time zone with their offset.
pub(super) fn when<S>(span: &Span<S>, tz: &TimeZone) -> When {
    let from = span.from.map(|t| iso_local(t, tz));
    let until = span.until.map(|t| iso_local(t, tz));
    let mut attrs = String::new();
    if let Some(from) = &from {
        let _ = write!(attrs, " data-from=\"{from}\"");
    }
    if let Some(until) = &until {
        let _ = write!(attrs, " data-until=\"{until}\"");
    }
    if from.is_some() {
        attrs.push_str(" hidden");
    }
    When {
        hidden: from.is_some(),
        from,
        until,
        attrs,
    }
}

/// When the standing of one document changes after the build: the moments its
/// versions take effect (`Document::starts_after`), each with the day that begins then,
/// so that what holds at a moment is what the document's rules say for that day. The
/// version in force and the next one are worked out once for each of these days, so a
/// page asks in constant time whatever the number of versions.
pub(super) struct DocTimeline {
    /// The moments, ascending, each once.
    boundaries: Vec<Timestamp>,
    /// The standing from the build's time (first) and from each boundary on.
    standings: Vec<Standing>,
}

/// What holds for a document on one day.
struct Standing {
    day: Date,
    /// The version in force.
    current: Option<usize>,
    /// The version that takes over from it, if one is known.
    next: Option<usize>,
}

/// How many of a document's changes after the build its pages state ahead. Each change
/// is one more alternative of every time-dependent statement on every page of the
/// document (which version is in force, each version's banner and status), so stating
/// them all would make a document with many upcoming versions grow as the square of
/// them (400 upcoming one-line versions wrote 119 MB, most of it banners nobody will
/// read before the next build). A portal is rebuilt at each change (`next-change`, the
/// scheduled workflow); after the last change stated, a page keeps saying what holds
/// from it, which is wrong only if that many changes pass with no build. See: issue 10.
pub(super) const CHANGES_AHEAD: usize = 12;

impl DocTimeline {
    pub(super) fn new(doc: &Document, now: Timestamp, tz: &TimeZone) -> Self {
        let mut starts: Vec<(Timestamp, Date)> = doc
            .starts_after(now, tz)
            .map(|(i, at)| (at, doc.versions[i].valid_from))
            .collect();
        starts.sort_unstable();
        starts.dedup();
        starts.truncate(CHANGES_AHEAD);
        let (boundaries, days): (Vec<Timestamp>, Vec<Date>) = starts.into_iter().unzip();
        let standings = std::iter::once(date_in(now, tz))
            .chain(days)
            .map(|day| Standing {
                day,
                current: doc.current_on(day),
                next: doc.next_after(day),
            })
            .collect();
        DocTimeline {
            boundaries,
            standings,
        }
    }

    /// The standing at `t`, a moment from the build's time on.
    fn at(&self, t: Timestamp) -> &Standing {
        &self.standings[self.boundaries.partition_point(|&at| at <= t)]
    }

    /// The day whose standing holds at `t`, a moment from the build's time on.
    fn day_at(&self, t: Timestamp) -> Date {
        self.at(t).day
    }

    /// Where version `v` of `doc` (the document of this timeline) stands at `t`.
    fn status_at(&self, doc: &Document, v: usize, t: Timestamp) -> VersionStatus {
        let standing = self.at(t);
        doc.status_on(v, standing.current, standing.day)
    }
}

/// The Swedish word for a version's status.
fn version_label(status: VersionStatus) -> &'static str {
    match status {
        VersionStatus::Current => "Gällande",
        VersionStatus::Superseded => "Ersatt",
        VersionStatus::Upcoming => "Kommande",
        VersionStatus::Draft => "Utkast",
    }
}

/// A link to version `v` of `doc`, titled `version 1.1`.
fn version_link(input: &ViewInput<'_>, doc: &Document, v: usize) -> LinkView {
    let version = &doc.versions[v].version;
    link(
        input,
        format!("version {version}"),
        &version_path(&doc.id, version.as_str()),
    )
}

/// Version `v` of `doc` as a version to come.
fn next_version(input: &ViewInput<'_>, doc: &Document, v: usize) -> NextVersion {
    let base = &input.portal.config.base_url;
    let version = &doc.versions[v];
    NextVersion {
        version: version.version.to_string(),
        valid_from: version.valid_from.to_string(),
        url: base.href(&version_path(&doc.id, version.version.as_str())),
        changes_url: doc
            .previous_published(v)
            .map(|_| base.href(&changes_path(&doc.id, version.version.as_str()))),
    }
}

/// What the page of version `v_index` of document `d` says about it over time.
pub(super) fn version_states(
    input: &ViewInput<'_>,
    index: &SiteIndex<'_>,
    d: usize,
    v_index: usize,
) -> Vec<VersionState> {
    let portal = input.portal;
    let doc = &portal.documents[d];
    let timeline = &index.timelines[d];
    let spans = spans(portal.now, &timeline.boundaries, |t| {
        let standing = timeline.at(t);
        let status = timeline.status_at(doc, v_index, t);
        let current = standing.current.filter(|&c| c != v_index);
        let next = match status {
            VersionStatus::Current => standing.next,
            _ => None,
        };
        (status, current, next)
    });
    spans
        .iter()
        .map(|span| {
            let (status, current, next) = span.state;
            VersionState {
                when: when(span, &portal.config.timezone),
                status: status.as_str(),
                label: version_label(status),
                current: current.map(|c| version_link(input, doc, c)),
                next: next.map(|n| next_version(input, doc, n)),
            }
        })
        .collect()
}

/// The status of version `v` of document `d` over time.
pub(super) fn status_states(
    portal: &Portal,
    index: &SiteIndex<'_>,
    d: usize,
    v: usize,
) -> Vec<StatusState> {
    let doc = &portal.documents[d];
    let timeline = &index.timelines[d];
    spans(portal.now, &timeline.boundaries, |t| {
        timeline.status_at(doc, v, t)
    })
    .iter()
    .map(|span| StatusState {
        when: when(span, &portal.config.timezone),
        status: span.state.as_str(),
        label: version_label(span.state),
    })
    .collect()
}

/// Which version of document `d` is in force over time.
pub(super) fn in_force_states(
    portal: &Portal,
    index: &SiteIndex<'_>,
    d: usize,
) -> Vec<ListedState> {
    let doc = &portal.documents[d];
    let timeline = &index.timelines[d];
    spans(portal.now, &timeline.boundaries, |t| timeline.at(t).current)
        .iter()
        .map(|span| {
            let current = span.state.map(|c| &doc.versions[c]);
            ListedState {
                when: when(span, &portal.config.timezone),
                version: current.map(|c| c.version.to_string()),
                date: current.map(|c| c.date.to_string()),
            }
        })
        .collect()
}

/// The version the main page of document `d` shows over time (`None` while it shows
/// none).
pub(super) fn main_spans(
    portal: &Portal,
    index: &SiteIndex<'_>,
    d: usize,
) -> Vec<Span<Option<usize>>> {
    let doc = &portal.documents[d];
    let timeline = &index.timelines[d];
    spans(portal.now, &timeline.boundaries, |t| {
        doc.main_on(timeline.day_at(t))
    })
}

/// A place in an agreement's list that a document holds for a stretch of time: an
/// agreement whose main page shows another version later lists other documents then.
pub(super) struct TimedMembership {
    /// The agreement, by index in `Portal::documents`.
    pub(super) agreement: usize,
    /// 1-based position in its list.
    pub(super) position: usize,
    /// The number of entries in the list.
    pub(super) total: usize,
    /// From when (`None`: the build's time).
    pub(super) from: Option<Timestamp>,
    /// Until when (`None`: for good).
    pub(super) until: Option<Timestamp>,
}

/// By listed document: its places in the lists of the agreements whose main page will
/// show another version (the others' lists hold for good, as the hierarchy has them),
/// each with its stretch; a place kept across versions is one stretch. The work is the
/// entries of those agreements' versions, once.
pub(super) fn changing_memberships(
    portal: &Portal,
    timelines: &[DocTimeline],
) -> std::collections::HashMap<usize, Vec<TimedMembership>> {
    let mut out: std::collections::HashMap<usize, Vec<TimedMembership>> = Default::default();
    for (a, doc) in portal.documents.iter().enumerate() {
        let timeline = &timelines[a];
        if timeline.boundaries.is_empty() {
            continue;
        }
        let spans = spans(portal.now, &timeline.boundaries, |t| {
            doc.main_on(timeline.day_at(t))
        });
        for span in spans {
            let Some(v) = span.state else { continue };
            let list = &doc.versions[v].documents;
            let mut seen = std::collections::HashSet::new();
            for (i, entry) in list.iter().enumerate() {
                let Some(target) = portal.document_index(&entry.id) else {
                    continue;
                };
                if target == a || !seen.insert(target) {
                    continue;
                }
                let places = out.entry(target).or_default();
                let (position, total) = (i + 1, list.len());
                match places.last_mut() {
                    // The same place, straight on from the stretch before.
                    Some(last)
                        if last.agreement == a
                            && (last.position, last.total) == (position, total)
                            && last.until == span.from =>
                    {
                        last.until = span.until;
                    }
                    _ => places.push(TimedMembership {
                        agreement: a,
                        position,
                        total,
                        from: span.from,
                        until: span.until,
                    }),
                }
            }
        }
    }
    out
}

/// Whether the main page of document `d` shows another version later.
pub(super) fn changes_later(timelines: &[DocTimeline], d: usize) -> bool {
    !timelines[d].boundaries.is_empty()
}

/// The current and upcoming versions of document `d` over time, for `/avtal/`.
pub(super) fn summary_states(
    input: &ViewInput<'_>,
    index: &SiteIndex<'_>,
    d: usize,
) -> Vec<SummaryState> {
    let portal = input.portal;
    let base = &portal.config.base_url;
    let doc = &portal.documents[d];
    let timeline = &index.timelines[d];
    spans(portal.now, &timeline.boundaries, |t| {
        let standing = timeline.at(t);
        (standing.current, doc.upcoming_on(standing.day))
    })
    .iter()
    .map(|span| {
        let (current, upcoming) = &span.state;
        let current = current.map(|c| &doc.versions[c]);
        SummaryState {
            when: when(span, &portal.config.timezone),
            version: current.map(|c| c.version.to_string()),
            date: current.map(|c| c.date.to_string()),
            url: current.map(|c| base.href(&version_path(&doc.id, c.version.as_str()))),
            upcoming: upcoming
                .iter()
                .map(|&u| next_version(input, doc, u))
                .collect(),
        }
    })
    .collect()
}

/// Whether a document page says something that changes after the build.
pub(super) fn document_timed(document: &DocumentView<'_>) -> bool {
    document.states.len() > 1
        || document.statuses.len() > 1
        || document.history.iter().any(|row| row.states.len() > 1)
        || document.documents.iter().any(|l| l.states.len() > 1)
        || (document.part_of.iter()).any(|m| m.when.from.is_some() || m.when.until.is_some())
}

/// The stretches of time in which notice `n`, a published one, has one status, from
/// `now` on.
pub(super) fn notice_spans(n: &Notice, now: Timestamp) -> Vec<Span<NoticeStatus>> {
    let boundaries = after(now, n.changes_after(now).map(|(at, _)| at));
    spans(now, &boundaries, |t| n.status(t))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ts(s: &str) -> Timestamp {
        s.parse().unwrap()
    }

    #[test]
    fn spans_start_at_the_build_and_merge_what_says_the_same() {
        let now = ts("2026-11-26T00:00:00Z");
        let b = [
            ts("2027-01-01T00:00:00Z"),
            ts("2027-02-01T00:00:00Z"),
            ts("2027-03-01T00:00:00Z"),
        ];
        // The state changes at the first and third boundary only.
        let state = |t: Timestamp| (t >= b[0]) as u8 + (t >= b[2]) as u8;
        let got: Vec<_> = spans(now, &b, state)
            .into_iter()
            .map(|s| (s.from, s.until, s.state))
            .collect();
        assert_eq!(
            got,
            [
                (None, Some(b[0]), 0),
                (Some(b[0]), Some(b[2]), 1),
                (Some(b[2]), None, 2)
            ]
        );
    }

    #[test]
    fn an_alternative_that_holds_later_is_hidden_and_carries_local_times() {
        let tz = TimeZone::get("Europe/Stockholm").unwrap();
        let span = Span {
            from: Some(ts("2027-06-30T22:00:00Z")),
            until: Some(ts("2027-12-31T23:00:00Z")),
            state: (),
        };
        let w = when(&span, &tz);
        assert_eq!(
            w.attrs,
            " data-from=\"2027-07-01T00:00:00+02:00\" data-until=\"2028-01-01T00:00:00+01:00\" hidden"
        );
        assert!(w.hidden);
        let now = Span {
            from: None,
            until: None,
            state: (),
        };
        assert_eq!(when(&now, &tz).attrs, "");
        assert!(!when(&now, &tz).hidden);
    }

    #[test]
    fn after_keeps_each_later_time_once_in_order() {
        let now = ts("2026-01-01T00:00:00Z");
        let (a, b) = (ts("2026-02-01T00:00:00Z"), ts("2026-03-01T00:00:00Z"));
        assert_eq!(
            after(now, [b, now, a, b, ts("2025-01-01T00:00:00Z")].into_iter()),
            [a, b]
        );
    }
}
