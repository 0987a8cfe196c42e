//! `auth-upstream-only`: see [`META`] for what it checks, why it matters and the fix.

use crate::auth::Trust;
use crate::catalog::{Text, msg};
use crate::diagnostics::{Ctx, Meta};
use crate::model::{Finding, FindingId, Owner, Severity};

pub(crate) const META: Meta = Meta {
    id: FindingId::AuthUpstreamOnly,
    severity: Severity::Info,
    owner: Owner::ReceivingOrg,
    what: "The message carries authentication results (Authentication-Results, ARC-Authentication-Results, \
          X-MS-Exchange-Authentication-Results or Received-SPF), but none was stamped by the final receiving organisation: \
          they all sit below the hop where the message entered it, or were written by a system that handed the message \
          on to another organisation which added nothing (see `crate::auth::receiver` for the rule).",
    why: "Results written before the message reached the receiver are claims, not evidence: a sender can paste \
         `dmarc=pass` into its own headers. No verdict in this report is based on them.",
    fix: "Use the headers of the copy in the recipient's mailbox, taken after delivery, or turn on SPF/DKIM/DMARC \
         checking (and Authentication-Results stamping) at the receiving server. When that server is a shared \
         provider's (Exchange Online, Gmail, a filtering service), nobody reading the headers can change what it \
         checks: the finding is then nobody's and its one step is to take the delivered copy.",
};

pub(crate) fn check(ctx: &Ctx<'_>, acc: &mut Vec<Finding>) {
    let a = ctx.authentication;
    let any_trusted = a.results.iter().any(|r| r.trust == Trust::Trusted)
        || a.received_spf.iter().any(|s| s.trust == Trust::Trusted);
    if any_trusted || (a.results.is_empty() && a.received_spf.is_empty()) {
        return;
    }
    // Point at the first result of the topmost upstream field of each kind.
    let mut evidence = Vec::new();
    if let Some(r) = a.results.first()
        && let Some(field) = ctx.headers.get(r.header_index)
    {
        evidence.push(match (r.parsed.methods.first(), r.parsed.authserv_id.as_deref()) {
            (Some(m), _) => ctx.evidence_at(field, m.verdict_span),
            (None, Some(id)) => ctx.evidence_for(field, id),
            (None, None) => ctx.evidence_for_tag(field, ""),
        });
    }
    if let Some(s) = a.received_spf.first()
        && let Some(field) = ctx.headers.get(s.header_index)
    {
        evidence.push(ctx.evidence_at(field, s.record.result_span));
    }
    let writers: Vec<String> = {
        let mut w: Vec<String> = a.results.iter().filter_map(|r| r.parsed.authserv_id.clone()).collect();
        w.dedup();
        w
    };
    let who: Text = if writers.is_empty() {
        msg!("auth-upstream-only.an-upstream-system").into()
    } else {
        writers.join(", ").into()
    };
    let why: Text = a
        .receiver
        .as_ref()
        .map(|r| r.explanation.clone())
        .unwrap_or_else(|| msg!("auth-upstream-only.no-receiver").into());
    let delivered = a.receiver.as_ref().and_then(|r| r.delivered_by.clone());
    // A shared provider's server (Exchange Online, Gmail, a filtering service) checks and stamps as its provider
    // decides: nobody reading these headers can enable anything there, so the only step left is the reader's own.
    let provider = delivered.as_deref().and_then(crate::net::provider_running);
    let finding = META
        .finding(msg!("auth-upstream-only.title", who), msg!("auth-upstream-only.detail", why))
        .likely()
        .evidence(evidence);
    let finding = match (delivered, provider) {
        (Some(by), Some(p)) => finding.owner(Owner::Nobody).fix(msg!("auth-upstream-only.fix-copy")).steps([
            msg!("auth-upstream-only.step-copy"),
            msg!("auth-upstream-only.step-provider", by, provider = p.name),
        ]),
        (delivered, _) => finding.fix(msg!("auth-upstream-only.fix")).steps([
            msg!("auth-upstream-only.step-copy"),
            match delivered {
                Some(by) => msg!("auth-upstream-only.step-enable-at", by),
                None => msg!("auth-upstream-only.step-enable"),
            },
        ]),
    };
    finding.references(["RFC 8601 §5 Removing Existing Header Fields, §7.1 Forged Header Fields"]).push(acc);
}

#[cfg(test)]
mod tests {
    use crate::auth::Trust;
    use crate::diagnostics::test_support::{analyze, with_id};

    #[test]
    fn fires_when_the_final_receiver_stamped_nothing() {
        let report = analyze(
            "Received: from relay.example.org (relay.example.org [198.51.100.4]) by mail.example.net (Postfix) with ESMTPS id 9; Mon, 8 Jan 2024 10:00:09 +0000\n\
             Authentication-Results: relay.example.org; dmarc=pass header.from=example.com\n\
             Received: from out.example.com (out.example.com [203.0.113.9]) by relay.example.org (Postfix) with ESMTPS id 1; Mon, 8 Jan 2024 10:00:05 +0000\n",
        );
        assert_eq!(report.authentication.results[0].trust, Trust::Upstream);
        let found = with_id(&report, super::META.id);
        assert_eq!(found.len(), 1);
        assert!(found[0].title.contains("relay.example.org"));
        assert!(found[0].detail.contains("went on to mail.example.net"));
        assert_eq!(found[0].evidence[0].text, "dmarc=pass");
        assert!(report.authentication.verdicts.is_empty());
    }

    /// When a shared provider's server delivered the message, nobody reading the headers can enable checks on
    /// it: no milter advice, nobody's finding, and the one step is to take the delivered copy.
    #[test]
    fn no_advice_for_a_providers_server() {
        let report = analyze(
            "Received: from relay.example.org (relay.example.org [198.51.100.4]) by mx.google.com with ESMTPS id 9; Mon, 8 Jan 2024 10:00:09 +0000\n\
             Authentication-Results: relay.example.org; dmarc=pass header.from=example.com\n\
             Received: from out.example.com (out.example.com [203.0.113.9]) by relay.example.org (Postfix) with ESMTPS id 1; Mon, 8 Jan 2024 10:00:05 +0000\n",
        );
        let found = with_id(&report, super::META.id);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].owner, crate::model::Owner::Nobody);
        let fix = found[0].fix.as_ref().unwrap();
        let steps = fix.steps.iter().map(ToString::to_string).collect::<Vec<_>>().join(" ");
        assert!(!steps.contains("milter") && !steps.contains("enable SPF"), "{steps}");
        assert!(steps.contains("mx.google.com is a server of Google"), "{steps}");
        assert!(!fix.summary.contains("receiving server"), "{}", fix.summary);
    }

    #[test]
    fn quiet_with_a_trusted_result_or_none_at_all() {
        let trusted = analyze(
            "Authentication-Results: mail.example.net; dmarc=pass header.from=example.com\n\
             Received: from out.example.com (out.example.com [203.0.113.9]) by mail.example.net (Postfix) with ESMTPS id 1; Mon, 8 Jan 2024 10:00:05 +0000\n",
        );
        assert!(with_id(&trusted, super::META.id).is_empty());
        let none = analyze("From: a@example.com\n");
        assert!(with_id(&none, super::META.id).is_empty());
    }
}
