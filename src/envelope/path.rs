//! Which way did the message travel? Recognises app → on-prem Exchange → Exchange Online → Internet
//! from the Received chain (RFC 5321 §4.4: each server prepends its field) and the Exchange headers.
//!
//! Each hop is given a role from its `by` and `from` hosts and its protocol: a hop received by a
//! non-Microsoft host `with Microsoft SMTP Server` is on-prem Exchange; a hop received by
//! `*.mail.protection.outlook.com` from outside Microsoft is the entry into Exchange Online; a hop sent
//! from `*.outbound.protection.outlook.com` to a non-Microsoft host is Exchange Online's egress. Header
//! signals (`X-MS-Exchange-CrossTenant-FromEntityHeader: HybridOnPrem`, `AuthAs: Internal` with
//! `AuthMechanism: 10`) stand in when the on-prem hops are not visible.

use std::net::IpAddr;

use serde::Serialize;

use crate::catalog::{Text, msg};
use crate::headers;
use crate::model::{HeaderField, Hop};

/// What a hop is in the Exchange picture (the role of its receiving side).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum HopRole {
    /// Received by on-prem Exchange (`with Microsoft SMTP Server` on a host outside Microsoft 365).
    OnPremExchange,
    /// Entry into Exchange Online: received by `*.mail.protection.outlook.com` from outside Microsoft 365.
    ExchangeOnlineIngress,
    /// Between Exchange Online servers.
    ExchangeOnline,
    /// Sent by Exchange Online's outbound servers to a host outside Microsoft 365.
    ExchangeOnlineEgress,
    /// Anything else.
    Other,
}

/// One hop with its role.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PathStep {
    /// The hop's index (1 = oldest).
    pub hop: usize,
    pub role: HopRole,
    /// The sending host (HELO or reverse DNS), when known.
    pub from: Option<String>,
    /// The receiving host, when known.
    pub by: Option<String>,
    /// The sending IP, when known.
    pub from_ip: Option<IpAddr>,
}

/// A header that shows the path without a Received line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PathSignal {
    pub header: String,
    pub value: String,
    /// What it means, in words.
    pub meaning: Text,
}

/// The recognised path.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default)]
pub struct MailPath {
    /// True when the message went from on-prem Exchange into Exchange Online (hops or headers show it).
    pub hybrid: bool,
    /// True when a Received line written by on-prem Exchange is visible.
    pub onprem_visible: bool,
    /// True when the message was received by on-prem Exchange through an Externally Secured connector
    /// (`AuthAs: Internal` + `AuthMechanism: 10`), which resolves the sender against the directory.
    pub externally_secured: bool,
    /// The host that handed the message to on-prem Exchange (usually the application server).
    pub app_host: Option<String>,
    /// The first on-prem Exchange hop.
    pub onprem: Option<PathStep>,
    /// The hop into Exchange Online.
    pub exo_ingress: Option<PathStep>,
    /// The hop out of Exchange Online to the recipient.
    pub exo_egress: Option<PathStep>,
    /// Every hop with its role, oldest first.
    pub steps: Vec<PathStep>,
    /// Header signals that support the recognition.
    pub signals: Vec<PathSignal>,
}

pub(crate) use crate::net::{in_relay_pool, is_exchange_online_host, is_relay_pool_host};

/// True when a Received line was written by Exchange (`with Microsoft SMTP Server`, or IIS SMTPSVC).
pub(crate) fn is_exchange_hop(hop: &Hop) -> bool {
    let with = hop.with.as_deref().unwrap_or("").as_bytes();
    with.get(..14).is_some_and(|w| w.eq_ignore_ascii_case(b"microsoft smtp"))
        // Both word sequences hold "microsoft": most hops are ruled out by that alone.
        || crate::words::contains_ignore_case(&hop.raw, "microsoft")
            && (raw_contains_words(&hop.raw, &["with", "microsoft", "smtp", "server"])
                || raw_contains_words(&hop.raw, &["microsoft", "smtpsvc"]))
}

/// `normalized_raw(raw).contains(words.join(" "))` for two or more lower-case words, without building the
/// normalised text (this runs for every hop in several checks): consecutive words of `raw` where the first
/// ends with `words[0]`, the middle ones equal theirs and the last starts with the last, ignoring ASCII case.
fn raw_contains_words(raw: &str, words: &[&str]) -> bool {
    let [first, middle @ .., last] = words else { return false };
    let mut window: Vec<&str> = Vec::new();
    for word in raw.split_whitespace() {
        window.push(word);
        if window.len() > words.len() {
            window.remove(0);
        }
        if window.len() == words.len() {
            let (w0, wl) = (window[0].as_bytes(), window[words.len() - 1].as_bytes());
            if w0.len() >= first.len()
                && w0[w0.len() - first.len()..].eq_ignore_ascii_case(first.as_bytes())
                && window[1..words.len() - 1].iter().zip(middle).all(|(w, m)| w.eq_ignore_ascii_case(m))
                && wl.get(..last.len()).is_some_and(|l| l.eq_ignore_ascii_case(last.as_bytes()))
            {
                return true;
            }
        }
    }
    false
}

/// The host names a hop's from clause mentions (HELO, reverse DNS, and names inside the raw clause),
/// lower-cased.
fn from_hosts(hop: &Hop) -> Vec<String> {
    let by = hop.by.as_deref().unwrap_or("").to_ascii_lowercase();
    let mut hosts: Vec<String> =
        hop.from.iter().chain(hop.from_rdns.iter()).map(|h| h.to_ascii_lowercase()).collect();
    let raw = normalized_raw(hop);
    let clause = from_clause(&raw);
    for token in clause.split(|c: char| !(c.is_ascii_alphanumeric() || c == '.' || c == '-')) {
        let token = token.trim_matches('.');
        if token.contains('.')
            && token.chars().any(|c| c.is_ascii_alphabetic())
            && token != by
            && !hosts.iter().any(|h| h == token)
        {
            hosts.push(token.to_string());
        }
    }
    hosts
}

/// The raw Received field, lower-cased, with every run of white space (folds included) as one space.
fn normalized_raw(hop: &Hop) -> String {
    let mut out = String::with_capacity(hop.raw.len());
    for word in hop.raw.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out.make_ascii_lowercase();
    out
}

/// The text between `from` and ` by ` in a normalised raw Received field.
fn from_clause(raw_lower: &str) -> &str {
    let start = raw_lower.find("from ").map(|i| i + 5).unwrap_or(0);
    let rest = raw_lower.get(start..).unwrap_or("");
    let end = rest.find(" by ").unwrap_or(rest.len());
    rest.get(..end).unwrap_or("")
}

/// The sending IP: the parsed one, else the first bracketed or parenthesised IP in the from clause.
pub(crate) fn sending_ip(hop: &Hop) -> Option<IpAddr> {
    if hop.from_ip.is_some() {
        return hop.from_ip;
    }
    let raw = normalized_raw(hop);
    from_clause(&raw)
        .split(['[', ']', '(', ')', ' '])
        .filter_map(|t| t.strip_prefix("ipv6:").unwrap_or(t).parse::<IpAddr>().ok())
        .next()
}

/// `from_hosts(hop)` holds an Exchange Online host. The host names inside the raw clause are listed only when
/// the field mentions one of Exchange Online's domains at all (most hops do not).
fn from_exchange_online(hop: &Hop) -> bool {
    hop.from.iter().chain(hop.from_rdns.iter()).any(|h| is_exchange_online_host(h))
        || ["outlook.com", "office365.com", "exchangelabs.com", "outlook.office.com"]
            .iter()
            .any(|d| crate::words::contains_ignore_case(&hop.raw, d))
            && from_hosts(hop).iter().any(|h| is_exchange_online_host(h))
}

fn role(hop: &Hop) -> HopRole {
    let by_exo = hop.by.as_deref().is_some_and(is_exchange_online_host);
    let from_exo = from_exchange_online(hop);
    match (by_exo, from_exo) {
        (true, false) => HopRole::ExchangeOnlineIngress,
        (true, true) => HopRole::ExchangeOnline,
        (false, true) => HopRole::ExchangeOnlineEgress,
        (false, false) if is_exchange_hop(hop) && hop.by.is_some() => HopRole::OnPremExchange,
        _ => HopRole::Other,
    }
}

fn step(hop: &Hop, role: HopRole) -> PathStep {
    let from = hop.from_rdns.clone().or_else(|| hop.from.clone());
    PathStep { hop: hop.index, role, from, by: hop.by.clone(), from_ip: sending_ip(hop) }
}

fn header_value<'a>(fields: &'a [HeaderField], name: &str) -> Option<&'a str> {
    headers::first(fields, name).map(|f| f.value.trim())
}

/// Classifies the path from the hops (oldest first) and the Exchange headers.
pub(crate) fn classify(fields: &[HeaderField], hops: &[Hop]) -> MailPath {
    let steps: Vec<PathStep> = hops.iter().map(|h| step(h, role(h))).collect();
    let onprem_idx = steps.iter().position(|s| s.role == HopRole::OnPremExchange);
    let ingress_idx = steps.iter().position(|s| {
        s.role == HopRole::ExchangeOnlineIngress && s.by.as_deref().is_some_and(crate::net::is_eop_ingress)
    });
    let egress_idx = steps.iter().rposition(|s| s.role == HopRole::ExchangeOnlineEgress);
    let mut signals = Vec::new();
    let from_entity = header_value(fields, "X-MS-Exchange-CrossTenant-FromEntityHeader");
    let hybrid_header = from_entity.is_some_and(|v| v.eq_ignore_ascii_case("HybridOnPrem"));
    if let (true, Some(v)) = (hybrid_header, from_entity) {
        signals.push(PathSignal {
            header: "X-MS-Exchange-CrossTenant-FromEntityHeader".to_string(),
            value: v.to_string(),
            meaning: msg!("envelope.path.hybrid-onprem").into(),
        });
    }
    let mut externally_secured = false;
    for (prefix, auth_as, mechanism_name) in [
        (
            "X-MS-Exchange-Organization",
            "X-MS-Exchange-Organization-AuthAs",
            "X-MS-Exchange-Organization-AuthMechanism",
        ),
        (
            "X-MS-Exchange-CrossPremises",
            "X-MS-Exchange-CrossPremises-AuthAs",
            "X-MS-Exchange-CrossPremises-AuthMechanism",
        ),
    ] {
        let auth_as = header_value(fields, auth_as);
        let mechanism = header_value(fields, mechanism_name);
        if let (Some(a), Some(m)) = (auth_as, mechanism)
            && a.eq_ignore_ascii_case("Internal")
            && m == "10"
            && !externally_secured
        {
            externally_secured = true;
            signals.push(PathSignal {
                header: mechanism_name.to_string(),
                value: m.to_string(),
                meaning: msg!("envelope.path.externally-secured", prefix).into(),
            });
        }
    }
    // On-prem Exchange hands the message straight to Exchange Online: the ingress hop directly follows an
    // on-prem Exchange hop, or comes from a host of the same organization as one. (An Exchange hop far
    // upstream, followed by other organizations' gateways, is someone else's server, not this tenant's.)
    let hop_hybrid = ingress_idx.is_some_and(|i| {
        let follows = i > 0 && steps.get(i - 1).is_some_and(|p| p.role == HopRole::OnPremExchange);
        let ingress_org =
            steps.get(i).and_then(|s| s.from.as_deref()).and_then(crate::domain::organizational_domain);
        let same_org = ingress_org.is_some()
            && steps[..i]
                .iter()
                .filter(|s| s.role == HopRole::OnPremExchange)
                .any(|s| s.by.as_deref().and_then(crate::domain::organizational_domain) == ingress_org);
        follows || same_org
    });
    let onprem = onprem_idx.and_then(|i| steps.get(i).cloned());
    let app_host = onprem.as_ref().and_then(|s| s.from.clone()).filter(|h| {
        onprem.as_ref().and_then(|s| s.by.as_deref()).is_none_or(|by| !by.eq_ignore_ascii_case(h))
    });
    MailPath {
        hybrid: hop_hybrid || hybrid_header || (externally_secured && ingress_idx.is_some()),
        onprem_visible: onprem.is_some(),
        externally_secured,
        app_host,
        onprem,
        exo_ingress: ingress_idx.and_then(|i| steps.get(i).cloned()),
        exo_egress: egress_idx.and_then(|i| steps.get(i).cloned()),
        steps,
        signals,
    }
}

/// The on-prem Exchange release behind a Received `id` build number (Microsoft Learn, "Exchange Server build
/// numbers and release dates"). Exchange Online
/// also ran 15.1 builds around 2016–2018, so call this only for hops already known to be on-prem.
pub(crate) fn exchange_release(build: &str) -> Option<Text> {
    if build.starts_with("15.2.") {
        return Some(msg!("envelope.path.exchange-2019-or-se").into());
    }
    let release = [
        ("15.1.", "Exchange 2016"),
        ("15.0.", "Exchange 2013"),
        ("14.", "Exchange 2010"),
        ("8.", "Exchange 2007"),
    ];
    release.iter().find(|(prefix, _)| build.starts_with(prefix)).map(|(_, name)| Text::raw(*name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_contains_words_is_contains_on_the_normalised_text() {
        for raw in [
            "from a by b with Microsoft SMTP Server (version=TLS1_2) id 15.1",
            "from a by b\r\n\twith\t microsoft\n SMTP   Serverx id 1",
            "from a by b xwith microsoft smtp server",
            "from a by b with microsoft smtp",
            "from a by b (Microsoft SMTPSVC(6.0.3790.4675))",
            "from a by b with Microsoft-SMTP server",
            "with microsoft smtp server",
            "",
        ] {
            let hop = Hop { raw: raw.to_string(), ..Hop::default() };
            let normalized = normalized_raw(&hop);
            for words in [&["with", "microsoft", "smtp", "server"][..], &["microsoft", "smtpsvc"][..]] {
                assert_eq!(
                    raw_contains_words(raw, words),
                    normalized.contains(&words.join(" ")),
                    "{raw:?} {words:?}"
                );
            }
        }
    }

    const ONPREM: &str = "Received: from APPSRV01.acmecorp.local (10.20.1.15) by EXCH01.acmecorp.local (10.20.1.10) with \
                          Microsoft SMTP Server id 15.2.1544.14; Mon, 6 Jan 2025 10:15:00 +0100\n";

    #[test]
    fn exchange_straight_into_exchange_online_is_hybrid() {
        let text = format!(
            "Received: from EXCH01.acmecorp.local (203.0.113.25) by AM4PEPF00027A5C.mail.protection.outlook.com \
             (10.167.16.1) with Microsoft SMTP Server id 15.20.8207.9; Mon, 6 Jan 2025 09:15:02 +0000\n{ONPREM}"
        );
        let report = crate::analyze_str(&text);
        let path = &report.envelope.path;
        assert!(path.hybrid && path.onprem_visible);
        assert_eq!(path.app_host.as_deref(), Some("APPSRV01.acmecorp.local"));
        assert_eq!(path.exo_ingress.as_ref().map(|s| s.hop), Some(2));
    }

    #[test]
    fn someone_elses_exchange_behind_a_gateway_is_not_hybrid() {
        let text = format!(
            "Received: from gw.example.net (192.0.2.9) by BN8NAM12FT068.mail.protection.outlook.com (10.13.182.1) \
             with Microsoft SMTP Server id 15.20.1; Mon, 6 Jan 2025 09:15:04 +0000\n\
             Received: from EXCH01.acmecorp.local (203.0.113.25) by gw.example.net (Postfix) with ESMTPS id X; \
             Mon, 6 Jan 2025 09:15:03 +0000\n{ONPREM}"
        );
        let report = crate::analyze_str(&text);
        assert!(!report.envelope.path.hybrid);
        assert!(report.envelope.path.onprem_visible);
    }

    #[test]
    fn the_receiving_host_is_never_a_sender() {
        let report = crate::analyze_str(
            "Received: from EXCH01.acmecorp.local (203.0.113.25) by\n AM4PEPF00027A5C.mail.protection.outlook.com \
             (10.167.16.1) with Microsoft SMTP\n Server id 15.20.8207.9 via Frontend Transport; Mon, 6 Jan 2025 09:15:02 +0000\n",
        );
        let hop = &report.hops[0];
        assert_eq!(from_hosts(hop), ["exch01.acmecorp.local"]);
        assert_eq!(role(hop), HopRole::ExchangeOnlineIngress);
    }

    #[test]
    fn names_exchange_releases() {
        let name = |build| exchange_release(build).map(|t| t.render(crate::catalog::Lang::En));
        assert_eq!(name("15.2.1544.14").as_deref(), Some("Exchange 2019 or Exchange Server SE"));
        assert_eq!(
            exchange_release("15.2.1544.14").map(|t| t.render(crate::catalog::Lang::Fr)).as_deref(),
            Some("Exchange 2019 ou Exchange Server SE")
        );
        assert_eq!(name("15.1.2375.34").as_deref(), Some("Exchange 2016"));
        assert_eq!(name("14.3.361.1").as_deref(), Some("Exchange 2010"));
        assert_eq!(exchange_release("15.20.8207.9"), None);
        assert_eq!(exchange_release("ADCB1DC0047"), None);
    }
}
