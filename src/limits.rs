//! How much of a paste is analysed, and what happens beyond: the core's defence against huge input.
//!
//! People paste whole mailboxes, 25 MB messages with attachments, or generated junk, and the site
//! runs the analysis on the page's thread. So [`analyze`](crate::analyze) reads at most:
//!
//! - [`MAX_INPUT_BYTES`] of the input. A message's body is ignored anyway, so for a normal `.eml`
//!   nothing is lost: only a *header section* that runs past this point is cut.
//! - [`MAX_FIELDS`] header fields and [`MAX_HOPS`] `Received` fields (hops), counted from the top;
//!   the analysis stops before the first field over either limit.
//!
//! Beyond a limit the analysis is cut at a line boundary (never inside a character), the report
//! says so in `input.normalizations`, and the `input-truncated` finding names the first line that
//! was not read. Nothing panics, and spans still point into the input as given. The user's text
//! is never changed or dropped: only the analysis stops.
//!
//! The originator fields (From, Sender, Reply-To, To, Cc, Subject, Date, Message-ID, Return-Path) found below a
//! cut, up to the end of the header section, are analysed all the same: a loop's thousands of Received fields
//! do not hide who sent the message.
//!
//! The limits sit well above real mail: Postfix refuses header sections over 100 KB
//! (`header_size_limit`) and more than 50 Received fields (`hopcount_limit`), and RFC 5321 §6.3
//! treats 100 Received fields as a mail loop. Figures measured on these limits are in README.md,
//! "Limits".

use crate::catalog::{Msg, msg};
use crate::charset::Encoding;
use crate::input::Source;
use crate::model::{HeaderField, InputInfo, Span};

/// Bytes of input (after lossy UTF-8 decoding) read to find and parse the header section: 2 MiB.
pub const MAX_INPUT_BYTES: usize = 2 * 1024 * 1024;
/// Header fields analysed, from the top: 5,000 (real messages have tens to a few hundred).
pub const MAX_FIELDS: usize = 5_000;
/// `Received` fields (hops) analysed, from the top, i.e. the most recent ones: 200.
pub const MAX_HOPS: usize = 200;

/// Which limit stopped the analysis.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Limit {
    InputBytes,
    Fields,
    Hops,
}

/// Where the analysis stopped and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Truncation {
    pub limit: Limit,
    /// Offset in the input (as decoded) of the first text that was not analysed.
    pub at: usize,
    /// Length of the whole input as decoded (input that is not valid UTF-8 is decoded only up to the
    /// limit; the bytes after that count as given).
    pub total: usize,
    /// The first line that was not analysed (at most [`EXCERPT_CHARS`] characters of it) and its span.
    pub next_line: String,
    pub next_line_span: Span,
}

/// Characters of the first unread line quoted in the note and the finding.
pub(crate) const EXCERPT_CHARS: usize = 80;

/// What [`read`] found within the limits.
pub(crate) struct Read<'a> {
    /// The cleaned header section that is analysed.
    pub source: Source<'a>,
    pub fields: Vec<HeaderField>,
    /// Where the analysis stopped, when a limit was reached.
    pub truncation: Option<Truncation>,
    /// How the bytes were read as text.
    pub encoding: Encoding,
    /// Where in `source.original` characters were read as Windows-1252 (see [`crate::charset`]).
    pub windows_1252_at: Vec<usize>,
}

/// Reads the header section of `input` within the limits. Only the first [`MAX_INPUT_BYTES`] (and a
/// few bytes to finish a character) are decoded, so a 100 MB paste costs one UTF-8 validation pass,
/// not a copy. When a limit is reached, awaits `pause()` between the first reading and the second one
/// (up to the cut, with the originator fields below it), so the site can give the page its turn inside
/// the read of a huge header section (`crate::analyze_staged`).
pub(crate) async fn read<F: std::future::Future<Output = ()>>(
    input: &[u8],
    pause: impl FnOnce() -> F,
) -> Read<'_> {
    let (decoded, rest) = crate::charset::decode_within(input, MAX_INPUT_BYTES);
    let crate::charset::Decoded { text, encoding, windows_1252_at } = decoded;
    let end = input_prefix_len(&text);
    let source = Source::from_text(prefix(&text, end));
    let fields = crate::headers::split(&source);
    if let Some((limit, at)) = field_cut(&fields) {
        pause().await;
        // Parse again without the fields over the limit, so every part of the analysis sees the same
        // fields. At most twice the work on at most MAX_INPUT_BYTES, and only for absurd input.
        let mut source = Source::from_text(prefix(&text, at));
        // The originator fields below the cut (From, Subject, Date, … after thousands of Received fields)
        // are analysed all the same.
        let present = present_originators(&fields, at);
        source.append_lines(text.clone(), &originator_lines(&text, at, &present));
        let fields = crate::headers::split(&source);
        let truncation = Some(Truncation::new(limit, &text, at, rest));
        return Read { source, fields, truncation, encoding, windows_1252_at };
    }
    let cut = end < text.len() || rest > 0;
    let truncation = (cut && section_reaches_end(&text[..end], &fields))
        .then(|| Truncation::new(Limit::InputBytes, &text, end, rest));
    if truncation.is_some() {
        pause().await;
        let mut source = source;
        let present = present_originators(&fields, end);
        source.append_lines(text.clone(), &originator_lines(&text, end, &present));
        let fields = crate::headers::split(&source);
        return Read { source, fields, truncation, encoding, windows_1252_at };
    }
    Read { source, fields, truncation, encoding, windows_1252_at }
}

/// The originator and identification fields RFC 5322 §3.6 puts in every message, kept whatever comes before.
const ORIGINATOR_FIELDS: &[&str] =
    &["from", "sender", "reply-to", "to", "cc", "subject", "date", "message-id", "return-path"];

/// At most this many lines are taken below a cut (a field and its folds).
const ORIGINATOR_LINES: usize = 64;

/// A line below a cut longer than this is not taken (nor its folds).
const ORIGINATOR_LINE_MAX: usize = 64 * 1024;

/// Bytes scanned below a cut for the originator fields: enough for tens of thousands of Received fields, and
/// a bound on the work for a pasted mailbox.
const ORIGINATOR_SCAN: usize = 32 * 1024 * 1024;

/// The [`ORIGINATOR_FIELDS`] already among the fields above offset `at`.
fn present_originators(fields: &[HeaderField], at: usize) -> Vec<&'static str> {
    ORIGINATOR_FIELDS
        .iter()
        .copied()
        .filter(|o| fields.iter().any(|f| f.span.start() < at && f.name.trim().eq_ignore_ascii_case(o)))
        .collect()
}

/// The lines (start, end; line break excluded) of the first of each [`ORIGINATOR_FIELDS`] not `present` above
/// the cut, in the header section after offset `at` of `text`, folds included, in input order. Scans to the end
/// of the header section (the first empty line), to a field already seen (the next message of a paste), or
/// [`ORIGINATOR_SCAN`] bytes.
fn originator_lines(text: &str, at: usize, present: &[&'static str]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut seen: Vec<&str> = present.to_vec();
    let mut taking = false;
    let mut pos = at;
    let rest = text.get(at..).unwrap_or("");
    for line in rest.split('\n') {
        let start = pos;
        pos += line.len() + 1;
        let body = line.trim_end_matches('\r');
        if body.is_empty() || start - at > ORIGINATOR_SCAN {
            break;
        }
        if body.len() > ORIGINATOR_LINE_MAX {
            // A line the byte limit was meant to keep out (a field of megabytes) stays out.
            taking = false;
            continue;
        }
        if body.starts_with([' ', '\t']) {
            if taking && out.len() < ORIGINATOR_LINES {
                out.push((start, start + body.len()));
            }
            continue;
        }
        taking = false;
        let Some((name, _)) = body.split_once(':') else { continue };
        let name = name.trim_end();
        let Some(f) = ORIGINATOR_FIELDS.iter().find(|f| name.eq_ignore_ascii_case(f)) else { continue };
        if seen.contains(f) {
            // RFC 5322 §3.6 allows one of each (Return-Path aside): a second one is the next message of a paste.
            if *f != "return-path" {
                break;
            }
            continue;
        }
        if out.len() < ORIGINATOR_LINES {
            seen.push(f);
            taking = true;
            out.push((start, start + body.len()));
        }
    }
    out
}

/// The first `end` bytes of the decoded input (all of it when `end` is not a character boundary), borrowed
/// from the input when the input was valid UTF-8.
fn prefix<'a>(text: &std::borrow::Cow<'a, str>, end: usize) -> std::borrow::Cow<'a, str> {
    match text {
        std::borrow::Cow::Borrowed(t) => std::borrow::Cow::Borrowed(t.get(..end).unwrap_or(t)),
        std::borrow::Cow::Owned(t) => std::borrow::Cow::Owned(t.get(..end).unwrap_or(t).to_string()),
    }
}

/// Completes the facts about the input with what [`read`] did: the size and encoding of the whole
/// input (the source only saw the decoded prefix) and the truncation note. When the header section
/// that was analysed holds characters read as Windows-1252 (bytes that were not UTF-8), a note lists
/// them, since that guess of character set may be wrong for the names and subjects there.
pub(crate) fn complete_info(info: &mut InputInfo, input: &[u8], read: &Read) {
    info.bytes = input.len();
    info.lossy_utf8 = read.encoding == Encoding::Utf8WithWindows1252;
    match read.encoding {
        Encoding::Utf16Le | Encoding::Utf16Be => info.normalizations.push(msg!("limits.utf16").into()),
        Encoding::Utf8WithWindows1252 => {
            let original = &read.source.original;
            let mut chars: Vec<char> = Vec::new();
            let mut n = 0usize;
            for &at in read.windows_1252_at.iter().filter(|&&at| read.source.in_clean(at)) {
                n += 1;
                if let Some(c) = original.get(at..).and_then(|t| t.chars().next())
                    && !chars.contains(&c)
                    && chars.len() < 12
                {
                    chars.push(c);
                }
            }
            if n > 0 {
                let chars = chars.iter().map(char::to_string).collect::<Vec<_>>().join(" ");
                info.normalizations.push(msg!("limits.windows-1252", n, chars).into());
            }
        }
        Encoding::Utf8 => {}
    }
    if let Some(t) = &read.truncation {
        info.normalizations.push(t.note().into());
    }
}

/// How much of `text` to analyse: all of it when it fits in [`MAX_INPUT_BYTES`], otherwise up to the
/// end of the last line that fits (or, for one enormous line, the last character that fits).
pub(crate) fn input_prefix_len(text: &str) -> usize {
    if text.len() <= MAX_INPUT_BYTES {
        return text.len();
    }
    let mut end = MAX_INPUT_BYTES;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    match text[..end].rfind('\n').or_else(|| text[..end].rfind('\r')) {
        Some(i) if i > 0 => i + 1,
        _ => end,
    }
}

/// True when the header section runs to the end of the analysed `prefix`, i.e. text after it (in
/// the rest of the input) could still be header fields: nothing but white space follows the last
/// field, or no field was found at all.
pub(crate) fn section_reaches_end(prefix: &str, fields: &[HeaderField]) -> bool {
    match fields.last() {
        None => true,
        Some(last) => prefix.get(last.span.end()..).is_none_or(|rest| rest.trim().is_empty()),
    }
}

/// Where to stop when there are too many fields or hops: the limit and the offset of the first
/// field over it.
pub(crate) fn field_cut(fields: &[HeaderField]) -> Option<(Limit, usize)> {
    let mut hops = 0;
    for (i, field) in fields.iter().enumerate() {
        if i == MAX_FIELDS {
            return Some((Limit::Fields, field.span.start()));
        }
        if field.name.eq_ignore_ascii_case("Received") {
            hops += 1;
            if hops > MAX_HOPS {
                return Some((Limit::Hops, field.span.start()));
            }
        }
    }
    None
}

impl Truncation {
    /// Describes a cut of `text` at offset `at` (a char boundary); `undecoded` input bytes follow `text`.
    pub(crate) fn new(limit: Limit, text: &str, at: usize, undecoded: usize) -> Truncation {
        let rest = text.get(at..).unwrap_or("");
        let skipped = rest.len() - rest.trim_start().len();
        let line = rest[skipped..].split(['\n', '\r']).next().unwrap_or("");
        let line_end = line.char_indices().nth(EXCERPT_CHARS).map_or(line.len(), |(i, _)| i);
        let start = at + skipped;
        Truncation {
            limit,
            at,
            total: text.len() + undecoded,
            next_line: line[..line_end].to_string(),
            next_line_span: Span::new(start, start + line_end),
        }
    }

    /// The note for `input.normalizations`.
    pub(crate) fn note(&self) -> Msg {
        let what = match self.limit {
            Limit::InputBytes => msg!("limits.cut-bytes", at = self.at, max = MAX_INPUT_BYTES),
            Limit::Fields => msg!("limits.cut-fields", max = MAX_FIELDS),
            Limit::Hops => msg!("limits.cut-hops", max = MAX_HOPS),
        };
        let line = format!("{:?}", self.next_line);
        msg!("limits.cut", what, rest = self.total - self.at, total = self.total, line)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bytes_that_are_not_utf8_in_the_header_section_are_read_as_windows_1252_and_noted() {
        // Windows-1252 bytes in the From name and the Subject: four characters (é, é, ÿ, þ).
        let header = b"From: Ren\xe9 Martin <rene@example.com>\nTo: ops@example.net\nSubject: Facture \xe9chue \xff\xfe\nDate: Mon, 6 Jan 2025 10:14:00 +0100\n";
        let report = crate::analyze(header);
        assert!(report.input.lossy_utf8);
        assert_eq!(report.summary.subject.as_deref(), Some("Facture échue ÿþ"));
        assert!(
            report.summary.from.iter().any(|a| a.name.as_deref() == Some("René Martin")),
            "{:?}",
            report.summary.from
        );
        let notes: Vec<&crate::catalog::Text> =
            report.input.normalizations.iter().filter(|n| n.contains("Windows-1252")).collect();
        assert_eq!(notes.len(), 1, "{:?}", report.input.normalizations);
        assert!(notes[0].starts_with("4 characters in the header section are not UTF-8"), "{}", notes[0]);
        assert!(notes[0].contains("é ÿ þ"), "{}", notes[0]);
        // The same bytes only in the body: the analysed header section is as written, so no note.
        let mut message =
            b"From: Rene Martin <rene@example.com>\nSubject: Facture\n\nMontant d\xfb: 12 \x80\n".to_vec();
        let report = crate::analyze(&message);
        assert!(report.input.lossy_utf8);
        assert!(
            !report.input.normalizations.iter().any(|n| n.contains("Windows-1252")),
            "{:?}",
            report.input.normalizations
        );
        // Valid UTF-8: no note.
        message = "From: René <rene@example.com>\nSubject: échue\n".as_bytes().to_vec();
        assert!(crate::analyze(&message).input.normalizations.is_empty());
    }

    #[test]
    fn utf16_as_windows_powershell_writes_it_is_read() {
        let text = "Received: from mail.example.com (mail.example.com [192.0.2.10]) by mx.example.net; Mon, 6 Jan 2025 10:15:00 +0100\r\nFrom: Alice <alice@example.com>\r\nSubject: Réunion\r\n";
        let bytes: Vec<u8> =
            [0xFF, 0xFE].into_iter().chain(text.encode_utf16().flat_map(u16::to_le_bytes)).collect();
        let report = crate::analyze(&bytes);
        assert!(report.input.looks_like_headers);
        assert_eq!(report.summary.subject.as_deref(), Some("Réunion"));
        assert_eq!(report.hops.len(), 1);
        assert!(!report.input.lossy_utf8);
        assert!(
            report.input.normalizations.iter().any(|n| n.contains("UTF-16")),
            "{:?}",
            report.input.normalizations
        );
    }

    #[test]
    fn short_input_is_read_whole() {
        assert_eq!(input_prefix_len("Subject: hi\n"), 12);
    }

    #[test]
    fn long_input_is_cut_after_the_last_whole_line() {
        let mut text = "A: 1\n".repeat(MAX_INPUT_BYTES / 5);
        text.push_str("B: 2\n");
        let end = input_prefix_len(&text);
        assert_eq!(end, MAX_INPUT_BYTES / 5 * 5);
        assert!(text[..end].ends_with('\n'));
    }

    #[test]
    fn one_huge_line_is_cut_on_a_char_boundary() {
        let text = "\u{20ac}".repeat(MAX_INPUT_BYTES);
        let end = input_prefix_len(&text);
        assert!(end <= MAX_INPUT_BYTES && end > MAX_INPUT_BYTES - 3);
        assert!(text.is_char_boundary(end));
    }

    #[test]
    fn undecodable_input_is_decoded_up_to_a_character_start() {
        let mut bytes = vec![b'a'; MAX_INPUT_BYTES - 1];
        bytes.extend_from_slice("\u{20ac}".as_bytes()); // starts 1 byte before the limit
        bytes.push(0xff);
        let (decoded, rest) = crate::charset::decode_within(&bytes, MAX_INPUT_BYTES);
        assert_eq!(decoded.text.len(), MAX_INPUT_BYTES - 1, "moved back to the start of the euro sign");
        assert_eq!(rest, 4);
    }
}
