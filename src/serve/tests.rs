//! The cancel of serve's background builds: a cancelled build stops early and
//! publishes nothing. (That serve ends up showing the latest save is tested over HTTP in
//! `tests/serve.rs`.)

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::model::time::Now;
use crate::render::SiteInput;
use crate::render::sink::Sink;
use crate::render::views::ViewInput;
use crate::util::cancel::{Cancel, Cancelled};
use crate::util::diag::Diagnostics;
use crate::{BuildOptions, Target};

/// Options for building the `basic` fixture into `target`, cancelled by `cancel`.
fn options(target: Target, out: Option<PathBuf>, cancel: &Cancel) -> BuildOptions {
    BuildOptions {
        root: Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/basic"),
        out,
        base_url: None,
        now: Now::Date(jiff::civil::date(2026, 11, 26)),
        drafts: false,
        target,
        strict: false,
        cancel: Some(cancel.clone()),
        keep_warnings: Vec::new(),
    }
}

#[test]
fn a_cancelled_build_stops_with_cancelled_and_writes_nothing() {
    let out = std::env::temp_dir().join(format!("infoportal-cancelled-{}", std::process::id()));
    let cancel = Cancel::default();
    cancel.cancel();
    for target in [Target::Memory, Target::Disk] {
        let result = crate::build_keeping(&options(target, Some(out.clone()), &cancel));
        let error = result.err().expect("a cancelled build fails");
        assert_eq!(error.downcast_ref::<Cancelled>(), Some(&Cancelled));
    }
    assert!(!out.exists(), "nothing written for a cancelled build");
}

#[test]
fn an_uncancelled_build_with_a_cancel_publishes_the_site() {
    let (report, state) =
        crate::build_keeping(&options(Target::Memory, None, &Cancel::default())).unwrap();
    assert!(report.files.is_some_and(|files| !files.is_empty()));
    assert!(state.is_some());
}

/// A sink that counts the pages written and cancels the build at the `at`th.
struct CancelAt {
    cancel: Cancel,
    at: usize,
    pages: AtomicUsize,
}

impl Sink for CancelAt {
    fn write(&self, rel_path: &str, _: &[u8]) -> anyhow::Result<()> {
        if rel_path.ends_with(".html") && self.pages.fetch_add(1, Ordering::SeqCst) + 1 == self.at {
            self.cancel.cancel();
        }
        Ok(())
    }

    fn copy(&self, _: &str, _: &Path) -> anyhow::Result<()> {
        Ok(())
    }
}

#[test]
fn a_build_cancelled_while_rendering_skips_the_pages_left() {
    let cancel = Cancel::default();
    let options = options(Target::Memory, None, &cancel);
    let loaded = crate::load::load_portal(&crate::load_options(&options)).unwrap();
    let portal = loaded.portal.as_ref().unwrap();
    let (mut diagnostics, mut consequences) = (Diagnostics::new(), Vec::new());
    let analysis = crate::analyze_portal(portal, &mut diagnostics, &mut consequences);
    let (templates, routes) = crate::route(
        &options,
        portal,
        &loaded.assets,
        &analysis,
        &mut diagnostics,
        &mut consequences,
    )
    .unwrap();
    let templates = templates.unwrap();
    let input = SiteInput {
        view: ViewInput {
            portal,
            routes: &routes,
            hierarchy: &analysis.hierarchy,
            glossary: &analysis.glossary,
            theme_ids: &templates.theme_ids,
        },
        templates: &templates,
        mentions: analysis.mentions.as_ref(),
    };
    let sink = CancelAt {
        cancel,
        at: 3,
        pages: AtomicUsize::new(0),
    };
    let result = crate::render_all(&input, &loaded.assets, &sink, &options);
    let error = result.expect_err("a cancelled render fails");
    assert_eq!(error.downcast_ref::<Cancelled>(), Some(&Cancelled));
    // Each worker finishes at most the page it was on when the cancel came.
    let written = sink.pages.load(Ordering::SeqCst);
    let most = sink.at + rayon::current_num_threads();
    assert!(
        written <= most && most < routes.page_count(),
        "{written} of {} pages written after a cancel at the {}rd",
        routes.page_count(),
        sink.at
    );
}
