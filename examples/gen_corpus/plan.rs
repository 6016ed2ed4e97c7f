//! The corpus plan: which documents, versions, sections and pages exist, decided once and
//! sequentially from the seed before any file is written. The page builders only read it,
//! so every link they write can be checked against it and is valid by construction.

use std::fmt;

use crate::rng::Rng;
use crate::words::{
    AGREEMENT_TOPICS, CORE_TERMS, DOC_NAMES, DOC_TERMS, GUIDE_TOPICS, PARTIES, SECTIONS,
    SUB_TITLES, TOP_TITLES, slugify,
};

/// Names of the documents every root agreement lists (Definitioner first, as in SSBTEK).
const SHARED_DOCS: &[&str] = &[
    "Definitioner",
    "Allmänna villkor",
    "Reglering av ansvar",
    "Säkerhetsvillkor",
];

/// Share of all pages that are agreement document versions (the brief asks for 5–10 %).
const AGREEMENT_PERCENT: usize = 7;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Date {
    pub(crate) y: u16,
    pub(crate) m: u8,
    pub(crate) d: u8,
}

impl Date {
    /// A date in `year` with a random month and a day every month has.
    fn random_in(rng: &mut Rng, year: u16) -> Date {
        Date {
            y: year,
            m: rng.range(1, 12) as u8,
            d: rng.range(1, 28) as u8,
        }
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.y, self.m, self.d)
    }
}

#[derive(Debug)]
pub(crate) struct Version {
    pub(crate) name: String,
    pub(crate) date: Date,
    /// Set only for the upcoming version (valid after the benchmark's `--now`).
    pub(crate) valid_from: Option<Date>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TopKind {
    Parties,
    Definitions,
    Documents,
    Plain,
}

/// A numbered top-level section and its numbered subsections (`5`, `5.1`, `5.2`).
#[derive(Debug)]
pub(crate) struct Top {
    pub(crate) kind: TopKind,
    pub(crate) title: &'static str,
    pub(crate) subs: Vec<&'static str>,
}

#[derive(Debug)]
pub(crate) struct Doc {
    pub(crate) id: String,
    pub(crate) title: String,
    pub(crate) aliases: Vec<String>,
    pub(crate) parties: Vec<&'static str>,
    pub(crate) versions: Vec<Version>,
    /// Index of the current version: the last one that is not upcoming.
    pub(crate) current: usize,
    /// Shared by every version, so section links stay valid whichever version they hit.
    pub(crate) outline: Vec<Top>,
    pub(crate) terms: Vec<(&'static str, &'static str)>,
    /// The Handlingsförteckning (document indices, itself first); empty for plain documents.
    pub(crate) documents: Vec<usize>,
    /// The agreements that list this document.
    pub(crate) part_of: Vec<usize>,
}

impl Doc {
    /// Every section number of the outline (`"1"`, `"1.1"`, …) with its title.
    pub(crate) fn numbers(&self) -> Vec<(String, &'static str)> {
        let mut out = Vec::new();
        for (i, top) in self.outline.iter().enumerate() {
            out.push(((i + 1).to_string(), top.title));
            for (j, sub) in top.subs.iter().enumerate() {
                out.push((format!("{}.{}", i + 1, j + 1), *sub));
            }
        }
        out
    }

    pub(crate) fn is_agreement(&self) -> bool {
        !self.documents.is_empty()
    }
}

#[derive(Debug)]
pub(crate) struct Guide {
    pub(crate) slug: String,
    pub(crate) title: String,
    /// 3–5 steps, so `#steg-1` … `#steg-3` exist on every guide.
    pub(crate) steps: usize,
    pub(crate) date: Date,
}

#[derive(Debug)]
pub(crate) struct Section {
    pub(crate) slug: String,
    pub(crate) title: String,
    pub(crate) guides: Vec<Guide>,
}

#[derive(Debug)]
pub(crate) struct Plan {
    pub(crate) seed: u64,
    pub(crate) pages: usize,
    pub(crate) docs: Vec<Doc>,
    pub(crate) roots: Vec<usize>,
    pub(crate) sections: Vec<Section>,
    /// Operations notices (`--notices` only); 0 otherwise.
    pub(crate) notices: usize,
}

impl Plan {
    pub(crate) fn new(pages: usize, seed: u64, with_notices: bool) -> Plan {
        let mut rng = Rng::stream(seed, 0, 0);
        let version_budget = (pages * AGREEMENT_PERCENT + 50) / 100;
        let mut docs = plan_documents(&mut rng, version_budget);
        let roots = link_hierarchy(&mut rng, &mut docs);
        mark_upcoming(&mut rng, &mut docs);
        // With notices, the driftinformation section page and the notices come out of the
        // guide budget, so the total stays `pages`.
        let notices = if with_notices {
            (pages / 200).max(3)
        } else {
            0
        };
        let fixed = 2 + if with_notices { notices + 1 } else { 0 };
        let guide_budget = pages - version_budget - fixed;
        let sections = plan_sections(&mut rng, guide_budget);
        Plan {
            seed,
            pages,
            docs,
            roots,
            sections,
            notices,
        }
    }

    pub(crate) fn version_count(&self) -> usize {
        self.docs.iter().map(|d| d.versions.len()).sum()
    }
}

/// Documents until the version budget is spent: 1–4 versions each (mean about 2.2).
fn plan_documents(rng: &mut Rng, budget: usize) -> Vec<Doc> {
    let mut counts = Vec::new();
    let mut left = budget;
    while left > 0 {
        let k = match rng.below(100) {
            0..=29 => 1,
            30..=64 => 2,
            65..=89 => 3,
            _ => 4,
        };
        let k = k.min(left);
        counts.push(k);
        left -= k;
    }
    let total = counts.len();
    let shared = (total / 10).clamp(1, SHARED_DOCS.len());
    let roots = (total / 15).max(2);
    assert!(
        total > shared + roots,
        "too few pages for an agreement hierarchy: use at least --pages 200"
    );
    counts
        .into_iter()
        .enumerate()
        .map(|(i, k)| {
            let (id, title, aliases) = if i < shared {
                (slugify(SHARED_DOCS[i]), SHARED_DOCS[i].to_string(), vec![])
            } else if i < shared + roots {
                let n = i - shared + 1;
                let topic = AGREEMENT_TOPICS[(n - 1) % AGREEMENT_TOPICS.len()];
                // "Avtal 3 om …": the number is followed by a word, so no title or alias is
                // a prefix of another ("Avtal 1" would be a prefix of "Avtal 12").
                let short = format!("Avtal {n} om {topic}");
                let id = format!("avtal-{n:02}-{}", slugify(topic));
                (id, format!("SSBTEK – {short}"), vec![short])
            } else {
                let n = i - shared - roots + 1;
                let name = DOC_NAMES[(n - 1) % DOC_NAMES.len()];
                let id = format!("bilaga-{n:03}-{}", slugify(name));
                (id, format!("Bilaga {n} – {name}"), vec![])
            };
            let is_root = (shared..shared + roots).contains(&i);
            new_doc(rng, id, title, aliases, k, i == 0, is_root)
        })
        .collect()
}

fn new_doc(
    rng: &mut Rng,
    id: String,
    title: String,
    aliases: Vec<String>,
    versions: usize,
    core_definitions: bool,
    root: bool,
) -> Doc {
    let first_year = 2014 + rng.below(5) as u16;
    let versions = (0..versions)
        .map(|j| Version {
            name: format!("{}.{}", 1 + j / 2, j % 2),
            date: Date::random_in(rng, first_year + 2 * j as u16),
            valid_from: None,
        })
        .collect::<Vec<_>>();
    let parties = if root {
        let n = rng.range(2, 3);
        rng.sample(PARTIES.len(), n)
            .into_iter()
            .map(|i| PARTIES[i])
            .collect()
    } else {
        Vec::new()
    };
    let terms = if core_definitions {
        CORE_TERMS.to_vec()
    } else {
        let n = rng.range(2, 5);
        rng.sample(DOC_TERMS.len(), n)
            .into_iter()
            .map(|i| DOC_TERMS[i])
            .collect()
    };
    let outline = plan_outline(rng, &parties, root);
    Doc {
        id,
        title,
        aliases,
        parties,
        current: versions.len() - 1,
        versions,
        outline,
        terms,
        documents: Vec::new(),
        part_of: Vec::new(),
    }
}

/// 5–8 numbered sections with 0–3 subsections each; titles unique within the document.
fn plan_outline(rng: &mut Rng, parties: &[&'static str], root: bool) -> Vec<Top> {
    let mut outline = Vec::new();
    if root {
        outline.push(Top {
            kind: TopKind::Parties,
            title: "Parter",
            subs: parties.to_vec(),
        });
    }
    outline.push(Top {
        kind: TopKind::Definitions,
        title: "Definitioner",
        subs: Vec::new(),
    });
    if root {
        outline.push(Top {
            kind: TopKind::Documents,
            title: "Avtalshandlingar",
            subs: vec!["Handlingsförteckning"],
        });
    }
    let plain = rng.range(5, 8) - outline.len().min(2);
    let mut subs = rng.sample(SUB_TITLES.len(), SUB_TITLES.len()).into_iter();
    for t in rng.sample(TOP_TITLES.len(), plain) {
        let n = rng.range(1, 3);
        outline.push(Top {
            kind: TopKind::Plain,
            title: TOP_TITLES[t],
            subs: subs.by_ref().take(n).map(|i| SUB_TITLES[i]).collect(),
        });
    }
    outline
}

/// Roots list themselves, every shared document and their own documents; about one in
/// ten documents belongs to two agreements, so the hierarchy is a graph, not a tree.
fn link_hierarchy(rng: &mut Rng, docs: &mut [Doc]) -> Vec<usize> {
    let total = docs.len();
    let shared = (total / 10).clamp(1, SHARED_DOCS.len());
    let roots: Vec<usize> = (shared..shared + (total / 15).max(2)).collect();
    let mut lists: Vec<Vec<usize>> = roots
        .iter()
        .map(|&r| std::iter::once(r).chain(0..shared).collect())
        .collect();
    for d in roots.len() + shared..total {
        let first = (d - shared - roots.len()) % roots.len();
        lists[first].push(d);
        if rng.chance(10) {
            let second = (first + 1 + rng.below(roots.len() - 1)) % roots.len();
            lists[second].push(d);
        }
    }
    for (list, &r) in lists.into_iter().zip(&roots) {
        for &d in &list[1..] {
            docs[d].part_of.push(r);
        }
        docs[r].documents = list;
    }
    roots
}

/// About one document in a hundred (at least one) has a published upcoming version,
/// valid after the benchmark's `--now` (2026-11-26).
fn mark_upcoming(rng: &mut Rng, docs: &mut [Doc]) {
    let candidates: Vec<usize> = (0..docs.len())
        .filter(|&d| docs[d].versions.len() >= 2 && !docs[d].is_agreement())
        .collect();
    let wanted = (docs.len() / 100).max(1);
    for pick in rng.sample(candidates.len(), wanted) {
        let doc = &mut docs[candidates[pick]];
        let last = doc.versions.last_mut().expect("two versions");
        last.date = Date {
            y: 2026,
            m: 10,
            d: rng.range(1, 28) as u8,
        };
        last.valid_from = Some(Date {
            y: 2027,
            m: 1,
            d: 1,
        });
        doc.current = doc.versions.len() - 2;
    }
}

/// Sections of 50–200 pages (the section page included) until the budget is spent.
fn plan_sections(rng: &mut Rng, budget: usize) -> Vec<Section> {
    let mut sections = Vec::new();
    let mut left = budget;
    while left > 0 {
        let mut size = rng.range(50, 200).min(left);
        if left - size < 50 {
            size = left;
        }
        left -= size;
        let i = sections.len();
        let (base_slug, base_title) = SECTIONS[i % SECTIONS.len()];
        let round = i / SECTIONS.len();
        let (slug, title) = if round == 0 {
            (base_slug.to_string(), base_title.to_string())
        } else {
            (
                format!("{base_slug}-{}", round + 1),
                format!("{base_title} {}", round + 1),
            )
        };
        let guides = (1..size)
            .map(|g| {
                let topic = rng.pick(GUIDE_TOPICS);
                let step = rng.pick(crate::words::STEPS);
                let year = 2019 + rng.below(7) as u16;
                Guide {
                    slug: format!("{}-{g:03}", slugify(topic)),
                    title: format!("{topic}: {}", step.to_lowercase()),
                    steps: rng.range(3, 5),
                    date: Date::random_in(rng, year),
                }
            })
            .collect();
        sections.push(Section {
            slug,
            title,
            guides,
        });
    }
    sections
}
