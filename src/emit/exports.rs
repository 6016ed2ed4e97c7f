//! The exports of the list of personal-data types (SPEC §4.5): `personuppgifter.json`
//! and `personuppgifter.csv`.

use serde::Serialize;

use crate::model::datalist::{DataList, Provider};
use crate::model::time::Date;

/// The list as JSON (see `docs/personuppgifter.md` for the shape).
pub(crate) fn to_json(list: &DataList, generated_for: Date) -> Vec<u8> {
    #[derive(Serialize)]
    struct Document<'a> {
        title: &'a str,
        date: String,
        providers: &'a [Provider],
    }
    let doc = Document {
        title: &list.title,
        date: generated_for.to_string(),
        providers: &list.providers,
    };
    let mut json = serde_json::to_vec_pretty(&doc).unwrap_or_default();
    json.push(b'\n');
    json
}

/// The list as CSV (RFC 4180): UTF-8, CRLF line ends, a header row, one row per data type.
pub(crate) fn to_csv(list: &DataList) -> String {
    let mut out = String::new();
    let header = [
        "uppgiftslamnare_id",
        "uppgiftslamnare",
        "organisationsnummer",
        "uppgift_id",
        "uppgift",
        "beskrivning",
        "fran",
        "till",
    ];
    push_row(&mut out, header.iter().map(|s| s.to_string()));
    for p in &list.providers {
        for t in &p.data_types {
            push_row(
                &mut out,
                [
                    p.id.clone(),
                    p.name.clone(),
                    p.org_number.clone(),
                    t.id.clone(),
                    t.name.clone(),
                    t.description.clone(),
                    t.since.to_string(),
                    t.until.map(|d| d.to_string()).unwrap_or_default(),
                ]
                .into_iter(),
            );
        }
    }
    out
}

fn push_row(out: &mut String, fields: impl Iterator<Item = String>) {
    for (i, field) in fields.enumerate() {
        if i > 0 {
            out.push(',');
        }
        // A spreadsheet runs a cell that starts with one of these as a formula
        // (`=HYPERLINK(…)`, `@SUM(…)`): OWASP's advice is a leading `'`, which
        // spreadsheets take as "text", in a quoted field. See: issue 10, item 6.
        let formula = field.starts_with(['=', '+', '-', '@', '\t', '\r']);
        if formula || field.contains([',', '"', '\n', '\r']) {
            out.push('"');
            if formula {
                out.push('\'');
            }
            out.push_str(&field.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(&field);
        }
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quotes_as_rfc_4180_says() {
        let mut out = String::new();
        push_row(
            &mut out,
            ["a".to_string(), "b, c".to_string(), "d \"e\"".to_string()].into_iter(),
        );
        assert_eq!(out, "a,\"b, c\",\"d \"\"e\"\"\"\r\n");
    }

    #[test]
    fn csv_cells_that_would_be_formulas_are_text() {
        let cells = [
            "=HYPERLINK(\"https://example.com\",\"x\")",
            "+46 8",
            "-1+1",
            "@SUM(A1)",
            "\tx",
            "\rx",
            "a=b",
            "2014-05-18",
        ];
        let mut out = String::new();
        push_row(&mut out, cells.iter().map(|c| c.to_string()));
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(out.as_bytes());
        let row = reader.records().next().unwrap().unwrap();
        let read: Vec<&str> = row.iter().collect();
        assert_eq!(
            read,
            [
                "'=HYPERLINK(\"https://example.com\",\"x\")",
                "'+46 8",
                "'-1+1",
                "'@SUM(A1)",
                "'\tx",
                "'\rx",
                "a=b",
                "2014-05-18"
            ]
        );
        assert!(out.starts_with("\"'=HYPERLINK(\"\"https:"), "{out}");
    }
}
