//! Who the receiving organisation is, which hop entered it, and which authentication fields it stamped.
//!
//! Anyone can write an Authentication-Results field into a message before sending it; only the fields the
//! final receiving organisation added are evidence (RFC 8601 §5, §7.1). The rule used here, in order:
//!
//! 1. **Anchor**: the topmost Authentication-Results or X-MS-Exchange-Authentication-Results field (else the
//!    topmost Received-SPF, else the topmost ARC-Authentication-Results). Its authserv-id (or, for
//!    Received-SPF, its `receiver=`) names the receiver; when that is absent or not a domain name (Microsoft, test
//!    setups), the `by` host of the hop it is tied to does.
//! 2. **Tie to a hop**: a field belongs to the Received field just below it (the hop that stamped it, since
//!    each server prepends). Exception (the layout of Gmail and mox, which stamp after writing Received): the
//!    first Authentication-Results and the first Received-SPF directly under a Received field belong to that
//!    Received field when their authserv-id or receiver matches its `by` host and not the `by` host below, and
//!    that receiver has not already stamped results above its Received field (if it has, a field under it was
//!    there before the message arrived, perhaps forged for this layout).
//! 3. **Entry hop**: from the anchor's hop downwards, hops whose `by` host belongs to the receiver (same
//!    organizational domain as the authserv-id or the anchor's `by` host; Microsoft's and Google's host families
//!    count as one; a `by` that is missing, an IP literal, a single label or a non-routable name such as
//!    `.local` or `.internal` is assumed internal) are inside the receiver. The lowest of them is the hop
//!    where the message entered it. Microsoft writes X-MS-Exchange-Authentication-Results among its organisation headers below the whole
//!    Received chain; when the receiver is Microsoft 365 such a field is tied to the entry hop.
//! 4. **Final receiver**: when a hop above the anchor's names an owner outside the receiver (the message went on
//!    to another organisation that added no results), nothing is trusted. Exception: Exchange hybrid, where
//!    Microsoft 365 marked the message `X-MS-Exchange-Organization-MessageDirectionality: Incoming` and then
//!    handed it to the tenant's own on-premises servers.
//! 5. **Trusted**: a field tied to the entry hop or above it, whose authserv-id is absent (Microsoft) or
//!    belongs to the receiver. Everything else is **upstream, unverified**. Without any Received field,
//!    only fields with the anchor's authserv-id are trusted.

use crate::model::Hop;

/// The organizational domain of a host name, lower case: from the Public Suffix List
/// ([`crate::domain::organizational_domain`]) for public names; for names the list does not cover (test and
/// internal names such as `test.ex`, `mx.example`) the last two labels, three under a two-letter country code
/// with a short second label such as `co.uk`. `None` for IP literals and single labels.
pub fn site(host: &str) -> Option<String> {
    let h = host.trim().trim_matches(['[', ']', '.', '<', '>']).to_ascii_lowercase();
    if h.is_empty() || h.parse::<std::net::IpAddr>().is_ok() || h.starts_with("ipv6:") {
        return None;
    }
    if let Some(org) = crate::domain::organizational_domain(&h) {
        return Some(org);
    }
    let labels: Vec<&str> = h.split('.').filter(|l| !l.is_empty()).collect();
    if labels.len() < 2
        || labels.iter().any(|l| !l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'))
    {
        return None;
    }
    let n = labels.len();
    let tld = labels[n - 1];
    let second = labels[n - 2];
    let take = if n >= 3
        && tld.len() == 2
        && (second.len() <= 3 || matches!(second, "gouv" | "govt" | "ltd" | "plc" | "nhs" | "police"))
    {
        3
    } else {
        2
    };
    Some(labels[n - take..].join("."))
}

/// The family a site belongs to, if any: Microsoft 365's and Google's host names span several registrable
/// domains each (see [`crate::net`]).
pub fn family(site: &str) -> Option<&'static str> {
    if crate::net::is_microsoft_host(site) {
        return Some(crate::net::MICROSOFT_365.name);
    }
    crate::net::provider_of_host(site).filter(|p| p.kind == crate::net::ProviderKind::Mailbox).map(|p| p.name)
}

/// The receiver: the sites and families that count as "inside".
#[derive(Debug, Clone, Default)]
pub struct Identities {
    pub sites: Vec<String>,
    pub families: Vec<&'static str>,
}

impl Identities {
    pub fn add(&mut self, host: &str) {
        if let Some(s) = site(host) {
            if let Some(f) = family(&s)
                && !self.families.contains(&f)
            {
                self.families.push(f);
            }
            if !self.sites.contains(&s) {
                self.sites.push(s);
            }
        }
    }

    /// True when `host` belongs to the receiver.
    pub fn contains(&self, host: &str) -> bool {
        match site(host) {
            Some(s) => self.sites.contains(&s) || family(&s).is_some_and(|f| self.families.contains(&f)),
            None => false,
        }
    }
}

/// True when two host names belong to the same site or family.
pub fn same_owner(a: &str, b: &str) -> bool {
    let mut ids = Identities::default();
    ids.add(a);
    ids.contains(b)
}

/// True when a `by` host says nothing about who owns it: missing, an IP literal, a single label, or a name that
/// cannot exist on the Internet (`.local`, `.internal`, `localhost`, …; see [`crate::domain::classify`]).
pub fn anonymous_by(hop: &Hop) -> bool {
    match hop.by.as_deref() {
        None => true,
        Some(by) => site(by).is_none() || !crate::domain::classify(by).is_routable(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sites_and_families() {
        assert_eq!(site("mx.google.com").as_deref(), Some("google.com"));
        assert_eq!(site("mail.example.co.uk").as_deref(), Some("example.co.uk"));
        assert_eq!(site("relay.test.ex").as_deref(), Some("test.ex"));
        assert_eq!(site("BN8NAM11FT012.mail.protection.outlook.com").as_deref(), Some("outlook.com"));
        assert_eq!(site("[192.0.2.1]"), None);
        assert_eq!(site("2001:db8::1"), None);
        assert_eq!(site("localhost"), None);
        assert!(same_owner("mx.google.com", "google.com"));
        assert!(same_owner("mx.microsoft.com", "DM6PR11MB4610.namprd11.prod.outlook.com"));
        assert!(!same_owner("mx.example.org", "mail.example.net"));
    }
}
