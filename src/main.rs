//! The `infoportal` binary: parses the command line, runs the library, prints, exits.
//!
//! This is the only place that prints or chooses an exit code: 0 success, 1 content
//! errors, 2 usage or I/O errors.

mod cli;

use std::io::{IsTerminal as _, Write as _};
use std::path::Path;
use std::process::ExitCode;

use clap::Parser as _;

use crate::cli::{Cli, Command, CommonArgs, Format, NextChangeArgs, PlainFormat, ServeArgs};
use infoportal::analyze::schedule::{self, NextChange};
use infoportal::serve::{BuildEvent, ServeOptions};
use infoportal::util::diag::{Counts, Diagnostic, ci, excerpt};
use infoportal::util::i18n::Lang;
use infoportal::{Report, Target};

fn main() -> ExitCode {
    let cli = Cli::parse();
    let (common, out, target) = match &cli.command {
        Command::Build(args) => (&args.common, args.out.clone(), Target::Disk),
        Command::Check(args) => (args, None, Target::Check),
        Command::Serve(args) => return serve(args),
        Command::NextChange(args) => return next_change(args),
        Command::New(command) => return new(command),
        Command::RemoveOldOutput { parent, name } => {
            infoportal::emit::output::remove_old_outputs(parent, name);
            return ExitCode::SUCCESS;
        }
    };
    let options = match common.options(out, target) {
        Ok(options) => options,
        Err(message) => {
            eprintln!("error: {message}");
            return ExitCode::from(2);
        }
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
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::from(2)
        }
    }
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
    let pages = report.pages;
    let built = target == Target::Disk && report.written;
    let next = report.next_change.as_ref();
    // (built, checked, page, pages, in, next change)
    let words = match lang {
        Lang::En => ("Built", "Checked", "page", "pages", "in", "next change"),
        Lang::Sv => (
            "Byggde",
            "Kontrollerade",
            "sida",
            "sidor",
            "på",
            "nästa ändring",
        ),
    };
    let verb = if built { words.0 } else { words.1 };
    let noun = if pages == 1 { words.2 } else { words.3 };
    let next = next
        .map(|n| format!("; {} {} ({})", words.5, n.short(), n.describe()))
        .unwrap_or_default();
    let line = format!("{verb} {pages} {noun} {} {ms:.0} ms{next}", words.4);
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
        Ok(Err(error)) => {
            eprintln!("error: {error:#}");
            return ExitCode::from(2);
        }
        Err(message) => {
            eprintln!("error: {message}");
            return ExitCode::from(2);
        }
    };
    let lang = args.lang.unwrap_or_default();
    match args.format {
        PlainFormat::Json => {
            let fields = vec![("next_change", schedule::json(found.next_change.as_ref()))];
            print!(
                "{}",
                ci::to_json(&found.diagnostics, &args.prefix(), lang, fields)
            );
        }
        PlainFormat::Human => {
            print_diagnostics(&args.root, &found.diagnostics, lang);
            if let Some(next) = &found.next_change {
                print_next_change(next);
            } else if Counts::of(&found.diagnostics).errors == 0 {
                println!("No change scheduled");
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
fn print_next_change(next: &NextChange) {
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "Next change {} ({}):", next.short(), next.rfc3339());
    for reason in &next.reasons {
        let _ = writeln!(out, "  {}: {}", reason.path, reason.what);
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
    };
    let (server, first) = match infoportal::serve::Server::start(options) {
        Ok(started) => started,
        Err(error) => {
            eprintln!("error: {error:#}");
            return ExitCode::from(2);
        }
    };
    let watch = match server.watch() {
        Ok(watch) => watch,
        Err(error) => {
            eprintln!("error: {error:#}");
            return ExitCode::from(2);
        }
    };
    if let Err(error) = server.spawn_http() {
        eprintln!("error: {error:#}");
        return ExitCode::from(2);
    }
    let report_build = |event: &BuildEvent| report_build(&args.root, event);
    report_build(&first);
    println!("Serving {} (Ctrl-C to stop)", server.url());
    if !args.bind.is_loopback() {
        eprintln!(
            "note: listening on {}: other machines on the network can see the preview; \
             open it by IP address (names other than localhost are refused)",
            args.bind
        );
    }
    let _ = std::io::stdout().flush();
    match server.run(watch, report_build) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::from(2)
        }
    }
}

/// One line per build in `serve`, plus the diagnostics when there are any.
fn report_build(root: &Path, event: &BuildEvent) {
    print_diagnostics(root, &event.diagnostics, Lang::default());
    let ms = event.elapsed.as_secs_f64() * 1000.0;
    let what = match event.changed.as_slice() {
        [] => String::new(),
        [one] => format!(" after a change to {}", one.display()),
        many => format!(" after changes to {} files", many.len()),
    };
    if Counts::of(&event.diagnostics).errors > 0 {
        println!("Build failed{what}: the browser shows the errors; the last good site is kept");
    } else if event.pages == 1 {
        println!("Updated 1 page in {ms:.1} ms{what}");
    } else {
        println!("Built {} pages in {ms:.0} ms{what}", event.pages);
    }
    let _ = std::io::stdout().flush();
}

fn new(command: &cli::NewCommand) -> ExitCode {
    let (root, scaffold) = match command.scaffold() {
        Ok(s) => s,
        Err(message) => {
            eprintln!("error: {message}");
            return ExitCode::from(2);
        }
    };
    match infoportal::new::create(&root, &scaffold) {
        Ok(path) => {
            println!("{}", path.display());
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::from(2)
        }
    }
}
