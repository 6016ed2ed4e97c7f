//! What the tests that read the source tree (`layers.rs`, `sizes.rs`) share: the `.rs`
//! files under `src/`, and their code with comments and literals blanked out.

use std::path::{Path, PathBuf};

/// The source with comments, string literals and character literals replaced by
/// spaces (line breaks kept), so that what is left is code, on its original lines.
pub(crate) fn code_only(src: &str) -> String {
    let chars: Vec<char> = src.chars().collect();
    let mut out = String::with_capacity(src.len());
    let is_ident = |c: char| c.is_alphanumeric() || c == '_';
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if c == '/' && next == Some('/') {
            while i < chars.len() && chars[i] != '\n' {
                blank(&mut out, chars[i]);
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            let mut depth = 0;
            while i < chars.len() {
                if chars[i] == '/' && chars.get(i + 1) == Some(&'*') {
                    depth += 1;
                    out.push_str("  ");
                    i += 2;
                } else if chars[i] == '*' && chars.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    out.push_str("  ");
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    blank(&mut out, chars[i]);
                    i += 1;
                }
            }
        } else if c == 'r'
            && (i == 0 || !is_ident(chars[i - 1]) || matches!(chars[i - 1], 'b' | 'c'))
            && matches!(next, Some('"' | '#'))
            && chars[i + 1..]
                .iter()
                .find(|&&c| c != '#')
                .is_some_and(|&c| c == '"')
        {
            // A raw string: r"…", r#"…"#, br"…".
            let hashes = chars[i + 1..].iter().take_while(|&&c| c == '#').count();
            let end: String = std::iter::once('"')
                .chain(std::iter::repeat_n('#', hashes))
                .collect();
            let start = i + 2 + hashes;
            let rest: String = chars[start..].iter().collect();
            let len = rest.find(&end).map_or(rest.len(), |at| {
                rest[..at].chars().count() + end.chars().count()
            });
            for &c in &chars[i..(start + len).min(chars.len())] {
                blank(&mut out, c);
            }
            i = start + len;
        } else if c == '"' {
            i = blank_quoted(&chars, i, '"', &mut out);
        } else if c == '\'' && (next == Some('\\') || chars.get(i + 2) == Some(&'\'')) {
            // A character literal ('x', '\n', '\u{1F600}'), not a lifetime ('a).
            i = blank_quoted(&chars, i, '\'', &mut out);
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

/// A character of a comment or literal, blanked: a space, or the line break it is.
fn blank(out: &mut String, c: char) {
    out.push(if c == '\n' { '\n' } else { ' ' });
}

/// Blanks the literal that starts at `chars[start]` with `quote` and ends at the next
/// `quote` not escaped by a backslash (or at the end of the text); returns the index
/// after it.
fn blank_quoted(chars: &[char], start: usize, quote: char, out: &mut String) -> usize {
    blank(out, chars[start]);
    let mut i = start + 1;
    while i < chars.len() && chars[i] != quote {
        if chars[i] == '\\' {
            blank(out, chars[i]);
            i += 1;
        }
        if i < chars.len() {
            blank(out, chars[i]);
            i += 1;
        }
    }
    if i < chars.len() {
        blank(out, chars[i]);
        i += 1;
    }
    i
}

/// Every `.rs` file under `dir`, as `/`-separated paths relative to `dir`, sorted.
pub(crate) fn rust_files(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(folder) = stack.pop() {
        for entry in std::fs::read_dir(&folder).expect("src/ is readable") {
            let path = entry.expect("src/ is readable").path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let rel = path.strip_prefix(dir).expect("under src/");
                let parts: Vec<String> = rel
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy().into_owned())
                    .collect();
                out.push(parts.join("/"));
            }
        }
    }
    out.sort();
    out
}

/// The crate's `src/` folder.
pub(crate) fn src_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// Every `.rs` file under `src/` with its text, by path relative to `src/`. Fails if
/// far fewer files are found than the crate has, so a wrong folder cannot pass a check.
pub(crate) fn sources() -> Vec<(String, String)> {
    let src = src_dir();
    let files = rust_files(&src);
    assert!(files.len() > 40, "only {} files under src/", files.len());
    files
        .into_iter()
        .map(|rel| {
            let text = std::fs::read_to_string(src.join(&rel)).expect("a source file");
            (rel, text)
        })
        .collect()
}
