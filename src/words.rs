//! Small wording helpers shared by every layer (readers, diagnostics, renderers): durations, numbers and
//! capitalisation. Imports nothing from the crate.
//!
//! Numbers: [`number`] writes an `f64` as `format!("{x}")` does and [`fixed`] as `format!("{x:.N}")` does,
//! through exact integer arithmetic (and, for the shortest form, the float parser the readers already use),
//! so that the site's wasm carries none of the standard library's float formatting (about 13 KB, issue 14).

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
            if text.parse::<f64>() == Ok(x) {
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
        if text.parse::<f64>() == Ok(x) {
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

/// A non-negative integer, little-endian base 2^32.
struct Big(Vec<u32>);

impl Big {
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
        let half = self.bit(bits - 1);
        let sticky = self.any_below(bits - 1);
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
