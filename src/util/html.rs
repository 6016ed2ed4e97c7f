//! HTML text: escaping what the build writes into pages and feeds, undoing it, and
//! reading attribute values out of rendered pages.
//!
//! The build writes HTML itself (the Markdown writer, annotations, views) and reads the
//! `id`s and `href`s of rendered pages (the fragment check, the hierarchy check, the
//! theme's ids, the Content-Security-Policy check), all through these few functions.

use std::borrow::Cow;

/// Appends `text` escaped for HTML text content: `&`, `<` and `>`
/// (pulldown-cmark-escape's `escape_html_body_text`, what pulldown-cmark writes).
pub(crate) fn escape_text(out: &mut String, text: &str) {
    // Writing to a `String` cannot fail.
    let _ = pulldown_cmark_escape::escape_html_body_text(out, text);
}

/// Undoes [`escape_text`] and [`escape_attr`] (`&#39;` included, which themes write too).
///
/// Written here rather than taken from a crate: it undoes exactly the five references
/// the build and Tera's escaping write, and returns the text unchanged, without copying,
/// when it has no `&` (most ids and words).
pub(crate) fn unescape_html(text: &str) -> Cow<'_, str> {
    if !text.contains('&') {
        return text.into();
    }
    text.replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
        .into()
}

/// Appends `text` escaped for a quoted HTML attribute: `&`, `<`, `>`, `"` and `'`
/// (pulldown-cmark-escape's `escape_html`, what pulldown-cmark writes).
///
/// The same escaping as Tera's in the templates. The hand-written escaper this replaced
/// left `'` as it was, which is safe inside double quotes; `&#39;` is as valid and reads
/// back the same ([`unescape_html`]).
pub(crate) fn escape_attr(out: &mut String, text: &str) {
    // Writing to a `String` cannot fail.
    let _ = pulldown_cmark_escape::escape_html(out, text);
}

/// The values of one attribute in an HTML page, in order, as written (still escaped).
/// `needle` is the attribute's name with a space before and `="` after: ` id="`.
pub(crate) fn attribute_values<'h>(
    html: &'h [u8],
    needle: &'static [u8],
) -> impl Iterator<Item = &'h str> {
    memchr::memmem::find_iter(html, needle).filter_map(move |pos| {
        let start = pos + needle.len();
        let len = memchr::memchr(b'"', &html[start..])?;
        std::str::from_utf8(&html[start..start + len]).ok()
    })
}

/// The `id`s of a rendered page, sorted for binary search; an id used twice is there
/// twice (a page that uses an id twice is reported by `render::links`).
///
/// Every page's ids are kept to the end of the build (links to a page's `#fragment`s
/// may come from pages rendered after it), so they are packed: one string holding them
/// all and the offsets where each ends, two allocations a page instead of one an id.
/// At 50,000 pages and 570,000 ids that is 8 MB instead of 22.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct PageIds {
    /// The ids, one after another.
    text: Box<str>,
    /// Where each id ends in `text`.
    ends: Box<[u32]>,
}

impl PageIds {
    /// Every `id="…"` in an HTML page, unescaped.
    pub(crate) fn collect(html: &[u8]) -> Self {
        let mut ids: Vec<Cow<'_, str>> = attribute_values(html, b" id=\"")
            .map(unescape_html)
            .collect();
        ids.sort_unstable();
        let mut text = String::with_capacity(ids.iter().map(|id| id.len()).sum());
        let mut ends = Vec::with_capacity(ids.len());
        for id in &ids {
            // The ids of one page come from its HTML, which is far below 4 GiB; past
            // that, the rest would not be found rather than be wrong.
            let Ok(end) = u32::try_from(text.len() + id.len()) else {
                break;
            };
            text.push_str(id);
            ends.push(end);
        }
        PageIds {
            text: text.into(),
            ends: ends.into(),
        }
    }

    /// The `i`th id in sorted order.
    fn get(&self, i: usize) -> &str {
        let start = i.checked_sub(1).map_or(0, |j| self.ends[j] as usize);
        &self.text[start..self.ends[i] as usize]
    }

    /// The ids in sorted order, duplicates included.
    pub(crate) fn iter(&self) -> impl Iterator<Item = &str> {
        (0..self.ends.len()).map(|i| self.get(i))
    }

    /// Whether the page has `id`.
    pub(crate) fn contains(&self, id: &str) -> bool {
        // A binary search for the first id not less than `id`, over indices: the ids
        // are not a slice that `binary_search` could take.
        let (mut low, mut high) = (0, self.ends.len());
        while low < high {
            let mid = low + (high - low) / 2;
            if self.get(mid) < id {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        low < self.ends.len() && self.get(low) == id
    }

    /// The ids the page has more than once, each once, in sorted order.
    pub(crate) fn duplicates(&self) -> impl Iterator<Item = &str> {
        (1..self.ends.len()).filter_map(|i| {
            let id = self.get(i);
            (self.get(i - 1) == id && (i + 1 == self.ends.len() || self.get(i + 1) != id))
                .then_some(id)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn collects_ids_from_html() {
        let ids = PageIds::collect(b"<h2 id=\"punkt-5.3\">x</h2><a id=\"a&amp;b\">");
        assert_eq!(ids.iter().collect::<Vec<_>>(), ["a&b", "punkt-5.3"]);
    }

    #[test]
    fn page_ids_are_found_whatever_their_place() {
        let html = b"<p id=\"b\"><p id=\"d\"><p id=\"a\"><p id=\"c\"><p id=\"\">";
        let ids = PageIds::collect(html);
        for id in ["", "a", "b", "c", "d"] {
            assert!(ids.contains(id), "{id}");
        }
        for id in ["aa", "e", "0", "B"] {
            assert!(!ids.contains(id), "{id}");
        }
        assert!(!PageIds::default().contains(""));
    }

    #[test]
    fn an_id_used_twice_or_more_is_one_duplicate() {
        let html = b"<p id=\"x\"><p id=\"a\"><p id=\"x\"><p id=\"m\"><p id=\"x\"><p id=\"a\">";
        let ids = PageIds::collect(html);
        assert_eq!(
            ids.iter().collect::<Vec<_>>(),
            ["a", "a", "m", "x", "x", "x"]
        );
        assert_eq!(ids.duplicates().collect::<Vec<_>>(), ["a", "x"]);
        assert_eq!(PageIds::collect(b"<p id=\"one\">").duplicates().count(), 0);
    }
}
