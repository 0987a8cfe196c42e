//! The route: one reading of who handled the message, read by every diagnostic and by the site.
//!
//! Runs after the hops, authentication and envelope readers. Each hop is attributed to the administrative
//! domain of its receiving host (`by`): a shared provider by its host names ([`crate::net`]), else the
//! organizational domain of the name; a hop whose receiver has no usable name (missing, an address, a single
//! label) stays with the domain before it. Consecutive hops of one domain form a [`Domain`]; a hop into
//! Exchange Online Protection's front door from another Exchange Online tenant starts a new one. The sending
//! host of the oldest hop is a domain of its own when it belongs to another organisation (a mail server whose
//! own stamps are not shown) or is an authenticated client (`ESMTPA`, `ESMTPSA`, `HTTP`, `mapi`).
//!
//! Roles, oldest first: the submitting client, the sending organisation and the providers it sends through,
//! forwarders and mailing lists in the middle, and the receiving organisation at the end (its filtering
//! gateways, Exchange Online, on-premises servers, the mailbox store). The **boundary hop** is the first hop
//! received by the receiving organisation (RFC 5321 §4.4: each server prepends its own stamp); a hop whose
//! sending and receiving address are the same (an appliance passing mail to itself), a hop from an address
//! never seen on the Internet (loopback, private, shared, link-local, unspecified, unique-local; see
//! [`net::is_internal_ip`]), a hop that records no sending address at all (`from me ([unix socket])`,
//! qmail-scanner's `from orders@example.org`), a local delivery (LMTP, LMTPA, LMTPS, `local`) and a bare date
//! stamp (`Received: <date>` with no `from` or `by`, see [`crate::hops::is_transit`]) are never boundaries. An
//! address literal (a HELO such as `[10.0.0.1]`, a `by` written as an address) never names an organisation.
//!
//! Everything here is an inference from names and addresses that the sender partly controls; diagnostics that
//! rely on it say "likely" where it matters.

use serde::Serialize;

use crate::auth::receiver::site;
use crate::auth::{Authentication, Trust};
use crate::catalog::{Msg, Text, msg};
use crate::delivery::{Delivery, FilterVerdict, Position};
use crate::envelope::Envelope;
use crate::headers;
use crate::microsoft::Microsoft;
use crate::model::{HeaderField, Hop, Summary};
use crate::net::{self, ProviderKind};
use crate::words::contains_ignore_case;

/// Which way the message went, seen from the organisation that received it last.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum Direction {
    /// From one organisation into another (what a recipient usually pastes).
    Inbound,
    /// The headers end inside the sending organisation or at its way out (a Sent Items copy, an outbound
    /// message Exchange Online marked `Originating`).
    Outbound,
    /// Within one organisation.
    Internal,
    /// The hops do not tell.
    #[default]
    Unknown,
}

/// What an administrative domain is on this route.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Role {
    /// The author's device or application, authenticated to its mail server (`ESMTPSA`, `HTTP`, `mapi`).
    SubmittingClient,
    /// The organisation that sent the message (its own servers).
    SendingOrg,
    /// A shared service the sending organisation sends through (Exchange Online, Google, SES, SendGrid, …).
    SendingProvider,
    /// A host that received the message for one address and sent it on to another.
    Forwarder,
    /// A mailing list that re-sent the message to its subscribers.
    MailingList,
    /// A server of another organisation between sender and receiver whose purpose the headers do not show
    /// (a smart host, an outbound relay).
    Relay,
    /// A filtering service or gateway in front of the receiving organisation's mailboxes.
    ReceivingGateway,
    /// The receiving organisation (its own servers, or the service hosting its mailboxes).
    ReceivingOrg,
}

impl Role {
    /// True for the roles on the sending side.
    pub fn is_sender_side(self) -> bool {
        matches!(self, Role::SubmittingClient | Role::SendingOrg | Role::SendingProvider)
    }
    /// True for the roles on the receiving side.
    pub fn is_receiver_side(self) -> bool {
        matches!(self, Role::ReceivingGateway | Role::ReceivingOrg)
    }

    /// Whose systems a change to a server in this role touches: the sending organisation for its own servers,
    /// its client and the provider it sends through (it holds that contract); the receiving organisation for
    /// its servers and the gateway in front of them (its contract, its console); an intermediary for a
    /// forwarder, a mailing list or a relay run by a third party.
    pub fn owner(self) -> crate::model::Owner {
        use crate::model::Owner;
        if self.is_sender_side() {
            Owner::SendingOrg
        } else if self.is_receiver_side() {
            Owner::ReceivingOrg
        } else {
            Owner::Intermediary
        }
    }
}

/// One administrative domain: consecutive hops received by servers of one organisation or provider.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Domain {
    /// The organizational domain (`example.com`) or the provider's name (`Microsoft 365`).
    pub name: String,
    pub role: Role,
    /// The shared provider, when `name` is one.
    pub provider: Option<&'static str>,
    /// The hops this domain received (indices, 1 = oldest); empty for a sender seen only as the `from` of the
    /// first hop.
    pub hops: Vec<usize>,
    /// True when no server of it is named (its Received fields have no `by`): `name` is then the placeholder
    /// "unnamed servers", which a reader's language renders as `route.unnamed-servers`. Serialised only when true.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub unnamed: bool,
}

/// One hop as the route reads it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RouteHop {
    pub hop: usize,
    /// Index into `domains` of the domain that received the hop; `None` for a hop that is no transit.
    pub domain: Option<usize>,
    /// False for a bare date stamp (no `from`, `by` or `with`): not a step between two servers.
    pub transit: bool,
    /// True when the hop crosses from one domain into another.
    pub crosses: bool,
    /// True when the sending and the receiving address (or name) are the same: a server passing mail to itself.
    pub to_itself: bool,
    /// True for an authenticated submission (`ESMTPA`, `ESMTPSA`, `HTTP`, `mapi`, …).
    pub submission: bool,
}

/// Who wrote one Authentication-Results-style field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ResultsAuthor {
    /// Index into `headers`.
    pub header_index: usize,
    pub header: String,
    pub authserv_id: Option<String>,
    /// The hop it is tied to, when known.
    pub hop: Option<usize>,
    /// Index into `domains` of the domain that wrote it, when known.
    pub domain: Option<usize>,
    pub trusted: bool,
}

/// A forwarder on the route.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Forwarding {
    /// Index into `domains`.
    pub domain: usize,
    /// The host that forwarded the message (the `from` of the hop that left it), when named.
    pub host: Option<String>,
    /// True when the envelope sender was rewritten (SRS, or an address at the forwarder).
    pub srs: bool,
    /// True when an ARC set was added at or after the forwarder.
    pub arc: bool,
}

/// A mailing list on the route.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MailingList {
    /// `List-Id` (or `X-BeenThere`, `Mailing-List`), as written.
    pub id: Option<String>,
    /// Index into `domains` of the list's servers, when they can be told.
    pub domain: Option<usize>,
    /// Hops the list's own software wrote (LISTSERV, Mailman), where a moderation hold shows up.
    pub hops: Vec<usize>,
    /// True when the list rewrote From to its own address (DMARC mitigation).
    pub from_rewritten: bool,
    /// True when an ARC set was added.
    pub arc: bool,
}

/// A non-delivery or delivery report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default)]
pub struct Bounce {
    /// Return-Path `<>` (RFC 5321 §4.5.5).
    pub null_sender: bool,
    /// `Content-Type: multipart/report` (RFC 6522).
    pub report: bool,
    /// Written by Exchange Online (`X-MS-Exchange-Message-Is-Ndr`, or a null sender through Microsoft 365).
    pub exchange_online: bool,
}

/// Why the message is likely hostile: it likely pretends to come from its From domain, or the receiver's own
/// filters caught it as phishing. One reading, read by every envelope and authentication diagnostic: on such mail,
/// advice goes to the recipient's side, and nothing needs changing at the apparent sender.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Impersonation {
    pub from_domain: String,
    /// The strongest evidence in words, with how many more signs there are (serialised as a string in the
    /// JSON's language, English by default).
    pub reason: Text,
    /// True when the evidence includes the From domain failing authentication at the receiver (a likely spoof);
    /// false when only the receiver's filters and the route speak against the message.
    pub spoofed: bool,
    /// Each piece of evidence, in words, strongest first (strings in the JSON's language, English by default).
    pub evidence: Vec<Text>,
    /// The brand of [`crate::net::BRANDS`] the From display name claims to be, when the address is outside the
    /// brand's own domains.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub brand: Option<&'static str>,
    /// The Reply-To address, when replies go to an organisation unrelated to the From domain and that was one of
    /// the signs (see [`reply_elsewhere`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reply_to: Option<String>,
}

/// The route of the message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default)]
pub struct Route {
    pub direction: Direction,
    /// Administrative domains, oldest first.
    pub domains: Vec<Domain>,
    /// One entry per hop, oldest first.
    pub hops: Vec<RouteHop>,
    /// The authenticated submission hop, when shown.
    pub submission_hop: Option<usize>,
    /// The hop where the message entered the receiving organisation: a hand-over between organisations, never a
    /// server passing mail to itself nor a hop from an internal address (see the module doc).
    pub boundary_hop: Option<usize>,
    /// The hop whose sending address the receiver's SPF check was about.
    pub spf_hop: Option<usize>,
    /// Set when the receiving organisation's own gateway handed the message to Exchange Online Protection:
    /// the hop into EOP. EOP then checks SPF against the gateway unless Enhanced Filtering for Connectors
    /// skips it.
    pub eop_behind_gateway: Option<usize>,
    /// The header index of a `Return-Path` the sender's provider wrote as it accepted the message from its
    /// author (Gmail's submission servers add one; see [`net::adds_return_path_at_submission`]): not a sign of
    /// re-delivery.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub submission_return_path: Option<usize>,
    /// Who wrote each Authentication-Results, ARC-Authentication-Results and
    /// X-MS-Exchange-Authentication-Results field.
    pub results: Vec<ResultsAuthor>,
    pub forwarding: Option<Forwarding>,
    pub list: Option<MailingList>,
    pub bounce: Option<Bounce>,
    /// Set when the message is likely hostile (a likely spoof of its From domain, or phishing the receiver
    /// caught): see [`Impersonation`] for the evidence.
    pub impersonation: Option<Impersonation>,
    /// True when the headers show final delivery (a Return-Path, or a delivery stamp into a mailbox store).
    pub final_delivery: bool,
    /// What was noticed, in words.
    pub notes: Vec<Text>,
}

impl Route {
    /// The route entry of hop `index`.
    pub fn hop(&self, index: usize) -> Option<&RouteHop> {
        self.hops.iter().find(|h| h.hop == index)
    }

    /// The domain that received hop `index`.
    pub fn domain_of(&self, index: usize) -> Option<&Domain> {
        self.hop(index).and_then(|h| h.domain).and_then(|d| self.domains.get(d))
    }

    /// The role of the domain that received hop `index`.
    pub fn role_of(&self, index: usize) -> Option<Role> {
        self.domain_of(index).map(|d| d.role)
    }

    /// True when the hop was received by a shared provider (never by a server the reader runs).
    pub fn at_provider(&self, index: usize) -> bool {
        self.domain_of(index).is_some_and(|d| d.provider.is_some())
    }

    /// The first domain with this role.
    pub fn first(&self, role: Role) -> Option<&Domain> {
        self.domains.iter().find(|d| d.role == role)
    }

    /// True when a forwarder or a mailing list re-sent the message.
    pub fn redistributed(&self) -> bool {
        self.forwarding.is_some() || self.list.is_some()
    }
}

/// Submission protocols (RFC 3848 `ESMTPA`/`ESMTPSA`; webmail and Exchange clients).
fn is_submission(hop: &Hop) -> bool {
    let with = hop.with.as_deref().unwrap_or("").to_ascii_uppercase();
    matches!(with.as_str(), "ESMTPA" | "ESMTPSA" | "LMTPA" | "LMTPSA" | "HTTP" | "HTTPS" | "MAPI" | "ASMTP")
        || with.starts_with("MAPI")
        || with.starts_with("HTTP")
}

/// A final delivery stamp into a mailbox store (LMTP, local delivery, Exchange's mailbox transport).
fn is_store_delivery(hop: &Hop) -> bool {
    let with = hop.with.as_deref().unwrap_or("").to_ascii_uppercase();
    with.starts_with("LMTP") || with == "LOCAL" || contains_ignore_case(&hop.raw, "mailbox transport")
}

/// The key of the administrative domain of a host: a shared provider's name, else its organizational domain.
/// `None` for a name that says nothing about its owner (missing, address literal, single label, `localhost`).
fn owner_key(host: Option<&str>, ip: Option<std::net::IpAddr>) -> Option<(String, Option<&'static str>)> {
    if let Some(p) = host.and_then(net::provider_of_host) {
        return Some((p.name.to_string(), Some(p.name)));
    }
    if let Some(h) = host
        && net::is_microsoft_host(h)
    {
        return Some((net::MICROSOFT_365.name.to_string(), Some(net::MICROSOFT_365.name)));
    }
    if let Some(s) = host.and_then(site).filter(|s| s != "localhost" && s != "localdomain") {
        return Some((s, None));
    }
    if host.is_none()
        && let Some(p) = ip.and_then(net::provider_of_ip)
    {
        return Some((p.name.to_string(), Some(p.name)));
    }
    None
}

/// A server passing mail to itself: the same sending and receiving address or name, or a loopback sender
/// (`localhost`, 127.0.0.1: a content filter handing the message back).
fn same_host(hop: &Hop) -> bool {
    if hop.from_ip.is_some_and(|ip| ip.is_loopback())
        || hop.from.as_deref().is_some_and(|f| f.eq_ignore_ascii_case("localhost"))
    {
        return true;
    }
    if let (Some(a), Some(b)) = (hop.from_ip, hop.by_ip)
        && a == b
    {
        return true;
    }
    let from = hop.from_rdns.as_deref().or(hop.from.as_deref());
    matches!((from, hop.by.as_deref()), (Some(f), Some(b)) if f.trim_end_matches('.').eq_ignore_ascii_case(b.trim_end_matches('.')) && !f.eq_ignore_ascii_case("localhost"))
}

/// True when the hop records a public sending address and is no local delivery: a hand-over between
/// organisations can only be that. A hop with no address (`from me ([unix socket])`, qmail-scanner's
/// `from orders@example.org by mx.example.net with qmail-scanner`), an internal one ([`net::is_internal_ip`]) or a
/// local delivery protocol (LMTP, LMTPA, LMTPS, `local`: a store or a delivery agent on the same site) is not.
fn from_public_address(hop: &Hop) -> bool {
    let with = hop.with.as_deref().unwrap_or("");
    let local =
        with.get(..4).is_some_and(|p| p.eq_ignore_ascii_case("LMTP")) || with.eq_ignore_ascii_case("local");
    !local && hop.from_ip.is_some_and(|ip| !net::is_internal_ip(ip))
}

/// The sending host's name for ownership: reverse DNS when recorded, else the HELO name; never an address
/// literal (`[10.0.0.1]` names no organisation) nor the placeholder `unknown`.
fn from_host(hop: &Hop) -> Option<&str> {
    hop.from_rdns
        .as_deref()
        .filter(|h| !net::is_ip_text(h))
        .or(hop.from.as_deref())
        .filter(|h| !net::is_ip_text(h) && crate::hops::is_host_name(h))
}

fn value<'a>(fields: &'a [HeaderField], name: &str) -> Option<&'a str> {
    headers::first(fields, name).map(|f| f.value.trim())
}

/// Builds the route.
pub fn build(
    fields: &[HeaderField],
    summary: &Summary,
    hops: &[Hop],
    auth: &Authentication,
    envelope: &Envelope,
    microsoft: &Microsoft,
    delivery: &Delivery,
) -> Route {
    let mut route = Route::default();
    let mut domains: Vec<Domain> = Vec::new();
    let mut key_of_domain: Vec<String> = Vec::new();
    let mut current: Option<usize> = None;

    // The origin: the sending side of the oldest transit hop.
    let first_transit =
        hops.iter().find(|h| crate::hops::is_transit(h) && h.parse_status != crate::model::ParseStatus::Raw);
    if let Some(h) = first_transit {
        let by_key = owner_key(h.by.as_deref(), h.by_ip);
        if is_submission(h) {
            // A client is told by its name, else by its address (without the literal's brackets).
            let name = from_host(h)
                .map(str::to_string)
                .or_else(|| h.from_ip.map(|ip| ip.to_string()))
                .unwrap_or_else(|| "client".to_string());
            domains.push(Domain {
                name: name.clone(),
                role: Role::SubmittingClient,
                provider: None,
                hops: vec![],
                unnamed: false,
            });
            key_of_domain.push(["client:", &name].concat());
        } else if let Some(from_key) = from_host(h)
            .filter(|f| !crate::domain::is_internal_host(f))
            .and_then(|f| owner_key(Some(f), h.from_ip))
            .filter(|k| by_key.as_ref().is_none_or(|b| b.0 != k.0))
            .filter(|_| !h.from_ip.is_some_and(net::is_internal_ip))
        {
            domains.push(Domain {
                name: from_key.0.clone(),
                role: Role::SendingOrg,
                provider: from_key.1,
                hops: vec![],
                unnamed: false,
            });
            key_of_domain.push(from_key.0);
            current = Some(0);
        } else if let Some(ip) = h.from_ip.filter(|ip| !net::is_internal_ip(*ip))
            && by_key.is_some()
            && from_host(h).is_none_or(|f| owner_key(Some(f), None).is_none())
        {
            // A public address with no usable name (a bare HELO such as `ylmf-pc`): someone else's machine.
            let name = from_host(h).map_or_else(|| ip.to_string(), str::to_string);
            domains.push(Domain {
                name: name.clone(),
                role: Role::SendingOrg,
                provider: None,
                hops: vec![],
                unnamed: false,
            });
            key_of_domain.push(["host:", &name].concat());
            current = Some(0);
        }
    }

    for hop in hops {
        let transit = crate::hops::is_transit(hop);
        let to_itself = same_host(hop);
        let submission = transit && is_submission(hop);
        if submission && route.submission_hop.is_none() {
            route.submission_hop = Some(hop.index);
        }
        if !transit {
            route.hops.push(RouteHop {
                hop: hop.index,
                domain: None,
                transit,
                crosses: false,
                to_itself,
                submission,
            });
            continue;
        }
        let key = owner_key(hop.by.as_deref(), hop.by_ip);
        // Exchange Online tenant to tenant: the front door of the receiving tenant starts a new domain.
        let eop_entry_from_exo = hop.by.as_deref().is_some_and(net::is_eop_ingress)
            && from_host(hop).is_some_and(net::is_exchange_online_host);
        let idx = match key {
            Some((k, provider)) => {
                let same = current.is_some_and(|c| key_of_domain[c] == k) && !eop_entry_from_exo;
                if same {
                    current.unwrap_or_default()
                } else {
                    domains.push(Domain {
                        name: k.clone(),
                        role: Role::SendingOrg,
                        provider,
                        hops: vec![],
                        unnamed: false,
                    });
                    key_of_domain.push(k);
                    domains.len() - 1
                }
            }
            None => match current {
                Some(c) => c,
                None => {
                    // An address literal names no organisation: such servers are unnamed.
                    let by = hop.by.clone().filter(|b| !net::is_ip_text(b));
                    let name = by.clone().unwrap_or_else(|| "unnamed servers".to_string());
                    domains.push(Domain {
                        name: name.clone(),
                        role: Role::SendingOrg,
                        provider: None,
                        hops: vec![],
                        unnamed: by.is_none(),
                    });
                    key_of_domain.push(["anon:", &name].concat());
                    domains.len() - 1
                }
            },
        };
        let crosses = current.is_some() && current != Some(idx) && !to_itself;
        domains[idx].hops.push(hop.index);
        current = Some(idx);
        route.hops.push(RouteHop {
            hop: hop.index,
            domain: Some(idx),
            transit,
            crosses,
            to_itself,
            submission,
        });
    }

    assign_roles(&mut domains, &Inputs { fields, summary, hops, auth });
    route.domains = domains;

    // Boundary: the first hop received by the receiving side that is a hand-over between organisations; else,
    // from the hop where authentication saw the message enter the receiver, the first such hop; else none. A
    // hand-over is never a server passing mail to itself, nor a hop from an address that is never seen on the
    // Internet (loopback, private, shared, link-local, unspecified, unique-local: `net::is_internal_ip`): such a
    // hop is internal, and advice about the sending server's identity or DNS would name an address nobody can
    // publish records for.
    let receiving = |h: &&RouteHop| {
        h.transit && h.domain.and_then(|d| route.domains.get(d)).is_some_and(|d| d.role.is_receiver_side())
    };
    let handoff = |h: &&RouteHop| {
        h.transit && !h.to_itself && hops.iter().find(|x| x.index == h.hop).is_some_and(from_public_address)
    };
    let entry = auth.receiver.as_ref().and_then(|r| r.entry_hop);
    route.boundary_hop = route
        .hops
        .iter()
        .filter(receiving)
        .find(handoff)
        .or_else(|| route.hops.iter().filter(|h| entry.is_some_and(|e| h.hop >= e)).find(handoff))
        .map(|h| h.hop);

    // A gateway of the receiving organisation in front of Exchange Online Protection.
    route.eop_behind_gateway = route.hops.iter().find_map(|h| {
        let hop = hops.iter().find(|x| x.index == h.hop)?;
        let d = route.domains.get(h.domain?)?;
        let entry = hop.by.as_deref().is_some_and(net::is_eop_ingress);
        let prev_receiving = route.boundary_hop.is_some_and(|b| b < h.hop);
        (entry && d.role == Role::ReceivingOrg && prev_receiving).then_some(h.hop)
    });

    route.submission_return_path = submission_return_path(fields, hops);
    route.direction = direction(fields, &route);
    route.spf_hop = spf_hop(hops, auth).or(route.boundary_hop);
    route.results = auth
        .results
        .iter()
        .map(|r| ResultsAuthor {
            header_index: r.header_index,
            header: r.header.clone(),
            authserv_id: r.parsed.authserv_id.clone(),
            hop: r.hop,
            domain: r.hop.and_then(|i| route.hop(i)).and_then(|h| h.domain),
            trusted: r.trust == Trust::Trusted,
        })
        .collect();
    route.list = list(fields, summary, hops, &route, auth);
    route.forwarding = forwarding(summary, hops, &route, auth, envelope);
    route.bounce = bounce(fields, summary, &route);
    route.final_delivery = !summary.return_path.is_empty()
        || hops.last().is_some_and(is_store_delivery)
        || headers::first(fields, "Delivered-To").is_some()
        || headers::first(fields, "X-MS-Exchange-Organization-AuthSource").is_some()
            && value(fields, "X-MS-Exchange-Organization-MessageDirectionality")
                .is_some_and(|v| v.eq_ignore_ascii_case("Incoming"));
    route.impersonation =
        impersonation(&Inputs { fields, summary, hops, auth }, &route, envelope, microsoft, delivery);
    for h in hops.iter().filter(|h| !crate::hops::is_transit(h)) {
        route.notes.push(msg!("route.note.date-stamp", hop = h.index).into());
    }
    if let Some(h) = route.hops.iter().find(|h| h.to_itself) {
        route.notes.push(msg!("route.note.to-itself", hop = h.hop).into());
    }
    route
}

/// Gives each domain its role. The last domain receives; in front of it, filtering services, the receiving
/// organisation's own gateway before its hosted mailboxes, and Exchange Online before on-premises mailboxes
/// (when Microsoft marked the message incoming) receive too. The first domain sends, with the shared providers
/// right after it. What lies between is a mailing list (list headers), a forwarder (evidence that it received
/// the message for one of its own addresses or re-sent it unauthorised), or a relay.
fn assign_roles(domains: &mut [Domain], ctx: &Inputs<'_>) {
    let n = domains.len();
    if n == 0 {
        return;
    }
    let client = domains[0].role == Role::SubmittingClient;
    let first_sender = usize::from(client);
    let sender_role =
        |d: &Domain| if d.provider.is_some() { Role::SendingProvider } else { Role::SendingOrg };
    if n == 1 || (client && n == 2) {
        for d in domains.iter_mut().skip(first_sender) {
            d.role = sender_role(d);
        }
        return;
    }
    let kind =
        |d: &Domain| d.provider.and_then(|p| net::PROVIDERS.iter().find(|x| x.name == p)).map(|p| p.kind);
    let list_org = list_org(ctx.fields);
    let recipient_orgs: Vec<String> = ctx
        .summary
        .to
        .iter()
        .chain(&ctx.summary.cc)
        .filter_map(|m| org_of_address(m.address.as_deref()))
        .collect();
    let ms_incoming = value(ctx.fields, "X-MS-Exchange-Organization-MessageDirectionality")
        .is_some_and(|v| v.eq_ignore_ascii_case("Incoming"))
        || value(ctx.fields, "X-MS-Exchange-CrossTenant-FromEntityHeader")
            .is_some_and(|v| v.eq_ignore_ascii_case("Internet"));
    // Exchange Online says the message came from the organisation itself (its on-premises servers or its own
    // users): Microsoft 365 at the end is the sender's provider, and the receiver is not in these headers.
    let ms_originating = value(ctx.fields, "X-MS-Exchange-CrossTenant-FromEntityHeader")
        .is_some_and(|v| v.eq_ignore_ascii_case("HybridOnPrem"))
        || value(ctx.fields, "X-MS-Exchange-Organization-MessageDirectionality")
            .is_some_and(|v| v.eq_ignore_ascii_case("Originating"));
    let organisation_fields = ctx.fields.iter().any(|f| {
        f.name.len() > 27
            && f.name.get(..27).is_some_and(|p| p.eq_ignore_ascii_case("X-MS-Exchange-Organization-"))
    });
    let last = n - 1;
    if ms_originating
        && domains[last].provider == Some(net::MICROSOFT_365.name)
        && let Some(first_receiving) = hybrid_inbound(domains, ctx, first_sender, &recipient_orgs)
    {
        // Inbound mail that came through the receiving organisation's own servers (its MX, gateway and
        // on-premises Exchange) into Exchange Online over the hybrid connector, which marks it as the
        // organisation's own: everything from the first of those servers on is the receiving side.
        domains[first_sender].role = sender_role(&domains[first_sender]);
        for d in domains.iter_mut().take(first_receiving).skip(first_sender + 1) {
            d.role = Role::SendingProvider;
        }
        for d in domains.iter_mut().skip(first_receiving) {
            d.role = if kind(d) == Some(ProviderKind::Gateway) {
                Role::ReceivingGateway
            } else {
                Role::ReceivingOrg
            };
        }
        return;
    }
    if ms_originating && domains[last].provider == Some(net::MICROSOFT_365.name) {
        domains[first_sender].role = sender_role(&domains[first_sender]);
        for d in domains.iter_mut().skip(first_sender + 1) {
            d.role = if d.provider.is_some() { Role::SendingProvider } else { Role::SendingOrg };
        }
        return;
    }
    // Receiving side, walking back from the last domain.
    domains[last].role = Role::ReceivingOrg;
    let mut start = last;
    while start > first_sender + 1 {
        let prev = &domains[start - 1];
        let here = &domains[start];
        let gateway = kind(prev) == Some(ProviderKind::Gateway);
        let own_gateway = prev.provider.is_none()
            && kind(here) == Some(ProviderKind::Mailbox)
            && list_org.as_ref() != Some(&prev.name)
            && (recipient_orgs.contains(&prev.name)
                || start - 1 > first_sender && kind(&domains[start - 2]) == Some(ProviderKind::Gateway));
        // Exchange Online handing inbound mail on to the organisation's own servers keeps its organisation fields
        // (`X-MS-Exchange-Organization-*`); mail it sent out of the organisation lost them at the way out, and the
        // server after it is another organisation's.
        let exo_before_onprem = prev.provider == Some(net::MICROSOFT_365.name)
            && here.provider.is_none()
            && ms_incoming
            && organisation_fields;
        if !(gateway || own_gateway || exo_before_onprem) {
            break;
        }
        start -= 1;
        domains[start].role = if gateway { Role::ReceivingGateway } else { Role::ReceivingOrg };
    }
    // Sending side: the first domain and the shared providers that follow it. A first domain whose own hosts
    // are its forward hosts, sending on someone else's envelope sender, forwarded the message: the original
    // sender's hops are not shown.
    domains[first_sender].role = if start > first_sender
        && domains[first_sender].provider.is_none()
        && forward_hosts(&domains[first_sender], ctx)
        && envelope_org(ctx).is_some_and(|o| o != domains[first_sender].name)
    {
        Role::Forwarder
    } else {
        sender_role(&domains[first_sender])
    };
    let mut i = first_sender + 1;
    while i < start && kind(&domains[i]).is_some() {
        domains[i].role = Role::SendingProvider;
        i += 1;
    }
    let listy = is_list(ctx.fields, ctx.hops);
    // The list's servers, when its fields name a domain none of them is in (`List-Id: <a.example.org>` sent from
    // `lists.example.net`): the ones with the list manager's own stamp.
    let unnamed_list =
        listy && list_org.as_ref().is_some_and(|o| !domains[i..start.max(i)].iter().any(|d| &d.name == o));
    let software: Vec<usize> = (i..start)
        .filter(|k| ctx.hops.iter().any(|h| domains[*k].hops.contains(&h.index) && is_list_hop(h)))
        .collect();
    for (k, d) in domains.iter_mut().enumerate().take(start).skip(i) {
        let name = d.name.clone();
        let the_list = unnamed_list && software.contains(&k)
            || list_org.is_none() && listy && (software.is_empty() || software.contains(&k));
        d.role = if list_org.as_ref() == Some(&name) || the_list {
            Role::MailingList
        } else if forwarded_by(&name, ctx) {
            Role::Forwarder
        } else {
            Role::Relay
        };
    }
}

/// Exchange Online marked the message as the organisation's own (`HybridOnPrem`, `Originating`), yet it came from
/// outside: the recipient's organisation runs servers on the way in (a domain of a To or Cc address, before
/// Microsoft 365 at the end), and neither the first sender nor the author's organisation runs any of them. That is
/// inbound mail whose MX points at the organisation's own gateway or on-premises Exchange, handed to Exchange
/// Online over the hybrid connector. Returns the index of the first receiving domain: the one after the sender
/// and the shared (non-gateway) providers it sent through. Not for list mail (a list re-sends as itself).
fn hybrid_inbound(
    domains: &[Domain],
    ctx: &Inputs<'_>,
    first_sender: usize,
    recipient_orgs: &[String],
) -> Option<usize> {
    let last = domains.len().checked_sub(1)?;
    if is_list(ctx.fields, ctx.hops) || first_sender + 1 >= last {
        return None;
    }
    let own = |d: &Domain| d.provider.is_none() && !d.unnamed;
    let middle = &domains[first_sender + 1..last];
    if !middle.iter().any(|d| own(d) && recipient_orgs.contains(&d.name)) {
        return None;
    }
    let from_org = org_of_address(ctx.summary.from.iter().find_map(|m| m.address.as_deref()));
    let sender = &domains[first_sender];
    if recipient_orgs.contains(&sender.name)
        || from_org.as_ref().is_some_and(|o| middle.iter().any(|d| own(d) && &d.name == o))
    {
        return None;
    }
    let mut i = first_sender + 1;
    while i < last
        && domains[i]
            .provider
            .and_then(|p| net::PROVIDERS.iter().find(|x| x.name == p))
            .is_some_and(|p| p.kind != ProviderKind::Gateway)
    {
        i += 1;
    }
    (i < last).then_some(i)
}

/// The inputs the route reads.
struct Inputs<'a> {
    fields: &'a [HeaderField],
    summary: &'a Summary,
    hops: &'a [Hop],
    auth: &'a Authentication,
}

/// Evidence that the domain `org` forwarded the message: it was addressed to one of its addresses (To, Cc, a
/// `for` clause, `X-Original-To`, `Delivered-To`), it rewrote the envelope sender to itself (SRS), it sealed an
/// ARC set, or the final receiver's SPF check failed for the original sender on the hop out of it.
fn forwarded_by(org: &str, ctx: &Inputs<'_>) -> bool {
    let at_org = |a: &str| org_of_address(Some(a.trim_matches(['<', '>', ' ']))).is_some_and(|o| o == org);
    let addressed =
        ctx.summary.to.iter().chain(&ctx.summary.cc).filter_map(|m| m.address.as_deref()).any(at_org)
            || ctx.hops.iter().filter_map(|h| h.for_.as_deref()).any(at_org)
            || ["X-Original-To", "Delivered-To", "X-Forwarded-To", "X-Forwarded-For"]
                .iter()
                .flat_map(|n| headers::all(ctx.fields, n))
                .any(|f| f.value.split([',', ' ']).any(at_org));
    let srs = ctx.summary.return_path.first().and_then(|r| r.address.as_deref()).is_some_and(|a| {
        let lower = a.to_ascii_lowercase();
        (lower.starts_with("srs0=") || lower.starts_with("srs1=")) && at_org(a)
    });
    let arc =
        ctx.auth.arc.instances.iter().any(|i| i.sealer.as_deref().and_then(site).is_some_and(|s| s == org));
    let spf_failed = ctx.auth.verdicts.iter().any(|v| {
        v.method.eq_ignore_ascii_case("spf")
            && matches!(v.result.to_ascii_lowercase().as_str(), "fail" | "softfail")
    }) && mailfrom(ctx.auth).is_some_and(|m| !at_org(&m));
    let forward_host = ctx
        .hops
        .iter()
        .filter_map(|h| h.by.as_deref())
        .any(|b| is_forward_host(b) && site(b).is_some_and(|s| s == org))
        && envelope_org(ctx).is_some_and(|o| o != org);
    addressed || srs || arc || spf_failed || forward_host
}

/// A host name that names a forwarding server: a first label `forward…` or `fwd…` (Yandex's
/// `forward106p.mail.yandex.net`, `fwd.example.net`).
fn is_forward_host(host: &str) -> bool {
    let first = host.trim_matches(['[', ']']).split('.').next().unwrap_or("").to_ascii_lowercase();
    host.contains('.')
        && (first.starts_with("forward")
            || first == "fwd"
            || first
                .strip_prefix("fwd")
                .is_some_and(|r| r.starts_with(|c: char| c.is_ascii_digit() || c == '-')))
}

/// True when the domain's own servers (the receivers of its hops, or the sender of the hop out of it) include
/// a forward host.
fn forward_hosts(d: &Domain, ctx: &Inputs<'_>) -> bool {
    let after = d.hops.last().map(|l| l + 1);
    ctx.hops.iter().filter(|h| d.hops.contains(&h.index) || Some(h.index) == after).any(|h| {
        let own = |name: Option<&str>| {
            name.is_some_and(|n| is_forward_host(n) && site(n).is_some_and(|s| s == d.name))
        };
        own(h.by.as_deref()) || own(h.from.as_deref()) || own(h.from_rdns.as_deref())
    })
}

/// The organisation of the envelope sender: Return-Path, else the receiver's `smtp.mailfrom`, else a Received
/// field's `envelope-from`.
fn envelope_org(ctx: &Inputs<'_>) -> Option<String> {
    let rp = ctx.summary.return_path.first().and_then(|r| r.address.as_deref()).map(str::to_string);
    let stamped = ctx.hops.iter().find_map(|h| {
        let raw = h.raw.to_ascii_lowercase();
        let i = raw.find("envelope-from <")?;
        let rest = &h.raw[i + "envelope-from <".len()..];
        rest.split('>').next().map(str::to_string)
    });
    org_of_address(rp.or_else(|| mailfrom(ctx.auth)).or(stamped).as_deref())
}

/// The organisation of the list (from `List-Id`, `List-Post`, `X-BeenThere`).
fn list_org(fields: &[HeaderField]) -> Option<String> {
    ["List-Id", "X-BeenThere", "List-Post", "Mailing-List"].iter().find_map(|n| {
        let v = value(fields, n)?;
        let inner = v.rsplit_once('<').map(|(_, r)| r.trim_end_matches('>')).unwrap_or(v);
        let inner = inner.trim_start_matches("mailto:");
        let inner = inner.split('?').next().unwrap_or(inner);
        let host = inner.rsplit_once('@').map(|(_, d)| d).unwrap_or(inner);
        site(host.trim())
    })
}

/// List managers that stamp a Received field of their own (LISTSERV's `with spool id`, `with LISTAR`,
/// `with ECARTIS`, Mailman's, Sympa's, …), as lowercase words of the field.
const LIST_SOFTWARE: &[&str] = &[
    "listserv",
    "mailman",
    "spool id",
    "sympa",
    "listar",
    "ecartis",
    "majordomo",
    "ezmlm",
    "mlmmj",
    "lyris",
];

/// A Received field written by list software.
fn is_list_hop(hop: &Hop) -> bool {
    crate::words::contains_any_ignore_case(&hop.raw, LIST_SOFTWARE)
}

/// True when the message is a post a mailing list re-sent. The fields only list software writes (RFC 2369's
/// `List-*`, RFC 2919's `List-Id`, `X-BeenThere`, `Mailing-List`, Mailman's version) or `Precedence: list` are
/// enough. Looser marks (`X-List`, `X-Mailing-List`, `X-Loop`, `Precedence: bulk`), which other software writes
/// too, count only with a list manager's own Received stamp that is not the newest one: a list that took the
/// message in and then sent it on. Headers that end at the list manager's stamp are the list's incoming copy
/// (an archive's), not a post it delivered.
fn is_list(fields: &[HeaderField], hops: &[Hop]) -> bool {
    let strong = ["List-Id", "List-Post", "List-Help", "X-BeenThere", "Mailing-List", "X-Mailman-Version"]
        .iter()
        .any(|n| headers::first(fields, n).is_some())
        || value(fields, "Precedence").is_some_and(|v| v.eq_ignore_ascii_case("list"));
    if strong {
        return true;
    }
    let loose = ["X-List", "X-Mailing-List", "X-Loop"].iter().any(|n| headers::first(fields, n).is_some())
        || value(fields, "Precedence").is_some_and(|v| v.eq_ignore_ascii_case("bulk"));
    if !loose {
        return false;
    }
    let newest = hops.iter().rev().find(|h| crate::hops::is_transit(h)).map(|h| h.index);
    let stamps: Vec<usize> = hops.iter().filter(|h| is_list_hop(h)).map(|h| h.index).collect();
    if stamps.is_empty() {
        // No stamp of its own: `X-Loop: owner-majordomo@example.org` names the list manager.
        value(fields, "X-Loop").is_some_and(|v| {
            let v = v.to_ascii_lowercase();
            LIST_SOFTWARE.iter().any(|w| v.contains(w))
        })
    } else {
        stamps.iter().any(|i| Some(*i) != newest)
    }
}

fn direction(fields: &[HeaderField], route: &Route) -> Direction {
    let directionality = value(fields, "X-MS-Exchange-Organization-MessageDirectionality");
    let auth_as = value(fields, "X-MS-Exchange-Organization-AuthAs");
    let from_entity = value(fields, "X-MS-Exchange-CrossTenant-FromEntityHeader");
    if from_entity.is_some_and(|v| v.eq_ignore_ascii_case("Internet")) {
        return Direction::Inbound;
    }
    let receiving = route.domains.iter().any(|d| d.role.is_receiver_side());
    if auth_as.is_some_and(|v| v.eq_ignore_ascii_case("Internal")) && !receiving {
        return Direction::Internal;
    }
    if directionality.is_some_and(|v| v.eq_ignore_ascii_case("Originating")) && !receiving {
        return Direction::Outbound;
    }
    if directionality.is_some_and(|v| v.eq_ignore_ascii_case("Incoming")) || receiving {
        return Direction::Inbound;
    }
    let orgs = route.domains.iter().filter(|d| d.role != Role::SubmittingClient).count();
    match orgs {
        0 => Direction::Unknown,
        1 if route.domains.iter().any(|d| d.provider.is_none() && d.role == Role::SendingOrg) => {
            Direction::Internal
        }
        _ => Direction::Outbound,
    }
}

/// The `Return-Path` a provider's submission server wrote (see [`net::adds_return_path_at_submission`]): one below
/// the topmost whose next Received field down is the route's oldest hop, received by such a provider. Exchange
/// Online writes its own among the fields it adds below the whole Received chain and keeps it when it sends the
/// message on: one below the topmost and below every Received field, when the oldest hop was received by Exchange
/// Online. The topmost is the final delivery's, whoever wrote the others.
fn submission_return_path(fields: &[HeaderField], hops: &[Hop]) -> Option<usize> {
    let origin = hops
        .iter()
        .find(|h| crate::hops::is_transit(h) && h.parse_status != crate::model::ParseStatus::Raw)?;
    let by = origin.by.as_deref()?;
    let above_origin = net::adds_return_path_at_submission(by);
    let exchange_online = net::is_exchange_online_host(by);
    if !above_origin && !exchange_online {
        return None;
    }
    let is = |f: &HeaderField, name: &str| f.name.eq_ignore_ascii_case(name);
    fields.iter().enumerate().filter(|(_, f)| is(f, "Return-Path")).skip(1).map(|(i, _)| i).find(|&i| {
        let next_received = fields[i + 1..].iter().find(|f| is(f, "Received"));
        if above_origin {
            next_received.is_some_and(|r| r.span == origin.span)
        } else {
            next_received.is_none() && fields[..i].iter().any(|f| f.span == origin.span && is(f, "Received"))
        }
    })
}

/// The hop whose sending address SPF was checked against: the client IP the trusted results name, matched to
/// a hop's sending address.
fn spf_hop(hops: &[Hop], auth: &Authentication) -> Option<usize> {
    let mut ips: Vec<std::net::IpAddr> = Vec::new();
    for r in auth.received_spf.iter().filter(|r| r.trust == Trust::Trusted) {
        if let Some(ip) = r.record.client_ip.as_deref().and_then(net::parse_ip_text) {
            ips.push(ip);
        }
    }
    for r in auth.results.iter().filter(|r| r.trust == Trust::Trusted) {
        for m in r.parsed.methods.iter().filter(|m| m.method.eq_ignore_ascii_case("spf")) {
            for c in &m.comments {
                ips.extend(
                    c.split([' ', '(', ')', '[', ']', ',', ';'])
                        .filter_map(|t| t.parse::<std::net::IpAddr>().ok()),
                );
            }
        }
    }
    ips.iter().find_map(|ip| hops.iter().rev().find(|h| h.from_ip == Some(*ip)).map(|h| h.index))
}

fn org_of_address(address: Option<&str>) -> Option<String> {
    address.and_then(|a| a.rsplit_once('@')).and_then(|(_, d)| site(d.trim_end_matches('>')))
}

fn list(
    fields: &[HeaderField],
    summary: &Summary,
    hops: &[Hop],
    route: &Route,
    auth: &Authentication,
) -> Option<MailingList> {
    if !is_list(fields, hops) {
        return None;
    }
    let id = ["List-Id", "X-BeenThere", "Mailing-List", "List-Post"]
        .iter()
        .find_map(|n| value(fields, n).map(str::to_string));
    let list_hops: Vec<usize> = hops.iter().filter(|h| is_list_hop(h)).map(|h| h.index).collect();
    let domain = route
        .domains
        .iter()
        .position(|d| d.role == Role::MailingList)
        .or_else(|| list_hops.first().and_then(|i| route.hop(*i)).and_then(|h| h.domain));
    let list_org =
        list_org(fields).or_else(|| domain.and_then(|d| route.domains.get(d)).map(|d| d.name.clone()));
    let from_org = org_of_address(summary.from.first().and_then(|m| m.address.as_deref()));
    let from_rewritten = from_org.is_some() && from_org == list_org
        || summary.from.first().and_then(|m| m.name.as_deref()).is_some_and(|n| n.contains(" via "));
    Some(MailingList { id, domain, hops: list_hops, from_rewritten, arc: auth.arc.present })
}

fn forwarding(
    summary: &Summary,
    hops: &[Hop],
    route: &Route,
    auth: &Authentication,
    envelope: &Envelope,
) -> Option<Forwarding> {
    let domain = route.domains.iter().position(|d| d.role == Role::Forwarder)?;
    let d = &route.domains[domain];
    let last_hop = *d.hops.last()?;
    let host = hops.iter().find(|h| h.index == last_hop + 1).and_then(from_host).map(str::to_string);
    let mail_from = envelope
        .return_path
        .as_ref()
        .map(|a| a.address.clone())
        .or_else(|| summary.return_path.first().and_then(|r| r.address.clone()))
        .or_else(|| mailfrom(auth));
    let srs = mail_from.as_deref().is_some_and(|a| {
        let lower = a.to_ascii_lowercase();
        lower.starts_with("srs0=")
            || lower.starts_with("srs1=")
            || lower.contains("+srs=")
            || org_of_address(Some(a)).is_some_and(|o| o == d.name)
    });
    let arc = auth.arc.instances.iter().any(|i| {
        i.hop.is_none_or(|h| h > last_hop) || i.sealer.as_deref().and_then(site).is_some_and(|s| s == d.name)
    });
    Some(Forwarding { domain, host, srs, arc })
}

/// The `smtp.mailfrom` the trusted receiver recorded.
fn mailfrom(auth: &Authentication) -> Option<String> {
    auth.results
        .iter()
        .filter(|r| r.trust == Trust::Trusted)
        .flat_map(|r| &r.parsed.methods)
        .find_map(|m| {
            m.properties
                .iter()
                .find(|p| p.property.eq_ignore_ascii_case("mailfrom"))
                .map(|p| p.value.as_str())
                .or_else(|| m.param("envelope-from").filter(|_| m.method == "spf"))
        })
        .map(str::to_string)
}

fn bounce(fields: &[HeaderField], summary: &Summary, route: &Route) -> Option<Bounce> {
    let null_sender = summary.return_path.first().is_some_and(|r| r.null);
    let report =
        value(fields, "Content-Type").is_some_and(|v| v.to_ascii_lowercase().starts_with("multipart/report"));
    let ms_ndr = headers::first(fields, "X-MS-Exchange-Message-Is-Ndr").is_some();
    let through_exo =
        route.domains.iter().any(|d| d.provider == Some(net::MICROSOFT_365.name) && d.role.is_sender_side());
    (null_sender || report || ms_ndr).then_some(Bounce {
        null_sender,
        report,
        exchange_online: ms_ndr || (null_sender || report) && through_exo,
    })
}

/// The receiver's verdicts that mark a message as likely hostile, strongest first: each item is the evidence in
/// words and whether it alone is enough (`strong`), and whether it says the From domain failed authentication.
struct Sign {
    words: Text,
    strong: bool,
    spoof: bool,
}

/// Microsoft's protection categories that name phishing, spoofing, impersonation or malware.
const HOSTILE_CATEGORIES: &[&str] =
    &["PHSH", "HPHSH", "HPHISH", "SPOOF", "DIMP", "UIMP", "GIMP", "MALW", "INTOS"];

/// The likely-hostile reading (see [`Impersonation`]). Only for mail that came into the receiving organisation
/// from outside (not internal, outbound or on the sender's hybrid path), and on mail a list or forwarder re-sent
/// only for a From display name claiming a brand. Strong evidence alone is enough: the receiver's DMARC failing,
/// Microsoft's composite authentication failing with an explicit reason (000, 002, 010, 6xx), a phishing,
/// spoofing, impersonation or malware category, or a From display name claiming a brand of
/// [`net::BRANDS`] on an address outside its domains. Otherwise two supporting signs are needed: composite authentication failing implicitly
/// (001), DMARC `temperror`/`permerror` with no aligned pass, a spam verdict of a filter inside the receiving
/// organisation, the message coming straight from a server that is neither the From domain's nor a mail
/// provider's, an address in the From display name other than the mailbox's own.
fn impersonation(
    ctx: &Inputs<'_>,
    route: &Route,
    envelope: &Envelope,
    microsoft: &Microsoft,
    delivery: &Delivery,
) -> Option<Impersonation> {
    let (summary, auth) = (ctx.summary, ctx.auth);
    // Exchange Online says the message came in from the Internet: whatever the envelope path looks like, it is
    // not the reader's own hybrid path.
    let from_internet = value(ctx.fields, "X-MS-Exchange-CrossTenant-FromEntityHeader")
        .is_some_and(|v| v.eq_ignore_ascii_case("Internet"));
    if route.direction == Direction::Internal
        || route.direction == Direction::Outbound
        || envelope.path.hybrid && !from_internet
    {
        return None;
    }
    // The first From mailbox with an address (a From that failed to parse may start with a bare name), else the
    // domain the receiver's DMARC check named.
    let from = summary.from.iter().find(|m| m.address.is_some()).or(summary.from.first());
    let dmarc_from = auth
        .trusted_methods("dmarc")
        .find_map(|(_, m)| m.property("header", "from").map(|d| d.trim().to_ascii_lowercase()));
    let from_domain = from
        .and_then(|m| m.address.as_deref())
        .and_then(|a| a.rsplit_once('@'))
        .map(|(_, d)| d.trim_end_matches(['>', ' ']).to_ascii_lowercase())
        .filter(|d| !d.is_empty() && !d.contains(['<', '>', '&', '?']))
        .or(dmarc_from)?;
    let from_org = site(&from_domain);
    // The From domain's own servers sent it: a failure there is the sender's misconfiguration, not a spoof.
    let own_servers =
        route.domains.iter().any(|d| d.role == Role::SendingOrg && Some(&d.name) == from_org.as_ref());
    let verdict = |method: &str| {
        auth.verdicts
            .iter()
            .find(|v| v.method.eq_ignore_ascii_case(method))
            .map(|v| v.result.to_ascii_lowercase())
    };
    let mut signs: Vec<Sign> = Vec::new();
    if verdict("dmarc").as_deref() == Some("fail") && !own_servers {
        signs.push(Sign {
            words: msg!("route.sign.dmarc-fail", from_domain).into(),
            strong: true,
            spoof: true,
        });
    }
    if verdict("compauth").as_deref() == Some("fail") && !own_servers {
        let reason = auth
            .trusted_methods("compauth")
            .find(|(_, m)| m.result.eq_ignore_ascii_case("fail"))
            .and_then(|(_, m)| m.reason.clone())
            .unwrap_or_default();
        let explicit = matches!(reason.as_str(), "000" | "002" | "010") || reason.starts_with('6');
        let code: Text = if reason.is_empty() {
            Text::default()
        } else {
            msg!("route.sign.compauth-reason", reason).into()
        };
        signs.push(Sign {
            words: msg!("route.sign.compauth-fail", from_domain, code).into(),
            strong: explicit,
            spoof: true,
        });
    }
    let report = microsoft.report.as_ref().filter(|r| !r.upstream);
    if let Some(cat) = report.and_then(|r| r.cat.as_deref()).map(str::to_ascii_uppercase)
        && HOSTILE_CATEGORIES.contains(&cat.as_str())
    {
        let words = Msg::new(crate::microsoft::cat_id(&cat).unwrap_or("ms.cat-words.phsh"), Vec::new());
        signs.push(Sign {
            words: msg!("route.sign.eop-category", words, cat).into(),
            strong: true,
            spoof: matches!(cat.as_str(), "SPOOF" | "DIMP" | "UIMP" | "GIMP"),
        });
    }
    if let Some(r) = verdict("dmarc").filter(|r| r == "temperror" || r == "permerror") {
        let pass = |m: &str| verdict(m).as_deref() == Some("pass");
        let aligned_pass = envelope.alignment.as_ref().is_some_and(|a| {
            a.dkim_aligned() && pass("dkim") || a.spf.as_ref().is_some_and(|s| s.relaxed) && pass("spf")
        });
        if !aligned_pass {
            signs.push(Sign {
                words: msg!("route.sign.dmarc-error", from_domain, result = r).into(),
                strong: false,
                spoof: true,
            });
        }
    }
    let eop_spam = report.and_then(|r| {
        let sfv = r.sfv.as_deref().map(str::to_ascii_uppercase);
        if matches!(sfv.as_deref(), Some("SPM" | "SKS")) {
            Some::<Text>(msg!("route.sign.eop-sfv", sfv = sfv.unwrap_or_default()).into())
        } else {
            r.scl.filter(|s| *s >= 5).map(|scl| -> Text { msg!("route.sign.eop-scl", scl).into() })
        }
    });
    let filter_spam = delivery
        .filters
        .iter()
        .find(|f| f.verdict == FilterVerdict::Spam && f.position == Position::Receiver)
        .map(|f| -> Text { msg!("route.sign.filter-spam", filter = f.filter).into() });
    if let Some(words) = eop_spam.or(filter_spam) {
        signs.push(Sign { words, strong: false, spoof: false });
    }
    // Straight from a server with no proper name (no reverse DNS and a HELO that is an address or a single
    // label), outside the From domain's organisation and no provider's: a rented or hijacked machine. A
    // legitimate sender's server or mail service presents a fully qualified name.
    let straight =
        !route.domains.iter().any(|d| matches!(d.role, Role::Relay | Role::Forwarder | Role::MailingList));
    if let Some(h) =
        route.boundary_hop.and_then(|b| ctx.hops.iter().find(|h| h.index == b)).filter(|_| straight)
        && let Some(ip) =
            h.from_ip.filter(|ip| !net::is_internal_ip(*ip) && net::provider_of_ip(*ip).is_none())
    {
        let name = from_host(h);
        let nameless = name.is_none_or(|n| {
            net::is_ip_text(n.trim_matches(['[', ']'])) || !n.trim_end_matches('.').contains('.')
        });
        let owner = name.and_then(|n| owner_key(Some(n), None)).map(|k| k.0);
        if nameless && owner.as_ref().is_none_or(|o| Some(o) != from_org.as_ref()) {
            signs.push(Sign {
                words: match name.filter(|n| !net::is_ip_text(n.trim_matches(['[', ']']))) {
                    Some(host) => msg!("route.sign.straight-named", host, ip, from_domain).into(),
                    None => msg!("route.sign.straight-ip", ip, from_domain).into(),
                },
                strong: false,
                spoof: false,
            });
        }
    }
    if let Some(from) = from
        && let Some(shown) = from.name.as_deref().and_then(display_name_address)
        && from.address.as_deref().is_none_or(|a| !shown.eq_ignore_ascii_case(a))
    {
        signs.push(Sign { words: msg!("route.sign.display-name", shown).into(), strong: false, spoof: true });
    }
    // A display name that claims a well-known brand ("Mailgun Team") on an address outside the brand's own
    // domains: the brand's notices come from its own domains, so on its own this is likely impersonation. The
    // From domain itself is not spoofed (it may be the attacker's or a compromised account's).
    let brand = from
        .and_then(|m| m.name.as_deref())
        .and_then(net::brand_claimed)
        .filter(|b| from_org.as_deref().is_some_and(|org| !b.owns(org)));
    // Re-sent by a list or forwarder, authentication and route signs are the intermediary's doing; a display name
    // claiming a brand is not (a list that rewrites From adds its own words, "Jane via List"), nor a Reply-To
    // (a forwarder leaves it alone; list mail never counts it).
    if route.redistributed() {
        signs.clear();
    }
    let reply_to = reply_elsewhere(ctx, envelope, &from_domain, from_org.as_deref());
    if let Some((_, reply_domain, consumer)) = &reply_to {
        let words: Text = if *consumer {
            msg!("route.sign.reply-to-consumer", reply_domain, from_domain).into()
        } else {
            msg!("route.sign.reply-to", reply_domain, from_domain).into()
        };
        signs.push(Sign { words, strong: false, spoof: false });
        // Nothing authenticates the From domain (no DMARC verdict, no aligned SPF or DKIM pass, an envelope
        // sender at another organisation): together with replies going elsewhere, a likely spoof. Alone it is
        // only what a small sender without DKIM looks like, so it counts only beside the Reply-To.
        let pass = |m: &str| verdict(m).as_deref() == Some("pass");
        let unauthenticated = !route.redistributed()
            && verdict("spf").is_some()
            && matches!(verdict("dmarc").as_deref(), None | Some("none"))
            && !matches!(verdict("compauth").as_deref(), Some("pass" | "softpass"))
            && envelope.alignment.as_ref().is_some_and(|a| {
                !(a.dkim_aligned() && pass("dkim")) && a.spf.as_ref().is_some_and(|s| !s.relaxed)
            });
        if unauthenticated
            && let Some(envelope_domain) = envelope.return_path.as_ref().map(|r| r.domain.clone())
        {
            signs.push(Sign {
                words: msg!("route.sign.unauthenticated", from_domain, envelope_domain).into(),
                strong: false,
                spoof: true,
            });
        }
    }
    if let (Some(b), Some(name)) = (brand, from.and_then(|m| m.name.as_deref())) {
        let words: Text = if name.trim().eq_ignore_ascii_case(b.name) {
            msg!("route.sign.brand-name", brand = b.name, from_domain).into()
        } else {
            msg!("route.sign.brand", brand = b.name, name, from_domain).into()
        };
        signs.push(Sign { words, strong: true, spoof: false });
    }
    let strong = signs.iter().any(|s| s.strong);
    if !strong && signs.len() < 2 {
        return None;
    }
    crate::sort::sort_by_key(&mut signs, |s| !s.strong);
    let evidence: Vec<Text> = signs.iter().map(|s| s.words.clone()).collect();
    let reason = match evidence.len() {
        1 => evidence[0].clone(),
        2 => msg!("route.reason-one-more", first = evidence[0]).into(),
        n => msg!("route.reason-more", first = evidence[0], n = n - 1).into(),
    };
    Some(Impersonation {
        from_domain,
        reason,
        spoofed: signs.iter().any(|s| s.spoof && (s.strong || signs.len() >= 2)),
        evidence,
        brand: brand.map(|b| b.name),
        reply_to: reply_to.map(|(address, _, _)| address),
    })
}

/// A Reply-To that sends answers to another organisation than the From domain's, as `(address, its domain, a
/// consumer mailbox domain while From is not)`. Quiet on list mail (a list sets Reply-To to itself), when From and
/// Reply-To are both consumer mailboxes (a person's two addresses), and when the Reply-To's organisational domain
/// is one the message is otherwise tied to: the envelope sender's, the Sender's, a DKIM signer's (a sending or
/// ticketing service that answers for its customer signs for the customer), one the From display name shows. Newsletters replying at another
/// domain of the same company still match, so this is a supporting sign, never a verdict on its own.
fn reply_elsewhere(
    ctx: &Inputs<'_>,
    envelope: &Envelope,
    from_domain: &str,
    from_org: Option<&str>,
) -> Option<(String, String, bool)> {
    if is_list(ctx.fields, ctx.hops) {
        return None;
    }
    let from_org = from_org?;
    let address =
        ctx.summary.reply_to.iter().find_map(|m| m.address.as_deref())?.trim_matches(['<', '>', ' ']);
    let reply_domain = address.rsplit_once('@')?.1.to_string();
    let reply_org = site(&reply_domain)?;
    let tied: Vec<String> = envelope
        .return_path
        .as_ref()
        .and_then(|r| site(&r.domain))
        .into_iter()
        .chain(ctx.summary.sender.iter().filter_map(|m| org_of_address(m.address.as_deref())))
        .chain(ctx.auth.dkim.iter().filter_map(|d| d.domain.as_deref()).filter_map(site))
        // The From display name shows an address there: one trick, already a sign of its own (and what a
        // campaign service sending for its customer writes).
        .chain(
            ctx.summary
                .from
                .iter()
                .filter_map(|m| m.name.as_deref().and_then(display_name_address))
                .filter_map(|a| org_of_address(Some(a))),
        )
        .collect();
    if reply_org == from_org || tied.contains(&reply_org) || !crate::domain::is_routable(&reply_domain) {
        return None;
    }
    let (reply_consumer, from_consumer) =
        (net::is_consumer_mailbox_domain(&reply_domain), net::is_consumer_mailbox_domain(from_domain));
    if reply_consumer && from_consumer {
        return None;
    }
    Some((address.to_string(), reply_domain, reply_consumer && !from_consumer))
}

/// The address-looking part of a display name, if it has one (`security@bank.example.com` in
/// `"security@bank.example.com" <x@example.net>`).
pub(crate) fn display_name_address(name: &str) -> Option<&str> {
    name.split(|c: char| {
        c.is_whitespace() || matches!(c, '"' | '\'' | '(' | ')' | '<' | '>' | ',' | ';' | '[' | ']')
    })
    .find(|w| {
        let Some((local, domain)) = w.split_once('@') else { return false };
        !local.is_empty() && domain.contains('.') && !domain.starts_with('.') && !domain.ends_with('.')
    })
}

#[cfg(test)]
mod tests {
    use crate::catalog::Lang;
    use crate::route::{Direction, Role};

    fn route(text: &str) -> crate::route::Route {
        crate::analyze_str(text).route
    }

    fn roles(r: &crate::route::Route) -> Vec<(String, Role)> {
        r.domains.iter().map(|d| (d.name.clone(), d.role)).collect()
    }

    #[test]
    fn authenticated_submission_through_google_has_the_boundary_at_googles_outbound_hop() {
        let r = route(
            "Received: from mail-wm0-f68.google.com (mail-wm0-f68.google.com [74.125.82.68])\n\tby mx.example.com (Postfix) with ESMTPS id 40ygQz3kLhz9s0; Sat,  2 Jun 2018 18:29:37 +0200\n\
             Received: from [192.168.178.20] (dsl-43.example.net. [203.0.113.43])\n\tby smtp.gmail.com with ESMTPSA id h7sm4012345wmb.12; Sat, 02 Jun 2018 09:29:35 -0700\n\
             From: someone@gmail.com\nTo: admin@example.com\n",
        );
        assert_eq!(r.submission_hop, Some(1));
        assert_eq!(r.boundary_hop, Some(2));
        assert_eq!(r.direction, Direction::Inbound);
        let roles = roles(&r);
        assert_eq!(roles[0].1, Role::SubmittingClient);
        assert_eq!(roles[1], ("Google".to_string(), Role::SendingProvider));
        assert_eq!(roles[2], ("example.com".to_string(), Role::ReceivingOrg));
    }

    /// Mail that entered Exchange Online from the Internet and went out again to another organisation lost
    /// Exchange's organisation fields at the way out: Exchange Online is the sender's provider, the boundary is
    /// the hop into the other organisation, and nobody is told to fix the identity of a server inside Microsoft.
    /// The same route with the organisation fields kept is Exchange Online handing mail to its tenant's own servers.
    #[test]
    fn exchange_online_sending_out_is_the_senders_provider() {
        let out = "Received: from mail-eastus2.outbound.protection.outlook.com (mail-eastus2.outbound.protection.outlook.com [2a01:111:f403:c110::2]) by mx.example.net with ESMTPS id 1; Fri, 3 Feb 2023 05:09:30 +0000\n\
            Received: from AB1PR01CA0002.namprd00.prod.outlook.com (2603:10b6:5:114::36) by AB2PR01MB0003.namprd21.prod.outlook.com (2603:10b6:510:1d7::17) with Microsoft SMTP Server (version=TLS1_2) id 15.20.6086.6; Fri, 3 Feb 2023 05:09:23 +0000\n\
            Received: from 192.0.2.1 (192.0.2.54) by AB1PEPF0001.mail.protection.outlook.com (10.152.107.16) with Microsoft SMTP Server (version=TLS1_2) id 15.20.6105.0 via Frontend Transport; Fri, 3 Feb 2023 05:09:22 +0000\n\
            From: <reports@example.org>\nTo: <tls@example.net>\n\
            X-MS-Exchange-CrossTenant-FromEntityHeader: Internet\n";
        let report = crate::analyze_str(out);
        let r = &report.route;
        assert_eq!(r.boundary_hop, Some(3), "{:#?}", r);
        assert_eq!(r.role_of(2), Some(Role::SendingProvider));
        assert!(
            report.findings.iter().all(|f| f.id != crate::model::FindingId::HeloWeak),
            "{:#?}",
            report.findings
        );
        let hybrid = route(&format!("{out}X-MS-Exchange-Organization-MessageDirectionality: Incoming\n"));
        assert_eq!(hybrid.role_of(2), Some(Role::ReceivingOrg), "{hybrid:#?}");
    }

    /// A local delivery (Cyrus's `from me ([unix socket]) … with LMTPA`), a hop from a loopback address and a stamp
    /// with no address at all (qmail-scanner's `from orders@example.org`) are no hand-over between organisations:
    /// never the boundary, so no advice about "the sending server" lands on them. An address literal as HELO
    /// (`[10.0.0.1]`) names no organisation.
    #[test]
    fn a_hop_without_a_public_address_is_no_boundary() {
        let text = "Received: from me ([unix socket]) by store.example.net (Cyrus v2.2.12) with LMTPA; Sun, 18 Nov 2007 00:56:33 -0800\n\
            Received: from mx.example.org (unknown [127.0.0.1]) by store.example.net (Postfix) with ESMTP id F1; Sun, 18 Nov 2007 00:56:32 -0800\n\
            Received: from out.example.org (out.example.org [198.51.100.9]) by mx.example.org (Postfix) with ESMTP id 2D; Sun, 18 Nov 2007 00:56:28 -0800\n\
            Received: from [10.0.0.1] (really [203.0.113.10]) by out.example.org with ESMTP id <1@[10.0.0.1]>; Sun, 18 Nov 2007 08:56:27 +0000\n\
            From: Ann <ann@example.com>\nTo: Bob <bob@example.net>\n";
        let report = crate::analyze_str(text);
        let r = &report.route;
        assert_ne!(r.boundary_hop, Some(4), "{r:#?}");
        assert_ne!(r.boundary_hop, Some(3), "{r:#?}");
        assert!(r.domains.iter().all(|d| !d.name.contains('[')), "{:?}", roles(r));
        let qmail = route(
            "Received: (qmail 1234 invoked by uid 0); 8 Jan 2024 10:00:05 -0000\n\
             Received: from orders@example.org by mx.example.net by uid 0 with qmail-scanner-1.12 (clamscan. Clear:.); 8 Jan 2024 10:00:04 -0000\n\
             Received: from out.example.org (out.example.org [198.51.100.9]) by relay.example.com (Postfix) with ESMTP id 2D; Mon, 8 Jan 2024 10:00:02 +0000\n\
             To: Bob <bob@example.net>\n",
        );
        assert_ne!(qmail.boundary_hop, Some(2), "{qmail:#?}");
    }

    #[test]
    fn a_server_passing_mail_to_itself_is_no_boundary() {
        let r = route(
            "Received: from gw.example.com (gw.example.com [203.0.113.9]) by gw.example.com (203.0.113.9) with ESMTP id 2; Mon, 8 Jan 2024 10:00:03 +0000\n\
             Received: from out.example.org (out.example.org [198.51.100.7]) by gw.example.com (203.0.113.9) with ESMTPS id 1; Mon, 8 Jan 2024 10:00:02 +0000\n",
        );
        assert_eq!(r.boundary_hop, Some(1));
        assert!(r.hop(2).unwrap().to_itself);
        assert!(!r.hop(2).unwrap().crosses);
    }

    #[test]
    fn srs_is_recognised() {
        let r = route(include_str!("../tests/fixtures/route/forwarded-with-srs.eml"));
        assert!(r.forwarding.as_ref().unwrap().srs);
        assert!(r.final_delivery);
    }

    #[test]
    fn the_founding_case_is_outbound_through_exchange_online() {
        let r =
            crate::analyze(include_bytes!("../tests/fixtures/exchange/hybrid-mail-contact-broken.eml")).route;
        let roles = roles(&r);
        assert_eq!(roles.first().map(|d| d.1), Some(Role::SendingOrg));
        assert!(
            roles.iter().any(|d| d == &("Microsoft 365".to_string(), Role::SendingProvider)),
            "{roles:?}"
        );
        assert_eq!(roles.last().map(|d| d.1), Some(Role::ReceivingOrg));
        assert_eq!(r.direction, Direction::Inbound);
        assert!(r.impersonation.is_none());
    }

    #[test]
    fn a_list_is_recognised_with_its_hold() {
        let r = route(
            "Received: from LISTS.EXAMPLE.ORG (lists.example.org [198.51.100.50]) by mx.example.net with ESMTP id 9; Wed, 12 Jun 2019 08:01:02 -0400\n\
             Received: by LISTS.EXAMPLE.ORG (LISTSERV-TCP/IP release 17.0) with spool id 16690518 for LIST@LISTS.EXAMPLE.ORG; Wed, 12 Jun 2019 08:01:00 -0400\n\
             Received: from out.example.com (out.example.com [203.0.113.5]) by LISTS.EXAMPLE.ORG with ESMTP id 8; Fri, 7 Jun 2019 20:00:00 -0400\n\
             List-Help: <mailto:LISTSERV@LISTS.EXAMPLE.ORG?body=INFO%20LIST>\n\
             From: author@example.com\n",
        );
        let list = r.list.as_ref().expect("list");
        assert_eq!(list.hops, [2]);
        assert!(!list.from_rewritten);
        assert!(r.domains.iter().any(|d| d.role == Role::MailingList && d.name == "example.org"));
    }

    /// Inbound mail whose MX is the receiving organisation's own server, relayed by its on-premises Exchange to
    /// Exchange Online over the hybrid connector (HybridOnPrem, Originating): inbound, with every server from
    /// the MX on the receiver's, and Exchange Online Protection behind the organisation's own gateway.
    #[test]
    fn inbound_mail_through_the_receivers_own_hybrid_servers_is_inbound() {
        let text = include_str!("../tests/fixtures/route/hybrid-inbound-through-onprem.eml");
        let r = route(text);
        assert_eq!(r.direction, Direction::Inbound);
        assert_eq!(
            roles(&r),
            [
                ("example.net".to_string(), Role::SendingOrg),
                ("example.org".to_string(), Role::ReceivingOrg),
                ("Microsoft 365".to_string(), Role::ReceivingOrg)
            ]
        );
        assert_eq!(r.boundary_hop, Some(1));
        assert_eq!(r.eop_behind_gateway, Some(4));
        assert!(r.impersonation.is_none());
        // Not the sender's application → on-prem → Exchange Online path.
        let report = crate::analyze_str(text);
        assert!(!report.findings.iter().any(|f| f.id == crate::model::FindingId::HybridPath));
        // The same path for a recipient outside example.org is the sender's own hybrid way out: outbound.
        let out = route(&text.replace("To: <accounts@example.org>", "To: <accounts@example.com>"));
        assert_eq!(out.direction, Direction::Outbound);
        assert!(out.domains.iter().all(|d| !d.role.is_receiver_side()), "{:?}", roles(&out));
        assert_eq!(out.eop_behind_gateway, None);
    }

    /// Trend Micro Email Security in front of Exchange Online is the receiving organisation's gateway, not a
    /// forwarder: no forwarding (so no SRS advice), and EOP sits behind it.
    #[test]
    fn trend_micro_is_a_receiving_gateway_not_a_forwarder() {
        let r = route(include_str!("../tests/fixtures/route/trend-micro-gateway.eml"));
        assert_eq!(
            roles(&r),
            [
                ("example.net".to_string(), Role::SendingOrg),
                ("Trend Micro Email Security".to_string(), Role::ReceivingGateway),
                ("Microsoft 365".to_string(), Role::ReceivingOrg)
            ]
        );
        assert!(r.forwarding.is_none());
        assert_eq!(r.eop_behind_gateway, Some(2));
    }

    /// A list manager's stamp in the middle makes the loose marks (`X-List`, `Precedence: bulk`) a list; headers
    /// that end at the list manager's stamp are the list's incoming copy, and `X-List` alone is no list.
    #[test]
    fn x_list_needs_the_list_managers_stamp_below_the_newest() {
        let post = "Received: from lists.example.org (lists.example.org [198.51.100.50]) by mx.example.net (Postfix) with ESMTP id 7; Fri, 7 Feb 2003 17:57:31 +0000\n\
             Received: from lists.example.org (localhost [127.0.0.1]) by lists.example.org (Postfix) with ESMTP id 6; Fri, 7 Feb 2003 17:38:06 +0000\n\
             Received: with LISTAR (v0.129a; list talk); Fri, 07 Feb 2003 17:38:05 +0000\n\
             Received: from out.example.com (out.example.com [203.0.113.5]) by lists.example.org (Postfix) with ESMTP id 5; Fri, 7 Feb 2003 17:38:02 +0000\n\
             X-list: talk\nPrecedence: bulk\nFrom: author@example.com\nTo: talk@example.org\n";
        let r = route(post);
        let list = r.list.as_ref().expect("a list post");
        assert_eq!(list.hops, [2]);
        assert!(
            r.domains.iter().any(|d| d.role == Role::MailingList && d.name == "example.org"),
            "{:?}",
            roles(&r)
        );
        // The list's incoming copy (as an archive keeps it): its newest stamp is the list manager's.
        let intake = "Received: with ECARTIS (v1.0.0; list talk); Tue, 06 Dec 2011 01:49:42 +0100\n\
             Received: from mail.example.com (mail.example.com [203.0.113.5]) by lists.example.org with ESMTP id S1; Tue, 6 Dec 2011 01:49:37 +0100\n\
             X-list: talk\nPrecedence: bulk\nX-ecartis-version: Ecartis v1.0.0\nFrom: author@example.com\nTo: talk@example.org\n";
        assert!(route(intake).list.is_none());
        // No list manager at all.
        let plain = "Received: from mail.example.com (mail.example.com [203.0.113.5]) by mx.example.org with ESMTP id S1; Tue, 6 Dec 2011 01:49:37 +0100\n\
             X-List: talk\nFrom: author@example.com\n";
        assert!(route(plain).list.is_none());
        // A Majordomo list names itself in X-Loop.
        assert!(route(&plain.replace("X-List: talk", "X-Loop: owner-majordomo@example.org")).list.is_some());
    }

    #[test]
    fn a_phishing_category_alone_is_enough_and_is_no_spoof() {
        // The sender's own domain authenticates (DMARC pass), but Exchange Online Protection calls it phishing.
        let text = "Authentication-Results: spf=pass (sender IP is 198.51.100.70) smtp.mailfrom=example.net; dkim=pass (signature was verified) header.d=example.net;dmarc=pass action=none header.from=example.net;compauth=pass reason=100\n\
             Received: from mail.example.net (198.51.100.70) by AM4PEPF00027A5F.mail.protection.outlook.com (10.167.16.73) with Microsoft SMTP Server id 15.20.7181.13 via Frontend Transport; Mon, 8 Jan 2024 10:00:05 +0000\n\
             X-Forefront-Antispam-Report: CIP:198.51.100.70;CTRY:US;SCL:9;SRV:;IPV:NLI;SFV:SPM;CAT:PHSH;DIR:INB;\n\
             From: Payroll <payroll@example.net>\nTo: staff@example.org\n";
        let r = route(text);
        let hostile = r.impersonation.as_ref().expect("likely hostile");
        assert!(!hostile.spoofed);
        assert_eq!(
            hostile.evidence.first().map(|e| e.render(Lang::En)).as_deref(),
            Some("Exchange Online Protection classified it as phishing (CAT:PHSH)")
        );
        assert_eq!(
            hostile.reason.render(Lang::Fr),
            "Exchange Online Protection l'a classé dans la catégorie hameçonnage (CAT:PHSH), et un autre signe"
        );
        // Without the category, a spam verdict from the From domain's own server is one sign: not enough.
        assert!(route(&text.replace("CAT:PHSH", "CAT:SPM")).impersonation.is_none());
    }

    #[test]
    fn forward_hosts_are_named_by_their_first_label() {
        for h in
            ["forward106p.mail.example.com", "fwd.example.net", "fwd2.example.net", "fwd-out.example.net"]
        {
            assert!(super::is_forward_host(h), "{h}");
        }
        for h in ["forward", "fwdx.example.net", "mx.forward.example.com", "mail.example.com"] {
            assert!(!super::is_forward_host(h), "{h}");
        }
    }

    #[test]
    fn a_spoof_is_likely_impersonation_and_a_bounce_is_a_bounce() {
        let r = route(
            "Authentication-Results: mx.example.org; spf=fail smtp.mailfrom=example.net; dkim=none; dmarc=fail (p=REJECT) header.from=example.net\n\
             Received: from bad.example.com (bad.example.com [198.51.100.66]) by mx.example.org with ESMTP id 1; Mon, 8 Jan 2024 10:00:02 +0000\n\
             From: ceo@example.net\n",
        );
        assert_eq!(r.impersonation.as_ref().map(|i| i.from_domain.as_str()), Some("example.net"));
        let b = route(
            "Return-Path: <>\nContent-Type: multipart/report; report-type=delivery-status; boundary=x\nFrom: MAILER-DAEMON@example.org\n",
        );
        assert_eq!(
            b.bounce,
            Some(crate::route::Bounce { null_sender: true, report: true, exchange_online: false })
        );
    }
}
