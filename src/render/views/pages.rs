//! Content pages (the start page, sections, pages) and the generated pages that show
//! little besides their title: the list of personal data, search and 404.

use super::notices::{listed_notices, lists_timed, notice_lists, notice_view};
use super::{
    Shown, SiteIndex, ViewInput, body_html, breadcrumbs, children, home_crumbs, start_children,
};
use crate::model::config::Config;
use crate::model::notice::{Notice, NoticeStatus};
use crate::model::page::{Page, PageKind};
use crate::model::paths::version_path;
use crate::model::portal::Portal;
use crate::model::time::swedish_day;
use crate::render::markdown::Rendered;
use crate::render::theme::api::{DayView, LatestView, PageView};

/// Content page `i`: the start page (with the notices and the latest changes), a
/// section, or a page.
pub(super) fn content<'a>(
    input: &ViewInput<'a>,
    index: &SiteIndex<'a>,
    view: &mut PageView<'a>,
    i: usize,
    body: Option<&'a Rendered>,
) -> Shown<'a> {
    let portal = input.portal;
    let page = &portal.pages[i];
    view.title = &page.title;
    view.date = page.date.map(|d| d.to_string());
    view.reviewed = page.review.reviewed.map(|d| DayView {
        iso: d.to_string(),
        text: swedish_day(d),
    });
    view.draft = page.draft;
    view.content = body_html(body);
    view.breadcrumbs = breadcrumbs(input, index, view.path);
    view.children = children(input, index, view.path);
    let template = match page.kind {
        PageKind::Start => {
            view.kind = "start";
            view.title = start_heading(portal, page);
            view.children = start_children(input, index);
            let listed: Vec<&Notice> = listed_notices(portal)
                .into_iter()
                .filter(|n| n.status(portal.now) != NoticeStatus::Ended)
                .collect();
            view.notices = listed.iter().map(|n| notice_view(portal, n)).collect();
            view.notice_lists = notice_lists(portal, &listed, false);
            view.timed = lists_timed(&view.notice_lists);
            view.latest = latest(portal);
            "index.html"
        }
        PageKind::Section => {
            view.kind = "section";
            "section.html"
        }
        PageKind::Page => "page.html",
    };
    Shown {
        template,
        description: page.description.as_deref(),
    }
}

/// The start page's `<h1>`: its title, unless that only repeats the site's name, which
/// the header of every page shows already; then the leading phrase of its description,
/// else of the portal's ("Avtal, anslutning och drift för SSBTEK, tjänsten som …" gives
/// "Avtal, anslutning och drift för SSBTEK"). With neither, what the portal publishes
/// ([`what_is_published`]); only a portal that publishes none of it keeps the title.
fn start_heading<'a>(portal: &'a Portal, page: &'a Page) -> &'a str {
    let config: &Config = &portal.config;
    let same = |a: &str, b: &str| {
        a.split_whitespace()
            .map(str::to_lowercase)
            .eq(b.split_whitespace().map(str::to_lowercase))
    };
    if !same(&page.title, &config.title) {
        return &page.title;
    }
    [page.description.as_deref(), config.description.as_deref()]
        .into_iter()
        .flatten()
        .find_map(leading_phrase)
        .or_else(|| what_is_published(portal))
        .unwrap_or(&page.title)
}

/// What a portal publishes, as a heading: the lists it makes of agreements, notices and
/// personal data ("Avtal, driftinformation och personuppgifter"), which are what such a
/// site exists for; `None` when it makes none of them.
fn what_is_published(portal: &Portal) -> Option<&'static str> {
    match (
        portal.has_agreements(),
        portal.has_notices(),
        portal.data_list.is_some(),
    ) {
        (true, true, true) => Some("Avtal, driftinformation och personuppgifter"),
        (true, true, false) => Some("Avtal och driftinformation"),
        (true, false, true) => Some("Avtal och personuppgifter"),
        (false, true, true) => Some("Driftinformation och personuppgifter"),
        (true, false, false) => Some("Avtal och avtalsdokument"),
        (false, true, false) => Some("Driftinformation om underhåll och störningar"),
        (false, false, true) => Some("Personuppgifter som lämnas genom tjänsten"),
        (false, false, false) => None,
    }
}

/// The longest a heading made from a description may be, in characters.
const HEADING_MAX: usize = 60;

/// The first sentence of `text` when it is short enough for a heading, else its
/// longest leading part that ends at a clause boundary (a comma, a dash, a colon) and
/// is; `None` when there is none of at least two words.
fn leading_phrase(text: &str) -> Option<&str> {
    let text = text.trim();
    // A sentence ends at `.`, `!` or `?` before a capital letter (not at "t.ex. avtal").
    let sentence_end = text.char_indices().find_map(|(i, c)| {
        let rest = &text[i + c.len_utf8()..];
        let next = rest.trim_start().chars().next();
        (matches!(c, '.' | '!' | '?')
            && rest.starts_with(char::is_whitespace)
            && next.is_some_and(char::is_uppercase))
        .then_some(i)
    });
    let sentence = text[..sentence_end.unwrap_or(text.len())].trim_end_matches('.');
    let fits = |s: &str| s.chars().count() <= HEADING_MAX && s.split_whitespace().nth(1).is_some();
    if fits(sentence) {
        return Some(sentence);
    }
    [", ", " – ", " — ", " - ", ": ", "; "]
        .iter()
        .flat_map(|sep| sentence.match_indices(sep).map(|(i, _)| i))
        .map(|i| sentence[..i].trim_end())
        .filter(|s| fits(s))
        .max_by_key(|s| s.len())
}

/// `/personuppgifter/`: the list of personal-data types.
pub(super) fn data_list<'a>(
    input: &ViewInput<'a>,
    index: &SiteIndex<'a>,
    view: &mut PageView<'a>,
) -> Shown<'a> {
    let list = input
        .portal
        .data_list
        .as_ref()
        .expect("the route exists only with a list");
    view.kind = "data_list";
    view.title = &list.title;
    view.breadcrumbs = home_crumbs(input, index);
    view.data_list = Some(list);
    Shown {
        template: "datalist.html",
        description: list.description.as_deref(),
    }
}

/// `/sok/`: the search page.
pub(super) fn search<'a>(
    input: &ViewInput<'a>,
    index: &SiteIndex<'a>,
    view: &mut PageView<'a>,
) -> Shown<'a> {
    view.kind = "search";
    view.title = "Sök";
    view.breadcrumbs = home_crumbs(input, index);
    Shown {
        template: "search.html",
        description: Some("Sök på hela webbplatsen."),
    }
}

/// `/404.html`.
pub(super) fn not_found<'a>(view: &mut PageView<'a>) -> Shown<'a> {
    view.kind = "not_found";
    view.title = "Sidan finns inte";
    Shown {
        template: "404.html",
        description: None,
    }
}

/// The newest agreement versions and notices, newest first.
fn latest(portal: &Portal) -> Vec<LatestView> {
    let base = &portal.config.base_url;
    let mut items: Vec<LatestView> = Vec::new();
    for doc in &portal.documents {
        for v in doc.published() {
            items.push(LatestView {
                title: format!("{}, version {}", v.title, v.version),
                url: base.href(&version_path(&doc.id, v.version.as_str())),
                date: v.date.to_string(),
                category: "Avtal",
            });
        }
    }
    for n in portal.notices.iter().filter(|n| n.published) {
        items.push(LatestView {
            title: n.title.clone(),
            url: base.href(&n.url_path),
            date: n
                .updated
                .to_zoned_datetime(portal.config.timezone.clone())
                .date()
                .to_string(),
            category: "Driftinformation",
        });
    }
    items.sort_by(|a, b| b.date.cmp(&a.date).then(a.title.cmp(&b.title)));
    items.truncate(6);
    items
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_heading_is_the_leading_phrase_of_a_description() {
        for (description, heading) in [
            (
                "Avtal, anslutning och driftinformation för SSBTEK, tjänsten som ger socialtjänsten uppgifter från myndigheter och a-kassor.",
                Some("Avtal, anslutning och driftinformation för SSBTEK"),
            ),
            (
                "Information om SSBTEK. Här finns avtalen.",
                Some("Information om SSBTEK"),
            ),
            (
                "Avtal och drift, t.ex. underhåll. Mer här.",
                Some("Avtal och drift, t.ex. underhåll"),
            ),
            ("Välkommen!", None),
            ("", None),
            (
                "En mycket lång mening utan något enda kommatecken som kan delas vid en gräns i texten",
                None,
            ),
        ] {
            assert_eq!(leading_phrase(description), heading, "{description}");
        }
    }
}
