//! True over time (SPEC §6): every time-dependent statement carries its boundaries, each
//! alternative with the stretch in which it holds, so `clock.js` can show the truth at the
//! reader's time; without JavaScript each says when the page was built. And the version
//! pages agree with themselves (the Handlingsförteckning of an old version, the revision
//! history, the announcement of the next version, the `/avtal/` table).
//!
//! The browser side (the script switching at the boundaries) is in `tests/e2e/clock.test.mjs`;
//! here `common::seen_at` applies the script's rule to the markup, and the tests compare
//! what a reader is told at each moment. The markup itself is pinned by the snapshots of
//! `tests/markup.rs`.

mod common;

use common::{
    PortalTest, attribute, element, elements, has_link, pairs, seen_at, shown, start_tag,
    start_tags, text, times,
};

/// The status `<dd>` of a document or notice page.
fn status_dd(main: &str) -> &str {
    let start = main.find("<dt>Status</dt><dd>").expect("a status") + "<dt>Status</dt>".len();
    &main[start..start + main[start..].find("</dd>").expect("</dd>") + "</dd>".len()]
}

const WINTER_MIDNIGHT: &str = "2027-01-01T00:00:00+01:00";

#[test]
fn the_current_version_says_until_when_and_what_comes_next() {
    let t = PortalTest::from_fixture("basic");
    t.build();
    for page in ["avtal/avtal-a/index.html", "avtal/avtal-a/1.1/index.html"] {
        let main = t.main(page);
        // Both statuses are there, each with its stretch: without JavaScript the one at
        // the build's time, with it the one at the reader's.
        assert_eq!(
            text(status_dd(&shown(&main))),
            "Gällande Uppdaterad 2026-11-26",
            "{page}"
        );
        for (at, status) in [
            ("2026-12-31T23:59:59+01:00", "Gällande"),
            (WINTER_MIDNIGHT, "Ersatt"),
            ("2030-01-01T00:00:00+01:00", "Ersatt"),
        ] {
            assert_eq!(
                text(status_dd(&seen_at(&main, at))),
                format!("{status} Uppdaterad 2026-11-26"),
                "{page} at {at}"
            );
        }
        // Until then the page announces the next version, linking it and its changes.
        let now = text(&shown(&main));
        assert!(
            now.contains("Ny version på väg. Version 2.0 gäller från 2027-01-01 – se ändringarna."),
            "{now}"
        );
        assert!(has_link(
            &shown(&main),
            "/ssbtek/avtal/avtal-a/2.0/",
            "Version 2.0"
        ));
        assert!(has_link(
            &shown(&main),
            "/ssbtek/avtal/avtal-a/2.0/andringar/",
            "se ändringarna"
        ));
        assert!(!now.contains("Den här versionen är ersatt"), "{now}");
        // From midnight on 1 January, Swedish time, the same page says that 2.0 applies.
        let then = seen_at(&main, WINTER_MIDNIGHT);
        assert!(
            text(&then).contains(
                "Den här versionen är ersatt. En senare version gäller och har företräde: Test – Avtal A, version 2.0."
            ),
            "{then}"
        );
        assert!(has_link(
            &then,
            "/ssbtek/avtal/avtal-a/2.0/",
            "Test – Avtal A, version 2.0"
        ));
        assert!(!text(&then).contains("Ny version på väg"), "{then}");
        // A second earlier it did not.
        let before = seen_at(&main, "2026-12-31T23:59:59+01:00");
        assert!(text(&before).contains("Ny version på väg"));
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
    let status_at = |main: &str, at: &str| {
        let status = text(status_dd(&seen_at(main, at)));
        status[..status.find(" Uppdaterad").expect("a build time")].to_string()
    };
    assert_eq!(status_at(&main, "2026-12-31T23:59:59+01:00"), "Gällande");
    assert_eq!(status_at(&main, WINTER_MIDNIGHT), "Ersatt");
    // 2.0 is in force from winter midnight to summer midnight.
    let v20 = t.main("avtal/avtal-a/2.0/index.html");
    for (at, status) in [
        ("2026-12-31T23:59:59+01:00", "Kommande"),
        (WINTER_MIDNIGHT, "Gällande"),
        ("2027-06-30T23:59:59+02:00", "Gällande"),
        ("2027-07-01T00:00:00+02:00", "Ersatt"),
    ] {
        assert_eq!(status_at(&v20, at), status, "at {at}");
    }
    // While 2.0 is in force, it announces 2.1; the superseded banner links whichever
    // version is in force then.
    let spring = seen_at(&v20, "2027-03-01T12:00:00+01:00");
    assert!(
        text(&spring).contains("Version 2.1 gäller från 2027-07-01 – se ändringarna"),
        "{spring}"
    );
    let summer = seen_at(&v20, "2027-06-30T22:00:00Z");
    assert!(
        has_link(
            &summer,
            "/ssbtek/avtal/avtal-a/2.1/",
            "Test – Avtal A, version 2.1"
        ),
        "{summer}"
    );
    let old = t.main("avtal/avtal-a/1.0/index.html");
    let jan = seen_at(&old, "2027-01-15T12:00:00+01:00");
    assert!(
        has_link(
            &jan,
            "/ssbtek/avtal/avtal-a/2.0/",
            "Test – Avtal A, version 2.0"
        ),
        "{jan}"
    );
}

#[test]
fn the_agreements_page_names_the_version_in_force_and_links_the_next() {
    let t = PortalTest::from_fixture("basic");
    t.build();
    let main = t.main("avtal/index.html");
    let table = element(&main, "aria-labelledby", "avtal-alla");
    let row = elements(table, "tr")
        .into_iter()
        .find(|tr| has_link(tr, "/ssbtek/avtal/avtal-a/", "Test – Avtal A"))
        .expect("the row of avtal-a");
    assert_eq!(
        text(&shown(row)),
        "Test – Avtal A 1.1 2021-01-01 Version 2.0 gäller från 2027-01-01"
    );
    assert_eq!(
        text(&seen_at(row, "2026-12-31T23:59:59+01:00")),
        text(&shown(row))
    );
    assert!(has_link(
        &shown(row),
        "/ssbtek/avtal/avtal-a/2.0/",
        "Version 2.0"
    ));
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
    let listed = |main: &str| -> Vec<String> {
        let section = element(main, "aria-labelledby", "doc-handlingar");
        elements(section, "li").into_iter().map(text).collect()
    };
    assert_eq!(
        listed(&main)[0],
        "Test – Avtal A (detta dokument) version 1.0, 2020-01-01"
    );
    // Its own row in the history says it is superseded, like its status, at any time.
    let history = element(&main, "aria-labelledby", "doc-revisionshistorik");
    let own_row = elements(history, "tr")
        .into_iter()
        .find(|tr| tr.contains("aria-current=\"page\""))
        .expect("the row of this version");
    assert_eq!(text(element(own_row, "aria-current", "page")), "1.0");
    assert_eq!(text(row_header(own_row)), "1.0 Ersatt");
    assert_eq!(text(own_row), text(&seen_at(own_row, WINTER_MIDNIGHT)));
    assert!(text(&shown(&main)).contains("Status Ersatt"));
    // The upcoming version's page names its own version too.
    let upcoming = t.main("avtal/avtal-a/2.0/index.html");
    assert_eq!(
        listed(&upcoming)[0],
        "Test – Avtal A (detta dokument) version 2.0, 2026-10-01"
    );
}

/// The row header (`<th>`) of a table row.
fn row_header(tr: &str) -> &str {
    elements(tr, "th").into_iter().next().expect("a row header")
}

#[test]
fn every_status_says_when_the_page_was_built() {
    let t = PortalTest::from_fixture("basic");
    t.run(&["build", "--now", "2026-11-26T10:00:00+01:00"])
        .assert_code(0);
    let main = t.main("avtal/avtal-a/1.0/index.html");
    let built = ("2026-11-26T10:00:00+01:00", "2026-11-26 10:00");
    assert!(
        text(status_dd(&main)).ends_with("Uppdaterad 2026-11-26 10:00"),
        "{main}"
    );
    assert_eq!(times(status_dd(&main)), pairs(&[built]));
    // The status, the banner, the revision history and the Handlingsförteckning, each time
    // with the moment for machines.
    let shown_main = shown(&main);
    assert_eq!(
        text(&shown_main)
            .matches("Uppdaterad 2026-11-26 10:00")
            .count(),
        4,
        "{main}"
    );
    assert_eq!(
        times(&shown_main)
            .into_iter()
            .filter(|time| time.1 == built.1)
            .collect::<Vec<_>>(),
        pairs(&[built; 4])
    );
    // In summer, with summer time's offset, whatever offset `--now` was given in.
    t.run(&["build", "--now", "2026-07-01T08:00:00Z"])
        .assert_code(0);
    let summer = t.main("avtal/avtal-a/index.html");
    assert_eq!(
        times(status_dd(&summer)),
        pairs(&[("2026-07-01T10:00:00+02:00", "2026-07-01 10:00")])
    );
    // A document without anything to come needs no script, but still says it.
    let villkor = t.read("avtal/villkor/index.html");
    assert!(!villkor.contains("clock.js"), "{villkor}");
    assert!(
        text(&villkor).contains("Uppdaterad 2026-07-01 10:00"),
        "{villkor}"
    );
    assert!(!t.read("guide/index.html").contains("clock.js"));
    assert!(
        scripts(&t.read("avtal/avtal-a/1.0/index.html")).contains(&"/ssbtek/clock.js".to_string())
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
        text(status_dd(&shown(&main))),
        "Kommande Uppdaterad 2026-03-28 12:00"
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
    // The "nothing now" message is there for the script (which shows it when the list of
    // current notices is empty), hidden while something is.
    assert_eq!(
        text(element(&main, "data-show-if-empty", "drift-aktuella")),
        "Det finns inga pågående störningar och inget planerat underhåll just nu."
    );
    assert!(!shown(&main).contains("Det finns inga pågående störningar"));
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
        assert!(scripts(&page).contains(&"/portal/clock.js".to_string()));
        let alerts = element(&page, "aria-label", "Pågående störningar");
        insta::assert_snapshot!("disturbance_banner", alerts);
        // A region the script hides when no disturbance is left in it.
        assert_eq!(attribute(start_tag(alerts), "role"), Some("region"));
        let list = attribute(start_tag(alerts), "data-hide-if-empty").expect("its list");
        assert!(alerts.contains(&format!(" id=\"{list}\"")), "{alerts}");
        for (at, said) in [
            (
                "2026-01-10T09:00:00+01:00",
                "Pågående störning: Störning i Skatteverkets bastjänst Uppdaterad 2026-01-10 09:00",
            ),
            (
                "2026-01-10T11:29:59+01:00",
                "Pågående störning: Störning i Skatteverkets bastjänst Uppdaterad 2026-01-10 09:00",
            ),
            ("2026-01-10T11:30:00+01:00", "Uppdaterad 2026-01-10 09:00"),
            (
                "2026-01-11T08:00:00+01:00",
                "Pågående störning: Aviserad störning i LEFI Uppdaterad 2026-01-10 09:00",
            ),
            ("2026-01-11T09:00:00+01:00", "Uppdaterad 2026-01-10 09:00"),
        ] {
            assert_eq!(text(&seen_at(alerts, at)), said, "at {at}");
        }
        assert_eq!(
            text(&shown(alerts)),
            text(&seen_at(alerts, "2026-01-10T09:00:00+01:00"))
        );
        assert!(has_link(
            alerts,
            "/portal/driftinformation/2026-01-10-storning/",
            "Störning i Skatteverkets bastjänst"
        ));
        assert!(has_link(
            alerts,
            "/portal/driftinformation/2026-01-11-storning/",
            "Aviserad störning i LEFI"
        ));
    }
    // After both, no banner at all; between them, the region is there for the next one,
    // hidden.
    t.run(&["build", "--now", "2026-01-10T12:00:00+01:00"])
        .assert_code(0);
    let between = t.read("index.html");
    let alerts = element(&between, "aria-label", "Pågående störningar");
    assert_eq!(shown(alerts), "", "hidden: {alerts}");
    // (The script shows the region when its list is no longer empty.)
    let list = element(alerts, "id", "pagaende-storningar");
    assert_eq!(text(&shown(list)), "");
    assert_eq!(
        text(&seen_at(list, "2026-01-11T08:00:00+01:00")),
        "Pågående störning: Aviserad störning i LEFI"
    );
    t.run(&["build", "--now", "2026-01-11T09:00:00+01:00"])
        .assert_code(0);
    assert!(!t.read("index.html").contains("class=\"alerts\""));
}

/// The `src` of every `<script>` of `html`.
fn scripts(html: &str) -> Vec<String> {
    start_tags(html, "script")
        .into_iter()
        .filter_map(|tag| attribute(tag, "src"))
        .map(str::to_string)
        .collect()
}

/// Test – Avtal A 2.0 (from 2027-01-01) adds a third document, Bilaga, in force already.
fn with_a_bilaga_from_2_0() -> PortalTest {
    let t = PortalTest::from_fixture("basic");
    t.file(
        "agreements/bilaga/1.0.md",
        "---\ntitle: Bilaga\nversion: \"1.0\"\ndate: 2024-01-01\nauthor: F\n---\nText.\n",
    );
    let path = "agreements/avtal-a/2.0.md";
    let text = std::fs::read_to_string(t.root.join(path)).unwrap();
    t.file(
        path,
        &text.replace("  - villkor\n", "  - villkor\n  - bilaga\n"),
    );
    t
}

#[test]
fn the_agreements_page_lists_a_document_an_upcoming_version_adds_from_its_day() {
    let t = with_a_bilaga_from_2_0();
    t.build();
    let main = t.main("avtal/index.html");
    let section = element(&main, "aria-labelledby", "avtal-avtal-a");
    let items = |html: &str| -> Vec<String> {
        elements(html, "li")
            .into_iter()
            .map(|li| text(li).split(" version").next().unwrap().to_string())
            .collect()
    };
    assert_eq!(
        items(&shown(section)),
        ["Test – Avtal A", "Allmänna testvillkor"]
    );
    assert_eq!(
        items(&seen_at(section, "2026-12-31T23:59:59+01:00")),
        ["Test – Avtal A", "Allmänna testvillkor"]
    );
    assert_eq!(
        items(&seen_at(section, WINTER_MIDNIGHT)),
        ["Test – Avtal A", "Allmänna testvillkor", "Bilaga"]
    );
    // The new entry carries its day; the ones that stay carry none.
    let bilaga = elements(section, "li")
        .into_iter()
        .find(|li| has_link(li, "/ssbtek/avtal/bilaga/", "Bilaga"))
        .expect("an entry for Bilaga");
    assert_eq!(
        attribute(start_tag(bilaga), "data-from"),
        Some("2027-01-01T00:00:00+01:00")
    );
    assert_eq!(
        elements(section, "li")
            .iter()
            .filter(|li| attribute(start_tag(li), "data-from").is_none())
            .count(),
        2
    );
}

#[test]
fn part_of_counts_the_documents_of_the_version_in_force_on_each_day() {
    let t = with_a_bilaga_from_2_0();
    t.build();
    // The entries a reader sees at `at` (at the build's time: `None`); whether the
    // section shows at all once an entry holds is clock.js's (`data-hide-if-empty`).
    let part_of = |page: &str, at: Option<&str>| -> String {
        let main = t.main(page);
        let Some(_) = main.find("id=\"doc-ingar-i-lista\"") else {
            return String::new();
        };
        let list = element(&main, "id", "doc-ingar-i-lista");
        let seen = match at {
            Some(at) => seen_at(list, at),
            None => shown(list),
        };
        text(&seen)
    };
    let villkor = "avtal/villkor/index.html";
    assert_eq!(
        part_of(villkor, None),
        "Ingår i Test – Avtal A som handling 2 av 2."
    );
    assert_eq!(
        part_of(villkor, Some(WINTER_MIDNIGHT)),
        "Ingår i Test – Avtal A som handling 2 av 3."
    );
    // Bilaga is in the agreement from the day 2.0 takes effect.
    let bilaga = "avtal/bilaga/index.html";
    assert_eq!(part_of(bilaga, None), "");
    let main = t.main(bilaga);
    let section = start_tag(element(&main, "aria-labelledby", "doc-ingar-i"));
    assert!(
        section.contains("data-hide-if-empty=\"doc-ingar-i-lista\"") && section.contains(" hidden"),
        "no empty section now; clock.js shows it when an entry holds: {section}"
    );
    assert_eq!(
        part_of(bilaga, Some(WINTER_MIDNIGHT)),
        "Ingår i Test – Avtal A som handling 3 av 3."
    );
}

/// The words `clock.js` announces a change with, from its script tag on `page`.
fn announcement(t: &PortalTest, page: &str) -> String {
    let html = t.read(page);
    let tag = start_tags(&html, "script")
        .into_iter()
        .find(|tag| attribute(tag, "src").is_some_and(|s| s.ends_with("clock.js")))
        .expect("clock.js on a page that changes");
    attribute(tag, "data-updated")
        .expect("the announcement on the tag")
        .to_string()
}

#[test]
fn the_script_announces_a_change_in_the_portals_language() {
    let t = PortalTest::from_fixture("basic");
    t.build();
    let page = "avtal/avtal-a/index.html";
    assert_eq!(
        announcement(&t, page),
        "Uppgifterna på sidan har uppdaterats till det som gäller nu."
    );
    let yaml = std::fs::read_to_string(t.root.join("portal.yaml")).unwrap();
    t.file("portal.yaml", &format!("{yaml}language: en\n"));
    t.build();
    assert_eq!(
        announcement(&t, page),
        "The page has been brought up to date with what holds now."
    );
}
