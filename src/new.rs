//! `infoportal new`: scaffolds a notice, a page or the next version of an agreement
//! document, always as a new file (an existing file is never overwritten).

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result, bail};
use jiff::Timestamp;
use jiff::civil::DateTime;
use jiff::tz::{AmbiguousOffset, Offset, TimeZone};

use crate::load::config::Overrides;
use crate::load::notices::PLACEHOLDER;
use crate::model::config::Config;
use crate::model::document::{DocVersion, Document};
use crate::model::notice::{Environment, NoticeKind};
use crate::model::paths::{AGREEMENTS_DIR, CONFIG_FILE, CONTENT_DIR, NOTICES_DIR};
use crate::model::time::{Date, iso_local};
use crate::model::version::Version;
use crate::util::diag::{Diagnostic, excerpt};
use crate::util::i18n::{Lang, Text, TextError, msg};
use crate::util::slug::{is_slug, slugify};

/// What to create.
#[derive(Debug, Clone)]
pub enum Scaffold {
    /// An operations notice.
    Notice(NewNotice),
    /// A content page.
    Page(NewPage),
    /// The next version of an agreement document.
    Version(NewVersion),
}

/// A notice to create.
#[derive(Debug, Clone)]
pub struct NewNotice {
    /// The notice's `title:`; its slug (or `meddelande` when it has none) names the file,
    /// after the start date.
    pub title: String,
    /// What the notice is about (`kind:`), which also picks the placeholder text of its
    /// body; planned maintenance needs an `end`.
    pub kind: NoticeKind,
    /// When it begins (`start:`), resolved in the portal's time zone when given without
    /// an offset; its date starts the file name.
    pub start: TimeArg,
    /// End (required for planned maintenance).
    pub end: Option<TimeArg>,
    /// Affected environments.
    pub environments: Vec<Environment>,
    /// Affected components.
    pub components: Vec<String>,
    /// Now: the notice's `published` time.
    pub now: Timestamp,
}

/// A time as given on the command line: exact, or a wall-clock time in the portal's
/// time zone (which is only known once `portal.yaml` is read).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimeArg {
    /// With an offset: `2027-01-17T06:00:00+01:00`.
    Exact(Timestamp),
    /// Without one: `2027-07-10T18:00` or `2027-07-10 18:00`.
    Local(DateTime),
}

impl TimeArg {
    /// Parses `--start`/`--end`: RFC 3339 with an offset, or a date and a time of day
    /// without one. A bare date is refused (it has no time of day), and so is a time
    /// zone name in brackets (the portal's time zone is the one used).
    pub fn parse(text: &str) -> Result<TimeArg, String> {
        let text = text.trim();
        if let Ok(t) = text.parse::<Timestamp>() {
            return Ok(TimeArg::Exact(t));
        }
        if crate::model::time::parse_date(text).is_some() {
            return Err(format!(
                "`{text}` has no time of day: write it as `{text}T06:00` (in the portal's time zone) or with an offset, `{text}T06:00:00+01:00`"
            ));
        }
        if !text.contains('[')
            && let Ok(dt) = text.parse::<DateTime>()
        {
            return Ok(TimeArg::Local(dt));
        }
        Err(format!(
            "`{text}` is not a time: write `2027-01-17T06:00` (in the portal's time zone) or with an offset, `2027-01-17T06:00:00+01:00`"
        ))
    }

    /// The instant, a local time taken in `tz`. A local time the clocks skip (spring
    /// forward) or show twice (autumn) is refused, naming the offsets to choose from:
    /// guessing would announce a maintenance window an hour off.
    pub(crate) fn resolve(self, flag: &str, tz: &TimeZone) -> Result<Timestamp> {
        let dt = match self {
            TimeArg::Exact(t) => return Ok(t),
            TimeArg::Local(dt) => dt,
        };
        let zone = match tz.iana_name() {
            Some(name) => Text::from(name),
            None => Text::from(msg!("new-portal-zone")),
        };
        let local = dt.strftime("%Y-%m-%dT%H:%M").to_string();
        let at = |offset: Offset| offset.to_timestamp(dt);
        match tz.to_ambiguous_timestamp(dt).offset() {
            AmbiguousOffset::Unambiguous { offset } => Ok(at(offset)?),
            AmbiguousOffset::Gap { before, after } => {
                // The same instant as the skipped time read with the old offset.
                let same = crate::model::time::iso_local(at(before)?, tz);
                bail!(TextError::from(msg!(
                    "new-time-skipped",
                    flag = flag,
                    local = local,
                    zone = zone,
                    before = offset_text(before),
                    after = offset_text(after),
                    same = same,
                )))
            }
            AmbiguousOffset::Fold { before, after } => bail!(TextError::from(msg!(
                "new-time-twice",
                flag = flag,
                local = local,
                zone = zone,
                before = offset_text(before),
                after = offset_text(after),
                first = crate::model::time::iso_local(at(before)?, tz),
                second = crate::model::time::iso_local(at(after)?, tz),
            ))),
        }
    }
}

/// `+02:00`, as RFC 3339 writes an offset (jiff's `Display` writes `+02`).
fn offset_text(offset: Offset) -> String {
    let seconds = offset.seconds();
    let sign = if seconds < 0 { '-' } else { '+' };
    let minutes = seconds.unsigned_abs() / 60;
    format!("{sign}{:02}:{:02}", minutes / 60, minutes % 60)
}

/// A page to create.
#[derive(Debug, Clone)]
pub struct NewPage {
    /// Path under `content/` without `.md`, e.g. `anslutning/testmiljo`.
    pub path: String,
    /// Title; derived from the file name when absent.
    pub title: Option<String>,
}

/// A version to create.
#[derive(Debug, Clone)]
pub struct NewVersion {
    /// Document id.
    pub id: String,
    /// Next major instead of next minor.
    pub major: bool,
    /// The new version's `valid_from` (default: its `date`, today).
    pub valid_from: Option<Date>,
    /// Create it even if a draft of a later version exists.
    pub force: bool,
    /// Now: the new version's `date`.
    pub now: Timestamp,
}

/// Creates the file and returns its path relative to the root.
pub fn create(root: &Path, scaffold: &Scaffold) -> Result<PathBuf> {
    let config = read_config(root)?;
    let (rel, text) = match scaffold {
        Scaffold::Notice(n) => notice(&config, n)?,
        Scaffold::Page(p) => page(p)?,
        Scaffold::Version(v) => version(root, &config, v)?,
    };
    let path = root.join(&rel);
    if path.exists() {
        bail!(TextError::from(msg!(
            "new-exists",
            path = rel.display().to_string()
        )));
    }
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)
            .with_context(|| format!("failed to create `{}`", parent.display()))?;
    }
    // `create_new` closes the gap between the check above and the write.
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
        .with_context(|| format!("failed to create `{}`", path.display()))?;
    std::io::Write::write_all(&mut file, text.as_bytes())
        .with_context(|| format!("failed to write `{}`", path.display()))?;
    Ok(rel)
}

fn read_config(root: &Path) -> Result<Config> {
    crate::load::config::load_config(root, &Overrides::default())?.map_err(|d| {
        let problem = d.into_sorted().into_iter().next().map(|d| shown(&d));
        anyhow::Error::new(TextError::from(msg!(
            "new-config-has-errors",
            file = CONFIG_FILE,
            problem = problem.unwrap_or_default(),
        )))
    })
}

/// A diagnostic as `check` prints it (without the line it points at), in each language.
fn shown(d: &Diagnostic) -> Text {
    let [sv, en] = [Lang::Sv, Lang::En].map(|lang| excerpt::render(d, None, false, lang));
    Text::new(sv, en)
}

fn notice(config: &Config, n: &NewNotice) -> Result<(PathBuf, String)> {
    if n.kind == NoticeKind::PlannedMaintenance && n.end.is_none() {
        bail!(TextError::from(msg!("new-needs-end")));
    }
    let tz = &config.timezone;
    let start = n.start.resolve("--start", tz)?;
    let end = n.end.map(|e| e.resolve("--end", tz)).transpose()?;
    if end.is_some_and(|e| e < start) {
        bail!(TextError::from(msg!("new-end-before-start")));
    }
    let date = &iso_local(start, tz)[..10];
    let slug = slugify(&n.title);
    let slug = if slug.is_empty() {
        "meddelande".to_string()
    } else {
        slug
    };
    let rel = PathBuf::from(format!("{}{date}-{slug}.md", NOTICES_DIR));
    let mut text = String::from("---\n");
    let _ = writeln!(text, "title: {}", yaml_string(&n.title));
    let _ = writeln!(text, "kind: {}", n.kind.id());
    let _ = writeln!(text, "start: {}", iso_local(start, tz));
    if let Some(end) = end {
        let _ = writeln!(text, "end: {}", iso_local(end, tz));
    }
    let environments: Vec<&str> = n
        .environments
        .iter()
        .map(|e| Environment::NAMES[*e as usize])
        .collect();
    let _ = writeln!(text, "environments: [{}]", environments.join(", "));
    if !n.components.is_empty() {
        let components: Vec<String> = n.components.iter().map(|c| yaml_string(c)).collect();
        let _ = writeln!(text, "components: [{}]", components.join(", "));
    }
    let _ = writeln!(text, "published: {}", iso_local(n.now, tz));
    text.push_str("---\n");
    text.push_str(PLACEHOLDER);
    text.push(' ');
    text.push_str(match n.kind {
        NoticeKind::PlannedMaintenance => {
            "Beskriv vad som görs under underhållet, vad som inte fungerar under tiden och vad kommuner och tjänsteleverantörer behöver göra.\n"
        }
        NoticeKind::Disturbance => {
            "Beskriv vad som inte fungerar, hur det märks (till exempel svar med `kalla` BT) och när nästa lägesrapport kommer.\n"
        }
        NoticeKind::Information => "Beskriv vad som gäller och vad mottagarna behöver göra.\n",
    });
    Ok((rel, text))
}

fn page(p: &NewPage) -> Result<(PathBuf, String)> {
    let path = p.path.trim_matches('/');
    let path = path.strip_suffix(".md").unwrap_or(path);
    if path.is_empty() {
        bail!(TextError::from(msg!("new-page-path-empty")));
    }
    for segment in path.split('/') {
        if !is_slug(segment) {
            bail!(TextError::from(msg!(
                "new-page-bad-name",
                segment = segment,
                slug = slugify(segment),
            )));
        }
    }
    let rel = PathBuf::from(format!("{CONTENT_DIR}/{path}.md"));
    let title = p.title.clone().unwrap_or_else(|| {
        let last = path
            .rsplit('/')
            .next()
            .unwrap_or(path)
            .replace(['-', '_'], " ");
        let mut chars = last.chars();
        chars
            .next()
            .map(|c| c.to_uppercase().chain(chars).collect())
            .unwrap_or_default()
    });
    let text = format!(
        "---\ntitle: {}\n# description: En mening om vad sidan handlar om (visas i sökresultat).\n---\nSkriv sidans text här. Rubriker börjar på nivå två: `## Rubrik`.\n",
        yaml_string(&title)
    );
    Ok((rel, text))
}

fn version(root: &Path, config: &Config, v: &NewVersion) -> Result<(PathBuf, String)> {
    let dir = root.join(AGREEMENTS_DIR).join(&v.id);
    if !dir.is_dir() {
        bail!(TextError::from(msg!(
            "new-no-document",
            id = &v.id,
            folder = format!("{AGREEMENTS_DIR}/{}", v.id),
        )));
    }
    let today = crate::model::time::date_in(v.now, &config.timezone);
    let document = crate::load::agreements::load_document(root, &v.id, today)?.map_err(|d| {
        let problem = shown(&d);
        anyhow::Error::new(TextError::from(msg!(
            "new-document-has-errors",
            id = &v.id,
            problem = problem,
        )))
    })?;
    let Some(highest) = document.versions.last() else {
        bail!(TextError::from(msg!("new-no-versions", id = &v.id)));
    };
    let next = if v.major {
        highest.version.next_major()
    } else {
        highest.version.next_minor()
    };
    let pending = pending_drafts(&document);
    if !pending.is_empty() && !v.force {
        let files = pending
            .iter()
            .map(|d| Text::from(format!("`{}`", d.source.file.rel_path)));
        bail!(TextError::from(msg!(
            "new-drafts-pending",
            files = Text::list(files),
            count = pending.len(),
            id = &v.id,
            next = next.to_string(),
        )));
    }
    // The text to copy: the newest version that is not a draft, upcoming or not (the
    // version in force, copied past an upcoming one, would drop that one's changes), else
    // (only drafts) the newest file.
    let source = document.published().last().unwrap_or(highest);
    let rel = PathBuf::from(format!("{AGREEMENTS_DIR}/{}/{next}.md", v.id));
    let dates = Dates {
        date: today,
        valid_from: v.valid_from.unwrap_or(today),
    };
    let text = rewrite_front_matter(&source.source.file.text, &next, dates).with_context(|| {
        format!(
            "cannot read the front matter of `{}`",
            source.source.file.rel_path
        )
    })?;
    Ok((rel, text))
}

/// The drafts above the newest published version: the next version, already begun.
/// (A draft below a published version was left behind and is no next version.)
fn pending_drafts(document: &Document) -> Vec<&DocVersion> {
    let newest_published = document.published().last().map(|v| &v.version);
    document
        .versions
        .iter()
        .filter(|v| v.draft && newest_published.is_none_or(|p| v.version > *p))
        .collect()
}

/// The dates a new version is written with.
#[derive(Debug, Clone, Copy)]
struct Dates {
    /// `date`: today.
    date: Date,
    /// `valid_from`: `--valid-from`, else today.
    valid_from: Date,
}

/// The copied version's front matter with the new version, its date and `valid_from`,
/// an empty comment and `draft: true`. Everything else, comments and formatting
/// included, is kept.
fn rewrite_front_matter(text: &str, version: &Version, dates: Dates) -> Result<String> {
    let split = crate::util::source::split_front_matter(text)
        .map_err(|_| anyhow::anyhow!("the file has no front matter"))?;
    const REPLACED: [&str; 5] = ["version", "date", "comment", "draft", "valid_from"];
    let mut kept: Vec<&str> = Vec::new();
    let mut skipping = false;
    for line in split.yaml.lines() {
        let top_level = !line.starts_with([' ', '\t', '-']) && !line.trim().is_empty();
        if top_level {
            skipping = REPLACED
                .iter()
                .any(|k| crate::load::yaml::is_key_line(line, k));
        }
        if !skipping {
            kept.push(line);
        }
    }
    let written = format!(
        "version: \"{version}\"\ndate: {}\nvalid_from: {}\ncomment: \"\"\ndraft: true\n",
        dates.date, dates.valid_from
    );
    let mut out = String::from("---\n");
    for line in &kept {
        out.push_str(line);
        out.push('\n');
        if line.starts_with("title:") {
            out.push_str(&written);
        }
    }
    if !kept.iter().any(|l| l.starts_with("title:")) {
        out.push_str(&written);
    }
    out.push_str("---\n");
    out.push_str(split.body);
    Ok(out)
}

/// A YAML scalar for a title: quoted when it would otherwise be misread.
fn yaml_string(text: &str) -> String {
    let plain = !text.is_empty()
        && !text.starts_with([
            '-', '?', ':', ',', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', '\'', '"', '%',
            '@', '`', ' ',
        ])
        && !text.contains(": ")
        && !text.contains(" #")
        && !text.ends_with([' ', ':']);
    if plain {
        text.to_string()
    } else {
        format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rewrites_the_copied_front_matter() {
        let text = "---\ntitle: A\nversion: \"1.2\"\ndate: 2021-01-01\nvalid_from: 2021-02-01\nauthor: F\ncomment: >\n  Lång\n  kommentar\ndocuments:\n  - a # sig själv\n  - b\n---\n## 1 Text\n";
        let dates = Dates {
            date: jiff::civil::date(2026, 11, 26),
            valid_from: jiff::civil::date(2027, 1, 1),
        };
        let out = rewrite_front_matter(text, &Version::parse("1.3").unwrap(), dates).unwrap();
        assert_eq!(
            out,
            "---\ntitle: A\nversion: \"1.3\"\ndate: 2026-11-26\nvalid_from: 2027-01-01\ncomment: \"\"\ndraft: true\nauthor: F\ndocuments:\n  - a # sig själv\n  - b\n---\n## 1 Text\n"
        );
    }

    fn stockholm(text: &str) -> Result<String, String> {
        let tz = TimeZone::get("Europe/Stockholm").unwrap();
        let arg = TimeArg::parse(text)?;
        arg.resolve("--start", &tz)
            .map(|t| iso_local(t, &tz))
            .map_err(|e| e.to_string())
    }

    #[test]
    fn local_times_take_the_offset_of_their_date() {
        assert_eq!(
            stockholm("2027-07-10T18:00").unwrap(),
            "2027-07-10T18:00:00+02:00"
        );
        assert_eq!(
            stockholm("2027-07-10 18:00").unwrap(),
            "2027-07-10T18:00:00+02:00"
        );
        assert_eq!(
            stockholm("2027-01-17T06:00:30").unwrap(),
            "2027-01-17T06:00:30+01:00"
        );
        // With an offset, the instant as given (shown in the portal's time zone).
        assert_eq!(
            stockholm("2027-07-10T18:00:00+01:00").unwrap(),
            "2027-07-10T19:00:00+02:00"
        );
        assert_eq!(
            stockholm("2027-07-10T16:00:00Z").unwrap(),
            "2027-07-10T18:00:00+02:00"
        );
    }

    #[test]
    fn skipped_and_repeated_local_times_are_refused_with_the_offsets() {
        // 2027-03-28: clocks go from 02:00 +01:00 to 03:00 +02:00.
        assert_eq!(
            stockholm("2027-03-28T02:30").unwrap_err(),
            "`--start 2027-03-28T02:30` does not exist in Europe/Stockholm: the clocks go forward that night, from +01:00 to +02:00, and skip it; write the time with an offset, e.g. `2027-03-28T03:30:00+02:00`"
        );
        // 2027-10-31: clocks go from 03:00 +02:00 back to 02:00 +01:00.
        assert_eq!(
            stockholm("2027-10-31 02:30").unwrap_err(),
            "`--start 2027-10-31T02:30` is ambiguous in Europe/Stockholm: the clocks go back that night and show it twice, first at +02:00 and then at +01:00; write the offset you mean: `2027-10-31T02:30:00+02:00` or `2027-10-31T02:30:00+01:00`"
        );
        // Just outside both, no doubt.
        assert_eq!(
            stockholm("2027-03-28T03:00").unwrap(),
            "2027-03-28T03:00:00+02:00"
        );
        assert_eq!(
            stockholm("2027-10-31T03:00").unwrap(),
            "2027-10-31T03:00:00+01:00"
        );
    }

    #[test]
    fn what_is_not_a_time_of_day_is_refused() {
        assert!(
            TimeArg::parse("2027-07-10")
                .unwrap_err()
                .contains("has no time of day: write it as `2027-07-10T06:00`")
        );
        for bad in [
            "18:00",
            "10/7 2027 18:00",
            "2027-07-10T18:00[Europe/Oslo]",
            "",
        ] {
            assert!(
                TimeArg::parse(bad).unwrap_err().contains("is not a time"),
                "{bad}"
            );
        }
    }

    #[test]
    fn offsets_are_written_as_rfc_3339_does() {
        assert_eq!(offset_text(Offset::from_seconds(7200).unwrap()), "+02:00");
        assert_eq!(offset_text(Offset::from_seconds(-12600).unwrap()), "-03:30");
        assert_eq!(offset_text(Offset::UTC), "+00:00");
    }

    #[test]
    fn quotes_titles_that_yaml_would_misread() {
        assert_eq!(yaml_string("Underhåll i LEFI"), "Underhåll i LEFI");
        assert_eq!(yaml_string("Obs: nytt"), "\"Obs: nytt\"");
        assert_eq!(yaml_string("\"Citat\""), "\"\\\"Citat\\\"\"");
    }
}
