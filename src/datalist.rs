//! The list of personal-data types (SPEC §4.5): which data each data provider supplies to
//! the municipalities, published as a page, `personuppgifter.json` and
//! `personuppgifter.csv`.

use serde::Serialize;

use crate::model::Date;

/// The source file of the list.
pub const DATA_LIST_FILE: &str = "content/personuppgifter.yaml";
/// The site path of the page.
pub const DATA_LIST_PATH: &str = "/personuppgifter/";
/// The JSON file.
pub const JSON_PATH: &str = "/personuppgifter.json";
/// The CSV file.
pub const CSV_PATH: &str = "/personuppgifter.csv";

/// The whole list.
#[derive(Debug, Clone, Serialize)]
pub struct DataList {
    /// The page title.
    pub title: String,
    /// The meta description.
    pub description: Option<String>,
    /// Introductory paragraphs (plain text).
    pub introduction: Vec<String>,
    /// The data providers, in the order written.
    pub providers: Vec<Provider>,
}

/// A data provider (uppgiftslämnare).
#[derive(Debug, Clone, Serialize)]
pub struct Provider {
    /// A stable id, e.g. `fk`.
    pub id: String,
    /// The name, e.g. `Försäkringskassan`.
    pub name: String,
    /// Organisation number, `NNNNNN-NNNN`.
    pub org_number: String,
    /// The data types the provider supplies.
    pub data_types: Vec<DataType>,
}

/// A type of personal data.
#[derive(Debug, Clone, Serialize)]
pub struct DataType {
    /// A stable id, unique in the list.
    pub id: String,
    /// The name.
    pub name: String,
    /// What it contains.
    pub description: String,
    /// Supplied since.
    #[serde(serialize_with = "date_string")]
    pub since: Date,
    /// Supplied until (no longer supplied after).
    #[serde(serialize_with = "optional_date_string")]
    pub until: Option<Date>,
}

fn date_string<S: serde::Serializer>(date: &Date, s: S) -> Result<S::Ok, S::Error> {
    s.collect_str(date)
}

fn optional_date_string<S: serde::Serializer>(
    date: &Option<Date>,
    s: S,
) -> Result<S::Ok, S::Error> {
    match date {
        Some(d) => s.collect_str(d),
        None => s.serialize_none(),
    }
}

/// Whether a Swedish organisation number is well formed: `NNNNNN-NNNN` with a valid
/// Luhn check digit.
pub fn valid_org_number(text: &str) -> Result<(), &'static str> {
    let bytes = text.as_bytes();
    let shape = bytes.len() == 11
        && bytes[6] == b'-'
        && bytes
            .iter()
            .enumerate()
            .all(|(i, b)| i == 6 || b.is_ascii_digit());
    if !shape {
        return Err("must be written NNNNNN-NNNN, ten digits with a hyphen after the sixth");
    }
    let digits: Vec<u32> = text
        .bytes()
        .filter(u8::is_ascii_digit)
        .map(|b| u32::from(b - b'0'))
        .collect();
    let sum: u32 = digits
        .iter()
        .enumerate()
        .map(|(i, &d)| {
            if i % 2 == 0 {
                let x = d * 2;
                x / 10 + x % 10
            } else {
                d
            }
        })
        .sum();
    if sum.is_multiple_of(10) {
        Ok(())
    } else {
        Err("its check digit (the last digit) does not match")
    }
}

/// The list as JSON (see `docs/personuppgifter.md` for the shape).
pub fn to_json(list: &DataList, generated_for: Date) -> Vec<u8> {
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
pub fn to_csv(list: &DataList) -> String {
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
    fn organisation_numbers() {
        assert!(valid_org_number("202100-5521").is_ok(), "Försäkringskassan");
        assert!(valid_org_number("222000-0315").is_ok(), "SKR");
        assert!(valid_org_number("202100-5522").is_err());
        assert!(valid_org_number("2021005521").is_err());
        assert!(valid_org_number("20210-05521").is_err());
    }

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
