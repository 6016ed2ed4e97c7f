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
//!
//! Imports from `model` and `util` only.

use std::collections::BTreeMap;
use std::path::PathBuf;

use anyhow::Result;

use crate::load::config::{Overrides, load_config};
use crate::load::walk::{load_each, read_source, rel_path, walk_files};
use crate::model::document::{DocVersion, Document};
use crate::model::paths::{
    AGREEMENTS_DIR, CONTENT_DIR, DATA_LIST_FILE, NOTICES_DIR, NOTICES_INTRO,
};
use crate::model::portal::Portal;
use crate::model::time::{Now, date_in};
use crate::util::diag::Diagnostics;

pub(crate) mod agreements;
pub mod config;
mod datalist;
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

    let agreement_paths = walk_files(&root.join(AGREEMENTS_DIR))?;
    let content_paths = walk_files(&root.join(CONTENT_DIR))?;
    let data_list_path = root.join(DATA_LIST_FILE);
    let (markdown, assets): (Vec<_>, Vec<_>) = content_paths
        .into_iter()
        .filter(|p| *p != data_list_path)
        .partition(|p| p.extension().is_some_and(|e| e == "md"));
    let (notice_paths, markdown): (Vec<_>, Vec<_>) = markdown.into_iter().partition(|p| {
        let rel = rel_path(root, p);
        rel.starts_with(NOTICES_DIR) && rel != NOTICES_INTRO
    });
    let assets = assets
        .into_iter()
        .map(|path| {
            let rel = rel_path(root, &path);
            let site_path = format!("/{}", &rel[CONTENT_DIR.len() + 1..]);
            Asset { path, site_path }
        })
        .collect();

    let now = options.now.instant(&config.timezone);
    let today = date_in(now, &config.timezone);

    let versions = load_each(&agreement_paths, |path| {
        agreements::load_agreement_file(root, path)
    })?;
    let pages = load_each(&markdown, |path| {
        pages::load_page_file(root, path, options.drafts)
    })?;
    let notices = load_each(&notice_paths, |path| {
        notices::load_notice_file(root, path, options.drafts, now)
    })?;
    let data_list = if data_list_path.is_file() {
        match read_source(root, &data_list_path)? {
            Ok(file) => {
                let (list, list_diagnostics) = datalist::parse_data_list(&file);
                diagnostics.append(list_diagnostics);
                list
            }
            Err(d) => {
                diagnostics.push(d);
                None
            }
        }
    } else {
        None
    };

    let mut by_id: BTreeMap<String, Vec<DocVersion>> = BTreeMap::new();
    for item in versions {
        match item {
            Ok((id, v)) => by_id.entry(id).or_default().push(v),
            Err(d) => diagnostics.push(d),
        }
    }
    let mut documents = Vec::with_capacity(by_id.len());
    for (id, versions) in by_id {
        let document = Document::new(id, versions, today, options.drafts);
        agreements::check_duplicate_versions(&document, &mut diagnostics);
        versions::check(&document, &mut diagnostics);
        documents.push(document);
    }
    let mut ok_pages = Vec::with_capacity(pages.len());
    for item in pages {
        match item {
            Ok(page) => ok_pages.push(page),
            Err(d) => diagnostics.push(d),
        }
    }
    let mut ok_notices = Vec::with_capacity(notices.len());
    for item in notices {
        match item {
            Ok(notice) => {
                diagnostics.extend(notices::check_placeholder(&notice));
                ok_notices.push(notice);
            }
            Err(d) => diagnostics.push(d),
        }
    }
    Ok(Loaded {
        portal: Some(Portal {
            config,
            documents,
            pages: ok_pages,
            notices: ok_notices,
            data_list,
            today,
            now,
        }),
        assets,
        diagnostics,
    })
}
