//! Facts about one hop that several trace diagnostics share (`hop-no-tls`, `helo-weak`,
//! `internal-names-exposed`, the timing ones): is an address or a name internal, is a host one of
//! Exchange Online's own servers, does the stamp show TLS, which Received field wrote the hop.
//!
//! Kept small and private to the diagnostics: the full mail-path classification (on-premises Exchange
//! versus Exchange Online, hop roles) is the envelope module's ([`crate::envelope::path`]), and domain
//! verdicts come from [`crate::domain`].

use std::net::IpAddr;

use crate::diagnostics::Ctx;
use crate::model::{Evidence, HeaderField, Hop, Span};

pub(crate) use crate::domain::is_internal_host as is_internal_name;
pub(crate) use crate::net::{is_eop_ingress, is_internal_ip, is_ip_text, is_microsoft_host};

pub(crate) fn is_loopback(ip: IpAddr) -> bool {
    ip.is_loopback()
}

/// Servers inside a shared provider (Exchange Online's own servers, any Google server): hops between them are
/// the provider's, not an organisation's.
pub(crate) fn is_provider_internal(host: &str) -> bool {
    crate::net::is_exchange_online_internal(host)
        || crate::net::provider_of_host(host).is_some_and(|p| p.name == crate::net::GOOGLE.name)
}

/// The stamp was written by Exchange (`with Microsoft SMTP Server`, `Microsoft SMTPSVC`).
pub(crate) fn is_exchange_stamp(hop: &Hop) -> bool {
    crate::envelope::path::is_exchange_hop(hop)
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

/// A hop's receiving host for text, or "the receiver of hop N" (in the reader's language).
pub(crate) fn by_name(hop: &Hop) -> crate::catalog::Text {
    match hop.by.as_ref().filter(|by| crate::hops::is_host_name(by)) {
        Some(by) => by.into(),
        None => crate::catalog::msg!("hop-facts.receiver-of-hop", hop = hop.index).into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
