//! Huge and degenerate inputs: the documented limits of `src/limits.rs` hold (a note and an
//! `input-truncated` finding when input is cut, hop counts capped as documented, nothing lost from
//! the text, no panic). No timing is asserted here; the figures in README's "Limits" come from
//! `measure_limits` below, run by hand in release mode:
//!
//! ```sh
//! cargo test --release --test integration limits::measure_limits -- --ignored --nocapture
//! ```
//!
//! which prints in-process times and writes every input to `target/limits/` so peak memory can be
//! measured with `/usr/bin/time -v target/release/headerlens --format json target/limits/<name>`.

use std::time::Instant;

use headerlens::Report;
use headerlens::{MAX_FIELDS, MAX_HOPS, MAX_INPUT_BYTES};

use crate::invariants;

const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/basic/postfix-two-hops.eml");

/// One Received field of about 150 bytes, the `n`th of a long chain (dates one second apart).
fn received(n: usize) -> String {
    let (m, s) = (n / 60 % 60, n % 60);
    format!(
        "Received: from relay{n}.example.net (relay{n}.example.net [192.0.2.{}])\n\tby mx{n}.example.org with ESMTPS id {n:08X}; Wed, 29 Oct 2025 10:{m:02}:{s:02} +0000\n",
        n % 250 + 1
    )
}

/// A header section of `count` Received fields (newest on top) and the usual summary fields.
fn received_chain(count: usize) -> Vec<u8> {
    let mut text = String::with_capacity(count * 160 + 200);
    for n in (0..count).rev() {
        text.push_str(&received(n));
    }
    text.push_str("From: Alice <alice@example.com>\nTo: bob@example.org\nSubject: many hops\n");
    text.push_str("Date: Wed, 29 Oct 2025 09:59:59 +0000\nMessage-ID: <many-hops@example.com>\n");
    text.into_bytes()
}

/// Real header sections (the corpus, or the basic fixture when it is absent), blank lines removed,
/// repeated until `size` bytes: one enormous header section, the worst case for every parser.
fn header_soup(size: usize) -> Vec<u8> {
    let mut pieces = Vec::new();
    if let Some(corpus) = crate::support::corpus()
        && let Ok(index) = std::fs::read_to_string(corpus.join("INDEX.tsv"))
    {
        for line in index.lines().skip(1) {
            if let Some(file) = line.split('\t').next()
                && let Ok(bytes) = std::fs::read(corpus.join(file))
            {
                pieces.push(bytes);
            }
        }
    }
    if pieces.is_empty() {
        let fixture = std::fs::read(FIXTURE).expect("the basic fixture");
        let end = fixture.windows(2).position(|w| w == b"\n\n").map_or(fixture.len(), |i| i + 1);
        pieces.push(fixture[..end].to_vec());
    }
    let mut out = Vec::with_capacity(size + 64 * 1024);
    'fill: loop {
        for piece in &pieces {
            for line in piece.split_inclusive(|&b| b == b'\n') {
                if line.iter().all(|b| b.is_ascii_whitespace()) {
                    continue;
                }
                out.extend_from_slice(line);
                if !line.ends_with(b"\n") {
                    out.push(b'\n');
                }
                if out.len() >= size {
                    break 'fill;
                }
            }
        }
    }
    out
}

/// `count` short fields, `X-Line-N: N`.
fn short_lines(count: usize) -> Vec<u8> {
    let mut text = String::with_capacity(count * 16);
    text.push_str("From: alice@example.com\n");
    for n in 0..count {
        text.push_str(&format!("X-L{n}: {n}\n"));
    }
    text.into_bytes()
}

/// One field `name` whose value is `unit` repeated to about `size` bytes, on one line.
fn one_long_line(name: &str, unit: &str, size: usize) -> Vec<u8> {
    let mut text =
        format!("Received: from a.example.net by b.example.org; Wed, 29 Oct 2025 10:24:26 +0000\n{name}: ");
    while text.len() < size {
        text.push_str(unit);
    }
    text.push('\n');
    text.into_bytes()
}

/// A field, then one line of `size` bytes without a colon (binary junk pasted after the headers).
fn junk_line(size: usize) -> Vec<u8> {
    let mut out = b"From: alice@example.com\n".to_vec();
    out.extend(std::iter::repeat_n(b'a', size));
    out.push(b'\n');
    out
}

/// A whole message as people save it: real headers, then a text part and a base64 attachment,
/// `size` bytes in all.
fn realistic_eml(size: usize) -> Vec<u8> {
    let mut text = String::from_utf8(received_chain(6)).unwrap();
    text.push_str("MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=\"b1\"\n\n--b1\nContent-Type: text/plain\n\n");
    text.push_str("Please find the report attached.\nRegards: Alice\n\n--b1\nContent-Type: application/pdf\nContent-Transfer-Encoding: base64\n\n");
    let line = "JVBERi0xLjQKJcfsj6IKNSAwIG9iago8PC9MZW5ndGggNiAwIFIvRmlsdGVyIC9GbGF0ZURlY29kZT4+CnN0cmVh\n";
    while text.len() < size {
        text.push_str(line);
    }
    text.push_str("--b1--\n");
    text.into_bytes()
}

/// A mailbox pasted whole: every corpus message (or the fixture) one after the other, mbox style.
fn mailbox(size: usize) -> Vec<u8> {
    let soup = header_soup(64 * 1024);
    let mut out = Vec::with_capacity(size + soup.len());
    let mut n = 0;
    while out.len() < size {
        out.extend_from_slice(
            format!("From alice@example.com Wed Oct 29 10:24:{:02} 2025\n", n % 60).as_bytes(),
        );
        out.extend_from_slice(&soup[..soup.len().min(4096)]);
        out.extend_from_slice(b"\nBody of message.\n\n");
        n += 1;
    }
    out
}

/// Every input the limits are measured on, by name.
fn measured_inputs() -> Vec<(&'static str, Vec<u8>)> {
    const MB: usize = 1024 * 1024;
    vec![
        ("header-soup-10MB", header_soup(10 * MB)),
        ("header-soup-100MB", header_soup(100 * MB)),
        ("short-lines-1M", short_lines(1_000_000)),
        ("received-10k", received_chain(10_000)),
        ("subject-line-1MB", one_long_line("Subject", "word ", MB)),
        ("auth-results-line-1MB", one_long_line("Authentication-Results", "mx.example.org; spf=pass ", MB)),
        ("no-colon-line-1MB", junk_line(MB)),
        ("eml-with-attachment-5MB", realistic_eml(5 * MB)),
        ("mailbox-5MB", mailbox(5 * MB)),
    ]
}

#[test]
#[ignore = "measurement, run by hand in release mode (see the module docs)"]
fn measure_limits() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/target/limits");
    std::fs::create_dir_all(dir).unwrap();
    println!("| input | bytes | analyze | JSON | text | hops | fields | JSON bytes | notes |");
    for (name, bytes) in measured_inputs() {
        std::fs::write(format!("{dir}/{name}"), &bytes).unwrap();
        let t = Instant::now();
        let report = headerlens::analyze(&bytes);
        let analyze = t.elapsed();
        let t = Instant::now();
        let json = serde_json::to_string(&report).unwrap();
        let json_time = t.elapsed();
        let t = Instant::now();
        let text = headerlens::render::text(&report);
        let text_time = t.elapsed();
        println!(
            "| {name} | {} | {analyze:.2?} | {json_time:.2?} | {text_time:.2?} | {} | {} | {} | {:?} |",
            bytes.len(),
            report.hops.len(),
            report.headers.len(),
            json.len(),
            report.input.normalizations
        );
        drop(text);
    }
    // Scaling just under the limits: doubling the input should about double the time (linear).
    println!("\n| scaling input | analyze |");
    for hops in [MAX_HOPS / 4, MAX_HOPS / 2, MAX_HOPS] {
        let bytes = received_chain(hops);
        let t = Instant::now();
        let report = headerlens::analyze(&bytes);
        println!("| {hops} Received fields | {:.2?} ({} findings) |", t.elapsed(), report.findings.len());
    }
    // Without Received fields, so the field limit (not the hop limit) is the one approached.
    let soup =
        String::from_utf8_lossy(&header_soup(MAX_INPUT_BYTES)).replace("\nReceived:", "\nX-Was-Received:");
    let soup = soup.as_bytes();
    for size in [MAX_INPUT_BYTES / 16, MAX_INPUT_BYTES / 8, MAX_INPUT_BYTES / 4] {
        let end = soup[..size].iter().rposition(|&b| b == b'\n').map_or(size, |i| i + 1);
        let t = Instant::now();
        let report = headerlens::analyze(&soup[..end]);
        println!(
            "| {end} bytes of real headers, {} fields, {} hops | {:.2?} |",
            report.headers.len(),
            report.hops.len(),
            t.elapsed()
        );
    }
}

fn truncation_findings(report: &Report) -> Vec<&headerlens::Finding> {
    report.findings.iter().filter(|f| f.id == "input-truncated").collect()
}

/// The report of `bytes` keeps every invariant, renders, and states the whole input's size.
fn analyze_checked(bytes: &[u8]) -> Report {
    let report = headerlens::analyze(bytes);
    let problems = invariants::check(bytes, &report);
    assert!(problems.is_empty(), "{problems:#?}");
    invariants::render_all(&report);
    report
}

/// The first line that was not analysed, as the finding quotes it, is really in the input there.
fn assert_names_first_unread_line(bytes: &[u8], report: &Report, starts_with: &str) {
    let found = truncation_findings(report);
    assert_eq!(found.len(), 1, "one input-truncated finding");
    let evidence = &found[0].evidence[0];
    assert!(evidence.text.starts_with(starts_with), "first unread line {:?}", evidence.text);
    let text = String::from_utf8_lossy(bytes);
    assert_eq!(&text[evidence.span.start()..evidence.span.end()], evidence.text);
    let note = report.input.normalizations.iter().find(|n| n.starts_with("input too large"));
    let note = note.unwrap_or_else(|| panic!("a truncation note in {:?}", report.input.normalizations));
    assert!(note.contains(&format!("of {} bytes", text.len())), "{note}");
}

#[test]
fn a_huge_header_section_is_cut_at_a_line_and_says_so() {
    let bytes = header_soup(MAX_INPUT_BYTES + MAX_INPUT_BYTES / 2);
    let report = analyze_checked(&bytes);
    assert_eq!(report.input.bytes, bytes.len());
    assert!(report.input.header_bytes <= MAX_INPUT_BYTES, "{} bytes analysed", report.input.header_bytes);
    assert!(report.hops.len() <= MAX_HOPS && report.headers.len() <= MAX_FIELDS);
    assert!(!truncation_findings(&report).is_empty(), "{:?}", report.input.normalizations);
    let evidence = &truncation_findings(&report)[0].evidence[0];
    // Cut at a line boundary: the quoted line starts right after a line break.
    let text = String::from_utf8_lossy(&bytes);
    assert!(text[..evidence.span.start()].ends_with(['\n', '\r']), "cut inside a line");
}

#[test]
fn a_hundred_megabytes_are_not_read_past_the_limit() {
    let block = received_chain(1_000);
    let bytes = block.repeat(100 * 1024 * 1024 / block.len() + 1);
    assert!(bytes.len() > 100 * 1024 * 1024);
    let report = analyze_checked(&bytes);
    assert_eq!(report.input.bytes, bytes.len());
    assert_eq!(report.hops.len(), MAX_HOPS);
    assert_names_first_unread_line(&bytes, &report, "Received: from relay799.example.net");
}

#[test]
fn ten_thousand_received_fields_keep_the_most_recent_hops() {
    let bytes = received_chain(10_000);
    let report = analyze_checked(&bytes);
    assert_eq!(report.hops.len(), MAX_HOPS);
    // Oldest first: the kept hops are the topmost (most recent) Received fields.
    assert_eq!(report.hops.last().unwrap().from.as_deref(), Some("relay9999.example.net"));
    assert_eq!(
        report.hops[0].from.as_deref(),
        Some(format!("relay{}.example.net", 10_000 - MAX_HOPS).as_str())
    );
    assert_names_first_unread_line(
        &bytes,
        &report,
        &format!("Received: from relay{}.example.net", 9_999 - MAX_HOPS),
    );
    // The originator fields below the hops are analysed all the same (only they: the rest follows the cut).
    assert_eq!(report.summary.subject.as_deref(), Some("many hops"));
    assert_eq!(report.summary.from[0].address.as_deref(), Some("alice@example.com"));
}

/// 40,000 Received fields (a mail loop's worth, 6 MB) before From, Subject and Date: the originator fields are
/// read whatever the hop count, their evidence points into the input, and one `mail-loop` finding is raised.
#[test]
fn forty_thousand_received_fields_keep_the_originator_fields_and_raise_a_loop() {
    let bytes = received_chain(40_000);
    assert!(bytes.len() > MAX_INPUT_BYTES);
    let report = analyze_checked(&bytes);
    assert_eq!(report.hops.len(), MAX_HOPS);
    assert_eq!(report.summary.subject.as_deref(), Some("many hops"));
    assert_eq!(report.summary.from[0].address.as_deref(), Some("alice@example.com"));
    assert_eq!(report.summary.date.as_ref().and_then(|d| d.utc.as_deref()), Some("2025-10-29T09:59:59Z"));
    assert_eq!(report.summary.message_id.as_deref(), Some("<many-hops@example.com>"));
    let from = report.headers.iter().find(|h| h.name == "From").expect("the From field");
    let text = String::from_utf8_lossy(&bytes);
    assert_eq!(&text[from.span.start()..from.span.end()], "From: Alice <alice@example.com>");
    let loops: Vec<_> = report.findings.iter().filter(|f| f.id == headerlens::FindingId::MailLoop).collect();
    assert_eq!(loops.len(), 1, "{:#?}", report.findings);
    assert!(loops[0].title.contains("over 200 Received fields"), "{}", loops[0].title);
    // A second message pasted below gives none of its fields to the first.
    let mut two = bytes.clone();
    two.extend_from_slice(b"From: Mallory <m@example.net>\nSubject: other\n");
    let report = analyze_checked(&two);
    assert_eq!(report.summary.from[0].address.as_deref(), Some("alice@example.com"));
}

#[test]
fn too_many_fields_stop_at_the_limit() {
    let bytes = short_lines(3 * MAX_FIELDS);
    let report = analyze_checked(&bytes);
    assert_eq!(report.headers.len(), MAX_FIELDS);
    assert_eq!(report.headers.last().unwrap().name, format!("X-L{}", MAX_FIELDS - 2));
    assert_names_first_unread_line(&bytes, &report, &format!("X-L{}: ", MAX_FIELDS - 1));
}

#[test]
fn a_one_megabyte_line_is_analysed_whole() {
    let bytes = one_long_line("Subject", "word ", 1024 * 1024);
    let report = analyze_checked(&bytes);
    assert!(truncation_findings(&report).is_empty());
    assert!(report.summary.subject.as_ref().is_some_and(|s| s.len() > 1_000_000));
    assert_eq!(report.hops.len(), 1);
}

#[test]
fn a_line_over_the_limit_is_left_whole_for_later() {
    // Three-byte characters, so the byte limit falls inside one of them.
    let mut bytes =
        b"Received: from a.example.net by b.example.org; Wed, 29 Oct 2025 10:24:26 +0000\nSubject: ".to_vec();
    bytes.extend("\u{20ac}".repeat(MAX_INPUT_BYTES / 3 + 10).as_bytes());
    let report = analyze_checked(&bytes);
    // The cut falls at the end of the last whole line: no half field is analysed.
    assert_eq!(report.hops.len(), 1);
    assert!(report.summary.subject.is_none());
    assert_names_first_unread_line(&bytes, &report, "Subject: \u{20ac}\u{20ac}");
}

#[test]
fn one_enormous_line_is_cut_between_characters() {
    let mut bytes = b"Subject: ".to_vec();
    bytes.extend("\u{20ac}".repeat(MAX_INPUT_BYTES / 3 + 10).as_bytes());
    let report = analyze_checked(&bytes);
    let subject = report.summary.subject.as_deref().expect("the subject, cut");
    assert!(subject.chars().all(|c| c == '\u{20ac}'));
    assert!(subject.len() > MAX_INPUT_BYTES - 20, "{} bytes", subject.len());
    assert_eq!(truncation_findings(&report).len(), 1);
}

#[test]
fn invalid_utf8_over_the_limit_keeps_offsets_and_the_lossy_flag() {
    let mut bytes = received_chain(3);
    for n in 0..MAX_INPUT_BYTES / 16 {
        bytes.extend_from_slice(format!("X-B{n}: ").as_bytes());
        bytes.extend_from_slice(&[0xff, 0xfe, b'\n', b' ', 0xc3, b'\n']);
    }
    let report = analyze_checked(&bytes);
    assert!(report.input.lossy_utf8);
    assert_eq!(report.input.bytes, bytes.len());
    assert_eq!(report.hops.len(), 3);
}

#[test]
fn a_large_message_with_its_body_is_not_truncated() {
    for bytes in [realistic_eml(5 * 1024 * 1024), mailbox(5 * 1024 * 1024)] {
        let report = analyze_checked(&bytes);
        assert!(truncation_findings(&report).is_empty(), "{:?}", report.input.normalizations);
        assert!(report.input.normalizations.iter().any(|n| n.contains("body is ignored")));
        assert!(!report.hops.is_empty());
    }
}

#[test]
fn junk_without_fields_over_the_limit_is_reported() {
    let bytes = vec![b'a'; MAX_INPUT_BYTES + 100];
    let report = analyze_checked(&bytes);
    assert!(report.headers.is_empty());
    assert_eq!(report.input.bytes, bytes.len());
    assert!(report.input.normalizations.iter().any(|n| n.starts_with("input too large")));
}
