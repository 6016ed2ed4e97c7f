//! Fragments checked against the future (W0303): a link to a section of a document's
//! current version (`avtal:driftsavtal#punkt-5.4`, or `/avtal/driftsavtal/#punkt-5.4`)
//! points at the document's main page, which shows another version from the day an
//! upcoming one takes effect. Every published version is rendered, so the ids it will
//! bring are known now; a fragment that one of them lacks is reported at the link, with
//! the day and the version, before a scheduled build on that day fails on it.
//!
//! For each document, the ids of its upcoming versions are read once, in the order the
//! versions take effect, so the work is the links into the document plus those ids,
//! however many versions there are.
//!
//! The glossary (`/avtal/begrepp/`) changes too: on each day it lists the terms the
//! versions in force then define, so a link to a term there is checked against them
//! (`glossary`).

use std::collections::{BTreeMap, HashMap};

use crate::model::paths::{GLOSSARY_PATH, document_path, version_path};
use crate::model::portal::{Consequence, ConsequenceKind, Portal};
use crate::render::links::{Destination, PendingFragment, classify};
use crate::render::terms::Glossary;
use crate::util::diag::Diagnostic;
use crate::util::html::PageIds;
use crate::util::i18n::msg;
use crate::util::url::decode_link;

mod glossary;

/// Links whose fragment exists on a document's main page today but not in a version
/// that will be shown there later; each reported once, for the first such version.
/// Links already broken today are left to [`super::check_fragments`]; links into a
/// document with a version that failed to load go to `consequences` (the version that
/// failed may be the one meant).
pub(crate) fn check_future_fragments<'p>(
    portal: &Portal,
    glossary: &Glossary,
    pending: impl IntoIterator<Item = &'p PendingFragment>,
    ids: &HashMap<String, PageIds>,
    consequences: &mut Vec<Consequence>,
) -> Vec<Diagnostic> {
    // Documents whose main page will show another version, by that page's path: the
    // versions it will show, in order.
    let changing: HashMap<String, (usize, Vec<usize>)> = portal
        .documents
        .iter()
        .enumerate()
        .filter_map(|(d, doc)| {
            let main = doc.main_index()?;
            let later: Vec<usize> = doc
                .changes_after(portal.today)
                .into_iter()
                .filter(|&v| v != main)
                .collect();
            (!later.is_empty()).then(|| (document_path(&doc.id), (d, later)))
        })
        .collect();
    if changing.is_empty() {
        return Vec::new();
    }
    // The links into those pages that hold today, by document, with the fragment
    // decoded.
    let mut links: BTreeMap<usize, Vec<(&PendingFragment, String)>> = BTreeMap::new();
    let mut to_glossary = Vec::new();
    for p in pending {
        let Some(today) = ids.get(p.site_path()) else {
            continue;
        };
        let d = match changing.get(p.site_path()) {
            Some((d, _)) => Some(*d),
            None if p.site_path() == GLOSSARY_PATH => None,
            None => continue,
        };
        let fragment = decode_link(p.fragment());
        if !today.contains(&fragment) {
            continue;
        }
        match d {
            Some(d) => links.entry(d).or_default().push((p, fragment)),
            None => to_glossary.push((p, fragment)),
        }
    }
    let mut later_versions: Vec<(usize, &[usize])> = changing
        .values()
        .map(|(d, later)| (*d, later.as_slice()))
        .collect();
    later_versions.sort_unstable();
    let mut out = glossary::check(portal, glossary, &later_versions, to_glossary, consequences);
    for (d, links) in links {
        let doc = &portal.documents[d];
        let (_, later) = &changing[&document_path(&doc.id)];
        let lasts = lasting(
            later.iter().map(|&v| {
                let path = version_path(&doc.id, doc.versions[v].version.as_str());
                ids.get(&path)
            }),
            links.iter().map(|(_, f)| f.as_str()),
        );
        let failed = portal.failed.document_at(&document_path(&doc.id));
        for (p, fragment) in &links {
            if let Some(&v) = later.get(lasts[fragment.as_str()]) {
                match failed {
                    Some(source) => consequences.push(Consequence {
                        source,
                        at: p.location(),
                        kind: ConsequenceKind::Link,
                    }),
                    None => out.push(broken_later(portal, d, v, p, fragment)),
                }
            }
        }
    }
    out
}

/// For each fragment, how many of the versions in turn have it before the first that
/// does not (all of them: it lasts). A version whose page was not rendered (a
/// template failed, which is reported) counts as having every fragment.
fn lasting<'a, 'f>(
    versions: impl Iterator<Item = Option<&'a PageIds>>,
    fragments: impl Iterator<Item = &'f str>,
) -> HashMap<&'f str, usize> {
    let mut lasts: HashMap<&str, usize> = fragments.map(|f| (f, 0)).collect();
    for (i, ids) in versions.enumerate() {
        match ids {
            // A fragment still there in every earlier version moves past this one.
            Some(ids) => {
                for id in ids.iter() {
                    if let Some(n) = lasts.get_mut(id)
                        && *n == i
                    {
                        *n = i + 1;
                    }
                }
            }
            None => lasts
                .values_mut()
                .filter(|n| **n == i)
                .for_each(|n| *n = i + 1),
        }
    }
    lasts
}

/// W0303 for link `p`, whose `fragment` version `v` of document `d` lacks.
fn broken_later(
    portal: &Portal,
    d: usize,
    v: usize,
    p: &PendingFragment,
    fragment: &str,
) -> Diagnostic {
    let doc = &portal.documents[d];
    let version = &doc.versions[v];
    let today = doc
        .main_version()
        .expect("a document that changes shows a version today");
    // The same target, pinned to the version shown today, written as the link was.
    let pinned = match classify(p.dest()) {
        Destination::Document(_) => format!("avtal:{}@{}#{}", doc.id, today.version, p.fragment()),
        _ => format!(
            "{}#{}",
            version_path(&doc.id, today.version.as_str()),
            p.fragment()
        ),
    };
    let message = msg!(
        "w0303-gone-later",
        date = version.valid_from.to_string(),
        title = &version.title,
        version = version.version.as_str(),
        dest = p.dest(),
        path = p.site_path(),
        fragment = fragment,
        pinned = pinned,
    );
    Diagnostic::warning("W0303", message).at(p.location())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(list: &[&str]) -> PageIds {
        let html: String = list.iter().map(|id| format!("<p id=\"{id}\">")).collect();
        PageIds::collect(html.as_bytes())
    }

    #[test]
    fn a_fragment_lasts_until_the_first_version_without_it() {
        let v1 = ids(&["a", "b", "c", "c"]);
        let v2 = ids(&["a", "c"]);
        let v3 = ids(&["a", "b"]);
        let lasts = lasting(
            [Some(&v1), Some(&v2), Some(&v3)].into_iter(),
            ["a", "b", "c", "d"].into_iter(),
        );
        // `b` comes back in the third version, but is gone in the second.
        assert_eq!(lasts["a"], 3);
        assert_eq!(lasts["b"], 1);
        assert_eq!(lasts["c"], 2);
        assert_eq!(lasts["d"], 0);
    }

    #[test]
    fn a_version_not_rendered_breaks_nothing() {
        let v2 = ids(&["a"]);
        let lasts = lasting([None, Some(&v2)].into_iter(), ["a", "b"].into_iter());
        assert_eq!((lasts["a"], lasts["b"]), (2, 1));
    }
}
