//! Rendering: Markdown bodies first (all in parallel, links resolved on the way), then
//! every route through its template, written to a [`Sink`] as soon as it is rendered.
//!
//! Pages are written as they are rendered rather than collected first, so memory stays
//! flat however large the portal is. What later checks need is kept: the `id`s of pages
//! that some link points into (fragment check) and the links of each document's page
//! (hierarchy check).

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use anyhow::Result;
use rayon::prelude::*;

use crate::annotate::MentionIndex;
use crate::diag::Diagnostic;
use crate::files;
use crate::hierarchy::{self, Hierarchy};
use crate::links::{self, LinkResolver, PendingFragment};
use crate::markdown::{self, Body, MarkdownOptions, Rendered};
use crate::model::Portal;
use crate::output::{Sink, file_for};
use crate::routes::{Route, Routes, version_path};
use crate::templates::{StaticSource, Templates};
use crate::terms::Glossary;
use crate::views::{self, SiteIndex, ViewInput};

/// The rendered Markdown of every page and document version.
#[derive(Debug, Default)]
pub struct Bodies {
    /// By page index; `None` for unpublished pages.
    pub pages: Vec<Option<Rendered>>,
    /// By document index, then version index; `None` for unpublished versions.
    pub versions: Vec<Vec<Option<Rendered>>>,
    /// By notice index; `None` for unpublished notices.
    pub notices: Vec<Option<Rendered>>,
}

/// What the Markdown stage produces besides the bodies.
#[derive(Debug, Default)]
pub struct BodyChecks {
    /// Broken links and body problems.
    pub diagnostics: Vec<Diagnostic>,
    /// Links whose fragment is checked after the pages are rendered.
    pub fragments: Vec<PendingFragment>,
}

/// What bodies are linked with besides their own links.
pub struct Annotators<'a> {
    /// Document titles, linked in every body.
    pub mentions: Option<&'a MentionIndex>,
    /// Defined terms, linked in agreement documents.
    pub glossary: &'a Glossary,
}

/// Renders every published body in parallel.
pub fn render_bodies(
    portal: &Portal,
    routes: &Routes,
    annotators: &Annotators<'_>,
) -> (Bodies, BodyChecks) {
    let raw_html = portal.config.raw_html;
    let render_one = |file, offset, from_path: &str, options: MarkdownOptions<'_>| {
        let resolver = LinkResolver {
            portal,
            routes,
            from: file,
            from_path,
        };
        markdown::render(
            Body { file, offset },
            MarkdownOptions {
                raw_html,
                ..options
            },
            &resolver,
        )
    };
    let pages: Vec<Option<Rendered>> = portal
        .pages
        .par_iter()
        .map(|page| {
            page.published.then(|| {
                let options = MarkdownOptions {
                    mentions: annotators.mentions,
                    ..MarkdownOptions::default()
                };
                render_one(&page.source, page.body_offset, &page.url_path, options)
            })
        })
        .collect();
    let versions: Vec<Vec<Option<Rendered>>> = portal
        .documents
        .par_iter()
        .enumerate()
        .map(|(d, doc)| {
            let options = MarkdownOptions {
                agreement: true,
                mentions: annotators.mentions,
                terms: annotators.glossary.indexes[d].as_deref(),
                self_doc: Some((d, doc.id.as_str())),
                ..MarkdownOptions::default()
            };
            doc.versions
                .par_iter()
                .map(|v| {
                    v.published.then(|| {
                        let path = version_path(&doc.id, v.version.as_str());
                        render_one(&v.source, v.body_offset, &path, options)
                    })
                })
                .collect()
        })
        .collect();

    let notices: Vec<Option<Rendered>> = portal
        .notices
        .par_iter()
        .map(|n| {
            n.published.then(|| {
                let options = MarkdownOptions {
                    mentions: annotators.mentions,
                    ..MarkdownOptions::default()
                };
                render_one(&n.source, n.body_offset, &n.url_path, options)
            })
        })
        .collect();

    let mut checks = BodyChecks::default();
    let page_sources = portal.pages.iter().map(|p| (&p.source, p.body_offset));
    let version_sources = portal
        .documents
        .iter()
        .flat_map(|d| d.versions.iter().map(|v| (&v.source, v.body_offset)));
    let notice_sources = portal.notices.iter().map(|n| (&n.source, n.body_offset));
    let rendered = pages
        .iter()
        .chain(versions.iter().flatten())
        .chain(notices.iter());
    let sources = page_sources.chain(version_sources).chain(notice_sources);
    for ((file, offset), body) in sources.zip(rendered) {
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
    (
        Bodies {
            pages,
            versions,
            notices,
        },
        checks,
    )
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
    /// The agreement hierarchy.
    pub hierarchy: &'a Hierarchy,
    /// Defined terms.
    pub glossary: &'a Glossary,
}

/// What rendering the pages produced.
#[derive(Debug, Default)]
pub struct RenderedSite {
    /// Template errors and hierarchy-link errors.
    pub diagnostics: Vec<Diagnostic>,
    /// The ids of every page that a link points into, by site path.
    pub ids: HashMap<String, HashSet<String>>,
    /// The number of HTML pages written.
    pub pages: usize,
}

/// What one route's rendering produced.
#[derive(Default)]
struct PageOutcome {
    error: Option<Diagnostic>,
    ids: Option<(String, HashSet<String>)>,
    document_links: Option<(usize, BTreeSet<String>)>,
}

/// Renders every route with its template and writes it, plus the static files and the
/// manifest; then checks that document pages link the hierarchy both ways.
pub fn render_site(
    input: &SiteInput<'_>,
    fragment_targets: &HashSet<String>,
    sink: &dyn Sink,
) -> Result<RenderedSite> {
    let view_input = ViewInput {
        portal: input.portal,
        routes: input.routes,
        bodies: input.bodies,
        hierarchy: input.hierarchy,
        glossary: input.glossary,
    };
    let index = SiteIndex::new(input.portal);
    let site = input
        .templates
        .site_context(&views::site_view(input.portal, &index));
    let base_path = input.portal.config.base_url.path();
    let outcomes: Vec<Result<PageOutcome>> = input
        .routes
        .pages
        .par_iter()
        .map(|(path, route)| {
            let (template, view) = views::page_view(&view_input, &index, path, *route);
            let html = match input.templates.render(template, &site, &view) {
                Ok(html) => html,
                Err(d) => {
                    return Ok(PageOutcome {
                        error: Some(d),
                        ..PageOutcome::default()
                    });
                }
            };
            sink.write(&file_for(path), html.as_bytes())?;
            Ok(PageOutcome {
                error: None,
                ids: fragment_targets
                    .contains(path.as_str())
                    .then(|| (path.clone(), links::collect_ids(&html))),
                document_links: match route {
                    Route::DocumentMain(d) => Some((*d, hierarchy::page_links(&html, base_path))),
                    _ => None,
                },
            })
        })
        .collect();
    let mut out = RenderedSite::default();
    let mut document_links = BTreeMap::new();
    for outcome in outcomes {
        let outcome = outcome?;
        match outcome.error {
            Some(d) => out.diagnostics.push(d),
            None => out.pages += 1,
        }
        out.ids.extend(outcome.ids);
        document_links.extend(outcome.document_links);
    }
    out.diagnostics.extend(hierarchy::verify_rendered(
        input.portal,
        input.hierarchy,
        &document_links,
        &input.templates.source_of("document.html"),
    ));
    for (rel, source) in &input.templates.static_files {
        match source {
            StaticSource::Builtin(bytes) => sink.write(rel, bytes)?,
            StaticSource::File(path) => sink.copy(rel, path)?,
        }
    }
    for (rel, bytes) in files::render(input.portal, input.routes) {
        sink.write(&rel, &bytes)?;
    }
    Ok(out)
}
