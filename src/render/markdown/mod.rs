//! Markdown to HTML: pulldown-cmark events, rewritten on the way through.
//!
//! One pass over the event stream (no HTML post-processing): headings get stable ids
//! (`punkt-5.3` for numbered agreement sections), links are resolved by the caller's
//! [`Resolve`] and recorded with their byte offsets for later checks, tables get
//! accessible markup, footnotes are collected at the end, and raw HTML is escaped
//! unless the portal allows it. Running text is handed to the caller's [`Annotate`]
//! (section references, document mentions, defined terms), so this module knows of
//! links and annotations only through the two traits and knows nothing of the portal.
//!
//! - `plan`: a first look at the whole event list: heading ids, term anchors, sections
//! - `writer`: the one pass that rewrites the events; `tables` and `footnotes` its parts
//! - `ids`, `sections`, `definitions`: what the plan reads and decides

use std::collections::HashSet;
use std::ops::Range;

use pulldown_cmark::{CodeBlockKind, CowStr, Event, Options, Parser, Tag};

use crate::util::diag::Diagnostic;
use crate::util::source::{SourceFile, replace_forbidden_on_page};
use plan::Plan;
use sections::SectionTable;
use writer::Writer;

pub(crate) mod definitions;
mod footnotes;
pub(crate) mod ids;
mod plan;
pub(crate) mod sections;
mod tables;
#[cfg(test)]
mod tests;
mod writer;

/// Behaviour switches for one body.
#[derive(Default)]
pub struct MarkdownOptions<'a> {
    /// Let raw HTML through instead of escaping it (`raw_html: true`).
    pub(crate) raw_html: bool,
    /// Agreement documents: numbered headings get `punkt-N.N` ids, section references
    /// are linked, definition tables give their terms anchors.
    pub(crate) agreement: bool,
    /// What links running text; `None` leaves all text as it is.
    pub(crate) annotator: Option<&'a mut dyn Annotate>,
    /// Ids the theme writes on every page it renders: generated ids avoid them.
    pub(crate) theme_ids: Option<&'a HashSet<String>>,
}

impl MarkdownOptions<'_> {
    /// A plain body: not an agreement, no running text linked, raw HTML let through or
    /// escaped as `raw_html` says (the CommonMark conformance test's view).
    pub fn plain(raw_html: bool) -> Self {
        MarkdownOptions {
            raw_html,
            ..MarkdownOptions::default()
        }
    }
}

/// Links made from running text, as the writer learns about them: it hands over each
/// run of plain text (text, with soft line breaks as spaces, never inside links, code
/// or headings) and writes the pieces it gets back, the way it learns about link
/// targets only through [`Resolve`]. `render::annotate` implements it.
pub(crate) trait Annotate {
    /// Annotates one run of text: the pieces to write it as (empty when nothing in it
    /// is linked) and its problems. `body` is what the writer knows of the whole body.
    fn annotate(&mut self, text: &str, body: &BodyFacts<'_>) -> (Vec<Piece>, Vec<Problem>);
    /// A heading starts a new section.
    fn new_section(&mut self);
    /// Writes what goes after the body's HTML (the definitions term links point to).
    fn finish(&mut self, html: &mut String);
}

/// What the writer knows of the whole body when it hands over a run of text.
#[derive(Clone, Copy)]
pub(crate) struct BodyFacts<'a> {
    /// The text of the block before the run, as the reader sees it (words in emphasis,
    /// links and code included, blocks apart by spaces); empty when the run begins the
    /// block. Whether the run starts a sentence is read from its end.
    pub(crate) before: &'a str,
    /// The body's numbered sections (agreement documents only).
    pub(crate) sections: Option<&'a SectionTable>,
    /// Term anchors this body defines itself, linked on the same page.
    pub(crate) local_anchors: &'a HashSet<String>,
    /// The term whose definition the run stands in (`term_anchor` of it): a definitions
    /// table's row, or the definitions after a definition list's title.
    pub(crate) defining: Option<&'a str>,
}

/// A piece of an annotated run, in the coordinates of the original text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Piece {
    /// Text to keep as it is.
    Text(Range<usize>),
    /// Text to wrap in a link: the opening tag and the range of the link text.
    Link(String, Range<usize>),
}

/// A problem in a run: a section reference that does not hold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Problem {
    /// Byte offset in the original run.
    pub(crate) offset: usize,
    /// What to report, in both languages; the writer places it at the body's line.
    pub(crate) diagnostic: Diagnostic,
}

/// A heading of the body, for the table of contents and section references.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Heading {
    /// 1–6.
    pub(crate) level: u8,
    /// The `id` attribute.
    pub(crate) id: String,
    /// The heading's plain text, section number included.
    pub(crate) text: String,
    /// The section number (`5.3`) of a numbered agreement heading.
    pub(crate) number: Option<String>,
    /// The heading's text after the number.
    pub(crate) title: String,
    /// Byte offset in the body.
    pub(crate) offset: usize,
    /// Whether the author gave the id (`{#id}`), rather than it being made from the text.
    pub(crate) explicit: bool,
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
    /// The link cannot be resolved or may not be published; the build reports it: an
    /// `E0301`, `E0308` or `E0309` naming the destination, without its place, which the
    /// caller knows. Made only for such links, so the messages are rendered only then.
    Broken(Box<Diagnostic>),
    /// A source that failed to load, by index in the portal's failed sources: its own
    /// error is reported, and the link becomes a note on it.
    Unavailable {
        /// The failed source.
        source: usize,
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
pub(crate) struct FoundLink {
    /// Byte offset of the link in the body.
    pub(crate) offset: usize,
    /// The destination as written.
    pub(crate) dest: String,
    /// What it resolved to.
    pub(crate) target: LinkTarget,
}

/// The HTML of a body and what was learned while rendering it.
#[derive(Debug, Clone, Default)]
pub struct Rendered {
    /// The body's HTML.
    pub html: String,
    /// Every heading, in order.
    pub(crate) headings: Vec<Heading>,
    /// Every link and image, in order.
    pub(crate) links: Vec<FoundLink>,
    /// Problems in the body itself (duplicate ids, bad section references).
    pub(crate) diagnostics: Vec<Diagnostic>,
    /// The body's plain text, words separated by spaces, for the search index.
    pub(crate) text: String,
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
        .map(|(event, range)| (without_forbidden(event), range))
        .collect();
    let plan = Plan::new(&events, options.agreement, options.theme_ids, body);
    let mut writer = Writer::new(body, options, resolver, plan, events.len());
    writer.run(events);
    writer.finish(text.len())
}

/// `event` with each character no page may hold replaced by U+FFFD. The source's own
/// were replaced when it was read (`SourceFile::markdown`), but a character reference
/// decodes to any code point: `&#1;` is U+0001, which pulldown-cmark writes as it is.
/// References are decoded in text, link destinations and titles, and code block info
/// strings; never in code spans or raw HTML. See: issue 10, item 6.
fn without_forbidden(event: Event<'_>) -> Event<'_> {
    fn clean(text: CowStr<'_>) -> CowStr<'_> {
        match replace_forbidden_on_page(&text) {
            Some(replaced) => replaced.into(),
            None => text,
        }
    }
    match event {
        Event::Text(text) => Event::Text(clean(text)),
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) => Event::Start(Tag::Link {
            link_type,
            dest_url: clean(dest_url),
            title: clean(title),
            id,
        }),
        Event::Start(Tag::Image {
            link_type,
            dest_url,
            title,
            id,
        }) => Event::Start(Tag::Image {
            link_type,
            dest_url: clean(dest_url),
            title: clean(title),
            id,
        }),
        Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))) => {
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(clean(info))))
        }
        other => other,
    }
}
