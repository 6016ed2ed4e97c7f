//! The view structs: what templates see, under `site` ([`SiteView`]) and `page`
//! ([`PageView`]). They are the theme API: every `pub` field is visible to a theme, and
//! Tera 2 fails a build on an undefined value, so a field removed breaks custom themes
//! (ARCHITECTURE.md, "The view structs are the theme API"). Built by `render::views`.

use serde::Serialize;

/// A link as templates see it.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct LinkView {
    /// The link text.
    pub(crate) title: String,
    /// The href (with the base path).
    pub(crate) url: String,
    /// The site path, for comparing with `page.path`.
    pub(crate) path: String,
}

/// What every page can use under `site`.
#[derive(Debug, Serialize)]
pub(crate) struct SiteView<'a> {
    /// The portal's name.
    pub(crate) title: &'a str,
    /// The default description.
    pub(crate) description: &'a str,
    /// `lang`.
    pub(crate) language: &'a str,
    /// The Content-Security-Policy for `<meta http-equiv="Content-Security-Policy"
    /// content="{{ site.csp }}">`, first in `<head>` after the charset. A theme that does
    /// not write it gets it inserted there.
    pub(crate) csp: &'static str,
    /// The base path, e.g. `/ssbtek/`, for static files: `{{ site.base_path }}style.css`.
    pub(crate) base_path: &'a str,
    /// The absolute URL of the start page.
    pub(crate) base_url: String,
    /// The main navigation: `portal.yaml`'s `menu`, else the portal's top-level
    /// sections, `/avtal/`, `/driftinformation/` and `/personuppgifter/` as it has them.
    pub(crate) menu: Vec<LinkView>,
    /// Footer links: `footer_menu`, with `contact` and `accessibility_statement` added
    /// when it does not list them.
    pub(crate) footer_menu: Vec<LinkView>,
    /// The build's date, `YYYY-MM-DD`.
    pub(crate) today: String,
    /// When the site was built, for the "Uppdaterad …" line beside every status that
    /// readers without JavaScript see.
    pub(crate) built: BuiltView,
    /// The href of the Atom feed of notices, if the portal has notices.
    pub(crate) atom_url: Option<String>,
    /// The href of the iCalendar file of maintenance windows, if the portal has notices.
    pub(crate) ics_url: Option<String>,
    /// The href of `/avtal/`, if the portal publishes agreements.
    pub(crate) agreements_url: Option<String>,
    /// The href of the search page.
    pub(crate) search_url: String,
    /// The href of the human site map.
    pub(crate) sitemap_url: String,
    /// Disturbances ongoing at the build's time.
    pub(crate) alerts: Vec<NoticeView>,
    /// Disturbances ongoing at the build's time or later, shown on every page, each with
    /// `when` it is ongoing (`hidden` at the build's time when it starts later).
    pub(crate) disturbances: Vec<TimedNotice>,
    /// Whether one of `disturbances` is ongoing at the build's time (else the banner
    /// is rendered `hidden`, for `clock.js` to show when the time comes).
    pub(crate) disturbances_shown: bool,
    /// Whether `disturbances` have boundaries, so every page needs `clock.js`.
    pub(crate) timed: bool,
    /// The href of the glossary `/avtal/begrepp/`, if the portal defines terms.
    pub(crate) glossary_url: Option<String>,
    /// Who runs the site (`publisher` in `portal.yaml`), for the footer.
    pub(crate) publisher: Option<&'a str>,
    /// The contact details (`contact`, else a `footer_menu` entry for them, as W0103
    /// counts it), also in `footer_menu`.
    pub(crate) contact: Option<LinkView>,
    /// The accessibility statement (`accessibility_statement`, else a `footer_menu`
    /// entry for it), also in `footer_menu`.
    pub(crate) accessibility_statement: Option<LinkView>,
}

/// The build's time as the no-JavaScript line "Uppdaterad 2026-11-26 10:00" shows it.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct BuiltView {
    /// For `<time datetime>`: `2026-11-26T10:00:00+01:00`, or `2026-11-26` when the build
    /// was given a date.
    pub(crate) iso: String,
    /// `2026-11-26 10:00`, or `2026-11-26`.
    pub(crate) text: String,
}

/// When one alternative of a time-dependent statement holds, as the page carries it:
/// from `from` (absent: already at the build's time) until `until` (absent: for good),
/// both RFC 3339 with the offset of the portal's time zone. `clock.js` shows an element
/// with `data-from`/`data-until` exactly while the reader's clock is between them, so a
/// page renders every alternative its known future holds and hides all but the one true
/// at the build's time.
#[derive(Debug, Clone, Default, Serialize)]
pub(crate) struct When {
    /// Where the alternative starts to hold, if after the build's time.
    pub(crate) from: Option<String>,
    /// Where it stops holding, if it does.
    pub(crate) until: Option<String>,
    /// Whether it does not hold at the build's time (it starts later).
    pub(crate) hidden: bool,
    /// The attributes to write into the element's start tag with `| safe`:
    /// ` data-from="…" data-until="…" hidden` (empty when it always holds). Only times
    /// and fixed words, never text from the sources.
    pub(crate) attrs: String,
}

/// A status in one stretch of time: a version's or a notice's.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct StatusState {
    /// When it holds.
    pub(crate) when: When,
    /// `current`, `superseded`, `upcoming`, `draft`; for notices `ongoing`, `upcoming`,
    /// `ended`.
    pub(crate) status: &'static str,
    /// The status in Swedish: `Gällande`, `Ersatt`, `Kommande`, `Pågående`, …
    pub(crate) label: &'static str,
}

/// A notice in a list during one stretch of time (its `status` and `status_label` are
/// those of that stretch): lists render a notice once for each status it will have, so
/// the order stays right whatever the reader's clock says.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct TimedNotice {
    /// The notice.
    #[serde(flatten)]
    pub(crate) notice: NoticeView,
    /// When it is in this list.
    pub(crate) when: When,
}

/// The notices of the start page and of `/driftinformation/` by the status they have
/// over time.
#[derive(Debug, Clone, Default, Serialize)]
pub(crate) struct NoticeLists {
    /// Ongoing ones (newest start first), then upcoming ones (soonest first); a notice
    /// can be in both, in different stretches of time.
    pub(crate) current: Vec<TimedNotice>,
    /// Ended ones, newest start first.
    pub(crate) ended: Vec<TimedNotice>,
    /// Whether a notice of `current` is shown at the build's time.
    pub(crate) current_shown: bool,
    /// Whether a notice of `ended` is shown at the build's time.
    pub(crate) ended_shown: bool,
}

/// The version that takes effect next, as a banner or the `/avtal/` table names it.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct NextVersion {
    /// Its version.
    pub(crate) version: String,
    /// When it takes effect (`YYYY-MM-DD`).
    pub(crate) valid_from: String,
    /// Its page.
    pub(crate) url: String,
    /// Its change view, when an earlier version is published.
    pub(crate) changes_url: Option<String>,
}

/// What a document version page says about the version's standing in one stretch of
/// time: its status, the version in force, the version coming next.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct VersionState {
    /// When it holds.
    pub(crate) when: When,
    /// `current`, `superseded`, `upcoming` or `draft`.
    pub(crate) status: &'static str,
    /// The status in Swedish.
    pub(crate) label: &'static str,
    /// The version in force then, when it is not this one.
    pub(crate) current: Option<LinkView>,
    /// While this version is in force: the version that replaces it next, if known.
    pub(crate) next: Option<NextVersion>,
}

/// Which version of a listed document is in force in one stretch of time.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct ListedState {
    /// When it holds.
    pub(crate) when: When,
    /// The version in force, if any.
    pub(crate) version: Option<String>,
    /// That version's date.
    pub(crate) date: Option<String>,
}

/// A document's row on `/avtal/` in one stretch of time.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct SummaryState {
    /// When it holds.
    pub(crate) when: When,
    /// The version in force, if any.
    pub(crate) version: Option<String>,
    /// That version's date.
    pub(crate) date: Option<String>,
    /// That version's page.
    pub(crate) url: Option<String>,
    /// The versions that take effect later, soonest first.
    pub(crate) upcoming: Vec<NextVersion>,
}

/// A point in time, in the forms templates need.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct TimeView {
    /// For `<time datetime>`: local time with offset.
    pub(crate) iso: String,
    /// `söndag 12 september 2021 kl. 06:00`.
    pub(crate) text: String,
    /// `2021-09-12 06:00`.
    pub(crate) short: String,
}

/// An operations notice as templates see it.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct NoticeView {
    pub(crate) title: String,
    /// Its page.
    pub(crate) url: String,
    /// `planerat-underhall`, `storning` or `information`.
    pub(crate) kind: &'static str,
    /// The kind in Swedish.
    pub(crate) kind_label: &'static str,
    /// `ongoing`, `upcoming` or `ended`.
    pub(crate) status: &'static str,
    /// The status in Swedish.
    pub(crate) status_label: &'static str,
    /// When, in words: `söndag 17 januari 2027 kl. 06.00–10.00`.
    pub(crate) period: String,
    pub(crate) start: TimeView,
    /// End, if known.
    pub(crate) end: Option<TimeView>,
    /// When it was resolved.
    pub(crate) resolved: Option<TimeView>,
    /// Last changed.
    pub(crate) updated: TimeView,
    /// Affected environments, in Swedish.
    pub(crate) environments: Vec<&'static str>,
    /// Affected components.
    pub(crate) components: Vec<String>,
    /// The status over time (the first holds at the build's time).
    pub(crate) states: Vec<StatusState>,
}

/// A recent change on the start page.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct LatestView {
    /// What changed: the notice's title, or the document's title and version.
    pub(crate) title: String,
    /// The href of the notice or of the document version's own page.
    pub(crate) url: String,
    /// When (`YYYY-MM-DD`).
    pub(crate) date: String,
    /// `Avtal` or `Driftinformation`.
    pub(crate) category: &'static str,
}

/// A node of the human site map.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct SiteMapEntry {
    /// What the link reads: the title of the page, document or notice.
    pub(crate) title: String,
    /// The page's href (with the site's base path).
    pub(crate) url: String,
    /// Pages below it.
    pub(crate) children: Vec<SiteMapEntry>,
}

/// One entry of a table of contents, with its sub-entries.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct TocItem {
    /// The heading id.
    pub(crate) id: String,
    /// The heading text.
    pub(crate) text: String,
    /// Sub-headings.
    pub(crate) children: Vec<TocItem>,
}

/// A page listed on a section or start page.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct ChildView<'a> {
    /// Its title.
    pub(crate) title: &'a str,
    /// Its href.
    pub(crate) url: String,
    /// Its description, if any.
    pub(crate) description: Option<&'a str>,
    /// Whether it is a section (has pages of its own).
    pub(crate) is_section: bool,
}

/// What a document version's revision-history row says, seen by templates as fields of
/// the row or document (`row.date`, `doc.date`).
#[derive(Debug, Clone, Serialize)]
pub(crate) struct VersionMeta<'a> {
    pub(crate) version: &'a str,
    /// The version's `date:` (`YYYY-MM-DD`), the revision history's "Datum".
    pub(crate) date: String,
    /// The version's `author:`, the revision history's "Författare".
    pub(crate) author: &'a str,
    /// The version's `comment:`, the revision history's "Kommentar", if it has one.
    pub(crate) comment: Option<&'a str>,
    /// When it takes effect.
    pub(crate) valid_from: String,
    /// `current`, `superseded`, `upcoming` or `draft` (drafts show only with `--drafts`).
    pub(crate) status: &'static str,
}

/// A row of a revision history.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct HistoryRow<'a> {
    /// Version, date, author, comment, validity and status.
    #[serde(flatten)]
    pub(crate) meta: VersionMeta<'a>,
    /// The version page.
    pub(crate) url: String,
    /// Its change view, when an earlier version is published.
    pub(crate) changes_url: Option<String>,
    /// Whether this row is the version being shown.
    pub(crate) is_this: bool,
    /// The row's status over time (the first holds at the build's time).
    pub(crate) states: Vec<StatusState>,
}

/// An entry of a Handlingsförteckning as templates see it.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct ListedView {
    /// When the entry is in the list (on `/avtal/`, the list of the version in force
    /// changes when another version takes effect; always, on a version's own page).
    pub(crate) when: When,
    /// 1-based position (precedence).
    pub(crate) position: usize,
    /// The document id.
    pub(crate) id: String,
    /// The document's title.
    pub(crate) title: String,
    /// The document page's href.
    pub(crate) url: String,
    /// Its current version, if any; on a document's own page, for the document itself,
    /// the version shown.
    pub(crate) version: Option<String>,
    /// That version's date.
    pub(crate) date: Option<String>,
    /// `version` and `date` over time (the first holds at the build's time).
    pub(crate) states: Vec<ListedState>,
    /// Whether this entry is the agreement document itself.
    pub(crate) is_self: bool,
    /// Other agreements that list the same document.
    pub(crate) shared_with: Vec<LinkView>,
}

/// An agreement a document belongs to: "Ingår i X som handling 2 av 5".
#[derive(Debug, Clone, Serialize)]
pub(crate) struct MembershipView {
    /// When the document has this place (an agreement's list changes when another
    /// version of it takes effect).
    pub(crate) when: When,
    /// The agreement's title.
    pub(crate) title: String,
    /// Its page.
    pub(crate) url: String,
    /// The document's position in its list.
    pub(crate) position: usize,
    /// The number of documents in the list.
    pub(crate) total: usize,
}

/// The change view of one version against the previous published one.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct ChangesView {
    /// The version compared with.
    pub(crate) from_version: String,
    /// Its page.
    pub(crate) from_url: String,
    /// The version shown.
    pub(crate) to_version: String,
    /// Its page.
    pub(crate) to_url: String,
    /// Metadata and section changes.
    pub(crate) changes: crate::render::changes::Changes,
    /// Whether `from_version` is the published version just before `to_version` (the
    /// version's own change view) rather than an earlier one.
    pub(crate) adjacent: bool,
    /// The change views of the document around this one, by newer version (newest
    /// first): what a reader can compare, as links, so that it works without
    /// JavaScript. Every one while the document has at most 12 published versions;
    /// beyond that those whose versions are near the two compared (`NEARBY_VERSIONS` in
    /// `render::views::documents`), so that no page grows with the number of versions.
    /// See: issue 10.
    pub(crate) comparisons: Vec<ComparisonRow>,
    /// How many versions are published.
    pub(crate) versions: usize,
    /// The full revision history on the document's main page, when `comparisons`
    /// leaves some change views out.
    pub(crate) all_versions_url: Option<String>,
}

/// The change views of one version of a document against earlier ones.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct ComparisonRow {
    /// The newer version.
    pub(crate) version: String,
    /// The earlier versions it is compared with, newest first.
    pub(crate) with: Vec<ComparisonLink>,
}

/// One change view in a [`ComparisonRow`].
#[derive(Debug, Clone, Serialize)]
pub(crate) struct ComparisonLink {
    /// The earlier version.
    pub(crate) version: String,
    /// The change view's href.
    pub(crate) url: String,
    /// Whether it is the change view shown.
    pub(crate) is_this: bool,
}

/// A term on the glossary page.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct GlossaryEntry {
    /// The term as written.
    pub(crate) term: String,
    /// Its anchor on the glossary page.
    pub(crate) id: String,
    /// Every document defining it.
    pub(crate) definitions: Vec<DefinitionView>,
}

/// One definition of a term.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct DefinitionView {
    /// The definition.
    pub(crate) text: String,
    /// The defining document's title.
    pub(crate) document: String,
    /// The definition in that document.
    pub(crate) url: String,
}

/// One version of an agreement document as templates see it.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct DocumentView<'a> {
    /// The document id.
    pub(crate) id: &'a str,
    /// Its title in this version.
    pub(crate) title: &'a str,
    /// The version shown: its version, date, author, comment, validity and status.
    #[serde(flatten)]
    pub(crate) meta: VersionMeta<'a>,
    /// Whether the file is a draft (previewed with `--drafts`).
    pub(crate) draft: bool,
    /// The version in force, when it is not this one.
    pub(crate) current: Option<LinkView>,
    /// The status, the version in force and the next version over time (the first
    /// holds at the build's time): what the status, the banners and `clock.js` show.
    pub(crate) states: Vec<VersionState>,
    /// The status alone over time (the first holds at the build's time).
    pub(crate) statuses: Vec<StatusState>,
    /// Party names.
    pub(crate) parties: &'a [String],
    /// The published versions, oldest first: all of them on the document's main page;
    /// on a version page or a change view, the at most 12 around the version shown
    /// (`NEARBY_VERSIONS` in `render::views::documents`), so that no page grows with
    /// the number of versions. See: issue 10.
    pub(crate) history: Vec<HistoryRow<'a>>,
    /// How many versions are published (`history` may hold fewer).
    pub(crate) history_total: usize,
    /// The full revision history on the document's main page, when `history` holds
    /// only some of the versions.
    pub(crate) history_all_url: Option<String>,
    /// The Handlingsförteckning, when this document is an agreement.
    pub(crate) documents: Vec<ListedView>,
    /// The agreements that list this document.
    pub(crate) part_of: Vec<MembershipView>,
    /// Whether one of `part_of` holds at the build's time (the list may hold only
    /// entries that begin later).
    pub(crate) part_of_shown: bool,
}

/// A document on the `/avtal/` page.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct DocumentSummary {
    /// The document id.
    pub(crate) id: String,
    /// Its title.
    pub(crate) title: String,
    /// Its page.
    pub(crate) url: String,
    /// Its current version, if any.
    pub(crate) version: Option<String>,
    /// That version's date.
    pub(crate) date: Option<String>,
    /// When its next version applies, if one is upcoming.
    pub(crate) upcoming_from: Option<String>,
    /// The current and upcoming versions over time (the first holds at the build's time).
    pub(crate) states: Vec<SummaryState>,
    /// Its Handlingsförteckning (empty unless it is an agreement).
    pub(crate) documents: Vec<ListedView>,
}

/// What a template sees under `page`.
#[derive(Debug, Serialize)]
pub(crate) struct PageView<'a> {
    /// `start`, `section`, `page`, `document`, `changes`, `agreements`, `glossary`,
    /// `notices`, `notice`, `data_list`, `sitemap` or `not_found`.
    pub(crate) kind: &'static str,
    /// The site path (without the base path).
    pub(crate) path: &'a str,
    /// The absolute canonical URL.
    pub(crate) canonical: String,
    /// The title (the page's `<h1>`).
    pub(crate) title: &'a str,
    /// The meta description.
    pub(crate) description: &'a str,
    /// The page's date, if any.
    pub(crate) date: Option<String>,
    /// Whether the page, notice or document version is a draft (shown with `--drafts`).
    pub(crate) draft: bool,
    /// The way from the start page to this page's parent.
    pub(crate) breadcrumbs: Vec<LinkView>,
    /// This page's own label at the end of the breadcrumbs.
    pub(crate) crumb: String,
    /// The body HTML.
    pub(crate) content: &'a str,
    /// The table of contents (agreement documents).
    pub(crate) toc: Vec<TocItem>,
    /// Pages of a section or the start page.
    pub(crate) children: Vec<ChildView<'a>>,
    /// The document version shown, on document pages.
    pub(crate) document: Option<DocumentView<'a>>,
    /// Every document, on `/avtal/`.
    pub(crate) agreements: Vec<DocumentSummary>,
    /// The root agreements with their documents, on `/avtal/`.
    pub(crate) hierarchy: Vec<DocumentSummary>,
    /// The change view, on `/avtal/<id>/<version>/andringar/`.
    pub(crate) changes: Option<ChangesView>,
    /// Every defined term, on `/avtal/begrepp/`.
    pub(crate) glossary: Vec<GlossaryEntry>,
    /// Notices: all on `/driftinformation/`, ongoing and upcoming on the start page,
    /// with their status at the build's time.
    pub(crate) notices: Vec<NoticeView>,
    /// The same notices by the status they have over time.
    pub(crate) notice_lists: NoticeLists,
    /// The notice shown, on a notice page.
    pub(crate) notice: Option<NoticeView>,
    /// The list of personal-data types, on `/personuppgifter/`.
    pub(crate) data_list: Option<&'a crate::model::datalist::DataList>,
    /// Recent agreement versions and notices, on the start page.
    pub(crate) latest: Vec<LatestView>,
    /// Every page, on `/webbplatskarta/`.
    pub(crate) sitemap: Vec<SiteMapEntry>,
    /// Whether the page has statements with boundaries, which `clock.js` keeps true.
    pub(crate) timed: bool,
    /// What every printed page of it says at its top and bottom.
    pub(crate) print: PrintView,
    /// A content page's `reviewed:` date ("Senast granskad …"), if it has one.
    pub(crate) reviewed: Option<DayView>,
}

/// What a printed page carries on every sheet (the default theme puts it in the page
/// margins, and once at the top for browsers without margin boxes), so a sheet filed on
/// its own still says what it is, which version, and where the text stays published.
#[derive(Debug, Clone, Default, Serialize)]
pub(crate) struct PrintView {
    /// The page's title; for a document version `SSBTEK – Driftsavtal, version 1.1`.
    pub(crate) title: String,
    /// For a document version, when it applies: `gäller från 2021-07-01` or
    /// `gäller från 2021-07-01 till och med 2026-12-31` (the day before the next
    /// published version takes effect); empty for other pages.
    pub(crate) validity: String,
    /// The page's permanent absolute URL: for a document, its version's page, which
    /// keeps this text when a later version takes over the document's main page.
    pub(crate) url: String,
}

/// A day, for `<time datetime>` and for the reader.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct DayView {
    /// `YYYY-MM-DD`.
    pub(crate) iso: String,
    /// `3 mars 2026`.
    pub(crate) text: String,
}
