//! `duplicate-fields`: see [`META`] for what it checks, why it matters and the fix.

use crate::catalog::{Text, msg};
use crate::diagnostics::{Ctx, Meta};
use crate::model::{Finding, FindingId, Owner, Severity};

pub(crate) const META: Meta = Meta {
    id: FindingId::DuplicateFields,
    severity: Severity::Medium,
    owner: Owner::Nobody,
    what: "A field that RFC 5322 §3.6 allows at most once (Sender, Reply-To, To, Cc, Bcc, Subject, Date, \
         Message-ID, In-Reply-To, References) appears more than once. Several From fields are reported by \
         `from-invalid`.",
    why: "Filters and mail programs disagree on which copy they use: a filter may check one Subject or Date while \
         the reader sees the other. Duplicated singleton fields are a known way to slip past filters and to show \
         the reader something other than what was checked.",
    fix: "Treat the message as suspicious; if it comes from your own application, make it write each field once.",
};

/// The singleton fields of RFC 5322 §3.6 (From is `from-invalid`'s).
const SINGLETONS: &[&str] =
    &["Sender", "Reply-To", "To", "Cc", "Bcc", "Subject", "Date", "Message-ID", "In-Reply-To", "References"];

pub(crate) fn check(ctx: &Ctx<'_>, acc: &mut Vec<Finding>) {
    let mut names = Vec::new();
    let mut evidence = Vec::new();
    let mut values = Vec::new();
    for name in SINGLETONS {
        let found: Vec<_> = ctx.fields(name).collect();
        if found.len() < 2 {
            continue;
        }
        names.push(format!("{name} ({}×)", found.len()));
        let mut shown = Text::default();
        for (i, f) in found.iter().enumerate() {
            if i > 0 {
                shown.push(msg!("list.and"));
            }
            shown.push_str(&format!("\"{}\"", f.decoded.as_deref().unwrap_or(&f.value).trim()));
        }
        values.push(msg!("duplicate-fields.values", name = *name, values = shown));
        evidence.extend(found.iter().map(|f| ctx.evidence(f)));
    }
    if names.is_empty() {
        return;
    }
    META.finding(
        msg!("duplicate-fields.title", names = names.join(", ")),
        msg!("duplicate-fields.detail", fields = Text::join_clauses(values)),
    )
    .evidence(evidence)
    .fix(msg!("duplicate-fields.fix"))
    .steps([msg!("duplicate-fields.step-confirm"), msg!("duplicate-fields.step-own-app")])
    .references(["RFC 5322 §3.6 (the number of times each field may occur)"])
    .push(acc);
}

#[cfg(test)]
mod tests {
    use crate::diagnostics::test_support::{analyze, with_id};

    #[test]
    fn fires_with_both_values_of_each_duplicate() {
        let report = analyze(
            "From: a@example.com\nSubject: Invoice\nSubject: Your account is locked\nDate: Tue, 04 Aug 2026 11:00:00 +0200\n\
             Date: Tue, 04 Aug 2026 12:00:00 +0200\nTo: b@example.org\n",
        );
        let found = with_id(&report, super::META.id);
        assert_eq!(found.len(), 1);
        let f = found[0];
        assert!(f.title.contains("Subject (2×)") && f.title.contains("Date (2×)"), "{}", f.title);
        assert!(f.detail.contains("\"Invoice\" and \"Your account is locked\""), "{}", f.detail);
        assert_eq!(f.evidence.len(), 4);
    }

    #[test]
    fn quiet_with_one_of_each() {
        let report =
            analyze("From: a@example.com\nSubject: hi\nTo: b@example.org\nReceived: x\nReceived: y\n");
        assert!(with_id(&report, super::META.id).is_empty());
    }
}
