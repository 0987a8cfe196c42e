//! `eop-filter-bypassed`: see [`META`] for what it checks, why it matters and the fix.

use crate::catalog::{Text, msg};
use crate::diagnostics::{Ctx, Meta};
use crate::model::{Finding, FindingId, Owner, Severity};

pub(crate) const META: Meta = Meta {
    id: FindingId::EopFilterBypassed,
    severity: Severity::Low,
    owner: Owner::ReceivingOrg,
    what: "The recipient-side Microsoft 365 verdict shows that spam filtering was skipped: `SFV:SKN` (marked \
          non-spam before filtering, typically a mail flow rule that sets SCL -1), `SFV:SKA` (allowed sender or \
          domain in the anti-spam policy), `SFV:SFE` (the recipient's Safe Senders), `IPV:CAL` (the connecting \
          IP is on the IP Allow List, also seen for tenant inbound connectors), or SCL -1 on inbound mail (not with \
          `SFV:SKI`: mail inside one organisation, which is never filtered, even when the report says `DIR:INB`). \
          Low on inbound mail, Info otherwise (internal mail normally has SCL -1).",
    why: "A bypassed message was not judged, so a spoofed or malicious message matching the same rule gets \
         through too, and other problems in this report (failed authentication) did not count against it.",
    fix: "Find the rule or allow entry that matched and narrow it (a sender domain plus an authentication \
         condition, or a specific connector) or remove it.",
};

pub(crate) fn check(ctx: &Ctx<'_>, acc: &mut Vec<Finding>) {
    let ms = ctx.microsoft;
    let Some(report) = ms.report.as_ref() else { return };
    let sfv = report.sfv.as_deref().map(str::to_ascii_uppercase);
    let inbound = match report.dir.as_deref() {
        Some(d) => d.eq_ignore_ascii_case("INB"),
        None => ms
            .header("X-MS-Exchange-Organization-MessageDirectionality")
            .is_some_and(|f| f.value.trim().eq_ignore_ascii_case("Incoming")),
    };
    let mut reasons = Vec::new();
    let mut evidence = Vec::new();
    let mut commands = Vec::new();
    if let Some(v) = sfv.as_deref().filter(|v| matches!(*v, "SKN" | "SKA" | "SFE")) {
        if let Some(f) = ms.entry(report, "SFV") {
            evidence.push(ctx.ms_evidence(f));
        }
        let (why, command) = match v {
            "SKN" => (
                msg!("eop-filter-bypassed.reason-skn"),
                "Get-TransportRule | Where-Object { $_.SetSCL -eq -1 } | Format-List Name,Priority,State,Conditions,SenderDomainIs,SenderIpRanges",
            ),
            "SKA" => (
                msg!("eop-filter-bypassed.reason-ska"),
                "Get-HostedContentFilterPolicy | Format-List Name,AllowedSenders,AllowedSenderDomains",
            ),
            _ => (
                msg!("eop-filter-bypassed.reason-sfe"),
                "Get-MailboxJunkEmailConfiguration -Identity \"<recipient>\" | Format-List TrustedSendersAndDomains",
            ),
        };
        reasons.push(why);
        commands.push(command.to_string());
    }
    if report.ipv.as_deref().is_some_and(|v| v.eq_ignore_ascii_case("CAL")) {
        if let Some(f) = ms.entry(report, "IPV") {
            evidence.push(ctx.ms_evidence(f));
        }
        let ip = report.cip.as_deref().map(|ip| format!(" {ip}")).unwrap_or_default();
        reasons.push(msg!("eop-filter-bypassed.reason-cal", ip));
        commands.push("Get-HostedConnectionFilterPolicy | Format-List Name,IPAllowList".to_string());
        commands.push("Get-InboundConnector | Format-List Name,ConnectorType,SenderIPAddresses,TlsSenderCertificateName".to_string());
    }
    // SFV:SKI: a message inside one organisation, which Exchange Online does not filter; its SCL -1 is that, not a
    // rule or an allow entry.
    let intra_org = sfv.as_deref() == Some("SKI");
    if report.scl == Some(-1) && inbound && !intra_org && reasons.is_empty() {
        if let Some(f) = ms.entry(report, "SCL").or_else(|| ms.header("X-MS-Exchange-Organization-SCL")) {
            evidence.push(ctx.ms_evidence(f));
        }
        reasons.push(msg!("eop-filter-bypassed.reason-scl"));
        commands.push(
            "Get-TransportRule | Where-Object { $_.SetSCL -eq -1 } | Format-List Name,Priority,State,Conditions".to_string(),
        );
    }
    if reasons.is_empty() {
        return;
    }
    let severity = if inbound { Severity::Low } else { Severity::Info };
    let from: Text = ctx
        .summary
        .from
        .first()
        .and_then(|m| m.address.clone())
        .map(Text::raw)
        .unwrap_or_else(|| msg!("eop-filter-bypassed.the-sender").into());
    META.finding(
        if inbound {
            msg!("eop-filter-bypassed.title-inbound", from)
        } else {
            msg!("eop-filter-bypassed.title", from)
        },
        msg!("eop-filter-bypassed.detail", reasons = Text::join_clauses(reasons)),
    )
    .severity(severity)
    .evidence(evidence)
    .fix(msg!("eop-filter-bypassed.fix"))
    .steps([
        msg!("eop-filter-bypassed.step-list"),
        msg!("eop-filter-bypassed.step-narrow"),
        msg!("eop-filter-bypassed.step-prefer-tabl"),
    ])
    .commands(commands)
    .verify([msg!("eop-filter-bypassed.verify")])
    .references([
        "Anti-spam message headers in Microsoft 365",
        "Use mail flow rules to set the spam confidence level (SCL) in messages",
        "Create safe sender lists in EOP",
    ])
    .push(acc);
}

#[cfg(test)]
mod tests {
    use crate::diagnostics::test_support::{analyze, with_id};
    use crate::model::Severity;

    #[test]
    fn fires_on_a_transport_rule_bypass() {
        let text = "From: alerts@partner.example\n\
            X-MS-Exchange-Organization-SCL: -1\n\
            X-Forefront-Antispam-Report: CIP:198.51.100.7;CTRY:NL;LANG:en;SCL:-1;SRV:;IPV:NLI;SFV:SKN;H:smtp.partner.example;DIR:INB;\n";
        let report = analyze(text);
        let found = with_id(&report, super::META.id);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].severity, Severity::Low);
        assert_eq!(found[0].evidence[0].text, "SFV:SKN");
        assert!(found[0].detail.contains("mail flow (transport) rule"));
        assert!(found[0].fix.as_ref().unwrap().commands[0].contains("SetSCL -eq -1"));
    }

    #[test]
    fn ip_allow_list_names_the_ip() {
        let report =
            analyze("X-Forefront-Antispam-Report: CIP:203.0.113.9;IPV:CAL;SFV:SKN;SCL:-1;DIR:INB;\n");
        let found = with_id(&report, super::META.id);
        assert!(found[0].detail.contains("203.0.113.9"));
        assert_eq!(found[0].evidence.len(), 2);
    }

    /// Mail inside one Exchange Online tenant is not filtered (`SFV:SKI`) and gets SCL -1, even when the report
    /// says `DIR:INB`: nothing was bypassed.
    #[test]
    fn intra_organisation_mail_is_quiet() {
        let text = "From: ann@example.org\n\
            X-MS-Exchange-Organization-AuthAs: Internal\n\
            X-Forefront-Antispam-Report: SFV:SKI;SFS:;DIR:INB;SFP:;SCL:-1;SRVR:AB1PR01MB0001;H:AB1PR01MB0002.example.prod.outlook.com;\n";
        assert!(with_id(&analyze(text), super::META.id).is_empty());
        // The same SCL -1 with a skip for another reason still fires.
        let skipped = analyze(&text.replace("SFV:SKI", "SFV:SKN"));
        assert_eq!(with_id(&skipped, super::META.id).len(), 1);
    }

    #[test]
    fn internal_scl_minus_one_is_quiet_and_outbound_skn_is_info() {
        let internal = analyze(
            "X-MS-Exchange-Organization-SCL: -1\nX-MS-Exchange-Organization-MessageDirectionality: Originating\n",
        );
        assert!(with_id(&internal, super::META.id).is_empty());
        let clean = analyze("X-Forefront-Antispam-Report: CIP:203.0.113.9;IPV:NLI;SFV:NSPM;SCL:1;DIR:INB;\n");
        assert!(with_id(&clean, super::META.id).is_empty());
        let out = analyze("X-Forefront-Antispam-Report: SFV:SKN;SCL:-1;DIR:OUT;\n");
        assert_eq!(with_id(&out, super::META.id)[0].severity, Severity::Info);
    }
}
