//! `infoportal serve` over real HTTP: pages, reload events, the error page while the
//! sources are broken, paths that try to leave the site, saves after the source folders
//! were moved or replaced, and raw requests that test the HTTP side's limits.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::PortalTest;

struct Served {
    child: Child,
    address: String,
    _test: PortalTest,
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// `serve` with its messages and error page in English, as the other tests read them.
fn serve(t: PortalTest) -> Served {
    serve_with(t, &["--lang", "en"])
}

/// `serve` with `args` (the portal's language unless they give `--lang`).
fn serve_with(t: PortalTest, args: &[&str]) -> Served {
    let mut child = Command::new(env!("CARGO_BIN_EXE_infoportal"))
        .args(["serve", "--port", "0", "--now", common::NOW])
        .args(args)
        .arg("--root")
        .arg(&t.root)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let address = loop {
        let line = lines.next().expect("serve prints the URL").unwrap();
        // `Serving http://…/` or `Förhandsvisningen finns på http://…/`.
        if let Some((_, rest)) = line.split_once("http://") {
            break rest.split('/').next().unwrap().to_string();
        }
    };
    // Keep reading so the server never blocks on a full pipe.
    std::thread::spawn(move || for _ in lines {});
    Served {
        child,
        address,
        _test: t,
    }
}

struct Response {
    status: u16,
    headers: String,
    body: String,
}

fn get(address: &str, target: &str) -> Response {
    let mut stream = TcpStream::connect(address).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(5)))
        .unwrap();
    write!(
        stream,
        "GET {target} HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).unwrap();
    let text = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let status = head
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    Response {
        status,
        headers: head.to_lowercase(),
        body: body.to_string(),
    }
}

/// Polls until `check` holds for the page, or fails after a few seconds.
fn eventually(address: &str, target: &str, check: impl Fn(&Response) -> bool) -> Response {
    let start = Instant::now();
    loop {
        let response = get(address, target);
        if check(&response) {
            return response;
        }
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "{target} never changed: {}",
            response.body
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn serves_pages_with_reload_and_right_content_types() {
    let s = serve(PortalTest::from_fixture("notices"));
    let page = get(&s.address, "/driftinformation/");
    assert_eq!(page.status, 200);
    assert!(
        page.headers
            .contains("content-type: text/html; charset=utf-8")
    );
    assert!(
        page.body
            .contains("<script src=\"/__infoportal/reload.js\"></script>\n</body>")
    );
    // Links point at the server, not at the published address.
    assert!(page.body.contains(&format!(
        "<link rel=\"canonical\" href=\"http://{}/driftinformation/\">",
        s.address
    )));
    for (path, kind) in [
        ("/style.css", "text/css; charset=utf-8"),
        ("/search.js", "text/javascript; charset=utf-8"),
        ("/personuppgifter.json", "application/json"),
        (
            "/driftinformation/atom.xml",
            "application/xml; charset=utf-8",
        ),
        (
            "/driftinformation/underhall.ics",
            "text/calendar; charset=utf-8",
        ),
        ("/personuppgifter.csv", "text/csv; charset=utf-8"),
        ("/__infoportal/reload.js", "text/javascript; charset=utf-8"),
    ] {
        let r = get(&s.address, path);
        assert_eq!(r.status, 200, "{path}");
        assert!(
            r.headers.contains(&format!("content-type: {kind}")),
            "{path}: {}",
            r.headers
        );
    }
    let missing = get(&s.address, "/finns/inte/");
    assert_eq!(missing.status, 404);
    assert!(
        missing.body.contains("Sidan finns inte"),
        "the site's own 404 page"
    );
    let folder = get(&s.address, "/driftinformation");
    assert_eq!(folder.status, 301);
    assert!(folder.headers.contains("location: /driftinformation/"));
}

#[test]
fn a_change_is_rebuilt_and_announced_to_open_pages() {
    let s = serve(PortalTest::from_fixture("basic"));
    let mut events = TcpStream::connect(&s.address).unwrap();
    events
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    write!(
        events,
        "GET /__infoportal/events HTTP/1.1\r\nHost: {}\r\n\r\n",
        s.address
    )
    .unwrap();
    let mut events = BufReader::new(events);
    let mut read_event = || {
        let mut data = None;
        loop {
            let mut line = String::new();
            events.read_line(&mut line).unwrap();
            if let Some(d) = line.strip_prefix("data: ") {
                data = Some(d.trim().to_string());
            }
            if line == "\n"
                && let Some(data) = data.take()
            {
                return data;
            }
        }
    };
    let first = read_event();
    s._test.file(
        "content/guide/andra.md",
        "---\ntitle: Andra guiden\nweight: 1\n---\nHelt ny text.\n",
    );
    let second = read_event();
    assert_ne!(first, second, "a reload event after the change");
    let page = get(&s.address, "/guide/andra/");
    assert!(page.body.contains("Helt ny text."), "{}", page.body);
}

#[test]
fn a_broken_file_shows_the_errors_and_a_fix_brings_the_site_back() {
    let s = serve(PortalTest::from_fixture("basic"));
    assert_eq!(get(&s.address, "/guide/steg/").status, 200);
    s._test.file(
        "content/guide/andra.md",
        "---\ntitel: Andra guiden\n---\nText.\n",
    );
    let broken = eventually(&s.address, "/guide/steg/", |r| r.status == 500);
    let shown = common::text(&broken.body);
    assert!(
        shown.contains("content/guide/andra.md:2:1 Open in VS Code Error E0102: unknown key titel"),
        "{shown}"
    );
    assert!(
        broken
            .body
            .contains("<script src=\"/__infoportal/reload.js\">"),
        "the error page reloads too"
    );
    // Static files of the last good build are still served meanwhile.
    assert_eq!(get(&s.address, "/style.css").status, 200);
    s._test.file(
        "content/guide/andra.md",
        "---\ntitle: Andra guiden\n---\nRättad text.\n",
    );
    let fixed = eventually(&s.address, "/guide/andra/", |r| r.status == 200);
    assert!(fixed.body.contains("Rättad text."));
}

/// See: issue 14, item 2. The page an editor sees after a save that breaks the build.
#[test]
fn the_error_page_shows_each_problem_with_its_line_in_plain_swedish() {
    // Broken from the first build on: no site was ever built, so there is no
    // `/style.css` to serve, and the portal's base path is `/ssbtek/`.
    let t = PortalTest::from_fixture("basic");
    t.file(
        "content/guide/andra.md",
        "---\ntitle: Andra guiden\ndescriptoin: Kort\n---\nText.\n",
    );
    t.file(
        "content/guide/tredje.md",
        "---\ntitle: Tredje\n---\nSå här gör du: [läs mer](saknas.md).\n",
    );
    let root = std::fs::canonicalize(&t.root).unwrap();
    // The portal's language, Swedish by default.
    let s = serve_with(t, &[]);
    let page = get(&s.address, "/guide/");
    assert_eq!(page.status, 500);
    assert!(
        page.headers
            .contains("content-type: text/html; charset=utf-8")
    );
    let html = &page.body;
    assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"sv\">"));
    assert_no_inline_code(html);
    let shown = common::text(html);
    for swedish in [
        "Webbplatsen kunde inte byggas",
        "Rätta felen nedan i filerna och spara igen. Sidan laddas om av sig själv när du \
         sparar, och webbplatsen visas igen när felen är rättade.",
        "2 fel.",
        "Så rättar du: menade du description?",
    ] {
        assert!(shown.contains(swedish), "{swedish:?} not in: {shown}");
    }

    // Each problem: its place, a link that opens it in VS Code, the message, the line.
    let andra = root.join("content/guide/andra.md");
    assert!(
        html.contains(&format!(
            "<p class=\"build-error-place\"><code>content/guide/andra.md:3:1</code> \
         <a href=\"vscode://file{}:3:1\">Öppna i VS Code</a></p>",
            andra.display()
        )),
        "{html}"
    );
    assert!(html.contains(
        "<strong>Fel E0102:</strong> okänd nyckel <code>descriptoin</code></p>\n\
         <pre class=\"build-error-source\"><code><span class=\"build-error-line\" aria-hidden=\"true\">3</span> \
         <mark>d</mark>escriptoin: Kort</code></pre>"
    ), "{html}");
    // Columns count characters: `[` is the 16th, the 19th byte.
    assert!(
        html.contains("<code>content/guide/tredje.md:4:16</code>"),
        "{html}"
    );
    assert!(
        html.contains(
            "<span class=\"build-error-line\" aria-hidden=\"true\">4</span> \
         Så här gör du: <mark>[</mark>läs mer](saknas.md).</code></pre>"
        ),
        "{html}"
    );

    // The default theme's look, whether or not a build ever succeeded.
    let styles = common::start_tags(html, "link");
    assert_eq!(
        styles,
        ["<link rel=\"stylesheet\" href=\"/__infoportal/style.css\">"]
    );
    let css = get(&s.address, "/__infoportal/style.css");
    assert_eq!(css.status, 200);
    assert!(
        css.headers
            .contains("content-type: text/css; charset=utf-8")
    );
    assert_eq!(
        css.body,
        std::fs::read_to_string(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("themes/default/static/style.css")
        )
        .unwrap()
    );
    assert!(
        css.body.contains(".build-error-source"),
        "the page's own rules"
    );
}

/// See: issue 14, item 1. The error page is in the portal's language, or `--lang`'s.
#[test]
fn the_error_page_is_in_english_for_an_english_portal_or_with_lang_en() {
    let broken = |yaml_extra: &str| {
        let t = PortalTest::from_fixture("basic");
        let yaml = std::fs::read_to_string(t.root.join("portal.yaml")).unwrap();
        t.file("portal.yaml", &format!("{yaml}{yaml_extra}"));
        t.file(
            "content/guide/andra.md",
            "---\ntitle: Andra guiden\ndescriptoin: Kort\n---\nText.\n",
        );
        t
    };
    for (t, args) in [
        (broken(""), &["--lang", "en"][..]),
        (broken("language: en\n"), &[]),
    ] {
        let s = serve_with(t, args);
        let page = get(&s.address, "/guide/");
        assert_eq!(page.status, 500);
        assert!(page.body.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"));
        let shown = common::text(&page.body);
        for english in [
            "The site could not be built",
            "Correct the errors below in the files and save again.",
            "1 error.",
            "Open in VS Code Error E0102: unknown key descriptoin",
            "To fix it: did you mean description?",
        ] {
            assert!(
                shown.contains(english),
                "{args:?}: {english:?} not in: {shown}"
            );
        }
    }
    // `--lang sv` decides over an English portal.
    let s = serve_with(broken("language: en\n"), &["--lang", "sv"]);
    let page = get(&s.address, "/guide/");
    assert!(page.body.starts_with("<!DOCTYPE html>\n<html lang=\"sv\">"));
    assert!(common::text(&page.body).contains("Fel E0102: okänd nyckel descriptoin"));
}

#[test]
fn an_unsafe_link_is_never_shown_live() {
    // A body-only change takes the quick path; it must not publish the link even for
    // the moment before the full build reports it. See: #10
    let s = serve(PortalTest::from_fixture("basic"));
    let andra = std::fs::read_to_string(s._test.root.join("content/guide/andra.md")).unwrap();
    s._test.file(
        "content/guide/andra.md",
        &format!("{andra}\n[Klicka](javascript:alert(1))\n"),
    );
    let start = Instant::now();
    let broken = loop {
        let page = get(&s.address, "/guide/andra/");
        assert!(
            !page.body.to_lowercase().contains("href=\"javascript"),
            "{}",
            page.body
        );
        if page.status == 500 {
            break page;
        }
        assert!(start.elapsed() < Duration::from_secs(10), "no error page");
        std::thread::sleep(Duration::from_millis(20));
    };
    assert!(
        common::text(&broken.body).contains("Error E0308: unsafe link"),
        "{}",
        broken.body
    );
}

#[test]
fn paths_that_leave_the_site_are_refused() {
    let s = serve(PortalTest::from_fixture("basic"));
    for target in [
        "/../portal.yaml",
        "/guide/../../portal.yaml",
        "/%2e%2e/portal.yaml",
        "/%2E%2E%2Fportal.yaml",
        "/guide/%2e%2e/%2e%2e/content/guide/steg.md",
        "/..%5cportal.yaml",
        "http://evil.example/../portal.yaml",
    ] {
        let r = get(&s.address, target);
        assert!(
            [400, 403, 404].contains(&r.status),
            "{target}: {}",
            r.status
        );
        assert!(!r.body.contains("base_url"), "{target} leaked portal.yaml");
    }
    for target in ["/portal.yaml", "/content/guide/steg.md", "/etc/passwd"] {
        assert_eq!(get(&s.address, target).status, 404, "{target}");
    }
}

#[test]
fn build_output_never_contains_the_reload_script() {
    let t = PortalTest::from_fixture("basic");
    t.build();
    for file in t.output_files() {
        if file.ends_with(".html") {
            assert!(!t.read(&file).contains("__infoportal"), "{file}");
        }
    }
}

#[test]
fn a_quick_update_is_followed_by_the_checks_of_a_full_build() {
    let s = serve(PortalTest::from_fixture("basic"));
    let steg = std::fs::read_to_string(s._test.root.join("content/guide/steg.md")).unwrap();
    // Only the body changes, so the page is shown at once; but avtal-a 1.1 links to
    // the heading removed here, which the full build after it reports.
    let without_heading = steg.replace("## Andra steget", "Ingen rubrik längre.");
    s._test.file("content/guide/steg.md", &without_heading);
    let broken = eventually(&s.address, "/guide/andra/", |r| r.status == 500);
    assert!(
        broken.body.contains("agreements/avtal-a/1.1.md:"),
        "{}",
        broken.body
    );
    assert!(broken.body.contains("has no <code>#andra-steget</code>"));
    s._test.file("content/guide/steg.md", &steg);
    let fixed = eventually(&s.address, "/guide/steg/", |r| r.status == 200);
    assert!(fixed.body.contains("id=\"andra-steget\""));
}

#[test]
fn quick_saves_in_a_row_end_with_the_last_one_shown_everywhere() {
    let s = serve(PortalTest::from_fixture("basic"));
    // Each save cancels the build of the one before. The first six change the title,
    // which only a full build shows on the section page; the last three only the text,
    // which the quick update shows at once.
    for n in 1..=9 {
        let title = n.min(6);
        s._test.file(
            "content/guide/andra.md",
            &format!("---\ntitle: Andra guiden {title}\nweight: 1\n---\nText nummer {n}.\n"),
        );
        std::thread::sleep(Duration::from_millis(10 + 10 * n));
    }
    eventually(&s.address, "/guide/", |r| {
        r.body.contains("Andra guiden 6<")
    });
    eventually(&s.address, "/guide/andra/", |r| {
        r.body.contains("Text nummer 9.")
    });
    // Nothing older comes back once the last build is shown.
    std::thread::sleep(Duration::from_millis(500));
    let page = get(&s.address, "/guide/andra/");
    assert!(page.body.contains("Text nummer 9."), "{}", page.body);
    let section = get(&s.address, "/guide/");
    assert!(section.body.contains("Andra guiden 6<"), "{}", section.body);
    for n in 1..=5 {
        let old = format!("Andra guiden {n}<");
        assert!(!section.body.contains(&old), "{old} in {}", section.body);
    }
}

/// Waits until `/guide/andra/` shows `marker` after saving it into the page.
fn save_and_see(s: &Served, marker: &str) {
    s._test.file(
        "content/guide/andra.md",
        &format!("---\ntitle: Andra guiden\nweight: 1\n---\nText {marker}.\n"),
    );
    eventually(&s.address, "/guide/andra/", |r| r.body.contains(marker));
}

/// A folder next to the portal, outside what serve watches.
fn away(s: &Served, name: &str) -> PathBuf {
    let root = &s._test.root;
    let away = root.with_file_name(format!(
        "{}-{name}-away",
        root.file_name().unwrap().to_string_lossy()
    ));
    let _ = std::fs::remove_dir_all(&away);
    away
}

fn wait_broken(s: &Served) {
    eventually(&s.address, "/guide/andra/", |r| r.status == 500);
}

fn wait_fixed(s: &Served) {
    eventually(&s.address, "/guide/andra/", |r| r.status == 200);
}

#[test]
fn saves_are_seen_after_the_source_folders_are_moved_away_and_back() {
    let s = serve(PortalTest::from_fixture("basic"));
    save_and_see(&s, "first");
    let content = s._test.root.join("content");
    let agreements = s._test.root.join("agreements");
    // Moved out of the portal, seen gone, moved back.
    let outside = away(&s, "content");
    std::fs::rename(&content, &outside).unwrap();
    wait_broken(&s);
    std::fs::rename(&outside, &content).unwrap();
    wait_fixed(&s);
    save_and_see(&s, "second");
    // Renamed inside the portal and back at once: one burst, the same folder, but
    // its watch was dropped with the first rename.
    let aside = s._test.root.join("content-aside");
    std::fs::rename(&content, &aside).unwrap();
    std::fs::rename(&aside, &content).unwrap();
    save_and_see(&s, "third");
    // The same for agreements/, and a save inside it.
    let outside = away(&s, "agreements");
    std::fs::rename(&agreements, &outside).unwrap();
    wait_broken(&s);
    std::fs::rename(&outside, &agreements).unwrap();
    wait_fixed(&s);
    let villkor = s._test.root.join("agreements/villkor/1.0.md");
    let text = std::fs::read_to_string(&villkor).unwrap();
    std::fs::write(
        &villkor,
        text.replace("Ansvaret regleras här.", "Villkorsmarkör."),
    )
    .unwrap();
    eventually(&s.address, "/avtal/villkor/", |r| {
        r.body.contains("Villkorsmarkör.")
    });
    save_and_see(&s, "fourth");
}

#[test]
fn saves_are_seen_after_content_is_deleted_and_restored() {
    let s = serve(PortalTest::from_fixture("basic"));
    let content = s._test.root.join("content");
    let backup = away(&s, "backup");
    common::copy_dir(&content, &backup);
    std::fs::remove_dir_all(&content).unwrap();
    wait_broken(&s);
    common::copy_dir(&backup, &content);
    wait_fixed(&s);
    save_and_see(&s, "restored");
    // Deleted and restored within one burst.
    std::fs::remove_dir_all(&content).unwrap();
    common::copy_dir(&backup, &content);
    save_and_see(&s, "again");
    std::fs::remove_dir_all(&backup).unwrap();
}

// See: #10
#[test]
fn issue_10_saves_are_seen_after_the_portal_folder_is_deleted_and_restored() {
    let s = serve(PortalTest::from_fixture("basic"));
    save_and_see(&s, "first");
    let root = s._test.root.clone();
    // As an editor restoring a backup does: a copy, the portal deleted, the copy moved
    // into its place.
    let copy = away(&s, "copy");
    common::copy_dir(&root, &copy);
    std::fs::remove_dir_all(&root).unwrap();
    wait_broken(&s);
    std::fs::rename(&copy, &root).unwrap();
    wait_fixed(&s);
    save_and_see(&s, "second");
    // Moved away and back within one burst: the same folder, its watches dropped.
    let aside = away(&s, "aside");
    std::fs::rename(&root, &aside).unwrap();
    std::fs::rename(&aside, &root).unwrap();
    save_and_see(&s, "third");
    // Deleted, then copied back file by file.
    let backup = away(&s, "backup");
    common::copy_dir(&root, &backup);
    std::fs::remove_dir_all(&root).unwrap();
    wait_broken(&s);
    common::copy_dir(&backup, &root);
    wait_fixed(&s);
    save_and_see(&s, "fourth");
    std::fs::remove_dir_all(&backup).unwrap();
}

#[test]
fn a_source_folder_created_after_start_is_watched() {
    let t = PortalTest::from_fixture("basic");
    let hidden = t.root.with_file_name(format!(
        "{}-content-later",
        t.root.file_name().unwrap().to_string_lossy()
    ));
    std::fs::rename(t.root.join("content"), &hidden).unwrap();
    let s = serve(t);
    wait_broken(&s);
    std::fs::rename(&hidden, s._test.root.join("content")).unwrap();
    wait_fixed(&s);
    save_and_see(&s, "later");
}

#[test]
fn portal_yaml_saved_through_a_temporary_file_is_seen_every_time() {
    let s = serve(PortalTest::from_fixture("basic"));
    let config = s._test.root.join("portal.yaml");
    let original = std::fs::read_to_string(&config).unwrap();
    for title in ["Första titeln", "Andra titeln", "Tredje titeln"] {
        // As editors save: write a temporary file, then rename it over the original.
        let temp = s._test.root.join(".portal.yaml.tmp");
        std::fs::write(
            &temp,
            original.replace("title: Testportal", &format!("title: {title}")),
        )
        .unwrap();
        std::fs::rename(&temp, &config).unwrap();
        eventually(&s.address, "/", |r| r.body.contains(title));
    }
    save_and_see(&s, "after the config");
}

/// Sends `request` as it is and reads until the server closes (at most 5 s).
fn raw(address: &str, request: &[u8]) -> Response {
    let mut stream = TcpStream::connect(address).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(5)))
        .unwrap();
    stream.write_all(request).unwrap();
    let mut raw = Vec::new();
    stream
        .read_to_end(&mut raw)
        .expect("the server closes the connection");
    parse_response(&raw)
}

fn parse_response(raw: &[u8]) -> Response {
    let text = String::from_utf8_lossy(raw).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let status = head
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    Response {
        status,
        headers: head.to_lowercase(),
        body: body.to_string(),
    }
}

/// Reads one response whose length is given by `Content-Length`.
fn read_one(stream: &mut BufReader<TcpStream>) -> Response {
    let mut head = String::new();
    loop {
        let mut line = String::new();
        stream.read_line(&mut line).unwrap();
        assert!(!line.is_empty(), "closed mid-response: {head}");
        head.push_str(&line);
        if line == "\r\n" {
            break;
        }
    }
    let length: usize = head
        .to_lowercase()
        .lines()
        .find_map(|l| l.strip_prefix("content-length: "))
        .and_then(|n| n.trim().parse().ok())
        .expect("a Content-Length");
    let mut body = vec![0; length];
    stream.read_exact(&mut body).unwrap();
    let mut raw = head.into_bytes();
    raw.extend(body);
    parse_response(&raw)
}

fn rss_kib(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap()
}

#[test]
fn an_oversized_header_is_refused_and_not_read_on() {
    let s = serve(PortalTest::from_fixture("basic"));
    // Slightly too large: the whole request is sent, and the answer is read.
    let big = format!(
        "GET / HTTP/1.1\r\nHost: {}\r\nCookie: {}\r\n\r\n",
        s.address,
        "a".repeat(20 * 1024)
    );
    let r = raw(&s.address, big.as_bytes());
    assert_eq!(r.status, 431, "{}", r.headers);
    assert!(r.headers.contains("connection: close"));
    assert!(r.body.contains("larger than 16 KiB"), "{}", r.body);
    // Far too large: the server stops reading, so the sender soon cannot go on, and
    // the server's memory does not grow with what is sent.
    let pid = s.child.id();
    let before = rss_kib(pid);
    let mut stream = TcpStream::connect(&s.address).unwrap();
    stream
        .set_write_timeout(Some(Duration::from_secs(2)))
        .unwrap();
    write!(stream, "GET / HTTP/1.1\r\nHost: {}\r\nX-Big: ", s.address).unwrap();
    let chunk = vec![b'a'; 64 * 1024];
    let mut sent = 0usize;
    while sent < 256 << 20 {
        match stream.write(&chunk) {
            Ok(n) => sent += n,
            Err(_) => break,
        }
    }
    let after = rss_kib(pid);
    assert!(
        sent < 64 << 20,
        "the server took {} MiB of header",
        sent >> 20
    );
    assert!(
        after < before + 16 * 1024,
        "memory grew from {before} KiB to {after} KiB"
    );
    // Still serving.
    assert_eq!(get(&s.address, "/").status, 200);
}

#[test]
fn http_1_0_closes_the_connection_unless_asked_to_keep_it() {
    let s = serve(PortalTest::from_fixture("basic"));
    let request = format!("GET /style.css HTTP/1.0\r\nHost: {}\r\n\r\n", s.address);
    let r = raw(&s.address, request.as_bytes());
    assert_eq!(r.status, 200);
    assert!(r.headers.contains("connection: close"), "{}", r.headers);
    assert!(r.body.contains(":root"));
    // Without Host, as HTTP/1.0 allows.
    let r = raw(&s.address, b"GET /style.css HTTP/1.0\r\n\r\n");
    assert_eq!(r.status, 200);

    // Asked to keep alive: the answer says so, and a second request gets an answer on
    // the same connection.
    let stream = TcpStream::connect(&s.address).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(5)))
        .unwrap();
    let mut stream = BufReader::new(stream);
    let keep = format!(
        "GET /style.css HTTP/1.0\r\nHost: {}\r\nConnection: keep-alive\r\n\r\n",
        s.address
    );
    stream.get_mut().write_all(keep.as_bytes()).unwrap();
    let first = read_one(&mut stream);
    assert_eq!(first.status, 200);
    assert!(
        first.headers.contains("connection: keep-alive"),
        "{}",
        first.headers
    );
    let last = format!("GET /finns-inte/ HTTP/1.0\r\nHost: {}\r\n\r\n", s.address);
    stream.get_mut().write_all(last.as_bytes()).unwrap();
    let second = read_one(&mut stream);
    assert_eq!(second.status, 404);
    assert!(second.headers.contains("connection: close"));
    let mut rest = Vec::new();
    stream
        .read_to_end(&mut rest)
        .expect("closed after the answer");
    assert!(rest.is_empty());
}

#[test]
fn http_1_1_keeps_the_connection_and_answers_pipelined_requests() {
    let s = serve(PortalTest::from_fixture("basic"));
    let stream = TcpStream::connect(&s.address).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(5)))
        .unwrap();
    let mut stream = BufReader::new(stream);
    let two = format!(
        "GET /style.css HTTP/1.1\r\nHost: {0}\r\n\r\nHEAD / HTTP/1.1\r\nHost: {0}\r\n\r\n",
        s.address
    );
    stream.get_mut().write_all(two.as_bytes()).unwrap();
    let css = read_one(&mut stream);
    assert_eq!(css.status, 200);
    assert!(css.headers.contains("connection: keep-alive"));
    // HEAD: the length of the page, no body (the next bytes are the next answer).
    let mut head = String::new();
    loop {
        let mut line = String::new();
        stream.read_line(&mut line).unwrap();
        head.push_str(&line);
        if line == "\r\n" || line.is_empty() {
            break;
        }
    }
    assert!(head.starts_with("HTTP/1.1 200 OK\r\n"), "{head}");
    assert!(head.contains("Content-Length: "));
    let page = format!("GET / HTTP/1.1\r\nHost: {}\r\n\r\n", s.address);
    stream.get_mut().write_all(page.as_bytes()).unwrap();
    assert!(read_one(&mut stream).body.contains("</html>"));
}

#[test]
fn requests_for_other_hosts_are_refused() {
    let s = serve(PortalTest::from_fixture("basic"));
    let port = s.address.rsplit(':').next().unwrap();
    for host in [
        "evil.example".to_string(),
        format!("evil.example:{port}"),
        format!("localhost.evil.example:{port}"),
        "192.0.2.1".to_string(),
    ] {
        let request = format!("GET / HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n");
        let r = raw(&s.address, request.as_bytes());
        assert_eq!(r.status, 403, "{host}");
        assert!(r.body.contains("answers only to localhost"), "{}", r.body);
        assert!(!r.body.contains("Testportal"), "{host} read the site");
    }
    // The target's host counts as much as the Host header.
    let request = format!(
        "GET http://evil.example/ HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
        s.address
    );
    assert_eq!(raw(&s.address, request.as_bytes()).status, 403);
    for host in [
        format!("localhost:{port}"),
        "LocalHost".to_string(),
        format!("127.0.0.1:{port}"),
        "127.0.0.1".to_string(),
        format!("[::1]:{port}"),
    ] {
        let request = format!("GET / HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n");
        let r = raw(&s.address, request.as_bytes());
        assert_eq!(r.status, 200, "{host}");
        assert!(r.body.contains("Testportal"));
    }
    let r = raw(&s.address, b"GET / HTTP/1.1\r\nConnection: close\r\n\r\n");
    assert_eq!(r.status, 400, "HTTP/1.1 without Host");
}

#[test]
fn a_preview_for_the_network_answers_any_ip_address_but_no_other_name() {
    let s = serve_with(
        PortalTest::from_fixture("basic"),
        &["--bind", "0.0.0.0", "--lang", "en"],
    );
    let port = s.address.rsplit(':').next().unwrap();
    let ask = |host: &str| {
        let request = format!("GET / HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n");
        raw(&s.address, request.as_bytes()).status
    };
    assert_eq!(ask(&format!("192.0.2.1:{port}")), 200);
    assert_eq!(ask(&format!("[2001:db8::1]:{port}")), 200);
    assert_eq!(ask(&format!("localhost:{port}")), 200);
    assert_eq!(ask(&format!("min-dator.local:{port}")), 403);
    assert_eq!(ask("evil.example"), 403);
}

/// No inline script, inline style or event handler: what the CSP would block.
fn assert_no_inline_code(html: &str) {
    for (i, _) in html.match_indices("<script") {
        assert!(
            html[i..].starts_with("<script src=\""),
            "inline script: {}",
            &html[i..(i + 80).min(html.len())]
        );
    }
    assert!(!html.contains("<style"), "inline style");
    assert!(!html.contains(" style="), "style attribute");
    let lower = html.to_lowercase();
    for (i, _) in lower.match_indices(" on") {
        let name: String = lower[i + 1..]
            .chars()
            .take_while(|c| c.is_ascii_alphabetic())
            .collect();
        assert!(
            !(name.len() > 2 && lower[i + 1 + name.len()..].starts_with('=')),
            "event handler `{name}`"
        );
    }
}

fn assert_security_headers(r: &Response, what: &str) {
    assert!(
        r.headers
            .contains("\r\nx-content-type-options: nosniff\r\n"),
        "{what}: {}",
        r.headers
    );
    let csp = format!(
        "\r\ncontent-security-policy: {}",
        infoportal::util::csp::HEADER_POLICY.to_lowercase()
    );
    assert!(r.headers.contains(&csp), "{what}: {}", r.headers);
}

#[test]
fn every_answer_carries_nosniff_and_the_content_security_policy() {
    let s = serve(PortalTest::from_fixture("basic"));
    for target in [
        "/",
        "/guide/steg/",
        "/style.css",
        "/__infoportal/reload.js",
        "/finns/inte/",
        "/finns-inte.png",
        "/guide",
        "/../x",
    ] {
        let r = get(&s.address, target);
        assert_security_headers(&r, target);
        if r.headers.contains("content-type: text/html") {
            assert_no_inline_code(&r.body);
        }
    }
    let refused = raw(
        &s.address,
        b"GET / HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n",
    );
    assert_security_headers(&refused, "a foreign host");
    let bad = raw(&s.address, b"GET / HTTP/1.1\r\n\r\n");
    assert_security_headers(&bad, "a bad request");
    // The error page shown while the sources are broken.
    s._test.file(
        "content/guide/andra.md",
        "---\ntitel: Andra guiden\n---\n<script>alert(1)</script>\n",
    );
    let broken = eventually(&s.address, "/guide/steg/", |r| r.status == 500);
    assert_security_headers(&broken, "the error page");
    assert!(broken.body.contains("unknown key <code>titel</code>"));
    assert_no_inline_code(&broken.body);
    assert_security_headers(
        &get(&s.address, "/__infoportal/style.css"),
        "its stylesheet",
    );
}
