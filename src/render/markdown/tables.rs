//! Tables: accessible markup (`scope`, alignment classes, a named scrolling region),
//! and the term anchors of definitions tables on their first cells.

use std::collections::HashMap;

use pulldown_cmark::Alignment;

use crate::util::html::escape_attr;

/// The table being written.
pub(super) struct TableState {
    pub(super) alignments: Vec<Alignment>,
    pub(super) in_head: bool,
    pub(super) column: usize,
    /// Byte offset of the current row, where a definitions table keeps its term anchors.
    pub(super) row_start: usize,
    pub(super) definitions: bool,
}

impl TableState {
    /// The opening tag of a table cell: a header cell, a definitions table's term cell
    /// (with the term's anchor, taken from the plan's `term_anchors`; `in_term` is set),
    /// or a data cell, with the column's alignment class.
    pub(super) fn open_cell(
        &self,
        term_anchors: &mut HashMap<usize, String>,
        in_term: &mut bool,
    ) -> String {
        let t = self;
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
}
