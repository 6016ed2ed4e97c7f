//! The site settings as the build uses them: the portal's name, its published address,
//! language, theme, time zone, menus and what the footer must link.
//!
//! Plain data; `load::config` reads and validates `portal.yaml` into it. [`BaseUrl`] is
//! parsed here (by the `url` crate, the WHATWG URL standard), since the command line's
//! `--base-url` is checked the same way.

use crate::util::diag::Location;
use crate::util::i18n::{Text, msg};
use crate::util::url::has_malformed_escape;

/// The published address of the portal, split into origin and path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BaseUrl {
    origin: String,
    path: String,
}

impl BaseUrl {
    /// Parses an absolute `http(s)://host[:port][/path]` URL without credentials, query
    /// or fragment, the way a browser does (the `url` crate implements the WHATWG URL
    /// standard): the scheme and host are lowercased, a default port is dropped, and the
    /// path is percent-encoded. The error says what is wrong with `text`, in both
    /// languages.
    pub fn parse(text: &str) -> Result<BaseUrl, Text> {
        let problem =
            |problem: &str| Text::from(msg!("e0104-base-url", text = text, problem = problem));
        let url = url::Url::parse(text.trim()).map_err(|e| match e {
            url::ParseError::RelativeUrlWithoutBase => problem("not-absolute"),
            url::ParseError::InvalidPort => problem("bad-port"),
            e => Text::from(msg!(
                "e0104-base-url-invalid",
                text = text,
                error = url_error(e),
                detail = e.to_string(),
            )),
        })?;
        if !matches!(url.scheme(), "https" | "http") {
            return Err(problem("scheme"));
        }
        if !url.username().is_empty() || url.password().is_some() {
            // Every page, feed and the sitemap would publish them.
            return Err(problem("credentials"));
        }
        if url.port() == Some(0) {
            return Err(problem("port-zero"));
        }
        if url.query().is_some() || url.fragment().is_some() {
            return Err(problem("query"));
        }
        if has_malformed_escape(url.path()) {
            return Err(problem("percent"));
        }
        if url.host_str().is_none_or(str::is_empty) {
            return Err(problem("no-host"));
        }
        // `&` and `'` are legal in a path but would be HTML-escaped wherever a template
        // prints an href; encoded, every href reads the same in the HTML as in the URL.
        let mut path = url.path().replace('&', "%26").replace('\'', "%27");
        if !path.ends_with('/') {
            path.push('/');
        }
        Ok(BaseUrl {
            origin: url.origin().ascii_serialization(),
            path,
        })
    }

    /// The path part, always starting and ending with `/` (e.g. `/ssbtek/`).
    pub(crate) fn path(&self) -> &str {
        &self.path
    }

    /// The link for a site path (`/avtal/` → `/ssbtek/avtal/`).
    pub(crate) fn href(&self, site_path: &str) -> String {
        let mut href = self.path.clone();
        href.push_str(site_path.trim_start_matches('/'));
        href
    }

    /// The absolute URL of a site path, for canonical links, feeds and the sitemap.
    pub(crate) fn absolute(&self, site_path: &str) -> String {
        format!("{}{}", self.origin, self.href(site_path))
    }

    /// The host, with its port if the URL gives one (`www.example.se`, `127.0.0.1:1111`).
    pub(crate) fn host(&self) -> &str {
        self.origin
            .split_once("://")
            .map_or(self.origin.as_str(), |(_, host)| host)
    }
}

/// What the `url` crate found wrong, for the catalogue to say in each language: a
/// host name or address it cannot read, or `other` (the catalogue then shows the
/// crate's own English words).
fn url_error(error: url::ParseError) -> &'static str {
    match error {
        url::ParseError::EmptyHost => "empty-host",
        url::ParseError::IdnaError | url::ParseError::InvalidDomainCharacter => "domain",
        url::ParseError::InvalidIpv4Address | url::ParseError::InvalidIpv6Address => "ip",
        _ => "other",
    }
}

/// A navigation entry: a site path and an optional label.
#[derive(Debug, Clone)]
pub(crate) struct MenuItem {
    /// The site path, e.g. `/anslutning/`.
    pub(crate) path: String,
    /// The label; the page's title when absent.
    pub(crate) title: Option<String>,
    /// Where the entry is written, for broken-menu diagnostics.
    pub(crate) location: Location,
}

/// The validated site settings.
#[derive(Debug, Clone)]
pub(crate) struct Config {
    /// The portal's name.
    pub(crate) title: String,
    /// The published address.
    pub(crate) base_url: BaseUrl,
    /// The `lang` of every page.
    pub(crate) language: String,
    /// The default meta description.
    pub(crate) description: Option<String>,
    /// The theme folder name under `themes/`.
    pub(crate) theme: String,
    /// Whether raw HTML in Markdown passes through (default: escaped).
    pub(crate) raw_html: bool,
    /// The time zone the portal's dates and times are shown in.
    pub(crate) timezone: jiff::tz::TimeZone,
    /// The main navigation.
    pub(crate) menu: Vec<MenuItem>,
    /// The footer links.
    pub(crate) footer_menu: Vec<MenuItem>,
    /// Who runs the site, as the footer names them (`publisher`).
    pub(crate) publisher: Option<String>,
    /// Where readers find contact details: a site path or a `mailto:`, `tel:` or web
    /// address (`contact`). The footer links it.
    pub(crate) contact: Option<MenuItem>,
    /// The accessibility statement (tillgänglighetsredogörelse) that a Swedish
    /// public-sector site must link from every page: a site path or a web address
    /// (`accessibility_statement`). The footer links it.
    pub(crate) accessibility_statement: Option<MenuItem>,
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
        for (bad, why) in [
            ("www.example.se", "is not an absolute URL"),
            ("ftp://x/", "must start with `https://` or `http://`"),
            ("https://x/?q=1", "must not contain a query"),
            ("https://x/#top", "must not contain a query"),
            (
                "https://user:pw@x/",
                "must not contain a user name or password",
            ),
            (
                "https://user@x/",
                "must not contain a user name or password",
            ),
            (
                "https://x:99999/",
                "has an invalid port; a port is 1 to 65535",
            ),
            ("https://x:0/", "has port 0"),
            ("https://ex ample.se/", "is not a valid URL"),
            (
                "https://x/100%/",
                "has a `%` that is not followed by two hex digits",
            ),
        ] {
            let message = BaseUrl::parse(bad).expect_err(bad);
            assert!(message.contains(why), "{bad}: {message}");
        }
    }

    #[test]
    fn base_url_with_odd_but_legal_characters_works() {
        // Each of these broke the build with 32 unrelated errors. See: #10
        for (text, origin, path) in [
            (
                "HTTPS://Example.SE:443/SSBTEK",
                "https://example.se",
                "/SSBTEK/",
            ),
            ("https://x/a b/", "https://x", "/a%20b/"),
            ("https://x/å/", "https://x", "/%C3%A5/"),
            ("https://x/a&b'c/", "https://x", "/a%26b%27c/"),
            ("https://x/a\"b<c>/", "https://x", "/a%22b%3Cc%3E/"),
            ("http://[::1]:8080/", "http://[::1]:8080", "/"),
            ("https://åäö.se/", "https://xn--4cab6c.se", "/"),
        ] {
            let b = BaseUrl::parse(text).unwrap_or_else(|e| panic!("{text}: {e}"));
            assert_eq!((b.origin.as_str(), b.path()), (origin, path), "{text}");
        }
    }
}
