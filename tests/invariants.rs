//! What must hold for every report, whatever the input: the contract the fuzz targets
//! (`tests/fuzz`, which include this file by path) and the mutation and limits tests check.
//!
//! [`check`] returns the broken invariants as sentences rather than panicking, so a test can print
//! every problem of one input at once and name the mutation that caused it.

use headerlens::{Report, Span};

/// 1970-01-01T00:00:00Z and 2100-01-01T00:00:00Z: the only dates a report may state.
const MIN_EPOCH: f64 = 0.0;
const MAX_EPOCH: f64 = 4_102_444_800.0;

/// Checks every invariant of `report` against the `input` it was made from; returns what is broken.
pub fn check(input: &[u8], report: &Report) -> Vec<String> {
    // The text spans point into: the input read as the core reads it (see `headerlens::charset`).
    let text = headerlens::charset::decode(input).text;
    let mut problems = Vec::new();
    let span_ok = |what: &str, span: Span, problems: &mut Vec<String>| {
        if span.start() > span.end() || span.end() > text.len() {
            problems.push(format!("{what}: span {span:?} outside the input of {} bytes", text.len()));
            false
        } else if !text.is_char_boundary(span.start()) || !text.is_char_boundary(span.end()) {
            problems.push(format!("{what}: span {span:?} not on char boundaries"));
            false
        } else {
            true
        }
    };

    if report.input.bytes != input.len() {
        problems.push(format!("input.bytes is {} for {} bytes", report.input.bytes, input.len()));
    }
    for (i, field) in report.headers.iter().enumerate() {
        let what = format!("header #{i} {:?}", field.name);
        if span_ok(&what, field.span, &mut problems) && !text[field.span.start()..].starts_with(&field.name) {
            problems.push(format!("{what}: its span does not start with its name"));
        }
        if span_ok(&format!("{what} value"), field.value_span, &mut problems) {
            let written = &text[field.value_span.start()..field.value_span.end()];
            if !written.contains(['\n', '\r']) && written != field.value {
                problems.push(format!("{what}: value {:?} but the input has {written:?}", field.value));
            }
        }
    }
    for rp in &report.summary.return_path {
        span_ok("Return-Path", rp.span, &mut problems);
    }
    for (i, hop) in report.hops.iter().enumerate() {
        let what = format!("hop {}", i + 1);
        if hop.index != i + 1 {
            problems.push(format!("{what}: index {}", hop.index));
        }
        span_ok(&what, hop.span, &mut problems);
        if let Some(epoch) = hop.epoch
            && !(MIN_EPOCH..MAX_EPOCH).contains(&epoch)
        {
            problems.push(format!("{what}: epoch {epoch} outside 1970-2100 (date {:?})", hop.date_raw));
        }
        if let Some(ts) = &hop.timestamp
            && !plausible_rfc3339(ts)
        {
            problems.push(format!("{what}: timestamp {ts:?} outside 1970-2100"));
        }
        if hop.timestamp.is_some() != hop.epoch.is_some() {
            problems.push(format!("{what}: timestamp and epoch disagree"));
        }
        for (name, value) in [("delay", hop.delay_seconds), ("epoch", hop.epoch)] {
            if value.is_some_and(|v| !v.is_finite()) {
                problems.push(format!("{what}: {name} is not finite"));
            }
        }
    }
    if let Some(date) = &report.summary.date {
        if let Some(epoch) = date.epoch
            && !(MIN_EPOCH..MAX_EPOCH).contains(&(epoch as f64))
        {
            problems.push(format!("Date: epoch {epoch} outside 1970-2100 ({:?})", date.raw));
        }
        if let Some(utc) = &date.utc
            && !plausible_rfc3339(utc)
        {
            problems.push(format!("Date: {utc:?} outside 1970-2100"));
        }
    }
    for finding in &report.findings {
        // A root cause is another finding of the same report.
        if let Some(cause) = finding.caused_by
            && (cause == finding.id || !report.findings.iter().any(|f| f.id == cause))
        {
            problems.push(format!(
                "finding {} is caused_by {cause}, which is not another finding here",
                finding.id
            ));
        }
        for (i, evidence) in finding.evidence.iter().enumerate() {
            let what = format!("finding {} evidence #{i} ({})", finding.id, evidence.header);
            if span_ok(&what, evidence.span, &mut problems) {
                let written = &text[evidence.span.start()..evidence.span.end()];
                // Single-line evidence is quoted verbatim; folded evidence is shown unfolded.
                if !written.contains(['\n', '\r']) && written != evidence.text {
                    problems.push(format!("{what}: text {:?} but the span holds {written:?}", evidence.text));
                }
            }
            for h in &evidence.highlights {
                if span_ok(&format!("{what} highlight"), *h, &mut problems)
                    && (h.start() < evidence.span.start() || h.end() > evidence.span.end())
                {
                    problems
                        .push(format!("{what}: highlight {h:?} outside the evidence {:?}", evidence.span));
                }
            }
        }
    }
    let delivery = &report.delivery;
    let reasons = delivery.reasons.iter().flat_map(|r| r.evidence.iter().map(move |e| ("reason", e)));
    let filters =
        delivery.filters.iter().flat_map(|f| f.evidence.iter().map(move |e| (f.filter.as_str(), e)));
    for (i, (whose, evidence)) in reasons.chain(filters).enumerate() {
        let what = format!("delivery {whose} evidence #{i} ({})", evidence.header);
        if span_ok(&what, evidence.span, &mut problems) {
            let written = &text[evidence.span.start()..evidence.span.end()];
            if !written.contains(['\n', '\r']) && written != evidence.text {
                problems.push(format!("{what}: text {:?} but the span holds {written:?}", evidence.text));
            }
        }
    }
    for f in &delivery.filters {
        for (name, value) in [("score", f.score), ("threshold", f.threshold)] {
            if value.is_some_and(|v| !v.is_finite()) {
                problems.push(format!("delivery {}: {name} is not finite", f.filter));
            }
        }
    }
    problems
}

/// `YYYY-…` with a year in 1970..=2099.
fn plausible_rfc3339(ts: &str) -> bool {
    ts.get(..4).and_then(|y| y.parse::<u32>().ok()).is_some_and(|y| (1970..2100).contains(&y))
}

/// Renders the report every way the product does (JSON, text, Markdown); panics only if one of them
/// does, which is what the caller wants to find out.
/// [`check`] for one message of a container walk: its spans point into `text`, the part of the message the
/// walk kept, so `input.bytes` (the whole message's size) is not compared.
pub fn check_message(text: &str, report: &Report) -> Vec<String> {
    check(text.as_bytes(), report).into_iter().filter(|p| !p.starts_with("input.bytes is")).collect()
}

pub fn render_all(report: &Report) -> usize {
    let json = serde_json::to_string(report).expect("a report always serialises to JSON");
    json.len() + headerlens::render::text(report).len() + headerlens::render::markdown(report).len()
}
