//! Turns pasted bytes into clean header text, remembering where each piece came from.
//!
//! People paste headers in many shapes: CRLF, LF, CR or mixed line endings, a whole `.eml` with its body,
//! an mbox `From ` line, every line indented (copied from a web view), Outlook's copy with a blank line
//! after every line, `Received:` with its value on the next, unindented line, junk before and after.
//! [`Source`] cleans that up into `clean` (the header section only, LF line endings, one field per line
//! plus indented continuation lines) and keeps a map so every span points back into `original`, and it
//! records each clean-up it made in words.

use std::borrow::Cow;

use crate::catalog::{Text, msg};
use crate::model::{Evidence, HeaderField, InputInfo, Span};

/// The input as given and its cleaned header section. Both borrow from the input when they can: the input
/// is valid UTF-8 and, for `clean`, the header section needed no clean-up (LF line endings, one field per
/// line, nothing to re-indent or join), which is what most pastes and files are.
#[derive(Debug, Clone)]
pub(crate) struct Source<'a> {
    /// The input, decoded as UTF-8 (lossily if it was not valid UTF-8).
    pub original: Cow<'a, str>,
    /// The header section, cleaned up: LF line endings, no body, no mbox line, no paste artefacts.
    pub clean: Cow<'a, str>,
    /// Pieces of `clean` and where they start in `original`: `(clean_offset, original_offset)`, sorted.
    /// A clean offset `c` in the piece starting at `(cs, os)` maps to `os + (c - cs)`.
    map: Vec<(usize, usize)>,
    bytes: usize,
    lossy: bool,
    notes: Vec<Text>,
    /// True when text follows the header section (a whole message with its body).
    body: bool,
    /// Gmail's "Show original" summary above the headers, when the paste starts with it.
    pub receiver_summary: Option<crate::model::ReceiverSummary>,
}

/// One line of the original: where its text starts and ends (line break excluded).
#[derive(Debug, Clone, Copy)]
struct Line {
    start: usize,
    end: usize,
}

/// How the header section was laid out when pasted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Layout {
    /// One field per line; an empty line ends the header section.
    Plain,
    /// Every line followed by a blank line (Outlook copy); two blank lines end the header section.
    BlankLineAfterEach,
}

impl<'a> Source<'a> {
    /// A source over bytes as given (lossy UTF-8); the analysis decodes once in `limits` and uses `from_text`.
    #[cfg(test)]
    pub(crate) fn new(input: &'a [u8]) -> Source<'a> {
        let original = String::from_utf8_lossy(input);
        let lossy = matches!(original, Cow::Owned(_));
        Source::build(original, input.len(), lossy)
    }

    /// A source over text already decoded (no second UTF-8 validation pass), borrowed when it can be.
    pub(crate) fn from_text(text: Cow<'a, str>) -> Source<'a> {
        let bytes = text.len();
        Source::build(text, bytes, false)
    }

    fn build(original: Cow<'a, str>, bytes: usize, lossy: bool) -> Source<'a> {
        let mut src = Source {
            clean: Cow::Borrowed(""),
            map: Vec::new(),
            bytes,
            lossy,
            notes: Vec::new(),
            body: false,
            receiver_summary: None,
            original,
        };
        src.build_clean();
        src
    }

    /// Appends lines of `full` (a longer text that starts with this source's original text) after the clean
    /// header section: the originator fields found below a cut (see [`crate::limits`]), so they are analysed
    /// whatever came before them. Each range is one line (line break excluded); spans keep pointing into `full`.
    pub(crate) fn append_lines(&mut self, full: Cow<'a, str>, lines: &[(usize, usize)]) {
        if lines.is_empty() || !full.starts_with(self.original.as_ref()) {
            return;
        }
        let mut clean = std::mem::take(&mut self.clean).into_owned();
        if !clean.is_empty() && !clean.ends_with('\n') {
            clean.push('\n');
        }
        for &(start, end) in lines {
            let Some(line) = full.get(start..end) else { continue };
            let line = line.trim_end_matches('\r');
            self.map.push((clean.len(), start));
            clean.push_str(line);
            clean.push('\n');
        }
        self.bytes = self.bytes.max(full.len());
        self.clean = Cow::Owned(clean);
        self.original = full;
    }

    /// Maps an offset in `clean` to an offset in `original`.
    pub(crate) fn to_original(&self, clean_offset: usize) -> usize {
        let idx = self.map.partition_point(|&(c, _)| c <= clean_offset);
        if idx == 0 {
            return clean_offset.min(self.original.len());
        }
        let (c, o) = self.map[idx - 1];
        (o + (clean_offset - c)).min(self.original.len())
    }

    /// Maps an offset in `original` to the offset in `clean` that came from it (or the nearest one after).
    pub(crate) fn to_clean(&self, original_offset: usize) -> usize {
        let idx = self.map.partition_point(|&(_, o)| o <= original_offset);
        if idx == 0 {
            return 0;
        }
        let (c, o) = self.map[idx - 1];
        let next_clean = self.map.get(idx).map_or(self.clean.len(), |&(nc, _)| nc);
        (c + (original_offset - o)).min(next_clean).min(self.clean.len())
    }

    /// Maps a span in `clean` to a span in `original`.
    pub(crate) fn span_to_original(&self, start: usize, end: usize) -> Span {
        let s = self.to_original(start);
        let e = if end > start { self.to_original(end - 1) + 1 } else { s };
        Span::new(s, e)
    }

    /// The original text of a span, or "" when the span is out of range.
    pub(crate) fn text(&self, span: Span) -> &str {
        self.original.get(span.start()..span.end()).unwrap_or("")
    }

    /// The cleaned text (LF line endings, paste artefacts removed) that a span of the original became.
    pub(crate) fn clean_text(&self, span: Span) -> &str {
        if span.is_empty() {
            return "";
        }
        let s = self.to_clean(span.start());
        let e = self.to_clean(span.end() - 1) + 1;
        self.clean.get(s..e.max(s)).unwrap_or("")
    }

    /// True when text follows the header section (the input is a whole message, not only headers).
    pub(crate) fn has_body(&self) -> bool {
        self.body
    }

    /// Evidence for a whole field value (unfolded).
    pub(crate) fn evidence(&self, field: &HeaderField) -> Evidence {
        Evidence {
            header: field.name.clone(),
            text: field.value.clone(),
            span: field.value_span,
            highlights: Vec::new(),
        }
    }

    /// Evidence for a span of the input inside `field`, with the text exactly as written there, folds included.
    pub(crate) fn evidence_at(&self, field: &HeaderField, span: Span) -> Evidence {
        Evidence {
            header: field.name.clone(),
            text: self.text(span).to_string(),
            span,
            highlights: Vec::new(),
        }
    }

    /// Evidence for part of a field value: `needle` is searched in the field as written in the input
    /// (case-sensitively, first occurrence). Falls back to the whole value when it is not found
    /// verbatim (for example when it crosses a folded line).
    pub(crate) fn evidence_for(&self, field: &HeaderField, needle: &str) -> Evidence {
        match self.locate(field, needle) {
            Some(span) => Evidence {
                header: field.name.clone(),
                text: needle.to_string(),
                span,
                highlights: Vec::new(),
            },
            None => self.evidence(field),
        }
    }

    /// Where `needle` sits inside `field` in the input, if it appears there verbatim.
    pub(crate) fn locate(&self, field: &HeaderField, needle: &str) -> Option<Span> {
        if needle.is_empty() {
            return None;
        }
        let at = self.text(field.value_span).find(needle)?;
        let start = field.value_span.start() + at;
        Some(Span::new(start, start + needle.len()))
    }

    /// True when the character at byte `original` of [`Source::original`] is part of the cleaned
    /// header section (not the body, an mbox line or text skipped before the first field).
    pub(crate) fn in_clean(&self, original: usize) -> bool {
        self.map.iter().enumerate().any(|(i, &(clean_start, original_start))| {
            let clean_end = self.map.get(i + 1).map_or(self.clean.len(), |next| next.0);
            (original_start..original_start + (clean_end - clean_start)).contains(&original)
        })
    }

    /// Facts about the input for the report.
    pub(crate) fn info(&self, looks_like_headers: bool) -> InputInfo {
        InputInfo {
            bytes: self.bytes,
            header_bytes: self.clean.len(),
            lossy_utf8: self.lossy,
            normalizations: self.notes.clone(),
            looks_like_headers,
            ..InputInfo::default()
        }
    }

    fn build_clean(&mut self) {
        let original = std::mem::take(&mut self.original);
        let (start, end, owned) = self.clean_section(&original);
        self.clean = match (owned, &original) {
            (Some(clean), _) => Cow::Owned(clean),
            (None, Cow::Borrowed(text)) => {
                let text: &'a str = text;
                Cow::Borrowed(&text[start..end])
            }
            (None, Cow::Owned(text)) => Cow::Owned(text[start..end].to_string()),
        };
        self.original = original;
    }

    /// Finds and cleans the header section of `text` (the original), recording what it did; returns the
    /// clean text as a range of `text` when it needed no change, else as its own text.
    fn clean_section(&mut self, text: &str) -> (usize, usize, Option<String>) {
        let (mut lines, endings) = split_lines(text);
        // A byte order mark that Windows editors write at the very start: not part of the first field.
        if text.starts_with('\u{feff}')
            && let Some(l) = lines.first_mut()
        {
            l.start = (l.start + '\u{feff}'.len_utf8()).min(l.end);
            self.notes.push(msg!("input.bom").into());
        }
        if endings.crlf > 0 && (endings.lf > 0 || endings.cr > 0) || endings.lf > 0 && endings.cr > 0 {
            self.notes.push(msg!("input.mixed-endings").into());
        } else if endings.cr > 0 {
            self.notes.push(msg!("input.cr-endings").into());
        }
        let blank = |l: &Line| is_blank(&text[l.start..l.end]);
        let empty = |l: &Line| l.start == l.end;

        // 1. Leading junk: blank lines, an mbox `From ` line, text that is not a field.
        let mut first = 0;
        let mut junk = 0;
        if let Some((summary, end)) = crate::webmail::gmail_preamble(text) {
            first = lines.partition_point(|l| l.start < end);
            self.notes.push(msg!("input.gmail-summary", n = summary.items.len() + 1).into());
            self.receiver_summary = Some(summary);
        }
        while first < lines.len() {
            let l = lines[first];
            let line = &text[l.start..l.end];
            if blank(&l) {
                first += 1;
                continue;
            }
            if line.starts_with("From ") && !looks_like_field(line) {
                self.notes.push(msg!("input.mbox-from").into());
                first += 1;
                continue;
            }
            if looks_like_field(line.trim_start()) {
                break;
            }
            junk += 1;
            first += 1;
        }
        if junk > 0 {
            self.notes.push(msg!("input.lines-before-fields", n = junk).into());
        }
        if first >= lines.len() {
            return (0, 0, None);
        }

        // 2. Layout: Outlook's copy puts a blank line after every line.
        let layout = detect_layout(text, &lines[first..]);
        if layout == Layout::BlankLineAfterEach {
            self.notes.push(msg!("input.outlook-blank-lines").into());
        }

        // 3. The header section: up to the first empty line (or two blank lines in the Outlook layout).
        let first_indented = leading_ws(&text[lines[first].start..lines[first].end]) > 0;
        let mut end = lines.len();
        let mut k = first;
        while k < lines.len() {
            let l = &lines[k];
            let ends_here = match layout {
                Layout::Plain => empty(l) || (first_indented && blank(l)),
                Layout::BlankLineAfterEach => blank(l) && lines.get(k + 1).is_none_or(blank),
            };
            if ends_here {
                end = k;
                break;
            }
            k += 1;
        }
        let section: Vec<Line> =
            lines[first..end].iter().copied().filter(|l| layout == Layout::Plain || !blank(l)).collect();
        if lines[end..].iter().any(|l| !blank(l)) {
            self.body = true;
            self.notes.push(msg!("input.body-ignored").into());
        }

        // 4. Indentation common to every line (copied from a web view).
        let indent = common_indent(text, &section);
        if indent > 0 {
            self.notes.push(msg!("input.common-indent", n = indent).into());
        }

        // 5. Build the clean text.
        let mut clean = Clean::new(text);
        let mut map = Vec::new();
        let mut joined = 0usize;
        // Lines with a colon that the field-name rule read as continuations: (start of the line, field above).
        let mut repaired: Vec<(String, String)> = Vec::new();
        let mut current_name = "";
        let mut prev_field_empty_value = false;
        let mut seen_field = false;
        for l in &section {
            let line = &text[l.start..l.end];
            let strip = leading_ws(line).min(indent);
            let mut start = l.start + strip;
            let mut body = &text[start..l.end];
            if !seen_field {
                // The first field may be indented on its own (a paste that began mid-line).
                let lead = leading_ws(body);
                start += lead;
                body = &body[lead..];
            }
            let is_field = looks_like_field(body);
            let continuation = body.starts_with([' ', '\t']);
            if !is_field && !continuation && seen_field {
                // A line that lost its indentation (Outlook's `Received:\t` with the value on the next line,
                // or a broken fold): keep it with the field above.
                map.push((clean.len(), start));
                clean.push_space();
                if has_name_shape(body) {
                    let shown: String = body.chars().take(40).collect();
                    let more = if shown.len() < body.len() { "…" } else { "" };
                    repaired.push((format!("{shown}{more}"), current_name.to_string()));
                } else if !prev_field_empty_value {
                    joined += 1;
                }
                prev_field_empty_value = false;
            }
            if is_field {
                seen_field = true;
                let colon = body.find(':').unwrap_or(body.len());
                current_name = body[..colon].trim_end();
                prev_field_empty_value = body[colon..].trim_start_matches(':').trim().is_empty();
            }
            map.push((clean.len(), start));
            clean.push_line(start, l.end);
        }
        if joined > 0 {
            self.notes.push(msg!("input.joined-lines", n = joined).into());
        }
        if !repaired.is_empty() {
            let shown = repaired.iter().take(3).map(|(line, field)| msg!("input.joined-to", line, field));
            let more = repaired.len().saturating_sub(3);
            let more: Text = if more > 0 { msg!("input.and-more", n = more).into() } else { Text::default() };
            self.notes.push(
                msg!(
                    "input.unindented-continuations",
                    n = repaired.len(),
                    lines = Text::join_clauses(shown),
                    more
                )
                .into(),
            );
        }
        self.map = map;
        clean.into_parts()
    }
}

/// The clean text as it is built, line by line: a range of the input for as long as each line is the input's
/// next line as it stands (an LF ending, nothing stripped or joined), copied only at the first line that differs.
struct Clean<'t> {
    text: &'t str,
    /// The input's `start..end` while nothing differed.
    start: usize,
    end: usize,
    owned: Option<String>,
}

impl<'t> Clean<'t> {
    fn new(text: &'t str) -> Clean<'t> {
        Clean { text, start: 0, end: 0, owned: None }
    }

    fn len(&self) -> usize {
        self.owned.as_ref().map_or(self.end - self.start, String::len)
    }

    fn owned(&mut self) -> &mut String {
        let (text, start, end) = (self.text, self.start, self.end);
        self.owned.get_or_insert_with(|| {
            let mut s = String::with_capacity(text.len() - start);
            s.push_str(&text[start..end]);
            s
        })
    }

    /// Appends `text[start..end]` and a line feed.
    fn push_line(&mut self, start: usize, end: usize) {
        if self.owned.is_none() {
            if self.start == self.end {
                (self.start, self.end) = (start, start);
            }
            if start == self.end && self.text.as_bytes().get(end) == Some(&b'\n') {
                self.end = end + 1;
                return;
            }
        }
        let line = &self.text[start..end];
        let s = self.owned();
        s.push_str(line);
        s.push('\n');
    }

    fn push_space(&mut self) {
        self.owned().push(' ');
    }

    /// The clean text: the range of the input when nothing differed, else its own text.
    fn into_parts(self) -> (usize, usize, Option<String>) {
        (self.start, self.end, self.owned)
    }
}

/// Counts of each line ending.
#[derive(Debug, Default)]
struct Endings {
    crlf: usize,
    lf: usize,
    cr: usize,
}

/// Splits at CRLF, LF and lone CR.
fn split_lines(text: &str) -> (Vec<Line>, Endings) {
    let bytes = text.as_bytes();
    let mut lines = Vec::with_capacity(bytes.len() / 40 + 1);
    let mut endings = Endings::default();
    let mut start = 0;
    // One line end at `i` (a CR or LF byte); the LF of a CRLF (before `start`) was handled with its CR.
    let mut end_at = |i: usize, start: &mut usize| {
        if i < *start {
            return;
        }
        lines.push(Line { start: *start, end: i });
        *start = i + 1;
        if bytes[i] == b'\n' {
            endings.lf += 1;
        } else if bytes.get(i + 1) == Some(&b'\n') {
            endings.crlf += 1;
            *start = i + 2;
        } else {
            endings.cr += 1;
        }
    };
    // Line ends found 32 bytes at a time (a loop the compiler turns into vector instructions), then the rest.
    let mut block = 0;
    while block + 32 <= bytes.len() {
        let chunk: &[u8; 32] = bytes[block..block + 32].try_into().unwrap_or(&[0; 32]);
        let mut mask = 0u32;
        for (j, &b) in chunk.iter().enumerate() {
            mask |= u32::from((b == b'\n') | (b == b'\r')) << j;
        }
        while mask != 0 {
            end_at(block + mask.trailing_zeros() as usize, &mut start);
            mask &= mask - 1;
        }
        block += 32;
    }
    for (i, b) in bytes.iter().enumerate().skip(block) {
        if matches!(b, b'\n' | b'\r') {
            end_at(i, &mut start);
        }
    }
    if start < bytes.len() {
        lines.push(Line { start, end: bytes.len() });
    }
    (lines, endings)
}

/// True when a line starts a header field: `Name:` whose name is a field-name token (white space between the
/// name and the colon is tolerated). RFC 5322 §3.6.8 allows any printable ASCII but the colon in a name, and a
/// hostile name such as `X-<b>(1)` is still a field; but a line that lost its fold's indentation is told apart by
/// what precedes its first colon:
/// - a name that does not start with a letter or digit is no name (`(2a01:111:e400::203) by …`, `[fe80::1]`);
/// - digits or an IPv6 group followed by more address or time (`10:00:00 +0000`, `fe80::1%9]`) is no name;
/// - `key:value;key:value` with no space after the first colon and a name without `-` is a list that
///   continues the value above (`ucf:0;jmr:0;auth:1;dest:J;`), as Microsoft's anti-spam values fold.
pub(crate) fn looks_like_field(line: &str) -> bool {
    // A name starts with a letter or digit (see `is_field_name_token`): continuation lines stop here.
    if !line.as_bytes().first().is_some_and(u8::is_ascii_alphanumeric) {
        return false;
    }
    let Some(colon) = line.find(':') else { return false };
    let name = line[..colon].trim_end_matches([' ', '\t']);
    let rest = &line[colon + 1..];
    is_field_name_token(name) && !reads_as_address_or_time(name, rest) && !continues_a_list(name, rest)
}

/// `word:` with no white space before the colon: the shape of a field, which a continuation may share.
fn has_name_shape(line: &str) -> bool {
    line.find(':').is_some_and(|c| c > 0 && line[..c].bytes().all(|b| (33..=126).contains(&b)))
}

/// A field name: printable ASCII (RFC 5322 ftext) starting with a letter or digit.
fn is_field_name_token(name: &str) -> bool {
    name.as_bytes().first().is_some_and(u8::is_ascii_alphanumeric)
        && name.bytes().all(|b| (33..=126).contains(&b))
}

/// `10:…` (a time, or a number) or `2a01:111:…` / `fe80::…` (an IPv6 address).
fn reads_as_address_or_time(name: &str, rest: &str) -> bool {
    if name.bytes().all(|b| b.is_ascii_digit()) {
        return true;
    }
    let hex = |s: &str| s.bytes().all(|b| b.is_ascii_hexdigit());
    // At least two more colon-separated hex groups (empty groups allowed, as in `::`).
    name.len() <= 4 && hex(name) && {
        let groups: Vec<&str> = rest
            .split(|c: char| !c.is_ascii_hexdigit() && c != ':')
            .next()
            .unwrap_or("")
            .split(':')
            .collect();
        groups.len() >= 2 && groups.iter().all(|g| g.len() <= 4)
    }
}

/// `ucf:0;jmr:0;auth:1;…`: no space after the colon, a name without `-`, and another `key:` after a `;`.
fn continues_a_list(name: &str, rest: &str) -> bool {
    if name.contains('-') || rest.starts_with([' ', '\t']) || rest.is_empty() {
        return false;
    }
    rest.split(';').skip(1).any(|piece| {
        let piece = piece.trim_start();
        piece.find(':').is_some_and(|c| c > 0 && piece[..c].bytes().all(|b| b.is_ascii_alphanumeric()))
    })
}

/// `line.trim().is_empty()`, deciding at the first byte for the usual line that starts with a visible
/// ASCII character.
fn is_blank(line: &str) -> bool {
    match line.as_bytes().first() {
        None => true,
        Some(&b) if b.is_ascii() && !char::from(b).is_whitespace() => false,
        Some(_) => line.trim().is_empty(),
    }
}

fn leading_ws(line: &str) -> usize {
    line.len() - line.trim_start_matches([' ', '\t']).len()
}

/// Outlook's copy: lines alternate with blank lines. Decided on the first 40 lines of the header section:
/// at least three non-blank lines, each followed by exactly one blank line (one exception allowed).
fn detect_layout(text: &str, lines: &[Line]) -> Layout {
    let blank = |l: &Line| is_blank(&text[l.start..l.end]);
    let window = &lines[..lines.len().min(40)];
    let mut content = 0;
    let mut followed = 0;
    // Lines that are a field or an indented continuation: a message body with blank lines between its
    // paragraphs also alternates, but its lines are not fields.
    let mut header_like = 0;
    let mut k = 0;
    while k < window.len() {
        if blank(&window[k]) {
            if window.get(k + 1).is_none_or(blank) {
                break; // two blank lines: the end of the section
            }
            k += 1;
            continue;
        }
        content += 1;
        let line = &text[window[k].start..window[k].end];
        if looks_like_field(line.trim_start()) || line.starts_with([' ', '\t']) {
            header_like += 1;
        }
        if window.get(k + 1).is_some_and(blank) {
            followed += 1;
        }
        k += 1;
    }
    if content >= 3 && followed + 1 >= content && followed >= 3 && header_like * 4 >= content * 3 {
        Layout::BlankLineAfterEach
    } else {
        Layout::Plain
    }
}

/// The indentation every non-blank line of the section shares (0 when one line starts at the margin
/// or the section has fewer than two lines).
fn common_indent(text: &str, section: &[Line]) -> usize {
    let mut min: Option<usize> = None;
    let mut count = 0;
    for l in section {
        let line = &text[l.start..l.end];
        if is_blank(line) {
            continue;
        }
        count += 1;
        let ws = leading_ws(line);
        min = Some(min.map_or(ws, |m| m.min(ws)));
    }
    if count < 2 { 0 } else { min.unwrap_or(0) }
}

/// Input that holds no header text at all, told from its first bytes before anything is parsed: nothing but
/// white space, a PDF, a ZIP archive (an Office document is one), an image, or other binary data.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum NotText {
    Empty,
    Pdf,
    Zip,
    /// An image, with its format's name.
    Image(&'static str),
    /// Mostly bytes that text does not have (NUL and other control bytes, bytes that are not UTF-8).
    Binary,
}

/// How much of the input [`not_text`] looks at: the header section of a message starts there.
const SNIFF_BYTES: usize = 4096;

/// What [`not_text`] calls binary: more than this share (in percent) of the first [`SNIFF_BYTES`] are control
/// bytes or bytes that are not UTF-8. Header text, raw 8-bit legacy charsets included, stays under 7 % (the
/// shared corpus's worst is a GB2312 message at 6.3 %, fuzzed mail with NUL bytes in fields under 3 %);
/// executables, compressed data and images are over 50 %.
const BINARY_PERCENT: usize = 30;

/// The kind of input that holds no header text (see [`NotText`]), or `None` for text, in any encoding the
/// analysis reads (UTF-8, UTF-16, Windows-1252).
pub(crate) fn not_text(bytes: &[u8]) -> Option<NotText> {
    let utf16 = crate::charset::utf16(bytes).is_some();
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if body.iter().all(|&b| b.is_ascii_whitespace() || (utf16 && matches!(b, 0 | 0xFE | 0xFF))) {
        return Some(NotText::Empty);
    }
    if utf16 {
        return None;
    }
    let start = body.iter().position(|b| !b.is_ascii_whitespace()).unwrap_or(body.len());
    let head = &body[start..];
    let signature = |magic: &[u8]| head.starts_with(magic);
    if signature(b"%PDF-") {
        return Some(NotText::Pdf);
    }
    if signature(b"PK\x03\x04") || signature(b"PK\x05\x06") || signature(b"PK\x07\x08") {
        return Some(NotText::Zip);
    }
    if signature(b"\x89PNG\r\n\x1a\n") {
        return Some(NotText::Image("PNG"));
    }
    if signature(b"\xFF\xD8\xFF") {
        return Some(NotText::Image("JPEG"));
    }
    if signature(b"GIF87a") || signature(b"GIF89a") {
        return Some(NotText::Image("GIF"));
    }
    if head.len() >= 12 && head.starts_with(b"RIFF") && &head[8..12] == b"WEBP" {
        return Some(NotText::Image("WebP"));
    }
    let sample = &body[..body.len().min(SNIFF_BYTES)];
    // Counted 255 bytes at a time in a byte-wide counter (a loop the compiler turns into vector instructions).
    let control: usize = sample
        .chunks(255)
        .map(|c| {
            let n = c.iter().fold(0u8, |n, &b| {
                n + u8::from(matches!(b, 0..=0x08 | 0x0B | 0x0E..=0x1A | 0x1C..=0x1F | 0x7F))
            });
            usize::from(n)
        })
        .sum();
    // Valid UTF-8 (the usual case) is told at once, without walking the chunks.
    let valid = std::str::from_utf8(sample).is_ok();
    let not_utf8: usize = if valid { 0 } else { sample.utf8_chunks().map(|c| c.invalid().len()).sum() };
    // The sample's last character may be cut in two: its first bytes are not counted against it.
    let cut = !valid
        && sample.len() < body.len()
        && !sample.utf8_chunks().last().is_some_and(|c| c.invalid().is_empty());
    let not_utf8 = if cut { not_utf8.saturating_sub(3) } else { not_utf8 };
    ((control + not_utf8) * 100 > sample.len() * BINARY_PERCENT).then_some(NotText::Binary)
}

impl NotText {
    /// What the reader is told instead of a report, and what to do.
    pub(crate) fn notice(self) -> Text {
        match self {
            NotText::Empty => msg!("input.empty").into(),
            NotText::Pdf => msg!("input.pdf").into(),
            NotText::Zip => msg!("input.zip").into(),
            NotText::Image(format) => msg!("input.image", format).into(),
            NotText::Binary => msg!("input.binary").into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PLAIN: &str = "Received: from a.example.org (a.example.org [192.0.2.1])\n\tby b.example.net with ESMTP id 1; Mon, 1 Jan 2024 10:00:00 +0000\nSubject: Hi\nFrom: a@example.org\n";

    fn fields(src: &Source) -> Vec<String> {
        crate::headers::split(src).into_iter().map(|f| format!("{}={}", f.name, f.value)).collect()
    }

    #[test]
    fn crlf_lf_cr_give_the_same_clean_text() {
        let lf = Source::new(PLAIN.as_bytes());
        let (crlf_text, cr_text) = (PLAIN.replace('\n', "\r\n"), PLAIN.replace('\n', "\r"));
        let crlf = Source::new(crlf_text.as_bytes());
        let cr = Source::new(cr_text.as_bytes());
        assert_eq!(lf.clean, PLAIN);
        assert_eq!(crlf.clean, PLAIN);
        assert_eq!(cr.clean, PLAIN);
        assert!(cr.notes.iter().any(|n| n.contains("CR")));
        // Offsets map back: "Subject" in the CRLF input.
        let at = crlf.clean.find("Subject").unwrap();
        let orig = crlf.to_original(at);
        assert_eq!(&crlf.original[orig..orig + 7], "Subject");
        assert_eq!(crlf.to_clean(orig), at);
    }

    #[test]
    fn clean_text_borrows_from_the_input_only_when_nothing_changed() {
        let borrowed = |src: &Source<'_>| matches!(src.clean, Cow::Borrowed(_));
        let eml = format!("{PLAIN}\nbody\n");
        let unterminated = PLAIN.trim_end();
        let crlf = PLAIN.replace('\n', "\r\n");
        let cases: [(&str, bool); 5] = [
            (PLAIN, true),
            (&eml, true),
            (unterminated, false),
            (&crlf, false),
            ("Received: from a by b; Mon, 1 Jan 2024 10:00:00 +0000\nfrom c\nSubject: x\n", false),
        ];
        for (text, expected) in cases {
            let src = Source::from_text(Cow::Borrowed(text));
            let owned = Source::from_text(Cow::Owned(text.to_string()));
            assert_eq!(borrowed(&src), expected, "{text:?}");
            // The same clean text and offsets whichever way it was built.
            assert_eq!(src.clean, owned.clean);
            assert!(src.clean.ends_with('\n'));
            for at in 0..src.clean.len() {
                assert_eq!(src.to_original(at), owned.to_original(at));
            }
        }
    }

    #[test]
    fn body_and_mbox_line_are_dropped() {
        let eml = format!(
            "From sender@example.org Mon Jan  1 10:00:00 2024\n{PLAIN}\nHello Bob,\nFrom: not a header\n"
        );
        let src = Source::new(eml.as_bytes());
        assert_eq!(src.clean, PLAIN);
        assert!(src.notes.iter().any(|n| n.contains("mbox")));
        assert!(src.notes.iter().any(|n| n.contains("body")));
    }

    #[test]
    fn lines_that_lost_their_fold_indentation_stay_in_their_field() {
        // A web view's copy: the folds of a Mailbox-Delivery value and of an Exchange Received field lost their
        // leading white space.
        let text = "X-Microsoft-Antispam-Mailbox-Delivery:\nucf:0;jmr:0;auth:1;dest:J;RF:JunkEmail;\n\
            Received: from SG2PR01MB1111.apcprd01.prod.exchangelabs.com\n(2a01:111:e400:7ebd::203) by SG2PR01MB2345.apcprd01.prod.exchangelabs.com with HTTPS; Fri, 31 Aug 2018 02:13:06 +0000\n\
            Received: from a.example.com ([fe80::d943:55cc:ec54:4033%9]) by\nfe80::d943:55cc:ec54:4033%9 with mapi id 15.20.1101.007; Fri, 31 Aug 2018 02:13:05 +0000\n\
            Subject: Meeting at\n10:30:00 tomorrow\n\
            Cc:bob@example.com\n\
            X-Note: plain\n";
        let src = Source::new(text.as_bytes());
        assert_eq!(
            fields(&src),
            [
                "X-Microsoft-Antispam-Mailbox-Delivery=ucf:0;jmr:0;auth:1;dest:J;RF:JunkEmail;",
                "Received=from SG2PR01MB1111.apcprd01.prod.exchangelabs.com (2a01:111:e400:7ebd::203) by SG2PR01MB2345.apcprd01.prod.exchangelabs.com with HTTPS; Fri, 31 Aug 2018 02:13:06 +0000",
                "Received=from a.example.com ([fe80::d943:55cc:ec54:4033%9]) by fe80::d943:55cc:ec54:4033%9 with mapi id 15.20.1101.007; Fri, 31 Aug 2018 02:13:05 +0000",
                "Subject=Meeting at 10:30:00 tomorrow",
                "Cc=bob@example.com",
                "X-Note=plain",
            ]
        );
        let note = src.notes.iter().find(|n| n.contains("lost their indentation")).expect("a clean-up note");
        assert!(note.starts_with("read 4 lines that lost their indentation"), "{note}");
        let fr = note.render(crate::catalog::Lang::Fr);
        assert!(
            fr.starts_with("4 lignes ayant perdu leur indentation lues")
                && fr.contains("« ucf:0;jmr:0;auth:1;dest:J;RF:JunkEmail; » rattachée à X-Microsoft-Antispam-Mailbox-Delivery"),
            "{fr}"
        );
        assert!(
            note.contains(
                "\"ucf:0;jmr:0;auth:1;dest:J;RF:JunkEmail;\" joined to X-Microsoft-Antispam-Mailbox-Delivery"
            ),
            "{note}"
        );
        assert!(note.contains("\"(2a01:111:e400:7ebd::203) by SG2PR01MB23…\" joined to Received"), "{note}");
        assert!(note.ends_with("and 1 more"), "{note}");
        // Every character of the input is still in the clean text (nothing lost).
        let squeeze = |t: &str| t.split_whitespace().collect::<String>();
        assert_eq!(squeeze(&src.clean), squeeze(text));
    }

    #[test]
    fn real_fields_still_start_fields() {
        for line in [
            "Cc: a@example.com",
            "Bcc:x@example.com",
            "X-Spam-Score:5.1",
            "Date: Mon, 1 Jan 2024 10:00:00 +0000",
            "Received:",
            "X-MS-Has-Attach:",
            "ARC-Seal: i=1; cv=none",
            "X-Microsoft-Antispam: BCL:0;ARA:1;",
            // RFC 5322 allows any printable ASCII in a name: a hostile name is still a field (shown as text).
            "X-<imgsrc=x>(1);: hostile",
        ] {
            assert!(looks_like_field(line), "{line}");
        }
        for line in [
            "(2a01:111:e400::1) by x",
            "10:30:00 tomorrow",
            "fe80::1%9]) with mapi",
            "ucf:0;jmr:0;dest:I;",
            "<a@example.com>: x",
            "=?utf-8?q?a?=: c",
        ] {
            assert!(!looks_like_field(line), "{line}");
        }
    }

    #[test]
    fn indented_paste_is_dedented_keeping_folds() {
        let indented: String = PLAIN.lines().map(|l| format!("    {l}\n")).collect();
        let src = Source::new(indented.as_bytes());
        assert_eq!(src.clean, PLAIN);
        assert!(src.notes.iter().any(|n| n.contains("indentation")));
        let at = src.clean.find("From: a@").unwrap();
        assert_eq!(&src.original[src.to_original(at)..][..8], "From: a@");
    }

    #[test]
    fn indented_paste_with_flat_continuations() {
        // Some web views indent continuation lines exactly like field lines.
        let text = "  Received: from a.example.org\n  by b.example.net; Mon, 1 Jan 2024 10:00:00 +0000\n  Subject: Hi\n";
        let src = Source::new(text.as_bytes());
        assert_eq!(
            fields(&src),
            ["Received=from a.example.org by b.example.net; Mon, 1 Jan 2024 10:00:00 +0000", "Subject=Hi"]
        );
    }

    #[test]
    fn outlook_blank_lines_are_removed() {
        let outlook: String = PLAIN.lines().map(|l| format!("{l}\r\n\r\n")).collect();
        let src = Source::new(outlook.as_bytes());
        assert_eq!(src.clean, PLAIN);
        assert!(src.notes.iter().any(|n| n.contains("Outlook")));
    }

    #[test]
    fn a_body_with_blank_lines_between_paragraphs_is_not_an_outlook_copy() {
        let text = "Subject: hi\n\nFirst paragraph.\n\nSecond paragraph.\n\nThird paragraph.\n\nBye\n";
        let src = Source::new(text.as_bytes());
        assert_eq!(fields(&src), ["Subject=hi"]);
        assert!(!src.notes.iter().any(|n| n.contains("Outlook")));
    }

    #[test]
    fn a_single_blank_line_still_ends_the_headers() {
        let text = "Received: from a by b; Mon, 1 Jan 2024 10:00:00 +0000\n\nReceived: from c by d; Mon, 1 Jan 2024 10:00:00 +0000\n";
        let src = Source::new(text.as_bytes());
        assert_eq!(fields(&src).len(), 1);
    }

    #[test]
    fn outlook_received_value_on_next_line() {
        let text = "Received:\t\r\nfrom a.example.org by b.example.net; Mon, 1 Jan 2024 10:00:00 +0000\r\nSubject: Hi\r\n";
        let src = Source::new(text.as_bytes());
        assert_eq!(
            fields(&src),
            ["Received=from a.example.org by b.example.net; Mon, 1 Jan 2024 10:00:00 +0000", "Subject=Hi"]
        );
    }

    #[test]
    fn leading_junk_is_skipped() {
        let text = format!("Here are the headers you asked for\n\n{PLAIN}");
        let src = Source::new(text.as_bytes());
        assert_eq!(src.clean, PLAIN);
        assert!(src.notes.iter().any(|n| n.contains("before the first header")));
    }

    #[test]
    fn a_byte_order_mark_at_the_start_is_skipped() {
        let text = format!("\u{feff}{PLAIN}");
        let src = Source::new(text.as_bytes());
        assert_eq!(src.clean, PLAIN);
        assert!(src.notes.iter().any(|n| n.contains("byte order mark")));
        // The first Received field is read, and its span points past the mark into the input as given.
        let f = &crate::headers::split(&src)[0];
        assert_eq!(f.name, "Received");
        assert_eq!(f.span.start(), 3);
        let report = crate::analyze(text.as_bytes());
        assert_eq!(report.hops.len(), crate::analyze(PLAIN.as_bytes()).hops.len());
    }

    #[test]
    fn invalid_utf8_does_not_panic() {
        let mut bytes = b"Subject: caf\xe9\r\nFrom: a@example.org\r\n".to_vec();
        bytes.extend_from_slice(&[0xff, 0xfe, b'\r']);
        let src = Source::new(&bytes);
        assert!(src.info(true).lossy_utf8);
        assert!(src.clean.starts_with("Subject: caf\u{fffd}\n"));
    }

    fn kind(bytes: &[u8]) -> Option<NotText> {
        not_text(bytes)
    }

    #[test]
    fn empty_and_blank_input_is_told_apart_from_text() {
        assert_eq!(kind(b""), Some(NotText::Empty));
        assert_eq!(kind(b" \r\n\t\n"), Some(NotText::Empty));
        assert_eq!(kind(b"\xEF\xBB\xBF\n"), Some(NotText::Empty));
        assert_eq!(kind(&[0xFF, 0xFE, b'\n', 0, b' ', 0]), Some(NotText::Empty));
        assert_eq!(kind(PLAIN.as_bytes()), None);
        assert_eq!(kind(b"Subject: hi\n"), None);
    }

    #[test]
    fn files_that_are_not_text_are_told_by_their_signature() {
        assert_eq!(kind(b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj\n<< /Type /Catalog >>\n"), Some(NotText::Pdf));
        // Pasted after a blank line, as text copied from a viewer may start.
        assert_eq!(kind(b"\n\n%PDF-1.4\n"), Some(NotText::Pdf));
        assert_eq!(
            kind(b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00[Content_Types].xml"),
            Some(NotText::Zip)
        );
        assert_eq!(kind(b"PK\x05\x06\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0"), Some(NotText::Zip));
        assert_eq!(kind(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"), Some(NotText::Image("PNG")));
        assert_eq!(kind(b"\xFF\xD8\xFF\xE0\0\x10JFIF\0"), Some(NotText::Image("JPEG")));
        assert_eq!(kind(b"GIF89a\x01\0\x01\0\x80\0\0"), Some(NotText::Image("GIF")));
        assert_eq!(kind(b"RIFF\x24\0\0\0WEBPVP8 "), Some(NotText::Image("WebP")));
        // The same words inside text are text.
        assert_eq!(kind(b"Subject: %PDF-1.7 attached\nX-Note: PK\x03\x04\n"), None);
    }

    #[test]
    fn binary_data_is_told_by_its_bytes_and_text_with_a_few_odd_bytes_is_not() {
        // An executable's start: mostly NUL and control bytes.
        let mut elf = b"\x7fELF\x02\x01\x01\0\0\0\0\0\0\0\0\0\x03\0>\0\x01\0\0\0".to_vec();
        elf.extend(std::iter::repeat_n(0u8, 200));
        assert_eq!(kind(&elf), Some(NotText::Binary));
        // Compressed data: bytes spread over the whole range (a simple generator stands for it).
        let mut x = 0x2545_F491_u32;
        let noise: Vec<u8> = (0..2000)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 17;
                x ^= x << 5;
                (x >> 24) as u8
            })
            .collect();
        assert_eq!(kind(&noise), Some(NotText::Binary));
        // A fuzzed header block with NUL and ESC bytes in its fields, and Windows-1252 text: still text.
        assert_eq!(kind(b"From: a@example.com\nMessage-Id:\0<1@example.com>\x1bTo: b@example.com\nDate: Wed, 4 Jun 2014 17:50:\x80\xff\n"), None);
        assert_eq!(
            kind("Subject: Facture \u{e9}chue\nFrom: Ren\u{e9} <rene@example.com>\n".as_bytes()),
            None
        );
        assert_eq!(kind(b"Subject: Facture \xe9chue\nFrom: Ren\xe9 <rene@example.com>\n"), None);
        // UTF-16 text (zero bytes in every other place) is text.
        let utf16: Vec<u8> = PLAIN.encode_utf16().flat_map(u16::to_le_bytes).collect();
        assert_eq!(kind(&utf16), None);
    }

    #[test]
    fn binary_input_is_reported_with_a_notice_and_never_parsed() {
        let report = crate::analyze(b"%PDF-1.7\nReceived: from a by b; Mon, 1 Jan 2024 10:00:00 +0000\n");
        assert!(report.hops.is_empty() && report.headers.is_empty() && report.findings.is_empty());
        assert!(!report.input.looks_like_headers);
        let notice = report.input.notice.expect("a notice").render(crate::catalog::Lang::En);
        assert!(notice.starts_with("This looks like a PDF file, not email headers."), "{notice}");
        assert_eq!(report.input.bytes, 63);
        let empty = crate::analyze(b"\n\n").input.notice.expect("a notice").render(crate::catalog::Lang::Fr);
        assert!(empty.starts_with("L'entrée est vide"), "{empty}");
        assert!(crate::analyze(PLAIN.as_bytes()).input.notice.is_none());
    }

    #[test]
    fn clean_text_of_a_span() {
        let crlf = PLAIN.replace('\n', "\r\n");
        let src = Source::new(crlf.as_bytes());
        let f = &crate::headers::split(&src)[0];
        assert!(src.text(f.span).contains("\r\n\tby"));
        assert_eq!(src.clean_text(f.span), PLAIN.lines().take(2).collect::<Vec<_>>().join("\n"));
    }
}
