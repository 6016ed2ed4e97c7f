//! The site's feeds: Atom for every operations notice and iCalendar for the planned
//! maintenance windows (SPEC §4.4), and Atom for the agreement versions (`/avtal/`).
//!
//! Times are instants (RFC 3339 with offset in the sources) and are shown in the portal's
//! time zone; the feeds carry UTC, which every reader converts to local time correctly,
//! daylight saving included.

use std::fmt::Write as _;

use jiff::Timestamp;
use jiff::tz::TimeZone;

use crate::emit::atom;
use crate::model::config::BaseUrl;
use crate::model::document::{DocVersion, Document};
use crate::model::notice::{Notice, NoticeKind};
use crate::model::paths::{
    AGREEMENTS_ATOM_PATH, AGREEMENTS_PATH, NOTICES_ATOM_PATH, NOTICES_PATH, changes_path,
    version_path,
};
use crate::model::portal::Portal;
use crate::model::time::{Now, swedish_period, swedish_time};
use crate::util::source::is_forbidden_in_text;

/// UTC for iCalendar: `20210912T040000Z`.
fn ics_utc(t: Timestamp) -> String {
    t.strftime("%Y%m%dT%H%M%SZ").to_string()
}

/// What the feeds need about the portal.
pub(crate) struct FeedSite<'a> {
    /// The portal's name.
    pub(crate) title: &'a str,
    /// Its address.
    pub(crate) base_url: &'a BaseUrl,
    /// The portal's time zone, for the times in entry summaries.
    pub(crate) timezone: &'a TimeZone,
}

/// The Atom 1.0 feed of all published notices, newest change first.
pub(crate) fn atom(site: &FeedSite<'_>, notices: &[&Notice]) -> String {
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
        url: site.base_url.absolute(NOTICES_ATOM_PATH),
        page_url: site.base_url.absolute(NOTICES_PATH),
        author: site.title,
        entries,
    })
}

/// One line saying what, when and where.
pub(crate) fn summary(n: &Notice, tz: &TimeZone) -> String {
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
pub(crate) fn ics(site: &FeedSite<'_>, notices: &[&Notice]) -> String {
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

/// The Atom feed of `/avtal/`: one entry per published version of every document,
/// upcoming versions included, so that municipalities and suppliers learn of a change
/// before it applies. Newest first by the version's date (`Datum`, the day the version
/// was decided, which is when it is news), then by `valid_from`.
///
/// Nothing in an entry depends on the build's time (no "current" or "upcoming"), so an
/// entry does not change, and readers do not show it again, when its version takes effect.
pub(crate) fn agreements_atom(portal: &Portal) -> String {
    let mut versions: Vec<(&Document, usize)> = portal
        .documents
        .iter()
        .flat_map(|d| {
            d.versions
                .iter()
                .enumerate()
                .filter(|(_, v)| v.published)
                .map(move |(i, _)| (d, i))
        })
        .collect();
    versions.sort_by(|&(a, i), &(b, j)| {
        let (va, vb) = (&a.versions[i], &b.versions[j]);
        (vb.date, vb.valid_from)
            .cmp(&(va.date, va.valid_from))
            .then_with(|| a.id.cmp(&b.id))
            .then_with(|| vb.version.cmp(&va.version))
    });
    let entries = versions
        .into_iter()
        .map(|(d, i)| version_entry(portal, d, i))
        .collect();
    let base_url = &portal.config.base_url;
    atom::write(&atom::Feed {
        title: format!("Avtalsändringar – {}", portal.config.title),
        url: base_url.absolute(AGREEMENTS_ATOM_PATH),
        page_url: base_url.absolute(AGREEMENTS_PATH),
        author: &portal.config.title,
        entries,
    })
}

/// The entry of version `i` of `doc`: its page, and what changed if it has a change view.
fn version_entry(portal: &Portal, doc: &Document, i: usize) -> atom::Entry {
    let base_url = &portal.config.base_url;
    let v: &DocVersion = &doc.versions[i];
    let url = base_url.absolute(&version_path(&doc.id, v.version.as_str()));
    let mut links = vec![atom::Link::alternate(url.clone())];
    if let Some(previous) = doc.previous_published(i) {
        links.push(atom::Link {
            rel: "related",
            href: base_url.absolute(&changes_path(&doc.id, v.version.as_str())),
            title: Some(format!("Ändringar sedan version {}", previous.version)),
        });
    }
    let mut summary = format!(
        "Version {} daterad {}, gäller från {}.",
        v.version, v.date, v.valid_from
    );
    if let Some(comment) = &v.comment {
        summary.push(' ');
        summary.push_str(comment);
    }
    // The start of the day in the portal's time zone, as `--now 2024-03-01` is.
    let date = Now::Date(v.date).instant(&portal.config.timezone);
    atom::Entry {
        title: format!("{} version {}", v.title, v.version),
        id: url,
        links,
        published: date,
        updated: date,
        author: Some(v.author.clone()),
        category: Some((doc.id.clone(), v.title.clone())),
        summary,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::notice::test_notice as notice;

    fn t(s: &str) -> Timestamp {
        s.parse().unwrap()
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
        let base_url = BaseUrl::parse("https://drift.example.se/").unwrap();
        let tz = TimeZone::get("Europe/Stockholm").unwrap();
        let site = FeedSite {
            title: "Drift\u{2}portal",
            base_url: &base_url,
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
