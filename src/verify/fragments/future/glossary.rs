//! Links to a term on the glossary page (`/avtal/begrepp/#begrepp-drift`) checked
//! against the future (W0303): the page lists the terms that the version of each
//! document shown on its main page defines, so on the day an upcoming version that no
//! longer defines a term takes effect, and no other document defines it then, the
//! term's anchor is gone from the page.
//!
//! The days are walked in order, each document's definitions replaced by those of the
//! version taking effect, and for each linked term the number of documents defining it
//! is kept; a term is gone on the first day that number falls to nought. The work is
//! the definitions of the upcoming versions plus the links, read once each.

use std::collections::{HashMap, HashSet};

use crate::model::paths::{GLOSSARY_PATH, document_path};
use crate::model::portal::{Consequence, ConsequenceKind, Portal};
use crate::model::time::Date;
use crate::render::links::PendingFragment;
use crate::render::terms::{Glossary, extract};
use crate::util::diag::Diagnostic;
use crate::util::i18n::msg;

/// W0303 for each of `links` (into the glossary, each with its decoded fragment, which
/// the page has today) whose term no document defines from a day one of `later`
/// (document, the versions its main page will show, in order) takes effect. A fragment
/// that is no term's anchor today (an id of the theme) stays.
pub(super) fn check(
    portal: &Portal,
    glossary: &Glossary,
    later: &[(usize, &[usize])],
    links: Vec<(&PendingFragment, String)>,
    consequences: &mut Vec<Consequence>,
) -> Vec<Diagnostic> {
    if links.is_empty() || later.is_empty() {
        return Vec::new();
    }
    let wanted: HashSet<&str> = links.iter().map(|(_, f)| f.as_str()).collect();
    let gone = gone_on(portal, glossary, later, &wanted);
    let mut out = Vec::new();
    for (p, fragment) in &links {
        let Some(&(date, d, v)) = gone.get(fragment.as_str()) else {
            continue;
        };
        match portal
            .failed
            .document_at(&document_path(&portal.documents[d].id))
        {
            // The version that failed to load may define the term.
            Some(source) => consequences.push(Consequence {
                source,
                at: p.location(),
                kind: ConsequenceKind::Link,
            }),
            None => out.push(term_gone(portal, glossary, (date, d, v), p, fragment)),
        }
    }
    out
}

/// For each of `wanted` that is a term's anchor today, the first day no document
/// defines it, with the document and version that took effect then and dropped it.
fn gone_on<'w>(
    portal: &Portal,
    glossary: &Glossary,
    later: &[(usize, &[usize])],
    wanted: &HashSet<&'w str>,
) -> HashMap<&'w str, (Date, usize, usize)> {
    // Of the wanted anchors, those each document's shown version defines, and how many
    // documents define each.
    let defined = |defs: &[crate::render::terms::Definition]| -> HashSet<&'w str> {
        defs.iter()
            .filter_map(|def| wanted.get(def.anchor.as_str()).copied())
            .collect()
    };
    let mut count: HashMap<&str, usize> = HashMap::new();
    let mut shown: HashMap<usize, HashSet<&str>> = HashMap::new();
    for (d, defs) in glossary.definitions.iter().enumerate() {
        let anchors = defined(defs);
        for &a in &anchors {
            *count.entry(a).or_default() += 1;
        }
        shown.insert(d, anchors);
    }
    let mut days: Vec<(Date, usize, usize)> = later
        .iter()
        .flat_map(|&(d, versions)| {
            let doc = &portal.documents[d];
            versions
                .iter()
                .map(move |&v| (doc.versions[v].valid_from, d, v))
        })
        .collect();
    days.sort_unstable();
    let mut gone: HashMap<&str, (Date, usize, usize)> = HashMap::new();
    for day in days.chunk_by(|a, b| a.0 == b.0) {
        let mut dropped: Vec<(&str, usize, usize)> = Vec::new();
        for &(_, d, v) in day {
            let defs = extract(portal.documents[d].versions[v].source.body(), d);
            let now_defined = defined(&defs);
            let before = shown.insert(d, now_defined).unwrap_or_default();
            let now_defined = &shown[&d];
            for &a in before.difference(now_defined) {
                if let Some(n) = count.get_mut(a) {
                    *n -= 1;
                }
                dropped.push((a, d, v));
            }
            for &a in now_defined.difference(&before) {
                *count.entry(a).or_default() += 1;
            }
        }
        for (a, d, v) in dropped {
            if count.get(a) == Some(&0) {
                gone.entry(a).or_insert((day[0].0, d, v));
            }
        }
    }
    gone
}

/// W0303 for link `p` to the glossary's `fragment`, a term no document defines from the
/// day version `v` of document `d` takes effect.
fn term_gone(
    portal: &Portal,
    glossary: &Glossary,
    (date, d, v): (Date, usize, usize),
    p: &PendingFragment,
    fragment: &str,
) -> Diagnostic {
    let version = &portal.documents[d].versions[v];
    // The term as a document defines it today, and that document's version shown today:
    // a link pinned to it keeps the definition.
    let today = glossary
        .definitions
        .iter()
        .flatten()
        .find(|def| def.anchor == fragment);
    let term = today.map_or(fragment, |def| def.term.as_str());
    let pinned = today
        .and_then(|def| {
            let doc = &portal.documents[def.doc];
            let shown = doc.main_version()?;
            Some(format!("avtal:{}@{}#{fragment}", doc.id, shown.version))
        })
        .unwrap_or_default();
    let message = msg!(
        "w0303-term-gone-later",
        date = date.to_string(),
        title = &version.title,
        version = version.version.as_str(),
        dest = p.dest(),
        path = GLOSSARY_PATH,
        term = term,
        pinned = pinned,
    );
    Diagnostic::warning("W0303", message).at(p.location())
}
