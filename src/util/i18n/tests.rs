use std::collections::{BTreeMap, BTreeSet};

use super::*;

/// Per message id: the names of its attributes, and per part (value or attribute) the
/// variables it uses. Read from the FTL text: ids start a line, attributes are indented
/// lines starting with `.`.
type Outline = BTreeMap<String, BTreeMap<String, BTreeSet<String>>>;

/// The outline of every file of one language (`lang`: 1 Swedish, 2 English).
fn outline_of(lang: usize) -> Outline {
    let mut out = Outline::new();
    for file in FILES {
        let ftl = if lang == 1 { file.1 } else { file.2 };
        outline_into(ftl, &mut out);
    }
    out
}

fn outline_into(ftl: &str, out: &mut Outline) {
    let mut id = String::new();
    let mut part = String::new();
    for line in ftl.lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let text = if !line.starts_with(' ') {
            let (name, rest) = line.split_once('=').expect("`id = value`");
            id = name.trim().to_string();
            part = String::new();
            assert!(!out.contains_key(&id), "`{id}` is defined twice");
            rest
        } else if let Some(attr) = line.trim_start().strip_prefix('.')
            && let Some((name, rest)) = attr.split_once('=')
        {
            part = name.trim().to_string();
            rest
        } else {
            line
        };
        let vars = out
            .entry(id.clone())
            .or_default()
            .entry(part.clone())
            .or_default();
        for piece in text.split('$').skip(1) {
            let name: String = piece
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == '-')
                .collect();
            vars.insert(name);
        }
    }
}

#[test]
fn both_catalogues_parse() {
    for (name, sv, en) in FILES {
        for (tag, ftl) in [("sv", sv), ("en", en)] {
            if let Err((_, errors)) = FluentResource::try_new(ftl.to_string()) {
                panic!("{tag}/{name}.ftl: {errors:?}");
            }
        }
    }
}

#[test]
fn both_languages_have_the_same_messages_attributes_and_arguments() {
    let sv = outline_of(1);
    let en = outline_of(2);
    let sv_ids: BTreeSet<_> = sv.keys().collect();
    let en_ids: BTreeSet<_> = en.keys().collect();
    assert_eq!(sv_ids, en_ids, "messages in one language only");
    for (id, parts) in &sv {
        assert_eq!(parts, &en[id], "`{id}`: attributes or arguments differ");
    }
}

/// Every Rust file under `src/`, with its text.
fn sources() -> Vec<(std::path::PathBuf, String)> {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/src");
    let mut out = Vec::new();
    for entry in walkdir::WalkDir::new(root).sort_by_file_name() {
        let entry = entry.expect("readable src/");
        if entry.path().extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let text = std::fs::read_to_string(entry.path()).expect("UTF-8 source");
        out.push((entry.into_path(), text));
    }
    out
}

#[test]
fn every_message_the_code_uses_is_in_the_catalogue() {
    let catalogue = outline_of(2);
    let mut used = 0;
    for (path, text) in sources() {
        // `msg!(` then, after any whitespace, the id in quotes.
        for piece in text.split("msg!(").skip(1) {
            let Some(id) = piece
                .trim_start()
                .strip_prefix('"')
                .and_then(|p| p.split('"').next())
            else {
                continue;
            };
            if id == "id" || id.contains(' ') {
                continue;
            }
            used += 1;
            assert!(
                catalogue.contains_key(id),
                "{}: `{id}` is not in the catalogue",
                path.display()
            );
        }
    }
    assert!(used > 0, "no msg! found: the scan is broken");
}

/// Whether `word` is a diagnostic's code in lowercase, as message ids start: `e0101`.
fn is_code(word: &str) -> bool {
    let mut chars = word.chars();
    matches!(chars.next(), Some('e' | 'w')) && word.len() == 5 && chars.all(|c| c.is_ascii_digit())
}

/// The codes docs/diagnostics.md explains, from its headings (`### E0101`), in order.
fn documented_codes() -> Vec<String> {
    let docs = include_str!("../../../docs/diagnostics.md");
    let codes: Vec<String> = docs
        .lines()
        .filter_map(|line| line.strip_prefix("### "))
        .filter_map(|heading| heading.split_whitespace().next())
        .filter(|code| is_code(&code.to_ascii_lowercase()))
        .map(str::to_string)
        .collect();
    assert!(
        codes.len() > 40,
        "too few codes found: the docs scan is broken"
    );
    codes
}

/// Ids that start with a code name a documented one; the others (`summary`,
/// `serve-page-title`) are texts that are not diagnostics.
#[test]
fn every_message_id_with_a_code_names_a_documented_code() {
    let documented: BTreeSet<String> = documented_codes().into_iter().collect();
    for id in outline_of(2).keys() {
        let first = id.split('-').next().unwrap_or_default();
        if is_code(first) {
            let code = first.to_ascii_uppercase();
            assert!(
                documented.contains(&code),
                "`{id}`: {code} is not in docs/diagnostics.md"
            );
        }
    }
}

/// See: issue 14, item 1: every code has its messages in both languages.
#[test]
fn every_documented_code_has_a_message_in_both_languages() {
    let mut missing = Vec::new();
    for (lang, outline) in [("sv", outline_of(1)), ("en", outline_of(2))] {
        for code in documented_codes() {
            let prefix = format!("{}-", code.to_ascii_lowercase());
            if !outline.keys().any(|id| id.starts_with(&prefix)) {
                missing.push(format!("{lang}: {code}"));
            }
        }
    }
    assert!(missing.is_empty(), "no message for {missing:?}");
}

/// See: issue 14, item 1: a diagnostic's message comes from the catalogue, never from
/// a text written in the code (the tests' own diagnostics aside).
#[test]
fn no_diagnostic_is_made_from_a_literal_or_formatted_text() {
    let mut found = Vec::new();
    for (path, text) in sources() {
        if path.file_name().is_some_and(|name| name == "tests.rs") {
            continue;
        }
        let code = text
            .find("#[cfg(test)]\nmod tests")
            .map_or(text.as_str(), |end| &text[..end]);
        for call in ["Diagnostic::error(", "Diagnostic::warning("] {
            for piece in code.split(call).skip(1) {
                // The message is the argument after the code.
                let Some((_, message)) = piece.split_once(',') else {
                    continue;
                };
                let message = message.trim_start();
                if message.starts_with('"') || message.starts_with("format!(") {
                    let line = message.lines().next().unwrap_or_default();
                    let shown = path
                        .strip_prefix(env!("CARGO_MANIFEST_DIR"))
                        .unwrap_or(&path);
                    found.push(format!("{}: {call}…, {line}", shown.display()));
                }
            }
        }
    }
    assert!(found.is_empty(), "{}", found.join("\n"));
}

/// docs/diagnostics.md explains every code in Swedish, then in English.
#[test]
fn every_documented_code_is_explained_in_swedish_and_english() {
    let docs = include_str!("../../../docs/diagnostics.md");
    for section in docs.split("\n### ").skip(1) {
        let code = section.split_whitespace().next().unwrap_or_default();
        if !is_code(&code.to_ascii_lowercase()) {
            continue;
        }
        let section = section.split("\n## ").next().unwrap_or_default();
        let sv = section.find("\n**Svenska:**");
        let en = section.find("\n**English:**");
        assert!(
            matches!((sv, en), (Some(sv), Some(en)) if sv < en),
            "{code}: a `**Svenska:**` paragraph, then an `**English:**` one"
        );
    }
}

#[test]
fn a_message_renders_in_both_languages_with_its_attributes_and_plurals() {
    let m = msg!(
        "w0102-due-for-review",
        title = "Anslutning",
        due = "2026-09-01",
        reviewed = "none",
        today = "2026-09-02",
    );
    let text = Text::from(m.clone());
    assert_eq!(
        text.get(Lang::En),
        "`Anslutning` was due for review on 2026-09-01"
    );
    assert_eq!(
        text.get(Lang::Sv),
        "`Anslutning` skulle ha granskats senast 2026-09-01"
    );
    assert_eq!(
        m.note().expect("note").get(Lang::Sv),
        "byggets datum är 2026-09-02"
    );
    assert!(m.hint().is_some());
}

#[test]
fn language_tags() {
    assert_eq!(Lang::parse("sv"), Some(Lang::Sv));
    assert_eq!(Lang::parse("sv-SE"), Some(Lang::Sv));
    assert_eq!(Lang::parse("EN_gb"), Some(Lang::En));
    assert_eq!(Lang::parse("fi"), None);
    assert_eq!(Lang::parse(""), None);
}

/// The Swedish (and English) text of `m`.
fn both(m: Msg) -> (String, String) {
    let text = Text::from(m);
    (
        text.get(Lang::Sv).to_string(),
        text.get(Lang::En).to_string(),
    )
}

#[test]
fn files_messages_select_on_where_the_yaml_is() {
    let missing = |path: &str, source: &str| {
        msg!(
            "e0103-missing-key",
            key = "title",
            path = path,
            source = source,
            file = "portal.yaml",
        )
    };
    let m = missing("none", "front-matter");
    assert_eq!(
        both(m.clone()),
        (
            "den obligatoriska nyckeln `title` saknas".to_string(),
            "missing required key `title`".to_string()
        )
    );
    assert_eq!(
        m.hint().expect("hint").get(Lang::Sv),
        "lägg till en rad `title: …` i front matter, blocket med nycklar överst i filen"
    );
    let m = missing("menu[0]", "file");
    assert_eq!(
        both(m.clone()).0,
        "den obligatoriska nyckeln `title` saknas i `menu[0]`"
    );
    assert_eq!(
        m.hint().expect("hint").get(Lang::En),
        "add a line `title: …` to `menu[0]`"
    );
    let m = missing("none", "file");
    assert_eq!(
        m.hint().expect("hint").get(Lang::Sv),
        "lägg till en rad `title: …` i `portal.yaml`"
    );

    let org = |problem| {
        msg!(
            "e0702-bad-org-number",
            number = "202100-5522",
            problem = problem
        )
    };
    assert_eq!(
        both(org("check-digit")).0,
        "organisationsnumret `202100-5522` har fel kontrollsiffra (den sista siffran)"
    );
    assert!(both(org("shape")).0.contains("ska skrivas NNNNNN-NNNN"));

    let entry = |entry| Text::from(msg!("e0103-entry-without-key", entry = entry, key = "name"));
    assert_eq!(
        entry("provider").get(Lang::Sv),
        "informationsleverantören saknar `name`"
    );
    assert_eq!(
        entry("data-type").get(Lang::Sv),
        "uppgiftstypen saknar `name`"
    );
    assert_eq!(
        entry("data-type").get(Lang::En),
        "the data type has no `name`"
    );
}

#[test]
fn files_messages_count_with_plurals() {
    let deep = |depth: usize| {
        msg!(
            "e0109-too-deep",
            depth = depth,
            source = "front-matter",
            file = "a.md"
        )
    };
    assert_eq!(
        both(deep(64)).0,
        "front matter har listor och nycklar i mer än 64 nivåer"
    );
    assert_eq!(
        both(deep(1)).0,
        "front matter har listor och nycklar i mer än 1 nivå"
    );
    let aliases = |limit: usize| {
        msg!(
            "e0109-too-many-aliases",
            limit = limit,
            source = "file",
            file = "portal.yaml"
        )
    };
    assert_eq!(
        both(aliases(1)).1,
        "`portal.yaml` has more than 1 YAML alias (`*name`)"
    );
    assert_eq!(
        both(aliases(40)).1,
        "`portal.yaml` has more than 40 YAML aliases (`*name`)"
    );
    // A brace in the text is written `{"{"}` in Fluent and shown as it is.
    assert!(
        deep(64)
            .hint()
            .expect("hint")
            .get(Lang::Sv)
            .contains("klammerparenteserna `{` och indragen")
    );
}

#[test]
fn structure_messages_in_swedish() {
    let m = msg!(
        "w0402-orphan",
        date = "2027-01-01",
        title = "Driftsavtal",
        version = "2.0",
        id = "bilaga-1",
    );
    assert_eq!(
        both(m.clone()),
        (
            "från 2027-01-01, när Driftsavtal 2.0 börjar gälla, hör `bilaga-1` inte till något avtal"
                .to_string(),
            "from 2027-01-01, when Driftsavtal 2.0 takes effect, `bilaga-1` belongs to no agreement"
                .to_string()
        )
    );
    assert_eq!(
        m.hint().expect("hint").get(Lang::Sv),
        "behåll `bilaga-1` i listan `documents:` i en avtalsversion som gäller från 2027-01-01"
    );
    assert_eq!(
        Text::from(msg!("e0303-not-a-page", key = "menu", path = "/om")).get(Lang::Sv),
        "menyvalet `/om` är inte en publicerad sida"
    );
    let missing =
        Text::list(["contact", "publisher"].map(|key| msg!("w0103-what", key = key).into()));
    assert_eq!(
        Text::from(msg!("w0103-footer-lacks", whats = missing)).get(Lang::Sv),
        "sidfoten saknar kontaktuppgifter (`contact`) och vem som driver webbplatsen (`publisher`), \
         som en svensk offentlig webbplats måste visa på varje sida"
    );
}

#[test]
fn text_messages_in_swedish() {
    let clash = |target| {
        msg!(
            "e0307-footnote-id",
            id = "fn-1",
            target = target,
            label = "a",
        )
    };
    assert_eq!(
        both(clash("reference")).0,
        "rubrik-id:t `fn-1` är också id för en hänvisning till fotnoten `[^a]`"
    );
    assert_eq!(
        both(clash("footnote")).1,
        "the heading id `fn-1` is also the id of footnote `[^a]`"
    );
    assert_eq!(
        clash("footnote").hint().expect("hint").get(Lang::Sv),
        "ge rubriken ett annat id, t.ex. `{#fn-1-rubrik}`, eller ta bort `{#fn-1}`"
    );
    let m = msg!("w0101-level-1-heading");
    assert_eq!(both(m.clone()).0, "en rubrik på nivå 1 i texten");
    assert_eq!(
        m.hint().expect("hint").get(Lang::Sv),
        "börja rubrikerna i texten med `##`"
    );
}

#[test]
fn skipped_files_in_swedish() {
    let m = msg!("w0201-not-published", path = ".utkast/", why = "hidden");
    assert_eq!(
        Text::from(m.clone()).get(Lang::Sv),
        "`.utkast/` är dold (namnet börjar med `.`) och publiceras inte"
    );
    assert_eq!(
        Text::from(m).get(Lang::En),
        "`.utkast/` is hidden (its name starts with `.`) and is not published"
    );
    let link = msg!("w0201-not-published", path = "content/a.md", why = "link");
    assert!(
        link.hint()
            .expect("hint")
            .get(Lang::Sv)
            .starts_with("lägg själva filen")
    );
}

#[test]
fn run_messages_in_swedish() {
    let counts =
        |errors: usize, warnings: usize| both(msg!("counts", errors = errors, warnings = warnings));
    assert_eq!(counts(1, 0), ("1 fel".to_string(), "1 error".to_string()));
    assert_eq!(
        counts(2, 1),
        (
            "2 fel, 1 varning".to_string(),
            "2 errors, 1 warning".to_string()
        )
    );
    assert_eq!(counts(0, 3).0, "3 varningar");
    let summary = |action, pages: usize, when| {
        msg!(
            "summary",
            action = action,
            pages = pages,
            ms = "38",
            when = when,
            what = "Driftsavtal 2.0 takes effect",
        )
    };
    assert_eq!(
        both(summary("built", 73, "none")),
        (
            "Byggde 73 sidor på 38 ms".to_string(),
            "Built 73 pages in 38 ms".to_string()
        )
    );
    assert_eq!(
        both(summary("checked", 1, "2027-01-01 00:00")).0,
        "Kontrollerade 1 sida på 38 ms; nästa ändring 2027-01-01 00:00 (Driftsavtal 2.0 takes effect)"
    );
    let after = |changes: usize| msg!("serve-after", changes = changes, file = "content/a.md");
    let built = |pages: usize, changes| {
        both(msg!(
            "serve-built",
            pages = pages,
            ms = "5",
            after = after(changes)
        ))
    };
    assert_eq!(built(40, 0).0, "Byggde 40 sidor på 5 ms");
    assert_eq!(
        built(1, 1),
        (
            "Uppdaterade 1 sida på 5 ms efter en ändring i content/a.md".to_string(),
            "Updated 1 page in 5 ms after a change to content/a.md".to_string()
        )
    );
    assert_eq!(
        built(40, 3).1,
        "Built 40 pages in 5 ms after changes to 3 files"
    );
    assert_eq!(
        both(msg!("severity", severity = "error")),
        ("fel".to_string(), "error".to_string())
    );
    let files = Text::list(["`a.md`", "`b.md`"].map(Text::from));
    let drafts = msg!(
        "new-drafts-pending",
        files = files,
        count = 2usize,
        id = "villkor",
        next = "1.3"
    );
    assert!(both(drafts).0.starts_with(
        "`a.md` och `b.md` är redan utkast till nästa version av `villkor`: redigera dem"
    ));
}

#[test]
fn a_text_error_is_shown_in_the_language_asked_for() {
    let error = anyhow::Error::new(TextError::from(msg!("new-end-before-start")))
        .context("while creating the notice");
    assert_eq!(
        error_chain(&error, Lang::Sv),
        "while creating the notice: `--end` är före `--start`"
    );
    assert_eq!(
        error_chain(&error, Lang::En),
        "while creating the notice: `--end` is before `--start`"
    );
}
