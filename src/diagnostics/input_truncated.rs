//! `input-truncated`: see [`META`] for what it checks, why it matters and the fix.

use crate::diagnostics::{Ctx, Meta};
use crate::limits::{Limit, MAX_FIELDS, MAX_HOPS, MAX_INPUT_BYTES};
use crate::model::{Evidence, Finding, FindingId, Owner, Severity};

pub(crate) const META: Meta = Meta {
    id: FindingId::InputTruncated,
    severity: Severity::Info,
    owner: Owner::Nobody,
    what: "The input was over one of the limits in `crate::limits` (2 MiB of header text, 5,000 fields or \
          200 `Received` fields), so only its top part was analysed.",
    why: "Everything else in the report describes the analysed part only: hops older than the cut, and \
         findings about fields below it, are missing. Real messages stay far below these limits (Postfix \
         refuses header sections over 100 KB and more than 50 hops), so such input is most likely several \
         messages, a mailbox or generated text pasted at once.",
    fix: "Paste one message's header section, or, to see the part that was not analysed, paste the text \
         from the first unread line (which the finding quotes) on.",
};

pub(crate) fn check(ctx: &Ctx<'_>, acc: &mut Vec<Finding>) {
    let Some(t) = ctx.truncation else { return };
    let unread = t.total - t.at;
    let (title, why) = match t.limit {
        Limit::InputBytes => (
            format!("Only the first {} bytes were analysed", t.at),
            format!(
                "The header section runs past {MAX_INPUT_BYTES} bytes, the most headerlens reads; \
                 the last {unread} of {} bytes were not analysed. One message's headers are rarely over \
                 100 KB, so this is likely several messages or a mailbox pasted at once.",
                t.total
            ),
        ),
        Limit::Fields => (
            format!("Only the first {MAX_FIELDS} header fields were analysed"),
            format!(
                "The input has more than {MAX_FIELDS} header fields, the most headerlens reads; the last \
                 {unread} of {} bytes were not analysed. Real messages have tens to a few hundred fields, \
                 so this is likely several messages or generated text pasted at once.",
                t.total
            ),
        ),
        Limit::Hops => (
            format!("Only the {MAX_HOPS} most recent hops were analysed"),
            format!(
                "The input has more than {MAX_HOPS} Received fields, the most headerlens reads; the older \
                 ones (the last {unread} of {} bytes) were not analysed, so the hop timeline does not reach \
                 the sender. Mail servers treat 100 Received fields as a mail loop (RFC 5321 §6.3), so \
                 this is likely a loop or several messages pasted at once.",
                t.total
            ),
        ),
    };
    let shown =
        if t.next_line.is_empty() { "(white space)".to_string() } else { format!("{:?}", t.next_line) };
    META.finding(title, format!("{why} The analysis stopped at byte {}, before {shown}.", t.at))
        .likely()
        .evidence([Evidence {
            header: "(first line not analysed)".to_string(),
            text: t.next_line.clone(),
            span: t.next_line_span,
            highlights: Vec::new(),
        }])
        .fix("Paste one message's header section, or the part that was not analysed on its own".to_string())
        .steps([
            "To analyse one message: paste only its header section, up to the first blank line.".to_string(),
            format!(
                "To analyse the rest: paste the text from {shown} (byte {}) on.",
                t.next_line_span.start()
            ),
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
        assert_eq!(found[0].title, format!("Only the {MAX_HOPS} most recent hops were analysed"));
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
