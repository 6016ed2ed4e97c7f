//! The view structs: what templates see, under `site` ([`SiteView`]) and `page`
//! ([`PageView`]). They are the theme API: every `pub` field is visible to a theme, and
//! Tera 2 fails a build on an undefined value, so a field removed breaks custom themes
//! (ARCHITECTURE.md, "The view structs are the theme API"). Built by `render::views`.

use serde::Serialize;

/// A link as templates see it.
#[derive(Debug, Clone, Serialize)]
pub struct LinkView {
    /// The link text.
    pub title: String,
    /// The href (with the base path).
    pub url: String,
    /// The site path, for comparing with `page.path`.
    pub path: String,
}

/// What every page can use under `site`.
#[derive(Debug, Serialize)]
pub struct SiteView<'a> {
    /// The portal's name.
    pub title: &'a str,
    /// The default description.
    pub description: &'a str,
    /// `lang`.
    pub language: &'a str,
    /// The Content-Security-Policy for `<meta http-equiv="Content-Security-Policy"
    /// content="{{ site.csp }}">`, first in `<head>` after the charset. A theme that does
    /// not write it gets it inserted there.
    pub csp: &'static str,
    /// The base path, e.g. `/ssbtek/`, for static files: `{{ site.base_path }}style.css`.
    pub base_path: &'a str,
    /// The absolute URL of the start page.
    pub base_url: String,
    /// The main navigation.
    pub menu: Vec<LinkView>,
    /// Footer links.
    pub footer_menu: Vec<LinkView>,
    /// The build's date, `YYYY-MM-DD`.
    pub today: String,
    /// When the site was built, for the "Uppdaterad …" line beside every status that
    /// readers without JavaScript see.
    pub built: BuiltView,
    /// The href of the Atom feed of notices, if the portal has notices.
    pub atom_url: Option<String>,
    /// The href of the iCalendar file of maintenance windows, if the portal has notices.
    pub ics_url: Option<String>,
    /// The href of `/avtal/`, if the portal publishes agreements.
    pub agreements_url: Option<String>,
    /// The href of the search page.
    pub search_url: String,
    /// The href of the human site map.
    pub sitemap_url: String,
    /// Disturbances ongoing at the build's time.
    pub alerts: Vec<NoticeView>,
    /// Disturbances ongoing at the build's time or later, shown on every page, each with
    /// `when` it is ongoing (`hidden` at the build's time when it starts later).
    pub disturbances: Vec<TimedNotice>,
    /// Whether one of `disturbances` is ongoing at the build's time (else the banner
    /// is rendered `hidden`, for `clock.js` to show when the time comes).
    pub disturbances_shown: bool,
    /// Whether `disturbances` have boundaries, so every page needs `clock.js`.
    pub timed: bool,
}

/// The build's time as the no-JavaScript line "Uppdaterad 2026-11-26 10:00" shows it.
#[derive(Debug, Clone, Serialize)]
pub struct BuiltView {
    /// For `<time datetime>`: `2026-11-26T10:00:00+01:00`, or `2026-11-26` when the build
    /// was given a date.
    pub iso: String,
    /// `2026-11-26 10:00`, or `2026-11-26`.
    pub text: String,
}

/// When one alternative of a time-dependent statement holds, as the page carries it:
/// from `from` (absent: already at the build's time) until `until` (absent: for good),
/// both RFC 3339 with the offset of the portal's time zone. `clock.js` shows an element
/// with `data-from`/`data-until` exactly while the reader's clock is between them, so a
/// page renders every alternative its known future holds and hides all but the one true
/// at the build's time.
#[derive(Debug, Clone, Default, Serialize)]
pub struct When {
    /// Where the alternative starts to hold, if after the build's time.
    pub from: Option<String>,
    /// Where it stops holding, if it does.
    pub until: Option<String>,
    /// Whether it does not hold at the build's time (it starts later).
    pub hidden: bool,
    /// The attributes to write into the element's start tag with `| safe`:
    /// ` data-from="…" data-until="…" hidden` (empty when it always holds). Only times
    /// and fixed words, never text from the sources.
    pub attrs: String,
}

/// A status in one stretch of time: a version's or a notice's.
#[derive(Debug, Clone, Serialize)]
pub struct StatusState {
    /// When it holds.
    pub when: When,
    /// `current`, `superseded`, `upcoming`, `draft`; for notices `ongoing`, `upcoming`,
    /// `ended`.
    pub status: &'static str,
    /// The status in Swedish: `Gällande`, `Ersatt`, `Kommande`, `Pågående`, …
    pub label: &'static str,
}

/// A notice in a list during one stretch of time (its `status` and `status_label` are
/// those of that stretch): lists render a notice once for each status it will have, so
/// the order stays right whatever the reader's clock says.
#[derive(Debug, Clone, Serialize)]
pub struct TimedNotice {
    /// The notice.
    #[serde(flatten)]
    pub notice: NoticeView,
    /// When it is in this list.
    pub when: When,
}

/// The notices of the start page and of `/driftinformation/` by the status they have
/// over time.
#[derive(Debug, Clone, Default, Serialize)]
pub struct NoticeLists {
    /// Ongoing ones (newest start first), then upcoming ones (soonest first); a notice
    /// can be in both, in different stretches of time.
    pub current: Vec<TimedNotice>,
    /// Ended ones, newest start first.
    pub ended: Vec<TimedNotice>,
    /// Whether a notice of `current` is shown at the build's time.
    pub current_shown: bool,
    /// Whether a notice of `ended` is shown at the build's time.
    pub ended_shown: bool,
}

/// The version that takes effect next, as a banner or the `/avtal/` table names it.
#[derive(Debug, Clone, Serialize)]
pub struct NextVersion {
    /// Its version.
    pub version: String,
    /// When it takes effect (`YYYY-MM-DD`).
    pub valid_from: String,
    /// Its page.
    pub url: String,
    /// Its change view, when an earlier version is published.
    pub changes_url: Option<String>,
}

/// What a document version page says about the version's standing in one stretch of
/// time: its status, the version in force, the version coming next.
#[derive(Debug, Clone, Serialize)]
pub struct VersionState {
    /// When it holds.
    pub when: When,
    /// `current`, `superseded`, `upcoming` or `draft`.
    pub status: &'static str,
    /// The status in Swedish.
    pub label: &'static str,
    /// The version in force then, when it is not this one.
    pub current: Option<LinkView>,
    /// While this version is in force: the version that replaces it next, if known.
    pub next: Option<NextVersion>,
}

/// Which version of a listed document is in force in one stretch of time.
#[derive(Debug, Clone, Serialize)]
pub struct ListedState {
    /// When it holds.
    pub when: When,
    /// The version in force, if any.
    pub version: Option<String>,
    /// That version's date.
    pub date: Option<String>,
}

/// A document's row on `/avtal/` in one stretch of time.
#[derive(Debug, Clone, Serialize)]
pub struct SummaryState {
    /// When it holds.
    pub when: When,
    /// The version in force, if any.
    pub version: Option<String>,
    /// That version's date.
    pub date: Option<String>,
    /// That version's page.
    pub url: Option<String>,
    /// The versions that take effect later, soonest first.
    pub upcoming: Vec<NextVersion>,
}

/// A point in time, in the forms templates need.
#[derive(Debug, Clone, Serialize)]
pub struct TimeView {
    /// For `<time datetime>`: local time with offset.
    pub iso: String,
    /// `söndag 12 september 2021 kl. 06:00`.
    pub text: String,
    /// `2021-09-12 06:00`.
    pub short: String,
}

/// An operations notice as templates see it.
#[derive(Debug, Clone, Serialize)]
pub struct NoticeView {
    /// Title.
    pub title: String,
    /// Its page.
    pub url: String,
    /// `planerat-underhall`, `storning` or `information`.
    pub kind: &'static str,
    /// The kind in Swedish.
    pub kind_label: &'static str,
    /// `ongoing`, `upcoming` or `ended`.
    pub status: &'static str,
    /// The status in Swedish.
    pub status_label: &'static str,
    /// When, in words: `söndag 17 januari 2027 kl. 06.00–10.00`.
    pub period: String,
    /// Start.
    pub start: TimeView,
    /// End, if known.
    pub end: Option<TimeView>,
    /// When it was resolved.
    pub resolved: Option<TimeView>,
    /// Last changed.
    pub updated: TimeView,
    /// Affected environments, in Swedish.
    pub environments: Vec<&'static str>,
    /// Affected components.
    pub components: Vec<String>,
    /// The status over time (the first holds at the build's time).
    pub states: Vec<StatusState>,
}

/// A recent change on the start page.
#[derive(Debug, Clone, Serialize)]
pub struct LatestView {
    /// What changed.
    pub title: String,
    /// Where.
    pub url: String,
    /// When (`YYYY-MM-DD`).
    pub date: String,
    /// `Avtal` or `Driftinformation`.
    pub category: &'static str,
}

/// A node of the human site map.
#[derive(Debug, Clone, Serialize)]
pub struct SiteMapEntry {
    /// Title.
    pub title: String,
    /// Href.
    pub url: String,
    /// Pages below it.
    pub children: Vec<SiteMapEntry>,
}

/// One entry of a table of contents, with its sub-entries.
#[derive(Debug, Clone, Serialize)]
pub struct TocItem {
    /// The heading id.
    pub id: String,
    /// The heading text.
    pub text: String,
    /// Sub-headings.
    pub children: Vec<TocItem>,
}

/// A page listed on a section or start page.
#[derive(Debug, Clone, Serialize)]
pub struct ChildView<'a> {
    /// Its title.
    pub title: &'a str,
    /// Its href.
    pub url: String,
    /// Its description, if any.
    pub description: Option<&'a str>,
    /// Whether it is a section (has pages of its own).
    pub is_section: bool,
}

/// What a document version's revision-history row says, seen by templates as fields of
/// the row or document (`row.date`, `doc.date`).
#[derive(Debug, Clone, Serialize)]
pub struct VersionMeta<'a> {
    /// Version.
    pub version: &'a str,
    /// Datum.
    pub date: String,
    /// Författare.
    pub author: &'a str,
    /// Kommentar.
    pub comment: Option<&'a str>,
    /// When it takes effect.
    pub valid_from: String,
    /// `current`, `superseded`, `upcoming` or `draft` (drafts show only with `--drafts`).
    pub status: &'static str,
}

/// A row of a revision history.
#[derive(Debug, Clone, Serialize)]
pub struct HistoryRow<'a> {
    /// Version, date, author, comment, validity and status.
    #[serde(flatten)]
    pub meta: VersionMeta<'a>,
    /// The version page.
    pub url: String,
    /// Its change view, when an earlier version is published.
    pub changes_url: Option<String>,
    /// Whether this row is the version being shown.
    pub is_this: bool,
    /// The row's status over time (the first holds at the build's time).
    pub states: Vec<StatusState>,
}

/// An entry of a Handlingsförteckning as templates see it.
#[derive(Debug, Clone, Serialize)]
pub struct ListedView {
    /// 1-based position (precedence).
    pub position: usize,
    /// The document id.
    pub id: String,
    /// The document's title.
    pub title: String,
    /// The document page's href.
    pub url: String,
    /// Its current version, if any; on a document's own page, for the document itself,
    /// the version shown.
    pub version: Option<String>,
    /// That version's date.
    pub date: Option<String>,
    /// `version` and `date` over time (the first holds at the build's time).
    pub states: Vec<ListedState>,
    /// Whether this entry is the agreement document itself.
    pub is_self: bool,
    /// Other agreements that list the same document.
    pub shared_with: Vec<LinkView>,
}

/// An agreement a document belongs to: "Ingår i X som handling 2 av 5".
#[derive(Debug, Clone, Serialize)]
pub struct MembershipView {
    /// The agreement's title.
    pub title: String,
    /// Its page.
    pub url: String,
    /// The document's position in its list.
    pub position: usize,
    /// The number of documents in the list.
    pub total: usize,
}

/// The change view of one version against the previous published one.
#[derive(Debug, Clone, Serialize)]
pub struct ChangesView {
    /// The version compared with.
    pub from_version: String,
    /// Its page.
    pub from_url: String,
    /// The version shown.
    pub to_version: String,
    /// Its page.
    pub to_url: String,
    /// Metadata and section changes.
    pub changes: crate::render::changes::Changes,
}

/// A term on the glossary page.
#[derive(Debug, Clone, Serialize)]
pub struct GlossaryEntry {
    /// The term as written.
    pub term: String,
    /// Its anchor on the glossary page.
    pub id: String,
    /// Every document defining it.
    pub definitions: Vec<DefinitionView>,
}

/// One definition of a term.
#[derive(Debug, Clone, Serialize)]
pub struct DefinitionView {
    /// The definition.
    pub text: String,
    /// The defining document's title.
    pub document: String,
    /// The definition in that document.
    pub url: String,
}

/// One version of an agreement document as templates see it.
#[derive(Debug, Clone, Serialize)]
pub struct DocumentView<'a> {
    /// The document id.
    pub id: &'a str,
    /// Its title in this version.
    pub title: &'a str,
    /// The version shown: its version, date, author, comment, validity and status.
    #[serde(flatten)]
    pub meta: VersionMeta<'a>,
    /// Whether the file is a draft (previewed with `--drafts`).
    pub draft: bool,
    /// The version in force, when it is not this one.
    pub current: Option<LinkView>,
    /// The status, the version in force and the next version over time (the first
    /// holds at the build's time): what the status, the banners and `clock.js` show.
    pub states: Vec<VersionState>,
    /// The status alone over time (the first holds at the build's time).
    pub statuses: Vec<StatusState>,
    /// Party names.
    pub parties: &'a [String],
    /// All published versions, oldest first.
    pub history: Vec<HistoryRow<'a>>,
    /// The Handlingsförteckning, when this document is an agreement.
    pub documents: Vec<ListedView>,
    /// The agreements that list this document.
    pub part_of: Vec<MembershipView>,
}

/// A document on the `/avtal/` page.
#[derive(Debug, Clone, Serialize)]
pub struct DocumentSummary {
    /// The document id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// Its page.
    pub url: String,
    /// Its current version, if any.
    pub version: Option<String>,
    /// That version's date.
    pub date: Option<String>,
    /// When its next version applies, if one is upcoming.
    pub upcoming_from: Option<String>,
    /// The current and upcoming versions over time (the first holds at the build's time).
    pub states: Vec<SummaryState>,
    /// Its Handlingsförteckning (empty unless it is an agreement).
    pub documents: Vec<ListedView>,
}

/// What a template sees under `page`.
#[derive(Debug, Serialize)]
pub struct PageView<'a> {
    /// `start`, `section`, `page`, `document`, `changes`, `agreements`, `glossary`,
    /// `notices`, `notice`, `data_list`, `sitemap` or `not_found`.
    pub kind: &'static str,
    /// The site path (without the base path).
    pub path: &'a str,
    /// The absolute canonical URL.
    pub canonical: String,
    /// The title (the page's `<h1>`).
    pub title: &'a str,
    /// The meta description.
    pub description: &'a str,
    /// The page's date, if any.
    pub date: Option<String>,
    /// Whether the page, notice or document version is a draft (shown with `--drafts`).
    pub draft: bool,
    /// The way from the start page to this page's parent.
    pub breadcrumbs: Vec<LinkView>,
    /// This page's own label at the end of the breadcrumbs.
    pub crumb: String,
    /// The body HTML.
    pub content: &'a str,
    /// The table of contents (agreement documents).
    pub toc: Vec<TocItem>,
    /// Pages of a section or the start page.
    pub children: Vec<ChildView<'a>>,
    /// The document version shown, on document pages.
    pub document: Option<DocumentView<'a>>,
    /// Every document, on `/avtal/`.
    pub agreements: Vec<DocumentSummary>,
    /// The root agreements with their documents, on `/avtal/`.
    pub hierarchy: Vec<DocumentSummary>,
    /// The change view, on `/avtal/<id>/<version>/andringar/`.
    pub changes: Option<ChangesView>,
    /// Every defined term, on `/avtal/begrepp/`.
    pub glossary: Vec<GlossaryEntry>,
    /// Notices: all on `/driftinformation/`, ongoing and upcoming on the start page,
    /// with their status at the build's time.
    pub notices: Vec<NoticeView>,
    /// The same notices by the status they have over time.
    pub notice_lists: NoticeLists,
    /// The notice shown, on a notice page.
    pub notice: Option<NoticeView>,
    /// The list of personal-data types, on `/personuppgifter/`.
    pub data_list: Option<&'a crate::model::datalist::DataList>,
    /// Recent agreement versions and notices, on the start page.
    pub latest: Vec<LatestView>,
    /// Every page, on `/webbplatskarta/`.
    pub sitemap: Vec<SiteMapEntry>,
    /// Whether the page has statements with boundaries, which `clock.js` keeps true.
    pub timed: bool,
}
