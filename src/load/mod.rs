//! Loading: walks the portal folder, reads every source once and turns it into a typed
//! [`Portal`], collecting every content problem as a diagnostic.
//!
//! The walk is sequential and sorted (walkdir), the reading and parsing run in parallel
//! (rayon), and the results are put back in path order, so the same folder always gives
//! the same `Portal` and the same diagnostics.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result};
use rayon::prelude::*;
use serde::Deserialize;

use crate::config::Overrides;
use crate::frontmatter;
use crate::model::config::Config;
use crate::model::document::{DocVersion, Document, ListedDocument};
use crate::model::page::{Page, PageKind};
use crate::model::paths::CONFIG_FILE;
use crate::model::paths::{AGREEMENTS_DIR, CONTENT_DIR};
use crate::model::portal::Portal;
use crate::model::time::{Date, Now, date_in};
use crate::model::version::{Version, VersionStatus};
use crate::util::diag::{Diagnostic, Diagnostics, Location};
use crate::util::slug::{is_slug, slugify};
use crate::util::source::SourceFile;

mod datalist;
pub mod notices;
mod versions;

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
pub struct Asset {
    /// The absolute path on disk.
    pub path: PathBuf,
    /// The site path it is published at (`content/a/b.png` → `/a/b.png`).
    pub site_path: String,
}

/// The result of loading: the portal (unless `portal.yaml` itself is unusable),
/// the assets to copy, and every problem found.
#[derive(Debug)]
pub struct Loaded {
    /// The typed portal; `None` when the settings could not be read.
    pub portal: Option<Portal>,
    /// Non-Markdown files under `content/`.
    pub assets: Vec<Asset>,
    /// Problems found while loading.
    pub diagnostics: Diagnostics,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAgreement {
    // Required text is read as `Option` so that YAML's null (`title: ~`) is no value
    // rather than the text `~`; `YamlSource::required` makes it an error.
    title: Option<String>,
    description: Option<String>,
    version: Option<String>,
    date: Option<String>,
    author: Option<String>,
    comment: Option<String>,
    valid_from: Option<String>,
    draft: Option<bool>,
    parties: Option<Vec<String>>,
    documents: Option<Vec<String>>,
    aliases: Option<Vec<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPage {
    title: Option<String>,
    description: Option<String>,
    weight: Option<i64>,
    draft: Option<bool>,
    date: Option<String>,
}

/// Reads and types the whole portal under `options.root`.
///
/// I/O failures (an unreadable folder, a missing `portal.yaml`) are errors; content
/// problems are diagnostics in the result.
pub fn load_portal(options: &LoadOptions) -> Result<Loaded> {
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
    let data_list_path = root.join(crate::model::paths::DATA_LIST_FILE);
    let (markdown, assets): (Vec<_>, Vec<_>) = content_paths
        .into_iter()
        .filter(|p| *p != data_list_path)
        .partition(|p| p.extension().is_some_and(|e| e == "md"));
    let (notice_paths, markdown): (Vec<_>, Vec<_>) = markdown.into_iter().partition(|p| {
        let rel = rel_path(root, p);
        rel.starts_with(crate::model::paths::NOTICES_DIR)
            && rel != crate::model::paths::NOTICES_INTRO
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

    let versions = load_each(&agreement_paths, |path| load_agreement_file(root, path))?;
    let pages = load_each(&markdown, |path| load_page_file(root, path, options.drafts))?;
    let notices = load_each(&notice_paths, |path| {
        load_notice_file(root, path, options.drafts, now)
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
        check_duplicate_versions(&document, &mut diagnostics);
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

/// Reads and validates `portal.yaml` under `root`: a missing or unreadable file is an
/// error, content problems (not UTF-8, bad YAML, bad values) are diagnostics.
pub(crate) fn load_config(
    root: &Path,
    overrides: &Overrides,
) -> Result<Result<Config, Diagnostics>> {
    let path = root.join(CONFIG_FILE);
    if !path.is_file() {
        anyhow::bail!(
            "`{}` not found: run infoportal in a portal folder or pass `--root DIR`",
            path.display()
        );
    }
    Ok(match read_source(root, &path)? {
        Ok(file) => Config::parse(&file, overrides).and_then(|c| required_settings(&file, c)),
        Err(d) => {
            let mut diagnostics = Diagnostics::new();
            diagnostics.push(d);
            Err(diagnostics)
        }
    })
}

/// The keys of `portal.yaml` that must have text, read again as `Option`: `Config`
/// reads `title` as a `String`, which takes YAML's null (`title: ~`) as the text `~`.
#[derive(Debug, Deserialize)]
struct RequiredSettings {
    title: Option<String>,
}

/// `config` with its title checked and trimmed, or the error.
fn required_settings(file: &SourceFile, config: Config) -> Result<Config, Diagnostics> {
    let yaml = frontmatter::YamlSource::whole_file(file);
    let title = yaml
        .parse::<RequiredSettings>()
        .and_then(|raw| yaml.required("title", raw.title));
    match title {
        Ok(title) => Ok(Config { title, ..config }),
        Err(d) => {
            let mut diagnostics = Diagnostics::new();
            diagnostics.push(d);
            Err(diagnostics)
        }
    }
}

/// The version files of one agreement document, read, typed and sorted as the build
/// does, with statuses on `today` (drafts unpublished); the first problem in path
/// order if a file has one. For `new version`.
pub(crate) fn load_document(
    root: &Path,
    id: &str,
    today: Date,
) -> Result<Result<Document, Diagnostic>> {
    let mut versions = Vec::new();
    for path in walk_files(&root.join(AGREEMENTS_DIR).join(id))? {
        match load_agreement_file(root, &path)? {
            Ok((_, version)) => versions.push(version),
            Err(d) => return Ok(Err(d)),
        }
    }
    Ok(Ok(Document::new(id.to_string(), versions, today, false)))
}

/// Runs `load` on every path in parallel, keeping the paths' order.
///
/// Every path is loaded before an I/O error is returned, and the error returned is that
/// of the first failing path, so the same folder always gives the same message whichever
/// thread fails first.
fn load_each<T: Send>(
    paths: &[PathBuf],
    load: impl Fn(&Path) -> Result<T> + Sync,
) -> Result<Vec<T>> {
    let results: Vec<Result<T>> = paths.par_iter().map(|path| load(path)).collect();
    results.into_iter().collect()
}

/// Every regular file below `dir`, sorted, skipping hidden files and folders.
fn walk_files(dir: &Path) -> Result<Vec<PathBuf>> {
    if !dir.is_dir() {
        return Ok(Vec::new());
    }
    let mut files = Vec::new();
    let walker = walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    for entry in walker {
        let entry = entry.with_context(|| format!("failed to read `{}`", dir.display()))?;
        if entry.file_type().is_file() {
            files.push(entry.into_path());
        }
    }
    Ok(files)
}

/// The `/`-separated path of `path` relative to `root`.
pub fn rel_path(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// Reads a file as UTF-8: an I/O failure is an error, invalid UTF-8 a diagnostic.
fn read_source(root: &Path, path: &Path) -> Result<Result<SourceFile, Diagnostic>> {
    let bytes =
        std::fs::read(path).with_context(|| format!("failed to read `{}`", path.display()))?;
    let rel = rel_path(root, path);
    Ok(match String::from_utf8(bytes) {
        Ok(text) if rel.ends_with(".md") => Ok(SourceFile::markdown(rel, text)),
        Ok(text) => Ok(SourceFile::new(rel, text)),
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let bytes = e.as_bytes();
            let line = memchr::memchr_iter(b'\n', &bytes[..valid]).count() as u32 + 1;
            let line_start = bytes[..valid]
                .iter()
                .rposition(|&b| b == b'\n')
                .map_or(0, |i| i + 1);
            let col = String::from_utf8_lossy(&bytes[line_start..valid])
                .chars()
                .count() as u32
                + 1;
            Err(
                Diagnostic::error("E0106", "the file is not valid UTF-8 text")
                    .at(Location::new(rel, line, col))
                    .hint("save the file as UTF-8 (most editors offer it under \"Save with encoding\")"),
            )
        }
    })
}

fn load_agreement_file(
    root: &Path,
    path: &Path,
) -> Result<Result<(String, DocVersion), Diagnostic>> {
    let rel = rel_path(root, path);
    let parts: Vec<&str> = rel.split('/').collect();
    let is_md = path.extension().is_some_and(|e| e == "md");
    if parts.len() != 3 || !is_md {
        return Ok(Err(Diagnostic::error(
            "E0202",
            format!("`{rel}` is not where agreement documents go"),
        )
        .at(Location::file(rel.clone()))
        .hint("agreement documents are `agreements/<id>/<version>.md`, e.g. `agreements/driftsavtal/1.0.md`")));
    }
    let id = parts[1].to_string();
    if !is_slug(&id) {
        return Ok(Err(Diagnostic::error(
            "E0202",
            format!("document id `{id}` cannot be used in a URL"),
        )
        .at(Location::file(rel))
        .hint(format!(
            "rename the folder to lowercase letters a-z, digits, `-` and `_`, e.g. `{}`",
            slugify(&id)
        ))));
    }
    // Only the one `.md` the check above saw: `1.1.md.md` is not version 1.1.
    let stem = parts[2].strip_suffix(".md").unwrap_or(parts[2]);
    let Some(file_version) = Version::parse(stem) else {
        return Ok(Err(Diagnostic::error(
            "E0108",
            format!("file name `{}` is not a version number", parts[2]),
        )
        .at(Location::file(rel))
        .hint(
            "name each version file after its version, e.g. `1.0.md` or `2.1.md`",
        )));
    };
    let file = match read_source(root, path)? {
        Ok(file) => file,
        Err(d) => return Ok(Err(d)),
    };
    Ok(parse_agreement(file, file_version).map(|v| (id, v)))
}

fn parse_agreement(file: SourceFile, file_version: Version) -> Result<DocVersion, Diagnostic> {
    let (front, body_offset) = frontmatter::split(&file)?;
    let raw: RawAgreement = front.parse()?;
    let title = front.required("title", raw.title)?;
    let declared = front.required("version", raw.version)?;
    // The text must match, not only the number: `version: 1.0` in `1.md` is a mismatch.
    if declared != file_version.as_str() {
        return Err(Diagnostic::error(
            "E0108",
            format!("`version: {declared}` does not match the file name `{file_version}.md`"),
        )
        .at(front.key("version"))
        .hint(format!(
            "the file name is the version: write `version: \"{file_version}\"` or rename the file"
        )));
    }
    let date = front.date("date", &front.required("date", raw.date)?)?;
    let valid_from = match &raw.valid_from {
        Some(text) => front.date("valid_from", text)?,
        None => date,
    };
    let author = front.required("author", raw.author)?;
    let documents = raw
        .documents
        .unwrap_or_default()
        .into_iter()
        .enumerate()
        .map(|(i, id)| ListedDocument {
            id: id.trim().to_string(),
            location: front.item("documents", i),
        })
        .collect();
    Ok(DocVersion {
        version: file_version,
        title,
        description: frontmatter::optional_text(raw.description),
        date,
        author,
        comment: frontmatter::optional_text(raw.comment),
        valid_from,
        draft: raw.draft.unwrap_or(false),
        parties: raw.parties.unwrap_or_default(),
        documents,
        aliases: raw.aliases.unwrap_or_default(),
        source: file,
        body_offset,
        status: VersionStatus::Draft,
        published: false,
    })
}

/// Two files that are one version (`1.md` and `1.0.md`). `Document::new` sorts the
/// versions stably and they arrive in path order, so equal versions are neighbours,
/// the first in path order first.
fn check_duplicate_versions(document: &Document, diagnostics: &mut Diagnostics) {
    for pair in document.versions.windows(2) {
        if pair[0].version == pair[1].version {
            diagnostics.push(
                Diagnostic::error(
                    "E0108",
                    format!(
                        "versions `{}` and `{}` are the same version",
                        pair[0].version, pair[1].version
                    ),
                )
                .at(Location::file(pair[1].source.rel_path.clone()))
                .note(format!("also `{}`", pair[0].source.rel_path))
                .hint("remove or renumber one of the files"),
            );
        }
    }
}

fn load_page_file(root: &Path, path: &Path, drafts: bool) -> Result<Result<Page, Diagnostic>> {
    let file = match read_source(root, path)? {
        Ok(file) => file,
        Err(d) => return Ok(Err(d)),
    };
    Ok(parse_page(file, drafts))
}

fn load_notice_file(
    root: &Path,
    path: &Path,
    drafts: bool,
    now: jiff::Timestamp,
) -> Result<Result<crate::model::notice::Notice, Diagnostic>> {
    let file = match read_source(root, path)? {
        Ok(file) => file,
        Err(d) => return Ok(Err(d)),
    };
    Ok(page_url(&file.rel_path).and_then(|(_, url)| notices::parse_notice(file, url, drafts, now)))
}

fn parse_page(file: SourceFile, drafts: bool) -> Result<Page, Diagnostic> {
    let (kind, url_path) = page_url(&file.rel_path)?;
    let (front, body_offset) = frontmatter::split(&file)?;
    let raw: RawPage = front.parse()?;
    let title = front.required("title", raw.title)?;
    let date = raw
        .date
        .as_deref()
        .map(|d| front.date("date", d))
        .transpose()?;
    let draft = raw.draft.unwrap_or(false);
    Ok(Page {
        kind,
        url_path,
        title,
        description: frontmatter::optional_text(raw.description),
        weight: raw.weight,
        date,
        draft,
        published: !draft || drafts,
        source: file,
        body_offset,
    })
}

/// The kind and site path of `content/…/x.md`, or an error if a name is not URL-safe.
fn page_url(rel: &str) -> Result<(PageKind, String), Diagnostic> {
    let inner = &rel[CONTENT_DIR.len() + 1..rel.len() - ".md".len()];
    let mut segments: Vec<&str> = inner.split('/').collect();
    let kind = if segments.last() == Some(&"_index") {
        segments.pop();
        if segments.is_empty() {
            PageKind::Start
        } else {
            PageKind::Section
        }
    } else {
        PageKind::Page
    };
    for segment in &segments {
        if !is_slug(segment) {
            return Err(Diagnostic::error(
                "E0202",
                format!("`{segment}` in `{rel}` cannot be used in a URL"),
            )
            .at(Location::file(rel.to_string()))
            .hint(format!(
                "rename it to lowercase letters a-z, digits, `-` and `_`, e.g. `{}`",
                slugify(segment)
            )));
        }
    }
    let mut url = String::from("/");
    for segment in segments {
        url.push_str(segment);
        url.push('/');
    }
    Ok((kind, url))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_urls() {
        assert_eq!(
            page_url("content/_index.md").unwrap(),
            (PageKind::Start, "/".into())
        );
        assert_eq!(
            page_url("content/anslutning/_index.md").unwrap(),
            (PageKind::Section, "/anslutning/".into())
        );
        assert_eq!(
            page_url("content/anslutning/kommun.md").unwrap(),
            (PageKind::Page, "/anslutning/kommun/".into())
        );
        let err = page_url("content/Testmiljö.md").unwrap_err();
        assert!(err.hint.unwrap().contains("`testmiljo`"));
    }

    #[test]
    fn load_each_reports_the_first_failing_path() {
        let paths: Vec<PathBuf> = (0..64).map(|i| PathBuf::from(format!("{i:02}"))).collect();
        // The later failure comes first in time; the earlier path is still the one named.
        let result = load_each(&paths, |path| {
            let name = path.to_string_lossy();
            match name.as_ref() {
                "03" => {
                    std::thread::sleep(std::time::Duration::from_millis(100));
                    anyhow::bail!("failed {name}")
                }
                "60" => anyhow::bail!("failed {name}"),
                _ => Ok(name.into_owned()),
            }
        });
        assert_eq!(result.unwrap_err().to_string(), "failed 03");
        let names = load_each(&paths[..3], |path| Ok(path.to_string_lossy().into_owned()));
        assert_eq!(names.unwrap(), ["00", "01", "02"]);
    }
}
