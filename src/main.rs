//! The `infoportal` binary: parses the command line, runs the library, prints, exits.
//!
//! This is the only place that prints or chooses an exit code: 0 success, 1 content
//! errors, 2 usage or I/O errors.

mod allocator;
mod cli;

use std::io::{IsTerminal as _, Write as _};
use std::path::Path;
use std::process::ExitCode;

use clap::Parser as _;

use crate::cli::{Cli, Command, CommonArgs, Format, NextChangeArgs, PlainFormat, ServeArgs};
use infoportal::analyze::schedule::{self, NextChange};
use infoportal::msg;
use infoportal::serve::{BuildEvent, ServeOptions};
use infoportal::util::diag::{Counts, Diagnostic, ci, excerpt};
use infoportal::util::i18n::{Lang, error_chain};
use infoportal::{Report, Target};

#[global_allocator]
static ALLOCATOR: allocator::Allocator = allocator::Allocator;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let (common, out, target) = match &cli.command {
        Command::Build(args) => (&args.common, args.out.clone(), Target::Disk),
        Command::Check(args) => (args, None, Target::Check),
        Command::Serve(args) => return serve(args),
        Command::NextChange(args) => return next_change(args),
        Command::New(args) => return new(args),
        Command::RemoveOldOutput {
            parent,
            name,
            renamed,
        } => {
            infoportal::emit::output::remove_old_outputs(parent, name, renamed);
            return ExitCode::SUCCESS;
        }
    };
    let options = match common.options(out, target) {
        Ok(options) => options,
        Err(message) => return usage_error(&message),
    };
    match infoportal::build(&options) {
        Ok(report) => {
            print_report(&report, common, target);
            if report.counts().errors > 0 {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            }
        }
        Err(error) => fail(&error, common.lang, &common.root),
    }
}

/// Prints an error that stopped the run, in `--lang` or else the portal's language,
/// and gives exit code 2.
fn fail(error: &anyhow::Error, lang: Option<Lang>, root: &Path) -> ExitCode {
    let lang = lang.unwrap_or_else(|| infoportal::portal_lang(root));
    let error = error_chain(error, lang);
    eprintln!("{}", msg!("run-error", error = error).in_lang(lang));
    ExitCode::from(2)
}

/// Prints a usage error found in the command line's values, which, like clap's own
/// messages, is in English, and gives exit code 2.
fn usage_error(message: &str) -> ExitCode {
    eprintln!("error: {message}");
    ExitCode::from(2)
}

fn print_report(report: &Report, common: &CommonArgs, target: Target) {
    let lang = common.lang.unwrap_or(report.lang);
    match common.format {
        Format::Json => {
            let fields = vec![
                ("pages", report.pages.into()),
                ("written", report.written.into()),
                ("next_change", schedule::json(report.next_change.as_ref())),
            ];
            print!(
                "{}",
                ci::to_json(&report.diagnostics, &common.prefix(), lang, fields)
            );
            return;
        }
        Format::Github => print!(
            "{}",
            ci::to_github(&report.diagnostics, &common.prefix(), lang)
        ),
        Format::Gitlab => {
            // Standard output is the report file; the job's log gets the problems.
            print!(
                "{}",
                ci::to_gitlab(&report.diagnostics, &common.prefix(), lang)
            );
            print_diagnostics(&common.root, &report.diagnostics, lang);
        }
        Format::Human => print_diagnostics(&common.root, &report.diagnostics, lang),
    }
    let errors = report.counts().errors;
    let mut err = std::io::stderr().lock();
    if common.timings {
        for (stage, time) in &report.timings {
            let _ = writeln!(err, "{stage:>10}  {:>8.1} ms", time.as_secs_f64() * 1000.0);
        }
    }
    if common.quiet || errors > 0 {
        return;
    }
    let ms = report.elapsed.as_secs_f64() * 1000.0;
    let built = target == Target::Disk && report.written;
    let next = report.next_change.as_ref();
    let line = msg!(
        "summary",
        action = if built { "built" } else { "checked" },
        pages = report.pages,
        ms = format!("{ms:.0}"),
        when = next.map_or("none".to_string(), NextChange::short),
        what = next.map(NextChange::describe).unwrap_or_default(),
    )
    .in_lang(lang);
    if common.format == Format::Gitlab {
        let _ = writeln!(err, "{line}");
    } else {
        println!("{line}");
    }
}

/// `next-change`: the next moment the site changes by time alone. Exit 1 when loading
/// found errors (the answer could be wrong), else 0, also when nothing is scheduled.
fn next_change(args: &NextChangeArgs) -> ExitCode {
    let found = match args.options().map(|o| schedule::find(&o)) {
        Ok(Ok(found)) => found,
        Ok(Err(error)) => return fail(&error, args.lang, &args.root),
        Err(message) => return usage_error(&message),
    };
    let lang = args.lang.unwrap_or(found.lang);
    match args.format {
        PlainFormat::Json => {
            let fields = vec![
                ("next_change", schedule::json(found.next_change.as_ref())),
                ("sources_sha256", found.sources.clone().into()),
            ];
            print!(
                "{}",
                ci::to_json(&found.diagnostics, &args.prefix(), lang, fields)
            );
        }
        PlainFormat::Human => {
            print_diagnostics(&args.root, &found.diagnostics, lang);
            if let Some(next) = &found.next_change {
                print_next_change(next, lang);
            } else if Counts::of(&found.diagnostics).errors == 0 {
                println!("{}", msg!("next-change-none").in_lang(lang));
            }
        }
    }
    if Counts::of(&found.diagnostics).errors > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// `Next change 2026-12-10 18:00 (2026-12-10T18:00:00+01:00):` and a line per reason.
fn print_next_change(next: &NextChange, lang: Lang) {
    let mut out = std::io::stdout().lock();
    let heading = msg!(
        "next-change-at",
        when = next.short(),
        exact = next.rfc3339()
    );
    let _ = writeln!(out, "{}", heading.in_lang(lang));
    for reason in &next.reasons {
        let _ = writeln!(out, "  {}: {}", reason.path, reason.what.get(lang));
    }
}

/// Every diagnostic to stderr with the line it points at (read from the files under
/// `root`), then a count. In colour only on a terminal, and never when `NO_COLOR` is set
/// to anything but the empty string (no-color.org).
fn print_diagnostics(root: &Path, diagnostics: &[Diagnostic], lang: Lang) {
    let stderr = std::io::stderr();
    let color = stderr.is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    let excerpts = excerpt::read_excerpts(root, diagnostics);
    let mut err = stderr.lock();
    for (d, e) in diagnostics.iter().zip(&excerpts) {
        let _ = writeln!(err, "{}\n", excerpt::render(d, e.as_ref(), color, lang));
    }
    let counts = Counts::of(diagnostics);
    if counts != Counts::default() {
        let _ = writeln!(err, "{}", counts.in_lang(lang));
    }
}

fn serve(args: &ServeArgs) -> ExitCode {
    let options = ServeOptions {
        root: args.root.clone(),
        bind: args.bind,
        port: args.port,
        drafts: args.drafts,
        now: args.now,
        lang: args.lang,
    };
    let failed = |error: anyhow::Error| fail(&error, args.lang, &args.root);
    let (server, first) = match infoportal::serve::Server::start(options) {
        Ok(started) => started,
        Err(error) => return failed(error),
    };
    let watch = match server.watch() {
        Ok(watch) => watch,
        Err(error) => return failed(error),
    };
    if let Err(error) = server.spawn_http() {
        return failed(error);
    }
    let report_build = |event: &BuildEvent| report_build(&args.root, event);
    report_build(&first);
    let lang = first.lang;
    println!(
        "{}",
        msg!("serve-serving", url = server.url()).in_lang(lang)
    );
    if !args.bind.is_loopback() {
        let address = args.bind.to_string();
        eprintln!(
            "{}",
            msg!("serve-listening", address = address).in_lang(lang)
        );
    }
    let _ = std::io::stdout().flush();
    match server.run(watch, report_build) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => failed(error),
    }
}

/// One line per build in `serve`, plus the diagnostics when there are any.
fn report_build(root: &Path, event: &BuildEvent) {
    let lang = event.lang;
    print_diagnostics(root, &event.diagnostics, lang);
    let ms = event.elapsed.as_secs_f64() * 1000.0;
    let after = msg!(
        "serve-after",
        changes = event.changed.len(),
        file = event
            .changed
            .first()
            .map(|path| path.display().to_string())
            .unwrap_or_default(),
    );
    let line = if Counts::of(&event.diagnostics).errors > 0 {
        msg!("serve-build-failed", after = after)
    } else {
        // A quick update of one page takes milliseconds: a decimal says more.
        let ms = if event.pages == 1 {
            format!("{ms:.1}")
        } else {
            format!("{ms:.0}")
        };
        msg!("serve-built", pages = event.pages, ms = ms, after = after)
    };
    println!("{}", line.in_lang(lang));
    let _ = std::io::stdout().flush();
}

fn new(args: &cli::NewArgs) -> ExitCode {
    let (root, scaffold) = match args.what.scaffold() {
        Ok(s) => s,
        Err(message) => return usage_error(&message),
    };
    match infoportal::new::create(&root, &scaffold) {
        Ok(path) => {
            println!("{}", path.display());
            ExitCode::SUCCESS
        }
        Err(error) => fail(&error, args.lang, &root),
    }
}
