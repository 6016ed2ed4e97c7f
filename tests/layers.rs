//! The source tree is the pipeline: each folder under `src/` is a layer, and a module
//! imports only from its own folder and the folders below it (ARCHITECTURE.md, "Layers").
//!
//! This test reads every file under `src/` and fails, naming the file, the line and the
//! two layers, when a module uses a path into a layer above its own: `use crate::…`
//! statements (grouped or not, `pub use` too, at the top or inside a function) and
//! `crate::x::…` or `super::…` paths anywhere in the code. Comments and string literals
//! are left out, so prose may name any module; so are intra-doc links, which are
//! documentation, not dependencies.
//!
//! The roof (`lib.rs`, `main.rs`, `cli.rs`, `allocator.rs`, `new.rs`, `fuzzing.rs` and
//! `serve/`) may use every layer; no layer may use the roof. A new folder or a new file at the top of
//! `src/` fails the test until it is given its place here.

mod code;

use std::fmt;

use code::{code_only, rust_files, sources, src_dir};

/// The layers, lowest first.
const LAYERS: [&str; 7] = [
    "util", "model", "load", "analyze", "render", "verify", "emit",
];

/// Files at the top of `src/` (all of them the roof).
const ROOF_FILES: [&str; 6] = [
    "lib.rs",
    "main.rs",
    "cli.rs",
    "allocator.rs",
    "new.rs",
    "fuzzing.rs",
];

/// Folders of `src/` that belong to the roof.
const ROOF_FOLDERS: [&str; 1] = ["serve"];

/// The rank of a top-level module: its index in [`LAYERS`], or the roof above them all.
fn rank(module: &str) -> usize {
    LAYERS
        .iter()
        .position(|l| *l == module)
        .unwrap_or(LAYERS.len())
}

fn layer_name(module: &str) -> &str {
    if rank(module) < LAYERS.len() {
        module
    } else {
        "the roof"
    }
}

/// A path into a layer above the module that uses it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Violation {
    file: String,
    line: usize,
    from: String,
    to: String,
    path: String,
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}: `{}` ({}) uses `{}` ({}), a layer above it",
            self.file,
            self.line,
            self.from,
            layer_name(&self.from),
            self.path,
            layer_name(&self.to)
        )
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Token {
    Ident(String),
    PathSep,
    Open,
    Close,
    Comma,
    Star,
    Other,
}

/// The tokens of code (from [`code_only`]) that paths are made of, with their lines.
fn tokens(code: &str) -> Vec<(Token, usize)> {
    let mut out = Vec::new();
    for (n, line) in code.lines().enumerate() {
        let chars: Vec<char> = line.chars().collect();
        let mut i = 0;
        while i < chars.len() {
            let c = chars[i];
            if c.is_alphabetic() || c == '_' {
                let start = i;
                while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
                    i += 1;
                }
                let word: String = chars[start..i].iter().collect();
                out.push((Token::Ident(word), n + 1));
                continue;
            }
            let token = match c {
                ':' if chars.get(i + 1) == Some(&':') => {
                    i += 1;
                    Token::PathSep
                }
                '{' => Token::Open,
                '}' => Token::Close,
                ',' => Token::Comma,
                '*' => Token::Star,
                c if c.is_whitespace() => {
                    i += 1;
                    continue;
                }
                _ => Token::Other,
            };
            out.push((token, n + 1));
            i += 1;
        }
    }
    out
}

/// The module path of a file under `src/`: `render/markdown/mod.rs` → `render::markdown`,
/// `lib.rs` → the crate root.
fn module_of(rel: &str) -> Vec<String> {
    let rel = rel.strip_suffix(".rs").unwrap_or(rel);
    let mut parts: Vec<String> = rel.split('/').map(str::to_string).collect();
    if parts.last().is_some_and(|p| p == "mod") {
        parts.pop();
    }
    if parts.len() == 1 && (parts[0] == "lib" || parts[0] == "main") {
        parts.clear();
    }
    parts
}

/// The first segments (the top-level modules) a path starting at `tokens[at]` reaches
/// after the leading `crate::` or `super::`s are taken off, each with its line: one for
/// `x::y`, one per item for a group `{x::y, z}`, none for `*` (the caller decides what
/// a glob reaches).
fn first_segments(tokens: &[(Token, usize)], at: usize) -> Vec<(String, usize)> {
    match tokens.get(at) {
        Some((Token::Ident(word), line)) => vec![(word.clone(), *line)],
        Some((Token::Open, _)) => {
            let mut out = Vec::new();
            let mut depth = 0;
            let mut expect_item = true;
            for (token, line) in &tokens[at..] {
                match token {
                    Token::Open => {
                        depth += 1;
                        expect_item = depth == 1;
                    }
                    Token::Close => {
                        depth -= 1;
                        if depth == 0 {
                            break;
                        }
                    }
                    Token::Comma if depth == 1 => expect_item = true,
                    Token::Ident(word) if depth == 1 && expect_item => {
                        out.push((word.clone(), *line));
                        expect_item = false;
                    }
                    _ => {}
                }
            }
            out
        }
        _ => Vec::new(),
    }
}

/// Every path in one file that reaches into a layer above the file's own.
fn check_file(rel: &str, src: &str) -> Vec<Violation> {
    let file_module = module_of(rel);
    let own = file_module.first().cloned().unwrap_or_default();
    let own_rank = rank(&own);
    let tokens = tokens(&code_only(src));
    let mut out = Vec::new();
    // Inline modules (`mod tests { … }`) open below the file's module: (name, depth).
    let mut inline: Vec<(String, usize)> = Vec::new();
    let mut depth = 0usize;
    let mut i = 0;
    while i < tokens.len() {
        let (token, line) = &tokens[i];
        // (top-level module, the path as written up to it, its line)
        let mut reached: Vec<(String, String, usize)> = Vec::new();
        match token {
            Token::Open => depth += 1,
            Token::Close => {
                depth = depth.saturating_sub(1);
                if inline.last().is_some_and(|(_, d)| *d == depth) {
                    inline.pop();
                }
            }
            Token::Ident(word) if word == "mod" => {
                if let (Some((Token::Ident(name), _)), Some((Token::Open, _))) =
                    (tokens.get(i + 1), tokens.get(i + 2))
                {
                    inline.push((name.clone(), depth));
                }
            }
            Token::Ident(word)
                if word == "crate"
                    && tokens.get(i + 1).is_some_and(|(t, _)| *t == Token::PathSep)
                    && (i == 0 || tokens[i - 1].0 != Token::PathSep) =>
            {
                for (top, at) in first_segments(&tokens, i + 2) {
                    reached.push((top.clone(), format!("crate::{top}"), at));
                }
            }
            Token::Ident(word)
                if word == "super"
                    && tokens.get(i + 1).is_some_and(|(t, _)| *t == Token::PathSep)
                    && (i == 0 || tokens[i - 1].0 != Token::PathSep) =>
            {
                let mut module: Vec<String> = file_module.clone();
                module.extend(inline.iter().map(|(name, _)| name.clone()));
                let mut j = i;
                let mut supers = 0;
                while matches!(&tokens.get(j), Some((Token::Ident(w), _)) if w == "super")
                    && tokens.get(j + 1).is_some_and(|(t, _)| *t == Token::PathSep)
                {
                    supers += 1;
                    j += 2;
                }
                let written = "super::".repeat(supers);
                if supers < module.len() {
                    module.truncate(module.len() - supers);
                    reached.push((module[0].clone(), written, *line));
                } else if matches!(tokens.get(j), Some((Token::Star, _))) {
                    reached.push((String::new(), format!("{written}*"), *line));
                } else {
                    for (top, at) in first_segments(&tokens, j) {
                        reached.push((top.clone(), format!("{written}{top}"), at));
                    }
                }
            }
            _ => {}
        }
        for (top, path, line) in reached {
            if top != own && rank(&top) > own_rank {
                out.push(Violation {
                    file: format!("src/{rel}"),
                    line,
                    from: own.clone(),
                    to: top,
                    path,
                });
            }
        }
        i += 1;
    }
    out
}

#[test]
fn no_module_imports_from_a_layer_above_its_own() {
    let violations: Vec<String> = sources()
        .iter()
        .flat_map(|(rel, text)| check_file(rel, text))
        .map(|v| v.to_string())
        .collect();
    assert!(
        violations.is_empty(),
        "{} imports against the layers (util < model < load < analyze < render < \
         verify < emit < the roof):\n{}",
        violations.len(),
        violations.join("\n")
    );
}

#[test]
fn every_file_is_in_a_layer_or_the_roof() {
    let mut strays = Vec::new();
    for rel in rust_files(&src_dir()) {
        let known = match rel.split_once('/') {
            Some((folder, _)) => LAYERS.contains(&folder) || ROOF_FOLDERS.contains(&folder),
            None => ROOF_FILES.contains(&rel.as_str()),
        };
        if !known {
            strays.push(rel);
        }
    }
    assert!(
        strays.is_empty(),
        "give these files a layer (a folder of LAYERS), or add them to the roof in \
         tests/layers.rs: {strays:?}"
    );
}

#[test]
fn the_checker_finds_a_wrong_import_wherever_it_is_written() {
    let src = r#"//! A model module that reaches up, in every way a path can be written.
use crate::util::diag::Diagnostic;
use crate::model::time::Date;
use crate::render::views::PageView;
pub use crate::{
    util::slug,
    emit::files::{self, render},
};

fn f() {
    use crate::verify::fragments;
    let x = crate::load::walk::rel_path(a, b);
    super::super::super::analyze::routes::Routes::build();
    super::super::Portal::new();
}
"#;
    let found: Vec<String> = check_file("model/paths/deep.rs", src)
        .iter()
        .map(|v| v.to_string())
        .collect();
    assert_eq!(
        found,
        [
            "src/model/paths/deep.rs:4: `model` (model) uses `crate::render` (render), a layer above it",
            "src/model/paths/deep.rs:7: `model` (model) uses `crate::emit` (emit), a layer above it",
            "src/model/paths/deep.rs:11: `model` (model) uses `crate::verify` (verify), a layer above it",
            "src/model/paths/deep.rs:12: `model` (model) uses `crate::load` (load), a layer above it",
            "src/model/paths/deep.rs:13: `model` (model) uses `super::super::super::analyze` (analyze), a layer above it",
        ]
    );
}

#[test]
fn the_checker_reads_code_not_comments_or_strings() {
    let src = r##"//! Prose may name `crate::emit::files` and [`crate::render::views`].
/* A block comment: crate::emit::output, /* nested: crate::verify */ still one. */
const A: &str = "crate::emit::feeds";
const B: &str = r#"crate::render::"quoted""#;
const C: char = '"';
fn f<'a>(x: &'a str) -> &'a str {
    let _ = '{';
    x // crate::emit
}
mod tests {
    use super::*;
    use crate::load::walk;
}
"##;
    let found: Vec<String> = check_file("util/demo.rs", src)
        .iter()
        .map(|v| v.to_string())
        .collect();
    assert_eq!(
        found,
        ["src/util/demo.rs:12: `util` (util) uses `crate::load` (load), a layer above it"]
    );
}

#[test]
fn the_roof_may_use_every_layer_and_no_layer_the_roof() {
    let roof = "use crate::emit::output::Staging;\nuse crate::render::SiteInput;\n";
    assert!(check_file("lib.rs", roof).is_empty());
    assert!(check_file("serve/mod.rs", roof).is_empty());
    let layer = "use crate::{BuildOptions, Target};\nfn f() { crate::serve::run(); }\n";
    let found: Vec<String> = check_file("emit/files.rs", layer)
        .iter()
        .map(|v| v.to_string())
        .collect();
    assert_eq!(
        found,
        [
            "src/emit/files.rs:1: `emit` (emit) uses `crate::BuildOptions` (the roof), a layer above it",
            "src/emit/files.rs:1: `emit` (emit) uses `crate::Target` (the roof), a layer above it",
            "src/emit/files.rs:2: `emit` (emit) uses `crate::serve` (the roof), a layer above it",
        ]
    );
    // `super::` from a layer's top module climbs to the crate root: the roof.
    let found = check_file("render/mod.rs", "use super::build;\n");
    assert_eq!(found.len(), 1, "{found:?}");
    // Within a file, `super` of an inline module is the file's own module.
    assert!(check_file("render/mod.rs", "mod tests {\n    use super::*;\n}\n").is_empty());
}
