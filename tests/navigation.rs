//! Finding one's way (issue 13, points 1 and 6): the main navigation made from the
//! portal when `portal.yaml` has no `menu`, the start page's "Hitta på webbplatsen" and
//! heading, the site map, the footer a Swedish public-sector site must have (W0103), the
//! documents in Swedish order and the introduction of the list of personal data; and
//! what every printed sheet of a page says (point 7; the browser side is
//! `tests/e2e/print.test.mjs`).
//!
//! The fixture `navigation/` has no `menu`: two sections (one weighted), two single
//! pages, agreements, a notice and the list of personal data.

mod common;

use common::{
    PortalTest, attribute, element, elements, has_link, links, pairs, start_tag, start_tags, text,
};

/// The main navigation of a page (its landmark, named "Huvudmeny").
fn main_nav(html: &str) -> &str {
    element(html, "aria-label", "Huvudmeny")
}

/// The links (href, text) of the main navigation.
fn nav(html: &str) -> Vec<(String, String)> {
    links(main_nav(html))
}

/// The links of the start page's "Hitta på webbplatsen" (its region, named "Innehåll på
/// webbplatsen").
fn find_your_way(html: &str) -> &str {
    element(html, "aria-label", "Innehåll på webbplatsen")
}

/// The first element named `name` of `html`.
fn first<'a>(html: &'a str, name: &str) -> &'a str {
    elements(html, name)
        .first()
        .copied()
        .unwrap_or_else(|| panic!("no <{name}> in:\n{html}"))
}

fn texts(links: &[(String, String)]) -> Vec<&str> {
    links.iter().map(|(_, t)| t.as_str()).collect()
}

fn hrefs(links: &[(String, String)]) -> Vec<&str> {
    links.iter().map(|(h, _)| h.as_str()).collect()
}

#[test]
fn without_a_menu_the_navigation_is_made_from_the_portal() {
    let t = PortalTest::from_fixture("navigation");
    t.build();
    let start = nav(&t.read("index.html"));
    // Sections and the generated lists, the weighted section first, then by name;
    // the single pages (Kontakt, Tillgänglighetsredogörelse) are not in it.
    assert_eq!(
        start,
        [
            ("/nav/om/", "Om tjänsten"),
            ("/nav/anslutning/", "Anslutning"),
            ("/nav/avtal/", "Avtal"),
            ("/nav/driftinformation/", "Driftinformation"),
            ("/nav/personuppgifter/", "Personuppgifter"),
        ]
        .map(|(h, t)| (h.to_string(), t.to_string()))
    );
    // Every page has it, and marks where the reader is: the section of a page below it,
    // or the page itself.
    let deep = t.read("anslutning/steg/index.html");
    assert_eq!(nav(&deep), start);
    assert_eq!(
        links(element(main_nav(&deep), "class", "in-section")),
        pairs(&[("/nav/anslutning/", "Anslutning")])
    );
    let list = t.read("personuppgifter/index.html");
    assert_eq!(
        links(element(main_nav(&list), "aria-current", "page")),
        pairs(&[("/nav/personuppgifter/", "Personuppgifter")])
    );
}

#[test]
fn a_generated_list_takes_the_weight_of_its_introduction() {
    let t = PortalTest::from_fixture("navigation");
    t.file(
        "content/avtal/_index.md",
        "---\ntitle: Avtal och avtalsdokument\nweight: 0\n---\nAlla avtal.\n",
    );
    t.build();
    assert_eq!(
        texts(&nav(&t.read("index.html"))),
        [
            "Avtal",
            "Om tjänsten",
            "Anslutning",
            "Driftinformation",
            "Personuppgifter"
        ]
    );
}

#[test]
fn the_start_page_lists_what_the_navigation_does_and_the_other_pages() {
    let t = PortalTest::from_fixture("navigation");
    t.build();
    let html = t.read("index.html");
    let found = links(find_your_way(&html));
    let menu = nav(&html);
    assert_eq!(found[..menu.len()], menu[..], "the navigation first");
    assert_eq!(
        hrefs(&found[menu.len()..]),
        ["/nav/kontakt/", "/nav/tillganglighetsredogorelse/"]
    );
    // With what each holds: the section's description, or the generated list's.
    let entries: Vec<String> = elements(find_your_way(&html), "li")
        .into_iter()
        .map(text)
        .collect();
    assert!(
        entries
            .iter()
            .any(|e| e.starts_with("Avtal Avtalen och avtalsdokumenten")),
        "{entries:?}"
    );
    assert!(
        entries
            .iter()
            .any(|e| e == "Om tjänsten Vad Testtjänsten är."),
        "{entries:?}"
    );
}

#[test]
fn a_configured_menu_is_kept_and_the_start_page_follows_it() {
    let t = PortalTest::from_fixture("navigation");
    let config = std::fs::read_to_string(t.root.join("portal.yaml")).unwrap();
    t.file(
        "portal.yaml",
        &format!(
            "{config}menu:\n  - path: /avtal/\n  - path: /anslutning/steg/\n    title: Kom igång\n"
        ),
    );
    t.build();
    let html = t.read("index.html");
    assert_eq!(
        nav(&html),
        [
            ("/nav/avtal/", "Avtal"),
            ("/nav/anslutning/steg/", "Kom igång")
        ]
        .map(|(h, t)| (h.to_string(), t.to_string()))
    );
    let found = links(find_your_way(&html));
    assert_eq!(
        hrefs(&found),
        [
            "/nav/avtal/",
            "/nav/anslutning/steg/",
            "/nav/om/",
            "/nav/anslutning/",
            "/nav/driftinformation/",
            "/nav/kontakt/",
            "/nav/personuppgifter/",
            "/nav/tillganglighetsredogorelse/",
        ]
    );
}

#[test]
fn a_portal_without_agreements_or_notices_does_not_link_to_them() {
    let t = PortalTest::from_fixture("navigation");
    t.remove("agreements").remove("content/driftinformation");
    t.build();
    let html = t.read("index.html");
    assert_eq!(
        texts(&nav(&html)),
        ["Om tjänsten", "Anslutning", "Personuppgifter"]
    );
    // The site map listed /avtal/ and /driftinformation/ whatever the portal had.
    let map = t.main("webbplatskarta/index.html");
    assert!(!map.contains("/nav/avtal/"), "{map}");
    assert!(!map.contains("/nav/driftinformation/"), "{map}");
    assert!(
        hrefs(&links(&map)).contains(&"/nav/personuppgifter/"),
        "{map}"
    );
}

#[test]
fn the_site_map_follows_the_navigation() {
    let t = PortalTest::from_fixture("navigation");
    t.build();
    let expected = [
        "/nav/om/",
        "/nav/om/historia/",
        "/nav/anslutning/",
        "/nav/anslutning/steg/",
        "/nav/avtal/",
        "/nav/avtal/villkor/",
        "/nav/driftinformation/",
        "/nav/driftinformation/2026-03-29-underhall/",
        "/nav/kontakt/",
        "/nav/personuppgifter/",
        "/nav/tillganglighetsredogorelse/",
    ];
    // Each where it is first linked, in the order the site map links them.
    let mut listed: Vec<&str> = Vec::new();
    let map = links(&t.main("webbplatskarta/index.html"));
    for href in hrefs(&map) {
        if expected.contains(&href) && !listed.contains(&href) {
            listed.push(href);
        }
    }
    assert_eq!(listed, expected, "{map:?}");
}

#[test]
fn documents_are_listed_by_title_in_swedish_order() {
    // By id, "Ändringsrutiner" (andring) came first and "Överenskommelse" before
    // "Allmänna villkor" (villkor).
    let t = PortalTest::from_fixture("navigation");
    t.build();
    let expected = [
        "Allmänna villkor",
        "Definitioner",
        "SSBTEK - Anslutningsavtal",
        "SSBTEK – Driftsavtal",
        "Zoner",
        "Ändringsrutiner",
        "Överenskommelse om samverkan",
    ];
    let agreements = t.main("avtal/index.html");
    let all = links(element(&agreements, "aria-labelledby", "avtal-alla"));
    let titles: Vec<&str> = texts(&all)
        .into_iter()
        .filter(|t| !t.starts_with(char::is_numeric))
        .collect();
    assert_eq!(titles, expected);
    // The root agreements too, and the site map's documents.
    let roots: Vec<String> = elements(
        element(&agreements, "aria-labelledby", "avtal-hierarki"),
        "h3",
    )
    .into_iter()
    .map(text)
    .collect();
    assert_eq!(
        roots,
        [
            "SSBTEK - Anslutningsavtal",
            "SSBTEK – Driftsavtal",
            "Överenskommelse om samverkan"
        ]
    );
    // In the site map, under the list of agreements.
    let map = t.main("webbplatskarta/index.html");
    let under_agreements = elements(&map, "li")
        .into_iter()
        .map(links)
        .find(|l| l.first().is_some_and(|(href, _)| href == "/nav/avtal/"))
        .expect("the list of agreements in the site map");
    assert_eq!(texts(&under_agreements[1..]), expected);
}

#[test]
fn the_agreements_page_links_the_glossary_only_when_terms_are_defined() {
    let t = PortalTest::from_fixture("navigation");
    t.build();
    let main = t.main("avtal/index.html");
    assert!(!main.contains("avtal/begrepp/"), "{main}");
    t.file(
        "agreements/definitioner/1.0.md",
        "---\ntitle: Definitioner\nversion: \"1.0\"\ndate: 2021-01-01\nauthor: Förvaltningen\n---\n\
         ## 1 Begrepp\n\n| Term/Begrepp | Definition |\n|---|---|\n| Tjänsten | Testtjänsten. |\n",
    );
    t.build();
    let main = t.main("avtal/index.html");
    assert!(
        has_link(
            &main,
            "/nav/avtal/begrepp/",
            "Begrepp som definieras i avtalen"
        ),
        "{main}"
    );
}

#[test]
fn the_start_page_heading_does_not_repeat_the_site_name() {
    let t = PortalTest::from_fixture("navigation");
    t.build();
    let html = t.read("index.html");
    // The site name is in the header; the heading says what the site holds, from the
    // start page's description.
    assert!(has_link(
        first(&html, "header"),
        "/nav/",
        "Navigeringsportalen"
    ));
    assert_eq!(text(first(&html, "h1")), "Avtal och drift för Testtjänsten");
    assert_eq!(text(first(&html, "title")), "Navigeringsportalen");
    // A title of its own is kept.
    t.file(
        "content/_index.md",
        "---\ntitle: Allt om Testtjänsten\ndescription: Avtal och drift.\n---\nText.\n",
    );
    t.build();
    assert_eq!(
        text(first(&t.main("index.html"), "h1")),
        "Allt om Testtjänsten"
    );
    // Without a description of its own, the portal's.
    t.file(
        "content/_index.md",
        "---\ntitle: Navigeringsportalen\n---\nText.\n",
    );
    t.build();
    assert_eq!(
        text(first(&t.main("index.html"), "h1")),
        "En portal för tester av navigeringen"
    );
    // With no description anywhere, what the portal publishes, not the name again.
    let config = std::fs::read_to_string(t.root.join("portal.yaml")).unwrap();
    let without: String = config
        .lines()
        .filter(|l| !l.starts_with("description:"))
        .map(|l| format!("{l}\n"))
        .collect();
    t.file("portal.yaml", &without);
    t.build();
    assert!(
        t.main("index.html")
            .contains("<h1>Avtal, driftinformation och personuppgifter</h1>"),
        "{}",
        t.main("index.html")
    );
    // Only what it has.
    std::fs::remove_dir_all(t.root.join("content/driftinformation")).unwrap();
    std::fs::remove_file(t.root.join("content/personuppgifter.yaml")).unwrap();
    t.build();
    assert!(
        t.main("index.html")
            .contains("<h1>Avtal och avtalsdokument</h1>"),
        "{}",
        t.main("index.html")
    );
}

#[test]
fn the_footer_shows_who_runs_the_site_contact_and_the_accessibility_statement() {
    let t = PortalTest::from_fixture("navigation");
    let run = t.run(&["build", "--strict"]);
    run.assert_code(0);
    assert_eq!(run.stderr, "", "no warnings");
    let html = t.read("om/index.html");
    let footer = first(&html, "footer");
    assert!(text(footer).contains("Webbplatsen tillhandahålls av Testmyndigheten."));
    assert_eq!(
        links(element(footer, "aria-label", "Sidfot")),
        [
            ("/nav/kontakt/", "Kontakt"),
            (
                "/nav/tillganglighetsredogorelse/",
                "Tillgänglighetsredogörelse"
            )
        ]
        .map(|(h, t)| (h.to_string(), t.to_string()))
    );
}

#[test]
fn a_footer_without_what_a_public_site_must_link_is_a_warning() {
    let t = PortalTest::from_fixture("navigation");
    t.file(
        "portal.yaml",
        "title: Navigeringsportalen\nbase_url: https://example.se/nav/\n",
    );
    let run = t.run(&["build"]);
    run.assert_code(0).assert_stderr(
        "portal.yaml:1:1: warning[W0103]: the footer lacks an accessibility statement \
         (`accessibility_statement`), contact details (`contact`) and who runs the site \
         (`publisher`), which a Swedish public-sector site must show on every page\n  \
         = note: the accessibility statement is required by lagen (2018:1937) om \
         tillgänglighet till digital offentlig service",
    );
    run.assert_stderr(
        "  = hint: add to `portal.yaml`: `accessibility_statement: /tillganglighetsredogorelse/`, \
         `contact: /kontakt/` and `publisher: Myndighetens namn`",
    );
    t.run(&["build", "--strict"])
        .assert_code(1)
        .assert_stderr("portal.yaml:1:1: error[W0103]");
    // One missing thing is named alone; an e-mail address is contact enough.
    t.file(
        "portal.yaml",
        "title: Navigeringsportalen\nbase_url: https://example.se/nav/\n\
         contact: mailto:info@example.se\naccessibility_statement: /tillganglighetsredogorelse/\n",
    );
    let run = t.run(&["check", "--format", "json", "--path-prefix", "."]);
    run.assert_code(0);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let d = &json["diagnostics"][0];
    assert_eq!(json["diagnostics"].as_array().unwrap().len(), 1, "{json}");
    assert_eq!(
        (
            d["code"].as_str(),
            d["file"].as_str(),
            d["line"].as_u64(),
            d["column"].as_u64()
        ),
        (Some("W0103"), Some("portal.yaml"), Some(1), Some(1))
    );
    assert_eq!(
        d["message"],
        "the footer lacks who runs the site (`publisher`), which a Swedish public-sector site must show on every page"
    );
    t.build();
    let html = t.read("index.html");
    assert!(has_link(
        element(first(&html, "footer"), "aria-label", "Sidfot"),
        "mailto:info@example.se",
        "Kontakt"
    ));
}

#[test]
fn footer_menu_entries_for_the_statement_and_contact_count_for_the_footer() {
    // The footer of these portals links both pages through `footer_menu` alone: one by
    // its title, one by its page's title, then both by the last part of their path. Only
    // the publisher, which no link can give, is missing.
    let t = PortalTest::from_fixture("navigation");
    let only_publisher = "the footer lacks who runs the site (`publisher`), which a Swedish \
                          public-sector site must show on every page";
    for footer in [
        "footer_menu:\n  - path: /tillganglighetsredogorelse/\n    title: Tillgänglighetsredogörelse\n  \
         - path: /kontakt/\n",
        "footer_menu:\n  - path: /tillganglighetsredogorelse/\n    title: Om webbplatsen\n  \
         - path: /kontakt/\n    title: Skriv till oss\n",
    ] {
        t.file(
            "portal.yaml",
            &format!("title: Navigeringsportalen\nbase_url: https://example.se/nav/\n{footer}"),
        );
        let run = t.run(&["build"]);
        run.assert_code(0)
            .assert_stderr(&format!(
                "portal.yaml:1:1: warning[W0103]: {only_publisher}"
            ))
            .assert_stderr_count("warning[W0103]", 1);
    }
    // The footer links each once; a theme's `site.contact` and
    // `site.accessibility_statement` are those entries.
    t.file(
        "themes/egen/templates/page.html",
        "{% extends \"base.html\" %}{% block main %}<p>KONTAKT={{ site.contact.url }} \
         REDOGÖRELSE={{ site.accessibility_statement.url }} {{ site.accessibility_statement.title }}</p>\
         {% endblock main %}",
    );
    t.file(
        "portal.yaml",
        "title: Navigeringsportalen\nbase_url: https://example.se/nav/\ntheme: egen\n\
         publisher: Testmyndigheten\nfooter_menu:\n  - path: /om/\n  \
         - path: /tillganglighetsredogorelse/\n    title: Tillgänglighet\n  - path: /kontakt/\n",
    );
    let run = t.run(&["build", "--strict"]);
    run.assert_code(0);
    assert_eq!(run.stderr, "", "no warnings");
    assert!(
        t.main("kontakt/index.html").contains(
            "<p>KONTAKT=/nav/kontakt/ REDOGÖRELSE=/nav/tillganglighetsredogorelse/ Tillgänglighet</p>"
        ),
        "{}",
        t.main("kontakt/index.html")
    );
    let html = t.read("kontakt/index.html");
    assert_eq!(
        texts(&links(element(
            first(&html, "footer"),
            "aria-label",
            "Sidfot"
        ))),
        ["Om tjänsten", "Tillgänglighet", "Kontakt"]
    );
}

#[test]
fn footer_menu_entries_for_other_pages_do_not_count() {
    let t = PortalTest::from_fixture("navigation");
    t.file(
        "portal.yaml",
        "title: Navigeringsportalen\nbase_url: https://example.se/nav/\npublisher: Testmyndigheten\n\
         footer_menu:\n  - path: /om/\n  - path: /om/historia/\n    title: Historik\n",
    );
    let run = t.run(&["build"]);
    run.assert_code(0).assert_stderr(
        "portal.yaml:1:1: warning[W0103]: the footer lacks an accessibility statement \
         (`accessibility_statement`) and contact details (`contact`), which a Swedish \
         public-sector site must show on every page",
    );
    run.assert_stderr(
        "a `footer_menu` entry named Tillgänglighetsredogörelse or Kontakt (or leading to a \
         page so named) counts too",
    );
}

#[test]
fn footer_links_must_lead_somewhere_and_be_safe() {
    let t = PortalTest::from_fixture("navigation");
    let config = std::fs::read_to_string(t.root.join("portal.yaml"))
        .unwrap()
        .replace("contact: /kontakt/", "contact: /kontakt")
        .replace(
            "accessibility_statement: /tillganglighetsredogorelse/",
            "accessibility_statement: saknas/",
        );
    t.file("portal.yaml", &config);
    t.run(&["build"]).assert_code(1).assert_stderr(
        "portal.yaml:6:1: error[E0104]: accessibility_statement `saknas/` must start with `/`\n  \
             = hint: write the site path of the page, e.g. `/tillganglighetsredogorelse/`",
    );
    t.file(
        "portal.yaml",
        &config.replace(
            "accessibility_statement: saknas/",
            "accessibility_statement: /saknas/",
        ),
    );
    t.run(&["build"])
        .assert_code(1)
        .assert_stderr(
            "portal.yaml:5:1: error[E0303]: `contact` `/kontakt` is not a published page\n  \
             = hint: write `/kontakt/`",
        )
        .assert_stderr("portal.yaml:6:1: error[E0303]: `accessibility_statement` `/saknas/` is not a published page");
    t.file(
        "portal.yaml",
        &config
            .replace("contact: /kontakt", "contact: \"javascript:alert(1)\"")
            .replace(
                "accessibility_statement: saknas/",
                "accessibility_statement: /tillganglighetsredogorelse/",
            ),
    );
    t.run(&["build"]).assert_code(1).assert_stderr(
        "portal.yaml:5:1: error[E0308]: unsafe contact `javascript:alert(1)`: the scheme `javascript:` is not allowed",
    );
}

#[test]
fn the_list_of_personal_data_explains_itself_unless_the_portal_does() {
    let t = PortalTest::from_fixture("navigation");
    t.build();
    let intro = text(first(&t.main("personuppgifter/index.html"), "article"));
    assert!(
        intro.contains("förteckningen över de typer av personuppgifter som uppgiftslämnarna kan lämna till kommunernas socialtjänst"),
        "{intro}"
    );
    assert!(intro.contains("publiceras enligt driftsavtalet"), "{intro}");
    // The portal's own introduction replaces it.
    let list = std::fs::read_to_string(t.root.join("content/personuppgifter.yaml")).unwrap();
    t.file(
        "content/personuppgifter.yaml",
        &list.replace(
            "providers:",
            "introduction: Vår egen inledning.\nproviders:",
        ),
    );
    t.build();
    let intro = text(first(&t.main("personuppgifter/index.html"), "article"));
    assert!(intro.contains("Vår egen inledning."), "{intro}");
    assert!(!intro.contains("driftsavtalet"), "{intro}");
}

/// The `data-print-*` attributes of a page's `<html>`: what its printed sheets say.
fn print_facts(html: &str) -> (String, String, String) {
    let tag = start_tag(first(html, "html"));
    let get = |name: &str| attribute(tag, name).unwrap_or_default().to_string();
    (
        get("data-print-title"),
        get("data-print-validity"),
        get("data-print-url"),
    )
}

#[test]
fn printed_sheets_name_the_version_when_it_applies_and_its_permanent_address() {
    let t = PortalTest::from_fixture("basic");
    t.build();
    // The main page shows 1.1 until 2.0 takes effect: its sheets name 1.1 and give the
    // address that keeps this text, not /avtal/avtal-a/.
    let base = "https://portal.example.se/ssbtek/avtal/avtal-a";
    assert_eq!(
        print_facts(&t.read("avtal/avtal-a/index.html")),
        (
            "Test – Avtal A, version 1.1".to_string(),
            "gäller från 2021-01-01 till och med 2026-12-31".to_string(),
            format!("{base}/1.1/"),
        )
    );
    assert_eq!(
        print_facts(&t.read("avtal/avtal-a/2.0/index.html")),
        (
            "Test – Avtal A, version 2.0".to_string(),
            "gäller från 2027-01-01".to_string(),
            format!("{base}/2.0/"),
        )
    );
    assert_eq!(
        print_facts(&t.read("avtal/avtal-a/2.0/andringar/index.html")).2,
        format!("{base}/2.0/andringar/")
    );
    // Other pages: their title and address.
    assert_eq!(
        print_facts(&t.read("guide/steg/index.html")),
        (
            "Steg för steg".to_string(),
            String::new(),
            "https://portal.example.se/ssbtek/guide/steg/".to_string(),
        )
    );
    // Only document pages load the script that dates the sheets.
    let scripts = |page: &str| -> Vec<String> {
        start_tags(&t.read(page), "script")
            .into_iter()
            .filter_map(|tag| attribute(tag, "src").map(str::to_string))
            .collect()
    };
    assert!(
        scripts("avtal/avtal-a/index.html")
            .iter()
            .any(|src| src.ends_with("/print.js")),
        "{:?}",
        scripts("avtal/avtal-a/index.html")
    );
    assert!(
        start_tags(&t.read("guide/steg/index.html"), "script").is_empty(),
        "no script on other pages"
    );
}
