//! The only writers of what is published besides the pages: the output folder itself
//! (`output`: a staging folder swapped in at the end, or memory for `serve`), the feeds
//! (`atom`, `feeds`), the exports of the list of personal-data types (`exports`),
//! `sitemap.xml` and `robots.txt` (`files`, which also lists every generated file) and
//! `manifest.json` (`manifest`).
//!
//! Each format is written from the model here and nowhere else: a `Notice` does not know
//! Atom. Imports from any layer below.

pub(crate) mod atom;
pub(crate) mod exports;
pub(crate) mod feeds;
pub(crate) mod files;
pub(crate) mod manifest;
pub mod output;
