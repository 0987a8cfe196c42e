//! `hybrid-path`: see [`META`] for what it checks, why it matters and the fix.

use crate::catalog::{Text, msg};
use crate::diagnostics::{Ctx, Meta, return_path_non_routable::verbatim_evidence};
use crate::envelope::path::PathStep;
use crate::model::{Confidence, Evidence, Finding, FindingId, Owner, Severity};

pub(crate) const META: Meta = Meta {
    id: FindingId::HybridPath,
    severity: Severity::Info,
    owner: Owner::Nobody,
    what: "The path was recognised as app → on-prem Exchange → Exchange Online (→ Internet): a Received line \
          written by on-prem Exchange (`with Microsoft SMTP Server` on a non-Microsoft host) before one received \
          by `*.mail.protection.outlook.com`, or `X-MS-Exchange-CrossTenant-FromEntityHeader: HybridOnPrem`, or \
          `AuthAs: Internal` with `AuthMechanism: 10` followed by Exchange Online.",
    why: "It is context for the envelope findings: on this path on-prem Exchange resolves the sender against \
         Active Directory (and may rewrite the envelope sender), and Exchange Online chooses the outbound pool \
         from what it sees at entry. Naming the hops tells the admin where to look.",
    fix: "None; this is information.",
};

/// Evidence for a host name inside the Received field of a path step.
pub(crate) fn step_evidence(ctx: &Ctx<'_>, step: &PathStep, host: Option<&str>) -> Option<Evidence> {
    let hop = ctx.hops.iter().find(|h| h.index == step.hop)?;
    let field = ctx.fields("Received").find(|f| f.span == hop.span)?;
    Some(match host {
        Some(h) => ctx.evidence_for(field, h),
        None => verbatim_evidence(ctx, field),
    })
}

pub(crate) fn check(ctx: &Ctx<'_>, acc: &mut Vec<Finding>) {
    let path = &ctx.envelope.path;
    // Inbound Internet mail (Exchange Online says the sender was the Internet) did not take the tenant's own
    // hybrid path, whatever its earlier hops look like.
    let from_internet = ctx
        .field("X-MS-Exchange-CrossTenant-FromEntityHeader")
        .is_some_and(|f| f.value.trim().eq_ignore_ascii_case("Internet"));
    // Inbound mail through the receiving organisation's own servers (its MX and on-premises Exchange, then
    // Exchange Online over the hybrid connector): not the sender's application → on-prem → Exchange Online path.
    let receivers_own = path.onprem.as_ref().is_some_and(|s| {
        ctx.route.direction == crate::route::Direction::Inbound
            && ctx.route.role_of(s.hop).is_some_and(crate::route::Role::is_receiver_side)
    });
    if !path.hybrid || from_internet || receivers_own {
        return;
    }
    let mut legs: Vec<Text> = Vec::new();
    let mut evidence = Vec::new();
    if let Some(app) = &path.app_host {
        legs.push(msg!("hybrid-path.submitting-host", app).into());
    }
    if let Some(step) = &path.onprem {
        let host = step.by.as_deref().unwrap_or("?");
        let version =
            ctx.hops.iter().find(|h| h.index == step.hop).and_then(|h| h.id.as_deref()).and_then(|id| {
                crate::envelope::path::exchange_release(id)
                    .map(|release| msg!("mail-contact-envelope-rewrite.build", release, id))
            });
        legs.push(msg!("hybrid-path.onprem-host", host, hop = step.hop, version).into());
        evidence.extend(step_evidence(ctx, step, step.by.as_deref()));
    } else {
        legs.push(msg!("hybrid-path.onprem-hidden").into());
    }
    match &path.exo_ingress {
        Some(step) => {
            let from_ip = step.from_ip.map(|ip| msg!("hybrid-path.from-ip", ip));
            let host = step.by.as_deref().unwrap_or("?");
            legs.push(msg!("hybrid-path.exo-host", host, hop = step.hop, from_ip).into());
            evidence.extend(step_evidence(ctx, step, step.by.as_deref()));
        }
        None => legs.push("Exchange Online".into()),
    }
    if let Some(step) = &path.exo_egress {
        let ip = step.from_ip.map(|ip| format!(" [{ip}]")).unwrap_or_default();
        let (from, by) = (step.from.as_deref().unwrap_or("?"), step.by.as_deref().unwrap_or("?"));
        legs.push(msg!("hybrid-path.exo-egress", from, ip, by, hop = step.hop).into());
        evidence.extend(step_evidence(ctx, step, step.from.as_deref()));
    }
    for signal in &path.signals {
        if let Some(field) = ctx.field(&signal.header) {
            evidence.push(verbatim_evidence(ctx, field));
        }
    }
    let mut detail: Text = msg!("hybrid-path.detail", legs = Text::join(legs, " → ")).into();
    for signal in &path.signals {
        detail.push_str(&format!(" {}: {} — ", signal.header, signal.value));
        detail.push(&signal.meaning);
        detail.push_str(".");
    }
    detail.push(msg!("hybrid-path.detail-resolves"));
    META.finding(
        if path.onprem_visible { msg!("hybrid-path.title") } else { msg!("hybrid-path.title-likely") },
        detail,
    )
    .confidence(if path.onprem_visible { Confidence::Certain } else { Confidence::Likely })
    .evidence(evidence)
    .push(acc);
}

#[cfg(test)]
mod tests {
    use crate::diagnostics::test_support::{analyze, with_id};
    use crate::model::Confidence;

    const HOPS: &str = "Received: from EXCH01.acmecorp.local (203.0.113.25) by AM4PEPF00027A5C.mail.protection.outlook.com (10.167.16.1) with Microsoft SMTP Server (version=TLS1_2, cipher=TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384) id 15.20.8207.9 via Frontend Transport; Mon, 6 Jan 2025 09:15:02 +0000\n\
Received: from APPSRV01.acmecorp.local (10.20.1.15) by EXCH01.acmecorp.local (10.20.1.10) with Microsoft SMTP Server id 15.2.1544.14 via Frontend Transport; Mon, 6 Jan 2025 10:15:00 +0100\n\
From: a@example.org\n";

    #[test]
    fn names_the_hops() {
        let report = analyze(HOPS);
        let found = with_id(&report, super::META.id);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].confidence, Confidence::Certain);
        for needle in [
            "`APPSRV01.acmecorp.local`",
            "`EXCH01.acmecorp.local`",
            "15.2.1544.14",
            "AM4PEPF00027A5C.mail.protection.outlook.com",
            "203.0.113.25",
        ] {
            assert!(found[0].detail.contains(needle), "{needle}: {}", found[0].detail);
        }
        let ev = &found[0].evidence[0];
        assert_eq!(&HOPS[ev.span.0..ev.span.1], "EXCH01.acmecorp.local");
    }

    #[test]
    fn quiet_without_exchange_online() {
        let onprem_only = HOPS.lines().skip(1).collect::<Vec<_>>().join("\n");
        assert!(with_id(&analyze(&onprem_only), super::META.id).is_empty());
        let plain = "Received: from mail.example.com (mail.example.com [192.0.2.1]) by mx.example.net (Postfix) with ESMTPS id X; Mon, 6 Jan 2025 10:00:00 +0000\n";
        assert!(with_id(&analyze(plain), super::META.id).is_empty());
    }
}
