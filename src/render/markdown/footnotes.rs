//! Footnotes: numbered in order of first reference and written after the body.

use std::collections::HashMap;
use std::fmt::Write as _;

use pulldown_cmark::Event;

/// Footnotes, numbered in order of first reference and written after the body.
///
/// Labels match as CommonMark matches them, ignoring case. The ids come from the
/// numbers (`fn-1`, `fnref-1`, `fnref-1-2` for a second reference), not from the
/// labels: `[^†]` and `[^‡]` have no slug, and `[^ö]` and `[^o]` the same one.
#[derive(Default)]
pub(super) struct Footnotes<'a> {
    /// By label key: (number, references so far).
    numbers: HashMap<String, (usize, usize)>,
    /// Label keys in order of first reference.
    order: Vec<String>,
    /// By label key: the definition's events.
    definitions: HashMap<String, Vec<Event<'a>>>,
}

impl<'a> Footnotes<'a> {
    pub(super) fn reference(&mut self, label: &str) -> String {
        let key = footnote_key(label);
        let (number, count) = match self.numbers.get_mut(&key) {
            Some(entry) => {
                entry.1 += 1;
                *entry
            }
            None => {
                self.order.push(key.clone());
                let entry = (self.order.len(), 1);
                self.numbers.insert(key, entry);
                entry
            }
        };
        let ref_id = if count == 1 {
            format!("fnref-{number}")
        } else {
            format!("fnref-{number}-{count}")
        };
        format!(
            "<sup class=\"footnote-ref\"><a href=\"#fn-{number}\" id=\"{ref_id}\" aria-label=\"Fotnot {number}\">{number}</a></sup>"
        )
    }

    pub(super) fn define(&mut self, label: &str, events: Vec<Event<'a>>) {
        self.definitions.insert(footnote_key(label), events);
    }

    pub(super) fn write(mut self, html: &mut String) {
        if self.order.is_empty() && self.definitions.is_empty() {
            return;
        }
        // Definitions nobody refers to are still shown, after the referenced ones, and
        // numbered as the list shows them.
        let mut unreferenced: Vec<String> = self
            .definitions
            .keys()
            .filter(|k| !self.numbers.contains_key(*k))
            .cloned()
            .collect();
        unreferenced.sort();
        html.push_str("<section class=\"footnotes\" aria-label=\"Fotnoter\">\n<ol>\n");
        for (i, key) in self.order.iter().chain(unreferenced.iter()).enumerate() {
            let number = i + 1;
            let _ = write!(html, "<li id=\"fn-{number}\">");
            if let Some(events) = self.definitions.remove(key) {
                pulldown_cmark::html::push_html(html, events.into_iter());
            }
            if self.numbers.contains_key(key) {
                let _ = write!(
                    html,
                    " <a href=\"#fnref-{number}\" class=\"footnote-back\" aria-label=\"Tillbaka till texten\">↩</a>"
                );
            }
            html.push_str("</li>\n");
        }
        html.push_str("</ol>\n</section>\n");
    }
}

/// A footnote label as CommonMark matches it: case and runs of whitespace ignored.
pub(super) fn footnote_key(label: &str) -> String {
    crate::util::source::collapse_whitespace(label).to_lowercase()
}
