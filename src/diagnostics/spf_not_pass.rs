//! `spf-not-pass`: see [`META`] for what it checks, why it matters and the fix.

use crate::catalog::{Text, msg};
use crate::diagnostics::{Ctx, Meta};
use crate::domain;
use crate::model::{Evidence, Finding, FindingId, Owner, Severity};

pub(crate) const META: Meta = Meta {
    id: FindingId::SpfNotPass,
    severity: Severity::Medium,
    owner: Owner::SendingOrg,
    what: "The trusted receiver's SPF result (its Authentication-Results `spf=`, else its Received-SPF) is `none`, \
          `softfail`, `fail`, `permerror` or `temperror`.",
    why: "SPF (RFC 7208) tells the receiver whether the sending IP may send for the envelope domain. Without a pass, \
         DMARC must rely on DKIM alone, and many receivers score `softfail`/`fail` as spam. `permerror` means the \
         domain's SPF record itself is broken (syntax, two records, more than 10 DNS lookups), so it fails everywhere.",
    fix: "Add the sending IP to the SPF record of the envelope domain (`none`, `softfail`, `fail`), repair the record \
         (`permerror`), or check that the domain's DNS servers answer (`temperror`). When the server that handed \
         the message to the receiver belongs to another named organisation than the envelope domain's (no shared \
         provider), the envelope domain's owner may not be behind the message: the finding is low and likely, the \
         fix applies only if that owner sends through the other organisation, and that organisation's \
         administrators are told which submission to look up in their log. When the address checked is the receiving \
         organisation's own (its gateway or on-premises servers in front of Exchange Online Protection, or a \
         filtering service such as Trend Micro, Mimecast or SpamExperts in front of its mailbox host), the fix is \
         the receiver's: Enhanced Filtering for Connectors (skip listing) on the inbound connector, or trusting the \
         gateway; nothing changes at the sender.",
};

/// The SPF results this finding fires on.
pub(crate) const NOT_PASS: &[&str] = &["none", "softfail", "fail", "permerror", "temperror"];

pub(crate) fn check(ctx: &Ctx<'_>, acc: &mut Vec<Finding>) {
    let a = ctx.authentication;
    let Some(spf) = a.trusted_spf_result() else { return };
    if !NOT_PASS.contains(&spf.result.as_str()) {
        return;
    }
    let receiver = a.receiver_name();
    let result = spf.result.as_str();
    // The domain SPF was checked for: the envelope sender the receiver names, else the Return-Path, else (for
    // the null sender, RFC 7208 §2.4) the HELO name.
    let envelope = a
        .envelope_sender()
        .or_else(|| ctx.summary.return_path.first().map(|rp| rp.address.clone().unwrap_or_default()));
    let helo = a
        .trusted_methods("spf")
        .find_map(|(_, m)| m.spf_helo().map(str::to_string))
        .or_else(|| a.trusted_spf().find_map(|s| s.record.helo.clone()));
    let envelope_domain = envelope.as_deref().and_then(domain::domain_of);
    let null_sender = envelope_domain.is_none();
    let checked = envelope_domain.or_else(|| helo.clone());
    let named = checked.is_some();
    let domain_t: Text = match &checked {
        Some(d) => d.into(),
        None => msg!("spf-not-pass.unnamed-domain").into(),
    };
    let domain = checked.unwrap_or_default();
    // Else the address of the hop the route says SPF was about (receivers that write their results below the
    // Received fields leave the authentication reader without an entry hop).
    let ip = a.sending_ip(ctx.hops).or_else(|| {
        let hop = ctx.route.spf_hop?;
        ctx.hops
            .iter()
            .find(|h| h.index == hop)?
            .from_ip
            .filter(|ip| !crate::net::is_internal_ip(*ip))
            .map(|ip| ip.to_string())
    });
    let ip_text: Text = match &ip {
        Some(i) => i.into(),
        None => msg!("spf-not-pass.sending-ip").into(),
    };
    let mechanism = match ip.as_deref().and_then(|i| i.parse::<std::net::IpAddr>().ok()) {
        Some(std::net::IpAddr::V6(v6)) => format!("ip6:{v6}"),
        Some(std::net::IpAddr::V4(v4)) => format!("ip4:{v4}"),
        None => "ip4:<sending IP>".to_string(),
    };
    let whose = if !named {
        msg!("spf-not-pass.unnamed-sender")
    } else if null_sender && helo.is_some() {
        msg!("spf-not-pass.whose-helo", domain = domain_t)
    } else {
        msg!("spf-not-pass.whose-envelope", domain = domain_t)
    };
    let meaning = match result {
        "none" => msg!("spf-not-pass.meaning-none", domain = domain_t, ip_text),
        "softfail" => msg!("spf-not-pass.meaning-softfail", domain = domain_t, ip_text),
        "fail" => msg!("spf-not-pass.meaning-fail", domain = domain_t, ip_text),
        "permerror" => msg!("spf-not-pass.meaning-permerror", domain = domain_t),
        _ => msg!("spf-not-pass.meaning-temperror", domain = domain_t),
    };
    let (summary, steps) = match result {
        "none" => (
            msg!("spf-not-pass.fix-publish", domain = domain_t, ip_text),
            vec![msg!("spf-not-pass.step-add-txt", domain = domain_t, mechanism)],
        ),
        "softfail" | "fail" => (
            msg!("spf-not-pass.fix-add-ip", ip_text, domain = domain_t),
            vec![
                msg!("spf-not-pass.step-edit-txt", domain = domain_t, mechanism, ip_text),
                msg!("spf-not-pass.step-not-ours", ip_text, domain = domain_t),
            ],
        ),
        "permerror" => (
            msg!("spf-not-pass.fix-repair", domain = domain_t),
            vec![msg!("spf-not-pass.step-one-record", domain = domain_t), msg!("spf-not-pass.step-lookups")],
        ),
        _ => (
            msg!("spf-not-pass.fix-dns", domain = domain_t),
            vec![msg!("spf-not-pass.step-query", domain = domain_t)],
        ),
    };
    let evidence: Vec<Evidence> = vec![ctx.evidence_at(&ctx.headers[spf.header_index], spf.span)];
    let route = ctx.route;
    let ip_addr = ip.as_deref().and_then(crate::net::parse_ip_text);
    // A shared provider's server named by the SPF hop (its reverse DNS or HELO name) is the provider's even when
    // the address is not in a range we know (anonymised samples): never an `ip4:` of it.
    let hop_provider = ctx
        .route
        .spf_hop
        .and_then(|h| ctx.hops.iter().find(|x| x.index == h))
        .and_then(|h| h.from_rdns.as_deref().or(h.from.as_deref()))
        .and_then(crate::net::provider_of_host);
    let provider = ip_addr.and_then(crate::net::provider_of_ip).or(hop_provider);
    let routable = named && crate::domain::classify(&domain).is_routable();
    let foreign = named
        && (crate::net::is_consumer_mailbox_domain(&domain)
            || crate::net::provider_of_host(&domain).is_some()
            || crate::net::is_microsoft_host(&domain));
    // The organisation whose server handed the message to the receiver, when it is plainly not the envelope
    // domain's: a named domain of the sending side (no shared provider), whose organizational domain differs.
    let other_org = other_organisation(ctx, &domain)
        .filter(|_| named && routable && !foreign && provider.is_none())
        .filter(|_| matches!(result, "none" | "softfail" | "fail"));
    let builder = META
        .finding(
            if named {
                msg!("spf-not-pass.title", result, receiver, domain = domain_t)
            } else {
                msg!("spf-not-pass.title-no-domain", result, receiver)
            },
            msg!("spf-not-pass.detail", receiver, whose, result, meaning),
        )
        .evidence(evidence);
    let builder = if let Some(hop) = route.eop_behind_gateway {
        builder
            .severity(Severity::Medium)
            .owner(Owner::ReceivingOrg)
            .append_detail(msg!("spf-not-pass.detail-gateway", hop, domain = domain_t))
            .fix(msg!("spf-not-pass.fix-enhanced-filtering"))
            .steps([msg!("spf-not-pass.step-enhanced-filtering"), msg!("spf-not-pass.step-eop-then")])
            .references(["Microsoft Learn: Enhanced Filtering for Connectors in Exchange Online"])
    } else if let Some(gateway) = receiving_gateway(ctx) {
        // Another receiver than Exchange Online behind the organisation's own filtering gateway.
        builder
            .severity(Severity::Low)
            .owner(Owner::ReceivingOrg)
            .likely()
            .append_detail(msg!(
                "spf-not-pass.detail-receiver-gateway",
                gateway = gateway.clone(),
                domain = domain_t.clone()
            ))
            .fix(msg!("spf-not-pass.fix-receiver-gateway", receiver = receiver.clone()))
            .steps([msg!("spf-not-pass.step-receiver-gateway", receiver, gateway)])
    } else if route.forwarding.as_ref().is_some_and(|f| !f.srs) {
        builder
            .severity(Severity::Low)
            .owner(Owner::Intermediary)
            .append_detail(msg!("spf-not-pass.detail-forwarded"))
    } else if route.redistributed() {
        builder
            .severity(Severity::Info)
            .owner(Owner::Nobody)
            .append_detail(msg!("spf-not-pass.detail-redistributed"))
    } else if route.impersonation.as_ref().is_some_and(|i| i.spoofed) {
        builder
            .owner(Owner::ReceivingOrg)
            .likely()
            .append_detail(msg!("spf-not-pass.detail-impersonation", domain = domain_t))
    } else if !named {
        // No domain to name: a DNS record or command for it would be a placeholder an admin cannot run.
        builder
            .fix(msg!("spf-not-pass.fix-find-sender"))
            .steps([msg!("spf-not-pass.step-read-log"), msg!("spf-not-pass.step-own-domain")])
            .references(["RFC 7208 §2.6 Results of evaluation"])
    } else if named && !routable {
        builder
            .fix(msg!("spf-not-pass.fix-non-routable", domain = domain_t))
            .steps([msg!("spf-not-pass.step-non-routable", domain = domain_t)])
            .references(["RFC 7208 §2.6 Results of evaluation"])
    } else if let Some(other) = &other_org {
        let org = other.org.as_str();
        let host: Text = other
            .host
            .as_deref()
            .map(Text::raw)
            .unwrap_or_else(|| msg!("spf-not-pass.sending-server").into());
        let submitted: Option<Text> = other.submission.as_ref().map(|(hop, from)| match from {
            Some(ip) => msg!("spf-not-pass.submitted-from", hop = *hop, ip).into(),
            None => msg!("spf-not-pass.submitted", hop = *hop).into(),
        });
        let mut steps = steps;
        steps.push(msg!(
            "spf-not-pass.step-other-org",
            domain = domain_t,
            org,
            host = host.clone(),
            submitted
        ));
        builder
            .severity(Severity::Low)
            .likely()
            .append_detail(msg!("spf-not-pass.detail-other-org", domain = domain_t, org, host))
            .fix(msg!("spf-not-pass.fix-other-org", domain = domain_t, org))
            .steps(steps)
            .commands([format!("dig +short TXT {domain}")])
            .references(["RFC 7208 §2.6 Results of evaluation"])
    } else if foreign {
        builder
            .owner(Owner::SendingOrg)
            .fix(msg!("spf-not-pass.fix-consumer", domain = domain_t))
            .steps([msg!("spf-not-pass.step-consumer", domain = domain_t)])
            .references(["RFC 7208 §2.6 Results of evaluation"])
    } else {
        let (summary, steps) = match (result, provider) {
            ("none" | "softfail" | "fail", Some(p)) => (
                msg!("spf-not-pass.fix-provider", name = p.name, domain = domain_t),
                vec![match p.spf_include {
                    Some(include) => msg!(
                        "spf-not-pass.step-provider-include",
                        ip_text,
                        name = p.name,
                        include,
                        domain = domain_t
                    ),
                    None => {
                        msg!("spf-not-pass.step-provider-documented", ip_text, name = p.name, name_ = p.name)
                    }
                }],
            ),
            _ => (summary, steps),
        };
        builder
            .fix(summary)
            .steps(steps)
            .commands([format!("dig +short TXT {domain}")])
            .verify([msg!("spf-not-pass.verify", domain = domain_t)])
            .references(["RFC 7208 §2.6 Results of evaluation"])
    };
    builder.push(acc);
}

/// The receiving organisation's own gateway (a filtering service in front of its mailboxes), when it is the server
/// whose address the receiver checked SPF for: the domain that received the hop before the SPF hop is on the
/// receiving side.
fn receiving_gateway(ctx: &Ctx<'_>) -> Option<String> {
    let route = ctx.route;
    let spf_hop = route.spf_hop?;
    let d = route.domain_of(spf_hop.checked_sub(1)?)?;
    (d.role == crate::route::Role::ReceivingGateway
        && route.domain_of(spf_hop).is_some_and(|r| r.role == crate::route::Role::ReceivingOrg))
    .then(|| d.name.clone())
}

/// The organisation of the server that handed the message to the receiver, when the route names one that is not
/// the envelope domain's (see [`other_organisation`]).
struct OtherOrg {
    /// Its organizational domain.
    org: String,
    /// The sending server's name as the receiver recorded it.
    host: Option<String>,
    /// The authenticated submission hop into it, with the submitting client's address when recorded.
    submission: Option<(usize, Option<String>)>,
}

/// The sending-side organisation that handed the message to the receiver (the domain of the hop before the
/// boundary), when it is a named, public domain of no shared provider and `envelope_domain` is outside it.
fn other_organisation(ctx: &Ctx<'_>, envelope_domain: &str) -> Option<OtherOrg> {
    let route = ctx.route;
    let boundary = route.boundary_hop?;
    let sender = route.domain_of(boundary.checked_sub(1)?)?;
    if sender.role != crate::route::Role::SendingOrg || sender.provider.is_some() || sender.unnamed {
        return None;
    }
    let org = sender.name.to_ascii_lowercase();
    if !org.contains('.') || !domain::classify(&org).is_routable() {
        return None;
    }
    let envelope_org = domain::organizational_domain(envelope_domain)?;
    if envelope_org.eq_ignore_ascii_case(&org) {
        return None;
    }
    let hop = ctx.hops.iter().find(|h| h.index == boundary);
    let host = hop.and_then(|h| h.from.clone().or_else(|| h.from_rdns.clone()));
    let submission = route.submission_hop.filter(|s| sender.hops.contains(s)).map(|s| {
        let ip = ctx.hops.iter().find(|h| h.index == s).and_then(|h| h.from_ip).map(|ip| ip.to_string());
        (s, ip)
    });
    Some(OtherOrg { org, host, submission })
}

#[cfg(test)]
mod tests {
    use crate::diagnostics::test_support::{analyze, with_id};

    #[test]
    fn fires_on_softfail_with_the_ip_filled_in() {
        let report = analyze(
            "Authentication-Results: mx.example.org; spf=softfail (sender IP is 198.51.100.23) smtp.mailfrom=news@example.com\n\
             Received: from out.example.com (out.example.com [198.51.100.23]) by mx.example.org (Postfix) with ESMTPS id 1; Mon, 8 Jan 2024 10:00:05 +0000\n",
        );
        let found = with_id(&report, super::META.id);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].title, "SPF softfail at mx.example.org for example.com");
        assert_eq!(found[0].evidence[0].text, "spf=softfail");
        let fix = found[0].fix.as_ref().expect("fix");
        assert_eq!(fix.summary, "Add the sending IP 198.51.100.23 to the SPF record of example.com");
        assert!(fix.steps[0].contains("ip4:198.51.100.23"));
    }

    #[test]
    fn falls_back_to_received_spf() {
        let report = analyze(
            "Received-SPF: none (mx.example.org: example.net does not designate permitted sender hosts) client-ip=2001:db8::5; envelope-from=a@example.net; receiver=mx.example.org\n\
             Received: from out.example.net (out.example.net [2001:db8::5]) by mx.example.org (Postfix) with ESMTPS id 1; Mon, 8 Jan 2024 10:00:05 +0000\n",
        );
        let found = with_id(&report, super::META.id);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].evidence[0].text, "none");
        assert!(
            found[0].fix.as_ref().is_some_and(|f| f.steps[0].contains("\"v=spf1 ip6:2001:db8::5 -all\""))
        );
    }

    #[test]
    fn null_sender_uses_the_helo_name_and_return_path_fills_a_gap() {
        let helo = analyze(
            "Authentication-Results: spf=softfail (sender IP is 198.51.100.8) smtp.helo=mail.example.net; dmarc=none action=none header.from=;\n\
             Received: from mail.example.net (198.51.100.8) by AM4PEPF00027A5F.mail.protection.outlook.com (10.167.16.73) with Microsoft SMTP Server id 15.20.7181.13 via Frontend Transport; Mon, 8 Jan 2024 10:00:05 +0000\n\
             Return-Path: <>\n",
        );
        let f = with_id(&helo, super::META.id)[0];
        assert_eq!(f.title, "SPF softfail at Microsoft 365 for mail.example.net");
        assert!(f.detail.contains("the HELO name mail.example.net (the envelope sender is empty"));
        let rp = analyze(
            "Return-Path: <news@example.com>\n\
             Received-SPF: None (mx.example.org: example.com does not designate permitted sender hosts)\n\
             Received: from out.example.com (out.example.com [198.51.100.23]) by mx.example.org (Postfix) with ESMTPS id 1; Mon, 8 Jan 2024 10:00:05 +0000\n",
        );
        assert_eq!(with_id(&rp, super::META.id)[0].title, "SPF none at mx.example.org for example.com");
    }

    #[test]
    fn without_a_named_domain_no_dns_record_or_command_for_a_placeholder() {
        let report = analyze(
            "Authentication-Results: mx.example.org; spf=none; dkim=none\n\
             Received: from out.example.com (out.example.com [198.51.100.23]) by mx.example.org (Postfix) with ESMTPS id 1; Mon, 8 Jan 2024 10:00:05 +0000\n\
             From: news@example.com\n",
        );
        let found = with_id(&report, super::META.id);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].title, "SPF none at mx.example.org");
        let fix = found[0].fix.as_ref().expect("fix");
        assert!(fix.summary.starts_with("Find the envelope sender first"), "{}", fix.summary);
        assert!(fix.commands.is_empty(), "{:?}", fix.commands);
        let all = format!("{} {:?} {:?}", fix.summary, fix.steps, fix.verify);
        assert!(!all.contains("not named in these headers)"), "{all}");
        assert!(!all.contains("TXT record at"), "{all}");
    }

    /// Inbound mail through the receiving organisation's own servers into Exchange Online: the receiving
    /// organisation's connector is the fix, never the sender's SPF record.
    #[test]
    fn behind_the_receivers_own_servers_the_fix_is_enhanced_filtering() {
        for fixture in [
            include_str!("../../tests/fixtures/route/hybrid-inbound-through-onprem.eml"),
            include_str!("../../tests/fixtures/route/trend-micro-gateway.eml"),
        ] {
            let report = analyze(fixture);
            let f = with_id(&report, super::META.id)[0];
            assert_eq!(f.owner, crate::model::Owner::ReceivingOrg);
            let fix = f.fix.as_ref().expect("fix");
            assert!(fix.summary.contains("Enhanced Filtering"), "{}", fix.summary);
            let all = format!("{} {:?} {:?}", fix.summary, fix.steps, fix.commands);
            assert!(!all.contains("ip4:") && !all.contains("SPF record of example.net"), "{all}");
            assert!(f.detail.contains("nothing in example.net's DNS needs to change"), "{}", f.detail);
            assert!(with_id(&report, crate::model::FindingId::ForwardedWithoutSrs).is_empty());
        }
    }

    /// Another receiver behind the organisation's filtering service (SpamExperts): it is told to trust its
    /// gateway; no SRS advice for the gateway and no SPF edit at the sender.
    #[test]
    fn behind_a_filtering_service_the_receiver_trusts_its_gateway() {
        let report = analyze(
            "Authentication-Results: mx.example.org; spf=softfail (mx.example.org: 203.0.113.60 is neither permitted nor denied by domain of news@example.net) smtp.mailfrom=news@example.net; dkim=pass header.d=example.net\n\
             Received: from out15-200.antispamcloud.com (out15-200.antispamcloud.com [203.0.113.60]) by mx.example.org (Postfix) with ESMTPS id 4XyZ; Mon, 8 Jan 2024 10:00:05 +0000\n\
             Received: from out.example.net ([198.51.100.7]) by mx303.antispamcloud.com with esmtps (Exim 4.92) id 1sx; Mon, 8 Jan 2024 10:00:03 +0000\n\
             From: news@example.net\nTo: staff@example.org\n",
        );
        let f = with_id(&report, super::META.id)[0];
        assert_eq!(f.owner, crate::model::Owner::ReceivingOrg);
        assert_eq!(f.severity, crate::model::Severity::Low);
        assert!(f.detail.contains("SpamExperts, the filtering gateway"), "{}", f.detail);
        let fix = f.fix.as_ref().expect("fix");
        assert!(fix.summary.starts_with("Have mx.example.org trust"), "{}", fix.summary);
        assert!(fix.commands.is_empty());
        assert!(with_id(&report, crate::model::FindingId::ForwardedWithoutSrs).is_empty());
    }

    #[test]
    fn quiet_on_pass() {
        let report = analyze(
            "Authentication-Results: mx.example.org; spf=pass smtp.mailfrom=news@example.com\n\
             Received: from out.example.com (out.example.com [198.51.100.23]) by mx.example.org (Postfix) with ESMTPS id 1; Mon, 8 Jan 2024 10:00:05 +0000\n\
             Authentication-Results: mx.example.org; spf=fail smtp.mailfrom=news@example.com\n",
        );
        assert!(with_id(&report, super::META.id).is_empty());
    }
}
