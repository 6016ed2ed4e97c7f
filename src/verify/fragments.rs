//! Fragments checked against the rendered site (E0302): a link's `#fragment` must be an
//! `id` of its target page as rendered, so ids a theme adds count as well as the ones
//! Markdown makes. `future` checks the same links against the versions that will be
//! shown later (W0303).

use std::collections::HashMap;

use rayon::prelude::*;

use crate::model::portal::{Consequence, ConsequenceKind, FailedSources};
use crate::render::links::PendingFragment;
use crate::util::diag::{Diagnostic, closest};
use crate::util::html::PageIds;
use crate::util::i18n::msg;
use crate::util::url::decode_link;

pub(crate) mod future;

/// Checks pending fragments against the ids of the rendered pages.
///
/// A fragment missing from the page of a document with a version that failed to load
/// is no error of its own: the version meant may be the one that failed. It goes to
/// `consequences`, a note on that version's error.
pub(crate) fn check_fragments(
    pending: &[PendingFragment],
    ids: &HashMap<String, PageIds>,
    failed: &FailedSources,
    consequences: &mut Vec<Consequence>,
) -> Vec<Diagnostic> {
    let page_ids = |path: &str| ids.get(path);
    check_fragments_in(pending, &page_ids, failed, consequences)
}

/// [`check_fragments`] with the ids of each site path from `ids_of` (`None`: a page not
/// rendered, whose fragments are not checked).
pub(crate) fn check_fragments_in<'i>(
    pending: &[PendingFragment],
    ids_of: &(dyn Fn(&str) -> Option<&'i PageIds> + Sync),
    failed: &FailedSources,
    consequences: &mut Vec<Consequence>,
) -> Vec<Diagnostic> {
    // Thousands of pages each link a few fragments: checked in parallel, reported in
    // the order of `pending`.
    let found: Vec<Result<Diagnostic, Consequence>> = pending
        .par_iter()
        .filter_map(|p| {
            let page_ids = ids_of(p.site_path())?;
            let fragment = decode_link(p.fragment());
            if page_ids.contains(&fragment) {
                return None;
            }
            if let Some(source) = failed.document_at(p.site_path()) {
                return Some(Err(Consequence {
                    source,
                    at: p.location(),
                    kind: ConsequenceKind::Link,
                }));
            }
            let message = msg!(
                "e0302-no-fragment",
                dest = p.dest(),
                path = p.site_path(),
                fragment = &fragment,
            );
            let d = Diagnostic::error("E0302", message).at(p.location());
            Some(Ok(match closest(&fragment, page_ids.iter()) {
                Some(near) => d.hint(msg!("e0302-did-you-mean", near = near)),
                None => d,
            }))
        })
        .collect();
    let mut diagnostics = Vec::new();
    for item in found {
        match item {
            Ok(d) => diagnostics.push(d),
            Err(c) => consequences.push(c),
        }
    }
    diagnostics
}
