//! The search language: how text becomes the words of the search index, and the same
//! rules as data for the browser, which must turn a query into the same words.
//!
//! The tables here are the one definition of the language. The index is built with them
//! (`each_term`, called by the parent module for every page on the worker threads), and
//! the parent module writes them, as [`json`] gives them, to `/sok/index/language.json`,
//! which `search.js` (default theme) reads with the first index file it needs. Only the
//! few lines that apply the tables exist twice, here and in the script; the cases in
//! `tests/fixtures/search/tokens.json` must come out alike from both (a unit test here,
//! `tests/e2e/tokens.test.mjs` for the script, without a browser).
//!
//! One rule is not shipped but applied: the Swedish stemmer (Snowball, as the
//! `rust-stemmers` crate implements it) runs here only, over the index's vocabulary at
//! build time, and each indexed word carries the length of its stem (see the parent
//! module). The script stems a searched word by looking it up, never by a stemmer of
//! its own; `tests/fixtures/search/stems.json` holds both sides to the same stems.
//! A searched word the index does not have ("avtalens" on a portal that never says it)
//! is stemmed by the endings the stemmer takes off ([`ENDINGS`], [`DOUBLE_CONSONANTS`]):
//! the script takes them off in every order it can and looks the words left up as
//! stems; a test here holds those tables to what `rust-stemmers` strips.

use std::collections::BTreeMap;

use serde::Serialize;

/// Characters that separate words, as inclusive ranges in order; every other character
/// belongs to a word. They are: ASCII other than letters and digits; the C1 controls and
/// the Latin-1 punctuation and signs (no-break space, §, «, », °, and also ª, º, µ, ¹, ², ³
/// and the fractions, which Swedish text uses as signs, not as words); `×` and `÷`; the
/// general punctuation block (dashes, quotes, …, invisible spaces and marks) with the
/// superscripts and subscripts after it; arrows and mathematical operators, so that
/// `3×4`, `ansökan→beslut` and `a−b` are words apart. Any other character, in any
/// script, combining marks included, is part of a word.
///
/// Explicit ranges rather than Unicode's letter and number classes, so that the index
/// and a browser with another Unicode version split alike.
pub(crate) const SEPARATORS: [(char, char); 8] = [
    ('\0', '/'),
    (':', '@'),
    ('[', '`'),
    ('{', '\u{BF}'),
    ('×', '×'),
    ('÷', '÷'),
    ('\u{2000}', '\u{207F}'),
    ('\u{2190}', '\u{22FF}'),
];

/// The capitals that are lower-cased, each to the letter at the same place in
/// [`SMALL_LETTERS`]: ASCII and Latin-1, all a Swedish portal needs. Other characters are
/// kept as they are, which lets [`lowercase`] work byte by byte (full Unicode case mapping
/// was far slower).
pub(crate) const CAPITALS: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÐÑÒÓÔÕÖØÙÚÛÜÝÞ";

/// The small letters of [`CAPITALS`], in the same order.
pub(crate) const SMALL_LETTERS: &str = "abcdefghijklmnopqrstuvwxyzàáâãäåæçèéêëìíîïðñòóôõöøùúûüýþ";

/// The fewest characters a word has to be indexed or searched: a one-letter word is
/// never a useful search.
pub(crate) const MIN_CHARS: usize = 2;

/// Defines the stop words once, both as the table the browser receives and as a `match`,
/// which compiles to a switch on the length and a few comparisons (this runs for every
/// word of every page).
macro_rules! stop_words {
    ($($word:literal)+) => {
        /// Words too common to index or to search for, lower-case, in byte order.
        pub(crate) const STOP_WORDS: &[&str] = &[$($word),+];

        /// Whether a lower-case word is one of [`STOP_WORDS`].
        pub(crate) fn is_stop_word(word: &str) -> bool {
            matches!(word, $($word)|+)
        }
    };
}

stop_words!(
    "alla" "and" "att" "av" "de" "dem" "den" "denna" "dess" "det" "detta" "dig" "din" "du"
    "där" "efter" "eller" "en" "ett" "från" "för" "han" "har" "hon" "hur" "här" "i" "inte"
    "jag" "kan" "man" "med" "men" "mot" "måste" "ni" "nu" "när" "och" "of" "om" "på" "sig"
    "sin" "ska" "skall" "som" "så" "the" "till" "to" "under" "upp" "ut" "vad" "var" "vi"
    "vid" "är" "över"
);

/// Characters that join two ASCII digits into one word rather than separate them:
/// section numbers (`5.3`, `12.4.1`), versions (`1.0`) and Swedish clock times (`08.40`)
/// are searched as they are written.
pub(crate) const NUMBER_JOINERS: &str = ".";

/// Whether a word is a number ([`NUMBER_JOINERS`] between digits): such words are kept
/// whatever their length, since "punkt 5" is a useful search where "a" is not.
pub(crate) fn is_number(word: &str) -> bool {
    word.bytes().next().is_some_and(|b| b.is_ascii_digit())
        && word
            .bytes()
            .all(|b| b.is_ascii_digit() || NUMBER_JOINERS.as_bytes().contains(&b))
}

/// Words that, beside a section number in a query, only say that it is a section
/// ("punkten 5.3"): the script leaves them out of such a query rather than requiring them
/// on the page. Lower-case, in byte order.
pub(crate) const SECTION_WORDS: &[&str] = &[
    "avsnitt",
    "avsnittet",
    "kapitel",
    "kapitlet",
    "paragraf",
    "paragrafen",
    "pkt",
    "punkt",
    "punkten",
    "punkter",
    "punkterna",
    "stycke",
    "stycket",
];

/// The endings the Snowball Swedish stemmer takes off a word, folded, in byte order: its
/// step 1 (`-a`, `-arna`, `-heterna`, `-en`, `-arnas`, `-s`, …) and step 3 (`-ig`,
/// `-lig`). A word the index does not have is looked up without each ending it has,
/// again and again, so "störningarnas" is found under the stem "storning" and
/// "myndigheternas" under "mynd". Step 3's `-els` is left out: step 1 always takes its
/// `s` first, so the stemmer never removes it; its `löst` → `lös` and `fullt` → `full`
/// take one letter, which the script forgives anyway (a stem may be two letters shorter
/// than the word it is looked up from).
///
/// The stemmer takes `-s` off only after some letters; the script after any, which
/// finds more, never less.
pub(crate) const ENDINGS: &[&str] = &[
    "a", "ad", "ade", "ades", "ande", "anden", "andes", "andet", "ar", "are", "aren", "arens",
    "arna", "arnas", "arne", "as", "ast", "aste", "at", "e", "en", "ens", "er", "ern", "erna",
    "ernas", "erns", "es", "het", "heten", "hetens", "heter", "heterna", "ig", "lig", "or", "orna",
    "ornas", "s",
];

/// The stemmer's step 2: a word that ends with one of these loses its last letter
/// ("avstängd" → "avstäng", "felaktigt" → "felaktig", then `-ig` → "felakt").
pub(crate) const DOUBLE_CONSONANTS: &[&str] = &["dd", "dt", "gd", "gt", "kt", "nn", "tt"];

/// The fewest characters the script leaves of a word when it takes [`ENDINGS`] off:
/// the stemmer takes nothing off a word's first three letters (its region R1 starts after
/// them at the earliest).
pub(crate) const MIN_STEM_CHARS: usize = 3;

/// Letters searched without their diacritics, and what they become: a reader on a
/// foreign keyboard types "storning" for "störning". Lower-case letters only (folding
/// follows [`lowercase`]), in order; every letter becomes ASCII letters.
pub(crate) const FOLDS: &[(char, &str)] = &[
    ('ß', "ss"),
    ('à', "a"),
    ('á', "a"),
    ('â', "a"),
    ('ã', "a"),
    ('ä', "a"),
    ('å', "a"),
    ('æ', "ae"),
    ('ç', "c"),
    ('è', "e"),
    ('é', "e"),
    ('ê', "e"),
    ('ë', "e"),
    ('ì', "i"),
    ('í', "i"),
    ('î', "i"),
    ('ï', "i"),
    ('ð', "d"),
    ('ñ', "n"),
    ('ò', "o"),
    ('ó', "o"),
    ('ô', "o"),
    ('õ', "o"),
    ('ö', "o"),
    ('ø', "o"),
    ('ù', "u"),
    ('ú', "u"),
    ('û', "u"),
    ('ü', "u"),
    ('ý', "y"),
    ('þ', "th"),
    ('ÿ', "y"),
];

/// Combining marks, dropped when folding: "Cafe\u{301}" (decomposed) folds as "cafe".
pub(crate) const DROPPED: (char, char) = ('\u{300}', '\u{36F}');

/// A lower-case word without its diacritics ([`FOLDS`], [`DROPPED`]); a word that would
/// fold to nothing (only combining marks) stays as it is.
pub(crate) fn fold(word: &str) -> std::borrow::Cow<'_, str> {
    if word.is_ascii() {
        return std::borrow::Cow::Borrowed(word);
    }
    let mut out = String::with_capacity(word.len());
    for c in word.chars() {
        if (DROPPED.0..=DROPPED.1).contains(&c) {
            continue;
        }
        match FOLDS.binary_search_by(|&(k, _)| k.cmp(&c)) {
            Ok(i) => out.push_str(FOLDS[i].1),
            Err(_) => out.push(c),
        }
    }
    if out.is_empty() {
        return std::borrow::Cow::Borrowed(word);
    }
    std::borrow::Cow::Owned(out)
}

/// How many characters of a lower-case word its stem has, by the Snowball Swedish
/// stemmer (`rust-stemmers`): "avtalen" → 5 ("avtal"). The stemmer only removes
/// endings, so the stem is the word's first characters; should it ever answer
/// otherwise, the whole word is its own stem.
pub(crate) fn stem_chars(word: &str) -> usize {
    let stemmer = rust_stemmers::Stemmer::create(rust_stemmers::Algorithm::Swedish);
    let stem = stemmer.stem(word);
    if word.starts_with(&*stem) {
        stem.chars().count()
    } else {
        word.chars().count()
    }
}

/// Lower-cases the [`CAPITALS`] byte by byte; other characters are kept as they are.
///
/// Written out rather than driven by the table because it runs over every page's whole
/// text; a test proves it maps exactly the table, character for character.
pub(crate) fn lowercase(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut from = 0;
    // A Latin-1 capital is 0xC3 and a byte in 0x80..=0x9E (0x97 is `×`); its small
    // letter is 0x20 further on. Both bytes begin and end a character, so the text is
    // copied in slices between them, never re-validated.
    let mut i = 0;
    while let Some(at) = bytes[i..].iter().position(|&b| b == 0xC3) {
        let at = i + at;
        i = at + 1;
        let Some(&next) = bytes.get(at + 1) else {
            break;
        };
        if (0x80..=0x9E).contains(&next) && next != 0x97 {
            out.push_str(&text[from..at]);
            out.push(char::from_u32(0xC0 + u32::from(next - 0x80) + 0x20).unwrap_or('?'));
            from = at + 2;
            i = from;
        }
    }
    out.push_str(&text[from..]);
    out.make_ascii_lowercase();
    out
}

/// Whether each ASCII character separates words, worked out from [`SEPARATORS`] when
/// compiling, so most characters of a page are looked up, not compared.
const ASCII_SEPARATORS: [bool; 128] = {
    let mut table = [false; 128];
    let mut r = 0;
    while r < SEPARATORS.len() {
        let (from, to) = (SEPARATORS[r].0 as u32, SEPARATORS[r].1 as u32);
        let mut c = from;
        while c <= to && c < 128 {
            table[c as usize] = true;
            c += 1;
        }
        r += 1;
    }
    table
};

/// Whether `c` is one of the [`SEPARATORS`].
fn is_separator(c: char) -> bool {
    if c.is_ascii() {
        return ASCII_SEPARATORS[c as usize];
    }
    for &(from, to) in &SEPARATORS {
        if c < from {
            return false;
        }
        if c <= to {
            return true;
        }
    }
    false
}

/// Calls `f` with every word of an already lower-cased text that is indexed: words are
/// split at the [`SEPARATORS`], and those shorter than [`MIN_CHARS`] and the
/// [`STOP_WORDS`] are left out, except numbers ([`is_number`]); a
/// [`NUMBER_JOINERS`] character between two digits joins them. Nothing is allocated.
pub(crate) fn each_term<'t>(lower: &'t str, mut f: impl FnMut(&'t str)) {
    let bytes = lower.as_bytes();
    let mut start = 0;
    let mut i = 0;
    let emit = |from: usize, to: usize, f: &mut dyn FnMut(&'t str)| {
        let word = &lower[from..to];
        if word.is_empty() {
            return;
        }
        // A character has at most four bytes: only a short word needs counting.
        let short = word.len() < MIN_CHARS
            || (word.len() <= 4 * (MIN_CHARS - 1) && word.chars().nth(MIN_CHARS - 1).is_none());
        if (short && !is_number(word)) || is_stop_word(word) {
            return;
        }
        f(word);
    };
    let digit_at = |at: usize| bytes.get(at).is_some_and(u8::is_ascii_digit);
    while i < bytes.len() {
        let len = if bytes[i] < 0x80 {
            if !ASCII_SEPARATORS[usize::from(bytes[i])]
                || (i > start
                    && NUMBER_JOINERS.as_bytes().contains(&bytes[i])
                    && digit_at(i - 1)
                    && digit_at(i + 1))
            {
                i += 1;
                continue;
            }
            1
        } else {
            // `i` is always at the start of a character.
            let Some(c) = lower[i..].chars().next() else {
                break;
            };
            if !is_separator(c) {
                i += c.len_utf8();
                continue;
            }
            c.len_utf8()
        };
        emit(start, i, &mut f);
        i += len;
        start = i;
    }
    emit(start, bytes.len(), &mut f);
}

/// The language as the browser reads it, in `/sok/index/language.json`.
#[derive(Serialize)]
struct Tables {
    /// Raised when a field changes meaning, so an older script can tell.
    version: u32,
    /// [`SEPARATORS`] as code points.
    separators: Vec<[u32; 2]>,
    capitals: &'static str,
    small_letters: &'static str,
    min_chars: usize,
    number_joiners: &'static str,
    stop_words: &'static [&'static str],
    section_words: &'static [&'static str],
    /// [`FOLDS`] as a map.
    folds: BTreeMap<char, &'static str>,
    /// [`DROPPED`] as code points.
    dropped: [u32; 2],
    endings: &'static [&'static str],
    double_consonants: &'static [&'static str],
    min_stem_chars: usize,
}

/// The contents of `/sok/index/language.json`: the same bytes for every build.
pub(crate) fn json() -> String {
    let tables = Tables {
        version: 2,
        separators: SEPARATORS
            .iter()
            .map(|&(from, to)| [from as u32, to as u32])
            .collect(),
        capitals: CAPITALS,
        small_letters: SMALL_LETTERS,
        min_chars: MIN_CHARS,
        number_joiners: NUMBER_JOINERS,
        stop_words: STOP_WORDS,
        section_words: SECTION_WORDS,
        folds: FOLDS.iter().copied().collect(),
        dropped: [DROPPED.0 as u32, DROPPED.1 as u32],
        endings: ENDINGS,
        double_consonants: DOUBLE_CONSONANTS,
        min_stem_chars: MIN_STEM_CHARS,
    };
    serde_json::to_string(&tables).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The words of a text as the index holds them.
    fn words(text: &str) -> Vec<String> {
        let lower = lowercase(text);
        let mut out = Vec::new();
        each_term(&lower, |w| out.push(w.to_string()));
        out
    }

    #[test]
    fn the_shared_cases_split_as_expected() {
        // The same file is read by tests/e2e/tokens.test.mjs for search.js.
        let cases: serde_json::Value =
            serde_json::from_str(include_str!("../../../tests/fixtures/search/tokens.json"))
                .expect("tokens.json is JSON");
        let cases = cases["cases"].as_array().expect("a list of cases");
        assert!(cases.len() >= 20);
        for case in cases {
            let text = case["text"].as_str().expect("a text");
            let expected: Vec<&str> = case["words"]
                .as_array()
                .expect("a list of words")
                .iter()
                .map(|w| w.as_str().expect("a word"))
                .collect();
            assert_eq!(words(text), expected, "{text:?}");
        }
    }

    #[test]
    fn lowercase_maps_exactly_the_table() {
        let small: Vec<char> = SMALL_LETTERS.chars().collect();
        let capitals: Vec<char> = CAPITALS.chars().collect();
        assert_eq!(small.len(), capitals.len());
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let expected = capitals
                .iter()
                .position(|&k| k == c)
                .map_or(c, |i| small[i]);
            let text = format!("x{c}y");
            assert_eq!(lowercase(&text), format!("x{expected}y"), "{c:?}");
        }
        assert_eq!(lowercase("ÅÄÖ ÉÜ × Œ SSBTEK Ö"), "åäö éü × Œ ssbtek ö");
        assert_eq!(lowercase("Ändring – Ändring"), "ändring – ändring");
        assert_eq!(lowercase(""), "");
    }

    #[test]
    fn separators_are_in_order_and_letters_are_not_among_them() {
        for pair in SEPARATORS.windows(2) {
            assert!(pair[0].0 <= pair[0].1 && pair[0].1 < pair[1].0, "{pair:?}");
        }
        for c in CAPITALS.chars().chain(SMALL_LETTERS.chars()) {
            assert!(!is_separator(c), "{c}");
        }
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let listed = SEPARATORS.iter().any(|&(from, to)| from <= c && c <= to);
            assert_eq!(is_separator(c), listed, "{c:?}");
        }
    }

    #[test]
    fn stop_words_are_lower_case_and_in_order() {
        assert!(STOP_WORDS.windows(2).all(|w| w[0] < w[1]));
        for word in STOP_WORDS {
            assert_eq!(lowercase(word), *word);
            assert!(is_stop_word(word));
        }
        assert!(!is_stop_word("avtal"));
    }

    #[test]
    fn section_words_are_lower_case_and_in_order() {
        assert!(SECTION_WORDS.windows(2).all(|w| w[0] < w[1]));
        for word in SECTION_WORDS {
            assert_eq!(lowercase(word), *word);
            assert!(!is_stop_word(word));
        }
    }

    #[test]
    fn folds_are_in_order_and_fold_to_ascii() {
        assert!(FOLDS.windows(2).all(|w| w[0].0 < w[1].0));
        for &(c, to) in FOLDS {
            // Latin-1's small letters (ß and ÿ have no capital there).
            assert!(('ß'..='ÿ').contains(&c) && c != '÷', "{c}");
            assert!(to.bytes().all(|b| b.is_ascii_lowercase()), "{c}");
        }
        assert_eq!(fold("störning"), "storning");
        assert_eq!(fold("åäö éü æ ß"), "aao eu ae ss");
        assert_eq!(fold("cafe\u{301}"), "cafe");
        assert_eq!(fold("\u{301}"), "\u{301}");
        assert_eq!(fold("москва"), "москва");
        assert!(matches!(fold("avtal"), std::borrow::Cow::Borrowed(_)));
    }

    #[test]
    fn the_shared_folds_fold_as_expected() {
        // The same cases are read by tests/e2e/tokens.test.mjs for search.js.
        let cases: serde_json::Value =
            serde_json::from_str(include_str!("../../../tests/fixtures/search/tokens.json"))
                .expect("tokens.json is JSON");
        let cases = cases["folds"].as_array().expect("a list of folds");
        assert!(cases.len() >= 10);
        for case in cases {
            let word = case["word"].as_str().expect("a word");
            assert_eq!(
                fold(word),
                case["fold"].as_str().expect("a fold"),
                "{word:?}"
            );
        }
    }

    #[test]
    fn numbers_are_words_of_any_length() {
        assert!(is_number("5") && is_number("5.3") && is_number("12.4.1") && is_number("08.40"));
        assert!(!is_number("v7") && !is_number("") && !is_number(".5") && !is_number("e0301"));
        assert_eq!(words("punkt 5 och 5.3."), ["punkt", "5", "5.3"]);
    }

    #[test]
    fn the_shared_stems_are_snowball_s() {
        // The same file is read by tests/e2e/search.test.mjs, which finds the same stems
        // through the index the script reads.
        let cases: serde_json::Value =
            serde_json::from_str(include_str!("../../../tests/fixtures/search/stems.json"))
                .expect("stems.json is JSON");
        let cases = cases["stems"].as_array().expect("a list of stems");
        assert!(cases.len() >= 40);
        for case in cases {
            let word = case[0].as_str().expect("a word");
            let stem = case[1].as_str().expect("a stem");
            let chars = stem_chars(word);
            let got: String = word.chars().take(chars).collect();
            assert_eq!(got, stem, "{word}");
            assert_eq!(fold(&got), case[2].as_str().expect("a key"), "{word}");
        }
    }

    /// The stems `search.js` (`stemsOf`) tries for a folded word: the word, and each word
    /// left when one of the [`ENDINGS`] or the last of [`DOUBLE_CONSONANTS`] is taken off,
    /// again and again, keeping [`MIN_STEM_CHARS`].
    fn stems_of(folded: &str) -> Vec<String> {
        let mut out = vec![folded.to_string()];
        let mut i = 0;
        while i < out.len() {
            let word = out[i].clone();
            let chars = word.chars().count();
            let shorter = ENDINGS
                .iter()
                .filter(|e| word.ends_with(*e) && chars - e.len() >= MIN_STEM_CHARS)
                .map(|e| word[..word.len() - e.len()].to_string())
                .chain(
                    DOUBLE_CONSONANTS
                        .iter()
                        .filter(|p| word.ends_with(*p) && chars > MIN_STEM_CHARS)
                        .map(|_| word[..word.len() - 1].to_string()),
                );
            for stem in shorter.collect::<Vec<_>>() {
                if !out.contains(&stem) {
                    out.push(stem);
                }
            }
            i += 1;
        }
        out
    }

    /// Whether `search.js` (`match`), searching a word, takes an indexed word's folded
    /// stem `key` as its own: one of the word's stems, or the start of one, at most two
    /// letters shorter and at least four long.
    fn accepts(folded: &str, key: &str) -> bool {
        let n = key.chars().count();
        stems_of(folded).iter().any(|stem| {
            stem == key || (n >= 4 && n + 2 >= stem.chars().count() && stem.starts_with(key))
        })
    }

    /// The folded stem Snowball gives a word, as the index keeps it.
    fn key_of(word: &str) -> String {
        let stem: String = word.chars().take(stem_chars(word)).collect();
        fold(&stem).into_owned()
    }

    #[test]
    fn every_ending_is_one_the_stemmer_takes_off() {
        assert!(ENDINGS.windows(2).all(|w| w[0] < w[1]));
        assert!(DOUBLE_CONSONANTS.windows(2).all(|w| w[0] < w[1]));
        for base in ["kommun", "tjänst"] {
            for ending in ENDINGS {
                let word = format!("{base}{ending}");
                assert_eq!(key_of(&word), fold(base), "{word}");
            }
            for pair in DOUBLE_CONSONANTS {
                let word = format!("{base}{pair}");
                assert_eq!(key_of(&word), fold(&word[..word.len() - 1]), "{word}");
            }
        }
    }

    #[test]
    fn the_endings_lead_to_every_snowball_stem() {
        // The shared vocabulary, every word of the example portal, and every ending of up
        // to four of the letters the endings are made of after a few stems: whatever the
        // stemmer takes off, the script, taking endings off, comes to the same stem.
        let mut words: Vec<String> = Vec::new();
        let stems: serde_json::Value =
            serde_json::from_str(include_str!("../../../tests/fixtures/search/stems.json"))
                .expect("stems.json is JSON");
        for case in stems["stems"].as_array().expect("a list of stems") {
            words.push(case[0].as_str().expect("a word").to_string());
        }
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut folders = vec![root.join("agreements"), root.join("content")];
        while let Some(folder) = folders.pop() {
            for entry in std::fs::read_dir(&folder).expect("the example portal") {
                let path = entry.expect("a folder entry").path();
                if path.is_dir() {
                    folders.push(path);
                } else if path.extension().is_some_and(|e| e == "md") {
                    let text = lowercase(&std::fs::read_to_string(&path).expect("a page"));
                    each_term(&text, |w| {
                        if !is_number(w) {
                            words.push(w.to_string());
                        }
                    });
                }
            }
        }
        assert!(words.len() > 5000, "{} words", words.len());
        let mut letters: Vec<char> = ENDINGS
            .iter()
            .chain(DOUBLE_CONSONANTS)
            .flat_map(|e| e.chars())
            .collect();
        letters.sort_unstable();
        letters.dedup();
        let mut endings = vec![String::new()];
        for _ in 0..4 {
            let longer: Vec<String> = endings
                .iter()
                .filter(|e| e.len() == endings.last().map_or(0, String::len))
                .flat_map(|e| letters.iter().map(move |c| format!("{e}{c}")))
                .collect();
            endings.extend(longer);
        }
        for base in ["kommun", "myndig", "tjänst"] {
            words.extend(endings.iter().map(|e| format!("{base}{e}")));
        }
        words.sort_unstable();
        words.dedup();
        for word in &words {
            let folded = fold(word);
            let key = key_of(word);
            assert!(
                accepts(&folded, &key),
                "{word}: {key} from {:?}",
                stems_of(&folded)
            );
        }
        assert!(accepts("storningarnas", "storning"));
        assert!(accepts("driftsavtalets", "driftsavtal"));
        assert!(!accepts("avtalsperiod", "avtal"));
    }

    #[test]
    fn the_tables_are_written_the_same_every_time() {
        let json = json();
        assert_eq!(json, super::json());
        assert!(json.starts_with(r#"{"version":2,"separators":[[0,47],[58,64],[91,96],"#));
        let parsed: serde_json::Value = serde_json::from_str(&json).expect("JSON");
        assert_eq!(parsed["stop_words"].as_array().map(Vec::len), Some(60));
    }
}
