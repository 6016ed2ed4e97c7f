//! The bottom layer: helpers every layer may use, which know nothing of portals.
//!
//! Diagnostics and their rendering, source files and their `line:col`s, Swedish
//! alphabetical order, HTML escaping and attribute scanning, slugs, URLs as browsers
//! read them, the Content-Security-Policy, and the flag that cancels a build. Nothing
//! here imports from any other folder of the crate.

pub mod cancel;
pub(crate) mod collate;
pub mod csp;
pub mod diag;
pub(crate) mod html;
pub mod i18n;
pub(crate) mod packed;
pub mod slug;
pub mod source;
pub mod url;
