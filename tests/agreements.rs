//! Agreement intelligence (SPEC §4.2, §5, §6): the hierarchy and its checks, section
//! references, document mentions, defined terms, the change view and the manifest. The
//! default theme's markup itself is pinned by the snapshots of `tests/markup.rs`.

mod common;

use common::{PortalTest, attribute, element, elements, has_link, start_tag, text};

fn hierarchy() -> PortalTest {
    PortalTest::from_fixture("hierarchy")
}

fn agreement(version: &str, documents: &[&str], body: &str) -> String {
    let list: String = documents.iter().map(|d| format!("  - {d}\n")).collect();
    format!(
        "---\ntitle: SSBTEK – Huvudavtal\nversion: \"{version}\"\ndate: 2021-07-01\nauthor: F\ndocuments:\n{list}---\n{body}"
    )
}

#[test]
fn agreements_page_shows_each_root_with_its_documents_in_order() {
    let t = hierarchy();
    t.build();
    let main = t.main("avtal/index.html");
    let section = element(&main, "aria-labelledby", "avtal-huvudavtal");
    assert_eq!(
        text(element(section, "id", "avtal-huvudavtal")),
        "SSBTEK – Huvudavtal"
    );
    // In precedence order, each with its current version and date, and where a document
    // is shared.
    let listed: Vec<String> = elements(section, "li").into_iter().map(text).collect();
    assert_eq!(
        listed,
        [
            "SSBTEK – Huvudavtal version 1.0, 2021-07-01",
            "Definitioner version 1.0, 2021-07-01 Ingår även i SSBTEK – Anslutningsavtal",
            "Allmänna villkor version 2.0, 2023-05-01 Ingår även i SSBTEK – Anslutningsavtal",
            "Reglering av ansvar version 1.0, 2021-07-01",
        ]
    );
    assert!(has_link(
        section,
        "/avtal/anslutning/",
        "SSBTEK – Anslutningsavtal"
    ));
    assert_eq!(
        text(element(&main, "id", "avtal-anslutning")),
        "SSBTEK – Anslutningsavtal",
        "both roots"
    );
}

#[test]
fn document_pages_say_where_they_belong() {
    let t = hierarchy();
    t.build();
    let main = t.main("avtal/villkor/index.html");
    let said = text(&main);
    assert!(
        said.contains("Ingår i SSBTEK – Huvudavtal som handling 3 av 4."),
        "{said}"
    );
    assert!(
        said.contains("Ingår i SSBTEK – Anslutningsavtal som handling 3 av 3."),
        "{said}"
    );
    assert!(has_link(&main, "/avtal/huvudavtal/", "SSBTEK – Huvudavtal"));
    assert!(has_link(
        &main,
        "/avtal/anslutning/",
        "SSBTEK – Anslutningsavtal"
    ));
    assert_eq!(
        main.matches("class=\"precedence-rule\"").count(),
        1,
        "the rule is stated once"
    );
    let agreement = t.main("avtal/huvudavtal/index.html");
    assert!(has_link(
        &agreement,
        "/avtal/ansvar/",
        "Reglering av ansvar"
    ));
}

#[test]
fn unknown_listed_document_suggests_the_near_one() {
    let t = hierarchy();
    t.file(
        "agreements/huvudavtal/1.0.md",
        &agreement("1.0", &["huvudavtal", "definitoner", "villkor"], "Text.\n"),
    );
    t.run(&["check"])
        .assert_code(1)
        .assert_stderr("agreements/huvudavtal/1.0.md:8:5: error[E0401]: the Handlingsförteckning lists `definitoner`, which does not exist\n  = hint: did you mean `definitioner`?");
}

#[test]
fn listed_document_without_a_version_in_force_is_explained() {
    let t = hierarchy();
    t.file("agreements/ansvar/1.0.md", "---\ntitle: Reglering av ansvar\nversion: \"1.0\"\ndate: 2021-07-01\nauthor: F\ndraft: true\n---\nText.\n");
    t.file("agreements/ansvar/1.1.md", "---\ntitle: Reglering av ansvar\nversion: \"1.1\"\ndate: 2026-10-01\nvalid_from: 2027-03-01\nauthor: F\n---\nText.\n");
    t.run(&["check"])
        .assert_code(1)
        .assert_stderr("agreements/huvudavtal/1.0.md:10:5: error[E0402]: `ansvar` is listed but has no version in force on 2026-11-26\n  = note: versions of `ansvar`: 1.0 is a draft; 1.1 applies from 2027-03-01");
}

#[test]
fn a_cycle_is_named_in_full() {
    let t = hierarchy();
    t.file(
        "agreements/ansvar/1.0.md",
        "---\ntitle: Reglering av ansvar\nversion: \"1.0\"\ndate: 2021-07-01\nauthor: F\ndocuments:\n  - ansvar\n  - huvudavtal\n---\nText.\n",
    );
    t.run(&["check"])
        .assert_code(1)
        .assert_stderr("agreements/huvudavtal/1.0.md:10:5: error[E0403]: the document hierarchy has a cycle: ansvar → huvudavtal → ansvar");
}

#[test]
fn a_document_listed_twice_is_an_error() {
    let t = hierarchy();
    t.file(
        "agreements/huvudavtal/1.0.md",
        &agreement(
            "1.0",
            &["huvudavtal", "villkor", "definitioner", "villkor"],
            "Text.\n",
        ),
    );
    t.run(&["check"])
        .assert_code(1)
        .assert_stderr("agreements/huvudavtal/1.0.md:10:5: error[E0404]: `villkor` is listed twice in the Handlingsförteckning\n  = note: first listed at line 8");
}

#[test]
fn a_document_in_no_agreement_is_a_warning() {
    let t = hierarchy();
    t.file(
        "agreements/bilaga/1.0.md",
        "---\ntitle: Bilaga\nversion: \"1.0\"\ndate: 2021-07-01\nauthor: F\n---\nText.\n",
    );
    t.run(&["build"]).assert_code(0).assert_stderr(
        "agreements/bilaga/1.0.md: warning[W0401]: `bilaga` belongs to no agreement",
    );
}

#[test]
fn a_theme_without_back_links_fails_the_build_naming_the_template() {
    let t = hierarchy();
    t.file(
        "portal.yaml",
        "title: Hierarkiportal\nbase_url: https://example.se/\ntheme: utan-lankar\n",
    );
    // A document template that shows the text but neither the list of documents nor
    // where the document belongs.
    t.file(
        "themes/utan-lankar/templates/document.html",
        "{% extends \"base.html\" %}{% block main %}<h1>{{ page.title }}</h1>{{ page.content | safe }}{% endblock main %}",
    );
    let run = t.run(&["build"]);
    run.assert_code(1)
        .assert_stderr("themes/utan-lankar/templates/document.html: error[E0405]: the page of agreement `anslutning` does not link to its document `definitioner` (handling 2)\n  = note: rendered page: /avtal/anslutning/")
        .assert_stderr("themes/utan-lankar/templates/document.html: error[E0406]: the page of `ansvar` does not link back to agreement `huvudavtal`, which lists it");
    assert!(!t.out().exists(), "nothing published");
}

#[test]
fn links_in_the_text_do_not_stand_in_for_the_handlingsforteckning() {
    let t = hierarchy();
    t.file(
        "agreements/anslutning/1.0.md",
        "---\ntitle: SSBTEK – Anslutningsavtal\nversion: \"1.0\"\ndate: 2022-01-01\nauthor: Förvaltningen\ndocuments:\n  - anslutning\n  - definitioner\n  - villkor\n---\n## 1 Anslutning\n\nBegreppen står i Definitioner, se [villkoren](avtal:villkor).\n",
    );
    t.build();
    let main = t.main("avtal/anslutning/index.html");
    assert!(
        main.contains("href=\"/avtal/definitioner/\" class=\"doc-ref\""),
        "{main}"
    );

    t.file(
        "portal.yaml",
        "title: Hierarkiportal\nbase_url: https://example.se/\ntheme: utan-lankar\n",
    );
    t.file(
        "themes/utan-lankar/templates/document.html",
        "{% extends \"base.html\" %}{% block main %}<h1>{{ page.title }}</h1>{{ page.content | safe }}{% endblock main %}",
    );
    t.run(&["build"])
        .assert_code(1)
        .assert_stderr("error[E0405]: the page of agreement `anslutning` does not link to its document `definitioner` (handling 2)")
        .assert_stderr("error[E0405]: the page of agreement `anslutning` does not link to its document `villkor` (handling 3)");
}

#[test]
fn section_references_link_and_stale_ones_fail() {
    let t = hierarchy();
    t.build();
    let main = t.main("avtal/huvudavtal/index.html");
    assert!(
        main.contains("enligt punkten <a href=\"#punkt-3.2\" class=\"section-ref\">3.2</a>"),
        "{main}"
    );
    assert!(main.contains("punkterna <a href=\"#punkt-3.1\" class=\"section-ref\">3.1</a> och <a href=\"#punkt-3.2\" class=\"section-ref\">3.2</a>"));
    assert!(
        main.contains("framgår av punkten <a href=\"#punkt-3.1\" class=\"section-ref\">3.1</a>"),
        "across a line break"
    );

    t.file(
        "agreements/ansvar/1.0.md",
        "---\ntitle: Reglering av ansvar\nversion: \"1.0\"\ndate: 2021-07-01\nauthor: F\n---\n## 1 Skadestånd\n\n## 2 Servicenivåer\n\n## 3 Former för samverkan\n\nSe punkten 4 och\npunkten 2 Former för samverkan. Men [punkten 9](#punkt-1) och `punkten 9` lämnas.\n",
    );
    t.run(&["check"])
        .assert_code(1)
        .assert_stderr("agreements/ansvar/1.0.md:13:12: error[E0305]: `punkten 4` refers to section 4, which this document does not have\n  = hint: sections at that level: 1, 2, 3")
        .assert_stderr("agreements/ansvar/1.0.md:14:9: error[E0306]: `punkten 2 Former för samverkan`: 2 is `Servicenivåer`; the title belongs to 3\n  = hint: write `punkten 3` or correct the title")
        .assert_stderr_count("error[E030", 2);
}

#[test]
fn mentions_link_with_hyphen_or_en_dash_across_lines() {
    let t = hierarchy();
    t.build();
    let start = t.main("index.html");
    assert!(
        start.contains("<a href=\"/avtal/huvudavtal/\" class=\"doc-ref\">SSBTEK - Huvudavtal</a>"),
        "{start}"
    );
    // The title is broken over two lines in the source; the link text keeps a space.
    assert!(start.contains("<a href=\"/avtal/villkor/\" class=\"doc-ref\">Allmänna villkor</a>"));
    let doc = t.main("avtal/huvudavtal/index.html");
    assert!(doc.contains("<a href=\"/avtal/ansvar/\" class=\"doc-ref\">Reglering av ansvar</a>"));
    // A document does not link to itself.
    assert!(
        !doc.contains("class=\"doc-ref\">SSBTEK – Huvudavtal"),
        "{doc}"
    );
}

#[test]
fn longest_mention_wins() {
    let t = hierarchy();
    t.file("agreements/villkor-sarskilda/1.0.md", "---\ntitle: Allmänna villkor för test\nversion: \"1.0\"\ndate: 2021-07-01\nauthor: F\n---\nText.\n");
    t.file("agreements/anslutning/1.0.md", "---\ntitle: SSBTEK – Anslutningsavtal\nversion: \"1.0\"\ndate: 2022-01-01\nauthor: F\ndocuments: [anslutning, definitioner, villkor, villkor-sarskilda]\n---\nSe Allmänna villkor för test och Allmänna villkor.\n");
    t.build();
    let doc = t.main("avtal/anslutning/index.html");
    assert!(doc.contains("<a href=\"/avtal/villkor-sarskilda/\" class=\"doc-ref\">Allmänna villkor för test</a> och <a href=\"/avtal/villkor/\" class=\"doc-ref\">Allmänna villkor</a>"), "{doc}");
}

#[test]
fn defined_terms_link_in_inflected_forms_with_a_description() {
    let t = hierarchy();
    t.build();
    let doc = t.main("avtal/huvudavtal/index.html");
    for (form, anchor) in [
        (
            "Informationsportalen",
            "/avtal/definitioner/#begrepp-informationsportal",
        ),
        ("Komponenterna", "/avtal/definitioner/#begrepp-komponenter"),
        ("Uppdragets", "/avtal/definitioner/#begrepp-uppdraget"),
        ("Socialnämnds", "/avtal/definitioner/#begrepp-socialnamnd"),
        ("Parterna", "/avtal/definitioner/#begrepp-part"),
        (
            "Kommuns tjänsteleverantör",
            "/avtal/definitioner/#begrepp-kommuns-tjansteleverantor",
        ),
    ] {
        let link = format!("<a href=\"{anchor}\" class=\"term\" aria-describedby=\"termdef-");
        let at = doc.find(&link).unwrap_or_else(|| panic!("{form}: {doc}"));
        assert!(
            doc[at..].split("</a>").next().unwrap().ends_with(form),
            "{form}"
        );
    }
    // The definition is the link's accessible description.
    assert_eq!(
        text(element(&doc, "id", "termdef-socialnamnd")),
        "Den nämnd som handlägger ekonomiskt bistånd."
    );
    // Lower-case words are not terms; a term is linked once per section.
    assert!(doc.contains("liten bokstav: informationsportal och komponenter länkas inte."));
    assert!(doc.contains("länkas bara första gången: Driftsparten."));
    // Definitions get anchors where they stand.
    assert_eq!(
        text(element(&doc, "id", "begrepp-driftsparten")),
        "Driftsparten"
    );
}

#[test]
fn the_earlier_document_prevails_for_a_term_and_the_build_warns() {
    let t = hierarchy();
    t.file(
        "agreements/ansvar/1.0.md",
        "---\ntitle: Reglering av ansvar\nversion: \"1.0\"\ndate: 2021-07-01\nauthor: F\n---\nAnsvaret för Tjänsten.\n",
    );
    let run = t.run(&["build"]);
    run.assert_code(0).assert_stderr("agreements/definitioner/1.0.md:17:1: warning[W0301]: `Tjänsten` is defined differently in `huvudavtal` and `definitioner`\n  = note: in `huvudavtal` the definition of `huvudavtal` prevails, being listed earlier");
    // Reglering av ansvar belongs to Huvudavtal only, where Huvudavtal (handling 1)
    // prevails over Definitioner (handling 2).
    let ansvar = t.main("avtal/ansvar/index.html");
    assert!(ansvar.contains("<a href=\"/avtal/huvudavtal/#begrepp-tjansten\" class=\"term\" aria-describedby=\"termdef-tjansten\">Tjänsten</a>"), "{ansvar}");
    assert_eq!(
        text(element(&ansvar, "id", "termdef-tjansten")),
        "Den samlade tjänsten SSBTEK enligt Huvudavtalet."
    );
    // Definitioner also belongs to the Anslutningsavtal, which does not include the
    // Huvudavtal: there its own definition is the one in force.
    let definitioner = t.main("avtal/definitioner/index.html");
    assert!(
        definitioner.contains("<a href=\"#begrepp-tjansten\" class=\"term\""),
        "{definitioner}"
    );
    let glossary = t.main("avtal/begrepp/index.html");
    assert_eq!(
        text(element(&glossary, "id", "begrepp-tjansten")),
        "Tjänsten"
    );
    // Each definition names the document it is from and links it there.
    assert!(
        text(&glossary)
            .contains("Den samlade tjänsten SSBTEK enligt Huvudavtalet. (SSBTEK – Huvudavtal)"),
        "{glossary}"
    );
    assert!(has_link(
        &glossary,
        "/avtal/huvudavtal/#begrepp-tjansten",
        "SSBTEK – Huvudavtal"
    ));
    assert!(glossary.contains("Tjänsten SSBTEK i största allmänhet."));
}

#[test]
fn an_earlier_version_links_its_terms_to_its_own_definitions() {
    let t = hierarchy();
    // Definitioner 0.9, before 1.0: Socialnämnd meant something else then, and it
    // defined Handläggare, which 1.0 does not.
    t.file(
        "agreements/definitioner/0.9.md",
        "---\ntitle: Definitioner\nversion: \"0.9\"\ndate: 2020-01-01\nauthor: Förvaltningen\n---\n\
         | Term/Begrepp | Definition |\n|---|---|\n\
         | Socialnämnd | Nämnden enligt den äldre lydelsen. |\n\
         | Handläggare | Den som handlägger ärendet. |\n\n\
         ## 1 Användning\n\nSocialnämnd och Handläggare används här.\n",
    );
    t.build();
    let old = t.main("avtal/definitioner/0.9/index.html");
    assert!(
        has_link(&old, "#begrepp-socialnamnd", "Socialnämnd"),
        "{old}"
    );
    assert_eq!(
        text(element(&old, "id", "termdef-socialnamnd")),
        "Nämnden enligt den äldre lydelsen."
    );
    assert!(
        has_link(&old, "#begrepp-handlaggare", "Handläggare"),
        "{old}"
    );
    // The current version, and the documents that use its terms, keep its definitions.
    let current = t.main("avtal/definitioner/index.html");
    assert!(!current.contains("begrepp-handlaggare"), "{current}");
    let glossary = t.main("avtal/begrepp/index.html");
    assert!(!glossary.contains("äldre lydelsen"), "{glossary}");
    assert!(glossary.contains("Den nämnd som handlägger ekonomiskt bistånd."));
}

#[test]
fn a_table_head_links_no_term_and_names_no_document() {
    let t = hierarchy();
    t.file(
        "agreements/ansvar/1.0.md",
        "---\ntitle: Reglering av ansvar\nversion: \"1.0\"\ndate: 2021-07-01\nauthor: Förvaltningen\n---\n\
         ## 1 Skadestånd\n\n\
         | Parterna | Allmänna villkor |\n|---|---|\n| Parterna ansvarar | enligt Allmänna villkor |\n",
    );
    t.build();
    let ansvar = t.main("avtal/ansvar/index.html");
    assert!(
        ansvar.contains("<th scope=\"col\">Parterna</th>"),
        "{ansvar}"
    );
    assert!(
        ansvar.contains("<th scope=\"col\">Allmänna villkor</th>"),
        "{ansvar}"
    );
    // The same words in the body of the table are linked.
    assert!(
        ansvar.contains("class=\"term\" aria-describedby=\"termdef-part\">Parterna</a> ansvarar"),
        "{ansvar}"
    );
    assert!(
        has_link(&ansvar, "/avtal/villkor/", "Allmänna villkor"),
        "{ansvar}"
    );
}

#[test]
fn change_view_shows_word_changes_per_section() {
    let t = hierarchy();
    t.build();
    let main = t.main("avtal/villkor/2.0/andringar/index.html");
    let said = text(&main);
    assert!(
        said.contains("Jämförelse mellan version 1.0 och version 2.0."),
        "{said}"
    );
    assert!(has_link(&main, "/avtal/villkor/1.0/", "version 1.0"));
    assert!(has_link(&main, "/avtal/villkor/2.0/", "version 2.0"));
    // Word by word, each change announced to screen readers.
    assert!(
        said.contains("Ansvaret är begränsat till Borttaget: två Tillagt: tre år."),
        "{said}"
    );
    let del: Vec<String> = elements(&main, "del").into_iter().map(text).collect();
    let ins: Vec<String> = elements(&main, "ins").into_iter().map(text).collect();
    assert!(del.contains(&"Borttaget: två".to_string()), "{del:?}");
    assert!(ins.contains(&"Tillagt: tre".to_string()), "{ins:?}");
    // Each section with what happened to it.
    let sections = |change: &str| -> Vec<String> {
        elements(&main, "section")
            .into_iter()
            .filter(|s| {
                attribute(start_tag(s), "class")
                    .is_some_and(|class| class.split(' ').any(|c| c == change))
            })
            .map(text)
            .collect()
    };
    assert_eq!(
        sections("change-removed"),
        ["Borttaget: 3 Sekretess (borttaget) Borttaget: Uppgifter hanteras konfidentiellt."]
    );
    assert_eq!(
        sections("change-added"),
        ["Tillagt: 4 Tvist (nytt) Tillagt: Tvister avgörs av allmän domstol."]
    );
    // Unchanged sections are folded into one line, not listed one by one.
    assert_eq!(sections("change-unchanged"), Vec::<String>::new());
    let folded: Vec<String> = elements(&main, "details").into_iter().map(text).collect();
    assert_eq!(folded, ["1 avsnitt oförändrat 1 Tillämpning"]);
    assert!(said.contains("1 ändrade, 1 nya och 1 borttagna avsnitt."));
    let history = t.main("avtal/villkor/index.html");
    assert!(has_link(
        &history,
        "/avtal/villkor/2.0/andringar/",
        "Ändringar i version 2.0"
    ));
    assert!(
        !t.out().join("avtal/villkor/1.0/andringar").exists(),
        "nothing to compare the first version with"
    );
}

#[test]
fn manifest_lists_every_version_and_page_with_hashes() {
    let t = hierarchy();
    t.build();
    let json: serde_json::Value = serde_json::from_str(&t.read("manifest.json")).unwrap();
    let docs = json["documents"].as_array().unwrap();
    let ids: Vec<&str> = docs.iter().map(|d| d["id"].as_str().unwrap()).collect();
    assert_eq!(
        ids,
        [
            "anslutning",
            "ansvar",
            "definitioner",
            "huvudavtal",
            "villkor"
        ]
    );
    let villkor = &docs[4];
    assert_eq!(villkor["current_version"], "2.0");
    let v1 = &villkor["versions"][0];
    assert_eq!(v1["status"], "superseded");
    assert_eq!(v1["url"], "https://example.se/avtal/villkor/1.0/");
    assert_eq!(v1["source"], "agreements/villkor/1.0.md");
    let bytes = std::fs::read(t.root.join("agreements/villkor/1.0.md")).unwrap();
    assert_eq!(v1["sha256"].as_str().unwrap(), sha256_hex(&bytes));
    assert_eq!(json["pages"][0]["url"], "https://example.se/");
    // Identical builds give an identical manifest.
    let first = t.read("manifest.json");
    t.build();
    assert_eq!(first, t.read("manifest.json"));
}

fn sha256_hex(bytes: &[u8]) -> String {
    let out = std::process::Command::new("sha256sum")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .and_then(|mut child| {
            use std::io::Write;
            child.stdin.take().unwrap().write_all(bytes)?;
            child.wait_with_output()
        })
        .unwrap();
    String::from_utf8(out.stdout).unwrap()[..64].to_string()
}

#[test]
fn an_upcoming_agreement_needs_its_documents_by_the_day_it_applies() {
    let t = hierarchy();
    t.file("agreements/framtid/1.0.md", "---\ntitle: Framtida avtal\nversion: \"1.0\"\ndate: 2026-10-01\nvalid_from: 2027-01-01\nauthor: F\ndocuments:\n  - framtid\n  - bilaga\n---\nText.\n");
    // The appendix applies from the same day as the agreement: fine, though not yet in force.
    t.file("agreements/bilaga/1.0.md", "---\ntitle: Bilaga\nversion: \"1.0\"\ndate: 2026-10-01\nvalid_from: 2027-01-01\nauthor: F\n---\nText.\n");
    t.run(&["check"]).assert_code(0);
    // An appendix that applies later than the agreement is an error.
    t.file("agreements/bilaga/1.0.md", "---\ntitle: Bilaga\nversion: \"1.0\"\ndate: 2026-10-01\nvalid_from: 2027-02-01\nauthor: F\n---\nText.\n");
    t.run(&["check"])
        .assert_code(1)
        .assert_stderr("agreements/framtid/1.0.md:9:5: error[E0402]: `bilaga` is listed but has no version in force on 2027-01-01, when this version of the agreement applies\n  = note: versions of `bilaga`: 1.0 applies from 2027-02-01");
}
