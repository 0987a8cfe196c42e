//! The container walk on raw bytes (mbox splitting and unquoting, header blocks, nested MIME with
//! message/rfc822 and text/rfc822-headers, a `.msg` when the bytes start with its signature), then every
//! report's invariants against the text its spans point into, the renderings and a comparison.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../invariants.rs"]
mod invariants;

fuzz_target!(|data: &[u8]| {
    let walk = headerlens::container::walk(data, 50);
    for a in &walk.messages {
        let problems = invariants::check_message(&a.text, &a.report);
        assert!(problems.is_empty(), "{problems:#?}");
        invariants::render_all(&a.report);
    }
    if let [a, b, ..] = walk.messages.as_slice() {
        let _ = headerlens::compare::differences(&a.report, &b.report);
    }
    // The streaming reader with a small bound per message.
    let reader = headerlens::container::mbox::Reader::with_limit(data, 4096);
    for m in reader.take(1000) {
        let m = m.expect("reading from memory cannot fail");
        assert!(m.bytes.len() <= 4096);
    }
});
