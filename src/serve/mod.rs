//! `infoportal serve`: build into memory, serve over HTTP on loopback, rebuild on every
//! change and tell the open pages to reload.
//!
//! Four parts: `watch` (notify, bursts of events → one change), the loop here, `server`
//! (what to answer: the site from memory, the error page, the reload events) and `http`
//! (a small HTTP/1.1 server with hard limits per connection).
//!
//! After a save the loop does two things:
//! 1. if one page's text changed and nothing else (same front matter), that page alone
//!    is rendered again with the last build's state and published at once: the reload
//!    reaches the browser in milliseconds even for a large portal;
//! 2. in every case a full build runs on a worker thread and replaces everything when
//!    done, so the search index, the manifest and links into the page catch up, and any
//!    problem the quick path cannot see is shown.
//!
//! A newer change cancels the full build still running for an older one, before the
//! quick update starts: the build stops within a page or so and gives the cores to the
//! quick update instead of competing with it, shows nothing, and a fresh build of the
//! sources as they are now follows. So what is shown is never older than the latest
//! save, and a save never waits behind a build that is already out of date.

pub(crate) mod http;
pub(crate) mod server;
pub(crate) mod watch;

#[cfg(test)]
mod tests;

use std::net::{IpAddr, SocketAddr, TcpListener};
use std::path::PathBuf;
use std::sync::mpsc::{Sender, channel};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use anyhow::{Context as _, Result, anyhow};

use crate::model::time::Now;
use crate::util::cancel::Cancel;
use crate::util::diag::{Diagnostic, Severity};
use crate::util::i18n::{Lang, Text, error_chain, msg};
use crate::{BuildOptions, BuildState, Report, Target};

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
    /// The language of the pages and messages (`--lang`); `None`: the portal's
    /// `language`.
    pub lang: Option<Lang>,
}

/// What happened in one build or update, for the caller to print.
#[derive(Debug)]
pub struct BuildEvent {
    /// Every diagnostic of the build.
    pub diagnostics: Vec<Diagnostic>,
    /// Pages built (0 when the build failed; 1 for a quick update of one page).
    pub pages: usize,
    /// How long it took.
    pub elapsed: Duration,
    /// What changed, for a rebuild.
    pub changed: Vec<PathBuf>,
    /// The language to report it in.
    pub lang: Lang,
}

/// A running preview server.
pub struct Server {
    listener: TcpListener,
    shared: Shared,
    options: ServeOptions,
    base_url: String,
    /// What the last good build worked out, to re-render one page quickly after a save.
    state: Arc<Mutex<Option<BuildState>>>,
    /// The worker threads of the full builds after the first (see [`Server::run`]).
    builds: Arc<rayon::ThreadPool>,
}

/// A message to the serve loop.
enum Message {
    /// The sources changed.
    Changed(Vec<PathBuf>),
    /// A full build finished or, cancelled, stopped.
    Built(Box<Built>),
    /// Watching failed: saves from now on would be missed.
    WatchStopped(anyhow::Error),
}

struct Built {
    report: Report,
    state: Option<BuildState>,
    elapsed: Duration,
    changed: Vec<PathBuf>,
}

impl Server {
    /// Binds the address and builds the site once.
    pub fn start(options: ServeOptions) -> Result<(Server, BuildEvent)> {
        let address = SocketAddr::new(options.bind, options.port);
        let listener =
            TcpListener::bind(address).map_err(|e| anyhow!("cannot listen on {address}: {e}"))?;
        let port = listener.local_addr().map_or(options.port, |a| a.port());
        let host = match options.bind {
            IpAddr::V6(ip) => format!("[{ip}]"),
            IpAddr::V4(ip) => ip.to_string(),
        };
        let builds = rayon::ThreadPoolBuilder::new()
            .thread_name(|i| format!("build-{i}"))
            .start_handler(|_| lower_priority())
            .build()
            .context("cannot start the threads that build the portal")?;
        let server = Server {
            listener,
            shared: Arc::default(),
            base_url: format!("http://{host}:{port}/"),
            options,
            state: Arc::default(),
            builds: Arc::new(builds),
        };
        let built = build(&server.options, &server.base_url, Vec::new(), None);
        let first = server.publish(*built, true);
        Ok((server, first))
    }

    /// The address to open in a browser.
    pub fn url(&self) -> &str {
        &self.base_url
    }

    /// Answers requests on worker threads until the process ends.
    pub fn spawn_http(&self) -> Result<()> {
        let listener = self
            .listener
            .try_clone()
            .context("cannot listen for requests")?;
        let shared = Arc::clone(&self.shared);
        let bind = self.options.bind;
        let handle =
            Arc::new(move |request: &http::Request| server::handle(request, &shared, bind));
        std::thread::spawn(move || http::run(listener, http::LIMITS, handle));
        Ok(())
    }

    /// Starts watching the sources; do this before telling anyone the URL, so no save
    /// after that is missed.
    pub fn watch(&self) -> Result<watch::Watch> {
        watch::Watch::start(&self.options.root)
    }

    /// Updates and rebuilds after every change seen by `watch`, calling `report` after
    /// each. Returns only if watching fails.
    ///
    /// The full builds run on threads of their own, not on rayon's global pool, which the
    /// quick update uses (to check the page's links): a job sent to a pool whose threads
    /// are busy waits until they run out of other work, which for a build can be a
    /// whole stage. Those threads also run at a lower priority, so that until a build
    /// notices its cancel (between stages, or between pages), the quick update, the
    /// watcher and the HTTP server take the cores first.
    pub fn run(&self, mut watch: watch::Watch, mut report: impl FnMut(&BuildEvent)) -> Result<()> {
        let (tx, rx) = channel();
        let changes = tx.clone();
        std::thread::spawn(move || {
            let error = loop {
                match watch.next_change() {
                    Ok(changed) => {
                        if changes.send(Message::Changed(changed)).is_err() {
                            return;
                        }
                    }
                    Err(error) => break error,
                }
            };
            let _ = changes.send(Message::WatchStopped(error));
        });
        // One full build at a time: what cancels the one running. A change that arrives
        // meanwhile cancels it; the next starts when it has stopped.
        let mut running: Option<Cancel> = None;
        // Whether everything since the last full build was shown by quick updates.
        let mut quick_only = true;
        let mut pending: Vec<PathBuf> = Vec::new();
        for message in rx {
            match message {
                Message::Changed(changed) => {
                    // Before the quick update, so that the cores are free for it.
                    if let Some(cancel) = &running {
                        cancel.cancel();
                    }
                    match self.quick_update(&changed) {
                        Some(event) => report(&event),
                        None => quick_only = false,
                    }
                    pending.extend(changed);
                    if running.is_none() {
                        running = Some(self.spawn_build(std::mem::take(&mut pending), tx.clone()));
                    }
                }
                Message::Built(built) => {
                    // Cancelled, whether it stopped early or had just finished: a newer
                    // change is not in it. Build again, show nothing yet.
                    if running.take().is_some_and(|cancel| cancel.is_cancelled()) {
                        std::thread::spawn(move || drop(built));
                        running = Some(self.spawn_build(std::mem::take(&mut pending), tx.clone()));
                        continue;
                    }
                    let event = self.publish(*built, !quick_only);
                    if !quick_only || !event.diagnostics.is_empty() {
                        report(&event);
                    }
                    quick_only = true;
                }
                Message::WatchStopped(error) => return Err(error),
            }
        }
        Err(anyhow!("the serve loop stopped"))
    }

    /// Starts a full build of the sources as they are now on a worker thread, which
    /// reports to the loop through `tx`; returns what cancels it.
    fn spawn_build(&self, changed: Vec<PathBuf>, tx: Sender<Message>) -> Cancel {
        let options = self.options.clone();
        let base_url = self.base_url.clone();
        let cancel = Cancel::default();
        let cancel_build = cancel.clone();
        let pool = Arc::clone(&self.builds);
        std::thread::spawn(move || {
            let built = pool.install(|| build(&options, &base_url, changed, Some(cancel_build)));
            let _ = tx.send(Message::Built(built));
        });
        cancel
    }

    /// Shows a full build's outcome: the new site, or its errors over the last good
    /// site. Open pages reload if `announce`, or if errors appeared or went away.
    fn publish(&self, built: Built, announce: bool) -> BuildEvent {
        let Built {
            report,
            state,
            elapsed,
            changed,
        } = built;
        let failed = report
            .diagnostics
            .iter()
            .any(|d| d.severity == Severity::Error);
        let lang = self.options.lang.unwrap_or(report.lang);
        let old = {
            let mut kept = self.state.lock().unwrap_or_else(|e| e.into_inner());
            std::mem::replace(&mut *kept, if failed { None } else { state })
        };
        // Freeing a large portal is left to another thread.
        std::thread::spawn(move || drop(old));
        // Made before taking the lock: it reads the files with problems.
        let error_page = failed.then(|| self.error_page(&report.diagnostics, lang));
        {
            let (lock, signal) = &*self.shared;
            let mut shown = lock.lock().unwrap_or_else(|e| e.into_inner());
            let previous = std::mem::take(&mut *shown);
            let reload = announce || failed || previous.errors.is_some();
            *shown = State {
                site: match report.files {
                    Some(files) if !failed => Some(Arc::new(files)),
                    _ => previous.site,
                },
                errors: error_page,
                generation: previous.generation + u64::from(reload),
                lang,
            };
            signal.notify_all();
        }
        BuildEvent {
            pages: if failed { 0 } else { report.pages },
            diagnostics: report.diagnostics,
            elapsed,
            changed,
            lang,
        }
    }

    /// The error page for a failed build, with the lines the problems point at as the
    /// files are now.
    fn error_page(&self, diagnostics: &[Diagnostic], lang: Lang) -> Arc<str> {
        let excerpts = crate::util::diag::excerpt::read_excerpts(&self.options.root, diagnostics);
        let root = std::fs::canonicalize(&self.options.root)
            .or_else(|_| std::path::absolute(&self.options.root))
            .unwrap_or_else(|_| self.options.root.clone());
        server::error_page(diagnostics, &excerpts, &root, lang).into()
    }

    /// After a save to one page whose front matter did not change: renders that page
    /// alone and publishes it at once. `None` when the change needs the full build.
    fn quick_update(&self, changed: &[PathBuf]) -> Option<BuildEvent> {
        let start = Instant::now();
        let [path] = changed else {
            return None;
        };
        let rel = path.to_str()?.replace('\\', "/");
        let text = std::fs::read_to_string(self.options.root.join(path)).ok()?;
        let rerendered = {
            let mut kept = self.state.lock().unwrap_or_else(|e| e.into_inner());
            crate::rerender(kept.as_mut()?, &rel, text)?
        };
        let (lock, signal) = &*self.shared;
        let mut shown = lock.lock().unwrap_or_else(|e| e.into_inner());
        if shown.errors.is_some() {
            return None;
        }
        let mut files = shown.site.as_deref().cloned()?;
        for (file, bytes) in rerendered.files {
            files.insert(file, bytes.into());
        }
        shown.site = Some(Arc::new(files));
        shown.generation += 1;
        let lang = shown.lang;
        signal.notify_all();
        Some(BuildEvent {
            diagnostics: Vec::new(),
            pages: 1,
            elapsed: start.elapsed(),
            changed: changed.to_vec(),
            lang,
        })
    }
}

/// A full build into memory, keeping its state. Once `cancel` is cancelled it stops
/// early with an error that is never shown: the loop throws a cancelled build away.
fn build(
    options: &ServeOptions,
    base_url: &str,
    changed: Vec<PathBuf>,
    cancel: Option<Cancel>,
) -> Box<Built> {
    let start = Instant::now();
    let now = match options.now {
        Some(now) => now,
        None => Now::Instant(jiff::Timestamp::now()),
    };
    let built = crate::build_keeping(&BuildOptions {
        root: options.root.clone(),
        out: None,
        base_url: Some(base_url.to_string()),
        now,
        drafts: options.drafts,
        target: Target::Memory,
        strict: false,
        cancel,
        keep_warnings: Vec::new(),
    });
    // A portal that cannot be read at all (portal.yaml deleted, a folder without
    // permission) is shown like any other error: serve keeps running.
    let (report, state) = built.unwrap_or_else(|e| {
        let error = Text::new(error_chain(&e, Lang::Sv), error_chain(&e, Lang::En));
        let report = Report {
            diagnostics: vec![Diagnostic::error(
                "E0001",
                msg!("e0001-cannot-build", error = error),
            )],
            pages: 0,
            written: false,
            files: None,
            timings: Vec::new(),
            elapsed: start.elapsed(),
            next_change: None,
            lang: crate::util::i18n::Lang::default(),
        };
        (report, None)
    });
    Box::new(Built {
        report,
        state,
        elapsed: start.elapsed(),
        changed,
    })
}

/// Lowers the calling thread's priority (nice 10): a background build gives way to the
/// rest of serve, and to the editor.
#[cfg(target_os = "linux")]
fn lower_priority() {
    // SAFETY: integers in, an integer out; with PRIO_PROCESS and a thread id, Linux sets
    // that one thread's nice value. Should it fail, the priority stays as it was.
    unsafe {
        libc::setpriority(libc::PRIO_PROCESS, libc::gettid() as libc::id_t, 10);
    }
}

#[cfg(not(target_os = "linux"))]
fn lower_priority() {}
