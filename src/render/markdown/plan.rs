//! The plan: a first look at a body's whole event list, before anything is written.
//! It decides every heading id and term anchor (so references can point forward), the
//! numbered sections, and reports id problems.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use pulldown_cmark::{Event, Tag};

use super::definitions::{read_definitions, term_anchor};
use super::ids::{FootnoteId, Ids, explicit_id, footnote_ids, slug_id};
use super::sections::{SectionTable, split_section_number};
use super::{Body, Heading};
use crate::util::diag::Diagnostic;
use crate::util::i18n::msg;

/// What a first look at the whole event list decides: every heading id and term anchor
/// (so references can point forward), the numbered sections, and id problems.
pub(super) struct Plan {
    /// Every heading, by the byte offset at which it starts in the body: headings in
    /// footnotes, block quotes and list items alike.
    pub(super) headings: HashMap<usize, Heading>,
    /// The anchor of each defined term, by the byte offset of its table row or list title.
    pub(super) term_anchors: HashMap<usize, String>,
    /// Byte offsets of the definitions tables.
    pub(super) definition_tables: HashSet<usize>,
    pub(super) sections: SectionTable,
    pub(super) local_anchors: HashSet<String>,
    pub(super) diagnostics: Vec<Diagnostic>,
    /// The term each definition defines, by the byte offset of its table row or list
    /// title: the name `term_anchor` gives it, whatever anchor it gets here, so that a
    /// term is not linked inside any definition of itself.
    pub(super) definition_terms: HashMap<usize, String>,
}

impl Plan {
    /// Plans a body: term anchors first (agreements only), then every heading's id and
    /// section number, in the order they stand.
    pub(super) fn new(
        events: &[(Event<'_>, Range<usize>)],
        agreement: bool,
        theme_ids: Option<&HashSet<String>>,
        body: Body<'_>,
    ) -> Plan {
        let footnotes = footnote_ids(events);
        let mut ids = Ids::new(events, theme_ids, &footnotes);
        let mut plan = Plan {
            headings: HashMap::new(),
            term_anchors: HashMap::new(),
            definition_tables: HashSet::new(),
            sections: SectionTable::default(),
            local_anchors: HashSet::new(),
            diagnostics: Vec::new(),
            definition_terms: HashMap::new(),
        };
        if agreement {
            // Term anchors first: other documents link to them by the name
            // `term_anchor` gives, which a heading must not take.
            plan.anchor_terms(events, &mut ids);
        }
        // Where each explicit `{#id}` was first given, to report a second one.
        let mut explicit_ids: HashMap<&str, usize> = HashMap::new();
        let mut i = 0;
        while i < events.len() {
            let Event::Start(Tag::Heading {
                level, id, attrs, ..
            }) = &events[i].0
            else {
                i += 1;
                continue;
            };
            let offset = events[i].1.start;
            let explicit = explicit_id(id, attrs);
            let end = matching_end(events, i);
            let text = plain_text(events[i + 1..end].iter().map(|(e, _)| e));
            let (number, title) = if agreement {
                split_section_number(&text)
            } else {
                (None, text.trim().to_string())
            };
            let id = match explicit {
                Some(id) => {
                    let at = body.offset + offset;
                    if let Some(note) = footnotes.get(id) {
                        plan.diagnostics.push(footnote_clash(id, note, body, at));
                    } else if let Some(&first) = explicit_ids.get(id) {
                        plan.diagnostics.push(id_given_twice(id, body, at, first));
                    } else {
                        explicit_ids.insert(id, at);
                    }
                    id.to_string()
                }
                None => {
                    let base = match &number {
                        Some(n) => format!("punkt-{n}"),
                        None => slug_id(&text),
                    };
                    ids.unique(base)
                }
            };
            if let Some(n) = &number {
                plan.add_section(n, &id, &title, body, offset);
            }
            let heading = Heading {
                level: *level as u8,
                id,
                text: text.trim().to_string(),
                number,
                title,
                offset,
                explicit: explicit.is_some(),
            };
            plan.headings.insert(offset, heading);
            i = end;
        }
        plan.sections.finish();
        plan
    }

    /// Gives every defined term of an agreement its anchor and notes its definitions
    /// tables.
    fn anchor_terms(&mut self, events: &[(Event<'_>, Range<usize>)], ids: &mut Ids<'_>) {
        let definitions = read_definitions(events.iter().map(|(e, r)| (e, r.clone())));
        self.definition_tables.extend(definitions.tables);
        for written in definitions.written {
            let term = term_anchor(&written.term);
            let anchor = ids.unique(term.clone());
            self.local_anchors.insert(anchor.clone());
            self.term_anchors.insert(written.offset, anchor);
            self.definition_terms.insert(written.offset, term);
        }
    }

    /// Adds section `number` (the heading with `id` and `title`, at `offset` in the
    /// body); a number used twice is an error.
    fn add_section(&mut self, number: &str, id: &str, title: &str, body: Body<'_>, offset: usize) {
        // The number, not the id, says which section "punkten N" means: a number used
        // twice is ambiguous whatever ids the headings have.
        if self.sections.contains(number) {
            let message = msg!("e0304-section-used-twice", number = number);
            self.diagnostics.push(
                Diagnostic::error("E0304", message).at(body.file.location(body.offset + offset)),
            );
        } else {
            self.sections.add(number, id, title);
        }
    }
}

/// E0307: an explicit heading id given a second time, at `at`; `first` is where it was
/// first given (both offsets in the whole file).
fn id_given_twice(id: &str, body: Body<'_>, at: usize, first: usize) -> Diagnostic {
    let line = body.file.location(first).line;
    Diagnostic::error("E0307", msg!("e0307-id-given-twice", id = id, line = line))
        .at(body.file.location(at))
}

/// An explicit heading id that the footnotes section also writes: the page would have
/// two elements with one id, and the heading's links would lead to the note.
fn footnote_clash(id: &str, note: &FootnoteId, body: Body<'_>, at: usize) -> Diagnostic {
    let target = if note.reference {
        "reference"
    } else {
        "footnote"
    };
    let message = msg!(
        "e0307-footnote-id",
        id = id,
        target = target,
        label = &note.label,
    );
    Diagnostic::error("E0307", message).at(body.file.location(at))
}

/// The index of the `End` matching the `Start` at `start`.
fn matching_end(events: &[(Event<'_>, Range<usize>)], start: usize) -> usize {
    let mut depth = 0usize;
    for (i, (event, _)) in events.iter().enumerate().skip(start) {
        match event {
            Event::Start(_) => depth += 1,
            Event::End(_) => {
                depth -= 1;
                if depth == 0 {
                    return i;
                }
            }
            _ => {}
        }
    }
    events.len().saturating_sub(1)
}

/// The visible text of some inline events.
fn plain_text<'e, 'a: 'e>(events: impl Iterator<Item = &'e Event<'a>>) -> String {
    let mut text = String::new();
    for event in events {
        match event {
            Event::Text(t) | Event::Code(t) => text.push_str(t),
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            _ => {}
        }
    }
    text
}
