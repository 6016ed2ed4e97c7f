//! `/webbplatskarta/`: every page as a tree: content sections with their pages, the
//! agreements with their documents, the notices.

use super::notices::listed_notices;
use super::{GLOSSARY_TITLE, SITEMAP_TITLE, Shown, SiteIndex, ViewInput, by_title, home_crumbs};
use crate::model::paths::{AGREEMENTS_PATH, GLOSSARY_PATH, NOTICES_PATH, document_path};
use crate::render::theme::api::{PageView, SiteMapEntry};

/// The site map page.
pub(super) fn page<'a>(
    input: &ViewInput<'a>,
    index: &SiteIndex<'a>,
    view: &mut PageView<'a>,
) -> Shown<'a> {
    view.kind = "sitemap";
    view.title = SITEMAP_TITLE;
    view.breadcrumbs = home_crumbs(input, index);
    view.sitemap = site_map(input, index);
    Shown {
        template: "sitemap.html",
        description: None,
    }
}

/// Every page as a tree: the start page, and under it what the main navigation and the
/// start page lead to (content sections with their pages, the agreements with their
/// documents, the notices, the list of personal data), in the same order.
fn site_map(input: &ViewInput<'_>, index: &SiteIndex<'_>) -> Vec<SiteMapEntry> {
    let base = &input.portal.config.base_url;
    let top = index
        .destinations
        .iter()
        .map(|d| SiteMapEntry {
            title: d.title.to_string(),
            url: base.href(d.path),
            children: below(input, index, d.path, 1),
        })
        .collect();
    vec![SiteMapEntry {
        title: index.start_title().to_string(),
        url: base.href("/"),
        children: top,
    }]
}

/// The entries under site path `path`, `depth` levels below the start page: its child
/// pages with theirs, and under `/avtal/` and `/driftinformation/` what the portal
/// publishes there.
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
        agreement_entries(input, &mut out);
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

/// The published documents and the glossary, under `/avtal/`.
fn agreement_entries(input: &ViewInput<'_>, out: &mut Vec<SiteMapEntry>) {
    let base = &input.portal.config.base_url;
    let documents = &input.portal.documents;
    out.extend(by_title(input.portal).into_iter().map(|i| SiteMapEntry {
        title: documents[i].title().to_string(),
        url: base.href(&document_path(&documents[i].id)),
        children: Vec::new(),
    }));
    if input.routes.page(GLOSSARY_PATH).is_some() {
        out.push(SiteMapEntry {
            title: GLOSSARY_TITLE.to_string(),
            url: base.href(GLOSSARY_PATH),
            children: Vec::new(),
        });
    }
}
