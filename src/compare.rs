//! Before and after: what changed between two messages' reports.
//!
//! The seed story is a loop: test message, fix, test message again. [`compare`] lists what differs
//! between the two reports, each difference judged `better`, `worse` or just `changed` from the right
//! (newer) message's point of view: envelope sender, Return-Path, From, the route (hops added or gone,
//! Exchange Online's egress pool, TLS), the trusted receiver's authentication verdicts, Exchange Online
//! Protection's filter verdict, where the message landed (`delivery.placement`, who decided it) and every
//! other spam filter's verdict and score (`delivery.filters`), and findings that appeared or were resolved.

use serde::Serialize;

use crate::catalog::{Msg, Piece, Text, msg};
use crate::delivery::{DecidedBy, Filter, FilterVerdict, Placement, Position};
use crate::model::{Confidence, Severity};
use crate::report::Report;
use crate::words::number_text;

/// How a difference reads for the right (newer) message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Judgement {
    Better,
    Worse,
    Changed,
}

impl Judgement {
    pub fn as_str(self) -> &'static str {
        match self {
            Judgement::Better => "better",
            Judgement::Worse => "worse",
            Judgement::Changed => "changed",
        }
    }

    /// The judgement in words ("better", "mieux").
    pub fn word(self) -> Msg {
        match self {
            Judgement::Better => msg!("compare.better"),
            Judgement::Worse => msg!("compare.worse"),
            Judgement::Changed => msg!("compare.changed"),
        }
    }
}

/// One difference.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Difference {
    /// What differs, e.g. `Return-Path`, `DMARC`, `hop added`, `finding mail-contact-envelope-rewrite`
    /// (serialised as a string in the JSON's language, English by default, as the values are).
    pub what: Text,
    /// The left (older) message's value; `None` when it had none.
    pub left: Option<Text>,
    pub right: Option<Text>,
    pub verdict: Judgement,
}

/// Two reports and their differences: the JSON of `headerlens compare`.
#[derive(Debug, Clone, Serialize)]
pub struct Comparison<'a> {
    pub left: &'a Report,
    pub right: &'a Report,
    pub differences: Vec<Difference>,
}

/// Compares two reports; the left is the earlier message (before a change), the right the later one.
pub fn compare<'a>(left: &'a Report, right: &'a Report) -> Comparison<'a> {
    Comparison { left, right, differences: differences(left, right) }
}

/// Whether the report rests on Internet header fields: not when the input held none (a `.msg` kept
/// without them, text that is not headers). Then what differs is listed but never judged: a finding that
/// "went away" because there is nothing left to analyse is not better.
pub fn has_headers(r: &Report) -> bool {
    r.input.looks_like_headers && r.input.notice.is_none()
}

/// The differences alone, in a fixed order: addresses, route, authentication, filtering, findings.
pub fn differences(left: &Report, right: &Report) -> Vec<Difference> {
    let mut out = Vec::new();
    let mut text = |what: Text, l: Option<String>, r: Option<String>, verdict: Judgement| {
        if l != r {
            out.push(Difference { what, left: l.map(Text::raw), right: r.map(Text::raw), verdict });
        }
    };

    // Addresses, as written (a change of case is a change: Exchange's rewrite shows in the case).
    text(
        msg!("compare.envelope-sender").into(),
        left.authentication.envelope_sender(),
        right.authentication.envelope_sender(),
        Judgement::Changed,
    );
    let rp = |r: &Report| r.summary.return_path.first().map(|p| p.raw.trim().to_string());
    // A Return-Path whose domain can exist on the Internet is better than one that cannot (RFC 5321 §4.1.2).
    let routable = |r: &Report| r.envelope.return_path.as_ref().map(|a| a.domain_class.is_routable());
    let rp_verdict = match (routable(left), routable(right)) {
        (Some(false), Some(true)) => Judgement::Better,
        (Some(true), Some(false)) => Judgement::Worse,
        _ => Judgement::Changed,
    };
    text("Return-Path".into(), rp(left), rp(right), rp_verdict);
    let from = |r: &Report| {
        let v: Vec<String> = r.summary.from.iter().filter_map(|m| m.address.clone()).collect();
        (!v.is_empty()).then(|| v.join(", "))
    };
    text("From".into(), from(left), from(right), Judgement::Changed);

    // Route.
    route(left, right, &mut out);

    // Authentication: the trusted receiver's verdicts, per method.
    let mut methods: Vec<String> = Vec::new();
    for v in left.authentication.verdicts.iter().chain(&right.authentication.verdicts) {
        if !methods.contains(&v.method) {
            methods.push(v.method.clone());
        }
    }
    for m in methods {
        let get = |r: &Report| {
            r.authentication.verdicts.iter().find(|v| v.method == m).map(|v| v.result.to_ascii_lowercase())
        };
        let (l, r) = (get(left), get(right));
        if l != r {
            let verdict = judge_rank(l.as_deref().map(auth_rank), r.as_deref().map(auth_rank));
            out.push(Difference {
                what: m.to_ascii_uppercase().into(),
                left: l.map(Text::raw),
                right: r.map(Text::raw),
                verdict,
            });
        }
    }

    // Filtering: Exchange Online Protection's verdict (SFV, CAT, SCL). The folder its line ends with
    // ("…, delivered to the Inbox") is the placement row's, below.
    let eop = |r: &Report| r.microsoft.verdict.as_ref().map(without_folder);
    let (l, r) = (eop(left), eop(right));
    if l != r {
        let scl = |r: &Report| r.microsoft.report.as_ref().and_then(|x| x.scl);
        // A lower spam confidence level is better; -1 (bypassed) counts as 0 here.
        let verdict = match (scl(left), scl(right)) {
            (Some(a), Some(b)) if b.max(0) < a.max(0) => Judgement::Better,
            (Some(a), Some(b)) if b.max(0) > a.max(0) => Judgement::Worse,
            _ => Judgement::Changed,
        };
        out.push(Difference { what: msg!("compare.eop-verdict").into(), left: l, right: r, verdict });
    }

    // Where the message landed and every other filter's verdict.
    delivery(left, right, &mut out);

    // Findings.
    for f in &left.findings {
        if !right.findings.iter().any(|g| g.id == f.id) {
            let verdict = if f.severity > Severity::Info { Judgement::Better } else { Judgement::Changed };
            out.push(Difference {
                what: msg!("compare.finding-resolved", id = f.id.as_str()).into(),
                left: Some(finding_words(f)),
                right: None,
                verdict,
            });
        }
    }
    for f in &right.findings {
        if !left.findings.iter().any(|g| g.id == f.id) {
            let verdict = if f.severity > Severity::Info { Judgement::Worse } else { Judgement::Changed };
            out.push(Difference {
                what: msg!("compare.finding-appeared", id = f.id.as_str()).into(),
                left: None,
                right: Some(finding_words(f)),
                verdict,
            });
        }
    }
    if !has_headers(left) || !has_headers(right) {
        for d in &mut out {
            d.verdict = Judgement::Changed;
        }
    }
    out
}

/// Exchange Online Protection's one-line verdict without the folder it ends with ("…, delivered to the
/// Inbox"): the placement row says where the message landed.
fn without_folder(verdict: &Text) -> Text {
    let mut pieces = verdict.pieces().to_vec();
    if let Some(Piece::Msg(m)) = pieces.last()
        && m.id.starts_with("ms.verdict-line.to-")
    {
        pieces.pop();
        if matches!(pieces.last(), Some(Piece::Raw(sep)) if sep == ", ") {
            pieces.pop();
        }
    }
    Text(pieces)
}

/// A finding's title and severity: "Title (high)".
fn finding_words(f: &crate::model::Finding) -> Text {
    let severity: Text = crate::catalog::Msg::new(f.severity.word_id(), Vec::new()).into();
    Text::join([f.title.clone(), Text::raw(" ("), severity, Text::raw(")")], "")
}

/// Hops added or gone (by receiving host), the Exchange Online egress pool, TLS on the path.
fn route(left: &Report, right: &Report, out: &mut Vec<Difference>) {
    // A hop without a `by` host is "(unnamed host)", in the reader's language when shown.
    const UNNAMED: &str = "\u{0}unnamed";
    let shown = |h: &String| -> Text {
        if h == UNNAMED { msg!("compare.unnamed-host").into() } else { Text::raw(h.as_str()) }
    };
    let hosts = |r: &Report| -> Vec<String> {
        r.hops.iter().map(|h| h.by.as_deref().map_or(UNNAMED.to_string(), str::to_ascii_lowercase)).collect()
    };
    let (lh, rh) = (hosts(left), hosts(right));
    // Hosts are compared by name with the digits of numbered pools kept: a different EXO server is a
    // different hop name but the same role, so compare counts per name without digits.
    let role = |h: &str| h.chars().filter(|c| !c.is_ascii_digit()).collect::<String>();
    let mut rest: Vec<String> = rh.iter().map(|h| role(h)).collect();
    for h in &lh {
        if let Some(i) = rest.iter().position(|r| *r == role(h)) {
            rest.remove(i);
        } else {
            out.push(Difference {
                what: msg!("compare.hop-gone").into(),
                left: Some(shown(h)),
                right: None,
                verdict: Judgement::Changed,
            });
        }
    }
    let mut lrest: Vec<String> = lh.iter().map(|h| role(h)).collect();
    for h in &rh {
        if let Some(i) = lrest.iter().position(|r| *r == role(h)) {
            lrest.remove(i);
        } else {
            out.push(Difference {
                what: msg!("compare.hop-added").into(),
                left: None,
                right: Some(shown(h)),
                verdict: Judgement::Changed,
            });
        }
    }

    // Exchange Online's egress: the relay pool (40.95.0.0/16, `…rl…` hosts) is for mail it could not
    // send from the normal pools; a move out of it is better.
    let pool = |r: &Report| -> Option<bool> {
        r.hops.iter().find_map(|h| {
            let host = h.from.as_deref().or(h.from_rdns.as_deref()).unwrap_or("");
            let relay =
                crate::net::is_relay_pool_host(host) || h.from_ip.is_some_and(crate::net::in_relay_pool);
            let exo = crate::net::is_exchange_online_outbound(host);
            (relay || exo).then_some(relay)
        })
    };
    let (lp, rp) = (pool(left), pool(right));
    if lp != rp {
        let verdict = match (lp, rp) {
            (Some(true), Some(_)) => Judgement::Better,
            (Some(_), Some(true)) => Judgement::Worse,
            _ => Judgement::Changed,
        };
        let words = |relay: bool| -> Text {
            if relay { msg!("compare.relay-pool").into() } else { msg!("compare.normal-pool").into() }
        };
        out.push(Difference {
            what: msg!("compare.egress-pool").into(),
            left: lp.map(words),
            right: rp.map(words),
            verdict,
        });
    }

    // TLS: hops that recorded TLS, of hops.
    let tls = |r: &Report| -> Option<Text> {
        if r.hops.is_empty() {
            return None;
        }
        let n = r.hops.iter().filter(|h| h.tls.is_some()).count();
        Some(msg!("compare.tls", n, total = r.hops.len()).into())
    };
    let no_tls = |r: &Report| r.findings.iter().filter(|f| f.id == "hop-no-tls").count();
    let (lt, rt) = (tls(left), tls(right));
    if lt != rt {
        // Judged only when both messages have hops: no hops at all is not "fewer hops without TLS".
        let verdict = match no_tls(right).cmp(&no_tls(left)) {
            _ if lt.is_none() || rt.is_none() => Judgement::Changed,
            std::cmp::Ordering::Less => Judgement::Better,
            std::cmp::Ordering::Greater => Judgement::Worse,
            std::cmp::Ordering::Equal => Judgement::Changed,
        };
        out.push(Difference { what: "TLS".into(), left: lt, right: rt, verdict });
    }
}

/// The placement (`inbox`, `junk`, …, with "likely" when the headers only suggest it), who decided it, and
/// each spam filter's verdict with its score.
fn delivery(left: &Report, right: &Report, out: &mut Vec<Difference>) {
    let placement = |r: &Report| -> Option<Text> {
        let d = &r.delivery;
        let word: Text = d.placement.token().into();
        (d.placement != Placement::Unknown).then(|| match d.confidence {
            Confidence::Certain => word,
            Confidence::Likely => msg!("compare.placement-likely", placement = word).into(),
        })
    };
    let (l, r) = (placement(left), placement(right));
    if l != r {
        let verdict =
            match (placement_rank(left.delivery.placement), placement_rank(right.delivery.placement)) {
                (Some(a), Some(b)) if b > a => Judgement::Better,
                (Some(a), Some(b)) if b < a => Judgement::Worse,
                _ => Judgement::Changed,
            };
        out.push(Difference { what: msg!("compare.placement").into(), left: l, right: r, verdict });
    }
    let decided = |r: &Report| r.delivery.decided_by.map(|d| -> Text { decided_by_words(d).into() });
    let (l, r) = (decided(left), decided(right));
    if l != r {
        out.push(Difference {
            what: msg!("compare.decided-by").into(),
            left: l,
            right: r,
            verdict: Judgement::Changed,
        });
    }

    // Filters by name, the receiving organisation's own apart from upstream ones (a sender's outbound scan).
    let key = |f: &Filter| {
        if f.position == Position::Upstream { format!("{}, upstream", f.filter) } else { f.filter.clone() }
    };
    let mut names: Vec<String> = Vec::new();
    for f in left.delivery.filters.iter().chain(&right.delivery.filters) {
        let k = key(f);
        if !names.contains(&k) {
            names.push(k);
        }
    }
    for name in names {
        // The topmost header of that filter: the last pass the message went through.
        let get = |r: &Report| r.delivery.filters.iter().find(|f| key(f) == name).cloned();
        let (lf, rf) = (get(left), get(right));
        let (l, r) = (lf.as_ref().map(filter_words), rf.as_ref().map(filter_words));
        if l == r {
            continue;
        }
        let verdict = match (&lf, &rf) {
            (Some(a), Some(b)) => judge_filter(a, b),
            _ => Judgement::Changed,
        };
        let shown: Text = match name.strip_suffix(", upstream") {
            Some(filter) => msg!("compare.filter-upstream", filter).into(),
            None => Text::raw(name.as_str()),
        };
        out.push(Difference {
            what: msg!("compare.filter-verdict", name = shown).into(),
            left: l,
            right: r,
            verdict,
        });
    }
}

/// Inbox is where a legitimate test message belongs; Junk is better than held or refused. A folder an inbox
/// rule chose and an unknown placement are not ranked.
fn placement_rank(p: Placement) -> Option<u8> {
    match p {
        Placement::Inbox => Some(2),
        Placement::Junk => Some(1),
        Placement::Quarantine | Placement::Deleted | Placement::Rejected => Some(0),
        Placement::Folder | Placement::Unknown => None,
    }
}

fn decided_by_words(d: DecidedBy) -> Msg {
    match d {
        DecidedBy::SpamFilter => msg!("compare.by-spam-filter"),
        DecidedBy::MailboxJunkSettings => msg!("compare.by-junk-settings"),
        DecidedBy::SafeSenders => msg!("compare.by-safe-senders"),
        DecidedBy::InboxRule => msg!("compare.by-inbox-rule"),
        DecidedBy::AllowList => msg!("compare.by-allow-list"),
        DecidedBy::BlockList => msg!("compare.by-block-list"),
        DecidedBy::TransportRule => msg!("compare.by-transport-rule"),
        DecidedBy::QuarantineRelease => msg!("compare.by-release"),
        DecidedBy::ThreatPolicy => msg!("compare.by-threat-policy"),
    }
}

/// Cisco's SenderBase reputation is the one score in `delivery.filters` where higher is better
/// (-10 worst to +10 best); every other filter's score grows with spamminess.
fn is_reputation(f: &Filter) -> bool {
    f.filter.contains("IronPort")
}

/// `spam, score 7.1 (threshold 5)`, `not spam, score 0.3`, `score 2` (no verdict written).
fn filter_words(f: &Filter) -> Text {
    let verdict = match f.verdict {
        FilterVerdict::Spam => Some(msg!("compare.filter-spam")),
        FilterVerdict::NotSpam => Some(msg!("compare.filter-not-spam")),
        FilterVerdict::Unknown => None,
    };
    let reputation = is_reputation(f);
    let score = match (f.score, f.threshold) {
        (Some(s), Some(t)) if reputation => {
            Some(msg!("compare.filter-reputation-threshold", s = number_text(s), t = number_text(t)))
        }
        (Some(s), Some(t)) => {
            Some(msg!("compare.filter-score-threshold", s = number_text(s), t = number_text(t)))
        }
        (Some(s), None) if reputation => Some(msg!("compare.filter-reputation", s = number_text(s))),
        (Some(s), None) => Some(msg!("compare.filter-score", s = number_text(s))),
        _ => None,
    };
    match (verdict, score) {
        (Some(v), Some(s)) => Text::join([v, s], ", "),
        (Some(v), None) => v.into(),
        (None, Some(s)) => s.into(),
        (None, None) => msg!("compare.filter-none").into(),
    }
}

/// Not spam is better than spam; with the same verdict, a lower score (a higher reputation) is better.
fn judge_filter(l: &Filter, r: &Filter) -> Judgement {
    let rank = |f: &Filter| match f.verdict {
        FilterVerdict::Spam => Some(0),
        FilterVerdict::NotSpam => Some(1),
        FilterVerdict::Unknown => None,
    };
    match (rank(l), rank(r)) {
        (Some(a), Some(b)) if a != b => return if b > a { Judgement::Better } else { Judgement::Worse },
        _ => {}
    }
    match (l.score, r.score) {
        (Some(a), Some(b)) if a != b => {
            if (b < a) != is_reputation(l) {
                Judgement::Better
            } else {
                Judgement::Worse
            }
        }
        _ => Judgement::Changed,
    }
}

/// Authentication results from worst to best (RFC 8601 §2.7): fail-like 0, none/neutral 1, pass 2.
fn auth_rank(result: &str) -> u8 {
    match result {
        "pass" | "bestguesspass" => 2,
        "none" | "neutral" | "policy" | "softfail" | "temperror" => 1,
        _ => 0,
    }
}

fn judge_rank(l: Option<u8>, r: Option<u8>) -> Judgement {
    match (l, r) {
        (Some(a), Some(b)) if b > a => Judgement::Better,
        (Some(a), Some(b)) if b < a => Judgement::Worse,
        (None, Some(2)) => Judgement::Better,
        (Some(2), None) => Judgement::Worse,
        _ => Judgement::Changed,
    }
}

#[cfg(test)]
mod tests;
