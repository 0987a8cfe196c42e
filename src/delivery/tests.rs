use super::*;
use crate::analyze_str;
use crate::catalog::Lang;

/// A Microsoft 365 inbound message with the given report and Mailbox-Delivery values.
fn m365(report: &str, mailbox_delivery: Option<&str>, extra: &str) -> String {
    let md = mailbox_delivery
        .map(|v| format!("X-Microsoft-Antispam-Mailbox-Delivery:\n\t{v}\n"))
        .unwrap_or_default();
    format!(
        "Received: from AM0PR01MB1234.eurprd01.prod.outlook.com (2603:10a6:208:1::1) by\n \
         AM0PR01MB5678.eurprd01.prod.outlook.com with HTTPS; Tue, 4 Aug 2026 09:00:02 +0000\n\
         {md}{extra}\
         X-Forefront-Antispam-Report:\n\t{report}\n\
         Authentication-Results: spf=pass (sender IP is 203.0.113.7)\n smtp.mailfrom=example.com; dkim=none (message not signed)\n \
         header.d=none;dmarc=pass action=none header.from=example.com;compauth=pass reason=100\n\
         Received: from mail.example.com (203.0.113.7) by\n \
         AM0PR01MB1234.eurprd01.prod.outlook.com (2603:10a6:208:1::1) with Microsoft SMTP Server; Tue, 4 Aug 2026 09:00:01 +0000\n\
         From: Sender <sender@example.com>\n\
         To: user@example.org\n\
         Subject: test\n\
         Date: Tue, 4 Aug 2026 09:00:00 +0000\n\
         Message-ID: <1@example.com>\n"
    )
}

fn delivery(text: &str) -> (Delivery, String) {
    (analyze_str(text).delivery, text.to_string())
}

/// Every reason's and filter's evidence is the input text at its span.
fn assert_evidence_in_input(d: &Delivery, input: &str) {
    let all = d.reasons.iter().flat_map(|r| &r.evidence).chain(d.filters.iter().flat_map(|f| &f.evidence));
    for e in all {
        let written = &input[e.span.start()..e.span.end()];
        // Folded evidence is shown unfolded (as everywhere in the report).
        assert_eq!(crate::headers::unfold(written).trim(), e.text.trim(), "evidence {e:?}");
    }
}

#[test]
fn junk_because_the_spam_filter_said_so() {
    let (d, input) = delivery(&m365(
        "CIP:203.0.113.7;CTRY:US;LANG:en;SCL:5;SRV:;IPV:NLI;SFV:SPM;H:mail.example.com;PTR:mail.example.com;CAT:SPM;",
        Some("ucf:0;jmr:0;auth:0;dest:J;OFR:SpamFilterAuthJ;RF:JunkEmail;"),
        "",
    ));
    assert_eq!(d.placement, Placement::Junk);
    assert_eq!(d.decided_by, Some(DecidedBy::SpamFilter));
    assert_eq!(d.confidence, Confidence::Certain);
    let s = d.sentence.as_ref().unwrap().render(Lang::En);
    assert!(s.starts_with("In Junk because Microsoft 365's spam filter marked it as spam"), "{s}");
    assert!(s.contains("SCL 5"), "{s}");
    let fr = d.sentence.as_ref().unwrap().render(Lang::Fr);
    assert_eq!(
        fr,
        "Dans le courrier indésirable parce que le filtre anti-spam de Microsoft 365 l'a marqué comme spam \
         (SFV:SPM, SCL 5, catégorie spam)."
    );
    let reasons: Vec<String> = d.reasons.iter().map(|r| r.text.render(Lang::Fr)).collect();
    assert!(
        reasons.iter().any(|r| r.starts_with(
            "Le tampon de remise de la boîte aux lettres indique dest:J\u{a0}: le dossier Courrier indésirable"
        )),
        "{reasons:?}"
    );
    assert!(d.reasons.iter().any(|r| r.evidence.iter().any(|e| e.text == "OFR:SpamFilterAuthJ")));
    assert!(d.reasons.iter().any(|r| r.evidence.iter().any(|e| e.text == "dest:J")));
    assert_evidence_in_input(&d, &input);
}

#[test]
fn inbox_because_safe_senders_overrode_a_spam_verdict() {
    let (d, input) = delivery(&m365(
        "CIP:203.0.113.7;CTRY:US;SCL:5;IPV:NLI;SFV:SPM;H:mail.example.com;CAT:SPM;",
        Some("wl:1;pcwl:1;ucf:0;jmr:0;ex:0;auth:0;dest:I;OFR:TrustedSenderList;"),
        "",
    ));
    assert_eq!(d.placement, Placement::Inbox);
    assert_eq!(d.decided_by, Some(DecidedBy::SafeSenders));
    let s = d.sentence.as_ref().unwrap().render(Lang::En);
    assert!(s.contains("Safe Senders list (or contacts) overrode the spam filter's verdict"), "{s}");
    assert!(s.contains("phishing report"), "{s}");
    let reason = d.reasons.iter().find(|r| r.text.starts_with("OFR:TrustedSenderList")).unwrap();
    assert_eq!(reason.source, Provenance::Observed);
    let texts: Vec<&str> = reason.evidence.iter().map(|e| e.text.as_str()).collect();
    assert_eq!(texts, ["OFR:TrustedSenderList", "wl:1", "pcwl:1"]);
    assert_evidence_in_input(&d, &input);
}

#[test]
fn safe_senders_on_clean_mail_is_not_called_an_override() {
    let (d, _) = delivery(&m365(
        "CIP:203.0.113.7;SCL:1;SFV:NSPM;CAT:NONE;",
        Some("wl:1;pcwl:1;auth:1;dest:I;OFR:TrustedSenderList;"),
        "",
    ));
    let s = d.sentence.unwrap().render(Lang::En);
    assert!(!s.contains("overrode"), "{s}");
    assert!(s.contains("found it not spam"), "{s}");
}

#[test]
fn junk_with_a_clean_verdict_is_the_mailbox_junk_settings() {
    for report in
        ["CIP:203.0.113.7;SCL:1;SFV:NSPM;CAT:NONE;", "CIP:203.0.113.7;SFV:NSPM;", "CIP:203.0.113.7;SCL:1;"]
    {
        let (d, input) = delivery(&m365(report, Some("ucf:0;jmr:0;auth:0;dest:J;"), ""));
        assert_eq!(d.placement, Placement::Junk, "{report}");
        assert_eq!(d.decided_by, Some(DecidedBy::MailboxJunkSettings), "{report}");
        let s = d.sentence.as_ref().unwrap().render(Lang::En);
        assert!(s.contains("mailbox's own junk e-mail settings"), "{s}");
        assert!(s.contains("not the spam filter"), "{s}");
        assert!(d.reasons.iter().any(|r| r.text.contains("Get-MailboxJunkEmailConfiguration")));
        assert_evidence_in_input(&d, &input);
    }
}

#[test]
fn blocked_senders_and_inbox_rules_are_named() {
    let (d, _) = delivery(&m365("SCL:6;SFV:BLK;", Some("auth:0;dest:J;"), ""));
    assert_eq!(d.decided_by, Some(DecidedBy::MailboxJunkSettings));
    assert!(d.sentence.unwrap().render(Lang::En).contains("Blocked Senders"));

    let (d, _) = delivery(&m365("SCL:1;SFV:NSPM;", Some("ucf:1;auth:1;dest:C;OFR:CustomRules;"), ""));
    assert_eq!(d.placement, Placement::Folder);
    assert_eq!(d.decided_by, Some(DecidedBy::InboxRule));
    assert!(d.sentence.unwrap().render(Lang::En).contains("inbox rule"));
}

#[test]
fn skips_and_blocks_before_filtering() {
    let (d, _) = delivery(&m365("SCL:-1;SFV:SKN;IPV:NLI;", Some("auth:0;dest:I;"), ""));
    assert_eq!(d.decided_by, Some(DecidedBy::TransportRule));
    let (d, _) = delivery(&m365("SCL:1;SFV:SKA;IPV:CAL;", Some("auth:0;dest:I;"), ""));
    assert_eq!(d.decided_by, Some(DecidedBy::AllowList));
    assert!(d.reasons.iter().any(|r| r.text.starts_with("IPV:CAL")));
    let (d, _) = delivery(&m365("SCL:5;SFV:SKB;", Some("auth:0;dest:J;"), ""));
    assert_eq!(d.decided_by, Some(DecidedBy::BlockList));
}

#[test]
fn without_mailbox_delivery_the_folder_is_likely() {
    let (d, _) = delivery(&m365("SCL:9;SFV:SPM;CAT:HPHSH;", None, ""));
    assert_eq!(d.placement, Placement::Quarantine);
    assert_eq!(d.confidence, Confidence::Likely);
    assert!(d.sentence.unwrap().render(Lang::En).starts_with("Likely in quarantine"));

    let (d, _) = delivery(&m365("SCL:5;SFV:SPM;CAT:SPM;", None, ""));
    assert_eq!(d.placement, Placement::Junk);
    assert_eq!(d.confidence, Confidence::Likely);

    let (d, _) = delivery(&m365("SCL:1;SFV:SKQ;", None, ""));
    assert_eq!(d.decided_by, Some(DecidedBy::QuarantineRelease));
}

#[test]
fn arc_override_is_a_reason() {
    let text = m365("SCL:1;SFV:NSPM;", Some("auth:0;dest:I;"), "")
        .replace("compauth=pass reason=100", "compauth=pass reason=130");
    let (d, input) = delivery(&text);
    assert!(d.reasons.iter().any(|r| r.text.starts_with("compauth reason 130")));
    assert_evidence_in_input(&d, &input);
}

#[test]
fn the_senders_outbound_scan_is_not_the_recipients_verdict() {
    let text = m365("CIP:255.255.255.255;SCL:1;SFV:NSPM;DIR:OUT;", None, "");
    let (d, _) = delivery(&text);
    assert_eq!(d.placement, Placement::Unknown);
    assert!(d.sentence.is_none());
}

#[test]
fn unknown_mailbox_delivery_keys_are_listed() {
    let (d, _) = delivery(&m365("SCL:1;SFV:NSPM;", Some("kl:0;zz:3;auth:0;dest:I;"), ""));
    assert_eq!(
        d.unexplained,
        ["X-Microsoft-Antispam-Mailbox-Delivery: kl", "X-Microsoft-Antispam-Mailbox-Delivery: zz"]
    );
}

/// A message received by mx.example.org from relay.example.net, with `inside` written by the receiver and
/// `below` (under the relay's Received field) present before it arrived.
fn gateway(inside: &str, below: &str) -> String {
    format!(
        "{inside}Received: from relay.example.net (relay.example.net [203.0.113.9]) by mx.example.org (Postfix) with ESMTPS id Q1;\n \
         Tue, 04 Aug 2026 11:00:00 +0200\n\
         Received: from client.example.net (client.example.net [198.51.100.4]) by relay.example.net (Postfix) with ESMTP id R1;\n \
         Tue, 04 Aug 2026 10:59:58 +0200\n\
         {below}From: a@example.net\nTo: b@example.org\nSubject: hi\nDate: Tue, 04 Aug 2026 10:59:57 +0200\n"
    )
}

#[test]
fn spamassassin_status_report_and_flag() {
    let inside = "X-Spam-Flag: YES\n\
        X-Spam-Status: Yes, score=7.1 required=5.0 tests=BAYES_99,MISSING_MID,\n\tRDNS_NONE autolearn=no version=3.4.6\n\
        X-Spam-Report:\n\t*  3.5 BAYES_99 BODY: Bayes spam probability is 99 to 100%\n\t*      [score: 1.0000]\n\t\
        *  0.1 MISSING_MID Missing Message-Id: header\n\t*  1.3 RDNS_NONE Delivered to internal network by a host with no rDNS\n";
    let text = gateway(inside, "");
    let (d, input) = delivery(&text);
    let f = &d.filters[0];
    assert_eq!(f.filter, "SpamAssassin");
    assert_eq!(f.verdict, FilterVerdict::Spam);
    assert_eq!((f.score, f.threshold), (Some(7.1), Some(5.0)));
    assert_eq!(f.position, Position::Receiver);
    let names: Vec<&str> = f.rules.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(names, ["BAYES_99", "RDNS_NONE", "MISSING_MID"]);
    assert_eq!(f.rules[0].score, Some(3.5));
    assert!(
        f.rules[0].meaning.starts_with("BODY: Bayes spam probability is 99 to 100%"),
        "{}",
        f.rules[0].meaning
    );
    assert_eq!(f.rules[1].meaning, "Delivered to internal network by a host with no rDNS");
    assert!(
        d.sentence
            .as_ref()
            .unwrap()
            .render(Lang::En)
            .starts_with("SpamAssassin marked it as spam (score 7.1, threshold 5)")
    );
    assert_evidence_in_input(&d, &input);
}

#[test]
fn amavis_status_with_scored_tests() {
    let inside = "X-Spam-Flag: NO\nX-Spam-Score: -1.906\nX-Spam-Level:\n\
        X-Spam-Status: No, score=-1.906 tagged_above=-999 required=5\n\ttests=[BAYES_00=-1.9, SPF_NONE=0.001,\n\tUNKNOWN_LOCAL_RULE=0.2] autolearn=ham autolearn_force=no\n";
    let (d, _) = delivery(&gateway(inside, ""));
    assert_eq!(d.filters.len(), 1, "{:?}", d.filters);
    let f = &d.filters[0];
    assert_eq!(f.filter, "amavis (SpamAssassin)");
    assert_eq!(f.verdict, FilterVerdict::NotSpam);
    assert_eq!(f.score, Some(-1.906));
    assert_eq!(f.rules[0].name, "BAYES_00");
    assert_eq!(f.rules[0].score, Some(-1.9));
    let unknown = f.rules.iter().find(|r| r.name == "UNKNOWN_LOCAL_RULE").unwrap();
    assert_eq!(unknown.meaning, "unknown rule");
}

#[test]
fn a_filter_below_the_receiver_is_upstream_and_not_counted() {
    let below = "X-Spam-Status: Yes, score=9.0 required=5.0 tests=BAYES_99\n";
    let (d, _) = delivery(&gateway("", below));
    assert_eq!(d.filters[0].position, Position::Upstream);
    assert!(d.sentence.is_none());
    assert_eq!(d.placement, Placement::Unknown);
}

#[test]
fn rspamd_result_and_action() {
    let inside = "X-Spamd-Result: default: True [8.40 / 15.00];\n\t R_SPF_FAIL(1.00)[-all];\n\t \
        DMARC_POLICY_REJECT(2.00)[example.net : No valid SPF, No valid DKIM,reject];\n\t LOCAL_THING(5.40)[]\n\
        X-Rspamd-Action: add header\nX-Spam: Yes\n";
    let (d, input) = delivery(&gateway(inside, ""));
    let f = &d.filters[0];
    assert_eq!(f.filter, "Rspamd");
    assert_eq!(f.verdict, FilterVerdict::Spam);
    assert_eq!((f.score, f.threshold), (Some(8.4), Some(15.0)));
    let names: Vec<&str> = f.rules.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(names, ["LOCAL_THING", "DMARC_POLICY_REJECT", "R_SPF_FAIL"]);
    assert_eq!(f.rules[1].meaning, "DMARC failed and the domain's policy is reject");
    assert!(f.notes.iter().any(|n| n.starts_with("action add header")));
    assert_evidence_in_input(&d, &input);
}

#[test]
fn gateways() {
    let inside = "X-Proofpoint-Spam-Details: rule=inbound_notspam policy=inbound score=0 spamscore=0\n phishscore=12 bulkscore=0 classifier=spam adjust=0\n\
        X-Barracuda-Spam-Status: Yes, SCORE=6.20 using global scores of TAG_LEVEL=3.5 QUARANTINE_LEVEL=1000.0 KILL_LEVEL=6.0 tests=MISSING_MID, HTML_MESSAGE\n\
        X-TM-AS-Result: No--8.322-5.0-31-10\n\
        X-Mimecast-Spam-Score: 12\n\
        X-Mimecast-Impersonation-Protect: Policy=Default;Similar Internal Domain=false;Newly Observed Domain=true\n\
        X-Gm-Spam: 0\nX-Gm-Phy: 0\n\
        X-IronPort-Anti-Spam-Filtered: true\nX-IronPort-Anti-Spam-Result: A0ADAJ+abc\nX-SBRS: -2.5\n";
    let (d, input) = delivery(&gateway(inside, ""));
    let get = |name: &str| d.filters.iter().find(|f| f.filter == name).unwrap_or_else(|| panic!("{name}"));
    let pp = get("Proofpoint");
    assert_eq!(pp.verdict, FilterVerdict::NotSpam);
    assert_eq!(pp.rules.len(), 1);
    assert_eq!(pp.rules[0].name, "phishscore");
    let bc = get("Barracuda");
    assert_eq!((bc.verdict, bc.score, bc.threshold), (FilterVerdict::Spam, Some(6.2), Some(6.0)));
    assert_eq!(bc.rules.len(), 2);
    let tm = get("Trend Micro");
    assert_eq!((tm.verdict, tm.score, tm.threshold), (FilterVerdict::NotSpam, Some(-8.322), Some(5.0)));
    let mc = get("Mimecast");
    assert_eq!((mc.verdict, mc.score), (FilterVerdict::Unknown, Some(12.0)));
    assert_eq!(mc.rules[0].name, "Newly Observed Domain");
    assert_eq!(get("Google").verdict, FilterVerdict::NotSpam);
    let ip = get("Cisco Secure Email (IronPort)");
    assert_eq!((ip.verdict, ip.score), (FilterVerdict::Unknown, Some(-2.5)));
    assert!(d.filters.iter().all(|f| f.position == Position::Receiver));
    assert_evidence_in_input(&d, &input);
}

#[test]
fn no_filter_headers_no_delivery() {
    let (d, _) = delivery(&gateway("", ""));
    assert_eq!(d, Delivery::default());
}

#[test]
fn a_mailbox_delivery_value_that_lost_its_indentation_still_gives_junk() {
    // Copied from a web view: the fold under the field name lost its leading white space.
    let text = m365(
        "CIP:203.0.113.7;CTRY:US;LANG:en;SCL:5;SRV:;IPV:NLI;SFV:SPM;H:mail.example.com;PTR:mail.example.com;CAT:SPM;",
        None,
        "X-Microsoft-Antispam-Mailbox-Delivery:\nucf:0;jmr:0;auth:0;dest:J;OFR:SpamFilterAuthJ;RF:JunkEmail;\n",
    );
    let report = analyze_str(&text);
    assert_eq!(report.delivery.placement, Placement::Junk);
    assert_eq!(report.delivery.decided_by, Some(DecidedBy::SpamFilter));
    assert!(!report.headers.iter().any(|h| h.name.eq_ignore_ascii_case("ucf")));
    assert!(
        report
            .input
            .normalizations
            .iter()
            .any(|n| n.contains("joined to X-Microsoft-Antispam-Mailbox-Delivery")),
        "{:?}",
        report.input.normalizations
    );
    assert_evidence_in_input(&report.delivery, &text);
}

/// The receiving organisation's Proofpoint gateway wrote its verdict under its own Received field; the
/// organisation's own server above it wrote the authentication results.
const GATEWAY_BELOW_ITS_STAMP: &str = "Received: from mx0a-00123401.pphosted.com (mx0a-00123401.pphosted.com [203.0.113.20]) by mail.example.org (Postfix) with ESMTPS id A1; Tue, 4 Aug 2026 09:00:05 +0000\n\
    Authentication-Results: mail.example.org; spf=pass smtp.mailfrom=example.com; dkim=pass header.d=example.com; dmarc=pass header.from=example.com\n\
    Received: from mail.example.com (mail.example.com [198.51.100.7]) by mx0a-00123401.pphosted.com (8.18.1/8.18.1) with ESMTPS id 4A7B; Tue, 4 Aug 2026 09:00:03 +0000\n\
    X-Proofpoint-Spam-Details: rule=spam policy=default score=95 spamscore=95 phishscore=0 bulkscore=0 classifier=spam\n\
    Received: from app.example.com (app.example.com [198.51.100.8]) by mail.example.com (Postfix) with ESMTP id Z9; Tue, 4 Aug 2026 09:00:01 +0000\n\
    From: a@example.com\n\
    To: b@example.org\n";

#[test]
fn a_gateway_of_the_receiver_counts_from_the_routes_boundary_hop() {
    let report = analyze_str(GATEWAY_BELOW_ITS_STAMP);
    // Authentication saw the organisation enter at its own server (hop 3); the route knows its gateway took
    // the message first (hop 2).
    assert_eq!(report.authentication.receiver.as_ref().and_then(|r| r.entry_hop), Some(3));
    assert_eq!(report.route.boundary_hop, Some(2));
    let d = &report.delivery;
    let pp = d.filters.iter().find(|f| f.filter == "Proofpoint").expect("Proofpoint read");
    assert_eq!(pp.position, Position::Receiver, "{d:?}");
    assert_eq!(pp.verdict, FilterVerdict::Spam);
    assert!(d.sentence.as_ref().is_some_and(|s| s.contains("Proofpoint")), "{:?}", d.sentence);
    // The same header under the sender's own relay stays upstream.
    let under_sender = GATEWAY_BELOW_ITS_STAMP.replace(
        "X-Proofpoint-Spam-Details: rule=spam policy=default score=95 spamscore=95 phishscore=0 bulkscore=0 classifier=spam\nReceived: from app",
        "Received: from app",
    ) + "X-Proofpoint-Spam-Details: rule=spam policy=default score=95 spamscore=95 phishscore=0 bulkscore=0 classifier=spam\n";
    let d = analyze_str(&under_sender).delivery;
    assert_eq!(d.filters[0].position, Position::Upstream, "{d:?}");
}

/// The rules that appear most often in real headers have meanings in both languages (SpamAssassin's and Rspamd's
/// own rule descriptions), numbered families included.
#[test]
fn common_rules_have_meanings() {
    for name in [
        "AWL",
        "TXREP",
        "NEURAL_HAM",
        "MIME_TRACE",
        "RCPT_COUNT_ONE",
        "RCVD_COUNT_FIVE",
        "RCVD_TLS_LAST",
        "FROM_HAS_DN",
        "DATE_IN_PAST_03_06",
        "DATE_IN_FUTURE_06_12",
        "HTML_IMAGE_ONLY_28",
        "HFILTER_HOSTNAME_5",
        "AUTH_NA",
        "TO_EQ_FM_DIRECT_MX",
        "FREEMAIL_FORGED_REPLYTO",
    ] {
        let m = super::rules::meaning(name).unwrap_or_else(|| panic!("{name} has no meaning"));
        assert_ne!(m.render(Lang::Fr), m.render(Lang::En), "{name}");
    }
    assert!(super::rules::meaning("SOME_LOCAL_RULE").is_none());
}
