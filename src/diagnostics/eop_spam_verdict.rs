//! `eop-spam-verdict`: see [`META`] for what it checks, why it matters and the fix.

use crate::catalog::{Msg, Text, msg};
use crate::delivery::Placement;
use crate::diagnostics::{Ctx, Meta};
use crate::microsoft::{cat_id, scl_msg};
use crate::model::{Evidence, Finding, FindingId, Fix, Owner, Severity};

pub(crate) const META: Meta = Meta {
    id: FindingId::EopSpamVerdict,
    severity: Severity::High,
    owner: Owner::ReceivingOrg,
    what: "The recipient-side Microsoft 365 verdict (the topmost X-Forefront-Antispam-Report that is not \
          `-Untrusted`, with X-Microsoft-Antispam and X-MS-Exchange-Organization-SCL) says spam: `SFV:SPM`, `SKS`, \
          `SKB` or `BLK`, an SCL of 5 or more, or a spam, phishing, spoofing, impersonation, malware or bulk category \
          (`CAT:`). Upstream (`-Untrusted`) copies are never used.",
    why: "Exchange Online Protection acted on the message: by default SCL 5–6 goes to Junk Email, SCL 8–9 and \
         phishing verdicts are quarantined or junked. Admins asking \"why did this land in Junk?\" need the codes \
         read out, not looked up. On an outbound report (`DIR:OUT`) the sender's own tenant judged its mail as \
         spam, which can get the account restricted.",
    fix: "Inbound: a message the filter put in Junk Email (shown by the delivery stamp, or the default action for \
         SCL 5–6) was caught as designed: low, and something to do only if it was wanted. Then fix the sender's \
         authentication (most verdicts follow SPF/DKIM/DMARC failures) and report a false positive through the \
         Microsoft Defender portal's Submissions page; release it from quarantine only where quarantine is possible \
         (a quarantine placement, or with no placement shown SCL 9, high confidence spam, phishing or malware). \
         In the Inbox because the recipient's Safe Senders list (or contacts) overrode the verdict: remove that \
         entry and consider blocking the sender; no false-positive report, no authentication fix. \
         Outbound: check the sending account for compromise and review the outbound spam policy.",
};

const SPAM_VERDICTS: &[&str] = &["SPM", "SKS", "SKB", "BLK"];
/// Categories whose default action (anti-spam and anti-phishing policies) is quarantine: high confidence spam,
/// phishing, high confidence phishing, malware.
const QUARANTINE_CATEGORIES: &[&str] = &["HSPM", "PHSH", "HPHSH", "HPHISH", "MALW"];
const SPAM_CATEGORIES: &[&str] = &[
    "SPM", "HSPM", "PHSH", "HPHSH", "HPHISH", "SPOOF", "DIMP", "UIMP", "GIMP", "MALW", "BULK", "OSPM",
    "INTOS",
];

pub(crate) fn check(ctx: &Ctx<'_>, acc: &mut Vec<Finding>) {
    let ms = ctx.microsoft;
    let Some(report) = ms.report.as_ref() else { return };
    let upper = |v: &Option<String>| v.as_deref().map(str::to_ascii_uppercase);
    let sfv = upper(&report.sfv).filter(|v| SPAM_VERDICTS.contains(&v.as_str()));
    let cat = upper(&report.cat).filter(|v| SPAM_CATEGORIES.contains(&v.as_str()));
    let scl = report.scl.filter(|&s| s >= 5);
    if sfv.is_none() && cat.is_none() && scl.is_none() {
        return;
    }
    let mut evidence: Vec<Evidence> = Vec::new();
    let mut reasons: Vec<Text> = Vec::new();
    for (key, present) in [("SFV", sfv.is_some()), ("CAT", cat.is_some())] {
        if let Some(f) = ms.entry(report, key).filter(|_| present) {
            evidence.push(ctx.ms_evidence(f));
            let mut reason = Text::raw(format!("{}:{} — ", f.key, f.value));
            reason.push(f.words());
            reasons.push(reason);
        }
    }
    if let Some(s) = scl {
        let field = ms.entry(report, "SCL").or_else(|| ms.header("X-MS-Exchange-Organization-SCL"));
        if let Some(f) = field {
            evidence.push(ctx.ms_evidence(f));
        }
        let mut reason = Text::raw(format!("SCL {s} — "));
        reason.push(scl_msg(s));
        reasons.push(reason);
    }
    let destination = ms.fields.iter().find(|f| {
        f.header.eq_ignore_ascii_case("X-Microsoft-Antispam-Mailbox-Delivery")
            && f.key.eq_ignore_ascii_case("dest")
    });
    if let Some(d) = destination.filter(|d| d.value.eq_ignore_ascii_case("J")) {
        evidence.push(ctx.ms_evidence(d));
        reasons.push(msg!("eop-spam-verdict.junk-dest").into());
    }
    let label = Msg::new(cat.as_deref().and_then(cat_id).unwrap_or("ms.cat-words.spm"), vec![]);
    let scl_text = report.scl.map(|s| format!(" (SCL {s})")).unwrap_or_default();
    let outbound = report.dir.as_deref().is_some_and(|d| d.eq_ignore_ascii_case("OUT"));
    let from = ctx.summary.from.first().and_then(|m| m.address.clone());
    // The From address, or "the sender" in the reader's language when the headers name none.
    let sender: Text = match &from {
        Some(a) => a.clone().into(),
        None => msg!("eop-spam-verdict.the-sender").into(),
    };
    let address = from.clone().unwrap_or_else(|| "<sender address>".to_string());
    // Where the message landed, as the delivery verdict reads it. Quarantine is only possible when the report
    // says so, or, with no placement shown, for verdicts whose default action is quarantine (high confidence
    // spam at SCL 9, phishing, malware).
    // A placement the delivery verdict only assumed from the policy's default action does not rule quarantine out.
    let placement = ctx.delivery.placement;
    let placed =
        placement != Placement::Unknown && ctx.delivery.confidence == crate::model::Confidence::Certain;
    let quarantine = placement == Placement::Quarantine
        || !placed
            && (report.scl.is_some_and(|s| s >= 9)
                || cat.as_deref().is_some_and(|c| QUARANTINE_CATEGORIES.contains(&c)));
    // Caught by the filter and put in Junk Email (shown, or the default action for SCL 5–6 when no placement is
    // shown): the filter worked; only a wanted message needs anything done.
    let caught = !outbound
        && !quarantine
        && !cat.as_deref().is_some_and(|c| QUARANTINE_CATEGORIES.contains(&c))
        && (placed && placement == Placement::Junk
            || !placed && report.scl.is_some_and(|s| (5..=6).contains(&s)));
    let (title, intro, fix) = if outbound {
        (
            msg!("eop-spam-verdict.title-outbound", label, scl_text),
            msg!("eop-spam-verdict.intro-outbound", sender, label),
            outbound_fix(&sender, &address),
        )
    } else {
        (
            if caught {
                msg!("eop-spam-verdict.title-caught", label, scl_text)
            } else {
                msg!("eop-spam-verdict.title", label, scl_text)
            },
            msg!("eop-spam-verdict.intro", sender, label),
            inbound_fix(&sender, ctx.summary.message_id.as_deref(), quarantine),
        )
    };
    // Bulk mail that the bulk filter sent to Junk is the policy working as configured, not a high finding:
    // only the category says bulk, and the verdict is not a spam or phishing one.
    let bulk_only = !outbound
        && cat.as_deref() == Some("BULK")
        && sfv.as_deref().is_none_or(|v| v == "SPM")
        && report.scl.is_none_or(|s| s <= 6);
    // The mailbox's Safe Senders list (or contacts) overrode the verdict and put the message in the Inbox: the
    // user's allow entry let it through, not the filter. The fix is to remove that entry, never to add one, and
    // the sender's authentication is beside the point.
    if !outbound
        && placement == Placement::Inbox
        && ctx.delivery.decided_by == Some(crate::delivery::DecidedBy::SafeSenders)
    {
        let recipient = ctx.summary.to.iter().find_map(|m| m.address.clone());
        let mailbox = recipient.clone().unwrap_or_else(|| "<recipient>".to_string());
        let mut builder = META
            .finding(title, msg!("eop-spam-verdict.detail", intro, reasons = Text::join_clauses(reasons)))
            .owner(Owner::ReceivingOrg)
            .append_detail(msg!("eop-spam-verdict.detail-safe-senders"));
        if let Some(hostile) = ctx.route.impersonation.as_ref() {
            builder = builder.append_detail(msg!("eop-spam-verdict.detail-hostile", reason = hostile.reason));
        }
        builder
            .evidence(evidence)
            .fix(msg!("eop-spam-verdict.fix-safe-senders", sender))
            .steps([
                msg!("eop-spam-verdict.step-remove-safe", sender),
                msg!("eop-spam-verdict.step-block", sender),
            ])
            .commands([
                format!(
                    "Get-MailboxJunkEmailConfiguration -Identity \"{mailbox}\" | Select-Object -ExpandProperty TrustedSendersAndDomains"
                ),
                format!(
                    "Set-MailboxJunkEmailConfiguration -Identity \"{mailbox}\" -TrustedSendersAndDomains @{{Remove=\"{address}\"}}"
                ),
            ])
            .references(["Anti-spam message headers in Microsoft 365", "Spam confidence level (SCL) in EOP"])
            .push(acc);
        return;
    }
    // A likely hostile message caught by the filter: the verdict is right, and its fix is not a false-positive
    // report but to leave it (and report what got through).
    if let Some(hostile) = ctx.route.impersonation.as_ref().filter(|_| !outbound) {
        let domain = hostile.from_domain.as_str();
        META.finding(
            title,
            msg!("eop-spam-verdict.detail", intro, reasons = Text::join_clauses(reasons.clone())),
        )
        .severity(Severity::Low)
        .owner(Owner::ReceivingOrg)
        .likely()
        .append_detail(msg!("eop-spam-verdict.detail-hostile", reason = hostile.reason))
        .evidence(evidence)
        .fix(msg!("eop-spam-verdict.fix-hostile", sender))
        .steps(crate::diagnostics::recipient_side_steps(domain))
        .push(acc);
        return;
    }
    let (severity, intro) = if bulk_only {
        (Severity::Low, msg!("eop-spam-verdict.detail-bulk", intro))
    } else if caught {
        (Severity::Low, intro)
    } else {
        (META.severity, intro)
    };
    let builder = META
        .finding(title, msg!("eop-spam-verdict.detail", intro, reasons = Text::join_clauses(reasons)))
        .severity(severity)
        .evidence(evidence)
        .with_fix(fix);
    let builder = match (caught, placement) {
        (true, Placement::Junk) if placed => {
            builder.append_detail(msg!("eop-spam-verdict.detail-caught-junk"))
        }
        (true, _) => builder.likely().append_detail(msg!("eop-spam-verdict.detail-caught-default")),
        _ => builder,
    };
    builder.push(acc);
}

/// The fix of an inbound verdict on a message that may be wanted; the quarantine step and cmdlet only when the
/// message can be in quarantine (`quarantine`).
fn inbound_fix(sender: &Text, message_id: Option<&str>, quarantine: bool) -> Fix {
    let mut commands = Vec::new();
    if let Some(id) = message_id.filter(|_| quarantine) {
        commands.push(format!(
            "Get-QuarantineMessage -MessageId \"{id}\" | Format-List Identity,QuarantineTypes,ReleaseStatus"
        ));
    }
    let mut steps: Vec<Text> =
        vec![msg!("eop-spam-verdict.step-auth", sender).into(), msg!("eop-spam-verdict.step-report").into()];
    if quarantine {
        steps.push(msg!("eop-spam-verdict.step-release").into());
    }
    Fix {
        summary: msg!("eop-spam-verdict.fix", sender).into(),
        steps,
        commands: commands.into_iter().map(Into::into).collect(),
        verify: vec![msg!("eop-spam-verdict.verify").into()],
        alternatives: vec![msg!("eop-spam-verdict.alt-safe-senders").into()],
        references: vec![
            "Anti-spam message headers in Microsoft 365".to_string(),
            "Spam confidence level (SCL) in EOP".to_string(),
            "How to handle false positives in Microsoft Defender for Office 365".to_string(),
        ],
    }
}

fn outbound_fix(sender: &Text, address: &str) -> Fix {
    Fix {
        summary: msg!("eop-spam-verdict.fix-outbound", sender).into(),
        steps: vec![
            msg!("eop-spam-verdict.step-sign-in", sender).into(),
            msg!("eop-spam-verdict.step-restricted").into(),
            msg!("eop-spam-verdict.step-policy").into(),
        ],
        commands: vec![
            "Get-BlockedSenderAddress".into(),
            format!(
                "Get-InboxRule -Mailbox \"{address}\" | Format-List Name,Enabled,ForwardTo,RedirectTo,DeleteMessage"
            )
            .into(),
        ],
        verify: vec![
            msg!(
                "eop-spam-verdict.verify-not-blocked",
                command = format!("Get-BlockedSenderAddress -SenderAddress \"{address}\"")
            )
            .into(),
        ],
        alternatives: Vec::new(),
        references: vec![
            "Outbound spam protection in EOP".to_string(),
            "Remove blocked users from the Restricted entities page".to_string(),
        ],
    }
}

#[cfg(test)]
mod tests {
    use crate::diagnostics::test_support::{analyze, with_id};
    use crate::model::Severity;

    const SPAM: &str = "From: Offers <deals@example.net>\n\
        Message-ID: <abc@example.net>\n\
        X-MS-Exchange-Organization-SCL: 5\n\
        X-Forefront-Antispam-Report: CIP:198.51.100.23;CTRY:US;LANG:en;SCL:5;SRV:;IPV:NLI;SFV:SPM;\n H:mta.example.net;PTR:mta.example.net;CAT:SPM;SFS:(13230031);DIR:INB;\n\
        X-Microsoft-Antispam-Mailbox-Delivery: ucf:0;jmr:0;auth:0;dest:J;ENG:(910001);\n";

    #[test]
    fn fires_on_an_inbound_spam_verdict() {
        let report = analyze(SPAM);
        let found = with_id(&report, super::META.id);
        assert_eq!(found.len(), 1);
        let f = found[0];
        // Caught and put in Junk Email: the filter worked; low, and no quarantine to release it from.
        assert_eq!(f.severity, Severity::Low);
        assert_eq!(f.title, "Exchange Online's filter caught this message as spam (SCL 5)");
        let texts: Vec<&str> = f.evidence.iter().map(|e| e.text.as_str()).collect();
        assert_eq!(texts, ["SFV:SPM", "CAT:SPM", "SCL:5", "dest:J"]);
        let e = &f.evidence[0];
        assert_eq!(SPAM.get(e.span.start()..e.span.end()), Some("SFV:SPM"));
        assert!(f.detail.contains("deals@example.net"), "{}", f.detail);
        assert!(f.detail.contains("The filter did its job"), "{}", f.detail);
        let fix = f.fix.as_ref().unwrap();
        assert!(fix.commands.is_empty(), "{:?}", fix.commands);
        assert!(!fix.steps.iter().any(|s| s.contains("quarantine")), "{:?}", fix.steps);
    }

    /// High confidence spam in the Inbox because the recipient's Safe Senders list overrode the verdict: the card
    /// agrees with the delivery line (remove the allow entry), with no "add to Safe Senders" and no authentication
    /// fix.
    #[test]
    fn a_safe_senders_override_is_fixed_by_removing_the_entry() {
        let report = analyze(
            "From: Offers <deals@example.net>\nTo: user@example.org\nMessage-ID: <abc@example.net>\n\
             Authentication-Results: spf=pass (sender IP is 198.51.100.23) smtp.mailfrom=example.net; dkim=pass (signature was verified) header.d=example.net;dmarc=pass action=none header.from=example.net;compauth=pass reason=100\n\
             X-MS-Exchange-Organization-SCL: 9\n\
             X-Forefront-Antispam-Report: CIP:198.51.100.23;CTRY:US;SCL:9;IPV:NLI;SFV:SPM;H:mta.example.net;CAT:HSPM;DIR:INB;\n\
             X-Microsoft-Antispam-Mailbox-Delivery: wl:1;pcwl:1;ucf:0;jmr:0;auth:1;dest:I;OFR:TrustedSenderList;\n",
        );
        let f = with_id(&report, super::META.id)[0];
        assert_eq!(f.severity, Severity::High);
        assert!(f.detail.contains("the user's allow entry let it through"), "{}", f.detail);
        let fix = f.fix.as_ref().unwrap();
        assert_eq!(
            fix.summary,
            "Remove deals@example.net from the recipient's Safe Senders list (or contacts), and consider blocking it"
        );
        assert!(fix.alternatives.is_empty(), "{:?}", fix.alternatives);
        for s in fix.steps.iter().chain(&fix.alternatives) {
            assert!(
                !s.contains("authentication") && !s.contains("false positive") && !s.contains("add"),
                "{s:?}"
            );
        }
        assert!(fix.commands.iter().any(|c| c
            == "Set-MailboxJunkEmailConfiguration -Identity \"user@example.org\" -TrustedSendersAndDomains @{Remove=\"deals@example.net\"}"));
    }

    /// High confidence spam with no placement shown may be in quarantine: high, with the quarantine lookup.
    #[test]
    fn quarantine_is_offered_only_when_possible() {
        let hspm = analyze(
            "From: Offers <deals@example.net>\nMessage-ID: <abc@example.net>\n\
             X-Forefront-Antispam-Report: CIP:198.51.100.23;SCL:9;SFV:SPM;CAT:HSPM;DIR:INB;\n",
        );
        let f = with_id(&hspm, super::META.id)[0];
        assert_eq!(f.severity, Severity::High);
        let fix = f.fix.as_ref().unwrap();
        assert!(fix.commands[0].starts_with("Get-QuarantineMessage -MessageId \"<abc@example.net>\""));
        assert!(fix.steps.iter().any(|s| s.contains("Quarantine")), "{:?}", fix.steps);
        // SCL 6 with no placement: the default action is Junk Email; low and likely, no quarantine.
        let scl6 =
            analyze(&SPAM.replace("SCL: 5", "SCL: 6").replace("SCL:5", "SCL:6").replace("dest:J;", ""));
        let f = with_id(&scl6, super::META.id)[0];
        assert_eq!(f.severity, Severity::Low);
        assert_eq!(f.confidence, crate::model::Confidence::Likely);
        assert!(f.fix.as_ref().unwrap().commands.is_empty());
    }

    #[test]
    fn bulk_sent_to_junk_is_low_and_spam_stays_high() {
        let bulk = analyze(
            "From: News <news@example.net>\n\
             X-Forefront-Antispam-Report: CIP:198.51.100.23;SCL:6;SRV:BULK;IPV:NLI;SFV:SPM;CAT:BULK;DIR:INB;\n\
             X-Microsoft-Antispam: BCL:8;\n\
             X-Microsoft-Antispam-Mailbox-Delivery: ucf:0;jmr:0;auth:1;dest:J;\n",
        );
        let found = with_id(&bulk, super::META.id);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].severity, Severity::Low);
        assert!(found[0].title.contains("bulk"), "{}", found[0].title);
        assert!(found[0].detail.contains("not a fault"), "{}", found[0].detail);
        let phish =
            analyze("X-Forefront-Antispam-Report: CIP:198.51.100.23;SCL:9;SFV:SPM;CAT:HPHSH;DIR:INB;\n");
        assert_eq!(with_id(&phish, super::META.id)[0].severity, Severity::High);
    }

    #[test]
    fn phishing_category_is_named() {
        let report =
            analyze("X-Forefront-Antispam-Report: CIP:198.51.100.23;SCL:9;SFV:SPM;CAT:HPHISH;DIR:INB;\n");
        let found = with_id(&report, super::META.id);
        assert_eq!(
            found[0].title,
            "Exchange Online classified this message as high confidence phishing (SCL 9)"
        );
    }

    #[test]
    fn outbound_verdict_points_at_the_sender() {
        let report = analyze(
            "From: a@example.com\nX-Forefront-Antispam-Report: CIP:255.255.255.255;SCL:5;SFV:SPM;CAT:OSPM;DIR:OUT;SFP:1501;\n",
        );
        let found = with_id(&report, super::META.id);
        assert!(found[0].title.starts_with("Microsoft 365 judged this outbound message as outbound spam"));
        assert!(found[0].fix.as_ref().unwrap().commands[1].contains("a@example.com"));
    }

    #[test]
    fn quiet_on_clean_and_on_upstream_only() {
        let clean = analyze(
            "X-MS-Exchange-Organization-SCL: 1\nX-Forefront-Antispam-Report: CIP:203.0.113.5;SCL:1;SFV:NSPM;CAT:NONE;DIR:INB;\n",
        );
        assert!(with_id(&clean, super::META.id).is_empty());
        let upstream = analyze("X-Forefront-Antispam-Report-Untrusted: SCL:5;SFV:SPM;CAT:OSPM;DIR:OUT;\n");
        assert!(with_id(&upstream, super::META.id).is_empty());
    }
}
