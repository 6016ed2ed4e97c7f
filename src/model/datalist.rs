//! The list of personal-data types (SPEC §4.5): which data each data provider supplies to
//! the municipalities.
//!
//! Plain data: it is shown as a page (the theme sees it through `Serialize`) and exported
//! as JSON and CSV by `emit`.

use serde::Serialize;

use crate::model::time::Date;

/// The whole list.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct DataList {
    /// The page title.
    pub(crate) title: String,
    /// The meta description.
    pub(crate) description: Option<String>,
    /// Introductory paragraphs (plain text).
    pub(crate) introduction: Vec<String>,
    /// The data providers, in the order written.
    pub(crate) providers: Vec<Provider>,
}

/// A data provider (uppgiftslämnare).
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Provider {
    /// A stable id, e.g. `fk`.
    pub(crate) id: String,
    /// The name, e.g. `Försäkringskassan`.
    pub(crate) name: String,
    /// Organisation number, `NNNNNN-NNNN`.
    pub(crate) org_number: String,
    /// The data types the provider supplies.
    pub(crate) data_types: Vec<DataType>,
}

/// A type of personal data.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct DataType {
    /// A stable id, unique in the list.
    pub(crate) id: String,
    pub(crate) name: String,
    /// What it contains.
    pub(crate) description: String,
    /// Supplied since.
    #[serde(serialize_with = "date_string")]
    pub(crate) since: Date,
    /// Supplied until (no longer supplied after).
    #[serde(serialize_with = "optional_date_string")]
    pub(crate) until: Option<Date>,
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

/// What is wrong with an organisation number, for the message that says so.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum OrgNumberError {
    /// Not written `NNNNNN-NNNN`.
    Shape,
    /// The last digit is not the Luhn check digit of the others.
    CheckDigit,
}

/// Whether a Swedish organisation number is well formed: `NNNNNN-NNNN` with a valid
/// Luhn check digit.
pub(crate) fn valid_org_number(text: &str) -> Result<(), OrgNumberError> {
    let bytes = text.as_bytes();
    let shape = bytes.len() == 11
        && bytes[6] == b'-'
        && bytes
            .iter()
            .enumerate()
            .all(|(i, b)| i == 6 || b.is_ascii_digit());
    if !shape {
        return Err(OrgNumberError::Shape);
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
        Err(OrgNumberError::CheckDigit)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn organisation_numbers() {
        assert!(valid_org_number("202100-5521").is_ok(), "Försäkringskassan");
        assert!(valid_org_number("222000-0315").is_ok(), "SKR");
        let err = |text| valid_org_number(text).unwrap_err();
        assert_eq!(err("202100-5522"), OrgNumberError::CheckDigit);
        assert_eq!(err("2021005521"), OrgNumberError::Shape);
        assert_eq!(err("20210-05521"), OrgNumberError::Shape);
    }
}
