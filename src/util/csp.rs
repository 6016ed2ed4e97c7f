//! The Content-Security-Policy the published site is built for (SPEC §6 "Safe").
//!
//! One source of truth: the default theme writes [`META_POLICY`] into every page as a
//! `<meta http-equiv>`, `serve` sends [`HEADER_POLICY`] as a header, the README shows the
//! header for nginx and Apache, and the e2e suite serves the site under it and fails on
//! any violation. Nothing the portal generates needs inline script, inline style or
//! event-handler attributes; `search.js` fetches its index from the site itself.

/// The policy as a page's `<meta http-equiv="Content-Security-Policy">` can carry it.
pub const META_POLICY: &str = "default-src 'none'; script-src 'self'; style-src 'self'; \
img-src 'self'; font-src 'self'; connect-src 'self'; manifest-src 'self'; \
form-action 'self'; base-uri 'none'; object-src 'none'";

/// The policy as an HTTP header: the meta policy plus what only a header can say
/// (browsers ignore `frame-ancestors` in a `<meta>`).
pub const HEADER_POLICY: &str = "default-src 'none'; script-src 'self'; style-src 'self'; \
img-src 'self'; font-src 'self'; connect-src 'self'; manifest-src 'self'; \
form-action 'self'; base-uri 'none'; object-src 'none'; frame-ancestors 'none'";

/// The element the build inserts into a page whose theme does not write the policy.
fn meta_element() -> String {
    format!("\n<meta http-equiv=\"Content-Security-Policy\" content=\"{META_POLICY}\">")
}

/// Returns the page with [`META_POLICY`] in its `<head>`: as the theme wrote it, or
/// inserted by the build.
///
/// A theme that forgets `{{ site.csp }}` (or drops it, or comments it out) must not
/// publish pages without the policy, so the policy is inserted rather than only warned
/// about: after `<meta charset>` when that opens the head, else as the head's first
/// element. A theme that writes a policy of its own keeps it: browsers enforce every
/// policy of a page, so a second one can only make the page stricter.
pub(crate) fn ensure_meta(html: Vec<u8>) -> Vec<u8> {
    match scan_head(&html) {
        Head::HasPolicy => html,
        Head::InsertAt(at) => {
            let meta = meta_element();
            let mut out = Vec::with_capacity(html.len() + meta.len());
            out.extend_from_slice(&html[..at]);
            out.extend_from_slice(meta.as_bytes());
            out.extend_from_slice(&html[at..]);
            out
        }
    }
}

/// What [`scan_head`] found.
#[derive(Debug, PartialEq)]
enum Head {
    /// The head already carries the policy.
    HasPolicy,
    /// It does not; the policy goes at this byte offset.
    InsertAt(usize),
}

/// Elements that may stand in a `<head>`; any other start tag (or text) ends it, and a
/// `<meta>` after that is in the body, where browsers ignore a policy.
const HEAD_ELEMENTS: &[&[u8]] = &[
    b"base",
    b"link",
    b"meta",
    b"noscript",
    b"script",
    b"style",
    b"template",
    b"title",
];

/// Elements whose content is text: a `<meta>` written inside one is no element.
const TEXT_ELEMENTS: &[&[u8]] = &[b"noscript", b"script", b"style", b"template", b"title"];

/// Reads the page up to the end of its head, tag by tag, once.
///
/// Comments and the text of `<title>`, `<script>` and the like are skipped, so a policy
/// commented out or quoted in a title is not taken for one. The policy would go after
/// the doctype, `<html>`, `<head>` and a `<meta charset>`, as long as nothing else came
/// first; where the head has no tags, the parser puts the element there all the same.
fn scan_head(html: &[u8]) -> Head {
    // A byte-order mark stays first, or the page would be read in another encoding.
    let start = if html.starts_with("\u{FEFF}".as_bytes()) {
        3
    } else {
        0
    };
    let mut pos = start;
    let mut insert_at = start;
    let mut preamble = true;
    while let Some(found) = memchr::memchr(b'<', &html[pos..]) {
        let at = pos + found;
        if !html[pos..at].iter().all(u8::is_ascii_whitespace) {
            break; // text: the head has ended
        }
        let rest = &html[at..];
        if rest.starts_with(b"<!--") {
            match memchr::memmem::find(&rest[4..], b"-->") {
                Some(end) => pos = at + 4 + end + 3,
                None => break,
            }
            continue;
        }
        let Some(end) = tag_end(html, at) else { break };
        pos = end + 1;
        if rest.starts_with(b"<!") || rest.starts_with(b"<?") {
            // The doctype (or a bogus comment).
            if preamble {
                insert_at = pos;
            }
            continue;
        }
        if let Some(closing) = rest.strip_prefix(b"</") {
            if tag_name(closing).eq_ignore_ascii_case(b"head") {
                break;
            }
            continue;
        }
        let name = tag_name(&rest[1..]);
        let attrs = &html[at + 1 + name.len()..end];
        let is = |n: &[u8]| name.eq_ignore_ascii_case(n);
        if is(b"html") || is(b"head") {
            if preamble {
                insert_at = pos;
            }
            continue;
        }
        if !HEAD_ELEMENTS.iter().any(|n| is(n)) {
            break;
        }
        if is(b"meta") {
            if is_policy_meta(attrs) {
                return Head::HasPolicy;
            }
            if preamble && attribute(attrs, b"charset").is_some() {
                insert_at = pos;
                continue;
            }
        }
        preamble = false;
        if TEXT_ELEMENTS.iter().any(|n| is(n)) {
            match closing_tag(html, pos, name) {
                Some(after) => pos = after,
                None => break,
            }
        }
    }
    Head::InsertAt(insert_at)
}

/// The name at the start of a tag, after its `<` or `</`.
fn tag_name(bytes: &[u8]) -> &[u8] {
    let len = bytes
        .iter()
        .position(|b| !(b.is_ascii_alphanumeric() || *b == b'-'))
        .unwrap_or(bytes.len());
    &bytes[..len]
}

/// The offset of the `>` that closes the tag starting at `at`, quotes respected.
fn tag_end(html: &[u8], at: usize) -> Option<usize> {
    let mut quote = None;
    for (i, &b) in html.iter().enumerate().skip(at + 1) {
        match (quote, b) {
            (None, b'"' | b'\'') => quote = Some(b),
            (Some(q), _) if b == q => quote = None,
            (None, b'>') => return Some(i),
            _ => {}
        }
    }
    None
}

/// The offset just past `</name…>` at or after `from`.
fn closing_tag(html: &[u8], from: usize, name: &[u8]) -> Option<usize> {
    let mut pos = from;
    while let Some(found) = memchr::memmem::find(&html[pos..], b"</") {
        let at = pos + found;
        if tag_name(&html[at + 2..]).eq_ignore_ascii_case(name) {
            return tag_end(html, at).map(|end| end + 1);
        }
        pos = at + 2;
    }
    None
}

/// Whether a `<meta>` tag's attributes make it the portal's policy.
fn is_policy_meta(attrs: &[u8]) -> bool {
    let is_csp = attribute(attrs, b"http-equiv").is_some_and(|v| {
        v.trim_ascii()
            .eq_ignore_ascii_case(b"content-security-policy")
    });
    is_csp
        && attribute(attrs, b"content")
            .and_then(|v| std::str::from_utf8(v).ok())
            .is_some_and(|v| crate::util::html::unescape_html(v) == META_POLICY)
}

/// The value of an attribute in the text between a tag's name and its `>`, as written.
fn attribute<'a>(attrs: &'a [u8], wanted: &[u8]) -> Option<&'a [u8]> {
    let mut rest = attrs;
    loop {
        rest = trim_start(rest, |b| b.is_ascii_whitespace() || b == b'/');
        if rest.is_empty() {
            return None;
        }
        let name_len = rest
            .iter()
            .position(|&b| b.is_ascii_whitespace() || b == b'=' || b == b'/')
            .unwrap_or(rest.len())
            .max(1);
        let name = &rest[..name_len];
        rest = trim_start(&rest[name_len..], |b| b.is_ascii_whitespace());
        let mut value: &[u8] = b"";
        if let Some(after) = rest.strip_prefix(b"=") {
            rest = trim_start(after, |b| b.is_ascii_whitespace());
            let (len, skip) = match rest.first() {
                Some(&q @ (b'"' | b'\'')) => {
                    let len = memchr::memchr(q, &rest[1..]).unwrap_or(rest.len() - 1);
                    rest = &rest[1..];
                    (len, (len + 1).min(rest.len()))
                }
                _ => {
                    let len = rest
                        .iter()
                        .position(u8::is_ascii_whitespace)
                        .unwrap_or(rest.len());
                    (len, len)
                }
            };
            value = &rest[..len];
            rest = &rest[skip..];
        }
        if name.eq_ignore_ascii_case(wanted) {
            return Some(value);
        }
    }
}

fn trim_start(bytes: &[u8], skip: impl Fn(u8) -> bool) -> &[u8] {
    let start = bytes.iter().position(|&b| !skip(b)).unwrap_or(bytes.len());
    &bytes[start..]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_header_is_the_meta_policy_and_more() {
        assert!(HEADER_POLICY.starts_with(META_POLICY));
        assert!(!META_POLICY.contains("unsafe"));
    }

    #[test]
    fn the_readme_shows_the_header_for_nginx_and_apache() {
        let readme = include_str!("../../README.md");
        assert!(readme.contains(&format!("`Content-Security-Policy: {HEADER_POLICY}`")));
        let nginx = format!("add_header Content-Security-Policy \"{HEADER_POLICY}\" always;");
        let apache = format!("Header always set Content-Security-Policy \"{HEADER_POLICY}\"");
        assert!(readme.contains(&nginx), "the nginx example");
        assert!(readme.contains(&apache), "the Apache example");
    }

    /// The policy's element as Tera writes `{{ site.csp }}` (quotes escaped).
    fn escaped_meta() -> String {
        format!(
            "<meta http-equiv=\"Content-Security-Policy\" content=\"{}\">",
            META_POLICY.replace('\'', "&#39;")
        )
    }

    fn ensured(html: &str) -> String {
        String::from_utf8(ensure_meta(html.as_bytes().to_vec())).unwrap()
    }

    fn inserted() -> String {
        meta_element()
    }

    #[test]
    fn a_page_with_the_policy_is_left_alone() {
        let page = format!(
            "<!DOCTYPE html>\n<html lang=\"sv\">\n<head>\n<meta charset=\"utf-8\">\n{}\n<title>T</title>\n</head>\n<body></body></html>",
            escaped_meta()
        );
        assert_eq!(ensured(&page), page);
        // Written unescaped, in other case, with single quotes: the same policy.
        let page = format!(
            "<HTML><HEAD><META HTTP-EQUIV=content-security-policy CONTENT='{}' /></HEAD></HTML>",
            META_POLICY.replace('\'', "&#39;")
        );
        assert_eq!(ensured(&page), page);
        let page = format!(
            "<head><meta http-equiv=\"Content-Security-Policy\" content=\"{META_POLICY}\"></head>"
        );
        assert_eq!(ensured(&page), page);
    }

    #[test]
    fn the_policy_goes_after_the_charset_when_the_theme_has_none() {
        let page = "<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n<link rel=\"stylesheet\" href=\"s.css\">\n</head>\n<body></body></html>";
        let out = ensured(page);
        let charset = "<meta charset=\"utf-8\">";
        assert_eq!(
            out,
            page.replace(charset, &format!("{charset}{}", inserted()))
        );
    }

    #[test]
    fn the_policy_opens_the_head_when_something_else_comes_first() {
        let page = "<html><head><title>Om <meta> </title><meta charset=\"utf-8\"></head></html>";
        assert_eq!(
            ensured(page),
            page.replace("<head>", &format!("<head>{}", inserted()))
        );
    }

    #[test]
    fn pages_without_head_tags_get_the_policy_where_the_parser_puts_it_in_the_head() {
        let meta = inserted();
        assert_eq!(
            ensured("<!doctype html><html><p>x"),
            format!("<!doctype html><html>{meta}<p>x")
        );
        assert_eq!(
            ensured("<!doctype html><title>t</title>"),
            format!("<!doctype html>{meta}<title>t</title>")
        );
        assert_eq!(ensured("text"), format!("{meta}text"));
        assert_eq!(ensured(""), meta);
        assert_eq!(
            ensured("\u{FEFF}<!doctype html>x"),
            format!("\u{FEFF}<!doctype html>{meta}x")
        );
    }

    #[test]
    fn a_policy_that_does_not_apply_does_not_count() {
        let meta = escaped_meta();
        for page in [
            // Commented out.
            format!("<head><!-- {meta} --></head>"),
            // In the body, where browsers ignore it.
            format!("<head></head><body>{meta}</body>"),
            format!("<head><div></div>{meta}</head>"),
            // After text, which ends the head.
            format!("<head>Text {meta}</head>"),
            // Text of another element.
            format!("<head><title>{meta}</title></head>"),
            format!("<head><noscript>{meta}</noscript></head>"),
            // Another policy, or another header.
            "<head><meta http-equiv=\"Content-Security-Policy\" content=\"default-src *\"></head>"
                .to_string(),
            meta.replace("Content-Security-Policy", "Refresh"),
        ] {
            let out = ensured(&page);
            assert_eq!(out.matches(&inserted()).count(), 1, "{page}\n{out}");
        }
    }

    #[test]
    fn broken_markup_gets_the_policy_without_panicking() {
        for page in [
            "<",
            "<!--",
            "<head><meta content=\"",
            "<head><title>never closed",
            "<head><meta http-equiv=content-security-policy content=",
            "<head><meta =x ==y /\"\">",
            "</",
            "<head><meta charset>",
        ] {
            let out = ensured(page);
            assert_eq!(out.matches(&inserted()).count(), 1, "{page}\n{out}");
        }
    }
}
