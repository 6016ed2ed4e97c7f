//! The agreement hierarchy: which documents each agreement lists (its
//! Handlingsförteckning), in precedence order, as a graph, since a document such as
//! Allmänna villkor belongs to several agreements.
//!
//! Built from front matter alone, right after loading. The checks here are about the
//! lists themselves; [`verify_rendered`] later proves that the rendered pages link the
//! graph both ways (SPEC §6, "the hierarchy check").

use std::collections::{BTreeMap, BTreeSet, HashMap};

use crate::diag::{Diagnostic, Diagnostics, Location, closest};
use crate::model::{Date, Document, Portal, VersionStatus};
use crate::routes::document_path;

/// A document's place in one agreement.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Membership {
    /// The agreement, by index in `Portal::documents`.
    pub agreement: usize,
    /// 1-based position in the agreement's list (its precedence).
    pub position: usize,
    /// The number of entries in the list.
    pub total: usize,
}

/// The graph of agreements and their documents, from the main versions' lists.
#[derive(Debug, Default)]
pub struct Hierarchy {
    /// By document index: every agreement that lists the document (itself excluded).
    pub memberships: Vec<Vec<Membership>>,
    /// By document index: the listed documents that exist, in list order (index,
    /// position), itself included.
    pub listed: Vec<Vec<(usize, usize)>>,
    /// Agreements listed by no other document, sorted by title.
    pub roots: Vec<usize>,
}

impl Hierarchy {
    /// Whether a document lists documents, that is, is an agreement.
    pub fn is_agreement(&self, doc: usize) -> bool {
        !self.listed[doc].is_empty()
    }
}

/// Builds the graph and checks every Handlingsförteckning.
pub fn build(portal: &Portal) -> (Hierarchy, Diagnostics) {
    let mut diags = Diagnostics::new();
    let index: HashMap<&str, usize> = portal
        .documents
        .iter()
        .enumerate()
        .map(|(i, d)| (d.id.as_str(), i))
        .collect();
    let ids: Vec<&str> = portal.documents.iter().map(|d| d.id.as_str()).collect();

    // Every published version's list must name existing documents, each once.
    for doc in &portal.documents {
        for version in doc.published() {
            let mut seen: HashMap<&str, &Location> = HashMap::new();
            for entry in &version.documents {
                if let Some(first) = seen.insert(&entry.id, &entry.location) {
                    diags.push(
                        Diagnostic::error(
                            "E0404",
                            format!("`{}` is listed twice in the Handlingsförteckning", entry.id),
                        )
                        .at(entry.location.clone())
                        .note(format!("first listed at line {}", first.line))
                        .hint("list each document once, at its place in the order of precedence"),
                    );
                }
                if !index.contains_key(entry.id.as_str()) {
                    let d = Diagnostic::error(
                        "E0401",
                        format!(
                            "the Handlingsförteckning lists `{}`, which does not exist",
                            entry.id
                        ),
                    )
                    .at(entry.location.clone());
                    diags.push(match closest(&entry.id, ids.iter().copied()) {
                        Some(near) => d.hint(format!("did you mean `{near}`?")),
                        None => d.hint(format!(
                            "add `agreements/{}/<version>.md`, or correct the id (the folder name under `agreements/`)",
                            entry.id
                        )),
                    });
                }
            }
        }
    }

    let n = portal.documents.len();
    let mut listed: Vec<Vec<(usize, usize)>> = vec![Vec::new(); n];
    let mut memberships: Vec<Vec<Membership>> = vec![Vec::new(); n];
    for (a, doc) in portal.documents.iter().enumerate() {
        let Some(main) = doc.main_version() else {
            continue;
        };
        let total = main.documents.len();
        let mut seen = BTreeSet::new();
        for (i, entry) in main.documents.iter().enumerate() {
            let Some(&target) = index.get(entry.id.as_str()) else {
                continue;
            };
            if !seen.insert(target) {
                continue;
            }
            listed[a].push((target, i + 1));
            if target != a {
                memberships[target].push(Membership {
                    agreement: a,
                    position: i + 1,
                    total,
                });
                // An agreement in force needs its documents in force today; an
                // upcoming one needs them by the day it applies.
                let by = if main.status == VersionStatus::Current {
                    portal.today
                } else {
                    main.valid_from
                };
                if let Some(problem) = not_in_force(&portal.documents[target], by) {
                    let when = if by == portal.today {
                        format!("on {by}")
                    } else {
                        format!("on {by}, when this version of the agreement applies")
                    };
                    diags.push(
                        Diagnostic::error(
                            "E0402",
                            format!("`{}` is listed but has no version in force {when}", entry.id),
                        )
                        .at(entry.location.clone())
                        .note(problem)
                        .hint("publish a version that applies by then, or take the document out of the list until it does"),
                    );
                }
            }
        }
    }
    diags.extend(find_cycles(portal, &listed));

    // A document nobody lists, and that is no agreement itself, belongs to no agreement.
    for (i, doc) in portal.documents.iter().enumerate() {
        if memberships[i].is_empty()
            && listed[i].is_empty()
            && let Some(main) = doc.main_version()
        {
            diags.push(
                Diagnostic::warning("W0401", format!("`{}` belongs to no agreement", doc.id))
                    .at(Location::file(main.source.rel_path.clone()))
                    .hint("add its id to the `documents:` list of the agreement it belongs to"),
            );
        }
    }

    let mut roots: Vec<usize> = (0..n)
        .filter(|&i| memberships[i].is_empty() && !listed[i].is_empty())
        .collect();
    roots.sort_by(|&a, &b| {
        portal.documents[a]
            .title()
            .cmp(portal.documents[b].title())
            .then(a.cmp(&b))
    });
    (
        Hierarchy {
            memberships,
            listed,
            roots,
        },
        diags,
    )
}

/// Why a listed document has no published version valid on `by`, or `None` if it has.
fn not_in_force(doc: &Document, by: Date) -> Option<String> {
    if doc.published().any(|v| v.valid_from <= by) {
        return None;
    }
    let versions: Vec<String> = doc
        .versions
        .iter()
        .map(|v| match v.status {
            VersionStatus::Upcoming => format!("{} applies from {}", v.version, v.valid_from),
            VersionStatus::Draft => format!("{} is a draft", v.version),
            _ => v.version.to_string(),
        })
        .collect();
    Some(if versions.is_empty() {
        format!("`{}` has no versions", doc.id)
    } else {
        format!("versions of `{}`: {}", doc.id, versions.join("; "))
    })
}

/// Every cycle of the graph, each reported once at the entry that closes it.
fn find_cycles(portal: &Portal, listed: &[Vec<(usize, usize)>]) -> Vec<Diagnostic> {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        New,
        Active,
        Done,
    }
    let n = listed.len();
    let mut marks = vec![Mark::New; n];
    let mut found = Vec::new();
    let mut reported: BTreeSet<Vec<usize>> = BTreeSet::new();
    for start in 0..n {
        if marks[start] != Mark::New {
            continue;
        }
        // Iterative depth-first search: (node, next edge to follow).
        let mut stack: Vec<(usize, usize)> = vec![(start, 0)];
        marks[start] = Mark::Active;
        while let Some(&mut (node, ref mut edge)) = stack.last_mut() {
            let edges = &listed[node];
            if *edge >= edges.len() {
                marks[node] = Mark::Done;
                stack.pop();
                continue;
            }
            let (target, position) = edges[*edge];
            *edge += 1;
            if target == node {
                continue;
            }
            match marks[target] {
                Mark::New => {
                    marks[target] = Mark::Active;
                    stack.push((target, 0));
                }
                Mark::Active => {
                    let from = stack.iter().position(|(n, _)| *n == target).unwrap_or(0);
                    let mut cycle: Vec<usize> = stack[from..].iter().map(|(n, _)| *n).collect();
                    let mut key = cycle.clone();
                    key.sort_unstable();
                    if reported.insert(key) {
                        cycle.push(target);
                        let names: Vec<&str> = cycle
                            .iter()
                            .map(|&i| portal.documents[i].id.as_str())
                            .collect();
                        let main = portal.documents[node]
                            .main_version()
                            .expect("listed documents come from a main version");
                        let location = main
                            .documents
                            .get(position - 1)
                            .map(|e| e.location.clone())
                            .unwrap_or_else(|| Location::file(main.source.rel_path.clone()));
                        found.push(
                            Diagnostic::error(
                                "E0403",
                                format!("the document hierarchy has a cycle: {}", names.join(" → ")),
                            )
                            .at(location)
                            .hint("an agreement cannot be one of its own documents, directly or through another agreement; remove one of the entries"),
                        );
                    }
                }
                Mark::Done => {}
            }
        }
    }
    found
}

/// The links a rendered document page must contain, checked against the hrefs it has.
///
/// `links` maps a document index to the site paths its main page links to;
/// `template` is the template that rendered document pages, named in the error.
pub fn verify_rendered(
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
                out.push(
                    Diagnostic::error(
                        "E0405",
                        format!(
                            "the page of agreement `{}` does not link to its document `{}` (handling {position})",
                            agreement.id, document.id
                        ),
                    )
                    .at(Location::file(template.to_string()))
                    .note(format!("rendered page: {}", document_path(&agreement.id)))
                    .hint("the template must link every document of `page.document.documents`"),
                );
            }
            if !links_to(d, a) {
                out.push(
                    Diagnostic::error(
                        "E0406",
                        format!(
                            "the page of `{}` does not link back to agreement `{}`, which lists it",
                            document.id, agreement.id
                        ),
                    )
                    .at(Location::file(template.to_string()))
                    .note(format!("rendered page: {}", document_path(&document.id)))
                    .hint("the template must link every agreement of `page.document.part_of`"),
                );
            }
        }
    }
    out
}

/// Site paths the theme links from a rendered page, with the base path removed and
/// fragments dropped. Links in the body (`body`, where the page holds it verbatim) do not
/// count: a title mention or a term in the text is no Handlingsförteckning.
pub fn page_links(html: &[u8], body: &[u8], base_path: &str) -> BTreeSet<String> {
    let (before, after) = match memchr::memmem::find(html, body) {
        Some(at) if !body.is_empty() => (&html[..at], &html[at + body.len()..]),
        _ => (html, &html[..0]),
    };
    [before, after]
        .into_iter()
        .flat_map(|part| crate::links::attribute_values(part, b" href=\""))
        .filter_map(|href| {
            let href = href.split('#').next().unwrap_or_default();
            href.strip_prefix(base_path).map(|rest| format!("/{rest}"))
        })
        .collect()
}
