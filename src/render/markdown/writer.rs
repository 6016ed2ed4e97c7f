//! The writer: the one pass over a body's events that rewrites them on the way to
//! pulldown-cmark's HTML writer, using the plan. Links go through [`Resolve`], runs of
//! plain text through [`Annotate`]; headings get their planned ids, tables and
//! footnotes their own markup, and raw HTML is escaped unless the portal allows it.

use std::fmt::Write as _;
use std::ops::Range;

use pulldown_cmark::{CodeBlockKind, CowStr, Event, HeadingLevel, LinkType, Tag, TagEnd};

use super::footnotes::Footnotes;
use super::ids::Attrs;
use super::plan::Plan;
use super::tables::TableState;
use super::{
    Body, BodyFacts, FoundLink, Heading, LinkKind, MarkdownOptions, Piece, Rendered, Resolve,
};
use crate::util::diag::Diagnostic;
use crate::util::html::escape_attr;
use crate::util::url::{is_allowed_href, url_scheme};

/// The state of the one pass over a body's events.
pub(super) struct Writer<'a, 'r, 'o> {
    body: Body<'a>,
    options: MarkdownOptions<'o>,
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
    /// Tables so far, for their labels.
    tables: usize,
}

impl<'a, 'r, 'o> Writer<'a, 'r, 'o> {
    pub(super) fn new(
        body: Body<'a>,
        options: MarkdownOptions<'o>,
        resolver: &'r dyn Resolve,
        plan: Plan,
        events: usize,
    ) -> Self {
        Writer {
            body,
            options,
            resolver,
            out: Vec::with_capacity(events),
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
            tables: 0,
            plan,
        }
    }

    /// The HTML of the body written so far, then what goes after it: the footnotes and
    /// what the annotator adds. `text_len` is the body's length, to size the HTML.
    pub(super) fn finish(self, text_len: usize) -> Rendered {
        let Writer {
            out,
            mut rendered,
            footnotes,
            plan,
            options,
            ..
        } = self;
        rendered.diagnostics.extend(plan.diagnostics);
        let mut html = String::with_capacity(text_len + text_len / 2);
        pulldown_cmark::html::push_html(&mut html, out.into_iter());
        footnotes.write(&mut html);
        if let Some(annotator) = options.annotator {
            annotator.finish(&mut html);
        }
        rendered.html = html;
        rendered
    }

    pub(super) fn run(&mut self, events: Vec<(Event<'a>, Range<usize>)>) {
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
                if let Some(annotator) = self.options.annotator.as_deref_mut() {
                    annotator.new_section();
                }
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
                let open = match &self.table {
                    Some(t) => t.open_cell(&mut self.plan.term_anchors, &mut self.in_term),
                    None => "<td>".into(),
                };
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
        is_allowed_href(&href).then_some(href)
    }

    /// Annotates the buffered run of text and writes it to `out`.
    fn flush_run(&mut self, out: &mut Vec<Event<'a>>) {
        if self.run.is_empty() {
            return;
        }
        let mut run = std::mem::take(&mut self.run);
        if self.options.annotator.is_none() {
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

    /// Runs the annotator over `text` and reports its problems; `body_offset` maps an
    /// offset in `text` to one in the body. Empty when nothing is linked.
    fn annotate(&mut self, text: &str, body_offset: impl Fn(usize) -> usize) -> Vec<Piece> {
        let Some(annotator) = self.options.annotator.as_deref_mut() else {
            return Vec::new();
        };
        let facts = BodyFacts {
            sections: self.options.agreement.then_some(&self.plan.sections),
            local_anchors: &self.plan.local_anchors,
        };
        let (pieces, problems) = annotator.annotate(text, &facts);
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
    href.starts_with("//") || url_scheme(href).is_some_and(|s| s == "http" || s == "https")
}

fn is_safe_attr_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        && !name.to_ascii_lowercase().starts_with("on")
        && !name.eq_ignore_ascii_case("style")
}
