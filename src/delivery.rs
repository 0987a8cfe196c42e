//! Why the message landed where it did: the receiving system's placement (Inbox, Junk, quarantine, …), the
//! reasons with their evidence, and the verdict of every spam filter whose headers survive.
//!
//! Microsoft 365 writes the folder it chose into `X-Microsoft-Antispam-Mailbox-Delivery` and the filter's
//! verdict into X-Forefront-Antispam-Report / X-Microsoft-Antispam; [`microsoft`] combines them, so the answer
//! says not only "Junk" but who put it there (the spam filter, the mailbox's own junk settings, an inbox rule,
//! a Safe Senders entry, an allow list or a mail flow rule). Other filters (SpamAssassin and amavis, Rspamd,
//! Cisco Secure Email / IronPort, Mimecast, Proofpoint, Barracuda, Trend Micro, Google) are read into
//! [`Delivery::filters`], one reader per family. A filter's verdict counts only when its header sits inside the
//! receiving organisation's part of the route ([`position`]); headers written before the message reached the
//! receiver are shown as upstream.
//!
//! Microsoft does not document X-Microsoft-Antispam-Mailbox-Delivery; every reading of it is marked observed
//! and the sentence says "likely" where it rests on such a reading alone.

mod barracuda;
mod google;
mod ironport;
mod microsoft;
mod mimecast;
mod proofpoint;
mod rspamd;
mod rules;
mod spamassassin;
mod trendmicro;

use serde::Serialize;

use crate::auth::Authentication;
use crate::catalog::{Msg, Text, msg};
use crate::input::Source;
use crate::microsoft::{Microsoft, MsField, Provenance};
use crate::model::{Confidence, Evidence, HeaderField, Hop, Span};

/// What the delivery readers see: the fields, the hops and the authentication and Microsoft sections.
pub(crate) struct Ctx<'a> {
    pub source: &'a Source<'a>,
    pub headers: &'a [HeaderField],
    pub hops: &'a [Hop],
    pub authentication: &'a Authentication,
    pub microsoft: &'a Microsoft,
    /// The route's boundary hop, when the route has been read (see `lib.rs`): where the receiving organisation
    /// took the message, its gateways included.
    pub boundary_hop: Option<usize>,
    /// Every field's name in lower case, one after another (`names[bounds[i].0..bounds[i].1]` is field `i`'s).
    names: String,
    bounds: Vec<(usize, usize)>,
}

impl<'a> Ctx<'a> {
    /// The topmost field with this name (case-insensitive).
    fn field(&self, name: &str) -> Option<&'a HeaderField> {
        crate::headers::first(self.headers, name)
    }

    /// Field `i`'s name in lower case.
    fn name(&self, i: usize) -> &str {
        self.bounds.get(i).and_then(|&(s, e)| self.names.get(s..e)).unwrap_or("")
    }

    fn evidence(&self, field: &HeaderField) -> Evidence {
        self.source.evidence(field)
    }

    fn evidence_at(&self, field: &HeaderField, span: Span) -> Evidence {
        self.source.evidence_at(field, span)
    }

    fn ms_evidence(&self, entry: &MsField) -> Evidence {
        entry.evidence(self.source, self.headers)
    }
}

/// Where the message ended up.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Placement {
    Inbox,
    /// The Junk Email folder (or a spam folder).
    Junk,
    /// Held in quarantine (or released from it).
    Quarantine,
    Deleted,
    Rejected,
    /// A folder chosen by an inbox rule.
    Folder,
    #[default]
    Unknown,
}

impl Placement {
    pub fn as_str(self) -> &'static str {
        match self {
            Placement::Inbox => "inbox",
            Placement::Junk => "junk",
            Placement::Quarantine => "quarantine",
            Placement::Deleted => "deleted",
            Placement::Rejected => "rejected",
            Placement::Folder => "folder",
            Placement::Unknown => "unknown",
        }
    }

    /// The placement as the report's token in English ("junk") and the folder's name in other languages
    /// ("Courrier indésirable"): for the renderings' headings and `compare`'s rows.
    pub fn token(self) -> Msg {
        match self {
            Placement::Inbox => msg!("placement.token-inbox"),
            Placement::Junk => msg!("placement.token-junk"),
            Placement::Quarantine => msg!("placement.token-quarantine"),
            Placement::Deleted => msg!("placement.token-deleted"),
            Placement::Rejected => msg!("placement.token-rejected"),
            Placement::Folder => msg!("placement.token-folder"),
            Placement::Unknown => msg!("placement.token-unknown"),
        }
    }

    /// The placement in words (the folder's name as Outlook shows it: "Junk", "Courrier indésirable").
    pub fn word(self) -> Msg {
        match self {
            Placement::Inbox => msg!("placement.inbox"),
            Placement::Junk => msg!("placement.junk"),
            Placement::Quarantine => msg!("placement.quarantine"),
            Placement::Deleted => msg!("placement.deleted"),
            Placement::Rejected => msg!("placement.rejected"),
            Placement::Folder => msg!("placement.folder"),
            Placement::Unknown => msg!("placement.unknown"),
        }
    }
}

/// Who decided the placement, so the reader knows whose settings to change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum DecidedBy {
    /// The receiving system's spam filter (its verdict and the policy's action).
    SpamFilter,
    /// The mailbox's own junk e-mail settings (Blocked Senders, "trusted lists only", …).
    MailboxJunkSettings,
    /// The mailbox's Safe Senders list (or contacts) overrode the filter.
    SafeSenders,
    /// An inbox rule of the mailbox.
    InboxRule,
    /// An organisation-wide allow list (IP Allow List, allowed senders, connectors).
    AllowList,
    /// An organisation-wide block list (blocked senders or domains in the anti-spam policy).
    BlockList,
    /// A mail flow (transport) rule set the verdict before filtering.
    TransportRule,
    /// An admin or user released it from quarantine.
    QuarantineRelease,
    /// A policy for a threat category (phishing, malware).
    ThreatPolicy,
}

/// One reason for the placement, with the header text it rests on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Reason {
    /// In words (serialised as a string in the JSON's language, English by default).
    pub text: Text,
    /// Whether the reading is documented by the vendor, observed or unofficial.
    pub source: Provenance,
    pub evidence: Vec<Evidence>,
}

/// A spam filter's verdict in one word.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum FilterVerdict {
    Spam,
    NotSpam,
    #[default]
    Unknown,
}

/// Where a filter's header sits relative to the receiving organisation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Position {
    /// Inside the receiving organisation's part of the route: its verdict counts.
    Receiver,
    /// Written before the message reached the receiving organisation: shown, never counted.
    Upstream,
    /// No Received field tells; counted, worded as unverified.
    #[default]
    Unknown,
}

/// One rule (test, symbol) a filter reported.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FilterRule {
    /// The rule name as written, e.g. `BAYES_00`.
    pub name: String,
    /// Its score contribution, when written.
    pub score: Option<f64>,
    /// What the rule checks, in words: from the header itself (SpamAssassin and Barracuda reports describe
    /// their rules) or from the rule's public description; "unknown rule" otherwise.
    pub meaning: Text,
}

/// One spam filter's verdict.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Filter {
    /// `SpamAssassin`, `amavis (SpamAssassin)`, `Rspamd`, `Cisco Secure Email (IronPort)`, `Mimecast`,
    /// `Proofpoint`, `Barracuda`, `Trend Micro`, `Google`.
    pub filter: String,
    pub verdict: FilterVerdict,
    pub score: Option<f64>,
    /// The score at or above which the filter calls a message spam, when written.
    pub threshold: Option<f64>,
    /// Rules with their scores, highest contribution first.
    pub rules: Vec<FilterRule>,
    /// What else the headers say (an action, a category, a policy), in words.
    pub notes: Vec<Text>,
    pub position: Position,
    /// The header text read.
    pub evidence: Vec<Evidence>,
    /// `Header: key` of parts no reader explains.
    pub unexplained: Vec<String>,
    /// Index of the topmost header field read (for the position), not serialised.
    #[serde(skip)]
    pub field_index: usize,
    /// The MTA queue id the filter wrote (`X-Rspamd-Queue-Id`), not serialised: a hop of the receiving
    /// organisation with that id places the filter there wherever its header sits.
    #[serde(skip)]
    pub queue_id: Option<String>,
}

impl Filter {
    fn new(filter: &str, field_index: usize) -> Filter {
        Filter {
            filter: filter.to_string(),
            verdict: FilterVerdict::Unknown,
            score: None,
            threshold: None,
            rules: Vec::new(),
            notes: Vec::new(),
            position: Position::Unknown,
            evidence: Vec::new(),
            unexplained: Vec::new(),
            field_index,
            queue_id: None,
        }
    }
}

/// The delivery section of the report.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct Delivery {
    pub placement: Placement,
    /// The one-sentence answer ("In Junk because Microsoft 365's spam filter marked it as spam (SCL 5)."),
    /// when one can be given (serialised as a string in the JSON's language, English by default).
    pub sentence: Option<Text>,
    pub decided_by: Option<DecidedBy>,
    /// `certain` when the receiving system wrote the placement and its cause; `likely` otherwise.
    pub confidence: Confidence,
    pub reasons: Vec<Reason>,
    /// Every spam filter's verdict, topmost header first.
    pub filters: Vec<Filter>,
    /// `Header: key` of delivery-header entries no table explains (Mailbox-Delivery keys), once each.
    pub unexplained: Vec<String>,
}

/// Builds the delivery section.
pub(crate) fn build(
    source: &Source,
    headers: &[HeaderField],
    hops: &[Hop],
    authentication: &Authentication,
    microsoft: &Microsoft,
    boundary_hop: Option<usize>,
) -> Delivery {
    let mut names = String::with_capacity(headers.iter().map(|f| f.name.len()).sum());
    let mut bounds = Vec::with_capacity(headers.len());
    for f in headers {
        let start = names.len();
        names.extend(f.name.chars().map(|c| c.to_ascii_lowercase()));
        bounds.push((start, names.len()));
    }
    let ctx = &Ctx { source, headers, hops, authentication, microsoft, boundary_hop, names, bounds };
    let mut out = microsoft::decide(ctx).unwrap_or_default();
    let boundary = Boundary::of(ctx);
    let mut filters = Vec::new();
    spamassassin::read(ctx, &mut filters);
    rspamd::read(ctx, &mut filters);
    ironport::read(ctx, &mut filters);
    mimecast::read(ctx, &mut filters);
    proofpoint::read(ctx, &mut filters);
    barracuda::read(ctx, &mut filters);
    trendmicro::read(ctx, &mut filters);
    google::read(ctx, &mut filters);
    for f in &mut filters {
        f.position = boundary.position(ctx, f.field_index);
        // Some receivers (Proton) write their filter's headers below the message's own Received fields; the
        // filter's queue id matching a hop at or after the boundary places it inside the receiver all the same.
        // The route's boundary, or on the first reading the hop where authentication saw the message enter.
        let entry =
            ctx.boundary_hop.or_else(|| ctx.authentication.receiver.as_ref().and_then(|r| r.entry_hop));
        let receiver_queue = f.queue_id.as_deref().is_some_and(|q| {
            entry.is_some_and(|b| {
                ctx.hops.iter().any(|h| h.index >= b && h.id.as_deref().is_some_and(|id| id == q))
            })
        });
        if receiver_queue {
            f.position = Position::Receiver;
        }
        crate::sort::sort_by(&mut f.rules, |a, b| {
            let key = |r: &FilterRule| r.score.map_or(0.0, f64::abs);
            key(b).partial_cmp(&key(a)).unwrap_or(std::cmp::Ordering::Equal)
        });
    }
    crate::sort::sort_by_key(&mut filters, |f| f.field_index);
    out.filters = filters;
    if out.sentence.is_none() {
        filter_sentence(&mut out);
    }
    out
}

/// When no receiving system wrote a placement: the verdict of the receiving organisation's own filters.
fn filter_sentence(out: &mut Delivery) {
    let counted: Vec<&Filter> = out
        .filters
        .iter()
        .filter(|f| f.position != Position::Upstream && f.verdict != FilterVerdict::Unknown)
        .collect();
    let Some(first) = counted.first() else { return };
    let score: Text = match (first.score, first.threshold) {
        (Some(s), Some(t)) => msg!(
            "delivery.filter-score-threshold",
            score = crate::words::number_text(s),
            threshold = crate::words::number_text(t)
        )
        .into(),
        (Some(s), None) => msg!("delivery.filter-score", score = crate::words::number_text(s)).into(),
        _ => Text::default(),
    };
    let unverified: Text = if first.position == Position::Unknown {
        msg!("delivery.filter-unverified").into()
    } else {
        Text::default()
    };
    let filter = first.filter.as_str();
    let sentence = match first.verdict {
        FilterVerdict::Spam => msg!("delivery.filter-spam", filter, score, unverified),
        _ => msg!("delivery.filter-not-spam", filter, score, unverified),
    };
    out.sentence = Some(sentence.into());
    out.confidence = Confidence::Likely;
}

/// The receiving organisation's part of the route, as a position in the header block: headers above
/// `limit` (an input offset) were written inside it.
struct Boundary {
    limit: Option<usize>,
    known: bool,
}

impl Boundary {
    /// The route's boundary hop (where the receiving organisation took the message, its gateways included),
    /// else the hop the authentication reader saw entering the receiver, else the run of hops at the top that
    /// share the topmost `by` host's domain.
    fn of(ctx: &Ctx<'_>) -> Boundary {
        let entry = ctx
            .boundary_hop
            .or_else(|| ctx.authentication.receiver.as_ref().and_then(|r| r.entry_hop))
            .or_else(|| entry_by_owner(ctx));
        match entry {
            // The Received field of the hop below the entry hop: a filter of the receiver writes its header
            // above it (some MTAs insert it just below their own Received field).
            Some(e) if e >= 2 => Boundary { limit: ctx.hops.get(e - 2).map(|h| h.span.start()), known: true },
            Some(_) => Boundary { limit: None, known: true },
            None => Boundary { limit: None, known: false },
        }
    }

    fn position(&self, ctx: &Ctx<'_>, field_index: usize) -> Position {
        if !self.known {
            return Position::Unknown;
        }
        let Some(limit) = self.limit else { return Position::Receiver };
        match ctx.headers.get(field_index) {
            Some(f) if f.span.start() < limit => Position::Receiver,
            Some(_) => Position::Upstream,
            None => Position::Unknown,
        }
    }
}

/// Without authentication results: the lowest hop of the run at the top whose `by` hosts share the topmost
/// `by` host's organizational domain (names that are missing, IP literals or single labels count as inside).
fn entry_by_owner(ctx: &Ctx<'_>) -> Option<usize> {
    let top = ctx.hops.iter().rev().find_map(|h| h.by.as_deref().and_then(crate::auth::receiver::site))?;
    let mut entry = None;
    for hop in ctx.hops.iter().rev() {
        match hop.by.as_deref().and_then(crate::auth::receiver::site) {
            Some(site) if site != top => break,
            _ => entry = Some(hop.index),
        }
    }
    entry
}

/// The filter of family `name` that a header at `field_index` belongs to: the one read from a field at most
/// a few fields away (a filter writes its headers together), else a new one.
fn group<'f>(filters: &'f mut Vec<Filter>, name: &str, field_index: usize) -> &'f mut Filter {
    const NEAR: usize = 12;
    match filters.iter().position(|f| f.filter == name && f.field_index.abs_diff(field_index) <= NEAR) {
        Some(i) => {
            let f = &mut filters[i];
            f.field_index = f.field_index.min(field_index);
            f
        }
        None => {
            filters.push(Filter::new(name, field_index));
            let last = filters.len() - 1;
            &mut filters[last]
        }
    }
}

/// The field value as written in the input (folds kept), for readers that need its lines.
fn written<'a>(ctx: &Ctx<'a>, field: &HeaderField) -> &'a str {
    ctx.source.text(field.value_span)
}

/// `Yes`/`No`/`True`/`False` (the first word of a status field) as a verdict.
fn yes_no(word: &str) -> FilterVerdict {
    match word.trim().trim_end_matches([',', ';']).to_ascii_lowercase().as_str() {
        "yes" | "true" | "spam" | "1" => FilterVerdict::Spam,
        "no" | "false" | "ham" | "0" => FilterVerdict::NotSpam,
        _ => FilterVerdict::Unknown,
    }
}

/// `key=value` pairs separated by white space (`score=-1.9 required=5 tests=…`); the value runs to the next
/// white space, or through a `[...]` list.
fn pairs(text: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut rest = text.trim_start();
    while !rest.is_empty() {
        let end = match rest.find('=') {
            Some(eq) if rest[eq + 1..].starts_with('[') => {
                rest[eq..].find(']').map_or(rest.len(), |e| eq + e + 1)
            }
            _ => rest.find(char::is_whitespace).unwrap_or(rest.len()),
        };
        let piece = &rest[..end];
        if let Some((k, v)) = piece.split_once('=') {
            out.push((k.trim().to_ascii_lowercase(), v.trim().trim_end_matches([',', ';']).to_string()));
        }
        // Any white space (a vertical tab, a no-break space pasted from a web page) ends a pair, so
        // every turn moves on.
        rest = rest[end..].trim_start_matches(|c: char| c.is_whitespace() || c == ',' || c == ';');
    }
    out
}

/// A number as filters write it (`5.0`, `-1.906`, `+2`).
fn number(text: &str) -> Option<f64> {
    crate::words::parse_number(text.trim().trim_start_matches('+')).filter(|n| n.is_finite())
}

#[cfg(test)]
mod tests;
