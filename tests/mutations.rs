//! Mutation tests over the shared corpus of real headers (`../shared/corpus`; skipped with a note
//! when it is absent): every file is pasted again the ways people mangle headers (line endings,
//! Outlook's blank lines, indentation, header-name case, truncation, 8-bit noise, duplicated fields).
//!
//! For every mutation the report must satisfy [`invariants::check`] (spans inside the input and on
//! char boundaries, verbatim evidence, dates in 1970–2100, renderable). The harmless mutations must
//! also leave the hops alone: same count, same timestamps as the file as given. Random choices come
//! from a fixed seed, so a failure names a reproducible input.

use std::sync::OnceLock;

use headerlens::Report;

use crate::invariants;

/// The corpus file that is cut at every few bytes: 24 KB, 13 hops, Microsoft 365 headers, 8-bit text.
const TRUNCATED_FILE: &str = "phishing_pot/sample-3294.txt";
/// Cut the truncated file every this many bytes.
const TRUNCATION_STEP: usize = 11;

/// One corpus file and the hop timestamps of its analysis as given (oldest first).
struct CorpusFile {
    name: String,
    bytes: Vec<u8>,
    hop_times: Vec<Option<String>>,
}

/// Every `.txt` file of the corpus, sorted by path, analysed once as given (shared by every test; the
/// first caller checks the invariants on the files as given); `None`, with a printed note, when there
/// is no corpus.
fn corpus() -> Option<&'static [CorpusFile]> {
    static FILES: OnceLock<Option<Vec<CorpusFile>>> = OnceLock::new();
    let files = FILES.get_or_init(|| {
        let root = crate::support::corpus()?;
        let root = root.as_path();
        let paths = crate::support::header_files(root);
        let mut failures = Vec::new();
        let files: Vec<_> = paths
            .into_iter()
            .filter_map(|p| {
                let name = p.strip_prefix(root).ok()?.to_string_lossy().into_owned();
                let bytes = std::fs::read(&p).ok()?;
                let report = analyze_checked(&name, "as given", &bytes, &mut failures);
                let hop_times = hop_times(&report).into_iter().map(|t| t.map(str::to_string)).collect();
                Some(CorpusFile { name, bytes, hop_times })
            })
            .collect();
        assert_no_failures("the corpus as given", &failures);
        assert!(
            files.len() > 100,
            "the corpus at {} looks incomplete: {} files",
            root.display(),
            files.len()
        );
        Some(files)
    });
    files.as_deref()
}

/// SplitMix64: a tiny deterministic generator, so failures are reproducible without a `rand` dependency.
struct Rng(u64);

impl Rng {
    fn for_file(name: &str, salt: u64) -> Rng {
        let mut seed = 0x9e37_79b9_7f4a_7c15 ^ salt;
        for b in name.bytes() {
            seed = seed.rotate_left(5) ^ u64::from(b);
        }
        Rng(seed)
    }
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// Splits bytes into lines, each keeping its line ending (`\n`, `\r\n`, or none for the last).
fn lines(bytes: &[u8]) -> Vec<&[u8]> {
    bytes.split_inclusive(|&b| b == b'\n').collect()
}

/// Where the field name ends (the colon's index) when this line starts a field.
fn field_name_end(line: &[u8]) -> Option<usize> {
    let colon = line.iter().position(|&b| b == b':')?;
    let name = line[..colon].trim_ascii_end();
    (!name.is_empty() && name.iter().all(|b| (33..=126).contains(b))).then_some(name.len())
}

fn to_crlf(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len() + bytes.len() / 20);
    for line in lines(&to_lf(bytes)) {
        match line.strip_suffix(b"\n") {
            Some(content) => {
                out.extend_from_slice(content);
                out.extend_from_slice(b"\r\n");
            }
            None => out.extend_from_slice(line),
        }
    }
    out
}

fn to_lf(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len());
    for line in lines(bytes) {
        match line.strip_suffix(b"\r\n") {
            Some(content) => {
                out.extend_from_slice(content);
                out.push(b'\n');
            }
            None => out.extend_from_slice(line),
        }
    }
    out
}

/// Outlook's "Original headers" copy: every line ending doubled (microsoft/MHA#119).
fn outlook_blank_lines(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len() * 11 / 10);
    for line in lines(bytes) {
        out.extend_from_slice(line);
        if line.ends_with(b"\r\n") {
            out.extend_from_slice(b"\r\n");
        } else if line.ends_with(b"\n") {
            out.push(b'\n');
        }
    }
    out
}

/// Every line indented by the same two spaces, as when copied from a web view. A lone CR ends a line
/// too (old Mac line ending, also in the corpus), so the text after it is indented as well.
fn indented(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len() * 11 / 10);
    let mut at_line_start = true;
    for (i, &b) in bytes.iter().enumerate() {
        if at_line_start {
            out.extend_from_slice(b"  ");
        }
        out.push(b);
        at_line_start = b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n'));
    }
    out
}

/// Each field name's letters in a random case (`Received` → `rEcEIved`).
fn random_name_case(bytes: &[u8], rng: &mut Rng) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len());
    for line in lines(bytes) {
        let start = out.len();
        out.extend_from_slice(line);
        if line.starts_with(b" ") || line.starts_with(b"\t") {
            continue;
        }
        if let Some(end) = field_name_end(line) {
            for b in &mut out[start..start + end] {
                if rng.below(2) == 0 {
                    *b = b.to_ascii_uppercase();
                } else {
                    *b = b.to_ascii_lowercase();
                }
            }
        }
    }
    out
}

/// About one byte in a hundred replaced by an 8-bit byte, a NUL or a lone CR.
fn eight_bit_noise(bytes: &[u8], rng: &mut Rng) -> Vec<u8> {
    let mut out = bytes.to_vec();
    for _ in 0..bytes.len() / 100 + 1 {
        let at = rng.below(out.len().max(1));
        let noise = match rng.below(8) {
            0 => 0,
            1 => b'\r',
            _ => 0x80 + rng.below(0x80) as u8,
        };
        if let Some(b) = out.get_mut(at) {
            *b = noise;
        } else {
            out.push(noise);
        }
    }
    out
}

/// Every field (its first line and continuation lines) written twice in a row.
fn duplicated_fields(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len() * 2 + 2);
    let mut field: Vec<u8> = Vec::new();
    let flush = |field: &mut Vec<u8>, out: &mut Vec<u8>| {
        if !field.is_empty() {
            if !field.ends_with(b"\n") {
                field.push(b'\n');
            }
            out.extend_from_slice(field);
            out.extend_from_slice(field);
            field.clear();
        }
    };
    for line in lines(bytes) {
        let continuation = line.starts_with(b" ") || line.starts_with(b"\t");
        if continuation && !field.is_empty() {
            field.extend_from_slice(line);
        } else if !continuation && field_name_end(line).is_some() {
            flush(&mut field, &mut out);
            field.extend_from_slice(line);
        } else {
            flush(&mut field, &mut out);
            out.extend_from_slice(line);
        }
    }
    flush(&mut field, &mut out);
    out
}

/// The analysis of `bytes`, with every broken invariant reported as `file [mutation]: problem`.
fn analyze_checked(file: &str, mutation: &str, bytes: &[u8], failures: &mut Vec<String>) -> Report {
    let report = headerlens::analyze(bytes);
    for problem in invariants::check(bytes, &report) {
        failures.push(format!("{file} [{mutation}]: {problem}"));
    }
    invariants::render_all(&report);
    report
}

/// The hop timestamps, oldest first, which harmless mutations must not change.
fn hop_times(report: &Report) -> Vec<Option<&str>> {
    report.hops.iter().map(|h| h.timestamp.as_deref()).collect()
}

fn assert_no_failures(what: &str, failures: &[String]) {
    if !failures.is_empty() {
        let shown: Vec<_> = failures.iter().take(25).collect();
        panic!(
            "{what}: {} failures, the first ones:\n{}",
            failures.len(),
            shown.iter().map(|s| s.as_str()).collect::<Vec<_>>().join("\n")
        );
    }
}

/// Mutations that change how the text is pasted, not what it says: the hops must stay the same.
fn check_harmless(mutation: &str, mutate: impl Fn(&str, &[u8]) -> Vec<u8>) {
    let Some(files) = corpus() else { return };
    let mut failures = Vec::new();
    for CorpusFile { name, bytes, hop_times: base } in files {
        let mutated = mutate(name, bytes);
        let report = analyze_checked(name, mutation, &mutated, &mut failures);
        let times: Vec<Option<String>> =
            hop_times(&report).into_iter().map(|t| t.map(str::to_string)).collect();
        if times.len() != base.len() {
            failures.push(format!("{name} [{mutation}]: {} hops, {} as given", times.len(), base.len()));
        } else if times != *base {
            failures.push(format!("{name} [{mutation}]: hop times {times:?}, as given {base:?}"));
        }
    }
    assert_no_failures(mutation, &failures);
}

#[test]
fn crlf_line_endings_keep_the_hops() {
    check_harmless("LF to CRLF", |_, b| to_crlf(b));
}

#[test]
fn lf_line_endings_keep_the_hops() {
    check_harmless("CRLF to LF", |_, b| to_lf(b));
}

/// Only files of three lines or more: a blank line after each of one or two lines reads as the end of
/// the header section (input.rs decides the Outlook layout on at least three lines, the safer reading
/// of a short paste).
#[test]
fn outlook_blank_lines_keep_the_hops() {
    check_harmless("Outlook blank lines", |_, b| {
        if lines(b).len() >= 3 { outlook_blank_lines(b) } else { b.to_vec() }
    });
}

#[test]
fn indentation_keeps_the_hops() {
    check_harmless("indented", |_, b| indented(b));
}

#[test]
fn header_name_case_keeps_the_hops() {
    check_harmless("random name case", |name, b| random_name_case(b, &mut Rng::for_file(name, 1)));
}

#[test]
fn duplicated_fields_double_the_hops() {
    let Some(files) = corpus() else { return };
    let mut failures = Vec::new();
    for CorpusFile { name, bytes, hop_times: base } in files {
        let report = analyze_checked(name, "duplicated fields", &duplicated_fields(bytes), &mut failures);
        if report.hops.len() != 2 * base.len() {
            failures.push(format!(
                "{name} [duplicated fields]: {} hops, {} as given",
                report.hops.len(),
                base.len()
            ));
        }
    }
    assert_no_failures("duplicated fields", &failures);
}

#[test]
fn eight_bit_noise_never_breaks_the_report() {
    let Some(files) = corpus() else { return };
    let mut failures = Vec::new();
    for CorpusFile { name, bytes, .. } in files {
        for round in 0..3 {
            let noisy = eight_bit_noise(bytes, &mut Rng::for_file(name, 100 + round));
            analyze_checked(name, &format!("8-bit noise, seed {round}"), &noisy, &mut failures);
        }
    }
    assert_no_failures("8-bit noise", &failures);
}

#[test]
fn truncation_at_every_few_bytes_never_breaks_the_report() {
    let Some(files) = corpus() else { return };
    let CorpusFile { name, bytes, hop_times } =
        files.iter().find(|f| f.name == TRUNCATED_FILE).expect("the truncated file is in the corpus");
    assert!(hop_times.len() >= 10, "{TRUNCATED_FILE} should have many hops, has {}", hop_times.len());
    let mut failures = Vec::new();
    let mut previous_hops = 0;
    for cut in (0..bytes.len()).step_by(TRUNCATION_STEP).chain([bytes.len()]) {
        let report = analyze_checked(name, &format!("cut at byte {cut}"), &bytes[..cut], &mut failures);
        // Received fields are on top, so a longer prefix never has fewer hops.
        if report.hops.len() < previous_hops {
            failures.push(format!(
                "{name} [cut at byte {cut}]: {} hops, {previous_hops} with less text",
                report.hops.len()
            ));
        }
        previous_hops = report.hops.len();
    }
    assert_eq!(previous_hops, hop_times.len(), "the last cut is the whole file");
    assert_no_failures("truncation", &failures);
}

/// The mutations themselves, on a small example, so the suite cannot pass by mutating nothing.
#[test]
fn mutations_do_what_they_say() {
    let text = b"Received: from a\r\n\tby b; Mon, 1 Jan 2024 00:00:00 +0000\nSubject: x\n";
    assert_eq!(to_lf(text), b"Received: from a\n\tby b; Mon, 1 Jan 2024 00:00:00 +0000\nSubject: x\n");
    assert_eq!(
        to_crlf(text),
        b"Received: from a\r\n\tby b; Mon, 1 Jan 2024 00:00:00 +0000\r\nSubject: x\r\n"
    );
    assert_eq!(
        outlook_blank_lines(text),
        b"Received: from a\r\n\r\n\tby b; Mon, 1 Jan 2024 00:00:00 +0000\n\nSubject: x\n\n"
    );
    assert_eq!(indented(b"A: 1\n\tB\r\nC\r D"), b"  A: 1\n  \tB\r\n  C\r   D");
    let cased = random_name_case(text, &mut Rng::for_file("x", 1));
    assert!(cased.eq_ignore_ascii_case(text));
    assert_ne!(cased, text);
    let changed: Vec<usize> = (0..text.len()).filter(|&i| cased[i] != text[i]).collect();
    assert!(changed.iter().all(|&i| i < 8 || (57..64).contains(&i)), "only the names change: {changed:?}");
    assert_eq!(duplicated_fields(b"From x\nA: 1\n\tB\nC: 2"), b"From x\nA: 1\n\tB\nA: 1\n\tB\nC: 2\nC: 2\n");
    let noisy = eight_bit_noise(text, &mut Rng::for_file("x", 2));
    assert_eq!(noisy.len(), text.len());
    assert_ne!(noisy, text);
}
