//! Renders a [`Report`] as text (the CLI's default) or Markdown (for tickets; also used by the site's
//! "copy as Markdown"). JSON is plain `serde` over the report.

use std::fmt::Write;

use crate::model::{Hop, Report};

/// Formats seconds as a short duration: `0 s`, `42 s`, `3 min 5 s`, `2 h 4 min`, `1 d 3 h`.
pub fn duration(seconds: f64) -> String {
    let neg = seconds < 0.0;
    let s = seconds.abs().round() as i64;
    let text = if s < 60 {
        format!("{s} s")
    } else if s < 3600 {
        format!("{} min {} s", s / 60, s % 60)
    } else if s < 86_400 {
        format!("{} h {} min", s / 3600, s / 60 % 60)
    } else {
        format!("{} d {} h", s / 86_400, s / 3600 % 24)
    };
    if neg { format!("-{text}") } else { text }
}

fn hop_from(hop: &Hop) -> String {
    let mut s = hop.from.clone().unwrap_or_else(|| "?".to_string());
    if let Some(ip) = hop.from_ip {
        let _ = write!(s, " [{ip}]");
    }
    s
}

/// Plain text: summary, hop table, findings with `help:` lines.
pub fn text(report: &Report) -> String {
    let mut out = String::new();
    let s = &report.summary;
    let addr = |v: &[crate::model::Mailbox]| {
        v.iter().filter_map(|m| m.address.clone()).collect::<Vec<_>>().join(", ")
    };
    let _ = writeln!(out, "Subject:     {}", s.subject.as_deref().unwrap_or("-"));
    let _ = writeln!(out, "From:        {}", addr(&s.from));
    let _ = writeln!(out, "To:          {}", addr(&s.to));
    let _ = writeln!(out, "Date:        {}", s.date.as_ref().map(|d| d.raw.as_str()).unwrap_or("-"));
    let _ = writeln!(out, "Message-ID:  {}", s.message_id.as_deref().unwrap_or("-"));
    for rp in &s.return_path {
        let _ = writeln!(out, "Return-Path: {}", rp.raw);
    }
    let _ = writeln!(out);
    let _ = writeln!(out, "Hops ({}):", report.hops.len());
    for hop in &report.hops {
        let delay = match (hop.delay_seconds, hop.clock_skew) {
            (Some(d), true) => format!("{} (clock skew)", duration(d)),
            (Some(d), false) => duration(d),
            (None, _) => "-".to_string(),
        };
        let _ = writeln!(
            out,
            "  {:>2}. {} -> {}  with {}  at {}  delay {}",
            hop.index,
            hop_from(hop),
            hop.by.as_deref().unwrap_or("?"),
            hop.with.as_deref().unwrap_or("-"),
            hop.timestamp.as_deref().unwrap_or("(no date)"),
            delay
        );
    }
    if let Some(total) = report.timing.total_seconds {
        let _ = writeln!(out, "  Total transit: {}", duration(total));
    }
    let _ = writeln!(out);
    let _ = writeln!(out, "Findings ({}):", report.findings.len());
    for f in &report.findings {
        let _ = writeln!(out, "  [{}] {}: {}", f.severity.as_str(), f.id, f.title);
        for e in &f.evidence {
            let _ = writeln!(out, "      {}: {}", e.header, e.text);
        }
        if let Some(fix) = &f.fix {
            let _ = writeln!(out, "      help: {}", fix.summary);
            for c in &fix.commands {
                let _ = writeln!(out, "        {c}");
            }
        }
    }
    out
}

/// Markdown for a ticket.
pub fn markdown(report: &Report) -> String {
    let mut out = String::new();
    let s = &report.summary;
    let _ = writeln!(out, "## headerlens report\n");
    let _ = writeln!(out, "**Subject:** {}  ", s.subject.as_deref().unwrap_or("-"));
    let _ = writeln!(
        out,
        "\n### Hops\n\n| # | From | By | With | Time (UTC) | Delay |\n|---|---|---|---|---|---|"
    );
    for hop in &report.hops {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} |",
            hop.index,
            hop_from(hop),
            hop.by.as_deref().unwrap_or("?"),
            hop.with.as_deref().unwrap_or("-"),
            hop.timestamp.as_deref().unwrap_or("-"),
            hop.delay_seconds.map(duration).unwrap_or_else(|| "-".into())
        );
    }
    let _ = writeln!(out, "\n### Findings\n");
    for f in &report.findings {
        let _ = writeln!(out, "- **[{}] {}** (`{}`): {}", f.severity.as_str(), f.title, f.id, f.detail);
    }
    out
}
