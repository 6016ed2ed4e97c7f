//! Operations notices (SPEC §4.4): typed notices, their status at the build's time, and
//! the two feeds: Atom for every notice, iCalendar for the planned maintenance windows.
//!
//! Times are instants (RFC 3339 with offset in the sources) and are shown in the portal's
//! time zone; the feeds carry UTC, which every reader converts to local time correctly,
//! daylight saving included.

use std::fmt::Write as _;

use jiff::tz::TimeZone;
use jiff::{Timestamp, ZonedDateTime};

use crate::atom;
use crate::config::BaseUrl;
use crate::source::SourceFile;
use crate::source::is_forbidden_in_text;

/// The site path of the notice list.
pub const NOTICES_PATH: &str = "/driftinformation/";
/// The Atom feed of all notices.
pub const ATOM_PATH: &str = "/driftinformation/atom.xml";
/// The iCalendar file of planned maintenance windows.
pub const ICS_PATH: &str = "/driftinformation/underhall.ics";
/// The source of the list's title and introduction (optional).
pub const NOTICES_INTRO: &str = "content/driftinformation/_index.md";
/// The folder whose Markdown files are notices.
pub const NOTICES_DIR: &str = "content/driftinformation/";
/// The sentence `infoportal new notice` writes where the notice's text goes; a notice
/// that still has it is not finished (W0601).
pub const PLACEHOLDER: &str = "Ersätt den här texten med meddelandet.";

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
    pub fn id(self) -> &'static str {
        Self::NAMES[self as usize]
    }

    /// The Swedish label.
    pub fn label(self) -> &'static str {
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
    pub const NAMES: [&'static str; 2] = ["produktion", "test"];

    /// Parses the front-matter value.
    pub fn parse(text: &str) -> Option<Environment> {
        match text {
            "produktion" => Some(Environment::Production),
            "test" => Some(Environment::Test),
            _ => None,
        }
    }

    /// The Swedish label.
    pub fn label(self) -> &'static str {
        match self {
            Environment::Production => "Produktionsmiljön",
            Environment::Test => "Testmiljön",
        }
    }
}

/// Where a notice stands at the build's time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum NoticeStatus {
    /// Happening now.
    Ongoing,
    /// Starts later.
    Upcoming,
    /// Over (ended or resolved).
    Ended,
}

impl NoticeStatus {
    /// The identifier templates see.
    pub fn id(self) -> &'static str {
        match self {
            NoticeStatus::Ongoing => "ongoing",
            NoticeStatus::Upcoming => "upcoming",
            NoticeStatus::Ended => "ended",
        }
    }

    /// The Swedish label for a notice of `kind`: a disturbance that is over is fixed,
    /// a maintenance window that is over is done.
    pub fn label(self, kind: NoticeKind) -> &'static str {
        match (self, kind) {
            (NoticeStatus::Ongoing, _) => "Pågående",
            (NoticeStatus::Upcoming, _) => "Kommande",
            (NoticeStatus::Ended, NoticeKind::Disturbance) => "Åtgärdad",
            (NoticeStatus::Ended, NoticeKind::PlannedMaintenance) => "Genomfört",
            (NoticeStatus::Ended, NoticeKind::Information) => "Avslutad",
        }
    }
}

/// An operations notice: `content/driftinformation/<name>.md`.
#[derive(Debug, Clone)]
pub struct Notice {
    /// The site path, `/driftinformation/<name>/`.
    pub url_path: String,
    /// The title.
    pub title: String,
    /// Meta description.
    pub description: Option<String>,
    /// What it is about.
    pub kind: NoticeKind,
    /// When it starts.
    pub start: Timestamp,
    /// When it ends, if known.
    pub end: Option<Timestamp>,
    /// When a disturbance was resolved.
    pub resolved: Option<Timestamp>,
    /// When the notice was first published (default: `start`).
    pub published_at: Timestamp,
    /// When the notice was last changed (default: the latest of published and resolved).
    pub updated: Timestamp,
    /// The environments affected.
    pub environments: Vec<Environment>,
    /// The components affected.
    pub components: Vec<String>,
    /// Whether it is a draft.
    pub draft: bool,
    /// Whether it is published: not a draft and not scheduled for later (`published`
    /// after the build's time), unless `--drafts`.
    pub published: bool,
    /// The source file.
    pub source: SourceFile,
    /// Byte offset of the Markdown body.
    pub body_offset: usize,
}

impl Notice {
    /// The notice's status at `now`.
    pub fn status(&self, now: Timestamp) -> NoticeStatus {
        let over = self.resolved.is_some_and(|r| r <= now) || self.end.is_some_and(|e| e <= now);
        if over {
            NoticeStatus::Ended
        } else if self.start > now {
            NoticeStatus::Upcoming
        } else {
            NoticeStatus::Ongoing
        }
    }

    /// The file name without `.md`: the stable part of its URL and feed ids.
    pub fn slug(&self) -> &str {
        self.url_path
            .trim_end_matches('/')
            .rsplit('/')
            .next()
            .unwrap_or_default()
    }
}

/// Orders notices for the list: ongoing, then upcoming (soonest first), then the archive
/// (newest first).
pub fn list_order(notices: &mut [&Notice], now: Timestamp) {
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

const WEEKDAYS: [&str; 7] = [
    "måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag",
];
const MONTHS: [&str; 12] = [
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
];

/// A time in Swedish: `söndag 12 september 2021 kl. 06.00` (Språkrådet writes the
/// clock with a full stop).
pub fn swedish_time(t: Timestamp, tz: &TimeZone) -> String {
    swedish_zoned(&t.to_zoned_datetime(tz.clone()))
}

/// [`swedish_time`] of a time already in the portal's time zone.
pub fn swedish_zoned(z: &ZonedDateTime) -> String {
    format!("{} kl. {}", swedish_date(z), z.strftime("%H.%M"))
}

fn swedish_date(z: &ZonedDateTime) -> String {
    let weekday = WEEKDAYS[z.weekday().to_monday_zero_offset() as usize];
    format!(
        "{weekday} {} {} {}",
        z.day(),
        MONTHS[(z.month() - 1) as usize],
        z.year()
    )
}

/// A period in Swedish, the date written once when it is one day:
/// `söndag 17 januari 2027 kl. 06.00–10.00`.
pub fn swedish_period(start: Timestamp, end: Option<Timestamp>, tz: &TimeZone) -> String {
    let a = start.to_zoned_datetime(tz.clone());
    let Some(end) = end else {
        return format!("från {}", swedish_zoned(&a));
    };
    let b = end.to_zoned_datetime(tz.clone());
    if a.date() == b.date() {
        format!("{}–{}", swedish_zoned(&a), b.strftime("%H.%M"))
    } else {
        format!("{} – {}", swedish_zoned(&a), swedish_zoned(&b))
    }
}

/// A time in short form: `2021-09-12 06:00`.
pub fn short_time(z: &ZonedDateTime) -> String {
    z.strftime("%Y-%m-%d %H:%M").to_string()
}

/// The local time with its offset, for `<time datetime>`: `2021-09-12T06:00:00+02:00`.
pub fn iso_local(t: Timestamp, tz: &TimeZone) -> String {
    iso_zoned(&t.to_zoned_datetime(tz.clone()))
}

/// [`iso_local`] of a time already in the portal's time zone.
pub fn iso_zoned(z: &ZonedDateTime) -> String {
    z.strftime("%Y-%m-%dT%H:%M:%S%:z").to_string()
}

/// UTC for iCalendar: `20210912T040000Z`.
fn ics_utc(t: Timestamp) -> String {
    t.strftime("%Y%m%dT%H%M%SZ").to_string()
}

/// What the feeds need about the portal.
pub struct FeedSite<'a> {
    /// The portal's name.
    pub title: &'a str,
    /// Its address.
    pub base_url: &'a BaseUrl,
    /// The build's time, for the status words in entry summaries.
    pub now: Timestamp,
    /// The portal's time zone, for the times in entry summaries.
    pub timezone: &'a TimeZone,
}

/// The Atom 1.0 feed of all published notices, newest change first.
pub fn atom(site: &FeedSite<'_>, notices: &[&Notice]) -> String {
    let mut sorted: Vec<&&Notice> = notices.iter().collect();
    sorted.sort_by(|a, b| b.updated.cmp(&a.updated).then(a.url_path.cmp(&b.url_path)));
    let entries = sorted
        .into_iter()
        .map(|n| {
            let url = site.base_url.absolute(&n.url_path);
            atom::Entry {
                title: n.title.clone(),
                id: url.clone(),
                links: vec![atom::Link::alternate(url)],
                published: n.published_at,
                updated: n.updated,
                author: None,
                category: Some((n.kind.id().to_string(), n.kind.label().to_string())),
                summary: summary(n, site.timezone),
            }
        })
        .collect();
    atom::write(&atom::Feed {
        title: format!("Driftinformation – {}", site.title),
        url: site.base_url.absolute(ATOM_PATH),
        page_url: site.base_url.absolute(NOTICES_PATH),
        author: site.title,
        entries,
    })
}

/// One line saying what, when and where.
pub fn summary(n: &Notice, tz: &TimeZone) -> String {
    let mut s = format!("{}: {}", n.kind.label(), swedish_period(n.start, n.end, tz));
    if !n.environments.is_empty() {
        let envs: Vec<&str> = n.environments.iter().map(|e| e.label()).collect();
        let _ = write!(s, ". Berör {}", envs.join(" och ").to_lowercase());
    }
    if !n.components.is_empty() {
        let _ = write!(s, " ({})", n.components.join(", "));
    }
    if let Some(r) = n.resolved {
        let _ = write!(s, ". Åtgärdad {}", swedish_time(r, tz));
    }
    s.push('.');
    s
}

/// The iCalendar (RFC 5545) file of planned maintenance windows.
pub fn ics(site: &FeedSite<'_>, notices: &[&Notice]) -> String {
    let host = site.base_url.host();
    let mut lines: Vec<String> = vec![
        "BEGIN:VCALENDAR".into(),
        "VERSION:2.0".into(),
        format!("PRODID:-//infoportal//{}//SV", ics_text(site.title)),
        "CALSCALE:GREGORIAN".into(),
        "METHOD:PUBLISH".into(),
        format!(
            "X-WR-CALNAME:{}",
            ics_text(&format!("Planerat underhåll – {}", site.title))
        ),
    ];
    let mut windows: Vec<&&Notice> = notices
        .iter()
        .filter(|n| n.kind == NoticeKind::PlannedMaintenance && n.end.is_some())
        .collect();
    windows.sort_by(|a, b| a.start.cmp(&b.start).then(a.url_path.cmp(&b.url_path)));
    for n in windows {
        let end = n.end.unwrap_or(n.start);
        lines.push("BEGIN:VEVENT".into());
        lines.push(format!("UID:{}-{}@{}", "driftinformation", n.slug(), host));
        lines.push(format!("DTSTAMP:{}", ics_utc(n.updated)));
        lines.push(format!("DTSTART:{}", ics_utc(n.start)));
        lines.push(format!("DTEND:{}", ics_utc(end)));
        lines.push(format!("SUMMARY:{}", ics_text(&n.title)));
        lines.push(format!(
            "DESCRIPTION:{}",
            ics_text(&summary(n, site.timezone))
        ));
        lines.push(format!("URL:{}", site.base_url.absolute(&n.url_path)));
        if !n.components.is_empty() || !n.environments.is_empty() {
            let mut categories: Vec<String> =
                n.environments.iter().map(|e| ics_text(e.label())).collect();
            categories.extend(n.components.iter().map(|c| ics_text(c)));
            lines.push(format!("CATEGORIES:{}", categories.join(",")));
        }
        if n.resolved.is_some() {
            lines.push("STATUS:CONFIRMED".into());
        }
        lines.push("TRANSP:OPAQUE".into());
        lines.push("END:VEVENT".into());
    }
    lines.push("END:VCALENDAR".into());
    let mut out = String::new();
    for line in lines {
        fold_line(&mut out, &line);
    }
    out
}

/// Escapes TEXT values (RFC 5545 §3.3.11).
fn ics_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// Writes a content line folded at 75 octets, never inside a UTF-8 character, with CRLF.
/// Control characters but tab, which no iCalendar value may hold (RFC 5545 §3.1), and
/// U+FFFE and U+FFFF are left out.
fn fold_line(out: &mut String, line: &str) {
    let mut width = 0;
    let allowed = |c: char| c == '\t' || !(c.is_control() || is_forbidden_in_text(c));
    for c in line.chars().filter(|&c| allowed(c)) {
        let len = c.len_utf8();
        if width + len > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += len;
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Timestamp {
        s.parse().unwrap()
    }

    fn notice(start: &str, end: Option<&str>, resolved: Option<&str>) -> Notice {
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
            source: SourceFile::new("x.md", String::new()),
            body_offset: 0,
        }
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
    fn swedish_local_times_follow_daylight_saving() {
        let tz = TimeZone::get("Europe/Stockholm").unwrap();
        assert_eq!(
            swedish_time(t("2021-09-12T04:00:00Z"), &tz),
            "söndag 12 september 2021 kl. 06.00"
        );
        assert_eq!(
            swedish_time(t("2021-12-12T05:00:00Z"), &tz),
            "söndag 12 december 2021 kl. 06.00"
        );
        assert_eq!(
            swedish_period(
                t("2027-01-17T05:00:00Z"),
                Some(t("2027-01-17T09:00:00Z")),
                &tz
            ),
            "söndag 17 januari 2027 kl. 06.00–10.00"
        );
        assert_eq!(
            swedish_period(
                t("2026-11-02T08:00:00Z"),
                Some(t("2027-06-30T17:00:00Z")),
                &tz
            ),
            "måndag 2 november 2026 kl. 09.00 – onsdag 30 juni 2027 kl. 19.00"
        );
        assert_eq!(
            iso_local(t("2021-12-12T05:00:00Z"), &tz),
            "2021-12-12T06:00:00+01:00"
        );
        assert_eq!(
            iso_local(t("2021-09-12T04:00:00Z"), &tz),
            "2021-09-12T06:00:00+02:00"
        );
        let z = t("2021-09-12T04:05:00Z").to_zoned_datetime(tz.clone());
        assert_eq!(short_time(&z), "2021-09-12 06:05");
        assert_eq!(
            swedish_period(t("2027-01-17T05:00:00Z"), None, &tz),
            "från söndag 17 januari 2027 kl. 06.00"
        );
    }

    #[test]
    fn feeds_carry_utc() {
        assert_eq!(ics_utc(t("2021-09-12T06:00:00+02:00")), "20210912T040000Z");
    }

    #[test]
    fn ics_lines_are_folded_at_75_octets() {
        let mut out = String::new();
        let long = format!("SUMMARY:{}", "å".repeat(60));
        fold_line(&mut out, &long);
        for line in out.split("\r\n") {
            assert!(line.len() <= 75, "{line}");
        }
        assert_eq!(out.replace("\r\n ", ""), format!("{long}\r\n"));
    }

    #[test]
    fn feeds_stay_well_formed_whatever_the_titles_hold() {
        // See: issue 10, item 6 (a control character made atom.xml ill-formed).
        let mut n = notice(
            "2026-03-29T01:00:00+01:00",
            Some("2026-03-29T04:00:00+02:00"),
            None,
        );
        n.title = "Underhåll\u{1}\u{0} <natt> & \u{b}dag\u{FFFF}\u{7f}".into();
        n.components = vec!["Bas\u{1b}tjänst".into()];
        let base_url = crate::config::BaseUrl::parse("https://drift.example.se/").unwrap();
        let tz = TimeZone::get("Europe/Stockholm").unwrap();
        let site = FeedSite {
            title: "Drift\u{2}portal",
            base_url: &base_url,
            now: t("2026-03-01T00:00:00Z"),
            timezone: &tz,
        };
        let xml = atom(&site, &[&n]);
        let doc = roxmltree::Document::parse(&xml).expect("well-formed XML");
        let titles: Vec<&str> = doc
            .descendants()
            .filter(|e| e.has_tag_name("title"))
            .filter_map(|e| e.text())
            .collect();
        assert_eq!(
            titles,
            ["Driftinformation – Driftportal", "Underhåll <natt> & dag"]
        );
        let ics = ics(&site, &[&n]);
        let mut calendars = ical::IcalParser::new(std::io::BufReader::new(ics.as_bytes()));
        let calendar = calendars
            .next()
            .expect("a calendar")
            .expect("valid iCalendar");
        let summary = calendar.events[0]
            .properties
            .iter()
            .find(|p| p.name == "SUMMARY")
            .and_then(|p| p.value.clone());
        assert_eq!(summary.as_deref(), Some("Underhåll <natt> & dag"));
        assert!(
            !ics.chars().any(|c| c.is_control() && !"\r\n".contains(c)),
            "{ics:?}"
        );
    }

    #[test]
    fn ics_text_is_escaped() {
        assert_eq!(ics_text("a, b; c\\d\ne"), "a\\, b\\; c\\\\d\\ne");
    }
}
