//! Checks that need the rendered site: every `#fragment` against the ids its target page
//! has as rendered (today, and in the versions that will be shown later), and the links
//! between the pages of agreements and their documents.
//!
//! Imports from `render` (what rendering collected) and the layers below it.

pub(crate) mod fragments;
pub(crate) mod hierarchy;
