//! Bad flag values exit 2, always (issue 14, item 5): whether clap refuses the value or
//! the command finds it wrong later (an output folder that may not be replaced, a time
//! the clocks skip, a document that does not exist), the run stops with exit code 2, a
//! message naming the value, and nothing written. Exit code 1 is for content errors only.

mod common;

use common::PortalTest;

/// Each case: the arguments (`{root}` stands for the portal folder), and a text the
/// message must contain.
const BAD: &[(&[&str], &str)] = &[
    // build and check
    (
        &["check", "--base-url", "ftp://example.se/"],
        "`ftp://example.se/` must start with `https://` or `http://`",
    ),
    (
        &["check", "--base-url", "https://example.se/?a=1"],
        "must not contain a query",
    ),
    (
        &["check", "--base-url", "example.se"],
        "is not an absolute URL",
    ),
    (
        &["build", "--base-url", "https://user:pw@example.se/"],
        "must not contain a user name or password",
    ),
    (&["check", "--now", "igår"], "`igår` is neither a date"),
    (
        &["check", "--lang", "fi"],
        "`fi` is no language messages are written in",
    ),
    (
        &["next-change", "--lang", "norsk"],
        "`norsk` is no language messages are written in",
    ),
    (
        &["check", "--format", "xml"],
        "invalid value 'xml' for '--format",
    ),
    (
        &["check", "--path-prefix", "/srv/repo/portal"],
        "is an absolute path",
    ),
    (
        &["check", "--path-prefix", "../portal"],
        "leaves the repository",
    ),
    (
        &["build", "--out", "{root}/content"],
        "it is the portal's `content/` folder",
    ),
    (
        &["build", "--out", "{root}"],
        "refusing to write the site to",
    ),
    // next-change
    (
        &["next-change", "--now", "morgon"],
        "`morgon` is neither a date",
    ),
    (
        &["next-change", "--format", "github"],
        "invalid value 'github' for '--format",
    ),
    (
        &["next-change", "--path-prefix", "/abs"],
        "is an absolute path",
    ),
    // serve
    (
        &["serve", "--port", "70000"],
        "invalid value '70000' for '--port",
    ),
    (
        &["serve", "--bind", "localhost.example"],
        "invalid value 'localhost.example' for '--bind",
    ),
    (&["serve", "--now", "snart"], "`snart` is neither a date"),
    // new
    (
        &[
            "new",
            "notice",
            "Avbrott",
            "--kind",
            "olycka",
            "--start",
            "2027-01-17T06:00",
        ],
        "`olycka` is not a kind",
    ),
    (
        &[
            "new", "notice", "Avbrott", "--kind", "storning", "--start", "i morgon",
        ],
        "--start",
    ),
    (
        &[
            "new",
            "notice",
            "Avbrott",
            "--kind",
            "storning",
            "--start",
            "2027-03-28T02:30",
        ],
        "does not exist in Europe/Stockholm",
    ),
    (
        &[
            "new",
            "notice",
            "Avbrott",
            "--kind",
            "storning",
            "--start",
            "2027-01-17T06:00",
            "--end",
            "2027-01-17T05:00",
        ],
        "`--end` is before `--start`",
    ),
    (
        &[
            "new",
            "notice",
            "Avbrott",
            "--kind",
            "planerat-underhall",
            "--start",
            "2027-01-17T06:00",
        ],
        "planned maintenance needs `--end`",
    ),
    (
        &[
            "new",
            "notice",
            "Avbrott",
            "--kind",
            "storning",
            "--start",
            "2027-01-17T06:00",
            "--environments",
            "prod",
        ],
        "`prod` is not an environment",
    ),
    (
        &[
            "new",
            "notice",
            "Avbrott",
            "--kind",
            "storning",
            "--start",
            "2027-01-17T06:00",
            "--components",
            "",
        ],
        "a component name is empty",
    ),
    (
        &[
            "new",
            "notice",
            "Avbrott",
            "--kind",
            "storning",
            "--start",
            "2027-01-17T06:00",
            "--components",
            "BT,,Kalla",
        ],
        "a component name is empty",
    ),
    (
        &[
            "new",
            "notice",
            "",
            "--kind",
            "storning",
            "--start",
            "2027-01-17T06:00",
        ],
        "the title is empty",
    ),
    (
        &[
            "new",
            "notice",
            "  ",
            "--kind",
            "storning",
            "--start",
            "2027-01-17T06:00",
        ],
        "the title is empty",
    ),
    (
        &[
            "new",
            "notice",
            "Rad ett\nrad två",
            "--kind",
            "storning",
            "--start",
            "2027-01-17T06:00",
        ],
        "holds the control character U+000A",
    ),
    (
        &["new", "page", "anslutning/testmiljo", "--title", ""],
        "the title is empty",
    ),
    (
        &[
            "new",
            "page",
            "anslutning/testmiljo",
            "--title",
            "Tab\there",
        ],
        "holds the control character U+0009",
    ),
    (
        &["new", "page", "../utanfor"],
        "`..` cannot be used in a URL",
    ),
    (
        &["new", "page", "Stora Bokstäver"],
        "cannot be used in a URL",
    ),
    (&["new", "page", ""], "give the page's path under content/"),
    (
        &["new", "version", "finns-inte"],
        "there is no agreement document `finns-inte`",
    ),
    (
        &["new", "version", "avtal", "--valid-from", "2027-02-30"],
        "`2027-02-30` is not a date",
    ),
];

/// Every file under the portal folder.
fn files(t: &PortalTest) -> Vec<String> {
    fn walk(dir: &std::path::Path, base: &std::path::Path, out: &mut Vec<String>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, base, out);
            } else {
                out.push(path.strip_prefix(base).unwrap().display().to_string());
            }
        }
    }
    let mut out = Vec::new();
    walk(&t.root, &t.root, &mut out);
    out.sort();
    out
}

#[test]
fn every_bad_flag_value_exits_2_with_a_message_and_writes_nothing() {
    let mut problems = Vec::new();
    for (args, needle) in BAD {
        let t = PortalTest::from_fixture("basic");
        let before = files(&t);
        let root = t.root.display().to_string();
        let args: Vec<String> = args.iter().map(|a| a.replace("{root}", &root)).collect();
        let mut args: Vec<&str> = args.iter().map(String::as_str).collect();
        // The messages in English, as the needles are (the portal's are Swedish).
        if !args.contains(&"--lang") {
            args.extend(["--lang", "en"]);
        }
        // `run_plain`: no `--now` added, so each case has only the flags it names.
        let run = t.run_plain(&args);
        let ok = run.code == 2
            && run.stderr.starts_with("error: ")
            && run.stderr.contains(needle)
            && run.stdout.is_empty()
            && files(&t) == before;
        if !ok {
            problems.push(format!(
                "{args:?}: exit {} (expected 2), stderr lacks {needle:?} or files changed:\n{}",
                run.code, run.stderr
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n\n"));
}

#[test]
fn a_bad_source_date_epoch_exits_2() {
    let t = PortalTest::from_fixture("minimal");
    for command in [&["check"][..], &["build"], &["next-change"]] {
        let output = std::process::Command::new(env!("CARGO_BIN_EXE_infoportal"))
            .args(command)
            .arg("--root")
            .arg(&t.root)
            .env("SOURCE_DATE_EPOCH", "i går")
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(2), "{command:?}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            stderr.contains("SOURCE_DATE_EPOCH `i går` is not a number of seconds"),
            "{stderr}"
        );
    }
}

#[test]
fn good_values_of_the_same_flags_still_work() {
    let t = PortalTest::from_fixture("basic");
    t.run(&[
        "check",
        "--base-url",
        "http://127.0.0.1:8000/",
        "--path-prefix",
        "webb/portal",
    ])
    .assert_code(0);
    t.run_plain(&[
        "new",
        "notice",
        "Avbrott i BT",
        "--kind",
        "storning",
        "--start",
        "2027-01-17T06:00",
        "--components",
        "BT, Kalla",
    ])
    .assert_code(0);
    let notice = std::fs::read_to_string(
        t.root
            .join("content/driftinformation/2027-01-17-avbrott-i-bt.md"),
    )
    .unwrap();
    assert!(notice.contains("title: Avbrott i BT\n"), "{notice}");
    assert!(notice.contains("components: [BT, Kalla]\n"), "{notice}");
    t.run_plain(&[
        "new",
        "page",
        "anslutning/testmiljo",
        "--title",
        "Testmiljön",
    ])
    .assert_code(0);
}
