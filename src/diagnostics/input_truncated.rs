//! `input-truncated`: see [`META`] for what it checks, why it matters and the fix.

use crate::catalog::{Text, msg};
use crate::diagnostics::{Ctx, Meta};
use crate::limits::{Limit, MAX_FIELDS, MAX_HOPS, MAX_INPUT_BYTES};
use crate::model::{Evidence, Finding, FindingId, Owner, Severity};

pub(crate) const META: Meta = Meta {
    id: FindingId::InputTruncated,
    severity: Severity::Info,
    owner: Owner::Nobody,
    what: "The input was over one of the limits in `crate::limits` (2 MiB of header text, 5,000 fields or \
          200 `Received` fields), so only its top part was analyzed.",
    why: "Everything else in the report describes the analyzed part only: hops older than the cut, and \
         findings about fields below it, are missing. Real messages stay far below these limits (Postfix \
         refuses header sections over 100 KB and more than 50 hops), so such input is most likely several \
         messages, a mailbox or generated text pasted at once.",
    fix: "Paste one message's header section, or, to see the part that was not analyzed, paste the text \
         from the first unread line (which the finding quotes) on.",
};

pub(crate) fn check(ctx: &Ctx<'_>, acc: &mut Vec<Finding>) {
    let Some(t) = ctx.truncation else { return };
    let unread = t.total - t.at;
    let (title, why) = match t.limit {
        Limit::InputBytes => (
            msg!("input-truncated.title-bytes", at = t.at),
            msg!("input-truncated.detail-bytes", limit = MAX_INPUT_BYTES, unread, total = t.total),
        ),
        Limit::Fields => (
            msg!("input-truncated.title-fields", limit = MAX_FIELDS),
            msg!("input-truncated.detail-fields", limit = MAX_FIELDS, unread, total = t.total),
        ),
        Limit::Hops => (
            msg!("input-truncated.title-hops", limit = MAX_HOPS),
            msg!("input-truncated.detail-hops", limit = MAX_HOPS, unread, total = t.total),
        ),
    };
    let shown: Text = if t.next_line.is_empty() {
        msg!("input-truncated.white-space").into()
    } else {
        format!("{:?}", t.next_line).into()
    };
    META.finding(title, msg!("input-truncated.detail", why, at = t.at, shown))
        .likely()
        .evidence([Evidence {
            header: "(first line not analyzed)".to_string(),
            text: t.next_line.clone(),
            span: t.next_line_span,
            highlights: Vec::new(),
        }])
        .fix(msg!("input-truncated.fix"))
        .steps([
            msg!("input-truncated.step-one-message"),
            msg!("input-truncated.step-rest", shown, start = t.next_line_span.start()),
        ])
        .push(acc);
}

#[cfg(test)]
mod tests {
    use crate::diagnostics::test_support::{analyze, with_id};
    use crate::limits::MAX_HOPS;

    #[test]
    fn fires_with_too_many_hops_and_names_the_first_unread_field() {
        let text: String = (0..MAX_HOPS + 5)
            .rev()
            .map(|n| {
                format!(
                    "Received: from h{n}.example.net by mx.example.org; Wed, 29 Oct 2025 10:24:26 +0000\n"
                )
            })
            .collect();
        let report = analyze(&text);
        let found = with_id(&report, super::META.id);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].title, format!("Only the {MAX_HOPS} most recent hops were analyzed"));
        let evidence = &found[0].evidence[0];
        assert!(evidence.text.starts_with("Received: from h4.example.net"), "{}", evidence.text);
        assert_eq!(&text[evidence.span.start()..evidence.span.end()], evidence.text);
        assert_eq!(report.hops.len(), MAX_HOPS);
    }

    #[test]
    fn quiet_below_the_limits() {
        let text: String = (0..MAX_HOPS)
            .map(|n| {
                format!(
                    "Received: from h{n}.example.net by mx.example.org; Wed, 29 Oct 2025 10:24:26 +0000\n"
                )
            })
            .collect();
        let report = analyze(&text);
        assert!(with_id(&report, super::META.id).is_empty());
        assert_eq!(report.hops.len(), MAX_HOPS);
    }
}
