//! `portal.yaml` → [`Config`]: the raw serde shape, its validation, and the command-line
//! settings that override it.

use std::path::Path;

use anyhow::Result;
use serde::Deserialize;
use serde::de::IgnoredAny;

use crate::load::frontmatter::{YamlSource, optional_text};
use crate::load::walk::read_source;
use crate::model::config::{BaseUrl, Config, MenuItem};
use crate::model::paths::CONFIG_FILE;
use crate::util::diag::{Diagnostic, Diagnostics, Location};
use crate::util::i18n::{TextError, msg};
use crate::util::slug::is_slug;
use crate::util::source::SourceFile;
use crate::util::url::{ALLOWED_SCHEMES, url_scheme};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    title: String,
    base_url: String,
    language: Option<String>,
    description: Option<String>,
    theme: Option<String>,
    raw_html: Option<bool>,
    timezone: Option<String>,
    menu: Option<Vec<RawMenuItem>>,
    footer_menu: Option<Vec<RawMenuItem>>,
    publisher: Option<String>,
    contact: Option<String>,
    accessibility_statement: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMenuItem {
    path: String,
    title: Option<String>,
}

/// What `portal.yaml` holds at its top: settings (keys and values), or not.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Top {
    Settings,
    List,
    Value,
}

impl<'de> Deserialize<'de> for Top {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Top, D::Error> {
        deserializer.deserialize_any(TopVisitor)
    }
}

/// Reads only the kind of the top value, skipping what is in it.
struct TopVisitor;

impl<'de> serde::de::Visitor<'de> for TopVisitor {
    type Value = Top;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("settings")
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Top, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(Top::Settings)
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Top, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Top::List)
    }

    fn visit_bool<E>(self, _: bool) -> Result<Top, E> {
        Ok(Top::Value)
    }

    fn visit_i64<E>(self, _: i64) -> Result<Top, E> {
        Ok(Top::Value)
    }

    fn visit_u64<E>(self, _: u64) -> Result<Top, E> {
        Ok(Top::Value)
    }

    fn visit_f64<E>(self, _: f64) -> Result<Top, E> {
        Ok(Top::Value)
    }

    fn visit_str<E>(self, _: &str) -> Result<Top, E> {
        Ok(Top::Value)
    }

    fn visit_unit<E>(self) -> Result<Top, E> {
        Ok(Top::Value)
    }
}

/// E0104 for a `portal.yaml` that holds a list or a single value, at its first line
/// of YAML.
fn not_settings(file: &SourceFile, top: Top) -> Diagnostic {
    let line = file
        .text
        .lines()
        .position(|l| {
            let l = l.trim();
            !(l.is_empty() || l.starts_with('#') || l.starts_with('%') || l == "---")
        })
        .map_or(1, |i| i as u32 + 1);
    let top = if top == Top::List { "list" } else { "value" };
    let message = msg!("e0104-not-settings", top = top, file = CONFIG_FILE);
    Diagnostic::error("E0104", message).at(Location::new(CONFIG_FILE, line, 1))
}

/// Settings given on the command line that override `portal.yaml`.
#[derive(Debug, Clone, Default)]
pub struct Overrides {
    /// `--base-url`.
    pub(crate) base_url: Option<String>,
}

/// Reads and validates `portal.yaml` under `root`: a missing or unreadable file is an
/// error, content problems (not UTF-8, bad YAML, bad values) are diagnostics.
pub(crate) fn load_config(
    root: &Path,
    overrides: &Overrides,
) -> Result<Result<Config, Diagnostics>> {
    let path = root.join(CONFIG_FILE);
    if !path.is_file() {
        anyhow::bail!(TextError::from(msg!(
            "config-not-found",
            path = path.display().to_string()
        )));
    }
    Ok(match read_source(root, &path)? {
        Ok(file) => parse(&file, overrides).and_then(|c| required_settings(&file, c)),
        Err(d) => {
            let mut diagnostics = Diagnostics::new();
            diagnostics.push(d);
            Err(diagnostics)
        }
    })
}

/// The keys of `portal.yaml` that must have text, read again as `Option`: [`parse`]
/// reads `title` as a `String`, which takes YAML's null (`title: ~`) as the text `~`.
#[derive(Debug, Deserialize)]
struct RequiredSettings {
    title: Option<String>,
}

/// `config` with its title checked and trimmed, or the error.
fn required_settings(file: &SourceFile, config: Config) -> Result<Config, Diagnostics> {
    let yaml = YamlSource::whole_file(file);
    let title = yaml
        .parse::<RequiredSettings>()
        .and_then(|raw| yaml.required("title", raw.title));
    match title {
        Ok(title) => Ok(Config { title, ..config }),
        Err(d) => {
            let mut diagnostics = Diagnostics::new();
            diagnostics.push(d);
            Err(diagnostics)
        }
    }
}

/// Validates `portal.yaml`; every problem becomes a diagnostic.
pub(crate) fn parse(file: &SourceFile, overrides: &Overrides) -> Result<Config, Diagnostics> {
    let mut diags = Diagnostics::new();
    let yaml = YamlSource::whole_file(file);
    // A list or a single value would be "expected struct RawConfig": say it plainly.
    // (Bad YAML fails here too, and is reported by the parse below.)
    if let Ok(top @ (Top::List | Top::Value)) = yaml.parse::<Top>() {
        diags.push(not_settings(file, top));
        return Err(diags);
    }
    let raw: RawConfig = match yaml.parse() {
        Ok(raw) => raw,
        Err(d) => {
            diags.push(d);
            return Err(diags);
        }
    };

    let base_url_text = overrides.base_url.as_deref().unwrap_or(&raw.base_url);
    let base_url = BaseUrl::parse(base_url_text).map_err(|problem| {
        let d = Diagnostic::error("E0104", msg!("e0104-invalid-base-url", problem = problem));
        if overrides.base_url.is_some() {
            d.note(msg!("e0104-base-url-from-flag"))
        } else {
            d.at(yaml.key("base_url"))
        }
    });
    let timezone_name = raw.timezone.as_deref().unwrap_or("Europe/Stockholm");
    let timezone = jiff::tz::TimeZone::get(timezone_name).map_err(|_| {
        Diagnostic::error(
            "E0104",
            msg!("e0104-unknown-timezone", name = timezone_name),
        )
        .at(yaml.key("timezone"))
    });
    let theme = raw.theme.unwrap_or_else(|| "default".to_string());
    if !is_slug(&theme) {
        let message = msg!("e0104-bad-theme-name", name = &theme);
        diags.push(Diagnostic::error("E0104", message).at(yaml.key("theme")));
    }
    let menu = menu_items(&yaml, "menu", raw.menu.unwrap_or_default(), &mut diags);
    let footer_menu = menu_items(
        &yaml,
        "footer_menu",
        raw.footer_menu.unwrap_or_default(),
        &mut diags,
    );
    let footer_link = |key: &str, path: Option<String>, diags: &mut Diagnostics| {
        let path = optional_text(path)?;
        Some(menu_item(key, yaml.key(key), path, None, diags))
    };
    let contact = footer_link("contact", raw.contact, &mut diags);
    let accessibility_statement = footer_link(
        "accessibility_statement",
        raw.accessibility_statement,
        &mut diags,
    );
    let (base_url, timezone) = match (base_url, timezone) {
        (Ok(b), Ok(t)) if !diags.has_errors() => (b, t),
        (b, t) => {
            diags.extend(b.err());
            diags.extend(t.err());
            return Err(diags);
        }
    };
    Ok(Config {
        title: raw.title,
        base_url,
        language: raw.language.unwrap_or_else(|| "sv".to_string()),
        description: raw.description,
        theme,
        raw_html: raw.raw_html.unwrap_or(false),
        timezone,
        menu,
        footer_menu,
        publisher: optional_text(raw.publisher),
        contact,
        accessibility_statement,
    })
}

fn menu_items(
    yaml: &YamlSource<'_>,
    key: &str,
    raw: Vec<RawMenuItem>,
    diags: &mut Diagnostics,
) -> Vec<MenuItem> {
    raw.into_iter()
        .enumerate()
        .map(|(i, item)| menu_item(key, yaml.item(key, i), item.path, item.title, diags))
        .collect()
}

/// One link of `portal.yaml` (under `key`, written at `location`): a site path; for
/// `contact` and `accessibility_statement` also an address with an allowed scheme
/// (`mailto:`, `https:`, …), since either may live outside the portal.
fn menu_item(
    key: &str,
    location: Location,
    path: String,
    title: Option<String>,
    diags: &mut Diagnostics,
) -> MenuItem {
    // The messages say "menu path" for both menus, and name the other keys.
    let key_arg = if key.ends_with("menu") { "menu" } else { key };
    let scheme = url_scheme(&path);
    if let Some(scheme) = scheme
        .as_ref()
        .filter(|s| !ALLOWED_SCHEMES.contains(&s.as_str()))
    {
        let message = msg!(
            "e0308-unsafe-menu-link",
            key = key_arg,
            path = path.escape_default().to_string(),
            scheme = scheme,
        );
        diags.push(Diagnostic::error("E0308", message).at(location.clone()));
    } else if (scheme.is_none() || key.ends_with("menu")) && !path.starts_with('/') {
        let message = msg!("e0104-menu-path-not-absolute", key = key_arg, path = &path);
        diags.push(Diagnostic::error("E0104", message).at(location.clone()));
    }
    MenuItem {
        path,
        title,
        location,
    }
}
