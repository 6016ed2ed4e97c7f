//! One mistake, one error (issue 14, point 3): when a source fails to load, the links to
//! it, the references into it, the lists and menu entries that name it are not reported
//! again as broken; they become a note on the source's own error.
//!
//! The portal below links every kind of source (a page, a notice, agreement versions,
//! the list of personal data) from several places; each test breaks one source and
//! expects exactly one diagnostic, with the note.

mod common;

use common::PortalTest;
use serde_json::Value;

/// A portal in which every kind of source is linked from several places, and which
/// checks clean.
fn portal() -> PortalTest {
    let t = PortalTest::empty("cascades");
    for (rel, text) in FILES {
        t.file(rel, text);
    }
    t.run(&["check"]).assert_code(0);
    t
}

const FILES: &[(&str, &str)] = &[
    (
        "agreements/bilaga/1.0.md",
        r#"---
title: Bilaga
version: "1.0"
date: 2024-01-01
author: Förvaltningen
---
## 1 Innehåll

Text.
"#,
    ),
    (
        "agreements/huvudavtal/1.0.md",
        r#"---
title: Huvudavtal
version: "1.0"
date: 2024-01-01
author: Förvaltningen
documents:
  - huvudavtal
  - villkor
  - bilaga
---
## 1 Parter

Villkoren finns i [Villkor](avtal:villkor#punkt-2).
"#,
    ),
    (
        "agreements/villkor/1.0.md",
        r#"---
title: Villkor
version: "1.0"
date: 2024-01-01
author: Förvaltningen
---
## 1 Allmänt

Text.

## 2 Ansvar

Text.
"#,
    ),
    (
        "agreements/villkor/1.1.md",
        r#"---
title: Villkor
version: "1.1"
date: 2025-01-01
author: Förvaltningen
comment: Punkt 3 om avgifter är ny.
---
## 1 Allmänt

Text.

## 2 Ansvar

Text.

## 3 Avgifter

Text.
"#,
    ),
    (
        "content/_index.md",
        r#"---
title: Start
---
Läs [guiden](guide/steg.md), särskilt [steg 2](guide/steg.md#steg-2), eller gå till
[guiden](/guide/steg/).

Avtalen: [Huvudavtal](avtal:huvudavtal), [Villkor](avtal:villkor),
[Villkor 1.1](avtal:villkor@1.1), [avgifter](avtal:villkor#punkt-3) och
[Bilaga](avtal:bilaga#punkt-1).

Se [störningen](driftinformation/2026-01-10-storning.md) och
[personuppgifterna](/personuppgifter/).
"#,
    ),
    (
        "content/driftinformation/2026-01-10-storning.md",
        r#"---
title: Störning i testmiljön
kind: storning
start: 2026-01-10T08:00:00+01:00
resolved: 2026-01-10T11:30:00+01:00
environments:
  - test
---
Testmiljön svarade inte. Se [guiden](../guide/steg.md).
"#,
    ),
    (
        "content/guide/_index.md",
        r#"---
title: Guide
---
Börja med [steget](steg.md).
"#,
    ),
    (
        "content/guide/steg.md",
        r#"---
title: Steg
---
## Steg 1 {#steg-1}

Text.

## Steg 2 {#steg-2}

Se [störningen](/driftinformation/2026-01-10-storning/) och [bilagan](avtal:bilaga).
"#,
    ),
    (
        "content/personuppgifter.yaml",
        r#"providers:
  - id: fk
    name: Försäkringskassan
    org_number: 202100-5521
    data_types:
      - id: bostadsbidrag
        name: Bostadsbidrag
        description: Beslutat bostadsbidrag.
        since: 2019-01-01
"#,
    ),
    (
        "portal.yaml",
        r#"title: Kedjor
base_url: https://portal.example.se/
description: Varje källa här länkas från flera ställen, så att ett fel i en källa kan ge följdfel.
menu:
  - path: /guide/
    title: Guide
  - path: /driftinformation/
    title: Driftinformation
  - path: /personuppgifter/
    title: Personuppgifter
publisher: Kedjeverket
contact: mailto:info@example.se
accessibility_statement: https://portal.example.se/tillganglighet/
"#,
    ),
];

/// The diagnostics of `check --format json`, asserting exit code 1.
fn diagnostics(t: &PortalTest) -> Vec<Value> {
    let run = t.run(&["check", "--format", "json", "--path-prefix", "."]);
    run.assert_code(1);
    let report: Value = serde_json::from_str(&run.stdout).expect("JSON report");
    report["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .clone()
}

/// The one diagnostic of a check, which must be `code` at `file:line`, and its notes.
fn the_one_error(t: &PortalTest, code: &str, file: &str, line: u64) -> Vec<String> {
    let all = diagnostics(t);
    let shown: Vec<String> = all
        .iter()
        .map(|d| format!("{} {}:{} {}", d["code"], d["file"], d["line"], d["message"]))
        .collect();
    assert_eq!(
        all.len(),
        1,
        "one mistake, one error:\n{}",
        shown.join("\n")
    );
    let d = &all[0];
    assert_eq!(
        (d["code"].as_str(), d["file"].as_str(), d["line"].as_u64()),
        (Some(code), Some(file), Some(line)),
        "{}",
        shown.join("\n")
    );
    d["notes"]
        .as_array()
        .expect("notes")
        .iter()
        .map(|n| n.as_str().unwrap().to_string())
        .collect()
}

/// Replaces `from` with `to` in one file of the portal.
fn edit(t: &PortalTest, rel: &str, from: &str, to: &str) {
    let path = t.root.join(rel);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{rel} has no {from:?}");
    std::fs::write(path, text.replacen(from, to, 1)).unwrap();
}

#[test]
fn a_page_that_fails_is_the_only_error() {
    let t = portal();
    edit(
        &t,
        "content/guide/steg.md",
        "title: Steg",
        "title: Steg\nweigth: 2",
    );
    let notes = the_one_error(&t, "E0102", "content/guide/steg.md", 3);
    assert_eq!(
        notes,
        [
            "3 pages link to this page (5 links), not reported separately: `content/_index.md:4`, `content/driftinformation/2026-01-10-storning.md:9`, `content/guide/_index.md:4`"
        ]
    );
}

#[test]
fn a_page_in_the_menu_that_fails_is_the_only_error() {
    let t = portal();
    edit(
        &t,
        "content/guide/_index.md",
        "title: Guide",
        "titel: Guide",
    );
    let notes = the_one_error(&t, "E0102", "content/guide/_index.md", 2);
    assert_eq!(
        notes,
        ["1 menu entry links to this page, not reported separately: `portal.yaml:5`"]
    );
}

#[test]
fn a_notice_that_fails_is_the_only_error() {
    let t = portal();
    edit(
        &t,
        "content/driftinformation/2026-01-10-storning.md",
        "kind: storning",
        "kind: storning\nkomponent: BT",
    );
    let notes = the_one_error(
        &t,
        "E0102",
        "content/driftinformation/2026-01-10-storning.md",
        4,
    );
    // The only notice: `/driftinformation/` is not published either, so the menu entry
    // for it follows from the same mistake.
    assert_eq!(
        notes,
        [
            "2 pages link to this notice, not reported separately: `content/_index.md:11`, `content/guide/steg.md:10`",
            "1 menu entry links to this notice, not reported separately: `portal.yaml:7`",
        ]
    );
}

#[test]
fn the_only_version_of_a_document_that_fails_is_the_only_error() {
    let t = portal();
    edit(&t, "agreements/bilaga/1.0.md", "author:", "autor:");
    let notes = the_one_error(&t, "E0102", "agreements/bilaga/1.0.md", 5);
    assert_eq!(
        notes,
        [
            "2 pages link to this document, not reported separately: `content/_index.md:9`, `content/guide/steg.md:10`",
            "1 entry lists this document in a Handlingsförteckning, not reported separately: `agreements/huvudavtal/1.0.md:9`",
        ]
    );
}

#[test]
fn the_version_in_force_that_fails_is_the_only_error() {
    // Version 1.0 still loads, so `avtal:villkor` leads to it; but `#punkt-3` and
    // `@1.1` are only in 1.1.
    let t = portal();
    edit(
        &t,
        "agreements/villkor/1.1.md",
        "date: 2025-01-01",
        "date: 2025-13-01",
    );
    let notes = the_one_error(&t, "E0105", "agreements/villkor/1.1.md", 4);
    assert_eq!(
        notes,
        ["1 page links to this document (2 links), not reported separately: `content/_index.md:8`"]
    );
}

#[test]
fn an_agreement_that_fails_leaves_its_documents_unreported() {
    let t = portal();
    edit(
        &t,
        "agreements/huvudavtal/1.0.md",
        "version: \"1.0\"",
        "version: \"1.1\"",
    );
    let notes = the_one_error(&t, "E0108", "agreements/huvudavtal/1.0.md", 3);
    assert_eq!(
        notes,
        [
            "1 page links to this document, not reported separately: `content/_index.md:7`",
            "until this file loads, documents that no agreement lists are not reported: `bilaga`, `villkor`",
        ]
    );
}

#[test]
fn a_data_list_that_fails_is_the_only_error() {
    // Issue 14: one bad organisation number gave 7 errors.
    let t = portal();
    edit(
        &t,
        "content/personuppgifter.yaml",
        "202100-5521",
        "202100-5522",
    );
    let notes = the_one_error(&t, "E0702", "content/personuppgifter.yaml", 4);
    assert_eq!(
        notes,
        [
            "1 page links to this list, not reported separately: `content/_index.md:12`",
            "1 menu entry links to this list, not reported separately: `portal.yaml:9`",
        ]
    );
}

#[test]
fn the_note_is_shown_in_the_human_output() {
    let t = portal();
    edit(
        &t,
        "content/personuppgifter.yaml",
        "202100-5521",
        "202100-5522",
    );
    t.run(&["check"])
        .assert_code(1)
        .assert_stderr_count("error[", 1)
        .assert_stderr(
            "1 page links to this list, not reported separately: `content/_index.md:12`",
        );
}

#[test]
fn a_link_to_a_missing_page_is_still_broken() {
    // Only sources that failed are spared: a page that does not exist is an error.
    let t = portal();
    t.remove("content/guide/steg.md");
    let all = diagnostics(&t);
    assert_eq!(all.len(), 5, "{all:#?}");
    assert!(all.iter().all(|d| d["code"] == "E0301"), "{all:#?}");
}

#[test]
fn a_broken_link_and_a_note_in_swedish() {
    // Issue 14, point 1: the messages in the portal's language, Swedish by default.
    let t = portal();
    edit(&t, "content/guide/_index.md", "(steg.md)", "(stege.md)");
    edit(
        &t,
        "content/driftinformation/2026-01-10-storning.md",
        "kind: storning",
        "kind: storning\nkomponent: BT",
    );
    t.run(&["check", "--lang", "sv"])
        .assert_code(1)
        .assert_stderr(
            "content/guide/_index.md:4:11: fel[E0301]: trasig länk `stege.md`: \
             `content/guide/stege.md` finns inte\n  = tips: menade du `steg.md`?\n",
        )
        .assert_stderr(
            "content/driftinformation/2026-01-10-storning.md:4:1: fel[E0102]: okänd nyckel `komponent`\n",
        )
        .assert_stderr(
            "  = obs: 2 sidor länkar till det här driftmeddelandet och rapporteras inte separat: \
             `content/_index.md:11`, `content/guide/steg.md:10`\n  \
             = obs: 1 menyval länkar till det här driftmeddelandet och rapporteras inte separat: \
             `portal.yaml:7`\n",
        )
        .assert_stderr("\n2 fel\n");
}
