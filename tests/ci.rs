//! The CI definitions shipped for portals (issue 11, item 2): `docs/ci/github-actions.yml`
//! and `docs/ci/gitlab-ci.yml` parse and cover every trigger, and `docs/ci/publish.sh`,
//! which both call, decides right on manifests of real builds. Needs `jq` and `rsync`
//! (installed by `.ci/run`).

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::PortalTest;
use serde_json::Value;

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn definition(name: &str) -> Value {
    let text = std::fs::read_to_string(repo().join("docs/ci").join(name)).unwrap();
    infoportal::load::yaml::parse(&text, 1 << 20)
        .unwrap_or_else(|e| panic!("{name} is not valid YAML: {e:?}"))
}

/// Every shell command of a GitHub Actions job, in order.
fn github_runs(workflow: &Value, job: &str) -> Vec<String> {
    workflow["jobs"][job]["steps"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|s| s["run"].as_str().map(str::to_string))
        .collect()
}

fn lines(value: &Value) -> Vec<String> {
    value
        .as_array()
        .unwrap_or_else(|| panic!("a list: {value}"))
        .iter()
        .map(|l| l.as_str().unwrap().to_string())
        .collect()
}

/// The `ci/publish.sh` subcommands a script calls.
fn publish_calls(script: &str) -> Vec<&str> {
    script
        .split("sh ci/publish.sh ")
        .skip(1)
        .filter_map(|rest| rest.split_whitespace().next())
        .collect()
}

#[test]
fn the_github_workflow_checks_pull_requests_and_publishes_on_push_schedule_and_by_hand() {
    let w = definition("github-actions.yml");
    let on = &w["on"];
    for trigger in ["push", "pull_request", "schedule", "workflow_dispatch"] {
        assert!(on.get(trigger).is_some(), "no `{trigger}` trigger");
    }
    let cron = on["schedule"][0]["cron"].as_str().unwrap();
    assert_eq!(cron, "*/15 * * * *");
    assert_eq!(
        w["env"]["SLOT_MINUTES"], "15",
        "slots as long as the schedule's interval"
    );

    let check = github_runs(&w, "check").join("\n");
    assert!(check.contains("infoportal check --strict"), "{check}");
    assert!(!check.contains("upload"), "a check publishes nothing");
    let check_if = w["jobs"]["check"]["if"].as_str().unwrap();
    assert!(check_if.contains("pull_request"), "{check_if}");

    let publish_if = w["jobs"]["publish"]["if"].as_str().unwrap();
    assert!(!publish_if.contains("pull_request"), "{publish_if}");
    for event in ["schedule", "push", "workflow_dispatch"] {
        assert!(publish_if.contains(event), "{publish_if}");
    }
    let publish = github_runs(&w, "publish").join("\n");
    assert!(
        publish.contains("infoportal build --strict --format github --now \"$NOW\""),
        "{publish}"
    );
    assert!(publish.contains("infoportal next-change --format json --now \"$NOW\""));
    assert_eq!(
        publish_calls(&publish),
        ["slot", "due", "decide", "upload"],
        "{publish}"
    );
    // Pushes to main publish always; the rest only when the site changed.
    assert!(publish.contains("[ \"$GITHUB_EVENT_NAME\" = push ]"));
    let steps = w["jobs"]["publish"]["steps"].as_array().unwrap();
    let upload = steps.iter().find(|s| s["name"] == "Upload").unwrap();
    assert_eq!(upload["if"], "steps.decide.outputs.publish == 'publish'");
}

#[test]
fn the_gitlab_pipeline_checks_merge_requests_and_publishes_on_push_and_schedule() {
    let p = definition("gitlab-ci.yml");
    let workflow = serde_json::to_string(&p["workflow"]["rules"]).unwrap();
    for source in ["merge_request_event", "schedule", "web"] {
        assert!(workflow.contains(source), "{workflow}");
    }
    let check = lines(&p["check"]["script"]).join("\n");
    assert!(
        check.contains("infoportal check --strict --now \"$now\""),
        "{check}"
    );
    let check_rules = serde_json::to_string(&p["check"]["rules"]).unwrap();
    assert!(check_rules.contains("merge_request_event"), "{check_rules}");

    let rules = p["publish"]["rules"].as_array().unwrap();
    let rule = |source: &str| {
        rules
            .iter()
            .find(|r| {
                r["if"]
                    .as_str()
                    .unwrap()
                    .contains(&format!("$CI_PIPELINE_SOURCE == \"{source}\""))
            })
            .unwrap_or_else(|| panic!("no rule for {source}"))
    };
    assert_eq!(rule("schedule")["variables"]["CHECK_DUE"], "true");
    assert_eq!(rule("schedule")["variables"]["PUBLISH_MODE"], "if-changed");
    assert_eq!(rule("push")["variables"]["PUBLISH_MODE"], "always");
    assert!(
        rules
            .iter()
            .all(|r| r["if"].as_str().unwrap().contains("$CI_DEFAULT_BRANCH")),
        "only the default branch is published"
    );
    let publish = lines(&p["publish"]["script"]).join("\n");
    assert!(publish.contains("infoportal build --strict --now \"$now\""));
    assert_eq!(
        publish_calls(&publish),
        ["slot", "due", "decide", "upload"],
        "{publish}"
    );
}

fn require(tool: &str) {
    let found = Command::new(tool).arg("--version").output().is_ok();
    assert!(
        found,
        "`{tool}` is needed to test docs/ci/publish.sh: apt-get install {tool}"
    );
}

/// Runs `sh docs/ci/publish.sh <args>`: (exit code, stdout).
fn publish_sh(args: &[&str]) -> (i32, String) {
    require("jq");
    let out = Command::new("sh")
        .arg(repo().join("docs/ci/publish.sh"))
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
    )
}

fn answer(args: &[&str]) -> String {
    let (code, out) = publish_sh(args);
    assert_eq!(code, 0, "publish.sh {args:?}");
    out.trim_end().to_string()
}

fn epoch(rfc3339: &str) -> String {
    rfc3339
        .parse::<jiff::Timestamp>()
        .unwrap()
        .as_second()
        .to_string()
}

/// The 15-minute slot of a moment, as the CI definitions compute it.
fn slot(rfc3339: &str) -> String {
    answer(&["slot", "15", &epoch(rfc3339)])
}

/// Builds the portal as of `now` into `out`, returning its manifest's path.
fn build(t: &PortalTest, now: &str, out: &str) -> PathBuf {
    let out = t.root.join(out);
    t.run(&[
        "build",
        "--strict",
        "--now",
        now,
        "--out",
        out.to_str().unwrap(),
    ])
    .assert_code(0);
    out.join("manifest.json")
}

fn next_change(t: &PortalTest, now: &str) -> PathBuf {
    let run = t.run(&["next-change", "--format", "json", "--now", now]);
    run.assert_code(0);
    let path = t
        .root
        .join(format!("next-change-{}.json", now.replace(':', "")));
    std::fs::write(&path, run.stdout).unwrap();
    path
}

fn s(path: &Path) -> &str {
    path.to_str().unwrap()
}

/// A portal with a disturbance that begins at 18:05 Swedish time, 17:05 UTC.
fn portal() -> PortalTest {
    let t = PortalTest::from_fixture("minimal");
    t.file(
        "content/driftinformation/storning.md",
        "---\ntitle: Störning\nkind: storning\nstart: 2026-12-10T18:05:00+01:00\n\
         environments: [produktion]\n---\nText.\n",
    );
    t
}

#[test]
fn slots_start_on_the_interval_in_utc() {
    assert_eq!(
        slot("2026-12-10T17:59:59+01:00"),
        "2026-12-10T16:45:00+00:00"
    );
    assert_eq!(slot("2026-12-10T16:45:00Z"), "2026-12-10T16:45:00+00:00");
    assert_eq!(
        answer(&["slot", "60", &epoch("2026-07-01T10:59:00+02:00")]),
        "2026-07-01T08:00:00+00:00"
    );
    assert_eq!(publish_sh(&["slot", "0"]).0, 2);
    assert_eq!(publish_sh(&["slot", "x"]).0, 2);
    assert_eq!(publish_sh(&["decide", "sometimes", "a", "b"]).0, 2);
    assert_eq!(publish_sh(&["frobnicate"]).0, 2);
}

#[test]
fn the_same_slot_is_the_same_site_and_is_not_published_again() {
    let t = portal();
    // 23:50 and 23:59:59 Swedish time on 9 December.
    let first = slot("2026-12-09T22:50:00Z");
    let rerun = slot("2026-12-09T22:59:59Z");
    assert_eq!(first, rerun);
    let published = build(&t, &first, "published");
    let again = build(&t, &rerun, "again");
    let tree = |dir: &str| {
        let mut files = Vec::new();
        for entry in walk(&t.root.join(dir)) {
            let bytes = std::fs::read(&entry).unwrap();
            files.push((
                entry.strip_prefix(t.root.join(dir)).unwrap().to_owned(),
                bytes,
            ));
        }
        files
    };
    assert!(
        tree("published") == tree("again"),
        "a rerun of a slot is byte-identical"
    );

    assert_eq!(
        answer(&["decide", "if-changed", s(&published), s(&again)]),
        "skip"
    );
    assert_eq!(
        answer(&["decide", "always", s(&published), s(&again)]),
        "publish"
    );
    let next = next_change(&t, &rerun);
    assert_eq!(answer(&["due", s(&published), s(&next)]), "not-due");

    // A later slot, on another day, before the disturbance begins: nothing is due,
    // nothing changed.
    let later = slot("2026-12-10T17:14:59Z");
    assert_eq!(later, "2026-12-10T17:00:00+00:00");
    assert_eq!(
        answer(&["due", s(&published), s(&next_change(&t, &later))]),
        "not-due"
    );
    let built = build(&t, &later, "later");
    assert_eq!(
        answer(&["decide", "if-changed", s(&published), s(&built)]),
        "skip"
    );
}

#[test]
fn a_notice_that_began_is_due_and_published() {
    let t = portal();
    let published = build(&t, &slot("2026-12-10T16:50:00Z"), "published");
    let begun = slot("2026-12-10T17:15:00Z");
    assert_eq!(
        answer(&["due", s(&published), s(&next_change(&t, &begun))]),
        "due"
    );
    let built = build(&t, &begun, "begun");
    let manifest: Value = serde_json::from_str(&std::fs::read_to_string(&built).unwrap()).unwrap();
    assert_eq!(manifest["notices"][0]["status"], "ongoing");
    assert_eq!(
        answer(&["decide", "if-changed", s(&published), s(&built)]),
        "publish"
    );
    // Once published, the next slot has nothing new.
    let next = slot("2026-12-10T17:30:00Z");
    assert_eq!(
        answer(&["due", s(&built), s(&next_change(&t, &next))]),
        "not-due"
    );
}

#[test]
fn without_a_published_manifest_everything_is_due_and_published() {
    let t = portal();
    let now = slot("2026-12-10T16:50:00Z");
    let built = build(&t, &now, "public");
    let next = next_change(&t, &now);
    let missing = t.root.join("nothing-here.json");
    assert_eq!(answer(&["due", s(&missing), s(&next)]), "due");
    assert_eq!(
        answer(&["decide", "if-changed", s(&missing), s(&built)]),
        "publish"
    );
    // A web server's error page in place of the manifest.
    let html = t.root.join("error.html");
    std::fs::write(&html, "<!doctype html><title>404</title>").unwrap();
    assert_eq!(answer(&["due", s(&html), s(&next)]), "due");
    assert_eq!(
        answer(&["decide", "if-changed", s(&html), s(&built)]),
        "publish"
    );
    // Not at a URL that answers either.
    let url = "http://127.0.0.1:9/manifest.json";
    assert_eq!(answer(&["decide", "if-changed", url, s(&built)]), "publish");
    // But a new manifest that is missing is a mistake, not a change.
    assert_eq!(
        publish_sh(&["decide", "if-changed", s(&built), s(&missing)]).0,
        2
    );
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

#[test]
fn upload_replaces_the_published_site_and_removes_what_is_gone() {
    require("rsync");
    let t = portal();
    t.file("content/gammal.md", "---\ntitle: Gammal\n---\nText.\n");
    let now = slot("2026-12-10T16:50:00Z");
    build(&t, &now, "public");
    let dest = t.root.join("server/");
    std::fs::create_dir_all(&dest).unwrap();
    assert_eq!(answer(&["upload", s(&t.root.join("public")), s(&dest)]), "");
    assert!(dest.join("gammal/index.html").is_file());
    t.remove("content/gammal.md");
    build(&t, &now, "public");
    assert_eq!(answer(&["upload", s(&t.root.join("public")), s(&dest)]), "");
    assert!(
        !dest.join("gammal").join("index.html").exists(),
        "a page gone is removed"
    );
    let strip = |dir: &Path| -> Vec<(PathBuf, Vec<u8>)> {
        walk(dir)
            .into_iter()
            .map(|f| {
                (
                    f.strip_prefix(dir).unwrap().to_owned(),
                    std::fs::read(&f).unwrap(),
                )
            })
            .collect()
    };
    assert!(
        strip(&t.root.join("public")) == strip(&dest),
        "the server holds the site"
    );
    assert_eq!(
        publish_sh(&["upload", s(&t.root.join("content")), s(&dest)]).0,
        2,
        "not a site"
    );
}

/// The GitLab pipeline's `publish` script, run as the runner runs it (`sh -e`), with the
/// real binary, a local "server" and `ci/publish.sh` in the portal: the first run
/// publishes, an immediate second (scheduled) run finds nothing due.
#[test]
fn the_gitlab_publish_script_runs() {
    require("rsync");
    let t = portal();
    std::fs::create_dir_all(t.root.join("ci")).unwrap();
    std::fs::copy(
        repo().join("docs/ci/publish.sh"),
        t.root.join("ci/publish.sh"),
    )
    .unwrap();
    let p = definition("gitlab-ci.yml");
    let script = lines(&p["publish"]["script"]).join("\n");
    let server = t.root.join("server");
    std::fs::create_dir_all(&server).unwrap();
    std::fs::write(t.root.join("key"), "not a key\n").unwrap();
    let bin = Path::new(env!("CARGO_BIN_EXE_infoportal"))
        .parent()
        .unwrap();
    let run = |mode: &str, check_due: &str| {
        let out = Command::new("sh")
            .args(["-e", "-c", &script])
            .current_dir(&t.root)
            .env(
                "PATH",
                format!("{}:{}", bin.display(), std::env::var("PATH").unwrap()),
            )
            .env("HOME", &t.root)
            .env("SLOT_MINUTES", "15")
            .env("PUBLISHED_MANIFEST", server.join("manifest.json"))
            .env("PUBLISH_MODE", mode)
            .env("CHECK_DUE", check_due)
            .env("DEPLOY_SSH_KEY", t.root.join("key"))
            .env("DEPLOY_KNOWN_HOSTS", "")
            .env("DEPLOY_TARGET", format!("{}/", server.display()))
            .env_remove("SOURCE_DATE_EPOCH")
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stderr).into_owned()
    };
    let first = run("always", "");
    assert!(first.contains("published on every push"), "{first}");
    assert!(server.join("manifest.json").is_file());
    assert!(server.join("index.html").is_file());
    std::fs::remove_dir_all(t.root.join("public")).unwrap();
    let second = run("if-changed", "true");
    assert!(
        second.contains("nothing has changed since it was published"),
        "{second}"
    );
    assert!(
        !t.root.join("public").exists(),
        "nothing built when nothing is due"
    );
}
