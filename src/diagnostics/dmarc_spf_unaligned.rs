//! `dmarc-spf-unaligned`: see [`META`] for what it checks, why it matters and the fix.

use crate::diagnostics::return_path_non_routable::return_path_evidence;
use crate::diagnostics::{Ctx, Meta, UnalignedJudgment, mail_contact_envelope_rewrite};
use crate::envelope::BounceToken;
use crate::model::{Finding, FindingId, Fix, Owner, Severity};

pub(crate) const META: Meta = Meta {
    id: FindingId::DmarcSpfUnaligned,
    severity: Severity::High,
    owner: Owner::SendingOrg,
    what: "The envelope sender's domain (Return-Path, else `smtp.mailfrom`, else Received-SPF `envelope-from`) \
          does not share the From domain's organizational domain (RFC 7489 §3.1.2, relaxed mode), computed \
          offline with the embedded Public Suffix List. Skipped for the null sender (SPF then uses the HELO \
          name), for SRS-rewritten senders (`return-path-srs` explains those) and when the From domain itself \
          is not routable (`from-non-routable`).",
    why: "DMARC passes through SPF only when the SPF-authenticated domain aligns with From. Without it, DMARC \
         depends entirely on an aligned DKIM signature; with neither, DMARC fails.",
    fix: "Send with an envelope domain under the From domain's organizational domain (a custom MAIL FROM / \
         bounce domain at the sending platform), or make sure mail carries an aligned DKIM signature.",
};

pub(crate) fn check(ctx: &Ctx<'_>, acc: &mut Vec<Finding>) {
    let Some(al) = ctx.envelope.alignment.as_ref() else { return };
    let Some(from_org) = al.from_organizational_domain.as_deref() else { return };
    let Some(spf) = al.spf.as_ref() else { return };
    if spf.relaxed
        || ctx.envelope.return_path.as_ref().is_some_and(|rp| rp.bounce_token == Some(BounceToken::Srs))
    {
        return;
    }
    // Alignment needs a *passing* aligned signature (RFC 7489 §4.2): one the receiver reported as neutral or
    // failing does not rescue DMARC; one it said nothing about might.
    let aligned: Vec<_> = al.dkim.iter().filter(|d| d.relaxed).collect();
    let dkim_aligned =
        aligned.iter().any(|d| d.reported.as_deref().is_none_or(|r| r.eq_ignore_ascii_case("pass")));
    let aligned_not_passing =
        aligned.iter().find(|d| d.reported.as_deref().is_some_and(|r| !r.eq_ignore_ascii_case("pass")));
    let envelope_org = match spf.organizational_domain.as_deref() {
        Some(org) => format!("whose organizational domain is `{org}`"),
        None => "which has no organizational domain at all (it is not a public Internet name), so it can never align"
            .to_string(),
    };
    let mut detail = format!(
        "DMARC needs the SPF-checked envelope domain to share the From domain's organizational domain. The envelope \
         sender's domain is `{}` ({} {}), {envelope_org}; the From domain is `{}`, whose organizational domain is \
         `{from_org}`. So SPF cannot satisfy DMARC for `{}`",
        spf.domain, "read from", spf.source, al.from_domain, al.from_domain
    );
    if let Some(r) = &spf.reported {
        detail.push_str(&format!(" (and the receiver reported spf={r})"));
    }
    detail.push_str(". ");
    let (severity, owner, sender_fix) = if dkim_aligned {
        detail.push_str("That is common for mail sent through a service provider: DMARC can still pass through the aligned DKIM signature this message carries.");
        (Severity::Info, Owner::Nobody, false)
    } else {
        if let Some(d) = aligned_not_passing {
            detail.push_str(&format!(
                "The DKIM signature d={} is aligned, but the receiver reported dkim={}: alignment needs a passing \
                 signature, so it does not help. ",
                d.domain,
                d.reported.as_deref().unwrap_or("")
            ));
        }
        match ctx.unaligned_judgment() {
            UnalignedJudgment::Redistributed(how) => {
                detail.push_str(&how);
                (Severity::Info, Owner::Nobody, false)
            }
            UnalignedJudgment::Internal => {
                detail.push_str("The message stayed inside one organisation, where DMARC is not applied.");
                (Severity::Info, Owner::Nobody, false)
            }
            UnalignedJudgment::Impersonation => {
                detail.push_str("The message likely impersonates its From domain (see the DMARC or composite authentication finding): nothing in that domain's DNS needs to change.");
                (Severity::Info, Owner::ReceivingOrg, false)
            }
            UnalignedJudgment::ReceiverPassed => {
                detail.push_str("The receiver still reported dmarc=pass.");
                (Severity::Info, Owner::Nobody, false)
            }
            UnalignedJudgment::NoPolicy => {
                detail.push_str("The receiver reported dmarc=none: the From domain publishes no DMARC record, so nothing fails today; a policy published later would fail this mail.");
                (Severity::Low, Owner::SendingOrg, true)
            }
            UnalignedJudgment::ReceiverFailed => {
                detail.push_str("No passing DKIM signature is aligned with the From domain either, and the receiver reported dmarc=fail.");
                (Severity::High, Owner::SendingOrg, true)
            }
            UnalignedJudgment::Unknown => {
                detail.push_str("No passing DKIM signature is aligned with the From domain either, so DMARC fails wherever the From domain publishes a DMARC policy (the receiver recorded no DMARC result).");
                (Severity::Medium, Owner::SendingOrg, true)
            }
        }
    };
    detail.push_str(
        " (Organizational domains from the Public Suffix List; the receiver's own policy lookup needs DNS.)",
    );
    let mut evidence: Vec<_> = if spf.source == "Return-Path" {
        return_path_evidence(ctx).into_iter().collect()
    } else {
        Vec::new()
    };
    if let Some(field) = ctx.field("From")
        && let Some(from) = ctx.envelope.from.as_ref()
    {
        evidence.push(ctx.evidence_for(field, &from.address));
    }
    let steps = if mail_contact_envelope_rewrite::applies(ctx) {
        vec![format!(
            "The envelope sender was most likely rewritten by on-prem Exchange: follow mail-contact-envelope-rewrite so \
             the envelope sender becomes an address in `{}`.",
            al.from_domain
        )]
    } else {
        vec![
            format!(
                "At the sending platform, set a custom MAIL FROM (return-path / bounce) domain under `{from_org}`, e.g. \
                 `bounce.{from_org}`, and publish its SPF record as the platform instructs."
            ),
            format!(
                "Or rely on DKIM: make the platform sign with d={} (or a subdomain of `{from_org}`).",
                al.from_domain
            ),
        ]
    };
    META.finding(
        format!("SPF cannot satisfy DMARC for `{}`: envelope domain `{}` is not aligned", al.from_domain, spf.domain),
        detail,
    )
    .severity(severity)
    .owner(owner)
    .evidence(evidence)
    .with_fix(sender_fix.then(|| Fix {
        summary: format!("Align the envelope sender with `{from_org}`, or sign with DKIM for `{}`", al.from_domain),
        steps,
        verify: vec![format!(
            "Send a test message and paste its headers here: the Return-Path domain should end in `{from_org}` or a \
             DKIM signature should have d={}.",
            al.from_domain
        )],
        references: vec!["RFC 7489 §3.1.2 (SPF identifier alignment)".to_string()],
        ..Fix::default()
    }))
    .push(acc);
}

#[cfg(test)]
mod tests {
    use crate::diagnostics::test_support::{analyze, with_id};
    use crate::model::Severity;

    #[test]
    fn medium_without_dkim_info_with_aligned_dkim() {
        let bare = analyze("Return-Path: <bounce@esp.example.net>\nFrom: news@example.com\n");
        let found = with_id(&bare, super::META.id);
        assert_eq!(found.len(), 1);
        // No receiver said DMARC failed: medium, worded as "fails wherever a policy is published".
        assert_eq!(found[0].severity, Severity::Medium);
        assert!(found[0].detail.contains("recorded no DMARC result"));
        assert!(found[0].detail.contains("`esp.example.net`") && found[0].detail.contains("`example.com`"));
        let signed = analyze(
            "Return-Path: <bounce@esp.example.net>\nDKIM-Signature: v=1; d=mail.example.com; s=s1; b=x\nFrom: news@example.com\n",
        );
        assert_eq!(with_id(&signed, super::META.id)[0].severity, Severity::Info);
    }

    #[test]
    fn quiet_when_aligned_null_or_srs() {
        for text in [
            "Return-Path: <bounce@mail.example.com>\nFrom: news@example.com\n",
            "Return-Path: <>\nFrom: MAILER-DAEMON@example.net\n",
            "Return-Path: <SRS0=ab=CD=example.com=jane@fwd.example.net>\nFrom: jane@example.com\n",
            "Return-Path: <x@example.net>\nFrom: x@host.corp.lan\n",
        ] {
            assert!(with_id(&analyze(text), super::META.id).is_empty(), "{text}");
        }
    }
}
