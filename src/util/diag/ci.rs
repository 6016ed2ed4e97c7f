//! The formats CI reads: one JSON document (`--format json`), GitHub Actions workflow
//! commands (`--format github`) and a GitLab Code Quality report (`--format gitlab`).
//!
//! Diagnostics carry paths relative to the portal folder; CI shows problems on the files
//! of the repository, so these formats put the portal's place in the repository before
//! every path ([`PathPrefix`]): a portal kept in `webb/portal/` of its repository gets
//! its annotations on `webb/portal/content/a.md`, a file the pull request has.

use std::fmt::Write as _;
use std::path::{Component, Path};

use sha2::{Digest as _, Sha256};

use super::{Counts, Diagnostic, Severity};
use crate::util::i18n::{Lang, msg};

/// Where the portal folder is in its repository: empty when the portal is the
/// repository's root, else its path with `/` separators and a trailing `/`
/// (`webb/portal/`). Put before a diagnostic's portal-relative path, it gives the path
/// from the repository's root, which is what GitHub and GitLab look for.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PathPrefix(String);

impl PathPrefix {
    /// The portal's place in the Git repository that holds it, found by walking up from
    /// the portal folder to the first folder with a `.git` entry (a folder, or a file in
    /// a worktree or submodule); no `git` binary is needed. Empty when no folder up to
    /// the file-system root has one (a portal outside Git) or the folder cannot be
    /// resolved (the run then fails on reading it anyway).
    pub fn of_repository(portal_root: &Path) -> PathPrefix {
        let Ok(portal) = std::fs::canonicalize(portal_root) else {
            return PathPrefix::default();
        };
        let Some(repository) = portal
            .ancestors()
            .find(|dir| dir.join(".git").symlink_metadata().is_ok())
        else {
            return PathPrefix::default();
        };
        let inside = portal.strip_prefix(repository).unwrap_or(Path::new(""));
        let mut prefix = String::new();
        for part in inside.components() {
            prefix.push_str(&part.as_os_str().to_string_lossy());
            prefix.push('/');
        }
        PathPrefix(prefix)
    }

    /// `--path-prefix DIR`: the portal folder's path relative to the repository root
    /// (`webb/portal`); `.` or an empty value when the portal is the root. `./` and
    /// doubled or trailing slashes are dropped; an absolute path or a `..` is refused,
    /// since neither names a place inside the repository.
    pub fn parse(text: &str) -> Result<PathPrefix, String> {
        let normalized = text.replace('\\', "/");
        let path = Path::new(&normalized);
        let mut prefix = String::new();
        for part in path.components() {
            match part {
                Component::Normal(name) => {
                    prefix.push_str(&name.to_string_lossy());
                    prefix.push('/');
                }
                Component::CurDir => {}
                Component::ParentDir => {
                    return Err(format!(
                        "`{text}` leaves the repository: give the portal folder's path from the \
                         repository's root, e.g. `webb/portal`"
                    ));
                }
                Component::RootDir | Component::Prefix(_) => {
                    return Err(format!(
                        "`{text}` is an absolute path: give the portal folder's path from the \
                         repository's root, e.g. `webb/portal`, or `.` for the root itself"
                    ));
                }
            }
        }
        Ok(PathPrefix(prefix))
    }

    /// The prefix itself: `""` or `webb/portal/`.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// A portal-relative path as a repository-relative one.
    fn join(&self, path: &str) -> String {
        format!("{}{path}", self.0)
    }
}

/// Diagnostics as one JSON document (the shape is documented in docs/diagnostics.md),
/// with the command's own `fields` beside the counts (`pages`, `written`, `next_change`).
/// Each `file` is relative to the repository root: `path_prefix` followed by the path
/// in the portal folder.
pub fn to_json(
    diagnostics: &[Diagnostic],
    prefix: &PathPrefix,
    lang: Lang,
    fields: Vec<(&str, serde_json::Value)>,
) -> String {
    let items: Vec<serde_json::Value> = diagnostics
        .iter()
        .map(|d| {
            let location = d.location.as_ref();
            serde_json::json!({
                "severity": d.severity.as_str(),
                "code": d.code,
                "file": location.map(|l| prefix.join(&l.path)),
                "line": location.and_then(|l| (l.line > 0).then_some(l.line)),
                "column": location.and_then(|l| (l.col > 0).then_some(l.col)),
                "message": d.message.get(lang),
                "notes": d.notes.iter().map(|n| n.get(lang)).collect::<Vec<&str>>(),
                "hint": d.hint.as_ref().map(|h| h.get(lang)),
            })
        })
        .collect();
    let counts = Counts::of(diagnostics);
    let mut document = serde_json::json!({
        "version": 1,
        "errors": counts.errors,
        "warnings": counts.warnings,
        "path_prefix": prefix.as_str(),
        "diagnostics": items,
    });
    for (name, value) in fields {
        document[name] = value;
    }
    let mut text = serde_json::to_string_pretty(&document).unwrap_or_default();
    text.push('\n');
    text
}

/// How many annotations of one kind (error, warning, notice) GitHub shows for a step;
/// the rest are only in the step's log. See "Problem Matchers: Limitations" in
/// actions/toolkit's docs/problem-matchers.md, which workflow commands share.
const GITHUB_ANNOTATIONS_PER_KIND: usize = 10;

/// Diagnostics as GitHub Actions workflow commands (`::error file=…,line=…::…`), which
/// annotate the lines in a pull request, followed by a summary: a `::notice` with the
/// counts, shown at the top of the run's page, which also says when GitHub leaves some
/// annotations out. Nothing but the annotations when there is no problem.
pub fn to_github(diagnostics: &[Diagnostic], prefix: &PathPrefix, lang: Lang) -> String {
    let mut out = String::new();
    let (note_word, hint_word) = Severity::labels(lang);
    for d in diagnostics {
        out.push_str("::");
        out.push_str(d.severity.as_str());
        let mut props = Vec::new();
        if let Some(l) = &d.location {
            props.push(format!("file={}", escape_property(&prefix.join(&l.path))));
            if l.line > 0 {
                props.push(format!("line={}", l.line));
            }
            if l.col > 0 {
                props.push(format!("col={}", l.col));
            }
        }
        props.push(format!(
            "title={}",
            escape_property(&format!("infoportal {}", d.code))
        ));
        out.push(' ');
        out.push_str(&props.join(","));
        out.push_str("::");
        let mut message = d.message.get(lang).to_string();
        for note in &d.notes {
            message.push_str(&format!("\n{note_word}: "));
            message.push_str(note.get(lang));
        }
        if let Some(hint) = &d.hint {
            message.push_str(&format!("\n{hint_word}: "));
            message.push_str(hint.get(lang));
        }
        out.push_str(&escape_data(&message));
        out.push('\n');
    }
    let counts = Counts::of(diagnostics);
    if counts != Counts::default() {
        let mut summary = counts.in_lang(lang);
        if counts.errors.max(counts.warnings) > GITHUB_ANNOTATIONS_PER_KIND {
            summary.push_str("; ");
            summary
                .push_str(&msg!("github-limit", limit = GITHUB_ANNOTATIONS_PER_KIND).in_lang(lang));
        }
        let _ = writeln!(
            out,
            "::notice title={}::{}",
            escape_property("infoportal"),
            escape_data(&summary)
        );
    }
    out
}

/// Workflow-command message escaping.
fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Workflow-command property escaping (also `:` and `,`).
fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

/// The file a GitLab issue is put on when its diagnostic names no file: GitLab needs a
/// path, and a problem of no file is one of the portal as a whole.
const GITLAB_FALLBACK_FILE: &str = "portal.yaml";

/// Diagnostics as a GitLab Code Quality report: a JSON array of issues, which GitLab
/// shows in the merge request when a job uploads it as `artifacts:reports:codequality`.
/// The fields are those GitLab reads (doc/ci/testing/code_quality.md, "Implement a
/// custom tool"), a subset of the Code Climate issue format:
///
/// - `description`: the message, then its notes and hint;
/// - `check_name`: the code (`E0301`);
/// - `fingerprint`: a hash of code, path, line, column and message, so the same
///   problem keeps its fingerprint from one pipeline to the next and GitLab can tell new
///   problems from fixed ones. The column is in it because GitLab keeps one issue per
///   fingerprint (lib/gitlab/ci/reports/codequality_reports.rb): two links to the same
///   missing file on one line are two problems;
/// - `severity`: `blocker` for an error, since it stops the build and so the
///   publication (a warning made an error by `--strict` too), `minor` for a warning;
/// - `location.path` (from the repository root) and `location.lines.begin` (line 1 for
///   a problem of a whole file).
pub fn to_gitlab(diagnostics: &[Diagnostic], prefix: &PathPrefix, lang: Lang) -> String {
    let (note_word, hint_word) = Severity::labels(lang);
    let issues: Vec<serde_json::Value> = diagnostics
        .iter()
        .map(|d| {
            let (path, line, col) = match &d.location {
                Some(l) => (prefix.join(&l.path), l.line.max(1), l.col),
                None => (prefix.join(GITLAB_FALLBACK_FILE), 1, 0),
            };
            let mut description = d.message.get(lang).to_string();
            for note in &d.notes {
                description.push_str(&format!("; {note_word}: "));
                description.push_str(note.get(lang));
            }
            if let Some(hint) = &d.hint {
                description.push_str(&format!("; {hint_word}: "));
                description.push_str(hint.get(lang));
            }
            serde_json::json!({
                "description": description,
                "check_name": d.code,
                "fingerprint": fingerprint(d.code, &path, line, col, &d.message),
                "severity": match d.severity {
                    Severity::Error => "blocker",
                    Severity::Warning => "minor",
                },
                "location": {
                    "path": path,
                    "lines": { "begin": line },
                },
            })
        })
        .collect();
    // No byte order mark: GitLab's parser refuses one.
    let mut text = serde_json::to_string_pretty(&issues).unwrap_or_default();
    text.push('\n');
    text
}

/// SHA-256 of the fields, each ended by a NUL (which none of them holds), as hex.
fn fingerprint(code: &str, path: &str, line: u32, col: u32, message: &str) -> String {
    let mut hash = Sha256::new();
    for part in [code, path, &line.to_string(), &col.to_string(), message] {
        hash.update(part.as_bytes());
        hash.update([0]);
    }
    crate::util::source::hex(&hash.finalize())
}

#[cfg(test)]
mod tests {
    use super::super::Location;
    use super::*;

    #[test]
    fn github_annotations_escape_their_data() {
        let d = Diagnostic::error("E0301", "broken link `a,b`: 100%")
            .at(Location::new("content/a,b.md", 3, 5))
            .hint("fix it");
        assert_eq!(
            to_github(&[d], &PathPrefix::default(), Lang::En),
            "::error file=content/a%2Cb.md,line=3,col=5,title=infoportal E0301::broken link `a,b`: 100%25%0Ahint: fix it\n\
             ::notice title=infoportal::1 error\n"
        );
    }

    #[test]
    fn a_clean_run_has_no_annotations() {
        assert_eq!(to_github(&[], &PathPrefix::default(), Lang::En), "");
    }

    #[test]
    fn the_summary_says_when_github_leaves_annotations_out() {
        let many: Vec<Diagnostic> = (0..11)
            .map(|i| Diagnostic::warning("W0101", format!("w{i}")))
            .collect();
        let out = to_github(&many, &PathPrefix::default(), Lang::En);
        assert!(
            out.ends_with(
                "::notice title=infoportal::11 warnings; GitHub shows the first 10 errors and \
                 10 warnings as annotations: the step's log lists all\n"
            ),
            "{out}"
        );
    }

    #[test]
    fn prefixes_are_normalised_and_must_stay_inside() {
        let ok = |t: &str| PathPrefix::parse(t).unwrap().as_str().to_string();
        assert_eq!(ok(""), "");
        assert_eq!(ok("."), "");
        assert_eq!(ok("./"), "");
        assert_eq!(ok("webb/portal"), "webb/portal/");
        assert_eq!(ok("./webb//portal/"), "webb/portal/");
        assert_eq!(ok("webb\\portal"), "webb/portal/");
        assert!(PathPrefix::parse("/abs").unwrap_err().contains("absolute"));
        assert!(PathPrefix::parse("../x").unwrap_err().contains("leaves"));
        assert!(
            PathPrefix::parse("a/../../x")
                .unwrap_err()
                .contains("leaves")
        );
    }

    #[test]
    fn the_repository_is_found_by_its_git_entry() {
        let base = std::env::temp_dir().join(format!("infoportal-prefix-{}", std::process::id()));
        let portal = base.join("repo/webb/portal");
        std::fs::create_dir_all(&portal).unwrap();
        // A worktree's `.git` is a file.
        std::fs::write(base.join("repo/.git"), "gitdir: /elsewhere\n").unwrap();
        assert_eq!(PathPrefix::of_repository(&portal).as_str(), "webb/portal/");
        std::fs::create_dir_all(portal.join(".git")).unwrap();
        assert_eq!(PathPrefix::of_repository(&portal).as_str(), "");
        assert_eq!(
            PathPrefix::of_repository(&base.join("missing")).as_str(),
            ""
        );
        std::fs::remove_dir_all(&base).unwrap();
    }

    #[test]
    fn fingerprints_are_stable_and_tell_fields_apart() {
        let a = fingerprint("E0301", "content/a.md", 4, 1, "broken link");
        assert_eq!(a, fingerprint("E0301", "content/a.md", 4, 1, "broken link"));
        assert_eq!(a.len(), 64);
        assert_ne!(a, fingerprint("E0301", "content/a.md", 5, 1, "broken link"));
        assert_ne!(a, fingerprint("E0301", "content/a.md", 4, 9, "broken link"));
        assert_ne!(
            fingerprint("E0301", "content/a.m", 4, 1, "dbroken link"),
            fingerprint("E0301", "content/a.md", 4, 1, "broken link")
        );
    }
}
