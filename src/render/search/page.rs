//! What one page adds to the search index: its words (title, front-matter facts, text),
//! the line its result shows, the text its snippets are cut from, and, for an agreement
//! document, each numbered section as a result of its own.
//!
//! Runs on the worker threads, once per page worth finding, while the page's HTML and
//! body are in memory. The page's words and its sections' go into its thread's postings
//! at once, so no text is held after its page: a section is indexed under a provisional
//! id ([`SectionIds`]) and gets its place after every page's, in the order of the
//! pages, when the files are written (see the parent module).

use std::borrow::Cow;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU32, Ordering};

use crate::analyze::routes::Route;
use crate::model::portal::Portal;
use crate::render::markdown::{Heading, Rendered};

use anyhow::Result;

use super::{PageMeta, Postings, Texts, Weight, excerpt, main_text, snippet_text, text_of};

/// A page as the render stage has it, to index.
pub(crate) struct PageInput<'a> {
    /// The portal, for the page's front matter.
    pub(crate) portal: &'a Portal,
    /// What the page is.
    pub(crate) route: Route,
    /// Its href.
    pub(crate) url: String,
    /// Its rendered HTML.
    pub(crate) html: &'a [u8],
    /// Its Markdown body, if it has one.
    pub(crate) body: Option<&'a Rendered>,
    /// Its title.
    pub(crate) title: &'a str,
    /// Its own description, if it has one.
    pub(crate) description: Option<&'a str>,
}

/// One page's results: the page, and the numbered sections of a document.
#[derive(Debug)]
pub(crate) struct Entry {
    /// The page's search id.
    pub(crate) id: u32,
    /// What its result shows.
    pub(crate) meta: PageMeta,
    /// Its numbered sections, in order, indexed under provisional ids.
    pub(crate) sections: Vec<IndexedSection>,
}

/// A numbered section once its words are in the postings: what its result shows and
/// the provisional id its words are under.
#[derive(Debug)]
pub(crate) struct IndexedSection {
    /// Its id until [`super::write_files`] gives it its place.
    pub(crate) provisional: u32,
    /// What its result shows.
    pub(crate) meta: PageMeta,
    /// The text its snippets are cut from ([`snippet_text`]).
    pub(crate) text: String,
}

/// Provisional ids for sections, handed out as the worker threads find them: the ids
/// after the pages', in no particular order. Sections get their place in the order of
/// the pages when the files are written, so the index is the same whatever order the
/// pages were rendered in.
#[derive(Debug)]
pub(crate) struct SectionIds {
    /// The first id after the pages': pages have the ids below it.
    pub(crate) first: u32,
    next: AtomicU32,
}

impl SectionIds {
    /// Ids from `first` on, `first` being the number of pages worth finding.
    pub(crate) fn new(first: u32) -> SectionIds {
        SectionIds {
            first,
            next: AtomicU32::new(first),
        }
    }

    /// The next provisional id. Past [`super::MAX_PAGE`] ids are not indexed (a portal
    /// of some sixteen million results).
    pub(super) fn next(&self) -> u32 {
        self.next.fetch_add(1, Ordering::Relaxed)
    }

    /// How many provisional ids were handed out.
    pub(crate) fn handed_out(&self) -> usize {
        (self.next.load(Ordering::Relaxed) - self.first) as usize
    }
}

/// A numbered section of an agreement document, a result of its own.
#[derive(Debug)]
pub(crate) struct Section {
    /// What its result shows: `<document>#punkt-5.3`, "5.3 Servicenivåer och rapportering".
    pub(crate) meta: PageMeta,
    /// Its number, `5.3`.
    pub(crate) number: String,
    /// Its heading after the number.
    pub(crate) heading: String,
    /// Its text up to the next numbered heading.
    pub(crate) text: String,
    /// The document's title: words that count towards a query ("driftsavtalet 5.3") but
    /// do not make the section a result by themselves.
    pub(crate) document: String,
}

impl Section {
    /// Adds the section's words under `id`.
    pub(crate) fn index(&self, postings: &mut Postings, id: u32) {
        postings.add(
            id,
            &[
                (&self.number, Weight::SectionNumber),
                (&self.heading, Weight::Title),
                (&self.text, Weight::Text),
                (&self.document, Weight::Context),
            ],
        );
    }
}

/// Adds a page's words to `postings` and its text to `texts` under `id`, and the words
/// of its sections under ids from `section_ids`; returns its result and its sections'.
/// Fails if its text could not be written.
pub(crate) fn index_page(
    postings: &Mutex<Postings>,
    texts: &Texts<'_>,
    section_ids: &SectionIds,
    id: u32,
    page: PageInput<'_>,
) -> Result<Entry> {
    // Pages with a Markdown body of their own are indexed by its text; generated pages
    // (lists, the glossary, pages with an introduction) by the text of their main part.
    let text = match (page.route, page.body) {
        (Route::Page(_) | Route::DocumentMain(_) | Route::Notice(_), Some(body)) => {
            Cow::Borrowed(body.text.as_str())
        }
        _ => Cow::Owned(main_text(page.html)),
    };
    let facts = Facts::of(page.portal, page.route);
    let mut parts: Vec<(&str, Weight)> = vec![(page.title, Weight::Title), (&text, Weight::Text)];
    parts.extend(facts.indexed.iter().map(|(t, w)| (t.as_str(), *w)));
    let sections = match (page.route, page.body) {
        (Route::DocumentMain(_), Some(body)) => sections(&page.url, page.title, body),
        _ => Vec::new(),
    };
    let sections = {
        let mut postings = postings.lock().unwrap_or_else(|e| e.into_inner());
        postings.add(id, &parts);
        sections
            .into_iter()
            .map(|section| {
                let provisional = section_ids.next();
                section.index(&mut postings, provisional);
                IndexedSection {
                    provisional,
                    meta: section.meta,
                    text: snippet_text(&section.text),
                }
            })
            .collect()
    };
    texts.add(id, snippet_text(&text))?;
    Ok(Entry {
        id,
        meta: PageMeta::new(
            &page.url,
            page.title,
            &excerpt(&summary(&page), &text, page.title),
            &facts.shown,
        ),
        sections,
    })
}

/// The start of a page for its result line: its own description, else the start of its
/// body (of an agreement document, its first section: they open with the same kind of
/// preamble).
fn summary(page: &PageInput<'_>) -> String {
    if let Some(description) = page.description {
        return description.to_string();
    }
    let html = page.body.map_or("", |b| b.html.as_str());
    let from = match page.route {
        Route::DocumentMain(_) => html.find("<h2").unwrap_or(0),
        _ => 0,
    };
    let html = &html[from..];
    let cut = html.char_indices().nth(1500).map_or(html.len(), |(i, _)| i);
    text_of(&html.as_bytes()[..cut])
}

/// What a page's front matter says that its text may not: indexed, and partly shown.
#[derive(Default)]
struct Facts {
    /// Texts to index, each with its weight.
    indexed: Vec<(String, Weight)>,
    /// The line shown under the result's title.
    shown: String,
}

impl Facts {
    fn of(portal: &Portal, route: Route) -> Facts {
        let mut facts = Facts::default();
        match route {
            Route::Notice(i) => {
                // Kind, environments and components: a reader searching "LEFI" or
                // "testmiljön" looks for exactly these.
                let n = &portal.notices[i];
                let mut shown = vec![n.kind.label().to_string()];
                shown.extend(n.environments.iter().map(|e| e.label().to_string()));
                shown.extend(n.components.iter().cloned());
                facts.indexed.push((shown.join(" "), Weight::Fact));
                facts
                    .indexed
                    .extend(n.description.iter().map(|d| (d.clone(), Weight::Text)));
                facts.shown = shown.join(" · ");
            }
            Route::DocumentMain(d) => {
                // The id is how agreements refer to each other (`avtal:driftsavtal`);
                // aliases are the other names the texts use.
                let doc = &portal.documents[d];
                let mut words = vec![doc.id.clone()];
                if let Some(v) = doc.main_version() {
                    words.extend(v.aliases.iter().cloned());
                    words.push(v.version.as_str().to_string());
                    facts
                        .indexed
                        .extend(v.description.iter().map(|d| (d.clone(), Weight::Text)));
                }
                facts.indexed.push((words.join(" "), Weight::Fact));
            }
            Route::Page(i) => {
                let p = &portal.pages[i];
                facts
                    .indexed
                    .extend(p.description.iter().map(|d| (d.clone(), Weight::Text)));
            }
            _ => {}
        }
        facts
    }
}

/// The numbered sections of a document's body, each up to the next numbered heading,
/// found in the body's HTML at the ids the headings were given (the body is read once).
fn sections(url: &str, title: &str, body: &Rendered) -> Vec<Section> {
    let html = body.html.as_bytes();
    // The numbered headings by their id as written in the HTML.
    let mut numbered: super::FxMap<String, (&Heading, &String)> = super::FxMap::default();
    for heading in &body.headings {
        if let Some(number) = &heading.number {
            let mut id = String::new();
            crate::util::html::escape_attr(&mut id, &heading.id);
            numbered.entry(id).or_insert((heading, number));
        }
    }
    // Where each numbered heading starts and where its text starts (after `</hN>`), in
    // one pass over the headings of the HTML.
    let mut found = Vec::with_capacity(numbered.len());
    let mut at = 0;
    while let Some(start) = memchr::memmem::find(&html[at..], b"<h").map(|i| at + i) {
        at = start + 2;
        let Some(&level @ b'1'..=b'6') = html.get(start + 2) else {
            continue;
        };
        let Some(id_start) = html
            .get(start + 3..)
            .and_then(|rest| rest.strip_prefix(b" id=\""))
            .map(|_| start + 3 + 5)
        else {
            continue;
        };
        let Some(id_len) = memchr::memchr(b'"', &html[id_start..]) else {
            break;
        };
        let id = std::str::from_utf8(&html[id_start..id_start + id_len]).unwrap_or_default();
        let Some((heading, number)) = numbered.remove(id) else {
            continue;
        };
        let close = [b'<', b'/', b'h', level, b'>'];
        let text_start = memchr::memmem::find(&html[id_start..], &close)
            .map_or(html.len(), |i| id_start + i + close.len());
        found.push((heading, number, start, text_start));
        at = text_start;
    }
    let mut out = Vec::with_capacity(found.len());
    for (i, &(heading, number, _, text_start)) in found.iter().enumerate() {
        let end = found.get(i + 1).map_or(html.len(), |next| next.2);
        let text = text_of(&html[text_start..end.max(text_start)]);
        let href = crate::util::url::encode_written(&format!("{url}#{}", heading.id)).into_owned();
        let shown_title = format!("{number} {}", heading.title);
        out.push(Section {
            // No excerpt: without a word found in its text, a section shows the start of
            // its text, which is the same, so it is not stored twice.
            meta: PageMeta::new(&href, &shown_title, "", title),
            number: number.clone(),
            heading: heading.title.clone(),
            text,
            document: title.to_string(),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn heading(level: u8, number: &str, title: &str) -> Heading {
        Heading {
            level,
            id: format!("punkt-{number}"),
            text: format!("{number} {title}"),
            number: Some(number.to_string()),
            title: title.to_string(),
            offset: 0,
            explicit: false,
        }
    }

    #[test]
    fn each_numbered_section_is_cut_at_the_next_numbered_heading() {
        let body = Rendered {
            html: "<p>Inledning</p>\
                <h2 id=\"punkt-5\">5 Åtaganden</h2><p>Parterna åtar sig.</p>\
                <h3 id=\"punkt-5.3\">5.3 <span>Servicenivåer</span></h3><p>Tillgänglighet 99 %.</p>\
                <h2 id=\"om\">Om avtalet</h2><p>Onumrerat.</p>\
                <h4 id=\"punkt-5.3.1\">5.3.1 Mätning</h4><p>Varje månad.</p>"
                .to_string(),
            headings: vec![
                heading(2, "5", "Åtaganden"),
                heading(3, "5.3", "Servicenivåer"),
                Heading {
                    number: None,
                    id: "om".into(),
                    ..heading(2, "x", "Om avtalet")
                },
                heading(4, "5.3.1", "Mätning"),
            ],
            links: Vec::new(),
            diagnostics: Vec::new(),
            text: String::new(),
        };
        let sections = sections("/ssbtek/avtal/drift/", "Driftsavtal", &body);
        let got: Vec<(&str, &str, &str, &str)> = sections
            .iter()
            .map(|s| {
                (
                    s.meta.row()[0],
                    s.meta.row()[1],
                    s.number.as_str(),
                    s.text.trim(),
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                (
                    "/ssbtek/avtal/drift/#punkt-5",
                    "5 Åtaganden",
                    "5",
                    "Parterna åtar sig."
                ),
                (
                    "/ssbtek/avtal/drift/#punkt-5.3",
                    "5.3 Servicenivåer",
                    "5.3",
                    // An unnumbered heading stays inside the section it is in.
                    "Tillgänglighet 99 %.  Om avtalet  Onumrerat."
                ),
                (
                    "/ssbtek/avtal/drift/#punkt-5.3.1",
                    "5.3.1 Mätning",
                    "5.3.1",
                    "Varje månad."
                )
            ]
        );
        assert!(sections.iter().all(|s| s.meta.row()[3] == "Driftsavtal"));
    }

    #[test]
    fn a_heading_missing_from_the_html_is_skipped() {
        let body = Rendered {
            html: "<h2 id=\"punkt-2\">2 Två</h2><p>Text</p>".to_string(),
            headings: vec![heading(2, "1", "Ett"), heading(2, "2", "Två")],
            links: Vec::new(),
            diagnostics: Vec::new(),
            text: String::new(),
        };
        let sections = sections("/a/", "A", &body);
        assert_eq!(sections.len(), 1);
        assert_eq!(sections[0].number, "2");
    }
}
