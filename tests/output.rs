//! The output guarantees of SPEC §6: the output folder is replaced only by a complete,
//! successful build; nothing stale survives; the same input gives the same bytes.

mod common;

use std::time::Duration;

use common::PortalTest;

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
fn building_twice_gives_byte_identical_output() {
    let t = PortalTest::from_fixture("basic");
    t.build();
    let first = tree(&t);
    t.build();
    assert_eq!(first, tree(&t));
    // A fresh copy elsewhere gives the same bytes too: no absolute paths, no times.
    let other = PortalTest::from_fixture("basic");
    other.build();
    assert_eq!(first, tree(&other));
}

#[test]
fn a_build_that_fails_late_leaves_the_previous_output_intact() {
    let t = PortalTest::from_fixture("basic");
    t.build();
    let before = tree(&t);
    // A broken fragment is only found after every page has been rendered and written
    // to the staging folder, the latest point a build can fail.
    t.file(
        "content/guide/steg.md",
        "---\ntitle: Steg\n---\nNy text med [trasig länk](#finns-inte).\n",
    );
    t.run(&["build"])
        .assert_code(1)
        .assert_stderr("error[E0302]");
    assert_eq!(before, tree(&t), "public/ must be untouched");
    // The next good build recovers, and the broken edit never reached the output.
    t.file(
        "content/guide/steg.md",
        "---\ntitle: Steg\n---\nNy text.\n\n## Andra steget\n",
    );
    t.build();
    assert!(t.main("guide/steg/index.html").contains("Ny text."));
}

#[test]
fn a_template_error_leaves_the_previous_output_intact() {
    let t = PortalTest::from_fixture("basic");
    t.build();
    let before = tree(&t);
    t.file(
        "portal.yaml",
        &format!(
            "{}theme: trasig\n",
            std::fs::read_to_string(t.root.join("portal.yaml")).unwrap()
        ),
    );
    t.file(
        "themes/trasig/templates/page.html",
        "{% extends \"base.html\" %}{% block main %}{{ page.saknas }}{% endblock main %}",
    );
    t.run(&["build"])
        .assert_code(1)
        .assert_stderr("error[E0502]");
    assert_eq!(before, tree(&t));
}

#[test]
fn no_stale_files_survive_a_build() {
    let t = PortalTest::from_fixture("basic");
    t.build();
    assert!(t.out().join("guide/andra/index.html").exists());
    t.remove("content/guide/andra.md");
    t.build();
    assert!(!t.out().join("guide/andra").exists());
    // Twice more, so the recycled previous tree is also cleaned.
    t.build();
    t.build();
    assert!(!t.out().join("guide/andra").exists());
    let files = t.output_files();
    assert!(files.iter().all(|f| !f.contains("andra")), "{files:?}");
}

#[test]
fn a_leftover_staging_folder_from_a_killed_build_is_cleaned() {
    let t = PortalTest::from_fixture("basic");
    t.file(".public.staging/skräp.html", "kvar från en avbruten bygge");
    t.file(".public.staging/guide/gammal/index.html", "gammal");
    t.build();
    let files = t.output_files();
    assert!(
        !files
            .iter()
            .any(|f| f.contains("skräp") || f.contains("gammal")),
        "{files:?}"
    );
}

#[test]
fn a_killed_build_leaves_either_the_old_or_the_new_site() {
    let t = PortalTest::from_fixture("minimal");
    let write_pages = |marker: &str| {
        for i in 0..1500 {
            t.file(
                &format!("content/sida/s{i:04}.md"),
                &format!("---\ntitle: Sida {i}\n---\n{marker}\n\n## Rubrik\n\nText {i}.\n"),
            );
        }
    };
    write_pages("GAMMAL");
    t.build();
    write_pages("NY");
    for delay_ms in [2, 5, 10, 20, 40, 80] {
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_infoportal"))
            .args(["build", "--now", common::NOW, "--root"])
            .arg(&t.root)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(delay_ms));
        let _ = child.kill();
        let _ = child.wait();
        let pages: Vec<String> = t
            .output_files()
            .into_iter()
            .filter(|f| f.starts_with("sida/s"))
            .collect();
        assert_eq!(
            pages.len(),
            1500,
            "after a kill at {delay_ms} ms the output is complete"
        );
        let old = pages
            .iter()
            .filter(|f| t.read(f).contains("GAMMAL"))
            .count();
        assert!(
            old == 0 || old == 1500,
            "after {delay_ms} ms: {old} old pages of 1500, a mixed tree"
        );
    }
    t.build();
    assert!(t.read("sida/s0000/index.html").contains("NY"));
}

#[test]
fn output_can_go_elsewhere() {
    let t = PortalTest::from_fixture("minimal");
    let out = t.root.join("ut/webb");
    t.run(&["build", "--out", out.to_str().unwrap()])
        .assert_code(0);
    assert!(out.join("index.html").is_file());
    assert!(!t.out().exists());
}

#[test]
fn an_output_folder_that_looks_like_a_portal_or_repository_is_not_replaced() {
    let t = PortalTest::from_fixture("minimal");
    for marker in ["portal.yaml", ".git/HEAD"] {
        let other = PortalTest::empty("not-an-output");
        other.file(marker, "kvar\n");
        let out = other.root.display().to_string();
        let run = t.run(&["build", "--out", &out]);
        run.assert_code(2).assert_stderr(&format!(
            "refusing to replace `{out}`: it looks like a portal or a Git repository, not a build output"
        ));
        assert_eq!(
            std::fs::read_to_string(other.root.join(marker)).unwrap(),
            "kvar\n",
            "{marker} is left alone"
        );
    }
}

#[test]
fn an_output_that_is_a_file_is_refused() {
    let t = PortalTest::from_fixture("minimal");
    t.file("public", "en fil\n");
    t.run(&["build"])
        .assert_code(2)
        .assert_stderr("output `[ROOT]/public` exists and is not a folder");
    assert_eq!(
        std::fs::read_to_string(t.root.join("public")).unwrap(),
        "en fil\n"
    );
}
