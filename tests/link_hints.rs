//! Hints that help (issue 14, point 4): "did you mean" names only plausible targets,
//! never the file being edited and never a file whose name is far from the one written;
//! a broken `/path/` link suggests the Markdown file that publishes the path meant,
//! written relative to the linking file, and only when there is one.

mod common;

use common::PortalTest;
use serde_json::Value;

/// A portal with a few pages and one page, `content/anslutning/kommun.md`, whose body
/// is `body`.
fn portal_linking(body: &str) -> PortalTest {
    let t = PortalTest::from_fixture("minimal");
    t.file("content/kontakt.md", "---\ntitle: Kontakt\n---\nText.\n")
        .file(
            "content/anslutning/_index.md",
            "---\ntitle: Anslutning\n---\nText.\n",
        )
        .file(
            "content/anslutning/support.md",
            "---\ntitle: Support\n---\nText.\n",
        )
        .file(
            "content/anslutning/testmiljo.md",
            "---\ntitle: Testmiljö\n---\nText.\n",
        )
        .file(
            "content/utkast.md",
            "---\ntitle: Utkast\ndraft: true\n---\nText.\n",
        )
        .file(
            "content/anslutning/kommun.md",
            &format!("---\ntitle: Kommun\n---\n{body}\n"),
        );
    t
}

/// (message, hint) of the one diagnostic `check` reports, an E0301 at line 4 of
/// `content/anslutning/kommun.md`.
fn broken_link(body: &str) -> (String, String) {
    let t = portal_linking(body);
    let run = t.run(&["check", "--format", "json", "--path-prefix", "."]);
    run.assert_code(1);
    let report: Value = serde_json::from_str(&run.stdout).expect("JSON report");
    let all = report["diagnostics"].as_array().unwrap();
    assert_eq!(all.len(), 1, "{all:#?}");
    let d = &all[0];
    assert_eq!(d["code"], "E0301");
    assert_eq!(d["file"], "content/anslutning/kommun.md");
    assert_eq!(d["line"], 4);
    (
        d["message"].as_str().unwrap().to_string(),
        d["hint"].as_str().unwrap().to_string(),
    )
}

#[test]
fn did_you_mean_never_names_the_file_being_edited() {
    // It used to suggest `content/anslutning/kommun.md`, the page the link is in.
    let (_, hint) = broken_link("Se [kommunen](komun.md).");
    assert_eq!(
        hint,
        "check the file name; links to pages are relative to this file"
    );
}

#[test]
fn did_you_mean_never_names_a_file_whose_name_is_far() {
    // Whole paths were compared, so any file in the same folder was "near".
    let (_, hint) = broken_link("Se [avgifter](avgifter.md).");
    assert_eq!(
        hint,
        "check the file name; links to pages are relative to this file"
    );
}

#[test]
fn did_you_mean_names_a_near_file_as_it_is_linked_from_here() {
    let (message, hint) = broken_link("Se [testmiljön](testmiljon.md).");
    assert_eq!(
        message,
        "broken link `testmiljon.md`: `content/anslutning/testmiljon.md` does not exist"
    );
    assert_eq!(hint, "did you mean `testmiljo.md`?");
    // The right name in the wrong folder: the file, relative to this one.
    let (_, hint) = broken_link("Se [kontakt](kontakt.md).");
    assert_eq!(hint, "did you mean `../kontakt.md`?");
}

#[test]
fn a_path_link_suggests_the_markdown_file_that_publishes_the_path_meant() {
    let (message, hint) = broken_link("Se [support](/anslutning/suport/).");
    assert_eq!(
        message,
        "broken link `/anslutning/suport/`: no page or file is published at `/anslutning/suport/`"
    );
    assert_eq!(
        hint,
        "did you mean `/anslutning/support/`? Or link to its Markdown file: `support.md`"
    );
    let (_, hint) = broken_link("Se [kontakt](/kontakt).");
    assert_eq!(
        hint,
        "write `/kontakt/` with a trailing slash, or link to its Markdown file: `../kontakt.md`"
    );
}

#[test]
fn a_path_link_suggests_no_file_when_none_publishes_it() {
    // It used to say "link to the Markdown file instead (`../anslutning/kommun.md`)",
    // a fixed example that here is the page itself.
    let (_, hint) = broken_link("Se [underhåll](/driftinformation/underhall/).");
    assert_eq!(
        hint,
        "check the path; a page's path is the path of its Markdown file under `content/`, without `.md`"
    );
    // The page itself, without its slash: only the slash is suggested.
    let (_, hint) = broken_link("Se [här](/anslutning/kommun).");
    assert_eq!(hint, "write `/anslutning/kommun/` with a trailing slash");
}

#[test]
fn a_path_link_to_a_draft_names_the_draft() {
    let (message, hint) = broken_link("Se [utkastet](/utkast/).");
    assert_eq!(
        message,
        "broken link `/utkast/`: `/utkast/` is the page of `content/utkast.md`, which is a draft"
    );
    assert_eq!(
        hint,
        "publish it (remove `draft: true`) or build with `--drafts` to preview"
    );
}
