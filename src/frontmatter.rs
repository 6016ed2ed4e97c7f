//! Front matter: splitting it off a file, parsing it, and turning YAML problems into
//! diagnostics at the right `path:line:col` of the whole file.

use serde::de::DeserializeOwned;

use crate::diag::{Diagnostic, Location, closest};
use crate::model::Date;
use crate::source::{self, SourceFile, Split, SplitError};
use crate::yaml::{self, Step, YamlErrorKind};

/// Splits a Markdown file into front matter and body, or explains what is missing.
pub fn split(file: &SourceFile) -> Result<Split<'_>, Diagnostic> {
    source::split_front_matter(&file.text).map_err(|e| match e {
        SplitError::Missing => {
            Diagnostic::error("E0107", "the file has no front matter")
                .at(Location::new(file.rel_path.clone(), 1, 1))
                .hint("start the file with a line `---`, the YAML keys (at least `title:`), and another `---`")
        }
        SplitError::Unclosed => Diagnostic::error("E0107", "the front matter is not closed")
            .at(Location::new(file.rel_path.clone(), 1, 1))
            .hint("end the front matter with a line containing only `---`"),
    })
}

/// Parses YAML starting at 1-based `yaml_line` of `file` into `T`.
pub fn parse_yaml<T: DeserializeOwned>(
    file: &SourceFile,
    yaml: &str,
    yaml_line: u32,
) -> Result<T, Diagnostic> {
    yaml::parse(yaml).map_err(|e| {
        let at = Location::new(file.rel_path.clone(), yaml_line + e.line - 1, e.col);
        match e.kind {
            YamlErrorKind::UnknownKey { key, expected } => {
                let d = Diagnostic::error("E0102", format!("unknown key `{key}`")).at(at);
                let known = expected
                    .iter()
                    .map(|k| format!("`{k}`"))
                    .collect::<Vec<_>>()
                    .join(", ");
                match closest(&key, expected.iter().map(String::as_str)) {
                    Some(near) => d.hint(format!("did you mean `{near}`? Known keys: {known}")),
                    None => d.hint(format!("remove it; known keys: {known}")),
                }
            }
            YamlErrorKind::MissingKey(key) => {
                Diagnostic::error("E0103", format!("missing required key `{key}`"))
                    .at(Location::new(file.rel_path.clone(), yaml_line, 1))
                    .hint(format!("add a line `{key}: …` to the front matter"))
            }
            YamlErrorKind::DuplicateKey(key) => {
                Diagnostic::error("E0101", format!("key `{key}` is given twice"))
                    .at(at)
                    .hint("keep one of them")
            }
            YamlErrorKind::Other(message) => {
                let (code, hint) = if message.contains("invalid type") {
                    ("E0104", "check the value's type: text, number, true/false or a list")
                } else {
                    ("E0101", "check the YAML syntax: `key: value` per line, lists as `- item`, quote values that contain `: ` or start with a special character")
                };
                Diagnostic::error(code, format!("invalid front matter: {message}"))
                    .at(at)
                    .hint(hint)
            }
        }
    })
}

/// The location of a top-level key (or of the YAML start if the key is absent).
pub fn key_location(file: &SourceFile, yaml: &str, yaml_line: u32, key: &str) -> Location {
    let (line, col) = yaml::locate_path(yaml, &[Step::Key(key)]).unwrap_or((1, 1));
    Location::new(file.rel_path.clone(), yaml_line + line - 1, col)
}

/// The location of the `index`-th entry of a top-level list.
pub fn item_location(
    file: &SourceFile,
    yaml: &str,
    yaml_line: u32,
    key: &str,
    index: usize,
) -> Location {
    let (line, col) =
        yaml::locate_path(yaml, &[Step::Key(key), Step::Index(index)]).unwrap_or((1, 1));
    Location::new(file.rel_path.clone(), yaml_line + line - 1, col)
}

/// An optional text value, trimmed; empty counts as absent.
pub fn optional_text(value: Option<String>) -> Option<String> {
    value
        .map(|v| v.trim().to_string())
        .filter(|v| !v.is_empty())
}

/// Parses a strict `YYYY-MM-DD` date.
pub fn parse_date(text: &str) -> Option<Date> {
    let bytes = text.as_bytes();
    let shape_ok = bytes.len() == 10
        && bytes[4] == b'-'
        && bytes[7] == b'-'
        && bytes
            .iter()
            .enumerate()
            .all(|(i, b)| i == 4 || i == 7 || b.is_ascii_digit());
    if !shape_ok {
        return None;
    }
    text.parse::<Date>().ok()
}

/// A key's date value, or an error at the key naming the expected form.
pub fn date_value(
    file: &SourceFile,
    split: &Split<'_>,
    key: &str,
    text: &str,
) -> Result<Date, Diagnostic> {
    parse_date(text.trim()).ok_or_else(|| {
        Diagnostic::error("E0105", format!("`{key}` is not a valid date: `{text}`"))
            .at(key_location(file, split.yaml, split.yaml_line, key))
            .hint("write dates as YYYY-MM-DD, e.g. `2021-07-01`")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strict_dates() {
        assert!(parse_date("2021-07-01").is_some());
        for bad in [
            "2021-7-1",
            "2021-02-30",
            "01-07-2021",
            "2021/07/01",
            "2021-07-01T00",
        ] {
            assert!(parse_date(bad).is_none(), "{bad}");
        }
    }
}
