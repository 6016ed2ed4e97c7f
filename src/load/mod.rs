//! Loading: walks the portal folder, reads every source once and turns it into a typed
//! [`Portal`], collecting every content problem as a diagnostic.
//!
//! The walk is sequential and sorted (walkdir), the reading and parsing run in parallel
//! (rayon), and the results are put back in path order, so the same folder always gives
//! the same `Portal` and the same diagnostics.
//!
//! - `walk`: the files, sorted, read as UTF-8, loaded in parallel in path order
//! - `yaml`: the only user of serde_yaml; `frontmatter`: its problems as diagnostics at
//!   the right line of the whole file
//! - `config` (`portal.yaml`), `agreements`, `pages`, `notices`, `datalist`: one reader
//!   per kind of source, each with its own raw front-matter struct
//! - `versions`: warnings about unfinished versions (W0403, W0404)
//! - `digest`: one digest of every file a build reads, for CI
//!
//! Imports from `model` and `util` only.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::Result;

use crate::load::config::{Overrides, load_config};
use crate::load::walk::{WELL_KNOWN, load_each, read_source, rel_path, walk_files};
use crate::model::datalist::DataList;
use crate::model::document::{DocVersion, Document};
use crate::model::paths::{
    AGREEMENTS_DIR, CONFIG_FILE, CONTENT_DIR, DATA_LIST_FILE, DATA_LIST_PATH, NOTICES_DIR,
    NOTICES_INTRO, version_path,
};
use crate::model::portal::{FailedKind, FailedSource, FailedSources, Portal};
use crate::model::time::{Date, Now, date_in};
use crate::util::diag::{Diagnostic, Diagnostics, Location};
use crate::util::i18n::{Lang, msg};
use crate::util::slug::{is_slug, slugify};

pub(crate) mod agreements;
pub mod config;
mod datalist;
mod digest;
pub(crate) mod frontmatter;
pub(crate) mod notices;
mod pages;
mod versions;
pub(crate) mod walk;
pub mod yaml;

/// What to load and as of when.
#[derive(Debug, Clone)]
pub struct LoadOptions {
    /// The portal root folder.
    pub root: PathBuf,
    /// Command-line overrides of `portal.yaml`.
    pub overrides: Overrides,
    /// The build's time: decides current and upcoming versions.
    pub now: Now,
    /// Whether drafts are published.
    pub drafts: bool,
}

/// A file under `content/` that is not Markdown, copied to the output as it is.
#[derive(Debug, Clone)]
pub(crate) struct Asset {
    /// The absolute path on disk.
    pub(crate) path: PathBuf,
    /// The site path it is published at (`content/a/b.png` → `/a/b.png`).
    pub(crate) site_path: String,
}

/// The result of loading: the portal (unless `portal.yaml` itself is unusable),
/// the assets to copy, and every problem found.
#[derive(Debug)]
pub(crate) struct Loaded {
    /// The typed portal; `None` when the settings could not be read.
    pub(crate) portal: Option<Portal>,
    /// Non-Markdown files under `content/`.
    pub(crate) assets: Vec<Asset>,
    /// Problems found while loading.
    pub(crate) diagnostics: Diagnostics,
}

impl Loaded {
    /// The portal's language (`language` in portal.yaml), in which the run's messages
    /// are shown unless `--lang` says otherwise; Swedish when the settings could not be
    /// read.
    pub(crate) fn lang(&self) -> Lang {
        (self.portal.as_ref())
            .and_then(|p| Lang::parse(&p.config.language))
            .unwrap_or_default()
    }
}

/// Reads and types the whole portal under `options.root`.
///
/// I/O failures (an unreadable folder, a missing `portal.yaml`) are errors; content
/// problems are diagnostics in the result.
pub(crate) fn load_portal(options: &LoadOptions) -> Result<Loaded> {
    let root = &options.root;
    // Without settings nothing can be typed (dates need the time zone, URLs the base),
    // so the content is not even walked.
    let config = match load_config(root, &options.overrides)? {
        Ok(config) => config,
        Err(diagnostics) => {
            return Ok(Loaded {
                portal: None,
                assets: Vec::new(),
                diagnostics,
            });
        }
    };
    let mut diagnostics = Diagnostics::new();
    let mut files = PortalFiles::find(root)?;
    diagnostics.extend(std::mem::take(&mut files.diagnostics));
    let sources = files.digest(root, &config.theme)?;
    let now = options.now.instant(&config.timezone);
    let today = date_in(now, &config.timezone);

    let versions = load_each(&files.agreements, |path| {
        agreements::load_agreement_file(root, path)
    })?;
    let pages = load_each(&files.pages, |path| {
        pages::load_page_file(root, path, options.drafts)
    })?;
    let notices = load_each(&files.notices, |path| {
        notices::load_notice_file(root, path, options.drafts, now)
    })?;
    let data_list = match &files.data_list {
        Some(path) => load_data_list(root, path, &mut diagnostics)?,
        None => None,
    };

    // Every source that failed, in path order, so what leads to it is not reported again.
    let mut failed = Vec::new();
    let versions = keep_loaded(
        root,
        &files.agreements,
        versions,
        &mut diagnostics,
        failed_version,
    );
    failed.extend(versions.failed);
    let documents = documents(versions.loaded, today, options.drafts, &mut diagnostics);
    let pages = keep_loaded(root, &files.pages, pages, &mut diagnostics, |rel| {
        Some((
            FailedKind::Page,
            pages::page_url(rel).ok().map(|(_, url)| url),
        ))
    });
    failed.extend(pages.failed);
    let notices = keep_loaded(root, &files.notices, notices, &mut diagnostics, |rel| {
        Some((
            FailedKind::Notice,
            pages::page_url(rel).ok().map(|(_, url)| url),
        ))
    });
    failed.extend(notices.failed);
    if files.data_list.is_some() && data_list.is_none() {
        failed.push(FailedSource {
            rel_path: DATA_LIST_FILE.to_string(),
            site_path: Some(DATA_LIST_PATH.to_string()),
            kind: FailedKind::DataList,
        });
    }
    let (pages, notices) = (pages.loaded, notices.loaded);
    for notice in &notices {
        diagnostics.extend(notices::check_placeholder(notice));
    }
    Ok(Loaded {
        portal: Some(Portal {
            config,
            documents,
            pages,
            notices,
            data_list,
            today,
            now,
            failed: FailedSources::new(failed),
            sources,
        }),
        assets: files.assets,
        diagnostics,
    })
}

/// The files of a portal, sorted by kind.
struct PortalFiles {
    agreements: Vec<PathBuf>,
    /// Content pages, the intros of `/avtal/` and `/driftinformation/` included.
    pages: Vec<PathBuf>,
    notices: Vec<PathBuf>,
    data_list: Option<PathBuf>,
    /// Everything under `content/` that is not Markdown or the data list, and every
    /// file under `content/.well-known/`.
    assets: Vec<Asset>,
    /// What the walk left out (W0201), a source folder that is a file (E0203), asset
    /// names that cannot be used in a URL (E0202).
    diagnostics: Vec<Diagnostic>,
}

impl PortalFiles {
    fn find(root: &Path) -> Result<PortalFiles> {
        let mut diagnostics = Vec::new();
        let mut walk = |dir: &str| -> Result<Vec<PathBuf>> {
            let path = root.join(dir);
            if path.exists() && !path.is_dir() {
                diagnostics.push(not_a_folder(dir));
            }
            let walked = walk_files(root, &path)?;
            diagnostics.extend(walked.skipped);
            Ok(walked.files)
        };
        let agreements = walk(AGREEMENTS_DIR)?;
        let content_paths = walk(CONTENT_DIR)?;
        let data_list_path = root.join(DATA_LIST_FILE);
        let data_list = content_paths
            .contains(&data_list_path)
            .then_some(data_list_path);
        let well_known = root.join(CONTENT_DIR).join(WELL_KNOWN);
        let (markdown, assets): (Vec<_>, Vec<_>) = content_paths
            .into_iter()
            .filter(|p| Some(p) != data_list.as_ref())
            .partition(|p| p.extension().is_some_and(|e| e == "md") && !p.starts_with(&well_known));
        let (notices, pages): (Vec<_>, Vec<_>) = markdown.into_iter().partition(|p| {
            let rel = rel_path(root, p);
            rel.starts_with(NOTICES_DIR) && rel != NOTICES_INTRO
        });
        let mut named = NameCheck::default();
        let assets = assets
            .into_iter()
            .map(|path| {
                let rel = rel_path(root, &path);
                diagnostics.extend(named.check(&rel));
                let site_path = format!("/{}", &rel[CONTENT_DIR.len() + 1..]);
                Asset { path, site_path }
            })
            .collect();
        Ok(PortalFiles {
            agreements,
            pages,
            notices,
            data_list,
            assets,
            diagnostics,
        })
    }
}

impl PortalFiles {
    /// The digest of every file a build reads ([`digest::sources_digest`]): these,
    /// `portal.yaml` and the theme's folder (`themes/<theme>/`, as the theme loader
    /// finds it).
    fn digest(&self, root: &Path, theme: &str) -> Result<String> {
        let config = root.join(CONFIG_FILE);
        let theme_files = walk_files(root, &root.join("themes").join(theme))?.files;
        let all: Vec<&PathBuf> = std::iter::once(&config)
            .chain(&self.agreements)
            .chain(&self.pages)
            .chain(&self.notices)
            .chain(&self.data_list)
            .chain(self.assets.iter().map(|a| &a.path))
            .chain(&theme_files)
            .collect();
        digest::sources_digest(root, &all)
    }
}

/// E0203: the source folder `dir` (`content` or `agreements`) is a file.
fn not_a_folder(dir: &str) -> Diagnostic {
    Diagnostic::error("E0203", msg!("e0203-not-a-folder", dir = dir)).at(Location::file(dir))
}

/// The naming check of asset files (E0202), as for pages: each folder name must be a
/// slug, and each part of the file name between dots (`karta.png`, `jquery.min.js`).
/// A folder with a bad name is reported once, at its first file; `.well-known` is the
/// one hidden folder published.
#[derive(Default)]
struct NameCheck {
    /// Folders (root-relative) already reported.
    reported: std::collections::HashSet<String>,
}

impl NameCheck {
    /// The problem with the name of the asset `rel`, if any, and if not reported yet.
    fn check(&mut self, rel: &str) -> Option<Diagnostic> {
        let inner = rel.strip_prefix(CONTENT_DIR)?.strip_prefix('/')?;
        let (folders, file) = inner.rsplit_once('/').unwrap_or(("", inner));
        let mut folder = String::from(CONTENT_DIR);
        for (i, segment) in folders.split('/').filter(|s| !s.is_empty()).enumerate() {
            folder.push('/');
            folder.push_str(segment);
            if (i == 0 && segment == WELL_KNOWN) || is_slug(segment) {
                continue;
            }
            return self
                .reported
                .insert(folder)
                .then(|| pages::unusable_name(segment, rel, &slugify(segment)));
        }
        if file.split('.').all(is_slug) {
            return None;
        }
        let suggestion: Vec<String> = file.split('.').map(slugify).collect();
        Some(pages::unusable_name(file, rel, &suggestion.join(".")))
    }
}

/// The personal-data list at `path`; `None`, with the problems in `diagnostics`, when it
/// cannot be read as one.
fn load_data_list(
    root: &Path,
    path: &Path,
    diagnostics: &mut Diagnostics,
) -> Result<Option<DataList>> {
    Ok(match read_source(root, path)? {
        Ok(file) => {
            let (list, list_diagnostics) = datalist::parse_data_list(&file);
            diagnostics.append(list_diagnostics);
            list
        }
        Err(d) => {
            diagnostics.push(d);
            None
        }
    })
}

/// The agreement versions grouped into documents (by id, in id order), each checked.
fn documents(
    versions: Vec<(String, DocVersion)>,
    today: Date,
    drafts: bool,
    diagnostics: &mut Diagnostics,
) -> Vec<Document> {
    let mut by_id: BTreeMap<String, Vec<DocVersion>> = BTreeMap::new();
    for (id, v) in versions {
        by_id.entry(id).or_default().push(v);
    }
    let mut documents = Vec::with_capacity(by_id.len());
    for (id, versions) in by_id {
        let document = Document::new(id, versions, today, drafts);
        agreements::check_duplicate_versions(&document, diagnostics);
        versions::check(&document, today, diagnostics);
        documents.push(document);
    }
    documents
}

/// The sources of one kind that loaded, and those that did not.
struct Kept<T> {
    loaded: Vec<T>,
    failed: Vec<FailedSource>,
}

/// The items that loaded; the problems of the others go to `diagnostics`, and the
/// others themselves, as `failed` describes them (what they are and the site path
/// they would have), to `Kept::failed`. `paths` are the items' files under `root`, in
/// order.
fn keep_loaded<T>(
    root: &Path,
    paths: &[PathBuf],
    items: Vec<Result<T, Diagnostic>>,
    diagnostics: &mut Diagnostics,
    failed: impl Fn(&str) -> Option<(FailedKind, Option<String>)>,
) -> Kept<T> {
    let mut kept = Kept {
        loaded: Vec::with_capacity(items.len()),
        failed: Vec::new(),
    };
    for (path, item) in paths.iter().zip(items) {
        match item {
            Ok(item) => kept.loaded.push(item),
            Err(d) => {
                let rel_path = rel_path(root, path);
                if let Some((kind, site_path)) = failed(&rel_path) {
                    kept.failed.push(FailedSource {
                        rel_path,
                        site_path,
                        kind,
                    });
                }
                diagnostics.push(d);
            }
        }
    }
    kept
}

/// What a version file that failed would have been, and its site path:
/// `agreements/<id>/<version>.md` names both; a file elsewhere under `agreements/` is
/// no version of anything.
fn failed_version(rel: &str) -> Option<(FailedKind, Option<String>)> {
    let (id, version) = agreements::version_file(rel)?;
    let kind = FailedKind::Version {
        id: id.to_string(),
        version: version.to_string(),
    };
    Some((kind, Some(version_path(id, version))))
}
