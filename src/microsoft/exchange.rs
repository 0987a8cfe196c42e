//! What Exchange's single-valued headers mean: `X-MS-Exchange-Organization-*`, `X-MS-Exchange-CrossTenant-*`,
//! `X-MS-Exchange-CrossPremises-*` and the other transport stamps (X-OriginatorOrg, X-MS-Exchange-AntiSpam-Relay,
//! X-MS-Exchange-SenderADCheck, X-MS-Exchange-Transport-EndToEndLatency, …).
//!
//! Sources, tagged on each meaning ([`Provenance`](crate::microsoft::Provenance)): Microsoft Learn's "Header
//! firewall" and "Anti-spam stamps" pages (documented), real headers (observed), community write-ups (unofficial).

use crate::catalog::{Text, msg};
use crate::hops::dates::rfc3339_utc;
use crate::microsoft::Provenance::{Documented, Observed, Unknown, Unofficial};
use crate::microsoft::antispam::{Meaning, report_entry};
use crate::words::parse_number;

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
    let lower = crate::words::lower(name);
    let lower: &str = lower.as_str();
    for prefix in
        FAMILY_PREFIXES.iter().chain(["x-ms-exchange-transport-", "x-ms-exchange-", "x-ms-", "x-"].iter())
    {
        if lower.starts_with(prefix) {
            return name.get(prefix.len()..).unwrap_or(name);
        }
    }
    name
}

fn doc(words: impl Into<Text>) -> Meaning {
    (Documented, words.into())
}

fn obs(words: impl Into<Text>) -> Meaning {
    (Observed, words.into())
}

fn unknown_value(what: impl Into<Text>, value: &str) -> Meaning {
    let what = what.into();
    (Unknown, msg!("ms.exchange.unknown-value", what, value).into())
}

/// Meaning of a single-valued Exchange header (`lower` is the header name in lower case).
pub(crate) fn header(lower: &str, value: &str) -> Meaning {
    let v = value.trim();
    if let Some(rest) = lower.strip_prefix("x-ms-exchange-crosspremises-") {
        let (source, words) = organization(rest, v);
        return (source, msg!("ms.exchange.header", words).into());
    }
    if let Some(rest) = lower.strip_prefix("x-ms-exchange-organization-") {
        return organization(rest, v);
    }
    if let Some(rest) = lower.strip_prefix("x-ms-exchange-crosstenant-") {
        return cross_tenant(rest, v);
    }
    match lower {
        "x-ms-exchange-transport-crosstenantheadersstamped" => {
            obs(msg!("ms.exchange.header.x-ms-exchange-transport-crosstenantheadersstamped", v))
        }
        "x-ms-exchange-transport-crosstenantheaderspromoted" => {
            obs(msg!("ms.exchange.header.x-ms-exchange-transport-crosstenantheaderspromoted", v))
        }
        "x-ms-exchange-transport-crosstenantheadersstripped" => {
            obs(msg!("ms.exchange.header.x-ms-exchange-transport-crosstenantheadersstripped", v))
        }
        "x-ms-exchange-transport-endtoendlatency" => match timespan_seconds(v) {
            Some(s) => obs(msg!(
                "ms.exchange.header.x-ms-exchange-transport-endtoendlatency",
                words = words_for_seconds(s)
            )),
            None => unknown_value(msg!("ms.exchange.header-2"), v),
        },
        "x-ms-exchange-antispam-relay" => match v {
            "1" => (Unofficial, msg!("ms.exchange.header.1").into()),
            "0" => obs(msg!("ms.exchange.header.0")),
            _ => unknown_value(msg!("ms.exchange.header.empty"), v),
        },
        "x-ms-exchange-senderadcheck" => match v {
            "0" => obs(msg!("ms.exchange.header.0-2")),
            "1" => obs(msg!("ms.exchange.header.1-2")),
            "2" => obs(msg!("ms.exchange.header.2")),
            _ => unknown_value(msg!("ms.exchange.header.empty-2"), v),
        },
        "x-crosspremisesheaderspromoted" => obs(msg!("ms.exchange.header.x-crosspremisesheaderspromoted", v)),
        "x-crosspremisesheadersfiltered" => obs(msg!("ms.exchange.header.x-crosspremisesheadersfiltered", v)),
        "x-organizationheaderspreserved" => obs(msg!("ms.exchange.header.x-organizationheaderspreserved", v)),
        "x-originatororg" => obs(msg!("ms.exchange.header.x-originatororg", v)),
        "x-ms-publictraffictype" => obs(msg!("ms.exchange.header.x-ms-publictraffictype", v)),
        "x-ms-traffictypediagnostic" => {
            obs(msg!("ms.exchange.header.x-ms-traffictypediagnostic", words = v.replace('|', ", ")))
        }
        "x-ms-office365-filtering-correlation-id" => {
            obs(msg!("ms.exchange.header.x-ms-office365-filtering-correlation-id", v))
        }
        "x-eopattributedmessage" => obs(msg!("ms.exchange.header.x-eopattributedmessage", v)),
        "x-eoptenantattributedmessage" => obs(msg!("ms.exchange.header.x-eoptenantattributedmessage", v)),
        "x-customspam" => custom_spam(v),
        "x-microsoft-antispam-message-info" | "x-microsoft-antispam-message-info-original" => {
            obs(msg!("ms.exchange.header.x-microsoft-antispam-message-info"))
        }
        _ => (Unknown, msg!("ms.exchange.header.empty-3", lower).into()),
    }
}

fn organization(rest: &str, v: &str) -> Meaning {
    match rest {
        "authas" => match v.to_ascii_lowercase().as_str() {
            "anonymous" => doc(msg!("ms.exchange.organization.anonymous")),
            "internal" => doc(msg!("ms.exchange.organization.internal")),
            "external" => doc(msg!("ms.exchange.organization.external")),
            "partner" => doc(msg!("ms.exchange.organization.partner")),
            _ => unknown_value(msg!("ms.exchange.organization.empty"), v),
        },
        "authsource" => doc(msg!("ms.exchange.organization.authsource", v)),
        "authmechanism" => match v {
            "04" | "06" => obs(msg!("ms.exchange.organization.04", v)),
            "05" => obs(msg!("ms.exchange.organization.05")),
            "10" => obs(msg!("ms.exchange.organization.10")),
            _ => doc(msg!("ms.exchange.organization.empty-2", v)),
        },
        "authdomain" => doc(msg!("ms.exchange.organization.authdomain", v)),
        "messagedirectionality" => match v.to_ascii_lowercase().as_str() {
            "originating" => doc(msg!("ms.exchange.organization.originating")),
            "incoming" => doc(msg!("ms.exchange.organization.incoming")),
            _ => unknown_value(msg!("ms.exchange.organization.directionality"), v),
        },
        "network-message-id" => obs(msg!("ms.exchange.organization.network-message-id", v)),
        "scl" | "pcl" | "bcl" => report_entry(rest, v),
        "originalarrivaltime" => match arrival_epoch(v) {
            Some(t) => doc(msg!("ms.exchange.organization.originalarrivaltime", words = rfc3339_utc(t))),
            None => doc(msg!("ms.exchange.organization", v)),
        },
        "originalclientipaddress" => obs(msg!("ms.exchange.organization.originalclientipaddress", v)),
        "senderidresult" => match v.to_ascii_lowercase().as_str() {
            "pass" | "neutral" | "softfail" | "fail" | "none" | "temperror" | "permerror" => {
                doc(msg!("ms.exchange.organization.pass", v))
            }
            _ => unknown_value(msg!("ms.exchange.organization.empty-3"), v),
        },
        "originalserveripaddress" => obs(msg!("ms.exchange.organization.originalserveripaddress", v)),
        _ => (Unknown, msg!("ms.exchange.organization.empty-4", rest).into()),
    }
}

fn cross_tenant(rest: &str, v: &str) -> Meaning {
    match rest {
        "fromentityheader" => match v.to_ascii_lowercase().as_str() {
            "hosted" => obs(msg!("ms.exchange.cross-tenant.hosted")),
            "hybridonprem" => obs(msg!("ms.exchange.cross-tenant.hybridonprem")),
            "internet" => obs(msg!("ms.exchange.cross-tenant.internet")),
            _ => unknown_value(msg!("ms.exchange.cross-tenant.empty"), v),
        },
        "authas" => match v.to_ascii_lowercase().as_str() {
            "internal" => obs(msg!("ms.exchange.cross-tenant.internal")),
            "anonymous" => obs(msg!("ms.exchange.cross-tenant.anonymous")),
            "external" | "partner" => obs(msg!("ms.exchange.cross-tenant.external", v)),
            _ => unknown_value(msg!("ms.exchange.cross-tenant.empty-2"), v),
        },
        "authsource" => obs(msg!("ms.exchange.cross-tenant.authsource", v)),
        "id" => obs(msg!("ms.exchange.cross-tenant.id", v)),
        "originalarrivaltime" => match arrival_epoch(v) {
            Some(t) => obs(msg!("ms.exchange.cross-tenant.originalarrivaltime", words = rfc3339_utc(t))),
            None => obs(msg!("ms.exchange.cross-tenant", v)),
        },
        "originalattributedtenantconnectingip" => {
            let (ip, helo) = attributed_connection(v);
            obs(msg!(
                "ms.exchange.cross-tenant.originalattributedtenantconnectingip",
                words = ip.unwrap_or("-"),
                helo = helo.unwrap_or("-")
            ))
        }
        "network-message-id" => obs(msg!("ms.exchange.cross-tenant.network-message-id", v)),
        "mailboxtype" => obs(msg!("ms.exchange.cross-tenant.mailboxtype", v)),
        "userprincipalname" => obs(msg!("ms.exchange.cross-tenant.userprincipalname")),
        "rms-persistedconsumerorg" => obs(msg!("ms.exchange.cross-tenant.rms-persistedconsumerorg")),
        _ => (Unknown, msg!("ms.exchange.cross-tenant.empty-3", rest).into()),
    }
}

fn custom_spam(v: &str) -> Meaning {
    let lower = v.to_ascii_lowercase();
    let scl = match lower.as_str() {
        "image links to remote sites"
        | "numeric ip in url"
        | "url redirect to other port"
        | "url to .biz or .info websites" => msg!("ms.exchange.custom-spam.raises"),
        "spf from record fail" | "backscatter ndr" => msg!("ms.exchange.custom-spam.scl6"),
        "empty message"
        | "embed tag in html"
        | "javascript or vbscript tags in html"
        | "form tag in html"
        | "iframe or frame in html"
        | "web bug"
        | "object tag in html"
        | "sensitive word in subject/body"
        | "spf record fail" => msg!("ms.exchange.custom-spam.scl9"),
        _ if lower.contains("filtered by the custom spam filter option") => {
            return doc(msg!("ms.exchange.custom-spam.test-mode"));
        }
        _ => return unknown_value(msg!("ms.exchange.custom-spam.what"), v),
    };
    doc(msg!("ms.exchange.custom-spam.matched", v, scl))
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
    let h = parse_number(hms.next()?)?;
    let m = parse_number(hms.next()?)?;
    let s = parse_number(hms.next()?)?;
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
    let minutes = parse_number(parts.next()?)?;
    let seconds = parse_number(parts.next()?)?;
    if parts.next().is_some() || !minutes.is_finite() || !seconds.is_finite() {
        return None;
    }
    let (days, hours) = match first.split_once('.') {
        Some((d, h)) => (parse_number(d)?, parse_number(h)?),
        None => (0.0, parse_number(first)?),
    };
    let total = days * 86_400.0 + hours * 3600.0 + minutes * 60.0 + seconds;
    total.is_finite().then_some(if neg { -total } else { total })
}

fn words_for_seconds(s: f64) -> Text {
    if s.abs() < 60.0 {
        let mut t = crate::words::fixed_text(s, 1);
        t.push_str(" s");
        t
    } else {
        crate::words::duration(s)
    }
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
