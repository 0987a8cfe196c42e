//! Envelope diagnostics end to end: the headline Mail Contact diagnosis on the broken hybrid path, and
//! silence on the quiet cases (the same path after the fix, an internal copy, a Linux relay, odd case
//! only, a null-sender bounce, SRS forwarding, ordinary Gmail mail). Plus a run over the shared corpus.

use std::collections::{BTreeMap, BTreeSet};

use headerlens::{Confidence, Report, Severity};

use crate::support::{assert_spans, corpus, finding, fixture, header_files};

/// The finding ids this area owns.
const ENVELOPE_IDS: &[&str] = &[
    "return-path-non-routable",
    "return-path-case-odd",
    "mail-contact-envelope-rewrite",
    "return-path-missing",
    "return-path-multiple",
    "return-path-null",
    "return-path-srs",
    "dmarc-spf-unaligned",
    "dmarc-dkim-unaligned",
    "from-non-routable",
    "from-invalid",
    "hybrid-path",
    "exo-relay-pool",
];

fn envelope_ids(report: &Report) -> BTreeSet<&'static str> {
    report.findings.iter().map(|f| f.id.as_str()).filter(|id| ENVELOPE_IDS.contains(id)).collect()
}

#[test]
fn broken_hybrid_path_gets_the_headline_diagnosis() {
    let (input, report) = fixture("exchange/hybrid-mail-contact-broken.eml");
    assert_spans(&input, &report);
    let expected: BTreeSet<&str> = [
        "return-path-non-routable",
        "return-path-case-odd",
        "mail-contact-envelope-rewrite",
        "dmarc-spf-unaligned",
        "hybrid-path",
        "exo-relay-pool",
    ]
    .into_iter()
    .collect();
    assert_eq!(envelope_ids(&report), expected);
    assert_eq!(finding(&report, "exo-relay-pool").confidence, Confidence::Certain);
    assert_eq!(finding(&report, "dmarc-spf-unaligned").severity, Severity::High);
    let hybrid = finding(&report, "hybrid-path");
    assert!(
        hybrid.detail.contains("15.2.1544.14") && hybrid.detail.contains("40.95.96.41"),
        "{}",
        hybrid.detail
    );
    assert_eq!(finding(&report, "return-path-non-routable").severity, Severity::Critical);

    let headline = finding(&report, "mail-contact-envelope-rewrite");
    // Raised to the severity of the non-routable Return-Path it explains, and listed first.
    assert_eq!(headline.severity, Severity::Critical);
    assert_eq!(report.findings[0].id, "mail-contact-envelope-rewrite");
    assert_eq!(headline.confidence, Confidence::Certain);
    for needle in [
        "`invoice.ROBOT@AcmeCorp.local`",
        "`Invoice.Robot@example.org`",
        "RFC 6762",
        "EXCH01.acmecorp.local",
        "APPSRV01.acmecorp.local",
        "AM4PEPF00027A5C.mail.protection.outlook.com",
        "Mail Contact",
    ] {
        assert!(headline.detail.contains(needle), "detail lacks {needle}: {}", headline.detail);
    }
    let fix = headline.fix.as_ref().expect("a fix");
    let set = "Set-MailContact \"invoice.ROBOT@AcmeCorp.local\" -EmailAddressPolicyEnabled $false -PrimarySmtpAddress \"Invoice.Robot@example.org\"";
    assert!(fix.commands.iter().any(|c| c == set), "{:#?}", fix.commands);
    assert!(fix.commands.iter().any(|c| c.starts_with(
        "Get-Recipient -ResultSize Unlimited | Where-Object { $_.EmailAddresses -like \"*@acmecorp.local\" }"
    )));
    assert!(fix.commands.iter().any(|c| c.contains("Get-MessageTrackingLog")
        && c.contains("-Sender \"Invoice.Robot@example.org\"")
        && c.contains("ReturnPath")));
    assert!(fix.steps.iter().any(|s| s.contains("RECEIVE") && s.contains("SEND")));
    assert!(fix.verify.iter().any(|v| {
        v.starts_with("Get-MailContact \"Invoice.Robot@example.org\" | Format-List PrimarySmtpAddress")
    }));
    assert!(
        !fix.alternatives
            .iter()
            .any(|a| a.contains("dkim-tenant-default") || a.contains("DkimSigningConfig")),
        "the DKIM advice is said once, by dkim-tenant-default: {:#?}",
        fix.alternatives
    );
    assert!(fix.alternatives.iter().any(|a| a.contains("example-org.mail.protection.outlook.com")));
    assert!(fix.alternatives.iter().any(|a| a.contains("Anonymous")));
    assert!(fix.steps.iter().any(|s| s.contains("replication")));

    // The Return-Path evidence marks the odd capitals and the internal domain, exactly.
    let rp = &headline.evidence[0];
    assert_eq!(rp.header, "Return-Path");
    assert_eq!(&input[rp.span.0..rp.span.1], "invoice.ROBOT@AcmeCorp.local");
    let marked: Vec<&str> = rp.highlights.iter().map(|h| &input[h.0..h.1]).collect();
    assert_eq!(marked, ["i", "ROBOT", "AcmeCorp.local"]);
    let case = finding(&report, "return-path-case-odd");
    let marked: Vec<&str> = case.evidence[0].highlights.iter().map(|h| &input[h.0..h.1]).collect();
    assert_eq!(marked, ["i", "ROBOT", "A", "C"]);
}

#[test]
fn relay_pool_mail_with_a_routable_app_sender_is_not_blamed_on_a_mail_contact() {
    // The app's own host address as envelope sender (routable, ordinary case): the relay pool and the
    // unaligned SPF are real, the Mail Contact diagnosis is not.
    let (input, report) = fixture("exchange/hybrid-relay-app-host-sender.eml");
    assert_spans(&input, &report);
    let fired: Vec<&str> = envelope_ids(&report).into_iter().collect();
    assert_eq!(fired, ["dmarc-spf-unaligned", "exo-relay-pool", "hybrid-path"]);
    let relay = finding(&report, "exo-relay-pool");
    assert!(relay.fix.as_ref().unwrap().steps.iter().any(|s| s.contains("203.0.113.25")), "{:#?}", relay.fix);
}

#[test]
fn header_only_hybrid_evidence_says_likely() {
    let (input, report) = fixture("exchange/hybrid-header-only.eml");
    assert_spans(&input, &report);
    let headline = finding(&report, "mail-contact-envelope-rewrite");
    assert_eq!(headline.confidence, Confidence::Likely);
    assert!(
        headline.detail.contains("likely") && headline.detail.contains("HybridOnPrem"),
        "{}",
        headline.detail
    );
}

#[test]
fn internal_copy_of_the_broken_message_is_diagnosed() {
    let (input, report) = fixture("exchange/inside-tenant-copy-broken.eml");
    assert_spans(&input, &report);
    let headline = finding(&report, "mail-contact-envelope-rewrite");
    assert!(headline.detail.contains("Externally Secured"), "{}", headline.detail);
    // No Exchange Online on this copy's path: nothing claims it was relayed through it.
    assert!(
        headline.detail.contains("would relay")
            && !headline.detail.contains("Exchange Online does not rewrite")
    );
    assert_eq!(
        &input[headline.evidence[0].span.0..headline.evidence[0].span.1],
        "invoice.ROBOT@AcmeCorp.local"
    );
}

#[test]
fn linux_relay_is_non_routable_without_exchange_advice() {
    let (input, report) = fixture("envelope/linux-root-corp-lan.eml");
    assert_spans(&input, &report);
    let f = finding(&report, "return-path-non-routable");
    assert!(f.detail.contains("`.lan`"), "{}", f.detail);
    let fix = f.fix.as_ref().expect("a fix");
    assert!(fix.commands.iter().any(|c| c.contains("smtp_generic_maps")), "{:#?}", fix.commands);
    let all_text = serde_json::to_string(&report.findings).unwrap();
    assert!(!all_text.contains("Set-MailContact") && !all_text.contains("Mail Contact"));
    let fired: Vec<&str> = envelope_ids(&report).into_iter().collect();
    assert_eq!(fired, ["from-non-routable", "return-path-non-routable"]);
}

#[test]
fn odd_case_alone_is_only_case_odd() {
    let (input, report) = fixture("envelope/odd-case-only.eml");
    assert_spans(&input, &report);
    assert_eq!(envelope_ids(&report).into_iter().collect::<Vec<_>>(), ["return-path-case-odd"]);
    let case = finding(&report, "return-path-case-odd");
    let marked: Vec<&str> = case.evidence[0].highlights.iter().map(|h| &input[h.0..h.1]).collect();
    assert_eq!(marked, ["J", "DOE"]);
}

/// Quiet fixtures: (fixture, exactly the envelope ids that fire, all of them informational).
const QUIET: &[(&str, &[&str])] = &[
    ("exchange/hybrid-mail-contact-fixed.eml", &["hybrid-path"]),
    ("exchange/inside-tenant-copy.eml", &[]),
    ("envelope/null-sender-bounce.eml", &["return-path-null"]),
    ("envelope/srs-forwarded.eml", &["return-path-srs"]),
    ("envelope/gmail-normal.eml", &[]),
];

#[test]
fn quiet_cases_stay_quiet() {
    for (rel, expected) in QUIET {
        let (input, report) = fixture(rel);
        assert_spans(&input, &report);
        let fired: Vec<&str> = envelope_ids(&report).into_iter().collect();
        assert_eq!(fired, *expected, "{rel}");
        for f in report.findings.iter().filter(|f| ENVELOPE_IDS.contains(&f.id.as_str())) {
            assert_eq!(f.severity, Severity::Info, "{rel}: {}", f.id);
        }
    }
    let (_, srs) = fixture("envelope/srs-forwarded.eml");
    assert!(finding(&srs, "return-path-srs").detail.contains("`Jane.DOE@example.com`"));
}

/// The TLDs with an explicit rule in the ICANN section of the embedded Public Suffix List, read here
/// independently of the code under test.
fn icann_tlds() -> BTreeSet<String> {
    let text =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/src/domain/public_suffix_list.dat"))
            .unwrap();
    let start = text.find("===BEGIN ICANN DOMAINS===").unwrap();
    let end = text.find("===END ICANN DOMAINS===").unwrap();
    text[start..end]
        .lines()
        .skip(1)
        .filter(|l| !l.starts_with("//") && !l.is_empty())
        .filter_map(|l| l.rsplit('.').next().map(str::to_string))
        .collect()
}

#[test]
fn corpus_has_no_false_non_routable_verdicts() {
    let Some(root) = corpus() else { return };
    let files = header_files(&root);
    let tlds = icann_tlds();
    let mut counts: BTreeMap<&'static str, usize> = BTreeMap::new();
    let mut false_verdicts = Vec::new();
    for path in &files {
        let bytes = std::fs::read(path).unwrap();
        let report = headerlens::analyze(&bytes);
        for f in &report.findings {
            *counts.entry(f.id.as_str()).or_default() += 1;
            if [
                "from-non-routable",
                "from-invalid",
                "return-path-case-odd",
                "hybrid-path",
                "mail-contact-envelope-rewrite",
            ]
            .contains(&f.id.as_str())
                || (f.id.as_str().starts_with("dmarc-") && f.severity >= Severity::High)
            {
                println!("{}: {} — {}", f.id, path.strip_prefix(&root).unwrap_or(path).display(), f.title);
            }
        }
        if let Some(rp) = report.envelope.return_path.as_ref()
            && report.findings.iter().any(|f| f.id == "return-path-non-routable")
        {
            let domain = rp.domain.trim_end_matches('.').to_ascii_lowercase();
            let tld = domain.rsplit('.').next().unwrap_or("").to_string();
            let reserved = ["onion", "arpa"].contains(&tld.as_str());
            let by_tld = matches!(
                rp.domain_class.kind,
                headerlens::domain::DomainKind::SpecialUse | headerlens::domain::DomainKind::UnknownTld
            );
            println!(
                "non-routable: {} <{}> ({})",
                path.strip_prefix(&root).unwrap_or(path).display(),
                rp.address,
                rp.domain_class.reason
            );
            if by_tld && tlds.contains(&tld) && !reserved {
                false_verdicts.push(format!("{}: {}", path.display(), rp.address));
            }
        }
    }
    println!("corpus: {} files; findings fired:", files.len());
    for (id, n) in &counts {
        println!("  {n:>4}  {id}");
    }
    assert!(files.len() > 100, "corpus looks incomplete: {} files", files.len());
    assert!(false_verdicts.is_empty(), "non-routable verdicts for public TLDs: {false_verdicts:#?}");
}

mod properties {
    use proptest::prelude::*;

    /// Address-ish text: letters of both cases, digits, the separators SRS/VERP use, dots, @, brackets,
    /// non-ASCII letters.
    fn addressish() -> impl Strategy<Value = String> {
        proptest::string::string_regex("[A-Za-z0-9.=+_@\\[\\]:ÄéΩ-]{0,40}").unwrap()
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        /// Whatever the Return-Path and From hold, analysis does not panic, and every envelope evidence
        /// span and highlight points at the text it claims.
        #[test]
        fn envelope_evidence_is_always_in_the_input(rp in addressish(), from in addressish(), hybrid in any::<bool>()) {
            let mut text = format!("Return-Path: <{rp}>\nFrom: {from}\nSubject: x\nDKIM-Signature: v=1; d={from}; s=s; b=x\n");
            if hybrid {
                text.push_str("X-MS-Exchange-CrossTenant-FromEntityHeader: HybridOnPrem\nX-MS-Exchange-AntiSpam-Relay: 1\n");
            }
            let report = headerlens::analyze_str(&text);
            for f in report.findings.iter().filter(|f| super::ENVELOPE_IDS.contains(&f.id.as_str())) {
                for ev in &f.evidence {
                    prop_assert_eq!(text.get(ev.span.0..ev.span.1), Some(ev.text.as_str()), "{}", f.id);
                    for h in &ev.highlights {
                        prop_assert!(h.0 >= ev.span.0 && h.1 <= ev.span.1 && text.get(h.0..h.1).is_some(), "{}", f.id);
                    }
                }
            }
        }
    }
}
