//! Reading an agreement and its changes (issue 13, items 2 and 4): the table of contents
//! lists every numbered level; the revision history and the list of documents fold into one
//! line that says what they hold; the change view folds the unchanged sections, links each
//! changed heading to its section, keeps deletions and insertions apart, and compares any
//! two versions. What a browser does with the pages (the contents in view beside the text
//! while reading, tables that scroll at 320 px, the change view read aloud) is tested in
//! `tests/e2e/reading.test.mjs`.

mod common;

use common::{
    PortalTest, attribute, element, elements, has_link, links, pairs, shown, start_tag, text,
};

/// A version of the agreement `avtal`.
fn version(version: &str, date: &str, body: &str) -> String {
    format!(
        "---\ntitle: Läsavtalet\nversion: \"{version}\"\ndate: {date}\nauthor: Förvaltningen\ndocuments:\n  - avtal\n  - bilaga\n---\n{body}"
    )
}

/// A portal with the agreement `avtal` in the versions given as (version, date, body),
/// and the document it lists besides itself.
fn portal(versions: &[(&str, &str, &str)]) -> PortalTest {
    let t = PortalTest::empty("reading");
    t.file(
        "portal.yaml",
        "title: Läsportal\nbase_url: https://example.se/\n",
    );
    for (v, date, body) in versions {
        t.file(&format!("agreements/avtal/{v}.md"), &version(v, date, body));
    }
    t.file(
        "agreements/bilaga/1.0.md",
        "---\ntitle: Bilagan\nversion: \"1.0\"\ndate: 2021-01-01\nauthor: F\n---\n## 1 Bilaga\n\nText.\n",
    );
    t
}

/// Every level from h2 to h5, a level skipped (h4 right under h2) and an unnumbered
/// heading.
const DEEP: &str = "Inledande text.\n\n## 1 Parter\n\nText.\n\n### 1.1 Kunden\n\nText.\n\n#### 1.1.1 Kontakt\n\nText.\n\n##### 1.1.1.1 Reserv\n\nText.\n\n### 1.2 Leverantören\n\nText.\n\n## 2 Åtaganden\n\n#### 2.0.1 Före allt annat\n\nText.\n\n### 2.1 Drift\n\nText.\n\n## Underskrifter\n\nText.\n";

#[test]
fn the_table_of_contents_lists_every_numbered_level_nested() {
    let t = portal(&[("1.0", "2021-01-01", DEEP)]);
    t.build();
    let main = t.main("avtal/avtal/index.html");
    let toc = element(&main, "aria-labelledby", "doc-innehall");
    // Open in the page (beside the text on wide screens); toc.js folds it on narrow
    // ones, where it stands above the text. Its heading is the line that stays.
    assert!(
        toc.contains(
            "<details class=\"toc-fold\" open>\n<summary><h2 id=\"doc-innehall\">Innehåll</h2></summary>"
        ),
        "{toc}"
    );
    // Every heading, in order: 1.1.1 and 1.1.1.1 (h4, h5) were left out before.
    assert_eq!(
        links(toc),
        pairs(&[
            ("#punkt-1", "1 Parter"),
            ("#punkt-1.1", "1.1 Kunden"),
            ("#punkt-1.1.1", "1.1.1 Kontakt"),
            ("#punkt-1.1.1.1", "1.1.1.1 Reserv"),
            ("#punkt-1.2", "1.2 Leverantören"),
            ("#punkt-2", "2 Åtaganden"),
            ("#punkt-2.0.1", "2.0.1 Före allt annat"),
            ("#punkt-2.1", "2.1 Drift"),
            ("#underskrifter", "Underskrifter"),
        ])
    );
    // Each entry holds its sub-entries, a level deeper each time; a heading that skips
    // a level goes under the nearest heading above it.
    let entries: Vec<String> = elements(toc, "li").into_iter().map(text).collect();
    assert_eq!(
        entries,
        [
            "1 Parter 1.1 Kunden 1.1.1 Kontakt 1.1.1.1 Reserv 1.2 Leverantören",
            "1.1 Kunden 1.1.1 Kontakt 1.1.1.1 Reserv",
            "1.1.1 Kontakt 1.1.1.1 Reserv",
            "1.1.1.1 Reserv",
            "1.2 Leverantören",
            "2 Åtaganden 2.0.1 Före allt annat 2.1 Drift",
            "2.0.1 Före allt annat",
            "2.1 Drift",
            "Underskrifter",
        ]
    );
    assert_eq!(
        elements(toc, "ol").len(),
        5,
        "one list for the top level, one for each entry with sub-entries"
    );
    // The script that marks the section being read comes with the contents, and only
    // with them.
    assert!(main.contains("toc.js\" defer></script>"), "{main}");
    let bilaga = t.main("avtal/bilaga/index.html");
    assert!(bilaga.contains("toc.js"), "{bilaga}");
    t.file(
        "agreements/bilaga/1.0.md",
        "---\ntitle: Bilagan\nversion: \"1.0\"\ndate: 2021-01-01\nauthor: F\n---\nBara text.\n",
    );
    t.build();
    let bare = t.main("avtal/bilaga/index.html");
    assert!(
        !bare.contains("doc-innehall") && !bare.contains("toc.js"),
        "{bare}"
    );
}

#[test]
fn the_history_and_the_documents_fold_into_a_line_that_says_what_they_hold() {
    let t = portal(&[
        ("1.0", "2021-01-01", DEEP),
        ("1.1", "2022-01-01", DEEP),
        ("2.0", "2030-01-01", DEEP),
    ]);
    t.build();
    let main = t.main("avtal/avtal/index.html");
    let history = elements(&main, "details")
        .into_iter()
        .find(|d| d.contains("doc-revisionshistorik"))
        .expect("the revision history folds");
    assert!(!start_tag(history).contains("open"), "folded at first");
    let summary = elements(history, "summary")[0];
    // How many versions, and which is in force (today; 2.0 once it takes effect).
    assert_eq!(
        text(&shown(summary)),
        "Revisionshistorik 3 versioner , version 1.1 gäller"
    );
    assert!(
        summary.contains("data-from=\"2030-01-01T00:00:00+01:00\" hidden>, version 2.0 gäller")
    );
    // The table is all there, for a reader who opens it.
    assert_eq!(elements(history, "tr").len(), 4);
    let documents = elements(&main, "details")
        .into_iter()
        .find(|d| d.contains("doc-handlingar"))
        .expect("the list of documents folds");
    assert_eq!(
        text(elements(documents, "summary")[0]),
        "Handlingar i avtalet 2 handlingar i den ordning de gäller"
    );
    assert_eq!(elements(documents, "li").len(), 2);
    // The version pages say the same of themselves: an old one names the version in
    // force.
    let old = t.main("avtal/avtal/1.0/index.html");
    let summary = elements(&old, "summary")[0];
    assert_eq!(
        text(&shown(summary)),
        "Revisionshistorik 3 versioner , version 1.1 gäller"
    );
}

/// `DEEP` with section 1.1.1 changed ("sex" becomes "tolv"), 1.2 removed, a section 3
/// added, and a heading with an id of its own changed.
const DEEP_CHANGED: &str = "Inledande text.\n\n## 1 Parter\n\nText.\n\n### 1.1 Kunden\n\nText.\n\n#### 1.1.1 Kontakt\n\nKunden svarar inom tolv dagar.\n\n##### 1.1.1.1 Reserv\n\nText.\n\n## 2 Åtaganden\n\n#### 2.0.1 Före allt annat\n\nText.\n\n### 2.1 Drift\n\nText.\n\n## 3 Tvist\n\nTvister avgörs av domstol.\n\n## Underskrifter {#signaturer}\n\nText.\n";

/// `DEEP` with 1.1.1 saying "sex dagar" and the signatures heading given its own id.
fn deep_before() -> String {
    DEEP.replace(
        "#### 1.1.1 Kontakt\n\nText.",
        "#### 1.1.1 Kontakt\n\nKunden svarar inom sex dagar.",
    )
    .replace("## Underskrifter\n", "## Underskrifter {#signaturer}\n")
}

/// The sections of a change view with what happened to them: (class, text).
fn changed_sections(main: &str) -> Vec<(String, String)> {
    elements(main, "section")
        .into_iter()
        .filter_map(|s| {
            let class = attribute(start_tag(s), "class")?;
            let change = class.split(' ').find(|c| c.starts_with("change-"))?;
            Some((change.to_string(), text(s)))
        })
        .collect()
}

#[test]
fn the_change_view_folds_the_unchanged_sections_into_one_line_each_run() {
    let before = deep_before();
    let t = portal(&[
        ("1.0", "2021-01-01", &before),
        ("1.1", "2022-01-01", DEEP_CHANGED),
    ]);
    t.build();
    let main = t.main("avtal/avtal/1.1/andringar/index.html");
    let said = text(&main);
    assert!(
        !said.contains("oförändrat)"),
        "no line per unchanged section: {said}"
    );
    assert!(
        said.contains("1 ändrade, 1 nya och 1 borttagna avsnitt. 8 avsnitt är oförändrade."),
        "{said}"
    );
    // The runs between the changes, each one line that opens to the sections it holds.
    let folded: Vec<(String, String)> = elements(&main, "details")
        .into_iter()
        .map(|d| (text(elements(d, "summary")[0]), text(d)))
        .collect();
    assert_eq!(
        folded,
        [
            (
                "3 avsnitt oförändrade".to_string(),
                "3 avsnitt oförändrade Inledning 1 Parter 1.1 Kunden".to_string()
            ),
            (
                "1 avsnitt oförändrat".to_string(),
                "1 avsnitt oförändrat 1.1.1.1 Reserv".to_string()
            ),
            (
                "3 avsnitt oförändrade".to_string(),
                "3 avsnitt oförändrade 2 Åtaganden 2.0.1 Före allt annat 2.1 Drift".to_string()
            ),
            (
                "1 avsnitt oförändrat".to_string(),
                "1 avsnitt oförändrat Underskrifter".to_string()
            ),
        ]
    );
    let kinds: Vec<String> = changed_sections(&main)
        .into_iter()
        .map(|(c, _)| c)
        .collect();
    assert_eq!(kinds, ["change-changed", "change-removed", "change-added"]);
}

#[test]
fn each_changed_heading_links_to_its_section_in_the_version_that_has_it() {
    let before = deep_before();
    let t = portal(&[
        ("1.0", "2021-01-01", &before),
        ("1.1", "2022-01-01", DEEP_CHANGED),
    ]);
    t.build();
    let main = t.main("avtal/avtal/1.1/andringar/index.html");
    let heading_links = |class: &str| -> Vec<(String, String)> {
        elements(&main, "section")
            .into_iter()
            .filter(|s| start_tag(s).contains(class))
            .flat_map(|s| links(elements(s, "h3")[0]))
            .collect()
    };
    // Changed and added: the section in the newer version; removed: in the older one.
    assert_eq!(
        heading_links("change-changed"),
        pairs(&[("/avtal/avtal/1.1/#punkt-1.1.1", "1.1.1 Kontakt")])
    );
    assert_eq!(
        heading_links("change-added"),
        pairs(&[("/avtal/avtal/1.1/#punkt-3", "Tillagt: 3 Tvist")])
    );
    assert_eq!(
        heading_links("change-removed"),
        pairs(&[("/avtal/avtal/1.0/#punkt-1.2", "Borttaget: 1.2 Leverantören")])
    );
    // The folded sections link too, by the ids their pages give them (an id of the
    // editor's own included).
    assert!(has_link(
        &main,
        "/avtal/avtal/1.1/#signaturer",
        "Underskrifter"
    ));
    assert!(has_link(&main, "/avtal/avtal/1.1/", "Inledning"));
    // Every link into the version lands on an id its page has.
    let page = t.read("avtal/avtal/1.1/index.html");
    for (href, _) in links(&main) {
        if let Some(id) = href.strip_prefix("/avtal/avtal/1.1/#") {
            assert!(page.contains(&format!(" id=\"{id}\"")), "no id {id}");
        }
    }
}

#[test]
fn a_deletion_and_the_insertion_replacing_it_stay_apart() {
    let before = deep_before();
    let t = portal(&[
        ("1.0", "2021-01-01", &before),
        ("1.1", "2022-01-01", DEEP_CHANGED),
    ]);
    t.build();
    let main = t.main("avtal/avtal/1.1/andringar/index.html");
    // Seen: a space between the struck word and the new one ("sex tolv", not
    // "sextolv"); heard: each says what it is.
    assert!(
        main.contains(
            "<del><span class=\"visually-hidden\">Borttaget: </span>sex</del> <ins><span class=\"visually-hidden\">Tillagt: </span>tolv</ins>"
        ),
        "{main}"
    );
    let (_, changed) = &changed_sections(&main)[0];
    assert_eq!(
        changed,
        "1.1.1 Kontakt (ändrat) Kunden svarar inom Borttaget: sex Tillagt: tolv dagar."
    );
}

#[test]
fn any_two_versions_can_be_compared() {
    let before = deep_before();
    let middle = DEEP_CHANGED.replace("tolv dagar", "tolv arbetsdagar");
    let t = portal(&[
        ("1.0", "2021-01-01", &before),
        ("1.1", "2022-01-01", DEEP_CHANGED),
        ("2.0", "2023-01-01", &middle),
    ]);
    t.build();
    // The neighbours keep their addresses; the pair that is not neighbours gets one.
    let changes: Vec<String> = t
        .output_files()
        .into_iter()
        .filter(|f| f.contains("andringar"))
        .collect();
    assert_eq!(
        changes,
        [
            "avtal/avtal/1.1/andringar/index.html",
            "avtal/avtal/2.0/andringar/index.html",
            "avtal/avtal/2.0/andringar/sedan-1.0/index.html",
        ]
    );
    let main = t.main("avtal/avtal/2.0/andringar/sedan-1.0/index.html");
    let said = text(&main);
    assert!(
        said.contains("Läsavtalet: ändringar i version 2.0 sedan version 1.0"),
        "{said}"
    );
    assert!(said.contains("Jämförelse mellan version 1.0 och version 2.0."));
    // Both steps at once: "sex dagar" became "tolv arbetsdagar".
    assert!(
        said.contains(
            "Kunden svarar inom Borttaget: sex Tillagt: tolv Borttaget: dagar. Tillagt: arbetsdagar."
        ),
        "{said}"
    );
    assert!(has_link(
        &main,
        "/avtal/avtal/2.0/#punkt-1.1.1",
        "1.1.1 Kontakt"
    ));
    // Every comparison is a link from every change view: no JavaScript needed.
    let compare = element(&main, "aria-labelledby", "andring-jamfor");
    assert_eq!(
        text(compare),
        "Jämför andra versioner Ändringar i version 2.0 sedan version 1.1, 1.0 Ändringar i version 1.1 sedan version 1.0"
    );
    assert_eq!(
        links(compare),
        pairs(&[
            ("/avtal/avtal/2.0/andringar/", "1.1"),
            ("/avtal/avtal/1.1/andringar/", "1.0"),
        ])
    );
    assert_eq!(text(element(compare, "aria-current", "page")), "1.0");
    let neighbours = t.main("avtal/avtal/2.0/andringar/index.html");
    assert!(text(&neighbours).contains("Läsavtalet: ändringar i version 2.0 Jämförelse"));
    assert!(has_link(
        element(&neighbours, "aria-labelledby", "andring-jamfor"),
        "/avtal/avtal/2.0/andringar/sedan-1.0/",
        "1.0"
    ));
}

#[test]
fn a_long_history_gets_change_views_in_proportion_to_its_versions() {
    // 14 versions: more than every pair is made for (12). Each is compared with the one
    // before it, and the three newest with every earlier one.
    let versions: Vec<(String, String, String)> = (1..=14)
        .map(|n| {
            (
                format!("{n}.0"),
                format!("{}-01-01", 2000 + n),
                DEEP.replace("Inledande text.", &format!("Version {n}.")),
            )
        })
        .collect();
    let borrowed: Vec<(&str, &str, &str)> = versions
        .iter()
        .map(|(v, d, b)| (v.as_str(), d.as_str(), b.as_str()))
        .collect();
    let t = portal(&borrowed);
    t.build();
    let changes: Vec<String> = t
        .output_files()
        .into_iter()
        .filter(|f| f.contains("andringar"))
        .collect();
    assert_eq!(changes.len(), 13 + (11 + 12 + 13 - 3), "{changes:?}");
    for present in [
        "avtal/avtal/2.0/andringar/index.html",
        "avtal/avtal/14.0/andringar/sedan-1.0/index.html",
        "avtal/avtal/12.0/andringar/sedan-3.0/index.html",
    ] {
        assert!(changes.contains(&present.to_string()), "{present}");
    }
    assert!(
        !changes
            .iter()
            .any(|c| c.starts_with("avtal/avtal/5.0/andringar/sedan-"))
    );
    // The list on each change view names pages there are: those among the 12 versions
    // nearest the two compared (all 14 are more), and the whole history.
    let main = t.main("avtal/avtal/5.0/andringar/index.html");
    let listed = links(element(&main, "aria-labelledby", "andring-jamfor"));
    let (all, listed) = listed.split_last().unwrap();
    assert_eq!(
        all,
        &(
            "/avtal/avtal/#doc-revisionshistorik".to_string(),
            "Alla 14 versioner".to_string()
        )
    );
    for (href, _) in listed {
        let file = format!("{}index.html", href.trim_start_matches('/'));
        assert!(changes.contains(&file), "{file}");
    }
    // Versions 2.0 to 12.0 (each against the one before, 12.0, one of the three newest,
    // against every earlier one; the page itself is no link), not 13.0 and 14.0.
    assert_eq!(listed.len(), 11 + 9, "{listed:?}");
    assert!(!listed.iter().any(|(href, _)| href.contains("/13.0/")));
    let newest = t.main("avtal/avtal/14.0/andringar/sedan-1.0/index.html");
    let listed = links(element(&newest, "aria-labelledby", "andring-jamfor"));
    for (href, _) in &listed[..listed.len() - 1] {
        let file = format!("{}index.html", href.trim_start_matches('/'));
        assert!(changes.contains(&file), "{file}");
    }
    assert!(has_link(
        &newest,
        "/avtal/avtal/14.0/andringar/sedan-2.0/",
        "2.0"
    ));
    assert!(has_link(&newest, "/avtal/avtal/14.0/andringar/", "13.0"));
}

/// A portal whose agreement has `n` one-line versions 1.0, 2.0, …, in force one after
/// the other, all in the past, or (`upcoming`) all after the build's time.
fn many_versions(n: usize, upcoming: bool) -> PortalTest {
    let versions: Vec<(String, String)> = (1..=n)
        .map(|i| {
            let valid_from = if upcoming {
                format!("valid_from: {}-01-01\n", 2030 + i)
            } else {
                String::new()
            };
            let front = format!(
                "---\ntitle: Läsavtalet\nversion: \"{i}.0\"\ndate: {}-01-01\n{valid_from}author: F\ncomment: Ändring {i}\ndocuments:\n  - avtal\n---\n## 1 Text\n\nVersion {i}.\n",
                1900 + i
            );
            (format!("agreements/avtal/{i}.0.md"), front)
        })
        .collect();
    let t = PortalTest::empty("many-versions");
    t.file(
        "portal.yaml",
        "title: Läsportal\nbase_url: https://example.se/\n",
    );
    for (path, text) in &versions {
        t.file(path, text);
    }
    t.build();
    t
}

// See: #10
#[test]
fn issue_10_a_version_page_does_not_grow_with_the_number_of_versions() {
    // Each page listed every version, and each change view every other change view:
    // 250 versions wrote 100 MB, 1,000 wrote 1.5 GB.
    for upcoming in [false, true] {
        let [few, many] = [30, 90].map(|n| many_versions(n, upcoming));
        for page in [
            "avtal/avtal/5.0/index.html",
            "avtal/avtal/5.0/andringar/index.html",
        ] {
            // The same but for the count and the newest version, which is in force.
            let (a, b) = (few.main(page), many.main(page));
            assert_eq!(
                a.replace("30 versioner", "N versioner")
                    .replace("30.0", "N.0"),
                b.replace("90 versioner", "N versioner")
                    .replace("90.0", "N.0"),
                "{page} (upcoming: {upcoming})"
            );
        }
        // The newest version is compared with every earlier one; each of those pages
        // lists as many others, not one more for each version.
        let compared = |t: &PortalTest, n: usize| {
            let page = t.main(&format!("avtal/avtal/{n}.0/andringar/sedan-2.0/index.html"));
            links(element(&page, "aria-labelledby", "andring-jamfor")).len()
        };
        assert_eq!(compared(&few, 30), compared(&many, 90));
        // The version page shows the 12 versions nearest it and links the whole history
        // on the document's main page, which lists every version.
        let page = many.main("avtal/avtal/30.0/index.html");
        let history = element(&page, "aria-labelledby", "doc-revisionshistorik");
        assert_eq!(elements(history, "tr").len(), 1 + 12);
        assert!(has_link(history, "/avtal/avtal/24.0/", "24.0"));
        assert!(has_link(history, "/avtal/avtal/35.0/", "35.0"));
        assert!(has_link(
            &page,
            "/avtal/avtal/#doc-revisionshistorik",
            "Alla 90 versioner"
        ));
        let main = many.main("avtal/avtal/index.html");
        let history = element(&main, "aria-labelledby", "doc-revisionshistorik");
        assert_eq!(elements(history, "tr").len(), 1 + 90);
    }
}
