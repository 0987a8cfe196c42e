//! `compauth-fail`: see [`META`] for what it checks, why it matters and the fix.

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
    let (meaning, documented) = if code.is_empty() {
        ("no reason code was given".to_string(), false)
    } else {
        compauth_reason(&code)
    };
    let from_domain = a
        .trusted_methods("dmarc")
        .find_map(|(_, m)| m.property("header", "from").map(str::to_string))
        .or_else(|| ctx.summary.from.iter().find_map(|mb| mb.address.as_deref().and_then(domain::domain_of)))
        .unwrap_or_else(|| "the From domain".to_string());
    let envelope_domain = a.envelope_sender().as_deref().and_then(domain::domain_of);
    let ip = a.sending_ip(ctx.hops).unwrap_or_else(|| "the sending server".to_string());
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
    let code_text = if code.is_empty() { String::new() } else { format!(" reason {code}") };
    let meaning_text = if documented {
        format!("Microsoft documents{code_text} as: {meaning}.")
    } else if code.is_empty() {
        "Microsoft gave no reason code.".to_string()
    } else {
        format!(
            "Reason {code} is not in Microsoft's documented table; it likely still means the sender could not be authenticated."
        )
    };
    let align = format!(
        "Make SPF or DKIM pass for a domain aligned with {from_domain}: sign with DKIM as d={from_domain}, or send with an \
         envelope sender under {from_domain} whose SPF record lists {ip}."
    );
    let steps = match code.as_bytes() {
        b"002" => vec![
            format!(
                "In the Microsoft Defender portal open Email & collaboration > Policies & rules > Threat policies > Tenant Allow/Block Lists > Spoofed senders, and review the entry that blocks {from_domain} sent from {}.",
                envelope_domain.clone().unwrap_or_else(|| ip.clone())
            ),
            "If the sender is legitimate, change that entry to Allow; otherwise leave it: the block worked."
                .to_string(),
        ],
        b"010" | [b'6', _, _] => vec![
            format!(
                "This message claims to come from {from_domain}, one of this organisation's own domains, but arrived from outside ({ip})."
            ),
            format!("If a third-party service sends as {from_domain}, authenticate it: {align}"),
            "If nobody should send as this domain from there, this is a spoof and the verdict is right."
                .to_string(),
        ],
        b"001" => vec![
            format!(
                "Publish SPF, DKIM and a DMARC record for {from_domain} so Microsoft can authenticate it explicitly: {align}"
            ),
            format!(
                "Then publish v=DMARC1 at _dmarc.{from_domain}, starting with p=none and moving to quarantine."
            ),
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
    let builder = META.finding(
        format!("Microsoft 365 composite authentication failed{code_text} for {from_domain}"),
        format!(
            "Microsoft 365 (the receiving organisation) could not authenticate {from_domain} and treats the message as \
             spoofed: compauth=fail{}. {meaning_text}",
            if code.is_empty() { String::new() } else { format!(" reason={code}") }
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
            .append_detail(format!(
                " The message is likely hostile ({}): nothing in {from_domain}'s DNS needs to change; this is for the recipient's administrators.",
                hostile.reason
            ))
            .fix(format!("Treat it as a likely spoof of {from_domain} (recipient side)"))
            .steps(crate::diagnostics::recipient_side_steps(&from_domain))
            .references(["Microsoft Learn: Anti-spoofing protection in EOP"])
            .push(acc);
        return;
    }
    builder
        .fix(match code.as_str() {
            "002" => format!("Review the spoofed-sender block for {from_domain}"),
            _ => format!("Authenticate {from_domain} with aligned SPF or DKIM"),
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
