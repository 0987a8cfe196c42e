//! Facts about one hop that several trace diagnostics share (`hop-no-tls`, `helo-weak`,
//! `internal-names-exposed`, the timing ones): is an address or a name internal, is a host one of
//! Exchange Online's own servers, does the stamp show TLS, which Received field wrote the hop.
//!
//! Kept small and private to the diagnostics: the full mail-path classification (on-premises Exchange
//! versus Exchange Online, hop roles) is the envelope module's ([`crate::envelope::path`]), and domain
//! verdicts come from [`crate::domain`].

use std::net::IpAddr;

use crate::diagnostics::Ctx;
use crate::domain::DomainKind;
use crate::model::{Evidence, HeaderField, Hop, Span};

/// Private, loopback, link-local, carrier-grade NAT and unique-local addresses: never seen on the Internet.
pub(crate) fn is_internal_ip(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => {
            let o = v4.octets();
            v4.is_private()
                || v4.is_loopback()
                || v4.is_link_local()
                || v4.is_unspecified()
                || (o[0] == 100 && (64..128).contains(&o[1]))
        }
        IpAddr::V6(v6) => {
            let first = v6.segments()[0];
            v6.is_loopback()
                || v6.is_unspecified()
                || (first & 0xfe00) == 0xfc00
                || (first & 0xffc0) == 0xfe80
        }
    }
}

pub(crate) fn is_loopback(ip: IpAddr) -> bool {
    ip.is_loopback()
}

/// Top-level labels used only on private networks (RFC 6762 Appendix G, RFC 6761, ICANN `.internal`).
const PRIVATE_TLDS: &[&str] =
    &["local", "lan", "corp", "internal", "intranet", "private", "home", "localdomain", "localhost"];

/// A host name that cannot exist on the Internet: one label, a private-use top-level label, or a top-level
/// label the Public Suffix List does not know (`.intra`, `.ad`). Documentation names (`.example`, `.test`)
/// are not counted: they stand in for real names in samples. IP literals are not names and return false.
pub(crate) fn is_internal_name(name: &str) -> bool {
    let name = name.trim().trim_end_matches('.');
    if name.is_empty() || is_ip_text(name) {
        return false;
    }
    let lower = name.to_ascii_lowercase();
    let private_tld = match lower.rsplit_once('.') {
        None => return true,
        Some((rest, tld)) => PRIVATE_TLDS.contains(&tld) || (tld == "arpa" && rest.ends_with("home")),
    };
    private_tld || matches!(crate::domain::kind(&lower), DomainKind::UnknownTld | DomainKind::SingleLabel)
}

/// `192.0.2.1`, `[192.0.2.1]`, `[IPv6:2001:db8::1]`, `2001:db8::1`.
pub(crate) fn is_ip_text(text: &str) -> bool {
    let inner = text.trim().trim_start_matches('[').trim_end_matches(']');
    let inner = inner.strip_prefix("IPv6:").or_else(|| inner.strip_prefix("ipv6:")).unwrap_or(inner);
    inner.parse::<IpAddr>().is_ok()
}

/// Exchange Online's and Google's own server names (internal hops between their servers).
pub(crate) fn is_provider_internal(host: &str) -> bool {
    let lower = host.trim_end_matches('.').to_ascii_lowercase();
    [".prod.outlook.com", ".outlook.office365.com", ".prod.exchangelabs.com", ".prod.protection.outlook.com"]
        .iter()
        .any(|s| lower.ends_with(s))
        || lower == "mx.google.com"
        || lower.ends_with(".google.com")
}

/// Exchange Online Protection's inbound front door (`*.mail.protection.outlook.com`).
pub(crate) fn is_eop_ingress(host: &str) -> bool {
    host.trim_end_matches('.').to_ascii_lowercase().ends_with(".mail.protection.outlook.com")
}

/// Any Microsoft-run mail host name.
pub(crate) fn is_microsoft_host(host: &str) -> bool {
    let lower = host.trim_end_matches('.').to_ascii_lowercase();
    is_provider_internal(&lower) || lower.ends_with(".outlook.com") || lower.ends_with(".office365.com")
}

/// The stamp was written by Exchange (`with Microsoft SMTP Server`, `Microsoft SMTPSVC`).
pub(crate) fn is_exchange_stamp(hop: &Hop) -> bool {
    crate::envelope::path::is_exchange_hop(hop)
}

/// The stamp records TLS: a parsed TLS version or cipher, an `S` protocol (`ESMTPS`, `ESMTPSA`, `LMTPS`),
/// or TLS words in the text (`version=TLS…`, `using TLS`, Exchange 2010's `(TLS)`, Exim's `tls`).
pub(crate) fn stamp_shows_tls(hop: &Hop) -> bool {
    if hop.tls.as_ref().is_some_and(|t| t.version.is_some() || t.cipher.is_some()) {
        return true;
    }
    let with = hop.with.as_deref().unwrap_or("").to_ascii_uppercase();
    if with.ends_with('S') && with.contains("SMTP")
        || with.ends_with("SA")
        || with == "HTTPS"
        || with == "LMTPS"
    {
        return true;
    }
    let raw = hop.raw.to_ascii_lowercase();
    ["version=tls", "version=ssl", "using tls", "(tls)", " tls ", "tls1", "tlsv1", "cipher="]
        .iter()
        .any(|w| raw.contains(w))
}

/// The organisation part of a host name: its organizational domain from the Public Suffix List when it is
/// routable, else the last two labels (`example.local` for `EXCH01.example.local`).
pub(crate) fn org_of(host: &str) -> String {
    let lower = host.trim_end_matches('.').to_ascii_lowercase();
    if let Some(org) = crate::domain::organizational_domain(&lower) {
        return org;
    }
    let labels: Vec<&str> = lower.split('.').collect();
    labels[labels.len().saturating_sub(2)..].join(".")
}

/// The Received field a hop was read from.
pub(crate) fn received_field<'a>(ctx: &Ctx<'a>, hop: &Hop) -> Option<&'a HeaderField> {
    ctx.headers.iter().find(|h| h.span == hop.span && h.name.eq_ignore_ascii_case("Received"))
}

/// Evidence for `needle` inside the Received field of `hop` (the whole field value when absent). The needle
/// may cross a folded line in the input: white space in it matches any run of white space there, and the
/// evidence text is then that input text unfolded (as field values are shown), the span covering the fold.
pub(crate) fn hop_evidence(ctx: &Ctx<'_>, hop: &Hop, needle: Option<&str>) -> Option<Evidence> {
    let field = received_field(ctx, hop)?;
    let Some(needle) = needle else { return Some(ctx.evidence(field)) };
    if ctx.locate(field, needle).is_some() {
        return Some(ctx.evidence_for(field, needle));
    }
    Some(match locate_folded(ctx.source.text(field.value_span), needle) {
        Some((start, end)) => {
            let base = field.value_span.start();
            let span = Span::new(base + start, base + end);
            Evidence {
                header: field.name.clone(),
                text: crate::headers::unfold(ctx.source.text(span)),
                span,
                highlights: Vec::new(),
            }
        }
        None => ctx.evidence(field),
    })
}

/// Byte range of `needle` in `hay`, where each white-space run of the needle matches one or more white-space
/// characters (line breaks included) of the hay.
fn locate_folded(hay: &str, needle: &str) -> Option<(usize, usize)> {
    let words: Vec<&str> = needle.split_whitespace().collect();
    let first = *words.first()?;
    let mut from = 0;
    while let Some(at) = hay.get(from..)?.find(first).map(|i| i + from) {
        let mut end = at + first.len();
        let mut ok = true;
        for word in &words[1..] {
            let rest = hay.get(end..).unwrap_or("");
            let gap = rest.len() - rest.trim_start().len();
            if gap == 0 || !rest.get(gap..).is_some_and(|r| r.starts_with(word)) {
                ok = false;
                break;
            }
            end += gap + word.len();
        }
        if ok {
            return Some((at, end));
        }
        from = at + first.len();
    }
    None
}

/// A hop's receiving host for text, or "hop N's receiver".
pub(crate) fn by_name(hop: &Hop) -> String {
    hop.by.clone().unwrap_or_else(|| format!("the receiver of hop {}", hop.index))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn internal_addresses_and_names() {
        assert!(is_internal_ip("10.1.2.3".parse().unwrap()));
        assert!(is_internal_ip("100.72.1.1".parse().unwrap()));
        assert!(is_internal_ip("fd00::1".parse().unwrap()));
        assert!(!is_internal_ip("203.0.113.5".parse().unwrap()));
        assert!(!is_internal_ip("2603:10a6:20b:488::17".parse().unwrap()));
        assert!(is_internal_name("EXCH01.example.local"));
        assert!(is_internal_name("ylmf-pc"));
        assert!(is_internal_name("printer.home.arpa"));
        assert!(!is_internal_name("mail.example.com"));
        assert!(!is_internal_name("[192.0.2.1]"));
        assert!(is_internal_name("dc01.corp.intra"));
        assert!(!is_internal_name("mail.parcel-notice.example"));
    }

    #[test]
    fn microsoft_hosts() {
        assert!(is_provider_internal("AS9PR05CA0012.eurprd05.prod.outlook.com"));
        assert!(is_provider_internal("BN8NAM04FT050.eop-NAM04.prod.protection.outlook.com"));
        assert!(!is_provider_internal("EUR05-AM6-obe.outbound.protection.outlook.com"));
        assert!(is_eop_ingress("DB5PEPF00014B9A.mail.protection.outlook.com"));
        assert!(is_microsoft_host("EUR05-AM6-obe.outbound.protection.outlook.com"));
    }

    #[test]
    fn folded_needles_are_found() {
        let hay =
            "from a (1.2.3.4) by b with Microsoft\r\n SMTP Server id 15; Mon, 3 Jun 2024 17:44:07\n +0000";
        let (s, e) = locate_folded(hay, "Microsoft SMTP Server").unwrap();
        assert_eq!(&hay[s..e], "Microsoft\r\n SMTP Server");
        let (s, e) = locate_folded(hay, "Mon, 3 Jun 2024 17:44:07 +0000").unwrap();
        assert_eq!(&hay[s..e], "Mon, 3 Jun 2024 17:44:07\n +0000");
        assert_eq!(locate_folded(hay, "Microsoft Exchange"), None);
    }

    #[test]
    fn organisations() {
        assert_eq!(org_of("mail.example.co.uk"), "example.co.uk");
        assert_eq!(org_of("mx1.mailbox.example.org."), "example.org");
        assert_eq!(org_of("localhost"), "localhost");
        assert_eq!(org_of("EXCH01.example.local"), "example.local");
    }
}
