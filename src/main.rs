//! The `infoportal` binary: parses the command line, runs the library, prints, exits.
//!
//! This is the only place that prints or chooses an exit code: 0 success, 1 content
//! errors, 2 usage or I/O errors.

mod cli;

use std::io::Write as _;
use std::process::ExitCode;

use clap::Parser as _;

use crate::cli::{Cli, Command, CommonArgs};
use infoportal::Report;
use infoportal::diag::Severity;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let (common, out, write) = match &cli.command {
        Command::Build(args) => (&args.common, args.out.clone(), true),
        Command::Check(args) => (args, None, false),
        Command::RemoveOldOutput { parent, name } => {
            infoportal::output::remove_old_outputs(parent, name);
            return ExitCode::SUCCESS;
        }
    };
    let options = match common.options(out, write) {
        Ok(options) => options,
        Err(message) => {
            eprintln!("error: {message}");
            return ExitCode::from(2);
        }
    };
    match infoportal::build(&options) {
        Ok(report) => {
            print_report(&report, common, write);
            if report.has_errors() {
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

fn print_report(report: &Report, common: &CommonArgs, write: bool) {
    let mut err = std::io::stderr().lock();
    for d in &report.diagnostics {
        let _ = writeln!(err, "{d}\n");
    }
    let errors = report
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    let warnings = report.diagnostics.len() - errors;
    if errors > 0 || warnings > 0 {
        let _ = writeln!(err, "{}", count_line(errors, warnings));
    }
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
    let noun = if pages == 1 { "page" } else { "pages" };
    if write && report.written {
        println!("Built {pages} {noun} in {ms:.0} ms");
    } else {
        println!("Checked {pages} {noun} in {ms:.0} ms");
    }
}

fn count_line(errors: usize, warnings: usize) -> String {
    let plural = |n: usize, word: &str| {
        if n == 1 {
            format!("{n} {word}")
        } else {
            format!("{n} {word}s")
        }
    };
    match (errors, warnings) {
        (0, w) => plural(w, "warning"),
        (e, 0) => plural(e, "error"),
        (e, w) => format!("{}, {}", plural(e, "error"), plural(w, "warning")),
    }
}
