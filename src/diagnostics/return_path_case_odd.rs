//! `return-path-case-odd`: see [`META`] for what it checks, why it matters and the fix.

use crate::catalog::{Text, msg};
use crate::diagnostics::return_path_non_routable::{return_path_evidence, sub_span};
use crate::diagnostics::{Ctx, Meta, mail_contact_envelope_rewrite};
use crate::envelope::case::{self, CaseOddity};
use crate::model::{Evidence, Finding, FindingId, Owner, Severity, Span};

pub(crate) const META: Meta = Meta {
    id: FindingId::ReturnPathCaseOdd,
    severity: Severity::Medium,
    owner: Owner::SendingOrg,
    what: "The Return-Path's capitalisation is not what a person or an MTA would write: \
          the same local part as From except for case (C1), capitalisation styles mixed inside the local part \
          such as `application.MAILBOX` (C2), capitals in the domain such as `ResDomain.local` (C3), an \
          all-capitals address (C4), or the same mailbox spelled with different case in Return-Path, \
          `smtp.mailfrom`, Received-SPF or a Received line (C5). SRS, BATV, VERP and ESP bounce tokens, \
          `postmaster` and the null sender are left alone.",
    why: "Transports keep the case they are given (RFC 5321 §2.4), and directories write addresses exactly as \
         they were typed. An oddly capitalised envelope sender therefore shows that something re-derived the \
         address from a directory entry: on a hybrid path, Exchange's sender resolution. The evidence marks \
         exactly the characters that differ.",
    fix: "Find the object or setting that holds the address in this spelling (a Mail Contact's primary SMTP \
         address, an application's sender setting) and correct it; on a hybrid path follow \
         `mail-contact-envelope-rewrite`.",
};

/// Fields where the envelope sender is repeated (C5).
const ECHO_FIELDS: &[&str] = &[
    "Authentication-Results",
    "ARC-Authentication-Results",
    "X-MS-Exchange-Authentication-Results",
    "Received-SPF",
    "Received",
];

/// The capitalisation oddities of the topmost Return-Path (C1–C4), or nothing when it is excluded.
pub(crate) fn return_path_oddities(ctx: &Ctx<'_>) -> Vec<CaseOddity> {
    let Some(rp) = ctx.envelope.return_path.as_ref() else { return Vec::new() };
    if rp.bounce_token.is_some() || rp.local_part.eq_ignore_ascii_case("postmaster") {
        return Vec::new();
    }
    let from: Vec<&str> = ctx
        .summary
        .from
        .iter()
        .chain(ctx.summary.sender.iter())
        .filter_map(|m| m.address.as_deref())
        .collect();
    case::oddities(&rp.address, &from)
}

/// A mailing list or forwarder re-sent the message with its own envelope sender (another organisation than
/// the From domain's): that address's spelling is the list software's (LISTSERV writes host names in capitals),
/// says nothing about the author's systems, and "spell it like From" would be wrong advice.
fn redistributor_address(ctx: &Ctx<'_>, return_path_domain: &str) -> bool {
    if ctx.route.list.is_none() && ctx.route.forwarding.is_none() {
        return false;
    }
    let Some(from) = ctx.envelope.from.as_ref() else { return false };
    let org = |d: &str| crate::domain::organizational_domain(d).unwrap_or_else(|| d.to_ascii_lowercase());
    org(return_path_domain) != org(&from.domain)
}

/// Other headers that spell the Return-Path address with different case (C5), with the differing
/// characters highlighted.
fn echoes(ctx: &Ctx<'_>, address: &str) -> Vec<Evidence> {
    let lower = address.to_ascii_lowercase();
    let mut out = Vec::new();
    for name in ECHO_FIELDS {
        for field in ctx.fields(name) {
            let text = ctx.source.text(field.value_span);
            let hay = text.to_ascii_lowercase();
            let mut from = 0;
            while let Some(at) = hay.get(from..).and_then(|h| h.find(&lower)).map(|i| from + i) {
                from = at + lower.len();
                let Some(written) = text.get(at..at + lower.len()) else { continue };
                let before_ok =
                    text.get(..at).is_none_or(|b| !b.ends_with(|c: char| c.is_alphanumeric() || c == '.'));
                if written == address || !before_ok {
                    continue;
                }
                let start = field.value_span.start() + at;
                let highlights = case::differing_ranges(written, address)
                    .into_iter()
                    .map(|(s, e)| Span::new(start + s, start + e))
                    .collect();
                out.push(Evidence {
                    header: field.name.clone(),
                    text: written.to_string(),
                    span: Span::new(start, start + written.len()),
                    highlights,
                });
            }
        }
    }
    out
}

pub(crate) fn check(ctx: &Ctx<'_>, acc: &mut Vec<Finding>) {
    let Some(rp) = ctx.envelope.return_path.as_ref() else { return };
    if rp.bounce_token.is_some() || rp.local_part.eq_ignore_ascii_case("postmaster") {
        return;
    }
    if redistributor_address(ctx, &rp.domain) {
        return;
    }
    let oddities = return_path_oddities(ctx);
    let echoes = echoes(ctx, &rp.address);
    if oddities.is_empty() && echoes.is_empty() {
        return;
    }
    let Some(mut evidence) = return_path_evidence(ctx) else { return };
    let merged = case::merge_ranges(oddities.iter().flat_map(|o| o.ranges.iter().copied()).collect());
    evidence.highlights =
        merged.iter().filter_map(|&(s, e)| sub_span(&evidence, &rp.address, s, e)).collect();
    let mut severity = oddities.iter().map(|o| o.severity).max().unwrap_or(Severity::Info);
    let mut reasons: Vec<Text> = oddities
        .iter()
        .map(|o| {
            let mut reason = o.explanation.clone();
            reason.push_str(&format!(" ({})", o.rule.code()));
            reason
        })
        .collect();
    for echo in &echoes {
        reasons.push(msg!("return-path-case-odd.c5", header = echo.header, text = echo.text).into());
        severity = severity.max(Severity::Info);
    }
    let marked: Vec<&str> = merged.iter().filter_map(|&(s, e)| rp.address.get(s..e)).collect();
    let from = ctx.envelope.from.as_ref();
    let mut detail: Text = msg!("return-path-case-odd.detail-rp", address = rp.address).into();
    if let Some(from) = from {
        detail.push(msg!("return-path-case-odd.detail-from", address = from.address));
    }
    detail.push_str(". ");
    detail.push(Text::join(reasons, ". "));
    detail.push(msg!("return-path-case-odd.detail-why"));
    let hybrid = mail_contact_envelope_rewrite::applies(ctx);
    let intended: Text = match from {
        Some(f) => f.address.as_str().into(),
        None => msg!("return-path-case-odd.the-intended-address").into(),
    };
    let steps = if hybrid {
        vec![msg!("return-path-case-odd.step-mail-contact", intended)]
    } else {
        vec![
            msg!("return-path-case-odd.step-find", address = rp.address, intended),
            msg!("return-path-case-odd.step-cosmetic"),
        ]
    };
    let mut all_evidence = vec![evidence];
    all_evidence.extend(echoes);
    META.finding(
        if marked.is_empty() {
            msg!("return-path-case-odd.title-c5", address = rp.address)
        } else {
            msg!("return-path-case-odd.title", address = rp.address, parts = marked.join("`, `"))
        },
        detail,
    )
    .severity(severity)
    .likely()
    .evidence(all_evidence)
    .fix(msg!("return-path-case-odd.fix", address = rp.address))
    .steps(steps)
    .verify([msg!("return-path-case-odd.verify")])
    .references(["RFC 5321 §2.4 (local parts are case-sensitive; case must be preserved)"])
    .push(acc);
}

#[cfg(test)]
mod list_tests {
    use crate::diagnostics::test_support::{analyze, with_id};

    #[test]
    fn a_lists_own_capitalised_envelope_sender_is_not_the_authors_fault() {
        let report = analyze(include_str!("../../tests/fixtures/route/list-moderation-hold.eml"));
        assert!(report.route.list.is_some(), "the list is seen");
        assert!(with_id(&report, super::META.id).is_empty());
    }
}

#[cfg(test)]
mod tests {
    use crate::diagnostics::test_support::{analyze, with_id};
    use crate::model::Severity;

    #[test]
    fn marks_exactly_the_odd_characters() {
        let text =
            "Return-Path: <application.MAILBOX@ResDomain.local>\nFrom: Application.Mailbox@example.org\n";
        let report = analyze(text);
        let found = with_id(&report, super::META.id);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].severity, Severity::Medium);
        let ev = &found[0].evidence[0];
        assert_eq!(&text[ev.span.0..ev.span.1], "application.MAILBOX@ResDomain.local");
        let marked: Vec<&str> = ev.highlights.iter().map(|h| &text[h.0..h.1]).collect();
        assert_eq!(marked, ["a", "MAILBOX", "R", "D"]);
    }

    #[test]
    fn flags_a_spelling_change_across_headers() {
        let text = "Return-Path: <app.mailbox@example.org>\nReceived-SPF: Pass (mx.example.net: domain of \
                    App.Mailbox@example.org designates 192.0.2.7 as permitted sender) envelope-from=\"App.Mailbox@example.org\";\n\
                    From: app.mailbox@example.org\n";
        let report = analyze(text);
        let found = with_id(&report, super::META.id);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].severity, Severity::Info);
        let echoes: Vec<_> = found[0].evidence.iter().filter(|e| e.header == "Received-SPF").collect();
        assert_eq!(echoes.len(), 2);
        for e in echoes {
            assert_eq!(&text[e.span.0..e.span.1], "App.Mailbox@example.org");
            let marked: Vec<&str> = e.highlights.iter().map(|h| &text[h.0..h.1]).collect();
            assert_eq!(marked, ["A", "M"]);
        }
    }

    #[test]
    fn quiet_for_ordinary_and_machine_addresses() {
        for (rp, from) in [
            ("<jane.doe@example.com>", "Jane.Doe@example.com"),
            ("<SRS0=AbCd=QX=example.com=Jane.DOE@forwarder.example.net>", "Jane.Doe@example.com"),
            ("<bounces+1234-AB12-jane=example.com@em.example.net>", "news@example.com"),
            ("<POSTMASTER@example.com>", "postmaster@example.com"),
            ("<>", "MAILER-DAEMON@example.com"),
            ("<it.support@example.com>", "IT.Support@example.com"),
        ] {
            let report = analyze(&format!("Return-Path: {rp}\nFrom: {from}\n"));
            assert!(with_id(&report, super::META.id).is_empty(), "{rp}");
        }
    }
}
