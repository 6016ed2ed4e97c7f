//! Rendering: every route in parallel, each in one go: its Markdown body (links resolved
//! and recorded on the way), its view, its template, and the write to a [`Sink`].
//!
//! - `markdown`: Markdown → HTML, knowing links only through [`markdown::Resolve`] and
//!   running text only through [`markdown::Annotate`]
//! - `links` resolves links; `annotate` links section references, titles and terms;
//!   `terms` is the index of defined terms (a pre-pass over agreement bodies)
//! - `views` builds what templates see; `theme` renders them (the only Tera user);
//!   `changes` is the change view; `search` indexes the pages as they are rendered
//! - `sink`: the [`Sink`] this stage writes to, implemented in `emit`
//!
//! Imports from `analyze`, `load`, `model` and `util` only: the checks of the rendered
//! site are `verify`'s, the feeds and files besides the pages `emit`'s.
//!
//! A content page's body is read from its file here, when the page is rendered
//! ([`whole`]): the loader keeps only its front matter.
//!
//! Nothing of a page is kept once it is written except what the later checks need: the
//! `id`s it contains (for the fragment check), the fragments its links point to, and the
//! links of each document's main page (for the hierarchy check). So memory stays flat
//! however large the portal is; a body that belongs to two pages (a document's current
//! version is also its main page) is simply rendered twice.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use anyhow::Result;
use jiff::Timestamp;
use rayon::prelude::*;

use crate::analyze::routes::Route;
use crate::model::paths::{file_for, version_path};
use crate::model::portal::Consequence;
use crate::model::source::Source;
use crate::util::cancel::Cancel;
use crate::util::diag::{Diagnostic, Location};
use crate::util::html::{PageIds, attribute_values};
use crate::util::i18n::msg;
use annotate::{Annotator, MentionIndex};
use links::{LinkResolver, PendingFragment};
use markdown::{Body, MarkdownOptions, Rendered};
use sink::{NullSink, Sink};
use theme::{StaticSource, Templates};
use views::{SiteIndex, ViewInput};

pub(crate) mod annotate;
pub(crate) mod changes;
pub mod links;
pub mod markdown;
pub(crate) mod search;
pub(crate) mod sink;
pub(crate) mod terms;
pub(crate) mod theme;
pub(crate) mod views;

/// Everything the render stage needs, borrowed.
pub(crate) struct SiteInput<'a> {
    /// What the page views are built from.
    pub(crate) view: ViewInput<'a>,
    /// The theme.
    pub(crate) templates: &'a Templates,
    /// Document titles to link in running text.
    pub(crate) mentions: Option<&'a MentionIndex>,
}

/// How the render stage's thread time was spent, for `--timings`.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct RenderTimes {
    /// Markdown to HTML, links included.
    pub(crate) markdown: Duration,
    /// Views and templates.
    pub(crate) templates: Duration,
    /// The search index: words counted into postings, texts for snippets.
    pub(crate) search: Duration,
    /// Writing files.
    pub(crate) write: Duration,
}

/// What rendering produced.
#[derive(Debug, Default)]
pub(crate) struct RenderedSite {
    /// Body, link and template problems.
    pub(crate) diagnostics: Vec<Diagnostic>,
    /// The sorted `id`s of every page, by site path.
    pub(crate) ids: HashMap<String, PageIds>,
    /// Links whose fragment is checked once every page is rendered.
    pub(crate) fragments: Vec<PendingFragment>,
    /// Links to sources that failed to load: notes on their errors.
    pub(crate) consequences: Vec<Consequence>,
    /// By document index: the site paths the theme links from the document's main page,
    /// for the hierarchy check.
    pub(crate) document_links: BTreeMap<usize, BTreeSet<String>>,
    /// The number of HTML pages written.
    pub(crate) pages: usize,
    /// The notices held back until a later `published` time, rendered for checking only.
    pub(crate) held_back: Vec<HeldBack>,
    /// Thread time per kind of work.
    pub(crate) times: RenderTimes,
}

/// A notice held back until its `published` time (not a draft), rendered as it will be
/// on that day but written nowhere, indexed nowhere: its problems break the build from
/// the day it is published, so they are reported now (`verify::scheduled`).
#[derive(Debug)]
pub(crate) struct HeldBack {
    /// The notice, by index in `Portal::notices`.
    pub(crate) notice: usize,
    /// Problems of its body and its links, as the page would report them.
    pub(crate) diagnostics: Vec<Diagnostic>,
    /// Links whose fragment is still to check.
    pub(crate) fragments: Vec<PendingFragment>,
    /// The page's own ids, for links to its own `#fragment`s.
    pub(crate) ids: PageIds,
}

/// What one route's rendering produced.
#[derive(Default)]
struct PageOutcome {
    diagnostics: Vec<Diagnostic>,
    fragments: Vec<PendingFragment>,
    consequences: Vec<Consequence>,
    /// The page's site path and ids: `Some` once the page is written.
    ids: Option<(String, PageIds)>,
    document_links: Option<(usize, BTreeSet<String>)>,
    /// What search results show for the page and its sections, if it is indexed.
    search: Option<search::page::Entry>,
}

/// Where a page worth finding is indexed: its search id, its thread's postings and
/// the texts its snippets are cut from.
struct Indexing<'s> {
    id: u32,
    postings: &'s Mutex<search::Postings>,
    texts: &'s search::Texts<'s>,
    section_ids: &'s search::page::SectionIds,
}

/// Renders one route to memory: its HTML, its ids, its problems and the fragments its
/// links point to. For `serve`, after a change to one page.
///
/// Fails with the template's diagnostics when the page could not be rendered.
pub(crate) fn render_one(input: &SiteInput<'_>, path: &str, route: Route) -> Result<OnePage> {
    let shared = Shared::new(input);
    let (outcome, html) = render_page(
        input,
        &shared,
        &Clocks::default(),
        &NullSink,
        path,
        route,
        None,
    )?;
    let Some(html) = html else {
        let problems: Vec<String> = outcome.diagnostics.iter().map(|d| d.to_string()).collect();
        anyhow::bail!("`{path}` could not be rendered:\n{}", problems.join("\n"));
    };
    Ok(OnePage {
        html,
        ids: outcome.ids.map(|(_, ids)| ids).unwrap_or_default(),
        diagnostics: outcome.diagnostics,
        fragments: outcome.fragments,
        consequences: outcome.consequences,
    })
}

/// One page rendered alone (see [`render_one`]).
pub(crate) struct OnePage {
    /// Its HTML.
    pub(crate) html: Vec<u8>,
    /// Its ids.
    pub(crate) ids: PageIds,
    /// Problems in its body and links.
    pub(crate) diagnostics: Vec<Diagnostic>,
    /// Fragments its links point to, to check.
    pub(crate) fragments: Vec<PendingFragment>,
    /// Its links to sources that failed to load.
    pub(crate) consequences: Vec<Consequence>,
}

/// Pages that list the whole site, or all of one kind of page: their template data
/// grows with the portal. Every route is named, so a new one must be placed here.
fn lists_the_site(route: Route) -> bool {
    match route {
        Route::Agreements | Route::Glossary | Route::Notices | Route::DataList | Route::SiteMap => {
            true
        }
        Route::Page(_)
        | Route::DocumentMain(_)
        | Route::DocumentVersion(..)
        | Route::Changes(..)
        | Route::Notice(_)
        | Route::Search
        | Route::NotFound => false,
    }
}

/// Pages worth finding: not old versions, change views or pages about the site itself.
fn searchable(route: Route) -> bool {
    !matches!(
        route,
        Route::DocumentVersion(..)
            | Route::Changes(..)
            | Route::SiteMap
            | Route::Search
            | Route::NotFound
    )
}

/// What every page of one render uses: built once, shared by the worker threads.
struct Shared<'a> {
    view_input: ViewInput<'a>,
    index: SiteIndex<'a>,
    site: crate::render::theme::SiteContext,
}

impl<'a> Shared<'a> {
    fn new(input: &SiteInput<'a>) -> Self {
        let index = SiteIndex::new(input.view.portal);
        let site = input.templates.site_context(&views::site_view(
            input.view.portal,
            input.view.routes,
            &index,
        ));
        Shared {
            view_input: input.view,
            index,
            site,
        }
    }
}

/// Renders and writes one route, and indexes it when it is worth finding; returns its
/// outcome and, when written, its HTML.
fn render_page(
    input: &SiteInput<'_>,
    shared: &Shared<'_>,
    clocks: &Clocks,
    sink: &dyn Sink,
    path: &str,
    route: Route,
    indexing: Option<Indexing<'_>>,
) -> Result<(PageOutcome, Option<Vec<u8>>)> {
    let mut outcome = PageOutcome::default();
    let (body, source) =
        match Clocks::time(&clocks.markdown, || render_body(input, route, &mut outcome)) {
            Some((rendered, source)) => (Some(rendered), source),
            None => (None, None),
        };
    let mut title = "";
    let mut own_description = None;
    let rendered = Clocks::time(&clocks.templates, || {
        let (template, view, description) = views::page_view(
            &shared.view_input,
            &shared.index,
            path,
            route,
            body.as_ref(),
        );
        (title, own_description) = (view.title, description);
        input.templates.render(template, &shared.site, view)
    });
    let html = match rendered {
        Ok(html) => html,
        Err(ds) => {
            outcome.diagnostics.extend(ds);
            return Ok((outcome, None));
        }
    };
    let ids = PageIds::collect(&html);
    if let (Some(rendered), Some(source)) = (&body, source) {
        let source = Body {
            file: &source.file,
            offset: source.body_offset,
        };
        // A heading id the Markdown stage already reported (one that a footnote also
        // has) is not blamed on the theme as well.
        let reported: HashSet<_> = rendered
            .diagnostics
            .iter()
            .filter(|d| d.code == "E0307")
            .map(|d| &d.location)
            .collect();
        outcome.diagnostics.extend(
            links::check_duplicate_ids(&ids, rendered, source)
                .into_iter()
                .filter(|d| d.code != "E0307" || !reported.contains(&d.location)),
        );
    }
    if let Some(indexing) = indexing {
        let page = search::page::PageInput {
            portal: input.view.portal,
            route,
            url: input.view.portal.config.base_url.href(path),
            html: &html,
            body: body.as_ref(),
            title,
            description: own_description,
        };
        let entry = Clocks::time(&clocks.search, || {
            search::page::index_page(
                indexing.postings,
                indexing.texts,
                indexing.section_ids,
                indexing.id,
                page,
            )
        })?;
        outcome.search = Some(entry);
    }
    Clocks::time(&clocks.write, || sink.write(&file_for(path), &html))?;
    outcome.ids = Some((path.to_string(), ids));
    if let Route::DocumentMain(d) = route {
        let base_path = input.view.portal.config.base_url.path();
        let body_html = body.as_ref().map_or("", |b| b.html.as_str());
        outcome.document_links = Some((d, theme_links(&html, body_html.as_bytes(), base_path)));
    }
    Ok((outcome, Some(html)))
}

#[derive(Default)]
struct Clocks {
    markdown: AtomicU64,
    templates: AtomicU64,
    search: AtomicU64,
    write: AtomicU64,
}

impl Clocks {
    fn time<T>(counter: &AtomicU64, work: impl FnOnce() -> T) -> T {
        let start = Instant::now();
        let out = work();
        counter.fetch_add(start.elapsed().as_nanos() as u64, Ordering::Relaxed);
        out
    }

    fn times(&self) -> RenderTimes {
        let get = |c: &AtomicU64| Duration::from_nanos(c.load(Ordering::Relaxed));
        RenderTimes {
            markdown: get(&self.markdown),
            templates: get(&self.templates),
            search: get(&self.search),
            write: get(&self.write),
        }
    }
}

/// Renders and writes every route, the theme's static files and the search index.
///
/// Once `cancel` is cancelled, the pages not yet started are skipped and the result is
/// `Err(Cancelled)`.
pub(crate) fn render_site(
    input: &SiteInput<'_>,
    sink: &dyn Sink,
    cancel: Option<&Cancel>,
) -> Result<RenderedSite> {
    let shared = Shared::new(input);
    let clocks = Clocks::default();
    // Search ids are dense over the pages worth finding, in route order.
    let mut next_id = 0u32;
    let search_ids: Vec<Option<u32>> = input
        .view
        .routes
        .pages()
        .map(|(_, route)| {
            searchable(route).then(|| {
                next_id += 1;
                next_id - 1
            })
        })
        .collect();
    // One search accumulator per worker thread, each locked only by its own thread: a
    // rayon fold would make one per split of the work, each holding most of the
    // vocabulary, and merge them all at the end.
    let slots: Vec<Mutex<search::Postings>> = (0..rayon::current_num_threads().max(1))
        .map(|_| Mutex::default())
        .collect();
    let texts = search::Texts::new(sink)?;
    let section_ids = search::page::SectionIds::new(next_id);
    let routes = &input.view.routes;
    let render = |i: usize| -> Result<PageOutcome> {
        cancel.map_or(Ok(()), Cancel::check)?;
        let (path, route) = routes.page_at(i);
        let indexing = search_ids[i].map(|id| Indexing {
            id,
            postings: &slots[rayon::current_thread_index().unwrap_or(0) % slots.len()],
            texts: &texts,
            section_ids: &section_ids,
        });
        let (outcome, _) = render_page(input, &shared, &clocks, sink, path, route, indexing)?;
        Ok(outcome)
    };
    // The lists of the whole site first, while little else is held: the template
    // data of one (every page of a 50,000-page site for the site map) takes tens of
    // megabytes while it renders, which on top of everything the other pages leave
    // behind would set the build's peak.
    let (lists, rest): (Vec<usize>, Vec<usize>) =
        (0..routes.page_count()).partition(|&i| lists_the_site(routes.page_at(i).1));
    let mut outcomes: Vec<(usize, Result<PageOutcome>)> =
        lists.into_par_iter().map(|i| (i, render(i))).collect();
    outcomes.par_extend(rest.into_par_iter().map(|i| (i, render(i))));
    // Gathered in route order, as if rendered in it.
    outcomes.sort_unstable_by_key(|(i, _)| *i);
    cancel.map_or(Ok(()), Cancel::check)?;
    let postings = slots
        .into_iter()
        .map(|slot| slot.into_inner().unwrap_or_else(|e| e.into_inner()))
        .fold(search::Postings::default(), search::Postings::merge);

    let mut out = RenderedSite::default();
    // Sized up front: grown by doubling, the lists of a large site would be copied
    // while every page's outcome is still held.
    let done = || outcomes.iter().filter_map(|(_, o)| o.as_ref().ok());
    out.fragments
        .reserve_exact(done().map(|o| o.fragments.len()).sum());
    out.ids.reserve(done().filter(|o| o.ids.is_some()).count());
    let mut search_pages = Vec::with_capacity(next_id as usize);
    for (_, outcome) in outcomes {
        let outcome = outcome?;
        search_pages.extend(outcome.search);
        out.diagnostics.extend(outcome.diagnostics);
        out.fragments.extend(outcome.fragments);
        out.consequences.extend(outcome.consequences);
        out.pages += usize::from(outcome.ids.is_some());
        out.ids.extend(outcome.ids);
        out.document_links.extend(outcome.document_links);
    }
    out.held_back = render_held_back(input, &shared, &clocks, &mut out.consequences)?;
    Clocks::time(&clocks.write, || -> Result<()> {
        for (rel, source) in &input.templates.static_files {
            match source {
                StaticSource::Builtin(bytes) => sink.write(rel, bytes)?,
                StaticSource::File(path) => sink.copy(rel, path)?,
            }
        }
        search::write_files(postings, search_pages, &section_ids, texts, sink)
    })?;
    out.times = clocks.times();
    Ok(out)
}

/// Renders every notice held back until a later `published` time to memory, the way
/// its page will be rendered on that day, for its problems: nothing is written or
/// indexed, and the lists, feeds, sitemap and manifest leave it out (they show only
/// published notices). See: issue 11.
///
/// Links from it resolve against today's pages: one to a page published later, another
/// held-back notice included, is reported as broken.
fn render_held_back(
    input: &SiteInput<'_>,
    shared: &Shared<'_>,
    clocks: &Clocks,
    consequences: &mut Vec<Consequence>,
) -> Result<Vec<HeldBack>> {
    let portal = input.view.portal;
    let held_back: Vec<usize> = (portal.notices.iter().enumerate())
        .filter(|(_, n)| n.held_back_until().is_some())
        .map(|(i, _)| i)
        .collect();
    let outcomes: Vec<Result<(usize, PageOutcome)>> = held_back
        .into_par_iter()
        .map(|i| {
            let path = &portal.notices[i].url_path;
            let route = Route::Notice(i);
            let (outcome, _) = render_page(input, shared, clocks, &NullSink, path, route, None)?;
            Ok((i, outcome))
        })
        .collect();
    let mut out = Vec::new();
    for outcome in outcomes {
        let (notice, outcome) = outcome?;
        consequences.extend(outcome.consequences);
        out.push(HeldBack {
            notice,
            diagnostics: outcome.diagnostics,
            fragments: outcome.fragments,
            ids: outcome.ids.map(|(_, ids)| ids).unwrap_or_default(),
        });
    }
    Ok(out)
}

/// Site paths the theme links from a rendered page, with the base path removed and
/// fragments dropped. Links in the body (`body`, where the page holds it verbatim) do not
/// count: a title mention or a term in the text is no Handlingsförteckning.
fn theme_links(html: &[u8], body: &[u8], base_path: &str) -> BTreeSet<String> {
    let (before, after) = match memchr::memmem::find(html, body) {
        Some(at) if !body.is_empty() => (&html[..at], &html[at + body.len()..]),
        _ => (html, &html[..0]),
    };
    [before, after]
        .into_iter()
        .flat_map(|part| attribute_values(part, b" href=\""))
        .filter_map(|href| {
            let href = href.split('#').next().unwrap_or_default();
            href.strip_prefix(base_path).map(|rest| format!("/{rest}"))
        })
        .collect()
}

/// The Markdown body a route shows, rendered now; its problems go into `outcome`.
///
/// A document's main page shows the body of its current version, which that version's
/// own page reports on, so problems are collected from the version page only.
///
/// Returns the rendered body and, when its problems are reported from this page, where
/// it comes from.
fn render_body<'p>(
    input: &SiteInput<'p>,
    route: Route,
    outcome: &mut PageOutcome,
) -> Option<(Rendered, Option<Cow<'p, Source>>)> {
    let portal = input.view.portal;
    let mut content_page = |i: usize| {
        let p = &portal.pages[i];
        let source = whole(&p.source, outcome)?;
        Some((source, Cow::Borrowed(p.url_path.as_str()), None, true, None))
    };
    // (source, site path links resolve from, (document, version), report problems, when
    // it is published if after the build)
    let (source, from_path, document, report, published_at) = match route {
        Route::Page(i) => content_page(i)?,
        Route::Agreements => content_page(input.view.routes.agreements_intro?)?,
        Route::Notices => content_page(input.view.routes.notices_intro?)?,
        Route::Notice(i) => {
            let n = &portal.notices[i];
            let source = Cow::Borrowed(&n.source);
            // Held back (see `render_held_back`): rendered as it will be on that day.
            let held_back = n.held_back_until();
            (
                source,
                Cow::Borrowed(n.url_path.as_str()),
                None,
                true,
                held_back,
            )
        }
        Route::DocumentMain(d) | Route::DocumentVersion(d, _) => {
            let doc = &portal.documents[d];
            let (v, report) = match route {
                Route::DocumentVersion(_, v) => (v, true),
                _ => (doc.main_index()?, false),
            };
            let version = &doc.versions[v];
            let path = version_path(&doc.id, version.version.as_str());
            (
                Cow::Borrowed(&version.source),
                Cow::Owned(path),
                Some((d, v)),
                report,
                None,
            )
        }
        Route::Changes(..)
        | Route::Glossary
        | Route::DataList
        | Route::SiteMap
        | Route::Search
        | Route::NotFound => return None,
    };
    // Agreement documents link section references and terms; every body links the
    // titles of documents, if the portal has any.
    let terms = document
        .and_then(|(d, v)| (input.view.glossary).index_of(portal, input.view.hierarchy, d, v));
    let (agreement, mut annotator) = match document {
        Some((d, _)) => (
            true,
            Some(Annotator::new(
                input.mentions,
                terms.as_deref(),
                Some((d, portal.documents[d].id.as_str())),
            )),
        ),
        None => (
            false,
            input.mentions.map(|m| Annotator::new(Some(m), None, None)),
        ),
    };
    let options = MarkdownOptions {
        agreement,
        annotator: annotator.as_mut().map(|a| a as &mut dyn markdown::Annotate),
        ..MarkdownOptions::default()
    };
    let body = Body {
        file: &source.file,
        offset: source.body_offset,
    };
    let rendered = render_markdown(input, body, &from_path, published_at, options);
    if report {
        outcome
            .diagnostics
            .extend(rendered.diagnostics.iter().cloned());
        links::check_rendered(
            body,
            &rendered,
            &mut outcome.diagnostics,
            &mut outcome.fragments,
            &mut outcome.consequences,
        );
    }
    Some((rendered, report.then_some(source)))
}

/// The whole of `source`: as loaded, or, for a content page whose body was not kept
/// (see [`Source::without_body`]), with the body read from its file again. A file that
/// can no longer be read, or whose front matter changed since it was loaded, is an
/// error (E0204): the page would not match what the rest of the site says of it.
fn whole<'p>(source: &'p Source, outcome: &mut PageOutcome) -> Option<Cow<'p, Source>> {
    let Some(path) = source.unread_body() else {
        return Some(Cow::Borrowed(source));
    };
    let whole = std::fs::read(path)
        .ok()
        .and_then(|bytes| String::from_utf8(bytes).ok())
        .and_then(|text| source.with_text(text));
    if whole.is_none() {
        let at = Location::file(source.file.rel_path.clone());
        outcome
            .diagnostics
            .push(Diagnostic::error("E0204", msg!("e0204-changed-while-building")).at(at));
    }
    whole.map(Cow::Owned)
}

fn render_markdown<'o>(
    input: &'o SiteInput<'_>,
    body: Body<'_>,
    from_path: &str,
    published_at: Option<Timestamp>,
    options: MarkdownOptions<'o>,
) -> Rendered {
    let resolver = LinkResolver {
        portal: input.view.portal,
        routes: input.view.routes,
        from: body.file,
        from_path,
        published_at,
    };
    let options = MarkdownOptions {
        raw_html: input.view.portal.config.raw_html,
        theme_ids: Some(&input.templates.theme_ids),
        ..options
    };
    markdown::render(body, options, &resolver)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::util::source::{SourceFile, split_front_matter};

    fn unread(dir: &std::path::Path, text: &str) -> Source {
        let path = dir.join("a.md");
        std::fs::write(&path, text).unwrap();
        let file = SourceFile::markdown("content/a.md", text.to_string());
        let offset = split_front_matter(&file.text).unwrap().body_offset;
        Source::new(file, offset).without_body(path)
    }

    #[test]
    fn a_page_body_is_read_again_and_a_file_gone_or_changed_is_e0204() {
        let dir = std::env::temp_dir().join(format!("infoportal-whole-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let source = unread(&dir, "---\ntitle: A\n---\nText\n");
        let mut outcome = PageOutcome::default();
        let whole = whole(&source, &mut outcome).unwrap();
        assert_eq!(whole.body(), "Text\n");
        assert!(outcome.diagnostics.is_empty());

        std::fs::write(dir.join("a.md"), "---\ntitle: B\n---\nText\n").unwrap();
        assert!(super::whole(&source, &mut outcome).is_none());
        std::fs::remove_file(dir.join("a.md")).unwrap();
        assert!(super::whole(&source, &mut outcome).is_none());
        let found: Vec<String> = outcome
            .diagnostics
            .iter()
            .map(|d| format!("{} {}", d.code, d.location.as_ref().unwrap()))
            .collect();
        assert_eq!(found, ["E0204 content/a.md", "E0204 content/a.md"]);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
