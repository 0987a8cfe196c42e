//! `hop-no-tls`: see [`META`] for what it checks, why it matters and the fix.

use crate::catalog::{Text, msg};
use crate::diagnostics::hop_facts::{
    by_name, hop_evidence, is_eop_ingress, is_exchange_stamp, is_internal_ip, is_loopback, is_microsoft_host,
    org_of,
};
use crate::diagnostics::{Ctx, Meta};
use crate::model::{Confidence, Finding, Fix, Hop, Severity};
use crate::model::{FindingId, Owner};

pub(crate) const META: Meta = Meta {
    id: FindingId::HopNoTls,
    severity: Severity::Medium,
    owner: Owner::SendingOrg,
    what: "A hop whose stamp shows no TLS where TLS would be expected: an Exchange stamp (`with Microsoft SMTP \
          Server`) without `(version=…, cipher=…)`, or a `with SMTP` / `ESMTP` / `ESMTPA` stamp without any TLS \
          detail. Hops from loopback, hops without a sender (local pickup), local delivery (LMTP) and Exchange 2003's \
          IIS SMTP stamps (`Microsoft SMTPSVC`, which never record TLS) are skipped. \
          Severity: Medium from on-premises into Exchange Online Protection and between organisations; Low for \
          internal hops (private address, or both hosts in one organisation).",
    why: "Exchange writes the TLS version and cipher into every stamp it received over TLS, so their absence is \
         direct evidence of plain text. Other servers follow RFC 3848: `ESMTPS` for TLS, `ESMTP` without, so \
         for them the finding says \"likely\". Unencrypted mail can be read or altered on the way, and with \
         `ESMTPA` the login itself travelled in clear.",
    fix: "Make the sending host use STARTTLS (and the receiving host offer it); for on-premises Exchange to \
         Exchange Online, require TLS on both connectors.",
};

/// Protocols that, written without an `S`, mean plain SMTP (RFC 3848).
const PLAIN_PROTOCOLS: &[&str] = &["SMTP", "ESMTP", "ESMTPA", "UTF8SMTP", "UTF8SMTPA"];

#[derive(PartialEq)]
enum Link {
    Internal,
    OnPremToEop,
    BetweenOrganisations,
}

/// STARTTLS for SMTP was published in January 1999 (RFC 2487): older stamps cannot be expected to show it.
const STARTTLS_EPOCH: f64 = 915_148_800.0;

pub(crate) fn check(ctx: &Ctx<'_>, acc: &mut Vec<Finding>) {
    let mut found: Vec<crate::diagnostics::meta::FindingBuilder> = Vec::new();
    let mut worst: Option<(Severity, usize)> = None;
    for hop in ctx.hops {
        if !reader_can_change(ctx, hop) {
            continue;
        }
        // IIS SMTP (Exchange 2003, `Microsoft SMTPSVC`) never records TLS, so its stamps cannot tell.
        if crate::words::contains_ignore_case(&hop.raw, "smtpsvc") {
            continue;
        }
        let exchange = is_exchange_stamp(hop);
        let with = hop.with.as_deref().unwrap_or("").to_ascii_uppercase();
        if !(exchange || PLAIN_PROTOCOLS.contains(&with.as_str())) || hop.shows_tls() {
            continue;
        }
        let Some(from) = hop.from.clone().or_else(|| hop.from_ip.map(|ip| ip.to_string())) else { continue };
        if hop.from_ip.is_some_and(is_loopback) || from.eq_ignore_ascii_case("localhost") {
            continue;
        }
        let by = by_name(hop);
        let link = if hop.by.as_deref().is_some_and(is_eop_ingress) && from_on_premises(ctx, hop) {
            Link::OnPremToEop
        } else if hop.from_ip.is_some_and(is_internal_ip)
            || hop.by.as_deref().is_some_and(|b| org_of(&from) == org_of(b))
        {
            Link::Internal
        } else {
            Link::BetweenOrganisations
        };
        let severity = if link == Link::Internal { Severity::Low } else { Severity::Medium };
        let where_ = match link {
            Link::Internal => msg!("hop-no-tls.inside-org"),
            Link::OnPremToEop => msg!("hop-no-tls.onprem-to-eop"),
            Link::BetweenOrganisations => msg!("hop-no-tls.between-orgs"),
        };
        let (confidence, title, why) = if exchange {
            (
                Confidence::Certain,
                msg!("hop-no-tls.title", index = hop.index, from, by),
                msg!("hop-no-tls.why-exchange"),
            )
        } else {
            (
                Confidence::Likely,
                msg!("hop-no-tls.title-likely", index = hop.index, from, by),
                msg!(
                    "hop-no-tls.why-stamp",
                    with = hop.with.as_deref().unwrap_or(""),
                    tls_with = if with.ends_with("SMTPA") { "ESMTPSA" } else { "ESMTPS" }
                ),
            )
        };
        let mut detail: Text = msg!("hop-no-tls.detail", why, from, by, where_).into();
        if with == "ESMTPA" || with == "UTF8SMTPA" {
            detail.push(msg!("hop-no-tls.authenticated"));
        }
        let needle = if exchange { Some("Microsoft SMTP Server") } else { hop.with.as_deref() };
        if worst.is_none_or(|(s, _)| severity > s) {
            worst = Some((severity, found.len()));
        }
        found.push(
            META.finding(title, detail)
                .severity(severity)
                .confidence(confidence)
                .owner(if ctx.route.role_of(hop.index).is_some_and(|r| r.is_receiver_side()) {
                    Owner::ReceivingOrg
                } else {
                    Owner::SendingOrg
                })
                .evidence(hop_evidence(ctx, hop, needle))
                .with_fix(fix(hop, &from, &by, &link)),
        );
    }
    // One finding per message: the worst hop, with the count of the others in its detail.
    let others = found.len().saturating_sub(1);
    if let Some((_, i)) = worst {
        let chosen = found.swap_remove(i);
        let chosen = if others > 0 {
            chosen.append_detail(if others == 1 {
                msg!("hop-no-tls.one-other")
            } else {
                msg!("hop-no-tls.others", others)
            })
        } else {
            chosen
        };
        chosen.push(acc);
    }
}

/// Only hops the reader's organisation can change: received by the sending or the receiving organisation's own
/// servers (or handed by them to their provider), never by a shared provider's servers, a forwarder, a list or a
/// relay, never the sender's part of a message that likely impersonates someone, never before STARTTLS existed,
/// and never at services whose stamps never record TLS (Amazon SES, SendGrid).
fn reader_can_change(ctx: &Ctx<'_>, hop: &Hop) -> bool {
    use crate::route::{Direction, Role};
    let route = ctx.route;
    if hop.epoch.is_some_and(|e| e < STARTTLS_EPOCH)
        || route.hop(hop.index).is_some_and(|h| !h.transit || h.to_itself)
    {
        return false;
    }
    let silent =
        |host: Option<&str>| host.and_then(crate::net::provider_of_host).is_some_and(|p| !p.records_tls);
    if silent(hop.by.as_deref()) || silent(hop.from.as_deref()) || silent(hop.from_rdns.as_deref()) {
        return false;
    }
    let Some(domain) = route.domain_of(hop.index) else { return true };
    let here = route.hop(hop.index);
    // The reader: the receiving organisation for mail it received, the sender for its own outbound or internal
    // mail, and for mail that took the sender's hybrid path (app → on-premises Exchange → Exchange Online), which
    // is what its administrators paste.
    let reader_sends =
        matches!(route.direction, Direction::Outbound | Direction::Internal | Direction::Unknown)
            || ctx.envelope.path.hybrid;
    if reader_sends {
        if route.impersonation.is_some() {
            return false;
        }
        let own_server_before = route
            .hops
            .iter()
            .rev()
            .find(|x| x.hop < hop.index && x.transit)
            .and_then(|x| x.domain)
            .and_then(|d| route.domains.get(d))
            .is_some_and(|d| d.role == Role::SendingOrg && d.provider.is_none());
        return match domain.role {
            Role::SendingOrg => domain.provider.is_none(),
            // Into a provider from the organisation's own servers (on-premises into Exchange Online).
            Role::SendingProvider => own_server_before && here.is_some_and(|h| h.crosses),
            _ => false,
        };
    }
    // Inbound: hops inside the receiving organisation's own servers, after the boundary (the boundary hop is the
    // sender's connection: whether it used STARTTLS was the sender's choice, and so is a later stamp of a
    // connection from a host of another organisation).
    let from_outside = hop
        .from_rdns
        .as_deref()
        .or(hop.from.as_deref())
        .and_then(crate::auth::receiver::site)
        .is_some_and(|s| s != domain.name);
    domain.role.is_receiver_side()
        && domain.provider.is_none()
        && !from_outside
        && route.boundary_hop.is_some_and(|b| hop.index > b)
}

/// The hop into Exchange Online Protection comes from the sender's own on-premises servers: the envelope
/// module's path says hybrid and this is its Exchange Online ingress hop, or the tenant's filter stamp is
/// outbound (`DIR:OUT`).
fn from_on_premises(ctx: &Ctx<'_>, hop: &Hop) -> bool {
    let path = &ctx.envelope.path;
    let hybrid_ingress = path.hybrid && path.exo_ingress.as_ref().is_some_and(|s| s.hop == hop.index);
    let outbound = ctx
        .microsoft
        .report
        .as_ref()
        .is_some_and(|r| r.dir.as_deref().is_some_and(|d| d.eq_ignore_ascii_case("OUT")));
    hybrid_ingress || outbound
}

fn fix(hop: &Hop, from: &str, by: &Text, link: &Link) -> Fix {
    if *link == Link::OnPremToEop {
        return Fix {
            summary: msg!("hop-no-tls.fix-onprem", from).into(),
            steps: vec![
                msg!("hop-no-tls.step-send-connector").into(),
                msg!("hop-no-tls.step-inbound-connector").into(),
            ],
            commands: vec![
                "Set-SendConnector -Identity \"<send connector to Office 365>\" -RequireTLS $true -TlsAuthLevel DomainValidation -TlsDomain mail.protection.outlook.com".into(),
                "Set-InboundConnector -Identity \"<inbound connector from on-premises>\" -RequireTls $true".into(),
            ],
            verify: vec![msg!("hop-no-tls.verify-stamp", by).into()],
            references: vec!["Set-SendConnector".to_string(), "Set-InboundConnector".to_string()],
            ..Fix::default()
        };
    }
    if hop.by.as_deref().is_some_and(is_microsoft_host) {
        return Fix {
            summary: msg!("hop-no-tls.fix-sender", from).into(),
            steps: vec![
                msg!("hop-no-tls.step-sender-starttls", from).into(),
                msg!("hop-no-tls.step-partner-connector").into(),
            ],
            verify: vec![msg!("hop-no-tls.verify-stamp", by).into()],
            references: vec!["RFC 3207 (STARTTLS)".to_string(), "Set-InboundConnector".to_string()],
            ..Fix::default()
        };
    }
    let exchange_receiver = is_exchange_stamp(hop);
    let mut steps = vec![msg!("hop-no-tls.step-starttls", from, by)];
    let mut commands = Vec::new();
    // Commands need the server's name: none when the hop does not name it.
    let host = hop.by.as_deref();
    if exchange_receiver {
        steps.push(msg!("hop-no-tls.step-receive-connector", by));
        if let Some(host) = host {
            commands.push(format!(
                "Get-ReceiveConnector -Server {} | Format-List Name,Bindings,RemoteIPRanges,AuthMechanism,Fqdn",
                host.split('.').next().unwrap_or(host)
            ));
        }
    } else {
        steps.push(msg!("hop-no-tls.step-postfix", from, by));
        if let Some(host) = host {
            commands.push(format!("openssl s_client -starttls smtp -connect {host}:25 -brief"));
        }
    }
    Fix {
        summary: msg!("hop-no-tls.fix", from, by).into(),
        steps: steps.into_iter().map(Into::into).collect(),
        commands: commands.into_iter().map(Into::into).collect(),
        verify: vec![msg!("hop-no-tls.verify-stamp-any", by).into()],
        references: vec!["RFC 3207 (STARTTLS)".to_string(), "RFC 3848 (ESMTPS/ESMTPSA)".to_string()],
        ..Fix::default()
    }
}

#[cfg(test)]
mod tests {
    use crate::diagnostics::test_support::{analyze, with_id};
    use crate::model::{Confidence, Severity};

    #[test]
    fn exchange_hop_without_version_is_one_finding_medium_into_eop() {
        let report = analyze(
            "X-MS-Exchange-CrossTenant-FromEntityHeader: HybridOnPrem\n\
             Received: from mail.example.com (203.0.113.10) by DB5PEPF00014B9A.mail.protection.outlook.com (10.167.8.41) with Microsoft SMTP Server id 15.20.7587.21 via Frontend Transport; Tue, 14 May 2024 09:02:11 +0000\n\
             Received: from APPSRV01.example.local (10.20.1.15) by EXCH01.example.local (10.20.1.10) with Microsoft SMTP Server id 15.2.1544.4 via Frontend Transport; Tue, 14 May 2024 11:02:10 +0200\n",
        );
        assert_eq!(report.route.direction, crate::route::Direction::Outbound);
        // One finding per message: the worst hop (on-premises into Exchange Online), the other counted.
        let found = with_id(&report, super::META.id);
        assert_eq!(found.len(), 1);
        let eop = found[0];
        assert_eq!(eop.severity, Severity::Medium);
        assert_eq!(eop.confidence, Confidence::Certain);
        assert!(eop.title.contains("mail.example.com"), "{}", eop.title);
        assert_eq!(eop.evidence[0].text, "Microsoft SMTP Server");
        assert!(eop.detail.contains("1 other hop of the same organisations"), "{}", eop.detail);
        assert!(eop.fix.as_ref().unwrap().commands[0].contains("-RequireTLS $true"));
    }

    #[test]
    fn an_internet_senders_plain_connection_is_not_the_recipients_to_fix() {
        let report = analyze(
            "Received: from ylmf-pc (198.51.100.23) by BN2PEPF000044A1.mail.protection.outlook.com (10.167.243.152) with Microsoft SMTP Server id 15.20.7633.15 via Frontend Transport; Mon, 3 Jun 2024 17:44:07 +0000\n",
        );
        assert_eq!(report.route.boundary_hop, Some(1), "the hop is understood as the boundary");
        assert!(with_id(&report, super::META.id).is_empty());
    }

    #[test]
    fn plain_esmtp_inside_the_receiving_organisation_is_likely() {
        let report = analyze(
            "Received: from mx.example.com (mx.example.com [203.0.113.4]) by store.example.com (Postfix) with ESMTP id 4B; Wed, 29 Oct 2025 10:24:27 +0000\n\
             Received: from out.example.org (out.example.org [198.51.100.3]) by mx.example.com (Postfix) with ESMTP id 4A; Wed, 29 Oct 2025 10:24:26 +0000\n",
        );
        let found = with_id(&report, super::META.id);
        assert_eq!(found.len(), 1, "only the receiving organisation's own hop, not the sender's connection");
        assert_eq!(found[0].severity, Severity::Low);
        assert_eq!(found[0].confidence, Confidence::Likely);
        assert!(found[0].title.starts_with("Hop 2 (mx.example.com"), "{}", found[0].title);
        assert_eq!(found[0].evidence[0].text, "ESMTP");
        assert_eq!(
            found[0].fix.as_ref().unwrap().commands[0],
            "openssl s_client -starttls smtp -connect store.example.com:25 -brief"
        );
    }

    #[test]
    fn quiet_with_tls_loopback_or_local_delivery() {
        let report = analyze(
            "Received: from mx1.example.com (mx1.example.com [192.0.2.10]) by store.example.com (Postfix) with LMTP id 7A; Thu, 4 Apr 2024 08:41:25 +0000\n\
             Received: from localhost (localhost [127.0.0.1]) by mx1.example.com (Postfix) with ESMTP id 5B; Thu, 4 Apr 2024 08:41:24 +0000\n\
             Received: from out.example.org (out.example.org [198.51.100.3]) (using TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits)) by mx1.example.com (Postfix) with ESMTPS id 4A; Thu, 4 Apr 2024 08:41:23 +0000\n\
             Received: from old.example.org ([198.51.100.9]) by mail.example.org with Microsoft SMTPSVC(6.0.3790.4675); Thu, 4 Apr 2024 08:41:22 +0000\n\
             Received: from EXCH01.example.local (10.20.1.10) by DB5PEPF00014B9A.mail.protection.outlook.com (10.167.8.41) with Microsoft SMTP Server (version=TLS1_2, cipher=TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384) id 15.20.7587.21 via Frontend Transport; Thu, 4 Apr 2024 08:41:22 +0000\n",
        );
        assert!(with_id(&report, super::META.id).is_empty(), "{:#?}", with_id(&report, super::META.id));
    }
}
