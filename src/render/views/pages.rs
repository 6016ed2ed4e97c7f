//! Content pages (the start page, sections, pages) and the generated pages that show
//! little besides their title: the list of personal data, search and 404.

use super::notices::{listed_notices, lists_timed, notice_lists, notice_view};
use super::{Shown, SiteIndex, ViewInput, body_html, breadcrumbs, children, home_crumbs};
use crate::model::notice::{Notice, NoticeStatus};
use crate::model::page::PageKind;
use crate::model::paths::version_path;
use crate::model::portal::Portal;
use crate::render::markdown::Rendered;
use crate::render::theme::api::{LatestView, PageView};

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
    view.draft = page.draft;
    view.content = body_html(body);
    view.breadcrumbs = breadcrumbs(input, index, view.path);
    view.children = children(input, index, view.path);
    let template = match page.kind {
        PageKind::Start => {
            view.kind = "start";
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
