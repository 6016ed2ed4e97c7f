//! The navigation: the portal's top-level destinations, from which the main menu is
//! made when `portal.yaml` has no `menu`; and the checks of `portal.yaml`'s links:
//! every menu and footer link must lead to a published page (E0303), and the footer
//! must link what a Swedish public-sector site must (W0103).

use crate::analyze::routes::Routes;
use crate::model::config::MenuItem;
use crate::model::page::{PageKind, menu_order};
use crate::model::paths::{
    AGREEMENTS_INTRO, AGREEMENTS_PATH, CONFIG_FILE, DATA_LIST_PATH, NOTICES_INTRO, NOTICES_PATH,
};
use crate::model::portal::{Consequence, ConsequenceKind, Portal};
use crate::util::diag::{Diagnostic, Location};
use crate::util::i18n::{Text, msg};
use crate::util::slug::slugify;

/// The main navigation's name for `/avtal/`, whatever its page's title.
pub(crate) const AGREEMENTS_LABEL: &str = "Avtal";
/// The main navigation's name for `/driftinformation/`.
pub(crate) const NOTICES_LABEL: &str = "Driftinformation";
/// The main navigation's name for `/personuppgifter/`.
pub(crate) const DATA_LIST_LABEL: &str = "Personuppgifter";

/// A page right under the start page: where the main navigation and the start page's
/// "Hitta på webbplatsen" lead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Destination<'a> {
    /// Its site path.
    pub(crate) path: &'a str,
    /// Its name in the navigation: the page's title, or for the pages the portal
    /// generates a short fixed one (`Avtal`, not `Avtal och avtalsdokument`).
    pub(crate) label: &'a str,
    /// Its page's title (the `label` of a content page).
    pub(crate) title: &'a str,
    /// What it holds, for the start page.
    pub(crate) description: Option<&'a str>,
    /// Whether it lists pages of its own: a section, `/avtal/`, `/driftinformation/`,
    /// `/personuppgifter/`. Only these are in the navigation made for a portal without
    /// a `menu`; single pages (Kontakt, Tillgänglighetsredogörelse) are not.
    pub(crate) is_section: bool,
}

/// The description of `/avtal/` when no `content/avtal/_index.md` gives one.
const AGREEMENTS_DESCRIPTION: &str =
    "Avtalen och avtalsdokumenten i den version som gäller, med tidigare och kommande versioner.";
/// The description of `/driftinformation/` when no `_index.md` gives one.
const NOTICES_DESCRIPTION: &str = "Planerat underhåll, störningar och annan driftinformation.";
/// The description of `/personuppgifter/` when the list gives none.
const DATA_LIST_DESCRIPTION: &str =
    "Vilka typer av personuppgifter som uppgiftslämnarna kan lämna genom tjänsten.";

/// Every published page right under the start page, and the lists the portal
/// generates there (`/avtal/` when it has agreements, `/driftinformation/` when it has
/// notices, `/personuppgifter/` when it has the list), by weight and then by name in
/// Swedish order: a generated list takes the `weight` of its `_index.md`, if any.
pub(crate) fn destinations(portal: &Portal) -> Vec<Destination<'_>> {
    let mut out: Vec<(Option<i64>, Destination<'_>)> = Vec::new();
    let (mut agreements, mut notices) = (None, None);
    for page in portal.pages.iter().filter(|p| p.published) {
        let rel = page.source.file.rel_path.as_str();
        if rel == AGREEMENTS_INTRO {
            agreements = Some(page);
        } else if rel == NOTICES_INTRO {
            notices = Some(page);
        } else if page.parent_path() == Some("/") {
            let destination = Destination {
                path: &page.url_path,
                label: &page.title,
                title: &page.title,
                description: page.description.as_deref(),
                is_section: page.kind == PageKind::Section,
            };
            out.push((page.weight, destination));
        }
    }
    let generated = [
        (
            portal.has_agreements(),
            AGREEMENTS_PATH,
            AGREEMENTS_LABEL,
            agreements,
            AGREEMENTS_DESCRIPTION,
        ),
        (
            portal.has_notices(),
            NOTICES_PATH,
            NOTICES_LABEL,
            notices,
            NOTICES_DESCRIPTION,
        ),
    ];
    for (shown, path, label, intro, default) in generated {
        if shown {
            let destination = Destination {
                path,
                label,
                title: intro.map_or(label, |p| p.title.as_str()),
                description: Some(
                    intro
                        .and_then(|p| p.description.as_deref())
                        .unwrap_or(default),
                ),
                is_section: true,
            };
            out.push((intro.and_then(|p| p.weight), destination));
        }
    }
    if let Some(list) = &portal.data_list {
        let destination = Destination {
            path: DATA_LIST_PATH,
            label: DATA_LIST_LABEL,
            title: &list.title,
            description: Some(list.description.as_deref().unwrap_or(DATA_LIST_DESCRIPTION)),
            is_section: true,
        };
        out.push((None, destination));
    }
    out.sort_by_cached_key(|(weight, d)| (menu_order(*weight, d.label), d.path));
    out.into_iter().map(|(_, d)| d).collect()
}

/// The main navigation of a portal without a `menu`: its top-level sections and
/// generated lists, in the order of [`destinations`].
pub(crate) fn default_menu<'a>(destinations: &[Destination<'a>]) -> Vec<Destination<'a>> {
    destinations
        .iter()
        .filter(|d| d.is_section)
        .cloned()
        .collect()
}

/// Every menu entry, and `contact` and `accessibility_statement` when they are site
/// paths, must point at a published page; and the footer must link what a Swedish
/// public-sector site must link.
///
/// An entry for the page of a source that failed to load goes to `consequences`: a note
/// on that source's error.
pub(crate) fn check_menus(
    portal: &Portal,
    routes: &Routes,
    consequences: &mut Vec<Consequence>,
) -> Vec<Diagnostic> {
    let config = &portal.config;
    let entries = config.menu.iter().chain(&config.footer_menu);
    let footer_links = [
        ("contact", &config.contact),
        ("accessibility_statement", &config.accessibility_statement),
    ];
    let keyed = footer_links
        .iter()
        .filter_map(|(key, item)| Some((Some(*key), item.as_ref()?)));
    let mut out: Vec<Diagnostic> = entries
        .map(|item| (None, item))
        .chain(keyed)
        .filter(|(_, item)| item.path.starts_with('/') && !routes.exists(&item.path))
        .filter(|(_, item)| match portal.failed.at_path(&item.path) {
            Some(source) => {
                consequences.push(Consequence {
                    source,
                    at: item.location.clone(),
                    kind: ConsequenceKind::Menu,
                });
                false
            }
            None => true,
        })
        .map(|(key, item)| {
            let message = msg!(
                "e0303-not-a-page",
                key = key.unwrap_or("menu"),
                path = &item.path
            );
            let d = Diagnostic::error("E0303", message).at(item.location.clone());
            let with_slash = format!("{}/", item.path.trim_end_matches('/'));
            if routes.exists(&with_slash) {
                d.hint(msg!("e0303-add-slash", path = with_slash))
            } else {
                d.hint(msg!("e0303-use-site-path"))
            }
        })
        .collect();
    out.extend(check_footer(portal));
    out
}

/// The `footer_menu` entries that link the accessibility statement and contact details,
/// the first of each: the footer links them as surely as `portal.yaml`'s
/// `accessibility_statement` and `contact` would.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct FooterMenuLinks<'a> {
    /// An entry for the accessibility statement.
    pub(crate) accessibility_statement: Option<&'a MenuItem>,
    /// An entry for contact details.
    pub(crate) contact: Option<&'a MenuItem>,
}

/// What a `footer_menu` entry links, by what it is called and where it leads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum FooterRole {
    AccessibilityStatement,
    Contact,
}

/// Finds the [`FooterMenuLinks`] of the portal's `footer_menu`. An entry links the
/// accessibility statement when a word of its title (its own, else its page's) or of
/// the last part of its path starts with "tillgänglighet" (Tillgänglighetsredogörelse,
/// `/om-webbplatsen/tillganglighet/`), and contact details when one starts with
/// "kontakt" (Kontakt, Kontakta oss, `/kontaktuppgifter/`).
pub(crate) fn footer_menu_links(portal: &Portal) -> FooterMenuLinks<'_> {
    let mut found = FooterMenuLinks::default();
    for item in &portal.config.footer_menu {
        match footer_role(portal, item) {
            Some(FooterRole::AccessibilityStatement) => {
                found.accessibility_statement.get_or_insert(item);
            }
            Some(FooterRole::Contact) => {
                found.contact.get_or_insert(item);
            }
            None => {}
        }
    }
    found
}

fn footer_role(portal: &Portal, item: &MenuItem) -> Option<FooterRole> {
    let title = item.title.as_deref().or_else(|| {
        (portal.pages.iter())
            .find(|p| p.published && p.url_path == item.path)
            .map(|p| p.title.as_str())
    });
    let path = item.path.split(['?', '#']).next().unwrap_or_default();
    let last = path.trim_end_matches('/').rsplit('/').next();
    for name in title.into_iter().chain(last) {
        for word in slugify(name).split('-') {
            if word.starts_with("tillganglighet") {
                return Some(FooterRole::AccessibilityStatement);
            }
            if word.starts_with("kontakt") {
                return Some(FooterRole::Contact);
            }
        }
    }
    None
}

/// W0103: the footer lacks a link a Swedish public-sector site must have on every
/// page: the accessibility statement (lagen (2018:1937) om tillgänglighet till digital
/// offentlig service requires it to be easy to find), contact details, and who runs
/// the site. A `footer_menu` entry for the statement or for contact details counts
/// ([`footer_menu_links`]). One warning names all that is missing, at the start of
/// `portal.yaml`, where the keys go.
fn check_footer(portal: &Portal) -> Option<Diagnostic> {
    let config = &portal.config;
    let listed = footer_menu_links(portal);
    let missing: Vec<&str> = [
        (
            config.accessibility_statement.is_none() && listed.accessibility_statement.is_none(),
            "accessibility_statement",
        ),
        (
            config.contact.is_none() && listed.contact.is_none(),
            "contact",
        ),
        (config.publisher.is_none(), "publisher"),
    ]
    .into_iter()
    .filter_map(|(missing, key)| missing.then_some(key))
    .collect();
    if missing.is_empty() {
        return None;
    }
    let whats = Text::list(
        missing
            .iter()
            .map(|&key| msg!("w0103-what", key = key).into()),
    );
    let lines = Text::list(
        missing
            .iter()
            .map(|&key| msg!("w0103-example-line", key = key).into()),
    );
    Some(
        Diagnostic::warning("W0103", msg!("w0103-footer-lacks", whats = whats))
            .at(Location::new(CONFIG_FILE, 1, 1))
            .hint(msg!("w0103-add-keys", lines = lines)),
    )
}
