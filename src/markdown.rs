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
    Alignment, CodeBlockKind, CowStr, Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd,
};

use crate::annotate::{self, MentionIndex, Piece, SectionTable, State as AnnotateState};
use crate::terms::{self, TermIndex};
use crate::util::diag::Diagnostic;
use crate::util::html::{escape_attr, escape_text};
use crate::util::source::SourceFile;

/// Behaviour switches for one body.
#[derive(Clone, Copy, Default)]
pub struct MarkdownOptions<'a> {
    /// Let raw HTML through instead of escaping it (`raw_html: true`).
    pub raw_html: bool,
    /// Agreement documents: numbered headings get `punkt-N.N` ids, section references
    /// are linked, definition tables give their terms anchors.
    pub agreement: bool,
    /// Document titles to link in running text.
    pub mentions: Option<&'a MentionIndex>,
    /// Defined terms to link (agreement documents).
    pub terms: Option<&'a TermIndex>,
    /// The agreement document being rendered: (index, id).
    pub self_doc: Option<(usize, &'a str)>,
    /// Ids the theme writes on every page it renders: generated ids avoid them.
    pub theme_ids: Option<&'a HashSet<String>>,
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
    /// Whether the author gave the id (`{#id}`), rather than it being made from the text.
    pub explicit: bool,
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
    /// The link cannot be resolved or may not be published; the build reports it.
    Broken {
        /// The diagnostic's code (`E0301`, `E0308`, `E0309`).
        code: &'static str,
        /// What is wrong, the destination included.
        message: String,
        /// How to fix it.
        hint: String,
    },
}

/// The resolver's answer for one link destination.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resolution {
    /// What goes into `href` (or an image's `src`): percent-encoded, not yet HTML-escaped.
    pub href: String,
    /// What the link points at.
    pub target: LinkTarget,
}

/// What a destination is written for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkKind {
    /// A link (`[text](dest)`, `<https://…>`), which may leave the site.
    Link,
    /// An image (`![text](dest)`), which the site's Content-Security-Policy loads only
    /// from the site itself.
    Image,
}

/// Turns a link destination as written into a published href.
pub trait Resolve {
    /// Resolves one destination written in the body.
    fn resolve(&self, dest: &str, kind: LinkKind) -> Resolution;
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
    /// Problems in the body itself (duplicate ids, bad section references).
    pub diagnostics: Vec<Diagnostic>,
    /// The body's plain text, words separated by spaces, for the search index.
    pub text: String,
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

/// The CommonMark extensions the content contract allows (SPEC §4).
pub fn parser_options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_DEFINITION_LIST
}

/// Renders one Markdown body.
pub fn render(body: Body<'_>, options: MarkdownOptions<'_>, resolver: &dyn Resolve) -> Rendered {
    let text = body.text();
    let events: Vec<(Event<'_>, Range<usize>)> = Parser::new_ext(text, parser_options())
        .into_offset_iter()
        .collect();
    let plan = Plan::new(&events, options.agreement, options.theme_ids, body);
    let mut writer = Writer {
        body,
        options,
        resolver,
        out: Vec::with_capacity(events.len()),
        rendered: Rendered::default(),
        footnotes: Footnotes::default(),
        table: None,
        heading: None,
        run: Vec::new(),
        joined: String::new(),
        starts: Vec::new(),
        link_depth: 0,
        verbatim_depth: 0,
        in_term: false,
        annotations: AnnotateState::default(),
        tables: 0,
        plan,
    };
    writer.run(events);
    let Writer {
        out,
        mut rendered,
        footnotes,
        annotations,
        plan,
        ..
    } = writer;
    rendered.diagnostics.extend(plan.diagnostics);
    let mut html = String::with_capacity(text.len() + text.len() / 2);
    pulldown_cmark::html::push_html(&mut html, out.into_iter());
    footnotes.write(&mut html);
    if let Some(terms) = options.terms {
        write_term_descriptions(&mut html, terms, &annotations);
    }
    rendered.html = html;
    rendered
}

/// The hidden definitions that term links point to with `aria-describedby`, so a screen
/// reader announces what a term means without leaving the text.
fn write_term_descriptions(html: &mut String, terms: &TermIndex, state: &AnnotateState) {
    if state.used_terms.is_empty() {
        return;
    }
    html.push_str("<div class=\"term-definitions\" hidden>\n");
    for &t in &state.used_terms {
        let term = &terms.terms[t];
        let _ = write!(
            html,
            "<p id=\"{}\">",
            annotate::description_id(&term.anchor)
        );
        escape_text(html, &term.text);
        html.push_str("</p>\n");
    }
    html.push_str("</div>\n");
}

/// What a first look at the whole event list decides: every heading id and term anchor
/// (so references can point forward), the numbered sections, and id problems.
struct Plan {
    /// Every heading, by the byte offset at which it starts in the body: headings in
    /// footnotes, block quotes and list items alike.
    headings: HashMap<usize, Heading>,
    /// The anchor of each defined term, by the byte offset of its table row or list title.
    term_anchors: HashMap<usize, String>,
    /// Byte offsets of the definitions tables.
    definition_tables: HashSet<usize>,
    sections: SectionTable,
    local_anchors: HashSet<String>,
    diagnostics: Vec<Diagnostic>,
}

impl Plan {
    fn new(
        events: &[(Event<'_>, Range<usize>)],
        agreement: bool,
        theme_ids: Option<&HashSet<String>>,
        body: Body<'_>,
    ) -> Plan {
        let footnotes = footnote_ids(events);
        let mut ids = Ids::new(events, theme_ids, &footnotes);
        let mut plan = Plan {
            headings: HashMap::new(),
            term_anchors: HashMap::new(),
            definition_tables: HashSet::new(),
            sections: SectionTable::default(),
            local_anchors: HashSet::new(),
            diagnostics: Vec::new(),
        };
        if agreement {
            // Term anchors first: other documents link to them by the name
            // `terms::term_anchor` gives, which a heading must not take.
            let definitions = terms::read_definitions(events.iter().map(|(e, r)| (e, r.clone())));
            plan.definition_tables.extend(definitions.tables);
            for written in definitions.written {
                let anchor = ids.unique(terms::term_anchor(&written.term));
                plan.local_anchors.insert(anchor.clone());
                plan.term_anchors.insert(written.offset, anchor);
            }
        }
        // Where each explicit `{#id}` was first given, to report a second one.
        let mut explicit_ids: HashMap<&str, usize> = HashMap::new();
        let mut i = 0;
        while i < events.len() {
            match &events[i].0 {
                Event::Start(Tag::Heading {
                    level, id, attrs, ..
                }) => {
                    let offset = events[i].1.start;
                    let explicit = explicit_id(id, attrs);
                    let end = matching_end(events, i);
                    let text = plain_text(events[i + 1..end].iter().map(|(e, _)| e));
                    let (number, title) = if agreement {
                        split_section_number(&text)
                    } else {
                        (None, text.trim().to_string())
                    };
                    let id = match explicit {
                        Some(id) => {
                            let at = body.offset + offset;
                            if let Some(note) = footnotes.get(id) {
                                plan.diagnostics.push(footnote_clash(id, note, body, at));
                            } else if let Some(&first) = explicit_ids.get(id) {
                                plan.diagnostics.push(
                                    Diagnostic::error(
                                        "E0307",
                                        format!("the heading id `{id}` is given twice"),
                                    )
                                    .at(body.file.location(at))
                                    .note(format!(
                                        "first given on line {}",
                                        body.file.location(first).line
                                    ))
                                    .hint("give each heading its own id, so that links to it are not ambiguous"),
                                );
                            } else {
                                explicit_ids.insert(id, at);
                            }
                            id.to_string()
                        }
                        None => {
                            let base = match &number {
                                Some(n) => format!("punkt-{n}"),
                                None => slug_id(&text),
                            };
                            ids.unique(base)
                        }
                    };
                    // The number, not the id, says which section "punkten N" means: a
                    // number used twice is ambiguous whatever ids the headings have.
                    if let Some(n) = &number {
                        if plan.sections.contains(n) {
                            plan.diagnostics.push(
                                Diagnostic::error(
                                    "E0304",
                                    format!("section number `{n}` is used twice"),
                                )
                                .at(body.file.location(body.offset + offset))
                                .hint("renumber the sections so that each number is unique"),
                            );
                        } else {
                            plan.sections.add(n, &id, &title);
                        }
                    }
                    let heading = Heading {
                        level: *level as u8,
                        id,
                        text: text.trim().to_string(),
                        number,
                        title,
                        offset,
                        explicit: explicit.is_some(),
                    };
                    plan.headings.insert(offset, heading);
                    i = end;
                }
                _ => i += 1,
            }
        }
        plan.sections.finish();
        plan
    }
}

/// An explicit heading id that the footnotes section also writes: the page would have
/// two elements with one id, and the heading's links would lead to the note.
fn footnote_clash(id: &str, note: &FootnoteId, body: Body<'_>, at: usize) -> Diagnostic {
    let whose = if note.reference {
        "a reference to footnote"
    } else {
        "footnote"
    };
    Diagnostic::error(
        "E0307",
        format!(
            "the heading id `{id}` is also the id of {whose} `[^{}]`",
            note.label
        ),
    )
    .at(body.file.location(at))
    .note("footnotes get the ids `fn-N` and `fnref-N` from their numbers")
    .hint(format!(
        "give the heading another id, such as `{{#{id}-rubrik}}`, or remove `{{#{id}}}`"
    ))
}

/// The index of the `End` matching the `Start` at `start`.
fn matching_end(events: &[(Event<'_>, Range<usize>)], start: usize) -> usize {
    let mut depth = 0usize;
    for (i, (event, _)) in events.iter().enumerate().skip(start) {
        match event {
            Event::Start(_) => depth += 1,
            Event::End(_) => {
                depth -= 1;
                if depth == 0 {
                    return i;
                }
            }
            _ => {}
        }
    }
    events.len().saturating_sub(1)
}

struct Writer<'a, 'r> {
    body: Body<'a>,
    options: MarkdownOptions<'r>,
    resolver: &'r dyn Resolve,
    out: Vec<Event<'a>>,
    rendered: Rendered,
    footnotes: Footnotes<'a>,
    table: Option<TableState>,
    plan: Plan,
    /// The heading being written, taken from the plan at its start.
    heading: Option<Heading>,
    /// Plain text waiting to be annotated: text and soft breaks since the last other event.
    run: Vec<(Event<'a>, Range<usize>)>,
    /// The text of a run of several events, joined for the annotators.
    joined: String,
    /// (offset in `joined`, offset in the body) at the start of each event of the run.
    starts: Vec<(usize, usize)>,
    link_depth: usize,
    /// Inside code blocks, images and raw HTML blocks, text is left as it is.
    verbatim_depth: usize,
    in_term: bool,
    annotations: AnnotateState,
    /// Tables so far, for their labels.
    tables: usize,
}

struct TableState {
    alignments: Vec<Alignment>,
    in_head: bool,
    column: usize,
    /// Byte offset of the current row, where a definitions table keeps its term anchors.
    row_start: usize,
    definitions: bool,
}

impl<'a> Writer<'a, '_> {
    fn run(&mut self, events: Vec<(Event<'a>, Range<usize>)>) {
        let mut iter = events.into_iter();
        while let Some((event, range)) = iter.next() {
            match event {
                Event::Start(Tag::FootnoteDefinition(label)) => {
                    self.flush_main();
                    let inner: Vec<_> = collect_until_end(&mut iter);
                    let mut sub = Vec::with_capacity(inner.len());
                    for (e, r) in inner {
                        self.push_event(e, r, &mut sub);
                    }
                    self.flush_run(&mut sub);
                    self.footnotes.define(&label, sub);
                }
                other => {
                    let mut out = std::mem::take(&mut self.out);
                    self.push_event(other, range, &mut out);
                    self.out = out;
                }
            }
        }
        self.flush_main();
    }

    fn flush_main(&mut self) {
        let mut out = std::mem::take(&mut self.out);
        self.flush_run(&mut out);
        self.out = out;
    }

    fn annotating(&self) -> bool {
        self.link_depth == 0 && self.verbatim_depth == 0 && self.heading.is_none() && !self.in_term
    }

    /// Rewrites one event into `out`.
    fn push_event(&mut self, event: Event<'a>, range: Range<usize>, out: &mut Vec<Event<'a>>) {
        match &event {
            Event::Text(t) | Event::Code(t) => self.rendered.text.push_str(t),
            Event::SoftBreak
            | Event::HardBreak
            | Event::End(_)
            | Event::Start(Tag::Paragraph | Tag::Item | Tag::TableCell) => {
                self.rendered.text.push(' ')
            }
            _ => {}
        }
        if matches!(event, Event::Text(_) | Event::SoftBreak) && self.annotating() {
            self.run.push((event, range));
            return;
        }
        self.flush_run(out);
        match event {
            Event::Start(Tag::Heading {
                level,
                classes,
                attrs,
                ..
            }) => {
                // Plan::new walks every event, so every heading has its plan, wherever
                // it stands.
                let heading = self
                    .plan
                    .headings
                    .remove(&range.start)
                    .expect("every heading is planned");
                self.annotations.new_section();
                if level == HeadingLevel::H1 {
                    self.rendered.diagnostics.push(
                        Diagnostic::warning("W0101", "a level-1 heading in the body")
                            .at(self.body.file.location(self.body.offset + range.start))
                            .note("the page title is the page's only level-1 heading")
                            .hint("start body headings at `##`"),
                    );
                }
                out.push(Event::Html(open_heading(&heading, &classes, &attrs).into()));
                self.heading = Some(heading);
            }
            Event::End(TagEnd::Heading(level)) => {
                out.push(Event::Html(format!("</h{}>\n", level as u8).into()));
                let heading = self.heading.take().expect("a heading ends after it starts");
                self.rendered.headings.push(heading);
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                ..
            }) => {
                self.link_depth += 1;
                let href = self.link(link_type, &dest_url, LinkKind::Link, range.start);
                let open = open_anchor(href.as_deref(), &title, link_type);
                out.push(Event::Html(open.into()));
            }
            Event::End(TagEnd::Link) => {
                self.link_depth = self.link_depth.saturating_sub(1);
                out.push(Event::Html("</a>".into()));
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                self.verbatim_depth += 1;
                let href = self.link(link_type, &dest_url, LinkKind::Image, range.start);
                out.push(Event::Start(Tag::Image {
                    link_type,
                    dest_url: href.unwrap_or_default().into(),
                    title,
                    id,
                }));
            }
            Event::End(TagEnd::Image) => {
                self.verbatim_depth = self.verbatim_depth.saturating_sub(1);
                out.push(Event::End(TagEnd::Image));
            }
            Event::Start(Tag::CodeBlock(kind)) => {
                self.verbatim_depth += 1;
                // Long lines scroll inside the block; keyboard users need to reach it.
                let mut open = String::from("<pre tabindex=\"0\"><code");
                if let CodeBlockKind::Fenced(info) = kind {
                    let lang = info.split([' ', ',', '{']).next().unwrap_or_default();
                    if !lang.is_empty() {
                        open.push_str(" class=\"language-");
                        escape_attr(&mut open, lang);
                        open.push('"');
                    }
                }
                open.push('>');
                out.push(Event::Html(open.into()));
            }
            Event::End(TagEnd::CodeBlock) => {
                self.verbatim_depth = self.verbatim_depth.saturating_sub(1);
                out.push(Event::Html("</code></pre>\n".into()));
            }
            Event::Start(Tag::HtmlBlock) => {
                self.verbatim_depth += 1;
                out.push(Event::Start(Tag::HtmlBlock));
            }
            Event::End(TagEnd::HtmlBlock) => {
                self.verbatim_depth = self.verbatim_depth.saturating_sub(1);
                out.push(Event::End(TagEnd::HtmlBlock));
            }
            Event::Html(html) | Event::InlineHtml(html) if !self.options.raw_html => {
                out.push(Event::Text(html));
            }
            Event::FootnoteReference(label) => {
                let html = self.footnotes.reference(&label);
                out.push(Event::Html(html.into()));
            }
            Event::Start(Tag::Table(alignments)) => {
                let definitions = self.plan.definition_tables.contains(&range.start);
                self.table = Some(TableState {
                    alignments,
                    in_head: false,
                    column: 0,
                    row_start: range.start,
                    definitions,
                });
                // A scrollable region needs a name, and landmarks on one page need
                // different names: number the tables and say where they stand.
                self.tables += 1;
                let mut open = format!(
                    "<div class=\"table-scroll\" tabindex=\"0\" role=\"region\" aria-label=\"Tabell {}",
                    self.tables
                );
                if let Some(heading) = self.rendered.headings.last() {
                    open.push_str(": ");
                    escape_attr(&mut open, &heading.text);
                }
                open.push_str("\"><table>\n");
                out.push(Event::Html(open.into()));
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
                    t.row_start = range.start;
                }
                out.push(Event::Html("<tr>".into()));
            }
            Event::End(TagEnd::TableRow) => out.push(Event::Html("</tr>\n".into())),
            Event::Start(Tag::TableCell) => {
                let open = self.open_cell();
                out.push(Event::Html(open.into()));
            }
            Event::End(TagEnd::TableCell) => {
                let header = self
                    .table
                    .as_ref()
                    .is_some_and(|t| t.in_head || (t.definitions && t.column == 0));
                if let Some(t) = &mut self.table {
                    t.column += 1;
                }
                self.in_term = false;
                out.push(Event::Html(if header { "</th>" } else { "</td>" }.into()));
            }
            Event::Start(Tag::DefinitionListTitle) if self.options.agreement => {
                self.in_term = true;
                let mut open = String::from("<dt");
                if let Some(anchor) = self.plan.term_anchors.remove(&range.start) {
                    open.push_str(" id=\"");
                    escape_attr(&mut open, &anchor);
                    open.push('"');
                }
                open.push('>');
                out.push(Event::Html(open.into()));
            }
            Event::End(TagEnd::DefinitionListTitle) if self.options.agreement => {
                self.in_term = false;
                out.push(Event::Html("</dt>\n".into()));
            }
            other => out.push(other),
        }
    }

    fn open_cell(&mut self) -> String {
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
        } else if t.definitions && t.column == 0 {
            self.in_term = true;
            let mut open = String::from("<th scope=\"row\"");
            // A row with an empty term cell defines nothing and has no anchor.
            if let Some(anchor) = self.plan.term_anchors.remove(&t.row_start) {
                open.push_str(" id=\"");
                escape_attr(&mut open, &anchor);
                open.push('"');
            }
            open.push_str(class);
            open.push('>');
            open
        } else {
            format!("<td{class}>")
        }
    }

    /// Resolves a link or image destination and records it. `None` when the href is not
    /// one the site may publish, whatever the resolver said (defence in depth: the build
    /// fails on such a link anyway, and `serve` must not show it live either).
    fn link(
        &mut self,
        link_type: LinkType,
        dest: &str,
        kind: LinkKind,
        offset: usize,
    ) -> Option<String> {
        let resolution = if matches!(link_type, LinkType::Email) {
            // `<a@b.se>`: pulldown-cmark gives the address without its scheme.
            self.resolver.resolve(&format!("mailto:{dest}"), kind)
        } else {
            self.resolver.resolve(dest, kind)
        };
        self.rendered.links.push(FoundLink {
            offset,
            dest: dest.to_string(),
            target: resolution.target,
        });
        let href = resolution.href;
        crate::util::url::is_allowed_href(&href).then_some(href)
    }

    /// Annotates the buffered run of text and writes it to `out`.
    fn flush_run(&mut self, out: &mut Vec<Event<'a>>) {
        if self.run.is_empty() {
            return;
        }
        let mut run = std::mem::take(&mut self.run);
        if !(self.options.agreement || self.options.mentions.is_some()) {
            out.extend(run.drain(..).map(|(e, _)| e));
        } else if run.len() == 1 {
            // Most runs are one text event: annotated where it stands, and passed on
            // untouched when nothing in it is linked.
            if let Some((event, range)) = run.pop() {
                match event {
                    Event::Text(text) => self.annotate_text(text, range.start, out),
                    other => out.push(other),
                }
            }
        } else {
            self.annotate_joined(&mut run, out);
        }
        // The buffer keeps its capacity for the next run.
        self.run = run;
    }

    fn annotate_text(&mut self, text: CowStr<'a>, start: usize, out: &mut Vec<Event<'a>>) {
        let pieces = self.annotate(&text, |offset| start + offset);
        if pieces.is_empty() {
            out.push(Event::Text(text));
            return;
        }
        match text {
            CowStr::Borrowed(text) => write_pieces(out, pieces, |r| CowStr::Borrowed(&text[r])),
            text => write_pieces(out, pieces, |r| text[r].to_string().into()),
        }
    }

    /// A run of several events (text split at a soft line break, an entity, …) is
    /// annotated as one text: a soft line break is a space to the reader and to the
    /// matchers, so a title or a "punkten 5.3" broken over two lines is still found.
    fn annotate_joined(
        &mut self,
        run: &mut Vec<(Event<'a>, Range<usize>)>,
        out: &mut Vec<Event<'a>>,
    ) {
        // The buffers are the writer's, reused from run to run.
        let mut text = std::mem::take(&mut self.joined);
        let mut starts = std::mem::take(&mut self.starts);
        text.clear();
        starts.clear();
        for (event, range) in run.iter() {
            starts.push((text.len(), range.start));
            match event {
                Event::Text(t) => text.push_str(t),
                _ => text.push(' '),
            }
        }
        let pieces = self.annotate(&text, |offset| {
            let i = starts.partition_point(|(t, _)| *t <= offset) - 1;
            let (t, b) = starts[i];
            b + (offset - t)
        });
        if pieces.is_empty() {
            out.extend(run.drain(..).map(|(e, _)| e));
        } else {
            run.clear();
            write_pieces(out, pieces, |r| text[r].to_string().into());
        }
        self.joined = text;
        self.starts = starts;
    }

    /// Runs the annotators over `text` and reports its problems; `body_offset` maps an
    /// offset in `text` to one in the body. Empty when nothing is linked.
    fn annotate(&mut self, text: &str, body_offset: impl Fn(usize) -> usize) -> Vec<Piece> {
        let ctx = annotate::Context {
            sections: self.options.agreement.then_some(&self.plan.sections),
            mentions: self.options.mentions,
            terms: self.options.terms,
            self_doc: self.options.self_doc,
            local_anchors: &self.plan.local_anchors,
        };
        let (pieces, problems) = annotate::annotate(text, &ctx, &mut self.annotations);
        for p in problems {
            let location = self
                .body
                .file
                .location(self.body.offset + body_offset(p.offset));
            self.rendered.diagnostics.push(
                Diagnostic::error(p.code, p.message)
                    .at(location)
                    .hint(p.hint),
            );
        }
        pieces
    }
}

/// Writes the pieces of an annotated run; `slice` gives the text of a range of it.
fn write_pieces<'a>(
    out: &mut Vec<Event<'a>>,
    pieces: Vec<Piece>,
    slice: impl Fn(Range<usize>) -> CowStr<'a>,
) {
    for piece in pieces {
        match piece {
            Piece::Text(r) => out.push(Event::Text(slice(r))),
            Piece::Link(open, r) => {
                out.push(Event::Html(open.into()));
                out.push(Event::Text(slice(r)));
                out.push(Event::Html("</a>".into()));
            }
        }
    }
}

/// Heading attributes as pulldown-cmark gives them: `{key=value}` pairs.
type Attrs<'a> = [(CowStr<'a>, Option<CowStr<'a>>)];

/// The id an editor gave a heading: `{#id}`, or else `{id=…}`. Either is planned and
/// checked like the other; the heading is written with this one id only.
fn explicit_id<'e>(id: &'e Option<CowStr<'_>>, attrs: &'e Attrs<'_>) -> Option<&'e str> {
    id.as_deref().or_else(|| {
        attrs
            .iter()
            .filter(|(name, _)| name.eq_ignore_ascii_case("id"))
            .find_map(|(_, value)| value.as_deref().filter(|v| !v.is_empty()))
    })
}

/// The opening tag of a heading, with its planned id. Classes given as `{.x}` and as
/// `{class=x}` are joined into one attribute: a second `id` or `class` attribute would
/// make the HTML invalid, and browsers would use only the first.
fn open_heading(heading: &Heading, classes: &[CowStr<'_>], attrs: &Attrs<'_>) -> String {
    let mut open = format!("<h{} id=\"", heading.level);
    escape_attr(&mut open, &heading.id);
    open.push('"');
    let class_attrs = attrs
        .iter()
        .filter(|(name, _)| name.eq_ignore_ascii_case("class"))
        .filter_map(|(_, value)| value.as_deref());
    let mut all_classes = classes.iter().map(|c| c.as_ref()).chain(class_attrs);
    if let Some(first) = all_classes.next() {
        open.push_str(" class=\"");
        escape_attr(&mut open, first);
        for class in all_classes {
            open.push(' ');
            escape_attr(&mut open, class);
        }
        open.push('"');
    }
    for (name, value) in attrs {
        let id_or_class = name.eq_ignore_ascii_case("id") || name.eq_ignore_ascii_case("class");
        if is_safe_attr_name(name) && !id_or_class {
            let _ = write!(open, " {name}=\"");
            escape_attr(&mut open, value.as_deref().unwrap_or(""));
            open.push('"');
        }
    }
    open.push('>');
    open
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
    let slug = crate::util::slug::slugify(text);
    if slug.is_empty() {
        "rubrik".to_string()
    } else {
        slug
    }
}

/// The ids used in one body, so generated ids never collide with explicit ones, the
/// theme's or the footnotes'.
struct Ids<'t> {
    used: HashSet<String>,
    /// By base id: the suffix to try next. Every suffix below it is taken, so the same
    /// heading written N times costs N tries, not N²/2. See: issue 10, item 5.
    next: HashMap<String, usize>,
    /// The theme's own ids, which a generated id must not take either.
    theme: Option<&'t HashSet<String>>,
    /// The footnotes' ids (`fn-1`, `fnref-1`, …), which the footnotes section writes
    /// after the body. See: issue 10, item 9.
    footnotes: &'t FootnoteIds,
}

impl<'t> Ids<'t> {
    fn new(
        events: &[(Event<'_>, Range<usize>)],
        theme: Option<&'t HashSet<String>>,
        footnotes: &'t FootnoteIds,
    ) -> Ids<'t> {
        let used = events
            .iter()
            .filter_map(|(e, _)| match e {
                Event::Start(Tag::Heading { id, attrs, .. }) => {
                    explicit_id(id, attrs).map(str::to_string)
                }
                _ => None,
            })
            .collect();
        Ids {
            used,
            next: HashMap::new(),
            theme,
            footnotes,
        }
    }

    /// `base` if it is free, else the first free `base-2`, `base-3`, …; taken from then on.
    fn unique(&mut self, base: String) -> String {
        let Ids {
            used,
            next,
            theme,
            footnotes,
        } = self;
        let mut take = |id: &String| {
            !theme.is_some_and(|t| t.contains(id))
                && !footnotes.contains_key(id)
                && used.insert(id.clone())
        };
        if take(&base) {
            return base;
        }
        let n = next.entry(base.clone()).or_insert(2);
        loop {
            let candidate = format!("{base}-{n}");
            *n += 1;
            if take(&candidate) {
                return candidate;
            }
        }
    }
}

/// The ids the footnotes section of a body will write, each with what it belongs to.
type FootnoteIds = HashMap<String, FootnoteId>;

/// What a footnote id belongs to, for a message naming it.
#[derive(Debug, Clone)]
struct FootnoteId {
    /// The footnote's label as first written (`1` for `[^1]`).
    label: String,
    /// Whether the id is a reference's (`fnref-…`) rather than the note's own (`fn-…`).
    reference: bool,
}

/// Works out the ids [`Footnotes`] will give, from the events in the order the writer
/// meets them: notes are numbered by first reference, unreferenced definitions after.
fn footnote_ids(events: &[(Event<'_>, Range<usize>)]) -> FootnoteIds {
    // By label key: (number, references, label as first written).
    let mut notes: HashMap<String, (usize, usize, &str)> = HashMap::new();
    let mut referenced = 0;
    for (event, _) in events {
        match event {
            Event::FootnoteReference(label) => {
                let entry = notes.entry(footnote_key(label)).or_insert((0, 0, label));
                if entry.1 == 0 {
                    referenced += 1;
                    entry.0 = referenced;
                }
                entry.1 += 1;
            }
            Event::Start(Tag::FootnoteDefinition(label)) => {
                notes.entry(footnote_key(label)).or_insert((0, 0, label));
            }
            _ => {}
        }
    }
    let mut ids = FootnoteIds::with_capacity(notes.len() * 2);
    let mut id = |id: String, label: &str, reference: bool| {
        let label = label.to_string();
        ids.insert(id, FootnoteId { label, reference });
    };
    // Unreferenced notes are numbered after the others, in the order of their keys.
    let mut unreferenced: Vec<(&String, &str)> = notes
        .iter()
        .filter(|(_, n)| n.1 == 0)
        .map(|(key, n)| (key, n.2))
        .collect();
    unreferenced.sort();
    for (i, (_, label)) in unreferenced.into_iter().enumerate() {
        id(format!("fn-{}", referenced + i + 1), label, false);
    }
    for &(number, references, label) in notes.values().filter(|n| n.1 > 0) {
        id(format!("fn-{number}"), label, false);
        id(format!("fnref-{number}"), label, true);
        for count in 2..=references {
            id(format!("fnref-{number}-{count}"), label, true);
        }
    }
    ids
}

/// Footnotes, numbered in order of first reference and written after the body.
///
/// Labels match as CommonMark matches them, ignoring case. The ids come from the
/// numbers (`fn-1`, `fnref-1`, `fnref-1-2` for a second reference), not from the
/// labels: `[^†]` and `[^‡]` have no slug, and `[^ö]` and `[^o]` the same one.
#[derive(Default)]
struct Footnotes<'a> {
    /// By label key: (number, references so far).
    numbers: HashMap<String, (usize, usize)>,
    /// Label keys in order of first reference.
    order: Vec<String>,
    /// By label key: the definition's events.
    definitions: HashMap<String, Vec<Event<'a>>>,
}

impl<'a> Footnotes<'a> {
    fn reference(&mut self, label: &str) -> String {
        let key = footnote_key(label);
        let (number, count) = match self.numbers.get_mut(&key) {
            Some(entry) => {
                entry.1 += 1;
                *entry
            }
            None => {
                self.order.push(key.clone());
                let entry = (self.order.len(), 1);
                self.numbers.insert(key, entry);
                entry
            }
        };
        let ref_id = if count == 1 {
            format!("fnref-{number}")
        } else {
            format!("fnref-{number}-{count}")
        };
        format!(
            "<sup class=\"footnote-ref\"><a href=\"#fn-{number}\" id=\"{ref_id}\" aria-label=\"Fotnot {number}\">{number}</a></sup>"
        )
    }

    fn define(&mut self, label: &str, events: Vec<Event<'a>>) {
        self.definitions.insert(footnote_key(label), events);
    }

    fn write(mut self, html: &mut String) {
        if self.order.is_empty() && self.definitions.is_empty() {
            return;
        }
        // Definitions nobody refers to are still shown, after the referenced ones, and
        // numbered as the list shows them.
        let mut unreferenced: Vec<String> = self
            .definitions
            .keys()
            .filter(|k| !self.numbers.contains_key(*k))
            .cloned()
            .collect();
        unreferenced.sort();
        html.push_str("<section class=\"footnotes\" aria-label=\"Fotnoter\">\n<ol>\n");
        for (i, key) in self.order.iter().chain(unreferenced.iter()).enumerate() {
            let number = i + 1;
            let _ = write!(html, "<li id=\"fn-{number}\">");
            if let Some(events) = self.definitions.remove(key) {
                pulldown_cmark::html::push_html(html, events.into_iter());
            }
            if self.numbers.contains_key(key) {
                let _ = write!(
                    html,
                    " <a href=\"#fnref-{number}\" class=\"footnote-back\" aria-label=\"Tillbaka till texten\">↩</a>"
                );
            }
            html.push_str("</li>\n");
        }
        html.push_str("</ol>\n</section>\n");
    }
}

/// A footnote label as CommonMark matches it: case and runs of whitespace ignored.
fn footnote_key(label: &str) -> String {
    crate::util::source::collapse_whitespace(label).to_lowercase()
}

/// The opening tag of a link; without an href (a link that may not be published) the
/// text stays but goes nowhere.
fn open_anchor(href: Option<&str>, title: &str, link_type: LinkType) -> String {
    let mut html = String::from("<a");
    if let Some(href) = href {
        html.push_str(" href=\"");
        escape_attr(&mut html, href);
        html.push('"');
    }
    if !title.is_empty() {
        html.push_str(" title=\"");
        escape_attr(&mut html, title);
        html.push('"');
    }
    if href.is_some_and(is_external) && !matches!(link_type, LinkType::Email) {
        html.push_str(" class=\"external\"");
    }
    html.push('>');
    html
}

fn is_external(href: &str) -> bool {
    href.starts_with("//")
        || crate::util::url::url_scheme(href).is_some_and(|s| s == "http" || s == "https")
}

fn is_safe_attr_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        && !name.to_ascii_lowercase().starts_with("on")
        && !name.eq_ignore_ascii_case("style")
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Echo;
    impl Resolve for Echo {
        fn resolve(&self, dest: &str, _kind: LinkKind) -> Resolution {
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

    fn md(text: &str, options: MarkdownOptions<'_>) -> Rendered {
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

    fn agreement() -> MarkdownOptions<'static> {
        MarkdownOptions {
            agreement: true,
            ..MarkdownOptions::default()
        }
    }

    #[test]
    fn numbered_headings_get_punkt_ids() {
        let r = md(
            "## 5 Åtaganden\n\n### 5.3 Applikationsförvaltning\n",
            agreement(),
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
    fn headings_in_footnotes_and_quotes_get_their_own_ids() {
        let r = md(
            "Text[^1]\n\n[^1]: ## Fotnotsrubrik\n\n## Andra steget\n\n> ## Citat\n\n## Main\n",
            MarkdownOptions::default(),
        );
        for h in [
            "<h2 id=\"andra-steget\">Andra steget</h2>",
            "<h2 id=\"citat\">Citat</h2>",
            "<h2 id=\"main\">Main</h2>",
            "<h2 id=\"fotnotsrubrik\">Fotnotsrubrik</h2>",
        ] {
            assert!(r.html.contains(h), "{h} in {}", r.html);
        }
        let headings: Vec<_> = r
            .headings
            .iter()
            .map(|h| (h.id.as_str(), h.text.as_str()))
            .collect();
        assert_eq!(
            headings,
            [
                ("fotnotsrubrik", "Fotnotsrubrik"),
                ("andra-steget", "Andra steget"),
                ("citat", "Citat"),
                ("main", "Main")
            ]
        );
    }

    #[test]
    fn id_and_class_attributes_make_one_id_and_one_class() {
        let r = md(
            "## Första steget {id=forsta class=x}\n\n## Andra {#a .b id=c class=d lang=sv}\n\n## Tredje {ID=}\n",
            MarkdownOptions::default(),
        );
        assert!(
            r.html
                .contains("<h2 id=\"forsta\" class=\"x\">Första steget</h2>"),
            "{}",
            r.html
        );
        assert!(
            r.html
                .contains("<h2 id=\"a\" class=\"b d\" lang=\"sv\">Andra</h2>"),
            "{}",
            r.html
        );
        assert!(
            r.html.contains("<h2 id=\"tredje\">Tredje</h2>"),
            "{}",
            r.html
        );
        // An `id=` id is explicit: generated ids keep clear of it, and giving it twice
        // is an error.
        let r = md(
            "## Steg {id=steg-2}\n\n## Steg\n\n## Steg\n\n## Igen {#steg-2}\n",
            MarkdownOptions::default(),
        );
        let ids: Vec<_> = r.headings.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(ids, ["steg-2", "steg", "steg-3", "steg-2"]);
        assert_eq!(r.diagnostics.len(), 1, "{:?}", r.diagnostics);
        assert_eq!(r.diagnostics[0].code, "E0307");
        assert_eq!(r.diagnostics[0].location.as_ref().unwrap().line, 7);
    }

    #[test]
    fn the_same_heading_gets_numbered_ids_past_the_taken_ones() {
        // See: issue 10, item 5 (each id is found once, not by counting from 2).
        let r = md(
            "## X\n\n## X\n\n## X\n\n## Egen {#x-4}\n\n## X\n\n## X 2\n\n## X\n",
            MarkdownOptions::default(),
        );
        let ids: Vec<_> = r.headings.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(ids, ["x", "x-2", "x-3", "x-4", "x-5", "x-2-2", "x-6"]);
        assert!(r.diagnostics.is_empty(), "{:?}", r.diagnostics);
        let theme: HashSet<String> = ["x".to_string(), "x-2".to_string()].into();
        let r = md(
            "## X\n\n## X\n",
            MarkdownOptions {
                theme_ids: Some(&theme),
                ..MarkdownOptions::default()
            },
        );
        let ids: Vec<_> = r.headings.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(ids, ["x-3", "x-4"]);
    }

    #[test]
    fn generated_heading_ids_keep_clear_of_footnote_ids() {
        // See: issue 10, item 9.
        let r = md(
            "## Fn 1\n\nText[^a] och[^a], se[^b].\n\n## Fnref 1 2\n\n## Fn 3\n\n[^a]: Not.\n[^b]: Två.\n[^c]: Oanvänd.\n",
            MarkdownOptions::default(),
        );
        assert!(r.diagnostics.is_empty(), "{:?}", r.diagnostics);
        let ids: Vec<_> = r.headings.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(ids, ["fn-1-2", "fnref-1-2-2", "fn-3-2"]);
        let page_ids = crate::util::html::collect_ids(r.html.as_bytes());
        for pair in page_ids.windows(2) {
            assert_ne!(pair[0], pair[1], "an id twice in {}", r.html);
        }
        for id in ["fn-1", "fnref-1", "fnref-1-2", "fn-2", "fnref-2", "fn-3"] {
            assert!(page_ids.iter().any(|p| &**p == id), "{id} in {}", r.html);
        }
    }

    #[test]
    fn an_explicit_heading_id_of_a_footnote_is_an_error_naming_it() {
        let r = md(
            "Text[^not].\n\n## Noter {#fn-1}\n\n## Tillbaka {#fnref-1}\n\n[^not]: Not.\n",
            MarkdownOptions::default(),
        );
        let messages: Vec<_> = r
            .diagnostics
            .iter()
            .map(|d| {
                (
                    d.code,
                    d.location.as_ref().unwrap().line,
                    d.message.as_str(),
                )
            })
            .collect();
        assert_eq!(
            messages,
            [
                (
                    "E0307",
                    3,
                    "the heading id `fn-1` is also the id of footnote `[^not]`"
                ),
                (
                    "E0307",
                    5,
                    "the heading id `fnref-1` is also the id of a reference to footnote `[^not]`"
                )
            ]
        );
        // Without footnotes the id is free.
        let r = md("## Noter {#fn-1}\n", MarkdownOptions::default());
        assert!(r.diagnostics.is_empty(), "{:?}", r.diagnostics);
    }

    #[test]
    fn duplicate_section_numbers_are_errors() {
        let r = md("## 1 A\n\n## 1 B\n", agreement());
        assert_eq!(r.diagnostics.len(), 1);
        assert_eq!(r.diagnostics[0].code, "E0304");
        assert_eq!(r.diagnostics[0].location.as_ref().unwrap().line, 3);
    }

    #[test]
    fn section_numbers_are_compared_not_ids() {
        // The same number twice is a duplicate, explicit ids or not.
        let r = md(
            "## 1 Parter {#parter}\n\n## 1 Parter igen {#parter2}\n",
            agreement(),
        );
        assert_eq!(r.diagnostics.len(), 1, "{:?}", r.diagnostics);
        assert_eq!(r.diagnostics[0].code, "E0304");
        assert_eq!(r.diagnostics[0].message, "section number `1` is used twice");
        assert_eq!(r.diagnostics[0].location.as_ref().unwrap().line, 3);
        // An explicit `punkt-2` on an unnumbered heading uses no number.
        let r = md("## Bilaga {#punkt-2}\n\n## 2 Två\n", agreement());
        assert!(r.diagnostics.is_empty(), "{:?}", r.diagnostics);
        let ids: Vec<_> = r.headings.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(ids, ["punkt-2", "punkt-2-2"]);
    }

    #[test]
    fn term_anchors_are_exactly_the_terms_defined() {
        let body = "| Term | Definition |\n|---|---|\n| | Tom rad. |\n| Avtalet | Detta avtal. |\n| / | Bara snedstreck. |\n\nKomponent\n: En del.\n\n`/`\n: Inget.\n\n> | Begrepp | Definition |\n> |---|---|\n> | Part | Var och en. |\n";
        let r = md(body, agreement());
        let anchors: Vec<String> = terms::extract(body, 0)
            .into_iter()
            .map(|d| d.anchor)
            .collect();
        assert_eq!(
            anchors,
            ["begrepp-avtalet", "begrepp-komponent", "begrepp-part"]
        );
        let mut ids: Vec<String> = crate::util::html::collect_ids(r.html.as_bytes())
            .into_iter()
            .filter(|id| id.starts_with("begrepp"))
            .map(String::from)
            .collect();
        ids.sort();
        assert_eq!(ids, anchors, "{}", r.html);
        // Rows and titles without a term are still written, without an anchor.
        assert!(r.html.contains("<tr><th scope=\"row\"></th>"), "{}", r.html);
        assert!(r.html.contains("<dt><code>/</code></dt>"), "{}", r.html);
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
                agreement: false,
                ..MarkdownOptions::default()
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

    /// Passes every destination through, to show the writer's own check.
    struct Trusting;
    impl Resolve for Trusting {
        fn resolve(&self, dest: &str, _kind: LinkKind) -> Resolution {
            Resolution {
                href: dest.to_string(),
                target: LinkTarget::External,
            }
        }
    }

    #[test]
    fn the_writer_never_writes_a_refused_scheme_whatever_the_resolver_says() {
        let file = SourceFile::new(
            "x.md",
            "[a](javascript:alert(1)) [b](JAVA&#x09;SCRIPT:x) <vbscript:x> [c](https://ok.se) [d](/ok/)\n\n![e](data:image/png,x)\n".to_string(),
        );
        let body = Body {
            file: &file,
            offset: 0,
        };
        let r = render(body, MarkdownOptions::default(), &Trusting);
        let html = r.html.as_bytes();
        let urls: Vec<&str> = crate::util::html::attribute_values(html, b" href=\"")
            .chain(crate::util::html::attribute_values(html, b" src=\""))
            .collect();
        assert_eq!(urls, ["https://ok.se", "/ok/", ""], "{}", r.html);
        for kept in [
            "<a>a</a>",
            "<a>b</a>",
            "<a>vbscript:x</a>",
            "<a href=\"https://ok.se\" class=\"external\">c</a>",
            "<a href=\"/ok/\">d</a>",
            "<img src=\"\" alt=\"e\" />",
        ] {
            assert!(r.html.contains(kept), "{kept} in {}", r.html);
        }
        assert_eq!(
            r.links.len(),
            6,
            "every link is still recorded for the checks"
        );
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
        let b = r.html.find("<li id=\"fn-1\"><p>Andra.").unwrap();
        let a = r.html.find("<li id=\"fn-2\"><p>Första.").unwrap();
        assert!(b < a, "numbered by first reference: {}", r.html);
        assert!(
            r.html
                .contains("href=\"#fn-1\" id=\"fnref-1\" aria-label=\"Fotnot 1\">1</a>")
        );
    }

    #[test]
    fn footnote_labels_with_the_same_slug_stay_apart() {
        let r = md(
            "Ett[^†], två[^‡], tre[^ö], fyra[^o] och fem[^Ö].\n\n[^†]: Första.\n[^‡]: Andra.\n[^ö]: Tredje.\n[^o]: Fjärde.\n[^x]: Oanvänd.\n",
            MarkdownOptions::default(),
        );
        for (number, text) in [
            (1, "Första."),
            (2, "Andra."),
            (3, "Tredje."),
            (4, "Fjärde."),
            (5, "Oanvänd."),
        ] {
            let item = format!("<li id=\"fn-{number}\"><p>{text}</p>");
            assert!(r.html.contains(&item), "{item} in {}", r.html);
        }
        // Labels ignore case: `[^Ö]` is a second reference to `[^ö]`.
        assert!(
            r.html
                .contains("href=\"#fn-3\" id=\"fnref-3-2\" aria-label=\"Fotnot 3\">3</a>"),
            "{}",
            r.html
        );
        assert!(
            r.html
                .contains("<a href=\"#fnref-4\" class=\"footnote-back\"")
        );
        assert!(
            !r.html.contains("href=\"#fnref-5\""),
            "no back link to no reference"
        );
    }

    #[test]
    fn search_text_separates_a_heading_from_what_follows() {
        let r = md(
            "## 2 Ansvar\n### 2.1 Drift\n```\nkod\n```\n",
            MarkdownOptions::default(),
        );
        let words: Vec<_> = r.text.split_whitespace().collect();
        assert_eq!(words, ["2", "Ansvar", "2.1", "Drift", "kod"]);
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
