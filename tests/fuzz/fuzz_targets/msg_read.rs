//! The Outlook `.msg` reader (`cfb` underneath) on any bytes after the Compound File signature: a notice or
//! reports, never a panic; each report's invariants against the headers text its spans point into.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../invariants.rs"]
mod invariants;

fuzz_target!(|data: &[u8]| {
    let owned;
    let bytes = if headerlens::msg::is_compound_file(data) {
        data
    } else {
        owned = [&headerlens::msg::SIGNATURE[..], data].concat();
        &owned
    };
    for a in headerlens::msg::messages(bytes) {
        let problems = invariants::check_message(&a.text, &a.report);
        assert!(problems.is_empty(), "{problems:#?}");
        invariants::render_all(&a.report);
    }
});
