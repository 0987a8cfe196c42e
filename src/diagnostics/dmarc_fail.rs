//! `dmarc-fail`: see [`META`] for what it checks, why it matters and the fix.

use crate::auth::dmarc_policy;
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
         `p=reject` sends the message to junk or bounces it; Microsoft 365 writes `action=oreject` when it quarantines \
         instead of rejecting.",
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
        .unwrap_or_else(|| "the From domain".to_string());
    let policy = dmarc_policy(m);
    let policy_words = match policy.as_deref() {
        Some("reject") => "policy reject: the receiver may bounce such mail".to_string(),
        Some("quarantine") => "policy quarantine: such mail goes to junk".to_string(),
        Some("none") => "policy none: reported only, no action".to_string(),
        Some("oreject" | "o.reject") => {
            "action oreject: the domain asks for reject; Microsoft 365 delivered it to junk instead"
                .to_string()
        }
        Some("pct.quarantine" | "pct.reject") => {
            "the policy's pct sampling skipped the action for this message".to_string()
        }
        Some(p) => format!("policy {p}"),
        None => "policy not stated".to_string(),
    };

    let envelope =
        a.envelope_sender().or_else(|| ctx.summary.return_path.first().and_then(|rp| rp.address.clone()));
    let envelope_domain = envelope.as_deref().and_then(domain::domain_of);
    let spf = a.trusted_methods("spf").next().map(|(_, m)| m.result.clone());
    let dkim: Vec<String> = a
        .trusted_methods("dkim")
        .map(|(_, m)| match m.property("header", "d").or_else(|| m.property("header", "i")) {
            Some(d) => format!("{} for {d}", m.result),
            None => m.result.clone(),
        })
        .collect();
    let mut facts = Vec::new();
    match (&spf, &envelope_domain) {
        (Some(r), Some(d)) => facts.push(format!("SPF {r} for the envelope domain {d}")),
        (Some(r), None) => facts.push(format!("SPF {r}")),
        _ => {}
    }
    if !dkim.is_empty() {
        facts.push(format!("DKIM {}", dkim.join(", ")));
    }
    let facts = if facts.is_empty() {
        String::new()
    } else {
        format!(" The same receiver reported {}.", facts.join("; "))
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
    let (severity, owner) = if route.impersonation.is_some() {
        (META.severity, Owner::ReceivingOrg)
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
            format!("DMARC failed at {receiver} for {from_domain} ({})", policy.as_deref().unwrap_or("policy not stated")),
            format!(
                "{receiver}, the receiving organisation, checked DMARC for the From domain {from_domain} and it failed ({policy_words}). \
                 DMARC passes only when SPF passes for an envelope domain aligned with {from_domain} or a DKIM signature with d= aligned \
                 with {from_domain} passes.{facts}"
            ),
        )
        .severity(severity)
        .owner(owner)
        .evidence(evidence);
    let builder = if let Some(imp) = &route.impersonation {
        builder
            .append_detail(format!(
                " The message likely pretends to come from {from_domain} ({}): nothing in {from_domain}'s DNS needs to change; this is for the recipient's administrators.",
                imp.reason
            ))
            .likely()
            .fix(format!("Treat it as a likely spoof of {from_domain} (recipient side)"))
            .steps(crate::diagnostics::recipient_side_steps(&from_domain))
            .references(["RFC 7489 §6.6", "Microsoft Learn: Anti-spoofing protection in EOP"])
    } else if arc_override {
        builder.append_detail(format!(
            " The receiver reported arc=pass and accepted the message on the {} ARC seal: a list or forwarder broke the original authentication, and the receiver trusted its account of it. Nothing to change.",
            if route.list.is_some() { "list's" } else { "forwarder's" }
        ))
    } else if route.redistributed() {
        builder
            .append_detail(" The message was re-sent by a list or forwarder, which broke the authentication the author's domain set up.")
            .fix("The list or forwarder should keep DMARC working (intermediary)")
            .steps([
                "A mailing list: rewrite From to the list's address when the author's domain has a DMARC policy (Mailman: dmarc_moderation_action = Munge From), or leave the body and signed fields unchanged so the author's DKIM signature survives.".to_string(),
                "A forwarder: rewrite the envelope sender (SRS) and add an ARC seal, so receivers can trust the original results.".to_string(),
            ])
            .references(["RFC 7960 (DMARC and indirect mail flows)", "RFC 8617 (ARC)"])
    } else if consumer {
        builder
            .fix(format!("Do not send as {from_domain} from your own servers"))
            .steps([
                format!("{from_domain} is a consumer mailbox domain: only its provider controls its SPF and DKIM, so mail sent as {from_domain} by anyone else fails DMARC."),
                "Send from an address in your own domain; for a web form, put the visitor's address in Reply-To instead of From.".to_string(),
            ])
            .references(["RFC 7489 §3.1 Identifier Alignment"])
    } else {
        let mut steps = vec![format!(
            "Sign outgoing mail for {from_domain} with DKIM using d={from_domain} (or a subdomain of it) at the service that sent this message, and publish its selector record."
        )];
        steps.push(crate::diagnostics::spf_authorise_step(
            &from_domain,
            envelope_domain.as_deref(),
            ip.as_deref().and_then(crate::net::parse_ip_text),
        ));
        steps.push(format!(
            "Read the DMARC aggregate reports for {from_domain} (rua= address) to find every service that sends as it."
        ));
        builder
            .fix(format!("Make SPF or DKIM pass for a domain aligned with {from_domain}"))
            .steps(steps)
            .commands([format!("dig +short TXT _dmarc.{from_domain}")])
            .verify([format!(
                "Send a new message to a mailbox you control and check that the receiver's Authentication-Results shows dmarc=pass header.from={from_domain}"
            )])
            .references(["RFC 7489 §3.1 Identifier Alignment"])
    };
    builder.push(acc);
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

    #[test]
    fn quiet_on_pass_and_on_upstream_fail() {
        let pass = analyze(&format!(
            "Authentication-Results: mx.example.org; dmarc=pass header.from=example.net\n{RECEIVED}Authentication-Results: mx.example.org; dmarc=fail header.from=example.net\nFrom: a@example.net\n"
        ));
        assert!(with_id(&pass, super::META.id).is_empty());
    }
}
