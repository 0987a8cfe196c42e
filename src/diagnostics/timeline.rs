//! Reads the hop timestamps as a whole to tell a queue from a wrong clock, for `hop-delay`, `clock-skew`
//! and `tz-misconfig`.
//!
//! Looking at one step alone misleads: a server whose time zone is set wrong shows up as a long "delay"
//! into it followed by time going backwards out of it. So the steps between consecutive dated hops are
//! classified together:
//! - a stamp out of line with both neighbours (time goes one way into it and back out of it, while the
//!   neighbours agree with each other) is an odd stamp: that hop's clock or zone is wrong;
//! - any other step backwards by more than the tolerance is a backwards step between two clocks;
//! - any other step longer than five minutes is a queue on the sending side of the step.

use crate::hops::{SKEW_TOLERANCE_SECONDS, skew_tolerance};
use crate::model::{HeaderField, Hop};

/// Steps up to this long are normal transit, in seconds.
pub(crate) const QUEUE_SECONDS: f64 = 300.0;
/// Half-hour unit of time-zone offsets, in seconds.
const ZONE_UNIT_SECONDS: f64 = 1800.0;
/// How close to a whole number of half hours a gap must be to look like a zone error, in seconds.
const ZONE_SLACK_SECONDS: f64 = 120.0;
/// The largest offset error a zone setting can cause (UTC+14 labelled as UTC), in half hours.
const MAX_ZONE_UNITS: f64 = 28.0;

/// Something unusual between dated hops.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Anomaly<'a> {
    /// The message spent `seconds` between `prev` and `hop`: queued on `prev`'s receiver.
    Queue { prev: &'a Hop, hop: &'a Hop, seconds: f64 },
    /// `hop`'s stamp disagrees with both neighbours, which agree with each other: its clock is off by
    /// `error` seconds (positive: stamped too late).
    OddStamp { before: &'a Hop, hop: &'a Hop, after: &'a Hop, error: f64 },
    /// Time goes back `seconds` (negative) from `prev` to `hop`.
    Backwards { prev: &'a Hop, hop: &'a Hop, seconds: f64 },
    /// A step of about a whole number of half hours (forwards or back) where `unsure`, one of the two hops,
    /// wrote no reliable offset (`-0000`, an ambiguous or unknown zone name, no zone): likely the zone, not a
    /// queue nor a clock.
    ZoneGap { prev: &'a Hop, hop: &'a Hop, seconds: f64, unsure: &'a Hop },
}

/// True when the Date header, written with a numeric offset, lies within five minutes of `unsure`'s stamp read
/// as UTC (either side: a client clock a few seconds ahead is common): the stamp's `-0000` (or zone name) is
/// then likely right, since a zone error would put them at least half an hour apart, and a whole-hour gap next
/// to it is a real wait, not the zone. (The Date is written by the first machine, so it witnesses the first
/// stamps only.)
pub(crate) fn corroborated(unsure: &Hop, date: Option<&crate::model::DateValue>) -> bool {
    let Some(date) = date.filter(|d| d.zone.is_none()) else { return false };
    match (date.epoch, unsure.epoch) {
        (Some(d), Some(u)) => (u - d as f64).abs() <= QUEUE_SECONDS,
        _ => false,
    }
}

/// True when the Date header was written during the long step from `prev` to `hop`, within five minutes of
/// `hop`'s stamp (either side), and the stamps up to `prev` are an earlier trip of their own: a final delivery
/// between the two stamps (a `Delivered-To` field), or at least two servers before the step whose stamps agree, or
/// a step longer than any queue keeps a message. The later part of the route and the Date then agree while the
/// earlier part is older than the message's own Date: the message was likely sent again with a new Date (a copy
/// re-sent or re-injected from a mailbox), or, less likely, every stamp up to `prev` was written by clocks behind
/// by the whole gap. Either way no queue on `prev`'s receiver held it. (A Date written before the first stamp, as
/// usual, never matches: the step must start before the Date. One stamp alone before the step is as likely one
/// clock behind.)
pub(crate) fn sent_again(
    headers: &[HeaderField],
    hops: &[Hop],
    prev: &Hop,
    hop: &Hop,
    date: Option<&crate::model::DateValue>,
) -> bool {
    if !dated_in_step(prev, hop, date) {
        return false;
    }
    let (Some(p), Some(h)) = (prev.epoch, hop.epoch) else { return false };
    let mut earlier_hosts: Vec<&str> = hops
        .iter()
        .filter(|x| x.index <= prev.index && crate::hops::is_transit(x) && x.epoch.is_some())
        .filter_map(|x| x.by.as_deref())
        .collect();
    crate::sort::sort(&mut earlier_hosts);
    earlier_hosts.dedup();
    delivered_between(headers, prev, hop).is_some()
        || earlier_hosts.len() >= 2
        || h - p > crate::diagnostics::hop_delay::BEYOND_QUEUE_SECONDS
}

/// True when the Date header was written during the step from `prev` to `hop`: more than five minutes after
/// `prev`'s stamp and within five minutes of `hop`'s (either side).
fn dated_in_step(prev: &Hop, hop: &Hop, date: Option<&crate::model::DateValue>) -> bool {
    let Some(d) = date.and_then(|d| d.epoch).map(|d| d as f64) else { return false };
    let (Some(p), Some(h)) = (prev.epoch, hop.epoch) else { return false };
    d > p + QUEUE_SECONDS && (d - h).abs() <= QUEUE_SECONDS
}

/// The long step during which the Date header was written, next to its later stamp (see [`dated_in_step`]), if
/// any: its earlier and later hop. The Date then agrees with the later servers and only the stamps up to the
/// earlier hop are older: one fact with two readings, the message waited before its Date was written (software
/// that dates a message as it sends it, a message held and released) or the clocks up to the earlier hop are
/// behind by the gap. Either way the Date's writer has no clock to fix; `hop-delay` tells the step once and
/// `date-drift` sits under it. [`resent_step`] is the case with an earlier trip of its own.
pub(crate) fn late_date_step<'a>(
    hops: &'a [Hop],
    date: Option<&crate::model::DateValue>,
) -> Option<(&'a Hop, &'a Hop)> {
    wait_steps(hops, date).into_iter().find(|(prev, hop)| dated_in_step(prev, hop, date))
}

/// The steps `hop-delay` reads as a wait (a queue, or a whole-hour step the Date confirms), never a mailbox
/// fetch.
fn wait_steps<'a>(hops: &'a [Hop], date: Option<&crate::model::DateValue>) -> Vec<(&'a Hop, &'a Hop)> {
    anomalies(hops)
        .into_iter()
        .filter_map(|a| match a {
            Anomaly::Queue { prev, hop, .. } => Some((prev, hop)),
            Anomaly::ZoneGap { prev, hop, seconds, unsure }
                if seconds > 0.0 && corroborated(unsure, date) =>
            {
                Some((prev, hop))
            }
            _ => None,
        })
        .filter(|(_, hop)| !crate::diagnostics::hop_delay::is_fetch(hop))
        .collect()
}

/// The value of a `Delivered-To` field between the Received fields of `prev` and of the later `hop`: a final
/// delivery into that mailbox between the two stamps.
pub(crate) fn delivered_between(headers: &[HeaderField], prev: &Hop, hop: &Hop) -> Option<String> {
    let position =
        |h: &Hop| headers.iter().position(|f| f.span == h.span && f.name.eq_ignore_ascii_case("Received"));
    let (newer, older) = (position(hop)?, position(prev)?);
    headers
        .get(newer + 1..older)?
        .iter()
        .find(|f| f.name.eq_ignore_ascii_case("Delivered-To"))
        .map(|f| f.value.trim().to_string())
}

/// The long step a re-sent message shows (see [`sent_again`]), if any: its earlier and later hop. The step
/// `hop-delay` reads as a wait (a queue, or a whole-hour step the Date confirms), never a mailbox fetch.
pub(crate) fn resent_step<'a>(
    headers: &[HeaderField],
    hops: &'a [Hop],
    date: Option<&crate::model::DateValue>,
) -> Option<(&'a Hop, &'a Hop)> {
    wait_steps(hops, date).into_iter().find(|(prev, hop)| sent_again(headers, hops, prev, hop, date))
}

/// True when the hop's stamp gives no reliable offset.
pub(crate) fn zone_uncertain(hop: &Hop) -> bool {
    hop.zone.is_some_and(crate::model::ZoneReading::uncertain)
}

/// True when `seconds` is within two minutes of a non-zero whole number of half hours, at most 14 hours.
pub(crate) fn looks_like_zone_error(seconds: f64) -> bool {
    let units = (seconds.abs() / ZONE_UNIT_SECONDS).round();
    (1.0..=MAX_ZONE_UNITS).contains(&units)
        && (seconds.abs() - units * ZONE_UNIT_SECONDS).abs() <= ZONE_SLACK_SECONDS
}

/// True when `seconds` is within two minutes of a non-zero whole number of half hours, at most 26 hours (the
/// widest difference between two local times, UTC+14 and UTC-12): the gap next to a stamp without a reliable
/// offset that local time written as UTC would make.
pub(crate) fn looks_like_zone_gap(seconds: f64) -> bool {
    let units = (seconds.abs() / ZONE_UNIT_SECONDS).round();
    (1.0..=52.0).contains(&units) && (seconds.abs() - units * ZONE_UNIT_SECONDS).abs() <= ZONE_SLACK_SECONDS
}

/// The nearest whole number of half hours to `seconds`, in minutes (signed).
pub(crate) fn zone_minutes(seconds: f64) -> i32 {
    ((seconds / ZONE_UNIT_SECONDS).round() * 30.0) as i32
}

/// Formats minutes east of UTC as `+hhmm` / `-hhmm`.
pub(crate) fn offset_text(minutes: i32) -> String {
    let sign = if minutes < 0 { '-' } else { '+' };
    let m = minutes.unsigned_abs();
    format!("{sign}{:02}{:02}", m / 60, m % 60)
}

/// The anomalies of the timeline, oldest first.
pub(crate) fn anomalies(hops: &[Hop]) -> Vec<Anomaly<'_>> {
    // A bare date stamp (`Received: <date>`) is no step between servers: it is left out.
    let dated: Vec<(&Hop, f64)> = hops
        .iter()
        .filter(|h| crate::hops::is_transit(h))
        .filter_map(|h| h.epoch.filter(|e| e.is_finite()).map(|e| (h, e)))
        .collect();
    let n = dated.len();
    // step[i] = time from dated[i - 1] to dated[i]; step[0] unused.
    let step = |i: usize| dated[i].1 - dated[i - 1].1;
    let mut consumed = vec![false; n];
    let mut found = Vec::new();
    for i in 1..n.saturating_sub(1) {
        if consumed[i] {
            continue;
        }
        let (into, out) = (step(i), step(i + 1));
        let opposite = (into < 0.0) != (out < 0.0);
        let smaller = into.abs().min(out.abs());
        // A stamp written to the minute stands for any moment of it: a minute more of tolerance.
        let tolerance =
            skew_tolerance(dated[i - 1].0, dated[i].0).max(skew_tolerance(dated[i].0, dated[i + 1].0));
        let goes_back = into.min(out) < -tolerance;
        let neighbours = dated[i + 1].1 - dated[i - 1].1;
        if opposite && goes_back && smaller > tolerance && neighbours >= -tolerance && neighbours < smaller {
            let error = if into.abs() <= out.abs() { into } else { -out };
            found.push(Anomaly::OddStamp {
                before: dated[i - 1].0,
                hop: dated[i].0,
                after: dated[i + 1].0,
                error,
            });
            consumed[i] = true;
            consumed[i + 1] = true;
        }
    }
    for i in 1..n {
        if consumed[i] {
            continue;
        }
        let seconds = step(i);
        let (prev, hop) = (dated[i - 1].0, dated[i].0);
        let tolerance = skew_tolerance(prev, hop);
        let unusual = !(-tolerance..=QUEUE_SECONDS).contains(&seconds);
        let unsure = [hop, prev].into_iter().find(|h| zone_uncertain(h));
        if let Some(unsure) = unsure.filter(|_| unusual && looks_like_zone_gap(seconds)) {
            found.push(Anomaly::ZoneGap { prev, hop, seconds, unsure });
        } else if seconds > QUEUE_SECONDS {
            found.push(Anomaly::Queue { prev, hop, seconds });
        } else if seconds < -tolerance {
            found.push(Anomaly::Backwards { prev, hop, seconds });
        }
    }
    crate::sort::sort_by_key(&mut found, |a| match a {
        Anomaly::Queue { hop, .. }
        | Anomaly::OddStamp { hop, .. }
        | Anomaly::Backwards { hop, .. }
        | Anomaly::ZoneGap { hop, .. } => hop.index,
    });
    found
}

/// Which of the two hops of a backwards step (`prev` stamped later than `hop`) has the wrong clock, judged by
/// the stamps around them, never by the Date header (written by the first machine itself, so no independent
/// witness): `Some(true)` for `hop`, `Some(false)` for `prev`, `None` when the neighbours cannot tell. The next
/// dated hop after `hop` stamping within a queue's time of `hop` but before `prev` means `prev` is ahead; one
/// agreeing with `prev` means `hop` is behind.
pub(crate) fn blame_by_neighbours(hops: &[Hop], prev: &Hop, hop: &Hop) -> Option<bool> {
    let (p, h) = (prev.epoch?, hop.epoch?);
    let dated = |x: &&Hop| crate::hops::is_transit(x) && x.epoch.is_some_and(f64::is_finite);
    if let Some(next) = hops.iter().filter(|x| x.index > hop.index).find(dated).and_then(|x| x.epoch) {
        if next >= p - SKEW_TOLERANCE_SECONDS {
            return Some(true);
        }
        if next >= h - SKEW_TOLERANCE_SECONDS && next - h <= QUEUE_SECONDS {
            return Some(false);
        }
    }
    let before = hops.iter().rev().filter(|x| x.index < prev.index).find(dated).and_then(|x| x.epoch);
    if before.is_some_and(|b| b > h + SKEW_TOLERANCE_SECONDS) {
        return Some(true);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hops(times: &[f64]) -> Vec<Hop> {
        times
            .iter()
            .enumerate()
            .map(|(i, &t)| Hop { index: i + 1, epoch: Some(t), ..Hop::default() })
            .collect()
    }

    #[test]
    fn a_long_step_is_a_queue() {
        let h = hops(&[0.0, 5.0, 7656.0, 7660.0]);
        let found = anomalies(&h);
        assert_eq!(found.len(), 1);
        assert!(
            matches!(found[0], Anomaly::Queue { hop, seconds, .. } if hop.index == 3 && seconds == 7651.0)
        );
    }

    #[test]
    fn a_stamp_out_of_line_with_both_neighbours_is_odd() {
        let h = hops(&[1000.0, 1000.0 - 10_796.0, 1007.0]);
        let found = anomalies(&h);
        assert_eq!(found.len(), 1);
        match found[0] {
            Anomaly::OddStamp { hop, error, .. } => {
                assert_eq!(hop.index, 2);
                assert_eq!(error, -10_796.0);
                assert!(looks_like_zone_error(error));
                assert_eq!(offset_text(zone_minutes(error)), "-0300");
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_plain_step_back_and_normal_transit() {
        let h = hops(&[0.0, 4.0, -36.0]);
        assert!(matches!(anomalies(&h)[..], [Anomaly::Backwards { seconds, .. }] if seconds == -40.0));
        assert!(anomalies(&hops(&[0.0, 1.0, 1.0, 3.0, 250.0])).is_empty());
        assert!(!looks_like_zone_error(-40.0));
        assert!(looks_like_zone_error(10_750.0));
        assert!(!looks_like_zone_error(-57_011_400.0), "659 days is not a zone");
        assert!(!looks_like_zone_error(10_500.0));
    }

    /// A stamp written without seconds (`06:09`) is any moment of that minute: 23 s "back" to it from 05:09:23
    /// is no step back, while a minute and more still is.
    #[test]
    fn a_stamp_to_the_minute_allows_a_minute() {
        let mut h = hops(&[0.0, 1.0, -22.0]);
        h[2].date_raw = Some("03 Feb 2023 06:09 +0100".to_string());
        assert!(anomalies(&h).is_empty(), "{:?}", anomalies(&h));
        let mut h = hops(&[0.0, 1.0, -80.0]);
        h[2].date_raw = Some("03 Feb 2023 06:08 +0100".to_string());
        assert!(matches!(anomalies(&h)[..], [Anomaly::Backwards { .. }]));
        // With seconds, the same 23 s back is a step back.
        let mut h = hops(&[0.0, 1.0, -22.0]);
        h[2].date_raw = Some("03 Feb 2023 06:09:00 +0100".to_string());
        assert!(matches!(anomalies(&h)[..], [Anomaly::Backwards { .. }]));
    }

    #[test]
    fn a_whole_hour_step_to_a_stamp_without_a_known_zone_is_a_zone_gap() {
        let mut h = hops(&[0.0, 5.0, 5.0 + 16.0 * 3600.0 + 40.0]);
        h[2].zone = Some(crate::model::ZoneReading::Unknown);
        match anomalies(&h)[..] {
            [Anomaly::ZoneGap { unsure, seconds, .. }] => {
                assert_eq!(unsure.index, 3);
                assert_eq!(seconds, 57_640.0);
            }
            ref other => panic!("{other:?}"),
        }
        // The same step with a numeric offset on both sides is a queue.
        h[2].zone = None;
        assert!(matches!(anomalies(&h)[..], [Anomaly::Queue { .. }]));
        // Not a whole number of half hours: a queue even without a zone.
        let mut h = hops(&[0.0, 5.0, 5.0 + 2.0 * 3600.0 + 900.0]);
        h[1].zone = Some(crate::model::ZoneReading::Unknown);
        assert!(matches!(anomalies(&h)[..], [Anomaly::Queue { .. }]));
    }
}
