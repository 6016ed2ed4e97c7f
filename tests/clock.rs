//! True over time (SPEC §6): every time-dependent statement carries its boundaries, each
//! alternative with the stretch in which it holds, so `clock.js` can show the truth at the
//! reader's time; without JavaScript each says when the page was built. And the version
//! pages agree with themselves (the Handlingsförteckning of an old version, the revision
//! history, the announcement of the next version, the `/avtal/` table).
//!
//! The browser side (the script switching at the boundaries) is in `tests/e2e/clock.test.mjs`;
//! here `common::seen_at` applies the script's rule to the markup.

mod common;

use common::{PortalTest, seen_at, shown};

/// The status `<dd>` of a document or notice page.
fn status_dd(main: &str) -> &str {
    let start = main.find("<dt>Status</dt><dd>").expect("a status") + "<dt>Status</dt>".len();
    &main[start..start + main[start..].find("</dd>").expect("</dd>") + "</dd>".len()]
}

/// The text of `html` without tags, whitespace collapsed; block elements (and spans,
/// which the theme shows as blocks) are apart.
fn text(html: &str) -> String {
    const APART: &[&str] = &[
        "p", "li", "dd", "dt", "div", "tr", "td", "th", "h1", "h2", "h3", "br", "span", "ul", "ol",
        "section", "table", "dl",
    ];
    let mut out = String::new();
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        out.push_str(&rest[..lt]);
        let end = rest[lt..].find('>').map_or(rest.len(), |e| lt + e + 1);
        let name: String = rest[lt + 1..end]
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        if APART.contains(&name.as_str()) {
            out.push(' ');
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

const WINTER_MIDNIGHT: &str = "2027-01-01T00:00:00+01:00";

#[test]
fn the_current_version_says_until_when_and_what_comes_next() {
    let t = PortalTest::from_fixture("basic");
    t.build();
    for page in ["avtal/avtal-a/index.html", "avtal/avtal-a/1.1/index.html"] {
        let main = t.main(page);
        // Both statuses are there, each with its stretch; the later one hidden.
        assert_eq!(
            status_dd(&main),
            "<dd><span class=\"status status-current\" data-until=\"2027-01-01T00:00:00+01:00\">Gällande</span>\
             <span class=\"status status-superseded\" data-from=\"2027-01-01T00:00:00+01:00\" hidden>Ersatt</span>\
             <span class=\"as-of\">Uppdaterad <time datetime=\"2026-11-26\">2026-11-26</time></span></dd>",
            "{page}"
        );
        // Until then the page announces the next version, linking it and its changes.
        let now = text(&shown(&main));
        assert!(
            now.contains("Ny version på väg. Version 2.0 gäller från 2027-01-01 – se ändringarna."),
            "{now}"
        );
        assert!(main.contains(
            "<div class=\"banner banner-info\" role=\"note\" data-until=\"2027-01-01T00:00:00+01:00\">\n\
             <p><strong>Ny version på väg.</strong> <a href=\"/ssbtek/avtal/avtal-a/2.0/\">Version 2.0</a> \
             gäller från <time datetime=\"2027-01-01\">2027-01-01</time> – \
             <a href=\"/ssbtek/avtal/avtal-a/2.0/andringar/\">se ändringarna</a>.</p>"
        ), "{main}");
        assert!(!now.contains("Den här versionen är ersatt"), "{now}");
        // From midnight on 1 January, Swedish time, the same page says that 2.0 applies.
        let then = seen_at(&main, WINTER_MIDNIGHT);
        assert!(status_dd(&then).contains(">Ersatt</span>"), "{then}");
        assert!(!status_dd(&then).contains(">Gällande</span>"), "{then}");
        assert!(
            then.contains("En senare version gäller och har företräde: <a href=\"/ssbtek/avtal/avtal-a/2.0/\">Test – Avtal A, version 2.0</a>"),
            "{then}"
        );
        assert!(!text(&then).contains("Ny version på väg"), "{then}");
        // A second earlier it did not.
        let before = seen_at(&main, "2026-12-31T23:59:59+01:00");
        assert!(status_dd(&before).contains(">Gällande</span>"));
        assert!(!text(&before).contains("Den här versionen är ersatt"));
    }
}

#[test]
fn an_upcoming_version_becomes_current_at_midnight_of_valid_from() {
    let t = PortalTest::from_fixture("basic");
    t.build();
    let main = t.main("avtal/avtal-a/2.0/index.html");
    let now = text(&shown(&main));
    assert!(now.contains("Status Kommande"), "{now}");
    assert!(
        now.contains(
            "Den här versionen gäller från och med 2027-01-01. Till dess gäller version 1.1."
        ),
        "{now}"
    );
    let then = text(&seen_at(&main, WINTER_MIDNIGHT));
    assert!(then.contains("Status Gällande"), "{then}");
    assert!(!then.contains("Kommande version"), "{then}");
    // The revision history moves with it: 1.1 is superseded, 2.0 in force.
    let history = |html: &str| {
        let h = &html[html.find("doc-revisionshistorik").unwrap()..html.find("</table>").unwrap()];
        text(h)
    };
    assert!(
        history(&shown(&main)).contains("1.1 Gällande")
            && history(&shown(&main)).contains("2.0 Gäller från 2027-01-01"),
        "{main}"
    );
    let later = seen_at(&main, WINTER_MIDNIGHT);
    assert!(
        history(&later).contains("1.1 Ersatt") && history(&later).contains("2.0 Gällande"),
        "{later}"
    );
}

#[test]
fn a_version_valid_from_summer_takes_effect_at_midnight_summer_time() {
    let t = PortalTest::from_fixture("basic");
    t.file(
        "agreements/avtal-a/2.1.md",
        "---\ntitle: Test – Avtal A\nversion: \"2.1\"\ndate: 2026-11-01\nvalid_from: 2027-07-01\nauthor: F\ndocuments:\n  - avtal-a\n  - villkor\n---\n## 1 Parter\n\nText.\n",
    );
    t.build();
    let main = t.main("avtal/avtal-a/index.html");
    // 1.1 in force until winter midnight, then 2.0 until summer midnight, then 2.1.
    assert_eq!(
        text(status_dd(&main)),
        "Gällande Ersatt Uppdaterad 2026-11-26",
        "{main}"
    );
    assert!(main.contains("data-until=\"2027-01-01T00:00:00+01:00\">Gällande"));
    assert!(main.contains("data-from=\"2027-01-01T00:00:00+01:00\" hidden>Ersatt"));
    let v20 = t.main("avtal/avtal-a/2.0/index.html");
    assert!(
        v20.contains(
            "<span class=\"status status-current\" data-from=\"2027-01-01T00:00:00+01:00\" data-until=\"2027-07-01T00:00:00+02:00\" hidden>Gällande</span>"
        ),
        "{v20}"
    );
    // While 2.0 is in force, it announces 2.1; the superseded banner links whichever
    // version is in force then.
    let spring = seen_at(&v20, "2027-03-01T12:00:00+01:00");
    assert!(
        text(&spring).contains("Version 2.1 gäller från 2027-07-01 – se ändringarna"),
        "{spring}"
    );
    let summer = seen_at(&v20, "2027-06-30T22:00:00Z");
    assert!(
        summer.contains("<a href=\"/ssbtek/avtal/avtal-a/2.1/\">Test – Avtal A, version 2.1</a>"),
        "{summer}"
    );
    let old = t.main("avtal/avtal-a/1.0/index.html");
    let jan = seen_at(&old, "2027-01-15T12:00:00+01:00");
    assert!(
        jan.contains("<a href=\"/ssbtek/avtal/avtal-a/2.0/\">Test – Avtal A, version 2.0</a>"),
        "{jan}"
    );
}

#[test]
fn the_agreements_page_names_the_version_in_force_and_links_the_next() {
    let t = PortalTest::from_fixture("basic");
    t.build();
    let main = t.main("avtal/index.html");
    let row = &main[main
        .find("<th scope=\"row\"><a href=\"/ssbtek/avtal/avtal-a/\">")
        .unwrap()..];
    let row = &row[..row.find("</tr>").unwrap()];
    assert!(
        row.contains(
            "<span data-until=\"2027-01-01T00:00:00+01:00\"><a href=\"/ssbtek/avtal/avtal-a/2.0/\">Version 2.0</a> gäller från <time datetime=\"2027-01-01\">2027-01-01</time></span>"
        ),
        "{row}"
    );
    assert_eq!(
        text(&shown(row)),
        "Test – Avtal A 1.1 2021-01-01 Version 2.0 gäller från 2027-01-01"
    );
    assert_eq!(
        text(&seen_at(row, WINTER_MIDNIGHT)),
        "Test – Avtal A 2.0 2026-10-01 –"
    );
    // In the Handlingsförteckning too, the version in force changes at midnight.
    let hierarchy = &main[main.find("avtal-hierarki").unwrap()..main.find("avtal-alla").unwrap()];
    assert!(text(&shown(hierarchy)).contains("Test – Avtal A version 1.1, 2021-01-01"));
    assert!(
        text(&seen_at(hierarchy, WINTER_MIDNIGHT))
            .contains("Test – Avtal A version 2.0, 2026-10-01")
    );
    assert!(text(hierarchy).contains("Uppdaterad 2026-11-26"));
    assert!(text(&main[main.find("avtal-alla").unwrap()..]).contains("Uppdaterad 2026-11-26"));
}

#[test]
fn an_old_version_describes_itself_and_marks_the_superseded_rows() {
    let t = PortalTest::from_fixture("basic");
    t.build();
    let main = t.main("avtal/avtal-a/1.0/index.html");
    // Its Handlingsförteckning names the version shown, not the one in force.
    assert!(
        main.contains(
            "<li>Test – Avtal A (detta dokument) <span class=\"listed-version\">version 1.0, <time datetime=\"2020-01-01\">2020-01-01</time></span></li>"
        ),
        "{main}"
    );
    // Its own row in the history says it is superseded, like its status.
    assert!(
        main.contains(
            "<th scope=\"row\"><span aria-current=\"page\">1.0</span> <span class=\"status status-superseded\">Ersatt</span></th>"
        ),
        "{main}"
    );
    assert!(text(&shown(&main)).contains("Status Ersatt"));
    // The upcoming version's page names its own version too.
    let upcoming = t.main("avtal/avtal-a/2.0/index.html");
    assert!(
        upcoming.contains(
            "Test – Avtal A (detta dokument) <span class=\"listed-version\">version 2.0,"
        ),
        "{upcoming}"
    );
}

#[test]
fn every_status_says_when_the_page_was_built() {
    let t = PortalTest::from_fixture("basic");
    t.run(&["build", "--now", "2026-11-26T10:00:00+01:00"])
        .assert_code(0);
    let main = t.main("avtal/avtal-a/1.0/index.html");
    let updated = "Uppdaterad <time datetime=\"2026-11-26T10:00:00+01:00\">2026-11-26 10:00</time>";
    assert!(status_dd(&main).contains(updated), "{main}");
    // The status, the banner, the revision history and the Handlingsförteckning.
    assert_eq!(shown(&main).matches(updated).count(), 4, "{main}");
    // In summer, with summer time's offset, whatever offset `--now` was given in.
    t.run(&["build", "--now", "2026-07-01T08:00:00Z"])
        .assert_code(0);
    assert!(t.main("avtal/avtal-a/index.html").contains(
        "Uppdaterad <time datetime=\"2026-07-01T10:00:00+02:00\">2026-07-01 10:00</time>"
    ));
    // A document without anything to come needs no script, but still says it.
    let villkor = t.read("avtal/villkor/index.html");
    assert!(!villkor.contains("clock.js"), "{villkor}");
    assert!(villkor.contains("Uppdaterad <time"), "{villkor}");
    assert!(!t.read("guide/index.html").contains("clock.js"));
    assert!(
        t.read("avtal/avtal-a/1.0/index.html")
            .contains("<script src=\"/ssbtek/clock.js\" defer></script>")
    );
    assert!(t.out().join("clock.js").is_file());
}

fn notices() -> PortalTest {
    PortalTest::from_fixture("notices")
}

#[test]
fn a_notice_page_carries_each_status_with_its_stretch_across_daylight_saving() {
    let t = notices();
    t.run(&["build", "--now", "2026-03-28T12:00:00+01:00"])
        .assert_code(0);
    let main = t.main("driftinformation/2026-03-29-underhall/index.html");
    assert_eq!(
        status_dd(&main),
        "<dd><span class=\"status status-upcoming\" data-until=\"2026-03-29T01:00:00+01:00\">Kommande</span>\
         <span class=\"status status-ongoing\" data-from=\"2026-03-29T01:00:00+01:00\" data-until=\"2026-03-29T05:00:00+02:00\" hidden>Pågående</span>\
         <span class=\"status status-ended\" data-from=\"2026-03-29T05:00:00+02:00\" hidden>Genomfört</span>\
         <span class=\"as-of\">Uppdaterad <time datetime=\"2026-03-28T12:00:00+01:00\">2026-03-28 12:00</time></span></dd>"
    );
    for (at, status) in [
        ("2026-03-29T00:59:59+01:00", "Kommande"),
        ("2026-03-29T00:00:00Z", "Pågående"),
        ("2026-03-29T04:59:59+02:00", "Pågående"),
        ("2026-03-29T03:00:00Z", "Genomfört"),
    ] {
        assert_eq!(
            text(status_dd(&seen_at(&main, at))),
            format!("{status} Uppdaterad 2026-03-28 12:00"),
            "at {at}"
        );
    }
    assert!(
        t.read("driftinformation/2026-03-29-underhall/index.html")
            .contains("clock.js")
    );
    // A notice that has ended has nothing to come.
    let ended = t.read("driftinformation/2026-01-10-storning/index.html");
    assert!(!ended.contains("clock.js"), "{ended}");
    assert!(!ended.contains("data-from") && !ended.contains("data-until"));
}

/// The titles of the notice list's current entries and of its archive, in order.
fn lists(main: &str) -> (Vec<String>, Vec<String>) {
    let titles = |part: &str| -> Vec<String> {
        part.split("<a href=\"/portal/driftinformation/")
            .skip(1)
            .map(|s| s[s.find('>').unwrap() + 1..s.find("</a>").unwrap()].to_string())
            .collect()
    };
    let archive = main.find("id=\"drift-arkiv\"").unwrap();
    let feeds = main.find("id=\"drift-aktuellt\"").unwrap();
    (titles(&main[feeds..archive]), titles(&main[archive..]))
}

#[test]
fn notices_move_from_upcoming_to_ongoing_to_the_archive() {
    let t = notices();
    t.build();
    let main = t.main("driftinformation/index.html");
    let (current, archive) = lists(&shown(&main));
    assert_eq!(
        current,
        [
            "Nya certifikat i testmiljön",
            "Planerat underhåll i testmiljön"
        ]
    );
    assert_eq!(
        archive,
        [
            "Underhåll natten till sommartid",
            "Störning i Skatteverkets bastjänst"
        ]
    );
    // During the window the maintenance is ongoing, and first: the newest start.
    let during = seen_at(&main, "2026-12-06T07:00:00+01:00");
    assert_eq!(
        lists(&during).0,
        [
            "Planerat underhåll i testmiljön",
            "Nya certifikat i testmiljön"
        ]
    );
    assert!(text(&during).contains("Pågående Planerat underhåll Planerat underhåll i testmiljön"));
    // After it, it is the newest in the archive.
    let after = seen_at(&main, "2026-12-06T10:00:00+01:00");
    assert_eq!(lists(&after).0, ["Nya certifikat i testmiljön"]);
    assert_eq!(
        lists(&after).1,
        [
            "Planerat underhåll i testmiljön",
            "Underhåll natten till sommartid",
            "Störning i Skatteverkets bastjänst"
        ]
    );
    // And the information notice ends at its end, summer time.
    let april = seen_at(&main, "2027-03-31T23:59:00+02:00");
    assert!(lists(&april).0.is_empty());
    assert_eq!(
        lists(&april).1[1],
        "Nya certifikat i testmiljön",
        "by start, newest first"
    );
    // The "nothing now" message is there for the script, hidden while something is.
    assert!(main.contains(
        "<p data-show-if-empty=\"drift-aktuella\" hidden>Det finns inga pågående störningar och inget planerat underhåll just nu.</p>"
    ));
    assert!(text(&main).contains("Pågående och kommande Uppdaterad 2026-11-26"));
    // The start page's list moves the same way.
    let start = t.main("index.html");
    let start = &start[..start.find("start-intro").unwrap()];
    assert!(
        text(&shown(start)).contains("Kommande Planerat underhåll Planerat underhåll i testmiljön")
    );
    let start_during = text(&seen_at(start, "2026-12-06T06:00:00+01:00"));
    assert!(
        start_during.contains("Pågående Planerat underhåll Planerat underhåll i testmiljön"),
        "{start_during}"
    );
    assert!(
        !start_during.contains("Kommande Planerat underhåll"),
        "{start_during}"
    );
    let start_after = text(&seen_at(start, "2026-12-06T10:00:00+01:00"));
    assert!(
        !start_after.contains("Planerat underhåll i testmiljön"),
        "{start_after}"
    );
    assert!(start.contains("data-hide-if-empty=\"start-aktuella\""));
}

#[test]
fn the_disturbance_banner_carries_when_it_ends_and_when_one_begins() {
    let t = notices();
    t.file(
        "content/driftinformation/2026-01-11-storning.md",
        "---\ntitle: Aviserad störning i LEFI\nkind: storning\nstart: 2026-01-11T08:00:00+01:00\nend: 2026-01-11T09:00:00+01:00\npublished: 2026-01-09T12:00:00+01:00\nenvironments: [produktion]\n---\nLEFI svarar långsamt.\n",
    );
    t.run(&["build", "--now", "2026-01-10T09:00:00+01:00"])
        .assert_code(0);
    // Every page: the ongoing one until it is resolved, the next one from its start.
    for page in [t.read("index.html"), t.read("driftinformation/index.html")] {
        assert!(page.contains("<script src=\"/portal/clock.js\" defer></script>"));
        assert!(
            page.contains("<p data-until=\"2026-01-10T11:30:00+01:00\"><strong>Pågående störning:</strong> <a href=\"/portal/driftinformation/2026-01-10-storning/\">"),
            "{page}"
        );
        assert!(page.contains("<p data-from=\"2026-01-11T08:00:00+01:00\" data-until=\"2026-01-11T09:00:00+01:00\" hidden><strong>Pågående störning:</strong> <a href=\"/portal/driftinformation/2026-01-11-storning/\">"));
        let alerts =
            &page[page.find("<div class=\"alerts\"").unwrap()..page.find("<main").unwrap()];
        assert!(
            text(alerts).contains("Uppdaterad 2026-01-10 09:00"),
            "{alerts}"
        );
        assert!(alerts.starts_with("<div class=\"alerts\" role=\"region\" aria-label=\"Pågående störningar\" data-hide-if-empty=\"pagaende-storningar\">"));
    }
    // After both, no banner at all; between them, the region is there for the next one,
    // hidden.
    t.run(&["build", "--now", "2026-01-10T12:00:00+01:00"])
        .assert_code(0);
    let between = t.read("index.html");
    assert!(
        between.contains("data-hide-if-empty=\"pagaende-storningar\" hidden>"),
        "{between}"
    );
    t.run(&["build", "--now", "2026-01-11T09:00:00+01:00"])
        .assert_code(0);
    assert!(!t.read("index.html").contains("class=\"alerts\""));
}
