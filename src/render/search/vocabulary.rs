//! The index's vocabulary, once every page is in: each distinct word folded, stemmed
//! and split into compounds, and the shard files the script reads.
//!
//! Everything the browser needs to forgive a query is worked out here, once per
//! distinct word rather than per occurrence, so the cost grows with the vocabulary:
//!
//! - **Folding** (`language::fold`): shards are named by the folded spelling, so
//!   "storning" and "störning" are in the same file and the script compares folded forms.
//! - **Stems** (Snowball, `language::stem_chars`): each word carries how many of its
//!   characters are its stem. The script learns a searched word's stem by finding the
//!   word ("avtalet" → 5, "avtal"), and matches the words with the same folded stem.
//! - **Compounds**: a word whose end is another word of at least [`MIN_TAIL`] letters,
//!   after a head of at least [`MIN_HEAD`] ("drifts|avtalet"), is listed under that
//!   word's folded stem ("avtal"), with the results it is in. The script reads the list
//!   with the stem's own words, so "avtal" finds a page that only says "Driftsavtal".
//!   A word is split at most [`MAX_COMPOUND`] characters long, so each word costs a
//!   bounded number of look-ups.

use std::collections::BTreeMap;

use anyhow::Result;
use rayon::prelude::*;

use super::FxMap;
use super::language::{fold, stem_chars};

/// A shard larger than this many postings is split by the first three letters.
const SPLIT_AT: usize = 20_000;
/// The fewest characters before the word a compound ends with.
const MIN_HEAD: usize = 3;
/// The fewest characters of the word a compound ends with, and of its stem.
const MIN_TAIL: usize = 4;
/// Longer words are not split: no Swedish compound worth finding is this long, and a
/// "word" of thousands of letters (an encoded blob) must not cost its length squared.
const MAX_COMPOUND: usize = 40;

/// An indexed word.
struct Word {
    /// As indexed: lower-cased as it stands.
    term: Box<str>,
    /// Folded.
    fold: String,
    /// Characters of `term` that are its stem.
    stem: usize,
    /// The folded stem, the start of `fold`.
    key: String,
    /// Sorted by result.
    postings: Vec<u32>,
}

/// Compounds that end with a word of one stem.
#[derive(Default)]
struct Compounds<'w> {
    /// The compounds, in order.
    words: Vec<&'w str>,
    /// The results they are in that the stem's own words are not, with the best score.
    postings: Vec<u32>,
}

/// One shard file's contents.
#[derive(Default)]
struct Shard<'w> {
    words: Vec<&'w Word>,
    compounds: Vec<(&'w str, Compounds<'w>)>,
}

impl Shard<'_> {
    fn size(&self) -> usize {
        self.words.iter().map(|w| w.postings.len()).sum::<usize>()
            + self
                .compounds
                .iter()
                .map(|(_, c)| c.postings.len() + c.words.len())
                .sum::<usize>()
    }
}

/// Writes each shard's JSON with `write` (its name, its bytes), in parallel; returns the
/// names of the shards, in order.
pub(super) fn write_shards(
    terms: FxMap<Box<str>, Vec<u32>>,
    write: &(dyn Fn(&str, &[u8]) -> Result<()> + Sync),
) -> Result<Vec<String>> {
    let mut words: Vec<Word> = terms
        .into_par_iter()
        .map(|(term, mut postings)| {
            // Each worker's postings are in result order but for the sections, placed
            // after every page: a stable sort merges such runs in about linear time.
            postings.sort();
            let folded = fold(&term).into_owned();
            let stem = stem_chars(&term);
            let stem_bytes = term.char_indices().nth(stem).map_or(term.len(), |(i, _)| i);
            let key = fold(&term[..stem_bytes]).into_owned();
            Word {
                term,
                fold: folded,
                stem,
                key,
                postings,
            }
        })
        .collect();
    words.par_sort_unstable_by(|a, b| a.term.cmp(&b.term));
    let compounds = compounds(&words);

    let mut by_two: BTreeMap<String, Shard<'_>> = BTreeMap::new();
    for word in &words {
        by_two
            .entry(prefix(&word.fold, 2))
            .or_default()
            .words
            .push(word);
    }
    for (key, c) in compounds {
        by_two
            .entry(prefix(key, 2))
            .or_default()
            .compounds
            .push((key, c));
    }
    // Large shards are split by three letters so a search never loads much.
    let mut shards: BTreeMap<String, Shard<'_>> = BTreeMap::new();
    for (name, shard) in by_two {
        if shard.size() <= SPLIT_AT {
            shards.insert(name, shard);
            continue;
        }
        for word in shard.words {
            shards
                .entry(prefix(&word.fold, 3))
                .or_default()
                .words
                .push(word);
        }
        for (key, c) in shard.compounds {
            shards
                .entry(prefix(key, 3))
                .or_default()
                .compounds
                .push((key, c));
        }
    }
    let names: Vec<String> = shards.keys().cloned().collect();
    shards
        .into_par_iter()
        .try_for_each(|(name, shard)| write(&name, shard_json(&shard).as_bytes()))?;
    Ok(names)
}

/// The first `n` characters of a folded word: the shard it belongs to.
fn prefix(word: &str, n: usize) -> String {
    word.chars().take(n).collect()
}

/// Every stem that whole words end with, and the compounds that do, by stem in order.
fn compounds(words: &[Word]) -> Vec<(&str, Compounds<'_>)> {
    // A folded spelling and the stem of the first word (in order) spelt so.
    let mut stems: FxMap<&str, &str> = FxMap::default();
    for word in words {
        stems.entry(word.fold.as_str()).or_insert(word.key.as_str());
    }
    let found: Vec<(usize, Vec<&str>)> = words
        .par_iter()
        .enumerate()
        .filter_map(|(i, word)| {
            let chars = word.fold.chars().count();
            if !(MIN_HEAD + MIN_TAIL..=MAX_COMPOUND).contains(&chars) {
                return None;
            }
            let mut keys: Vec<&str> = word
                .fold
                .char_indices()
                .skip(MIN_HEAD)
                .take(chars + 1 - MIN_HEAD - MIN_TAIL)
                .filter_map(|(at, _)| stems.get(&word.fold[at..]).copied())
                .filter(|key| key.chars().count() >= MIN_TAIL && *key != word.key)
                .collect();
            keys.sort_unstable();
            keys.dedup();
            (!keys.is_empty()).then_some((i, keys))
        })
        .collect();
    let mut by_key: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, keys) in found {
        for key in keys {
            by_key.entry(key).or_default().push(i);
        }
    }
    // The results of each stem's own words, which need no compound to be found.
    let mut own: FxMap<&str, Vec<u32>> = FxMap::default();
    for word in words {
        if by_key.contains_key(word.key.as_str()) {
            own.entry(word.key.as_str())
                .or_default()
                .extend(word.postings.iter().map(|p| p >> 8));
        }
    }
    by_key
        .into_par_iter()
        .map(|(key, members)| {
            let mut found = own.get(key).cloned().unwrap_or_default();
            found.sort_unstable();
            found.dedup();
            let mut postings: Vec<u32> = members
                .iter()
                .flat_map(|&i| words[i].postings.iter().copied())
                // A score of nothing (a section's document title) finds nothing.
                .filter(|p| p & 0xff > 0 && found.binary_search(&(p >> 8)).is_err())
                .collect();
            // By result, the best score last, then one posting per result.
            postings.sort_unstable();
            let mut best: Vec<u32> = Vec::with_capacity(postings.len());
            for p in postings {
                match best.last_mut() {
                    Some(last) if *last >> 8 == p >> 8 => *last = p,
                    _ => best.push(p),
                }
            }
            let compounds = Compounds {
                words: members.iter().map(|&i| &*words[i].term).collect(),
                postings: best,
            };
            (key, compounds)
        })
        .filter(|(_, c)| !c.postings.is_empty())
        .collect()
}

/// A shard as the script reads it.
fn shard_json(shard: &Shard<'_>) -> String {
    let mut json = String::from("{\"w\":{");
    // itoa: millions of small numbers, without the formatting machinery.
    let mut digits = itoa::Buffer::new();
    let mut push_postings = |json: &mut String, postings: &[u32]| {
        for (j, posting) in postings.iter().enumerate() {
            if j > 0 {
                json.push(',');
            }
            json.push_str(digits.format(posting >> 8));
            json.push(',');
            json.push_str(digits.format(posting & 0xff));
        }
    };
    for (i, word) in shard.words.iter().enumerate() {
        if i > 0 {
            json.push(',');
        }
        json.push_str(&serde_json::to_string(&*word.term).unwrap_or_default());
        json.push_str(":[");
        json.push_str(itoa::Buffer::new().format(word.stem));
        if !word.postings.is_empty() {
            json.push(',');
        }
        push_postings(&mut json, &word.postings);
        json.push(']');
    }
    json.push_str("},\"c\":{");
    for (i, (key, c)) in shard.compounds.iter().enumerate() {
        if i > 0 {
            json.push(',');
        }
        json.push_str(&serde_json::to_string(key).unwrap_or_default());
        json.push_str(":{\"w\":");
        json.push_str(&serde_json::to_string(&c.words).unwrap_or_default());
        json.push_str(",\"p\":[");
        push_postings(&mut json, &c.postings);
        json.push_str("]}");
    }
    json.push_str("}}");
    json
}
