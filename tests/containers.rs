//! The container walk on real headers: the shared corpus (`../shared/corpus`, skipped when absent) written as
//! one mbox and as one paste of header blocks gives one report per file, in order, each equal to the file
//! analysed alone and each satisfying the report invariants against its own text.

use std::path::PathBuf;

use headerlens::container::{self, MAX_MESSAGES};

/// Corpus files that are one header block each (a Received field on top, no blank line inside), at most 150.
fn blocks() -> Option<Vec<(PathBuf, String)>> {
    let dir = crate::support::corpus()?;
    let files = crate::support::header_files(&dir);
    let mut out = Vec::new();
    for path in files {
        let Ok(text) = std::fs::read_to_string(&path) else { continue };
        let text = text.replace("\r\n", "\n");
        let trimmed = text.trim();
        // (A white-space-only line ends a header section too: such files hold a body.)
        let single_block = !trimmed.lines().any(|l| l.trim().is_empty()) && !trimmed.contains("\nFrom ");
        if single_block && trimmed.starts_with("Received:") && !trimmed.starts_with("From ") {
            out.push((path, format!("{trimmed}\n")));
        }
        if out.len() == 150 {
            break;
        }
    }
    Some(out)
}

#[test]
fn corpus_as_mbox_and_as_pasted_blocks() {
    let Some(blocks) = blocks() else { return };
    assert!(blocks.len() > 10, "only {} single-block files", blocks.len());
    let mbox: String = blocks
        .iter()
        .map(|(_, b)| format!("From sender@example.com Mon Jan  1 10:00:00 2024\n{b}\n"))
        .collect();
    let pasted: String = blocks.iter().map(|(_, b)| b.as_str()).collect::<Vec<_>>().join("\n");
    for (what, input) in [("mbox", mbox), ("pasted blocks", pasted)] {
        let walk = container::walk(input.as_bytes(), MAX_MESSAGES);
        assert_eq!(walk.messages.len(), blocks.len(), "{what}");
        for (a, (path, block)) in walk.messages.iter().zip(&blocks) {
            let alone = headerlens::analyze(block.as_bytes());
            assert_eq!(a.report.headers.len(), alone.headers.len(), "{what}: {}", path.display());
            assert_eq!(a.report.hops, alone.hops, "{what}: {}", path.display());
            let problems = crate::invariants::check_message(&a.text, &a.report);
            assert!(problems.is_empty(), "{what}: {}: {problems:#?}", path.display());
        }
        println!("{what}: {} messages, one report each", walk.messages.len());
    }
}
