//! Redaction of exported reports, so a report can go into a ticket without the people, organisations and
//! networks in it. Replaced, with one stable placeholder per value (compared without regard to case):
//! - every email address (`user-1@domain-1.local`; an address at a public provider keeps the provider),
//! - the domains and host names of the organisations in the route (`domain-1.local`, `host-2.domain-1.local`,
//!   server names such as `EXCH01` → `host-3`); public infrastructure (Microsoft 365, Google, the big senders)
//!   stays, since it says nothing about the organisation and is often the diagnosis; a domain keeps its
//!   top-level domain, since whether it is routable (`.local`) is often the diagnosis too,
//! - a Microsoft 365 tenant's name (`tenant-1.onmicrosoft.com`, also inside DKIM selectors),
//! - IPv4 and IPv6 addresses (`ip-1`), GUIDs such as tenant ids and Network Message IDs (`guid-1`),
//! - message ids (`message-id-1@redacted.invalid`) and the subject (`[subject]`),
//! - the display names of From, Sender, Reply-To, To and Cc (`name-1`), as decoded and as written.
//! - the local part of an address quoted on its own (`invoice.ROBOT` → `local-part-1`, as the findings on the
//!   Return-Path's capitalisation quote it), an organisation's domain written with dashes (`example-org`, as
//!   in its Exchange Online MX host `example-org.mail.protection.outlook.com` and its DKIM CNAME targets), and
//!   an IP address cut short with `…` in a table cell (the placeholder of the whole address),
//! - the pieces of the author's and envelope sender's local parts that the capitalisation findings quote alone
//!   (`ROBOT` of `invoice.ROBOT` → `local-part-3`), and the queue ids the servers gave the message (a hop's
//!   `id` → `queue-id-1`; Exchange build numbers such as `15.20.8207.9` stay).
//!
//! Text exports (Markdown) are redacted as text; JSON is redacted value by value, so it stays valid JSON.

use std::collections::HashMap;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use headerlens::Report;
use serde_json::Value;

/// Header names whose values are (lists of) message ids.
const MESSAGE_ID_FIELDS: &[&str] = &["message-id", "in-reply-to", "references", "resent-message-id"];

/// Organisational domains of public mail infrastructure: shown as they are.
const PUBLIC: &[&str] = &[
    "outlook.com",
    "office365.com",
    "office.com",
    "microsoft.com",
    "exchangelabs.com",
    "windows.net",
    "google.com",
    "gmail.com",
    "googlemail.com",
    "googleusercontent.com",
    "1e100.net",
    "yahoo.com",
    "yahoodns.net",
    "aol.com",
    "icloud.com",
    "me.com",
    "apple.com",
    "amazonses.com",
    "amazonaws.com",
    "sendgrid.net",
    "mailgun.org",
    "mailgun.net",
    "mimecast.com",
    "pphosted.com",
    "messagelabs.com",
    "protonmail.ch",
    "proton.me",
    "zoho.com",
    "fastmail.com",
    "messagingengine.com",
    "mcsv.net",
    "mandrillapp.com",
    "sparkpostmail.com",
    "postmarkapp.com",
    "rfc-editor.org",
];

/// Role local parts (RFC 2142 and common automated senders) and protocol words: kept as they are when quoted
/// alone, since they name no one and the same words occur in the findings' text.
const ROLE_LOCAL_PARTS: &[&str] = &[
    "abuse",
    "admin",
    "alerts",
    "calendar",
    "exchange",
    "google",
    "microsoft",
    "office",
    "outlook",
    "bounce",
    "bounces",
    "contact",
    "dkim",
    "dmarc",
    "help",
    "hostmaster",
    "info",
    "mail",
    "mailer-daemon",
    "marketing",
    "news",
    "newsletter",
    "no-reply",
    "noc",
    "noreply",
    "notification",
    "notifications",
    "postmaster",
    "report",
    "reports",
    "root",
    "sales",
    "security",
    "spf",
    "support",
    "test",
    "user",
    "webmaster",
];

/// Words too common to hide when they are a piece of a local part (`the.boss`, `from.web`).
const COMMON_WORDS: &[&str] = &[
    "from", "with", "this", "that", "your", "team", "none", "unknown", "reply", "service", "services",
    "office", "online", "system", "server", "admin", "account", "accounts", "billing", "invoice", "invoices",
    "mailbox",
];

/// Server names that say nothing about an organisation.
const GENERIC_LABELS: &[&str] =
    &["localhost", "unknown", "mail", "smtp", "relay", "gateway", "exchange", "server", "mx", "www"];

/// The message ids found in the report's headers, without angle brackets, longest first.
pub fn message_ids(report: &Report) -> Vec<String> {
    let mut ids = Vec::new();
    for field in &report.headers {
        let name = field.name.to_ascii_lowercase();
        if MESSAGE_ID_FIELDS.contains(&name.as_str()) || name.ends_with("-messageid") {
            let mut rest = field.value.as_str();
            let mut found = false;
            while let Some(open) = rest.find('<') {
                let after = &rest[open + 1..];
                let Some(close) = after.find('>') else { break };
                let id = after[..close].trim();
                if !id.is_empty() {
                    ids.push(id.to_string());
                    found = true;
                }
                rest = &after[close + 1..];
            }
            let bare = field.value.trim();
            if !found && !bare.is_empty() && !bare.contains(char::is_whitespace) {
                ids.push(bare.to_string());
            }
        }
    }
    headerlens::sort::sort_by_key(&mut ids, |id| std::cmp::Reverse(id.len()));
    ids.dedup();
    ids
}

/// The organisational domain used for grouping a name: the public-suffix answer when it is routable, else
/// the last two labels (`acmecorp.local`).
fn org_domain(host: &str) -> Option<String> {
    let h = host.trim_matches(|c| c == '.' || c == '[' || c == ']').to_ascii_lowercase();
    if !h.contains('.') || h.parse::<IpAddr>().is_ok() || !h.chars().all(is_domain_char) {
        return None;
    }
    headerlens::domain::organizational_domain(&h).or_else(|| {
        let labels: Vec<&str> = h.rsplitn(3, '.').collect();
        (labels.len() >= 2 && labels.iter().all(|l| !l.is_empty()))
            .then(|| format!("{}.{}", labels[1], labels[0]))
    })
}

fn is_public(org: &str) -> bool {
    PUBLIC.contains(&org)
}

fn tld(domain: &str) -> &str {
    domain.rsplit('.').next().filter(|t| !t.is_empty()).unwrap_or("invalid")
}

#[derive(Clone, Copy, PartialEq)]
enum Bound {
    /// A name: not inside a longer name (letters, digits, `-`, `_` around it; a `.` before is allowed).
    Name,
    /// A word of text.
    Word,
    /// Anywhere (message ids: they carry their own delimiters).
    None,
    /// A local part quoted on its own: a word, and not the start of an address (addresses have their rule).
    LocalPart,
}

/// One export's redaction: the values found in the report and the placeholders given so far.
pub struct Redactor {
    /// (lower-case needle, placeholder, boundary rule), longest first.
    needles: Vec<(String, String, Bound)>,
    seen: HashMap<String, String>,
    counts: HashMap<&'static str, usize>,
}

impl Redactor {
    /// Collects what to hide from the report: its message ids, subject, and the domains and hosts of the
    /// organisations in its addresses and route.
    pub fn new(report: &Report) -> Redactor {
        let mut r = Redactor { needles: Vec::new(), seen: HashMap::new(), counts: HashMap::new() };
        for id in message_ids(report) {
            let p = r.next("message-id", &id, |n| format!("message-id-{n}@redacted.invalid"));
            r.needles.push((id.to_ascii_lowercase(), p, Bound::None));
        }
        if let Some(subject) = &report.summary.subject {
            r.add_subject(subject);
        }
        for h in report.headers.iter().filter(|h| h.name.eq_ignore_ascii_case("subject")) {
            r.add_subject(h.value.trim());
        }
        let s = &report.summary;
        for mailbox in s.from.iter().chain(&s.sender).chain(&s.reply_to).chain(&s.to).chain(&s.cc) {
            if let Some(name) = mailbox.name.as_deref() {
                r.add_display_name(name);
            }
        }
        // Names: hosts of the route, domains of every address in the headers.
        let mut names: Vec<String> = Vec::new();
        for hop in &report.hops {
            names.extend([hop.from.clone(), hop.by.clone(), hop.from_rdns.clone()].into_iter().flatten());
        }
        for field in &report.headers {
            for (_, domain) in addresses(&field.value) {
                names.push(domain.to_string());
            }
        }
        // Other names in the headers (DKIM d=, X-OriginatorOrg, HELO, …) under those organisations, and
        // Microsoft 365 tenant names.
        let orgs: Vec<String> = names.iter().filter_map(|n| org_domain(n)).collect();
        for field in &report.headers {
            for token in domain_tokens(&field.value) {
                let lower = token.to_ascii_lowercase();
                if lower.ends_with(".onmicrosoft.com")
                    || org_domain(&lower).is_some_and(|o| orgs.contains(&o))
                {
                    names.push(lower);
                }
            }
        }
        names.iter_mut().for_each(|n| *n = n.to_ascii_lowercase());
        headerlens::sort::sort(&mut names);
        names.dedup();
        for name in names {
            r.add_name(&name);
        }
        // Local parts quoted on their own. Any one with a dot, dash, digit or the like (`invoice.ROBOT`,
        // `j.smith2`); a plain word only for the author and envelope sender, the addresses findings quote.
        let s = &report.summary;
        let quoted: Vec<&str> = s
            .from
            .iter()
            .chain(&s.sender)
            .filter_map(|m| m.address.as_deref())
            .chain(s.return_path.iter().filter_map(|rp| rp.address.as_deref()))
            .filter_map(|a| a.rsplit_once('@').map(|(local, _)| local))
            .collect();
        let mut locals: Vec<String> = Vec::new();
        for field in &report.headers {
            for (local, _) in addresses(&field.value) {
                if !local.chars().all(|c| c.is_ascii_alphabetic()) || quoted.contains(&local) {
                    locals.push(local.to_ascii_lowercase());
                }
            }
        }
        headerlens::sort::sort(&mut locals);
        locals.dedup();
        for local in locals {
            r.add_local_part(&local);
        }
        // The pieces of the author's and envelope sender's local parts (`ROBOT` of `invoice.ROBOT`): the
        // Return-Path capitalisation findings quote them alone.
        let mut pieces: Vec<String> = quoted
            .iter()
            .flat_map(|l| l.split(['.', '-', '_', '+']))
            .map(str::to_ascii_lowercase)
            .filter(|p| {
                p.len() >= 4
                    && !p.chars().all(|c| c.is_ascii_digit())
                    && !ROLE_LOCAL_PARTS.contains(&p.as_str())
                    && !COMMON_WORDS.contains(&p.as_str())
            })
            .collect();
        headerlens::sort::sort(&mut pieces);
        pieces.dedup();
        for piece in pieces {
            let p = r.next("local-part", &piece, |n| format!("local-part-{n}"));
            r.needles.push((piece, p, Bound::LocalPart));
        }
        // The queue ids the servers gave the message (a hop's `id`, as the JSON carries them; they find the
        // message in those servers' logs), but not Exchange's build numbers (`15.20.8207.9`), which say which
        // release handled it.
        for hop in &report.hops {
            let Some(id) = hop.id.as_deref().map(str::trim) else { continue };
            if id.len() >= 6 && !id.chars().all(|c| c.is_ascii_digit() || c == '.') {
                let p = r.next("queue-id", id, |n| format!("queue-id-{n}"));
                r.needles.push((id.to_ascii_lowercase(), p, Bound::Name));
            }
        }
        headerlens::sort::sort_by_key(&mut r.needles, |(n, _, _)| std::cmp::Reverse(n.len()));
        r.needles.dedup_by(|a, b| a.0 == b.0);
        // Number the addresses, GUIDs and IPs in header order, so every export of this report (Markdown,
        // JSON) gives a value the same placeholder.
        for field in &report.headers {
            let _ = r.text(&field.value);
        }
        r
    }

    fn next(&mut self, kind: &'static str, value: &str, make: impl FnOnce(usize) -> String) -> String {
        let key = format!("{kind}:{}", value.to_ascii_lowercase());
        if let Some(p) = self.seen.get(&key) {
            return p.clone();
        }
        let n = self.counts.entry(kind).or_default();
        *n += 1;
        let p = make(*n);
        self.seen.insert(key, p.clone());
        p
    }

    fn add_subject(&mut self, subject: &str) {
        if subject.chars().count() >= 3 {
            self.needles.push((subject.to_ascii_lowercase(), "[subject]".to_string(), Bound::Word));
        }
    }

    /// A person's or mailbox's display name (`Invoice Robot` → `name-1`), unless it only repeats an address
    /// (the address rule covers that) or is too short to be telling.
    fn add_display_name(&mut self, name: &str) {
        let name = name.trim().trim_matches('"').trim();
        if name.chars().count() < 3 || name.contains('@') {
            return;
        }
        let p = self.next("name", name, |n| format!("name-{n}"));
        self.needles.push((name.to_ascii_lowercase(), p, Bound::Word));
    }

    fn add_local_part(&mut self, local: &str) {
        let telling = local.chars().filter(|c| c.is_ascii_alphanumeric()).count() >= 3
            && !local.chars().all(|c| c.is_ascii_digit())
            && !ROLE_LOCAL_PARTS.contains(&local);
        if telling {
            let p = self.next("local-part", local, |n| format!("local-part-{n}"));
            self.needles.push((local.to_string(), p, Bound::LocalPart));
        }
    }

    fn domain_placeholder(&mut self, org: &str) -> String {
        let t = tld(org).to_string();
        self.next("domain", org, |n| format!("domain-{n}.{t}"))
    }

    fn add_name(&mut self, name: &str) {
        let host = name.trim_matches(|c| c == '.' || c == '[' || c == ']').to_ascii_lowercase();
        if host.is_empty() || host.parse::<IpAddr>().is_ok() {
            return;
        }
        if !host.contains('.') {
            if host.len() >= 3 && !GENERIC_LABELS.contains(&host.as_str()) && host.chars().all(is_domain_char)
            {
                let p = self.next("host", &host, |n| format!("host-{n}"));
                self.needles.push((host, p, Bound::Name));
            }
            return;
        }
        // A tenant's initial domain: the tenant name is the organisation's (also inside DKIM selectors).
        if let Some(tenant) = host.strip_suffix(".onmicrosoft.com").and_then(|t| t.rsplit('.').next()) {
            if tenant.len() >= 3 {
                let p = self.next("tenant", tenant, |n| format!("tenant-{n}"));
                self.needles.push((tenant.to_string(), p, Bound::Word));
            }
            return;
        }
        let Some(org) = org_domain(&host) else { return };
        if is_public(&org) {
            return;
        }
        let dom = self.domain_placeholder(&org);
        self.needles.push((org.clone(), dom.clone(), Bound::Name));
        // The same domain with dashes for dots, as Microsoft 365 writes it in the organisation's MX host
        // (`example-org.mail.protection.outlook.com`) and DKIM CNAME targets (`selector1-example-org._domainkey`).
        self.needles.push((org.replace('.', "-"), dom.replace('.', "-"), Bound::Word));
        if host != org {
            let p = self.next("host", &host, |n| format!("host-{n}.{dom}"));
            self.needles.push((host.clone(), p, Bound::Name));
            // The server's own name (`EXCH01`) is as telling as its full name.
            let first = host.split('.').next().unwrap_or_default();
            if first.len() >= 4
                && first.chars().any(|c| c.is_ascii_digit())
                && !GENERIC_LABELS.contains(&first)
                && !first.chars().all(|c| c.is_ascii_digit())
            {
                let p = self.next("host", first, |n| format!("host-{n}"));
                self.needles.push((first.to_string(), p, Bound::Name));
            }
        }
    }

    /// The text with every value to hide replaced.
    pub fn text(&mut self, text: &str) -> String {
        let text = self.replace_needles(text, false);
        let text = self.replace_guids(&text);
        let text = self.replace_addresses(&text, false);
        self.replace_ips(&text)
    }

    /// A Markdown export with every value to hide replaced. Values are found as written in the headers
    /// although the export escapes Markdown's punctuation (`\(la ZAPP\)`, `test\_bounce@…`): a backslash
    /// before ASCII punctuation is read as the character alone, and the whole escaped value is replaced.
    pub fn markdown(&mut self, text: &str) -> String {
        let text = self.replace_needles(text, true);
        let text = self.replace_guids(&text);
        let text = self.replace_addresses(&text, true);
        self.replace_ips(&text)
    }

    /// A JSON value with every string (not the keys) redacted.
    pub fn json(&mut self, v: &Value) -> Value {
        match v {
            Value::String(s) => Value::String(self.text(s)),
            Value::Array(a) => Value::Array(a.iter().map(|x| self.json(x)).collect()),
            Value::Object(o) => {
                // Inserted one by one rather than collected: collecting sorts the entries again (a copy of
                // the standard library's stable sort in the wasm); they are already in order.
                let mut out = serde_json::Map::new();
                for (k, x) in o {
                    out.insert(k.clone(), self.json(x));
                }
                Value::Object(out)
            }
            other => other.clone(),
        }
    }

    fn replace_needles(&self, text: &str, markdown: bool) -> String {
        // Searched: the text as the headers wrote it (Markdown's escapes dropped), with the byte in `text`
        // where each of its bytes is written (the backslash of an escaped character).
        let (lower, map) = if markdown && text.contains('\\') {
            let (plain, map) = unescape_markdown(text);
            (plain.to_ascii_lowercase(), Some(map))
        } else {
            (text.to_ascii_lowercase(), None)
        };
        let at = |i: usize| map.as_ref().map_or(i, |m| m[i]);
        let bytes = lower.as_bytes();
        let mut hits: Vec<(usize, usize, &str)> = Vec::new();
        for (needle, placeholder, bound) in &self.needles {
            if needle.is_empty() {
                continue;
            }
            let mut from = 0;
            while let Some(rel) = lower[from..].find(needle.as_str()) {
                let start = from + rel;
                let end = start + needle.len();
                from = start + 1;
                while !lower.is_char_boundary(from) {
                    from += 1;
                }
                let before = start.checked_sub(1).map(|i| bytes[i]);
                let after = bytes.get(end).copied();
                let name_char = |b: u8| b.is_ascii_alphanumeric() || b == b'-' || b == b'_';
                let ok = match bound {
                    Bound::None => true,
                    Bound::Name => !before.is_some_and(name_char) && !after.is_some_and(name_char),
                    Bound::Word => {
                        !before.is_some_and(|b| b.is_ascii_alphanumeric())
                            && !after.is_some_and(|b| b.is_ascii_alphanumeric())
                    }
                    Bound::LocalPart => {
                        let local_char = |b: u8| b.is_ascii_alphanumeric() || b"._-+=".contains(&b);
                        !before.is_some_and(local_char) && !after.is_some_and(|b| local_char(b) || b == b'@')
                    }
                };
                if ok {
                    hits.push((at(start), at(end), placeholder));
                }
            }
        }
        // Leftmost first, the longest at one place; overlaps dropped.
        headerlens::sort::sort_by(&mut hits, |a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
        let mut out = String::with_capacity(text.len());
        let mut last = 0;
        for (start, end, p) in hits {
            if start < last {
                continue;
            }
            out.push_str(&text[last..start]);
            out.push_str(p);
            last = end;
        }
        out.push_str(&text[last..]);
        out
    }

    fn replace_guids(&mut self, text: &str) -> String {
        const GROUPS: [usize; 5] = [8, 4, 4, 4, 12];
        let bytes = text.as_bytes();
        let mut out = String::with_capacity(text.len());
        let (mut i, mut last) = (0, 0);
        while i + 36 <= bytes.len() {
            let prev_ok = i == 0 || !bytes[i - 1].is_ascii_alphanumeric();
            let mut j = i;
            let mut ok = prev_ok;
            for (g, len) in GROUPS.iter().enumerate() {
                if !ok {
                    break;
                }
                ok = bytes[j..j + len].iter().all(u8::is_ascii_hexdigit);
                j += len;
                if g < 4 {
                    ok = ok && bytes.get(j) == Some(&b'-');
                    j += 1;
                }
            }
            ok = ok && !bytes.get(j).is_some_and(|b| b.is_ascii_alphanumeric());
            if ok {
                let guid = &text[i..j];
                let p = self.next("guid", guid, |n| format!("guid-{n}"));
                out.push_str(&text[last..i]);
                out.push_str(&p);
                last = j;
                i = j;
            } else {
                i += 1;
            }
        }
        out.push_str(&text[last..]);
        out
    }

    fn replace_addresses(&mut self, text: &str, markdown: bool) -> String {
        let mut out = String::with_capacity(text.len());
        let mut last = 0;
        for (start, end) in address_spans(text, markdown) {
            if start < last {
                continue;
            }
            // An address escaped for Markdown (`test\_bounce@…`) gets the placeholder of the address itself.
            let written = &text[start..end];
            let unescaped = if markdown { written.replace('\\', "") } else { written.to_string() };
            let addr = unescaped.as_str();
            let (local, domain) = addr.rsplit_once('@').unwrap_or((addr, ""));
            if domain.eq_ignore_ascii_case("redacted.invalid")
                || local.starts_with("user-") && local[5..].chars().all(|c| c.is_ascii_digit())
            {
                continue;
            }
            // The domain part was replaced already when it is an organisation's; a public one stays.
            let domain = domain.to_string();
            let p = self.next("address", addr, |n| format!("user-{n}@{domain}"));
            out.push_str(&text[last..start]);
            out.push_str(&p);
            last = end;
        }
        out.push_str(&text[last..]);
        out
    }

    fn replace_ips(&mut self, text: &str) -> String {
        let mut out = String::with_capacity(text.len());
        let bytes = text.as_bytes();
        let mut i = 0;
        let mut last = 0;
        while i < bytes.len() {
            let c = bytes[i];
            let prev_word = i > 0
                && (bytes[i - 1].is_ascii_alphanumeric() || bytes[i - 1] == b'.' || bytes[i - 1] == b'-');
            let lone_colon = c == b':' && bytes.get(i + 1) != Some(&b':');
            if !(c.is_ascii_hexdigit() || c == b':') || prev_word || lone_colon {
                i += 1;
                continue;
            }
            let mut j = i;
            while j < bytes.len() && (bytes[j].is_ascii_hexdigit() || bytes[j] == b':' || bytes[j] == b'.') {
                j += 1;
            }
            let mut token = &text[i..j];
            // A trailing dot ends a sentence, not an address.
            while token.ends_with('.') {
                token = &token[..token.len() - 1];
            }
            // An IPv4 address with a port (`[192.0.2.143:47944]`, as Exim writes the client): the address.
            if let Some((ip, port)) = token.split_once(':')
                && !port.is_empty()
                && port.bytes().all(|b| b.is_ascii_digit())
                && ip.parse::<Ipv4Addr>().is_ok()
            {
                token = ip;
            }
            // An address cut short with `…` (a long value shortened in a table cell): the placeholder of the
            // one address of the report it starts, or `[ip]`.
            let raw = &text[i..j];
            if text[j..].starts_with('…') && (raw.matches('.').count() >= 2 || raw.matches(':').count() >= 2)
            {
                let key = format!("ip:{}", raw.to_ascii_lowercase());
                let starts: Vec<&String> =
                    self.seen.iter().filter(|(k, _)| k.starts_with(&key)).map(|(_, p)| p).collect();
                let p = match starts.as_slice() {
                    [one] => (*one).clone(),
                    _ => "[ip]".to_string(),
                };
                out.push_str(&text[last..i]);
                out.push_str(&p);
                last = j;
                i = j;
                continue;
            }
            let next_word = bytes.get(i + token.len()).is_some_and(|b| b.is_ascii_alphanumeric());
            let is_ip = !next_word
                && ((token.contains('.') && !token.contains(':') && token.parse::<Ipv4Addr>().is_ok())
                    || (token.matches(':').count() >= 2
                        && token.bytes().any(|b| b.is_ascii_hexdigit())
                        && token.parse::<Ipv6Addr>().is_ok()));
            if is_ip {
                let p = self.next("ip", token, |n| format!("ip-{n}"));
                out.push_str(&text[last..i]);
                out.push_str(&p);
                last = i + token.len();
                i = last;
            } else {
                i = j.max(i + 1);
            }
        }
        out.push_str(&text[last..]);
        out
    }
}

/// Characters of an address's local part as found in running text (no backtick, brace or bar, so a
/// Markdown code span or a table cell around an address is never swallowed).
fn is_local_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || "!#$%&'*+/=?^~.-_".contains(c)
}

fn is_domain_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '.' || c == '-' || c == '_'
}

/// Markdown's backslash escapes dropped (a backslash before ASCII punctuation), with the byte of `text`
/// where each byte of the result is written, and one more entry for the end.
fn unescape_markdown(text: &str) -> (String, Vec<usize>) {
    let bytes = text.as_bytes();
    let mut plain = Vec::with_capacity(bytes.len());
    let mut map = Vec::with_capacity(bytes.len() + 1);
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'\\' && bytes.get(i + 1).is_some_and(u8::is_ascii_punctuation) {
            plain.push(bytes[i + 1]);
            map.push(i);
            i += 2;
        } else {
            plain.push(bytes[i]);
            map.push(i);
            i += 1;
        }
    }
    map.push(bytes.len());
    // Only ASCII bytes were dropped, so the result is still UTF-8.
    (String::from_utf8(plain).unwrap_or_default(), map)
}

/// Byte ranges of the email addresses in `text`; in a Markdown export a local part may hold escaped
/// punctuation (`test\_bounce@…`).
fn address_spans(text: &str, markdown: bool) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for (at, _) in text.match_indices('@') {
        let mut start = at;
        for (i, c) in text[..at].char_indices().rev() {
            let escape = markdown
                && c == '\\'
                && start == i + 1
                && start < at
                && text.as_bytes()[start].is_ascii_punctuation();
            if is_local_char(c) || escape {
                start = i;
            } else {
                break;
            }
        }
        while text[start..at].starts_with('.') {
            start += 1;
        }
        let domain_len: usize = text[at + 1..].chars().take_while(|&c| is_domain_char(c)).count();
        let mut end = at + 1 + domain_len;
        while end > at + 1 && text[..end].ends_with(['.', '-']) {
            end -= 1;
        }
        // A local part needs a letter or digit: `*@domain` in a command is a wildcard, not an address.
        let local_ok = text[start..at].chars().any(|c| c.is_ascii_alphanumeric());
        if local_ok && end > at + 1 && text[at + 1..end].contains('.') {
            out.push((start, end));
        }
    }
    out
}

/// Dotted names in `text` that end in letters (`mx.example.net`, `exampleorg.onmicrosoft.com`).
fn domain_tokens(text: &str) -> Vec<&str> {
    text.split(|c: char| !is_domain_char(c))
        .map(|t| t.trim_matches(|c| c == '.' || c == '-'))
        .filter(|t| {
            t.contains('.')
                && t.rsplit('.')
                    .next()
                    .is_some_and(|l| l.len() >= 2 && l.chars().all(|c| c.is_ascii_alphabetic()))
        })
        .collect()
}

/// The (local part, domain) of every address in `text`.
fn addresses(text: &str) -> Vec<(&str, &str)> {
    address_spans(text, false).into_iter().filter_map(|(s, e)| text[s..e].rsplit_once('@')).collect()
}

/// Redacts a Markdown export of `report`.
pub fn redact_text(report: &Report, text: &str) -> String {
    Redactor::new(report).markdown(text)
}

/// Redacts a JSON export of `report`, value by value.
pub fn redact_json(report: &Report, v: &Value) -> Value {
    Redactor::new(report).json(v)
}

#[cfg(test)]
mod tests {
    use super::*;

    const HYBRID: &str = include_str!("../e2e/fixtures/hybrid-local-return-path.eml");
    const FOUNDING: &str = include_str!("../../tests/fixtures/exchange/hybrid-mail-contact-broken.eml");

    #[test]
    fn addresses_ips_and_message_ids_become_stable_placeholders() {
        let report = headerlens::analyze_str(HYBRID);
        let mut r = Redactor::new(&report);
        let text = "Return-Path: <Application.MAILBOX@ResDomain.local>\n\
                    From: App <application.mailbox@resdomain.local>, ops@gmail.com\n\
                    Received: from EXCH01 (10.1.8.28) by mx (2603:10b6:5:3a0::12) id 15.2.1544.4; 13:54:25\n\
                    Again 10.1.8.28.";
        let out = r.text(text);
        assert_eq!(
            out,
            "Return-Path: <user-1@domain-1.local>\n\
             From: App <user-1@domain-1.local>, user-4@gmail.com\n\
             Received: from host-4 (ip-7) by mx (ip-2) id 15.2.1544.4; 13:54:25\n\
             Again ip-7.",
            "{out}"
        );
    }

    #[test]
    fn versions_times_and_words_are_left_alone() {
        let report = headerlens::analyze_str("Subject: x\n");
        let text = "id 15.20.7159.23; Mon, 8 Jan 2024 13:54:34 +0000 cafe::x beef IPv6 a@ @b";
        assert_eq!(Redactor::new(&report).text(text), text);
    }

    #[test]
    fn code_spans_keep_their_backticks() {
        let report = headerlens::analyze_str(FOUNDING);
        let out = Redactor::new(&report).text("Envelope sender `invoice.ROBOT@AcmeCorp.local` is `x`");
        assert_eq!(out, "Envelope sender `user-1@domain-1.local` is `x`");
    }

    #[test]
    fn guids_hosts_tenants_and_the_subject_are_hidden() {
        let report = headerlens::analyze_str(FOUNDING);
        let mut r = Redactor::new(&report);
        let out = r.text(
            "TenantId=00000000-0000-4000-8000-000000000001;Ip=[203.0.113.25];Helo=[EXCH01.acmecorp.local] \
             s=selector1-exampleorg-onmicrosoft-com d=exampleorg.onmicrosoft.com H:EXCH01.acmecorp.local \
             Invoice 2025-0042 via AM4PEPF00027A5C.mail.protection.outlook.com to mx.example.net, EXCH01",
        );
        assert_eq!(
            out,
            "TenantId=guid-2;Ip=[ip-2];Helo=[host-3.domain-1.local] \
             s=selector1-tenant-1-onmicrosoft-com d=tenant-1.onmicrosoft.com H:host-3.domain-1.local \
             [subject] via AM4PEPF00027A5C.mail.protection.outlook.com to host-5.domain-2.net, host-4",
            "{out}"
        );
    }

    #[test]
    fn json_stays_valid_and_keys_stay() {
        let report = headerlens::analyze_str(FOUNDING);
        let v = serde_json::json!({"from_ip": "203.0.113.25", "address": "Invoice.Robot@example.org"});
        let out = redact_json(&report, &v);
        assert_eq!(out, serde_json::json!({"from_ip": "ip-2", "address": "user-3@domain-3.org"}));
        // The Markdown of the same report uses the same placeholders (numbered in header order).
        assert_eq!(
            redact_text(&report, "from 203.0.113.25 by Invoice.Robot@example.org"),
            "from ip-2 by user-3@domain-3.org"
        );
    }

    #[test]
    fn display_names_are_hidden_with_one_placeholder() {
        let report = headerlens::analyze_str(
            "From: \"Dupont, Marie\" <marie.dupont@example.com>\nTo: Invoice Robot <invoice.robot@example.org>, ops@example.org\nCc: =?utf-8?q?Andr=C3=A9_Martin?= <andre@example.net>\nSubject: hello there\n",
        );
        let mut r = Redactor::new(&report);
        let out =
            r.text("From \"Dupont, Marie\" and INVOICE ROBOT, then André Martin; Invoice Robotics stays");
        assert_eq!(out, "From \"name-1\" and name-2, then name-3; Invoice Robotics stays", "{out}");
    }

    #[test]
    fn local_parts_dashed_domains_and_cut_ips_are_hidden() {
        let report = headerlens::analyze_str(FOUNDING);
        let mut r = Redactor::new(&report);
        let out = r.text(
            "The local part `invoice.ROBOT` is the From address's `Invoice.Robot`: invoice.ROBOT@AcmeCorp.local; \
             send to `example-org.mail.protection.outlook.com`; CNAME selector1-example-org._domainkey.exampleorg.onmicrosoft.com; \
             `TenantId=00000000-0000-4000-8000-000000000001;Ip=[203.0.113.…` and 40.95.… but 10.20.1.…; the user, info@example.org, root",
        );
        assert_eq!(
            out,
            "The local part `local-part-2` is the From address's `local-part-2`: user-1@domain-1.local; \
             send to `domain-3-org.mail.protection.outlook.com`; CNAME selector1-domain-3-org._domainkey.tenant-1.onmicrosoft.com; \
             `TenantId=guid-2;Ip=[ip-2…` and ip-1… but [ip]…; the user, user-4@domain-3.org, root",
            "{out}"
        );
    }

    /// The whole exports of a report, as the site builds them, in English and in French: nothing of the
    /// message's people, organisations or networks is left in the redacted Markdown or JSON, including the
    /// pieces of a local part the capitalisation findings quote (`ROBOT`) and the servers' queue ids; the
    /// French export stays French.
    #[test]
    fn redacted_exports_of_whole_reports_leave_nothing() {
        let own = "Return-Path: <j.doe-42@corp.example.net>\n\
            Received: from relay1.corp.example.net (relay1.corp.example.net [198.51.100.7])\n\
            \tby mx.example.com with ESMTPS id 4Zq1Hb7K; Mon, 6 Jan 2025 10:15:05 +0000\n\
            Received: from [198.51.100.9] ([198.51.100.9:47944] helo=relay1.corp.example.net)\n\
            \tby relay1.corp.example.net with esmtpa (Exim 4.96); Mon, 6 Jan 2025 10:15:02 +0000\n\
            Authentication-Results: mx.example.com; spf=fail smtp.mailfrom=corp.example.net; dmarc=fail header.from=example.org\n\
            From: Jane Doe (Finance) <J.Doe-42@example.org>\n\
            Reply-To: quillon_zed@corp.example.net\n\
            To: ops@example.com\n\
            Subject: Quarterly figures (draft_v2) [internal]\n\
            Date: Mon, 6 Jan 2025 10:15:00 +0000\n\
            Message-ID: <a1b2@corp.example.net>\n";
        for (name, text, secrets) in [
            (
                "founding",
                FOUNDING,
                &[
                    "acmecorp",
                    "example.org",
                    "example-org",
                    "exampleorg",
                    "example.net",
                    "203.0.113.",
                    "10.20.1.",
                    "APPSRV01",
                    "EXCH01",
                    "invoice.robot",
                    "6f1c2a57",
                    "4711@",
                    "robot",
                    "4YRp2x1Zk9z9sTn",
                ][..],
            ),
            (
                "own",
                own,
                &[
                    "example.net",
                    "example.org",
                    "example-org",
                    "198.51.100.",
                    "relay1",
                    "j.doe-42",
                    "a1b2@",
                    "4zq1hb7k",
                    "quarterly",
                    "draft",
                    "quillon",
                    "jane doe",
                    "finance",
                ][..],
            ),
        ] {
            let report = headerlens::analyze_str(text);
            for lang in [crate::strings::Lang::En, crate::strings::Lang::Fr] {
                crate::strings::set_lang(lang);
                let md = format!(
                    "{}{}",
                    crate::views::export::verdict_markdown(&report),
                    headerlens::render::markdown_in(&report, lang.core())
                );
                let md = redact_text(&report, &md);
                let value =
                    headerlens::catalog::with_lang(lang.core(), || serde_json::to_value(&report).unwrap());
                let json = redact_json(&report, &value).to_string();
                crate::strings::set_lang(crate::strings::Lang::En);
                for secret in secrets {
                    for (kind, out) in [("Markdown", &md), ("JSON", &json)] {
                        let at = out.to_ascii_lowercase().find(&secret.to_ascii_lowercase());
                        assert!(
                            at.is_none(),
                            "{name} ({lang:?}): redacted {kind} still contains {secret}: …{}…",
                            &out[at.unwrap().saturating_sub(80)..(at.unwrap() + 40).min(out.len())]
                        );
                    }
                }
                if name == "founding" && lang == crate::strings::Lang::Fr {
                    // The capitalisation finding stays French once its values are hidden.
                    for french in
                        ["La partie locale `local-part-", "mélange les styles de casse (`local-part-"]
                    {
                        assert!(md.contains(french), "redacted French Markdown lacks {french:?}:\n{md}");
                    }
                    assert!(!md.contains("The local part"), "English in the redacted French Markdown");
                }
            }
        }
    }

    /// The Markdown export escapes punctuation (`\(`, `\_`): values are still found as the headers wrote
    /// them, and an address gets the same placeholder as in the JSON.
    #[test]
    fn markdown_escapes_and_ports_hide_nothing() {
        let report = headerlens::analyze_str(
            "From: Ion (IT) <ion_popescu@example.org>\nSubject: Din windows (la ZAPP) test_bounce\n\
             Received: from [192.0.2.143] ([192.0.2.143:47944] helo=mx.example.org) by mx.example.com; Mon, 6 Jan 2025 10:15:02 +0000\n",
        );
        let md = redact_text(
            &report,
            "| Subject | Din windows \\(la ZAPP\\) test\\_bounce |\nFrom ion\\_popescu@example.org, \\(ion\\_popescu@example.org\\), \
             client \\[192.0.2.143:47944\\]",
        );
        assert_eq!(
            md,
            "| Subject | [subject] |\nFrom user-1@domain-1.org, \\(user-1@domain-1.org\\), client \\[ip-1:47944\\]",
            "{md}"
        );
        let json =
            redact_json(&report, &serde_json::json!(["ion_popescu@example.org", "[192.0.2.143:47944]"]));
        assert_eq!(json, serde_json::json!(["user-1@domain-1.org", "[ip-1:47944]"]));
        // A backslash the headers wrote stays as written.
        let mut r = Redactor::new(&report);
        assert_eq!(r.text("C:\\(x) 0.1:25"), "C:\\(x) 0.1:25");
    }

    #[test]
    fn message_ids_come_from_the_id_headers() {
        let report = headerlens::analyze_str(
            "Message-ID: <one@example.com>\nReferences: <two@example.com> <three@example.com>\nSubject: x\n",
        );
        let ids = message_ids(&report);
        assert_eq!(ids.len(), 3);
        assert!(ids.contains(&"three@example.com".to_string()));
    }
}
