//! A driver for counting instructions with valgrind's callgrind (the figures README's speed section quotes):
//! one warm-up pass (lazily built tables are not counted), then `measured` runs the passes, and callgrind
//! counts only inside it.
//!
//! ```text
//! cargo build --release --example instructions
//! valgrind --tool=callgrind --collect-atstart=no --toggle-collect='*instructions*measured*' \
//!     target/release/examples/instructions analyze corpus 1
//! ```
//!
//! Arguments: `analyze` or `parse` (a bare mail-parser parse of the same bytes), `render` (the text and Markdown
//! renderings of the reports, made before counting) or `json` (the reports' JSON as the CLI writes it), `corpus` (every `*.txt` under
//! `../shared/corpus`, one after another), `small` (the corpus texts under [`SMALL`] bytes: what one analysis
//! costs whatever its input, the share that decides the per-text minimum in V8) or `mha` (the largest MHA
//! sample) or the path of one file, and the number of passes.
//! `analyze` includes freeing the report. `dump corpus` prints each report's JSON instead (one line per file),
//! to check that a speed change changed no report: run it on the builds before and after and compare.

use std::hint::black_box;
use std::path::Path;

const CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpus");

/// A corpus text shorter than this is in the `small` set (151 of the 410 texts: a few fields each).
const SMALL: u64 = 1000;

#[path = "../tests/bench/corpus_files.rs"]
mod corpus_files;
use corpus_files::text_files;

fn pass(what: &str, files: &[Vec<u8>], reports: &[headerlens::Report]) {
    match what {
        "analyze" => files.iter().for_each(|f| drop(black_box(headerlens::analyze(black_box(f))))),
        "render" => reports.iter().for_each(|r| {
            black_box(headerlens::render::text(black_box(r)));
            black_box(headerlens::render::markdown(black_box(r)));
        }),
        "json" => reports.iter().for_each(|r| drop(black_box(serde_json::to_string(black_box(r))))),
        _ => files.iter().for_each(|f| {
            black_box(mail_parser::MessageParser::new().parse(black_box(f.as_slice())));
        }),
    }
}

#[inline(never)]
fn measured(what: &str, files: &[Vec<u8>], reports: &[headerlens::Report], passes: u32) {
    for _ in 0..passes {
        pass(what, files, reports);
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (Some(what), Some(input)) = (args.get(1), args.get(2)) else {
        eprintln!("usage: instructions analyze|parse|render|json|dump corpus|small|mha [passes]");
        std::process::exit(2);
    };
    let passes = args.get(3).and_then(|p| p.parse().ok()).unwrap_or(1);
    let corpus = Path::new(CORPUS);
    if !corpus.join("INDEX.tsv").exists() {
        println!("note: {CORPUS} not found; nothing measured");
        return;
    }
    let mut paths = Vec::new();
    if input == "mha" {
        paths.push(corpus.join("mha/hist-constantcontact-outlook-full.txt"));
    } else if Path::new(input).is_file() {
        paths.push(input.into());
    } else {
        text_files(corpus, &mut paths);
        paths.sort();
        if input == "small" {
            paths.retain(|p| std::fs::metadata(p).is_ok_and(|m| m.len() < SMALL));
        }
    }
    let files: Vec<Vec<u8>> = paths.iter().map(|p| std::fs::read(p).unwrap_or_default()).collect();
    if what == "dump" {
        for (path, bytes) in paths.iter().zip(&files) {
            let json = serde_json::to_string(&headerlens::analyze(bytes)).unwrap_or_default();
            println!("{}\t{json}", path.strip_prefix(corpus).unwrap_or(path).display());
        }
        return;
    }
    let reports: Vec<headerlens::Report> = match what.as_str() {
        "render" | "json" => files.iter().map(|f| headerlens::analyze(f)).collect(),
        _ => Vec::new(),
    };
    pass(what, &files, &reports);
    measured(what, &files, &reports, passes);
    println!("{} files, {} bytes, {passes} passes", files.len(), files.iter().map(Vec::len).sum::<usize>());
}
