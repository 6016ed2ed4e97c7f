//! Site search that works offline in the browser: an inverted index written as small
//! static JSON files, read by `search.js` (in the theme) only for the words searched.
//!
//! Why not Pagefind: its Rust API indexes pages one at a time behind a lock and took
//! about 5 s for 10,000 pages here, several times this whole build; so the index is
//! built here, on the worker threads, from the text of each page's `<main>`.
//!
//! Layout, under `/sok/index/`:
//! - `meta.json`: `{"version":2,"pages":N,"chunk":C,"shards":["ab","ac",…]}`
//! - `language.json`: how text becomes words, for the script (see `language.rs`)
//! - `t-<shard>.json`: `{"<term>":[page,score,page,score,…],…}` for the terms whose
//!   first two letters (three for large shards) are the shard's name
//! - `p-<k>.json`: `[[url,title,excerpt],…]` for pages `k*C … k*C+C-1`
//!
//! Words are indexed lower-cased as they stand (`language.rs` says how text is split).
//! `search.js` reduces each searched word with a light Swedish stemmer and matches it as
//! a prefix, so "avtal", "avtalet" and "avtalen" all find "avtalet"; keeping the stemmer
//! out of the index keeps the index build cheap and lets the stemmer improve without
//! re-indexing.

mod language;

use std::collections::{BTreeMap, HashMap};

use std::fmt::Write as _;

use crate::model::paths::SEARCH_INDEX_PATH;
use language::{each_term, lowercase};

/// Pages per metadata file.
const CHUNK: usize = 200;
/// A shard larger than this many postings is split by the first three letters.
const SPLIT_AT: usize = 20_000;

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

/// What is shown for a page in the results.
#[derive(Debug, Clone)]
pub(crate) struct PageMeta {
    /// The page's href.
    pub(crate) url: String,
    /// Its title.
    pub(crate) title: String,
    /// A line of its text.
    pub(crate) excerpt: String,
}

/// Postings of one worker thread or of the whole site: for each word, the pages it is
/// on, each packed as `page << 8 | score` (scores saturate at 255; page ids up to 16
/// million), so a posting is four bytes.
#[derive(Debug, Default)]
pub(crate) struct Postings {
    terms: FxMap<Box<str>, Vec<u32>>,
}

/// The largest page id a posting can hold.
const MAX_PAGE: u32 = (1 << 24) - 1;

impl Postings {
    /// Adds a page: every word of its title (worth ten) and of its text.
    ///
    /// Words are counted in a small map of the page first, which stays in the
    /// processor's cache, so the large map of the whole site is consulted once per
    /// distinct word instead of once per occurrence.
    pub(crate) fn add_page(&mut self, page: u32, title: &str, text: &str) {
        if page > MAX_PAGE {
            return;
        }
        let lower_title = lowercase(title);
        let lower_text = lowercase(text);
        let mut counts: FxMap<&str, u32> = FxMap::default();
        counts.reserve(512);
        each_term(&lower_title, |t| *counts.entry(t).or_default() += 10);
        each_term(&lower_text, |t| *counts.entry(t).or_default() += 1);
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

/// A term and its packed postings.
type TermPostings = (Box<str>, Vec<u32>);

/// The index files: (site path, bytes).
pub(crate) fn files(postings: Postings, pages: &[PageMeta]) -> Vec<(String, Vec<u8>)> {
    use rayon::prelude::*;
    let mut by_shard: BTreeMap<String, Vec<TermPostings>> = BTreeMap::new();
    for (term, list) in postings.terms {
        let key: String = term.chars().take(2).collect();
        by_shard.entry(key).or_default().push((term, list));
    }
    // Large shards are split by three letters so a search never loads much.
    let mut shards: BTreeMap<String, Vec<TermPostings>> = BTreeMap::new();
    for (key, terms) in by_shard {
        let size: usize = terms.iter().map(|(_, l)| l.len()).sum();
        if size > SPLIT_AT {
            for (term, list) in terms {
                let long: String = term.chars().take(3).collect();
                shards.entry(long).or_default().push((term, list));
            }
        } else {
            shards.insert(key, terms);
        }
    }
    let names: Vec<&String> = shards.keys().collect();
    let meta = serde_json::json!({
        "version": 2,
        "pages": pages.len(),
        "chunk": CHUNK,
        "shards": names,
    });
    let mut out = vec![
        (
            format!("{SEARCH_INDEX_PATH}meta.json"),
            meta.to_string().into_bytes(),
        ),
        (
            format!("{SEARCH_INDEX_PATH}language.json"),
            language::json().into_bytes(),
        ),
    ];
    let shard_files: Vec<(String, Vec<u8>)> = shards
        .into_par_iter()
        .map(|(key, mut terms)| {
            terms.sort_unstable_by(|a, b| a.0.cmp(&b.0));
            let mut json = String::from("{");
            // itoa: millions of small numbers, without the formatting machinery.
            let mut digits = itoa::Buffer::new();
            for (i, (term, mut list)) in terms.into_iter().enumerate() {
                if i > 0 {
                    json.push(',');
                }
                // Each worker's postings are already in page order: a stable sort
                // merges those runs in linear time.
                list.sort();
                json.push_str(&serde_json::to_string(&*term).unwrap_or_default());
                json.push_str(":[");
                for (j, posting) in list.iter().enumerate() {
                    if j > 0 {
                        json.push(',');
                    }
                    json.push_str(digits.format(posting >> 8));
                    json.push(',');
                    json.push_str(digits.format(posting & 0xff));
                }
                json.push(']');
            }
            json.push('}');
            (
                format!("{SEARCH_INDEX_PATH}t-{}.json", file_key(&key)),
                json.into_bytes(),
            )
        })
        .collect();
    out.extend(shard_files);
    for (k, chunk) in pages.chunks(CHUNK).enumerate() {
        let rows: Vec<[&str; 3]> = chunk
            .iter()
            .map(|p| [p.url.as_str(), p.title.as_str(), p.excerpt.as_str()])
            .collect();
        let json = serde_json::to_string(&rows).unwrap_or_default();
        out.push((format!("{SEARCH_INDEX_PATH}p-{k}.json"), json.into_bytes()));
    }
    out
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
mod tests {
    use super::*;

    #[test]
    fn similar_words_spread_over_the_low_bits_of_the_hash() {
        // The map picks a bucket by the low bits: half a million words that differ only
        // in their last letters must not crowd into a quarter of the buckets (as they
        // did, making a page of such words take seconds). See: issue 10, item 5.
        use std::hash::BuildHasher;
        const WORDS: u32 = 1 << 19;
        let build = std::hash::BuildHasherDefault::<FxHasher>::default();
        let mut buckets = std::collections::HashSet::new();
        for i in 0..WORDS {
            let mut word = String::from("ord");
            let mut n = i;
            loop {
                word.push(char::from(b'a' + (n % 26) as u8));
                n /= 26;
                if n == 0 {
                    break;
                }
            }
            buckets.insert(build.hash_one(word.as_str()) & u64::from(WORDS - 1));
        }
        // Random hashes would fill 63 % of them.
        let filled = buckets.len() as f64 / f64::from(WORDS);
        assert!(filled > 0.5, "{:.0} % of the buckets", filled * 100.0);
    }

    #[test]
    fn terms_skip_stop_words_and_keep_å_ä_ö() {
        let mut postings = Postings::default();
        postings.add_page(
            3,
            "Anslutning",
            "Så ansluter du kommunen till SSBTEK: Försäkringskassan, Öppettider – «§ 5» x ssbtek",
        );
        let mut terms: Vec<(&str, &[u32])> = postings
            .terms
            .iter()
            .map(|(t, list)| (&**t, list.as_slice()))
            .collect();
        terms.sort();
        // Page 3, with its score: ten for a title word, one per occurrence in the text.
        assert_eq!(
            terms,
            [
                ("ansluter", &[3 << 8 | 1][..]),
                ("anslutning", &[3 << 8 | 10]),
                ("försäkringskassan", &[3 << 8 | 1]),
                ("kommunen", &[3 << 8 | 1]),
                ("ssbtek", &[3 << 8 | 2]),
                ("öppettider", &[3 << 8 | 1]),
            ]
        );
        assert!(
            language::is_stop_word("och")
                && language::is_stop_word("över")
                && !language::is_stop_word("avtal")
        );
    }

    #[test]
    fn inline_tags_do_not_separate_words() {
        for tag in [
            "<a href=\"x\">",
            "</a>",
            "<span>",
            "</strong>",
            "<em>",
            "<code",
        ] {
            assert!(is_inline_tag(tag.as_bytes()), "{tag}");
        }
        for tag in ["<p>", "</p>", "<abbrx>", "<br/>", "<", "</", "<article>"] {
            assert!(!is_inline_tag(tag.as_bytes()), "{tag}");
        }
        assert_eq!(
            text_of(b"<p>Avtal<a href=\"x\">et</a>,</p><p>Text</p>"),
            " Avtalet,  Text "
        );
    }

    #[test]
    fn main_text_drops_tags_and_hidden_definitions() {
        let html = b"<nav>Meny</nav><main id=\"main\"><h1>Avtal &amp; villkor</h1><p>Text<a href=\"x\">l\xc3\xa4nk</a></p><div class=\"term-definitions\" hidden><div><p>Dold</p></div><p>Dold</p></div><li hidden data-from=\"x\">Sedan</li><p class=\"as-of\">Uppdaterad <time>2026</time></p><p>Kvar</p></main>";
        let text = main_text(html);
        assert!(text.contains("Avtal & villkor"));
        assert!(text.contains("länk"));
        assert!(!text.contains("Meny") && !text.contains("Dold"), "{text}");
        assert!(
            !text.contains("Sedan") && !text.contains("Uppdaterad"),
            "{text}"
        );
        assert!(text.contains("Kvar"), "{text}");
    }

    #[test]
    fn index_files_are_sharded_and_deterministic() {
        let mut a = Postings::default();
        a.add_page(0, "Avtal", "avtalet gäller anslutning");
        let mut b = Postings::default();
        b.add_page(1, "Anslutning", "kommunen ansluter");
        let pages = vec![
            PageMeta {
                url: "/a/".into(),
                title: "Avtal".into(),
                excerpt: "x".into(),
            },
            PageMeta {
                url: "/b/".into(),
                title: "Anslutning".into(),
                excerpt: "y".into(),
            },
        ];
        let files = files(a.merge(b), &pages);
        let get = |name: &str| {
            files
                .iter()
                .find(|(p, _)| p.ends_with(name))
                .map(|(_, b)| String::from_utf8(b.clone()).unwrap())
        };
        assert_eq!(
            get("meta.json").unwrap(),
            r#"{"chunk":200,"pages":2,"shards":["an","av","gä","ko"],"version":2}"#
        );
        assert_eq!(
            get("t-an.json").unwrap(),
            r#"{"ansluter":[1,1],"anslutning":[0,1,1,10]}"#
        );
        assert_eq!(
            get("p-0.json").unwrap(),
            r#"[["/a/","Avtal","x"],["/b/","Anslutning","y"]]"#
        );
    }

    #[test]
    fn shard_names_become_the_file_names_the_script_asks_for() {
        // The same cases are read by tests/e2e/search.test.mjs for search.js.
        let cases: serde_json::Value =
            serde_json::from_str(include_str!("../../../tests/fixtures/search/tokens.json"))
                .expect("tokens.json is JSON");
        let cases = cases["file_keys"].as_array().expect("a list of file keys");
        assert!(cases.len() >= 5);
        for case in cases {
            let key = case["key"].as_str().expect("a key");
            assert_eq!(
                file_key(key),
                case["file"].as_str().expect("a file"),
                "{key:?}"
            );
        }
    }
}
