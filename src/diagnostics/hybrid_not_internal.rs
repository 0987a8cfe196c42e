//! `hybrid-not-internal`: see [`META`] for what it checks, why it matters and the fix.

use crate::diagnostics::{Ctx, Meta};
use crate::microsoft::attributed_connection;
use crate::model::{Finding, FindingId, Owner, Severity};

pub(crate) const META: Meta = Meta {
    id: FindingId::HybridNotInternal,
    severity: Severity::Low,
    owner: Owner::SendingOrg,
    what: "The message entered the sending tenant from on-premises over the hybrid connector \
          (`X-MS-Exchange-CrossTenant-FromEntityHeader: HybridOnPrem`), but Exchange Online authenticated it as \
          `Anonymous` (`X-MS-Exchange-CrossTenant-AuthAs`) and there is no `X-CrossPremisesHeadersPromoted`.",
    why: "Exchange Online then treats on-premises mail as coming from outside: it is filtered and spoof-checked \
         like internet mail, organisation headers are not carried across, and sender resolution differs. The \
         Exchange Team Blog (\"Demystifying and troubleshooting hybrid mail flow: when is a message internal?\") \
         explains that on-premises mail counts as internal only when the inbound connector recognises the \
         on-premises server, typically by its TLS certificate. Both header meanings are observed, not documented, \
         so the finding says \"likely\".",
    fix: "Make the Exchange Online inbound connector of type OnPremises identify the on-premises server by its \
         certificate name (`TlsSenderCertificateName`), and enable `CloudServicesMailEnabled` on the on-premises \
         send connector to Office 365.",
};

pub(crate) fn check(ctx: &Ctx<'_>, acc: &mut Vec<Finding>) {
    let ms = ctx.microsoft;
    let Some(entity) = ms
        .header("X-MS-Exchange-CrossTenant-FromEntityHeader")
        .filter(|f| f.value.trim().eq_ignore_ascii_case("HybridOnPrem"))
    else {
        return;
    };
    let Some(auth_as) = ms
        .header("X-MS-Exchange-CrossTenant-AuthAs")
        .filter(|f| f.value.trim().eq_ignore_ascii_case("Anonymous"))
    else {
        return;
    };
    if ctx.field("X-CrossPremisesHeadersPromoted").is_some() {
        return;
    }
    let helo = ms
        .header("X-MS-Exchange-CrossTenant-OriginalAttributedTenantConnectingIp")
        .and_then(|f| attributed_connection(&f.value).1.map(str::to_string))
        .or_else(|| ms.report.as_ref().and_then(|r| r.helo.clone()));
    let org = ms.header("X-OriginatorOrg").map(|f| f.value.trim().to_string());
    let tenant =
        org.as_deref().map(|o| format!("the {o} tenant")).unwrap_or_else(|| "the tenant".to_string());
    let server = helo
        .as_deref()
        .map(|h| format!("the on-premises server ({h})"))
        .unwrap_or_else(|| "the on-premises server".to_string());
    let cert_name = helo.as_deref().unwrap_or("<on-premises certificate name>");
    // A public CA certifies only public names: an internal HELO name (`EXCH01.contoso.local`) cannot be the
    // connector's certificate name, and a connector set to it would refuse the on-premises mail.
    let cert_name = if crate::domain::classify(cert_name).is_routable() {
        cert_name
    } else {
        "<on-premises certificate name>"
    };
    META.finding(
        "Exchange Online likely did not treat this on-premises message as internal".to_string(),
        format!(
            "The message entered {tenant} from on-premises over the hybrid connector (FromEntityHeader: \
             HybridOnPrem), but Exchange Online authenticated the connection from {server} as Anonymous \
             (CrossTenant-AuthAs) and did not promote the cross-premises headers. It was likely handled as \
             external mail: filtered and spoof-checked like internet mail, without the organisation headers \
             on-premises Exchange added."
        ),
    )
    .likely()
    .evidence([ctx.ms_evidence(entity), ctx.ms_evidence(auth_as)])
    .fix(format!("Make {tenant}'s inbound connector recognise {server} by its certificate"))
    .steps([
        "In Exchange Online, check the inbound connector from on-premises: it should be of type OnPremises and identify the server by the name on its TLS certificate (TlsSenderCertificateName), not only by IP address.".to_string(),
        format!("Confirm that {cert_name} is the subject or a SAN of the certificate the on-premises send connector presents; use that name in the connector."),
        "On-premises, enable CloudServicesMailEnabled on the send connector to Office 365 so organisation headers travel as CrossPremises headers (the Hybrid Configuration Wizard sets both).".to_string(),
    ])
    .commands([
        "Get-InboundConnector | Format-List Name,ConnectorType,SenderIPAddresses,TlsSenderCertificateName,RequireTls".to_string(),
        format!("Set-InboundConnector -Identity \"<inbound connector from on-premises>\" -ConnectorType OnPremises -TlsSenderCertificateName \"{cert_name}\" -RequireTls $true"),
        "Set-SendConnector -Identity \"<send connector to Office 365>\" -CloudServicesMailEnabled $true".to_string(),
    ])
    .verify(["A new message from on-premises shows X-MS-Exchange-CrossTenant-AuthAs: Internal and X-CrossPremisesHeadersPromoted."])
    .alternatives(["Re-run the Hybrid Configuration Wizard, which creates both connectors with these settings."])
    .references([
        "Demystifying and troubleshooting hybrid mail flow: when is a message internal? (Exchange Team Blog)",
        "Set-InboundConnector",
        "Set-SendConnector (CloudServicesMailEnabled)",
    ])
    .push(acc);
}

#[cfg(test)]
mod tests {
    use crate::diagnostics::test_support::{analyze, with_id};

    const ANONYMOUS: &str = "X-OriginatorOrg: example.com\n\
        X-MS-Exchange-CrossTenant-OriginalAttributedTenantConnectingIp: TenantId=00000000-0000-0000-0000-000000000001;Ip=[203.0.113.10];Helo=[mail.example.com]\n\
        X-MS-Exchange-CrossTenant-FromEntityHeader: HybridOnPrem\n\
        X-MS-Exchange-CrossTenant-AuthAs: Anonymous\n";

    #[test]
    fn fires_when_hybrid_mail_is_anonymous() {
        let report = analyze(ANONYMOUS);
        let found = with_id(&report, super::META.id);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].evidence[0].text, "HybridOnPrem");
        assert_eq!(found[0].evidence[1].text, "Anonymous");
        assert!(found[0].detail.contains("mail.example.com"));
        assert!(
            found[0].fix.as_ref().unwrap().commands[1]
                .contains("-TlsSenderCertificateName \"mail.example.com\"")
        );
    }

    #[test]
    fn an_internal_helo_name_is_never_offered_as_the_certificate_name() {
        let report = analyze(&ANONYMOUS.replace("Helo=[mail.example.com]", "Helo=[EXCH01.corp.local]"));
        let found = with_id(&report, super::META.id);
        assert_eq!(found.len(), 1);
        assert!(found[0].detail.contains("EXCH01.corp.local"), "{}", found[0].detail);
        let fix = found[0].fix.as_ref().unwrap();
        assert!(
            fix.commands[1].contains("-TlsSenderCertificateName \"<on-premises certificate name>\""),
            "{}",
            fix.commands[1]
        );
        assert!(!format!("{:?}{:?}", fix.commands, fix.steps).contains("corp.local"));
    }

    #[test]
    fn quiet_when_internal_or_promoted() {
        let internal = analyze(&ANONYMOUS.replace("AuthAs: Anonymous", "AuthAs: Internal"));
        assert!(with_id(&internal, super::META.id).is_empty());
        let promoted = analyze(&format!("{ANONYMOUS}X-CrossPremisesHeadersPromoted: EX1.example.com\n"));
        assert!(with_id(&promoted, super::META.id).is_empty());
        let hosted = analyze(&ANONYMOUS.replace("HybridOnPrem", "Hosted"));
        assert!(with_id(&hosted, super::META.id).is_empty());
    }
}
