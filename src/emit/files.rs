//! The site's non-HTML files: the notice feeds, the feed of agreement versions, the
//! data-list exports, `sitemap.xml`, `robots.txt` and `manifest.json`. Each is a pure
//! function of the portal and routes.

use crate::analyze::routes::Routes;
use crate::emit::feeds::{self, FeedSite};
use crate::emit::{atom, exports, manifest};
use crate::model::notice::Notice;
use crate::model::paths::{
    AGREEMENTS_ATOM_PATH, DATA_LIST_CSV_PATH, DATA_LIST_JSON_PATH, MANIFEST_PATH, NOT_FOUND_PATH,
    NOTICES_ATOM_PATH, NOTICES_ICS_PATH, ROBOTS_TXT, SITEMAP_XML,
};
use crate::model::portal::Portal;

/// Site paths of every generated file: links may point to them, no content file may
/// replace them.
pub(crate) fn paths(portal: &Portal) -> Vec<String> {
    let mut paths = vec![
        MANIFEST_PATH.to_string(),
        SITEMAP_XML.to_string(),
        ROBOTS_TXT.to_string(),
    ];
    if portal.has_agreements() {
        paths.push(AGREEMENTS_ATOM_PATH.to_string());
    }
    if portal.has_notices() {
        paths.push(NOTICES_ATOM_PATH.to_string());
        paths.push(NOTICES_ICS_PATH.to_string());
    }
    if portal.data_list.is_some() {
        paths.push(DATA_LIST_JSON_PATH.to_string());
        paths.push(DATA_LIST_CSV_PATH.to_string());
    }
    paths
}

/// Every generated file: (site path, bytes).
pub(crate) fn render(portal: &Portal, routes: &Routes) -> Vec<(String, Vec<u8>)> {
    let published: Vec<&Notice> = portal.notices.iter().filter(|n| n.published).collect();
    let feed = FeedSite {
        title: &portal.config.title,
        base_url: &portal.config.base_url,
        timezone: &portal.config.timezone,
    };
    let mut files = vec![
        (MANIFEST_PATH.to_string(), manifest::render(portal)),
        (
            SITEMAP_XML.to_string(),
            sitemap(portal, routes).into_bytes(),
        ),
        (
            ROBOTS_TXT.to_string(),
            format!(
                "User-agent: *\nAllow: /\n\nSitemap: {}\n",
                portal.config.base_url.absolute(SITEMAP_XML)
            )
            .into_bytes(),
        ),
    ];
    if portal.has_agreements() {
        files.push((
            AGREEMENTS_ATOM_PATH.to_string(),
            feeds::agreements_atom(portal).into_bytes(),
        ));
    }
    if portal.has_notices() {
        files.push((
            NOTICES_ATOM_PATH.to_string(),
            feeds::atom(&feed, &published).into_bytes(),
        ));
        files.push((
            NOTICES_ICS_PATH.to_string(),
            feeds::ics(&feed, &published).into_bytes(),
        ));
    }
    if let Some(list) = &portal.data_list {
        files.push((
            DATA_LIST_JSON_PATH.to_string(),
            exports::to_json(list, portal.today),
        ));
        files.push((
            DATA_LIST_CSV_PATH.to_string(),
            exports::to_csv(list).into_bytes(),
        ));
    }
    files
}

/// Every published page's absolute URL (the 404 page excepted), sorted.
fn sitemap(portal: &Portal, routes: &Routes) -> String {
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for (path, _) in routes.pages() {
        if path == NOT_FOUND_PATH {
            continue;
        }
        xml.push_str("  <url><loc>");
        xml.push_str(&atom::xml_text(&portal.config.base_url.absolute(path)));
        xml.push_str("</loc></url>\n");
    }
    xml.push_str("</urlset>\n");
    xml
}
