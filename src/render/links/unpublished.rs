//! Links to what is not on today's site: a draft, a notice held back until later, a
//! path nothing publishes. The messages name why, and the hints the nearest source or
//! page that is published.

use jiff::Timestamp;

use super::{LinkResolver, Resolution, broken, shown, unavailable};
use crate::analyze::routes::Publication;
use crate::model::time::short_time;
use crate::util::diag::closest;
use crate::util::i18n::msg;

impl LinkResolver<'_> {
    /// Whether `site_path`, not on today's site, is the page of a notice held back that
    /// is published no later than the page being rendered, itself held back: on that
    /// day, the link holds.
    pub(super) fn published_by_then(&self, site_path: &str) -> bool {
        let Some(then) = self.published_at else {
            return false;
        };
        matches!(
            self.routes.source_publishing(site_path),
            Some((_, Publication::From(at))) if at <= then
        )
    }

    /// A time in the portal's time zone, for messages: `2027-01-20 08:00`.
    fn local_time(&self, at: Timestamp) -> String {
        short_time(&at.to_zoned_datetime(self.portal.config.timezone.clone()))
    }

    /// A link to the Markdown file `rel`, whose page at `site_path` is not on the
    /// site: a draft, or a notice published later.
    pub(super) fn unpublished_file(&self, dest: &str, rel: &str, site_path: &str) -> Resolution {
        let message = match self.routes.source_publishing(site_path) {
            Some((file, Publication::From(at))) if file == rel => msg!(
                "e0301-file-is-scheduled",
                dest = shown(dest),
                file = rel,
                date = self.local_time(at),
            ),
            _ => msg!("e0301-file-is-draft", dest = shown(dest), file = rel),
        };
        broken(dest, message, None)
    }

    /// A site path that no page or file is published at: the failed source that would
    /// publish it, or a broken link with the most helpful hint there is.
    pub(super) fn unpublished_path(&self, dest: &str, site_path: &str) -> Resolution {
        let with_slash = format!("{}/", site_path.trim_end_matches('/'));
        let failed = &self.portal.failed;
        if let Some(source) = failed.at_path(site_path).or_else(|| {
            // `/personuppgifter` for the list that failed: the slash is not the mistake.
            (!self.routes.exists(&with_slash))
                .then(|| failed.at_path(&with_slash))
                .flatten()
        }) {
            return unavailable(dest, source);
        }
        let message = msg!(
            "e0301-nothing-at-path",
            dest = shown(dest),
            path = site_path
        );
        if self.routes.exists(&with_slash) {
            let source = (self.routes.markdown_source(&with_slash))
                .filter(|rel| *rel != self.from.rel_path)
                .map_or_else(
                    || "none".to_string(),
                    |rel| relative_to(&self.from.rel_path, rel),
                );
            let hint = msg!("e0301-add-slash", with_slash = with_slash, source = source);
            return broken(dest, message, Some(hint));
        }
        if let Some((rel, publication)) = self.routes.source_publishing(site_path) {
            let message = match publication {
                Publication::From(at) => msg!(
                    "e0301-page-is-scheduled",
                    dest = shown(dest),
                    path = site_path,
                    file = rel,
                    date = self.local_time(at),
                ),
                _ => msg!(
                    "e0301-page-is-draft",
                    dest = shown(dest),
                    path = site_path,
                    file = rel,
                ),
            };
            return broken(dest, message, None);
        }
        let near = self.near_page(site_path).map(|(rel, path)| {
            let source = relative_to(&self.from.rel_path, rel);
            msg!("e0301-near-page", path = path, source = source)
        });
        broken(dest, message, near)
    }

    /// The Markdown source nearest to `rel` (a root-relative `.md` path that does not
    /// exist), written relative to the linking file: its file name must be close to the
    /// one written (never the linking file itself); of equally close names, the one in
    /// `rel`'s folder, else the first in path order.
    pub(super) fn near_source(&self, rel: &str) -> Option<String> {
        let (folder, name) = rel.rsplit_once('/').unwrap_or(("", rel));
        let stem = name.strip_suffix(".md").unwrap_or(name);
        let candidates: Vec<(&str, &str, &str)> = self
            .routes
            .sources()
            .filter(|c| *c != self.from.rel_path)
            .filter_map(|c| {
                let (dir, file) = c.rsplit_once('/').unwrap_or(("", c));
                Some((c, dir, file.strip_suffix(".md")?))
            })
            .collect();
        let best = closest(stem, candidates.iter().map(|&(_, _, s)| s))?;
        let mut same_name: Vec<(&str, &str)> = candidates
            .iter()
            .filter(|(_, _, s)| *s == best)
            .map(|&(c, dir, _)| (c, dir))
            .collect();
        same_name.sort_unstable();
        let chosen = same_name
            .iter()
            .find(|(_, dir)| *dir == folder)
            .or_else(|| same_name.first())?;
        Some(relative_to(&self.from.rel_path, chosen.0))
    }

    /// The published page, made from a Markdown file, nearest to `site_path` (which
    /// nothing publishes): (its source, its site path). Its last segment must be close
    /// to the one written; the linking page itself is never suggested.
    pub(super) fn near_page(&self, site_path: &str) -> Option<(&str, &str)> {
        let last = |p: &str| {
            p.trim_end_matches('/')
                .rsplit('/')
                .next()
                .unwrap_or("")
                .to_string()
        };
        let written = last(site_path);
        let candidates: Vec<(&str, &str, String)> = self
            .routes
            .markdown_pages()
            .filter(|&(rel, _)| rel != self.from.rel_path)
            .map(|(rel, path)| (rel, path, last(path)))
            // The start page has no name to be near.
            .filter(|(_, _, l)| !l.is_empty())
            .collect();
        let best = closest(&written, candidates.iter().map(|(_, _, l)| l.as_str()))?;
        let tied: Vec<(&str, &str)> = candidates
            .iter()
            .filter(|(_, _, l)| l == best)
            .map(|&(rel, path, _)| (rel, path))
            .collect();
        // Of pages with that name, the one whose whole path is closest, else the first.
        let path =
            closest(site_path, tied.iter().map(|&(_, p)| p)).or(tied.first().map(|&(_, p)| p))?;
        tied.into_iter().find(|&(_, p)| p == path)
    }
}

/// `to` (root-relative) as a link written in `from` (root-relative) reaches it:
/// `content/a/b.md` → `content/c.md` is `../c.md`.
fn relative_to(from: &str, to: &str) -> String {
    let from_dir: Vec<&str> = from.split('/').collect();
    let from_dir = &from_dir[..from_dir.len().saturating_sub(1)];
    let to_parts: Vec<&str> = to.split('/').collect();
    let common = from_dir
        .iter()
        .zip(&to_parts)
        .take_while(|(a, b)| a == b)
        .count()
        .min(to_parts.len().saturating_sub(1));
    let mut out = "../".repeat(from_dir.len() - common);
    out.push_str(&to_parts[common..].join("/"));
    out
}
