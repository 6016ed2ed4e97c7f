//! One mistake, one error: what follows from a source that failed to load becomes a
//! note on that source's error.
//!
//! A page with an unknown front-matter key is not published, so every link to it would
//! be broken, every menu entry for it dead, and every Handlingsförteckning naming a
//! document whose versions all failed would list a document that does not exist. The
//! stages that find these (`render::links`, `analyze::menus`, `analyze::hierarchy`,
//! `verify::fragments`) report them as [`Consequence`]s instead of diagnostics, and
//! [`fold`] adds them, counted and with the first few places, as notes on the error
//! that made the source fail. Nothing is lost: once that error is fixed, whatever is
//! still wrong is reported on its own.

use std::collections::{BTreeMap, HashMap};

use crate::model::portal::{Consequence, ConsequenceKind, FailedSource, FailedSources};
use crate::util::diag::{Diagnostics, Location, Severity};
use crate::util::i18n::{Text, msg};

/// How many places a note names before it says how many more there are.
const SHOWN: usize = 3;

/// `diagnostics` with each source's consequences as notes on its error (the first
/// error in that file; the first diagnostic there if it has no error).
pub(crate) fn fold(
    diagnostics: Diagnostics,
    failed: &FailedSources,
    consequences: Vec<Consequence>,
) -> Diagnostics {
    if consequences.is_empty() {
        return diagnostics;
    }
    let mut by_source: BTreeMap<usize, Vec<Consequence>> = BTreeMap::new();
    for c in consequences {
        by_source.entry(c.source).or_default().push(c);
    }
    let mut items = diagnostics.into_sorted();
    // By file: the first error there, else the first diagnostic (in one pass, so that
    // many failed sources among many diagnostics stay linear).
    let mut first: HashMap<String, usize> = HashMap::new();
    for (i, d) in items.iter().enumerate() {
        let Some(location) = &d.location else {
            continue;
        };
        let entry = first.entry(location.path.clone()).or_insert(i);
        if items[*entry].severity != Severity::Error && d.severity == Severity::Error {
            *entry = i;
        }
    }
    for (source, mut found) in by_source {
        let source = failed.get(source);
        // A source fails with a diagnostic in its own file, so it is always found.
        let Some(&at) = first.get(&source.rel_path) else {
            continue;
        };
        found.sort_by(|a, b| a.at.cmp(&b.at));
        found.dedup();
        items[at].notes.extend(notes(source, &found));
    }
    let mut out = Diagnostics::new();
    out.extend(items);
    out
}

/// The notes for one source's consequences, one per kind, in a fixed order.
fn notes(source: &FailedSource, found: &[Consequence]) -> Vec<Text> {
    let what = source.noun();
    let of = |kind: fn(&ConsequenceKind) -> bool| -> Vec<&Location> {
        found
            .iter()
            .filter(|c| kind(&c.kind))
            .map(|c| &c.at)
            .collect()
    };
    let mut notes = Vec::new();
    let links = of(|k| *k == ConsequenceKind::Link);
    if !links.is_empty() {
        let files = by_file(&links);
        // The number of links is said only when some page has more than one.
        let also = if links.len() > files.len() {
            links.len()
        } else {
            0
        };
        let (places, more) = places(&files);
        notes.push(msg!(
            "e0301-cascade-links",
            pages = files.len(),
            what = what,
            links = also,
            places = places,
            more = more,
        ));
    }
    let listings = of(|k| *k == ConsequenceKind::Listing);
    if !listings.is_empty() {
        let (places, more) = places(&by_file(&listings));
        notes.push(msg!(
            "e0401-cascade-listings",
            entries = listings.len(),
            what = what,
            places = places,
            more = more,
        ));
    }
    let menus = of(|k| *k == ConsequenceKind::Menu);
    if !menus.is_empty() {
        let (places, more) = places(&by_file(&menus));
        notes.push(msg!(
            "e0303-cascade-menus",
            entries = menus.len(),
            what = what,
            places = places,
            more = more,
        ));
    }
    let unlisted: Vec<String> = found
        .iter()
        .filter_map(|c| match &c.kind {
            ConsequenceKind::Unlisted(id) => Some(format!("`{id}`")),
            _ => None,
        })
        .collect();
    if !unlisted.is_empty() {
        let (places, more) = shorten(&unlisted);
        notes.push(msg!("w0401-cascade-unlisted", places = places, more = more));
    }
    notes.into_iter().map(Text::from).collect()
}

/// Each file once, at its first place, in order.
fn by_file<'a>(places: &[&'a Location]) -> Vec<&'a Location> {
    let mut out: Vec<&Location> = Vec::new();
    for &place in places {
        if out.last().is_none_or(|last| last.path != place.path) {
            out.push(place);
        }
    }
    out
}

/// The first few places, `file:line`, and how many more there are.
fn places(places: &[&Location]) -> (String, usize) {
    let shown: Vec<String> = places
        .iter()
        .map(|l| match l.line {
            0 => format!("`{}`", l.path),
            line => format!("`{}:{line}`", l.path),
        })
        .collect();
    shorten(&shown)
}

/// The first [`SHOWN`] items, `a`, `b`, `c`, and how many more there are: the message
/// says "and 2 more" in its language.
fn shorten(items: &[String]) -> (String, usize) {
    let shown = &items[..items.len().min(SHOWN)];
    (shown.join(", "), items.len() - shown.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::portal::FailedKind;
    use crate::util::diag::Diagnostic;
    use crate::util::i18n::Lang;

    fn consequence(path: &str, line: u32, kind: ConsequenceKind) -> Consequence {
        Consequence {
            source: 0,
            at: Location::new(path, line, 1),
            kind,
        }
    }

    #[test]
    fn consequences_become_notes_on_the_first_error_of_the_failed_file() {
        let failed = FailedSources::new(vec![FailedSource {
            rel_path: "content/a.md".into(),
            site_path: Some("/a/".into()),
            kind: FailedKind::Page,
        }]);
        let mut diagnostics = Diagnostics::new();
        diagnostics.push(Diagnostic::warning("W0101", "w").at(Location::new("content/a.md", 1, 1)));
        diagnostics.push(Diagnostic::error("E0102", "e").at(Location::new("content/a.md", 5, 1)));
        diagnostics.push(Diagnostic::error("E0102", "f").at(Location::new("content/a.md", 6, 1)));
        let mut found: Vec<Consequence> = (1..=5)
            .map(|i| consequence(&format!("content/p{i}.md"), i, ConsequenceKind::Link))
            .collect();
        found.push(consequence("content/p1.md", 9, ConsequenceKind::Link));
        found.push(consequence("portal.yaml", 4, ConsequenceKind::Menu));
        let out = fold(diagnostics, &failed, found).into_sorted();
        assert!(out[0].notes.is_empty(), "the warning keeps no note");
        assert_eq!(
            out[1].notes,
            [
                "5 pages link to this page (6 links), not reported separately: `content/p1.md:1`, `content/p2.md:2`, `content/p3.md:3` and 2 more",
                "1 menu entry links to this page, not reported separately: `portal.yaml:4`",
            ]
        );
        assert!(out[2].notes.is_empty());
    }

    #[test]
    fn documents_left_unlisted_are_named() {
        let failed = FailedSources::new(vec![FailedSource {
            rel_path: "agreements/a/1.0.md".into(),
            site_path: Some("/avtal/a/1.0/".into()),
            kind: FailedKind::Version {
                id: "a".into(),
                version: "1.0".into(),
            },
        }]);
        let mut diagnostics = Diagnostics::new();
        diagnostics.push(Diagnostic::error("E0102", "e").at(Location::new(
            "agreements/a/1.0.md",
            5,
            1,
        )));
        let found = vec![
            consequence(
                "agreements/b/1.0.md",
                0,
                ConsequenceKind::Unlisted("b".into()),
            ),
            consequence("agreements/c/1.0.md", 3, ConsequenceKind::Listing),
        ];
        let out = fold(diagnostics, &failed, found).into_sorted();
        assert_eq!(
            out[0].notes,
            [
                "1 entry lists this document in a Handlingsförteckning, not reported separately: `agreements/c/1.0.md:3`",
                "until this file loads, documents that no agreement lists are not reported: `b`",
            ]
        );
    }

    #[test]
    fn notes_count_in_each_language() {
        let failed = FailedSources::new(vec![FailedSource {
            rel_path: "content/personuppgifter.yaml".into(),
            site_path: Some("/personuppgifter/".into()),
            kind: FailedKind::DataList,
        }]);
        let mut diagnostics = Diagnostics::new();
        diagnostics.push(Diagnostic::error("E0702", "e").at(Location::new(
            "content/personuppgifter.yaml",
            4,
            1,
        )));
        let mut found: Vec<Consequence> = (1..=4)
            .map(|i| consequence("portal.yaml", i, ConsequenceKind::Menu))
            .collect();
        found.extend(
            (1..=2).map(|i| consequence("agreements/a/1.0.md", i, ConsequenceKind::Listing)),
        );
        let out = fold(diagnostics, &failed, found).into_sorted();
        let notes = |lang| -> Vec<&str> { out[0].notes.iter().map(|n| n.get(lang)).collect() };
        assert_eq!(
            notes(Lang::En),
            [
                "2 entries list this list in a Handlingsförteckning, not reported separately: `agreements/a/1.0.md:1`",
                "4 menu entries link to this list, not reported separately: `portal.yaml:1`",
            ]
        );
        assert_eq!(
            notes(Lang::Sv),
            [
                "2 rader i handlingsförteckningar tar upp den här förteckningen och rapporteras inte separat: `agreements/a/1.0.md:1`",
                "4 menyval länkar till den här förteckningen och rapporteras inte separat: `portal.yaml:1`",
            ]
        );
    }

    #[test]
    fn more_places_than_shown_are_counted_in_swedish() {
        let failed = FailedSources::new(vec![FailedSource {
            rel_path: "content/a.md".into(),
            site_path: Some("/a/".into()),
            kind: FailedKind::Page,
        }]);
        let mut diagnostics = Diagnostics::new();
        diagnostics.push(Diagnostic::error("E0102", "e").at(Location::new("content/a.md", 5, 1)));
        let found: Vec<Consequence> = (1..=5)
            .map(|i| consequence(&format!("content/p{i}.md"), i, ConsequenceKind::Link))
            .collect();
        let out = fold(diagnostics, &failed, found).into_sorted();
        assert_eq!(
            out[0].notes[0].get(Lang::Sv),
            "5 sidor länkar till den här sidan och rapporteras inte separat: \
             `content/p1.md:1`, `content/p2.md:2`, `content/p3.md:3` och 2 till"
        );
    }
}
