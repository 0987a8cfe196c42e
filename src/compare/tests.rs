use super::*;

fn fixture(name: &str) -> Report {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    crate::analyze(&std::fs::read(path).unwrap())
}

fn find<'a>(d: &'a [Difference], what: &str) -> Option<&'a Difference> {
    d.iter().find(|x| x.what == what)
}

#[test]
fn the_mail_contact_fix_reads_as_better() {
    let before = fixture("exchange/hybrid-mail-contact-broken.eml");
    let after = fixture("exchange/hybrid-mail-contact-fixed.eml");
    let d = differences(&before, &after);
    assert!(!d.is_empty());
    let rp = find(&d, "Return-Path").expect("Return-Path differs");
    assert_ne!(rp.left, rp.right);
    assert_eq!(rp.verdict, Judgement::Better, "a .local Return-Path became routable");
    let resolved = find(&d, "finding mail-contact-envelope-rewrite resolved").expect("diagnosis resolved");
    assert_eq!(resolved.verdict, Judgement::Better);
    assert!(resolved.right.is_none());
    // And the other way round it reads as worse.
    let back = differences(&after, &before);
    let appeared = find(&back, "finding mail-contact-envelope-rewrite appeared").unwrap();
    assert_eq!(appeared.verdict, Judgement::Worse);
}

#[test]
fn the_same_message_has_no_differences() {
    let a = fixture("auth/gmail-inbound.eml");
    assert!(differences(&a, &a).is_empty());
}

#[test]
fn authentication_results_are_judged_by_rank() {
    let base = "Received: from mail.example.net (mail.example.net [192.0.2.1]) by mx.example.org with ESMTPS id 1; Mon, 1 Jan 2024 10:00:00 +0000\n\
                From: a@example.net\nSubject: t\n";
    let ar = |spf: &str, dmarc: &str| {
        crate::analyze(
            format!(
                "Authentication-Results: mx.example.org; spf={spf} smtp.mailfrom=example.net; dmarc={dmarc} header.from=example.net\n{base}"
            )
            .as_bytes(),
        )
    };
    let d = differences(&ar("softfail", "fail"), &ar("pass", "pass"));
    assert_eq!(find(&d, "SPF").unwrap().verdict, Judgement::Better);
    let dmarc = find(&d, "DMARC").unwrap();
    assert_eq!(
        (
            dmarc.left.as_ref().map(ToString::to_string).as_deref(),
            dmarc.right.as_ref().map(ToString::to_string).as_deref()
        ),
        (Some("fail"), Some("pass"))
    );
    assert_eq!(dmarc.verdict, Judgement::Better);
    let d = differences(&ar("pass", "pass"), &ar("pass", "fail"));
    assert_eq!(find(&d, "DMARC").unwrap().verdict, Judgement::Worse);
    assert!(find(&d, "SPF").is_none());
}

#[test]
fn hops_added_and_gone() {
    let hop = |from: &str, by: &str| {
        format!(
            "Received: from {from} ({from} [192.0.2.1]) by {by} with ESMTP id 1; Mon, 1 Jan 2024 10:00:00 +0000\n"
        )
    };
    let left = crate::analyze(
        format!(
            "{}{}Subject: t\n",
            hop("relay.example.net", "mx.example.org"),
            hop("app.example.net", "relay.example.net")
        )
        .as_bytes(),
    );
    let right =
        crate::analyze(format!("{}Subject: t\n", hop("app.example.net", "mx.example.org")).as_bytes());
    let d = differences(&left, &right);
    let gone: Vec<_> = d.iter().filter(|x| x.what == "hop gone").collect();
    assert_eq!(gone.len(), 1);
    assert_eq!(gone[0].left.as_ref().map(ToString::to_string).as_deref(), Some("relay.example.net"));
    assert!(find(&d, "hop added").is_none());
}

#[test]
fn json_shape() {
    let a = fixture("exchange/hybrid-mail-contact-broken.eml");
    let b = fixture("exchange/hybrid-mail-contact-fixed.eml");
    let v = serde_json::to_value(compare(&a, &b)).unwrap();
    assert!(v["left"]["summary"].is_object());
    assert!(v["right"]["hops"].is_array());
    let first = &v["differences"][0];
    for key in ["what", "left", "right", "verdict"] {
        assert!(first.get(key).is_some(), "{key} in {first}");
    }
    assert!(["better", "worse", "changed"].contains(&first["verdict"].as_str().unwrap()));
}

#[test]
fn junk_by_the_spam_filter_then_inbox_reads_as_better() {
    let before = fixture("compare/m365-junk-before.eml");
    let after = fixture("compare/m365-inbox-after.eml");
    let d = differences(&before, &after);
    let p = find(&d, "placement").expect("placement differs");
    assert_eq!(
        (
            p.left.as_ref().map(ToString::to_string).as_deref(),
            p.right.as_ref().map(ToString::to_string).as_deref()
        ),
        (Some("junk"), Some("inbox"))
    );
    assert_eq!(p.verdict, Judgement::Better);
    // The spam filter decided both times.
    assert!(find(&d, "placement decided by").is_none(), "{d:?}");
    // Exchange Online Protection's own verdict row is still there, judged by SCL.
    assert_eq!(find(&d, "filter verdict (Exchange Online Protection)").unwrap().verdict, Judgement::Better);
    // Back again: worse.
    let back = differences(&after, &before);
    assert_eq!(find(&back, "placement").unwrap().verdict, Judgement::Worse);

    // In the Inbox only because the recipient's Safe Senders overrode a spam verdict: the placement reads
    // better, and who decided it changed, so the reader sees the filter still calls it spam.
    let text = std::fs::read_to_string(format!(
        "{}/tests/fixtures/compare/m365-junk-before.eml",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
    .replace(
        "ucf:0;jmr:0;auth:0;dest:J;OFR:SpamFilterAuthJ;RF:JunkEmail;",
        "wl:1;pcwl:1;ucf:0;jmr:0;auth:0;dest:I;OFR:TrustedSenderList;",
    );
    let safe = crate::analyze(text.as_bytes());
    let d = differences(&before, &safe);
    assert_eq!(find(&d, "placement").unwrap().verdict, Judgement::Better);
    let by = find(&d, "placement decided by").expect("who decided differs");
    assert_eq!(
        (
            by.left.as_ref().map(ToString::to_string).as_deref(),
            by.right.as_ref().map(ToString::to_string).as_deref()
        ),
        (Some("the spam filter"), Some("the mailbox's Safe Senders"))
    );
    assert_eq!(by.verdict, Judgement::Changed);
    assert!(
        find(&d, "filter verdict (Exchange Online Protection)").is_none(),
        "the same SCL 5 spam verdict: {d:?}"
    );
}

#[test]
fn a_spamassassin_score_change_is_judged_by_the_score() {
    let before = fixture("compare/spamassassin-before.eml");
    let after = fixture("compare/spamassassin-after.eml");
    let d = differences(&before, &after);
    let f = find(&d, "filter verdict (SpamAssassin)").expect("SpamAssassin row");
    assert_eq!(
        f.left.as_ref().map(ToString::to_string).as_deref(),
        Some("not spam, score 4.2 (threshold 5)")
    );
    assert_eq!(
        f.right.as_ref().map(ToString::to_string).as_deref(),
        Some("not spam, score 0.3 (threshold 5)")
    );
    assert_eq!(f.verdict, Judgement::Better);
    assert_eq!(
        find(&differences(&after, &before), "filter verdict (SpamAssassin)").unwrap().verdict,
        Judgement::Worse
    );
    // No placement is written by SpamAssassin: no placement row.
    assert!(find(&d, "placement").is_none(), "{d:?}");
}

/// A SpamAssassin header inside the receiver, with the given status.
fn spamassassin(status: &str) -> Report {
    crate::analyze(
        format!(
            "X-Spam-Status: {status}\n\
             Received: from relay.example.net (relay.example.net [203.0.113.9]) by mx.example.org (Postfix) with ESMTPS id Q1;\n \
             Tue, 04 Aug 2026 11:00:00 +0200\n\
             Received: from client.example.net (client.example.net [198.51.100.4]) by relay.example.net (Postfix) with ESMTP id R1;\n \
             Tue, 04 Aug 2026 10:59:58 +0200\n\
             From: a@example.net\nTo: b@example.org\nSubject: hi\nDate: Tue, 04 Aug 2026 10:59:57 +0200\n"
        )
        .as_bytes(),
    )
}

#[test]
fn a_filter_verdict_outranks_its_score() {
    let spam = spamassassin("Yes, score=5.1 required=5.0 tests=BAYES_99");
    let ham = spamassassin("No, score=4.9 required=5.0 tests=BAYES_50");
    let d = differences(&spam, &ham);
    let f = find(&d, "filter verdict (SpamAssassin)").unwrap();
    assert_eq!(f.left.as_ref().map(ToString::to_string).as_deref(), Some("spam, score 5.1 (threshold 5)"));
    assert_eq!(f.verdict, Judgement::Better);
    assert_eq!(
        find(&differences(&ham, &spam), "filter verdict (SpamAssassin)").unwrap().verdict,
        Judgement::Worse
    );
    // A filter only on one side is a change, not a judgement.
    let none = crate::analyze(b"From: a@example.net\nSubject: hi\n");
    let gone = differences(&spam, &none);
    let f = find(&gone, "filter verdict (SpamAssassin)").unwrap();
    assert_eq!((f.right.as_ref().map(ToString::to_string).as_deref(), f.verdict), (None, Judgement::Changed));
    // The same verdict and score: nothing.
    assert!(find(&differences(&spam, &spam), "filter verdict (SpamAssassin)").is_none());
}

#[test]
fn a_higher_senderbase_reputation_is_better() {
    let ironport = |sbrs: &str| {
        crate::analyze(
            format!(
                "X-IronPort-Anti-Spam-Filtered: true\nX-SBRS: {sbrs}\n\
                 Received: from relay.example.net (relay.example.net [203.0.113.9]) by mx.example.org with ESMTPS id Q1;\n \
                 Tue, 04 Aug 2026 11:00:00 +0200\n\
                 From: a@example.net\nTo: b@example.org\nSubject: hi\nDate: Tue, 04 Aug 2026 10:59:57 +0200\n"
            )
            .as_bytes(),
        )
    };
    let d = differences(&ironport("-2.1"), &ironport("3.5"));
    let f = d
        .iter()
        .find(|x| x.what.starts_with("filter verdict (") && x.what.contains("IronPort"))
        .expect("IronPort row");
    assert_eq!(f.right.as_ref().map(ToString::to_string).as_deref(), Some("reputation 3.5"));
    assert_eq!(f.verdict, Judgement::Better);
}

#[test]
fn nothing_is_judged_against_a_message_without_headers() {
    let a = fixture("compare/m365-junk-before.eml");
    let empty = crate::analyze(b"just some text, not headers\n");
    let d = differences(&a, &empty);
    assert!(find(&d, "finding eop-spam-verdict resolved").is_some());
    assert!(d.iter().all(|x| x.verdict == Judgement::Changed), "{d:?}");
    let c = compare(&a, &empty);
    let caveats = crate::render::comparison_caveats(&c);
    assert_eq!(caveats.len(), 1);
    assert!(caveats[0].starts_with("the after message has no Internet headers"), "{caveats:?}");
    assert!(
        crate::render::comparison_text(&c, "a", "b")
            .contains("Note: the after message has no Internet headers")
    );
    // The TLS count is not judged against a message without hops either.
    let no_hops = crate::analyze(b"From: a@example.net\nSubject: hi\n");
    let tls = differences(&a, &no_hops).into_iter().find(|x| x.what == "TLS").expect("TLS row");
    assert_eq!((tls.right, tls.verdict), (None, Judgement::Changed));
}
