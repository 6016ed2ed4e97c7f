//! Links and the hierarchy checked against the future (issue 11, item 4): every build
//! also checks them as they will be on each day an upcoming version takes effect, and
//! warns (W0303, W0402) with the day and the version, at the first day a problem
//! appears, once.
//!
//! The fixture `future` is clean under `--strict` today; each test adds upcoming
//! versions. The build's date is `common::NOW` (2026-11-26).

mod common;

use common::PortalTest;

fn portal() -> PortalTest {
    PortalTest::from_fixture("future")
}

/// A version file applying from `valid_from`, listing `documents` if any.
fn version(title: &str, version: &str, valid_from: &str, documents: &[&str], body: &str) -> String {
    let list: String = if documents.is_empty() {
        String::new()
    } else {
        let entries: String = documents.iter().map(|d| format!("  - {d}\n")).collect();
        format!("documents:\n{entries}")
    };
    format!(
        "---\ntitle: {title}\nversion: \"{version}\"\ndate: 2026-10-01\nvalid_from: {valid_from}\nauthor: F\ncomment: Ny version\n{list}---\n{body}"
    )
}

/// Allmänna villkor without section 2 (Ansvar).
const WITHOUT_ANSVAR: &str =
    "## 1 Tillämpning\n\nText om tillämpning.\n\n## 3 Sekretess\n\nText om sekretess.\n";

/// Allmänna villkor with all three sections.
const ALL_SECTIONS: &str =
    "## 1 Tillämpning\n\nText.\n\n## 2 Ansvar\n\nText.\n\n## 3 Sekretess\n\nText.\n";

#[test]
fn a_link_to_a_section_an_upcoming_version_removes_warns_with_the_day_and_the_version() {
    let t = portal();
    t.file(
        "agreements/villkor/2.0.md",
        &version("Allmänna villkor", "2.0", "2027-01-01", &[], WITHOUT_ANSVAR),
    );
    let run = t.run(&["check"]);
    run.assert_code(0).assert_stderr(
        "content/_index.md:4:8: warning[W0303]: from 2027-01-01, when Allmänna villkor 2.0 takes effect, `avtal:villkor#punkt-2` no longer exists\n\
         \x20 = note: `/avtal/villkor/` will show version 2.0, which has no `#punkt-2`\n\
         \x20 = hint: link to the section's id in version 2.0, link to the version meant (`avtal:villkor@1.0#punkt-2`), or keep `#punkt-2` in version 2.0",
    );
    // Section 3 is kept: its link, in the path form, is fine.
    run.assert_stderr_count("[W0303]", 1);
    t.run(&["check", "--strict"])
        .assert_code(1)
        .assert_stderr("content/_index.md:4:8: error[W0303]");
    t.run(&["build"]).assert_code(0);
}

#[test]
fn the_path_form_and_links_in_agreements_and_notices_are_checked_too() {
    let t = portal();
    t.file(
        "agreements/villkor/2.0.md",
        &version(
            "Allmänna villkor",
            "2.0",
            "2027-01-01",
            &[],
            "## 1 Tillämpning\n\nText.\n\n## 2 Ansvar\n\nText.\n",
        ),
    );
    t.file(
        "agreements/bilaga/1.0.md",
        "---\ntitle: Bilaga\nversion: \"1.0\"\ndate: 2024-01-01\nauthor: F\n---\n## 1 Innehåll\n\nSe [sekretessen](avtal:villkor#punkt-3).\n",
    );
    t.file(
        "content/driftinformation/2026-12-01-underhall.md",
        "---\ntitle: Underhåll\nkind: planerat-underhall\nstart: 2026-12-01T18:00:00+01:00\nend: 2026-12-01T20:00:00+01:00\nenvironments: [produktion]\n---\nSe [sekretess](/avtal/villkor/#punkt-3).\n",
    );
    let run = t.run(&["check"]);
    run.assert_code(0)
        .assert_stderr("content/_index.md:5:1: warning[W0303]: from 2027-01-01, when Allmänna villkor 2.0 takes effect, `/avtal/villkor/#punkt-3` no longer exists")
        .assert_stderr("(`/avtal/villkor/1.0/#punkt-3`)")
        .assert_stderr("agreements/bilaga/1.0.md:9:4: warning[W0303]: from 2027-01-01, when Allmänna villkor 2.0 takes effect, `avtal:villkor#punkt-3` no longer exists")
        .assert_stderr("content/driftinformation/2026-12-01-underhall.md:8:4: warning[W0303]")
        .assert_stderr_count("[W0303]", 3);
}

#[test]
fn a_kept_section_and_links_pinned_to_a_version_do_not_warn() {
    let t = portal();
    t.file(
        "agreements/villkor/2.0.md",
        &version("Allmänna villkor", "2.0", "2027-01-01", &[], WITHOUT_ANSVAR),
    );
    t.file(
        "content/_index.md",
        "---\ntitle: Start\n---\nLäs om [ansvar](avtal:villkor@1.0#punkt-2),\n[ansvaret](/avtal/villkor/1.0/#punkt-2) och [sekretess](avtal:villkor#punkt-3).\n",
    );
    let run = t.run(&["check", "--strict"]);
    run.assert_code(0);
    assert!(!run.stderr.contains("W0303"), "{}", run.stderr);
}

#[test]
fn with_two_upcoming_versions_a_link_breaking_at_the_second_names_the_second() {
    let t = portal();
    t.file(
        "agreements/villkor/2.0.md",
        &version("Allmänna villkor", "2.0", "2027-01-01", &[], ALL_SECTIONS),
    );
    t.file(
        "agreements/villkor/3.0.md",
        &version("Allmänna villkor", "3.0", "2027-06-01", &[], WITHOUT_ANSVAR),
    );
    let run = t.run(&["check"]);
    run.assert_code(0)
        .assert_stderr("content/_index.md:4:8: warning[W0303]: from 2027-06-01, when Allmänna villkor 3.0 takes effect, `avtal:villkor#punkt-2` no longer exists")
        .assert_stderr_count("[W0303]", 1);
}

#[test]
fn a_link_that_stays_broken_is_reported_once_at_the_first_version_without_it() {
    let t = portal();
    t.file(
        "agreements/villkor/2.0.md",
        &version("Allmänna villkor", "2.0", "2027-01-01", &[], WITHOUT_ANSVAR),
    );
    t.file(
        "agreements/villkor/3.0.md",
        &version("Allmänna villkor", "3.0", "2027-06-01", &[], WITHOUT_ANSVAR),
    );
    t.run(&["check"])
        .assert_code(0)
        .assert_stderr(
            "from 2027-01-01, when Allmänna villkor 2.0 takes effect, `avtal:villkor#punkt-2`",
        )
        .assert_stderr_count("[W0303]", 1);
}

#[test]
fn a_version_overtaken_before_it_applies_is_never_shown_and_not_checked() {
    let t = portal();
    // 2.0 would drop section 2 from 2027-06-01, but 3.0, with it, applies earlier and
    // prevails: the main page goes from 1.0 to 3.0 and stays there.
    t.file(
        "agreements/villkor/2.0.md",
        &version("Allmänna villkor", "2.0", "2027-06-01", &[], WITHOUT_ANSVAR),
    );
    t.file(
        "agreements/villkor/3.0.md",
        &version("Allmänna villkor", "3.0", "2027-01-01", &[], ALL_SECTIONS),
    );
    let run = t.run(&["check"]);
    run.assert_code(0);
    assert!(!run.stderr.contains("W0303"), "{}", run.stderr);
}

#[test]
fn a_link_broken_today_is_todays_error_and_not_also_a_future_warning() {
    let t = portal();
    t.file(
        "agreements/villkor/2.0.md",
        &version("Allmänna villkor", "2.0", "2027-01-01", &[], WITHOUT_ANSVAR),
    );
    t.file(
        "content/_index.md",
        "---\ntitle: Start\n---\nLäs om [tvist](avtal:villkor#punkt-4).\n",
    );
    let run = t.run(&["check"]);
    run.assert_code(1)
        .assert_stderr("content/_index.md:4:8: error[E0302]")
        .assert_stderr_count("content/_index.md:4:8", 1);
    assert!(!run.stderr.contains("W0303"), "{}", run.stderr);
}

#[test]
fn an_upcoming_list_naming_a_document_not_yet_in_force_warns_at_its_entry() {
    let t = portal();
    // The new appendix applies half a year after the agreement version that lists it.
    t.file(
        "agreements/tillagg/1.0.md",
        "---\ntitle: Tillägg\nversion: \"1.0\"\ndate: 2026-10-01\nvalid_from: 2027-07-01\nauthor: F\n---\nText.\n",
    );
    t.file(
        "agreements/avtal/2.0.md",
        &version(
            "SSBTEK – Avtal",
            "2.0",
            "2027-01-01",
            &["avtal", "villkor", "bilaga", "tillagg"],
            "## 1 Parter\n\nText.\n",
        ),
    );
    // Today `check` passes; the new version applies on 2027-01-01.
    t.run(&["check"])
        .assert_code(0)
        .assert_stderr("agreements/avtal/2.0.md:12:5: warning[W0402]: from 2027-01-01, when SSBTEK – Avtal 2.0 takes effect, `tillagg` is listed but has no version in force\n\
                        \x20 = note: versions of `tillagg`: 1.0 applies from 2027-07-01\n\
                        \x20 = hint: publish a version of `tillagg` that applies by 2027-01-01")
        .assert_stderr_count("[W0402]", 1);
    t.run(&["check", "--strict"])
        .assert_code(1)
        .assert_stderr("agreements/avtal/2.0.md:12:5: error[W0402]");
}

#[test]
fn an_upcoming_version_that_closes_a_cycle_warns_at_its_entry() {
    let t = portal();
    t.file(
        "agreements/bilaga/2.0.md",
        &version(
            "Bilaga",
            "2.0",
            "2027-01-01",
            &["bilaga", "avtal"],
            "## 1 Innehåll\n\nText.\n",
        ),
    );
    t.run(&["check"])
        .assert_code(0)
        .assert_stderr("agreements/bilaga/2.0.md:10:5: warning[W0402]: from 2027-01-01, when Bilaga 2.0 takes effect, the document hierarchy has a cycle: bilaga → avtal → bilaga")
        .assert_stderr_count("[W0402]", 1);
}

#[test]
fn with_two_upcoming_versions_a_cycle_at_the_second_names_the_second() {
    let t = portal();
    t.file(
        "agreements/bilaga/2.0.md",
        &version(
            "Bilaga",
            "2.0",
            "2027-01-01",
            &["bilaga", "villkor"],
            "## 1 Innehåll\n\nText.\n",
        ),
    );
    t.file(
        "agreements/bilaga/3.0.md",
        &version(
            "Bilaga",
            "3.0",
            "2027-06-01",
            &["bilaga", "villkor", "avtal"],
            "## 1 Innehåll\n\nText.\n",
        ),
    );
    let run = t.run(&["check"]);
    run.assert_code(0)
        .assert_stderr("agreements/bilaga/3.0.md:11:5: warning[W0402]: from 2027-06-01, when Bilaga 3.0 takes effect, the document hierarchy has a cycle: bilaga → avtal → bilaga")
        .assert_stderr_count("[W0402]", 1);
    assert!(!run.stderr.contains("2027-01-01"), "{}", run.stderr);
}

#[test]
fn a_cycle_today_is_reported_once_as_todays_error() {
    let t = portal();
    t.file(
        "agreements/bilaga/1.0.md",
        "---\ntitle: Bilaga\nversion: \"1.0\"\ndate: 2024-01-01\nauthor: F\ndocuments:\n  - bilaga\n  - avtal\n---\nText.\n",
    );
    // The upcoming version keeps the cycle.
    t.file(
        "agreements/bilaga/2.0.md",
        &version(
            "Bilaga",
            "2.0",
            "2027-01-01",
            &["bilaga", "avtal"],
            "Text.\n",
        ),
    );
    let run = t.run(&["check"]);
    run.assert_code(1)
        .assert_stderr_count("error[E0403]", 1)
        .assert_stderr_count("cycle", 1);
    assert!(!run.stderr.contains("W0402"), "{}", run.stderr);
}

#[test]
fn a_document_an_upcoming_list_drops_belongs_to_no_agreement_from_that_day() {
    let t = portal();
    t.file(
        "agreements/avtal/2.0.md",
        &version(
            "SSBTEK – Avtal",
            "2.0",
            "2027-01-01",
            &["avtal", "villkor"],
            "## 1 Parter\n\nText.\n",
        ),
    );
    t.run(&["check"]).assert_code(0).assert_stderr(
        "agreements/avtal/2.0.md: warning[W0402]: from 2027-01-01, when SSBTEK – Avtal 2.0 takes effect, `bilaga` belongs to no agreement",
    );
}

/// A notice written ahead, published on 2027-01-20 at 08:00.
fn scheduled_notice(body: &str) -> String {
    notice_from("Nytt avtal", "2027-01-20T08:00+01:00", body)
}

/// A notice titled `title`, written ahead and published (and starting) at `published`,
/// with `body` on line 8.
fn notice_from(title: &str, published: &str, body: &str) -> String {
    format!(
        "---\ntitle: {title}\nkind: information\nstart: {published}\npublished: {published}\nenvironments: [produktion]\n---\n{body}\n"
    )
}

/// Writes the notice `content/driftinformation/<name>.md` (see [`notice_from`]).
fn notice(t: &PortalTest, name: &str, title: &str, published: &str, body: &str) {
    t.file(
        &format!("content/driftinformation/{name}.md"),
        &notice_from(title, published, body),
    );
}

#[test]
fn a_broken_link_in_a_notice_scheduled_for_later_warns_now_with_the_day_it_is_published() {
    let t = portal();
    t.file(
        "content/driftinformation/nytt-avtal.md",
        &scheduled_notice("[x](/finns-inte/) [y](avtal:villkor#punkt-9) [z](#saknas)"),
    );
    // Today: the notice is not published, but its links are checked as they will be.
    let run = t.run(&["check"]);
    run.assert_code(0)
        .assert_stderr(
            "content/driftinformation/nytt-avtal.md:8:1: warning[W0304]: from 2027-01-20 08:00, when the notice “Nytt avtal” is published, broken link `/finns-inte/`: no page or file is published at `/finns-inte/`\n\
             \x20 = note: the notice is not published until then; from then on this is an error (E0301) that stops every build\n\
             \x20 = hint: check the path",
        )
        .assert_stderr(
            "content/driftinformation/nytt-avtal.md:8:19: warning[W0304]: from 2027-01-20 08:00, when the notice “Nytt avtal” is published, broken link `avtal:villkor#punkt-9`: `/avtal/villkor/` has no `#punkt-9`\n\
             \x20 = note: the notice is not published until then; from then on this is an error (E0302) that stops every build",
        )
        // A link to its own page is checked against the ids the page will have.
        .assert_stderr("nytt-avtal.md:8:46: warning[W0304]: from 2027-01-20 08:00, when the notice “Nytt avtal” is published, broken link `#saknas`")
        .assert_stderr_count("[W0304]", 3);
    // CI (`--strict`) hears of it now, not on the day.
    t.run(&["check", "--strict"])
        .assert_code(1)
        .assert_stderr_count("error[W0304]", 3);
    // On the day, the same problems are the build's errors.
    let on_the_day = t.run(&["check", "--now", "2027-01-21"]);
    on_the_day
        .assert_code(1)
        .assert_stderr("content/driftinformation/nytt-avtal.md:8:1: error[E0301]")
        .assert_stderr("content/driftinformation/nytt-avtal.md:8:19: error[E0302]");
    assert!(
        !on_the_day.stderr.contains("W0304"),
        "{}",
        on_the_day.stderr
    );
}

#[test]
fn a_notice_scheduled_for_later_is_checked_but_not_published() {
    let t = portal();
    t.file(
        "content/driftinformation/nytt-avtal.md",
        &scheduled_notice("Läs [villkoren](avtal:villkor#punkt-2) och [sidan](#main)."),
    );
    let run = t.run(&["build", "--strict"]);
    run.assert_code(0);
    assert!(!run.stderr.contains("W0304"), "{}", run.stderr);
    let files = t.output_files();
    assert!(!files.iter().any(|f| f.contains("nytt-avtal")), "{files:?}");
    for file in [
        "driftinformation/index.html",
        "driftinformation/atom.xml",
        "sitemap.xml",
        "index.html",
    ] {
        assert!(
            !t.read(file).contains("nytt-avtal"),
            "{file} names the notice"
        );
    }
    // The manifest names it only as the reason of the next change.
    let manifest: serde_json::Value = serde_json::from_str(&t.read("manifest.json")).unwrap();
    let mut without_next = manifest.clone();
    without_next["next_change"] = serde_json::Value::Null;
    assert!(
        !without_next.to_string().contains("nytt-avtal"),
        "{manifest}"
    );
    assert_eq!(
        manifest["next_change"]["reasons"][0]["path"],
        "content/driftinformation/nytt-avtal.md"
    );
    let search: String = files
        .iter()
        .filter(|f| f.starts_with("sok/"))
        .map(|f| t.read(f))
        .collect();
    assert!(!search.contains("nytt-avtal"), "the search index names it");
}

#[test]
fn scheduled_notices_published_together_may_link_each_other() {
    let t = portal();
    let at = "2027-01-20T08:00+01:00";
    let first = "Se [den andra](andra.md#paverkan) och [samma](/driftinformation/andra/).";
    notice(&t, "forsta", "Första", at, first);
    let second = "Se [den första](forsta.md).\n\n## Påverkan\n\n";
    notice(
        &t,
        "andra",
        "Andra",
        at,
        &format!("{second}[Saknas](forsta.md#saknas)"),
    );
    // On the day both are published, the links hold; the fragment of another held-back
    // notice is checked against the ids it will have.
    let run = t.run(&["check", "--strict"]);
    run.assert_code(1)
        .assert_stderr(
            "content/driftinformation/andra.md:12:1: error[W0304]: from 2027-01-20 08:00, when the notice “Andra” is published, broken link `forsta.md#saknas`: `/driftinformation/forsta/` has no `#saknas`",
        )
        .assert_stderr_count("W0304", 1);
    notice(&t, "andra", "Andra", at, &format!("{second}Text."));
    t.run(&["check", "--strict"]).assert_code(0);
    t.run(&["build", "--strict", "--now", "2027-01-21"])
        .assert_code(0);
}

#[test]
fn a_link_to_a_notice_published_later_says_when_not_that_it_is_a_draft() {
    let t = portal();
    let first = "Se [den andra](andra.md) och [samma](/driftinformation/andra/).";
    notice(&t, "forsta", "Första", "2027-01-20T08:00+01:00", first);
    notice(&t, "andra", "Andra", "2027-01-25T08:00+01:00", "Text.");
    t.file(
        "content/om.md",
        "---\ntitle: Om\n---\nSe [den andra](driftinformation/andra.md).\n",
    );
    let run = t.run(&["check"]);
    run.assert_code(1)
        .assert_stderr(
            "content/driftinformation/forsta.md:8:4: warning[W0304]: from 2027-01-20 08:00, when the notice “Första” is published, broken link `andra.md`: `content/driftinformation/andra.md` is a notice published only from 2027-01-25 08:00\n\
             \x20 = note: the notice is not published until then; from then on this is an error (E0301) that stops every build\n\
             \x20 = hint: link to it from 2027-01-25 08:00 on, or give it an earlier `published` time",
        )
        .assert_stderr(
            "content/driftinformation/forsta.md:8:30: warning[W0304]: from 2027-01-20 08:00, when the notice “Första” is published, broken link `/driftinformation/andra/`: `/driftinformation/andra/` is the page of `content/driftinformation/andra.md`, a notice published only from 2027-01-25 08:00",
        )
        // A published page's link to it is broken today.
        .assert_stderr(
            "content/om.md:4:4: error[E0301]: broken link `driftinformation/andra.md`: `content/driftinformation/andra.md` is a notice published only from 2027-01-25 08:00",
        )
        .assert_stderr_count("is a draft", 0);
    // In Swedish.
    t.run(&["check", "--lang", "sv"]).assert_stderr(
        "content/om.md:4:4: fel[E0301]: trasig länk `driftinformation/andra.md`: `content/driftinformation/andra.md` är ett driftmeddelande som publiceras först 2027-01-25 08:00",
    );
    // Once the second is published too, everything holds.
    t.run(&["check", "--strict", "--now", "2027-01-26"])
        .assert_code(0);
}

#[test]
fn a_link_in_a_scheduled_notice_that_an_upcoming_version_breaks_warns_too() {
    let t = portal();
    t.file(
        "agreements/villkor/2.0.md",
        &version("Allmänna villkor", "2.0", "2027-01-01", &[], WITHOUT_ANSVAR),
    );
    t.file(
        "content/driftinformation/nytt-avtal.md",
        &scheduled_notice("Läs [ansvaret](avtal:villkor#punkt-2)."),
    );
    t.run(&["check"])
        .assert_code(0)
        .assert_stderr("content/driftinformation/nytt-avtal.md:8:5: warning[W0303]: from 2027-01-01, when Allmänna villkor 2.0 takes effect, `avtal:villkor#punkt-2` no longer exists");
}

/// SSBTEK – Avtal 1.0 with Definitioner as its fourth document.
fn with_definitions(t: &PortalTest, terms: &[&str]) {
    t.file(
        "agreements/avtal/1.0.md",
        "---\ntitle: SSBTEK – Avtal\nversion: \"1.0\"\ndate: 2024-01-01\nauthor: Förvaltningen\ndocuments:\n  - avtal\n  - villkor\n  - bilaga\n  - definitioner\n---\n## 1 Parter\n\nText om parterna.\n",
    );
    t.file(
        "agreements/definitioner/1.0.md",
        &definitions("1.0", "2024-01-01", terms),
    );
}

/// Version `version` of Definitioner, defining `terms`.
fn definitions(version: &str, valid_from: &str, terms: &[&str]) -> String {
    let rows: String = terms
        .iter()
        .map(|t| format!("| {t} | Vad {t} är. |\n"))
        .collect();
    version_text(version, valid_from, &rows)
}

fn version_text(number: &str, valid_from: &str, rows: &str) -> String {
    version(
        "Definitioner",
        number,
        valid_from,
        &[],
        &format!("| Begrepp | Definition |\n|---|---|\n{rows}"),
    )
}

#[test]
fn a_link_to_a_term_of_the_glossary_that_an_upcoming_version_drops_warns() {
    let t = portal();
    with_definitions(&t, &["Drift", "Förvaltning"]);
    t.file(
        "agreements/definitioner/2.0.md",
        &definitions("2.0", "2027-01-01", &["Förvaltning"]),
    );
    t.file(
        "content/om.md",
        "---\ntitle: Om\n---\nSe [drift](/avtal/begrepp/#begrepp-drift) och [förvaltning](/avtal/begrepp/#begrepp-forvaltning).\n",
    );
    let run = t.run(&["check"]);
    run.assert_code(0)
        .assert_stderr(
            "content/om.md:4:4: warning[W0303]: from 2027-01-01, when Definitioner 2.0 takes effect, `/avtal/begrepp/#begrepp-drift` no longer exists\n\
             \x20 = note: `/avtal/begrepp/` lists the terms of the versions in force, and from then on none defines “Drift”\n\
             \x20 = hint: link to the definition in the version meant (`avtal:definitioner@1.0#begrepp-drift`), or keep “Drift” in version 2.0",
        )
        .assert_stderr_count("[W0303]", 1);
    // On the day, the link is broken.
    t.run(&["check", "--now", "2027-01-02"])
        .assert_code(1)
        .assert_stderr("content/om.md:4:4: error[E0302]");
}

#[test]
fn a_term_another_document_still_defines_stays_in_the_glossary() {
    let t = portal();
    with_definitions(&t, &["Drift"]);
    // Allmänna villkor defines Drift too, and keeps it.
    t.file(
        "agreements/villkor/1.0.md",
        &format!(
            "{}\n| Begrepp | Definition |\n|---|---|\n| Drift | Vad Drift är. |\n",
            std::fs::read_to_string(t.root.join("agreements/villkor/1.0.md")).unwrap()
        ),
    );
    t.file(
        "agreements/definitioner/2.0.md",
        &version_text("2.0", "2027-01-01", "| Annat | Något annat. |\n"),
    );
    t.file(
        "content/om.md",
        "---\ntitle: Om\n---\nSe [drift](/avtal/begrepp/#begrepp-drift) och [innehållet](/avtal/begrepp/#main).\n",
    );
    let run = t.run(&["check"]);
    run.assert_code(0);
    assert!(!run.stderr.contains("W0303"), "{}", run.stderr);
}
