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

use crate::auth::model::{Authentication, Receiver, ResultsKind, Trust};
use crate::catalog::{Text, msg};
use crate::model::{HeaderField, Hop};

/// The organizational domain of a host name, lower case: from the Public Suffix List
/// ([`crate::domain::organizational_domain`]) for public names; for names the list does not cover (test and
/// internal names such as `test.ex`, `mx.example`) the last two labels, three under a two-letter country code
/// with a short second label such as `co.uk`. `None` for IP literals and single labels.
pub(crate) fn site(host: &str) -> Option<String> {
    let h = host.trim().trim_matches(['[', ']', '.', '<', '>']);
    // Lower-cased only when it has capitals (most host names are written in lower case).
    let h: std::borrow::Cow<'_, str> =
        if h.bytes().any(|b| b.is_ascii_uppercase()) { h.to_ascii_lowercase().into() } else { h.into() };
    // An IP address starts with a digit (IPv4) or holds a colon (IPv6); host names are not parsed as one.
    let maybe_ip = h.starts_with(|c: char| c.is_ascii_digit()) || h.contains(':');
    if h.is_empty() || maybe_ip && h.parse::<std::net::IpAddr>().is_ok() || h.starts_with("ipv6:") {
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
pub(crate) fn family(site: &str) -> Option<&'static str> {
    if crate::net::is_microsoft_host(site) {
        return Some(crate::net::MICROSOFT_365.name);
    }
    crate::net::provider_of_host(site).filter(|p| p.kind == crate::net::ProviderKind::Mailbox).map(|p| p.name)
}

/// The receiver: the sites and families that count as "inside".
#[derive(Debug, Clone, Default)]
pub(crate) struct Identities {
    pub sites: Vec<String>,
    pub families: Vec<&'static str>,
}

impl Identities {
    pub(crate) fn add(&mut self, host: &str) {
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
    pub(crate) fn contains(&self, host: &str) -> bool {
        match site(host) {
            Some(s) => self.sites.contains(&s) || family(&s).is_some_and(|f| self.families.contains(&f)),
            None => false,
        }
    }
}

/// True when two host names belong to the same site or family.
pub(crate) fn same_owner(a: &str, b: &str) -> bool {
    let mut ids = Identities::default();
    ids.add(a);
    ids.contains(b)
}

/// True when a `by` host says nothing about who owns it: missing, an IP literal, a single label, or a name that
/// cannot exist on the Internet (`.local`, `.internal`, `localhost`, …; see [`crate::domain::classify`]).
pub(crate) fn anonymous_by(hop: &Hop) -> bool {
    match hop.by.as_deref() {
        None => true,
        Some(by) => site(by).is_none() || !crate::domain::is_routable(by),
    }
}

/// Where the Received fields are, to tie other fields to hops.
pub(super) struct Layout<'a> {
    fields: &'a [HeaderField],
    hops: &'a [Hop],
    /// Indexes into `fields` of the Received fields, topmost first.
    received: &'a [usize],
}

impl<'a> Layout<'a> {
    pub(super) fn new(fields: &'a [HeaderField], hops: &'a [Hop], received: &'a [usize]) -> Self {
        Layout { fields, hops, received }
    }

    /// Hop index (1 = oldest) of the Received field at `fields[field_index]`.
    fn hop_of(&self, field_index: usize) -> Option<usize> {
        let pos = self.received.iter().position(|&r| r == field_index)?;
        Some(self.received.len() - pos)
    }

    fn hop(&self, index: usize) -> Option<&Hop> {
        self.hops.get(index.checked_sub(1)?)
    }

    /// Index into `fields` of the Received field of hop `index`.
    fn received_field(&self, hop: usize) -> Option<usize> {
        let pos = self.received.len().checked_sub(hop)?;
        self.received.get(pos).copied()
    }

    /// The hop that stamped the field at `index`, whose writer calls itself `identity` (authserv-id or receiver).
    pub(super) fn tie(&self, index: usize, identity: Option<&str>) -> Option<usize> {
        let below = self.received.iter().find(|&&r| r > index).and_then(|&r| self.hop_of(r));
        let above = self.received.iter().rev().find(|&&r| r < index).copied();
        // A Received-SPF that names no receiver (mox writes none) speaks for the Authentication-Results
        // stamped in the same block, between the same two Received fields.
        let borrowed = match (identity, above) {
            (None, Some(above_idx)) if self.fields[index].name.eq_ignore_ascii_case("Received-SPF") => {
                let next = self.received.iter().find(|&&r| r > index).copied().unwrap_or(self.fields.len());
                self.fields[above_idx + 1..next]
                    .iter()
                    .find(|f| f.name.eq_ignore_ascii_case("Authentication-Results"))
                    .and_then(|f| f.value.split(';').next())
                    .and_then(|id| id.split_whitespace().next())
            }
            _ => None,
        };
        if let (Some(above_idx), Some(identity)) = (above, identity.or(borrowed)) {
            let name = &self.fields[index].name;
            let directly_under = self.fields[above_idx + 1..index].iter().all(|f| {
                (f.name.eq_ignore_ascii_case("Received-SPF")
                    || f.name.eq_ignore_ascii_case("Authentication-Results"))
                    && !f.name.eq_ignore_ascii_case(name)
            });
            let above_hop = self.hop_of(above_idx);
            let by_of = |hop: Option<usize>| hop.and_then(|h| self.hop(h)).and_then(|h| h.by.as_deref());
            let matches = |hop: Option<usize>| by_of(hop).is_some_and(|by| same_owner(identity, by));
            // Gmail and mox write their results under their own Received field. A receiver that already stamped
            // results above its Received field did not write this one: it was there before the message arrived
            // (perhaps a forgery aimed at this layout), so it stays with the hop below.
            let stamped_above = by_of(above_hop).is_some_and(|by| {
                let previous = self.received.iter().rev().find(|&&r| r < above_idx).map_or(0, |&r| r + 1);
                self.fields[previous..above_idx].iter().any(|f| {
                    (f.name.eq_ignore_ascii_case("Authentication-Results")
                        || f.name.eq_ignore_ascii_case("X-MS-Exchange-Authentication-Results"))
                        && f.value
                            .split(';')
                            .next()
                            .and_then(|id| id.split_whitespace().next())
                            .is_some_and(|id| same_owner(id, by))
                })
            });
            if !stamped_above && directly_under && matches(above_hop) && !matches(below) {
                return above_hop;
            }
        }
        below
    }
}

/// Finds the receiver and marks each results field trusted or upstream.
pub(super) fn weigh_trust(auth: &mut Authentication, layout: &Layout<'_>) {
    // 1. The anchor (never a renamed upstream copy).
    let anchor = auth
        .results
        .iter()
        .filter(|r| r.kind != ResultsKind::OriginalAuthenticationResults)
        .find(|r| r.kind != ResultsKind::ArcAuthenticationResults)
        .map(|r| (r.header_index, r.parsed.authserv_id.clone(), r.hop))
        .or_else(|| {
            auth.received_spf
                .first()
                .map(|s| (s.header_index, s.record.receiver_host().map(str::to_string), s.hop))
        })
        .or_else(|| {
            auth.results
                .iter()
                .find(|r| r.kind == ResultsKind::ArcAuthenticationResults)
                .map(|r| (r.header_index, r.parsed.authserv_id.clone(), r.hop))
        });
    let Some((anchor_index, anchor_id, mut anchor_hop)) = anchor else { return };
    // A results field below every Received field ties to no hop by position (a mail program that lists the
    // fields in another order, or a paste that put the results last). Its writer's own Received field still names
    // it: the topmost hop received by the same site or family is where it stamped the results.
    if anchor_hop.is_none()
        && !layout.received.is_empty()
        && layout.received.iter().all(|&r| r < anchor_index)
        && let Some(id) = anchor_id.as_deref().filter(|id| site(id).is_some())
    {
        anchor_hop = (1..=layout.hops.len())
            .rev()
            .find(|&h| layout.hop(h).and_then(|hop| hop.by.as_deref()).is_some_and(|by| same_owner(id, by)));
        // The writer's other fields in the same place (one results field per method, its Received-SPF) go with it.
        let below_all = |index: usize| layout.received.iter().all(|&r| r < index);
        for r in auth.results.iter_mut().filter(|r| {
            r.hop.is_none()
                && below_all(r.header_index)
                && (r.header_index == anchor_index
                    || r.parsed.authserv_id.as_deref().is_some_and(|other| same_owner(id, other)))
        }) {
            r.hop = anchor_hop;
        }
        for s in auth.received_spf.iter_mut().filter(|s| {
            s.hop.is_none()
                && below_all(s.header_index)
                && (s.header_index == anchor_index
                    || s.record.receiver_host().is_some_and(|other| same_owner(id, other)))
        }) {
            s.hop = anchor_hop;
        }
    }

    // 2. Who the receiver is.
    let mut ids = Identities::default();
    if let Some(id) = &anchor_id {
        ids.add(id);
    }
    // The `by` host of the anchor's hop names the receiver only when the anchor does not name itself (Microsoft
    // writes no authserv-id; test setups use single labels). Otherwise a foreign `by` there means the receiver's
    // own Received field is missing (a partial paste) and that hop belongs to the sender's side.
    if anchor_id.as_deref().and_then(site).is_none()
        && let Some(by) = anchor_hop.and_then(|h| layout.hop(h)).and_then(|h| h.by.as_deref())
    {
        ids.add(by);
    }

    // 3. The entry hop: walk down from the anchor's hop while hops belong to the receiver.
    let mut entry = None;
    if let Some(start) = anchor_hop {
        let mut h = start;
        while let Some(hop) = layout.hop(h) {
            if hop.by.as_deref().is_some_and(|by| ids.contains(by)) {
                entry = Some(h);
            } else if !anonymous_by(hop) {
                break;
            }
            h -= 1;
            if h == 0 {
                break;
            }
        }
        if entry.is_none() {
            entry = Some(start);
        }
    }

    // 3a. An authserv-id that names a domain no receiving host of the chain belongs to: no server on this path
    // wrote these results (anyone can paste `dmarc=pass` into a message), so they are unverified.
    // Only when a Received field sits above the anchor (a server took the message after the field was written):
    // a block that starts with the results field may be a paste without the receiver's own Received field.
    let foreign = anchor_id.as_deref().and_then(site).is_some()
        && layout.received.iter().any(|&r| r < anchor_index)
        && !layout.hops.iter().any(|h| h.by.as_deref().is_some_and(|by| ids.contains(by)));
    // 3b. The organisation that delivered the message last: the topmost hop that names its owner. When it is
    // not the anchor's, the final receiver stamped nothing and every result is upstream.
    let delivered_by = if foreign {
        layout.hops.iter().rev().find(|hop| !anonymous_by(hop)).and_then(|hop| hop.by.clone())
    } else {
        None
    };
    let delivered_by = delivered_by.or_else(|| {
        anchor_hop.and_then(|start| {
            ((start + 1)..=layout.hops.len())
                .rev()
                .filter_map(|h| layout.hop(h))
                .find(|hop| !anonymous_by(hop))
                .and_then(|hop| hop.by.clone())
                .filter(|by| !ids.contains(by))
        })
    });
    // Exchange hybrid: Exchange Online filtered the message for its tenant (it marked it Incoming) and then handed
    // it to the tenant's own on-premises servers, which are the same receiving organisation.
    let hybrid_inbound = ids.families.contains(&"Microsoft 365")
        && crate::headers::all(layout.fields, "X-MS-Exchange-Organization-MessageDirectionality")
            .any(|f| f.value.trim().eq_ignore_ascii_case("Incoming"));
    let delivered_by = delivered_by.filter(|_| !hybrid_inbound);

    // 4. Trust.
    let anchor_id_lower = anchor_id.as_deref().map(str::to_ascii_lowercase);
    let identity_ok = |id: Option<&str>| match id {
        None => true,
        Some(id) => {
            anchor_id_lower.as_deref() == Some(id.to_ascii_lowercase().as_str())
                || ids.contains(id)
                || (site(id).is_none() && entry.is_some())
        }
    };
    let position_ok = |index: usize, hop: Option<usize>| match entry {
        Some(e) => match hop {
            Some(h) => h >= e,
            None => layout.received_field(e).is_some_and(|ef| index < ef),
        },
        // No Received at all: position says nothing; the identity decides.
        None => true,
    };
    let strict_identity = |id: Option<&str>, index: usize| {
        // Without hops, only the anchor's own authserv-id counts.
        entry.is_some()
            || index == anchor_index
            || id.is_some_and(|id| anchor_id_lower.as_deref() == Some(id.to_ascii_lowercase().as_str()))
    };
    // Microsoft writes X-MS-Exchange-Authentication-Results among its organisation headers, below the whole
    // Received chain; it is its own stamp when Microsoft 365 is the receiver.
    let microsoft = ids.families.contains(&"Microsoft 365");
    for r in &mut auth.results {
        if microsoft
            && r.kind == ResultsKind::XMsExchangeAuthenticationResults
            && r.hop.is_none()
            && entry.is_some()
        {
            r.hop = entry;
        }
    }
    for r in &mut auth.results {
        let id = r.parsed.authserv_id.as_deref();
        // A renamed copy is what an earlier receiver said: shown, never trusted.
        if r.kind == ResultsKind::OriginalAuthenticationResults {
            continue;
        }
        if delivered_by.is_none()
            && position_ok(r.header_index, r.hop)
            && identity_ok(id)
            && strict_identity(id, r.header_index)
        {
            r.trust = Trust::Trusted;
        }
    }
    // A field with the receiver's own authserv-id below the hop where the message entered the receiver was there
    // before it arrived: RFC 8601 §5 says receivers should remove such fields; here it is reported as forged.
    if delivered_by.is_none() && entry.is_some() {
        for r in &mut auth.results {
            let own_id = r.parsed.authserv_id.as_deref().is_some_and(|id| {
                site(id).is_some()
                    && (anchor_id_lower.as_deref() == Some(id.to_ascii_lowercase().as_str())
                        || ids.contains(id))
            });
            if !matches!(
                r.kind,
                ResultsKind::ArcAuthenticationResults | ResultsKind::OriginalAuthenticationResults
            ) && r.trust == Trust::Upstream
                && own_id
                && !position_ok(r.header_index, r.hop)
            {
                r.forged = true;
            }
        }
    }
    for s in &mut auth.received_spf {
        let id = s.record.receiver_host();
        if delivered_by.is_none()
            && position_ok(s.header_index, s.hop)
            && identity_ok(id)
            && (entry.is_some() || s.header_index == anchor_index)
        {
            s.trust = Trust::Trusted;
        }
    }

    let name = anchor_id
        .clone()
        .or_else(|| ids.families.first().map(|f| f.to_string()))
        .or_else(|| ids.sites.first().cloned());
    let field_name = layout.fields.get(anchor_index).map_or("", |f| f.name.as_str());
    let hosts = layout.hops.len();
    let field = field_name;
    let explanation: Text = match (name, entry) {
        (Some(name), _) if foreign => {
            let by: Text = match delivered_by.as_deref() {
                Some(b) => b.into(),
                None => msg!("auth.an-unnamed-host").into(),
            };
            msg!("auth.receiver.foreign", field, name, hosts, by)
        }
        (Some(name), _) if delivered_by.is_some() => {
            msg!("auth.receiver.went-on", field, name, by = delivered_by.as_deref().unwrap_or_default())
        }
        (Some(name), Some(hop)) => msg!("auth.receiver.trusted-from", field, name, hop),
        (Some(name), None) if hosts == 0 => msg!("auth.receiver.no-received", field, name),
        (Some(name), None) => msg!("auth.receiver.not-tied", field, name, hosts),
        (None, Some(hop)) => msg!("auth.receiver.unnamed", field, hop),
        (None, None) if hosts == 0 => msg!("auth.receiver.unnamed-no-received", field),
        (None, None) => msg!("auth.receiver.unnamed-not-tied", field, hosts),
    }
    .into();
    auth.receiver = Some(Receiver {
        authserv_id: anchor_id,
        sites: ids.sites.clone(),
        families: ids.families.iter().map(|f| f.to_string()).collect(),
        anchor_header_index: anchor_index,
        entry_hop: entry,
        delivered_by,
        explanation,
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analyze_str;

    #[test]
    fn results_naming_no_host_of_the_chain_are_unverified() {
        let text = "Received: from relay.example.net (relay.example.net [203.0.113.9]) by mx.example.org (Postfix) with ESMTP id Q1; Tue, 04 Aug 2026 11:00:00 +0200\n\
            Authentication-Results: mx.bank.example.com; spf=pass smtp.mailfrom=bank.example.com; dkim=pass header.d=bank.example.com; dmarc=pass header.from=bank.example.com\n\
            From: \"Bank Security\" <security@bank.example.com>\n";
        let report = analyze_str(text);
        let a = &report.authentication;
        assert!(a.results.iter().all(|r| r.trust == Trust::Upstream));
        assert!(a.verdicts.is_empty(), "{:?}", a.verdicts);
        let r = a.receiver.as_ref().unwrap();
        assert_eq!(r.delivered_by.as_deref(), Some("mx.example.org"));
        assert!(r.explanation.contains("claims to be written by mx.bank.example.com"), "{}", r.explanation);
        assert!(r.explanation.contains("nothing they say passes"), "{}", r.explanation);
        assert!(report.findings.iter().any(|f| f.id == "auth-upstream-only"));
    }

    #[test]
    fn a_field_with_the_receivers_id_below_its_received_is_forged() {
        let text = "Authentication-Results: mx.example.org; spf=softfail smtp.mailfrom=example.net; dmarc=fail header.from=example.net\n\
            Received: from relay.example.net (relay.example.net [203.0.113.9]) by mx.example.org (Postfix) with ESMTP id Q1; Tue, 04 Aug 2026 11:00:00 +0200\n\
            Authentication-Results: mx.example.org; spf=pass smtp.mailfrom=example.net; dkim=pass header.d=example.net; dmarc=pass header.from=example.net\n\
            Received: from client.example.net (client.example.net [198.51.100.4]) by relay.example.net (Postfix) with ESMTP id R1; Tue, 04 Aug 2026 10:59:58 +0200\n\
            From: a@example.net\n";
        let a = analyze_str(text).authentication;
        assert!(!a.results[0].forged && a.results[0].trust == Trust::Trusted);
        assert!(a.results[1].forged && a.results[1].trust == Trust::Upstream);
        assert!(a.verdicts.iter().any(|v| v.method == "dmarc" && v.result == "fail"));
    }

    #[test]
    fn the_explanation_counts_the_received_fields_that_exist() {
        let text = "Received: from relay.example.net ([203.0.113.9]) by mx.example.org with ESMTP id Q1; Tue, 04 Aug 2026 11:00:00 +0200\n\
            Received: from client.example.net ([198.51.100.4]) by relay.example.net with ESMTP id Q0; Tue, 04 Aug 2026 10:59:00 +0200\n\
            Authentication-Results: mailhost; spf=pass smtp.mailfrom=example.net\n";
        let r = analyze_str(text).authentication.receiver.unwrap();
        assert_eq!(r.entry_hop, None);
        assert!(
            r.explanation.contains("None of the 2 Received fields can be tied to it"),
            "{}",
            r.explanation
        );
    }

    /// Results listed after every Received field (as some mail programs show them) are still tied to the hop their
    /// writer received: the explanation names that hop instead of saying no Received field can be tied to it.
    #[test]
    fn results_below_every_received_field_tie_to_their_writers_hop() {
        let text = "Received: from relay.example.net ([203.0.113.9]) by mx1.example.org with ESMTPS id Q1; Tue, 04 Aug 2026 11:00:00 +0200\n\
            Received: from client.example.net ([198.51.100.4]) by relay.example.net with ESMTP id Q0; Tue, 04 Aug 2026 10:59:00 +0200\n\
            Authentication-Results: mx1.example.org; spf=pass smtp.mailfrom=example.net; dmarc=pass header.from=example.net\n\
            From: a@example.net\n";
        let a = analyze_str(text).authentication;
        let r = a.receiver.as_ref().unwrap();
        assert_eq!(r.entry_hop, Some(2));
        assert!(
            r.explanation.contains("trusted from hop 2, where the message entered mx1.example.org"),
            "{}",
            r.explanation
        );
        assert_eq!(a.results[0].hop, Some(2));
        assert_eq!(a.results[0].trust, Trust::Trusted);
        assert!(!a.results[0].forged);
    }

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

    #[test]
    fn a_spoofed_field_below_the_receiver_is_upstream() {
        let r = analyze_str(
            "Authentication-Results: mx.example.org; spf=fail smtp.mailfrom=bounce@example.net; dmarc=fail header.from=example.net\n\
             Received: from out.example.net (out.example.net [203.0.113.9]) by mx.example.org (Postfix) with ESMTPS id 1; Mon, 8 Jan 2024 10:00:05 +0000\n\
             Authentication-Results: mx.example.org; spf=pass smtp.mailfrom=bounce@example.net; dmarc=pass header.from=example.net\n\
             Received: from [192.0.2.4] by out.example.net with ESMTPA id 2; Mon, 8 Jan 2024 10:00:00 +0000\n\
             From: a@example.net\n",
        );
        let a = &r.authentication;
        assert_eq!(a.results.len(), 2);
        assert_eq!((a.results[0].trust, a.results[0].hop), (Trust::Trusted, Some(2)));
        assert_eq!((a.results[1].trust, a.results[1].hop), (Trust::Upstream, Some(1)));
        assert_eq!(a.receiver.as_ref().and_then(|r| r.entry_hop), Some(2));
        let dmarc = a.verdicts.iter().find(|v| v.method == "dmarc").map(|v| v.text.to_string());
        assert_eq!(dmarc, Some("DMARC: fail (receiver mx.example.org, From domain example.net)".to_string()));
    }

    #[test]
    fn gmail_fields_under_their_received_belong_to_it() {
        let r = analyze_str(
            "Received: by 2002:a05:6a10:1::1 with SMTP id x; Mon, 8 Jan 2024 10:00:06 -0800 (PST)\n\
             Received: from out.example.net (out.example.net. [203.0.113.9]) by mx.google.com with ESMTPS id y for <u@gmail.com>; Mon, 08 Jan 2024 10:00:05 -0800 (PST)\n\
             Received-SPF: pass (google.com: domain of b@example.net designates 203.0.113.9 as permitted sender) client-ip=203.0.113.9;\n\
             Authentication-Results: mx.google.com; spf=pass smtp.mailfrom=b@example.net\n\
             Authentication-Results: mx.google.com; dmarc=pass header.from=example.net\n\
             Received: by out.example.net (Postfix) id 3; Mon, 8 Jan 2024 18:00:00 +0000\n",
        );
        let a = &r.authentication;
        assert_eq!(a.received_spf[0].hop, Some(2));
        assert_eq!(a.received_spf[0].trust, Trust::Trusted);
        assert_eq!((a.results[0].hop, a.results[0].trust), (Some(2), Trust::Trusted));
        // A second A-R under the same Received is not Gmail's own: it is tied below and upstream.
        assert_eq!((a.results[1].hop, a.results[1].trust), (Some(1), Trust::Upstream));
    }

    #[test]
    fn mox_layout_and_a_forgery_under_a_receiver_that_stamps_above() {
        // mox stamps under its own Received field, and its Received-SPF names no receiver.
        let mox = analyze_str(
            "Received: from mail.example.net ([192.0.2.7]) by mx.example.org (mox) with esmtps id x; 16 Sep 2022 12:10:07 +0200\n\
             Authentication-Results: mx.example.org; spf=pass smtp.mailfrom=example.net\n\
             Received-SPF: pass client-ip=\"192.0.2.7\"; envelope-from=\"a@example.net\";\n\
             Received: by mail.example.net with SMTP id y; Fri, 16 Sep 2022 03:10:06 -0700\n",
        );
        let a = &mox.authentication;
        assert_eq!((a.results[0].hop, a.results[0].trust), (Some(2), Trust::Trusted));
        assert_eq!((a.received_spf[0].hop, a.received_spf[0].trust), (Some(2), Trust::Trusted));
        // A receiver that stamps above its Received field did not write the field right under it.
        let forged = analyze_str(
            "Authentication-Results: mx.example.org; dmarc=fail header.from=example.net\n\
             Received: from mail.example.net ([192.0.2.7]) by mx.example.org (Postfix) with ESMTPS id x; 16 Sep 2022 12:10:07 +0200\n\
             Authentication-Results: mx.example.org; dmarc=pass header.from=example.net\n\
             Received: by mail.example.net with SMTP id y; Fri, 16 Sep 2022 03:10:06 -0700\n",
        );
        let trust: Vec<(Option<usize>, Trust)> =
            forged.authentication.results.iter().map(|r| (r.hop, r.trust)).collect();
        assert_eq!(trust, [(Some(2), Trust::Trusted), (Some(1), Trust::Upstream)]);
    }

    #[test]
    fn without_the_receivers_own_received_field_the_hop_below_is_the_senders() {
        // Gmail's Received field was not pasted: its results sit directly on the list server's hops.
        let r = analyze_str(
            "Authentication-Results: mx.google.com; dkim=neutral header.i=@example.com; dmarc=fail header.from=example.com\n\
             Received: from lists.example.org (localhost [127.0.0.1]) by lists.example.org (Postfix) id 2; Mon, 8 Jan 2024 10:00:05 +0000\n\
             Authentication-Results: lists.example.org; dkim=pass header.i=@example.com\n\
             Received: from mail.example.com (mail.example.com [203.0.113.9]) by lists.example.org (Postfix) id 1; Mon, 8 Jan 2024 10:00:04 +0000\n",
        );
        let a = &r.authentication;
        assert_eq!(a.receiver.as_ref().map(|x| x.sites.clone()), Some(vec!["google.com".to_string()]));
        assert_eq!(a.receiver.as_ref().and_then(|x| x.entry_hop), Some(2));
        let trust: Vec<Trust> = a.results.iter().map(|x| x.trust).collect();
        assert_eq!(trust, [Trust::Trusted, Trust::Upstream]);
    }
}
