//! `return-path-non-routable`: see [`META`] for what it checks, why it matters and the fix.

use crate::catalog::{Text, msg};
use crate::diagnostics::{Ctx, Meta, mail_contact_envelope_rewrite};
use crate::domain::{DomainKind, ip_scope};
use crate::model::{Evidence, Finding, FindingId, HeaderField, Owner, Severity, Span};

pub(crate) const META: Meta = Meta {
    id: FindingId::ReturnPathNonRoutable,
    severity: Severity::High,
    owner: Owner::SendingOrg,
    what: "The envelope sender (topmost `Return-Path`) has a domain that cannot exist on the Internet: a \
          special-use name (`.local`, `.test`, `home.arpa`, `.internal`, `.alt`, `.onion`, …), a TLD with no \
          ICANN entry in the Public Suffix List (`.lan`, `.corp`, `.localdomain`, …), a single label, an IP \
          literal, a bare public suffix, or a malformed address (RFC 6761, RFC 6762 Appendix G, the Public Suffix List).",
    why: "SPF for such a domain is `none` (RFC 7208 §4.3), DMARC can never align through SPF, bounces can never \
         come back, receivers that check the sender domain exists reject the message, and Microsoft 365 \
         sends such mail through its relay or high-risk delivery pools.",
    fix: "Make the sending system use an envelope address in a public domain the organization owns, with SPF \
         covering the sending IPs. When the path shows on-prem Exchange, `mail-contact-envelope-rewrite` \
         explains the usual cause (a directory object's primary SMTP address) and its fix.",
};

/// Evidence for the address inside the topmost Return-Path field, with no highlights yet.
/// Falls back to the whole field value when the address is not found verbatim.
pub(crate) fn return_path_evidence(ctx: &Ctx<'_>) -> Option<Evidence> {
    let field = ctx.field("Return-Path")?;
    let address = ctx.summary.return_path.first()?.address.as_deref()?;
    Some(ctx.evidence_for(field, address))
}

/// Evidence for a whole field value, with the text exactly as written in the input (folds kept).
pub(crate) fn verbatim_evidence(ctx: &Ctx<'_>, field: &HeaderField) -> Evidence {
    Evidence {
        header: field.name.clone(),
        text: ctx.source.text(field.value_span).to_string(),
        span: field.value_span,
        highlights: Vec::new(),
    }
}

/// Absolute span of a byte range of `address`, when the evidence text is that address itself (found
/// verbatim in the input). Evidence that fell back to the whole field value gets no highlight: offsets
/// into the address mean nothing there (the fuzzer found them landing inside a character).
pub(crate) fn sub_span(evidence: &Evidence, address: &str, start: usize, end: usize) -> Option<Span> {
    (evidence.text == address
        && evidence.span.len() == address.len()
        && start < end
        && address.is_char_boundary(start)
        && address.is_char_boundary(end))
    .then(|| Span::new(evidence.span.start() + start, evidence.span.start() + end))
}

pub(crate) fn check(ctx: &Ctx<'_>, acc: &mut Vec<Finding>) {
    let Some(rp) = ctx.envelope.return_path.as_ref() else { return };
    let class = &rp.domain_class;
    if class.is_routable() {
        return;
    }
    let Some(mut evidence) = return_path_evidence(ctx) else { return };
    let domain_start = rp.address.len() - rp.domain.len();
    let highlight_start = if rp.domain.is_empty() { 0 } else { domain_start };
    if let Some(span) = sub_span(&evidence, &rp.address, highlight_start, rp.address.len()) {
        evidence.highlights.push(span);
    }
    let mut evidence = vec![evidence];
    for name in ["Received-SPF", "Authentication-Results"] {
        if let Some(field) =
            ctx.fields(name).find(|f| !rp.domain.is_empty() && contains_ci(&f.value, &rp.domain))
        {
            evidence.push(verbatim_evidence(ctx, field));
        }
    }
    let path = &ctx.envelope.path;
    let left_org = path.exo_egress.is_some() || path.hybrid;
    let severity = match class.kind {
        DomainKind::SpecialUse if left_org => Severity::Critical,
        DomainKind::IpLiteral if class.normalized.parse().ok().and_then(ip_scope).is_none() => {
            Severity::Medium
        }
        _ => Severity::High,
    };
    let from = ctx.envelope.from.as_ref().filter(|f| f.domain_class.is_routable());
    let shown_domain = if rp.domain.is_empty() { rp.address.as_str() } else { rp.domain.as_str() };
    let mut detail: Text =
        msg!("return-path-non-routable.detail-address", address = rp.address, reason = &class.reason).into();
    if let Some(from) = from {
        detail.push(msg!("return-path-non-routable.detail-from", address = from.address));
    }
    detail.push(msg!("return-path-non-routable.detail-because", shown_domain));
    if path.hybrid {
        detail.push(msg!("return-path-non-routable.detail-exo"));
    }
    let target = from
        .map(|f| Text::raw(f.address.as_str()))
        .unwrap_or_else(|| msg!("return-path-non-routable.an-owned-address").into());
    let mut steps = Vec::new();
    let mut commands = Vec::new();
    if mail_contact_envelope_rewrite::applies(ctx) {
        steps.push(msg!("return-path-non-routable.step-mail-contact", target));
    } else {
        let target = match from {
            Some(f) => msg!("return-path-non-routable.target-from", address = &f.address),
            None => msg!("return-path-non-routable.target-any"),
        };
        steps.push(msg!("return-path-non-routable.step-configure", target, address = &rp.address));
        if ctx.hops.iter().any(|h| h.raw.contains("(Postfix")) {
            steps.push(msg!(
                "return-path-non-routable.step-postfix",
                address = rp.address,
                from = from.map(|f| f.address.as_str()).unwrap_or("<sender address in your domain>")
            ));
            commands.push("postconf -e \"smtp_generic_maps = hash:/etc/postfix/generic\"".to_string());
            commands.push("postmap /etc/postfix/generic && postfix reload".to_string());
        }
    }
    let public_domain = from
        .map(|f| Text::raw(format!("`{}`", f.domain)))
        .unwrap_or_else(|| msg!("return-path-non-routable.your-public-domain").into());
    steps.push(msg!("return-path-non-routable.step-spf", public_domain));
    META.finding(msg!("return-path-non-routable.title", shown_domain), detail)
        .severity(severity)
        .evidence(evidence)
        .fix(match from {
            Some(f) => msg!("return-path-non-routable.fix-from", address = f.address),
            None => msg!("return-path-non-routable.fix"),
        })
        .steps(steps)
        .commands(commands)
        .verify([msg!("return-path-non-routable.verify", target, public_domain)])
        .references([
            "RFC 5321 §2.3.5 (only resolvable, fully-qualified domain names in SMTP)".to_string(),
            "RFC 7208 §4.3 (SPF returns none for such names)".to_string(),
            class.reference.map(str::to_string).unwrap_or_else(|| "Public Suffix List".to_string()),
        ])
        .push(acc);
}

fn contains_ci(hay: &str, needle: &str) -> bool {
    hay.to_ascii_lowercase().contains(&needle.to_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    use crate::diagnostics::test_support::{analyze, with_id};
    use crate::model::Severity;

    #[test]
    fn fires_for_a_lan_domain_and_marks_it() {
        let text = "Return-Path: <root@host.corp.lan>\nFrom: root@host.corp.lan\nTo: ops@example.com\n";
        let report = analyze(text);
        let found = with_id(&report, super::META.id);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].severity, Severity::High);
        assert!(found[0].detail.contains("`.lan`"), "{}", found[0].detail);
        let ev = &found[0].evidence[0];
        assert_eq!(&text[ev.span.0..ev.span.1], "root@host.corp.lan");
        assert_eq!(ev.highlights.len(), 1);
        assert_eq!(&text[ev.highlights[0].0..ev.highlights[0].1], "host.corp.lan");
    }

    #[test]
    fn fires_for_each_kind() {
        for rp in ["a@exchange", "a@[10.0.0.1]", "a@co.uk", "a@b..c", "nobody", "a@x.test"] {
            let report = analyze(&format!("Return-Path: <{rp}>\nFrom: a@example.com\n"));
            assert_eq!(with_id(&report, super::META.id).len(), 1, "{rp}");
        }
    }

    #[test]
    fn quiet_for_public_and_null_senders() {
        for rp in ["<bounce@mail.example.com>", "<>", "user@who.int", "<x@contoso.office>", "<x@andorra.ad>"]
        {
            let report = analyze(&format!("Return-Path: {rp}\nFrom: a@example.com\n"));
            assert!(with_id(&report, super::META.id).is_empty(), "{rp}");
        }
    }
}
