//! Warnings about the versions of one document that `new version` makes easy to publish
//! by mistake: a copy never edited (W0403), a version without a `comment` for the
//! revision history (W0404), and a version that takes effect so early that an upcoming
//! version below it never applies (W0405).
//!
//! Only versions that are published are checked (drafts too under `--drafts`, so the
//! preview of a draft shows what is missing), each against the published version
//! before it: the one its change view compares with. A document's first published
//! version has no predecessor, so it is neither identical to one nor has a change to
//! comment on.

use crate::load::frontmatter;
use crate::model::document::{DocVersion, Document};
use crate::model::time::Date;
use crate::util::diag::{Diagnostic, Diagnostics, Location};
use crate::util::i18n::msg;

/// Pushes W0403, W0404 and W0405 for the published versions of `document` as of
/// `today`.
pub(super) fn check(document: &Document, today: Date, diagnostics: &mut Diagnostics) {
    check_overtaken(document, today, diagnostics);
    for (i, v) in document.versions.iter().enumerate() {
        if !v.published {
            continue;
        }
        let Some(previous) = document.previous_published(i) else {
            continue;
        };
        // Two files that are one version are E0108 already.
        if previous.version == v.version {
            continue;
        }
        if same_content(previous, v) {
            diagnostics.push(identical(v, previous));
        }
        if v.comment.is_none() {
            diagnostics.push(no_comment(v, previous));
        }
    }
}

/// W0405 for each published version not yet in force that never will be: a higher
/// published version applies from the same day or earlier, so from its `valid_from` on
/// the higher one is in force (the highest version valid on a day is the one in force),
/// and the lower one's changes are never shown as in force. Reported once, at the lowest
/// such higher version: usually the new version whose `valid_from` is too early. Versions
/// that are in force or were superseded in the past are history, as published.
fn check_overtaken(document: &Document, today: Date, diagnostics: &mut Diagnostics) {
    let versions = &document.versions;
    // The higher published versions that can be the first to overtake a lower one,
    // going down: a version that applies no earlier than a lower one above the current
    // never is, so from the bottom of the stack up the versions fall and their
    // `valid_from` rises.
    let mut higher: Vec<usize> = Vec::new();
    for (i, v) in versions.iter().enumerate().rev() {
        if !v.published {
            continue;
        }
        if v.valid_from > today {
            // Those valid by `v.valid_from` are the bottom of the stack; the lowest
            // version of them is the last.
            let valid = higher.partition_point(|&h| versions[h].valid_from <= v.valid_from);
            if let Some(&h) = valid.checked_sub(1).and_then(|n| higher.get(n)) {
                diagnostics.push(overtaken(&versions[h], v));
            }
        }
        while higher
            .last()
            .is_some_and(|&h| versions[h].valid_from >= v.valid_from)
        {
            higher.pop();
        }
        higher.push(i);
    }
}

/// W0405: `later`, a higher version, applies by the day `v` is to, so `v` never does.
fn overtaken(later: &DocVersion, v: &DocVersion) -> Diagnostic {
    let key = if has_key(later, "valid_from") {
        "valid_from"
    } else {
        "date"
    };
    let message = msg!(
        "w0405-overtakes",
        version = later.version.as_str(),
        valid_from = later.valid_from.to_string(),
        overtaken = v.version.as_str(),
        overtaken_from = v.valid_from.to_string(),
        overtaken_path = &v.source.file.rel_path,
    );
    Diagnostic::warning("W0405", message).at(key_location(later, key))
}

/// Whether `b` says nothing `a` does not: the same body and the same title, parties,
/// documents and aliases. Line endings and blank lines at the end of the body do not
/// count; everything else does (two spaces at a line's end are a line break).
fn same_content(a: &DocVersion, b: &DocVersion) -> bool {
    let ids = |v: &DocVersion| v.documents.iter().map(|d| d.id.clone()).collect::<Vec<_>>();
    a.title == b.title
        && a.parties == b.parties
        && a.aliases == b.aliases
        && ids(a) == ids(b)
        && same_body(a.source.body(), b.source.body())
}

/// Compared in place, without a copy, unless a body has a carriage return.
fn same_body(a: &str, b: &str) -> bool {
    let (a, b) = (a.trim_end(), b.trim_end());
    if a == b {
        return true;
    }
    let has_cr = |s: &str| memchr::memchr(b'\r', s.as_bytes()).is_some();
    (has_cr(a) || has_cr(b)) && a.replace("\r\n", "\n") == b.replace("\r\n", "\n")
}

/// W0403: `v` is a copy of `previous` that nobody edited.
fn identical(v: &DocVersion, previous: &DocVersion) -> Diagnostic {
    let message = msg!(
        "w0403-identical-version",
        version = v.version.as_str(),
        previous = previous.version.as_str(),
        previous_path = &previous.source.file.rel_path,
        path = &v.source.file.rel_path,
    );
    Diagnostic::warning("W0403", message).at(key_location(v, "version"))
}

/// W0404: `v` has nothing to say in the revision history.
fn no_comment(v: &DocVersion, previous: &DocVersion) -> Diagnostic {
    let (comment, at) = if has_key(v, "comment") {
        ("empty", key_location(v, "comment"))
    } else {
        ("missing", key_location(v, "version"))
    };
    let message = msg!(
        "w0404-no-comment",
        comment = comment,
        version = v.version.as_str(),
        previous = previous.version.as_str(),
    );
    Diagnostic::warning("W0404", message).at(at)
}

/// Whether the front matter of `v` has the top-level `key`.
fn has_key(v: &DocVersion, key: &str) -> bool {
    frontmatter::split(&v.source.file).is_ok_and(|(front, _)| front.has_key(key))
}

/// Where the top-level `key` of the front matter of `v` is: only looked up for a
/// warning, so the common build never reads the YAML twice.
fn key_location(v: &DocVersion, key: &str) -> Location {
    match frontmatter::split(&v.source.file) {
        Ok((front, _)) => front.key(key),
        Err(_) => Location::file(v.source.file.rel_path.clone()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The (overtaking, overtaken) versions W0405 reports for versions given as
    /// (number, valid_from, draft), as of 2026-11-26.
    fn overtaken_pairs(list: &[(&str, &str, bool)]) -> Vec<(String, String)> {
        let versions = list
            .iter()
            .map(|&(n, from, draft)| crate::model::document::test_version(n, from, draft))
            .collect();
        let today: Date = "2026-11-26".parse().unwrap();
        let document = Document::new("a".into(), versions, today, false);
        let mut diagnostics = Diagnostics::new();
        check_overtaken(&document, today, &mut diagnostics);
        diagnostics
            .into_sorted()
            .iter()
            .map(|d| {
                let words: Vec<&str> = d.message.split_whitespace().collect();
                (
                    words[1].trim_end_matches(',').to_string(),
                    words[6].to_string(),
                )
            })
            .collect()
    }

    #[test]
    fn an_upcoming_version_a_higher_one_applies_before_is_overtaken() {
        // 1.1 waits for 2027-01-01; 1.2 applies today.
        let pairs = overtaken_pairs(&[
            ("1.0", "2020-01-01", false),
            ("1.1", "2027-01-01", false),
            ("1.2", "2026-11-26", false),
        ]);
        assert_eq!(pairs, [("1.2".into(), "1.1".into())]);
        // The same day is too early too; a later day is fine; a draft does not count.
        assert_eq!(
            overtaken_pairs(&[("1.1", "2027-01-01", false), ("1.2", "2027-01-01", false)]).len(),
            1
        );
        assert!(
            overtaken_pairs(&[("1.1", "2027-01-01", false), ("1.2", "2027-01-02", false)])
                .is_empty()
        );
        assert!(
            overtaken_pairs(&[("1.1", "2027-01-01", false), ("1.2", "2026-11-26", true)])
                .is_empty()
        );
        // History is not reported: 1.0 was overtaken by 1.1 long ago.
        assert!(
            overtaken_pairs(&[("1.0", "2020-06-01", false), ("1.1", "2020-01-01", false)])
                .is_empty()
        );
    }

    #[test]
    fn the_lowest_version_that_overtakes_is_named_once() {
        let pairs = overtaken_pairs(&[
            ("1.1", "2027-03-01", false),
            ("1.2", "2027-06-01", false),
            ("1.3", "2027-02-01", false),
            ("2.0", "2027-01-01", false),
        ]);
        // 1.1 and 1.2 are overtaken by 1.3 (the lowest higher version valid by their
        // days, not 2.0, valid earlier still), and 1.3 by 2.0.
        assert_eq!(
            pairs,
            [
                ("1.3".into(), "1.1".into()),
                ("1.3".into(), "1.2".into()),
                ("2.0".into(), "1.3".into()),
            ]
        );
    }

    #[test]
    fn bodies_differ_only_in_what_shows() {
        assert!(same_body("## 1 A\n\nText.\n", "## 1 A\n\nText.\n\n\n"));
        assert!(same_body("## 1 A\r\n\r\nText.\r\n", "## 1 A\n\nText.\n"));
        assert!(!same_body("## 1 A\n\nText.\n", "## 1 A\n\nText!\n"));
        // Two spaces at the end of a line are a line break in Markdown.
        assert!(!same_body("Rad  \nrad\n", "Rad\nrad\n"));
        assert!(!same_body("A\r\nB\r\n", "A\nC\n"));
    }
}
