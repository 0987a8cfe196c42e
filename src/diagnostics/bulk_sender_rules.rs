//! `bulk-sender-rules`: see [`META`] for what it checks, why it matters and the fix.

use crate::catalog::{Text, msg};
use crate::diagnostics::{Ctx, Meta};
use crate::model::{Evidence, Finding, FindingId, Owner, Severity};

pub(crate) const META: Meta = Meta {
    id: FindingId::BulkSenderRules,
    severity: Severity::Medium,
    owner: Owner::SendingOrg,
    what: "Mail that looks like bulk (Precedence: bulk, List-Unsubscribe, a BCL above 0, or an e-mail service \
         provider in the route) that misses one of the requirements Gmail and Yahoo set in February 2024 for \
         anyone sending them 5,000 messages a day: SPF and DKIM pass, a DMARC record, From aligned with SPF or DKIM, \
         and one-click unsubscribe (RFC 8058) for marketing mail. Not on mail the route reads as likely hostile.",
    why: "Gmail and Yahoo reject or junk bulk mail that misses these requirements; Microsoft announced the same \
         for Outlook.com in 2025.",
    fix: "The sending organisation adds what is missing: SPF and DKIM for the sending service, a DMARC record, \
         aligned domains, and List-Unsubscribe with an https URI plus `List-Unsubscribe-Post: List-Unsubscribe=One-Click`.",
};

/// 2024-02-01T00:00:00Z: Gmail and Yahoo enforce the rules from this month.
const RULES_SINCE: i64 = 1_706_745_600;

/// Host names of e-mail service providers that send bulk mail for their customers.
const ESPS: &[&str] = &[
    "sendgrid.net",
    "mcsv.net",
    "mailchimp.com",
    "mandrillapp.com",
    "amazonses.com",
    "mailgun.org",
    "mailgun.net",
    "sparkpostmail.com",
    "rsgsv.net",
    "exacttarget.com",
    "hubspotemail.net",
    "constantcontact.com",
    "mailjet.com",
    "sendinblue.com",
    "brevo.com",
    "postmarkapp.com",
    "klaviyomail.com",
    "cmail19.com",
    "cmail20.com",
    "createsend.com",
    "salesforce.com",
];

pub(crate) fn check(ctx: &Ctx<'_>, acc: &mut Vec<Finding>) {
    let precedence_bulk =
        ctx.field("Precedence").is_some_and(|f| f.value.trim().eq_ignore_ascii_case("bulk"));
    let unsubscribe = ctx.field("List-Unsubscribe");
    let bcl = ctx.microsoft.report.as_ref().and_then(|r| r.bcl).filter(|b| *b > 0);
    let esp = ctx.hops.iter().find_map(|h| {
        [h.from.as_deref(), h.from_rdns.as_deref()].into_iter().flatten().find_map(|host| {
            let lower: &str = &crate::words::lower(host);
            ESPS.iter()
                .find(|e| lower == **e || lower.strip_suffix(**e).is_some_and(|rest| rest.ends_with('.')))
                .map(|e| e.to_string())
        })
    });
    // Likely hostile mail (see `crate::route::Impersonation`): deliverability coaching for its apparent sender is
    // beside the point, and no reader of it can act on it.
    if !(precedence_bulk || unsubscribe.is_some() || bcl.is_some() || esp.is_some())
        || ctx.route.impersonation.is_some()
    {
        return;
    }
    // A discussion list (List-Id, no service provider, no bulk complaint level) is not what the rules address.
    if ctx.field("List-Id").is_some() && esp.is_none() && bcl.is_none() {
        return;
    }
    // The rules apply from February 2024; an older message (by its Date) was sent before them.
    match ctx.summary.date.as_ref().and_then(|d| d.epoch) {
        Some(epoch) if epoch >= RULES_SINCE => {}
        _ => return,
    }
    let mut why_bulk: Vec<Text> = Vec::new();
    let mut evidence: Vec<Evidence> = Vec::new();
    if precedence_bulk && let Some(f) = ctx.field("Precedence") {
        why_bulk.push("Precedence: bulk".into());
        evidence.push(ctx.evidence(f));
    }
    if let Some(f) = unsubscribe {
        why_bulk.push(msg!("bulk-sender-rules.why-unsubscribe").into());
        evidence.push(ctx.evidence(f));
    }
    if let Some(b) = bcl {
        why_bulk.push(msg!("bulk-sender-rules.why-bcl", b).into());
    }
    if let Some(e) = &esp {
        why_bulk.push(msg!("bulk-sender-rules.why-esp", e).into());
    }

    let mut missing = Vec::new();
    // Authentication, judged only on the trusted receiver's results.
    let result =
        |method: &str| ctx.authentication.trusted_methods(method).map(|(_, m)| m.result.clone()).next();
    let trusted = ctx.authentication.receiver.is_some() && !ctx.authentication.trusted().is_empty();
    if trusted {
        if let Some(r) = result("spf").filter(|r| r != "pass") {
            missing.push(msg!("bulk-sender-rules.missing-spf", r));
        }
        match result("dkim") {
            Some(r) if r != "pass" => missing.push(msg!("bulk-sender-rules.missing-dkim", r)),
            _ => {}
        }
        match result("dmarc") {
            Some(r) if r == "none" => missing.push(msg!("bulk-sender-rules.missing-dmarc")),
            _ => {}
        }
    }
    // Alignment only when both identifiers are known: a Return-Path and at least one DKIM signature.
    if let Some(a) = &ctx.envelope.alignment
        && a.spf.is_some()
        && !a.dkim.is_empty()
        && !a.spf_aligned()
        && !a.dkim_aligned()
        && !a.from_domain.is_empty()
    {
        missing.push(msg!("bulk-sender-rules.missing-alignment", from_domain = a.from_domain));
    }
    // One-click unsubscribe (RFC 8058) for marketing mail: an https URI and the POST field.
    let marketing = unsubscribe.is_some() || esp.is_some() || precedence_bulk;
    if marketing {
        let https = unsubscribe.is_some_and(|f| f.value.to_ascii_lowercase().contains("<https://"));
        let post = ctx
            .field("List-Unsubscribe-Post")
            .is_some_and(|f| f.value.replace(' ', "").eq_ignore_ascii_case("List-Unsubscribe=One-Click"));
        match (unsubscribe.is_some(), https, post) {
            (false, _, _) => missing.push(msg!("bulk-sender-rules.missing-unsubscribe")),
            (true, false, _) => missing.push(msg!("bulk-sender-rules.missing-https")),
            (true, true, false) => missing.push(msg!("bulk-sender-rules.missing-one-click")),
            _ => {}
        }
    }
    if missing.is_empty() {
        return;
    }
    let likely = !precedence_bulk && unsubscribe.is_none();
    let mut finding = META
        .finding(
            msg!("bulk-sender-rules.title", missing = Text::join_clauses(missing.clone())),
            msg!(
                "bulk-sender-rules.detail",
                why = Text::join(why_bulk, ", "),
                missing = Text::join_clauses(missing)
            ),
        )
        .evidence(evidence)
        .fix(msg!("bulk-sender-rules.fix"))
        .steps([
            msg!("bulk-sender-rules.step-authenticate"),
            msg!("bulk-sender-rules.step-dmarc"),
            msg!("bulk-sender-rules.step-unsubscribe"),
        ])
        .references([
            "Google: Email sender guidelines",
            "Yahoo Sender Hub: Sender best practices",
            "RFC 8058 (one-click unsubscribe)",
        ]);
    if likely {
        finding = finding.likely();
    }
    finding.push(acc);
}

#[cfg(test)]
mod tests {
    use crate::diagnostics::test_support::{analyze, with_id};

    const BASE: &str = "Received: from o1.ptr.sendgrid.net (o1.ptr.sendgrid.net [192.0.2.20]) by mx.example.org with ESMTPS id 1; Tue, 04 Aug 2026 11:00:00 +0200\n\
        Authentication-Results: mx.example.org; spf=pass smtp.mailfrom=bounces.example.com; dkim=pass header.d=example.com; dmarc=pass header.from=example.com\n\
        Return-Path: <b@bounces.example.com>\nFrom: News <news@example.com>\nTo: user@example.org\nSubject: Offers\n\
        Date: Tue, 04 Aug 2026 10:59:59 +0200\nMessage-ID: <1@example.com>\n";

    #[test]
    fn fires_without_one_click_unsubscribe() {
        let text = format!("{BASE}List-Unsubscribe: <mailto:u@example.com>\n");
        let found_report = analyze(&text);
        let found = with_id(&found_report, super::META.id);
        assert_eq!(found.len(), 1);
        assert!(found[0].title.contains("no https URI"), "{}", found[0].title);
        let text = format!("{BASE}List-Unsubscribe: <https://example.com/u/1>\n");
        let report = analyze(&text);
        assert!(with_id(&report, super::META.id)[0].title.contains("List-Unsubscribe-Post"));
        let report = analyze(BASE);
        let found = with_id(&report, super::META.id);
        assert!(found[0].title.contains("no List-Unsubscribe field"), "{}", found[0].title);
        assert!(found[0].detail.contains("sendgrid.net"), "{}", found[0].detail);
    }

    #[test]
    fn quiet_before_february_2024_and_for_discussion_lists() {
        let old = BASE.replace("Date: Tue, 04 Aug 2026", "Date: Tue, 04 Aug 2020");
        assert!(with_id(&analyze(&old), super::META.id).is_empty());
        let list = BASE.replace("o1.ptr.sendgrid.net", "lists.example.com")
            + "List-Id: <dev.lists.example.com>\nPrecedence: bulk\nList-Unsubscribe: <mailto:dev-leave@lists.example.com>\n";
        assert!(with_id(&analyze(&list), super::META.id).is_empty());
    }

    #[test]
    fn quiet_on_likely_hostile_mail() {
        let spoof = BASE.replace("dmarc=pass header.from=example.com", "dmarc=fail header.from=example.com");
        let report = analyze(&spoof);
        assert!(report.route.impersonation.is_some());
        assert!(with_id(&report, super::META.id).is_empty());
    }

    #[test]
    fn quiet_when_compliant_or_not_bulk() {
        let text = format!(
            "{BASE}List-Unsubscribe: <https://example.com/u/1>, <mailto:u@example.com>\nList-Unsubscribe-Post: List-Unsubscribe=One-Click\n"
        );
        assert!(with_id(&analyze(&text), super::META.id).is_empty());
        let personal = BASE.replace("o1.ptr.sendgrid.net", "mail.example.com");
        assert!(with_id(&analyze(&personal), super::META.id).is_empty());
    }
}
