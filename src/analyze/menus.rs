//! The menus of `portal.yaml` checked against the routes: every entry must lead to a
//! published page (E0303).

use crate::analyze::routes::Routes;
use crate::model::portal::Portal;
use crate::util::diag::Diagnostic;

/// Every menu entry must point at a published page.
pub(crate) fn check_menus(portal: &Portal, routes: &Routes) -> Vec<Diagnostic> {
    portal
        .config
        .menu
        .iter()
        .chain(&portal.config.footer_menu)
        .filter(|item| item.path.starts_with('/') && !routes.exists(&item.path))
        .map(|item| {
            let d = Diagnostic::error(
                "E0303",
                format!("menu entry `{}` is not a published page", item.path),
            )
            .at(item.location.clone());
            let with_slash = format!("{}/", item.path.trim_end_matches('/'));
            if routes.exists(&with_slash) {
                d.hint(format!("write `{with_slash}`"))
            } else {
                d.hint("use the site path of a page, e.g. `/anslutning/` for `content/anslutning/_index.md`")
            }
        })
        .collect()
}
