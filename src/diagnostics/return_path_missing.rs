//! `return-path-missing`: see [`META`] for what it checks, why it matters and the fix.

use crate::catalog::msg;
use crate::diagnostics::{Ctx, Meta};
use crate::model::{Finding, FindingId, Owner, Severity};

pub(crate) const META: Meta = Meta {
    id: FindingId::ReturnPathMissing,
    severity: Severity::Info,
    owner: Owner::Nobody,
    what: "The headers show final delivery into a mailbox (a `Delivered-To` field, an LMTP or local delivery \
          stamp, Exchange Online's incoming-message fields) but have no `Return-Path` field. Headers that do not \
          show final delivery (a Sent Items copy, a message captured on the way) are expected to lack it and are \
          not reported. Info.",
    why: "The final delivering server writes the envelope sender (RFC 5321 §4.4) into `Return-Path`. \
         Without it, the headers were probably copied from Sent Items or captured before final delivery, \
         so envelope checks fall back to `smtp.mailfrom` and Received-SPF.",
    fix: "Copy the headers from the recipient's copy of the message (for example Outlook's \
         File > Properties > Internet headers on the received message).",
};

pub(crate) fn check(ctx: &Ctx<'_>, acc: &mut Vec<Finding>) {
    if !ctx.summary.return_path.is_empty() || ctx.headers.is_empty() || !ctx.route.final_delivery {
        return;
    }
    let evidence = ctx.field("From").map(|f| vec![ctx.evidence(f)]).unwrap_or_default();
    META.finding(msg!("return-path-missing.title"), msg!("return-path-missing.detail"))
        .likely()
        .evidence(evidence)
        .fix(msg!("return-path-missing.fix"))
        .steps([msg!("return-path-missing.step-open"), msg!("return-path-missing.step-outlook")])
        .push(acc);
}

#[cfg(test)]
mod tests {
    use crate::diagnostics::test_support::{analyze, with_id};

    #[test]
    fn fires_without_return_path() {
        let report =
            analyze("Delivered-To: b@example.org\nFrom: a@example.com\nTo: b@example.org\nSubject: hi\n");
        let found = with_id(&report, super::META.id);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].evidence[0].text, "a@example.com");
        assert_eq!(found[0].severity, crate::model::Severity::Info);
    }

    #[test]
    fn quiet_where_final_delivery_is_not_shown() {
        let report = analyze(
            "Received: from pc.example.com (pc.example.com [203.0.113.7]) by smtp.example.com with ESMTPSA id 1; Mon, 8 Jan 2024 10:00:00 +0000\n\
             From: a@example.com\nTo: b@example.org\nSubject: a Sent Items copy\n",
        );
        assert!(report.summary.subject.is_some(), "the input was understood");
        assert!(with_id(&report, super::META.id).is_empty());
    }

    #[test]
    fn quiet_with_return_path() {
        let report = analyze("Return-Path: <a@example.com>\nFrom: a@example.com\n");
        assert!(with_id(&report, super::META.id).is_empty());
    }
}
