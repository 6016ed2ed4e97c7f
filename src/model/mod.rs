//! The immutable domain as plain data: the portal, its documents and their versions,
//! pages, notices and their Markdown sources, the list of personal-data types, the settings, dates and times, and
//! the site path of everything.
//!
//! `load` builds a [`portal::Portal`] once; every later stage only reads it. Nothing
//! here reads files or writes formats: loading is `load`'s, the feeds and exports are
//! `emit`'s. Imports only from `util`.

pub mod config;
pub(crate) mod datalist;
pub(crate) mod document;
pub mod notice;
pub(crate) mod page;
pub(crate) mod paths;
pub(crate) mod portal;
pub(crate) mod source;
pub mod time;
pub(crate) mod version;
