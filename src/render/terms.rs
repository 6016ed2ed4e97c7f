//! Defined terms (SPEC §4.2): definitions from `Term/Begrepp | Definition` tables and
//! Markdown definition lists in agreement documents, the precedence between documents of
//! one agreement, and the per-document index that links capitalised uses of a term.
//!
//! Definitions are read in a quick pre-pass over the agreement bodies (they are a small
//! share of a portal), because a document uses terms defined in another document of its
//! agreement, which must be known before the document renders. The pre-pass reads them
//! with the Markdown writer's own reader (`markdown::definitions`), so the anchors terms
//! link to are the anchors the writer gives.
//!
//! In `render` rather than `analyze` because its input is Markdown bodies: `analyze`
//! works out facts from front matter alone.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Arc;

use pulldown_cmark::Parser;
use rayon::prelude::*;

use crate::analyze::hierarchy::Hierarchy;
use crate::model::paths::{document_path, version_path};
use crate::model::portal::Portal;
use crate::render::markdown::definitions::{read_definitions, term_anchor};
use crate::render::markdown::parser_options;
use crate::util::diag::{Diagnostic, Diagnostics};
use crate::util::i18n::msg;
use crate::util::source::collapse_whitespace;
use matcher::TermMatcher;

mod matcher;

/// The forms a term cell names: `Part/Parterna` → `Part`, `Parterna`.
pub(crate) fn term_forms(term: &str) -> Vec<String> {
    term.split('/')
        .map(collapse_whitespace)
        .filter(|f| !f.is_empty())
        .collect()
}

/// One definition as written in a document.
#[derive(Debug, Clone)]
pub(crate) struct Definition {
    /// The term cell as written (`Part/Parterna`).
    pub(crate) term: String,
    /// Its forms.
    pub(crate) forms: Vec<String>,
    /// The anchor id.
    pub(crate) anchor: String,
    /// The definition's plain text.
    pub(crate) text: String,
    /// The defining document, by index.
    pub(crate) doc: usize,
    /// Byte offset of the definition in the body, for diagnostics.
    pub(crate) offset: usize,
}

/// Reads the definitions of one Markdown body.
pub(crate) fn extract(body: &str, doc: usize) -> Vec<Definition> {
    let parser = Parser::new_ext(body, parser_options()).into_offset_iter();
    read_definitions(parser)
        .written
        .into_iter()
        .map(|w| Definition {
            term: w.term.trim().to_string(),
            anchor: term_anchor(&w.term),
            forms: term_forms(&w.term),
            text: collapse_whitespace(&w.text),
            doc,
            offset: w.offset,
        })
        .collect()
}

/// A term as the linker sees it: where it points and what it means.
#[derive(Debug, Clone)]
pub(crate) struct LinkedTerm {
    /// The defining document, by index.
    pub(crate) doc: usize,
    /// The anchor id in that document.
    pub(crate) anchor: String,
    /// The href of the definition on the document's main page.
    pub(crate) href: String,
    /// The definition's text, the link's accessible description.
    pub(crate) text: String,
}

/// The terms in force for one document, and a matcher for their capitalised uses.
#[derive(Debug)]
pub(crate) struct TermIndex {
    matcher: TermMatcher,
    /// The terms, by index.
    pub(crate) terms: Vec<LinkedTerm>,
}

impl TermIndex {
    /// Builds the matcher over the given terms' forms.
    ///
    /// `protected` are names (parties, such as "Sveriges Kommuner och Regioner") whose
    /// words are never terms, although a word of theirs ("Kommuner") may be one.
    pub(crate) fn new(
        terms: Vec<(Vec<String>, LinkedTerm)>,
        protected: &[&str],
    ) -> Option<TermIndex> {
        let mut forms: Vec<(String, usize)> = Vec::new();
        let mut linked = Vec::with_capacity(terms.len());
        for (term_forms, term) in terms {
            forms.extend(term_forms.into_iter().map(|f| (f, linked.len())));
            linked.push(term);
        }
        let mut matcher = TermMatcher::new(forms.iter().map(|(f, t)| (f.as_str(), *t)))?;
        matcher.protect(protected);
        Some(TermIndex {
            matcher,
            terms: linked,
        })
    }

    /// Every use of a term in normalised text: (start, end, term index), whole words
    /// only, each word in any of its inflections.
    pub(crate) fn find(&self, text: &str) -> Vec<(usize, usize, usize)> {
        self.matcher.find(text)
    }
}

/// Every definition of the portal and the term index of each document.
#[derive(Debug, Default)]
pub(crate) struct Glossary {
    /// Definitions in the main version of each document, by document index.
    pub(crate) definitions: Vec<Vec<Definition>>,
    /// The term index each document's text is linked with.
    pub(crate) indexes: Vec<Option<Arc<TermIndex>>>,
    /// By (document, version): the definitions of a published version other than the
    /// main one that defines its terms otherwise than the main version. Such a version
    /// is linked with an index of its own ([`Glossary::index_of`]), made when its page
    /// is rendered and dropped after: held for every such version, indexes would take
    /// memory in proportion to versions times terms.
    versions: HashMap<(usize, usize), Vec<Definition>>,
    /// The agreements of each document, by document index.
    agreements: Vec<Vec<usize>>,
    /// Document titles and aliases, protected as names.
    titles: Vec<String>,
}

impl Glossary {
    /// The index the text of version `v` of document `d` is linked with: its
    /// document's, unless it defines its terms otherwise. Then its own terms link to
    /// its own definitions on its own page and take precedence as its document's do;
    /// the terms of other documents are as for the main version.
    pub(crate) fn index_of(
        &self,
        portal: &Portal,
        hierarchy: &Hierarchy,
        d: usize,
        v: usize,
    ) -> Option<Arc<TermIndex>> {
        let Some(own) = self.versions.get(&(d, v)) else {
            return self.indexes.get(d)?.clone();
        };
        let defs_of = |i: usize| {
            if i == d {
                &own[..]
            } else {
                &self.definitions[i][..]
            }
        };
        let agreements = &self.agreements[d];
        let prevailing = agreements
            .iter()
            .map(|&a| (a, prevailing_in(hierarchy, a, &defs_of, &mut |_, _| {})))
            .collect();
        let doc = &portal.documents[d];
        let page = version_path(&doc.id, doc.versions[v].version.as_str());
        term_index(
            portal,
            agreements,
            &prevailing,
            own,
            &self.titles,
            Some((d, &page)),
        )
    }
}

/// Reads all definitions and works out which prevail for each document.
pub(crate) fn build(portal: &Portal, hierarchy: &Hierarchy) -> (Glossary, Diagnostics) {
    let mut diags = Diagnostics::new();
    let definitions = read_all(portal);
    check_defined_twice(portal, &definitions, &mut diags);
    let prevailing = prevailing_per_agreement(portal, hierarchy, &definitions, &mut diags);
    let titles = title_patterns(portal);
    // Documents of the same agreements share one index: one is built per distinct set
    // of agreements (the first document of a set stands for it), in parallel.
    let agreements = agreements_of_each(portal, hierarchy);
    let (slots, firsts) = share_indexes(&agreements);
    let built: Vec<Option<Arc<TermIndex>>> = firsts
        .par_iter()
        .map(|&i| {
            term_index(
                portal,
                &agreements[i],
                &prevailing,
                &definitions[i],
                &titles,
                None,
            )
        })
        .collect();
    let indexes = slots.iter().map(|&slot| built[slot].clone()).collect();
    let versions = defined_otherwise(portal, &definitions);
    (
        Glossary {
            definitions,
            indexes,
            versions,
            agreements,
            titles,
        },
        diags,
    )
}

/// The definitions of the published versions, other than the main ones, that define
/// terms otherwise than their document's main version: see [`Glossary::versions`].
fn defined_otherwise(
    portal: &Portal,
    definitions: &[Vec<Definition>],
) -> HashMap<(usize, usize), Vec<Definition>> {
    let others: Vec<(usize, usize)> = (portal.documents.iter().enumerate())
        .flat_map(|(d, doc)| {
            let main = doc.main_index();
            (0..doc.versions.len())
                .filter(move |&v| doc.versions[v].published && Some(v) != main)
                .map(move |v| (d, v))
        })
        .collect();
    others
        .par_iter()
        .filter_map(|&(d, v)| {
            let own = extract(portal.documents[d].versions[v].source.body(), d);
            (!defined_alike(&own, &definitions[d])).then_some(((d, v), own))
        })
        .collect()
}

/// Whether two documents' worth of definitions define the same terms alike, in any
/// order (their texts are whitespace-collapsed already, by [`extract`]).
fn defined_alike(a: &[Definition], b: &[Definition]) -> bool {
    fn terms(defs: &[Definition]) -> Vec<(&str, &str)> {
        let mut terms: Vec<(&str, &str)> = defs
            .iter()
            .map(|d| (d.term.as_str(), d.text.as_str()))
            .collect();
        terms.sort_unstable();
        terms
    }
    a.len() == b.len() && terms(a) == terms(b)
}

/// The definitions in the main version of each document, by document index.
fn read_all(portal: &Portal) -> Vec<Vec<Definition>> {
    portal
        .documents
        .par_iter()
        .enumerate()
        .map(|(i, doc)| {
            doc.main_version()
                .map(|v| extract(v.source.body(), i))
                .unwrap_or_default()
        })
        .collect()
}

/// W0302: two definitions of one term in one document; the first counts.
fn check_defined_twice(portal: &Portal, definitions: &[Vec<Definition>], diags: &mut Diagnostics) {
    for (i, defs) in definitions.iter().enumerate() {
        let mut seen: HashMap<&str, &Definition> = HashMap::new();
        for d in defs {
            if let Some(first) = seen.insert(&d.anchor, d) {
                let v = portal.documents[i]
                    .main_version()
                    .expect("definitions come from a main version");
                let message = msg!("w0302-defined-twice", term = &d.term, first = &first.term);
                diags.push(
                    Diagnostic::warning("W0302", message).at(v.source.body_location(d.offset)),
                );
            }
        }
    }
}

/// The definitions that prevail in each agreement, in order: within an agreement, the
/// document listed first prevails; a term defined differently further down warns
/// (W0301).
fn prevailing_per_agreement<'d>(
    portal: &Portal,
    hierarchy: &Hierarchy,
    definitions: &'d [Vec<Definition>],
    diags: &mut Diagnostics,
) -> BTreeMap<usize, Vec<&'d Definition>> {
    let defs_of = |d: usize| &definitions[d][..];
    (0..hierarchy.listed.len())
        .filter(|&a| !hierarchy.listed[a].is_empty())
        .map(|a| {
            let mut differently = |first: &Definition, def: &Definition| {
                diags.push(defined_differently(portal, a, first, def));
            };
            (a, prevailing_in(hierarchy, a, &defs_of, &mut differently))
        })
        .collect()
}

/// The definitions that prevail in agreement `a`, in order, the definitions of each
/// document being `defs_of` it; `differently` hears of each definition that differs
/// from the one that prevails (the first, then the other).
fn prevailing_in<'d>(
    hierarchy: &Hierarchy,
    a: usize,
    defs_of: &dyn Fn(usize) -> &'d [Definition],
    differently: &mut dyn FnMut(&Definition, &Definition),
) -> Vec<&'d Definition> {
    let mut chosen: HashMap<&str, &Definition> = HashMap::new();
    let mut order = Vec::new();
    for &(d, _) in &hierarchy.listed[a] {
        for def in defs_of(d) {
            match chosen.get(def.anchor.as_str()) {
                None => {
                    chosen.insert(&def.anchor, def);
                    order.push(def);
                }
                Some(first) if first.doc != def.doc && !same_text(&first.text, &def.text) => {
                    differently(first, def);
                }
                Some(_) => {}
            }
        }
    }
    order
}

/// W0301: `def` differs from the definition that prevails in agreement `a`, `first`.
fn defined_differently(
    portal: &Portal,
    a: usize,
    first: &Definition,
    def: &Definition,
) -> Diagnostic {
    let d = def.doc;
    let v = portal.documents[d].main_version().expect("main version");
    let message = msg!(
        "w0301-defined-differently",
        term = &def.term,
        first = &portal.documents[first.doc].id,
        second = &portal.documents[d].id,
        agreement = &portal.documents[a].id,
    );
    Diagnostic::warning("W0301", message).at(v.source.body_location(def.offset))
}

/// The titles and aliases of every document, as names to protect.
fn title_patterns(portal: &Portal) -> Vec<String> {
    portal
        .documents
        .iter()
        .filter_map(|d| d.main_version())
        .flat_map(|v| std::iter::once(&v.title).chain(&v.aliases))
        .filter_map(|t| name_pattern(t))
        .collect()
}

/// The agreements each document belongs to, itself first if it is one; a document in
/// no agreement has only its own terms.
fn agreements_of_each(portal: &Portal, hierarchy: &Hierarchy) -> Vec<Vec<usize>> {
    (0..portal.documents.len())
        .map(|i| {
            let mut agreements: Vec<usize> = Vec::new();
            if hierarchy.is_agreement(i) {
                agreements.push(i);
            }
            agreements.extend(hierarchy.memberships[i].iter().map(|m| m.agreement));
            agreements
        })
        .collect()
}

/// Which index each document uses, given the agreements of each (`keys`): (the slot of
/// each document, the first document of each slot). A document in no agreement has a
/// slot of its own.
fn share_indexes(keys: &[Vec<usize>]) -> (Vec<usize>, Vec<usize>) {
    let mut slot_of: HashMap<Vec<usize>, usize> = HashMap::new();
    let mut firsts = Vec::new();
    let slots: Vec<usize> = keys
        .iter()
        .enumerate()
        .map(|(i, agreements)| {
            let key = if agreements.is_empty() {
                vec![usize::MAX, i]
            } else {
                agreements.clone()
            };
            *slot_of.entry(key).or_insert_with(|| {
                firsts.push(i);
                firsts.len() - 1
            })
        })
        .collect();
    (slots, firsts)
}

/// The index for a document in `agreements` (or with only `own` terms): the terms in
/// the agreements' order of precedence, the parties' names protected. Terms link to
/// their document's main page; with `page` (a document and the site path of one of
/// its versions), that document's terms link to that page instead.
fn term_index(
    portal: &Portal,
    agreements: &[usize],
    prevailing: &BTreeMap<usize, Vec<&Definition>>,
    own: &[Definition],
    titles: &[String],
    page: Option<(usize, &str)>,
) -> Option<Arc<TermIndex>> {
    let base = &portal.config.base_url;
    let mut seen = HashSet::new();
    let mut terms = Vec::new();
    let from_agreements = agreements
        .iter()
        .flat_map(|a| prevailing.get(a).into_iter().flatten().copied());
    for def in from_agreements.chain(own) {
        if seen.insert(def.anchor.clone()) {
            let path = match page {
                Some((d, path)) if d == def.doc => path.to_string(),
                _ => document_path(&portal.documents[def.doc].id),
            };
            let href = format!("{}#{}", base.href(&path), def.anchor);
            terms.push((
                def.forms.clone(),
                LinkedTerm {
                    doc: def.doc,
                    anchor: def.anchor.clone(),
                    href,
                    text: def.text.clone(),
                },
            ));
        }
    }
    // Party names and document titles are names, not uses of the terms inside them
    // ("Sveriges Kommuner och Regioner", "SSBTEK – Anslutningsavtal kommun").
    let parties: Vec<String> = agreements
        .iter()
        .filter_map(|&a| portal.documents[a].main_version())
        .flat_map(|v| v.parties.iter())
        .filter_map(|p| name_pattern(p))
        .collect();
    let protected: Vec<&str> = parties
        .iter()
        .map(String::as_str)
        .chain(titles.iter().map(String::as_str))
        .collect();
    TermIndex::new(terms, &protected).map(Arc::new)
}

/// A name as it is searched for: spaces collapsed; `None` for one word, which is no
/// more a name than a term.
fn name_pattern(name: &str) -> Option<String> {
    let pattern = collapse_whitespace(name);
    pattern.contains(' ').then_some(pattern)
}

fn same_text(a: &str, b: &str) -> bool {
    let norm = |s: &str| collapse_whitespace(s).to_lowercase();
    norm(a).trim_end_matches('.') == norm(b).trim_end_matches('.')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index(terms: &[&str]) -> TermIndex {
        TermIndex::new(
            terms
                .iter()
                .map(|t| {
                    (
                        term_forms(t),
                        LinkedTerm {
                            doc: 0,
                            anchor: term_anchor(t),
                            href: String::new(),
                            text: String::new(),
                        },
                    )
                })
                .collect(),
            &["Sveriges Kommuner och Regioner", "Avtal om Anslutning"],
        )
        .unwrap()
    }

    fn found<'a>(index: &TermIndex, text: &'a str) -> Vec<&'a str> {
        index
            .find(text)
            .into_iter()
            .map(|(s, e, _)| &text[s..e])
            .collect()
    }

    #[test]
    fn inflected_capitalised_forms_match() {
        let i = index(&[
            "Informationsportal",
            "Komponenter",
            "Uppdraget",
            "Socialnämnd",
            "Part/Parterna",
            "Kommuns tjänsteleverantör",
        ]);
        assert_eq!(
            found(
                &i,
                "Informationsportalen, Komponenterna och Uppdragets mål för Socialnämnds Parterna och varje Kommuns tjänsteleverantörer."
            ),
            [
                "Informationsportalen",
                "Komponenterna",
                "Uppdragets",
                "Socialnämnds",
                "Parterna",
                "Kommuns tjänsteleverantörer"
            ]
        );
    }

    #[test]
    fn every_word_of_a_term_of_several_words_is_inflected() {
        // See: issue 13, point 5.
        let i = index(&["Kommuns tjänsteleverantör", "Kommun"]);
        assert_eq!(
            found(
                &i,
                "Kommunernas tjänsteleverantörer och Kommunens tjänsteleverantör, men inte Kommuns IT-leverantör."
            ),
            [
                "Kommunernas tjänsteleverantörer",
                "Kommunens tjänsteleverantör",
                "Kommuns"
            ]
        );
    }

    #[test]
    fn words_of_protected_names_are_not_terms() {
        let i = index(&["Kommun"]);
        assert_eq!(
            found(&i, "Sveriges Kommuner och Regioner och varje Kommun"),
            ["Kommun"]
        );
        // A name without a term in it is left out of the index, and changes nothing.
        assert_eq!(
            i.matcher.protected_names,
            ["Sveriges Kommuner och Regioner"]
        );
        assert_eq!(found(&i, "Avtal om Anslutning för Kommun"), ["Kommun"]);
    }

    #[test]
    fn lower_case_and_longer_words_do_not_match() {
        let i = index(&["Kommun", "Avtalet"]);
        assert!(found(&i, "kommunen och Kommunikation och Avtalsrätt").is_empty());
        assert_eq!(found(&i, "detta Avtal och Avtalets"), ["Avtal", "Avtalets"]);
    }

    #[test]
    fn definition_tables_and_lists_are_read() {
        let body = "Text.\n\n| Term/Begrepp | Definition |\n|---|---|\n| Avtalet | Detta avtal. |\n| Part/Parterna | SKR och FK. |\n\nSlut.\n\nKomponent\n: En del av tjänsten.\n";
        let defs = extract(body, 3);
        let terms: Vec<_> = defs
            .iter()
            .map(|d| (d.term.as_str(), d.anchor.as_str(), d.text.as_str()))
            .collect();
        assert_eq!(
            terms,
            [
                ("Avtalet", "begrepp-avtalet", "Detta avtal."),
                ("Part/Parterna", "begrepp-part", "SKR och FK."),
                ("Komponent", "begrepp-komponent", "En del av tjänsten."),
            ]
        );
        assert_eq!(&body[defs[0].offset..defs[0].offset + 9], "| Avtalet");
    }

    #[test]
    fn term_anchors_are_exactly_the_anchors_the_writer_gives() {
        // Rows and titles without a term (empty, `/`) have no term and no anchor, inside
        // a block quote too: the pre-pass and the writer read them alike. The writer's
        // side is pinned to the same anchors, for the same body, in
        // render/markdown/tests.rs (`term_anchors_are_written_for_the_terms_defined_only`).
        let body = "| Term | Definition |\n|---|---|\n| | Tom rad. |\n| Avtalet | Detta avtal. |\n| / | Bara snedstreck. |\n\nKomponent\n: En del.\n\n`/`\n: Inget.\n\n> | Begrepp | Definition |\n> |---|---|\n> | Part | Var och en. |\n";
        let anchors: Vec<String> = extract(body, 0).into_iter().map(|d| d.anchor).collect();
        assert_eq!(
            anchors,
            ["begrepp-avtalet", "begrepp-komponent", "begrepp-part"]
        );
    }
}
