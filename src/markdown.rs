//! Markdown to HTML: pulldown-cmark events, rewritten on the way through.
//!
//! One pass over the event stream (no HTML post-processing): headings get stable ids
//! (`punkt-5.3` for numbered agreement sections), links are resolved by the caller's
//! [`Resolve`] and recorded with their byte offsets for later checks, tables get
//! accessible markup, footnotes are collected at the end, and raw HTML is escaped
//! unless the portal allows it.

use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;
use std::ops::Range;

use pulldown_cmark::{
    Alignment, CowStr, Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd,
};

use crate::diag::Diagnostic;
use crate::source::SourceFile;

/// Behaviour switches for one body.
#[derive(Debug, Clone, Copy, Default)]
pub struct MarkdownOptions {
    /// Let raw HTML through instead of escaping it (`raw_html: true`).
    pub raw_html: bool,
    /// Agreement documents: headings that start with a number get `punkt-N.N` ids.
    pub numbered_sections: bool,
}

/// A heading of the body, for the table of contents and section references.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    /// 1–6.
    pub level: u8,
    /// The `id` attribute.
    pub id: String,
    /// The heading's plain text, section number included.
    pub text: String,
    /// The section number (`5.3`) of a numbered agreement heading.
    pub number: Option<String>,
    /// The heading's text after the number.
    pub title: String,
    /// Byte offset in the body.
    pub offset: usize,
}

/// Where a link points, as the resolver sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkTarget {
    /// Outside the site (http, mailto, …): not checked.
    External,
    /// A page of the site; its fragment is checked after rendering.
    Internal {
        /// The target's site path, e.g. `/avtal/driftsavtal/`.
        site_path: String,
        /// The `#fragment`, if any, without `#`.
        fragment: Option<String>,
    },
    /// The link cannot be resolved; the build reports it.
    Broken {
        /// What is wrong.
        message: String,
        /// How to fix it.
        hint: String,
    },
}

/// The resolver's answer for one link destination.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resolution {
    /// What goes into `href`.
    pub href: String,
    /// What the link points at.
    pub target: LinkTarget,
}

/// Turns a link destination as written into a published href.
pub trait Resolve {
    /// Resolves one destination written in the body.
    fn resolve(&self, dest: &str) -> Resolution;
}

/// A link found in the body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundLink {
    /// Byte offset of the link in the body.
    pub offset: usize,
    /// The destination as written.
    pub dest: String,
    /// What it resolved to.
    pub target: LinkTarget,
}

/// The HTML of a body and what was learned while rendering it.
#[derive(Debug, Clone, Default)]
pub struct Rendered {
    /// The body's HTML.
    pub html: String,
    /// Every heading, in order.
    pub headings: Vec<Heading>,
    /// Every link and image, in order.
    pub links: Vec<FoundLink>,
    /// Problems in the body itself (duplicate ids and the like).
    pub diagnostics: Vec<Diagnostic>,
}

/// The body of a source file to render.
#[derive(Debug, Clone, Copy)]
pub struct Body<'a> {
    /// The file the body comes from, for diagnostics.
    pub file: &'a SourceFile,
    /// Byte offset of the body in the file.
    pub offset: usize,
}

impl Body<'_> {
    fn text(&self) -> &str {
        &self.file.text[self.offset..]
    }
}

fn parser_options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_DEFINITION_LIST
}

/// Renders one Markdown body.
pub fn render(body: Body<'_>, options: MarkdownOptions, resolver: &dyn Resolve) -> Rendered {
    let text = body.text();
    let events: Vec<(Event<'_>, Range<usize>)> = Parser::new_ext(text, parser_options())
        .into_offset_iter()
        .collect();
    let mut writer = Writer {
        body,
        options,
        resolver,
        out: Vec::with_capacity(events.len()),
        rendered: Rendered::default(),
        ids: Ids::new(&events),
        footnotes: Footnotes::default(),
        table: None,
    };
    writer.run(events);
    let Writer {
        out,
        mut rendered,
        footnotes,
        ..
    } = writer;
    let mut html = String::with_capacity(text.len() + text.len() / 2);
    pulldown_cmark::html::push_html(&mut html, out.into_iter());
    footnotes.write(&mut html);
    rendered.html = html;
    rendered
}

struct Writer<'a, 'r> {
    body: Body<'a>,
    options: MarkdownOptions,
    resolver: &'r dyn Resolve,
    out: Vec<Event<'a>>,
    rendered: Rendered,
    ids: Ids,
    footnotes: Footnotes<'a>,
    table: Option<TableState>,
}

struct TableState {
    alignments: Vec<Alignment>,
    in_head: bool,
    column: usize,
}

impl<'a> Writer<'a, '_> {
    fn run(&mut self, events: Vec<(Event<'a>, Range<usize>)>) {
        let mut iter = events.into_iter();
        while let Some((event, range)) = iter.next() {
            match event {
                Event::Start(Tag::Heading {
                    level,
                    id,
                    classes,
                    attrs,
                }) => {
                    let inner = collect_until_end(&mut iter);
                    self.heading(level, id, classes, attrs, inner, range.start);
                }
                Event::Start(Tag::FootnoteDefinition(label)) => {
                    let inner: Vec<_> = collect_until_end(&mut iter);
                    let mut sub = Vec::with_capacity(inner.len());
                    for (e, r) in inner {
                        self.push_event(e, r, &mut sub);
                    }
                    self.footnotes.define(label, sub);
                }
                other => {
                    let mut out = std::mem::take(&mut self.out);
                    self.push_event(other, range, &mut out);
                    self.out = out;
                }
            }
        }
    }

    /// Rewrites one event into `out`.
    fn push_event(&mut self, event: Event<'a>, range: Range<usize>, out: &mut Vec<Event<'a>>) {
        match event {
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                ..
            }) => {
                let href = self.link(link_type, &dest_url, range.start);
                out.push(Event::Html(open_anchor(&href, &title, link_type).into()));
            }
            Event::End(TagEnd::Link) => out.push(Event::Html("</a>".into())),
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let href = self.link(link_type, &dest_url, range.start);
                out.push(Event::Start(Tag::Image {
                    link_type,
                    dest_url: href.into(),
                    title,
                    id,
                }));
            }
            Event::Html(html) | Event::InlineHtml(html) if !self.options.raw_html => {
                out.push(Event::Text(html));
            }
            Event::FootnoteReference(label) => {
                let html = self.footnotes.reference(&label);
                out.push(Event::Html(html.into()));
            }
            Event::Start(Tag::Table(alignments)) => {
                self.table = Some(TableState {
                    alignments,
                    in_head: false,
                    column: 0,
                });
                out.push(Event::Html(
                    "<div class=\"table-scroll\" tabindex=\"0\" role=\"region\" aria-label=\"Tabell\"><table>\n".into(),
                ));
            }
            Event::End(TagEnd::Table) => {
                self.table = None;
                out.push(Event::Html("</tbody>\n</table></div>\n".into()));
            }
            Event::Start(Tag::TableHead) => {
                if let Some(t) = &mut self.table {
                    t.in_head = true;
                    t.column = 0;
                }
                out.push(Event::Html("<thead>\n<tr>".into()));
            }
            Event::End(TagEnd::TableHead) => {
                if let Some(t) = &mut self.table {
                    t.in_head = false;
                }
                out.push(Event::Html("</tr>\n</thead>\n<tbody>\n".into()));
            }
            Event::Start(Tag::TableRow) => {
                if let Some(t) = &mut self.table {
                    t.column = 0;
                }
                out.push(Event::Html("<tr>".into()));
            }
            Event::End(TagEnd::TableRow) => out.push(Event::Html("</tr>\n".into())),
            Event::Start(Tag::TableCell) => out.push(Event::Html(self.open_cell().into())),
            Event::End(TagEnd::TableCell) => {
                let head = self.table.as_ref().is_some_and(|t| t.in_head);
                if let Some(t) = &mut self.table {
                    t.column += 1;
                }
                out.push(Event::Html(if head { "</th>" } else { "</td>" }.into()));
            }
            other => out.push(other),
        }
    }

    fn open_cell(&self) -> String {
        let Some(t) = &self.table else {
            return "<td>".into();
        };
        let class = match t.alignments.get(t.column) {
            Some(Alignment::Left) => " class=\"align-left\"",
            Some(Alignment::Center) => " class=\"align-center\"",
            Some(Alignment::Right) => " class=\"align-right\"",
            _ => "",
        };
        if t.in_head {
            format!("<th scope=\"col\"{class}>")
        } else {
            format!("<td{class}>")
        }
    }

    fn link(&mut self, link_type: LinkType, dest: &str, offset: usize) -> String {
        if matches!(link_type, LinkType::Email) {
            return format!("mailto:{dest}");
        }
        let resolution = self.resolver.resolve(dest);
        self.rendered.links.push(FoundLink {
            offset,
            dest: dest.to_string(),
            target: resolution.target,
        });
        resolution.href
    }

    fn heading(
        &mut self,
        level: HeadingLevel,
        explicit_id: Option<CowStr<'a>>,
        classes: Vec<CowStr<'a>>,
        attrs: Vec<(CowStr<'a>, Option<CowStr<'a>>)>,
        inner: Vec<(Event<'a>, Range<usize>)>,
        offset: usize,
    ) {
        let text = plain_text(inner.iter().map(|(e, _)| e));
        let (number, title) = if self.options.numbered_sections {
            split_section_number(&text)
        } else {
            (None, text.trim().to_string())
        };
        let level_num = level as u8;
        if level_num == 1 {
            self.rendered.diagnostics.push(
                Diagnostic::warning("W0101", "a level-1 heading in the body")
                    .at(self.body.file.location(self.body.offset + offset))
                    .note("the page title is the page's only level-1 heading")
                    .hint("start body headings at `##`"),
            );
        }
        let id = match explicit_id {
            Some(id) => id.to_string(),
            None => {
                let base = match &number {
                    Some(n) => format!("punkt-{n}"),
                    None => slug_id(&text),
                };
                if number.is_some() && self.ids.contains(&base) {
                    self.rendered.diagnostics.push(
                        Diagnostic::error(
                            "E0304",
                            format!(
                                "section number `{}` is used twice",
                                number.as_deref().unwrap_or_default()
                            ),
                        )
                        .at(self.body.file.location(self.body.offset + offset))
                        .hint("renumber the sections so that each number is unique"),
                    );
                }
                self.ids.unique(base)
            }
        };
        let mut open = format!("<h{level_num} id=\"");
        escape_attr(&mut open, &id);
        open.push('"');
        if !classes.is_empty() {
            open.push_str(" class=\"");
            escape_attr(&mut open, &classes.join(" "));
            open.push('"');
        }
        for (name, value) in &attrs {
            if is_safe_attr_name(name) {
                let _ = write!(open, " {name}=\"");
                escape_attr(&mut open, value.as_deref().unwrap_or(""));
                open.push('"');
            }
        }
        open.push('>');
        let mut out = std::mem::take(&mut self.out);
        out.push(Event::Html(open.into()));
        for (e, r) in inner {
            self.push_event(e, r, &mut out);
        }
        out.push(Event::Html(format!("</h{level_num}>\n").into()));
        self.out = out;
        self.rendered.headings.push(Heading {
            level: level_num,
            id,
            text: text.trim().to_string(),
            number,
            title,
            offset,
        });
    }
}

fn collect_until_end<'a>(
    iter: &mut impl Iterator<Item = (Event<'a>, Range<usize>)>,
) -> Vec<(Event<'a>, Range<usize>)> {
    let mut depth = 0usize;
    let mut inner = Vec::new();
    for (event, range) in iter.by_ref() {
        match &event {
            Event::Start(_) => depth += 1,
            Event::End(_) if depth == 0 => break,
            Event::End(_) => depth -= 1,
            _ => {}
        }
        inner.push((event, range));
    }
    inner
}

/// The visible text of some inline events.
fn plain_text<'e, 'a: 'e>(events: impl Iterator<Item = &'e Event<'a>>) -> String {
    let mut text = String::new();
    for event in events {
        match event {
            Event::Text(t) | Event::Code(t) => text.push_str(t),
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            _ => {}
        }
    }
    text
}

/// Splits `5.3 Title` (or `5.3. Title`) into `("5.3", "Title")`.
pub fn split_section_number(text: &str) -> (Option<String>, String) {
    let text = text.trim();
    let end = text
        .char_indices()
        .find(|(_, c)| !(c.is_ascii_digit() || *c == '.'))
        .map_or(text.len(), |(i, _)| i);
    let candidate = text[..end].trim_end_matches('.');
    let rest = &text[end..];
    let valid = !candidate.is_empty()
        && candidate.split('.').all(|p| !p.is_empty())
        && (rest.is_empty() || rest.starts_with(char::is_whitespace));
    if valid {
        (Some(candidate.to_string()), rest.trim().to_string())
    } else {
        (None, text.to_string())
    }
}

/// The id generated for a heading: lowercase, Swedish letters folded, `-` between words.
pub fn slug_id(text: &str) -> String {
    let slug = crate::load::slugify(text);
    if slug.is_empty() {
        "rubrik".to_string()
    } else {
        slug
    }
}

/// The ids used in one body, so generated ids never collide with explicit ones.
struct Ids {
    used: HashSet<String>,
}

impl Ids {
    fn new(events: &[(Event<'_>, Range<usize>)]) -> Ids {
        let used = events
            .iter()
            .filter_map(|(e, _)| match e {
                Event::Start(Tag::Heading { id: Some(id), .. }) => Some(id.to_string()),
                _ => None,
            })
            .collect();
        Ids { used }
    }

    fn contains(&self, id: &str) -> bool {
        self.used.contains(id)
    }

    fn unique(&mut self, base: String) -> String {
        if self.used.insert(base.clone()) {
            return base;
        }
        (2..)
            .map(|n| format!("{base}-{n}"))
            .find(|candidate| self.used.insert(candidate.clone()))
            .unwrap_or(base)
    }
}

/// Footnotes, numbered in order of first reference and written after the body.
#[derive(Default)]
struct Footnotes<'a> {
    numbers: HashMap<String, (usize, usize)>,
    order: Vec<String>,
    definitions: HashMap<String, Vec<Event<'a>>>,
}

impl<'a> Footnotes<'a> {
    fn reference(&mut self, label: &str) -> String {
        let key = footnote_key(label);
        let next = self.order.len() + 1;
        let entry = self.numbers.entry(key.clone()).or_insert((next, 0));
        if entry.0 == next && entry.1 == 0 {
            self.order.push(key.clone());
        }
        entry.1 += 1;
        let (number, count) = *entry;
        let ref_id = if count == 1 {
            format!("fnref-{key}")
        } else {
            format!("fnref-{key}-{count}")
        };
        format!(
            "<sup class=\"footnote-ref\"><a href=\"#fn-{key}\" id=\"{ref_id}\" aria-label=\"Fotnot {number}\">{number}</a></sup>"
        )
    }

    fn define(&mut self, label: CowStr<'a>, events: Vec<Event<'a>>) {
        self.definitions.insert(footnote_key(&label), events);
    }

    fn write(mut self, html: &mut String) {
        if self.order.is_empty() && self.definitions.is_empty() {
            return;
        }
        // Definitions nobody refers to are still shown, after the referenced ones.
        let mut unreferenced: Vec<String> = self
            .definitions
            .keys()
            .filter(|k| !self.numbers.contains_key(*k))
            .cloned()
            .collect();
        unreferenced.sort();
        html.push_str("<section class=\"footnotes\" aria-label=\"Fotnoter\">\n<ol>\n");
        for key in self.order.iter().chain(unreferenced.iter()) {
            let _ = write!(html, "<li id=\"fn-{key}\">");
            if let Some(events) = self.definitions.remove(key) {
                pulldown_cmark::html::push_html(html, events.into_iter());
            }
            if self.numbers.contains_key(key) {
                let _ = write!(
                    html,
                    " <a href=\"#fnref-{key}\" class=\"footnote-back\" aria-label=\"Tillbaka till texten\">↩</a>"
                );
            }
            html.push_str("</li>\n");
        }
        html.push_str("</ol>\n</section>\n");
    }
}

fn footnote_key(label: &str) -> String {
    let slug = crate::load::slugify(label);
    if slug.is_empty() {
        "not".to_string()
    } else {
        slug
    }
}

fn open_anchor(href: &str, title: &str, link_type: LinkType) -> String {
    let mut html = String::with_capacity(href.len() + 16);
    html.push_str("<a href=\"");
    escape_attr(&mut html, href);
    html.push('"');
    if !title.is_empty() {
        html.push_str(" title=\"");
        escape_attr(&mut html, title);
        html.push('"');
    }
    if is_external(href) && !matches!(link_type, LinkType::Email) {
        html.push_str(" class=\"external\"");
    }
    html.push('>');
    html
}

fn is_external(href: &str) -> bool {
    href.starts_with("http://") || href.starts_with("https://") || href.starts_with("//")
}

fn is_safe_attr_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        && !name.to_ascii_lowercase().starts_with("on")
        && !name.eq_ignore_ascii_case("style")
}

/// Appends `text` escaped for a double-quoted HTML attribute.
pub fn escape_attr(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Echo;
    impl Resolve for Echo {
        fn resolve(&self, dest: &str) -> Resolution {
            let href = if dest.starts_with("https:") {
                dest.to_string()
            } else {
                format!("/resolved/{dest}")
            };
            Resolution {
                href,
                target: LinkTarget::External,
            }
        }
    }

    fn md(text: &str, options: MarkdownOptions) -> Rendered {
        let file = SourceFile::new("x.md", text.to_string());
        render(
            Body {
                file: &file,
                offset: 0,
            },
            options,
            &Echo,
        )
    }

    const AGREEMENT: MarkdownOptions = MarkdownOptions {
        raw_html: false,
        numbered_sections: true,
    };

    #[test]
    fn numbered_headings_get_punkt_ids() {
        let r = md(
            "## 5 Åtaganden\n\n### 5.3 Applikationsförvaltning\n",
            AGREEMENT,
        );
        assert!(
            r.html.contains("<h2 id=\"punkt-5\">5 Åtaganden</h2>"),
            "{}",
            r.html
        );
        assert!(r.html.contains("<h3 id=\"punkt-5.3\">"));
        assert_eq!(r.headings[1].number.as_deref(), Some("5.3"));
        assert_eq!(r.headings[1].title, "Applikationsförvaltning");
    }

    #[test]
    fn plain_headings_get_slugs_and_explicit_ids_win() {
        let r = md(
            "## Steg 2: Fatta beslut\n\n## Steg 2: Fatta beslut\n\n## Annat {#steg-2-fatta-beslut-2}\n",
            MarkdownOptions::default(),
        );
        let ids: Vec<_> = r.headings.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "steg-2-fatta-beslut",
                "steg-2-fatta-beslut-3",
                "steg-2-fatta-beslut-2"
            ]
        );
    }

    #[test]
    fn duplicate_section_numbers_are_errors() {
        let r = md("## 1 A\n\n## 1 B\n", AGREEMENT);
        assert_eq!(r.diagnostics.len(), 1);
        assert_eq!(r.diagnostics[0].code, "E0304");
        assert_eq!(r.diagnostics[0].location.as_ref().unwrap().line, 3);
    }

    #[test]
    fn raw_html_is_escaped_by_default() {
        let r = md(
            "Hej <script>alert(1)</script>\n\n<div>x</div>\n",
            MarkdownOptions::default(),
        );
        assert!(!r.html.contains("<script>"), "{}", r.html);
        assert!(r.html.contains("&lt;script&gt;"));
        assert!(!r.html.contains("<div>x"));
        let allowed = md(
            "<div>x</div>\n",
            MarkdownOptions {
                raw_html: true,
                numbered_sections: false,
            },
        );
        assert!(allowed.html.contains("<div>x</div>"));
    }

    #[test]
    fn links_are_resolved_and_recorded_with_offsets() {
        let r = md(
            "Se [kommun](kommun.md#steg-2) och <https://example.se>.\n",
            MarkdownOptions::default(),
        );
        assert!(
            r.html.contains("href=\"/resolved/kommun.md#steg-2\""),
            "{}",
            r.html
        );
        assert_eq!(r.links[0].offset, 3);
        assert_eq!(r.links[0].dest, "kommun.md#steg-2");
        assert!(r.html.contains("class=\"external\""));
    }

    #[test]
    fn tables_have_header_scope_and_alignment_classes() {
        let r = md(
            "| A | B |\n|---|--:|\n| 1 | 2 |\n",
            MarkdownOptions::default(),
        );
        assert!(r.html.contains("<th scope=\"col\">A</th>"), "{}", r.html);
        assert!(r.html.contains("<td class=\"align-right\">2</td>"));
        assert!(!r.html.contains("style="));
    }

    #[test]
    fn footnotes_are_numbered_and_collected_at_the_end() {
        let r = md(
            "Text[^b] och[^a].\n\n[^a]: Första.\n[^b]: Andra.\n",
            MarkdownOptions::default(),
        );
        let b = r.html.find("id=\"fn-b\"").unwrap();
        let a = r.html.find("id=\"fn-a\"").unwrap();
        assert!(b < a, "numbered by first reference: {}", r.html);
        assert!(
            r.html
                .contains("href=\"#fn-b\" id=\"fnref-b\" aria-label=\"Fotnot 1\">1</a>")
        );
    }

    #[test]
    fn h1_in_body_is_a_warning() {
        let r = md("# Titel\n", MarkdownOptions::default());
        assert_eq!(r.diagnostics[0].code, "W0101");
    }

    #[test]
    fn section_number_split() {
        assert_eq!(
            split_section_number("5.2.1 Vid uppsägning"),
            (Some("5.2.1".into()), "Vid uppsägning".into())
        );
        assert_eq!(
            split_section_number("5.3. Titel"),
            (Some("5.3".into()), "Titel".into())
        );
        assert_eq!(
            split_section_number("2021 års plan"),
            (Some("2021".into()), "års plan".into())
        );
        assert_eq!(split_section_number("Bilaga"), (None, "Bilaga".into()));
        assert_eq!(split_section_number("5a Titel"), (None, "5a Titel".into()));
    }
}
