//! `analyze` on raw bytes, then every rendering of the report, then the report invariants.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../invariants.rs"]
mod invariants;

fuzz_target!(|data: &[u8]| {
    let report = headerlens::analyze(data);
    let problems = invariants::check(data, &report);
    assert!(problems.is_empty(), "{problems:#?}");
    invariants::render_all(&report);
});
