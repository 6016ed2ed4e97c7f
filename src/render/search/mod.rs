//! Site search that works offline in the browser: an inverted index written as small
//! static JSON files, read by `search.js` (in the theme) only for the words searched.
//!
//! Why not Pagefind: its Rust API indexes pages one at a time behind a lock and took
//! about 5 s for 10,000 pages here, several times this whole build; so the index is
//! built here, on the worker threads, from the text of each page (`page.rs`).
//!
//! A result is a page worth finding, or a numbered section of an agreement document
//! (`…/driftsavtal/#punkt-5.3`), found by its number, its heading and its text.
//!
//! Layout, under `/sok/index/`:
//! - `meta.json`: `{"version":3,"pages":N,"chunk":C,"text_chunk":T,"shards":["ab",…]}`
//!   (`pages` counts results, sections included)
//! - `language.json`: how text becomes words, for the script (see `language.rs`)
//! - `t-<shard>.json`: `{"w":{"<word>":[stem,result,score,result,score,…],…},
//!   "c":{"<stem>":{"w":["<compound>",…],"p":[result,score,…]},…}}` (see
//!   `vocabulary.rs`): the words whose folded spelling (`störning` → `storning`) starts
//!   with the shard's name, each with how many of its characters are its stem, and the
//!   compounds that end with a word of the stem ("driftsavtal" under "avtal")
//! - `p-<k>.json`: `[[url,title,excerpt,context],…]` for results `k*C … k*C+C-1`;
//!   `context` is a line shown under the title: a section's document, a notice's kind,
//!   environments and components
//! - `x-<k>.json`: `["text",…]` for results `k*T … k*T+T-1`: the text (at most
//!   [`MAX_TEXT_CHARS`]) that the result's snippet is cut from, around the words found;
//!   when they are further in, the script reads the snippet from the result's own page
//!
//! Words are indexed lower-cased as they stand (`language.rs` says how text is split),
//! and stemmed, folded and split into compounds only once per distinct word, when the
//! files are written: the script looks a searched word up to learn its stem, so the
//! stemmer (Snowball, `rust-stemmers`) exists in this one place.

mod language;
pub(crate) mod page;
mod vocabulary;

use std::collections::HashMap;
use std::fmt::Write as _;
use std::sync::Mutex;

use anyhow::Result;
use rayon::prelude::*;

use crate::model::paths::{SEARCH_INDEX_PATH, file_for};
use crate::render::sink::Sink;
use crate::util::packed::Packed;
use language::{each_term, lowercase};

/// Results per metadata file.
const CHUNK: usize = 200;
/// Results per text file: a search fetches the texts of the results it shows, so these
/// files are small.
const TEXT_CHUNK: usize = 8;
/// The most characters of a result's text kept for its snippet: enough for a section
/// or a notice whole, and for the start of a long page, without storing every page's
/// text a second time. A result whose words are further in gets its snippet from its
/// own page, which `search.js` fetches for the results it shows (the page is published
/// anyway, so that costs the build and the index nothing).
pub(crate) const MAX_TEXT_CHARS: usize = 1000;

/// A fast hash for the index's own maps (FxHash): keys are words of the portal, so
/// resistance to crafted collisions is not needed, and SipHash showed in profiles.
#[derive(Default, Clone, Copy)]
pub(crate) struct FxHasher(u64);

impl std::hash::Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x51_7c_c1_b7_27_22_0a_95;
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let word = u64::from_le_bytes(chunk.try_into().unwrap_or_default());
            self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(K);
        }
        for &b in chunks.remainder() {
            self.0 = (self.0.rotate_left(5) ^ u64::from(b)).wrapping_mul(K);
        }
    }

    fn write_u8(&mut self, i: u8) {
        self.write(&[i]);
    }

    fn finish(&self) -> u64 {
        // The multiplications mix each input bit into the bits above it only, so the
        // low bits depend on little of the word; the map picks its bucket by the low
        // bits, and 800,000 words of one page landed in a few buckets (minutes of
        // comparisons). Rotating brings the well-mixed high bits down.
        // See: issue 10, item 5.
        self.0.rotate_left(26)
    }
}

type FxMap<K, V> = HashMap<K, V, std::hash::BuildHasherDefault<FxHasher>>;

/// What is shown for a result: its href, its title, a line of its text shown when
/// none of the words found is in the text snippets are cut from (when empty, the start
/// of that text is shown), and a line shown under the title (a section's document; a
/// notice's facts).
///
/// Held for every result until the index is written, so packed in one allocation.
#[derive(Debug, Clone, Default)]
pub(crate) struct PageMeta(Packed<4>);

impl PageMeta {
    pub(crate) fn new(url: &str, title: &str, excerpt: &str, context: &str) -> PageMeta {
        PageMeta(Packed::new([url, title, excerpt, context]))
    }

    /// The row of `p-<n>.json`: href, title, excerpt, context.
    fn row(&self) -> [&str; 4] {
        [0, 1, 2, 3].map(|i| self.0.get(i))
    }
}

/// How much an occurrence of a word counts, by where it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Weight {
    /// A section's number: a query with the number leads to the section first.
    SectionNumber,
    /// The title, or a section's heading.
    Title,
    /// Front matter that says what the page is about: a notice's kind, environments and
    /// components; a document's id and other names.
    Fact,
    /// The text, and descriptions.
    Text,
    /// Words that may complete a query but do not find the result alone: the title of
    /// the document a section is in.
    Context,
}

impl Weight {
    /// The score of one occurrence; a word's scores on a result are summed, up to 255.
    fn score(self) -> u32 {
        match self {
            Weight::SectionNumber => 100,
            Weight::Title => 10,
            Weight::Fact => 5,
            Weight::Text => 1,
            Weight::Context => 0,
        }
    }
}

/// Postings of one worker thread or of the whole site: for each word, the results it
/// is in, each packed as `result << 8 | score` (scores saturate at 255; ids up to 16
/// million), so a posting is four bytes.
#[derive(Debug, Default)]
pub(crate) struct Postings {
    terms: FxMap<Box<str>, Vec<u32>>,
}

/// The largest page id a posting can hold.
const MAX_PAGE: u32 = (1 << 24) - 1;

impl Postings {
    /// Adds a result: every word of each part, scored by the part's weight.
    ///
    /// Words are counted in a small map of the result first, which stays in the
    /// processor's cache, so the large map of the whole site is consulted once per
    /// distinct word instead of once per occurrence.
    pub(crate) fn add(&mut self, page: u32, parts: &[(&str, Weight)]) {
        if page > MAX_PAGE {
            return;
        }
        let lower: Vec<(String, u32)> = parts
            .iter()
            .map(|&(text, weight)| (lowercase(text), weight.score()))
            .collect();
        let mut counts: FxMap<&str, u32> = FxMap::default();
        counts.reserve(512);
        for (text, score) in &lower {
            each_term(text, |t| {
                let count = counts.entry(t).or_default();
                *count = count.saturating_add(*score);
            });
        }
        for (term, count) in counts {
            let posting = page << 8 | count.min(255);
            match self.terms.get_mut(term) {
                Some(list) => list.push(posting),
                None => {
                    self.terms.insert(term.into(), vec![posting]);
                }
            }
        }
    }

    /// Merges another set of postings into this one.
    pub(crate) fn merge(mut self, other: Postings) -> Postings {
        let (mut big, small) = if self.terms.len() >= other.terms.len() {
            (std::mem::take(&mut self.terms), other.terms)
        } else {
            (other.terms, std::mem::take(&mut self.terms))
        };
        for (term, list) in small {
            big.entry(term).or_default().extend(list);
        }
        Postings { terms: big }
    }
}

/// The text inside a page's `<main>`, tags removed and entities decoded.
pub(crate) fn main_text(html: &[u8]) -> String {
    let start = memchr::memmem::find(html, b"<main").unwrap_or(0);
    let end = memchr::memmem::rfind(html, b"</main>").unwrap_or(html.len());
    text_of(&html[start..end.max(start)])
}

/// The text of an HTML fragment, tags removed and entities decoded.
pub(crate) fn text_of(part: &[u8]) -> String {
    let mut text = String::with_capacity(part.len() / 2);
    let mut rest = part;
    while let Some(lt) = memchr::memchr(b'<', rest) {
        push_decoded(&mut text, &rest[..lt]);
        let tag_end = memchr::memchr(b'>', &rest[lt..]).map_or(rest.len(), |i| lt + i + 1);
        let tag = &rest[lt..tag_end];
        if is_unsearched(tag) {
            rest = &rest[element_end(rest, tag, tag_end)..];
            continue;
        }
        if !is_inline_tag(tag) {
            text.push(' ');
        }
        rest = &rest[tag_end..];
    }
    push_decoded(&mut text, rest);
    text
}

/// Elements whose text is not the page's own: hidden ones (term definitions that repeat
/// the defining page; the statements a page will make after a boundary, which the
/// browser shows when their time comes) and the "Uppdaterad …" stamps, which say when
/// the page was built and would make every build's index differ.
fn is_unsearched(tag: &[u8]) -> bool {
    if tag.starts_with(b"</") || tag.ends_with(b"/>") {
        return false;
    }
    let has = |needle: &[u8]| memchr::memmem::find(tag, needle).is_some();
    has(b" hidden>") || has(b" hidden ") || has(b" hidden=") || has(b"class=\"as-of\"")
}

/// The offset in `rest` just after the element that `tag` (ending at `tag_end`) opens:
/// nested elements of the same name are counted, so a hidden `<div>` with `<div>`s
/// inside is skipped whole. Unclosed elements run to the end.
fn element_end(rest: &[u8], tag: &[u8], tag_end: usize) -> usize {
    let name_len = tag[1..]
        .iter()
        .position(|b| !b.is_ascii_alphanumeric())
        .unwrap_or(tag.len() - 1);
    let name = &tag[1..1 + name_len];
    let mut depth = 1usize;
    let mut at = tag_end;
    while let Some(i) = memchr::memchr(b'<', &rest[at..]) {
        let open = at + i;
        let closing = rest.get(open + 1) == Some(&b'/');
        let name_at = open + 1 + usize::from(closing);
        let same = rest.get(name_at..name_at + name.len()) == Some(name)
            && rest
                .get(name_at + name.len())
                .is_some_and(|b| !b.is_ascii_alphanumeric());
        let end = memchr::memchr(b'>', &rest[open..]).map_or(rest.len(), |j| open + j + 1);
        if same && closing {
            depth -= 1;
            if depth == 0 {
                return end;
            }
        } else if same && !rest[open..end].ends_with(b"/>") {
            depth += 1;
        }
        at = end;
    }
    rest.len()
}

/// Inline elements do not separate words: `<a>Avtalet</a>,` is "Avtalet,".
fn is_inline_tag(tag: &[u8]) -> bool {
    let name = tag.get(1..).unwrap_or_default();
    let start = name.iter().position(|&b| b != b'/').unwrap_or(name.len());
    let name = &name[start..];
    let end = name
        .iter()
        .position(|b| !b.is_ascii_alphanumeric())
        .unwrap_or(name.len());
    matches!(
        &name[..end],
        b"a" | b"span"
            | b"strong"
            | b"em"
            | b"b"
            | b"i"
            | b"code"
            | b"time"
            | b"abbr"
            | b"sup"
            | b"sub"
            | b"del"
            | b"ins"
            | b"mark"
            | b"small"
            | b"q"
            | b"cite"
            | b"s"
    )
}

fn push_decoded(out: &mut String, bytes: &[u8]) {
    if let Ok(s) = std::str::from_utf8(bytes) {
        out.push_str(&crate::util::html::unescape_html(s));
    }
}

/// A line for the results: the description, else the start of the text after the title.
pub(crate) fn excerpt(description: &str, text: &str, title: &str) -> String {
    let source: String = if description.is_empty() {
        // Only the start of the text is needed.
        let mut words = text.split_whitespace().take(80).peekable();
        let mut title_words = title.split_whitespace();
        let mut skipped = Vec::new();
        // Skip the title (the page's h1) when the text starts with it.
        loop {
            match (words.peek(), title_words.next()) {
                (Some(w), Some(t)) if *w == t => skipped.push(words.next()),
                (_, None) => break,
                _ => {
                    skipped.clear();
                    break;
                }
            }
        }
        let rest: Vec<&str> = if skipped.is_empty() {
            text.split_whitespace().take(80).collect()
        } else {
            words.collect()
        };
        rest.join(" ")
    } else {
        description.to_string()
    };
    let source = crate::util::source::collapse_whitespace(&source);
    let mut out: String = source.chars().take(180).collect();
    if out.len() < source.len() {
        if let Some(space) = out.rfind(' ') {
            out.truncate(space);
        }
        out.push('…');
    }
    out
}

/// The texts snippets are cut from ([`snippet_text`]), written [`TEXT_CHUNK`] to a
/// file as soon as a file's results are all in. Pages arrive in about their order on
/// every worker thread, so few files wait at a time and the texts of a large portal are
/// not held until the end of the build.
pub(crate) struct Texts<'s> {
    sink: &'s dyn Sink,
    /// Files not complete yet, by number.
    pending: Mutex<FxMap<u32, Vec<Option<String>>>>,
}

impl<'s> Texts<'s> {
    /// Starts the index in `sink`. Writes `language.json` at once: the sink creates
    /// `/sok/index/` with it, before the worker threads write there in parallel (the
    /// staging sink marks a folder as made before making it, so parallel first writes
    /// into a new folder could find it missing).
    pub(crate) fn new(sink: &'s dyn Sink) -> Result<Texts<'s>> {
        write(sink, "language.json", language::json().as_bytes())?;
        Ok(Texts {
            sink,
            pending: Mutex::default(),
        })
    }

    /// Adds the text of result `id`; writes its file if that completes it.
    pub(crate) fn add(&self, id: u32, text: String) -> Result<()> {
        let (file, slot) = (id / TEXT_CHUNK as u32, id as usize % TEXT_CHUNK);
        let complete = {
            let mut pending = self.pending.lock().unwrap_or_else(|e| e.into_inner());
            let texts = pending
                .entry(file)
                .or_insert_with(|| vec![None; TEXT_CHUNK]);
            texts[slot] = Some(text);
            if texts.iter().all(Option::is_some) {
                pending.remove(&file)
            } else {
                None
            }
        };
        match complete {
            Some(texts) => self.write(file, &texts),
            None => Ok(()),
        }
    }

    /// Writes the files not complete yet, for `results` results in all; a missing text
    /// (a page that failed to render) is empty.
    fn finish(self, results: usize) -> Result<()> {
        let pending = std::mem::take(&mut *self.pending.lock().unwrap_or_else(|e| e.into_inner()));
        let mut files: Vec<_> = pending.into_iter().collect();
        files.sort_unstable_by_key(|(file, _)| *file);
        for (file, mut texts) in files {
            let first = file as usize * TEXT_CHUNK;
            texts.truncate(results.saturating_sub(first).min(TEXT_CHUNK));
            self.write(file, &texts)?;
        }
        Ok(())
    }

    fn write(&self, file: u32, texts: &[Option<String>]) -> Result<()> {
        let texts: Vec<&str> = texts.iter().map(|t| t.as_deref().unwrap_or("")).collect();
        write(
            self.sink,
            &format!("x-{file}.json"),
            serde_json::to_string(&texts)?.as_bytes(),
        )
    }
}

/// Writes an index file, by its name under `/sok/index/`.
fn write(sink: &dyn Sink, name: &str, bytes: &[u8]) -> Result<()> {
    sink.write(&file_for(&format!("{SEARCH_INDEX_PATH}{name}")), bytes)
}

/// The text a result's snippets are cut from: its text with whitespace collapsed, cut
/// at a word after [`MAX_TEXT_CHARS`] characters (then ending in `…`). Reads only as
/// much of the text as it keeps.
pub(crate) fn snippet_text(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(MAX_TEXT_CHARS.min(text.len()) + 4);
    let mut chars = 0;
    // The word being read (copied whole once it ends), and where `out` ended before
    // the space in front of it: the cut, should the word not fit.
    let mut word: Option<usize> = None;
    let mut before_word = 0;
    let mut space = false;
    let mut i = 0;
    while i < bytes.len() {
        let (len, white) = if bytes[i] < 0x80 {
            (1, char::from(bytes[i]).is_whitespace())
        } else {
            let c = text[i..].chars().next().unwrap_or(' ');
            (c.len_utf8(), c.is_whitespace())
        };
        if white {
            if let Some(from) = word.take() {
                out.push_str(&text[from..i]);
            }
            space = !out.is_empty();
        } else {
            if word.is_none() {
                before_word = out.len();
                if space {
                    out.push(' ');
                    chars += 1;
                    space = false;
                }
                word = Some(i);
            }
            if chars >= MAX_TEXT_CHARS {
                match word {
                    // A word longer than all the text kept: its start.
                    Some(from) if before_word == 0 => out.push_str(&text[from..i]),
                    _ => out.truncate(before_word),
                }
                out.push('…');
                return out;
            }
            chars += 1;
        }
        i += len;
    }
    if let Some(from) = word {
        out.push_str(&text[from..]);
    }
    out
}

/// Writes the rest of the index to `sink`, each file as soon as it is made (in
/// parallel), so the index is never held whole a second time as JSON. `entries` are the
/// pages indexed into `postings`, by id, whose texts are in `texts`; their sections,
/// indexed under ids from `section_ids`, take the ids after the pages' here, in the
/// order of the pages, so the files are the same whatever order the pages were
/// rendered in.
pub(crate) fn write_files(
    mut postings: Postings,
    mut entries: Vec<page::Entry>,
    section_ids: &page::SectionIds,
    texts: Texts<'_>,
    sink: &dyn Sink,
) -> Result<()> {
    entries.sort_by_key(|e| e.id);
    let first = section_ids.first;
    // Ids are dense; a page that failed to render leaves an empty row, not a shift.
    let mut rows: Vec<PageMeta> = vec![PageMeta::default(); first as usize];
    // The sections' texts, by their place after the pages.
    let mut section_texts = Vec::new();
    // By provisional id (less `first`): the section's id; `u32::MAX` for one past the
    // last id a posting can hold, whose words are dropped.
    let mut place = vec![u32::MAX; section_ids.handed_out()];
    for entry in entries {
        if let Some(row) = rows.get_mut(entry.id as usize) {
            *row = entry.meta;
        }
        for section in entry.sections {
            let id = rows.len() as u32;
            if id > MAX_PAGE {
                break;
            }
            if let Some(slot) = place.get_mut(section.provisional.wrapping_sub(first) as usize) {
                *slot = id;
            }
            rows.push(section.meta);
            section_texts.push(section.text);
        }
    }
    section_texts
        .into_par_iter()
        .enumerate()
        .try_for_each(|(i, text)| texts.add(first + i as u32, text))?;
    if !place.is_empty() {
        postings.terms.par_iter_mut().for_each(|(_, list)| {
            list.retain_mut(|posting| {
                let id = *posting >> 8;
                if id < first {
                    return true;
                }
                match place.get((id - first) as usize) {
                    Some(&placed) if placed != u32::MAX => {
                        *posting = placed << 8 | (*posting & 0xff);
                        true
                    }
                    _ => false,
                }
            });
        });
        postings.terms.retain(|_, list| !list.is_empty());
    }
    texts.finish(rows.len())?;
    let names = vocabulary::write_shards(postings.terms, &|key, json| {
        write(sink, &format!("t-{}.json", file_key(key)), json)
    })?;
    let meta = serde_json::json!({
        "version": 3,
        "pages": rows.len(),
        "chunk": CHUNK,
        "text_chunk": TEXT_CHUNK,
        "shards": names,
    });
    write(sink, "meta.json", meta.to_string().as_bytes())?;
    rows.par_chunks(CHUNK)
        .enumerate()
        .try_for_each(|(k, chunk)| {
            let rows: Vec<[&str; 4]> = chunk.iter().map(PageMeta::row).collect();
            write(
                sink,
                &format!("p-{k}.json"),
                serde_json::to_string(&rows)?.as_bytes(),
            )
        })
}

/// A shard name as a file name: ASCII letters and digits and the Latin-1 letters (å, ä,
/// ö, é, …) are kept, any other character is hex-escaped (`Ω` is `_3a9`), so names stay
/// portable and readable for Swedish. `search.js` works out the same names; the rule is
/// plain code-point ranges rather than Unicode's letter classes, which Rust and the
/// browser do not draw alike (Rust counts Thai and Indic vowel signs as letters, the
/// browser does not, and asked for a file that did not exist). The cases of
/// `tests/fixtures/search/tokens.json` hold both to it.
pub(crate) fn file_key(key: &str) -> String {
    let latin_1_letter = |c: char| matches!(c, '\u{C0}'..='\u{FF}') && c != '×' && c != '÷';
    let mut out = String::new();
    for c in key.chars() {
        if c.is_ascii_alphanumeric() || latin_1_letter(c) {
            out.push(c);
        } else {
            let _ = write!(out, "_{:x}", c as u32);
        }
    }
    out
}

#[cfg(test)]
mod tests;
