//! Operations notices, their feeds, the personal-data list and the site files
//! (SPEC §4.4, §4.5, §5), checked with real parsers. The default theme's markup itself is
//! pinned by the snapshots of `tests/markup.rs`.

mod common;

use common::{
    PortalTest, attribute, element, elements, has_link, pairs, seen_at, shown, start_tag,
    start_tags, text, times,
};

fn notices() -> PortalTest {
    PortalTest::from_fixture("notices")
}

fn status_of(t: &PortalTest, now: &str) -> String {
    t.run(&["build", "--now", now]).assert_code(0);
    let main = t.main("driftinformation/2026-03-29-underhall/index.html");
    let start = main.find("<span class=\"status status-").expect("status");
    let rest = &main[start..];
    rest[rest.find('>').unwrap() + 1..rest.find("</span>").unwrap()].to_string()
}

#[test]
fn status_follows_the_build_time_across_a_daylight_saving_change() {
    let t = notices();
    // The window is 01:00 winter time to 05:00 summer time on the night clocks go forward:
    // three hours, 00:00–03:00 UTC.
    assert_eq!(status_of(&t, "2026-03-29T00:59:59+01:00"), "Kommande");
    assert_eq!(status_of(&t, "2026-03-29T01:00:00+01:00"), "Pågående");
    assert_eq!(status_of(&t, "2026-03-29T03:30:00+02:00"), "Pågående");
    assert_eq!(status_of(&t, "2026-03-29T04:59:59+02:00"), "Pågående");
    assert_eq!(status_of(&t, "2026-03-29T05:00:00+02:00"), "Genomfört");
}

#[test]
fn a_resolved_disturbance_has_ended() {
    let t = notices();
    t.run(&["build", "--now", "2026-01-10T11:00:00+01:00"])
        .assert_code(0);
    // Ongoing until it was resolved, at 11:30.
    let main = t.main("driftinformation/2026-01-10-storning/index.html");
    for (at, status) in [
        ("2026-01-10T11:00:00+01:00", "Pågående"),
        ("2026-01-10T11:29:59+01:00", "Pågående"),
        ("2026-01-10T11:30:00+01:00", "Åtgärdad"),
    ] {
        let said = text(&seen_at(&main, at));
        assert!(
            said.contains(&format!("Status {status} ")),
            "at {at}: {said}"
        );
    }
    // Ongoing disturbances are announced on every page.
    let html = t.read("index.html");
    let alerts = element(&html, "aria-label", "Pågående störningar");
    assert!(
        text(&shown(alerts)).starts_with("Pågående störning: Störning i Skatteverkets bastjänst"),
        "{alerts}"
    );
    assert!(has_link(
        alerts,
        "/portal/driftinformation/2026-01-10-storning/",
        "Störning i Skatteverkets bastjänst"
    ));
    t.run(&["build", "--now", "2026-01-10T11:30:00+01:00"])
        .assert_code(0);
    let said = text(&t.main("driftinformation/2026-01-10-storning/index.html"));
    assert!(said.contains("Status Åtgärdad "), "{said}");
    assert!(!t.read("index.html").contains("Pågående störning"));
}

#[test]
fn notice_page_shows_swedish_local_times_and_what_is_affected() {
    let t = notices();
    t.build();
    let main = t.main("driftinformation/2026-03-29-underhall/index.html");
    let said = text(&main);
    // The kind of notice, then its title.
    assert!(
        said.starts_with("Planerat underhåll Underhåll natten till sommartid"),
        "{said}"
    );
    // Local times in Swedish, each with its moment for machines, winter then summer time.
    assert!(
        said.contains("Början söndag 29 mars 2026 kl. 01.00 Slut söndag 29 mars 2026 kl. 05.00"),
        "{said}"
    );
    let times = times(&main);
    for time in pairs(&[
        ("2026-03-29T01:00:00+01:00", "söndag 29 mars 2026 kl. 01.00"),
        ("2026-03-29T05:00:00+02:00", "söndag 29 mars 2026 kl. 05.00"),
    ]) {
        assert!(times.contains(&time), "{time:?} in {times:?}");
    }
    assert!(said.contains("Miljöer Produktionsmiljön"), "{said}");
    assert!(
        said.contains("Komponenter Bastjänst FK, Loggning"),
        "{said}"
    );
}

#[test]
fn list_shows_ongoing_and_upcoming_first_then_the_archive() {
    let t = notices();
    t.build();
    // As shown at the build's time: later alternatives are `hidden`.
    let main = common::shown(&t.main("driftinformation/index.html"));
    let at = |s: &str| main.find(s).unwrap_or_else(|| panic!("{s} in {main}"));
    assert!(
        main.contains("Här publiceras driftinformation."),
        "intro from _index.md"
    );
    // Ongoing (information until March), upcoming (December), then the archive, newest first.
    assert!(at("Nya certifikat i testmiljön") < at("Planerat underhåll i testmiljön"));
    assert!(at("Planerat underhåll i testmiljön") < at("id=\"drift-arkiv\""));
    assert!(at("id=\"drift-arkiv\"") < at("Underhåll natten till sommartid"));
    assert!(at("Underhåll natten till sommartid") < at("Störning i Skatteverkets bastjänst"));
    assert!(main.contains("href=\"/portal/driftinformation/atom.xml\""));
    assert!(main.contains("href=\"/portal/driftinformation/underhall.ics\""));
}

#[test]
fn start_page_shows_ongoing_and_upcoming_notices() {
    let t = notices();
    t.build();
    let html = t.read("index.html");
    let main = t.main("index.html");
    assert!(main.contains("Nya certifikat i testmiljön"));
    assert!(main.contains("Planerat underhåll i testmiljön"));
    let current = &main[..main.find("start-intro").unwrap()];
    assert!(
        !current.contains("Underhåll natten till sommartid"),
        "ended notices are not current"
    );
    // Feed readers and calendars find the feeds from any page.
    let alternates: Vec<(&str, &str)> = start_tags(&html, "link")
        .into_iter()
        .filter(|tag| attribute(tag, "rel") == Some("alternate"))
        .map(|tag| {
            (
                attribute(tag, "type").unwrap_or_default(),
                attribute(tag, "href").unwrap_or_default(),
            )
        })
        .collect();
    assert_eq!(
        alternates,
        [
            ("application/atom+xml", "/portal/driftinformation/atom.xml"),
            ("text/calendar", "/portal/driftinformation/underhall.ics")
        ]
    );
}

#[test]
fn atom_feed_is_valid_atom() {
    let t = notices();
    t.build();
    let xml = t.read("driftinformation/atom.xml");
    let doc = roxmltree::Document::parse(&xml).expect("well-formed XML");
    let feed = doc.root_element();
    let atom = "http://www.w3.org/2005/Atom";
    assert_eq!(feed.tag_name().namespace(), Some(atom));
    assert_eq!(feed.tag_name().name(), "feed");
    let child = |node: roxmltree::Node<'_, '_>, name: &str| {
        node.children()
            .find(|c| c.tag_name().name() == name)
            .and_then(|c| c.text())
            .map(str::to_string)
    };
    assert_eq!(
        child(feed, "id").as_deref(),
        Some("https://drift.example.se/portal/driftinformation/atom.xml")
    );
    let entries: Vec<_> = feed
        .children()
        .filter(|c| c.tag_name().name() == "entry")
        .collect();
    assert_eq!(entries.len(), 4);
    for entry in &entries {
        for required in ["id", "title", "updated"] {
            assert!(child(*entry, required).is_some(), "entry lacks {required}");
        }
        let updated = child(*entry, "updated").unwrap();
        assert!(
            updated.parse::<jiff::Timestamp>().is_ok(),
            "RFC 3339: {updated}"
        );
        assert!(
            child(*entry, "id")
                .unwrap()
                .starts_with("https://drift.example.se/portal/driftinformation/")
        );
    }
    // The feed's updated time is its newest entry's.
    let newest = entries
        .iter()
        .map(|e| child(*e, "updated").unwrap())
        .max()
        .unwrap();
    assert_eq!(child(feed, "updated").unwrap(), newest);
}

#[test]
fn icalendar_has_one_event_per_maintenance_window_in_utc() {
    let t = notices();
    t.build();
    let ics = t.read("driftinformation/underhall.ics");
    assert!(ics.lines().all(|l| l.len() <= 75), "folded at 75 octets");
    assert!(
        ics.contains("\r\n") && !ics.replace("\r\n", "").contains('\n'),
        "CRLF line ends"
    );
    let mut parser = ical::IcalParser::new(std::io::BufReader::new(ics.as_bytes()));
    let calendar = parser
        .next()
        .expect("one calendar")
        .expect("valid iCalendar");
    assert!(parser.next().is_none());
    let prop = |props: &[ical::property::Property], name: &str| {
        props
            .iter()
            .find(|p| p.name == name)
            .and_then(|p| p.value.clone())
    };
    assert_eq!(
        prop(&calendar.properties, "VERSION").as_deref(),
        Some("2.0")
    );
    assert!(prop(&calendar.properties, "PRODID").is_some());
    assert_eq!(calendar.events.len(), 2, "planned maintenance only");
    let first = &calendar.events[0].properties;
    assert_eq!(
        prop(first, "UID").as_deref(),
        Some("driftinformation-2026-03-29-underhall@drift.example.se")
    );
    assert_eq!(prop(first, "DTSTART").as_deref(), Some("20260329T000000Z"));
    assert_eq!(
        prop(first, "DTEND").as_deref(),
        Some("20260329T030000Z"),
        "05:00 summer time"
    );
    assert!(prop(first, "DTSTAMP").is_some());
    let second = &calendar.events[1].properties;
    assert_eq!(
        prop(second, "DESCRIPTION")
            .as_deref()
            .map(|d| d.contains("06.00–10.00")),
        Some(true)
    );
    // Identical builds give identical UIDs and bytes.
    t.build();
    assert_eq!(ics, t.read("driftinformation/underhall.ics"));
}

#[test]
fn notice_errors_name_file_line_and_fix() {
    let cases = [
        (
            "---\ntitle: X\nkind: planerat-underhall\nstart: 2026-03-01T10:00:00+01:00\nend: 2026-03-01T09:00:00+01:00\nenvironments: [test]\n---\n",
            "content/driftinformation/fel.md:5:1: error[E0601]: `end: 2026-03-01T09:00:00+01:00` is before `start: 2026-03-01T10:00:00+01:00`",
        ),
        (
            "---\ntitle: X\nkind: storningar\nstart: 2026-03-01T10:00:00+01:00\nenvironments: [test]\n---\n",
            "content/driftinformation/fel.md:3:1: error[E0602]: unknown notice kind `storningar`\n  = hint: did you mean `storning`?",
        ),
        (
            "---\ntitle: X\nkind: storning\nstart: 2026-03-01T10:00:00+01:00\nenvironments:\n  - produktion\n  - acceptans\n---\n",
            "content/driftinformation/fel.md:7:5: error[E0603]: unknown environment `acceptans`\n  = hint: use `produktion` or `test`",
        ),
        (
            "---\ntitle: X\nkind: storning\nstart: 2026-03-01T10:00:00\nenvironments: [test]\n---\n",
            "content/driftinformation/fel.md:4:1: error[E0604]: `start: 2026-03-01T10:00:00` has no time zone offset",
        ),
        (
            "---\ntitle: X\nkind: planerat-underhall\nstart: 2026-03-01T10:00:00+01:00\nenvironments: [test]\n---\n",
            "content/driftinformation/fel.md:3:1: error[E0605]: planned maintenance has no `end`",
        ),
    ];
    for (source, expected) in cases {
        let t = notices();
        t.file("content/driftinformation/fel.md", source);
        t.run(&["check"]).assert_code(1).assert_stderr(expected);
    }
}

#[test]
fn data_list_is_published_as_page_json_and_csv() {
    let t = notices();
    t.build();
    let main = t.main("personuppgifter/index.html");
    let captions: Vec<String> = elements(&main, "caption").into_iter().map(text).collect();
    assert!(
        captions.contains(&"Uppgifter som Försäkringskassan lämnar".to_string()),
        "{captions:?}"
    );
    // Each data type heads its row.
    let row_headers: Vec<String> = elements(&main, "th")
        .into_iter()
        .filter(|th| attribute(start_tag(th), "scope") == Some("row"))
        .map(text)
        .collect();
    assert!(
        row_headers.contains(&"Aktivitetsstöd".to_string()),
        "{row_headers:?}"
    );
    // The filter box appears only with JavaScript, which filter.js brings.
    assert!(main.contains("Filtrera tabellen"), "{main}");
    assert!(
        !shown(&main).contains("Filtrera tabellen"),
        "the filter box is hidden: {main}"
    );
    assert!(
        start_tags(&main, "script")
            .iter()
            .any(|tag| attribute(tag, "src") == Some("/portal/filter.js")),
        "{main}"
    );
    // The introduction keeps its paragraphs.
    let paragraphs: Vec<String> = elements(&main, "p").into_iter().map(text).collect();
    assert!(
        paragraphs.contains(&"Andra stycket.".to_string()),
        "{paragraphs:?}"
    );

    let json: serde_json::Value = serde_json::from_str(&t.read("personuppgifter.json")).unwrap();
    assert_eq!(json["providers"][0]["org_number"], "202100-5521");
    assert_eq!(json["providers"][0]["data_types"][1]["until"], "2024-12-31");
    assert_eq!(
        json["providers"][0]["data_types"][0]["until"],
        serde_json::Value::Null
    );
    assert_eq!(json["providers"][1]["data_types"][0]["since"], "2014-05-18");

    let csv_text = t.read("personuppgifter.csv");
    assert!(csv_text.ends_with("\r\n"));
    let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_string)
        .collect();
    assert_eq!(
        header,
        [
            "uppgiftslamnare_id",
            "uppgiftslamnare",
            "organisationsnummer",
            "uppgift_id",
            "uppgift",
            "beskrivning",
            "fran",
            "till"
        ]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 3);
    assert_eq!(
        &rows[0][5],
        "Beslut och utbetalningar, \"allmänt barnbidrag\"."
    );
    assert_eq!(&rows[2][1], "Centrala studiestödsnämnden");
}

#[test]
fn csv_cells_that_a_spreadsheet_would_run_are_text() {
    // See: issue 10, item 6 (OWASP, CSV injection).
    let t = notices();
    let list = std::fs::read_to_string(t.root.join("content/personuppgifter.yaml")).unwrap();
    t.file(
        "content/personuppgifter.yaml",
        &list
            .replace(
                "name: Barnbidrag",
                "name: \"=HYPERLINK(\\\"https://example.com\\\",\\\"Klicka\\\")\"",
            )
            .replace(
                "description: Utbetalningar av aktivitetsstöd",
                "description: \"@SUM(1+1)\"",
            ),
    );
    t.build();
    let csv_text = t.read("personuppgifter.csv");
    let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(
        &rows[0][4],
        "'=HYPERLINK(\"https://example.com\",\"Klicka\")"
    );
    assert_eq!(&rows[1][5], "'@SUM(1+1)");
    assert!(csv_text.contains(",\"'@SUM(1+1)\","), "{csv_text}");
    // Only the CSV: the JSON and the page keep the text as written.
    let json: serde_json::Value = serde_json::from_str(&t.read("personuppgifter.json")).unwrap();
    assert_eq!(
        json["providers"][0]["data_types"][0]["name"],
        "=HYPERLINK(\"https://example.com\",\"Klicka\")"
    );
}

#[test]
fn data_list_errors_are_reported_at_their_lines() {
    let t = notices();
    t.file(
        "content/personuppgifter.yaml",
        "providers:\n  - id: fk\n    name: Försäkringskassan\n    org_number: 202100-5522\n    data_types:\n      - id: bb\n        name: Barnbidrag\n        since: 2014-05-18\n        until: 2014-01-01\n      - id: bb\n        since: 2015-01-01\n  - id: csn\n    name: CSN\n    org_number: 2021001975\n",
    );
    t.run(&["check"])
        .assert_code(1)
        .assert_stderr("content/personuppgifter.yaml:4:5: error[E0702]: organisation number `202100-5522` has the wrong check digit (the last digit)")
        .assert_stderr("content/personuppgifter.yaml:9:9: error[E0703]: `until` (2014-01-01) is before `since` (2014-05-18)")
        .assert_stderr("content/personuppgifter.yaml:10:9: error[E0701]: id `bb` is used twice\n  = note: first used at line 6")
        .assert_stderr("content/personuppgifter.yaml:10:9: error[E0103]: the data type has no `name`")
        .assert_stderr("content/personuppgifter.yaml:14:5: error[E0702]: organisation number `2021001975` must be written NNNNNN-NNNN");
}

#[test]
fn sitemap_xml_lists_every_page_with_absolute_urls() {
    let t = notices();
    t.build();
    let xml = t.read("sitemap.xml");
    let doc = roxmltree::Document::parse(&xml).expect("well-formed XML");
    assert_eq!(
        doc.root_element().tag_name().namespace(),
        Some("http://www.sitemaps.org/schemas/sitemap/0.9")
    );
    let locs: Vec<&str> = doc
        .descendants()
        .filter(|n| n.tag_name().name() == "loc")
        .filter_map(|n| n.text())
        .collect();
    for page in [
        "https://drift.example.se/portal/",
        "https://drift.example.se/portal/driftinformation/2026-01-10-storning/",
        "https://drift.example.se/portal/personuppgifter/",
        "https://drift.example.se/portal/webbplatskarta/",
    ] {
        assert!(locs.contains(&page), "{page} in {locs:?}");
    }
    assert!(!locs.iter().any(|l| l.ends_with("404.html")));
    assert_eq!(
        t.read("robots.txt"),
        "User-agent: *\nAllow: /\n\nSitemap: https://drift.example.se/portal/sitemap.xml\n"
    );
    let map = t.main("webbplatskarta/index.html");
    assert!(
        has_link(
            &map,
            "/portal/driftinformation/2026-12-06-underhall/",
            "Planerat underhåll i testmiljön"
        ),
        "{map}"
    );
    assert!(has_link(
        &map,
        "/portal/personuppgifter/",
        "Personuppgifter som lämnas"
    ));
}

#[test]
fn a_portal_without_notices_or_agreements_publishes_neither() {
    let t = notices();
    t.remove("content/driftinformation");
    t.build();
    assert!(!t.out().join("driftinformation").exists());
    assert!(!t.out().join("avtal").exists());
    assert!(!t.read("index.html").contains("atom+xml"));
}

#[test]
fn a_notice_with_a_later_publication_time_waits_for_it() {
    let t = notices();
    t.file(
        "content/driftinformation/2027-02-01-forhandsbesked.md",
        "---\ntitle: Kommande besked\nkind: information\nstart: 2027-02-01T08:00:00+01:00\nenvironments: [produktion]\npublished: 2026-12-01T08:00:00+01:00\n---\nText.\n",
    );
    t.run(&["build", "--now", "2026-11-26T12:00:00+01:00"])
        .assert_code(0);
    assert!(
        !t.out()
            .join("driftinformation/2027-02-01-forhandsbesked")
            .exists()
    );
    assert!(
        !t.read("driftinformation/atom.xml")
            .contains("Kommande besked")
    );
    t.run(&["build", "--now", "2026-12-01T08:00:00+01:00"])
        .assert_code(0);
    assert!(
        t.read("driftinformation/atom.xml")
            .contains("Kommande besked")
    );
}

#[test]
fn a_draft_notice_shows_a_draft_banner_under_drafts() {
    let t = notices();
    t.file(
        "content/driftinformation/2026-12-01-utkast.md",
        "---\ntitle: Utkast till besked\nkind: information\nstart: 2026-12-01T08:00:00+01:00\nenvironments: [test]\ndraft: true\n---\nText.\n",
    );
    t.build();
    assert!(!t.out().join("driftinformation/2026-12-01-utkast").exists());
    t.run(&["build", "--drafts"]).assert_code(0);
    let main = t.main("driftinformation/2026-12-01-utkast/index.html");
    assert_eq!(main.matches("banner-draft").count(), 1, "{main}");
    assert!(
        text(&main).contains("Utkast. Den här sidan är ett utkast"),
        "{main}"
    );
    assert!(
        !t.main("driftinformation/2026-11-20-information/index.html")
            .contains("banner-draft")
    );
}

#[test]
fn an_unknown_kind_far_from_any_lists_the_kinds() {
    let t = notices();
    t.file(
        "content/driftinformation/fel.md",
        "---\ntitle: X\nkind: nyhet\nstart: 2026-03-01T10:00:00+01:00\nenvironments: [test]\n---\n",
    );
    t.run(&["check"]).assert_code(1).assert_stderr(
        "content/driftinformation/fel.md:3:1: error[E0602]: unknown notice kind `nyhet`\n  = hint: use one of: planerat-underhall, storning, information\n",
    );
}

#[test]
fn a_date_without_a_time_gets_a_full_time_in_its_hint() {
    let t = notices();
    t.file(
        "content/driftinformation/fel.md",
        "---\ntitle: X\nkind: storning\nstart: 2026-03-01\nenvironments: [test]\n---\n",
    );
    t.run(&["check"]).assert_code(1).assert_stderr(
        "content/driftinformation/fel.md:4:1: error[E0604]: `start: 2026-03-01` has no time zone offset\n  = hint: write the offset so the time is unambiguous, e.g. `2026-03-01T06:00:00+01:00` in winter or `+02:00` in summer\n",
    );
}

#[test]
fn the_404_page_links_the_agreements_only_when_there_are_some() {
    let t = notices();
    t.build();
    let main = t.main("404.html");
    assert!(!main.contains("avtal/"), "{main}");
    assert!(main.contains("href=\"/portal/webbplatskarta/\""), "{main}");
    let t = PortalTest::from_fixture("basic");
    t.build();
    assert!(has_link(
        &t.main("404.html"),
        "/ssbtek/avtal/",
        "Se alla avtal och avtalsdokument"
    ));
}
