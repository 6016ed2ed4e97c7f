//! Views: what each route's template sees, built from the portal and the rendered
//! bodies. Borrowed wherever possible; anything site-wide is looked up in a
//! [`SiteIndex`] built once per build, so no page does a linear search.
//!
//! [`page_view`] hands each kind of page to its own builder, which fills in the fields
//! of [`PageView`] that kind of page has: `pages` (content pages, the list of personal
//! data, search, 404), `documents` (document versions, change views, `/avtal/`),
//! `notices`, `glossary` and `sitemap`. `time` works out the stretches of time in which
//! each time-dependent statement holds, for all of them.

use std::collections::HashMap;

use crate::analyze::hierarchy::Hierarchy;
use crate::analyze::routes::{Route, Routes};
use crate::model::notice::{NoticeKind, NoticeStatus};
use crate::model::page::{Page, PageKind, menu_order};
use crate::model::paths::{
    AGREEMENTS_PATH, GLOSSARY_PATH, NOTICES_ATOM_PATH, NOTICES_ICS_PATH, NOTICES_PATH, SITEMAP_PATH,
};
use crate::model::portal::Portal;
use crate::model::time::iso_zoned;
use crate::render::markdown::Rendered;
use crate::render::terms::Glossary;
use crate::render::theme::api::{BuiltView, ChildView, LinkView, NoticeLists, PageView, SiteView};
use crate::util::collate::swedish_key;
use notices::{disturbances, notice_view};
use time::DocTimeline;

mod documents;
mod glossary;
mod notices;
mod pages;
mod sitemap;
mod time;

/// The glossary's title.
const GLOSSARY_TITLE: &str = "Begrepp";
/// The site map's title.
const SITEMAP_TITLE: &str = "Webbplatskarta";

/// Everything the views are built from, borrowed.
pub(crate) struct ViewInput<'a> {
    pub(crate) portal: &'a Portal,
    /// Its routes.
    pub(crate) routes: &'a Routes,
    /// The agreement hierarchy.
    pub(crate) hierarchy: &'a Hierarchy,
    /// Defined terms.
    pub(crate) glossary: &'a Glossary,
}

/// Lookups built once per build.
pub(crate) struct SiteIndex<'a> {
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
    pub(crate) fn new(portal: &'a Portal) -> Self {
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
pub(crate) fn site_view<'a>(
    portal: &'a Portal,
    routes: &Routes,
    index: &SiteIndex<'a>,
) -> SiteView<'a> {
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

/// What a page builder decides besides the fields of the view: the template, and the
/// page's own description (`None` when the view shows the site's).
struct Shown<'a> {
    template: &'static str,
    description: Option<&'a str>,
}

/// The template and view for one route, and the page's own description (`None` when
/// the view shows the site's).
pub(crate) fn page_view<'a>(
    input: &ViewInput<'a>,
    index: &SiteIndex<'a>,
    path: &'a str,
    route: Route,
    body: Option<&'a Rendered>,
) -> (&'static str, PageView<'a>, Option<&'a str>) {
    let portal = input.portal;
    let mut view = empty_view(path, portal.config.base_url.absolute(path));
    let shown = match route {
        Route::Page(i) => pages::content(input, index, &mut view, i, body),
        Route::DocumentMain(d) => documents::version(input, index, &mut view, d, None, body),
        Route::DocumentVersion(d, v) => {
            documents::version(input, index, &mut view, d, Some(v), body)
        }
        Route::Changes(d, v) => documents::changes(input, index, &mut view, d, v),
        Route::Agreements => documents::agreements(input, index, &mut view, body),
        Route::Glossary => glossary::page(input, index, &mut view),
        Route::Notices => notices::list(input, index, &mut view, body),
        Route::Notice(i) => notices::one(input, index, &mut view, i, body),
        Route::DataList => pages::data_list(input, index, &mut view),
        Route::Search => pages::search(input, index, &mut view),
        Route::SiteMap => sitemap::page(input, index, &mut view),
        Route::NotFound => pages::not_found(&mut view),
    };
    if view.crumb.is_empty() {
        view.crumb = view.title.to_string();
    }
    view.description = shown
        .description
        .or(portal.config.description.as_deref())
        .unwrap_or("");
    (shown.template, view, shown.description)
}

/// A view with nothing but its path: each builder fills in what its kind of page has.
fn empty_view(path: &str, canonical: String) -> PageView<'_> {
    PageView {
        kind: "page",
        path,
        canonical,
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
    }
}

/// The content page `intro` (if any) that gives a generated page (`/avtal/`,
/// `/driftinformation/`) its introduction: its body, draft flag and description.
fn intro<'a>(
    input: &ViewInput<'a>,
    view: &mut PageView<'a>,
    intro: Option<usize>,
    body: Option<&'a Rendered>,
) -> Option<&'a str> {
    let page = &input.portal.pages[intro?];
    view.draft = page.draft;
    view.content = body_html(body);
    page.description.as_deref()
}

/// The breadcrumbs of a page right under the start page.
fn home_crumbs(input: &ViewInput<'_>, index: &SiteIndex<'_>) -> Vec<LinkView> {
    vec![link(input, index.start_title(), "/")]
}

/// The breadcrumbs of a page under `/avtal/`.
fn agreements_crumbs(input: &ViewInput<'_>, index: &SiteIndex<'_>) -> Vec<LinkView> {
    vec![
        link(input, index.start_title(), "/"),
        link(input, index.agreements_title, AGREEMENTS_PATH),
    ]
}

fn link(input: &ViewInput<'_>, title: impl Into<String>, path: &str) -> LinkView {
    LinkView {
        title: title.into(),
        url: input.portal.config.base_url.href(path),
        path: path.to_string(),
    }
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

/// The published documents (indexes in `Portal::documents`) by title in Swedish order,
/// as every list of documents shows them.
fn by_title(portal: &Portal) -> Vec<usize> {
    let mut docs: Vec<usize> = (0..portal.documents.len())
        .filter(|&i| portal.documents[i].published().next().is_some())
        .collect();
    docs.sort_by_cached_key(|&i| (swedish_key(portal.documents[i].title()), i));
    docs
}

/// Whether the portal has a glossary page: it defines at least one term.
pub(crate) fn has_glossary(glossary: &Glossary) -> bool {
    glossary.definitions.iter().any(|d| !d.is_empty())
}
