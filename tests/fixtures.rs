//! Golden tests: every `tests/fixtures/**/*.eml` analysed, rendered as text and as JSON, and compared
//! with its snapshot (review changes with `cargo insta review`).

#[test]
fn golden_fixtures() {
    insta::glob!("fixtures/**/*.eml", |path| {
        let bytes = std::fs::read(path).unwrap();
        let report = headerlens::analyze(&bytes);
        insta::assert_snapshot!("text", headerlens::render::text(&report));
        insta::assert_json_snapshot!("json", report);
    });
}
