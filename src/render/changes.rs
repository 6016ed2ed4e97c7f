//! What changed between two versions of an agreement document, word by word and section
//! by section: for `/avtal/<id>/<version>/andringar/` (against the published version
//! before it) and `/avtal/<id>/<version>/andringar/sedan-<older>/` (against an earlier
//! one; which pairs get a page is decided in `analyze::routes`).
//!
//! Both bodies are reduced to plain text per section (paragraphs, list items, table rows
//! and code as lines), sections are paired by their number (or heading text), and each
//! pair is diffed by words. Each section links to itself in the version that has it,
//! by the heading id its page gives it (`markdown::sections::heading_ids`, the plan the
//! page is rendered with). The unchanged sections between two changed ones are one
//! block (`Changes::blocks`), so a view folds them into one line instead of a line each.
//!
//! The HTML uses `<ins>`/`<del>` with a visually hidden "Tillagt:"/"Borttaget:" so the
//! change is announced, not shown by colour alone, and a deletion and the insertion
//! that replaces it are written apart (a space between them), so "sex" replaced by
//! "tolv" reads "sex tolv", not "sextolv".

use std::collections::HashSet;

use pulldown_cmark::{Event, Parser, Tag, TagEnd};
use serde::Serialize;
use similar::{Algorithm, ChangeTag, TextDiff};

use crate::model::document::DocVersion;
use crate::model::source::Source;
use crate::render::markdown::ids::slug_id;
use crate::render::markdown::sections::{heading_ids, split_section_number};
use crate::render::markdown::{Body, parser_options};
use crate::util::html::escape_text;

/// One section of a body as plain text.
#[derive(Debug, Clone, PartialEq, Eq)]
struct SectionText {
    /// The section number, or the heading's slug; empty for the text before any heading.
    key: String,
    /// The heading as written.
    heading: String,
    /// Heading level (2 for text before any heading).
    level: u8,
    /// The text, one block per line.
    text: String,
    /// The heading's id on the version's page; `None` for the text before any heading.
    id: Option<String>,
}

/// How a section changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum SectionStatus {
    /// In both versions with different text or heading.
    Changed,
    /// Only in the newer version.
    Added,
    /// Only in the older version.
    Removed,
    /// The same in both.
    Unchanged,
}

/// One section of the change view.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct SectionChange {
    /// The heading, with its own changes marked (HTML).
    pub(crate) heading: String,
    /// 2–6, for indentation.
    pub(crate) level: u8,
    /// How it changed.
    pub(crate) status: SectionStatus,
    /// The diffed text (HTML), empty when unchanged.
    pub(crate) diff: String,
    /// The section in the version that has it (the newer one; the older one for a
    /// removed section): the version page's href with the heading's `#id`, or without
    /// one for the text before the first heading.
    pub(crate) url: String,
}

/// A part of the change view: one changed, added or removed section, or the unchanged
/// sections between two such, shown together.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct ChangeBlock {
    /// The changed, added or removed section; `None` for a run of unchanged ones.
    pub(crate) section: Option<SectionChange>,
    /// The unchanged sections of the run, in order; empty for a changed section.
    pub(crate) unchanged: Vec<SectionChange>,
}

/// Everything that changed between two versions.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Changes {
    /// Changes to the front matter, as sentences (HTML-escaped).
    pub(crate) metadata: Vec<String>,
    /// Every section of both versions, in document order.
    pub(crate) sections: Vec<SectionChange>,
    /// The number of changed sections.
    pub(crate) changed: usize,
    /// The number of added sections.
    pub(crate) added: usize,
    /// The number of removed sections.
    pub(crate) removed: usize,
    /// The number of unchanged sections.
    pub(crate) unchanged: usize,
    /// `sections` as a reader wants them: each changed, added or removed section on its
    /// own, each run of unchanged sections as one block.
    pub(crate) blocks: Vec<ChangeBlock>,
}

/// A version as compared: its text, and the href of its page for the links to its
/// sections.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Compared<'a> {
    /// The version.
    pub(crate) version: &'a DocVersion,
    /// Its page.
    pub(crate) href: &'a str,
}

/// Compares `old` with `new`; `theme_ids` are the ids the theme writes, which the
/// version pages' heading ids keep clear of.
pub(crate) fn compare(
    old: Compared<'_>,
    new: Compared<'_>,
    theme_ids: Option<&HashSet<String>>,
) -> Changes {
    let before = sections(&old.version.source, theme_ids);
    let after = sections(&new.version.source, theme_ids);
    let old_keys: Vec<&str> = before.iter().map(|s| s.key.as_str()).collect();
    let new_keys: Vec<&str> = after.iter().map(|s| s.key.as_str()).collect();
    let removed = |o: usize| whole(&before[o], SectionStatus::Removed, old.href);
    let added = |n: usize| whole(&after[n], SectionStatus::Added, new.href);
    let mut out = Vec::new();
    for op in similar::capture_diff_slices(Algorithm::Myers, &old_keys, &new_keys) {
        let (tag, old_range, new_range) = op.as_tag_tuple();
        match tag {
            similar::DiffTag::Equal => {
                for (o, n) in old_range.zip(new_range) {
                    out.push(pair(&before[o], &after[n], new.href));
                }
            }
            similar::DiffTag::Delete => out.extend(old_range.map(removed)),
            similar::DiffTag::Insert => out.extend(new_range.map(added)),
            similar::DiffTag::Replace => {
                out.extend(old_range.map(removed));
                out.extend(new_range.map(added));
            }
        }
    }
    let count = |status| {
        out.iter()
            .filter(|s: &&SectionChange| s.status == status)
            .count()
    };
    Changes {
        metadata: metadata(old.version, new.version),
        changed: count(SectionStatus::Changed),
        added: count(SectionStatus::Added),
        removed: count(SectionStatus::Removed),
        unchanged: count(SectionStatus::Unchanged),
        blocks: blocks(&out),
        sections: out,
    }
}

/// Groups each run of unchanged sections into one block; every other section is a
/// block of its own.
fn blocks(sections: &[SectionChange]) -> Vec<ChangeBlock> {
    let mut blocks: Vec<ChangeBlock> = Vec::new();
    for section in sections {
        if section.status != SectionStatus::Unchanged {
            blocks.push(ChangeBlock {
                section: Some(section.clone()),
                unchanged: Vec::new(),
            });
            continue;
        }
        match blocks.last_mut() {
            Some(run) if run.section.is_none() => run.unchanged.push(section.clone()),
            _ => blocks.push(ChangeBlock {
                section: None,
                unchanged: vec![section.clone()],
            }),
        }
    }
    blocks
}

/// The href of a section on the page at `page`.
fn section_href(page: &str, section: &SectionText) -> String {
    match &section.id {
        Some(id) => format!("{page}#{id}"),
        None => page.to_string(),
    }
}

/// A section in both versions; `page` is the newer version's.
fn pair(old: &SectionText, new: &SectionText, page: &str) -> SectionChange {
    let url = section_href(page, new);
    if old.heading == new.heading && old.text == new.text {
        let mut heading = String::new();
        escape_text(&mut heading, &new.heading);
        return SectionChange {
            heading,
            level: new.level,
            status: SectionStatus::Unchanged,
            diff: String::new(),
            url,
        };
    }
    SectionChange {
        heading: diff_words(&old.heading, &new.heading),
        level: new.level,
        status: SectionStatus::Changed,
        diff: diff_words(&old.text, &new.text),
        url,
    }
}

/// A section in one version only, on the page at `page`.
fn whole(section: &SectionText, status: SectionStatus, page: &str) -> SectionChange {
    let mark = match status {
        SectionStatus::Removed => Mark::Removed,
        _ => Mark::Added,
    };
    let wrap = |text: &str| {
        if text.is_empty() {
            String::new()
        } else {
            marked(mark, text)
        }
    };
    SectionChange {
        heading: wrap(&section.heading),
        level: section.level,
        status,
        diff: wrap(&section.text),
        url: section_href(page, section),
    }
}

/// Removed or added text. The markup says so in words as well ("Borttaget: ",
/// visually hidden), so the change is announced, not shown by colour alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mark {
    Removed,
    Added,
}

impl Mark {
    fn of(tag: ChangeTag) -> Option<Mark> {
        match tag {
            ChangeTag::Delete => Some(Mark::Removed),
            ChangeTag::Insert => Some(Mark::Added),
            ChangeTag::Equal => None,
        }
    }

    fn open(self) -> &'static str {
        match self {
            Mark::Removed => "<del><span class=\"visually-hidden\">Borttaget: </span>",
            Mark::Added => "<ins><span class=\"visually-hidden\">Tillagt: </span>",
        }
    }

    fn close(self) -> &'static str {
        match self {
            Mark::Removed => "</del>",
            Mark::Added => "</ins>",
        }
    }
}

/// Word diff as HTML, done line by line: lines (paragraphs, list items, table rows) are
/// paired first and only the pairs that differ are diffed by words. That keeps the cost
/// proportional to what changed instead of to the square of the section's length.
fn diff_words(old: &str, new: &str) -> String {
    let old_lines: Vec<&str> = old.split('\n').collect();
    let new_lines: Vec<&str> = new.split('\n').collect();
    let mut html = String::with_capacity(old.len().max(new.len()) + 64);
    let ops = similar::capture_diff_slices(Algorithm::Myers, &old_lines, &new_lines);
    let mut first = true;
    let mut line = |html: &mut String, text: String| {
        if !first {
            html.push('\n');
        }
        first = false;
        html.push_str(&text);
    };
    for op in ops {
        let (tag, o, n) = op.as_tag_tuple();
        match tag {
            similar::DiffTag::Equal => {
                for i in o {
                    let mut text = String::new();
                    escape_text(&mut text, old_lines[i]);
                    line(&mut html, text);
                }
            }
            similar::DiffTag::Delete => {
                for i in o {
                    line(&mut html, marked(Mark::Removed, old_lines[i]));
                }
            }
            similar::DiffTag::Insert => {
                for i in n {
                    line(&mut html, marked(Mark::Added, new_lines[i]));
                }
            }
            similar::DiffTag::Replace => {
                let (o, n) = (o.collect::<Vec<_>>(), n.collect::<Vec<_>>());
                for k in 0..o.len().max(n.len()) {
                    let text = match (o.get(k), n.get(k)) {
                        (Some(&a), Some(&b)) if alike(old_lines[a], new_lines[b]) => {
                            diff_line(old_lines[a], new_lines[b])
                        }
                        (Some(&a), Some(&b)) => format!(
                            "{}\n{}",
                            marked(Mark::Removed, old_lines[a]),
                            marked(Mark::Added, new_lines[b])
                        ),
                        (Some(&a), None) => marked(Mark::Removed, old_lines[a]),
                        (None, Some(&b)) => marked(Mark::Added, new_lines[b]),
                        (None, None) => String::new(),
                    };
                    line(&mut html, text);
                }
            }
        }
    }
    html
}

/// The most words two lines may have together for a word diff. Myers' diff (as
/// `similar` bounds it) takes time growing as N·√N with the words of a line; real
/// paragraphs and table rows have a few hundred. See: issue 10, item 5.
const MAX_WORD_DIFF: usize = 4_000;

/// Whether two lines share enough words for a word diff to help the reader; a line
/// rewritten from scratch reads better as removed and added, and costs far less. So
/// does a pair of lines too long to diff by words in little time.
fn alike(old: &str, new: &str) -> bool {
    let words: std::collections::HashSet<&str> = old.split_whitespace().collect();
    let new_words: Vec<&str> = new.split_whitespace().collect();
    if words.is_empty() || new_words.is_empty() {
        return false;
    }
    if old.split_whitespace().count() + new_words.len() > MAX_WORD_DIFF {
        return false;
    }
    let shared = new_words.iter().filter(|w| words.contains(*w)).count();
    shared * 2 >= new_words.len().max(words.len())
}

/// A whole line as removed or added.
fn marked(mark: Mark, text: &str) -> String {
    let mut html = String::with_capacity(text.len() + 64);
    html.push_str(mark.open());
    escape_text(&mut html, text);
    html.push_str(mark.close());
    html
}

/// Two versions of one line, diffed by words.
fn diff_line(old: &str, new: &str) -> String {
    let diff = TextDiff::configure()
        .algorithm(Algorithm::Myers)
        .diff_words(old, new);
    let mut html = String::new();
    // The mark around the words written last; `None` while they are unchanged.
    let mut open: Option<Mark> = None;
    for change in diff.iter_all_changes() {
        let mark = Mark::of(change.tag());
        if mark != open {
            if let Some(previous) = open {
                html.push_str(previous.close());
                // A deletion right before an insertion (or the other way round): a
                // space keeps the two words apart, on screen, when copied and when
                // read without styles. See: issue 13, item 4.
                if mark.is_some() {
                    html.push(' ');
                }
            }
            if let Some(mark) = mark {
                html.push_str(mark.open());
            }
            open = mark;
        }
        escape_text(&mut html, change.value());
    }
    if let Some(last) = open {
        html.push_str(last.close());
    }
    html
}

/// The body of `source` as plain-text sections, each with its heading's id.
fn sections(source: &Source, theme_ids: Option<&HashSet<String>>) -> Vec<SectionText> {
    let body = source.body();
    let events: Vec<_> = Parser::new_ext(body, parser_options())
        .into_offset_iter()
        .collect();
    let mut ids = heading_ids(
        &events,
        Body {
            file: &source.file,
            offset: source.body_offset,
        },
        theme_ids,
    );
    let mut out = vec![SectionText {
        key: String::new(),
        heading: "Inledning".to_string(),
        level: 2,
        text: String::new(),
        id: None,
    }];
    let mut block = String::new();
    // The heading being read: its level, its text so far and its id.
    let mut heading: Option<(u8, String, Option<String>)> = None;
    let mut in_item = 0usize;
    for (event, range) in events {
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                end_block(&mut out, &mut block);
                heading = Some((level as u8, String::new(), ids.remove(&range.start)));
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((level, text, id)) = heading.take() {
                    let text = text.trim().to_string();
                    let key = match split_section_number(&text) {
                        (Some(number), _) => number,
                        (None, _) => slug_id(&text),
                    };
                    out.push(SectionText {
                        key,
                        heading: text,
                        level: level.max(2),
                        text: String::new(),
                        id,
                    });
                }
            }
            Event::Text(t) | Event::Code(t) => match &mut heading {
                Some((_, h, _)) => h.push_str(&t),
                None => block.push_str(&t),
            },
            Event::SoftBreak | Event::HardBreak => match &mut heading {
                Some((_, h, _)) => h.push(' '),
                None => block.push(' '),
            },
            Event::Start(Tag::Item) => {
                end_block(&mut out, &mut block);
                in_item += 1;
                block.push_str("• ");
            }
            Event::End(TagEnd::Item) => {
                in_item = in_item.saturating_sub(1);
                end_block(&mut out, &mut block);
            }
            Event::End(TagEnd::TableCell) => block.push_str(" | "),
            Event::End(
                TagEnd::Paragraph
                | TagEnd::TableRow
                | TagEnd::TableHead
                | TagEnd::CodeBlock
                | TagEnd::DefinitionListTitle
                | TagEnd::DefinitionListDefinition,
            ) if in_item == 0 || !matches!(event, Event::End(TagEnd::Paragraph)) => {
                end_block(&mut out, &mut block);
            }
            _ => {}
        }
    }
    end_block(&mut out, &mut block);
    if out[0].text.is_empty() {
        out.remove(0);
    }
    out
}

fn end_block(out: &mut [SectionText], block: &mut String) {
    let text = block.trim().trim_end_matches('|').trim_end();
    if !text.is_empty() {
        let section = out.last_mut().expect("there is always a section");
        if !section.text.is_empty() {
            section.text.push('\n');
        }
        section.text.push_str(text);
    }
    block.clear();
}

/// Changes to title, dates, parties and the Handlingsförteckning, as sentences.
fn metadata(old: &DocVersion, new: &DocVersion) -> Vec<String> {
    let mut out = Vec::new();
    let mut say = |text: String| {
        let mut html = String::new();
        escape_text(&mut html, &text);
        out.push(html);
    };
    if old.title != new.title {
        say(format!(
            "Titeln har ändrats från ”{}” till ”{}”.",
            old.title, new.title
        ));
    }
    if old.parties != new.parties {
        say(format!(
            "Parterna har ändrats från {} till {}.",
            list_or_none(&old.parties),
            list_or_none(&new.parties)
        ));
    }
    let ids = |v: &DocVersion| v.documents.iter().map(|d| d.id.clone()).collect::<Vec<_>>();
    let (before, after) = (ids(old), ids(new));
    if before != after {
        let added: Vec<String> = after
            .iter()
            .filter(|d| !before.contains(d))
            .cloned()
            .collect();
        let removed: Vec<String> = before
            .iter()
            .filter(|d| !after.contains(d))
            .cloned()
            .collect();
        if !added.is_empty() {
            say(format!(
                "Handlingsförteckningen har fått {}.",
                added.join(", ")
            ));
        }
        if !removed.is_empty() {
            say(format!(
                "{} har tagits bort ur handlingsförteckningen.",
                removed.join(", ")
            ));
        }
        if added.is_empty() && removed.is_empty() {
            say("Handlingarnas inbördes ordning har ändrats.".to_string());
        }
    }
    out
}

fn list_or_none(items: &[String]) -> String {
    if items.is_empty() {
        "inga angivna".to_string()
    } else {
        items.join(", ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::util::source::SourceFile;

    fn body(text: &str) -> Source {
        Source::new(
            SourceFile::markdown("agreements/a/1.0.md", text.to_string()),
            0,
        )
    }

    #[test]
    fn splits_bodies_into_plain_sections() {
        let s = sections(
            &body(
                "Inledande text.\n\n## 1 Parter\n\nA och *B*.\n\n- ett\n- två\n\n| a | b |\n|---|---|\n| 1 | 2 |\n",
            ),
            None,
        );
        assert_eq!(s[0].key, "");
        assert_eq!(s[0].text, "Inledande text.");
        assert_eq!(s[0].id, None);
        assert_eq!(s[1].key, "1");
        assert_eq!(s[1].text, "A och B.\n• ett\n• två\na | b\n1 | 2");
    }

    #[test]
    fn sections_know_the_ids_their_pages_give_them() {
        // Numbered, explicit, repeated, and a term anchor that a heading's slug would
        // otherwise take: the ids the page has.
        let s = sections(
            &body(
                "## 1 Parter\n\n## Bilaga {#bilaga-a}\n\n## Övrigt\n\n## Övrigt\n\n## Avtalet\n\n| Term/Begrepp | Definition |\n|---|---|\n| Avtalet | Detta avtal. |\n",
            ),
            None,
        );
        let ids: Vec<Option<&str>> = s.iter().map(|s| s.id.as_deref()).collect();
        assert_eq!(
            ids,
            [
                Some("punkt-1"),
                Some("bilaga-a"),
                Some("ovrigt"),
                Some("ovrigt-2"),
                Some("avtalet")
            ]
        );
        // The theme's own ids are kept clear of, as on the page.
        let theme: HashSet<String> = ["ovrigt".to_string()].into();
        let s = sections(&body("## Övrigt\n"), Some(&theme));
        assert_eq!(s[0].id.as_deref(), Some("ovrigt-2"));
    }

    #[test]
    fn added_and_removed_sections_are_marked_whole_and_linked() {
        let section = SectionText {
            key: "2".into(),
            heading: "2 Ny".into(),
            level: 2,
            text: "A & B".into(),
            id: Some("punkt-2".into()),
        };
        let added = whole(&section, SectionStatus::Added, "/avtal/a/2.0/");
        assert_eq!(
            added.diff,
            "<ins><span class=\"visually-hidden\">Tillagt: </span>A &amp; B</ins>"
        );
        assert_eq!(added.url, "/avtal/a/2.0/#punkt-2");
        let removed = whole(
            &SectionText {
                text: String::new(),
                ..section
            },
            SectionStatus::Removed,
            "/avtal/a/1.0/",
        );
        assert_eq!(
            removed.heading,
            "<del><span class=\"visually-hidden\">Borttaget: </span>2 Ny</del>"
        );
        assert_eq!(removed.diff, "", "no empty mark");
        assert_eq!(removed.url, "/avtal/a/1.0/#punkt-2");
    }

    #[test]
    fn lines_too_long_for_a_word_diff_are_removed_and_added() {
        let old = "ord ".repeat(MAX_WORD_DIFF / 2);
        let new = format!("{old}och mer");
        let html = diff_words(&old, &new);
        assert!(html.starts_with("<del>"), "{html}");
        assert!(html.contains("</del>\n<ins>"), "{html}");
        let short = diff_words("ord ord", "ord ord och mer");
        assert!(short.starts_with("ord ord"), "{short}");
    }

    #[test]
    fn word_diff_keeps_a_deletion_and_its_replacement_apart() {
        let html = diff_words("Avtalet gäller i sex år.", "Avtalet gäller i tolv år.");
        assert_eq!(
            html,
            "Avtalet gäller i <del><span class=\"visually-hidden\">Borttaget: </span>sex</del> <ins><span class=\"visually-hidden\">Tillagt: </span>tolv</ins> år."
        );
        // An insertion alone gets no extra space: without its marks it is the new text.
        let html = diff_words("Avtalet gäller i två år.", "Avtalet gäller i två hela år.");
        let hidden = "<span class=\"visually-hidden\">Tillagt: </span>";
        assert!(html.contains("<ins>"), "{html}");
        let plain = html
            .replace(hidden, "")
            .replace("<ins>", "")
            .replace("</ins>", "");
        assert_eq!(plain, "Avtalet gäller i två hela år.");
    }

    #[test]
    fn unchanged_runs_become_one_block() {
        let section = |status, heading: &str| SectionChange {
            heading: heading.into(),
            level: 2,
            status,
            diff: String::new(),
            url: String::new(),
        };
        use SectionStatus::*;
        let all = [
            section(Unchanged, "1"),
            section(Unchanged, "2"),
            section(Changed, "3"),
            section(Unchanged, "4"),
            section(Removed, "5"),
            section(Added, "6"),
            section(Unchanged, "7"),
            section(Unchanged, "8"),
            section(Unchanged, "9"),
        ];
        let shape: Vec<(Option<String>, Vec<String>)> = blocks(&all)
            .into_iter()
            .map(|b| {
                (
                    b.section.map(|s| s.heading),
                    b.unchanged.into_iter().map(|s| s.heading).collect(),
                )
            })
            .collect();
        let run = |headings: &[&str]| (None, headings.iter().map(|h| h.to_string()).collect());
        let one = |heading: &str| (Some(heading.to_string()), Vec::new());
        assert_eq!(
            shape,
            [
                run(&["1", "2"]),
                one("3"),
                run(&["4"]),
                one("5"),
                one("6"),
                run(&["7", "8", "9"]),
            ]
        );
    }
}
