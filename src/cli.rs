//! The command line (clap derive types only), converted into library options.

use std::net::IpAddr;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use infoportal::load::LoadOptions;
use infoportal::load::config::Overrides;
use infoportal::model::notice::{Environment, NoticeKind};
use infoportal::model::time::Now;
use infoportal::new::{NewPage, NewVersion, Scaffold, TimeArg};
use infoportal::util::diag::ci::PathPrefix;
use infoportal::util::i18n::Lang;
use infoportal::{BuildOptions, Target};

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
    /// Build, serve on http://127.0.0.1:1111/, rebuild on every change and reload the
    /// browser; on a content error the browser shows what is wrong.
    Serve(ServeArgs),
    /// Print the next moment at which the built site changes by time alone (a version
    /// takes effect, a notice begins, ends, is resolved or published), and why; the
    /// same as `build` reports, without rendering.
    NextChange(NextChangeArgs),
    /// Create a notice, a page or the next version of an agreement document.
    New(NewArgs),
    /// Delete the previous outputs a build moved aside (run by `build` in the background).
    #[command(hide = true)]
    RemoveOldOutput {
        /// The folder holding the output.
        parent: PathBuf,
        /// The output folder's name.
        name: String,
        /// The old folders (file names) the build moved there itself.
        renamed: Vec<PathBuf>,
    },
}

/// How diagnostics are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum Format {
    /// For people: `path:line:col: error[E0301]: …` with notes and hints.
    Human,
    /// One JSON document on standard output (see docs/diagnostics.md).
    Json,
    /// GitHub Actions workflow commands, which annotate the changed files, and a
    /// summary notice.
    Github,
    /// A GitLab Code Quality report (a JSON array) on standard output; the problems as
    /// for `human` on standard error.
    Gitlab,
}

#[derive(Debug, Args)]
pub(crate) struct CommonArgs {
    /// The portal folder (the one with portal.yaml).
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub(crate) root: PathBuf,
    /// Override `base_url` from portal.yaml.
    #[arg(long, value_name = "URL", value_parser = parse_base_url)]
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
    /// With `--strict`, keep the warning CODE a warning: reported, but the run does not
    /// fail on it. Repeatable. Scheduled CI builds keep W0102 (a review date that passed),
    /// which time alone brings, so that it does not hold back a version taking effect.
    #[arg(long, value_name = "CODE", value_parser = parse_warning_code)]
    pub(crate) keep_warning: Vec<String>,
    /// Print only diagnostics, no summary line.
    #[arg(long, short)]
    pub(crate) quiet: bool,
    /// Print the wall time of each stage.
    #[arg(long)]
    pub(crate) timings: bool,
    /// How to print diagnostics.
    #[arg(long, value_enum, default_value = "human")]
    pub(crate) format: Format,
    /// The portal folder's path from the root of its repository (`webb/portal`, or `.`),
    /// put before every path in `--format json`, `github` and `gitlab`. Default: found
    /// by walking up from the portal folder to the folder holding `.git`.
    #[arg(long, value_name = "DIR", value_parser = PathPrefix::parse)]
    pub(crate) path_prefix: Option<PathPrefix>,
    /// The language of the messages: `sv` or `en`. Default: the portal's `language`.
    #[arg(long, value_name = "sv|en", value_parser = parse_lang)]
    pub(crate) lang: Option<Lang>,
}

/// How `next-change` prints its answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum PlainFormat {
    /// For people: the moment and one line per reason; problems on standard error.
    Human,
    /// One JSON document on standard output with `next_change` (see docs/diagnostics.md).
    Json,
}

#[derive(Debug, Args)]
pub(crate) struct NextChangeArgs {
    /// The portal folder (the one with portal.yaml).
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub(crate) root: PathBuf,
    /// The build's time to look ahead from, as for `build`. Default: SOURCE_DATE_EPOCH
    /// if set, else the clock.
    #[arg(long, value_name = "TIME", value_parser = parse_now)]
    pub(crate) now: Option<Now>,
    /// Count drafts as published, as `build --drafts` does.
    #[arg(long)]
    pub(crate) drafts: bool,
    /// How to print the answer.
    #[arg(long, value_enum, default_value = "human")]
    pub(crate) format: PlainFormat,
    /// As for `check`: the portal folder's path in its repository, put before the
    /// diagnostics' paths in `--format json`.
    #[arg(long, value_name = "DIR", value_parser = PathPrefix::parse)]
    pub(crate) path_prefix: Option<PathPrefix>,
    /// The language of the messages: `sv` or `en`. Default: the portal's `language`.
    #[arg(long, value_name = "sv|en", value_parser = parse_lang)]
    pub(crate) lang: Option<Lang>,
}

impl NextChangeArgs {
    /// `--path-prefix`, or the portal's place in its Git repository.
    pub(crate) fn prefix(&self) -> PathPrefix {
        (self.path_prefix.clone()).unwrap_or_else(|| PathPrefix::of_repository(&self.root))
    }

    pub(crate) fn options(&self) -> Result<LoadOptions, String> {
        Ok(LoadOptions {
            root: self.root.clone(),
            overrides: Overrides::default(),
            now: match self.now {
                Some(now) => now,
                None => Now::Instant(default_now()?),
            },
            drafts: self.drafts,
        })
    }
}

#[derive(Debug, Args)]
pub(crate) struct BuildArgs {
    #[command(flatten)]
    pub(crate) common: CommonArgs,
    /// The output folder, replaced by each successful build: it must be missing, empty
    /// or an earlier output of infoportal. Default: <root>/public.
    #[arg(long, value_name = "DIR")]
    pub(crate) out: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub(crate) struct ServeArgs {
    /// The portal folder (the one with portal.yaml).
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub(crate) root: PathBuf,
    /// The port to listen on (0: any free port).
    #[arg(long, default_value_t = 1111)]
    pub(crate) port: u16,
    /// The address to listen on. Other machines can reach the preview only if this is
    /// not a loopback address, and only by IP address: requests for a name other than
    /// localhost are refused.
    #[arg(long, default_value = "127.0.0.1")]
    pub(crate) bind: IpAddr,
    /// Show drafts.
    #[arg(long)]
    pub(crate) drafts: bool,
    /// The build's time (default: the clock at each rebuild).
    #[arg(long, value_name = "TIME", value_parser = parse_now)]
    pub(crate) now: Option<Now>,
    /// The language of the error page and the messages: `sv` or `en`. Default: the
    /// portal's `language`.
    #[arg(long, value_name = "sv|en", value_parser = parse_lang)]
    pub(crate) lang: Option<Lang>,
}

#[derive(Debug, Args)]
pub(crate) struct NewArgs {
    #[command(subcommand)]
    pub(crate) what: NewCommand,
    /// The language of the messages: `sv` or `en`. Default: the portal's `language`.
    #[arg(long, global = true, value_name = "sv|en", value_parser = parse_lang)]
    pub(crate) lang: Option<Lang>,
}

#[derive(Debug, Subcommand)]
pub(crate) enum NewCommand {
    /// A dated operations notice in content/driftinformation/.
    Notice {
        /// The notice's title.
        #[arg(value_parser = parse_title)]
        title: String,
        /// planerat-underhall, storning or information.
        #[arg(long, value_parser = parse_kind)]
        kind: NoticeKind,
        /// When it starts: 2027-01-17T06:00 or "2027-01-17 06:00" in the portal's time
        /// zone (`timezone` in portal.yaml), or with an offset: 2027-01-17T06:00:00+01:00.
        #[arg(long, value_parser = TimeArg::parse)]
        start: TimeArg,
        /// When it ends (required for planned maintenance), written as --start.
        #[arg(long, value_parser = TimeArg::parse)]
        end: Option<TimeArg>,
        /// Affected environments.
        #[arg(long, value_delimiter = ',', value_parser = parse_environment, default_value = "produktion")]
        environments: Vec<Environment>,
        /// Affected components.
        #[arg(long, value_delimiter = ',', value_parser = parse_component)]
        components: Vec<String>,
        /// The portal folder.
        #[arg(long, value_name = "DIR", default_value = ".")]
        root: PathBuf,
    },
    /// A page: `new page anslutning/testmiljo` creates content/anslutning/testmiljo.md.
    Page {
        /// The page's path under content/, without .md.
        path: String,
        /// The page's title (default: from the file name).
        #[arg(long, value_parser = parse_title)]
        title: Option<String>,
        /// The portal folder.
        #[arg(long, value_name = "DIR", default_value = ".")]
        root: PathBuf,
    },
    /// The next version of an agreement document, copied from its newest published version.
    Version {
        /// The document id (its folder under agreements/).
        id: String,
        /// A new major version (1.2 → 2.0) instead of the next minor (1.2 → 1.3).
        #[arg(long)]
        major: bool,
        /// The date it takes effect, written as `valid_from:` (default: today, its date).
        #[arg(long, value_name = "DATE", value_parser = parse_date)]
        valid_from: Option<infoportal::model::time::Date>,
        /// Create it even though a draft of the next version already exists.
        #[arg(long)]
        force: bool,
        /// The portal folder.
        #[arg(long, value_name = "DIR", default_value = ".")]
        root: PathBuf,
    },
}

fn parse_now(text: &str) -> Result<Now, String> {
    Now::parse(text)
}

/// A bad `--base-url` is a usage error (exit 2), checked as `base_url` is.
fn parse_base_url(text: &str) -> Result<String, String> {
    infoportal::model::config::BaseUrl::parse(text)
        .map(|_| text.to_string())
        // In English, as are clap's words around it.
        .map_err(|problem| problem.to_string())
}

/// A title given on the command line: words to show, on one line. The build would
/// refuse an empty one or one with control characters (E0103, E0110) in the file `new`
/// writes; refused here, it is a usage error (exit 2) and no file is written.
fn parse_title(text: &str) -> Result<String, String> {
    if text.trim().is_empty() {
        return Err("the title is empty: give the words readers see as the heading".to_string());
    }
    no_control_characters(text, "write the title on one line")?;
    Ok(text.to_string())
}

/// One name of `--components`: not empty, no control characters.
fn parse_component(text: &str) -> Result<String, String> {
    if text.trim().is_empty() {
        return Err(
            "a component name is empty: separate names with commas, e.g. `--components BT,Kalla`"
                .to_string(),
        );
    }
    no_control_characters(text, "write the name on one line")?;
    Ok(text.trim().to_string())
}

fn no_control_characters(text: &str, fix: &str) -> Result<(), String> {
    match text.chars().find(|c| c.is_control()) {
        Some(c) => Err(format!(
            "`{}` holds the control character U+{:04X}: {fix}, without control characters",
            text.escape_debug(),
            u32::from(c)
        )),
        None => Ok(()),
    }
}

fn parse_lang(text: &str) -> Result<Lang, String> {
    Lang::parse(text)
        .ok_or_else(|| format!("`{text}` is no language messages are written in; use `sv` or `en`"))
}

fn parse_date(text: &str) -> Result<infoportal::model::time::Date, String> {
    infoportal::model::time::parse_date(text.trim())
        .ok_or_else(|| format!("`{text}` is not a date: write it as 2027-01-01"))
}

fn parse_kind(text: &str) -> Result<NoticeKind, String> {
    NoticeKind::parse(text).ok_or_else(|| {
        format!(
            "`{text}` is not a kind: use {}",
            NoticeKind::NAMES.join(", ")
        )
    })
}

fn parse_environment(text: &str) -> Result<Environment, String> {
    Environment::parse(text.trim())
        .ok_or_else(|| format!("`{text}` is not an environment: use produktion or test"))
}

/// The build's time when `--now` is absent: `SOURCE_DATE_EPOCH`, else the clock.
pub(crate) fn default_now() -> Result<jiff::Timestamp, String> {
    match std::env::var("SOURCE_DATE_EPOCH") {
        Ok(value) => value
            .trim()
            .parse::<i64>()
            .ok()
            .and_then(|s| jiff::Timestamp::from_second(s).ok())
            .ok_or_else(|| format!("SOURCE_DATE_EPOCH `{value}` is not a number of seconds")),
        Err(_) => Ok(jiff::Timestamp::now()),
    }
}

/// A warning's code for `--keep-warning`: `W` and four digits (`w0102` is read as
/// `W0102`).
fn parse_warning_code(value: &str) -> Result<String, String> {
    let code = value.trim().to_ascii_uppercase();
    let digits = code.strip_prefix('W').unwrap_or_default();
    if digits.len() == 4 && digits.bytes().all(|b| b.is_ascii_digit()) {
        Ok(code)
    } else {
        Err(format!(
            "`{value}` is no warning's code: a `W` and four digits, such as `W0102`"
        ))
    }
}

impl CommonArgs {
    /// `--path-prefix`, or the portal's place in its Git repository.
    pub(crate) fn prefix(&self) -> PathPrefix {
        (self.path_prefix.clone()).unwrap_or_else(|| PathPrefix::of_repository(&self.root))
    }

    pub(crate) fn options(
        &self,
        out: Option<PathBuf>,
        target: Target,
    ) -> Result<BuildOptions, String> {
        let now = match self.now {
            Some(now) => now,
            None => Now::Instant(default_now()?),
        };
        Ok(BuildOptions {
            root: self.root.clone(),
            out,
            base_url: self.base_url.clone(),
            now,
            drafts: self.drafts,
            target,
            strict: self.strict,
            cancel: None,
            keep_warnings: self.keep_warning.clone(),
        })
    }
}

impl NewCommand {
    pub(crate) fn scaffold(&self) -> Result<(PathBuf, Scaffold), String> {
        Ok(match self {
            NewCommand::Notice {
                title,
                kind,
                start,
                end,
                environments,
                components,
                root,
            } => (
                root.clone(),
                Scaffold::Notice(infoportal::new::NewNotice {
                    title: title.clone(),
                    kind: *kind,
                    start: *start,
                    end: *end,
                    environments: environments.clone(),
                    components: components.clone(),
                    now: default_now()?,
                }),
            ),
            NewCommand::Page { path, title, root } => (
                root.clone(),
                Scaffold::Page(NewPage {
                    path: path.clone(),
                    title: title.clone(),
                }),
            ),
            NewCommand::Version {
                id,
                major,
                valid_from,
                force,
                root,
            } => (
                root.clone(),
                Scaffold::Version(NewVersion {
                    id: id.clone(),
                    major: *major,
                    valid_from: *valid_from,
                    force: *force,
                    now: default_now()?,
                }),
            ),
        })
    }
}
