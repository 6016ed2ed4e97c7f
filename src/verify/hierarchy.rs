//! The hierarchy check on the rendered site (SPEC §6): the page of every agreement links
//! each document of its Handlingsförteckning, and each such document's page links back
//! (E0405, E0406). The links come from the render stage, which collects the theme's links
//! of every document page (the body's own links do not count).

use std::collections::{BTreeMap, BTreeSet};

use crate::analyze::hierarchy::Hierarchy;
use crate::model::paths::document_path;
use crate::model::portal::Portal;
use crate::util::diag::{Diagnostic, Location};
use crate::util::i18n::msg;

/// The links a rendered document page must contain, checked against the hrefs it has.
///
/// `links` maps a document index to the site paths its main page links to;
/// `template` is the template that rendered document pages, named in the error.
pub(crate) fn verify_rendered(
    portal: &Portal,
    hierarchy: &Hierarchy,
    links: &BTreeMap<usize, BTreeSet<String>>,
    template: &str,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let links_to = |from: usize, to: usize| -> bool {
        let prefix = document_path(&portal.documents[to].id);
        links.get(&from).is_some_and(|set| {
            set.range(prefix.clone()..)
                .next()
                .is_some_and(|p| p.starts_with(&prefix))
        })
    };
    for (a, entries) in hierarchy.listed.iter().enumerate() {
        if !links.contains_key(&a) {
            continue;
        }
        for &(d, position) in entries {
            if d == a || !links.contains_key(&d) {
                continue;
            }
            let agreement = &portal.documents[a];
            let document = &portal.documents[d];
            if !links_to(a, d) {
                let message = msg!(
                    "e0405-no-link-to-document",
                    agreement = &agreement.id,
                    document = &document.id,
                    position = position,
                    page = document_path(&agreement.id),
                );
                out.push(
                    Diagnostic::error("E0405", message).at(Location::file(template.to_string())),
                );
            }
            if !links_to(d, a) {
                let message = msg!(
                    "e0406-no-link-to-agreement",
                    document = &document.id,
                    agreement = &agreement.id,
                    page = document_path(&document.id),
                );
                out.push(
                    Diagnostic::error("E0406", message).at(Location::file(template.to_string())),
                );
            }
        }
    }
    out
}
