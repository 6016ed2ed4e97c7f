//! YAML in the portal's files, front matter and whole files such as `portal.yaml`:
//! splitting front matter off a file, parsing, and turning YAML problems into
//! diagnostics at the right `path:line:col` of the whole file.

use std::cell::OnceCell;

use serde::de::DeserializeOwned;

use crate::load::yaml::{self, Step, YamlErrorKind};
use crate::model::time::{Date, parse_date};
use crate::util::diag::{Diagnostic, Location, closest};
use crate::util::i18n::{Msg, Text, msg};
use crate::util::source::{self, SourceFile, SplitError};

/// The YAML of one file (a Markdown file's front matter, or a whole YAML file) with what
/// a diagnostic needs: the file, and where in it the YAML starts.
#[derive(Debug)]
pub(crate) struct YamlSource<'a> {
    file: &'a SourceFile,
    text: &'a str,
    /// Front matter (from line 2), or the whole file (from line 1, such as `portal.yaml`).
    front_matter: bool,
    /// Made at the first location asked for, and kept for the next ones.
    locator: OnceCell<yaml::Locator<'a>>,
}

/// The most front matter that is read: real front matter is a few kilobytes.
pub(crate) const MAX_FRONT_MATTER: usize = 1 << 20;

/// The most of a whole YAML file (`portal.yaml`, the personal-data list) that is read:
/// a personal-data list of this size would list some 100,000 data types.
pub(crate) const MAX_YAML_FILE: usize = 16 << 20;

/// A size in bytes for a message: `1.5 MiB`, `300 KiB` (`1,5 MiB` in Swedish).
fn mib(bytes: usize) -> Msg {
    if bytes >= 1 << 20 {
        let tenths = format!("{:.1}", bytes as f64 / f64::from(1 << 20));
        let (whole, tenth) = tenths.split_once('.').unwrap_or((&tenths, "0"));
        msg!("e0109-size", unit = "mib", whole = whole, tenth = tenth)
    } else {
        let kib = bytes.div_ceil(1 << 10).to_string();
        msg!("e0109-size", unit = "kib", whole = kib, tenth = "0")
    }
}

/// Splits a Markdown file into its front matter and the byte offset of its body, or
/// explains what is missing.
pub(crate) fn split(file: &SourceFile) -> Result<(YamlSource<'_>, usize), Diagnostic> {
    let split = source::split_front_matter(&file.text).map_err(|e| match e {
        SplitError::Missing => Diagnostic::error("E0107", msg!("e0107-no-front-matter"))
            .at(Location::new(file.rel_path.clone(), 1, 1)),
        SplitError::Unclosed => Diagnostic::error("E0107", msg!("e0107-front-matter-not-closed"))
            .at(Location::new(file.rel_path.clone(), 1, 1)),
    })?;
    let front_matter = YamlSource {
        file,
        text: split.yaml,
        front_matter: true,
        locator: OnceCell::new(),
    };
    Ok((front_matter, split.body_offset))
}

/// E0102: `key` is none of the `expected` ones; the hint names the nearest.
fn unknown_key(key: &str, expected: &[String], path: String) -> Diagnostic {
    let d = Diagnostic::error("E0102", msg!("e0102-unknown-key", key = key, path = path));
    let known = expected
        .iter()
        .map(|k| format!("`{k}`"))
        .collect::<Vec<_>>()
        .join(", ");
    match closest(key, expected.iter().map(String::as_str)) {
        Some(near) => d.hint(msg!("e0102-did-you-mean", near = near, known = known)),
        None => d.hint(msg!("e0102-remove-it", known = known)),
    }
}

/// A YAML path for a message: serde_yaml's notation (`menu[0]`), or `none` at the top.
/// No mapping the schemas accept is called `none`, so the word cannot be a path.
fn path_arg(path: Option<String>) -> String {
    path.unwrap_or_else(|| "none".to_string())
}

impl<'a> YamlSource<'a> {
    /// A file that is YAML from its first line, such as `portal.yaml`.
    pub(crate) fn whole_file(file: &'a SourceFile) -> Self {
        YamlSource {
            file,
            text: &file.text,
            front_matter: false,
            locator: OnceCell::new(),
        }
    }

    /// Parses the YAML into `T`.
    pub(crate) fn parse<T: DeserializeOwned>(&self) -> Result<T, Diagnostic> {
        let max_bytes = if self.front_matter {
            MAX_FRONT_MATTER
        } else {
            MAX_YAML_FILE
        };
        yaml::parse(self.text, max_bytes).map_err(|e| self.diagnostic(e))
    }

    /// The diagnostic for a YAML problem, one kind of problem per arm.
    fn diagnostic(&self, e: yaml::YamlError) -> Diagnostic {
        let at = self.location(e.line, e.col);
        let (source, file) = self.source_args();
        // serde_yaml's words for a value of the wrong kind, or ours when we read them.
        let wrong_type = |what: Text| {
            let message = msg!(
                "e0104-wrong-type",
                message = what,
                source = source,
                file = &file,
            );
            Diagnostic::error("E0104", message)
        };
        let d = match e.kind {
            YamlErrorKind::UnknownKey {
                path,
                key,
                expected,
            } => return unknown_key(&key, &expected, path_arg(path)).at(at),
            YamlErrorKind::MissingKey { path, key } => {
                let message = msg!(
                    "e0103-missing-key",
                    key = key,
                    path = path_arg(path),
                    source = source,
                    file = file,
                );
                Diagnostic::error("E0103", message)
            }
            YamlErrorKind::DuplicateKey { path, key } => Diagnostic::error(
                "E0101",
                msg!("e0101-duplicate-key", key = key, path = path_arg(path)),
            ),
            YamlErrorKind::WrongKind {
                path,
                found,
                value,
                expected,
                expected_words,
            } => wrong_type(Text::from(msg!(
                "e0104-wrong-kind",
                path = path_arg(path),
                found = found,
                value = value,
                expected = expected,
                expected_words = expected_words,
            ))),
            YamlErrorKind::WrongType(message) => wrong_type(Text::from(message)),
            YamlErrorKind::ControlCharacter { character, path } => {
                let message = msg!(
                    "e0110-control-character",
                    code = format!("{:04X}", u32::from(character)),
                    path = path_arg(path),
                    source = source,
                    file = file,
                );
                Diagnostic::error("E0110", message)
            }
            YamlErrorKind::Other { problem, message } => {
                let what = msg!("e0101-yaml-syntax", problem = problem, message = message);
                let message = msg!(
                    "e0101-invalid-yaml",
                    message = what,
                    source = source,
                    file = file,
                );
                Diagnostic::error("E0101", message)
            }
            YamlErrorKind::TooLarge { size, limit } => {
                let message = msg!(
                    "e0109-too-large",
                    size = mib(size),
                    limit = mib(limit),
                    source = source,
                    file = file,
                );
                Diagnostic::error("E0109", message)
            }
            YamlErrorKind::TooManyAliases { limit } => {
                let message = msg!(
                    "e0109-too-many-aliases",
                    limit = limit,
                    source = source,
                    file = file,
                );
                Diagnostic::error("E0109", message)
            }
            YamlErrorKind::TooDeep => {
                let message = msg!(
                    "e0109-too-deep",
                    depth = yaml::MAX_DEPTH,
                    source = source,
                    file = file,
                );
                Diagnostic::error("E0109", message)
            }
        };
        d.at(at)
    }

    /// The location of the node at `path` (as far as it can be followed).
    pub(crate) fn at(&self, path: &[Step<'_>]) -> Location {
        let (line, col) = self.locator().locate(path).unwrap_or((1, 1));
        self.location(line, col)
    }

    /// The location of a top-level key (or of the YAML start if the key is absent).
    pub(crate) fn key(&self, key: &str) -> Location {
        self.at(&[Step::Key(key)])
    }

    /// The location of the `index`-th entry of a top-level list.
    pub(crate) fn item(&self, key: &str, index: usize) -> Location {
        self.at(&[Step::Key(key), Step::Index(index)])
    }

    /// A top-level key's date value, or an error at the key.
    pub(crate) fn date(&self, key: &str, text: &str) -> Result<Date, Diagnostic> {
        date_value(key, text, || self.key(key))
    }

    /// A required top-level text value, trimmed; an error if the key is missing, or has
    /// no value: blank, or YAML's null (`title:`, `title: null`, `title: ~`), which
    /// serde_yaml would otherwise read as the text `null` or `~` (issue 10, item 6).
    ///
    /// Read the key as `Option<String>`: YAML's null is `None` then, while `"null"` in
    /// quotes is the text. Numbers and `true`/`false` are text as written (`title:
    /// 2024` is the title `2024`, `version: 1.10` is `1.10`).
    pub(crate) fn required(&self, key: &str, value: Option<String>) -> Result<String, Diagnostic> {
        optional_text(value).ok_or_else(|| self.no_value(key))
    }

    /// The error for a required key that is missing or has no value.
    pub(crate) fn no_value(&self, key: &str) -> Diagnostic {
        if !self.has_key(key) {
            let (source, file) = self.source_args();
            let message = msg!(
                "e0103-missing-key",
                key = key,
                path = path_arg(None),
                source = source,
                file = file,
            );
            return Diagnostic::error("E0103", message).at(self.location(1, 1));
        }
        Diagnostic::error("E0103", msg!("e0103-empty-value", key = key)).at(self.key(key))
    }

    /// What messages call the YAML, as the arguments `source` and `file`: `front-matter`
    /// or a whole `file` (the catalogue says "the front matter" or names the file, as
    /// "front matter" is wrong for `portal.yaml`), and the file's name.
    fn source_args(&self) -> (&'static str, String) {
        let name = self.file.rel_path.rsplit('/').next().unwrap_or_default();
        let source = if self.front_matter {
            "front-matter"
        } else {
            "file"
        };
        (source, name.to_string())
    }

    /// Whether the YAML has `key` at the top (as far as a block-style scan can tell).
    pub(crate) fn has_key(&self, key: &str) -> bool {
        self.locator().find(&[Step::Key(key)]).is_some()
    }

    fn locator(&self) -> &yaml::Locator<'a> {
        self.locator.get_or_init(|| yaml::Locator::new(self.text))
    }

    /// A 1-based line and column of the YAML as a location in the file.
    fn location(&self, line: u32, col: u32) -> Location {
        // Front matter starts on the line after the opening `---`.
        let first_line = if self.front_matter { 2 } else { 1 };
        Location::new(self.file.rel_path.clone(), first_line + line - 1, col)
    }
}

/// An optional text value, trimmed; empty counts as absent.
pub(crate) fn optional_text(value: Option<String>) -> Option<String> {
    value
        .map(|v| v.trim().to_string())
        .filter(|v| !v.is_empty())
}

/// A date value, or an error at `at()` naming the expected form.
pub(crate) fn date_value(
    key: &str,
    text: &str,
    at: impl FnOnce() -> Location,
) -> Result<Date, Diagnostic> {
    parse_date(text.trim()).ok_or_else(|| {
        Diagnostic::error("E0105", msg!("e0105-not-a-date", key = key, text = text)).at(at())
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
