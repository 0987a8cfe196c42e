//! The envelope view: who the message claims to be from (From, P2) versus where bounces go
//! (Return-Path, P1), whether the two can satisfy DMARC, and which way the message travelled
//! (app → on-prem Exchange → Exchange Online → Internet).
//!
//! This is the evidence behind the product's headline diagnosis (a Mail Contact whose primary SMTP
//! address is an internal, oddly capitalised `…@resdomain.local` becomes the envelope sender). The
//! pieces live in submodules: [`case`] (capitalisation heuristics C1–C5), [`path`] (hybrid path
//! classification) and [`alignment`] (DMARC identifier alignment, computed offline with the PSL).

pub mod alignment;
pub mod case;
pub mod path;

use serde::Serialize;

use crate::domain::{self, DomainClass};
use crate::model::{HeaderField, Hop, Summary};

pub use alignment::Alignment;
pub use path::MailPath;

/// The envelope section of the report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default)]
pub struct Envelope {
    /// The topmost Return-Path (the one the final delivering server wrote), when it holds an address.
    pub return_path: Option<EnvelopeAddress>,
    /// The single From address, when there is exactly one.
    pub from: Option<EnvelopeAddress>,
    /// DMARC identifier alignment of the envelope sender and DKIM `d=` with the From domain.
    pub alignment: Option<Alignment>,
    /// The recognised path (hybrid Exchange or not) and the hops that show it.
    pub path: MailPath,
    /// Date of the Public Suffix List snapshot used for domain verdicts.
    pub psl_version: &'static str,
}

/// An address split into its parts, with the verdict on its domain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EnvelopeAddress {
    /// As written, case preserved.
    pub address: String,
    pub local_part: String,
    /// As written; empty when the address has no `@`.
    pub domain: String,
    pub domain_class: DomainClass,
    /// Set when the local part is a machine-made bounce token (SRS, BATV, VERP, ESP); case heuristics skip these.
    pub bounce_token: Option<BounceToken>,
}

/// Machine-made envelope local parts (bounce, VERP and SRS addresses that no person types).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum BounceToken {
    /// Sender Rewriting Scheme (`SRS0=…`, `SRS1=…`, `bounces+SRS=…`).
    Srs,
    /// Bounce Address Tag Validation (`prvs=…`, `btv1=…`).
    Batv,
    /// Variable envelope return path (`list-bounces+user=example.com@…`).
    Verp,
    /// An opaque per-message token from a bulk sender (long runs of digits or hex, `=` signs).
    EspToken,
}

impl EnvelopeAddress {
    /// Splits `address` at its last `@` and classifies the domain.
    pub(crate) fn parse(address: &str) -> EnvelopeAddress {
        let (local_part, domain) = split_address(address);
        let domain_class = if domain.is_empty() {
            let mut class = domain::classify("");
            class.reason = crate::catalog::msg!("envelope.no-domain", address).into();
            class
        } else {
            domain::classify(domain)
        };
        EnvelopeAddress {
            address: address.to_string(),
            local_part: local_part.to_string(),
            domain: domain.to_string(),
            domain_class,
            bounce_token: bounce_token(local_part),
        }
    }
}

/// `local@domain` split at the last `@`; without an `@` the whole text is the local part.
pub(crate) fn split_address(address: &str) -> (&str, &str) {
    match address.rfind('@') {
        Some(at) => (address.get(..at).unwrap_or(""), address.get(at + 1..).unwrap_or("")),
        None => (address, ""),
    }
}

/// Recognises machine-made bounce local parts.
pub(crate) fn bounce_token(local: &str) -> Option<BounceToken> {
    let lower = local.to_ascii_lowercase();
    if lower.starts_with("srs0=") || lower.starts_with("srs1=") || lower.contains("+srs=") {
        return Some(BounceToken::Srs);
    }
    if lower.starts_with("prvs=") || lower.starts_with("btv1=") || lower.starts_with("msprvs") {
        return Some(BounceToken::Batv);
    }
    if let Some((_, tail)) = lower.split_once('+')
        && tail.contains('=')
    {
        return Some(BounceToken::Verp);
    }
    let machine_segment = lower.split(['.', '-', '_', '+', '=']).any(|seg| {
        let digits = seg.chars().filter(char::is_ascii_digit).count();
        digits >= 6 || (seg.len() >= 16 && digits > 0)
    });
    // Base64/base32-looking segments: long, with the case flipping back and forth (`AbXyQpRsTuVw`).
    // CamelCase words flip about twice per word; random tokens about every other letter.
    let random_case = local.split(['.', '-', '_', '+', '=']).any(|seg| {
        let letters: Vec<char> = seg.chars().filter(char::is_ascii_alphabetic).collect();
        let flips =
            letters.windows(2).filter(|w| w[0].is_ascii_uppercase() != w[1].is_ascii_uppercase()).count();
        seg.len() >= 12 && flips * 2 >= letters.len()
    });
    if random_case {
        return Some(BounceToken::EspToken);
    }
    if machine_segment || lower.contains('=') {
        return Some(BounceToken::EspToken);
    }
    None
}

/// Builds the envelope section.
pub(crate) fn build(fields: &[HeaderField], summary: &Summary, hops: &[Hop]) -> Envelope {
    let return_path =
        summary.return_path.first().and_then(|rp| rp.address.as_deref()).map(EnvelopeAddress::parse);
    let from = match summary.from.as_slice() {
        [single] => single.address.as_deref().map(EnvelopeAddress::parse),
        _ => None,
    };
    let path = path::classify(fields, hops);
    let alignment = from.as_ref().map(|from| alignment::compute(from, summary, fields));
    Envelope { return_path, from, alignment, path, psl_version: domain::PSL_VERSION }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_at_the_last_at() {
        assert_eq!(split_address("\"a@b\"@example.com"), ("\"a@b\"", "example.com"));
        assert_eq!(split_address("nobody"), ("nobody", ""));
        let parsed = EnvelopeAddress::parse("application.MAILBOX@ResDomain.local");
        assert_eq!(parsed.local_part, "application.MAILBOX");
        assert_eq!(parsed.domain, "ResDomain.local");
        assert!(!parsed.domain_class.is_routable());
        assert!(EnvelopeAddress::parse("nobody").domain_class.reason.contains("no `@domain`"));
    }

    #[test]
    fn recognises_bounce_tokens() {
        let cases = [
            ("SRS0=HhT2=QX=example.com=alice", Some(BounceToken::Srs)),
            ("bounces+SRS=44ldt=IX", Some(BounceToken::Srs)),
            ("prvs=0123abcd=alice", Some(BounceToken::Batv)),
            ("list-bounces+bob=example.org", Some(BounceToken::Verp)),
            ("0100018c2f3b5a7d-1a2b3c4d-5e6f-7a8b-9c0d-1e2f3a4b5c6d-000000", Some(BounceToken::EspToken)),
            ("bounce-mc.us4_1234567.123", Some(BounceToken::EspToken)),
            ("bnc3.AbXyQpRsTuVwZ", Some(BounceToken::EspToken)),
            ("Application.MailboxOwner", None),
            ("ApplicationMailboxService", None),
            ("John.McDonaldSmithJones", None),
            ("application.MAILBOX", None),
            ("john.smith", None),
            ("root", None),
        ];
        for (local, want) in cases {
            assert_eq!(bounce_token(local), want, "{local}");
        }
    }
}
