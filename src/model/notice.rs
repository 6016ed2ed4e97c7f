//! Operations notices (SPEC §4.4): what a notice is about, which environments it
//! affects, its status at any time, and the moments after the build at which what the
//! site shows of it changes ([`Notice::changes_after`], used by `analyze::schedule` for
//! the next change and by the views for what each page says after the build).
//!
//! Plain data and the rules about it; the feeds that publish notices (Atom, iCalendar)
//! are written in `emit`.

use jiff::{SignedDuration, Timestamp};

use crate::model::source::Source;

/// What a notice is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum NoticeKind {
    /// `planerat-underhall`: a maintenance window announced in advance.
    PlannedMaintenance,
    /// `storning`: a disturbance.
    Disturbance,
    /// `information`: anything else operations wants to say.
    Information,
}

impl NoticeKind {
    /// Every kind, as written in front matter.
    pub const NAMES: [&'static str; 3] = ["planerat-underhall", "storning", "information"];

    /// Parses the front-matter value.
    pub fn parse(text: &str) -> Option<NoticeKind> {
        match text {
            "planerat-underhall" => Some(NoticeKind::PlannedMaintenance),
            "storning" => Some(NoticeKind::Disturbance),
            "information" => Some(NoticeKind::Information),
            _ => None,
        }
    }

    /// The front-matter value, also used as a CSS class.
    pub(crate) fn id(self) -> &'static str {
        Self::NAMES[self as usize]
    }

    /// The Swedish label.
    pub(crate) fn label(self) -> &'static str {
        match self {
            NoticeKind::PlannedMaintenance => "Planerat underhåll",
            NoticeKind::Disturbance => "Driftstörning",
            NoticeKind::Information => "Information",
        }
    }
}

/// An environment of the service.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Environment {
    /// `produktion`.
    Production,
    /// `test`.
    Test,
}

impl Environment {
    /// Every environment, as written in front matter.
    pub(crate) const NAMES: [&'static str; 2] = ["produktion", "test"];

    /// Parses the front-matter value.
    pub fn parse(text: &str) -> Option<Environment> {
        match text {
            "produktion" => Some(Environment::Production),
            "test" => Some(Environment::Test),
            _ => None,
        }
    }

    /// The Swedish label.
    pub(crate) fn label(self) -> &'static str {
        match self {
            Environment::Production => "Produktionsmiljön",
            Environment::Test => "Testmiljön",
        }
    }
}

/// Where a notice stands at the build's time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum NoticeStatus {
    /// Happening now.
    Ongoing,
    /// Starts later.
    Upcoming,
    /// Over (ended or resolved).
    Ended,
}

impl NoticeStatus {
    /// The identifier templates see.
    pub(crate) fn id(self) -> &'static str {
        match self {
            NoticeStatus::Ongoing => "ongoing",
            NoticeStatus::Upcoming => "upcoming",
            NoticeStatus::Ended => "ended",
        }
    }

    /// The Swedish label for a notice of `kind`: a disturbance that is over is fixed,
    /// a maintenance window that is over is done.
    pub(crate) fn label(self, kind: NoticeKind) -> &'static str {
        match (self, kind) {
            (NoticeStatus::Ongoing, _) => "Pågående",
            (NoticeStatus::Upcoming, _) => "Kommande",
            (NoticeStatus::Ended, NoticeKind::Disturbance) => "Åtgärdad",
            (NoticeStatus::Ended, NoticeKind::PlannedMaintenance) => "Genomfört",
            (NoticeStatus::Ended, NoticeKind::Information) => "Avslutad",
        }
    }
}

/// What happens to a notice at a moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum NoticeChange {
    /// Held back until its `published` time, it is shown from then on.
    Published,
    /// It starts.
    Begins,
    /// It ends.
    Ends,
    /// A disturbance is resolved.
    Resolved,
}

/// An operations notice: `content/driftinformation/<name>.md`.
#[derive(Debug, Clone)]
pub(crate) struct Notice {
    /// The site path, `/driftinformation/<name>/`.
    pub(crate) url_path: String,
    pub(crate) title: String,
    /// Meta description.
    pub(crate) description: Option<String>,
    /// What it is about.
    pub(crate) kind: NoticeKind,
    /// When it starts.
    pub(crate) start: Timestamp,
    /// When it ends, if known.
    pub(crate) end: Option<Timestamp>,
    /// When a disturbance was resolved.
    pub(crate) resolved: Option<Timestamp>,
    /// When the notice was first published (default: `start`).
    pub(crate) published_at: Timestamp,
    /// When the notice was last changed (default: the latest of published and resolved).
    pub(crate) updated: Timestamp,
    /// The environments affected.
    pub(crate) environments: Vec<Environment>,
    /// The components affected.
    pub(crate) components: Vec<String>,
    /// Whether it is a draft.
    pub(crate) draft: bool,
    /// Whether it is published: not a draft and not scheduled for later (`published`
    /// after the build's time), unless `--drafts`.
    pub(crate) published: bool,
    /// The file and its body.
    pub(crate) source: Source,
}

impl Notice {
    /// The notice's status at `now`.
    pub(crate) fn status(&self, now: Timestamp) -> NoticeStatus {
        let over = self.resolved.is_some_and(|r| r <= now) || self.end.is_some_and(|e| e <= now);
        if over {
            NoticeStatus::Ended
        } else if self.start > now {
            NoticeStatus::Upcoming
        } else {
            NoticeStatus::Ongoing
        }
    }

    /// When the notice is published, if it is held back until then: not a draft, and
    /// its `published` time after the build's (see `load::notices`).
    pub(crate) fn held_back_until(&self) -> Option<Timestamp> {
        (!self.published && !self.draft).then_some(self.published_at)
    }

    /// What the site shows of the notice at `t`: its status, or `None` while it is not
    /// shown at all (a draft without `--drafts`, or one held back until its `published`
    /// time, see `load::notices`).
    pub(crate) fn shown_at(&self, t: Timestamp) -> Option<NoticeStatus> {
        let shown = self.published || (!self.draft && self.published_at <= t);
        shown.then(|| self.status(t))
    }

    /// The moments after `now` at which what the site shows of the notice changes
    /// ([`Notice::shown_at`]), each with what happens then, in the order published,
    /// begins, ends, resolved. A moment that changes nothing (an end after the notice
    /// was resolved, a start before it is published) is left out.
    pub(crate) fn changes_after(
        &self,
        now: Timestamp,
    ) -> impl Iterator<Item = (Timestamp, NoticeChange)> + '_ {
        [
            (self.held_back_until(), NoticeChange::Published),
            (Some(self.start), NoticeChange::Begins),
            (self.end, NoticeChange::Ends),
            (self.resolved, NoticeChange::Resolved),
        ]
        .into_iter()
        .filter_map(move |(at, change)| {
            let at = at.filter(|&t| t > now)?;
            let before = at.checked_sub(SignedDuration::from_nanos(1)).ok()?;
            (self.shown_at(before) != self.shown_at(at)).then_some((at, change))
        })
    }

    /// The file name without `.md`: the stable part of its URL and feed ids.
    pub(crate) fn slug(&self) -> &str {
        self.url_path
            .trim_end_matches('/')
            .rsplit('/')
            .next()
            .unwrap_or_default()
    }
}

/// Orders notices for the list: ongoing, then upcoming (soonest first), then the archive
/// (newest first).
pub(crate) fn list_order(notices: &mut [&Notice], now: Timestamp) {
    notices.sort_by(|a, b| {
        let (sa, sb) = (a.status(now), b.status(now));
        sa.cmp(&sb)
            .then_with(|| match sa {
                NoticeStatus::Upcoming => a.start.cmp(&b.start),
                _ => b.start.cmp(&a.start),
            })
            .then_with(|| a.url_path.cmp(&b.url_path))
    });
}

/// A published planned maintenance `X` from `start`, with no body: for the unit tests
/// of this module and of the stages that read notices.
#[cfg(test)]
pub(crate) fn test_notice(start: &str, end: Option<&str>, resolved: Option<&str>) -> Notice {
    let t = |s: &str| -> Timestamp { s.parse().expect("a test time") };
    Notice {
        url_path: "/driftinformation/x/".into(),
        title: "X".into(),
        description: None,
        kind: NoticeKind::PlannedMaintenance,
        start: t(start),
        end: end.map(t),
        resolved: resolved.map(t),
        published_at: t(start),
        updated: t(start),
        environments: vec![Environment::Production],
        components: vec![],
        draft: false,
        published: true,
        source: Source::new(
            crate::util::source::SourceFile::new("content/driftinformation/x.md", String::new()),
            0,
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::test_notice as notice;
    use super::*;

    fn t(s: &str) -> Timestamp {
        s.parse().unwrap()
    }

    #[test]
    fn status_before_during_and_after() {
        let n = notice(
            "2026-03-29T01:00:00+01:00",
            Some("2026-03-29T04:00:00+02:00"),
            None,
        );
        assert_eq!(
            n.status(t("2026-03-29T00:59:59+01:00")),
            NoticeStatus::Upcoming
        );
        assert_eq!(
            n.status(t("2026-03-29T01:00:00+01:00")),
            NoticeStatus::Ongoing
        );
        // 04:00 summer time is 02:00 UTC: one second before, still ongoing.
        assert_eq!(n.status(t("2026-03-29T01:59:59Z")), NoticeStatus::Ongoing);
        assert_eq!(n.status(t("2026-03-29T02:00:00Z")), NoticeStatus::Ended);
        let open = notice(
            "2026-01-01T10:00:00+01:00",
            None,
            Some("2026-01-01T12:00:00+01:00"),
        );
        assert_eq!(
            open.status(t("2026-01-01T11:00:00+01:00")),
            NoticeStatus::Ongoing
        );
        assert_eq!(
            open.status(t("2026-01-01T12:00:00+01:00")),
            NoticeStatus::Ended
        );
    }

    #[test]
    fn only_moments_that_change_what_is_shown_are_changes() {
        let now = t("2026-12-01T00:00:00+01:00");
        let changes =
            |n: &Notice| -> Vec<(Timestamp, NoticeChange)> { n.changes_after(now).collect() };
        let mut n = notice(
            "2026-12-10T18:00:00+01:00",
            Some("2026-12-10T20:00:00+01:00"),
            Some("2026-12-10T19:00:00+01:00"),
        );
        assert_eq!(
            changes(&n),
            [
                (t("2026-12-10T18:00:00+01:00"), NoticeChange::Begins),
                (t("2026-12-10T19:00:00+01:00"), NoticeChange::Resolved)
            ]
        );
        // Held back until after it was resolved: only its publication changes the site.
        n.published = false;
        n.published_at = t("2026-12-11T08:00:00+01:00");
        assert_eq!(n.shown_at(now), None);
        assert_eq!(
            changes(&n),
            [(t("2026-12-11T08:00:00+01:00"), NoticeChange::Published)]
        );
        assert_eq!(n.shown_at(n.published_at), Some(NoticeStatus::Ended));
        // A draft is never shown without `--drafts`.
        n.draft = true;
        assert_eq!(changes(&n), []);
    }
}
