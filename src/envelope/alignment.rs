//! DMARC identifier alignment (RFC 7489 §3.1), computed offline: does the envelope sender's domain
//! (SPF's identity) or a DKIM signature's `d=` share the From domain's organizational domain (relaxed)
//! or equal it (strict)? Organizational domains come from the embedded Public Suffix List; a domain
//! whose TLD is not public has none and can never align.

use serde::Serialize;

use crate::auth::tags;
use crate::domain;
use crate::envelope::{EnvelopeAddress, split_address};
use crate::headers;
use crate::model::{HeaderField, Summary};

/// One authenticated identifier compared with the From domain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct IdentifierAlignment {
    /// Where the identifier was read: `Return-Path`, `smtp.mailfrom`, `Received-SPF`, `DKIM-Signature`.
    pub source: String,
    /// The domain as written.
    pub domain: String,
    pub organizational_domain: Option<String>,
    /// Same organizational domain as the From domain.
    pub relaxed: bool,
    /// Exactly the From domain (case-insensitive).
    pub strict: bool,
    /// The result a receiver reported for it in the topmost Authentication-Results (`pass`, `none`, …).
    pub reported: Option<String>,
}

/// Alignment of the message's identifiers with its From domain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Alignment {
    pub from_domain: String,
    pub from_organizational_domain: Option<String>,
    /// The envelope sender's domain; `None` for the null sender (SPF then uses the HELO name) or when unknown.
    pub spf: Option<IdentifierAlignment>,
    /// True when the envelope sender is `<>`.
    pub null_sender: bool,
    /// One entry per DKIM-Signature `d=`.
    pub dkim: Vec<IdentifierAlignment>,
}

impl Alignment {
    /// True when at least one DKIM signature is relaxed-aligned with the From domain.
    pub fn dkim_aligned(&self) -> bool {
        self.dkim.iter().any(|d| d.relaxed)
    }

    /// True when the envelope domain is relaxed-aligned.
    pub fn spf_aligned(&self) -> bool {
        self.spf.as_ref().is_some_and(|s| s.relaxed)
    }
}

/// Computes alignment for a From address.
pub(crate) fn compute(from: &EnvelopeAddress, summary: &Summary, fields: &[HeaderField]) -> Alignment {
    let from_org = from.domain_class.organizational_domain.clone();
    let topmost_ar = headers::first(fields, "Authentication-Results").map(|f| f.value.as_str()).unwrap_or("");
    let compare = |source: &str, domain: &str, reported: Option<String>| {
        let org = domain::organizational_domain(domain);
        IdentifierAlignment {
            source: source.to_string(),
            domain: domain.to_string(),
            relaxed: org.is_some() && org == from_org,
            strict: from_org.is_some()
                && domain.trim_end_matches('.').eq_ignore_ascii_case(from.domain.trim_end_matches('.')),
            organizational_domain: org,
            reported,
        }
    };
    let null_sender = summary.return_path.first().is_some_and(|rp| rp.null);
    let spf_result = method_result(topmost_ar, "spf");
    let spf = if null_sender {
        None
    } else if let Some(addr) = summary.return_path.first().and_then(|rp| rp.address.as_deref()) {
        let domain = split_address(addr).1;
        (!domain.is_empty()).then(|| compare("Return-Path", domain, spf_result))
    } else if let Some(mailfrom) = property(topmost_ar, "smtp.mailfrom") {
        let domain = split_address(&mailfrom).1;
        let domain = if domain.is_empty() { mailfrom.clone() } else { domain.to_string() };
        Some(compare("smtp.mailfrom", &domain, spf_result))
    } else {
        headers::first(fields, "Received-SPF")
            .and_then(|f| key_value(&f.value, "envelope-from"))
            .map(|addr| compare("Received-SPF", split_address(&addr).1, spf_result))
    };
    let dkim = headers::all(fields, "DKIM-Signature")
        .filter_map(|f| tags::get(&tags::parse(&f.value), "d").map(str::to_string))
        .map(|d| {
            let reported = dkim_result_for(topmost_ar, &d);
            compare("DKIM-Signature", &d, reported)
        })
        .collect();
    Alignment {
        from_domain: from.domain.clone(),
        from_organizational_domain: from_org,
        spf,
        null_sender,
        dkim,
    }
}

/// The clauses of an Authentication-Results value (`;`-separated, comments removed).
fn clauses(ar: &str) -> Vec<String> {
    let mut depth = 0usize;
    let mut clean = String::with_capacity(ar.len());
    for c in ar.chars() {
        match c {
            '(' => depth += 1,
            ')' if depth > 0 => depth -= 1,
            _ if depth == 0 => clean.push(c),
            _ => {}
        }
    }
    clean.split(';').map(|s| s.trim().to_string()).collect()
}

/// `result` of the first `method=result` clause.
fn method_result(ar: &str, method: &str) -> Option<String> {
    clauses(ar).iter().find_map(|c| {
        let (m, rest) = c.split_once('=')?;
        m.trim()
            .eq_ignore_ascii_case(method)
            .then(|| rest.split_whitespace().next().unwrap_or("").to_ascii_lowercase())
    })
}

/// The value of a `ptype.property=value` anywhere in the value.
fn property(ar: &str, name: &str) -> Option<String> {
    clauses(ar).iter().flat_map(|c| c.split_whitespace().map(str::to_string).collect::<Vec<_>>()).find_map(
        |tok| {
            let (k, v) = tok.split_once('=')?;
            k.eq_ignore_ascii_case(name)
                .then(|| v.trim_matches(['"', '<', '>']).to_string())
                .filter(|v| !v.is_empty())
        },
    )
}

/// The DKIM result reported for signing domain `d`.
fn dkim_result_for(ar: &str, d: &str) -> Option<String> {
    clauses(ar).iter().find_map(|c| {
        let (m, rest) = c.split_once('=')?;
        if !m.trim().eq_ignore_ascii_case("dkim") {
            return None;
        }
        let mentions = rest.split_whitespace().any(|t| {
            t.split_once('=')
                .is_some_and(|(k, v)| k.eq_ignore_ascii_case("header.d") && v.eq_ignore_ascii_case(d))
        });
        mentions.then(|| rest.split_whitespace().next().unwrap_or("").to_ascii_lowercase())
    })
}

/// `key=value` in a Received-SPF value.
fn key_value(value: &str, key: &str) -> Option<String> {
    value.split([';', ' ']).find_map(|part| {
        let (k, v) = part.trim().split_once('=')?;
        k.eq_ignore_ascii_case(key)
            .then(|| v.trim_matches(['"', '<', '>']).to_string())
            .filter(|v| !v.is_empty())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_results_from_authentication_results() {
        let ar = "mx.example.net; spf=none (sender IP is 203.0.113.5) smtp.mailfrom=resdomain.local; \
                  dkim=pass (signature was verified) header.d=exampleorg.onmicrosoft.com; dmarc=fail header.from=example.org";
        assert_eq!(method_result(ar, "spf").as_deref(), Some("none"));
        assert_eq!(method_result(ar, "dmarc").as_deref(), Some("fail"));
        assert_eq!(property(ar, "smtp.mailfrom").as_deref(), Some("resdomain.local"));
        assert_eq!(dkim_result_for(ar, "exampleorg.onmicrosoft.com").as_deref(), Some("pass"));
        assert_eq!(dkim_result_for(ar, "example.org"), None);
        assert_eq!(
            key_value(
                "Pass (x) client-ip=192.0.2.1; envelope-from=\"a@example.org\"; helo=h;",
                "envelope-from"
            )
            .as_deref(),
            Some("a@example.org")
        );
    }
}
