//! Routes: every page the site will publish, at which site path, from which source.
//!
//! Built once from the `Portal` before any Markdown is rendered, so links can be
//! resolved while rendering and two sources claiming one URL are caught early.

use std::collections::{BTreeMap, HashMap, HashSet};

use jiff::Timestamp;

use crate::load::Asset;
use crate::model::document::Document;
use crate::model::paths::{
    AGREEMENTS_INTRO, AGREEMENTS_PATH, CONFIG_FILE, CONTENT_DIR, DATA_LIST_PATH, GLOSSARY_PATH,
    NOT_FOUND_PATH, NOTICES_INTRO, NOTICES_PATH, SEARCH_INDEX_PATH, SEARCH_PATH, SITEMAP_PATH,
    comparison_path, document_path, version_path,
};
use crate::model::portal::Portal;
use crate::util::diag::{Diagnostic, Diagnostics, Location};
use crate::util::i18n::msg;

/// One published HTML page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum Route {
    /// A content page, by index in `Portal::pages`.
    Page(usize),
    /// `/avtal/<id>/`: the main version of a document, by index in `Portal::documents`.
    DocumentMain(usize),
    /// `/avtal/<id>/<version>/`: (document index, version index).
    DocumentVersion(usize, usize),
    /// What changed from one version of a document to a later one: (document index,
    /// older version index, newer version index). `/avtal/<id>/<newer>/andringar/` when
    /// the older is the published version just before it, else
    /// `/avtal/<id>/<newer>/andringar/sedan-<older>/` (see [`compared_with`]).
    Changes(usize, usize, usize),
    /// `/avtal/`: the hierarchy and list of documents.
    Agreements,
    /// `/avtal/begrepp/`: every defined term.
    Glossary,
    /// `/driftinformation/`: every notice, ongoing and upcoming first.
    Notices,
    /// One notice, by index in `Portal::notices`.
    Notice(usize),
    /// `/personuppgifter/`: the list of personal-data types.
    DataList,
    /// `/webbplatskarta/`: every page of the site.
    SiteMap,
    /// `/sok/`: the search page.
    Search,
    /// `/404.html`.
    NotFound,
}

/// A document with at most this many published versions gets a change view for every
/// pair of them: at most 66 pages, each a few times the size of the document.
pub(crate) const ALL_PAIRS_UP_TO: usize = 12;

/// With more versions than [`ALL_PAIRS_UP_TO`], each version is compared with the one
/// before it and with each of this many newest versions, the ones readers compare with
/// ("what changed since the version we signed"): at most 1 + this many pages per
/// version.
pub(crate) const NEWEST_COMPARED: usize = 3;

/// The positions of the earlier published versions that the published version at
/// position `newer` (0 the oldest) of a document with `published` published versions
/// is compared with, each on a change view of its own: all of them while the document
/// has at most [`ALL_PAIRS_UP_TO`] versions, or when `newer` is one of the
/// [`NEWEST_COMPARED`] newest; else only the one just before it. Every pair would make
/// the pages grow as the square of the versions; this keeps them linear while any two
/// versions of a document with a usual history can be compared. See: issue 13, item 4,
/// and ARCHITECTURE.md ("Change views").
pub(crate) fn compared_with(published: usize, newer: usize) -> std::ops::Range<usize> {
    if newer == 0 || newer >= published {
        0..0
    } else if published <= ALL_PAIRS_UP_TO || newer + NEWEST_COMPARED >= published {
        0..newer
    } else {
        newer - 1..newer
    }
}

/// Whether the page of a content page or notice is on the site.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Publication {
    Published,
    /// A draft (`draft: true`, without `--drafts`).
    Draft,
    /// A notice held back until its `published` time, after the build's.
    From(Timestamp),
}

/// What already publishes a site path.
enum Owner<'a> {
    /// A source file (root-relative).
    Source(&'a str),
    /// A page the portal generates.
    Page,
    /// A file or folder the portal generates.
    File(&'a str),
}

/// E0201: `source` (root-relative; `None` for a page the portal generates) would publish
/// `path`, which `owner` already does.
fn clash(path: &str, source: Option<&str>, owner: Owner<'_>) -> Diagnostic {
    let (owner, first, file) = match owner {
        Owner::Source(first) => ("source", first, ""),
        Owner::Page => ("page", "", ""),
        Owner::File(file) => ("file", "", file),
    };
    let message = msg!(
        "e0201-same-url",
        path = path,
        owner = owner,
        first = first,
        file = file,
    );
    Diagnostic::error("E0201", message).at(Location::file(source.unwrap_or(CONFIG_FILE)))
}

/// The owner of a claimed page: its source, or the portal.
fn page_owner(first: &Option<String>) -> Owner<'_> {
    first.as_deref().map_or(Owner::Page, Owner::Source)
}

/// All routes of the site, looked up by site path and by source file.
///
/// Every site path and source path is held once, in one string: a string per entry in
/// a few maps kept each path up to four times, 30 MB at 50,000 pages, for the whole
/// render. Look-ups are binary searches over the sorted entries.
#[derive(Debug, Default)]
pub(crate) struct Routes {
    text: Text,
    /// Every page: (site path, route), sorted by site path.
    pages: Vec<(Span, Route)>,
    /// Every source file with a site path, published or not: (source file, site
    /// path), sorted by source file.
    sources: Vec<(Span, Span)>,
    /// The Markdown files of content pages and notices by the site path they publish,
    /// or will or would publish, for hints: (site path, source file, whether it is
    /// published), sorted by site path, one per site path.
    markdown: Vec<(Span, Span, Publication)>,
    /// Site paths of the files besides pages: content assets, theme static files and
    /// generated files.
    pub(crate) files: HashSet<String>,
    /// The content page giving `/avtal/` its title and introduction, if any.
    pub(crate) agreements_intro: Option<usize>,
    /// The content page giving `/driftinformation/` its title and introduction, if any.
    pub(crate) notices_intro: Option<usize>,
}

/// Where a path is in [`Text`]: start and end.
type Span = (usize, usize);

/// Paths one after another, each pushed once and found again by its [`Span`].
#[derive(Debug, Default)]
struct Text(String);

impl Text {
    fn push(&mut self, s: &str) -> Span {
        let start = self.0.len();
        self.0.push_str(s);
        (start, self.0.len())
    }

    fn get(&self, (start, end): Span) -> &str {
        &self.0[start..end]
    }
}

/// The entry of `entries`, sorted by the path `key` gives, whose path is `path`.
fn find<T>(text: &Text, entries: &[T], key: impl Fn(&T) -> Span, path: &str) -> Option<usize> {
    entries
        .binary_search_by(|entry| text.get(key(entry)).cmp(path))
        .ok()
}

impl Routes {
    /// Works out every route; two sources publishing one path is an error.
    ///
    /// `generated` are the site paths of the files the portal writes besides pages
    /// (feeds, exports, `manifest.json`, …): like pages, no content file may replace
    /// them. Theme `static_files` may be replaced by a content file of the same name.
    pub(crate) fn build(
        portal: &Portal,
        assets: &[Asset],
        static_files: &[String],
        generated: &[String],
        glossary: bool,
    ) -> (Routes, Diagnostics) {
        // The generated pages claim their paths first, then notices, documents and
        // content pages: of two claimants, the first keeps the path.
        let mut claims = Claims::default();
        claims.generated_pages(portal, glossary);
        claims.notices(portal);
        claims.documents(portal);
        let (agreements_intro, notices_intro) = claims.content_pages(portal);
        let mut files = claims.assets(assets, generated);
        // Theme files may be overridden by content assets of the same name: not an error.
        files.extend(static_files.iter().cloned());

        let Claims {
            pages,
            by_source,
            by_site,
            diags,
        } = claims;
        let mut routes = Routes {
            files,
            agreements_intro,
            notices_intro,
            ..Routes::default()
        };
        routes.text.0.reserve(
            pages.keys().map(String::len).sum::<usize>()
                + by_source.keys().map(String::len).sum::<usize>(),
        );
        routes.pages = Vec::with_capacity(pages.len());
        for (path, (route, _)) in &pages {
            let span = routes.text.push(path);
            routes.pages.push((span, *route));
        }
        let mut by_source: Vec<(String, String)> = by_source.into_iter().collect();
        by_source.sort_unstable();
        routes.sources = Vec::with_capacity(by_source.len());
        for (rel, site) in &by_source {
            let rel = routes.text.push(rel);
            let site = routes.site_span(site);
            routes.sources.push((rel, site));
        }
        routes.markdown = Vec::with_capacity(by_site.len());
        for (site, (rel, publication)) in &by_site {
            // The file's own entry in `sources` holds both paths already (a draft's
            // site path is no page's).
            let own = find(&routes.text, &routes.sources, |s| s.0, rel).map(|i| routes.sources[i]);
            let rel = match own {
                Some((rel, _)) => rel,
                None => routes.text.push(rel),
            };
            let site = match own {
                Some((_, own_site)) if routes.text.get(own_site) == site => own_site,
                _ => routes.site_span(site),
            };
            routes.markdown.push((site, rel, *publication));
        }
        (routes, diags)
    }

    /// The span of a site path: a page's if it is one, else a new one.
    fn site_span(&mut self, site: &str) -> Span {
        match find(&self.text, &self.pages, |p| p.0, site) {
            Some(i) => self.pages[i].0,
            None => self.text.push(site),
        }
    }

    /// How many pages the site has.
    pub(crate) fn page_count(&self) -> usize {
        self.pages.len()
    }

    /// The `i`th page in site-path order: (site path, route).
    pub(crate) fn page_at(&self, i: usize) -> (&str, Route) {
        let (span, route) = self.pages[i];
        (self.text.get(span), route)
    }

    /// Every page in site-path order: (site path, route).
    pub(crate) fn pages(&self) -> impl ExactSizeIterator<Item = (&str, Route)> {
        self.pages
            .iter()
            .map(|&(span, route)| (self.text.get(span), route))
    }

    /// The page published at a site path.
    pub(crate) fn page(&self, site_path: &str) -> Option<Route> {
        find(&self.text, &self.pages, |p| p.0, site_path).map(|i| self.pages[i].1)
    }

    /// The site path a source file (root-relative) is published at, published or not.
    pub(crate) fn source_path(&self, rel: &str) -> Option<&str> {
        find(&self.text, &self.sources, |s| s.0, rel).map(|i| self.text.get(self.sources[i].1))
    }

    /// Whether a site path is a published page or file.
    pub(crate) fn exists(&self, site_path: &str) -> bool {
        self.page(site_path).is_some() || self.files.contains(site_path)
    }

    /// Every known source path, for "did you mean" hints.
    pub(crate) fn sources(&self) -> impl Iterator<Item = &str> {
        self.sources.iter().map(|&(rel, _)| self.text.get(rel))
    }

    /// The Markdown file that publishes a site path, or will or would, and whether it
    /// is published.
    fn markdown_at(&self, site_path: &str) -> Option<(&str, Publication)> {
        find(&self.text, &self.markdown, |m| m.0, site_path).map(|i| {
            let (_, rel, publication) = self.markdown[i];
            (self.text.get(rel), publication)
        })
    }

    /// The content page or notice that would publish a site path that is not
    /// published (a draft, or a notice held back until later): its source file, and
    /// why it is not published.
    pub(crate) fn source_publishing(&self, site_path: &str) -> Option<(&str, Publication)> {
        self.markdown_at(site_path)
            .filter(|(_, publication)| *publication != Publication::Published)
    }

    /// The content page or notice that publishes a site path.
    pub(crate) fn markdown_source(&self, site_path: &str) -> Option<&str> {
        self.markdown_at(site_path)
            .filter(|(_, publication)| *publication == Publication::Published)
            .map(|(rel, _)| rel)
    }

    /// The published content pages and notices (an introduction of `/avtal/` or
    /// `/driftinformation/` included): (source file, site path), in site-path order.
    pub(crate) fn markdown_pages(&self) -> impl Iterator<Item = (&str, &str)> {
        self.markdown
            .iter()
            .filter(|(_, _, publication)| *publication == Publication::Published)
            .map(|&(site, rel, _)| (self.text.get(rel), self.text.get(site)))
    }

    /// The site path of a route.
    pub(crate) fn path_of(&self, route: Route) -> Option<&str> {
        self.pages()
            .find(|&(_, r)| r == route)
            .map(|(path, _)| path)
    }
}

/// The routes being worked out: the pages claimed so far, the site path of every
/// source, published or not, and the clashes found.
#[derive(Default)]
struct Claims {
    /// site path → (route, source path) of the first claimant
    pages: BTreeMap<String, (Route, Option<String>)>,
    by_source: HashMap<String, String>,
    /// See `Routes::markdown`.
    by_site: BTreeMap<String, (String, Publication)>,
    diags: Diagnostics,
}

impl Claims {
    /// Claims `path` for `route`, published from `source` (`None`: generated); a path
    /// already claimed is a clash, and the first claimant keeps it.
    fn claim(&mut self, path: String, route: Route, source: Option<&str>) {
        if let Some((_, first)) = self.pages.get(&path) {
            self.diags.push(clash(&path, source, page_owner(first)));
            return;
        }
        self.pages.insert(path, (route, source.map(str::to_string)));
    }

    /// Records that the Markdown file `rel` publishes `path` (or will, or would); the
    /// first published claimant keeps it, as for routes.
    fn markdown(&mut self, path: &str, rel: &str, publication: Publication) {
        let entry = self
            .by_site
            .entry(path.to_string())
            .or_insert_with(|| (rel.to_string(), publication));
        if publication == Publication::Published && entry.1 != Publication::Published {
            *entry = (rel.to_string(), publication);
        }
    }

    /// The pages the portal generates: `/avtal/` and its glossary, 404, the notices,
    /// the site map, search, the list of personal data.
    fn generated_pages(&mut self, portal: &Portal, glossary: bool) {
        if portal.has_agreements() {
            self.claim(AGREEMENTS_PATH.to_string(), Route::Agreements, None);
        }
        self.claim(NOT_FOUND_PATH.to_string(), Route::NotFound, None);
        if glossary {
            self.claim(GLOSSARY_PATH.to_string(), Route::Glossary, None);
        }
        if portal.has_notices() {
            self.claim(NOTICES_PATH.to_string(), Route::Notices, None);
        }
        self.claim(SITEMAP_PATH.to_string(), Route::SiteMap, None);
        self.claim(SEARCH_PATH.to_string(), Route::Search, None);
        if portal.data_list.is_some() {
            self.claim(DATA_LIST_PATH.to_string(), Route::DataList, None);
        }
    }

    fn notices(&mut self, portal: &Portal) {
        for (i, notice) in portal.notices.iter().enumerate() {
            self.by_source
                .insert(notice.source.file.rel_path.clone(), notice.url_path.clone());
            let publication = match notice.held_back_until() {
                Some(at) => Publication::From(at),
                None if notice.published => Publication::Published,
                None => Publication::Draft,
            };
            self.markdown(&notice.url_path, &notice.source.file.rel_path, publication);
            if notice.published {
                let source = Some(notice.source.file.rel_path.as_str());
                self.claim(notice.url_path.clone(), Route::Notice(i), source);
            }
        }
    }

    /// Each document's main page, and each published version with its change view.
    fn documents(&mut self, portal: &Portal) {
        for (d, doc) in portal.documents.iter().enumerate() {
            if doc.published().next().is_some() {
                let main = doc.main_version().map(|v| v.source.file.rel_path.as_str());
                self.claim(document_path(&doc.id), Route::DocumentMain(d), main);
            }
            for (v, version) in doc.versions.iter().enumerate() {
                let path = version_path(&doc.id, version.version.as_str());
                self.by_source
                    .insert(version.source.file.rel_path.clone(), path.clone());
                if version.published {
                    let source = Some(version.source.file.rel_path.as_str());
                    self.claim(path, Route::DocumentVersion(d, v), source);
                }
            }
            self.comparisons(d, doc);
        }
    }

    /// The change views of document `d`: each published version against the one
    /// before it, and against the earlier ones that [`compared_with`] allows.
    fn comparisons(&mut self, d: usize, doc: &Document) {
        let published: Vec<usize> = (0..doc.versions.len())
            .filter(|&v| doc.versions[v].published)
            .collect();
        for (newer_at, &newer) in published.iter().enumerate() {
            let version = &doc.versions[newer];
            let source = Some(version.source.file.rel_path.as_str());
            for older_at in compared_with(published.len(), newer_at) {
                let older = published[older_at];
                let path = comparison_path(
                    &doc.id,
                    version.version.as_str(),
                    doc.versions[older].version.as_str(),
                    older_at + 1 == newer_at,
                );
                self.claim(path, Route::Changes(d, older, newer), source);
            }
        }
    }

    /// The published content pages; the two that introduce `/avtal/` and
    /// `/driftinformation/` are not pages of their own but given back: (agreements,
    /// notices).
    fn content_pages(&mut self, portal: &Portal) -> (Option<usize>, Option<usize>) {
        let mut agreements_intro = None;
        let mut notices_intro = None;
        for (i, page) in portal.pages.iter().enumerate() {
            self.by_source
                .insert(page.source.file.rel_path.clone(), page.url_path.clone());
            let publication = if page.published {
                Publication::Published
            } else {
                Publication::Draft
            };
            self.markdown(&page.url_path, &page.source.file.rel_path, publication);
            if !page.published {
                continue;
            }
            if page.source.file.rel_path == AGREEMENTS_INTRO {
                agreements_intro = Some(i);
                continue;
            }
            if page.source.file.rel_path == NOTICES_INTRO {
                notices_intro = Some(i);
                continue;
            }
            self.claim(
                page.url_path.clone(),
                Route::Page(i),
                Some(&page.source.file.rel_path),
            );
        }
        (agreements_intro, notices_intro)
    }

    /// The site paths of the `generated` files and of the content `assets` that
    /// replace no page and no generated file.
    fn assets(&mut self, assets: &[Asset], generated: &[String]) -> HashSet<String> {
        let mut files: HashSet<String> = generated.iter().cloned().collect();
        for asset in assets {
            let path = asset.site_path.as_str();
            // The asset's root-relative path: its site path is its path under `content/`.
            let source = format!("{CONTENT_DIR}{path}");
            // `/om/index.html` is the file of the page `/om/`.
            let page = path.strip_suffix("index.html").filter(|p| p.ends_with('/'));
            let diagnostic = if let Some((_, first)) = self.pages.get(path) {
                Some(clash(path, Some(&source), page_owner(first)))
            } else if let Some((page, (_, first))) = page.and_then(|p| self.pages.get_key_value(p))
            {
                Some(clash(page, Some(&source), page_owner(first)))
            } else if generated.iter().any(|g| g == path) {
                Some(clash(path, Some(&source), Owner::File(path)))
            } else if path.starts_with(SEARCH_INDEX_PATH) {
                Some(clash(path, Some(&source), Owner::File(SEARCH_INDEX_PATH)))
            } else {
                None
            };
            match diagnostic {
                Some(d) => self.diags.push(d),
                None => {
                    files.insert(asset.site_path.clone());
                }
            }
        }
        files
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The pairs of `published` versions that get a change view.
    fn pairs(published: usize) -> Vec<(usize, usize)> {
        (0..published)
            .flat_map(|newer| compared_with(published, newer).map(move |older| (older, newer)))
            .collect()
    }

    #[test]
    fn every_pair_is_compared_in_a_usual_history() {
        assert_eq!(pairs(1), []);
        assert_eq!(pairs(3), [(0, 1), (0, 2), (1, 2)]);
        let n = ALL_PAIRS_UP_TO;
        assert_eq!(pairs(n).len(), n * (n - 1) / 2);
    }

    #[test]
    fn long_histories_grow_linearly_and_keep_neighbours_and_the_newest() {
        for published in [ALL_PAIRS_UP_TO + 1, 100, 1000] {
            let pairs = pairs(published);
            assert!(
                pairs.len() <= published * (1 + NEWEST_COMPARED),
                "{published}: {}",
                pairs.len()
            );
            for newer in 1..published {
                assert!(pairs.contains(&(newer - 1, newer)), "neighbours");
            }
            for older in 0..published - 1 {
                assert!(pairs.contains(&(older, published - 1)), "the newest");
            }
            assert!(!pairs.contains(&(10, 50)), "two old versions far apart");
        }
        assert_eq!(compared_with(5, 5), 0..0);
        assert_eq!(compared_with(5, 0), 0..0);
    }
}
