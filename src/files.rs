//! The site's non-HTML files: the notice feeds, the feed of agreement versions, the
//! data-list exports, `sitemap.xml`, `robots.txt` and `manifest.json`. Each is a pure
//! function of the portal and routes.

use crate::analyze::routes::Routes;
use crate::model::document::{DocVersion, Document};
use crate::model::notice::Notice;
use crate::model::paths::{
    AGREEMENTS_ATOM_PATH, AGREEMENTS_PATH, DATA_LIST_CSV_PATH, DATA_LIST_JSON_PATH, MANIFEST_PATH,
    NOT_FOUND_PATH, NOTICES_ATOM_PATH, NOTICES_ICS_PATH, ROBOTS_TXT, SITEMAP_XML, changes_path,
    version_path,
};
use crate::model::portal::Portal;
use crate::model::time::Now;
use crate::notices::{self, FeedSite};
use crate::{atom, datalist, manifest};

/// Site paths of every generated file: links may point to them, no content file may
/// replace them.
pub fn paths(portal: &Portal) -> Vec<String> {
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
pub fn render(portal: &Portal, routes: &Routes) -> Vec<(String, Vec<u8>)> {
    let published: Vec<&Notice> = portal.notices.iter().filter(|n| n.published).collect();
    let feed = FeedSite {
        title: &portal.config.title,
        base_url: &portal.config.base_url,
        now: portal.now,
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
            agreements_atom(portal).into_bytes(),
        ));
    }
    if portal.has_notices() {
        files.push((
            NOTICES_ATOM_PATH.to_string(),
            notices::atom(&feed, &published).into_bytes(),
        ));
        files.push((
            NOTICES_ICS_PATH.to_string(),
            notices::ics(&feed, &published).into_bytes(),
        ));
    }
    if let Some(list) = &portal.data_list {
        files.push((
            DATA_LIST_JSON_PATH.to_string(),
            datalist::to_json(list, portal.today),
        ));
        files.push((
            DATA_LIST_CSV_PATH.to_string(),
            datalist::to_csv(list).into_bytes(),
        ));
    }
    files
}

/// Every published page's absolute URL (the 404 page excepted), sorted.
fn sitemap(portal: &Portal, routes: &Routes) -> String {
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for (path, _) in &routes.pages {
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

/// The Atom feed of `/avtal/`: one entry per published version of every document,
/// upcoming versions included, so that municipalities and suppliers learn of a change
/// before it applies. Newest first by the version's date (`Datum`, the day the version
/// was decided, which is when it is news), then by `valid_from`.
///
/// Nothing in an entry depends on the build's time (no "current" or "upcoming"), so an
/// entry does not change, and readers do not show it again, when its version takes effect.
fn agreements_atom(portal: &Portal) -> String {
    let mut versions: Vec<(&Document, usize)> = portal
        .documents
        .iter()
        .flat_map(|d| {
            d.versions
                .iter()
                .enumerate()
                .filter(|(_, v)| v.published)
                .map(move |(i, _)| (d, i))
        })
        .collect();
    versions.sort_by(|&(a, i), &(b, j)| {
        let (va, vb) = (&a.versions[i], &b.versions[j]);
        (vb.date, vb.valid_from)
            .cmp(&(va.date, va.valid_from))
            .then_with(|| a.id.cmp(&b.id))
            .then_with(|| vb.version.cmp(&va.version))
    });
    let entries = versions
        .into_iter()
        .map(|(d, i)| version_entry(portal, d, i))
        .collect();
    let base_url = &portal.config.base_url;
    atom::write(&atom::Feed {
        title: format!("Avtalsändringar – {}", portal.config.title),
        url: base_url.absolute(AGREEMENTS_ATOM_PATH),
        page_url: base_url.absolute(AGREEMENTS_PATH),
        author: &portal.config.title,
        entries,
    })
}

/// The entry of version `i` of `doc`: its page, and what changed if it has a change view.
fn version_entry(portal: &Portal, doc: &Document, i: usize) -> atom::Entry {
    let base_url = &portal.config.base_url;
    let v: &DocVersion = &doc.versions[i];
    let url = base_url.absolute(&version_path(&doc.id, v.version.as_str()));
    let mut links = vec![atom::Link::alternate(url.clone())];
    if let Some(previous) = doc.previous_published(i) {
        links.push(atom::Link {
            rel: "related",
            href: base_url.absolute(&changes_path(&doc.id, v.version.as_str())),
            title: Some(format!("Ändringar sedan version {}", previous.version)),
        });
    }
    let mut summary = format!(
        "Version {} daterad {}, gäller från {}.",
        v.version, v.date, v.valid_from
    );
    if let Some(comment) = &v.comment {
        summary.push(' ');
        summary.push_str(comment);
    }
    // The start of the day in the portal's time zone, as `--now 2024-03-01` is.
    let date = Now::Date(v.date).instant(&portal.config.timezone);
    atom::Entry {
        title: format!("{} version {}", v.title, v.version),
        id: url,
        links,
        published: date,
        updated: date,
        author: Some(v.author.clone()),
        category: Some((doc.id.clone(), v.title.clone())),
        summary,
    }
}
