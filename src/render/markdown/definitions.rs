//! Definitions as written in an agreement body: the rows of `Term/Begrepp | Definition`
//! tables and the titles of Markdown definition lists (SPEC §4.2), and the anchor each
//! defined term gets.
//!
//! The one reader of definitions: the writer gives each of them its anchor
//! (the plan), and `render::terms` turns them into the definitions that terms link
//! to, so the two cannot disagree about which terms exist.

use std::borrow::Borrow;
use std::ops::Range;

use pulldown_cmark::{Event, Tag, TagEnd};

use crate::util::slug::slugify;
use crate::util::source::collapse_whitespace;

/// Whether a table's header cells make it a definitions table.
fn is_definition_header(cells: &[String]) -> bool {
    let [first, second] = cells else {
        return false;
    };
    let first = first.trim().to_lowercase();
    let second = second.trim().to_lowercase();
    matches!(
        first.as_str(),
        "term/begrepp" | "term" | "begrepp" | "begrepp/term" | "term / begrepp"
    ) && second == "definition"
}

/// The anchor of a defined term: `begrepp-<slug>` of its first form.
pub(crate) fn term_anchor(term: &str) -> String {
    let first = term
        .split('/')
        .map(collapse_whitespace)
        .find(|f| !f.is_empty())
        .unwrap_or_default();
    format!("begrepp-{}", slugify(&first))
}

/// A definition as written: a row of a definitions table or a title of a definition
/// list, and the definition's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Written {
    /// The term cell or list title as written (`Part/Parterna`), never without a form.
    pub(crate) term: String,
    /// The definition's text, whitespace as written.
    pub(crate) text: String,
    /// Byte offset of the table row or the list title: where the term's anchor goes.
    pub(crate) offset: usize,
}

/// Every definition in a body's events, and where its definitions tables start.
///
/// A row or title with no term (an empty cell) defines nothing.
#[derive(Debug, Default)]
pub(crate) struct Definitions {
    /// The definitions, in the order of the body.
    pub(crate) written: Vec<Written>,
    /// Byte offsets of the tables whose header makes them definitions tables.
    pub(crate) tables: Vec<usize>,
}

/// Reads the definitions tables and definition lists of a body's events.
pub(crate) fn read_definitions<'a, E: Borrow<Event<'a>>>(
    events: impl IntoIterator<Item = (E, Range<usize>)>,
) -> Definitions {
    let mut found = Definitions::default();
    // Tables do not nest and their cells hold inline text only.
    let mut table: Option<TableRows> = None;
    // One entry per open definition list (lists nest inside definitions): the title
    // being read and the text of its definitions.
    let mut lists: Vec<Option<Written>> = Vec::new();
    let mut in_title = false;
    for (event, range) in events {
        let event = event.borrow();
        if let Some(t) = &mut table {
            match event {
                Event::End(TagEnd::Table) => {
                    if let Some(t) = table.take() {
                        t.finish(&mut found);
                    }
                }
                Event::Start(Tag::TableRow | Tag::TableHead) => t.row_start = range.start,
                Event::End(TagEnd::TableCell) => t.cells.push(std::mem::take(&mut t.cell)),
                Event::End(TagEnd::TableRow | TagEnd::TableHead) => {
                    let row = (std::mem::take(&mut t.cells), t.row_start);
                    t.rows.push(row);
                }
                Event::Text(text) | Event::Code(text) => t.cell.push_str(text),
                Event::SoftBreak | Event::HardBreak => t.cell.push(' '),
                _ => {}
            }
            continue;
        }
        let open = lists.last_mut().and_then(Option::as_mut);
        match event {
            Event::Start(Tag::Table(_)) => {
                table = Some(TableRows {
                    start: range.start,
                    row_start: range.start,
                    rows: Vec::new(),
                    cells: Vec::new(),
                    cell: String::new(),
                });
            }
            Event::Start(Tag::DefinitionList) => lists.push(None),
            Event::End(TagEnd::DefinitionList) => {
                if let Some(Some(done)) = lists.pop() {
                    push_written(&mut found, done);
                }
            }
            Event::Start(Tag::DefinitionListTitle) => {
                if let Some(current) = lists.last_mut() {
                    if let Some(done) = current.take() {
                        push_written(&mut found, done);
                    }
                    *current = Some(Written {
                        term: String::new(),
                        text: String::new(),
                        offset: range.start,
                    });
                }
                in_title = true;
            }
            Event::End(TagEnd::DefinitionListTitle) => in_title = false,
            Event::Text(text) | Event::Code(text) => {
                if let Some(w) = open {
                    if in_title { &mut w.term } else { &mut w.text }.push_str(text);
                }
            }
            Event::SoftBreak | Event::HardBreak | Event::End(TagEnd::DefinitionListDefinition) => {
                if let Some(w) = open {
                    if in_title { &mut w.term } else { &mut w.text }.push(' ');
                }
            }
            _ => {}
        }
    }
    // A list nested in a definition is finished before the definition around it.
    found.written.sort_by_key(|w| w.offset);
    found
}

/// The rows of a table being read.
struct TableRows {
    start: usize,
    row_start: usize,
    /// (cells, byte offset of the row), the header row first.
    rows: Vec<(Vec<String>, usize)>,
    cells: Vec<String>,
    cell: String,
}

impl TableRows {
    fn finish(self, found: &mut Definitions) {
        let mut rows = self.rows.into_iter();
        if !rows
            .next()
            .is_some_and(|(head, _)| is_definition_header(&head))
        {
            return;
        }
        found.tables.push(self.start);
        for (cells, offset) in rows {
            let mut cells = cells.into_iter();
            let term = cells.next().unwrap_or_default();
            let text = cells.next().unwrap_or_default();
            push_written(found, Written { term, text, offset });
        }
    }
}

fn push_written(found: &mut Definitions, written: Written) {
    if written.term.split('/').any(|f| !f.trim().is_empty()) {
        found.written.push(written);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_term_definition_headers_count() {
        assert!(is_definition_header(&[
            "Term/Begrepp".into(),
            "Definition".into()
        ]));
        assert!(is_definition_header(&[
            "Begrepp".into(),
            "definition".into()
        ]));
        assert!(!is_definition_header(&["Version".into(), "Datum".into()]));
    }
}
