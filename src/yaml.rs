//! The one place that knows serde_yaml.
//!
//! serde_yaml 0.9 is archived upstream; everything else calls [`parse`], [`locate_path`]
//! and [`is_key_line`], so swapping the YAML crate touches this file only.

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
///
/// `path` is where in the document the problem is, in serde_yaml's notation
/// (`menu[0]`, `providers[0].data_types[1]`); `None` at the top level.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum YamlErrorKind {
    /// A key the schema does not know; `expected` lists the known keys.
    UnknownKey {
        /// The mapping the key is in.
        path: Option<String>,
        /// The key as written.
        key: String,
        /// Every key the schema accepts.
        expected: Vec<String>,
    },
    /// A required key is absent.
    MissingKey {
        /// The mapping that lacks it.
        path: Option<String>,
        /// The key.
        key: String,
    },
    /// A key appears twice.
    DuplicateKey {
        /// The mapping the key is in.
        path: Option<String>,
        /// The key.
        key: String,
    },
    /// A value of the wrong type or form, with serde_yaml's wording (path included).
    WrongType(String),
    /// Anything else, mostly syntax errors, with serde_yaml's wording.
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
        // serde_yaml reports these at the start of the mapping; find the second key.
        YamlErrorKind::DuplicateKey { path, key } => {
            let steps = path.as_deref().map(steps).unwrap_or_default();
            locate_nth_key(yaml, &steps, key, 1).unwrap_or((line, col))
        }
        YamlErrorKind::MissingKey { path: None, .. } => (1, 1),
        _ => (line, col),
    };
    YamlError { kind, line, col }
}

/// The starts of serde's messages that [`classify`] knows.
const KNOWN_MESSAGES: [&str; 5] = [
    "unknown field ",
    "missing field ",
    "duplicate field ",
    "invalid type: ",
    "invalid value: ",
];

fn classify(message: &str) -> YamlErrorKind {
    let (path, rest) = split_path(message);
    let path = path.map(str::to_string);
    let ticked = |s: &str| -> Vec<String> {
        s.split('`')
            .skip(1)
            .step_by(2)
            .map(str::to_string)
            .collect()
    };
    if let Some(names) = rest.strip_prefix("unknown field ").map(ticked)
        && let Some((key, expected)) = names.split_first()
    {
        return YamlErrorKind::UnknownKey {
            path,
            key: key.clone(),
            expected: expected.to_vec(),
        };
    }
    if let Some(rest) = rest.strip_prefix("missing field ")
        && let Some(key) = ticked(rest).into_iter().next()
    {
        return YamlErrorKind::MissingKey { path, key };
    }
    if let Some(rest) = rest.strip_prefix("duplicate field ")
        && let Some(key) = ticked(rest).into_iter().next()
    {
        return YamlErrorKind::DuplicateKey { path, key };
    }
    if rest.starts_with("invalid type: ") || rest.starts_with("invalid value: ") {
        return YamlErrorKind::WrongType(message.to_string());
    }
    YamlErrorKind::Other(message.to_string())
}

/// Splits serde_yaml's `<path>: ` prefix (`menu[0]: unknown field …`) off a message.
/// The prefix ends where a known message starts, so a `: ` inside a key is no problem.
fn split_path(message: &str) -> (Option<&str>, &str) {
    let starts = std::iter::once(0).chain(message.match_indices(": ").map(|(i, _)| i + 2));
    for start in starts {
        let rest = &message[start..];
        if KNOWN_MESSAGES.iter().any(|m| rest.starts_with(m)) {
            return ((start > 0).then(|| &message[..start - 2]), rest);
        }
    }
    (None, message)
}

/// serde_yaml's path notation (`providers[0].data_types[1]`) as steps.
fn steps(path: &str) -> Vec<Step<'_>> {
    let mut steps = Vec::new();
    for part in path.split('.') {
        let (key, indices) = part.split_once('[').unwrap_or((part, ""));
        if !key.is_empty() {
            steps.push(Step::Key(key));
        }
        let indices = indices
            .split('[')
            .filter_map(|i| i.strip_suffix(']')?.parse().ok());
        steps.extend(indices.map(Step::Index));
    }
    steps
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
/// path can be followed. Lists may be block lists (`- item` lines) or flow lists on one
/// line (`[a, b]`); a path into a flow mapping stops at its line.
pub fn locate_path(yaml: &str, path: &[Step<'_>]) -> Option<(u32, u32)> {
    let lines: Vec<&str> = yaml.lines().collect();
    let (found, _, _) = follow(&lines, path)?;
    Some(position(&lines, found))
}

/// The 1-based line and column of the `nth` (from 0) `key:` of the mapping at `path`, for
/// a key written twice; `None` if the path cannot be followed to the end.
fn locate_nth_key(yaml: &str, path: &[Step<'_>], key: &str, nth: usize) -> Option<(u32, u32)> {
    let lines: Vec<&str> = yaml.lines().collect();
    let (_, block, complete) = follow(&lines, path)?;
    let (at, _) = find_key(&lines, block, key, nth).filter(|_| complete)?;
    Some(position(&lines, at))
}

/// Whether `line` starts with `key:`, the key plain or quoted.
pub fn is_key_line(line: &str, key: &str) -> bool {
    after_key(line, key).is_some()
}

/// The text after `key:` at the start of `line` (the key plain, `"key"` or `'key'`).
fn after_key<'a>(line: &'a str, key: &str) -> Option<&'a str> {
    let rest = match line.as_bytes().first() {
        Some(&quote @ (b'"' | b'\'')) => line[1..]
            .strip_prefix(key)?
            .strip_prefix(char::from(quote))?,
        _ => line.strip_prefix(key)?,
    };
    rest.trim_start().strip_prefix(':')
}

/// Follows `path` from the top: the (line, byte column) of the deepest node reached,
/// its block, and whether the whole path was followed.
fn follow(lines: &[&str], path: &[Step<'_>]) -> Option<((usize, usize), Block, bool)> {
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
            Step::Key(key) => find_key(lines, block, key, 0),
            Step::Index(index) => find_item(lines, block, index),
        };
        let Some((at, b)) = next else {
            return Some((found, block, false));
        };
        found = at;
        block = b;
    }
    Some((found, block, true))
}

/// A (line, byte column) as 1-based line and character column.
fn position(lines: &[&str], (l, col): (usize, usize)) -> (u32, u32) {
    let line = lines[l];
    let col = line[..col.min(line.len())].chars().count() + 1;
    (l as u32 + 1, col as u32)
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

fn find_key(
    lines: &[&str],
    block: Block,
    key: &str,
    nth: usize,
) -> Option<((usize, usize), Block)> {
    let mut seen = 0;
    for l in block.start..block.end {
        let Some((col, text)) = content(lines, l, &block) else {
            continue;
        };
        let Some(rest) = after_key(text, key).filter(|_| col == block.indent) else {
            continue;
        };
        if seen == nth {
            let value_col = col + text.len() - rest.trim_start().len();
            return Some(((l, col), value_block(lines, l, value_col, block)));
        }
        seen += 1;
    }
    None
}

fn find_item(lines: &[&str], block: Block, index: usize) -> Option<((usize, usize), Block)> {
    if let Some((col, text)) = content(lines, block.start, &block)
        && let Some(inner) = text.strip_prefix('[')
    {
        // A flow list on one line: items are separated by commas.
        let mut start = col + 1;
        for (i, part) in inner.split(',').enumerate() {
            let at = start + part.len() - part.trim_start().len();
            if i == index {
                let item = Block {
                    start: block.start,
                    end: block.start + 1,
                    first_col: at,
                    indent: at,
                };
                return Some(((block.start, at), item));
            }
            start += part.len() + 1;
        }
        return None;
    }
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
/// a list at the same indentation), else the rest of the key's own line from `value_col`.
fn value_block(lines: &[&str], l: usize, value_col: usize, parent: Block) -> Block {
    let own_line = Block {
        start: l,
        end: l + 1,
        first_col: value_col,
        indent: value_col,
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
                path: None,
                key: "titel".into(),
                expected: vec!["title".into(), "weight".into(), "version".into()],
            }
        );
    }

    #[test]
    fn missing_key_in_empty_yaml() {
        let err = parse::<Front>("").unwrap_err();
        assert_eq!(
            err.kind,
            YamlErrorKind::MissingKey {
                path: None,
                key: "title".into()
            }
        );
    }

    #[test]
    fn wrong_type_keeps_position_and_drops_serde_suffix() {
        let err = parse::<Front>("title: A\nweight: abc\n").unwrap_err();
        assert_eq!((err.line, err.col), (2, 9));
        let YamlErrorKind::WrongType(message) = err.kind else {
            panic!("expected WrongType")
        };
        assert!(!message.contains("at line"), "{message}");
        assert!(message.starts_with("weight: invalid type"), "{message}");
    }

    #[test]
    fn duplicate_key_points_at_second_occurrence() {
        let err = parse::<Front>("title: A\nweight: 1\ntitle: B\n").unwrap_err();
        assert_eq!(
            err.kind,
            YamlErrorKind::DuplicateKey {
                path: None,
                key: "title".into()
            }
        );
        assert_eq!((err.line, err.col), (3, 1));
    }

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Settings {
        title: String,
        menu: Vec<Item>,
    }

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Item {
        path: String,
        title: Option<String>,
    }

    #[test]
    fn nested_key_errors_carry_their_path_and_place() {
        let err = parse::<Settings>("title: A\nmenu:\n  - path: /\n    titel: Hem\n").unwrap_err();
        assert_eq!((err.line, err.col), (4, 5));
        assert_eq!(
            err.kind,
            YamlErrorKind::UnknownKey {
                path: Some("menu[0]".into()),
                key: "titel".into(),
                expected: vec!["path".into(), "title".into()],
            }
        );
        let err = parse::<Settings>("title: A\nmenu:\n  - path: /\n  - title: B\n").unwrap_err();
        assert_eq!((err.line, err.col), (4, 5));
        assert_eq!(
            err.kind,
            YamlErrorKind::MissingKey {
                path: Some("menu[1]".into()),
                key: "path".into()
            }
        );
        let err = parse::<Settings>("title: A\nmenu:\n  - path: /\n    title: B\n    title: C\n")
            .unwrap_err();
        assert_eq!((err.line, err.col), (5, 5));
        assert_eq!(
            err.kind,
            YamlErrorKind::DuplicateKey {
                path: Some("menu[0]".into()),
                key: "title".into()
            }
        );
        let err = parse::<Settings>("title: A\nmenu:\n  - path: [a]\n").unwrap_err();
        assert_eq!((err.line, err.col), (3, 11));
        assert!(
            matches!(&err.kind, YamlErrorKind::WrongType(m) if m.starts_with("menu[0].path: invalid type")),
            "{:?}",
            err.kind
        );
    }

    #[test]
    fn splits_serde_paths() {
        use Step::*;
        assert_eq!(
            steps("providers[0].data_types[12]"),
            [Key("providers"), Index(0), Key("data_types"), Index(12)]
        );
        assert_eq!(steps("menu"), [Key("menu")]);
        assert_eq!(
            split_path("a: b: unknown field `x`"),
            (Some("a: b"), "unknown field `x`")
        );
        assert_eq!(
            split_path("mapping values are not allowed in this context"),
            (None, "mapping values are not allowed in this context")
        );
    }

    #[test]
    fn unquoted_version_keeps_its_text() {
        let f: Front = parse("title: A\nversion: 1.10\n").unwrap();
        assert_eq!(f.version.as_deref(), Some("1.10"));
    }

    #[test]
    fn locates_block_and_flow_list_items() {
        use Step::*;
        let yaml = "title: A\ndocuments:\n  - a\n  # comment\n  - bb\nnext: 1\n";
        assert_eq!(
            locate_path(yaml, &[Key("documents"), Index(0)]),
            Some((3, 5))
        );
        assert_eq!(
            locate_path(yaml, &[Key("documents"), Index(1)]),
            Some((5, 5))
        );
        let flow = "documents: [a, bb, c]\n";
        assert_eq!(
            locate_path(flow, &[Key("documents"), Index(1)]),
            Some((1, 16))
        );
        assert_eq!(
            locate_path(flow, &[Key("documents"), Index(0)]),
            Some((1, 13))
        );
        // An index past the end stops at the key.
        assert_eq!(
            locate_path(flow, &[Key("documents"), Index(5)]),
            Some((1, 1))
        );
        assert_eq!(locate_path(yaml, &[Key("next")]), Some((6, 1)));
    }

    #[test]
    fn locates_items_that_are_mappings() {
        use Step::*;
        let yaml = "menu:\n  - path: /a/\n    title: A\n  - path: /b/\nfooter:\n- x\n";
        assert_eq!(locate_path(yaml, &[Key("menu"), Index(1)]), Some((4, 5)));
        assert_eq!(locate_path(yaml, &[Key("footer"), Index(0)]), Some((6, 3)));
    }

    #[test]
    fn locates_quoted_keys_and_repeated_keys() {
        use Step::*;
        let yaml = "\"title\": A\nmenu:\n  - path: /a/\n    'title': A\n    title: B\n";
        assert_eq!(locate_path(yaml, &[Key("title")]), Some((1, 1)));
        assert_eq!(
            locate_path(yaml, &[Key("menu"), Index(0), Key("title")]),
            Some((4, 5))
        );
        assert_eq!(
            locate_nth_key(yaml, &[Key("menu"), Index(0)], "title", 1),
            Some((5, 5))
        );
        assert_eq!(
            locate_nth_key(yaml, &[Key("menu"), Index(3)], "title", 1),
            None
        );
        assert!(is_key_line("'draft' : true", "draft"));
        assert!(!is_key_line("drafts: true", "draft"));
        assert!(!is_key_line("\"draft': true", "draft"));
    }
}
