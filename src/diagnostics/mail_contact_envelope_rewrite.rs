//! `mail-contact-envelope-rewrite`: the headline diagnosis.
//!
//! See [`META`] for what it checks, why it matters and the fix.

use crate::diagnostics::hybrid_path::step_evidence;
use crate::diagnostics::return_path_case_odd::return_path_oddities;
use crate::diagnostics::return_path_non_routable::{return_path_evidence, sub_span, verbatim_evidence};
use crate::diagnostics::{Ctx, Meta};
use crate::envelope::case;
use crate::model::{Confidence, Finding, FindingId, Fix, Owner, Severity};

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
        (format!("*@{internal_domain}"), format!("an address in `{internal_domain}`"))
    } else {
        let local = rp.local_part.to_ascii_lowercase();
        (format!("*:{local}@*"), format!("the local part `{local}` (any domain, any case)"))
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
    let mut detail = format!("The Return-Path is `{rp_addr}`, but the visible sender is `{from_addr}`. ");
    if non_routable {
        detail.push_str(&format!(
            "`{}` is not a public Internet domain ({}), so SPF returns none, DMARC cannot use SPF, bounces can never \
             come back, and Microsoft 365 {} such mail through its relay or high-risk delivery pools. ",
            rp.domain,
            rp.domain_class.reason,
            if path.hybrid { "relays" } else { "would relay" }
        ));
    }
    let case_ranges = case::merge_ranges(oddities.iter().flat_map(|o| o.ranges.iter().copied()).collect());
    let case_note: Vec<&str> = case_ranges.iter().filter_map(|&(s, e)| rp_addr.get(s..e)).collect();
    if !oddities.is_empty() {
        detail.push_str(&format!(
            "The Return-Path's capitalisation (`{}`) differs from the From address, the mark of an address copied \
             verbatim from a directory entry. ",
            case_note.join("`, `")
        ));
    }
    let exo = path
        .exo_ingress
        .as_ref()
        .and_then(|s| s.by.clone())
        .map(|b| format!("`{b}`"))
        .unwrap_or_else(|| "Exchange Online".to_string());
    match &path.onprem {
        Some(step) => {
            let host = step.by.as_deref().unwrap_or("on-prem Exchange");
            let version = ctx
                .hops
                .iter()
                .find(|h| h.index == step.hop)
                .and_then(|h| h.id.as_deref())
                .and_then(|id| {
                    crate::envelope::path::exchange_release(id).map(|r| format!(", {r} build {id}"))
                })
                .unwrap_or_default();
            let app = path
                .app_host
                .as_deref()
                .map(|a| format!(", received from `{a}` in hop {}", step.hop))
                .unwrap_or_else(|| format!(", hop {}", step.hop));
            let onward = if path.hybrid { format!(" before Exchange Online ({exo})") } else { String::new() };
            detail.push_str(&format!(
                "This message passed through on-prem Exchange (`{host}`{version}{app}){onward}: this pattern means \
                 Exchange resolved the sender to a directory object (typically a Mail Contact) whose reply (primary \
                 SMTP) address is `{rp_addr}`, and used that address as the envelope sender.{}",
                if path.hybrid { " Exchange Online does not rewrite it." } else { "" }
            ));
        }
        None => {
            let shown: Vec<String> =
                path.signals.iter().map(|s| format!("{}: {}", s.header, s.value)).collect();
            detail.push_str(&format!(
                "The Received lines of the on-prem part are not visible, but the headers show the message came from \
                 on-prem Exchange ({}): this likely means Exchange resolved the sender to a directory object \
                 (typically a Mail Contact) whose reply (primary SMTP) address is `{rp_addr}`, and used it as the \
                 envelope sender.",
                if shown.is_empty() { "its path into Exchange Online".to_string() } else { shown.join("; ") }
            ));
        }
    }
    if path.externally_secured {
        detail.push_str(
            " The app relayed through a receive connector set to Externally Secured (AuthAs Internal, AuthMechanism \
             10), which is what makes Exchange resolve the sender against the directory.",
        );
    }

    detail.push_str(&format!(
        " To confirm the cause first, compare ReturnPath in the RECEIVE and SEND events of Get-MessageTrackingLog. Also \
         enable DKIM for `{from_domain}` in Exchange Online so DMARC passes."
    ));

    let mx_host = format!("{}.mail.protection.outlook.com", from_domain.replace('.', "-"));
    let tracking = format!(
        "Get-MessageTrackingLog -Start (Get-Date).AddHours(-24) -Sender \"{from_addr}\" | Select-Object Timestamp,EventId,Source,ConnectorId,Sender,ReturnPath,Recipients,Directionality"
    );
    let fix = Fix {
        summary: format!(
            "Make `{from_addr}` the primary SMTP address of the directory object that holds `{rp_addr}` (on-prem Exchange Management Shell)"
        ),
        steps: vec![
            format!(
                "Confirm where the rewrite happens (decisive): run the message-tracking command below on an on-prem \
                 Exchange server and compare ReturnPath in the RECEIVE event (Source SMTP, from the app) with the SEND \
                 event on the hybrid send connector (\"Outbound to Office 365\"). `{from_addr}` at RECEIVE and \
                 `{rp_addr}` at SEND means Exchange rewrote it and this fix applies; `{rp_addr}` already at RECEIVE \
                 means the application itself is configured with it: change the app's sender instead."
            ),
            format!(
                "Find every object that could be used: list recipients with {search_words}, and \
                 check that `{from_addr}` belongs to exactly one object (usually a MailContact)."
            ),
            format!(
                "Make the public address the primary (reply) address with the intended capitalisation, and turn off \
                 the email address policy for the object so the policy cannot put `{internal_domain}` back. The command \
                 identifies the object by its current primary address `{rp_addr}`; use its Name if you prefer. If the \
                 object is a mail user or mailbox instead of a contact, use Set-MailUser / Set-RemoteMailbox / \
                 Set-Mailbox with the same parameters."
            ),
            "Leave ExternalEmailAddress pointing where mail to the app must go, unless that target is obsolete. Do not \
             set ExternalEmailAddress to the public address if that address is also the object's own proxy in an \
             authoritative accepted domain (contact chain / loop)."
                .to_string(),
            "Wait for Active Directory replication and Exchange's directory caches (some minutes; a transport service \
             restart in a maintenance window forces it); if the object is synchronised to Entra ID, re-check it after \
             the next sync."
                .to_string(),
            format!(
                "If Get-MailContact already shows `{from_addr}` as primary, the rewrite came from another object or an \
                 earlier state: search every recipient type for both addresses and re-run the tracking comparison."
            ),
        ],
        commands: vec![
            tracking.clone(),
            format!(
                "Get-Recipient -ResultSize Unlimited | Where-Object {{ $_.EmailAddresses -like \"{search_pattern}\" }} | Format-Table Name,RecipientTypeDetails,PrimarySmtpAddress"
            ),
            format!("Get-Recipient \"{from_addr}\" | Format-List Name,RecipientTypeDetails,PrimarySmtpAddress,EmailAddresses"),
            format!(
                "Get-MailContact \"{rp_addr}\" | Format-List Name,Alias,ExternalEmailAddress,PrimarySmtpAddress,WindowsEmailAddress,EmailAddresses,EmailAddressPolicyEnabled"
            ),
            format!("Set-MailContact \"{rp_addr}\" -EmailAddressPolicyEnabled $false -PrimarySmtpAddress \"{from_addr}\""),
        ],
        verify: vec![
            format!(
                "Get-MailContact \"{from_addr}\" | Format-List PrimarySmtpAddress,WindowsEmailAddress,ExternalEmailAddress,EmailAddresses,EmailAddressPolicyEnabled"
            ),
            format!("{tracking}  # the SEND event's ReturnPath must now be {from_addr}"),
            format!(
                "Send a new test message to an external mailbox and compare it with this one: paste its headers into \
                 \"Compare with another message\" (command line: `headerlens compare before.eml after.eml`). The Return-Path must be \
                 `{from_addr}`, SPF must pass for `{from_domain}`, DMARC must pass, X-MS-Exchange-AntiSpam-Relay must be \
                 0, and the egress IP must not be in 40.95.0.0/16."
            ),
            "In the Exchange admin center (Exchange Online), Reports > Mail flow > Non-accepted domain should no longer \
             list this sender."
                .to_string(),
        ],
        alternatives: vec![
            format!(
                "Use a real mailbox instead of a contact: a shared or (hybrid) remote mailbox whose primary address is \
                 `{from_addr}`, with the app authenticating (SMTP AUTH to smtp.office365.com:587, or Microsoft Graph \
                 sendMail). Cleanest identity; SPF and DKIM align; needs credentials or modern auth."
            ),
            format!(
                "Relay the app straight to Exchange Online: an inbound connector (by IP or certificate) and the app \
                 sending to `{mx_host}` on port 25. This bypasses on-prem sender resolution; add the app's public IP to \
                 the SPF record of `{from_domain}`."
            ),
            "Use a dedicated on-prem receive connector with the Anonymous permission method instead of Externally \
             Secured (ExternalAuthoritative): the sender is then not resolved against the directory, so it is not \
             rewritten (the message is no longer treated as internal)."
                .to_string(),
            format!(
                "In any case, enable DKIM for `{from_domain}` in Exchange Online (`New-DkimSigningConfig -DomainName \
                 {from_domain} -Enabled $false`, publish the selector1/selector2 CNAME records it shows, then \
                 `Set-DkimSigningConfig -Identity {from_domain} -Enabled $true`) so DMARC passes through an aligned DKIM signature even when the envelope sender is wrong; it does not fix the \
                 relay pool or the lost bounces."
            ),
            "If an email address policy stamped the internal address, fix the policy's primary template \
             (`Get-EmailAddressPolicy | Format-List Name,EnabledPrimarySMTPAddressTemplate,RecipientFilter`) to \
             prevent recurrence for policy-managed objects."
                .to_string(),
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
        "a non-routable internal address"
    } else {
        "an oddly capitalised directory address"
    };
    META.finding(
        format!(
            "Envelope sender `{rp_addr}` is {what} (likely a Mail Contact's primary SMTP address, rewritten by on-prem Exchange)"
        ),
        detail,
    )
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
        assert!(fix.commands.contains(
            &"Set-MailContact \"invoice.ROBOT@AcmeCorp.local\" -EmailAddressPolicyEnabled $false -PrimarySmtpAddress \"Invoice.Robot@example.org\"".to_string()
        ));
        assert!(fix.commands.iter().any(|c| c.contains("-like \"*@acmecorp.local\"")));
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
