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

/// Every `id="…"` in an HTML page, sorted for binary search; an id used twice is there
/// twice (a page that uses an id twice is reported by `render::links`).
pub(crate) fn collect_ids(html: &[u8]) -> Vec<Box<str>> {
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
