//! What the integration tests share instead of each keeping a copy: where the fixtures and the shared corpus
//! are, reading a fixture, finding findings, and the span assertion every area makes.

use std::path::{Path, PathBuf};

use headerlens::{Finding, Report};

/// The shared corpus of real headers (`../shared/corpus`, read-only, never copied into the repository), or
/// `None` with a printed note when it is absent: corpus tests skip then.
pub(crate) fn corpus() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    if dir.join("INDEX.tsv").exists() {
        Some(dir)
    } else {
        println!("note: {} not found; corpus test skipped", dir.display());
        None
    }
}

/// Every header file (`*.txt`) below `dir`, recursively, sorted by path: the one corpus walker.
pub(crate) fn header_files(dir: &Path) -> Vec<PathBuf> {
    files_ending(dir, "txt")
}

/// Every file named `*.<ext>` below `dir`, recursively, sorted by path.
pub(crate) fn files_ending(dir: &Path, ext: &str) -> Vec<PathBuf> {
    fn walk(dir: &Path, ext: &str, out: &mut Vec<PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else { return };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(&path, ext, out);
            } else if path.extension().is_some_and(|e| e == ext) {
                out.push(path);
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, ext, &mut out);
    out.sort();
    out
}

/// A fixture under `tests/fixtures/` (path relative to it), as text and analysed.
pub(crate) fn fixture(rel: &str) -> (String, Report) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(rel);
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let report = headerlens::analyze(&bytes);
    (headerlens::charset::decode(&bytes).text.into_owned(), report)
}

/// The findings with this id.
pub(crate) fn with_id<'a>(report: &'a Report, id: &str) -> Vec<&'a Finding> {
    report.findings.iter().filter(|f| f.id == id).collect()
}

/// The finding with this id; panics naming the ids present when there is none.
pub(crate) fn finding<'a>(report: &'a Report, id: &str) -> &'a Finding {
    report.findings.iter().find(|f| f.id == id).unwrap_or_else(|| {
        panic!("no {id} in {:?}", report.findings.iter().map(|f| f.id.as_str()).collect::<Vec<_>>())
    })
}

/// Every evidence span holds its evidence text (as written, or unfolded when it crosses a fold), and every
/// highlight lies inside its evidence.
pub(crate) fn assert_spans(input: &str, report: &Report) {
    for f in &report.findings {
        for e in &f.evidence {
            let written = input
                .get(e.span.start()..e.span.end())
                .unwrap_or_else(|| panic!("{}: span {:?} outside the input", f.id, e.span));
            assert!(
                written == e.text || headerlens::headers::unfold(written) == e.text,
                "{}: evidence text {:?} is not what its span holds, {written:?}",
                f.id,
                e.text
            );
            for h in &e.highlights {
                assert!(
                    h.start() >= e.span.start() && h.end() <= e.span.end() && h.start() < h.end(),
                    "{}: highlight {h:?} outside {:?}",
                    f.id,
                    e.span
                );
            }
        }
    }
}
