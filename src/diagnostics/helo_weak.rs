//! `helo-weak`: see [`META`] for what it checks, why it matters and the fix.

use crate::catalog::{Msg, Text, msg};
use crate::diagnostics::hop_facts::{
    by_name, hop_evidence, is_internal_ip, is_internal_name, is_ip_text, is_provider_internal, org_of,
};
use crate::diagnostics::{Ctx, Meta};
use crate::model::{Confidence, Evidence, Finding, Hop, Severity};
use crate::model::{FindingId, Owner};

pub(crate) const META: Meta = Meta {
    id: FindingId::HeloWeak,
    severity: Severity::Medium,
    owner: Owner::SendingOrg,
    what: "The identity of the server that handed the message to the receiving organisation (the Internet \
          boundary): the newest hop from a public address that is not one of Exchange Online's or Google's \
          internal hops, and, for inbound Microsoft 365 mail, the recipient's X-Forefront-Antispam-Report `H:` and \
          `PTR:`. Weak when the HELO/EHLO name is a single label, a private-use name (`.local`, `.lan`, …) or an \
          IP address; when the address has no reverse DNS (`PTR:InfoNoRecords`, `PTR:InfoDomainNonexistent`, a \
          receiver writing `unknown`); or when the reverse-DNS name lies in a different domain than the HELO name \
          (Low alone, \"likely\"). Quiet when the sending address, or a HELO written as an address, lies in a shared \
          provider's published ranges (the provider's own server).",
    why: "Receivers check that a sending server introduces itself with a real, fully qualified name that matches \
         its address's reverse DNS (forward-confirmed reverse DNS). Missing or mismatched identities are classic \
         spam-bot traits and cost reputation or get the connection refused (RFC 5321 §4.1.1.1 requires the FQDN).",
    fix: "Give the sending server a fully qualified HELO name that resolves to its public IP, and a PTR record for \
         that IP pointing back to the name.",
};

/// The hop that crossed into the receiving organisation: the route's boundary hop (never an authenticated
/// submission inside the sender's provider, never a server passing mail to itself nor a hop from an internal
/// address), else the newest hop from a
/// public address whose sender is neither a provider-internal server nor in the receiver's own domain. `None` when
/// the sending server is a shared provider's (its names are the provider's business).
fn boundary_hop<'a>(ctx: &Ctx<'a>) -> Option<&'a Hop> {
    let hops = ctx.hops;
    let hop = match ctx.route.boundary_hop {
        Some(b) => hops.iter().find(|h| h.index == b),
        None => fallback_boundary(hops),
    }?;
    let names = [hop.from.as_deref(), hop.from_rdns.as_deref()];
    let provider_sender = names
        .iter()
        .flatten()
        .any(|n| crate::net::provider_of_host(n).is_some() || crate::net::is_microsoft_host(n));
    (!provider_sender && !ctx.route.hop(hop.index).is_some_and(|h| h.submission)).then_some(hop)
}

fn fallback_boundary(hops: &[Hop]) -> Option<&Hop> {
    hops.iter().rev().find(|h| {
        let Some(ip) = h.from_ip else { return false };
        let names = [h.from.as_deref(), h.from_rdns.as_deref()];
        let same_org =
            h.by.as_deref().is_some_and(|by| names.iter().flatten().any(|n| org_of(n) == org_of(by)));
        !is_internal_ip(ip) && !same_org && !names.iter().flatten().any(|n| is_provider_internal(n))
    })
}

fn helo_problem(helo: &str) -> Option<Msg> {
    if is_ip_text(helo) {
        Some(msg!("helo-weak.reason-ip", helo))
    } else if is_internal_name(helo) {
        if helo.contains('.') {
            Some(msg!("helo-weak.reason-private", helo))
        } else {
            Some(msg!("helo-weak.reason-single-label", helo))
        }
    } else {
        None
    }
}

pub(crate) fn check(ctx: &Ctx<'_>, acc: &mut Vec<Finding>) {
    let mut strong: Vec<Msg> = Vec::new();
    let mut weak: Vec<Msg> = Vec::new();
    let mut evidence: Vec<Evidence> = Vec::new();
    let mut helo_name: Option<String> = None;
    let mut ip_text: Option<String> = None;
    let ms = ctx.microsoft;
    if let Some(report) =
        ms.report.as_ref().filter(|r| r.dir.as_deref().is_some_and(|d| d.eq_ignore_ascii_case("INB")))
    {
        if let Some(h) = report.helo.as_deref()
            && let Some(problem) = helo_problem(h)
        {
            strong.push(problem);
            evidence.extend(ms.entry(report, "H").map(|f| ctx.ms_evidence(f)));
            helo_name = Some(h.to_string());
        }
        if let Some(p) =
            report.ptr.as_deref().filter(|p| matches!(*p, "InfoNoRecords" | "InfoDomainNonexistent"))
        {
            strong.push(if p == "InfoNoRecords" {
                msg!("helo-weak.reason-no-ptr")
            } else {
                msg!("helo-weak.reason-ptr-nxdomain")
            });
            evidence.extend(ms.entry(report, "PTR").map(|f| ctx.ms_evidence(f)));
        }
        ip_text = report.cip.clone();
    }
    let boundary = boundary_hop(ctx);
    if let Some(hop) = boundary {
        ip_text = ip_text.or_else(|| hop.from_ip.map(|ip| ip.to_string()));
        if let Some(helo) = hop.from.as_deref()
            && helo_name.as_deref().is_none_or(|seen| !seen.eq_ignore_ascii_case(helo))
            && let Some(problem) = helo_problem(helo)
        {
            strong.push(problem);
            evidence.extend(hop_evidence(ctx, hop, Some(helo)));
            helo_name = Some(helo.to_string());
        }
        // Postfix writes `(unknown [ip])` when the address has no reverse DNS; the hop reader drops the word.
        let no_rdns = hop.from_rdns.is_none() && crate::words::contains_ignore_case(&hop.raw, "(unknown [");
        if no_rdns {
            strong.push(msg!("helo-weak.reason-unknown", by = by_name(hop)));
            evidence.extend(hop_evidence(ctx, hop, Some("unknown")));
        } else if let Some(r) = hop.from_rdns.as_deref().filter(|r| !is_ip_text(r))
            && let Some(helo) = hop.from.as_deref().filter(|h| !is_ip_text(h) && !is_internal_name(h))
            && org_of(r) != org_of(helo)
        {
            weak.push(msg!("helo-weak.reason-ptr-other-domain", r, helo));
            evidence.extend(hop_evidence(ctx, hop, Some(r)));
            helo_name.get_or_insert_with(|| helo.to_string());
        }
    }
    if strong.is_empty() && weak.is_empty() {
        return;
    }
    // An address in a shared provider's published ranges (its HELO written as one too) is the provider's server:
    // its name and reverse DNS are the provider's, never something to ask the sender for.
    let provider_address = ip_text
        .iter()
        .map(String::as_str)
        .chain(boundary.and_then(|hop| hop.from.as_deref()))
        .chain(helo_name.as_deref())
        .filter_map(crate::net::parse_ip_text)
        .chain(boundary.and_then(|hop| hop.from_ip))
        .any(crate::net::is_shared_provider_ip);
    if provider_address {
        return;
    }
    let ip: Text = match &ip_text {
        Some(ip) => ip.into(),
        None => msg!("helo-weak.its-ip").into(),
    };
    let who: Text = match helo_name.as_deref().or(boundary.and_then(|hop| hop.from.as_deref())) {
        Some(host) => msg!("helo-weak.host-ip", host, ip).into(),
        None => msg!("helo-weak.the-sending-server-ip", ip).into(),
    };
    let (severity, confidence) = if strong.is_empty() {
        (Severity::Low, Confidence::Likely)
    } else {
        (Severity::Medium, Confidence::Certain)
    };
    let reasons = Text::join_clauses(strong.into_iter().chain(weak));
    let mut commands = Vec::new();
    if let Some(ip) = ip_text.as_deref().filter(|ip| ip_text_is_address(ip)) {
        commands.push(format!("dig +short -x {ip}"));
    }
    if let Some(name) = helo_name.as_deref().filter(|n| !is_internal_name(n) && !is_ip_text(n)) {
        commands.push(format!("dig +short A {name}"));
    }
    META.finding(msg!("helo-weak.title", who), msg!("helo-weak.detail", who, reasons))
        .severity(severity)
        .confidence(confidence)
        .evidence(evidence)
        .fix(msg!("helo-weak.fix", ip))
        .steps([msg!("helo-weak.step-helo"), msg!("helo-weak.step-a-ptr", ip)])
        .commands(commands)
        .verify([msg!("helo-weak.verify")])
        .alternatives([msg!("helo-weak.alt-provider")])
        .references(["RFC 5321 §4.1.1.1 (EHLO)", "Anti-spam message headers in Microsoft 365 (PTR, H)"])
        .push(acc);
}

fn ip_text_is_address(text: &str) -> bool {
    text.parse::<std::net::IpAddr>().is_ok()
}

#[cfg(test)]
mod tests {
    use crate::diagnostics::test_support::{analyze, with_id};
    use crate::model::Severity;

    #[test]
    fn fires_on_single_label_helo_and_missing_ptr_from_the_report() {
        let report = analyze(
            "Received: from ylmf-pc (198.51.100.23) by BN2PEPF000044A1.mail.protection.outlook.com (10.167.243.152) with Microsoft SMTP Server id 15.20.7633.15 via Frontend Transport; Mon, 3 Jun 2024 17:44:07 +0000\n\
             X-Forefront-Antispam-Report: CIP:198.51.100.23;CTRY:VN;SCL:5;SFV:SPM;H:ylmf-pc;PTR:InfoNoRecords;CAT:SPM;DIR:INB;\n",
        );
        let found = with_id(&report, super::META.id);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].severity, Severity::Medium);
        assert_eq!(found[0].title, "The sending server's identity is weak: ylmf-pc (198.51.100.23)");
        let texts: Vec<&str> = found[0].evidence.iter().map(|e| e.text.as_str()).collect();
        assert_eq!(texts, ["H:ylmf-pc", "PTR:InfoNoRecords"]);
        assert_eq!(found[0].fix.as_ref().unwrap().commands, ["dig +short -x 198.51.100.23"]);
    }

    #[test]
    fn fires_on_unknown_rdns_at_the_boundary() {
        let report = analyze(
            "Received: from localhost (localhost [127.0.0.1]) by mx.example.com (Postfix) with ESMTP id 1; Wed, 29 Oct 2025 10:24:27 +0000\n\
             Received: from mail.example.org (unknown [198.51.100.77]) by mx.example.com (Postfix) with ESMTPS id 2; Wed, 29 Oct 2025 10:24:26 +0000\n",
        );
        let found = with_id(&report, super::META.id);
        assert_eq!(found.len(), 1, "{:?}", report.hops);
        assert!(found[0].detail.contains("recorded no reverse DNS"));
        assert_eq!(found[0].evidence[0].text, "unknown");
    }

    #[test]
    fn quiet_for_a_proper_identity_and_internal_hops() {
        let report = analyze(
            "Received: from mx1.example.com (mx1.example.com [192.0.2.10]) by store.example.com (Postfix) with LMTP id 7A; Thu, 4 Apr 2024 08:41:25 +0000\n\
             Received: from out.example.org (out.example.org [198.51.100.3]) by mx1.example.com (Postfix) with ESMTPS id 4A; Thu, 4 Apr 2024 08:41:23 +0000\n\
             Received: from pc17 (pc17.corp.example.org [10.1.1.17]) by out.example.org (Postfix) with ESMTPSA id 3A; Thu, 4 Apr 2024 08:41:22 +0000\n",
        );
        assert!(with_id(&report, super::META.id).is_empty(), "{:#?}", with_id(&report, super::META.id));
    }

    /// A server whose address or HELO address is in a shared provider's published ranges (Microsoft 365's own
    /// systems handing mail to its front door) is the provider's: no HELO or PTR advice.
    #[test]
    fn quiet_for_an_address_in_a_providers_ranges() {
        let text = "Received: from 104.47.53.36 (192.0.2.54) by AB1PEPF0001.mail.protection.outlook.com (10.152.107.16) with Microsoft SMTP Server (version=TLS1_2) id 15.20.6105.0 via Frontend Transport; Fri, 3 Feb 2023 05:09:22 +0000\n\
            X-Forefront-Antispam-Report: CIP:192.0.2.54;CTRY:US;SCL:1;SFV:NSPM;H:104.47.53.36;PTR:InfoDomainNonexistent;CAT:NONE;DIR:INB;\n";
        let report = analyze(text);
        assert!(with_id(&report, super::META.id).is_empty(), "{:#?}", with_id(&report, super::META.id));
        let other = analyze(&text.replace("104.47.53.36", "198.51.100.36"));
        assert_eq!(with_id(&other, super::META.id).len(), 1, "{:#?}", other.findings);
    }

    /// A relay of a mailbox provider that wrote `unknown` for the provider's own hosted-Exchange server (Rackspace
    /// to Rackspace): the names and the address are the provider's, not the sender's to fix. The same hop between
    /// servers of no known provider still gets the advice.
    #[test]
    fn quiet_when_the_sending_server_is_a_mailbox_providers() {
        let rackspace = "Received: from smtp6.relay.ord1c.emailsrvr.com (smtp6.relay.ord1c.emailsrvr.com [10.28.148.6]) by store1.mail.ord1c (Postfix) with ESMTP id 3; Thu, 27 Mar 2014 22:28:14 +0000\n\
             Received: from smtp1.mex06.mlsrvr.com (unknown [198.51.100.70]) by smtp6.relay.ord1c.emailsrvr.com (Postfix) with ESMTPS id 2; Thu, 27 Mar 2014 22:28:13 +0000\n\
             Received: from MBX01.mex06.mlsrvr.com (172.29.1.1) by MBX02.mex06.mlsrvr.com (172.29.1.2) with Microsoft SMTP Server (TLS) id 15.0.775.38; Thu, 27 Mar 2014 22:28:13 +0000\n\
             From: News <news@example.org>\nTo: Ann <ann@example.org>\n";
        let report = analyze(rackspace);
        assert!(with_id(&report, super::META.id).is_empty(), "{:#?}", with_id(&report, super::META.id));
        let own =
            analyze(&rackspace.replace("mlsrvr.com", "example.org").replace("emailsrvr.com", "example.net"));
        let found = with_id(&own, super::META.id);
        assert_eq!(found.len(), 1, "{:#?}", own.findings);
        assert!(found[0].detail.contains("recorded no reverse DNS"), "{}", found[0].detail);
    }
}
