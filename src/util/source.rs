//! Source files as loaded from disk, and the mapping from byte offsets to `line:col`.
//!
//! Offsets are kept as plain byte positions while the build runs; they are turned into
//! lines and columns only when a diagnostic needs one, so the common, error-free build
//! never pays for line tables.

use std::sync::OnceLock;

use sha2::Digest as _;

use crate::util::diag::Location;

/// A SHA-256 digest.
pub(crate) type Sha256 = [u8; 32];

/// Bytes (a digest) as lower-case hex, as `sha256sum` prints them.
pub(crate) fn hex(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() * 2);
    for &byte in bytes {
        out.push(char::from_digit(u32::from(byte >> 4), 16).unwrap_or('0'));
        out.push(char::from_digit(u32::from(byte & 0xf), 16).unwrap_or('0'));
    }
    out
}

/// One text file of the portal, read once at load time.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Path relative to the portal root, `/`-separated.
    pub(crate) rel_path: String,
    /// The whole file, BOM removed.
    pub(crate) text: String,
    /// Whether the file started with a UTF-8 byte order mark.
    pub(crate) bom: bool,
    /// Built at the first diagnostic in the file, so the next ones cost little: a file
    /// with thousands of problems would otherwise be scanned from its start for each.
    /// See: issue 10, item 5.
    lines: OnceLock<LineIndex>,
}

impl SourceFile {
    /// A source file from its root-relative path and text.
    pub fn new(rel_path: impl Into<String>, mut text: String) -> Self {
        let bom = text.starts_with('\u{feff}');
        if bom {
            text.drain(..3);
        }
        SourceFile {
            rel_path: rel_path.into(),
            text,
            bom,
            lines: OnceLock::new(),
        }
    }

    /// A Markdown file: [`SourceFile::new`], with each character of the body that no
    /// page may hold ([`is_forbidden_on_page`]) replaced by U+FFFD, as CommonMark asks
    /// for NUL (pulldown-cmark passes them all through to the HTML). An editor pasting
    /// text from a word processor should not have the build fail for a character
    /// nobody can see, and the page should not break. Columns count characters, so
    /// diagnostics still point at the same place. The front matter is left as it is: a
    /// control character there is an error (E0110). See: issue 10, item 6.
    pub(crate) fn markdown(rel_path: impl Into<String>, text: String) -> Self {
        let mut file = SourceFile::new(rel_path, text);
        if find_forbidden_on_page(&file.text).is_some() {
            let body = split_front_matter(&file.text).map_or(0, |split| split.body_offset);
            if let Some(replaced) = replace_forbidden_on_page(&file.text[body..]) {
                file.text.truncate(body);
                file.text.push_str(&replaced);
            }
        }
        file
    }

    /// The SHA-256 of the file as stored (byte order mark included), as `sha256sum`
    /// and Git's tooling compute it.
    pub(crate) fn sha256(&self) -> Sha256 {
        let mut hasher = sha2::Sha256::new();
        if self.bom {
            hasher.update("\u{feff}".as_bytes());
        }
        hasher.update(self.text.as_bytes());
        hasher.finalize().into()
    }

    /// The `Location` of a byte offset in this file.
    pub(crate) fn location(&self, offset: usize) -> Location {
        let index = self.lines.get_or_init(|| LineIndex::new(&self.text));
        let (line, col) = index.line_col(&self.text, offset);
        Location::new(self.rel_path.clone(), line, col)
    }
}

/// Known `line:col`s of a text: every line start, and a point every [`LineIndex::STEP`]
/// bytes within long lines, so a column is counted over a few kilobytes at most.
#[derive(Debug, Clone)]
struct LineIndex {
    /// (byte offset, line, column), by offset.
    points: Vec<(usize, u32, u32)>,
}

impl LineIndex {
    const STEP: usize = 4096;

    fn new(text: &str) -> LineIndex {
        let mut points = Vec::new();
        let mut start = 0;
        let line_ends = memchr::memchr_iter(b'\n', text.as_bytes()).chain([text.len()]);
        for (line, end) in (1..).zip(line_ends) {
            points.push((start, line, 1));
            let (mut at, mut col) = (start, 1);
            while end - at > Self::STEP {
                let mut next = at + Self::STEP;
                while !text.is_char_boundary(next) {
                    next -= 1;
                }
                col += text[at..next].chars().count() as u32;
                points.push((next, line, col));
                at = next;
            }
            start = end + 1;
        }
        LineIndex { points }
    }

    /// As [`line_col`].
    fn line_col(&self, text: &str, offset: usize) -> (u32, u32) {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let i = self.points.partition_point(|p| p.0 <= offset).max(1) - 1;
        let (at, line, col) = self.points[i];
        (line, col + text[at..offset].chars().count() as u32)
    }
}

/// 1-based line and character column of a byte offset (clamped to the text).
pub(crate) fn line_col(text: &str, offset: usize) -> (u32, u32) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = memchr::memchr_iter(b'\n', before.as_bytes()).count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = text[line_start..offset].chars().count() + 1;
    (line as u32, col as u32)
}

/// Whether a text value may not hold `c`: the C0 controls but tab, line feed and
/// carriage return, DEL, and U+FFFE and U+FFFF. No page can show them, and XML 1.0 (the
/// feeds, the sitemap) forbids all but DEL.
pub(crate) fn is_forbidden_in_text(c: char) -> bool {
    matches!(
        c,
        '\0'..='\x08' | '\x0B' | '\x0C' | '\x0E'..='\x1F' | '\x7F' | '\u{FFFE}' | '\u{FFFF}'
    )
}

/// Whether no page may hold `c`: what [`is_forbidden_in_text`] names, the C1 controls
/// U+0080–U+009F, and the noncharacters (U+FDD0–U+FDEF and the last two code points of
/// every plane). HTML forbids all of them but form feed (the Nu Html Checker's
/// "Forbidden code point"), and XML forbids form feed; none is ever meant: they come
/// with pasted text.
pub(crate) fn is_forbidden_on_page(c: char) -> bool {
    is_forbidden_in_text(c)
        || matches!(c, '\u{80}'..='\u{9F}' | '\u{FDD0}'..='\u{FDEF}')
        || (c as u32) & 0xFFFE == 0xFFFE
}

/// The byte offset of the first character of `text` that [`is_forbidden_on_page`].
///
/// Every page's text passes through here twice (when it is read and when its
/// Markdown is rendered), so it looks at bytes, not characters: only a byte that can
/// begin a forbidden character (a C0 control or DEL; 0xC2, the lead byte of U+0080 to
/// U+00BF; 0xEF, of U+F000 to U+FFFF; 0xF0 to 0xF4, of the other planes) has its
/// character decoded (with `str::find`, decoding every character, this scan was a
/// tenth of the time of a build of 10,000 pages).
pub(crate) fn find_forbidden_on_page(text: &str) -> Option<usize> {
    const fn lead_bytes() -> [bool; 256] {
        let mut table = [false; 256];
        let mut b = 0;
        while b < 256 {
            table[b] = (b < 0x20 && !matches!(b, 0x09 | 0x0A | 0x0D))
                || matches!(b, 0x7F | 0xC2 | 0xEF | 0xF0..=0xF4);
            b += 1;
        }
        table
    }
    static MAY_BEGIN: [bool; 256] = lead_bytes();
    let bytes = text.as_bytes();
    let mut at = 0;
    while let Some(i) = bytes[at..].iter().position(|&b| MAY_BEGIN[usize::from(b)]) {
        let start = at + i;
        // A lead byte is always a character boundary: continuation bytes are 0x80-0xBF.
        if text[start..]
            .chars()
            .next()
            .is_some_and(is_forbidden_on_page)
        {
            return Some(start);
        }
        at = start + 1;
    }
    None
}

/// `text` with each character [`is_forbidden_on_page`] replaced by U+FFFD, one for
/// one, or `None` if it has none.
pub(crate) fn replace_forbidden_on_page(text: &str) -> Option<String> {
    let first = find_forbidden_on_page(text)?;
    let mut out = String::with_capacity(text.len() + 8);
    out.push_str(&text[..first]);
    out.extend(text[first..].chars().map(|c| {
        if is_forbidden_on_page(c) {
            '\u{FFFD}'
        } else {
            c
        }
    }));
    Some(out)
}

/// `text` with each run of whitespace (line breaks included) as one space and none at
/// either end: how names, terms and snippets are compared and shown.
pub(crate) fn collapse_whitespace(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// A file split into its YAML front matter and its Markdown body.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Split<'a> {
    /// The YAML between the `---` lines, starting on the file's second line.
    pub(crate) yaml: &'a str,
    /// The Markdown after the closing `---` line.
    pub(crate) body: &'a str,
    /// Byte offset of `body` within the file.
    pub(crate) body_offset: usize,
}

/// Why a file could not be split into front matter and body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SplitError {
    /// The file does not start with a `---` line.
    Missing,
    /// The opening `---` has no closing `---` line.
    Unclosed,
}

/// Splits `---\n<yaml>\n---\n<body>`; accepts `\r\n` line ends and `...` as the closer.
pub(crate) fn split_front_matter(text: &str) -> Result<Split<'_>, SplitError> {
    let first_end = text.find('\n').ok_or(if text.trim_end() == "---" {
        SplitError::Unclosed
    } else {
        SplitError::Missing
    })?;
    if text[..first_end].trim_end() != "---" {
        return Err(SplitError::Missing);
    }
    let yaml_start = first_end + 1;
    let mut pos = yaml_start;
    while pos < text.len() {
        let end = text[pos..].find('\n').map_or(text.len(), |i| pos + i);
        let line = text[pos..end].trim_end();
        if line == "---" || line == "..." {
            let body_offset = (end + 1).min(text.len());
            return Ok(Split {
                yaml: &text[yaml_start..pos],
                body: &text[body_offset..],
                body_offset,
            });
        }
        pos = end + 1;
    }
    Err(SplitError::Unclosed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_offsets_to_line_and_char_column() {
        let text = "ab\nåäö x\n";
        assert_eq!(line_col(text, 0), (1, 1));
        assert_eq!(line_col(text, 3), (2, 1));
        // `x` is after three two-byte letters and a space.
        assert_eq!(line_col(text, text.find('x').unwrap()), (2, 5));
        assert_eq!(line_col(text, 999), (3, 1));
    }

    #[test]
    fn the_line_index_agrees_with_counting() {
        let long_line = "åx".repeat(5000);
        let text = format!("ab\nåäö x\n\n{long_line}\nslut\r\nö");
        let file = SourceFile::new("a.md", text.clone());
        let mut offsets: Vec<usize> = (0..text.len()).step_by(7).collect();
        offsets.extend([0, 3, 4, text.len(), text.len() + 5, text.len() - 1]);
        for offset in offsets {
            let location = file.location(offset);
            assert_eq!(
                (location.line, location.col),
                line_col(&text, offset),
                "at {offset}"
            );
        }
    }

    #[test]
    fn nul_in_a_markdown_body_becomes_the_replacement_character() {
        let f = SourceFile::markdown("a.md", "---\ntitle: \0\n---\nA\0B\0\n".to_string());
        assert_eq!(f.text, "---\ntitle: \0\n---\nA\u{FFFD}B\u{FFFD}\n");
        let offset = f.text.rfind('\u{FFFD}').unwrap();
        assert_eq!(f.location(offset).col, 4);
        let plain = SourceFile::new("a.yaml", "a: \0\n".to_string());
        assert_eq!(plain.text, "a: \0\n");
    }

    #[test]
    fn characters_no_page_may_hold_become_the_replacement_character() {
        // Pasted from a word processor: controls, DEL, C1 controls and noncharacters.
        let body =
            "Text \u{1} med \u{1B} styr\u{7F}tecken \u{85}\u{9F} \u{FDD0}\u{FFFE}\u{10FFFF} slut";
        let f = SourceFile::markdown("a.md", format!("---\ntitle: \u{1}\n---\n{body}\t\r\n\u{C}"));
        assert_eq!(
            f.text,
            "---\ntitle: \u{1}\n---\nText \u{FFFD} med \u{FFFD} styr\u{FFFD}tecken \u{FFFD}\u{FFFD} \u{FFFD}\u{FFFD}\u{FFFD} slut\t\r\n\u{FFFD}"
        );
        // One character for one: `slut` is still in the column it was written in.
        let written = body[..body.find("slut").unwrap()].chars().count() as u32 + 1;
        assert_eq!(f.location(f.text.find("slut").unwrap()).col, written);
        for kept in [
            '\t',
            '\n',
            '\r',
            ' ',
            'å',
            '\u{A0}',
            '\u{FFFD}',
            '\u{FFFD}',
            '\u{1F600}',
        ] {
            assert!(!is_forbidden_on_page(kept), "{kept:?}");
        }
    }

    #[test]
    fn the_byte_scan_finds_what_the_character_test_names_for_every_code_point() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let text = format!("å§ {c}ö");
            let expected = text.find(is_forbidden_on_page);
            assert_eq!(
                find_forbidden_on_page(&text),
                expected,
                "U+{:04X}",
                c as u32
            );
            assert_eq!(find_forbidden_on_page(&text[..text.len() - 2]), expected);
        }
    }

    #[test]
    fn splits_front_matter() {
        let s = split_front_matter("---\ntitle: A\n---\n# Body\n").unwrap();
        assert_eq!(s.yaml, "title: A\n");
        assert_eq!(s.body, "# Body\n");
        assert_eq!(s.body_offset, 17);
    }

    #[test]
    fn splits_crlf_and_empty_body() {
        let s = split_front_matter("---\r\ntitle: A\r\n---").unwrap();
        assert_eq!(s.yaml, "title: A\r\n");
        assert_eq!(s.body, "");
    }

    #[test]
    fn reports_missing_and_unclosed() {
        assert_eq!(
            split_front_matter("# no front matter").unwrap_err(),
            SplitError::Missing
        );
        assert_eq!(
            split_front_matter("---\ntitle: A\n").unwrap_err(),
            SplitError::Unclosed
        );
    }

    #[test]
    fn collapses_whitespace() {
        assert_eq!(collapse_whitespace("  a \n\t b  c\n"), "a b c");
        assert_eq!(collapse_whitespace(" \n "), "");
    }

    #[test]
    fn strips_bom() {
        let f = SourceFile::new("a.md", "\u{feff}---\n".to_string());
        assert_eq!(f.text, "---\n");
    }
}
