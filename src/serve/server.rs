//! What `serve` answers: the last good site from memory, the error page while the
//! sources are broken, and the live-reload events. The HTTP itself is in [`super::http`].
//!
//! Files are looked up by normalised path in the in-memory site, so nothing outside the
//! build can be served, whatever the URL says. Only requests for `localhost` or an IP
//! address are answered ([`http::host_allowed`]), so a web page cannot read the preview
//! through a DNS name of its own.

use std::io::Write;
use std::net::IpAddr;
use std::path::Path;
use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;

use super::http::{self, Body, Method, Request, Response};
use crate::emit::output::SiteFiles;
use crate::util::diag::excerpt::{self, Excerpt};
use crate::util::diag::{Counts, Diagnostic, Severity};
use crate::util::html::{escape_attr, escape_text};
use crate::util::i18n::{Lang, msg};
use crate::util::url::{encode_site_path, percent_decode};

/// The path the reload script and events live under; never part of a built site.
pub(crate) const PREFIX: &str = "/__infoportal/";
const RELOAD_JS: &str = include_str!("reload.js");
/// The default theme's stylesheet, for the error page: served from [`PREFIX`], so the
/// page has the default look whatever the portal's theme, and also before any build
/// succeeded (when the site has no `style.css` to serve).
const STYLE_CSS: &str = include_str!("../../themes/default/static/style.css");

/// What the server shows, replaced as a whole after each rebuild.
#[derive(Default)]
pub(crate) struct State {
    /// The last good build.
    pub(crate) site: Option<Arc<SiteFiles>>,
    /// The error page for the problems of the latest build, if it failed.
    pub(crate) errors: Option<Arc<str>>,
    /// Counts rebuilds; reload events carry it.
    pub(crate) generation: u64,
    /// The language of the pages `serve` makes itself.
    pub(crate) lang: Lang,
}

/// The state and a signal for waiting on its changes.
pub(crate) type Shared = Arc<(Mutex<State>, Condvar)>;

/// Answers one request to a server bound to `bind`.
pub(crate) fn handle(request: &Request, shared: &Shared, bind: IpAddr) -> Response {
    let lang = || shared.0.lock().unwrap_or_else(|e| e.into_inner()).lang;
    if !http::host_allowed(request.host.as_ref(), bind) {
        let text = msg!("serve-forbidden").in_lang(lang());
        return Response::text(403, &format!("{text}\n"));
    }
    if request.method == Method::Other {
        let mut response = Response::text(405, "Method not allowed\n");
        response.headers.push(("Allow", "GET, HEAD".to_string()));
        return response;
    }
    let Some(path) = request_path(&request.target) else {
        return Response::text(400, "Bad request\n");
    };
    if path == format!("{PREFIX}events") {
        return events(Arc::clone(shared));
    }
    if path == format!("{PREFIX}reload.js") {
        return with_type(
            200,
            "text/javascript; charset=utf-8",
            Body::Owned(RELOAD_JS.as_bytes().to_vec()),
        );
    }
    if path == format!("{PREFIX}style.css") {
        return with_type(
            200,
            "text/css; charset=utf-8",
            Body::Owned(STYLE_CSS.as_bytes().to_vec()),
        );
    }
    let (site, errors, lang) = {
        let state = shared.0.lock().unwrap_or_else(|e| e.into_inner());
        (state.site.clone(), state.errors.clone(), state.lang)
    };
    let rel = path.trim_start_matches('/');
    let wants_page =
        rel.is_empty() || rel.ends_with('/') || rel.ends_with(".html") || !rel.contains('.');
    if let (Some(errors), true) = (&errors, wants_page) {
        return html_response(500, errors.as_bytes().to_vec());
    }
    let Some(site) = site else {
        let text = msg!("serve-not-built").in_lang(lang);
        return Response::text(503, &format!("{text}\n"));
    };
    let file = if rel.is_empty() || rel.ends_with('/') {
        format!("{rel}index.html")
    } else {
        rel.to_string()
    };
    if let Some(bytes) = site.get(&file) {
        return file_response(200, &file, bytes);
    }
    // `/avtal` → `/avtal/`, as a static web server does for folders.
    if !rel.is_empty() && !rel.ends_with('/') && site.contains_key(&format!("{rel}/index.html")) {
        let mut response = Response::text(301, "Moved\n");
        response.headers.push(("Location", format!("/{rel}/")));
        return response;
    }
    site.get("404.html")
        .map(|b| file_response(404, "404.html", b))
        .unwrap_or_else(|| Response::text(404, "Not found\n"))
}

/// The decoded, normalised path of a request target (`/path?query`); `None` if it tries
/// to leave the site (`..`), is not UTF-8 or contains characters no site path has.
pub(crate) fn request_path(url: &str) -> Option<String> {
    let path = url.split(['?', '#']).next().unwrap_or("/");
    if !path.starts_with('/') {
        return None;
    }
    let decoded = percent_decode(path)?;
    if decoded.contains(['\\', '\0']) {
        return None;
    }
    let mut out = String::with_capacity(decoded.len());
    for segment in decoded.split('/').skip(1) {
        match segment {
            "." | ".." => return None,
            s => {
                out.push('/');
                out.push_str(s);
            }
        }
    }
    if out.is_empty() {
        out.push('/');
    }
    // Keep the trailing slash of folder URLs ("/a/" has an empty last segment).
    Some(out)
}

fn content_type(file: &str) -> &'static str {
    let ext = file.rsplit_once('.').map_or("", |(_, e)| e);
    match ext {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml; charset=utf-8",
        "ics" => "text/calendar; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "pdf" => "application/pdf",
        _ => "application/octet-stream",
    }
}

fn file_response(status: u16, file: &str, bytes: &Arc<[u8]>) -> Response {
    let kind = content_type(file);
    if kind.starts_with("text/html") {
        return html_response(status, inject_reload(bytes));
    }
    with_type(status, kind, Body::Shared(Arc::clone(bytes)))
}

fn html_response(status: u16, bytes: Vec<u8>) -> Response {
    with_type(status, "text/html; charset=utf-8", Body::Owned(bytes))
}

fn with_type(status: u16, kind: &str, body: Body) -> Response {
    Response {
        status,
        headers: vec![
            ("Content-Type", kind.to_string()),
            ("Cache-Control", "no-store".to_string()),
        ],
        body,
    }
}

/// The page with the reload script before `</body>`: added here, never in a build.
fn inject_reload(html: &[u8]) -> Vec<u8> {
    let script = format!("<script src=\"{PREFIX}reload.js\"></script>\n");
    let at = memchr::memmem::rfind(html, b"</body>").unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + script.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(script.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

/// Server-sent events: `reload` with the build generation, now and after every rebuild.
fn events(shared: Shared) -> Response {
    let stream = move |out: &mut dyn Write| {
        let mut seen = {
            let state = shared.0.lock().unwrap_or_else(|e| e.into_inner());
            state.generation
        };
        let mut message = format!("event: reload\ndata: {seen}\n\n");
        loop {
            if out
                .write_all(message.as_bytes())
                .and_then(|()| out.flush())
                .is_err()
            {
                return;
            }
            let generation = {
                let (lock, signal) = &*shared;
                let state = lock.lock().unwrap_or_else(|e| e.into_inner());
                let (state, _) = signal
                    .wait_timeout_while(state, Duration::from_secs(15), |s| s.generation == seen)
                    .unwrap_or_else(|e| e.into_inner());
                state.generation
            };
            // A comment line keeps the connection alive and finds closed ones.
            message = if generation == seen {
                ": ping\n\n".to_string()
            } else {
                seen = generation;
                format!("event: reload\ndata: {generation}\n\n")
            };
        }
    };
    with_type(200, "text/event-stream", Body::Stream(Box::new(stream)))
}

/// The page shown instead of the site while the sources have errors, in `lang` (the
/// portal's language, Swedish unless it or `--lang` says otherwise) for the editor who
/// just saved: what happened and what to do, then every problem with its place
/// (`file:line:col`, and a link that opens the file at that place in VS Code), its
/// message, the line it points at with the column marked, and its notes and hint. It
/// has the default theme's look and, like every page, no inline style or script.
/// `root` is the portal folder as an absolute path, for the editor links.
pub(crate) fn error_page(
    diagnostics: &[Diagnostic],
    excerpts: &[Option<Excerpt>],
    root: &Path,
    lang: Lang,
) -> String {
    let tag = lang.tag();
    let mut html = format!(
        "<!DOCTYPE html>\n<html lang=\"{tag}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>"
    );
    let title = msg!("serve-page-title").in_lang(lang);
    escape_text(&mut html, &title);
    html.push_str(" – infoportal</title>\n");
    html.push_str(&format!(
        "<link rel=\"stylesheet\" href=\"{PREFIX}style.css\">\n</head>\n<body>\n\
         <main id=\"main\" class=\"wrap build-errors-page\">\n<h1>"
    ));
    escape_text(&mut html, &title);
    html.push_str("</h1>\n<p>");
    escape_text(&mut html, &msg!("serve-page-intro").in_lang(lang));
    html.push_str("</p>\n<p class=\"build-errors-count\">");
    escape_text(&mut html, &page_counts(Counts::of(diagnostics), lang));
    html.push_str("</p>\n<ol class=\"build-errors\">\n");
    let labels = Labels::new(lang);
    for (d, e) in diagnostics.iter().zip(excerpts) {
        problem(&mut html, d, e.as_ref(), root, &labels);
    }
    html.push_str("</ol>\n</main>\n");
    html.push_str(&format!("<script src=\"{PREFIX}reload.js\"></script>\n"));
    html.push_str("</body>\n</html>\n");
    html
}

/// `2 fel och 1 varning. …`: how many problems, and which of them stop the build.
fn page_counts(counts: Counts, lang: Lang) -> String {
    msg!(
        "serve-page-counts",
        errors = counts.errors,
        warnings = counts.warnings
    )
    .in_lang(lang)
}

/// The words of the error page said for every problem, in the page's language.
struct Labels {
    lang: Lang,
    error: String,
    warning: String,
    open: String,
    note: String,
    hint: String,
}

impl Labels {
    fn new(lang: Lang) -> Labels {
        let severity =
            |s: Severity| msg!("serve-page-severity", severity = s.as_str()).in_lang(lang);
        Labels {
            lang,
            error: severity(Severity::Error),
            warning: severity(Severity::Warning),
            open: msg!("serve-page-open").in_lang(lang),
            note: msg!("serve-page-note").in_lang(lang),
            hint: msg!("serve-page-hint").in_lang(lang),
        }
    }
}

/// One problem of the error page, as a list item.
fn problem(
    html: &mut String,
    d: &Diagnostic,
    excerpt: Option<&Excerpt>,
    root: &Path,
    labels: &Labels,
) {
    let (class, label) = match d.severity {
        Severity::Error => ("build-error-error", &labels.error),
        Severity::Warning => ("build-error-warning", &labels.warning),
    };
    html.push_str(&format!("<li class=\"build-error {class}\">\n"));
    if let Some(location) = &d.location {
        html.push_str("<p class=\"build-error-place\"><code>");
        escape_text(html, &location.to_string());
        html.push_str("</code> <a href=\"");
        escape_attr(
            html,
            &vscode_link(&root.join(&location.path), location.line, location.col),
        );
        html.push_str("\">");
        escape_text(html, &labels.open);
        html.push_str("</a></p>\n");
    }
    html.push_str("<p class=\"build-error-message\"><strong>");
    escape_text(html, label);
    html.push_str(&format!(" {}:</strong> ", d.code));
    with_code(html, d.message.get(labels.lang));
    html.push_str("</p>\n");
    if let Some(excerpt) = excerpt {
        excerpt::to_html(html, excerpt);
    }
    let explained = (d.notes.iter().map(|n| ("note", &labels.note, n)))
        .chain(d.hint.iter().map(|h| ("hint", &labels.hint, h)));
    for (class, label, text) in explained {
        html.push_str(&format!("<p class=\"build-error-{class}\">"));
        escape_text(html, label);
        html.push(' ');
        with_code(html, text.get(labels.lang));
        html.push_str("</p>\n");
    }
    html.push_str("</li>\n");
}

/// Text with its `backticked` parts (the values the editor wrote) in `<code>`; with an
/// odd number of backticks the last one stays as it is.
fn with_code(html: &mut String, text: &str) {
    let parts: Vec<&str> = text.split('`').collect();
    let paired = parts.len() % 2 == 1;
    for (i, part) in parts.iter().enumerate() {
        let last = i == parts.len() - 1;
        if i % 2 == 1 && (paired || !last) {
            html.push_str("<code>");
            escape_text(html, part);
            html.push_str("</code>");
        } else {
            if i % 2 == 1 {
                html.push('`');
            }
            escape_text(html, part);
        }
    }
}

/// `vscode://file/<absolute path>:<line>:<col>`, which opens the file at that place in
/// VS Code (line and column left out when unknown).
pub(crate) fn vscode_link(path: &Path, line: u32, col: u32) -> String {
    let mut text = path.to_string_lossy().replace('\\', "/");
    if !text.starts_with('/') {
        // A Windows path, `C:/…`.
        text.insert(0, '/');
    }
    let mut link = format!("vscode://file{}", encode_site_path(&text));
    if line > 0 {
        link.push_str(&format!(":{line}"));
        if col > 0 {
            link.push_str(&format!(":{col}"));
        }
    }
    link
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_paths_never_leave_the_site() {
        assert_eq!(request_path("/").as_deref(), Some("/"));
        assert_eq!(request_path("/avtal/?q=1").as_deref(), Some("/avtal/"));
        assert_eq!(request_path("/s%C3%B6k/").as_deref(), Some("/sök/"));
        for bad in [
            "/../etc/passwd",
            "/a/../../x",
            "/%2e%2e/x",
            "/%2E%2E%2Fx",
            "/a/%2e/b",
            "/a\\b",
            "/%00",
            "relative",
            "/%zz",
        ] {
            assert_eq!(request_path(bad), None, "{bad}");
        }
    }

    #[test]
    fn editor_links_name_the_absolute_file_and_place() {
        assert_eq!(
            vscode_link(Path::new("/hem/portal/content/a b.md"), 3, 7),
            "vscode://file/hem/portal/content/a%20b.md:3:7"
        );
        assert_eq!(
            vscode_link(Path::new("/p/portal.yaml"), 2, 0),
            "vscode://file/p/portal.yaml:2"
        );
        assert_eq!(
            vscode_link(Path::new("/p/content/ö.md"), 0, 0),
            "vscode://file/p/content/%C3%B6.md"
        );
    }

    #[test]
    fn backticked_values_are_code() {
        let mut html = String::new();
        with_code(&mut html, "unknown key `titel` in `a<b>`");
        assert_eq!(
            html,
            "unknown key <code>titel</code> in <code>a&lt;b&gt;</code>"
        );
        let mut odd = String::new();
        with_code(&mut odd, "a `b` c `d");
        assert_eq!(odd, "a <code>b</code> c `d");
    }

    #[test]
    fn the_counts_are_plain_swedish() {
        let c = |errors, warnings| page_counts(Counts { errors, warnings }, Lang::Sv);
        assert_eq!(c(1, 0), "1 fel.");
        assert_eq!(c(0, 2), "2 varningar.");
        assert_eq!(
            c(3, 1),
            "3 fel och 1 varning. Felen måste rättas; varningarna hindrar inte bygget."
        );
        assert_eq!(
            page_counts(
                Counts {
                    errors: 1,
                    warnings: 2
                },
                Lang::En
            ),
            "1 error and 2 warnings. The error must be corrected; the warnings do not stop \
             the build."
        );
        assert_eq!(
            page_counts(
                Counts {
                    errors: 2,
                    warnings: 0
                },
                Lang::En
            ),
            "2 errors."
        );
    }

    #[test]
    fn the_reload_script_is_injected_before_body_end() {
        let out = inject_reload(b"<html><body><p>x</p></body></html>");
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "<html><body><p>x</p><script src=\"/__infoportal/reload.js\"></script>\n</body></html>"
        );
    }
}
