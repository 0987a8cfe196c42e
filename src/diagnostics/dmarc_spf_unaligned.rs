//! `dmarc-spf-unaligned`: see [`META`] for what it checks, why it matters and the fix.

use crate::catalog::{Text, msg};
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
         bounce domain at the sending platform), or make sure mail carries an aligned DKIM signature. When the \
         From domain is a consumer mailbox domain (gmail.com, xs4all.nl, …), nothing under it can be changed by \
         its users: the fix says so, and tells them to send through the provider's own servers or from a domain \
         of their own.",
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
        Some(org) => msg!("dmarc-spf-unaligned.org-named", org),
        None => msg!("dmarc-spf-unaligned.no-org"),
    };
    let mut detail: Text = msg!(
        "dmarc-spf-unaligned.detail",
        domain = spf.domain,
        source = spf.source,
        envelope_org,
        from_domain = al.from_domain,
        from_org,
        from_domain_ = al.from_domain
    )
    .into();
    if let Some(r) = &spf.reported {
        detail.push(msg!("dmarc-spf-unaligned.receiver-spf", r));
    }
    detail.push_str(". ");
    let (severity, owner, sender_fix) = if dkim_aligned {
        detail.push(msg!("dmarc-spf-unaligned.dkim-saves"));
        (Severity::Info, Owner::Nobody, false)
    } else {
        if let Some(d) = aligned_not_passing {
            detail.push(msg!(
                "dmarc-spf-unaligned.dkim-failed",
                domain = d.domain,
                reported = d.reported.as_deref().unwrap_or("")
            ));
        }
        match ctx.unaligned_judgment() {
            UnalignedJudgment::Redistributed(how) => {
                detail.push(how);
                (Severity::Info, Owner::Nobody, false)
            }
            UnalignedJudgment::Internal => {
                detail.push(msg!("dmarc-spf-unaligned.internal"));
                (Severity::Info, Owner::Nobody, false)
            }
            UnalignedJudgment::Impersonation => {
                detail.push(msg!("dmarc-spf-unaligned.impersonation"));
                (Severity::Info, Owner::ReceivingOrg, false)
            }
            UnalignedJudgment::ReceiverPassed => {
                detail.push(msg!("dmarc-spf-unaligned.receiver-passed"));
                (Severity::Info, Owner::Nobody, false)
            }
            UnalignedJudgment::NoPolicy => {
                detail.push(msg!("dmarc-spf-unaligned.no-policy"));
                (Severity::Low, Owner::SendingOrg, true)
            }
            UnalignedJudgment::ReceiverFailed => {
                detail.push(msg!("dmarc-spf-unaligned.failed"));
                (Severity::High, Owner::SendingOrg, true)
            }
            UnalignedJudgment::Unknown => {
                detail.push(msg!("dmarc-spf-unaligned.unknown"));
                (Severity::Medium, Owner::SendingOrg, true)
            }
        }
    };
    // A consumer mailbox domain's users cannot set up a MAIL FROM or DKIM under it: the fix is theirs, not DNS.
    let consumer = sender_fix && crate::net::is_consumer_mailbox_domain(&al.from_domain);
    if consumer {
        detail.push(msg!("consumer.detail", from_domain = al.from_domain));
    }
    detail.push(msg!("dmarc-spf-unaligned.psl-note"));
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
        vec![msg!("dmarc-spf-unaligned.step-mail-contact", from_domain = al.from_domain)]
    } else {
        vec![
            msg!("dmarc-spf-unaligned.step-custom-mail-from", from_org),
            msg!("dmarc-spf-unaligned.step-dkim", from_domain = al.from_domain, from_org),
        ]
    };
    META.finding(
        msg!("dmarc-spf-unaligned.title", from_domain = al.from_domain, domain = spf.domain),
        detail,
    )
    .severity(severity)
    .owner(owner)
    .evidence(evidence)
    .with_fix(sender_fix.then(|| {
        if consumer {
            return crate::diagnostics::consumer_from_fix(&al.from_domain);
        }
        Fix {
            summary: msg!("dmarc-spf-unaligned.fix", from_org, from_domain = al.from_domain).into(),
            steps: steps.into_iter().map(Into::into).collect(),
            verify: vec![msg!("dmarc-spf-unaligned.verify", from_org, from_domain = al.from_domain).into()],
            references: vec!["RFC 7489 §3.1.2 (SPF identifier alignment)".to_string()],
            ..Fix::default()
        }
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
