//! `return-path-missing`: see [`META`] for what it checks, why it matters and the fix.

use crate::diagnostics::{Ctx, Meta};
use crate::model::{Finding, FindingId, Owner, Severity};

pub(crate) const META: Meta = Meta {
    id: FindingId::ReturnPathMissing,
    severity: Severity::Info,
    owner: Owner::Nobody,
    what: "The header block has no `Return-Path` field.",
    why: "The final delivering server writes the envelope sender (RFC 5321 §4.4) into `Return-Path`. \
         Without it, the headers were probably copied from Sent Items or captured before final delivery, \
         so envelope checks fall back to `smtp.mailfrom` and Received-SPF.",
    fix: "Copy the headers from the recipient's copy of the message (for example Outlook's \
         File > Properties > Internet headers on the received message).",
};

pub(crate) fn check(ctx: &Ctx<'_>, acc: &mut Vec<Finding>) {
    if !ctx.summary.return_path.is_empty() || ctx.headers.is_empty() {
        return;
    }
    let evidence = ctx.field("From").map(|f| vec![ctx.evidence(f)]).unwrap_or_default();
    META.finding(
        "No Return-Path: these are likely not the headers of a delivered copy".to_string(),
        "The header block has no Return-Path field. The receiving server adds it at final delivery \
             (RFC 5321 §4.4), so these headers were probably copied from Sent Items or from a copy captured \
             before delivery. Envelope checks fall back to smtp.mailfrom and Received-SPF where present."
        .to_string(),
    )
    .likely()
    .evidence(evidence)
    .fix("Copy the headers from the recipient's copy of the message".to_string())
    .steps([
        "Open the message in the recipient's mailbox (not the sender's Sent Items).".to_string(),
        "In Outlook: File > Properties > Internet headers; in Outlook on the web: View > View message details."
            .to_string(),
    ])
    .push(acc);
}

#[cfg(test)]
mod tests {
    use crate::diagnostics::test_support::{analyze, with_id};

    #[test]
    fn fires_without_return_path() {
        let report = analyze("From: a@example.com\nTo: b@example.org\nSubject: hi\n");
        let found = with_id(&report, super::META.id);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].evidence[0].text, "a@example.com");
    }

    #[test]
    fn quiet_with_return_path() {
        let report = analyze("Return-Path: <a@example.com>\nFrom: a@example.com\n");
        assert!(with_id(&report, super::META.id).is_empty());
    }
}
