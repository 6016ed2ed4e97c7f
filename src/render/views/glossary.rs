//! `/avtal/begrepp/`: every defined term, alphabetically, with each document that
//! defines it.

use std::collections::BTreeMap;

use super::{GLOSSARY_TITLE, Shown, SiteIndex, ViewInput, agreements_crumbs};
use crate::model::paths::document_path;
use crate::render::theme::api::{DefinitionView, GlossaryEntry, PageView};
use crate::util::collate::{SwedishKey, swedish_key};

/// The glossary page.
pub(super) fn page<'a>(
    input: &ViewInput<'a>,
    index: &SiteIndex<'a>,
    view: &mut PageView<'a>,
) -> Shown<'a> {
    view.kind = "glossary";
    view.title = GLOSSARY_TITLE;
    view.breadcrumbs = agreements_crumbs(input, index);
    view.glossary = glossary(input);
    Shown {
        template: "glossary.html",
        description: None,
    }
}

/// Every defined term, alphabetically, with each document that defines it.
fn glossary(input: &ViewInput<'_>) -> Vec<GlossaryEntry> {
    let portal = input.portal;
    let base = &portal.config.base_url;
    let mut by_term: BTreeMap<(SwedishKey, String), GlossaryEntry> = BTreeMap::new();
    for (d, defs) in input.glossary.definitions.iter().enumerate() {
        let doc = &portal.documents[d];
        for def in defs {
            let key = (swedish_key(&def.term), def.anchor.clone());
            let entry = by_term.entry(key).or_insert_with(|| GlossaryEntry {
                term: def.term.clone(),
                id: def.anchor.clone(),
                definitions: Vec::new(),
            });
            entry.definitions.push(DefinitionView {
                text: def.text.clone(),
                document: doc.title().to_string(),
                url: format!("{}#{}", base.href(&document_path(&doc.id)), def.anchor),
            });
        }
    }
    by_term.into_values().collect()
}
