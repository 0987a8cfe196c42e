//! Host and network facts, in one place: special-purpose address ranges, the mail providers (Microsoft 365, Google, the bulk-mail services, filtering gateways) with their
//! host names, egress ranges and SPF `include:`, and the consumer mailbox domains nobody but their provider can
//! change (whether a *name* can exist on the Internet is [`crate::domain`]'s). Read by the route, the trust rule, the envelope path, the diagnostics and the web crate; none of them
//! keeps its own copy.
//!
//! Sources: address ranges from the IANA special-purpose registries (RFC 6890) and the RFCs named per range.
//! Provider ranges are those the providers publish in their SPF records (Microsoft: "Set up SPF to help prevent
//! spoofing", `spf.protection.outlook.com`; the relay pool 40.95.0.0/16: "Outbound delivery pools"). They change:
//! they are used to *recognise* a provider's egress (never to advise an `ip4:`), so a range missing here only
//! makes a recognition fall back to host names.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

// ---------------------------------------------------------------------------------------------------------
// Addresses

/// What a special-purpose address is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IpKind {
    /// 10/8, 172.16/12, 192.168/16 (RFC 1918).
    Private,
    /// 100.64/10, carrier-grade NAT (RFC 6598).
    SharedCgn,
    /// 127/8, ::1.
    Loopback,
    /// 169.254/16 (RFC 3927), fe80::/10.
    LinkLocal,
    /// 0.0.0.0, ::.
    Unspecified,
    /// fc00::/7 (RFC 4193).
    UniqueLocal,
    /// 192.0.2/24, 198.51.100/24, 203.0.113/24 (RFC 5737), 2001:db8::/32 (RFC 3849): stand-ins for public
    /// addresses in samples, so they count as public here.
    Documentation,
}

impl IpKind {
    /// In words, with the RFC, e.g. "private (RFC 1918)".
    pub fn describe(self) -> &'static str {
        match self {
            IpKind::Private => "private (RFC 1918)",
            IpKind::SharedCgn => "carrier-grade NAT (RFC 6598)",
            IpKind::Loopback => "loopback",
            IpKind::LinkLocal => "link-local (RFC 3927 / RFC 4291)",
            IpKind::Unspecified => "unspecified",
            IpKind::UniqueLocal => "unique-local (RFC 4193)",
            IpKind::Documentation => "documentation (RFC 5737 / RFC 3849)",
        }
    }

    /// Never routed on the Internet (everything but documentation addresses).
    pub fn is_internal(self) -> bool {
        self != IpKind::Documentation
    }
}

/// The special-purpose kind of an address, `None` for an ordinary public one.
pub fn ip_kind(ip: IpAddr) -> Option<IpKind> {
    match ip {
        IpAddr::V4(v4) => {
            let o = v4.octets();
            if v4.is_private() {
                Some(IpKind::Private)
            } else if o[0] == 100 && (64..128).contains(&o[1]) {
                Some(IpKind::SharedCgn)
            } else if v4.is_loopback() {
                Some(IpKind::Loopback)
            } else if v4.is_link_local() {
                Some(IpKind::LinkLocal)
            } else if v4.is_unspecified() {
                Some(IpKind::Unspecified)
            } else if matches!(o, [192, 0, 2, _] | [198, 51, 100, _] | [203, 0, 113, _]) {
                Some(IpKind::Documentation)
            } else {
                None
            }
        }
        IpAddr::V6(v6) => {
            if let Some(v4) = v6.to_ipv4_mapped() {
                return ip_kind(IpAddr::V4(v4));
            }
            let s = v6.segments();
            if v6.is_loopback() {
                Some(IpKind::Loopback)
            } else if v6.is_unspecified() {
                Some(IpKind::Unspecified)
            } else if s[0] & 0xfe00 == 0xfc00 {
                Some(IpKind::UniqueLocal)
            } else if s[0] & 0xffc0 == 0xfe80 {
                Some(IpKind::LinkLocal)
            } else if s[0] == 0x2001 && s[1] == 0x0db8 {
                Some(IpKind::Documentation)
            } else {
                None
            }
        }
    }
}

/// Private, shared (CGN), loopback, link-local, unspecified or unique-local: never seen on the Internet.
/// Documentation addresses are not internal (they stand in for public ones).
pub fn is_internal_ip(ip: IpAddr) -> bool {
    ip_kind(ip).is_some_and(IpKind::is_internal)
}

/// `192.0.2.1`, `[192.0.2.1]`, `[IPv6:2001:db8::1]`, `2001:db8::1` as an address.
pub fn parse_ip_text(text: &str) -> Option<IpAddr> {
    let inner = text.trim().trim_start_matches('[').trim_end_matches(']');
    let inner = match inner.get(..5) {
        Some(p) if p.eq_ignore_ascii_case("ipv6:") => inner.get(5..)?,
        _ => inner,
    };
    // An IPv4 address starts with a digit and an IPv6 address holds a colon: host names are not parsed.
    if !inner.starts_with(|c: char| c.is_ascii_digit()) && !inner.contains(':') {
        return None;
    }
    inner.parse().ok()
}

/// True when the text is an address (bare or as an address literal).
pub fn is_ip_text(text: &str) -> bool {
    parse_ip_text(text).is_some()
}

// ---------------------------------------------------------------------------------------------------------
// Host names

fn lower_host(host: &str) -> crate::words::Lower<'_> {
    crate::words::lower(host.trim().trim_matches(['[', ']']).trim_end_matches('.'))
}

/// True when `host` is `suffix` or ends with `.suffix` (both lower case).
fn under(host: &str, suffix: &str) -> bool {
    let (host, suffix) = (host.as_bytes(), suffix.as_bytes());
    // The byte before the suffix is tested first: for most suffixes of a table it is no dot, and no
    // comparison of the suffix follows.
    match host.len().checked_sub(suffix.len()) {
        Some(0) => host == suffix,
        Some(at) => host[at - 1] == b'.' && &host[at..] == suffix,
        None => false,
    }
}

// ---------------------------------------------------------------------------------------------------------
// Microsoft 365 / Exchange Online

/// Exchange Online / Microsoft 365 mail servers: `*.outlook.com` (`*.prod.outlook.com`,
/// `*.mail.protection.outlook.com`, `*.outbound.protection.outlook.com`), `*.office365.com`,
/// `*.exchangelabs.com`, `*.outlook.office.com`. Microsoft's corporate `*.microsoft.com` hosts are not counted:
/// they are one organisation using the service, not the service.
pub fn is_exchange_online_host(host: &str) -> bool {
    exchange_online_lower(&lower_host(host))
}

/// [`is_exchange_online_host`] of a name already trimmed and lower-cased.
fn exchange_online_lower(h: &str) -> bool {
    ["outlook.com", "office365.com", "exchangelabs.com", "outlook.office.com"].iter().any(|s| under(h, s))
}

/// Exchange Online's servers inside the service (hops between them): `*.prod.outlook.com`,
/// `*.outlook.office365.com`, `*.prod.exchangelabs.com`, `*.prod.protection.outlook.com`.
pub fn is_exchange_online_internal(host: &str) -> bool {
    let h: &str = &lower_host(host);
    ["prod.outlook.com", "outlook.office365.com", "prod.exchangelabs.com", "prod.protection.outlook.com"]
        .iter()
        .any(|s| h.strip_suffix(s).is_some_and(|rest| rest.ends_with('.')))
}

/// Exchange Online Protection's inbound front door (`*.mail.protection.outlook.com`).
pub fn is_eop_ingress(host: &str) -> bool {
    lower_host(host).as_str().ends_with(".mail.protection.outlook.com")
}

/// Exchange Online's outbound servers (`*.outbound.protection.outlook.com`).
pub fn is_exchange_online_outbound(host: &str) -> bool {
    lower_host(host).as_str().ends_with(".outbound.protection.outlook.com")
}

/// Any Microsoft-run mail host: Exchange Online, or Microsoft's older consumer and corporate mail hosts
/// (`*.hotmail.com`, `*.microsoft.com`, `*.office.com`).
pub fn is_microsoft_host(host: &str) -> bool {
    let h: &str = &lower_host(host);
    exchange_online_lower(h) || ["hotmail.com", "microsoft.com", "office.com"].iter().any(|s| under(h, s))
}

/// Exchange Online's relay pool, 40.95.0.0/16 ("Outbound delivery pools").
pub fn in_relay_pool(ip: IpAddr) -> bool {
    in_ranges(ip, &[Net::v4([40, 95, 0, 0], 16)])
}

/// Relay-pool host names such as `mail-psaapc01rlnn2071.outbound.protection.outlook.com`: the first label
/// contains "rly" (Microsoft's documented marker) or `rl?n` followed by digits (observed).
pub fn is_relay_pool_host(host: &str) -> bool {
    let h: &str = &lower_host(host);
    if !is_exchange_online_outbound(h) {
        return false;
    }
    let first = h.split('.').next().unwrap_or("");
    let b = first.as_bytes();
    first.contains("rly")
        || b.windows(5).any(|w| {
            w[0] == b'r' && w[1] == b'l' && w[2].is_ascii_lowercase() && w[3] == b'n' && w[4].is_ascii_digit()
        })
}

// ---------------------------------------------------------------------------------------------------------
// Providers

/// What a provider does for the organisations that use it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProviderKind {
    /// Hosts mailboxes and sends for organisations (Microsoft 365, Google Workspace).
    Mailbox,
    /// Sends bulk or transactional mail for its customers (SES, SendGrid, Mailchimp, …).
    Esp,
    /// Filters mail in front of an organisation's mailboxes (Proofpoint, Mimecast, …).
    Gateway,
}

/// A mail provider shared by many organisations.
#[derive(Debug)]
pub struct Provider {
    pub name: &'static str,
    pub kind: ProviderKind,
    /// Host-name suffixes of its mail servers.
    pub hosts: &'static [&'static str],
    /// Its egress ranges (from its published SPF record; may lag behind the provider).
    pub ranges: &'static [Net],
    /// The SPF `include:` a customer domain uses to authorise it, when there is one for all customers.
    pub spf_include: Option<&'static str>,
    /// False for services whose Received stamps never say whether TLS was used (so a stamp without TLS words
    /// is no evidence of plain text).
    pub records_tls: bool,
}

/// An address range.
#[derive(Debug, Clone, Copy)]
pub enum Net {
    V4([u8; 4], u8),
    V6([u16; 8], u8),
}

impl Net {
    const fn v4(a: [u8; 4], len: u8) -> Net {
        Net::V4(a, len)
    }
    const fn v6(s: [u16; 4], len: u8) -> Net {
        Net::V6([s[0], s[1], s[2], s[3], 0, 0, 0, 0], len)
    }

    pub fn contains(&self, ip: IpAddr) -> bool {
        match (self, ip) {
            (Net::V4(net, len), IpAddr::V4(v4)) => {
                prefix_eq(u32::from(Ipv4Addr::from(*net)) as u128, u32::from(v4) as u128, 32, u32::from(*len))
            }
            (Net::V6(net, len), IpAddr::V6(v6)) => {
                prefix_eq(u128::from(Ipv6Addr::from(*net)), u128::from(v6), 128, u32::from(*len))
            }
            (_, IpAddr::V6(v6)) => v6.to_ipv4_mapped().is_some_and(|v4| self.contains(IpAddr::V4(v4))),
            _ => false,
        }
    }
}

fn prefix_eq(a: u128, b: u128, bits: u32, len: u32) -> bool {
    let len = len.min(bits);
    len == 0 || (a ^ b) >> (bits - len) == 0
}

fn in_ranges(ip: IpAddr, ranges: &[Net]) -> bool {
    ranges.iter().any(|n| n.contains(ip))
}

pub const MICROSOFT_365: Provider = Provider {
    name: "Microsoft 365",
    kind: ProviderKind::Mailbox,
    hosts: &["outlook.com", "office365.com", "exchangelabs.com", "outlook.office.com"],
    ranges: &[
        Net::v4([40, 92, 0, 0], 15),
        Net::v4([40, 107, 0, 0], 16),
        Net::v4([52, 100, 0, 0], 14),
        Net::v4([104, 47, 0, 0], 17),
        Net::v4([40, 95, 0, 0], 16),
        Net::v4([40, 93, 0, 0], 16),
        Net::v6([0x2a01, 0x111, 0xf400, 0], 48),
        Net::v6([0x2a01, 0x111, 0xf403, 0], 48),
    ],
    spf_include: Some("spf.protection.outlook.com"),
    records_tls: true,
};

pub const GOOGLE: Provider = Provider {
    name: "Google",
    kind: ProviderKind::Mailbox,
    hosts: &["google.com", "gmail.com", "googlemail.com"],
    ranges: &[
        Net::v4([209, 85, 128, 0], 17),
        Net::v4([74, 125, 0, 0], 16),
        Net::v4([64, 233, 160, 0], 19),
        Net::v4([66, 102, 0, 0], 20),
        Net::v4([66, 249, 80, 0], 20),
        Net::v4([72, 14, 192, 0], 18),
        Net::v4([108, 177, 8, 0], 21),
        Net::v4([173, 194, 0, 0], 16),
        Net::v4([172, 217, 0, 0], 19),
        Net::v4([172, 253, 56, 0], 21),
        Net::v4([172, 253, 112, 0], 20),
        Net::v4([216, 58, 192, 0], 19),
        Net::v4([216, 239, 32, 0], 19),
        Net::v4([35, 190, 247, 0], 24),
        Net::v6([0x2001, 0x4860, 0x4000, 0], 36),
        Net::v6([0x2404, 0x6800, 0x4000, 0], 36),
        Net::v6([0x2607, 0xf8b0, 0x4000, 0], 36),
        Net::v6([0x2800, 0x3f0, 0x4000, 0], 36),
        Net::v6([0x2a00, 0x1450, 0x4000, 0], 36),
        Net::v6([0x2c0f, 0xfb50, 0x4000, 0], 36),
    ],
    spf_include: Some("_spf.google.com"),
    records_tls: true,
};

/// True when the provider server `host` (the receiver of a message's oldest hop) adds a `Return-Path` as it
/// accepts the message from its author, so that its mail, once delivered, carries two (the final delivery adds
/// another, RFC 5321 §4.4): Gmail's, above the submission stamp (`by smtp.gmail.com with ESMTPSA`; in older mail
/// `by mx.google.com with ESMTPS`), and Mandrill's (Mailchimp's transactional service), above its API injection
/// stamp (`from [ip] by mandrillapp.com id …`), as delivered mail of each shows. Mailchimp's campaign servers
/// write no such stamp, so only Mandrill's host counts.
pub fn adds_return_path_at_submission(host: &str) -> bool {
    let host = host.trim_end_matches('.').to_ascii_lowercase();
    provider_of_host(&host).is_some_and(|p| p.name == GOOGLE.name)
        || host == "mandrillapp.com"
        || host.ends_with(".mandrillapp.com")
}

/// Every provider known here, mailbox providers first.
pub const PROVIDERS: &[Provider] = &[
    MICROSOFT_365,
    GOOGLE,
    // Rackspace hosts mailboxes for organisations: its hosted Exchange servers are `*.mlsrvr.com`, its mail
    // relays and Rackspace Email `*.emailsrvr.com` (customers authorise them with `include:emailsrvr.com`).
    Provider {
        name: "Rackspace",
        kind: ProviderKind::Mailbox,
        hosts: &["emailsrvr.com", "mlsrvr.com"],
        ranges: &[],
        spf_include: Some("emailsrvr.com"),
        records_tls: true,
    },
    Provider {
        name: "Amazon SES",
        kind: ProviderKind::Esp,
        hosts: &["amazonses.com"],
        ranges: &[
            Net::v4([54, 240, 0, 0], 18),
            Net::v4([54, 240, 64, 0], 19),
            Net::v4([69, 169, 224, 0], 20),
            Net::v4([23, 249, 208, 0], 20),
            Net::v4([23, 251, 224, 0], 19),
            Net::v4([76, 223, 176, 0], 20),
            Net::v4([199, 255, 192, 0], 22),
            Net::v4([199, 127, 232, 0], 22),
        ],
        spf_include: Some("amazonses.com"),
        records_tls: false,
    },
    Provider {
        name: "SendGrid",
        kind: ProviderKind::Esp,
        hosts: &["sendgrid.net", "sendgrid.com"],
        ranges: &[
            Net::v4([167, 89, 0, 0], 17),
            Net::v4([149, 72, 0, 0], 16),
            Net::v4([168, 245, 0, 0], 17),
            Net::v4([159, 183, 0, 0], 16),
            Net::v4([198, 21, 0, 0], 21),
            Net::v4([208, 117, 48, 0], 20),
            Net::v4([50, 31, 32, 0], 19),
        ],
        spf_include: Some("sendgrid.net"),
        records_tls: false,
    },
    Provider {
        name: "Mailchimp",
        kind: ProviderKind::Esp,
        hosts: &["mcsv.net", "mcdlv.net", "rsgsv.net", "mailchimp.com", "mandrillapp.com"],
        ranges: &[
            Net::v4([205, 201, 128, 0], 20),
            Net::v4([198, 2, 128, 0], 18),
            Net::v4([148, 105, 0, 0], 16),
        ],
        spf_include: Some("servers.mcsv.net"),
        records_tls: true,
    },
    Provider {
        name: "Mailgun",
        kind: ProviderKind::Esp,
        hosts: &["mailgun.net", "mailgun.org", "mailgun.info"],
        ranges: &[
            Net::v4([161, 38, 192, 0], 20),
            Net::v4([143, 55, 224, 0], 21),
            Net::v4([159, 135, 224, 0], 20),
            Net::v4([69, 72, 32, 0], 20),
        ],
        spf_include: Some("mailgun.org"),
        records_tls: true,
    },
    Provider {
        name: "Postmark",
        kind: ProviderKind::Esp,
        hosts: &["mtasv.net", "postmarkapp.com"],
        ranges: &[],
        spf_include: Some("spf.mtasv.net"),
        records_tls: true,
    },
    Provider {
        name: "SparkPost",
        kind: ProviderKind::Esp,
        hosts: &["sparkpostmail.com"],
        ranges: &[],
        spf_include: Some("sparkpostmail.com"),
        records_tls: true,
    },
    Provider {
        name: "Brevo",
        kind: ProviderKind::Esp,
        hosts: &["sendinblue.com", "brevo.com", "sender-sib.com"],
        ranges: &[],
        spf_include: Some("spf.brevo.com"),
        records_tls: true,
    },
    Provider {
        name: "Salesforce Marketing Cloud",
        kind: ProviderKind::Esp,
        hosts: &["exacttarget.com", "salesforce.com"],
        ranges: &[],
        spf_include: None,
        records_tls: true,
    },
    Provider {
        name: "Proofpoint",
        kind: ProviderKind::Gateway,
        hosts: &["pphosted.com", "ppe-hosted.com"],
        ranges: &[],
        spf_include: None,
        records_tls: true,
    },
    Provider {
        name: "Mimecast",
        kind: ProviderKind::Gateway,
        hosts: &["mimecast.com", "mimecast-offshore.com"],
        ranges: &[],
        spf_include: None,
        records_tls: true,
    },
    Provider {
        name: "Barracuda",
        kind: ProviderKind::Gateway,
        hosts: &["barracudanetworks.com", "cudamail.com"],
        ranges: &[],
        spf_include: None,
        records_tls: true,
    },
    Provider {
        name: "Cisco Secure Email",
        kind: ProviderKind::Gateway,
        hosts: &["iphmx.com"],
        ranges: &[],
        spf_include: None,
        records_tls: true,
    },
    // Trend Micro Email Security (`*.tmes.trendmicro.com`/`.eu`, regional variants) and its older Hosted Email
    // Security (`*.hes.trendmicro.com`/`.eu`): the filtering service in front of its customers' mailboxes. Only
    // these service names: `trendmicro.com` itself is also Trend Micro's own mail domain.
    Provider {
        name: "Trend Micro Email Security",
        kind: ProviderKind::Gateway,
        hosts: &[
            "tmes.trendmicro.com",
            "tmes.trendmicro.eu",
            "tmes-anz.trendmicro.com",
            "tmes.trendmicro.co.jp",
            "hes.trendmicro.com",
            "hes.trendmicro.eu",
        ],
        ranges: &[],
        spf_include: None,
        records_tls: true,
    },
    // SpamExperts (N-able Mail Assure): `*.antispamcloud.com` filters inbound mail for its customers.
    Provider {
        name: "SpamExperts",
        kind: ProviderKind::Gateway,
        hosts: &["antispamcloud.com"],
        ranges: &[],
        spf_include: None,
        records_tls: true,
    },
];

/// The provider a host name belongs to.
pub fn provider_of_host(host: &str) -> Option<&'static Provider> {
    let h: &str = &lower_host(host);
    if h.is_empty() {
        return None;
    }
    // Amazon SES receives at `inbound-smtp.<region>.amazonaws.com` (the rest of amazonaws.com is anyone's).
    if h.starts_with("inbound-smtp.") && h.ends_with(".amazonaws.com") {
        return PROVIDERS.iter().find(|p| p.name == "Amazon SES");
    }
    PROVIDERS.iter().find(|p| p.hosts.iter().any(|s| under(h, s)))
}

/// The provider whose published egress ranges hold `ip`.
pub fn provider_of_ip(ip: IpAddr) -> Option<&'static Provider> {
    PROVIDERS.iter().find(|p| in_ranges(ip, p.ranges))
}

/// True when `ip` is in a range shared by many customers of a provider: never something to list in SPF.
pub fn is_shared_provider_ip(ip: IpAddr) -> bool {
    provider_of_ip(ip).is_some()
}

// ---------------------------------------------------------------------------------------------------------
// Brands a display name may claim

/// A well-known brand, or a provider of [`PROVIDERS`], whose name in a From display name on an address outside its
/// own domains is a sign of likely impersonation (`"Mailgun Team" <info@example.net>`). The one list of them.
#[derive(Debug)]
pub struct Brand {
    /// The brand as reports name it.
    pub name: &'static str,
    /// How a display name writes it: lower-case words separated by single spaces (`trust wallet`, `trustwallet`).
    pub spellings: &'static [&'static str],
    /// The first label of its organisational domains, under any public suffix (`paypal` for paypal.com,
    /// paypal.de, paypal.co.uk).
    pub labels: &'static [&'static str],
    /// Further organisational domains its own mail comes from (`facebookmail.com`).
    pub domains: &'static [&'static str],
    /// The sending service of [`PROVIDERS`] it is: the service's host domains are its own too.
    pub provider: Option<&'static str>,
}

const fn brand(
    name: &'static str,
    spellings: &'static [&'static str],
    labels: &'static [&'static str],
) -> Brand {
    Brand { name, spellings, labels, domains: &[], provider: None }
}

/// Well-known brands that phishing names, and the sending services of [`PROVIDERS`]. Not: mailbox domains anyone
/// can have an address at (gmail.com, outlook.com, icloud.com are not the brand's own mail), filtering gateways
/// (their quarantine digests come from the customer's own domain), brands that are common words or surnames
/// (Chase, Meta, UPS, Ledger and Schwab alone: "The Ledger" is a newspaper, "Ledger Support" an accountant, Schwab a
/// surname), product names tenants send under their own domains (SharePoint, OneDrive, Teams and Outlook alerts
/// come from the customer's own addresses), and generic terms such as "bank".
pub const BRANDS: &[Brand] = &[
    Brand {
        domains: &[
            "microsoftonline.com",
            "office365.com",
            "office.com",
            "sharepointonline.com",
            "microsoftstore.com",
        ],
        ..brand("Microsoft", &["microsoft", "office 365"], &["microsoft"])
    },
    Brand {
        domains: &["googlemail.com", "youtube.com"],
        ..brand("Google", &["google", "gmail"], &["google"])
    },
    brand("Apple", &["apple", "icloud", "itunes"], &["apple"]),
    Brand {
        provider: Some("Amazon SES"),
        domains: &["a2z.com"],
        ..brand("Amazon", &["amazon", "amazon.com", "aws"], &["amazon", "aws"])
    },
    Brand { domains: &["paypal-communication.com"], ..brand("PayPal", &["paypal"], &["paypal"]) },
    brand("DocuSign", &["docusign"], &["docusign"]),
    Brand { domains: &["dropboxmail.com"], ..brand("Dropbox", &["dropbox"], &["dropbox"]) },
    brand("Adobe", &["adobe", "adobe sign"], &["adobe", "adobesign", "echosign"]),
    brand("Netflix", &["netflix"], &["netflix"]),
    Brand { domains: &["facebookmail.com", "fb.com"], ..brand("Facebook", &["facebook"], &["facebook"]) },
    Brand { domains: &["facebookmail.com"], ..brand("Instagram", &["instagram"], &["instagram"]) },
    brand("LinkedIn", &["linkedin"], &["linkedin"]),
    brand("DHL", &["dhl", "dhl express"], &["dhl"]),
    brand("FedEx", &["fedex"], &["fedex"]),
    brand("MetaMask", &["metamask"], &["metamask"]),
    brand("Coinbase", &["coinbase"], &["coinbase"]),
    brand("Binance", &["binance"], &["binance"]),
    brand("Trust Wallet", &["trust wallet", "trustwallet"], &["trustwallet"]),
    brand("Ledger", &["ledger live"], &["ledger"]),
    brand("Charles Schwab", &["charles schwab"], &["schwab"]),
    brand("USAA", &["usaa"], &["usaa"]),
    Brand { domains: &["wf.com"], ..brand("Wells Fargo", &["wells fargo", "wellsfargo"], &["wellsfargo"]) },
    Brand { domains: &["bofa.com"], ..brand("Bank of America", &["bank of america"], &["bankofamerica"]) },
    brand("Mercado Pago", &["mercado pago", "mercadopago"], &["mercadopago", "mercadolibre", "mercadolivre"]),
    Brand { provider: Some("Mailgun"), ..brand("Mailgun", &["mailgun"], &["mailgun"]) },
    Brand {
        provider: Some("SendGrid"),
        ..brand("SendGrid", &["sendgrid", "twilio sendgrid"], &["sendgrid", "twilio"])
    },
    Brand { provider: Some("Mailchimp"), ..brand("Mailchimp", &["mailchimp"], &["mailchimp", "intuit"]) },
    Brand {
        provider: Some("Postmark"),
        domains: &["wildbit.com"],
        ..brand("Postmark", &["postmark"], &["postmarkapp"])
    },
    Brand { provider: Some("SparkPost"), ..brand("SparkPost", &["sparkpost"], &["sparkpost"]) },
    Brand { provider: Some("Brevo"), ..brand("Brevo", &["brevo", "sendinblue"], &["brevo", "sendinblue"]) },
    Brand {
        provider: Some("Salesforce Marketing Cloud"),
        domains: &["sfdc.net", "force.com"],
        ..brand("Salesforce", &["salesforce"], &["salesforce", "exacttarget"])
    },
];

/// Words a brand's own notices put around its name ("Mailgun Team", "PayPal Service", "Metamask.io"): a display
/// name made only of a brand and these claims to be the brand itself. Any other word ("Apple Valley Dental", "Jane
/// via Google Docs") makes it some other name.
const BRAND_CLAIM_WORDS: &[&str] = &[
    "team",
    "support",
    "security",
    "service",
    "services",
    "customer",
    "care",
    "account",
    "accounts",
    "billing",
    "notification",
    "notifications",
    "alert",
    "alerts",
    "notice",
    "info",
    "information",
    "help",
    "helpdesk",
    "center",
    "centre",
    "no",
    "reply",
    "noreply",
    "do",
    "not",
    "official",
    "verification",
    "department",
    "admin",
    "administrator",
    "app",
    "online",
    "inc",
    "ltd",
    "llc",
    "com",
    "io",
    "net",
    "org",
    "id",
    "update",
    "updates",
    "system",
    "payment",
    "payments",
    "safety",
    "protection",
    "identity",
    "mail",
    "message",
    "messages",
    "wallet",
    "storage",
    "cloud",
];

/// The brand a display name claims to be: a spelling of one of [`BRANDS`] with nothing but
/// [`BRAND_CLAIM_WORDS`] around it.
pub fn brand_claimed(display_name: &str) -> Option<&'static Brand> {
    let lower = display_name.to_lowercase();
    let words: Vec<&str> = lower.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
    // A spelling that matches holds every word that is not a claim word: one without the first such word is
    // passed over unread.
    let key = words.iter().find(|w| !BRAND_CLAIM_WORDS.contains(w)).copied();
    BRANDS.iter().find(|b| {
        b.spellings.iter().filter(|s| key.is_none_or(|k| holds(s, k))).any(|spelling| {
            let len = spelling.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).count();
            (0..words.len().saturating_sub(len - 1)).any(|start| {
                spells(&words[start..start + len], spelling)
                    && words[..start]
                        .iter()
                        .chain(&words[start + len..])
                        .all(|w| BRAND_CLAIM_WORDS.contains(w))
            })
        })
    })
}

/// True when `text` holds `part` (short texts: tested at each byte that starts it, without a searcher to set up).
fn holds(text: &str, part: &str) -> bool {
    let (text, part) = (text.as_bytes(), part.as_bytes());
    let Some(&first) = part.first() else { return true };
    text.windows(part.len()).any(|w| w[0] == first && w == part)
}

/// True when `words` are the words of `spelling` (split where `brand_claimed` splits a display name), compared in
/// place: this runs on every From display name.
fn spells(words: &[&str], spelling: &str) -> bool {
    let separator = |c: char| !c.is_alphanumeric();
    let mut rest = spelling;
    for word in words {
        let Some(r) = rest.trim_start_matches(separator).strip_prefix(word) else { return false };
        if r.starts_with(|c: char| c.is_alphanumeric()) {
            return false;
        }
        rest = r;
    }
    rest.trim_start_matches(separator).is_empty()
}

impl Brand {
    /// True when the organisational domain `org` (lower case) may be one of the brand's own: one of its labels
    /// contains the brand's label or the first label of one of its further domains (`sns.amazonaws.com`,
    /// `email.adobesystems.com`, `wellsfargoadvisors.com`, `dhl-news.com`). Deliberately generous: a lookalike
    /// (`paypal-secure.example`) is missed rather than the brand's own mail called an impersonation.
    pub fn owns(&self, org: &str) -> bool {
        let tokens =
            || self.labels.iter().copied().chain(self.domains.iter().filter_map(|d| d.split('.').next()));
        org.split('.').any(|label| tokens().any(|t| label.contains(t)))
            || self.domains.contains(&org)
            || self
                .provider
                .and_then(|p| PROVIDERS.iter().find(|x| x.name == p))
                .is_some_and(|p| p.hosts.iter().any(|h| under(h, org)))
    }
}

// ---------------------------------------------------------------------------------------------------------
// Consumer mailbox domains

/// Consumer mailbox domains matched exactly.
const CONSUMER_EXACT: &[&str] = &[
    "gmail.com",
    "googlemail.com",
    "outlook.com",
    "msn.com",
    "windowslive.com",
    "passport.com",
    "ymail.com",
    "rocketmail.com",
    "icloud.com",
    "me.com",
    "mac.com",
    "aol.com",
    "aim.com",
    "web.de",
    "t-online.de",
    "freenet.de",
    "mail.ru",
    "proton.me",
    "protonmail.com",
    "pm.me",
    "zoho.com",
    "orange.fr",
    "free.fr",
    "laposte.net",
    "libero.it",
    "comcast.net",
    "att.net",
    "verizon.net",
    "qq.com",
    "163.com",
    "126.com",
    "naver.com",
    "seznam.cz",
    "btinternet.com",
    // Internet access providers' and independent mailbox services' consumer domains (Europe, the Americas,
    // Asia-Pacific): their subscribers' addresses, in DNS their provider alone runs.
    "xs4all.nl",
    "ziggo.nl",
    "kpnmail.nl",
    "planet.nl",
    "hetnet.nl",
    "home.nl",
    "chello.nl",
    "telenet.be",
    "skynet.be",
    "bluewin.ch",
    "wanadoo.fr",
    "sfr.fr",
    "neuf.fr",
    "bbox.fr",
    "club-internet.fr",
    "arcor.de",
    "online.de",
    "vodafonemail.de",
    "posteo.de",
    "mailbox.org",
    "virgilio.it",
    "alice.it",
    "tiscali.it",
    "tin.it",
    "telefonica.net",
    "terra.es",
    "wp.pl",
    "o2.pl",
    "onet.pl",
    "interia.pl",
    "centrum.cz",
    "talktalk.net",
    "ntlworld.com",
    "blueyonder.co.uk",
    "sbcglobal.net",
    "bellsouth.net",
    "charter.net",
    "cox.net",
    "earthlink.net",
    "optonline.net",
    "juno.com",
    "netzero.net",
    "rogers.com",
    "shaw.ca",
    "sympatico.ca",
    "bigpond.com",
    "optusnet.com.au",
    "mail.com",
    "tutanota.com",
    "tuta.io",
    "fastmail.com",
    "hey.com",
    "inbox.ru",
    "list.ru",
    "bk.ru",
    "rambler.ru",
    "ukr.net",
    "hanmail.net",
    "daum.net",
    "sina.com",
    "rediffmail.com",
    "uol.com.br",
    "bol.com.br",
];

/// Consumer brands registered under many country suffixes (`hotmail.co.uk`, `yahoo.fr`, `gmx.net`).
const CONSUMER_BRANDS: &[&str] = &["hotmail", "live", "outlook", "yahoo", "gmx", "yandex", "aol"];

/// A consumer mailbox domain (gmail.com, outlook.com, hotmail.*, live.*, yahoo.*, icloud.com, gmx.*, web.de, …)
/// or a subdomain of one: its DNS belongs to the provider, never to the person or organisation using it.
pub fn is_consumer_mailbox_domain(domain: &str) -> bool {
    let d: &str = &lower_host(domain);
    if CONSUMER_EXACT.iter().any(|c| under(d, c)) {
        return true;
    }
    // `<brand>.<country or generic suffix>`: at most two short labels after the brand (`hotmail.co.uk`, `gmx.net`).
    let labels: Vec<&str> = d.split('.').collect();
    labels.iter().enumerate().any(|(i, l)| {
        let tail = &labels[i + 1..];
        CONSUMER_BRANDS.contains(l)
            && (1..=2).contains(&tail.len())
            && tail.iter().all(|t| (2..=3).contains(&t.len()) && t.bytes().all(|b| b.is_ascii_lowercase()))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    #[test]
    fn a_brand_claimed_only_with_its_own_words_around_it() {
        let claimed = |n: &str| brand_claimed(n).map(|b| b.name);
        assert_eq!(claimed("Mailgun Team"), Some("Mailgun"));
        assert_eq!(claimed("Metamask.io"), Some("MetaMask"));
        assert_eq!(claimed("TrustWallet APP"), Some("Trust Wallet"));
        assert_eq!(claimed("Microsoft account team"), Some("Microsoft"));
        assert_eq!(claimed("Bank of America Alerts"), Some("Bank of America"));
        assert_eq!(claimed("Amazon.com Support"), claimed("Amazon"));
        assert!(claimed("Amazon.com").is_some());
        for other in [
            "Apple Valley Dental",
            "Jane Doe via Google Docs",
            "Alice Example",
            "General Ledger",
            "Fuckbook",
            "Bank",
            "The Ledger",
            "Ledger Support",
            "Schwab",
            "SharePoint Online",
            "OneDrive",
            "Microsoft Teams",
            "The Amazon",
        ] {
            assert_eq!(claimed(other), None, "{other}");
        }
    }

    #[test]
    fn a_brand_owns_its_domains_under_any_suffix_and_its_services_hosts() {
        let b = |n: &str| BRANDS.iter().find(|b| b.name == n).unwrap();
        assert!(b("PayPal").owns("paypal.de"));
        assert!(b("Facebook").owns("facebookmail.com"));
        assert!(b("Mailgun").owns("mailgun.net"));
        assert!(b("Mailchimp").owns("mcsv.net"));
        assert!(!b("Mailgun").owns("example.net"));
        assert!(!b("Google").owns("gmail.com"));
        // Any label containing the brand's token, or one of its further domains', may be the brand's own.
        assert!(b("Amazon").owns("amazonaws.com"));
        assert!(b("Adobe").owns("adobesystems.com"));
        assert!(b("Wells Fargo").owns("wellsfargoadvisors.com"));
        assert!(b("DHL").owns("dhl-news.com"));
        assert!(b("Salesforce").owns("sfdc.net"));
        assert!(b("Postmark").owns("wildbit.com"));
        assert!(!b("Amazon").owns("example.com"));
    }

    #[test]
    fn every_sending_service_is_a_brand() {
        for p in PROVIDERS.iter().filter(|p| p.kind == ProviderKind::Esp) {
            assert!(BRANDS.iter().any(|b| b.provider == Some(p.name)), "{}", p.name);
        }
    }

    #[test]
    fn special_ranges() {
        assert_eq!(ip_kind(ip("10.1.2.3")), Some(IpKind::Private));
        assert_eq!(ip_kind(ip("172.31.255.1")), Some(IpKind::Private));
        assert_eq!(ip_kind(ip("172.32.0.1")), None);
        assert_eq!(ip_kind(ip("100.72.1.1")), Some(IpKind::SharedCgn));
        assert_eq!(ip_kind(ip("100.128.0.1")), None);
        assert_eq!(ip_kind(ip("169.254.9.9")), Some(IpKind::LinkLocal));
        assert_eq!(ip_kind(ip("::1")), Some(IpKind::Loopback));
        assert_eq!(ip_kind(ip("::ffff:192.168.1.1")), Some(IpKind::Private));
        assert_eq!(ip_kind(ip("fd00::1")), Some(IpKind::UniqueLocal));
        assert_eq!(ip_kind(ip("fe80::1")), Some(IpKind::LinkLocal));
        assert_eq!(ip_kind(ip("203.0.113.5")), Some(IpKind::Documentation));
        assert_eq!(ip_kind(ip("2001:db8::1")), Some(IpKind::Documentation));
        assert!(is_internal_ip(ip("192.168.178.20")));
        assert!(!is_internal_ip(ip("203.0.113.5")));
        assert!(!is_internal_ip(ip("2603:10a6:20b:488::17")));
        assert!(!is_internal_ip(ip("40.95.53.71")));
    }

    #[test]
    fn microsoft_hosts_and_pools() {
        assert!(is_exchange_online_host("HK2PEPF00006FB5.mail.protection.outlook.com"));
        assert!(is_exchange_online_host("PS2PR02CA0091.outlook.office365.com"));
        assert!(is_exchange_online_host("outlook.com"));
        assert!(!is_exchange_online_host("notoutlook.com"));
        assert!(!is_exchange_online_host("mx.microsoft.com"));
        assert!(is_microsoft_host("mx.microsoft.com"));
        assert!(is_exchange_online_internal("AS9PR05CA0012.eurprd05.prod.outlook.com"));
        assert!(is_exchange_online_internal("BN8NAM04FT050.eop-NAM04.prod.protection.outlook.com"));
        assert!(!is_exchange_online_internal("EUR05-AM6-obe.outbound.protection.outlook.com"));
        assert!(is_eop_ingress("DB5PEPF00014B9A.mail.protection.outlook.com."));
        assert!(is_relay_pool_host("mail-psaapc01rlnn2071.outbound.protection.outlook.com"));
        assert!(is_relay_pool_host("mail-eastusrlhn2005.outbound.protection.outlook.com"));
        assert!(!is_relay_pool_host("mail-southcentralusazon11012036.outbound.protection.outlook.com"));
        assert!(!is_relay_pool_host("mail-rlnn2071.example.com"));
        assert!(in_relay_pool(ip("40.95.53.71")));
        assert!(!in_relay_pool(ip("40.93.195.36")));
        assert!(!in_relay_pool(ip("2603:10a6::1")));
    }

    #[test]
    fn provider_ranges_and_hosts() {
        for shared in
            ["40.92.1.1", "40.107.22.5", "52.103.0.9", "104.47.127.1", "40.95.22.93", "2a01:111:f403:7005::1"]
        {
            assert_eq!(provider_of_ip(ip(shared)).map(|p| p.name), Some("Microsoft 365"), "{shared}");
        }
        assert!(provider_of_ip(ip("104.47.128.1")).is_none());
        assert_eq!(provider_of_ip(ip("209.85.220.41")).map(|p| p.name), Some("Google"));
        assert_eq!(provider_of_ip(ip("74.125.82.68")).map(|p| p.name), Some("Google"));
        assert_eq!(provider_of_ip(ip("2a00:1450:4864:20::32f")).map(|p| p.name), Some("Google"));
        assert_eq!(provider_of_ip(ip("54.240.8.97")).map(|p| p.name), Some("Amazon SES"));
        assert!(provider_of_ip(ip("198.51.100.66")).is_none());
        assert_eq!(provider_of_host("a8-97.smtp-out.amazonses.com").map(|p| p.name), Some("Amazon SES"));
        assert_eq!(
            provider_of_host("inbound-smtp.us-east-1.amazonaws.com").map(|p| p.name),
            Some("Amazon SES")
        );
        assert!(provider_of_host("ec2-198-51-100-1.compute-1.amazonaws.com").is_none());
        assert_eq!(provider_of_host("ismtpd0021p1iad2.sendgrid.net").map(|p| p.records_tls), Some(false));
        assert_eq!(
            provider_of_host("mx0b-00069f01.pphosted.com").map(|p| p.kind),
            Some(ProviderKind::Gateway)
        );
        assert_eq!(provider_of_host("mail-wm0-f68.google.com").map(|p| p.name), Some("Google"));
        assert!(provider_of_host("notgoogle.com").is_none());
        // Inbound filtering services are gateways; Trend Micro's own mail domain is not its service.
        for h in ["ioutemea3.hes.trendmicro.eu", "mx.tmes.trendmicro.com", "out15-200.antispamcloud.com"] {
            assert_eq!(provider_of_host(h).map(|p| p.kind), Some(ProviderKind::Gateway), "{h}");
        }
        assert!(provider_of_host("mail.trendmicro.com").is_none());
    }

    #[test]
    fn consumer_mailbox_domains() {
        for d in [
            "gmail.com",
            "hotmail.co.uk",
            "live.fr",
            "yahoo.co.jp",
            "gmx.net",
            "icloud.com",
            "web.de",
            "Outlook.com",
            "xs4all.nl",
            "smtp.xs4all.nl",
            "telenet.be",
            "sbcglobal.net",
        ] {
            assert!(is_consumer_mailbox_domain(d), "{d}");
        }
        for d in [
            "example.com",
            "mail.paypal.com",
            "google.com",
            "outlook.example.com",
            "t-online.example",
            "gmail.com.example.net",
        ] {
            assert!(!is_consumer_mailbox_domain(d), "{d}");
        }
    }
}
