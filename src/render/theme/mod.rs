//! The theme: Tera templates and static files, and the view structs templates see
//! (`api`, the theme API). Tera 2 lives in this folder only: here, and in `errors`,
//! which turns its errors into diagnostics.
//!
//! Templates are loaded once per build; site-wide data is serialised once into a shared
//! [`SiteContext`] (Tera values are reference-counted, so every page gets it for the
//! price of a pointer copy); each page then adds its own borrowed [`PageView`].
//!
//! The default theme is compiled into the binary, so a portal without a `themes/` folder
//! still builds; a theme folder on disk overrides it file by file.

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result};

use crate::util::diag::{Diagnostic, Location};
use crate::util::i18n::msg;
use api::{PageView, SiteView};
use errors::template_diagnostics;

pub(crate) mod api;
mod errors;

/// A file of the default theme, compiled in.
macro_rules! builtin {
    (template $name:literal) => {
        (
            $name,
            include_str!(concat!("../../../themes/default/templates/", $name)),
        )
    };
    (static $name:literal) => {
        (
            $name,
            include_bytes!(concat!("../../../themes/default/static/", $name)),
        )
    };
}

/// The templates of the default theme.
const DEFAULT_TEMPLATES: &[(&str, &str)] = &[
    builtin!(template "base.html"),
    builtin!(template "index.html"),
    builtin!(template "section.html"),
    builtin!(template "page.html"),
    builtin!(template "document.html"),
    builtin!(template "changes.html"),
    builtin!(template "agreements.html"),
    builtin!(template "glossary.html"),
    builtin!(template "notices.html"),
    builtin!(template "notice.html"),
    builtin!(template "datalist.html"),
    builtin!(template "sitemap.html"),
    builtin!(template "search.html"),
    builtin!(template "404.html"),
];

/// The static files of the default theme: (path in the output, bytes).
const DEFAULT_STATIC: &[(&str, &[u8])] = &[
    builtin!(static "style.css"),
    builtin!(static "print.css"),
    builtin!(static "favicon.svg"),
    builtin!(static "filter.js"),
    builtin!(static "search.js"),
    builtin!(static "clock.js"),
    builtin!(static "toc.js"),
];

/// Where a static file's bytes come from.
#[derive(Debug, Clone)]
pub(crate) enum StaticSource {
    /// Compiled into the binary.
    Builtin(&'static [u8]),
    /// A file of the theme folder.
    File(PathBuf),
}

/// A loaded theme: compiled templates and the static files to copy.
pub(crate) struct Templates {
    tera: tera::Tera,
    /// Template name → root-relative source path, for diagnostics.
    sources: BTreeMap<String, String>,
    /// Static files by output path relative to the site root (`style.css`).
    pub(crate) static_files: BTreeMap<String, StaticSource>,
    /// Ids the templates write literally (`id="main"`): ids made for headings and terms
    /// keep clear of them, so a heading called "Main" cannot clash with the theme.
    pub(crate) theme_ids: HashSet<String>,
}

/// Site-wide values, serialised once and shared by every page.
#[derive(Clone)]
pub(crate) struct SiteContext(tera::Value);

impl Templates {
    /// Loads `themes/<theme>/` under `root` over the built-in default theme.
    ///
    /// A missing theme folder is fine for `default` and an error for any other name.
    /// Template syntax errors are diagnostics (exit 1); unreadable files are errors (exit 2).
    pub(crate) fn load(
        root: &Path,
        theme: &str,
    ) -> Result<std::result::Result<Templates, Vec<Diagnostic>>> {
        let theme_dir = root.join("themes").join(theme);
        let mut sources: BTreeMap<String, (String, String)> = DEFAULT_TEMPLATES
            .iter()
            .map(|(name, text)| {
                let path = format!("themes/default/templates/{name}");
                (name.to_string(), (path, text.to_string()))
            })
            .collect();
        let mut static_files: BTreeMap<String, StaticSource> = DEFAULT_STATIC
            .iter()
            .map(|(name, bytes)| (name.to_string(), StaticSource::Builtin(bytes)))
            .collect();
        if theme_dir.is_dir() {
            for path in files_under(&theme_dir.join("templates"))? {
                let name = crate::load::walk::rel_path(&theme_dir.join("templates"), &path);
                let text = std::fs::read_to_string(&path)
                    .with_context(|| format!("failed to read template `{}`", path.display()))?;
                sources.insert(name, (crate::load::walk::rel_path(root, &path), text));
            }
            for path in files_under(&theme_dir.join("static"))? {
                let name = crate::load::walk::rel_path(&theme_dir.join("static"), &path);
                static_files.insert(name, StaticSource::File(path));
            }
        } else if theme != "default" {
            return Ok(Err(vec![
                Diagnostic::error("E0501", msg!("e0501-theme-not-found", theme = theme))
                    .at(Location::file(crate::model::paths::CONFIG_FILE)),
            ]));
        }

        let mut tera = tera::Tera::new();
        let result = tera.add_raw_templates(
            sources
                .iter()
                .map(|(name, (_, text))| (name.as_str(), text.as_str())),
        );
        let paths: BTreeMap<String, String> = sources
            .iter()
            .map(|(name, (path, _))| (name.clone(), path.clone()))
            .collect();
        if let Err(e) = result {
            let text_of = |name: &str| sources.get(name).map(|(_, text)| text.as_str());
            return Ok(Err(template_diagnostics(&e, &paths, &text_of, None)));
        }
        let theme_ids = sources
            .values()
            .flat_map(|(_, text)| crate::util::html::attribute_values(text.as_bytes(), b" id=\""))
            .filter(|id| !id.contains('{'))
            .map(|id| crate::util::html::unescape_html(id).into_owned())
            .collect();
        Ok(Ok(Templates {
            tera,
            sources: paths,
            static_files,
            theme_ids,
        }))
    }

    /// Serialises the site-wide view once.
    pub(crate) fn site_context(&self, site: &SiteView<'_>) -> SiteContext {
        SiteContext(tera::Value::from_serializable(site))
    }

    /// The root-relative source path of a template, for diagnostics.
    pub(crate) fn source_of(&self, name: &str) -> String {
        self.sources
            .get(name)
            .cloned()
            .unwrap_or_else(|| format!("themes/?/templates/{name}"))
    }

    /// Renders a page with the shared site values and its own view, as UTF-8 bytes.
    ///
    /// The body HTML, the largest part of every page, does not go through Tera: the
    /// template renders a marker in its place and the body is spliced in afterwards,
    /// saving several copies and a UTF-8 check of every body. A page without a body is
    /// rendered with its real (empty) content, and a template that prints the marker
    /// other than once and unescaped is rendered again with the real content; see
    /// ARCHITECTURE.md for what the marker can still be seen by.
    ///
    /// Every page carries the Content-Security-Policy: where the template does not write
    /// it (`{{ site.csp }}`), it is inserted at the start of `<head>` ([`crate::util::csp`]).
    pub(crate) fn render(
        &self,
        name: &str,
        site: &SiteContext,
        page: PageView<'_>,
    ) -> std::result::Result<Vec<u8>, Vec<Diagnostic>> {
        self.render_spliced(name, site, page)
            .map(crate::util::csp::ensure_meta)
    }

    fn render_spliced(
        &self,
        name: &str,
        site: &SiteContext,
        mut page: PageView<'_>,
    ) -> std::result::Result<Vec<u8>, Vec<Diagnostic>> {
        if page.content.is_empty() {
            return self.render_view(name, site, &page);
        }
        let body = std::mem::replace(&mut page.content, BODY_MARKER);
        let out = self.render_view(name, site, &page)?;
        let marker = BODY_MARKER.as_bytes();
        let first = memchr::memmem::find(&out, marker);
        let edges = memchr::memmem::find_iter(&out, MARKER_EDGE.as_bytes()).count();
        match first {
            Some(at) if edges == 2 => {
                let mut spliced = Vec::with_capacity(out.len() + body.len());
                spliced.extend_from_slice(&out[..at]);
                spliced.extend_from_slice(body.as_bytes());
                spliced.extend_from_slice(&out[at + marker.len()..]);
                Ok(spliced)
            }
            // Not printed, printed twice, escaped or cut: the template wants the value.
            _ => {
                page.content = body;
                self.render_view(name, site, &page)
            }
        }
    }

    fn render_view(
        &self,
        name: &str,
        site: &SiteContext,
        page: &PageView<'_>,
    ) -> std::result::Result<Vec<u8>, Vec<Diagnostic>> {
        let mut context = tera::Context::new();
        context.insert_value("site", site.0.clone());
        context.insert("page", page);
        let mut out = Vec::with_capacity(16 * 1024);
        self.tera
            .render_to(name, &context, &mut out)
            .map_err(|e| template_diagnostics(&e, &self.sources, &|_| None, Some(page.path)))?;
        Ok(out)
    }
}

/// Stands for the body in the first rendering: between two private-use characters
/// that content does not contain and HTML escaping leaves alone, an `&` that escaping
/// changes, so `{{ page.content }}` without `| safe` is seen and escaped for real.
const BODY_MARKER: &str = "\u{E000}infoportal&body\u{E000}";
const MARKER_EDGE: &str = "\u{E000}";

fn files_under(dir: &Path) -> Result<Vec<PathBuf>> {
    if !dir.is_dir() {
        return Ok(Vec::new());
    }
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.with_context(|| format!("failed to read `{}`", dir.display()))?;
        let hidden = entry.file_name().to_string_lossy().starts_with('.');
        if entry.file_type().is_file() && !hidden {
            files.push(entry.into_path());
        }
    }
    Ok(files)
}
