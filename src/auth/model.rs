//! The authentication section of the report (results fields tied to hops and weighed, Received-SPF, DKIM
//! signatures, the ARC chain, the receiver, verdicts) and the questions the diagnostics ask of it.

use serde::Serialize;

use super::dkim::DkimSignature;
use super::received_spf::SpfRecord;
use super::results::{MethodResult, Parsed};
use crate::model::{Hop, Span};

/// Whether a results field can be believed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Trust {
    /// Stamped by the final receiving organisation, at or above the hop where the message entered it.
    Trusted,
    /// Added before the message reached the receiving organisation (or by someone else): unverified.
    #[default]
    Upstream,
}

/// Which header a results field came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ResultsKind {
    AuthenticationResults,
    ArcAuthenticationResults,
    XMsExchangeAuthenticationResults,
    /// `X-Original-Authentication-Results` or `Authentication-Results-Original` (Proofpoint): a receiver's results
    /// that a later gateway or forwarder renamed before writing its own. Always upstream: what an earlier
    /// receiver said, never the final receiver's verdict.
    OriginalAuthenticationResults,
}

/// One Authentication-Results-style field, parsed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AuthResults {
    /// The header name as written.
    pub header: String,
    pub kind: ResultsKind,
    #[serde(flatten)]
    pub parsed: Parsed,
    /// The hop (index into `hops`, 1 = oldest) that stamped this field, when it can be told.
    pub hop: Option<usize>,
    pub trust: Trust,
    /// True when the field claims the receiver's own authserv-id but sits below the hop where the message entered
    /// the receiver: it was there before the message arrived (RFC 8601 §5), a forgery. Never used in a verdict.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub forged: bool,
    /// Index into `headers`.
    pub header_index: usize,
    /// The whole field in the input.
    pub span: Span,
}

/// One Received-SPF field, parsed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReceivedSpf {
    pub header: String,
    #[serde(flatten)]
    pub record: SpfRecord,
    pub hop: Option<usize>,
    pub trust: Trust,
    pub header_index: usize,
    pub span: Span,
}

/// One ARC instance (`i=`), with what its headers say.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default)]
pub struct ArcInstance {
    pub instance: u32,
    /// How many ARC-Authentication-Results, ARC-Message-Signature and ARC-Seal fields carry this `i=`
    /// (exactly one of each is expected).
    pub authentication_results: usize,
    pub message_signatures: usize,
    pub seals: usize,
    /// The seal's `cv=`: `none` (first instance), `pass` or `fail`.
    pub cv: Option<String>,
    /// The sealing domain (`d=` of ARC-Seal) and selector.
    pub sealer: Option<String>,
    pub selector: Option<String>,
    /// The authserv-id of this instance's ARC-Authentication-Results.
    pub authserv_id: Option<String>,
    /// What this intermediary saw, e.g. `spf=pass dkim=pass dmarc=pass`.
    pub saw: String,
    /// The hop that added the instance (tied through its ARC-Authentication-Results).
    pub hop: Option<usize>,
}

/// The ARC chain (RFC 8617), structurally checked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default)]
pub struct ArcChain {
    /// True when any ARC header is present.
    pub present: bool,
    /// Instances in ascending `i=`.
    pub instances: Vec<ArcInstance>,
    pub highest_instance: Option<u32>,
    /// `cv=` of the highest instance's seal: the chain's state as its last sealer saw it.
    pub highest_cv: Option<String>,
    /// Missing instance numbers between 1 and the highest.
    pub gaps: Vec<u32>,
    /// Instance numbers with more than one field of a kind.
    pub duplicates: Vec<u32>,
    /// Each structural problem in words.
    pub problems: Vec<crate::catalog::Text>,
    /// True when the chain is structurally broken or its last seal says `cv=fail`.
    pub broken: bool,
    /// The instance at which it breaks, when one can be named.
    pub broken_at: Option<u32>,
}

/// The receiving organisation whose results are trusted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default)]
pub struct Receiver {
    /// The authserv-id of the anchor field, when it has one.
    pub authserv_id: Option<String>,
    /// Organizational domains counted as the receiver.
    pub sites: Vec<String>,
    /// Host families recognised (`Microsoft 365`, `Google`).
    pub families: Vec<String>,
    /// The field that defines the receiver (index into `headers`).
    pub anchor_header_index: usize,
    /// The hop where the message entered the receiver.
    pub entry_hop: Option<usize>,
    /// Set when a later organisation (this `by` host) delivered the message without adding results: then the
    /// anchor is an intermediary and nothing is trusted.
    pub delivered_by: Option<String>,
    /// In words: who the receiver is and how that was decided (a string in the JSON's language, English by
    /// default).
    pub explanation: crate::catalog::Text,
}

/// A plain-words result for one method, from the trusted receiver.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Verdict {
    /// `spf`, `dkim`, `dmarc`, `arc`, `compauth`, …
    pub method: String,
    pub result: String,
    /// E.g. `DMARC: fail (receiver example.org, policy quarantine)` (catalogue words).
    pub text: crate::catalog::Text,
    /// The header the verdict comes from and where its `method=result` sits.
    pub header: String,
    pub header_index: usize,
    pub span: Span,
}

/// An SPF result and where it is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpfOutcome {
    /// Lower case.
    pub result: String,
    /// The text to point at, as written (`spf=softfail`, or Received-SPF's `SoftFail`).
    pub verdict: String,
    /// Index into `headers`.
    pub header_index: usize,
    /// Where `verdict` sits in the input.
    pub span: Span,
}

/// Everything the message says about authentication.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default)]
pub struct Authentication {
    /// Who the trusted receiver is; `None` when no results field exists.
    pub receiver: Option<Receiver>,
    /// Authentication-Results, ARC-Authentication-Results and X-MS-Exchange-Authentication-Results, topmost first.
    pub results: Vec<AuthResults>,
    pub received_spf: Vec<ReceivedSpf>,
    pub dkim: Vec<DkimSignature>,
    pub arc: ArcChain,
    /// One per method the trusted receiver reported.
    pub verdicts: Vec<Verdict>,
    /// What cannot be checked offline.
    pub verification_note: crate::catalog::Text,
}

impl Authentication {
    /// Trusted results fields that are not ARC copies, falling back to trusted ARC-Authentication-Results when
    /// the receiver wrote only those.
    pub(crate) fn trusted(&self) -> Vec<&AuthResults> {
        let direct: Vec<&AuthResults> = self
            .results
            .iter()
            .filter(|r| r.trust == Trust::Trusted && r.kind != ResultsKind::ArcAuthenticationResults)
            .collect();
        if !direct.is_empty() {
            return direct;
        }
        self.results.iter().filter(|r| r.trust == Trust::Trusted).collect()
    }

    /// Every trusted `method` result with the field it came from, topmost first.
    pub(crate) fn trusted_methods<'a>(
        &'a self,
        method: &'a str,
    ) -> impl Iterator<Item = (&'a AuthResults, &'a MethodResult)> + 'a {
        self.trusted().into_iter().flat_map(move |r| {
            r.parsed.methods.iter().filter(move |m| m.method == method).map(move |m| (r, m))
        })
    }

    /// The trusted Received-SPF fields, topmost first.
    pub(crate) fn trusted_spf(&self) -> impl Iterator<Item = &ReceivedSpf> {
        self.received_spf.iter().filter(|r| r.trust == Trust::Trusted)
    }

    /// The trusted receiver's SPF result: from its results field, else from its Received-SPF.
    pub(crate) fn trusted_spf_result(&self) -> Option<SpfOutcome> {
        if let Some((r, m)) = self.trusted_methods("spf").next() {
            return Some(SpfOutcome {
                result: m.result.clone(),
                verdict: m.verdict.clone(),
                header_index: r.header_index,
                span: m.verdict_span,
            });
        }
        self.trusted_spf().find_map(|s| {
            Some(SpfOutcome {
                result: s.record.result.clone()?,
                verdict: s.record.result_text.clone(),
                header_index: s.header_index,
                span: s.record.result_span,
            })
        })
    }

    /// The IP address the trusted receiver received the message from: Received-SPF `client-ip`, else an IP
    /// quoted in the SPF result's comment (`sender IP is …`, `designates … as`), else the entry hop's sending IP.
    pub(crate) fn sending_ip(&self, hops: &[Hop]) -> Option<String> {
        if let Some(ip) = self.trusted_spf().find_map(|s| s.record.client_ip.clone()) {
            return Some(ip);
        }
        for (_, m) in self.trusted_methods("spf") {
            for c in &m.comments {
                if let Some(ip) = c
                    .split(|ch: char| ch.is_whitespace() || ch == ',' || ch == ')' || ch == '(')
                    .find_map(|w| w.parse::<std::net::IpAddr>().ok())
                {
                    return Some(ip.to_string());
                }
            }
        }
        let entry = self.receiver.as_ref()?.entry_hop?;
        let hop = hops.get(entry.checked_sub(1)?)?;
        hop.from_ip.map(|ip| ip.to_string()).or_else(|| bracketed_ip_before_by(&hop.raw))
    }

    /// The envelope sender the trusted receiver checked SPF for (`smtp.mailfrom`, or Received-SPF's
    /// `envelope-from`), as written.
    pub(crate) fn envelope_sender(&self) -> Option<String> {
        self.trusted_methods("spf")
            .find_map(|(_, m)| m.spf_mailfrom().map(str::to_string))
            .or_else(|| self.trusted_spf().find_map(|s| s.record.envelope_from.clone()))
    }

    /// The receiver's name for sentences: authserv-id, else its first site, else "the receiving server" (in the
    /// reader's language).
    pub(crate) fn receiver_name(&self) -> crate::catalog::Text {
        self.receiver
            .as_ref()
            .and_then(|r| {
                r.authserv_id
                    .clone()
                    .or_else(|| r.families.first().cloned())
                    .or_else(|| r.sites.first().cloned())
            })
            .map(crate::catalog::Text::raw)
            .unwrap_or_else(|| crate::catalog::msg!("auth.the-receiving-server").into())
    }
}

/// The first `[IP]` (or bare `(IP)`) of a Received field's from clause, for hops whose parser left `from_ip` empty.
fn bracketed_ip_before_by(raw: &str) -> Option<String> {
    let by = raw.as_bytes().windows(4).position(|w| w.eq_ignore_ascii_case(b" by "));
    let from_clause = by.map_or(raw, |i| raw.get(..i).unwrap_or(raw));
    from_clause
        .split(['[', ']', '(', ')', ' '])
        .map(|w| w.trim_start_matches("IPv6:").trim_start_matches("ipv6:"))
        .find_map(|w| w.parse::<std::net::IpAddr>().ok())
        .map(|ip| ip.to_string())
}
