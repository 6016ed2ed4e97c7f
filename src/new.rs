//! `infoportal new`: scaffolds a notice, a page or the next version of an agreement
//! document, always as a new file (an existing file is never overwritten).

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result, bail};
use jiff::Timestamp;

use crate::config::{CONFIG_FILE, Config, Overrides};
use crate::load::{AGREEMENTS_DIR, CONTENT_DIR, slugify};
use crate::model::{Version, is_slug};
use crate::notices::{self, Environment, NoticeKind};

/// What to create.
#[derive(Debug, Clone)]
pub enum Scaffold {
    /// An operations notice.
    Notice(NewNotice),
    /// A page.
    Page(NewPage),
    /// The next version of an agreement document.
    Version(NewVersion),
}

/// A notice to create.
#[derive(Debug, Clone)]
pub struct NewNotice {
    /// Title.
    pub title: String,
    /// Kind.
    pub kind: NoticeKind,
    /// Start.
    pub start: Timestamp,
    /// End (required for planned maintenance).
    pub end: Option<Timestamp>,
    /// Affected environments.
    pub environments: Vec<Environment>,
    /// Affected components.
    pub components: Vec<String>,
    /// Now: the notice's `published` time.
    pub now: Timestamp,
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
        bail!(
            "`{}` already exists; infoportal new never overwrites a file",
            rel.display()
        );
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
    crate::load::load_config(root, &Overrides::default())?.map_err(|d| {
        let first = d.into_sorted().into_iter().next();
        anyhow::anyhow!(
            "{} has errors; run `infoportal check` first{}",
            CONFIG_FILE,
            first.map(|d| format!(": {d}")).unwrap_or_default()
        )
    })
}

fn notice(config: &Config, n: &NewNotice) -> Result<(PathBuf, String)> {
    if n.kind == NoticeKind::PlannedMaintenance && n.end.is_none() {
        bail!("planned maintenance needs `--end`: a maintenance window is announced with its end");
    }
    if n.end.is_some_and(|e| e < n.start) {
        bail!("`--end` is before `--start`");
    }
    let tz = &config.timezone;
    let date = &notices::iso_local(n.start, tz)[..10];
    let slug = slugify(&n.title);
    let slug = if slug.is_empty() {
        "meddelande".to_string()
    } else {
        slug
    };
    let rel = PathBuf::from(format!("{}{date}-{slug}.md", notices::NOTICES_DIR));
    let mut text = String::from("---\n");
    let _ = writeln!(text, "title: {}", yaml_string(&n.title));
    let _ = writeln!(text, "kind: {}", n.kind.id());
    let _ = writeln!(text, "start: {}", notices::iso_local(n.start, tz));
    if let Some(end) = n.end {
        let _ = writeln!(text, "end: {}", notices::iso_local(end, tz));
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
    let _ = writeln!(text, "published: {}", notices::iso_local(n.now, tz));
    text.push_str("---\n");
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
        bail!("give the page's path under content/, e.g. `anslutning/testmiljo`");
    }
    for segment in path.split('/') {
        if !is_slug(segment) {
            bail!(
                "`{segment}` cannot be used in a URL; use lowercase letters a-z, digits, `-` and `_`, e.g. `{}`",
                slugify(segment)
            );
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
        bail!(
            "there is no agreement document `{}` (no folder `{AGREEMENTS_DIR}/{}`)",
            v.id,
            v.id
        );
    }
    let today = crate::load::date_in(v.now, &config.timezone);
    let document = crate::load::load_document(root, &v.id, today)?
        .map_err(|d| anyhow::anyhow!("`{}` has errors; run `infoportal check` first: {d}", v.id))?;
    let Some(highest) = document.versions.last() else {
        bail!("`{}` has no version files to copy", v.id);
    };
    // The text to copy: the version in force today, else the newest that is not a draft,
    // else (only drafts) the newest file.
    let source = document
        .current
        .map(|i| &document.versions[i])
        .or_else(|| document.published().last())
        .unwrap_or(highest);
    let next = if v.major {
        highest.version.next_major()
    } else {
        highest.version.next_minor()
    };
    let rel = PathBuf::from(format!("{AGREEMENTS_DIR}/{}/{next}.md", v.id));
    let text = rewrite_front_matter(&source.source.text, &next, &today.to_string()).with_context(
        || {
            format!(
                "cannot read the front matter of `{}`",
                source.source.rel_path
            )
        },
    )?;
    Ok((rel, text))
}

/// The copied version's front matter with the new version, today's date, an empty
/// comment and `draft: true`; `valid_from` is dropped (the new version sets its own).
/// Everything else, comments and formatting included, is kept.
fn rewrite_front_matter(text: &str, version: &Version, date: &str) -> Result<String> {
    let split = crate::source::split_front_matter(text)
        .map_err(|_| anyhow::anyhow!("the file has no front matter"))?;
    const REPLACED: [&str; 5] = ["version", "date", "comment", "draft", "valid_from"];
    let mut kept: Vec<&str> = Vec::new();
    let mut skipping = false;
    for line in split.yaml.lines() {
        let top_level = !line.starts_with([' ', '\t', '-']) && !line.trim().is_empty();
        if top_level {
            skipping = REPLACED.iter().any(|k| crate::yaml::is_key_line(line, k));
        }
        if !skipping {
            kept.push(line);
        }
    }
    let mut out = String::from("---\n");
    for line in &kept {
        out.push_str(line);
        out.push('\n');
        if line.starts_with("title:") {
            let _ = writeln!(
                out,
                "version: \"{version}\"\ndate: {date}\ncomment: \"\"\ndraft: true"
            );
        }
    }
    if !kept.iter().any(|l| l.starts_with("title:")) {
        let _ = writeln!(
            out,
            "version: \"{version}\"\ndate: {date}\ncomment: \"\"\ndraft: true"
        );
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
        let out =
            rewrite_front_matter(text, &Version::parse("1.3").unwrap(), "2026-11-26").unwrap();
        assert_eq!(
            out,
            "---\ntitle: A\nversion: \"1.3\"\ndate: 2026-11-26\ncomment: \"\"\ndraft: true\nauthor: F\ndocuments:\n  - a # sig själv\n  - b\n---\n## 1 Text\n"
        );
    }

    #[test]
    fn quotes_titles_that_yaml_would_misread() {
        assert_eq!(yaml_string("Underhåll i LEFI"), "Underhåll i LEFI");
        assert_eq!(yaml_string("Obs: nytt"), "\"Obs: nytt\"");
        assert_eq!(yaml_string("\"Citat\""), "\"\\\"Citat\\\"\"");
    }
}
