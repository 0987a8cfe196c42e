//! Splits the clean header section into fields, keeping each field's place in the input.
//!
//! This is the only module that imports `mail-parser` types for whole fields; the rest of the core
//! works on [`HeaderField`]s, so a mail-parser upgrade stays local.

use crate::input::Source;
use crate::model::HeaderField;

/// Splits `source.clean` into header fields, in input order.
///
/// A line that starts with white space continues the previous field. A line without a colon that is
/// not a continuation is skipped (it is noise from the paste). Names match case-insensitively
/// elsewhere; here the name is kept as written.
pub(crate) fn split(source: &Source) -> Vec<HeaderField> {
    let clean: &str = &source.clean;
    // About one field per 60 bytes of header text (fewer when values fold or are long).
    let mut fields = Vec::with_capacity(clean.len() / 60 + 1);
    // (name_start, name_end, value_start, field_end) in clean offsets.
    let mut current: Option<(usize, usize, usize, usize)> = None;
    let mut pos = 0;
    while pos < clean.len() {
        let line_end = clean[pos..].find('\n').map(|i| pos + i).unwrap_or(clean.len());
        let line = &clean[pos..line_end];
        let is_continuation = line.starts_with([' ', '\t']);
        if is_continuation {
            if let Some(cur) = current.as_mut() {
                cur.3 = line_end;
            }
        } else if let Some(colon) = line.find(':').filter(|&c| is_field_name(line[..c].trim_end())) {
            if let Some(cur) = current.take() {
                fields.push(make_field(source, cur));
            }
            let name_end = pos + line[..colon].trim_end().len();
            current = Some((pos, name_end, pos + colon + 1, line_end));
        }
        pos = line_end + 1;
    }
    if let Some(cur) = current.take() {
        fields.push(make_field(source, cur));
    }
    fields
}

/// Case-insensitive lookup of all fields with this name.
pub(crate) fn all<'a>(
    headers: &'a [HeaderField],
    name: &'a str,
) -> impl Iterator<Item = &'a HeaderField> + 'a {
    headers.iter().filter(move |h| h.name.eq_ignore_ascii_case(name))
}

/// Case-insensitive lookup of the first (topmost) field with this name.
pub(crate) fn first<'a>(headers: &'a [HeaderField], name: &str) -> Option<&'a HeaderField> {
    headers.iter().find(|h| h.name.eq_ignore_ascii_case(name))
}

/// Field names that only mail headers carry; one of them (or an `X-`, `ARC-`, `List-` field) is enough to
/// call a text mail headers.
const MAIL_FIELD_NAMES: &[&str] = &[
    "received",
    "from",
    "to",
    "cc",
    "bcc",
    "subject",
    "date",
    "message-id",
    "return-path",
    "reply-to",
    "sender",
    "mime-version",
    "content-type",
    "content-transfer-encoding",
    "delivered-to",
    "dkim-signature",
    "authentication-results",
    "received-spf",
    "in-reply-to",
    "references",
    "user-agent",
    "thread-topic",
    "thread-index",
    "importance",
    "precedence",
    "envelope-to",
    "domainkey-signature",
    "feedback-id",
];

/// True when the fields look like a mail header block rather than arbitrary `word: text` lines.
pub(crate) fn looks_like_headers(fields: &[HeaderField]) -> bool {
    fields.iter().any(|f| {
        let name = f.name.as_bytes();
        MAIL_FIELD_NAMES.iter().any(|m| m.as_bytes().eq_ignore_ascii_case(name))
            || ["x-", "arc-", "list-", "resent-"]
                .iter()
                .any(|p| name.get(..p.len()).is_some_and(|n| n.eq_ignore_ascii_case(p.as_bytes())))
    })
}

fn is_field_name(name: &str) -> bool {
    !name.is_empty() && name.bytes().all(|b| (33..=126).contains(&b) && b != b':')
}

fn make_field(
    source: &Source,
    (name_start, name_end, value_start, field_end): (usize, usize, usize, usize),
) -> HeaderField {
    let clean: &str = &source.clean;
    let name = clean[name_start..name_end].to_string();
    let raw_value = &clean[value_start..field_end];
    let value = unfold(raw_value);
    let decoded = decode_words(&value).filter(|d| *d != value);
    let lead = raw_value.len() - raw_value.trim_start().len();
    // The value span covers the trimmed value, so single-line evidence quotes the input exactly.
    let value_end = value_start + raw_value.trim_end().len();
    HeaderField {
        name,
        value,
        decoded,
        span: source.span_to_original(name_start, field_end),
        value_span: source.span_to_original(value_start + lead, value_end),
    }
}

/// Unfolds a field value (RFC 5322 §2.2.3): each line break and the white space around it become one
/// space (as MHA and most viewers show it), then the ends are trimmed.
pub fn unfold(raw: &str) -> String {
    if !raw.contains('\n') {
        return raw.trim().to_string();
    }
    let mut out = String::with_capacity(raw.len());
    for (i, line) in raw.split('\n').enumerate() {
        if i == 0 {
            out.push_str(line.trim_end_matches([' ', '\t', '\r']));
            continue;
        }
        let line = line.trim_start_matches([' ', '\t']).trim_end_matches([' ', '\t', '\r']);
        if line.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(line);
    }
    let trimmed = out.trim();
    if trimmed.len() == out.len() { out } else { trimmed.to_string() }
}

/// Decodes RFC 2047 encoded words (`=?charset?B|Q?text?=`) in a value; `None` when it has none that decode.
///
/// Adjacent encoded words are joined without the white space between them (RFC 2047 §6.2), and the bytes of
/// adjacent words in the same charset are decoded together, so a multi-byte character split across two
/// words (common in GB2312 and EUC-KR subjects) comes out whole. Charsets are decoded by mail-parser
/// (with `encoding_rs` for the multi-byte ones); `UTF 8` with a space is read as UTF-8, as MHA does.
/// Control characters that a word decodes to (the Mailsploit NUL/CRLF tricks) are kept: the renderers
/// neutralise them.
pub fn decode_words(value: &str) -> Option<String> {
    if !value.contains("=?") {
        return None;
    }
    let mut out = String::with_capacity(value.len());
    // Pending bytes of adjacent encoded words in one charset.
    let mut pending: Option<(String, Vec<u8>)> = None;
    // White space seen since the last encoded word (dropped if another encoded word follows).
    let mut gap = String::new();
    let mut decoded_any = false;
    let mut rest = value;
    while !rest.is_empty() {
        if let Some((charset, bytes, len)) = encoded_word(rest) {
            decoded_any = true;
            match pending.as_mut() {
                // Only white space since the previous encoded word: it is dropped.
                Some((cs, buf)) if *cs == charset => buf.extend_from_slice(&bytes),
                Some(_) => {
                    flush(&mut out, &mut pending);
                    pending = Some((charset, bytes));
                }
                None => {
                    out.push_str(&gap);
                    pending = Some((charset, bytes));
                }
            }
            gap.clear();
            rest = &rest[len..];
            continue;
        }
        // Plain text up to the next `=?` (at least one character): white space before it joins the gap, the
        // rest ends any pending encoded words and is copied as a run, and white space after it starts a new gap.
        let first = rest.chars().next().map_or(1, char::len_utf8);
        let next = rest[first..].find("=?").map_or(rest.len(), |i| i + first);
        let chunk = &rest[..next];
        let body = chunk.trim_start_matches([' ', '\t']);
        gap.push_str(&chunk[..chunk.len() - body.len()]);
        let words = body.trim_end_matches([' ', '\t']);
        if !words.is_empty() {
            flush(&mut out, &mut pending);
            out.push_str(&gap);
            gap.clear();
            out.push_str(words);
            gap.push_str(&body[words.len()..]);
        }
        rest = &rest[next..];
    }
    flush(&mut out, &mut pending);
    out.push_str(&gap);
    decoded_any.then_some(out)
}

fn flush(out: &mut String, pending: &mut Option<(String, Vec<u8>)>) {
    if let Some((charset, bytes)) = pending.take() {
        out.push_str(&decode_charset(&charset, &bytes));
    }
}

fn decode_charset(charset: &str, bytes: &[u8]) -> String {
    let name = charset.to_ascii_lowercase();
    if matches!(name.as_str(), "utf-8" | "utf8" | "us-ascii" | "ascii") {
        return String::from_utf8_lossy(bytes).into_owned();
    }
    match mail_parser::decoders::charsets::map::charset_decoder(name.as_bytes()) {
        Some(decoder) => decoder(bytes),
        None => String::from_utf8_lossy(bytes).into_owned(),
    }
}

/// Reads one encoded word at the start of `text`: (charset, decoded bytes, length in `text`).
fn encoded_word(text: &str) -> Option<(String, Vec<u8>, usize)> {
    let body = text.strip_prefix("=?")?;
    // Encoded words are short (RFC 2047 allows 75 characters); looking further would make a long value
    // full of unclosed `=?` quadratic.
    let window = &body.as_bytes()[..body.len().min(1024)];
    let q1 = window.iter().position(|&b| b == b'?').filter(|&q| q > 0 && q <= 40)?;
    let charset = &body[..q1];
    if charset.contains(['\n', '\r', '=']) {
        return None;
    }
    // RFC 2231 language suffix: `utf-8*en`.
    let charset = charset.split('*').next().unwrap_or(charset).trim().replace(' ', "-");
    let after = &body[q1 + 1..];
    let mut chars = after.chars();
    let encoding = chars.next()?.to_ascii_uppercase();
    if !matches!(encoding, 'B' | 'Q') || chars.next() != Some('?') {
        return None;
    }
    let payload_all = &after[2..];
    let end = payload_all.as_bytes()[..payload_all.len().min(1024)].windows(2).position(|w| w == b"?=")?;
    let payload = &payload_all[..end];
    if payload.contains(['\n', '\r']) {
        return None;
    }
    let bytes = match encoding {
        'B' => decode_base64(payload)?,
        'Q' => decode_q(payload),
        _ => return None,
    };
    Some((charset, bytes, 2 + q1 + 1 + 2 + end + 2))
}

/// Base64 as used in encoded words: padding optional, anything else invalid.
fn decode_base64(text: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    let mut acc = 0u32;
    let mut bits = 0;
    let trimmed = text.trim_end_matches('=');
    if text.len() - trimmed.len() > 2 {
        return None;
    }
    for b in trimmed.bytes() {
        let v = match b {
            b'A'..=b'Z' => b - b'A',
            b'a'..=b'z' => b - b'a' + 26,
            b'0'..=b'9' => b - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => return None,
        };
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    Some(out)
}

/// The Q encoding: `_` is a space, `=XX` a byte, anything else itself.
fn decode_q(text: &str) -> Vec<u8> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'_' => out.push(b' '),
            b'=' if i + 2 < bytes.len() => {
                let hex = std::str::from_utf8(&bytes[i + 1..i + 3])
                    .ok()
                    .and_then(|h| u8::from_str_radix(h, 16).ok());
                match hex {
                    Some(v) => {
                        out.push(v);
                        i += 2;
                    }
                    None => out.push(b'='),
                }
            }
            b => out.push(b),
        }
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(text: &str) -> Vec<HeaderField> {
        split(&Source::new(text.as_bytes()))
    }

    #[test]
    fn fields_keep_names_and_spans() {
        let text =
            "Subject: =?UTF-8?Q?Caf=C3=A9?= menu\nreceived: from a\n\tby b; Mon, 1 Jan 2024 10:00:00 +0000\n";
        let f = fields(text);
        assert_eq!(f.len(), 2);
        assert_eq!(f[0].decoded.as_deref(), Some("Café menu"));
        assert_eq!(&text[f[0].value_span.start()..f[0].value_span.end()], "=?UTF-8?Q?Caf=C3=A9?= menu");
        assert_eq!(f[1].name, "received");
        assert_eq!(f[1].value, "from a by b; Mon, 1 Jan 2024 10:00:00 +0000");
        assert_eq!(all(&f, "RECEIVED").count(), 1);
        assert_eq!(first(&f, "subject").map(|h| h.name.as_str()), Some("Subject"));
    }

    #[test]
    fn unfolding_joins_with_one_space() {
        assert_eq!(
            unfold(" multipart/alternative;\n\tboundary=\"x\""),
            "multipart/alternative; boundary=\"x\""
        );
        assert_eq!(unfold("a\n \n b"), "a b");
    }

    #[test]
    fn encoded_words() {
        assert_eq!(
            decode_words("=?ISO-8859-1?Q?Keld_J=F8rn_Simonsen?= <keld@example.org>").as_deref(),
            Some("Keld Jørn Simonsen <keld@example.org>")
        );
        // White space between adjacent encoded words is dropped; a split multi-byte character is rejoined.
        assert_eq!(decode_words("=?UTF-8?Q?Caf=C3?= =?UTF-8?Q?=A9?= ok").as_deref(), Some("Café ok"));
        assert_eq!(decode_words("=?UTF 8?B?w6k=?=").as_deref(), Some("é"));
        assert_eq!(decode_words("=?gb2312?B?xOO6ww==?=").as_deref(), Some("你好"));
        assert_eq!(decode_words("plain text"), None);
        assert_eq!(decode_words("=?utf-8?B?not base64!?="), None);
        assert_eq!(decode_words("broken =?utf-8?Q?x"), None);
        assert_eq!(decode_words("=?utf-8?€?x?="), None);
        assert_eq!(decode_words("=?utf-8?Q?a=0Ab?=").as_deref(), Some("a\nb"));
        assert_eq!(decode_words("Re: =?utf-8?Q?x?= =?iso-8859-1?Q?=E9?= y").as_deref(), Some("Re: xé y"));
    }

    #[test]
    fn header_detection() {
        assert!(looks_like_headers(&fields("Subject: hi\n")));
        assert!(looks_like_headers(&fields("X-Custom: 1\n")));
        assert!(!looks_like_headers(&fields("Dear team: the report is late.\nNote: call me\n")));
        assert!(!looks_like_headers(&fields("just some text\nwith no fields at all\n")));
    }
}
