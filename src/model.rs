//! The report's shared types: plain data that the CLI prints, the site renders and external checks read as
//! JSON. The [`Report`](crate::Report) itself (in `report.rs`) adds the readers' sections to these.
//!
//! Every type here is a POD with public fields and `serde::Serialize`.
//! Field names are a contract (see the JSON contract in README.md): add freely, rename none.

use std::net::IpAddr;

use serde::Serialize;
use serde::ser::SerializeStruct;

use crate::catalog::Pieces;
pub use crate::catalog::{Lang, Msg, Text};

/// A byte range `[start, end)` in the text the user gave (after lossy UTF-8 decoding of the input bytes).
/// Serialised as a two-element array `[start, end]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize)]
pub struct Span(pub usize, pub usize);

impl Span {
    pub fn new(start: usize, end: usize) -> Span {
        Span(start, end.max(start))
    }
    pub fn start(self) -> usize {
        self.0
    }
    pub fn end(self) -> usize {
        self.1
    }
    pub fn len(self) -> usize {
        self.1 - self.0
    }
    pub fn is_empty(self) -> bool {
        self.1 == self.0
    }
}

/// Facts about the input itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default)]
pub struct InputInfo {
    /// Length of the input in bytes.
    pub bytes: usize,
    /// Length of the header section that was analysed, in bytes of the normalised text.
    pub header_bytes: usize,
    /// True when the input was not valid UTF-8 (nor UTF-16): the bytes that are not were read as
    /// Windows-1252 (see [`crate::charset`]).
    pub lossy_utf8: bool,
    /// Human-readable notes on the clean-up applied (e.g. "removed the blank line Outlook adds after every line").
    pub normalizations: Vec<crate::catalog::Text>,
    /// True when the text does not look like mail headers at all (no `Name: value` field was found).
    pub looks_like_headers: bool,
    /// What kind of input the message came from: `headers`, `eml`, `mbox` or `msg`.
    pub format: InputFormat,
    /// Where in the input this message came from, when the input held more than one message or the
    /// message was attached to another: e.g. "mbox message 2 of 3",
    /// "attached message 1 (message/rfc822) in mbox message 2 of 3". `None` for a single message.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub container: Option<crate::catalog::Text>,
    /// A summary the receiving webmail printed above the headers (Gmail's "Show original" table), as
    /// that receiver displayed it. It is the receiver's own reading, not part of the headers.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub receiver_summary: Option<ReceiverSummary>,
    /// A sentence for the reader when there is nothing to analyse and why (e.g. an Outlook `.msg`
    /// without Internet headers), with what to do instead.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notice: Option<crate::catalog::Text>,
}

/// The format of the input a message was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum InputFormat {
    /// A header block (or several pasted one after another).
    #[default]
    Headers,
    /// A whole message (headers, blank line, body), RFC 5322.
    Eml,
    /// A mailbox of messages, each after a `From ` line (mboxo / mboxrd).
    Mbox,
    /// An Outlook message file (Compound File Binary, MS-OXMSG).
    Msg,
}

impl InputFormat {
    pub fn as_str(self) -> &'static str {
        match self {
            InputFormat::Headers => "headers",
            InputFormat::Eml => "eml",
            InputFormat::Mbox => "mbox",
            InputFormat::Msg => "msg",
        }
    }
}

/// A receiver's own summary printed above the headers, e.g. Gmail's "Show original" table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default)]
pub struct ReceiverSummary {
    /// Who printed it, e.g. `Gmail "Show original"`.
    pub source: String,
    /// Its lines in order, e.g. `SPF` = `PASS with IP 192.0.2.1`.
    pub items: Vec<SummaryItem>,
    /// Where the summary sits in the input.
    pub span: Span,
}

/// One line of a receiver's summary.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default)]
pub struct SummaryItem {
    /// The label as printed, without its colon (`Message ID`, `Created at`, `SPF`, …).
    pub label: String,
    /// The value as printed (Gmail's "Learn more" link text removed).
    pub value: String,
    pub span: Span,
}

/// The key facts of the message, with addresses in their original spelling.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default)]
pub struct Summary {
    pub subject: Option<String>,
    pub from: Vec<Mailbox>,
    pub sender: Vec<Mailbox>,
    pub reply_to: Vec<Mailbox>,
    pub to: Vec<Mailbox>,
    pub cc: Vec<Mailbox>,
    pub date: Option<DateValue>,
    pub message_id: Option<String>,
    /// Every Return-Path field, topmost (most recent) first.
    pub return_path: Vec<ReturnPath>,
    /// X-Mailer or User-Agent.
    pub mailer: Option<String>,
}

/// One mailbox from an address header, as written (case preserved).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default)]
pub struct Mailbox {
    /// Display name, RFC 2047-decoded.
    pub name: Option<String>,
    /// The addr-spec exactly as written, e.g. `Application.Mailbox@example.com`.
    pub address: Option<String>,
}

impl Mailbox {
    /// `Name <address>` as a reader expects it: the address alone when the name is empty or only repeats it.
    pub fn display(&self) -> String {
        match (&self.name, &self.address) {
            // `a@example.org <a@example.org>`: the name adds nothing.
            (Some(n), Some(a)) if n.trim_matches(['"', '\'', ' ']).is_empty() => a.clone(),
            (Some(n), Some(a)) if n.trim_matches(['"', '\'', ' ']).eq_ignore_ascii_case(a) => a.clone(),
            (Some(n), Some(a)) => format!("{n} <{a}>"),
            (None, Some(a)) => a.clone(),
            (Some(n), None) => n.clone(),
            (None, None) => String::new(),
        }
    }
}

/// A Return-Path field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default)]
pub struct ReturnPath {
    /// The field value as written, e.g. `<Application.MAILBOX@ResDomain.local>`.
    pub raw: String,
    /// The address without angle brackets; `None` for the null sender `<>` or an unreadable value.
    pub address: Option<String>,
    /// True for `<>`.
    pub null: bool,
    /// Where the value sits in the input.
    pub span: Span,
}

/// A parsed date with its original offset.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default)]
pub struct DateValue {
    /// The text as written.
    pub raw: String,
    /// RFC 3339 in UTC, e.g. `2024-01-08T13:54:34Z`; `None` when the date could not be read.
    pub utc: Option<String>,
    /// Seconds since the Unix epoch (UTC).
    pub epoch: Option<i64>,
    /// The offset as written, in minutes east of UTC (e.g. `+0200` is 120); `None` when absent or `-0000`.
    pub offset_minutes: Option<i32>,
    /// How the zone was written when it is not a plain numeric offset (absent for `+hhmm`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub zone: Option<ZoneReading>,
    /// What the zone means, in words, when it is not a plain numeric offset (e.g. `IST is ambiguous: …`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub zone_note: Option<crate::catalog::Text>,
}

/// How a date's zone was written and read, when it is not a plain numeric offset such as `+0200`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ZoneReading {
    /// A zone name with one meaning (`CEST`, `JST`, RFC 5322's `EST`), read as its offset.
    Name,
    /// A POSIX TZ string (`EST5EDT`, `CET-1CEST`), read with the daylight-saving rule of the date's year.
    Posix,
    /// A name with several meanings (`IST`, `CST`, `BST`): `offset_minutes` is RFC 5322's reading where it
    /// defines the name (`CST` as -0600), else absent and the time read as UTC.
    Ambiguous,
    /// `-0000`, a military letter or a name of no known zone: the local offset is unknown (RFC 5322 §3.3, §4.3)
    /// and the time is read as UTC.
    Unknown,
    /// No zone at all; the time is read as UTC.
    Missing,
}

impl ZoneReading {
    /// True when the offset is not known for sure, so a whole-hour gap to a neighbour is likely a zone
    /// artefact rather than a real wait.
    pub fn uncertain(self) -> bool {
        matches!(self, ZoneReading::Ambiguous | ZoneReading::Unknown | ZoneReading::Missing)
    }
}

/// How completely a Received field was understood.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum ParseStatus {
    /// All clauses present were read and a date was found.
    #[default]
    Full,
    /// Some clauses were read; something (often the date) was missing or unreadable.
    Partial,
    /// Nothing useful could be read; only the raw text is shown.
    Raw,
}

/// TLS details a Received field states.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default)]
pub struct Tls {
    pub version: Option<String>,
    pub cipher: Option<String>,
}

/// One `Received` field: one step of the message's journey.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct Hop {
    /// 1 for the oldest hop (the bottom-most Received field).
    pub index: usize,
    /// The sending host's name as it presented itself (HELO/EHLO), or the first name of the from clause.
    pub from: Option<String>,
    /// The reverse-DNS name of the sending host, when the receiver recorded one.
    pub from_rdns: Option<String>,
    /// The sending host's IP address, when recorded.
    pub from_ip: Option<IpAddr>,
    /// The receiving host.
    pub by: Option<String>,
    /// The receiving host's IP address, when recorded (Exchange writes it).
    pub by_ip: Option<IpAddr>,
    /// The zone index written after an IPv6 link-local `from` address (`9` in `fe80::1%9`), kept apart.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from_ip_zone: Option<String>,
    /// The zone index written after an IPv6 link-local `by` address (Exchange `with mapi` stamps).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub by_ip_zone: Option<String>,
    /// The protocol (`ESMTPS`, `Microsoft SMTP Server`, `mapi`, …).
    pub with: Option<String>,
    pub id: Option<String>,
    #[serde(rename = "for")]
    pub for_: Option<String>,
    pub via: Option<String>,
    pub tls: Option<Tls>,
    /// RFC 3339 UTC, e.g. `2024-01-08T13:54:34Z`; `None` when the date is missing or unreadable.
    pub timestamp: Option<String>,
    /// Seconds since the Unix epoch, with fractions when the stamp had them.
    pub epoch: Option<f64>,
    /// The offset as written, in minutes east of UTC.
    pub offset_minutes: Option<i32>,
    /// How the zone was written when it is not a plain numeric offset (absent for `+hhmm`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub zone: Option<ZoneReading>,
    /// What the zone means, in words, when it is not a plain numeric offset.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub zone_note: Option<crate::catalog::Text>,
    /// The date text as written.
    pub date_raw: Option<String>,
    /// Seconds since the previous dated hop; negative means the clocks disagree.
    pub delay_seconds: Option<f64>,
    /// True when `delay_seconds` is negative by more than the tolerance: clock skew, not a delay.
    pub clock_skew: bool,
    pub parse_status: ParseStatus,
    /// What could not be read, in words.
    pub parse_notes: Vec<crate::catalog::Text>,
    /// True for a Received field below the hop where the receiving organisation took the message: written before
    /// it arrived, a claim of the sender's side that can be forged.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub unattested: bool,
    /// The field as written, name included and line breaks kept, after paste clean-up (LF line endings,
    /// common indentation and Outlook blank lines removed); `span` points at it in the input.
    pub raw: String,
    /// Where the field sits in the input.
    pub span: Span,
}

impl Hop {
    /// The stamp records TLS: a parsed TLS version or cipher, an `S` protocol (`ESMTPS`, `ESMTPSA`, `LMTPS`,
    /// RFC 3848), or TLS words in the text (`version=TLS…`, `using TLS`, Exchange 2010's `(TLS)`, Exim's `tls`).
    /// False means only that the stamp does not say (many servers never record TLS).
    pub fn shows_tls(&self) -> bool {
        if self.tls.as_ref().is_some_and(|t| t.version.is_some() || t.cipher.is_some()) {
            return true;
        }
        let with = self.with.as_deref().unwrap_or("").to_ascii_uppercase();
        if with.ends_with('S') && with.contains("SMTP")
            || with.ends_with("SA")
            || with == "HTTPS"
            || with == "LMTPS"
        {
            return true;
        }
        ["version=tls", "version=ssl", "using tls", "(tls)", " tls ", "tls1", "tlsv1", "cipher="]
            .iter()
            .any(|w| crate::words::contains_ignore_case(&self.raw, w))
    }
}

/// Timing over the whole path.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct Timing {
    /// Last dated hop minus first dated hop, in seconds; negative when the servers' clocks disagree (the
    /// renderings then say so instead of printing a negative time).
    pub total_seconds: Option<f64>,
    /// Number of hops with a readable date.
    pub dated_hops: usize,
    /// Date header to first dated hop, in seconds (submission delay).
    pub submission_seconds: Option<f64>,
}

/// One header field, in input order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default)]
pub struct HeaderField {
    /// The name as written (case preserved).
    pub name: String,
    /// The value as written, unfolded (line breaks and the indentation after them removed), not decoded.
    pub value: String,
    /// The value with RFC 2047 encoded words decoded, when it differs from `value`.
    pub decoded: Option<String>,
    /// The whole field, name to end of value, in the input.
    pub span: Span,
    /// The value only, in the input.
    pub value_span: Span,
}

/// How bad a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Low,
    Medium,
    High,
    Critical,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Low => "low",
            Severity::Medium => "medium",
            Severity::High => "high",
            Severity::Critical => "critical",
        }
    }

    /// The severity in the reader's language, lower case ("high", French "élevée"): the catalogue's
    /// `render.severity.*` words, for every rendering (text, Markdown, the site).
    pub fn word(self, lang: crate::catalog::Lang) -> &'static str {
        crate::catalog::word(self.word_id(), lang)
    }

    /// The catalogue id of [`Severity::word`].
    pub fn word_id(self) -> &'static str {
        match self {
            Severity::Info => "render.severity.info",
            Severity::Low => "render.severity.low",
            Severity::Medium => "render.severity.medium",
            Severity::High => "render.severity.high",
            Severity::Critical => "render.severity.critical",
        }
    }
}

/// How directly the evidence supports a finding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Confidence {
    /// The headers show it directly.
    #[default]
    Certain,
    /// An inference from indirect evidence; the text says "likely".
    Likely,
}

/// The stable id of a diagnosis. Serialised (and shown) as its kebab-case name, e.g. `return-path-non-routable`;
/// [`FindingId::ALL`] lists every id, and `docs/diagnostics.md` documents each one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum FindingId {
    ArcBroken,
    AuthResultsForged,
    AuthUpstreamOnly,
    BulkSenderRules,
    ClockSkew,
    CompauthFail,
    DateDrift,
    DateMissing,
    DeceptiveCharacters,
    DisplayNameSpoof,
    DkimFail,
    DkimLint,
    DkimTenantDefault,
    DkimWeakKey,
    DmarcDkimUnaligned,
    DmarcFail,
    DmarcSpfUnaligned,
    DuplicateFields,
    EopBulk,
    EopFilterBypassed,
    EopSpamVerdict,
    ExoHighRiskPool,
    ExoRelayPool,
    ForwardedWithoutSrs,
    FromInvalid,
    FromNonRoutable,
    HeloWeak,
    HopDelay,
    HopNoTls,
    HybridNotInternal,
    HybridPath,
    InputTruncated,
    InternalNamesExposed,
    MailContactEnvelopeRewrite,
    MailLoop,
    ReturnPathCaseOdd,
    ReturnPathMissing,
    ReturnPathMultiple,
    ReturnPathNonRoutable,
    ReturnPathNull,
    ReturnPathSrs,
    SpfNotPass,
    TraceNonconformant,
    TzMisconfig,
}

impl FindingId {
    /// Every id, in alphabetical order of the kebab-case name.
    pub const ALL: &'static [FindingId] = &[
        FindingId::ArcBroken,
        FindingId::AuthResultsForged,
        FindingId::AuthUpstreamOnly,
        FindingId::BulkSenderRules,
        FindingId::ClockSkew,
        FindingId::CompauthFail,
        FindingId::DateDrift,
        FindingId::DateMissing,
        FindingId::DeceptiveCharacters,
        FindingId::DisplayNameSpoof,
        FindingId::DkimFail,
        FindingId::DkimLint,
        FindingId::DkimTenantDefault,
        FindingId::DkimWeakKey,
        FindingId::DmarcDkimUnaligned,
        FindingId::DmarcFail,
        FindingId::DmarcSpfUnaligned,
        FindingId::DuplicateFields,
        FindingId::EopBulk,
        FindingId::EopFilterBypassed,
        FindingId::EopSpamVerdict,
        FindingId::ExoHighRiskPool,
        FindingId::ExoRelayPool,
        FindingId::ForwardedWithoutSrs,
        FindingId::FromInvalid,
        FindingId::FromNonRoutable,
        FindingId::HeloWeak,
        FindingId::HopDelay,
        FindingId::HopNoTls,
        FindingId::HybridNotInternal,
        FindingId::HybridPath,
        FindingId::InputTruncated,
        FindingId::InternalNamesExposed,
        FindingId::MailContactEnvelopeRewrite,
        FindingId::MailLoop,
        FindingId::ReturnPathCaseOdd,
        FindingId::ReturnPathMissing,
        FindingId::ReturnPathMultiple,
        FindingId::ReturnPathNonRoutable,
        FindingId::ReturnPathNull,
        FindingId::ReturnPathSrs,
        FindingId::SpfNotPass,
        FindingId::TraceNonconformant,
        FindingId::TzMisconfig,
    ];

    /// The kebab-case name, as serialised.
    pub fn as_str(self) -> &'static str {
        match self {
            FindingId::ArcBroken => "arc-broken",
            FindingId::AuthResultsForged => "auth-results-forged",
            FindingId::AuthUpstreamOnly => "auth-upstream-only",
            FindingId::BulkSenderRules => "bulk-sender-rules",
            FindingId::ClockSkew => "clock-skew",
            FindingId::CompauthFail => "compauth-fail",
            FindingId::DateDrift => "date-drift",
            FindingId::DateMissing => "date-missing",
            FindingId::DeceptiveCharacters => "deceptive-characters",
            FindingId::DisplayNameSpoof => "display-name-spoof",
            FindingId::DkimFail => "dkim-fail",
            FindingId::DkimLint => "dkim-lint",
            FindingId::DkimTenantDefault => "dkim-tenant-default",
            FindingId::DkimWeakKey => "dkim-weak-key",
            FindingId::DmarcDkimUnaligned => "dmarc-dkim-unaligned",
            FindingId::DmarcFail => "dmarc-fail",
            FindingId::DmarcSpfUnaligned => "dmarc-spf-unaligned",
            FindingId::DuplicateFields => "duplicate-fields",
            FindingId::EopBulk => "eop-bulk",
            FindingId::EopFilterBypassed => "eop-filter-bypassed",
            FindingId::EopSpamVerdict => "eop-spam-verdict",
            FindingId::ExoHighRiskPool => "exo-high-risk-pool",
            FindingId::ExoRelayPool => "exo-relay-pool",
            FindingId::ForwardedWithoutSrs => "forwarded-without-srs",
            FindingId::FromInvalid => "from-invalid",
            FindingId::FromNonRoutable => "from-non-routable",
            FindingId::HeloWeak => "helo-weak",
            FindingId::HopDelay => "hop-delay",
            FindingId::HopNoTls => "hop-no-tls",
            FindingId::HybridNotInternal => "hybrid-not-internal",
            FindingId::HybridPath => "hybrid-path",
            FindingId::InputTruncated => "input-truncated",
            FindingId::InternalNamesExposed => "internal-names-exposed",
            FindingId::MailContactEnvelopeRewrite => "mail-contact-envelope-rewrite",
            FindingId::MailLoop => "mail-loop",
            FindingId::ReturnPathCaseOdd => "return-path-case-odd",
            FindingId::ReturnPathMissing => "return-path-missing",
            FindingId::ReturnPathMultiple => "return-path-multiple",
            FindingId::ReturnPathNonRoutable => "return-path-non-routable",
            FindingId::ReturnPathNull => "return-path-null",
            FindingId::ReturnPathSrs => "return-path-srs",
            FindingId::SpfNotPass => "spf-not-pass",
            FindingId::TraceNonconformant => "trace-nonconformant",
            FindingId::TzMisconfig => "tz-misconfig",
        }
    }

    /// The id with this kebab-case name.
    pub fn parse(name: &str) -> Option<FindingId> {
        FindingId::ALL.iter().copied().find(|id| id.as_str() == name)
    }
}

impl std::fmt::Display for FindingId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl PartialEq<str> for FindingId {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for FindingId {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

/// Whose systems a finding's fix changes: the reader acts only on findings their side owns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Owner {
    /// The organisation that sent the message (its servers, DNS, applications or tenant).
    SendingOrg,
    /// The organisation that received the message (its gateways, tenant, filtering policies).
    ReceivingOrg,
    /// A system in between: a forwarder, a mailing list, a relay or gateway run by a third party.
    Intermediary,
    /// No one needs to change anything: information, or advice to the person reading the headers.
    Nobody,
}

impl Owner {
    /// The kebab-case name, as serialised.
    pub fn as_str(self) -> &'static str {
        match self {
            Owner::SendingOrg => "sending-org",
            Owner::ReceivingOrg => "receiving-org",
            Owner::Intermediary => "intermediary",
            Owner::Nobody => "nobody",
        }
    }
}

/// A diagnosis. Its words are [`Text`]: message ids and arguments rendered in the reader's language
/// (`title.render(lang)`); in JSON the rendered strings, with the ids and arguments under `messages`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// Stable kebab-case id, e.g. `return-path-non-routable`.
    pub id: FindingId,
    pub severity: Severity,
    pub confidence: Confidence,
    /// Whose systems the fix changes.
    pub owner: Owner,
    /// The finding that explains this one (its root cause), when there is one; `null` otherwise.
    pub caused_by: Option<FindingId>,
    /// One line.
    pub title: Text,
    /// Plain-language explanation, filled in from the message.
    pub detail: Text,
    /// The header text that supports the finding.
    pub evidence: Vec<Evidence>,
    pub fix: Option<Fix>,
}

/// A piece of header text that supports a finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Evidence {
    /// The header name as written.
    pub header: String,
    /// The exact text (usually the field value, or the relevant part of it).
    pub text: String,
    /// Where `text` sits in the input.
    pub span: Span,
    /// Sub-ranges of `span` (absolute input offsets) to highlight, e.g. the characters whose case differs.
    pub highlights: Vec<Span>,
}

/// What to do about a finding.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Fix {
    /// One line.
    pub summary: Text,
    /// Ordered steps in words.
    pub steps: Vec<Text>,
    /// Exact commands, filled in from the message, each complete and ready to paste (its placeholders, such
    /// as `<sender address>`, in the reader's language when rendered).
    pub commands: Vec<Text>,
    /// Commands or checks that confirm the fix worked.
    pub verify: Vec<Text>,
    /// Other ways to solve it, in words.
    pub alternatives: Vec<Text>,
    /// Documentation titles to read further (no links are fetched by the tool).
    pub references: Vec<String>,
}

// JSON: the fields as before (texts rendered in the serialising language, see `catalog::with_lang`), plus
// `messages`: the same texts as message ids and arguments.
impl Serialize for Finding {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("Finding", 10)?;
        st.serialize_field("id", &self.id)?;
        st.serialize_field("severity", &self.severity)?;
        st.serialize_field("confidence", &self.confidence)?;
        st.serialize_field("owner", &self.owner)?;
        st.serialize_field("caused_by", &self.caused_by)?;
        st.serialize_field("title", &self.title)?;
        st.serialize_field("detail", &self.detail)?;
        st.serialize_field("evidence", &self.evidence)?;
        st.serialize_field("fix", &self.fix)?;
        st.serialize_field("messages", &FindingMessages(self))?;
        st.end()
    }
}

struct FindingMessages<'a>(&'a Finding);

impl Serialize for FindingMessages<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let f = self.0;
        let mut st = s.serialize_struct("FindingMessages", 3)?;
        st.serialize_field("title", &Pieces(&f.title))?;
        st.serialize_field("detail", &Pieces(&f.detail))?;
        st.serialize_field("fix", &f.fix.as_ref().map(FixMessages))?;
        st.end()
    }
}

struct FixMessages<'a>(&'a Fix);

impl Serialize for FixMessages<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        fn list(v: &[Text]) -> Vec<Pieces<'_>> {
            v.iter().map(Pieces).collect()
        }
        let x = self.0;
        let mut st = s.serialize_struct("FixMessages", 4)?;
        st.serialize_field("summary", &Pieces(&x.summary))?;
        st.serialize_field("steps", &list(&x.steps))?;
        st.serialize_field("verify", &list(&x.verify))?;
        st.serialize_field("alternatives", &list(&x.alternatives))?;
        st.end()
    }
}

impl Serialize for Fix {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("Fix", 6)?;
        st.serialize_field("summary", &self.summary)?;
        st.serialize_field("steps", &self.steps)?;
        st.serialize_field("commands", &self.commands)?;
        st.serialize_field("verify", &self.verify)?;
        st.serialize_field("alternatives", &self.alternatives)?;
        st.serialize_field("references", &self.references)?;
        st.end()
    }
}
