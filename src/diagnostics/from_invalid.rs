//! `from-invalid`: see [`META`] for what it checks, why it matters and the fix.

use crate::catalog::msg;
use crate::diagnostics::{Ctx, Meta, return_path_non_routable::verbatim_evidence};
use crate::model::{Finding, FindingId, Owner, Severity};

pub(crate) const META: Meta = Meta {
    id: FindingId::FromInvalid,
    severity: Severity::High,
    owner: Owner::SendingOrg,
    what: "The message has no From field, several From fields, several addresses in From, or a From without a \
          readable address. Only header blocks that look like a message (with Date, Subject or Message-ID) are \
          judged, so fragments of trace fields stay quiet.",
    why: "DMARC needs exactly one author domain (RFC 7489 §6.6.1); with zero or several, receivers cannot \
         evaluate DMARC and may reject the message. RFC 5322 §3.6 requires exactly one From field.",
    fix: "Make the sending application write exactly one From field with one address.",
};

pub(crate) fn check(ctx: &Ctx<'_>, acc: &mut Vec<Finding>) {
    let looks_like_message = ["Date", "Subject", "Message-ID"].iter().any(|n| ctx.field(n).is_some());
    if !looks_like_message {
        return;
    }
    let fields: Vec<_> = ctx.fields("From").collect();
    let addresses: Vec<&str> = ctx.summary.from.iter().filter_map(|m| m.address.as_deref()).collect();
    let problem = match (fields.len(), ctx.summary.from.len(), addresses.len()) {
        (0, _, _) => msg!("from-invalid.problem-none"),
        (n, _, _) if n > 1 => msg!("from-invalid.problem-many-fields", n),
        (_, m, _) if m > 1 => {
            let list = ctx
                .summary
                .from
                .iter()
                .map(|mb| format!("`{}`", mb.address.as_deref().or(mb.name.as_deref()).unwrap_or("?")))
                .collect::<Vec<_>>()
                .join(", ");
            msg!("from-invalid.problem-many-mailboxes", m, list)
        }
        (_, _, 0) => msg!("from-invalid.problem-unreadable"),
        _ => return,
    };
    META.finding(msg!("from-invalid.title", problem), msg!("from-invalid.detail", problem))
        .evidence(fields.iter().map(|f| verbatim_evidence(ctx, f)))
        .fix(msg!("from-invalid.fix"))
        .steps([msg!("from-invalid.step-one")])
        .references(["RFC 7489 §6.6.1", "RFC 5322 §3.6"])
        .push(acc);
}

#[cfg(test)]
mod tests {
    use crate::diagnostics::test_support::{analyze, with_id};

    #[test]
    fn fires_for_missing_multiple_and_unreadable_from() {
        for text in [
            "Subject: hi\nTo: b@example.org\n",
            "From: a@example.com\nFrom: b@example.com\nSubject: hi\n",
            "From: a@example.com, b@example.com\nSubject: hi\n",
            "From: undisclosed sender\nSubject: hi\n",
        ] {
            assert_eq!(with_id(&analyze(text), super::META.id).len(), 1, "{text}");
        }
    }

    #[test]
    fn quiet_for_one_address_or_a_trace_fragment() {
        assert!(with_id(&analyze("From: a@example.com\nSubject: hi\n"), super::META.id).is_empty());
        assert!(
            with_id(&analyze("Received: from a by b; Mon, 6 Jan 2025 10:00:00 +0000\n"), super::META.id)
                .is_empty()
        );
    }
}
