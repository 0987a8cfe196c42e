//! Can this domain exist on the Internet, and what is its organizational domain?
//!
//! Envelope diagnostics hinge on one question: is `resdomain.local` a real Internet domain? A Public
//! Suffix List lookup alone cannot answer it, because the PSL's default rule `*` makes every unknown
//! TLD look like a public suffix (so `resdomain.local` looks registrable). This module asks the right
//! questions in order: is it well-formed, an IP literal, a special-use name (RFC 6761 and friends), a
//! single label, does its TLD have an *explicit* ICANN rule in the PSL, is it itself a public suffix?
//!
//! The PSL is embedded (`domain/public_suffix_list.dat`, ICANN + private sections, comments stripped,
//! Unicode rules as A-labels), compiled by `build.rs` into a compact label trie read once on first use
//! (`domain/suffixes.rs`, tested against the `publicsuffix` crate); [`PSL_VERSION`] names its date.
//!
//! Deliberate choice: `example.com`, `example.net` and `example.org` (RFC 2606 §3) are classified as
//! routable: they resolve in the public DNS, and flagging them would drown every documentation sample.
//! The reserved *TLDs* `.example`, `.test`, `.invalid`, `.localhost` are special-use.

use std::net::IpAddr;

use crate::catalog::{Msg, Text, msg};

use serde::Serialize;

mod suffixes;

/// Date of the embedded Public Suffix List snapshot (its `VERSION` line, date part).
pub const PSL_VERSION: &str = "2026-10-22";

/// Upstream commit of the embedded Public Suffix List snapshot.
pub const PSL_COMMIT: &str = "8437e5262f13305f94087abe699b4fe2be1d1de8";

/// What kind of name a mail domain is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum DomainKind {
    /// A registrable name under a real TLD.
    Routable,
    /// Reserved by an RFC or ICANN for non-Internet use (`.local`, `.test`, `home.arpa`, `.internal`, …).
    SpecialUse,
    /// The TLD has no explicit ICANN rule in the Public Suffix List (`.lan`, `.corp`, `.localdomain`, …).
    UnknownTld,
    /// No dot at all (`exchange`): a local alias, not a fully-qualified name.
    SingleLabel,
    /// An address literal (`[192.0.2.1]`, `[IPv6:2001:db8::1]`) or a bare IP address.
    IpLiteral,
    /// The name is itself a public suffix (`co.uk`, `onmicrosoft.com`): nobody can own it.
    PublicSuffix,
    /// Not a syntactically valid domain name.
    Malformed,
}

impl DomainKind {
    /// The kebab-case name used in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            DomainKind::Routable => "routable",
            DomainKind::SpecialUse => "special-use",
            DomainKind::UnknownTld => "unknown-tld",
            DomainKind::SingleLabel => "single-label",
            DomainKind::IpLiteral => "ip-literal",
            DomainKind::PublicSuffix => "public-suffix",
            DomainKind::Malformed => "malformed",
        }
    }
}

/// The verdict on one domain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DomainClass {
    /// The domain as given.
    pub domain: String,
    /// Lower-case, A-label form without a trailing dot; the IP text for literals; empty when malformed.
    pub normalized: String,
    pub kind: DomainKind,
    /// Plain-words reason, e.g. "`.local` is reserved for multicast DNS (RFC 6762) and never resolves on the Internet"
    /// (catalogue words: rendered in the reader's language).
    pub reason: Text,
    /// The document that reserves or forbids the name, e.g. `RFC 6762`.
    pub reference: Option<&'static str>,
    /// Routable but worth a remark (a tenant's `onmicrosoft.com` name, an internal-looking subdomain).
    pub note: Option<Text>,
    /// The organizational domain (PSL public suffix plus one label), for routable names only.
    pub organizational_domain: Option<String>,
}

impl DomainClass {
    /// True when the name can exist in the public DNS.
    pub fn is_routable(&self) -> bool {
        self.kind == DomainKind::Routable
    }
}

/// Special-use names: (suffix, reference, message id of the reason). Matched on whole labels at the end of
/// the name.
const SPECIAL_USE: &[(&str, &str, &str)] = &[
    ("local", "RFC 6762", "domain.special.local"),
    ("localhost", "RFC 6761", "domain.special.localhost"),
    ("test", "RFC 6761", "domain.special.test"),
    ("example", "RFC 6761", "domain.special.example"),
    ("invalid", "RFC 6761", "domain.special.invalid"),
    ("internal", "ICANN 2024 .INTERNAL reservation", "domain.special.internal"),
    ("alt", "RFC 9476", "domain.special.alt"),
    ("onion", "RFC 7686", "domain.special.onion"),
    ("home.arpa", "RFC 8375", "domain.special.home-arpa"),
    ("in-addr.arpa", "RFC 1035", "domain.special.in-addr-arpa"),
    ("ip6.arpa", "RFC 3596", "domain.special.ip6-arpa"),
    ("ipv4only.arpa", "RFC 8880", "domain.special.ipv4only-arpa"),
    ("resolver.arpa", "RFC 9462", "domain.special.resolver-arpa"),
    ("service.arpa", "RFC 9665", "domain.special.service-arpa"),
];

/// Pseudo-TLDs RFC 6762 Appendix G names as seen on private networks.
const RFC6762_PRIVATE_TLDS: &[&str] = &["intranet", "internal", "private", "corp", "home", "lan"];

/// First labels that make a subdomain of a real domain look internal (N7).
const INTERNAL_LOOKING_LABELS: &[&str] = &["corp", "ad", "internal", "lan", "local", "int", "intranet"];

/// What [`classify`] decides, before any words are written: what the cheap queries ([`kind`],
/// [`is_routable`], [`organizational_domain`]) need, without building a reason they would not read.
#[derive(Clone)]
enum Verdict {
    Empty,
    Ip(IpAddr),
    /// Why the name is malformed.
    Malformed(Msg),
    /// The normalized name and its special-use entry.
    SpecialUse(String, (&'static str, &'static str, &'static str)),
    SingleLabel(String),
    UnknownTld(String),
    PublicSuffix(String),
    /// The normalized name and where its organizational domain starts in it.
    Routable(String, usize),
}

/// Verdicts already reached in this analysis: one analysis asks about the same few host names and domains
/// hundreds of times (every hop, check and finding), and each answer costs a lower-cased copy and a Public
/// Suffix List walk. `analyze` empties it when it starts and ends ([`forget`]); outside an analysis it is
/// emptied when it grows past [`MEMO_MAX`] names.
mod memo {
    use std::cell::RefCell;
    use std::collections::HashMap;
    use std::hash::{BuildHasherDefault, Hasher};

    /// FNV-1a: names are short and chosen by nobody hostile to this map (it lives for one analysis).
    #[derive(Default)]
    pub(super) struct Fnv(u64);

    impl Hasher for Fnv {
        fn finish(&self) -> u64 {
            self.0
        }
        fn write(&mut self, bytes: &[u8]) {
            let mut h = if self.0 == 0 { 0xcbf2_9ce4_8422_2325 } else { self.0 };
            for &b in bytes {
                h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
            }
            self.0 = h;
        }
    }

    pub(super) type Map = HashMap<Box<str>, super::Verdict, BuildHasherDefault<Fnv>>;

    thread_local! {
        pub(super) static VERDICTS: RefCell<Map> = RefCell::default();
    }
}

/// Names remembered outside an analysis before the memory is emptied.
const MEMO_MAX: usize = 4096;

/// Empties the per-analysis memory of verdicts (see `memo`).
pub(crate) fn forget() {
    memo::VERDICTS.with(|m| {
        if let Ok(mut m) = m.try_borrow_mut() {
            m.clear();
        }
    });
}

/// `f` of the verdict on `given` (trimmed), computed once per name and analysis.
fn with_verdict<R>(given: &str, f: impl FnOnce(&Verdict) -> R) -> R {
    memo::VERDICTS.with(|cell| {
        let Ok(mut map) = cell.try_borrow_mut() else { return f(&verdict(given)) };
        if let Some(v) = map.get(given) {
            return f(v);
        }
        if map.len() >= MEMO_MAX {
            map.clear();
        }
        let v = map.entry(given.into()).or_insert_with(|| verdict(given));
        f(v)
    })
}

fn verdict(given: &str) -> Verdict {
    if given.is_empty() {
        return Verdict::Empty;
    }
    if let Some(ip) = ip_literal(given) {
        return Verdict::Ip(ip);
    }
    let name = given.strip_suffix('.').unwrap_or(given);
    let ascii = match to_ascii_lower(name) {
        Ok(a) => a,
        Err(why) => return Verdict::Malformed(why),
    };
    if let Some(entry) = special_use(&ascii) {
        return Verdict::SpecialUse(ascii, entry);
    }
    if !ascii.contains('.') {
        return Verdict::SingleLabel(ascii);
    }
    let tld = ascii.rsplit('.').next().unwrap_or(&ascii);
    if !suffixes::is_icann_tld(tld) {
        return Verdict::UnknownTld(ascii);
    }
    match suffixes::registrable(&ascii) {
        Some(org) => {
            let start = ascii.len() - org.len();
            Verdict::Routable(ascii, start)
        }
        None => Verdict::PublicSuffix(ascii),
    }
}

/// The kind of a mail domain ([`classify`] without the words).
pub fn kind(domain: &str) -> DomainKind {
    with_verdict(domain.trim(), |v| match v {
        Verdict::Empty | Verdict::Malformed(_) => DomainKind::Malformed,
        Verdict::Ip(_) => DomainKind::IpLiteral,
        Verdict::SpecialUse(..) => DomainKind::SpecialUse,
        Verdict::SingleLabel(_) => DomainKind::SingleLabel,
        Verdict::UnknownTld(_) => DomainKind::UnknownTld,
        Verdict::PublicSuffix(_) => DomainKind::PublicSuffix,
        Verdict::Routable(..) => DomainKind::Routable,
    })
}

/// True when the name can exist in the public DNS ([`classify`]`(domain).is_routable()`, cheaper).
pub fn is_routable(domain: &str) -> bool {
    with_verdict(domain.trim(), |v| matches!(v, Verdict::Routable(..)))
}

/// Classifies a mail domain (the part after `@`, an address literal, or a bare host name).
pub(crate) fn classify(domain: &str) -> DomainClass {
    let given = domain.trim();
    let make = |kind, normalized: String, reason: Msg, reference| DomainClass {
        domain: domain.to_string(),
        normalized,
        kind,
        reason: reason.into(),
        reference,
        note: None,
        organizational_domain: None,
    };
    match with_verdict(given, Verdict::clone) {
        Verdict::Empty => make(DomainKind::Malformed, String::new(), msg!("domain.empty"), None),
        Verdict::Ip(ip) => {
            let reason = match ip_scope(ip) {
                Some(scope) => msg!("domain.ip-literal-private", given, scope),
                None => msg!("domain.ip-literal", given),
            };
            make(DomainKind::IpLiteral, ip.to_string(), reason, Some("RFC 5321 §4.1.3"))
        }
        Verdict::Malformed(why) => {
            make(DomainKind::Malformed, String::new(), msg!("domain.malformed", given, why), Some("RFC 1035"))
        }
        Verdict::SpecialUse(ascii, (suffix, reference, why)) => {
            let subject = if ascii == suffix || !suffix.contains('.') {
                format!(".{suffix}")
            } else {
                suffix.to_string()
            };
            make(
                DomainKind::SpecialUse,
                ascii,
                Msg::new(why, vec![("subject", subject.into())]),
                Some(reference),
            )
        }
        Verdict::SingleLabel(ascii) => {
            make(DomainKind::SingleLabel, ascii, msg!("domain.single-label", given), Some("RFC 5321 §2.3.5"))
        }
        Verdict::UnknownTld(ascii) => {
            let tld = ascii.rsplit('.').next().unwrap_or(&ascii);
            let psl = PSL_VERSION;
            let (why, reference) = if RFC6762_PRIVATE_TLDS.contains(&tld) {
                (msg!("domain.private-tld", tld, psl), "RFC 6762 Appendix G")
            } else {
                (msg!("domain.unknown-tld", tld, psl), "Public Suffix List")
            };
            make(DomainKind::UnknownTld, ascii, why, Some(reference))
        }
        Verdict::PublicSuffix(ascii) => {
            let reason = msg!("domain.public-suffix", ascii);
            make(DomainKind::PublicSuffix, ascii, reason, Some("Public Suffix List"))
        }
        Verdict::Routable(ascii, org_start) => {
            let org = ascii[org_start..].to_string();
            let tld = ascii.rsplit('.').next().unwrap_or(&ascii);
            let reason = msg!("domain.routable", ascii, tld);
            let note = routable_note(&ascii, &org);
            let mut class = make(DomainKind::Routable, ascii, reason, None);
            class.note = note;
            class.organizational_domain = Some(org);
            class
        }
    }
}

/// The organizational domain (RFC 7489 §3.2: public suffix plus one label) of a routable domain;
/// `None` for anything [`classify`] does not call routable. Public for the site, whose export redaction
/// groups host names by organisation.
pub fn organizational_domain(domain: &str) -> Option<String> {
    with_verdict(domain.trim(), |v| match v {
        Verdict::Routable(ascii, start) => Some(ascii[*start..].to_string()),
        _ => None,
    })
}

fn routable_note(ascii: &str, org: &str) -> Option<Text> {
    if org == "onmicrosoft.com" {
        return Some(msg!("domain.note.onmicrosoft", domain = ascii).into());
    }
    let sub = ascii.strip_suffix(org)?.strip_suffix('.')?;
    let first = sub.split('.').next_back().unwrap_or(sub);
    INTERNAL_LOOKING_LABELS
        .contains(&first)
        .then(|| msg!("domain.note.internal-subdomain", domain = ascii, org).into())
}

fn special_use(ascii: &str) -> Option<(&'static str, &'static str, &'static str)> {
    SPECIAL_USE
        .iter()
        .find(|(suffix, _, _)| {
            ascii == *suffix || ascii.strip_suffix(suffix).is_some_and(|rest| rest.ends_with('.'))
        })
        .copied()
}

/// Reads `[192.0.2.1]`, `[IPv6:2001:db8::1]`, or a bare IPv4/IPv6 address.
fn ip_literal(text: &str) -> Option<IpAddr> {
    crate::net::parse_ip_text(text).filter(|_| !text.trim().is_empty())
}

/// A host name that cannot exist on the Internet: one label, a special-use or private-use top-level label
/// (`.local`, `.lan`, `.corp`, `.internal`, `home.arpa`, … all graded the same), or a top-level label the Public
/// Suffix List does not know (`.intra`, `.localdomain`). Documentation names (`.example`, `.test`, `.invalid`)
/// are not counted: they stand in for real names in samples. Address literals are not names and return false.
pub fn is_internal_host(name: &str) -> bool {
    let name = name.trim().trim_end_matches('.');
    if name.is_empty() || crate::net::is_ip_text(name) {
        return false;
    }
    let documentation = ["example", "test", "invalid"].iter().any(|t| {
        name.len() >= t.len()
            && name.as_bytes()[name.len() - t.len()..].eq_ignore_ascii_case(t.as_bytes())
            && (name.len() == t.len() || name.as_bytes()[name.len() - t.len() - 1] == b'.')
    });
    match kind(name) {
        DomainKind::SingleLabel | DomainKind::UnknownTld => true,
        DomainKind::SpecialUse => !documentation,
        _ => false,
    }
}

/// For private, loopback, link-local and similar addresses: what kind they are (see [`crate::net::ip_kind`]).
pub(crate) fn ip_scope(ip: IpAddr) -> Option<&'static str> {
    crate::net::ip_kind(ip).filter(|k| k.is_internal()).map(crate::net::IpKind::describe)
}

/// Lower-cases a name and converts Unicode labels to A-labels; explains why when the name is not valid.
fn to_ascii_lower(name: &str) -> Result<String, Msg> {
    if name.len() > 253 {
        return Err(msg!("domain.too-long", n = name.len()));
    }
    let mut out = String::with_capacity(name.len());
    for label in name.split('.') {
        if label.is_empty() {
            return Err(msg!("domain.empty-label"));
        }
        if !out.is_empty() {
            out.push('.');
        }
        let start = out.len();
        if label.is_ascii() {
            out.extend(label.bytes().map(|b| char::from(b.to_ascii_lowercase())));
        } else {
            let lower = label.to_lowercase();
            if lower.is_ascii() {
                out.push_str(&lower);
            } else {
                match punycode_encode(&lower) {
                    Some(encoded) => {
                        out.push_str("xn--");
                        out.push_str(&encoded);
                    }
                    None => {
                        return Err(msg!("domain.bad-a-label", label));
                    }
                }
            }
        }
        let ascii = &out[start..];
        if ascii.len() > 63 {
            return Err(msg!("domain.label-too-long", n = ascii.len()));
        }
        if let Some(bad) = ascii.chars().find(|c| !(c.is_ascii_alphanumeric() || *c == '-' || *c == '_')) {
            return Err(msg!("domain.bad-character", bad));
        }
        if ascii.starts_with('-') || ascii.ends_with('-') {
            return Err(msg!("domain.hyphen", label));
        }
    }
    Ok(out)
}

/// RFC 3492 Punycode encoding of one label (without the `xn--` prefix). `None` on overflow.
fn punycode_encode(label: &str) -> Option<String> {
    const BASE: u32 = 36;
    const T_MIN: u32 = 1;
    const T_MAX: u32 = 26;
    const SKEW: u32 = 38;
    const DAMP: u32 = 700;
    fn adapt(mut delta: u32, num_points: u32, first: bool) -> u32 {
        delta /= if first { DAMP } else { 2 };
        delta += delta / num_points;
        let mut k = 0;
        while delta > ((BASE - T_MIN) * T_MAX) / 2 {
            delta /= BASE - T_MIN;
            k += BASE;
        }
        k + (BASE - T_MIN + 1) * delta / (delta + SKEW)
    }
    fn digit(d: u32) -> char {
        let byte = if d < 26 { b'a' + d as u8 } else { b'0' + (d as u8 - 26) };
        byte as char
    }
    let input: Vec<u32> = label.chars().map(u32::from).collect();
    let mut output: String = label.chars().filter(char::is_ascii).collect();
    let basic = output.chars().count() as u32;
    if basic > 0 {
        output.push('-');
    }
    let (mut n, mut delta, mut bias, mut handled) = (128u32, 0u32, 72u32, basic);
    let total = input.len() as u32;
    while handled < total {
        let m = input.iter().copied().filter(|&c| c >= n).min()?;
        delta = delta.checked_add((m - n).checked_mul(handled + 1)?)?;
        n = m;
        for &c in &input {
            if c < n {
                delta = delta.checked_add(1)?;
            }
            if c == n {
                let mut q = delta;
                let mut k = BASE;
                loop {
                    let t = if k <= bias {
                        T_MIN
                    } else if k >= bias + T_MAX {
                        T_MAX
                    } else {
                        k - bias
                    };
                    if q < t {
                        break;
                    }
                    output.push(digit(t + (q - t) % (BASE - t)));
                    q = (q - t) / (BASE - t);
                    k += BASE;
                }
                output.push(digit(q));
                bias = adapt(delta, handled + 1, handled == basic);
                delta = 0;
                handled += 1;
            }
        }
        delta = delta.checked_add(1)?;
        n = n.checked_add(1)?;
    }
    Some(output)
}

/// The domain of an address (`user@example.com` → `example.com`), or the value itself when it is a bare domain;
/// `None` for the null sender `<>` and empty values.
pub(crate) fn domain_of(address: &str) -> Option<String> {
    let a = address.trim().trim_matches(['<', '>', '"']);
    let d = a.rsplit_once('@').map_or(a, |(_, d)| d).trim_end_matches('.');
    (!d.is_empty() && !d.contains(char::is_whitespace)).then(|| d.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn internal_hosts_are_graded_the_same_whatever_the_private_label() {
        for name in
            ["EXCH01.example.local", "srv.example.lan", "dc.example.corp", "ylmf-pc", "printer.home.arpa"]
        {
            assert!(is_internal_host(name), "{name}");
        }
        assert!(is_internal_host("dc01.corp.intra"));
        assert!(is_internal_host("mail.example.internal"));
        assert!(!is_internal_host("mail.example.com"));
        assert!(!is_internal_host("[192.0.2.1]"));
        assert!(!is_internal_host("mail.parcel-notice.example"));
        assert!(!is_internal_host("relay.test"));
    }

    /// (domain, expected kind, expected organizational domain)
    const TABLE: &[(&str, DomainKind, Option<&str>)] = &[
        // Real TLDs, including ones that look internal.
        ("example.com", DomainKind::Routable, Some("example.com")),
        ("Mail.Example.COM", DomainKind::Routable, Some("example.com")),
        ("example.com.", DomainKind::Routable, Some("example.com")),
        ("shop.example.co.uk", DomainKind::Routable, Some("example.co.uk")),
        ("andorra-telecom.ad", DomainKind::Routable, Some("andorra-telecom.ad")),
        ("who.int", DomainKind::Routable, Some("who.int")),
        ("contoso.office", DomainKind::Routable, Some("contoso.office")),
        // `onmicrosoft.com` is not in the PSL (checked in the 2026-10-22 snapshot), so tenants share one
        // organizational domain; what matters is that it never aligns with a custom From.
        ("exampleorg.onmicrosoft.com", DomainKind::Routable, Some("onmicrosoft.com")),
        ("www.ck", DomainKind::Routable, Some("www.ck")),
        ("a.b.ck", DomainKind::Routable, Some("a.b.ck")),
        ("xn--bcher-kva.example", DomainKind::SpecialUse, None),
        ("bücher.de", DomainKind::Routable, Some("xn--bcher-kva.de")),
        ("example.xn--55qx5d.cn", DomainKind::Routable, Some("example.xn--55qx5d.cn")),
        ("例子.公司.cn", DomainKind::Routable, Some("xn--fsqu00a.xn--55qx5d.cn")),
        // Special-use names.
        ("ResDomain.local", DomainKind::SpecialUse, None),
        ("host.localhost", DomainKind::SpecialUse, None),
        ("localhost", DomainKind::SpecialUse, None),
        ("build.test", DomainKind::SpecialUse, None),
        ("docs.example", DomainKind::SpecialUse, None),
        ("nowhere.invalid", DomainKind::SpecialUse, None),
        ("corp.internal", DomainKind::SpecialUse, None),
        ("printer.home.arpa", DomainKind::SpecialUse, None),
        ("name.alt", DomainKind::SpecialUse, None),
        ("abcdefghijklmnop.onion", DomainKind::SpecialUse, None),
        // TLDs with no ICANN rule.
        ("host.corp.lan", DomainKind::UnknownTld, None),
        ("ad.corp", DomainKind::UnknownTld, None),
        ("nas.home", DomainKind::UnknownTld, None),
        ("box.localdomain", DomainKind::UnknownTld, None),
        ("portal.intranet", DomainKind::UnknownTld, None),
        ("srv.private", DomainKind::UnknownTld, None),
        ("pc.domain", DomainKind::UnknownTld, None),
        ("exch01.mail", DomainKind::UnknownTld, None),
        // Single labels, literals, suffixes, junk.
        ("exchange", DomainKind::SingleLabel, None),
        ("[192.0.2.1]", DomainKind::IpLiteral, None),
        ("[IPv6:2001:db8::1]", DomainKind::IpLiteral, None),
        ("10.1.2.3", DomainKind::IpLiteral, None),
        ("co.uk", DomainKind::PublicSuffix, None),
        ("github.io", DomainKind::PublicSuffix, None),
        ("someone.github.io", DomainKind::Routable, Some("someone.github.io")),
        ("com", DomainKind::SingleLabel, None),
        ("foo.ck", DomainKind::PublicSuffix, None),
        ("", DomainKind::Malformed, None),
        ("a..example.com", DomainKind::Malformed, None),
        ("bad domain.com", DomainKind::Malformed, None),
        ("-lead.example.com", DomainKind::Malformed, None),
    ];

    #[test]
    fn domain_table() {
        for (domain, kind, org) in TABLE {
            let class = classify(domain);
            assert_eq!(class.kind, *kind, "{domain}: {}", class.reason);
            assert_eq!(class.organizational_domain.as_deref(), *org, "{domain}");
            assert_eq!(organizational_domain(domain).as_deref(), *org, "{domain}");
            assert_eq!(super::kind(domain), *kind, "{domain}");
            assert_eq!(is_routable(domain), *kind == DomainKind::Routable, "{domain}");
            assert!(!class.reason.is_empty());
        }
    }

    #[test]
    fn reasons_name_the_rule() {
        assert!(classify("ResDomain.local").reason.contains("RFC 6762"));
        assert_eq!(classify("ResDomain.local").normalized, "resdomain.local");
        let lan = classify("host.corp.lan");
        assert!(lan.reason.contains("`.lan`") && lan.reason.contains(PSL_VERSION), "{}", lan.reason);
        let private_ip = classify("[10.0.0.5]");
        assert!(private_ip.reason.contains("RFC 1918"), "{}", private_ip.reason);
        assert!(classify("home.arpa").reason.contains("RFC 8375"));
        assert!(classify("x.exampleorg.onmicrosoft.com").note.unwrap_or_default().contains("tenant"));
        assert!(classify("corp.example.com").note.unwrap_or_default().contains("internal subdomain"));
        assert!(classify("example.com").note.is_none());
    }

    #[test]
    fn embedded_list_is_the_dated_snapshot() {
        const PSL_TEXT: &str = include_str!("domain/public_suffix_list.dat");
        assert!(PSL_TEXT.contains(&format!("// VERSION: {PSL_VERSION}")));
        assert!(PSL_TEXT.contains(&format!("// COMMIT: {PSL_COMMIT}")));
        for tld in ["com", "uk", "ad", "int", "office", "onion", "arpa", "ck"] {
            assert!(suffixes::is_icann_tld(tld), "{tld}");
        }
        for tld in [
            "local",
            "lan",
            "corp",
            "home",
            "internal",
            "localdomain",
            "intranet",
            "private",
            "domain",
            "alt",
        ] {
            assert!(!suffixes::is_icann_tld(tld), "{tld}");
        }
    }

    #[test]
    fn punycode_matches_rfc3492_samples() {
        assert_eq!(punycode_encode("bücher").as_deref(), Some("bcher-kva"));
        assert_eq!(punycode_encode("公司").as_deref(), Some("55qx5d"));
        assert_eq!(punycode_encode("münchen").as_deref(), Some("mnchen-3ya"));
    }

    #[test]
    fn never_panics_on_odd_input() {
        for s in ["[", "]", "[IPv6:", "..", ".", "é", "a.é.", "[IPv6:zz]", "\u{0}", "ü.ü.ü", &"a".repeat(300)]
        {
            let _ = classify(s);
        }
    }
}
