//! Where everything is: the layout of a portal's folder, and the site path of every page
//! and file the portal publishes.
//!
//! One place for these names, so the loader, the routes, the views, the feeds, the
//! manifest and the output guard cannot disagree about them. Site paths start and, for
//! pages, end with `/`; they do not include the base path of `base_url`.

// The portal folder.

/// The file name of the site settings at the portal root.
pub(crate) const CONFIG_FILE: &str = "portal.yaml";
/// The folder of agreement documents.
pub(crate) const AGREEMENTS_DIR: &str = "agreements";
/// The folder of pages.
pub(crate) const CONTENT_DIR: &str = "content";
/// The source of the agreement page's title and introduction (optional).
pub(crate) const AGREEMENTS_INTRO: &str = "content/avtal/_index.md";
/// The folder whose Markdown files are notices.
pub(crate) const NOTICES_DIR: &str = "content/driftinformation/";
/// The source of the notice list's title and introduction (optional).
pub(crate) const NOTICES_INTRO: &str = "content/driftinformation/_index.md";
/// The source file of the list of personal-data types.
pub(crate) const DATA_LIST_FILE: &str = "content/personuppgifter.yaml";

// The published site.

/// The site path of the agreement hierarchy page.
pub(crate) const AGREEMENTS_PATH: &str = "/avtal/";
/// The Atom feed of agreement versions, upcoming ones included.
pub(crate) const AGREEMENTS_ATOM_PATH: &str = "/avtal/atom.xml";
/// The site path of the glossary of defined terms.
pub(crate) const GLOSSARY_PATH: &str = "/avtal/begrepp/";
/// The site path of the notice list.
pub(crate) const NOTICES_PATH: &str = "/driftinformation/";
/// The Atom feed of all notices.
pub(crate) const NOTICES_ATOM_PATH: &str = "/driftinformation/atom.xml";
/// The iCalendar file of planned maintenance windows.
pub(crate) const NOTICES_ICS_PATH: &str = "/driftinformation/underhall.ics";
/// The site path of the page of the list of personal-data types.
pub(crate) const DATA_LIST_PATH: &str = "/personuppgifter/";
/// The list of personal-data types as JSON.
pub(crate) const DATA_LIST_JSON_PATH: &str = "/personuppgifter.json";
/// The list of personal-data types as CSV.
pub(crate) const DATA_LIST_CSV_PATH: &str = "/personuppgifter.csv";
/// The site path of the search page.
pub(crate) const SEARCH_PATH: &str = "/sok/";
/// The site path of the folder of the search index files.
pub(crate) const SEARCH_INDEX_PATH: &str = "/sok/index/";
/// The site path of the human site map.
pub(crate) const SITEMAP_PATH: &str = "/webbplatskarta/";
/// The site path of the 404 page.
pub(crate) const NOT_FOUND_PATH: &str = "/404.html";
/// The search engines' sitemap.
pub(crate) const SITEMAP_XML: &str = "/sitemap.xml";
/// The robots file.
pub(crate) const ROBOTS_TXT: &str = "/robots.txt";
/// The site path of the manifest.
pub(crate) const MANIFEST_PATH: &str = "/manifest.json";

/// The site path of a document's main page.
pub(crate) fn document_path(id: &str) -> String {
    format!("{AGREEMENTS_PATH}{id}/")
}

/// The site path of one version of a document.
pub(crate) fn version_path(id: &str, version: &str) -> String {
    format!("{AGREEMENTS_PATH}{id}/{version}/")
}

/// The site path of a version's change view.
pub(crate) fn changes_path(id: &str, version: &str) -> String {
    format!("{AGREEMENTS_PATH}{id}/{version}/andringar/")
}

/// The site path of the change view from version `older` to the later version
/// `newer`: the version's own change view ([`changes_path`]) when `older` is the
/// published version just before it (`adjacent`), else
/// `/avtal/<id>/<newer>/andringar/sedan-<older>/`.
pub(crate) fn comparison_path(id: &str, newer: &str, older: &str, adjacent: bool) -> String {
    if adjacent {
        changes_path(id, newer)
    } else {
        format!("{AGREEMENTS_PATH}{id}/{newer}/andringar/sedan-{older}/")
    }
}

/// The output file for a site path: `/a/b/` → `a/b/index.html`, `/404.html` → `404.html`.
pub(crate) fn file_for(site_path: &str) -> String {
    let rel = site_path.trim_start_matches('/');
    if rel.is_empty() || rel.ends_with('/') {
        format!("{rel}index.html")
    } else {
        rel.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn output_files_for_site_paths() {
        assert_eq!(file_for("/"), "index.html");
        assert_eq!(
            file_for("/avtal/driftsavtal/1.0/"),
            "avtal/driftsavtal/1.0/index.html"
        );
        assert_eq!(file_for("/404.html"), "404.html");
    }

    #[test]
    fn change_views_between_any_two_versions() {
        assert_eq!(
            comparison_path("a", "2.0", "1.1", true),
            "/avtal/a/2.0/andringar/"
        );
        assert_eq!(
            comparison_path("a", "2.0", "1.0", false),
            "/avtal/a/2.0/andringar/sedan-1.0/"
        );
    }
}
