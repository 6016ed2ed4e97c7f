//! Every content error is reported with file, line, column, message and hint, all of
//! them at once, with exit code 1; usage and I/O problems exit with 2.

mod common;

use common::PortalTest;

fn minimal() -> PortalTest {
    PortalTest::from_fixture("minimal")
}

#[test]
fn malformed_yaml_is_reported_at_its_line() {
    let t = minimal();
    t.file("content/a.md", "---\ntitle: A\n  bad: indent\n---\nText\n");
    t.run(&["build"])
        .assert_code(1)
        .assert_stderr("content/a.md:3:6: error[E0101]: invalid front matter: a value contains `: `, or a line is indented under a value; put a value with `: ` in quotes")
        .assert_stderr("= hint: check the YAML syntax");
    assert!(!t.out().exists(), "nothing is written on errors");
}

#[test]
fn unknown_key_suggests_the_near_one() {
    let t = minimal();
    t.file("content/a.md", "---\ntitle: A\ndescriptoin: B\n---\nText\n");
    t.run(&["build"])
        .assert_code(1)
        .assert_stderr("content/a.md:3:1: error[E0102]: unknown key `descriptoin`\n  = hint: did you mean `description`? Known keys: `title`, `description`, `weight`, `draft`, `date`");
}

#[test]
fn missing_key_is_named() {
    let t = minimal();
    t.file("content/a.md", "---\ndescription: B\n---\nText\n");
    t.run(&["build"])
        .assert_code(1)
        .assert_stderr("content/a.md:2:1: error[E0103]: missing required key `title`\n  = hint: add a line `title: …` to the front matter");
}

#[test]
fn wrong_type_is_reported_at_the_value() {
    let t = minimal();
    t.file("content/a.md", "---\ntitle: A\nweight: först\n---\nText\n");
    t.run(&["build"])
        .assert_code(1)
        .assert_stderr("content/a.md:3:9: error[E0104]: invalid front matter: `weight` must be a whole number, not the text `först`");
}

#[test]
fn bad_date_names_the_format() {
    let t = minimal();
    t.file(
        "content/a.md",
        "---\ntitle: A\ndate: 2024-13-01\n---\nText\n",
    );
    t.run(&["build"])
        .assert_code(1)
        .assert_stderr("content/a.md:3:1: error[E0105]: `date` is not a valid date: `2024-13-01`\n  = hint: write dates as YYYY-MM-DD, e.g. `2021-07-01`");
}

#[test]
fn missing_front_matter_is_explained() {
    let t = minimal();
    t.file("content/a.md", "# Rubrik\n");
    t.run(&["build"])
        .assert_code(1)
        .assert_stderr("content/a.md:1:1: error[E0107]: the file has no front matter");
}

#[test]
fn version_must_match_the_file_name() {
    let t = minimal();
    t.file(
        "agreements/avtal/1.1.md",
        "---\ntitle: Avtal\nversion: \"1.2\"\ndate: 2024-02-01\nauthor: F\n---\nText\n",
    );
    t.run(&["build"])
        .assert_code(1)
        .assert_stderr("agreements/avtal/1.1.md:3:1: error[E0108]: `version: 1.2` does not match the file name `1.1.md`");
}

#[test]
fn unquoted_version_is_fine() {
    let t = minimal();
    t.file(
        "agreements/avtal/1.10.md",
        "---\ntitle: Avtal\nversion: 1.10\ndate: 2024-02-01\nauthor: F\n---\nText\n",
    );
    t.build();
    assert!(t.out().join("avtal/avtal/1.10/index.html").is_file());
}

#[test]
fn version_file_names_must_be_versions() {
    let t = minimal();
    t.file("agreements/avtal/senaste.md", "---\ntitle: x\n---\n");
    t.run(&["build"]).assert_code(1).assert_stderr(
        "agreements/avtal/senaste.md: error[E0108]: file name `senaste.md` is not a version number",
    );
}

#[test]
fn a_doubled_md_suffix_is_not_a_version() {
    let t = minimal();
    t.file(
        "agreements/avtal/1.1.md.md",
        "---\ntitle: Avtal\nversion: \"1.1\"\ndate: 2024-02-01\nauthor: F\n---\nText\n",
    );
    t.run(&["build"]).assert_code(1).assert_stderr(
        "agreements/avtal/1.1.md.md: error[E0108]: file name `1.1.md.md` is not a version number",
    );
}

#[test]
fn two_files_of_one_version_are_an_error() {
    let t = minimal();
    t.file(
        "agreements/avtal/1.md",
        "---\ntitle: Avtal\nversion: \"1\"\ndate: 2024-01-01\nauthor: F\n---\nText\n",
    );
    t.run(&["build"])
        .assert_code(1)
        .assert_stderr("agreements/avtal/1.md: error[E0108]: versions `1.0` and `1` are the same version\n  = note: also `agreements/avtal/1.0.md`\n  = hint: remove or renumber one of the files")
        .assert_stderr_count("E0108", 1);
}

#[test]
fn two_sources_for_one_url_are_an_error() {
    let t = minimal();
    t.file("content/om.md", "---\ntitle: Om\n---\nText\n");
    t.file(
        "content/om/_index.md",
        "---\ntitle: Om avsnitt\n---\nText\n",
    );
    t.run(&["build"])
        .assert_code(1)
        .assert_stderr("content/om.md: error[E0201]: two sources publish the same URL `/om/`\n  = note: `content/om/_index.md` is also published at `/om/`");
}

#[test]
fn a_page_cannot_take_a_generated_url() {
    let t = minimal();
    t.file("content/avtal/avtal.md", "---\ntitle: Krock\n---\nText\n");
    t.run(&["build"]).assert_code(1).assert_stderr(
        "content/avtal/avtal.md: error[E0201]: two sources publish the same URL `/avtal/avtal/`",
    );
}

#[test]
fn non_utf8_file_is_reported() {
    let t = minimal();
    t.bytes("content/latin1.md", b"---\ntitle: Caf\xe9\n---\n");
    t.run(&["build"])
        .assert_code(1)
        .assert_stderr("content/latin1.md:2:11: error[E0106]: the file is not valid UTF-8 text");
}

#[test]
fn broken_link_names_file_and_line() {
    let t = minimal();
    t.file("content/a.md", "---\ntitle: A\n---\nFörsta raden.\n\nSe [kontakt](kontakt.md) och [avtalet](avtal:avtall).\n");
    t.run(&["build"])
        .assert_code(1)
        .assert_stderr("content/a.md:6:4: error[E0301]: broken link `kontakt.md`: `content/kontakt.md` does not exist")
        .assert_stderr("content/a.md:6:30: error[E0301]: broken link `avtal:avtall`: there is no agreement document `avtall`\n  = hint: did you mean `avtal:avtal`?");
}

#[test]
fn broken_fragment_names_file_and_line() {
    let t = minimal();
    t.file(
        "content/a.md",
        "---\ntitle: A\n---\n## Rubrik\n\n[Punkt](avtal:avtal#punkt-2) och [här](#rubrk).\n",
    );
    t.run(&["build"])
        .assert_code(1)
        .assert_stderr("content/a.md:6:1: error[E0302]: broken link `avtal:avtal#punkt-2`: `/avtal/avtal/` has no `#punkt-2`")
        .assert_stderr("content/a.md:6:34: error[E0302]: broken link `#rubrk`: `/a/` has no `#rubrk`\n  = hint: did you mean `#rubrik`?");
}

#[test]
fn link_to_unknown_version_lists_the_versions() {
    let t = minimal();
    t.file("content/a.md", "---\ntitle: A\n---\n[x](avtal:avtal@2.0)\n");
    t.run(&["build"])
        .assert_code(1)
        .assert_stderr("content/a.md:4:1: error[E0301]: broken link `avtal:avtal@2.0`: `avtal` has no version `2.0`\n  = hint: published versions: `1.0`");
}

#[test]
fn link_to_a_draft_page_says_so() {
    let t = minimal();
    t.file(
        "content/utkast.md",
        "---\ntitle: U\ndraft: true\n---\nText\n",
    );
    t.file("content/a.md", "---\ntitle: A\n---\n[x](utkast.md)\n");
    t.run(&["build"])
        .assert_code(1)
        .assert_stderr("error[E0301]: broken link `utkast.md`: `content/utkast.md` is a draft and is not published");
    t.run(&["build", "--drafts"]).assert_code(0);
}

#[test]
fn template_syntax_error_names_the_template_and_line() {
    let t = minimal();
    t.file(
        "portal.yaml",
        "title: Minimal\nbase_url: https://example.se/\ntheme: egen\n",
    );
    t.file(
        "themes/egen/templates/page.html",
        "{% extends \"base.html\" %}\n{% block main %}\n{{ page.title \n{% endblock main %}\n",
    );
    t.file("content/a.md", "---\ntitle: A\n---\nText\n");
    t.run(&["build"])
        .assert_code(1)
        .assert_stderr("themes/egen/templates/page.html:4:")
        .assert_stderr("error[E0502]: template error:");
}

#[test]
fn template_render_error_names_the_template_line_and_page() {
    let t = minimal();
    t.file(
        "portal.yaml",
        "title: Minimal\nbase_url: https://example.se/\ntheme: egen\n",
    );
    t.file("themes/egen/templates/page.html", "{% extends \"base.html\" %}\n{% block main %}\n<p>{{ page.nosuchfield }}</p>\n{% endblock main %}\n");
    t.file("content/a.md", "---\ntitle: A\n---\nText\n");
    t.run(&["build"])
        .assert_code(1)
        .assert_stderr("themes/egen/templates/page.html:3:")
        .assert_stderr("error[E0502]: template error:")
        .assert_stderr("= note: while rendering `/a/`");
}

#[test]
fn unknown_theme_is_an_error() {
    let t = minimal();
    t.file(
        "portal.yaml",
        "title: Minimal\nbase_url: https://example.se/\ntheme: saknas\n",
    );
    t.run(&["build"])
        .assert_code(1)
        .assert_stderr("portal.yaml: error[E0501]: theme `saknas` not found");
}

#[test]
fn bad_portal_settings_are_content_errors() {
    let t = minimal();
    t.file(
        "portal.yaml",
        "title: Minimal\nbase_url: example.se\nmenu:\n  - path: /saknas/\n",
    );
    t.run(&["build"]).assert_code(1).assert_stderr(
        "portal.yaml:2:1: error[E0104]: invalid `base_url`: `example.se` is not an absolute URL",
    );
    t.file(
        "portal.yaml",
        "title: Minimal\nbase_url: https://example.se/\nmenu:\n  - path: /saknas/\n",
    );
    t.run(&["build"]).assert_code(1).assert_stderr(
        "portal.yaml:4:5: error[E0303]: menu entry `/saknas/` is not a published page",
    );
}

#[test]
fn all_errors_are_reported_together_sorted_with_a_count() {
    let t = minimal();
    t.file("content/b.md", "---\ntitle: B\nfoo: 1\n---\n");
    t.file(
        "content/a.md",
        "---\ntitle: A\n---\n[x](saknas.md)\n\n[y](#saknas)\n",
    );
    t.file("agreements/avtal/2.0.md", "---\ntitle: A\n---\n");
    let run = t.run(&["check"]);
    run.assert_code(1);
    let a = run
        .stderr
        .find("agreements/avtal/2.0.md")
        .expect("agreement error");
    let b = run.stderr.find("content/a.md:4:1").expect("first link");
    let c = run.stderr.find("content/a.md:6:1").expect("fragment");
    let d = run.stderr.find("content/b.md:3:1").expect("unknown key");
    assert!(
        a < b && b < c && c < d,
        "sorted by file and line:\n{}",
        run.stderr
    );
    assert!(
        run.stderr.trim_end().ends_with("4 errors"),
        "{}",
        run.stderr
    );
    assert_eq!(run.stdout, "", "no summary line on failure");
}

#[test]
fn warnings_do_not_fail_unless_strict() {
    let t = minimal();
    t.file(
        "content/a.md",
        "---\ntitle: A\n---\n# Två rubriker på nivå ett\n",
    );
    let run = t.run(&["build"]);
    run.assert_code(0)
        .assert_stderr("content/a.md:4:1: warning[W0101]: a level-1 heading in the body");
    assert!(run.stderr.contains("1 warning"));
    t.run(&["build", "--strict"])
        .assert_code(1)
        .assert_stderr("error[W0101]");
}

#[test]
fn missing_portal_is_a_usage_error() {
    let t = PortalTest::empty("no-portal");
    t.run(&["build"]).assert_code(2).assert_stderr(
        "portal.yaml` not found: run infoportal in a portal folder or pass `--root DIR`",
    );
    // Without a portal.yaml there is no portal language: Swedish, the default.
    t.run(&["build", "--lang", "sv"])
        .assert_code(2)
        .assert_stderr("fel: `")
        .assert_stderr("portal.yaml` finns inte: kör infoportal i portalens mapp");
}

#[test]
fn bad_now_is_a_usage_error() {
    let t = minimal();
    t.run(&["build", "--now", "igår"])
        .assert_code(2)
        .assert_stderr("`igår` is neither a date");
}

#[test]
fn output_inside_the_sources_is_refused() {
    let t = minimal();
    let root = t.root.display().to_string();
    t.run(&["build", "--out", &root])
        .assert_code(2)
        .assert_stderr("refusing to write the site to");
}

#[test]
fn json_format_lists_every_diagnostic_with_its_place() {
    let t = minimal();
    t.file(
        "content/a.md",
        "---\ntitle: A\n---\n[x](saknas.md)\n\n# Rubrik\n",
    );
    // The portal as the repository's root (tests/ci.rs checks the prefix).
    let run = t.run(&["check", "--format", "json", "--path-prefix", "."]);
    run.assert_code(1);
    assert_eq!(run.stderr, "", "everything is in the JSON document");
    let json: serde_json::Value = serde_json::from_str(&run.stdout).expect("one JSON document");
    assert_eq!(json["version"], 1);
    assert_eq!(json["errors"], 1);
    assert_eq!(json["warnings"], 1);
    let first = &json["diagnostics"][0];
    assert_eq!(first["severity"], "error");
    assert_eq!(first["code"], "E0301");
    assert_eq!(first["file"], "content/a.md");
    assert_eq!(first["line"], 4);
    assert_eq!(first["column"], 1);
    assert_eq!(
        first["message"],
        "broken link `saknas.md`: `content/saknas.md` does not exist"
    );
    assert!(first["hint"].is_string());
    assert_eq!(json["diagnostics"][1]["code"], "W0101");
    // A clean run is a document too.
    let t = minimal();
    let ok = t.run(&["build", "--format", "json"]);
    ok.assert_code(0);
    let json: serde_json::Value = serde_json::from_str(&ok.stdout).unwrap();
    assert_eq!(json["errors"], 0);
    assert_eq!(json["written"], true);
    assert!(json["pages"].as_u64().unwrap() > 0);
}

#[test]
fn github_format_annotates_files_and_lines() {
    let t = minimal();
    t.file("content/a.md", "---\ntitle: A\nfoo: 1\n---\n");
    let run = t.run(&["check", "--format", "github", "--path-prefix", "."]);
    run.assert_code(1);
    assert!(
        run.stdout.contains("::error file=content/a.md,line=3,col=1,title=infoportal E0102::unknown key `foo`%0Ahint: remove it; known keys: `title`, `description`, `weight`, `draft`, `date`, `reviewed`, `review_by`\n"),
        "{}",
        run.stdout
    );
}

#[test]
fn a_heading_id_given_twice_is_an_error_at_the_second() {
    let t = minimal();
    t.file(
        "content/a.md",
        "---\ntitle: A\n---\n## Första {#steg}\n\nText\n\n## Andra {#steg}\n",
    );
    t.run(&["build"])
        .assert_code(1)
        .assert_stderr("content/a.md:8:1: error[E0307]: the heading id `steg` is given twice\n  = note: first given on line 4\n  = hint: give each heading its own id")
        .assert_stderr_count("E0307", 1);
}

#[test]
fn a_heading_id_the_theme_uses_is_an_error() {
    let t = minimal();
    t.file(
        "content/a.md",
        "---\ntitle: A\n---\nText\n\n## Innehåll {#main}\n",
    );
    t.run(&["build"])
        .assert_code(1)
        .assert_stderr("content/a.md:6:1: error[E0307]: the heading id `main` is also used by the theme on this page\n  = hint: give the heading another id, such as `{#main-1}`, or remove `{#main}`")
        .assert_stderr_count("E0307", 1);
}

#[test]
fn a_generated_heading_id_keeps_clear_of_the_theme_ids() {
    let t = minimal();
    t.file(
        "content/a.md",
        "---\ntitle: A\n---\nSe [rubriken](#main-2).\n\n## Main\n\n## Sidhuvud sök\n",
    );
    t.run(&["build"]).assert_code(0);
    let page = t.read("a/index.html");
    assert!(page.contains("<h2 id=\"main-2\">Main</h2>"), "{page}");
    assert!(
        page.contains("<h2 id=\"sidhuvud-sok-2\">Sidhuvud sök</h2>"),
        "{page}"
    );
    assert_eq!(page.matches(" id=\"main\"").count(), 1, "{page}");
}

#[test]
fn a_generated_heading_id_keeps_clear_of_the_footnote_ids() {
    // See: issue 10, item 9 (this failed, blaming the theme).
    let t = minimal();
    t.file(
        "content/a.md",
        "---\ntitle: A\n---\n## Fn 1\n\nText[^1] och [rubriken](#fn-1-2).\n\n[^1]: Not.\n",
    );
    t.run(&["build"]).assert_code(0);
    let page = t.read("a/index.html");
    assert!(page.contains("<h2 id=\"fn-1-2\">Fn 1</h2>"), "{page}");
    assert_eq!(page.matches(" id=\"fn-1\"").count(), 1, "{page}");
}

#[test]
fn an_explicit_heading_id_of_a_footnote_is_an_error_naming_the_footnote() {
    let t = minimal();
    t.file(
        "content/a.md",
        "---\ntitle: A\n---\nText[^källa].\n\n## Noter {#fn-1}\n\n[^källa]: Not.\n",
    );
    t.run(&["build"])
        .assert_code(1)
        .assert_stderr("content/a.md:6:1: error[E0307]: the heading id `fn-1` is also the id of footnote `[^källa]`\n  = note: footnotes get the ids `fn-N` and `fnref-N` from their numbers\n  = hint: give the heading another id, such as `{#fn-1-rubrik}`, or remove `{#fn-1}`")
        .assert_stderr_count("E0307", 1);
    assert!(!t.out().exists());
}

#[test]
fn deeply_nested_yaml_is_refused_at_the_place_it_gets_too_deep() {
    // See: issue 10, item 5 (100,000 brackets took serde_yaml 40 s).
    let t = minimal();
    let nested = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    t.file(
        "content/a.md",
        &format!("---\ntitle: A\ndescription: {nested}\n---\nText\n"),
    );
    t.file(
        "content/personuppgifter.yaml",
        &format!("providers:\n  {}x\n", "- ".repeat(100_000)),
    );
    t.run(&["build"])
        .assert_code(1)
        .assert_stderr("content/a.md:3:77: error[E0109]: the front matter nests lists and mappings more than 64 levels deep\n  = hint: no value of a portal nests that deep: check the brackets `[`, `{` and the indentation")
        .assert_stderr("content/personuppgifter.yaml:2:129: error[E0109]: `personuppgifter.yaml` nests lists and mappings more than 64 levels deep");
    assert!(!t.out().exists());
}

#[test]
fn oversized_front_matter_is_refused_before_it_is_parsed() {
    let t = minimal();
    let long = "x".repeat(1_200_000);
    t.file(
        "content/a.md",
        &format!("---\ntitle: A\ndescription: {long}\n---\nText\n"),
    );
    t.run(&["build"])
        .assert_code(1)
        .assert_stderr("content/a.md:2:1: error[E0109]: the front matter is 1.1 MiB; at most 1.0 MiB is read\n  = hint: keep long text in the body, below the front matter");
}

#[test]
fn a_null_or_blank_required_value_is_empty_not_the_word_null() {
    // See: issue 10, item 6 (`title: null` published a page titled "null").
    let t = minimal();
    let pages = [
        ("content/a.md", "title: null"),
        ("content/b.md", "title: ~"),
        ("content/c.md", "title:"),
        ("content/d.md", "title: \"\""),
        ("content/e.md", "title: \"   \""),
        ("content/f.md", "title: NULL # en kommentar"),
    ];
    for (path, line) in pages {
        t.file(path, &format!("---\n{line}\n---\nText\n"));
    }
    t.file(
        "agreements/avtal/2.0.md",
        "---\ntitle: Avtal\nversion: \"2.0\"\ndate: 2025-01-01\nauthor: ~\ndocuments:\n  - avtal\n---\nText\n",
    );
    t.file(
        "agreements/annat/1.0.md",
        "---\ntitle: Annat\nversion:\ndate: 2025-01-01\nauthor: F\n---\nText\n",
    );
    let run = t.run(&["build"]);
    run.assert_code(1);
    for (path, _) in pages {
        run.assert_stderr(&format!("{path}:2:1: error[E0103]: `title` is empty\n  = hint: give `title` a value; to write the word null or ~, quote it: `title: \"null\"`"));
    }
    run.assert_stderr("agreements/avtal/2.0.md:5:1: error[E0103]: `author` is empty")
        .assert_stderr("agreements/annat/1.0.md:3:1: error[E0103]: `version` is empty");
    assert!(!run.stderr.contains("`null`"), "{}", run.stderr);
}

#[test]
fn null_in_quotes_and_numbers_are_text() {
    let t = minimal();
    t.file("content/a.md", "---\ntitle: \"null\"\n---\nText\n");
    t.file("content/b.md", "---\ntitle: 2024\n---\nText\n");
    t.build();
    let title = |page: &str| common::text(common::elements(&t.main(page), "h1")[0]);
    assert_eq!(title("a/index.html"), "null");
    assert_eq!(title("b/index.html"), "2024");
}

#[test]
fn a_null_notice_kind_and_portal_title_are_empty() {
    let t = PortalTest::from_fixture("notices");
    t.file(
        "content/driftinformation/2026-02-01-tom.md",
        "---\ntitle: Tom\nkind: null\nstart: 2026-02-01T08:00:00+01:00\nenvironments: [test]\n---\nText\n",
    );
    t.file(
        "content/driftinformation/2026-02-02-tom.md",
        "---\ntitle: Tom\nkind: information\nstart: 2026-02-01T08:00:00+01:00\nenvironments:\n---\nText\n",
    );
    t.run(&["build"])
        .assert_code(1)
        .assert_stderr(
            "content/driftinformation/2026-02-01-tom.md:3:1: error[E0103]: `kind` is empty",
        )
        .assert_stderr(
            "content/driftinformation/2026-02-02-tom.md:5:1: error[E0103]: `environments` is empty",
        );
    let list = std::fs::read_to_string(t.root.join("content/personuppgifter.yaml")).unwrap();
    t.file(
        "content/personuppgifter.yaml",
        &list.replace("name: Försäkringskassan", "name: ~"),
    );
    t.run(&["build"]).assert_code(1).assert_stderr(
        "content/personuppgifter.yaml:7:5: error[E0103]: the provider has no `name`",
    );
    t.file(
        "portal.yaml",
        "title: ~\nbase_url: https://drift.example.se/portal/\n",
    );
    t.run(&["build"])
        .assert_code(1)
        .assert_stderr("portal.yaml:1:1: error[E0103]: `title` is empty");
    t.file(
        "portal.yaml",
        "base_url: https://drift.example.se/portal/\n",
    );
    t.run(&["build"])
        .assert_code(1)
        .assert_stderr("portal.yaml:1:1: error[E0103]: missing required key `title`\n  = hint: add a line `title: …` to `portal.yaml`");
}

#[test]
fn control_characters_in_yaml_values_are_errors_at_their_keys() {
    // See: issue 10, item 6 (one in a notice title made atom.xml ill-formed).
    let t = PortalTest::from_fixture("notices");
    let notice = "content/driftinformation/2026-03-29-underhall.md";
    let text = std::fs::read_to_string(t.root.join(notice)).unwrap();
    t.file(
        notice,
        &text.replace(
            "title: Underhåll natten till sommartid",
            "title: \"Underhåll\\x01 natten\"",
        ),
    );
    t.bytes("content/a.md", b"---\ntitle: Raw \x01 tecken\n---\nText\n");
    t.bytes(
        "content/b.md",
        b"---\ntitle: B\ndescription: nul\x00byte\n---\nText\n",
    );
    t.file(
        "content/c.md",
        "---\ntitle: C\ndescription: \"slut\\uFFFF\"\n---\nText\n",
    );
    let list = std::fs::read_to_string(t.root.join("content/personuppgifter.yaml")).unwrap();
    t.file(
        "content/personuppgifter.yaml",
        &list.replace("name: Barnbidrag", "name: \"Barn\\tbidrag\\b\""),
    );
    t.run(&["build"])
        .assert_code(1)
        .assert_stderr(&format!("{notice}:2:1: error[E0110]: control character U+0001 in `title`\n  = note: no page can show it, and feeds and the sitemap would not be valid XML with it\n  = hint: remove it; it most likely came with pasted text"))
        .assert_stderr("content/a.md:2:12: error[E0110]: control character U+0001 in `title`")
        .assert_stderr("content/b.md:3:17: error[E0110]: control character U+0000 in `description`")
        .assert_stderr("content/c.md:3:1: error[E0110]: control character U+FFFF in `description`")
        .assert_stderr("content/personuppgifter.yaml:12:9: error[E0110]: control character U+0008 in `providers[0].data_types[0].name`")
        .assert_stderr_count("error[E0110]", 5);
    assert!(!t.out().exists());
}

#[test]
fn a_nul_in_markdown_is_published_as_the_replacement_character() {
    // CommonMark: U+0000 is replaced by U+FFFD. See: issue 10, item 6.
    let t = minimal();
    t.bytes(
        "content/a.md",
        b"---\ntitle: A\n---\n## Rubrik\x00\n\nText\x00 och `kod\x00`.\n",
    );
    t.build();
    let page = t.read("a/index.html");
    assert!(!page.contains('\0'), "{page:?}");
    assert!(
        page.contains("Text\u{FFFD} och <code>kod\u{FFFD}</code>"),
        "{page}"
    );
    assert!(page.contains(">Rubrik\u{FFFD}</h2>"), "{page}");
}

#[test]
fn an_empty_notice_title_is_an_error() {
    let t = PortalTest::from_fixture("notices");
    t.file(
        "content/driftinformation/2026-02-01-tom.md",
        "---\ntitle: \"  \"\nkind: information\nstart: 2026-02-01T08:00:00+01:00\nenvironments: [test]\n---\nText\n",
    );
    t.run(&["build"])
        .assert_code(1)
        .assert_stderr("content/driftinformation/2026-02-01-tom.md:2:1: error[E0103]: `title` is empty\n  = hint: give `title` a value;");
}

#[test]
fn unknown_key_in_a_menu_entry_is_named_at_its_line() {
    let t = minimal();
    t.file(
        "portal.yaml",
        "title: Minimal\nbase_url: https://example.se/\nmenu:\n  - path: /\n    titel: Hem\n",
    );
    t.run(&["build"])
        .assert_code(1)
        .assert_stderr("portal.yaml:5:5: error[E0102]: unknown key `titel` in `menu[0]`\n  = hint: did you mean `title`? Known keys: `path`, `title`");
}

#[test]
fn key_errors_in_portal_yaml_do_not_speak_of_front_matter() {
    let t = minimal();
    t.file(
        "portal.yaml",
        "title: Minimal\nbase_url: https://example.se/\nfooter_menu:\n  - title: Hem\n",
    );
    t.run(&["build"])
        .assert_code(1)
        .assert_stderr("portal.yaml:4:5: error[E0103]: missing required key `path` in `footer_menu[0]`\n  = hint: add a line `path: …` to `footer_menu[0]`");
    t.file("portal.yaml", "title: Minimal\n");
    t.run(&["build"])
        .assert_code(1)
        .assert_stderr("portal.yaml:1:1: error[E0103]: missing required key `base_url`\n  = hint: add a line `base_url: …` to `portal.yaml`");
    t.file(
        "portal.yaml",
        "title: Minimal\nbase_url: https://example.se/\nmenu:\n  - path: /\n    path: /a/\n",
    );
    t.run(&["build"])
        .assert_code(1)
        .assert_stderr("portal.yaml:5:5: error[E0101]: key `path` is given twice in `menu[0]`\n  = hint: keep one of them");
    t.file(
        "portal.yaml",
        "title: Minimal\nbase_url: https://example.se/\nraw_html: ja\n",
    );
    t.run(&["build"])
        .assert_code(1)
        .assert_stderr("portal.yaml:3:11: error[E0104]: invalid `portal.yaml`: `raw_html` must be `true` or `false`, not the text `ja`");
    t.file("portal.yaml", "title: Minimal\n  base_url: x\n");
    let run = t.run(&["build"]);
    run.assert_code(1)
        .assert_stderr("portal.yaml:2:11: error[E0101]: invalid `portal.yaml`: a value contains `: `, or a line is indented under a value; put a value with `: ` in quotes");
    assert!(!run.stderr.contains("front matter"), "{}", run.stderr);
}

#[test]
fn unknown_key_in_the_data_list_is_named_at_its_line() {
    let t = PortalTest::from_fixture("notices");
    t.file(
        "content/personuppgifter.yaml",
        "title: Personuppgifter\nproviders:\n  - id: fk\n    name: Försäkringskassan\n    org_number: 202100-5521\n    data_types:\n      - id: a\n        name: A\n        sinse: 2020-01-01\n",
    );
    t.run(&["build"])
        .assert_code(1)
        .assert_stderr("content/personuppgifter.yaml:9:9: error[E0102]: unknown key `sinse` in `providers[0].data_types[0]`\n  = hint: did you mean `since`? Known keys: `id`, `name`, `description`, `since`, `until`");
    t.file(
        "content/personuppgifter.yaml",
        "title: Personuppgifter\nproviders:\n  - id: fk\n    name: Försäkringskassan\n    org_number: 202100-5521\n    data_typs:\n      - id: a\n",
    );
    t.run(&["build"])
        .assert_code(1)
        .assert_stderr("content/personuppgifter.yaml:6:5: error[E0102]: unknown key `data_typs` in `providers[0]`\n  = hint: did you mean `data_types`? Known keys: `id`, `name`, `org_number`, `data_types`");
}

#[test]
fn a_key_given_twice_is_an_error_at_the_second() {
    let t = minimal();
    t.file(
        "content/a.md",
        "---\ntitle: A\nweight: 1\ntitle: B\n---\nText\n",
    );
    t.run(&["build"]).assert_code(1).assert_stderr(
        "content/a.md:4:1: error[E0101]: key `title` is given twice\n  = hint: keep one of them",
    );
}

#[test]
fn bad_dates_and_ids_in_the_data_list_are_reported_at_their_keys() {
    let t = PortalTest::from_fixture("notices");
    t.file(
        "content/personuppgifter.yaml",
        "providers:\n  - id: fk\n    name: Försäkringskassan\n    org_number: 202100-5521\n    data_types:\n      - id: fk\n        name: Barnbidrag\n        since: 2014-5-18\n      - id: b\n        name: B\n        since: 2014-05-18\n        until: 31 dec 2024\n",
    );
    t.run(&["check"])
        .assert_code(1)
        .assert_stderr("content/personuppgifter.yaml:6:9: error[E0701]: id `fk` is used twice\n  = note: first used at line 2")
        .assert_stderr("content/personuppgifter.yaml:8:9: error[E0105]: `since` is not a valid date: `2014-5-18`\n  = hint: write dates as YYYY-MM-DD, e.g. `2021-07-01`")
        .assert_stderr("content/personuppgifter.yaml:12:9: error[E0105]: `until` is not a valid date: `31 dec 2024`");
}

#[test]
fn an_invalid_source_date_epoch_is_a_usage_error() {
    let t = minimal();
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_infoportal"))
        .args(["build", "--root"])
        .arg(&t.root)
        .env("SOURCE_DATE_EPOCH", "igår")
        .output()
        .expect("run infoportal");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert_eq!(
        stderr,
        "error: SOURCE_DATE_EPOCH `igår` is not a number of seconds\n"
    );
    assert!(!t.out().exists());
    // A valid one is the build's time.
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_infoportal"))
        .args(["check", "--quiet", "--root"])
        .arg(&t.root)
        .env("SOURCE_DATE_EPOCH", "1764115200")
        .output()
        .expect("run infoportal");
    assert_eq!(output.status.code(), Some(0));
}

#[test]
fn files_in_the_wrong_place_or_with_unusable_names_are_reported() {
    let t = minimal();
    t.file("agreements/avtal.md", "---\ntitle: A\n---\n");
    t.file(
        "agreements/Nytt Avtal/1.0.md",
        "---\ntitle: A\nversion: \"1.0\"\ndate: 2024-01-01\nauthor: F\n---\n",
    );
    t.file("content/Om Oss/_index.md", "---\ntitle: Om\n---\n");
    t.file("content/om_oss.md", "---\ntitle: Om oss\n---\nText\n");
    let run = t.run(&["build"]);
    run.assert_code(1)
        .assert_stderr("agreements/avtal.md: error[E0202]: `agreements/avtal.md` is not where agreement documents go\n  = hint: agreement documents are `agreements/<id>/<version>.md`, e.g. `agreements/driftsavtal/1.0.md`")
        .assert_stderr("agreements/Nytt Avtal/1.0.md: error[E0202]: document id `Nytt Avtal` cannot be used in a URL\n  = hint: rename the folder to lowercase letters a-z, digits, `-` and `_`, e.g. `nytt-avtal`")
        .assert_stderr("content/Om Oss/_index.md: error[E0202]: `Om Oss` in `content/Om Oss/_index.md` cannot be used in a URL\n  = hint: rename it to lowercase letters a-z, digits, `-` and `_`, e.g. `om-oss`")
        .assert_stderr_count("error[", 3);
    // `_` is allowed, as the hints say.
    t.remove("agreements/avtal.md");
    t.remove("agreements/Nytt Avtal");
    t.remove("content/Om Oss");
    t.build();
    assert!(t.out().join("om_oss/index.html").is_file());
}

#[test]
fn bad_time_zone_theme_and_menu_path_are_reported_at_their_keys() {
    let t = minimal();
    t.file(
        "portal.yaml",
        "title: Minimal\nbase_url: https://example.se/\ntimezone: Europe/Stokholm\ntheme: Min Tema\nmenu:\n  - path: /\n  - path: om/\n",
    );
    t.run(&["build"])
        .assert_code(1)
        .assert_stderr("portal.yaml:3:1: error[E0104]: unknown time zone `Europe/Stokholm` in `timezone`\n  = hint: use an IANA time zone name such as `Europe/Stockholm`")
        .assert_stderr("portal.yaml:4:1: error[E0104]: invalid theme name `Min Tema`\n  = hint: a theme is a folder name under `themes/`: lowercase letters a-z, digits, `-` and `_`")
        .assert_stderr("portal.yaml:7:5: error[E0104]: menu path `om/` must start with `/`\n  = hint: write the site path of the page, e.g. `/anslutning/`");
}

#[test]
fn a_bad_base_url_flag_is_blamed_on_the_flag() {
    // A flag is a usage error (exit 2), checked before anything is built.
    let t = minimal();
    t.run(&["build", "--base-url", "example.se"])
        .assert_code(2)
        .assert_stderr("error: invalid value 'example.se' for '--base-url <URL>': `example.se` is not an absolute URL");
    t.run(&["check", "--base-url", "https://user:pw@example.se/"])
        .assert_code(2)
        .assert_stderr("`https://user:pw@example.se/` must not contain a user name or password");
    assert!(!t.out().exists());
}

#[test]
fn empty_required_values_are_errors_at_their_keys() {
    let t = minimal();
    t.file(
        "agreements/avtal/1.1.md",
        "---\ntitle: Avtal\nversion: \"1.1\"\ndate: 2024-02-01\nauthor: \"\"\n---\nText\n",
    );
    t.file("content/a.md", "---\ntitle: \" \"\n---\nText\n");
    t.run(&["build"])
        .assert_code(1)
        .assert_stderr("agreements/avtal/1.1.md:5:1: error[E0103]: `author` is empty\n  = hint: give `author` a value")
        .assert_stderr("content/a.md:2:1: error[E0103]: `title` is empty");
}

#[test]
fn notice_problems_without_their_own_code_are_reported_at_their_keys() {
    let t = PortalTest::from_fixture("notices");
    t.file(
        "content/driftinformation/2026-02-01-tom.md",
        "---\ntitle: Tom\nkind: information\nstart: 2026-02-01T08:00:00+01:00\nenvironments: []\n---\nText\n",
    );
    t.file(
        "content/driftinformation/2026-02-02-tid.md",
        "---\ntitle: Tid\nkind: storning\nstart: 2026-02-02T08:00:00+01:00\nresolved: i morgon\nenvironments: [test]\n---\nText\n",
    );
    t.run(&["build"])
        .assert_code(1)
        .assert_stderr("content/driftinformation/2026-02-01-tom.md:5:1: error[E0103]: `environments` is empty\n  = hint: name the affected environments: `[produktion]`, `[test]` or both")
        .assert_stderr("content/driftinformation/2026-02-02-tid.md:5:1: error[E0105]: `resolved` is not a valid time: `i morgon`\n  = hint: write times as RFC 3339 with an offset, e.g. `2021-09-12T06:00:00+02:00`");
}

#[test]
fn unclosed_front_matter_is_explained() {
    let t = minimal();
    t.file("content/a.md", "---\ntitle: A\n\nText utan slut\n");
    t.run(&["build"])
        .assert_code(1)
        .assert_stderr("content/a.md:1:1: error[E0107]: the front matter is not closed\n  = hint: end the front matter with a line containing only `---`");
}

#[test]
fn an_id_attribute_given_twice_is_an_error_at_the_second() {
    let t = minimal();
    t.file(
        "content/a.md",
        "---\ntitle: A\n---\n## Första {id=steg}\n\nSe [här](#steg).\n\n## Andra {#steg}\n",
    );
    t.run(&["build"])
        .assert_code(1)
        .assert_stderr("content/a.md:8:1: error[E0307]: the heading id `steg` is given twice\n  = note: first given on line 4\n")
        .assert_stderr_count("E0307", 1);
}

/// The agreement document of the `minimal` fixture, with `body`.
fn agreement_with(body: &str) -> String {
    format!(
        "---\ntitle: Avtal\nversion: \"1.0\"\ndate: 2024-01-01\nauthor: F\ndocuments:\n  - avtal\n---\n{body}"
    )
}

#[test]
fn a_section_number_used_twice_is_an_error_whatever_the_ids() {
    let t = minimal();
    t.file(
        "agreements/avtal/1.0.md",
        &agreement_with("## 1 Parter {#parter}\n\nText.\n\n## 1 Parter igen {#parter2}\n"),
    );
    t.run(&["build"])
        .assert_code(1)
        .assert_stderr("agreements/avtal/1.0.md:13:1: error[E0304]: section number `1` is used twice\n  = hint: renumber the sections so that each number is unique")
        .assert_stderr_count("error[", 1);
}

#[test]
fn an_explicit_punkt_id_is_not_a_section_number() {
    let t = minimal();
    t.file(
        "agreements/avtal/1.0.md",
        &agreement_with("## Bilaga {#punkt-2}\n\nSe punkten 2.\n\n## 2 Två\n"),
    );
    let run = t.run(&["build"]);
    run.assert_code(0);
    assert!(!run.stderr.contains("E0304"), "{}", run.stderr);
    // "punkten 2" means the heading numbered 2, not the one whose id reads punkt-2.
    let main = t.main("avtal/avtal/index.html");
    assert!(
        main.contains("punkten <a href=\"#punkt-2-2\" class=\"section-ref\">2</a>"),
        "{main}"
    );
    assert!(main.contains("<h2 id=\"punkt-2-2\">2 Två</h2>"));
}

#[test]
fn a_term_defined_twice_in_one_document_is_a_warning() {
    let t = minimal();
    t.file(
        "agreements/avtal/1.0.md",
        &agreement_with("## 1 Parter\n\n| Term | Definition |\n|---|---|\n| Avtalet | Detta avtal. |\n| Avtalet | Ett annat avtal. |\n"),
    );
    let run = t.run(&["build"]);
    run.assert_code(0)
        .assert_stderr("agreements/avtal/1.0.md:14:1: warning[W0302]: the term `Avtalet` is defined twice\n  = note: first defined as `Avtalet`\n  = hint: keep one definition per term")
        .assert_stderr_count("W0302", 1);
    assert!(run.stderr.contains("1 warning"), "{}", run.stderr);
    t.run(&["build", "--strict"]).assert_code(1).assert_stderr(
        "agreements/avtal/1.0.md:14:1: error[W0302]: the term `Avtalet` is defined twice",
    );
}

#[test]
fn broken_link_variants_each_say_what_is_wrong() {
    let t = minimal();
    t.file(
        "agreements/utkast/1.0.md",
        "---\ntitle: Utkast\nversion: \"1.0\"\ndate: 2024-01-01\nauthor: F\ndraft: true\n---\nText.\n",
    );
    t.file(
        "agreements/avtal/1.1.md",
        "---\ntitle: Avtal\nversion: \"1.1\"\ndate: 2024-06-01\nauthor: F\ndraft: true\ndocuments:\n  - avtal\n---\n## 1 Parter\n",
    );
    t.file(
        "content/a.md",
        "---\ntitle: A\n---\n[tom]()\n\n[utkast](avtal:utkast)\n\n[ny](avtal:avtal@1.1)\n\n[utanför](../../hemlig.md)\n\n[avtal](/avtal)\n\n[saknas](/saknas/)\n",
    );
    let run = t.run(&["build"]);
    run.assert_code(1)
        .assert_stderr("content/a.md:4:1: error[E0301]: broken link ``: the link has no target\n  = hint: write the target between the parentheses: `[text](target)`")
        .assert_stderr("content/a.md:6:1: error[E0301]: broken link `avtal:utkast`: `utkast` has no published version\n  = hint: publish a version (remove `draft: true`) or build with `--drafts`")
        .assert_stderr("content/a.md:8:1: error[E0301]: broken link `avtal:avtal@1.1`: version `1.1` of `avtal` is a draft and is not published\n  = hint: link to a published version, or build with `--drafts` to preview")
        .assert_stderr("content/a.md:10:1: error[E0309]: broken link `../../hemlig.md`: it climbs above the portal folder\n  = hint: check the number of `../`")
        .assert_stderr("content/a.md:12:1: error[E0301]: broken link `/avtal`: no page or file is published at `/avtal`\n  = hint: write `/avtal/` with a trailing slash")
        .assert_stderr("content/a.md:14:1: error[E0301]: broken link `/saknas/`: no page or file is published at `/saknas/`\n  = hint: check the path; a page's path is the path of its Markdown file under `content/`, without `.md`")
        .assert_stderr_count("error[E0301]", 5)
        .assert_stderr_count("error[E0309]", 1);
    // With drafts published, the drafts resolve.
    let drafts = t.run(&["check", "--drafts"]);
    drafts.assert_code(1).assert_stderr_count("error[E0301]", 3);
    assert!(!drafts.stderr.contains("avtal:utkast"), "{}", drafts.stderr);
    assert!(
        !drafts.stderr.contains("avtal:avtal@1.1"),
        "{}",
        drafts.stderr
    );
}

/// A page of the minimal portal at `/a/` with `body`, checked.
fn check_page(body: &str) -> common::Run {
    let t = minimal();
    t.file("content/a.md", &format!("---\ntitle: A\n---\n{body}"));
    t.run(&["check"])
}

const LINK_SCHEMES_HINT: &str = "  = hint: links may use `https:`, `http:`, `mailto:` and `tel:`; link to the portal's own pages by their path or with `avtal:`";
const IMAGE_HINT: &str =
    "  = hint: copy the image under `content/` and link it by its path, e.g. `![Karta](karta.png)`";

#[test]
fn links_with_a_scheme_outside_the_allow_list_are_errors_at_their_place() {
    // See: #10. Each used to be published as a live link, even with `raw_html: false`.
    let run = check_page(
        "[a](javascript:alert(1))\n\n[b](JaVaScRiPt:alert(1))\n\n[c](java&#x09;script:alert(1))\n\n<javascript:alert(1)>\n\n[d][ref]\n\n[e](vbscript:msgbox)\n\n[f](&#x20;javascript:alert(1))\n\n[g](irc://example.se/kanal)\n\n[ref]: javascript:alert(1)\n",
    );
    run.assert_code(1);
    for (line, dest, scheme) in [
        (4, "javascript:alert(1)", "javascript"),
        (6, "JaVaScRiPt:alert(1)", "javascript"),
        (8, "java\\tscript:alert(1)", "javascript"),
        (10, "javascript:alert(1)", "javascript"),
        (12, "javascript:alert(1)", "javascript"),
        (14, "vbscript:msgbox", "vbscript"),
        (16, " javascript:alert(1)", "javascript"),
        (18, "irc://example.se/kanal", "irc"),
    ] {
        run.assert_stderr(&format!(
            "content/a.md:{line}:1: error[E0308]: unsafe link `{dest}`: the scheme `{scheme}:` is not allowed\n{LINK_SCHEMES_HINT}"
        ));
    }
    run.assert_stderr_count("error[", 8);
}

#[test]
fn data_and_file_urls_are_errors_that_say_to_copy_the_file() {
    let run = check_page("[e](data:text/html;base64,PHNjcmlwdD4=) och [f](file:///etc/passwd)\n");
    run.assert_code(1)
        .assert_stderr("content/a.md:4:1: error[E0308]: unsafe link `data:text/html;base64,PHNjcmlwdD4=`: the scheme `data:` is not allowed\n  = hint: copy the file under `content/` and link it by its path, e.g. `[Blankett](blankett.pdf)`")
        .assert_stderr("content/a.md:4:45: error[E0308]: unsafe link `file:///etc/passwd`: the scheme `file:` is not allowed")
        .assert_stderr_count("error[", 2);
}

#[test]
fn images_must_come_from_the_site() {
    let long = format!("data:image/png;base64,{}", "A".repeat(5000));
    let run = check_page(&format!(
        "![i](javascript:alert(1))\n\n![j]({long})\n\n![Logga](https://example.se/logo.png)\n\n![k](//example.se/logo.png)\n"
    ));
    run.assert_code(1)
        .assert_stderr(&format!("content/a.md:4:1: error[E0308]: unsafe image `javascript:alert(1)`: the scheme `javascript:` is not allowed\n{IMAGE_HINT}"))
        .assert_stderr(&format!("content/a.md:6:1: error[E0308]: unsafe image `data:image/png;base64,{}…`: the scheme `data:` is not allowed\n{IMAGE_HINT}", "A".repeat(58)))
        .assert_stderr(&format!("content/a.md:8:1: error[E0308]: external image `https://example.se/logo.png`: the site's Content-Security-Policy only lets pages show images from the site itself\n{IMAGE_HINT}"))
        .assert_stderr("content/a.md:10:1: error[E0308]: external image `//example.se/logo.png`")
        .assert_stderr_count("error[", 4);
}

#[test]
fn an_encoded_scheme_is_a_path_as_browsers_read_it() {
    // `%61` is no letter of a scheme, so a browser reads a relative path: nothing unsafe,
    // but nothing is published there either.
    check_page("[m](jav%61script:alert(1))\n")
        .assert_code(1)
        .assert_stderr("content/a.md:4:1: error[E0301]: broken link `jav%61script:alert(1)`: no page or file is published at `/a/javascript:alert(1)`")
        .assert_stderr_count("error[", 1);
}

#[test]
fn links_that_climb_above_the_site_root_are_errors() {
    // See: #10. Each used to become a link to the start page.
    let run = check_page(
        "[n](../../../finns-inte/)\n\n![o](../../../../logo.png)\n\n[p](%2e%2e/%2e%2e/x/)\n\n[q](/../x/)\n",
    );
    run.assert_code(1);
    for (line, dest) in [
        (4, "../../../finns-inte/"),
        (6, "../../../../logo.png"),
        (8, "%2e%2e/%2e%2e/x/"),
        (10, "/../x/"),
    ] {
        run.assert_stderr(&format!(
            "content/a.md:{line}:1: error[E0309]: broken link `{dest}`: it climbs above the site's root\n  = hint: check the number of `../`, or write the path from the site root, starting with `/`"
        ));
    }
    run.assert_stderr_count("error[", 4);
}

#[test]
fn menu_paths_with_a_scheme_outside_the_allow_list_are_errors_at_their_line() {
    let t = minimal();
    t.file(
        "portal.yaml",
        "title: Minimal\nbase_url: https://example.se/\nmenu:\n  - path: /\nfooter_menu:\n  - path: \"JavaScript:alert(1)\"\n    title: Hej\n  - path: data:text/html,x\n",
    );
    t.run(&["check"])
        .assert_code(1)
        .assert_stderr("portal.yaml:6:5: error[E0308]: unsafe menu path `JavaScript:alert(1)`: the scheme `javascript:` is not allowed\n  = hint: write the site path of a page, e.g. `/anslutning/`")
        .assert_stderr("portal.yaml:8:5: error[E0308]: unsafe menu path `data:text/html,x`: the scheme `data:` is not allowed")
        .assert_stderr_count("error[", 2);
}

#[test]
fn a_base_url_that_cannot_be_published_is_one_error_at_its_line() {
    let t = minimal();
    for (url, why) in [
        (
            "https://user:pw@example.se/",
            "must not contain a user name or password",
        ),
        (
            "https://example.se:99999/",
            "has an invalid port; a port is 1 to 65535",
        ),
        ("https://example.se:0/", "has port 0; a port is 1 to 65535"),
        (
            "https://example.se/?utm=x",
            "must not contain a query (`?…`) or a fragment (`#…`)",
        ),
        (
            "https://exa mple.se/",
            "is not a valid URL: invalid international domain name",
        ),
    ] {
        t.file(
            "portal.yaml",
            &format!("title: Minimal\nbase_url: \"{url}\"\n"),
        );
        t.run(&["check"])
            .assert_code(1)
            .assert_stderr(&format!("portal.yaml:2:1: error[E0104]: invalid `base_url`: `{url}` {why}\n  = hint: write the published address, e.g. `https://www.example.se/ssbtek/`"))
            .assert_stderr_count("error[", 1);
    }
}

/// See: issue 14, item 1: the messages of loading and of the portal's structure are in
/// the portal's language, Swedish unless `--lang` or `language` says otherwise.
#[test]
fn loading_and_structure_messages_are_in_swedish() {
    let t = minimal();
    let yaml = std::fs::read_to_string(t.root.join("portal.yaml")).unwrap();
    t.file(
        "portal.yaml",
        &format!("{yaml}timezone: Europe/Stokholm\nmenu:\n  - path: om/\n"),
    );
    t.run(&["check", "--lang", "sv"])
        .assert_code(1)
        .assert_stderr("portal.yaml:6:1: fel[E0104]: okänd tidszon `Europe/Stokholm` i `timezone`\n  = tips: använd namnet på en tidszon i IANA:s tidszonsdatabas, t.ex. `Europe/Stockholm`")
        .assert_stderr("portal.yaml:8:5: fel[E0104]: menyvalets adress `om/` måste börja med `/`\n  = tips: skriv sidans adress på webbplatsen, t.ex. `/anslutning/`")
        .assert_stderr("\n2 fel\n");

    // From the analysis of the whole portal: a listed document with no version in force,
    // its note listing the versions it has, and one that does not exist.
    t.file("portal.yaml", &yaml);
    t.file(
        "agreements/avtal/1.0.md",
        "---\ntitle: Avtal\nversion: \"1.0\"\ndate: 2024-01-01\nauthor: F\ndocuments:\n  - avtal\n  - bilaga\n  - bilgaa2\n---\nText.\n",
    );
    t.file("agreements/bilaga/1.0.md", "---\ntitle: Bilaga\nversion: \"1.0\"\ndate: 2024-01-01\nauthor: F\ndraft: true\n---\nText.\n");
    t.file("agreements/bilaga/1.1.md", "---\ntitle: Bilaga\nversion: \"1.1\"\ndate: 2026-10-01\nvalid_from: 2027-03-01\nauthor: F\n---\nText.\n");
    t.file(
        "agreements/bilaga2/1.0.md",
        "---\ntitle: Bilaga 2\nversion: \"1.0\"\ndate: 2024-01-01\nauthor: F\n---\nText.\n",
    );
    t.run(&["check", "--lang", "sv"])
        .assert_code(1)
        .assert_stderr("agreements/avtal/1.0.md:8:5: fel[E0402]: `bilaga` finns med i listan men har ingen version som gäller den 2026-11-26\n  = obs: versioner av `bilaga`: 1.0 är ett utkast; 1.1 gäller från 2027-03-01\n  = tips: publicera en version som gäller senast då")
        .assert_stderr("agreements/avtal/1.0.md:9:5: fel[E0401]: handlingsförteckningen tar upp `bilgaa2`, som inte finns\n  = tips: menade du `bilaga2`?")
        .assert_stderr("agreements/bilaga2/1.0.md: varning[W0401]: `bilaga2` hör inte till något avtal");
}
