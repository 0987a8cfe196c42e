//! The corpus texts both speed drivers read (`tests/bench/analyze.rs`, `examples/instructions.rs`).

use std::path::{Path, PathBuf};

/// Every `*.txt` file under `dir`, recursively (unsorted).
pub fn text_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            text_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "txt") {
            out.push(path);
        }
    }
}
