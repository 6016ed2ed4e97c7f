//! The Content-Security-Policy the published site is built for (SPEC §6 "Safe").
//!
//! One source of truth: the default theme writes [`META_POLICY`] into every page as a
//! `<meta http-equiv>`, `serve` sends [`HEADER_POLICY`] as a header, the README shows the
//! header for nginx and Apache, and the e2e suite serves the site under it and fails on
//! any violation. Nothing the portal generates needs inline script, inline style or
//! event-handler attributes; `search.js` fetches its index from the site itself.

/// The policy as a page's `<meta http-equiv="Content-Security-Policy">` can carry it.
pub const META_POLICY: &str = "default-src 'none'; script-src 'self'; style-src 'self'; \
img-src 'self'; font-src 'self'; connect-src 'self'; manifest-src 'self'; \
form-action 'self'; base-uri 'none'; object-src 'none'";

/// The policy as an HTTP header: the meta policy plus what only a header can say
/// (browsers ignore `frame-ancestors` in a `<meta>`).
pub const HEADER_POLICY: &str = "default-src 'none'; script-src 'self'; style-src 'self'; \
img-src 'self'; font-src 'self'; connect-src 'self'; manifest-src 'self'; \
form-action 'self'; base-uri 'none'; object-src 'none'; frame-ancestors 'none'";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_header_is_the_meta_policy_and_more() {
        assert!(HEADER_POLICY.starts_with(META_POLICY));
        assert!(!META_POLICY.contains("unsafe"));
    }
}
