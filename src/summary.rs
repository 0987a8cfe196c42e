//! The summary card: who sent what to whom, when, and the envelope sender(s).

use mail_parser::parsers::MessageStream;
use mail_parser::{Address, HeaderValue};

use crate::headers;
use crate::input::Source;
use crate::model::{HeaderField, Mailbox, ReturnPath, Span, Summary};

/// Builds the summary from the header fields.
pub(crate) fn build(source: &Source, fields: &[HeaderField]) -> Summary {
    let _ = source;
    Summary {
        subject: headers::first(fields, "Subject")
            .map(|f| f.decoded.clone().unwrap_or_else(|| f.value.clone())),
        from: mailboxes(fields, "From"),
        sender: mailboxes(fields, "Sender"),
        reply_to: mailboxes(fields, "Reply-To"),
        to: mailboxes(fields, "To"),
        cc: mailboxes(fields, "Cc"),
        date: headers::first(fields, "Date").map(|f| crate::hops::dates::parse_date_value(&f.value)),
        message_id: headers::first(fields, "Message-ID").map(|f| f.value.clone()),
        return_path: headers::all(fields, "Return-Path").map(return_path).collect(),
        mailer: headers::first(fields, "X-Mailer")
            .or_else(|| headers::first(fields, "User-Agent"))
            .map(|f| f.decoded.clone().unwrap_or_else(|| f.value.clone())),
    }
}

/// Parses every field with this name as an address list; addresses keep their spelling.
pub(crate) fn mailboxes(fields: &[HeaderField], name: &str) -> Vec<Mailbox> {
    headers::all(fields, name).flat_map(|f| parse_address_list(&f.value)).collect()
}

/// Parses an address-list value such as `"Name" <a@b>, c@d`.
///
/// mail-parser's address parser alone, on the value as its header parser would give it (after `To:`): not
/// its whole-message parser, which would double the code this needs in the web build.
pub(crate) fn parse_address_list(value: &str) -> Vec<Mailbox> {
    let raw = [" ", value, "\n\n"].concat();
    let mut out = Vec::new();
    if let HeaderValue::Address(addr) = MessageStream::new(raw.as_bytes()).parse_address() {
        collect(&addr, &mut out);
    }
    out
}

fn collect(addr: &Address<'_>, out: &mut Vec<Mailbox>) {
    for a in addr.iter() {
        out.push(Mailbox {
            name: a.name.as_ref().map(|n| n.to_string()).filter(|n| !n.is_empty()),
            address: a.address.as_ref().map(|n| without_cfws(n)).filter(|n| !n.is_empty()),
        });
    }
}

/// An address without the folding white space that the obsolete syntax allows between its words and dots
/// (RFC 5322 §4.4, `obs-local-part` and `obs-domain`: `jdoe@machine.  example` is `jdoe@machine.example`);
/// white space inside a quoted local part is part of the address and stays.
fn without_cfws(address: &str) -> String {
    if !address.contains(char::is_whitespace) {
        return address.to_string();
    }
    let mut out = String::with_capacity(address.len());
    let (mut quoted, mut escaped) = (false, false);
    for c in address.chars() {
        if escaped {
            escaped = false;
        } else if quoted && c == '\\' {
            escaped = true;
        } else if c == '"' {
            quoted = !quoted;
        } else if !quoted && c.is_whitespace() {
            continue;
        }
        out.push(c);
    }
    out
}

/// Reads a Return-Path value: `<a@b>`, `a@b`, or the null sender `<>`.
pub(crate) fn return_path(field: &HeaderField) -> ReturnPath {
    let raw = field.value.clone();
    let inner = raw.trim();
    let inner = strip_comments(inner);
    let inner = inner.trim();
    let unbracketed = inner.strip_prefix('<').and_then(|s| s.strip_suffix('>')).unwrap_or(inner).trim();
    let null = unbracketed.is_empty() && inner.starts_with('<');
    let address = (!unbracketed.is_empty() && !unbracketed.contains(char::is_whitespace))
        .then(|| unbracketed.to_string());
    ReturnPath {
        raw,
        address,
        null,
        span: if field.value_span.is_empty() {
            Span::new(field.span.start(), field.span.end())
        } else {
            field.value_span
        },
    }
}

fn strip_comments(s: &str) -> String {
    let mut depth = 0usize;
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '(' => depth += 1,
            ')' if depth > 0 => depth -= 1,
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::analyze_str;

    #[test]
    fn addresses_keep_their_spelling() {
        let r = analyze_str(
            "from: \"Application Mailbox\" <Application.Mailbox@Example.co.uk>\n\
             TO: =?UTF-8?Q?Bj=C3=B6rn?= <Bjorn@example.org>, carol@example.org\n\
             cc: Dave <dave@example.net>\nReply-To: replies@example.com\nSender: Bulk <bulk@example.com>\n",
        );
        let s = &r.summary;
        assert_eq!(s.from[0].name.as_deref(), Some("Application Mailbox"));
        assert_eq!(s.from[0].address.as_deref(), Some("Application.Mailbox@Example.co.uk"));
        assert_eq!(s.to.len(), 2);
        assert_eq!(s.to[0].name.as_deref(), Some("Björn"));
        assert_eq!(s.to[0].address.as_deref(), Some("Bjorn@example.org"));
        assert_eq!(s.to[1].address.as_deref(), Some("carol@example.org"));
        assert_eq!(s.cc[0].address.as_deref(), Some("dave@example.net"));
        assert_eq!(s.reply_to[0].address.as_deref(), Some("replies@example.com"));
        assert_eq!(s.sender[0].address.as_deref(), Some("bulk@example.com"));
    }

    #[test]
    fn obsolete_white_space_between_the_words_of_an_address_is_not_part_of_it() {
        // RFC 5322 Appendix A.6.3's example: comments and folding white space inside the address.
        let r = analyze_str("From  : John Doe <jdoe@machine(comment).  example>\nTo: a . b @ example.org\n");
        assert_eq!(r.summary.from[0].address.as_deref(), Some("jdoe@machine.example"));
        assert_eq!(r.summary.to[0].address.as_deref(), Some("a.b@example.org"));
        // White space inside a quoted local part is the address's own.
        assert_eq!(super::without_cfws("\"john  doe\" @example.net"), "\"john  doe\"@example.net");
    }

    #[test]
    fn every_return_path_topmost_first() {
        let text = "Return-Path: <Application.MAILBOX@ResDomain.local>\nReturn-Path: <>\nreturn-path: bounce@example.com (comment)\n";
        let r = analyze_str(text);
        let rp = &r.summary.return_path;
        assert_eq!(rp.len(), 3);
        assert_eq!(rp[0].address.as_deref(), Some("Application.MAILBOX@ResDomain.local"));
        assert_eq!(&text[rp[0].span.start()..rp[0].span.end()], "<Application.MAILBOX@ResDomain.local>");
        assert!(rp[1].null && rp[1].address.is_none());
        assert_eq!(rp[2].address.as_deref(), Some("bounce@example.com"));
    }

    #[test]
    fn subject_date_id_and_mailer() {
        let r = analyze_str(
            "Subject: =?ISO-8859-1?Q?Andr=E9?= report\nDate: Tue, 12 Mar 24 09:15:30 EST\n\
             Message-ID: <abc@example.com>\nUser-Agent: Mozilla Thunderbird\n",
        );
        let s = &r.summary;
        assert_eq!(s.subject.as_deref(), Some("André report"));
        let date = s.date.as_ref().unwrap();
        assert_eq!(date.utc.as_deref(), Some("2024-03-12T14:15:30Z"));
        assert_eq!(date.offset_minutes, Some(-300));
        assert_eq!(s.message_id.as_deref(), Some("<abc@example.com>"));
        assert_eq!(s.mailer.as_deref(), Some("Mozilla Thunderbird"));
        let r = analyze_str("Date: 31 Feb 2024 10:00:00 +0000\n");
        let date = r.summary.date.unwrap();
        assert_eq!((date.utc, date.epoch), (None, None));
        assert_eq!(date.raw, "31 Feb 2024 10:00:00 +0000");
    }
}
