//! The examples of issue 10 ("one reading of the route, and diagnoses an expert would sign"), each with its own
//! small input (documentation addresses, example domains) and the answer an Exchange / Microsoft 365 expert would
//! give: who handled the message, whose systems a fix changes, how severe it is, and what is never advised.

use headerlens::{Finding, FindingId, Owner, Report, Severity};

fn analyze(text: &str) -> Report {
    headerlens::analyze_str(text)
}

fn with(report: &Report, id: FindingId) -> Vec<&Finding> {
    report.findings.iter().filter(|f| f.id == id).collect()
}

fn fix_text(f: &Finding) -> String {
    serde_json::to_string(&f.fix).unwrap()
}

/// The whole report's fixes, for "never advise" checks.
fn all_fixes(report: &Report) -> String {
    report.findings.iter().map(fix_text).collect::<Vec<_>>().join("\n")
}

#[test]
fn authenticated_submission_to_gmail_is_not_the_boundary_and_google_names_are_fine() {
    let report = analyze(
        "Received: from mail-wm0-f68.google.com (mail-wm0-f68.google.com [74.125.82.68])\n\tby mx.example.com (Postfix) with ESMTPS id 40ygQz3kLhz9s0; Sat,  2 Jun 2018 18:29:37 +0200\n\
         Received: from [192.168.178.20] (dsl-43.example.net. [203.0.113.43])\n\tby smtp.gmail.com with ESMTPSA id h7sm4012345wmb.12; Sat, 02 Jun 2018 09:29:35 -0700\n\
         From: someone@gmail.com\nTo: admin@example.com\nSubject: hello\n",
    );
    assert_eq!(report.route.boundary_hop, Some(2));
    assert_eq!(report.route.submission_hop, Some(1));
    assert!(with(&report, FindingId::HeloWeak).is_empty(), "{:#?}", report.findings);
    assert!(with(&report, FindingId::HopNoTls).is_empty());
}

#[test]
fn dmarc_none_and_no_result_are_not_called_failures() {
    let none = analyze(
        "Authentication-Results: mx.example.org; spf=pass smtp.mailfrom=bounce@esp.example.net; dkim=none; dmarc=none header.from=example.com\n\
         Received: from out.esp.example.net (out.esp.example.net [198.51.100.9]) by mx.example.org with ESMTPS id 1; Mon, 8 Jan 2024 10:00:05 +0000\n\
         Return-Path: <bounce@esp.example.net>\nFrom: news@example.com\nTo: a@example.org\n",
    );
    for id in [FindingId::DmarcSpfUnaligned, FindingId::DmarcDkimUnaligned] {
        let f = with(&none, id);
        assert_eq!(f.len(), 1, "{id:?}");
        assert_eq!(f[0].severity, Severity::Low, "{id:?}: dmarc=none is no failure");
        assert!(!f[0].detail.contains("DMARC fails for this message"), "{}", f[0].detail);
        assert!(f[0].detail.contains("dmarc=none"), "{}", f[0].detail);
    }
    assert!(with(&none, FindingId::DmarcFail).is_empty());
    let unknown = analyze("Return-Path: <bounce@esp.example.net>\nFrom: news@example.com\n");
    let f = with(&unknown, FindingId::DmarcSpfUnaligned);
    assert_eq!(f[0].severity, Severity::Medium);
    assert!(!f[0].detail.contains("so DMARC fails for this message"));
}

#[test]
fn a_neutral_aligned_signature_does_not_rescue_dmarc() {
    let report = analyze(
        "Authentication-Results: mx.example.org; spf=pass smtp.mailfrom=bounce@esp.example.net; dkim=neutral (body hash did not verify) header.d=example.com; dmarc=fail header.from=example.com\n\
         Received: from out.esp.example.net (out.esp.example.net [198.51.100.9]) by mx.example.org with ESMTPS id 1; Mon, 8 Jan 2024 10:00:05 +0000\n\
         DKIM-Signature: v=1; a=rsa-sha256; d=example.com; s=s1; h=from; bh=x; b=y\n\
         Return-Path: <bounce@esp.example.net>\nFrom: news@example.com\nTo: a@example.org\n",
    );
    let spf = with(&report, FindingId::DmarcSpfUnaligned);
    assert_eq!(spf.len(), 1);
    assert!(!spf[0].detail.contains("can still pass through the aligned DKIM"), "{}", spf[0].detail);
    assert!(spf[0].detail.contains("dkim=neutral"), "{}", spf[0].detail);
    let dkim = with(&report, FindingId::DmarcDkimUnaligned);
    assert_eq!(dkim.len(), 1, "the neutral aligned signature does not count");
}

#[test]
fn dmarc_fail_is_low_under_p_none_and_info_when_arc_let_list_mail_through() {
    let p_none = analyze(
        "Authentication-Results: mx.example.org; spf=pass smtp.mailfrom=bounce@esp.example.net; dkim=none; dmarc=fail (p=NONE dis=NONE) header.from=example.com\n\
         Received: from mail.example.com (mail.example.com [198.51.100.9]) by mx.example.org with ESMTPS id 1; Mon, 8 Jan 2024 10:00:05 +0000\n\
         From: news@example.com\nTo: a@example.org\n",
    );
    assert_eq!(with(&p_none, FindingId::DmarcFail)[0].severity, Severity::Low);
    let arc = analyze(
        "Authentication-Results: mx.example.org; arc=pass (i=1); spf=pass smtp.mailfrom=list-bounces@lists.example.net; dkim=fail header.d=example.com; dmarc=fail (p=REJECT dis=NONE) header.from=example.com\n\
         Received: from lists.example.net (lists.example.net [198.51.100.30]) by mx.example.org with ESMTPS id 2; Mon, 8 Jan 2024 10:00:09 +0000\n\
         ARC-Seal: i=1; a=rsa-sha256; d=example.net; s=arc; cv=none; b=x\n\
         ARC-Message-Signature: i=1; a=rsa-sha256; d=example.net; s=arc; h=from; bh=y; b=z\n\
         ARC-Authentication-Results: i=1; lists.example.net; dkim=pass header.d=example.com; dmarc=pass header.from=example.com\n\
         Received: from mail.example.com (mail.example.com [203.0.113.5]) by lists.example.net with ESMTPS id 1; Mon, 8 Jan 2024 10:00:05 +0000\n\
         List-Id: <dev.lists.example.net>\nFrom: author@example.com\nTo: dev@lists.example.net\n",
    );
    assert!(arc.route.list.is_some());
    let f = with(&arc, FindingId::DmarcFail);
    assert_eq!(f[0].severity, Severity::Info, "{:#?}", f);
    // List mail: SPF misalignment is expected, and the detail says how DMARC fared.
    let spf = with(&arc, FindingId::DmarcSpfUnaligned);
    assert!(spf.iter().all(|f| f.severity == Severity::Info && f.fix.is_none()), "{spf:#?}");
    assert!(!all_fixes(&arc).contains("custom MAIL FROM"));
}

#[test]
fn clock_skew_weighs_the_following_hops_not_the_date_header() {
    // app.example.net stamps 10:00:40, out.example.net 10:00:10 and mx.example.com 10:00:11: the receiver one
    // second after out.example.net agrees with it, so app.example.net is the one ahead. The Date header (written
    // by the app itself) agrees with the app and is no witness.
    let report = analyze(
        "Received: from out.example.net (out.example.net [198.51.100.3]) by mx.example.com with ESMTPS id 3; Mon, 8 Jan 2024 10:03:11 +0000\n\
         Received: from app.example.net (app.example.net [198.51.100.4]) by out.example.net with ESMTPS id 2; Mon, 8 Jan 2024 10:03:10 +0000\n\
         Received: from client.example.net (client.example.net [198.51.100.5]) by app.example.net with ESMTPS id 1; Mon, 8 Jan 2024 10:05:40 +0000\n\
         Date: Mon, 8 Jan 2024 10:05:39 +0000\nFrom: a@example.net\n",
    );
    let f = with(&report, FindingId::ClockSkew);
    assert_eq!(f.len(), 1);
    assert!(f[0].detail.contains("app.example.net's clock is likely ahead"), "{}", f[0].detail);
    assert!(!f[0].detail.contains("Date header"));
    assert!(f[0].fix.as_ref().unwrap().summary.starts_with("Check NTP on app.example.net"));
    assert_eq!(f[0].severity, Severity::Medium, "150 s between organisations");
    // A few seconds between Exchange Online's own servers: info at most.
    let exo = analyze(
        "Received: from AM6PR04CA0012.eurprd04.prod.outlook.com (2603:10a6:20b:92::25) by PAXPR04MB8701.eurprd04.prod.outlook.com (2603:10a6:102:21c::9) with Microsoft SMTP Server (version=TLS1_2, cipher=TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384) id 15.20.8293.13; Mon, 6 Jan 2025 09:15:01 +0000\n\
         Received: from AM4PEPF00027A5C.eurprd04.prod.outlook.com (2603:10a6:20b:92:cafe::6a) by AM6PR04CA0012.outlook.office365.com (2603:10a6:20b:92::25) with Microsoft SMTP Server (version=TLS1_2, cipher=TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384) id 15.20.8293.13 via Frontend Transport; Mon, 6 Jan 2025 09:15:04 +0000\n",
    );
    assert!(with(&exo, FindingId::ClockSkew).iter().all(|f| f.severity == Severity::Info));
}

#[test]
fn a_bare_date_stamp_is_no_hop_and_makes_no_skew() {
    let report = analyze(
        "Received: from mx.example.org (mx.example.org [198.51.100.20]) by mail.example.net with ESMTPS id 1; Wed, 7 Jun 2017 11:15:21 -0400\n\
         Received: from client.example.org (client.example.org [203.0.113.7]) by mx.example.org with ESMTPSA id 2; Wed, 7 Jun 2017 11:15:19 -0400\n\
         Received: Wed, 7 Jun 2017 11:35:20 -0400\n\
         Date: Wed, 7 Jun 2017 11:15:18 -0400\nFrom: a@example.org\n",
    );
    assert_eq!(report.timing.total_seconds, Some(2.0));
    assert!(with(&report, FindingId::ClockSkew).is_empty(), "{:#?}", report.findings);
    assert!(report.route.notes.iter().any(|n| n.contains("bare date stamp")));
    assert!(report.route.hop(1).is_some_and(|h| !h.transit));
}

#[test]
fn inbound_phishing_gets_recipient_side_advice_only() {
    let report = analyze(
        "Authentication-Results: mx.example.org; spf=fail (sender IP is 198.51.100.66) smtp.mailfrom=example.net; dkim=none; dmarc=fail (p=REJECT) header.from=example.net\n\
         Received: from ylmf-pc (bad.example.com [198.51.100.66]) by mx.example.org with ESMTP id 1; Mon, 8 Jan 2024 10:00:02 +0000\n\
         Received: from desktop.local (10.0.0.5) by ylmf-pc with ESMTP id 0; Mon, 8 Jan 2024 10:00:01 +0000\n\
         Return-Path: <ceo@example.net>\nFrom: CEO <ceo@example.net>\nTo: accounts@example.org\n",
    );
    assert!(report.route.impersonation.is_some());
    let dmarc = with(&report, FindingId::DmarcFail);
    assert_eq!(dmarc[0].owner, Owner::ReceivingOrg);
    assert!(dmarc[0].detail.contains("nothing in example.net's DNS needs to change"));
    let fixes = all_fixes(&report);
    assert!(!fixes.contains("198.51.100.66"), "the spoofer's address is never to be authorised: {fixes}");
    assert!(!fixes.contains("smtp_generic_maps"));
    assert!(!fixes.to_ascii_lowercase().contains("false positive"));
    assert!(with(&report, FindingId::InternalNamesExposed).is_empty());
    for f in &report.findings {
        assert!(
            f.owner != Owner::SendingOrg || f.severity == Severity::Info,
            "{:?} tells the impersonated sender to act",
            f.id
        );
    }
}

#[test]
fn an_in_tenant_copy_gets_no_high_dmarc_findings() {
    let report = headerlens::analyze(include_bytes!("fixtures/exchange/inside-tenant-copy-broken.eml"));
    assert_eq!(report.route.direction, headerlens::route::Direction::Internal);
    for id in [FindingId::DmarcSpfUnaligned, FindingId::DmarcDkimUnaligned] {
        assert!(
            with(&report, id).iter().all(|f| f.severity < Severity::Medium),
            "{id:?}: {:#?}",
            report.findings
        );
    }
}

#[test]
fn an_exchange_online_ndr_is_not_a_high_risk_pool_finding() {
    let report = analyze(
        "X-Forefront-Antispam-Report: CIP:255.255.255.255;CTRY:;LANG:en;SCL:1;SRV:;IPV:NLI;SFV:NSPM;H:AM0PR02MB1234.eurprd02.prod.outlook.com;PTR:;CAT:NONE;SFS:;DIR:OUT;SFP:1501;\n\
         X-MS-Exchange-Message-Is-Ndr:\n\
         Received: from AM0PR02MB1234.eurprd02.prod.outlook.com (2603:10a6:208::1) by mx.example.net with ESMTPS id 1; Mon, 8 Jan 2024 10:00:07 +0000\n\
         Return-Path: <>\nFrom: postmaster@example.org\nTo: someone@example.net\nContent-Type: multipart/report; report-type=delivery-status; boundary=b\n",
    );
    assert!(report.route.bounce.as_ref().is_some_and(|b| b.exchange_online));
    assert!(with(&report, FindingId::ExoHighRiskPool).is_empty(), "{:#?}", report.findings);
}

#[test]
fn hybrid_path_is_not_claimed_for_inbound_internet_mail() {
    let report = analyze(
        "X-MS-Exchange-CrossTenant-FromEntityHeader: Internet\n\
         Received: from EXCH01.example.org (10.20.1.10) by EXCH02.example.org (10.20.1.12) with Microsoft SMTP Server id 15.2.1544.4; Mon, 6 Jan 2025 09:15:05 +0000\n\
         Received: from AM4PEPF00027A5C.eurprd04.prod.outlook.com (2603:10a6:20b:92:cafe::6a) by EXCH01.example.org (10.20.1.10) with Microsoft SMTP Server (version=TLS1_2, cipher=TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384) id 15.2.1544.4; Mon, 6 Jan 2025 09:15:04 +0000\n\
         Received: from mx.partner.example.net (198.51.100.40) by AM4PEPF00027A5C.mail.protection.outlook.com (10.167.16.1) with Microsoft SMTP Server (version=TLS1_2, cipher=TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384) id 15.20.8207.9 via Frontend Transport; Mon, 6 Jan 2025 09:15:02 +0000\n\
         Received: from APP01.example.org (10.1.1.1) by EXCH09.example.org (10.1.1.2) with Microsoft SMTP Server id 15.1.2375.34; Mon, 6 Jan 2025 09:15:00 +0000\n\
         From: a@partner.example.net\nTo: b@example.org\n",
    );
    assert_eq!(report.route.direction, headerlens::route::Direction::Inbound);
    assert!(with(&report, FindingId::HybridPath).is_empty(), "{:#?}", report.findings);
}

/// DKIM for the From domain is advised once, by `dkim-tenant-default`: the Mail Contact finding's fix does not
/// offer it again as an alternative.
#[test]
fn the_founding_case_advises_enabling_dkim_once() {
    let report = headerlens::analyze(include_bytes!("fixtures/exchange/hybrid-mail-contact-broken.eml"));
    let advising: Vec<FindingId> = report
        .findings
        .iter()
        .filter(|f| {
            f.fix.as_ref().is_some_and(|x| {
                let enable = |t: &headerlens::Text| {
                    t.render(headerlens::catalog::Lang::En).to_lowercase().contains("enable dkim")
                };
                enable(&x.summary)
                    || x.commands.iter().any(|c| c.contains("DkimSigningConfig"))
                    || x.alternatives.iter().chain(&x.steps).any(enable)
            })
        })
        .map(|f| f.id)
        .collect();
    assert_eq!(advising, vec![FindingId::DkimTenantDefault]);
    // Nor does its detail.
    let root = &report.findings[0];
    assert!(!root.detail.render(headerlens::catalog::Lang::En).contains("enable DKIM"), "{}", root.detail);
}

#[test]
fn the_founding_case_reads_as_one_root_cause() {
    let report = headerlens::analyze(include_bytes!("fixtures/exchange/hybrid-mail-contact-broken.eml"));
    assert_eq!(report.findings[0].id, FindingId::MailContactEnvelopeRewrite);
    let roots: Vec<_> =
        report.findings.iter().filter(|f| f.severity >= Severity::Medium && f.caused_by.is_none()).collect();
    assert!(roots.len() <= 3, "{:#?}", roots.iter().map(|f| f.id).collect::<Vec<_>>());
    for id in [
        FindingId::ReturnPathNonRoutable,
        FindingId::ReturnPathCaseOdd,
        FindingId::DmarcSpfUnaligned,
        FindingId::ExoRelayPool,
        FindingId::DmarcFail,
        FindingId::SpfNotPass,
    ] {
        for f in with(&report, id) {
            assert_eq!(f.caused_by, Some(FindingId::MailContactEnvelopeRewrite), "{id:?}");
            assert!(f.fix.is_none(), "{id:?} repeats the root cause's advice");
        }
    }
    // Each piece of advice once.
    let fixes = all_fixes(&report);
    assert!(fixes.matches("New-DkimSigningConfig").count() <= 1, "{fixes}");
    assert!(!fixes.contains("v=spf1 ip4:40.95"), "never the relay pool in SPF");
    assert!(!fixes.contains("TXT record at AcmeCorp.local"));
}

#[test]
fn a_list_moderation_hold_is_info_and_list_mail_is_not_blamed_on_the_author() {
    let report = analyze(include_str!("fixtures/route/list-moderation-hold.eml"));
    let delay = with(&report, FindingId::HopDelay);
    assert_eq!(delay.len(), 1);
    assert_eq!(delay[0].severity, Severity::Info);
    assert!(delay[0].detail.contains("moderation hold"));
    for id in [FindingId::DmarcSpfUnaligned, FindingId::DmarcDkimUnaligned] {
        for f in with(&report, id) {
            assert_eq!(f.severity, Severity::Info, "{id:?}");
            assert!(f.detail.contains("mailing-list mail"), "{}", f.detail);
        }
    }
    assert!(!all_fixes(&report).contains("custom MAIL FROM"));
}

#[test]
fn a_gateway_in_front_of_eop_gets_enhanced_filtering_not_spf_edits() {
    let report = analyze(
        "Authentication-Results: spf=fail (sender IP is 203.0.113.20) smtp.mailfrom=lists.example.org; dkim=none (message not signed) header.d=none;dmarc=none action=none header.from=lists.example.org;\n\
         Received: from gw.example.com (203.0.113.20) by BN8NAM12FT068.mail.protection.outlook.com (10.13.182.1) with Microsoft SMTP Server (version=TLS1_2, cipher=TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384) id 15.20.7362.14 via Frontend Transport; Tue, 5 Mar 2024 14:02:11 +0000\n\
         Received: from mx0b-00069f01.pphosted.com (mx0b-00069f01.pphosted.com [198.51.100.30]) by gw.example.com with ESMTPS id 1; Tue, 5 Mar 2024 14:02:10 +0000\n\
         Received: from lists.example.org (lists.example.org [198.51.100.80]) by mx0b-00069f01.pphosted.com with ESMTPS id 2; Tue, 5 Mar 2024 14:02:08 +0000\n\
         From: news@lists.example.org\nTo: staff@example.com\n",
    );
    use headerlens::route::Role;
    let roles: Vec<_> = report.route.domains.iter().map(|d| (d.name.as_str(), d.role)).collect();
    assert_eq!(
        roles,
        [
            ("example.org", Role::SendingOrg),
            ("Proofpoint", Role::ReceivingGateway),
            ("example.com", Role::ReceivingOrg),
            ("Microsoft 365", Role::ReceivingOrg)
        ]
    );
    assert_eq!(report.route.boundary_hop, Some(1));
    assert_eq!(report.route.eop_behind_gateway, Some(3));
    let spf = with(&report, FindingId::SpfNotPass);
    assert_eq!(spf.len(), 1);
    assert_eq!(spf[0].owner, Owner::ReceivingOrg);
    assert!(fix_text(spf[0]).contains("Enhanced Filtering"));
    assert!(
        !all_fixes(&report).contains("203.0.113.20"),
        "the gateway is never to be listed in someone's SPF"
    );
}

#[test]
fn a_tenant_default_signature_is_still_seen_when_a_list_adds_its_own() {
    let report = analyze(
        "Received: from lists.example.net (lists.example.net [198.51.100.30]) by mx.example.org with ESMTPS id 2; Mon, 8 Jan 2025 10:00:09 +0000\n\
         DKIM-Signature: v=1; a=rsa-sha256; d=example.net; s=list; h=from; bh=a; b=b\n\
         Received: from EUR05-AM6-obe.outbound.protection.outlook.com (mail-am6eur05on2041.outbound.protection.outlook.com [40.107.22.41]) by lists.example.net with ESMTPS id 1; Mon, 8 Jan 2025 10:00:05 +0000\n\
         DKIM-Signature: v=1; a=rsa-sha256; d=contoso.onmicrosoft.com; s=selector1-contoso-onmicrosoft-com; h=from; bh=c; b=d\n\
         List-Id: <dev.lists.example.net>\nFrom: author@contoso.example\nTo: dev@lists.example.net\n",
    );
    assert_eq!(with(&report, FindingId::DkimTenantDefault).len(), 1, "{:#?}", report.findings);
}

#[test]
fn providers_that_never_record_tls_get_no_hop_no_tls() {
    let report = analyze(
        "Received: from o1.ptr1234.example.com (o1.ptr1234.example.com [198.51.100.70]) by mx.example.org with ESMTPS id 3; Sun, 22 Apr 2018 02:54:18 +0000\n\
         Received: by filter0652p1las1.sendgrid.net with SMTP id filter0652p1las1-5089-5ADBF958-25 2018-04-22 02:54:17.028704749 +0000 UTC\n\
         Received: from app.example.com (app.example.com [203.0.113.9]) by ismtpd0021p1iad2.sendgrid.net (SG) with ESMTP id abc for <a@example.org>; Sun, 22 Apr 2018 02:54:16.987 +0000 (UTC)\n\
         From: app@example.com\n",
    );
    assert!(with(&report, FindingId::HopNoTls).is_empty(), "{:#?}", report.findings);
    let old = analyze(
        "Received: from mail.example.com (mail.example.com [203.0.113.9]) by relay.example.org with SMTP id 1; Mon, 3 Nov 1997 10:00:00 +0000\n\
         Received: from relay.example.org (relay.example.org [198.51.100.9]) by store.example.org with SMTP id 2; Mon, 3 Nov 1997 10:00:01 +0000\n\
         From: a@example.com\nTo: b@example.org\n",
    );
    assert!(with(&old, FindingId::HopNoTls).is_empty(), "no STARTTLS before 1999");
}

#[test]
fn never_advised_spf_edits() {
    // A web form on the organisation's server sending as the visitor's gmail.com address.
    let consumer = analyze(
        "Authentication-Results: mx.example.org; spf=softfail (sender IP is 203.0.113.9) smtp.mailfrom=visitor@gmail.com; dkim=none; dmarc=fail (p=NONE) header.from=gmail.com\n\
         Received: from web.example.com (web.example.com [203.0.113.9]) by mx.example.org with ESMTPS id 1; Mon, 8 Jan 2024 10:00:05 +0000\n\
         Return-Path: <visitor@gmail.com>\nFrom: visitor@gmail.com\nTo: info@example.org\n",
    );
    let fixes = all_fixes(&consumer);
    assert!(!fixes.contains("SPF record of gmail.com"), "{fixes}");
    assert!(!fixes.contains("ip4:203.0.113.9"), "{fixes}");
    // A sender through Microsoft 365's shared pool: the provider's include, never its address.
    let pool = analyze(
        "Authentication-Results: mx.example.org; spf=softfail (sender IP is 40.107.22.41) smtp.mailfrom=a@example.com; dkim=pass header.d=example.com; dmarc=pass header.from=example.com\n\
         Received: from EUR05-AM6-obe.outbound.protection.outlook.com (mail-am6eur05on2041.outbound.protection.outlook.com [40.107.22.41]) by mx.example.org with ESMTPS id 1; Mon, 6 Jan 2025 09:15:05 +0000\n\
         Return-Path: <a@example.com>\nFrom: a@example.com\nTo: b@example.org\n",
    );
    let fixes = all_fixes(&pool);
    assert!(!fixes.contains("ip4:40.107"), "{fixes}");
    assert!(fixes.contains("include:spf.protection.outlook.com"), "{fixes}");
}

/// Findings that tell the apparent sender to change its systems without a condition: on likely hostile mail
/// there must be none (the sender-side recipe stays only behind "if this sender is legitimate").
fn unconditional_sender_advice(report: &Report) -> Vec<&Finding> {
    report
        .findings
        .iter()
        .filter(|f| f.owner == Owner::SendingOrg && f.caused_by.is_none())
        .filter(|f| f.fix.as_ref().is_some_and(|x| !x.summary.starts_with("If this sender is legitimate")))
        .collect()
}

/// Straight from a rented server named `vps-7781` to Exchange Online: DMARC `temperror` (not `fail`),
/// composite authentication `fail reason=001`, SCL 5, and an envelope sender at the server's bare name.
const HOSTILE_FROM_A_VPS: &str = "Authentication-Results: spf=temperror (sender IP is 203.0.113.77) smtp.mailfrom=vps-7781; dkim=none (message not signed) header.d=none;dmarc=temperror action=none header.from=bank.example.com;compauth=fail reason=001\n\
Received: from vps-7781 (203.0.113.77) by AM4PEPF00027A5F.mail.protection.outlook.com (10.167.16.73) with Microsoft SMTP Server id 15.20.7181.13 via Frontend Transport; Mon, 8 Jan 2024 10:00:05 +0000\n\
Received: by vps-7781 (Postfix, from userid 0) id 39DEA3F725; Mon, 8 Jan 2024 10:00:01 +0000 (UTC)\n\
X-MS-Exchange-Organization-SCL: 5\n\
X-Microsoft-Antispam: BCL:9;\n\
X-MS-Exchange-Organization-MessageDirectionality: Incoming\n\
X-MS-Exchange-CrossTenant-FromEntityHeader: Internet\n\
Return-Path: root@vps-7781\n\
From: Bank Support <support@bank.example.com>\nTo: user@example.org\nSubject: Your card expires today\n";

#[test]
fn likely_hostile_mail_gets_recipient_side_advice_only() {
    let report = analyze(HOSTILE_FROM_A_VPS);
    let hostile = report.route.impersonation.as_ref().expect("read as likely hostile");
    assert_eq!(hostile.from_domain, "bank.example.com");
    assert!(hostile.spoofed);
    let evidence = hostile.evidence.iter().map(|e| e.to_string()).collect::<Vec<_>>().join("\n");
    for sign in ["composite authentication", "temperror", "spam confidence level of 5", "vps-7781"] {
        assert!(evidence.contains(sign), "{sign}: {evidence}");
    }
    assert!(unconditional_sender_advice(&report).is_empty(), "{:#?}", unconditional_sender_advice(&report));
    // The envelope recipe is kept only behind the condition, at low severity.
    let rp = with(&report, FindingId::ReturnPathNonRoutable);
    assert_eq!(rp.len(), 1);
    assert!(rp[0].severity <= Severity::Low, "{:?}", rp[0].severity);
    assert!(rp[0].fix.as_ref().unwrap().summary.starts_with("If this sender is legitimate"));
    assert!(rp[0].detail.contains("nothing needs changing at bank.example.com"), "{}", rp[0].detail);
    // The composite authentication failure leads, for the recipient's side.
    let compauth = with(&report, FindingId::CompauthFail);
    assert_eq!(compauth.len(), 1);
    assert_eq!(compauth[0].owner, Owner::ReceivingOrg);
    assert_eq!(compauth[0].caused_by, None);
    let fix = fix_text(compauth[0]);
    assert!(fix.contains("recipient side") && fix.contains("Nothing in bank.example.com's DNS"), "{fix}");
    assert!(!fix.contains("Publish SPF"), "{fix}");
    // Nobody is told to allow it or to tune its sender's bulk mailing.
    let bulk = with(&report, FindingId::EopBulk);
    assert_eq!(bulk.len(), 1);
    let fix = fix_text(bulk[0]);
    assert!(fix.contains("do not allow it") && !fix.contains("have them add it to Safe Senders"), "{fix}");
    assert!(!fix.contains("If you send for"), "{fix}");
    // No finding is its own root's symptom (the cycle compauth-fail <-> dmarc-dkim-unaligned is gone).
    for f in &report.findings {
        if let Some(cause) = f.caused_by {
            let root = report.findings.iter().find(|g| g.id == cause).expect("the cause fired");
            assert_ne!(root.caused_by, Some(f.id), "{:?} and {:?} explain each other", f.id, cause);
        }
    }
}

#[test]
fn every_sign_against_a_likely_hostile_message_is_listed_once_in_the_reports() {
    let report = analyze(HOSTILE_FROM_A_VPS);
    let hostile = report.route.impersonation.as_ref().expect("read as likely hostile");
    assert!(hostile.evidence.len() >= 3, "{:?}", hostile.evidence);
    for (rendered, lang) in [
        (headerlens::render::text_in(&report, headerlens::Lang::En), headerlens::Lang::En),
        (headerlens::render::markdown_in(&report, headerlens::Lang::En), headerlens::Lang::En),
        (headerlens::render::text_in(&report, headerlens::Lang::Fr), headerlens::Lang::Fr),
    ] {
        // The findings name the strongest sign (with "and N more signs"); the others are listed once, here.
        for sign in &hostile.evidence[1..] {
            let words = sign.render(lang);
            // Markdown escapes parentheses; compare on the words before the first one.
            let words = words.split('(').next().unwrap().trim_end();
            assert_eq!(rendered.matches(words).count(), 1, "{words:?} once in:\n{rendered}");
        }
    }
    let text = headerlens::render::text_in(&report, headerlens::Lang::En);
    assert!(
        text.contains("Likely not from `bank.example.com` (a spoof); the signs, strongest first:"),
        "{text}"
    );
    // Listed before the summary, so it is read first.
    assert!(text.find("Likely not from").unwrap() < text.find("Subject:").unwrap(), "{text}");
}

#[test]
fn a_legitimate_look_alike_keeps_its_sender_advice() {
    // The same unqualified envelope sender from an application server, but relayed by the From domain's own
    // mail server, with no DMARC record (dmarc=none), composite authentication failing only implicitly (001) and
    // no spam verdict: a sender's misconfiguration, not an attack.
    let report = analyze(
        "Authentication-Results: spf=none (sender IP is 203.0.113.10) smtp.mailfrom=app01; dkim=none (message not signed) header.d=none;dmarc=none action=none header.from=example.com;compauth=fail reason=001\n\
         Received: from mail.example.com (203.0.113.10) by AM4PEPF00027A5F.mail.protection.outlook.com (10.167.16.73) with Microsoft SMTP Server id 15.20.7181.13 via Frontend Transport; Mon, 8 Jan 2024 10:00:05 +0000\n\
         Received: from app01 (app01 [192.0.2.15]) by mail.example.com (Postfix) with ESMTP id 4F1A2; Mon, 8 Jan 2024 10:00:03 +0000\n\
         Received: by app01 (Postfix, from userid 0) id 39DEA3F725; Mon, 8 Jan 2024 10:00:01 +0000 (UTC)\n\
         X-MS-Exchange-Organization-SCL: 1\n\
         X-MS-Exchange-Organization-MessageDirectionality: Incoming\n\
         X-MS-Exchange-CrossTenant-FromEntityHeader: Internet\n\
         Return-Path: root@app01\n\
         From: Alerts <alerts@example.com>\nTo: ops@example.org\nSubject: Nightly backup finished\n",
    );
    assert!(report.route.impersonation.is_none(), "{:?}", report.route.impersonation);
    let rp = with(&report, FindingId::ReturnPathNonRoutable);
    assert_eq!(rp.len(), 1);
    assert!(rp[0].severity >= Severity::High, "{:?}", rp[0].severity);
    assert_eq!(rp[0].owner, Owner::SendingOrg);
    let fix = rp[0].fix.as_ref().expect("a fix for the sender");
    assert!(!fix.summary.starts_with("If this sender is legitimate"), "{}", fix.summary);
    assert!(fix_text(rp[0]).contains("smtp_generic_maps"), "{}", fix_text(rp[0]));
    // A spam verdict alone does not make mail hostile either: a legitimate sender whose mail lands in Junk is
    // exactly who needs the sender-side advice.
    let junked = analyze(
        &HOSTILE_FROM_A_VPS
            .replace(
                "dmarc=temperror action=none header.from=bank.example.com;compauth=fail reason=001",
                "dmarc=pass action=none header.from=bank.example.com;compauth=pass reason=100",
            )
            .replace("vps-7781", "mail.bank.example.com"),
    );
    assert!(junked.route.impersonation.is_none(), "{:?}", junked.route.impersonation);
}

/// A mail provider's own forward hosts (`mxback…` received it, `forward…` hosts sent it on) relaying a
/// message whose envelope sender belongs to someone else: a forward, though the original sender's hops are not
/// shown and no SRS or ARC says so.
const PROVIDER_FORWARD: &str = "Return-Path: <author@example.net>\n\
Received: from mx7.example.org (mx7.example.org [198.51.100.7]) by store.example.org with LMTP id 6; Mon, 27 Apr 2020 19:45:06 +0300\n\
Received: from forward106p.mail.example.com (forward106p.mail.example.com [203.0.113.106])\n\tby mx7.example.org (Postfix) with ESMTP id 9B38C6E043A\n\t(envelope-from <author@example.net>)\n\tfor <user@example.org>; Mon, 27 Apr 2020 19:45:05 +0300 (MSK)\n\
Received: from forward102q.mail.example.com (forward102q.mail.example.com [203.0.113.102])\n\tby forward106p.mail.example.com with ESMTP id 71D441C81C0C\n\t(envelope-from <author@example.net>)\n\tfor <user@example.org>; Mon, 27 Apr 2020 19:45:05 +0300 (MSK)\n\
Received: from mxback10q.mail.example.com (mxback10q.mail.example.com [203.0.113.10])\n\tby forward102q.mail.example.com with ESMTP id 6E2CA7F20010\n\t(envelope-from <author@example.net>)\n\tfor <user@example.org>; Mon, 27 Apr 2020 19:45:05 +0300 (MSK)\n\
From: author@example.net\nTo: <user@example.org>\nSubject: 123\n";

#[test]
fn a_providers_forward_hosts_are_recognised_as_forwarding() {
    let report = analyze(PROVIDER_FORWARD);
    let fwd = report.route.forwarding.as_ref().expect("recognised as forwarded");
    assert_eq!(report.route.domains[fwd.domain].name, "example.com");
    assert_eq!(fwd.host.as_deref(), Some("forward106p.mail.example.com"));
    assert!(!fwd.srs);
    assert_eq!(with(&report, FindingId::ForwardedWithoutSrs).len(), 1);
    for id in [FindingId::DmarcSpfUnaligned, FindingId::DmarcDkimUnaligned] {
        for f in with(&report, id) {
            assert!(f.severity <= Severity::Low && f.owner != Owner::SendingOrg, "{id:?}: {f:#?}");
        }
    }
    // The forwarder's connection into the receiver is not the receiver's hop to fix.
    for f in with(&report, FindingId::HopNoTls) {
        assert!(!f.title.contains("forward106p"), "{}", f.title);
    }
    // The same hosts sending their own organisation's mail: no forward.
    let own = analyze(&PROVIDER_FORWARD.replace("author@example.net", "author@example.com"));
    assert!(own.route.forwarding.is_none(), "{:?}", own.route.forwarding);
    assert_eq!(own.route.domains[0].role, headerlens::route::Role::SendingOrg);
}

#[test]
fn paypal_forwarded_without_srs_is_the_forwarders_finding() {
    let report = analyze(
        "Authentication-Results: mx.google.com; dkim=pass header.i=@mail.paypal.com; spf=fail (google.com: domain of bounce@mail.paypal.com does not designate 2001:db8:7240::1 as permitted sender) smtp.mailfrom=bounce@mail.paypal.com; dmarc=pass (p=REJECT sp=REJECT dis=NONE) header.from=paypal.com\n\
         Received: from fwd.example.net (fwd.example.net. [2001:db8:7240::1]) by mx.google.com with ESMTPS id a9si1; Sat, 14 Sep 2019 10:12:41 -0700\n\
         Received: from mx0.slc.paypal.com (mx0.slc.paypal.com [173.0.84.225]) by fwd.example.net (8.15.2/8.15.2) with ESMTPS id x8E; Sat, 14 Sep 2019 17:12:39 +0000\n\
         From: service@paypal.com\n",
    );
    let fwd = with(&report, FindingId::ForwardedWithoutSrs);
    assert_eq!(fwd.len(), 1, "{:#?}", report.findings);
    assert_eq!((fwd[0].severity, fwd[0].owner), (Severity::Low, Owner::Intermediary));
    assert!(
        fwd[0].detail.contains("DMARC still passed")
            && fwd[0].detail.contains("Nothing for the original sender")
    );
    for f in with(&report, FindingId::SpfNotPass) {
        assert!(f.severity <= Severity::Low && f.owner != Owner::SendingOrg, "{f:#?}");
    }
    let fixes = all_fixes(&report);
    assert!(
        !fixes.contains("SPF record of mail.paypal.com") && !fixes.contains("ip6:2001:db8:7240::1"),
        "{fixes}"
    );
    assert!(report.route.impersonation.is_none());
}

#[test]
fn an_appliance_passing_mail_to_itself_is_no_boundary() {
    let report = analyze(
        "Received: from gw.example.com (gw.example.com [203.0.113.9]) by gw.example.com (203.0.113.9) with ESMTP id 2; Mon, 8 Jan 2024 10:00:03 +0000\n\
         Received: from out.example.org (out.example.org [198.51.100.7]) by gw.example.com (203.0.113.9) with ESMTPS id 1; Mon, 8 Jan 2024 10:00:02 +0000\n\
         From: a@example.org\nTo: b@example.com\n",
    );
    assert_eq!(report.route.boundary_hop, Some(1));
    assert!(report.route.hop(2).is_some_and(|h| h.to_itself && !h.crosses));
}

/// A hop from an address never seen on the Internet (loopback, private, …) is an internal hand-over, never the
/// boundary between organisations: no finding gives DNS advice for such an address. Here a list server passes the
/// message to itself over loopback (`helo=` its public name), and the receiver's results sit above that hop, so
/// the authentication reader sees the message enter there; the hand-over is the next hop, from the list's public
/// address.
#[test]
fn an_internal_hop_is_never_the_handoff() {
    let report = analyze(
        "Received: from mailhost (localhost [127.0.0.1])\n\tby mail.example.net (Postfix) with ESMTP id 6389969CB2\n\tfor <jo@localhost>; Thu,  7 Aug 2008 08:10:07 +0300 (EEST)\n\
         Received: from imap.gmail.com [198.51.100.20]\n\tby mailhost with IMAP (fetchmail-6.3.8)\n\tfor <jo@localhost> (single-drop); Thu, 07 Aug 2008 08:10:07 +0300 (EEST)\n\
         Received: from lists.example.org (lists.example.org [192.0.2.165]) by mx.google.com\n with ESMTP id b32si10199298ana.34; Wed, 06 Aug 2008 13:38:51 -0700 (PDT)\n\
         Received-SPF: pass (mx.google.com: domain of help-bounces@example.org designates 192.0.2.165 as permitted sender) client-ip=192.0.2.165;\n\
         DomainKey-Status: good\n\
         Authentication-Results: mx.google.com; spf=pass smtp.mail=help-bounces@example.org\n\
         Received: from localhost ([127.0.0.1]:55648 helo=lists.example.org) by\n lists.example.org with esmtp (Exim 4.43) id 1KQpmT-0005W9-AQ\n for jo@example.com; Wed, 06 Aug 2008 16:38:49 -0400\n\
         Received: from [203.0.113.21] (port=45465 helo=out.example.net) by\n lists.example.org with esmtp (Exim 4.43) id 1KQplw-0005NX-I6\n for help@example.org; Wed, 06 Aug 2008 16:38:16 -0400\n\
         Return-Path: <help-bounces@example.org>\nList-Id: Help list <help.example.org>\nFrom: author@example.net\nTo: help@example.org\n\
         Subject: question\nDate: Wed, 6 Aug 2008 22:38:15 +0200\n",
    );
    assert_eq!(report.authentication.receiver.as_ref().and_then(|r| r.entry_hop), Some(2));
    assert_eq!(report.route.boundary_hop, Some(3), "the list's public hop into Google, not its loopback hop");
    assert!(with(&report, FindingId::HeloWeak).is_empty(), "{:#?}", report.findings);
    let fixes = all_fixes(&report);
    assert!(!fixes.contains("127.0.0.1"), "{fixes}");

    // Every receiving hop is from a private address: there is no boundary to advise on.
    let private = analyze(
        "Received: from 192.168.0.1 (192.168.0.1) by mx.example.com with ESMTP; Tue, 21 Apr 2020 19:44:50 +0000\n\
         Received: from [192.168.0.2] by relay.example.net with SMTP; Tue, 21 Apr 2020 19:44:48 +0000\n\
         From: a@example.net\nTo: b@example.com\nSubject: hi\nDate: Tue, 21 Apr 2020 19:44:40 +0000\n",
    );
    assert_eq!(private.route.boundary_hop, None);
    assert!(with(&private, FindingId::HeloWeak).is_empty(), "{:#?}", private.findings);
    assert!(!all_fixes(&private).contains("192.168.0."), "{}", all_fixes(&private));
}

/// A message delivered into a mailbox and sent again two days later with a new Date: one reading, told once by
/// `hop-delay` (no queue, nobody's to fix, "likely"), with `date-drift` under it instead of blaming a clock. A real
/// queue next to a Date a few minutes ahead stays a queue.
#[test]
fn a_message_sent_again_is_one_cause_not_a_queue_and_a_clock() {
    let resent = "Received: from mx.example.org (mx.example.org [203.0.113.30]) by mail.example.net with ESMTPS id 9A; Mon, 07 Oct 2024 18:59:20 +0000\n\
        Received: from sender.example.com (sender.example.com [198.51.100.50]) by mx.example.org with ESMTP id 5B; Mon, 07 Oct 2024 18:59:16 +0000\n\
        Delivered-To: first@example.com\n\
        Received: by 2001:db8:6130:6b0d::44a6 with SMTP id jp13csp832922uab;\n        Fri, 4 Oct 2024 17:48:26 -0700 (PDT)\n\
        Received: from out.example.com (out.example.com [192.0.2.187]) by mx.example.com with ESMTPS id d75a; Fri, 04 Oct 2024 17:48:25 -0700 (PDT)\n\
        Received: from app.example.com (app.example.com [192.0.2.18]) by out.example.com with ESMTP id 99; Sat, 05 Oct 2024 00:48:24 +0000\n\
        Date: Mon, 07 Oct 2024 11:59:16 -0700\nFrom: Team <info@example.com>\nTo: jo@example.net\nSubject: hi\n";
    let report = analyze(resent);
    let delay = with(&report, FindingId::HopDelay);
    assert_eq!(delay.len(), 1, "{:#?}", report.findings);
    assert_eq!((delay[0].severity, delay[0].owner), (Severity::Info, Owner::Nobody));
    assert_eq!(delay[0].confidence, headerlens::Confidence::Likely);
    assert!(delay[0].fix.is_none(), "{}", fix_text(delay[0]));
    assert!(
        delay[0].title.contains("sent again") && !delay[0].title.contains("queued"),
        "{}",
        delay[0].title
    );
    assert!(delay[0].detail.contains("Delivered-To field between the two stamps (first@example.com)"));
    let drift = with(&report, FindingId::DateDrift);
    assert_eq!(drift.len(), 1, "{:#?}", report.findings);
    assert_eq!(drift[0].caused_by, Some(FindingId::HopDelay));
    assert_eq!((drift[0].severity, drift[0].owner), (Severity::Info, Owner::Nobody));
    assert!(drift[0].fix.is_none());
    assert!(!drift[0].detail.contains("clock or time zone is likely wrong"), "{}", drift[0].detail);
    assert!(
        report.findings.iter().all(|f| f.severity <= Severity::Low
            || f.id == FindingId::DmarcDkimUnaligned
            || f.id == FindingId::DmarcSpfUnaligned),
        "{:#?}",
        report.findings
    );

    // A Date ten minutes ahead and a two-hour queue later on: the queue is still a queue, the clock still a clock.
    let queued = "Received: from relay.example.org (relay.example.org [198.51.100.21]) by mx.example.net (Postfix) with ESMTPS id 4XyA2; Wed, 29 Oct 2025 12:31:38 +0000\n\
        Received: from app01.example.org (app01.example.org [198.51.100.50]) by relay.example.org (Postfix) with ESMTPS id 9F2C3; Wed, 29 Oct 2025 10:24:07 +0000\n\
        Date: Wed, 29 Oct 2025 10:34:07 +0000\nFrom: a@example.org\nTo: b@example.net\nSubject: hi\n";
    let report = analyze(queued);
    assert_eq!(with(&report, FindingId::HopDelay)[0].severity, Severity::High);
    let drift = with(&report, FindingId::DateDrift);
    assert_eq!((drift[0].severity, drift[0].caused_by), (Severity::Low, None));
}

#[test]
fn severity_follows_evidence_and_consequence() {
    // `.lan`, `.local` and `.corp` envelope senders are graded the same.
    let grades: Vec<Severity> = ["lan", "local", "corp"]
        .iter()
        .map(|tld| {
            let r = analyze(&format!(
                "Return-Path: <root@app01.example.{tld}>\nFrom: alerts@example.com\nTo: ops@example.org\n"
            ));
            with(&r, FindingId::ReturnPathNonRoutable)[0].severity
        })
        .collect();
    assert!(grades.windows(2).all(|w| w[0] == w[1]), "{grades:?}");
    // compauth=fail reason=001 on a message delivered to the Inbox is low.
    let inbox = analyze(
        "Authentication-Results: spf=none (sender IP is 203.0.113.10) smtp.mailfrom=example.com; dkim=none (message not signed) header.d=none;dmarc=none action=none header.from=example.com;compauth=fail reason=001\n\
         Received: from mail.example.com (203.0.113.10) by AM4PEPF00027A5F.mail.protection.outlook.com (10.167.16.73) with Microsoft SMTP Server id 15.20.7181.13 via Frontend Transport; Mon, 8 Jan 2024 10:00:05 +0000\n\
         X-Microsoft-Antispam-Mailbox-Delivery: ucf:0;jmr:0;auth:0;dest:I;ENG:(910001);\n\
         From: a@example.com\nTo: b@example.org\n",
    );
    let compauth = with(&inbox, FindingId::CompauthFail);
    assert_eq!(compauth.len(), 1);
    assert_eq!(compauth[0].severity, Severity::Low);
    // Bulk mail the bulk filter sent to Junk is not high.
    let bulk = analyze(
        "From: News <news@example.net>\n\
         X-Forefront-Antispam-Report: CIP:198.51.100.23;SCL:6;SRV:BULK;IPV:NLI;SFV:SPM;CAT:BULK;DIR:INB;\n\
         X-Microsoft-Antispam: BCL:7;\n\
         X-Microsoft-Antispam-Mailbox-Delivery: ucf:0;jmr:0;auth:0;dest:J;ENG:(910001);\n",
    );
    assert!(
        with(&bulk, FindingId::EopSpamVerdict).iter().all(|f| f.severity < Severity::High)
            && !with(&bulk, FindingId::EopSpamVerdict).is_empty(),
        "{:#?}",
        bulk.findings
    );
    // A wait at the sender's own bulk mailer (SendGrid releasing a campaign) is info.
    let campaign = analyze(
        "Received: from o1.example.net (o1.example.net [198.51.100.61]) by mx.example.org with ESMTPS id 2; Mon, 8 Jan 2024 10:30:00 +0000\n\
         Received: by filter0001p1las1.sendgrid.net with SMTP id 1; Mon, 8 Jan 2024 08:30:00 +0000\n\
         From: news@example.net\nTo: b@example.org\n",
    );
    fired_at(&campaign, FindingId::HopDelay, Severity::Info);
}

/// `id` fired, every time at `severity`.
fn fired_at(report: &Report, id: FindingId, severity: Severity) {
    let found = with(report, id);
    assert!(
        !found.is_empty() && found.iter().all(|f| f.severity == severity),
        "{id:?}: {:#?}",
        report.findings
    );
}

#[test]
fn noise_is_kept_down() {
    // One hop-no-tls per message, for the receiving organisation's own hops only.
    let report = analyze(
        "Received: from mx2.example.org (mx2.example.org [198.51.100.3]) by store.example.org with ESMTP id 4; Mon, 8 Jan 2024 10:00:04 +0000\n\
         Received: from mx1.example.org (mx1.example.org [198.51.100.2]) by mx2.example.org with ESMTP id 3; Mon, 8 Jan 2024 10:00:03 +0000\n\
         Received: from out.example.com (out.example.com [203.0.113.5]) by mx1.example.org with ESMTP id 2; Mon, 8 Jan 2024 10:00:02 +0000\n\
         Received: from app.example.com (app.example.com [203.0.113.6]) by out.example.com with ESMTP id 1; Mon, 8 Jan 2024 10:00:01 +0000\n\
         Return-Path: <a@example.com>\nFrom: a@example.com\nTo: b@example.org\n",
    );
    let tls = with(&report, FindingId::HopNoTls);
    assert_eq!(tls.len(), 1, "{:#?}", report.findings);
    assert_eq!(tls[0].owner, Owner::ReceivingOrg);
    assert!(
        !tls[0].title.contains("out.example.com →"),
        "the sender's connection is not the receiver's to fix"
    );
    // return-path-missing only where the headers show final delivery, as info.
    let sent = analyze(
        "Received: from pc.example.com (pc.example.com [203.0.113.7]) by smtp.example.com with ESMTPSA id 1; Mon, 8 Jan 2024 10:00:00 +0000\nFrom: a@example.com\nTo: b@example.org\n",
    );
    assert!(with(&sent, FindingId::ReturnPathMissing).is_empty());
    let delivered =
        analyze("Delivered-To: b@example.org\nFrom: a@example.com\nTo: b@example.org\nSubject: hi\n");
    assert_eq!(with(&delivered, FindingId::ReturnPathMissing)[0].severity, Severity::Info);
    // Internal names exposed are info.
    let internal = analyze(
        "Received: from mail.example.com (mail.example.com [203.0.113.10]) by mx.example.org with ESMTPS id 2; Mon, 8 Jan 2024 10:00:02 +0000\n\
         Received: from app01.corp.local (app01.corp.local [10.1.2.3]) by mail.example.com with ESMTPS id 1; Mon, 8 Jan 2024 10:00:01 +0000\n\
         From: a@example.com\nTo: b@example.org\n",
    );
    fired_at(&internal, FindingId::InternalNamesExposed, Severity::Info);
}

/// A consumer ISP's address sent through the user's own server: the user cannot set up a MAIL FROM or DKIM
/// key under the ISP's domain, so no DNS advice for it; what the user can do is said once.
#[test]
fn a_consumer_isp_from_domain_gets_no_dns_advice() {
    let (text, report) = crate::support::fixture("regressions/consumer-isp-from-own-server.eml");
    let spf = with(&report, FindingId::DmarcSpfUnaligned);
    assert_eq!(spf.len(), 1, "{:#?}", report.findings);
    let fix = fix_text(spf[0]);
    assert!(fix.contains("its provider's own servers"), "{fix}");
    assert!(!fix.contains("bounce.xs4all.nl") && !fix.contains("d=xs4all.nl"), "{fix}");
    assert!(spf[0].detail.contains("xs4all.nl is a consumer mailbox domain"), "{}", spf[0].detail);
    let dkim = with(&report, FindingId::DmarcDkimUnaligned);
    assert_eq!(dkim.len(), 1);
    assert!(dkim[0].fix.is_none(), "the advice is given once: {}", fix_text(dkim[0]));
    assert!(dkim[0].detail.contains("`dmarc-spf-unaligned`"), "{}", dkim[0].detail);
    let all = all_fixes(&report);
    assert!(!all.contains("custom MAIL FROM (return-path"), "{all}");
    // The same message from a domain the sender owns keeps the DNS advice.
    let own = analyze(&text.replace("jan.devries@xs4all.nl", "jan@example.com"));
    assert!(fix_text(with(&own, FindingId::DmarcSpfUnaligned)[0]).contains("custom MAIL FROM"));
}

/// The envelope domain is not the organisation whose server sent the message (an authenticated submission to
/// another organisation's server, the way a fake "Email Server Administrator" message arrives): SPF advice for
/// the envelope domain is conditional on its owner really sending through that server, at low severity, and that
/// server's administrators are told where to look. The receiver's Rspamd, whose headers sit below the Received
/// fields, is placed at the receiver through its queue id, and `X-Spam: Yes` is its verdict.
#[test]
fn spf_advice_for_a_domain_the_sending_organisation_is_not() {
    let (text, report) = crate::support::fixture("regressions/envelope-domain-of-another-org.eml");
    let spf = with(&report, FindingId::SpfNotPass);
    assert_eq!(spf.len(), 1, "{:#?}", report.findings);
    assert_eq!(spf[0].severity, Severity::Low);
    assert_eq!(spf[0].confidence, headerlens::Confidence::Likely);
    let fix = spf[0].fix.as_ref().expect("a conditional fix");
    assert!(
        fix.summary.starts_with("If example.com's owner sends its mail through example.net"),
        "{}",
        fix.summary
    );
    assert!(fix.steps.iter().any(|s| s.contains("hop 1, from 203.0.113.50")), "{:#?}", fix.steps);
    assert!(spf[0].detail.contains("belongs to example.net, not to example.com's organisation"));
    let rspamd = report.delivery.filters.iter().find(|f| f.filter == "Rspamd").expect("Rspamd read");
    assert_eq!(rspamd.verdict, headerlens::delivery::FilterVerdict::Spam);
    assert_eq!(rspamd.position, headerlens::delivery::Position::Receiver);
    // The same message sent by the envelope domain's own server keeps the plain SPF advice.
    let own = analyze(&text.replace("mail.example.net", "mail.example.com"));
    let spf = with(&own, FindingId::SpfNotPass);
    assert_eq!(spf[0].severity, Severity::Medium, "{:#?}", spf[0]);
    assert!(fix_text(spf[0]).contains("Publish an SPF record for example.com"), "{}", fix_text(spf[0]));
}

/// A mail provider's own signature failing or malformed: its key and signer are the provider's, so no DNS or
/// signer advice for its domain; the fix is on the way, where the message changed.
#[test]
fn a_provider_signature_gets_no_advice_for_the_provider() {
    let failed = analyze(
        "Authentication-Results: mx.example.org; dkim=fail (signature verification failed) header.d=outlook.com header.s=selector1; spf=pass smtp.mailfrom=jo@outlook.com\n\
         Received: from relay.example.net (relay.example.net [198.51.100.30]) by mx.example.org (Postfix) with ESMTPS id 1; Mon, 8 Jan 2024 10:00:05 +0000\n\
         DKIM-Signature: v=1; a=rsa-sha256; d=outlook.com; s=selector1; h=From:Subject; bh=abc=; b=xyz\n\
         From: jo@outlook.com\nTo: a@example.org\nSubject: hi\n",
    );
    let f = with(&failed, FindingId::DkimFail);
    assert_eq!(f.len(), 1, "{:#?}", failed.findings);
    assert_eq!((f[0].severity, f[0].owner), (Severity::Low, Owner::Intermediary));
    let fix = fix_text(f[0]);
    assert!(!fix.contains("_domainkey.outlook.com") && !fix.contains("dig "), "{fix}");
    assert!(fix.contains("Find what changed the message after outlook.com signed it"), "{fix}");
    // The same failure for a domain of the sender's own keeps the key check.
    let own = analyze(&failed_text_for("example.com"));
    assert!(fix_text(with(&own, FindingId::DkimFail)[0]).contains("selector1._domainkey.example.com"));
    let lint = analyze(
        "Received: from a.example.net (a.example.net [203.0.113.5]) by mx.example.org (Postfix) with ESMTPS id 1; Wed, 15 Nov 2023 01:34:20 +0000\n\
         DKIM-Signature: v=1; d=gmail.com\nFrom: jo@gmail.com\nTo: a@example.org\nSubject: hi\n",
    );
    let f = with(&lint, FindingId::DkimLint);
    assert_eq!(f.len(), 1, "{:#?}", lint.findings);
    assert_eq!((f[0].severity, f[0].owner), (Severity::Low, Owner::Nobody));
    assert!(f[0].fix.is_none(), "{}", fix_text(f[0]));
}

fn failed_text_for(domain: &str) -> String {
    format!(
        "Authentication-Results: mx.example.org; dkim=fail (signature verification failed) header.d={domain} header.s=selector1; spf=pass smtp.mailfrom=jo@{domain}\n\
         Received: from relay.example.net (relay.example.net [198.51.100.30]) by mx.example.org (Postfix) with ESMTPS id 1; Mon, 8 Jan 2024 10:00:05 +0000\n\
         DKIM-Signature: v=1; a=rsa-sha256; d={domain}; s=selector1; h=From:Subject; bh=abc=; b=xyz\n\
         From: jo@{domain}\nTo: a@example.org\nSubject: hi\n"
    )
}

/// A plain inbound message from `from` to example.org, through one documentation-address hop, SPF and DKIM passing
/// for the From domain.
fn inbound_from(from: &str) -> String {
    let domain = from.rsplit('@').next().unwrap().trim_end_matches('>');
    format!(
        "Authentication-Results: mx.example.org; spf=pass smtp.mailfrom={domain}; dkim=pass header.d={domain}; dmarc=pass header.from={domain}\n\
         Received: from mail.{domain} (mail.{domain} [198.51.100.20]) by mx.example.org (Postfix) with ESMTPS id 4F1A2; Mon, 8 Jan 2024 10:00:03 +0000\n\
         From: {from}\nTo: user@example.org\nSubject: Your weekly notice\nDate: Mon, 8 Jan 2024 10:00:00 +0000\n"
    )
}

#[test]
fn ordinary_mail_naming_a_brand_or_a_word_like_one_is_no_impersonation() {
    // A brand's own operations mail from the domains it owns, newspapers and firms whose name is a word, a
    // surname, and Microsoft 365 product alerts sent from the tenant's own addresses.
    for from in [
        "AWS Notifications <no-reply@sns.amazonaws.com>",
        "Amazon Web Services <aws-billing@amazonaws.com>",
        "AWS <aws-billing@amazonaws.com>",
        "The Ledger <newsletters@theledger.com>",
        "Ledger Support <support@example.com>",
        "Schwab <mschwab@example.org>",
        "SharePoint <no-reply@example.com>",
        "SharePoint Online <sharepoint@example.com>",
        "Microsoft Teams <noreply@example.com>",
        "OneDrive <onedrive@example.com>",
        "Outlook <alerts@example.com>",
        "Adobe Support <support@email.adobesystems.com>",
        "Wells Fargo <alerts@wellsfargoadvisors.com>",
        "Salesforce Support <support@sfdc.net>",
        "Postmark Team <support@wildbit.com>",
        "DHL <noreply@dhl-news.com>",
    ] {
        let report = analyze(&inbound_from(from));
        assert!(report.route.impersonation.is_none(), "{from}: {:?}", report.route.impersonation);
        assert!(with(&report, FindingId::DisplayNameSpoof).is_empty(), "{from}");
        assert!(!all_fixes(&report).contains("block the sender"), "{from}: {}", all_fixes(&report));
    }
    // The same rule still reads a brand's name on an unrelated address as likely impersonation.
    for (from, brand) in [
        ("Mailgun Team <info@example.net>", "Mailgun"),
        ("Charles Schwab <postmaster@example.net>", "Charles Schwab"),
        ("Ledger Live Support <noreply@example.net>", "Ledger"),
        ("Amazon Security <alerts@example.net>", "Amazon"),
    ] {
        let report = analyze(&inbound_from(from));
        let hostile = report.route.impersonation.as_ref().unwrap_or_else(|| panic!("{from}"));
        assert_eq!(hostile.brand, Some(brand), "{from}");
    }
}

#[test]
fn a_brand_claim_on_a_domain_that_passed_dmarc_is_one_root_with_no_spoofing_advice() {
    // Exchange Online junked it (SCL 9); the From domain example.net passed DMARC, so it is not spoofed: the brand
    // claim is the cause, the spam verdict its consequence, and nobody is told to act on example.net's failures.
    let report = analyze(
        "Authentication-Results: spf=permerror (sender IP is 203.0.113.44) smtp.mailfrom=example.net; dkim=pass (signature was verified) header.d=example.net;dmarc=pass action=none header.from=example.net;compauth=pass reason=100\n\
         Received: from mta.example.net (203.0.113.44) by AM4PEPF00027A5F.mail.protection.outlook.com (10.167.16.73) with Microsoft SMTP Server id 15.20.7181.13 via Frontend Transport; Mon, 8 Jan 2024 10:00:05 +0000\n\
         X-MS-Exchange-Organization-SCL: 9\n\
         X-MS-Exchange-Organization-MessageDirectionality: Incoming\n\
         X-MS-Exchange-CrossTenant-FromEntityHeader: Internet\n\
         From: Charles Schwab <postmaster@example.net>\nTo: user@example.org\nSubject: Your eStatement is ready\n",
    );
    assert_eq!(report.route.impersonation.as_ref().and_then(|i| i.brand), Some("Charles Schwab"));
    let spoof = with(&report, FindingId::DisplayNameSpoof);
    assert_eq!(spoof.len(), 1);
    assert_eq!(spoof[0].caused_by, None);
    let verdict = with(&report, FindingId::EopSpamVerdict);
    assert_eq!(verdict.len(), 1);
    assert_eq!(verdict[0].caused_by, Some(FindingId::DisplayNameSpoof));
    assert!(verdict[0].fix.is_none());
    let fixes = all_fixes(&report);
    assert_eq!(fixes.matches("Do not reply or follow links").count(), 1, "{fixes}");
    assert!(!fixes.contains("Honor DMARC") && !fixes.contains("anti-spoofing"), "{fixes}");
    for f in &report.findings {
        assert!(f.caused_by.is_none() || f.caused_by == Some(FindingId::DisplayNameSpoof), "{:?}", f.id);
    }
}

/// On likely hostile mail the stamps before the recipient's organisation are the sender's side's word: a queue
/// they show on a relay is no firm finding for the relay's administrators either (low at most, "likely", and the
/// fix only once the relay's own logs confirm it).
#[test]
fn likely_hostile_mail_softens_an_intermediarys_queue() {
    let relayed = HOSTILE_FROM_A_VPS.replace(
        "Received: from vps-7781 (203.0.113.77) by AM4PEPF00027A5F.mail.protection.outlook.com (10.167.16.73) with Microsoft SMTP Server id 15.20.7181.13 via Frontend Transport; Mon, 8 Jan 2024 10:00:05 +0000\n",
        "Received: from relay.example.net (relay.example.net [198.51.100.5]) by AM4PEPF00027A5F.mail.protection.outlook.com (10.167.16.73) with Microsoft SMTP Server id 15.20.7181.13 via Frontend Transport; Mon, 8 Jan 2024 12:00:05 +0000\n\
         Received: from vps-7781 (vps-7781 [203.0.113.77]) by relay.example.net (Postfix) with ESMTP id 4XyZ1; Mon, 8 Jan 2024 10:00:03 +0000\n",
    );
    let report = analyze(&relayed);
    assert!(report.route.impersonation.is_some(), "{:#?}", report.route);
    let delays = with(&report, FindingId::HopDelay);
    assert_eq!(delays.len(), 1, "{:#?}", report.findings);
    assert_ne!(delays[0].owner, Owner::SendingOrg, "{:#?}", report.route);
    assert!(delays[0].severity <= Severity::Low, "{:?}", delays[0].severity);
    let fix = delays[0].fix.as_ref().unwrap();
    assert!(fix.summary.starts_with("If the server's logs confirm these stamps"), "{}", fix.summary);
    assert!(delays[0].detail.contains("may be forged"), "{}", delays[0].detail);
}
