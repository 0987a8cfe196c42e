//! Reads dates as they appear in the wild.
//!
//! First version: mail-parser's RFC 822 reader, with its result checked for sanity. The core issue
//! replaces this with a tolerant reader of obsolete zones, 2-digit years, Go-style stamps and more.

use crate::model::DateValue;

/// A date that was read: seconds since the epoch (with fractions) and the written offset.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Instant {
    pub epoch: f64,
    /// Minutes east of UTC as written; `None` for `-0000` or a missing zone.
    pub offset_minutes: Option<i32>,
}

/// Earliest and latest accepted instants: 1970-01-01 and 2100-01-01.
pub const MIN_EPOCH: i64 = 0;
pub const MAX_EPOCH: i64 = 4_102_444_800;

/// Reads a date-time; `None` when it cannot be read with confidence.
pub fn parse(text: &str) -> Option<Instant> {
    let dt = mail_parser::DateTime::parse_rfc822(text.trim())?;
    if !dt.is_valid() {
        return None;
    }
    let epoch = dt.to_timestamp();
    if !(MIN_EPOCH..MAX_EPOCH).contains(&epoch) {
        return None;
    }
    let offset = (dt.tz_hour as i32 * 60 + dt.tz_minute as i32) * if dt.tz_before_gmt { -1 } else { 1 };
    Some(Instant { epoch: epoch as f64, offset_minutes: Some(offset) })
}

/// Formats an epoch as RFC 3339 UTC, e.g. `2024-01-08T13:54:34Z`.
pub fn rfc3339_utc(epoch: f64) -> String {
    let secs = epoch.floor() as i64;
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    let (y, m, d) = civil_from_days(days);
    format!("{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z", rem / 3600, rem / 60 % 60, rem % 60)
}

/// Days since 1970-01-01 to (year, month, day), proleptic Gregorian (H. Hinnant's algorithm).
pub fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// Reads a Date header value into the report's form.
pub fn parse_date_value(raw: &str) -> DateValue {
    let instant = parse(raw);
    DateValue {
        raw: raw.to_string(),
        utc: instant.map(|i| rfc3339_utc(i.epoch)),
        epoch: instant.map(|i| i.epoch.floor() as i64),
        offset_minutes: instant.and_then(|i| i.offset_minutes),
    }
}
