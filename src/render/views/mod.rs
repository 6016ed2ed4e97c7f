//! Views: what each route's template sees, built from the portal and the rendered
//! bodies. Borrowed wherever possible; anything site-wide is looked up in a
//! [`SiteIndex`] built once per build, so no page does a linear search.
//!
//! [`page_view`] hands each kind of page to its own builder, which fills in the fields
//! of [`PageView`] that kind of page has: `pages` (content pages, the list of personal
//! data, search, 404), `documents` (document versions, change views, `/avtal/`),
//! `notices`, `glossary` and `sitemap`. `time` works out the stretches of time in which
//! each time-dependent statement holds, for all of them.

use std::collections::{HashMap, HashSet};

use crate::analyze::hierarchy::Hierarchy;
use crate::analyze::menus::{Destination, default_menu, destinations, footer_menu_links};
use crate::analyze::routes::{Route, Routes};
use crate::model::config::BaseUrl;
use crate::model::document::Document;
use crate::model::notice::{NoticeKind, NoticeStatus};
use crate::model::page::{Page, PageKind, menu_order};
use crate::model::paths::{
    AGREEMENTS_PATH, GLOSSARY_PATH, NOTICES_ATOM_PATH, NOTICES_ICS_PATH, NOTICES_PATH,
    SITEMAP_PATH, changes_path, version_path,
};
use crate::model::portal::Portal;
use crate::model::time::iso_zoned;
use crate::render::markdown::Rendered;
use crate::render::terms::Glossary;
use crate::render::theme::api::{
    BuiltView, ChildView, LinkView, NoticeLists, PageView, PrintView, SiteView,
};
use crate::util::collate::swedish_key;
use crate::util::url::{browser_form, encode_written, url_scheme};
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
/// The footer's name for the contact details of `portal.yaml`'s `contact`.
const CONTACT_TITLE: &str = "Kontakt";
/// The footer's name for the accessibility statement.
const ACCESSIBILITY_TITLE: &str = "Tillgänglighetsredogörelse";

/// Everything the views are built from, borrowed.
#[derive(Clone, Copy)]
pub(crate) struct ViewInput<'a> {
    pub(crate) portal: &'a Portal,
    /// Its routes.
    pub(crate) routes: &'a Routes,
    /// The agreement hierarchy.
    pub(crate) hierarchy: &'a Hierarchy,
    /// Defined terms.
    pub(crate) glossary: &'a Glossary,
    /// The ids the theme writes, which heading ids keep clear of: the change view links
    /// to headings by the ids their pages give them.
    pub(crate) theme_ids: &'a std::collections::HashSet<String>,
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
    /// By listed document: its places in the lists of agreements that change later.
    memberships_later: HashMap<usize, Vec<time::TimedMembership>>,
    /// The pages right under the start page and the lists generated there, in menu
    /// order.
    destinations: Vec<Destination<'a>>,
    /// The main navigation: `portal.yaml`'s `menu`, else the top-level sections and
    /// generated lists.
    nav: Vec<Destination<'a>>,
}

/// The main navigation: each entry of `portal.yaml`'s `menu` with its page's title
/// and description, or, without a `menu`, the portal's top-level sections and lists.
fn navigation<'a>(
    portal: &'a Portal,
    titles: &HashMap<&'a str, &'a str>,
    destinations: &[Destination<'a>],
) -> Vec<Destination<'a>> {
    let config = &portal.config;
    if config.menu.is_empty() {
        return default_menu(destinations);
    }
    // Lookups, so a long menu on a large portal stays linear.
    let tops: HashMap<&str, &Destination<'a>> = destinations.iter().map(|d| (d.path, d)).collect();
    let pages: HashMap<&str, &Page> = (portal.pages.iter())
        .filter(|p| p.published)
        .map(|p| (p.url_path.as_str(), p))
        .collect();
    config
        .menu
        .iter()
        .map(|item| {
            let path = item.path.as_str();
            let top = tops.get(path);
            let page = pages.get(path);
            let title = titles.get(path).copied();
            Destination {
                path,
                label: item.title.as_deref().or(title).unwrap_or(path),
                title: title.unwrap_or(path),
                description: top
                    .and_then(|d| d.description)
                    .or_else(|| page.and_then(|p| p.description.as_deref())),
                is_section: top.is_some_and(|d| d.is_section)
                    || page.is_some_and(|p| p.kind == PageKind::Section),
            }
        })
        .collect()
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
        let timelines: Vec<DocTimeline> = portal
            .documents
            .iter()
            .map(|d| DocTimeline::new(d, portal.now, &portal.config.timezone))
            .collect();
        let memberships_later = time::changing_memberships(portal, &timelines);
        let destinations = destinations(portal);
        let nav = navigation(portal, &titles, &destinations);
        SiteIndex {
            titles,
            children,
            agreements_title,
            notices_title,
            timelines,
            memberships_later,
            destinations,
            nav,
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
    let link = |path: &str, title: Option<&str>| LinkView {
        title: title
            .or_else(|| index.titles.get(path).copied())
            .unwrap_or(path)
            .to_string(),
        url: link_href(&config.base_url, path),
        path: path.to_string(),
    };
    let menu_link = |item: &crate::model::config::MenuItem| link(&item.path, item.title.as_deref());
    // The footer links the contact details and the accessibility statement, whether or
    // not `footer_menu` lists them.
    let mut footer_menu: Vec<LinkView> = config.footer_menu.iter().map(menu_link).collect();
    for (item, title) in [
        (&config.contact, CONTACT_TITLE),
        (&config.accessibility_statement, ACCESSIBILITY_TITLE),
    ] {
        if let Some(item) = item
            && !footer_menu.iter().any(|l| l.path == item.path)
        {
            footer_menu.push(link(&item.path, Some(title)));
        }
    }
    // Without the key, a `footer_menu` entry for the same thing (as W0103 counts it).
    let listed = footer_menu_links(portal);
    let footer_link = |item: &Option<crate::model::config::MenuItem>,
                       title: &str,
                       listed: Option<&crate::model::config::MenuItem>| {
        match item {
            Some(item) => Some(link(&item.path, Some(title))),
            None => listed.map(menu_link),
        }
    };
    let disturbances = disturbances(portal);
    SiteView {
        title: &config.title,
        description: config.description.as_deref().unwrap_or(""),
        language: &config.language,
        csp: crate::util::csp::META_POLICY,
        base_path: config.base_url.path(),
        base_url: config.base_url.absolute("/"),
        menu: (index.nav.iter())
            .map(|d| link(d.path, Some(d.label)))
            .collect(),
        footer_menu,
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
        glossary_url: routes
            .page(GLOSSARY_PATH)
            .map(|_| config.base_url.href(GLOSSARY_PATH)),
        publisher: config.publisher.as_deref(),
        contact: footer_link(&config.contact, CONTACT_TITLE, listed.contact),
        accessibility_statement: footer_link(
            &config.accessibility_statement,
            ACCESSIBILITY_TITLE,
            listed.accessibility_statement,
        ),
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
        Route::Changes(d, older, newer) => {
            documents::changes(input, index, &mut view, d, older, newer)
        }
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
    view.print = print_view(portal, route, &view);
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
        print: PrintView::default(),
        reviewed: None,
    }
}

/// What each printed sheet of the page says: its title, and for a document version its
/// version, when it applies and the version's permanent address.
fn print_view(portal: &Portal, route: Route, view: &PageView<'_>) -> PrintView {
    let version = match route {
        Route::DocumentMain(d) => portal.documents[d].main_index().map(|v| (d, v)),
        Route::DocumentVersion(d, v) | Route::Changes(d, _, v) => Some((d, v)),
        _ => None,
    };
    let title = if view.kind == "start" {
        portal.config.title.as_str()
    } else {
        view.title
    };
    let Some((d, v)) = version else {
        return PrintView {
            title: title.to_string(),
            validity: String::new(),
            url: view.canonical.clone(),
        };
    };
    let doc = &portal.documents[d];
    let shown = &doc.versions[v];
    let mut path = version_path(&doc.id, shown.version.as_str());
    let title = if matches!(route, Route::Changes(..)) {
        path = changes_path(&doc.id, shown.version.as_str());
        format!("Ändringar i {}, version {}", shown.title, shown.version)
    } else {
        format!("{}, version {}", shown.title, shown.version)
    };
    PrintView {
        title,
        validity: validity(doc, v),
        url: portal.config.base_url.absolute(&path),
    }
}

/// When version `v` of `doc` applies, in words: from its `valid_from`, until the day
/// before the next published version takes effect, if one is known.
fn validity(doc: &Document, v: usize) -> String {
    let shown = &doc.versions[v];
    if shown.draft {
        return "utkast, gäller inte".to_string();
    }
    let next = (doc.versions[v + 1..].iter())
        .filter(|w| w.published && w.valid_from > shown.valid_from)
        .map(|w| w.valid_from)
        .min();
    match next.and_then(|n| n.yesterday().ok()) {
        Some(last) => format!("gäller från {} till och med {last}", shown.valid_from),
        None => format!("gäller från {}", shown.valid_from),
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

/// The href of a link of `portal.yaml`: a site path under the base path, or an address
/// with a scheme (`mailto:`, `https:`; only allowed ones pass `load::config`) as written.
fn link_href(base: &BaseUrl, path: &str) -> String {
    if url_scheme(path).is_some() {
        encode_written(&browser_form(path)).into_owned()
    } else {
        crate::render::links::site_href(base, path)
    }
}

/// The start page's "Hitta på webbplatsen": the main navigation's entries, then the
/// other pages right under the start page, so it lists what the navigation does and
/// nothing is lost that has no place in it.
fn start_children<'a>(input: &ViewInput<'_>, index: &SiteIndex<'a>) -> Vec<ChildView<'a>> {
    let base = &input.portal.config.base_url;
    let in_nav: HashSet<&str> = index.nav.iter().map(|n| n.path).collect();
    let rest = (index.destinations.iter()).filter(|d| !in_nav.contains(d.path));
    index
        .nav
        .iter()
        .chain(rest)
        .map(|d| ChildView {
            title: d.label,
            url: link_href(base, d.path),
            description: d.description,
            is_section: d.is_section,
        })
        .collect()
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
