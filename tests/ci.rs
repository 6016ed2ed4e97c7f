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
        publish.contains("infoportal build --strict $keep --format github --now \"$NOW\""),
        "{publish}"
    );
    // A scheduled run keeps a passed review date a warning; a push does not.
    assert!(
        publish.contains(
            "if [ \"$GITHUB_EVENT_NAME\" = schedule ]; then keep=\"--keep-warning W0102\"; fi"
        ),
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
    let report = "gl-code-quality-report.json";
    assert!(
        check.contains(&format!(
            "infoportal check --strict --format gitlab --now \"$now\" > {report}"
        )),
        "{check}"
    );
    // The Code Quality report is uploaded for GitLab to show, also when the check fails;
    // and by the default branch's build, which merge requests are compared with.
    for job in ["check", "publish"] {
        assert_eq!(
            p[job]["artifacts"]["reports"]["codequality"], report,
            "{job}"
        );
        assert_eq!(p[job]["artifacts"]["when"], "always", "{job}");
    }
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
    assert!(publish.contains(
        "infoportal build --strict ${KEEP_WARNINGS:-} --format gitlab --now \"$now\" > gl-code-quality-report.json"
    ));
    // A scheduled pipeline keeps a passed review date a warning; a push does not.
    assert_eq!(
        rule("schedule")["variables"]["KEEP_WARNINGS"],
        "--keep-warning W0102"
    );
    for source in ["push", "web"] {
        assert!(rule(source)["variables"].get("KEEP_WARNINGS").is_none());
    }
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

/// A push whose upload failed (or whose build did) leaves the published site behind its
/// sources while its next change is still ahead: the next scheduled run sees that the
/// sources differ and builds and publishes them.
#[test]
fn a_publication_that_failed_is_repaired_by_the_next_scheduled_run() {
    let t = portal();
    let now = slot("2026-12-10T16:50:00Z");
    let published = build(&t, &now, "published");
    let same = next_change(&t, &now);
    let digest = |path: &Path| -> Value {
        let json: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        json["sources_sha256"].clone()
    };
    // `next-change` and the manifest name the same sources, without rendering.
    assert_eq!(digest(&published), digest(&same));
    assert_eq!(digest(&published).as_str().map(str::len), Some(64));
    // The push that changed a page was never published.
    t.file("content/om.md", "---\ntitle: Om\n---\nNy text.\n");
    let pushed = next_change(&t, &now);
    assert_ne!(digest(&published), digest(&pushed));
    let (code, out) = publish_sh(&["due", s(&published), s(&pushed)]);
    assert_eq!((code, out.trim_end()), (0, "due"));
    let built = build(&t, &now, "repaired");
    assert_eq!(
        answer(&["decide", "if-changed", s(&published), s(&built)]),
        "publish"
    );
    assert_eq!(answer(&["due", s(&built), s(&pushed)]), "not-due");
    // The theme and `portal.yaml` are sources too.
    t.file("themes/default/static/extra.css", "body {}\n");
    assert_eq!(
        answer(&["due", s(&built), s(&next_change(&t, &now))]),
        "due"
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

/// The GitLab pipeline's `publish` script, ready to run in the portal `t` as the runner
/// runs it (`sh -e`), with the real binary, a local "server" (`server/`) and
/// `ci/publish.sh` in the portal.
fn gitlab_publish_script(t: &PortalTest) -> String {
    require("rsync");
    std::fs::create_dir_all(t.root.join("ci")).unwrap();
    std::fs::copy(
        repo().join("docs/ci/publish.sh"),
        t.root.join("ci/publish.sh"),
    )
    .unwrap();
    std::fs::create_dir_all(t.root.join("server")).unwrap();
    std::fs::write(t.root.join("key"), "not a key\n").unwrap();
    lines(&definition("gitlab-ci.yml")["publish"]["script"]).join("\n")
}

/// Runs `script` (see [`gitlab_publish_script`]) with the variables a pipeline rule
/// sets: (whether it succeeded, its standard error).
fn run_gitlab_publish(
    t: &PortalTest,
    script: &str,
    mode: &str,
    check_due: &str,
    keep_warnings: &str,
) -> (bool, String) {
    let bin = Path::new(env!("CARGO_BIN_EXE_infoportal"))
        .parent()
        .unwrap();
    let server = t.root.join("server");
    let out = Command::new("sh")
        .args(["-e", "-c", script])
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
        .env("KEEP_WARNINGS", keep_warnings)
        .env("DEPLOY_SSH_KEY", t.root.join("key"))
        .env("DEPLOY_KNOWN_HOSTS", "")
        .env("DEPLOY_TARGET", format!("{}/", server.display()))
        .env_remove("SOURCE_DATE_EPOCH")
        .output()
        .unwrap();
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// The first run publishes, an immediate second (scheduled) run finds nothing due.
#[test]
fn the_gitlab_publish_script_runs() {
    let t = portal();
    let script = gitlab_publish_script(&t);
    let server = t.root.join("server");
    let run = |mode: &str, check_due: &str| {
        let (ok, stderr) = run_gitlab_publish(&t, &script, mode, check_due, "");
        assert!(ok, "{stderr}");
        stderr
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

/// A page's review date that passed (W0102) comes by time alone: a scheduled run keeps
/// it a warning and publishes (a version taking effect must not wait for a review),
/// while a push stops on it, and on any other warning a scheduled run stops too.
#[test]
fn a_passed_review_date_does_not_stop_a_scheduled_publication() {
    let t = portal();
    t.file(
        "content/anslutning.md",
        "---\ntitle: Anslutning\nreview_by: 2020-01-01\n---\nText.\n",
    );
    let script = gitlab_publish_script(&t);
    let keep = definition("gitlab-ci.yml")["publish"]["rules"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["if"].as_str().unwrap().contains("\"schedule\""))
        .unwrap()["variables"]["KEEP_WARNINGS"]
        .as_str()
        .unwrap()
        .to_string();
    let (ok, stderr) = run_gitlab_publish(&t, &script, "always", "", "");
    assert!(!ok, "a push stops on the passed review date: {stderr}");
    // The pipeline speaks the portal's language (Swedish): `fel` is an error.
    assert!(stderr.contains("fel[W0102]"), "{stderr}");
    assert!(!t.root.join("server/manifest.json").exists());
    let (ok, stderr) = run_gitlab_publish(&t, &script, "if-changed", "true", &keep);
    assert!(ok, "{stderr}");
    assert!(stderr.contains("varning[W0102]"), "{stderr}");
    assert!(t.root.join("server/manifest.json").is_file(), "published");
    // Any other warning still stops a scheduled run.
    t.file("content/om.md", "---\ntitle: Om\n---\n# Rubrik\n");
    let (ok, stderr) = run_gitlab_publish(&t, &script, "if-changed", "true", &keep);
    assert!(!ok, "{stderr}");
    assert!(stderr.contains("fel[W0101]"), "{stderr}");
}

/// `--keep-warning` keeps the named warnings warnings under `--strict`, and only those.
#[test]
fn keep_warning_leaves_a_warning_a_warning_under_strict() {
    let t = portal();
    t.file(
        "content/anslutning.md",
        "---\ntitle: Anslutning\nreview_by: 2026-01-01\n---\nText.\n",
    );
    let now = "2026-12-10";
    t.run(&["build", "--strict", "--now", now]).assert_code(1);
    let run = t.run(&["build", "--strict", "--keep-warning", "W0102", "--now", now]);
    run.assert_code(0)
        .assert_stderr("content/anslutning.md:3:1: warning[W0102]");
    assert!(t.out().join("manifest.json").is_file());
    t.run(&["check", "--strict", "--keep-warning", "w0102", "--now", now])
        .assert_code(0);
    t.run(&["check", "--strict", "--keep-warning", "E0301", "--now", now])
        .assert_code(2)
        .assert_stderr("`E0301` is no warning's code");
}

// ---- The formats CI reads: paths from the repository root, GitHub's annotations and
// ---- GitLab's Code Quality report (issue 14, item 5) ----

/// A Git repository with a portal in `webb/portal/`: the minimal fixture with a broken
/// link after multi-byte letters (and a `%`, a `,` and a `:` to escape), an unknown key
/// and a level-1 heading (a warning). `git` marks the repository root: `"dir"` a `.git`
/// folder, `"file"` a worktree's `.git` file. Returns (repository, portal).
fn repository(git: &str) -> (PortalTest, PathBuf) {
    let t = PortalTest::empty("repository");
    match git {
        "dir" => std::fs::create_dir_all(t.root.join(".git/objects")).unwrap(),
        _ => std::fs::write(t.root.join(".git"), "gitdir: /srv/git/portal/worktrees/x\n").unwrap(),
    }
    let portal = t.root.join("webb/portal");
    common::copy_dir(&repo().join("tests/fixtures/minimal"), &portal);
    std::fs::write(
        portal.join("content/a.md"),
        "---\ntitle: A\n---\nÅäö, se: [länk](100%.md)\n\n# Rubrik\n",
    )
    .unwrap();
    std::fs::write(
        portal.join("content/b.md"),
        "---\ntitle: B\nrubrik: fel\n---\nText.\n",
    )
    .unwrap();
    (t, portal)
}

/// Runs the binary on the portal at `root`: (exit code, stdout, stderr).
fn run_on(root: &Path, args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_infoportal"))
        .args(args)
        .arg("--root")
        .arg(root)
        .args(["--now", common::NOW, "--lang", "en"])
        .env_remove("SOURCE_DATE_EPOCH")
        .env_remove("NO_COLOR")
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

/// One workflow command, as GitHub's runner reads a line of a step's output.
#[derive(Debug)]
struct WorkflowCommand {
    command: String,
    properties: Vec<(String, String)>,
    message: String,
}

impl WorkflowCommand {
    fn property(&self, name: &str) -> Option<&str> {
        let found = self.properties.iter().find(|(n, _)| n == name);
        found.map(|(_, v)| v.as_str())
    }
}

/// Parses `::command name=value,name=value::message` by the grammar of GitHub's
/// "Workflow commands for GitHub Actions" (and the runner's ActionCommand parser): the
/// properties end at the first `::`; they are split at `,`, each at its first `=`;
/// a property value escapes `%`, CR, LF, `:` and `,` as `%25`, `%0D`, `%0A`, `%3A`,
/// `%2C`, the message `%`, CR and LF. Stricter than the runner, which keeps an unknown
/// `%` sequence as it is: here every `%` must begin an escape, so a value that was not
/// escaped cannot pass.
fn parse_workflow_command(line: &str) -> Result<WorkflowCommand, String> {
    let rest = line
        .strip_prefix("::")
        .ok_or_else(|| format!("not a command: {line:?}"))?;
    let end = rest
        .find("::")
        .ok_or_else(|| format!("no `::` before the message: {line:?}"))?;
    let (head, message) = (&rest[..end], &rest[end + 2..]);
    let (command, properties) = head.split_once(' ').unwrap_or((head, ""));
    if command.is_empty() || !command.chars().all(|c| c.is_ascii_lowercase() || c == '-') {
        return Err(format!("bad command name {command:?}"));
    }
    let mut parsed = Vec::new();
    for property in properties.split(',').filter(|p| !p.is_empty()) {
        let (name, value) = property
            .split_once('=')
            .ok_or_else(|| format!("property without `=`: {property:?}"))?;
        if name.is_empty() || value.contains(':') {
            return Err(format!("bad property {property:?} in {line:?}"));
        }
        parsed.push((name.to_string(), unescape(value, true)?));
    }
    Ok(WorkflowCommand {
        command: command.to_string(),
        properties: parsed,
        message: unescape(message, false)?,
    })
}

fn unescape(text: &str, property: bool) -> Result<String, String> {
    if text.contains(['\r', '\n']) {
        return Err(format!("a raw line break in {text:?}"));
    }
    let mut out = String::new();
    let mut rest = text;
    while let Some(at) = rest.find('%') {
        out.push_str(&rest[..at]);
        let code = rest.get(at + 1..at + 3).unwrap_or("");
        out.push(match (code, property) {
            ("25", _) => '%',
            ("0D", _) => '\r',
            ("0A", _) => '\n',
            ("3A", true) => ':',
            ("2C", true) => ',',
            _ => return Err(format!("`%{code}` is no escape in {text:?}")),
        });
        rest = &rest[at + 3..];
    }
    out.push_str(rest);
    Ok(out)
}

/// The character at a 1-based line and column (in characters) of a file.
fn char_at(file: &Path, line: usize, col: usize) -> char {
    let text = std::fs::read_to_string(file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
    let line_text = text.lines().nth(line - 1).expect("the line exists");
    line_text.chars().nth(col - 1).expect("the column exists")
}

#[test]
fn the_workflow_command_parser_knows_the_grammar() {
    let c = parse_workflow_command(
        "::error file=a%2Cb%3Ac.md,line=3,col=5,title=x E1::50%25%0Anext: ok",
    )
    .unwrap();
    assert_eq!(c.command, "error");
    assert_eq!(c.property("file"), Some("a,b:c.md"));
    assert_eq!(c.property("line"), Some("3"));
    assert_eq!(c.message, "50%\nnext: ok");
    for bad in [
        "error file=a.md::x",
        "::error file=a:b.md::x",
        "::error file=a.md::100%",
        "::error file=a.md::1%2C",
        "::Error::x",
        "::error",
    ] {
        assert!(parse_workflow_command(bad).is_err(), "{bad}");
    }
}

/// See: issue 14, item 5.
#[test]
fn github_annotations_parse_and_point_at_the_line_in_the_repository() {
    for git in ["dir", "file"] {
        let (repository, portal) = repository(git);
        let (code, stdout, stderr) = run_on(&portal, &["check", "--format", "github"]);
        assert_eq!(code, 1, "{stderr}");
        let commands: Vec<WorkflowCommand> = stdout
            .lines()
            .map(|l| parse_workflow_command(l).unwrap_or_else(|e| panic!("{e}\n{stdout}")))
            .collect();
        let (summary, annotations) = commands.split_last().unwrap();
        assert_eq!(annotations.len(), 3, "{stdout}");
        for a in annotations {
            assert!(["error", "warning"].contains(&a.command.as_str()), "{a:?}");
            let file = a.property("file").unwrap();
            assert!(file.starts_with("webb/portal/content/"), "{a:?}");
            // The place is in the repository: that file, that line, that character.
            let line: usize = a.property("line").unwrap().parse().unwrap();
            let col: usize = a.property("col").unwrap().parse().unwrap();
            let at = char_at(&repository.root.join(file), line, col);
            let expected = match a.property("title").unwrap() {
                "infoportal E0301" => '[',
                "infoportal E0102" => 'r',
                "infoportal W0101" => '#',
                other => panic!("{other}"),
            };
            assert_eq!(at, expected, "{a:?}");
        }
        let link = &annotations[0];
        assert_eq!(link.property("line"), Some("4"));
        assert_eq!(link.property("col"), Some("10"), "characters, not bytes");
        assert!(
            link.message.starts_with("broken link `100%.md`"),
            "{}",
            link.message
        );
        assert!(link.message.contains("\nhint: "), "{}", link.message);
        // Last, the summary.
        assert_eq!(summary.command, "notice");
        assert_eq!(summary.property("title"), Some("infoportal"));
        assert_eq!(summary.message, "2 errors, 1 warning");
    }
}

#[test]
fn path_prefix_overrides_the_repository() {
    let (_repository, portal) = repository("dir");
    let (_, stdout, _) = run_on(
        &portal,
        &[
            "check",
            "--format",
            "github",
            "--path-prefix",
            "./annan//plats/",
        ],
    );
    let first = parse_workflow_command(stdout.lines().next().unwrap()).unwrap();
    assert_eq!(first.property("file"), Some("annan/plats/content/a.md"));
    let (_, stdout, _) = run_on(
        &portal,
        &["check", "--format", "json", "--path-prefix", "."],
    );
    let json: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(json["path_prefix"], "");
    assert_eq!(json["diagnostics"][0]["file"], "content/a.md");
    // A portal outside any repository (none above the temporary folder here): the
    // paths stay relative to the portal folder.
    let outside = std::env::temp_dir().join(format!("infoportal-no-git-{}", std::process::id()));
    common::copy_dir(&portal, &outside);
    let (_, stdout, _) = run_on(&outside, &["check", "--format", "json"]);
    std::fs::remove_dir_all(&outside).unwrap();
    let json: Value = serde_json::from_str(&stdout).unwrap();
    if !std::env::temp_dir()
        .ancestors()
        .any(|d| d.join(".git").exists())
    {
        assert_eq!(json["path_prefix"], "");
        assert_eq!(json["diagnostics"][0]["file"], "content/a.md");
    }
}

#[test]
fn json_paths_start_from_the_repository_root() {
    let (repository, portal) = repository("dir");
    let (code, stdout, stderr) = run_on(&portal, &["check", "--format", "json"]);
    assert_eq!((code, stderr.as_str()), (1, ""));
    let json: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(json["path_prefix"], "webb/portal/");
    for d in json["diagnostics"].as_array().unwrap() {
        let file = d["file"].as_str().unwrap();
        assert!(file.starts_with("webb/portal/"), "{d}");
        assert!(repository.root.join(file).is_file(), "{d}");
    }
    // next-change reports the problems it found the same way.
    let (code, stdout, _) = run_on(&portal, &["next-change", "--format", "json"]);
    assert_eq!(code, 1);
    let json: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(json["diagnostics"][0]["file"], "webb/portal/content/b.md");
}

#[test]
fn the_github_summary_says_when_annotations_are_left_out() {
    let (_repository, portal) = repository("dir");
    let links: String = (0..11).map(|i| format!("[x](saknas-{i}.md)\n\n")).collect();
    std::fs::write(
        portal.join("content/a.md"),
        format!("---\ntitle: A\n---\n{links}"),
    )
    .unwrap();
    let (_, stdout, _) = run_on(&portal, &["check", "--format", "github"]);
    let last = parse_workflow_command(stdout.lines().last().unwrap()).unwrap();
    assert_eq!(
        last.message,
        "12 errors; GitHub shows the first 10 errors and 10 warnings as annotations: the \
         step's log lists all"
    );
    // A clean run annotates nothing and ends with the usual line.
    let t = PortalTest::from_fixture("minimal");
    let run = t.run(&["check", "--format", "github"]);
    run.assert_code(0);
    assert!(run.stdout.starts_with("Checked "), "{}", run.stdout);
}

/// Checks one GitLab Code Quality report by the rules GitLab applies, returning what is
/// wrong. The JSON Schema GitLab validates each issue with before it keeps it
/// (gitlab-org/gitlab, app/validators/json_schemas/codeclimate.json, used by
/// lib/gitlab/ci/reports/codequality_reports.rb): an object with the strings
/// `description`, `fingerprint` and `severity` and an object `location`, whose `path`
/// is a string and `lines.begin` / `positions.begin.line` integers. An invalid issue
/// stops GitLab's parser (lib/gitlab/ci/parsers/codequality/code_climate.rb), so the
/// rest are lost. And what its documentation requires of a custom tool
/// (doc/ci/testing/code_quality.md, "Implement a custom tool"): an array; `check_name`;
/// `severity` one of info, minor, major, critical, blocker; `location.path` relative;
/// `location.lines.begin` or `location.positions.begin.line`; no byte order mark. Issues
/// are kept one per `fingerprint`, so fingerprints must differ.
fn code_quality_problems(report: &str) -> Vec<String> {
    let mut problems = Vec::new();
    if report.starts_with('\u{feff}') {
        problems.push("a byte order mark".to_string());
    }
    let value: Value = match serde_json::from_str(report) {
        Ok(v) => v,
        Err(e) => return vec![format!("not JSON: {e}")],
    };
    let Some(issues) = value.as_array() else {
        return vec!["not an array".to_string()];
    };
    let mut fingerprints = std::collections::BTreeSet::new();
    for (i, issue) in issues.iter().enumerate() {
        let mut wrong = |what: &str| problems.push(format!("issue {i}: {what}: {issue}"));
        if !issue.is_object() {
            wrong("not an object");
            continue;
        }
        for field in ["description", "check_name", "fingerprint", "severity"] {
            if !issue[field].is_string() {
                wrong(&format!("`{field}` is not a string"));
            }
        }
        if issue["description"].as_str().is_some_and(str::is_empty) {
            wrong("an empty description");
        }
        let severities = ["info", "minor", "major", "critical", "blocker"];
        if !issue["severity"]
            .as_str()
            .is_some_and(|s| severities.contains(&s))
        {
            wrong("an unknown severity");
        }
        if !fingerprints.insert(issue["fingerprint"].to_string()) {
            wrong("a fingerprint given twice");
        }
        let location = &issue["location"];
        match location["path"].as_str() {
            Some(p) if !p.is_empty() && !p.starts_with('/') && !p.starts_with("./") => {}
            _ => wrong("`location.path` is not a relative path"),
        }
        let line = location["lines"]["begin"]
            .as_u64()
            .or(location["positions"]["begin"]["line"].as_u64());
        if line.is_none_or(|l| l < 1) {
            wrong("no line");
        }
        for typed in [
            &location["lines"]["begin"],
            &location["positions"]["begin"]["line"],
        ] {
            if !typed.is_null() && !typed.is_u64() {
                wrong("a line that is not an integer");
            }
        }
    }
    problems
}

#[test]
fn the_checker_of_code_quality_reports_finds_what_gitlab_refuses() {
    let ok = r#"[{"description":"d","check_name":"c","fingerprint":"f","severity":"minor","location":{"path":"a.md","lines":{"begin":1}}}]"#;
    assert_eq!(code_quality_problems(ok), Vec::<String>::new());
    for bad in [
        "{}".to_string(),
        format!("\u{feff}{ok}"),
        ok.replace("minor", "warning"),
        ok.replace("\"a.md\"", "\"/a.md\""),
        ok.replace("{\"begin\":1}", "{\"begin\":\"1\"}"),
        ok.replace(",\"check_name\":\"c\"", ""),
        format!("[{0},{0}]", &ok[1..ok.len() - 1]),
    ] {
        assert!(!code_quality_problems(&bad).is_empty(), "{bad}");
    }
}

/// See: issue 14, item 5.
#[test]
fn the_gitlab_report_follows_the_code_quality_format_and_points_at_the_lines() {
    let (repository, portal) = repository("dir");
    let (code, stdout, stderr) = run_on(&portal, &["check", "--format", "gitlab"]);
    assert_eq!(code, 1);
    assert_eq!(
        code_quality_problems(&stdout),
        Vec::<String>::new(),
        "{stdout}"
    );
    let issues: Vec<Value> = serde_json::from_str(&stdout).unwrap();
    assert_eq!(issues.len(), 3);
    let by_check = |name: &str| issues.iter().find(|i| i["check_name"] == name).unwrap();
    let link = by_check("E0301");
    assert_eq!(link["severity"], "blocker");
    assert_eq!(link["location"]["path"], "webb/portal/content/a.md");
    assert_eq!(link["location"]["lines"]["begin"], 4);
    assert!(
        link["description"]
            .as_str()
            .unwrap()
            .starts_with("broken link `100%.md`"),
        "{link}"
    );
    assert_eq!(by_check("W0101")["severity"], "minor");
    for issue in &issues {
        let path = repository
            .root
            .join(issue["location"]["path"].as_str().unwrap());
        assert!(path.is_file(), "{issue}");
    }
    // The job's log shows the problems as people read them, with the lines.
    assert!(
        stderr.contains("content/a.md:4:10: error[E0301]: broken link `100%.md`"),
        "{stderr}"
    );
    assert!(stderr.contains("4 | Åäö, se: [länk](100%.md)"), "{stderr}");
    assert!(stderr.ends_with("2 errors, 1 warning\n"), "{stderr}");

    // The same problems keep their fingerprints; `--strict` makes the warning a
    // blocker with its code and fingerprint unchanged.
    let (code, again, _) = run_on(&portal, &["check", "--format", "gitlab", "--strict"]);
    assert_eq!(code, 1);
    let strict: Vec<Value> = serde_json::from_str(&again).unwrap();
    for (before, after) in issues.iter().zip(&strict) {
        assert_eq!(before["fingerprint"], after["fingerprint"]);
        assert_eq!(before["check_name"], after["check_name"]);
    }
    let promoted = strict.iter().find(|i| i["check_name"] == "W0101").unwrap();
    assert_eq!(promoted["severity"], "blocker");

    // A clean run is an empty report, and standard output holds nothing else.
    let t = PortalTest::from_fixture("minimal");
    let run = t.run(&["check", "--format", "gitlab"]);
    run.assert_code(0);
    assert_eq!(run.stdout, "[]\n");
    assert!(run.stderr.starts_with("Checked "), "{}", run.stderr);
}

/// `--strict` reports a warning as an error and keeps its `W` code, with a note.
#[test]
fn strict_keeps_the_warning_code_and_says_why_it_is_an_error() {
    let (_repository, portal) = repository("dir");
    std::fs::write(
        portal.join("content/a.md"),
        "---\ntitle: A\n---\n# Rubrik\n",
    )
    .unwrap();
    std::fs::remove_file(portal.join("content/b.md")).unwrap();
    let (code, stdout, _) = run_on(&portal, &["check", "--strict", "--format", "json"]);
    assert_eq!(code, 1);
    let json: Value = serde_json::from_str(&stdout).unwrap();
    let d = &json["diagnostics"][0];
    assert_eq!(
        (d["severity"].as_str(), d["code"].as_str()),
        (Some("error"), Some("W0101"))
    );
    assert_eq!(
        d["notes"].as_array().unwrap().last().unwrap(),
        "a warning, made an error by `--strict`"
    );
    assert_eq!(
        (json["errors"].as_u64(), json["warnings"].as_u64()),
        (Some(1), Some(0))
    );
}
