//! The menus of `portal.yaml` checked against the routes: every entry must lead to a
//! published page (E0303).

use crate::analyze::routes::Routes;
use crate::model::portal::{Consequence, ConsequenceKind, Portal};
use crate::util::diag::Diagnostic;

/// Every menu entry must point at a published page. An entry for the page of a source
/// that failed to load goes to `consequences`: a note on that source's error.
pub(crate) fn check_menus(
    portal: &Portal,
    routes: &Routes,
    consequences: &mut Vec<Consequence>,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let entries = portal.config.menu.iter().chain(&portal.config.footer_menu);
    for item in entries.filter(|item| item.path.starts_with('/') && !routes.exists(&item.path)) {
        if let Some(source) = portal.failed.at_path(&item.path) {
            consequences.push(Consequence {
                source,
                at: item.location.clone(),
                kind: ConsequenceKind::Menu,
            });
            continue;
        }
        let d = Diagnostic::error(
            "E0303",
            format!("menu entry `{}` is not a published page", item.path),
        )
        .at(item.location.clone());
        let with_slash = format!("{}/", item.path.trim_end_matches('/'));
        out.push(if routes.exists(&with_slash) {
            d.hint(format!("write `{with_slash}`"))
        } else {
            d.hint("use the site path of a page, e.g. `/anslutning/` for `content/anslutning/_index.md`")
        });
    }
    out
}
