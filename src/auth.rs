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
        let name = field.name.to_ascii_lowercase();
        let kind = match name.as_str() {
            "authentication-results" => Some(ResultsKind::AuthenticationResults),
            "arc-authentication-results" => Some(ResultsKind::ArcAuthenticationResults),
            "x-ms-exchange-authentication-results" => Some(ResultsKind::XMsExchangeAuthenticationResults),
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
        match name.as_str() {
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

/// The value of a field as written in the input (folds kept, so offsets map straight to spans), and its start.
fn field_text<'a>(source: &'a Source, field: &'a HeaderField) -> (&'a str, usize) {
    let text = source.text(field.value_span);
    if text.is_empty() && !field.value.is_empty() {
        (field.value.as_str(), field.value_span.start())
    } else {
        (text, field.value_span.start())
    }
}
