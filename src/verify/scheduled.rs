//! Notices scheduled for later publication (W0304): a notice whose `published` time is
//! after the build's is not on the site yet, but the build that publishes it renders it
//! and fails on a broken link in it. `render` renders such a notice for checking only
//! ([`HeldBack`]); here its problems, its `#fragment`s checked against today's pages and
//! its own ids, are reported now, dated to the moment it is published, so CI hears of them
//! when the notice is written, not in the scheduled build of that day.
//!
//! A warning, like W0303: the site of today is right, and a hard error would stop
//! everything else from being published until then; `--strict`, as CI runs, makes it an
//! error. See: issue 11.

use std::collections::HashMap;

use crate::model::portal::{Consequence, Portal};
use crate::model::time::short_time;
use crate::render::HeldBack;
use crate::util::diag::Diagnostic;
use crate::util::html::PageIds;
use crate::util::i18n::msg;

use super::fragments::check_fragments_in;

/// W0304 for every problem of a held-back notice's page, in its own file; links from it
/// to a source that failed to load go to `consequences`, as from any page.
pub(crate) fn check_held_back(
    portal: &Portal,
    held_back: &[HeldBack],
    ids: &HashMap<String, PageIds>,
    consequences: &mut Vec<Consequence>,
) -> Vec<Diagnostic> {
    // Held-back pages are not among today's: a link to a `#fragment` of one (its own,
    // or another's published by then) is checked against the ids it was rendered with.
    let held_ids: HashMap<&str, &PageIds> = held_back
        .iter()
        .map(|h| (portal.notices[h.notice].url_path.as_str(), &h.ids))
        .collect();
    let ids_of = |path: &str| ids.get(path).or_else(|| held_ids.get(path).copied());
    let mut out = Vec::new();
    for held in held_back {
        let notice = &portal.notices[held.notice];
        let fragments = check_fragments_in(&held.fragments, &ids_of, &portal.failed, consequences);
        let file = notice.source.file.rel_path.as_str();
        let date = short_time(
            &notice
                .published_at
                .to_zoned_datetime(portal.config.timezone.clone()),
        );
        out.extend(
            (held.diagnostics.iter().cloned())
                .chain(fragments)
                // A problem of the theme is reported by the published pages that use it.
                .filter(|d| d.location.as_ref().is_some_and(|l| l.path == file))
                .map(|d| when_published(d, &date, &notice.title)),
        );
    }
    out
}

/// `problem`, which the build reports from `date`, when the notice titled `title` is
/// published, as a warning now.
fn when_published(problem: Diagnostic, date: &str, title: &str) -> Diagnostic {
    let message = msg!(
        "w0304-when-published",
        date = date,
        title = title,
        problem = problem.message,
        code = problem.code,
        severity = problem.severity.as_str(),
    );
    let mut d = Diagnostic::warning("W0304", message);
    d.location = problem.location;
    d.notes.extend(problem.notes);
    if problem.hint.is_some() {
        d.hint = problem.hint;
    }
    d
}
