//! Checks that need the rendered site: every `#fragment` against the ids its target page
//! has as rendered (today, and in the versions that will be shown later), and the links
//! between the pages of agreements and their documents; the notices scheduled for later
//! publication (`scheduled`), checked as they will be published; and, last, what follows from a
//! source that failed to load, folded into that source's error (`cascades`).
//!
//! Imports from `render` (what rendering collected) and the layers below it.

pub(crate) mod cascades;
pub(crate) mod fragments;
pub(crate) mod hierarchy;
pub(crate) mod scheduled;
