//! The bad-input corpus: every folder under `tests/fixtures/invalid/` is a tiny portal with
//! one defect, and its `expected.txt` pins what infoportal must say about it.
//!
//! `expected.txt` holds:
//!
//! ```text
//! # A page's front matter has an unclosed quote.     (what the defect is; required)
//! args: --strict                                      (optional extra flags)
//! exit: 1                                             (the exit code of `check` and `build`)
//! E0101 content/a.md:3:8                              (each diagnostic: code file:line:col)
//! stderr: portal.yaml                                 (exit 2 only: text stderr must contain)
//! ```
//!
//! Each case is checked twice with the real binary: `check --format json` must report
//! exactly the pinned diagnostics (no more: one mistake, one error), and `build` must fail
//! the same way, without panicking and without leaving an output folder, or a staging
//! folder beside it, behind; a case that builds must give a well-formed site (no unsafe
//! URL, no character HTML or XML forbids: `infoportal::fuzzing::check_output`).
//! `INFOPORTAL_BLESS=1 cargo test --test invalid` rewrites the pinned lines from what the
//! binary says today; review the diff like code.

use std::path::{Path, PathBuf};
use std::process::Command;

const NOW: &str = "2026-11-26";

/// What `expected.txt` says.
#[derive(Debug, PartialEq)]
struct Expected {
    what: String,
    args: Vec<String>,
    exit: i32,
    diagnostics: Vec<String>,
    stderr: Vec<String>,
}

impl Expected {
    fn parse(text: &str, case: &str) -> Expected {
        let mut expected = Expected {
            what: String::new(),
            args: Vec::new(),
            exit: 1,
            diagnostics: Vec::new(),
            stderr: Vec::new(),
        };
        for line in text.lines().map(str::trim_end).filter(|l| !l.is_empty()) {
            if let Some(what) = line.strip_prefix("# ") {
                expected.what = what.to_string();
            } else if let Some(args) = line.strip_prefix("args:") {
                expected.args = args.split_whitespace().map(String::from).collect();
            } else if let Some(code) = line.strip_prefix("exit:") {
                expected.exit = code.trim().parse().expect("exit code");
            } else if let Some(needle) = line.strip_prefix("stderr:") {
                expected.stderr.push(needle.trim().to_string());
            } else {
                expected.diagnostics.push(line.to_string());
            }
        }
        assert!(
            !expected.what.is_empty(),
            "{case}: expected.txt must start with `# what the defect is`"
        );
        expected
    }

    fn render(&self) -> String {
        let mut out = format!("# {}\n", self.what);
        if !self.args.is_empty() {
            out.push_str(&format!("args: {}\n", self.args.join(" ")));
        }
        out.push_str(&format!("exit: {}\n", self.exit));
        for line in &self.diagnostics {
            out.push_str(line);
            out.push('\n');
        }
        for needle in &self.stderr {
            out.push_str(&format!("stderr: {needle}\n"));
        }
        out
    }
}

/// What one run of the binary said.
struct Outcome {
    exit: i32,
    stdout: String,
    stderr: String,
}

fn run(root: &Path, args: &[&str], extra: &[String]) -> Outcome {
    let output = Command::new(env!("CARGO_BIN_EXE_infoportal"))
        .args(args)
        .args(extra)
        .arg("--root")
        .arg(root)
        .args(["--now", NOW])
        .env_remove("SOURCE_DATE_EPOCH")
        .output()
        .expect("run infoportal");
    Outcome {
        exit: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

/// `code file:line:col` for each diagnostic of a `--format json` report, the file
/// relative to the portal folder (the report's are relative to the repository root:
/// `path_prefix` and the path in the portal folder).
fn pinned_lines(json: &str) -> Vec<String> {
    let report: serde_json::Value = serde_json::from_str(json)
        .unwrap_or_else(|e| panic!("`--format json` printed no JSON ({e}):\n{json}"));
    let prefix = report["path_prefix"].as_str().expect("path_prefix");
    let mut lines = Vec::new();
    for d in report["diagnostics"].as_array().expect("diagnostics") {
        let file = d["file"].as_str().unwrap_or("");
        let in_portal = file.strip_prefix(prefix);
        assert!(
            d["file"].is_null() || in_portal.is_some(),
            "`{file}` does not start with `{prefix}`"
        );
        let mut place = in_portal.unwrap_or(file).to_string();
        if let Some(line) = d["line"].as_u64() {
            place.push_str(&format!(":{line}"));
            if let Some(col) = d["column"].as_u64() {
                place.push_str(&format!(":{col}"));
            }
        }
        lines.push(format!("{} {place}", d["code"].as_str().unwrap_or("?")));
    }
    lines
}

/// Copies a case into a fresh folder, keeping symlinks as symlinks (some cases are about
/// them) and skipping `expected.txt`.
fn copy_case(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let name = entry.file_name();
        if name == "expected.txt" {
            continue;
        }
        let target = to.join(&name);
        let kind = entry.file_type().unwrap();
        if kind.is_symlink() {
            let link = std::fs::read_link(entry.path()).unwrap();
            std::os::unix::fs::symlink(link, &target).unwrap();
        } else if kind.is_dir() {
            copy_case(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

fn cases() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/invalid");
    let mut cases: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    cases.sort();
    cases
}

/// Checks one case; returns what went wrong, if anything.
fn check_case(case: &Path, bless: bool) -> Vec<String> {
    let name = case.file_name().unwrap().to_string_lossy().into_owned();
    let expected_path = case.join("expected.txt");
    let text = std::fs::read_to_string(&expected_path)
        .unwrap_or_else(|_| panic!("{name}: no expected.txt"));
    let expected = Expected::parse(&text, &name);
    let root = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("invalid")
        .join(format!("{name}-{}", std::process::id()));
    if root.exists() {
        std::fs::remove_dir_all(&root).unwrap();
    }
    copy_case(case, &root);

    let mut problems = Vec::new();
    let checked = run(&root, &["check", "--format", "json"], &expected.args);
    for outcome in [&checked] {
        if outcome.stderr.contains("panicked") || outcome.exit == 101 {
            problems.push(format!("{name}: panicked:\n{}", outcome.stderr));
            return problems;
        }
    }
    let actual = Expected {
        what: expected.what.clone(),
        args: expected.args.clone(),
        exit: checked.exit,
        diagnostics: if checked.exit == 2 {
            Vec::new()
        } else {
            pinned_lines(&checked.stdout)
        },
        stderr: expected.stderr.clone(),
    };
    if bless {
        std::fs::write(&expected_path, actual.render()).unwrap();
    } else if actual != expected {
        problems.push(format!(
            "{name}: {}\n--- expected\n{}--- actual (check --format json)\n{}stderr:\n{}",
            expected.what,
            expected.render(),
            actual.render(),
            checked.stderr
        ));
    }
    for needle in &expected.stderr {
        if !checked.stderr.contains(needle.as_str()) {
            problems.push(format!(
                "{name}: stderr lacks {needle:?}:\n{}",
                checked.stderr
            ));
        }
    }

    // The same defect fails a build the same way, and nothing is published.
    let out = root.join("public");
    let built = run(
        &root,
        &["build", "--out", out.to_str().unwrap()],
        &expected.args,
    );
    if built.stderr.contains("panicked") || built.exit == 101 {
        problems.push(format!("{name}: build panicked:\n{}", built.stderr));
    } else if built.exit != checked.exit {
        problems.push(format!(
            "{name}: build exited {} but check exited {}:\n{}",
            built.exit, checked.exit, built.stderr
        ));
    }
    if expected.exit != 0 && out.exists() {
        problems.push(format!("{name}: a failed build left `public/` behind"));
    }
    if built.exit == 0 {
        problems.extend(
            check_site(&out, &out)
                .into_iter()
                .map(|p| format!("{name}: {p}")),
        );
    }
    if let Some(left) = leftovers_after(&root) {
        problems.push(format!("{name}: the build left {left:?} beside `public/`"));
    }
    problems
}

/// What a site built from bad input still must not hold (the fuzzers' invariants: no
/// unsafe URL, no character HTML or XML forbids), for each file under `dir`.
fn check_site(site: &Path, dir: &Path) -> Vec<String> {
    let mut problems = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            problems.extend(check_site(site, &path));
            continue;
        }
        let rel = path
            .strip_prefix(site)
            .unwrap()
            .to_string_lossy()
            .into_owned();
        let bytes = std::fs::read(&path).unwrap();
        let checked = std::panic::catch_unwind(|| infoportal::fuzzing::check_output(&rel, &bytes));
        if let Err(panic) = checked {
            let message = panic
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_default();
            problems.push(format!("the built site is not well-formed: {message}"));
        }
    }
    problems
}

/// The folders a build keeps beside `public/` (its staging folder, a previous output
/// moved aside) that are still there once the background removal had its time; the
/// shared lock file is meant to stay.
fn leftovers_after(root: &Path) -> Option<Vec<String>> {
    let list = || -> Vec<String> {
        let mut found: Vec<String> = std::fs::read_dir(root)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with(".public.") && n != ".public.lock")
            .collect();
        found.sort();
        found
    };
    // The staging folder is moved aside before the build exits; only its deletion runs
    // in the background.
    let now = list();
    if now.iter().any(|n| !n.starts_with(".public.old-")) {
        return Some(now);
    }
    let start = std::time::Instant::now();
    while start.elapsed() < std::time::Duration::from_secs(20) {
        if list().is_empty() {
            return None;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    Some(list())
}

#[test]
fn every_bad_input_gets_its_pinned_diagnostics_and_no_output() {
    let bless = std::env::var_os("INFOPORTAL_BLESS").is_some();
    let cases = cases();
    assert!(
        cases.len() >= 40,
        "the corpus has {} cases; keep at least 40",
        cases.len()
    );
    let problems: Vec<String> = cases.iter().flat_map(|c| check_case(c, bless)).collect();
    assert!(
        problems.is_empty(),
        "{} problem(s) in the bad-input corpus:\n\n{}",
        problems.len(),
        problems.join("\n\n")
    );
}

#[test]
fn the_pinned_format_round_trips() {
    let text = "# a defect\nargs: --strict\nexit: 1\nE0101 content/a.md:3:8\n";
    assert_eq!(Expected::parse(text, "t").render(), text);
}
