//! Reading `content/personuppgifter.yaml` into a [`DataList`], with every problem at its
//! line: duplicate ids, bad organisation numbers, periods that end before they start and
//! missing names.

use std::collections::HashMap;

use serde::Deserialize;

use crate::load::frontmatter::{self, YamlSource};
use crate::load::yaml::Step;
use crate::model::datalist::{DataList, DataType, OrgNumberError, Provider, valid_org_number};
use crate::model::time::Date;
use crate::util::diag::{Diagnostic, Diagnostics, Location};
use crate::util::i18n::msg;
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
    let yaml = YamlSource::whole_file(file);
    let raw: RawList = match yaml.parse() {
        Ok(raw) => raw,
        Err(d) => {
            let mut diags = Diagnostics::new();
            diags.push(d);
            return (None, diags);
        }
    };
    let mut reader = Reader {
        yaml: &yaml,
        diags: Diagnostics::new(),
        ids: HashMap::new(),
    };
    let providers: Vec<Provider> = (raw.providers.into_iter().enumerate())
        .filter_map(|(p, rp)| reader.provider(p, rp))
        .collect();
    let diags = reader.diags;
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

/// Types the entries of one list, collecting their problems.
struct Reader<'a> {
    yaml: &'a YamlSource<'a>,
    diags: Diagnostics,
    /// The entry that first used each id, located only if the id comes again.
    ids: HashMap<String, Entry>,
}

impl Reader<'_> {
    /// Provider `p`; `None` when it lacks a required value.
    fn provider(&mut self, p: usize, rp: RawProvider) -> Option<Provider> {
        let entry = Entry {
            provider: p,
            data_type: None,
        };
        let yaml = self.yaml;
        let at = |key| entry.locate(yaml, key);
        let id = required(rp.id, "provider", "id", || at(None), &mut self.diags);
        let name = required(rp.name, "provider", "name", || at(None), &mut self.diags);
        if let Some(id) = &id {
            self.check_id(id, entry);
        }
        let org_number = required(
            rp.org_number,
            "provider",
            "org_number",
            || at(None),
            &mut self.diags,
        );
        if let Some(number) = &org_number
            && let Err(why) = valid_org_number(number)
        {
            let problem = match why {
                OrgNumberError::Shape => "shape",
                OrgNumberError::CheckDigit => "check-digit",
            };
            let message = msg!("e0702-bad-org-number", number = number, problem = problem);
            self.diags
                .push(Diagnostic::error("E0702", message).at(at(Some("org_number"))));
        }
        let data_types = (rp.data_types.unwrap_or_default().into_iter().enumerate())
            .filter_map(|(t, rt)| self.data_type(p, t, rt))
            .collect();
        Some(Provider {
            id: id?,
            name: name?,
            org_number: org_number?,
            data_types,
        })
    }

    /// Data type `t` of provider `p`; `None` when it lacks a required value.
    fn data_type(&mut self, p: usize, t: usize, rt: RawDataType) -> Option<DataType> {
        let entry = Entry {
            provider: p,
            data_type: Some(t),
        };
        let yaml = self.yaml;
        let diags = &mut self.diags;
        let at = |key| entry.locate(yaml, key);
        let id = required(rt.id, "data-type", "id", || at(None), diags);
        let name = required(rt.name, "data-type", "name", || at(None), diags);
        let since = required(rt.since, "data-type", "since", || at(None), diags)
            .and_then(|s| date(&s, "since", || at(Some("since")), diags));
        let until = rt
            .until
            .and_then(|s| date(&s, "until", || at(Some("until")), diags));
        if let (Some(since), Some(until)) = (since, until)
            && until < since
        {
            let message = msg!(
                "e0703-until-before-since",
                until = until.to_string(),
                since = since.to_string(),
            );
            diags.push(Diagnostic::error("E0703", message).at(at(Some("until"))));
        }
        if let Some(id) = &id {
            self.check_id(id, entry);
        }
        Some(DataType {
            id: id?,
            name: name?,
            description: rt.description.unwrap_or_default().trim().to_string(),
            since: since?,
            until,
        })
    }

    /// E0701: ids are unique across providers and data types.
    fn check_id(&mut self, id: &str, entry: Entry) {
        if let Some(first) = self.ids.get(id) {
            let line = first.locate(self.yaml, Some("id")).line;
            let message = msg!("e0701-id-used-twice", id = id, line = line);
            self.diags
                .push(Diagnostic::error("E0701", message).at(entry.locate(self.yaml, Some("id"))));
        } else {
            self.ids.insert(id.to_string(), entry);
        }
    }
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

/// A required text value, trimmed, or an error at the entry that lacks it; `entry` is
/// `provider` or `data-type`, as the message selects on it.
fn required(
    value: Option<String>,
    entry: &'static str,
    key: &str,
    at: impl FnOnce() -> Location,
    diags: &mut Diagnostics,
) -> Option<String> {
    let value = frontmatter::optional_text(value);
    if value.is_none() {
        let message = msg!("e0103-entry-without-key", entry = entry, key = key);
        diags.push(Diagnostic::error("E0103", message).at(at()));
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
