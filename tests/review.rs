//! `reviewed:` and `review_by:` on content pages (issue 14, point 7): a page whose
//! `review_by:` day has passed is a warning on every build from the next day on.

mod common;

use common::PortalTest;

const GUIDE: &str = "content/anslutning.md";

fn portal(front: &str) -> PortalTest {
    let t = PortalTest::from_fixture("minimal");
    t.file(
        GUIDE,
        &format!("---\ntitle: Anslutning\n{front}---\n\nSå ansluter kommunen.\n"),
    );
    t
}

#[test]
fn a_page_past_its_review_day_is_a_warning_from_the_next_day_on() {
    let t = portal("reviewed: 2026-03-01\nreview_by: 2026-09-01\n");
    // On the day itself the page is still within its review period.
    t.run(&["build", "--now", "2026-09-01T23:59:00+02:00"])
        .assert_code(0)
        .assert_stderr_count("W0102", 0);
    let run = t.run(&["build", "--now", "2026-09-02T00:00:00+02:00"]);
    run.assert_code(0).assert_stderr(
        "content/anslutning.md:4:1: warning[W0102]: `Anslutning` was due for review on 2026-09-01",
    );
    run.assert_stderr("last reviewed 2026-03-01, the build's date is 2026-09-02")
        .assert_stderr("set `reviewed:` to today");
    // CI that treats warnings as errors stops on a stale guide.
    t.run(&["build", "--strict", "--now", "2026-09-02T00:00:00+02:00"])
        .assert_code(1);
}

#[test]
fn drafts_are_not_reviewed_until_they_are_published() {
    let t = portal("draft: true\nreview_by: 2026-01-01\n");
    t.run(&["build", "--now", "2026-06-01"])
        .assert_code(0)
        .assert_stderr_count("W0102", 0);
    t.run(&["build", "--drafts", "--now", "2026-06-01"])
        .assert_code(0)
        .assert_stderr("warning[W0102]");
}

#[test]
fn review_by_before_reviewed_is_an_error() {
    let t = portal("reviewed: 2026-03-01\nreview_by: 2026-02-01\n");
    t.run(&["build"]).assert_code(1).assert_stderr(
        "content/anslutning.md:4:1: error[E0111]: `review_by` (2026-02-01) is before `reviewed` (2026-03-01)",
    );
}

#[test]
fn review_dates_must_be_dates() {
    let t = portal("reviewed: i mars\n");
    t.run(&["build"]).assert_code(1).assert_stderr(
        "content/anslutning.md:3:1: error[E0105]: `reviewed` is not a valid date: `i mars`",
    );
}

#[test]
fn messages_are_in_the_portals_language_unless_lang_says_otherwise() {
    let t = portal("reviewed: 2026-03-01\nreview_by: 2026-09-01\n");
    let now = "2026-09-02T00:00:00+02:00";
    // The default portal language is Swedish.
    t.run(&["build", "--lang", "sv", "--now", now])
        .assert_code(0)
        .assert_stderr(
            "content/anslutning.md:4:1: varning[W0102]: `Anslutning` skulle ha granskats senast 2026-09-01\n  \
             = obs: senast granskad 2026-03-01, byggets datum är 2026-09-02\n  \
             = tips: kontrollera sidan",
        )
        .assert_stderr("\n1 varning\n");
    let plain = std::process::Command::new(env!("CARGO_BIN_EXE_infoportal"))
        .args(["check", "--now", now, "--root"])
        .arg(&t.root)
        .output()
        .expect("run infoportal");
    let stderr = String::from_utf8_lossy(&plain.stderr);
    assert!(
        stderr.contains("varning[W0102]"),
        "Swedish by default: {stderr}"
    );
    // A portal written in English gets English messages; `--lang` decides over it.
    let yaml = std::fs::read_to_string(t.root.join("portal.yaml")).unwrap();
    t.file("portal.yaml", &format!("{yaml}language: en\n"));
    let plain = std::process::Command::new(env!("CARGO_BIN_EXE_infoportal"))
        .args(["check", "--now", now, "--root"])
        .arg(&t.root)
        .output()
        .expect("run infoportal");
    let stderr = String::from_utf8_lossy(&plain.stderr);
    assert!(
        stderr.contains("warning[W0102]: `Anslutning` was due for review"),
        "{stderr}"
    );
    t.run(&["check", "--lang", "sv", "--now", now])
        .assert_stderr("varning[W0102]");
    // JSON and GitHub output follow the same choice; codes and severities stay as they are.
    let run = t.run(&["check", "--lang", "sv", "--format", "json", "--now", now]);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(json["diagnostics"][0]["severity"], "warning");
    assert_eq!(
        json["diagnostics"][0]["message"],
        "`Anslutning` skulle ha granskats senast 2026-09-01"
    );
}

#[test]
fn the_page_says_when_it_was_last_reviewed() {
    let t = portal("reviewed: 2026-03-01\nreview_by: 2027-03-01\n");
    t.run(&["build"]).assert_code(0);
    let html = t.read("anslutning/index.html");
    assert!(
        html.contains(
            "<p class=\"meta reviewed\">Senast granskad <time datetime=\"2026-03-01\">1 mars 2026</time></p>"
        ),
        "{html}"
    );
    // A page without `reviewed:` says nothing about it.
    let t = portal("");
    t.run(&["build"]).assert_code(0);
    assert!(!t.read("anslutning/index.html").contains("Senast granskad"));
}
