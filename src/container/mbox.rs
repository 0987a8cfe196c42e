//! mbox: messages one after another, each starting with a `From ` line (mboxo / mboxrd).
//!
//! A message starts at a line beginning `From ` at the start of the file or after an empty line
//! (the separator every writer puts between messages). Body lines that began with `From ` were
//! quoted by the writer as `>From `; mboxrd quotes `>From ` again as `>>From `, so one `>` is
//! removed from every `>…>From ` line (for mboxo files this also unquotes a `>From ` that was
//! written so, which only touches body text). [`Reader`] reads from any `BufRead`, one message
//! at a time, with a bound on the bytes kept per message and per line, so a multi-gigabyte
//! archive is read in bounded memory.

use std::io::{self, BufRead};

/// Bytes kept of one message (the rest of it is skipped and counted): 64 MiB. The analysis reads
/// the first 2 MiB of a message; the rest matters only for attached messages.
pub const MAX_MESSAGE_BYTES: usize = 64 * 1024 * 1024;

/// The clean-up note of a message cut at [`MAX_MESSAGE_BYTES`]: "the message is larger than 64 MiB: its last
/// {skipped} bytes were not read".
pub fn skipped_note(skipped: u64) -> crate::catalog::Text {
    crate::catalog::msg!("container.mbox-skipped", max = MAX_MESSAGE_BYTES / (1024 * 1024), skipped).into()
}

/// One message of an mbox.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MboxMessage {
    /// The message without its `From ` line and without the separating blank line, `>From` unquoted.
    pub bytes: Vec<u8>,
    /// The `From ` line as written (line break excluded, lossy UTF-8).
    pub from_line: String,
    /// Bytes of the message that were not kept (beyond [`MAX_MESSAGE_BYTES`]).
    pub skipped: u64,
}

/// True when `line` is an mbox separator line: `From ` followed by text, not a `From:` field.
pub fn is_from_line(line: &[u8]) -> bool {
    line.starts_with(b"From ") && {
        let end = line.iter().position(|&b| b == b'\n' || b == b'\r').unwrap_or(line.len());
        !crate::input::looks_like_field(&String::from_utf8_lossy(&line[..end.min(1000)]))
    }
}

/// Reads messages one by one.
pub struct Reader<R> {
    input: R,
    max_message: usize,
    /// The `From ` line that starts the next message, once read.
    next_from: Option<String>,
    started: bool,
    done: bool,
    line: Vec<u8>,
}

impl<R: BufRead> Reader<R> {
    pub fn new(input: R) -> Reader<R> {
        Reader::with_limit(input, MAX_MESSAGE_BYTES)
    }

    pub fn with_limit(input: R, max_message: usize) -> Reader<R> {
        Reader { input, max_message, next_from: None, started: false, done: false, line: Vec::new() }
    }

    /// The input being read.
    pub fn get_ref(&self) -> &R {
        &self.input
    }

    /// Reads one line (line break included) into `self.line`, keeping at most `limit` bytes of it.
    /// Returns the line's whole length (0 at the end of the input).
    fn read_line(&mut self, limit: usize) -> io::Result<usize> {
        self.line.clear();
        let mut total = 0;
        loop {
            let buf = match self.input.fill_buf() {
                Ok(b) => b,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            if buf.is_empty() {
                return Ok(total);
            }
            let (take, found) = match buf.iter().position(|&b| b == b'\n') {
                Some(i) => (i + 1, true),
                None => (buf.len(), false),
            };
            let room = limit.saturating_sub(self.line.len());
            self.line.extend_from_slice(&buf[..take.min(room)]);
            self.input.consume(take);
            total += take;
            if found {
                return Ok(total);
            }
        }
    }

    fn next_message(&mut self) -> io::Result<Option<MboxMessage>> {
        if self.done {
            return Ok(None);
        }
        // Find the first `From ` line (blank lines before it are skipped).
        if !self.started {
            self.started = true;
            loop {
                if self.read_line(1000)? == 0 {
                    self.done = true;
                    return Ok(None);
                }
                if is_from_line(&self.line) {
                    self.next_from = Some(line_text(&self.line));
                    break;
                }
                if !self.line.iter().all(u8::is_ascii_whitespace) {
                    // Not an mbox: read everything as one message.
                    let mut msg =
                        MboxMessage { bytes: self.line.clone(), from_line: String::new(), skipped: 0 };
                    self.rest_into(&mut msg)?;
                    return Ok(Some(msg));
                }
            }
        }
        let Some(from_line) = self.next_from.take() else {
            self.done = true;
            return Ok(None);
        };
        let mut msg = MboxMessage { bytes: Vec::new(), from_line, skipped: 0 };
        self.rest_into(&mut msg)?;
        Ok(Some(msg))
    }

    /// Reads lines into `msg` up to the next `From ` line after an empty line (or the end).
    fn rest_into(&mut self, msg: &mut MboxMessage) -> io::Result<()> {
        let mut prev_empty = false;
        loop {
            let room = self.max_message.saturating_sub(msg.bytes.len());
            let len = self.read_line(room.max(1000))?;
            if len == 0 {
                self.done = true;
                break;
            }
            if prev_empty && is_from_line(&self.line) {
                self.next_from = Some(line_text(&self.line));
                // Drop the separating empty line.
                strip_trailing_line_break(&mut msg.bytes);
                return Ok(());
            }
            prev_empty = self.line == b"\n" || self.line == b"\r\n";
            // Bytes of the line beyond the per-line bound were not read into `self.line`.
            let unread = len - self.line.len();
            let line = unquote(&self.line);
            let keep = line.len().min(room);
            msg.bytes.extend_from_slice(&line[..keep]);
            msg.skipped += (unread + line.len() - keep) as u64;
        }
        if prev_empty {
            strip_trailing_line_break(&mut msg.bytes);
        }
        Ok(())
    }
}

impl<R: BufRead> Iterator for Reader<R> {
    type Item = io::Result<MboxMessage>;
    fn next(&mut self) -> Option<Self::Item> {
        match self.next_message() {
            Ok(Some(m)) => Some(Ok(m)),
            Ok(None) => None,
            Err(e) => {
                self.done = true;
                Some(Err(e))
            }
        }
    }
}

/// Counts the messages of an mbox without keeping them (a first pass, for "message 2 of N").
pub fn count<R: BufRead>(input: R) -> io::Result<usize> {
    let reader = Reader::with_limit(input, 0);
    let mut n = 0;
    for m in reader {
        m?;
        n += 1;
    }
    Ok(n)
}

fn line_text(line: &[u8]) -> String {
    String::from_utf8_lossy(line).trim_end_matches(['\r', '\n']).to_string()
}

fn strip_trailing_line_break(bytes: &mut Vec<u8>) {
    if bytes.ends_with(b"\r\n") {
        bytes.truncate(bytes.len() - 2);
    } else if bytes.ends_with(b"\n") {
        bytes.truncate(bytes.len() - 1);
    }
}

/// `>From ` → `From `, `>>From ` → `>From ` (mboxrd); other lines unchanged.
fn unquote(line: &[u8]) -> &[u8] {
    let gts = line.iter().take_while(|&&b| b == b'>').count();
    if gts > 0 && line[gts..].starts_with(b"From ") { &line[1..] } else { line }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Vec<MboxMessage> {
        Reader::new(text.as_bytes()).map(|m| m.unwrap()).collect()
    }

    const MBOX: &str = "From alice@example.org Mon Jan  1 10:00:00 2024\n\
Subject: one\n\nHello\n>From the start\n>>From quoted\n\n\
From bob@example.net Mon Jan  1 11:00:00 2024\n\
Subject: two\n\nBody\nFrom here on, not a separator (no empty line before)\n\n\
From carol@example.com Mon Jan  1 12:00:00 2024\nSubject: three\n\nLast\n";

    #[test]
    fn splits_at_from_lines_after_an_empty_line_and_unquotes() {
        let msgs = read(MBOX);
        assert_eq!(msgs.len(), 3);
        assert_eq!(msgs[0].from_line, "From alice@example.org Mon Jan  1 10:00:00 2024");
        assert_eq!(msgs[0].bytes, b"Subject: one\n\nHello\nFrom the start\n>From quoted\n");
        assert_eq!(
            String::from_utf8_lossy(&msgs[1].bytes),
            "Subject: two\n\nBody\nFrom here on, not a separator (no empty line before)\n"
        );
        assert_eq!(msgs[2].bytes, b"Subject: three\n\nLast\n");
        assert_eq!(count(MBOX.as_bytes()).unwrap(), 3);
        // Unquoting is not skipping.
        assert!(msgs.iter().all(|m| m.skipped == 0));
    }

    #[test]
    fn crlf_mbox() {
        let msgs = read(&MBOX.replace('\n', "\r\n"));
        assert_eq!(msgs.len(), 3);
        assert!(msgs[0].bytes.starts_with(b"Subject: one\r\n"));
        assert!(msgs[0].bytes.ends_with(b">From quoted\r\n"));
    }

    #[test]
    fn a_from_field_is_not_a_separator() {
        assert!(!is_from_line(b"From: alice@example.org"));
        assert!(is_from_line(b"From alice@example.org Mon Jan  1 10:00:00 2024"));
        assert!(is_from_line(b"From MAILER-DAEMON Fri Jul  8 12:08:34 2011"));
    }

    #[test]
    fn messages_over_the_limit_are_cut_and_counted() {
        let big =
            format!("From a@example.org Mon Jan  1 10:00:00 2024\nSubject: big\n\n{}\n", "x".repeat(5000));
        let msgs: Vec<_> = Reader::with_limit(big.as_bytes(), 100).map(|m| m.unwrap()).collect();
        assert_eq!(msgs.len(), 1);
        assert_eq!(msgs[0].bytes.len(), 100);
        assert_eq!(
            msgs[0].bytes.len() as u64 + msgs[0].skipped,
            (big.len() - big.find('\n').unwrap() - 1) as u64
        );
    }

    #[test]
    fn empty_and_blank_input() {
        assert!(read("").is_empty());
        assert!(read("\n\n  \n").is_empty());
    }
}
