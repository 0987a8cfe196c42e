//! Bytes to text, once for the core and the site: UTF-8 as given; UTF-16 as Windows writes it
//! (Notepad's "Unicode", Windows PowerShell 5.1's `Out-File` and `>`), told by its byte order mark
//! or by the zero bytes of its ASCII characters; anything else read as UTF-8 where it is UTF-8 and as
//! Windows-1252 byte by byte where it is not.
//!
//! Header fields must be ASCII (RFC 5322 §2.2), with other characters encoded as RFC 2047 encoded
//! words, but older and broken mailers write 8-bit text in the sender's character set as is. In
//! Western mail that is Windows-1252 or Latin-1 (ISO 8859-1), which Windows-1252 extends: reading a
//! stray byte that way keeps "René" and "café" readable instead of turning them into U+FFFD, and a
//! note says which characters were read so, since the guess may be wrong for other languages.

use std::borrow::Cow;

/// How the input's bytes were read as text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Encoding {
    /// Valid UTF-8 (ASCII included).
    #[default]
    Utf8,
    /// UTF-16, little-endian (what Windows writes).
    Utf16Le,
    /// UTF-16, big-endian.
    Utf16Be,
    /// Mostly UTF-8, with bytes that are not UTF-8 read as Windows-1252.
    Utf8WithWindows1252,
}

/// Text decoded from bytes, with how.
#[derive(Debug, Clone)]
pub struct Decoded<'a> {
    pub text: Cow<'a, str>,
    pub encoding: Encoding,
    /// Byte offsets in `text` of the characters read as Windows-1252 (empty unless
    /// [`Encoding::Utf8WithWindows1252`]).
    pub windows_1252_at: Vec<usize>,
}

/// Reads `bytes` as text: see the module's documentation. Never fails; a byte Windows-1252 leaves
/// undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D) and an unpaired UTF-16 surrogate become U+FFFD.
pub fn decode(bytes: &[u8]) -> Decoded<'_> {
    decode_within(bytes, usize::MAX).0
}

/// [`decode`] of at most about `max` bytes of text: all of valid UTF-8 (borrowed, it costs no copy),
/// else the first `max` bytes (moved back to a character's start; twice that for UTF-16, whose
/// characters take two bytes). Also returns how many bytes were left undecoded.
pub(crate) fn decode_within(bytes: &[u8], max: usize) -> (Decoded<'_>, usize) {
    if let Some(encoding) = utf16(bytes) {
        let window = &bytes[..bytes.len().min(max.saturating_mul(2)) & !1];
        let rest = bytes.len() - window.len();
        return (decode_utf16(window, encoding), rest);
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => {
            (Decoded { text: Cow::Borrowed(text), encoding: Encoding::Utf8, windows_1252_at: Vec::new() }, 0)
        }
        Err(_) => {
            let end = window_end(bytes, max);
            let mut text = String::with_capacity(end + end / 8);
            let mut at = Vec::new();
            for chunk in bytes[..end].utf8_chunks() {
                text.push_str(chunk.valid());
                for &b in chunk.invalid() {
                    at.push(text.len());
                    text.push(windows_1252(b));
                }
            }
            let decoded = Decoded {
                text: Cow::Owned(text),
                encoding: Encoding::Utf8WithWindows1252,
                windows_1252_at: at,
            };
            (decoded, bytes.len() - end)
        }
    }
}

/// Where to stop decoding bytes that are not valid UTF-8: after `max` bytes, moved back (by at most 3
/// bytes) to the start of a character, so the decoded window is the start of what decoding the whole
/// input would give.
fn window_end(bytes: &[u8], max: usize) -> usize {
    if bytes.len() <= max {
        return bytes.len();
    }
    let mut end = max;
    while end > max.saturating_sub(3) && (0x80..0xc0).contains(&bytes[end]) {
        end -= 1;
    }
    end
}

fn decode_utf16(bytes: &[u8], encoding: Encoding) -> Decoded<'_> {
    let body = if bytes.len() >= 2 && matches!((bytes[0], bytes[1]), (0xFF, 0xFE) | (0xFE, 0xFF)) {
        &bytes[2..]
    } else {
        bytes
    };
    let units = body.chunks_exact(2).map(|pair| match encoding {
        Encoding::Utf16Be => u16::from_be_bytes([pair[0], pair[1]]),
        _ => u16::from_le_bytes([pair[0], pair[1]]),
    });
    let text: String = char::decode_utf16(units).map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER)).collect();
    Decoded { text: Cow::Owned(text), encoding, windows_1252_at: Vec::new() }
}

/// UTF-16 by its byte order mark, or, without one, by zero bytes in every other place of the first
/// 64 bytes (the high byte of ASCII characters, which header fields are made of).
pub(crate) fn utf16(bytes: &[u8]) -> Option<Encoding> {
    match bytes {
        [0xFF, 0xFE, ..] => return Some(Encoding::Utf16Le),
        [0xFE, 0xFF, ..] => return Some(Encoding::Utf16Be),
        _ => {}
    }
    let head = &bytes[..bytes.len().min(64) & !1];
    if head.len() < 8 {
        return None;
    }
    let zeros_at = |parity: usize| head.iter().skip(parity).step_by(2).all(|&b| b == 0);
    let text_at = |parity: usize| head.iter().skip(parity).step_by(2).all(|&b| b != 0);
    if zeros_at(1) && text_at(0) {
        Some(Encoding::Utf16Le)
    } else if zeros_at(0) && text_at(1) {
        Some(Encoding::Utf16Be)
    } else {
        None
    }
}

/// One byte of Windows-1252 as a character (WHATWG Encoding's index for windows-1252; its five
/// unassigned bytes as U+FFFD).
fn windows_1252(b: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{FFFD}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{FFFD}', 'Ž', '\u{FFFD}',
        '\u{FFFD}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{FFFD}', 'ž', 'Ÿ',
    ];
    match b {
        0x80..=0x9F => HIGH[usize::from(b - 0x80)],
        _ => char::from(b),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_is_borrowed_as_given() {
        let d = decode("From: René <rene@example.com>\n".as_bytes());
        assert_eq!(d.encoding, Encoding::Utf8);
        assert!(matches!(d.text, Cow::Borrowed(_)));
        assert!(d.windows_1252_at.is_empty());
    }

    #[test]
    fn bytes_that_are_not_utf8_are_read_as_windows_1252_and_located() {
        // Latin-1 é, Windows-1252 € and ’, between valid UTF-8 (ü) and ASCII.
        let d = decode(b"Subject: caf\xe9 \x80 it\x92s \xc3\xbc\n");
        assert_eq!(d.encoding, Encoding::Utf8WithWindows1252);
        assert_eq!(d.text, "Subject: café € it’s ü\n");
        let read: Vec<&str> = d
            .windows_1252_at
            .iter()
            .map(|&i| &d.text[i..i + d.text[i..].chars().next().unwrap().len_utf8()])
            .collect();
        assert_eq!(read, ["é", "€", "’"]);
        // Unassigned bytes are not invented.
        assert_eq!(decode(b"a\x81b").text, "a\u{FFFD}b");
    }

    #[test]
    fn utf16_with_and_without_byte_order_mark() {
        let text = "From: alice@example.com\r\nSubject: Réunion\r\n";
        let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        let with_bom = [&[0xFF, 0xFE][..], &le].concat();
        for (bytes, encoding) in [
            (with_bom.as_slice(), Encoding::Utf16Le),
            (le.as_slice(), Encoding::Utf16Le),
            ([&[0xFE, 0xFF][..], &be].concat().as_slice(), Encoding::Utf16Be),
            (be.as_slice(), Encoding::Utf16Be),
        ] {
            let d = decode(bytes);
            assert_eq!(d.encoding, encoding);
            assert_eq!(d.text, text);
        }
        // An odd trailing byte and an unpaired surrogate do not panic.
        let mut odd = with_bom.clone();
        odd.extend_from_slice(&[0x00, 0xD8, 0x41]);
        assert!(decode(&odd).text.ends_with('\u{FFFD}'));
    }

    #[test]
    fn binary_with_zero_bytes_is_not_taken_for_utf16() {
        // A .msg/zip-like start: zeros, but not in every other place.
        let bytes = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0, 0, 0, 0, 0, 0, 0, 0x3E, 0, 3, 0];
        assert_ne!(decode(&bytes).encoding, Encoding::Utf16Le);
        assert_ne!(decode(&bytes).encoding, Encoding::Utf16Be);
    }
}
