//! infoportal: a static site generator for the SSBTEK Informationsportal.
//!
//! The build flows one way, each stage reading the products of the earlier ones, and the
//! source tree follows it: each folder is a layer that imports only from its own folder
//! and the folders below it (`util` < `model` < `load` < `analyze` < `render` < `verify`
//! < `emit`; `tests/layers.rs` keeps it so). This file, `main.rs`, `cli.rs`, `new.rs`,
//! `fuzzing.rs` and `serve/` are the roof, which may use every layer.
//!
//! 1. `load`: `portal.yaml`, `agreements/`, `content/` → [`model::portal::Portal`] +
//!    diagnostics
//! 2. `analyze`: the agreement hierarchy; `render::terms` reads the defined terms (a
//!    pre-pass over the agreement bodies); `analyze::routes`: every published page and
//!    its URL; the menus checked against them
//! 3. `render::render_site`: per page, Markdown → HTML (links resolved and checked) →
//!    template → written to a staging folder, in parallel; then `emit::files`: the
//!    feeds, exports, sitemap and manifest
//! 4. `verify`: the theme's hierarchy links and the `#fragment`s against the rendered
//!    pages; then the same fragments and the hierarchy as of each day an upcoming
//!    version applies
//! 5. `emit::output`: the staging folder is swapped in if nothing failed
//!
//! `check` runs the same stages with a sink that writes nothing.

pub mod analyze;
pub mod emit;
#[doc(hidden)]
pub mod fuzzing;
pub mod load;
pub mod model;
pub mod new;
pub mod render;
pub mod serve;
pub mod util;
pub(crate) mod verify;

use std::path::PathBuf;
use std::time::{Duration, Instant};

use anyhow::Result;

use crate::analyze::routes::{Route, Routes};
use crate::emit::output::{MemorySink, Output, SiteFiles, Staging};
use crate::load::LoadOptions;
use crate::model::paths::file_for;
use crate::model::portal::Consequence;
use crate::model::time::Now;
use crate::render::SiteInput;
use crate::render::annotate::MentionIndex;
use crate::render::sink::{NullSink, Sink};
use crate::render::terms::Glossary;
use crate::render::theme::Templates;
use crate::render::views::ViewInput;
use crate::util::cancel::{Cancel, Cancelled};
use crate::util::diag::{Diagnostic, Diagnostics};

/// Where a run puts the site.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// Nowhere: `check`.
    Check,
    /// The output folder, replaced only by a successful build: `build`.
    Disk,
    /// Memory, returned in the report: `serve`.
    Memory,
}

/// What a `build` or `check` run does.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The portal folder.
    pub root: PathBuf,
    /// The output folder (default `<root>/public`).
    pub out: Option<PathBuf>,
    /// Overrides `base_url`.
    pub base_url: Option<String>,
    /// The build's time.
    pub now: Now,
    /// Publish drafts.
    pub drafts: bool,
    /// Where the site goes.
    pub target: Target,
    /// Treat warnings as errors.
    pub strict: bool,
    /// Stops the build early, with [`Cancelled`] and nothing published, once cancelled:
    /// `serve`'s background builds. `None` for `build` and `check`.
    pub cancel: Option<Cancel>,
    /// The codes of the warnings `strict` leaves warnings (`--keep-warning W0102`).
    pub keep_warnings: Vec<String>,
}

impl BuildOptions {
    /// The output folder to use.
    pub(crate) fn out_dir(&self) -> PathBuf {
        self.out.clone().unwrap_or_else(|| self.root.join("public"))
    }

    /// `Err(Cancelled)` if the build was cancelled: checked between stages.
    fn check_cancel(&self) -> Result<(), Cancelled> {
        self.cancel.as_ref().map_or(Ok(()), Cancel::check)
    }

    /// Whether a run with `diagnostics` fails: an error, or under `strict` a warning
    /// that is not kept a warning.
    fn fails(&self, diagnostics: &Diagnostics) -> bool {
        diagnostics.has_errors()
            || (self.strict && diagnostics.has_warnings_but(&self.keep_warnings))
    }
}

/// The outcome of a run that could read its inputs.
#[derive(Debug)]
pub struct Report {
    /// Every diagnostic, sorted.
    pub diagnostics: Vec<Diagnostic>,
    /// Pages rendered.
    pub pages: usize,
    /// Whether the output folder was replaced.
    pub written: bool,
    /// The site's files, for [`Target::Memory`] when the build succeeded.
    pub files: Option<SiteFiles>,
    /// Wall time of each stage, in order.
    pub timings: Vec<(&'static str, Duration)>,
    /// Wall time of the whole run.
    pub elapsed: Duration,
    /// The next moment the rendered site changes by time alone (`None`: nothing is
    /// scheduled, or the portal could not be loaded).
    pub next_change: Option<analyze::schedule::NextChange>,
    /// The portal's language (`language` in portal.yaml; Swedish when it cannot be
    /// read), in which the report is shown unless `--lang` says otherwise.
    pub lang: util::i18n::Lang,
}

impl Report {
    /// How many errors and warnings the run found.
    pub fn counts(&self) -> util::diag::Counts {
        util::diag::Counts::of(&self.diagnostics)
    }
}

struct Clock {
    start: Instant,
    last: Instant,
    timings: Vec<(&'static str, Duration)>,
}

impl Clock {
    fn new() -> Self {
        let now = Instant::now();
        Clock {
            start: now,
            last: now,
            timings: Vec::new(),
        }
    }

    fn lap(&mut self, stage: &'static str) {
        let now = Instant::now();
        self.timings.push((stage, now - self.last));
        self.last = now;
    }

    /// Splits the wall time of the last stage into its kinds of work, in proportion to
    /// the thread time each took (the render stage does all of them on every thread).
    fn split(&mut self, stage: &'static str, times: render::RenderTimes) {
        let Some(&(name, wall)) = self.timings.last() else {
            return;
        };
        if name != stage {
            return;
        }
        let total = (times.markdown + times.templates + times.search + times.write).as_secs_f64();
        if total <= 0.0 {
            return;
        }
        for (part, time) in [
            ("  markdown", times.markdown),
            ("  templates", times.templates),
            ("  search", times.search),
            ("  write", times.write),
        ] {
            self.timings
                .push((part, wall.mul_f64(time.as_secs_f64() / total)));
        }
    }
}

/// Loads, checks and renders the portal; for [`Target::Disk`], replaces the output
/// folder if and only if there are no errors.
///
/// `Err` is for problems outside the content (I/O, a missing portal): exit code 2.
pub fn build(options: &BuildOptions) -> Result<Report> {
    let (report, state) = build_keeping(options)?;
    // Freeing the portal's sources and indexes takes a while for large portals; a
    // command-line run exits right after, so the thread is simply cut short then.
    std::thread::spawn(move || drop(state));
    Ok(report)
}

/// Everything a successful build worked out, kept by `serve` to re-render one page
/// after a change without starting over (see [`rerender`]).
pub(crate) struct BuildState {
    portal: model::portal::Portal,
    routes: Routes,
    hierarchy: analyze::hierarchy::Hierarchy,
    glossary: Glossary,
    mentions: Option<MentionIndex>,
    templates: Templates,
    ids: std::collections::HashMap<String, util::html::PageIds>,
}

/// [`build`], also returning the build's state when it got as far as rendering.
///
/// The stages in order, each a function below: load, analyze, route, render (with the
/// files besides the pages), verify, swap.
pub(crate) fn build_keeping(options: &BuildOptions) -> Result<(Report, Option<BuildState>)> {
    let mut clock = Clock::new();
    let mut diagnostics = Diagnostics::new();
    let loaded = load::load_portal(&load_options(options))?;
    let lang = loaded.lang();
    diagnostics.append(loaded.diagnostics);
    let next_change = loaded
        .portal
        .as_ref()
        .and_then(analyze::schedule::next_change);
    clock.lap("load");
    options.check_cancel()?;
    let finish = |diagnostics, pages, written, clock| {
        let next = next_change.clone();
        report(options, diagnostics, pages, written, clock, next, lang)
    };
    let Some(portal) = loaded.portal else {
        return Ok((finish(diagnostics, 0, false, clock), None));
    };
    // Checked before any work, so `--out content` is refused at once, and held (a
    // shared lock) until the end, so concurrent builds leave this build's files alone.
    let output = match options.target {
        Target::Disk => Some(Output::open(&options.root, &options.out_dir())?),
        _ => None,
    };

    // What follows from sources that failed to load: notes on their errors at the end.
    let mut consequences = Vec::new();
    let analysis = analyze_portal(&portal, &mut diagnostics, &mut consequences);
    clock.lap("hierarchy");
    options.check_cancel()?;
    let (templates, routes) = route(
        options,
        &portal,
        &loaded.assets,
        &analysis,
        &mut diagnostics,
        &mut consequences,
    )?;
    clock.lap("routes");
    options.check_cancel()?;
    let Some(templates) = templates else {
        let diagnostics = verify::cascades::fold(diagnostics, &portal.failed, consequences);
        return Ok((finish(diagnostics, 0, false, clock), None));
    };

    let destination = Destination::choose(options, output, !diagnostics.has_errors())?;
    let input = SiteInput {
        view: ViewInput {
            portal: &portal,
            routes: &routes,
            hierarchy: &analysis.hierarchy,
            glossary: &analysis.glossary,
            theme_ids: &templates.theme_ids,
        },
        templates: &templates,
        mentions: analysis.mentions.as_ref(),
    };
    let mut site = render_all(&input, &loaded.assets, destination.sink(), options)?;
    diagnostics.extend(std::mem::take(&mut site.diagnostics));
    consequences.append(&mut site.consequences);
    diagnostics.extend(verify::hierarchy::verify_rendered(
        &portal,
        &analysis.hierarchy,
        &site.document_links,
        &templates.source_of("document.html"),
    ));
    clock.lap("render");
    clock.split("render", site.times);
    options.check_cancel()?;
    verify_site(
        &portal,
        &analysis.glossary,
        &site,
        &mut diagnostics,
        &mut consequences,
        &mut clock,
    );
    let diagnostics = verify::cascades::fold(diagnostics, &portal.failed, consequences);

    let failed = options.fails(&diagnostics);
    let (written, files) = destination.finish(failed)?;
    clock.lap("swap");
    let mut report = finish(diagnostics, site.pages, written, clock);
    report.files = files;
    let state = BuildState::new(portal, routes, analysis, templates, site.ids);
    Ok((report, Some(state)))
}

impl BuildState {
    /// The state of a build that rendered every page: what it loaded and worked out,
    /// and the ids of every page.
    fn new(
        portal: model::portal::Portal,
        routes: Routes,
        analysis: Analysis,
        templates: Templates,
        ids: std::collections::HashMap<String, util::html::PageIds>,
    ) -> Self {
        BuildState {
            portal,
            routes,
            hierarchy: analysis.hierarchy,
            glossary: analysis.glossary,
            mentions: analysis.mentions,
            templates,
            ids,
        }
    }
}

/// Where the render stage writes: this build's staging folder (`build`), memory
/// (`serve`), or nowhere (`check`, and any build that already has errors: its pages are
/// rendered to find every problem, and thrown away).
struct Destination {
    staging: Option<Staging>,
    memory: Option<MemorySink>,
}

impl Destination {
    /// The destination of a run whose output folder (`build` only) is `output`, and
    /// which is still `clean` (no errors so far).
    fn choose(options: &BuildOptions, output: Option<Output>, clean: bool) -> Result<Self> {
        let staging = match output {
            Some(output) if clean => Some(Staging::create(output)?),
            _ => None,
        };
        let memory = (options.target == Target::Memory && clean).then(MemorySink::default);
        Ok(Destination { staging, memory })
    }

    fn sink(&self) -> &dyn Sink {
        match (&self.staging, &self.memory) {
            (Some(s), _) => s,
            (_, Some(m)) => m,
            _ => &NullSink,
        }
    }

    /// Publishes what was written unless the build `failed`: swaps the staging folder in,
    /// or hands over the files in memory. Returns whether the output folder was replaced,
    /// and the files in memory.
    fn finish(self, failed: bool) -> Result<(bool, Option<SiteFiles>)> {
        if failed {
            // Dropping the staging folder hands it to the background removal.
            return Ok((false, None));
        }
        let written = match self.staging {
            Some(staging) => {
                staging.commit()?;
                true
            }
            None => false,
        };
        Ok((written, self.memory.map(MemorySink::into_files)))
    }
}

/// What the analyze stage works out from the loaded portal.
struct Analysis {
    hierarchy: analyze::hierarchy::Hierarchy,
    glossary: Glossary,
    mentions: Option<MentionIndex>,
}

/// The agreement hierarchy, the defined terms and the document-title matcher.
fn analyze_portal(
    portal: &model::portal::Portal,
    diagnostics: &mut Diagnostics,
    consequences: &mut Vec<Consequence>,
) -> Analysis {
    let (hierarchy, hierarchy_diagnostics) = analyze::hierarchy::build(portal, consequences);
    diagnostics.append(hierarchy_diagnostics);
    // The title matcher is one large automaton built on one thread: built while the
    // term indexes are.
    let ((glossary, term_diagnostics), mentions) = rayon::join(
        || render::terms::build(portal, &hierarchy),
        || MentionIndex::new(portal),
    );
    diagnostics.append(term_diagnostics);
    diagnostics.extend(analyze::review::check_reviews(portal));
    Analysis {
        hierarchy,
        glossary,
        mentions,
    }
}

/// The theme's templates (`None` when they have errors) and every page's site path,
/// with the menus checked against them.
fn route(
    options: &BuildOptions,
    portal: &model::portal::Portal,
    assets: &[load::Asset],
    analysis: &Analysis,
    diagnostics: &mut Diagnostics,
    consequences: &mut Vec<Consequence>,
) -> Result<(Option<Templates>, Routes)> {
    let templates = match Templates::load(&options.root, &portal.config.theme)? {
        Ok(t) => Some(t),
        Err(ds) => {
            diagnostics.extend(ds);
            None
        }
    };
    let static_paths: Vec<String> = templates
        .iter()
        .flat_map(|t| t.static_files.keys().map(|k| format!("/{k}")))
        .collect();
    let (routes, route_diagnostics) = Routes::build(
        portal,
        assets,
        &static_paths,
        &emit::files::paths(portal),
        render::views::has_glossary(&analysis.glossary),
    );
    diagnostics.append(route_diagnostics);
    diagnostics.extend(analyze::menus::check_menus(portal, &routes, consequences));
    Ok((templates, routes))
}

/// Every page, then the files besides the pages (feeds, exports, sitemap, robots.txt,
/// manifest) and the assets, written to `sink`.
fn render_all(
    input: &SiteInput<'_>,
    assets: &[load::Asset],
    sink: &dyn Sink,
    options: &BuildOptions,
) -> Result<render::RenderedSite> {
    let mut site = render::render_site(input, sink, options.cancel.as_ref())?;
    options.check_cancel()?;
    let started = Instant::now();
    for (path, bytes) in emit::files::render(input.view.portal, input.view.routes) {
        sink.write(&file_for(&path), &bytes)?;
    }
    site.times.write += started.elapsed();
    for asset in assets {
        sink.copy(asset.site_path.trim_start_matches('/'), &asset.path)?;
    }
    Ok(site)
}

/// The checks that need every page rendered: `#fragment`s today, the notices held back
/// until a later `published` time as they will be published, and links and the
/// hierarchy (and the glossary) as they will be on each day an upcoming version applies, so a scheduled
/// build on that day does not fail on what could be seen today.
fn verify_site(
    portal: &model::portal::Portal,
    glossary: &Glossary,
    site: &render::RenderedSite,
    diagnostics: &mut Diagnostics,
    consequences: &mut Vec<Consequence>,
    clock: &mut Clock,
) {
    diagnostics.extend(verify::fragments::check_fragments(
        &site.fragments,
        &site.ids,
        &portal.failed,
        consequences,
    ));
    clock.lap("fragments");
    diagnostics.extend(verify::scheduled::check_held_back(
        portal,
        &site.held_back,
        &site.ids,
        consequences,
    ));
    // The links of a notice not yet published are checked against the future as well.
    let held_back = site.held_back.iter().flat_map(|h| &h.fragments);
    diagnostics.extend(verify::fragments::future::check_future_fragments(
        portal,
        glossary,
        site.fragments.iter().chain(held_back),
        &site.ids,
        consequences,
    ));
    diagnostics.extend(analyze::hierarchy::future::check_future(portal));
    clock.lap("future");
}

/// The report of a run that stopped or finished with `diagnostics`.
fn report(
    options: &BuildOptions,
    mut diagnostics: Diagnostics,
    pages: usize,
    written: bool,
    clock: Clock,
    next_change: Option<analyze::schedule::NextChange>,
    lang: util::i18n::Lang,
) -> Report {
    if options.strict {
        diagnostics.promote_warnings(&options.keep_warnings);
    }
    Report {
        diagnostics: diagnostics.into_sorted(),
        pages,
        written,
        files: None,
        elapsed: clock.start.elapsed(),
        timings: clock.timings,
        next_change,
        lang,
    }
}

/// The portal's language (`language` in `portal.yaml`; Swedish when it cannot be read):
/// the language of a run's messages when no report says it, as for an error that
/// stopped the run.
pub fn portal_lang(root: &std::path::Path) -> util::i18n::Lang {
    load::config::load_config(root, &load::config::Overrides::default())
        .ok()
        .and_then(Result::ok)
        .and_then(|config| util::i18n::Lang::parse(&config.language))
        .unwrap_or_default()
}

/// What `load` needs of a run's options.
pub(crate) fn load_options(options: &BuildOptions) -> LoadOptions {
    LoadOptions {
        root: options.root.clone(),
        overrides: load::config::Overrides {
            base_url: options.base_url.clone(),
        },
        now: options.now,
        drafts: options.drafts,
    }
}

/// A page rendered again after its source changed.
#[derive(Debug)]
pub(crate) struct Rerendered {
    /// The output files of the page: (path relative to the site root, bytes).
    pub(crate) files: Vec<(String, Vec<u8>)>,
}

/// Renders the page of one changed Markdown file again, using the state of the last
/// build, when that is enough to be right: the file is a published content page or
/// notice, its front matter is unchanged (so no title, menu, list or URL elsewhere
/// changes), and the page and its links come out without a single problem.
///
/// `None` means: build everything again. The caller does that anyway afterwards, so
/// the site-wide parts (search index, manifest, links into this page) catch up.
pub(crate) fn rerender(state: &mut BuildState, rel_path: &str, text: String) -> Option<Rerendered> {
    let portal = &mut state.portal;
    let pages = (portal.pages.iter_mut().enumerate())
        .map(|(i, p)| (Route::Page(i), p.published, &mut p.source));
    let notices = (portal.notices.iter_mut().enumerate())
        .map(|(i, n)| (Route::Notice(i), n.published, &mut n.source));
    let (route, published, source) = pages
        .chain(notices)
        .find(|(_, _, source)| source.file.rel_path == rel_path)?;
    let new_file = util::source::SourceFile::markdown(rel_path, text);
    if !published || !source.replace_body(new_file) {
        return None;
    }
    let path = state.routes.path_of(route)?.to_string();
    let input = SiteInput {
        view: ViewInput {
            portal: &state.portal,
            routes: &state.routes,
            hierarchy: &state.hierarchy,
            glossary: &state.glossary,
            theme_ids: &state.templates.theme_ids,
        },
        templates: &state.templates,
        mentions: state.mentions.as_ref(),
    };
    let page = render::render_one(&input, &path, route).ok()?;
    state.ids.insert(path.clone(), page.ids);
    let mut problems = page.diagnostics;
    let mut consequences = page.consequences;
    problems.extend(verify::fragments::check_fragments(
        &page.fragments,
        &state.ids,
        &state.portal.failed,
        &mut consequences,
    ));
    if !problems.is_empty() || !consequences.is_empty() {
        return None;
    }
    Some(Rerendered {
        files: vec![(model::paths::file_for(&path), page.html)],
    })
}
