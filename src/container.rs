//! The container walk: from the bytes a person gave to the messages inside them.
//!
//! One input may hold many messages: an mbox (each message after a `From ` line), several header blocks
//! pasted one after another, a message with `message/rfc822` attachments (a reported phish inside the
//! employee's forward), bounces and DMARC failure reports with `text/rfc822-headers` parts, an Outlook
//! `.msg`. [`walk`] finds them and analyses each with [`analyze`](crate::analyze), so the limits of
//! [`limits`](crate::limits) apply per message. Every report says where its message came from
//! (`input.format`, `input.container`); its spans point into that message's own text
//! ([`Analysed::text`]).
//!
//! The CLI streams a mailbox with [`mbox::Reader`] and [`expand`] instead of [`walk`], so memory stays
//! bounded by one message.

pub mod mbox;

use std::borrow::Cow;

use mail_parser::MimeHeaders;

use crate::model::InputFormat;
use crate::report::Report;

/// Messages [`walk`] analyses at most (the site's list; the CLI streams without a cap): 500.
pub const MAX_MESSAGES: usize = 500;
/// Levels of attached messages followed (a message attached to an attached message is level 2): 3.
pub const MAX_DEPTH: usize = 3;

/// Field names that start a message's header section (trace and delivery fields written on top by
/// receivers): a header block after a blank line that starts with one of them is another message.
const MESSAGE_START_FIELDS: &[&str] = &[
    "received",
    "return-path",
    "delivered-to",
    "x-received",
    "arc-seal",
    "authentication-results",
    "received-spf",
    "dkim-signature",
    "x-original-to",
];

/// One message found in the input, before analysis.
#[derive(Debug, Clone)]
pub struct Message<'a> {
    /// The message's own bytes (for an mbox message: without its `From ` line, `>From` unquoted).
    pub bytes: Cow<'a, [u8]>,
    pub format: InputFormat,
    /// Where it came from, e.g. "mbox message 2 of 3"; `None` for the only message of the input.
    pub container: Option<String>,
}

/// One analysed message: its report and the text its spans point into.
#[derive(Debug, Clone)]
pub struct Analysed {
    /// The message's text as analysed (lossy UTF-8), cut after the last span the report points at
    /// (the body of a large message is not kept).
    pub text: String,
    pub report: Report,
}

/// The messages of one input.
#[derive(Debug, Clone, Default)]
pub struct Walk {
    pub format: InputFormat,
    pub messages: Vec<Analysed>,
    /// Set when the walk stopped before the end: why, in words.
    pub stopped: Option<String>,
}

/// What kind of input this is, from its first bytes: `.msg` by its Compound File signature, mbox by a
/// first line `From ` (not a `From:` field); otherwise headers (an `.eml` is told apart per message).
pub fn detect(input: &[u8]) -> InputFormat {
    if crate::msg::is_compound_file(input) {
        return InputFormat::Msg;
    }
    let start = input.iter().position(|b| !b.is_ascii_whitespace()).unwrap_or(input.len());
    if mbox::is_from_line(&input[start..]) {
        return InputFormat::Mbox;
    }
    InputFormat::Headers
}

/// Analyses every message of `input`, at most `max` of them (outer messages before their attachments,
/// in input order).
pub fn walk(input: &[u8], max: usize) -> Walk {
    let found = find(input, max);
    let analysed = found.messages.iter().map(analyze_message).collect();
    found.into_walk(analysed)
}

/// The messages of one input, found and not yet analysed: [`walk`] in two steps, for a caller that must
/// not be busy for long at a time (the site analyses a big input a few messages per turn of the page's
/// event loop). Analyse [`Found::messages`] in order with [`analyze_message`], then [`Found::into_walk`].
#[derive(Debug, Clone, Default)]
pub struct Found<'a> {
    pub format: InputFormat,
    pub messages: Vec<Message<'a>>,
    /// The messages of a `.msg` file, already analysed (the Compound File is read once).
    pub analysed: Vec<Analysed>,
    /// Set when the walk stopped before the end: why, in words.
    pub stopped: Option<String>,
}

impl Found<'_> {
    /// The walk, given the reports of [`Found::messages`] in their order.
    pub fn into_walk(self, mut analysed: Vec<Analysed>) -> Walk {
        let mut messages = self.analysed;
        messages.append(&mut analysed);
        let mut out = Walk { format: self.format, messages, stopped: self.stopped };
        if !matches!(out.format, InputFormat::Mbox | InputFormat::Msg) && out.messages.len() == 1 {
            out.format = out.messages[0].report.input.format;
        }
        out
    }
}

/// The messages of `input` (see [`walk`]), at most `max`, before analysis.
pub fn find(input: &[u8], max: usize) -> Found<'_> {
    let format = detect(input);
    let mut out = Found { format, ..Found::default() };
    match format {
        InputFormat::Msg => {
            out.analysed = crate::msg::messages(input);
            if out.analysed.len() > max {
                out.analysed.truncate(max);
                out.stopped = Some(stopped_note(max));
            }
            return out;
        }
        InputFormat::Mbox => {
            let reader = mbox::Reader::new(input);
            let mut tops = Vec::new();
            for m in reader {
                // Reading from memory cannot fail.
                let Ok(m) = m else { break };
                if tops.len() >= max {
                    out.stopped = Some(stopped_note(max));
                    break;
                }
                tops.push(m);
            }
            let total = if out.stopped.is_some() { None } else { Some(tops.len()) };
            for (i, m) in tops.into_iter().enumerate() {
                let label = mbox_label(i + 1, total);
                expand(Cow::Owned(m.bytes), InputFormat::Mbox, Some(label), &mut out.messages, max);
            }
        }
        InputFormat::Headers | InputFormat::Eml => {
            let blocks = header_blocks(input);
            let n = blocks.len();
            for (i, range) in blocks.into_iter().enumerate() {
                let label = (n > 1).then(|| format!("header block {} of {n}", i + 1));
                expand(Cow::Borrowed(&input[range]), InputFormat::Headers, label, &mut out.messages, max);
            }
        }
    }
    if out.messages.len() > max {
        out.messages.truncate(max);
        out.stopped.get_or_insert_with(|| stopped_note(max));
    }
    out
}

/// The reports of [`walk`] alone.
pub struct Reports {
    pub reports: Vec<Report>,
    pub stopped: Option<String>,
}

/// Analyses every message of `input` (see [`walk`]) and keeps the reports.
pub fn analyze_all(input: &[u8], max: usize) -> Reports {
    let w = walk(input, max);
    Reports { reports: w.messages.into_iter().map(|a| a.report).collect(), stopped: w.stopped }
}

fn stopped_note(max: usize) -> String {
    format!("stopped after {max} messages; the rest of the input was not analysed")
}

/// "mbox message 2 of 3" (or "mbox message 2" when the total is not known while streaming).
pub fn mbox_label(n: usize, total: Option<usize>) -> String {
    match total {
        Some(t) => format!("mbox message {n} of {t}"),
        None => format!("mbox message {n}"),
    }
}

/// Analyses one message and stamps where it came from.
pub fn analyze_message(m: &Message) -> Analysed {
    let mut report = crate::analyze(&m.bytes);
    // A message read as headers keeps what analyze saw (headers, or eml when a body follows).
    if m.format != InputFormat::Headers {
        report.input.format = m.format;
    }
    report.input.container = m.container.clone();
    let text = kept_text(&m.bytes, &report);
    Analysed { text, report }
}

/// The message text up to the end of the last span the report points at.
fn kept_text(bytes: &[u8], report: &Report) -> String {
    let mut end = report.headers.iter().map(|h| h.span.end()).max().unwrap_or(0);
    for f in &report.findings {
        for e in &f.evidence {
            end = end.max(e.span.end());
        }
    }
    if let Some(s) = &report.input.receiver_summary {
        end = end.max(s.span.end());
    }
    // Spans point into the lossy decoding of the (at most MAX_INPUT_BYTES) analysed prefix.
    let window = &bytes[..bytes.len().min(crate::limits::MAX_INPUT_BYTES + 4)];
    let text = String::from_utf8_lossy(window);
    let mut end = end.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    // Keep the line break after the last field.
    let rest = &text[end..];
    let nl = rest.len() - rest.trim_start_matches(['\r', '\n']).len();
    text[..end + nl.min(2)].to_string()
}

/// The message itself, then the messages attached to it (recursively, up to [`MAX_DEPTH`]), appended to
/// `out` until it holds more than `max`.
pub fn expand<'a>(
    bytes: Cow<'a, [u8]>,
    format: InputFormat,
    container: Option<String>,
    out: &mut Vec<Message<'a>>,
    max: usize,
) {
    let mut stack = vec![(bytes, container, 0usize)];
    // Depth-first, in document order: children are pushed in reverse.
    while let Some((bytes, container, depth)) = stack.pop() {
        if out.len() > max {
            return;
        }
        let children = if depth < MAX_DEPTH { attached(&bytes) } else { Vec::new() };
        let parent = container.clone().unwrap_or_else(|| "the message".to_string());
        out.push(Message { bytes, format, container });
        let mut numbered = Vec::with_capacity(children.len());
        let (mut n_msg, mut n_hdr) = (0, 0);
        for child in children {
            let label = match child.kind {
                Kind::Message(ctype) => {
                    n_msg += 1;
                    format!("attached message {n_msg} ({ctype}) in {parent}")
                }
                Kind::Headers => {
                    n_hdr += 1;
                    format!("returned headers {n_hdr} (text/rfc822-headers) in {parent}")
                }
            };
            numbered.push((Cow::Owned(child.bytes), Some(label), depth + 1));
        }
        stack.extend(numbered.into_iter().rev());
    }
}

enum Kind {
    /// `message/rfc822` or `message/global`, with the content type as written in lower case.
    Message(String),
    /// `text/rfc822-headers` (RFC 6522 bounces, RFC 6591 failure reports).
    Headers,
}

struct Child {
    kind: Kind,
    bytes: Vec<u8>,
}

/// The attached messages and returned header sections directly inside this message (not deeper).
fn attached(bytes: &[u8]) -> Vec<Child> {
    // Parsing the whole MIME tree costs (it decodes every part, a large base64 attachment included);
    // only a message whose own Content-Type is multipart/* or message/* can hold parts, and only one that
    // names an attached type needs the parse.
    if !may_hold_parts(bytes) || !names_attached_type(bytes) {
        return Vec::new();
    }
    let Some(message) = mail_parser::MessageParser::default().parse(bytes) else { return Vec::new() };
    let mut out = Vec::new();
    for part in message.parts.iter().skip(1) {
        let ctype = part
            .content_type()
            .map(|c| format!("{}/{}", c.ctype(), c.subtype().unwrap_or("")).to_ascii_lowercase())
            .unwrap_or_default();
        match &part.body {
            // message/delivery-status and other message/* types are not messages.
            mail_parser::PartType::Message(m) if ctype == "message/rfc822" || ctype == "message/global" => {
                out.push(Child { kind: Kind::Message(ctype), bytes: m.raw_message().to_vec() });
            }
            mail_parser::PartType::Text(t) if ctype == "text/rfc822-headers" => {
                out.push(Child { kind: Kind::Headers, bytes: t.as_bytes().to_vec() });
            }
            mail_parser::PartType::Binary(b) | mail_parser::PartType::InlineBinary(b)
                if ctype == "text/rfc822-headers" || ctype == "message/rfc822-headers" =>
            {
                out.push(Child { kind: Kind::Headers, bytes: b.to_vec() });
            }
            _ => {}
        }
    }
    out
}

/// False when the message's own header section says it is a single part that holds no other (no
/// Content-Type, which means text/plain, or one that names neither `multipart` nor `message`): then the
/// walk stops at the end of the header section. Errs towards true (the MIME parse decides).
fn may_hold_parts(bytes: &[u8]) -> bool {
    let (mut in_content_type, mut seen) = (false, false);
    for (start, end) in lines(bytes) {
        let line = &bytes[start..end];
        if line.iter().all(|b| b.is_ascii_whitespace()) {
            if seen && line.is_empty() {
                // The end of the header section.
                return false;
            }
            continue;
        }
        seen = true;
        let folded = line[0] == b' ' || line[0] == b'\t';
        if !folded {
            in_content_type = field_name(line).is_some_and(|n| n.eq_ignore_ascii_case(b"content-type"))
                || line.get(..12).is_some_and(|p| p.eq_ignore_ascii_case(b"content-type"));
        }
        if in_content_type && (contains_ci(line, b"multipart") || contains_ci(line, b"message")) {
            return true;
        }
    }
    false
}

/// True when the text names `…rfc822…` or `…global…` anywhere (message/rfc822, message/global,
/// text/rfc822-headers), in one pass.
fn names_attached_type(hay: &[u8]) -> bool {
    hay.iter().enumerate().any(|(i, &b)| match b | 0x20 {
        b'r' => hay[i..].get(..6).is_some_and(|w| w.eq_ignore_ascii_case(b"rfc822")),
        b'g' => hay[i..].get(..6).is_some_and(|w| w.eq_ignore_ascii_case(b"global")),
        _ => false,
    })
}

/// Case-insensitive search for an ASCII needle.
fn contains_ci(hay: &[u8], needle: &[u8]) -> bool {
    !needle.is_empty() && hay.windows(needle.len()).any(|w| w.eq_ignore_ascii_case(needle))
}

/// Splits text holding several header blocks pasted one after another (each block's first field a
/// trace field such as `Received:` right after the blank line that ends the block before) into one range
/// per block. One range for an ordinary header block or message: once a header section is followed by
/// anything else (a body), the rest is that message's. Outlook's copy (a blank line after every line) needs two
/// blank lines between blocks.
pub fn header_blocks(input: &[u8]) -> Vec<std::ops::Range<usize>> {
    // The layout is told from the first lines; the walk below stops at the first body.
    let first: Vec<_> = lines(input).take(82).collect();
    let blank_after_each = outlook_layout(input, &first);
    let need_blank = if blank_after_each { 2 } else { 1 };
    let mut starts = vec![0usize];
    let mut blank_run = 0usize;
    let mut seen_field = false;
    for (start, end) in lines(input) {
        let line = &input[start..end];
        if line.iter().all(|b| b.is_ascii_whitespace()) {
            blank_run += 1;
            continue;
        }
        if seen_field && blank_run >= need_blank {
            // The first line after a header section: another header block, or the body of a message (a
            // MIME body with its parts, text): then the rest belongs to that message.
            if !starts_message(line) {
                break;
            }
            starts.push(start);
        }
        if !seen_field && field_name(line).is_some() {
            seen_field = true;
        }
        blank_run = 0;
    }
    let mut ranges: Vec<_> = starts.windows(2).map(|w| w[0]..w[1]).collect();
    ranges.push(*starts.last().unwrap_or(&0)..input.len());
    ranges
}

fn starts_message(line: &[u8]) -> bool {
    field_name(line)
        .is_some_and(|name| MESSAGE_START_FIELDS.iter().any(|f| name.eq_ignore_ascii_case(f.as_bytes())))
}

/// The name of a `Name: value` line.
fn field_name(line: &[u8]) -> Option<&[u8]> {
    let colon = line.iter().position(|&b| b == b':')?;
    let name = &line[..colon];
    (!name.is_empty() && name.iter().all(|b| (33..=126).contains(b))).then_some(name)
}

/// `(start, end)` of every line, line breaks excluded (`\n`, `\r\n` or a lone `\r`), lazily.
fn lines(input: &[u8]) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut start = 0;
    std::iter::from_fn(move || {
        if start >= input.len() {
            return None;
        }
        let rest = &input[start..];
        let Some(i) = rest.iter().position(|&b| b == b'\n' || b == b'\r') else {
            let line = (start, input.len());
            start = input.len();
            return Some(line);
        };
        let line = (start, start + i);
        let crlf = rest[i] == b'\r' && rest.get(i + 1) == Some(&b'\n');
        start += i + 1 + usize::from(crlf);
        Some(line)
    })
}

/// Outlook's copy: most of the first 40 non-blank lines are followed by exactly one blank line.
fn outlook_layout(input: &[u8], lines: &[(usize, usize)]) -> bool {
    let blank = |&(s, e): &(usize, usize)| input[s..e].iter().all(|b| b.is_ascii_whitespace());
    let mut content = 0;
    let mut followed = 0;
    for (k, l) in lines.iter().enumerate().take(80) {
        if blank(l) {
            continue;
        }
        content += 1;
        if lines.get(k + 1).is_some_and(blank) && !lines.get(k + 2).is_some_and(blank) {
            followed += 1;
        }
        if content >= 40 {
            break;
        }
    }
    content >= 3 && followed * 4 >= content * 3
}

#[cfg(test)]
mod tests;
