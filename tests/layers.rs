//! The layering of the core, checked: a module's non-test code may use only modules below it (and its own
//! submodules). ARCHITECTURE.md describes the same order; this test is what keeps it true.

use std::fs;
use std::path::{Path, PathBuf};

/// Top-level modules of `src/`, lowest layer first. Modules on one line share a layer and may not use each other.
const LAYERS: &[&[&str]] = &[
    // The message catalogue (the report's words in every language) and the one stable sort: below everything.
    &["catalog", "sort"],
    // Shared helpers and plain data (`net` compares host names through `words`' stack lower-casing).
    &["words"],
    &["net"],
    &["domain"],
    &["model"],
    &["webmail"],
    // Input: bytes to text, paste clean-up, field splitting, how much is read.
    &["charset"],
    &["input"],
    &["headers"],
    &["limits"],
    // Readers, each turning fields into one section of the report.
    &["hops"],
    &["summary"],
    &["microsoft"],
    &["auth"],
    &["envelope"],
    &["delivery"],
    // Who handled the message, read by the judgments.
    &["route"],
    // The report type that gathers the sections.
    &["report"],
    // Judgments over the sections.
    &["diagnostics"],
    &["compare"],
    // Output.
    &["render"],
];

/// Outside the pipeline: the container walk (mbox, attachments, `.msg`) calls `analyze` once per message, so
/// these may use anything, and nothing in the layers may use them.
const OUTER: &[&str] = &["lib", "bin", "container", "msg"];

fn layer_of(module: &str) -> Option<usize> {
    LAYERS.iter().position(|layer| layer.contains(&module))
}

/// Every `.rs` file under `dir`, with the top-level module it belongs to.
fn sources(dir: &Path, out: &mut Vec<(String, PathBuf)>) {
    let mut entries: Vec<_> = fs::read_dir(dir).expect("src/").flatten().map(|e| e.path()).collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") && !path.ends_with("tests.rs") {
            // (`tests.rs` files are test modules kept apart from their parent.)
            let rel = path.strip_prefix(src_dir()).unwrap();
            let top = rel.components().next().unwrap().as_os_str().to_string_lossy();
            out.push((top.trim_end_matches(".rs").to_string(), path));
        }
    }
}

fn src_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// The code of a file without comments and without its test modules (which may use anything).
fn non_test_code(text: &str) -> String {
    let mut code = String::new();
    for line in text.lines() {
        if line.trim_start() == "#[cfg(test)]" {
            break;
        }
        let line = line.split("//").next().unwrap_or_default();
        code.push_str(line);
        code.push('\n');
    }
    code
}

/// The top-level modules a piece of code names through `crate::`.
fn uses(code: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for (i, _) in code.match_indices("crate::") {
        let rest = &code[i + "crate::".len()..];
        let names: Vec<&str> = match rest.strip_prefix('{') {
            Some(group) => group.split('}').next().unwrap_or_default().split(',').collect(),
            None => vec![rest],
        };
        for name in names {
            let name: String =
                name.trim().chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
            if !name.is_empty() && !out.contains(&name) {
                out.push(name);
            }
        }
    }
    out
}

#[test]
fn modules_use_only_the_layers_below_them() {
    let mut files = Vec::new();
    sources(&src_dir(), &mut files);
    let mut broken = Vec::new();
    for (module, path) in &files {
        if OUTER.contains(&module.as_str()) {
            continue;
        }
        let Some(own) = layer_of(module) else {
            broken.push(format!("{}: module `{module}` is not in LAYERS (tests/layers.rs)", path.display()));
            continue;
        };
        let text = fs::read_to_string(path).unwrap();
        for used in uses(&non_test_code(&text)) {
            if used == *module {
                continue;
            }
            match layer_of(&used) {
                Some(layer) if layer < own => {}
                Some(_) => broken.push(format!(
                    "{}: `{module}` uses `crate::{used}` from its own or a higher layer",
                    path.display()
                )),
                None => broken.push(format!(
                    "{}: `{module}` uses `crate::{used}`, outside the layers (the crate root, the container walk)",
                    path.display()
                )),
            }
        }
    }
    assert!(broken.is_empty(), "layering broken:\n{}", broken.join("\n"));
}

#[test]
fn the_check_sees_a_violation() {
    let code = non_test_code(
        "use crate::model::Hop;\nuse crate::{render, words::duration};\n// crate::diagnostics\n#[cfg(test)]\nuse crate::analyze;\n",
    );
    assert_eq!(uses(&code), ["model", "render", "words"]);
}

/// Every non-test source file of the core, as (path relative to `src/`, code without comments or tests).
fn core_code() -> Vec<(String, String)> {
    let mut files = Vec::new();
    sources(&src_dir(), &mut files);
    files
        .into_iter()
        .map(|(_, path)| {
            let rel = path.strip_prefix(src_dir()).unwrap().to_string_lossy().replace('\\', "/");
            (rel, non_test_code(&fs::read_to_string(&path).unwrap()))
        })
        .collect()
}

#[test]
fn mail_parser_is_used_in_four_places() {
    // headers.rs and msg.rs: charset decoders (RFC 2047 words, a .msg's code page); summary.rs: address lists;
    // container.rs: the MIME tree of attached messages. Anything else reads the fields `headers::split` made.
    let users: Vec<String> = core_code()
        .into_iter()
        .filter(|(_, code)| code.contains("mail_parser"))
        .map(|(rel, _)| rel)
        .collect();
    assert_eq!(users, ["container.rs", "headers.rs", "msg.rs", "summary.rs"]);
}

#[test]
fn the_core_reads_no_clock_file_or_network() {
    const IO: &[&str] =
        &["std::fs", "std::net::Tcp", "std::net::Udp", "SystemTime", "Instant::now", "std::env"];
    for (rel, code) in core_code() {
        // The CLI is the one place that reads files and standard input.
        if rel.starts_with("bin/") {
            continue;
        }
        for word in IO {
            assert!(!code.contains(word), "src/{rel} uses {word}");
        }
    }
}

#[test]
fn the_site_matches_typed_values_not_strings() {
    // Finding ids and hop roles reach the web crate as `FindingId` and `HopRole`; a string copy of one would
    // silently stop matching when the core renames or adds a value.
    let roles = ["on-prem-exchange", "exchange-online-ingress", "exchange-online-egress", "exchange-online"];
    let mut dirs = vec![Path::new(env!("CARGO_MANIFEST_DIR")).join("www/src")];
    let mut found = Vec::new();
    while let Some(dir) = dirs.pop() {
        for path in fs::read_dir(&dir).expect("www/src").flatten().map(|e| e.path()) {
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let code = non_test_code(&fs::read_to_string(&path).unwrap());
                let ids = headerlens::FindingId::ALL.iter().map(|id| id.as_str());
                for name in ids.chain(roles) {
                    if code.contains(&format!("\"{name}\"")) {
                        found.push(format!("{}: \"{name}\"", path.display()));
                    }
                }
            }
        }
    }
    assert!(found.is_empty(), "spelled as strings in the web crate:\n{}", found.join("\n"));
}
