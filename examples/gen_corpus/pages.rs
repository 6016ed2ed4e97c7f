//! The Markdown of every page, in infoportal's format (SPEC §4.2, §4.3, §4.6).
//!
//! Each page is laid out first (headings, tables, lists, paragraph slots), then the
//! page's links and references are dealt into random paragraphs, and finally the
//! paragraphs are filled with prose until the file reaches its target size. Sizing the
//! filler last is what keeps the corpus at ~4.7 KB a page whatever the page's structure.

use crate::plan::{Doc, Plan, TopKind};
use crate::rng::Rng;
use crate::words::{self, filler, sentence};

/// Mean file size in bytes, front matter included: 10,000 pages ≈ 46.8 MB.
pub(crate) const MEAN_PAGE_BYTES: usize = 4680;
/// Sizes spread evenly over ±15 % around the mean.
const PAGE_SPREAD: usize = 700;
/// Every paragraph gets at least a sentence, even on pages whose fixed parts (the long
/// Handlingsförteckning of a root agreement) already exceed the size target.
const MIN_PARAGRAPH_BYTES: usize = 60;

/// A front-matter value: quoted text, a plain scalar (dates, numbers), or a list.
#[derive(Debug, Clone)]
pub(crate) enum Value {
    Text(String),
    Plain(String),
    List(Vec<String>),
}

/// Front matter as ordered key/value pairs, so each output flavour can rename keys.
#[derive(Debug, Default)]
pub(crate) struct Front(pub(crate) Vec<(&'static str, Value)>);

impl Front {
    pub(crate) fn text(mut self, key: &'static str, value: impl Into<String>) -> Front {
        self.0.push((key, Value::Text(value.into())));
        self
    }

    pub(crate) fn plain(mut self, key: &'static str, value: impl ToString) -> Front {
        self.0.push((key, Value::Plain(value.to_string())));
        self
    }

    pub(crate) fn list(mut self, key: &'static str, items: Vec<String>) -> Front {
        if !items.is_empty() {
            self.0.push((key, Value::List(items)));
        }
        self
    }

    /// The YAML between the `---` lines; `rename` maps our keys to another tool's.
    pub(crate) fn to_yaml(&self, rename: impl Fn(&'static str) -> &'static str) -> String {
        let mut out = String::from("---\n");
        for (key, value) in &self.0 {
            out.push_str(rename(key));
            match value {
                Value::Text(t) => {
                    out.push_str(": ");
                    push_quoted(&mut out, t);
                }
                Value::Plain(p) => {
                    out.push_str(": ");
                    out.push_str(p);
                }
                Value::List(items) => {
                    out.push(':');
                    for item in items {
                        out.push_str("\n  - ");
                        push_quoted(&mut out, item);
                    }
                }
            }
            out.push('\n');
        }
        out.push_str("---\n\n");
        out
    }
}

fn push_quoted(out: &mut String, text: &str) {
    out.push('"');
    for c in text.chars() {
        if c == '"' || c == '\\' {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('"');
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// `agreements/<id>/<version>.md`: numbered headings get `punkt-N` ids.
    Agreement,
    Content,
}

/// One source file: its path under the portal root, front matter and Markdown body.
#[derive(Debug)]
pub(crate) struct Page {
    pub(crate) rel_path: String,
    pub(crate) kind: Kind,
    pub(crate) front: Front,
    pub(crate) body: String,
}

impl Page {
    pub(crate) fn ours(&self) -> String {
        let mut out = self.front.to_yaml(|k| k);
        out.push_str(&self.body);
        out
    }
}

/// A page under construction: fixed text plus paragraph slots filled at the end.
#[derive(Debug, Default)]
struct Layout {
    parts: Vec<Part>,
    paras: usize,
}

#[derive(Debug)]
enum Part {
    Text(String),
    Para(usize),
}

impl Layout {
    fn text(&mut self, text: impl Into<String>) {
        self.parts.push(Part::Text(text.into()));
    }

    fn para(&mut self) {
        self.parts.push(Part::Para(self.paras));
        self.paras += 1;
    }

    /// Deals `features` (sentences with links and references) into random paragraphs.
    fn deal(&self, rng: &mut Rng, features: Vec<String>) -> Vec<String> {
        let mut leads = vec![String::new(); self.paras];
        for f in features {
            let lead = &mut leads[rng.below(self.paras)];
            lead.push_str(&f);
            lead.push(' ');
        }
        leads
    }

    /// The body, with filler spread evenly over the paragraphs so that the body is
    /// `target` bytes long (within a word), unless the fixed parts are already longer.
    fn render(self, leads: &[String], rng: &mut Rng, target: usize, terms: &[&str]) -> String {
        let fixed: usize = self
            .parts
            .iter()
            .map(|p| match p {
                Part::Text(t) => t.len(),
                Part::Para(i) => leads[*i].len() + 2,
            })
            .sum();
        let mut deficit = target.saturating_sub(fixed);
        let mut slots = self.paras;
        let mut out = String::with_capacity(target + 64);
        for part in self.parts {
            match part {
                Part::Text(t) => out.push_str(&t),
                Part::Para(i) => {
                    out.push_str(&leads[i]);
                    let before = out.len();
                    let budget = (deficit / slots).max(MIN_PARAGRAPH_BYTES);
                    filler(&mut out, rng, budget, terms);
                    deficit = deficit.saturating_sub(out.len() - before);
                    slots -= 1;
                    out.push_str("\n\n");
                }
            }
        }
        out
    }
}

/// The file's size target, spread evenly around [`MEAN_PAGE_BYTES`].
fn target_size(rng: &mut Rng) -> usize {
    MEAN_PAGE_BYTES - PAGE_SPREAD + rng.below(2 * PAGE_SPREAD + 1)
}

fn table(rng: &mut Rng, headers: &[&str], rows: usize) -> String {
    let mut t = format!(
        "| {} |\n|{}\n",
        headers.join(" | "),
        "---|".repeat(headers.len())
    );
    for _ in 0..rows {
        t.push('|');
        for _ in headers {
            t.push(' ');
            words::push_capitalised(&mut t, rng.word(&words::WORDS));
            t.push(' ');
            t.push_str(rng.word(&words::WORDS));
            t.push_str(" |");
        }
        t.push('\n');
    }
    t.push('\n');
    t
}

fn footnote(rng: &mut Rng) -> (String, String) {
    let reference = format!("{}[^1]", sentence(rng, 8).trim_end_matches('.'));
    let definition = format!("[^1]: {}\n", sentence(rng, 10));
    (reference + ".", definition)
}

/// Titles are sometimes written with a hyphen instead of the en dash, as editors do.
fn mention(rng: &mut Rng, title: &str) -> String {
    if rng.chance(20) {
        title.replace(" – ", " - ")
    } else {
        title.to_string()
    }
}

/// Documents an agreement text plausibly refers to: its own documents, or the
/// agreements it belongs to and their other documents.
fn related(plan: &Plan, d: usize) -> Vec<usize> {
    let doc = &plan.docs[d];
    if doc.is_agreement() {
        doc.documents[1..].to_vec()
    } else {
        let mut out = doc.part_of.clone();
        for &r in &doc.part_of {
            out.extend(plan.docs[r].documents.iter().filter(|&&x| x != d).take(8));
        }
        out
    }
}

fn section_link(rng: &mut Rng, doc: &Doc) -> String {
    let numbers = doc.numbers();
    let (num, _) = rng.pick(&numbers);
    format!(
        "[avsnitt {num} i {}](avtal:{}#punkt-{num})",
        doc.title, doc.id
    )
}

fn version_link(rng: &mut Rng, doc: &Doc) -> String {
    let v = &rng.pick(&doc.versions).name;
    format!("[version {v} av {}](avtal:{}@{v})", doc.title, doc.id)
}

/// The terms an agreement text uses: its own and those of Definitioner, in base and
/// genitive form ("Tjänsten", "Tjänstens").
fn term_forms(plan: &Plan, doc: &Doc) -> Vec<String> {
    let own = doc.terms.iter().map(|t| t.0);
    let core = plan.docs[0].terms.iter().map(|t| t.0);
    own.chain(core)
        .flat_map(|t| [t.to_string(), format!("{t}s")])
        .collect()
}

pub(crate) fn agreement_version(plan: &Plan, d: usize, vi: usize) -> Page {
    let doc = &plan.docs[d];
    let version = &doc.versions[vi];
    let mut rng = Rng::stream(plan.seed, 1, (d * 16 + vi) as u64);
    let target = target_size(&mut rng);

    let mut front = Front::default()
        .text("title", &doc.title)
        .text("version", &version.name)
        .plain("date", version.date)
        .text("author", "SSBTEK Förvaltning")
        .text(
            "comment",
            format!("Version {}: {}", version.name, sentence(&mut rng, 8)),
        );
    if let Some(from) = version.valid_from {
        front = front.plain("valid_from", from);
    }
    let front = front
        .list(
            "parties",
            doc.parties.iter().map(|p| p.to_string()).collect(),
        )
        .list(
            "documents",
            doc.documents
                .iter()
                .map(|&x| plan.docs[x].id.clone())
                .collect(),
        )
        .list("aliases", doc.aliases.clone());

    let layout = agreement_layout(plan, doc);
    let related = related(plan, d);
    let other = |rng: &mut Rng| &plan.docs[*rng.pick(&related)];
    let mut features = Vec::new();
    let numbers = doc.numbers();
    for _ in 0..rng.range(2, 3) {
        let (num, title) = rng.pick(&numbers);
        // "enligt punkten 5.3" must be followed by nothing or by that section's own title;
        // another section's title there would be a stale reference (SPEC §4.2).
        features.push(if rng.chance(30) {
            format!("Detta hanteras enligt punkten {num} {title}.")
        } else {
            format!("Detta hanteras enligt punkten {num}.")
        });
    }
    for _ in 0..rng.range(1, 2) {
        let doc = other(&mut rng);
        let title = mention(&mut rng, &doc.title);
        features.push(format!("Av {title} framgår vad som gäller i övrigt."));
    }
    let (note_ref, note_def) = footnote(&mut rng);
    features.push(note_ref);
    let first = other(&mut rng);
    features.push(format!("Se även [{}](avtal:{}).", first.title, first.id));
    let second = other(&mut rng);
    features.push(format!(
        "Närmare villkor finns i {}.",
        section_link(&mut rng, second)
    ));
    let (num, _) = rng.pick(&numbers);
    features.push(format!("Se också [avsnitt {num}](#punkt-{num})."));
    for _ in 0..rng.range(0, 2) {
        if rng.chance(50) {
            let any = rng.pick(&plan.docs);
            features.push(format!(
                "Den tidigare lydelsen finns i {}.",
                version_link(&mut rng, any)
            ));
        } else {
            let section = rng.pick(&plan.sections);
            let guide = rng.pick(&section.guides);
            features.push(format!(
                "Vägledning finns i [{}](../../content/{}/{}.md).",
                guide.title, section.slug, guide.slug
            ));
        }
    }
    let leads = layout.deal(&mut rng, features);
    let front_len = front.to_yaml(|k| k).len();
    let terms = term_forms(plan, doc);
    let terms: Vec<&str> = terms.iter().map(String::as_str).collect();
    let mut body = layout.render(
        &leads,
        &mut rng,
        target.saturating_sub(front_len + note_def.len()),
        &terms,
    );
    body.push_str(&note_def);
    Page {
        rel_path: format!("agreements/{}/{}.md", doc.id, version.name),
        kind: Kind::Agreement,
        front,
        body,
    }
}

fn agreement_layout(plan: &Plan, doc: &Doc) -> Layout {
    let mut l = Layout::default();
    l.text("Detta är en genererad exempeltext för prestandamätning och inte ett gällande avtal. ");
    l.para();
    for (i, top) in doc.outline.iter().enumerate() {
        let n = i + 1;
        l.text(format!("## {n} {}\n\n", top.title));
        match top.kind {
            TopKind::Definitions => {
                l.text(
                    "Begrepp som skrivs med stor begynnelsebokstav har den betydelse som anges \
                     nedan, i singular och plural och i bestämd och obestämd form.\n\n\
                     | Term/Begrepp | Definition |\n|---|---|\n",
                );
                for (term, definition) in &doc.terms {
                    l.text(format!("| {term} | {definition} |\n"));
                }
                l.text("\n");
            }
            TopKind::Documents => {
                l.para();
                l.text(format!("### {n}.1 Handlingsförteckning\n\n"));
                for (k, &x) in doc.documents.iter().enumerate() {
                    let suffix = if k == 0 { " (detta dokument)" } else { "" };
                    l.text(format!("{}. {}{suffix}\n", k + 1, plan.docs[x].title));
                }
                l.text("\n");
            }
            TopKind::Parties | TopKind::Plain => {
                l.para();
                for (j, sub) in top.subs.iter().enumerate() {
                    l.text(format!("### {n}.{} {sub}\n\n", j + 1));
                    l.para();
                }
            }
        }
    }
    l
}

pub(crate) fn guide(plan: &Plan, s: usize, g: usize) -> Page {
    let section = &plan.sections[s];
    let page = &section.guides[g];
    let mut rng = Rng::stream(plan.seed, 2, (s * 1000 + g) as u64);
    let target = target_size(&mut rng);
    let front = Front::default()
        .text("title", &page.title)
        .text("description", sentence(&mut rng, 12))
        .plain("weight", (g + 1) * 10)
        .plain("date", page.date);

    let mut l = Layout::default();
    l.para();
    for step in 1..=page.steps {
        let phrase = rng.pick(words::STEPS);
        l.text(format!("## Steg {step}: {phrase} {{#steg-{step}}}\n\n"));
        l.para();
        if step == 2 {
            for _ in 0..rng.range(3, 5) {
                l.text(format!("- {}\n", sentence(&mut rng, 7)));
            }
            l.text("\n");
        }
        if step == 3 {
            let rows = rng.range(3, 5);
            l.text(table(&mut rng, &["Uppgift", "Ansvarig", "Tidsfrist"], rows));
        }
    }

    let mut features = guide_links(plan, s, g, &mut rng);
    let (note_ref, note_def) = footnote(&mut rng);
    features.push(note_ref);
    let leads = l.deal(&mut rng, features);
    let target = target.saturating_sub(front.to_yaml(|k| k).len() + note_def.len());
    let mut body = l.render(&leads, &mut rng, target, &[]);
    body.push_str(&note_def);
    Page {
        rel_path: format!("content/{}/{}.md", section.slug, page.slug),
        kind: Kind::Content,
        front,
        body,
    }
}

/// 3–5 links: a sibling, a page in another section, an agreement, and up to two of a
/// section, a version, the section page or a heading of the same page.
fn guide_links(plan: &Plan, s: usize, g: usize, rng: &mut Rng) -> Vec<String> {
    let section = &plan.sections[s];
    let mut links = Vec::new();
    let sibling = (g + 1 + rng.below(section.guides.len().max(2) - 1)) % section.guides.len();
    let sib = &section.guides[sibling];
    links.push(if rng.chance(50) {
        format!("Läs också [{}]({}.md).", sib.title, sib.slug)
    } else {
        let step = rng.range(1, 3);
        format!("Läs också [{}]({}.md#steg-{step}).", sib.title, sib.slug)
    });
    let other_s = if plan.sections.len() > 1 {
        (s + 1 + rng.below(plan.sections.len() - 1)) % plan.sections.len()
    } else {
        s
    };
    let other = &plan.sections[other_s];
    let target = rng.pick(&other.guides);
    let step = rng.range(1, 3);
    links.push(format!(
        "Mer om detta finns i [{}](../{}/{}.md#steg-{step}).",
        target.title, other.slug, target.slug
    ));
    let doc = rng.pick(&plan.docs);
    links.push(format!(
        "Villkoren finns i [{}](avtal:{}).",
        doc.title, doc.id
    ));
    for _ in 0..rng.range(0, 2) {
        links.push(match rng.below(4) {
            0 => {
                let doc = rng.pick(&plan.docs);
                format!("Se {}.", section_link(rng, doc))
            }
            1 => {
                let doc = rng.pick(&plan.docs);
                format!("Jämför med {}.", version_link(rng, doc))
            }
            2 => format!("Se översikten [{}](_index.md).", section.title),
            _ => "Gå vidare till [steg 2](#steg-2).".to_string(),
        });
    }
    links
}

pub(crate) fn section_index(plan: &Plan, s: usize) -> Page {
    let section = &plan.sections[s];
    let mut rng = Rng::stream(plan.seed, 3, s as u64);
    let target = target_size(&mut rng);
    let front = Front::default()
        .text("title", &section.title)
        .text("description", sentence(&mut rng, 12))
        .plain("weight", (s + 2) * 10);
    let mut l = Layout::default();
    l.para();
    l.text("## Om avsnittet {#om-avsnittet}\n\n");
    l.para();
    l.text(table(&mut rng, &["Sida", "Målgrupp", "Uppdaterad"], 4));
    l.text("## Vanliga frågor {#vanliga-fragor}\n\n");
    l.para();
    let count = rng.range(2, 4);
    let mut features: Vec<String> = rng
        .sample(section.guides.len(), count)
        .into_iter()
        .map(|g| {
            let guide = &section.guides[g];
            format!("Börja med [{}]({}.md).", guide.title, guide.slug)
        })
        .collect();
    let doc = rng.pick(&plan.docs);
    features.push(format!(
        "Villkoren finns i [{}](avtal:{}).",
        doc.title, doc.id
    ));
    let (note_ref, note_def) = footnote(&mut rng);
    features.push(note_ref);
    let leads = l.deal(&mut rng, features);
    let target = target.saturating_sub(front.to_yaml(|k| k).len() + note_def.len());
    let mut body = l.render(&leads, &mut rng, target, &[]);
    body.push_str(&note_def);
    Page {
        rel_path: format!("content/{}/_index.md", section.slug),
        kind: Kind::Content,
        front,
        body,
    }
}

/// `content/_index.md` (the start page) or `content/avtal/_index.md` (the agreements page).
pub(crate) fn special(plan: &Plan, agreements: bool) -> Page {
    let mut rng = Rng::stream(plan.seed, 4, u64::from(agreements));
    let target = target_size(&mut rng);
    let (path, front, mut features) = if agreements {
        let front = Front::default()
            .text("title", "Avtal och avtalsdokument")
            .text(
                "description",
                "Alla avtal och avtalsdokument och hur de hänger ihop.",
            )
            .plain("weight", 5);
        let links = plan
            .roots
            .iter()
            .take(4)
            .map(|&r| {
                let doc = &plan.docs[r];
                format!("Läs [{}](avtal:{}).", doc.title, doc.id)
            })
            .chain(["Tillbaka till [startsidan](../_index.md).".to_string()])
            .collect();
        ("content/avtal/_index.md", front, links)
    } else {
        let front = Front::default()
            .text("title", "Benchmarkportal")
            .text("description", "En genererad portal för prestandamätning.");
        let mut links: Vec<String> = plan
            .sections
            .iter()
            .take(4)
            .map(|s| format!("Läs om [{}]({}/_index.md).", s.title, s.slug))
            .collect();
        let root = &plan.docs[plan.roots[0]];
        links.push(format!("Se [{}](avtal:{}).", root.title, root.id));
        ("content/_index.md", front, links)
    };
    let mut l = Layout::default();
    l.para();
    l.text("## Så hänger det ihop {#sa-hanger-det-ihop}\n\n");
    l.para();
    l.text(table(&mut rng, &["Del", "Innehåll", "Ansvarig"], 4));
    l.text("## Frågor {#fragor}\n\n");
    l.para();
    let (note_ref, note_def) = footnote(&mut rng);
    features.push(note_ref);
    let leads = l.deal(&mut rng, features);
    let target = target.saturating_sub(front.to_yaml(|k| k).len() + note_def.len());
    let mut body = l.render(&leads, &mut rng, target, &[]);
    body.push_str(&note_def);
    Page {
        rel_path: path.to_string(),
        kind: Kind::Content,
        front,
        body,
    }
}
