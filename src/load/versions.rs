//! Warnings about the versions of one document that `new version` makes easy to publish
//! by mistake: a copy never edited (W0403) and a version without a `comment` for the
//! revision history (W0404).
//!
//! Only versions that are published are checked (drafts too under `--drafts`, so the
//! preview of a draft shows what is missing), each against the published version
//! before it: the one its change view compares with. A document's first published
//! version has no predecessor, so it is neither identical to one nor has a change to
//! comment on.

use crate::load::frontmatter;
use crate::model::document::{DocVersion, Document};
use crate::util::diag::{Diagnostic, Diagnostics, Location};
use crate::util::i18n::msg;

/// Pushes W0403 and W0404 for the published versions of `document`.
pub(super) fn check(document: &Document, diagnostics: &mut Diagnostics) {
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
