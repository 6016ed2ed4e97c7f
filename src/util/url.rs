//! URLs as browsers read them: which scheme a URL has, which schemes the site may
//! publish, and the percent-encoding of hrefs and decoding of paths.
//!
//! Knows nothing of portals; links (`render::links`), the settings' menus
//! (`load::config`), the Markdown writer and `serve` all read URLs through here, so they
//! cannot disagree about what a URL is.

use std::borrow::Cow;

use percent_encoding::{AsciiSet, CONTROLS, percent_decode_str, utf8_percent_encode};

/// The URL schemes a published link may use; everything else is refused (E0308).
pub(crate) const ALLOWED_SCHEMES: [&str; 4] = ["https", "http", "mailto", "tel"];

/// The characters a URL as written keeps percent-encoded in an href: the ones
/// pulldown-cmark's `escape_href` (and so CommonMark's reference output) encodes, less
/// `&` and `'`, which only need HTML escaping. `\` is among them: browsers read it as `/`.
const WRITTEN: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'<')
    .add(b'>')
    .add(b'[')
    .add(b'\\')
    .add(b']')
    .add(b'`')
    .add(b'{')
    .add(b'|')
    .add(b'}');

/// A decoded site path also encodes what would change its meaning: `%`, `?` and `#`.
const SITE_PATH: &AsciiSet = &WRITTEN.add(b'%').add(b'?').add(b'#');

/// A URL as written, percent-encoded for an href (existing `%XX` escapes are kept).
pub fn encode_written(url: &str) -> Cow<'_, str> {
    utf8_percent_encode(url, WRITTEN).into()
}

/// A decoded site path (`/bilder/Karta över.png`), percent-encoded for an href
/// (`/bilder/Karta%20%C3%B6ver.png`).
pub fn encode_site_path(path: &str) -> Cow<'_, str> {
    utf8_percent_encode(path, SITE_PATH).into()
}

/// `url` as a browser's URL parser first reads it: C0 controls and spaces trimmed from
/// both ends, tabs and line breaks removed everywhere (WHATWG URL, "basic URL parser").
pub(crate) fn browser_form(url: &str) -> Cow<'_, str> {
    let trimmed = url.trim_matches(|c: char| c <= ' ');
    if trimmed.contains(['\t', '\n', '\r']) {
        trimmed.replace(['\t', '\n', '\r'], "").into()
    } else {
        trimmed.into()
    }
}

/// The scheme a browser sees in `url`, lowercased: an ASCII letter, then letters,
/// digits, `+`, `-` or `.` up to a `:`. `None` for a relative URL (`kommun.md`,
/// `/avtal/`, `#steg`, `jav%61script:x`).
pub(crate) fn url_scheme(url: &str) -> Option<String> {
    let url = browser_form(url);
    let (scheme, _) = url.split_once(':')?;
    let mut chars = scheme.chars();
    let valid = chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    valid.then(|| scheme.to_ascii_lowercase())
}

/// Whether a browser given `href` stays on an allowed scheme (or on the site).
pub(crate) fn is_allowed_href(href: &str) -> bool {
    url_scheme(href).is_none_or(|s| ALLOWED_SCHEMES.contains(&s.as_str()))
}

/// Whether `text` has a `%` that does not start an escape of two hex digits (`100%`,
/// `%4`, `%zz`): a browser would keep it as written, where a decoder might not.
pub(crate) fn has_malformed_escape(text: &str) -> bool {
    text.match_indices('%').any(|(i, _)| {
        let hex = text.as_bytes().get(i + 1..i + 3);
        !hex.is_some_and(|h| h.iter().all(u8::is_ascii_hexdigit))
    })
}

/// `text` with its `%XX` escapes decoded; `None` if an escape is malformed (`%`, `%zz`)
/// or the bytes are not UTF-8. The one decoder of links and of `serve`'s request paths.
pub(crate) fn percent_decode(text: &str) -> Option<String> {
    if has_malformed_escape(text) {
        return None;
    }
    percent_decode_str(text)
        .decode_utf8()
        .ok()
        .map(Cow::into_owned)
}

/// A link's path or fragment decoded; as written when it is no valid escape sequence
/// (`100%`), since editors write such names by hand.
pub(crate) fn decode_link(text: &str) -> String {
    percent_decode(text).unwrap_or_else(|| text.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schemes_are_read_as_a_browser_reads_them() {
        for (url, scheme) in [
            ("https://x", Some("https")),
            ("mailto:a@b", Some("mailto")),
            ("JaVaScRiPt:alert(1)", Some("javascript")),
            (" \u{1}javascript:alert(1)", Some("javascript")),
            ("java\tscript:alert(1)", Some("javascript")),
            ("java\nscript:alert(1)", Some("javascript")),
            ("vbscript:x", Some("vbscript")),
            ("a+b-c.d:x", Some("a+b-c.d")),
            ("C:\\x", Some("c")),
            ("avtal:driftsavtal", Some("avtal")),
            ("kommun.md", None),
            ("a/b:c", None),
            ("jav%61script:alert(1)", None),
            ("java script:x", None),
            ("1a:x", None),
            ("/x:y", None),
            ("#a:b", None),
            (":x", None),
        ] {
            assert_eq!(url_scheme(url).as_deref(), scheme, "{url:?}");
        }
        assert!(is_allowed_href("/bilder/a.png"));
        assert!(is_allowed_href("TEL:+4610"));
        assert!(!is_allowed_href("data:text/html,x"));
        assert!(!is_allowed_href("\tjavascript:x"));
    }

    /// pulldown-cmark's `escape_href` (what CommonMark's reference output encodes) is the
    /// reference: a URL as written is encoded as it encodes it, but for `&` and `'`, which
    /// it writes as HTML entities and the writer escapes later.
    #[test]
    fn written_urls_are_encoded_as_pulldown_cmark_encodes_them() {
        let mut all_ascii: String = (0u8..0x80).map(char::from).collect();
        all_ascii.push_str("åäö€😀");
        for url in [
            all_ascii.as_str(),
            "https://x/Karta över.png?a=1&b='2'#ö",
            "%20%zz%",
        ] {
            let mut reference = String::new();
            pulldown_cmark_escape::escape_href(&mut reference, url).unwrap();
            let ours = encode_written(url);
            assert_eq!(
                ours.replace('&', "&amp;").replace('\'', "&#x27;"),
                reference,
                "{url:?}"
            );
        }
    }

    #[test]
    fn decoded_site_paths_are_encoded_again() {
        assert_eq!(
            encode_site_path("/bilder/Karta över.png"),
            "/bilder/Karta%20%C3%B6ver.png"
        );
        // What decoding gave back must not change the meaning: `%3F` stays `%3F`.
        assert_eq!(
            encode_site_path("/fr?ga#1 100%.pdf"),
            "/fr%3Fga%231%20100%25.pdf"
        );
        assert_eq!(encode_site_path("/foo\\bar"), "/foo%5Cbar");
        assert_eq!(encode_site_path("/avtal/drift-1/"), "/avtal/drift-1/");
    }

    #[test]
    fn finds_a_percent_that_starts_no_escape() {
        for text in ["100%", "%4", "%zz", "a%2", "%%41", "%\u{e5}x"] {
            assert!(has_malformed_escape(text), "{text:?}");
        }
        for text in ["", "avtal", "%41", "a%2fb%C3%A5", "/ssbtek/%20/"] {
            assert!(!has_malformed_escape(text), "{text:?}");
        }
    }

    #[test]
    fn decodes_percent_escapes() {
        assert_eq!(percent_decode("%3F%2e").as_deref(), Some("?."));
        assert_eq!(percent_decode("a%").as_deref(), None);
        assert_eq!(decode_link("a%20b.md"), "a b.md");
        assert_eq!(decode_link("100%"), "100%");
        assert_eq!(decode_link("%C3%A5"), "å");
        assert_eq!(percent_decode("%C3%A5").as_deref(), Some("å"));
        assert_eq!(percent_decode("100%"), None);
        assert_eq!(percent_decode("%4"), None);
        assert_eq!(percent_decode("%zz"), None);
        assert_eq!(percent_decode("%FF"), None, "not UTF-8");
    }
}
