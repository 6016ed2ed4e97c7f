//! No giant files or functions (ARCHITECTURE.md, "Sizes"): a Rust file under `src/` has
//! at most 800 lines, and a function at most 100, from the line of its `fn` to the line
//! of its closing brace, unless the comments right above it hold a line
//!
//! ```text
//! // Long because: <the reason, in words a reviewer can weigh>
//! ```
//!
//! Comments, doc comments and attributes between that line and the `fn` are fine; a blank
//! line or code is not, so the reason stays with its function. Files have no such way
//! out: a long file is split into a folder.
//!
//! Functions are found in the code with comments and literals blanked out (as
//! `tests/layers.rs` reads it), so a `fn` or a brace in a string or a comment counts for
//! nothing; a nested function is measured on its own and as part of the one around it.

mod code;

use code::{code_only, sources};

/// The most lines a file under `src/` may have.
const FILE_LIMIT: usize = 800;

/// The most lines a function may have without a stated reason.
const FN_LIMIT: usize = 100;

/// What a comment right above a long function starts with.
const MARKER: &str = "// Long because:";

/// A function: its name, the line of its `fn` and its length in lines.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Function {
    name: String,
    line: usize,
    lines: usize,
}

/// Every function with a body in `code` (from [`code_only`]), in the order of their `fn`s.
fn functions(code: &str) -> Vec<Function> {
    let chars: Vec<char> = code.chars().collect();
    let is_ident = |c: char| c.is_alphanumeric() || c == '_';
    // The line of every character, so that a function's lines are a subtraction.
    let mut line_of = Vec::with_capacity(chars.len());
    let mut line = 1;
    for &c in &chars {
        line_of.push(line);
        if c == '\n' {
            line += 1;
        }
    }
    let mut out = Vec::new();
    let mut i = 0;
    while i + 2 <= chars.len() {
        let keyword = chars[i] == 'f'
            && chars[i + 1] == 'n'
            && (i == 0 || !is_ident(chars[i - 1]))
            && chars.get(i + 2).is_none_or(|&c| !is_ident(c));
        if !keyword {
            i += 1;
            continue;
        }
        let fn_at = i;
        i += 2;
        while chars.get(i).is_some_and(|c| c.is_whitespace()) {
            i += 1;
        }
        // `fn(u32) -> u32` is a type, not a function.
        let name_start = i;
        while chars.get(i).is_some_and(|&c| is_ident(c)) {
            i += 1;
        }
        if i == name_start {
            continue;
        }
        let name: String = chars[name_start..i].iter().collect();
        // The body opens at the first `{` outside the parameters and types (`[u8; 4]`
        // holds a `;`); a `;` there first is a declaration without a body.
        let mut nesting = 0usize;
        let mut open = None;
        let mut j = i;
        while j < chars.len() {
            match chars[j] {
                '(' | '[' => nesting += 1,
                ')' | ']' => nesting = nesting.saturating_sub(1),
                '{' if nesting == 0 => {
                    open = Some(j);
                    break;
                }
                ';' if nesting == 0 => break,
                _ => {}
            }
            j += 1;
        }
        let Some(open) = open else { continue };
        let mut depth = 0usize;
        let mut close = chars.len() - 1;
        for (k, &c) in chars.iter().enumerate().skip(open) {
            match c {
                '{' => depth += 1,
                '}' => {
                    depth -= 1;
                    if depth == 0 {
                        close = k;
                        break;
                    }
                }
                _ => {}
            }
        }
        out.push(Function {
            name,
            line: line_of[fn_at],
            lines: line_of[close] - line_of[fn_at] + 1,
        });
        // Go on inside the body: nested functions are measured too.
        i = open + 1;
    }
    out
}

/// Whether the comments and attributes right above line `line` (1-based) of `src` hold a
/// marker with a reason.
fn has_reason(src: &str, line: usize) -> bool {
    let lines: Vec<&str> = src.lines().collect();
    lines[..line - 1]
        .iter()
        .rev()
        .map(|l| l.trim())
        .take_while(|l| l.starts_with("//") || l.starts_with("#["))
        .any(|l| {
            l.strip_prefix(MARKER)
                .is_some_and(|reason| !reason.trim().is_empty())
        })
}

/// What is too long in one file, each as `file:line: …`.
fn check_file(rel: &str, src: &str) -> Vec<String> {
    let file = format!("src/{rel}");
    let mut out = Vec::new();
    let lines = src.lines().count();
    if lines > FILE_LIMIT {
        out.push(format!(
            "{file}:{}: the file has {lines} lines, over {FILE_LIMIT}: make it a folder",
            FILE_LIMIT + 1
        ));
    }
    for f in functions(&code_only(src)) {
        if f.lines > FN_LIMIT && !has_reason(src, f.line) {
            out.push(format!(
                "{file}:{}: `fn {}` has {} lines, over {FN_LIMIT}: split it, or say why \
                 in a `{MARKER} …` comment right above it",
                f.line, f.name, f.lines
            ));
        }
    }
    out
}

#[test]
fn no_file_or_function_under_src_is_too_long() {
    let found: Vec<String> = sources()
        .iter()
        .flat_map(|(rel, text)| check_file(rel, text))
        .collect();
    assert!(
        found.is_empty(),
        "{} too long (ARCHITECTURE.md, \"Sizes\"):\n{}",
        found.len(),
        found.join("\n")
    );
}

/// A function named `name` of `body` lines between its braces, after `above`.
fn function(above: &str, name: &str, body: usize) -> String {
    let mut f = format!("{above}pub(crate) fn {name}(x: [u8; 4]) -> u32 {{\n");
    for n in 0..body {
        f.push_str(&format!("    let _ = {n};\n"));
    }
    f.push_str("    0\n}\n");
    f
}

#[test]
fn the_checker_measures_a_function_from_fn_to_its_closing_brace() {
    // 98 lines inside, with the `fn` line and the closing brace: 100 lines, the limit.
    let src = format!("//! A module.\n\n{}", function("/// Docs.\n", "f", 97));
    assert_eq!(
        functions(&code_only(&src)),
        [Function {
            name: "f".into(),
            line: 4,
            lines: 100
        }]
    );
    assert!(check_file("demo.rs", &src).is_empty());
    let src = format!("//! A module.\n\n{}", function("/// Docs.\n", "f", 98));
    assert_eq!(
        check_file("demo.rs", &src),
        [
            "src/demo.rs:4: `fn f` has 101 lines, over 100: split it, or say why in a \
          `// Long because: …` comment right above it"
        ]
    );
}

#[test]
fn the_checker_reads_code_not_comments_or_strings() {
    let src = r#"/// fn not_a_function() {
const A: &str = "fn nor_this() {";
type F = fn(u32) -> u32;
trait T {
    fn declared(&self, x: [u8; 4]);
    fn provided(&self) -> char {
        let _ = '}';
        let inner = || { fn nested() {} };
        '{'
    }
}
"#;
    let found: Vec<(String, usize, usize)> = functions(&code_only(src))
        .into_iter()
        .map(|f| (f.name, f.line, f.lines))
        .collect();
    assert_eq!(
        found,
        [("provided".into(), 6, 5), ("nested".into(), 8, 1)],
        "{src}"
    );
}

#[test]
fn a_stated_reason_right_above_lets_a_long_function_be() {
    let reasons = [
        "// Long because: one arm per kind of page, each a line.\n",
        "/// Docs.\n// Long because: a table.\n#[allow(clippy::too_many_lines)]\n",
        "// Long because: the reason\n// goes on here.\n/// Docs.\n",
    ];
    for above in reasons {
        let src = function(above, "long", 200);
        assert!(check_file("demo.rs", &src).is_empty(), "{above}");
    }
    let not_reasons = [
        "",
        "// Long because:\n",
        "// Long because:   \n",
        "// It is long because it is.\n",
        "// Long because: a reason too far away.\n\n/// Docs.\n",
        "// Long because: a reason above other code.\nconst A: u8 = 1;\n",
    ];
    for above in not_reasons {
        let src = function(above, "long", 200);
        let found = check_file("demo.rs", &src);
        assert_eq!(found.len(), 1, "{above:?}: {found:?}");
        assert!(found[0].contains("`fn long` has 203 lines"), "{found:?}");
    }
}

#[test]
fn a_long_file_is_too_long_whatever_it_says() {
    let short = "// Long because: it is generated.\nconst A: u8 = 1;\n".repeat(400);
    assert!(check_file("short.rs", &short).is_empty());
    let long = format!("{short}const B: u8 = 2;\n");
    assert_eq!(
        check_file("model/long.rs", &long),
        ["src/model/long.rs:801: the file has 801 lines, over 800: make it a folder"]
    );
}
