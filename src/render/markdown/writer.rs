//! The writer: the one pass over a body's events that rewrites them on the way to
//! pulldown-cmark's HTML writer, using the plan. Links go through [`Resolve`], runs of
//! plain text through [`Annotate`](super::Annotate); headings get their planned ids, tables and
//! footnotes their own markup, and raw HTML is escaped unless the portal allows it.

use std::fmt::Write as _;
use std::ops::Range;

use pulldown_cmark::{CodeBlockKind, CowStr, Event, HeadingLevel, LinkType, Tag, TagEnd};

use super::footnotes::Footnotes;
use super::ids::Attrs;
use super::plan::Plan;
use super::tables::Tables;
use super::{
    Body, BodyFacts, FoundLink, Heading, LinkKind, MarkdownOptions, Piece, Rendered, Resolve,
};
use crate::util::diag::Diagnostic;
use crate::util::html::escape_attr;
use crate::util::i18n::msg;
use crate::util::url::{is_allowed_href, url_scheme};

/// The state of the one pass over a body's events.
pub(super) struct Writer<'a, 'r, 'o> {
    body: Body<'a>,
    options: MarkdownOptions<'o>,
    resolver: &'r dyn Resolve,
    out: Vec<Event<'a>>,
    rendered: Rendered,
    footnotes: Footnotes<'a>,
    tables: Tables,
    plan: Plan,
    /// The heading being written, taken from the plan at its start.
    heading: Option<Heading>,
    /// Plain text waiting to be annotated: text and soft breaks since the last other event.
    run: Vec<(Event<'a>, Range<usize>)>,
    /// The text of a run of several events, joined for the annotators.
    joined: String,
    /// (offset in `joined`, offset in the body) at the start of each event of the run.
    starts: Vec<(usize, usize)>,
    /// Where the block being written (paragraph, list item, cell, heading, …) begins in
    /// the page's plain text, and the part of the block's text before the run waiting to
    /// be annotated: what tells whether the run starts a sentence.
    block_start: usize,
    before_run: Range<usize>,
    link_depth: usize,
    /// Inside code blocks, images and raw HTML blocks, text is left as it is.
    verbatim_depth: usize,
    in_term: bool,
    /// The definition being written, by the offset of its row or title (see
    /// `Plan::definition_terms`), and the one around each open table or definition list.
    defining: Option<usize>,
    defining_outer: Vec<Option<usize>>,
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
            tables: Tables::default(),
            heading: None,
            run: Vec::new(),
            joined: String::new(),
            starts: Vec::new(),
            block_start: 0,
            before_run: 0..0,
            link_depth: 0,
            verbatim_depth: 0,
            in_term: false,
            defining: None,
            defining_outer: Vec::new(),
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

    /// Whether plain text goes to the annotator: not in links, code, headings, a term
    /// being defined or a table's head row (a column's name is a label, as a heading
    /// is, not a use of a term or a mention of a document).
    fn annotating(&self) -> bool {
        self.link_depth == 0
            && self.verbatim_depth == 0
            && self.heading.is_none()
            && !self.in_term
            && !self.tables.in_head()
    }

    /// Rewrites one event into `out`: plain text is held back for the annotator, every
    /// other event is written by the function for its group.
    fn push_event(&mut self, event: Event<'a>, range: Range<usize>, out: &mut Vec<Event<'a>>) {
        if matches!(event, Event::Text(_) | Event::SoftBreak) && self.annotating() {
            if self.run.is_empty() {
                self.before_run = self.block_start..self.rendered.text.len();
            }
            self.record_text(&event);
            self.run.push((event, range));
            return;
        }
        self.record_text(&event);
        self.flush_run(out);
        let offset = range.start;
        self.follow_definitions(&event, offset);
        let written = match event {
            Event::Start(Tag::Heading {
                level,
                classes,
                attrs,
                ..
            }) => self.start_heading(level, &classes, &attrs, offset),
            Event::End(TagEnd::Heading(level)) => self.end_heading(level),
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                ..
            }) => self.start_link(link_type, &dest_url, &title, offset),
            Event::End(TagEnd::Link) => {
                self.link_depth = self.link_depth.saturating_sub(1);
                Event::Html("</a>".into())
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                self.verbatim_depth += 1;
                let href = self.link(link_type, &dest_url, LinkKind::Image, offset);
                Event::Start(Tag::Image {
                    link_type,
                    dest_url: href.unwrap_or_default().into(),
                    title,
                    id,
                })
            }
            Event::Start(Tag::CodeBlock(kind)) => {
                self.verbatim_depth += 1;
                Event::Html(open_code_block(kind).into())
            }
            Event::End(TagEnd::CodeBlock) => {
                self.verbatim_depth = self.verbatim_depth.saturating_sub(1);
                Event::Html("</code></pre>\n".into())
            }
            event @ Event::Start(Tag::HtmlBlock) => {
                self.verbatim_depth += 1;
                event
            }
            event @ Event::End(TagEnd::HtmlBlock | TagEnd::Image) => {
                self.verbatim_depth = self.verbatim_depth.saturating_sub(1);
                event
            }
            Event::Html(html) | Event::InlineHtml(html) if !self.options.raw_html => {
                Event::Text(html)
            }
            Event::FootnoteReference(label) => Event::Html(self.footnotes.reference(&label).into()),
            event @ (Event::Start(
                Tag::Table(_) | Tag::TableHead | Tag::TableRow | Tag::TableCell,
            )
            | Event::End(
                TagEnd::Table | TagEnd::TableHead | TagEnd::TableRow | TagEnd::TableCell,
            )) => self.table_event(event, offset),
            Event::Start(Tag::DefinitionListTitle) if self.options.agreement => {
                self.start_term(offset)
            }
            Event::End(TagEnd::DefinitionListTitle) if self.options.agreement => {
                self.in_term = false;
                Event::Html("</dt>\n".into())
            }
            other => other,
        };
        out.push(written);
    }

    /// Keeps track of the definition being written: from a definitions table's row or a
    /// definition list's title to the row's end or the next title, the one around it
    /// restored where a table or list inside a definition ends.
    fn follow_definitions(&mut self, event: &Event<'a>, offset: usize) {
        match event {
            Event::Start(Tag::Table(_) | Tag::DefinitionList) => {
                self.defining_outer.push(self.defining);
            }
            Event::End(TagEnd::Table | TagEnd::DefinitionList) => {
                self.defining = self.defining_outer.pop().flatten();
            }
            Event::Start(Tag::TableRow) if self.plan.definition_terms.contains_key(&offset) => {
                self.defining = Some(offset);
            }
            Event::Start(Tag::DefinitionListTitle) => {
                // A title with no term defines nothing.
                self.defining =
                    Some(offset).filter(|at| self.plan.definition_terms.contains_key(at));
            }
            Event::End(TagEnd::TableRow) => {
                self.defining = self.defining_outer.last().copied().flatten();
            }
            _ => {}
        }
    }

    /// Adds what `event` shows the reader to the page's plain text (for search): its
    /// text, and a space where blocks, lines or cells meet.
    /// Notes where a block begins or ends, after which a sentence starts.
    fn record_text(&mut self, event: &Event<'a>) {
        match event {
            Event::Text(t) | Event::Code(t) => self.rendered.text.push_str(t),
            Event::SoftBreak
            | Event::HardBreak
            | Event::End(_)
            | Event::Start(Tag::Paragraph | Tag::Item | Tag::TableCell) => {
                self.rendered.text.push(' ')
            }
            _ => {}
        }
        if let Event::Start(tag) = event
            && !is_inline(tag)
        {
            self.block_start = self.rendered.text.len();
        } else if let Event::End(tag) = event
            && !is_inline_end(*tag)
        {
            self.block_start = self.rendered.text.len();
        }
    }

    /// Opens the heading at `offset` with the id its plan gives it; a level-1 heading
    /// in a body is a warning.
    fn start_heading(
        &mut self,
        level: HeadingLevel,
        classes: &[CowStr<'_>],
        attrs: &Attrs<'_>,
        offset: usize,
    ) -> Event<'a> {
        // Plan::new walks every event, so every heading has its plan, wherever it stands.
        let heading = self
            .plan
            .headings
            .remove(&offset)
            .expect("every heading is planned");
        if let Some(annotator) = self.options.annotator.as_deref_mut() {
            annotator.new_section();
        }
        if level == HeadingLevel::H1 {
            self.rendered.diagnostics.push(
                Diagnostic::warning("W0101", msg!("w0101-level-1-heading"))
                    .at(self.body.file.location(self.body.offset + offset)),
            );
        }
        let open = open_heading(&heading, classes, attrs);
        self.heading = Some(heading);
        Event::Html(open.into())
    }

    fn end_heading(&mut self, level: HeadingLevel) -> Event<'a> {
        let heading = self.heading.take().expect("a heading ends after it starts");
        self.rendered.headings.push(heading);
        Event::Html(format!("</h{}>\n", level as u8).into())
    }

    /// Opens the link at `offset` with its resolved href.
    fn start_link(
        &mut self,
        link_type: LinkType,
        dest: &str,
        title: &str,
        offset: usize,
    ) -> Event<'a> {
        self.link_depth += 1;
        let href = self.link(link_type, dest, LinkKind::Link, offset);
        Event::Html(open_anchor(href.as_deref(), title, link_type).into())
    }

    /// Writes one of a table's events, the table starting or its row at `offset`.
    fn table_event(&mut self, event: Event<'a>, offset: usize) -> Event<'a> {
        let html: CowStr<'a> = match event {
            Event::Start(Tag::Table(alignments)) => {
                let definitions = self.plan.definition_tables.contains(&offset);
                let heading = self.rendered.headings.last().map(|h| h.text.as_str());
                self.tables
                    .open(alignments, offset, definitions, heading)
                    .into()
            }
            Event::End(TagEnd::Table) => self.tables.close().into(),
            Event::Start(Tag::TableHead) => self.tables.open_head().into(),
            Event::End(TagEnd::TableHead) => self.tables.close_head().into(),
            Event::Start(Tag::TableRow) => self.tables.open_row(offset).into(),
            Event::End(TagEnd::TableRow) => "</tr>\n".into(),
            Event::Start(Tag::TableCell) => self
                .tables
                .open_cell(&mut self.plan.term_anchors, &mut self.in_term)
                .into(),
            Event::End(TagEnd::TableCell) => {
                self.in_term = false;
                self.tables.close_cell().into()
            }
            other => return other,
        };
        Event::Html(html)
    }

    /// Opens the term of a definition list in an agreement, with its planned anchor.
    fn start_term(&mut self, offset: usize) -> Event<'a> {
        self.in_term = true;
        let mut open = String::from("<dt");
        if let Some(anchor) = self.plan.term_anchors.remove(&offset) {
            open.push_str(" id=\"");
            escape_attr(&mut open, &anchor);
            open.push('"');
        }
        open.push('>');
        Event::Html(open.into())
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
            before: &self.rendered.text[self.before_run.clone()],
            sections: self.options.agreement.then_some(&self.plan.sections),
            local_anchors: &self.plan.local_anchors,
            defining: self
                .defining
                .and_then(|at| self.plan.definition_terms.get(&at))
                .map(String::as_str),
        };
        let (pieces, problems) = annotator.annotate(text, &facts);
        for p in problems {
            let location = self
                .body
                .file
                .location(self.body.offset + body_offset(p.offset));
            self.rendered.diagnostics.push(p.diagnostic.at(location));
        }
        pieces
    }
}

/// Whether a tag is written within a line of text (emphasis, a link, …), so that a run
/// after it goes on the sentence before it, rather than a block.
fn is_inline(tag: &Tag<'_>) -> bool {
    matches!(
        tag,
        Tag::Emphasis
            | Tag::Strong
            | Tag::Strikethrough
            | Tag::Superscript
            | Tag::Subscript
            | Tag::Link { .. }
            | Tag::Image { .. }
    )
}

/// [`is_inline`] for the end of a tag.
fn is_inline_end(tag: TagEnd) -> bool {
    matches!(
        tag,
        TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Superscript
            | TagEnd::Subscript
            | TagEnd::Link
            | TagEnd::Image
    )
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

/// The opening tags of a code block, with the language of a fenced block as its class.
fn open_code_block(kind: CodeBlockKind<'_>) -> String {
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
    open
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
