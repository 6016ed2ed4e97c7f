//! Heading and footnote ids: the id a heading's text gives, and the ids already taken in
//! a body, so a generated id never takes an explicit one, the theme's or a footnote's.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use pulldown_cmark::{CowStr, Event, Tag};

use super::footnotes::footnote_key;
use crate::util::slug::slugify;

/// The id generated for a heading: lowercase, Swedish letters folded, `-` between words.
pub(crate) fn slug_id(text: &str) -> String {
    let slug = slugify(text);
    if slug.is_empty() {
        "rubrik".to_string()
    } else {
        slug
    }
}

/// Heading attributes as pulldown-cmark gives them: `{key=value}` pairs.
pub(super) type Attrs<'a> = [(CowStr<'a>, Option<CowStr<'a>>)];

/// The id an editor gave a heading: `{#id}`, or else `{id=…}`. Either is planned and
/// checked like the other; the heading is written with this one id only.
pub(super) fn explicit_id<'e>(id: &'e Option<CowStr<'_>>, attrs: &'e Attrs<'_>) -> Option<&'e str> {
    id.as_deref().or_else(|| {
        attrs
            .iter()
            .filter(|(name, _)| name.eq_ignore_ascii_case("id"))
            .find_map(|(_, value)| value.as_deref().filter(|v| !v.is_empty()))
    })
}

/// The ids used in one body, so generated ids never collide with explicit ones, the
/// theme's or the footnotes'.
pub(super) struct Ids<'t> {
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
    pub(super) fn new(
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
    pub(super) fn unique(&mut self, base: String) -> String {
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
pub(super) type FootnoteIds = HashMap<String, FootnoteId>;

/// What a footnote id belongs to, for a message naming it.
#[derive(Debug, Clone)]
pub(super) struct FootnoteId {
    /// The footnote's label as first written (`1` for `[^1]`).
    pub(super) label: String,
    /// Whether the id is a reference's (`fnref-…`) rather than the note's own (`fn-…`).
    pub(super) reference: bool,
}

/// Works out the ids [`Footnotes`](super::footnotes::Footnotes) will give, from the events in the order the writer
/// meets them: notes are numbered by first reference, unreferenced definitions after.
pub(super) fn footnote_ids(events: &[(Event<'_>, Range<usize>)]) -> FootnoteIds {
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
