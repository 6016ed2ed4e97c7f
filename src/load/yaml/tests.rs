//! Tests of the YAML reader: the pre-scan's limits, errors classified and placed, and
//! nodes located by path.

use super::scan::{MAX_ALIAS_BYTES, check_shape};
use super::*;
use serde::Deserialize;

fn parse<T: DeserializeOwned>(yaml: &str) -> Result<T, YamlError> {
    super::parse(yaml, 1 << 20)
}

/// The problem [`check_shape`] finds: its kind and 1-based line and column.
fn shape(yaml: &str) -> Option<(YamlErrorKind, u32, u32)> {
    check_shape(yaml).err().map(|e| (e.kind, e.line, e.col))
}

#[test]
fn deep_nesting_is_refused_where_it_gets_too_deep() {
    let at_limit = format!(
        "a: {}{}\n",
        "[".repeat(MAX_DEPTH - 1),
        "]".repeat(MAX_DEPTH - 1)
    );
    assert_eq!(shape(&at_limit), None);
    let flow = format!("title: A\nb: {}x{}\n", "[".repeat(100), "]".repeat(100));
    assert_eq!(shape(&flow), Some((YamlErrorKind::TooDeep, 2, 4 + 63)));
    let maps = format!("b: {}x{}\n", "{a: ".repeat(100), "}".repeat(100));
    assert_eq!(shape(&maps), Some((YamlErrorKind::TooDeep, 1, 4 + 4 * 63)));
    let dashes = format!("title: A\nb:\n  {}x\n", "- ".repeat(100));
    assert_eq!(
        shape(&dashes),
        Some((YamlErrorKind::TooDeep, 3, 3 + 2 * 63))
    );
    let mut indented = String::new();
    for depth in 0..70 {
        indented.push_str(&" ".repeat(depth));
        indented.push_str("a:\n");
    }
    assert_eq!(shape(&indented), Some((YamlErrorKind::TooDeep, 65, 65)));
    // A flow collection spread over lines is one collection.
    let spread = format!("b: [\n{}]\n", "  [x],\n".repeat(200));
    assert_eq!(shape(&spread), None);
}

#[test]
fn brackets_and_dashes_in_text_are_not_nesting() {
    let deep = "[".repeat(200);
    let dashes = "- ".repeat(200);
    for yaml in [
        format!("title: \"{deep}\"\n"),
        format!("title: '{deep} it''s'\n"),
        format!("title: Avtal {deep}\n"),
        format!("title: A # {deep}\n"),
        format!("intro: |\n  {deep}\n  {dashes}x\nnext: 1\n"),
        format!("- intro: >-\n    {deep}\n  next: [a, b]\n"),
        format!("title: \"over\n  lines {deep}\"\n"),
        format!("description: Avtal\n  {dashes}x\n  {deep}\n"),
        format!("list: [\"{deep}\", 'a{deep}']\n"),
    ] {
        assert_eq!(shape(&yaml), None, "{yaml}");
    }
}

#[test]
fn quotes_inside_plain_text_cannot_hide_nesting() {
    let deep = format!("{}x{}", "[".repeat(100), "]".repeat(100));
    for yaml in [
        format!("title: Bolagets 'x\nb: {deep}\n"),
        format!("title: a\n  'continued\nb: {deep}\n"),
        format!("b: [a:\"b, {deep}]\n"),
        format!("b: [a\"b, {deep}]\n"),
    ] {
        assert!(
            matches!(shape(&yaml), Some((YamlErrorKind::TooDeep, _, _))),
            "{yaml}"
        );
    }
}

#[test]
fn aliases_are_limited_by_the_size_they_could_reach() {
    assert_eq!(shape("a: &x long text\nb: *x\nc: [*x, *x]\n"), None);
    let value = "x".repeat(1 << 20);
    let many = format!("a: &v {value}\nb: [{}]\n", vec!["*v"; 100].join(", "));
    let limit = MAX_ALIAS_BYTES / many.len();
    assert_eq!(
        shape(&many),
        Some((
            YamlErrorKind::TooManyAliases { limit },
            2,
            5 + 4 * limit as u32
        ))
    );
}

#[test]
fn too_large_is_refused_before_parsing() {
    let err = super::parse::<Front>("title: A\n", 5).unwrap_err();
    assert_eq!(err.kind, YamlErrorKind::TooLarge { size: 9, limit: 5 });
}

#[test]
fn locates_nested_paths() {
    let yaml = "title: Lista\nproviders:\n  - id: fk\n    name: FK\n    data_types:\n      - id: a\n        name: A\n      - id: b\n        since: 2020-01-01\n  - id: csn\n    org_number: 1\n";
    use Step::*;
    assert_eq!(
        locate_path(yaml, &[Key("providers"), Index(1), Key("org_number")]),
        Some((11, 5))
    );
    assert_eq!(
        locate_path(
            yaml,
            &[
                Key("providers"),
                Index(0),
                Key("data_types"),
                Index(1),
                Key("since")
            ]
        ),
        Some((9, 9))
    );
    assert_eq!(
        locate_path(
            yaml,
            &[Key("providers"), Index(0), Key("data_types"), Index(1)]
        ),
        Some((8, 9))
    );
    assert_eq!(
        locate_path(yaml, &[Key("providers"), Index(0), Key("id")]),
        Some((3, 5))
    );
    // A missing key stops at the deepest node found.
    assert_eq!(
        locate_path(yaml, &[Key("providers"), Index(1), Key("name")]),
        Some((10, 5))
    );
    let flat = "providers:\n- id: x\n  name: X\n- id: y\n";
    assert_eq!(
        locate_path(flat, &[Key("providers"), Index(1), Key("id")]),
        Some((4, 3))
    );
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct Front {
    title: String,
    weight: Option<i64>,
    version: Option<String>,
}

#[test]
fn unknown_key_names_the_key_and_the_alternatives() {
    let err = parse::<Front>("title: A\ntitel: B\n").unwrap_err();
    assert_eq!((err.line, err.col), (2, 1));
    assert_eq!(
        err.kind,
        YamlErrorKind::UnknownKey {
            path: None,
            key: "titel".into(),
            expected: vec!["title".into(), "weight".into(), "version".into()],
        }
    );
}

#[test]
fn missing_key_in_empty_yaml() {
    let err = parse::<Front>("").unwrap_err();
    assert_eq!(
        err.kind,
        YamlErrorKind::MissingKey {
            path: None,
            key: "title".into()
        }
    );
}

#[test]
fn wrong_type_keeps_position_and_drops_serde_suffix() {
    let err = parse::<Front>("title: A\nweight: abc\n").unwrap_err();
    assert_eq!((err.line, err.col), (2, 9));
    let YamlErrorKind::WrongKind {
        path,
        found,
        value,
        expected,
        ..
    } = err.kind
    else {
        panic!("expected WrongKind, got {:?}", err.kind)
    };
    assert_eq!(path.as_deref(), Some("weight"));
    assert_eq!(
        (found, value.as_str(), expected),
        ("text", "abc", "integer")
    );
}

#[test]
fn duplicate_key_points_at_second_occurrence() {
    let err = parse::<Front>("title: A\nweight: 1\ntitle: B\n").unwrap_err();
    assert_eq!(
        err.kind,
        YamlErrorKind::DuplicateKey {
            path: None,
            key: "title".into()
        }
    );
    assert_eq!((err.line, err.col), (3, 1));
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct Settings {
    title: String,
    menu: Vec<Item>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct Item {
    path: String,
    title: Option<String>,
}

#[test]
fn nested_key_errors_carry_their_path_and_place() {
    let err = parse::<Settings>("title: A\nmenu:\n  - path: /\n    titel: Hem\n").unwrap_err();
    assert_eq!((err.line, err.col), (4, 5));
    assert_eq!(
        err.kind,
        YamlErrorKind::UnknownKey {
            path: Some("menu[0]".into()),
            key: "titel".into(),
            expected: vec!["path".into(), "title".into()],
        }
    );
    let err = parse::<Settings>("title: A\nmenu:\n  - path: /\n  - title: B\n").unwrap_err();
    assert_eq!((err.line, err.col), (4, 5));
    assert_eq!(
        err.kind,
        YamlErrorKind::MissingKey {
            path: Some("menu[1]".into()),
            key: "path".into()
        }
    );
    let err = parse::<Settings>("title: A\nmenu:\n  - path: /\n    title: B\n    title: C\n")
        .unwrap_err();
    assert_eq!((err.line, err.col), (5, 5));
    assert_eq!(
        err.kind,
        YamlErrorKind::DuplicateKey {
            path: Some("menu[0]".into()),
            key: "title".into()
        }
    );
    let err = parse::<Settings>("title: A\nmenu:\n  - path: [a]\n").unwrap_err();
    assert_eq!((err.line, err.col), (3, 11));
    assert!(
        matches!(&err.kind, YamlErrorKind::WrongKind { path: Some(p), .. } if p == "menu[0].path"),
        "{:?}",
        err.kind
    );
}

#[test]
fn splits_serde_paths() {
    use Step::*;
    assert_eq!(
        steps("providers[0].data_types[12]"),
        [Key("providers"), Index(0), Key("data_types"), Index(12)]
    );
    assert_eq!(steps("menu"), [Key("menu")]);
    assert_eq!(
        split_path("a: b: unknown field `x`"),
        (Some("a: b"), "unknown field `x`")
    );
    assert_eq!(
        split_path("mapping values are not allowed in this context"),
        (None, "mapping values are not allowed in this context")
    );
}

#[test]
fn unquoted_version_keeps_its_text() {
    let f: Front = parse("title: A\nversion: 1.10\n").unwrap();
    assert_eq!(f.version.as_deref(), Some("1.10"));
}

#[test]
fn locates_block_and_flow_list_items() {
    use Step::*;
    let yaml = "title: A\ndocuments:\n  - a\n  # comment\n  - bb\nnext: 1\n";
    assert_eq!(
        locate_path(yaml, &[Key("documents"), Index(0)]),
        Some((3, 5))
    );
    assert_eq!(
        locate_path(yaml, &[Key("documents"), Index(1)]),
        Some((5, 5))
    );
    let flow = "documents: [a, bb, c]\n";
    assert_eq!(
        locate_path(flow, &[Key("documents"), Index(1)]),
        Some((1, 16))
    );
    assert_eq!(
        locate_path(flow, &[Key("documents"), Index(0)]),
        Some((1, 13))
    );
    // An index past the end stops at the key.
    assert_eq!(
        locate_path(flow, &[Key("documents"), Index(5)]),
        Some((1, 1))
    );
    assert_eq!(locate_path(yaml, &[Key("next")]), Some((6, 1)));
}

#[test]
fn one_locator_answers_like_a_fresh_walk_in_any_order() {
    use Step::*;
    let yaml = "providers:\n  - id: a\n    data_types:\n      - id: t0\n      - id: t1\n        name: T\n  - id: b\n    data_types: [x, y]\nmenu:\n- path: /\n";
    let paths: Vec<Vec<Step<'_>>> = vec![
        vec![Key("providers"), Index(1), Key("data_types"), Index(1)],
        vec![
            Key("providers"),
            Index(0),
            Key("data_types"),
            Index(1),
            Key("name"),
        ],
        vec![
            Key("providers"),
            Index(0),
            Key("data_types"),
            Index(0),
            Key("name"),
        ],
        vec![Key("providers"), Index(1), Key("id")],
        vec![Key("providers"), Index(2)],
        vec![Key("menu"), Index(0), Key("path")],
        vec![Key("providers"), Index(0), Key("data_types"), Index(1)],
    ];
    let locator = Locator::new(yaml);
    let shared: Vec<_> = paths.iter().map(|p| locator.locate(p)).collect();
    let fresh: Vec<_> = paths.iter().map(|p| locate_path(yaml, p)).collect();
    assert_eq!(shared, fresh);
    assert_eq!(
        shared,
        [
            Some((8, 21)),
            Some((6, 9)),
            Some((4, 9)),
            Some((7, 5)),
            Some((1, 1)),
            Some((10, 3)),
            Some((5, 9))
        ]
    );
}

#[test]
fn locates_items_that_are_mappings() {
    use Step::*;
    let yaml = "menu:\n  - path: /a/\n    title: A\n  - path: /b/\nfooter:\n- x\n";
    assert_eq!(locate_path(yaml, &[Key("menu"), Index(1)]), Some((4, 5)));
    assert_eq!(locate_path(yaml, &[Key("footer"), Index(0)]), Some((6, 3)));
}

#[test]
fn locates_quoted_keys_and_repeated_keys() {
    use Step::*;
    let yaml = "\"title\": A\nmenu:\n  - path: /a/\n    'title': A\n    title: B\n";
    assert_eq!(locate_path(yaml, &[Key("title")]), Some((1, 1)));
    assert_eq!(
        locate_path(yaml, &[Key("menu"), Index(0), Key("title")]),
        Some((4, 5))
    );
    assert_eq!(
        locate_nth_key(yaml, &[Key("menu"), Index(0)], "title", 1),
        Some((5, 5))
    );
    assert_eq!(
        locate_nth_key(yaml, &[Key("menu"), Index(3)], "title", 1),
        None
    );
    assert!(is_key_line("'draft' : true", "draft"));
    assert!(!is_key_line("drafts: true", "draft"));
    assert!(!is_key_line("\"draft': true", "draft"));
}

/// The syntax errors editors make most, each read as its kind from libyaml's words (a
/// new serde_yaml or libyaml wording would turn one into `other` and fail here).
#[test]
fn syntax_errors_are_read_as_kinds() {
    let cases = [
        ("title: Avtal: bilaga 1\n", "colon"),
        ("title: A\n  weight: 1\n", "colon"),
        ("title: \"Avtal\nweight: 1\n", "quote"),
        ("title: A\nversion: [1, 2\n", "bracket"),
        ("title: @A\n", "reserved"),
        ("title: A\n\tweight: 1\n", "tab"),
        ("title: *A\n", "alias"),
        ("- a\nb: 1\n", "indent"),
    ];
    for (yaml, kind) in cases {
        let err = parse::<serde_yaml::Value>(yaml).unwrap_err();
        let YamlErrorKind::Other { problem, message } = &err.kind else {
            panic!("{yaml:?}: expected a syntax error, got {:?}", err.kind)
        };
        assert_eq!(*problem, kind, "{yaml:?}: {message}");
    }
    assert_eq!(syntax_kind("something new"), "other");
}
