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
        // Every run of text of every page is searched: a DFA costs a little to build
        // once and is the fastest to search. Its size is limited, and a portal with a
        // great many titles could reach the limit; an NFA finds the same mentions a
        // little slower, rather than none being linked. (The last one fails only past
        // two billion states, far more memory than any portal's titles take.)
        let build = |kind| {
            AhoCorasick::builder()
                .match_kind(MatchKind::LeftmostLongest)
                .kind(Some(kind))
                .build(&patterns)
        };
        let matcher = build(AhoCorasickKind::DFA)
            .or_else(|_| build(AhoCorasickKind::ContiguousNFA))
            .or_else(|_| build(AhoCorasickKind::NoncontiguousNFA))
            .ok()?;
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
mod tests {
    use super::*;
    use crate::util::i18n::Lang;

    fn table() -> SectionTable {
        let mut t = SectionTable::default();
        t.add("5", "punkt-5", "Åtaganden");
        t.add("5.1", "punkt-5.1", "Drift");
        t.add("5.3", "punkt-5.3", "Applikationsförvaltning");
        t.add("5.7", "punkt-5.7", "Servicenivåer");
        t.add("5.8", "punkt-5.8", "Former för teknisk samverkan");
        t.add("9.3", "punkt-9.3", "Uppsägning");
        t.add("9.4", "punkt-9.4", "Uppsägning vid avtalsbrott");
        t.finish();
        t
    }

    fn run(text: &str) -> (Vec<String>, Vec<Problem>) {
        let t = table();
        let anchors = HashSet::new();
        let ctx = Context {
            sections: Some(&t),
            mentions: None,
            terms: None,
            self_doc: None,
            local_anchors: &anchors,
            defining: None,
            before: "",
        };
        let (pieces, problems) = annotate(text, &ctx, &mut State::default());
        let links = pieces
            .into_iter()
            .filter_map(|p| match p {
                Piece::Link(open, r) => Some(format!("{open}{}", &text[r])),
                Piece::Text(_) => None,
            })
            .collect();
        (links, problems)
    }

    #[test]
    fn section_references_link_to_the_section() {
        let (links, problems) =
            run("enligt punkten 5.3, punkterna 5.1 och 5.3 samt punkten 9.3 nedan.");
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(
            links,
            [
                "<a href=\"#punkt-5.3\" class=\"section-ref\">5.3",
                "<a href=\"#punkt-5.1\" class=\"section-ref\">5.1",
                "<a href=\"#punkt-5.3\" class=\"section-ref\">5.3",
                "<a href=\"#punkt-9.3\" class=\"section-ref\">9.3",
            ]
        );
    }

    #[test]
    fn reference_across_a_line_break() {
        // Soft line breaks reach the matchers as spaces.
        let (links, problems) = run("enligt punkten 5.3 gäller");
        assert!(problems.is_empty());
        assert_eq!(links, ["<a href=\"#punkt-5.3\" class=\"section-ref\">5.3"]);
    }

    #[test]
    fn missing_section_is_a_problem_with_nearby_numbers() {
        let (_, problems) = run("enligt punkten 5.4 ska");
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].diagnostic.code, "E0305");
        assert_eq!(problems[0].offset, 15);
        assert_eq!(
            problems[0].diagnostic.hint.as_deref().unwrap_or_default(),
            "sections at that level: 5.1, 5.3, 5.7, 5.8"
        );
        let d = &problems[0].diagnostic;
        assert_eq!(
            d.message.get(Lang::Sv),
            "`punkten 5.4` hänvisar till punkt 5.4, som inte finns i det här dokumentet"
        );
        assert_eq!(
            d.hint.as_ref().map(|h| h.get(Lang::Sv)),
            Some("punkter på den nivån: 5.1, 5.3, 5.7, 5.8")
        );
    }

    #[test]
    fn title_of_another_section_is_a_problem() {
        let (_, problems) = run("hanteras enligt punkten 5.7 Former för teknisk samverkan.");
        assert_eq!(problems.len(), 1);
        assert_eq!(
            problems[0].diagnostic.message,
            "`punkten 5.7 Former för teknisk samverkan`: 5.7 is `Servicenivåer`; the title belongs to 5.8"
        );
        let (_, ok) = run("hanteras enligt punkten 5.8 Former för teknisk samverkan.");
        assert!(ok.is_empty());
        // The longest title that follows counts, whatever order the sections came in.
        let (_, ok) = run("enligt punkten 9.4 Uppsägning vid avtalsbrott.");
        assert!(ok.is_empty(), "{ok:?}");
    }

    #[test]
    fn a_shorter_title_counts_when_the_longer_one_is_not_a_whole_word() {
        let mut t = table();
        t.add("5.2", "punkt-5.2", "Drift och förvaltning");
        t.finish();
        let anchors = HashSet::new();
        let ctx = Context {
            sections: Some(&t),
            mentions: None,
            terms: None,
            self_doc: None,
            local_anchors: &anchors,
            defining: None,
            before: "",
        };
        let problems = |text| annotate(text, &ctx, &mut State::default()).1;
        // "Drift och förvaltningen" is not the title of 5.2, but it starts with the
        // title of 5.1.
        let p = problems("enligt punkten 5.2 Drift och förvaltningen.");
        assert_eq!(p.len(), 1, "{p:?}");
        assert_eq!(
            p[0].diagnostic.message,
            "`punkten 5.2 Drift`: 5.2 is `Drift och förvaltning`; the title belongs to 5.1"
        );
        assert!(problems("enligt punkten 5.2 Drift och förvaltning.").is_empty());
        assert!(problems("enligt punkten 5.1 Drifterna.").is_empty());
    }

    #[test]
    fn a_missing_section_among_many_lists_the_numbers_near_it() {
        let mut t = SectionTable::default();
        for n in 1..=30 {
            t.add(&n.to_string(), &format!("punkt-{n}"), "Rubrik");
        }
        t.finish();
        let anchors = HashSet::new();
        let ctx = Context {
            sections: Some(&t),
            mentions: None,
            terms: None,
            self_doc: None,
            local_anchors: &anchors,
            defining: None,
            before: "",
        };
        let (_, problems) = annotate("punkten 13a och punkten 31", &ctx, &mut State::default());
        assert_eq!(
            problems[0].diagnostic.hint.as_deref().unwrap_or_default(),
            "sections near it at that level: 21, 22, 23, 24, 25, 26, 27, 28, 29, 30"
        );
        let (_, problems) = annotate("punkten 0", &ctx, &mut State::default());
        assert_eq!(
            problems[0].diagnostic.hint.as_deref().unwrap_or_default(),
            "sections near it at that level: 1, 2, 3, 4, 5, 6, 7, 8, 9, 10"
        );
    }

    #[test]
    fn overlapping_links_keep_the_first_accepted() {
        let found = |start, end| Found {
            start,
            end,
            open: format!("<a {start}>"),
        };
        let mut accepted = Accepted::default();
        let taken: Vec<bool> = [
            (0, 5),
            (10, 15),
            (4, 6),
            (5, 10),
            (14, 20),
            (9, 11),
            (15, 16),
        ]
        .into_iter()
        .map(|(s, e)| accepted.push_if_free(found(s, e)))
        .collect();
        assert_eq!(taken, [true, true, false, true, false, false, true]);
        let starts: Vec<usize> = accepted.0.values().map(|f| f.start).collect();
        assert_eq!(starts, [0, 5, 10, 15]);
    }

    #[test]
    fn a_run_with_nothing_to_link_gives_no_pieces() {
        let t = table();
        let anchors = HashSet::new();
        let ctx = Context {
            sections: Some(&t),
            mentions: None,
            terms: None,
            self_doc: None,
            local_anchors: &anchors,
            defining: None,
            before: "",
        };
        let (pieces, problems) = annotate(
            "Inget att länka, inte ens en punkt.",
            &ctx,
            &mut State::default(),
        );
        assert!(problems.is_empty());
        assert!(pieces.is_empty(), "{pieces:?}");
        assert_eq!(pieces.capacity(), 0, "nothing allocated");
    }

    #[test]
    fn not_every_punkt_is_a_reference() {
        let (links, problems) =
            run("En utgångspunkt är 5.3 procent, kontrollpunkten 5 och punkt-listan.");
        assert!(
            links.is_empty() && problems.is_empty(),
            "{links:?} {problems:?}"
        );
    }

    #[test]
    fn titles_of_ordinary_words_wait_for_the_sentence_to_say_so() {
        let at_start = |name: &str| Target::new("d", "/d/", name).at_sentence_start;
        for name in ["Definitioner", "Allmänna villkor", "Reglering av ansvar"] {
            assert!(!at_start(name), "{name}");
        }
        for name in [
            "SSBTEK – Driftsavtal",
            "Driftsavtalet",
            "Villkoren",
            "Bilagorna",
            "Avtal 2024",
            "Överenskommelse om myndighetssamverkan för effektiv informationsöverföring",
        ] {
            assert!(at_start(name), "{name}");
        }
        assert!(!at_start("Informationssäkerhet"), "-het is not definite");
    }

    #[test]
    fn where_sentences_start() {
        let starts = |text: &str| starts_sentence(text, text.find('X').unwrap(), "");
        for text in [
            "X",
            "  X",
            "Slut. X",
            "Slut! X",
            "Slut? (X",
            "Slut.\" X",
            "slut.) X",
        ] {
            assert!(starts(text), "{text}");
        }
        for text in [
            "enligt X", "t.ex. X", "bl.a. X", "4 kap. X", "se (X", "a, X", "a: X", "a – X",
        ] {
            assert!(!starts(text), "{text}");
        }
        // A run after emphasis, a link or code goes on the block's text before it.
        assert!(starts_sentence("X", 0, ""));
        assert!(starts_sentence(" X", 1, "Det står i bilagan. "));
        assert!(!starts_sentence(" X", 1, "Se bilagan "));
        assert!(!starts_sentence("X", 0, "enligt 4 kap. "));
        assert!(starts_sentence("Slut. X", 6, "Se bilagan "));
        // A number ends a sentence: "… version 2.0. X".
        assert!(starts("version 2.0. X"));
    }

    #[test]
    fn a_name_stands_apart_when_no_word_follows() {
        for after in ["", ".", ", Allmänna", " (bilaga 1)", " – om", ":"] {
            assert!(stands_apart(after), "{after:?}");
        }
        for after in [" av begreppen", "  finns", " 2"] {
            assert!(!stands_apart(after), "{after:?}");
        }
    }

    #[test]
    fn dash_spellings_cover_hyphen_and_en_dash() {
        let spellings = dash_spellings("SSBTEK – Driftsavtal");
        assert!(spellings.contains(&"SSBTEK - Driftsavtal".to_string()));
        assert!(spellings.contains(&"SSBTEK – Driftsavtal".to_string()));
        assert_eq!(spellings.len(), 3);
        assert_eq!(dash_spellings("a-b-c").len(), 9);
        assert_eq!(dash_spellings("Avtal"), ["Avtal"]);
    }
}
