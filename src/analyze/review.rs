//! Pages due for review (W0102): a connection guide whose `review_by:` day has passed is
//! likely to describe a service as it was, so every build after that day says so.

use crate::model::portal::Portal;
use crate::util::diag::Diagnostic;
use crate::util::i18n::msg;

/// W0102 for every published page whose `review_by:` day is before the build's date.
pub(crate) fn check_reviews(portal: &Portal) -> Vec<Diagnostic> {
    portal
        .pages
        .iter()
        .filter(|page| page.published)
        .filter_map(|page| {
            let (due, at) = page.review.due.as_ref()?;
            (*due < portal.today).then(|| {
                let reviewed = page
                    .review
                    .reviewed
                    .map_or("none".into(), |d| d.to_string());
                let message = msg!(
                    "w0102-due-for-review",
                    title = &page.title,
                    due = due.to_string(),
                    reviewed = reviewed,
                    today = portal.today.to_string(),
                );
                Diagnostic::warning("W0102", message).at(at.clone())
            })
        })
        .collect()
}
