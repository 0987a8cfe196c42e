//! Authentication results, parsed and weighed: Authentication-Results, ARC-Authentication-Results,
//! X-MS-Exchange-Authentication-Results, Received-SPF, DKIM-Signature, ARC-Seal and ARC-Message-Signature.
//!
//! Each results field is tied to the hop that stamped it and marked `trusted` (added by the final receiving
//! organisation) or `upstream` (anything else, which anyone could have written); the rule is documented in
//! [`receiver`]. Verdicts and findings use trusted results only. Nothing here is verified cryptographically:
//! DKIM and ARC signatures need the signer's public key from DNS, which an offline tool cannot fetch, so the
//! report shows what the receiver said about each signature next to what can be linted from the header.

mod arc;
pub mod dkim;
mod model;
pub mod received_spf;
pub(crate) mod receiver;
pub mod results;
pub(crate) mod tags;
pub(crate) mod tokens;
mod verdicts;

pub use model::*;
pub(crate) use verdicts::dmarc_policy;

use crate::input::Source;
use crate::model::{HeaderField, Hop, Span};
use arc::arc_chain;
use dkim::link_dkim;
use receiver::{Layout, weigh_trust};
use verdicts::verdicts;

/// Parses the authentication headers and weighs them.
pub(crate) fn build(source: &Source, fields: &[HeaderField], hops: &[Hop]) -> Authentication {
    let received: Vec<usize> = fields
        .iter()
        .enumerate()
        .filter(|(_, f)| f.name.eq_ignore_ascii_case("Received"))
        .map(|(i, _)| i)
        .collect();
    let layout = Layout::new(fields, hops, &received);

    let mut auth = Authentication {
        verification_note: crate::catalog::msg!("auth.verification-note").into(),
        ..Authentication::default()
    };
    let mut seals: Vec<(usize, Vec<tags::Tag>)> = Vec::new();
    let mut ams: Vec<Vec<tags::Tag>> = Vec::new();

    for (index, field) in fields.iter().enumerate() {
        // The name in lower case when it is one this reader reads (compared in place: most fields are not).
        let name: &str =
            READ_FIELDS.iter().copied().find(|n| field.name.eq_ignore_ascii_case(n)).unwrap_or("");
        let kind = match name {
            "authentication-results" => Some(ResultsKind::AuthenticationResults),
            "arc-authentication-results" => Some(ResultsKind::ArcAuthenticationResults),
            "x-ms-exchange-authentication-results" => Some(ResultsKind::XMsExchangeAuthenticationResults),
            "x-original-authentication-results" | "authentication-results-original" => {
                Some(ResultsKind::OriginalAuthenticationResults)
            }
            _ => None,
        };
        let (text, base) = field_text(source, field);
        if let Some(kind) = kind {
            let mut parsed = results::parse(text, kind == ResultsKind::ArcAuthenticationResults);
            for m in &mut parsed.methods {
                m.verdict_span = Span::new(base + m.verdict_range.0, base + m.verdict_range.1);
                m.span = Span::new(base + m.range.0, base + m.range.1);
            }
            let hop = layout.tie(index, parsed.authserv_id.as_deref());
            auth.results.push(AuthResults {
                header: field.name.clone(),
                kind,
                parsed,
                hop,
                trust: Trust::Upstream,
                forged: false,
                header_index: index,
                span: field.span,
            });
            continue;
        }
        match name {
            "received-spf" => {
                let mut record = received_spf::parse(text);
                record.result_span = Span::new(base + record.result_range.0, base + record.result_range.1);
                let hop = layout.tie(index, record.receiver_host());
                auth.received_spf.push(ReceivedSpf {
                    header: field.name.clone(),
                    record,
                    hop,
                    trust: Trust::Upstream,
                    header_index: index,
                    span: field.span,
                });
            }
            "dkim-signature" => {
                let mut sig = dkim::parse(&field.value);
                sig.header_index = index;
                sig.span = field.span;
                auth.dkim.push(sig);
            }
            "arc-seal" => seals.push((index, tags::parse(&field.value))),
            "arc-message-signature" => ams.push(tags::parse(&field.value)),
            _ => {}
        }
    }

    weigh_trust(&mut auth, &layout);
    link_dkim(&mut auth, hops);
    auth.arc = arc_chain(&auth.results, &seals, &ams);
    auth.verdicts = verdicts(&auth);
    auth
}

/// The fields [`build`] reads, in lower case.
const READ_FIELDS: &[&str] = &[
    "authentication-results",
    "arc-authentication-results",
    "x-ms-exchange-authentication-results",
    "x-original-authentication-results",
    "authentication-results-original",
    "received-spf",
    "dkim-signature",
    "arc-seal",
    "arc-message-signature",
];

/// The value of a field as written in the input (folds kept, so offsets map straight to spans), and its start.
fn field_text<'a>(source: &'a Source, field: &'a HeaderField) -> (&'a str, usize) {
    let text = source.text(field.value_span);
    if text.is_empty() && !field.value.is_empty() {
        (field.value.as_str(), field.value_span.start())
    } else {
        (text, field.value_span.start())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analyze_str;

    /// A gateway that renamed the first receiver's results before writing its own.
    const RENAMED: &str = "Received: from gw.example.net (gw.example.net [203.0.113.9]) by mx.example.org (Postfix) with ESMTPS id Q1; Tue, 04 Aug 2026 11:00:02 +0200\n\
        Authentication-Results: mx.example.org; spf=pass smtp.mailfrom=gw.example.net; dkim=none; dmarc=none header.from=bank.example.com\n\
        X-Original-Authentication-Results: gw.example.net; spf=fail smtp.mailfrom=bank.example.com; dmarc=fail header.from=bank.example.com\n\
        Received: from relay.example.com (relay.example.com [198.51.100.4]) by gw.example.net (Postfix) with ESMTP id R2; Tue, 04 Aug 2026 11:00:01 +0200\n\
        From: \"Bank\" <security@bank.example.com>\n";

    #[test]
    fn a_renamed_results_field_is_an_upstream_copy_never_the_verdict() {
        let report = analyze_str(RENAMED);
        let a = &report.authentication;
        let copy = a.results.iter().find(|r| r.header.starts_with("X-Original")).expect("read as results");
        assert_eq!(copy.kind, ResultsKind::OriginalAuthenticationResults);
        assert_eq!(copy.trust, Trust::Upstream);
        assert!(!copy.forged);
        assert_eq!(
            copy.parsed.methods.iter().map(|m| m.result.as_str()).collect::<Vec<_>>(),
            ["fail", "fail"]
        );
        // The verdict is the final receiver's (DMARC none), not the copy's fail.
        let dmarc = a.verdicts.iter().find(|v| v.method == "dmarc").unwrap();
        assert_eq!((dmarc.result.as_str(), dmarc.header.as_str()), ("none", "Authentication-Results"));
        assert_eq!(serde_json::to_value(copy.kind).unwrap(), "original_authentication_results");
        let text = crate::render::text(&report);
        assert!(text.contains("Upstream copy (an earlier receiver's results, renamed by a later gateway or forwarder), unverified: X-Original-Authentication-Results by gw.example.net"), "{text}");
    }

    #[test]
    fn proofpoints_original_results_alone_are_never_trusted() {
        let only = "Received: from relay.example.com (relay.example.com [198.51.100.4]) by mx.example.org (Postfix) with ESMTP id R2; Tue, 04 Aug 2026 11:00:01 +0200\n\
            Authentication-Results-Original: mx.example.org; spf=pass smtp.mailfrom=example.com; dkim=pass header.d=example.com; dmarc=pass header.from=example.com\n\
            From: a@example.com\n";
        let a = analyze_str(only).authentication;
        assert_eq!(a.results.len(), 1);
        assert_eq!(a.results[0].kind, ResultsKind::OriginalAuthenticationResults);
        assert_eq!(a.results[0].trust, Trust::Upstream);
        assert!(a.verdicts.is_empty(), "{:?}", a.verdicts);
        // Named as a plain Authentication-Results field, the same text would be the receiver's verdict.
        let plain = analyze_str(&only.replace("Authentication-Results-Original", "Authentication-Results"))
            .authentication;
        assert!(plain.verdicts.iter().any(|v| v.method == "dmarc" && v.result == "pass"));
    }

    #[test]
    fn received_fields_below_the_receivers_entry_are_unattested() {
        let report = analyze_str(RENAMED);
        let a = &report.authentication;
        assert_eq!(a.receiver.as_ref().and_then(|r| r.entry_hop), Some(2));
        // Hop 1 (into gw.example.net) was written before mx.example.org took the message: a claim of the sender's side.
        let marks: Vec<(usize, bool)> = report.hops.iter().map(|h| (h.index, h.unattested)).collect();
        assert_eq!(marks, [(1, true), (2, false)]);
        let explanation = &a.receiver.as_ref().unwrap().explanation;
        assert!(!explanation.contains("there are no Received fields"), "{explanation}");
    }

    #[test]
    fn amazon_ses_envelope_from_is_the_spf_identity() {
        let text = "Received: from mail.example.org (mail.example.org [192.0.2.5]) by inbound-smtp.us-east-1.amazonses.com with SMTP id q1; Tue, 04 Aug 2026 09:00:01 +0000\n\
            Authentication-Results: amazonses.com; spf=pass (spfCheck: domain of example.org designates 192.0.2.5 as permitted sender) client-ip=192.0.2.5; envelope-from=bounce@example.org; helo=mail.example.org; dkim=pass header.i=@example.org; dmarc=pass header.from=example.org;\n\
            From: a@example.org\n";
        let report = analyze_str(text);
        let a = &report.authentication;
        let methods: Vec<&str> = a.results[0].parsed.methods.iter().map(|m| m.method.as_str()).collect();
        assert_eq!(methods, ["spf", "dkim", "dmarc"]);
        assert_eq!(a.envelope_sender().as_deref(), Some("bounce@example.org"));
        let spf = a.verdicts.iter().find(|v| v.method == "spf").unwrap();
        assert!(spf.text.contains("envelope sender bounce@example.org"), "{}", spf.text);
    }
}
