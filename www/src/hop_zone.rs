//! Which part of the mail system a hop belongs to, so the timeline can group hops: the sender's internal
//! network, Exchange on-premises, Exchange Online, or the Internet. The core's envelope path gives the
//! Exchange roles (`envelope.path.steps[].role`); hops it leaves as `other` are placed by a display
//! heuristic over host names, IPs and the protocol, which labels nothing as certain.

use headerlens::domain::is_internal_host;
use headerlens::envelope::path::HopRole;
use headerlens::net::{is_exchange_online_host, is_internal_ip};
use headerlens::{Hop, Report};

/// Where a hop happened, as shown in the timeline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Zone {
    Internal,
    ExchangeOnPrem,
    ExchangeOnline,
    Internet,
}

impl Zone {
    pub fn label(self) -> &'static str {
        match self {
            Zone::Internal => crate::strings::s().ZONE_INTERNAL,
            Zone::ExchangeOnPrem => crate::strings::s().ZONE_ONPREM,
            Zone::ExchangeOnline => crate::strings::s().ZONE_EXO,
            Zone::Internet => crate::strings::s().ZONE_INTERNET,
        }
    }

    /// CSS class suffix.
    pub fn class(self) -> &'static str {
        match self {
            Zone::Internal => "zone-internal",
            Zone::ExchangeOnPrem => "zone-onprem",
            Zone::ExchangeOnline => "zone-exo",
            Zone::Internet => "zone-internet",
        }
    }
}

/// Classifies one hop by its receiving side (where the hop's Received field was written).
pub fn classify(hop: &Hop) -> Zone {
    let by = hop.by.as_deref().unwrap_or_default();
    let with = hop.with.as_deref().unwrap_or_default().to_ascii_lowercase();
    let raw = hop.raw.to_ascii_lowercase();
    let exchange = with.starts_with("microsoft")
        || with == "mapi"
        || with.starts_with("mapi ")
        || raw.contains("with microsoft smtp server")
        || raw.contains("with mapi id");
    if is_exchange_online_host(by) {
        return Zone::ExchangeOnline;
    }
    if exchange {
        return Zone::ExchangeOnPrem;
    }
    let from_private = hop.from_ip.is_some_and(is_internal_ip)
        || hop.from.as_deref().is_some_and(is_internal_host) && hop.from_ip.is_none();
    if from_private && (by.is_empty() || is_internal_host(by) || hop.by_ip.is_some_and(is_internal_ip)) {
        return Zone::Internal;
    }
    Zone::Internet
}

/// The zone for the core's hop role, when the role settles it.
pub fn zone_for_role(role: HopRole) -> Option<Zone> {
    match role {
        HopRole::OnPremExchange => Some(Zone::ExchangeOnPrem),
        HopRole::ExchangeOnlineIngress | HopRole::ExchangeOnline => Some(Zone::ExchangeOnline),
        // The egress hop is written by the receiver outside Microsoft 365.
        HopRole::ExchangeOnlineEgress => Some(Zone::Internet),
        HopRole::Other => None,
    }
}

/// The zone of every hop of the report, in hop order: the core's role where it has one, else the heuristic.
pub fn zones(report: &Report) -> Vec<Zone> {
    let steps = &report.envelope.path.steps;
    let role_of = |index: usize| steps.iter().find(|s| s.hop == index).and_then(|s| zone_for_role(s.role));
    report.hops.iter().map(|h| role_of(h.index).unwrap_or_else(|| classify(h))).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hop(from: &str, ip: &str, by: &str, with: &str) -> Hop {
        Hop {
            from: Some(from.to_string()),
            from_ip: ip.parse().ok(),
            by: Some(by.to_string()),
            with: Some(with.to_string()),
            ..Hop::default()
        }
    }

    #[test]
    fn hybrid_route_is_grouped_onprem_then_exchange_online_then_internet() {
        let onprem =
            hop("APPSRV01.resdomain.local", "10.1.20.14", "EXCH01.resdomain.local", "Microsoft SMTP Server");
        let ingress = hop(
            "EXCH01.resdomain.local",
            "203.0.113.25",
            "DM6PEPF00006FB5.mail.protection.outlook.com",
            "Microsoft SMTP Server",
        );
        let egress =
            hop("NAM12-DM6-obe.outbound.protection.outlook.com", "40.95.53.71", "mx1.example.org", "ESMTPS");
        assert_eq!(classify(&onprem), Zone::ExchangeOnPrem);
        assert_eq!(classify(&ingress), Zone::ExchangeOnline);
        assert_eq!(classify(&egress), Zone::Internet);
    }

    #[test]
    fn exchange_is_recognised_from_the_raw_line_when_the_protocol_is_cut_short() {
        let mut h = hop("APPSRV01.resdomain.local", "10.1.20.14", "EXCH01.resdomain.local", "Microsoft");
        assert_eq!(classify(&h), Zone::ExchangeOnPrem);
        h.with = None;
        h.raw =
            "Received: from a (10.0.0.1) by b (10.0.0.2) with Microsoft SMTP Server id 15.2.1544.4".into();
        assert_eq!(classify(&h), Zone::ExchangeOnPrem);
    }

    #[test]
    fn a_private_submission_to_an_internal_relay_is_internal() {
        assert_eq!(classify(&hop("laptop", "192.168.1.20", "relay.corp", "ESMTPSA")), Zone::Internal);
        assert_eq!(
            classify(&hop("[198.51.100.7]", "198.51.100.7", "mail.example.com", "ESMTPSA")),
            Zone::Internet
        );
    }

    #[test]
    fn the_core_roles_place_the_hybrid_sample() {
        let report = headerlens::analyze_str(include_str!("../e2e/fixtures/hybrid-local-return-path.eml"));
        assert_eq!(
            zones(&report),
            vec![
                Zone::ExchangeOnPrem,
                Zone::ExchangeOnPrem,
                Zone::ExchangeOnline,
                Zone::ExchangeOnline,
                Zone::ExchangeOnline,
                Zone::Internet
            ]
        );
    }
}
