//! `dmarc-fail`: see [`META`] for what it checks, why it matters and the fix.

use crate::auth::dmarc_policy;
use crate::catalog::{Msg, Text, msg};
use crate::delivery::Placement;
use crate::diagnostics::{Ctx, Meta};
use crate::domain;
use crate::model::{Finding, FindingId, Owner, Severity};

pub(crate) const META: Meta = Meta {
    id: FindingId::DmarcFail,
    severity: Severity::High,
    owner: Owner::SendingOrg,
    what: "The trusted receiver (see `crate::auth::receiver`) reported `dmarc=fail` in its Authentication-Results. \
          Upstream copies are ignored: anyone can write `dmarc=fail` or `dmarc=pass` into a message before sending it.",
    why: "DMARC (RFC 7489) passes only when SPF passes for an envelope domain aligned with the From domain, or a DKIM \
         signature whose `d=` is aligned with the From domain passes (§3.1). A failure with `p=quarantine` or \
         `p=reject` sends the message to junk or bounces it; Microsoft 365 writes `action=oreject` when it overrides a \
         reject policy (it does not reject; where the message then went is read from the delivery verdict, never \
         assumed).",
    fix: "Make one aligned identifier pass for the From domain: sign with DKIM as `d=<From domain>` at the sending \
         service, or send with an envelope sender under the From domain whose SPF record lists the sending IP.",
};

pub(crate) fn check(ctx: &Ctx<'_>, acc: &mut Vec<Finding>) {
    let a = ctx.authentication;
    let Some((results, m)) = a.trusted_methods("dmarc").find(|(_, m)| m.result == "fail") else { return };
    let receiver = a.receiver_name();
    let from_domain = m
        .property("header", "from")
        .map(str::to_string)
        .or_else(|| ctx.summary.from.iter().find_map(|mb| mb.address.as_deref().and_then(domain::domain_of)))
        .unwrap_or_else(|| {
            crate::catalog::word("dmarc-fail.the-from-domain", crate::catalog::Lang::En).to_string()
        });
    let policy = dmarc_policy(m);
    // Where the message landed, as the delivery verdict reads it: the receiver's override of the domain's policy
    // is told by what happened to this message, never by what such mail usually gets.
    let landed: Msg = if ctx.delivery.confidence == crate::model::Confidence::Certain
        || ctx.delivery.placement == Placement::Unknown
    {
        landed(ctx.delivery.placement)
    } else {
        msg!("dmarc-fail.landed-assumed", landed = landed(ctx.delivery.placement))
    };
    let policy_words = match policy.as_deref() {
        Some("reject") => msg!("dmarc-fail.policy-reject"),
        Some("quarantine") if ctx.delivery.placement != Placement::Unknown => {
            msg!("dmarc-fail.policy-quarantine-landed", landed)
        }
        Some("quarantine") => msg!("dmarc-fail.policy-quarantine"),
        Some("none") => msg!("dmarc-fail.policy-none"),
        Some("oreject" | "o.reject") => msg!("dmarc-fail.action-oreject", landed),
        Some("pct.quarantine" | "pct.reject") => msg!("dmarc-fail.pct"),
        Some(p) => msg!("dmarc-fail.policy-other", p),
        None => msg!("dmarc-fail.policy-not-stated"),
    };

    let envelope =
        a.envelope_sender().or_else(|| ctx.summary.return_path.first().and_then(|rp| rp.address.clone()));
    let envelope_domain = envelope.as_deref().and_then(domain::domain_of);
    let spf = a.trusted_methods("spf").next().map(|(_, m)| m.result.clone());
    let dkim: Vec<Text> = a
        .trusted_methods("dkim")
        .map(|(_, m)| match m.property("header", "d").or_else(|| m.property("header", "i")) {
            Some(d) => msg!("dmarc-fail.dkim-for", result = &m.result, d).into(),
            None => m.result.as_str().into(),
        })
        .collect();
    let mut facts: Vec<Text> = Vec::new();
    match (&spf, &envelope_domain) {
        (Some(r), Some(d)) => facts.push(msg!("dmarc-fail.spf-fact", r, d).into()),
        (Some(r), None) => facts.push(format!("SPF {r}").into()),
        _ => {}
    }
    if !dkim.is_empty() {
        let mut fact = Text::raw("DKIM ");
        fact.push(Text::join(dkim, ", "));
        facts.push(fact);
    }
    let facts =
        (!facts.is_empty()).then(|| msg!("dmarc-fail.same-receiver", facts = Text::join_clauses(facts)));
    let policy_label: Text = match policy.as_deref() {
        Some(p) => p.into(),
        None => msg!("dmarc-fail.policy-not-stated").into(),
    };

    let field = &ctx.headers[results.header_index];
    let mut evidence = vec![ctx.evidence_at(field, m.verdict_span)];
    if let Some(span) = m.param("action").and_then(|p| ctx.locate(field, &format!("action={p}"))) {
        evidence.push(ctx.evidence_at(field, span));
    }
    let ip = a.sending_ip(ctx.hops);
    let route = ctx.route;
    let arc_override = ctx.receiver_result("arc").as_deref() == Some("pass") && route.redistributed();
    let consumer = crate::net::is_consumer_mailbox_domain(&from_domain);
    // The receiving organisation's own gateway handed the message to Exchange Online Protection, which checked
    // SPF against the gateway: the failure follows from that (told once, by `spf-not-pass`).
    // Only when `spf-not-pass` fires (its results), so the cause is a finding of this report.
    let spf_failed = a
        .trusted_spf_result()
        .is_some_and(|r| crate::diagnostics::spf_not_pass::NOT_PASS.contains(&r.result.as_str()));
    let behind_gateway =
        route.eop_behind_gateway.filter(|_| spf_failed && route.impersonation.is_none() && !arc_override);
    let (severity, owner) = if route.impersonation.is_some() {
        (META.severity, Owner::ReceivingOrg)
    } else if behind_gateway.is_some() {
        (Severity::Medium, Owner::ReceivingOrg)
    } else if arc_override {
        (Severity::Info, Owner::Nobody)
    } else if policy.as_deref() == Some("none") {
        (Severity::Low, Owner::SendingOrg)
    } else if route.redistributed() {
        (Severity::Medium, Owner::Intermediary)
    } else {
        (META.severity, Owner::SendingOrg)
    };
    let builder = META
        .finding(
            msg!("dmarc-fail.title", receiver, from_domain, policy = policy_label),
            msg!("dmarc-fail.detail", receiver, from_domain, policy_words, facts),
        )
        .severity(severity)
        .owner(owner)
        .evidence(evidence);
    let builder = if let Some(imp) = &route.impersonation {
        builder
            .append_detail(msg!("dmarc-fail.detail-hostile", from_domain, reason = imp.reason))
            .likely()
            .fix(msg!("dmarc-fail.fix-hostile", from_domain))
            .steps(crate::diagnostics::recipient_side_steps(&from_domain))
            .references(["RFC 7489 §6.6", "Microsoft Learn: Anti-spoofing protection in EOP"])
    } else if let Some(hop) = behind_gateway {
        builder
            .likely()
            .append_detail(msg!("dmarc-fail.detail-gateway", hop, from_domain))
            .caused_by(Some(crate::model::FindingId::SpfNotPass))
    } else if arc_override {
        builder.append_detail(msg!(
            "dmarc-fail.detail-arc",
            whose = if route.list.is_some() {
                msg!("dmarc-fail.whose-list")
            } else {
                msg!("dmarc-fail.whose-forwarder")
            }
        ))
    } else if route.redistributed() {
        builder
            .append_detail(msg!("dmarc-fail.detail-redistributed"))
            .fix(msg!("dmarc-fail.fix-intermediary"))
            .steps([msg!("dmarc-fail.step-list"), msg!("dmarc-fail.step-forwarder")])
            .references(["RFC 7960 (DMARC and indirect mail flows)", "RFC 8617 (ARC)"])
    } else if consumer {
        builder
            .fix(msg!("dmarc-fail.fix-consumer", from_domain))
            .steps([msg!("dmarc-fail.step-consumer", from_domain), msg!("dmarc-fail.step-own-domain")])
            .references(["RFC 7489 §3.1 Identifier Alignment"])
    } else {
        let mut steps = vec![msg!("dmarc-fail.step-sign", from_domain)];
        steps.push(crate::diagnostics::spf_authorise_step(
            &from_domain,
            envelope_domain.as_deref(),
            ip.as_deref().and_then(crate::net::parse_ip_text),
        ));
        steps.push(msg!("dmarc-fail.step-reports", from_domain));
        builder
            .fix(msg!("dmarc-fail.fix", from_domain))
            .steps(steps)
            .commands([format!("dig +short TXT _dmarc.{from_domain}")])
            .verify([msg!("dmarc-fail.verify", from_domain)])
            .references(["RFC 7489 §3.1 Identifier Alignment"])
    };
    builder.push(acc);
}

/// Where the message landed, in words for the DMARC policy's clause.
fn landed(placement: Placement) -> Msg {
    match placement {
        Placement::Inbox => msg!("dmarc-fail.landed-inbox"),
        Placement::Junk => msg!("dmarc-fail.landed-junk"),
        Placement::Quarantine => msg!("dmarc-fail.landed-quarantine"),
        Placement::Folder => msg!("dmarc-fail.landed-folder"),
        Placement::Deleted => msg!("dmarc-fail.landed-deleted"),
        Placement::Rejected => msg!("dmarc-fail.landed-rejected"),
        Placement::Unknown => msg!("dmarc-fail.landed-unknown"),
    }
}

#[cfg(test)]
mod tests {
    use crate::diagnostics::test_support::{analyze, with_id};

    const RECEIVED: &str = "Received: from out.example.net (out.example.net [203.0.113.9]) by mx.example.org (Postfix) with ESMTPS id 1; Mon, 8 Jan 2024 10:00:05 +0000\n";

    #[test]
    fn fires_on_trusted_dmarc_fail() {
        let input = format!(
            "Authentication-Results: mx.example.org; spf=pass smtp.mailfrom=bounce@mailer.example.com; dkim=none; dmarc=fail (p=QUARANTINE dis=QUARANTINE) header.from=example.net\n{RECEIVED}From: Shop <news@example.net>\n"
        );
        let report = analyze(&input);
        let found = with_id(&report, super::META.id);
        assert_eq!(found.len(), 1);
        let f = found[0];
        assert_eq!(f.title, "DMARC failed at mx.example.org for example.net (quarantine)");
        assert_eq!(f.evidence[0].text, "dmarc=fail");
        let span = f.evidence[0].span;
        assert_eq!(input.get(span.start()..span.end()), Some("dmarc=fail"));
        assert!(f.detail.contains("SPF pass for the envelope domain mailer.example.com"));
        // Sent by the From domain's own server (out.example.net): no spoof; the missing DKIM signature explains
        // the failure and carries the DKIM advice, the unaligned envelope the SPF advice.
        assert!(report.route.impersonation.is_none());
        assert_eq!(f.caused_by, Some(crate::model::FindingId::DmarcDkimUnaligned));
        assert!(f.fix.is_none());
        let spf = with_id(&report, crate::model::FindingId::DmarcSpfUnaligned);
        assert_eq!(spf[0].severity, crate::model::Severity::High, "the receiver reported dmarc=fail");
        assert!(spf[0].fix.as_ref().is_some_and(|x| x.steps[0].contains("custom MAIL FROM")));
    }

    /// `action=oreject` says Microsoft 365 overrode the domain's reject; where the message went is the delivery
    /// verdict's to tell, never assumed.
    #[test]
    fn an_overridden_reject_is_worded_after_where_the_message_landed() {
        let fixture = include_str!("../../tests/fixtures/route/hybrid-inbound-through-onprem.eml");
        let report = analyze(fixture);
        let f = with_id(&report, super::META.id)[0];
        assert!(
            f.detail.contains("overrode that and did not reject it; this message was delivered to the Inbox"),
            "{}",
            f.detail
        );
        assert!(!f.detail.contains("junk"), "{}", f.detail);
        // Behind the receiving organisation's own servers: the connector's SPF check is the one root cause.
        assert_eq!(f.caused_by, Some(crate::model::FindingId::SpfNotPass));
        assert_eq!(f.owner, crate::model::Owner::ReceivingOrg);
        let junk = analyze(&fixture.replace("dest:I;", "dest:J;"));
        assert!(
            with_id(&junk, super::META.id)[0].detail.contains("this message went to the Junk Email folder")
        );
        let unknown = analyze(
            &fixture
                .replace("X-Microsoft-Antispam-Mailbox-Delivery: ucf:0;jmr:0;auth:0;dest:I;\n", "")
                .replace("SFV:SKN;", "")
                .replace("SCL:-1;", "")
                .replace("X-MS-Exchange-Organization-SCL: -1\n", ""),
        );
        let d = &with_id(&unknown, super::META.id)[0].detail;
        assert!(d.contains("these headers do not show where this message landed"), "{d}");
        // An SPF result `spf-not-pass` does not fire on (neutral) is no cause to point at.
        let neutral = analyze(&fixture.replace("spf=softfail", "spf=neutral"));
        assert!(with_id(&neutral, crate::model::FindingId::SpfNotPass).is_empty());
        assert_eq!(with_id(&neutral, super::META.id)[0].caused_by, Some(crate::model::FindingId::DkimFail));
    }

    #[test]
    fn quiet_on_pass_and_on_upstream_fail() {
        let pass = analyze(&format!(
            "Authentication-Results: mx.example.org; dmarc=pass header.from=example.net\n{RECEIVED}Authentication-Results: mx.example.org; dmarc=fail header.from=example.net\nFrom: a@example.net\n"
        ));
        assert!(with_id(&pass, super::META.id).is_empty());
    }
}
