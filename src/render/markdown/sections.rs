//! The numbered sections of one agreement body: what "punkten 5.3" can refer to.
//!
//! Built by the plan from the body's headings ([`split_section_number`] reads a
//! heading's number); read by the annotator that links
//! section references (`render::annotate`) through [`SectionTable::get`],
//! [`SectionTable::title_at`] and [`SectionTable::numbers_near`]. Pages that link into
//! a body without rendering it (the change view) learn its heading ids from
//! [`heading_ids`].

use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, AhoCorasickKind, Anchored, Input, MatchKind, StartKind};
use pulldown_cmark::Event;

use super::Body;
use super::plan::Plan;
use crate::util::source::collapse_whitespace;

/// The id each heading of an agreement body has on the body's page, by the byte offset
/// at which the heading starts in the body (`events` as
/// `Parser::new_ext(body, parser_options()).into_offset_iter()` gives them, `theme_ids`
/// as the render stage passes them). The plan that decides the ids of the rendered page
/// decides them here, so a link from the change view lands on the heading it names,
/// explicit ids, term anchors and repeated headings included.
pub(crate) fn heading_ids(
    events: &[(Event<'_>, Range<usize>)],
    body: Body<'_>,
    theme_ids: Option<&HashSet<String>>,
) -> HashMap<usize, String> {
    Plan::new(events, true, theme_ids, body)
        .headings
        .into_iter()
        .map(|(offset, heading)| (offset, heading.id))
        .collect()
}

/// The numbered sections of one document body.
#[derive(Debug, Default, Clone)]
pub(crate) struct SectionTable {
    /// Section number → (heading id, title).
    by_number: HashMap<String, (String, String)>,
    /// (title, number), as added.
    titles: Vec<(String, String)>,
    /// The titles as one automaton, built on the first [`SectionTable::title_at`]: most
    /// bodies (every page that is not an agreement, and agreements without section
    /// references) never ask, and building it for each of them was a tenth of a build.
    title_matcher: OnceLock<Option<TitleMatcher>>,
    /// Section numbers by the number they are under (`""` for the top level), in
    /// numeric order; built by [`SectionTable::finish`].
    siblings: HashMap<String, Vec<String>>,
}

/// Finds the longest section title that a text starts with, in time proportional to
/// the title rather than to the number of sections (a scan of every title for every
/// reference made many references to many sections quadratic). See: issue 10, item 5.
#[derive(Debug, Clone)]
struct TitleMatcher {
    /// Anchored, leftmost-longest: the longest title the text starts with.
    automaton: AhoCorasick,
    /// By pattern: (title, section number, the longest other title it starts with).
    titles: Vec<(String, String, Option<usize>)>,
}

impl TitleMatcher {
    /// `titles` longest first, and for one title the lowest number first.
    fn new(titles: &[(String, String)]) -> Option<TitleMatcher> {
        if titles.is_empty() {
            return None;
        }
        let mut seen = HashSet::new();
        let unique: Vec<&(String, String)> =
            titles.iter().filter(|(t, _)| seen.insert(t)).collect();
        // A contiguous NFA, not the DFA the builder picks for a few patterns: the
        // automaton is built for every agreement body and asked only at each section
        // reference (one short anchored search), so building a DFA cost far more than
        // its searches saved (18% of a build's instructions in callgrind at 3,000 pages).
        let automaton = AhoCorasick::builder()
            .kind(Some(AhoCorasickKind::ContiguousNFA))
            .match_kind(MatchKind::LeftmostLongest)
            .start_kind(StartKind::Anchored)
            .build(unique.iter().map(|(t, _)| t))
            .ok()?;
        let mut matcher = TitleMatcher {
            automaton,
            titles: Vec::with_capacity(unique.len()),
        };
        for (title, number) in &unique {
            // The title less its last character: the longest title that starts it.
            let shorter = title
                .char_indices()
                .next_back()
                .and_then(|(last, _)| matcher.longest_prefix(&title[..last]));
            matcher
                .titles
                .push((title.clone(), number.clone(), shorter));
        }
        Some(matcher)
    }

    fn longest_prefix(&self, text: &str) -> Option<usize> {
        let input = Input::new(text).anchored(Anchored::Yes);
        self.automaton.find(input).map(|m| m.pattern().as_usize())
    }

    /// The longest title `text` starts with as a whole word, and its number.
    fn find<'t>(&'t self, text: &str) -> Option<(&'t str, &'t str)> {
        let mut candidate = self.longest_prefix(text);
        while let Some(i) = candidate {
            let (title, number, shorter) = &self.titles[i];
            let word_ends = !text[title.len()..]
                .chars()
                .next()
                .is_some_and(char::is_alphanumeric);
            if word_ends {
                return Some((title, number));
            }
            candidate = *shorter;
        }
        None
    }
}

impl SectionTable {
    /// Adds a numbered heading. Call [`SectionTable::finish`] after the last one.
    pub(crate) fn add(&mut self, number: &str, id: &str, title: &str) {
        self.by_number
            .entry(number.to_string())
            .or_insert_with(|| (id.to_string(), title.to_string()));
        if title.chars().count() >= 3 {
            self.titles
                .push((collapse_whitespace(title), number.to_string()));
        }
    }

    /// Builds the lookups; once, after all headings are added.
    pub(crate) fn finish(&mut self) {
        // Longest first, so a title is matched before a shorter one it starts with.
        self.titles
            .sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.1.cmp(&b.1)));
        self.title_matcher = OnceLock::new();
        self.siblings.clear();
        for number in self.by_number.keys() {
            let parent = number.rsplit_once('.').map_or("", |(p, _)| p);
            self.siblings
                .entry(parent.to_string())
                .or_default()
                .push(number.clone());
        }
        for numbers in self.siblings.values_mut() {
            numbers.sort_by_cached_key(|n| numeric_key(n));
        }
    }

    /// Whether a heading already has this number.
    pub(crate) fn contains(&self, number: &str) -> bool {
        self.by_number.contains_key(number)
    }

    /// The heading id and title of the section with this number.
    pub(crate) fn get(&self, number: &str) -> Option<(&str, &str)> {
        self.by_number
            .get(number)
            .map(|(id, title)| (id.as_str(), title.as_str()))
    }

    /// The longest section title `text` starts with as a whole word, and its number.
    pub(crate) fn title_at(&self, text: &str) -> Option<(&str, &str)> {
        self.title_matcher
            .get_or_init(|| TitleMatcher::new(&self.titles))
            .as_ref()
            .and_then(|m| m.find(text))
    }

    /// The numbers at the level of `number` around where it would be, at most
    /// `NEAR_NUMBERS` of them, for a hint; and whether that is all of them.
    pub(crate) fn numbers_near(&self, number: &str) -> (Vec<&str>, bool) {
        let parent = number.rsplit_once('.').map_or("", |(p, _)| p);
        let Some(siblings) = self.siblings.get(parent) else {
            return (Vec::new(), true);
        };
        let key = numeric_key(number);
        let at = siblings.partition_point(|n| numeric_key(n) < key);
        let start = at
            .saturating_sub(NEAR_NUMBERS / 2)
            .min(siblings.len().saturating_sub(NEAR_NUMBERS));
        let near = siblings
            .iter()
            .skip(start)
            .take(NEAR_NUMBERS)
            .map(String::as_str)
            .collect();
        (near, siblings.len() <= NEAR_NUMBERS)
    }
}

/// How many section numbers a hint about a missing one lists.
const NEAR_NUMBERS: usize = 10;

/// A section number as numbers, for numeric order (`5.10` after `5.9`).
fn numeric_key(number: &str) -> Vec<u32> {
    number
        .split('.')
        .map(|p| p.parse::<u32>().unwrap_or(0))
        .collect()
}

/// Splits `5.3 Title` (or `5.3. Title`) into `("5.3", "Title")`.
pub(crate) fn split_section_number(text: &str) -> (Option<String>, String) {
    let text = text.trim();
    let end = text
        .char_indices()
        .find(|(_, c)| !(c.is_ascii_digit() || *c == '.'))
        .map_or(text.len(), |(i, _)| i);
    let candidate = text[..end].trim_end_matches('.');
    let rest = &text[end..];
    let valid = !candidate.is_empty()
        && candidate.split('.').all(|p| !p.is_empty())
        && (rest.is_empty() || rest.starts_with(char::is_whitespace));
    if valid {
        (Some(candidate.to_string()), rest.trim().to_string())
    } else {
        (None, text.to_string())
    }
}
