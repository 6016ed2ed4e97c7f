//! The command line (clap derive types only), converted into library options.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use infoportal::BuildOptions;
use infoportal::model::Now;

/// Static site generator for the SSBTEK Informationsportal.
#[derive(Debug, Parser)]
#[command(name = "infoportal", version, about, long_about = None)]
pub(crate) struct Cli {
    #[command(subcommand)]
    pub(crate) command: Command,
}

#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Build the site into the output folder (replaced only if the build succeeds).
    Build(BuildArgs),
    /// Load, resolve and check everything without writing.
    Check(CommonArgs),
    /// Delete the previous outputs a build moved aside (run by `build` in the background).
    #[command(hide = true)]
    RemoveOldOutput {
        /// The folder holding the output.
        parent: PathBuf,
        /// The output folder's name.
        name: String,
    },
}

#[derive(Debug, Args)]
pub(crate) struct CommonArgs {
    /// The portal folder (the one with portal.yaml).
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub(crate) root: PathBuf,
    /// Override `base_url` from portal.yaml.
    #[arg(long, value_name = "URL")]
    pub(crate) base_url: Option<String>,
    /// The build's time: decides current versions. A date (2026-11-26) or an RFC 3339
    /// time. Default: SOURCE_DATE_EPOCH if set, else the clock.
    #[arg(long, value_name = "TIME", value_parser = parse_now)]
    pub(crate) now: Option<Now>,
    /// Publish drafts (for previews).
    #[arg(long)]
    pub(crate) drafts: bool,
    /// Treat warnings as errors.
    #[arg(long)]
    pub(crate) strict: bool,
    /// Print only diagnostics, no summary line.
    #[arg(long, short)]
    pub(crate) quiet: bool,
    /// Print the wall time of each stage.
    #[arg(long)]
    pub(crate) timings: bool,
}

#[derive(Debug, Args)]
pub(crate) struct BuildArgs {
    #[command(flatten)]
    pub(crate) common: CommonArgs,
    /// The output folder. Default: <root>/public.
    #[arg(long, value_name = "DIR")]
    pub(crate) out: Option<PathBuf>,
}

fn parse_now(text: &str) -> Result<Now, String> {
    Now::parse(text)
}

/// The build's time when `--now` is absent: `SOURCE_DATE_EPOCH`, else the clock.
pub(crate) fn default_now() -> Result<Now, String> {
    match std::env::var("SOURCE_DATE_EPOCH") {
        Ok(value) => value
            .trim()
            .parse::<i64>()
            .ok()
            .and_then(|s| jiff::Timestamp::from_second(s).ok())
            .map(Now::Instant)
            .ok_or_else(|| format!("SOURCE_DATE_EPOCH `{value}` is not a number of seconds")),
        Err(_) => Ok(Now::Instant(jiff::Timestamp::now())),
    }
}

impl CommonArgs {
    pub(crate) fn options(
        &self,
        out: Option<PathBuf>,
        write: bool,
    ) -> Result<BuildOptions, String> {
        let now = match self.now {
            Some(now) => now,
            None => default_now()?,
        };
        Ok(BuildOptions {
            root: self.root.clone(),
            out,
            base_url: self.base_url.clone(),
            now,
            drafts: self.drafts,
            write,
            strict: self.strict,
        })
    }
}
