//! `/avtal/atom.xml`: the Atom feed of agreement versions, upcoming ones included,
//! read back with an XML parser nobody on the team wrote.

mod common;

use common::{PortalTest, attribute, has_link, start_tags};

/// One `<entry>` of the feed, as a reader sees it.
#[derive(Debug)]
struct Entry {
    title: String,
    id: String,
    alternate: String,
    related: Option<String>,
    updated: String,
    summary: String,
}

fn text_of(node: roxmltree::Node<'_, '_>, name: &str) -> String {
    node.children()
        .find(|n| n.has_tag_name(name))
        .and_then(|n| n.text())
        .unwrap_or_else(|| panic!("no <{name}>"))
        .to_string()
}

fn link_of(node: roxmltree::Node<'_, '_>, rel: &str) -> Option<String> {
    node.children()
        .find(|n| n.has_tag_name("link") && n.attribute("rel") == Some(rel))
        .and_then(|n| n.attribute("href"))
        .map(str::to_string)
}

/// The feed's entries; panics unless it is well-formed Atom with the feed-level parts.
fn entries(xml: &str) -> Vec<Entry> {
    let doc = roxmltree::Document::parse(xml).expect("well-formed XML");
    let feed = doc.root_element();
    assert!(feed.has_tag_name(("http://www.w3.org/2005/Atom", "feed")));
    assert_eq!(
        text_of(feed, "id"),
        "https://portal.example.se/ssbtek/avtal/atom.xml"
    );
    assert_eq!(
        link_of(feed, "self").as_deref(),
        Some("https://portal.example.se/ssbtek/avtal/atom.xml")
    );
    assert_eq!(
        link_of(feed, "alternate").as_deref(),
        Some("https://portal.example.se/ssbtek/avtal/")
    );
    feed.children()
        .filter(|n| n.has_tag_name("entry"))
        .map(|e| Entry {
            title: text_of(e, "title"),
            id: text_of(e, "id"),
            alternate: link_of(e, "alternate").expect("alternate link"),
            related: link_of(e, "related"),
            updated: text_of(e, "updated"),
            summary: text_of(e, "summary"),
        })
        .collect()
}

const BASE: &str = "https://portal.example.se/ssbtek/";

#[test]
fn the_feed_has_every_published_version_upcoming_included_newest_first() {
    let t = PortalTest::from_fixture("basic");
    t.build();
    let xml = t.read("avtal/atom.xml");
    let entries = entries(&xml);
    let titles: Vec<&str> = entries.iter().map(|e| e.title.as_str()).collect();
    // avtal-a 2.0 (dated 2026-10-01) applies from 2027-01-01, after the build's date: it
    // is in the feed, first. villkor 1.1 is a draft: it is not.
    assert_eq!(
        titles,
        [
            "Test – Avtal A version 2.0",
            "Test – Avtal A version 1.1",
            "Test – Avtal A version 1.0",
            "Allmänna testvillkor version 1.0",
        ]
    );
    let upcoming = &entries[0];
    assert_eq!(upcoming.id, format!("{BASE}avtal/avtal-a/2.0/"));
    assert_eq!(upcoming.alternate, upcoming.id);
    assert_eq!(
        upcoming.related.as_deref(),
        Some(&*format!("{BASE}avtal/avtal-a/2.0/andringar/"))
    );
    assert!(
        upcoming
            .summary
            .contains("gäller från 2027-01-01. Ny struktur"),
        "{}",
        upcoming.summary
    );
    // 2026-10-01 starts at 22:00 UTC the day before in Stockholm (summer time).
    assert_eq!(upcoming.updated, "2026-09-30T22:00:00Z");
    // A first version has no change view to link to.
    assert_eq!(entries[2].related, None);
    assert_eq!(entries[3].related, None);
    // Every link of the feed leads to a page of the site.
    for entry in &entries {
        for url in std::iter::once(&entry.alternate).chain(&entry.related) {
            let rel = url.strip_prefix(BASE).expect("a URL of the site");
            assert!(
                t.out().join(rel).join("index.html").is_file(),
                "{url} is not published"
            );
        }
    }
    // The feed's `updated` is its newest entry's, not the build's time.
    assert!(xml.contains("  <updated>2026-09-30T22:00:00Z</updated>\n  <author>"));
}

#[test]
fn the_feed_is_the_same_whenever_it_is_built() {
    let t = PortalTest::from_fixture("basic");
    // Section 2.1 is gone from 2.0: the guide links the version that has it.
    let guide = std::fs::read_to_string(t.root.join("content/guide/steg.md")).unwrap();
    t.file(
        "content/guide/steg.md",
        &guide.replace("avtal:avtal-a#punkt-2.1", "avtal:avtal-a@1.1#punkt-2.1"),
    );
    t.run(&["build", "--now", "2026-11-26"]).assert_code(0);
    let first = t.read("avtal/atom.xml");
    t.run(&["build", "--now", "2026-11-26"]).assert_code(0);
    assert_eq!(t.read("avtal/atom.xml"), first, "reproducible");
    // Nothing in it depends on the build's time: when 2.0 takes effect, no entry
    // changes, so feed readers do not show the versions again.
    t.run(&["build", "--now", "2027-02-01T12:00:00+01:00"])
        .assert_code(0);
    assert_eq!(t.read("avtal/atom.xml"), first);
}

#[test]
fn drafts_are_in_the_feed_only_in_a_preview_with_drafts() {
    let t = PortalTest::from_fixture("basic");
    t.run(&["build", "--drafts"]).assert_code(0);
    let entries = entries(&t.read("avtal/atom.xml"));
    let draft = entries
        .iter()
        .find(|e| e.id == format!("{BASE}avtal/villkor/1.1/"))
        .expect("the draft, with --drafts");
    assert_eq!(
        draft.related.as_deref(),
        Some(&*format!("{BASE}avtal/villkor/1.1/andringar/"))
    );
    t.build();
    assert!(!t.read("avtal/atom.xml").contains("villkor/1.1/"));
}

#[test]
fn the_agreements_page_links_the_feed() {
    let t = PortalTest::from_fixture("basic");
    t.build();
    // Feed readers find it from the head of every page under /avtal/.
    let announces_the_feed = |html: &str| {
        start_tags(html, "link").into_iter().any(|tag| {
            attribute(tag, "rel") == Some("alternate")
                && attribute(tag, "type") == Some("application/atom+xml")
                && attribute(tag, "href") == Some("/ssbtek/avtal/atom.xml")
        })
    };
    for page in [
        "avtal/index.html",
        "avtal/avtal-a/index.html",
        "avtal/avtal-a/1.1/andringar/index.html",
    ] {
        let html = t.read(page);
        let head = &html[..html.find("</head>").unwrap()];
        assert!(announces_the_feed(head), "{page}: {head}");
    }
    assert!(!announces_the_feed(&t.read("guide/index.html")));
    assert!(has_link(
        &t.main("avtal/index.html"),
        "/ssbtek/avtal/atom.xml",
        "nya versioner av avtalsdokumenten (Atom-flöde)"
    ));
}

#[test]
fn a_content_file_cannot_replace_the_feed() {
    let t = PortalTest::from_fixture("basic");
    t.file("content/avtal/atom.xml", "<feed/>\n");
    t.run(&["build"])
        .assert_code(1)
        .assert_stderr("content/avtal/atom.xml: error[E0201]: two sources publish the same URL `/avtal/atom.xml`")
        .assert_stderr("`/avtal/atom.xml` is generated by the portal");
}

#[test]
fn a_portal_without_agreements_has_no_agreement_feed() {
    let t = PortalTest::from_fixture("notices");
    t.build();
    assert!(!t.out().join("avtal").exists());
}
