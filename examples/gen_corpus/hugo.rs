//! The same corpus in Hugo's format, so Hugo can be timed on equal work: the same
//! Markdown bodies, every link as a `ref` shortcode (which Hugo checks, with
//! `refLinksErrorLevel: ERROR`), numbered headings with explicit `{#punkt-N}` ids (our
//! generator derives them), and minimal layouts that render the same navigation as
//! infoportal's default theme: main menu, breadcrumbs, child lists, revision history,
//! Handlingsförteckning and a table of contents.

use std::fmt::Write as _;

use crate::pages::{Front, Kind, Page, Value};
use crate::plan::Plan;

/// (path under the Hugo site, file contents) of the layouts and the stylesheet.
pub(crate) const LAYOUTS: &[(&str, &str)] = &[
    (
        "layouts/_default/baseof.html",
        include_str!("hugo/baseof.html"),
    ),
    (
        "layouts/_default/single.html",
        include_str!("hugo/single.html"),
    ),
    ("layouts/_default/list.html", include_str!("hugo/list.html")),
    (
        "layouts/_default/personuppgifter.html",
        include_str!("hugo/personuppgifter.html"),
    ),
    (
        "layouts/partials/document.html",
        include_str!("hugo/document.html"),
    ),
    (
        "layouts/partials/hierarchy.html",
        include_str!("hugo/hierarchy.html"),
    ),
    ("layouts/404.html", include_str!("hugo/404.html")),
    ("static/style.css", include_str!("hugo/style.css")),
];

/// Where a page of ours lives in the Hugo site: agreements become regular pages under
/// `content/avtal/<id>/<version>.md`.
pub(crate) fn path(rel: &str) -> String {
    match rel.strip_prefix("agreements/") {
        Some(rest) => format!("content/avtal/{rest}"),
        None => rel.to_string(),
    }
}

/// The Hugo file for one of our pages. `weight` orders versions in the revision history.
pub(crate) fn page(page: &Page, weight: Option<usize>) -> String {
    let mut out = page.front.to_yaml(|key| match key {
        // Hugo's own `aliases` makes redirect pages; `kind` is kept out of Hugo's way too.
        "aliases" => "doc_aliases",
        "kind" => "notice_kind",
        other => other,
    });
    if let Some(w) = weight {
        out.truncate(out.len() - "---\n\n".len());
        let _ = write!(out, "weight: {w}\n---\n\n");
    }
    let agreement = page.kind == Kind::Agreement;
    for line in page.body.split_inclusive('\n') {
        let rewritten = if agreement {
            heading_with_id(line)
        } else {
            None
        };
        convert_links(
            rewritten.as_deref().unwrap_or(line),
            &page.rel_path,
            &mut out,
        );
    }
    out
}

/// `## 5.3 Titel` → `## 5.3 Titel {#punkt-5.3}`: infoportal derives these ids itself.
fn heading_with_id(line: &str) -> Option<String> {
    let rest = line.trim_start_matches('#');
    let hashes = line.len() - rest.len();
    if !(2..=4).contains(&hashes) {
        return None;
    }
    let text = rest.strip_prefix(' ')?;
    let number = text.split(' ').next()?;
    if !number.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    Some(format!("{} {{#punkt-{number}}}\n", line.trim_end()))
}

/// Copies `line` into `out`, turning every internal link destination into a `ref`.
fn convert_links(line: &str, from: &str, out: &mut String) {
    let mut rest = line;
    while let Some(at) = rest.find("](") {
        let (before, after) = rest.split_at(at + 2);
        out.push_str(before);
        let Some(end) = after.find(')') else {
            rest = after;
            break;
        };
        let dest = &after[..end];
        if dest.starts_with('#') || dest.starts_with("http") {
            out.push_str(dest);
        } else {
            let _ = write!(out, "{{{{< ref \"{}\" >}}}}", hugo_ref(dest, from));
        }
        rest = &after[end..];
    }
    out.push_str(rest);
}

/// `avtal:id@1.0#punkt-2` → `/avtal/id/1.0.md#punkt-2`; `../a/b.md#x` → `/a/b.md#x`.
fn hugo_ref(dest: &str, from: &str) -> String {
    let (target, fragment) = match dest.split_once('#') {
        Some((t, f)) => (t, format!("#{f}")),
        None => (dest, String::new()),
    };
    if let Some(reference) = target.strip_prefix("avtal:") {
        return match reference.split_once('@') {
            Some((id, version)) => format!("/avtal/{id}/{version}.md{fragment}"),
            None => format!("/avtal/{reference}{fragment}"),
        };
    }
    let dir = from.rsplit_once('/').map_or("", |(d, _)| d);
    let mut parts: Vec<&str> = Vec::new();
    for part in dir.split('/').chain(target.split('/')) {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            p => parts.push(p),
        }
    }
    let joined = parts.join("/");
    let in_content = joined.strip_prefix("content/").unwrap_or(&joined);
    let site = match in_content.strip_suffix("_index.md") {
        Some(section) => format!("/{}", section.trim_end_matches('/')),
        None => format!("/{in_content}"),
    };
    format!("{site}{fragment}")
}

/// `content/avtal/<id>/_index.md`: the document's page, which shows its current version
/// (infoportal's `/avtal/<id>/`). What infoportal works out from the version files is
/// written down here: the current and upcoming version and the agreements it is part of.
pub(crate) fn document_index(plan: &Plan, d: usize) -> String {
    let doc = &plan.docs[d];
    let mut front = Front(vec![
        ("title", Value::Text(doc.title.clone())),
        ("doc_id", Value::Text(doc.id.clone())),
        (
            "current",
            Value::Text(doc.versions[doc.current].name.clone()),
        ),
        ("root", Value::Plain(plan.roots.contains(&d).to_string())),
        ("weight", Value::Plain((d + 1).to_string())),
    ]);
    if doc.current + 1 < doc.versions.len() {
        let upcoming = doc.versions.last().expect("versions").name.clone();
        front.0.push(("upcoming", Value::Text(upcoming)));
    }
    if !doc.part_of.is_empty() {
        let ids = doc.part_of.iter().map(|&r| plan.docs[r].id.clone());
        front.0.push(("part_of", Value::List(ids.collect())));
    }
    front.to_yaml(|k| k)
}

/// `hugo.yaml`: the same menus as `portal.yaml`, taxonomies and RSS off (infoportal has
/// neither), and broken `ref`s as errors, as infoportal's link check makes them.
pub(crate) fn config(
    plan: &Plan,
    menu: &[(String, String)],
    footer: &[(String, String)],
) -> String {
    let mut out = format!(
        "baseURL: https://bench.example.se/\n\
         languageCode: sv\n\
         defaultContentLanguage: sv\n\
         title: Benchmarkportal\n\
         disableKinds: [taxonomy, term, RSS]\n\
         refLinksErrorLevel: ERROR\n\
         buildFuture: true\n\
         enableRobotsTXT: true\n\
         params:\n  description: \"Genererad portal, {} sidor, seed {}.\"\n\
         markup:\n  goldmark:\n    parser:\n      attribute:\n        title: true\n\
         \x20 tableOfContents:\n    startLevel: 2\n    endLevel: 3\n\
         menus:\n",
        plan.pages, plan.seed
    );
    for (name, items) in [("main", menu), ("footer", footer)] {
        let _ = writeln!(out, "  {name}:");
        for (i, (path, title)) in items.iter().enumerate() {
            let page_ref = path.trim_end_matches('/');
            let _ = write!(
                out,
                "    - name: \"{title}\"\n      pageRef: \"{page_ref}\"\n      weight: {}\n",
                i + 1
            );
        }
    }
    out
}
