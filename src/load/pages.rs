//! Content pages: `content/**/*.md` (but notices) → [`Page`], and the site path every
//! Markdown file under `content/` gets.

use std::path::Path;

use anyhow::Result;
use serde::Deserialize;

use crate::load::frontmatter;
use crate::load::walk::read_source;
use crate::model::page::{Page, PageKind, Review};
use crate::model::paths::CONTENT_DIR;
use crate::model::source::Source;
use crate::util::diag::{Diagnostic, Location};
use crate::util::i18n::msg;
use crate::util::slug::{is_slug, slugify};
use crate::util::source::SourceFile;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPage {
    title: Option<String>,
    description: Option<String>,
    weight: Option<i64>,
    draft: Option<bool>,
    date: Option<String>,
    reviewed: Option<String>,
    review_by: Option<String>,
}

pub(super) fn load_page_file(
    root: &Path,
    path: &Path,
    drafts: bool,
) -> Result<Result<Page, Diagnostic>> {
    let file = match read_source(root, path)? {
        Ok(file) => file,
        Err(d) => return Ok(Err(d)),
    };
    // The body is read again when the page is rendered: nothing else needs it, and a
    // large portal's bodies would otherwise be held for the whole build.
    Ok(parse_page(file, drafts).map(|page| Page {
        source: page.source.without_body(path.to_path_buf()),
        ..page
    }))
}

fn parse_page(file: SourceFile, drafts: bool) -> Result<Page, Diagnostic> {
    let (kind, url_path) = page_url(&file.rel_path)?;
    let (front, body_offset) = frontmatter::split(&file)?;
    let raw: RawPage = front.parse()?;
    let title = front.required("title", raw.title)?;
    let date = raw
        .date
        .as_deref()
        .map(|d| front.date("date", d))
        .transpose()?;
    let review = review(&front, raw.reviewed, raw.review_by)?;
    let draft = raw.draft.unwrap_or(false);
    Ok(Page {
        kind,
        url_path,
        title,
        description: frontmatter::optional_text(raw.description),
        weight: raw.weight,
        date,
        review,
        draft,
        published: !draft || drafts,
        source: Source::new(file, body_offset),
    })
}

/// `reviewed:` and `review_by:`, the second not before the first (E0111).
fn review(
    front: &frontmatter::YamlSource<'_>,
    reviewed: Option<String>,
    review_by: Option<String>,
) -> Result<Review, Diagnostic> {
    let reviewed = reviewed
        .as_deref()
        .map(|d| front.date("reviewed", d))
        .transpose()?;
    let review_by = review_by
        .as_deref()
        .map(|d| front.date("review_by", d))
        .transpose()?;
    if let (Some(reviewed), Some(review_by)) = (reviewed, review_by)
        && review_by < reviewed
    {
        let message = msg!(
            "e0111-review-before-reviewed",
            review_by = review_by.to_string(),
            reviewed = reviewed.to_string(),
        );
        return Err(Diagnostic::error("E0111", message).at(front.key("review_by")));
    }
    Ok(Review {
        reviewed,
        due: review_by.map(|d| (d, front.key("review_by"))),
    })
}

/// The kind and site path of `content/…/x.md`, or an error if a name is not URL-safe.
pub(super) fn page_url(rel: &str) -> Result<(PageKind, String), Diagnostic> {
    let inner = &rel[CONTENT_DIR.len() + 1..rel.len() - ".md".len()];
    let mut segments: Vec<&str> = inner.split('/').collect();
    let kind = if segments.last() == Some(&"_index") {
        segments.pop();
        if segments.is_empty() {
            PageKind::Start
        } else {
            PageKind::Section
        }
    } else {
        PageKind::Page
    };
    for segment in &segments {
        if !is_slug(segment) {
            return Err(unusable_name(segment, rel, &slugify(segment)));
        }
    }
    let mut url = String::from("/");
    for segment in segments {
        url.push_str(segment);
        url.push('/');
    }
    Ok((kind, url))
}

/// E0202: the file or folder name `segment` of `rel` cannot be used in a URL;
/// `suggestion` is the name to use instead. For pages and, in `load`, assets.
pub(super) fn unusable_name(segment: &str, rel: &str, suggestion: &str) -> Diagnostic {
    let message = msg!(
        "e0202-name-not-in-url",
        segment = segment,
        path = rel,
        slug = suggestion,
    );
    Diagnostic::error("E0202", message).at(Location::file(rel.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_urls() {
        assert_eq!(
            page_url("content/_index.md").unwrap(),
            (PageKind::Start, "/".into())
        );
        assert_eq!(
            page_url("content/anslutning/_index.md").unwrap(),
            (PageKind::Section, "/anslutning/".into())
        );
        assert_eq!(
            page_url("content/anslutning/kommun.md").unwrap(),
            (PageKind::Page, "/anslutning/kommun/".into())
        );
        let err = page_url("content/Testmiljö.md").unwrap_err();
        assert!(err.hint.unwrap().contains("`testmiljo`"));
    }
}
