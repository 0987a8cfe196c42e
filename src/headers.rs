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
    HeaderField {
        name,
        value,
        decoded,
        span: source.span_to_original(name_start, field_end),
        value_span: source.span_to_original(value_start + lead, field_end),
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
