//! The timing and trace diagnostics on the fixtures under `tests/fixtures/timing/`: a two-hour queue, a
//! server three hours off because of its time zone, a 40-second clock skew.

use std::path::Path;

use headerlens::{Confidence, Report, Severity};

use crate::support::{assert_spans, fixture, with_id};

const TIMING_IDS: &[&str] = &["hop-delay", "clock-skew", "tz-misconfig", "date-drift"];

fn fired(report: &Report) -> Vec<&'static str> {
    report.findings.iter().map(|f| f.id.as_str()).filter(|id| TIMING_IDS.contains(id)).collect()
}

#[test]
fn two_hour_queue_names_the_relay() {
    let (input, report) = fixture("timing/postfix-two-hour-queue.eml");
    assert_spans(&input, &report);
    assert_eq!(fired(&report), ["hop-delay"]);
    let f = with_id(&report, "hop-delay")[0];
    assert_eq!(f.severity, Severity::High);
    assert_eq!(f.confidence, Confidence::Likely);
    assert_eq!(f.title, "Hop 1 → 2 took 2 h 7 min: the message likely queued on relay.example.org");
    assert!(
        f.detail.contains("relay.example.org received the message at 2025-10-29T10:24:07Z"),
        "{}",
        f.detail
    );
    assert!(!f.detail.contains("half hours"), "7651 s is not near a zone step: {}", f.detail);
    let fix = f.fix.as_ref().unwrap();
    assert_eq!(fix.commands[0], "grep '9F2C3A1B4D' /var/log/mail.log");
    assert!(fix.steps[0].contains("queue ID 9F2C3A1B4D"));
}

#[test]
fn three_hours_off_is_a_time_zone_error_on_the_gateway() {
    let (input, report) = fixture("timing/timezone-minus-three-hours.eml");
    assert_spans(&input, &report);
    assert_eq!(fired(&report), ["tz-misconfig"]);
    let f = with_id(&report, "tz-misconfig")[0];
    assert_eq!(f.severity, Severity::Low);
    assert_eq!(f.title, "Likely a time-zone setting error on gw.example.net");
    assert!(f.detail.contains("Written with -0300 instead of +0000"), "{}", f.detail);
    assert_eq!(f.evidence[1].text, "Mon, 3 Mar 2025 11:20:09 +0000");
}

#[test]
fn forty_seconds_back_is_clock_skew_naming_both_hosts() {
    let (input, report) = fixture("timing/clock-skew-forty-seconds.eml");
    assert_spans(&input, &report);
    assert_eq!(fired(&report), ["clock-skew"]);
    let f = with_id(&report, "clock-skew")[0];
    // Under a minute: info at most (issue 10).
    assert_eq!(f.severity, Severity::Info);
    assert_eq!(f.title, "Timestamps go back 40 s from mx1.example.com to mailstore.example.com");
    assert!(f.detail.contains("mailstore.example.com's clock is likely behind"), "{}", f.detail);
    assert!(f.fix.as_ref().unwrap().summary.starts_with("Check NTP on mailstore.example.com"));
}

#[test]
fn microsoft_fixtures_have_no_timing_findings() {
    for name in ["m365-inbound-clean.eml", "m365-outbound-hybrid-external.eml"] {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/microsoft").join(name);
        let report = headerlens::analyze(&std::fs::read(path).unwrap());
        assert!(fired(&report).is_empty(), "{name}: {:?}", fired(&report));
        assert!(with_id(&report, "trace-nonconformant").is_empty(), "{name}");
    }
}

#[test]
fn hybrid_outbound_shows_the_plain_app_hop_and_internal_names() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/microsoft/m365-outbound-hybrid-external.eml");
    let bytes = std::fs::read(path).unwrap();
    let input = headerlens::charset::decode(&bytes).text.into_owned();
    let report = headerlens::analyze(&bytes);
    assert_spans(&input, &report);
    let no_tls = with_id(&report, "hop-no-tls");
    assert_eq!(no_tls.len(), 1, "{no_tls:#?}");
    assert_eq!(
        no_tls[0].title,
        "Hop 1 (APPSRV01.example.local → EXCH01.example.local) was not TLS-encrypted"
    );
    assert_eq!(no_tls[0].severity, Severity::Low);
    let names = with_id(&report, "internal-names-exposed");
    assert_eq!(names[0].severity, Severity::Info);
    assert!(names[0].title.contains("EXCH01.example.local"));
    assert!(
        !names[0].title.contains("10.167.8.41"),
        "Microsoft's own address is not the sender's: {}",
        names[0].title
    );
    assert!(with_id(&report, "helo-weak").is_empty());
}

#[test]
fn spam_bot_identity_is_weak() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/microsoft/m365-inbound-spam.eml");
    let report = headerlens::analyze(&std::fs::read(path).unwrap());
    let helo = with_id(&report, "helo-weak");
    assert_eq!(helo.len(), 1);
    assert_eq!(helo[0].title, "The sending server's identity is weak: ylmf-pc (198.51.100.23)");
    // The spam bot's plain connection into Exchange Online is the sender's choice, not the recipient's to fix.
    assert!(with_id(&report, "hop-no-tls").is_empty());
}
