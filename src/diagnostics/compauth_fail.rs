//! `compauth-fail`: see [`META`] for what it checks, why it matters and the fix.

use crate::catalog::{Lang, Text, msg, word};
use crate::diagnostics::{Ctx, Meta};
use crate::domain;
use crate::microsoft::compauth::compauth_reason;
use crate::model::{Confidence, Finding, FindingId, Owner, Severity};

pub(crate) const META: Meta = Meta {
    id: FindingId::CompauthFail,
    severity: Severity::High,
    owner: Owner::SendingOrg,
    what: "The trusted receiver is Microsoft 365 and its Authentication-Results says `compauth=fail` (composite \
          authentication). The `reason=` code is decoded from Microsoft's documented table (\"Anti-spam message headers \
          in Microsoft 365\"): 000 explicit failure (DMARC fail with p=quarantine/reject), 001 implicit failure (no or weak \
          records), 002 organisation policy forbids this sender/domain pair, 010 DMARC fail for one of the organisation's \
          own accepted domains, 6xx implicit failure for an accepted domain. Codes outside the table are reported as \
          undocumented and worded as \"likely\".",
    why: "Composite authentication is Microsoft's spoof verdict: it combines SPF, DKIM, DMARC, ARC and its own \
         reputation signals. A fail sends the message to junk or quarantine (anti-spoofing protection) even when the \
         sender's DMARC policy is `none`.",
    fix: "Depends on the reason: make SPF or DKIM pass aligned with the From domain (000, 001, 010, 6xx), or review the \
         spoofed-sender entries in the Tenant Allow/Block List (002).",
};

pub(crate) fn check(ctx: &Ctx<'_>, acc: &mut Vec<Finding>) {
    let a = ctx.authentication;
    let Some((results, m)) = a.trusted_methods("compauth").find(|(_, m)| m.result == "fail") else { return };
    let code = m.reason.clone().unwrap_or_default();
    let (meaning, documented) =
        if code.is_empty() { (msg!("compauth-fail.no-reason"), false) } else { compauth_reason(&code) };
    let from_domain = a
        .trusted_methods("dmarc")
        .find_map(|(_, m)| m.property("header", "from").map(str::to_string))
        .or_else(|| ctx.summary.from.iter().find_map(|mb| mb.address.as_deref().and_then(domain::domain_of)))
        .unwrap_or_else(|| word("compauth-fail.the-from-domain", Lang::En).to_string());
    let envelope_domain = a.envelope_sender().as_deref().and_then(domain::domain_of);
    let ip = a
        .sending_ip(ctx.hops)
        .unwrap_or_else(|| word("compauth-fail.the-sending-server", Lang::En).to_string());
    // Delivered to the Inbox anyway (X-Microsoft-Antispam-Mailbox-Delivery dest:I): the failure had no effect on
    // this message, so an implicit-authentication failure (001) is low.
    let inbox = ctx.microsoft.fields.iter().any(|f| {
        f.header.eq_ignore_ascii_case("X-Microsoft-Antispam-Mailbox-Delivery")
            && f.key.eq_ignore_ascii_case("dest")
            && f.value.eq_ignore_ascii_case("I")
    });
    let severity = match code.as_str() {
        "001" if inbox => Severity::Low,
        "000" | "002" | "010" => Severity::High,
        _ => Severity::Medium,
    };
    let code_text: Text = if code.is_empty() {
        Text::default()
    } else {
        msg!("compauth-fail.code", code = code.as_str()).into()
    };
    let meaning_text = if documented {
        msg!("compauth-fail.meaning-documented", code_text, meaning)
    } else if code.is_empty() {
        msg!("compauth-fail.meaning-none")
    } else {
        msg!("compauth-fail.meaning-unknown", code)
    };
    let align = msg!("compauth-fail.align", from_domain, ip);
    let steps = match code.as_bytes() {
        b"002" => vec![
            msg!(
                "compauth-fail.step-review-block",
                from_domain,
                source = envelope_domain.clone().unwrap_or_else(|| ip.clone())
            ),
            msg!("compauth-fail.step-allow"),
        ],
        b"010" | [b'6', _, _] => vec![
            msg!("compauth-fail.step-own-domain", from_domain, ip),
            msg!("compauth-fail.step-third-party", from_domain, align),
            msg!("compauth-fail.step-spoof"),
        ],
        b"001" => vec![
            msg!("compauth-fail.step-publish", from_domain, align),
            msg!("compauth-fail.step-dmarc", from_domain),
        ],
        _ => vec![align.clone()],
    };
    let field = &ctx.headers[results.header_index];
    let mut evidence = vec![ctx.evidence_at(field, m.verdict_span)];
    if let Some(span) =
        Some(&code).filter(|c| !c.is_empty()).and_then(|c| ctx.locate(field, &format!("reason={c}")))
    {
        evidence.push(ctx.evidence_at(field, span));
    }
    let builder = META
        .finding(
            msg!("compauth-fail.title", code_text, from_domain),
            msg!(
                "compauth-fail.detail",
                from_domain,
                reason_code = if code.is_empty() { String::new() } else { format!(" reason={code}") },
                meaning_text
            ),
        )
        .severity(severity)
        .confidence(if documented { Confidence::Certain } else { Confidence::Likely })
        .evidence(evidence);
    // A likely hostile message: the advice is for the recipient's side, nothing for the apparent sender.
    if let Some(hostile) = &ctx.route.impersonation {
        builder
            .owner(Owner::ReceivingOrg)
            .likely()
            .append_detail(msg!("compauth-fail.detail-hostile", reason = hostile.reason, from_domain))
            .fix(msg!("compauth-fail.fix-hostile", from_domain))
            .steps(crate::diagnostics::recipient_side_steps(&from_domain))
            .references(["Microsoft Learn: Anti-spoofing protection in EOP"])
            .push(acc);
        return;
    }
    builder
        .fix(match code.as_str() {
            "002" => msg!("compauth-fail.fix-review", from_domain),
            _ => msg!("compauth-fail.fix", from_domain),
        })
        .steps(steps)
        .commands([format!("dig +short TXT _dmarc.{from_domain}"), format!("dig +short TXT {from_domain}")])
        .references([
            "Microsoft Learn: Anti-spam message headers in Microsoft 365 (compauth reason codes)",
            "Microsoft Learn: Spoof intelligence insight in EOP",
        ])
        .push(acc);
}

#[cfg(test)]
mod tests {
    use crate::diagnostics::test_support::{analyze, with_id};
    use crate::model::{Confidence, Severity};

    fn with_compauth(compauth: &str) -> crate::Report {
        analyze(&format!(
            "Received: from AM0PR02MB1234.eurprd02.prod.outlook.com (2603:10a6:208::1) by AM0PR02MB5678.eurprd02.prod.outlook.com with HTTPS; Mon, 8 Jan 2024 10:00:07 +0000\n\
             Authentication-Results: spf=softfail (sender IP is 198.51.100.23) smtp.mailfrom=example.com; dkim=none (message not signed) header.d=none;dmarc=fail action=quarantine header.from=example.com;{compauth}\n\
             Received: from out.example.com (198.51.100.23) by AM4PEPF00027A5F.mail.protection.outlook.com (10.167.16.73) with Microsoft SMTP Server id 15.20.7181.13 via Frontend Transport; Mon, 8 Jan 2024 10:00:05 +0000\n\
             From: a@example.com\n"
        ))
    }

    #[test]
    fn fires_with_a_documented_reason() {
        let report = with_compauth("compauth=fail reason=000");
        let found = with_id(&report, super::META.id);
        assert_eq!(found.len(), 1);
        let f = found[0];
        assert_eq!(f.severity, Severity::High);
        assert_eq!(f.confidence, Confidence::Certain);
        assert_eq!(f.evidence[0].text, "compauth=fail");
        assert_eq!(f.evidence[1].text, "reason=000");
        assert!(
            f.detail
                .contains("Microsoft documents reason 000 as: the message failed explicit authentication")
        );
        // The receiver's DMARC failure explains it, and carries the fix (said once).
        assert_eq!(f.caused_by, Some(crate::model::FindingId::DmarcFail));
        assert!(f.fix.is_none());
    }

    #[test]
    fn undocumented_reason_is_likely() {
        let report = with_compauth("compauth=fail reason=555");
        let f = with_id(&report, super::META.id)[0];
        assert_eq!((f.severity, f.confidence), (Severity::Medium, Confidence::Likely));
        assert!(f.detail.contains("not in Microsoft's documented table"));
    }

    #[test]
    fn quiet_on_pass_and_softpass() {
        assert!(with_id(&with_compauth("compauth=pass reason=100"), super::META.id).is_empty());
        assert!(with_id(&with_compauth("compauth=softpass reason=201"), super::META.id).is_empty());
    }
}
