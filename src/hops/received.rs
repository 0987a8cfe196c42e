//! Reads one `Received` field into a [`Hop`].
//!
//! First version: the date after the last `;`, and the `from`/`by`/`with`/`id`/`for`/`via` keywords.
//! The core issue replaces this with a tolerant reader of the variants in the wild.

use crate::hops::dates;
use crate::model::{HeaderField, Hop, ParseStatus};

/// Parses one Received field. Never fails: what cannot be read is left empty and noted.
pub fn parse(field: &HeaderField) -> Hop {
    let value = field.value.as_str();
    let (clauses, date_text) = match value.rfind(';') {
        Some(i) => (&value[..i], Some(value[i + 1..].trim())),
        None => (value, None),
    };
    let mut hop = Hop { raw: format!("{}: {}", field.name, field.value), span: field.span, ..Hop::default() };
    let tokens: Vec<&str> = clauses.split_whitespace().collect();
    let mut i = 0;
    while i < tokens.len() {
        let key = tokens[i].to_ascii_lowercase();
        let next = tokens.get(i + 1).map(|s| s.to_string());
        match key.as_str() {
            "from" if hop.from.is_none() => hop.from = next,
            "by" if hop.by.is_none() => hop.by = next,
            "with" if hop.with.is_none() => hop.with = next,
            "id" if hop.id.is_none() => hop.id = next.map(|s| s.trim_end_matches(';').to_string()),
            "for" if hop.for_.is_none() => hop.for_ = next,
            "via" if hop.via.is_none() => hop.via = next,
            _ => {
                i += 1;
                continue;
            }
        }
        i += 2;
    }
    if let Some(text) = date_text {
        hop.date_raw = Some(text.to_string());
        if let Some(instant) = dates::parse(text) {
            hop.epoch = Some(instant.epoch);
            hop.offset_minutes = instant.offset_minutes;
            hop.timestamp = Some(dates::rfc3339_utc(instant.epoch));
        }
    }
    hop.parse_status = match (hop.from.is_some() || hop.by.is_some(), hop.epoch.is_some()) {
        (true, true) => ParseStatus::Full,
        (false, false) => ParseStatus::Raw,
        _ => ParseStatus::Partial,
    };
    if hop.epoch.is_none() {
        hop.parse_notes.push("no readable date".to_string());
    }
    hop
}
