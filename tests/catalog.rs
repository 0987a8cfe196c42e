//! The message catalogue (`src/catalog/`): every `msg!` call site names an id the tables hold, with exactly the
//! arguments its English (and so its French) template uses; the founding case rendered in French.

use std::fs;
use std::path::{Path, PathBuf};

use headerlens::catalog::{self, Lang};

/// Every file under `dir` whose name ends in `.ext`, sorted.
fn files(dir: &Path, ext: &str, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = fs::read_dir(dir).unwrap().flatten().map(|e| e.path()).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            files(&p, ext, out);
        } else if p.extension().is_some_and(|e| e == ext) {
            out.push(p);
        }
    }
}

/// The index just past the string literal that starts at `b[i]` (a `"`).
fn skip_string(b: &[u8], mut i: usize) -> usize {
    i += 1;
    while i < b.len() && b[i] != b'"' {
        i += if b[i] == b'\\' { 2 } else { 1 };
    }
    i
}

/// The end of the parenthesised group opened just before `from` (string literals skipped).
fn group_end(s: &str, from: usize) -> Option<usize> {
    let b = s.as_bytes();
    let (mut depth, mut i) = (1usize, from);
    while i < b.len() {
        match b[i] {
            b'"' => i = skip_string(b, i),
            b'(' | b'[' | b'{' => depth += 1,
            b')' | b']' | b'}' => {
                depth -= 1;
                if depth == 0 {
                    return Some(i);
                }
            }
            _ => {}
        }
        i += 1;
    }
    None
}

/// Top-level comma-separated parts of a macro's arguments.
fn split_top(s: &str) -> Vec<&str> {
    let b = s.as_bytes();
    let (mut parts, mut depth, mut start, mut i) = (Vec::new(), 0i32, 0, 0);
    while i < b.len() {
        match b[i] {
            b'"' => i = skip_string(b, i),
            b'(' | b'[' | b'{' => depth += 1,
            b')' | b']' | b'}' => depth -= 1,
            b',' if depth == 0 => {
                parts.push(s[start..i].trim());
                start = i + 1;
            }
            _ => {}
        }
        i += 1;
    }
    parts.push(s[start..].trim());
    parts.into_iter().filter(|p| !p.is_empty()).collect()
}

/// Every `msg!("id", …)` in `src/`: (file, id, argument names).
fn call_sites() -> Vec<(String, String, Vec<String>)> {
    let mut sources = Vec::new();
    files(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"), "rs", &mut sources);
    let mut sites = Vec::new();
    for path in sources {
        let text = fs::read_to_string(&path).unwrap();
        let mut rest = text.as_str();
        let mut offset = 0;
        while let Some(i) = rest.find("msg!(") {
            let start = offset + i + "msg!(".len();
            let line_start = text[..offset + i].rfind('\n').map_or(0, |n| n + 1);
            if text[line_start..offset + i].trim_start().starts_with("//") {
                offset = start;
                rest = &text[start..];
                continue;
            }
            let Some(end) = group_end(&text, start) else { break };
            let parts = split_top(&text[start..end]);
            if let Some(id) =
                parts.first().and_then(|p| p.strip_prefix('"')).and_then(|p| p.strip_suffix('"'))
            {
                let mut names: Vec<String> =
                    parts[1..].iter().map(|p| p.split('=').next().unwrap_or(p).trim().to_string()).collect();
                names.sort();
                names.dedup();
                sites.push((path.display().to_string(), id.to_string(), names));
            }
            offset = end;
            rest = &text[end..];
        }
    }
    sites
}

#[test]
fn every_call_site_names_a_catalogued_message_with_its_arguments() {
    let sites = call_sites();
    assert!(sites.len() > 30, "the scan found only {} call sites", sites.len());
    let mut problems = Vec::new();
    for (file, id, names) in &sites {
        match catalog::arguments_of(id) {
            None => problems.push(format!("{file}: `{id}` is not in the catalogue")),
            Some(expected) if expected != *names => {
                problems.push(format!("{file}: `{id}` is given {names:?}, its text uses {expected:?}"))
            }
            Some(_) => {}
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// Every message in every fixture's findings renders in French without a leftover `{placeholder}` or id.
#[test]
fn fixture_findings_render_in_french() {
    let mut all = Vec::new();
    files(Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures")), "eml", &mut all);
    assert!(all.len() > 20);
    for path in all {
        let report = headerlens::analyze(&fs::read(&path).unwrap());
        for f in &report.findings {
            let mut texts = vec![&f.title, &f.detail];
            if let Some(fix) = &f.fix {
                texts.push(&fix.summary);
                texts.extend(fix.steps.iter().chain(&fix.verify).chain(&fix.alternatives));
            }
            for t in texts {
                for m in t.messages() {
                    let given: Vec<&str> = {
                        let mut v: Vec<&str> = m.args.iter().map(|(n, _)| *n).collect();
                        v.sort_unstable();
                        v
                    };
                    assert_eq!(
                        catalog::arguments_of(m.id).as_deref(),
                        Some(given.as_slice()),
                        "{}: {}",
                        path.display(),
                        m.id
                    );
                }
                let fr = t.render(Lang::Fr);
                assert!(!t.messages().iter().any(|m| fr.contains(m.id)), "{}: {fr}", path.display());
            }
        }
    }
}

/// The founding case in French, text and Markdown (reviewed snapshots): findings, fixes and labels in French,
/// header text, commands and technical tokens as they are.
#[test]
fn the_founding_case_in_french() {
    let report = headerlens::analyze(include_bytes!("fixtures/exchange/hybrid-mail-contact-broken.eml"));
    let text = headerlens::render::text_in(&report, Lang::Fr);
    let md = headerlens::render::markdown_in(&report, Lang::Fr);
    assert!(text.contains("contact de messagerie"), "{text}");
    assert!(
        text.contains("Set-MailContact \"invoice.ROBOT@AcmeCorp.local\" -EmailAddressPolicyEnabled $false")
    );
    assert!(md.contains("**Correction\u{a0}:**"), "{md}");
    insta::assert_snapshot!("text-fr-founding-case", text);
    insta::assert_snapshot!("markdown-fr-founding-case", md);
    // JSON in French: the strings in French, the message ids the same as in English.
    let fr = catalog::with_lang(Lang::Fr, || serde_json::to_value(&report).unwrap());
    let en = serde_json::to_value(&report).unwrap();
    assert_eq!(fr["findings"][0]["messages"], en["findings"][0]["messages"]);
    assert_ne!(fr["findings"][0]["title"], en["findings"][0]["title"]);
    assert_eq!(en["findings"][0]["messages"]["title"][0]["id"], "mail-contact-envelope-rewrite.title");
}

/// Every reference title a fix cites (`.references([...])`, `references: vec![...]`, `let references = [...]`
/// in `src/`): (file, title as the program holds it).
fn reference_titles() -> Vec<(String, String)> {
    let mut sources = Vec::new();
    files(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"), "rs", &mut sources);
    let mut out = Vec::new();
    for path in sources {
        let text = fs::read_to_string(&path).unwrap();
        for opener in [".references([", "references: vec![", "let references = ["] {
            for (at, _) in text.match_indices(opener) {
                let start = at + opener.len();
                let Some(end) = group_end(&text, start) else { continue };
                let b = text.as_bytes();
                let mut i = start;
                while i < end {
                    if b[i] == b'"' {
                        let close = skip_string(b, i);
                        let title = text[i + 1..close].replace("\\\"", "\"").replace("\\\\", "\\");
                        out.push((path.display().to_string(), title));
                        i = close;
                    }
                    i += 1;
                }
            }
        }
    }
    out
}

/// Whether a reference title reads the same in every language: an RFC number with at most a section
/// (`RFC 5321 §4.4`) or a bare cmdlet name (`Set-InboundConnector`).
fn language_neutral(title: &str) -> bool {
    let rfc = title.strip_prefix("RFC ").is_some_and(|rest| {
        let (number, section) = rest.split_once(" §").unwrap_or((rest, "0"));
        number.chars().all(|c| c.is_ascii_digit()) && section.chars().all(|c| c.is_ascii_digit() || c == '.')
    });
    let cmdlet = title.strip_prefix("Set-").is_some_and(|rest| rest.chars().all(|c| c.is_ascii_alphabetic()));
    rfc || cmdlet
}

/// Every reference a finding cites has a French title (`src/catalog/references.rs`), unless it is only an RFC
/// number or a cmdlet name: French output never shows an English document title.
#[test]
fn every_reference_has_a_french_title() {
    let titles = reference_titles();
    assert!(titles.len() > 40, "the scan found only {} reference titles", titles.len());
    let mut problems = Vec::new();
    for (file, title) in &titles {
        if language_neutral(title) {
            continue;
        }
        let fr = catalog::reference(title).render(Lang::Fr);
        if fr == *title {
            problems.push(format!("{file}: no French title for {title:?}"));
        }
        assert_eq!(catalog::reference(title).render(Lang::En), *title, "English keeps the title as written");
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert!(language_neutral("RFC 5321 §4.4") && language_neutral("Set-InboundConnector"));
    assert!(
        !language_neutral("RFC 5321 §4.4 (trace information)")
            && !language_neutral("Outbound delivery pools")
    );
    // The look-up finds the row by the title as cited.
    let cited: std::collections::HashSet<&str> = titles.iter().map(|(_, t)| t.as_str()).collect();
    assert_eq!(
        catalog::reference("Spam confidence level (SCL) in EOP").render(Lang::Fr),
        "Niveau de confiance du courrier indésirable (SCL) dans EOP"
    );
    assert!(cited.contains("Spam confidence level (SCL) in EOP"));
}
