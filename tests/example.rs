//! The bundled example portal builds with no errors and no warnings, and builds
//! byte-identically twice (SPEC §6 "Reproducible"), manifest and feeds included.

mod common;

use common::{PortalTest, example};

fn tree(t: &PortalTest) -> Vec<(String, Vec<u8>)> {
    t.output_files()
        .into_iter()
        .map(|f| {
            let bytes = std::fs::read(t.out().join(&f)).unwrap();
            (f, bytes)
        })
        .collect()
}

#[test]
fn the_example_portal_builds_cleanly_and_reproducibly() {
    let t = example();
    let now = "2026-11-26T12:00:00+01:00";
    let run = t.run(&["build", "--strict", "--now", now]);
    run.assert_code(0);
    assert_eq!(run.stderr, "", "no diagnostics at all");
    let first = tree(&t);
    assert!(first.len() > 60, "a real site: {} files", first.len());
    t.run(&["build", "--strict", "--now", now]).assert_code(0);
    let second = tree(&t);
    assert_eq!(first.len(), second.len());
    for ((name, a), (_, b)) in first.iter().zip(&second) {
        assert!(a == b, "{name} differs between two builds");
    }
    // The example shows every status of notice for its date.
    let list = t.main("driftinformation/index.html");
    for status in ["status-ongoing", "status-upcoming"] {
        assert!(list.contains(status), "no {status} notice");
    }
    let archive = &list[list.find("id=\"drift-arkiv\"").expect("an archive")..];
    assert!(
        !common::elements(archive, "li").is_empty(),
        "no ended notice in the archive"
    );
}

/// The tags of a page, as `(name, attribute text)`, lower-cased names; good enough for
/// pages whose attribute values escape `>`.
fn tags(html: &str) -> Vec<(String, &str)> {
    html.split('<')
        .skip(1)
        .filter_map(|t| {
            let t = t.split('>').next()?;
            let name: String = t
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric())
                .collect();
            (!name.is_empty()).then(|| (name.to_ascii_lowercase(), &t[name.len()..]))
        })
        .collect()
}

/// Every page carries the Content-Security-Policy, first in `<head>` after the charset,
/// and nothing the default theme writes needs what the policy forbids: inline script or
/// style, style attributes, event-handler attributes (SPEC §6 "Safe"). The e2e suite
/// proves the same in a browser under the header.
#[test]
fn every_page_carries_the_policy_and_needs_nothing_it_forbids() {
    let t = example();
    t.run(&["build", "--strict", "--now", "2026-11-26T12:00:00+01:00"])
        .assert_code(0);
    let meta = format!(
        "<meta charset=\"utf-8\">\n<meta http-equiv=\"Content-Security-Policy\" content=\"{}\">\n",
        infoportal::util::csp::META_POLICY.replace('\'', "&#39;")
    );
    let pages: Vec<String> = t
        .output_files()
        .into_iter()
        .filter(|f| f.ends_with(".html"))
        .collect();
    assert!(pages.len() > 50, "{} pages", pages.len());
    for page in &pages {
        let html = t.read(page);
        let head = html.find("<head>\n").expect("a head") + "<head>\n".len();
        assert!(
            html[head..].starts_with(&meta),
            "{page}: the head does not open with the charset and the policy"
        );
        assert_eq!(html.matches("Content-Security-Policy").count(), 1, "{page}");
        for (name, attrs) in tags(&html) {
            let what = format!("{page}: <{name}{attrs}>");
            assert!(name != "style", "inline style element in {what}");
            assert!(
                name != "script" || attrs.contains(" src=\""),
                "inline script in {what}"
            );
            for attr in attrs.split_ascii_whitespace() {
                let Some((attr, _)) = attr.split_once('=') else {
                    continue;
                };
                let attr = attr.to_ascii_lowercase();
                assert!(attr != "style", "style attribute in {what}");
                let handler =
                    attr.starts_with("on") && attr.bytes().all(|b| b.is_ascii_lowercase());
                assert!(!handler, "event handler in {what}");
            }
        }
    }
}
