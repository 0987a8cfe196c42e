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

use crate::catalog::msg;
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
    // About one item per 12 bytes of clause text (no reallocation on most fields).
    let mut out = Vec::with_capacity(text.len() / 12 + 4);
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
    // Most words are longer than any keyword: no lower-cased copy for them.
    if word.len() > 4 {
        return None;
    }
    let mut lower = [0u8; 4];
    lower[..word.len()].copy_from_slice(word.as_bytes());
    lower.make_ascii_lowercase();
    Some(match &lower[..word.len()] {
        b"from" => Clause::From,
        b"by" => Clause::By,
        b"via" => Clause::Via,
        b"with" => Clause::With,
        b"id" => Clause::Id,
        b"for" => Clause::For,
        _ => return None,
    })
}

/// Reads an IP address from a token such as `192.0.2.1`, `[192.0.2.1]`, `[IPv6:2001:db8::1]`,
/// `192.0.2.1:54849`, `[(192.0.2.1)]`.
pub(crate) fn ip_from_token(token: &str) -> Option<IpAddr> {
    // An address has a digit (IPv4) or a colon (IPv6): most words of a Received field have neither.
    if !token.bytes().any(|b| b.is_ascii_digit() || b == b':') {
        return None;
    }
    let t =
        token.trim_matches(|c: char| matches!(c, '[' | ']' | '(' | ')' | '<' | '>' | ',' | ';' | '"' | '\''));
    let t = t.trim_end_matches('.');
    let t = t.strip_prefix("IPv6:").or_else(|| t.strip_prefix("ipv6:")).unwrap_or(t);
    if let Ok(ip) = t.parse::<IpAddr>() {
        return Some(ip);
    }
    // An IPv6 link-local address with a zone index (`fe80::1%9`, Exchange `with mapi` stamps): the address
    // without the zone (see `zone_from_token`).
    if let Some((addr, _zone)) = t.split_once('%')
        && let Ok(ip) = addr.parse::<std::net::Ipv6Addr>()
    {
        return Some(IpAddr::V6(ip));
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

/// The zone index of an IPv6 literal (`9` in `[fe80::d943:55cc:ec54:4033%9]`), RFC 6874's `%` form.
pub(crate) fn zone_from_token(token: &str) -> Option<String> {
    let t = token.trim_matches(|c: char| matches!(c, '[' | ']' | '(' | ')' | '<' | '>' | ',' | ';' | '"'));
    let (addr, zone) = t.split_once('%')?;
    let addr = addr.strip_prefix("IPv6:").or_else(|| addr.strip_prefix("ipv6:")).unwrap_or(addr);
    (addr.parse::<std::net::Ipv6Addr>().is_ok() && !zone.is_empty()).then(|| zone.to_string())
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
    let mut words: Vec<&str> = Vec::new();
    for comment in comments {
        words.clear();
        words.extend(comment_words(comment));
        let mut k = 0;
        while k < words.len() {
            let w = words[k];
            let lower: &str = &crate::words::lower(w);
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
    let mut words: Vec<&str> = Vec::new();
    for (n, item) in all.iter().enumerate() {
        match item {
            Item::Comment(c) => {
                words.clear();
                words.extend(comment_words(c));
                for (k, w) in words.iter().enumerate() {
                    let lower: &str = &crate::words::lower(w);
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
                // Exchange `(TLS)`, Mimecast `(Using TLS)`: TLS without a version.
                let trimmed = c.trim();
                if trimmed.eq_ignore_ascii_case("tls") || trimmed.eq_ignore_ascii_case("using tls") {
                    set(&mut version, "TLS");
                }
                // Exim: the whole comment is `TLS1.2` or `TLSv1:AES256-SHA:256`.
                if words.len() == 1 && is_tls_version(trimmed.split(':').next().unwrap_or("")) {
                    let mut parts = trimmed.split(':');
                    set(&mut version, parts.next().unwrap_or(""));
                    if let Some(ci) = parts.next() {
                        set(&mut cipher, ci);
                    }
                }
            }
            Item::Word(w) if w.eq_ignore_ascii_case("tls") => {
                match all.get(n + 1) {
                    // Exim `tls <cipher>`.
                    Some(Item::Word(next)) if looks_like_cipher(next) => set(&mut cipher, next),
                    // Hotmail `over TLS secured channel`.
                    _ if n > 0 && matches!(all[n - 1], Item::Word(p) if p.eq_ignore_ascii_case("over")) => {
                        set(&mut version, "TLS")
                    }
                    _ => {}
                }
            }
            // IronPort `with ESMTP/TLS/AES256-SHA256`.
            Item::Word(w) if w.contains('/') => {
                let parts: Vec<&str> = w.split('/').collect();
                if let Some(k) = parts.iter().position(|p| p.eq_ignore_ascii_case("tls") || is_tls_version(p))
                {
                    set(&mut version, parts[k]);
                    if let Some(c) = parts.get(k + 1).filter(|c| looks_like_cipher(c)) {
                        set(&mut cipher, c);
                    }
                }
            }
            Item::Word(_) => {}
        }
    }
    (version.is_some() || cipher.is_some()).then_some(Tls { version, cipher })
}

/// The words of Hotmail's `over TLS secured channel` (read by read_tls, not stray text).
fn is_hotmail_tls_word(w: &str) -> bool {
    ["over", "secured", "channel"].iter().any(|k| w.eq_ignore_ascii_case(k))
}

/// A word that reads as a cipher suite (`AES256-SHA256`, `TLS_AES_256_GCM_SHA384`, `ECDHE-RSA-AES128-SHA`), not
/// an ordinary word such as `secured`.
fn looks_like_cipher(w: &str) -> bool {
    let w = w.trim_matches(|c: char| matches!(c, ',' | ';' | ')' | '(' | '"'));
    w.len() >= 3
        && w.bytes().any(|b| b.is_ascii_digit() || b == b'_' || b == b'-')
        && w.bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || matches!(b, b'_' | b'-' | b'.' | b':'))
}

fn is_tls_version(w: &str) -> bool {
    let l: &str = &crate::words::lower(w);
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

/// What the hop parser saw of a Received field's trace form that the hop does not carry, for
/// `trace-nonconformant` (so it need not unfold the field and read its date again).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct TraceForm {
    /// The obsolete forms of the date (when it reads).
    pub date_forms: dates::Forms,
    /// A date was found, and no `;` stands before its last occurrence in the value.
    pub no_semicolon: bool,
}

/// Parses one Received field, keeping `raw` as the hop's text as written. Never fails: what cannot be
/// read is left empty and noted.
pub(crate) fn parse_with_raw(field: &HeaderField, raw: String) -> (Hop, TraceForm) {
    let value = field.value.as_str();
    let mut hop = Hop { raw, span: field.span, ..Hop::default() };
    let mut form = TraceForm::default();

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
            if let Some((found, forms)) = dates::parse_with_forms(after) {
                instant = Some(found);
                form.date_forms = forms;
            }
        }
    }
    if instant.is_none() {
        for &i in separators.iter().rev().skip(1) {
            let after = value.get(i + 1..).unwrap_or("").trim();
            if let Some((found, forms)) = dates::parse_with_forms(after) {
                instant = Some(found);
                form.date_forms = forms;
                date_text = Some(after);
                clauses = value.get(..i).unwrap_or("");
                hop.parse_notes.push(msg!("hop.note.text-after-date").into());
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
                // The forms of the date as kept (a rare path: Go-style stamps without a `;`).
                form.date_forms =
                    date_text.and_then(dates::parse_with_forms).map(|(_, forms)| forms).unwrap_or_default();
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
        // Where the date text last occurs in the value: at its end when the value ends with it (the usual case).
        let at = if value.ends_with(text) { Some(value.len() - text.len()) } else { value.rfind(text) };
        form.no_semicolon = at.is_some_and(|at| !value[..at].trim_end().ends_with(';'));
    }
    match instant {
        Some(at) => {
            hop.epoch = Some(at.epoch);
            hop.offset_minutes = at.offset_minutes;
            hop.timestamp = Some(dates::rfc3339_utc(at.epoch));
            hop.zone = at.zone;
            hop.zone_note = at.zone_note;
        }
        None if date_text.is_some() => hop.parse_notes.push(msg!("hop.note.unreadable-date").into()),
        None => hop.parse_notes.push(msg!("hop.note.no-date").into()),
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
                        hop.parse_notes
                            .push(msg!("hop.note.repeated-clause", clause = w.to_ascii_lowercase()).into());
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
                        if !w.eq_ignore_ascii_case("tls") && !w.starts_with("TLS_") && !is_hotmail_tls_word(w)
                        {
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
    // Zone indices, kept apart from the addresses.
    fn zone_of<'w>(ip: Option<IpAddr>, mut words: impl Iterator<Item = &'w str>) -> Option<String> {
        let ip = ip?;
        words.find(|w| ip_from_token(w) == Some(ip)).and_then(zone_from_token)
    }
    let by_ip_zone = zone_of(
        hop.by_ip,
        std::iter::once(hop.by.as_deref().unwrap_or(""))
            .chain(by_comments.iter().flat_map(|c| comment_words(c))),
    );
    hop.by_ip_zone = by_ip_zone;
    hop.from_ip_zone = zone_of(
        hop.from_ip,
        from_first.into_iter().chain(from_comments.iter().flat_map(|c| comment_words(c))),
    );
    if !with_words.is_empty() {
        hop.with = Some(with_words.join(" "));
    }
    if !via_words.is_empty() {
        hop.via = Some(via_words.join(" "));
    }
    hop.tls = read_tls(&all);
    if !stray.is_empty() {
        hop.parse_notes.push(msg!("hop.note.stray-text", text = stray.join(" ")).into());
    }
    if seen.is_empty()
        && let Some(Item::Comment(c)) = all.first()
    {
        // qmail: `(qmail 10876 invoked from network); date`
        hop.parse_notes.push(msg!("hop.note.only-comment", comment = c).into());
    }

    let read_something = hop.from.is_some() || hop.by.is_some() || hop.from_ip.is_some();
    // Full only when nothing was left over: every note means something was not understood.
    hop.parse_status = match (read_something, hop.epoch.is_some()) {
        (true, true) if hop.parse_notes.is_empty() => ParseStatus::Full,
        (false, false) => ParseStatus::Raw,
        _ => ParseStatus::Partial,
    };
    (hop, form)
}

#[cfg(test)]
mod tests {
    //! The parsing vectors (Received values and the hop fields each gives) are data:
    //! `tests/vectors/received.json`, run through `analyze` by `tests/vectors.rs`.
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
        parse_with_raw(&field, format!("Received: {value}")).0
    }

    fn ip(s: &str) -> Option<IpAddr> {
        Some(s.parse().unwrap())
    }

    #[test]
    fn ipv6_zone_index_is_kept_apart() {
        let h = hop(
            "from a.example.com (2001:db8::17) by b.example.com ([fe80::d943:55cc:ec54:4033%9]) with mapi id 15.20.1101.007; Fri, 31 Aug 2018 02:13:05 +0000",
        );
        assert_eq!(h.by_ip, ip("fe80::d943:55cc:ec54:4033"));
        assert_eq!(h.by_ip_zone.as_deref(), Some("9"));
        assert_eq!(h.from_ip_zone, None);
        assert_eq!(h.with.as_deref(), Some("mapi"));
        let h = hop(
            "from [fe80::1%eth0] (helper.example.com [fe80::1%eth0]) by mx.example.net with ESMTP id 2; Fri, 31 Aug 2018 02:13:05 +0000",
        );
        assert_eq!(h.from_ip, ip("fe80::1"));
        assert_eq!(h.from_ip_zone.as_deref(), Some("eth0"));
        assert!(h.parse_notes.is_empty(), "{:?}", h.parse_notes);
    }

    #[test]
    fn tls_without_version_or_cipher_details() {
        // Hotmail
        let h = hop(
            "from mail.example.org ([192.0.2.10]) by BLU0-SMTP1.blu0.example.com over TLS secured channel with Microsoft SMTPSVC(6.0.3790.4675); Tue, 4 Aug 2026 10:00:00 -0700",
        );
        let tls = h.tls.expect("over TLS secured channel");
        assert_eq!((tls.version.as_deref(), tls.cipher.as_deref()), (Some("TLS"), None));
        assert!(h.parse_notes.is_empty(), "{:?}", h.parse_notes);
        // Exchange
        let h = hop(
            "from EX1.corp.example.com (192.0.2.11) by EX2.corp.example.com (192.0.2.12) with Microsoft SMTP Server (TLS) id 14.3.123.3; Tue, 4 Aug 2026 10:00:00 +0000",
        );
        assert_eq!(h.tls.expect("(TLS)").version.as_deref(), Some("TLS"));
        // IronPort
        let h = hop(
            "from mail.example.org ([192.0.2.13]) by esa1.example.net with ESMTP/TLS/AES256-SHA256; 04 Aug 2026 10:00:00 +0000",
        );
        let tls = h.tls.expect("ESMTP/TLS/cipher");
        assert_eq!((tls.version.as_deref(), tls.cipher.as_deref()), (Some("TLS"), Some("AES256-SHA256")));
        // Mimecast
        let h = hop(
            "from mail.example.org (mail.example.org [192.0.2.14]) (Using TLS) by relay.mimecast.example.com with ESMTP id a-1; Tue, 04 Aug 2026 10:00:00 -0400",
        );
        assert_eq!(h.tls.expect("(Using TLS)").version.as_deref(), Some("TLS"));
        // A plain hop has none.
        assert!(hop("from a.example.org ([192.0.2.1]) by b.example.net with ESMTP id 1; Mon, 1 Jan 2024 10:00:00 +0000").tls.is_none());
    }

    #[test]
    fn many_false_date_starts_stay_linear() {
        // Each "Mon," is a candidate date start; reading every candidate to the end of the value made
        // this quadratic (minutes for a 140 KB field). Candidates are now read for at most 120 bytes. No
        // timer here (speed is measured by benchmarks, not timed tests): a quadratic regression shows as this
        // test taking minutes; what it asserts is that none of the candidates is taken for a date.
        let value = "Mon, x ".repeat(20_000);
        let h = hop(&value);
        assert_eq!(h.timestamp, None);
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
