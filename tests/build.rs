//! Building fixture portals: URLs, banners, link resolution and what the pages say. The
//! default theme's markup itself is pinned by the snapshots of `tests/markup.rs`.

mod common;

use common::{
    PortalTest, attribute, element, elements, has_link, links, pairs, seen_at, shown, start_tag,
    start_tags, text,
};

/// The date version 2.0 of `avtal-a` in the `basic` fixture takes effect: midnight,
/// Swedish winter time.
const WINTER_MIDNIGHT: &str = "2027-01-01T00:00:00+01:00";

/// The `href` of the `<link rel="{rel}">` in the head of `html`.
fn head_link<'a>(html: &'a str, rel: &str) -> &'a str {
    start_tags(html, "link")
        .into_iter()
        .find(|tag| attribute(tag, "rel") == Some(rel))
        .and_then(|tag| attribute(tag, "href"))
        .unwrap_or_else(|| panic!("no <link rel={rel:?}> in {html}"))
}

#[test]
fn builds_every_published_version_at_its_url() {
    let t = PortalTest::from_fixture("basic");
    let run = t.run(&["build"]);
    run.assert_code(0);
    assert!(
        run.stdout.starts_with("Built 17 pages in "),
        "{}",
        run.stdout
    );
    let files = t.output_files();
    for expected in [
        "index.html",
        "404.html",
        "style.css",
        "print.css",
        "avtal/index.html",
        "avtal/avtal-a/index.html",
        "avtal/avtal-a/1.0/index.html",
        "avtal/avtal-a/1.1/index.html",
        "avtal/avtal-a/2.0/index.html",
        "avtal/avtal-a/1.1/andringar/index.html",
        "avtal/avtal-a/2.0/andringar/index.html",
        "avtal/avtal-a/2.0/andringar/sedan-1.0/index.html",
        "manifest.json",
        "sitemap.xml",
        "robots.txt",
        "webbplatskarta/index.html",
        "avtal/villkor/index.html",
        "avtal/villkor/1.0/index.html",
        "guide/index.html",
        "guide/steg/index.html",
        "guide/andra/index.html",
    ] {
        assert!(
            files.contains(&expected.to_string()),
            "missing {expected}: {files:?}"
        );
    }
    assert!(
        !files.iter().any(|f| f.starts_with("avtal/villkor/1.1")),
        "draft published: {files:?}"
    );
}

#[test]
fn main_document_page_shows_the_current_version_with_history() {
    let t = PortalTest::from_fixture("basic");
    t.build();
    let main = t.main("avtal/avtal-a/index.html");
    let now = text(&shown(&main));
    assert!(now.contains("Text i version 1.1"), "{now}");
    // In force until 2.0 takes effect at midnight, Swedish winter time.
    assert!(now.contains("Status Gällande Uppdaterad"), "{now}");
    let then = text(&seen_at(&main, WINTER_MIDNIGHT));
    assert!(then.contains("Status Ersatt Uppdaterad"), "{then}");
    // The revision history lists every published version, in order, linking the others
    // and the changes each brought; this one is named, not linked.
    let history = element(&main, "aria-labelledby", "doc-revisionshistorik");
    assert_eq!(
        links(history),
        pairs(&[
            ("/ssbtek/avtal/avtal-a/1.0/", "1.0"),
            (
                "/ssbtek/avtal/avtal-a/1.1/andringar/",
                "Ändringar i version 1.1"
            ),
            ("/ssbtek/avtal/avtal-a/2.0/", "2.0"),
            (
                "/ssbtek/avtal/avtal-a/2.0/andringar/",
                "Ändringar i version 2.0"
            ),
        ])
    );
    let rows = text(&shown(history));
    assert!(
        rows.contains("1.0 Ersatt 2020-01-01 Förvaltningen Första versionen 1.1 Gällande 2021-01-01 Förvaltningen Förtydligad förvaltning Ändringar i version 1.1 2.0 Gäller från 2027-01-01"),
        "{rows}"
    );
}

#[test]
fn superseded_version_links_to_the_prevailing_one() {
    let t = PortalTest::from_fixture("basic");
    t.build();
    let main = t.main("avtal/avtal-a/1.0/index.html");
    let now = text(&shown(&main));
    assert!(
        now.contains(
            "Den här versionen är ersatt. En senare version gäller och har företräde: Test – Avtal A, version 1.1."
        ),
        "{now}"
    );
    assert!(
        has_link(
            &shown(&main),
            "/ssbtek/avtal/avtal-a/1.1/",
            "Test – Avtal A, version 1.1"
        ),
        "{main}"
    );
    assert!(now.contains("Text i version 1.0"));
    let html = t.read("avtal/avtal-a/1.0/index.html");
    let breadcrumbs = element(&html, "aria-label", "Du är här");
    assert_eq!(
        text(element(breadcrumbs, "aria-current", "page")),
        "Version 1.0",
        "{breadcrumbs}"
    );
}

#[test]
fn upcoming_version_says_when_it_applies() {
    let t = PortalTest::from_fixture("basic");
    t.build();
    let main = t.main("avtal/avtal-a/2.0/index.html");
    let now = text(&shown(&main));
    assert!(
        now.contains(
            "Kommande version. Den här versionen gäller från och med 2027-01-01. Till dess gäller version 1.1."
        ),
        "{now}"
    );
    assert!(
        has_link(&shown(&main), "/ssbtek/avtal/avtal-a/1.1/", "version 1.1"),
        "{main}"
    );
}

#[test]
fn the_build_date_decides_the_current_version() {
    let t = PortalTest::from_fixture("basic");
    t.run(&["build", "--now", "2020-06-01"]).assert_code(0);
    assert!(
        t.main("avtal/avtal-a/index.html")
            .contains("Text i version 1.0")
    );
    assert!(
        t.main("avtal/avtal-a/1.1/index.html")
            .contains("Kommande version.")
    );
    // On 2027-01-01 version 2.0 applies; it has no section 2.1, so a link to section
    // 2.1 of the current version breaks then. Builds before the day say so, with the
    // day and the version (W0303); the build on the day fails.
    t.file(
        "content/guide/lank.md",
        "---\ntitle: Länk\n---\nSe [punkt 2.1](avtal:avtal-a#punkt-2.1).\n",
    );
    t.run(&["build", "--now", "2027-01-01T00:00:00+01:00"])
        .assert_code(1)
        .assert_stderr("content/guide/lank.md:4:4: error[E0302]: broken link `avtal:avtal-a#punkt-2.1`: `/avtal/avtal-a/` has no `#punkt-2.1`");
    t.run(&["check", "--now", "2026-12-31T23:59:59+01:00"])
        .assert_code(0)
        .assert_stderr("content/guide/lank.md:4:4: warning[W0303]: from 2027-01-01, when Test – Avtal A 2.0 takes effect, `avtal:avtal-a#punkt-2.1` no longer exists");
    // SOURCE_DATE_EPOCH is the default when --now is absent (2020-06-01T00:00:00Z).
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_infoportal"))
        .args(["build", "--root"])
        .arg(&t.root)
        .env("SOURCE_DATE_EPOCH", "1590969600")
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(
        t.main("avtal/avtal-a/index.html")
            .contains("Text i version 1.0")
    );
}

#[test]
fn drafts_are_published_only_with_the_flag() {
    let t = PortalTest::from_fixture("basic");
    t.run(&["build", "--drafts"]).assert_code(0);
    let main = t.main("avtal/villkor/1.1/index.html");
    assert!(main.contains("Utkast."), "{main}");
    // Previewed as it will be once published: the draft is then the current version.
    assert!(t.main("avtal/villkor/index.html").contains("Ett utkast."));
}

#[test]
fn links_resolve_to_published_urls_with_the_base_path() {
    let t = PortalTest::from_fixture("basic");
    t.build();
    let main = t.main("guide/steg/index.html");
    for href in [
        "href=\"/ssbtek/avtal/avtal-a/1.0/\"",
        "href=\"/ssbtek/avtal/avtal-a/#punkt-1\"",
        "href=\"#andra-steget\"",
        "href=\"/ssbtek/\"",
        "href=\"/ssbtek/avtal/\"",
        "href=\"https://www.example.org/\" class=\"external\"",
    ] {
        assert!(main.contains(href), "no {href} in {main}");
    }
    let doc = t.main("avtal/avtal-a/1.1/index.html");
    assert!(
        doc.contains("href=\"/ssbtek/avtal/villkor/#punkt-3\""),
        "{doc}"
    );
    assert!(
        doc.contains("href=\"/ssbtek/guide/steg/#andra-steget\""),
        "{doc}"
    );
}

#[test]
fn base_url_flag_overrides_the_configured_one() {
    let t = PortalTest::from_fixture("basic");
    t.run(&["build", "--base-url", "http://127.0.0.1:1111/"])
        .assert_code(0);
    let html = t.read("guide/steg/index.html");
    assert!(html.contains("href=\"/avtal/avtal-a/1.0/\""));
    assert_eq!(
        head_link(&html, "canonical"),
        "http://127.0.0.1:1111/guide/steg/"
    );
    assert_eq!(head_link(&html, "stylesheet"), "/style.css");
}

#[test]
fn a_base_url_with_characters_legal_in_urls_builds() {
    // See: #10. These broke the build with 32 errors about the theme's links.
    let t = PortalTest::from_fixture("basic");
    let run = t.run(&["build", "--base-url", "HTTPS://Example.SE:443/a&b'c d/"]);
    run.assert_code(0);
    assert_eq!(run.stderr, "", "no diagnostics");
    let html = t.read("guide/steg/index.html");
    assert_eq!(
        head_link(&html, "canonical"),
        "https://example.se/a%26b%27c%20d/guide/steg/"
    );
    assert!(html.contains("href=\"/a%26b%27c%20d/avtal/avtal-a/1.0/\""));
}

#[test]
fn hrefs_are_percent_encoded_and_name_the_file_that_was_checked() {
    // See: #10. `Karta över.png` was written with a raw space, `\` kept (browsers read
    // it as `/`), and `%3F` decoded to `?`, so the file could never be reached. Such
    // names are refused now (E0202, see tests/skipped.rs); paths, queries and
    // fragments are still written percent-encoded (`util::url` has the paths' cases).
    let t = PortalTest::from_fixture("minimal");
    t.bytes("content/bilder/karta.png", b"PNG");
    t.bytes("content/fraga.pdf", b"PDF");
    t.file(
        "content/a.md",
        "---\ntitle: A\n---\n[karta](../bilder/karta.png) ![Karta](</bilder/karta.png>)\n\n[fråga](/fraga.pdf?v=ö#sida=2)\n\n[ext](https://example.se/a\\b?q=ö#ä) [mejl](mailto:fråga@example.se) <kontakt@example.se> [ring](tel:+46 10 123 45 67)\n",
    );
    t.build();
    let main = t.main("a/index.html");
    for attr in [
        "href=\"/bilder/karta.png\"",
        "src=\"/bilder/karta.png\"",
        "href=\"/fraga.pdf?v=%C3%B6#sida=2\"",
        "href=\"https://example.se/a%5Cb?q=%C3%B6#%C3%A4\" class=\"external\"",
        "href=\"mailto:fr%C3%A5ga@example.se\"",
        "href=\"mailto:kontakt@example.se\"",
    ] {
        assert!(main.contains(attr), "no {attr} in {main}");
    }
    // `tel:+46 10 …` has spaces, so it is no link destination at all.
    assert!(main.contains("[ring](tel:+46 10 123 45 67)"), "{main}");
}

#[test]
fn agreement_headings_get_section_ids_and_a_table_of_contents() {
    let t = PortalTest::from_fixture("basic");
    t.build();
    let main = t.main("avtal/avtal-a/index.html");
    let heading = element(&main, "id", "punkt-2");
    assert!(heading.starts_with("<h2"), "{heading}");
    assert_eq!(text(heading), "2 Åtaganden");
    let heading = element(&main, "id", "punkt-2.1");
    assert!(heading.starts_with("<h3"), "{heading}");
    assert_eq!(text(heading), "2.1 Drift");
    let toc = element(&main, "aria-labelledby", "doc-innehall");
    assert_eq!(
        links(toc),
        pairs(&[
            ("#punkt-1", "1 Parter"),
            ("#punkt-2", "2 Åtaganden"),
            ("#punkt-2.1", "2.1 Drift"),
            ("#punkt-2.2", "2.2 Förvaltning"),
        ])
    );
}

#[test]
fn pages_have_title_description_canonical_and_landmarks() {
    let t = PortalTest::from_fixture("basic");
    t.build();
    let html = t.read("guide/steg/index.html");
    assert!(html.starts_with("<!DOCTYPE html>\n"));
    assert_eq!(attribute(start_tags(&html, "html")[0], "lang"), Some("sv"));
    assert_eq!(
        text(elements(&html, "title")[0]),
        "Steg för steg – Testportal"
    );
    let description = start_tags(&html, "meta")
        .into_iter()
        .find(|tag| attribute(tag, "name") == Some("description"))
        .and_then(|tag| attribute(tag, "content"));
    assert_eq!(description, Some("Så ansluter du."));
    assert_eq!(
        head_link(&html, "canonical"),
        "https://portal.example.se/ssbtek/guide/steg/"
    );
    // The first link skips to the main content.
    assert_eq!(links(&html)[0].0, "#main");
    assert_eq!(attribute(start_tags(&html, "main")[0], "id"), Some("main"));
    for landmark in ["header", "nav", "main", "footer"] {
        assert!(!start_tags(&html, landmark).is_empty(), "no <{landmark}>");
    }
    assert!(
        !html.contains("<script"),
        "no scripts needed to read a page"
    );
    assert!(!html.contains(" style="), "no inline styles");
    // Breadcrumbs lead from the start page through the section to this page.
    let breadcrumbs = element(&html, "aria-label", "Du är här");
    assert_eq!(
        links(breadcrumbs),
        pairs(&[
            ("/ssbtek/", "Startsida för testportalen"),
            ("/ssbtek/guide/", "Guider")
        ])
    );
    assert_eq!(
        text(element(breadcrumbs, "aria-current", "page")),
        "Steg för steg"
    );
}

#[test]
fn markdown_features_render_accessibly() {
    let t = PortalTest::from_fixture("basic");
    t.build();
    let main = t.main("guide/steg/index.html");
    // Header cells say what they head, and columns keep their alignment.
    let headers = start_tags(&main, "th");
    assert!(!headers.is_empty(), "{main}");
    assert!(
        headers
            .iter()
            .all(|th| attribute(th, "scope") == Some("col")),
        "{main}"
    );
    let vem = elements(&main, "th")
        .into_iter()
        .find(|th| text(th) == "Vem")
        .expect("the column Vem");
    assert_eq!(attribute(start_tag(vem), "class"), Some("align-center"));
    let antal = elements(&main, "td")
        .into_iter()
        .find(|td| text(td) == "2")
        .expect("the cell 2");
    assert_eq!(attribute(start_tag(antal), "class"), Some("align-right"));
    // The footnotes are a labelled section.
    let footnotes = element(&main, "aria-label", "Fotnoter");
    assert!(footnotes.starts_with("<section"), "{footnotes}");
    assert!(text(footnotes).contains("Fotnotens text."), "{footnotes}");
    let raw = t.main("guide/andra/index.html");
    assert!(
        raw.contains("&lt;b&gt;Fet HTML&lt;/b&gt;"),
        "raw HTML is escaped: {raw}"
    );
}

#[test]
fn raw_html_passes_when_the_portal_allows_it() {
    let t = PortalTest::from_fixture("basic");
    let config = std::fs::read_to_string(t.root.join("portal.yaml")).unwrap();
    t.file("portal.yaml", &format!("{config}raw_html: true\n"));
    t.build();
    assert!(t.main("guide/andra/index.html").contains("<b>Fet HTML</b>"));
}

#[test]
fn section_pages_list_their_pages_by_weight() {
    let t = PortalTest::from_fixture("basic");
    t.build();
    let main = t.main("guide/index.html");
    let andra = main.find("Andra guiden").expect("andra listed");
    let steg = main.find("Steg för steg").expect("steg listed");
    assert!(andra < steg, "weight 1 before weight 2: {main}");
    // Each with its description.
    assert!(
        text(&main).contains("Steg för steg Så ansluter du."),
        "{main}"
    );
}

#[test]
fn agreements_page_lists_documents_and_uses_the_intro_page() {
    let t = PortalTest::from_fixture("basic");
    t.build();
    let main = t.main("avtal/index.html");
    assert_eq!(text(elements(&main, "h1")[0]), "Avtal och villkor");
    assert!(main.contains("Här finns alla avtal."));
    assert!(
        has_link(&main, "/ssbtek/avtal/villkor/", "Allmänna testvillkor"),
        "{main}"
    );
    assert!(
        has_link(&main, "/ssbtek/avtal/avtal-a/2.0/", "Version 2.0"),
        "{main}"
    );
    assert!(
        text(&shown(&main)).contains("Version 2.0 gäller från 2027-01-01"),
        "{main}"
    );
}

#[test]
fn menu_marks_the_current_section() {
    let t = PortalTest::from_fixture("basic");
    t.build();
    // The menu entry of the page itself is the current page; on a page within a section,
    // the section's entry is marked for the style sheet.
    let entry = |page: &str, href: &str| {
        let html = t.read(page);
        let menu = element(&html, "aria-label", "Huvudmeny");
        elements(menu, "a")
            .into_iter()
            .find(|a| attribute(start_tag(a), "href") == Some(href))
            .unwrap_or_else(|| panic!("no {href} in {menu}"))
            .to_string()
    };
    let guide = entry("guide/index.html", "/ssbtek/guide/");
    assert_eq!(attribute(&guide, "aria-current"), Some("page"), "{guide}");
    assert_eq!(text(&guide), "Guider");
    let avtal = entry("avtal/avtal-a/index.html", "/ssbtek/avtal/");
    assert_eq!(attribute(&avtal, "class"), Some("in-section"), "{avtal}");
    assert_eq!(attribute(&avtal, "aria-current"), None, "{avtal}");
}

#[test]
fn check_writes_nothing() {
    let t = PortalTest::from_fixture("basic");
    let run = t.run(&["check"]);
    run.assert_code(0);
    assert!(run.stdout.starts_with("Checked 17 pages"), "{}", run.stdout);
    assert!(!t.out().exists());
}

#[test]
fn content_assets_are_copied() {
    let t = PortalTest::from_fixture("basic");
    t.bytes(
        "content/guide/flode.svg",
        b"<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    );
    t.file(
        "content/guide/bild.md",
        "---\ntitle: Bild\n---\n![Flödet](flode.svg)\n",
    );
    t.build();
    assert!(t.out().join("guide/flode.svg").is_file());
    assert!(
        t.main("guide/bild/index.html")
            .contains("src=\"/ssbtek/guide/flode.svg\"")
    );
}

#[test]
fn search_index_finds_an_agreement_by_a_word_from_its_body() {
    let t = PortalTest::from_fixture("basic");
    t.build();
    let meta: serde_json::Value = serde_json::from_str(&t.read("sok/index/meta.json")).unwrap();
    assert_eq!(meta["version"], 3);
    // "Förvaltning" is the heading of 2.2 in avtal-a 1.1; shards are named by the word
    // without its diacritics.
    let word = "förvaltning";
    let shard = meta["shards"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap())
        .find(|s| "forvaltning".starts_with(s))
        .expect("a shard for the word");
    let terms: serde_json::Value =
        serde_json::from_str(&t.read(&format!("sok/index/t-{shard}.json"))).unwrap();
    // The stem's length, then results and scores.
    let postings = terms["w"][word].as_array().expect("the word is indexed");
    let chunk = meta["chunk"].as_u64().unwrap();
    let urls: Vec<String> = postings[1..]
        .chunks(2)
        .map(|p| {
            let id = p[0].as_u64().unwrap();
            let pages: serde_json::Value =
                serde_json::from_str(&t.read(&format!("sok/index/p-{}.json", id / chunk))).unwrap();
            pages[(id % chunk) as usize][0]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    assert!(
        urls.contains(&"/ssbtek/avtal/avtal-a/".to_string()),
        "{urls:?}"
    );
    // Its section is a result of its own.
    assert!(
        urls.contains(&"/ssbtek/avtal/avtal-a/#punkt-2.2".to_string()),
        "{urls:?}"
    );
    // Old versions and change views are not indexed, so results are not repeated.
    assert!(
        !urls
            .iter()
            .any(|u| u.contains("/1.0/") || u.contains("andringar")),
        "{urls:?}"
    );
    let page = t.main("sok/index.html");
    assert!(
        page.contains("<noscript>"),
        "explains itself without JavaScript"
    );
    assert!(page.contains("href=\"/ssbtek/webbplatskarta/\""));
}

#[test]
fn a_content_file_at_a_generated_page_is_reported_at_its_root_relative_path() {
    let t = PortalTest::from_fixture("minimal");
    t.file("content/404.html", "<p>Egen</p>\n");
    let run = t.run(&["build"]);
    run.assert_code(1).assert_stderr(
        "content/404.html: error[E0201]: two sources publish the same URL `/404.html`\n  = note: `/404.html` is a page the portal generates\n  = hint: rename or remove one of them",
    );
    assert!(!run.stderr.contains("[ROOT]"), "{}", run.stderr);
    assert!(
        run.stderr.starts_with("content/404.html:"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_content_file_cannot_replace_a_generated_file() {
    let t = PortalTest::from_fixture("minimal");
    t.file("content/manifest.json", "{\"fake\":true}\n");
    t.file("content/sok/index/meta.json", "{}\n");
    t.file("content/robots.txt", "User-agent: *\n");
    t.file("content/sok/index.html", "<p>Egen</p>\n");
    t.run(&["build"])
        .assert_code(1)
        .assert_stderr("content/manifest.json: error[E0201]: two sources publish the same URL `/manifest.json`\n  = note: `/manifest.json` is generated by the portal\n  = hint: rename or remove one of them")
        .assert_stderr("content/sok/index/meta.json: error[E0201]: two sources publish the same URL `/sok/index/meta.json`\n  = note: `/sok/index/` is generated by the portal")
        .assert_stderr("content/robots.txt: error[E0201]: two sources publish the same URL `/robots.txt`\n  = note: `/robots.txt` is generated by the portal")
        .assert_stderr("content/sok/index.html: error[E0201]: two sources publish the same URL `/sok/`\n  = note: `/sok/` is a page the portal generates")
        .assert_stderr_count("error[E0201]", 4);
    assert!(!t.out().exists(), "nothing is written on errors");
}

#[test]
fn a_content_file_may_replace_a_theme_file() {
    let t = PortalTest::from_fixture("minimal");
    t.file("content/style.css", "body { color: red }\n");
    t.build();
    assert_eq!(t.read("style.css"), "body { color: red }\n");
}

/// A theme's own template for `/avtal/` that tests the introduction rather than only
/// printing it.
fn theme_testing_the_content() -> PortalTest {
    let t = PortalTest::from_fixture("minimal");
    t.file(
        "portal.yaml",
        "title: Minimal\nbase_url: https://example.se/\ntheme: egen\n",
    );
    t.file(
        "themes/egen/templates/agreements.html",
        "{% extends \"base.html\" %}\n{% block main %}{% if page.content %}<div class=\"intro\">{{ page.content | safe }}</div>{% else %}<p>NO-INTRO</p>{% endif %}<p>LEN={{ page.content | length }}</p>{% endblock main %}\n",
    );
    t
}

#[test]
fn a_page_without_a_body_shows_templates_an_empty_content() {
    let t = theme_testing_the_content();
    t.build();
    let main = t.main("avtal/index.html");
    assert!(main.contains("<p>NO-INTRO</p><p>LEN=0</p>"), "{main}");
    assert!(!main.contains('\u{E000}'), "{main}");
}

#[test]
fn a_page_with_a_body_shows_templates_its_content() {
    let t = theme_testing_the_content();
    t.file(
        "content/avtal/_index.md",
        "---\ntitle: Avtal\n---\nInledning.\n",
    );
    t.build();
    let main = t.main("avtal/index.html");
    assert!(
        main.contains("<div class=\"intro\"><p>Inledning.</p>\n</div>"),
        "{main}"
    );
    assert!(!main.contains('\u{E000}'), "{main}");
}

#[test]
fn content_printed_without_safe_is_escaped() {
    let t = PortalTest::from_fixture("minimal");
    t.file(
        "portal.yaml",
        "title: Minimal\nbase_url: https://example.se/\ntheme: egen\n",
    );
    t.file(
        "themes/egen/templates/page.html",
        "{% extends \"base.html\" %}\n{% block main %}<div>{{ page.content }}</div>{% endblock main %}\n",
    );
    t.file("content/a.md", "---\ntitle: A\n---\nText\n");
    t.build();
    let main = t.main("a/index.html");
    assert!(
        main.contains("<div>&lt;p&gt;Text&lt;/p&gt;\n</div>"),
        "{main}"
    );
}

#[test]
fn drafts_show_one_draft_banner_on_pages_and_documents() {
    let t = PortalTest::from_fixture("basic");
    t.file(
        "content/guide/utkast.md",
        "---\ntitle: Utkastsida\ndraft: true\n---\nText.\n",
    );
    t.run(&["build", "--drafts"]).assert_code(0);
    let page = t.main("guide/utkast/index.html");
    assert_eq!(page.matches("banner-draft").count(), 1, "{page}");
    let banner = element(&page, "class", "banner banner-draft");
    insta::assert_snapshot!("draft_banner_of_a_page", banner);
    assert!(
        text(&page).contains("Utkast. Den här sidan är ett utkast"),
        "{page}"
    );
    for version in ["avtal/villkor/1.1/index.html", "avtal/villkor/index.html"] {
        let doc = t.main(version);
        assert_eq!(doc.matches("banner-draft").count(), 1, "{doc}");
        insta::assert_snapshot!(
            "draft_banner_of_a_document",
            element(&doc, "class", "banner banner-draft")
        );
        assert!(
            text(&doc).contains("Utkast. Den här versionen är ett utkast"),
            "{doc}"
        );
    }
    for published in [
        "guide/steg/index.html",
        "avtal/villkor/1.0/index.html",
        "index.html",
    ] {
        assert!(!t.main(published).contains("banner-draft"), "{published}");
    }
}

/// The minimal portal with a theme `egen` whose `agreements.html` is `template`.
fn theme_with_agreements_template(template: &str) -> PortalTest {
    let t = PortalTest::from_fixture("minimal");
    t.file(
        "portal.yaml",
        "title: Minimal\nbase_url: https://example.se/\ntheme: egen\n",
    );
    t.file("themes/egen/templates/agreements.html", template);
    t
}

#[test]
fn a_missing_include_is_reported_at_its_line_and_column() {
    let t = theme_with_agreements_template(
        "{% extends \"base.html\" %}\n{% block main %}\n<p>x</p>{% include \"saknas.html\" %}{{ page.title | nofilter }}\n{% endblock main %}\n",
    );
    let run = t.run(&["build"]);
    run.assert_code(1)
        .assert_stderr("themes/egen/templates/agreements.html:3:20: error[E0502]: template error: Unknown template `saknas.html`\n  = hint: fix the template")
        .assert_stderr("themes/egen/templates/agreements.html:3:52: error[E0502]: template error: Unknown filter `nofilter`\n")
        .assert_stderr_count("error[E0502]", 2);
    assert!(!run.stderr.contains("-->"), "{}", run.stderr);
}

#[test]
fn a_missing_parent_template_is_reported_at_the_extends_tag() {
    let t = theme_with_agreements_template(
        "{# Egen mall #}\n{% extends \"saknas.html\" %}\n{% block main %}<p>x</p>{% endblock main %}\n",
    );
    t.run(&["build"]).assert_code(1).assert_stderr(
        "themes/egen/templates/agreements.html:2:12: error[E0502]: template error: `agreements.html` extends `saknas.html`, which does not exist\n  = hint: fix the template",
    );
}

#[test]
fn a_theme_sees_the_version_fields_on_the_document_and_each_history_row() {
    let t = PortalTest::from_fixture("basic");
    t.file(
        "portal.yaml",
        "title: Testportal\nbase_url: https://portal.example.se/ssbtek/\ntheme: egen\n",
    );
    t.file(
        "themes/egen/templates/document.html",
        "{% extends \"base.html\" %}\n{% block main %}{% set doc = page.document %}<p>DOC {{ doc.version }}|{{ doc.date }}|{{ doc.author }}|{{ doc.comment }}|{{ doc.valid_from }}|{{ doc.status }}</p>\n{% for row in doc.history %}<p>ROW {{ row.version }}|{{ row.date }}|{{ row.author }}|{{ row.comment }}|{{ row.valid_from }}|{{ row.status }}|{{ row.is_this }}</p>\n{% endfor %}{% for m in doc.part_of %}<a href=\"{{ m.url }}\">{{ m.title }}</a>{% endfor %}{% for item in doc.documents %}<a href=\"{{ item.url }}\">{{ item.title }}</a>{% endfor %}{{ page.content | safe }}{% endblock main %}\n",
    );
    t.build();
    let main = t.main("avtal/avtal-a/1.1/index.html");
    for expected in [
        "<p>DOC 1.1|2021-01-01|Förvaltningen|Förtydligad förvaltning|2021-01-01|current</p>",
        "<p>ROW 1.0|2020-01-01|Förvaltningen|Första versionen|2020-01-01|superseded|false</p>",
        "<p>ROW 1.1|2021-01-01|Förvaltningen|Förtydligad förvaltning|2021-01-01|current|true</p>",
        "<p>ROW 2.0|2026-10-01|Förvaltningen|Ny struktur|2027-01-01|upcoming|false</p>",
    ] {
        assert!(main.contains(expected), "no {expected} in {main}");
    }
}

/// The agreement document of the `minimal` fixture, with `body`.
fn minimal_agreement(body: &str) -> String {
    format!(
        "---\ntitle: Avtal\nversion: \"1.0\"\ndate: 2024-01-01\nauthor: F\ndocuments:\n  - avtal\n---\n{body}"
    )
}

#[test]
fn headings_in_footnotes_and_block_quotes_keep_their_own_ids() {
    let t = PortalTest::from_fixture("minimal");
    t.file(
        "agreements/avtal/1.0.md",
        &minimal_agreement(
            "## 1 Parter\n\nText[^1], se [huvuddelen](#punkt-4) och punkten 2.\n\n[^1]: ## Fotnotsrubrik\n\n## 2 Andra steget\n\n> ## 3 Citerad\n>\n> Citat.\n\n## 4 Huvuddelen\n",
        ),
    );
    t.build();
    let main = t.main("avtal/avtal/index.html");
    for (id, heading) in [
        ("punkt-2", "2 Andra steget"),
        ("punkt-3", "3 Citerad"),
        ("punkt-4", "4 Huvuddelen"),
        ("fotnotsrubrik", "Fotnotsrubrik"),
    ] {
        let element = element(&main, "id", id);
        assert!(element.starts_with("<h2"), "{element}");
        assert_eq!(text(element), heading);
    }
    // The table of contents names each heading by its own text.
    let toc = links(element(&main, "aria-labelledby", "doc-innehall"));
    for entry in [("#punkt-2", "2 Andra steget"), ("#punkt-4", "4 Huvuddelen")] {
        assert!(
            toc.contains(&(entry.0.to_string(), entry.1.to_string())),
            "{entry:?} in {toc:?}"
        );
    }
    // Links and section references land on the heading they name.
    assert!(main.contains("<a href=\"#punkt-4\">huvuddelen</a>"));
    assert!(main.contains("punkten <a href=\"#punkt-2\" class=\"section-ref\">2</a>"));
}

#[test]
fn an_id_attribute_is_the_heading_id() {
    let t = PortalTest::from_fixture("minimal");
    t.file(
        "content/a.md",
        "---\ntitle: A\n---\n## Första steget {id=forsta class=x}\n\nSe [här](#forsta).\n",
    );
    t.build();
    let main = t.main("a/index.html");
    assert!(
        main.contains("<h2 id=\"forsta\" class=\"x\">Första steget</h2>"),
        "{main}"
    );
    assert!(main.contains("<a href=\"#forsta\">här</a>"));
}

/// The minimal portal with a theme `egen` whose `base.html` has the head `head`.
fn theme_with_head(head: &str) -> PortalTest {
    let t = PortalTest::from_fixture("minimal");
    t.file(
        "portal.yaml",
        "title: Minimal\nbase_url: https://example.se/\ntheme: egen\n",
    );
    t.file(
        "themes/egen/templates/base.html",
        &format!(
            "<!DOCTYPE html>\n<html lang=\"sv\">\n<head>\n{head}\n<title>{{% block title %}}{{{{ page.title }}}}{{% endblock title %}}</title>\n<link rel=\"stylesheet\" href=\"/style.css\">\n</head>\n<body>\n<main id=\"main\">{{% block main %}}{{% endblock main %}}</main>\n</body>\n</html>\n"
        ),
    );
    t
}

/// The policy as the build inserts it.
fn inserted_policy() -> String {
    format!(
        "\n<meta http-equiv=\"Content-Security-Policy\" content=\"{}\">",
        infoportal::util::csp::META_POLICY
    )
}

#[test]
fn a_theme_without_the_policy_gets_it_first_in_the_head() {
    let t = theme_with_head("<meta charset=\"utf-8\">");
    t.build();
    let files = t.output_files();
    let pages: Vec<&String> = files.iter().filter(|f| f.ends_with(".html")).collect();
    assert!(pages.len() >= 5, "{pages:?}");
    for page in pages {
        let html = t.read(page);
        assert!(
            html.starts_with(&format!(
                "<!DOCTYPE html>\n<html lang=\"sv\">\n<head>\n<meta charset=\"utf-8\">{}\n<title>",
                inserted_policy()
            )),
            "{page}:\n{html}"
        );
        assert_eq!(html.matches("Content-Security-Policy").count(), 1);
    }
}

#[test]
fn a_theme_that_comments_the_policy_out_still_gets_it() {
    let t = theme_with_head(
        "<!-- <meta http-equiv=\"Content-Security-Policy\" content=\"{{ site.csp }}\"> -->",
    );
    t.build();
    let html = t.read("index.html");
    assert!(
        html.starts_with(&format!(
            "<!DOCTYPE html>\n<html lang=\"sv\">\n<head>{}\n<!--",
            inserted_policy()
        )),
        "{html}"
    );
}

#[test]
fn a_theme_that_writes_the_policy_itself_gets_it_once() {
    let t = theme_with_head(
        "<meta name=\"viewport\" content=\"width=device-width\">\n<meta http-equiv=\"content-security-policy\" content=\"{{ site.csp }}\">",
    );
    t.build();
    let html = t.read("index.html");
    assert_eq!(html.matches("ontent-security-policy").count(), 1, "{html}");
    assert!(!html.contains(&inserted_policy()), "{html}");
}
