//! Links made from running text that must not mislead (issue 13, point 5): document
//! titles link where they are written as the title, not where a sentence starts with
//! the same ordinary word; a term is not linked inside its own definition; a term of
//! several words is found with each word inflected. The fixture is
//! `tests/fixtures/mentions/running-text`.

mod common;

use common::{PortalTest, attribute, element, elements, start_tag, text};

fn built() -> PortalTest {
    let t = PortalTest::from_fixture("mentions/running-text");
    t.build();
    t
}

/// The links of `class` in `html`: (link text, href), in order.
fn links_of(html: &str, class: &str) -> Vec<(String, String)> {
    elements(html, "a")
        .into_iter()
        .filter(|a| attribute(start_tag(a), "class") == Some(class))
        .map(|a| {
            let href = attribute(start_tag(a), "href").unwrap_or_default();
            (text(a), href.to_string())
        })
        .collect()
}

/// Each paragraph and list item of `html`, as text, with the texts of its `class` links.
fn linked_per_block(html: &str, class: &str) -> Vec<(String, Vec<String>)> {
    elements(html, "p")
        .into_iter()
        .chain(elements(html, "li"))
        .map(|block| {
            let linked = links_of(block, class).into_iter().map(|(t, _)| t).collect();
            (text(block), linked)
        })
        .collect()
}

fn linked_in<'a>(blocks: &'a [(String, Vec<String>)], block: &str) -> &'a [String] {
    &blocks
        .iter()
        .find(|(t, _)| t == block)
        .unwrap_or_else(|| panic!("no block `{block}` in {blocks:#?}"))
        .1
}

#[test]
fn titles_link_where_written_as_titles_not_where_a_sentence_starts_with_them() {
    let t = built();
    let main = t.main("index.html");
    let blocks = linked_per_block(&main, "doc-ref");
    let cases: &[(&str, &[&str])] = &[
        // The case readers met: an ordinary word that starts a sentence.
        ("Definitioner av begreppen finns i avtalen.", &[]),
        (
            "Läs avtalen först. Definitioner av begreppen kommer sedan. (Allmänna villkor gäller alltid.)",
            &[],
        ),
        ("Allmänna villkor gäller för alla.", &[]),
        // Within a sentence the capital says it is the title.
        (
            "Begreppen förklaras i Definitioner, inte i Allmänna villkor.",
            &["Definitioner", "Allmänna villkor"],
        ),
        (
            "Se t.ex. Allmänna villkor och enligt 4 kap. Definitioner.",
            &["Allmänna villkor", "Definitioner"],
        ),
        // Case and whole words.
        (
            "Ord med liten bokstav länkas inte: definitioner, allmänna villkor. Inte heller Definitionerna.",
            &[],
        ),
        // A title that stands apart from the sentence names the document.
        ("Definitioner", &["Definitioner"]),
        ("Allmänna villkor (bilaga 2)", &["Allmänna villkor"]),
        (
            "Definitioner, Allmänna villkor och Driftsavtalet hör ihop.",
            &["Definitioner", "Allmänna villkor", "Driftsavtalet"],
        ),
        // Emphasis: the title alone in its run of text, a sentence in another.
        (
            "Läs Definitioner först. Allmänna villkor gäller.",
            &["Definitioner"],
        ),
        // After emphasis or code, a run goes on the sentence before it: the title stands
        // within a sentence, unless the emphasis ended one.
        (
            "Se bilagan Definitioner av begreppen, och koden Allmänna villkor för resten.",
            &["Definitioner", "Allmänna villkor"],
        ),
        (
            "Det står i bilagan. Definitioner av begreppen följer där.",
            &[],
        ),
        // A title that is no ordinary word names the document anywhere.
        ("Driftsavtalet gäller från i år.", &["Driftsavtalet"]),
        (
            "SSBTEK – Driftsavtal gäller från i år. SSBTEK - Driftsavtal också.",
            &["SSBTEK – Driftsavtal", "SSBTEK - Driftsavtal"],
        ),
        // Code and links are left as written.
        ("Inte i Definitioner och inte i Definitioner.", &[]),
    ];
    for (block, expected) in cases {
        assert_eq!(linked_in(&blocks, block), *expected, "{block}");
    }
    assert_eq!(
        links_of(&main, "doc-ref")
            .iter()
            .find(|(t, _)| t == "Driftsavtalet"),
        Some(&(
            "Driftsavtalet".to_string(),
            "/avtal/driftsavtal/".to_string()
        ))
    );
    // No heading holds a link.
    assert_eq!(text(element(&main, "id", "definitioner")), "Definitioner");
    assert!(!element(&main, "id", "definitioner").contains("<a "));
}

#[test]
fn a_term_is_not_linked_inside_its_own_definition() {
    let t = built();
    let main = t.main("avtal/definitioner/index.html");
    let rows: Vec<(String, Vec<String>)> = elements(&main, "tr")
        .into_iter()
        .map(|row| {
            let linked = links_of(row, "term").into_iter().map(|(t, _)| t).collect();
            (text(row), linked)
        })
        .collect();
    let row = |term: &str| -> &[String] {
        &rows
            .iter()
            .find(|(t, _)| t.starts_with(&format!("{term} ")))
            .unwrap_or_else(|| panic!("no row {term}: {rows:#?}"))
            .1
    };
    // "Socialnämnds" in the definition of Socialnämnd, "Kommuns tjänsteleverantör" in
    // its own: not linked. Other terms are.
    assert_eq!(row("Socialnämnd"), ["Kommun"]);
    assert_eq!(row("Kommuns tjänsteleverantör"), [] as [&str; 0]);
    // The first use outside its definition is the one linked in the section.
    assert_eq!(row("Aktörsid"), ["Socialnämnd"]);

    // Definition lists: the definitions after a term's title are its definition.
    let part = element(&main, "id", "begrepp-part");
    assert_eq!(text(part), "Part");
    let definitions = elements(&main, "dd");
    let own = definitions
        .iter()
        .find(|d| text(d).starts_with("Den som har ingått avtalet"))
        .expect("the definition of Part");
    assert!(links_of(own, "term").is_empty(), "{own}");
    let other = definitions
        .iter()
        .find(|d| text(d).starts_with("En del av tjänsten"))
        .expect("the definition of Komponent");
    assert_eq!(
        links_of(other, "term"),
        [("Part".to_string(), "#begrepp-part".to_string())]
    );
    // A term linked nowhere has no hidden description.
    assert!(!main.contains("id=\"termdef-kommuns-tjansteleverantor\""));
}

#[test]
fn each_word_of_a_term_may_be_inflected() {
    let t = built();
    let main = t.main("avtal/driftsavtal/index.html");
    let section = |heading: &str| -> String {
        let id = main.find(&format!("<h2 id=\"{heading}\"")).expect(heading);
        let rest = &main[id..];
        let end = rest[1..].find("<h2").map_or(rest.len(), |e| e + 1);
        rest[..end].to_string()
    };
    assert_eq!(
        links_of(&section("punkt-1"), "term"),
        [
            (
                "Kommunernas tjänsteleverantörer".to_string(),
                "/avtal/definitioner/#begrepp-kommuns-tjansteleverantor".to_string()
            ),
            (
                "Socialnämndens".to_string(),
                "/avtal/definitioner/#begrepp-socialnamnd".to_string()
            ),
        ]
    );
    // Not in a heading, code or a link, nor the start of a longer word.
    let second = section("punkt-2");
    assert_eq!(
        links_of(&second, "term"),
        [(
            "Socialnämnder".to_string(),
            "/avtal/definitioner/#begrepp-socialnamnd".to_string()
        )]
    );
    assert!(!element(&second, "id", "punkt-2").contains("<a "));
    // The document does not link to itself by its alias.
    assert!(links_of(&main, "doc-ref").is_empty(), "{main}");
}
