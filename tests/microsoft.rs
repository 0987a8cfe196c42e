//! Microsoft 365 headers decoded into words and the Microsoft diagnostics, on the fixtures under
//! `tests/fixtures/microsoft/` and over the shared corpus.

use std::collections::BTreeMap;

use headerlens::microsoft::Provenance;
use headerlens::{Report, Severity};

use crate::support::{assert_spans, corpus, finding, fixture, header_files};

fn ids(report: &Report) -> Vec<&'static str> {
    report.findings.iter().map(|f| f.id.as_str()).collect()
}

/// Every evidence span holds its text, and every decoded Microsoft entry's span its key or value.
fn assert_ms_spans(input: &str, report: &Report) {
    assert_spans(input, report);
    for field in &report.microsoft.fields {
        let squeeze = |s: &str| s.split_whitespace().collect::<String>();
        let text = squeeze(input.get(field.span.start()..field.span.end()).unwrap_or(""));
        assert!(
            text.starts_with(&squeeze(&field.key)) || text == squeeze(&field.value),
            "{field:?} -> {text:?}"
        );
    }
}

const MS_IDS: &[&str] =
    &["eop-spam-verdict", "eop-bulk", "eop-filter-bypassed", "exo-high-risk-pool", "hybrid-not-internal"];

#[test]
fn inbound_clean_decodes_and_stays_quiet() {
    let (input, report) = fixture("microsoft/m365-inbound-clean.eml");
    assert_ms_spans(&input, &report);
    let ms = &report.microsoft;
    assert_eq!(
        ms.verdict.as_ref().map(|v| v.to_string()).as_deref(),
        Some(
            "Exchange Online: not spam (SCL 1, BCL 0), inbound, from IP 203.0.113.5 (country GB), delivered to the Inbox"
        )
    );
    let forefront: Vec<_> = ms.fields.iter().filter(|f| f.header == "X-Forefront-Antispam-Report").collect();
    assert_eq!(forefront.len(), 12);
    assert!(forefront.iter().all(|f| f.source != Provenance::Unknown), "{forefront:#?}");
    let arrival = ms.header("X-MS-Exchange-CrossTenant-OriginalArrivalTime").unwrap();
    assert!(arrival.meaning.contains("2024-05-14T09:12:39Z"), "{}", arrival.meaning);
    let latency = ms.header("X-MS-Exchange-Transport-EndToEndLatency").unwrap();
    assert!(latency.meaning.contains("2.1 s"), "{}", latency.meaning);
    let fired: Vec<_> = ids(&report).into_iter().filter(|id| MS_IDS.contains(id)).collect();
    assert!(fired.is_empty(), "{fired:?}");
}

#[test]
fn inbound_spam_is_explained() {
    let (input, report) = fixture("microsoft/m365-inbound-spam.eml");
    assert_ms_spans(&input, &report);
    let f = finding(&report, "eop-spam-verdict");
    // A likely spoof (DMARC failed, straight from a nameless host) caught by the filter: the verdict is right, so
    // it is low, and nobody is told to report a false positive.
    assert_eq!(f.severity, Severity::Low);
    assert!(f.detail.contains("so the verdict is right"), "{}", f.detail);
    assert!(report.route.impersonation.is_some());
    assert_eq!(f.title, "Exchange Online's filter caught this message as spam (SCL 5)");
    assert!(f.detail.contains("notice@parcel-notice.example"));
    assert!(
        report
            .microsoft
            .verdict
            .as_ref()
            .unwrap()
            .to_string()
            .starts_with("Exchange Online: spam (SCL 5, BCL 0), inbound")
    );
    assert!(!ids(&report).contains(&"eop-bulk"));
    let pcl = report.microsoft.header("X-MS-Exchange-Organization-PCL").unwrap();
    assert!(
        pcl.meaning.starts_with("Microsoft documents: phishing confidence level 2: neutral"),
        "{}",
        pcl.meaning
    );
    // Microsoft does not document Mailbox-Delivery: OFR's reading is observed, jmr's a community guess.
    let ofr = report.microsoft.fields.iter().find(|f| f.key == "OFR").unwrap();
    assert_eq!(ofr.source, Provenance::Observed);
    let jmr = report.microsoft.fields.iter().find(|f| f.key == "jmr").unwrap();
    assert_eq!(jmr.source, Provenance::Unofficial);
}

#[test]
fn bulk_is_rated() {
    let (input, report) = fixture("microsoft/m365-bulk.eml");
    assert_ms_spans(&input, &report);
    let bulk = finding(&report, "eop-bulk");
    assert_eq!(bulk.severity, Severity::Medium);
    assert_eq!(bulk.title, "Microsoft 365 rates news@mailer.example.com as a bulk sender (BCL 7)");
    assert!(bulk.fix.as_ref().unwrap().steps.iter().any(|s| s.contains("aligned to mailer.example.com")));
    let verdict = finding(&report, "eop-spam-verdict");
    assert_eq!(verdict.title, "Exchange Online's filter caught this message as bulk (SCL 6)");
    // In Junk Email: nothing to release from quarantine.
    assert!(verdict.fix.as_ref().unwrap().commands.is_empty());
    assert!(!ids(&report).contains(&"eop-filter-bypassed"));
}

#[test]
fn transport_rule_bypass_is_flagged() {
    let (input, report) = fixture("microsoft/m365-transport-rule-bypass.eml");
    assert_ms_spans(&input, &report);
    let f = finding(&report, "eop-filter-bypassed");
    assert_eq!(f.severity, Severity::Low);
    assert_eq!(f.title, "Spam filtering was bypassed for this inbound message from alerts@partner.example");
    assert_eq!(f.evidence[0].text, "SFV:SKN");
    assert!(!ids(&report).contains(&"eop-spam-verdict"));
    assert!(report.microsoft.verdict.as_ref().unwrap().contains("SCL -1"));
}

#[test]
fn outbound_hybrid_seen_externally() {
    let (input, report) = fixture("microsoft/m365-outbound-hybrid-external.eml");
    assert_ms_spans(&input, &report);
    assert_eq!(
        report.microsoft.verdict.as_ref().map(|v| v.to_string()).as_deref(),
        Some(
            "Exchange Online (the sender's tenant, outbound scan): not spam (SCL 1, BCL 0), outbound, \
             from IP 203.0.113.10 (country GB)"
        )
    );
    let f = finding(&report, "hybrid-not-internal");
    assert_eq!(f.severity, Severity::Low);
    assert!(f.detail.contains("the example.com tenant"), "{}", f.detail);
    assert!(f.fix.as_ref().unwrap().commands[1].contains("\"mail.example.com\""));
    let sfp = report.microsoft.fields.iter().find(|f| f.key == "SFP").unwrap();
    assert_eq!(sfp.source, Provenance::Unofficial);
    assert!(sfp.meaning.contains("normal outbound delivery pool"));
    for quiet in ["exo-high-risk-pool", "eop-spam-verdict", "eop-bulk", "eop-filter-bypassed"] {
        assert!(!ids(&report).contains(&quiet), "{quiet} fired");
    }
}

/// On the founding case the connector finding is no symptom of the Mail Contact rewrite: the rewrite's fix leaves
/// it in place (the fixed message still has it), so it keeps its own fix instead of "its fix covers this".
#[test]
fn hybrid_not_internal_keeps_its_connector_fix_next_to_the_mail_contact_rewrite() {
    let (_, broken) = fixture("exchange/hybrid-mail-contact-broken.eml");
    let (_, fixed) = fixture("exchange/hybrid-mail-contact-fixed.eml");
    assert!(ids(&broken).contains(&"mail-contact-envelope-rewrite"));
    assert!(!ids(&fixed).contains(&"mail-contact-envelope-rewrite"));
    for report in [&broken, &fixed] {
        let f = finding(report, "hybrid-not-internal");
        assert_eq!(f.caused_by, None, "{}", f.detail);
        assert!(!f.detail.contains("its fix covers this"), "{}", f.detail);
        let fix = f.fix.as_ref().expect("a fix of its own");
        assert!(fix.steps.iter().any(|s| s.contains("TlsSenderCertificateName")), "{:?}", fix.steps);
    }
}

/// Entries of a list-shaped value counted independently of the decoder: `;`-separated, `(null)` removed.
fn naive_entry_count(value: &str) -> usize {
    value.split(';').map(|e| e.replace("(null)", "")).filter(|e| !e.trim().is_empty()).count()
}

#[test]
fn corpus_every_antispam_field_is_decoded_or_marked_unknown() {
    let Some(root) = corpus() else { return };
    let files = header_files(&root);
    let (mut decoded, mut unknown, mut reports) = (0usize, 0usize, 0usize);
    let mut unknown_keys: BTreeMap<String, usize> = BTreeMap::new();
    let mut provenance: BTreeMap<String, usize> = BTreeMap::new();
    let mut fired: BTreeMap<&'static str, usize> = BTreeMap::new();
    let mut unknown_elsewhere: BTreeMap<String, usize> = BTreeMap::new();
    let mut verdicts = 0usize;
    for path in &files {
        let bytes = std::fs::read(path).unwrap();
        let report = headerlens::analyze(&bytes);
        for (index, header) in report.headers.iter().enumerate() {
            let lower = header.name.to_ascii_lowercase();
            const LIST_HEADERS: &[&str] = &[
                "x-forefront-antispam-report",
                "x-forefront-antispam-report-untrusted",
                "x-microsoft-antispam",
                "x-microsoft-antispam-untrusted",
                "x-microsoft-antispam-mailbox-delivery",
            ];
            if !LIST_HEADERS.contains(&lower.as_str()) {
                continue;
            }
            let decoded_here: Vec<_> =
                report.microsoft.fields.iter().filter(|f| f.field_index == index).collect();
            assert_eq!(
                decoded_here.len(),
                naive_entry_count(&header.value),
                "{}: {} {:?}",
                path.display(),
                header.name,
                header.value
            );
            if lower.starts_with("x-forefront-antispam-report") {
                reports += 1;
                for f in decoded_here {
                    if f.source == Provenance::Unknown {
                        unknown += 1;
                        *unknown_keys.entry(format!("{}={}", f.key, f.value)).or_default() += 1;
                    } else {
                        decoded += 1;
                    }
                }
            }
        }
        for f in &report.microsoft.fields {
            *provenance.entry(format!("{:?}", f.source)).or_default() += 1;
            if f.source == Provenance::Unknown {
                *unknown_elsewhere
                    .entry(format!("{}: {}", f.header.to_ascii_lowercase(), f.key))
                    .or_default() += 1;
            }
        }
        verdicts += usize::from(report.microsoft.verdict.is_some());
        for finding in &report.findings {
            *fired.entry(finding.id.as_str()).or_default() += 1;
        }
    }
    println!(
        "corpus: {} files, {reports} X-Forefront-Antispam-Report fields, {verdicts} verdict lines",
        files.len()
    );
    println!("X-Forefront-Antispam-Report entries: {decoded} decoded, {unknown} marked unknown");
    println!("unknown entries (key=value: count): {unknown_keys:?}");
    println!("all Microsoft fields by provenance: {provenance:?}");
    println!("unknown keys in all Microsoft headers (header: key: count): {unknown_elsewhere:?}");
    println!("findings fired (id: count): {fired:?}");
    assert!(reports > 0, "the corpus has X-Forefront-Antispam-Report fields");
}

#[test]
fn text_and_markdown_show_the_decoded_fields() {
    let (_, report) = fixture("microsoft/m365-bulk.eml");
    let text = headerlens::render::text(&report);
    let heading = format!(
        "\nMicrosoft 365 ({} fields decoded):\n  Verdict: Exchange Online: spam, category bulk (SCL 6, BCL 7)",
        report.microsoft.fields.len()
    );
    assert!(text.contains(&heading), "{text}");
    assert!(text.contains("    SRV:BULK\n        Microsoft documents: identified as bulk mail"), "{text}");
    let markdown = headerlens::render::markdown(&report);
    assert!(
        markdown.contains("| X-Microsoft-Antispam | BCL | `7` | Microsoft documents: bulk complaint level 7"),
        "{markdown}"
    );
    let (_, clean) = fixture("microsoft/m365-inbound-clean.eml");
    let text = headerlens::render::text(&clean);
    assert!(text.contains("    SFS:(13230031)(4022899009)(69100299015)(8096899003)\n"), "{text}");
    let (_, none) = (String::new(), headerlens::analyze_str("From: a@example.com\n"));
    assert!(!headerlens::render::text(&none).contains("Microsoft 365"));
}
