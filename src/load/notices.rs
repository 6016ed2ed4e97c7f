//! Reading operations notices: `content/driftinformation/<name>.md` → [`Notice`].

use std::path::Path;

use anyhow::Result;
use jiff::Timestamp;
use serde::Deserialize;

use crate::load::frontmatter::{self, YamlSource};
use crate::load::pages::page_url;
use crate::load::walk::read_source;
use crate::model::notice::{Environment, Notice, NoticeKind};
use crate::model::source::Source;
use crate::model::time::parse_date;
use crate::util::diag::{Diagnostic, closest};
use crate::util::i18n::msg;
use crate::util::source::SourceFile;

/// The sentence `infoportal new notice` writes where the notice's text goes; a notice
/// that still has it is not finished (W0601).
pub(crate) const PLACEHOLDER: &str = "Ersätt den här texten med meddelandet.";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawNotice {
    // Required text is read as `Option`, see `YamlSource::required`.
    title: Option<String>,
    kind: Option<String>,
    start: Option<String>,
    end: Option<String>,
    environments: Option<Vec<String>>,
    components: Option<Vec<String>>,
    resolved: Option<String>,
    description: Option<String>,
    published: Option<String>,
    updated: Option<String>,
    draft: Option<bool>,
}

pub(super) fn load_notice_file(
    root: &Path,
    path: &Path,
    drafts: bool,
    now: jiff::Timestamp,
) -> Result<Result<Notice, Diagnostic>> {
    let file = match read_source(root, path)? {
        Ok(file) => file,
        Err(d) => return Ok(Err(d)),
    };
    Ok(page_url(&file.rel_path).and_then(|(_, url)| parse_notice(file, url, drafts, now)))
}

/// Parses one notice file published at `url_path`.
pub(super) fn parse_notice(
    file: SourceFile,
    url_path: String,
    drafts: bool,
    now: Timestamp,
) -> Result<Notice, Diagnostic> {
    let (front, body_offset) = frontmatter::split(&file)?;
    let raw: RawNotice = front.parse()?;
    let title = front.required("title", raw.title)?;
    let kind_text = front.required("kind", raw.kind)?;
    let kind = kind(&front, &kind_text)?;
    let start_text = front.required("start", raw.start)?;
    let raw_environments = raw
        .environments
        .ok_or_else(|| front.no_value("environments"))?;
    let environments = environments(&front, &raw_environments)?;
    let time = |key: &str, text: &str| parse_time(&front, key, text);
    let start = time("start", &start_text)?;
    let end = raw.end.as_deref().map(|t| time("end", t)).transpose()?;
    let resolved = raw
        .resolved
        .as_deref()
        .map(|t| time("resolved", t))
        .transpose()?;
    let published_at = raw
        .published
        .as_deref()
        .map(|t| time("published", t))
        .transpose()?;
    let updated = raw
        .updated
        .as_deref()
        .map(|t| time("updated", t))
        .transpose()?;
    check_order(&front, (start, &start_text), "end", end, &raw.end)?;
    check_order(
        &front,
        (start, &start_text),
        "resolved",
        resolved,
        &raw.resolved,
    )?;
    if kind == NoticeKind::PlannedMaintenance && end.is_none() {
        let message = msg!("e0605-maintenance-without-end");
        return Err(Diagnostic::error("E0605", message).at(front.key("kind")));
    }
    // A notice may be written ahead and published at a set time: until then it is
    // treated like a draft.
    let scheduled = published_at.is_some_and(|p| p > now);
    let published_at = published_at.unwrap_or(start);
    let updated = updated.unwrap_or_else(|| published_at.max(resolved.unwrap_or(published_at)));
    let draft = raw.draft.unwrap_or(false);
    Ok(Notice {
        url_path,
        title,
        description: frontmatter::optional_text(raw.description),
        kind,
        start,
        end,
        resolved,
        published_at,
        updated,
        environments,
        components: raw.components.unwrap_or_default(),
        draft,
        published: (!draft && !scheduled) || drafts,
        source: Source::new(file, body_offset),
    })
}

/// The notice's kind (E0602 when it is none of the known ones).
fn kind(front: &YamlSource<'_>, text: &str) -> Result<NoticeKind, Diagnostic> {
    NoticeKind::parse(text).ok_or_else(|| {
        let d = Diagnostic::error("E0602", msg!("e0602-unknown-kind", kind = text))
            .at(front.key("kind"));
        let kinds = NoticeKind::NAMES.join(", ");
        match closest(text, NoticeKind::NAMES) {
            Some(near) => d.hint(msg!("e0602-did-you-mean", near = near, kinds = kinds)),
            None => d.hint(msg!("e0602-use-one-of", kinds = kinds)),
        }
    })
}

/// The affected environments, each once, in the order written; at least one.
fn environments(front: &YamlSource<'_>, names: &[String]) -> Result<Vec<Environment>, Diagnostic> {
    let mut environments = Vec::with_capacity(names.len());
    for (i, name) in names.iter().enumerate() {
        let env = Environment::parse(name.trim()).ok_or_else(|| {
            let d = Diagnostic::error("E0603", msg!("e0603-unknown-environment", name = name))
                .at(front.item("environments", i));
            match closest(name.trim(), Environment::NAMES) {
                Some(near) => d.hint(msg!("e0603-did-you-mean", near = near)),
                None => d.hint(msg!("e0603-use-one-of")),
            }
        })?;
        if !environments.contains(&env) {
            environments.push(env);
        }
    }
    if environments.is_empty() {
        let message = msg!("e0103-no-environments");
        return Err(Diagnostic::error("E0103", message).at(front.key("environments")));
    }
    Ok(environments)
}

/// E0601: `key` (`end` or `resolved`), when given, is not before `start`.
fn check_order(
    front: &YamlSource<'_>,
    (start, start_text): (Timestamp, &str),
    key: &str,
    value: Option<Timestamp>,
    text: &Option<String>,
) -> Result<(), Diagnostic> {
    if value.is_some_and(|v| v < start) {
        let text = text.as_deref().unwrap_or_default().trim();
        let message = msg!(
            "e0601-before-start",
            key = key,
            text = text,
            start = start_text,
        );
        return Err(Diagnostic::error("E0601", message).at(front.key(key)));
    }
    Ok(())
}

/// An RFC 3339 time with an offset; a time without one is ambiguous and an error.
fn parse_time(front: &YamlSource<'_>, key: &str, text: &str) -> Result<Timestamp, Diagnostic> {
    let text = text.trim();
    if let Ok(t) = text.parse::<Timestamp>() {
        return Ok(t);
    }
    let without_offset =
        text.parse::<jiff::civil::DateTime>().is_ok() || parse_date(text).is_some();
    if without_offset {
        // A date alone gets a time in the example, so that it can be copied as it is.
        let example = if text.len() == 10 {
            format!("{text}T06:00:00")
        } else {
            text.to_string()
        };
        let message = msg!("e0604-no-offset", key = key, text = text, example = example);
        return Err(Diagnostic::error("E0604", message).at(front.key(key)));
    }
    let message = msg!("e0105-not-a-time", key = key, text = text);
    Err(Diagnostic::error("E0105", message).at(front.key(key)))
}

/// W0601: the notice still says what `infoportal new notice` wrote in place of the text,
/// at the placeholder. Checked for every notice that is or will be published (all but
/// drafts outside `--drafts`): a notice scheduled with `published` goes live at a
/// rebuild nobody watches.
pub(super) fn check_placeholder(notice: &Notice) -> Option<Diagnostic> {
    if notice.draft && !notice.published {
        return None;
    }
    let body = notice.source.body();
    let at = memchr::memmem::find(body.as_bytes(), PLACEHOLDER.as_bytes())?;
    Some(
        Diagnostic::warning(
            "W0601",
            msg!("w0601-placeholder", placeholder = PLACEHOLDER),
        )
        .at(notice.source.body_location(at)),
    )
}
