//! Turns pasted bytes into clean header text, remembering where each piece came from.
//!
//! People paste headers in many shapes: CRLF, LF or mixed line endings, a whole `.eml` with its body,
//! an mbox `From ` line, every line indented (copied from a web view), Outlook's copy with a blank line
//! after every line, junk before and after. [`Source`] cleans that up into `clean` (the header section
//! only, LF line endings) and keeps a map so spans can point back into `original`.

use crate::model::{InputInfo, Span};

/// The input as given and its cleaned header section.
#[derive(Debug, Clone)]
pub struct Source {
    /// The input, decoded as UTF-8 (lossily if it was not valid UTF-8).
    pub original: String,
    /// The header section, cleaned up: LF line endings, no body, no mbox line.
    pub clean: String,
    /// Pieces of `clean` and where they start in `original`: `(clean_offset, original_offset)`, sorted.
    /// A clean offset `c` in the piece starting at `(cs, os)` maps to `os + (c - cs)`.
    map: Vec<(usize, usize)>,
    bytes: usize,
    lossy: bool,
    notes: Vec<String>,
}

impl Source {
    pub fn new(input: &[u8]) -> Source {
        let original = String::from_utf8_lossy(input);
        let lossy = matches!(original, std::borrow::Cow::Owned(_));
        let original = original.into_owned();
        let mut src = Source {
            clean: String::new(),
            map: Vec::new(),
            bytes: input.len(),
            lossy,
            notes: Vec::new(),
            original,
        };
        src.build_clean();
        src
    }

    /// Maps an offset in `clean` to an offset in `original`.
    pub fn to_original(&self, clean_offset: usize) -> usize {
        let idx = self.map.partition_point(|&(c, _)| c <= clean_offset);
        if idx == 0 {
            return clean_offset.min(self.original.len());
        }
        let (c, o) = self.map[idx - 1];
        (o + (clean_offset - c)).min(self.original.len())
    }

    /// Maps a span in `clean` to a span in `original`.
    pub fn span_to_original(&self, start: usize, end: usize) -> Span {
        let s = self.to_original(start);
        let e = if end > start { self.to_original(end - 1) + 1 } else { s };
        Span::new(s, e)
    }

    /// The original text of a span, or "" when the span is out of range.
    pub fn text(&self, span: Span) -> &str {
        self.original.get(span.start()..span.end()).unwrap_or("")
    }

    /// Facts about the input for the report.
    pub fn info(&self, looks_like_headers: bool) -> InputInfo {
        InputInfo {
            bytes: self.bytes,
            header_bytes: self.clean.len(),
            lossy_utf8: self.lossy,
            normalizations: self.notes.clone(),
            looks_like_headers,
        }
    }

    fn build_clean(&mut self) {
        // Walk the original line by line; drop CRs, an mbox "From " line and everything after the
        // first blank line that follows a header.
        let text = self.original.as_str();
        let mut pos = 0;
        let mut seen_field = false;
        let mut clean = String::with_capacity(text.len());
        let mut map = Vec::new();
        while pos < text.len() {
            let line_end = text[pos..].find('\n').map(|i| pos + i).unwrap_or(text.len());
            let mut content_end = line_end;
            if content_end > pos && text.as_bytes()[content_end - 1] == b'\r' {
                content_end -= 1;
            }
            let line = &text[pos..content_end];
            let next = (line_end + 1).min(text.len());
            if line.trim().is_empty() {
                if seen_field {
                    break;
                }
                pos = next;
                continue;
            }
            if !seen_field && line.starts_with("From ") {
                self.notes.push("skipped the mbox \"From \" line".to_string());
                pos = next;
                continue;
            }
            seen_field = true;
            map.push((clean.len(), pos));
            clean.push_str(line);
            clean.push('\n');
            pos = next;
        }
        self.clean = clean;
        self.map = map;
    }
}
