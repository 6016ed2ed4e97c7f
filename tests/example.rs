//! The bundled example portal builds with no errors and no warnings, and builds
//! byte-identically twice (SPEC §6 "Reproducible"), manifest and feeds included.

mod common;

use std::path::Path;

use common::{PortalTest, copy_dir};

fn example() -> PortalTest {
    let t = PortalTest::empty("example");
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    for dir in ["agreements", "content", "themes"] {
        copy_dir(&repo.join(dir), &t.root.join(dir));
    }
    std::fs::copy(repo.join("portal.yaml"), t.root.join("portal.yaml")).unwrap();
    t
}

fn tree(t: &PortalTest) -> Vec<(String, Vec<u8>)> {
    t.output_files()
        .into_iter()
        .map(|f| {
            let bytes = std::fs::read(t.out().join(&f)).unwrap();
            (f, bytes)
        })
        .collect()
}

#[test]
fn the_example_portal_builds_cleanly_and_reproducibly() {
    let t = example();
    let now = "2026-11-26T12:00:00+01:00";
    let run = t.run(&["build", "--strict", "--now", now]);
    run.assert_code(0);
    assert_eq!(run.stderr, "", "no diagnostics at all");
    let first = tree(&t);
    assert!(first.len() > 60, "a real site: {} files", first.len());
    t.run(&["build", "--strict", "--now", now]).assert_code(0);
    let second = tree(&t);
    assert_eq!(first.len(), second.len());
    for ((name, a), (_, b)) in first.iter().zip(&second) {
        assert!(a == b, "{name} differs between two builds");
    }
    // The example shows every status of notice for its date.
    let list = t.main("driftinformation/index.html");
    for status in ["status-ongoing", "status-upcoming"] {
        assert!(list.contains(status), "no {status} notice");
    }
    let archive = &list[list.find("id=\"drift-arkiv\"").expect("an archive")..];
    assert!(archive.contains("<li>"), "no ended notice in the archive");
}
