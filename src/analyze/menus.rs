//! The menus of `portal.yaml` checked against the routes: every entry must lead to a
//! published page (E0303).

use crate::analyze::routes::Routes;
use crate::model::portal::Portal;
use crate::util::diag::Diagnostic;
use crate::util::i18n::msg;

/// Every menu entry must point at a published page.
pub(crate) fn check_menus(portal: &Portal, routes: &Routes) -> Vec<Diagnostic> {
    portal
        .config
        .menu
        .iter()
        .chain(&portal.config.footer_menu)
        .filter(|item| item.path.starts_with('/') && !routes.exists(&item.path))
        .map(|item| {
            let d = Diagnostic::error("E0303", msg!("e0303-not-a-page", path = &item.path))
                .at(item.location.clone());
            let with_slash = format!("{}/", item.path.trim_end_matches('/'));
            if routes.exists(&with_slash) {
                d.hint(msg!("e0303-add-slash", path = with_slash))
            } else {
                d.hint(msg!("e0303-use-site-path"))
            }
        })
        .collect()
}
