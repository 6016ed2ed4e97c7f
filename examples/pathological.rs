//! `pathological`: proves that hostile inputs take time in proportion to their size.
//!
//! ```text
//! cargo build --release --examples
//! target/release/examples/pathological [--bin target/release/infoportal] [--case NAME] [--scale F]
//! ```
//!
//! Each case writes a small portal whose one odd part (the same heading 20,000 times,
//! YAML nested 50,000 deep, a paragraph of 80,000 title mentions, …) has size N, and
//! again at 4N, into a temporary folder, builds both with the release binary (the best
//! of two runs each) and compares the times. Linear work takes about 4× as long at 4N;
//! quadratic work 16×. The run fails (exit code 1) when a case grows more than 6× or
//! takes longer than 10 s, or when a build does not end as the case expects (success,
//! or the expected error). `--case NAME` runs one case, `--scale F` multiplies every N.
//! See: issue 10, item 5.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::{Duration, Instant};

/// How much more time 4× the input may take.
const MAX_GROWTH: f64 = 6.0;
/// Times below this are noise on a busy machine: the growth of a case that stays under
/// it at 4N is not judged.
const NOISE: Duration = Duration::from_millis(60);
/// No build of any case may take longer, whatever its growth.
const MAX_TIME: Duration = Duration::from_secs(10);

/// One pathological portal.
struct Case {
    name: &'static str,
    /// The size the case is run at (and at 4×).
    n: usize,
    /// The diagnostic code the build must fail with, or `None` for a clean build.
    expect: Option<&'static str>,
    /// Writes the portal of size `n` into the folder.
    write: fn(&Path, usize),
}

const CASES: &[Case] = &[
    Case {
        name: "same-headings",
        n: 20_000,
        expect: None,
        write: same_headings,
    },
    Case {
        name: "yaml-flow-nesting",
        n: 50_000,
        expect: Some("E0109"),
        write: yaml_flow_nesting,
    },
    Case {
        name: "yaml-block-nesting",
        n: 3_000,
        expect: Some("E0109"),
        write: yaml_block_nesting,
    },
    Case {
        name: "yaml-large-flow-list",
        n: 20_000,
        expect: None,
        write: yaml_large_flow_list,
    },
    Case {
        name: "title-mentions",
        n: 80_000,
        expect: None,
        write: title_mentions,
    },
    Case {
        name: "terms-in-one-paragraph",
        n: 6_000,
        expect: None,
        write: terms_in_one_paragraph,
    },
    Case {
        name: "section-references",
        n: 10_000,
        expect: None,
        write: section_references,
    },
    Case {
        name: "broken-section-references",
        n: 10_000,
        expect: Some("E0305"),
        write: broken_section_references,
    },
    Case {
        name: "footnotes-same-label",
        n: 40_000,
        expect: None,
        write: footnotes_same_label,
    },
    Case {
        name: "reference-definitions",
        n: 40_000,
        expect: None,
        write: reference_definitions,
    },
    Case {
        name: "nested-quotes",
        n: 20_000,
        expect: None,
        write: nested_quotes,
    },
    Case {
        name: "nested-lists",
        n: 20_000,
        expect: None,
        write: nested_lists,
    },
    Case {
        name: "huge-single-line",
        n: 200_000,
        expect: None,
        write: huge_single_line,
    },
    Case {
        name: "distinct-words",
        n: 100_000,
        expect: None,
        write: distinct_words,
    },
    Case {
        name: "footnotes-distinct",
        n: 10_000,
        expect: None,
        write: footnotes_distinct,
    },
    Case {
        name: "headings-and-explicit-ids",
        n: 20_000,
        expect: None,
        write: headings_and_explicit_ids,
    },
    Case {
        name: "changes-reordered-words",
        n: 20_000,
        expect: None,
        write: changes_reordered_words,
    },
    Case {
        name: "changes-reordered-paragraphs",
        n: 20_000,
        expect: None,
        write: changes_reordered_paragraphs,
    },
    Case {
        name: "menu-items",
        n: 10_000,
        expect: None,
        write: menu_items,
    },
    Case {
        name: "notices",
        n: 500,
        expect: None,
        write: notices,
    },
    Case {
        name: "upcoming-lists-ring",
        n: 500,
        expect: None,
        write: upcoming_lists_ring,
    },
    Case {
        name: "versions",
        n: 250,
        expect: None,
        write: versions,
    },
    Case {
        name: "upcoming-versions",
        n: 250,
        expect: None,
        write: upcoming_versions,
    },
    Case {
        name: "data-list-errors",
        n: 8_000,
        expect: Some("E0103"),
        write: data_list_errors,
    },
];

fn main() -> ExitCode {
    let mut bin = std::env::current_exe()
        .ok()
        .and_then(|exe| Some(exe.parent()?.parent()?.join("infoportal")))
        .unwrap_or_else(|| PathBuf::from("target/release/infoportal"));
    let mut only = None;
    let mut scale = 1.0_f64;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match (arg.as_str(), args.next()) {
            ("--bin", Some(v)) => bin = PathBuf::from(v),
            ("--case", Some(v)) => only = Some(v),
            ("--scale", Some(v)) => match v.parse() {
                Ok(s) => scale = s,
                Err(_) => return usage(&format!("`--scale {v}` is not a number")),
            },
            _ => return usage(&format!("unknown argument `{arg}`")),
        }
    }
    if !bin.is_file() {
        return usage(&format!(
            "`{}` not found: build it with `cargo build --release`",
            bin.display()
        ));
    }
    let tmp = std::env::temp_dir().join(format!("infoportal-pathological-{}", std::process::id()));
    let mut failures = Vec::new();
    println!(
        "{:<28} {:>9} {:>10} {:>10} {:>7}",
        "case", "N", "time N", "time 4N", "growth"
    );
    for case in CASES {
        if only.as_deref().is_some_and(|o| o != case.name) {
            continue;
        }
        let n = ((case.n as f64 * scale) as usize).max(1);
        match run_case(&bin, &tmp, case, n) {
            Ok(line) => println!("{line}"),
            Err(why) => {
                println!("{:<28} FAILED: {why}", case.name);
                failures.push(case.name);
            }
        }
    }
    let _ = std::fs::remove_dir_all(&tmp);
    if failures.is_empty() {
        println!("all cases linear");
        ExitCode::SUCCESS
    } else {
        println!("not linear: {}", failures.join(", "));
        ExitCode::FAILURE
    }
}

fn usage(message: &str) -> ExitCode {
    eprintln!("error: {message}");
    eprintln!("usage: pathological [--bin PATH] [--case NAME] [--scale F]");
    ExitCode::from(2)
}

/// Builds the case at `n` and `4n`; the table row, or why it failed.
fn run_case(bin: &Path, tmp: &Path, case: &Case, n: usize) -> Result<String, String> {
    let small = build(bin, tmp, case, n)?;
    let large = build(bin, tmp, case, 4 * n)?;
    // A time far under the noise is taken as a quarter of it, so that a few
    // milliseconds of jitter do not look like growth.
    let growth = large.as_secs_f64() / small.max(NOISE / 4).as_secs_f64();
    let row = format!(
        "{:<28} {:>9} {:>9.3}s {:>9.3}s {:>6.1}×",
        case.name,
        n,
        small.as_secs_f64(),
        large.as_secs_f64(),
        growth
    );
    if large > MAX_TIME {
        return Err(format!("{row}: over {} s", MAX_TIME.as_secs()));
    }
    if large > NOISE && growth > MAX_GROWTH {
        return Err(format!("{row}: grows more than {MAX_GROWTH}×"));
    }
    Ok(row)
}

/// Writes and builds the case at `n`; the build's wall time (the best of two runs, as
/// the machine may be busy).
fn build(bin: &Path, tmp: &Path, case: &Case, n: usize) -> Result<Duration, String> {
    let root = tmp.join(format!("{}-{n}", case.name));
    let _ = std::fs::remove_dir_all(&root);
    (case.write)(&root, n);
    let mut best = Duration::MAX;
    for run in 0..2 {
        let out = tmp.join(format!("out-{}-{n}-{run}", case.name));
        let started = Instant::now();
        let output = Command::new(bin)
            .arg("build")
            .arg("--root")
            .arg(&root)
            .arg("--out")
            .arg(&out)
            .args(["--now", "2026-11-26"])
            .output()
            .map_err(|e| format!("cannot run `{}`: {e}", bin.display()))?;
        best = best.min(started.elapsed());
        let stderr = String::from_utf8_lossy(&output.stderr);
        let code = output.status.code();
        match case.expect {
            None if code != Some(0) => {
                return Err(format!(
                    "the build at N={n} failed ({code:?}):\n{}",
                    first_lines(&stderr)
                ));
            }
            Some(expected) if code != Some(1) || !stderr.contains(&format!("[{expected}]")) => {
                return Err(format!(
                    "the build at N={n} did not fail with {expected} ({code:?}):\n{}",
                    first_lines(&stderr)
                ));
            }
            _ => {}
        }
        let _ = std::fs::remove_dir_all(&out);
        // A case that takes long at its first run is not run again.
        if best > MAX_TIME {
            break;
        }
    }
    let _ = std::fs::remove_dir_all(&root);
    Ok(best)
}

fn first_lines(text: &str) -> String {
    text.lines().take(5).collect::<Vec<_>>().join("\n")
}

fn write(path: &Path, text: &str) {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).expect("the temporary folder is writable");
    }
    std::fs::write(path, text).expect("the temporary folder is writable");
}

/// A portal with a start page and one agreement document whose body is `body`; `front`
/// adds front-matter lines to the document.
fn portal(root: &Path, front: &str, body: &str) {
    write(
        &root.join("portal.yaml"),
        "title: Patologisk\nbase_url: https://example.se/\n",
    );
    write(
        &root.join("content/_index.md"),
        "---\ntitle: Start\n---\nHej.\n",
    );
    write(
        &root.join("agreements/avtal/1.0.md"),
        &format!(
            "---\ntitle: Avtal om drift\nversion: \"1.0\"\ndate: 2024-01-01\nauthor: Förvaltningen\ndocuments:\n  - avtal\n{front}---\n{body}"
        ),
    );
}

/// A page under `content/` with `front` lines and `body`, in a portal of its own unless
/// the case wrote one.
fn page(root: &Path, name: &str, front: &str, body: &str) {
    if !root.join("portal.yaml").exists() {
        portal(root, "", "Text.\n");
    }
    write(
        &root.join(format!("content/{name}.md")),
        &format!("---\ntitle: Sida\n{front}---\n{body}"),
    );
}

/// A word of letters only, different for every `i` (terms and titles may not end in
/// digits).
fn letters(mut i: usize) -> String {
    let mut word = String::new();
    loop {
        word.push(char::from(b'a' + (i % 26) as u8));
        i /= 26;
        if i == 0 {
            return word;
        }
    }
}

fn same_headings(root: &Path, n: usize) {
    portal(root, "", "## 1 Parter\n\nText.\n");
    page(root, "sida", "", &"## Samma rubrik\n\nText.\n\n".repeat(n));
}

fn yaml_flow_nesting(root: &Path, n: usize) {
    let nested = format!("{}{}", "[".repeat(n), "]".repeat(n));
    page(root, "sida", &format!("description: {nested}\n"), "Text.\n");
}

fn yaml_block_nesting(root: &Path, n: usize) {
    // Block lists nest without indenting each level on a line of its own: `- - - x`.
    page(
        root,
        "sida",
        &format!("description:\n  {}x\n", "- ".repeat(n)),
        "Text.\n",
    );
}

fn yaml_large_flow_list(root: &Path, n: usize) {
    let items: Vec<String> = (0..n).map(|i| format!("alias {}", letters(i))).collect();
    let front = format!("aliases: [{}]\n", items.join(", "));
    portal(root, &front, "Text.\n");
}

fn title_mentions(root: &Path, n: usize) {
    portal(root, "", "## 1 Parter\n\nText.\n");
    let mut body = String::with_capacity(n * 16);
    for i in 0..n {
        body.push_str("Avtal om drift");
        body.push(if i % 8 == 7 { '\n' } else { ' ' });
    }
    body.push('\n');
    page(root, "sida", "", &body);
}

fn terms_in_one_paragraph(root: &Path, n: usize) {
    let mut body = String::from("## 1 Begrepp\n\n| Term | Definition |\n|---|---|\n");
    for i in 0..n {
        let _ = writeln!(body, "| Begrepp{} | Betydelse. |", letters(i));
    }
    body.push_str("\n## 2 Text\n\n");
    for i in 0..n {
        let _ = write!(body, "Begrepp{} ", letters(i));
    }
    body.push('\n');
    portal(root, "", &body);
}

fn section_references(root: &Path, n: usize) {
    let mut body = String::new();
    for i in 1..=n {
        let _ = writeln!(body, "## {i} Rubrik {}\n", letters(i));
    }
    for i in 1..=n {
        let _ = write!(body, "enligt punkten {i} Rubrik {} ", letters(i));
    }
    body.push('\n');
    portal(root, "", &body);
}

fn broken_section_references(root: &Path, n: usize) {
    let mut body = String::from("## 1 Parter\n\n");
    body.push_str(&"enligt punkten 9 ".repeat(n));
    body.push('\n');
    portal(root, "", &body);
}

fn footnotes_same_label(root: &Path, n: usize) {
    let mut body = "Text[^a] ".repeat(n);
    body.push_str("\n\n");
    body.push_str(&"[^a]: Fotnot.\n\n".repeat(n));
    page(root, "sida", "", &body);
}

fn reference_definitions(root: &Path, n: usize) {
    let mut body = String::new();
    for i in 0..n {
        let _ = write!(body, "[länk][r{i}] ");
    }
    body.push_str("\n\n");
    for i in 0..n {
        let _ = writeln!(body, "[r{i}]: /");
    }
    page(root, "sida", "", &body);
}

fn nested_quotes(root: &Path, n: usize) {
    page(root, "sida", "", &format!("{}Text.\n", "> ".repeat(n)));
}

fn nested_lists(root: &Path, n: usize) {
    page(root, "sida", "", &format!("{}Text.\n", "- ".repeat(n)));
}

fn huge_single_line(root: &Path, n: usize) {
    let mut body = String::with_capacity(n * 24);
    for i in 0..n {
        let _ = write!(body, "ord{} Avtal om drift ", letters(i % 500));
    }
    body.push('\n');
    page(root, "sida", "", &body);
}

fn distinct_words(root: &Path, n: usize) {
    let mut body = String::with_capacity(n * 10);
    for i in 0..n {
        let _ = write!(body, "ord{}", letters(i));
        body.push(if i % 10 == 9 { '\n' } else { ' ' });
    }
    page(root, "sida", "", &body);
}

fn footnotes_distinct(root: &Path, n: usize) {
    let mut body = String::from("## Fn 1\n\n");
    for i in 0..n {
        let _ = write!(body, "Text[^{i}] ");
    }
    body.push_str("\n\n");
    for i in 0..n {
        let _ = writeln!(body, "[^{i}]: Fotnot.\n");
    }
    page(root, "sida", "", &body);
}

fn headings_and_explicit_ids(root: &Path, n: usize) {
    let mut body = String::new();
    for i in 2..n {
        let _ = writeln!(body, "## Egen {{#x-{i}}}\n");
    }
    body.push_str(&"## X\n\n".repeat(n));
    page(root, "sida", "", &body);
}

/// Two versions of an agreement whose one paragraph has the same words in another
/// order: the change view diffs them word by word.
fn changes_reordered_words(root: &Path, n: usize) {
    let words: Vec<String> = (0..n).map(|i| format!("ord{}", letters(i))).collect();
    two_versions(root, &words.join(" "), &reordered(&words).join(" "));
}

/// As [`changes_reordered_words`], with a paragraph for each word: the change view
/// pairs the lines first.
fn changes_reordered_paragraphs(root: &Path, n: usize) {
    let words: Vec<String> = (0..n).map(|i| format!("ord{}", letters(i))).collect();
    two_versions(root, &words.join("\n\n"), &reordered(&words).join("\n\n"));
}

/// A fixed shuffle: every 7th word to the end.
fn reordered(words: &[String]) -> Vec<&str> {
    let (moved, kept): (Vec<_>, Vec<_>) = words.iter().enumerate().partition(|(i, _)| i % 7 == 0);
    kept.into_iter()
        .chain(moved)
        .map(|(_, w)| w.as_str())
        .collect()
}

/// An agreement in version 1.0 with section 1 `old` and 1.1 with `new`.
fn two_versions(root: &Path, old: &str, new: &str) {
    portal(root, "", &format!("## 1 Text\n\n{old}\n"));
    write(
        &root.join("agreements/avtal/1.1.md"),
        &format!(
            "---\ntitle: Avtal om drift\nversion: \"1.1\"\ndate: 2025-01-01\nauthor: Förvaltningen\ndocuments:\n  - avtal\n---\n## 1 Text\n\n{new}\n"
        ),
    );
}

/// One document with `n` one-line versions, each in force after the one before: every
/// version page and change view listed every version. See: issue 10.
fn versions(root: &Path, n: usize) {
    many_versions(root, n, false);
}

/// As [`versions`], every version still to come, each from a day of its own: every page
/// stated what each of those days would change. See: issue 10.
fn upcoming_versions(root: &Path, n: usize) {
    many_versions(root, n, true);
}

fn many_versions(root: &Path, n: usize, upcoming: bool) {
    portal(root, "", "## 1 Text\n\nVersion 1.\n");
    let first_day = jiff::civil::date(2000, 1, 1);
    let first_valid = jiff::civil::date(2027, 1, 1);
    for i in 2..=n {
        let days = |from: jiff::civil::Date| {
            from.checked_add(jiff::Span::new().days(i as i64))
                .expect("a date within range")
        };
        let valid_from = if upcoming {
            format!("valid_from: {}\n", days(first_valid))
        } else {
            String::new()
        };
        write(
            &root.join(format!("agreements/avtal/{i}.0.md")),
            &format!(
                "---\ntitle: Avtal om drift\nversion: \"{i}.0\"\ndate: {}\n{valid_from}author: Förvaltningen\ncomment: Ändring {i}\ndocuments:\n  - avtal\n---\n## 1 Text\n\nVersion {i}.\n",
                days(first_day)
            ),
        );
    }
}

fn menu_items(root: &Path, n: usize) {
    portal(root, "", "Text.\n");
    let mut yaml = String::from("title: Patologisk\nbase_url: https://example.se/\nmenu:\n");
    for i in 0..n {
        let _ = writeln!(yaml, "  - path: /\n    title: Punkt {}", letters(i));
    }
    write(&root.join("portal.yaml"), &yaml);
}

fn notices(root: &Path, n: usize) {
    portal(root, "", "Text.\n");
    for i in 0..n {
        write(
            &root.join(format!("content/driftinformation/2026-01-01-n{i}.md")),
            &format!(
                "---\ntitle: Störning {}\nkind: planerat-underhall\nstart: 2026-01-01T01:00:00+01:00\nend: 2026-01-01T02:00:00+01:00\nenvironments: [produktion]\n---\nText.\n",
                letters(i)
            ),
        );
    }
}

fn data_list_errors(root: &Path, n: usize) {
    portal(root, "", "Text.\n");
    let mut yaml = String::from(
        "providers:\n  - id: fk\n    name: FK\n    org_number: 202100-5521\n    data_types:\n",
    );
    for i in 0..n {
        let _ = writeln!(yaml, "      - id: t{i}\n        since: 2020-01-01");
    }
    write(&root.join("content/personuppgifter.yaml"), &yaml);
}

/// `n` agreements, each with a version in force and an upcoming one, on `n` different
/// days, whose list names the next agreement (the last the first): the graph of all lists
/// is one ring, and the days come in the order that makes every search for a new cycle
/// walk the chain built so far. The start page links a section of each. See: issue 11.
fn upcoming_lists_ring(root: &Path, n: usize) {
    write(
        &root.join("portal.yaml"),
        "title: Patologisk\nbase_url: https://example.se/\n",
    );
    let links: String = (0..n)
        .map(|i| format!("[punkt 1](avtal:avtal-{i}#punkt-1)\n"))
        .collect();
    write(
        &root.join("content/_index.md"),
        &format!("---\ntitle: Start\n---\n{links}"),
    );
    let first_day = jiff::civil::date(2027, 1, 1);
    for i in 0..n {
        let version = |v: &str, valid_from: &str, list: &str| {
            format!(
                "---\ntitle: Avtal {}\nversion: \"{v}\"\ndate: 2024-01-01\n{valid_from}author: F\ndocuments:\n  - avtal-{i}\n{list}---\n## 1 Parter\n\nText.\n",
                letters(i)
            )
        };
        let day = first_day
            .checked_add(jiff::Span::new().days((n - i) as i64))
            .expect("a date within range");
        write(
            &root.join(format!("agreements/avtal-{i}/1.0.md")),
            &version("1.0", "", ""),
        );
        write(
            &root.join(format!("agreements/avtal-{i}/2.0.md")),
            &version(
                "2.0",
                &format!("valid_from: {day}\n"),
                &format!("  - avtal-{}\n", (i + 1) % n),
            ),
        );
    }
}
