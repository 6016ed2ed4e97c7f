//! `portal.yaml`: the raw serde shape and the validated [`Config`] the rest of the build uses.

use serde::Deserialize;

use crate::diag::{Diagnostic, Diagnostics, Location};
use crate::frontmatter::YamlSource;
use crate::source::SourceFile;

/// The file name of the site settings at the portal root.
pub const CONFIG_FILE: &str = "portal.yaml";

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
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMenuItem {
    path: String,
    title: Option<String>,
}

/// The published address of the portal, split into origin and path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BaseUrl {
    origin: String,
    path: String,
}

impl BaseUrl {
    /// Parses an absolute `http(s)://host[:port][/path]` URL without query or fragment.
    pub fn parse(url: &str) -> Result<BaseUrl, String> {
        let (scheme, rest) = url
            .split_once("://")
            .ok_or_else(|| format!("`{url}` is not an absolute URL"))?;
        if scheme != "http" && scheme != "https" {
            return Err(format!("`{url}` must start with `https://` or `http://`"));
        }
        if rest.contains(['?', '#']) || rest.chars().any(char::is_whitespace) {
            return Err(format!(
                "`{url}` must not contain spaces, a query or a fragment"
            ));
        }
        let (host, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
        if host.is_empty() {
            return Err(format!("`{url}` has no host name"));
        }
        let mut path = path.to_string();
        if !path.starts_with('/') {
            path.insert(0, '/');
        }
        if !path.ends_with('/') {
            path.push('/');
        }
        Ok(BaseUrl {
            origin: format!("{scheme}://{host}"),
            path,
        })
    }

    /// The path part, always starting and ending with `/` (e.g. `/ssbtek/`).
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The link for a site path (`/avtal/` → `/ssbtek/avtal/`).
    pub fn href(&self, site_path: &str) -> String {
        let mut href = self.path.clone();
        href.push_str(site_path.trim_start_matches('/'));
        href
    }

    /// The absolute URL of a site path, for canonical links, feeds and the sitemap.
    pub fn absolute(&self, site_path: &str) -> String {
        format!("{}{}", self.origin, self.href(site_path))
    }

    /// The host, with its port if the URL gives one (`www.example.se`, `127.0.0.1:1111`).
    pub fn host(&self) -> &str {
        self.origin
            .split_once("://")
            .map_or(self.origin.as_str(), |(_, host)| host)
    }
}

/// A navigation entry: a site path and an optional label.
#[derive(Debug, Clone)]
pub struct MenuItem {
    /// The site path, e.g. `/anslutning/`.
    pub path: String,
    /// The label; the page's title when absent.
    pub title: Option<String>,
    /// Where the entry is written, for broken-menu diagnostics.
    pub location: Location,
}

/// The validated site settings.
#[derive(Debug, Clone)]
pub struct Config {
    /// The portal's name.
    pub title: String,
    /// The published address.
    pub base_url: BaseUrl,
    /// The `lang` of every page.
    pub language: String,
    /// The default meta description.
    pub description: Option<String>,
    /// The theme folder name under `themes/`.
    pub theme: String,
    /// Whether raw HTML in Markdown passes through (default: escaped).
    pub raw_html: bool,
    /// The time zone the portal's dates and times are shown in.
    pub timezone: jiff::tz::TimeZone,
    /// The main navigation.
    pub menu: Vec<MenuItem>,
    /// The footer links.
    pub footer_menu: Vec<MenuItem>,
}

/// Settings given on the command line that override `portal.yaml`.
#[derive(Debug, Clone, Default)]
pub struct Overrides {
    /// `--base-url`.
    pub base_url: Option<String>,
}

impl Config {
    /// Validates `portal.yaml`; every problem becomes a diagnostic.
    pub fn parse(file: &SourceFile, overrides: &Overrides) -> Result<Config, Diagnostics> {
        let mut diags = Diagnostics::new();
        let yaml = YamlSource::whole_file(file);
        let raw: RawConfig = match yaml.parse() {
            Ok(raw) => raw,
            Err(d) => {
                diags.push(d);
                return Err(diags);
            }
        };

        let base_url_text = overrides.base_url.as_deref().unwrap_or(&raw.base_url);
        let base_url = BaseUrl::parse(base_url_text).map_err(|message| {
            let d = Diagnostic::error("E0104", format!("invalid `base_url`: {message}"))
                .hint("write the published address, e.g. `https://www.example.se/ssbtek/`");
            if overrides.base_url.is_some() {
                d.note("the value comes from `--base-url`")
            } else {
                d.at(yaml.key("base_url"))
            }
        });
        let timezone_name = raw.timezone.as_deref().unwrap_or("Europe/Stockholm");
        let timezone = jiff::tz::TimeZone::get(timezone_name).map_err(|_| {
            Diagnostic::error(
                "E0104",
                format!("unknown time zone `{timezone_name}` in `timezone`"),
            )
            .at(yaml.key("timezone"))
            .hint("use an IANA time zone name such as `Europe/Stockholm`")
        });
        let theme = raw.theme.unwrap_or_else(|| "default".to_string());
        if !crate::model::is_slug(&theme) {
            diags.push(
                Diagnostic::error("E0104", format!("invalid theme name `{theme}`"))
                    .at(yaml.key("theme"))
                    .hint("a theme is a folder name under `themes/`: lowercase letters a-z, digits, `-` and `_`"),
            );
        }
        let menu = menu_items(&yaml, "menu", raw.menu.unwrap_or_default(), &mut diags);
        let footer_menu = menu_items(
            &yaml,
            "footer_menu",
            raw.footer_menu.unwrap_or_default(),
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
        })
    }
}

fn menu_items(
    yaml: &YamlSource<'_>,
    key: &str,
    raw: Vec<RawMenuItem>,
    diags: &mut Diagnostics,
) -> Vec<MenuItem> {
    raw.into_iter()
        .enumerate()
        .map(|(i, item)| {
            let location = yaml.item(key, i);
            if !item.path.starts_with('/') {
                diags.push(
                    Diagnostic::error(
                        "E0104",
                        format!("menu path `{}` must start with `/`", item.path),
                    )
                    .at(location.clone())
                    .hint("write the site path of the page, e.g. `/anslutning/`"),
                );
            }
            MenuItem {
                path: item.path,
                title: item.title,
                location,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_url_with_path() {
        let b = BaseUrl::parse("https://www.example.se/ssbtek").unwrap();
        assert_eq!(b.path(), "/ssbtek/");
        assert_eq!(b.href("/avtal/"), "/ssbtek/avtal/");
        assert_eq!(
            b.absolute("/avtal/"),
            "https://www.example.se/ssbtek/avtal/"
        );
        let root = BaseUrl::parse("http://127.0.0.1:1111/").unwrap();
        assert_eq!(root.href("/"), "/");
        assert_eq!(root.absolute("/a/"), "http://127.0.0.1:1111/a/");
        assert_eq!(b.host(), "www.example.se");
        assert_eq!(root.host(), "127.0.0.1:1111");
    }

    #[test]
    fn base_url_rejects_relative_and_odd_urls() {
        for bad in [
            "www.example.se",
            "ftp://x/",
            "https:///x",
            "https://x/?q=1",
            "https://x/ y",
        ] {
            assert!(BaseUrl::parse(bad).is_err(), "{bad}");
        }
    }
}
