//! The hop timeline: one hop per `Received` field, oldest first, with delays.
//!
//! Each Received field becomes exactly one [`Hop`], whatever its shape (an unreadable one is kept raw),
//! so the hop count always equals the number of Received fields. Delays are measured from the previous
//! hop that has a readable date; a negative delay beyond [`SKEW_TOLERANCE_SECONDS`] is clock skew,
//! not a delay.

pub(crate) mod dates;
pub(crate) mod received;

use crate::headers;
use crate::input::Source;
use crate::model::{HeaderField, Hop, Summary, Timing};

/// Builds the hops (oldest first) and the timing over them, with each hop's trace form (same order).
pub(crate) fn build(
    source: &Source,
    fields: &[HeaderField],
    summary: &Summary,
) -> (Vec<Hop>, Timing, Vec<received::TraceForm>) {
    let received: Vec<&HeaderField> = headers::all(fields, "Received").collect();
    let (mut hops, forms): (Vec<Hop>, Vec<received::TraceForm>) = received
        .iter()
        .rev()
        .map(|f| received::parse_with_raw(f, source.clean_text(f.span).to_string()))
        .unzip();
    for (i, hop) in hops.iter_mut().enumerate() {
        hop.index = i + 1;
    }
    for hop in hops.iter_mut().filter(|h| !is_transit(h)) {
        hop.parse_notes.push(crate::catalog::msg!("hop.note.date-stamp").into());
    }
    let timing = compute_delays(&mut hops, summary);
    (hops, timing, forms)
}

/// Tolerance under which a negative delay is not called clock skew, in seconds.
pub(crate) const SKEW_TOLERANCE_SECONDS: f64 = 2.0;

/// True when `name` names a host: not the placeholder Postfix and qmail write for a client that gave no usable
/// name (`from unknown (unknown [192.0.2.1])`, `from unknown (HELO ) (192.0.2.1)`).
pub(crate) fn is_host_name(name: &str) -> bool {
    !name.trim().is_empty() && !name.trim().eq_ignore_ascii_case("unknown")
}

/// How far time may go back from `prev` to `hop` before it is clock skew: [`SKEW_TOLERANCE_SECONDS`], plus a
/// minute when either stamp was written without seconds (`06:09` is any moment from 06:09:00 to 06:09:59, so a
/// neighbour's 06:09:23 is no step back).
pub(crate) fn skew_tolerance(prev: &Hop, hop: &Hop) -> f64 {
    SKEW_TOLERANCE_SECONDS + if to_the_minute(prev) || to_the_minute(hop) { 60.0 } else { 0.0 }
}

/// True when the hop's stamp gives its time to the minute only (no seconds).
pub(crate) fn to_the_minute(hop: &Hop) -> bool {
    hop.date_raw.as_deref().is_some_and(dates::without_seconds)
}

/// Fills `delay_seconds` and `clock_skew` on each hop and returns the totals.
pub(crate) fn compute_delays(hops: &mut [Hop], summary: &Summary) -> Timing {
    let mut prev: Option<f64> = None;
    let mut prev_minute = false;
    let mut first: Option<f64> = None;
    let mut last: Option<f64> = None;
    let mut dated = 0;
    for hop in hops.iter_mut() {
        hop.delay_seconds = None;
        hop.clock_skew = false;
        // Milliseconds, truncated (as JavaScript dates and MHA keep them): sub-millisecond digits of
        // Go-style stamps must not turn a 41 ms delay into 42 ms.
        let Some(t) = hop.epoch.map(|e| (e * 1000.0 + 1e-3).floor() / 1000.0) else { continue };
        if !is_transit(hop) {
            continue;
        }
        dated += 1;
        let minute = to_the_minute(hop);
        if let Some(p) = prev {
            let d = round_ms(t - p);
            hop.delay_seconds = Some(d);
            let slack = if minute || prev_minute { 60.0 } else { 0.0 };
            hop.clock_skew = d < -(SKEW_TOLERANCE_SECONDS + slack);
        }
        prev = Some(t);
        prev_minute = minute;
        first.get_or_insert(t);
        last = Some(t);
    }
    let submission_seconds = match (summary.date.as_ref().and_then(|d| d.epoch), first) {
        (Some(d), Some(f)) => Some(round_ms(f - d as f64)),
        _ => None,
    };
    Timing {
        total_seconds: first.zip(last).map(|(f, l)| round_ms(l - f)),
        dated_hops: dated,
        submission_seconds,
    }
}

/// False for a `Received` field that is a bare date (`Received: Wed, 7 Jun 2017 11:35:20 -0400`: no `from`, `by`,
/// `with`, sending address or comment): a stamp some software adds when it stores or re-sends a message, not a
/// step between two servers. It stays in the hop list (one hop per Received field) but is left out of the
/// timing. (qmail's `(qmail 123 invoked from network); <date>` names its step in the comment and stays in.)
pub(crate) fn is_transit(hop: &Hop) -> bool {
    // The parsed parts first; the text only for the rare hop without any.
    hop.raw.is_empty()
        || hop.parse_status == crate::model::ParseStatus::Raw
        || hop.epoch.is_none()
        || hop.from.is_some()
        || hop.by.is_some()
        || hop.from_ip.is_some()
        || hop.with.is_some()
        || hop.id.is_some()
        || {
            let value = hop.raw.split_once(':').map_or("", |(_, v)| v);
            value.contains('(') || value.contains(';')
        }
}

/// Rounds to milliseconds so that float noise (`0.041000127…`) does not reach the report.
fn round_ms(seconds: f64) -> f64 {
    (seconds * 1000.0).round() / 1000.0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hop_at(epoch: Option<f64>) -> Hop {
        Hop { epoch, by: Some("mx.example.net".to_string()), ..Hop::default() }
    }

    #[test]
    fn a_bare_date_stamp_is_no_transit_hop_and_stays_out_of_the_timing() {
        let report = crate::analyze_str(
            "Received: from mx.example.org (mx.example.org [198.51.100.20]) by mail.example.net with ESMTPS id 1; Wed, 7 Jun 2017 11:15:21 -0400\n\
             Received: from client.example.org (client.example.org [203.0.113.7]) by mx.example.org with ESMTPSA id 2; Wed, 7 Jun 2017 11:15:19 -0400\n\
             Received: Wed, 7 Jun 2017 11:35:20 -0400\n\
             Date: Wed, 7 Jun 2017 11:15:18 -0400\n",
        );
        assert_eq!(report.hops.len(), 3);
        let bare = &report.hops[0];
        assert!(!is_transit(bare));
        assert!(bare.epoch.is_some(), "the date is still read");
        assert!(bare.parse_notes.iter().any(|n| n.contains("left out of the timing")));
        assert_eq!(bare.delay_seconds, None);
        assert!(report.hops.iter().all(|h| !h.clock_skew));
        assert_eq!(report.timing.total_seconds, Some(2.0));
        assert_eq!(report.timing.dated_hops, 2);
    }

    #[test]
    fn delays_skip_undated_hops_and_flag_skew() {
        let mut hops = vec![
            hop_at(Some(1000.0)),
            hop_at(None),
            hop_at(Some(1030.5)),
            hop_at(Some(1029.0)),
            hop_at(Some(900.0)),
        ];
        let timing = compute_delays(&mut hops, &Summary::default());
        let delays: Vec<Option<f64>> = hops.iter().map(|h| h.delay_seconds).collect();
        assert_eq!(delays, [None, None, Some(30.5), Some(-1.5), Some(-129.0)]);
        let skew: Vec<bool> = hops.iter().map(|h| h.clock_skew).collect();
        assert_eq!(skew, [false, false, false, false, true]);
        assert_eq!(timing.dated_hops, 4);
        assert_eq!(timing.total_seconds, Some(-100.0));
    }

    #[test]
    fn submission_delay_from_the_date_header() {
        let mut hops = vec![hop_at(Some(1_704_103_207.0))];
        let summary = Summary {
            date: Some(crate::hops::dates::parse_date_value("Mon, 1 Jan 2024 10:00:00 +0000")),
            ..Summary::default()
        };
        assert_eq!(compute_delays(&mut hops, &summary).submission_seconds, Some(7.0));
    }
}
