//! Reads DKIM-Signature fields (RFC 6376 §3.5) and lints them offline.
//!
//! Signatures cannot be verified here: that needs the public key published in DNS at
//! `<s>._domainkey.<d>` and the body. What can be checked from the header alone is the tag syntax, which
//! headers were signed, the `i=`/`d=` relation, the algorithm, the body-length limit and the expiry
//! compared with the time the receiving server stamped.

use serde::Serialize;

use crate::auth::model::{Authentication, ResultsKind, Trust};
use crate::auth::results::MethodResult;
use crate::auth::tags;
use crate::catalog::{Text, msg};
use crate::model::{Hop, Severity};

/// Tags RFC 6376 §3.5 requires.
pub(crate) const REQUIRED_TAGS: &[&str] = &["v", "a", "b", "bh", "d", "h", "s"];

/// One lint problem on a signature.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DkimLint {
    /// Stable code: `missing-tag`, `bad-version`, `from-not-signed`, `auid-outside-domain`, `body-length-limit`,
    /// `rsa-sha1`, `unknown-algorithm`, `expiry-before-timestamp`, `expired-at-receipt`.
    pub code: &'static str,
    pub severity: Severity,
    /// In words, filled in from the signature (a string in the JSON's language, English by default).
    pub message: Text,
    /// The tag text to point at, as `tag=value` (e.g. `a=rsa-sha1`), when one tag is at fault.
    pub tag: Option<String>,
}

/// What one results field said about this signature.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReportedResult {
    pub authserv_id: Option<String>,
    /// `pass`, `fail`, …
    pub result: String,
    /// `trusted` or `upstream`, copied from the results field.
    pub trust: crate::auth::Trust,
    /// Index into `authentication.results`.
    pub results_index: usize,
}

/// One DKIM-Signature field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default)]
pub struct DkimSignature {
    pub version: Option<String>,
    /// `a=`, e.g. `rsa-sha256`.
    pub algorithm: Option<String>,
    /// `d=`, the signing domain.
    pub domain: Option<String>,
    /// `s=`, the selector.
    pub selector: Option<String>,
    /// `i=`, the agent or user identifier.
    pub identity: Option<String>,
    /// `h=`, the signed header names as written.
    pub signed_headers: Vec<String>,
    /// `l=`, the body length limit.
    pub body_length: Option<String>,
    /// `t=`, signing time (Unix seconds).
    pub timestamp: Option<i64>,
    /// `x=`, expiry (Unix seconds).
    pub expiry: Option<i64>,
    /// `c=`, e.g. `relaxed/relaxed` (default `simple/simple`).
    pub canonicalization: Option<String>,
    /// `bh=`, the body hash.
    pub body_hash: Option<String>,
    /// Length of `b=` in base64 characters (the signature itself is not shown).
    pub signature_length: usize,
    /// The first 8 characters of `b=`, which receivers quote as `header.b=`.
    pub signature_prefix: String,
    /// Tag names other than the ones above, as written.
    pub other_tags: Vec<String>,
    /// Problems found offline.
    pub lint: Vec<DkimLint>,
    /// What results fields reported for this signature, matched by header.b (a prefix of b=), header.d or the
    /// domain of header.i, and header.s, whichever are given; at most 16, topmost first.
    pub reported: Vec<ReportedResult>,
    /// The result the trusted receiver reported, when it reported one for this signature.
    pub receiver_result: Option<String>,
    /// Index into `headers`.
    pub header_index: usize,
    pub span: crate::model::Span,
    #[serde(skip)]
    pub signature: String,
}

/// Reads a DKIM-Signature value (or ARC-Message-Signature, which shares the syntax).
pub(crate) fn parse(value: &str) -> DkimSignature {
    let list = tags::parse(value);
    let get = |n: &str| tags::get(&list, n).map(str::to_string);
    let b = get("b").unwrap_or_default();
    let known = ["v", "a", "b", "bh", "d", "s", "i", "h", "l", "t", "x", "c"];
    DkimSignature {
        version: get("v"),
        algorithm: get("a"),
        domain: get("d"),
        selector: get("s"),
        identity: get("i"),
        signed_headers: get("h")
            .map(|h| h.split(':').map(str::trim).filter(|s| !s.is_empty()).map(str::to_string).collect())
            .unwrap_or_default(),
        body_length: get("l"),
        timestamp: get("t").and_then(|t| t.parse().ok()),
        expiry: get("x").and_then(|t| t.parse().ok()),
        canonicalization: get("c"),
        body_hash: get("bh"),
        signature_length: b.len(),
        signature_prefix: b.chars().take(8).collect(),
        other_tags: list
            .iter()
            .filter(|t| !known.iter().any(|k| t.name.eq_ignore_ascii_case(k)))
            .map(|t| t.name.clone())
            .collect(),
        signature: b,
        ..DkimSignature::default()
    }
    .with_tags_present(&list)
}

impl DkimSignature {
    fn with_tags_present(mut self, list: &[tags::Tag]) -> DkimSignature {
        for tag in REQUIRED_TAGS {
            if tags::get(list, tag).is_none() {
                self.lint.push(DkimLint {
                    code: "missing-tag",
                    severity: Severity::Medium,
                    message: msg!("auth.dkim-lint.missing-tag", tag).into(),
                    tag: None,
                });
            }
        }
        self
    }

    /// Lints the signature; `received_at` is the Unix time the receiving server stamped, when known.
    pub(crate) fn lint(&mut self, received_at: Option<f64>) {
        let d = self.domain.clone().unwrap_or_default();
        if let Some(v) = self.version.as_deref().filter(|v| *v != "1") {
            self.lint.push(DkimLint {
                code: "bad-version",
                severity: Severity::Medium,
                message: msg!("auth.dkim-lint.bad-version", v).into(),
                tag: Some(format!("v={v}")),
            });
        }
        if !self.signed_headers.is_empty()
            && !self.signed_headers.iter().any(|h| h.eq_ignore_ascii_case("from"))
        {
            self.lint.push(DkimLint {
                code: "from-not-signed",
                severity: Severity::Medium,
                message: msg!("auth.dkim-lint.from-not-signed", h = self.signed_headers.join(":"), d).into(),
                tag: None,
            });
        }
        if let Some(i) = self.identity.as_deref() {
            let i_domain =
                i.rsplit_once('@').map_or(i, |(_, dom)| dom).trim_end_matches('.').to_ascii_lowercase();
            let d_lower = d.trim_end_matches('.').to_ascii_lowercase();
            let under = i_domain == d_lower || i_domain.ends_with(&format!(".{d_lower}"));
            if !d_lower.is_empty() && !under {
                self.lint.push(DkimLint {
                    code: "auid-outside-domain",
                    severity: Severity::Medium,
                    message: msg!("auth.dkim-lint.auid-outside-domain", i, d).into(),
                    tag: Some(format!("i={i}")),
                });
            }
        }
        if let Some(l) = self.body_length.as_deref() {
            self.lint.push(DkimLint {
                code: "body-length-limit",
                severity: Severity::Low,
                message: msg!("auth.dkim-lint.body-length-limit", l, d).into(),
                tag: Some(format!("l={l}")),
            });
        }
        match self.algorithm.as_deref().map(str::to_ascii_lowercase).as_deref() {
            Some("rsa-sha1") => self.lint.push(DkimLint {
                code: "rsa-sha1",
                severity: Severity::Medium,
                message: msg!("auth.dkim-lint.rsa-sha1", d).into(),
                tag: self.algorithm.as_ref().map(|a| format!("a={a}")),
            }),
            Some("rsa-sha256" | "ed25519-sha256") | None => {}
            Some(other) => self.lint.push(DkimLint {
                code: "unknown-algorithm",
                severity: Severity::Low,
                message: msg!("auth.dkim-lint.unknown-algorithm", a = other).into(),
                tag: self.algorithm.as_ref().map(|a| format!("a={a}")),
            }),
        }
        if let (Some(t), Some(x)) = (self.timestamp, self.expiry)
            && x <= t
        {
            self.lint.push(DkimLint {
                code: "expiry-before-timestamp",
                severity: Severity::Medium,
                message: msg!("auth.dkim-lint.expiry-before-timestamp", x, t).into(),
                tag: Some(format!("x={x}")),
            });
        }
        if let (Some(x), Some(at)) = (self.expiry, received_at)
            && (x as f64) < at
        {
            let late = at - x as f64;
            self.lint.push(DkimLint {
                code: "expired-at-receipt",
                severity: Severity::Medium,
                message: msg!("auth.dkim-lint.expired-at-receipt", d, late = crate::words::duration(late), x)
                    .into(),
                tag: Some(format!("x={x}")),
            });
        }
    }
}

/// At most this many results are listed per signature (a pathological paste could otherwise repeat one result
/// thousands of times for thousands of signatures).
pub(super) const MAX_REPORTED: usize = 16;

/// Ties receiver reports to DKIM signatures and lints them against the time of receipt.
pub(super) fn link_dkim(auth: &mut Authentication, hops: &[Hop]) {
    let entry = auth.receiver.as_ref().and_then(|r| r.entry_hop);
    let received_at = entry
        .and_then(|e| hops.get(e.checked_sub(1)?))
        .and_then(|h| h.epoch)
        .or_else(|| hops.iter().rev().find_map(|h| h.epoch));
    let mut trusted_ids: Vec<usize> = Vec::new();
    for (ri, r) in auth.results.iter().enumerate() {
        if r.trust == Trust::Trusted && r.kind != ResultsKind::ArcAuthenticationResults {
            trusted_ids.push(ri);
        }
    }
    for sig in &mut auth.dkim {
        sig.lint(received_at);
        for (ri, r) in auth.results.iter().enumerate() {
            for m in r.parsed.methods.iter().filter(|m| m.method == "dkim") {
                if sig.reported.len() < MAX_REPORTED && reports_on(m, sig) {
                    sig.reported.push(ReportedResult {
                        authserv_id: r.parsed.authserv_id.clone(),
                        result: m.result.clone(),
                        trust: r.trust,
                        results_index: ri,
                    });
                }
            }
        }
        sig.receiver_result = sig
            .reported
            .iter()
            .find(|rep| trusted_ids.contains(&rep.results_index))
            .or_else(|| sig.reported.iter().find(|rep| rep.trust == Trust::Trusted))
            .map(|rep| rep.result.clone());
    }
}

/// True when a `dkim=` result speaks of this signature: `header.b` is a prefix of its `b=`, or (without
/// `header.b`) the domain from `header.d`/`header.i` matches `d=` and `header.s`, when given, matches `s=`.
pub(super) fn reports_on(m: &MethodResult, sig: &DkimSignature) -> bool {
    let domain = m
        .property("header", "d")
        .or_else(|| m.property("header", "i").map(|i| i.rsplit_once('@').map_or(i, |(_, d)| d)));
    let d_ok = match (domain, sig.domain.as_deref()) {
        (Some(a), Some(b)) => a.eq_ignore_ascii_case(b),
        (Some(_), None) => false,
        (None, _) => true,
    };
    let s_ok = match (m.property("header", "s"), sig.selector.as_deref()) {
        (Some(a), Some(b)) => a.eq_ignore_ascii_case(b),
        _ => true,
    };
    match m.property("header", "b") {
        Some(b) => !b.is_empty() && sig.signature.starts_with(b) && d_ok && s_ok,
        None => domain.is_some() && d_ok && s_ok,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analyze_str;

    fn codes(sig: &DkimSignature) -> Vec<&'static str> {
        sig.lint.iter().map(|l| l.code).collect()
    }

    #[test]
    fn a_clean_signature_has_no_lint() {
        let mut sig = parse(
            "v=1; a=rsa-sha256; c=relaxed/relaxed; d=example.com; s=s1; t=1700000000; x=1700600000; h=From:To:Subject:Date; bh=abc=; b=ABCDEFGHIJ",
        );
        sig.lint(Some(1_700_000_100.0));
        assert!(sig.lint.is_empty(), "{:?}", sig.lint);
        assert_eq!(sig.signature_prefix, "ABCDEFGH");
        assert_eq!(sig.signature_length, 10);
    }

    #[test]
    fn flags_each_problem() {
        let mut sig = parse(
            "v=1; a=rsa-sha1; d=example.com; s=s1; i=@other.example; l=100; t=1700000000; x=1699999999; h=To:Subject; bh=x; b=y",
        );
        sig.lint(Some(1_700_000_100.0));
        assert_eq!(
            codes(&sig),
            [
                "from-not-signed",
                "auid-outside-domain",
                "body-length-limit",
                "rsa-sha1",
                "expiry-before-timestamp",
                "expired-at-receipt"
            ]
        );
        let mut sig = parse("a=rsa-sha256; d=example.com; i=news@mail.example.com; h=from");
        sig.lint(None);
        assert_eq!(codes(&sig), ["missing-tag", "missing-tag", "missing-tag", "missing-tag"]);
    }

    #[test]
    fn reports_match_by_selector_and_stay_bounded() {
        let mut text = String::new();
        for _ in 0..40 {
            text.push_str("Authentication-Results: mx.example.org; dkim=pass header.d=example.com header.s=s1 header.b=abcdefgh\n");
        }
        text.push_str("Authentication-Results: mx.example.org; dkim=fail header.d=example.com header.s=s2 header.b=abcdefgh\n");
        text.push_str(
            "DKIM-Signature: v=1; a=rsa-sha256; d=example.com; s=s1; h=from; bh=x; b=abcdefghijk\n",
        );
        text.push_str(
            "DKIM-Signature: v=1; a=rsa-sha256; d=example.com; s=s2; h=from; bh=x; b=abcdefghijk\n",
        );
        text.push_str("Received: from a.example.com (a.example.com [192.0.2.1]) by mx.example.org with ESMTP id 1; Mon, 8 Jan 2024 10:00:00 +0000\n");
        let r = analyze_str(&text);
        let sigs = &r.authentication.dkim;
        assert_eq!(sigs[0].reported.len(), MAX_REPORTED);
        assert!(sigs[0].reported.iter().all(|x| x.result == "pass"));
        assert_eq!(sigs[1].reported.len(), 1);
        assert_eq!(sigs[1].receiver_result.as_deref(), Some("fail"));
    }
}
