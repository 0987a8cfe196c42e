//! Golden tests: every `tests/fixtures/**/*.eml` analysed, rendered as text and as JSON, and compared
//! with its snapshot (review changes with `cargo insta review`). Snapshot names carry the fixture's path
//! (`fixtures__text-basic__postfix-two-hops.snap`), so each fixture has its own pair of files.

use std::path::Path;

fn snapshot_name(path: &Path) -> String {
    let base = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let rel = path.strip_prefix(&base).unwrap_or(path).with_extension("");
    rel.to_string_lossy().replace(['/', '\\'], "__")
}

#[test]
fn golden_fixtures() {
    insta::glob!("fixtures/**/*.eml", |path| {
        let bytes = std::fs::read(path).unwrap();
        let report = headerlens::analyze(&bytes);
        let name = snapshot_name(path);
        insta::with_settings!({ prepend_module_to_snapshot => false, snapshot_suffix => "" }, {
            insta::assert_snapshot!(format!("text-{name}"), headerlens::render::text(&report));
            insta::assert_json_snapshot!(format!("json-{name}"), report);
        });
    });
}
