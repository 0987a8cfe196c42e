//! Small helpers shared by every layer (readers, diagnostics, renderers): durations, numbers, and ASCII case
//! on the hot paths without heap copies. Imports nothing from the crate.
//!
//! Numbers: [`number`] writes an `f64` as `format!("{x}")` does and [`fixed`] as `format!("{x:.N}")` does,
//! through exact integer arithmetic, and [`parse_number`] reads one as `str::parse::<f64>` does, so that the
//! site's wasm carries none of the standard library's float formatting and parsing (about 13 KB of code, and
//! a 20 KB table of powers of five that gzip cannot shrink; issue 14). [`number_text`] and [`duration`] are
//! the same numbers for prose, with the decimal separator and units of the reader's language.

use crate::catalog::{Text, msg};

/// Seconds as a short duration, in the reader's language when rendered: `0 s`, `0.041 s`, `42 s`,
/// `3 min 5 s`, `2 h 4 min`, `1 d 3 h` (French: `0,041 s`, `1 j 3 h`). The one duration of the report, the
/// site and the command line: the day unit and the decimal separator come from the catalogue
/// (`catalog/words.rs`), so every caller gets both languages without a copy.
pub fn duration(seconds: f64) -> Text {
    if !seconds.is_finite() {
        return Text::raw("-");
    }
    let sign = if seconds < 0.0 { "-" } else { "" };
    let abs = seconds.abs();
    let s = abs.round() as i64;
    if abs > 0.0 && abs < 1.0 {
        let ms = (abs * 1000.0).round() as i64;
        if ms == 0 {
            return Text::raw("0 s");
        }
        let mut t = Text::raw(sign);
        t.push(msg!("number.decimal", int = "0", frac = format!("{ms:03}")));
        t.push_str(" s");
        return t;
    }
    if s == 0 {
        return Text::raw("0 s");
    }
    if s < 60 {
        Text::raw(format!("{sign}{s} s"))
    } else if s < 3600 {
        Text::raw(format!("{sign}{} min {} s", s / 60, s % 60))
    } else if s < 86_400 {
        Text::raw(format!("{sign}{} h {} min", s / 3600, s / 60 % 60))
    } else {
        let mut t = Text::raw(sign);
        t.push(msg!("duration.days-hours", d = s / 86_400, h = s / 3600 % 24));
        t
    }
}

/// `x` in prose, as [`number`] writes it with the reader's decimal separator (`4.2`, French `4,2`), looked
/// up when rendered. Values quoted as the header wrote them (evidence, `score=4.2`) stay as written: use this
/// only for numbers the report states in its own words.
pub fn number_text(x: f64) -> Text {
    decimal(number(x))
}

/// `x` in prose with `decimals` digits after the separator, as [`fixed`] writes it (see [`number_text`]).
pub fn fixed_text(x: f64, decimals: u32) -> Text {
    decimal(fixed(x, decimals))
}

/// A number written with `.` as a text whose separator is the reader's (`number.decimal`).
fn decimal(written: String) -> Text {
    match written.split_once('.') {
        Some((int, frac)) => msg!("number.decimal", int = int.to_string(), frac = frac.to_string()).into(),
        None => Text::raw(written),
    }
}

/// `x` as `format!("{x}")` writes it: the fewest digits that read back as `x`, without an exponent.
pub fn number(x: f64) -> String {
    if !x.is_finite() {
        return special(x);
    }
    if x.abs() < TWO_POW_53 {
        // The fewest decimals that read back, each try rounded from the exact value with ties away from
        // zero (as the standard library's shortest form breaks them: 1000000000000000.25 → …0.3).
        // Fewer decimals than the zeros after the point cannot read back: start just below them (the count
        // is estimated in floating point, hence the margin of two).
        let (mut zeros, mut y) = (0u32, x.abs());
        while y != 0.0 && y < 0.1 && zeros < MAX_DECIMALS {
            y *= 10.0;
            zeros += 1;
        }
        for decimals in zeros.saturating_sub(2)..=MAX_DECIMALS {
            let text = rounded(x, decimals, false);
            if parse_number(&text) == Some(x) {
                return text;
            }
        }
        return rounded(x, MAX_DECIMALS, false);
    }
    // An integer: its fewest significant digits that read back, then zeros.
    let exact = fixed(x, 0);
    let (sign, digits) = exact.split_at(usize::from(x < 0.0));
    for zeros in (1..digits.len()).rev() {
        let (head, tail) = digits.split_at(digits.len() - zeros);
        let mut head = Big::from_decimal(head);
        // Round the dropped digits, ties away from zero.
        let first = tail.as_bytes()[0];
        if first >= b'5' {
            head.add_one();
        }
        let text = format!("{sign}{}{}", head.to_decimal(), "0".repeat(zeros));
        if parse_number(&text) == Some(x) {
            return text;
        }
    }
    exact
}

/// 2^53: from here on every f64 is an integer.
const TWO_POW_53: f64 = 9_007_199_254_740_992.0;
/// Decimals of the smallest subnormal (5e-324): every finite f64 reads back from this many.
const MAX_DECIMALS: u32 = 1074;

/// `x` with `decimals` digits after the point, rounded half to even from its exact binary value, as
/// `format!("{x:.decimals$}")` writes it.
pub fn fixed(x: f64, decimals: u32) -> String {
    rounded(x, decimals, true)
}

/// `x` with `decimals` digits after the point, rounded from its exact value, ties to even or away from zero.
fn rounded(x: f64, decimals: u32, ties_to_even: bool) -> String {
    if !x.is_finite() {
        return special(x);
    }
    let bits = x.to_bits();
    let exponent = ((bits >> 52) & 0x7ff) as i32;
    let fraction = bits & ((1 << 52) - 1);
    // |x| = mantissa × 2^power.
    let (mantissa, power) =
        if exponent == 0 { (fraction, -1074) } else { (fraction | (1 << 52), exponent - 1075) };
    // round(|x| × 10^decimals), exactly.
    let mut scaled = Big::from_u64(mantissa);
    for _ in 0..decimals {
        scaled.mul_small(10);
    }
    if power >= 0 {
        scaled.shl(power.unsigned_abs());
    } else {
        scaled.shr_round(power.unsigned_abs(), ties_to_even);
    }
    let digits = scaled.to_decimal();
    let mut out = String::with_capacity(digits.len() + 3);
    if bits >> 63 == 1 {
        out.push('-');
    }
    let decimals = decimals as usize;
    if decimals == 0 {
        out.push_str(&digits);
    } else {
        let zeros = (decimals + 1).saturating_sub(digits.len());
        out.extend(std::iter::repeat_n('0', zeros));
        out.push_str(&digits);
        out.insert(out.len() - decimals, '.');
    }
    out
}

fn special(x: f64) -> String {
    if x.is_nan() {
        "NaN"
    } else if x < 0.0 {
        "-inf"
    } else {
        "inf"
    }
    .to_string()
}

/// Reads a decimal number as `str::parse::<f64>` does (same grammar: optional sign, digits with an optional
/// point, optional exponent, or `inf`/`infinity`/`nan` in any case; the nearest f64, ties to even), without
/// the standard library's parser and its 20 KB table of powers of five.
pub(crate) fn parse_number(text: &str) -> Option<f64> {
    let bytes = text.as_bytes();
    let (negative, rest) = match bytes.first() {
        Some(b'-') => (true, &bytes[1..]),
        Some(b'+') => (false, &bytes[1..]),
        _ => (false, bytes),
    };
    let signed = |v: f64| if negative { -v } else { v };
    if rest.eq_ignore_ascii_case(b"inf") || rest.eq_ignore_ascii_case(b"infinity") {
        return Some(signed(f64::INFINITY));
    }
    if rest.eq_ignore_ascii_case(b"nan") {
        return Some(signed(f64::NAN));
    }
    // Significant digits (at most MAX_DIGITS kept, then one non-zero digit standing for any dropped ones)
    // and the power of ten they are scaled by.
    let mut digits: Vec<u8> = Vec::new();
    let mut dropped_non_zero = false;
    let mut exp10: i64 = 0;
    let mut seen_digit = false;
    let mut i = 0;
    let mut after_point = false;
    while i < rest.len() {
        match rest[i] {
            b @ b'0'..=b'9' => {
                seen_digit = true;
                if digits.is_empty() && b == b'0' {
                    // A leading zero: only moves the point.
                } else if digits.len() < MAX_DIGITS {
                    digits.push(b - b'0');
                } else {
                    dropped_non_zero |= b != b'0';
                    exp10 += 1;
                }
                if after_point {
                    exp10 -= 1;
                }
            }
            b'.' if !after_point => after_point = true,
            _ => break,
        }
        i += 1;
    }
    if !seen_digit {
        return None;
    }
    if i < rest.len() {
        if !matches!(rest[i], b'e' | b'E') {
            return None;
        }
        i += 1;
        let (exp_negative, start) = match rest.get(i) {
            Some(b'-') => (true, i + 1),
            Some(b'+') => (false, i + 1),
            _ => (false, i),
        };
        let exp_digits = &rest[start..];
        if exp_digits.is_empty() || !exp_digits.iter().all(u8::is_ascii_digit) {
            return None;
        }
        let mut e: i64 = 0;
        for &b in exp_digits {
            e = (e * 10 + i64::from(b - b'0')).min(1 << 40);
        }
        exp10 += if exp_negative { -e } else { e };
    }
    if digits.is_empty() {
        return Some(signed(0.0));
    }
    if dropped_non_zero {
        // Any digit beyond the kept ones only breaks ties: one more non-zero digit does the same.
        digits.push(1);
        exp10 -= 1;
    }
    // Beyond the range of f64 either way.
    let magnitude = digits.len() as i64 + exp10;
    if magnitude > 310 {
        return Some(signed(f64::INFINITY));
    }
    if magnitude < -330 {
        return Some(signed(0.0));
    }
    // Exact products and quotients of small integers (Clinger's fast path).
    if digits.len() <= 15 && (-22..=22).contains(&exp10) {
        let n = digits.iter().fold(0u64, |n, &d| n * 10 + u64::from(d)) as f64;
        let p = POWERS[exp10.unsigned_abs() as usize];
        return Some(signed(if exp10 < 0 { n / p } else { n * p }));
    }
    let mut num = Big::from_digits(&digits);
    let mut den = Big::from_u64(1);
    for _ in 0..exp10.max(0) {
        num.mul_small(10);
    }
    for _ in 0..(-exp10).max(0) {
        den.mul_small(10);
    }
    // num × 2^shift / den: at least 64 bits of quotient, so at least 11 are rounded off below.
    let shift = (64 + i64::from(den.bit_len()) - i64::from(num.bit_len())).max(0) as u32;
    num.shl(shift);
    let (mut q, inexact) = num.div_rem_sticky(&den);
    let power = -(shift as i64);
    let len = q.bit_len() as i64;
    // 53 bits, or fewer where the result is subnormal (no unit below 2^-1074).
    let drop = (len - 53).max(-1074 - power) as u32;
    q.shr_round_sticky(drop, inexact);
    let mantissa = q.to_u64();
    let power = power + i64::from(drop);
    Some(signed(scale(mantissa, power)))
}

const MAX_DIGITS: usize = 800;

const POWERS: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18,
    1e19, 1e20, 1e21, 1e22,
];

/// mantissa × 2^power for a mantissa of at most 2^53 and power ≥ -1074 (exact, or infinity past the range).
fn scale(mantissa: u64, power: i64) -> f64 {
    let m = mantissa as f64;
    if power >= 0 {
        if power > 1023 {
            return if mantissa == 0 { 0.0 } else { f64::INFINITY };
        }
        m * pow2(power as i32)
    } else if power >= -1022 {
        m * pow2(power as i32)
    } else {
        // A subnormal (or the smallest normals): m × 2^(power + 1074), then × 2^-1074, both exact.
        m * pow2((power + 1074) as i32) * f64::from_bits(1)
    }
}

/// 2^p for -1022 ≤ p ≤ 1023.
fn pow2(p: i32) -> f64 {
    f64::from_bits(((p + 1023) as u64) << 52)
}

/// A non-negative integer, little-endian base 2^32.
struct Big(Vec<u32>);

impl Big {
    fn from_digits(digits: &[u8]) -> Big {
        let mut n = Big(vec![0]);
        for &d in digits {
            n.mul_small(10);
            n.add_small(u32::from(d));
        }
        n
    }

    fn bit_len(&self) -> u32 {
        self.0.iter().rposition(|&l| l != 0).map_or(0, |i| i as u32 * 32 + (32 - self.0[i].leading_zeros()))
    }

    fn to_u64(&self) -> u64 {
        u64::from(self.0.first().copied().unwrap_or(0)) | u64::from(self.0.get(1).copied().unwrap_or(0)) << 32
    }

    fn ge(&self, other: &Big) -> bool {
        let len = self.0.len().max(other.0.len());
        for i in (0..len).rev() {
            let (a, b) = (self.0.get(i).copied().unwrap_or(0), other.0.get(i).copied().unwrap_or(0));
            if a != b {
                return a > b;
            }
        }
        true
    }

    /// self -= other (other ≤ self).
    fn sub(&mut self, other: &Big) {
        let mut borrow = 0i64;
        for i in 0..self.0.len() {
            let v = i64::from(self.0[i]) - i64::from(other.0.get(i).copied().unwrap_or(0)) - borrow;
            self.0[i] = v.rem_euclid(1 << 32) as u32;
            borrow = i64::from(v < 0);
        }
    }

    /// The quotient of self / den and whether a remainder is left (binary long division).
    fn div_rem_sticky(&self, den: &Big) -> (Big, bool) {
        let mut q = Big(vec![0; self.0.len()]);
        let mut rem = Big(vec![0]);
        for i in (0..self.bit_len()).rev() {
            rem.shl(1);
            if self.bit(i) {
                rem.0[0] |= 1;
            }
            if rem.ge(den) {
                rem.sub(den);
                q.0[(i / 32) as usize] |= 1 << (i % 32);
            }
        }
        (q, rem.0.iter().any(|&l| l != 0))
    }

    /// Divides by 2^bits (bits ≥ 1), rounding to nearest, ties to even, `inexact` standing for a non-zero
    /// fraction below the integer being divided.
    fn shr_round_sticky(&mut self, bits: u32, inexact: bool) {
        self.shr_rounding(bits, true, inexact);
    }

    fn from_u64(v: u64) -> Big {
        Big(vec![v as u32, (v >> 32) as u32])
    }

    fn from_decimal(digits: &str) -> Big {
        let mut n = Big(vec![0]);
        for b in digits.bytes() {
            n.mul_small(10);
            n.add_small(u32::from(b - b'0'));
        }
        n
    }

    fn mul_small(&mut self, m: u32) {
        let mut carry = 0u64;
        for limb in &mut self.0 {
            let v = u64::from(*limb) * u64::from(m) + carry;
            *limb = v as u32;
            carry = v >> 32;
        }
        if carry > 0 {
            self.0.push(carry as u32);
        }
    }

    fn add_small(&mut self, a: u32) {
        let mut carry = u64::from(a);
        for limb in &mut self.0 {
            if carry == 0 {
                return;
            }
            let v = u64::from(*limb) + carry;
            *limb = v as u32;
            carry = v >> 32;
        }
        if carry > 0 {
            self.0.push(carry as u32);
        }
    }

    fn add_one(&mut self) {
        self.add_small(1);
    }

    fn is_odd(&self) -> bool {
        self.0.first().is_some_and(|l| l & 1 == 1)
    }

    fn bit(&self, i: u32) -> bool {
        self.0.get((i / 32) as usize).is_some_and(|l| (l >> (i % 32)) & 1 == 1)
    }

    /// Whether any bit below `i` is set.
    fn any_below(&self, i: u32) -> bool {
        let (whole, part) = ((i / 32) as usize, i % 32);
        self.0.iter().take(whole).any(|&l| l != 0)
            || (part > 0 && self.0.get(whole).is_some_and(|&l| l & ((1 << part) - 1) != 0))
    }

    fn shl(&mut self, bits: u32) {
        let (whole, part) = ((bits / 32) as usize, bits % 32);
        if part > 0 {
            let mut carry = 0u32;
            for limb in &mut self.0 {
                let v = *limb;
                *limb = (v << part) | carry;
                carry = v >> (32 - part);
            }
            if carry > 0 {
                self.0.push(carry);
            }
        }
        self.0.splice(0..0, std::iter::repeat_n(0, whole));
    }

    /// Divides by 2^bits, rounding to nearest, ties to even or away from zero.
    fn shr_round(&mut self, bits: u32, ties_to_even: bool) {
        self.shr_rounding(bits, ties_to_even, false);
    }

    fn shr_rounding(&mut self, bits: u32, ties_to_even: bool, inexact: bool) {
        let half = self.bit(bits - 1);
        let sticky = inexact || self.any_below(bits - 1);
        let (whole, part) = ((bits / 32) as usize, bits % 32);
        if whole >= self.0.len() {
            self.0 = vec![0];
        } else {
            self.0.drain(..whole);
            if part > 0 {
                let mut carry = 0u32;
                for limb in self.0.iter_mut().rev() {
                    let v = *limb;
                    *limb = (v >> part) | carry;
                    carry = v << (32 - part);
                }
            }
        }
        if half && (sticky || !ties_to_even || self.is_odd()) {
            self.add_one();
        }
    }

    fn to_decimal(&self) -> String {
        let mut limbs = self.0.clone();
        let mut chunks = Vec::new();
        while limbs.iter().any(|&l| l != 0) {
            let mut rem = 0u64;
            for limb in limbs.iter_mut().rev() {
                let v = (rem << 32) | u64::from(*limb);
                *limb = (v / 1_000_000_000) as u32;
                rem = v % 1_000_000_000;
            }
            chunks.push(rem as u32);
        }
        let mut out = chunks.pop().map_or_else(|| "0".to_string(), |c| c.to_string());
        for c in chunks.iter().rev() {
            let c = c.to_string();
            out.extend(std::iter::repeat_n('0', 9 - c.len()));
            out.push_str(&c);
        }
        out
    }
}

/// A text in ASCII lower case, on the stack when it is short (up to 64 bytes): field names and keywords are
/// compared in lower case once per field, and a heap copy per comparison was a large share of an analysis.
/// Each `as_str` of a copy checks the bytes again (the crate forbids `unsafe`): bind it once,
/// `let l: &str = &lower(t);`. A text without capitals (most host names and keywords) is borrowed as it is.
pub(crate) enum Lower<'a> {
    Borrowed(&'a str),
    Inline([u8; 64], u8),
    Heap(String),
}

impl Lower<'_> {
    pub(crate) fn as_str(&self) -> &str {
        match self {
            Lower::Borrowed(s) => s,
            // ASCII lower-casing keeps UTF-8 valid, so this never falls back.
            Lower::Inline(buf, len) => std::str::from_utf8(&buf[..usize::from(*len)]).unwrap_or(""),
            Lower::Heap(s) => s,
        }
    }
}

impl std::ops::Deref for Lower<'_> {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl Lower<'_> {
    fn as_bytes(&self) -> &[u8] {
        match self {
            Lower::Borrowed(s) => s.as_bytes(),
            Lower::Inline(buf, len) => &buf[..usize::from(*len)],
            Lower::Heap(s) => s.as_bytes(),
        }
    }
}

impl PartialEq<&str> for Lower<'_> {
    fn eq(&self, other: &&str) -> bool {
        self.as_bytes() == other.as_bytes()
    }
}

/// `text.to_ascii_lowercase()` without a heap allocation for texts up to 64 bytes, nor a copy when it has no capitals.
pub(crate) fn lower(text: &str) -> Lower<'_> {
    let bytes = text.as_bytes();
    if !bytes.iter().any(u8::is_ascii_uppercase) {
        return Lower::Borrowed(text);
    }
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
///
/// It runs over every Received field in several checks (and `=?` over every field value), so candidates
/// are found 8 bytes at a time: the bytes equal to the needle's first byte with the case bit set
/// (`b | 0x20`), by the classic test for a zero byte in a 64-bit word. That test may also flag a byte just
/// above a match and lets through a few bytes that are not letters (such as `\x1d` for `=`), so each
/// candidate is compared in full.
pub(crate) fn contains_ignore_case(hay: &str, needle: &str) -> bool {
    const LO: u64 = 0x0101_0101_0101_0101;
    const HI: u64 = 0x8080_8080_8080_8080;
    let (hay, needle) = (hay.as_bytes(), needle.as_bytes());
    let Some(&first) = needle.first() else { return true };
    if hay.len() < needle.len() {
        return false;
    }
    let first = first | 0x20;
    let matches_at = |i: usize| hay[i..i + needle.len()].eq_ignore_ascii_case(needle);
    // Candidate starts are 0..=last.
    let last = hay.len() - needle.len();
    let pattern = LO * u64::from(first);
    // With two bytes or more, a candidate must match the second byte too (the next 8 bytes, one further on):
    // far fewer candidates compared in full. A byte that would need the ninth byte of `hay` past the end is
    // never there, since the needle's first two bytes fit in `hay` from every candidate start.
    let second = needle.get(1).map(|&b| LO * u64::from(b | 0x20));
    let mut start = 0;
    while start + 8 <= last + 1 {
        let word = u64::from_le_bytes(hay[start..start + 8].try_into().unwrap_or([0; 8]));
        let x = (word | (LO * 0x20)) ^ pattern;
        let mut found = x.wrapping_sub(LO) & !x & HI;
        if let Some(second) = second
            && found != 0
        {
            let next = u64::from_le_bytes(hay[start + 1..start + 9].try_into().unwrap_or([0; 8]));
            let y = (next | (LO * 0x20)) ^ second;
            found &= y.wrapping_sub(LO) & !y & HI;
        }
        while found != 0 {
            if matches_at(start + (found.trailing_zeros() / 8) as usize) {
                return true;
            }
            found &= found - 1;
        }
        start += 8;
    }
    (start..=last).any(|i| hay[i] | 0x20 == first && matches_at(i))
}

/// True when `hay` contains any of `needles` (lower-case ASCII, none empty) in any ASCII case: one pass over
/// `hay` for a list of words, each position compared with the needles that start with its letter.
pub(crate) fn contains_any_ignore_case(hay: &str, needles: &[&str]) -> bool {
    let hay = hay.as_bytes();
    // The needles' first bytes with the case bit set, as a set of bytes.
    let mut firsts = [false; 256];
    for n in needles {
        if let Some(&b) = n.as_bytes().first() {
            firsts[usize::from(b | 0x20)] = true;
        }
    }
    hay.iter().enumerate().any(|(i, &b)| {
        firsts[usize::from(b | 0x20)]
            && needles.iter().any(|n| {
                let n = n.as_bytes();
                n.first().is_some_and(|&f| f | 0x20 == b | 0x20)
                    && n.get(1).is_none_or(|&s| hay.get(i + 1).is_some_and(|&h| h | 0x20 == s | 0x20))
                    && hay.get(i..i + n.len()).is_some_and(|w| w.eq_ignore_ascii_case(n))
            })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::Lang;

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
        assert_eq!(duration(-0.0001), "0 s");
        assert_eq!(duration(f64::NAN), "-");
        // French: days are "j", decimals take a comma; the other units read the same.
        let fr = |s: f64| duration(s).render(Lang::Fr);
        assert_eq!(fr(97_200.0), "1 j 3 h");
        assert_eq!(fr(-547_200.0), "-6 j 8 h");
        assert_eq!(fr(0.041), "0,041 s");
        assert_eq!(fr(-0.028), "-0,028 s");
        assert_eq!(fr(185.0), "3 min 5 s");
        assert_eq!(fr(7440.0), "2 h 4 min");
    }

    #[test]
    fn numbers_in_prose_take_the_readers_decimal_separator() {
        assert_eq!(number_text(4.2).render(Lang::En), "4.2");
        assert_eq!(number_text(4.2).render(Lang::Fr), "4,2");
        assert_eq!(number_text(-0.451444).render(Lang::Fr), "-0,451444");
        assert_eq!(number_text(25.0).render(Lang::Fr), "25");
        assert_eq!(fixed_text(2.6, 1).render(Lang::Fr), "2,6");
        assert_eq!(fixed_text(3.0, 0).render(Lang::Fr), "3");
    }

    #[test]
    fn lower_matches_the_standard_library() {
        for text in ["X-Spam-Status", "", "ÉCOLE-Received", &"A".repeat(64), &"Ab".repeat(40), "x-ms-ÄÖ"] {
            assert_eq!(lower(text).as_str(), text.to_ascii_lowercase());
        }
        assert!(lower("X-TM-AS-Result") == "x-tm-as-result");
    }

    #[test]
    fn contains_any_ignoring_case() {
        let words = ["listserv", "spool id", "mlmmj", "x"];
        for hay in [
            "by LISTSERV.example.org",
            "with SPOOL ID 12",
            "(MLMMJ)",
            "nothing here",
            "",
            "é Spool Id",
            "spool i",
        ] {
            let lower = hay.to_ascii_lowercase();
            assert_eq!(
                contains_any_ignore_case(hay, &words[..3]),
                words[..3].iter().any(|w| lower.contains(w)),
                "{hay}"
            );
        }
        assert!(contains_any_ignore_case("by LISTSERV.example.org", &words));
        assert!(!contains_any_ignore_case("by mx.example.org", &["listserv", "mailman"]));
        assert!(contains_any_ignore_case("ends with MailMan", &["mailman"]));
        assert!(!contains_any_ignore_case("ends with MailMa", &["mailman"]));
    }

    #[test]
    fn contains_ignoring_case() {
        assert!(contains_ignore_case("with Microsoft SMTP Server", "microsoft smtp"));
        assert!(contains_ignore_case("MICROSOFT", "microsoft"));
        assert!(contains_ignore_case("anything", ""));
        assert!(!contains_ignore_case("Micro soft", "microsoft"));
        assert!(!contains_ignore_case("é", "microsoft"));
        assert!(contains_ignore_case("Überträger SMTPSVC", "smtpsvc"));
        // Long texts (the block search) agree with a lower-cased copy, wherever the needle sits.
        let filler = "by mx.Example.ORG with ESMTPS id 7; Mon, 1 Jan 2024 10:00:00 +0000 (UTC) ";
        for needle in ["microsoft", "outlook.com", ".com", "m", "x", "0 +0000 (", "zz"] {
            for at in [0, 1, 7, 8, 9, 31, 32, 33, 63, 64, 100, 150] {
                let hay =
                    format!("\u{e9}{}{}{}", &filler.repeat(3)[..at], needle.to_ascii_uppercase(), filler);
                assert!(contains_ignore_case(&hay, needle), "{needle} at {at}");
                let at_end = format!("{}{}", &filler.repeat(3)[..at], needle.to_ascii_uppercase());
                assert!(contains_ignore_case(&at_end, needle), "{needle} at the end, {at}");
                assert!(!contains_ignore_case(&at_end[..at_end.len() - 1], "zzz"));
                let plain = filler.repeat(3);
                assert_eq!(contains_ignore_case(&plain, needle), plain.to_ascii_lowercase().contains(needle));
            }
        }
    }
}

#[cfg(test)]
mod number_tests {
    use super::*;

    fn check(x: f64) {
        assert_eq!(number(x), format!("{x}"), "{:e} ({:#x})", x, x.to_bits());
        for d in [0usize, 1, 2, 3, 6] {
            assert_eq!(fixed(x, d as u32), format!("{x:.d$}"), "{:e} .{d}", x);
        }
    }

    #[test]
    fn the_same_as_the_standard_library() {
        for x in [
            0.0,
            -0.0,
            1.0,
            -1.0,
            0.5,
            1.5,
            2.5,
            -2.5,
            0.25,
            0.35,
            0.15,
            0.05,
            0.1 + 0.2,
            5.3,
            -0.001,
            12.345,
            1e-7,
            1.2345678901234567e-7,
            5e-324,
            f64::MIN_POSITIVE,
            f64::MAX,
            f64::MIN,
            1e21,
            1e22,
            1e23,
            2f64.powi(53),
            2f64.powi(53) + 2.0,
            123456789012345680000.0,
            9.5,
            0.95,
            99.95,
            720.0,
            250.0,
            41.6,
            1e15 + 0.3,
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
            59.95,
            0.045,
            1.0 / 3.0,
            2.0 / 3.0,
            100.0 / 7.0,
        ] {
            check(x);
        }
        // Every kind of bit pattern (xorshift), then the decimals a header's score or a chart uses.
        let mut s = 0x9e37_79b9_7f4a_7c15u64;
        for i in 0..1_500 {
            s ^= s << 13;
            s ^= s >> 7;
            s ^= s << 17;
            check(f64::from_bits(s));
            let small = (s % 2_000_001) as f64 / [1.0, 10.0, 100.0, 1000.0, 3.0, 7.0][i % 6] - 1000.0;
            check(small);
        }
    }
}

#[cfg(test)]
mod parse_tests {
    use super::*;

    fn check(t: &str) {
        let ours = parse_number(t);
        let std = t.parse::<f64>().ok();
        let same = match (ours, std) {
            (Some(a), Some(b)) => a.to_bits() == b.to_bits() || (a.is_nan() && b.is_nan()),
            (None, None) => true,
            _ => false,
        };
        assert!(same, "{t:?}: ours {ours:?}, std {std:?}");
    }

    #[test]
    fn the_same_as_the_standard_library() {
        for t in [
            "",
            "+",
            "-",
            ".",
            "e",
            "1e",
            "1e+",
            ".e1",
            "1.",
            ".5",
            "+.5",
            "-.5",
            "1.5e3",
            "1.5E-3",
            "inf",
            "-Infinity",
            "NaN",
            "nan",
            "+nan",
            "infinit",
            "1_0",
            " 1",
            "1 ",
            "0x10",
            "00012.50",
            "5.3",
            "-0",
            "-0.0",
            "0e999999999999",
            "1e400",
            "1e-400",
            "2.2250738585072011e-308",
            "2.2250738585072014e-308",
            "4.9406564584124654e-324",
            "2.4703282292062327e-324",
            "2.4703282292062328e-324",
            "1.7976931348623157e308",
            "1.7976931348623159e308",
            "9007199254740993",
            "9007199254740992.5",
            "0.1",
            "0.30000000000000004",
            "123456789012345678901234567890",
            "1e23",
            "8.98846567431158e307",
            "1e-7",
            "1.2345678901234567e-7",
            "12.345",
            "1..2",
            "1.2.3",
            "1e1.5",
            "99999999999999999999999999999999999999999999999999e-50",
        ] {
            check(t);
        }
        for t in [
            format!("0.{}1", "0".repeat(900)),
            "1".repeat(1000),
            format!("{}e-900", "1".repeat(900)),
            format!("2.4703282292062327{}1e-324", "0".repeat(850)),
            "2.4703282292062327208828439643411068618252990130716238221279284125033775363510437593264991818081799618989828234772285886546332835517796989819938739800539093906315035659515570226392290858392449105184435931802849936536152500319370457678249219365623669863658480757001585769269903706311928279558551332927834338409351978015531246597263579574622766465272827220056374006485499977096599470454020828166226237857393450736339007967761930577506740176324673600968951340535537458516661134223766678604162159680461914467291840300530057530849048765391711386591646239524912623653881879636239373280423891018672348497668235089863388587925628302755995657524455507255189313690836254779186948667994968324049705821028513185451396213837722826145437693412532098591327667236328125e-324".to_string(),
        ] {
            check(&t);
        }
        let mut s = 0x2545_f491_4f6c_dd1du64;
        let mut next = || {
            s ^= s << 13;
            s ^= s >> 7;
            s ^= s << 17;
            s
        };
        // Random texts over the grammar's alphabet, then std's own shortest and long forms of random bits.
        const ALPHABET: &[u8] = b"0123456789012345678901234567890123456789..eE+-in";
        for _ in 0..20_000 {
            let len = (next() % 12) as usize;
            let t: String =
                (0..len).map(|_| ALPHABET[(next() % ALPHABET.len() as u64) as usize] as char).collect();
            check(&t);
        }
        for _ in 0..3_000 {
            let x = f64::from_bits(next());
            check(&format!("{x}"));
            check(&format!("{x:e}"));
            check(&format!("{x:.20e}"));
            let digits = next() % 40;
            check(&format!(
                "{}e{}",
                next() % 10u64.pow((digits % 19) as u32 + 1),
                (next() % 700) as i64 - 350
            ));
        }
    }
}
