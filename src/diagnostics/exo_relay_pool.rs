//! `exo-relay-pool`: see [`META`] for what it checks, why it matters and the fix.

use crate::catalog::{Text, msg};
use crate::diagnostics::hybrid_path::step_evidence;
use crate::diagnostics::return_path_non_routable::verbatim_evidence;
use crate::diagnostics::{Ctx, Meta, mail_contact_envelope_rewrite};
use crate::envelope::path::{in_relay_pool, is_relay_pool_host};
use crate::model::{Confidence, Finding, FindingId, Owner, Severity};

pub(crate) const META: Meta = Meta {
    id: FindingId::ExoRelayPool,
    severity: Severity::High,
    owner: Owner::SendingOrg,
    what: "Exchange Online sent the message out through its relay pool: the egress IP is in 40.95.0.0/16 or the \
          egress host is named like `mail-…rlnn2071.outbound.protection.outlook.com` (\"Outbound delivery pools\" \
          documents the range and the \"rly\" naming), or, as weaker signs, `X-MS-Exchange-AntiSpam-Relay: 1` \
          or `SFP:1022`/`SFP:1023` in the outbound anti-spam stamp (observed, undocumented).",
    why: "Exchange Online uses the relay pool for mail relayed from on-premises whose envelope sender is not an \
         accepted domain and for which neither SPF nor DKIM passed when it entered Microsoft 365. Such mail is \
         not SRS-rewritten and leaves from IPs outside `spf.protection.outlook.com`, so SPF at the receiver \
         cannot pass for the envelope domain and the pool's reputation is lower.",
    fix: "Make the envelope sender an accepted domain (see `mail-contact-envelope-rewrite` when it fires), or \
         make SPF or DKIM pass for the sender domain when the message enters Microsoft 365.",
};

const RELAY_SFP: &[&str] = &["1022", "1023"];

pub(crate) fn check(ctx: &Ctx<'_>, acc: &mut Vec<Finding>) {
    let path = &ctx.envelope.path;
    let mut documented = Vec::new();
    let mut observed = Vec::new();
    let mut evidence = Vec::new();
    if let Some(step) = &path.exo_egress {
        if let Some(ip) = step.from_ip.filter(|ip| in_relay_pool(*ip)) {
            documented.push(msg!("exo-relay-pool.sign-ip", ip));
            evidence.extend(step_evidence(ctx, step, Some(&ip.to_string())));
        }
        let hosts = ctx
            .hops
            .iter()
            .find(|h| h.index == step.hop)
            .map(|h| [h.from_rdns.clone(), h.from.clone()].into_iter().flatten().collect::<Vec<_>>());
        if let Some(host) = hosts.unwrap_or_default().into_iter().find(|h| is_relay_pool_host(h)) {
            documented.push(msg!("exo-relay-pool.sign-host", host));
            evidence.extend(step_evidence(ctx, step, Some(&host)));
        }
    }
    if let Some(field) = ctx.field("X-MS-Exchange-AntiSpam-Relay").filter(|f| f.value.trim() == "1") {
        observed.push(msg!("exo-relay-pool.sign-relay-header"));
        evidence.push(verbatim_evidence(ctx, field));
    }
    let ms = ctx.microsoft;
    for report in [ms.report.as_ref(), ms.upstream_report.as_ref()].into_iter().flatten() {
        if let Some(sfp) = report.sfp.as_deref().filter(|s| RELAY_SFP.contains(s)) {
            observed.push(msg!("exo-relay-pool.sign-sfp", sfp));
            if let Some(entry) = ms.entry(report, "SFP") {
                evidence.push(ctx.ms_evidence(entry));
            }
        }
    }
    if documented.is_empty() && observed.is_empty() {
        return;
    }
    let confidence = if documented.is_empty() { Confidence::Likely } else { Confidence::Certain };
    let mut signs = documented.clone();
    signs.extend(observed.iter().map(|o| msg!("exo-relay-pool.observed", o = o)));
    let rp = ctx.envelope.return_path.as_ref();
    let from = ctx.envelope.from.as_ref();
    let rp_text: Text = rp
        .map(|r| Text::raw(format!("`{}`", r.address)))
        .unwrap_or_else(|| msg!("exo-relay-pool.the-envelope-sender").into());
    let lead = if confidence == Confidence::Certain {
        msg!("exo-relay-pool.sent")
    } else {
        msg!("exo-relay-pool.likely-sent")
    };
    let detail = msg!("exo-relay-pool.detail", lead, signs = Text::join_clauses(signs), rp_text);
    let from_domain: Text =
        from.map(|f| Text::raw(&f.domain)).unwrap_or_else(|| msg!("exo-relay-pool.your-domain").into());
    let onprem_ip = path.exo_ingress.as_ref().and_then(|s| s.from_ip).map(|ip| ip.to_string());
    let mut steps = Vec::new();
    if mail_contact_envelope_rewrite::applies(ctx) {
        steps.push(msg!("exo-relay-pool.step-fix-envelope", rp_text, from_domain));
    } else {
        steps.push(msg!("exo-relay-pool.step-accepted-domain", rp_text));
    }
    if let Some(ip) = &onprem_ip {
        steps.push(msg!("exo-relay-pool.step-spf", ip));
    }
    steps.push(msg!("exo-relay-pool.step-dkim", from_domain));
    META.finding(
        if confidence == Confidence::Certain {
            msg!("exo-relay-pool.title")
        } else {
            msg!("exo-relay-pool.title-likely")
        },
        detail,
    )
    .confidence(confidence)
    .evidence(evidence)
    .fix(msg!("exo-relay-pool.fix"))
    .steps(steps)
    .verify([msg!("exo-relay-pool.verify-test"), msg!("exo-relay-pool.verify-report")])
    .references([
        "Outbound delivery pools (Exchange Online Protection)",
        "Sender Rewriting Scheme (SRS) in Microsoft 365",
        "Non-accepted domain report in the new EAC in Exchange Online",
    ])
    .push(acc);
}

#[cfg(test)]
mod tests {
    use crate::diagnostics::test_support::{analyze, with_id};
    use crate::model::Confidence;

    #[test]
    fn egress_in_the_relay_range_is_certain() {
        let text = "Received: from EUR05-AM6-obe.outbound.protection.outlook.com (mail-am6eur05rlnn2041.outbound.protection.outlook.com [40.95.96.41]) by mx.example.net (Postfix) with ESMTPS id 4YRp; Mon, 6 Jan 2025 09:15:05 +0000\n\
                    Return-Path: <a@acmecorp.local>\nFrom: a@example.org\n";
        let report = analyze(text);
        let found = with_id(&report, super::META.id);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].confidence, Confidence::Certain);
        let spans: Vec<&str> = found[0].evidence.iter().map(|e| &text[e.span.0..e.span.1]).collect();
        assert_eq!(spans, ["40.95.96.41", "mail-am6eur05rlnn2041.outbound.protection.outlook.com"]);
    }

    #[test]
    fn header_only_is_likely_and_normal_pool_is_quiet() {
        let likely = analyze("X-MS-Exchange-AntiSpam-Relay: 1\nFrom: a@example.org\n");
        assert_eq!(with_id(&likely, super::META.id)[0].confidence, Confidence::Likely);
        let normal = analyze(
            "Received: from NAM12-obe.outbound.protection.outlook.com (mail-southcentralusazon11012036.outbound.protection.outlook.com [40.93.195.36]) by mx.example.net (Postfix) with ESMTPS id X; Mon, 6 Jan 2025 09:15:05 +0000\n\
             X-MS-Exchange-AntiSpam-Relay: 0\nFrom: a@example.org\n",
        );
        assert!(with_id(&normal, super::META.id).is_empty());
    }
}
