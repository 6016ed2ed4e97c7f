//! Links made from running text: section references ("enligt punkten 5.3"), mentions of
//! documents by title ("SSBTEK – Beskrivning och tjänstespecifika villkor") and uses of
//! defined terms ("Informationsportalen").
//!
//! The Markdown writer hands over each run of plain text (text, with soft line breaks as
//! spaces, never inside links, code or headings) to an [`Annotator`], through the
//! `markdown::Annotate` trait. The three matchers run over it, overlaps are settled by
//! priority (section references, then mentions, then terms), and the result is returned
//! as pieces of the run.
//!
//! Titles are matched with every spelling of their dashes (hyphen, en dash, em dash)
//! instead of normalising the text, so the common case, a run that mentions nothing,
//! costs one automaton scan and no copy.
//!
//! A title links where it is written as the title: with its capitals (case matters),
//! and as whole words ("Definitionerna" is no mention of "Definitioner"). Many titles are
//! ordinary words ("Definitioner", "Allmänna villkor"), and at the start of a sentence
//! every word has a capital: "Definitioner av begreppen finns …" speaks of definitions,
//! not of the document. So a title that reads as ordinary words (see [`Target`]) links
//! at the start of a sentence only where nothing of the sentence follows it (a list
//! item "Definitioner", "Definitioner (bilaga 1)", "Definitioner, Allmänna villkor
//! och …"). A title with a capital, digit or dash after its first letter ("SSBTEK –
//! Driftsavtal"), of more than three words, or a single word in the definite form
//! ("Driftsavtalet") names the document wherever it stands. See: issue 13, point 5.

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::fmt::Write as _;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

use crate::model::paths::document_path;
use crate::model::portal::Portal;
use crate::render::markdown::sections::SectionTable;
use crate::render::markdown::{Annotate, BodyFacts, Piece, Problem};
use crate::render::terms::TermIndex;
use crate::util::diag::Diagnostic;
use crate::util::html::{escape_attr, escape_text};
use crate::util::i18n::msg;
use crate::util::source::collapse_whitespace;

/// The most bytes of titles (all their spellings) matched with a DFA; above it, with
/// a contiguous NFA (see [`MentionIndex::new`]).
const MAX_DFA_TITLE_BYTES: usize = 16 * 1024;

/// Titles and aliases of every published document, matched in running text.
#[derive(Debug)]
pub(crate) struct MentionIndex {
    matcher: AhoCorasick,
    /// By pattern id.
    targets: Vec<Target>,
}

/// The document a title or alias names.
#[derive(Debug, Clone)]
struct Target {
    doc: String,
    href: String,
    /// Whether the name is a name at the start of a sentence too: not when it reads
    /// as one to three ordinary words (a capital initial, then lower-case letters and
    /// spaces only), unless it is one word in the definite form.
    at_sentence_start: bool,
}

impl Target {
    fn new(doc: &str, href: &str, name: &str) -> Target {
        let mut rest = name.chars().skip(1);
        let ordinary = rest.all(|c| c.is_lowercase() || c == ' ') && name.split(' ').count() <= 3;
        Target {
            doc: doc.to_string(),
            href: href.to_string(),
            at_sentence_start: !ordinary || is_definite_word(name),
        }
    }
}

/// A single word in the definite form ("Driftsavtalet", "Villkoren", "Bilagorna") names
/// one thing; "-het" is no definite ending ("Informationssäkerhet").
fn is_definite_word(name: &str) -> bool {
    !name.contains(' ')
        && (name.ends_with("en")
            || name.ends_with("na")
            || name.ends_with("et") && !name.ends_with("het"))
}

impl MentionIndex {
    /// Builds the matcher over every published document's title and aliases.
    pub(crate) fn new(portal: &Portal) -> Option<MentionIndex> {
        let mut patterns: Vec<String> = Vec::new();
        let mut targets = Vec::new();
        let mut seen = HashSet::new();
        for doc in &portal.documents {
            let Some(main) = doc.main_version() else {
                continue;
            };
            let href = portal.config.base_url.href(&document_path(&doc.id));
            for name in std::iter::once(&main.title).chain(&main.aliases) {
                let name = collapse_whitespace(name);
                // Very short names would link ordinary words.
                if name.chars().count() < 4 {
                    continue;
                }
                let target = Target::new(&doc.id, &href, &name);
                for pattern in dash_spellings(&name) {
                    if seen.insert(pattern.clone()) {
                        patterns.push(pattern);
                        targets.push(target.clone());
                    }
                }
            }
        }
        if patterns.is_empty() {
            return None;
        }
        // Every run of text of every page is searched: a DFA is the fastest to search,
        // but it takes a table row per state and byte class, which for a large portal's
        // titles is most of the build's memory (13 MB of a 47 MB peak at 10,000 pages,
        // gen_corpus). Past a few kilobytes of titles a contiguous NFA finds the same
        // mentions for 2 % more instructions in the whole build and a tenth of the
        // memory. A DFA that cannot be built falls back the same way; the last kind
        // fails only past two billion states. See: issue 15.
        let build = |kind| {
            AhoCorasick::builder()
                .match_kind(MatchKind::LeftmostLongest)
                .kind(Some(kind))
                .build(&patterns)
        };
        let title_bytes: usize = patterns.iter().map(String::len).sum();
        let dfa = (title_bytes <= MAX_DFA_TITLE_BYTES)
            .then(|| build(AhoCorasickKind::DFA).ok())
            .flatten();
        let matcher = match dfa {
            Some(dfa) => dfa,
            None => build(AhoCorasickKind::ContiguousNFA)
                .or_else(|_| build(AhoCorasickKind::NoncontiguousNFA))
                .ok()?,
        };
        Some(MentionIndex { matcher, targets })
    }
}

/// What the annotators may use for one body.
#[derive(Clone, Copy)]
struct Context<'a> {
    /// The body's numbered sections (agreement documents only).
    sections: Option<&'a SectionTable>,
    /// Document titles.
    mentions: Option<&'a MentionIndex>,
    /// Defined terms (agreement documents only).
    terms: Option<&'a TermIndex>,
    /// The document being rendered, so it does not link to itself.
    self_doc: Option<(usize, &'a str)>,
    /// Term anchors this body defines itself, linked on the same page.
    local_anchors: &'a HashSet<String>,
    /// The term whose definition is being written, never linked inside it.
    defining: Option<&'a str>,
    /// The text of the block before the run (see `BodyFacts::before`).
    before: &'a str,
}

/// What persists between runs of one body.
#[derive(Debug, Default)]
struct State {
    /// Terms linked in the current section ("the first use per section").
    linked_in_section: HashSet<usize>,
    /// Terms linked anywhere in the body, for their descriptions.
    used_terms: BTreeSet<usize>,
}

impl State {
    /// A heading starts a new section.
    fn new_section(&mut self) {
        self.linked_in_section.clear();
    }
}

/// The annotator of one body: what it links, and what it has linked so far.
pub(crate) struct Annotator<'a> {
    /// Document titles.
    mentions: Option<&'a MentionIndex>,
    /// Defined terms (agreement documents only).
    terms: Option<&'a TermIndex>,
    /// The document being rendered: (index, id), so it does not link to itself.
    self_doc: Option<(usize, &'a str)>,
    state: State,
}

impl<'a> Annotator<'a> {
    /// An annotator linking `mentions` and `terms`; `self_doc` is the agreement document
    /// being rendered, if it is one.
    pub(crate) fn new(
        mentions: Option<&'a MentionIndex>,
        terms: Option<&'a TermIndex>,
        self_doc: Option<(usize, &'a str)>,
    ) -> Self {
        Annotator {
            mentions,
            terms,
            self_doc,
            state: State::default(),
        }
    }
}

impl Annotate for Annotator<'_> {
    fn annotate(&mut self, text: &str, body: &BodyFacts<'_>) -> (Vec<Piece>, Vec<Problem>) {
        let ctx = Context {
            sections: body.sections,
            mentions: self.mentions,
            terms: self.terms,
            self_doc: self.self_doc,
            local_anchors: body.local_anchors,
            defining: body.defining,
            before: body.before,
        };
        annotate(text, &ctx, &mut self.state)
    }

    fn new_section(&mut self) {
        self.state.new_section();
    }

    fn finish(&mut self, html: &mut String) {
        if let Some(terms) = self.terms {
            write_term_descriptions(html, terms, &self.state);
        }
    }
}

#[derive(Debug, Clone)]
struct Found {
    start: usize,
    end: usize,
    open: String,
}

/// Annotates one run of text: the pieces to write it as, empty when nothing in it is
/// linked (the common case, which allocates nothing), and its problems.
fn annotate(original: &str, ctx: &Context<'_>, state: &mut State) -> (Vec<Piece>, Vec<Problem>) {
    let text = original;
    let mut problems = Vec::new();
    let mut accepted = Accepted::default();
    if let Some(sections) = ctx.sections {
        for found in section_refs(text, sections, &mut problems) {
            accepted.push_if_free(found);
        }
    }
    if let Some(mentions) = ctx.mentions {
        for m in mentions.matcher.find_iter(text) {
            let target = &mentions.targets[m.pattern().as_usize()];
            if ctx.self_doc.is_some_and(|(_, id)| id == target.doc)
                || !is_word(text, m.start(), m.end())
                || !target.at_sentence_start
                    && starts_sentence(text, m.start(), ctx.before)
                    && !stands_apart(&text[m.end()..])
            {
                continue;
            }
            let mut open = String::from("<a href=\"");
            escape_attr(&mut open, &target.href);
            open.push_str("\" class=\"doc-ref\">");
            accepted.push_if_free(Found {
                start: m.start(),
                end: m.end(),
                open,
            });
        }
    }
    if let Some(terms) = ctx.terms {
        for (start, end, t) in terms.find(text) {
            let term = &terms.terms[t];
            // A term is not linked inside a definition of itself ("Socialnämnds" in
            // the definition of Socialnämnd): the link would lead the reader to where
            // they are, or to another definition of the same term. See: issue 13.
            if state.linked_in_section.contains(&t) || ctx.defining == Some(&term.anchor) {
                continue;
            }
            let local = ctx.self_doc.is_some_and(|(i, _)| i == term.doc)
                && ctx.local_anchors.contains(&term.anchor);
            let href = if local {
                format!("#{}", term.anchor)
            } else {
                term.href.clone()
            };
            let mut open = String::from("<a href=\"");
            escape_attr(&mut open, &href);
            open.push_str("\" class=\"term\" aria-describedby=\"");
            open.push_str(&description_id(&term.anchor));
            open.push_str("\">");
            if accepted.push_if_free(Found { start, end, open }) {
                state.linked_in_section.insert(t);
                state.used_terms.insert(t);
            }
        }
    }
    if accepted.0.is_empty() {
        return (Vec::new(), problems);
    }
    let mut pieces = Vec::with_capacity(accepted.0.len() * 2 + 1);
    let mut pos = 0;
    for f in accepted.0.into_values() {
        let (start, end) = (f.start, f.end);
        if start > pos {
            pieces.push(Piece::Text(pos..start));
        }
        pieces.push(Piece::Link(f.open, start..end));
        pos = end;
    }
    if pos < original.len() {
        pieces.push(Piece::Text(pos..original.len()));
    }
    (pieces, problems)
}

/// The id of the hidden element holding a term's definition on the page.
fn description_id(anchor: &str) -> String {
    format!("termdef-{}", anchor.trim_start_matches("begrepp-"))
}

/// The hidden definitions that term links point to with `aria-describedby`, so a screen
/// reader announces what a term means without leaving the text.
fn write_term_descriptions(html: &mut String, terms: &TermIndex, state: &State) {
    if state.used_terms.is_empty() {
        return;
    }
    html.push_str("<div class=\"term-definitions\" hidden>\n");
    for &t in &state.used_terms {
        let term = &terms.terms[t];
        let _ = write!(html, "<p id=\"{}\">", description_id(&term.anchor));
        escape_text(html, &term.text);
        html.push_str("</p>\n");
    }
    html.push_str("</div>\n");
}

/// The links accepted in a run so far, by start: they never overlap, so ordered by start
/// they are ordered by end too, and one look at the last link starting before a new
/// one's end tells whether the two overlap. (A scan of all of them made a paragraph of
/// 150,000 mentions take 14 s. See: issue 10, item 5.)
#[derive(Default)]
struct Accepted(BTreeMap<usize, Found>);

impl Accepted {
    /// Accepts `found` unless it overlaps a link accepted before; whether it did.
    fn push_if_free(&mut self, found: Found) -> bool {
        let overlaps = self
            .0
            .range(..found.end)
            .next_back()
            .is_some_and(|(_, a)| found.start < a.end);
        if !overlaps {
            self.0.insert(found.start, found);
        }
        !overlaps
    }
}

fn is_word(text: &str, start: usize, end: usize) -> bool {
    !text[..start]
        .chars()
        .next_back()
        .is_some_and(char::is_alphanumeric)
        && !text[end..]
            .chars()
            .next()
            .is_some_and(char::is_alphanumeric)
}

/// Brackets and quotation marks, which may stand between a sentence's end and the
/// next one's first word.
const QUOTES_AND_BRACKETS: &[char] = &[
    '(', ')', '[', ']', '"', '\'', '\u{201c}', '\u{201d}', '\u{2018}', '\u{2019}', '\u{ab}',
    '\u{bb}',
];

/// Abbreviations that end in a full stop within a sentence ("enligt 4 kap. Lagen").
/// Those with a full stop inside ("t.ex.", "bl.a.") are known by it.
const ABBREVIATIONS: &[&str] = &[
    "ang", "ca", "dvs", "enl", "exkl", "inkl", "jfr", "kap", "nr", "pga", "resp", "st", "tel",
];

/// Whether `start` begins a sentence: between it and the end of the sentence before, or
/// the start of the block, there are only spaces, brackets and quotation marks. A run
/// that follows emphasis, a link or code in its block goes on the text before it
/// (`before_run`, the block's text so far): "Se *bilagan* Definitioner av …" starts no
/// sentence at "Definitioner".
fn starts_sentence(text: &str, start: usize, before_run: &str) -> bool {
    let trim = |s: &'_ str| -> usize {
        s.trim_end_matches(|c: char| c.is_whitespace() || QUOTES_AND_BRACKETS.contains(&c))
            .len()
    };
    let in_run = trim(&text[..start]);
    let before = if in_run > 0 {
        &text[..in_run]
    } else {
        &before_run[..trim(before_run)]
    };
    match before.chars().next_back() {
        None | Some('!' | '?' | '\u{2026}') => true,
        Some('.') => {
            let word = before[..before.len() - 1]
                .rsplit(|c: char| c.is_whitespace() || QUOTES_AND_BRACKETS.contains(&c))
                .next()
                .unwrap_or_default();
            let dotted = word.contains('.') && word.chars().all(|c| c == '.' || c.is_alphabetic());
            !dotted && !ABBREVIATIONS.contains(&word)
        }
        Some(_) => false,
    }
}

/// Whether a name stands apart from the sentence it begins: what follows it, up to the
/// next word, is punctuation or nothing ("Definitioner", "Definitioner (bilaga 1)",
/// "Definitioner, Allmänna villkor och …"), not another word ("Definitioner av …").
fn stands_apart(after: &str) -> bool {
    after
        .trim_start()
        .chars()
        .next()
        .is_none_or(|c| !c.is_alphanumeric())
}

/// "punkt", "punkten", "punkterna" followed by section numbers.
fn section_refs(text: &str, sections: &SectionTable, problems: &mut Vec<Problem>) -> Vec<Found> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    for pos in memchr::memmem::find_iter(bytes, b"unkt") {
        let Some(start) = pos.checked_sub(1) else {
            continue;
        };
        if !matches!(bytes[start], b'p' | b'P') || !is_boundary_before(text, start) {
            continue;
        }
        let after = &text[pos + 4..];
        let word_len = ["erna ", "en ", " "]
            .iter()
            .find(|w| after.starts_with(*w))
            .map(|w| w.len());
        let Some(word_len) = word_len else {
            continue;
        };
        let mut cursor = pos + 4 + word_len;
        while let Some(len) = number_len(&text[cursor..]) {
            let number = &text[cursor..cursor + len];
            let end = cursor + len;
            match sections.get(number) {
                Some((id, _)) => {
                    let mut open = String::from("<a href=\"#");
                    escape_attr(&mut open, id);
                    open.push_str("\" class=\"section-ref\">");
                    out.push(Found {
                        start: cursor,
                        end,
                        open,
                    });
                    check_title(text, end, number, sections, cursor, problems);
                }
                None => {
                    let (near, all) = sections.numbers_near(number);
                    let which = match (near.is_empty(), all) {
                        (true, _) => "none",
                        (false, true) => "all",
                        (false, false) => "some",
                    };
                    let message = msg!(
                        "e0305-no-such-section",
                        reference = &text[start..end],
                        number = number,
                        near = which,
                        numbers = near.join(", "),
                    );
                    problems.push(Problem {
                        offset: cursor,
                        diagnostic: Diagnostic::error("E0305", message),
                    });
                }
            }
            // Lists of numbers: "punkterna 5.1, 5.2 och 5.3", ranges "5.1-5.3".
            let rest = &text[end..];
            let sep = [
                ", ",
                " och ",
                " eller ",
                " samt ",
                " - ",
                "-",
                " respektive ",
            ]
            .iter()
            .find(|s| rest.starts_with(*s) && number_len(&rest[s.len()..]).is_some());
            match sep {
                Some(s) => cursor = end + s.len(),
                None => break,
            }
        }
    }
    out
}

/// A number followed by the exact title of another section is a stale reference.
fn check_title(
    text: &str,
    end: usize,
    number: &str,
    sections: &SectionTable,
    offset: usize,
    problems: &mut Vec<Problem>,
) {
    let Some(following) = text[end..].strip_prefix(' ') else {
        return;
    };
    let hit = sections.title_at(following);
    if let Some((title, owner)) = hit
        && owner != number
    {
        let own_title = sections.get(number).map_or("", |(_, t)| t);
        let message = msg!(
            "e0306-title-of-another-section",
            number = number,
            title = title,
            own_title = own_title,
            owner = owner,
        );
        problems.push(Problem {
            offset,
            diagnostic: Diagnostic::error("E0306", message),
        });
    }
}

fn is_boundary_before(text: &str, pos: usize) -> bool {
    !text[..pos]
        .chars()
        .next_back()
        .is_some_and(char::is_alphanumeric)
}

/// The length of a section number `N(.N)*` at the start of `s`, not part of a longer token.
fn number_len(s: &str) -> Option<usize> {
    let bytes = s.as_bytes();
    let mut i = 0;
    loop {
        let digits = bytes[i..].iter().take_while(|b| b.is_ascii_digit()).count();
        if digits == 0 {
            return None;
        }
        i += digits;
        if i + 1 < bytes.len() && bytes[i] == b'.' && bytes[i + 1].is_ascii_digit() {
            i += 1;
            continue;
        }
        break;
    }
    // "5.3a" or "5,3" are not section numbers.
    if s[i..].chars().next().is_some_and(|c| {
        c.is_alphanumeric() || c == ',' && s[i + 1..].starts_with(|c: char| c.is_ascii_digit())
    }) {
        return None;
    }
    Some(i)
}

const DASHES: [char; 3] = ['-', '\u{2013}', '\u{2014}'];

/// Every spelling of `name` with its dashes written as hyphen, en dash or em dash
/// ("SSBTEK – Driftsavtal" = "SSBTEK - Driftsavtal"). Names with many dashes get the
/// uniform spellings only.
fn dash_spellings(name: &str) -> Vec<String> {
    let positions: Vec<usize> = name
        .char_indices()
        .filter(|(_, c)| DASHES.contains(c))
        .map(|(i, _)| i)
        .collect();
    if positions.is_empty() {
        return vec![name.to_string()];
    }
    if positions.len() > 3 {
        let mut out = vec![name.to_string()];
        out.extend(DASHES.iter().map(|d| name.replace(DASHES, &d.to_string())));
        return out;
    }
    let mut out = vec![String::new()];
    let mut last = 0;
    for &p in &positions {
        let dash_len = name[p..].chars().next().map_or(1, char::len_utf8);
        let segment = &name[last..p];
        out = out
            .into_iter()
            .flat_map(|prefix| DASHES.iter().map(move |d| format!("{prefix}{segment}{d}")))
            .collect();
        last = p + dash_len;
    }
    out.into_iter()
        .map(|prefix| format!("{prefix}{}", &name[last..]))
        .collect()
}

#[cfg(test)]
mod tests;
