//! Diagnostics: every content problem the build finds, with where it is and how to fix it.
//!
//! Stages never stop at the first problem: they push `Diagnostic`s into the list they
//! return, and `main` prints them all, sorted by file, line and column, so the same
//! sources always give the same report (SPEC §6).
//!
//! How they are printed lives beside this file: [`excerpt`] shows the offending line for
//! people (in the terminal and on `serve`'s error page), [`ci`] writes the formats CI
//! reads (JSON, GitHub workflow commands, GitLab Code Quality).

pub mod ci;
pub mod excerpt;

use std::fmt;

use crate::util::i18n::{Lang, Msg, Text, msg};

/// How bad a diagnostic is. Errors fail the build (exit code 1); warnings do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum Severity {
    /// Fails the build.
    Error,
    /// Reported, but the build still succeeds (unless `--strict`).
    Warning,
}

impl Severity {
    /// The word for people in `lang`: `error`/`warning`, `fel`/`varning`.
    pub(crate) fn word(self, lang: Lang) -> String {
        msg!("severity", severity = self.as_str()).in_lang(lang)
    }

    /// The labels of a diagnostic's notes and hint in `lang`: `note`/`hint`, `obs`/`tips`.
    pub(crate) fn labels(lang: Lang) -> (String, String) {
        (
            msg!("label-note").in_lang(lang),
            msg!("label-hint").in_lang(lang),
        )
    }

    /// The lowercase word used in reports: `error` or `warning`.
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// How many errors and warnings a list of diagnostics holds: the one place that counts
/// them, for the exit code, the summary line and the JSON report.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Diagnostics that fail the build.
    pub errors: usize,
    /// The others.
    pub warnings: usize,
}

impl Counts {
    /// Counts `diagnostics` by severity.
    pub fn of(diagnostics: &[Diagnostic]) -> Counts {
        let errors = diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count();
        Counts {
            errors,
            warnings: diagnostics.len() - errors,
        }
    }

    /// `1 error, 2 warnings` in English, `1 fel, 2 varningar` in Swedish: the line
    /// after the diagnostics and the summary in CI (empty when both are 0).
    pub fn in_lang(&self, lang: Lang) -> String {
        if *self == Counts::default() {
            return String::new();
        }
        msg!("counts", errors = self.errors, warnings = self.warnings).in_lang(lang)
    }
}

/// In English.
impl fmt::Display for Counts {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.in_lang(Lang::En))
    }
}

/// A place in a source file. Paths are relative to the portal root, with `/` separators.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct Location {
    /// Root-relative path, e.g. `agreements/driftsavtal/1.0.md`.
    pub(crate) path: String,
    /// 1-based line; 0 when the problem concerns the whole file.
    pub(crate) line: u32,
    /// 1-based column in characters; 0 when unknown.
    pub(crate) col: u32,
}

impl Location {
    /// A location at `line:col` of `path`.
    pub(crate) fn new(path: impl Into<String>, line: u32, col: u32) -> Self {
        Location {
            path: path.into(),
            line,
            col,
        }
    }

    /// A location naming only a file.
    pub(crate) fn file(path: impl Into<String>) -> Self {
        Location::new(path, 0, 0)
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.line, self.col) {
            (0, _) => write!(f, "{}", self.path),
            (line, 0) => write!(f, "{}:{line}", self.path),
            (line, col) => write!(f, "{}:{line}:{col}", self.path),
        }
    }
}

/// One problem found in the content or the theme.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error or warning.
    pub(crate) severity: Severity,
    /// Stable code such as `E0102`, listed in `docs/diagnostics.md`.
    pub(crate) code: &'static str,
    /// What is wrong: lowercase, no trailing period, user values in backticks.
    pub(crate) message: Text,
    /// Where; `None` only for problems that concern no file (rare).
    pub(crate) location: Option<Location>,
    /// Extra facts that explain the problem.
    pub(crate) notes: Vec<Text>,
    /// How to fix it.
    pub(crate) hint: Option<Text>,
}

impl Diagnostic {
    /// An error with a code and a message; a message of the catalogue ([`Msg`]) brings
    /// its note and hint with it.
    pub(crate) fn error(code: &'static str, message: impl Into<Message>) -> Self {
        let message = message.into();
        debug_assert!(
            message
                .id
                .is_none_or(|id| id.starts_with(&code.to_ascii_lowercase())),
            "{code}: message id {:?} does not start with the code",
            message.id
        );
        Diagnostic {
            severity: Severity::Error,
            code,
            message: message.text,
            location: None,
            notes: message.note.into_iter().collect(),
            hint: message.hint,
        }
    }

    /// A warning with a code and a message, as [`Diagnostic::error`].
    pub(crate) fn warning(code: &'static str, message: impl Into<Message>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(code, message)
        }
    }

    /// Sets where the problem is.
    pub(crate) fn at(mut self, location: Location) -> Self {
        self.location = Some(location);
        self
    }

    /// Adds an explanatory note.
    pub(crate) fn note(mut self, note: impl Into<Text>) -> Self {
        self.notes.push(note.into());
        self
    }

    /// Sets the fix hint.
    pub(crate) fn hint(mut self, hint: impl Into<Text>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    fn sort_key(&self) -> (Option<&Location>, Severity, &'static str, &str) {
        (
            self.location.as_ref(),
            self.severity,
            self.code,
            &self.message,
        )
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(location) = &self.location {
            write!(f, "{location}: ")?;
        }
        write!(
            f,
            "{}[{}]: {}",
            self.severity.as_str(),
            self.code,
            self.message
        )?;
        for note in &self.notes {
            write!(f, "\n  = note: {note}")?;
        }
        if let Some(hint) = &self.hint {
            write!(f, "\n  = hint: {hint}")?;
        }
        Ok(())
    }
}

/// What a diagnostic says: its message, and the note and hint a catalogue message
/// carries as attributes.
pub(crate) struct Message {
    id: Option<&'static str>,
    text: Text,
    note: Option<Text>,
    hint: Option<Text>,
}

impl From<Msg> for Message {
    fn from(msg: Msg) -> Self {
        Message {
            id: Some(msg.id()),
            note: msg.note(),
            hint: msg.hint(),
            text: Text::from(msg),
        }
    }
}

/// Text not in the catalogue yet: the same in both languages, with no note or hint.
impl From<String> for Message {
    fn from(text: String) -> Self {
        Message {
            id: None,
            text: Text::from(text),
            note: None,
            hint: None,
        }
    }
}

impl From<&str> for Message {
    fn from(text: &str) -> Self {
        Message::from(text.to_string())
    }
}

/// The diagnostics of one run, kept in a deterministic order.
#[derive(Debug, Default, Clone)]
pub(crate) struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    /// An empty list.
    pub(crate) fn new() -> Self {
        Diagnostics::default()
    }

    /// Adds one diagnostic.
    pub(crate) fn push(&mut self, diagnostic: Diagnostic) {
        self.items.push(diagnostic);
    }

    /// Adds many.
    pub(crate) fn extend(&mut self, diagnostics: impl IntoIterator<Item = Diagnostic>) {
        self.items.extend(diagnostics);
    }

    /// Adds everything from another list.
    pub(crate) fn append(&mut self, other: Diagnostics) {
        self.items.extend(other.items);
    }

    /// Whether any diagnostic is an error.
    pub(crate) fn has_errors(&self) -> bool {
        Counts::of(&self.items).errors > 0
    }

    /// Whether there is a warning whose code is not in `keep`.
    pub(crate) fn has_warnings_but(&self, keep: &[String]) -> bool {
        (self.items.iter())
            .any(|d| d.severity == Severity::Warning && !keep.iter().any(|k| k == d.code))
    }

    /// The diagnostics sorted by file, line, column, severity and code, duplicates removed.
    pub(crate) fn into_sorted(mut self) -> Vec<Diagnostic> {
        self.items.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        self.items.dedup();
        self.items
    }

    /// Turns every warning into an error (`--strict`). The code keeps its `W`: it names
    /// the check (and its entry in docs/diagnostics.md, and the GitLab fingerprint), which
    /// is the same check with or without `--strict`; a note says why it is an error.
    ///
    /// The warnings whose codes are in `keep` stay warnings (`--keep-warning`).
    pub(crate) fn promote_warnings(&mut self, keep: &[String]) {
        for item in &mut self.items {
            if item.severity == Severity::Warning && !keep.iter().any(|k| k == item.code) {
                item.severity = Severity::Error;
                item.notes.push(msg!("strict-promoted").into());
            }
        }
    }
}

/// The closest candidate to `word`, for "did you mean" hints, if one is plausible: at
/// most one edit (a character added, removed, replaced, or two neighbours swapped) per
/// three characters of `word`, and one for shorter words. So `titel` finds `title` and
/// `wieght` finds `weight`, but `colour` finds nothing among `title`, `description` and
/// `weight`. Of equally close candidates the first in byte order wins, so hints do not
/// depend on the order of the candidates.
///
/// The distance is strsim's optimal string alignment, over characters, so a swap of two
/// neighbours (`titel`) counts as one edit as a typist would expect.
pub(crate) fn closest<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let limit = (word.chars().count() / 3).max(1);
    candidates
        .into_iter()
        .map(|c| (strsim::osa_distance(word, c), c))
        .filter(|(d, _)| *d <= limit)
        .min()
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_location_first_with_notes_and_hint() {
        let d = Diagnostic::error("E0301", "link target `x.md` does not exist")
            .at(Location::new("content/a.md", 4, 7))
            .note("resolved to `content/x.md`")
            .hint("check the file name");
        assert_eq!(
            d.to_string(),
            "content/a.md:4:7: error[E0301]: link target `x.md` does not exist\n  \
             = note: resolved to `content/x.md`\n  = hint: check the file name"
        );
    }

    #[test]
    fn sorts_by_path_then_line() {
        let mut list = Diagnostics::new();
        list.push(Diagnostic::error("E1", "b").at(Location::new("b.md", 1, 1)));
        list.push(Diagnostic::error("E1", "a2").at(Location::new("a.md", 10, 1)));
        list.push(Diagnostic::error("E1", "a1").at(Location::new("a.md", 2, 1)));
        let sorted: Vec<_> = list.into_sorted().into_iter().map(|d| d.message).collect();
        assert_eq!(sorted, ["a1", "a2", "b"]);
    }

    #[test]
    fn suggests_near_misses_only() {
        let keys = ["title", "description", "weight"];
        assert_eq!(closest("titel", keys), Some("title"));
        assert_eq!(closest("wieght", keys), Some("weight"));
        assert_eq!(closest("colour", keys), None);
        // One edit for words under six characters, two from six on.
        assert_eq!(closest("vikt", ["vik", "vi"]), Some("vik"));
        assert_eq!(closest("viktig", ["vikt"]), Some("vikt"));
        assert_eq!(closest("viktig", ["vik"]), None);
        // Equally close: the first in byte order, whatever the order given.
        assert_eq!(closest("bilaga", ["bilagb", "bilaga2"]), Some("bilaga2"));
        assert_eq!(closest("bilaga", ["bilaga2", "bilagb"]), Some("bilaga2"));
    }
}
