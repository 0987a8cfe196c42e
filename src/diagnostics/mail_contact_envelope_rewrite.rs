//! `mail-contact-envelope-rewrite`: the headline diagnosis.
//!
//! See [`META`] for what it checks, why it matters and the fix.

use crate::catalog::msg;
use crate::diagnostics::hybrid_path::step_evidence;
use crate::diagnostics::return_path_case_odd::return_path_oddities;
use crate::diagnostics::return_path_non_routable::{return_path_evidence, sub_span, verbatim_evidence};
use crate::diagnostics::{Ctx, Meta};
use crate::envelope::case;
use crate::model::{Confidence, Finding, FindingId, Fix, Owner, Severity, Text};

pub(crate) const META: Meta = Meta {
    id: FindingId::MailContactEnvelopeRewrite,
    severity: Severity::High,
    owner: Owner::SendingOrg,
    what: "The path shows on-prem Exchange before Exchange Online (a `with Microsoft SMTP Server` hop on a \
          non-Microsoft host followed by `*.mail.protection.outlook.com`; or \
          `X-MS-Exchange-CrossTenant-FromEntityHeader: HybridOnPrem`; or `AuthAs: Internal` with \
          `AuthMechanism: 10`), the From address is a routable address, and the Return-Path is non-routable, \
          or oddly capitalised with the same local part as From.",
    why: "On-prem Exchange resolves the sender of relayed mail against Active Directory and, when it finds a \
         directory object (typically a Mail Contact) holding the From address as a secondary proxy, uses that \
         object's primary SMTP (\"reply\") address as the envelope sender, verbatim as stored (hence the odd \
         case). Exchange Online does not rewrite it. SPF then fails or returns none, DMARC cannot align \
         through SPF, Microsoft 365 relays the mail through its relay pool, and bounces never come back.",
    fix: "In the on-prem Exchange Management Shell, make the From address the object's primary SMTP address: \
         `Set-MailContact \"<contact>\" -EmailAddressPolicyEnabled $false -PrimarySmtpAddress \"<From>\"`, after \
         confirming the rewrite with message tracking (RECEIVE vs SEND `ReturnPath`). Alternatives: a real \
         mailbox, relaying straight to Exchange Online, an anonymous relay connector, custom-domain DKIM.",
};

/// True when the headline diagnosis applies to this message (other envelope findings refer to it then).
pub(crate) fn applies(ctx: &Ctx<'_>) -> bool {
    let env = ctx.envelope;
    let path = &env.path;
    let (Some(rp), Some(from)) = (env.return_path.as_ref(), env.from.as_ref()) else { return false };
    if !(path.hybrid || path.externally_secured)
        || !from.domain_class.is_routable()
        || rp.bounce_token.is_some()
    {
        return false;
    }
    if rp.address == from.address {
        return false;
    }
    let same_local = rp.local_part.eq_ignore_ascii_case(&from.local_part);
    !rp.domain_class.is_routable() || (same_local && !return_path_oddities(ctx).is_empty())
}

pub(crate) fn check(ctx: &Ctx<'_>, acc: &mut Vec<Finding>) {
    if !applies(ctx) {
        return;
    }
    let env = ctx.envelope;
    let path = &env.path;
    let (Some(rp), Some(from)) = (env.return_path.as_ref(), env.from.as_ref()) else { return };
    let non_routable = !rp.domain_class.is_routable();
    let oddities = return_path_oddities(ctx);
    let confidence = if path.onprem_visible { Confidence::Certain } else { Confidence::Likely };
    let rp_addr = rp.address.as_str();
    let from_addr = from.address.as_str();
    let from_domain = from.domain.to_ascii_lowercase();
    let internal_domain = rp.domain_class.normalized.clone();
    let internal_domain =
        if internal_domain.is_empty() { rp.domain.to_ascii_lowercase() } else { internal_domain };
    // Which addresses to search the directory for: every address in the internal domain, or, when the
    // Return-Path is in a public domain and only its case is odd, every address with that local part.
    let (search_pattern, search_words) = if non_routable {
        (format!("*@{internal_domain}"), msg!("mail-contact-envelope-rewrite.search-domain", internal_domain))
    } else {
        let local = rp.local_part.to_ascii_lowercase();
        (format!("*:{local}@*"), msg!("mail-contact-envelope-rewrite.search-local", local))
    };

    // Evidence: the Return-Path with its odd parts marked, the From, the path.
    let mut evidence = Vec::new();
    if let Some(mut ev) = return_path_evidence(ctx) {
        let domain_start = rp.address.len() - rp.domain.len();
        let mut ranges: Vec<(usize, usize)> =
            oddities.iter().flat_map(|o| o.ranges.iter().copied()).collect();
        if non_routable && !rp.domain.is_empty() {
            ranges.push((domain_start, rp.address.len()));
        }
        let merged = case::merge_ranges(ranges);
        ev.highlights = merged.iter().filter_map(|&(s, e)| sub_span(&ev, &rp.address, s, e)).collect();
        evidence.push(ev);
    }
    if let Some(field) = ctx.field("From") {
        evidence.push(ctx.evidence_for(field, from_addr));
    }
    if let Some(step) = &path.onprem
        && let Some(ev) = step_evidence(ctx, step, step.by.as_deref())
    {
        evidence.push(ev);
    }
    if let Some(step) = &path.exo_ingress
        && let Some(ev) = step_evidence(ctx, step, step.by.as_deref())
    {
        evidence.push(ev);
    }
    for signal in &path.signals {
        if let Some(field) = ctx.field(&signal.header) {
            evidence.push(verbatim_evidence(ctx, field));
        }
    }

    // Detail: what happened, why, and what it breaks, filled in from the message.
    let mut detail: Text = msg!("mail-contact-envelope-rewrite.detail-addresses", rp_addr, from_addr).into();
    if non_routable {
        let relays = if path.hybrid {
            msg!("mail-contact-envelope-rewrite.relays")
        } else {
            msg!("mail-contact-envelope-rewrite.would-relay")
        };
        detail.push(msg!(
            "mail-contact-envelope-rewrite.detail-non-routable",
            domain = &rp.domain,
            reason = &rp.domain_class.reason,
            relays
        ));
    }
    let case_ranges = case::merge_ranges(oddities.iter().flat_map(|o| o.ranges.iter().copied()).collect());
    let case_note: Vec<&str> = case_ranges.iter().filter_map(|&(s, e)| rp_addr.get(s..e)).collect();
    if !oddities.is_empty() {
        detail.push(msg!("mail-contact-envelope-rewrite.detail-case", parts = case_note.join("`, `")));
    }
    let exo = path.exo_ingress.as_ref().and_then(|s| s.by.clone()).map(|b| format!("`{b}`"));
    match &path.onprem {
        Some(step) => {
            let host: Text = match step.by.as_deref() {
                Some(by) => by.into(),
                None => msg!("mail-contact-envelope-rewrite.onprem-exchange").into(),
            };
            let version =
                ctx.hops.iter().find(|h| h.index == step.hop).and_then(|h| h.id.as_deref()).and_then(|id| {
                    crate::envelope::path::exchange_release(id)
                        .map(|release| msg!("mail-contact-envelope-rewrite.build", release, id))
                });
            let hop = step.hop;
            let app = match path.app_host.as_deref() {
                Some(app) => msg!("mail-contact-envelope-rewrite.received-from", app, hop),
                None => msg!("mail-contact-envelope-rewrite.at-hop", hop),
            };
            let onward = path.hybrid.then(|| {
                let exo: Text = exo.clone().unwrap_or_else(|| "Exchange Online".to_string()).into();
                msg!("mail-contact-envelope-rewrite.before-exo", exo)
            });
            let no_rewrite = path.hybrid.then(|| msg!("mail-contact-envelope-rewrite.exo-does-not-rewrite"));
            detail.push(msg!(
                "mail-contact-envelope-rewrite.detail-onprem",
                host,
                version,
                app,
                onward,
                rp_addr,
                no_rewrite
            ));
        }
        None => {
            let shown: Vec<String> =
                path.signals.iter().map(|s| format!("{}: {}", s.header, s.value)).collect();
            let signals: Text = if shown.is_empty() {
                msg!("mail-contact-envelope-rewrite.its-path-into-exo").into()
            } else {
                Text::join_clauses(&shown)
            };
            detail.push(msg!("mail-contact-envelope-rewrite.detail-onprem-hidden", signals, rp_addr));
        }
    }
    if path.externally_secured {
        detail.push(msg!("mail-contact-envelope-rewrite.detail-externally-secured"));
    }
    detail.push(msg!("mail-contact-envelope-rewrite.detail-confirm"));

    let mx_host = format!("{}.mail.protection.outlook.com", from_domain.replace('.', "-"));
    // Every transport server's log: Get-MessageTrackingLog alone searches the server it runs on.
    let tracking = format!(
        "Get-TransportService | Get-MessageTrackingLog -Start (Get-Date).AddHours(-24) -Sender \"{from_addr}\" -ResultSize Unlimited | Select-Object Timestamp,EventId,Source,ConnectorId,Sender,ReturnPath,Recipients,Directionality"
    );
    let fix = Fix {
        summary: msg!("mail-contact-envelope-rewrite.fix", from_addr, rp_addr).into(),
        steps: vec![
            msg!("mail-contact-envelope-rewrite.step-confirm", from_addr, rp_addr).into(),
            msg!("mail-contact-envelope-rewrite.step-find", search_words, from_addr).into(),
            msg!("mail-contact-envelope-rewrite.step-primary", internal_domain, rp_addr).into(),
            msg!("mail-contact-envelope-rewrite.step-external-address").into(),
            msg!("mail-contact-envelope-rewrite.step-wait").into(),
            msg!("mail-contact-envelope-rewrite.step-already-primary", from_addr).into(),
        ],
        commands: vec![
            tracking.clone().into(),
            format!(
                "Get-Recipient -ResultSize Unlimited | Where-Object {{ $_.EmailAddresses -like \"{search_pattern}\" }} | Format-Table Name,RecipientTypeDetails,PrimarySmtpAddress"
            ).into(),
            format!("Get-Recipient \"{from_addr}\" | Format-List Name,RecipientTypeDetails,PrimarySmtpAddress,EmailAddresses").into(),
            format!(
                "Get-MailContact \"{rp_addr}\" | Format-List Name,Alias,ExternalEmailAddress,PrimarySmtpAddress,WindowsEmailAddress,EmailAddresses,EmailAddressPolicyEnabled"
            ).into(),
            format!("Set-MailContact \"{rp_addr}\" -EmailAddressPolicyEnabled $false -PrimarySmtpAddress \"{from_addr}\"").into(),
        ],
        verify: vec![
            format!(
                "Get-MailContact \"{from_addr}\" | Format-List PrimarySmtpAddress,WindowsEmailAddress,ExternalEmailAddress,EmailAddresses,EmailAddressPolicyEnabled"
            ).into(),
            msg!("mail-contact-envelope-rewrite.verify-tracking", tracking, from_addr).into(),
            msg!("mail-contact-envelope-rewrite.verify-compare", from_addr, from_domain).into(),
            msg!("mail-contact-envelope-rewrite.verify-eac").into(),
        ],
        alternatives: vec![
            msg!("mail-contact-envelope-rewrite.alt-mailbox", from_addr).into(),
            msg!("mail-contact-envelope-rewrite.alt-direct", mx_host, from_domain).into(),
            msg!("mail-contact-envelope-rewrite.alt-anonymous").into(),
            msg!("mail-contact-envelope-rewrite.alt-dkim", from_domain).into(),
            msg!("mail-contact-envelope-rewrite.alt-policy").into(),
        ],
        references: vec![
            "Set-MailContact (Exchange PowerShell)".to_string(),
            "Recipient resolution in Exchange Server".to_string(),
            "Allow anonymous relay on Exchange servers".to_string(),
            "Message tracking (Exchange Server)".to_string(),
            "Outbound delivery pools (Exchange Online Protection)".to_string(),
            "How to set up a multifunction device or application to send email using Microsoft 365 or Office 365".to_string(),
            "How to use DKIM for email in your custom domain (Microsoft 365)".to_string(),
        ],
    };
    let what = if non_routable {
        msg!("mail-contact-envelope-rewrite.what-non-routable")
    } else {
        msg!("mail-contact-envelope-rewrite.what-odd-case")
    };
    META.finding(msg!("mail-contact-envelope-rewrite.title", rp_addr, what), detail)
        .confidence(confidence)
        .evidence(evidence)
        .with_fix(fix)
        .push(acc);
}

#[cfg(test)]
mod tests {
    use crate::diagnostics::test_support::{analyze, with_id};
    use crate::model::Confidence;

    const BROKEN: &str = "Received: from EXCH01.acmecorp.local (203.0.113.25) by AM4PEPF00027A5C.mail.protection.outlook.com (10.167.16.1) with Microsoft SMTP Server (version=TLS1_2, cipher=TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384) id 15.20.8207.9 via Frontend Transport; Mon, 6 Jan 2025 09:15:02 +0000\n\
Received: from APPSRV01.acmecorp.local (10.20.1.15) by EXCH01.acmecorp.local (10.20.1.10) with Microsoft SMTP Server id 15.2.1544.14 via Frontend Transport; Mon, 6 Jan 2025 10:15:00 +0100\n\
Return-Path: <invoice.ROBOT@AcmeCorp.local>\n\
From: Invoice Robot <Invoice.Robot@example.org>\n";

    #[test]
    fn fires_with_the_real_addresses_filled_in() {
        let report = analyze(BROKEN);
        let found = with_id(&report, super::META.id);
        assert_eq!(found.len(), 1, "{:#?}", report.envelope.path);
        let f = found[0];
        assert_eq!(f.confidence, Confidence::Certain);
        let fix = f.fix.as_ref().unwrap();
        assert!(fix.commands.iter().any(|c| c
            == "Set-MailContact \"invoice.ROBOT@AcmeCorp.local\" -EmailAddressPolicyEnabled $false -PrimarySmtpAddress \"Invoice.Robot@example.org\""));
        assert!(fix.commands.iter().any(|c| c.contains("-like \"*@acmecorp.local\"")));
        // Message tracking on every transport server, not only the one the shell runs on.
        assert!(
            fix.commands.iter().any(|c| c.starts_with(
                "Get-TransportService | Get-MessageTrackingLog -Start (Get-Date).AddHours(-24) -Sender \"Invoice.Robot@example.org\""
            )),
            "{:#?}",
            fix.commands
        );
        assert!(
            f.detail.contains("EXCH01.acmecorp.local") && f.detail.contains("AM4PEPF00027A5C"),
            "{}",
            f.detail
        );
        let marked: Vec<&str> = f.evidence[0].highlights.iter().map(|h| &BROKEN[h.0..h.1]).collect();
        assert_eq!(marked, ["i", "ROBOT", "AcmeCorp.local"]);
    }

    #[test]
    fn likely_when_only_the_header_shows_the_on_prem_origin() {
        let text = "Return-Path: <invoice.ROBOT@AcmeCorp.local>\nFrom: Invoice.Robot@example.org\n\
                    X-MS-Exchange-CrossTenant-FromEntityHeader: HybridOnPrem\n";
        let report = analyze(text);
        let found = with_id(&report, super::META.id);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].confidence, Confidence::Likely);
        assert!(found[0].detail.contains("likely"));
    }

    #[test]
    fn quiet_without_exchange_or_with_a_good_envelope() {
        let no_exchange = "Return-Path: <root@host.corp.lan>\nFrom: root@host.corp.lan\n";
        assert!(with_id(&analyze(no_exchange), super::META.id).is_empty());
        let fixed = BROKEN.replace("invoice.ROBOT@AcmeCorp.local", "Invoice.Robot@example.org");
        assert!(with_id(&analyze(&fixed), super::META.id).is_empty());
    }

    #[test]
    fn case_only_rewrite_searches_by_local_part() {
        let text = BROKEN.replace("invoice.ROBOT@AcmeCorp.local", "invoice.ROBOT@example.org");
        let report = analyze(&text);
        let found = with_id(&report, super::META.id);
        assert_eq!(found.len(), 1);
        assert!(found[0].title.contains("oddly capitalised"), "{}", found[0].title);
        let commands = &found[0].fix.as_ref().unwrap().commands;
        assert!(commands.iter().any(|c| c.contains("-like \"*:invoice.robot@*\"")), "{commands:#?}");
        assert!(!found[0].detail.contains("not a public Internet domain"));
        // A different mailbox in the same public domain is not this pattern.
        let other = BROKEN.replace("invoice.ROBOT@AcmeCorp.local", "Billing.TEAM@example.org");
        assert!(with_id(&analyze(&other), super::META.id).is_empty());
    }
}
