//! Routes: every page the site will publish, at which site path, from which source.
//!
//! Built once from the `Portal` before any Markdown is rendered, so links can be
//! resolved while rendering and two sources claiming one URL are caught early.

use std::collections::{BTreeMap, HashMap, HashSet};

use crate::config::CONFIG_FILE;
use crate::datalist::DATA_LIST_PATH;
use crate::diag::{Diagnostic, Diagnostics, Location};
use crate::load::{Asset, CONTENT_DIR};
use crate::model::{PageKind, Portal};
use crate::notices::{NOTICES_INTRO, NOTICES_PATH};

/// The site path of the agreement hierarchy page.
pub const AGREEMENTS_PATH: &str = "/avtal/";
/// The source of the agreement page's title and introduction (optional).
pub const AGREEMENTS_INTRO: &str = "content/avtal/_index.md";
/// The site path of the glossary of defined terms.
pub const GLOSSARY_PATH: &str = "/avtal/begrepp/";
pub use crate::search::SEARCH_PATH;
/// The site path of the human site map.
pub const SITEMAP_PATH: &str = "/webbplatskarta/";
/// The site path of the 404 page.
pub const NOT_FOUND_PATH: &str = "/404.html";

/// One published HTML page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Route {
    /// A content page, by index in `Portal::pages`.
    Page(usize),
    /// `/avtal/<id>/`: the main version of a document, by index in `Portal::documents`.
    DocumentMain(usize),
    /// `/avtal/<id>/<version>/`: (document index, version index).
    DocumentVersion(usize, usize),
    /// `/avtal/<id>/<version>/andringar/`: what changed since the previous version.
    Changes(usize, usize),
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

/// The site path of a document's main page.
pub fn document_path(id: &str) -> String {
    format!("{AGREEMENTS_PATH}{id}/")
}

/// The site path of one version of a document.
pub fn version_path(id: &str, version: &str) -> String {
    format!("{AGREEMENTS_PATH}{id}/{version}/")
}

/// The site path of a version's change view.
pub fn changes_path(id: &str, version: &str) -> String {
    format!("{AGREEMENTS_PATH}{id}/{version}/andringar/")
}

/// E0201: `source` (root-relative; `None` for a page the portal generates) would publish
/// `path`, which `first` already does.
fn clash(path: &str, source: Option<&str>, first: Option<&str>) -> Diagnostic {
    let d = Diagnostic::error(
        "E0201",
        format!("two sources publish the same URL `{path}`"),
    )
    .at(Location::file(source.unwrap_or(CONFIG_FILE)))
    .hint("rename or remove one of them");
    match first {
        Some(first) => d.note(format!("`{first}` is also published at `{path}`")),
        None => d.note(format!("`{path}` is a page the portal generates")),
    }
}

/// All routes of the site, looked up by site path and by source file.
#[derive(Debug, Default)]
pub struct Routes {
    /// Every page, sorted by site path.
    pub pages: Vec<(String, Route)>,
    by_path: HashMap<String, Route>,
    by_source: HashMap<String, String>,
    /// Site paths of files copied as they are (content assets, theme static files).
    pub files: HashSet<String>,
    /// The content page giving `/avtal/` its title and introduction, if any.
    pub agreements_intro: Option<usize>,
    /// The content page giving `/driftinformation/` its title and introduction, if any.
    pub notices_intro: Option<usize>,
}

impl Routes {
    /// Works out every route; two sources publishing one path is an error.
    pub fn build(
        portal: &Portal,
        assets: &[Asset],
        static_files: &[String],
        glossary: bool,
    ) -> (Routes, Diagnostics) {
        let mut diags = Diagnostics::new();
        // site path → (route, source path) of the first claimant
        let mut claims: BTreeMap<String, (Route, Option<String>)> = BTreeMap::new();
        let mut by_source = HashMap::new();
        let mut agreements_intro = None;
        let mut notices_intro = None;
        let mut claim =
            |path: String, route: Route, source: Option<&str>, diags: &mut Diagnostics| {
                if let Some((_, first)) = claims.get(&path) {
                    diags.push(clash(&path, source, first.as_deref()));
                    return;
                }
                claims.insert(path, (route, source.map(str::to_string)));
            };

        let agreements_intro_page = portal
            .pages
            .iter()
            .any(|p| p.published && p.source.rel_path == AGREEMENTS_INTRO);
        if !portal.documents.is_empty() || agreements_intro_page {
            claim(
                AGREEMENTS_PATH.to_string(),
                Route::Agreements,
                None,
                &mut diags,
            );
        }
        claim(
            NOT_FOUND_PATH.to_string(),
            Route::NotFound,
            None,
            &mut diags,
        );
        if glossary {
            claim(GLOSSARY_PATH.to_string(), Route::Glossary, None, &mut diags);
        }
        if portal.has_notices() {
            claim(NOTICES_PATH.to_string(), Route::Notices, None, &mut diags);
        }
        claim(SITEMAP_PATH.to_string(), Route::SiteMap, None, &mut diags);
        claim(SEARCH_PATH.to_string(), Route::Search, None, &mut diags);
        if portal.data_list.is_some() {
            claim(
                DATA_LIST_PATH.to_string(),
                Route::DataList,
                None,
                &mut diags,
            );
        }
        for (i, notice) in portal.notices.iter().enumerate() {
            by_source.insert(notice.source.rel_path.clone(), notice.url_path.clone());
            if notice.published {
                let source = Some(notice.source.rel_path.as_str());
                claim(
                    notice.url_path.clone(),
                    Route::Notice(i),
                    source,
                    &mut diags,
                );
            }
        }
        for (d, doc) in portal.documents.iter().enumerate() {
            if doc.published().next().is_some() {
                let main = doc.main_version().map(|v| v.source.rel_path.as_str());
                claim(
                    document_path(&doc.id),
                    Route::DocumentMain(d),
                    main,
                    &mut diags,
                );
            }
            for (v, version) in doc.versions.iter().enumerate() {
                let path = version_path(&doc.id, version.version.as_str());
                by_source.insert(version.source.rel_path.clone(), path.clone());
                if version.published {
                    let source = Some(version.source.rel_path.as_str());
                    claim(path, Route::DocumentVersion(d, v), source, &mut diags);
                    if doc.versions[..v].iter().any(|p| p.published) {
                        let changes = changes_path(&doc.id, version.version.as_str());
                        claim(changes, Route::Changes(d, v), source, &mut diags);
                    }
                }
            }
        }
        for (i, page) in portal.pages.iter().enumerate() {
            by_source.insert(page.source.rel_path.clone(), page.url_path.clone());
            if !page.published {
                continue;
            }
            if page.source.rel_path == AGREEMENTS_INTRO && page.kind == PageKind::Section {
                agreements_intro = Some(i);
                continue;
            }
            if page.source.rel_path == NOTICES_INTRO {
                notices_intro = Some(i);
                continue;
            }
            claim(
                page.url_path.clone(),
                Route::Page(i),
                Some(&page.source.rel_path),
                &mut diags,
            );
        }
        let mut files = HashSet::new();
        for asset in assets {
            // The asset's root-relative path: its site path is its path under `content/`.
            let source = format!("{CONTENT_DIR}{}", asset.site_path);
            if let Some((_, first)) = claims.get(&asset.site_path) {
                diags.push(clash(&asset.site_path, Some(&source), first.as_deref()));
            } else {
                files.insert(asset.site_path.clone());
            }
        }
        // Theme files may be overridden by content assets of the same name: not an error.
        files.extend(static_files.iter().cloned());

        let pages: Vec<(String, Route)> = claims.into_iter().map(|(p, (r, _))| (p, r)).collect();
        let by_path = pages.iter().cloned().collect();
        (
            Routes {
                pages,
                by_path,
                by_source,
                files,
                agreements_intro,
                notices_intro,
            },
            diags,
        )
    }

    /// The page published at a site path.
    pub fn page(&self, site_path: &str) -> Option<Route> {
        self.by_path.get(site_path).copied()
    }

    /// The site path a source file (root-relative) is published at, published or not.
    pub fn source_path(&self, rel: &str) -> Option<&str> {
        self.by_source.get(rel).map(String::as_str)
    }

    /// Whether a site path is a published page or file.
    pub fn exists(&self, site_path: &str) -> bool {
        self.by_path.contains_key(site_path) || self.files.contains(site_path)
    }

    /// Every known source path, for "did you mean" hints.
    pub fn sources(&self) -> impl Iterator<Item = &str> {
        self.by_source.keys().map(String::as_str)
    }

    /// The site path of a route.
    pub fn path_of(&self, route: Route) -> Option<&str> {
        self.pages
            .iter()
            .find(|(_, r)| *r == route)
            .map(|(p, _)| p.as_str())
    }
}
