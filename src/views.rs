//! Views: what each route's template sees, built from the portal and the rendered
//! bodies. Borrowed wherever possible; anything site-wide is looked up in a
//! [`SiteIndex`] built once per build, so no page does a linear search.

use std::collections::{BTreeMap, HashMap};

use crate::changes;
use crate::hierarchy::Hierarchy;
use crate::markdown::Rendered;
use crate::model::{DocVersion, Page, PageKind, Portal, VersionStatus, menu_order};
use crate::notices::{self, ATOM_PATH, ICS_PATH, NOTICES_PATH, Notice, NoticeKind, NoticeStatus};
use crate::routes::{
    AGREEMENTS_PATH, GLOSSARY_PATH, GLOSSARY_TITLE, Route, Routes, SITEMAP_PATH, SITEMAP_TITLE,
    changes_path, document_path, version_path,
};
use crate::templates::{
    ChangesView, ChildView, DefinitionView, DocumentSummary, DocumentView, GlossaryEntry,
    HistoryRow, LatestView, LinkView, ListedView, MembershipView, NoticeView, PageView,
    SiteMapEntry, SiteView, TimeView, TocItem, VersionMeta,
};
use crate::terms::{Glossary, swedish_key};

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
            titles.insert(crate::datalist::DATA_LIST_PATH, &list.title);
        }
        titles.insert(SITEMAP_PATH, SITEMAP_TITLE);
        titles.insert(GLOSSARY_PATH, GLOSSARY_TITLE);
        for list in children.values_mut() {
            list.sort_by_cached_key(|p| (menu_order(p.weight, &p.title), p.url_path.clone()));
        }
        SiteIndex {
            titles,
            children,
            agreements_title,
            notices_title,
        }
    }

    fn start_title(&self) -> &'a str {
        self.titles.get("/").copied().unwrap_or("Startsida")
    }
}

/// The site-wide view: menus and settings.
pub fn site_view<'a>(portal: &'a Portal, routes: &Routes, index: &SiteIndex<'a>) -> SiteView<'a> {
    let config = &portal.config;
    let menu_link = |item: &crate::config::MenuItem| LinkView {
        title: item
            .title
            .clone()
            .or_else(|| index.titles.get(item.path.as_str()).map(|t| t.to_string()))
            .unwrap_or_else(|| item.path.clone()),
        url: crate::links::site_href(&config.base_url, &item.path),
        path: item.path.clone(),
    };
    SiteView {
        title: &config.title,
        description: config.description.as_deref().unwrap_or(""),
        language: &config.language,
        csp: crate::csp::META_POLICY,
        base_path: config.base_url.path(),
        base_url: config.base_url.absolute("/"),
        menu: config.menu.iter().map(menu_link).collect(),
        footer_menu: config.footer_menu.iter().map(menu_link).collect(),
        today: portal.today.to_string(),
        atom_url: portal
            .has_notices()
            .then(|| config.base_url.href(ATOM_PATH)),
        ics_url: portal.has_notices().then(|| config.base_url.href(ICS_PATH)),
        agreements_url: routes
            .page(AGREEMENTS_PATH)
            .map(|_| config.base_url.href(AGREEMENTS_PATH)),
        search_url: config.base_url.href(crate::routes::SEARCH_PATH),
        sitemap_url: config.base_url.href(SITEMAP_PATH),
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
    }
}

fn time_view(t: jiff::Timestamp, tz: &jiff::tz::TimeZone) -> TimeView {
    let z = t.to_zoned_datetime(tz.clone());
    TimeView {
        iso: notices::iso_zoned(&z),
        text: notices::swedish_zoned(&z),
        short: notices::short_time(&z),
    }
}

/// A notice as templates see it.
pub fn notice_view(portal: &Portal, n: &Notice) -> NoticeView {
    let tz = &portal.config.timezone;
    let status = n.status(portal.now);
    NoticeView {
        title: n.title.clone(),
        url: portal.config.base_url.href(&n.url_path),
        kind: n.kind.id(),
        kind_label: n.kind.label(),
        status: status.id(),
        status_label: status.label(n.kind),
        period: notices::swedish_period(n.start, n.end, tz),
        start: time_view(n.start, tz),
        end: n.end.map(|t| time_view(t, tz)),
        resolved: n.resolved.map(|t| time_view(t, tz)),
        updated: time_view(n.updated, tz),
        environments: n.environments.iter().map(|e| e.label()).collect(),
        components: n.components.clone(),
    }
}

/// Published notices in list order.
fn listed_notices(portal: &Portal) -> Vec<&Notice> {
    let mut list: Vec<&Notice> = portal.notices.iter().filter(|n| n.published).collect();
    notices::list_order(&mut list, portal.now);
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
        notice: None,
        data_list: None,
        latest: Vec::new(),
        sitemap: Vec::new(),
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
                    view.notices = listed_notices(portal)
                        .into_iter()
                        .filter(|n| n.status(portal.now) != NoticeStatus::Ended)
                        .map(|n| notice_view(portal, n))
                        .collect();
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
            view.document = Some(document_view(input, d, v_index));
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
            view.document = Some(document_view(input, d, v_index));
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
                .map(|(i, _)| document_summary(input, i))
                .collect();
            view.hierarchy = input
                .hierarchy
                .roots
                .iter()
                .map(|&r| document_summary(input, r))
                .collect();
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
            view.notices = listed_notices(portal)
                .into_iter()
                .map(|n| notice_view(portal, n))
                .collect();
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
            view.notice = Some(notice_view(portal, n));
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

fn document_view<'a>(input: &ViewInput<'a>, d: usize, v_index: usize) -> DocumentView<'a> {
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
            })
            .collect(),
        documents: listed(input, d, v),
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

/// The Handlingsförteckning of version `v` of document `d`.
fn listed(input: &ViewInput<'_>, d: usize, v: &DocVersion) -> Vec<ListedView> {
    let portal = input.portal;
    let base = &portal.config.base_url;
    v.documents
        .iter()
        .enumerate()
        .map(|(i, entry)| {
            let target_index = portal.document_index(&entry.id);
            let target = target_index.map(|t| &portal.documents[t]);
            let current = target.and_then(|t| t.current.map(|c| &t.versions[c]));
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
                version: current.map(|c| c.version.to_string()),
                date: current.map(|c| c.date.to_string()),
                is_self: entry.id == portal.documents[d].id,
                shared_with,
            }
        })
        .collect()
}

fn document_summary(input: &ViewInput<'_>, d: usize) -> DocumentSummary {
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
        documents: doc
            .main_version()
            .map(|v| listed(input, d, v))
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
        && !listed(&top, crate::datalist::DATA_LIST_PATH)
    {
        top.push(entry(
            &list.title,
            crate::datalist::DATA_LIST_PATH,
            Vec::new(),
        ));
    }
    vec![entry(index.start_title(), "/", top)]
}

/// Whether the portal has a glossary page: it defines at least one term.
pub fn has_glossary(glossary: &Glossary) -> bool {
    glossary.definitions.iter().any(|d| !d.is_empty())
}
