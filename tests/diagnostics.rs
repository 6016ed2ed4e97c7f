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
        .assert_stderr("content/a.md:3:6: error[E0101]: invalid front matter: mapping values are not allowed in this context")
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
        .assert_stderr("content/a.md:3:9: error[E0104]: invalid front matter: weight: invalid type: string \"först\", expected i64");
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
    let run = t.run(&["check", "--format", "json"]);
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
    let run = t.run(&["check", "--format", "github"]);
    run.assert_code(1);
    assert!(
        run.stdout.contains("::error file=content/a.md,line=3,col=1,title=infoportal E0102::unknown key `foo`%0Ahint: remove it; known keys: `title`, `description`, `weight`, `draft`, `date`\n"),
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
        .assert_stderr("content/a.md:10:1: error[E0301]: broken link `../../hemlig.md`: the link points outside the portal folder\n  = hint: check the number of `../`")
        .assert_stderr("content/a.md:12:1: error[E0301]: broken link `/avtal`: no page or file is published at `/avtal`\n  = hint: write `/avtal/` with a trailing slash")
        .assert_stderr("content/a.md:14:1: error[E0301]: broken link `/saknas/`: no page or file is published at `/saknas/`\n  = hint: link to the Markdown file instead (`../anslutning/kommun.md`) or check the path")
        .assert_stderr_count("error[E0301]", 6);
    // With drafts published, the drafts resolve.
    let drafts = t.run(&["check", "--drafts"]);
    drafts.assert_code(1).assert_stderr_count("error[E0301]", 4);
    assert!(!drafts.stderr.contains("avtal:utkast"), "{}", drafts.stderr);
    assert!(
        !drafts.stderr.contains("avtal:avtal@1.1"),
        "{}",
        drafts.stderr
    );
}
