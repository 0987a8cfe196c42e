//! `internal-names-exposed`: see [`META`] for what it checks, why it matters and the fix.

use crate::catalog::msg;
use crate::diagnostics::{Ctx, Meta};
use crate::model::{FindingId, Owner};
use std::net::IpAddr;

use crate::diagnostics::hop_facts::{
    hop_evidence, is_exchange_stamp, is_internal_ip, is_internal_name, is_microsoft_host,
};
use crate::model::{Finding, Hop, Severity};

pub(crate) const META: Meta = Meta {
    id: FindingId::InternalNamesExposed,
    severity: Severity::Info,
    owner: Owner::Nobody,
    what: "Received fields carry private addresses (RFC 1918, CGNAT, unique-local IPv6, link-local) or private-use \
          host names (`.local`, `.lan`, `.corp`, `.internal`, …, and single labels next to a private address). Addresses and names of Exchange \
          Online's and Google's own servers are left out (they describe the provider, not the sender), and so are \
          loopback and `localhost`. Info.",
    why: "Nothing is broken: internal hops are normal for Exchange and internal relays. But every recipient can \
         read the internal naming and addressing plan, which helps an attacker map the network.",
    fix: "None: it is information, not a fault, so the finding carries no fix (nobody's systems need to change).",
};

/// At most this many pieces of evidence.
const MAX_EVIDENCE: usize = 8;

/// A shared provider's own server (Microsoft 365, Google, …): its addresses describe the provider.
fn provider(name: Option<&str>) -> bool {
    name.is_some_and(|n| is_microsoft_host(n) || crate::net::provider_of_host(n).is_some())
}

/// The internal names and addresses a hop shows, as written.
fn exposed(hop: &Hop) -> Vec<String> {
    let mut out = Vec::new();
    let mut push = |s: String| {
        if !out.contains(&s) {
            out.push(s);
        }
    };
    let keep_ip = |ip: IpAddr| is_internal_ip(ip) && !ip.is_loopback() && !ip.is_unspecified();
    // A single label is an internal name only next to an internal address; alone it is as likely a spam
    // bot's made-up HELO.
    let internal_link = (hop.from_ip.is_some_and(keep_ip) && !provider(hop.from.as_deref()))
        || (hop.by_ip.is_some_and(keep_ip) && !provider(hop.by.as_deref()));
    let keep_name = |n: &str| {
        is_internal_name(n)
            && (n.contains('.') || internal_link)
            && !n.eq_ignore_ascii_case("localhost")
            && !n.eq_ignore_ascii_case("unknown")
    };
    for name in [hop.from.as_deref(), hop.from_rdns.as_deref(), hop.by.as_deref()].into_iter().flatten() {
        if keep_name(name) {
            push(name.to_string());
        }
    }
    if let Some(ip) = hop.from_ip.filter(|&ip| keep_ip(ip) && !provider(hop.from.as_deref())) {
        push(ip.to_string());
    }
    if let Some(ip) = hop.by_ip.filter(|&ip| keep_ip(ip) && !provider(hop.by.as_deref())) {
        push(ip.to_string());
    }
    out
}

pub(crate) fn check(ctx: &Ctx<'_>, acc: &mut Vec<Finding>) {
    // A message that likely impersonates someone: its sender's network plan is nobody's to tidy.
    if ctx.route.impersonation.is_some() {
        return;
    }
    let mut items: Vec<String> = Vec::new();
    let mut evidence = Vec::new();
    let mut exchange = false;
    for hop in ctx.hops {
        let found = exposed(hop);
        if !found.is_empty() {
            exchange |= is_exchange_stamp(hop);
        }
        for item in found {
            if items.iter().any(|i| i.eq_ignore_ascii_case(&item)) {
                continue;
            }
            if evidence.len() < MAX_EVIDENCE {
                evidence.extend(hop_evidence(ctx, hop, Some(&item)));
            }
            items.push(item);
        }
    }
    if items.is_empty() {
        return;
    }
    let detail =
        if exchange { "internal-names-exposed.detail-exchange" } else { "internal-names-exposed.detail" };
    META.finding(
        msg!("internal-names-exposed.title", items = items.join(", ")),
        crate::catalog::Msg::new(
            detail,
            vec![
                ("n", crate::catalog::IntoText::into_text(items.len())),
                ("items", crate::catalog::IntoText::into_text(items.join(", "))),
            ],
        ),
    )
    .evidence(evidence)
    .push(acc);
}

#[cfg(test)]
mod tests {
    use crate::diagnostics::test_support::{analyze, with_id};

    #[test]
    fn fires_on_local_names_and_private_ips() {
        let report = analyze(
            "Received: from mail.example.com (203.0.113.10) by DB5PEPF00014B9A.mail.protection.outlook.com (10.167.8.41) with Microsoft SMTP Server (version=TLS1_2, cipher=TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384) id 15.20.7587.21 via Frontend Transport; Tue, 14 May 2024 09:02:11 +0000\n\
             Received: from APPSRV01.example.local (10.20.1.15) by EXCH01.example.local (10.20.1.10) with Microsoft SMTP Server id 15.2.1544.4 via Frontend Transport; Tue, 14 May 2024 11:02:10 +0200\n",
        );
        let found = with_id(&report, super::META.id);
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].title,
            "Internal host names or addresses are visible: APPSRV01.example.local, EXCH01.example.local, 10.20.1.15, 10.20.1.10"
        );
        assert_eq!(found[0].evidence.len(), 4);
        assert_eq!(found[0].evidence[2].text, "10.20.1.15");
        // Information, normal for Exchange: nobody's systems need to change, so there is no fix to apply.
        assert_eq!(found[0].severity, crate::model::Severity::Info);
        assert_eq!(found[0].owner, crate::model::Owner::Nobody);
        assert!(found[0].fix.is_none(), "{:?}", found[0].fix);
        assert!(found[0].detail.contains("normal for Exchange"), "{}", found[0].detail);
    }

    #[test]
    fn quiet_for_public_hops_provider_internals_and_loopback() {
        let report = analyze(
            "Received: from localhost (localhost [127.0.0.1]) by mx.example.com (Postfix) with ESMTP id 1; Wed, 29 Oct 2025 10:24:27 +0000\n\
             Received: from qyk6 (unknown [198.51.100.9]) by mx.example.com (Postfix) with ESMTP id 2; Wed, 29 Oct 2025 10:24:26 +0000\n\
             Received: from mail.example.com (203.0.113.10) by DB5PEPF00014B9A.mail.protection.outlook.com (10.167.8.41) with Microsoft SMTP Server (version=TLS1_2, cipher=TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384) id 15.20.7587.21 via Frontend Transport; Tue, 14 May 2024 09:02:11 +0000\n",
        );
        assert!(with_id(&report, super::META.id).is_empty(), "{:#?}", with_id(&report, super::META.id));
    }
}
