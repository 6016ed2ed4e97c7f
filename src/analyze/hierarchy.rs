//! The agreement hierarchy: which documents each agreement lists (its
//! Handlingsförteckning), in precedence order, as a graph, since a document such as
//! Allmänna villkor belongs to several agreements.
//!
//! Built from front matter alone, right after loading. The checks here are about the
//! lists themselves; `verify::hierarchy` later proves that the rendered pages link the
//! graph both ways (SPEC §6, "the hierarchy check"). The graph can be asked as of any
//! day ([`build_at`]); [`future::check_future`] runs the checks for the days upcoming versions
//! take effect.

pub(crate) mod future;

use std::collections::{BTreeSet, HashMap};

use crate::model::document::{DocVersion, Document};
use crate::model::portal::{Consequence, ConsequenceKind, Portal};
use crate::model::time::Date;
use crate::model::version::VersionStatus;
use crate::util::collate::swedish_key;
use crate::util::diag::{Diagnostic, Diagnostics, Location, closest};
use crate::util::i18n::{Text, msg};

/// A document's place in one agreement.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Membership {
    /// The agreement, by index in `Portal::documents`.
    pub(crate) agreement: usize,
    /// 1-based position in the agreement's list (its precedence).
    pub(crate) position: usize,
    /// The number of entries in the list.
    pub(crate) total: usize,
}

/// The graph of agreements and their documents, from the main versions' lists.
#[derive(Debug, Default)]
pub(crate) struct Hierarchy {
    /// By document index: every agreement that lists the document (itself excluded).
    pub(crate) memberships: Vec<Vec<Membership>>,
    /// By document index: the listed documents that exist, in list order (index,
    /// position), itself included.
    pub(crate) listed: Vec<Vec<(usize, usize)>>,
    /// Agreements listed by no other document, sorted by title.
    pub(crate) roots: Vec<usize>,
}

impl Hierarchy {
    /// Whether a document lists documents, that is, is an agreement.
    pub(crate) fn is_agreement(&self, doc: usize) -> bool {
        !self.listed[doc].is_empty()
    }
}

/// The portal at one moment: the date, and the version each document's main page
/// shows then. Lets the hierarchy be worked out for a day an upcoming version takes
/// effect without copying the portal.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Moment<'a> {
    /// The day: the build's date, or one on which an upcoming version takes effect.
    pub(crate) date: Date,
    /// By document index: the index in `versions` of the version shown at
    /// `/avtal/<id>/` on `date` (see [`Document::main_index`]).
    pub(crate) mains: &'a [Option<usize>],
}

/// Builds the graph and checks every Handlingsförteckning, as of the build's date.
///
/// Problems that follow from an agreement version that failed to load (a list naming
/// a document none of whose versions loaded, a document that may be listed by the
/// version that failed) go to `consequences` instead: notes on that version's error.
pub(crate) fn build(
    portal: &Portal,
    consequences: &mut Vec<Consequence>,
) -> (Hierarchy, Diagnostics) {
    let mains = main_indexes(portal);
    build_at(
        portal,
        Moment {
            date: portal.today,
            mains: &mains,
        },
        consequences,
    )
}

/// Builds the graph and checks every Handlingsförteckning, as of `moment`.
pub(crate) fn build_at(
    portal: &Portal,
    moment: Moment<'_>,
    consequences: &mut Vec<Consequence>,
) -> (Hierarchy, Diagnostics) {
    let mut diags = check_lists(portal, consequences);
    let (hierarchy, problems) = graph(portal, moment);
    for problem in &problems {
        match problem.follows_failure(portal) {
            Some((source, kind)) => consequences.push(Consequence {
                source,
                at: problem.location(portal, moment),
                kind,
            }),
            None => diags.push(problem.diagnostic(portal, moment)),
        }
    }
    (hierarchy, diags)
}

/// The version each document's main page shows on the build's date.
fn main_indexes(portal: &Portal) -> Vec<Option<usize>> {
    portal.documents.iter().map(Document::main_index).collect()
}

/// Every published version's list must name existing documents, each once. These do
/// not depend on the day: every published version is checked.
fn check_lists(portal: &Portal, consequences: &mut Vec<Consequence>) -> Diagnostics {
    let mut diags = Diagnostics::new();
    let ids = || portal.documents.iter().map(|d| d.id.as_str());
    for version in portal.documents.iter().flat_map(Document::published) {
        let mut seen: HashMap<&str, &Location> = HashMap::new();
        for entry in &version.documents {
            if let Some(first) = seen.insert(&entry.id, &entry.location) {
                let message = msg!("e0404-listed-twice", id = &entry.id, line = first.line);
                diags.push(Diagnostic::error("E0404", message).at(entry.location.clone()));
            }
            if portal.document_index(&entry.id).is_none() {
                if let Some(source) = portal.failed.document(&entry.id) {
                    consequences.push(Consequence {
                        source,
                        at: entry.location.clone(),
                        kind: ConsequenceKind::Listing,
                    });
                    continue;
                }
                let message = msg!("e0401-no-such-document", id = &entry.id);
                let d = Diagnostic::error("E0401", message).at(entry.location.clone());
                diags.push(match closest(&entry.id, ids()) {
                    Some(near) => d.hint(msg!("e0401-did-you-mean", near = near)),
                    None => d.hint(msg!("e0401-add-document", id = &entry.id)),
                });
            }
        }
    }
    diags
}

/// A problem of the graph on one day.
#[derive(Debug, Clone)]
enum Problem {
    /// `agreement` lists `target` (at 1-based `position`), which has no published
    /// version valid by `by`.
    NotInForce {
        agreement: usize,
        position: usize,
        target: usize,
        by: Date,
    },
    /// The graph has a cycle.
    Cycle(Cycle),
    /// A document that lists nothing and that no agreement lists.
    Orphan(usize),
}

/// What makes two problems on different days the same problem.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum ProblemKey {
    NotInForce(usize, usize),
    Cycle(Vec<usize>),
    Orphan(usize),
}

impl Problem {
    fn key(&self) -> ProblemKey {
        match self {
            Problem::NotInForce {
                agreement, target, ..
            } => ProblemKey::NotInForce(*agreement, *target),
            Problem::Cycle(cycle) => {
                let mut nodes = cycle.nodes.clone();
                nodes.sort_unstable();
                nodes.dedup();
                ProblemKey::Cycle(nodes)
            }
            Problem::Orphan(doc) => ProblemKey::Orphan(*doc),
        }
    }

    /// The agreement version that failed to load, if this problem may follow from it:
    /// a listed document has a version that failed (it may be the one in force), or a
    /// document belongs to no agreement while an agreement version failed (it may be
    /// the one that lists it). With what to note on that version's error.
    pub(super) fn follows_failure(&self, portal: &Portal) -> Option<(usize, ConsequenceKind)> {
        match self {
            Problem::NotInForce { target, .. } => {
                let source = portal.failed.document(&portal.documents[*target].id)?;
                Some((source, ConsequenceKind::Listing))
            }
            Problem::Orphan(doc) => {
                let source = portal.failed.first_version()?;
                let id = portal.documents[*doc].id.clone();
                Some((source, ConsequenceKind::Unlisted(id)))
            }
            Problem::Cycle(_) => None,
        }
    }

    /// Where the problem is reported on `moment`.
    fn location(&self, portal: &Portal, moment: Moment<'_>) -> Location {
        let main = |d: usize| main_at(portal, moment, d);
        match self {
            Problem::NotInForce {
                agreement,
                position,
                ..
            } => entry_location(main(*agreement), *position),
            Problem::Cycle(cycle) => entry_location(main(cycle.closing.0), cycle.closing.1),
            Problem::Orphan(doc) => Location::file(main(*doc).source.file.rel_path.clone()),
        }
    }

    /// The problem as it is reported for the day it is found on (E0402, E0403, W0401).
    fn diagnostic(&self, portal: &Portal, moment: Moment<'_>) -> Diagnostic {
        match self {
            Problem::NotInForce { target, by, .. } => {
                let when = if *by == moment.date { "today" } else { "later" };
                let target = &portal.documents[*target];
                let message = msg!(
                    "e0402-not-in-force",
                    id = &target.id,
                    date = by.to_string(),
                    when = when,
                );
                let d = Diagnostic::error("E0402", message).at(self.location(portal, moment));
                with_note(d, not_in_force(target, *by))
            }
            Problem::Cycle(cycle) => {
                let message = msg!("e0403-cycle", cycle = cycle.names(portal));
                Diagnostic::error("E0403", message).at(self.location(portal, moment))
            }
            Problem::Orphan(doc) => {
                let message = msg!("w0401-orphan", id = &portal.documents[*doc].id);
                Diagnostic::warning("W0401", message).at(self.location(portal, moment))
            }
        }
    }
}

/// `d` with `note`, if there is one.
fn with_note(d: Diagnostic, note: Option<Text>) -> Diagnostic {
    match note {
        Some(note) => d.note(note),
        None => d,
    }
}

/// The main version of document `d` at `moment`; only asked of documents that have one.
fn main_at<'p>(portal: &'p Portal, moment: Moment<'_>, d: usize) -> &'p DocVersion {
    let v = moment.mains[d].expect("only documents with a main version list or are listed");
    &portal.documents[d].versions[v]
}

/// Where the `position`th (1-based) entry of a version's list is written.
fn entry_location(version: &DocVersion, position: usize) -> Location {
    version
        .documents
        .get(position - 1)
        .map(|e| e.location.clone())
        .unwrap_or_else(|| Location::file(version.source.file.rel_path.clone()))
}

/// The documents that exist in version `v` of document `doc`'s list, each once, in
/// list order: (index, 1-based position).
fn list_of(portal: &Portal, doc: usize, v: Option<usize>) -> Vec<(usize, usize)> {
    let Some(v) = v else {
        return Vec::new();
    };
    let mut seen = BTreeSet::new();
    portal.documents[doc].versions[v]
        .documents
        .iter()
        .enumerate()
        .filter_map(|(i, entry)| {
            let target = portal.document_index(&entry.id)?;
            seen.insert(target).then_some((target, i + 1))
        })
        .collect()
}

/// The graph as of `moment`, and its problems then.
fn graph(portal: &Portal, moment: Moment<'_>) -> (Hierarchy, Vec<Problem>) {
    let n = portal.documents.len();
    let listed: Vec<Vec<(usize, usize)>> = (0..n)
        .map(|a| list_of(portal, a, moment.mains[a]))
        .collect();
    let mut memberships: Vec<Vec<Membership>> = vec![Vec::new(); n];
    let mut problems = Vec::new();
    for (a, entries) in listed.iter().enumerate() {
        let Some(v) = moment.mains[a] else {
            continue;
        };
        let main = &portal.documents[a].versions[v];
        // An agreement in force needs its documents in force that day; an upcoming
        // one needs them by the day it applies.
        let by = moment.date.max(main.valid_from);
        for &(target, position) in entries.iter().filter(|(t, _)| *t != a) {
            memberships[target].push(Membership {
                agreement: a,
                position,
                total: main.documents.len(),
            });
            if not_in_force(&portal.documents[target], by).is_some() {
                problems.push(Problem::NotInForce {
                    agreement: a,
                    position,
                    target,
                    by,
                });
            }
        }
    }
    problems.extend(find_cycles(&listed).into_iter().map(Problem::Cycle));
    // A document nobody lists, and that is no agreement itself, belongs to no agreement.
    problems.extend(
        (0..n)
            .filter(|&i| {
                memberships[i].is_empty() && listed[i].is_empty() && moment.mains[i].is_some()
            })
            .map(Problem::Orphan),
    );

    let mut roots: Vec<usize> = (0..n)
        .filter(|&i| memberships[i].is_empty() && !listed[i].is_empty())
        .collect();
    roots.sort_by_cached_key(|&r| (swedish_key(portal.documents[r].title()), r));
    let hierarchy = Hierarchy {
        memberships,
        listed,
        roots,
    };
    (hierarchy, problems)
}

/// Why a listed document has no published version valid on `by` (each version's
/// state), or `None` if it has one.
fn not_in_force(doc: &Document, by: Date) -> Option<Text> {
    if doc.published().any(|v| v.valid_from <= by) {
        return None;
    }
    let versions: Vec<Text> = doc
        .versions
        .iter()
        .map(|v| {
            let state = match v.status {
                VersionStatus::Upcoming => "upcoming",
                VersionStatus::Draft => "draft",
                _ => "other",
            };
            let message = msg!(
                "e0402-version",
                version = v.version.to_string(),
                date = v.valid_from.to_string(),
                state = state,
            );
            Text::from(message)
        })
        .collect();
    Some(Text::from(if versions.is_empty() {
        msg!("e0402-no-versions", id = &doc.id)
    } else {
        msg!(
            "e0402-versions",
            id = &doc.id,
            versions = Text::join(versions, "; ")
        )
    }))
}

/// A cycle of the graph: its documents in order, the first repeated at the end, and
/// the entry that closes it (document, 1-based position in its list).
#[derive(Debug, Clone)]
struct Cycle {
    nodes: Vec<usize>,
    closing: (usize, usize),
}

impl Cycle {
    /// `a → b → a`.
    fn names(&self, portal: &Portal) -> String {
        let names: Vec<&str> = self
            .nodes
            .iter()
            .map(|&i| portal.documents[i].id.as_str())
            .collect();
        names.join(" → ")
    }
}

/// Every cycle of the graph, each set of documents once, closed by the entry that
/// closes it in a depth-first search.
fn find_cycles(listed: &[Vec<(usize, usize)>]) -> Vec<Cycle> {
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
                    let mut nodes: Vec<usize> = stack[from..].iter().map(|(n, _)| *n).collect();
                    let mut key = nodes.clone();
                    key.sort_unstable();
                    if reported.insert(key) {
                        nodes.push(target);
                        found.push(Cycle {
                            nodes,
                            closing: (node, position),
                        });
                    }
                }
                Mark::Done => {}
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::{LoadOptions, load_portal};
    use crate::model::time::Now;

    fn fixture(name: &str) -> Portal {
        let loaded = load_portal(&LoadOptions {
            root: std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("tests/fixtures")
                .join(name),
            overrides: Default::default(),
            now: Now::parse("2026-11-26").unwrap(),
            drafts: false,
        })
        .unwrap();
        loaded.portal.unwrap()
    }

    #[test]
    fn the_graph_can_be_asked_as_of_any_moment() {
        let portal = fixture("hierarchy");
        let doc = |id: &str| portal.document_index(id).unwrap();
        let (today, diags) = build(&portal, &mut Vec::new());
        assert_eq!(today.roots, [doc("anslutning"), doc("huvudavtal")]);
        assert!(diags.into_sorted().is_empty());

        // As if Huvudavtal showed no version: Reglering av ansvar, listed only there,
        // belongs to no agreement, and only Anslutningsavtal is a root.
        let mut mains = main_indexes(&portal);
        mains[doc("huvudavtal")] = None;
        let moment = Moment {
            date: portal.today,
            mains: &mains,
        };
        let (then, diags) = build_at(&portal, moment, &mut Vec::new());
        assert_eq!(then.roots, [doc("anslutning")]);
        assert!(then.memberships[doc("villkor")].len() == 1);
        let diags = diags.into_sorted();
        assert_eq!(diags.len(), 1, "{diags:?}");
        assert_eq!(
            diags[0].to_string().lines().next(),
            Some("agreements/ansvar/1.0.md: warning[W0401]: `ansvar` belongs to no agreement")
        );
    }
}
