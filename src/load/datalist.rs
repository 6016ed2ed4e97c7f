//! Reading `content/personuppgifter.yaml` into a [`DataList`], with every problem at its
//! line: duplicate ids, bad organisation numbers, periods that end before they start and
//! missing names.

use std::collections::HashMap;

use serde::Deserialize;

use crate::load::frontmatter::{self, YamlSource};
use crate::load::yaml::Step;
use crate::model::datalist::{DataList, DataType, Provider, valid_org_number};
use crate::model::time::Date;
use crate::util::diag::{Diagnostic, Diagnostics, Location};
use crate::util::source::SourceFile;

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
    let yaml = YamlSource::whole_file(file);
    let raw: RawList = match yaml.parse() {
        Ok(raw) => raw,
        Err(d) => {
            diags.push(d);
            return (None, diags);
        }
    };
    // The entry that first used each id, located only if the id comes again.
    let mut ids: HashMap<String, Entry> = HashMap::new();
    let mut check_id = |id: &str, entry: Entry, diags: &mut Diagnostics| {
        if let Some(first) = ids.get(id) {
            diags.push(
                Diagnostic::error("E0701", format!("id `{id}` is used twice"))
                    .at(entry.locate(&yaml, Some("id")))
                    .note(format!(
                        "first used at line {}",
                        first.locate(&yaml, Some("id")).line
                    ))
                    .hint("every provider and data type needs its own id"),
            );
        } else {
            ids.insert(id.to_string(), entry);
        }
    };
    let mut providers = Vec::with_capacity(raw.providers.len());
    for (p, rp) in raw.providers.into_iter().enumerate() {
        let provider = Entry {
            provider: p,
            data_type: None,
        };
        let at = |key| provider.locate(&yaml, key);
        let id = required(rp.id, "provider", "id", || at(None), &mut diags);
        let name = required(rp.name, "provider", "name", || at(None), &mut diags);
        if let Some(id) = &id {
            check_id(id, provider, &mut diags);
        }
        let org_number = required(
            rp.org_number,
            "provider",
            "org_number",
            || at(None),
            &mut diags,
        );
        if let Some(number) = &org_number
            && let Err(why) = valid_org_number(number)
        {
            diags.push(
                Diagnostic::error("E0702", format!("organisation number `{number}` {why}"))
                    .at(at(Some("org_number")))
                    .hint(
                        "copy the number from the organisation's own documents, e.g. `202100-5521`",
                    ),
            );
        }
        let mut data_types = Vec::new();
        for (t, rt) in rp.data_types.unwrap_or_default().into_iter().enumerate() {
            let data_type = Entry {
                provider: p,
                data_type: Some(t),
            };
            let at = |key| data_type.locate(&yaml, key);
            let tid = required(rt.id, "data type", "id", || at(None), &mut diags);
            let tname = required(rt.name, "data type", "name", || at(None), &mut diags);
            if let Some(tid) = &tid {
                check_id(tid, data_type, &mut diags);
            }
            let since = required(rt.since, "data type", "since", || at(None), &mut diags)
                .and_then(|s| date(&s, "since", || at(Some("since")), &mut diags));
            let until = rt
                .until
                .and_then(|s| date(&s, "until", || at(Some("until")), &mut diags));
            if let (Some(since), Some(until)) = (since, until)
                && until < since
            {
                diags.push(
                    Diagnostic::error("E0703", format!("`until` ({until}) is before `since` ({since})"))
                        .at(at(Some("until")))
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
                org_number,
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
        .map(crate::util::source::collapse_whitespace)
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

/// A provider, or one of its data types, by its place in the list.
#[derive(Debug, Clone, Copy)]
struct Entry {
    provider: usize,
    data_type: Option<usize>,
}

impl Entry {
    /// Where the entry is written, or its `key` if given: worked out only for a
    /// diagnostic, since it walks the file.
    fn locate(self, yaml: &YamlSource<'_>, key: Option<&str>) -> Location {
        let mut path = vec![Step::Key("providers"), Step::Index(self.provider)];
        if let Some(t) = self.data_type {
            path.extend([Step::Key("data_types"), Step::Index(t)]);
        }
        path.extend(key.map(Step::Key));
        yaml.at(&path)
    }
}

/// A required text value, trimmed, or an error at the entry that lacks it.
fn required(
    value: Option<String>,
    what: &str,
    key: &str,
    at: impl FnOnce() -> Location,
    diags: &mut Diagnostics,
) -> Option<String> {
    let value = frontmatter::optional_text(value);
    if value.is_none() {
        diags.push(
            Diagnostic::error("E0103", format!("the {what} has no `{key}`"))
                .at(at())
                .hint(format!("add `{key}:` to this {what}")),
        );
    }
    value
}

fn date(
    text: &str,
    key: &str,
    at: impl FnOnce() -> Location,
    diags: &mut Diagnostics,
) -> Option<Date> {
    frontmatter::date_value(key, text, at)
        .map_err(|d| diags.push(d))
        .ok()
}
