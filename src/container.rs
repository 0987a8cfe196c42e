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

use crate::catalog::{Text, msg};
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
    pub container: Option<Text>,
    /// Notes for its report (`input.normalizations`) from the walk, e.g. a MIME structure cut short.
    pub notes: Vec<Text>,
}

impl Message<'_> {
    /// The same message owning its bytes (for a caller that keeps it after the input is gone).
    pub fn into_owned(self) -> Message<'static> {
        Message {
            bytes: Cow::Owned(self.bytes.into_owned()),
            format: self.format,
            container: self.container,
            notes: self.notes,
        }
    }
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
    pub stopped: Option<Text>,
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
/// event loop). Analyse [`Pending::messages`] in order with [`analyze_message`], then [`Pending::into_walk`].
#[derive(Debug, Clone, Default)]
pub struct Pending<'a> {
    pub format: InputFormat,
    pub messages: Vec<Message<'a>>,
    /// The messages of a `.msg` file, already analysed (the Compound File is read once).
    pub analysed: Vec<Analysed>,
    /// Set when the walk stopped before the end: why, in words.
    pub stopped: Option<Text>,
}

impl Pending<'_> {
    /// The walk, given the reports of [`Pending::messages`] in their order.
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
pub fn find(input: &[u8], max: usize) -> Pending<'_> {
    let format = detect(input);
    let mut out = Pending { format, ..Pending::default() };
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
            // Input that is not text is one message, whose report says what it looks like (see `analyze`).
            let blocks = if crate::input::not_text(input).is_some() {
                std::iter::once(0..input.len()).collect()
            } else {
                header_blocks(input)
            };
            let n = blocks.len();
            for (i, range) in blocks.into_iter().enumerate() {
                if out.messages.len() > max {
                    break; // `expand` would add nothing more: the walk stops at `max` (below)
                }
                let label = (n > 1).then(|| msg!("container.header-block", i = i + 1, n).into());
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
    pub stopped: Option<Text>,
}

/// Analyses every message of `input` (see [`walk`]) and keeps the reports.
pub fn analyze_all(input: &[u8], max: usize) -> Reports {
    let w = walk(input, max);
    Reports { reports: w.messages.into_iter().map(|a| a.report).collect(), stopped: w.stopped }
}

/// Why a walk stopped: "stopped after {max} messages; the rest of the input was not analysed".
pub fn stopped_note(max: usize) -> Text {
    msg!("container.stopped", max).into()
}

/// "mbox message 2 of 3" (or "mbox message 2" when the total is not known while streaming).
pub fn mbox_label(n: usize, total: Option<usize>) -> Text {
    match total {
        Some(total) => msg!("container.mbox-message-of", n, total).into(),
        None => msg!("container.mbox-message", n).into(),
    }
}

/// Analyses one message and stamps where it came from.
pub fn analyze_message(m: &Message) -> Analysed {
    finish_message(m, crate::analyze(&m.bytes))
}

/// [`analyze_message`] through [`crate::analyze_staged`]: awaits `pause(stage)` as each stage ends.
#[doc(hidden)]
pub async fn analyze_message_staged<F: std::future::Future<Output = ()>>(
    m: &Message<'_>,
    pause: impl FnMut(&'static str) -> F,
) -> Analysed {
    finish_message(m, crate::analyze_staged(&m.bytes, pause).await)
}

/// The message's analysis with what the container knows about it (format, place, notes) and its text.
fn finish_message(m: &Message, mut report: Report) -> Analysed {
    // A message read as headers keeps what analyze saw (headers, or eml when a body follows).
    if m.format != InputFormat::Headers {
        report.input.format = m.format;
    }
    report.input.container = m.container.clone();
    report.input.normalizations.extend(m.notes.iter().cloned());
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
    // Spans point into the text the analysis read (see `charset`), of the analysed prefix.
    let text = crate::charset::decode_within(bytes, crate::limits::MAX_INPUT_BYTES).0.text;
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
    container: Option<Text>,
    out: &mut Vec<Message<'a>>,
    max: usize,
) {
    let mut stack = vec![(bytes, container, 0usize, Vec::new())];
    // Depth-first, in document order: children are pushed in reverse.
    while let Some((bytes, container, depth, mut notes)) = stack.pop() {
        if out.len() > max {
            return;
        }
        let found = if depth < MAX_DEPTH { attached(&bytes) } else { Found::default() };
        notes.extend(found.notes);
        let parent: Text = container.clone().unwrap_or_else(|| msg!("container.the-message").into());
        out.push(Message { bytes, format, container, notes });
        let mut numbered = Vec::with_capacity(found.children.len());
        let (mut n_msg, mut n_hdr) = (0, 0);
        for child in found.children {
            let label = match child.kind {
                Kind::Message(ctype) => {
                    n_msg += 1;
                    msg!("container.attached", n = n_msg, ctype, parent).into()
                }
                Kind::Headers => {
                    n_hdr += 1;
                    msg!("container.returned-headers", n = n_hdr, parent).into()
                }
            };
            numbered.push((Cow::Owned(child.bytes), Some(label), depth + 1, child.notes));
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
    /// Why this child may be incomplete (the MIME part holding it was cut short).
    notes: Vec<Text>,
}

/// What the MIME walk found directly inside one message: its attached messages and returned header
/// sections (not deeper), and notes on a damaged MIME structure for the message itself.
#[derive(Default)]
struct Found {
    children: Vec<Child>,
    notes: Vec<Text>,
}

/// MIME levels followed inside one message (multiparts and the messages inside them together).
const MAX_MIME_NESTING: usize = 16;
/// Parts looked at inside one message, all levels together.
const MAX_PARTS: usize = 10_000;

/// The attached messages and returned header sections directly inside this message (not deeper), found
/// by walking its MIME structure (RFC 2046 §5.1): each part's header section is read, and only the body
/// of a `message/rfc822`, `message/global` or `text/rfc822-headers` part is kept (decoded when it was sent
/// base64 or quoted-printable); no other part is decoded or copied, so a large attachment costs one pass
/// over its lines. An attached message is read as a message (its own parts included) to find where it
/// ends, so it may reuse the boundary of the multipart around it. The message's own analysis reads its own
/// header section only ([`analyze`](crate::analyze)).
fn attached(bytes: &[u8]) -> Found {
    let mut mime = Mime { bytes, budget: MAX_PARTS, found: Found::default(), bounds: Vec::new() };
    // Only a message whose own Content-Type is multipart/* or message/* can hold parts.
    if may_hold_parts(bytes) {
        mime.entity(0, "text/plain", 0, true);
    }
    mime.found
}

/// The header section of a MIME entity: its content type (lower case, `type/subtype`), boundary,
/// transfer encoding, and where its body starts.
struct Head {
    ctype: String,
    boundary: Option<String>,
    encoding: Option<String>,
    body: usize,
}

/// One pass over a message's MIME structure.
struct Mime<'b> {
    bytes: &'b [u8],
    budget: usize,
    found: Found,
    /// The boundaries of the multiparts around the current entity, innermost last.
    bounds: Vec<Vec<u8>>,
}

/// A delimiter line: its start, which boundary (index into `bounds`) and whether it closes.
#[derive(Clone, Copy)]
struct Delimiter {
    start: usize,
    end: usize,
    bound: usize,
    close: bool,
}

impl Mime<'_> {
    /// Reads the entity at `start` (a header section and a body) and returns where it ends: the start of
    /// the next delimiter line of an enclosing multipart, or the end of the input. Attached messages and
    /// returned headers are collected when `collect` (the message's own parts, not those of the messages
    /// inside it).
    fn entity(&mut self, start: usize, default: &str, nesting: usize, collect: bool) -> usize {
        let head = self.head(start, default);
        let ctype = head.ctype.as_str();
        let encoded = matches!(head.encoding.as_deref(), Some("base64" | "quoted-printable"));
        if nesting >= MAX_MIME_NESTING {
            if collect {
                self.found.notes.push(msg!("container.mime-nested", max = MAX_MIME_NESTING).into());
            }
            return self.next_delimiter(head.body).map_or(self.bytes.len(), |d| d.start);
        }
        match ctype {
            "message/rfc822" | "message/global" if !encoded => {
                // Inside no multipart the attached message runs to the end; inside one it is read as a
                // message to find where it ends.
                let end = if self.bounds.is_empty() {
                    self.bytes.len()
                } else {
                    self.entity(head.body, "text/plain", nesting + 1, false)
                };
                if collect {
                    let kind = Kind::Message(head.ctype.clone());
                    self.push(kind, head.body, end, None);
                }
                end
            }
            t if t.starts_with("multipart/") => self.multipart(&head, nesting, collect),
            _ => {
                let end = self.next_delimiter(head.body).map_or(self.bytes.len(), |d| d.start);
                let kind = match ctype {
                    "message/rfc822" | "message/global" => Some(Kind::Message(head.ctype.clone())),
                    "text/rfc822-headers" | "message/rfc822-headers" => Some(Kind::Headers),
                    _ => None,
                };
                if let Some(kind) = kind.filter(|_| collect) {
                    self.push(kind, head.body, end, head.encoding.as_deref());
                }
                end
            }
        }
    }

    /// A multipart entity: its parts, each read as an entity, up to its close delimiter, then its epilogue.
    fn multipart(&mut self, head: &Head, nesting: usize, collect: bool) -> usize {
        let t = head.ctype.as_str();
        let Some(boundary) = head.boundary.as_deref().filter(|b| !b.is_empty()) else {
            if collect {
                self.found.notes.push(msg!("container.mime-no-boundary", t).into());
            }
            return self.next_delimiter(head.body).map_or(self.bytes.len(), |d| d.start);
        };
        self.bounds.push(boundary.as_bytes().to_vec());
        let own = self.bounds.len() - 1;
        let default = if t == "multipart/digest" { "message/rfc822" } else { "text/plain" };
        // The preamble, up to the first delimiter.
        let mut at = self.next_delimiter(head.body);
        let mut parts = 0;
        let mut closed = false;
        while let Some(d) = at.filter(|d| d.bound == own) {
            if d.close {
                closed = true;
                break;
            }
            if self.budget == 0 {
                if collect {
                    self.found.notes.push(msg!("container.mime-parts-stopped", max = MAX_PARTS).into());
                }
                break;
            }
            self.budget -= 1;
            parts += 1;
            let before = self.found.children.len();
            let end = self.entity(after_line(self.bytes, d.end), default, nesting + 1, collect);
            at = self.delimiter_at(end);
            if at.is_none_or(|d| d.bound != own) {
                // The part ran to the end of the input or into an enclosing boundary: cut short.
                for child in &mut self.found.children[before..] {
                    child.notes.push(msg!("container.cut-short").into());
                }
            }
        }
        self.bounds.pop();
        // A header section alone (headers pasted without their body) has no body to be damaged.
        let bodyless = || {
            let end = at.map_or(self.bytes.len(), |d| d.start);
            self.bytes[head.body.min(end)..end].iter().all(u8::is_ascii_whitespace)
        };
        if collect && !closed && parts == 0 && !bodyless() {
            self.found.notes.push(msg!("container.mime-no-part", boundary, t).into());
        } else if collect && !closed && parts > 0 {
            self.found.notes.push(msg!("container.mime-unclosed", boundary, t).into());
        }
        match at {
            // The epilogue runs to the next delimiter of an enclosing multipart.
            Some(d) if closed => {
                self.next_delimiter(after_line(self.bytes, d.end)).map_or(self.bytes.len(), |d| d.start)
            }
            Some(d) => d.start,
            None => self.bytes.len(),
        }
    }

    /// Keeps the body `start..end` (the line break before the delimiter excluded) as a child.
    fn push(&mut self, kind: Kind, start: usize, end: usize, encoding: Option<&str>) {
        let end = before_line_break(self.bytes, start, end);
        let body = &self.bytes[start..end];
        self.found.children.push(Child { kind, bytes: decode(body, encoding), notes: Vec::new() });
    }

    /// Reads the header section at `start` with mail-parser's field parsers (its Content-Type parser also
    /// reads RFC 2231 parameters); `default` is the content type when none is written (RFC 2046 §5.1.5:
    /// `message/rfc822` inside a multipart/digest, else `text/plain`). A damaged header section never runs
    /// past a delimiter.
    fn head(&self, start: usize, default: &str) -> Head {
        use mail_parser::parsers::MessageStream;
        use mail_parser::{HeaderName, HeaderValue};
        // The header section ends at the first empty line, or at a delimiter line (a damaged part); found
        // here so the header parser never reads past it.
        let (mut end, mut body) = (self.bytes.len(), self.bytes.len());
        for (s, e) in lines(&self.bytes[start..]) {
            let (s, e) = (start + s, start + e);
            if s == e {
                (end, body) = (s, after_line(self.bytes, e));
                break;
            }
            if self.delimiter(s, e).is_some() {
                (end, body) = (s, s);
                break;
            }
        }
        // mail-parser's `parse_headers` walk, reading only the two fields used here (the last of each, as
        // its `header_value` does) and skipping every other field to its end: its parsers for dates,
        // addresses, Received and the rest are then not in the site's wasm (about 14 KB raw).
        let mut stream = MessageStream::new(&self.bytes[start..end]);
        let (mut content_type, mut transfer_encoding) = (HeaderValue::Empty, HeaderValue::Empty);
        'fields: loop {
            loop {
                match stream.peek() {
                    Some(b'\n') | None => break 'fields,
                    Some(ch) if !ch.is_ascii_whitespace() => break,
                    _ => {
                        stream.next();
                    }
                }
            }
            match stream.parse_header_name() {
                Some(HeaderName::ContentType) => content_type = stream.parse_content_type(),
                Some(HeaderName::ContentTransferEncoding) => transfer_encoding = stream.parse_unstructured(),
                Some(_) => stream.parse_and_ignore(),
                None if stream.is_eof() => break,
                None => {}
            }
        }
        let ct = content_type.as_content_type();
        let ctype = ct
            .map(|c| format!("{}/{}", c.ctype(), c.subtype().unwrap_or("")).to_ascii_lowercase())
            .unwrap_or_else(|| default.to_string());
        let boundary = ct.and_then(|c| c.attribute("boundary")).map(str::to_string);
        let encoding = transfer_encoding.as_text().map(|t| t.trim().to_ascii_lowercase());
        Head { ctype, boundary, encoding, body }
    }

    /// The first delimiter line of any enclosing multipart at or after `from`.
    fn next_delimiter(&self, from: usize) -> Option<Delimiter> {
        if self.bounds.is_empty() {
            return None;
        }
        lines(&self.bytes[from..]).find_map(|(s, e)| self.delimiter(from + s, from + e))
    }

    /// The delimiter line starting at `at`, if that is one.
    fn delimiter_at(&self, at: usize) -> Option<Delimiter> {
        let end = self.bytes[at..]
            .iter()
            .position(|&b| b == b'\n' || b == b'\r')
            .map_or(self.bytes.len(), |i| at + i);
        self.delimiter(at, end)
    }

    /// Whether the line `start..end` is `--boundary` (then only white space, RFC 2046's transport
    /// padding) or `--boundary--` for an enclosing boundary, the innermost first.
    fn delimiter(&self, start: usize, end: usize) -> Option<Delimiter> {
        let rest = self.bytes[start..end].strip_prefix(b"--")?;
        self.bounds.iter().enumerate().rev().find_map(|(i, b)| {
            let after = rest.strip_prefix(b.as_slice())?;
            let (close, pad) = match after.strip_prefix(b"--") {
                Some(pad) => (true, pad),
                None => (false, after),
            };
            pad.iter().all(u8::is_ascii_whitespace).then_some(Delimiter { start, end, bound: i, close })
        })
    }
}

/// The offset after the line break that follows `end` (a line's end).
fn after_line(bytes: &[u8], end: usize) -> usize {
    match (bytes.get(end), bytes.get(end + 1)) {
        (Some(b'\r'), Some(b'\n')) => end + 2,
        (Some(b'\r' | b'\n'), _) => end + 1,
        _ => end,
    }
}

/// `end` moved back over the one line break before it (it belongs to the delimiter that follows,
/// RFC 2046 §5.1.1), never before `start`.
fn before_line_break(bytes: &[u8], start: usize, end: usize) -> usize {
    let mut e = end;
    if e > start && bytes[e - 1] == b'\n' {
        e -= 1;
    }
    if e > start && bytes[e - 1] == b'\r' {
        e -= 1;
    }
    if end < bytes.len() { e } else { end }
}

/// A body's content transfer encoding undone (RFC 2045 §6); a body that does not decode is kept as
/// written, so nothing is lost.
fn decode(body: &[u8], encoding: Option<&str>) -> Vec<u8> {
    let decoded = match encoding {
        Some("base64") => mail_parser::decoders::base64::base64_decode(body),
        Some("quoted-printable") => mail_parser::decoders::quoted_printable::quoted_printable_decode(body),
        _ => None,
    };
    decoded.unwrap_or_else(|| body.to_vec())
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
            // A block whose own Content-Type is message/rfc822 has this as its body: a message whose
            // content is another message starts with that message's trace fields.
            if !starts_message(line) || holds_a_message(&input[*starts.last().unwrap_or(&0)..start]) {
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

/// True when the header section at the start of `block` says its body is a message (`message/rfc822`,
/// `message/global`).
fn holds_a_message(block: &[u8]) -> bool {
    // The subtype is `rfc822` or `global` as written (a token: never encoded nor cut by a comment), so a block
    // without either word cannot hold a message: the header parse below is skipped for most blocks, which in
    // a paste of thousands of header blocks was most of the time spent finding them.
    // One pass, a byte compared at each place (`| 0x20` turns only `R` and `G` into `r` and `g`).
    let at =
        |i: usize, word: &[u8]| block.get(i..i + word.len()).is_some_and(|w| w.eq_ignore_ascii_case(word));
    let named = (0..block.len()).any(|i| match block[i] | 0x20 {
        b'r' => at(i, b"rfc822"),
        b'g' => at(i, b"global"),
        _ => false,
    });
    if !named {
        return false;
    }
    let mime = Mime { bytes: block, budget: 0, found: Found::default(), bounds: Vec::new() };
    matches!(mime.head(0, "text/plain").ctype.as_str(), "message/rfc822" | "message/global")
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
