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
    let text = headerlens::charset::decode(&bytes).text;
    let from = report.headers.iter().find(|h| h.name == "From").expect("a From field");
    assert_eq!(&text[from.value_span.start()..from.value_span.end()], "Bob Smith <bob@example.com>");
}

/// The fuzzer ran out of memory (over 2 GB from 3.7 KB) on `ARC-Seal: i=126704711`: the ARC chain
/// listed every missing instance number below the highest one.
#[test]
fn an_arc_instance_number_in_the_billions_lists_few_gaps() {
    let bytes = std::fs::read(format!("{DIR}/arc-instance-number-in-the-billions.txt")).unwrap();
    let arc = headerlens::analyze(&bytes).authentication.arc;
    assert_eq!(arc.highest_instance, Some(4_000_000_000));
    assert_eq!(arc.gaps, [1, 2].into_iter().chain(4..=50).collect::<Vec<u32>>());
    assert!(
        arc.problems.iter().any(|p| p.contains("exceeds the limit of 50 instances")),
        "{:?}",
        arc.problems
    );
}
