//! Tests of the Markdown writer: ids, sections, links, tables, footnotes, raw HTML.

use super::sections::split_section_number;
use super::*;

struct Echo;
impl Resolve for Echo {
    fn resolve(&self, dest: &str, _kind: LinkKind) -> Resolution {
        let href = if dest.starts_with("https:") {
            dest.to_string()
        } else {
            format!("/resolved/{dest}")
        };
        Resolution {
            href,
            target: LinkTarget::External,
        }
    }
}

fn md(text: &str, options: MarkdownOptions<'_>) -> Rendered {
    let file = SourceFile::new("x.md", text.to_string());
    render(
        Body {
            file: &file,
            offset: 0,
        },
        options,
        &Echo,
    )
}

fn agreement() -> MarkdownOptions<'static> {
    MarkdownOptions {
        agreement: true,
        ..MarkdownOptions::default()
    }
}

#[test]
fn numbered_headings_get_punkt_ids() {
    let r = md(
        "## 5 Åtaganden\n\n### 5.3 Applikationsförvaltning\n",
        agreement(),
    );
    assert!(
        r.html.contains("<h2 id=\"punkt-5\">5 Åtaganden</h2>"),
        "{}",
        r.html
    );
    assert!(r.html.contains("<h3 id=\"punkt-5.3\">"));
    assert_eq!(r.headings[1].number.as_deref(), Some("5.3"));
    assert_eq!(r.headings[1].title, "Applikationsförvaltning");
}

#[test]
fn plain_headings_get_slugs_and_explicit_ids_win() {
    let r = md(
        "## Steg 2: Fatta beslut\n\n## Steg 2: Fatta beslut\n\n## Annat {#steg-2-fatta-beslut-2}\n",
        MarkdownOptions::default(),
    );
    let ids: Vec<_> = r.headings.iter().map(|h| h.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "steg-2-fatta-beslut",
            "steg-2-fatta-beslut-3",
            "steg-2-fatta-beslut-2"
        ]
    );
}

#[test]
fn headings_in_footnotes_and_quotes_get_their_own_ids() {
    let r = md(
        "Text[^1]\n\n[^1]: ## Fotnotsrubrik\n\n## Andra steget\n\n> ## Citat\n\n## Main\n",
        MarkdownOptions::default(),
    );
    for h in [
        "<h2 id=\"andra-steget\">Andra steget</h2>",
        "<h2 id=\"citat\">Citat</h2>",
        "<h2 id=\"main\">Main</h2>",
        "<h2 id=\"fotnotsrubrik\">Fotnotsrubrik</h2>",
    ] {
        assert!(r.html.contains(h), "{h} in {}", r.html);
    }
    let headings: Vec<_> = r
        .headings
        .iter()
        .map(|h| (h.id.as_str(), h.text.as_str()))
        .collect();
    assert_eq!(
        headings,
        [
            ("fotnotsrubrik", "Fotnotsrubrik"),
            ("andra-steget", "Andra steget"),
            ("citat", "Citat"),
            ("main", "Main")
        ]
    );
}

#[test]
fn id_and_class_attributes_make_one_id_and_one_class() {
    let r = md(
        "## Första steget {id=forsta class=x}\n\n## Andra {#a .b id=c class=d lang=sv}\n\n## Tredje {ID=}\n",
        MarkdownOptions::default(),
    );
    assert!(
        r.html
            .contains("<h2 id=\"forsta\" class=\"x\">Första steget</h2>"),
        "{}",
        r.html
    );
    assert!(
        r.html
            .contains("<h2 id=\"a\" class=\"b d\" lang=\"sv\">Andra</h2>"),
        "{}",
        r.html
    );
    assert!(
        r.html.contains("<h2 id=\"tredje\">Tredje</h2>"),
        "{}",
        r.html
    );
    // An `id=` id is explicit: generated ids keep clear of it, and giving it twice
    // is an error.
    let r = md(
        "## Steg {id=steg-2}\n\n## Steg\n\n## Steg\n\n## Igen {#steg-2}\n",
        MarkdownOptions::default(),
    );
    let ids: Vec<_> = r.headings.iter().map(|h| h.id.as_str()).collect();
    assert_eq!(ids, ["steg-2", "steg", "steg-3", "steg-2"]);
    assert_eq!(r.diagnostics.len(), 1, "{:?}", r.diagnostics);
    assert_eq!(r.diagnostics[0].code, "E0307");
    assert_eq!(r.diagnostics[0].location.as_ref().unwrap().line, 7);
}

#[test]
fn the_same_heading_gets_numbered_ids_past_the_taken_ones() {
    // See: issue 10, item 5 (each id is found once, not by counting from 2).
    let r = md(
        "## X\n\n## X\n\n## X\n\n## Egen {#x-4}\n\n## X\n\n## X 2\n\n## X\n",
        MarkdownOptions::default(),
    );
    let ids: Vec<_> = r.headings.iter().map(|h| h.id.as_str()).collect();
    assert_eq!(ids, ["x", "x-2", "x-3", "x-4", "x-5", "x-2-2", "x-6"]);
    assert!(r.diagnostics.is_empty(), "{:?}", r.diagnostics);
    let theme: HashSet<String> = ["x".to_string(), "x-2".to_string()].into();
    let r = md(
        "## X\n\n## X\n",
        MarkdownOptions {
            theme_ids: Some(&theme),
            ..MarkdownOptions::default()
        },
    );
    let ids: Vec<_> = r.headings.iter().map(|h| h.id.as_str()).collect();
    assert_eq!(ids, ["x-3", "x-4"]);
}

#[test]
fn generated_heading_ids_keep_clear_of_footnote_ids() {
    // See: issue 10, item 9.
    let r = md(
        "## Fn 1\n\nText[^a] och[^a], se[^b].\n\n## Fnref 1 2\n\n## Fn 3\n\n[^a]: Not.\n[^b]: Två.\n[^c]: Oanvänd.\n",
        MarkdownOptions::default(),
    );
    assert!(r.diagnostics.is_empty(), "{:?}", r.diagnostics);
    let ids: Vec<_> = r.headings.iter().map(|h| h.id.as_str()).collect();
    assert_eq!(ids, ["fn-1-2", "fnref-1-2-2", "fn-3-2"]);
    let page_ids = crate::util::html::PageIds::collect(r.html.as_bytes());
    assert_eq!(
        page_ids.duplicates().count(),
        0,
        "an id twice in {}",
        r.html
    );
    for id in ["fn-1", "fnref-1", "fnref-1-2", "fn-2", "fnref-2", "fn-3"] {
        assert!(page_ids.contains(id), "{id} in {}", r.html);
    }
}

#[test]
fn an_explicit_heading_id_of_a_footnote_is_an_error_naming_it() {
    let r = md(
        "Text[^not].\n\n## Noter {#fn-1}\n\n## Tillbaka {#fnref-1}\n\n[^not]: Not.\n",
        MarkdownOptions::default(),
    );
    let messages: Vec<_> = r
        .diagnostics
        .iter()
        .map(|d| (d.code, d.location.as_ref().unwrap().line, &*d.message))
        .collect();
    assert_eq!(
        messages,
        [
            (
                "E0307",
                3,
                "the heading id `fn-1` is also the id of footnote `[^not]`"
            ),
            (
                "E0307",
                5,
                "the heading id `fnref-1` is also the id of a reference to footnote `[^not]`"
            )
        ]
    );
    // Without footnotes the id is free.
    let r = md("## Noter {#fn-1}\n", MarkdownOptions::default());
    assert!(r.diagnostics.is_empty(), "{:?}", r.diagnostics);
}

#[test]
fn duplicate_section_numbers_are_errors() {
    let r = md("## 1 A\n\n## 1 B\n", agreement());
    assert_eq!(r.diagnostics.len(), 1);
    assert_eq!(r.diagnostics[0].code, "E0304");
    assert_eq!(r.diagnostics[0].location.as_ref().unwrap().line, 3);
}

#[test]
fn section_numbers_are_compared_not_ids() {
    // The same number twice is a duplicate, explicit ids or not.
    let r = md(
        "## 1 Parter {#parter}\n\n## 1 Parter igen {#parter2}\n",
        agreement(),
    );
    assert_eq!(r.diagnostics.len(), 1, "{:?}", r.diagnostics);
    assert_eq!(r.diagnostics[0].code, "E0304");
    assert_eq!(r.diagnostics[0].message, "section number `1` is used twice");
    assert_eq!(r.diagnostics[0].location.as_ref().unwrap().line, 3);
    // An explicit `punkt-2` on an unnumbered heading uses no number.
    let r = md("## Bilaga {#punkt-2}\n\n## 2 Två\n", agreement());
    assert!(r.diagnostics.is_empty(), "{:?}", r.diagnostics);
    let ids: Vec<_> = r.headings.iter().map(|h| h.id.as_str()).collect();
    assert_eq!(ids, ["punkt-2", "punkt-2-2"]);
}

#[test]
fn term_anchors_are_written_for_the_terms_defined_only() {
    // The same body as render/terms' test that the terms read are the anchors written.
    let body = "| Term | Definition |\n|---|---|\n| | Tom rad. |\n| Avtalet | Detta avtal. |\n| / | Bara snedstreck. |\n\nKomponent\n: En del.\n\n`/`\n: Inget.\n\n> | Begrepp | Definition |\n> |---|---|\n> | Part | Var och en. |\n";
    let r = md(body, agreement());
    let mut ids: Vec<String> = crate::util::html::PageIds::collect(r.html.as_bytes())
        .iter()
        .filter(|id| id.starts_with("begrepp"))
        .map(String::from)
        .collect();
    ids.sort();
    assert_eq!(
        ids,
        ["begrepp-avtalet", "begrepp-komponent", "begrepp-part"],
        "{}",
        r.html
    );
    // Rows and titles without a term are still written, without an anchor.
    assert!(r.html.contains("<tr><th scope=\"row\"></th>"), "{}", r.html);
    assert!(r.html.contains("<dt><code>/</code></dt>"), "{}", r.html);
}

#[test]
fn raw_html_is_escaped_by_default() {
    let r = md(
        "Hej <script>alert(1)</script>\n\n<div>x</div>\n",
        MarkdownOptions::default(),
    );
    assert!(!r.html.contains("<script>"), "{}", r.html);
    assert!(r.html.contains("&lt;script&gt;"));
    assert!(!r.html.contains("<div>x"));
    let allowed = md(
        "<div>x</div>\n",
        MarkdownOptions {
            raw_html: true,
            agreement: false,
            ..MarkdownOptions::default()
        },
    );
    assert!(allowed.html.contains("<div>x</div>"));
}

#[test]
fn links_are_resolved_and_recorded_with_offsets() {
    let r = md(
        "Se [kommun](kommun.md#steg-2) och <https://example.se>.\n",
        MarkdownOptions::default(),
    );
    assert!(
        r.html.contains("href=\"/resolved/kommun.md#steg-2\""),
        "{}",
        r.html
    );
    assert_eq!(r.links[0].offset, 3);
    assert_eq!(r.links[0].dest, "kommun.md#steg-2");
    assert!(r.html.contains("class=\"external\""));
}

/// Passes every destination through, to show the writer's own check.
struct Trusting;
impl Resolve for Trusting {
    fn resolve(&self, dest: &str, _kind: LinkKind) -> Resolution {
        Resolution {
            href: dest.to_string(),
            target: LinkTarget::External,
        }
    }
}

#[test]
fn the_writer_never_writes_a_refused_scheme_whatever_the_resolver_says() {
    let file = SourceFile::new(
        "x.md",
        "[a](javascript:alert(1)) [b](JAVA&#x09;SCRIPT:x) <vbscript:x> [c](https://ok.se) [d](/ok/)\n\n![e](data:image/png,x)\n".to_string(),
    );
    let body = Body {
        file: &file,
        offset: 0,
    };
    let r = render(body, MarkdownOptions::default(), &Trusting);
    let html = r.html.as_bytes();
    let urls: Vec<&str> = crate::util::html::attribute_values(html, b" href=\"")
        .chain(crate::util::html::attribute_values(html, b" src=\""))
        .collect();
    assert_eq!(urls, ["https://ok.se", "/ok/", ""], "{}", r.html);
    for kept in [
        "<a>a</a>",
        "<a>b</a>",
        "<a>vbscript:x</a>",
        "<a href=\"https://ok.se\" class=\"external\">c</a>",
        "<a href=\"/ok/\">d</a>",
        "<img src=\"\" alt=\"e\" />",
    ] {
        assert!(r.html.contains(kept), "{kept} in {}", r.html);
    }
    assert_eq!(
        r.links.len(),
        6,
        "every link is still recorded for the checks"
    );
}

#[test]
fn tables_have_header_scope_and_alignment_classes() {
    let r = md(
        "| A | B |\n|---|--:|\n| 1 | 2 |\n",
        MarkdownOptions::default(),
    );
    assert!(r.html.contains("<th scope=\"col\">A</th>"), "{}", r.html);
    assert!(r.html.contains("<td class=\"align-right\">2</td>"));
    assert!(!r.html.contains("style="));
}

#[test]
fn footnotes_are_numbered_and_collected_at_the_end() {
    let r = md(
        "Text[^b] och[^a].\n\n[^a]: Första.\n[^b]: Andra.\n",
        MarkdownOptions::default(),
    );
    let b = r.html.find("<li id=\"fn-1\"><p>Andra.").unwrap();
    let a = r.html.find("<li id=\"fn-2\"><p>Första.").unwrap();
    assert!(b < a, "numbered by first reference: {}", r.html);
    assert!(
        r.html
            .contains("href=\"#fn-1\" id=\"fnref-1\" aria-label=\"Fotnot 1\">1</a>")
    );
}

#[test]
fn footnote_labels_with_the_same_slug_stay_apart() {
    let r = md(
        "Ett[^†], två[^‡], tre[^ö], fyra[^o] och fem[^Ö].\n\n[^†]: Första.\n[^‡]: Andra.\n[^ö]: Tredje.\n[^o]: Fjärde.\n[^x]: Oanvänd.\n",
        MarkdownOptions::default(),
    );
    for (number, text) in [
        (1, "Första."),
        (2, "Andra."),
        (3, "Tredje."),
        (4, "Fjärde."),
        (5, "Oanvänd."),
    ] {
        let item = format!("<li id=\"fn-{number}\"><p>{text}</p>");
        assert!(r.html.contains(&item), "{item} in {}", r.html);
    }
    // Labels ignore case: `[^Ö]` is a second reference to `[^ö]`.
    assert!(
        r.html
            .contains("href=\"#fn-3\" id=\"fnref-3-2\" aria-label=\"Fotnot 3\">3</a>"),
        "{}",
        r.html
    );
    assert!(
        r.html
            .contains("<a href=\"#fnref-4\" class=\"footnote-back\"")
    );
    assert!(
        !r.html.contains("href=\"#fnref-5\""),
        "no back link to no reference"
    );
}

#[test]
fn search_text_separates_a_heading_from_what_follows() {
    let r = md(
        "## 2 Ansvar\n### 2.1 Drift\n```\nkod\n```\n",
        MarkdownOptions::default(),
    );
    let words: Vec<_> = r.text.split_whitespace().collect();
    assert_eq!(words, ["2", "Ansvar", "2.1", "Drift", "kod"]);
}

#[test]
fn h1_in_body_is_a_warning() {
    let r = md("# Titel\n", MarkdownOptions::default());
    assert_eq!(r.diagnostics[0].code, "W0101");
}

#[test]
fn section_number_split() {
    assert_eq!(
        split_section_number("5.2.1 Vid uppsägning"),
        (Some("5.2.1".into()), "Vid uppsägning".into())
    );
    assert_eq!(
        split_section_number("5.3. Titel"),
        (Some("5.3".into()), "Titel".into())
    );
    assert_eq!(
        split_section_number("2021 års plan"),
        (Some("2021".into()), "års plan".into())
    );
    assert_eq!(split_section_number("Bilaga"), (None, "Bilaga".into()));
    assert_eq!(split_section_number("5a Titel"), (None, "5a Titel".into()));
}
