//! Rendering: Markdown bodies first (all in parallel, links resolved on the way), then
//! every route through its template, written to a [`Sink`] as soon as it is rendered.
//!
//! Pages are written as they are rendered rather than collected first, so memory stays
//! flat however large the portal is; only the `id`s of pages that some link points into
//! are kept, for the fragment check.

use std::collections::{HashMap, HashSet};

use anyhow::Result;
use rayon::prelude::*;

use crate::diag::Diagnostic;
use crate::links::{self, LinkResolver, PendingFragment};
use crate::markdown::{self, Body, MarkdownOptions, Rendered};
use crate::model::{DocVersion, Document, Page, PageKind, Portal, menu_order};
use crate::output::{Sink, file_for};
use crate::routes::{AGREEMENTS_PATH, Route, Routes, document_path, version_path};
use crate::templates::{
    ChildView, DocumentSummary, DocumentView, HistoryRow, LinkView, ListedView, PageView, SiteView,
    Templates, TocItem,
};

/// The rendered Markdown of every page and document version.
#[derive(Debug, Default)]
pub struct Bodies {
    /// By page index; `None` for unpublished pages.
    pub pages: Vec<Option<Rendered>>,
    /// By document index, then version index; `None` for unpublished versions.
    pub versions: Vec<Vec<Option<Rendered>>>,
}

/// What the Markdown stage produces besides the bodies.
#[derive(Debug, Default)]
pub struct BodyChecks {
    /// Broken links and body problems.
    pub diagnostics: Vec<Diagnostic>,
    /// Links whose fragment is checked after the pages are rendered.
    pub fragments: Vec<PendingFragment>,
}

/// Renders every published body in parallel.
pub fn render_bodies(portal: &Portal, routes: &Routes) -> (Bodies, BodyChecks) {
    let raw_html = portal.config.raw_html;
    let render_one = |file, offset, from_path: &str, numbered| {
        let resolver = LinkResolver {
            portal,
            routes,
            from: file,
            from_path,
        };
        let options = MarkdownOptions {
            raw_html,
            numbered_sections: numbered,
        };
        markdown::render(Body { file, offset }, options, &resolver)
    };
    let pages: Vec<Option<Rendered>> = portal
        .pages
        .par_iter()
        .map(|page| {
            page.published
                .then(|| render_one(&page.source, page.body_offset, &page.url_path, false))
        })
        .collect();
    let versions: Vec<Vec<Option<Rendered>>> = portal
        .documents
        .par_iter()
        .map(|doc| {
            doc.versions
                .par_iter()
                .map(|v| {
                    v.published.then(|| {
                        let path = version_path(&doc.id, v.version.as_str());
                        render_one(&v.source, v.body_offset, &path, true)
                    })
                })
                .collect()
        })
        .collect();

    let mut checks = BodyChecks::default();
    let page_sources = portal.pages.iter().map(|p| (&p.source, p.body_offset));
    let version_sources = portal
        .documents
        .iter()
        .flat_map(|d| d.versions.iter().map(|v| (&v.source, v.body_offset)));
    let rendered = pages.iter().chain(versions.iter().flatten());
    for ((file, offset), body) in page_sources.chain(version_sources).zip(rendered) {
        if let Some(body) = body {
            checks.diagnostics.extend(body.diagnostics.iter().cloned());
            links::check_rendered(
                file,
                offset,
                body,
                &mut checks.diagnostics,
                &mut checks.fragments,
            );
        }
    }
    (Bodies { pages, versions }, checks)
}

/// Everything the page stage needs, borrowed.
pub struct SiteInput<'a> {
    /// The portal.
    pub portal: &'a Portal,
    /// Its routes.
    pub routes: &'a Routes,
    /// The rendered bodies.
    pub bodies: &'a Bodies,
    /// The theme.
    pub templates: &'a Templates,
}

/// What rendering the pages produced.
#[derive(Debug, Default)]
pub struct RenderedSite {
    /// Template errors.
    pub diagnostics: Vec<Diagnostic>,
    /// The ids of every page that a link points into, by site path.
    pub ids: HashMap<String, HashSet<String>>,
    /// The number of HTML pages written.
    pub pages: usize,
}

/// Renders every route with its template and writes it, plus the static files.
pub fn render_site(
    input: &SiteInput<'_>,
    fragment_targets: &HashSet<String>,
    sink: &dyn Sink,
) -> Result<RenderedSite> {
    let index = SiteIndex::new(input.portal);
    let site_view = site_view(input, &index);
    let site = input.templates.site_context(&site_view);
    let results: Vec<Result<PageOutcome>> = input
        .routes
        .pages
        .par_iter()
        .map(|(path, route)| {
            let (template, view) = page_view(input, &index, path, *route);
            match input.templates.render(template, &site, &view) {
                Ok(html) => {
                    sink.write(&file_for(path), html.as_bytes())?;
                    let ids = fragment_targets
                        .contains(path.as_str())
                        .then(|| (path.clone(), links::collect_ids(&html)));
                    Ok((None, ids))
                }
                Err(d) => Ok((Some(d), None)),
            }
        })
        .collect();
    let mut out = RenderedSite::default();
    for result in results {
        let (diagnostic, ids) = result?;
        out.diagnostics.extend(diagnostic);
        out.ids.extend(ids);
        out.pages += 1;
    }
    out.pages -= out.diagnostics.len();
    for (rel, source) in &input.templates.static_files {
        match source {
            crate::templates::StaticSource::Builtin(bytes) => sink.write(rel, bytes)?,
            crate::templates::StaticSource::File(path) => sink.copy(rel, path)?,
        }
    }
    Ok(out)
}

/// A page's template error, or the ids it was asked to keep.
type PageOutcome = (Option<Diagnostic>, Option<(String, HashSet<String>)>);

/// Lookups built once per build so no page view does a linear search.
struct SiteIndex<'a> {
    /// Published page titles by site path, for breadcrumbs and menus.
    titles: HashMap<&'a str, &'a str>,
    /// Published child pages by parent site path, in menu order.
    children: HashMap<&'a str, Vec<&'a Page>>,
    agreements_title: &'a str,
}

impl<'a> SiteIndex<'a> {
    fn new(portal: &'a Portal) -> Self {
        let mut titles: HashMap<&str, &str> = HashMap::new();
        let mut children: HashMap<&str, Vec<&Page>> = HashMap::new();
        let mut agreements_title = "Avtal";
        for page in portal.pages.iter().filter(|p| p.published) {
            titles.insert(&page.url_path, &page.title);
            if page.url_path == AGREEMENTS_PATH {
                agreements_title = &page.title;
            }
            if let Some(parent) = page.parent_path() {
                children.entry(parent).or_default().push(page);
            }
        }
        titles.insert(AGREEMENTS_PATH, agreements_title);
        for list in children.values_mut() {
            list.sort_by_cached_key(|p| (menu_order(p.weight, &p.title), p.url_path.clone()));
        }
        SiteIndex {
            titles,
            children,
            agreements_title,
        }
    }
}

fn site_view<'a>(input: &SiteInput<'a>, index: &SiteIndex<'a>) -> SiteView<'a> {
    let config = &input.portal.config;
    let menu_link = |item: &crate::config::MenuItem| LinkView {
        title: item
            .title
            .clone()
            .or_else(|| index.titles.get(item.path.as_str()).map(|t| t.to_string()))
            .unwrap_or_else(|| item.path.clone()),
        url: config.base_url.href(&item.path),
        path: item.path.clone(),
    };
    SiteView {
        title: &config.title,
        description: config.description.as_deref().unwrap_or(""),
        language: &config.language,
        base_path: config.base_url.path(),
        base_url: config.base_url.absolute("/"),
        menu: config.menu.iter().map(menu_link).collect(),
        footer_menu: config.footer_menu.iter().map(menu_link).collect(),
        today: input.portal.today.to_string(),
    }
}

fn link(input: &SiteInput<'_>, title: impl Into<String>, path: &str) -> LinkView {
    LinkView {
        title: title.into(),
        url: input.portal.config.base_url.href(path),
        path: path.to_string(),
    }
}

/// The template and view for one route.
fn page_view<'a>(
    input: &SiteInput<'a>,
    index: &SiteIndex<'a>,
    path: &'a str,
    route: Route,
) -> (&'static str, PageView<'a>) {
    let portal = input.portal;
    let base = &portal.config.base_url;
    let default_description = portal.config.description.as_deref().unwrap_or("");
    let mut view = PageView {
        kind: "page",
        path,
        url: base.href(path),
        canonical: base.absolute(path),
        title: "",
        description: default_description,
        date: None,
        breadcrumbs: Vec::new(),
        crumb: String::new(),
        content: "",
        toc: Vec::new(),
        children: Vec::new(),
        document: None,
        agreements: Vec::new(),
    };
    let template = match route {
        Route::Page(i) => {
            let page = &portal.pages[i];
            view.title = &page.title;
            view.description = page.description.as_deref().unwrap_or(default_description);
            view.date = page.date.map(|d| d.to_string());
            view.content = body_html(input.bodies.pages[i].as_ref());
            view.breadcrumbs = breadcrumbs(input, index, path);
            view.children = children(input, index, path);
            match page.kind {
                PageKind::Start => {
                    view.kind = "start";
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
            let (v, is_main) = match route {
                Route::DocumentVersion(_, v) => (&doc.versions[v], false),
                _ => (
                    doc.main_version()
                        .expect("a main route has a published version"),
                    true,
                ),
            };
            let v_index = doc
                .versions
                .iter()
                .position(|x| std::ptr::eq(x, v))
                .unwrap_or(0);
            let rendered = input.bodies.versions[d][v_index].as_ref();
            view.kind = "document";
            view.title = &v.title;
            view.description = default_description;
            view.date = Some(v.date.to_string());
            view.content = body_html(rendered);
            view.toc = rendered.map(toc).unwrap_or_default();
            view.breadcrumbs = vec![
                link(input, start_title(index), "/"),
                link(input, index.agreements_title, AGREEMENTS_PATH),
            ];
            if !is_main {
                view.breadcrumbs
                    .push(link(input, doc.title(), &document_path(&doc.id)));
                view.crumb = format!("Version {}", v.version);
            }
            view.document = Some(document_view(input, doc, v));
            "document.html"
        }
        Route::Agreements => {
            view.kind = "agreements";
            view.title = index.agreements_title;
            if let Some(i) = input.routes.agreements_intro {
                let page = &portal.pages[i];
                view.description = page.description.as_deref().unwrap_or(default_description);
                view.content = body_html(input.bodies.pages[i].as_ref());
            }
            view.breadcrumbs = vec![link(input, start_title(index), "/")];
            view.agreements = portal
                .documents
                .iter()
                .filter(|d| d.published().next().is_some())
                .map(|d| document_summary(input, d))
                .collect();
            "agreements.html"
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
    (template, view)
}

fn body_html(rendered: Option<&Rendered>) -> &str {
    rendered.map_or("", |r| r.html.as_str())
}

fn start_title<'a>(index: &SiteIndex<'a>) -> &'a str {
    index.titles.get("/").copied().unwrap_or("Startsida")
}

fn breadcrumbs(input: &SiteInput<'_>, index: &SiteIndex<'_>, path: &str) -> Vec<LinkView> {
    if path == "/" {
        return Vec::new();
    }
    let mut crumbs = vec![link(input, start_title(index), "/")];
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

fn children<'a>(input: &SiteInput<'_>, index: &SiteIndex<'a>, path: &str) -> Vec<ChildView<'a>> {
    let Some(pages) = index.children.get(path) else {
        return Vec::new();
    };
    pages
        .iter()
        .filter(|p| p.source.rel_path != crate::routes::AGREEMENTS_INTRO)
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
    input: &SiteInput<'a>,
    doc: &'a Document,
    v: &'a DocVersion,
) -> DocumentView<'a> {
    let base = &input.portal.config.base_url;
    let current = doc
        .current
        .map(|i| &doc.versions[i])
        .filter(|c| !std::ptr::eq(*c, v))
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
        version: v.version.as_str(),
        date: v.date.to_string(),
        author: &v.author,
        comment: v.comment.as_deref(),
        valid_from: v.valid_from.to_string(),
        status: v.status.as_str(),
        draft: v.draft,
        main_url: base.href(&document_path(&doc.id)),
        version_url: base.href(&version_path(&doc.id, v.version.as_str())),
        current,
        parties: &v.parties,
        history: doc
            .published()
            .map(|h| HistoryRow {
                version: h.version.as_str(),
                date: h.date.to_string(),
                author: &h.author,
                comment: h.comment.as_deref(),
                valid_from: h.valid_from.to_string(),
                status: h.status.as_str(),
                url: base.href(&version_path(&doc.id, h.version.as_str())),
                is_this: std::ptr::eq(h, v),
            })
            .collect(),
        documents: listed(input, doc, v),
    }
}

fn listed(input: &SiteInput<'_>, doc: &Document, v: &DocVersion) -> Vec<ListedView> {
    v.documents
        .iter()
        .enumerate()
        .map(|(i, entry)| {
            let target = input.portal.document(&entry.id);
            let current = target.and_then(|t| t.current.map(|c| &t.versions[c]));
            ListedView {
                position: i + 1,
                id: entry.id.clone(),
                title: target.map_or_else(|| entry.id.clone(), |t| t.title().to_string()),
                url: input.portal.config.base_url.href(&document_path(&entry.id)),
                version: current.map(|c| c.version.to_string()),
                date: current.map(|c| c.date.to_string()),
                is_self: entry.id == doc.id,
            }
        })
        .collect()
}

fn document_summary(input: &SiteInput<'_>, doc: &Document) -> DocumentSummary {
    let current = doc.current.map(|i| &doc.versions[i]);
    let upcoming = doc
        .versions
        .iter()
        .find(|v| v.status == crate::model::VersionStatus::Upcoming);
    DocumentSummary {
        id: doc.id.clone(),
        title: doc.title().to_string(),
        url: input.portal.config.base_url.href(&document_path(&doc.id)),
        version: current.map(|c| c.version.to_string()),
        date: current.map(|c| c.date.to_string()),
        upcoming_from: upcoming.map(|u| u.valid_from.to_string()),
        documents: doc
            .main_version()
            .map(|v| listed(input, doc, v))
            .unwrap_or_default(),
    }
}
