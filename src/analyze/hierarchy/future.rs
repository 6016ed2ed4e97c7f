//! The hierarchy as it will be: the checks of [`super::build_at`] on each day an
//! upcoming version takes effect, within the versions already written (W0402).
//!
//! A Handlingsförteckning can change with a new version, so a cycle, a listed document
//! not yet in force or a document left in no agreement can appear on the day a version
//! applies, in a portal that checks clean today. Rather than rebuild the graph for every
//! such day, the graph of today is brought forward day by day: only the lists of the
//! versions that take effect are read. A new cycle must use a new entry, and lies in a
//! strongly connected part of the graph of every list, today's and all the upcoming
//! ones; so a cycle is searched for only from a new entry into such a part, within that
//! part, and all such searches together within a budget (`SEARCH_BUDGET`). The work
//! is the size of the hierarchy plus the upcoming lists, however many days there are.

use std::collections::{HashMap, HashSet};

use super::{
    Cycle, Moment, Problem, entry_location, graph, list_of, main_indexes, not_in_force, with_note,
};
use crate::model::portal::Portal;
use crate::model::time::Date;
use crate::util::diag::{Diagnostic, Location};
use crate::util::i18n::msg;

/// The hierarchy problems that upcoming versions bring (W0402), each reported once, on
/// the first day it appears, and none that the build's date already has (today's
/// diagnostic reports those). Problems that may follow from an agreement version that
/// failed to load are left out: today's check notes them on that version's error, and
/// the future is checked again once it loads.
pub(crate) fn check_future(portal: &Portal) -> Vec<Diagnostic> {
    let days = upcoming_days(portal);
    if days.is_empty() {
        return Vec::new();
    }
    let (mut future, today) = Future::new(portal, &days);
    let mut seen: HashSet<_> = today.iter().map(Problem::key).collect();
    let mut out = Vec::new();
    for (date, changes) in &days {
        for (problem, cause) in future.advance(*date, changes) {
            if seen.insert(problem.key()) && problem.follows_failure(portal).is_none() {
                out.push(future.diagnostic(*date, &problem, cause));
            }
        }
    }
    out
}

/// Each day after the build's date on which some document's main page will show
/// another version, with those (document, version) pairs, in order.
fn upcoming_days(portal: &Portal) -> Vec<(Date, Vec<(usize, usize)>)> {
    let mut changes: Vec<(Date, usize, usize)> = Vec::new();
    for (d, doc) in portal.documents.iter().enumerate() {
        // A document with no version in force shows its first upcoming one already.
        let main = doc.main_index();
        changes.extend(
            doc.changes_after(portal.today)
                .into_iter()
                .filter(|&v| Some(v) != main)
                .map(|v| (doc.versions[v].valid_from, d, v)),
        );
    }
    changes.sort_unstable();
    let mut days: Vec<(Date, Vec<(usize, usize)>)> = Vec::new();
    for (date, d, v) in changes {
        match days.last_mut() {
            Some((last, list)) if *last == date => list.push((d, v)),
            _ => days.push((date, vec![(d, v)])),
        }
    }
    days
}

/// The graph on one day, brought forward day by day.
struct Future<'p> {
    portal: &'p Portal,
    /// By document: the version its main page shows.
    mains: Vec<Option<usize>>,
    /// By document: the documents its main version lists (see `Hierarchy::listed`).
    listed: Vec<Vec<(usize, usize)>>,
    /// By document: how many other documents list it.
    listers: Vec<usize>,
    /// By document: its strongly connected component in the graph of every list,
    /// today's and the upcoming ones, when that component can hold a cycle.
    components: Vec<Option<usize>>,
    /// List entries the searches for cycles may still follow (see [`SEARCH_BUDGET`]).
    budget: usize,
}

/// The searches for new cycles follow at most this many list entries, plus a few for
/// each entry of the graph of every list. Each search is bounded by one component, but
/// many agreements in one large component, changing their lists on as many different
/// days, would make the searches quadratic; no real hierarchy comes near. Past the
/// budget, cycles that only upcoming versions form are left to the build on their day.
const SEARCH_BUDGET: usize = 200_000;

impl<'p> Future<'p> {
    /// The graph of the build's date, and its problems.
    fn new(portal: &'p Portal, days: &[(Date, Vec<(usize, usize)>)]) -> (Self, Vec<Problem>) {
        let mains = main_indexes(portal);
        let (today, problems) = graph(
            portal,
            Moment {
                date: portal.today,
                mains: &mains,
            },
        );
        let mut edges: Vec<Vec<usize>> = today
            .listed
            .iter()
            .map(|l| l.iter().map(|&(t, _)| t).collect())
            .collect();
        for &(a, v) in days.iter().flat_map(|(_, changes)| changes) {
            edges[a].extend(list_of(portal, a, Some(v)).into_iter().map(|(t, _)| t));
        }
        let future = Future {
            portal,
            mains,
            listers: today.memberships.iter().map(Vec::len).collect(),
            listed: today.listed,
            budget: SEARCH_BUDGET + 16 * edges.iter().map(Vec::len).sum::<usize>(),
            components: cyclic_components(&edges),
        };
        (future, problems)
    }

    /// Moves to `date`, when each document of `changes` shows its new version; returns
    /// the problems found then, each with the document whose new version causes it.
    fn advance(&mut self, date: Date, changes: &[(usize, usize)]) -> Vec<(Problem, usize)> {
        let mut found = Vec::new();
        // Documents whose place in the graph may have changed, each with the document
        // whose new version changed it.
        let mut touched: Vec<(usize, usize)> = Vec::new();
        // New entries that may close a cycle: a new cycle has at least one.
        let mut added: Vec<(usize, usize)> = Vec::new();
        for &(a, v) in changes {
            for &(t, _) in self.listed[a].iter().filter(|&&(t, _)| t != a) {
                self.listers[t] -= 1;
                touched.push((t, a));
            }
            let old = std::mem::replace(&mut self.listed[a], list_of(self.portal, a, Some(v)));
            self.mains[a] = Some(v);
            let component = self.components[a];
            let before: HashSet<usize> = match component {
                Some(_) => old.iter().map(|&(t, _)| t).collect(),
                None => HashSet::new(),
            };
            for &(t, position) in self.listed[a].iter().filter(|&&(t, _)| t != a) {
                self.listers[t] += 1;
                if component.is_some() && self.components[t] == component && !before.contains(&t) {
                    added.push((a, t));
                }
                // Documents in force only grow with time: only a new list can name one
                // that is not.
                if not_in_force(&self.portal.documents[t], date).is_some() {
                    let problem = Problem::NotInForce {
                        agreement: a,
                        position,
                        target: t,
                        by: date,
                    };
                    found.push((problem, a));
                }
            }
            touched.push((a, a));
        }
        for (d, cause) in touched {
            if self.listers[d] == 0 && self.listed[d].is_empty() && self.mains[d].is_some() {
                found.push((Problem::Orphan(d), cause));
            }
        }
        for (from, to) in added {
            if let Some(cycle) = self.cycle_through(from, to) {
                found.push((Problem::Cycle(cycle), from));
            }
        }
        found
    }

    /// The cycle that the entry `from` → `to` closes, if `to` leads back to `from`,
    /// located at that entry.
    fn cycle_through(&mut self, from: usize, to: usize) -> Option<Cycle> {
        let position = self.listed[from].iter().find(|&&(t, _)| t == to)?.1;
        // Depth-first search from `to` within the component, remembering how each
        // document was reached.
        let component = self.components[from];
        let mut reached_from: HashMap<usize, usize> = HashMap::from([(to, to)]);
        let mut stack = vec![to];
        while let Some(node) = stack.pop() {
            if node == from {
                // The path read backwards: `from`, …, `to`.
                let mut back = vec![from];
                let mut at = from;
                while at != to {
                    at = reached_from[&at];
                    back.push(at);
                }
                let mut nodes = vec![from];
                nodes.extend(back.into_iter().rev());
                return Some(Cycle {
                    nodes,
                    closing: (from, position),
                });
            }
            for &(next, _) in &self.listed[node] {
                self.budget = self.budget.checked_sub(1)?;
                if self.components[next] == component && !reached_from.contains_key(&next) {
                    reached_from.insert(next, node);
                    stack.push(next);
                }
            }
        }
        None
    }

    /// `problem`, found on `date` and caused by the new version of document `cause`,
    /// as a warning that names both.
    fn diagnostic(&self, date: Date, problem: &Problem, cause: usize) -> Diagnostic {
        let portal = self.portal;
        let version = &portal.documents[cause].versions
            [self.mains[cause].expect("a document that changed shows a version")];
        // Every message starts "from <date>, when <title> <version> takes effect".
        let (day, title, number) = (date.to_string(), &version.title, version.version.as_str());
        match problem {
            Problem::NotInForce {
                position, target, ..
            } => {
                let target = &portal.documents[*target];
                let message = msg!(
                    "w0402-not-in-force",
                    date = &day,
                    title = title,
                    version = number,
                    id = &target.id,
                );
                let d =
                    Diagnostic::warning("W0402", message).at(entry_location(version, *position));
                with_note(d, not_in_force(target, date))
            }
            Problem::Cycle(cycle) => {
                let message = msg!(
                    "w0402-cycle",
                    date = &day,
                    title = title,
                    version = number,
                    cycle = cycle.names(portal),
                );
                Diagnostic::warning("W0402", message).at(entry_location(version, cycle.closing.1))
            }
            Problem::Orphan(doc) => {
                let message = msg!(
                    "w0402-orphan",
                    date = &day,
                    title = title,
                    version = number,
                    id = &portal.documents[*doc].id,
                );
                Diagnostic::warning("W0402", message)
                    .at(Location::file(version.source.file.rel_path.clone()))
            }
        }
    }
}

/// By document: the id of its strongly connected component in `edges` (a document's
/// list, as document indexes), for components of more than one document: only there
/// can a cycle form (a document listing itself is no cycle).
///
/// Tarjan's algorithm, iterative so that a long chain of agreements cannot overflow the
/// stack.
fn cyclic_components(edges: &[Vec<usize>]) -> Vec<Option<usize>> {
    let n = edges.len();
    let mut t = Tarjan {
        order: vec![None; n],
        low: vec![0; n],
        on_stack: vec![false; n],
        stack: Vec::new(),
        calls: Vec::new(),
        next: 0,
    };
    let mut components = vec![None; n];
    let mut count = 0;
    for start in 0..n {
        if t.order[start].is_some() {
            continue;
        }
        t.visit(start);
        while let Some(&mut (v, ref mut edge)) = t.calls.last_mut() {
            if let Some(&w) = edges[v].get(*edge) {
                *edge += 1;
                match t.order[w] {
                    None => t.visit(w),
                    Some(o) if t.on_stack[w] => t.low[v] = t.low[v].min(o),
                    Some(_) => {}
                }
                continue;
            }
            t.calls.pop();
            if let Some(&(parent, _)) = t.calls.last() {
                t.low[parent] = t.low[parent].min(t.low[v]);
            }
            if Some(t.low[v]) == t.order[v] {
                let from = t.stack.iter().rposition(|&x| x == v).unwrap_or(0);
                let members = t.stack.split_off(from);
                for &m in &members {
                    t.on_stack[m] = false;
                    if members.len() > 1 {
                        components[m] = Some(count);
                    }
                }
                count += 1;
            }
        }
    }
    components
}

/// The state of Tarjan's search: visit order and lowest reachable order per node, the
/// nodes of unfinished components, and the search's own stack (node, next edge).
struct Tarjan {
    order: Vec<Option<usize>>,
    low: Vec<usize>,
    on_stack: Vec<bool>,
    stack: Vec<usize>,
    calls: Vec<(usize, usize)>,
    next: usize,
}

impl Tarjan {
    fn visit(&mut self, v: usize) {
        self.order[v] = Some(self.next);
        self.low[v] = self.next;
        self.next += 1;
        self.stack.push(v);
        self.on_stack[v] = true;
        self.calls.push((v, 0));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_components_that_can_hold_a_cycle_are_marked() {
        // 0 → 1 → 2 → 0 is a cycle; 3 lists itself and 0; 4 → 5 → 4; 6 alone.
        let edges = vec![
            vec![1],
            vec![2],
            vec![0, 4],
            vec![3, 0],
            vec![5],
            vec![4],
            vec![],
        ];
        let c = cyclic_components(&edges);
        assert!(c[0].is_some() && c[0] == c[1] && c[1] == c[2]);
        assert!(c[4].is_some() && c[4] == c[5] && c[4] != c[0]);
        assert_eq!((c[3], c[6]), (None, None));
    }

    #[test]
    fn a_long_chain_does_not_overflow_the_stack() {
        let n = 200_000;
        let mut edges: Vec<Vec<usize>> = (0..n).map(|i| vec![i + 1]).collect();
        edges[n - 1] = vec![0];
        let c = cyclic_components(&edges);
        assert!(c.iter().all(|&x| x == Some(0)));
    }
}
