//! Tests of the annotator: section references, section titles, sentence starts and dash spellings.

use super::*;
use crate::util::i18n::Lang;

fn table() -> SectionTable {
    let mut t = SectionTable::default();
    t.add("5", "punkt-5", "Åtaganden");
    t.add("5.1", "punkt-5.1", "Drift");
    t.add("5.3", "punkt-5.3", "Applikationsförvaltning");
    t.add("5.7", "punkt-5.7", "Servicenivåer");
    t.add("5.8", "punkt-5.8", "Former för teknisk samverkan");
    t.add("9.3", "punkt-9.3", "Uppsägning");
    t.add("9.4", "punkt-9.4", "Uppsägning vid avtalsbrott");
    t.finish();
    t
}

/// A context with sections only: no mentions, terms or document of its own.
fn sections_only<'a>(t: &'a SectionTable, anchors: &'a HashSet<String>) -> Context<'a> {
    Context {
        sections: Some(t),
        mentions: None,
        terms: None,
        self_doc: None,
        local_anchors: anchors,
        defining: None,
        before: "",
    }
}

fn run(text: &str) -> (Vec<String>, Vec<Problem>) {
    let t = table();
    let anchors = HashSet::new();
    let ctx = sections_only(&t, &anchors);
    let (pieces, problems) = annotate(text, &ctx, &mut State::default());
    let links = pieces
        .into_iter()
        .filter_map(|p| match p {
            Piece::Link(open, r) => Some(format!("{open}{}", &text[r])),
            Piece::Text(_) => None,
        })
        .collect();
    (links, problems)
}

#[test]
fn section_references_link_to_the_section() {
    let (links, problems) =
        run("enligt punkten 5.3, punkterna 5.1 och 5.3 samt punkten 9.3 nedan.");
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(
        links,
        [
            "<a href=\"#punkt-5.3\" class=\"section-ref\">5.3",
            "<a href=\"#punkt-5.1\" class=\"section-ref\">5.1",
            "<a href=\"#punkt-5.3\" class=\"section-ref\">5.3",
            "<a href=\"#punkt-9.3\" class=\"section-ref\">9.3",
        ]
    );
}

#[test]
fn reference_across_a_line_break() {
    // Soft line breaks reach the matchers as spaces.
    let (links, problems) = run("enligt punkten 5.3 gäller");
    assert!(problems.is_empty());
    assert_eq!(links, ["<a href=\"#punkt-5.3\" class=\"section-ref\">5.3"]);
}

#[test]
fn missing_section_is_a_problem_with_nearby_numbers() {
    let (_, problems) = run("enligt punkten 5.4 ska");
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].diagnostic.code, "E0305");
    assert_eq!(problems[0].offset, 15);
    assert_eq!(
        problems[0].diagnostic.hint.as_deref().unwrap_or_default(),
        "sections at that level: 5.1, 5.3, 5.7, 5.8"
    );
    let d = &problems[0].diagnostic;
    assert_eq!(
        d.message.get(Lang::Sv),
        "`punkten 5.4` hänvisar till punkt 5.4, som inte finns i det här dokumentet"
    );
    assert_eq!(
        d.hint.as_ref().map(|h| h.get(Lang::Sv)),
        Some("punkter på den nivån: 5.1, 5.3, 5.7, 5.8")
    );
}

#[test]
fn title_of_another_section_is_a_problem() {
    let (_, problems) = run("hanteras enligt punkten 5.7 Former för teknisk samverkan.");
    assert_eq!(problems.len(), 1);
    assert_eq!(
        problems[0].diagnostic.message,
        "`punkten 5.7 Former för teknisk samverkan`: 5.7 is `Servicenivåer`; the title belongs to 5.8"
    );
    let (_, ok) = run("hanteras enligt punkten 5.8 Former för teknisk samverkan.");
    assert!(ok.is_empty());
    // The longest title that follows counts, whatever order the sections came in.
    let (_, ok) = run("enligt punkten 9.4 Uppsägning vid avtalsbrott.");
    assert!(ok.is_empty(), "{ok:?}");
}

#[test]
fn a_shorter_title_counts_when_the_longer_one_is_not_a_whole_word() {
    let mut t = table();
    t.add("5.2", "punkt-5.2", "Drift och förvaltning");
    t.finish();
    let anchors = HashSet::new();
    let ctx = sections_only(&t, &anchors);
    let problems = |text| annotate(text, &ctx, &mut State::default()).1;
    // "Drift och förvaltningen" is not the title of 5.2, but it starts with the
    // title of 5.1.
    let p = problems("enligt punkten 5.2 Drift och förvaltningen.");
    assert_eq!(p.len(), 1, "{p:?}");
    assert_eq!(
        p[0].diagnostic.message,
        "`punkten 5.2 Drift`: 5.2 is `Drift och förvaltning`; the title belongs to 5.1"
    );
    assert!(problems("enligt punkten 5.2 Drift och förvaltning.").is_empty());
    assert!(problems("enligt punkten 5.1 Drifterna.").is_empty());
}

#[test]
fn a_missing_section_among_many_lists_the_numbers_near_it() {
    let mut t = SectionTable::default();
    for n in 1..=30 {
        t.add(&n.to_string(), &format!("punkt-{n}"), "Rubrik");
    }
    t.finish();
    let anchors = HashSet::new();
    let ctx = sections_only(&t, &anchors);
    let (_, problems) = annotate("punkten 13a och punkten 31", &ctx, &mut State::default());
    assert_eq!(
        problems[0].diagnostic.hint.as_deref().unwrap_or_default(),
        "sections near it at that level: 21, 22, 23, 24, 25, 26, 27, 28, 29, 30"
    );
    let (_, problems) = annotate("punkten 0", &ctx, &mut State::default());
    assert_eq!(
        problems[0].diagnostic.hint.as_deref().unwrap_or_default(),
        "sections near it at that level: 1, 2, 3, 4, 5, 6, 7, 8, 9, 10"
    );
}

#[test]
fn overlapping_links_keep_the_first_accepted() {
    let found = |start, end| Found {
        start,
        end,
        open: format!("<a {start}>"),
    };
    let mut accepted = Accepted::default();
    let taken: Vec<bool> = [
        (0, 5),
        (10, 15),
        (4, 6),
        (5, 10),
        (14, 20),
        (9, 11),
        (15, 16),
    ]
    .into_iter()
    .map(|(s, e)| accepted.push_if_free(found(s, e)))
    .collect();
    assert_eq!(taken, [true, true, false, true, false, false, true]);
    let starts: Vec<usize> = accepted.0.values().map(|f| f.start).collect();
    assert_eq!(starts, [0, 5, 10, 15]);
}

#[test]
fn a_run_with_nothing_to_link_gives_no_pieces() {
    let t = table();
    let anchors = HashSet::new();
    let ctx = sections_only(&t, &anchors);
    let (pieces, problems) = annotate(
        "Inget att länka, inte ens en punkt.",
        &ctx,
        &mut State::default(),
    );
    assert!(problems.is_empty());
    assert!(pieces.is_empty(), "{pieces:?}");
    assert_eq!(pieces.capacity(), 0, "nothing allocated");
}

#[test]
fn not_every_punkt_is_a_reference() {
    let (links, problems) =
        run("En utgångspunkt är 5.3 procent, kontrollpunkten 5 och punkt-listan.");
    assert!(
        links.is_empty() && problems.is_empty(),
        "{links:?} {problems:?}"
    );
}

#[test]
fn titles_of_ordinary_words_wait_for_the_sentence_to_say_so() {
    let at_start = |name: &str| Target::new("d", "/d/", name).at_sentence_start;
    for name in ["Definitioner", "Allmänna villkor", "Reglering av ansvar"] {
        assert!(!at_start(name), "{name}");
    }
    for name in [
        "SSBTEK – Driftsavtal",
        "Driftsavtalet",
        "Villkoren",
        "Bilagorna",
        "Avtal 2024",
        "Överenskommelse om myndighetssamverkan för effektiv informationsöverföring",
    ] {
        assert!(at_start(name), "{name}");
    }
    assert!(!at_start("Informationssäkerhet"), "-het is not definite");
}

#[test]
fn where_sentences_start() {
    let starts = |text: &str| starts_sentence(text, text.find('X').unwrap(), "");
    for text in [
        "X",
        "  X",
        "Slut. X",
        "Slut! X",
        "Slut? (X",
        "Slut.\" X",
        "slut.) X",
    ] {
        assert!(starts(text), "{text}");
    }
    for text in [
        "enligt X", "t.ex. X", "bl.a. X", "4 kap. X", "se (X", "a, X", "a: X", "a – X",
    ] {
        assert!(!starts(text), "{text}");
    }
    // A run after emphasis, a link or code goes on the block's text before it.
    assert!(starts_sentence("X", 0, ""));
    assert!(starts_sentence(" X", 1, "Det står i bilagan. "));
    assert!(!starts_sentence(" X", 1, "Se bilagan "));
    assert!(!starts_sentence("X", 0, "enligt 4 kap. "));
    assert!(starts_sentence("Slut. X", 6, "Se bilagan "));
    // A number ends a sentence: "… version 2.0. X".
    assert!(starts("version 2.0. X"));
}

#[test]
fn a_name_stands_apart_when_no_word_follows() {
    for after in ["", ".", ", Allmänna", " (bilaga 1)", " – om", ":"] {
        assert!(stands_apart(after), "{after:?}");
    }
    for after in [" av begreppen", "  finns", " 2"] {
        assert!(!stands_apart(after), "{after:?}");
    }
}

#[test]
fn dash_spellings_cover_hyphen_and_en_dash() {
    let spellings = dash_spellings("SSBTEK – Driftsavtal");
    assert!(spellings.contains(&"SSBTEK - Driftsavtal".to_string()));
    assert!(spellings.contains(&"SSBTEK – Driftsavtal".to_string()));
    assert_eq!(spellings.len(), 3);
    assert_eq!(dash_spellings("a-b-c").len(), 9);
    assert_eq!(dash_spellings("Avtal"), ["Avtal"]);
}
