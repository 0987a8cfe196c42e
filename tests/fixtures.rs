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
        let problems = crate::invariants::check(&bytes, &report);
        assert!(problems.is_empty(), "{}: {problems:#?}", path.display());
        let name = snapshot_name(path);
        insta::with_settings!({ prepend_module_to_snapshot => false, snapshot_suffix => "" }, {
            insta::assert_snapshot!(format!("text-{name}"), headerlens::render::text(&report));
            insta::assert_json_snapshot!(format!("json-{name}"), report);
        });
    });
}

/// The fixtures whose spans are checked in every paste shape.
const SPAN_FIXTURES: &[&str] = &[
    "basic/postfix-two-hops.eml",
    "received/exchange-exo-chain.eml",
    "received/exim-tls.eml",
    "received/gmail.eml",
];

/// The same text as pasted in other shapes: CRLF line endings, every line indented, and Outlook's
/// blank line after every line.
fn shapes(text: &str) -> Vec<(&'static str, String)> {
    let header = text.split("\n\n").next().unwrap_or(text);
    vec![
        ("lf", text.to_string()),
        ("crlf", text.replace('\n', "\r\n")),
        ("indented", header.lines().map(|l| format!("    {l}\n")).collect()),
        ("outlook", header.lines().map(|l| format!("{l}\r\n\r\n")).collect()),
    ]
}

fn span_text(input: &str, span: headerlens::Span) -> &str {
    input.get(span.start()..span.end()).unwrap_or_else(|| panic!("span {span:?} outside the input"))
}

#[test]
fn spans_point_into_the_original_input() {
    use headerlens::headers::unfold;
    let base = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    for name in SPAN_FIXTURES {
        let text = std::fs::read_to_string(base.join(name)).unwrap();
        for (shape, input) in shapes(&text) {
            let report = headerlens::analyze_str(&input);
            let ctx = format!("{name} ({shape})");
            assert!(!report.headers.is_empty(), "{ctx}");
            for f in &report.headers {
                assert!(span_text(&input, f.span).starts_with(&f.name), "{ctx}: field {}", f.name);
                assert_eq!(unfold(span_text(&input, f.value_span)), f.value, "{ctx}: value of {}", f.name);
            }
            for hop in &report.hops {
                let written = span_text(&input, hop.span);
                if !written.contains('\n') {
                    assert_eq!(written, hop.raw, "{ctx}: hop {}", hop.index);
                }
                assert_eq!(unfold(written), unfold(&hop.raw), "{ctx}: hop {}", hop.index);
            }
            for rp in &report.summary.return_path {
                assert_eq!(span_text(&input, rp.span), rp.raw, "{ctx}: Return-Path");
            }
            for f in &report.findings {
                for e in &f.evidence {
                    assert_eq!(
                        unfold(span_text(&input, e.span)),
                        unfold(&e.text),
                        "{ctx}: evidence of {}",
                        f.id
                    );
                }
            }
            // Every shape reads the same hops.
            let lf = headerlens::analyze_str(&text);
            let strip = |r: &headerlens::Report| {
                r.hops
                    .iter()
                    .map(|h| (h.from.clone(), h.by.clone(), h.timestamp.clone(), h.id.clone()))
                    .collect::<Vec<_>>()
            };
            assert_eq!(strip(&report), strip(&lf), "{ctx}");
        }
    }
}

#[test]
fn the_exchange_chain_reads_as_written() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/received/exchange-exo-chain.eml");
    let report = headerlens::analyze(&std::fs::read(path).unwrap());
    let hops = &report.hops;
    assert_eq!(hops.len(), 6);
    assert_eq!(hops[0].from.as_deref(), Some("APPSRV01.resdomain.local"));
    assert_eq!(hops[0].via.as_deref(), Some("Frontend Transport"));
    assert_eq!(hops[0].tls, None, "no version= means no TLS on the app hop");
    assert_eq!(hops[0].offset_minutes, Some(480));
    assert_eq!(hops[2].from_ip.map(|i| i.to_string()).as_deref(), Some("203.0.113.10"));
    assert_eq!(hops[2].by.as_deref(), Some("HK2PEPF00006FB5.mail.protection.outlook.com"));
    assert_eq!(hops[5].from_ip.map(|i| i.to_string()).as_deref(), Some("40.95.53.71"));
    assert_eq!(hops[5].from_rdns.as_deref(), Some("mail-mw2nam12rlnn2071.outbound.protection.outlook.com"));
    assert_eq!(report.timing.total_seconds, Some(12.0));
}

#[test]
fn the_clock_skew_chain_flags_one_hop() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/received/clock-skew.eml");
    let report = headerlens::analyze(&std::fs::read(path).unwrap());
    let skew: Vec<bool> = report.hops.iter().map(|h| h.clock_skew).collect();
    assert_eq!(skew, [false, false, true, false]);
    assert_eq!(report.hops[2].delay_seconds, Some(-214.0));
    assert_eq!(report.hops[3].delay_seconds, Some(215.0));
    // `Tue, 12 Mar 24 09:15:30 GMT`: a 2-digit year and an obsolete zone.
    assert_eq!(report.hops[0].timestamp.as_deref(), Some("2024-03-12T09:15:30Z"));
}
