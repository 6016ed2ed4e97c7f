//! Nothing skipped in silence (issue 14, point 6): a symbolic link or a hidden file or
//! folder under `content/` or `agreements/` is not published, and the build says so
//! (W0201); `content/.well-known/` is published; asset names get the naming check of
//! pages (E0202); a `content` that is a file (E0203) and a `portal.yaml` that holds no
//! settings (E0104) each get one plain message.

mod common;

use common::PortalTest;
use serde_json::Value;

/// `code file message hint` of each diagnostic of `check --format json`, with the exit
/// code.
fn check(t: &PortalTest, args: &[&str]) -> (i32, Vec<String>) {
    let mut all = vec!["check", "--format", "json", "--path-prefix", "."];
    all.extend(args);
    let run = t.run(&all);
    let report: Value = serde_json::from_str(&run.stdout)
        .unwrap_or_else(|e| panic!("no JSON ({e}): {}{}", run.stdout, run.stderr));
    let lines = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            let mut place = d["file"].as_str().unwrap_or("").to_string();
            if let Some(line) = d["line"].as_u64() {
                place.push_str(&format!(":{line}:{}", d["column"]));
            }
            format!(
                "{} {place} {} | {}",
                d["code"].as_str().unwrap(),
                d["message"].as_str().unwrap(),
                d["hint"].as_str().unwrap_or("")
            )
        })
        .collect();
    (run.code, lines)
}

const HIDDEN_HINT: &str =
    "rename it without the leading `.` to publish it, or move it out of the portal folder";
const LINK_HINT: &str = "put the file or folder itself here instead of a link to it";

#[cfg(unix)]
#[test]
fn symbolic_links_are_not_published_and_the_build_says_so() {
    let t = PortalTest::from_fixture("minimal");
    t.file("sidor/extern.md", "---\ntitle: Extern\n---\nText.\n");
    t.file("content/riktig.md", "---\ntitle: Riktig\n---\nText.\n");
    std::os::unix::fs::symlink(
        t.root.join("sidor/extern.md"),
        t.root.join("content/extern.md"),
    )
    .unwrap();
    std::os::unix::fs::symlink(t.root.join("content"), t.root.join("content/varv")).unwrap();
    std::os::unix::fs::symlink(
        t.root.join("agreements/avtal/1.0.md"),
        t.root.join("agreements/avtal/2.0.md"),
    )
    .unwrap();
    let (code, lines) = check(&t, &[]);
    assert_eq!(code, 0, "warnings only: {lines:#?}");
    assert_eq!(
        lines,
        [
            format!(
                "W0201 agreements/avtal/2.0.md `agreements/avtal/2.0.md` is a symbolic link and is not published | {LINK_HINT}"
            ),
            format!(
                "W0201 content/extern.md `content/extern.md` is a symbolic link and is not published | {LINK_HINT}"
            ),
            format!(
                "W0201 content/varv `content/varv` is a symbolic link and is not published | {LINK_HINT}"
            ),
        ]
    );
    assert_eq!(check(&t, &["--strict"]).0, 1);
    t.build();
    assert!(t.out().join("riktig/index.html").is_file());
    assert!(!t.out().join("extern").exists());
    assert!(!t.out().join("varv").exists());
    assert!(!t.out().join("avtal/avtal/2.0").exists());
}

#[cfg(unix)]
#[test]
fn a_symlinked_personal_data_list_is_not_read() {
    // It used to be found with `is_file`, which follows links, while the walk did not.
    let t = PortalTest::from_fixture("minimal");
    t.file("lista.yaml", "providers: []\n");
    std::os::unix::fs::symlink(
        t.root.join("lista.yaml"),
        t.root.join("content/personuppgifter.yaml"),
    )
    .unwrap();
    let (code, lines) = check(&t, &[]);
    assert_eq!(code, 0);
    assert_eq!(lines.len(), 1, "{lines:#?}");
    assert!(
        lines[0].starts_with("W0201 content/personuppgifter.yaml "),
        "{lines:#?}"
    );
    t.build();
    assert!(!t.out().join("personuppgifter").exists());
}

#[test]
fn hidden_files_and_folders_are_not_published_and_the_build_says_so() {
    let t = PortalTest::from_fixture("minimal");
    t.file("content/.utkast/ny.md", "---\ntitle: Ny\n---\nText.\n")
        .file("content/.anteckningar.md", "---\ntitle: A\n---\nText.\n")
        .file("content/bilder/.karta.png", "PNG")
        .file("agreements/.arkiv/0.9.md", "gammalt\n")
        // Bookkeeping of Git and file managers goes without a word.
        .file("content/.gitkeep", "")
        .file("content/bilder/.DS_Store", "")
        .file("agreements/.gitignore", "*.bak\n");
    let (code, lines) = check(&t, &[]);
    assert_eq!(code, 0, "{lines:#?}");
    assert_eq!(
        lines,
        [
            format!(
                "W0201 agreements/.arkiv/ `agreements/.arkiv/` is hidden (its name starts with `.`) and is not published | {HIDDEN_HINT}"
            ),
            format!(
                "W0201 content/.anteckningar.md `content/.anteckningar.md` is hidden (its name starts with `.`) and is not published | {HIDDEN_HINT}"
            ),
            format!(
                "W0201 content/.utkast/ `content/.utkast/` is hidden (its name starts with `.`) and is not published | {HIDDEN_HINT}"
            ),
            format!(
                "W0201 content/bilder/.karta.png `content/bilder/.karta.png` is hidden (its name starts with `.`) and is not published | {HIDDEN_HINT}"
            ),
        ]
    );
    t.build();
    assert!(!t.out().join(".utkast").exists());
    assert!(!t.out().join("bilder/.karta.png").exists());
}

#[test]
fn well_known_files_are_published() {
    let t = PortalTest::from_fixture("minimal");
    t.file(
        "content/.well-known/security.txt",
        "Contact: mailto:security@example.se\nExpires: 2027-12-31T23:00:00.000Z\n",
    )
    .file("content/.well-known/openpgpkey/policy", "")
    // Published as it is, not as a page.
    .file("content/.well-known/readme.md", "# Inte en sida\n")
    // Only directly under `content/`, and hidden files in it are still hidden.
    .file("content/.well-known/.htaccess", "Deny from all\n")
    .file("content/om/.well-known/x.txt", "x\n");
    let (code, lines) = check(&t, &[]);
    assert_eq!(code, 0, "{lines:#?}");
    assert_eq!(
        lines,
        [
            format!(
                "W0201 content/.well-known/.htaccess `content/.well-known/.htaccess` is hidden (its name starts with `.`) and is not published | {HIDDEN_HINT}"
            ),
            format!(
                "W0201 content/om/.well-known/ `content/om/.well-known/` is hidden (its name starts with `.`) and is not published | {HIDDEN_HINT}"
            ),
        ]
    );
    t.build();
    assert_eq!(
        t.read(".well-known/security.txt"),
        "Contact: mailto:security@example.se\nExpires: 2027-12-31T23:00:00.000Z\n"
    );
    assert!(t.out().join(".well-known/openpgpkey/policy").is_file());
    assert_eq!(t.read(".well-known/readme.md"), "# Inte en sida\n");
    assert!(!t.out().join(".well-known/.htaccess").exists());
    assert!(!t.out().join("om/.well-known").exists());
}

#[test]
fn a_link_to_a_well_known_file_resolves() {
    let t = PortalTest::from_fixture("minimal");
    t.file(
        "content/.well-known/security.txt",
        "Contact: mailto:s@example.se\n",
    )
    .file(
        "content/sakerhet.md",
        "---\ntitle: Säkerhet\n---\nSe [security.txt](/.well-known/security.txt).\n",
    );
    t.build();
    assert!(
        t.main("sakerhet/index.html")
            .contains("href=\"/.well-known/security.txt\"")
    );
}

#[test]
fn asset_names_are_checked_like_page_names() {
    let t = PortalTest::from_fixture("minimal");
    t.file("content/bilder/Karta över.PNG", "PNG")
        .file("content/Bilagor/a.pdf", "PDF")
        .file("content/Bilagor/b.pdf", "PDF")
        .file("content/bilder/jquery.min.js", "")
        .file("content/bilder/karta_2-ny.png", "PNG");
    let (code, lines) = check(&t, &[]);
    assert_eq!(code, 1);
    assert_eq!(
        lines,
        [
            // A folder once, at its first file.
            "E0202 content/Bilagor/a.pdf `Bilagor` in `content/Bilagor/a.pdf` cannot be used in a URL | rename it to lowercase letters a-z, digits, `-` and `_`, e.g. `bilagor`",
            "E0202 content/bilder/Karta över.PNG `Karta över.PNG` in `content/bilder/Karta över.PNG` cannot be used in a URL | rename it to lowercase letters a-z, digits, `-` and `_`, e.g. `karta-over.png`",
        ]
    );
}

#[test]
fn a_content_file_instead_of_a_folder_is_one_plain_error() {
    let t = PortalTest::from_fixture("minimal");
    t.remove("content").file("content", "Start\n");
    t.remove("agreements").file("agreements", "");
    let (code, lines) = check(&t, &[]);
    assert_eq!(code, 1);
    assert_eq!(
        lines,
        [
            "E0203 agreements `agreements` is a file, but it must be a folder: nothing in it is published | rename or remove the file `agreements`, and put the portal's files in a folder named `agreements`",
            "E0203 content `content` is a file, but it must be a folder: nothing in it is published | rename or remove the file `content`, and put the portal's files in a folder named `content`",
        ]
    );
}

#[test]
fn a_portal_yaml_without_settings_is_one_plain_error() {
    let t = PortalTest::from_fixture("minimal");
    t.file(
        "portal.yaml",
        "# Inställningar\n- title: Portal\n- base_url: https://example.se/\n",
    );
    let (code, lines) = check(&t, &[]);
    assert_eq!(code, 1);
    assert_eq!(
        lines,
        [
            "E0104 portal.yaml:2:1 `portal.yaml` is a list, but it must hold settings, one `key: value` per line | remove the `- ` before each setting, e.g. `title: Informationsportal`"
        ]
    );
    for scalar in ["Informationsportal\n", "42\n", "~\n"] {
        t.file("portal.yaml", scalar);
        let (code, lines) = check(&t, &[]);
        assert_eq!(code, 1);
        assert_eq!(
            lines,
            [
                "E0104 portal.yaml:1:1 `portal.yaml` holds a single value, but it must hold settings, one `key: value` per line | write each setting as `key: value`, e.g. `title: Informationsportal` and `base_url: https://www.example.se/`"
            ],
            "{scalar:?}"
        );
    }
}
