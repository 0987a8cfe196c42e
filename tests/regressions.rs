//! Every input that once broke the core (found by the fuzzers in `tests/fuzz` or by the mutation
//! tests) kept as a file in `tests/fixtures/regressions/`, named by what it shows. Each must analyse,
//! satisfy [`invariants::check`] and render.

use crate::invariants;

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/regressions");

#[test]
fn every_regression_input_satisfies_the_invariants() {
    let mut paths: Vec<_> = std::fs::read_dir(DIR)
        .expect("tests/fixtures/regressions exists")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_file())
        .collect();
    paths.sort();
    assert!(!paths.is_empty(), "no regression inputs in {DIR}");
    let mut failures = Vec::new();
    for path in &paths {
        let bytes = std::fs::read(path).expect("readable regression input");
        let report = headerlens::analyze(&bytes);
        invariants::render_all(&report);
        for problem in invariants::check(&bytes, &report) {
            failures.push(format!("{}: {problem}", path.display()));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The first fuzz finding: a value followed by blanks had a span that included the blanks, so the
/// evidence quoted `Bob Smith <bob@example.com>` but highlighted the spaces after it too.
#[test]
fn value_spans_stop_before_trailing_blanks() {
    let bytes = std::fs::read(format!("{DIR}/trailing-blanks-after-a-value.txt")).unwrap();
    let report = headerlens::analyze(&bytes);
    let text = String::from_utf8_lossy(&bytes);
    let from = report.headers.iter().find(|h| h.name == "From").expect("a From field");
    assert_eq!(&text[from.value_span.start()..from.value_span.end()], "Bob Smith <bob@example.com>");
}
