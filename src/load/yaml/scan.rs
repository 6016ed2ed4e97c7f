//! The pre-scan: what is refused before serde_yaml sees a text, at the place it
//! happens. A character YAML forbids as written, collections nested deeper than
//! [`MAX_DEPTH`], and more aliases than the text's size allows: libyaml would take
//! quadratic time over deep flow collections, expand aliases into gigabytes, and
//! report a raw control character only at the start of the text.

use super::{MAX_DEPTH, YamlError, YamlErrorKind};
use crate::util::source::is_forbidden_on_page;

/// Whether `c` written as it is is refused: what YAML forbids (YAML 1.1's printable
/// set, which libyaml enforces: forbidden text characters, and the C1 controls but NEL,
/// a YAML line break), and the noncharacters YAML allows but no page may hold.
fn is_forbidden_in_yaml(c: char) -> bool {
    is_forbidden_on_page(c) && c != '\u{85}'
}

/// The most that aliases may repeat: (aliases) × (text size) stays under this.
pub(super) const MAX_ALIAS_BYTES: usize = 64 << 20;

/// Refuses a character YAML forbids as it is written, at its place: libyaml would say
/// only "control characters are not allowed", at the start of the text.
pub(super) fn check_raw_characters(yaml: &str) -> Result<(), YamlError> {
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

/// Refuses, at the place it happens, nesting deeper than [`MAX_DEPTH`] and more aliases
/// than the text's size allows, in one pass over the text.
///
/// The scan follows YAML as far as that needs: block collections by indentation and
/// `- `, flow collections by brackets, and quoted scalars, comments and block scalars
/// (`|`, `>`), whose brackets and dashes are text. It errs on the side of counting: a
/// quote opens a scalar only where a value starts, so no text can hide brackets from it.
pub(super) fn check_shape(yaml: &str) -> Result<(), YamlError> {
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

    /// Inside a scalar quoted with `quote`: steps over the byte at `i` (an escape or a
    /// doubled `'` with the next one), closing the scalar at its quote. Gives the index
    /// of the next byte to look at.
    fn quoted(&mut self, bytes: &[u8], i: usize, quote: u8) -> usize {
        let b = bytes[i];
        if b == b'\\' && quote == b'"' {
            return i + 2;
        }
        if b == quote {
            if quote == b'\'' && bytes.get(i + 1) == Some(&b'\'') {
                return i + 2;
            }
            self.quote = None;
            self.after_quote = true;
        }
        i + 1
    }

    /// The rest of a line from its content: flow brackets, quoted scalars, comments,
    /// the start of block scalars, aliases.
    fn inline(&mut self, bytes: &[u8], start: LineStart) -> ShapeResult<()> {
        let mut i = start.content;
        self.last_value = start.content;
        while i < bytes.len() {
            let b = bytes[i];
            if let Some(quote) = self.quote {
                i = self.quoted(bytes, i, quote);
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
