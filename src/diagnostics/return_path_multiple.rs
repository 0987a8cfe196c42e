//! `return-path-multiple`: see [`META`] for what it checks, why it matters and the fix.

use crate::catalog::msg;
use crate::diagnostics::{Ctx, Meta, return_path_non_routable::verbatim_evidence};
use crate::model::{Finding, FindingId, HeaderField, Owner, Severity};

pub(crate) const META: Meta = Meta {
    id: FindingId::ReturnPathMultiple,
    severity: Severity::Medium,
    owner: Owner::Intermediary,
    what: "The header block has more than one `Return-Path` field (Low when they are the same, Medium when they \
          differ). A `Return-Path` just above the oldest stamp, the author's submission into Gmail, is left out: \
          Gmail's submission servers add one as they accept a message and the final delivery adds another, so \
          that pair alone is information only, nobody's to fix; so is one below every Received field in mail whose \
          oldest hop Exchange Online received (Exchange Online writes its own there and keeps it when it sends the \
          message on). Values are compared as addresses (`<a@example.org>` and `a@example.org` are the same).",
    why: "RFC 5321 §4.4 expects exactly one: the final delivering server adds it, and \"a message-originating \
         SMTP system SHOULD NOT send a message that already contains a Return-path header field\". Several \
         mean the message was delivered, then re-sent or re-delivered (forwarding, journaling, a gateway) \
         without removing the old one. The topmost is the one the last delivery wrote; the others describe an \
         earlier delivery and can mislead envelope checks.",
    fix: "Find the system that re-injects delivered messages and make it strip `Return-Path` before sending.",
};

pub(crate) fn check(ctx: &Ctx<'_>, acc: &mut Vec<Finding>) {
    // Each Return-Path field with its header index and value, topmost first.
    let all: Vec<(usize, &HeaderField, String)> = ctx
        .headers
        .iter()
        .enumerate()
        .filter(|(_, f)| f.name.eq_ignore_ascii_case("Return-Path"))
        .zip(&ctx.summary.return_path)
        .map(|((i, f), rp)| (i, f, rp.raw.trim().to_string()))
        .collect();
    if all.len() < 2 {
        return;
    }
    // A Return-Path the sender's provider wrote at submission (Gmail's) is no re-delivery: left out.
    let artifact = ctx.route.submission_return_path;
    let kept: Vec<&(usize, &HeaderField, String)> =
        all.iter().filter(|(i, ..)| Some(*i) != artifact).collect();
    let topmost = kept.first().map(|(.., v)| v.clone()).unwrap_or_default();
    if kept.len() < 2 {
        submission_artifact(ctx, &all, artifact, topmost, acc);
        return;
    }
    let fields: Vec<&HeaderField> = kept.iter().map(|(_, f, _)| *f).collect();
    let values: Vec<String> = kept.iter().map(|(.., v)| v.clone()).collect();
    // Compared as addresses: `<a@example.org>` and `a@example.org` are one reverse path (RFC 5321 §4.1.2 writes it
    // in angle brackets; some servers leave them out).
    let distinct = {
        let mut v: Vec<String> = values.iter().map(|s| address_key(s)).collect();
        crate::sort::sort(&mut v);
        v.dedup();
        v.len()
    };
    let n = fields.len();
    let detail = match (distinct, n) {
        (1, 2) => msg!("return-path-multiple.detail-same-both", topmost),
        (1, _) => msg!("return-path-multiple.detail-same", n, topmost),
        _ => {
            let list = values.iter().map(|v| format!("`{v}`")).collect::<Vec<_>>().join(", ");
            msg!("return-path-multiple.detail-different", n, list, topmost)
        }
    };
    META.finding(msg!("return-path-multiple.title", n, topmost), detail)
        .severity(if distinct == 1 { Severity::Low } else { Severity::Medium })
        .evidence(fields.iter().map(|f| verbatim_evidence(ctx, f)))
        .fix(msg!("return-path-multiple.fix"))
        .steps([msg!("return-path-multiple.step-read"), msg!("return-path-multiple.step-drop")])
        .references(["RFC 5321 §4.4 (trace information)"])
        .push(acc);
}

/// A Return-Path value as an address, for comparison: without white space, comments' brackets and angle brackets,
/// lower case (`<A@Example.org>` and `a@example.org` are the same).
fn address_key(value: &str) -> String {
    let v = value.trim();
    let v = v.strip_prefix('<').and_then(|v| v.strip_suffix('>')).unwrap_or(v);
    v.trim().to_ascii_lowercase()
}

/// Two Return-Path fields, the lower one written by the sender's provider as it accepted the message (Gmail's
/// submission servers add one, the final delivery another): information only, nobody's to fix.
fn submission_artifact(
    ctx: &Ctx<'_>,
    all: &[(usize, &HeaderField, String)],
    artifact: Option<usize>,
    topmost: String,
    acc: &mut Vec<Finding>,
) {
    let Some((.., lower)) = all.iter().find(|(i, ..)| Some(*i) == artifact) else { return };
    let Some(origin) = ctx
        .hops
        .iter()
        .find(|h| crate::hops::is_transit(h) && h.parse_status != crate::model::ParseStatus::Raw)
    else {
        return;
    };
    let Some(provider) = origin.by.as_deref().and_then(crate::net::provider_of_host) else { return };
    let by = origin.by.clone().unwrap_or_default();
    // Exchange Online writes its Return-Path among its own fields, below the whole Received chain.
    let below_chain = artifact.is_some_and(|i| {
        !ctx.headers.get(i + 1..).unwrap_or_default().iter().any(|f| f.name.eq_ignore_ascii_case("Received"))
    });
    let detail_id = if below_chain {
        msg!(
            "return-path-multiple.detail-submission-below",
            lower,
            by,
            hop = origin.index,
            provider = provider.name,
            topmost
        )
    } else {
        msg!(
            "return-path-multiple.detail-submission",
            lower,
            by,
            hop = origin.index,
            provider = provider.name,
            topmost
        )
    };
    META.finding(
        msg!("return-path-multiple.title-submission", n = all.len(), provider = provider.name),
        detail_id,
    )
    .severity(Severity::Info)
    .owner(Owner::Nobody)
    .evidence(all.iter().map(|(_, f, _)| verbatim_evidence(ctx, f)))
    .push(acc);
}

#[cfg(test)]
mod tests {
    use crate::diagnostics::test_support::{analyze, with_id};
    use crate::model::Severity;

    #[test]
    fn fires_on_two_different_return_paths() {
        let text = "Return-Path: <list-bounces@lists.example.org>\nReceived: from a by b; Mon, 6 Jan 2025 10:00:00 +0000\n\
                    Return-Path: <alice@example.com>\nFrom: alice@example.com\n";
        let report = analyze(text);
        let found = with_id(&report, super::META.id);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].severity, Severity::Medium);
        assert!(found[0].title.contains("list-bounces@lists.example.org"));
        assert_eq!(found[0].evidence.len(), 2);
        assert_eq!(&text[found[0].evidence[1].span.0..found[0].evidence[1].span.1], "<alice@example.com>");
    }

    #[test]
    fn duplicates_are_low_and_one_is_quiet() {
        let dup =
            analyze("Return-Path: <a@example.com>\nReturn-Path: <a@example.com>\nFrom: a@example.com\n");
        let found = with_id(&dup, super::META.id);
        assert_eq!(found[0].severity, Severity::Low);
        assert!(
            found[0].detail.contains("2 Return-Path fields, both `<a@example.com>`"),
            "{}",
            found[0].detail
        );
        let three = analyze(
            "Return-Path: <a@example.com>\nReturn-Path: <a@example.com>\nReturn-Path: <a@example.com>\nFrom: a@example.com\n",
        );
        assert!(
            with_id(&three, super::META.id)[0].detail.contains("3 Return-Path fields, all `<a@example.com>`")
        );
        let one = analyze("Return-Path: <a@example.com>\nFrom: a@example.com\n");
        assert!(with_id(&one, super::META.id).is_empty());
    }

    /// `<a@example.com>` and `a@example.com` are one address: the same reverse path twice, not two.
    #[test]
    fn angle_brackets_make_no_different_value() {
        let report = analyze(
            "Return-Path: <a@example.com>\nReceived: from a by b; Mon, 6 Jan 2025 10:00:00 +0000\nReturn-Path: a@Example.com\nFrom: a@example.com\n",
        );
        let found = with_id(&report, super::META.id);
        assert_eq!(found[0].severity, Severity::Low, "{}", found[0].detail);
        assert!(!found[0].detail.contains("different values"), "{}", found[0].detail);
    }

    /// Exchange Online writes a Return-Path among its own fields below the Received chain as it accepts a message,
    /// and keeps it when it sends the message out: with the final delivery's above, no re-delivery.
    #[test]
    fn exchange_onlines_own_return_path_is_no_redelivery() {
        let text = "Return-Path: <reports@example.org>\n\
            Received: from mail-eastus2.outbound.protection.outlook.com (mail-eastus2.outbound.protection.outlook.com [2a01:111:f403:c110::2]) by mx.example.net with ESMTPS id 1; Fri, 3 Feb 2023 05:09:24 +0000\n\
            Received: from AB1PR01CA0002.namprd00.prod.outlook.com (2603:10b6:5:114::36) by AB2PR01MB0003.namprd21.prod.outlook.com (2603:10b6:510:1d7::17) with Microsoft SMTP Server (version=TLS1_2) id 15.20.6086.6; Fri, 3 Feb 2023 05:09:23 +0000\n\
            Received: from app.example.org (192.0.2.54) by AB1PEPF0001.mail.protection.outlook.com (10.152.107.16) with Microsoft SMTP Server (version=TLS1_2) id 15.20.6105.0 via Frontend Transport; Fri, 3 Feb 2023 05:09:22 +0000\n\
            From: <reports@example.org>\nTo: <tls@example.net>\n\
            Return-Path: reports@example.org\n\
            X-MS-PublicTrafficType: Email\n";
        let report = analyze(text);
        assert_eq!(report.route.submission_return_path, Some(6), "{:#?}", report.route);
        let found = with_id(&report, super::META.id);
        assert_eq!(found.len(), 1, "{:#?}", report.findings);
        assert_eq!((found[0].severity, found[0].owner), (Severity::Info, crate::model::Owner::Nobody));
        assert!(found[0].fix.is_none());
        assert!(found[0].detail.contains("below every Received field"), "{}", found[0].detail);
    }

    /// Gmail's submission server adds a Return-Path as it accepts the author's message and the final delivery adds
    /// another: no re-delivery, nothing to fix. The same two fields with a forwarder's delivery in between keep the
    /// re-delivery finding.
    #[test]
    fn gmails_submission_return_path_is_no_redelivery() {
        let gmail = "Delivered-To: jo@gmail.com\n\
            Received: by 2002:a05:7412:d592:b0:d2:e702:d9f1 with SMTP id db18csp304783rdb;\n        Thu, 7 Sep 2023 23:06:31 -0700 (PDT)\n\
            Return-Path: <author@gmail.com>\n\
            Received: from mail-sor-f41.google.com (mail-sor-f41.google.com. [198.51.100.41])\n        by mx.google.com with SMTPS id di5sor1907675pfb.0.2023.09.07.23.06.30\n        for <jo@gmail.com>; Thu, 07 Sep 2023 23:06:30 -0700 (PDT)\n\
            X-Google-Smtp-Source: AGHT+IGGXkDm\n\
            Return-Path: <author@gmail.com>\n\
            Received: from DESKTOP1 ([2001:db8:589:e16c::a873])\n        by smtp.gmail.com with ESMTPSA id j5sm619866pff.82.2023.09.07.23.06.28\n        for <jo@gmail.com>; Thu, 07 Sep 2023 23:06:28 -0700 (PDT)\n\
            From: \"Author\" <author@gmail.com>\nTo: <jo@gmail.com>\nSubject: hi\nDate: Fri, 8 Sep 2023 11:35:21 +0530\n";
        let report = analyze(gmail);
        assert_eq!(report.route.submission_return_path, Some(5));
        let found = with_id(&report, super::META.id);
        assert_eq!(found.len(), 1, "{:#?}", report.findings);
        assert_eq!((found[0].severity, found[0].owner), (Severity::Info, crate::model::Owner::Nobody));
        assert!(found[0].fix.is_none());
        assert!(found[0].title.contains("added by Google's submission server"), "{}", found[0].title);
        assert!(!found[0].detail.contains("delivered more than once"), "{}", found[0].detail);
        // Forwarded after delivery: a third Return-Path, the forwarder's final delivery, above the others.
        let forwarded = format!(
            "Return-Path: <fwd-bounces@example.net>\n\
             Received: from relay.example.org (relay.example.org [203.0.113.8]) by mx.example.net with ESMTPS id 9; Thu, 07 Sep 2023 23:07:00 -0700 (PDT)\n\
             {gmail}"
        );
        let report = analyze(&forwarded);
        let found = with_id(&report, super::META.id);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].severity, Severity::Medium);
        assert!(found[0].fix.is_some());
        assert!(found[0].title.starts_with("2 Return-Path fields"), "{}", found[0].title);
    }

    /// Mandrill writes a Return-Path above its API injection stamp, as Gmail does at submission: no re-delivery.
    /// The same shape injected by a host that is not Mandrill's (a Mailchimp campaign server included) keeps the
    /// re-delivery finding.
    #[test]
    fn mandrills_injection_return_path_is_no_redelivery() {
        let mandrill = "Return-Path: <bounce-md_1.a@mandrill.example.org>\n\
            Received: from mail1.atl1.mandrillapp.com (mail1.atl1.mandrillapp.com. [198.51.100.10])\n        by mx.example.com with ESMTPS id k1si1\n        for <jo@example.com>; Fri, 10 Jul 2015 13:12:34 -0700 (PDT)\n\
            Received: from pmta03.mandrill.prod.example.net (127.0.0.1) by mail1.atl1.mandrillapp.com id hk0j for <jo@example.com>; Fri, 10 Jul 2015 20:12:33 +0000\n\
            From: Support <support@example.org>\nSubject: Welcome\n\
            Return-Path: <bounce-md_1.a@mandrill.example.org>\n\
            Received: from [192.0.2.122] by mandrillapp.com id 163e4a; Fri, 10 Jul 2015 20:12:33 +0000\n\
            To: <jo@example.com>\n";
        let report = analyze(mandrill);
        assert_eq!(report.route.submission_return_path, Some(5), "{:#?}", report.route);
        let found = with_id(&report, super::META.id);
        assert_eq!(found.len(), 1, "{:#?}", report.findings);
        assert_eq!((found[0].severity, found[0].owner), (Severity::Info, crate::model::Owner::Nobody));
        assert!(found[0].fix.is_none());
        assert!(!found[0].detail.contains("delivered more than once"), "{}", found[0].detail);
        for other in ["mailer.example.net", "mcsv.net"] {
            let report = analyze(&mandrill.replace("by mandrillapp.com", &format!("by {other}")));
            assert_eq!(report.route.submission_return_path, None, "{other}");
            let found = with_id(&report, super::META.id);
            assert_eq!(found.len(), 1, "{other}");
            assert_eq!(found[0].severity, Severity::Low, "{other}");
            assert!(found[0].fix.is_some(), "{other}");
        }
    }
}
