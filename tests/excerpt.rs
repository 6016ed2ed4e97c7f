//! The source in view (issue 14, item 2): `--format human` shows, under each
//! diagnostic, the line it points at with its column marked, read from the file, in
//! colour only on a terminal and never with `NO_COLOR`.

mod common;

use common::PortalTest;

fn minimal() -> PortalTest {
    PortalTest::from_fixture("minimal")
}

/// The excerpt printed under the diagnostic whose header starts with `header`: the
/// source line after its `N | ` gutter, and the column (1-based, in characters of that
/// line) of the caret under it.
fn excerpt(stderr: &str, header: &str) -> (u32, String, usize) {
    let start = stderr
        .find(header)
        .unwrap_or_else(|| panic!("no {header:?} in:\n{stderr}"));
    let mut lines = stderr[start..].lines().skip(1);
    let gutter = lines.next().expect("a gutter line");
    assert!(gutter.trim() == "|", "gutter {gutter:?} in:\n{stderr}");
    let source = lines.next().expect("the source line");
    let (number, text) = source
        .split_once(" | ")
        .unwrap_or_else(|| panic!("no `N | ` in {source:?}"));
    let caret = lines.next().expect("the caret line");
    let width = number.len() + 3;
    assert!(caret.len() > width, "caret line {caret:?}");
    let under = &caret[width..];
    let col = under.find('^').expect("a caret") + 1;
    assert_eq!(under.trim(), "^", "one caret: {caret:?}");
    (number.trim().parse().unwrap(), text.to_string(), col)
}

#[test]
fn a_broken_link_shows_its_line_with_a_caret_at_the_column() {
    let t = minimal();
    t.file(
        "content/a.md",
        "---\ntitle: A\n---\nFörst en rad.\n\nSe [testmiljön](testmiljo.md) för detaljer.\n",
    );
    let run = t.run_with_excerpts(&["check"]);
    run.assert_code(1);
    let header = "content/a.md:6:4: error[E0301]: broken link `testmiljo.md`";
    let (line, text, col) = excerpt(&run.stderr, header);
    assert_eq!(line, 6);
    assert_eq!(text, "Se [testmiljön](testmiljo.md) för detaljer.");
    assert_eq!(col, 4, "under the `[`");
    // The whole block, hint below the excerpt as before.
    let at = run.stderr.find(header).unwrap();
    let block = run.stderr[at..].split("\n\n").next().unwrap();
    let lines: Vec<&str> = block.lines().collect();
    assert_eq!(
        lines[1..4],
        [
            "  |",
            "6 | Se [testmiljön](testmiljo.md) för detaljer.",
            "  |    ^"
        ]
    );
    assert!(lines[4].starts_with("  = hint: "), "{block}");
    assert!(
        !run.stderr.contains('\x1b'),
        "no colour when not a terminal"
    );
}

#[test]
fn a_yaml_key_error_shows_the_keys_line() {
    let t = minimal();
    t.file(
        "content/a.md",
        "---\ntitle: A\ndescriptoin: Om sidan\n---\nText.\n",
    );
    let run = t.run_with_excerpts(&["check"]);
    run.assert_code(1);
    let (line, text, col) = excerpt(&run.stderr, "content/a.md:3:1: error[E0102]");
    assert_eq!((line, text.as_str(), col), (3, "descriptoin: Om sidan", 1));
    // portal.yaml too.
    let t = minimal();
    t.file(
        "portal.yaml",
        "title: Minimal\nbase_url: https://example.se/\ntitel: Fel\n",
    );
    let run = t.run_with_excerpts(&["check"]);
    let (line, text, col) = excerpt(&run.stderr, "portal.yaml:3:1: error[");
    assert_eq!(
        (line, text.as_str(), col),
        (3, "titel: Fel", 1),
        "{}",
        run.stderr
    );
}

#[test]
fn columns_count_characters_on_a_line_with_multi_byte_letters() {
    let t = minimal();
    // `[` is the 16th character of its line and its 19th byte; the YAML key `fel` the
    // 18th character and 24th byte.
    t.file(
        "content/a.md",
        "---\ntitle: A\n---\nSå här gör du: [läs mer](saknas.md).\n",
    );
    t.file(
        "content/b.md",
        "---\n{title: Åäö öåä, fel: 1}\n---\nText.\n",
    );
    let run = t.run_with_excerpts(&["check"]);
    run.assert_code(1);
    let (_, text, col) = excerpt(&run.stderr, "content/a.md:4:16: error[E0301]");
    assert_eq!(text.chars().nth(col - 1), Some('['), "{}", run.stderr);
    let (_, text, col) = excerpt(&run.stderr, "content/b.md:2:18: error[E0102]");
    assert_eq!(&text.chars().skip(col - 1).collect::<String>()[..3], "fel");
}

/// The place is known (E0106 names the first bad byte), but there is no text to show.
#[test]
fn a_file_that_is_not_utf8_gets_no_excerpt() {
    let t = minimal();
    t.bytes("content/a.md", b"---\ntitle: \xff\n---\n");
    let run = t.run_with_excerpts(&["check"]);
    run.assert_code(1)
        .assert_stderr("content/a.md:2:8: error[E0106]");
    assert!(!run.stderr.contains(" | "), "{}", run.stderr);
}

/// Runs `check` in a pseudo-terminal (util-linux `script`), so standard error is a TTY.
fn check_on_a_terminal(t: &PortalTest, no_color: Option<&str>) -> String {
    let command = format!(
        "'{}' check --now {} --root '{}'",
        env!("CARGO_BIN_EXE_infoportal"),
        common::NOW,
        t.root.display()
    );
    let mut script = std::process::Command::new("script");
    script.args(["-qec", &command, "/dev/null"]);
    script.env_remove("NO_COLOR");
    if let Some(value) = no_color {
        script.env("NO_COLOR", value);
    }
    let output = script.output().expect("util-linux `script`");
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
fn colour_only_on_a_terminal_and_never_with_no_color() {
    let t = minimal();
    t.file("content/a.md", "---\ntitle: A\n---\n[x](saknas.md)\n");
    let coloured = check_on_a_terminal(&t, None);
    assert!(coloured.contains("\x1b["), "{coloured:?}");
    assert!(coloured.contains("E0301"), "{coloured:?}");
    // NO_COLOR with any value but the empty one turns it off (no-color.org).
    let plain = check_on_a_terminal(&t, Some("1"));
    assert!(
        plain.contains("E0301") && !plain.contains("\x1b["),
        "{plain:?}"
    );
    let empty = check_on_a_terminal(&t, Some(""));
    assert!(empty.contains("\x1b["), "{empty:?}");
}

#[test]
fn tests_see_messages_without_their_excerpts() {
    let stderr =
        "a.md:4:5: error[E0301]: x\n   |\n14 | Se [x](y) |\n   |     ^\n  = hint: h\n\n1 error\n";
    assert_eq!(
        common::without_excerpts(stderr),
        "a.md:4:5: error[E0301]: x\n  = hint: h\n\n1 error\n"
    );
}
