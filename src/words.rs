//! Small wording helpers shared by every layer (readers, diagnostics, renderers): durations and
//! capitalisation. Imports nothing from the crate.

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
