//! `from-non-routable`: see [`META`] for what it checks, why it matters and the fix.

use crate::catalog::msg;
use crate::diagnostics::{Ctx, Meta, return_path_non_routable::sub_span};
use crate::model::{Finding, FindingId, Owner, Severity};

pub(crate) const META: Meta = Meta {
    id: FindingId::FromNonRoutable,
    severity: Severity::Critical,
    owner: Owner::SendingOrg,
    what: "The single From address has a domain that cannot exist on the Internet (the same rules as \
          `return-path-non-routable`: special-use names, TLDs with no ICANN entry in the Public Suffix List, \
          single labels, IP literals, bare public suffixes, malformed domains).",
    why: "The From domain is what people see and what DMARC anchors on. A domain that cannot exist has no \
         DMARC record, cannot align with anything and is refused outright by many receivers; replies go nowhere.",
    fix: "Configure the sending system to use a From address in a public domain the organization owns.",
};

pub(crate) fn check(ctx: &Ctx<'_>, acc: &mut Vec<Finding>) {
    let Some(from) = ctx.envelope.from.as_ref() else { return };
    if from.domain_class.is_routable() {
        return;
    }
    let Some(field) = ctx.field("From") else { return };
    let mut evidence = ctx.evidence_for(field, &from.address);
    let domain_start = if from.domain.is_empty() { 0 } else { from.address.len() - from.domain.len() };
    if let Some(span) = sub_span(&evidence, &from.address, domain_start, from.address.len()) {
        evidence.highlights.push(span);
    }
    let shown = if from.domain.is_empty() { from.address.as_str() } else { from.domain.as_str() };
    // Reasons start with the name in backticks ("The domain is empty" aside), so no capitalising is needed.
    let reason = &from.domain_class.reason;
    META.finding(
        msg!("from-non-routable.title", shown),
        msg!("from-non-routable.detail", address = &from.address, reason),
    )
    .evidence([evidence])
    .fix(msg!("from-non-routable.fix"))
    .steps([
        msg!("from-non-routable.step-sender-setting", address = &from.address),
        msg!("from-non-routable.step-records"),
    ])
    .verify([msg!("from-non-routable.verify")])
    .references([
        "RFC 5321 §2.3.5".to_string(),
        from.domain_class.reference.map(str::to_string).unwrap_or_else(|| "Public Suffix List".to_string()),
    ])
    .push(acc);
}

#[cfg(test)]
mod tests {
    use crate::diagnostics::test_support::{analyze, with_id};

    #[test]
    fn fires_for_an_internal_from_and_marks_the_domain() {
        let text = "From: root@host.corp.lan (Cron Daemon)\n";
        let report = analyze(text);
        let found = with_id(&report, super::META.id);
        assert_eq!(found.len(), 1);
        let ev = &found[0].evidence[0];
        assert_eq!(&text[ev.span.0..ev.span.1], "root@host.corp.lan");
        assert_eq!(&text[ev.highlights[0].0..ev.highlights[0].1], "host.corp.lan");
    }

    #[test]
    fn quiet_for_public_domains() {
        for from in ["a@example.com", "Jane <jane@who.int>", "x@shop.example.co.uk"] {
            assert!(with_id(&analyze(&format!("From: {from}\n")), super::META.id).is_empty(), "{from}");
        }
    }
}
