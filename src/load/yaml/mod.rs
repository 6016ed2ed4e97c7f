//! The one place that knows serde_yaml.
//!
//! serde_yaml 0.9 is archived upstream; everything else calls [`parse`], [`locate_path`]
//! and [`is_key_line`], so swapping the YAML crate touches this folder only. The
//! pre-scan that refuses texts too deep, too alias-heavy or with forbidden characters
//! before serde_yaml sees them is in `scan`.

use std::cell::{OnceCell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;

use serde::de::DeserializeOwned;

use crate::util::source::is_forbidden_on_page;
use scan::{check_raw_characters, check_shape};

mod scan;
#[cfg(test)]
mod tests;

/// A YAML problem with its position inside the YAML text (1-based).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YamlError {
    /// The kind of problem, for messages and hints.
    pub(crate) kind: YamlErrorKind,
    /// 1-based line within the YAML text.
    pub(crate) line: u32,
    /// 1-based column within the YAML text.
    pub(crate) col: u32,
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
        /// The key that is missing.
        key: String,
    },
    /// A key appears twice.
    DuplicateKey {
        /// The mapping the key is in.
        path: Option<String>,
        /// The key written twice.
        key: String,
    },
    /// A value of the wrong kind (`weight: abc`), read from serde_yaml's words so that
    /// it can be said in the editor's language.
    WrongKind {
        /// Where, such as `menu[0].path`; `None` at the top level.
        path: Option<String>,
        /// What was written: `text` (with its value), `number`, `boolean`, `list`,
        /// `mapping`, `empty` or `other`.
        found: &'static str,
        /// The text written, when `found` is `text`.
        value: String,
        /// What the key takes: `integer`, `number`, `boolean`, `list`, `text`,
        /// `mapping` or `other`.
        expected: &'static str,
        /// serde_yaml's words for what the key takes, for `other`.
        expected_words: String,
    },
    /// A value of the wrong type or form that [`YamlErrorKind::WrongKind`] does not
    /// read, with serde_yaml's wording (path included).
    WrongType(String),
    /// Anything else, mostly syntax errors: the kind [`syntax_kind`] reads from
    /// serde_yaml's wording, and the wording, shown as it is for kind `other`.
    Other {
        /// `colon`, `quote`, `bracket`, `reserved`, `tab`, `indent`, `alias` or `other`.
        problem: &'static str,
        /// serde_yaml's words.
        message: String,
    },
    /// The text is larger than the limit (bytes), refused before it is parsed.
    TooLarge {
        /// Its size in bytes.
        size: usize,
        /// The most that is read.
        limit: usize,
    },
    /// Collections nest deeper than [`MAX_DEPTH`], refused before the text is parsed.
    TooDeep,
    /// More aliases (`*name`) than a text of this size may have, refused before it is
    /// parsed: each alias repeats its anchor's value, so a few kilobytes of aliases of
    /// a long value would make gigabytes.
    TooManyAliases {
        /// The most this text may have.
        limit: usize,
    },
    /// A control character, written as it is or as an escape (`"\x01"`), that no page
    /// can show and that XML (feeds, the sitemap) forbids.
    ControlCharacter {
        /// The character found.
        character: char,
        /// The value it is in, in serde_yaml's notation, when known.
        path: Option<String>,
    },
}

/// How deep collections (block or flow, `[`, `{`, `- `, `key:`) may nest. Portals nest
/// four or five levels; libyaml takes time quadratic in the depth of flow collections
/// (100,000 `[` took 40 s). See: issue 10, item 5.
pub(crate) const MAX_DEPTH: usize = 64;

/// Parses YAML text of at most `max_bytes` into `T`, mapping serde_yaml's error into a
/// positioned [`YamlError`]. Texts that are too large, too deep or have too many
/// aliases are refused before serde_yaml sees them.
pub fn parse<T: DeserializeOwned>(yaml: &str, max_bytes: usize) -> Result<T, YamlError> {
    if yaml.len() > max_bytes {
        return Err(YamlError {
            kind: YamlErrorKind::TooLarge {
                size: yaml.len(),
                limit: max_bytes,
            },
            line: 1,
            col: 1,
        });
    }
    check_raw_characters(yaml)?;
    check_shape(yaml)?;
    // An empty document is `null` to serde_yaml; treat it as an empty mapping so that
    // a missing required key is reported as such.
    let text = if yaml.trim().is_empty() { "{}" } else { yaml };
    let value = serde_yaml::from_str(text).map_err(|e| convert_error(yaml, &e))?;
    // Only a double-quoted escape can make a control character now; YAML without a
    // backslash (nearly all) is not looked at again.
    if memchr::memchr(b'\\', yaml.as_bytes()).is_some() {
        check_escaped_characters(yaml)?;
    }
    Ok(value)
}

/// Refuses a character no page may hold that a double-quoted escape (`"\x01"`, `"\0"`,
/// `"\x85"`, `"\uFFFF"`) put in a value, at the value's key.
fn check_escaped_characters(yaml: &str) -> Result<(), YamlError> {
    let Ok(value) = serde_yaml::from_str::<serde_yaml::Value>(yaml) else {
        return Ok(());
    };
    let mut path = String::new();
    let Some(character) = find_forbidden(&value, &mut path) else {
        return Ok(());
    };
    let (line, col) = locate_path(yaml, &steps(&path)).unwrap_or((1, 1));
    let path = (!path.is_empty()).then_some(path);
    Err(YamlError {
        kind: YamlErrorKind::ControlCharacter { character, path },
        line,
        col,
    })
}

/// The first forbidden character in a string of `value`; `path` is left at where it is.
fn find_forbidden(value: &serde_yaml::Value, path: &mut String) -> Option<char> {
    use serde_yaml::Value;
    match value {
        Value::String(text) => text.chars().find(|&c| is_forbidden_on_page(c)),
        Value::Sequence(items) => items.iter().enumerate().find_map(|(i, item)| {
            let len = path.len();
            path.push_str(&format!("[{i}]"));
            let found = find_forbidden(item, path);
            if found.is_none() {
                path.truncate(len);
            }
            found
        }),
        Value::Mapping(map) => map.iter().find_map(|(key, item)| {
            let len = path.len();
            if let Value::String(key) = key {
                if let Some(c) = key.chars().find(|&c| is_forbidden_on_page(c)) {
                    return Some(c);
                }
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(key);
            }
            let found = find_forbidden(item, path);
            if found.is_none() {
                path.truncate(len);
            }
            found
        }),
        Value::Tagged(tagged) => find_forbidden(&tagged.value, path),
        Value::Null | Value::Bool(_) | Value::Number(_) => None,
    }
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
    if let Some(kind) = wrong_kind(path.clone(), rest) {
        return kind;
    }
    if rest.starts_with("invalid type: ") || rest.starts_with("invalid value: ") {
        return YamlErrorKind::WrongType(message.to_string());
    }
    YamlErrorKind::Other {
        problem: syntax_kind(message),
        message: message.to_string(),
    }
}

/// The kind of a YAML syntax error, read from libyaml's wording (as serde_yaml passes
/// it on, position removed), so that it can be said in the editor's language: `colon`
/// (`: ` in a value without quotes), `quote` (a quote that is never closed),
/// `bracket` (a `[` or `{` that is never closed), `reserved` (a value starting with a
/// character YAML reserves), `tab`, `indent` (a line out of line with the ones around
/// it), `alias` (`*name` with no `&name`), or `other` (then show the message as it is).
fn syntax_kind(message: &str) -> &'static str {
    let has = |words: &str| message.contains(words);
    if has("mapping values are not allowed") {
        "colon"
    } else if has("while scanning a quoted scalar") || has("while parsing a quoted scalar") {
        "quote"
    } else if has("did not find expected ',' or ']'")
        || has("did not find expected ',' or '}'")
        || has("while parsing a flow")
    {
        "bracket"
    } else if has("found character that cannot start any token") {
        "reserved"
    } else if has("found a tab character") {
        "tab"
    } else if has("did not find expected key")
        || has("did not find expected '-' indicator")
        || has("could not find expected ':'")
        || has("did not find expected <document start>")
        || has("block sequence entries are not allowed")
    {
        "indent"
    } else if has("unknown anchor") || has("undefined alias") {
        "alias"
    } else {
        "other"
    }
}

/// Reads `invalid type: string "abc", expected i64` (serde's `Unexpected` and
/// `Expected` texts) as kinds of value an editor knows; `None` for other wording.
fn wrong_kind(path: Option<String>, rest: &str) -> Option<YamlErrorKind> {
    let rest = rest.strip_prefix("invalid type: ")?;
    let (found, expected_words) = rest.rsplit_once(", expected ")?;
    let mut value = String::new();
    let found = if let Some(text) = found.strip_prefix("string ") {
        value = text.trim_matches('"').to_string();
        "text"
    } else if found.starts_with("integer ") || found.starts_with("floating point ") {
        "number"
    } else if found.starts_with("boolean ") {
        "boolean"
    } else if found == "sequence" {
        "list"
    } else if found == "map" {
        "mapping"
    } else if found == "unit value" {
        "empty"
    } else {
        "other"
    };
    let expected = match expected_words {
        "i8" | "i16" | "i32" | "i64" | "i128" | "u8" | "u16" | "u32" | "u64" | "u128" | "isize"
        | "usize" => "integer",
        "f32" | "f64" => "number",
        "a boolean" => "boolean",
        "a sequence" => "list",
        "a string" | "a borrowed string" | "a character" => "text",
        "a map" => "mapping",
        words if words.starts_with("struct ") => "mapping",
        _ => "other",
    };
    Some(YamlErrorKind::WrongKind {
        path,
        found,
        value,
        expected,
        expected_words: expected_words.to_string(),
    })
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
pub(crate) enum Step<'a> {
    /// A mapping key.
    Key(&'a str),
    /// A sequence index.
    Index(usize),
}

/// A region of block-style YAML: lines `start..end`, content at column `indent`, the
/// first line possibly starting further right (after a `- `).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct Block {
    start: usize,
    end: usize,
    first_col: usize,
    indent: usize,
}

/// A node found by one step: its (line, byte column) and the block of its value.
type Node = ((usize, usize), Block);

/// The 1-based line and column of the node at `path` in block-style YAML, as far as the
/// path can be followed. Lists may be block lists (`- item` lines) or flow lists on one
/// line (`[a, b]`); a path into a flow mapping stops at its line.
pub(crate) fn locate_path(yaml: &str, path: &[Step<'_>]) -> Option<(u32, u32)> {
    Locator::new(yaml).locate(path)
}

/// The 1-based line and column of the `nth` (from 0) `key:` of the mapping at `path`, for
/// a key written twice; `None` if the path cannot be followed to the end.
fn locate_nth_key(yaml: &str, path: &[Step<'_>], key: &str, nth: usize) -> Option<(u32, u32)> {
    let locator = Locator::new(yaml);
    let (_, block, complete) = locator.follow(path)?;
    let (at, _) = find_key(&locator.lines, block, key, nth).filter(|_| complete)?;
    Some(position(&locator.lines, at))
}

/// Locates nodes of one YAML text by path, keeping what each step found: locating
/// every item of a long list (menu entries, list documents, data types with problems)
/// walks the text about once, not once per item. See: issue 10, item 5.
#[derive(Debug)]
pub(crate) struct Locator<'a> {
    lines: Vec<&'a str>,
    /// The first line with content, and its indentation.
    top: OnceCell<Option<(usize, usize)>>,
    /// By block and key: the node a key step found.
    keys: RefCell<HashMap<(Block, String), Option<Node>>>,
    /// By block: the items of the list it holds.
    items: RefCell<HashMap<Block, Rc<[Node]>>>,
}

impl<'a> Locator<'a> {
    /// A locator for `yaml`; the text is walked as paths are asked for.
    pub(crate) fn new(yaml: &'a str) -> Self {
        Locator {
            lines: yaml.lines().collect(),
            top: OnceCell::new(),
            keys: RefCell::default(),
            items: RefCell::default(),
        }
    }

    /// As [`locate_path`].
    pub(crate) fn locate(&self, path: &[Step<'_>]) -> Option<(u32, u32)> {
        let (found, _, _) = self.follow(path)?;
        Some(position(&self.lines, found))
    }

    /// The 1-based line and column of the node at `path`, if the whole path is there.
    pub(crate) fn find(&self, path: &[Step<'_>]) -> Option<(u32, u32)> {
        let (found, _, complete) = self.follow(path)?;
        complete.then(|| position(&self.lines, found))
    }

    /// Follows `path` from the top: the (line, byte column) of the deepest node reached,
    /// its block, and whether the whole path was followed.
    fn follow(&self, path: &[Step<'_>]) -> Option<((usize, usize), Block, bool)> {
        let lines = &self.lines;
        let (first, indent) = (*self.top.get_or_init(|| {
            (0..lines.len()).find_map(|l| {
                let t = lines[l].trim_start();
                (!t.is_empty() && !t.starts_with('#')).then_some((l, lines[l].len() - t.len()))
            })
        }))?;
        let mut block = Block {
            start: first,
            end: lines.len(),
            first_col: indent,
            indent,
        };
        let mut found = (first, indent);
        for step in path {
            let next = match *step {
                Step::Key(key) => self.key(block, key),
                Step::Index(index) => self.list_items(block).get(index).copied(),
            };
            let Some((at, b)) = next else {
                return Some((found, block, false));
            };
            found = at;
            block = b;
        }
        Some((found, block, true))
    }

    fn key(&self, block: Block, key: &str) -> Option<Node> {
        let cache_key = (block, key.to_string());
        if let Some(node) = self.keys.borrow().get(&cache_key) {
            return *node;
        }
        let node = find_key(&self.lines, block, key, 0);
        self.keys.borrow_mut().insert(cache_key, node);
        node
    }

    /// Every item of the list in `block`, found in one walk of it.
    fn list_items(&self, block: Block) -> Rc<[Node]> {
        if let Some(items) = self.items.borrow().get(&block) {
            return items.clone();
        }
        let items: Rc<[Node]> = list_items(&self.lines, block).into();
        self.items.borrow_mut().insert(block, items.clone());
        items
    }
}

/// Whether `line` starts with `key:`, the key plain or quoted.
pub(crate) fn is_key_line(line: &str, key: &str) -> bool {
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

/// The items of the list in `block`: a flow list on its first line (items separated by
/// commas), or the `- ` lines at the indentation of the first.
fn list_items(lines: &[&str], block: Block) -> Vec<Node> {
    if let Some((col, text)) = content(lines, block.start, &block)
        && let Some(inner) = text.strip_prefix('[')
    {
        let mut items = Vec::new();
        let mut start = col + 1;
        for part in inner.split(',') {
            let at = start + part.len() - part.trim_start().len();
            let item = Block {
                start: block.start,
                end: block.start + 1,
                first_col: at,
                indent: at,
            };
            items.push(((block.start, at), item));
            start += part.len() + 1;
        }
        return items;
    }
    let mut items: Vec<Node> = Vec::new();
    let mut dash_indent = None;
    // Whether the last item runs on: it ends at the first line less indented than its
    // dash, or at the next dash.
    let mut open = false;
    for l in block.start..block.end {
        let Some((col, text)) = content(lines, l, &block) else {
            continue;
        };
        if open
            && let (Some(d), Some(last)) = (dash_indent, items.last_mut())
            && (col < d || (col == d && text.starts_with('-')))
        {
            last.1.end = l;
            open = false;
        }
        let is_dash = text == "-" || text.starts_with("- ");
        if !is_dash || dash_indent.is_some_and(|d| d != col) {
            continue;
        }
        dash_indent = Some(col);
        let item_col = col + 2;
        let item = Block {
            start: l,
            end: block.end,
            first_col: item_col,
            indent: item_col,
        };
        items.push(((l, item_col.min(col + text.len())), item));
        open = true;
    }
    items
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
