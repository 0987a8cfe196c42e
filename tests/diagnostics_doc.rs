//! `docs/diagnostics.md` is generated from the diagnostics' own metadata (`headerlens::catalogue()`)
//! and, for each id, an example: the first fixture under `tests/fixtures/` (in path order) that raises it at
//! its usual severity (else the most severe one), with the finding as the tool prints it. The test fails when the file is stale; regenerate it with
//! `UPDATE_DOCS=1 cargo test --test integration diagnostics_doc`.

use std::fmt::Write;
use std::path::{Path, PathBuf};

use headerlens::{Finding, FindingId, Report};

fn fixtures() -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(dir).unwrap().flatten().map(|e| e.path()).collect();
        entries.sort();
        for p in entries {
            if p.is_dir() {
                walk(&p, out);
            } else if p.extension().is_some_and(|e| e == "eml") {
                out.push(p);
            }
        }
    }
    let mut out = Vec::new();
    walk(&root().join("tests/fixtures"), &mut out);
    out
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Text for a Markdown table cell or a one-line quote: no line breaks, no pipes.
fn cell(text: &str) -> String {
    text.replace(['\n', '\r'], " ").replace('|', "\\|")
}

/// Header text shown as inline code, whatever backticks it holds.
fn code(text: &str) -> String {
    let text = cell(text);
    let ticks = "`".repeat(text.split(|c| c != '`').map(str::len).max().unwrap_or(0) + 1);
    let pad = if text.starts_with('`') || text.ends_with('`') { " " } else { "" };
    format!("{ticks}{pad}{text}{pad}{ticks}")
}

fn example(out: &mut String, file: &str, f: &Finding) {
    let _ = writeln!(
        out,
        "From {}:\n",
        if file.ends_with(".eml") { format!("`{file}`") } else { file.to_string() }
    );
    let _ = writeln!(
        out,
        "> **{}** ({}, {}, owner {})",
        cell(&f.title.to_string()),
        f.severity.as_str(),
        confidence(f),
        f.owner.as_str()
    );
    let _ = writeln!(out, ">\n> {}", cell(&f.detail.to_string()));
    if !f.evidence.is_empty() {
        let _ = writeln!(out, ">\n> Evidence:");
        for e in &f.evidence {
            let _ = writeln!(out, "> - {}: {}", e.header, code(&e.text));
        }
    }
    if let Some(fix) = &f.fix {
        let _ = writeln!(out, ">\n> Fix: {}", cell(&fix.summary.to_string()));
        for (i, step) in fix.steps.iter().enumerate() {
            let _ = writeln!(out, "> {}. {}", i + 1, cell(&step.to_string()));
        }
        for c in &fix.commands {
            let _ = writeln!(out, ">    - {}", code(&c.to_string()));
        }
    }
}

fn confidence(f: &Finding) -> &'static str {
    match f.confidence {
        headerlens::Confidence::Certain => "certain",
        headerlens::Confidence::Likely => "likely",
    }
}

fn generate() -> Result<String, Vec<FindingId>> {
    let mut reports: Vec<(String, Report)> = fixtures()
        .into_iter()
        .map(|p| {
            let name = p.strip_prefix(root()).unwrap().to_string_lossy().replace('\\', "/");
            (name, headerlens::analyze(&std::fs::read(&p).unwrap()))
        })
        .collect();
    // Over a limit: too large for a fixture file, so made here.
    let over: String = (0..205)
        .rev()
        .map(|n| {
            format!("Received: from h{n}.example.net by mx.example.org; Wed, 29 Oct 2025 10:24:26 +0000\n")
        })
        .collect();
    reports.push((
        "205 generated Received fields (h204.example.net … h0.example.net)".into(),
        headerlens::analyze_str(&over),
    ));
    let mut metas: Vec<_> = headerlens::catalogue().collect();
    metas.sort_by_key(|m| m.id.as_str());
    let mut out = String::from(
        "# Diagnostics\n\n\
         <!-- Generated from each diagnostic's metadata (src/diagnostics/<id>.rs, `META`) and the fixtures by\n\
         tests/diagnostics_doc.rs; edit those, then run `UPDATE_DOCS=1 cargo test --test integration diagnostics_doc`. -->\n\n\
         Every finding headerlens can report. *Severity* is the usual one; a finding may be raised or lowered by what\n\
         the message shows, and says so. *Owner* is whose systems the fix changes: `sending-org`, `receiving-org`,\n\
         `intermediary` (a forwarder, list or relay in between) or `nobody` (information).\n\n\
         | Id | Severity | Owner |\n|---|---|---|\n",
    );
    for m in &metas {
        let _ = writeln!(out, "| [`{0}`](#{0}) | {1} | {2} |", m.id, m.severity.as_str(), m.owner.as_str());
    }
    let mut missing = Vec::new();
    for m in &metas {
        let _ = write!(
            out,
            "\n## {}\n\nSeverity: {} · owner: {}\n\n### What it checks\n\n{}\n\n### Why it matters\n\n{}\n\n### Fix\n\n{}\n\n### Example\n\n",
            m.id,
            m.severity.as_str(),
            m.owner.as_str(),
            m.what,
            m.why,
            m.fix
        );
        // The example shows the diagnostic at its usual severity where a fixture has that, else its most severe one.
        let first = |usual: bool| {
            reports.iter().find_map(|(name, r)| {
                r.findings
                    .iter()
                    .find(|f| f.id == m.id && (!usual || f.severity == m.severity))
                    .map(|f| (name, f))
            })
        };
        let most_severe = || {
            reports
                .iter()
                .flat_map(|(name, r)| r.findings.iter().filter(|f| f.id == m.id).map(move |f| (name, f)))
                .min_by_key(|(_, f)| std::cmp::Reverse(f.severity))
        };
        match first(true).or_else(most_severe) {
            Some((name, f)) => example(&mut out, name, f),
            None => missing.push(m.id),
        }
    }
    if missing.is_empty() { Ok(out) } else { Err(missing) }
}

#[test]
fn diagnostics_doc_is_current() {
    let text = match generate() {
        Ok(text) => text,
        Err(missing) => {
            panic!("no fixture in tests/fixtures raises {missing:?}: add one, so the docs can show it")
        }
    };
    let path = root().join("docs/diagnostics.md");
    if std::env::var_os("UPDATE_DOCS").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, &text).unwrap();
        return;
    }
    let current = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        current == text,
        "docs/diagnostics.md is stale: run `UPDATE_DOCS=1 cargo test --test integration diagnostics_doc` and review the diff"
    );
}
