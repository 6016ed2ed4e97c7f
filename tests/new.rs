//! `infoportal new`: a notice, a page and the next version of an agreement document,
//! each a valid file, never an overwrite.

mod common;

use common::PortalTest;

fn new(t: &PortalTest, args: &[&str]) -> common::Run {
    let mut all = vec!["new"];
    all.extend_from_slice(args);
    // The messages in English, as the tests read them (the portal's are Swedish).
    all.extend(["--lang", "en"]);
    // `new` takes --root after its own arguments; `run` adds it.
    t.run_plain(&all)
}

#[test]
fn new_notice_is_a_valid_dated_notice() {
    let t = PortalTest::from_fixture("notices");
    let run = new(
        &t,
        &[
            "notice",
            "Planerat underhåll: LEFI",
            "--kind",
            "planerat-underhall",
            "--start",
            "2027-01-17T06:00:00+01:00",
            "--end",
            "2027-01-17T10:00:00+01:00",
            "--environments",
            "produktion,test",
            "--components",
            "LEFI",
        ],
    );
    run.assert_code(0);
    let path = run.stdout.trim();
    assert_eq!(
        path,
        "content/driftinformation/2027-01-17-planerat-underhall-lefi.md"
    );
    let text = std::fs::read_to_string(t.root.join(path)).unwrap();
    assert!(text.starts_with("---\ntitle: \"Planerat underhåll: LEFI\"\nkind: planerat-underhall\nstart: 2027-01-17T06:00:00+01:00\nend: 2027-01-17T10:00:00+01:00\nenvironments: [produktion, test]\ncomponents: [LEFI]\npublished: "), "{text}");
    // Its text is still to be written: a warning at the placeholder, which --strict
    // stops from going live.
    let now = "2027-01-17T07:00:00+01:00";
    t.run(&["build", "--now", now])
        .assert_code(0)
        .assert_stderr(&format!("{path}:10:1: warning[W0601]: the notice still has the placeholder text of `infoportal new notice`"));
    t.run(&["build", "--strict", "--now", now])
        .assert_code(1)
        .assert_stderr(&format!(
            "{path}:10:1: error[W0601]: the notice still has the placeholder text"
        ));
    // Written, the new notice builds without a single problem.
    let (front, _) = text.rsplit_once("---\n").unwrap();
    let text = format!("{front}---\nLEFI är inte tillgänglig under underhållet.\n");
    t.file(path, &text);
    let build = t.run(&["build", "--strict", "--now", now]);
    build.assert_code(0);
    assert!(
        t.main("driftinformation/2027-01-17-planerat-underhall-lefi/index.html")
            .contains("status-ongoing")
    );
    // The same notice again is refused, and the file is left as it was.
    let again = new(
        &t,
        &[
            "notice",
            "Planerat underhåll: LEFI",
            "--kind",
            "planerat-underhall",
            "--start",
            "2027-01-17T06:00:00+01:00",
            "--end",
            "2027-01-17T11:00:00+01:00",
        ],
    );
    again
        .assert_code(2)
        .assert_stderr("already exists; infoportal new never overwrites a file");
    assert_eq!(std::fs::read_to_string(t.root.join(path)).unwrap(), text);
}

#[test]
fn new_notice_needs_an_end_for_maintenance() {
    let t = PortalTest::from_fixture("notices");
    new(
        &t,
        &[
            "notice",
            "Underhåll",
            "--kind",
            "planerat-underhall",
            "--start",
            "2027-01-17T06:00:00+01:00",
        ],
    )
    .assert_code(2)
    .assert_stderr("planned maintenance needs `--end`");
    new(
        &t,
        &[
            "notice",
            "Fel",
            "--kind",
            "storningar",
            "--start",
            "2027-01-17T06:00:00+01:00",
        ],
    )
    .assert_code(2)
    .assert_stderr("`storningar` is not a kind");
}

#[test]
fn new_page_creates_a_page_that_builds() {
    let t = PortalTest::from_fixture("basic");
    let run = new(&t, &["page", "guide/testmiljo"]);
    run.assert_code(0);
    assert_eq!(run.stdout.trim(), "content/guide/testmiljo.md");
    let text = std::fs::read_to_string(t.root.join("content/guide/testmiljo.md")).unwrap();
    assert!(text.starts_with("---\ntitle: Testmiljo\n"), "{text}");
    t.run(&["build", "--strict"]).assert_code(0);
    assert!(t.main("guide/index.html").contains("Testmiljo"));
    new(&t, &["page", "guide/testmiljo", "--title", "Annan"])
        .assert_code(2)
        .assert_stderr("`content/guide/testmiljo.md` already exists");
    new(&t, &["page", "guide/Testmiljö"])
        .assert_code(2)
        .assert_stderr("e.g. `testmiljo`");
}

#[test]
fn new_version_copies_the_current_version_as_a_draft() {
    let t = PortalTest::from_fixture("basic");
    // avtal-a has 1.0, 1.1 (current) and 2.0 (upcoming): the next minor is 2.1, copied
    // from the newest published version, 2.0, so that 2.0's changes are kept.
    let run = new(&t, &["version", "avtal-a"]);
    run.assert_code(0);
    assert_eq!(run.stdout.trim(), "agreements/avtal-a/2.1.md");
    let text = std::fs::read_to_string(t.root.join("agreements/avtal-a/2.1.md")).unwrap();
    assert!(text.contains("\nversion: \"2.1\"\n"), "{text}");
    // It takes effect on its date unless the editor says otherwise.
    let date = text
        .lines()
        .find_map(|l| l.strip_prefix("date: "))
        .expect("a date");
    assert!(
        text.contains(&format!(
            "\nvalid_from: {date}\ncomment: \"\"\ndraft: true\n"
        )),
        "{text}"
    );
    assert!(text.contains("Nya parter."), "copied from 2.0: {text}");
    assert!(!text.contains("Text i version 1.1"), "not from 1.1: {text}");
    assert!(!text.contains("Ny struktur"), "the old comment is gone");
    assert!(!text.contains("2027-01-01"), "not the valid_from of 2.0");
    // A draft: the site does not change, and the build has no problems.
    t.run(&["build", "--strict"]).assert_code(0);
    assert!(!t.out().join("avtal/avtal-a/2.1").exists());
    t.run(&["build", "--drafts"]).assert_code(0);
    assert!(t.out().join("avtal/avtal-a/2.1/index.html").exists());

    let major = new(&t, &["version", "avtal-a", "--major", "--force"]);
    major.assert_code(0);
    assert_eq!(major.stdout.trim(), "agreements/avtal-a/3.0.md");
    assert_eq!(
        std::fs::read_to_string(t.root.join("agreements/avtal-a/2.1.md")).unwrap(),
        text,
        "never overwritten"
    );
    new(&t, &["version", "saknas"])
        .assert_code(2)
        .assert_stderr("there is no agreement document `saknas`");
}

#[test]
fn new_page_strips_one_md_suffix_only() {
    let t = PortalTest::from_fixture("basic");
    new(&t, &["page", "guide/extra.md.md"])
        .assert_code(2)
        .assert_stderr("`extra.md` cannot be used in a URL");
    assert!(!t.root.join("content/guide/extra.md").exists());
    let run = new(&t, &["page", "guide/extra.md"]);
    run.assert_code(0);
    assert_eq!(run.stdout.trim(), "content/guide/extra.md");
}

#[test]
fn new_reports_a_broken_portal_yaml_as_such() {
    let t = PortalTest::from_fixture("basic");
    t.bytes(
        "portal.yaml",
        b"title: Caf\xe9\nbase_url: https://example.se/\n",
    );
    new(&t, &["page", "guide/ny"])
        .assert_code(2)
        .assert_stderr("error: portal.yaml has errors; run `infoportal check` first: portal.yaml:1:11: error[E0106]: the file is not valid UTF-8 text");
    t.file(
        "portal.yaml",
        "title: Basic\nbase_url: https://example.se/\ntimezone: Europe/Stokholm\n",
    );
    new(&t, &["page", "guide/ny"])
        .assert_code(2)
        .assert_stderr("error: portal.yaml has errors; run `infoportal check` first: portal.yaml:3:1: error[E0104]: unknown time zone `Europe/Stokholm` in `timezone`");
    t.remove("portal.yaml");
    new(&t, &["page", "guide/ny"]).assert_code(2).assert_stderr(
        "portal.yaml` not found: run infoportal in a portal folder or pass `--root DIR`",
    );
    assert!(!t.root.join("content/guide/ny.md").exists());
}

/// With 1.0 in force and 1.1 published for 2027-01-01, the next version is a copy of
/// 1.1: copied from 1.0 it would drop 1.1's changes. Published with its default
/// `valid_from` (today), it would overtake 1.1, which then never applies: W0405 says so.
#[test]
fn new_version_copies_the_newest_published_version_as_the_build_sees_it() {
    let t = PortalTest::from_fixture("basic");
    let version = |n: &str, extra: &str, body: &str| {
        format!(
            "---\ntitle: Driftsavtal\nversion: \"{n}\"\ndate: 2026-10-01\n{extra}author: F\ncomment: Ändrad\n---\n{body}\n"
        )
    };
    t.file(
        "agreements/driftsavtal/1.0.md",
        &version("1.0", "", "## 1 Drift\n\nText i version 1.0."),
    );
    // A comment after `draft` does not make 1.1 any less published.
    t.file(
        "agreements/driftsavtal/1.1.md",
        &version(
            "1.1",
            "valid_from: 2027-01-01\ndraft: false # klar\n",
            "## 1 Drift\n\nText i version 1.1.",
        ),
    );
    let run = new(&t, &["version", "driftsavtal"]);
    run.assert_code(0);
    assert_eq!(run.stdout.trim(), "agreements/driftsavtal/1.2.md");
    let path = t.root.join("agreements/driftsavtal/1.2.md");
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("Text i version 1.1."), "{text}");
    // It takes effect today unless the editor says otherwise.
    let today = line_of(&text, "date")
        .trim_start_matches("date: ")
        .to_string();
    assert_eq!(line_of(&text, "valid_from"), format!("valid_from: {today}"));
    // A draft: nothing overtakes 1.1 yet.
    t.run(&["check", "--now", &today])
        .assert_stderr_count("W0405", 0);
    // Published as it is, 1.2 applies today and buries 1.1.
    std::fs::write(&path, text.replace("draft: true\n", "")).unwrap();
    t.run(&["check", "--now", &today]).assert_code(0).assert_stderr(&format!(
        "agreements/driftsavtal/1.2.md:5:1: warning[W0405]: version 1.2, valid from {today}, overtakes 1.1 before it applies\n\
         \x20 = note: 1.1 is to apply from 2027-01-01, but from {today} the higher version 1.2 is in force, so 1.1 never will be and its changes are never shown as in force\n\
         \x20 = hint: give version 1.2 a `valid_from` after 2027-01-01",
    ));
    // Valid after 1.1, it follows it.
    let later = std::fs::read_to_string(&path)
        .unwrap()
        .replace(&format!("valid_from: {today}"), "valid_from: 2027-07-01");
    std::fs::write(&path, later).unwrap();
    t.run(&["check", "--now", &today])
        .assert_stderr_count("W0405", 0);
}

#[test]
fn new_version_without_a_version_in_force_copies_the_newest_published() {
    let t = PortalTest::from_fixture("basic");
    t.file(
        "agreements/plan/1.0.md",
        "---\ntitle: Plan\nversion: \"1.0\"\ndate: 2020-01-01\nvalid_from: 2999-01-01\nauthor: F\n---\nSkriven text.\n",
    );
    t.file(
        "agreements/plan/1.1.md",
        "---\ntitle: Plan\nversion: \"1.1\"\ndate: 2020-02-01\nauthor: F\ndraft: true\n---\nUtkastets text.\n",
    );
    // The draft 1.1 is the next version, begun: --force makes 1.2 beside it.
    let run = new(&t, &["version", "plan", "--force"]);
    run.assert_code(0);
    assert_eq!(run.stdout.trim(), "agreements/plan/1.2.md");
    let text = std::fs::read_to_string(t.root.join("agreements/plan/1.2.md")).unwrap();
    assert!(text.ends_with("---\nSkriven text.\n"), "{text}");
}

#[test]
fn new_version_refuses_a_document_it_cannot_read() {
    let t = PortalTest::from_fixture("basic");
    std::fs::create_dir_all(t.root.join("agreements/tom")).unwrap();
    new(&t, &["version", "tom"])
        .assert_code(2)
        .assert_stderr("error: `tom` has no version files to copy");
    t.file(
        "agreements/avtal-a/1.1.md",
        "---\ntitle: Test – Avtal A\nversion: \"1.1\"\ndatum: 2021-01-01\n---\nText\n",
    );
    new(&t, &["version", "avtal-a"])
        .assert_code(2)
        .assert_stderr("error: `avtal-a` has errors; run `infoportal check` first: agreements/avtal-a/1.1.md:4:1: error[E0102]: unknown key `datum`");
    t.file("agreements/avtal-a/1.1.md", "Ingen front matter\n");
    new(&t, &["version", "avtal-a"])
        .assert_code(2)
        .assert_stderr("agreements/avtal-a/1.1.md:1:1: error[E0107]: the file has no front matter");
    assert!(!t.root.join("agreements/avtal-a/2.1.md").exists());
}

#[test]
fn new_notice_refuses_an_end_before_the_start() {
    let t = PortalTest::from_fixture("notices");
    new(
        &t,
        &[
            "notice",
            "Störning",
            "--kind",
            "storning",
            "--start",
            "2027-01-17T06:00:00+01:00",
            "--end",
            "2027-01-17T05:00:00+01:00",
        ],
    )
    .assert_code(2)
    .assert_stderr("error: `--end` is before `--start`");
}

#[test]
fn new_refuses_an_invalid_source_date_epoch() {
    let t = PortalTest::from_fixture("basic");
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_infoportal"))
        .args(["new", "version", "avtal-a", "--root"])
        .arg(&t.root)
        .env("SOURCE_DATE_EPOCH", "1,5")
        .output()
        .expect("run infoportal");
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&output.stderr),
        "error: SOURCE_DATE_EPOCH `1,5` is not a number of seconds\n"
    );
    assert!(!t.root.join("agreements/avtal-a/2.1.md").exists());
}

#[test]
fn new_page_accepts_underscores_as_its_hint_says() {
    let t = PortalTest::from_fixture("basic");
    new(&t, &["page", "guide/Om Oss"])
        .assert_code(2)
        .assert_stderr("`Om Oss` cannot be used in a URL; use lowercase letters a-z, digits, `-` and `_`, e.g. `om-oss`");
    let run = new(&t, &["page", "guide/om_oss"]);
    run.assert_code(0);
    assert_eq!(run.stdout.trim(), "content/guide/om_oss.md");
}

/// The front matter line of `key` in a file `new` wrote.
fn line_of(text: &str, key: &str) -> String {
    text.lines()
        .find(|l| l.starts_with(&format!("{key}: ")))
        .unwrap_or_else(|| panic!("no `{key}` in:\n{text}"))
        .to_string()
}

#[test]
fn new_notice_takes_a_time_without_offset_in_the_portals_time_zone() {
    let t = PortalTest::from_fixture("notices");
    let summer = new(
        &t,
        &[
            "notice",
            "Sommarunderhåll",
            "--kind",
            "planerat-underhall",
            "--start",
            "2027-07-10T18:00",
            "--end",
            "2027-07-10 20:30",
        ],
    );
    summer.assert_code(0);
    let text = std::fs::read_to_string(t.root.join(summer.stdout.trim())).unwrap();
    assert_eq!(line_of(&text, "start"), "start: 2027-07-10T18:00:00+02:00");
    assert_eq!(line_of(&text, "end"), "end: 2027-07-10T20:30:00+02:00");
    let winter = new(
        &t,
        &[
            "notice",
            "Vinterstörning",
            "--kind",
            "storning",
            "--start",
            "2027-01-12 08:15",
        ],
    );
    winter.assert_code(0);
    assert_eq!(
        winter.stdout.trim(),
        "content/driftinformation/2027-01-12-vinterstorning.md"
    );
    let text = std::fs::read_to_string(t.root.join(winter.stdout.trim())).unwrap();
    assert_eq!(line_of(&text, "start"), "start: 2027-01-12T08:15:00+01:00");
    // The portal's own time zone, not Stockholm's.
    let yaml = std::fs::read_to_string(t.root.join("portal.yaml")).unwrap();
    t.file("portal.yaml", &format!("{yaml}timezone: Europe/London\n"));
    let london = new(
        &t,
        &[
            "notice",
            "I London",
            "--kind",
            "information",
            "--start",
            "2027-07-10T18:00",
        ],
    );
    london.assert_code(0);
    let text = std::fs::read_to_string(t.root.join(london.stdout.trim())).unwrap();
    assert_eq!(line_of(&text, "start"), "start: 2027-07-10T18:00:00+01:00");
}

#[test]
fn new_notice_refuses_a_local_time_that_is_skipped_or_repeated() {
    let t = PortalTest::from_fixture("notices");
    let before = t.output_files();
    let notice = |flag: &str, time: &str| {
        let mut args = vec![
            "notice",
            "Nattunderhåll",
            "--kind",
            "planerat-underhall",
            "--start",
            "2027-03-28T01:00:00+01:00",
            "--end",
            "2027-10-31T04:00:00+01:00",
        ];
        let i = args.iter().position(|a| *a == flag).unwrap() + 1;
        args[i] = time;
        new(&t, &args)
    };
    notice("--end", "2027-03-28T02:30")
        .assert_code(2)
        .assert_stderr("error: `--end 2027-03-28T02:30` does not exist in Europe/Stockholm: the clocks go forward that night, from +01:00 to +02:00, and skip it; write the time with an offset, e.g. `2027-03-28T03:30:00+02:00`\n");
    notice("--start", "2027-10-31 02:30")
        .assert_code(2)
        .assert_stderr("error: `--start 2027-10-31T02:30` is ambiguous in Europe/Stockholm: the clocks go back that night and show it twice, first at +02:00 and then at +01:00; write the offset you mean: `2027-10-31T02:30:00+02:00` or `2027-10-31T02:30:00+01:00`\n");
    notice("--start", "2027-10-31")
        .assert_code(2)
        .assert_stderr("`2027-10-31` has no time of day");
    // The offsets it names are accepted as they are.
    notice("--start", "2027-10-31T02:30:00+01:00").assert_code(0);
    assert_eq!(t.output_files(), before);
    let files = std::fs::read_dir(t.root.join("content/driftinformation")).unwrap();
    assert_eq!(files.count(), 6, "one notice written, by the last command");
}

#[test]
fn new_version_writes_the_valid_from_it_is_given() {
    let t = PortalTest::from_fixture("basic");
    let run = new(&t, &["version", "villkor", "--valid-from", "2027-07-01"]);
    // villkor has a draft 1.1 already.
    run.assert_code(2);
    let run = new(
        &t,
        &[
            "version",
            "avtal-a",
            "--valid-from",
            "2027-07-01",
            "--major",
        ],
    );
    run.assert_code(0);
    assert_eq!(run.stdout.trim(), "agreements/avtal-a/3.0.md");
    let text = std::fs::read_to_string(t.root.join("agreements/avtal-a/3.0.md")).unwrap();
    assert_eq!(line_of(&text, "valid_from"), "valid_from: 2027-07-01");
    new(&t, &["version", "avtal-a", "--valid-from", "1 juli"])
        .assert_code(2)
        .assert_stderr("`1 juli` is not a date: write it as 2027-01-01");
}

#[test]
fn new_version_refuses_to_make_a_version_beside_a_draft_of_the_next() {
    let t = PortalTest::from_fixture("basic");
    // villkor: 1.0 published, 1.1 a draft. A 1.2 beside it would be a second draft of
    // the next version, and 1.1's work would be lost from the history.
    new(&t, &["version", "villkor"])
        .assert_code(2)
        .assert_stderr("error: `agreements/villkor/1.1.md` is already a draft of the next version of `villkor`: edit it and preview it with `--drafts`, or pass `--force` to create 1.2 beside it\n");
    new(&t, &["version", "villkor", "--major"])
        .assert_code(2)
        .assert_stderr("or pass `--force` to create 2.0 beside it");
    assert!(!t.root.join("agreements/villkor/1.2.md").exists());
    let forced = new(&t, &["version", "villkor", "--force"]);
    forced.assert_code(0);
    assert_eq!(forced.stdout.trim(), "agreements/villkor/1.2.md");
    new(&t, &["version", "villkor"])
        .assert_code(2)
        .assert_stderr("error: `agreements/villkor/1.1.md` and `agreements/villkor/1.2.md` are already drafts of the next version of `villkor`");
    // A draft below a published version was left behind: it is no next version.
    t.file(
        "agreements/villkor/1.1.md",
        &std::fs::read_to_string(t.root.join("agreements/villkor/1.1.md"))
            .unwrap()
            .replace("draft: true\n", "draft: true # övergiven\n"),
    );
    t.remove("agreements/villkor/1.2.md");
    t.file(
        "agreements/villkor/2.0.md",
        "---\ntitle: Allmänna testvillkor\nversion: \"2.0\"\ndate: 2026-11-01\nauthor: F\ncomment: Ny\n---\n## 3 Ansvar\n\nNytt.\n",
    );
    let run = new(&t, &["version", "villkor"]);
    run.assert_code(0);
    assert_eq!(run.stdout.trim(), "agreements/villkor/2.1.md");
}

#[test]
fn an_unedited_new_version_is_a_warning_where_it_would_be_published() {
    let t = PortalTest::from_fixture("basic");
    // Without the upcoming 2.0, the new version follows the one it copies.
    t.remove("agreements/avtal-a/2.0.md");
    let run = new(&t, &["version", "avtal-a"]);
    run.assert_code(0);
    let path = "agreements/avtal-a/1.2.md";
    assert_eq!(run.stdout.trim(), path);
    // A draft is not published: nothing to say.
    let plain = t.run(&["build", "--strict"]);
    plain.assert_code(0);
    assert!(!plain.stderr.contains("W04"), "{}", plain.stderr);
    // Previewed with --drafts: a copy nobody edited, and no comment. Line 3 is
    // `version:`, line 6 `comment: ""`.
    let preview = t.run(&["build", "--drafts"]);
    preview
        .assert_code(0)
        .assert_stderr(&format!(
            "{path}:3:1: warning[W0403]: version 1.2 is identical to 1.1\n"
        ))
        .assert_stderr(
            "  = hint: make the changes this version is for, or remove `agreements/avtal-a/1.2.md`",
        )
        .assert_stderr(&format!(
            "{path}:6:1: warning[W0404]: version 1.2 has an empty `comment`\n"
        ))
        // The fixture's own draft, villkor 1.1, has no comment yet either.
        .assert_stderr("agreements/villkor/1.1.md:3:1: warning[W0404]")
        .assert_stderr("3 warnings");
    t.run(&["build", "--drafts", "--strict"])
        .assert_code(1)
        .assert_stderr(&format!("{path}:3:1: error[W0403]"))
        .assert_stderr(&format!("{path}:6:1: error[W0404]"));
    // Published unedited, it is a warning without --drafts too.
    let text = std::fs::read_to_string(t.root.join(path)).unwrap();
    let published = text
        .replace("draft: true\n", "")
        .replace("comment: \"\"\n", "comment: Ny version\n");
    t.file(path, &published);
    t.run(&["build"])
        .assert_code(0)
        .assert_stderr(&format!(
            "{path}:3:1: warning[W0403]: version 1.2 is identical to 1.1\n"
        ))
        .assert_stderr("1 warning");
    // Edited, there is nothing to say.
    t.file(
        path,
        &published.replace("Text i version 1.1", "Text i version 1.2"),
    );
    let edited = t.run(&["build", "--strict"]);
    edited.assert_code(0);
    assert!(!edited.stderr.contains("warning"), "{}", edited.stderr);
    // A change to the front matter counts as a change too.
    t.file(
        path,
        &published.replace("author: ", "parties: [SKR]\nauthor: "),
    );
    let parties = t.run(&["build", "--strict"]);
    parties.assert_code(0);
    assert!(!parties.stderr.contains("W0403"), "{}", parties.stderr);
}

#[test]
fn a_published_version_needs_a_comment_unless_it_is_the_first() {
    let t = PortalTest::from_fixture("basic");
    let without = |text: &str| {
        text.lines()
            .filter(|l| !l.starts_with("comment:"))
            .map(|l| format!("{l}\n"))
            .collect::<String>()
    };
    for file in ["agreements/avtal-a/1.0.md", "agreements/avtal-a/1.1.md"] {
        let text = std::fs::read_to_string(t.root.join(file)).unwrap();
        t.file(file, &without(&text));
    }
    let text = std::fs::read_to_string(t.root.join("agreements/avtal-a/2.0.md")).unwrap();
    t.file(
        "agreements/avtal-a/2.0.md",
        &text.replace("comment: Ny struktur", "comment:   "),
    );
    // 1.0 is the first version: nothing to comment on. 1.1 has no `comment` (reported
    // at `version:`), the upcoming 2.0 an empty one (at `comment:`).
    let run = t.run(&["check"]);
    run.assert_code(0)
        .assert_stderr("agreements/avtal-a/1.1.md:3:1: warning[W0404]: version 1.1 has no `comment`\n")
        .assert_stderr("  = note: the revision history shows the comment of every version: what changed since 1.0 and why")
        .assert_stderr("agreements/avtal-a/2.0.md:7:1: warning[W0404]: version 2.0 has an empty `comment`\n")
        .assert_stderr("2 warnings");
    assert!(!run.stderr.contains("1.0.md"), "{}", run.stderr);
    t.run(&["check", "--strict"]).assert_code(1);
}
