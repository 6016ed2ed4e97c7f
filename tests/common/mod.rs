//! `PortalTest`: copies a fixture portal into a fresh temporary folder, lets a test
//! change files, runs the real `infoportal` binary on it and reads the output.

#![allow(dead_code, unreachable_pub)]

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};

static COUNTER: AtomicUsize = AtomicUsize::new(0);

/// The date every test builds "as of", unless it says otherwise.
pub const NOW: &str = "2026-11-26";

pub struct PortalTest {
    pub root: PathBuf,
}

pub struct Run {
    pub code: i32,
    pub stdout: String,
    /// Standard error; from [`PortalTest::run`] without the source excerpts under each
    /// diagnostic (tests that check those use [`PortalTest::run_with_excerpts`]), so
    /// that a test of a message sees its header, notes and hint together.
    pub stderr: String,
}

impl Run {
    /// Asserts that stderr contains `needle`, showing stderr otherwise.
    pub fn assert_stderr(&self, needle: &str) -> &Self {
        assert!(
            self.stderr.contains(needle),
            "stderr lacks {needle:?}:\n{}",
            self.stderr
        );
        self
    }

    /// Asserts that `needle` occurs exactly `count` times in stderr.
    pub fn assert_stderr_count(&self, needle: &str, count: usize) -> &Self {
        assert_eq!(
            self.stderr.matches(needle).count(),
            count,
            "{needle:?} in stderr:\n{}",
            self.stderr
        );
        self
    }

    /// Asserts that `needle` occurs at most once in stderr.
    pub fn assert_stderr_not_contains_twice(&self, needle: &str) -> &Self {
        assert!(
            self.stderr.matches(needle).count() <= 1,
            "{needle:?} twice:\n{}",
            self.stderr
        );
        self
    }

    pub fn assert_code(&self, code: i32) -> &Self {
        assert_eq!(
            self.code, code,
            "exit code {} (expected {code})\nstdout:\n{}\nstderr:\n{}",
            self.code, self.stdout, self.stderr
        );
        self
    }
}

impl PortalTest {
    /// A copy of `tests/fixtures/<name>` in its own folder.
    pub fn from_fixture(name: &str) -> Self {
        let test = Self::empty(name);
        copy_dir(
            &Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("tests/fixtures")
                .join(name),
            &test.root,
        );
        test
    }

    /// An empty folder to build a portal in.
    pub fn empty(label: &str) -> Self {
        let n = COUNTER.fetch_add(1, Ordering::SeqCst);
        let root = Path::new(env!("CARGO_TARGET_TMPDIR"))
            .join("portals")
            .join(format!(
                "{}-{}-{n}",
                label.replace('/', "-"),
                std::process::id()
            ));
        if root.exists() {
            std::fs::remove_dir_all(&root).unwrap();
        }
        std::fs::create_dir_all(&root).unwrap();
        PortalTest { root }
    }

    /// Writes (or overwrites) a file of the portal.
    pub fn file(&self, rel: &str, text: &str) -> &Self {
        self.bytes(rel, text.as_bytes())
    }

    pub fn bytes(&self, rel: &str, bytes: &[u8]) -> &Self {
        let path = self.root.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
        self
    }

    pub fn remove(&self, rel: &str) -> &Self {
        let path = self.root.join(rel);
        if path.is_dir() {
            std::fs::remove_dir_all(path).unwrap();
        } else {
            std::fs::remove_file(path).unwrap();
        }
        self
    }

    /// Runs `infoportal <args> --root <root>`, with `--now` unless given.
    pub fn run(&self, args: &[&str]) -> Run {
        let mut run = self.run_with_excerpts(args);
        run.stderr = without_excerpts(&run.stderr);
        run
    }

    /// [`PortalTest::run`], keeping the lines of source shown under each diagnostic.
    pub fn run_with_excerpts(&self, args: &[&str]) -> Run {
        let mut command = Command::new(env!("CARGO_BIN_EXE_infoportal"));
        command.args(args).arg("--root").arg(&self.root);
        if !args.contains(&"--now") {
            command.args(["--now", NOW]);
        }
        // The tests read the messages in English unless they ask for a language:
        // a portal's messages are Swedish by default.
        let reports = matches!(args.first(), Some(&("build" | "check" | "next-change")));
        if reports && !args.contains(&"--lang") {
            command.args(["--lang", "en"]);
        }
        command.env_remove("SOURCE_DATE_EPOCH");
        let output = command.output().expect("run infoportal");
        Run {
            code: output.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr)
                .replace(&self.root.display().to_string(), "[ROOT]"),
        }
    }

    /// Runs `infoportal <args> --root <root>` without adding `--now`.
    pub fn run_plain(&self, args: &[&str]) -> Run {
        let output = Command::new(env!("CARGO_BIN_EXE_infoportal"))
            .args(args)
            .arg("--root")
            .arg(&self.root)
            .env_remove("SOURCE_DATE_EPOCH")
            .output()
            .expect("run infoportal");
        Run {
            code: output.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: without_excerpts(
                &String::from_utf8_lossy(&output.stderr)
                    .replace(&self.root.display().to_string(), "[ROOT]"),
            ),
        }
    }

    /// `build`, asserting success.
    pub fn build(&self) -> &Self {
        self.run(&["build"]).assert_code(0);
        self
    }

    pub fn out(&self) -> PathBuf {
        self.root.join("public")
    }

    /// Reads a file of the built site.
    pub fn read(&self, rel: &str) -> String {
        let path = self.out().join(rel);
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()))
    }

    /// The `<main>` element of a built page.
    pub fn main(&self, rel: &str) -> String {
        let html = self.read(rel);
        let start = html.find("<main").expect("page has <main>");
        let end = html.find("</main>").expect("page has </main>") + "</main>".len();
        html[start..end].to_string()
    }

    /// Every file of the output, relative, sorted.
    pub fn output_files(&self) -> Vec<String> {
        let mut files = Vec::new();
        collect_files(&self.out(), &self.out(), &mut files);
        files.sort();
        files
    }
}

/// `stderr` without the excerpt lines `--format human` prints under a diagnostic: the
/// gutter lines (`   |`, `12 | text`, `   |     ^`) that annotate-snippets lays out.
pub fn without_excerpts(stderr: &str) -> String {
    let is_excerpt = |line: &str| {
        let rest = line.trim_start_matches(|c: char| c == ' ' || c.is_ascii_digit());
        let gutter = &line[..line.len() - rest.len()];
        gutter.ends_with(' ')
            && rest.starts_with('|')
            && (rest.len() == 1 || rest[1..].starts_with(' '))
    };
    let mut out = String::with_capacity(stderr.len());
    for line in stderr.split_inclusive('\n') {
        if !is_excerpt(line.trim_end_matches('\n')) {
            out.push_str(line);
        }
    }
    out
}

fn collect_files(base: &Path, dir: &Path, out: &mut Vec<String>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries {
        let path = entry.unwrap().path();
        if path.is_dir() {
            collect_files(base, &path, out);
        } else {
            out.push(
                path.strip_prefix(base)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/"),
            );
        }
    }
}

/// A copy of the bundled example portal: the repository's own `portal.yaml`,
/// `agreements/`, `content/` and `themes/`.
pub fn example() -> PortalTest {
    let t = PortalTest::empty("example");
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    for dir in ["agreements", "content", "themes"] {
        copy_dir(&repo.join(dir), &t.root.join(dir));
    }
    std::fs::copy(repo.join("portal.yaml"), t.root.join("portal.yaml")).unwrap();
    t
}

pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap_or_else(|e| panic!("{}: {e}", from.display())) {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// `html` as a reader sees it at the build's time: without the elements marked `hidden`,
/// which hold later (`clock.js` shows them when their time comes).
pub fn shown(html: &str) -> String {
    filter_elements(html, |tag| !has_attribute(tag, "hidden"))
}

/// `html` as `clock.js` shows it at `at` (RFC 3339): an element with `data-from` or
/// `data-until` is there exactly while `at` is between them; any other `hidden` element
/// stays hidden (what depends on a list's being empty is left to the browser tests).
pub fn seen_at(html: &str, at: &str) -> String {
    let at: jiff::Timestamp = at.parse().expect("an RFC 3339 time");
    let bound = |tag: &str, name: &str| {
        attribute(tag, name).map(|v| v.parse::<jiff::Timestamp>().expect("an RFC 3339 boundary"))
    };
    filter_elements(html, |tag| {
        let (from, until) = (bound(tag, "data-from"), bound(tag, "data-until"));
        if from.is_none() && until.is_none() {
            return !has_attribute(tag, "hidden");
        }
        from.is_none_or(|f| f <= at) && until.is_none_or(|u| at < u)
    })
}

/// The value of attribute `name` in start tag `tag`, if it has one.
pub fn attribute<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let at = tag.find(&format!(" {name}=\""))? + name.len() + 3;
    Some(&tag[at..at + tag[at..].find('"')?])
}

fn has_attribute(tag: &str, name: &str) -> bool {
    tag.split(|c: char| c.is_whitespace() || c == '>')
        .any(|w| w == name || w.starts_with(&format!("{name}=")))
}

/// `html` without the elements whose start tag `keep` refuses (with all they contain).
fn filter_elements(html: &str, keep: impl Fn(&str) -> bool) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        out.push_str(&rest[..lt]);
        rest = &rest[lt..];
        let end = rest.find('>').map_or(rest.len(), |e| e + 1);
        let tag = &rest[..end];
        let name: String = tag[1..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        if !name.is_empty() && !keep(tag) {
            rest = &rest[element_end(rest, &name)..];
        } else {
            out.push_str(tag);
            rest = &rest[end..];
        }
    }
    out.push_str(rest);
    out
}

/// The byte offset just after the element that starts `html`, named `name`.
fn element_end(html: &str, name: &str) -> usize {
    let (open, close) = (format!("<{name}"), format!("</{name}>"));
    let mut depth = 0;
    let mut at = 0;
    while at < html.len() {
        let rest = &html[at..];
        if rest.starts_with(&close) {
            depth -= 1;
            at += close.len();
            if depth == 0 {
                return at;
            }
        } else if rest.starts_with(&open)
            && rest[open.len()..].starts_with(|c: char| c.is_whitespace() || c == '>')
        {
            depth += 1;
            at += open.len();
        } else {
            at += rest.chars().next().map_or(1, char::len_utf8);
        }
    }
    html.len()
}

/// The text of `html` as a reader gets it: without tags, whitespace collapsed; block
/// elements (and spans, which the theme shows as blocks) apart. Tests that say what a page
/// tells its reader compare this, so they do not break when the markup around it changes
/// (that markup is pinned once, by the snapshots of `tests/markup.rs`).
pub fn text(html: &str) -> String {
    const APART: &[&str] = &[
        "p", "li", "dd", "dt", "div", "tr", "td", "th", "h1", "h2", "h3", "br", "span", "ul", "ol",
        "section", "table", "dl",
    ];
    let mut out = String::new();
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        out.push_str(&rest[..lt]);
        let end = rest[lt..].find('>').map_or(rest.len(), |e| lt + e + 1);
        let name: String = rest[lt + 1..end]
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        if APART.contains(&name.as_str()) {
            out.push(' ');
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The start tags named `name` in `html`, in order (void elements such as `<link>` too).
pub fn start_tags<'a>(html: &'a str, name: &str) -> Vec<&'a str> {
    let open = format!("<{name}");
    let mut tags = Vec::new();
    let mut at = 0;
    while let Some(found) = html[at..].find(&open) {
        let start = at + found;
        let rest = &html[start + open.len()..];
        let end = html[start..]
            .find('>')
            .map_or(html.len(), |e| start + e + 1);
        if rest.starts_with(|c: char| c.is_whitespace() || c == '>') {
            tags.push(&html[start..end]);
        }
        at = start + open.len();
    }
    tags
}

/// The start tag of `element`.
pub fn start_tag(element: &str) -> &str {
    &element[..element.find('>').map_or(element.len(), |e| e + 1)]
}

/// The elements named `name` in `html`, each from its start tag to its end tag, in order
/// of their start (not for void elements: see [`start_tags`]).
pub fn elements<'a>(html: &'a str, name: &str) -> Vec<&'a str> {
    start_tags(html, name)
        .into_iter()
        .map(|tag| {
            let start = tag.as_ptr() as usize - html.as_ptr() as usize;
            &html[start..start + element_end(&html[start..], name)]
        })
        .collect()
}

/// The first element of `html` whose attribute `name` is `value`, start tag to end tag.
pub fn element<'a>(html: &'a str, name: &str, value: &str) -> &'a str {
    let mut at = 0;
    while let Some(lt) = html[at..].find('<') {
        let start = at + lt;
        let tag = start_tag(&html[start..]);
        if attribute(tag, name) == Some(value) {
            let tag_name: String = tag[1..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric())
                .collect();
            return &html[start..start + element_end(&html[start..], &tag_name)];
        }
        at = start + 1;
    }
    panic!("no element with {name}=\"{value}\" in:\n{html}")
}

/// Every link of `html` with an `href`: the href and the link's [`text`], in order.
pub fn links(html: &str) -> Vec<(String, String)> {
    elements(html, "a")
        .into_iter()
        .filter_map(|a| Some((attribute(start_tag(a), "href")?.to_string(), text(a))))
        .collect()
}

/// Whether `html` has a link to `href` reading `label`.
pub fn has_link(html: &str, href: &str, label: &str) -> bool {
    links(html).iter().any(|(h, l)| h == href && l == label)
}

/// Every `<time>` of `html`: its `datetime` and its text, in order.
pub fn times(html: &str) -> Vec<(String, String)> {
    elements(html, "time")
        .into_iter()
        .map(|time| {
            let datetime = attribute(start_tag(time), "datetime").unwrap_or_default();
            (datetime.to_string(), text(time))
        })
        .collect()
}

/// `list` as owned pairs, to compare with what [`links`] and [`times`] return.
pub fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}
