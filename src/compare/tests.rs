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
    assert_eq!((dmarc.left.as_deref(), dmarc.right.as_deref()), (Some("fail"), Some("pass")));
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
    assert_eq!(gone[0].left.as_deref(), Some("relay.example.net"));
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
