//! Pages copied whole from a webmail "show original" view: the summary printed above the headers.
//!
//! Gmail's "Show original" page starts with its own summary table (`Original message`, then
//! `Message ID`, `Created at:`, `From:`, `To:`, `Subject:`, `SPF:`, `DKIM:`, `DMARC:` with a tab
//! between label and value, then the `Download original` and `Copy to clipboard` links) and the
//! message's real header section below it. Read as header fields, that table gives a second From and To.
//! [`gmail_preamble`] recognises it so the input clean-up can skip it, and returns it as what it is:
//! the receiver's summary ([`ReceiverSummary`]).
//!
//! Outlook on the web ("View message details"), Yahoo ("View raw message") and Apple Mail ("Raw
//! Source") show the header section (or the whole message) without a summary of their own above it;
//! their copies are handled by the ordinary paste clean-up (`Name:<tab>value` is a field).

use crate::model::{ReceiverSummary, Span, SummaryItem};

/// Who printed the summary.
pub(crate) const GMAIL: &str = "Gmail \"Show original\"";

/// Lines the preamble may have before `Download original` (the table has 9; room for Cc and wraps).
const MAX_PREAMBLE_LINES: usize = 24;

/// Gmail's summary at the top of `text`, and the offset in `text` where the rest (the header section)
/// starts. `None` unless the text starts (after blank lines) with Gmail's table and its `Download
/// original` line follows within a few lines.
pub(crate) fn gmail_preamble(text: &str) -> Option<(ReceiverSummary, usize)> {
    // Nearly every paste has no such table: without its `Download original` line within the lines the table may
    // have, nothing below is read (the lines up to the last `\n` it may hold, enough for any line endings).
    let mut window = 0;
    for _ in 0..=MAX_PREAMBLE_LINES {
        match text[window..].find('\n') {
            Some(i) => window += i + 1,
            None => {
                window = text.len();
                break;
            }
        }
    }
    if !crate::words::contains_ignore_case(&text[..window], "download original") {
        return None;
    }
    let mut items = Vec::new();
    let mut start = None;
    let mut seen_title = false;
    for (n, (line_start, line)) in lines(text).enumerate() {
        if n > MAX_PREAMBLE_LINES {
            return None;
        }
        let trimmed = line.trim();
        if trimmed.is_empty() {
            continue;
        }
        let first = *start.get_or_insert(line_start);
        if trimmed.eq_ignore_ascii_case("Original message") && !seen_title && items.is_empty() {
            seen_title = true;
            continue;
        }
        if let Some(rest) = strip_prefix_ci(trimmed, "Download original") {
            // The two links, on one line or two.
            let mut end = line_start + line.len();
            let rest = rest.trim();
            if rest.is_empty() || rest.eq_ignore_ascii_case("Copy to clipboard") {
                if rest.is_empty()
                    && let Some((next_start, next)) = next_nonblank_line(text, end)
                    && next.trim().eq_ignore_ascii_case("Copy to clipboard")
                {
                    end = next_start + next.len();
                }
            } else {
                return None;
            }
            if items.is_empty() || !(seen_title || items.iter().any(|i: &Item<'_>| is_auth_label(i.label))) {
                return None;
            }
            let end = skip_line_break(text, end);
            let summary = ReceiverSummary {
                source: GMAIL.to_string(),
                items: items.into_iter().map(Item::owned).collect(),
                span: Span::new(first, line_start + line.len()),
            };
            return Some((summary, end));
        }
        items.push(item(line_start, line)?);
    }
    None
}

fn is_auth_label(label: &str) -> bool {
    ["SPF", "DKIM", "DMARC"].iter().any(|l| label.eq_ignore_ascii_case(l))
}

/// One line of the table, borrowed from the input until the table is recognised (most pastes start with
/// header fields, which read as items until a line does not).
struct Item<'a> {
    label: &'a str,
    value: &'a str,
    span: Span,
}

impl Item<'_> {
    fn owned(self) -> SummaryItem {
        SummaryItem { label: self.label.to_string(), value: self.value.to_string(), span: self.span }
    }
}

/// One `Label:<tab>value` line of the table (`Message ID` has no colon).
fn item(line_start: usize, line: &str) -> Option<Item<'_>> {
    let lead = line.len() - line.trim_start().len();
    let body = line.trim_start();
    let (label, value_at) = if let Some(tab) = body.find('\t') {
        (&body[..tab], tab + 1)
    } else if let Some(rest) = strip_prefix_ci(body, "Message ID") {
        ("Message ID", body.len() - rest.len())
    } else {
        let colon = body.find(':')?;
        (&body[..colon], colon + 1)
    };
    let label = label.trim().trim_end_matches(':').trim();
    // Labels are a few words ("Created at", "Message ID"); anything longer is not Gmail's table.
    if label.is_empty() || label.len() > 20 || label.split_whitespace().count() > 3 {
        return None;
    }
    let raw_value = &body[value_at..];
    let value_lead = raw_value.len() - raw_value.trim_start().len();
    let mut value = raw_value.trim();
    if let Some(v) = value.strip_suffix("Learn more") {
        value = v.trim_end();
    }
    let vstart = line_start + lead + value_at + value_lead;
    Some(Item { label, value, span: Span::new(vstart, vstart + value.len()) })
}

fn strip_prefix_ci<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    let head = s.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix).then(|| &s[prefix.len()..])
}

/// Lines with their start offsets, line breaks (LF, CRLF, CR) excluded.
fn lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut pos = 0;
    std::iter::from_fn(move || {
        if pos >= text.len() {
            return None;
        }
        let start = pos;
        let rest = &text[start..];
        let len = rest.find(['\n', '\r']).unwrap_or(rest.len());
        pos = skip_line_break(text, start + len);
        Some((start, &text[start..start + len]))
    })
}

fn skip_line_break(text: &str, at: usize) -> usize {
    let b = text.as_bytes();
    match (b.get(at), b.get(at + 1)) {
        (Some(b'\r'), Some(b'\n')) => at + 2,
        (Some(b'\r' | b'\n'), _) => at + 1,
        _ => at,
    }
}

fn next_nonblank_line(text: &str, from: usize) -> Option<(usize, &str)> {
    let from = skip_line_break(text, from);
    lines(&text[from..]).find(|(_, l)| !l.trim().is_empty()).map(|(s, l)| (from + s, l))
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(crate) const PAGE: &str = "Original message\n\
Message ID\t<CAF1x2y3@mail.example.com>\n\
Created at:\tMon, Nov 30, 2026 at 10:15 AM (Delivered after 3 seconds)\n\
From:\tAlice Example <alice@example.com>\n\
To:\tbob@example.org\n\
Subject:\tQuarterly figures\n\
SPF:\tPASS with IP 192.0.2.10 Learn more\n\
DKIM:\t'PASS' with domain example.com Learn more\n\
DMARC:\t'PASS' Learn more\n\
Download original  Copy to clipboard\n\
Delivered-To: bob@example.org\n\
Received: from mail.example.com (mail.example.com [192.0.2.10])\n\
        by mx.example.org with ESMTPS id x1; Mon, 30 Nov 2026 10:15:01 -0800\n\
From: Alice Example <alice@example.com>\n\
To: bob@example.org\n\
Subject: Quarterly figures\n";

    #[test]
    fn gmail_table_is_read_and_ends_at_the_links() {
        let (summary, end) = gmail_preamble(PAGE).unwrap();
        assert_eq!(&PAGE[end..end + 13], "Delivered-To:");
        let labels: Vec<&str> = summary.items.iter().map(|i| i.label.as_str()).collect();
        assert_eq!(labels, ["Message ID", "Created at", "From", "To", "Subject", "SPF", "DKIM", "DMARC"]);
        let spf = &summary.items[5];
        assert_eq!(spf.value, "PASS with IP 192.0.2.10");
        assert_eq!(&PAGE[spf.span.start()..spf.span.end()], "PASS with IP 192.0.2.10");
        assert_eq!(summary.items[0].value, "<CAF1x2y3@mail.example.com>");
        assert!(PAGE[summary.span.start()..summary.span.end()].starts_with("Original message"));
    }

    #[test]
    fn links_on_two_lines_and_crlf() {
        let page =
            PAGE.replace("Download original  Copy to clipboard", "Download original\nCopy to clipboard");
        let page = page.replace('\n', "\r\n");
        let (_, end) = gmail_preamble(&page).unwrap();
        assert!(page[end..].starts_with("Delivered-To:"));
    }

    #[test]
    fn ordinary_headers_are_not_a_preamble() {
        assert!(gmail_preamble("From: a@example.org\nTo: b@example.org\nSubject: hi\n").is_none());
        // A header block that mentions the link text further down is not the page either.
        let text = "Received: from a by b; Mon, 1 Jan 2024 10:00:00 +0000\nSubject: Download original\n";
        assert!(gmail_preamble(text).is_none());
        // Fields without the links are headers.
        let no_links = PAGE.replace("Download original  Copy to clipboard\n", "");
        assert!(gmail_preamble(&no_links).is_none());
    }
}
