//! The one place that knows serde_yaml.
//!
//! serde_yaml 0.9 is archived upstream; everything else calls [`parse`], [`locate_path`]
//! and [`is_key_line`], so swapping the YAML crate touches this file only.

use std::cell::{OnceCell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;

use serde::de::DeserializeOwned;

use crate::util::source::is_forbidden_in_text;

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
        /// The character.
        character: char,
        /// The value it is in, in serde_yaml's notation, when known.
        path: Option<String>,
    },
}

/// Whether YAML forbids `c` written as it is (YAML 1.1's printable set, which libyaml
/// enforces): forbidden text characters, and the C1 controls but NEL.
fn is_forbidden_in_yaml(c: char) -> bool {
    is_forbidden_in_text(c) || matches!(c, '\u{80}'..='\u{84}' | '\u{86}'..='\u{9F}')
}

/// How deep collections (block or flow, `[`, `{`, `- `, `key:`) may nest. Portals nest
/// four or five levels; libyaml takes time quadratic in the depth of flow collections
/// (100,000 `[` took 40 s). See: issue 10, item 5.
pub const MAX_DEPTH: usize = 64;

/// The most that aliases may repeat: (aliases) × (text size) stays under this.
const MAX_ALIAS_BYTES: usize = 64 << 20;

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

/// Refuses a character YAML forbids as it is written, at its place: libyaml would say
/// only "control characters are not allowed", at the start of the text.
fn check_raw_characters(yaml: &str) -> Result<(), YamlError> {
    let Some((at, character)) = yaml.char_indices().find(|&(_, c)| is_forbidden_in_yaml(c)) else {
        return Ok(());
    };
    let line_start = yaml[..at].rfind('\n').map_or(0, |i| i + 1);
    let before = &yaml[line_start..at];
    // The key of the line, if the character is in its value.
    let content = before.trim_start().trim_start_matches(['-', ' ']);
    let path = content
        .split_once(':')
        .map(|(key, _)| key.trim().trim_matches(['"', '\'']).to_string())
        .filter(|key| !key.is_empty());
    Err(YamlError {
        kind: YamlErrorKind::ControlCharacter { character, path },
        line: yaml[..at].matches('\n').count() as u32 + 1,
        col: before.chars().count() as u32 + 1,
    })
}

/// Refuses a forbidden character that a double-quoted escape (`"\x01"`, `"\0"`,
/// `"\uFFFF"`) put in a value, at the value's key.
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
        Value::String(text) => text.chars().find(|&c| is_forbidden_in_text(c)),
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
                if let Some(c) = key.chars().find(|&c| is_forbidden_in_text(c)) {
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

/// Refuses, at the place it happens, nesting deeper than [`MAX_DEPTH`] and more aliases
/// than the text's size allows, in one pass over the text.
///
/// The scan follows YAML as far as that needs: block collections by indentation and
/// `- `, flow collections by brackets, and quoted scalars, comments and block scalars
/// (`|`, `>`), whose brackets and dashes are text. It errs on the side of counting: a
/// quote opens a scalar only where a value starts, so no text can hide brackets from it.
fn check_shape(yaml: &str) -> Result<(), YamlError> {
    let mut scan = ShapeScan {
        max_aliases: (MAX_ALIAS_BYTES / yaml.len().max(1)).max(1),
        ..ShapeScan::default()
    };
    for (l, line) in yaml.lines().enumerate() {
        scan.line(line).map_err(|(kind, col)| YamlError {
            kind,
            line: l as u32 + 1,
            col: line[..col.min(line.len())].chars().count() as u32 + 1,
        })?;
    }
    Ok(())
}

/// The state of [`check_shape`] between lines.
#[derive(Default)]
struct ShapeScan {
    /// Columns of the open block collections.
    block: Vec<usize>,
    /// Open flow collections.
    flow: usize,
    /// The quote of a quoted scalar still open at the end of the last line.
    quote: Option<u8>,
    /// Lines indented deeper than this belong to a block scalar (`|`, `>`).
    block_scalar: Option<usize>,
    /// Lines indented deeper than this go on with the plain scalar the last line ended
    /// in: they are text, whatever quotes they hold.
    plain_scalar: Option<usize>,
    /// Whether a value may start here: a quote, bracket, `|` or `*` here begins one.
    value_start: bool,
    /// Whether the last token was plain text.
    plain: bool,
    /// Whether the last character closed a quoted scalar (`"a":"b"` in flow style).
    after_quote: bool,
    /// Where the last value on the current line started.
    last_value: usize,
    aliases: usize,
    max_aliases: usize,
}

/// Where on a line its node starts: the content after indentation and `- ` entries,
/// and the column of the last `- `.
#[derive(Clone, Copy)]
struct LineStart {
    indent: usize,
    content: usize,
    dash: Option<usize>,
}

impl LineStart {
    /// The column of the node a value starting at `col` belongs to: the key before it,
    /// else the entry's `- `, else the line's indentation. Lines that go on with the
    /// value (block and plain scalars) are indented deeper than this.
    fn owner(self, col: usize) -> usize {
        if col > self.content {
            self.content
        } else {
            self.dash.unwrap_or(self.indent)
        }
    }
}

type ShapeResult<T> = Result<T, (YamlErrorKind, usize)>;

impl ShapeScan {
    /// Scans one line; a problem comes with its byte column.
    fn line(&mut self, line: &str) -> ShapeResult<()> {
        let bytes = line.as_bytes();
        let indent = bytes.iter().take_while(|&&b| b == b' ').count();
        let blank = indent == bytes.len() || bytes[indent] == b'#';
        if let Some(owner) = self.block_scalar {
            if blank || indent > owner {
                return Ok(());
            }
            self.block_scalar = None;
        }
        let mut start = LineStart {
            indent,
            content: 0,
            dash: None,
        };
        if self.quote.is_none() && self.flow == 0 {
            if blank {
                return Ok(());
            }
            match self.plain_scalar {
                Some(owner) if indent > owner => {
                    // More of a plain scalar: text to its end, or to a comment.
                    start.content = indent;
                    start.indent = owner;
                    self.value_start = false;
                }
                _ => {
                    self.plain_scalar = None;
                    start = self.block_node(bytes, indent)?;
                    self.value_start = true;
                    self.plain = false;
                }
            }
        }
        self.inline(bytes, start)?;
        if self.quote.is_none() && self.flow == 0 && self.block_scalar.is_none() && self.plain {
            if self.plain_scalar.is_none() {
                self.plain_scalar = Some(start.owner(self.last_value));
            }
        } else {
            self.plain_scalar = None;
        }
        Ok(())
    }

    /// A line's block structure: the collection its indentation is in, and those that
    /// `- ` entries open on it.
    fn block_node(&mut self, bytes: &[u8], indent: usize) -> ShapeResult<LineStart> {
        let line = LineStart {
            indent,
            content: indent,
            dash: None,
        };
        let is_marker =
            |m: &[u8]| bytes.starts_with(m) && matches!(bytes.get(3), None | Some(b' '));
        if is_marker(b"---") || is_marker(b"...") {
            self.block.clear();
            return Ok(LineStart { content: 3, ..line });
        }
        while self.block.last().is_some_and(|&top| top > indent) {
            self.block.pop();
        }
        if self.block.last() != Some(&indent) {
            self.open_block(indent)?;
        }
        let (mut i, mut dash) = (indent, None);
        while bytes.get(i) == Some(&b'-') && matches!(bytes.get(i + 1), None | Some(b' ')) {
            dash = Some(i);
            i += 1;
            while bytes.get(i) == Some(&b' ') {
                i += 1;
            }
            if i >= bytes.len() || bytes[i] == b'#' {
                break;
            }
            // The entry's content is a node of its own, one level deeper.
            self.open_block(i)?;
        }
        Ok(LineStart {
            indent,
            content: i,
            dash,
        })
    }

    fn open_block(&mut self, col: usize) -> ShapeResult<()> {
        self.block.push(col);
        self.check_depth(col)
    }

    fn check_depth(&self, col: usize) -> ShapeResult<()> {
        if self.block.len() + self.flow > MAX_DEPTH {
            return Err((YamlErrorKind::TooDeep, col));
        }
        Ok(())
    }

    /// The rest of a line from its content: flow brackets, quoted scalars, comments,
    /// the start of block scalars, aliases.
    fn inline(&mut self, bytes: &[u8], start: LineStart) -> ShapeResult<()> {
        let mut i = start.content;
        self.last_value = start.content;
        while i < bytes.len() {
            let b = bytes[i];
            if let Some(quote) = self.quote {
                if b == b'\\' && quote == b'"' {
                    i += 2;
                    continue;
                }
                if b == quote {
                    if quote == b'\'' && bytes.get(i + 1) == Some(&b'\'') {
                        i += 2;
                        continue;
                    }
                    self.quote = None;
                    self.after_quote = true;
                }
                i += 1;
                continue;
            }
            let after_quote = std::mem::take(&mut self.after_quote);
            let after_space = i == 0 || matches!(bytes[i - 1], b' ' | b'\t');
            let ends_token = |at: usize| {
                matches!(
                    bytes.get(at),
                    None | Some(b' ' | b'\t' | b',' | b'[' | b']' | b'{' | b'}')
                )
            };
            if self.value_start && !matches!(b, b' ' | b'\t') {
                self.last_value = i;
            }
            match b {
                b'#' if after_space => break,
                b' ' | b'\t' => {}
                b'"' | b'\'' if self.value_start => {
                    self.quote = Some(b);
                    self.value_start = false;
                    self.plain = false;
                }
                b'[' | b'{' if self.value_start || self.flow > 0 => {
                    self.flow += 1;
                    self.check_depth(i)?;
                    self.value_start = true;
                    self.plain = false;
                }
                b']' | b'}' if self.flow > 0 => {
                    self.flow -= 1;
                    self.value_start = false;
                    self.plain = false;
                }
                b',' if self.flow > 0 => {
                    self.value_start = true;
                    self.plain = false;
                }
                b':' if ends_token(i + 1) || (after_quote && self.flow > 0) => {
                    self.value_start = true;
                    self.plain = false;
                }
                b'|' | b'>' if self.value_start && self.flow == 0 => {
                    self.block_scalar = Some(start.owner(i));
                    self.plain = false;
                    break;
                }
                b'*' if self.value_start => {
                    self.aliases += 1;
                    if self.aliases > self.max_aliases {
                        let limit = self.max_aliases;
                        return Err((YamlErrorKind::TooManyAliases { limit }, i));
                    }
                    self.value_start = false;
                    self.plain = false;
                }
                // Anchors and tags come before a value, which may still start after them.
                b'&' | b'!' if self.value_start => {
                    while !ends_token(i) {
                        i += 1;
                    }
                    continue;
                }
                _ => {
                    self.value_start = false;
                    self.plain = true;
                }
            }
            i += 1;
        }
        Ok(())
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
pub fn locate_path(yaml: &str, path: &[Step<'_>]) -> Option<(u32, u32)> {
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
pub struct Locator<'a> {
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
    pub fn new(yaml: &'a str) -> Self {
        Locator {
            lines: yaml.lines().collect(),
            top: OnceCell::new(),
            keys: RefCell::default(),
            items: RefCell::default(),
        }
    }

    /// As [`locate_path`].
    pub fn locate(&self, path: &[Step<'_>]) -> Option<(u32, u32)> {
        let (found, _, _) = self.follow(path)?;
        Some(position(&self.lines, found))
    }

    /// The 1-based line and column of the node at `path`, if the whole path is there.
    pub fn find(&self, path: &[Step<'_>]) -> Option<(u32, u32)> {
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

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    fn parse<T: DeserializeOwned>(yaml: &str) -> Result<T, YamlError> {
        super::parse(yaml, 1 << 20)
    }

    /// The problem [`check_shape`] finds: its kind and 1-based line and column.
    fn shape(yaml: &str) -> Option<(YamlErrorKind, u32, u32)> {
        check_shape(yaml).err().map(|e| (e.kind, e.line, e.col))
    }

    #[test]
    fn deep_nesting_is_refused_where_it_gets_too_deep() {
        let at_limit = format!(
            "a: {}{}\n",
            "[".repeat(MAX_DEPTH - 1),
            "]".repeat(MAX_DEPTH - 1)
        );
        assert_eq!(shape(&at_limit), None);
        let flow = format!("title: A\nb: {}x{}\n", "[".repeat(100), "]".repeat(100));
        assert_eq!(shape(&flow), Some((YamlErrorKind::TooDeep, 2, 4 + 63)));
        let maps = format!("b: {}x{}\n", "{a: ".repeat(100), "}".repeat(100));
        assert_eq!(shape(&maps), Some((YamlErrorKind::TooDeep, 1, 4 + 4 * 63)));
        let dashes = format!("title: A\nb:\n  {}x\n", "- ".repeat(100));
        assert_eq!(
            shape(&dashes),
            Some((YamlErrorKind::TooDeep, 3, 3 + 2 * 63))
        );
        let mut indented = String::new();
        for depth in 0..70 {
            indented.push_str(&" ".repeat(depth));
            indented.push_str("a:\n");
        }
        assert_eq!(shape(&indented), Some((YamlErrorKind::TooDeep, 65, 65)));
        // A flow collection spread over lines is one collection.
        let spread = format!("b: [\n{}]\n", "  [x],\n".repeat(200));
        assert_eq!(shape(&spread), None);
    }

    #[test]
    fn brackets_and_dashes_in_text_are_not_nesting() {
        let deep = "[".repeat(200);
        let dashes = "- ".repeat(200);
        for yaml in [
            format!("title: \"{deep}\"\n"),
            format!("title: '{deep} it''s'\n"),
            format!("title: Avtal {deep}\n"),
            format!("title: A # {deep}\n"),
            format!("intro: |\n  {deep}\n  {dashes}x\nnext: 1\n"),
            format!("- intro: >-\n    {deep}\n  next: [a, b]\n"),
            format!("title: \"over\n  lines {deep}\"\n"),
            format!("description: Avtal\n  {dashes}x\n  {deep}\n"),
            format!("list: [\"{deep}\", 'a{deep}']\n"),
        ] {
            assert_eq!(shape(&yaml), None, "{yaml}");
        }
    }

    #[test]
    fn quotes_inside_plain_text_cannot_hide_nesting() {
        let deep = format!("{}x{}", "[".repeat(100), "]".repeat(100));
        for yaml in [
            format!("title: Bolagets 'x\nb: {deep}\n"),
            format!("title: a\n  'continued\nb: {deep}\n"),
            format!("b: [a:\"b, {deep}]\n"),
            format!("b: [a\"b, {deep}]\n"),
        ] {
            assert!(
                matches!(shape(&yaml), Some((YamlErrorKind::TooDeep, _, _))),
                "{yaml}"
            );
        }
    }

    #[test]
    fn aliases_are_limited_by_the_size_they_could_reach() {
        assert_eq!(shape("a: &x long text\nb: *x\nc: [*x, *x]\n"), None);
        let value = "x".repeat(1 << 20);
        let many = format!("a: &v {value}\nb: [{}]\n", vec!["*v"; 100].join(", "));
        let limit = MAX_ALIAS_BYTES / many.len();
        assert_eq!(
            shape(&many),
            Some((
                YamlErrorKind::TooManyAliases { limit },
                2,
                5 + 4 * limit as u32
            ))
        );
    }

    #[test]
    fn too_large_is_refused_before_parsing() {
        let err = super::parse::<Front>("title: A\n", 5).unwrap_err();
        assert_eq!(err.kind, YamlErrorKind::TooLarge { size: 9, limit: 5 });
    }

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
    fn one_locator_answers_like_a_fresh_walk_in_any_order() {
        use Step::*;
        let yaml = "providers:\n  - id: a\n    data_types:\n      - id: t0\n      - id: t1\n        name: T\n  - id: b\n    data_types: [x, y]\nmenu:\n- path: /\n";
        let paths: Vec<Vec<Step<'_>>> = vec![
            vec![Key("providers"), Index(1), Key("data_types"), Index(1)],
            vec![
                Key("providers"),
                Index(0),
                Key("data_types"),
                Index(1),
                Key("name"),
            ],
            vec![
                Key("providers"),
                Index(0),
                Key("data_types"),
                Index(0),
                Key("name"),
            ],
            vec![Key("providers"), Index(1), Key("id")],
            vec![Key("providers"), Index(2)],
            vec![Key("menu"), Index(0), Key("path")],
            vec![Key("providers"), Index(0), Key("data_types"), Index(1)],
        ];
        let locator = Locator::new(yaml);
        let shared: Vec<_> = paths.iter().map(|p| locator.locate(p)).collect();
        let fresh: Vec<_> = paths.iter().map(|p| locate_path(yaml, p)).collect();
        assert_eq!(shared, fresh);
        assert_eq!(
            shared,
            [
                Some((8, 21)),
                Some((6, 9)),
                Some((4, 9)),
                Some((7, 5)),
                Some((1, 1)),
                Some((10, 3)),
                Some((5, 9))
            ]
        );
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
