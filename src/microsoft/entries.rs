//! Splits a `KEY:VALUE;KEY:VALUE` header value into entries that keep their exact place in the input.
//!
//! Microsoft's anti-spam headers are folded anywhere, carry `(null)` placeholders, doubled or missing
//! `;`, and spaces after separators. The split works on the field as written in the input (not the
//! unfolded copy), so every entry's span points at the characters the user pasted.

use crate::input::Source;
use crate::model::{HeaderField, Span};

/// One `key<sep>value` entry of a list-shaped header value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Entry {
    /// The key as written (case kept); the whole entry when it has no separator.
    pub key: String,
    /// The value, line folds replaced by a single space; `None` when the entry has no separator.
    pub value: Option<String>,
    /// The whole entry (`key:value`) in the input.
    pub span: Span,
}

/// The value of `field` as one logical line, with the input offset of every byte.
struct Logical {
    text: String,
    offsets: Vec<usize>,
}

impl Logical {
    fn of(source: &Source, field: &HeaderField) -> Option<Logical> {
        let raw = source.text(field.value_span);
        if raw.trim().is_empty() {
            return None;
        }
        let base = field.value_span.start();
        let mut text = String::with_capacity(raw.len());
        let mut offsets = Vec::with_capacity(raw.len());
        let mut chars = raw.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            match c {
                '\r' => {}
                '\n' => {
                    while chars.next_if(|&(_, w)| matches!(w, ' ' | '\t' | '\r' | '\n')).is_some() {}
                    text.push(' ');
                    offsets.push(base + i);
                }
                _ => {
                    text.push(c);
                    offsets.extend((0..c.len_utf8()).map(|k| base + i + k));
                }
            }
        }
        Some(Logical { text, offsets })
    }

    /// The input span of the logical byte range `[start, end)` (non-empty).
    fn span(&self, start: usize, end: usize) -> Span {
        let first = self.offsets.get(start).copied().unwrap_or(0);
        let last = self.offsets.get(end.saturating_sub(1)).copied().unwrap_or(first);
        Span::new(first, last + 1)
    }
}

/// Splits `field`'s value on `sep` into entries of the form `key` `kv` `value` (for example `;` and `:`).
///
/// Empty entries are skipped; a leading `(null)` glued to a key (`(null)SFV:SKI`) is removed, and an
/// entry that is only `(null)` is skipped. Never fails; when the field cannot be found in the input
/// every entry's span is the whole value.
pub(super) fn split(source: &Source, field: &HeaderField, sep: char, kv: char) -> Vec<Entry> {
    match Logical::of(source, field) {
        Some(logical) => split_text(&logical, sep, kv, None),
        None => {
            let unfolded = Logical { text: field.value.clone(), offsets: Vec::new() };
            split_text(&unfolded, sep, kv, Some(field.value_span))
        }
    }
}

fn split_text(logical: &Logical, sep: char, kv: char, fixed_span: Option<Span>) -> Vec<Entry> {
    let text = logical.text.as_str();
    let mut entries = Vec::new();
    let mut piece_start = 0;
    for piece in text.split(sep) {
        let this_start = piece_start;
        piece_start += piece.len() + sep.len_utf8();
        let lead = piece.len() - piece.trim_start().len();
        let mut a = this_start + lead;
        let b = this_start + piece.trim_end().len();
        while text.get(a..b).is_some_and(|t| t.starts_with("(null)")) {
            a += "(null)".len();
            while text.get(a..b).is_some_and(|t| t.starts_with([' ', '\t'])) {
                a += 1;
            }
        }
        let Some(entry) = text.get(a..b).filter(|t| !t.is_empty()) else { continue };
        let span = fixed_span.unwrap_or_else(|| logical.span(a, b));
        let (key, value) = match entry.split_once(kv) {
            Some((k, v)) => (k.trim().to_string(), Some(v.trim().to_string())),
            None => (entry.to_string(), None),
        };
        entries.push(Entry { key, value, span });
    }
    entries
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entries(text: &str, sep: char, kv: char) -> (Source<'_>, Vec<Entry>) {
        let source = Source::new(text.as_bytes());
        let fields = crate::headers::split(&source);
        let found = split(&source, &fields[0], sep, kv);
        (source, found)
    }

    #[test]
    fn spans_point_at_the_input_across_folds() {
        let text = "X-Forefront-Antispam-Report:\r\n CIP:203.0.113.5;CTRY:GB;LANG:en;SCL:1;SRV:;\r\n IPV:NLI;SFV:NSPM;H:mail.example.com;\r\n";
        let (source, found) = entries(text, ';', ':');
        let keys: Vec<&str> = found.iter().map(|e| e.key.as_str()).collect();
        assert_eq!(keys, ["CIP", "CTRY", "LANG", "SCL", "SRV", "IPV", "SFV", "H"]);
        assert_eq!(found[4].value.as_deref(), Some(""));
        assert_eq!(source.text(found[0].span), "CIP:203.0.113.5");
        assert_eq!(source.text(found[6].span), "SFV:NSPM");
        assert_eq!(found[7].value.as_deref(), Some("mail.example.com"));
    }

    #[test]
    fn null_placeholders_and_doubled_separators() {
        let (source, found) = entries("X-Microsoft-Antispam: UIP:(null);(null);;(null)SFV:SKI\n", ';', ':');
        let keys: Vec<&str> = found.iter().map(|e| e.key.as_str()).collect();
        assert_eq!(keys, ["UIP", "SFV"]);
        assert_eq!(found[0].value.as_deref(), Some("(null)"));
        assert_eq!(source.text(found[1].span), "SFV:SKI");
    }

    #[test]
    fn entry_without_separator_and_ipv6_values() {
        let (_, found) = entries("X-Forefront-Antispam-Report: CIP:2001:db8::5;garbage\n", ';', ':');
        assert_eq!(found[0].key, "CIP");
        assert_eq!(found[0].value.as_deref(), Some("2001:db8::5"));
        assert_eq!(found[1].key, "garbage");
        assert_eq!(found[1].value, None);
    }
}
