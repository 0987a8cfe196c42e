//! `return-path-null`: see [`META`] for what it checks, why it matters and the fix.

use crate::catalog::{Msg, Text, msg};
use crate::diagnostics::{Ctx, Meta};
use crate::model::{Finding, FindingId, Owner, Severity};

pub(crate) const META: Meta = Meta {
    id: FindingId::ReturnPathNull,
    severity: Severity::Low,
    owner: Owner::SendingOrg,
    what: "The envelope sender is the null reverse-path `<>`.",
    why: "Delivery status notifications (bounces), read receipts and auto-replies must use `<>` (RFC 5321 \
         §4.5.5, §4.4) so that they can never cause another bounce: this is normal, not an error. It changes \
         authentication: SPF then checks `postmaster@<HELO name>` (RFC 7208 §2.4), DMARC's SPF alignment uses \
         the HELO domain, so such messages rely on DKIM. Ordinary mail with `<>` loses its bounces.",
    fix: "None for bounces and auto-replies. For ordinary mail, give it a real envelope sender.",
};

/// Why the message looks like a notification, if it does.
fn notification_sign(ctx: &Ctx<'_>) -> Option<Msg> {
    if let Some(ct) = ctx.field("Content-Type")
        && ct.value.to_ascii_lowercase().contains("multipart/report")
    {
        return Some(msg!("return-path-null.why-report"));
    }
    if let Some(auto) = ctx.field("Auto-Submitted")
        && !auto.value.trim().eq_ignore_ascii_case("no")
    {
        return Some(msg!("return-path-null.why-auto-submitted", value = auto.value.trim()));
    }
    if ctx.field("X-Failed-Recipients").is_some() {
        return Some(msg!("return-path-null.why-failed-recipients"));
    }
    let from_local =
        ctx.envelope.from.as_ref().map(|f| f.local_part.to_ascii_lowercase()).unwrap_or_default();
    if ["mailer-daemon", "postmaster"].contains(&from_local.as_str()) {
        return Some(msg!("return-path-null.why-from", from_local));
    }
    let subject = ctx.summary.subject.as_deref().unwrap_or("").to_ascii_lowercase();
    [
        "undeliver",
        "delivery status notification",
        "returned mail",
        "automatic reply",
        "out of office",
        "read:",
    ]
    .iter()
    .find(|p| subject.contains(*p))
    .map(|_| msg!("return-path-null.why-subject", subject = ctx.summary.subject.as_deref().unwrap_or("")))
}

/// The HELO name SPF falls back to: Received-SPF `helo=`, else the sending host of the newest hop.
fn helo_name(ctx: &Ctx<'_>) -> Option<String> {
    let from_spf = ctx.fields("Received-SPF").find_map(|f| {
        f.value.split([';', ' ']).find_map(|p| {
            let (k, v) = p.trim().split_once('=')?;
            k.eq_ignore_ascii_case("helo").then(|| v.trim_matches('"').to_string())
        })
    });
    from_spf.or_else(|| ctx.hops.last().and_then(|h| h.from.clone()))
}

pub(crate) fn check(ctx: &Ctx<'_>, acc: &mut Vec<Finding>) {
    let Some(rp) = ctx.summary.return_path.first() else { return };
    if !rp.null {
        return;
    }
    let Some(field) = ctx.field("Return-Path") else { return };
    let sign = notification_sign(ctx);
    let helo = helo_name(ctx);
    let mut detail: Text = msg!("return-path-null.detail-null").into();
    match &sign {
        Some(why) => detail.push(msg!("return-path-null.detail-notification", why)),
        None => detail.push(msg!("return-path-null.detail-ordinary")),
    }
    detail.push(msg!("return-path-null.detail-helo", helo = helo.as_deref().unwrap_or("<HELO name>")));
    let mut evidence = vec![ctx.evidence_for(field, "<>")];
    if let Some(ct) =
        ctx.field("Auto-Submitted").or_else(|| ctx.field("Content-Type")).filter(|_| sign.is_some())
    {
        evidence.push(ctx.evidence_for(ct, ctx.source.text(ct.value_span)));
    }
    let title = match &sign {
        Some(_) => msg!("return-path-null.title-notification"),
        None => msg!("return-path-null.title-ordinary"),
    };
    let finding = META.finding(title, detail).evidence(evidence);
    match sign {
        // Bounces and automatic replies must use the null sender: nothing for anyone to change.
        Some(_) => finding.severity(Severity::Info).owner(Owner::Nobody),
        None => finding
            .likely()
            .fix(msg!("return-path-null.fix"))
            .steps([msg!("return-path-null.step-real-sender")])
            .references(["RFC 5321 §4.5.5", "RFC 7208 §2.4"]),
    }
    .push(acc);
}

#[cfg(test)]
mod tests {
    use crate::diagnostics::test_support::{analyze, with_id};
    use crate::model::Severity;

    #[test]
    fn bounce_is_info() {
        let text = "Return-Path: <>\nFrom: MAILER-DAEMON@mx.example.net\nAuto-Submitted: auto-replied\n\
                    Received-SPF: pass (x) client-ip=192.0.2.1; helo=mx.example.net;\n";
        let report = analyze(text);
        let found = with_id(&report, super::META.id);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].severity, Severity::Info);
        assert!(found[0].fix.is_none());
        assert!(found[0].detail.contains("postmaster@mx.example.net"), "{}", found[0].detail);
        assert_eq!(&text[found[0].evidence[0].span.0..found[0].evidence[0].span.1], "<>");
    }

    #[test]
    fn ordinary_mail_is_low_and_addresses_are_quiet() {
        let plain = analyze("Return-Path: <>\nFrom: news@example.com\nSubject: Offers\n");
        assert_eq!(with_id(&plain, super::META.id)[0].severity, Severity::Low);
        let normal = analyze("Return-Path: <a@example.com>\nFrom: a@example.com\n");
        assert!(with_id(&normal, super::META.id).is_empty());
    }
}
