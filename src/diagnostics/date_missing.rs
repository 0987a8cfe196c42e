//! `date-missing`: see [`META`] for what it checks, why it matters and the fix.

use crate::catalog::msg;
use crate::diagnostics::{Ctx, Meta};
use crate::model::{Finding, FindingId, Owner, Severity};

pub(crate) const META: Meta = Meta {
    id: FindingId::DateMissing,
    severity: Severity::Medium,
    owner: Owner::SendingOrg,
    what: "The header block has no `Date` field.",
    why: "RFC 5322 §3.6 requires exactly one origination date (`Date:`) in every message. Large receivers refuse \
         or junk mail without one, and without it no one can tell how long the message waited before its first hop.",
    fix: "Make the sending application or server write a `Date:` field when it creates the message (most mail \
         libraries do this unless the application builds the header block itself).",
};

pub(crate) fn check(ctx: &Ctx<'_>, acc: &mut Vec<Finding>) {
    // Only for a real header block: a paste of a few fields is not a message without a Date.
    let looks_like_message =
        ctx.field("From").is_some() && (ctx.field("Received").is_some() || ctx.field("Message-ID").is_some());
    if ctx.field("Date").is_some() || !looks_like_message {
        return;
    }
    let evidence = ctx.field("From").map(|f| ctx.evidence(f));
    let sev = META.severity;
    META.finding(msg!("date-missing.title"), msg!("date-missing.detail"))
        .evidence(evidence)
        .fix(msg!("date-missing.fix"))
        .steps([msg!("date-missing.step-find"), msg!("date-missing.step-library")])
        .references(["RFC 5322 §3.6 (field definitions), §3.3 (date and time specification)"])
        .owner(if ctx.route.impersonation.is_some() { Owner::Nobody } else { META.owner })
        .severity(if ctx.route.impersonation.is_some() { Severity::Info } else { sev })
        .push(acc);
}

#[cfg(test)]
mod tests {
    use crate::diagnostics::test_support::{analyze, with_id};

    #[test]
    fn fires_without_date() {
        let report = analyze(
            "Received: from a.example.com ([192.0.2.1]) by mx.example.org with ESMTP id 1; Tue, 04 Aug 2026 11:00:00 +0200\n\
             From: a@example.com\nTo: b@example.org\nSubject: hi\n",
        );
        let found = with_id(&report, super::META.id);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].evidence[0].text, "a@example.com");
    }

    #[test]
    fn quiet_with_date_or_for_a_fragment() {
        let report = analyze(
            "From: a@example.com\nDate: Tue, 04 Aug 2026 11:00:00 +0200\nMessage-ID: <1@example.com>\n",
        );
        assert!(with_id(&report, super::META.id).is_empty());
        assert!(with_id(&analyze("Subject: hi\nFrom: a@example.com\n"), super::META.id).is_empty());
    }
}
