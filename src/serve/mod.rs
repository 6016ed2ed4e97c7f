//! `infoportal serve`: build into memory, serve over HTTP on loopback, rebuild on every
//! change and tell the open pages to reload.
//!
//! Three parts: `watch` (notify, bursts of events → one rebuild), the rebuild loop here
//! (full rebuild into memory; the last good site is kept when a build fails), and
//! `server` (tiny_http, the site from memory, the error page, the reload events).

pub mod server;
pub mod watch;

use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{Context as _, Result, anyhow};

use crate::diag::{Diagnostic, Severity};
use crate::model::Now;
use crate::{BuildOptions, Target};

use self::server::{Shared, State};

/// What `serve` does.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// The portal folder.
    pub root: PathBuf,
    /// The address to listen on.
    pub bind: IpAddr,
    /// The port (0: any free port).
    pub port: u16,
    /// Show drafts.
    pub drafts: bool,
    /// A fixed build time; `None` takes the clock at each rebuild.
    pub now: Option<Now>,
}

/// What happened in one build, for the caller to print.
#[derive(Debug)]
pub struct BuildEvent {
    /// Every diagnostic of the build.
    pub diagnostics: Vec<Diagnostic>,
    /// Pages built (0 when the build failed).
    pub pages: usize,
    /// How long it took, from the change being noticed to the site being served.
    pub elapsed: Duration,
    /// What changed, for a rebuild.
    pub changed: Vec<PathBuf>,
}

/// A running preview server.
pub struct Server {
    http: Arc<tiny_http::Server>,
    shared: Shared,
    options: ServeOptions,
    base_url: String,
}

impl Server {
    /// Binds the address and builds the site once.
    pub fn start(options: ServeOptions) -> Result<(Server, BuildEvent)> {
        let address = SocketAddr::new(options.bind, options.port);
        let http = tiny_http::Server::http(address)
            .map_err(|e| anyhow!("cannot listen on {address}: {e}"))?;
        let port = http
            .server_addr()
            .to_ip()
            .map_or(options.port, |a| a.port());
        let host = match options.bind {
            IpAddr::V6(ip) => format!("[{ip}]"),
            IpAddr::V4(ip) => ip.to_string(),
        };
        let base_url = format!("http://{host}:{port}/");
        let server = Server {
            http: Arc::new(http),
            shared: Arc::default(),
            options,
            base_url,
        };
        let first = server.rebuild(Vec::new())?;
        Ok((server, first))
    }

    /// The address to open in a browser.
    pub fn url(&self) -> &str {
        &self.base_url
    }

    /// Answers requests on worker threads until the process ends.
    pub fn spawn_http(&self) {
        let http = Arc::clone(&self.http);
        let shared = Arc::clone(&self.shared);
        std::thread::spawn(move || {
            for request in http.incoming_requests() {
                let shared = Arc::clone(&shared);
                // Event streams stay open, so every request gets its own thread.
                std::thread::spawn(move || server::handle(request, &shared));
            }
        });
    }

    /// Builds the site into memory and publishes it, or the errors.
    pub fn rebuild(&self, changed: Vec<PathBuf>) -> Result<BuildEvent> {
        let start = Instant::now();
        let now = match self.options.now {
            Some(now) => now,
            None => Now::Instant(jiff::Timestamp::now()),
        };
        let built = crate::build(&BuildOptions {
            root: self.options.root.clone(),
            out: None,
            base_url: Some(self.base_url.clone()),
            now,
            drafts: self.options.drafts,
            target: Target::Memory,
            strict: false,
        });
        // A portal that cannot be read at all (portal.yaml deleted, a folder without
        // permission) is shown like any other error: serve keeps running.
        let report = built.unwrap_or_else(|e| crate::Report {
            diagnostics: vec![
                Diagnostic::error("E0001", format!("the portal cannot be built: {e:#}")).hint(
                    "restore the file or folder named; the preview comes back on the next save",
                ),
            ],
            pages: 0,
            written: false,
            files: None,
            timings: Vec::new(),
            elapsed: start.elapsed(),
        });
        let failed = report
            .diagnostics
            .iter()
            .any(|d| d.severity == Severity::Error);
        {
            let (lock, signal) = &*self.shared;
            let mut state = lock.lock().unwrap_or_else(|e| e.into_inner());
            let previous = std::mem::take(&mut *state);
            *state = State {
                site: match report.files {
                    Some(files) if !failed => Some(Arc::new(files)),
                    _ => previous.site,
                },
                errors: failed.then(|| Arc::new(report.diagnostics.clone())),
                generation: previous.generation + 1,
            };
            signal.notify_all();
        }
        Ok(BuildEvent {
            pages: if failed { 0 } else { report.pages },
            diagnostics: report.diagnostics,
            elapsed: start.elapsed(),
            changed,
        })
    }

    /// Starts watching the sources; do this before telling anyone the URL, so no save
    /// after that is missed.
    pub fn watch(&self) -> Result<watch::Watch> {
        watch::Watch::start(&self.options.root)
    }

    /// Rebuilds after every change seen by `watch`, calling `report` after each build.
    /// Returns only if watching fails.
    pub fn run(&self, mut watch: watch::Watch, mut report: impl FnMut(&BuildEvent)) -> Result<()> {
        while let Some(changed) = watch.next_change() {
            let event = self.rebuild(changed).context("rebuilding after a change")?;
            report(&event);
        }
        Err(anyhow!("the file watcher stopped"))
    }
}
