//! Microsoft 365 / Exchange headers decoded into words.
//!
//! Admins see `SFV:NSPM;CAT:NONE;SFP:1022` and have to look every code up. This module reads
//! X-Forefront-Antispam-Report, X-Microsoft-Antispam (and their `-Untrusted` copies made by an earlier
//! Microsoft 365 pass), X-Microsoft-Antispam-Mailbox-Delivery, on-premises Exchange's
//! X-MS-Exchange-Organization-Antispam-Report, the `X-MS-Exchange-Organization-*`,
//! `-CrossTenant-*` and `-CrossPremises-*` families and the other transport stamps, field by field,
//! into plain words, saying for each whether Microsoft documents it, it is only observed in real
//! headers, it rests on unofficial sources, or it is unknown. Nothing is dropped: unknown keys are kept
//! and marked. The typed [`AntispamReport`] and a one-line verdict feed the Microsoft diagnostics.

mod antispam;
pub(crate) mod compauth;
mod entries;
mod exchange;

use std::collections::HashSet;

use serde::Serialize;

use crate::catalog::{Lang, Text, msg, word};
use crate::input::Source;
use crate::model::{Evidence, HeaderField, Span};

pub(crate) use antispam::{bcl_msg, cat_id, scl_msg, sfv_short_msg};
pub(crate) use exchange::{attributed_connection, timespan_seconds};

/// How well a meaning is established: documented by Microsoft, observed in real headers, or an unofficial reading.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Provenance {
    /// Microsoft documents it.
    Documented,
    /// Seen in real headers; Microsoft does not document it.
    Observed,
    /// From community write-ups only; worded as "likely".
    Unofficial,
    /// Not explained by Microsoft's documentation or headerlens' tables; kept as written.
    Unknown,
}

impl Provenance {
    /// The phrase that opens a meaning with this provenance (English).
    pub fn lead(self) -> &'static str {
        crate::catalog::word(self.lead_id(), crate::catalog::Lang::En)
    }

    /// The catalogue id of [`Provenance::lead`].
    pub fn lead_id(self) -> &'static str {
        match self {
            Provenance::Documented => crate::catalog::msg_id!("ms.lead.documented"),
            Provenance::Observed => crate::catalog::msg_id!("ms.lead.observed"),
            Provenance::Unofficial => crate::catalog::msg_id!("ms.lead.unofficial"),
            Provenance::Unknown => crate::catalog::msg_id!("ms.lead.unknown"),
        }
    }
}

/// One decoded piece of a Microsoft header: a `KEY:VALUE` entry of a list-shaped header, or the whole
/// value of a single-valued one (then `key` is the header name without its family prefix).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MsField {
    /// The header name as written.
    pub header: String,
    /// The key as written, e.g. `SFV`, or `AuthAs` for `X-MS-Exchange-Organization-AuthAs`.
    pub key: String,
    /// The value as written (folds replaced by a space); `(null)` kept.
    pub value: String,
    /// Plain words, opening with the provenance ("Microsoft documents: …") (catalogue words).
    pub meaning: crate::catalog::Text,
    pub source: Provenance,
    /// True for `-Untrusted` headers: an earlier Microsoft 365 pass, not the recipient's verdict.
    pub upstream: bool,
    /// Where the entry (`KEY:VALUE`) or the value sits in the input.
    pub span: Span,
    /// Index of the header field in the analysed header list.
    #[serde(skip)]
    pub field_index: usize,
}

impl MsField {
    /// The meaning's words without the provenance lead ("Microsoft documents: …").
    pub fn words(&self) -> crate::catalog::Text {
        self.meaning
            .messages()
            .first()
            .and_then(|m| m.args.iter().find(|(name, _)| *name == "words"))
            .map(|(_, words)| words.clone())
            .unwrap_or_else(|| self.meaning.clone())
    }
}

/// The anti-spam verdict of one Microsoft 365 filtering pass, typed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default)]
pub struct AntispamReport {
    /// True when read from `-Untrusted` headers (an earlier pass, typically the sender's outbound scan).
    pub upstream: bool,
    /// Spam filtering verdict, e.g. `NSPM`.
    pub sfv: Option<String>,
    /// Protection policy category, e.g. `SPM`, `BULK`, `NONE`.
    pub cat: Option<String>,
    /// Spam confidence level: the report's `SCL`, else `X-MS-Exchange-Organization-SCL`.
    pub scl: Option<i32>,
    /// Bulk complaint level from X-Microsoft-Antispam.
    pub bcl: Option<i32>,
    /// Phishing confidence level.
    pub pcl: Option<i32>,
    pub ipv: Option<String>,
    /// Connecting IP as written.
    pub cip: Option<String>,
    pub country: Option<String>,
    pub lang: Option<String>,
    /// HELO/EHLO of the connecting server (`H:`).
    pub helo: Option<String>,
    pub ptr: Option<String>,
    /// `INB`, `OUT` or `INT`.
    pub dir: Option<String>,
    pub sfp: Option<String>,
    pub srv: Option<String>,
    pub sfty: Option<String>,
    /// Indices (into the header list) of the fields this report was read from.
    #[serde(skip)]
    pub field_indices: Vec<usize>,
}

/// Decoded Microsoft headers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default)]
pub struct Microsoft {
    /// Every decoded entry, in input order (topmost header first).
    pub fields: Vec<MsField>,
    /// The recipient-side verdict: the topmost X-Forefront-Antispam-Report / X-Microsoft-Antispam that
    /// is not `-Untrusted`, with X-MS-Exchange-Organization-SCL.
    pub report: Option<AntispamReport>,
    /// The topmost `-Untrusted` verdict (an earlier pass), shown but never used for the final verdict.
    pub upstream_report: Option<AntispamReport>,
    /// One line in words, e.g. "Exchange Online: not spam (SCL 1), inbound, from IP 203.0.113.5 (country GB)"
    /// (serialised as a string in the JSON's language, English by default).
    pub verdict: Option<Text>,
    /// `Header: KEY` for every key no table explains, once each, in input order.
    pub unknown_keys: Vec<String>,
}

impl MsField {
    /// Evidence for this entry: its header, the exact text as written, and its span.
    pub(crate) fn evidence(&self, source: &Source, headers: &[HeaderField]) -> Evidence {
        match headers.get(self.field_index) {
            Some(field) => source.evidence_for(field, source.text(self.span)),
            None => Evidence {
                header: self.header.clone(),
                text: format!("{}:{}", self.key, self.value),
                span: self.span,
                highlights: Vec::new(),
            },
        }
    }
}

impl Microsoft {
    /// The topmost decoded single-valued header with this name (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&MsField> {
        self.fields.iter().find(|f| f.header.eq_ignore_ascii_case(name))
    }

    /// The entry `key` of `report` (case-insensitive), for evidence.
    pub fn entry(&self, report: &AntispamReport, key: &str) -> Option<&MsField> {
        self.fields
            .iter()
            .find(|f| report.field_indices.contains(&f.field_index) && f.key.eq_ignore_ascii_case(key))
    }
}

const REPORT_HEADERS: &[&str] = &["x-forefront-antispam-report", "x-forefront-antispam-report-untrusted"];
const ANTISPAM_HEADERS: &[&str] = &["x-microsoft-antispam", "x-microsoft-antispam-untrusted"];
const DELIVERY_HEADER: &str = "x-microsoft-antispam-mailbox-delivery";
/// On-premises Exchange's anti-spam report, also carried across a hybrid connector as CrossPremises.
const ONPREM_REPORT_HEADERS: &[&str] =
    &["x-ms-exchange-organization-antispam-report", "x-ms-exchange-crosspremises-antispam-report"];

/// The header name in lower case with a later hop's `X-Original-` prefix removed, and whether it is an earlier,
/// upstream copy: `-Untrusted` (demoted by the next Exchange Online hop) or `X-Original-` (renamed by a later
/// gateway or forwarder, e.g. `X-Original-X-Forefront-Antispam-Report`).
/// The name is lower-cased on the stack: bind it once as `&str`.
fn base_name(name: &str) -> (crate::words::Lower<'_>, bool) {
    let (base, upstream) = base_of(name);
    (crate::words::lower(base), upstream)
}

/// [`base_name`] without the lower-casing (the name's case as written), for the checks that run over every
/// field and compare names ignoring case.
fn base_of(name: &str) -> (&str, bool) {
    let prefix = "x-original-";
    match name.get(..prefix.len()) {
        Some(p)
            if p.eq_ignore_ascii_case(prefix)
                && name[prefix.len()..].get(..2).is_some_and(|x| x.eq_ignore_ascii_case("x-")) =>
        {
            (&name[prefix.len()..], true)
        }
        _ => {
            let tail = "-untrusted";
            let upstream = name.len() >= tail.len()
                && name.as_bytes()[name.len() - tail.len()..].eq_ignore_ascii_case(tail.as_bytes());
            (name, upstream)
        }
    }
}

/// `lower_names` (lower case) holds `name`, ignoring ASCII case.
fn listed(lower_names: &[&str], name: &str) -> bool {
    lower_names.iter().any(|n| n.eq_ignore_ascii_case(name))
}

/// Which table explains a list-shaped header's entries.
#[derive(Clone, Copy)]
enum ListKind {
    Report,
    MailboxDelivery,
    OnPremReport,
}

/// Decodes the Microsoft headers.
pub(crate) fn build(source: &Source, fields: &[HeaderField]) -> Microsoft {
    let mut out = Microsoft::default();
    for (field_index, field) in fields.iter().enumerate() {
        // Every field read here is an `X-` field (also after a later hop's `X-Original-`): the others are passed
        // over without a lower-cased copy of their name.
        if !field.name.get(..2).is_some_and(|p| p.eq_ignore_ascii_case("x-")) {
            continue;
        }
        let (lower, upstream) = base_name(&field.name);
        let lower: &str = &lower;
        let list_kind = if REPORT_HEADERS.contains(&lower) || ANTISPAM_HEADERS.contains(&lower) {
            Some(ListKind::Report)
        } else if lower == DELIVERY_HEADER && !upstream {
            Some(ListKind::MailboxDelivery)
        } else if ONPREM_REPORT_HEADERS.contains(&lower) {
            Some(ListKind::OnPremReport)
        } else {
            None
        };
        match list_kind {
            Some(kind) => {
                let entries = entries::split(source, field, ';', ':');
                // The sending tenant's outbound scan (DIR:OUT) does not decide the recipient's folder.
                let outbound = matches!(kind, ListKind::Report)
                    && entries.iter().any(|e| {
                        e.key.eq_ignore_ascii_case("DIR")
                            && e.value.as_deref().is_some_and(|v| v.trim().eq_ignore_ascii_case("OUT"))
                    });
                for entry in entries {
                    let value = entry.value.clone().unwrap_or_default();
                    let (prov, words) = match (&entry.value, kind) {
                        (None, _) => (
                            Provenance::Unknown,
                            crate::catalog::msg!("ms.not-a-pair", key = &entry.key).into(),
                        ),
                        (Some(v), ListKind::Report) => outbound
                            .then(|| antispam::outbound_entry(&entry.key, v))
                            .flatten()
                            .unwrap_or_else(|| antispam::report_entry(&entry.key, v)),
                        (Some(v), ListKind::MailboxDelivery) => {
                            antispam::mailbox_delivery_entry(&entry.key, v)
                        }
                        (Some(v), ListKind::OnPremReport) => antispam::onprem_report_entry(&entry.key, v),
                    };
                    out.push(field, field_index, entry.key, value, prov, words, upstream, entry.span);
                }
            }
            None if exchange::FAMILY_PREFIXES.iter().any(|p| lower.starts_with(p))
                || exchange::SINGLE_HEADERS.contains(&lower) =>
            {
                let (prov, words) = exchange::header(lower, &field.value);
                let written = field.name.get(field.name.len() - lower.len()..).unwrap_or(&field.name);
                let key = exchange::key_of(written).to_string();
                out.push(
                    field,
                    field_index,
                    key,
                    field.value.clone(),
                    prov,
                    words,
                    upstream,
                    field.value_span,
                );
            }
            None => {}
        }
    }
    let mut seen = HashSet::new();
    out.unknown_keys = out
        .fields
        .iter()
        .filter(|f| f.source == Provenance::Unknown)
        .map(|f| format!("{}: {}", f.header, f.key))
        .filter(|name| seen.insert(name.clone()))
        .collect();
    out.report = out.typed_report(fields, false);
    out.upstream_report = out.typed_report(fields, true);
    out.verdict = out.verdict_line();
    out
}

impl Microsoft {
    #[allow(clippy::too_many_arguments)]
    fn push(
        &mut self,
        field: &HeaderField,
        field_index: usize,
        key: String,
        value: String,
        source: Provenance,
        words: crate::catalog::Text,
        upstream: bool,
        span: Span,
    ) {
        let lead = crate::catalog::Msg::new(source.lead_id(), vec![]);
        // The `ms.meaning` message (arguments `lead` and `words`), built without copying them: this runs for
        // every entry.
        let meaning = crate::catalog::Msg::new(
            crate::catalog::msg_id!("ms.meaning"),
            vec![("lead", lead.into()), ("words", words)],
        );
        self.fields.push(MsField {
            header: field.name.clone(),
            key,
            value,
            meaning: meaning.into(),
            source,
            upstream,
            span,
            field_index,
        });
    }

    /// Reads the topmost report header and the topmost X-Microsoft-Antispam of one trust level.
    fn typed_report(&self, fields: &[HeaderField], upstream: bool) -> Option<AntispamReport> {
        let topmost = |names: &[&str]| {
            fields.iter().position(|f| {
                let (base, copy) = base_of(&f.name);
                copy == upstream && listed(names, base)
            })
        };
        let indices: Vec<usize> =
            [topmost(REPORT_HEADERS), topmost(ANTISPAM_HEADERS)].into_iter().flatten().collect();
        let org_scl = if upstream { None } else { self.header("X-MS-Exchange-Organization-SCL") };
        if indices.is_empty() && org_scl.is_none() {
            return None;
        }
        let mut report = AntispamReport { upstream, field_indices: indices, ..AntispamReport::default() };
        for f in self.fields.iter().filter(|f| report.field_indices.contains(&f.field_index)) {
            let value = f.value.trim();
            let text = (!value.is_empty() && value != "(null)").then(|| value.to_string());
            let number = || value.parse::<i32>().ok();
            let slot = match f.key.to_ascii_uppercase().as_str() {
                "SFV" => &mut report.sfv,
                "CAT" => &mut report.cat,
                "IPV" => &mut report.ipv,
                "CIP" => &mut report.cip,
                "CTRY" => &mut report.country,
                "LANG" => &mut report.lang,
                "H" => &mut report.helo,
                "PTR" => &mut report.ptr,
                "DIR" => &mut report.dir,
                "SFP" => &mut report.sfp,
                "SRV" => &mut report.srv,
                "SFTY" => &mut report.sfty,
                "SCL" => {
                    report.scl = report.scl.or_else(number);
                    continue;
                }
                "BCL" => {
                    report.bcl = report.bcl.or_else(number);
                    continue;
                }
                "PCL" => {
                    report.pcl = report.pcl.or_else(number);
                    continue;
                }
                _ => continue,
            };
            if slot.is_none() {
                *slot = text;
            }
        }
        if report.scl.is_none() {
            report.scl = org_scl.and_then(|f| f.value.trim().parse().ok());
            if let Some(f) = org_scl {
                report.field_indices.push(f.field_index);
            }
        }
        if report.pcl.is_none() && !upstream {
            report.pcl =
                self.header("X-MS-Exchange-Organization-PCL").and_then(|f| f.value.trim().parse().ok());
        }
        Some(report)
    }

    /// True when `report` was read from X-Forefront-Antispam-Report or X-Microsoft-Antispam (Exchange Online
    /// Protection's stamps), not only from X-MS-Exchange-Organization-SCL.
    fn read_from_filter_headers(&self, report: &AntispamReport) -> bool {
        self.fields.iter().any(|f| {
            report.field_indices.contains(&f.field_index) && {
                let (base, _) = base_of(&f.header);
                listed(REPORT_HEADERS, base) || listed(ANTISPAM_HEADERS, base)
            }
        })
    }

    /// "Exchange Online: not spam (SCL 1), inbound, from IP 203.0.113.5 (country GB)".
    fn verdict_line(&self) -> Option<Text> {
        let (report, who): (_, Text) = match (&self.report, &self.upstream_report) {
            (Some(r), _) if r.dir.as_deref().is_some_and(|d| d.eq_ignore_ascii_case("OUT")) => {
                (r, msg!("ms.verdict-line.who-outbound").into())
            }
            // Only X-MS-Exchange-Organization-SCL: on-premises Exchange or Exchange Online, it cannot tell.
            (Some(r), _) if !self.read_from_filter_headers(r) => (r, Text::raw("Exchange")),
            (Some(r), _) => (r, Text::raw("Exchange Online")),
            (None, Some(r)) => (r, msg!("ms.verdict-line.who-upstream").into()),
            (None, None) => return None,
        };
        let mut verdict: Text = match (report.sfv.as_deref().and_then(sfv_short_msg), report.scl) {
            (Some(words), _) => words.into(),
            (None, Some(s)) if s >= 5 => msg!("ms.verdict-line.spam").into(),
            (None, Some(-1)) => msg!("ms.verdict-line.filtering-skipped").into(),
            (None, Some(_)) => msg!("ms.verdict-line.not-spam").into(),
            (None, None) => msg!("ms.verdict-line.no-verdict").into(),
        };
        // The category, unless the verdict already says it (compared in English, where both words are fixed).
        if let Some(id) =
            report.cat.as_deref().and_then(cat_id).filter(|id| !verdict.contains(word(id, Lang::En)))
        {
            verdict.push(msg!("ms.verdict-line.category", words = crate::catalog::Msg::new(id, Vec::new())));
        }
        let levels: Vec<String> = [("SCL", report.scl), ("BCL", report.bcl)]
            .iter()
            .filter_map(|(n, v)| v.map(|v| format!("{n} {v}")))
            .collect();
        if !levels.is_empty() {
            verdict.push_str(&format!(" ({})", levels.join(", ")));
        }
        let direction = match report.dir.as_deref().map(|d| d.to_ascii_uppercase()).as_deref() {
            Some("INB") => Some(msg!("ms.verdict-line.inbound")),
            Some("OUT") => Some(msg!("ms.verdict-line.outbound")),
            Some("INT") => Some(msg!("ms.verdict-line.internal")),
            _ => {
                match self.header("X-MS-Exchange-Organization-MessageDirectionality").map(|f| f.value.trim())
                {
                    Some(v) if v.eq_ignore_ascii_case("Incoming") => Some(msg!("ms.verdict-line.inbound")),
                    Some(v) if v.eq_ignore_ascii_case("Originating") => {
                        Some(msg!("ms.verdict-line.originating"))
                    }
                    _ => None,
                }
            }
        };
        let mut parts: Vec<Text> = vec![msg!("ms.verdict-line.line", who, verdict).into()];
        parts.extend(direction.map(|m| -> Text { m.into() }));
        match report.cip.as_deref() {
            Some("255.255.255.255") => parts.push(msg!("ms.verdict-line.submitted").into()),
            Some(ip) => parts.push(
                match report.country.as_deref() {
                    Some(country) => msg!("ms.verdict-line.from-ip-country", ip, country),
                    None => msg!("ms.verdict-line.from-ip", ip),
                }
                .into(),
            ),
            None => {}
        }
        if !report.upstream
            && let Some(dest) = self.fields.iter().find(|f| {
                f.header.eq_ignore_ascii_case(DELIVERY_HEADER) && f.key.eq_ignore_ascii_case("dest")
            })
        {
            match dest.value.to_ascii_uppercase().as_str() {
                "I" => parts.push(msg!("ms.verdict-line.to-inbox").into()),
                "J" => parts.push(msg!("ms.verdict-line.to-junk").into()),
                "C" => parts.push(msg!("ms.verdict-line.to-custom").into()),
                _ => {}
            }
        }
        Some(Text::join(parts, ", "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode(text: &str) -> Microsoft {
        crate::analyze_str(text).microsoft
    }

    const INBOUND: &str = "X-MS-Exchange-Organization-SCL: 1\n\
        X-Forefront-Antispam-Report:\n CIP:203.0.113.5;CTRY:GB;LANG:en;SCL:1;SRV:;IPV:NLI;SFV:NSPM;H:mail.example.com;\n PTR:mail.example.com;CAT:NONE;SFS:(13230031)(4636009);DIR:INB;ZZQ:7;\n\
        X-Microsoft-Antispam: BCL:0;\n\
        X-Microsoft-Antispam-Mailbox-Delivery: ucf:0;jmr:0;auth:0;dest:I;ENG:(910001)(944506478);\n\
        X-MS-Exchange-Organization-MessageDirectionality: Incoming\n";

    #[test]
    fn decodes_every_entry_and_keeps_unknown_ones() {
        let ms = decode(INBOUND);
        let keys: Vec<&str> = ms
            .fields
            .iter()
            .filter(|f| f.header == "X-Forefront-Antispam-Report")
            .map(|f| f.key.as_str())
            .collect();
        assert_eq!(
            keys,
            ["CIP", "CTRY", "LANG", "SCL", "SRV", "IPV", "SFV", "H", "PTR", "CAT", "SFS", "DIR", "ZZQ"]
        );
        let zzq = ms.fields.iter().find(|f| f.key == "ZZQ").unwrap();
        assert_eq!(zzq.source, Provenance::Unknown);
        assert_eq!(ms.unknown_keys, ["X-Forefront-Antispam-Report: ZZQ"]);
        let sfv = ms.fields.iter().find(|f| f.key == "SFV").unwrap();
        assert!(sfv.meaning.starts_with("Microsoft documents: "), "{}", sfv.meaning);
        let dir = ms.fields.iter().find(|f| f.key == "DIR").unwrap();
        assert!(dir.meaning.starts_with("Observed in real headers; undocumented: "), "{}", dir.meaning);
    }

    #[test]
    fn spans_point_at_the_entry() {
        let report = crate::analyze_str(INBOUND);
        let sfv = report.microsoft.fields.iter().find(|f| f.key == "SFV").unwrap();
        assert_eq!(INBOUND.get(sfv.span.start()..sfv.span.end()), Some("SFV:NSPM"));
    }

    #[test]
    fn verdict_in_words() {
        let ms = decode(INBOUND);
        assert_eq!(
            ms.verdict.as_ref().map(|v| v.render(Lang::En)).as_deref(),
            Some(
                "Exchange Online: not spam (SCL 1, BCL 0), inbound, from IP 203.0.113.5 (country GB), \
                 delivered to the Inbox"
            )
        );
        assert_eq!(
            ms.verdict.as_ref().map(|v| v.render(Lang::Fr)).as_deref(),
            Some(
                "Exchange Online\u{a0}: non-spam (SCL 1, BCL 0), entrant, depuis l'IP 203.0.113.5 (pays GB), \
                 remis dans la boîte de réception"
            )
        );
        let r = ms.report.unwrap();
        assert_eq!(
            (r.sfv.as_deref(), r.scl, r.bcl, r.dir.as_deref()),
            (Some("NSPM"), Some(1), Some(0), Some("INB"))
        );
    }

    #[test]
    fn untrusted_reports_are_upstream_only() {
        let ms = decode(
            "X-Forefront-Antispam-Report-Untrusted: CIP:255.255.255.255;CTRY:;SCL:1;SFV:NSPM;DIR:OUT;SFP:1101;\n\
             X-Microsoft-Antispam-Untrusted: BCL:0;\n",
        );
        assert!(ms.report.is_none());
        let up = ms.upstream_report.unwrap();
        assert!(up.upstream);
        assert_eq!(up.sfp.as_deref(), Some("1101"));
        assert!(ms.verdict.unwrap().starts_with("Earlier Microsoft 365 pass"));
        assert!(ms.fields.iter().all(|f| f.upstream));
    }

    #[test]
    fn renamed_copies_are_upstream_verdicts() {
        let ms = decode(
            "X-Original-X-Forefront-Antispam-Report: CIP:192.0.2.64;\n CTRY:US;IPV:NLI;SRV:BULK;SFV:SPM;DIR:INB;SCL:9;H:smtp01.example.com;PTR:smtp01.example.com;\n\
             Subject: x\n",
        );
        assert!(ms.report.is_none());
        let up = ms.upstream_report.expect("the renamed report is read");
        assert_eq!(
            (up.sfv.as_deref(), up.scl, up.cip.as_deref()),
            (Some("SPM"), Some(9), Some("192.0.2.64"))
        );
        assert!(ms.verdict.unwrap().starts_with("Earlier Microsoft 365 pass"));
        assert!(ms.fields.iter().all(|f| f.upstream && f.header == "X-Original-X-Forefront-Antispam-Report"));
        assert!(ms.fields.iter().any(|f| f.key == "SFV" && f.meaning.contains("spam")));
        // The renamed copy never stands in for the recipient's own verdict.
        let both = decode(&format!("{INBOUND}X-Original-X-Forefront-Antispam-Report: SCL:9;SFV:SPM;\n"));
        assert_eq!(both.report.unwrap().scl, Some(1));
        assert_eq!(both.upstream_report.unwrap().scl, Some(9));
    }

    #[test]
    fn organization_scl_stands_in_for_a_missing_report() {
        let ms = decode("X-MS-Exchange-Organization-SCL: -1\nX-MS-Exchange-Organization-AuthAs: Internal\n");
        assert_eq!(ms.report.as_ref().and_then(|r| r.scl), Some(-1));
        assert_eq!(ms.header("x-ms-exchange-organization-authas").map(|f| f.key.as_str()), Some("AuthAs"));
        assert_eq!(
            ms.verdict.map(|v| v.render(Lang::En)).as_deref(),
            Some("Exchange: filtering skipped (SCL -1)")
        );
    }

    #[test]
    fn onprem_antispam_report_is_a_list() {
        let ms = decode(
            "X-MS-Exchange-Organization-Antispam-Report: DV:3.3.5705.600;SID:SenderIDStatus Fail;OrigIP:203.0.113.4\n\
             X-MS-Exchange-Organization-SenderIdResult: Fail\n",
        );
        let keys: Vec<&str> = ms.fields.iter().map(|f| f.key.as_str()).collect();
        assert_eq!(keys, ["DV", "SID", "OrigIP", "SenderIdResult"]);
        assert!(ms.fields[1].meaning.contains("Sender ID result: SenderIDStatus Fail"));
        assert_eq!(ms.fields[3].source, Provenance::Documented);
        assert!(ms.unknown_keys.is_empty());
    }

    #[test]
    fn multiple_occurrences_are_kept() {
        let ms = decode("X-Microsoft-Antispam: BCL:7;\nX-Microsoft-Antispam: BCL:0;\n");
        assert_eq!(ms.fields.len(), 2);
        assert_eq!(ms.report.unwrap().bcl, Some(7));
    }
}
