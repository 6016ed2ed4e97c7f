//! Links: resolving what editors write (SPEC §4.6) to published URLs, and checking them.
//!
//! Resolution happens while Markdown renders (see [`LinkResolver`]); targets that do not
//! exist become diagnostics at the link's line. Fragments are checked after the pages
//! are rendered, against the `id`s actually present in each page's HTML, so ids that a
//! theme adds count as well as the ones Markdown makes.

use rayon::prelude::*;
use std::collections::HashMap;

use crate::config::BaseUrl;
use crate::diag::{Diagnostic, closest};
use crate::markdown::{Body, LinkTarget, Rendered, Resolution, Resolve, unescape_html};
use crate::model::{Portal, Version};
use crate::routes::{Routes, document_path, version_path};
use crate::source::SourceFile;

/// Resolves the links of one source file.
pub struct LinkResolver<'a> {
    /// The portal, for documents and versions.
    pub portal: &'a Portal,
    /// Every published path.
    pub routes: &'a Routes,
    /// The file whose links are resolved.
    pub from: &'a SourceFile,
    /// The site path the body is rendered at (for `#fragment` and relative URLs).
    pub from_path: &'a str,
}

impl Resolve for LinkResolver<'_> {
    fn resolve(&self, dest: &str) -> Resolution {
        let dest = dest.trim();
        let base = &self.portal.config.base_url;
        if dest.is_empty() {
            return broken(
                dest,
                "the link has no target",
                "write the target between the parentheses: `[text](target)`",
            );
        }
        if let Some(fragment) = dest.strip_prefix('#') {
            return Resolution {
                href: dest.to_string(),
                target: internal(self.from_path, Some(fragment)),
            };
        }
        if let Some(reference) = dest.strip_prefix("avtal:") {
            return self.document_link(dest, reference, base);
        }
        if has_scheme(dest) || dest.starts_with("//") {
            return Resolution {
                href: dest.to_string(),
                target: LinkTarget::External,
            };
        }
        let (path, fragment) = split_fragment(dest);
        let (path, query) = match path.split_once('?') {
            Some((p, q)) => (p, Some(q)),
            None => (path, None),
        };
        let path = decode_link(path);
        if path.ends_with(".md") {
            return self.source_link(dest, &path, fragment, base);
        }
        let site_path = if path.starts_with('/') {
            path
        } else {
            // Like a Markdown link, a relative file link is relative to the source file,
            // so images beside a page work in Git previews too; URL-relative links
            // (`../kontakt/`) are accepted when they name a published page.
            let dir = self.from.rel_path.rsplit_once('/').map_or("", |(d, _)| d);
            let beside = normalize(&format!("{dir}/{path}"))
                .and_then(|rel| rel.strip_prefix("content/").map(|r| format!("/{r}")));
            match beside {
                Some(site) if self.routes.exists(&site) => site,
                _ => join_url(self.from_path, &path),
            }
        };
        if !self.routes.exists(&site_path) {
            let with_slash = format!("{}/", site_path.trim_end_matches('/'));
            let hint = if self.routes.exists(&with_slash) {
                format!("write `{with_slash}` with a trailing slash")
            } else {
                "link to the Markdown file instead (`../anslutning/kommun.md`) or check the path"
                    .to_string()
            };
            return broken(
                dest,
                &format!("no page or file is published at `{site_path}`"),
                &hint,
            );
        }
        let mut href = base.href(&site_path);
        if let Some(q) = query {
            href.push('?');
            href.push_str(q);
        }
        with_fragment(href, site_path, fragment)
    }
}

impl LinkResolver<'_> {
    fn document_link(&self, dest: &str, reference: &str, base: &BaseUrl) -> Resolution {
        let (reference, fragment) = split_fragment(reference);
        let (id, version) = match reference.split_once('@') {
            Some((id, v)) => (id, Some(v)),
            None => (reference, None),
        };
        let Some(doc) = self.portal.document(id) else {
            let hint = match closest(id, self.portal.documents.iter().map(|d| d.id.as_str())) {
                Some(near) => format!("did you mean `avtal:{near}`?"),
                None => "the id is the folder name under `agreements/`".to_string(),
            };
            return broken(
                dest,
                &format!("there is no agreement document `{id}`"),
                &hint,
            );
        };
        let site_path = match version {
            None => {
                if doc.published().next().is_none() {
                    return broken(
                        dest,
                        &format!("`{id}` has no published version"),
                        "publish a version (remove `draft: true`) or build with `--drafts`",
                    );
                }
                document_path(id)
            }
            Some(v) => {
                let found = Version::parse(v).and_then(|v| doc.version(&v));
                match found {
                    Some(found) if found.published => version_path(id, found.version.as_str()),
                    Some(_) => {
                        return broken(
                            dest,
                            &format!("version `{v}` of `{id}` is a draft and is not published"),
                            "link to a published version, or build with `--drafts` to preview",
                        );
                    }
                    None => {
                        let versions = doc
                            .published()
                            .map(|v| format!("`{}`", v.version))
                            .collect::<Vec<_>>()
                            .join(", ");
                        return broken(
                            dest,
                            &format!("`{id}` has no version `{v}`"),
                            &format!("published versions: {versions}"),
                        );
                    }
                }
            }
        };
        with_fragment(base.href(&site_path), site_path, fragment)
    }

    fn source_link(
        &self,
        dest: &str,
        path: &str,
        fragment: Option<&str>,
        base: &BaseUrl,
    ) -> Resolution {
        let rel = if let Some(from_root) = path.strip_prefix('/') {
            normalize(from_root)
        } else {
            let dir = self.from.rel_path.rsplit_once('/').map_or("", |(d, _)| d);
            normalize(&format!("{dir}/{path}"))
        };
        let Some(rel) = rel else {
            return broken(
                dest,
                "the link points outside the portal folder",
                "check the number of `../`",
            );
        };
        let Some(site_path) = self.routes.source_path(&rel) else {
            let hint = match closest(&rel, self.routes.sources()) {
                Some(near) => format!("did you mean `{near}`?"),
                None => "check the file name; links to pages are relative to this file".to_string(),
            };
            return broken(dest, &format!("`{rel}` does not exist"), &hint);
        };
        if self.routes.page(site_path).is_none() {
            return broken(
                dest,
                &format!("`{rel}` is a draft and is not published"),
                "publish it (remove `draft: true`) or build with `--drafts` to preview",
            );
        }
        with_fragment(base.href(site_path), site_path.to_string(), fragment)
    }
}

fn broken(dest: &str, message: &str, hint: &str) -> Resolution {
    Resolution {
        href: dest.to_string(),
        target: LinkTarget::Broken {
            message: message.to_string(),
            hint: hint.to_string(),
        },
    }
}

fn internal(site_path: &str, fragment: Option<&str>) -> LinkTarget {
    LinkTarget::Internal {
        site_path: site_path.to_string(),
        fragment: fragment.filter(|f| !f.is_empty()).map(str::to_string),
    }
}

fn with_fragment(mut href: String, site_path: String, fragment: Option<&str>) -> Resolution {
    if let Some(f) = fragment.filter(|f| !f.is_empty()) {
        href.push('#');
        href.push_str(f);
    }
    Resolution {
        href,
        target: internal(&site_path, fragment),
    }
}

fn split_fragment(dest: &str) -> (&str, Option<&str>) {
    match dest.split_once('#') {
        Some((p, f)) => (p, Some(f)),
        None => (dest, None),
    }
}

fn has_scheme(dest: &str) -> bool {
    let Some(colon) = dest.find(':') else {
        return false;
    };
    let scheme = &dest[..colon];
    let mut chars = scheme.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
}

/// Resolves `.` and `..` in a `/`-separated relative path; `None` if it climbs above the root.
fn normalize(path: &str) -> Option<String> {
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            p => parts.push(p),
        }
    }
    Some(parts.join("/"))
}

/// Resolves a relative URL against the site path of a page (a folder URL).
fn join_url(from: &str, rel: &str) -> String {
    let dir = from.rsplit_once('/').map_or("", |(d, _)| d);
    let joined = normalize(&format!("{dir}/{rel}")).unwrap_or_default();
    let mut out = format!("/{joined}");
    if (rel.ends_with('/') || rel.is_empty() || rel == "." || rel == "..") && !out.ends_with('/') {
        out.push('/');
    }
    out
}

/// `text` with its `%XX` escapes decoded; `None` if an escape is malformed (`%`, `%zz`)
/// or the bytes are not UTF-8. The one decoder of links and of `serve`'s request paths.
pub fn percent_decode(text: &str) -> Option<String> {
    if !text.contains('%') {
        return Some(text.to_string());
    }
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = |b: u8| (b as char).to_digit(16);
            let high = bytes.get(i + 1).and_then(|&b| hex(b))?;
            let low = bytes.get(i + 2).and_then(|&b| hex(b))?;
            out.push((high * 16 + low) as u8);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// A link's path or fragment decoded; as written when it is no valid escape sequence
/// (`100%`), since editors write such names by hand.
fn decode_link(text: &str) -> String {
    percent_decode(text).unwrap_or_else(|| text.to_string())
}

/// A link whose fragment must be checked once the target page is rendered.
#[derive(Debug, Clone)]
pub struct PendingFragment {
    /// The target page's site path.
    pub site_path: String,
    /// The fragment, without `#`.
    pub fragment: String,
    /// The link as written, for the message.
    pub dest: String,
    /// Where the link is written.
    pub location: crate::diag::Location,
}

/// Turns the link results of one rendered body into diagnostics (broken targets) and
/// fragments to check later.
pub fn check_rendered(
    file: &SourceFile,
    body_offset: usize,
    rendered: &Rendered,
    diagnostics: &mut Vec<Diagnostic>,
    pending: &mut Vec<PendingFragment>,
) {
    for link in &rendered.links {
        match &link.target {
            LinkTarget::External => {}
            LinkTarget::Broken { message, hint } => diagnostics.push(
                Diagnostic::error("E0301", format!("broken link `{}`: {message}", link.dest))
                    .at(file.location(body_offset + link.offset))
                    .hint(hint.clone()),
            ),
            LinkTarget::Internal {
                site_path,
                fragment: Some(fragment),
            } => pending.push(PendingFragment {
                site_path: site_path.clone(),
                fragment: fragment.clone(),
                dest: link.dest.clone(),
                location: file.location(body_offset + link.offset),
            }),
            LinkTarget::Internal { .. } => {}
        }
    }
}

/// Heading ids of a body that the rendered page uses more than once: an explicit
/// `{#id}` that the theme also uses (`main`, say) makes the page invalid and its links
/// ambiguous. Generated ids avoid the ids the theme writes literally, so they clash only
/// with ids a theme computes. Two headings with one explicit id are reported by the
/// Markdown stage.
pub fn check_duplicate_ids(ids: &[Box<str>], body: &Rendered, source: Body<'_>) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for pair in ids.windows(2) {
        if pair[0] != pair[1] {
            continue;
        }
        let id = &*pair[0];
        let mut headings = body.headings.iter().filter(|h| h.id == id);
        let (Some(heading), None) = (headings.next(), headings.next()) else {
            continue;
        };
        let hint = if heading.explicit {
            format!("give the heading another id, such as `{{#{id}-1}}`, or remove `{{#{id}}}`")
        } else {
            format!("give the heading an id of its own: `{{#{id}-1}}` after its text")
        };
        out.push(
            Diagnostic::error(
                "E0307",
                format!("the heading id `{id}` is also used by the theme on this page"),
            )
            .at(source.file.location(source.offset + heading.offset))
            .hint(hint),
        );
    }
    out.dedup_by(|a, b| a.message == b.message);
    out
}

/// The values of one attribute in an HTML page, in order, as written (still escaped).
/// `needle` is the attribute's name with a space before and `="` after: ` id="`.
pub fn attribute_values<'h>(
    html: &'h [u8],
    needle: &'static [u8],
) -> impl Iterator<Item = &'h str> {
    memchr::memmem::find_iter(html, needle).filter_map(move |pos| {
        let start = pos + needle.len();
        let len = memchr::memchr(b'"', &html[start..])?;
        std::str::from_utf8(&html[start..start + len]).ok()
    })
}

/// Every `id="…"` in an HTML page, sorted for binary search; an id used twice is there
/// twice, for [`check_duplicate_ids`].
pub fn collect_ids(html: &[u8]) -> Vec<Box<str>> {
    let mut ids: Vec<Box<str>> = attribute_values(html, b" id=\"")
        .map(|id| unescape_html(id).into())
        .collect();
    ids.sort_unstable();
    ids
}

/// Checks pending fragments against the ids of the rendered pages.
pub fn check_fragments(
    pending: &[PendingFragment],
    ids: &HashMap<String, Vec<Box<str>>>,
) -> Vec<Diagnostic> {
    // Thousands of pages each link a few fragments: checked in parallel, reported in
    // the order of `pending`.
    pending
        .par_iter()
        .filter_map(|p| {
            let page_ids = ids.get(&p.site_path)?;
            let fragment = decode_link(&p.fragment);
            if page_ids
                .binary_search_by(|id| id.as_ref().cmp(fragment.as_str()))
                .is_ok()
            {
                return None;
            }
            let d = Diagnostic::error(
                "E0302",
                format!(
                    "broken link `{}`: `{}` has no `#{fragment}`",
                    p.dest, p.site_path
                ),
            )
            .at(p.location.clone());
            Some(match closest(&fragment, page_ids.iter().map(AsRef::as_ref)) {
                Some(near) => d.hint(format!("did you mean `#{near}`?")),
                None => d.hint("link to a heading's id: headings get ids from their text, or `{#id}` after the heading"),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalizes_relative_paths() {
        assert_eq!(
            normalize("content/a/../b.md").as_deref(),
            Some("content/b.md")
        );
        assert_eq!(normalize("content/./b.md").as_deref(), Some("content/b.md"));
        assert_eq!(normalize("../x"), None);
    }

    #[test]
    fn joins_urls_like_a_browser() {
        assert_eq!(
            join_url("/anslutning/kommun/", "../bilder/a.png"),
            "/anslutning/bilder/a.png"
        );
        assert_eq!(join_url("/anslutning/", "kommun/"), "/anslutning/kommun/");
        assert_eq!(join_url("/a/", ".."), "/");
    }

    #[test]
    fn schemes() {
        assert!(has_scheme("https://x"));
        assert!(has_scheme("mailto:a@b"));
        assert!(!has_scheme("kommun.md"));
        assert!(!has_scheme("a/b:c"));
    }

    #[test]
    fn collects_ids_from_html() {
        let ids = collect_ids(b"<h2 id=\"punkt-5.3\">x</h2><a id=\"a&amp;b\">");
        assert_eq!(ids, vec!["a&b".into(), "punkt-5.3".into()]);
    }

    #[test]
    fn decodes_percent_escapes() {
        assert_eq!(decode_link("a%20b.md"), "a b.md");
        assert_eq!(decode_link("100%"), "100%");
        assert_eq!(decode_link("%C3%A5"), "å");
        assert_eq!(percent_decode("%C3%A5").as_deref(), Some("å"));
        assert_eq!(percent_decode("100%"), None);
        assert_eq!(percent_decode("%4"), None);
        assert_eq!(percent_decode("%zz"), None);
        assert_eq!(percent_decode("%FF"), None, "not UTF-8");
    }
}
