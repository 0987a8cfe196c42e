//! `auth-results-forged`: see [`META`] for what it checks, why it matters and the fix.

use crate::catalog::{Text, msg};
use crate::diagnostics::{Ctx, Meta};
use crate::model::{Finding, FindingId, Owner, Severity};

pub(crate) const META: Meta = Meta {
    id: FindingId::AuthResultsForged,
    severity: Severity::High,
    owner: Owner::ReceivingOrg,
    what: "An Authentication-Results field that claims the receiving organisation's own authserv-id but sits below \
         the Received field where the message entered that organisation.",
    why: "Each server adds its fields above those already there, so a field below the receiver's own Received field \
         was in the message before the receiver got it: someone else wrote it, usually to make a forged message look \
         authenticated. RFC 8601 §5 says a receiver should remove such fields on arrival. headerlens never uses it in \
         a verdict.",
    fix: "Make the receiving server (or its filter) delete Authentication-Results fields carrying its own \
         authserv-id from incoming mail before it adds its own.",
};

pub(crate) fn check(ctx: &Ctx<'_>, acc: &mut Vec<Finding>) {
    let forged: Vec<_> = ctx.authentication.results.iter().filter(|r| r.forged).collect();
    let Some(first) = forged.first() else { return };
    let id = first.parsed.authserv_id.clone().unwrap_or_default();
    let claims: Vec<String> =
        forged.iter().flat_map(|r| r.parsed.methods.iter().map(|m| m.verdict.clone())).collect();
    let evidence: Vec<_> =
        forged.iter().filter_map(|r| ctx.headers.get(r.header_index).map(|f| ctx.evidence(f))).collect();
    let claimed: Text = if claims.is_empty() {
        msg!("auth-results-forged.no-result").into()
    } else {
        claims.join(", ").into()
    };
    META.finding(
        msg!("auth-results-forged.title", id),
        msg!("auth-results-forged.detail", n = forged.len(), id, claimed),
    )
    .evidence(evidence)
    .fix(msg!("auth-results-forged.fix", id))
    .steps([msg!("auth-results-forged.step-remove", id), msg!("auth-results-forged.step-suspicious")])
    .references([
        "RFC 8601 §5 (removing Authentication-Results fields on arrival), §7.1 (forged header fields)",
    ])
    .push(acc);
}

#[cfg(test)]
mod tests {
    use crate::diagnostics::test_support::{analyze, with_id};

    const FORGED: &str = "Authentication-Results: mx.example.org; spf=softfail smtp.mailfrom=example.net\n\
        Received: from relay.example.net (relay.example.net [203.0.113.9]) by mx.example.org (Postfix) with ESMTP id Q1; Tue, 04 Aug 2026 11:00:00 +0200\n\
        Authentication-Results: mx.example.org; spf=pass smtp.mailfrom=example.net; dmarc=pass header.from=example.net\n\
        Received: from client.example.net (client.example.net [198.51.100.4]) by relay.example.net (Postfix) with ESMTP id R1; Tue, 04 Aug 2026 10:59:58 +0200\n\
        From: a@example.net\n";

    #[test]
    fn fires_for_the_receivers_id_below_its_received() {
        let report = analyze(FORGED);
        let found = with_id(&report, super::META.id);
        assert_eq!(found.len(), 1);
        assert!(found[0].detail.contains("spf=pass, dmarc=pass"), "{}", found[0].detail);
        assert!(found[0].evidence[0].text.starts_with("mx.example.org; spf=pass"));
    }

    #[test]
    fn quiet_for_results_of_another_organisation_below() {
        let other = FORGED.replace(
            "Authentication-Results: mx.example.org; spf=pass",
            "Authentication-Results: relay.example.net; spf=pass",
        );
        assert!(with_id(&analyze(&other), super::META.id).is_empty());
    }
}
