//! HTML text: escaping what the build writes into pages and feeds, undoing it, and
//! reading attribute values out of rendered pages.
//!
//! The build writes HTML itself (the Markdown writer, annotations, views) and reads the
//! `id`s and `href`s of rendered pages (the fragment check, the hierarchy check, the
//! theme's ids, the Content-Security-Policy check), all through these few functions.

use std::borrow::Cow;

/// Appends `text` escaped for HTML text content.
pub fn escape_text(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
}

/// Undoes [`escape_text`] and [`escape_attr`] (and `&#39;`, which themes may write).
pub fn unescape_html(text: &str) -> Cow<'_, str> {
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

/// Appends `text` escaped for a double-quoted HTML attribute.
pub fn escape_attr(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
}

/// The values of one attribute in an HTML page, in order, as written (still escaped).
/// `needle` is the attribute's name with a space before and `="` after: ` id="`.
pub fn attribute_values<'h>(
    html: &'h [u8],
    needle: &'static [u8],
) -> impl Iterator<Item = &'h str> {
    memchr::memmem::find_iter(html, needle).filter_map(move |pos| {
        let start = pos + needle.len();
        let len = memchr::memchr(b'"', &html[start..])?;
        std::str::from_utf8(&html[start..start + len]).ok()
    })
}

/// Every `id="…"` in an HTML page, sorted for binary search; an id used twice is there
/// twice (a page that uses an id twice is reported by `render::links`).
pub fn collect_ids(html: &[u8]) -> Vec<Box<str>> {
    let mut ids: Vec<Box<str>> = attribute_values(html, b" id=\"")
        .map(|id| unescape_html(id).into())
        .collect();
    ids.sort_unstable();
    ids
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn collects_ids_from_html() {
        let ids = collect_ids(b"<h2 id=\"punkt-5.3\">x</h2><a id=\"a&amp;b\">");
        assert_eq!(ids, vec!["a&b".into(), "punkt-5.3".into()]);
    }
}
