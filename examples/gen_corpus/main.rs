//! `gen_corpus`: a deterministic, seeded benchmark corpus for infoportal, and optionally
//! the same pages for Hugo.
//!
//! ```text
//! cargo run --release --example gen_corpus -- --pages 10000 --seed 1 --out DIR [--hugo DIR] [--notices]
//! ```
//!
//! The corpus is a realistic portal in our own format (SPEC §4): about 7 % agreement
//! document versions in a hierarchy of root agreements and shared documents, the rest
//! guides in sections of 50–200 pages. Every page is about 4.7 KB of Swedish-looking
//! Markdown with a table, a footnote and 3–5 internal links, all valid, so the build
//! must succeed with zero errors. The same seed always gives byte-identical files.
//!
//! Flow: [`plan::Plan`] decides everything from the seed; [`pages`] writes each file's
//! Markdown from the plan (in parallel, one PRNG stream per file); [`hugo`] converts each
//! page to Hugo's format and adds Hugo's config and layouts.

mod hugo;
mod notices;
mod pages;
mod plan;
mod rng;
mod words;

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use anyhow::{Context as _, Result, bail};
use clap::Parser;
use rayon::prelude::*;

use crate::pages::Page;
use crate::plan::Plan;

/// Generates a deterministic benchmark corpus for infoportal (and optionally Hugo).
#[derive(Debug, Parser)]
struct Args {
    /// Total number of pages (agreement versions + content pages), at least 200.
    #[arg(long, default_value_t = 10_000)]
    pages: usize,
    /// The seed: the same seed and page count give byte-identical output.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Where to write the portal (portal.yaml, agreements/, content/).
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
    /// Also write the same pages as a Hugo site into DIR.
    #[arg(long, value_name = "DIR")]
    hugo: Option<PathBuf>,
    /// Also write operations notices and the personal-data list (SPEC §4.4, §4.5).
    #[arg(long)]
    notices: bool,
    /// Replace the output folders if they exist and are not empty.
    #[arg(long)]
    force: bool,
}

/// One file to generate; the plan is shared, so jobs can run in any order.
#[derive(Debug, Clone, Copy)]
enum Job {
    Version(usize, usize),
    Guide(usize, usize),
    SectionIndex(usize),
    Start,
    Agreements,
    Notice(usize),
    Notices,
}

fn main() -> Result<()> {
    let args = Args::parse();
    if args.pages < 200 {
        bail!("--pages must be at least 200 (the agreement hierarchy needs a few documents)");
    }
    prepare_dir(&args.out, args.force)?;
    if let Some(hugo) = &args.hugo {
        prepare_dir(hugo, args.force)?;
    }
    let plan = Plan::new(args.pages, args.seed, args.notices);
    let jobs = jobs(&plan);
    assert_eq!(jobs.len(), args.pages, "the plan accounts for every page");

    let bytes = AtomicUsize::new(0);
    jobs.par_iter().try_for_each(|&job| -> Result<()> {
        let (page, weight) = build(&plan, job);
        let text = page.ours();
        bytes.fetch_add(text.len(), Ordering::Relaxed);
        write(&args.out.join(&page.rel_path), &text)?;
        if let Some(hugo) = &args.hugo {
            write(
                &hugo.join(hugo::path(&page.rel_path)),
                &hugo::page(&page, weight),
            )?;
        }
        Ok(())
    })?;

    let (menu, footer) = menus(&plan, args.notices);
    write(
        &args.out.join("portal.yaml"),
        &portal_yaml(&plan, &menu, &footer),
    )?;
    if args.notices {
        write(
            &args.out.join("content/personuppgifter.yaml"),
            &notices::data_list(&plan),
        )?;
    }
    if let Some(hugo) = &args.hugo {
        write_hugo_extras(hugo, &plan, &menu, &footer, args.notices)?;
    }
    let bytes = bytes.into_inner();
    eprintln!(
        "gen_corpus: {} pages ({} agreement versions of {} documents, {} sections), {:.1} MB of Markdown, {:.2} KB a page, in {}",
        args.pages,
        plan.version_count(),
        plan.docs.len(),
        plan.sections.len(),
        bytes as f64 / 1e6,
        bytes as f64 / args.pages as f64 / 1e3,
        args.out.display()
    );
    Ok(())
}

fn jobs(plan: &Plan) -> Vec<Job> {
    let mut jobs = vec![Job::Start, Job::Agreements];
    for (d, doc) in plan.docs.iter().enumerate() {
        jobs.extend((0..doc.versions.len()).map(|v| Job::Version(d, v)));
    }
    for (s, section) in plan.sections.iter().enumerate() {
        jobs.push(Job::SectionIndex(s));
        jobs.extend((0..section.guides.len()).map(|g| Job::Guide(s, g)));
    }
    if plan.notices > 0 {
        jobs.push(Job::Notices);
        jobs.extend((0..plan.notices).map(Job::Notice));
    }
    jobs
}

/// The page, and for agreement versions their order in Hugo's revision history.
fn build(plan: &Plan, job: Job) -> (Page, Option<usize>) {
    match job {
        Job::Version(d, v) => (pages::agreement_version(plan, d, v), Some(v + 1)),
        Job::Guide(s, g) => (pages::guide(plan, s, g), None),
        Job::SectionIndex(s) => (pages::section_index(plan, s), None),
        Job::Start => (pages::special(plan, false), None),
        Job::Agreements => (pages::special(plan, true), None),
        Job::Notice(i) => (notices::notice(plan, i), None),
        Job::Notices => (notices::notices_index(plan), None),
    }
}

/// The main menu (the agreements and the first sections) and the footer menu (two
/// guides), as (site path, title); every entry is a published page.
type Menu = Vec<(String, String)>;

fn menus(plan: &Plan, notices: bool) -> (Menu, Menu) {
    let mut menu = vec![("/avtal/".to_string(), "Avtal".to_string())];
    menu.extend(
        plan.sections
            .iter()
            .take(5)
            .map(|s| (format!("/{}/", s.slug), s.title.clone())),
    );
    if notices {
        menu.push(("/driftinformation/".into(), "Driftinformation".into()));
        menu.push(("/personuppgifter/".into(), "Personuppgifter".into()));
    }
    let footer = plan
        .sections
        .iter()
        .take(2)
        .map(|s| {
            let g = &s.guides[0];
            (format!("/{}/{}/", s.slug, g.slug), g.title.clone())
        })
        .collect();
    (menu, footer)
}

fn portal_yaml(plan: &Plan, menu: &[(String, String)], footer: &[(String, String)]) -> String {
    let mut out = format!(
        "title: Benchmarkportal\n\
         base_url: https://bench.example.se/\n\
         description: \"Genererad portal för prestandamätning: {} sidor, seed {}.\"\n\
         publisher: Benchmarkmyndigheten\n\
         contact: mailto:info@bench.example.se\n\
         accessibility_statement: https://bench.example.se/tillganglighetsredogorelse/\n",
        plan.pages, plan.seed
    );
    for (key, items) in [("menu", menu), ("footer_menu", footer)] {
        out.push_str(key);
        out.push_str(":\n");
        for (path, title) in items {
            out.push_str(&format!("  - path: {path}\n    title: \"{title}\"\n"));
        }
    }
    out
}

fn write_hugo_extras(
    hugo: &Path,
    plan: &Plan,
    menu: &[(String, String)],
    footer: &[(String, String)],
    notices: bool,
) -> Result<()> {
    write(&hugo.join("hugo.yaml"), &hugo::config(plan, menu, footer))?;
    for (path, text) in hugo::LAYOUTS {
        write(&hugo.join(path), text)?;
    }
    for (d, doc) in plan.docs.iter().enumerate() {
        let path = hugo.join(format!("content/avtal/{}/_index.md", doc.id));
        write(&path, &hugo::document_index(plan, d))?;
    }
    if notices {
        write(
            &hugo.join("data/personuppgifter.yaml"),
            &notices::data_list(plan),
        )?;
        write(
            &hugo.join("content/personuppgifter.md"),
            "---\ntitle: \"Personuppgifter\"\nlayout: personuppgifter\n---\n",
        )?;
    }
    Ok(())
}

/// Makes sure `dir` exists and is empty; an existing non-empty folder is replaced only
/// with `--force`, so a typo in `--out` cannot wipe someone's work.
fn prepare_dir(dir: &Path, force: bool) -> Result<()> {
    if dir.exists() {
        let empty = dir
            .read_dir()
            .with_context(|| format!("failed to read `{}`", dir.display()))?
            .next()
            .is_none();
        if !empty {
            if !force {
                bail!(
                    "`{}` is not empty: remove it or pass --force to replace it",
                    dir.display()
                );
            }
            std::fs::remove_dir_all(dir)
                .with_context(|| format!("failed to remove `{}`", dir.display()))?;
        }
    }
    std::fs::create_dir_all(dir).with_context(|| format!("failed to create `{}`", dir.display()))
}

fn write(path: &Path, text: &str) -> Result<()> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)
            .with_context(|| format!("failed to create `{}`", parent.display()))?;
    }
    std::fs::write(path, text).with_context(|| format!("failed to write `{}`", path.display()))
}
