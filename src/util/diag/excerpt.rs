//! The source in view: the line a diagnostic points at, shown under its message with the
//! column marked, the way rustc does. In the terminal the layout (gutter, caret, long
//! lines cut around the column, wide characters and tabs) is `annotate-snippets`'s, the
//! formatter rustc and cargo use; on `serve`'s error page the same line is HTML.
//!
//! **Where the text comes from.** The line is read again from disk, relative to the
//! portal folder, when the report is printed; the report does not carry sources. The
//! build drops each source as soon as it has rendered it, so carrying them would mean
//! keeping every file that might get a diagnostic (the whole portal, tens of megabytes
//! at 10,000 pages) to the end for a few lines. Reading again touches only the files
//! that have a diagnostic with a line, each once, stopping after the last line needed,
//! and keeps only those lines: memory stays flat however long or many the files are. A
//! file that is not UTF-8 (binary, Latin-1) gets no excerpt: its diagnostic already says
//! so. The price: a file saved again between the build and the printing shows its new
//! text; `serve` builds again after every save, so that page is soon replaced.
//!
//! Columns count characters, as [`super::Location`] does, after the same changes the
//! loader makes: the byte order mark is gone from line 1, a line ends before its `\r\n`.

use std::collections::{BTreeMap, HashMap};
use std::io::{BufRead as _, BufReader};
use std::ops::Range;
use std::path::{Component, Path, PathBuf};

use annotate_snippets::renderer::{AnsiColor, Style};
use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

use super::{Diagnostic, Severity};
use crate::util::html::escape_text;
use crate::util::i18n::Lang;

/// The characters shown before the column of a long line (and after, twice as many);
/// `annotate-snippets` cuts further to the terminal's width.
const CONTEXT_CHARS: usize = 100;

/// The most of one line read from disk; the rest of a longer line is left unread.
const MAX_LINE_BYTES: usize = 1 << 20;

/// The line a diagnostic points at, ready to show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Excerpt {
    /// 1-based line number in the file.
    pub(crate) line: u32,
    /// The line without its line break, or the part of a long line around the column
    /// with `…` where it was cut; control and bidirectional-override characters are
    /// replaced by visible ones, one for one, so columns still count.
    pub(crate) text: String,
    /// 1-based character column in `text`; 0 marks the whole line.
    pub(crate) col: u32,
}

impl Excerpt {
    /// The excerpt of `line`, its text as read, marking character column `col`.
    #[cfg(test)]
    fn new(line: u32, text: &str, col: u32) -> Excerpt {
        Excerpt::cut(line, text, &CharIndex::new(text), col)
    }

    /// [`Excerpt::new`] with the line's [`CharIndex`], built once for all the
    /// diagnostics on the line: the work is the window shown, not the line's length.
    fn cut(line: u32, text: &str, chars: &CharIndex, col: u32) -> Excerpt {
        let count = chars.count;
        let at = (col as usize).saturating_sub(1);
        let (start, end) = if count <= 3 * CONTEXT_CHARS {
            (0, count)
        } else if col == 0 {
            (0, 3 * CONTEXT_CHARS)
        } else {
            let start = at.min(count).saturating_sub(CONTEXT_CHARS);
            (start, (start + 3 * CONTEXT_CHARS).min(count))
        };
        let mut shown = String::new();
        if start > 0 {
            shown.push('…');
        }
        let window = &text[chars.byte(text, start)..chars.byte(text, end)];
        shown.extend(window.chars().map(visible));
        if end < count {
            shown.push('…');
        }
        let col = match col {
            0 => 0,
            _ => (at - start.min(at) + 1 + usize::from(start > 0)) as u32,
        };
        Excerpt {
            line,
            text: shown,
            col,
        }
    }

    /// The bytes of `text` to mark: the character at the column, an empty range just
    /// after the last one for a column past the end, or the line without its
    /// surrounding blanks when no column is known.
    fn span(&self) -> Range<usize> {
        if self.col == 0 {
            let start = self.text.len() - self.text.trim_start().len();
            let end = self.text.trim_end().len().max(start);
            return start..end;
        }
        match self.text.char_indices().nth(self.col as usize - 1) {
            Some((i, c)) => i..i + c.len_utf8(),
            None => self.text.len()..self.text.len(),
        }
    }
}

/// Where every [`CharIndex::STEP`]th character of a line starts, so the byte offset of a
/// column is found by counting at most that many characters. Without it, each of many
/// diagnostics on one long line (a minified file, a paragraph of broken links) would
/// count from the line's start, and the time would grow with their product.
struct CharIndex {
    /// Byte offsets of characters 0, STEP, 2·STEP, …
    offsets: Vec<usize>,
    /// Characters in the line.
    count: usize,
}

impl CharIndex {
    const STEP: usize = 256;

    fn new(text: &str) -> CharIndex {
        let mut offsets = Vec::new();
        let mut count = 0;
        for (i, (at, _)) in text.char_indices().enumerate() {
            if i % Self::STEP == 0 {
                offsets.push(at);
            }
            count = i + 1;
        }
        CharIndex { offsets, count }
    }

    /// The byte offset of character `n` (the text's length from the end on).
    fn byte(&self, text: &str, n: usize) -> usize {
        if n >= self.count {
            return text.len();
        }
        let base = self.offsets[n / Self::STEP];
        text[base..]
            .char_indices()
            .nth(n % Self::STEP)
            .map_or(text.len(), |(i, _)| base + i)
    }
}

/// A character as shown: controls (but tab) as their Unicode pictures (`␛`), DEL as
/// `␡`, C1 controls and the bidirectional overrides, which could reorder or hide what is
/// shown, as U+FFFD. One character for one, so columns keep counting right.
fn visible(c: char) -> char {
    match c {
        '\t' => c,
        '\0'..='\x1f' => char::from_u32(0x2400 + c as u32).unwrap_or('\u{FFFD}'),
        '\x7f' => '\u{2421}',
        '\u{80}'..='\u{9f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => '\u{FFFD}',
        c => c,
    }
}

/// For each diagnostic, in order, the line it points at, read from the files under
/// `root`; `None` for a diagnostic without a line, or whose file cannot be read as
/// UTF-8 text or is shorter now.
pub fn read_excerpts(root: &Path, diagnostics: &[Diagnostic]) -> Vec<Option<Excerpt>> {
    let mut wanted: BTreeMap<&str, Vec<u32>> = BTreeMap::new();
    for location in diagnostics.iter().filter_map(|d| d.location.as_ref()) {
        if location.line > 0 {
            wanted
                .entry(&location.path)
                .or_default()
                .push(location.line);
        }
    }
    let mut lines: HashMap<(&str, u32), (String, CharIndex)> = HashMap::new();
    for (path, mut numbers) in wanted {
        numbers.sort_unstable();
        numbers.dedup();
        let Some(file) = inside(root, path) else {
            continue;
        };
        for (number, text) in read_lines(&file, &numbers) {
            let chars = CharIndex::new(&text);
            lines.insert((path, number), (text, chars));
        }
    }
    diagnostics
        .iter()
        .map(|d| {
            let l = d.location.as_ref()?;
            let (text, chars) = lines.get(&(l.path.as_str(), l.line))?;
            Some(Excerpt::cut(l.line, text, chars, l.col))
        })
        .collect()
}

/// `root/rel` for a relative path that stays inside `root` (every diagnostic's path
/// does; this makes sure).
fn inside(root: &Path, rel: &str) -> Option<PathBuf> {
    let path = Path::new(rel);
    let plain = !rel.is_empty() && path.components().all(|c| matches!(c, Component::Normal(_)));
    plain.then(|| root.join(path))
}

/// The lines `numbers` (sorted) of a regular file, as UTF-8 without line breaks.
/// Reads up to the last of them and keeps nothing else; at most [`MAX_LINE_BYTES`] of
/// each line.
fn read_lines(path: &Path, numbers: &[u32]) -> Vec<(u32, String)> {
    // Only a regular file: opening a FIFO or a device would block or never end.
    if !std::fs::metadata(path).is_ok_and(|m| m.is_file()) {
        return Vec::new();
    }
    let Ok(file) = std::fs::File::open(path) else {
        return Vec::new();
    };
    let mut reader = BufReader::new(file);
    let mut found = Vec::new();
    let mut wanted = numbers.iter().copied().peekable();
    let mut line = 1u32;
    let mut current = Vec::new();
    while let Some(&target) = wanted.peek() {
        let Ok(chunk) = reader.fill_buf() else {
            break;
        };
        if chunk.is_empty() {
            // The last line, without a line break (empty after a final one).
            if line == target {
                found.extend(decode(line, &current).map(|t| (line, t)));
            }
            break;
        }
        let (used, ended) = match memchr::memchr(b'\n', chunk) {
            Some(i) => (i + 1, true),
            None => (chunk.len(), false),
        };
        if line == target && current.len() < MAX_LINE_BYTES {
            let take = (used - usize::from(ended)).min(MAX_LINE_BYTES - current.len());
            current.extend_from_slice(&chunk[..take]);
        }
        reader.consume(used);
        if ended {
            if line == target {
                found.extend(decode(line, &current).map(|t| (line, t)));
                current.clear();
                wanted.next();
            }
            line += 1;
        }
    }
    found
}

/// A line's bytes as the loader reads them: without the byte order mark (line 1) and
/// the `\r` of a `\r\n`. A line cut at [`MAX_LINE_BYTES`] loses the partial character
/// at its end; any other invalid UTF-8 gives `None`.
fn decode(line: u32, bytes: &[u8]) -> Option<String> {
    let mut bytes = bytes;
    if line == 1 {
        bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    }
    bytes = bytes.strip_suffix(b"\r").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => Some(text.to_string()),
        Err(e) if bytes.len() >= MAX_LINE_BYTES - 3 && e.error_len().is_none() => {
            std::str::from_utf8(&bytes[..e.valid_up_to()])
                .ok()
                .map(str::to_string)
        }
        Err(_) => None,
    }
}

/// One diagnostic for people: `path:line:col: error[CODE]: message`, then the line it
/// points at with the column marked, then its notes and hint as `  = note: …` lines.
/// Without an excerpt and colour this is exactly the diagnostic's `Display`.
pub fn render(d: &Diagnostic, excerpt: Option<&Excerpt>, color: bool, lang: Lang) -> String {
    let paint = |style: Style, text: &str| {
        if color {
            format!("{style}{text}{style:#}")
        } else {
            text.to_string()
        }
    };
    let bold = Style::new().bold();
    let level = match d.severity {
        Severity::Error => bold.fg_color(Some(AnsiColor::BrightRed.into())),
        Severity::Warning => bold.fg_color(Some(AnsiColor::BrightYellow.into())),
    };
    let mut out = String::new();
    if let Some(location) = &d.location {
        out.push_str(&format!("{location}: "));
    }
    out.push_str(&paint(
        level,
        &format!("{}[{}]", d.severity.word(lang), d.code),
    ));
    out.push_str(&paint(bold, &format!(": {}", d.message.get(lang))));
    if let Some(excerpt) = excerpt {
        out.push('\n');
        out.push_str(&snippet(d.severity, excerpt, color));
    }
    let equals = paint(bold.fg_color(Some(AnsiColor::BrightBlue.into())), "=");
    let (note, hint) = Severity::labels(lang);
    let labelled = d
        .notes
        .iter()
        .map(|n| (&note, n))
        .chain(d.hint.iter().map(|h| (&hint, h)));
    for (label, text) in labelled {
        let text = text.get(lang);
        out.push_str(&format!("\n  {equals} {}: {text}", paint(bold, label)));
    }
    out
}

/// The excerpt as `annotate-snippets` lays it out: gutter, line, caret.
fn snippet(severity: Severity, excerpt: &Excerpt, color: bool) -> String {
    let level = match severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
    };
    let report = [Group::with_level(level).element(
        Snippet::source(excerpt.text.as_str())
            .line_start(excerpt.line as usize)
            .annotation(AnnotationKind::Primary.span(excerpt.span())),
    )];
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    renderer.render(&report)
}

/// The excerpt as HTML, for `serve`'s error page: the line number (hidden from screen
/// readers, which get it from the place above), then the line with the marked
/// character (or the whole line) in a `<mark>`.
pub(crate) fn to_html(out: &mut String, excerpt: &Excerpt) {
    let span = excerpt.span();
    let text = &excerpt.text;
    out.push_str("<pre class=\"build-error-source\"><code><span class=\"build-error-line\" aria-hidden=\"true\">");
    out.push_str(&excerpt.line.to_string());
    out.push_str("</span> ");
    escape_text(out, &text[..span.start]);
    out.push_str("<mark>");
    if span.is_empty() {
        // The column is just past the line's end: mark the place.
        out.push(' ');
    } else {
        escape_text(out, &text[span.clone()]);
    }
    out.push_str("</mark>");
    escape_text(out, &text[span.end..]);
    out.push_str("</code></pre>\n");
}

#[cfg(test)]
mod tests {
    use super::super::Location;
    use super::*;

    fn portal(files: &[(&str, &[u8])]) -> PathBuf {
        use std::sync::atomic::{AtomicUsize, Ordering};
        static N: AtomicUsize = AtomicUsize::new(0);
        let root = std::env::temp_dir().join(format!(
            "infoportal-excerpt-{}-{}",
            std::process::id(),
            N.fetch_add(1, Ordering::SeqCst)
        ));
        for (path, bytes) in files {
            let path = root.join(path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, bytes).unwrap();
        }
        root
    }

    fn at(path: &str, line: u32, col: u32) -> Diagnostic {
        Diagnostic::error("E0301", "broken link").at(Location::new(path, line, col))
    }

    #[test]
    fn without_excerpt_and_colour_it_is_the_display() {
        let d = at("content/a.md", 4, 7)
            .note("resolved to `content/x.md`")
            .hint("check the file name");
        assert_eq!(render(&d, None, false, Lang::En), d.to_string());
        let w = Diagnostic::warning("W0101", "heading");
        assert_eq!(render(&w, None, false, Lang::En), w.to_string());
    }

    #[test]
    fn shows_the_line_with_a_caret_under_the_column() {
        let root = portal(&[(
            "content/a.md",
            "---\ntitle: A\n---\nSe [x](saknas.md) här.\n".as_bytes(),
        )]);
        let d = at("content/a.md", 4, 4).hint("check the file name");
        let excerpts = read_excerpts(&root, std::slice::from_ref(&d));
        assert_eq!(
            render(&d, excerpts[0].as_ref(), false, Lang::En),
            "content/a.md:4:4: error[E0301]: broken link\n  |\n4 | Se [x](saknas.md) här.\n  |    ^\n  = hint: check the file name"
        );
        std::fs::remove_dir_all(root).unwrap();
    }

    #[test]
    fn columns_count_characters_after_bom_and_before_crlf() {
        let root = portal(&[("a.md", "\u{feff}åäö [x](y)\r\nöö\tz\r\n".as_bytes())]);
        let ds = [
            at("a.md", 1, 5),
            at("a.md", 2, 4),
            at("a.md", 3, 1),
            at("a.md", 9, 1),
        ];
        let excerpts = read_excerpts(&root, &ds);
        let first = excerpts[0].as_ref().unwrap();
        assert_eq!(first.text, "åäö [x](y)");
        assert_eq!(&first.text[first.span()], "[");
        let second = excerpts[1].as_ref().unwrap();
        assert_eq!(&second.text[second.span()], "z");
        // The empty line after the last line break exists, as for the loader; line 9 not.
        assert_eq!(excerpts[2].as_ref().unwrap().text, "");
        assert_eq!(excerpts[3], None);
        std::fs::remove_dir_all(root).unwrap();
    }

    #[test]
    fn files_that_are_not_text_or_not_inside_get_none() {
        let root = portal(&[("bin.md", b"ab\xff\xfe\n"), ("ok.md", b"ok\n")]);
        let ds = [
            at("bin.md", 1, 1),
            at("../ok.md", 1, 1),
            at("/etc/passwd", 1, 1),
            at("missing.md", 1, 1),
            at("ok.md", 0, 0),
            at("ok.md", 1, 0),
        ];
        let excerpts = read_excerpts(&root, &ds);
        assert_eq!(excerpts[..5], [None, None, None, None, None]);
        let whole = excerpts[5].as_ref().unwrap();
        assert_eq!(whole.span(), 0..2);
        std::fs::remove_dir_all(root).unwrap();
    }

    #[test]
    fn long_lines_are_cut_around_the_column() {
        let line = format!("{}[x]{}", "å".repeat(1000), "b".repeat(1000));
        let e = Excerpt::new(7, &line, 1001);
        assert!(
            e.text.starts_with('…') && e.text.ends_with('…'),
            "{}",
            e.text
        );
        assert_eq!(&e.text[e.span()], "[");
        assert_eq!(e.text.chars().count(), 3 * CONTEXT_CHARS + 2);
        // Past the end of a short line: an empty mark after the last character.
        let end = Excerpt::new(1, "abc", 4);
        assert_eq!(end.span(), 3..3);
        let beyond = Excerpt::new(1, "abc", 99);
        assert_eq!(beyond.span(), 3..3);
    }

    #[test]
    fn the_char_index_finds_every_column() {
        let text = format!("{}x{}", "åb".repeat(300), "ö".repeat(300));
        let chars = CharIndex::new(&text);
        assert_eq!(chars.count, text.chars().count());
        for n in [0, 1, 255, 256, 257, 600, 899, 900, 5000] {
            let expected = text.char_indices().nth(n).map_or(text.len(), |(i, _)| i);
            assert_eq!(chars.byte(&text, n), expected, "{n}");
        }
    }

    /// Many diagnostics on one long line cost their windows, not the line each time.
    #[test]
    fn many_diagnostics_on_one_long_line_stay_linear() {
        let line = "[x](saknas.md) ".repeat(40_000);
        let root = portal(&[("a.md", format!("{line}\n").as_bytes())]);
        let ds: Vec<Diagnostic> = (0..40_000u32).map(|i| at("a.md", 1, i * 15 + 1)).collect();
        let start = std::time::Instant::now();
        let excerpts = read_excerpts(&root, &ds);
        let last = excerpts[39_999].as_ref().unwrap();
        assert_eq!(&last.text[last.span()], "[");
        // Counting from the line's start for each would take minutes here.
        assert!(start.elapsed().as_secs() < 20, "{:?}", start.elapsed());
        std::fs::remove_dir_all(root).unwrap();
    }

    #[test]
    fn control_characters_become_visible_one_for_one() {
        let e = Excerpt::new(1, "a\x1b[31mb\u{202e}c\u{9b}d", 9);
        assert_eq!(e.text, "a\u{241b}[31mb\u{FFFD}c\u{FFFD}d");
        assert_eq!(&e.text[e.span()], "c");
    }

    #[test]
    fn html_marks_the_column_and_escapes() {
        let mut html = String::new();
        to_html(&mut html, &Excerpt::new(3, "<a> & b", 5));
        assert_eq!(
            html,
            "<pre class=\"build-error-source\"><code><span class=\"build-error-line\" aria-hidden=\"true\">3</span> &lt;a&gt; <mark>&amp;</mark> b</code></pre>\n"
        );
    }

    #[test]
    fn colour_is_only_added_when_asked() {
        let d = at("a.md", 1, 1).hint("h");
        let e = Excerpt::new(1, "x", 1);
        assert!(!render(&d, Some(&e), false, Lang::En).contains('\x1b'));
        let coloured = render(&d, Some(&e), true, Lang::En);
        assert!(coloured.contains("\x1b["), "{coloured:?}");
    }
}
