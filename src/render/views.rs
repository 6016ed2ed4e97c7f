//! Views: what each route's template sees, built from the portal and the rendered
//! bodies. Borrowed wherever possible; anything site-wide is looked up in a
//! [`SiteIndex`] built once per build, so no page does a linear search.

use std::cmp::Reverse;
use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;

use jiff::Timestamp;
use jiff::tz::TimeZone;

use crate::analyze::hierarchy::Hierarchy;
use crate::analyze::routes::{Route, Routes};
use crate::model::document::{DocVersion, Document};
use crate::model::notice::{Notice, NoticeKind, NoticeStatus, list_order};
use crate::model::page::{Page, PageKind, menu_order};
use crate::model::paths::{
    AGREEMENTS_PATH, GLOSSARY_PATH, NOTICES_ATOM_PATH, NOTICES_ICS_PATH, NOTICES_PATH,
    SITEMAP_PATH, changes_path, document_path, version_path,
};
use crate::model::portal::Portal;
use crate::model::time::{
    Date, date_in, iso_local, iso_zoned, short_time, swedish_period, swedish_zoned,
};
use crate::model::version::VersionStatus;
use crate::render::changes;
use crate::render::markdown::Rendered;
use crate::render::terms::{Glossary, swedish_key};
use crate::render::theme::{
    BuiltView, ChangesView, ChildView, DefinitionView, DocumentSummary, DocumentView,
    GlossaryEntry, HistoryRow, LatestView, LinkView, ListedState, ListedView, MembershipView,
    NextVersion, NoticeLists, NoticeView, PageView, SiteMapEntry, SiteView, StatusState,
    SummaryState, TimeView, TimedNotice, TocItem, VersionMeta, VersionState, When,
};

/// The glossary's title.
const GLOSSARY_TITLE: &str = "Begrepp";
/// The site map's title.
const SITEMAP_TITLE: &str = "Webbplatskarta";

/// Everything the views are built from, borrowed.
pub struct ViewInput<'a> {
    /// The portal.
    pub portal: &'a Portal,
    /// Its routes.
    pub routes: &'a Routes,
    /// The agreement hierarchy.
    pub hierarchy: &'a Hierarchy,
    /// Defined terms.
    pub glossary: &'a Glossary,
}

/// Lookups built once per build.
pub struct SiteIndex<'a> {
    /// Published page titles by site path, for breadcrumbs and menus.
    titles: HashMap<&'a str, &'a str>,
    /// Published child pages by parent site path, in menu order.
    children: HashMap<&'a str, Vec<&'a Page>>,
    agreements_title: &'a str,
    notices_title: &'a str,
    /// Per document (as `Portal::documents`): when its versions take effect.
    timelines: Vec<DocTimeline>,
}

impl<'a> SiteIndex<'a> {
    /// Indexes the published pages of `portal`.
    pub fn new(portal: &'a Portal) -> Self {
        let mut titles: HashMap<&str, &str> = HashMap::new();
        let mut children: HashMap<&str, Vec<&Page>> = HashMap::new();
        let mut agreements_title = "Avtal";
        let mut notices_title = "Driftinformation";
        for page in portal.pages.iter().filter(|p| p.published) {
            titles.insert(&page.url_path, &page.title);
            if page.url_path == AGREEMENTS_PATH {
                agreements_title = &page.title;
            }
            if page.url_path == NOTICES_PATH {
                notices_title = &page.title;
            }
            if let Some(parent) = page.parent_path() {
                children.entry(parent).or_default().push(page);
            }
        }
        titles.insert(AGREEMENTS_PATH, agreements_title);
        titles.insert(NOTICES_PATH, notices_title);
        if let Some(list) = &portal.data_list {
            titles.insert(crate::model::paths::DATA_LIST_PATH, &list.title);
        }
        titles.insert(SITEMAP_PATH, SITEMAP_TITLE);
        titles.insert(GLOSSARY_PATH, GLOSSARY_TITLE);
        for list in children.values_mut() {
            list.sort_by_cached_key(|p| (menu_order(p.weight, &p.title), p.url_path.clone()));
        }
        let timelines = portal
            .documents
            .iter()
            .map(|d| DocTimeline::new(d, portal.now, &portal.config.timezone))
            .collect();
        SiteIndex {
            titles,
            children,
            agreements_title,
            notices_title,
            timelines,
        }
    }

    fn start_title(&self) -> &'a str {
        self.titles.get("/").copied().unwrap_or("Startsida")
    }
}

/// The site-wide view: menus and settings.
pub fn site_view<'a>(portal: &'a Portal, routes: &Routes, index: &SiteIndex<'a>) -> SiteView<'a> {
    let config = &portal.config;
    let menu_link = |item: &crate::model::config::MenuItem| LinkView {
        title: item
            .title
            .clone()
            .or_else(|| index.titles.get(item.path.as_str()).map(|t| t.to_string()))
            .unwrap_or_else(|| item.path.clone()),
        url: crate::render::links::site_href(&config.base_url, &item.path),
        path: item.path.clone(),
    };
    let disturbances = disturbances(portal);
    SiteView {
        title: &config.title,
        description: config.description.as_deref().unwrap_or(""),
        language: &config.language,
        csp: crate::util::csp::META_POLICY,
        base_path: config.base_url.path(),
        base_url: config.base_url.absolute("/"),
        menu: config.menu.iter().map(menu_link).collect(),
        footer_menu: config.footer_menu.iter().map(menu_link).collect(),
        today: portal.today.to_string(),
        atom_url: portal
            .has_notices()
            .then(|| config.base_url.href(NOTICES_ATOM_PATH)),
        ics_url: portal
            .has_notices()
            .then(|| config.base_url.href(NOTICES_ICS_PATH)),
        agreements_url: routes
            .page(AGREEMENTS_PATH)
            .map(|_| config.base_url.href(AGREEMENTS_PATH)),
        search_url: config.base_url.href(crate::model::paths::SEARCH_PATH),
        sitemap_url: config.base_url.href(SITEMAP_PATH),
        built: built_view(portal),
        alerts: portal
            .notices
            .iter()
            .filter(|n| {
                n.published
                    && n.kind == NoticeKind::Disturbance
                    && n.status(portal.now) == NoticeStatus::Ongoing
            })
            .map(|n| notice_view(portal, n))
            .collect(),
        disturbances_shown: disturbances.iter().any(|d| !d.when.hidden),
        timed: disturbances
            .iter()
            .any(|d| d.when.from.is_some() || d.when.until.is_some()),
        disturbances,
    }
}

/// The disturbances that are ongoing at the build's time or will be, each with the
/// stretch of time in which it is.
fn disturbances(portal: &Portal) -> Vec<TimedNotice> {
    let tz = &portal.config.timezone;
    portal
        .notices
        .iter()
        .filter(|n| n.published && n.kind == NoticeKind::Disturbance)
        .flat_map(|n| {
            notice_spans(n, portal.now)
                .into_iter()
                .filter(|span| span.state == NoticeStatus::Ongoing)
                .map(move |span| timed_notice(portal, n, &span, tz))
        })
        .collect()
}

/// The build's time for "Uppdaterad …": the date alone when the build was given one
/// (`--now 2026-11-26` is midnight at its start, and a time of 00:00 says no more).
fn built_view(portal: &Portal) -> BuiltView {
    let z = portal.now.to_zoned_datetime(portal.config.timezone.clone());
    if z.time() == jiff::civil::Time::midnight() {
        let date = z.date().to_string();
        BuiltView {
            iso: date.clone(),
            text: date,
        }
    } else {
        BuiltView {
            iso: iso_zoned(&z),
            text: z.strftime("%Y-%m-%d %H:%M").to_string(),
        }
    }
}

fn time_view(t: jiff::Timestamp, tz: &jiff::tz::TimeZone) -> TimeView {
    let z = t.to_zoned_datetime(tz.clone());
    TimeView {
        iso: iso_zoned(&z),
        text: swedish_zoned(&z),
        short: short_time(&z),
    }
}

/// A notice as templates see it.
pub fn notice_view(portal: &Portal, n: &Notice) -> NoticeView {
    let tz = &portal.config.timezone;
    let status = n.status(portal.now);
    let states = notice_spans(n, portal.now)
        .iter()
        .map(|span| StatusState {
            when: when(span, tz),
            status: span.state.id(),
            label: span.state.label(n.kind),
        })
        .collect();
    NoticeView {
        title: n.title.clone(),
        url: portal.config.base_url.href(&n.url_path),
        kind: n.kind.id(),
        kind_label: n.kind.label(),
        status: status.id(),
        status_label: status.label(n.kind),
        period: swedish_period(n.start, n.end, tz),
        start: time_view(n.start, tz),
        end: n.end.map(|t| time_view(t, tz)),
        resolved: n.resolved.map(|t| time_view(t, tz)),
        updated: time_view(n.updated, tz),
        environments: n.environments.iter().map(|e| e.label()).collect(),
        components: n.components.clone(),
        states,
    }
}

/// Notice `n` as one list shows it during `span`: with that stretch's status.
fn timed_notice(
    portal: &Portal,
    n: &Notice,
    span: &Span<NoticeStatus>,
    tz: &TimeZone,
) -> TimedNotice {
    let mut notice = notice_view(portal, n);
    notice.status = span.state.id();
    notice.status_label = span.state.label(n.kind);
    TimedNotice {
        notice,
        when: when(span, tz),
    }
}

/// `notices` by the status each has over time: every notice is in the list of each
/// status it has from the build's time on, and each list is sorted by what does not
/// change (start), so it is in `list_order` whenever it is read.
fn notice_lists(portal: &Portal, notices: &[&Notice], with_ended: bool) -> NoticeLists {
    let tz = &portal.config.timezone;
    let mut ongoing = Vec::new();
    let mut upcoming = Vec::new();
    let mut ended = Vec::new();
    for &n in notices {
        for span in notice_spans(n, portal.now) {
            match span.state {
                NoticeStatus::Ongoing => ongoing.push((n, span)),
                NoticeStatus::Upcoming => upcoming.push((n, span)),
                NoticeStatus::Ended if with_ended => ended.push((n, span)),
                NoticeStatus::Ended => {}
            }
        }
    }
    ongoing.sort_by_key(|(n, _)| (Reverse(n.start), n.url_path.as_str()));
    upcoming.sort_by_key(|(n, _)| (n.start, n.url_path.as_str()));
    ended.sort_by_key(|(n, _)| (Reverse(n.start), n.url_path.as_str()));
    let views = |list: Vec<(&Notice, Span<NoticeStatus>)>| -> Vec<TimedNotice> {
        list.into_iter()
            .map(|(n, span)| timed_notice(portal, n, &span, tz))
            .collect()
    };
    let current: Vec<TimedNotice> = views(ongoing).into_iter().chain(views(upcoming)).collect();
    let ended = views(ended);
    NoticeLists {
        current_shown: current.iter().any(|n| !n.when.hidden),
        ended_shown: ended.iter().any(|n| !n.when.hidden),
        current,
        ended,
    }
}

/// Whether a list of notices has an entry that appears or disappears after the build.
fn lists_timed(lists: &NoticeLists) -> bool {
    lists
        .current
        .iter()
        .chain(&lists.ended)
        .any(|n| n.when.from.is_some() || n.when.until.is_some())
}

/// Published notices in list order.
fn listed_notices(portal: &Portal) -> Vec<&Notice> {
    let mut list: Vec<&Notice> = portal.notices.iter().filter(|n| n.published).collect();
    list_order(&mut list, portal.now);
    list
}

fn link(input: &ViewInput<'_>, title: impl Into<String>, path: &str) -> LinkView {
    LinkView {
        title: title.into(),
        url: input.portal.config.base_url.href(path),
        path: path.to_string(),
    }
}

/// The template and view for one route, and the page's own description (`None` when
/// the view shows the site's).
pub fn page_view<'a>(
    input: &ViewInput<'a>,
    index: &SiteIndex<'a>,
    path: &'a str,
    route: Route,
    body: Option<&'a Rendered>,
) -> (&'static str, PageView<'a>, Option<&'a str>) {
    let portal = input.portal;
    let base = &portal.config.base_url;
    let mut own_description = None;
    let mut view = PageView {
        kind: "page",
        path,
        canonical: base.absolute(path),
        title: "",
        description: "",
        date: None,
        draft: false,
        breadcrumbs: Vec::new(),
        crumb: String::new(),
        content: "",
        toc: Vec::new(),
        children: Vec::new(),
        document: None,
        agreements: Vec::new(),
        hierarchy: Vec::new(),
        changes: None,
        glossary: Vec::new(),
        notices: Vec::new(),
        notice_lists: NoticeLists::default(),
        notice: None,
        data_list: None,
        latest: Vec::new(),
        sitemap: Vec::new(),
        timed: false,
    };
    let agreements_crumbs = || {
        vec![
            link(input, index.start_title(), "/"),
            link(input, index.agreements_title, AGREEMENTS_PATH),
        ]
    };
    let template = match route {
        Route::Page(i) => {
            let page = &portal.pages[i];
            view.title = &page.title;
            own_description = page.description.as_deref();
            view.date = page.date.map(|d| d.to_string());
            view.draft = page.draft;
            view.content = body_html(body);
            view.breadcrumbs = breadcrumbs(input, index, path);
            view.children = children(input, index, path);
            match page.kind {
                PageKind::Start => {
                    view.kind = "start";
                    let listed: Vec<&Notice> = listed_notices(portal)
                        .into_iter()
                        .filter(|n| n.status(portal.now) != NoticeStatus::Ended)
                        .collect();
                    view.notices = listed.iter().map(|n| notice_view(portal, n)).collect();
                    view.notice_lists = notice_lists(portal, &listed, false);
                    view.timed = lists_timed(&view.notice_lists);
                    view.latest = latest(portal);
                    "index.html"
                }
                PageKind::Section => {
                    view.kind = "section";
                    "section.html"
                }
                PageKind::Page => "page.html",
            }
        }
        Route::DocumentMain(d) | Route::DocumentVersion(d, _) => {
            let doc = &portal.documents[d];
            let (v_index, is_main) = match route {
                Route::DocumentVersion(_, v) => (v, false),
                _ => (
                    doc.main_index()
                        .expect("a document has a main page only with a published version"),
                    true,
                ),
            };
            let v = &doc.versions[v_index];
            let rendered = body;
            view.kind = "document";
            view.title = &v.title;
            own_description = v.description.as_deref();
            view.date = Some(v.date.to_string());
            view.draft = v.draft;
            view.content = body_html(rendered);
            view.toc = rendered.map(toc).unwrap_or_default();
            view.breadcrumbs = agreements_crumbs();
            if !is_main {
                view.breadcrumbs
                    .push(link(input, doc.title(), &document_path(&doc.id)));
                view.crumb = format!("Version {}", v.version);
            }
            let document = document_view(input, index, d, v_index);
            view.timed = document_timed(&document);
            view.document = Some(document);
            "document.html"
        }
        Route::Changes(d, v_index) => {
            let doc = &portal.documents[d];
            let v = &doc.versions[v_index];
            view.kind = "changes";
            view.title = &v.title;
            view.draft = v.draft;
            view.breadcrumbs = agreements_crumbs();
            view.breadcrumbs
                .push(link(input, doc.title(), &document_path(&doc.id)));
            view.breadcrumbs.push(link(
                input,
                format!("Version {}", v.version),
                &version_path(&doc.id, v.version.as_str()),
            ));
            view.crumb = "Ändringar".to_string();
            view.document = Some(document_view(input, index, d, v_index));
            view.changes = doc.previous_published(v_index).map(|old| ChangesView {
                from_version: old.version.to_string(),
                from_url: base.href(&version_path(&doc.id, old.version.as_str())),
                to_version: v.version.to_string(),
                to_url: base.href(&version_path(&doc.id, v.version.as_str())),
                changes: changes::compare(old, v),
            });
            "changes.html"
        }
        Route::Agreements => {
            view.kind = "agreements";
            view.title = index.agreements_title;
            if let Some(i) = input.routes.agreements_intro {
                let page = &portal.pages[i];
                own_description = page.description.as_deref();
                view.draft = page.draft;
                view.content = body_html(body);
            }
            view.breadcrumbs = vec![link(input, index.start_title(), "/")];
            view.agreements = portal
                .documents
                .iter()
                .enumerate()
                .filter(|(_, d)| d.published().next().is_some())
                .map(|(i, _)| document_summary(input, index, i))
                .collect();
            view.hierarchy = input
                .hierarchy
                .roots
                .iter()
                .map(|&r| document_summary(input, index, r))
                .collect();
            view.timed = view
                .agreements
                .iter()
                .chain(&view.hierarchy)
                .any(|s| s.states.len() > 1 || s.documents.iter().any(|l| l.states.len() > 1));
            "agreements.html"
        }
        Route::Glossary => {
            view.kind = "glossary";
            view.title = GLOSSARY_TITLE;
            view.breadcrumbs = agreements_crumbs();
            view.glossary = glossary(input);
            "glossary.html"
        }
        Route::Notices => {
            view.kind = "notices";
            view.title = index.notices_title;
            if let Some(i) = input.routes.notices_intro {
                let page = &portal.pages[i];
                own_description = page.description.as_deref();
                view.draft = page.draft;
                view.content = body_html(body);
            }
            view.breadcrumbs = vec![link(input, index.start_title(), "/")];
            let listed = listed_notices(portal);
            view.notices = listed.iter().map(|n| notice_view(portal, n)).collect();
            view.notice_lists = notice_lists(portal, &listed, true);
            view.timed = lists_timed(&view.notice_lists);
            "notices.html"
        }
        Route::Notice(i) => {
            let n = &portal.notices[i];
            view.kind = "notice";
            view.title = &n.title;
            own_description = n.description.as_deref();
            view.draft = n.draft;
            view.content = body_html(body);
            view.breadcrumbs = vec![
                link(input, index.start_title(), "/"),
                link(input, index.notices_title, NOTICES_PATH),
            ];
            let notice = notice_view(portal, n);
            view.timed = notice.states.len() > 1;
            view.notice = Some(notice);
            "notice.html"
        }
        Route::DataList => {
            let list = portal
                .data_list
                .as_ref()
                .expect("the route exists only with a list");
            view.kind = "data_list";
            view.title = &list.title;
            own_description = list.description.as_deref();
            view.breadcrumbs = vec![link(input, index.start_title(), "/")];
            view.data_list = Some(list);
            "datalist.html"
        }
        Route::Search => {
            view.kind = "search";
            view.title = "Sök";
            own_description = Some("Sök på hela webbplatsen.");
            view.breadcrumbs = vec![link(input, index.start_title(), "/")];
            "search.html"
        }
        Route::SiteMap => {
            view.kind = "sitemap";
            view.title = SITEMAP_TITLE;
            view.breadcrumbs = vec![link(input, index.start_title(), "/")];
            view.sitemap = site_map(input, index);
            "sitemap.html"
        }
        Route::NotFound => {
            view.kind = "not_found";
            view.title = "Sidan finns inte";
            "404.html"
        }
    };
    if view.crumb.is_empty() {
        view.crumb = view.title.to_string();
    }
    view.description = own_description
        .or(portal.config.description.as_deref())
        .unwrap_or("");
    (template, view, own_description)
}

fn body_html(rendered: Option<&Rendered>) -> &str {
    rendered.map_or("", |r| r.html.as_str())
}

fn breadcrumbs(input: &ViewInput<'_>, index: &SiteIndex<'_>, path: &str) -> Vec<LinkView> {
    if path == "/" {
        return Vec::new();
    }
    let mut crumbs = vec![link(input, index.start_title(), "/")];
    let mut end = 1;
    while let Some(next) = path[end..].find('/') {
        let ancestor = &path[..end + next + 1];
        end += next + 1;
        if ancestor == path {
            break;
        }
        if let Some(title) = index.titles.get(ancestor) {
            crumbs.push(link(input, *title, ancestor));
        }
    }
    crumbs
}

fn children<'a>(input: &ViewInput<'_>, index: &SiteIndex<'a>, path: &str) -> Vec<ChildView<'a>> {
    let Some(pages) = index.children.get(path) else {
        return Vec::new();
    };
    pages
        .iter()
        .map(|p| ChildView {
            title: &p.title,
            url: input.portal.config.base_url.href(&p.url_path),
            description: p.description.as_deref(),
            is_section: p.kind == PageKind::Section,
        })
        .collect()
}

/// Nests h2 headings with their h3 sub-headings.
fn toc(rendered: &Rendered) -> Vec<TocItem> {
    let mut items: Vec<TocItem> = Vec::new();
    for h in &rendered.headings {
        let item = TocItem {
            id: h.id.clone(),
            text: h.text.clone(),
            children: Vec::new(),
        };
        match (h.level, items.last_mut()) {
            (2, _) | (3, None) => items.push(item),
            (3, Some(parent)) => parent.children.push(item),
            _ => {}
        }
    }
    items
}

fn document_view<'a>(
    input: &ViewInput<'a>,
    index: &SiteIndex<'_>,
    d: usize,
    v_index: usize,
) -> DocumentView<'a> {
    let portal = input.portal;
    let doc = &portal.documents[d];
    let v = &doc.versions[v_index];
    let base = &portal.config.base_url;
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
    DocumentView {
        id: &doc.id,
        title: &v.title,
        meta: version_meta(v),
        draft: v.draft,
        current,
        states: version_states(input, index, d, v_index),
        statuses: status_states(portal, index, d, v_index),
        parties: &v.parties,
        history: doc
            .versions
            .iter()
            .enumerate()
            .filter(|(_, h)| h.published)
            .map(|(i, h)| HistoryRow {
                meta: version_meta(h),
                url: base.href(&version_path(&doc.id, h.version.as_str())),
                changes_url: doc
                    .previous_published(i)
                    .map(|_| base.href(&changes_path(&doc.id, h.version.as_str()))),
                is_this: i == v_index,
                states: status_states(portal, index, d, i),
            })
            .collect(),
        documents: listed(input, index, d, v, true),
        part_of: input.hierarchy.memberships[d]
            .iter()
            .map(|m| {
                let agreement = &portal.documents[m.agreement];
                MembershipView {
                    title: agreement.title().to_string(),
                    url: base.href(&document_path(&agreement.id)),
                    position: m.position,
                    total: m.total,
                }
            })
            .collect(),
    }
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
        documents: doc
            .main_version()
            .map(|v| listed(input, index, d, v, false))
            .unwrap_or_default(),
    }
}

/// Every defined term, alphabetically, with each document that defines it.
fn glossary(input: &ViewInput<'_>) -> Vec<GlossaryEntry> {
    let portal = input.portal;
    let base = &portal.config.base_url;
    let mut by_term: BTreeMap<(Vec<u32>, String), GlossaryEntry> = BTreeMap::new();
    for (d, defs) in input.glossary.definitions.iter().enumerate() {
        let doc = &portal.documents[d];
        for def in defs {
            let key = (swedish_key(&def.term), def.anchor.clone());
            let entry = by_term.entry(key).or_insert_with(|| GlossaryEntry {
                term: def.term.clone(),
                id: def.anchor.clone(),
                definitions: Vec::new(),
            });
            entry.definitions.push(DefinitionView {
                text: def.text.clone(),
                document: doc.title().to_string(),
                url: format!("{}#{}", base.href(&document_path(&doc.id)), def.anchor),
            });
        }
    }
    by_term.into_values().collect()
}

/// The newest agreement versions and notices, newest first.
fn latest(portal: &Portal) -> Vec<LatestView> {
    let base = &portal.config.base_url;
    let mut items: Vec<LatestView> = Vec::new();
    for doc in &portal.documents {
        for v in doc.published() {
            items.push(LatestView {
                title: format!("{}, version {}", v.title, v.version),
                url: base.href(&version_path(&doc.id, v.version.as_str())),
                date: v.date.to_string(),
                category: "Avtal",
            });
        }
    }
    for n in portal.notices.iter().filter(|n| n.published) {
        items.push(LatestView {
            title: n.title.clone(),
            url: base.href(&n.url_path),
            date: n
                .updated
                .to_zoned_datetime(portal.config.timezone.clone())
                .date()
                .to_string(),
            category: "Driftinformation",
        });
    }
    items.sort_by(|a, b| b.date.cmp(&a.date).then(a.title.cmp(&b.title)));
    items.truncate(6);
    items
}

/// Every page as a tree: content sections with their pages, the agreements with their
/// documents, the notices.
fn site_map(input: &ViewInput<'_>, index: &SiteIndex<'_>) -> Vec<SiteMapEntry> {
    let portal = input.portal;
    let base = &portal.config.base_url;
    let entry = |title: &str, path: &str, children| SiteMapEntry {
        title: title.to_string(),
        url: base.href(path),
        children,
    };
    fn below(
        input: &ViewInput<'_>,
        index: &SiteIndex<'_>,
        path: &str,
        depth: usize,
    ) -> Vec<SiteMapEntry> {
        let base = &input.portal.config.base_url;
        let mut out: Vec<SiteMapEntry> = index
            .children
            .get(path)
            .into_iter()
            .flatten()
            .map(|p| SiteMapEntry {
                title: p.title.clone(),
                url: base.href(&p.url_path),
                children: if depth < 8 {
                    below(input, index, &p.url_path, depth + 1)
                } else {
                    Vec::new()
                },
            })
            .collect();
        if path == AGREEMENTS_PATH {
            out.extend(
                input
                    .portal
                    .documents
                    .iter()
                    .filter(|d| d.published().next().is_some())
                    .map(|d| SiteMapEntry {
                        title: d.title().to_string(),
                        url: base.href(&document_path(&d.id)),
                        children: Vec::new(),
                    }),
            );
            if input.routes.page(GLOSSARY_PATH).is_some() {
                out.push(SiteMapEntry {
                    title: GLOSSARY_TITLE.to_string(),
                    url: base.href(GLOSSARY_PATH),
                    children: Vec::new(),
                });
            }
        }
        if path == NOTICES_PATH {
            out.extend(
                listed_notices(input.portal)
                    .into_iter()
                    .map(|n| SiteMapEntry {
                        title: n.title.clone(),
                        url: base.href(&n.url_path),
                        children: Vec::new(),
                    }),
            );
        }
        out
    }
    let mut top = below(input, index, "/", 0);
    let listed = |top: &[SiteMapEntry], path: &str| top.iter().any(|e| e.url == base.href(path));
    for (title, path) in [
        (index.agreements_title, AGREEMENTS_PATH),
        (index.notices_title, NOTICES_PATH),
    ] {
        if !listed(&top, path) {
            top.push(entry(title, path, below(input, index, path, 1)));
        }
    }
    if let Some(list) = &portal.data_list
        && !listed(&top, crate::model::paths::DATA_LIST_PATH)
    {
        top.push(entry(
            &list.title,
            crate::model::paths::DATA_LIST_PATH,
            Vec::new(),
        ));
    }
    vec![entry(index.start_title(), "/", top)]
}

/// Whether the portal has a glossary page: it defines at least one term.
pub fn has_glossary(glossary: &Glossary) -> bool {
    glossary.definitions.iter().any(|d| !d.is_empty())
}

// Time-dependent statements (SPEC §6 "True over time"). A page states what holds at the
// build's time, and also every other thing its known future holds: each alternative
// carries the stretch of time in which it is true (`When`), and `clock.js` shows the one
// true at the reader's time. Only stretches from the build's time on are rendered.

/// A stretch of time from the build's time on in which a statement says one thing: from
/// `from` (`None`: the build's time) until `until` (`None`: for good).
struct Span<S> {
    from: Option<Timestamp>,
    until: Option<Timestamp>,
    state: S,
}

/// Splits the time from `now` on at `boundaries` (ascending, all after `now`) and gives
/// each stretch the state at its start, merging neighbours that say the same.
fn spans<S: PartialEq>(
    now: Timestamp,
    boundaries: &[Timestamp],
    state_at: impl Fn(Timestamp) -> S,
) -> Vec<Span<S>> {
    let mut out = vec![Span {
        from: None,
        until: None,
        state: state_at(now),
    }];
    for &at in boundaries {
        let state = state_at(at);
        if let Some(last) = out.last_mut() {
            if last.state == state {
                continue;
            }
            last.until = Some(at);
        }
        out.push(Span {
            from: Some(at),
            until: None,
            state,
        });
    }
    out
}

/// The times after `now` among `times`, ascending, each once.
fn after(now: Timestamp, times: impl Iterator<Item = Timestamp>) -> Vec<Timestamp> {
    let mut out: Vec<Timestamp> = times.filter(|&t| t > now).collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// How a page carries `span`: times in the portal's time zone with their offset.
fn when<S>(span: &Span<S>, tz: &TimeZone) -> When {
    let from = span.from.map(|t| iso_local(t, tz));
    let until = span.until.map(|t| iso_local(t, tz));
    let mut attrs = String::new();
    if let Some(from) = &from {
        let _ = write!(attrs, " data-from=\"{from}\"");
    }
    if let Some(until) = &until {
        let _ = write!(attrs, " data-until=\"{until}\"");
    }
    if from.is_some() {
        attrs.push_str(" hidden");
    }
    When {
        hidden: from.is_some(),
        from,
        until,
        attrs,
    }
}

/// When the standing of one document changes after the build: the moments its
/// versions take effect (`Document::starts_after`), each with the day that begins then,
/// so that what holds at a moment is what the document's rules say for that day.
struct DocTimeline {
    /// The moments, ascending, each once.
    boundaries: Vec<Timestamp>,
    /// Per boundary, the day that begins at it.
    days: Vec<Date>,
    /// The build's date: the day that holds until the first boundary.
    today: Date,
}

impl DocTimeline {
    fn new(doc: &Document, now: Timestamp, tz: &TimeZone) -> Self {
        let mut starts: Vec<(Timestamp, Date)> = doc
            .starts_after(now, tz)
            .map(|(i, at)| (at, doc.versions[i].valid_from))
            .collect();
        starts.sort_unstable();
        starts.dedup();
        let (boundaries, days) = starts.into_iter().unzip();
        DocTimeline {
            boundaries,
            days,
            today: date_in(now, tz),
        }
    }

    /// The day whose standing holds at `t`, a moment from the build's time on.
    fn day_at(&self, t: Timestamp) -> Date {
        match self.boundaries.partition_point(|&at| at <= t) {
            0 => self.today,
            n => self.days[n - 1],
        }
    }
}

/// The Swedish word for a version's status.
fn version_label(status: VersionStatus) -> &'static str {
    match status {
        VersionStatus::Current => "Gällande",
        VersionStatus::Superseded => "Ersatt",
        VersionStatus::Upcoming => "Kommande",
        VersionStatus::Draft => "Utkast",
    }
}

/// A link to version `v` of `doc`, titled `version 1.1`.
fn version_link(input: &ViewInput<'_>, doc: &Document, v: usize) -> LinkView {
    let version = &doc.versions[v].version;
    link(
        input,
        format!("version {version}"),
        &version_path(&doc.id, version.as_str()),
    )
}

/// Version `v` of `doc` as a version to come.
fn next_version(input: &ViewInput<'_>, doc: &Document, v: usize) -> NextVersion {
    let base = &input.portal.config.base_url;
    let version = &doc.versions[v];
    NextVersion {
        version: version.version.to_string(),
        valid_from: version.valid_from.to_string(),
        url: base.href(&version_path(&doc.id, version.version.as_str())),
        changes_url: doc
            .previous_published(v)
            .map(|_| base.href(&changes_path(&doc.id, version.version.as_str()))),
    }
}

/// What the page of version `v_index` of document `d` says about it over time.
fn version_states(
    input: &ViewInput<'_>,
    index: &SiteIndex<'_>,
    d: usize,
    v_index: usize,
) -> Vec<VersionState> {
    let portal = input.portal;
    let doc = &portal.documents[d];
    let timeline = &index.timelines[d];
    let spans = spans(portal.now, &timeline.boundaries, |t| {
        let day = timeline.day_at(t);
        let status = doc.status_on(v_index, day);
        let current = doc.current_on(day).filter(|&c| c != v_index);
        let next = match status {
            VersionStatus::Current => doc.next_after(day),
            _ => None,
        };
        (status, current, next)
    });
    spans
        .iter()
        .map(|span| {
            let (status, current, next) = span.state;
            VersionState {
                when: when(span, &portal.config.timezone),
                status: status.as_str(),
                label: version_label(status),
                current: current.map(|c| version_link(input, doc, c)),
                next: next.map(|n| next_version(input, doc, n)),
            }
        })
        .collect()
}

/// The status of version `v` of document `d` over time.
fn status_states(portal: &Portal, index: &SiteIndex<'_>, d: usize, v: usize) -> Vec<StatusState> {
    let doc = &portal.documents[d];
    let timeline = &index.timelines[d];
    spans(portal.now, &timeline.boundaries, |t| {
        doc.status_on(v, timeline.day_at(t))
    })
    .iter()
    .map(|span| StatusState {
        when: when(span, &portal.config.timezone),
        status: span.state.as_str(),
        label: version_label(span.state),
    })
    .collect()
}

/// Which version of document `d` is in force over time.
fn in_force_states(portal: &Portal, index: &SiteIndex<'_>, d: usize) -> Vec<ListedState> {
    let doc = &portal.documents[d];
    let timeline = &index.timelines[d];
    spans(portal.now, &timeline.boundaries, |t| {
        doc.current_on(timeline.day_at(t))
    })
    .iter()
    .map(|span| {
        let current = span.state.map(|c| &doc.versions[c]);
        ListedState {
            when: when(span, &portal.config.timezone),
            version: current.map(|c| c.version.to_string()),
            date: current.map(|c| c.date.to_string()),
        }
    })
    .collect()
}

/// The current and upcoming versions of document `d` over time, for `/avtal/`.
fn summary_states(input: &ViewInput<'_>, index: &SiteIndex<'_>, d: usize) -> Vec<SummaryState> {
    let portal = input.portal;
    let base = &portal.config.base_url;
    let doc = &portal.documents[d];
    let timeline = &index.timelines[d];
    spans(portal.now, &timeline.boundaries, |t| {
        let day = timeline.day_at(t);
        (doc.current_on(day), doc.upcoming_on(day))
    })
    .iter()
    .map(|span| {
        let (current, upcoming) = &span.state;
        let current = current.map(|c| &doc.versions[c]);
        SummaryState {
            when: when(span, &portal.config.timezone),
            version: current.map(|c| c.version.to_string()),
            date: current.map(|c| c.date.to_string()),
            url: current.map(|c| base.href(&version_path(&doc.id, c.version.as_str()))),
            upcoming: upcoming
                .iter()
                .map(|&u| next_version(input, doc, u))
                .collect(),
        }
    })
    .collect()
}

/// Whether a document page says something that changes after the build.
fn document_timed(document: &DocumentView<'_>) -> bool {
    document.states.len() > 1
        || document.statuses.len() > 1
        || document.history.iter().any(|row| row.states.len() > 1)
        || document.documents.iter().any(|l| l.states.len() > 1)
}

/// The stretches of time in which notice `n`, a published one, has one status, from
/// `now` on.
fn notice_spans(n: &Notice, now: Timestamp) -> Vec<Span<NoticeStatus>> {
    let boundaries = after(now, n.changes_after(now).map(|(at, _)| at));
    spans(now, &boundaries, |t| n.status(t))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ts(s: &str) -> Timestamp {
        s.parse().unwrap()
    }

    #[test]
    fn spans_start_at_the_build_and_merge_what_says_the_same() {
        let now = ts("2026-11-26T00:00:00Z");
        let b = [
            ts("2027-01-01T00:00:00Z"),
            ts("2027-02-01T00:00:00Z"),
            ts("2027-03-01T00:00:00Z"),
        ];
        // The state changes at the first and third boundary only.
        let state = |t: Timestamp| (t >= b[0]) as u8 + (t >= b[2]) as u8;
        let got: Vec<_> = spans(now, &b, state)
            .into_iter()
            .map(|s| (s.from, s.until, s.state))
            .collect();
        assert_eq!(
            got,
            [
                (None, Some(b[0]), 0),
                (Some(b[0]), Some(b[2]), 1),
                (Some(b[2]), None, 2)
            ]
        );
    }

    #[test]
    fn an_alternative_that_holds_later_is_hidden_and_carries_local_times() {
        let tz = TimeZone::get("Europe/Stockholm").unwrap();
        let span = Span {
            from: Some(ts("2027-06-30T22:00:00Z")),
            until: Some(ts("2027-12-31T23:00:00Z")),
            state: (),
        };
        let w = when(&span, &tz);
        assert_eq!(
            w.attrs,
            " data-from=\"2027-07-01T00:00:00+02:00\" data-until=\"2028-01-01T00:00:00+01:00\" hidden"
        );
        assert!(w.hidden);
        let now = Span {
            from: None,
            until: None,
            state: (),
        };
        assert_eq!(when(&now, &tz).attrs, "");
        assert!(!when(&now, &tz).hidden);
    }

    #[test]
    fn after_keeps_each_later_time_once_in_order() {
        let now = ts("2026-01-01T00:00:00Z");
        let (a, b) = (ts("2026-02-01T00:00:00Z"), ts("2026-03-01T00:00:00Z"));
        assert_eq!(
            after(now, [b, now, a, b, ts("2025-01-01T00:00:00Z")].into_iter()),
            [a, b]
        );
    }
}
