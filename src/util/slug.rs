//! Slugs: the one way the build turns a name into a URL path segment or an `id`, and
//! the check that a name already is one.
//!
//! [`slugify`] is the only slug function. What looks like others are rules built on it:
//! a heading's id falls back to `rubrik` when its text has nothing to slug
//! (`render::markdown`), and a defined term's anchor is `begrepp-` and the slug of its
//! first form (`render::markdown::definitions`). Document ids and page folders are not
//! slugified but must already be slugs ([`is_slug`]); the error's hint suggests
//! [`slugify`] of the name.

/// A URL-safe version of a name: lowercase, å/ä → a, ö → o, other characters → `-`.
pub fn slugify(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars().flat_map(char::to_lowercase) {
        let mapped = match c {
            'å' | 'ä' | 'à' | 'á' | 'â' => 'a',
            'ö' | 'ø' | 'ò' | 'ó' | 'ô' => 'o',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'ü' | 'ú' | 'ù' => 'u',
            'í' | 'ì' | 'ï' => 'i',
            c if c.is_ascii_alphanumeric() => c,
            '_' => '_',
            _ => '-',
        };
        if mapped == '-' && (out.is_empty() || out.ends_with('-')) {
            continue;
        }
        out.push(mapped);
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

/// Whether `s` is usable as one URL path segment we generate: `a-z`, `0-9`, `-`, `_`.
pub(crate) fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
        && !s.starts_with('-')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugify_swedish() {
        assert_eq!(slugify("Steg 2: Fatta beslut"), "steg-2-fatta-beslut");
        assert_eq!(
            slugify("Allmänna villkor – översikt"),
            "allmanna-villkor-oversikt"
        );
        assert_eq!(slugify("  ---  "), "");
    }

    #[test]
    fn slugs() {
        assert!(is_slug("allmanna-villkor"));
        assert!(!is_slug("Allmänna"));
        assert!(!is_slug("-a"));
        assert!(!is_slug(""));
    }
}
