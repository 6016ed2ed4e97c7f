//! The matcher of defined terms in running text: uses of a term with its capital initial
//! (a lower-case definition is matched capitalised), each of its words in any Swedish
//! inflection ("Kommunernas tjänsteleverantörer" uses the term "Kommuns
//! tjänsteleverantör"), found in one pass over the text however many terms there are.
//!
//! Each word of a term is known by its stems: the word as defined, and the word without a
//! definite or genitive ending (Parterna → Part, Kommuns → Kommun, Uppdraget → Uppdrag).
//! The stems of one word make one word class. A word of the text belongs to the class of
//! the longest stem it consists of, followed by one of the inflection [`ENDINGS`]: at most
//! six hash lookups a word, as the endings have six lengths. A term is then a string of
//! word classes and the separators between its words, the text is written the same way,
//! and one Aho-Corasick automaton over those strings finds every term in the text: linear
//! in the text, whatever the number of terms and of words in each (a scan per term, or
//! per term and word, would not be). See: issue 13, point 5.
//!
//! Each class and separator is written as one character of the supplementary planes, all
//! four bytes long in UTF-8, so a match starts and ends on a symbol and symbol n is at
//! byte 4n.

use std::collections::{HashMap, HashSet};
use std::hash::BuildHasherDefault;
use std::ops::Range;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

use crate::render::search::FxHasher;
use crate::util::source::collapse_whitespace;

/// Endings a word of a term may carry in the text and still be that word: plural,
/// definite and genitive forms (Komponent → Komponenterna, Uppdraget → Uppdragets).
/// All ASCII, five letters at most.
const ENDINGS: &[&str] = &[
    "", "s", "n", "ns", "t", "ts", "en", "ens", "et", "ets", "na", "nas", "er", "ers", "erna",
    "ernas", "ar", "ars", "arna", "arnas", "or", "ors", "orna", "ornas", "r", "rs", "rna", "rnas",
];

/// The longest of [`ENDINGS`], in bytes.
const LONGEST_ENDING: usize = 5;

/// [`ENDINGS`] as [`ending_key`]s: every word of the text is tried with up to six
/// endings, and comparing 28 integers costs far less than 28 string comparisons.
const ENDING_KEYS: [u64; ENDINGS.len()] = {
    let mut keys = [0; ENDINGS.len()];
    let mut i = 0;
    while i < ENDINGS.len() {
        keys[i] = match ending_key(ENDINGS[i].as_bytes()) {
            Some(key) => key,
            None => panic!("an ending is ASCII and at most LONGEST_ENDING bytes"),
        };
        i += 1;
    }
    keys
};

/// A possible ending as one integer: its length and its bytes; `None` for anything
/// longer than [`LONGEST_ENDING`] or not ASCII, which is no ending.
const fn ending_key(bytes: &[u8]) -> Option<u64> {
    if bytes.len() > LONGEST_ENDING {
        return None;
    }
    let mut key = bytes.len() as u64;
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii() {
            return None;
        }
        key = key << 8 | bytes[i] as u64;
        i += 1;
    }
    Some(key)
}

fn is_ending(bytes: &[u8]) -> bool {
    ending_key(bytes).is_some_and(|key| ENDING_KEYS.contains(&key))
}

/// The map of stems: keyed by words of the portal's own definitions and only looked up
/// with the words of the text, so the fast hash of the search index serves.
type StemMap = HashMap<String, u32, BuildHasherDefault<FxHasher>>;

/// Endings taken off a defined word to find its stem, longest first: definite forms
/// (Avtalet → Avtal, Parterna → Part) and the genitive (Kommuns → Kommun).
const STRIPPED: &[&str] = &[
    "ernas", "arnas", "ornas", "erna", "arna", "orna", "ens", "ets", "en", "et", "na", "s",
];

/// A stem keeps at least this many letters: "Kurs" is not the genitive of "Kur".
const MIN_STEM: usize = 4;

/// A word of the text that belongs to no term.
const UNKNOWN: u32 = 0;
/// A separator of the text found in no term (", ", ". ", …): a term never spans it.
const BREAK: u32 = 1;
/// Whitespace between two words.
const SPACE: u32 = 2;
/// The first symbol given to a word class or another separator.
const FIRST_FREE: u32 = 3;
/// Symbols are written from the first supplementary plane on.
const PLANE: u32 = 0x1_0000;
/// Symbols there are room for.
const SYMBOLS: u32 = 0x10_FFFF - PLANE + 1;

fn symbol(id: u32) -> char {
    char::from_u32(PLANE + id).expect("symbols are counted against SYMBOLS")
}

/// Finds uses of terms, and of nothing inside protected names.
#[derive(Debug)]
pub(super) struct TermMatcher {
    /// Every stem of every word of a term → its word class's symbol.
    stems: StemMap,
    /// Separators inside terms other than whitespace (`-` in "IT-organisation") → symbol.
    separators: HashMap<String, u32>,
    automaton: AhoCorasick,
    /// By pattern id: the term it finds.
    terms: Vec<usize>,
    /// Names whose words are never terms, matched as written.
    protected: Option<AhoCorasick>,
    /// Those names, for the tests.
    #[cfg(test)]
    pub(super) protected_names: Vec<String>,
}

/// The words of a text, by range: runs of letters and digits.
fn words(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let mut chars = text.char_indices().peekable();
    std::iter::from_fn(move || {
        let start = loop {
            let (i, c) = chars.next()?;
            if c.is_alphanumeric() {
                break i;
            }
        };
        let mut end = text.len();
        while let Some(&(i, c)) = chars.peek() {
            if !c.is_alphanumeric() {
                end = i;
                break;
            }
            chars.next();
        }
        Some(start..end)
    })
}

/// A term's form as it is used: with a capital initial.
fn capitalised(form: &str) -> String {
    let mut form = collapse_whitespace(form);
    if let Some(first) = form.chars().next().filter(|c| c.is_lowercase()) {
        let upper: String = first.to_uppercase().collect();
        form.replace_range(..first.len_utf8(), &upper);
    }
    form
}

/// The stem of a defined word without its definite or genitive ending, if it has one
/// and enough is left.
fn stripped(word: &str) -> Option<&str> {
    let ending = STRIPPED.iter().find(|e| word.ends_with(*e))?;
    let stem = &word[..word.len() - ending.len()];
    (stem.chars().count() >= MIN_STEM).then_some(stem)
}

/// Word classes: the stems of one word are one class (union-find over the stems).
#[derive(Default)]
struct Classes {
    ids: HashMap<String, usize>,
    parent: Vec<usize>,
}

impl Classes {
    fn id(&mut self, stem: &str) -> usize {
        if let Some(&id) = self.ids.get(stem) {
            return id;
        }
        let id = self.parent.len();
        self.parent.push(id);
        self.ids.insert(stem.to_string(), id);
        id
    }

    fn root(&mut self, mut id: usize) -> usize {
        while self.parent[id] != id {
            self.parent[id] = self.parent[self.parent[id]];
            id = self.parent[id];
        }
        id
    }

    fn join(&mut self, a: &str, b: &str) {
        let (a, b) = (self.id(a), self.id(b));
        let (a, b) = (self.root(a), self.root(b));
        self.parent[a.max(b)] = a.min(b);
    }
}

impl TermMatcher {
    /// A matcher of the given forms, each with the term it is a form of, in order of
    /// precedence: where two forms are written alike, the first counts. `None` when no
    /// form has a word.
    pub(super) fn new<'f>(forms: impl IntoIterator<Item = (&'f str, usize)>) -> Option<Self> {
        let forms: Vec<(String, usize)> = forms
            .into_iter()
            .map(|(f, t)| (capitalised(f), t))
            .collect();
        let mut classes = Classes::default();
        for (form, _) in &forms {
            for range in words(form) {
                let word = &form[range];
                classes.id(word);
                if let Some(stem) = stripped(word) {
                    classes.join(word, stem);
                }
            }
        }
        // A stem that is another stem with an ending ("Kommuner" of "Sveriges Kommuner och
        // Regioner", "Kommun") is that word too: a word of the text has one class, and
        // "Kommuner" must stay a use of "Kommun".
        let mut all: Vec<String> = classes.ids.keys().cloned().collect();
        all.sort_unstable();
        for stem in &all {
            for cut in 1..=LONGEST_ENDING.min(stem.len() - 1) {
                let at = stem.len() - cut;
                if stem.is_char_boundary(at)
                    && is_ending(&stem.as_bytes()[at..])
                    && classes.ids.contains_key(&stem[..at])
                {
                    classes.join(stem, &stem[..at]);
                }
            }
        }
        let mut next = FIRST_FREE;
        let mut class_symbols: HashMap<usize, u32> = HashMap::new();
        let mut stems = StemMap::with_capacity_and_hasher(classes.ids.len(), Default::default());
        // In the order the stems were met, so the symbols do not depend on hashing.
        let mut all: Vec<(String, usize)> =
            classes.ids.iter().map(|(s, &i)| (s.clone(), i)).collect();
        all.sort_unstable_by_key(|&(_, i)| i);
        for (stem, id) in all {
            let root = classes.root(id);
            let symbol = *class_symbols.entry(root).or_insert_with(|| {
                next += 1;
                next - 1
            });
            stems.insert(stem, symbol);
        }
        let mut matcher = TermMatcher {
            stems,
            separators: HashMap::new(),
            // Replaced below; an automaton of no patterns matches nothing.
            automaton: AhoCorasick::new::<_, &str>([]).ok()?,
            terms: Vec::new(),
            protected: None,
            #[cfg(test)]
            protected_names: Vec::new(),
        };
        let mut patterns = Vec::new();
        let mut seen = HashSet::new();
        for (form, term) in &forms {
            let Some(pattern) = matcher.pattern(form, &mut next) else {
                continue;
            };
            if seen.insert(pattern.clone()) {
                patterns.push(pattern);
                matcher.terms.push(*term);
            }
        }
        if patterns.is_empty() {
            return None;
        }
        matcher.automaton = build(&patterns)?;
        Some(matcher)
    }

    /// A form written as symbols: its words' classes and the separators between them,
    /// new separators given the symbols from `next` on. `None` for a form without words
    /// or when the symbols run out (far beyond any portal's terms).
    fn pattern(&mut self, form: &str, next: &mut u32) -> Option<String> {
        let mut pattern = String::new();
        let mut last_end = None;
        for range in words(form) {
            if let Some(end) = last_end {
                let sep = &form[end..range.start];
                let id = if sep.chars().all(char::is_whitespace) {
                    SPACE
                } else {
                    let key = collapse_whitespace(sep);
                    match self.separators.get(&key) {
                        Some(&id) => id,
                        None => {
                            self.separators.insert(key, *next);
                            *next += 1;
                            *next - 1
                        }
                    }
                };
                pattern.push(symbol_checked(id)?);
            }
            let class = *self.stems.get(&form[range.clone()])?;
            pattern.push(symbol_checked(class)?);
            last_end = Some(range.end);
        }
        (!pattern.is_empty()).then_some(pattern)
    }

    /// Keeps the words of these names from being linked as terms: parties and document
    /// titles ("Sveriges Kommuner och Regioner" holds "Kommuner"). Only a name with a
    /// term inside is kept: a large portal has hundreds of term sets and thousands of
    /// titles, and a name without a term changes nothing. A name that is itself a term
    /// stays a term.
    pub(super) fn protect(&mut self, names: &[&str]) {
        let mut seen = HashSet::new();
        let mut kept: Vec<&str> = Vec::new();
        for &name in names {
            let found = self.find_unprotected(name);
            let whole = found.iter().any(|&(s, e, _)| s == 0 && e == name.len());
            if !found.is_empty() && !whole && seen.insert(name) {
                kept.push(name);
            }
        }
        if kept.is_empty() {
            return;
        }
        self.protected = build(&kept);
        #[cfg(test)]
        {
            self.protected_names = kept.iter().map(|n| n.to_string()).collect();
        }
    }

    /// Every use of a term in normalised text: (start, end, term), whole words only,
    /// none inside a protected name.
    pub(super) fn find(&self, text: &str) -> Vec<(usize, usize, usize)> {
        let mut found = self.find_unprotected(text);
        if found.is_empty() {
            return found;
        }
        let Some(protected) = &self.protected else {
            return found;
        };
        // A use inside a name, or partly in it, is no use; a term that holds the whole
        // name is. Both lists are in the order of the text and without overlaps, so one
        // pass over the two decides (a name is looked at by at most two uses).
        let names: Vec<(usize, usize)> = protected
            .find_iter(text)
            .map(|n| (n.start(), n.end()))
            .collect();
        let mut first = 0;
        found.retain(|&(start, end, _)| {
            while names.get(first).is_some_and(|&(_, e)| e <= start) {
                first += 1;
            }
            names[first..]
                .iter()
                .take_while(|&&(s, _)| s < end)
                .all(|&(s, e)| start <= s && e <= end)
        });
        found
    }

    fn find_unprotected(&self, text: &str) -> Vec<(usize, usize, usize)> {
        let Some((symbols, words)) = self.encode(text) else {
            return Vec::new();
        };
        self.automaton
            .find_iter(&symbols)
            .map(|m| {
                // Words are the even symbols; a match starts and ends on a word.
                let first = m.start() / 4 / 2;
                let last = (m.end() / 4 - 1) / 2;
                (
                    words[first].start,
                    words[last].end,
                    self.terms[m.pattern().as_usize()],
                )
            })
            .collect()
    }

    /// The text as symbols, word and separator in turn, and the range of each word;
    /// `None` when no word of it belongs to a term (the common case: no search).
    fn encode(&self, text: &str) -> Option<(String, Vec<Range<usize>>)> {
        let mut symbols = String::new();
        let mut ranges: Vec<Range<usize>> = Vec::new();
        let mut known = false;
        for range in words(text) {
            if let Some(last) = ranges.last() {
                symbols.push(symbol(self.separator(&text[last.end..range.start])));
            }
            let class = self.class_of(&text[range.clone()]);
            known |= class != UNKNOWN;
            symbols.push(symbol(class));
            ranges.push(range);
        }
        known.then_some((symbols, ranges))
    }

    /// The class of a word of the text: that of the longest stem it is, followed by an
    /// ending.
    fn class_of(&self, word: &str) -> u32 {
        for cut in 0..=LONGEST_ENDING.min(word.len() - 1) {
            let at = word.len() - cut;
            if !word.is_char_boundary(at) {
                continue;
            }
            let (stem, ending) = word.split_at(at);
            if is_ending(ending.as_bytes())
                && let Some(&class) = self.stems.get(stem)
            {
                return class;
            }
        }
        UNKNOWN
    }

    fn separator(&self, sep: &str) -> u32 {
        if sep.chars().all(char::is_whitespace) {
            SPACE
        } else if self.separators.is_empty() {
            BREAK
        } else {
            let key = collapse_whitespace(sep);
            self.separators.get(&key).copied().unwrap_or(BREAK)
        }
    }
}

fn symbol_checked(id: u32) -> Option<char> {
    (id < SYMBOLS).then(|| symbol(id))
}

/// A contiguous NFA builds much faster than a DFA, and portals have many small term
/// sets; searching it is still one pass over the text.
fn build<P: AsRef<[u8]>>(patterns: &[P]) -> Option<AhoCorasick> {
    AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .kind(Some(AhoCorasickKind::ContiguousNFA))
        .build(patterns)
        .ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matcher(forms: &[&str]) -> TermMatcher {
        TermMatcher::new(forms.iter().enumerate().map(|(i, f)| (*f, i))).unwrap()
    }

    fn found<'t>(m: &TermMatcher, text: &'t str) -> Vec<(&'t str, usize)> {
        m.find(text)
            .into_iter()
            .map(|(s, e, t)| (&text[s..e], t))
            .collect()
    }

    #[test]
    fn every_word_of_a_term_is_inflected() {
        // See: issue 13, point 5.
        let m = matcher(&["Kommuns tjänsteleverantör", "Kommun"]);
        assert_eq!(
            found(
                &m,
                "Kommunernas tjänsteleverantörer, Kommunens tjänsteleverantör och Kommuns tjänsteleverantörs avtal."
            ),
            [
                ("Kommunernas tjänsteleverantörer", 0),
                ("Kommunens tjänsteleverantör", 0),
                ("Kommuns tjänsteleverantörs", 0),
            ]
        );
        // A word alone is the one-word term.
        assert_eq!(found(&m, "varje Kommuns ansvar"), [("Kommuns", 1)]);
        // Not across a comma.
        assert_eq!(found(&m, "Kommuns, tjänsteleverantör"), [("Kommuns", 1)]);
        // The second word is matched as written: lower case.
        assert_eq!(found(&m, "Kommuns Tjänsteleverantör"), [("Kommuns", 1)]);
    }

    #[test]
    fn separators_inside_a_term_must_be_there() {
        let m = matcher(&["IT-organisation", "Part"]);
        assert_eq!(
            found(
                &m,
                "IT-organisationen och IT organisation, Parts och Part-IT"
            ),
            [("IT-organisationen", 0), ("Parts", 1), ("Part", 1)]
        );
    }

    #[test]
    fn a_term_is_never_the_start_of_a_longer_word() {
        let m = matcher(&["Kommun", "Avtalet", "SKR"]);
        assert_eq!(
            found(
                &m,
                "Kommunikation, Kommunal, Avtalsrätt, Kommun2, SKR:s, Avtalets"
            ),
            [("SKR", 2), ("Avtalets", 1)]
        );
    }

    #[test]
    fn terms_that_are_inflections_of_each_other_are_one_word() {
        // "Parterna" is "Part" + "erna" and "Parter" + "na": the two are one word, and
        // the term first in precedence links it, as with two forms of one term.
        let m = matcher(&["Part", "Parter"]);
        assert_eq!(found(&m, "Parterna"), [("Parterna", 0)]);
        assert_eq!(found(&m, "Parter"), [("Parter", 0)]);
    }

    #[test]
    fn protected_names_hide_their_words() {
        let mut m = matcher(&["Kommun", "Sveriges Kommuner och Regioner och mer"]);
        m.protect(&[
            "Sveriges Kommuner och Regioner",
            "Avtal om Anslutning",
            "Sveriges Kommuner och Regioner och mer",
        ]);
        assert_eq!(m.protected_names, ["Sveriges Kommuner och Regioner"]);
        assert_eq!(
            found(&m, "Sveriges Kommuner och Regioner och varje Kommun"),
            [("Kommun", 0)]
        );
        // A term holding the whole name is still a term.
        assert_eq!(
            found(&m, "Sveriges Kommuner och Regioner och mer"),
            [("Sveriges Kommuner och Regioner och mer", 1)]
        );
    }

    #[test]
    fn many_words_and_terms_stay_linear() {
        // A term of many words, and a text of its first words again and again: one pass.
        let long: String = (0..200).map(|i| format!("Ord{i} ")).collect();
        let m = matcher(&[long.trim(), "Ord0"]);
        let text = "Ord0 Ord1 Ord2 ".repeat(20_000);
        let started = std::time::Instant::now();
        assert_eq!(m.find(&text).len(), 20_000);
        assert!(started.elapsed().as_secs() < 5);
    }
}
