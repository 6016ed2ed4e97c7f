//! The output guarantees of SPEC §6: the output folder is replaced only by a complete,
//! successful build, and only if it is missing, empty or infoportal's own; builds killed
//! at any moment or run at the same time leave one whole site; nothing stale survives,
//! nothing accumulates; the same input gives the same bytes.

mod common;

use std::io::BufRead as _;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

use common::PortalTest;

/// Every file under `dir` (dotfiles too) with its bytes, sorted; `None` if `dir` is missing.
type Tree = Vec<(String, Vec<u8>)>;

fn tree_of(dir: &Path) -> Option<Tree> {
    if !dir.exists() {
        return None;
    }
    let mut files = Vec::new();
    collect(dir, dir, &mut files);
    files.sort();
    Some(files)
}

fn collect(base: &Path, dir: &Path, out: &mut Tree) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            collect(base, &path, out);
        } else {
            let rel = path
                .strip_prefix(base)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            out.push((rel, std::fs::read(&path).unwrap()));
        }
    }
}

fn tree(t: &PortalTest) -> Tree {
    tree_of(&t.out()).expect("an output folder")
}

/// The folders builds keep beside the output `<parent>/<name>` (the lock file aside).
fn leftovers(out: &Path) -> Vec<String> {
    let prefix = format!(".{}.", out.file_name().unwrap().to_string_lossy());
    let mut found: Vec<String> = std::fs::read_dir(out.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(&prefix) && !n.ends_with(".lock"))
        .collect();
    found.sort();
    found
}

/// Waits until the background removal has deleted every leftover beside `out`.
fn assert_leftovers_go_away(out: &Path) {
    let start = Instant::now();
    while !leftovers(out).is_empty() {
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "still there after 20 s: {:?}",
            leftovers(out)
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// A build running in the background, its stderr read line by line.
struct Build {
    child: Child,
    lines: Receiver<String>,
    stderr: String,
}

impl Build {
    /// `infoportal build` of `root` (into `out`, if given) with test hooks.
    fn start(root: &Path, out: Option<&Path>, hooks: &str) -> Build {
        let mut command = Command::new(env!("CARGO_BIN_EXE_infoportal"));
        command
            .args(["build", "--now", common::NOW, "--root"])
            .arg(root)
            .env("INFOPORTAL_TEST_HOOK", hooks)
            .stdout(Stdio::null())
            .stderr(Stdio::piped());
        if let Some(out) = out {
            command.arg("--out").arg(out);
        }
        let mut child = command.spawn().expect("start infoportal");
        let stderr = child.stderr.take().unwrap();
        let (send, lines) = channel();
        std::thread::spawn(move || {
            for line in std::io::BufReader::new(stderr).lines() {
                let Ok(line) = line else { break };
                if send.send(line).is_err() {
                    break;
                }
            }
        });
        Build {
            child,
            lines,
            stderr: String::new(),
        }
    }

    /// Waits for a line of stderr containing `needle`.
    fn wait_for(&mut self, needle: &str) {
        loop {
            match self.lines.recv_timeout(Duration::from_secs(30)) {
                Ok(line) => {
                    self.stderr.push_str(&line);
                    self.stderr.push('\n');
                    if line.contains(needle) {
                        return;
                    }
                }
                Err(_) => panic!("never saw {needle:?}; stderr:\n{}", self.stderr),
            }
        }
    }

    /// SIGKILL, as a CI runner or the OOM killer would.
    fn kill(mut self) {
        self.child.kill().unwrap();
        self.child.wait().unwrap();
    }

    /// Waits for the build to end; its exit code and stderr.
    fn finish(mut self) -> (i32, String) {
        let status = self.child.wait().unwrap();
        while let Ok(line) = self.lines.recv_timeout(Duration::from_secs(5)) {
            self.stderr.push_str(&line);
            self.stderr.push('\n');
        }
        (status.code().unwrap_or(-1), self.stderr)
    }
}

/// The two sites the kill and concurrency tests switch between: `A` and `B` differ in
/// text and in which pages exist, so a mix of the two is visible.
fn write_variant(t: &PortalTest, variant: char) {
    let (this, other) = if variant == 'A' {
        ('a', 'b')
    } else {
        ('b', 'a')
    };
    t.file(
        "content/_index.md",
        &format!("---\ntitle: Start {variant}\n---\nVersion {variant}.\n"),
    );
    t.file(
        &format!("content/sida-{this}.md"),
        &format!("---\ntitle: Sida {variant}\n---\nBara i {variant}.\n"),
    );
    let stale = t.root.join(format!("content/sida-{other}.md"));
    if stale.exists() {
        std::fs::remove_file(stale).unwrap();
    }
}

/// A portal and the complete output of each variant, built normally.
struct Variants {
    t: PortalTest,
    a: Tree,
    b: Tree,
}

impl Variants {
    fn new() -> Variants {
        Variants::with_pages(0)
    }

    /// With `pages` more pages, the same in both.
    fn with_pages(pages: usize) -> Variants {
        let t = PortalTest::from_fixture("minimal");
        for i in 0..pages {
            t.file(
                &format!("content/massa/s{i:03}.md"),
                &format!("---\ntitle: Sida {i}\n---\nText {i}.\n\n## Rubrik\n"),
            );
        }
        write_variant(&t, 'A');
        t.build();
        let a = tree(&t);
        write_variant(&t, 'B');
        t.build();
        let b = tree(&t);
        assert_ne!(a, b);
        Variants { t, a, b }
    }

    /// Which whole site `dir` holds; panics on a mix or anything else.
    fn site_in(&self, dir: &Path, after: &str) -> Option<char> {
        let found = tree_of(dir)?;
        if found == self.a {
            Some('A')
        } else if found == self.b {
            Some('B')
        } else {
            let names: Vec<&String> = found.iter().map(|(n, _)| n).collect();
            panic!("after {after}: neither whole site A nor B in the output: {names:?}")
        }
    }

    fn site(&self, after: &str) -> char {
        self.site_in(&self.t.out(), after)
            .unwrap_or_else(|| panic!("after {after}: no output folder"))
    }

    /// Writes the sources of the site that is not in the output now.
    fn switch_sources(&self, after: &str) -> char {
        let next = if self.site(after) == 'A' { 'B' } else { 'A' };
        write_variant(&self.t, next);
        next
    }
}

// ---- What may be replaced ----

/// Runs `infoportal build --out <out>` from inside the portal, as a user would type it
/// (with the messages in English, as the tests read them).
fn build_from_root(t: &PortalTest, out: &str) -> common::Run {
    let output = Command::new(env!("CARGO_BIN_EXE_infoportal"))
        .args(["build", "--now", common::NOW, "--lang", "en", "--out", out])
        .current_dir(&t.root)
        .output()
        .unwrap();
    common::Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr)
            .replace(&t.root.display().to_string(), "[ROOT]"),
    }
}

/// A portal with files of the user's in every source folder, and a sibling folder
/// `arkiv` of the user's.
fn portal_with_user_files() -> (PortalTest, PortalTest) {
    let t = PortalTest::from_fixture("basic");
    t.file("themes/eget/static/logga.svg", "<svg/>\n");
    let arkiv = PortalTest::empty("arkiv");
    arkiv.file("protokoll-2025.txt", "protokoll\n");
    arkiv.file("bilder/karta.png", "png\n");
    (t, arkiv)
}

// See: #10
#[test]
fn issue_10_folders_of_the_users_are_never_replaced() {
    let (t, arkiv) = portal_with_user_files();
    let arkiv_name = arkiv
        .root
        .file_name()
        .unwrap()
        .to_string_lossy()
        .into_owned();
    let before = (tree_of(&t.root), tree_of(&arkiv.root));
    let cases = [
        (
            "content".to_string(),
            "refusing to write the site to `content`: it is the portal's `content/` folder, which the build would delete; choose a folder for the output alone, such as `public`".to_string(),
        ),
        (
            "agreements".to_string(),
            "refusing to write the site to `agreements`: it is the portal's `agreements/` folder".to_string(),
        ),
        (
            "themes/".to_string(),
            "refusing to write the site to `themes/`: it is the portal's `themes/` folder".to_string(),
        ),
        (
            format!("../{arkiv_name}"),
            format!("refusing to replace `../{arkiv_name}`: it is not empty and not an output of infoportal (it has no `.infoportal-output` file), so the build would delete files that may be yours; choose a new or empty folder, or delete it yourself if it really is an old output"),
        ),
        (
            ".".to_string(),
            "refusing to write the site to `.`: it holds the portal `[ROOT]`, which the build would delete; choose a folder for the output alone, such as `public`".to_string(),
        ),
        (
            "..".to_string(),
            "refusing to write the site to `..`: it holds the portal `[ROOT]`".to_string(),
        ),
        (
            "content/../..".to_string(),
            "refusing to write the site to `content/../..`: it holds the portal".to_string(),
        ),
    ];
    for (out, message) in cases {
        build_from_root(&t, &out)
            .assert_code(2)
            .assert_stderr(&message);
        assert!(
            before == (tree_of(&t.root), tree_of(&arkiv.root)),
            "`--out {out}` changed files"
        );
    }
}

// See: #10
#[test]
fn issue_10_an_output_inside_a_source_folder_is_refused_even_if_missing_or_empty() {
    let t = PortalTest::from_fixture("basic");
    t.file("themes/eget/static/logga.svg", "<svg/>\n");
    std::fs::create_dir_all(t.root.join("agreements/ut")).unwrap();
    let before = tree_of(&t.root);
    for (out, dir) in [
        ("content/public", "content"),
        ("agreements/ut", "agreements"),
        ("themes/eget/static/webb", "themes"),
        ("./content/guide/../../content/x", "content"),
    ] {
        build_from_root(&t, out).assert_code(2).assert_stderr(&format!(
            "refusing to write the site to `{out}`: it is inside `{dir}/`, so the next build would read it and publish the output again; choose a folder outside `agreements/`, `content/` and `themes/`, such as `public`"
        ));
        assert!(before == tree_of(&t.root), "`--out {out}` changed files");
        assert!(t.root.join("agreements/ut").is_dir());
    }
}

// See: #10
#[test]
#[cfg(unix)]
fn issue_10_symbolic_links_are_resolved_before_the_checks() {
    let t = PortalTest::from_fixture("basic");
    let elsewhere = PortalTest::empty("webbrot");
    std::os::unix::fs::symlink(t.root.join("content"), t.root.join("lank")).unwrap();
    std::os::unix::fs::symlink(t.root.join("content/guide"), t.root.join("djup")).unwrap();
    std::os::unix::fs::symlink(t.root.join("finns-inte"), t.root.join("trasig")).unwrap();
    std::os::unix::fs::symlink(&elsewhere.root, t.root.join("webb")).unwrap();
    let before = tree_of(&t.root.join("content"));
    build_from_root(&t, "lank").assert_code(2).assert_stderr(
        "refusing to write the site to `lank` (which leads to `[ROOT]/content`): it is the portal's `content/` folder",
    );
    build_from_root(&t, "djup/ut")
        .assert_code(2)
        .assert_stderr("refusing to write the site to `djup/ut` (which leads to `")
        .assert_stderr("it is inside `content/`");
    build_from_root(&t, "trasig").assert_code(2).assert_stderr(
        "`[ROOT]/trasig` is a symbolic link to `[ROOT]/finns-inte`, which does not exist; create the folder it points to or choose another output",
    );
    assert!(before == tree_of(&t.root.join("content")));
    // A link to an empty folder elsewhere is followed: the site goes there, the link stays.
    build_from_root(&t, "webb").assert_code(0);
    assert!(elsewhere.root.join("index.html").is_file());
    assert!(t.root.join("webb").is_symlink());
    build_from_root(&t, "webb").assert_code(0);
    assert!(t.root.join("webb/index.html").is_file());
}

// See: #10
#[test]
#[cfg(unix)]
fn issue_10_an_output_holding_a_source_folder_is_refused() {
    // `content/` kept outside the portal, behind a link: its parent holds a source.
    let t = PortalTest::from_fixture("basic");
    let shared = PortalTest::empty("delad");
    std::fs::rename(t.root.join("content"), shared.root.join("content")).unwrap();
    std::os::unix::fs::symlink(shared.root.join("content"), t.root.join("content")).unwrap();
    let before = tree_of(&shared.root);
    t.run(&["build", "--out", shared.root.to_str().unwrap()])
        .assert_code(2)
        .assert_stderr("it holds the portal's `content/` (`");
    assert!(before == tree_of(&shared.root));
}

#[test]
fn an_output_folder_that_looks_like_a_portal_or_repository_is_not_replaced() {
    let t = PortalTest::from_fixture("minimal");
    for marker in ["portal.yaml", ".git/HEAD", "manifest.json"] {
        let other = PortalTest::empty("not-an-output");
        other.file(marker, "kvar\n");
        let out = other.root.display().to_string();
        t.run(&["build", "--out", &out])
            .assert_code(2)
            .assert_stderr(&format!(
                "refusing to replace `{out}`: it is not empty and not an output of infoportal"
            ));
        assert_eq!(
            std::fs::read_to_string(other.root.join(marker)).unwrap(),
            "kvar\n",
            "{marker} is left alone"
        );
        assert_eq!(tree_of(&other.root).unwrap().len(), 1);
    }
}

#[test]
fn an_output_that_is_a_file_is_refused() {
    let t = PortalTest::from_fixture("minimal");
    t.file("public", "en fil\n");
    t.run(&["build"]).assert_code(2).assert_stderr(
        "output `[ROOT]/public` exists and is not a folder; choose a folder with `--out`",
    );
    assert_eq!(
        std::fs::read_to_string(t.root.join("public")).unwrap(),
        "en fil\n"
    );
}

// See: #10
#[test]
fn issue_10_missing_empty_and_own_outputs_are_replaced() {
    let t = PortalTest::from_fixture("minimal");
    std::fs::create_dir(t.out()).unwrap();
    t.build();
    let marker = std::fs::read_to_string(t.out().join(".infoportal-output")).unwrap();
    assert!(marker.starts_with("infoportal build output\n"), "{marker}");
    t.file("public/egen-fil.txt", "skräp som följer med ut\n");
    t.build();
    assert!(!t.out().join("egen-fil.txt").exists(), "no stale files");
    // An output built before the marker existed has infoportal's manifest.json.
    std::fs::remove_file(t.out().join(".infoportal-output")).unwrap();
    let manifest = t.read("manifest.json");
    assert!(manifest.starts_with("{\n  \"generator\": \"infoportal "));
    t.build();
    assert!(t.out().join(".infoportal-output").is_file());
}

// ---- Failed builds ----

#[test]
fn a_build_that_fails_late_leaves_the_previous_output_intact() {
    let t = PortalTest::from_fixture("basic");
    t.build();
    let before = tree(&t);
    // A broken fragment is only found after every page has been rendered and written
    // to the staging folder, the latest point a build can fail.
    t.file(
        "content/guide/steg.md",
        "---\ntitle: Steg\n---\nNy text med [trasig länk](#finns-inte).\n",
    );
    t.run(&["build"])
        .assert_code(1)
        .assert_stderr("error[E0302]");
    assert_eq!(before, tree(&t), "public/ must be untouched");
    // The next good build recovers, and the broken edit never reached the output.
    t.file(
        "content/guide/steg.md",
        "---\ntitle: Steg\n---\nNy text.\n\n## Andra steget\n",
    );
    t.build();
    assert!(t.main("guide/steg/index.html").contains("Ny text."));
}

#[test]
fn a_template_error_leaves_the_previous_output_intact() {
    let t = PortalTest::from_fixture("basic");
    t.build();
    let before = tree(&t);
    t.file(
        "portal.yaml",
        &format!(
            "{}theme: trasig\n",
            std::fs::read_to_string(t.root.join("portal.yaml")).unwrap()
        ),
    );
    t.file(
        "themes/trasig/templates/page.html",
        "{% extends \"base.html\" %}{% block main %}{{ page.saknas }}{% endblock main %}",
    );
    t.run(&["build"])
        .assert_code(1)
        .assert_stderr("error[E0502]");
    assert_eq!(before, tree(&t));
}

// See: #10
#[test]
fn issue_10_failed_builds_leave_no_staging_folders_behind() {
    let t = PortalTest::from_fixture("basic");
    t.build();
    let before = tree(&t);
    let steg = std::fs::read_to_string(t.root.join("content/guide/steg.md")).unwrap();
    for round in 0..4 {
        // Each fails after its staging folder was filled.
        t.file(
            "content/guide/steg.md",
            &format!("{steg}\n[trasig {round}](#finns-inte-{round})\n"),
        );
        t.run(&["build"])
            .assert_code(1)
            .assert_stderr("error[E0302]");
    }
    assert_leftovers_go_away(&t.out());
    assert_eq!(before, tree(&t));
}

#[test]
fn no_stale_files_survive_a_build() {
    let t = PortalTest::from_fixture("basic");
    t.build();
    assert!(t.out().join("guide/andra/index.html").exists());
    t.remove("content/guide/andra.md");
    t.build();
    assert!(!t.out().join("guide/andra").exists());
    // Twice more, so the recycled previous tree is also cleaned.
    t.build();
    t.build();
    assert!(!t.out().join("guide/andra").exists());
    let files = t.output_files();
    assert!(files.iter().all(|f| !f.contains("andra")), "{files:?}");
}

#[test]
fn leftovers_of_killed_builds_are_cleaned_and_never_published() {
    let t = PortalTest::from_fixture("basic");
    t.build();
    // Every build writes the marker into its staging folder first, so a killed build's
    // folders carry it, and a deletion cut short keeps it to the end.
    let marker = std::fs::read_to_string(t.out().join(".infoportal-output")).unwrap();
    for (dir, file, text) in [
        (
            ".public.staging-1-dead",
            "guide/gammal/index.html",
            "gammal",
        ),
        (".public.swap-2-dead", "index.html", "en tidigare webbplats"),
        (".public.old-3-dead", "index.html", "halvt raderad"),
    ] {
        t.file(&format!("{dir}/{file}"), text);
        t.file(&format!("{dir}/.infoportal-output"), &marker);
    }
    t.build();
    let files = t.output_files();
    assert!(!files.iter().any(|f| f.contains("gammal")), "{files:?}");
    assert_leftovers_go_away(&t.out());
}

/// Runs the background removal beside `out` at once, as a build starts it, naming no
/// folder as the run's own.
fn remove_old_output(out: &Path) {
    let status = Command::new(env!("CARGO_BIN_EXE_infoportal"))
        .arg("remove-old-output")
        .arg(out.parent().unwrap())
        .arg(out.file_name().unwrap())
        .status()
        .unwrap();
    assert!(status.success());
}

// See: #10
#[test]
fn issue_10_folders_of_the_users_named_like_leftovers_are_never_deleted() {
    let t = PortalTest::from_fixture("basic");
    t.build();
    // A user's backups that merely have the names builds use beside the output.
    let users = [
        ".public.old-2025",
        ".public.staging-2025",
        ".public.swap-2025",
        ".public.staging",
    ];
    for dir in users {
        t.file(&format!("{dir}/min-fil.txt"), "mitt eget");
    }
    let marker = std::fs::read_to_string(t.out().join(".infoportal-output")).unwrap();
    t.file(".public.old-1-dead/index.html", "en tidigare webbplats");
    t.file(".public.old-1-dead/.infoportal-output", &marker);
    // A build while no other runs (cleaning up), a failing one, and the removal itself.
    t.build();
    let steg = std::fs::read_to_string(t.root.join("content/guide/steg.md")).unwrap();
    t.file(
        "content/guide/steg.md",
        &format!(
            "{steg}
[x](#saknas)
"
        ),
    );
    t.run(&["build"]).assert_code(1);
    t.file("content/guide/steg.md", &steg);
    t.build();
    remove_old_output(&t.out());
    let start = Instant::now();
    while leftovers(&t.out()).len() > users.len() {
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "still there after 20 s: {:?}",
            leftovers(&t.out())
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    let mut kept = leftovers(&t.out());
    kept.sort();
    let mut expected: Vec<String> = users.iter().map(|d| d.to_string()).collect();
    expected.sort();
    assert_eq!(kept, expected);
    for dir in users {
        assert_eq!(
            std::fs::read_to_string(t.root.join(dir).join("min-fil.txt")).unwrap(),
            "mitt eget",
            "{dir}"
        );
    }
    assert!(t.out().join("index.html").is_file());
}

#[test]
fn building_twice_gives_byte_identical_output() {
    let t = PortalTest::from_fixture("basic");
    t.build();
    let first = tree(&t);
    t.build();
    assert_eq!(first, tree(&t));
    // A fresh copy elsewhere gives the same bytes too: no absolute paths, no times.
    let other = PortalTest::from_fixture("basic");
    other.build();
    assert_eq!(first, tree(&other));
}

#[test]
fn output_can_go_elsewhere() {
    let t = PortalTest::from_fixture("minimal");
    let out = t.root.join("ut/webb");
    t.run(&["build", "--out", out.to_str().unwrap()])
        .assert_code(0);
    assert!(out.join("index.html").is_file());
    assert!(!t.out().exists());
}

// ---- Kill-safety and concurrency ----

/// Kills a build at `point` (with `hooks`, e.g. `no-exchange`) and checks that the
/// output is one whole site, the old one or the new one.
fn kill_at(v: &Variants, hooks: &str, point: &str) -> char {
    let label = format!("a kill at {point} ({hooks})");
    v.switch_sources(&label);
    let mut build = Build::start(&v.t.root, None, &format!("{hooks},pause:{point}"));
    build.wait_for(&format!("paused at {point}"));
    build.kill();
    v.site(&label)
}

// See: #10
#[test]
fn issue_10_a_build_killed_at_any_moment_leaves_one_whole_site() {
    let v = Variants::new();
    // With RENAME_EXCHANGE: before, during and after writing, and around the swap.
    for point in [
        "cleaned",
        "staging",
        "write-1",
        "write-4",
        "write-9",
        "written",
        "exchanged",
        "swapped",
    ] {
        kill_at(&v, "", point);
    }
    // The old site survives a kill after the swap but before the old one was moved.
    let before = v.site("the kills");
    let after = kill_at(&v, "", "exchanged");
    assert_ne!(before, after, "the exchange had happened");
    // With two renames.
    for point in ["write-4", "written", "renamed-in", "swapped"] {
        kill_at(&v, "no-exchange", point);
    }
    // A failed build killed while throwing its staging folder away.
    let site = v.site("the kills");
    v.t.file("content/trasig.md", "---\ntitle: T\n---\n[x](#saknas)\n");
    let mut failing = Build::start(&v.t.root, None, "pause:discarding");
    failing.wait_for("paused at discarding");
    failing.kill();
    v.t.remove("content/trasig.md");
    assert_eq!(v.site("a kill while discarding"), site);

    // Between the two renames the output is missing; the next run puts it back, even a
    // run killed while restoring or one that fails.
    let site = v.site("the kills");
    v.switch_sources("a kill between the renames");
    let mut build = Build::start(&v.t.root, None, "no-exchange,pause:moved-aside");
    build.wait_for("paused at moved-aside");
    build.kill();
    assert!(!v.t.out().exists());
    let mut restoring = Build::start(&v.t.root, None, "pause:restoring");
    restoring.wait_for("paused at restoring");
    restoring.kill();
    assert!(!v.t.out().exists());
    v.t.file("content/trasig.md", "---\ntitle: T\nokänd: 1\n---\n");
    v.t.run(&["build"]).assert_code(1);
    v.t.remove("content/trasig.md");
    assert_eq!(v.site("the restoring run"), site);

    // Every killed build's leftovers are cleaned by the next build.
    v.switch_sources("the kills");
    v.t.build();
    assert_leftovers_go_away(&v.t.out());
}

// See: #10
#[test]
fn issue_10_a_build_killed_at_any_time_leaves_one_whole_site() {
    // Killed at times no hook names, on a portal big enough to take a while.
    let v = Variants::with_pages(120);
    let start = Instant::now();
    v.t.build();
    let took = start.elapsed();
    for step in 0..6 {
        let delay = took * step / 4;
        v.switch_sources("a timed kill");
        let build = Build::start(&v.t.root, None, "");
        std::thread::sleep(delay);
        build.kill();
        v.site(&format!("a kill after {delay:?}"));
    }
    v.t.build();
    assert_leftovers_go_away(&v.t.out());
}

// See: #10
#[test]
fn issue_10_concurrent_builds_into_one_folder_leave_one_whole_site() {
    let a = Variants::new();
    let b = PortalTest::from_fixture("minimal");
    write_variant(&a.t, 'A');
    write_variant(&b, 'B');
    let shared = PortalTest::empty("delad-ut");
    let out = shared.root.join("webb");
    // Plain runs, runs with the two-rename swap, and that swap with its window widened
    // so the builds interleave inside it.
    let hooks = [
        ("", ""),
        ("", ""),
        ("no-exchange", "no-exchange"),
        ("no-exchange,sleep:moved-aside:40", "no-exchange"),
    ];
    for round in 0..12 {
        let (hooks_a, hooks_b) = hooks[round % hooks.len()];
        let builds = [
            Build::start(&a.t.root, Some(&out), hooks_a),
            Build::start(&b.root, Some(&out), hooks_b),
            Build::start(&a.t.root, Some(&out), ""),
        ];
        for build in builds {
            let (code, stderr) = build.finish();
            assert_eq!(code, 0, "round {round}: {stderr}");
        }
        a.site_in(&out, &format!("round {round}"))
            .unwrap_or_else(|| panic!("round {round}: no output folder"));
    }
    assert_leftovers_go_away(&out);
}

// See: #10
#[test]
fn issue_10_a_build_never_touches_another_live_builds_staging_folder() {
    let v = Variants::new();
    let other = PortalTest::from_fixture("minimal");
    write_variant(&other, 'A');
    let out = v.t.out();
    // The first build holds its finished staging folder while the second runs whole.
    assert_eq!(v.site("the setup"), 'B');
    let mut slow = Build::start(&v.t.root, None, "sleep:written:1500");
    slow.wait_for("sleeping at written");
    let fast = other.run(&["build", "--out", out.to_str().unwrap()]);
    fast.assert_code(0);
    assert_eq!(v.site("the second build"), 'A');
    assert!(
        slow.child.try_wait().unwrap().is_none(),
        "the first build should still be waiting"
    );
    let (code, stderr) = slow.finish();
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(v.site("both builds"), 'B');
    assert_leftovers_go_away(&out);
}
