//! The agreement pages: each document version (the main page of a document is its
//! version in force), the change view between versions, and `/avtal/` with every
//! document and the hierarchy.

use std::collections::HashMap;
use std::ops::Range;

use jiff::Timestamp;

use super::time::{
    Span, changes_later, document_timed, in_force_states, main_spans, status_states,
    summary_states, version_states, when,
};
use super::{
    Shown, SiteIndex, ViewInput, agreements_crumbs, body_html, by_title, home_crumbs, intro, link,
};
use crate::analyze::routes::compared_with;
use crate::model::document::DocVersion;
use crate::model::paths::{changes_path, comparison_path, document_path, version_path};
use crate::model::version::VersionStatus;
use crate::render::changes::{self, Compared};
use crate::render::markdown::Rendered;
use crate::render::theme::api::{
    ChangesView, ComparisonLink, ComparisonRow, DocumentSummary, DocumentView, HistoryRow,
    ListedState, ListedView, MembershipView, PageView, TocItem, VersionMeta, When,
};

/// The page of a version of document `d`: version `v`, or (`None`) the document's main
/// page, which shows its main version.
pub(super) fn version<'a>(
    input: &ViewInput<'a>,
    index: &SiteIndex<'a>,
    view: &mut PageView<'a>,
    d: usize,
    v: Option<usize>,
    body: Option<&'a Rendered>,
) -> Shown<'a> {
    let doc = &input.portal.documents[d];
    let (v_index, is_main) = match v {
        Some(v) => (v, false),
        None => (
            doc.main_index()
                .expect("a document has a main page only with a published version"),
            true,
        ),
    };
    let v = &doc.versions[v_index];
    view.kind = "document";
    view.title = &v.title;
    view.date = Some(v.date.to_string());
    view.draft = v.draft;
    view.content = body_html(body);
    view.toc = body.map(toc).unwrap_or_default();
    view.breadcrumbs = agreements_crumbs(input, index);
    if !is_main {
        view.breadcrumbs
            .push(link(input, doc.title(), &document_path(&doc.id)));
        view.crumb = format!("Version {}", v.version);
    }
    let document = document_view(input, index, d, v_index, is_main);
    view.timed = document_timed(&document);
    view.document = Some(document);
    Shown {
        template: "document.html",
        description: v.description.as_deref(),
    }
}

/// The change view of document `d` from version `older` to the later version `newer`
/// (indexes in its `versions`).
pub(super) fn changes<'a>(
    input: &ViewInput<'a>,
    index: &SiteIndex<'a>,
    view: &mut PageView<'a>,
    d: usize,
    older: usize,
    newer: usize,
) -> Shown<'a> {
    let base = &input.portal.config.base_url;
    let doc = &input.portal.documents[d];
    let (old, v) = (&doc.versions[older], &doc.versions[newer]);
    let adjacent = doc.versions[..newer].iter().rposition(|p| p.published) == Some(older);
    view.kind = "changes";
    view.title = &v.title;
    view.draft = v.draft;
    view.breadcrumbs = agreements_crumbs(input, index);
    view.breadcrumbs
        .push(link(input, doc.title(), &document_path(&doc.id)));
    view.breadcrumbs.push(link(
        input,
        format!("Version {}", v.version),
        &version_path(&doc.id, v.version.as_str()),
    ));
    view.crumb = if adjacent {
        "Ändringar".to_string()
    } else {
        format!("Ändringar sedan version {}", old.version)
    };
    view.document = Some(document_view(input, index, d, newer, false));
    let from_url = base.href(&version_path(&doc.id, old.version.as_str()));
    let to_url = base.href(&version_path(&doc.id, v.version.as_str()));
    let changes = changes::compare(
        Compared {
            version: old,
            href: &from_url,
        },
        Compared {
            version: v,
            href: &to_url,
        },
        Some(input.theme_ids),
    );
    let versions = doc.versions.iter().filter(|v| v.published).count();
    view.changes = Some(ChangesView {
        from_version: old.version.to_string(),
        from_url,
        to_version: v.version.to_string(),
        to_url,
        changes,
        adjacent,
        comparisons: comparisons(input, d, (older, newer)),
        versions,
        all_versions_url: (versions > NEARBY_VERSIONS).then(|| history_url(input, d)),
    });
    Shown {
        template: "changes.html",
        description: None,
    }
}

/// How many versions a version page's revision history, and a change view's list of
/// the other change views, show at most: those around the version shown. Every one on a
/// page would make the pages of a document grow as the square of its versions (250
/// versions wrote 100 MB); the document's main page has the whole history. As many as
/// `ALL_PAIRS_UP_TO`, so a document with a usual history shows all of it everywhere.
/// See: issue 10.
pub(crate) const NEARBY_VERSIONS: usize = crate::analyze::routes::ALL_PAIRS_UP_TO;

/// The positions, among `published` versions, of the at most [`NEARBY_VERSIONS`] around
/// position `at`: as many before it as after it, where there are.
fn nearby(published: usize, at: usize) -> Range<usize> {
    let len = NEARBY_VERSIONS.min(published);
    let start = at.saturating_sub(len / 2).min(published - len);
    start..start + len
}

/// The position of version `v` of `doc` among its published versions (of the first
/// published after it, for a draft).
fn published_position(published: &[usize], v: usize) -> usize {
    published.partition_point(|&p| p < v)
}

/// The full revision history, on the main page of document `d`.
fn history_url(input: &ViewInput<'_>, d: usize) -> String {
    let doc = &input.portal.documents[d];
    let url = input.portal.config.base_url.href(&document_path(&doc.id));
    format!("{url}#doc-revisionshistorik")
}

/// The change views of document `d` as links, by newer version (newest first), the one
/// of the versions `shown` (older, newer) marked. The pairs are those the routes publish
/// ([`compared_with`]), among the versions [`nearby`] either of the two compared: at most
/// [`NEARBY_VERSIONS`] rows of at most twice as many links, whatever the number of
/// versions (all pairs while it is at most [`NEARBY_VERSIONS`]).
fn comparisons(input: &ViewInput<'_>, d: usize, shown: (usize, usize)) -> Vec<ComparisonRow> {
    let doc = &input.portal.documents[d];
    let base = &input.portal.config.base_url;
    let published: Vec<usize> = (0..doc.versions.len())
        .filter(|&v| doc.versions[v].published)
        .collect();
    let total = published.len();
    let near_newer = nearby(total, published_position(&published, shown.1));
    let near_older = nearby(total, published_position(&published, shown.0));
    let is_near = |at: &usize| near_newer.contains(at) || near_older.contains(at);
    let mut rows = Vec::new();
    for newer_at in near_newer.clone().rev() {
        let newer = published[newer_at];
        let version = doc.versions[newer].version.as_str();
        let with: Vec<ComparisonLink> = compared_with(total, newer_at)
            .rev()
            .filter(is_near)
            .map(|older_at| {
                let older = published[older_at];
                let from = doc.versions[older].version.as_str();
                let path = comparison_path(&doc.id, version, from, older_at + 1 == newer_at);
                ComparisonLink {
                    version: from.to_string(),
                    url: base.href(&path),
                    is_this: (older, newer) == shown,
                }
            })
            .collect();
        if !with.is_empty() {
            rows.push(ComparisonRow {
                version: version.to_string(),
                with,
            });
        }
    }
    rows
}

/// `/avtal/`: every document with a published version, and the root agreements with
/// their documents.
pub(super) fn agreements<'a>(
    input: &ViewInput<'a>,
    index: &SiteIndex<'a>,
    view: &mut PageView<'a>,
    body: Option<&'a Rendered>,
) -> Shown<'a> {
    view.kind = "agreements";
    view.title = index.agreements_title;
    let description = intro(input, view, input.routes.agreements_intro, body);
    view.breadcrumbs = home_crumbs(input, index);
    view.agreements = by_title(input.portal)
        .into_iter()
        .map(|i| document_summary(input, index, i))
        .collect();
    view.hierarchy = input
        .hierarchy
        .roots
        .iter()
        .map(|&r| document_summary(input, index, r))
        .collect();
    view.timed = view.agreements.iter().chain(&view.hierarchy).any(|s| {
        s.states.len() > 1
            || (s.documents.iter())
                .any(|l| l.states.len() > 1 || l.when.from.is_some() || l.when.until.is_some())
    });
    Shown {
        template: "agreements.html",
        description,
    }
}

/// The table of contents: every heading of the body from level 2 down, each nested
/// under the nearest heading above it of a higher level, so that every numbered level
/// (5, 5.2, 5.2.1, …) is listed. A heading that skips a level (an h4 right under an h2)
/// is nested under that h2. Level-1 headings are left out: the page's own `<h1>` is the
/// document's title. One pass with a stack of the open entries, so linear in the
/// headings. See: issue 13, item 2 (5.2.1 was missing: only h2 and h3 were listed).
fn toc(rendered: &Rendered) -> Vec<TocItem> {
    let mut items: Vec<TocItem> = Vec::new();
    // The entries still open, outermost first, with their heading levels.
    let mut open: Vec<(u8, TocItem)> = Vec::new();
    for h in rendered.headings.iter().filter(|h| h.level >= 2) {
        while open.last().is_some_and(|(level, _)| *level >= h.level) {
            close_toc_entry(&mut open, &mut items);
        }
        open.push((
            h.level,
            TocItem {
                id: h.id.clone(),
                text: h.text.clone(),
                children: Vec::new(),
            },
        ));
    }
    while !open.is_empty() {
        close_toc_entry(&mut open, &mut items);
    }
    items
}

/// Closes the innermost open entry: it becomes the last child of the entry around it,
/// or a top-level entry.
fn close_toc_entry(open: &mut Vec<(u8, TocItem)>, items: &mut Vec<TocItem>) {
    if let Some((_, item)) = open.pop() {
        match open.last_mut() {
            Some((_, parent)) => parent.children.push(item),
            None => items.push(item),
        }
    }
}

/// What templates see of version `v_index` of document `d`; the whole revision history
/// only with `full_history` (the document's main page), else the versions [`nearby`].
fn document_view<'a>(
    input: &ViewInput<'a>,
    index: &SiteIndex<'_>,
    d: usize,
    v_index: usize,
    full_history: bool,
) -> DocumentView<'a> {
    let portal = input.portal;
    let doc = &portal.documents[d];
    let v = &doc.versions[v_index];
    let base = &portal.config.base_url;
    let published: Vec<usize> = (0..doc.versions.len())
        .filter(|&i| doc.versions[i].published)
        .collect();
    let shown = if full_history {
        &published[..]
    } else {
        &published[nearby(published.len(), published_position(&published, v_index))]
    };
    let current = doc
        .current
        .filter(|&c| c != v_index)
        .map(|c| &doc.versions[c])
        .map(|c| {
            link(
                input,
                format!("version {}", c.version),
                &version_path(&doc.id, c.version.as_str()),
            )
        });
    let part_of = part_of(input, index, d);
    DocumentView {
        id: &doc.id,
        title: &v.title,
        meta: version_meta(v),
        draft: v.draft,
        current,
        states: version_states(input, index, d, v_index),
        statuses: status_states(portal, index, d, v_index),
        parties: &v.parties,
        history: shown
            .iter()
            .map(|&i| {
                let h = &doc.versions[i];
                HistoryRow {
                    meta: version_meta(h),
                    url: base.href(&version_path(&doc.id, h.version.as_str())),
                    changes_url: doc
                        .previous_published(i)
                        .map(|_| base.href(&changes_path(&doc.id, h.version.as_str()))),
                    is_this: i == v_index,
                    states: status_states(portal, index, d, i),
                }
            })
            .collect(),
        history_total: published.len(),
        history_all_url: (shown.len() < published.len()).then(|| history_url(input, d)),
        documents: listed(input, index, d, v, true),
        part_of_shown: part_of.iter().any(|m| !m.when.hidden),
        part_of,
    }
}

/// "Ingår i X som handling 2 av 5" for document `d`: the places the hierarchy gives it,
/// for good, in the agreements whose main page will not change, and over time in those
/// whose main page will show another version (which may list it elsewhere, or not at
/// all, or list it for the first time).
fn part_of(input: &ViewInput<'_>, index: &SiteIndex<'_>, d: usize) -> Vec<MembershipView> {
    let portal = input.portal;
    let base = &portal.config.base_url;
    let tz = &portal.config.timezone;
    let view = |a: usize, position, total, when| {
        let agreement = &portal.documents[a];
        MembershipView {
            when,
            title: agreement.title().to_string(),
            url: base.href(&document_path(&agreement.id)),
            position,
            total,
        }
    };
    let mut rows: Vec<(usize, Option<Timestamp>, MembershipView)> = input.hierarchy.memberships[d]
        .iter()
        .filter(|m| !changes_later(&index.timelines, m.agreement))
        .map(|m| {
            (
                m.agreement,
                None,
                view(m.agreement, m.position, m.total, When::default()),
            )
        })
        .collect();
    for m in index.memberships_later.get(&d).into_iter().flatten() {
        let span = Span {
            from: m.from,
            until: m.until,
            state: (),
        };
        let row = view(m.agreement, m.position, m.total, when(&span, tz));
        rows.push((m.agreement, m.from, row));
    }
    rows.sort_by_key(|(a, from, _)| (*a, *from));
    rows.into_iter().map(|(_, _, row)| row).collect()
}

fn version_meta(v: &DocVersion) -> VersionMeta<'_> {
    VersionMeta {
        version: v.version.as_str(),
        date: v.date.to_string(),
        author: &v.author,
        comment: v.comment.as_deref(),
        valid_from: v.valid_from.to_string(),
        status: v.status.as_str(),
    }
}

/// The Handlingsförteckning of version `v` of document `d`. Each entry names the
/// version in force of its document over time, except, on the page of `v` itself
/// (`on_its_page`), the entry for `d`, which names `v`: the page describes the document
/// as of the version it shows.
fn listed(
    input: &ViewInput<'_>,
    index: &SiteIndex<'_>,
    d: usize,
    v: &DocVersion,
    on_its_page: bool,
) -> Vec<ListedView> {
    let portal = input.portal;
    let base = &portal.config.base_url;
    v.documents
        .iter()
        .enumerate()
        .map(|(i, entry)| {
            let target_index = portal.document_index(&entry.id);
            let target = target_index.map(|t| &portal.documents[t]);
            let is_self = entry.id == portal.documents[d].id;
            let states = match target_index {
                _ if is_self && on_its_page => vec![ListedState {
                    when: When::default(),
                    version: Some(v.version.to_string()),
                    date: Some(v.date.to_string()),
                }],
                Some(t) => in_force_states(portal, index, t),
                None => vec![ListedState {
                    when: When::default(),
                    version: None,
                    date: None,
                }],
            };
            let shared_with = target_index
                .map(|t| {
                    input.hierarchy.memberships[t]
                        .iter()
                        .filter(|m| m.agreement != d)
                        .map(|m| {
                            let a = &portal.documents[m.agreement];
                            link(input, a.title(), &document_path(&a.id))
                        })
                        .collect()
                })
                .unwrap_or_default();
            ListedView {
                when: When::default(),
                position: i + 1,
                id: entry.id.clone(),
                title: target.map_or_else(|| entry.id.clone(), |t| t.title().to_string()),
                url: base.href(&document_path(&entry.id)),
                version: states.first().and_then(|s| s.version.clone()),
                date: states.first().and_then(|s| s.date.clone()),
                states,
                is_self,
                shared_with,
            }
        })
        .collect()
}

fn document_summary(input: &ViewInput<'_>, index: &SiteIndex<'_>, d: usize) -> DocumentSummary {
    let doc = &input.portal.documents[d];
    let current = doc.current.map(|i| &doc.versions[i]);
    let upcoming = doc
        .versions
        .iter()
        .find(|v| v.status == VersionStatus::Upcoming);
    DocumentSummary {
        id: doc.id.clone(),
        title: doc.title().to_string(),
        url: input.portal.config.base_url.href(&document_path(&doc.id)),
        version: current.map(|c| c.version.to_string()),
        date: current.map(|c| c.date.to_string()),
        upcoming_from: upcoming.map(|u| u.valid_from.to_string()),
        states: summary_states(input, index, d),
        documents: listed_over_time(input, index, d),
    }
}

/// The Handlingsförteckning `/avtal/` shows for document `d` over time: that of the
/// version its main page shows on each day, so that a document an upcoming version adds
/// is listed from the day it takes effect, and one it drops until then. An entry that
/// stays at its position is one entry for all its time; the entries are in position
/// order, so the visible ones are too at every moment (a hidden `<li>` takes no number).
fn listed_over_time(input: &ViewInput<'_>, index: &SiteIndex<'_>, d: usize) -> Vec<ListedView> {
    let doc = &input.portal.documents[d];
    let mut out: Vec<(ListedView, Option<Timestamp>, Option<Timestamp>)> = Vec::new();
    // The entries of the previous stretch, by (position, document): where they are in
    // `out`.
    let mut previous: HashMap<(usize, String), usize> = HashMap::new();
    for span in main_spans(input.portal, index, d) {
        let mut this = HashMap::new();
        let Some(v) = span.state else {
            previous = this;
            continue;
        };
        for item in listed(input, index, d, &doc.versions[v], false) {
            let key = (item.position, item.id.clone());
            let at = match previous.get(&key) {
                Some(&at) => {
                    out[at].2 = span.until;
                    at
                }
                None => {
                    out.push((item, span.from, span.until));
                    out.len() - 1
                }
            };
            this.insert(key, at);
        }
        previous = this;
    }
    // Stable: the entries of one position in the order they are listed.
    out.sort_by_key(|(item, from, _)| (item.position, *from));
    let tz = &input.portal.config.timezone;
    out.into_iter()
        .map(|(mut item, from, until)| {
            let span = Span {
                from,
                until,
                state: (),
            };
            item.when = when(&span, tz);
            item
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearby_versions_are_as_many_on_either_side_as_there_are() {
        assert_eq!(nearby(5, 0), 0..5);
        assert_eq!(nearby(12, 11), 0..12);
        assert_eq!(nearby(100, 0), 0..12);
        assert_eq!(nearby(100, 50), 44..56);
        assert_eq!(nearby(100, 99), 88..100);
        for at in 0..40 {
            let near = nearby(40, at);
            assert!(near.contains(&at) && near.len() == NEARBY_VERSIONS, "{at}");
        }
    }
}
