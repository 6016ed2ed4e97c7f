//! Reading an agreement (issue 13, item 2): the table of contents lists every numbered
//! level, and the revision history and the list of documents fold into one line that says
//! what they hold. What a browser does with the page (the contents in view beside the text
//! while reading, tables that scroll at 320 px) is tested in `tests/e2e/reading.test.mjs`.

mod common;

use common::{PortalTest, element, elements, links, pairs, shown, start_tag, text};

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
