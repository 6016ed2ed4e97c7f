//! Tables: accessible markup (`scope`, alignment classes, a named scrolling region),
//! and the term anchors of definitions tables on their first cells.

use std::collections::HashMap;

use pulldown_cmark::Alignment;

use crate::util::html::escape_attr;

/// The tables of one body: the one being written, and how many came before it.
#[derive(Default)]
pub(super) struct Tables {
    current: Option<TableState>,
    /// Tables so far, for their labels.
    count: usize,
}

/// The table being written.
struct TableState {
    alignments: Vec<Alignment>,
    in_head: bool,
    column: usize,
    /// Byte offset of the current row, where a definitions table keeps its term anchors.
    row_start: usize,
    definitions: bool,
}

impl Tables {
    /// The opening markup of the table at byte offset `offset`: a definitions table
    /// (`definitions`) has its terms in its first column; `heading` is the text of the
    /// heading it stands under, if any.
    pub(super) fn open(
        &mut self,
        alignments: Vec<Alignment>,
        offset: usize,
        definitions: bool,
        heading: Option<&str>,
    ) -> String {
        self.current = Some(TableState {
            alignments,
            in_head: false,
            column: 0,
            row_start: offset,
            definitions,
        });
        // A scrollable region needs a name, and landmarks on one page need
        // different names: number the tables and say where they stand.
        self.count += 1;
        let mut open = format!(
            "<div class=\"table-scroll\" tabindex=\"0\" role=\"region\" aria-label=\"Tabell {}",
            self.count
        );
        if let Some(heading) = heading {
            open.push_str(": ");
            escape_attr(&mut open, heading);
        }
        open.push_str("\"><table>\n");
        open
    }

    pub(super) fn close(&mut self) -> &'static str {
        self.current = None;
        "</tbody>\n</table></div>\n"
    }

    pub(super) fn open_head(&mut self) -> &'static str {
        if let Some(t) = &mut self.current {
            t.in_head = true;
            t.column = 0;
        }
        "<thead>\n<tr>"
    }

    pub(super) fn close_head(&mut self) -> &'static str {
        if let Some(t) = &mut self.current {
            t.in_head = false;
        }
        "</tr>\n</thead>\n<tbody>\n"
    }

    /// Opens the row at byte offset `offset`.
    pub(super) fn open_row(&mut self, offset: usize) -> &'static str {
        if let Some(t) = &mut self.current {
            t.column = 0;
            t.row_start = offset;
        }
        "<tr>"
    }

    /// The opening tag of a table cell: a header cell, a definitions table's term cell
    /// (with the term's anchor, taken from the plan's `term_anchors`; `in_term` is set),
    /// or a data cell, with the column's alignment class.
    pub(super) fn open_cell(
        &self,
        term_anchors: &mut HashMap<usize, String>,
        in_term: &mut bool,
    ) -> String {
        let Some(t) = &self.current else {
            return "<td>".into();
        };
        let class = match t.alignments.get(t.column) {
            Some(Alignment::Left) => " class=\"align-left\"",
            Some(Alignment::Center) => " class=\"align-center\"",
            Some(Alignment::Right) => " class=\"align-right\"",
            _ => "",
        };
        if t.in_head {
            format!("<th scope=\"col\"{class}>")
        } else if t.definitions && t.column == 0 {
            *in_term = true;
            let mut open = String::from("<th scope=\"row\"");
            // A row with an empty term cell defines nothing and has no anchor.
            if let Some(anchor) = term_anchors.remove(&t.row_start) {
                open.push_str(" id=\"");
                escape_attr(&mut open, &anchor);
                open.push('"');
            }
            open.push_str(class);
            open.push('>');
            open
        } else {
            format!("<td{class}>")
        }
    }

    /// Whether the cell being written is in the table's head row.
    pub(super) fn in_head(&self) -> bool {
        self.current.as_ref().is_some_and(|t| t.in_head)
    }

    /// Closes a cell: a header cell in the head or a definitions table's term column.
    pub(super) fn close_cell(&mut self) -> &'static str {
        let header = self
            .current
            .as_ref()
            .is_some_and(|t| t.in_head || (t.definitions && t.column == 0));
        if let Some(t) = &mut self.current {
            t.column += 1;
        }
        if header { "</th>" } else { "</td>" }
    }
}
