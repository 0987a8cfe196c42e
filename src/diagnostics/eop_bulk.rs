//! `eop-bulk`: see [`META`] for what it checks, why it matters and the fix.

use crate::catalog::{Text, msg};
use crate::diagnostics::{Ctx, Meta};
use crate::microsoft::bcl_msg;
use crate::model::{Finding, FindingId, Owner, Severity};

pub(crate) const META: Meta = Meta {
    id: FindingId::EopBulk,
    severity: Severity::Medium,
    owner: Owner::ReceivingOrg,
    what: "The recipient-side Microsoft 365 verdict rates the sender as bulk: bulk complaint level (`BCL:` in \
          X-Microsoft-Antispam) of 7 or more, or `SRV:BULK` in X-Forefront-Antispam-Report (Medium); a BCL of 4–6 \
          is reported as a warning (Low).",
    why: "Microsoft documents BCL 4–7 as \"a mixed number of complaints\" and 8–9 as \"a high number of complaints\". \
         The default anti-spam policy treats BCL 7 or more as bulk (Standard preset 6, Strict preset 5) and sends \
         it to Junk Email (Strict: quarantine). Newsletters and notifications from mass senders land there even \
         when authentication passes.",
    fix: "Recipient: decide whether the mail is wanted; allow it narrowly (Safe Senders, a false-positive submission) \
         or tune the anti-spam policy's bulk threshold. Sender: BCL reflects complaints about the sending platform; \
         mail only opted-in recipients, honour one-click unsubscribe and authenticate with SPF, DKIM and DMARC.",
};

/// The default policy's bulk threshold.
const DEFAULT_THRESHOLD: i32 = 7;
/// From here on, a warning.
const WARNING_LEVEL: i32 = 4;

pub(crate) fn check(ctx: &Ctx<'_>, acc: &mut Vec<Finding>) {
    let ms = ctx.microsoft;
    let Some(report) = ms.report.as_ref() else { return };
    let srv_bulk = report.srv.as_deref().is_some_and(|s| s.eq_ignore_ascii_case("BULK"));
    let bcl = report.bcl;
    let severity = match (bcl, srv_bulk) {
        (Some(b), _) if b >= DEFAULT_THRESHOLD => Severity::Medium,
        (_, true) => Severity::Medium,
        (Some(b), false) if b >= WARNING_LEVEL => Severity::Low,
        _ => return,
    };
    let mut evidence = Vec::new();
    if let Some(f) = ms.entry(report, "BCL").filter(|_| bcl.is_some()) {
        evidence.push(ctx.ms_evidence(f));
    }
    if let Some(f) = ms.entry(report, "SRV").filter(|_| srv_bulk) {
        evidence.push(ctx.ms_evidence(f));
    }
    let from = ctx.summary.from.first().and_then(|m| m.address.clone());
    let sender: Text = from.clone().map(Text::raw).unwrap_or_else(|| msg!("eop-bulk.this-sender").into());
    let from_domain = from.as_deref().and_then(|a| a.rsplit_once('@')).map(|(_, d)| d.to_string());
    let mut detail = Text::default();
    let title = match bcl {
        Some(b) => {
            detail.push(msg!("eop-bulk.detail-level", sender, b, words = bcl_msg(b)));
            msg!("eop-bulk.title-bcl", sender, b)
        }
        None => msg!("eop-bulk.title", sender),
    };
    detail.push(msg!("eop-bulk.detail-policy"));
    if srv_bulk {
        detail.push(msg!("eop-bulk.detail-srv-bulk"));
    } else if severity == Severity::Low {
        detail.push(msg!("eop-bulk.detail-below"));
    }
    let mut steps = vec![msg!("eop-bulk.step-wanted", sender), msg!("eop-bulk.step-threshold")];
    if let Some(d) = &from_domain {
        steps.push(msg!("eop-bulk.step-sender-side", d));
    }
    // A likely hostile message: never advise allowing it, nor the sender's bulk-mail practice.
    if let Some(hostile) = &ctx.route.impersonation {
        META.finding(title, detail)
            .severity(Severity::Low)
            .owner(Owner::ReceivingOrg)
            .likely()
            .append_detail(msg!("eop-bulk.detail-hostile", reason = hostile.reason))
            .evidence(evidence)
            .fix(msg!("eop-bulk.fix-hostile", sender))
            .steps([msg!("eop-bulk.step-hostile", sender)])
            .push(acc);
        return;
    }
    META.finding(title, detail)
        .severity(severity)
        .evidence(evidence)
        .fix(msg!("eop-bulk.fix", sender))
        .steps(steps)
        .commands([
            "Get-HostedContentFilterPolicy | Format-List Name,BulkThreshold,MarkAsSpamBulkMail,BulkSpamAction"
                .to_string(),
        ])
        .verify([msg!("eop-bulk.verify")])
        .alternatives([
            msg!("eop-bulk.alt-raise"),
        ])
        .references([
            "Bulk complaint level (BCL) in EOP",
            "Anti-spam message headers in Microsoft 365",
        ])
        .push(acc);
}

#[cfg(test)]
mod tests {
    use crate::diagnostics::test_support::{analyze, with_id};
    use crate::model::Severity;

    #[test]
    fn fires_on_high_bcl_and_srv_bulk() {
        let text = "From: News <news@mailer.example.com>\n\
            X-Forefront-Antispam-Report: CIP:198.51.100.40;CTRY:US;SCL:6;SRV:BULK;IPV:NLI;SFV:SPM;CAT:BULK;DIR:INB;\n\
            X-Microsoft-Antispam: BCL:7;\n";
        let report = analyze(text);
        let found = with_id(&report, super::META.id);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].severity, Severity::Medium);
        assert_eq!(found[0].title, "Microsoft 365 rates news@mailer.example.com as a bulk sender (BCL 7)");
        let texts: Vec<&str> = found[0].evidence.iter().map(|e| e.text.as_str()).collect();
        assert_eq!(texts, ["BCL:7", "SRV:BULK"]);
        assert!(found[0].detail.contains("mixed number of complaints"));
        assert!(found[0].fix.as_ref().unwrap().steps[2].contains("mailer.example.com"));
    }

    #[test]
    fn warns_on_middle_bcl() {
        let report =
            analyze("X-Forefront-Antispam-Report: SCL:1;SFV:NSPM;DIR:INB;\nX-Microsoft-Antispam: BCL:5;\n");
        let found = with_id(&report, super::META.id);
        assert_eq!(found[0].severity, Severity::Low);
    }

    #[test]
    fn quiet_on_low_bcl_and_upstream() {
        let report = analyze(
            "X-Forefront-Antispam-Report: SCL:1;SRV:;SFV:NSPM;DIR:INB;\nX-Microsoft-Antispam: BCL:1;\n",
        );
        assert!(with_id(&report, super::META.id).is_empty());
        let upstream = analyze("X-Microsoft-Antispam-Untrusted: BCL:8;\n");
        assert!(with_id(&upstream, super::META.id).is_empty());
    }
}
