//! The one place that knows serde_yaml.
//!
//! serde_yaml 0.9 is archived upstream; everything else calls [`parse`] and the two
//! `locate_*` helpers, so swapping the YAML crate touches this file only.

use serde::de::DeserializeOwned;

/// A YAML problem with its position inside the YAML text (1-based).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YamlError {
    /// The kind of problem, for messages and hints.
    pub kind: YamlErrorKind,
    /// 1-based line within the YAML text.
    pub line: u32,
    /// 1-based column within the YAML text.
    pub col: u32,
}

/// What went wrong while reading YAML.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum YamlErrorKind {
    /// A key the schema does not know; `expected` lists the known keys.
    UnknownKey {
        /// The key as written.
        key: String,
        /// Every key the schema accepts.
        expected: Vec<String>,
    },
    /// A required key is absent.
    MissingKey(String),
    /// A key appears twice.
    DuplicateKey(String),
    /// Anything else: syntax errors and wrong types, with serde_yaml's wording.
    Other(String),
}

/// Parses YAML text into `T`, mapping serde_yaml's error into a positioned [`YamlError`].
pub fn parse<T: DeserializeOwned>(yaml: &str) -> Result<T, YamlError> {
    // An empty document is `null` to serde_yaml; treat it as an empty mapping so that
    // a missing required key is reported as such.
    let text = if yaml.trim().is_empty() { "{}" } else { yaml };
    serde_yaml::from_str(text).map_err(|e| convert_error(yaml, &e))
}

fn convert_error(yaml: &str, error: &serde_yaml::Error) -> YamlError {
    let (line, col) = error
        .location()
        .map_or((1, 1), |l| (l.line() as u32, l.column() as u32));
    let full = error.to_string();
    // serde_yaml appends " at line L column C"; we report the position ourselves.
    let message = match full.rfind(" at line ") {
        Some(i) => full[..i].to_string(),
        None => full,
    };
    let kind = classify(&message);
    let (line, col) = match &kind {
        // serde_yaml reports these at the start of the mapping; find the real key.
        YamlErrorKind::DuplicateKey(key) => locate_nth_key(yaml, key, 1).unwrap_or((line, col)),
        _ => (line, col),
    };
    YamlError { kind, line, col }
}

fn classify(message: &str) -> YamlErrorKind {
    let ticked = |s: &str| -> Vec<String> {
        s.split('`')
            .skip(1)
            .step_by(2)
            .map(str::to_string)
            .collect()
    };
    if let Some(rest) = message.strip_prefix("unknown field ") {
        let mut names = ticked(rest);
        if !names.is_empty() {
            let key = names.remove(0);
            return YamlErrorKind::UnknownKey {
                key,
                expected: names,
            };
        }
    }
    if let Some(rest) = message.strip_prefix("missing field ")
        && let Some(key) = ticked(rest).into_iter().next()
    {
        return YamlErrorKind::MissingKey(key);
    }
    if let Some(rest) = message.strip_prefix("duplicate field ")
        && let Some(key) = ticked(rest).into_iter().next()
    {
        return YamlErrorKind::DuplicateKey(key);
    }
    YamlErrorKind::Other(message.to_string())
}

/// The 1-based line and column of a top-level `key:` in block-style YAML.
pub fn locate_key(yaml: &str, key: &str) -> Option<(u32, u32)> {
    locate_nth_key(yaml, key, 0)
}

fn locate_nth_key(yaml: &str, key: &str, nth: usize) -> Option<(u32, u32)> {
    yaml.lines()
        .enumerate()
        .filter(|(_, line)| is_key_line(line, key))
        .nth(nth)
        .map(|(i, _)| (i as u32 + 1, 1))
}

fn is_key_line(line: &str, key: &str) -> bool {
    let unquoted = line
        .strip_prefix(key)
        .or_else(|| line.strip_prefix(&format!("\"{key}\"")))
        .or_else(|| line.strip_prefix(&format!("'{key}'")));
    unquoted.is_some_and(|rest| rest.trim_start().starts_with(':'))
}

/// The 1-based line and column of the `index`-th entry of the top-level list `key`.
///
/// Handles block lists (`- item` on following lines) and flow lists (`[a, b]`) on the
/// key's own line. Falls back to the key's position when the list has another shape.
pub fn locate_item(yaml: &str, key: &str, index: usize) -> Option<(u32, u32)> {
    let (key_line, _) = locate_key(yaml, key)?;
    let lines: Vec<&str> = yaml.lines().collect();
    let first = lines[key_line as usize - 1];
    let after_colon = &first[first.find(':')? + 1..];
    if let Some(open) = after_colon.find('[') {
        let base = first.len() - after_colon.len() + open + 1;
        let mut start = base;
        for (i, part) in first[base..].split(',').enumerate() {
            if i == index {
                let lead = part.len() - part.trim_start().len();
                let col = first[..start + lead].chars().count() as u32 + 1;
                return Some((key_line, col));
            }
            start += part.len() + 1;
        }
        return Some((key_line, 1));
    }
    let mut seen = 0;
    let mut dash_indent = None;
    for (i, line) in lines.iter().enumerate().skip(key_line as usize) {
        let trimmed = line.trim_start();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let indent = line.len() - trimmed.len();
        let is_item = trimmed.starts_with('-') && dash_indent.is_none_or(|d| d == indent);
        if !is_item {
            // Lines indented deeper than the dashes continue the current item (a mapping);
            // anything else ends the list.
            match dash_indent {
                Some(d) if indent > d => continue,
                _ => break,
            }
        }
        dash_indent = Some(indent);
        if seen == index {
            let item = trimmed[1..].trim_start();
            let col = line.chars().count() - item.chars().count() + 1;
            return Some((i as u32 + 1, col as u32));
        }
        seen += 1;
    }
    Some((key_line, 1))
}

/// One step of a path into a YAML document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step<'a> {
    /// A mapping key.
    Key(&'a str),
    /// A sequence index.
    Index(usize),
}

/// A region of block-style YAML: lines `start..end`, content at column `indent`, the
/// first line possibly starting further right (after a `- `).
#[derive(Debug, Clone, Copy)]
struct Block {
    start: usize,
    end: usize,
    first_col: usize,
    indent: usize,
}

/// The 1-based line and column of the node at `path` in block-style YAML, as far as the
/// path can be followed (a path into a flow collection stops at its line).
pub fn locate_path(yaml: &str, path: &[Step<'_>]) -> Option<(u32, u32)> {
    let lines: Vec<&str> = yaml.lines().collect();
    let (first, indent) = (0..lines.len()).find_map(|l| {
        let t = lines[l].trim_start();
        (!t.is_empty() && !t.starts_with('#')).then_some((l, lines[l].len() - t.len()))
    })?;
    let mut block = Block {
        start: first,
        end: lines.len(),
        first_col: indent,
        indent,
    };
    let mut found = (first, indent);
    for step in path {
        let next = match *step {
            Step::Key(key) => find_key(&lines, block, key),
            Step::Index(index) => find_item(&lines, block, index),
        };
        match next {
            Some((at, b)) => {
                found = at;
                block = b;
            }
            None => break,
        }
    }
    let line = lines[found.0];
    let col = line[..found.1.min(line.len())].chars().count() + 1;
    Some((found.0 as u32 + 1, col as u32))
}

/// The column and text of line `l` within `b`, skipping blank lines and comments.
fn content<'a>(lines: &[&'a str], l: usize, b: &Block) -> Option<(usize, &'a str)> {
    let line = lines[l];
    let (col, text) = if l == b.start {
        (b.first_col, line.get(b.first_col..).unwrap_or(""))
    } else {
        let trimmed = line.trim_start();
        (line.len() - trimmed.len(), trimmed)
    };
    let text = text.trim_end();
    (!text.is_empty() && !text.starts_with('#')).then_some((col, text))
}

fn find_key(lines: &[&str], block: Block, key: &str) -> Option<((usize, usize), Block)> {
    for l in block.start..block.end {
        let Some((col, text)) = content(lines, l, &block) else {
            continue;
        };
        let is_key = col == block.indent
            && text
                .strip_prefix(key)
                .is_some_and(|r| r.trim_start().starts_with(':'));
        if is_key {
            return Some(((l, col), value_block(lines, l, block)));
        }
    }
    None
}

fn find_item(lines: &[&str], block: Block, index: usize) -> Option<((usize, usize), Block)> {
    let mut seen = 0;
    let mut dash_indent = None;
    for l in block.start..block.end {
        let Some((col, text)) = content(lines, l, &block) else {
            continue;
        };
        let is_dash = text == "-" || text.starts_with("- ");
        if !is_dash || dash_indent.is_some_and(|d| d != col) {
            continue;
        }
        dash_indent = Some(col);
        if seen == index {
            let item_col = col + 2;
            let end = (l + 1..block.end)
                .find(|&m| {
                    content(lines, m, &block)
                        .is_some_and(|(c, t)| c < col || (c == col && t.starts_with('-')))
                })
                .unwrap_or(block.end);
            let item = Block {
                start: l,
                end,
                first_col: item_col,
                indent: item_col,
            };
            return Some(((l, item_col.min(col + text.len())), item));
        }
        seen += 1;
    }
    None
}

/// The block holding the value of the key on line `l`: the following, deeper lines (or
/// a list at the same indentation), else the key's own line.
fn value_block(lines: &[&str], l: usize, parent: Block) -> Block {
    let own_line = Block {
        start: l,
        end: l + 1,
        first_col: parent.indent,
        indent: parent.indent,
    };
    let Some(m) = (l + 1..parent.end).find(|&m| content(lines, m, &parent).is_some()) else {
        return own_line;
    };
    let (col, text) = content(lines, m, &parent).unwrap_or((0, ""));
    let nested = col > parent.indent || (col == parent.indent && text.starts_with('-'));
    if !nested {
        return own_line;
    }
    let end = (m..parent.end)
        .find(|&k| {
            content(lines, k, &parent).is_some_and(|(c, t)| {
                c < col || (col == parent.indent && c == col && !t.starts_with('-'))
            })
        })
        .unwrap_or(parent.end);
    Block {
        start: m,
        end,
        first_col: col,
        indent: col,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[test]
    fn locates_nested_paths() {
        let yaml = "title: Lista\nproviders:\n  - id: fk\n    name: FK\n    data_types:\n      - id: a\n        name: A\n      - id: b\n        since: 2020-01-01\n  - id: csn\n    org_number: 1\n";
        use Step::*;
        assert_eq!(
            locate_path(yaml, &[Key("providers"), Index(1), Key("org_number")]),
            Some((11, 5))
        );
        assert_eq!(
            locate_path(
                yaml,
                &[
                    Key("providers"),
                    Index(0),
                    Key("data_types"),
                    Index(1),
                    Key("since")
                ]
            ),
            Some((9, 9))
        );
        assert_eq!(
            locate_path(
                yaml,
                &[Key("providers"), Index(0), Key("data_types"), Index(1)]
            ),
            Some((8, 9))
        );
        assert_eq!(
            locate_path(yaml, &[Key("providers"), Index(0), Key("id")]),
            Some((3, 5))
        );
        // A missing key stops at the deepest node found.
        assert_eq!(
            locate_path(yaml, &[Key("providers"), Index(1), Key("name")]),
            Some((10, 5))
        );
        let flat = "providers:\n- id: x\n  name: X\n- id: y\n";
        assert_eq!(
            locate_path(flat, &[Key("providers"), Index(1), Key("id")]),
            Some((4, 3))
        );
    }

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Front {
        title: String,
        weight: Option<i64>,
        version: Option<String>,
    }

    #[test]
    fn unknown_key_names_the_key_and_the_alternatives() {
        let err = parse::<Front>("title: A\ntitel: B\n").unwrap_err();
        assert_eq!((err.line, err.col), (2, 1));
        assert_eq!(
            err.kind,
            YamlErrorKind::UnknownKey {
                key: "titel".into(),
                expected: vec!["title".into(), "weight".into(), "version".into()],
            }
        );
    }

    #[test]
    fn missing_key_in_empty_yaml() {
        let err = parse::<Front>("").unwrap_err();
        assert_eq!(err.kind, YamlErrorKind::MissingKey("title".into()));
    }

    #[test]
    fn wrong_type_keeps_position_and_drops_serde_suffix() {
        let err = parse::<Front>("title: A\nweight: abc\n").unwrap_err();
        assert_eq!((err.line, err.col), (2, 9));
        let YamlErrorKind::Other(message) = err.kind else {
            panic!("expected Other")
        };
        assert!(!message.contains("at line"), "{message}");
        assert!(message.starts_with("weight: invalid type"), "{message}");
    }

    #[test]
    fn duplicate_key_points_at_second_occurrence() {
        let err = parse::<Front>("title: A\nweight: 1\ntitle: B\n").unwrap_err();
        assert_eq!(err.kind, YamlErrorKind::DuplicateKey("title".into()));
        assert_eq!(err.line, 3);
    }

    #[test]
    fn unquoted_version_keeps_its_text() {
        let f: Front = parse("title: A\nversion: 1.10\n").unwrap();
        assert_eq!(f.version.as_deref(), Some("1.10"));
    }

    #[test]
    fn locates_block_and_flow_list_items() {
        let yaml = "title: A\ndocuments:\n  - a\n  # comment\n  - bb\nnext: 1\n";
        assert_eq!(locate_item(yaml, "documents", 0), Some((3, 5)));
        assert_eq!(locate_item(yaml, "documents", 1), Some((5, 5)));
        let flow = "documents: [a, bb, c]\n";
        assert_eq!(locate_item(flow, "documents", 1), Some((1, 16)));
        assert_eq!(locate_key(yaml, "next"), Some((6, 1)));
    }

    #[test]
    fn locates_items_that_are_mappings() {
        let yaml = "menu:\n  - path: /a/\n    title: A\n  - path: /b/\nfooter:\n- x\n";
        assert_eq!(locate_item(yaml, "menu", 1), Some((4, 5)));
        assert_eq!(locate_item(yaml, "footer", 0), Some((6, 3)));
    }
}
