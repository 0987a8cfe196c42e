//! Small helpers shared by every layer (readers, diagnostics, renderers): durations, and ASCII case on the
//! hot paths without heap copies. Imports nothing from the crate.

/// Formats seconds as a short duration: `0 s`, `0.041 s`, `42 s`, `3 min 5 s`, `2 h 4 min`, `1 d 3 h`.
pub fn duration(seconds: f64) -> String {
    if !seconds.is_finite() {
        return "-".to_string();
    }
    let neg = seconds < 0.0;
    let abs = seconds.abs();
    let s = abs.round() as i64;
    let text = if abs > 0.0 && abs < 1.0 {
        let ms = (abs * 1000.0).round() as i64;
        if ms == 0 { "0 s".to_string() } else { format!("0.{ms:03} s") }
    } else if s < 60 {
        format!("{s} s")
    } else if s < 3600 {
        format!("{} min {} s", s / 60, s % 60)
    } else if s < 86_400 {
        format!("{} h {} min", s / 3600, s / 60 % 60)
    } else {
        format!("{} d {} h", s / 86_400, s / 3600 % 24)
    };
    if neg && text != "0 s" { format!("-{text}") } else { text }
}

/// A text in ASCII lower case, on the stack when it is short (up to 64 bytes): field names and keywords are
/// compared in lower case once per field, and a heap copy per comparison was a large share of an analysis.
/// Each `as_str` checks the bytes again (the crate forbids `unsafe`): bind it once, `let l: &str = &lower(t);`.
pub(crate) enum Lower {
    Inline([u8; 64], u8),
    Heap(String),
}

impl Lower {
    pub(crate) fn as_str(&self) -> &str {
        match self {
            // ASCII lower-casing keeps UTF-8 valid, so this never falls back.
            Lower::Inline(buf, len) => std::str::from_utf8(&buf[..usize::from(*len)]).unwrap_or(""),
            Lower::Heap(s) => s,
        }
    }
}

impl std::ops::Deref for Lower {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl PartialEq<&str> for Lower {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

/// `text.to_ascii_lowercase()` without a heap allocation for texts up to 64 bytes.
pub(crate) fn lower(text: &str) -> Lower {
    let bytes = text.as_bytes();
    if bytes.len() > 64 {
        return Lower::Heap(text.to_ascii_lowercase());
    }
    let mut buf = [0u8; 64];
    for (slot, b) in buf.iter_mut().zip(bytes) {
        *slot = b.to_ascii_lowercase();
    }
    Lower::Inline(buf, bytes.len() as u8)
}

/// True when `hay` contains `needle` (lower-case ASCII) in any ASCII case, without a lower-cased copy of `hay`.
pub(crate) fn contains_ignore_case(hay: &str, needle: &str) -> bool {
    let (hay, needle) = (hay.as_bytes(), needle.as_bytes());
    let Some(&first) = needle.first() else { return true };
    hay.len() >= needle.len()
        && (0..=hay.len() - needle.len()).any(|i| {
            hay[i].eq_ignore_ascii_case(&first) && hay[i..i + needle.len()].eq_ignore_ascii_case(needle)
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations() {
        assert_eq!(duration(0.0), "0 s");
        assert_eq!(duration(0.041), "0.041 s");
        assert_eq!(duration(-0.028), "-0.028 s");
        assert_eq!(duration(42.0), "42 s");
        assert_eq!(duration(185.0), "3 min 5 s");
        assert_eq!(duration(7440.0), "2 h 4 min");
        assert_eq!(duration(97_200.0), "1 d 3 h");
        assert_eq!(duration(-129.0), "-2 min 9 s");
        assert_eq!(duration(f64::NAN), "-");
    }

    #[test]
    fn lower_matches_the_standard_library() {
        for text in ["X-Spam-Status", "", "ÉCOLE-Received", &"A".repeat(64), &"Ab".repeat(40), "x-ms-ÄÖ"] {
            assert_eq!(lower(text).as_str(), text.to_ascii_lowercase());
        }
        assert!(lower("X-TM-AS-Result") == "x-tm-as-result");
    }

    #[test]
    fn contains_ignoring_case() {
        assert!(contains_ignore_case("with Microsoft SMTP Server", "microsoft smtp"));
        assert!(contains_ignore_case("MICROSOFT", "microsoft"));
        assert!(contains_ignore_case("anything", ""));
        assert!(!contains_ignore_case("Micro soft", "microsoft"));
        assert!(!contains_ignore_case("é", "microsoft"));
        assert!(contains_ignore_case("Überträger SMTPSVC", "smtpsvc"));
    }
}
