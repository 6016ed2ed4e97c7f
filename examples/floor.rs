//! `floor`: the least work any static site generator must do for a corpus, as the
//! benchmark's baseline ("the floor").
//!
//! ```text
//! cargo run --release --example floor -- --root CORPUS --out DIR
//! ```
//!
//! For every `.md` file under `agreements/` and `content/`: read it, split off the front
//! matter, parse the YAML with serde_yaml into a small struct, render the Markdown with
//! pulldown-cmark (tables, footnotes, strikethrough, heading attributes), wrap it in a
//! fixed HTML string and write it to `DIR/<path>/index.html`, with rayon on all cores.
//! No links are resolved or checked, no navigation, no templates: whatever a real
//! generator spends beyond this is the cost of its features.

use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{Context as _, Result, bail};
use clap::Parser;
use pulldown_cmark::{Options, Parser as Markdown, html};
use rayon::prelude::*;
use serde::Deserialize;

/// Renders a corpus the cheapest way possible (the benchmark's floor).
#[derive(Debug, Parser)]
struct Args {
    /// The corpus folder (with agreements/ and content/).
    #[arg(long, value_name = "DIR")]
    root: PathBuf,
    /// Where to write the HTML.
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
}

/// Only what the wrapper uses; serde_yaml still parses the whole front matter.
#[derive(Debug, Deserialize)]
struct FrontMatter {
    title: String,
    description: Option<String>,
}

fn main() -> Result<()> {
    let args = Args::parse();
    let started = Instant::now();
    let mut files = Vec::new();
    for dir in ["agreements", "content"] {
        for entry in walkdir::WalkDir::new(args.root.join(dir)) {
            let entry =
                entry.with_context(|| format!("failed to read `{}`", args.root.display()))?;
            if entry.file_type().is_file() && entry.path().extension().is_some_and(|e| e == "md") {
                files.push(entry.into_path());
            }
        }
    }
    if files.is_empty() {
        bail!("no Markdown files under `{}`", args.root.display());
    }
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_HEADING_ATTRIBUTES;
    files
        .par_iter()
        .try_for_each(|path| render_file(&args.root, &args.out, path, options))?;
    eprintln!(
        "floor: {} pages in {} ms",
        files.len(),
        started.elapsed().as_millis()
    );
    Ok(())
}

fn render_file(root: &Path, out: &Path, path: &Path, options: Options) -> Result<()> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("failed to read `{}`", path.display()))?;
    let (yaml, body) = split_front_matter(&text)
        .with_context(|| format!("`{}` has no front matter", path.display()))?;
    let front: FrontMatter = serde_yaml::from_str(yaml)
        .with_context(|| format!("invalid front matter in `{}`", path.display()))?;

    let mut page = String::with_capacity(body.len() * 2 + 512);
    page.push_str("<!DOCTYPE html>\n<html lang=\"sv\">\n<head>\n<meta charset=\"utf-8\">\n<title>");
    escape_into(&mut page, &front.title);
    page.push_str("</title>\n<meta name=\"description\" content=\"");
    escape_into(&mut page, front.description.as_deref().unwrap_or(""));
    page.push_str("\">\n</head>\n<body>\n<main>\n<h1>");
    escape_into(&mut page, &front.title);
    page.push_str("</h1>\n");
    html::push_html(&mut page, Markdown::new_ext(body, options));
    page.push_str("</main>\n</body>\n</html>\n");

    let rel = path.strip_prefix(root).unwrap_or(path).with_extension("");
    let rel = if rel.file_name().is_some_and(|n| n == "_index") {
        rel.parent().map(Path::to_path_buf).unwrap_or_default()
    } else {
        rel
    };
    let dir = out.join(rel);
    std::fs::create_dir_all(&dir)
        .with_context(|| format!("failed to create `{}`", dir.display()))?;
    let file = dir.join("index.html");
    std::fs::write(&file, page).with_context(|| format!("failed to write `{}`", file.display()))
}

/// (YAML, body) of a file that starts with a `---` line and has a closing `---` line.
fn split_front_matter(text: &str) -> Option<(&str, &str)> {
    let rest = text.strip_prefix("---\n")?;
    let end = rest.find("\n---\n")?;
    Some((&rest[..end], &rest[end + 5..]))
}

fn escape_into(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
}
