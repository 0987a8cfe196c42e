//! What Exchange's single-valued headers mean: `X-MS-Exchange-Organization-*`, `X-MS-Exchange-CrossTenant-*`,
//! `X-MS-Exchange-CrossPremises-*` and the other transport stamps (X-OriginatorOrg, X-MS-Exchange-AntiSpam-Relay,
//! X-MS-Exchange-SenderADCheck, X-MS-Exchange-Transport-EndToEndLatency, …).
//!
//! Sources, tagged on each meaning ([`Provenance`](crate::microsoft::Provenance)): Microsoft Learn's "Header
//! firewall" and "Anti-spam stamps" pages (documented), real headers (observed), community write-ups (unofficial).

use crate::hops::dates::rfc3339_utc;
use crate::microsoft::Provenance::{Documented, Observed, Unknown, Unofficial};
use crate::microsoft::antispam::{Meaning, report_entry};

/// Header name prefixes whose every field is decoded (or kept and marked unknown).
pub(crate) const FAMILY_PREFIXES: &[&str] =
    &["x-ms-exchange-organization-", "x-ms-exchange-crosstenant-", "x-ms-exchange-crosspremises-"];

/// Headers outside those families that are decoded.
pub(crate) const SINGLE_HEADERS: &[&str] = &[
    "x-ms-exchange-transport-crosstenantheadersstamped",
    "x-ms-exchange-transport-crosstenantheaderspromoted",
    "x-ms-exchange-transport-crosstenantheadersstripped",
    "x-ms-exchange-transport-endtoendlatency",
    "x-ms-exchange-antispam-relay",
    "x-ms-exchange-senderadcheck",
    "x-crosspremisesheaderspromoted",
    "x-crosspremisesheadersfiltered",
    "x-organizationheaderspreserved",
    "x-originatororg",
    "x-ms-publictraffictype",
    "x-ms-traffictypediagnostic",
    "x-ms-office365-filtering-correlation-id",
    "x-eopattributedmessage",
    "x-eoptenantattributedmessage",
    "x-customspam",
    "x-microsoft-antispam-message-info",
    "x-microsoft-antispam-message-info-original",
];

/// The short key shown for a single-valued header: the name without its family prefix, case as written.
pub(crate) fn key_of(name: &str) -> &str {
    let lower = name.to_ascii_lowercase();
    for prefix in
        FAMILY_PREFIXES.iter().chain(["x-ms-exchange-transport-", "x-ms-exchange-", "x-ms-", "x-"].iter())
    {
        if lower.starts_with(prefix) {
            return name.get(prefix.len()..).unwrap_or(name);
        }
    }
    name
}

fn doc(words: impl Into<String>) -> Meaning {
    (Documented, words.into())
}

fn obs(words: impl Into<String>) -> Meaning {
    (Observed, words.into())
}

fn unknown_value(what: &str, value: &str) -> Meaning {
    (Unknown, format!("{what}; the value \"{value}\" is not a known one"))
}

/// Meaning of a single-valued Exchange header (`lower` is the header name in lower case).
pub(crate) fn header(lower: &str, value: &str) -> Meaning {
    let v = value.trim();
    if let Some(rest) = lower.strip_prefix("x-ms-exchange-crosspremises-") {
        let (source, words) = organization(rest, v);
        return (source, format!("{words} (carried across a hybrid connector as a CrossPremises header)"));
    }
    if let Some(rest) = lower.strip_prefix("x-ms-exchange-organization-") {
        return organization(rest, v);
    }
    if let Some(rest) = lower.strip_prefix("x-ms-exchange-crosstenant-") {
        return cross_tenant(rest, v);
    }
    match lower {
        "x-ms-exchange-transport-crosstenantheadersstamped" => obs(format!(
            "the Exchange Online server that stamped the CrossTenant headers ({v}), usually the last Exchange Online hub"
        )),
        "x-ms-exchange-transport-crosstenantheaderspromoted" => {
            obs(format!("Exchange Online server {v} promoted CrossTenant headers into organisation headers"))
        }
        "x-ms-exchange-transport-crosstenantheadersstripped" => {
            obs(format!("Exchange Online server {v} removed CrossTenant headers"))
        }
        "x-ms-exchange-transport-endtoendlatency" => match timespan_seconds(v) {
            Some(s) => {
                obs(format!("time inside Exchange from arrival to delivery: {}", words_for_seconds(s)))
            }
            None => unknown_value("Exchange end-to-end latency", v),
        },
        "x-ms-exchange-antispam-relay" => match v {
            "1" => (Unofficial, "1: likely sent through Microsoft 365's relay pool".to_string()),
            "0" => obs("0: not sent through the relay pool (seen on normal outbound mail)"),
            _ => unknown_value("relay-pool marker", v),
        },
        "x-ms-exchange-senderadcheck" => match v {
            "0" => obs("0: seen in real headers; meaning undocumented"),
            "1" => obs("1: seen on normal hybrid outbound mail; meaning undocumented"),
            "2" => obs(
                "2: seen when the envelope sender's domain is not one of the tenant's (relay case); meaning undocumented",
            ),
            _ => unknown_value("sender directory check", v),
        },
        "x-crosspremisesheaderspromoted" => obs(format!(
            "server {v} promoted cross-premises headers: the message came over a hybrid connector and was treated as internal"
        )),
        "x-crosspremisesheadersfiltered" => {
            obs(format!("server {v} filtered cross-premises headers at the hybrid boundary"))
        }
        "x-organizationheaderspreserved" => {
            obs(format!("server {v} preserved the organisation headers across premises"))
        }
        "x-originatororg" => {
            obs(format!("Exchange Online attributed the message to the sending organisation {v}"))
        }
        "x-ms-publictraffictype" => obs(format!("traffic class: {v}")),
        "x-ms-traffictypediagnostic" => {
            obs(format!("Exchange Online servers the message passed: {}", v.replace('|', ", ")))
        }
        "x-ms-office365-filtering-correlation-id" => {
            obs(format!("the Network Message ID {v}; search for it in message trace"))
        }
        "x-eopattributedmessage" => obs(format!("Exchange Online Protection attribution marker ({v})")),
        "x-eoptenantattributedmessage" => obs(format!("the tenant the message was attributed to ({v})")),
        "x-customspam" => custom_spam(v),
        "x-microsoft-antispam-message-info" | "x-microsoft-antispam-message-info-original" => {
            obs("encoded filter data; not human-readable")
        }
        _ => (Unknown, format!("header {lower} is not in headerlens' tables; kept as written")),
    }
}

fn organization(rest: &str, v: &str) -> Meaning {
    match rest {
        "authas" => match v.to_ascii_lowercase().as_str() {
            "anonymous" => {
                doc("the organisation evaluated the message's security: Anonymous (unauthenticated sender)")
            }
            "internal" => doc(
                "the organisation evaluated the message's security: Internal (treated as sent from inside)",
            ),
            "external" => {
                doc("the organisation evaluated the message's security: External (authenticated, outside)")
            }
            "partner" => {
                doc("the organisation evaluated the message's security: Partner (domain-secured partner)")
            }
            _ => unknown_value("authentication source (AuthAs)", v),
        },
        "authsource" => {
            doc(format!("{v} evaluated the message's authentication on behalf of the organisation"))
        }
        "authmechanism" => match v {
            "04" | "06" => obs(format!(
                "authentication mechanism {v}: seen for mailbox submissions (Outlook, Outlook on the web)"
            )),
            "05" => obs("authentication mechanism 05: seen for system-generated messages"),
            "10" => obs(
                "authentication mechanism 10: seen for Externally Secured receive connectors and hybrid cross-premises mail",
            ),
            _ => doc(format!("authentication mechanism {v} (a 2-digit hexadecimal code)")),
        },
        "authdomain" => doc(format!("the remote domain authenticated with Domain Secure (TLS partner): {v}")),
        "messagedirectionality" => match v.to_ascii_lowercase().as_str() {
            "originating" => doc(
                "Originating: the organisation treats the message as sent from inside (or via an authenticated hybrid connector)",
            ),
            "incoming" => doc("Incoming: the organisation treats the message as coming from outside"),
            _ => unknown_value("message directionality", v),
        },
        "network-message-id" => {
            obs(format!("Exchange's per-organisation message ID {v}; search for it in message trace"))
        }
        "scl" | "pcl" | "bcl" => report_entry(rest, v),
        "originalarrivaltime" => match arrival_epoch(v) {
            Some(t) => {
                doc(format!("the message first entered the Exchange organisation at {}", rfc3339_utc(t)))
            }
            None => {
                doc(format!("the time the message first entered the Exchange organisation ({v}, unreadable)"))
            }
        },
        "originalclientipaddress" => obs(format!("the submitting client's IP address was {v}")),
        "senderidresult" => match v.to_ascii_lowercase().as_str() {
            "pass" | "neutral" | "softfail" | "fail" | "none" | "temperror" | "permerror" => {
                doc(format!("the on-premises Sender ID agent's result: {v}"))
            }
            _ => unknown_value("Sender ID result", v),
        },
        "originalserveripaddress" => obs(format!("the receiving server's IP address was {v}")),
        _ => (Unknown, format!("organisation header {rest} is not in headerlens' tables; kept as written")),
    }
}

fn cross_tenant(rest: &str, v: &str) -> Meaning {
    match rest {
        "fromentityheader" => match v.to_ascii_lowercase().as_str() {
            "hosted" => obs("Hosted: the message entered the sending tenant from an Exchange Online mailbox"),
            "hybridonprem" => obs(
                "HybridOnPrem: the message entered the sending tenant from on-premises, over the tenant's inbound (hybrid) connector",
            ),
            "internet" => obs("Internet: the message entered the tenant from the internet"),
            _ => unknown_value("tenant entry point (FromEntityHeader)", v),
        },
        "authas" => match v.to_ascii_lowercase().as_str() {
            "internal" => obs(
                "Internal: at tenant ingress the message was treated as internal (for example a certificate-based hybrid connector)",
            ),
            "anonymous" => obs(
                "Anonymous: at tenant ingress the message was not authenticated (IP-based or anonymous connector, or the internet)",
            ),
            "external" | "partner" => obs(format!("{v}: how the message authenticated at tenant ingress")),
            _ => unknown_value("authentication at tenant ingress (AuthAs)", v),
        },
        "authsource" => obs(format!("{v} evaluated the message's authentication at tenant ingress")),
        "id" => obs(format!("the tenant the message is attributed to (tenant ID {v})")),
        "originalarrivaltime" => match arrival_epoch(v) {
            Some(t) => obs(format!("the message first arrived in the tenant at {}", rfc3339_utc(t))),
            None => obs(format!("the time the message first arrived in the tenant ({v}, unreadable)")),
        },
        "originalattributedtenantconnectingip" => {
            let (ip, helo) = attributed_connection(v);
            obs(format!(
                "the connection used to attribute the message to the tenant: IP {}, HELO {}",
                ip.unwrap_or("-"),
                helo.unwrap_or("-")
            ))
        }
        "network-message-id" => obs(format!("the Network Message ID {v}; search for it in message trace")),
        "mailboxtype" => obs(format!("the recipient mailbox type ({v})")),
        "userprincipalname" => obs("the recipient's user principal name, obfuscated"),
        "rms-persistedconsumerorg" => obs("Rights Management bookkeeping (a tenant GUID)"),
        _ => (Unknown, format!("CrossTenant header {rest} is not in headerlens' tables; kept as written")),
    }
}

fn custom_spam(v: &str) -> Meaning {
    let lower = v.to_ascii_lowercase();
    let scl = match lower.as_str() {
        "image links to remote sites"
        | "numeric ip in url"
        | "url redirect to other port"
        | "url to .biz or .info websites" => "raises the spam score (SCL 5 or 6)",
        "spf from record fail" | "backscatter ndr" => "marks the message as spam (SCL 6)",
        "empty message"
        | "embed tag in html"
        | "javascript or vbscript tags in html"
        | "form tag in html"
        | "iframe or frame in html"
        | "web bug"
        | "object tag in html"
        | "sensitive word in subject/body"
        | "spf record fail" => "marks the message as spam (SCL 9)",
        _ if lower.contains("filtered by the custom spam filter option") => {
            return doc("an Advanced Spam Filter option in test mode matched; no action was taken");
        }
        _ => return unknown_value("Advanced Spam Filter option", v),
    };
    doc(format!("the Advanced Spam Filter option \"{v}\" matched; it {scl}"))
}

/// `TenantId=…;Ip=[…];Helo=[…]` into the IP and HELO (brackets removed).
pub(crate) fn attributed_connection(v: &str) -> (Option<&str>, Option<&str>) {
    let mut ip = None;
    let mut helo = None;
    for part in v.split(';') {
        let Some((k, val)) = part.split_once('=') else { continue };
        let val = val.trim().trim_start_matches('[').trim_end_matches(']');
        match k.trim().to_ascii_lowercase().as_str() {
            "ip" => ip = Some(val),
            "helo" => helo = Some(val),
            _ => {}
        }
    }
    (ip.filter(|s| !s.is_empty()), helo.filter(|s| !s.is_empty()))
}

/// Reads Exchange's `08 Jan 2024 13:54:32.8940 (UTC)` into seconds since the epoch.
pub(crate) fn arrival_epoch(v: &str) -> Option<f64> {
    let mut words = v.split_whitespace();
    let day: u32 = words.next()?.parse().ok()?;
    let month = words.next()?;
    let year: i64 = words.next()?.parse().ok()?;
    let time = words.next()?;
    let month = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
        .iter()
        .position(|m| month.eq_ignore_ascii_case(m))? as u32
        + 1;
    let mut hms = time.split(':');
    let h: f64 = hms.next()?.parse().ok()?;
    let m: f64 = hms.next()?.parse().ok()?;
    let s: f64 = hms.next()?.parse().ok()?;
    if !(1..=31).contains(&day)
        || !(1970..2100).contains(&year)
        || h >= 24.0
        || m >= 60.0
        || !(0.0..61.0).contains(&s)
    {
        return None;
    }
    let days = crate::hops::dates::days_from_civil(year, month, day);
    Some(days as f64 * 86_400.0 + h * 3600.0 + m * 60.0 + s)
}

/// Reads a .NET TimeSpan `[-][d.]hh:mm:ss[.fffffff]` into seconds.
pub(crate) fn timespan_seconds(v: &str) -> Option<f64> {
    let (neg, v) = match v.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, v),
    };
    let mut parts = v.split(':');
    let first = parts.next()?;
    let minutes: f64 = parts.next()?.parse().ok()?;
    let seconds: f64 = parts.next()?.parse().ok()?;
    if parts.next().is_some() || !minutes.is_finite() || !seconds.is_finite() {
        return None;
    }
    let (days, hours) = match first.split_once('.') {
        Some((d, h)) => (d.parse::<f64>().ok()?, h.parse::<f64>().ok()?),
        None => (0.0, first.parse::<f64>().ok()?),
    };
    let total = days * 86_400.0 + hours * 3600.0 + minutes * 60.0 + seconds;
    total.is_finite().then_some(if neg { -total } else { total })
}

fn words_for_seconds(s: f64) -> String {
    if s.abs() < 60.0 { format!("{s:.1} s") } else { crate::words::duration(s) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::microsoft::Provenance;

    #[test]
    fn arrival_time_reads_exchange_format() {
        let t = arrival_epoch("08 Jan 2024 13:54:32.8940 (UTC)").unwrap();
        assert_eq!(rfc3339_utc(t), "2024-01-08T13:54:32Z");
        assert!((t.fract() - 0.894).abs() < 1e-6);
        assert_eq!(arrival_epoch("32 Jan 2024 13:54:32 (UTC)"), None);
        assert_eq!(arrival_epoch("garbage"), None);
    }

    #[test]
    fn timespans() {
        assert_eq!(timespan_seconds("00:00:04.1234567").map(|s| (s * 10.0).round()), Some(41.0));
        assert_eq!(timespan_seconds("1.02:00:00"), Some(93_600.0));
        assert_eq!(timespan_seconds("12"), None);
    }

    #[test]
    fn tenant_headers() {
        let (source, words) = header("x-ms-exchange-crosstenant-fromentityheader", "HybridOnPrem");
        assert_eq!(source, Provenance::Observed);
        assert!(words.contains("on-premises"));
        assert_eq!(header("x-ms-exchange-organization-authas", "Internal").0, Provenance::Documented);
        assert_eq!(header("x-ms-exchange-organization-frobnicate", "1").0, Provenance::Unknown);
        assert_eq!(header("x-ms-exchange-antispam-relay", "1").0, Provenance::Unofficial);
        let (ip, helo) = attributed_connection("TenantId=abc;Ip=[203.0.113.7];Helo=[EXCH01.example.com]");
        assert_eq!((ip, helo), (Some("203.0.113.7"), Some("EXCH01.example.com")));
    }
}
