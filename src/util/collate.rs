//! Swedish alphabetical order, for every list a reader scans by title: the documents on
//! `/avtal/`, the main navigation, the site map, the glossary.
//!
//! What a Swedish reader expects of such a list (the order of SAOL and of the Swedish
//! tailoring of the Unicode Collation Algorithm, as far as titles need it):
//! - å, ä, ö are letters of their own after z (`Översikt` after `Zon`), æ sorts as ä and
//!   ø as ö; other accented letters sort as their base letter (`é` as `e`), ü as y;
//! - case does not decide the order (`avtal` and `Avtal` sit together);
//! - a hyphen, an en or em dash and spaces all separate words alike, so `SSBTEK - X`,
//!   `SSBTEK – X` and `SSBTEK-X` sort together, and a shorter word comes before a longer
//!   one that begins with it (`Avtal X` before `Avtalet`); other punctuation is ignored;
//! - numbers compare by value (`Bilaga 2` before `Bilaga 10`).
//!
//! Ties on all that are broken by accents, then by case (lower case first), then by the
//! text itself, so the order is total and every build sorts alike.
//!
//! Hand-written rather than ICU4X's collator: that brings a large data set and a dozen
//! crates for what these few rules decide, and titles need no more.

/// A title's sort key in Swedish order; build it once per title
/// (`sort_by_cached_key`) and compare keys.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct SwedishKey {
    /// The letters, numbers and word breaks, folded (see the module's rules).
    primary: Vec<u32>,
    /// Which letters carried an accent, in order.
    accents: Vec<u32>,
    /// Which letters were upper case, in order (lower case first).
    case: Vec<bool>,
    /// The text itself, the last resort.
    text: String,
}

/// Between words.
const SEPARATOR: u32 = 1;
/// Starts a number: then its count of digits (leading zeros aside) and the digits.
const NUMBER: u32 = 2;
/// `a` is this; `z` is `LETTERS + 25`, then å, ä, ö.
const LETTERS: u32 = 100;
/// Letters outside the Swedish alphabet, by code point, after ö.
const OTHER: u32 = 1000;

/// The sort key of `text`.
pub(crate) fn swedish_key(text: &str) -> SwedishKey {
    let mut key = SwedishKey {
        primary: Vec::with_capacity(text.len()),
        accents: Vec::new(),
        case: Vec::new(),
        text: text.to_string(),
    };
    let mut chars = text.chars().peekable();
    // A word break is written only between two words, once.
    let mut pending_break = false;
    while let Some(c) = chars.next() {
        if c.is_ascii_digit() {
            if pending_break && !key.primary.is_empty() {
                key.primary.push(SEPARATOR);
            }
            pending_break = false;
            let mut digits = vec![c];
            while let Some(&d) = chars.peek().filter(|d| d.is_ascii_digit()) {
                digits.push(d);
                chars.next();
            }
            let significant: Vec<u32> = digits
                .iter()
                .skip_while(|&&d| d == '0')
                .map(|&d| d as u32 - '0' as u32)
                .collect();
            key.primary.push(NUMBER);
            key.primary.push(significant.len() as u32);
            key.primary.extend(significant);
        } else if c.is_alphabetic() {
            if pending_break && !key.primary.is_empty() {
                key.primary.push(SEPARATOR);
            }
            pending_break = false;
            let mut lower = c.to_lowercase();
            let first = lower.next().unwrap_or(c);
            key.case.push(c != first);
            for l in std::iter::once(first).chain(lower) {
                let (weight, accent) = letter(l);
                key.primary.push(weight);
                key.accents.push(accent);
            }
        } else if c.is_whitespace() || is_dash(c) || c == '/' || c == '_' {
            pending_break = true;
        }
        // Other punctuation (quotes, brackets, full stops, commas, colons) is ignored.
    }
    key
}

/// Whether `c` is a hyphen or dash of any kind.
fn is_dash(c: char) -> bool {
    matches!(
        c,
        '-' | '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{FE58}' | '\u{FE63}' | '\u{FF0D}'
    )
}

/// A lower-case letter's primary weight and its accent (0 for none).
fn letter(c: char) -> (u32, u32) {
    let (base, accent) = match c {
        'å' => return (LETTERS + 26, 0),
        'ä' => return (LETTERS + 27, 0),
        'ö' => return (LETTERS + 28, 0),
        'æ' => return (LETTERS + 27, 1),
        'ø' => return (LETTERS + 28, 1),
        'ü' | 'ű' => ('y', 1),
        'à' | 'á' | 'â' | 'ã' | 'ā' | 'ă' | 'ą' => ('a', c as u32),
        'ç' | 'ć' | 'č' => ('c', c as u32),
        'ð' | 'ď' | 'đ' => ('d', c as u32),
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'ě' => ('e', c as u32),
        'ì' | 'í' | 'î' | 'ï' | 'ī' | 'į' | 'ı' => ('i', c as u32),
        'ł' | 'ľ' | 'ĺ' => ('l', c as u32),
        'ñ' | 'ń' | 'ň' => ('n', c as u32),
        'ò' | 'ó' | 'ô' | 'õ' | 'ō' | 'ő' => ('o', c as u32),
        'ř' | 'ŕ' => ('r', c as u32),
        'ś' | 'š' | 'ş' | 'ß' => ('s', c as u32),
        'ť' | 'ţ' => ('t', c as u32),
        'ù' | 'ú' | 'û' | 'ū' | 'ů' => ('u', c as u32),
        'ý' | 'ÿ' => ('y', c as u32),
        'ź' | 'ż' | 'ž' => ('z', c as u32),
        'þ' => return (OTHER + c as u32, 0),
        c => (c, 0),
    };
    if base.is_ascii_lowercase() {
        (LETTERS + (base as u32 - 'a' as u32), accent)
    } else {
        (OTHER + base as u32, accent)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cmp::Ordering;

    fn swedish_cmp(a: &str, b: &str) -> Ordering {
        swedish_key(a).cmp(&swedish_key(b))
    }

    fn sorted(list: &[&str]) -> Vec<String> {
        let mut v: Vec<String> = list.iter().map(|s| s.to_string()).collect();
        v.sort_by_cached_key(|s| swedish_key(s));
        v
    }

    #[test]
    fn a_ring_a_umlaut_o_umlaut_come_after_z_in_that_order() {
        assert_eq!(
            sorted(&[
                "Översikt",
                "Ändring",
                "Zon",
                "Åtgärd",
                "Avtal",
                "Öppen",
                "ärende"
            ]),
            [
                "Avtal",
                "Zon",
                "Åtgärd",
                "Ändring",
                "ärende",
                "Öppen",
                "Översikt"
            ]
        );
    }

    #[test]
    fn case_does_not_decide_but_breaks_ties_lower_first() {
        assert_eq!(
            sorted(&["banan", "Avtal", "avtal", "Bilaga"]),
            ["avtal", "Avtal", "banan", "Bilaga"]
        );
    }

    #[test]
    fn dashes_and_spaces_separate_words_alike() {
        // The real titles: "Definitioner" sorted between two "SSBTEK – …" by id.
        assert_eq!(
            sorted(&[
                "SSBTEK – Driftsavtal",
                "Definitioner",
                "SSBTEK - Beskrivning och tjänstespecifika villkor",
                "Allmänna villkor",
                "SSBTEK—Anslutningsavtal kommun",
            ]),
            [
                "Allmänna villkor",
                "Definitioner",
                "SSBTEK—Anslutningsavtal kommun",
                "SSBTEK - Beskrivning och tjänstespecifika villkor",
                "SSBTEK – Driftsavtal",
            ]
        );
        assert_ne!(
            swedish_cmp("SSBTEK – Driftsavtal", "SSBTEK - Driftsavtal"),
            Ordering::Equal,
            "the order is total"
        );
        assert_eq!(
            swedish_key("SSBTEK – Driftsavtal").primary,
            swedish_key("ssbtek-driftsavtal").primary
        );
    }

    #[test]
    fn a_word_comes_before_a_longer_word_it_begins() {
        assert_eq!(
            sorted(&["Avtalet", "Avtal om anslutning", "Avtal"]),
            ["Avtal", "Avtal om anslutning", "Avtalet"]
        );
    }

    #[test]
    fn numbers_compare_by_value() {
        assert_eq!(
            sorted(&["Bilaga 10", "Bilaga 2", "Bilaga 1", "Bilaga 02"]),
            ["Bilaga 1", "Bilaga 02", "Bilaga 2", "Bilaga 10"]
        );
        // Digits before letters, as in every Swedish index.
        assert_eq!(
            sorted(&["Avtal", "2026 års plan"]),
            ["2026 års plan", "Avtal"]
        );
    }

    #[test]
    fn accented_letters_sort_with_their_base_letter() {
        assert_eq!(
            sorted(&["Ezra", "Éva", "Eva", "Müller", "Myr", "Mz"]),
            ["Eva", "Éva", "Ezra", "Müller", "Myr", "Mz"]
        );
        assert_eq!(
            sorted(&["Zeta", "Æble", "Ørsted"]),
            ["Zeta", "Æble", "Ørsted"]
        );
    }

    #[test]
    fn punctuation_is_ignored_and_the_order_is_total() {
        assert_eq!(
            swedish_key("\"Avtal\" (2)").primary,
            swedish_key("Avtal 2").primary
        );
        assert_ne!(swedish_cmp("\"Avtal\" (2)", "Avtal 2"), Ordering::Equal);
        assert_eq!(swedish_cmp("", ""), Ordering::Equal);
        assert_eq!(swedish_cmp("", "a"), Ordering::Less);
        assert_eq!(swedish_cmp("  – ", ""), Ordering::Greater);
    }

    #[test]
    fn long_numbers_and_odd_characters_do_not_panic() {
        let long = "9".repeat(10_000);
        assert_eq!(swedish_cmp(&long, "1"), Ordering::Greater);
        assert!(swedish_cmp("İstanbul", "Istanbul").is_ne());
        assert_eq!(sorted(&["Ω", "ö", "z"]), ["z", "ö", "Ω"]);
    }
}
