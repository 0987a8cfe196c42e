//! `dkim-fail`: see [`META`] for what it checks, why it matters and the fix.

use crate::auth::Trust;
use crate::catalog::{Text, msg};
use crate::diagnostics::{Ctx, Meta};
use crate::domain;
use crate::model::{Finding, FindingId, Owner, Severity};

pub(crate) const META: Meta = Meta {
    id: FindingId::DkimFail,
    severity: Severity::Medium,
    owner: Owner::SendingOrg,
    what: "The trusted receiver reported a DKIM signature as `fail`, `neutral`, `policy`, `permerror` or `temperror` \
          (RFC 8601 §2.7.1). Upstream claims are ignored.",
    why: "A signature that does not verify counts for nothing in DMARC. When it was the only signature aligned with the \
         From domain, DMARC then depends on SPF alone, which breaks as soon as the message is forwarded. The usual \
         causes: the body or a signed header changed in transit (mailing-list footers, subject tags, disclaimers, \
         security gateways rewriting links), or the public key in DNS does not match the signing key.",
    fix: "Body hash did not verify: sign after the last change (add disclaimers before signing, exempt the message \
         from rewriting) or accept it for list traffic with ARC. Signature did not verify: publish the key that matches \
         the signer's private key at `<selector>._domainkey.<domain>`. When every failed signature is a mail \
         provider's own (a consumer mailbox domain such as gmail.com, or a sending service's domain), its key is the \
         provider's: the finding is low, owned by whoever changed the message on the way, and no DNS is advised.",
};

const FAILED: &[&str] = &["fail", "neutral", "policy", "permerror", "temperror"];

pub(crate) fn check(ctx: &Ctx<'_>, acc: &mut Vec<Finding>) {
    let a = ctx.authentication;
    // `neutral (no sig)` is how some receivers say "not signed"; that is not a failed signature.
    let unsigned = |m: &crate::auth::results::MethodResult| {
        m.comments.iter().any(|c| {
            let c = c.to_ascii_lowercase();
            c.contains("no sig") || c.contains("not signed")
        })
    };
    let failed: Vec<_> = a
        .trusted_methods("dkim")
        .filter(|(_, m)| FAILED.contains(&m.result.as_str()) && !unsigned(m))
        .collect();
    if failed.is_empty() {
        return;
    }
    let receiver = a.receiver_name();
    let passed: Vec<String> = a
        .trusted_methods("dkim")
        .filter(|(_, m)| m.result == "pass")
        .filter_map(|(_, m)| {
            m.property("header", "d").or_else(|| m.property("header", "i")).and_then(domain::domain_of)
        })
        .collect();
    let mut evidence = Vec::new();
    let mut lines = Vec::new();
    let mut steps = Vec::new();
    let mut commands = Vec::new();
    for (results, m) in &failed {
        evidence.push(ctx.evidence_at(&ctx.headers[results.header_index], m.verdict_span));
        let domain =
            m.property("header", "d").or_else(|| m.property("header", "i")).and_then(domain::domain_of);
        let domain_text: Text = match &domain {
            Some(d) => d.into(),
            None => msg!("dkim-fail.an-unnamed-domain").into(),
        };
        let domain = domain.unwrap_or_default();
        let selector = m.property("header", "s").map(str::to_string).or_else(|| {
            a.dkim
                .iter()
                .find(|s| s.domain.as_deref().is_some_and(|d| d.eq_ignore_ascii_case(&domain)))
                .and_then(|s| s.selector.clone())
        });
        let why = m.reason.clone().or_else(|| m.comments.first().cloned());
        let selector_text = selector.as_deref().map(|s| msg!("dkim-fail.selector", s));
        let why_text = why.as_deref().map(|w| format!(" ({w})"));
        lines.push(msg!(
            "dkim-fail.sig-result",
            domain = domain_text,
            selector = selector_text,
            result = m.result,
            why = why_text
        ));
        let why_lower = why.as_deref().unwrap_or_default().to_ascii_lowercase();
        if why_lower.contains("body hash") {
            steps.push(msg!("dkim-fail.step-body", domain = domain_text));
        } else {
            let record = selector
                .as_deref()
                .map(|s| msg!("dkim-fail.at-record", record = format!("{s}._domainkey.{domain}")));
            steps.push(msg!("dkim-fail.step-key", domain = domain_text, record));
        }
        if let Some(s) = selector.as_ref().filter(|_| !domain.is_empty()) {
            let cmd = format!("dig +short TXT {s}._domainkey.{domain}");
            if !commands.contains(&cmd) {
                commands.push(cmd);
            }
        }
    }
    steps.dedup();
    let other = if passed.is_empty() {
        msg!("dkim-fail.no-other-passed")
    } else {
        msg!("dkim-fail.other-passed", passed = passed.join(", "))
    };
    let upstream_pass = a.dkim.iter().any(|s| {
        s.reported.iter().any(|r| r.trust == Trust::Upstream && r.result == "pass")
            && s.receiver_result.as_deref().is_some_and(|r| r != "pass")
    });
    let transit = upstream_pass.then(|| msg!("dkim-fail.transit"));
    // The signing domain of each failed result, once each.
    let signer = |m: &crate::auth::results::MethodResult| {
        m.property("header", "d").or_else(|| m.property("header", "i")).and_then(domain::domain_of)
    };
    let signers: Vec<String> = failed.iter().filter_map(|(_, m)| signer(m)).fold(Vec::new(), |mut v, d| {
        if !v.contains(&d) {
            v.push(d);
        }
        v
    });
    let finding = META
        .finding(
            msg!(
                "dkim-fail.title",
                receiver,
                results = failed
                    .iter()
                    .map(|(_, m)| format!("{} {}", signer(m).unwrap_or_default(), m.result)
                        .trim()
                        .to_string())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            msg!("dkim-fail.detail", receiver, lines = Text::join_clauses(lines), other, transit),
        )
        .evidence(evidence)
        .references(["RFC 6376 §6.1 Verifying a signature", "RFC 8601 §2.7.1 DKIM results"]);
    // Every failed signature is a mail provider's own (gmail.com, outlook.com, a sending service's domain): its
    // key is the provider's, so the only fix is on the way, where something changed the message.
    let provider_signed = failed.iter().all(|(_, m)| signer(m).is_some_and(|d| is_provider_domain(&d)));
    if provider_signed {
        let domains = signers.join(", ");
        finding
            .severity(Severity::Low)
            .owner(Owner::Intermediary)
            .likely()
            .append_detail(msg!("dkim-fail.provider-note", domains))
            .fix(msg!("dkim-fail.fix-provider", domains))
            .steps([msg!("dkim-fail.step-provider", domains)])
            .push(acc);
    } else {
        finding
            .severity(if passed.is_empty() { Severity::Medium } else { Severity::Low })
            .fix(msg!("dkim-fail.fix"))
            .steps(steps)
            .commands(commands)
            .push(acc);
    }
}

/// A mail provider's or sending service's own domain (a consumer mailbox domain, or a provider's host domain):
/// its DKIM keys are the provider's alone.
pub(crate) fn is_provider_domain(domain: &str) -> bool {
    crate::net::is_consumer_mailbox_domain(domain) || crate::net::provider_of_host(domain).is_some()
}

#[cfg(test)]
mod tests {
    use crate::diagnostics::test_support::{analyze, with_id};
    use crate::model::Severity;

    const RECEIVED: &str = "Received: from out.example.com (out.example.com [203.0.113.44]) by mail.example.org (Postfix) with ESMTPS id 1; Fri, 17 May 2024 16:04:21 +0200\n";

    #[test]
    fn fires_on_a_failed_signature_with_the_selector_filled_in() {
        let report = analyze(&format!(
            "Authentication-Results: mail.example.org; dkim=fail reason=\"signature verification failed\" header.d=example.com header.s=k2 header.b=\"AbCd\"\n{RECEIVED}"
        ));
        let found = with_id(&report, super::META.id);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].severity, Severity::Medium);
        assert_eq!(found[0].evidence[0].text, "dkim=fail");
        assert!(found[0].detail.contains(
            "the signature of example.com (selector k2): dkim=fail (signature verification failed)"
        ));
        assert_eq!(
            found[0].fix.as_ref().map(|f| f.commands.clone()),
            Some(vec!["dig +short TXT k2._domainkey.example.com".into()])
        );
    }

    #[test]
    fn body_hash_failure_next_to_a_pass_is_low() {
        let report = analyze(&format!(
            "Authentication-Results: mail.example.org; dkim=pass header.i=@lists.example.net; dkim=neutral (body hash did not verify) header.i=@example.com header.s=k1\n{RECEIVED}"
        ));
        let f = with_id(&report, super::META.id)[0];
        assert_eq!(f.severity, Severity::Low);
        assert!(f.fix.as_ref().is_some_and(|x| {
            x.steps[0].starts_with("The body of the message changed after example.com signed it")
        }));
    }

    #[test]
    fn quiet_when_all_pass_or_only_upstream_fails() {
        let report = analyze(&format!(
            "Authentication-Results: mail.example.org; dkim=pass header.d=example.com\n{RECEIVED}Authentication-Results: mail.example.org; dkim=fail header.d=example.com\n"
        ));
        assert!(with_id(&report, super::META.id).is_empty());
        let unsigned =
            analyze(&format!("Authentication-Results: mail.example.org; dkim=neutral (no sig)\n{RECEIVED}"));
        assert!(with_id(&unsigned, super::META.id).is_empty());
    }
}
