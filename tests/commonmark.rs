//! CommonMark conformance: every example of the CommonMark spec and of the extension specs
//! (tests/fixtures/commonmark/) goes through `markdown::render`, the build's own entry,
//! and must give the HTML plain pulldown-cmark gives with the same options, unless the
//! example is listed in `intended.txt` with the reason it differs.

use std::collections::BTreeMap;
use std::path::Path;

use infoportal::render::links::{self, Destination};
use infoportal::render::markdown::{
    self, Body, LinkKind, LinkTarget, MarkdownOptions, Resolution, Resolve,
};
use infoportal::util::source::SourceFile;
use infoportal::util::url;

/// The example files and how many examples each holds (as `extract.py` printed them),
/// so that a file the parser misreads cannot pass with examples missing.
const SUITES: &[(&str, usize)] = &[
    ("spec", 652),
    ("table", 28),
    ("gfm_table", 9),
    ("footnotes", 26),
    ("strikethrough", 15),
    ("gfm_strikethrough", 3),
    ("heading_attrs", 42),
    ("definition_lists", 31),
    ("gfm_tasklist", 2),
    ("regression", 212),
];

/// Resolves links as the build's resolver does, with the same classification (allowed
/// and refused schemes, fragments, paths) and the same encoders, but without a portal:
/// a path is not looked up and stays relative, as CommonMark writes it, where the build
/// would write the site path of the file it found.
struct Conformance;

impl Resolve for Conformance {
    fn resolve(&self, dest: &str, _kind: LinkKind) -> Resolution {
        let href = match links::classify(dest) {
            Destination::Empty => String::new(),
            Destination::Fragment(fragment) => format!("#{}", url::encode_written(&fragment)),
            Destination::External(href) => href,
            // Refused schemes: the writer leaves such an href out whatever it is given.
            Destination::Document(_) | Destination::Refused(_) => dest.to_string(),
            Destination::Path(path) => {
                url::encode_site_path(&path.decoded).into_owned() + &path.suffix()
            }
        };
        Resolution {
            href,
            target: LinkTarget::External,
        }
    }
}

fn fixtures() -> &'static Path {
    Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/commonmark"
    ))
}

/// The Markdown of each example of one suite, in order (numbered from 1).
fn examples(suite: &str) -> Vec<String> {
    let fence = "`".repeat(32);
    let text = std::fs::read_to_string(fixtures().join(format!("{suite}.txt"))).unwrap();
    let mut out = Vec::new();
    let mut lines = text.split_inclusive('\n');
    while let Some(line) = lines.next() {
        if line.trim_end() != format!("{fence} example") {
            continue;
        }
        let mut markdown = String::new();
        for line in lines.by_ref() {
            if line == ".\n" {
                break;
            }
            markdown.push_str(line);
        }
        for line in lines.by_ref() {
            if line.trim_end() == fence {
                break;
            }
        }
        out.push(markdown);
    }
    out
}

/// The reasons an example may differ, as intended.txt names them. `raw-html` is special:
/// with `raw_html: true` such an example must render as pulldown-cmark does, so escaping
/// is shown to be its only difference.
const REASONS: &[&str] = &[
    "raw-html",
    "footnotes",
    "scheme",
    "heading-attribute",
    "forbidden-character",
];

/// `(suite, number)` → the reasons it differs, from intended.txt.
fn intended() -> BTreeMap<(String, usize), Vec<String>> {
    let text = std::fs::read_to_string(fixtures().join("intended.txt")).unwrap();
    let mut out = BTreeMap::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let (key, reasons) = line.split_once(':').unwrap_or_else(|| malformed(i));
        let (suite, number) = key.split_once(' ').unwrap_or_else(|| malformed(i));
        let number: usize = number.trim().parse().unwrap_or_else(|_| malformed(i));
        let reasons: Vec<String> = reasons.split_whitespace().map(str::to_string).collect();
        for r in &reasons {
            assert!(
                REASONS.contains(&r.as_str()),
                "intended.txt:{}: unknown reason `{r}`",
                i + 1
            );
        }
        assert!(
            SUITES.iter().any(|(s, _)| *s == suite),
            "intended.txt:{}: unknown suite",
            i + 1
        );
        out.insert((suite.to_string(), number), reasons);
    }
    out
}

fn malformed(index: usize) -> ! {
    panic!("intended.txt:{}: want `suite number: reason…`", index + 1)
}

fn ours(markdown: &str, raw_html: bool) -> String {
    let file = SourceFile::new("x.md", markdown.to_string());
    let body = Body {
        file: &file,
        offset: 0,
    };
    markdown::render(body, MarkdownOptions::plain(raw_html), &Conformance).html
}

fn plain(markdown: &str) -> String {
    let parser = pulldown_cmark::Parser::new_ext(markdown, markdown::parser_options());
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, parser);
    html
}

/// Differences of form that the comparison ignores, each on purpose:
/// - line breaks next to tags (pulldown-cmark's own spec tests ignore those between
///   tags; it also starts a block on a new line inside a tight list item, where the
///   build writes the block's tag right after the text);
/// - `'` written as `&#39;` or `&#x27;` in attributes (the same value);
/// - `class="external"` on links that leave the site (for the theme's style);
/// - `tabindex="0"` on `<pre>` (keyboard users can scroll a long code line);
/// - generated heading ids (`id="steg-2"` where pulldown-cmark writes no id), which
///   every heading gets so that it can be linked to;
/// - the accessible table markup: a named, scrollable region around each table,
///   `scope` on header cells, and alignment as a class rather than an inline style
///   (which the Content-Security-Policy would block).
fn normalize(ours: &str, plain: &str) -> (String, String) {
    let common = |html: &str| {
        html.replace(">\n", ">")
            .replace("\n<", "<")
            .replace("&#39;", "'")
            .replace("&#x27;", "'")
    };
    let mut ours = ours
        .replace(" class=\"external\"", "")
        .replace("<pre tabindex=\"0\">", "<pre>")
        .replace(" scope=\"col\"", "")
        .replace("</table></div>", "</table>");
    for align in ["left", "center", "right"] {
        ours = ours.replace(
            &format!(" class=\"align-{align}\""),
            &format!(" style=\"text-align: {align}\""),
        );
    }
    let ours = drop_table_regions(&ours);
    let ours = drop_generated_ids(&ours, plain);
    (common(&ours), common(plain))
}

/// `html` without the opening tags of the scrollable regions around tables.
fn drop_table_regions(html: &str) -> String {
    let open = "<div class=\"table-scroll\"";
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = rest.find(open) {
        out.push_str(&rest[..at]);
        let end = rest[at..].find('>').map_or(rest.len(), |e| at + e + 1);
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// The opening tags of headings in `html`: (start, end) byte ranges.
fn heading_tags(html: &str) -> Vec<(usize, usize)> {
    let mut tags = Vec::new();
    let mut at = 0;
    while let Some(found) = html[at..].find("<h") {
        let start = at + found;
        let bytes = html.as_bytes();
        let level = bytes.get(start + 2).copied().unwrap_or(0);
        let after = bytes.get(start + 3).copied().unwrap_or(0);
        if (b'1'..=b'6').contains(&level) && (after == b'>' || after == b' ') {
            let end = start + html[start..].find('>').unwrap_or(0) + 1;
            tags.push((start, end));
            at = end;
        } else {
            at = start + 2;
        }
    }
    tags
}

/// `ours` with the `id` left out of each heading whose counterpart in `plain` has none.
fn drop_generated_ids(ours: &str, plain: &str) -> String {
    let (our_tags, plain_tags) = (heading_tags(ours), heading_tags(plain));
    if our_tags.len() != plain_tags.len() {
        return ours.to_string();
    }
    let mut out = String::with_capacity(ours.len());
    let mut copied = 0;
    for (&(start, end), &(p_start, p_end)) in our_tags.iter().zip(&plain_tags) {
        if plain[p_start..p_end].contains(" id=\"") {
            continue;
        }
        let tag = &ours[start..end];
        let Some(id_at) = tag.find(" id=\"") else {
            continue;
        };
        let id_end = id_at + 5 + tag[id_at + 5..].find('"').unwrap_or(0) + 1;
        out.push_str(&ours[copied..start + id_at]);
        copied = start + id_end;
    }
    out.push_str(&ours[copied..]);
    out
}

fn differs(markdown: &str, raw_html: bool) -> Option<String> {
    let (ours, plain) = normalize(&ours(markdown, raw_html), &plain(markdown));
    (ours != plain).then(|| format!("--- pulldown-cmark\n{plain}\n--- infoportal\n{ours}\n"))
}

#[test]
fn every_example_renders_as_pulldown_cmark_or_is_listed() {
    let intended = intended();
    let mut problems = Vec::new();
    let (mut total, mut byte_for_byte, mut identical) = (0, 0, 0);
    let mut by_reason: BTreeMap<String, usize> = BTreeMap::new();
    for &(suite, count) in SUITES {
        let examples = examples(suite);
        assert_eq!(examples.len(), count, "examples in {suite}.txt");
        for (i, markdown) in examples.iter().enumerate() {
            total += 1;
            let key = (suite.to_string(), i + 1);
            let name = format!("{suite} {}", i + 1);
            let reasons = intended.get(&key);
            // As a portal builds by default: raw HTML escaped.
            match (differs(markdown, false), reasons) {
                (None, None) => {
                    identical += 1;
                    if ours(markdown, false) == plain(markdown) {
                        byte_for_byte += 1;
                    }
                }
                (None, Some(_)) => problems.push(format!("{name}: listed, but identical now\n")),
                (Some(diff), None) => {
                    problems.push(format!("{name}: differs\n--- markdown\n{markdown}{diff}"))
                }
                (Some(_), Some(reasons)) => *by_reason.entry(reasons.join(" + ")).or_default() += 1,
            }
            // With raw HTML let through, only the other reasons may remain.
            let Some(reasons) = reasons else {
                continue;
            };
            let others = reasons.iter().any(|r| r != "raw-html");
            match differs(markdown, true) {
                Some(diff) if !others => problems.push(format!(
                    "{name}: differs with `raw_html: true` too\n--- markdown\n{markdown}{diff}"
                )),
                None if others => problems.push(format!(
                    "{name}: identical with `raw_html: true`: is `raw-html` its only reason?\n"
                )),
                _ => {}
            }
        }
    }
    let listed: usize = by_reason.values().sum();
    eprintln!(
        "{total} examples: {identical} identical ({byte_for_byte} byte for byte), {listed} intended differences"
    );
    for (reason, n) in &by_reason {
        eprintln!("{n:5}  {reason}");
    }
    assert!(
        problems.is_empty(),
        "{} examples are not as intended.txt says:\n\n{}",
        problems.len(),
        problems.join("\n")
    );
}
