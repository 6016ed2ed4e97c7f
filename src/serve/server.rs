//! What `serve` answers: the last good site from memory, the error page while the
//! sources are broken, and the live-reload events. The HTTP itself is in [`super::http`].
//!
//! Files are looked up by normalised path in the in-memory site, so nothing outside the
//! build can be served, whatever the URL says. Only requests for `localhost` or an IP
//! address are answered ([`http::host_allowed`]), so a web page cannot read the preview
//! through a DNS name of its own.

use std::io::Write;
use std::net::IpAddr;
use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;

use super::http::{self, Body, Method, Request, Response};
use crate::emit::output::SiteFiles;
use crate::util::diag::Diagnostic;
use crate::util::html::escape_text;
use crate::util::url::percent_decode;

/// The path the reload script and events live under; never part of a built site.
pub(crate) const PREFIX: &str = "/__infoportal/";
const RELOAD_JS: &str = include_str!("reload.js");

/// What the server shows, replaced as a whole after each rebuild.
#[derive(Default)]
pub(crate) struct State {
    /// The last good build.
    pub(crate) site: Option<Arc<SiteFiles>>,
    /// The problems of the latest build, if it failed.
    pub(crate) errors: Option<Arc<Vec<Diagnostic>>>,
    /// Counts rebuilds; reload events carry it.
    pub(crate) generation: u64,
}

/// The state and a signal for waiting on its changes.
pub(crate) type Shared = Arc<(Mutex<State>, Condvar)>;

/// Answers one request to a server bound to `bind`.
pub(crate) fn handle(request: &Request, shared: &Shared, bind: IpAddr) -> Response {
    if !http::host_allowed(request.host.as_ref(), bind) {
        return Response::text(
            403,
            "This preview answers only to localhost and IP addresses, so that other web sites \
             cannot read it through a domain name of their own. Open it at the address \
             `infoportal serve` printed.\n",
        );
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
    let (site, errors) = {
        let state = shared.0.lock().unwrap_or_else(|e| e.into_inner());
        (state.site.clone(), state.errors.clone())
    };
    let rel = path.trim_start_matches('/');
    let wants_page =
        rel.is_empty() || rel.ends_with('/') || rel.ends_with(".html") || !rel.contains('.');
    if let (Some(errors), true) = (&errors, wants_page) {
        return html_response(500, error_page(errors).into_bytes());
    }
    let Some(site) = site else {
        return Response::text(503, "The site has not been built yet.\n");
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

/// The page shown instead of the site while the sources have errors.
pub(crate) fn error_page(errors: &[Diagnostic]) -> String {
    let mut html = String::from(
        "<!DOCTYPE html>\n<html lang=\"sv\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>Fel i portalens källor – infoportal</title>\n<link rel=\"stylesheet\" href=\"/style.css\">\n</head>\n<body>\n<main id=\"main\" class=\"wrap\">\n<h1>Portalen kan inte byggas</h1>\n<p>Rätta felen nedan och spara: sidan laddas om av sig själv. Tills dess visas inte webbplatsen.</p>\n<ol class=\"build-errors\">\n",
    );
    for d in errors {
        html.push_str("<li><pre>");
        escape_text(&mut html, &d.to_string());
        html.push_str("</pre></li>\n");
    }
    html.push_str("</ol>\n</main>\n");
    html.push_str(&format!("<script src=\"{PREFIX}reload.js\"></script>\n"));
    html.push_str("</body>\n</html>\n");
    html
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
    fn the_reload_script_is_injected_before_body_end() {
        let out = inject_reload(b"<html><body><p>x</p></body></html>");
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "<html><body><p>x</p><script src=\"/__infoportal/reload.js\"></script>\n</body></html>"
        );
    }
}
