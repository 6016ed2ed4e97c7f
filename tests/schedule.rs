//! The next change (issue 11, item 1): the next moment after `--now` at which anything a
//! build renders changes, in the summary line, `--format json`, `manifest.json` and the
//! `next-change` command, which must all agree.

mod common;

use common::{PortalTest, example};
use serde_json::{Value, json};

/// The minimal portal: one agreement `avtal` 1.0 (in force since 2024-01-01).
fn portal() -> PortalTest {
    PortalTest::from_fixture("minimal")
}

fn version(t: &PortalTest, v: &str, valid_from: &str, extra: &str) {
    t.file(
        &format!("agreements/avtal/{v}.md"),
        &format!(
            "---\ntitle: Avtal\nversion: \"{v}\"\ndate: 2024-01-01\nauthor: Förvaltningen\n\
             valid_from: {valid_from}\n{extra}documents:\n  - avtal\n---\n## 1 Parter\n\nText.\n"
        ),
    );
}

fn notice(t: &PortalTest, name: &str, title: &str, times: &str) {
    t.file(
        &format!("content/driftinformation/{name}.md"),
        &format!(
            "---\ntitle: {title}\nkind: storning\n{times}environments: [produktion]\n---\nText.\n"
        ),
    );
}

/// `next-change --format json`'s `next_change`, asserting exit 0 and that `build`
/// (its JSON, its manifest) reports the same.
fn next(t: &PortalTest, now: &str, extra: &[&str]) -> Value {
    let mut args = vec!["next-change", "--format", "json", "--now", now];
    args.extend(extra);
    let run = t.run(&args);
    run.assert_code(0);
    let asked: Value = serde_json::from_str(&run.stdout).expect("JSON");
    let mut args = vec!["build", "--format", "json", "--now", now];
    args.extend(extra);
    let run = t.run(&args);
    run.assert_code(0);
    let built: Value = serde_json::from_str(&run.stdout).expect("JSON");
    let manifest: Value = serde_json::from_str(&t.read("manifest.json")).expect("JSON");
    assert_eq!(
        asked["next_change"], built["next_change"],
        "next-change and build"
    );
    assert_eq!(
        built["next_change"], manifest["next_change"],
        "build and manifest"
    );
    asked["next_change"].clone()
}

fn reason(path: &str, what: &str) -> Value {
    json!({"path": path, "what": what})
}

#[test]
fn a_version_takes_effect_at_midnight_in_the_portal_time_zone() {
    let t = portal();
    version(&t, "1.1", "2027-07-01", "");
    let expected = json!({
        "at": "2027-07-01T00:00:00+02:00",
        "reasons": [reason("agreements/avtal/1.1.md", "Avtal 1.1 takes effect")]
    });
    assert_eq!(next(&t, "2026-11-26", &[]), expected, "summer time: +02:00");
    assert_eq!(next(&t, "2027-06-30T23:59:59+02:00", &[]), expected);
    // The boundary at the build's time is past: 1.1 is current then.
    assert_eq!(next(&t, "2027-07-01T00:00:00+02:00", &[]), Value::Null);
    let manifest: Value = serde_json::from_str(&t.read("manifest.json")).unwrap();
    assert_eq!(manifest["documents"][0]["current_version"], "1.1");
    // The same instant written in UTC.
    assert_eq!(next(&t, "2027-06-30T22:00:00Z", &[]), Value::Null);
    assert_eq!(next(&t, "2027-06-30T21:59:59Z", &[]), expected);

    version(&t, "1.1", "2027-01-01", "");
    assert_eq!(
        next(&t, "2026-11-26", &[])["at"],
        "2027-01-01T00:00:00+01:00",
        "winter time: +01:00"
    );
}

#[test]
fn the_time_zone_is_the_portals() {
    let t = portal();
    t.file(
        "portal.yaml",
        "title: Minimal\nbase_url: https://example.se/\ntimezone: America/New_York\n",
    );
    version(&t, "1.1", "2027-07-01", "");
    assert_eq!(
        next(&t, "2026-11-26T12:00:00Z", &[])["at"],
        "2027-07-01T00:00:00-04:00"
    );
}

#[test]
fn a_notice_begins_then_ends_and_its_status_changes_at_each_boundary() {
    let t = portal();
    notice(
        &t,
        "storning",
        "Störning i bastjänsten",
        "start: 2026-12-10T18:00:00+01:00\nend: 2026-12-10T20:30:00+01:00\n",
    );
    let begins = json!({
        "at": "2026-12-10T18:00:00+01:00",
        "reasons": [reason("content/driftinformation/storning.md", "Störning i bastjänsten begins")]
    });
    let ends = json!({
        "at": "2026-12-10T20:30:00+01:00",
        "reasons": [reason("content/driftinformation/storning.md", "Störning i bastjänsten ends")]
    });
    let status = |t: &PortalTest| {
        let m: Value = serde_json::from_str(&t.read("manifest.json")).unwrap();
        m["notices"][0]["status"].as_str().unwrap().to_string()
    };
    assert_eq!(next(&t, "2026-12-10T17:59:59+01:00", &[]), begins);
    assert_eq!(status(&t), "upcoming");
    assert_eq!(next(&t, "2026-12-10T18:00:00+01:00", &[]), ends);
    assert_eq!(status(&t), "ongoing");
    assert!(t.read("index.html").contains("Pågående störning"));
    assert_eq!(next(&t, "2026-12-10T20:29:59+01:00", &[]), ends);
    assert_eq!(next(&t, "2026-12-10T20:30:00+01:00", &[]), Value::Null);
    assert_eq!(status(&t), "ended");
    assert!(!t.read("index.html").contains("Pågående störning"));
}

#[test]
fn a_resolved_disturbance_ends_when_resolved_and_its_end_changes_nothing() {
    let t = portal();
    notice(
        &t,
        "storning",
        "Störning",
        "start: 2026-12-10T18:00:00+01:00\nend: 2026-12-11T18:00:00+01:00\nresolved: 2026-12-10T19:15:00+01:00\n",
    );
    let resolved = json!({
        "at": "2026-12-10T19:15:00+01:00",
        "reasons": [reason("content/driftinformation/storning.md", "Störning is resolved")]
    });
    assert_eq!(next(&t, "2026-12-10T18:00:00+01:00", &[]), resolved);
    assert_eq!(next(&t, "2026-12-10T19:15:00+01:00", &[]), Value::Null);
}

#[test]
fn a_notice_held_back_changes_the_site_when_it_is_published() {
    let t = portal();
    notice(
        &t,
        "underhall",
        "Underhåll",
        "start: 2026-12-10T18:00:00+01:00\nend: 2026-12-10T20:00:00+01:00\npublished: 2026-12-01T08:00:00+01:00\n",
    );
    let published = json!({
        "at": "2026-12-01T08:00:00+01:00",
        "reasons": [reason("content/driftinformation/underhall.md", "Underhåll is published")]
    });
    assert_eq!(next(&t, "2026-11-26", &[]), published);
    let manifest: Value = serde_json::from_str(&t.read("manifest.json")).unwrap();
    assert_eq!(manifest["notices"], json!([]), "not published yet");
    // With --drafts it is shown already: its publication changes nothing.
    assert_eq!(
        next(&t, "2026-11-26", &["--drafts"])["reasons"],
        json!([reason(
            "content/driftinformation/underhall.md",
            "Underhåll begins"
        )])
    );
    assert_eq!(
        next(&t, "2026-12-01T08:00:00+01:00", &[])["reasons"],
        json!([reason(
            "content/driftinformation/underhall.md",
            "Underhåll begins"
        )])
    );
}

#[test]
fn every_reason_at_the_moment_is_listed_in_order() {
    let t = portal();
    notice(
        &t,
        "b-storning",
        "Störning B",
        "start: 2027-01-01T00:00:00+01:00\n",
    );
    version(&t, "1.1", "2027-01-01", "");
    notice(
        &t,
        "a-underhall",
        "Underhåll A",
        "start: 2026-12-01T00:00:00+01:00\nend: 2027-01-01T00:00:00+01:00\n",
    );
    // A later boundary is not listed.
    notice(
        &t,
        "c-senare",
        "Senare",
        "start: 2027-01-01T00:00:01+01:00\n",
    );
    let expected = json!({
        "at": "2027-01-01T00:00:00+01:00",
        "reasons": [
            reason("agreements/avtal/1.1.md", "Avtal 1.1 takes effect"),
            reason("content/driftinformation/a-underhall.md", "Underhåll A ends"),
            reason("content/driftinformation/b-storning.md", "Störning B begins"),
        ]
    });
    assert_eq!(next(&t, "2026-12-15", &[]), expected);
    let run = t.run(&["build", "--now", "2026-12-15"]);
    run.assert_code(0);
    assert!(
        run.stdout
            .ends_with("; next change 2027-01-01 00:00 (Avtal 1.1 takes effect and 2 more)\n"),
        "{}",
        run.stdout
    );
    let run = t.run(&["check", "--now", "2026-12-15"]);
    assert!(
        run.stdout
            .ends_with("; next change 2027-01-01 00:00 (Avtal 1.1 takes effect and 2 more)\n"),
        "{}",
        run.stdout
    );
    let run = t.run(&["next-change", "--now", "2026-12-15"]);
    run.assert_code(0);
    assert_eq!(
        run.stdout,
        "Next change 2027-01-01 00:00 (2027-01-01T00:00:00+01:00):\n  \
         agreements/avtal/1.1.md: Avtal 1.1 takes effect\n  \
         content/driftinformation/a-underhall.md: Underhåll A ends\n  \
         content/driftinformation/b-storning.md: Störning B begins\n"
    );
    t.remove("content/driftinformation/a-underhall.md");
    let run = t.run(&["build", "--now", "2026-12-15"]);
    assert!(
        run.stdout.ends_with(
            "; next change 2027-01-01 00:00 (Avtal 1.1 takes effect and Störning B begins)\n"
        ),
        "{}",
        run.stdout
    );
}

#[test]
fn a_single_reason_in_the_summary_line() {
    let t = portal();
    notice(
        &t,
        "underhall",
        "Planerat underhåll i december",
        "start: 2026-12-10T18:00:00+01:00\nend: 2026-12-10T20:00:00+01:00\n",
    );
    let run = t.run(&["build", "--now", "2026-11-26"]);
    run.assert_code(0);
    let line = run.stdout.trim_end();
    assert!(line.starts_with("Built "), "{line}");
    assert!(
        line.ends_with(" ms; next change 2026-12-10 18:00 (Planerat underhåll i december begins)"),
        "{line}"
    );
}

#[test]
fn nothing_scheduled_is_null_and_leaves_the_summary_line_as_it_was() {
    let t = portal();
    notice(
        &t,
        "storning",
        "Störning",
        "start: 2026-01-10T08:00:00+01:00\nresolved: 2026-01-10T11:30:00+01:00\n",
    );
    assert_eq!(next(&t, "2026-11-26", &[]), Value::Null);
    let run = t.run(&["build", "--now", "2026-11-26"]);
    let line = run.stdout.trim_end();
    assert!(
        line.starts_with("Built ") && line.ends_with(" ms") && !line.contains("next change"),
        "{line}"
    );
    let run = t.run(&["next-change", "--now", "2026-11-26"]);
    run.assert_code(0);
    assert_eq!(run.stdout, "No change scheduled\n");
}

#[test]
fn drafts_count_only_with_drafts() {
    let t = portal();
    version(&t, "1.1", "2027-01-01", "draft: true\n");
    notice(
        &t,
        "utkast",
        "Utkast",
        "start: 2026-12-10T18:00:00+01:00\ndraft: true\n",
    );
    assert_eq!(next(&t, "2026-11-26", &[]), Value::Null);
    assert_eq!(
        next(&t, "2026-11-26", &["--drafts"]),
        json!({
            "at": "2026-12-10T18:00:00+01:00",
            "reasons": [reason("content/driftinformation/utkast.md", "Utkast begins")]
        })
    );
    assert_eq!(
        next(&t, "2026-12-10T18:00:00+01:00", &["--drafts"]),
        json!({
            "at": "2027-01-01T00:00:00+01:00",
            "reasons": [reason("agreements/avtal/1.1.md", "Avtal 1.1 takes effect")]
        })
    );
}

#[test]
fn an_upcoming_version_already_superseded_still_changes_its_page() {
    let t = portal();
    version(&t, "1.1", "2027-06-01", "");
    version(&t, "1.2", "2027-01-01", "");
    assert_eq!(
        next(&t, "2027-02-01", &[]),
        json!({
            "at": "2027-06-01T00:00:00+02:00",
            "reasons": [reason(
                "agreements/avtal/1.1.md",
                "Avtal 1.1 takes effect, already superseded by a later version"
            )]
        })
    );
}

#[test]
fn next_change_reports_content_errors_like_check() {
    let t = portal();
    notice(&t, "trasig", "Trasig", "start: 2026-12-10 18:00\n");
    let run = t.run(&["next-change", "--now", "2026-11-26"]);
    run.assert_code(1)
        .assert_stderr("content/driftinformation/trasig.md:4:1: error[E0604]: `start: 2026-12-10 18:00` has no time zone offset")
        .assert_stderr("1 error");
    assert_eq!(run.stdout, "");
    let run = t.run(&["next-change", "--now", "2026-11-26", "--format", "json"]);
    run.assert_code(1);
    let json: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(json["errors"], 1);
    assert_eq!(json["diagnostics"][0]["code"], "E0604");
    assert_eq!(json["next_change"], Value::Null);
}

#[test]
fn next_change_usage_errors_exit_2() {
    let t = portal();
    let run = t.run(&["next-change", "--now", "morgon"]);
    run.assert_code(2)
        .assert_stderr("`morgon` is neither a date");
    let run = t.run(&["next-change", "--format", "github"]);
    run.assert_code(2);
    t.remove("portal.yaml");
    let run = t.run(&["next-change"]);
    run.assert_code(2).assert_stderr("error: ");
}

fn tree(t: &PortalTest) -> Vec<(String, Vec<u8>)> {
    t.output_files()
        .into_iter()
        .filter(|f| !f.starts_with('.'))
        .map(|f| {
            let bytes = std::fs::read(t.out().join(&f)).unwrap();
            (f.clone(), without_time_stamps(&f, bytes))
        })
        .collect()
}

/// What a build shows of its own time, which is not a change of the site: the `date`
/// of `personuppgifter.json`.
fn without_time_stamps(file: &str, bytes: Vec<u8>) -> Vec<u8> {
    if file.ends_with(".html") {
        return without_built_times(String::from_utf8(bytes).unwrap()).into_bytes();
    }
    if file != "personuppgifter.json" {
        return bytes;
    }
    let text = String::from_utf8(bytes).unwrap();
    text.lines()
        .filter(|l| !l.starts_with("  \"date\": "))
        .collect::<Vec<_>>()
        .join("\n")
        .into_bytes()
}

/// The page's "Uppdaterad <time>" lines say when it was built: a time stamp, not a
/// change of what the page states.
fn without_built_times(mut html: String) -> String {
    const START: &str = "Uppdaterad <time datetime=\"";
    let mut from = 0;
    while let Some(at) = html[from..].find(START).map(|i| from + i) {
        let Some(end) = html[at..].find("</time>").map(|i| at + i) else {
            break;
        };
        html.replace_range(at..end, "Uppdaterad ");
        from = at + "Uppdaterad ".len();
    }
    html
}

fn instant(rfc3339: &str) -> jiff::Timestamp {
    rfc3339.parse().unwrap()
}

/// Walks the example portal from 2026-11-26 through every boundary `next-change` names:
/// at each, `build` agrees, the site built just before the boundary is the site built
/// at the previous one (nothing changes in between, manifest included), and the site at
/// the boundary differs from it, manifest included (issue 11, item 2).
#[test]
fn the_example_changes_exactly_at_each_next_change() {
    let t = example();
    let mut now = "2026-11-26T12:00:00+01:00".to_string();
    // `next` builds too: `site` is the site as of `now`.
    let mut change = next(&t, &now, &[]);
    let mut site = tree(&t);
    let mut steps = 0;
    while let Some(at) = change["at"].as_str().map(str::to_string) {
        let before = instant(&at)
            .checked_sub(jiff::SignedDuration::from_secs(1))
            .unwrap()
            .to_string();
        t.run(&["build", "--now", &before]).assert_code(0);
        assert!(
            tree(&t) == site,
            "the site built at {before} differs from the one at {now}"
        );
        change = next(&t, &at, &[]);
        let after = tree(&t);
        let manifest = |files: &[(String, Vec<u8>)]| {
            files
                .iter()
                .find(|(f, _)| f == "manifest.json")
                .map(|(_, b)| b.clone())
        };
        assert_ne!(manifest(&after), manifest(&site), "manifest at {at}");
        assert!(after != site, "nothing changed at {at}");
        site = after;
        now = at;
        steps += 1;
    }
    assert!(steps >= 5, "the example has upcoming boundaries: {steps}");
}

/// `next-change` speaks the portal's language (Swedish by default, `language: en` in
/// portal.yaml) unless `--lang` says otherwise, the reasons included.
#[test]
fn next_change_speaks_the_portals_language() {
    let t = portal();
    version(&t, "1.1", "2027-07-01", "");
    let run = t.run_plain(&["next-change", "--now", "2026-11-26"]);
    run.assert_code(0);
    assert!(
        run.stdout
            .starts_with("Nästa ändring 2027-07-01 00:00 (2027-07-01T00:00:00+02:00):"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("agreements/avtal/1.1.md: Avtal 1.1 börjar gälla"),
        "{}",
        run.stdout
    );
    let yaml = std::fs::read_to_string(t.root.join("portal.yaml")).expect("portal.yaml");
    t.file("portal.yaml", &format!("{yaml}language: en\n"));
    let run = t.run_plain(&["next-change", "--now", "2026-11-26"]);
    assert!(
        run.stdout
            .contains("agreements/avtal/1.1.md: Avtal 1.1 takes effect"),
        "{}",
        run.stdout
    );
    let run = t.run_plain(&["next-change", "--now", "2026-11-26", "--lang", "sv"]);
    assert!(
        run.stdout.contains("Avtal 1.1 börjar gälla"),
        "{}",
        run.stdout
    );
}
