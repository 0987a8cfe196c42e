//! The hop timeline: one hop per `Received` field, oldest first, with delays.

pub mod dates;
pub mod received;

use crate::headers;
use crate::input::Source;
use crate::model::{HeaderField, Hop, Summary, Timing};

/// Builds the hops (oldest first) and the timing over them.
pub fn build(source: &Source, fields: &[HeaderField], summary: &Summary) -> (Vec<Hop>, Timing) {
    let _ = source;
    let received: Vec<&HeaderField> = headers::all(fields, "Received").collect();
    let mut hops: Vec<Hop> = received.iter().rev().map(|f| received::parse(f)).collect();
    for (i, hop) in hops.iter_mut().enumerate() {
        hop.index = i + 1;
    }
    let timing = compute_delays(&mut hops, summary);
    (hops, timing)
}

/// Tolerance under which a negative delay is not called clock skew, in seconds.
pub const SKEW_TOLERANCE_SECONDS: f64 = 2.0;

/// Fills `delay_seconds` and `clock_skew` on each hop and returns the totals.
pub fn compute_delays(hops: &mut [Hop], summary: &Summary) -> Timing {
    let mut prev: Option<f64> = None;
    let mut first: Option<f64> = None;
    let mut last: Option<f64> = None;
    let mut dated = 0;
    for hop in hops.iter_mut() {
        let Some(t) = hop.epoch else { continue };
        dated += 1;
        if let Some(p) = prev {
            let d = t - p;
            hop.delay_seconds = Some(d);
            hop.clock_skew = d < -SKEW_TOLERANCE_SECONDS;
        }
        prev = Some(t);
        first.get_or_insert(t);
        last = Some(t);
    }
    let submission_seconds = match (summary.date.as_ref().and_then(|d| d.epoch), first) {
        (Some(d), Some(f)) => Some(f - d as f64),
        _ => None,
    };
    Timing { total_seconds: first.zip(last).map(|(f, l)| l - f), dated_hops: dated, submission_seconds }
}
