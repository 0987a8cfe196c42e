//! Redaction of exported reports: replaces email addresses, IP addresses and message ids in the Markdown
//! or JSON text with stable placeholders (`user-1@domain-1.local`, `ip-1`, `message-id-1@redacted.invalid`),
//! so a report can go into a ticket without the people and networks in it. The same value gets the same
//! placeholder throughout one export, and an address keeps its top-level domain because whether a domain is
//! routable (`.local`) is often the diagnosis. Host names are left as they are.

use std::collections::HashMap;
use std::net::{Ipv4Addr, Ipv6Addr};

use headerlens::Report;

/// Header names whose values are (lists of) message ids.
const MESSAGE_ID_FIELDS: &[&str] = &["message-id", "in-reply-to", "references", "resent-message-id"];

/// The message ids found in the report's headers, without angle brackets.
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
    ids.sort_by_key(|id| std::cmp::Reverse(id.len()));
    ids.dedup();
    ids
}

#[derive(Default)]
struct Placeholders {
    seen: HashMap<String, String>,
    users: usize,
    domains: HashMap<String, String>,
    ips: usize,
    ids: usize,
}

impl Placeholders {
    fn address(&mut self, addr: &str) -> String {
        let key = format!("a:{}", addr.to_ascii_lowercase());
        if let Some(p) = self.seen.get(&key) {
            return p.clone();
        }
        let domain = addr.rsplit_once('@').map(|(_, d)| d.to_ascii_lowercase()).unwrap_or_default();
        let tld = domain.rsplit('.').next().filter(|t| !t.is_empty() && *t != domain).unwrap_or("invalid");
        let next = self.domains.len() + 1;
        let dom =
            self.domains.entry(domain.clone()).or_insert_with(|| format!("domain-{next}.{tld}")).clone();
        self.users += 1;
        let p = format!("user-{}@{dom}", self.users);
        self.seen.insert(key, p.clone());
        p
    }
    fn ip(&mut self, ip: &str) -> String {
        let key = format!("i:{}", ip.to_ascii_lowercase());
        if let Some(p) = self.seen.get(&key) {
            return p.clone();
        }
        self.ips += 1;
        let p = format!("ip-{}", self.ips);
        self.seen.insert(key, p.clone());
        p
    }
    fn message_id(&mut self, id: &str) -> String {
        let key = format!("m:{id}");
        if let Some(p) = self.seen.get(&key) {
            return p.clone();
        }
        self.ids += 1;
        let p = format!("message-id-{}@redacted.invalid", self.ids);
        self.seen.insert(key, p.clone());
        p
    }
}

fn is_local_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || "!#$%&'*+/=?^_`{|}~.-".contains(c)
}

fn is_domain_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '.' || c == '-'
}

/// Replaces every message id of `ids`, then every email address, IPv4 and IPv6 address in `text`.
pub fn redact(text: &str, ids: &[String]) -> String {
    let mut names = Placeholders::default();
    let mut out = text.to_string();
    for id in ids {
        if out.contains(id.as_str()) {
            let p = names.message_id(id);
            out = out.replace(id.as_str(), &p);
        }
    }
    let out = replace_addresses(&out, &mut names);
    replace_ips(&out, &mut names)
}

fn replace_addresses(text: &str, names: &mut Placeholders) -> String {
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    let mut search = 0;
    while let Some(rel) = text[search..].find('@') {
        let at = search + rel;
        search = at + 1;
        if at < last {
            continue;
        }
        let before = &text[last..at];
        let local_len: usize =
            before.chars().rev().take_while(|&c| is_local_char(c)).map(char::len_utf8).sum::<usize>();
        let mut start = at - local_len;
        while text[start..at].starts_with('.') {
            start += 1;
        }
        let domain_len: usize = text[at + 1..].chars().take_while(|&c| is_domain_char(c)).count();
        let mut end = at + 1 + domain_len;
        while end > at + 1 && text[..end].ends_with(['.', '-']) {
            end -= 1;
        }
        if start == at || end == at + 1 {
            continue;
        }
        let addr = &text[start..end];
        if addr.contains("@redacted.invalid") || addr.starts_with("user-") && addr.contains("@domain-") {
            continue;
        }
        out.push_str(&text[last..start]);
        out.push_str(&names.address(addr));
        last = end;
        search = end;
    }
    out.push_str(&text[last..]);
    out
}

fn replace_ips(text: &str, names: &mut Placeholders) -> String {
    let mut out = String::with_capacity(text.len());
    let bytes = text.as_bytes();
    let mut i = 0;
    let mut last = 0;
    while i < bytes.len() {
        let c = bytes[i];
        let prev_word = i > 0 && (bytes[i - 1].is_ascii_alphanumeric() || bytes[i - 1] == b'.');
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
        let next_word = bytes.get(i + token.len()).is_some_and(|b| b.is_ascii_alphanumeric());
        let is_ip = !next_word
            && !prev_word
            && ((token.contains('.') && !token.contains(':') && token.parse::<Ipv4Addr>().is_ok())
                || (token.matches(':').count() >= 2
                    && token.bytes().any(|b| b.is_ascii_hexdigit())
                    && token.parse::<Ipv6Addr>().is_ok()));
        if is_ip {
            out.push_str(&text[last..i]);
            out.push_str(&names.ip(token));
            last = i + token.len();
            i = last;
        } else {
            i = j.max(i + 1);
        }
    }
    out.push_str(&text[last..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_ips_and_message_ids_become_stable_placeholders() {
        let text = "Return-Path: <Application.MAILBOX@ResDomain.local>\n\
                    From: App <application.mailbox@resdomain.local>, ops@wordfish.co.uk\n\
                    Received: from EXCH01 (10.1.8.28) by mx (2603:10b6:5:3a0::12) id 15.2.1544.4; 13:54:25\n\
                    Message-ID: <abc.123@APPSRV01.resdomain.local>\n\
                    Again 10.1.8.28.";
        let ids = vec!["abc.123@APPSRV01.resdomain.local".to_string()];
        let r = redact(text, &ids);
        assert_eq!(
            r,
            "Return-Path: <user-1@domain-1.local>\n\
             From: App <user-1@domain-1.local>, user-2@domain-2.uk\n\
             Received: from EXCH01 (ip-1) by mx (ip-2) id 15.2.1544.4; 13:54:25\n\
             Message-ID: <message-id-1@redacted.invalid>\n\
             Again ip-1."
        );
    }

    #[test]
    fn versions_times_and_words_are_left_alone() {
        let text = "id 15.20.7159.23; Mon, 8 Jan 2024 13:54:34 +0000 cafe::x beef IPv6 a@ @b";
        assert_eq!(redact(text, &[]), text);
    }

    #[test]
    fn ipv6_after_a_tag_is_found() {
        assert_eq!(redact("from [IPv6:2001:db8::1] x", &[]), "from [IPv6:ip-1] x");
    }

    #[test]
    fn json_strings_stay_valid() {
        let json = r#"{"from_ip":"192.0.2.10","address":"bob@example.org"}"#;
        let r = redact(json, &[]);
        assert_eq!(r, r#"{"from_ip":"ip-1","address":"user-1@domain-1.org"}"#);
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
