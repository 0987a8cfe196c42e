//! `return-path-multiple`: see [`META`] for what it checks, why it matters and the fix.

use crate::diagnostics::{Ctx, Meta, return_path_non_routable::verbatim_evidence};
use crate::model::{Finding, FindingId, Owner, Severity};

pub(crate) const META: Meta = Meta {
    id: FindingId::ReturnPathMultiple,
    severity: Severity::Medium,
    owner: Owner::Intermediary,
    what: "The header block has more than one `Return-Path` field.",
    why: "RFC 5321 §4.4 expects exactly one: the final delivering server adds it, and \"a message-originating \
         SMTP system SHOULD NOT send a message that already contains a Return-path header field\". Several \
         mean the message was delivered, then re-sent or re-delivered (forwarding, journaling, a gateway) \
         without removing the old one. The topmost is the one the last delivery wrote; the others describe an \
         earlier delivery and can mislead envelope checks.",
    fix: "Find the system that re-injects delivered messages and make it strip `Return-Path` before sending.",
};

pub(crate) fn check(ctx: &Ctx<'_>, acc: &mut Vec<Finding>) {
    let fields: Vec<_> = ctx.fields("Return-Path").collect();
    if fields.len() < 2 {
        return;
    }
    let values: Vec<String> = ctx.summary.return_path.iter().map(|rp| rp.raw.trim().to_string()).collect();
    let distinct = {
        let mut v: Vec<String> = values.iter().map(|s| s.to_ascii_lowercase()).collect();
        crate::sort::sort(&mut v);
        v.dedup();
        v.len()
    };
    let topmost = values.first().cloned().unwrap_or_default();
    let detail = if distinct == 1 {
        format!(
            "The headers hold {} Return-Path fields, all `{topmost}`. RFC 5321 §4.4 expects exactly one, added at final \
             delivery; the duplicates show the message was delivered more than once (forwarded, journaled or passed \
             through a gateway) without the old field being removed.",
            fields.len()
        )
    } else {
        format!(
            "The headers hold {} Return-Path fields with different values ({}). RFC 5321 §4.4 expects exactly one, \
             added at final delivery: the topmost, `{topmost}`, is what the last delivery used; the others come from \
             an earlier delivery of the same message and should not be used for envelope checks.",
            fields.len(),
            values.iter().map(|v| format!("`{v}`")).collect::<Vec<_>>().join(", ")
        )
    };
    META.finding(
        format!("{} Return-Path fields; the topmost (`{topmost}`) is authoritative", fields.len()),
        detail,
    )
    .severity(if distinct == 1 { Severity::Low } else { Severity::Medium })
    .evidence(fields.iter().map(|f| verbatim_evidence(ctx, f)))
    .fix("Make the system that re-sends delivered messages remove the old Return-Path".to_string())
    .steps([
        "Read the Received lines between the Return-Path fields: the host that received the message after the \
         lower Return-Path was written is the one re-injecting it (a forwarder, journaling or archiving rule, \
         or a gateway)."
            .to_string(),
        "Configure it to drop Return-Path before sending (RFC 5321 §4.4: an originating system should not send \
         a message that already contains one)."
            .to_string(),
    ])
    .references(["RFC 5321 §4.4 (trace information)"])
    .push(acc);
}

#[cfg(test)]
mod tests {
    use crate::diagnostics::test_support::{analyze, with_id};
    use crate::model::Severity;

    #[test]
    fn fires_on_two_different_return_paths() {
        let text = "Return-Path: <list-bounces@lists.example.org>\nReceived: from a by b; Mon, 6 Jan 2025 10:00:00 +0000\n\
                    Return-Path: <alice@example.com>\nFrom: alice@example.com\n";
        let report = analyze(text);
        let found = with_id(&report, super::META.id);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].severity, Severity::Medium);
        assert!(found[0].title.contains("list-bounces@lists.example.org"));
        assert_eq!(found[0].evidence.len(), 2);
        assert_eq!(&text[found[0].evidence[1].span.0..found[0].evidence[1].span.1], "<alice@example.com>");
    }

    #[test]
    fn duplicates_are_low_and_one_is_quiet() {
        let dup =
            analyze("Return-Path: <a@example.com>\nReturn-Path: <a@example.com>\nFrom: a@example.com\n");
        assert_eq!(with_id(&dup, super::META.id)[0].severity, Severity::Low);
        let one = analyze("Return-Path: <a@example.com>\nFrom: a@example.com\n");
        assert!(with_id(&one, super::META.id).is_empty());
    }
}
