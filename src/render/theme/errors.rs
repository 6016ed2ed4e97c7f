//! Tera's errors as diagnostics: at the template's file, line and column, whether Tera
//! reports them as structured errors or only as text, while loading or rendering.

use std::collections::BTreeMap;

use crate::util::diag::{Diagnostic, Location};
use crate::util::i18n::{Msg, msg};

/// E0502 with Tera's own message, which is English and stays so.
fn tera_message(message: &str) -> Msg {
    msg!(
        "e0502-template-error",
        message = message.trim_end_matches('.'),
    )
}

/// Turns a Tera error into diagnostics at the template's file, line and column.
///
/// `sources` maps template names to root-relative paths; `text_of` gives a template's
/// text where it is still at hand (while loading), to find the line Tera does not name.
pub(super) fn template_diagnostics<'t>(
    error: &tera::Error,
    sources: &BTreeMap<String, String>,
    text_of: &dyn Fn(&str) -> Option<&'t str>,
    page: Option<&str>,
) -> Vec<Diagnostic> {
    let path_of = |name: &str| {
        sources
            .get(name)
            .cloned()
            .unwrap_or_else(|| name.to_string())
    };
    let found: Vec<(Msg, Location)> = match error.kind() {
        tera::ErrorKind::SyntaxError(report) | tera::ErrorKind::RenderingError(report) => {
            let span = report.span();
            vec![(
                tera_message(report.message()),
                Location::new(
                    path_of(report.filename()),
                    span.start_line as u32,
                    span.start_col as u32 + 1,
                ),
            )]
        }
        tera::ErrorKind::MissingParent { current, parent } => {
            let path = path_of(current);
            // The `{% extends %}` tag is where the parent's name is first quoted.
            let at = text_of(current).and_then(|text| {
                let quoted = [format!("\"{parent}\""), format!("'{parent}'")];
                let offset = quoted.iter().filter_map(|q| text.find(q.as_str())).min()?;
                let (line, col) = crate::util::source::line_col(text, offset);
                Some(Location::new(path.clone(), line, col))
            });
            vec![(
                msg!(
                    "e0502-missing-parent",
                    template = &**current,
                    parent = &**parent
                ),
                at.unwrap_or_else(|| Location::file(path)),
            )]
        }
        _ => {
            let mut message = error.to_string();
            let mut source = std::error::Error::source(error);
            while let Some(cause) = source {
                message.push_str(": ");
                message.push_str(&cause.to_string());
                source = cause.source();
            }
            let reports = tera_reports(&message, &path_of);
            if reports.is_empty() {
                let location = mentioned_template(&message, sources)
                    .map_or_else(|| Location::file("themes"), Location::file);
                vec![(tera_message(&message), location)]
            } else {
                reports
            }
        }
    };
    found
        .into_iter()
        .map(|(message, location)| {
            let d = Diagnostic::error("E0502", message).at(location);
            match page {
                Some(page) => d.note(msg!("e0502-while-rendering", page = page)),
                None => d,
            }
        })
        .collect()
}

/// The reports in a Tera message that holds them as text (an unknown template, filter
/// or test found while loading): each `error: <message>` line and the
/// `--> <name>:<line>:<col>` line after it.
fn tera_reports(message: &str, path_of: &dyn Fn(&str) -> String) -> Vec<(Msg, Location)> {
    let mut reports = Vec::new();
    let mut lines = message.lines();
    while let Some(line) = lines.next() {
        let Some(text) = line.strip_prefix("error: ") else {
            continue;
        };
        let Some(place) = lines
            .next()
            .and_then(|l| l.trim_start().strip_prefix("--> "))
        else {
            continue;
        };
        let mut parts = place.rsplitn(3, ':');
        let (Some(col), Some(line), Some(name)) = (parts.next(), parts.next(), parts.next()) else {
            continue;
        };
        let (Ok(line), Ok(col)) = (line.parse(), col.parse()) else {
            continue;
        };
        reports.push((tera_message(text), Location::new(path_of(name), line, col)));
    }
    reports
}

fn mentioned_template(message: &str, sources: &BTreeMap<String, String>) -> Option<String> {
    sources
        .iter()
        .find(|(name, _)| message.contains(&format!("'{name}'")))
        .map(|(_, path)| path.clone())
}
