//! Facts about the whole portal, worked out from the loaded model before anything is
//! rendered: the agreement hierarchy (today and on each day an upcoming version takes
//! effect), the route of every page, the menus' targets, the pages due for review, and
//! the next moment the site changes by time alone.
//!
//! Imports from `load`, `model` and `util` only. Nothing here reads Markdown bodies:
//! what needs them (the defined terms, the links in the text) is `render`'s.

pub(crate) mod hierarchy;
pub(crate) mod menus;
pub(crate) mod review;
pub(crate) mod routes;
pub mod schedule;
