//! `dmarc-dkim-unaligned`: see [`META`] for what it checks, why it matters and the fix.

use crate::catalog::{Text, msg};
use crate::diagnostics::{Ctx, Meta, UnalignedJudgment};
use crate::model::{Finding, FindingId, Fix, Owner, Severity};

pub(crate) const META: Meta = Meta {
    id: FindingId::DmarcDkimUnaligned,
    severity: Severity::High,
    owner: Owner::SendingOrg,
    what: "No DKIM-Signature has a `d=` that shares the From domain's organizational domain (RFC 7489 §3.1.1, \
          relaxed mode), computed offline with the embedded Public Suffix List. Unsigned mail is judged only when \
          the envelope domain is known and unaligned (then DMARC certainly fails). Mail signed only by Exchange \
          Online's default `*.onmicrosoft.com` key is left to `dkim-tenant-default`.",
    why: "DMARC passes through DKIM only with an aligned signature. Without one, DMARC depends on aligned SPF, \
         which breaks on forwarding; with neither, DMARC fails.",
    fix: "Sign outgoing mail with DKIM for the From domain (in Exchange Online: `New-DkimSigningConfig \
         -DomainName <domain> -Enabled $true` and the two selector CNAME records). When the From domain is a \
         consumer mailbox domain (gmail.com, xs4all.nl, …) its users cannot sign for it: they send through the \
         provider's own servers or from a domain of their own, and nothing under the provider's domain is \
         advised; the advice is given once, in `dmarc-spf-unaligned` when that fired too. Mail in a consumer \
         domain whose envelope is aligned is the provider's own: information only.",
};

pub(crate) fn check(ctx: &Ctx<'_>, acc: &mut Vec<Finding>) {
    let Some(al) = ctx.envelope.alignment.as_ref() else { return };
    let Some(from_org) = al.from_organizational_domain.as_deref() else { return };
    // An aligned signature counts only when it passed (RFC 7489 §4.2); one the receiver said nothing about might.
    let aligned: Vec<_> = al.dkim.iter().filter(|d| d.relaxed).collect();
    if aligned.iter().any(|d| d.reported.as_deref().is_none_or(|r| r.eq_ignore_ascii_case("pass"))) {
        return;
    }
    let not_passing = aligned.first().map(|d| (d.domain.clone(), d.reported.clone().unwrap_or_default()));
    let spf_aligned = al.spf_aligned();
    // An aligned envelope domain whose SPF the receiver reported failing carries DMARC no more than an unaligned one.
    let spf_failed = al
        .spf
        .as_ref()
        .filter(|s| s.relaxed)
        .and_then(|s| s.reported.clone())
        .filter(|r| !r.eq_ignore_ascii_case("pass") && !r.eq_ignore_ascii_case("none"));
    // Without a signature, only judge when SPF is known and unaligned: then DMARC certainly fails.
    // (Null sender or unknown envelope: SPF alignment would use names these headers do not settle.)
    if al.dkim.is_empty() && (spf_aligned || al.spf.is_none()) {
        return;
    }
    let from_domain = al.from_domain.as_str();
    let tenant_default = !al.dkim.is_empty()
        && al
            .dkim
            .iter()
            .all(|d| d.domain.to_ascii_lowercase().trim_end_matches('.').ends_with(".onmicrosoft.com"));
    if tenant_default {
        // Exchange Online's default signature is `dkim-tenant-default`'s finding, with its own fix.
        return;
    }
    let signers: Vec<String> = al.dkim.iter().map(|d| format!("d={}", d.domain)).collect();
    let mut detail: Text = if al.dkim.is_empty() {
        msg!("dmarc-dkim-unaligned.no-signature", from_domain)
    } else {
        msg!("dmarc-dkim-unaligned.other-domains", signers = signers.join(", "), from_org)
    }
    .into();
    if let Some((d, r)) = &not_passing {
        detail = msg!("dmarc-dkim-unaligned.aligned-failed", d, r).into();
    }
    let consumer = crate::net::is_consumer_mailbox_domain(from_domain);
    // A mail provider's or sending service's own domain (google.com, amazonses.com): its signing is the
    // provider's alone, nothing its readers or senders can change.
    let provider_domain = !consumer && crate::diagnostics::dkim_fail::is_provider_domain(from_domain);
    let severity_owner = if provider_domain {
        detail.push(msg!("dmarc-dkim-unaligned.provider-domain", from_domain));
        None
    } else if spf_aligned && consumer && spf_failed.is_none() {
        // The provider's own envelope: its signing is the provider's business, nothing for the mailbox's user.
        detail.push(msg!("dmarc-dkim-unaligned.spf-still"));
        detail.push(msg!("consumer.provider-signs", from_domain));
        None
    } else if spf_aligned && spf_failed.is_none() {
        detail.push(msg!("dmarc-dkim-unaligned.spf-still"));
        Some((Severity::Low, Owner::SendingOrg))
    } else {
        if let Some(r) = &spf_failed {
            detail.push(msg!("dmarc-dkim-unaligned.spf-failed", r));
        }
        // The sentences below say the envelope domain is not aligned; with a failing aligned one, only the verdict.
        let envelope_words = spf_failed.is_none();
        match ctx.unaligned_judgment() {
            UnalignedJudgment::Redistributed(how) => {
                detail.push(how);
                None
            }
            UnalignedJudgment::Internal => {
                detail.push(msg!("dmarc-dkim-unaligned.internal"));
                None
            }
            UnalignedJudgment::Impersonation => {
                detail.push(msg!("dmarc-dkim-unaligned.impersonation"));
                None
            }
            UnalignedJudgment::ReceiverPassed => {
                detail.push(msg!("dmarc-dkim-unaligned.receiver-passed"));
                None
            }
            UnalignedJudgment::NoPolicy => {
                if envelope_words {
                    detail.push(msg!("dmarc-dkim-unaligned.no-policy"));
                }
                Some((Severity::Low, Owner::SendingOrg))
            }
            UnalignedJudgment::ReceiverFailed => {
                if envelope_words {
                    detail.push(msg!("dmarc-dkim-unaligned.failed"));
                }
                Some((Severity::High, Owner::SendingOrg))
            }
            UnalignedJudgment::Unknown => {
                if envelope_words {
                    detail.push(msg!("dmarc-dkim-unaligned.unknown"));
                }
                Some((Severity::Medium, Owner::SendingOrg))
            }
        }
    };
    let (severity, owner) = severity_owner.unwrap_or((Severity::Info, Owner::Nobody));
    // The From domain already signs: turning signing on is not the fix. Why its aligned signature did not verify
    // is `dkim-fail`'s finding when that fired (this one is then its consequence), else the detail says what the
    // receiver reported.
    let dkim_failed = acc.iter().any(|f| f.id == FindingId::DkimFail);
    let signs_already = not_passing.is_some();
    let mut evidence: Vec<_> = ctx
        .fields("DKIM-Signature")
        .filter_map(|f| {
            let d = crate::auth::tags::get(&crate::auth::tags::parse(&f.value), "d")?.to_string();
            Some(ctx.evidence_for(f, &format!("d={d}")))
        })
        .collect();
    if let Some(field) = ctx.field("From")
        && let Some(from) = ctx.envelope.from.as_ref()
    {
        evidence.push(ctx.evidence_for(field, &from.address));
    }
    // The same advice is given once: `dmarc-spf-unaligned` (checked before this one) carries it when it fired.
    let said = consumer
        && acc.iter().any(|f| f.id == FindingId::DmarcSpfUnaligned && f.fix.is_some() && f.owner == owner);
    if consumer && owner == Owner::SendingOrg {
        detail.push(msg!("consumer.detail", from_domain));
        if said {
            detail.push(msg!("consumer.same-fix", other = FindingId::DmarcSpfUnaligned.as_str()));
        }
    }
    let fix = if consumer {
        crate::diagnostics::consumer_from_fix(from_domain)
    } else if ctx.envelope.path.hybrid {
        Fix {
            summary: msg!("dmarc-dkim-unaligned.fix-exo", from_domain).into(),
            steps: vec![
                msg!("dmarc-dkim-unaligned.step-create", from_domain).into(),
                msg!("dmarc-dkim-unaligned.step-cname", from_domain).into(),
            ],
            commands: vec![
                format!("New-DkimSigningConfig -DomainName {from_domain} -Enabled $false").into(),
                format!(
                    "Get-DkimSigningConfig -Identity {from_domain} | Format-List Selector1CNAME,Selector2CNAME,Enabled,Status"
                )
                .into(),
                format!("Set-DkimSigningConfig -Identity {from_domain} -Enabled $true").into(),
            ],
            verify: vec![msg!("dmarc-dkim-unaligned.verify-exo", from_domain).into()],
            references: vec![
                "How to use DKIM for email in your custom domain (Microsoft 365)".to_string(),
                "RFC 7489 §3.1.1 (DKIM identifier alignment)".to_string(),
            ],
            ..Fix::default()
        }
    } else {
        Fix {
            summary: msg!("dmarc-dkim-unaligned.fix", from_domain).into(),
            steps: vec![msg!("dmarc-dkim-unaligned.step-sign", from_domain, from_org).into()],
            verify: vec![msg!("dmarc-dkim-unaligned.verify", from_domain).into()],
            references: vec![
                "RFC 7489 §3.1.1 (DKIM identifier alignment)".to_string(),
                "RFC 6376".to_string(),
            ],
            ..Fix::default()
        }
    };
    META.finding(
        if al.dkim.is_empty() {
            msg!("dmarc-dkim-unaligned.title-none", from_domain)
        } else {
            msg!("dmarc-dkim-unaligned.title", from_domain)
        },
        detail,
    )
    .severity(severity)
    .owner(owner)
    .evidence(evidence)
    .with_fix((owner == Owner::SendingOrg && !said && !signs_already).then_some(fix))
    .caused_by((signs_already && dkim_failed).then_some(FindingId::DkimFail))
    .push(acc);
}

#[cfg(test)]
mod tests {
    use crate::diagnostics::test_support::{analyze, with_id};
    use crate::model::Severity;

    #[test]
    fn tenant_default_signature_is_left_to_dkim_tenant_default() {
        let text = "Return-Path: <invoice.ROBOT@AcmeCorp.local>\nDKIM-Signature: v=1; a=rsa-sha256;\n\
                    \td=exampleorg.onmicrosoft.com; s=selector1-exampleorg-onmicrosoft-com; b=x\nFrom: Invoice.Robot@example.org\n";
        let report = analyze(text);
        let dkim = &report.envelope.alignment.as_ref().unwrap().dkim;
        assert_eq!(dkim.len(), 1, "the signature is read");
        assert!(with_id(&report, super::META.id).is_empty());
    }

    #[test]
    fn unsigned_mail_is_judged_only_when_spf_cannot_align() {
        let aligned = analyze("Return-Path: <a@example.com>\nFrom: a@example.com\n");
        assert!(with_id(&aligned, super::META.id).is_empty());
        let unaligned = analyze("Return-Path: <a@esp.example.net>\nFrom: a@example.com\n");
        // No DMARC result from a receiver: a failure only where the domain publishes a policy.
        assert_eq!(with_id(&unaligned, super::META.id)[0].severity, Severity::Medium);
        let other_signer = analyze(
            "Return-Path: <a@example.com>\nDKIM-Signature: v=1; d=esp.example.net; s=s; b=x\nFrom: a@example.com\n",
        );
        assert_eq!(with_id(&other_signer, super::META.id)[0].severity, Severity::Low);
    }

    #[test]
    fn a_failed_aligned_signature_is_left_to_dkim_fail_and_never_gets_a_signing_fix() {
        use crate::model::FindingId;
        let report = analyze(
            "Authentication-Results: mx.example.org; spf=pass smtp.mailfrom=bounce@esp.example.net; dkim=fail (body hash did not verify) header.d=example.com header.s=s1; dmarc=fail (p=REJECT) header.from=example.com\n\
             Received: from mail.example.com (mail.example.com [198.51.100.9]) by mx.example.org with ESMTPS id 1; Mon, 8 Jan 2024 10:00:05 +0000\n\
             DKIM-Signature: v=1; a=rsa-sha256; d=example.com; s=s1; h=from; bh=x; b=y\n\
             Return-Path: <bounce@esp.example.net>\nFrom: news@example.com\nTo: a@example.org\n",
        );
        // Sent by the From domain's own server: no sign of impersonation.
        assert!(report.route.impersonation.is_none());
        let found = with_id(&report, super::META.id);
        assert_eq!(found.len(), 1, "the failed aligned signature does not count for DMARC");
        let f = found[0];
        assert_eq!(f.caused_by, Some(FindingId::DkimFail));
        assert!(f.fix.is_none(), "example.com already signs: {:?}", f.fix);
        assert!(f.detail.contains("dkim=fail"), "{}", f.detail);
        assert!(f.detail.contains("Explained by `dkim-fail`"), "{}", f.detail);
        // DMARC's failure sits under the root cause, not under its consequence.
        let dmarc = with_id(&report, FindingId::DmarcFail);
        assert_eq!(dmarc[0].caused_by, Some(FindingId::DkimFail));
        let fixes: String = report
            .findings
            .iter()
            .filter_map(|f| f.fix.as_ref())
            .map(|x| x.summary.render(crate::catalog::Lang::En))
            .collect();
        assert!(!fixes.contains("Sign outgoing mail with DKIM"), "{fixes}");
        assert!(with_id(&report, FindingId::DkimFail)[0].fix.is_some(), "the root cause carries the fix");
    }

    #[test]
    fn a_failing_aligned_envelope_is_not_said_to_carry_dmarc() {
        let report = analyze(
            "Authentication-Results: mx.example.org; spf=softfail smtp.mailfrom=news@example.com; dkim=none; dmarc=fail (p=QUARANTINE) header.from=example.com\n\
             Received: from mail.example.com (mail.example.com [198.51.100.9]) by mx.example.org with ESMTPS id 1; Mon, 8 Jan 2024 10:00:05 +0000\n\
             DKIM-Signature: v=1; a=rsa-sha256; d=esp.example.net; s=s1; h=from; bh=x; b=y\n\
             Return-Path: <news@example.com>\nFrom: news@example.com\nTo: a@example.org\n",
        );
        let f = with_id(&report, super::META.id);
        assert_eq!(f.len(), 1);
        assert!(!f[0].detail.contains("can still pass"), "{}", f[0].detail);
        assert!(f[0].detail.contains("SPF softfail"), "{}", f[0].detail);
        assert!(!f[0].detail.contains("not aligned either"), "{}", f[0].detail);
        assert_eq!(f[0].severity, Severity::High, "the receiver reported dmarc=fail");
    }

    #[test]
    fn a_providers_own_from_domain_gets_no_advice() {
        // A DMARC aggregate report from Google, relayed by the recipient's own gateway: nobody reading it can sign
        // for google.com.
        let report = analyze(
            "Return-Path: <bounce@relay.example.org>\nDKIM-Signature: v=1; d=example.org; s=s; b=x\n\
             From: noreply-dmarc-support@google.com\nTo: dmarc@example.org\n",
        );
        let found = with_id(&report, super::META.id);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].severity, Severity::Info);
        assert_eq!(found[0].owner, crate::model::Owner::Nobody);
        assert!(found[0].fix.is_none());
        assert!(found[0].detail.contains("provider's business"), "{}", found[0].detail);
    }

    #[test]
    fn quiet_with_an_aligned_signature() {
        let report = analyze(
            "Return-Path: <b@esp.example.net>\nDKIM-Signature: v=1; d=example.com; s=s; b=x\nFrom: a@news.example.com\n",
        );
        assert!(with_id(&report, super::META.id).is_empty());
    }
}
