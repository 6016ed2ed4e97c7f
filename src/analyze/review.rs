//! Pages due for review (W0102): a connection guide whose `review_by:` day has passed is
//! likely to describe a service as it was, so every build after that day says so.

use crate::model::portal::Portal;
use crate::util::diag::Diagnostic;

/// W0102 for every published page whose `review_by:` day is before the build's date.
pub(crate) fn check_reviews(portal: &Portal) -> Vec<Diagnostic> {
    portal
        .pages
        .iter()
        .filter(|page| page.published)
        .filter_map(|page| {
            let (due, at) = page.review.due.as_ref()?;
            (*due < portal.today).then(|| {
                let reviewed = match page.review.reviewed {
                    Some(day) => format!("last reviewed {day}, "),
                    None => String::new(),
                };
                Diagnostic::warning(
                    "W0102",
                    format!("`{}` was due for review on {due}", page.title),
                )
                .at(at.clone())
                .note(format!("{reviewed}the build's date is {}", portal.today))
                .hint("check the page against the service as it is now, then set `reviewed:` to today and `review_by:` to the next check")
            })
        })
        .collect()
}
