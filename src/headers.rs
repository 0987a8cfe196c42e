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
pub fn split(source: &Source) -> Vec<HeaderField> {
    let clean = source.clean.as_str();
    let mut fields = Vec::new();
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
pub fn all<'a>(headers: &'a [HeaderField], name: &'a str) -> impl Iterator<Item = &'a HeaderField> + 'a {
    headers.iter().filter(move |h| h.name.eq_ignore_ascii_case(name))
}

/// Case-insensitive lookup of the first (topmost) field with this name.
pub fn first<'a>(headers: &'a [HeaderField], name: &str) -> Option<&'a HeaderField> {
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
pub fn looks_like_headers(fields: &[HeaderField]) -> bool {
    fields.iter().any(|f| {
        let name = f.name.to_ascii_lowercase();
        MAIL_FIELD_NAMES.contains(&name.as_str())
            || ["x-", "arc-", "list-", "resent-"].iter().any(|p| name.starts_with(p))
    })
}

fn is_field_name(name: &str) -> bool {
    !name.is_empty() && name.bytes().all(|b| (33..=126).contains(&b) && b != b':')
}

fn make_field(
    source: &Source,
    (name_start, name_end, value_start, field_end): (usize, usize, usize, usize),
) -> HeaderField {
    let clean = source.clean.as_str();
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
    out.trim().to_string()
}

/// Decodes RFC 2047 encoded words in an unstructured value.
pub fn decode_words(value: &str) -> Option<String> {
    if !value.contains("=?") {
        return None;
    }
    let raw = format!("Subject: {value}\n\n");
    let msg = mail_parser::MessageParser::new().parse_headers(raw.as_bytes())?;
    msg.subject().map(|s| s.to_string())
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
    fn header_detection() {
        assert!(looks_like_headers(&fields("Subject: hi\n")));
        assert!(looks_like_headers(&fields("X-Custom: 1\n")));
        assert!(!looks_like_headers(&fields("Dear team: the report is late.\nNote: call me\n")));
        assert!(!looks_like_headers(&fields("just some text\nwith no fields at all\n")));
    }
}
