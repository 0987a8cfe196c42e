//! `dkim-lint`: see [`META`] for what it checks, why it matters and the fix.

use crate::catalog::{Text, msg};
use crate::diagnostics::{Ctx, Meta};
use crate::model::{Finding, FindingId, Owner, Severity};

pub(crate) const META: Meta = Meta {
    id: FindingId::DkimLint,
    severity: Severity::Medium,
    owner: Owner::SendingOrg,
    what: "Each DKIM-Signature, read offline (RFC 6376 §3.5): required tags present (`v a b bh d h s`), `v=1`, From \
          among the signed headers (§5.4), `i=` equal to or under `d=`, no `l=` body-length limit (§8.2), no `rsa-sha1` \
          (RFC 8301), a known algorithm, `x=` after `t=`, and not expired when the receiving server stamped the message. \
          One finding per signature with problems, listing them.",
    why: "Most of these make verifiers reject the signature outright, whatever the key in DNS says; `l=` lets anyone \
         append content to a signed message. The signature itself cannot be verified offline (that needs the key).",
    fix: "Change the signer's configuration: sign From, use rsa-sha256 (or ed25519-sha256) with a key of 2048 bits, \
         drop the body-length limit, keep `i=` within `d=`, and give signatures an expiry longer than delivery takes. \
         A mail provider's own signature (gmail.com, a sending service's domain) gets no fix: only the provider \
         writes it, so the finding is low and for nobody to act on.",
};

pub(crate) fn check(ctx: &Ctx<'_>, acc: &mut Vec<Finding>) {
    for sig in &ctx.authentication.dkim {
        if sig.lint.is_empty() {
            continue;
        }
        let Some(field) = ctx.headers.get(sig.header_index) else { continue };
        let domain: Text = match &sig.domain {
            Some(d) => d.into(),
            None => msg!("dkim-lint.an-unnamed-domain").into(),
        };
        let severity = sig.lint.iter().map(|l| l.severity).max().unwrap_or(Severity::Low);
        let mut evidence = Vec::new();
        for l in &sig.lint {
            let e = match (&l.tag, l.code) {
                (Some(tag), _) => ctx.evidence_for_tag(field, tag.split('=').next().unwrap_or_default()),
                (None, "from-not-signed") => ctx.evidence_for_tag(field, "h"),
                (None, _) => ctx.evidence_for_tag(field, "d"),
            };
            if !evidence.contains(&e) {
                evidence.push(e);
            }
        }
        let mut steps = Vec::new();
        for l in &sig.lint {
            let step = match l.code {
                "missing-tag" | "bad-version" => msg!("dkim-lint.step-required-tags"),
                "from-not-signed" => msg!("dkim-lint.step-sign-from", domain),
                "auid-outside-domain" => msg!("dkim-lint.step-identity", domain),
                "body-length-limit" => msg!("dkim-lint.step-body-length", domain),
                "rsa-sha1" => msg!("dkim-lint.step-sha256-2048", domain),
                "unknown-algorithm" => msg!("dkim-lint.step-algorithm", domain),
                "expiry-before-timestamp" | "expired-at-receipt" => msg!("dkim-lint.step-expiry", domain),
                _ => continue,
            };
            if !steps.contains(&step) {
                steps.push(step);
            }
        }
        let receiver = sig.receiver_result.as_deref().map(|r| msg!("dkim-lint.receiver-reported", r));
        let problems = Text::join_clauses(sig.lint.iter().map(|l| &l.message));
        let finding = META
            .finding(
                {
                    let selector = sig.selector.as_deref().map(|s| msg!("dkim-fail.selector", s));
                    if sig.lint.len() == 1 {
                        msg!("dkim-lint.title-one", domain, selector)
                    } else {
                        msg!("dkim-lint.title", domain, selector, n = sig.lint.len())
                    }
                },
                msg!("dkim-lint.detail", problems, receiver),
            )
            .severity(severity)
            .evidence(evidence);
        // A mail provider's own signature: the provider writes it, so nobody reading these headers can change
        // it (and a malformed one was likely changed on the way or forged).
        if sig.domain.as_deref().is_some_and(crate::diagnostics::dkim_fail::is_provider_domain) {
            finding
                .severity(severity.min(Severity::Low))
                .owner(Owner::Nobody)
                .append_detail(msg!("dkim-lint.provider-note", domain))
                .push(acc);
            continue;
        }
        finding
            .fix(msg!("dkim-lint.fix", domain))
            .steps(steps)
            .commands(
                sig.selector
                    .as_deref()
                    .zip(sig.domain.as_deref())
                    .map(|(s, d)| vec![format!("dig +short TXT {s}._domainkey.{d}")])
                    .unwrap_or_default(),
            )
            .references(["RFC 6376 §3.5 The DKIM-Signature header field", "RFC 8301"])
            .push(acc);
    }
}

#[cfg(test)]
mod tests {
    use crate::diagnostics::test_support::{analyze, with_id};
    use crate::model::Severity;

    #[test]
    fn fires_with_each_problem_as_evidence() {
        let input = "Received: from a.example.com (a.example.com [203.0.113.5]) by mx.example.org (Postfix) with ESMTPS id 1; Wed, 15 Nov 2023 01:34:20 +0000\n\
                     DKIM-Signature: v=1; a=rsa-sha1; d=example.com; s=old; l=200; t=1700000000; x=1700000060;\n h=To:Subject; bh=abc=; b=Zm9v\n";
        let report = analyze(input);
        let found = with_id(&report, super::META.id);
        assert_eq!(found.len(), 1);
        let f = found[0];
        assert_eq!(f.severity, Severity::Medium);
        assert_eq!(f.title, "DKIM signature of example.com (selector old) has 4 problems");
        let texts: Vec<&str> = f.evidence.iter().map(|e| e.text.as_str()).collect();
        assert_eq!(texts, ["h=To:Subject", "l=200", "a=rsa-sha1", "x=1700000060"]);
        for e in &f.evidence {
            assert_eq!(input.get(e.span.start()..e.span.end()), Some(e.text.as_str()));
        }
        assert!(
            f.detail.contains("expired 3 h 20 min before the receiving server stamped the message"),
            "{}",
            f.detail
        );
    }

    #[test]
    fn quiet_on_a_clean_signature() {
        let report = analyze(
            "DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=example.com; s=s1; h=from:to:subject; bh=abc=; b=Zm9v\n",
        );
        assert!(with_id(&report, super::META.id).is_empty());
    }
}
