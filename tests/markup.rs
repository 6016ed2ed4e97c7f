//! The default theme's markup, pinned by snapshots: the `<main>` of every page of every
//! fixture portal (`tests/snapshots/markup/<fixture>__<page>.snap`), and one whole page for
//! what is around `<main>` (head, header, menu, breadcrumbs, footer).
//!
//! The other tests say what a page tells its reader and where its links lead; the markup
//! that carries it is here, once, so a change to the theme or the Markdown writer is one
//! reviewed diff of snapshots rather than strings edited across the tests. `cargo test`
//! fails on a snapshot that changed and writes the new one beside it (`.snap.new`); accept
//! it with `cargo insta review`, or with `INSTA_UPDATE=always cargo test` and a read of
//! `git diff tests/snapshots` (see the README's Development section).

mod common;

use std::collections::BTreeSet;
use std::path::Path;

use common::PortalTest;

/// Where the snapshots of `<main>` are, relative to this file.
const MAIN_SNAPSHOTS: &str = "snapshots/markup";

/// Every fixture portal: each folder of `tests/fixtures/` with a `portal.yaml`, each pinned
/// by the test of its name below (a test checks the list). Not insta's `glob!`: its walk
/// over `tests/fixtures/` follows symbolic links and stops at the loop that the case
/// `invalid/symlink-loop` is about.
const FIXTURES: &[&str] = &[
    "basic",
    "future",
    "hierarchy",
    "minimal",
    "navigation",
    "notices",
];

/// `text` with the test's portal folder written `[ROOT]`, so a snapshot is the same on
/// every machine.
fn redacted(t: &PortalTest, text: &str) -> String {
    text.replace(&t.root.display().to_string(), "[ROOT]")
}

/// Builds `fixture` and compares the `<main>` of each of its pages with its snapshot,
/// `<fixture>__<page path, / as __>.snap`. Every page is compared before the test fails, so
/// one run shows (and, outside CI, writes as `.snap.new`) every snapshot that changed.
fn pin_every_page(fixture: &str) {
    let t = PortalTest::from_fixture(fixture);
    t.build();
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path(MAIN_SNAPSHOTS);
    settings.set_prepend_module_to_snapshot(false);
    settings.set_omit_expression(true);
    settings.set_input_file(format!("tests/fixtures/{fixture}/portal.yaml"));
    let pages: Vec<String> = t
        .output_files()
        .into_iter()
        .filter(|f| f.ends_with(".html"))
        .collect();
    let changed: Vec<&String> = settings.bind(|| {
        pages
            .iter()
            .filter(|page| {
                let main = redacted(&t, &t.main(page));
                let name = format!("{fixture}/{page}");
                // insta fails an assertion by panicking; catching it lets the other pages
                // be compared too (so its hint that it stopped at the first failure is not
                // true here).
                std::panic::catch_unwind(|| insta::assert_snapshot!(name.as_str(), main)).is_err()
            })
            .collect()
    });
    assert!(
        changed.is_empty(),
        "the markup of {} page(s) of `{fixture}` differs from its snapshot: {changed:?}",
        changed.len()
    );
    // A page that is gone (or renamed) must not leave its snapshot behind, pinning nothing.
    // cargo-insta can find these too, but `cargo test` must not depend on it.
    let pinned: BTreeSet<String> = pages
        .iter()
        .map(|page| format!("{fixture}__{}.snap", page.replace('/', "__")))
        .collect();
    let stale: Vec<String> = snapshot_files()
        .into_iter()
        .filter(|name| name.starts_with(&format!("{fixture}__")) && !pinned.contains(name))
        .collect();
    assert!(
        stale.is_empty(),
        "snapshots in tests/{MAIN_SNAPSHOTS} of pages `{fixture}` no longer has; delete them: {stale:?}"
    );
}

/// The names of the snapshot files of `<main>`.
fn snapshot_files() -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join(MAIN_SNAPSHOTS);
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return Vec::new();
    };
    entries
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".snap"))
        .collect()
}

#[test]
fn basic() {
    pin_every_page("basic");
}

#[test]
fn future() {
    pin_every_page("future");
}

#[test]
fn hierarchy() {
    pin_every_page("hierarchy");
}

#[test]
fn minimal() {
    pin_every_page("minimal");
}

#[test]
fn navigation() {
    pin_every_page("navigation");
}

#[test]
fn notices() {
    pin_every_page("notices");
}

#[test]
fn every_fixture_is_pinned_and_every_snapshot_is_of_one() {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut found: Vec<String> = std::fs::read_dir(&fixtures)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|dir| dir.join("portal.yaml").is_file())
        .map(|dir| dir.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    found.sort();
    assert_eq!(
        found, FIXTURES,
        "give a new fixture its test in tests/markup.rs"
    );
    let strays: Vec<String> = snapshot_files()
        .into_iter()
        .filter(|name| !FIXTURES.iter().any(|f| name.starts_with(&format!("{f}__"))))
        .collect();
    assert!(
        strays.is_empty(),
        "snapshots in tests/{MAIN_SNAPSHOTS} of no fixture; delete them: {strays:?}"
    );
}

#[test]
fn the_chrome_around_main() {
    let t = PortalTest::from_fixture("basic");
    t.build();
    let mut settings = insta::Settings::clone_current();
    settings.set_omit_expression(true);
    settings.bind(|| {
        insta::assert_snapshot!(redacted(&t, &t.read("guide/steg/index.html")));
    });
}
