//! `forwarded-without-srs`: see [`META`] for what it checks, why it matters and the fix.

use crate::catalog::msg;
use crate::diagnostics::hop_facts::hop_evidence;
use crate::diagnostics::{Ctx, Meta};
use crate::model::{Finding, FindingId, Owner, Severity};

pub(crate) const META: Meta = Meta {
    id: FindingId::ForwardedWithoutSrs,
    severity: Severity::Low,
    owner: Owner::Intermediary,
    what: "The route shows a forwarder (a host of another organisation that received the message for one of its \
          addresses, or re-sent it so that the final receiver's SPF check failed for the original sender) that kept \
          the original envelope sender instead of rewriting it with the Sender Rewriting Scheme (SRS). Low.",
    why: "The final receiver checks SPF for the original sender's domain against the forwarder's address, which \
         that domain's SPF record cannot list: SPF fails although nobody did anything wrong at the sender. DMARC \
         then depends on the author's DKIM signature surviving the forwarding; ARC lets the receiver trust the \
         forwarder's account of the original results.",
    fix: "The forwarder's administrators: rewrite the envelope sender with SRS (Postfix: postsrsd; Exim and \
         Microsoft 365 do it when forwarding) and add an ARC seal. Nothing for the original sender to change.",
};

pub(crate) fn check(ctx: &Ctx<'_>, acc: &mut Vec<Finding>) {
    let route = ctx.route;
    let Some(fwd) = route.forwarding.as_ref().filter(|f| !f.srs) else { return };
    let Some(domain) = route.domains.get(fwd.domain) else { return };
    let host = fwd.host.clone().unwrap_or_else(|| domain.name.clone());
    let dkim = ctx.receiver_result("dkim");
    let dmarc = ctx.receiver_result("dmarc");
    let spf = ctx.receiver_result("spf");
    let outcome = match (dmarc.as_deref(), dkim.as_deref()) {
        (Some("pass"), _) => msg!("forwarded-without-srs.outcome-dkim"),
        (Some(d), Some(k)) => msg!("forwarded-without-srs.outcome-dkim-dmarc", k, d),
        (Some(d), None) => msg!("forwarded-without-srs.outcome-dmarc", d),
        _ => msg!("forwarded-without-srs.outcome-depends"),
    };
    let spf_words = match spf.as_deref() {
        Some(r @ ("fail" | "softfail" | "none" | "neutral")) => msg!("forwarded-without-srs.spf-result", r),
        _ => msg!("forwarded-without-srs.spf-forwarder"),
    };
    let last_hop = domain.hops.last().copied();
    let evidence = last_hop
        .and_then(|h| ctx.hops.iter().find(|x| x.index == h + 1))
        .and_then(|hop| hop_evidence(ctx, hop, fwd.host.as_deref()));
    META.finding(
        msg!("forwarded-without-srs.title", host),
        msg!(
            "forwarded-without-srs.detail",
            host,
            name = &domain.name,
            spf_words,
            outcome,
            arc = if fwd.arc {
                msg!("forwarded-without-srs.arc-added")
            } else {
                msg!("forwarded-without-srs.no-arc")
            }
        ),
    )
    .likely()
    .evidence(evidence)
    .fix(msg!("forwarded-without-srs.fix", host))
    .steps([msg!("forwarded-without-srs.step-srs", host), msg!("forwarded-without-srs.step-arc")])
    .references([
        "RFC 7208 §1.1.2 and Appendix D (forwarding)",
        "RFC 7960 §3.2 (forwarding)",
        "RFC 8617 (ARC)",
    ])
    .push(acc);
}

#[cfg(test)]
mod tests {
    use crate::diagnostics::test_support::{analyze, with_id};
    use crate::model::{FindingId, Owner, Severity};
    use crate::route::Role;

    const PAYPAL: &str = "Authentication-Results: mx.google.com; dkim=pass header.i=@mail.paypal.com; spf=fail (google.com: domain of bounce@mail.paypal.com does not designate 2001:db8:7240::1 as permitted sender) smtp.mailfrom=bounce@mail.paypal.com; dmarc=pass (p=REJECT sp=REJECT dis=NONE) header.from=paypal.com\n\
         Received: from fwd.example.net (fwd.example.net. [2001:db8:7240::1]) by mx.google.com with ESMTPS id a9si1; Sat, 14 Sep 2019 10:12:41 -0700\n\
         Received: from mx0.slc.paypal.com (mx0.slc.paypal.com [173.0.84.225]) by fwd.example.net (8.15.2/8.15.2) with ESMTPS id x8E; Sat, 14 Sep 2019 17:12:39 +0000\n\
         From: service@paypal.com\n";

    #[test]
    fn a_forwarder_without_srs_is_the_finding_and_paypal_is_told_nothing() {
        let report = analyze(PAYPAL);
        let roles: Vec<_> = report.route.domains.iter().map(|d| (d.name.as_str(), d.role)).collect();
        assert_eq!(
            roles,
            [
                ("paypal.com", Role::SendingOrg),
                ("example.net", Role::Forwarder),
                ("Google", Role::ReceivingOrg)
            ]
        );
        assert_eq!((report.route.spf_hop, report.route.boundary_hop), (Some(2), Some(2)));
        assert!(report.route.impersonation.is_none());
        let found = with_id(&report, super::META.id);
        assert_eq!(found.len(), 1, "{:#?}", report.findings);
        assert_eq!(found[0].severity, Severity::Low);
        assert_eq!(found[0].owner, Owner::Intermediary);
        assert!(found[0].title.starts_with("fwd.example.net forwarded"));
        assert!(found[0].detail.contains("DMARC still passed"));
        assert_eq!(found[0].evidence[0].text, "fwd.example.net");
        let spf = with_id(&report, FindingId::SpfNotPass);
        assert!(
            spf.iter().all(|f| f.severity <= Severity::Low && f.owner == Owner::Intermediary),
            "{spf:#?}"
        );
        for f in &report.findings {
            let fix = serde_json::to_string(&f.fix).unwrap();
            assert!(!fix.contains("SPF record of mail.paypal.com"), "{}: {fix}", f.id);
            assert!(!fix.contains("ip6:2001:db8:7240::1"), "{}: {fix}", f.id);
        }
    }

    #[test]
    fn quiet_when_the_forwarder_rewrites_the_sender() {
        let report = analyze(include_str!("../../tests/fixtures/route/forwarded-with-srs.eml"));
        assert!(report.route.forwarding.is_some(), "the forwarder is seen");
        assert!(with_id(&report, super::META.id).is_empty());
    }
}
