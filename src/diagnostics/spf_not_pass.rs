//! `spf-not-pass`: see [`META`] for what it checks, why it matters and the fix.

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
         (`permerror`), or check that the domain's DNS servers answer (`temperror`).",
};

const NOT_PASS: &[&str] = &["none", "softfail", "fail", "permerror", "temperror"];

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
    let domain = checked.unwrap_or_else(|| "the envelope domain (not named in these headers)".to_string());
    let ip = a.sending_ip(ctx.hops);
    let ip_text = ip.clone().unwrap_or_else(|| "the sending server's IP".to_string());
    let mechanism = match ip.as_deref().and_then(|i| i.parse::<std::net::IpAddr>().ok()) {
        Some(std::net::IpAddr::V6(v6)) => format!("ip6:{v6}"),
        Some(std::net::IpAddr::V4(v4)) => format!("ip4:{v4}"),
        None => "ip4:<sending IP>".to_string(),
    };
    let whose = if !named {
        "the envelope sender, which these headers do not name".to_string()
    } else if null_sender && helo.is_some() {
        format!("the HELO name {domain} (the envelope sender is empty, RFC 7208 §2.4)")
    } else {
        format!("the envelope domain {domain}")
    };
    let meaning = match result {
        "none" => format!(
            "{domain} publishes no SPF record, so the receiver cannot tell whether {ip_text} may send for it"
        ),
        "softfail" => format!(
            "the SPF record of {domain} does not list {ip_text} and ends in ~all (\"probably not authorised\")"
        ),
        "fail" => format!(
            "the SPF record of {domain} does not list {ip_text} and ends in -all (\"not authorised\")"
        ),
        "permerror" => format!(
            "the SPF record of {domain} could not be evaluated: a syntax error, two SPF records, or more than 10 DNS lookups (RFC 7208 §4.6.4)"
        ),
        _ => format!("a DNS lookup for the SPF record of {domain} failed temporarily at the receiver"),
    };
    let (summary, steps) = match result {
        "none" => (
            format!("Publish an SPF record for {domain} that lists {ip_text}"),
            vec![
                format!("Add a TXT record at {domain}: \"v=spf1 {mechanism} -all\" (add include: entries for every other service that sends for {domain})."),
            ],
        ),
        "softfail" | "fail" => (
            format!("Add the sending IP {ip_text} to the SPF record of {domain}"),
            vec![
                format!("Edit the TXT record starting with v=spf1 at {domain} and add {mechanism} before the final all (or the include: of the service that owns {ip_text})."),
                format!("If {ip_text} should not send for {domain}, find who sent this message: it may be a forwarder or a spoof."),
            ],
        ),
        "permerror" => (
            format!("Repair the SPF record of {domain}"),
            vec![
                format!("Make sure {domain} has exactly one TXT record starting with v=spf1 and that it parses."),
                "Count the DNS-querying mechanisms (include, a, mx, ptr, exists, redirect): at most 10; flatten or remove includes."
                    .to_string(),
            ],
        ),
        _ => (
            format!("Check that the DNS servers of {domain} answer reliably"),
            vec![format!("Query the SPF record of {domain} from several networks; fix lame or slow name servers.")],
        ),
    };
    let evidence: Vec<Evidence> = vec![ctx.evidence_at(&ctx.headers[spf.header_index], spf.span)];
    let route = ctx.route;
    let ip_addr = ip.as_deref().and_then(crate::net::parse_ip_text);
    let provider = ip_addr.and_then(crate::net::provider_of_ip);
    let routable = named && crate::domain::classify(&domain).is_routable();
    let foreign = named
        && (crate::net::is_consumer_mailbox_domain(&domain)
            || crate::net::provider_of_host(&domain).is_some()
            || crate::net::is_microsoft_host(&domain));
    let builder = META.finding(
        if named {
            format!("SPF {result} at {receiver} for {domain}")
        } else {
            format!("SPF {result} at {receiver}")
        },
        format!(
            "{receiver}, the receiving organisation, checked SPF for {whose} and got {result}: {meaning}. Without an SPF pass, \
             DMARC depends on DKIM alone."
        ),
    )
    .evidence(evidence);
    let builder = if let Some(hop) = route.eop_behind_gateway {
        builder
            .severity(Severity::Medium)
            .owner(Owner::ReceivingOrg)
            .append_detail(format!(
                " The message reached Exchange Online Protection through the receiving organisation's own gateway (hop {hop}), so EOP checked SPF against the gateway's address, not the sender's: the verdict is about the wrong hop, and nothing in {domain}'s DNS needs to change."
            ))
            .fix("Turn on Enhanced Filtering for Connectors (skip listing) for the gateway's inbound connector")
            .steps([
                "In the Microsoft 365 Defender portal (Email & collaboration > Policies & rules > Threat policies > Enhanced Filtering), select the inbound connector from your gateway and enable skip listing for its IP addresses.".to_string(),
                "EOP then evaluates SPF, DKIM and DMARC against the last hop before your gateway.".to_string(),
            ])
            .references(["Microsoft Learn: Enhanced Filtering for Connectors in Exchange Online"])
    } else if route.forwarding.as_ref().is_some_and(|f| !f.srs) {
        builder
            .severity(Severity::Low)
            .owner(Owner::Intermediary)
            .append_detail(" The message was forwarded without rewriting the envelope sender (see forwarded-without-srs): the forwarder's address was checked against the original sender's SPF record. Nothing for the sender to change.")
    } else if route.redistributed() {
        builder
            .severity(Severity::Info)
            .owner(Owner::Nobody)
            .append_detail(" The message was re-sent by a mailing list or forwarder, whose servers the sender's SPF record cannot be expected to list.")
    } else if route.impersonation.as_ref().is_some_and(|i| i.spoofed) {
        builder
            .owner(Owner::ReceivingOrg)
            .likely()
            .append_detail(format!(" The message likely impersonates its From domain: the server that sent it is not the domain's. Nothing in {domain}'s DNS needs to change; see the DMARC finding for what the recipient's administrators can do."))
    } else if !named {
        // No domain to name: a DNS record or command for it would be a placeholder an admin cannot run.
        builder
            .fix("Find the envelope sender first: these headers do not name the domain SPF was checked for")
            .steps([
                "Read the envelope sender (MAIL FROM) of this message where the receiving server logged it: its mail log, or the message trace of the receiving service.".to_string(),
                "If that address is in a domain you own, publish or correct the domain's SPF record so it lists the server that sent this message; if it is not yours, only its owner can.".to_string(),
            ])
            .references(["RFC 7208 §2.6 Results of evaluation"])
    } else if named && !routable {
        builder
            .fix(format!("Send with a routable envelope sender instead of {domain}"))
            .steps([format!(
                "{domain} cannot be published in DNS, so no SPF record can ever exist for it: configure the sending system to use an envelope sender (Return-Path) in a public domain you own."
            )])
            .references(["RFC 7208 §2.6 Results of evaluation"])
    } else if foreign {
        builder
            .owner(Owner::SendingOrg)
            .fix(format!("Do not send with an envelope sender in {domain} from your own servers"))
            .steps([format!(
                "{domain} belongs to a mailbox provider: only it can change its SPF record. Send from an address in your own domain (for a web form, with the visitor's address in Reply-To)."
            )])
            .references(["RFC 7208 §2.6 Results of evaluation"])
    } else {
        let (summary, steps) = match (result, provider) {
            ("none" | "softfail" | "fail", Some(p)) => (
                format!("Authorise {} in the SPF record of {domain}", p.name),
                vec![match p.spf_include {
                    Some(include) => format!(
                        "{ip_text} belongs to {}'s shared pool: add include:{include} to the TXT record starting with v=spf1 at {domain} (never its individual addresses).",
                        p.name
                    ),
                    None => format!(
                        "{ip_text} belongs to {}'s shared pool: authorise it as {} documents (never its individual addresses).",
                        p.name, p.name
                    ),
                }],
            ),
            _ => (summary, steps),
        };
        builder
            .fix(summary)
            .steps(steps)
            .commands([format!("dig +short TXT {domain}")])
            .verify([format!(
                "The receiver's next Authentication-Results shows spf=pass smtp.mailfrom={domain}"
            )])
            .references(["RFC 7208 §2.6 Results of evaluation"])
    };
    builder.push(acc);
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
