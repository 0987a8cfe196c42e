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
    let mut steps = vec![format!(
        "Sign outgoing mail for {from_domain} with DKIM using d={from_domain} (or a subdomain of it) at the service that sent this message, and publish its selector record."
    )];
    steps.push(match (&envelope_domain, &ip) {
        (Some(d), Some(ip)) if !d.eq_ignore_ascii_case(&from_domain) => format!(
            "Or make SPF align: send with an envelope sender (Return-Path) under {from_domain} instead of {d}, and list {ip} in that domain's SPF record."
        ),
        (_, Some(ip)) => format!("Or make SPF pass: list {ip} in the SPF record of {from_domain}."),
        _ => format!("Or make SPF align: send with an envelope sender under {from_domain} whose SPF record lists the sending server."),
    });
    steps.push(format!(
        "Read the DMARC aggregate reports for {from_domain} (rua= address) to find every service that sends as it."
    ));
    META.finding(
        format!("DMARC failed at {receiver} for {from_domain} ({})", policy.as_deref().unwrap_or("policy not stated")),
        format!(
            "{receiver}, the receiving organisation, checked DMARC for the From domain {from_domain} and it failed ({policy_words}). \
             DMARC passes only when SPF passes for an envelope domain aligned with {from_domain} or a DKIM signature with d= aligned \
             with {from_domain} passes.{facts}"
        ),
    )
    .evidence(evidence)
    .fix(format!("Make SPF or DKIM pass for a domain aligned with {from_domain}"))
    .steps(steps)
    .commands([format!("dig +short TXT _dmarc.{from_domain}")])
    .verify([format!(
        "Send a new message to a mailbox you control and check that the receiver's Authentication-Results shows dmarc=pass header.from={from_domain}"
    )])
    .references(["RFC 7489 §3.1 Identifier Alignment"])
    .push(acc);
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
        let fix = f.fix.as_ref().expect("fix");
        assert!(
            fix.steps[1].contains("instead of mailer.example.com, and list 203.0.113.9"),
            "{:?}",
            fix.steps
        );
        assert_eq!(fix.commands, ["dig +short TXT _dmarc.example.net"]);
    }

    #[test]
    fn quiet_on_pass_and_on_upstream_fail() {
        let pass = analyze(&format!(
            "Authentication-Results: mx.example.org; dmarc=pass header.from=example.net\n{RECEIVED}Authentication-Results: mx.example.org; dmarc=fail header.from=example.net\nFrom: a@example.net\n"
        ));
        assert!(with_id(&pass, super::META.id).is_empty());
    }
}
