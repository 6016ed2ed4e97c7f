//! Reading `content/personuppgifter.yaml` into a [`DataList`], with every problem at its
//! line: duplicate ids, bad organisation numbers, periods that end before they start and
//! missing names.

use std::collections::HashMap;

use serde::Deserialize;

use crate::datalist::{DataList, DataType, Provider, valid_org_number};
use crate::diag::{Diagnostic, Diagnostics, Location};
use crate::frontmatter::{self, parse_date};
use crate::source::SourceFile;
use crate::yaml::{self, Step};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawList {
    title: Option<String>,
    description: Option<String>,
    introduction: Option<String>,
    providers: Vec<RawProvider>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawProvider {
    id: Option<String>,
    name: Option<String>,
    org_number: Option<String>,
    data_types: Option<Vec<RawDataType>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDataType {
    id: Option<String>,
    name: Option<String>,
    description: Option<String>,
    since: Option<String>,
    until: Option<String>,
}

/// Parses the list; every problem is a diagnostic, and the list is `None` if any is an
/// error.
pub(super) fn parse_data_list(file: &SourceFile) -> (Option<DataList>, Diagnostics) {
    let mut diags = Diagnostics::new();
    let raw: RawList = match frontmatter::parse_yaml(file, &file.text, 1) {
        Ok(raw) => raw,
        Err(d) => {
            diags.push(d);
            return (None, diags);
        }
    };
    let at = |path: &[Step<'_>]| {
        let (line, col) = yaml::locate_path(&file.text, path).unwrap_or((1, 1));
        Location::new(file.rel_path.clone(), line, col)
    };
    let mut ids: HashMap<String, Location> = HashMap::new();
    let mut check_id = |id: &str, location: Location, diags: &mut Diagnostics| {
        if let Some(first) = ids.get(id) {
            diags.push(
                Diagnostic::error("E0701", format!("id `{id}` is used twice"))
                    .at(location)
                    .note(format!("first used at line {}", first.line))
                    .hint("every provider and data type needs its own id"),
            );
        } else {
            ids.insert(id.to_string(), location);
        }
    };
    let mut providers = Vec::with_capacity(raw.providers.len());
    for (p, rp) in raw.providers.into_iter().enumerate() {
        let here = |key| at(&[Step::Key("providers"), Step::Index(p), Step::Key(key)]);
        let item = at(&[Step::Key("providers"), Step::Index(p)]);
        let id = required(rp.id, "provider", "id", item.clone(), &mut diags);
        let name = required(rp.name, "provider", "name", item.clone(), &mut diags);
        if let Some(id) = &id {
            check_id(id, here("id"), &mut diags);
        }
        let org_number = required(rp.org_number, "provider", "org_number", item, &mut diags);
        if let Some(number) = &org_number
            && let Err(why) = valid_org_number(number.trim())
        {
            diags.push(
                Diagnostic::error("E0702", format!("organisation number `{number}` {why}"))
                    .at(here("org_number"))
                    .hint(
                        "copy the number from the organisation's own documents, e.g. `202100-5521`",
                    ),
            );
        }
        let mut data_types = Vec::new();
        for (t, rt) in rp.data_types.unwrap_or_default().into_iter().enumerate() {
            let path = [
                Step::Key("providers"),
                Step::Index(p),
                Step::Key("data_types"),
                Step::Index(t),
            ];
            let item = at(&path);
            let field = |key| {
                let mut full = path.to_vec();
                full.push(Step::Key(key));
                at(&full)
            };
            let tid = required(rt.id, "data type", "id", item.clone(), &mut diags);
            let tname = required(rt.name, "data type", "name", item.clone(), &mut diags);
            if let Some(tid) = &tid {
                check_id(tid, field("id"), &mut diags);
            }
            let since = required(rt.since, "data type", "since", item.clone(), &mut diags)
                .and_then(|s| date(&s, "since", field("since"), &mut diags));
            let until = rt
                .until
                .and_then(|s| date(&s, "until", field("until"), &mut diags));
            if let (Some(since), Some(until)) = (since, until)
                && until < since
            {
                diags.push(
                    Diagnostic::error("E0703", format!("`until` ({until}) is before `since` ({since})"))
                        .at(field("until"))
                        .hint("`until` is the last date the data type is supplied; it cannot be before `since`"),
                );
            }
            if let (Some(id), Some(name), Some(since)) = (tid, tname, since) {
                data_types.push(DataType {
                    id,
                    name,
                    description: rt.description.unwrap_or_default().trim().to_string(),
                    since,
                    until,
                });
            }
        }
        if let (Some(id), Some(name), Some(org_number)) = (id, name, org_number) {
            providers.push(Provider {
                id,
                name,
                org_number: org_number.trim().to_string(),
                data_types,
            });
        }
    }
    if diags.has_errors() {
        return (None, diags);
    }
    let introduction = raw
        .introduction
        .unwrap_or_default()
        .split("\n\n")
        .map(crate::source::collapse_whitespace)
        .filter(|p| !p.is_empty())
        .collect();
    let list = DataList {
        title: raw
            .title
            .unwrap_or_else(|| "Personuppgifter som lämnas".to_string()),
        description: raw.description,
        introduction,
        providers,
    };
    (Some(list), diags)
}

fn required(
    value: Option<String>,
    what: &str,
    key: &str,
    location: Location,
    diags: &mut Diagnostics,
) -> Option<String> {
    match value
        .map(|v| v.trim().to_string())
        .filter(|v| !v.is_empty())
    {
        Some(v) => Some(v),
        None => {
            diags.push(
                Diagnostic::error("E0103", format!("the {what} has no `{key}`"))
                    .at(location)
                    .hint(format!("add `{key}:` to this {what}")),
            );
            None
        }
    }
}

fn date(
    text: &str,
    key: &str,
    location: Location,
    diags: &mut Diagnostics,
) -> Option<crate::model::Date> {
    let parsed = parse_date(text.trim());
    if parsed.is_none() {
        diags.push(
            Diagnostic::error("E0105", format!("`{key}` is not a valid date: `{text}`"))
                .at(location)
                .hint("write dates as YYYY-MM-DD, e.g. `2021-07-01`"),
        );
    }
    parsed
}
