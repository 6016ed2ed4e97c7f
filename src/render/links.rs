//! Links: resolving what editors write (SPEC §4.6) to published URLs, and checking them.
//!
//! Resolution happens while Markdown renders (see [`LinkResolver`]); targets that do not
//! exist become diagnostics at the link's line. The fragments links point to are
//! collected here ([`PendingFragment`]) and checked by `verify::fragments` after the
//! pages are rendered, against the `id`s actually present in each page's HTML, so ids
//! that a theme adds count as well as the ones Markdown makes.
//!
//! Only the schemes of [`ALLOWED_SCHEMES`] are published (SPEC §6 "Safe"); a destination
//! is read the way a browser reads it ([`url_scheme`]) so that `JaVaScRiPt:` or
//! `java&#x09;script:` cannot slip through. Every href is written percent-encoded the
//! way CommonMark's reference renderers write it ([`encode_written`]), and a path that
//! was decoded to find its file is encoded again ([`encode_site_path`]), so what is
//! published names exactly the file that was checked.
//!
//! A fragment into a document's current version is also checked against the versions
//! that will be current later (`verify::fragments::future`).

use jiff::Timestamp;

use crate::analyze::routes::Routes;
use crate::model::config::BaseUrl;
use crate::model::paths::{document_path, version_path};
use crate::model::portal::{Consequence, ConsequenceKind, Portal};
use crate::model::version::Version;
use crate::render::markdown::{Body, LinkKind, LinkTarget, Rendered, Resolution, Resolve};
use crate::util::diag::{Diagnostic, Location, closest};
use crate::util::html::PageIds;
use crate::util::i18n::{Msg, msg};
use crate::util::packed::Packed;
use crate::util::source::SourceFile;
use crate::util::url::{
    ALLOWED_SCHEMES, browser_form, decode_link, encode_site_path, encode_written, url_scheme,
};

mod unpublished;

/// The href of a site path under the portal's base path, percent-encoded.
pub(crate) fn site_href(base: &BaseUrl, site_path: &str) -> String {
    base.href(&encode_site_path(site_path))
}

/// A link destination sorted by what the portal does with it, before anything is
/// looked up. Entities and backslash escapes are already resolved by the parser.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Destination {
    /// Nothing to link to: `[text]()`.
    Empty,
    /// `#fragment` on the same page, as written (without `#`).
    Fragment(String),
    /// `avtal:<id>[@version][#fragment]`, after the prefix.
    Document(String),
    /// An allowed scheme, or `//host/…`: the href, percent-encoded.
    External(String),
    /// A scheme outside [`ALLOWED_SCHEMES`], lowercased.
    Refused(String),
    /// A path, relative or from the site root.
    Path(PathDest),
}

/// The parts of a path destination.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PathDest {
    /// The path as written (still encoded).
    pub(crate) written: String,
    /// The path decoded, to look the file up; as written when it is no valid encoding
    /// (`100%.pdf`), since editors write such names by hand.
    pub decoded: String,
    /// The query as written, without `?`.
    pub(crate) query: Option<String>,
    /// The fragment as written, without `#`.
    pub(crate) fragment: Option<String>,
}

impl PathDest {
    /// What follows the path in an href: `?query` and `#fragment`, percent-encoded.
    pub fn suffix(&self) -> String {
        let mut out = String::new();
        if let Some(q) = &self.query {
            out.push('?');
            out.push_str(&encode_written(q));
        }
        if let Some(f) = self.fragment.as_deref().filter(|f| !f.is_empty()) {
            out.push('#');
            out.push_str(&encode_written(f));
        }
        out
    }
}

/// Sorts a destination as written in Markdown.
pub fn classify(dest: &str) -> Destination {
    let url = browser_form(dest);
    if url.is_empty() {
        return Destination::Empty;
    }
    if let Some(fragment) = url.strip_prefix('#') {
        return Destination::Fragment(fragment.to_string());
    }
    match url_scheme(&url).as_deref() {
        Some("avtal") => {
            let reference = url.split_once(':').map_or("", |(_, r)| r);
            return Destination::Document(reference.to_string());
        }
        Some(scheme) if ALLOWED_SCHEMES.contains(&scheme) => {
            return Destination::External(encode_written(&url).into_owned());
        }
        Some(scheme) => return Destination::Refused(scheme.to_string()),
        None if url.starts_with("//") => {
            return Destination::External(encode_written(&url).into_owned());
        }
        None => {}
    }
    let (rest, fragment) = match url.split_once('#') {
        Some((p, f)) => (p, Some(f.to_string())),
        None => (url.as_ref(), None),
    };
    let (written, query) = match rest.split_once('?') {
        Some((p, q)) => (p, Some(q.to_string())),
        None => (rest, None),
    };
    Destination::Path(PathDest {
        written: written.to_string(),
        decoded: decode_link(written),
        query,
        fragment,
    })
}

/// Resolves the links of one source file.
pub(crate) struct LinkResolver<'a> {
    /// The portal, for documents and versions.
    pub(crate) portal: &'a Portal,
    /// Every published path.
    pub(crate) routes: &'a Routes,
    /// The file whose links are resolved.
    pub(crate) from: &'a SourceFile,
    /// The site path the body is rendered at (for `#fragment` and relative URLs).
    pub(crate) from_path: &'a str,
    /// When the page is published, if that is after the build: a notice held back,
    /// rendered to be checked as it will be on that day. Its links to other notices
    /// published by then hold.
    pub(crate) published_at: Option<Timestamp>,
}

impl Resolve for LinkResolver<'_> {
    fn resolve(&self, dest: &str, kind: LinkKind) -> Resolution {
        let base = &self.portal.config.base_url;
        match classify(dest) {
            Destination::Empty => broken(dest, msg!("e0301-no-target", dest = shown(dest)), None),
            Destination::Fragment(fragment) => Resolution {
                href: format!("#{}", encode_written(&fragment)),
                target: internal(self.from_path, Some(&fragment)),
            },
            Destination::Document(reference) => self.document_link(dest, &reference, base),
            Destination::External(href) => match kind {
                LinkKind::Link => Resolution {
                    href,
                    target: LinkTarget::External,
                },
                LinkKind::Image => refused(dest, msg!("e0308-external-image", dest = shown(dest))),
            },
            Destination::Refused(scheme) => refused_scheme(dest, &scheme, kind),
            Destination::Path(path) => self.path_link(dest, &path, base),
        }
    }
}

impl LinkResolver<'_> {
    /// A relative or site-absolute path: a `.md` source, a page or a file.
    fn path_link(&self, dest: &str, path: &PathDest, base: &BaseUrl) -> Resolution {
        let decoded = path.decoded.as_str();
        if decoded.ends_with(".md") {
            return self.source_link(dest, decoded, path, base);
        }
        let site_path = if decoded.starts_with('/') {
            match join_url("/", decoded) {
                Some(site) => site,
                None => return above_root(dest, "site"),
            }
        } else {
            // Like a Markdown link, a relative file link is relative to the source file,
            // so images beside a page work in Git previews too; URL-relative links
            // (`../kontakt/`) are accepted when they name a published page.
            let dir = self.from.rel_path.rsplit_once('/').map_or("", |(d, _)| d);
            let beside = normalize(&format!("{dir}/{decoded}"))
                .and_then(|rel| rel.strip_prefix("content/").map(|r| format!("/{r}")));
            match beside {
                Some(site) if self.routes.exists(&site) => site,
                _ => match join_url(self.from_path, decoded) {
                    Some(site) => site,
                    None => return above_root(dest, "site"),
                },
            }
        };
        if !self.routes.exists(&site_path) && !self.published_by_then(&site_path) {
            return self.unpublished_path(dest, &site_path);
        }
        let href = site_href(base, &site_path) + &path.suffix();
        Resolution {
            href,
            target: internal(&site_path, path.fragment.as_deref()),
        }
    }

    fn document_link(&self, dest: &str, reference: &str, base: &BaseUrl) -> Resolution {
        let (reference, fragment) = split_fragment(reference);
        let (id, version) = match reference.split_once('@') {
            Some((id, v)) => (id, Some(v)),
            None => (reference, None),
        };
        let failed = &self.portal.failed;
        let Some(doc) = self.portal.document(id) else {
            if let Some(source) = failed.document(id) {
                return unavailable(dest, source);
            }
            let near = closest(id, self.portal.documents.iter().map(|d| d.id.as_str()))
                .map(|near| msg!("e0301-did-you-mean", near = format!("avtal:{near}")));
            return broken(
                dest,
                msg!("e0301-no-document", dest = shown(dest), id = id),
                near,
            );
        };
        let site_path = match version {
            None => {
                if doc.published().next().is_none() {
                    if let Some(source) = failed.document(id) {
                        return unavailable(dest, source);
                    }
                    return broken(
                        dest,
                        msg!("e0301-no-published-version", dest = shown(dest), id = id),
                        None,
                    );
                }
                document_path(id)
            }
            Some(v) => {
                let found = Version::parse(v).and_then(|v| doc.version(&v));
                match found {
                    Some(found) if found.published => version_path(id, found.version.as_str()),
                    Some(_) => {
                        let message = msg!(
                            "e0301-version-is-draft",
                            dest = shown(dest),
                            version = v,
                            id = id,
                        );
                        return broken(dest, message, None);
                    }
                    None => {
                        if let Some(source) = failed.version(id, v) {
                            return unavailable(dest, source);
                        }
                        let versions = doc
                            .published()
                            .map(|v| format!("`{}`", v.version))
                            .collect::<Vec<_>>()
                            .join(", ");
                        let message = msg!(
                            "e0301-no-such-version",
                            dest = shown(dest),
                            id = id,
                            version = v,
                            versions = versions,
                        );
                        return broken(dest, message, None);
                    }
                }
            }
        };
        with_fragment(site_href(base, &site_path), site_path, fragment)
    }

    fn source_link(
        &self,
        dest: &str,
        decoded: &str,
        path: &PathDest,
        base: &BaseUrl,
    ) -> Resolution {
        let rel = if let Some(from_root) = decoded.strip_prefix('/') {
            normalize(from_root)
        } else {
            let dir = self.from.rel_path.rsplit_once('/').map_or("", |(d, _)| d);
            normalize(&format!("{dir}/{decoded}"))
        };
        let Some(rel) = rel else {
            return above_root(dest, "portal");
        };
        let Some(site_path) = self.routes.source_path(&rel) else {
            if let Some(source) = self.portal.failed.source(&rel) {
                return unavailable(dest, source);
            }
            let near = (self.near_source(&rel)).map(|near| msg!("e0301-did-you-mean", near = near));
            let message = msg!("e0301-no-such-file", dest = shown(dest), file = &rel);
            return broken(dest, message, near);
        };
        if self.routes.page(site_path).is_none() && !self.published_by_then(site_path) {
            return self.unpublished_file(dest, &rel, site_path);
        }
        with_fragment(
            site_href(base, site_path),
            site_path.to_string(),
            path.fragment.as_deref(),
        )
    }
}

/// A link to a source that failed to load: not reported again (see
/// [`LinkTarget::Unavailable`]).
fn unavailable(dest: &str, source: usize) -> Resolution {
    Resolution {
        href: encode_written(dest).into_owned(),
        target: LinkTarget::Unavailable { source },
    }
}

/// A destination as a message shows it: control characters escaped, and cut after 80
/// characters (a `data:` URL can be megabytes long).
fn shown(dest: &str) -> String {
    let mut out = String::new();
    for (i, c) in dest.chars().enumerate() {
        if i == 80 {
            out.push('…');
            break;
        }
        if c.is_control() {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    out
}

/// A link the build reports as broken (E0301): `message` names what is wrong and
/// brings its own hint, unless `hint` gives one that names the closest target.
fn broken(dest: &str, message: Msg, hint: Option<Msg>) -> Resolution {
    let diagnostic = Diagnostic::error("E0301", message);
    let diagnostic = match hint {
        Some(hint) => diagnostic.hint(hint),
        None => diagnostic,
    };
    failed(diagnostic, encode_written(dest).into_owned())
}

/// A link whose target may not be published here (E0308). The href is the destination
/// as a browser reads it, so the writer's own check leaves it out too.
fn refused(dest: &str, message: Msg) -> Resolution {
    let href = encode_written(&browser_form(dest)).into_owned();
    failed(Diagnostic::error("E0308", message), href)
}

fn refused_scheme(dest: &str, scheme: &str, kind: LinkKind) -> Resolution {
    let (kind, advice) = match (kind, scheme) {
        (LinkKind::Image, _) => ("image", "image"),
        (LinkKind::Link, "data" | "file") => ("link", "file"),
        (LinkKind::Link, _) => ("link", "other"),
    };
    let message = msg!(
        "e0308-unsafe-scheme",
        kind = kind,
        dest = shown(dest),
        scheme = scheme,
        advice = advice,
    );
    refused(dest, message)
}

/// A relative link that climbs above the site's root (`root` is `site`) or the portal
/// folder (`portal`) (E0309): a browser would silently stop at the root and show
/// another page than the one meant.
fn above_root(dest: &str, root: &str) -> Resolution {
    let message = msg!("e0309-above-root", dest = shown(dest), root = root);
    failed(Diagnostic::error("E0309", message), String::new())
}

fn failed(diagnostic: Diagnostic, href: String) -> Resolution {
    Resolution {
        href,
        target: LinkTarget::Broken(Box::new(diagnostic)),
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
        href.push_str(&encode_written(f));
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

/// Resolves a relative URL against the site path of a page (a folder URL); `None` if it
/// climbs above the site root.
fn join_url(from: &str, rel: &str) -> Option<String> {
    let dir = from.rsplit_once('/').map_or("", |(d, _)| d);
    let joined = normalize(&format!("{dir}/{rel}"))?;
    let mut out = format!("/{joined}");
    let folder =
        rel.ends_with('/') || rel.is_empty() || rel.ends_with("/.") || rel.ends_with("/..");
    if (folder || rel == "." || rel == "..") && !out.ends_with('/') {
        out.push('/');
    }
    Some(out)
}

/// A link whose fragment must be checked once the target page is rendered.
///
/// Every such link of the site is held until all pages are rendered, so its four texts
/// share one allocation: 100,000 of them took 26 MB as four `String`s each, 13 packed.
#[derive(Debug, Clone)]
pub(crate) struct PendingFragment {
    /// The target page's site path, the fragment, the link as written and the path of
    /// the file it is written in.
    texts: Packed<4>,
    /// Where the link is written in its file.
    line: u32,
    col: u32,
}

impl PendingFragment {
    /// The link `dest` at `location`, to the fragment `fragment` (without `#`) of the
    /// page at `site_path`.
    pub(crate) fn new(site_path: &str, fragment: &str, dest: &str, location: Location) -> Self {
        PendingFragment {
            texts: Packed::new([site_path, fragment, dest, &location.path]),
            line: location.line,
            col: location.col,
        }
    }

    /// The target page's site path.
    pub(crate) fn site_path(&self) -> &str {
        self.texts.get(0)
    }

    /// The fragment, without `#`, as written (still percent-encoded).
    pub(crate) fn fragment(&self) -> &str {
        self.texts.get(1)
    }

    /// The link as written, for messages.
    pub(crate) fn dest(&self) -> &str {
        self.texts.get(2)
    }

    /// Where the link is written.
    pub(crate) fn location(&self) -> Location {
        Location::new(self.texts.get(3), self.line, self.col)
    }
}

/// Turns the link results of one rendered body into diagnostics (broken targets),
/// fragments to check later, and consequences (links to sources that failed to load).
pub(crate) fn check_rendered(
    body: Body<'_>,
    rendered: &Rendered,
    diagnostics: &mut Vec<Diagnostic>,
    pending: &mut Vec<PendingFragment>,
    consequences: &mut Vec<Consequence>,
) {
    for link in &rendered.links {
        match &link.target {
            LinkTarget::External => {}
            LinkTarget::Unavailable { source } => consequences.push(Consequence {
                source: *source,
                at: body.file.location(body.offset + link.offset),
                kind: ConsequenceKind::Link,
            }),
            LinkTarget::Broken(diagnostic) => diagnostics.push(
                (**diagnostic)
                    .clone()
                    .at(body.file.location(body.offset + link.offset)),
            ),
            LinkTarget::Internal {
                site_path,
                fragment: Some(fragment),
            } => pending.push(PendingFragment::new(
                site_path,
                fragment,
                &link.dest,
                body.file.location(body.offset + link.offset),
            )),
            LinkTarget::Internal { .. } => {}
        }
    }
}

/// Heading ids of a body that the rendered page uses more than once: an explicit
/// `{#id}` that the theme also uses (`main`, say) makes the page invalid and its links
/// ambiguous. Generated ids avoid the ids the theme writes literally, so they clash only
/// with ids a theme computes. Two headings with one explicit id are reported by the
/// Markdown stage.
pub(crate) fn check_duplicate_ids(
    ids: &PageIds,
    body: &Rendered,
    source: Body<'_>,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for id in ids.duplicates() {
        let mut headings = body.headings.iter().filter(|h| h.id == id);
        let (Some(heading), None) = (headings.next(), headings.next()) else {
            continue;
        };
        let explicit = if heading.explicit { "yes" } else { "no" };
        let message = msg!("e0307-theme-id", id = id, explicit = explicit);
        out.push(
            Diagnostic::error("E0307", message)
                .at(source.file.location(source.offset + heading.offset)),
        );
    }
    out.dedup_by(|a, b| a.message == b.message);
    out
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
            join_url("/anslutning/kommun/", "../bilder/a.png").as_deref(),
            Some("/anslutning/bilder/a.png")
        );
        assert_eq!(
            join_url("/anslutning/", "kommun/").as_deref(),
            Some("/anslutning/kommun/")
        );
        assert_eq!(join_url("/a/", "..").as_deref(), Some("/"));
        assert_eq!(join_url("/a/b/", "../..").as_deref(), Some("/"));
        assert_eq!(join_url("/", "/avtal").as_deref(), Some("/avtal"));
    }

    #[test]
    fn a_url_that_climbs_above_the_root_joins_to_nothing() {
        // It used to become `/`, the start page. See: #10
        assert_eq!(join_url("/a/", "../../finns-inte/"), None);
        assert_eq!(join_url("/", "../logo.png"), None);
        assert_eq!(join_url("/", "/../x"), None);
    }

    #[test]
    fn destinations_are_sorted_before_lookup() {
        assert_eq!(classify(""), Destination::Empty);
        assert_eq!(classify(" \t"), Destination::Empty);
        assert_eq!(classify("#steg-2"), Destination::Fragment("steg-2".into()));
        assert_eq!(
            classify("AVTAL:drift@1.0#punkt-2"),
            Destination::Document("drift@1.0#punkt-2".into())
        );
        assert_eq!(
            classify("https://example.se/a b/ö\\"),
            Destination::External("https://example.se/a%20b/%C3%B6%5C".into())
        );
        assert_eq!(
            classify("//example.se/x"),
            Destination::External("//example.se/x".into())
        );
        for refused in [
            "javascript:x",
            "data:image/png,x",
            "file:///etc/passwd",
            "irc://x",
        ] {
            assert!(
                matches!(classify(refused), Destination::Refused(_)),
                "{refused}"
            );
        }
        assert_eq!(
            classify("Karta%20över.png?v=1#a b"),
            Destination::Path(PathDest {
                written: "Karta%20över.png".into(),
                decoded: "Karta över.png".into(),
                query: Some("v=1".into()),
                fragment: Some("a b".into()),
            })
        );
        let Destination::Path(p) = classify("%2e%2e/x") else {
            panic!("a path")
        };
        assert_eq!(p.decoded, "../x");
        let Destination::Path(p) = classify("100%.pdf") else {
            panic!("a path")
        };
        assert_eq!(p.decoded, "100%.pdf", "no valid escape: as written");
    }

    #[test]
    fn a_pending_fragment_gives_back_what_it_was_made_of() {
        let at = Location::new("avtal/anslutningsavtal/2.0.md", 12, 7);
        let p = PendingFragment::new(
            "/avtal/bilaga-å/",
            "punkt-5.3",
            "avtal:bilaga-å#punkt-5.3",
            at,
        );
        assert_eq!(p.site_path(), "/avtal/bilaga-å/");
        assert_eq!(p.fragment(), "punkt-5.3");
        assert_eq!(p.dest(), "avtal:bilaga-å#punkt-5.3");
        assert_eq!(
            p.location(),
            Location::new("avtal/anslutningsavtal/2.0.md", 12, 7)
        );
        let empty = PendingFragment::new("", "", "", Location::new("", 0, 0));
        assert_eq!(
            (empty.site_path(), empty.fragment(), empty.dest()),
            ("", "", "")
        );
    }
}
