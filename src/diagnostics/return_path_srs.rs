//! `return-path-srs`: see [`META`] for what it checks, why it matters and the fix.

use crate::catalog::{Text, msg};
use crate::diagnostics::{Ctx, Meta, return_path_non_routable::return_path_evidence};
use crate::envelope::BounceToken;
use crate::model::{Finding, FindingId, Owner, Severity};

pub(crate) const META: Meta = Meta {
    id: FindingId::ReturnPathSrs,
    severity: Severity::Info,
    owner: Owner::Nobody,
    what: "The envelope sender was rewritten with the Sender Rewriting Scheme (`SRS0=…`, `SRS1=…`, or Microsoft \
          365's `bounces+SRS=…`).",
    why: "A forwarder or relay replaced the original envelope sender with one in its own domain so that SPF \
         passes for the forwarder and bounces can still be routed back. SPF then says nothing about the \
         original sender, and DMARC can only pass through an aligned DKIM signature. This is information, not a \
         fault; the case heuristics skip such addresses.",
    fix: "None needed; if DMARC fails after forwarding, the original sender should sign with DKIM for its From \
         domain.",
};

/// The original sender embedded in an SRS0/SRS1 local part, e.g. `SRS0=HHH=TT=example.com=alice` →
/// `alice@example.com`.
pub(crate) fn original_sender(local: &str) -> Option<String> {
    let lower = local.to_ascii_lowercase();
    let body = if lower.starts_with("srs0=") {
        local.get(5..)?
    } else if lower.starts_with("srs1=") {
        let rest = local.get(5..)?;
        rest.get(rest.find("==")? + 2..)?
    } else {
        return None;
    };
    let mut parts = body.splitn(4, '=');
    let (_hash, _stamp, domain, user) = (parts.next()?, parts.next()?, parts.next()?, parts.next()?);
    (!domain.is_empty() && !user.is_empty()).then(|| format!("{user}@{domain}"))
}

pub(crate) fn check(ctx: &Ctx<'_>, acc: &mut Vec<Finding>) {
    let Some(rp) = ctx.envelope.return_path.as_ref() else { return };
    if rp.bounce_token != Some(BounceToken::Srs) {
        return;
    }
    let original = original_sender(&rp.local_part);
    let mut detail: Text =
        msg!("return-path-srs.detail-rewritten", address = &rp.address, domain = &rp.domain).into();
    match &original {
        Some(o) => detail.push(msg!("return-path-srs.detail-original", o)),
        None => detail.push(msg!("return-path-srs.detail-microsoft")),
    }
    detail.push(msg!("return-path-srs.detail-why"));
    if let Some(al) = ctx.envelope.alignment.as_ref() {
        if al.dkim_aligned() {
            let d = al.dkim.iter().find(|d| d.relaxed).map(|d| d.domain.as_str()).unwrap_or("");
            detail.push(msg!("return-path-srs.detail-dkim-has", d));
        } else {
            detail.push(msg!("return-path-srs.detail-dkim-missing", from_domain = &al.from_domain));
        }
    } else {
        detail.push_str(".");
    }
    META.finding(msg!("return-path-srs.title", domain = &rp.domain), detail)
        .evidence(return_path_evidence(ctx))
        .push(acc);
}

#[cfg(test)]
mod tests {
    use super::original_sender;
    use crate::diagnostics::test_support::{analyze, with_id};

    #[test]
    fn decodes_srs0_and_srs1() {
        assert_eq!(
            original_sender("SRS0=Xq3T=UC=example.com=Jane.DOE").as_deref(),
            Some("Jane.DOE@example.com")
        );
        assert_eq!(
            original_sender("SRS1=AbCd=fwd1.example.net==Xq3T=UC=example.com=jane").as_deref(),
            Some("jane@example.com")
        );
        assert_eq!(original_sender("bounces+SRS=44ldt=IX"), None);
        assert_eq!(original_sender("SRS0=broken"), None);
    }

    #[test]
    fn fires_for_srs_only() {
        let text =
            "Return-Path: <SRS0=Xq3T=UC=example.com=jane@forwarder.example.net>\nFrom: jane@example.com\n";
        let report = analyze(text);
        let found = with_id(&report, super::META.id);
        assert_eq!(found.len(), 1);
        assert!(found[0].detail.contains("`jane@example.com`"), "{}", found[0].detail);
        let ms = analyze("Return-Path: <bounces+SRS=44ldt=IX@contoso.example.com>\nFrom: a@example.org\n");
        assert_eq!(with_id(&ms, super::META.id).len(), 1);
        let plain = analyze("Return-Path: <jane@example.com>\nFrom: jane@example.com\n");
        assert!(with_id(&plain, super::META.id).is_empty());
    }
}
