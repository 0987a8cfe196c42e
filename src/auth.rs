//! Authentication results, parsed and weighed: Authentication-Results, ARC-Authentication-Results,
//! X-MS-Exchange-Authentication-Results, Received-SPF, DKIM-Signature, ARC-Seal and ARC-Message-Signature.
//!
//! Each results field is tied to the hop that stamped it and marked `trusted` (added by the final receiving
//! organisation) or `upstream` (anything else, which anyone could have written); the rule is documented in
//! [`receiver`]. Verdicts and findings use trusted results only. Nothing here is verified cryptographically:
//! DKIM and ARC signatures need the signer's public key from DNS, which an offline tool cannot fetch, so the
//! report shows what the receiver said about each signature next to what can be linted from the header.

pub mod dkim;
pub mod received_spf;
pub mod receiver;
pub mod results;
pub mod tags;
pub mod tokens;

use serde::Serialize;

use crate::input::Source;
use crate::model::{HeaderField, Hop, Span};
use dkim::{DkimSignature, ReportedResult};
use received_spf::SpfRecord;
use receiver::Identities;
use results::{MethodResult, Parsed};

/// What every report says about signatures.
pub const VERIFICATION_NOTE: &str = "DKIM and ARC signatures are not verified here: that needs the signer's public key \
from DNS (<selector>._domainkey.<domain>) and the message body. Shown instead: what the receiving server reported for \
each signature, and what can be checked from the header alone.";

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
    pub problems: Vec<String>,
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
    /// In words: who the receiver is and how that was decided.
    pub explanation: String,
}

/// A plain-words result for one method, from the trusted receiver.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Verdict {
    /// `spf`, `dkim`, `dmarc`, `arc`, `compauth`, …
    pub method: String,
    pub result: String,
    /// E.g. `DMARC: fail (receiver example.org, policy quarantine)`.
    pub text: String,
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
    pub verification_note: String,
}

impl Authentication {
    /// Trusted results fields that are not ARC copies, falling back to trusted ARC-Authentication-Results when
    /// the receiver wrote only those.
    pub fn trusted(&self) -> Vec<&AuthResults> {
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
    pub fn trusted_methods<'a>(
        &'a self,
        method: &'a str,
    ) -> impl Iterator<Item = (&'a AuthResults, &'a MethodResult)> + 'a {
        self.trusted().into_iter().flat_map(move |r| {
            r.parsed.methods.iter().filter(move |m| m.method == method).map(move |m| (r, m))
        })
    }

    /// The trusted Received-SPF fields, topmost first.
    pub fn trusted_spf(&self) -> impl Iterator<Item = &ReceivedSpf> {
        self.received_spf.iter().filter(|r| r.trust == Trust::Trusted)
    }

    /// The trusted receiver's SPF result: from its results field, else from its Received-SPF.
    pub fn trusted_spf_result(&self) -> Option<SpfOutcome> {
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
    pub fn sending_ip(&self, hops: &[Hop]) -> Option<String> {
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
    pub fn envelope_sender(&self) -> Option<String> {
        self.trusted_methods("spf")
            .find_map(|(_, m)| {
                m.property("smtp", "mailfrom")
                    .or_else(|| m.property("smtp", "mfrom"))
                    .or_else(|| m.property("smtp", "mail"))
                    .map(str::to_string)
            })
            .or_else(|| self.trusted_spf().find_map(|s| s.record.envelope_from.clone()))
    }

    /// The receiver's name for sentences: authserv-id, else its first site, else "the receiving server".
    pub fn receiver_name(&self) -> String {
        match &self.receiver {
            Some(r) => r
                .authserv_id
                .clone()
                .or_else(|| r.families.first().cloned())
                .or_else(|| r.sites.first().cloned())
                .unwrap_or_else(|| "the receiving server".to_string()),
            None => "the receiving server".to_string(),
        }
    }
}

/// Parses the authentication headers and weighs them.
pub fn build(source: &Source, fields: &[HeaderField], hops: &[Hop]) -> Authentication {
    let received: Vec<usize> = fields
        .iter()
        .enumerate()
        .filter(|(_, f)| f.name.eq_ignore_ascii_case("Received"))
        .map(|(i, _)| i)
        .collect();
    let layout = Layout { fields, hops, received: &received };

    let mut auth =
        Authentication { verification_note: VERIFICATION_NOTE.to_string(), ..Authentication::default() };
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

/// Where the Received fields are, to tie other fields to hops.
struct Layout<'a> {
    fields: &'a [HeaderField],
    hops: &'a [Hop],
    /// Indexes into `fields` of the Received fields, topmost first.
    received: &'a [usize],
}

impl Layout<'_> {
    /// Hop index (1 = oldest) of the Received field at `fields[field_index]`.
    fn hop_of(&self, field_index: usize) -> Option<usize> {
        let pos = self.received.iter().position(|&r| r == field_index)?;
        Some(self.received.len() - pos)
    }

    fn hop(&self, index: usize) -> Option<&Hop> {
        self.hops.get(index.checked_sub(1)?)
    }

    /// Index into `fields` of the Received field of hop `index`.
    fn received_field(&self, hop: usize) -> Option<usize> {
        let pos = self.received.len().checked_sub(hop)?;
        self.received.get(pos).copied()
    }

    /// The hop that stamped the field at `index`, whose writer calls itself `identity` (authserv-id or receiver).
    fn tie(&self, index: usize, identity: Option<&str>) -> Option<usize> {
        let below = self.received.iter().find(|&&r| r > index).and_then(|&r| self.hop_of(r));
        let above = self.received.iter().rev().find(|&&r| r < index).copied();
        // A Received-SPF that names no receiver (mox writes none) speaks for the Authentication-Results
        // stamped in the same block, between the same two Received fields.
        let borrowed = match (identity, above) {
            (None, Some(above_idx)) if self.fields[index].name.eq_ignore_ascii_case("Received-SPF") => {
                let next = self.received.iter().find(|&&r| r > index).copied().unwrap_or(self.fields.len());
                self.fields[above_idx + 1..next]
                    .iter()
                    .find(|f| f.name.eq_ignore_ascii_case("Authentication-Results"))
                    .and_then(|f| f.value.split(';').next())
                    .and_then(|id| id.split_whitespace().next())
            }
            _ => None,
        };
        if let (Some(above_idx), Some(identity)) = (above, identity.or(borrowed)) {
            let name = &self.fields[index].name;
            let directly_under = self.fields[above_idx + 1..index].iter().all(|f| {
                (f.name.eq_ignore_ascii_case("Received-SPF")
                    || f.name.eq_ignore_ascii_case("Authentication-Results"))
                    && !f.name.eq_ignore_ascii_case(name)
            });
            let above_hop = self.hop_of(above_idx);
            let by_of = |hop: Option<usize>| hop.and_then(|h| self.hop(h)).and_then(|h| h.by.as_deref());
            let matches =
                |hop: Option<usize>| by_of(hop).is_some_and(|by| receiver::same_owner(identity, by));
            // Gmail and mox write their results under their own Received field. A receiver that already stamped
            // results above its Received field did not write this one: it was there before the message arrived
            // (perhaps a forgery aimed at this layout), so it stays with the hop below.
            let stamped_above = by_of(above_hop).is_some_and(|by| {
                let previous = self.received.iter().rev().find(|&&r| r < above_idx).map_or(0, |&r| r + 1);
                self.fields[previous..above_idx].iter().any(|f| {
                    (f.name.eq_ignore_ascii_case("Authentication-Results")
                        || f.name.eq_ignore_ascii_case("X-MS-Exchange-Authentication-Results"))
                        && f.value
                            .split(';')
                            .next()
                            .and_then(|id| id.split_whitespace().next())
                            .is_some_and(|id| receiver::same_owner(id, by))
                })
            });
            if !stamped_above && directly_under && matches(above_hop) && !matches(below) {
                return above_hop;
            }
        }
        below
    }
}

/// Finds the receiver and marks each results field trusted or upstream.
fn weigh_trust(auth: &mut Authentication, layout: &Layout<'_>) {
    // 1. The anchor.
    let anchor = auth
        .results
        .iter()
        .find(|r| r.kind != ResultsKind::ArcAuthenticationResults)
        .map(|r| (r.header_index, r.parsed.authserv_id.clone(), r.hop))
        .or_else(|| {
            auth.received_spf
                .first()
                .map(|s| (s.header_index, s.record.receiver_host().map(str::to_string), s.hop))
        })
        .or_else(|| auth.results.first().map(|r| (r.header_index, r.parsed.authserv_id.clone(), r.hop)));
    let Some((anchor_index, anchor_id, anchor_hop)) = anchor else { return };

    // 2. Who the receiver is.
    let mut ids = Identities::default();
    if let Some(id) = &anchor_id {
        ids.add(id);
    }
    // The `by` host of the anchor's hop names the receiver only when the anchor does not name itself (Microsoft
    // writes no authserv-id; test setups use single labels). Otherwise a foreign `by` there means the receiver's
    // own Received field is missing (a partial paste) and that hop belongs to the sender's side.
    if anchor_id.as_deref().and_then(receiver::site).is_none()
        && let Some(by) = anchor_hop.and_then(|h| layout.hop(h)).and_then(|h| h.by.as_deref())
    {
        ids.add(by);
    }

    // 3. The entry hop: walk down from the anchor's hop while hops belong to the receiver.
    let mut entry = None;
    if let Some(start) = anchor_hop {
        let mut h = start;
        while let Some(hop) = layout.hop(h) {
            if hop.by.as_deref().is_some_and(|by| ids.contains(by)) {
                entry = Some(h);
            } else if !receiver::anonymous_by(hop) {
                break;
            }
            h -= 1;
            if h == 0 {
                break;
            }
        }
        if entry.is_none() {
            entry = Some(start);
        }
    }

    // 3b. The organisation that delivered the message last: the topmost hop that names its owner. When it is
    // not the anchor's, the final receiver stamped nothing and every result is upstream.
    let delivered_by = anchor_hop.and_then(|start| {
        ((start + 1)..=layout.hops.len())
            .rev()
            .filter_map(|h| layout.hop(h))
            .find(|hop| !receiver::anonymous_by(hop))
            .and_then(|hop| hop.by.clone())
            .filter(|by| !ids.contains(by))
    });
    // Exchange hybrid: Exchange Online filtered the message for its tenant (it marked it Incoming) and then handed
    // it to the tenant's own on-premises servers, which are the same receiving organisation.
    let hybrid_inbound = ids.families.contains(&"Microsoft 365")
        && crate::headers::all(layout.fields, "X-MS-Exchange-Organization-MessageDirectionality")
            .any(|f| f.value.trim().eq_ignore_ascii_case("Incoming"));
    let delivered_by = delivered_by.filter(|_| !hybrid_inbound);

    // 4. Trust.
    let anchor_id_lower = anchor_id.as_deref().map(str::to_ascii_lowercase);
    let identity_ok = |id: Option<&str>| match id {
        None => true,
        Some(id) => {
            anchor_id_lower.as_deref() == Some(id.to_ascii_lowercase().as_str())
                || ids.contains(id)
                || (receiver::site(id).is_none() && entry.is_some())
        }
    };
    let position_ok = |index: usize, hop: Option<usize>| match entry {
        Some(e) => match hop {
            Some(h) => h >= e,
            None => layout.received_field(e).is_some_and(|ef| index < ef),
        },
        // No Received at all: position says nothing; the identity decides.
        None => true,
    };
    let strict_identity = |id: Option<&str>, index: usize| {
        // Without hops, only the anchor's own authserv-id counts.
        entry.is_some()
            || index == anchor_index
            || id.is_some_and(|id| anchor_id_lower.as_deref() == Some(id.to_ascii_lowercase().as_str()))
    };
    // Microsoft writes X-MS-Exchange-Authentication-Results among its organisation headers, below the whole
    // Received chain; it is its own stamp when Microsoft 365 is the receiver.
    let microsoft = ids.families.contains(&"Microsoft 365");
    for r in &mut auth.results {
        if microsoft
            && r.kind == ResultsKind::XMsExchangeAuthenticationResults
            && r.hop.is_none()
            && entry.is_some()
        {
            r.hop = entry;
        }
    }
    for r in &mut auth.results {
        let id = r.parsed.authserv_id.as_deref();
        if delivered_by.is_none()
            && position_ok(r.header_index, r.hop)
            && identity_ok(id)
            && strict_identity(id, r.header_index)
        {
            r.trust = Trust::Trusted;
        }
    }
    for s in &mut auth.received_spf {
        let id = s.record.receiver_host();
        if delivered_by.is_none()
            && position_ok(s.header_index, s.hop)
            && identity_ok(id)
            && (entry.is_some() || s.header_index == anchor_index)
        {
            s.trust = Trust::Trusted;
        }
    }

    let name = anchor_id
        .clone()
        .or_else(|| ids.families.first().map(|f| f.to_string()))
        .or_else(|| ids.sites.first().cloned());
    let field_name = layout.fields.get(anchor_index).map_or("", |f| f.name.as_str());
    let explanation = match (name, entry) {
        (Some(n), _) if delivered_by.is_some() => format!(
            "The topmost {field_name} field was written by {n}, but the message then went on to {}, which added no \
             results of its own; so no result here was stamped by the final receiving organisation.",
            delivered_by.as_deref().unwrap_or_default()
        ),
        (Some(n), Some(e)) => format!(
            "The topmost {field_name} field was written by {n}; its results are trusted from hop {e}, where the message \
             entered {n}, upwards. Results below that hop were added before the message reached {n} and are not verified by it."
        ),
        (Some(n), None) => format!(
            "The topmost {field_name} field was written by {n}. There are no Received fields to tell where the message \
             entered it, so only fields with that same authserv-id are trusted."
        ),
        (None, Some(e)) => format!(
            "The topmost {field_name} field names no receiver; results from hop {e} upwards are trusted."
        ),
        (None, None) => {
            format!("The topmost {field_name} field names no receiver and there are no Received fields.")
        }
    };
    auth.receiver = Some(Receiver {
        authserv_id: anchor_id,
        sites: ids.sites.clone(),
        families: ids.families.iter().map(|f| f.to_string()).collect(),
        anchor_header_index: anchor_index,
        entry_hop: entry,
        delivered_by,
        explanation,
    });
}

/// At most this many results are listed per signature (a pathological paste could otherwise repeat one result
/// thousands of times for thousands of signatures).
const MAX_REPORTED: usize = 16;

/// Ties receiver reports to DKIM signatures and lints them against the time of receipt.
fn link_dkim(auth: &mut Authentication, hops: &[Hop]) {
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
fn reports_on(m: &MethodResult, sig: &DkimSignature) -> bool {
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

/// The most ARC instances a chain may have (RFC 8617 §4.2.1).
const ARC_MAX_INSTANCES: u32 = 50;

/// Summarises the ARC chain from its three header kinds.
fn arc_chain(results: &[AuthResults], seals: &[(usize, Vec<tags::Tag>)], ams: &[Vec<tags::Tag>]) -> ArcChain {
    let aars: Vec<&AuthResults> =
        results.iter().filter(|r| r.kind == ResultsKind::ArcAuthenticationResults).collect();
    let mut chain =
        ArcChain { present: !aars.is_empty() || !seals.is_empty() || !ams.is_empty(), ..ArcChain::default() };
    if !chain.present {
        return chain;
    }
    let instance_of = |t: &[tags::Tag]| tags::get(t, "i").and_then(|i| i.parse::<u32>().ok());
    // Each field's instance is read once and grouped by number, in input order: filtering every field
    // for every number was quadratic (266 ms for 4,900 ARC-Seal fields).
    #[derive(Default)]
    struct Group<'r> {
        aar: Vec<&'r AuthResults>,
        seal: Vec<&'r Vec<tags::Tag>>,
        sig_count: usize,
    }
    let mut groups: std::collections::BTreeMap<u32, Group<'_>> = std::collections::BTreeMap::new();
    let mut unreadable = 0;
    for r in &aars {
        match r.parsed.arc_instance {
            Some(i) => groups.entry(i).or_default().aar.push(r),
            None => unreadable += 1,
        }
    }
    for (_, t) in seals {
        match instance_of(t) {
            Some(i) => groups.entry(i).or_default().seal.push(t),
            None => unreadable += 1,
        }
    }
    for t in ams {
        match instance_of(t) {
            Some(i) => groups.entry(i).or_default().sig_count += 1,
            None => unreadable += 1,
        }
    }
    for (&i, Group { aar, seal, sig_count }) in &groups {
        let sig_count = *sig_count;
        let first_seal = seal.first();
        let inst = ArcInstance {
            instance: i,
            authentication_results: aar.len(),
            message_signatures: sig_count,
            seals: seal.len(),
            cv: first_seal.and_then(|t| tags::get(t, "cv")).map(str::to_ascii_lowercase),
            sealer: first_seal.and_then(|t| tags::get(t, "d")).map(str::to_string),
            selector: first_seal.and_then(|t| tags::get(t, "s")).map(str::to_string),
            authserv_id: aar.first().and_then(|r| r.parsed.authserv_id.clone()),
            saw: aar
                .first()
                .map(|r| {
                    r.parsed
                        .methods
                        .iter()
                        .map(|m| format!("{}={}", m.method, m.result))
                        .collect::<Vec<_>>()
                        .join(" ")
                })
                .unwrap_or_default(),
            hop: aar.first().and_then(|r| r.hop),
        };
        let missing: Vec<&str> = [
            (inst.authentication_results == 0, "ARC-Authentication-Results"),
            (inst.message_signatures == 0, "ARC-Message-Signature"),
            (inst.seals == 0, "ARC-Seal"),
        ]
        .iter()
        .filter(|(m, _)| *m)
        .map(|(_, n)| *n)
        .collect();
        if !missing.is_empty() {
            chain.problems.push(format!("instance i={i} has no {}", missing.join(" and no ")));
            chain.broken_at.get_or_insert(i);
        }
        if inst.authentication_results > 1 || inst.message_signatures > 1 || inst.seals > 1 {
            chain.duplicates.push(i);
            chain.problems.push(format!("instance i={i} appears more than once"));
            chain.broken_at.get_or_insert(i);
        }
        match (i, inst.cv.as_deref()) {
            (1, Some("none")) | (2.., Some("pass")) => {}
            (1, Some(cv)) => chain
                .problems
                .push(format!("the seal of i=1 says cv={cv}; the first instance must say cv=none")),
            (2.., Some("none")) => {
                chain.problems.push(format!("the seal of i={i} says cv=none; only i=1 may"));
                chain.broken_at.get_or_insert(i);
            }
            (_, Some("fail")) => {
                chain.problems.push(format!(
                    "the seal of i={i} says cv=fail: the chain had already failed when {} sealed it",
                    inst.sealer.as_deref().unwrap_or("that intermediary")
                ));
                chain.broken_at.get_or_insert(i);
            }
            (_, Some(other)) => chain.problems.push(format!("the seal of i={i} has an unknown cv={other}")),
            (_, None) if inst.seals > 0 => chain.problems.push(format!("the seal of i={i} has no cv=")),
            _ => {}
        }
        chain.instances.push(inst);
    }
    if unreadable > 0 {
        chain.problems.push(format!("{unreadable} ARC field(s) have no readable i="));
    }
    if let Some(&max) = groups.keys().next_back() {
        chain.highest_instance = Some(max);
        // Gaps are listed within the 50 instances RFC 8617 allows: an `i=4000000000` would otherwise
        // list billions of numbers (the fuzzer ran out of memory on `i=126704711`).
        chain.gaps = (1..max.min(ARC_MAX_INSTANCES + 1)).filter(|i| !groups.contains_key(i)).collect();
        if !chain.gaps.is_empty() {
            let gaps: Vec<String> = chain.gaps.iter().map(|g| format!("i={g}")).collect();
            chain.problems.push(format!("instances are not contiguous from 1: {} missing", gaps.join(", ")));
            chain.broken_at.get_or_insert(chain.gaps[0]);
        }
        if max > ARC_MAX_INSTANCES {
            chain.problems.push(format!(
                "i={max} exceeds the limit of {ARC_MAX_INSTANCES} instances (RFC 8617 §4.2.1)"
            ));
        }
        chain.highest_cv = chain.instances.last().and_then(|i| i.cv.clone());
    }
    chain.broken = !chain.problems.is_empty() || chain.highest_cv.as_deref() == Some("fail");
    chain
}

/// Meaning of a Microsoft compauth reason code (domain.md §3.4, "Anti-spam message headers in Microsoft 365").
/// The second value is true when the meaning is documented by Microsoft for this exact code or its range.
pub fn compauth_reason(code: &str) -> (String, bool) {
    let meaning = match code {
        "000" => {
            "the message failed explicit authentication: DMARC failed and the sender's domain publishes p=quarantine or p=reject"
        }
        "001" => {
            "the message failed implicit authentication: the sending domain has no authentication records or only weak ones (SPF ~all or ?all, DMARC p=none)"
        }
        "002" => {
            "the organisation has a policy that explicitly prohibits this sender/domain pair from sending spoofed email"
        }
        "010" => {
            "DMARC failed with p=quarantine or p=reject and the sending domain is one of this organisation's own accepted domains (self-to-self spoofing)"
        }
        _ => match code.as_bytes() {
            [b'1' | b'7', _, _] => "the message passed composite authentication",
            [b'2', _, _] => "soft pass: composite authentication found partial evidence for the sender",
            [b'3', _, _] => "composite authentication was not checked",
            [b'4' | b'9', _, _] => {
                "composite authentication was bypassed (for example by an allow rule or a trusted connection)"
            }
            [b'6', _, _] => {
                "implicit authentication failed and the sending domain is one of this organisation's own accepted domains"
            }
            _ => return (format!("reason {code} is not in Microsoft's documented table"), false),
        },
    };
    (meaning.to_string(), true)
}

/// The first `[IP]` (or bare `(IP)`) of a Received field's from clause, for hops whose parser left `from_ip` empty.
fn bracketed_ip_before_by(raw: &str) -> Option<String> {
    let lower = raw.to_ascii_lowercase();
    let from_clause = lower.find(" by ").map_or(raw, |i| raw.get(..i).unwrap_or(raw));
    from_clause
        .split(['[', ']', '(', ')', ' '])
        .map(|w| w.trim_start_matches("IPv6:").trim_start_matches("ipv6:"))
        .find_map(|w| w.parse::<std::net::IpAddr>().ok())
        .map(|ip| ip.to_string())
}

/// The domain of an address (`user@example.com` → `example.com`), or the value itself when it is a bare domain;
/// `None` for the null sender `<>` and empty values.
pub fn domain_of(address: &str) -> Option<String> {
    let a = address.trim().trim_matches(['<', '>', '"']);
    let d = a.rsplit_once('@').map_or(a, |(_, d)| d).trim_end_matches('.');
    (!d.is_empty() && !d.contains(char::is_whitespace)).then(|| d.to_string())
}

/// The DMARC policy a result states: `policy.dmarc`, else the comment's `p=`, else Microsoft's `action=`.
pub fn dmarc_policy(m: &MethodResult) -> Option<String> {
    m.property("policy", "dmarc")
        .map(str::to_string)
        .or_else(|| results::comment_value(&m.comments, "p").map(str::to_ascii_lowercase))
        .or_else(|| m.param("action").map(str::to_ascii_lowercase))
}

fn verdicts(auth: &Authentication) -> Vec<Verdict> {
    let receiver = auth.receiver_name();
    let mut out: Vec<Verdict> = Vec::new();
    let mut seen: Vec<String> = Vec::new();
    for r in auth.trusted() {
        for m in &r.parsed.methods {
            if seen.contains(&m.method) {
                continue;
            }
            seen.push(m.method.clone());
            let mut all: Vec<&MethodResult> = auth.trusted_methods(&m.method).map(|(_, m)| m).collect();
            // The same result copied into several trusted fields (A-R and X-MS-Exchange-A-R) counts once.
            let mut distinct: Vec<(&str, Option<&str>, Option<&str>)> = Vec::new();
            all.retain(|x| {
                let key = (x.result.as_str(), x.property("header", "d"), x.property("header", "i"));
                let new = !distinct.contains(&key);
                distinct.push(key);
                new
            });
            // For DKIM, one passing signature is what counts.
            let chosen = if m.method == "dkim" {
                all.iter().find(|x| x.result == "pass").copied().unwrap_or(m)
            } else {
                m
            };
            out.push(Verdict {
                method: m.method.clone(),
                result: chosen.result.clone(),
                text: verdict_text(chosen, &receiver, all.len()),
                header: r.header.clone(),
                header_index: r.header_index,
                span: chosen.verdict_span,
            });
        }
    }
    if !seen.iter().any(|m| m == "spf")
        && let Some(s) = auth.trusted_spf().next()
    {
        let result = s.record.result.clone().unwrap_or_default();
        let domain = s.record.envelope_from.clone().or_else(|| s.record.helo.clone());
        out.push(Verdict {
            method: "spf".to_string(),
            text: format!(
                "SPF: {result} (receiver {receiver}{}, from Received-SPF)",
                domain.map(|d| format!(", envelope sender {d}")).unwrap_or_default()
            ),
            result,
            header: s.header.clone(),
            header_index: s.header_index,
            span: s.record.result_span,
        });
    }
    out
}

fn verdict_text(m: &MethodResult, receiver: &str, count: usize) -> String {
    let mut details = vec![format!("receiver {receiver}")];
    match m.method.as_str() {
        "dmarc" => {
            if let Some(from) = m.property("header", "from") {
                details.push(format!("From domain {from}"));
            }
            if let Some(p) = dmarc_policy(m) {
                details.push(format!("policy {p}"));
            }
        }
        "spf" => {
            if let Some(mf) = m
                .property("smtp", "mailfrom")
                .or_else(|| m.property("smtp", "mfrom"))
                .or_else(|| m.property("smtp", "mail"))
            {
                details.push(format!("envelope sender {mf}"));
            } else if let Some(h) = m.property("smtp", "helo") {
                details.push(format!("HELO {h}"));
            }
        }
        "dkim" => {
            if let Some(d) = m
                .property("header", "d")
                .or_else(|| m.property("header", "i"))
                .and_then(domain_of)
                .filter(|d| !d.eq_ignore_ascii_case("none"))
            {
                details.push(format!("signature of {d}"));
            }
            if count > 1 {
                details.push(format!("{count} results"));
            }
        }
        "compauth" => {
            if let Some(code) = &m.reason {
                let (meaning, _) = compauth_reason(code);
                details.push(format!("reason {code}: {meaning}"));
            }
        }
        _ => {}
    }
    let label = match m.method.as_str() {
        "spf" | "dkim" | "dmarc" | "arc" | "bimi" => m.method.to_ascii_uppercase(),
        "compauth" => "Composite authentication (Microsoft)".to_string(),
        "iprev" => "Reverse DNS (iprev)".to_string(),
        "auth" => "SMTP AUTH".to_string(),
        other => other.to_string(),
    };
    format!("{label}: {} ({})", m.result, details.join(", "))
}

#[cfg(test)]
mod tests {
    use crate::analyze_str;

    use super::*;

    #[test]
    fn a_spoofed_field_below_the_receiver_is_upstream() {
        let r = analyze_str(
            "Authentication-Results: mx.example.org; spf=fail smtp.mailfrom=bounce@example.net; dmarc=fail header.from=example.net\n\
             Received: from out.example.net (out.example.net [203.0.113.9]) by mx.example.org (Postfix) with ESMTPS id 1; Mon, 8 Jan 2024 10:00:05 +0000\n\
             Authentication-Results: mx.example.org; spf=pass smtp.mailfrom=bounce@example.net; dmarc=pass header.from=example.net\n\
             Received: from [192.0.2.4] by out.example.net with ESMTPA id 2; Mon, 8 Jan 2024 10:00:00 +0000\n\
             From: a@example.net\n",
        );
        let a = &r.authentication;
        assert_eq!(a.results.len(), 2);
        assert_eq!((a.results[0].trust, a.results[0].hop), (Trust::Trusted, Some(2)));
        assert_eq!((a.results[1].trust, a.results[1].hop), (Trust::Upstream, Some(1)));
        assert_eq!(a.receiver.as_ref().and_then(|r| r.entry_hop), Some(2));
        let dmarc = a.verdicts.iter().find(|v| v.method == "dmarc").map(|v| v.text.as_str());
        assert_eq!(dmarc, Some("DMARC: fail (receiver mx.example.org, From domain example.net)"));
    }

    #[test]
    fn gmail_fields_under_their_received_belong_to_it() {
        let r = analyze_str(
            "Received: by 2002:a05:6a10:1::1 with SMTP id x; Mon, 8 Jan 2024 10:00:06 -0800 (PST)\n\
             Received: from out.example.net (out.example.net. [203.0.113.9]) by mx.google.com with ESMTPS id y for <u@gmail.com>; Mon, 08 Jan 2024 10:00:05 -0800 (PST)\n\
             Received-SPF: pass (google.com: domain of b@example.net designates 203.0.113.9 as permitted sender) client-ip=203.0.113.9;\n\
             Authentication-Results: mx.google.com; spf=pass smtp.mailfrom=b@example.net\n\
             Authentication-Results: mx.google.com; dmarc=pass header.from=example.net\n\
             Received: by out.example.net (Postfix) id 3; Mon, 8 Jan 2024 18:00:00 +0000\n",
        );
        let a = &r.authentication;
        assert_eq!(a.received_spf[0].hop, Some(2));
        assert_eq!(a.received_spf[0].trust, Trust::Trusted);
        assert_eq!((a.results[0].hop, a.results[0].trust), (Some(2), Trust::Trusted));
        // A second A-R under the same Received is not Gmail's own: it is tied below and upstream.
        assert_eq!((a.results[1].hop, a.results[1].trust), (Some(1), Trust::Upstream));
    }

    #[test]
    fn mox_layout_and_a_forgery_under_a_receiver_that_stamps_above() {
        // mox stamps under its own Received field, and its Received-SPF names no receiver.
        let mox = analyze_str(
            "Received: from mail.example.net ([192.0.2.7]) by mx.example.org (mox) with esmtps id x; 16 Sep 2022 12:10:07 +0200\n\
             Authentication-Results: mx.example.org; spf=pass smtp.mailfrom=example.net\n\
             Received-SPF: pass client-ip=\"192.0.2.7\"; envelope-from=\"a@example.net\";\n\
             Received: by mail.example.net with SMTP id y; Fri, 16 Sep 2022 03:10:06 -0700\n",
        );
        let a = &mox.authentication;
        assert_eq!((a.results[0].hop, a.results[0].trust), (Some(2), Trust::Trusted));
        assert_eq!((a.received_spf[0].hop, a.received_spf[0].trust), (Some(2), Trust::Trusted));
        // A receiver that stamps above its Received field did not write the field right under it.
        let forged = analyze_str(
            "Authentication-Results: mx.example.org; dmarc=fail header.from=example.net\n\
             Received: from mail.example.net ([192.0.2.7]) by mx.example.org (Postfix) with ESMTPS id x; 16 Sep 2022 12:10:07 +0200\n\
             Authentication-Results: mx.example.org; dmarc=pass header.from=example.net\n\
             Received: by mail.example.net with SMTP id y; Fri, 16 Sep 2022 03:10:06 -0700\n",
        );
        let trust: Vec<(Option<usize>, Trust)> =
            forged.authentication.results.iter().map(|r| (r.hop, r.trust)).collect();
        assert_eq!(trust, [(Some(2), Trust::Trusted), (Some(1), Trust::Upstream)]);
    }

    #[test]
    fn without_the_receivers_own_received_field_the_hop_below_is_the_senders() {
        // Gmail's Received field was not pasted: its results sit directly on the list server's hops.
        let r = analyze_str(
            "Authentication-Results: mx.google.com; dkim=neutral header.i=@example.com; dmarc=fail header.from=example.com\n\
             Received: from lists.example.org (localhost [127.0.0.1]) by lists.example.org (Postfix) id 2; Mon, 8 Jan 2024 10:00:05 +0000\n\
             Authentication-Results: lists.example.org; dkim=pass header.i=@example.com\n\
             Received: from mail.example.com (mail.example.com [203.0.113.9]) by lists.example.org (Postfix) id 1; Mon, 8 Jan 2024 10:00:04 +0000\n",
        );
        let a = &r.authentication;
        assert_eq!(a.receiver.as_ref().map(|x| x.sites.clone()), Some(vec!["google.com".to_string()]));
        assert_eq!(a.receiver.as_ref().and_then(|x| x.entry_hop), Some(2));
        let trust: Vec<Trust> = a.results.iter().map(|x| x.trust).collect();
        assert_eq!(trust, [Trust::Trusted, Trust::Upstream]);
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

    #[test]
    fn compauth_reasons_are_decoded() {
        assert!(compauth_reason("000").0.contains("explicit"));
        assert!(compauth_reason("001").0.contains("implicit"));
        assert!(compauth_reason("130").0.contains("passed"));
        assert!(compauth_reason("905").0.contains("bypassed"));
        assert!(compauth_reason("601").0.contains("accepted domains"));
        assert!(!compauth_reason("x").1);
    }
}
