//! Tests of the search index: terms, scores, snippets, and the shard and text files written.

use super::*;

#[test]
fn similar_words_spread_over_the_low_bits_of_the_hash() {
    // The map picks a bucket by the low bits: half a million words that differ only
    // in their last letters must not crowd into a quarter of the buckets (as they
    // did, making a page of such words take seconds). See: issue 10, item 5.
    use std::hash::BuildHasher;
    const WORDS: u32 = 1 << 19;
    let build = std::hash::BuildHasherDefault::<FxHasher>::default();
    let mut buckets = std::collections::HashSet::new();
    for i in 0..WORDS {
        let mut word = String::from("ord");
        let mut n = i;
        loop {
            word.push(char::from(b'a' + (n % 26) as u8));
            n /= 26;
            if n == 0 {
                break;
            }
        }
        buckets.insert(build.hash_one(word.as_str()) & u64::from(WORDS - 1));
    }
    // Random hashes would fill 63 % of them.
    let filled = buckets.len() as f64 / f64::from(WORDS);
    assert!(filled > 0.5, "{:.0} % of the buckets", filled * 100.0);
}

#[test]
fn terms_skip_stop_words_and_keep_å_ä_ö() {
    let mut postings = Postings::default();
    postings.add(
        3,
        &[
            ("Anslutning", Weight::Title),
            (
                "Så ansluter du kommunen till SSBTEK: Försäkringskassan, Öppettider – «§ 5» x ssbtek",
                Weight::Text,
            ),
            ("LEFI Produktionsmiljön", Weight::Fact),
            ("Driftsavtal", Weight::Context),
            ("5.3", Weight::SectionNumber),
        ],
    );
    let mut terms: Vec<(&str, &[u32])> = postings
        .terms
        .iter()
        .map(|(t, list)| (&**t, list.as_slice()))
        .collect();
    terms.sort();
    // Result 3, with its score: ten for a title word, five for a fact, one per
    // occurrence in the text, none for the context, a hundred for a section number.
    assert_eq!(
        terms,
        [
            ("5", &[3 << 8 | 1][..]),
            ("5.3", &[3 << 8 | 100]),
            ("ansluter", &[3 << 8 | 1]),
            ("anslutning", &[3 << 8 | 10]),
            ("driftsavtal", &[3 << 8]),
            ("försäkringskassan", &[3 << 8 | 1]),
            ("kommunen", &[3 << 8 | 1]),
            ("lefi", &[3 << 8 | 5]),
            ("produktionsmiljön", &[3 << 8 | 5]),
            ("ssbtek", &[3 << 8 | 2]),
            ("öppettider", &[3 << 8 | 1]),
        ]
    );
    assert!(
        language::is_stop_word("och")
            && language::is_stop_word("över")
            && !language::is_stop_word("avtal")
    );
}

#[test]
fn scores_saturate() {
    let mut postings = Postings::default();
    let text = "avtal ".repeat(300);
    postings.add(1, &[(&text, Weight::Text), ("5", Weight::SectionNumber)]);
    postings.add(2, &[("5 5 5", Weight::SectionNumber)]);
    assert_eq!(postings.terms["avtal"], [1 << 8 | 255]);
    assert_eq!(postings.terms["5"], [1 << 8 | 100, 2 << 8 | 255]);
}

#[test]
fn snippet_text_keeps_the_whole_words_that_fit() {
    // Against the plain rule: collapse, then as many whole words as fit.
    let reference = |text: &str| {
        let collapsed = crate::util::source::collapse_whitespace(text);
        if collapsed.chars().count() <= MAX_TEXT_CHARS {
            return collapsed;
        }
        let mut out = String::new();
        for word in collapsed.split(' ') {
            let space = usize::from(!out.is_empty());
            if out.chars().count() + space + word.chars().count() > MAX_TEXT_CHARS {
                if out.is_empty() {
                    out.extend(word.chars().take(MAX_TEXT_CHARS));
                }
                break;
            }
            if space == 1 {
                out.push(' ');
            }
            out.push_str(word);
        }
        out.push('…');
        out
    };
    let pieces = [
        "ord", "å", "\u{a0}", " ", "\n\t", "avtalet", "x", "  ", "😀",
    ];
    let mut seed = 7u64;
    for round in 0..300 {
        let mut text = String::new();
        let target = [
            10,
            MAX_TEXT_CHARS - 3,
            MAX_TEXT_CHARS + 5,
            3 * MAX_TEXT_CHARS,
        ][round % 4];
        while text.chars().count() < target {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            text.push_str(pieces[(seed >> 33) as usize % pieces.len()]);
        }
        assert_eq!(snippet_text(&text), reference(&text), "{text:?}");
    }
}

#[test]
fn snippet_text_is_cut_at_a_word() {
    assert_eq!(snippet_text(" Avtalet\n gäller  "), "Avtalet gäller");
    assert_eq!(snippet_text("a\u{a0}b\tc"), "a b c");
    // Exactly at the end of a word, or in one.
    let fits = "ab ".repeat(MAX_TEXT_CHARS / 3);
    assert_eq!(snippet_text(&fits), fits.trim_end());
    let over = format!("{}abcd", "x".repeat(MAX_TEXT_CHARS - 2) + " ");
    assert_eq!(snippet_text(&over), "x".repeat(MAX_TEXT_CHARS - 2) + "…");
    let long = "ord ".repeat(MAX_TEXT_CHARS);
    let cut = snippet_text(&long);
    assert!(cut.ends_with("ord…"), "{cut}");
    assert!(cut.chars().count() <= MAX_TEXT_CHARS + 1);
    let word = "x".repeat(MAX_TEXT_CHARS * 2);
    assert_eq!(snippet_text(&word).chars().count(), MAX_TEXT_CHARS + 1);
    assert_eq!(snippet_text(""), "");
}

#[test]
fn inline_tags_do_not_separate_words() {
    for tag in [
        "<a href=\"x\">",
        "</a>",
        "<span>",
        "</strong>",
        "<em>",
        "<code",
    ] {
        assert!(is_inline_tag(tag.as_bytes()), "{tag}");
    }
    for tag in ["<p>", "</p>", "<abbrx>", "<br/>", "<", "</", "<article>"] {
        assert!(!is_inline_tag(tag.as_bytes()), "{tag}");
    }
    assert_eq!(
        text_of(b"<p>Avtal<a href=\"x\">et</a>,</p><p>Text</p>"),
        " Avtalet,  Text "
    );
}

#[test]
fn main_text_drops_tags_and_hidden_definitions() {
    let html = b"<nav>Meny</nav><main id=\"main\"><h1>Avtal &amp; villkor</h1><p>Text<a href=\"x\">l\xc3\xa4nk</a></p><div class=\"term-definitions\" hidden><div><p>Dold</p></div><p>Dold</p></div><li hidden data-from=\"x\">Sedan</li><p class=\"as-of\">Uppdaterad <time>2026</time></p><p>Kvar</p></main>";
    let text = main_text(html);
    assert!(text.contains("Avtal & villkor"));
    assert!(text.contains("länk"));
    assert!(!text.contains("Meny") && !text.contains("Dold"), "{text}");
    assert!(
        !text.contains("Sedan") && !text.contains("Uppdaterad"),
        "{text}"
    );
    assert!(text.contains("Kvar"), "{text}");
}

/// A sink that keeps what is written, as text, by path.
#[derive(Default)]
struct Files(std::sync::Mutex<std::collections::BTreeMap<String, String>>);

impl Sink for Files {
    fn write(&self, rel_path: &str, bytes: &[u8]) -> Result<()> {
        let text = String::from_utf8(bytes.to_vec())?;
        self.0.lock().unwrap().insert(rel_path.to_string(), text);
        Ok(())
    }
    fn copy(&self, _: &str, _: &std::path::Path) -> Result<()> {
        unreachable!("the index copies nothing")
    }
}

impl Files {
    fn names(&self) -> Vec<String> {
        self.0.lock().unwrap().keys().cloned().collect()
    }
}

/// The files of the index, by name under `/sok/index/`.
///
/// Each page's text is "Text om <title>", added as indexing does, before the rest.
fn files(
    postings: Postings,
    entries: Vec<page::Entry>,
    section_ids: &page::SectionIds,
) -> impl Fn(&str) -> Option<String> + use<> {
    let sink = Files::default();
    let texts = Texts::new(&sink).expect("started");
    for entry in &entries {
        let text = format!("Text om {}", entry.meta.row()[1]);
        texts.add(entry.id, text).expect("added");
    }
    write_files(postings, entries, section_ids, texts, &sink).expect("written");
    let files = sink.0.into_inner().unwrap();
    assert!(
        files.keys().all(|k| k.starts_with("sok/index/")),
        "{files:?}"
    );
    move |name| files.get(&format!("sok/index/{name}")).cloned()
}

#[test]
fn texts_are_written_as_soon_as_their_file_is_complete() {
    let sink = Files::default();
    let texts = Texts::new(&sink).unwrap();
    assert_eq!(sink.names(), ["sok/index/language.json"]);
    // In any order, as the worker threads bring them.
    for id in (0..TEXT_CHUNK as u32).rev() {
        assert!(!sink.names().contains(&"sok/index/x-0.json".to_string()));
        texts.add(id, format!("t{id}")).unwrap();
    }
    assert!(sink.names().contains(&"sok/index/x-0.json".to_string()));
    texts.add(TEXT_CHUNK as u32 + 1, "sist".into()).unwrap();
    texts.finish(TEXT_CHUNK + 3).unwrap();
    let files = sink.0.lock().unwrap();
    assert_eq!(
        files["sok/index/x-0.json"],
        r#"["t0","t1","t2","t3","t4","t5","t6","t7"]"#
    );
    // A text that never came (a page that failed to render) is empty; the last file
    // holds only the results there are.
    assert_eq!(files["sok/index/x-1.json"], r#"["","sist",""]"#);
}

fn entry(id: u32, url: &str, title: &str) -> page::Entry {
    page::Entry {
        id,
        meta: PageMeta::new(url, title, "x", ""),
        sections: Vec::new(),
    }
}

#[test]
fn index_files_are_sharded_and_deterministic() {
    let mut a = Postings::default();
    a.add(
        0,
        &[
            ("Avtal", Weight::Title),
            ("avtalet gäller anslutning", Weight::Text),
        ],
    );
    let mut b = Postings::default();
    b.add(
        1,
        &[
            ("Anslutning", Weight::Title),
            ("kommunen ansluter", Weight::Text),
        ],
    );
    let section_ids = page::SectionIds::new(2);
    let provisional = section_ids.next();
    page::Section {
        meta: PageMeta::default(),
        number: "2".into(),
        heading: "Gäller".into(),
        text: "Driftsavtalet gäller".into(),
        document: "Anslutning".into(),
    }
    .index(&mut b, provisional);
    let mut with_section = entry(1, "/b/", "Anslutning");
    with_section.sections.push(page::IndexedSection {
        provisional,
        meta: PageMeta::new("/b/#punkt-2", "2 Gäller", "", ""),
        text: String::new(),
    });
    // In any order: sections come after every page, in the order of their pages.
    let get = files(
        a.merge(b),
        vec![with_section, entry(0, "/a/", "Avtal")],
        &section_ids,
    );
    assert_eq!(
        get("meta.json").unwrap(),
        r#"{"chunk":200,"pages":3,"shards":["2","an","av","dr","ga","ko"],"text_chunk":8,"version":3}"#
    );
    // Each word with the length of its stem; "ansluter" → "anslut".
    assert_eq!(
        get("t-an.json").unwrap(),
        r#"{"w":{"ansluter":[6,1,1],"anslutning":[10,0,1,1,10,2,0]},"c":{}}"#
    );
    // "gäller" is folded into the shard "ga"; the section has a hundred for its
    // number, ten for its heading.
    assert_eq!(
        get("t-ga.json").unwrap(),
        r#"{"w":{"gäller":[4,0,1,2,11]},"c":{}}"#
    );
    assert_eq!(get("t-2.json").unwrap(), r#"{"w":{"2":[1,2,100]},"c":{}}"#);
    // "driftsavtalet" ends with a word of the stem "avtalet" (Snowball keeps -et), on
    // a result that has no word of that stem.
    assert_eq!(
        get("t-av.json").unwrap(),
        r#"{"w":{"avtal":[5,0,10],"avtalet":[7,0,1]},"c":{"avtalet":{"w":["driftsavtalet"],"p":[2,1]}}}"#
    );
    assert_eq!(
        get("p-0.json").unwrap(),
        r#"[["/a/","Avtal","x",""],["/b/","Anslutning","x",""],["/b/#punkt-2","2 Gäller","",""]]"#
    );
    assert_eq!(
        get("x-0.json").unwrap(),
        r#"["Text om Avtal","Text om Anslutning",""]"#
    );
}

#[test]
fn sections_take_their_place_in_the_order_of_their_pages() {
    // The second page's section is found first, as on another worker thread.
    let section_ids = page::SectionIds::new(2);
    let mut postings = Postings::default();
    let mut section = |page: u32, word: &str| {
        let provisional = section_ids.next();
        page::Section {
            meta: PageMeta::default(),
            number: "1".into(),
            heading: word.into(),
            text: String::new(),
            document: String::new(),
        }
        .index(&mut postings, provisional);
        page::IndexedSection {
            provisional,
            meta: PageMeta::new(&format!("/{page}/#punkt-1"), "", "", ""),
            text: format!("text {word}"),
        }
    };
    let of_second = section(1, "andra");
    let of_first = section(0, "första");
    let mut first = entry(0, "/0/", "Noll");
    first.sections.push(of_first);
    let mut second = entry(1, "/1/", "Ett");
    second.sections.push(of_second);
    let get = files(postings, vec![second, first], &section_ids);
    assert_eq!(
        get("t-fo.json").unwrap(),
        r#"{"w":{"första":[5,2,10]},"c":{}}"#
    );
    assert_eq!(
        get("t-an.json").unwrap(),
        r#"{"w":{"andra":[4,3,10]},"c":{}}"#
    );
    assert_eq!(
        get("t-1.json").unwrap(),
        r#"{"w":{"1":[1,2,100,3,100]},"c":{}}"#
    );
    assert_eq!(
        get("x-0.json").unwrap(),
        r#"["Text om Noll","Text om Ett","text första","text andra"]"#
    );
}

#[test]
fn a_missing_page_leaves_an_empty_row() {
    let get = files(
        Postings::default(),
        vec![entry(2, "/c/", "C")],
        &page::SectionIds::new(3),
    );
    assert_eq!(
        get("p-0.json").unwrap(),
        r#"[["","","",""],["","","",""],["/c/","C","x",""]]"#
    );
}

#[test]
fn shard_names_become_the_file_names_the_script_asks_for() {
    // The same cases are read by tests/e2e/tokens.test.mjs for search.js.
    let cases: serde_json::Value =
        serde_json::from_str(include_str!("../../../tests/fixtures/search/tokens.json"))
            .expect("tokens.json is JSON");
    let cases = cases["file_keys"].as_array().expect("a list of file keys");
    assert!(cases.len() >= 5);
    for case in cases {
        let key = case["key"].as_str().expect("a key");
        assert_eq!(
            file_key(key),
            case["file"].as_str().expect("a file"),
            "{key:?}"
        );
    }
}
