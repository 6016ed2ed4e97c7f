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

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

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
