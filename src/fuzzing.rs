//! Entry points for the fuzz targets in `fuzz/` (see docs/robustness.md).
//!
//! Each target puts the fuzzer's bytes in one place of a small but complete portal (an
//! agreement with numbered sections and a definitions table, a second document, guides
//! with relative links, a notice, the personal-data list) and runs the whole build in
//! memory, so the bytes meet the real loader, Markdown writer, annotators, link resolver,
//! templates and writers. The invariants checked here hold for *any* input:
//!
//! - the build never fails with an environment error (content problems are diagnostics);
//! - every diagnostic's line lies inside the file it names;
//! - a successful build publishes no `href`/`src` with a scheme outside the allow-list,
//!   no page with a character HTML forbids (as it is or as a character reference), and
//!   every XML file it writes is free of characters XML forbids.
//!
//! A panic anywhere, or a broken invariant, is a finding. The module is hidden from the
//! documentation: it is a test harness, not an API.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::model::time::Now;
use crate::util::source::is_forbidden_on_page;
use crate::{BuildOptions, Target};

/// Where the fuzzer's bytes go.
#[derive(Debug, Clone, Copy)]
pub enum Place {
    /// A whole source file: front matter and body. The first byte picks which file.
    File,
    /// The body of an agreement version (or, for odd first bytes, of a guide), after valid
    /// front matter: section references, terms, document mentions, footnotes, tables.
    Body,
    /// Link destinations, one per line, written as inline links, images, autolinks and
    /// reference definitions in a guide and in an agreement.
    Links,
}

/// A portal in a temporary folder of its own, rebuilt for every input.
pub struct FuzzPortal {
    root: PathBuf,
}

static NEXT: AtomicUsize = AtomicUsize::new(0);

const PORTAL: &str = "title: Fuzz\nbase_url: https://example.se/ssbtek/\n\
menu:\n  - path: /anslutning/\n  - path: /avtal/\n";

const AVTAL: &str = "---\ntitle: SSBTEK – Driftsavtal\nversion: \"1.0\"\ndate: 2024-01-01\n\
author: Förvaltningen\ndocuments:\n  - driftsavtal\n  - definitioner\naliases: [Driftsavtalet]\n---\n\
## 1 Parter\n\nSKR och Försäkringskassan. Begreppen finns i Definitioner.\n\n\
## 2 Ansvar\n\nEnligt punkten 2.1 ansvarar Parterna för Informationsportalen.\n\n\
### 2.1 Drift\n\nSe punkten 1 Parter.[^1]\n\n[^1]: En fotnot.\n";

const DEFINITIONER: &str = "---\ntitle: Definitioner\nversion: \"1.0\"\ndate: 2024-01-01\n\
author: Förvaltningen\n---\n## 1 Begrepp\n\n\
| Term/Begrepp | Definition |\n|---|---|\n| Informationsportal | Webbplatsen med all information. |\n\
| Part | SKR eller Försäkringskassan. |\n";

const KOMMUN: &str = "---\ntitle: Anslutning för kommuner\nweight: 1\n---\n\
## Steg 1\n\nLäs [testmiljön](testmiljo.md#steg-2) och avtal:driftsavtal.\n";

const TESTMILJO: &str =
    "---\ntitle: Testmiljön\n---\n## Steg 2\n\nSe [kommun](kommun.md) och SSBTEK - Driftsavtal.\n";

const NOTICE: &str = "---\ntitle: Underhåll\nkind: planerat-underhall\n\
start: 2026-12-06T06:00:00+01:00\nend: 2026-12-06T10:00:00+01:00\n\
environments: [produktion]\ncomponents: [LEFI]\n---\nText.\n";

const DATALIST: &str = "providers:\n  - id: fk\n    name: Försäkringskassan\n\
    org_number: 202100-5521\n    data_types:\n      - id: bostadsbidrag\n\
        name: Bostadsbidrag\n        description: Beslutat bostadsbidrag.\n\
        since: 2019-01-01\n";

impl FuzzPortal {
    /// A fresh portal under the system's temporary folder.
    pub fn new() -> FuzzPortal {
        let root = std::env::temp_dir().join(format!(
            "infoportal-fuzz-{}-{}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        ));
        let portal = FuzzPortal { root };
        portal.reset();
        portal
    }

    /// Puts every file back as it was.
    fn reset(&self) {
        let _ = std::fs::remove_dir_all(&self.root);
        for (rel, text) in [
            ("portal.yaml", PORTAL),
            ("agreements/driftsavtal/1.0.md", AVTAL),
            ("agreements/definitioner/1.0.md", DEFINITIONER),
            ("content/_index.md", "---\ntitle: Start\n---\nVälkommen.\n"),
            (
                "content/anslutning/_index.md",
                "---\ntitle: Anslutning\n---\n",
            ),
            ("content/anslutning/kommun.md", KOMMUN),
            ("content/anslutning/testmiljo.md", TESTMILJO),
            ("content/driftinformation/underhall.md", NOTICE),
            ("content/personuppgifter.yaml", DATALIST),
        ] {
            write(&self.root.join(rel), text.as_bytes());
        }
    }

    /// Builds the portal with `data` in `place` and checks the invariants; panics on a
    /// broken one, which the fuzzer reports as a crash.
    pub fn run(&self, place: Place, data: &[u8]) {
        self.reset();
        let written = match place {
            Place::File => self.put_file(data),
            Place::Body => self.put_body(data),
            Place::Links => self.put_links(data),
        };
        let options = BuildOptions {
            root: self.root.clone(),
            out: None,
            base_url: None,
            now: Now::Date(jiff::civil::date(2026, 11, 26)),
            drafts: false,
            target: Target::Memory,
            strict: false,
            cancel: None,
            keep_warnings: Vec::new(),
        };
        let report = match crate::build(&options) {
            Ok(report) => report,
            Err(e) => panic!("content made the build fail as an environment error: {e:#}"),
        };
        for d in &report.diagnostics {
            check_location(&self.root, d, &written);
        }
        if let Some(files) = &report.files {
            for (path, bytes) in files {
                check_output(path, bytes);
            }
        }
    }

    fn put_file(&self, data: &[u8]) -> String {
        let (which, rest) = data.split_first().unwrap_or((&0, &[]));
        let rel = match which % 6 {
            0 => "content/anslutning/testmiljo.md",
            1 => "agreements/driftsavtal/1.1.md",
            2 => "content/driftinformation/storning.md",
            3 => "content/personuppgifter.yaml",
            4 => "portal.yaml",
            _ => "agreements/definitioner/1.0.md",
        };
        write(&self.root.join(rel), rest);
        rel.to_string()
    }

    fn put_body(&self, data: &[u8]) -> String {
        let (which, rest) = data.split_first().unwrap_or((&0, &[]));
        let (rel, front) = if which % 2 == 0 {
            (
                "agreements/driftsavtal/1.1.md",
                AVTAL
                    .split_once("---\n## 1")
                    .map_or("", |(f, _)| f)
                    .replace("\"1.0\"", "\"1.1\"")
                    .replace("2024-01-01", "2024-06-01")
                    + "---\n",
            )
        } else {
            (
                "content/anslutning/testmiljo.md",
                "---\ntitle: Testmiljön\n---\n".to_string(),
            )
        };
        let mut bytes = front.into_bytes();
        bytes.extend_from_slice(rest);
        write(&self.root.join(rel), &bytes);
        rel.to_string()
    }

    fn put_links(&self, data: &[u8]) -> String {
        let text = String::from_utf8_lossy(data);
        let mut body = String::from("---\ntitle: Testmiljön\n---\n## Steg 2\n\n");
        let mut references = String::new();
        for (i, dest) in text.lines().take(16).enumerate() {
            body.push_str(&format!(
                "[l{i}]({dest}) ![b{i}]({dest}) <{dest}> [r{i}] [text][r{i}]\n\n"
            ));
            references.push_str(&format!("[r{i}]: {dest}\n"));
        }
        body.push('\n');
        body.push_str(&references);
        let rel = "content/anslutning/testmiljo.md";
        write(&self.root.join(rel), body.as_bytes());
        rel.to_string()
    }
}

impl Default for FuzzPortal {
    fn default() -> Self {
        FuzzPortal::new()
    }
}

impl Drop for FuzzPortal {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.root);
    }
}

fn write(path: &Path, bytes: &[u8]) {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).expect("create a folder of the fuzz portal");
    }
    std::fs::write(path, bytes).expect("write a file of the fuzz portal");
}

/// A diagnostic's line must exist in the file it names.
fn check_location(root: &Path, d: &crate::util::diag::Diagnostic, written: &str) {
    let Some(location) = &d.location else {
        return;
    };
    if location.line == 0 || location.path.starts_with("themes/") {
        return;
    }
    let Ok(bytes) = std::fs::read(root.join(&location.path)) else {
        panic!(
            "{}: a diagnostic names a file that does not exist",
            location.path
        );
    };
    let lines = bytes.split(|&b| b == b'\n').count() as u32;
    assert!(
        location.line <= lines.max(1),
        "{}:{}: the diagnostic's line is past the end of the file ({lines} lines; input in {written}): {}",
        location.path,
        location.line,
        d.message
    );
}

/// What the published site must never contain, whatever the input: panics on the first
/// thing found. `path` is the file's path in the site (its extension says what it is).
/// Also used by the bad-input corpus (`tests/invalid.rs`) on the sites it builds.
pub fn check_output(path: &str, bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    if path.ends_with(".html") {
        let lower = text.to_ascii_lowercase();
        for attr in ["href=\"", "src=\""] {
            for (at, _) in lower.match_indices(attr) {
                let value = &lower[at + attr.len()..];
                let value = value.split('"').next().unwrap_or("");
                let scheme = value
                    .split_once(':')
                    .map(|(s, _)| s)
                    .filter(|s| !s.contains('/') && !s.contains('?') && !s.contains('#'));
                if let Some(scheme) = scheme {
                    assert!(
                        matches!(scheme, "https" | "http" | "mailto" | "tel"),
                        "{path}: publishes a `{scheme}:` URL: {value}"
                    );
                }
            }
        }
        check_page_characters(path, &text);
    }
    if path.ends_with(".xml") {
        for c in text.chars() {
            let forbidden = matches!(c, '\u{0}'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}');
            assert!(
                !forbidden,
                "{path}: holds the character {c:?}, which XML forbids"
            );
        }
    }
}

/// A page may hold no character HTML forbids (the Nu Html Checker's "Forbidden code
/// point"), neither as it is nor as a numeric character reference, which a browser
/// decodes to it (`&#1;`; `&#0;`, `&#13;`, surrogates and references past U+10FFFF are
/// errors too).
fn check_page_characters(path: &str, text: &str) {
    if let Some(c) = text.chars().find(|&c| is_forbidden_on_page(c)) {
        panic!("{path}: holds the character {c:?}, which HTML forbids");
    }
    for (at, _) in text.match_indices("&#") {
        let rest = &text[at + 2..];
        let (digits, radix) = match rest.strip_prefix(['x', 'X']) {
            Some(hex) => (hex, 16),
            None => (rest, 10),
        };
        let len = digits
            .find(|c: char| !c.is_digit(radix))
            .unwrap_or(digits.len());
        if len == 0 {
            continue;
        }
        let allowed = u32::from_str_radix(&digits[..len], radix)
            .ok()
            .filter(|&n| n != 0 && n != 0x0D)
            .and_then(char::from_u32)
            .is_some_and(|c| !is_forbidden_on_page(c));
        let reference = &text[at..(at + 2 + rest.len() - digits.len() + len)];
        assert!(
            allowed,
            "{path}: holds the reference `{reference};`, to a character HTML forbids"
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The harness itself works: the base portal builds clean, and inputs in every place
    /// go through the invariants (a broken invariant panics).
    #[test]
    fn the_fuzz_portal_builds_and_takes_input_in_every_place() {
        let portal = FuzzPortal::new();
        portal.run(Place::Links, b"https://example.se/\n../kommun.md#steg-1\n");
        portal.run(
            Place::Body,
            b"\x00## 3 Nytt\n\nEnligt punkten 2.1 och Informationsportalen.\n",
        );
        portal.run(Place::File, b"\x01---\ntitle: [\n");
        portal.run(Place::File, b"");
    }

    #[test]
    #[should_panic(expected = "publishes a `javascript:` URL")]
    fn an_unsafe_href_in_the_output_is_a_finding() {
        check_output("a.html", b"<a href=\"JavaScript:alert(1)\">x</a>");
    }

    #[test]
    #[should_panic(expected = "which HTML forbids")]
    fn a_control_character_in_a_page_is_a_finding() {
        check_output("a.html", b"<p>Text \x01 med \x1b styrtecken</p>");
    }

    #[test]
    fn a_reference_to_a_character_html_forbids_is_a_finding() {
        for page in [
            "<p>&#1;</p>",
            "<p>&#x7F;</p>",
            "<p>&#X80;</p>",
            "<p>&#xFDD0;</p>",
            "<p>&#x10FFFF;</p>",
            "<p>&#0;</p>",
            "<p>&#xD800;</p>",
            "<p>&#99999999999;</p>",
        ] {
            let found = std::panic::catch_unwind(|| check_output("a.html", page.as_bytes()));
            assert!(found.is_err(), "{page}");
        }
        check_output(
            "a.html",
            "<p>&#233; &#xFFFD; &#39; &#10; &amp;#1; \u{FFFD} &# &#x;</p>".as_bytes(),
        );
    }

    /// Pasted text and character references in a body reach no page. See: issue 10.
    #[test]
    fn control_characters_in_a_body_reach_no_page() {
        let portal = FuzzPortal::new();
        portal.run(
            Place::Body,
            "## 3 Rubrik \x01\n\nText \x01 med \x1b, \x7f, \u{85}, \u{FFFE}, &#1; och &#x80;.\n"
                .as_bytes(),
        );
    }

    #[test]
    #[should_panic(expected = "which XML forbids")]
    fn a_control_character_in_xml_is_a_finding() {
        check_output("atom.xml", b"<feed>\x01</feed>");
    }
}
