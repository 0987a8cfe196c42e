//! Reads one `Received` field into a [`Hop`].
//!
//! RFC 5321 §4.4 describes `from … by … via … with … id … for …; date`, but every MTA writes its own
//! variant (the fixtures in `tests/fixtures/received/` show each): Postfix puts the HELO name first and `(rdns [ip])` after it, Exim writes
//! `([ip]:port helo=name)`, qmail `(HELO name) (ip)`, Exchange `(ip)` and `(version=TLS1_2, cipher=…)`,
//! SendGrid leaves out the `;` before a Go-style date, qmail writes only a comment. This module splits the
//! value into words, comments, `<…>` and `[…]` items, assigns them to the clause whose keyword (matched
//! case-insensitively) precedes them, and reads the sending host's names and address from the from clause.
//! It never fails: what it cannot place is noted in `parse_notes` and the hop keeps its raw text.

use std::net::IpAddr;

use crate::hops::dates;
use crate::model::{HeaderField, Hop, ParseStatus, Tls};

/// One piece of a Received value.
#[derive(Debug, Clone, PartialEq)]
enum Item<'a> {
    /// A bare word (may contain `[…]` or `<…>` glued to it).
    Word(&'a str),
    /// The inside of a `(…)` comment (nested parentheses kept).
    Comment(&'a str),
}

/// Splits clause text into words and comments. Quoted strings and `[…]`/`<…>` stay inside one word.
fn items(text: &str) -> Vec<Item<'_>> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b.is_ascii_whitespace() {
            i += 1;
            continue;
        }
        if b == b'(' {
            let start = i + 1;
            let mut depth = 1usize;
            let mut j = start;
            while j < bytes.len() {
                match bytes[j] {
                    b'(' => depth += 1,
                    b')' => {
                        depth -= 1;
                        if depth == 0 {
                            break;
                        }
                    }
                    b'\\' => j += 1,
                    _ => {}
                }
                j += 1;
            }
            let end = j.min(bytes.len());
            out.push(Item::Comment(text.get(start..end).unwrap_or("")));
            i = end + 1;
            continue;
        }
        let start = i;
        let mut closer: Option<u8> = None;
        while i < bytes.len() {
            let c = bytes[i];
            match closer {
                Some(close) if c == close => closer = None,
                Some(_) => {}
                None if c.is_ascii_whitespace() || c == b'(' => break,
                None if c == b'[' => closer = Some(b']'),
                None if c == b'<' => closer = Some(b'>'),
                None if c == b'"' => closer = Some(b'"'),
                None => {}
            }
            i += 1;
        }
        if let Some(word) = text.get(start..i) {
            out.push(Item::Word(word));
        }
    }
    out
}

/// The clause keywords of RFC 5321 §4.4.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Clause {
    From,
    By,
    Via,
    With,
    Id,
    For,
}

fn clause(word: &str) -> Option<Clause> {
    Some(match word.to_ascii_lowercase().as_str() {
        "from" => Clause::From,
        "by" => Clause::By,
        "via" => Clause::Via,
        "with" => Clause::With,
        "id" => Clause::Id,
        "for" => Clause::For,
        _ => return None,
    })
}

/// Reads an IP address from a token such as `192.0.2.1`, `[192.0.2.1]`, `[IPv6:2001:db8::1]`,
/// `192.0.2.1:54849`, `[(192.0.2.1)]`.
pub(crate) fn ip_from_token(token: &str) -> Option<IpAddr> {
    let t =
        token.trim_matches(|c: char| matches!(c, '[' | ']' | '(' | ')' | '<' | '>' | ',' | ';' | '"' | '\''));
    let t = t.trim_end_matches('.');
    let t = t.strip_prefix("IPv6:").or_else(|| t.strip_prefix("ipv6:")).unwrap_or(t);
    if let Ok(ip) = t.parse::<IpAddr>() {
        return Some(ip);
    }
    // IPv4 with a port, `1.2.3.4:5678`; or a literal followed by a port, `[1.2.3.4]:5678`.
    let head = token.split(']').next().unwrap_or(token);
    let head = head.trim_start_matches(['[', '(']);
    if let Some((addr, port)) = head.rsplit_once(':')
        && port.bytes().all(|b| b.is_ascii_digit())
        && let Ok(ip) = addr.trim_matches(['[', ']']).parse::<std::net::Ipv4Addr>()
    {
        return Some(IpAddr::V4(ip));
    }
    if head != token {
        return ip_from_token(head);
    }
    None
}

/// True for something that reads as a host name (`mail.example.com`, `localhost`, `HOST01`).
fn is_host_name(word: &str) -> bool {
    !word.is_empty()
        && !word.eq_ignore_ascii_case("unknown")
        && word.parse::<IpAddr>().is_err()
        && word.chars().any(|c| c.is_alphabetic())
        // Internationalised names (`esempio-università.it`) are host names too.
        && word.chars().all(|c| c.is_alphanumeric() || matches!(c, '.' | '-' | '_'))
}

/// The words of a comment, split at white space and `=`-free punctuation.
fn comment_words(comment: &str) -> impl Iterator<Item = &str> {
    comment
        .split(|c: char| c.is_whitespace() || matches!(c, '(' | ')' | ',' | ';' | '"'))
        .filter(|w| !w.is_empty())
}

/// What the from clause says about the sending host.
#[derive(Debug, Default, PartialEq)]
struct Sender {
    helo: Option<String>,
    rdns: Option<String>,
    ip: Option<IpAddr>,
}

/// Reads the from clause: `first (comment) (comment)…`.
fn read_sender(first: Option<&str>, comments: &[&str]) -> Sender {
    let mut helo: Option<String> = None;
    let mut rdns: Option<String> = None;
    let mut ip: Option<IpAddr> = None;
    for comment in comments {
        let words: Vec<&str> = comment_words(comment).collect();
        let mut k = 0;
        while k < words.len() {
            let w = words[k];
            let lower = w.to_ascii_lowercase();
            if lower.starts_with("helo=") || lower.starts_with("ehlo=") {
                // `helo=` and `ehlo=` are five ASCII bytes, so the value starts at byte 5 of `w` too.
                let value = w.get(5..).unwrap_or("").trim_matches(['[', ']']);
                if !value.is_empty() && helo.is_none() {
                    helo = Some(value.to_string());
                }
            } else if (lower == "helo" || lower == "ehlo") && k + 1 < words.len() {
                if helo.is_none() {
                    helo = Some(words[k + 1].to_string());
                }
                k += 1;
            } else if let Some(addr) = ip_from_token(w) {
                if ip.is_none() {
                    ip = Some(addr);
                }
            } else if rdns.is_none()
                && is_host_name(w.trim_end_matches('.'))
                && w.contains('.')
                && words.get(k + 1).is_some_and(|n| ip_from_token(n).is_some())
            {
                // `host [ip]` (Postfix, sendmail, Gmail: `host. [ip]`).
                rdns = Some(w.trim_end_matches('.').to_string());
            }
            k += 1;
        }
    }
    let first_ip = first.and_then(ip_from_token);
    if ip.is_none() {
        ip = first_ip;
    }
    // The first word as written, even when it is an address literal (`from [192.0.2.1] (…)`).
    let first_name = first.filter(|f| !f.is_empty()).map(|f| f.to_string());
    match helo {
        Some(h) => {
            // With an explicit HELO in a comment, the first word is the reverse-DNS name (Exim, qmail, ZMailer).
            if rdns.is_none() {
                rdns = first_name.filter(|f| is_host_name(f.trim_end_matches('.')));
            }
            Sender { helo: Some(h), rdns, ip }
        }
        None => Sender { helo: first_name, rdns, ip },
    }
}

/// TLS details from the whole value: Postfix `(using TLSv1.2 with cipher X (256/256 bits))`, Exchange
/// `(version=TLS1_2, cipher=X)`, Gmail/sendmail `(version=TLS1_2 cipher=X bits=…)`, Exim `(TLS1.2) tls X`
/// or `(TLSv1:AES256-SHA:256)`.
fn read_tls(all: &[Item<'_>]) -> Option<Tls> {
    let mut version: Option<String> = None;
    let mut cipher: Option<String> = None;
    let set = |slot: &mut Option<String>, v: &str| {
        let v = v.trim_matches(|c: char| matches!(c, ',' | ';' | ')' | '(' | '"'));
        if slot.is_none() && !v.is_empty() {
            *slot = Some(v.to_string());
        }
    };
    for (n, item) in all.iter().enumerate() {
        match item {
            Item::Comment(c) => {
                let words: Vec<&str> = comment_words(c).collect();
                for (k, w) in words.iter().enumerate() {
                    let lower = w.to_ascii_lowercase();
                    if lower.starts_with("version=") {
                        set(&mut version, w.get(8..).unwrap_or(""));
                    } else if lower.starts_with("cipher=") {
                        set(&mut cipher, w.get(7..).unwrap_or(""));
                    } else if lower == "using" && words.get(k + 1).is_some_and(|v| is_tls_version(v)) {
                        set(&mut version, words[k + 1]);
                    } else if lower == "cipher"
                        && k > 0
                        && words[k - 1].eq_ignore_ascii_case("with")
                        && let Some(v) = words.get(k + 1)
                    {
                        set(&mut cipher, v);
                    }
                }
                // Exim: the whole comment is `TLS1.2` or `TLSv1:AES256-SHA:256`.
                let trimmed = c.trim();
                if words.len() == 1 && is_tls_version(trimmed.split(':').next().unwrap_or("")) {
                    let mut parts = trimmed.split(':');
                    set(&mut version, parts.next().unwrap_or(""));
                    if let Some(ci) = parts.next() {
                        set(&mut cipher, ci);
                    }
                }
            }
            Item::Word(w) if w.eq_ignore_ascii_case("tls") => {
                if let Some(Item::Word(next)) = all.get(n + 1) {
                    set(&mut cipher, next);
                }
            }
            Item::Word(_) => {}
        }
    }
    (version.is_some() || cipher.is_some()).then_some(Tls { version, cipher })
}

fn is_tls_version(w: &str) -> bool {
    let l = w.to_ascii_lowercase();
    (l.starts_with("tls") && l.len() > 3 && l[3..].starts_with(|c: char| c == 'v' || c.is_ascii_digit()))
        || l.starts_with("sslv")
}

/// The positions of `;` outside comments and `<…>`, in order; the last one normally introduces the date.
fn date_separators(value: &str) -> Vec<usize> {
    let mut depth = 0usize;
    let mut angle = false;
    let mut out = Vec::new();
    for (i, b) in value.bytes().enumerate() {
        match b {
            b'(' => depth += 1,
            b')' => depth = depth.saturating_sub(1),
            b'<' if depth == 0 => angle = true,
            b'>' if depth == 0 => angle = false,
            b';' if depth == 0 && !angle => out.push(i),
            _ => {}
        }
    }
    out
}

/// Parses one Received field, keeping `raw` as the hop's text as written. Never fails: what cannot be
/// read is left empty and noted.
pub(crate) fn parse_with_raw(field: &HeaderField, raw: String) -> Hop {
    let value = field.value.as_str();
    let mut hop = Hop { raw, span: field.span, ..Hop::default() };

    // 1. The date: after the last `;`; else after an earlier `;` (headers pasted without line breaks run
    // on after the date); else at the first day name or yyyy-mm-dd that reads (SendGrid has no `;`).
    let separators = date_separators(value);
    let mut clauses = value;
    let mut date_text: Option<&str> = None;
    let mut instant = None;
    if let Some(&i) = separators.last() {
        clauses = value.get(..i).unwrap_or("");
        let after = value.get(i + 1..).unwrap_or("").trim();
        if !after.is_empty() {
            date_text = Some(after);
            instant = dates::parse(after);
        }
    }
    if instant.is_none() {
        for &i in separators.iter().rev().skip(1) {
            let after = value.get(i + 1..).unwrap_or("").trim();
            if let Some(found) = dates::parse(after) {
                instant = Some(found);
                date_text = Some(after);
                clauses = value.get(..i).unwrap_or("");
                hop.parse_notes
                    .push("more text follows the date (headers pasted without line breaks?)".to_string());
                break;
            }
        }
    }
    // Clause text that continues after a date found in the middle (`from x at <date> by y`).
    let mut rest_after_date: &str = "";
    if instant.is_none() {
        for start in dates::date_starts(value) {
            let tail = value.get(start..).unwrap_or("");
            // A date is short: read at most 120 bytes from each candidate (cut at a char boundary).
            let mut cut = tail.len().min(120);
            while !tail.is_char_boundary(cut) {
                cut -= 1;
            }
            if let Some((found, len)) = dates::parse_prefix(&tail[..cut]) {
                instant = Some(found);
                date_text = tail.get(..len).map(str::trim);
                if start < clauses.len() || separators.is_empty() {
                    clauses = value.get(..start).unwrap_or("");
                    rest_after_date = tail.get(len..).unwrap_or("").trim();
                }
                break;
            }
        }
    }
    let joined;
    if !rest_after_date.is_empty() {
        joined = format!("{clauses} {rest_after_date}");
        clauses = joined.as_str();
    }
    if let Some(text) = date_text {
        hop.date_raw = Some(text.to_string());
    }
    match instant {
        Some(at) => {
            hop.epoch = Some(at.epoch);
            hop.offset_minutes = at.offset_minutes;
            hop.timestamp = Some(dates::rfc3339_utc(at.epoch));
        }
        None if date_text.is_some() => hop.parse_notes.push("the date could not be read".to_string()),
        None => hop.parse_notes.push("no date".to_string()),
    }

    // 2. The clauses.
    let all = items(clauses);
    let mut current: Option<Clause> = None;
    let mut seen: Vec<Clause> = Vec::new();
    let mut from_first: Option<&str> = None;
    let mut from_comments: Vec<&str> = Vec::new();
    let mut by_comments: Vec<&str> = Vec::new();
    let mut with_words: Vec<&str> = Vec::new();
    let mut via_words: Vec<&str> = Vec::new();
    let mut stray: Vec<String> = Vec::new();
    let mut with_done = false;
    for item in &all {
        match *item {
            Item::Word(w) => {
                if let Some(c) = clause(w) {
                    if seen.contains(&c) {
                        hop.parse_notes.push(format!("repeated \"{}\" clause", w.to_ascii_lowercase()));
                        current = None;
                    } else {
                        seen.push(c);
                        current = Some(c);
                    }
                    continue;
                }
                match current {
                    Some(Clause::From) if from_first.is_none() => from_first = Some(w),
                    Some(Clause::By) if hop.by.is_none() => {
                        hop.by = Some(w.trim_end_matches(';').to_string());
                        hop.by_ip = ip_from_token(w);
                    }
                    Some(Clause::With) if !with_done => {
                        // Microsoft writes several words (`Microsoft SMTP Server`); others one protocol token.
                        if with_words.first().is_none_or(|f| f.eq_ignore_ascii_case("Microsoft")) {
                            with_words.push(w);
                        } else if w.eq_ignore_ascii_case("tls") || w.starts_with("TLS_") {
                            // Exim `tls <cipher>`: read by read_tls.
                        } else {
                            stray.push(w.to_string());
                        }
                    }
                    Some(Clause::Id) if hop.id.is_none() => {
                        hop.id = Some(w.trim_end_matches([';', ',']).to_string());
                    }
                    Some(Clause::For) if hop.for_.is_none() => {
                        hop.for_ = Some(w.trim_end_matches([';', ',']).to_string());
                    }
                    Some(Clause::Via) => via_words.push(w),
                    Some(Clause::From) if ip_from_token(w).is_some() && w.starts_with('[') => {
                        from_comments.push(w)
                    }
                    Some(Clause::By) if ip_from_token(w).is_some() && w.starts_with('[') => {
                        by_comments.push(w)
                    }
                    Some(Clause::With) | Some(Clause::From) | Some(Clause::By) => {
                        if !w.eq_ignore_ascii_case("tls") && !w.starts_with("TLS_") {
                            stray.push(w.to_string());
                        }
                    }
                    _ => stray.push(w.to_string()),
                }
            }
            Item::Comment(c) => match current {
                Some(Clause::From) => from_comments.push(c),
                Some(Clause::By) => by_comments.push(c),
                Some(Clause::With) => with_done = !with_words.is_empty(),
                _ => {}
            },
        }
    }
    let sender = read_sender(from_first, &from_comments);
    hop.from = sender.helo;
    hop.from_rdns = sender.rdns;
    hop.from_ip = sender.ip;
    if hop.by_ip.is_none() {
        hop.by_ip = by_comments.iter().flat_map(|c| comment_words(c)).find_map(ip_from_token);
    }
    if !with_words.is_empty() {
        hop.with = Some(with_words.join(" "));
    }
    if !via_words.is_empty() {
        hop.via = Some(via_words.join(" "));
    }
    hop.tls = read_tls(&all);
    if !stray.is_empty() {
        hop.parse_notes.push(format!("text outside the known clauses: {}", stray.join(" ")));
    }
    if seen.is_empty()
        && let Some(Item::Comment(c)) = all.first()
    {
        // qmail: `(qmail 10876 invoked from network); date`
        hop.parse_notes.push(format!("only a comment: ({c})"));
    }

    let read_something = hop.from.is_some() || hop.by.is_some() || hop.from_ip.is_some();
    // Full only when nothing was left over: every note means something was not understood.
    hop.parse_status = match (read_something, hop.epoch.is_some()) {
        (true, true) if hop.parse_notes.is_empty() => ParseStatus::Full,
        (false, false) => ParseStatus::Raw,
        _ => ParseStatus::Partial,
    };
    hop
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Span;

    fn hop(value: &str) -> Hop {
        let field = HeaderField {
            name: "Received".into(),
            value: crate::headers::unfold(value),
            decoded: None,
            span: Span::new(0, 0),
            value_span: Span::new(0, 0),
        };
        parse_with_raw(&field, format!("Received: {value}"))
    }

    fn ip(s: &str) -> Option<IpAddr> {
        Some(s.parse().unwrap())
    }

    #[test]
    fn postfix_relay_with_tls() {
        let h = hop("from mail.example.org (mail.example.org [192.0.2.10]) (using TLSv1.2 with cipher \
             ECDHE-RSA-AES256-GCM-SHA384 (256/256 bits)) (No client certificate requested) by mx.example.net \
             (Postfix) with ESMTPS id 4E68556073C for <bob@example.net>; Wed, 29 Oct 2025 10:24:26 +0000 (UTC)");
        assert_eq!(h.from.as_deref(), Some("mail.example.org"));
        assert_eq!(h.from_rdns.as_deref(), Some("mail.example.org"));
        assert_eq!(h.from_ip, ip("192.0.2.10"));
        assert_eq!(h.by.as_deref(), Some("mx.example.net"));
        assert_eq!(h.with.as_deref(), Some("ESMTPS"));
        assert_eq!(h.id.as_deref(), Some("4E68556073C"));
        assert_eq!(h.for_.as_deref(), Some("<bob@example.net>"));
        let tls = h.tls.unwrap();
        assert_eq!(tls.version.as_deref(), Some("TLSv1.2"));
        assert_eq!(tls.cipher.as_deref(), Some("ECDHE-RSA-AES256-GCM-SHA384"));
        assert_eq!(h.timestamp.as_deref(), Some("2025-10-29T10:24:26Z"));
        assert_eq!(h.parse_status, ParseStatus::Full);
        assert!(h.parse_notes.is_empty(), "{:?}", h.parse_notes);
    }

    #[test]
    fn postfix_local_pickup_has_no_from() {
        let h = hop(
            "by relay.example.org (Postfix, from userid 10070) id ADCB1DC0047; Mon,  8 Jan 2024 15:54:23 +0200 (IST)",
        );
        assert_eq!(h.from, None);
        assert_eq!(h.by.as_deref(), Some("relay.example.org"));
        assert_eq!(h.id.as_deref(), Some("ADCB1DC0047"));
        assert_eq!(h.offset_minutes, Some(120));
        assert_eq!(h.timestamp.as_deref(), Some("2024-01-08T13:54:23Z"));
    }

    #[test]
    fn exim_helo_and_tls() {
        let h = hop("from [192.0.2.66] (helo=mx.example.org) by lists.example.net with esmtps (TLS1.2) tls \
             TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384 (Exim 4.95) (envelope-from <a@example.org>) id 1sbpaj-0000q0-9N \
             for x@example.net; Wed, 07 Aug 2024 22:57:12 +0000");
        assert_eq!(h.from.as_deref(), Some("mx.example.org"));
        assert_eq!(h.from_rdns, None);
        assert_eq!(h.from_ip, ip("192.0.2.66"));
        assert_eq!(h.with.as_deref(), Some("esmtps"));
        assert_eq!(h.id.as_deref(), Some("1sbpaj-0000q0-9N"));
        assert_eq!(h.for_.as_deref(), Some("x@example.net"));
        let tls = h.tls.unwrap();
        assert_eq!(tls.version.as_deref(), Some("TLS1.2"));
        assert_eq!(tls.cipher.as_deref(), Some("TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384"));
        assert!(h.parse_notes.is_empty(), "{:?}", h.parse_notes);
    }

    #[test]
    fn exim_rdns_with_helo_and_port() {
        let h = hop(
            "from host.example.org ([192.0.2.7]:47944 helo=client.example.org) by mx.example.net with esmtp (Exim 4.92) id 1a; 1 Jan 2024 10:00:00 +0000",
        );
        assert_eq!(h.from.as_deref(), Some("client.example.org"));
        assert_eq!(h.from_rdns.as_deref(), Some("host.example.org"));
        assert_eq!(h.from_ip, ip("192.0.2.7"));
    }

    #[test]
    fn exchange_with_tls_and_via() {
        let h = hop(
            "from EXCH01.corp.example.com (10.1.8.28) by AM0PR01MB1234.eurprd01.prod.outlook.com (2603:10a6:208:1::1) \
             with Microsoft SMTP Server (version=TLS1_2, cipher=TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384) id \
             15.20.7159.23 via Frontend Transport; Mon, 8 Jan 2024 13:54:34 +0000",
        );
        assert_eq!(h.from.as_deref(), Some("EXCH01.corp.example.com"));
        assert_eq!(h.from_ip, ip("10.1.8.28"));
        assert_eq!(h.by_ip, ip("2603:10a6:208:1::1"));
        assert_eq!(h.with.as_deref(), Some("Microsoft SMTP Server"));
        assert_eq!(h.id.as_deref(), Some("15.20.7159.23"));
        assert_eq!(h.via.as_deref(), Some("Frontend Transport"));
        let tls = h.tls.unwrap();
        assert_eq!(tls.version.as_deref(), Some("TLS1_2"));
        assert_eq!(tls.cipher.as_deref(), Some("TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384"));
    }

    #[test]
    fn gmail_mx() {
        let h = hop(
            "from mail-sor-f41.example.com (mail-sor-f41.example.com. [198.51.100.41]) by mx.google.com with \
             SMTPS id t124si3418734qkb.221.2020.10.03.08.51.59 for <bob@example.net> (Google Transport Security); \
             Sat, 03 Oct 2020 08:52:00 -0700 (PDT)",
        );
        assert_eq!(h.from_rdns.as_deref(), Some("mail-sor-f41.example.com"));
        assert_eq!(h.from_ip, ip("198.51.100.41"));
        assert_eq!(h.id.as_deref(), Some("t124si3418734qkb.221.2020.10.03.08.51.59"));
        assert_eq!(h.offset_minutes, Some(-420));
        let h = hop(
            "from x (x. [192.0.2.1]) by mx.google.com with ESMTPS id a for <b@example.net> (version=TLS1_2 cipher=ECDHE-ECDSA-AES128-SHA bits=128/128); Sat, 03 Oct 2020 08:52:00 -0700 (PDT)",
        );
        let tls = h.tls.unwrap();
        assert_eq!(tls.version.as_deref(), Some("TLS1_2"));
        assert_eq!(tls.cipher.as_deref(), Some("ECDHE-ECDSA-AES128-SHA"));
    }

    #[test]
    fn qmail_forms() {
        let h = hop("(qmail 10876 invoked from network); 24 Aug 2014 16:13:38 -0000");
        assert_eq!((h.from.as_deref(), h.by.as_deref()), (None, None));
        assert_eq!(h.epoch, Some(1_408_896_818.0));
        assert_eq!(h.parse_status, ParseStatus::Partial);
        assert!(h.parse_notes.iter().any(|n| n.contains("qmail 10876")));
        let h = hop(
            "from unknown (HELO client.example.org) (192.0.2.5) by mail.example.net with SMTP; 24 Aug 2014 16:13:38 -0000",
        );
        assert_eq!(h.from.as_deref(), Some("client.example.org"));
        assert_eq!(h.from_rdns, None);
        assert_eq!(h.from_ip, ip("192.0.2.5"));
        assert_eq!(h.with.as_deref(), Some("SMTP"));
    }

    #[test]
    fn zmailer_address_with_port() {
        let h = hop(
            "from a8-97.smtp-out.example.com ([198.51.100.97]:54849 \"EHLO a8-97.smtp-out.example.com\" rhost-flags-OK-OK-OK-OK) by vger.example.org with ESMTP id S239720AbhJHKYk (ORCPT <rfc822;x@example.org>); Fri, 8 Oct 2021 06:24:40 -0400",
        );
        assert_eq!(h.from_ip, ip("198.51.100.97"));
        assert_eq!(h.from.as_deref(), Some("a8-97.smtp-out.example.com"));
        assert_eq!(h.id.as_deref(), Some("S239720AbhJHKYk"));
    }

    #[test]
    fn fetchmail_literal_after_the_host() {
        let h = hop(
            "from mail.example.org [192.0.2.104]\n\tby localhost with POP3 (fetchmail-6.2.1)\n\tfor bob@localhost (single-drop); Sun, 06 Apr 2003 21:21:25 -0400 (EDT)",
        );
        assert_eq!(h.from.as_deref(), Some("mail.example.org"));
        assert_eq!(h.from_ip, ip("192.0.2.104"));
        assert_eq!(h.with.as_deref(), Some("POP3"));
        assert!(h.parse_notes.is_empty(), "{:?}", h.parse_notes);
    }

    #[test]
    fn internationalised_reverse_dns() {
        let h = hop(
            "from mail.esempio-università.it (mail.esempio-università.it [IPv6:2001:db8::c05:248]) by mx.example.net with ESMTPS id 1; Mon, 1 Jan 2024 10:00:00 +0000",
        );
        assert_eq!(h.from_rdns.as_deref(), Some("mail.esempio-università.it"));
        assert_eq!(h.from_ip, ip("2001:db8::c05:248"));
    }

    #[test]
    fn ipv6_literal() {
        let h = hop(
            "from client.example.org (client.example.org [IPv6:2001:db8::25]) by mx.example.net (Postfix) with ESMTP id 1; Mon, 1 Jan 2024 10:00:00 +0000",
        );
        assert_eq!(h.from_ip, ip("2001:db8::25"));
    }

    #[test]
    fn sendgrid_without_semicolon() {
        let h = hop(
            "by filter0383p1iad2.sendgrid.net with SMTP id filter0383p1iad2-15318-5AB8F728-C\n 2018-03-26 13:35:36.270951634 +0000 UTC",
        );
        assert_eq!(h.by.as_deref(), Some("filter0383p1iad2.sendgrid.net"));
        assert_eq!(h.id.as_deref(), Some("filter0383p1iad2-15318-5AB8F728-C"));
        assert_eq!(h.with.as_deref(), Some("SMTP"));
        assert_eq!(h.timestamp.as_deref(), Some("2018-03-26T13:35:36Z"));
        assert_eq!(h.date_raw.as_deref(), Some("2018-03-26 13:35:36.270951634 +0000 UTC"));
        let h = hop(
            "from smtp.example.com (out-8.smtp.example.com [192.0.2.199])\n by ismtpd0003p1iad2.sendgrid.net (SG) with ESMTP id gDQRSEGgSqCsi9tFtF1Vtg\n Mon, 26 Mar 2018 13:35:36.102 +0000 (UTC)",
        );
        assert_eq!(h.id.as_deref(), Some("gDQRSEGgSqCsi9tFtF1Vtg"));
        assert_eq!(h.epoch, Some(1_522_071_336.102));
    }

    #[test]
    fn date_in_the_middle() {
        let h = hop(
            "from 192.0.2.1 (192.0.2.1)\n\tat Tue, 21 Apr 2020 23:32:11 +0900\n\tby mail.example.com with ESMTP",
        );
        assert_eq!(h.by.as_deref(), Some("mail.example.com"));
        assert_eq!(h.with.as_deref(), Some("ESMTP"));
        assert_eq!(h.date_raw.as_deref(), Some("Tue, 21 Apr 2020 23:32:11 +0900"));
        assert_eq!(h.timestamp.as_deref(), Some("2020-04-21T14:32:11Z"));
    }

    #[test]
    fn powermta_comment_after_date() {
        let h = hop(
            "from localhost (10.0.22.21) by vmta6.example.org (PowerMTA(TM) v3.5r17) id hrakoo0lrlgv for <a@example.net>; Fri, 20 Apr 2018 17:51:19 -0400 (envelope-from <b@example.org>)",
        );
        assert_eq!(h.epoch, Some(1_524_261_079.0));
        assert_eq!(h.id.as_deref(), Some("hrakoo0lrlgv"));
        assert_eq!(h.from_ip, ip("10.0.22.21"));
    }

    #[test]
    fn keywords_match_case_insensitively() {
        let h = hop(
            "From a.example.com (2001:db8::34) By b.example.com With HTTPS Via c.example.com; Sat, 21 Apr 2018 03:01:33 +0000",
        );
        assert_eq!(h.from.as_deref(), Some("a.example.com"));
        assert_eq!(h.by.as_deref(), Some("b.example.com"));
        assert_eq!(h.with.as_deref(), Some("HTTPS"));
        assert_eq!(h.via.as_deref(), Some("c.example.com"));
    }

    #[test]
    fn broken_values_stay_hops() {
        let h = hop("");
        assert_eq!(h.parse_status, ParseStatus::Raw);
        let h = hop(";");
        assert_eq!(h.parse_status, ParseStatus::Raw);
        let h = hop("22 Apr 2018");
        assert_eq!(h.epoch, None);
        let h = hop("by me by you with this with that; Mon, 1 Jan 2024 10:00:00 +0000");
        assert_eq!(h.by.as_deref(), Some("me"));
        assert_eq!(h.parse_status, ParseStatus::Partial, "a repeated clause is not a full reading");
        assert!(h.parse_notes.iter().any(|n| n.contains("repeated \"by\"")));
        // A date after the last `;` that is not a date is never read as one.
        let h = hop("from example.com by example2.com; Content-Language: en-US");
        assert_eq!(h.timestamp, None);
        assert_eq!(h.parse_status, ParseStatus::Partial);
        // Headers pasted without line breaks: the date is after the first `;`, not the Date field's.
        let h = hop(
            "from example.com (::1) by example2.com with HTTPS; Mon, 14 Oct 2024 18:24:33 +0000From: J \
                     <j@example.com>Date: Mon, 14 Oct 2024 18:24:17 +0000X-Microsoft-Antispam: BCL:0;X-Other: a;",
        );
        assert_eq!(h.timestamp.as_deref(), Some("2024-10-14T18:24:33Z"));
        assert_eq!(h.with.as_deref(), Some("HTTPS"));
        assert!(h.parse_notes.iter().any(|n| n.contains("more text follows the date")));
    }

    #[test]
    fn many_false_date_starts_stay_linear() {
        // Each "Mon," is a candidate date start; reading every candidate to the end of the value made
        // this quadratic (minutes for a 140 KB field). Candidates are now read for at most 120 bytes.
        let value = "Mon, x ".repeat(20_000);
        let started = std::time::Instant::now();
        let h = hop(&value);
        assert_eq!(h.timestamp, None);
        assert!(started.elapsed().as_secs() < 30, "took {:?}", started.elapsed());
    }

    #[test]
    fn ip_tokens() {
        assert_eq!(ip_from_token("[192.0.2.1]"), ip("192.0.2.1"));
        assert_eq!(ip_from_token("[192.0.2.1]:25"), ip("192.0.2.1"));
        assert_eq!(ip_from_token("192.0.2.1:47944"), ip("192.0.2.1"));
        assert_eq!(ip_from_token("[(192.0.2.1)]"), ip("192.0.2.1"));
        assert_eq!(ip_from_token("[IPv6:2001:db8::1]"), ip("2001:db8::1"));
        assert_eq!(ip_from_token("mail.example.org"), None);
        assert_eq!(ip_from_token("15.20.696"), None);
    }
}
