//! `dmarc-dkim-unaligned`: see [`META`] for what it checks, why it matters and the fix.

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
         -DomainName <domain> -Enabled $true` and the two selector CNAME records).",
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
    let mut detail = if al.dkim.is_empty() {
        format!(
            "The message carries no DKIM signature, so nothing can give DMARC an aligned DKIM pass for `{from_domain}`. "
        )
    } else {
        format!(
            "The DKIM signatures ({}) are for other domains than the From domain's organizational domain `{from_org}`, \
             so none can give DMARC an aligned pass. ",
            signers.join(", ")
        )
    };
    if let Some((d, r)) = &not_passing {
        detail = format!(
            "The DKIM signature d={d} is aligned with the From domain, but the receiver reported dkim={r}: DMARC \
             needs an aligned signature that passed, so it does not count. "
        );
    }
    let severity_owner = if spf_aligned {
        detail.push_str(
            "DMARC can still pass through the aligned SPF domain, but that breaks as soon as the message is forwarded.",
        );
        Some((Severity::Low, Owner::SendingOrg))
    } else {
        match ctx.unaligned_judgment() {
            UnalignedJudgment::Redistributed(how) => {
                detail.push_str(&how);
                None
            }
            UnalignedJudgment::Internal => {
                detail.push_str("The message stayed inside one organisation, where DMARC is not applied.");
                None
            }
            UnalignedJudgment::Impersonation => {
                detail.push_str("The message likely impersonates its From domain (see the DMARC or composite authentication finding): nothing in that domain needs to change.");
                None
            }
            UnalignedJudgment::ReceiverPassed => {
                detail.push_str("The receiver still reported dmarc=pass.");
                None
            }
            UnalignedJudgment::NoPolicy => {
                detail.push_str("The envelope domain is not aligned either; the receiver reported dmarc=none (no DMARC record), so nothing fails today, but a policy published later would fail this mail.");
                Some((Severity::Low, Owner::SendingOrg))
            }
            UnalignedJudgment::ReceiverFailed => {
                detail.push_str(
                    "The envelope domain is not aligned either, and the receiver reported dmarc=fail.",
                );
                Some((Severity::High, Owner::SendingOrg))
            }
            UnalignedJudgment::Unknown => {
                detail.push_str("The envelope domain is not aligned either, so DMARC fails wherever the From domain publishes a DMARC policy (the receiver recorded no DMARC result).");
                Some((Severity::Medium, Owner::SendingOrg))
            }
        }
    };
    let (severity, owner) = severity_owner.unwrap_or((Severity::Info, Owner::Nobody));
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
    let fix = if ctx.envelope.path.hybrid {
        Fix {
            summary: format!("Enable DKIM signing for `{from_domain}` in Exchange Online"),
            steps: vec![
                format!(
                    "In Exchange Online PowerShell, create the signing configuration for `{from_domain}`; it prints two CNAME targets."
                ),
                format!(
                    "Publish `selector1._domainkey.{from_domain}` and `selector2._domainkey.{from_domain}` as CNAME records \
                     pointing to those targets, then enable the configuration."
                ),
            ],
            commands: vec![
                format!("New-DkimSigningConfig -DomainName {from_domain} -Enabled $false"),
                format!(
                    "Get-DkimSigningConfig -Identity {from_domain} | Format-List Selector1CNAME,Selector2CNAME,Enabled,Status"
                ),
                format!("Set-DkimSigningConfig -Identity {from_domain} -Enabled $true"),
            ],
            verify: vec![format!(
                "Send a test message and paste its headers here: a DKIM-Signature should have d={from_domain} and the \
                 receiver should report dkim=pass header.d={from_domain}."
            )],
            references: vec![
                "How to use DKIM for email in your custom domain (Microsoft 365)".to_string(),
                "RFC 7489 §3.1.1 (DKIM identifier alignment)".to_string(),
            ],
            ..Fix::default()
        }
    } else {
        Fix {
            summary: format!("Sign outgoing mail with DKIM for `{from_domain}`"),
            steps: vec![format!(
                "Enable DKIM signing with d={from_domain} (or a subdomain of `{from_org}`) on the system or service \
                     that sends this mail, and publish the selector's public key record it gives you."
            )],
            verify: vec![format!(
                "Send a test message and paste its headers here: a DKIM-Signature should have d={from_domain}."
            )],
            references: vec![
                "RFC 7489 §3.1.1 (DKIM identifier alignment)".to_string(),
                "RFC 6376".to_string(),
            ],
            ..Fix::default()
        }
    };
    META.finding(
        if al.dkim.is_empty() {
            format!("No DKIM signature: nothing aligned with `{from_domain}`")
        } else {
            format!("No DKIM signature aligned with `{from_domain}`")
        },
        detail,
    )
    .severity(severity)
    .owner(owner)
    .evidence(evidence)
    .with_fix((owner == Owner::SendingOrg).then_some(fix))
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
    fn quiet_with_an_aligned_signature() {
        let report = analyze(
            "Return-Path: <b@esp.example.net>\nDKIM-Signature: v=1; d=example.com; s=s; b=x\nFrom: a@news.example.com\n",
        );
        assert!(with_id(&report, super::META.id).is_empty());
    }
}
