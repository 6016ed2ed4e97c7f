//! Fuzz target: see `infoportal::fuzzing::Place::Links` and docs/robustness.md.
#![no_main]

use std::sync::OnceLock;

use infoportal::fuzzing::{FuzzPortal, Place};
use libfuzzer_sys::fuzz_target;

static PORTAL: OnceLock<FuzzPortal> = OnceLock::new();

fuzz_target!(|data: &[u8]| {
    PORTAL.get_or_init(FuzzPortal::new).run(Place::Links, data);
});
