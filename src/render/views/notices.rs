//! The notice pages: `/driftinformation/` and each notice, the notices of the start
//! page, and the disturbances every page shows.

use std::cmp::Reverse;

use jiff::tz::TimeZone;

use super::time::{Span, notice_spans, when};
use super::{Shown, SiteIndex, ViewInput, body_html, home_crumbs, intro, link};
use crate::model::notice::{Notice, NoticeKind, NoticeStatus, list_order};
use crate::model::paths::NOTICES_PATH;
use crate::model::portal::Portal;
use crate::model::time::{iso_zoned, short_time, swedish_period, swedish_zoned};
use crate::render::markdown::Rendered;
use crate::render::theme::api::{
    NoticeLists, NoticeView, PageView, StatusState, TimeView, TimedNotice,
};

/// `/driftinformation/`: every published notice, by the status each has over time.
pub(super) fn list<'a>(
    input: &ViewInput<'a>,
    index: &SiteIndex<'a>,
    view: &mut PageView<'a>,
    body: Option<&'a Rendered>,
) -> Shown<'a> {
    let portal = input.portal;
    view.kind = "notices";
    view.title = index.notices_title;
    let description = intro(input, view, input.routes.notices_intro, body);
    view.breadcrumbs = home_crumbs(input, index);
    let listed = listed_notices(portal);
    view.notices = listed.iter().map(|n| notice_view(portal, n)).collect();
    view.notice_lists = notice_lists(portal, &listed, true);
    view.timed = lists_timed(&view.notice_lists);
    Shown {
        template: "notices.html",
        description,
    }
}

/// The page of notice `i`.
pub(super) fn one<'a>(
    input: &ViewInput<'a>,
    index: &SiteIndex<'a>,
    view: &mut PageView<'a>,
    i: usize,
    body: Option<&'a Rendered>,
) -> Shown<'a> {
    let n = &input.portal.notices[i];
    view.kind = "notice";
    view.title = &n.title;
    view.draft = n.draft;
    view.content = body_html(body);
    view.breadcrumbs = vec![
        link(input, index.start_title(), "/"),
        link(input, index.notices_title, NOTICES_PATH),
    ];
    let notice = notice_view(input.portal, n);
    view.timed = notice.states.len() > 1;
    view.notice = Some(notice);
    Shown {
        template: "notice.html",
        description: n.description.as_deref(),
    }
}

/// The disturbances that are ongoing at the build's time or will be, each with the
/// stretch of time in which it is.
pub(super) fn disturbances(portal: &Portal) -> Vec<TimedNotice> {
    let tz = &portal.config.timezone;
    portal
        .notices
        .iter()
        .filter(|n| n.published && n.kind == NoticeKind::Disturbance)
        .flat_map(|n| {
            notice_spans(n, portal.now)
                .into_iter()
                .filter(|span| span.state == NoticeStatus::Ongoing)
                .map(move |span| timed_notice(portal, n, &span, tz))
        })
        .collect()
}

fn time_view(t: jiff::Timestamp, tz: &jiff::tz::TimeZone) -> TimeView {
    let z = t.to_zoned_datetime(tz.clone());
    TimeView {
        iso: iso_zoned(&z),
        text: swedish_zoned(&z),
        short: short_time(&z),
    }
}

/// A notice as templates see it.
pub(super) fn notice_view(portal: &Portal, n: &Notice) -> NoticeView {
    let tz = &portal.config.timezone;
    let status = n.status(portal.now);
    let states = notice_spans(n, portal.now)
        .iter()
        .map(|span| StatusState {
            when: when(span, tz),
            status: span.state.id(),
            label: span.state.label(n.kind),
        })
        .collect();
    NoticeView {
        title: n.title.clone(),
        url: portal.config.base_url.href(&n.url_path),
        kind: n.kind.id(),
        kind_label: n.kind.label(),
        status: status.id(),
        status_label: status.label(n.kind),
        period: swedish_period(n.start, n.end, tz),
        start: time_view(n.start, tz),
        end: n.end.map(|t| time_view(t, tz)),
        resolved: n.resolved.map(|t| time_view(t, tz)),
        updated: time_view(n.updated, tz),
        environments: n.environments.iter().map(|e| e.label()).collect(),
        components: n.components.clone(),
        states,
    }
}

/// Notice `n` as one list shows it during `span`: with that stretch's status.
fn timed_notice(
    portal: &Portal,
    n: &Notice,
    span: &Span<NoticeStatus>,
    tz: &TimeZone,
) -> TimedNotice {
    let mut notice = notice_view(portal, n);
    notice.status = span.state.id();
    notice.status_label = span.state.label(n.kind);
    TimedNotice {
        notice,
        when: when(span, tz),
    }
}

/// `notices` by the status each has over time: every notice is in the list of each
/// status it has from the build's time on, and each list is sorted by what does not
/// change (start), so it is in `list_order` whenever it is read.
pub(super) fn notice_lists(portal: &Portal, notices: &[&Notice], with_ended: bool) -> NoticeLists {
    let tz = &portal.config.timezone;
    let mut ongoing = Vec::new();
    let mut upcoming = Vec::new();
    let mut ended = Vec::new();
    for &n in notices {
        for span in notice_spans(n, portal.now) {
            match span.state {
                NoticeStatus::Ongoing => ongoing.push((n, span)),
                NoticeStatus::Upcoming => upcoming.push((n, span)),
                NoticeStatus::Ended if with_ended => ended.push((n, span)),
                NoticeStatus::Ended => {}
            }
        }
    }
    ongoing.sort_by_key(|(n, _)| (Reverse(n.start), n.url_path.as_str()));
    upcoming.sort_by_key(|(n, _)| (n.start, n.url_path.as_str()));
    ended.sort_by_key(|(n, _)| (Reverse(n.start), n.url_path.as_str()));
    let views = |list: Vec<(&Notice, Span<NoticeStatus>)>| -> Vec<TimedNotice> {
        list.into_iter()
            .map(|(n, span)| timed_notice(portal, n, &span, tz))
            .collect()
    };
    let current: Vec<TimedNotice> = views(ongoing).into_iter().chain(views(upcoming)).collect();
    let ended = views(ended);
    NoticeLists {
        current_shown: current.iter().any(|n| !n.when.hidden),
        ended_shown: ended.iter().any(|n| !n.when.hidden),
        current,
        ended,
    }
}

/// Whether a list of notices has an entry that appears or disappears after the build.
pub(super) fn lists_timed(lists: &NoticeLists) -> bool {
    lists
        .current
        .iter()
        .chain(&lists.ended)
        .any(|n| n.when.from.is_some() || n.when.until.is_some())
}

/// Published notices in list order.
pub(super) fn listed_notices(portal: &Portal) -> Vec<&Notice> {
    let mut list: Vec<&Notice> = portal.notices.iter().filter(|n| n.published).collect();
    list_order(&mut list, portal.now);
    list
}
