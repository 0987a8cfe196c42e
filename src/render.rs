//! Renders a [`Report`] as text (the CLI's default) or Markdown (for tickets; also used by the site's
//! "copy as Markdown"). JSON is plain `serde` over the report.
//!
//! Header text is data: the text renderer replaces control characters (a pasted header may carry NUL,
//! escape sequences or bare CRs, see the Mailsploit cases) and the Markdown renderer escapes or fences
//! every piece of header text so it can never turn into markup, links or HTML.

use std::fmt::Write;

use crate::catalog::{Lang, word};
use crate::model::{Finding, Hop, Mailbox, Span, Text};
use crate::report::Report;

pub use crate::words::{duration, fixed, fixed_text, number, number_text};

/// Header text made safe for a terminal: control characters (other than tab) become `�`,
/// line breaks become spaces.
fn plain(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\n' | '\r' | '\t' => out.push(' '),
            c if c.is_control() => out.push('\u{fffd}'),
            // Direction controls and invisible characters are shown as code points, never obeyed.
            c if crate::diagnostics::is_deceptive(c) => out.push_str(&format!("<U+{:04X}>", c as u32)),
            c => out.push(c),
        }
    }
    out
}

/// Mailboxes joined with commas; after eight, the rest are counted rather than listed.
fn mailboxes(list: &[Mailbox]) -> String {
    const SHOWN: usize = 8;
    let mut text = list.iter().take(SHOWN).map(Mailbox::display).collect::<Vec<_>>().join(", ");
    if list.len() > SHOWN {
        let _ = write!(text, " and {} more", list.len() - SHOWN);
    }
    text
}

/// The sending side of a hop: `helo (rdns) [ip]`, leaving out what is not known or repeated.
fn hop_from(hop: &Hop) -> String {
    let mut s = hop.from.clone().unwrap_or_default();
    if let Some(rdns) = hop.from_rdns.as_deref().filter(|r| Some(*r) != hop.from.as_deref()) {
        if s.is_empty() {
            s = rdns.to_string();
        } else {
            let _ = write!(s, " ({rdns})");
        }
    }
    if let Some(ip) = hop.from_ip {
        let lit = format!("[{ip}]");
        if s != lit {
            if !s.is_empty() {
                s.push(' ');
            }
            s.push_str(&lit);
        }
    }
    if s.is_empty() { "-".to_string() } else { s }
}

fn hop_by(hop: &Hop) -> String {
    match (&hop.by, hop.by_ip) {
        (Some(b), Some(ip)) if *b != ip.to_string() => format!("{b} [{ip}]"),
        (Some(b), _) => b.clone(),
        (None, Some(ip)) => format!("[{ip}]"),
        (None, None) => "-".to_string(),
    }
}

fn hop_time(hop: &Hop, lang: Lang) -> String {
    match &hop.timestamp {
        Some(t) => t.replace('T', " ").trim_end_matches('Z').to_string(),
        None => word("render.no-date", lang).to_string(),
    }
}

fn hop_delay(hop: &Hop, lang: Lang) -> String {
    match (hop.delay_seconds, hop.clock_skew) {
        (Some(d), true) => format!("{} ({})", duration(d).render(lang), word("render.clock-skew", lang)),
        (Some(d), false) => duration(d).render(lang),
        (None, _) => "-".to_string(),
    }
}

fn hop_tls(hop: &Hop) -> Option<String> {
    let tls = hop.tls.as_ref()?;
    let parts: Vec<&str> = [tls.version.as_deref(), tls.cipher.as_deref()].into_iter().flatten().collect();
    (!parts.is_empty()).then(|| parts.join(" "))
}

fn span_text(span: Span, lang: Lang) -> String {
    format!("{} {}-{}", word("render.bytes", lang), span.start(), span.end())
}

/// The summary rows shared by both renderings: (label, value).
fn summary_rows(report: &Report, lang: Lang) -> Vec<(&'static str, String)> {
    let s = &report.summary;
    let mut rows = Vec::new();
    if let Some(c) = &report.input.container {
        rows.push((word("render.message", lang), c.render(lang)));
    }
    rows.push(("Subject", s.subject.clone().unwrap_or_else(|| "-".into())));
    rows.push(("From", mailboxes(&s.from)));
    if !s.sender.is_empty() {
        rows.push(("Sender", mailboxes(&s.sender)));
    }
    if !s.reply_to.is_empty() {
        rows.push(("Reply-To", mailboxes(&s.reply_to)));
    }
    rows.push(("To", mailboxes(&s.to)));
    if !s.cc.is_empty() {
        rows.push(("Cc", mailboxes(&s.cc)));
    }
    let date = match &s.date {
        Some(d) => match &d.utc {
            Some(utc) => format!("{}  (UTC: {})", d.raw, utc.replace('T', " ").trim_end_matches('Z')),
            None => format!("{} ({})", d.raw, word("render.unreadable", lang)),
        },
        None => "-".into(),
    };
    rows.push(("Date", date));
    rows.push(("Message-ID", s.message_id.clone().unwrap_or_else(|| "-".into())));
    for rp in &s.return_path {
        rows.push(("Return-Path", rp.raw.clone()));
    }
    if let Some(m) = &s.mailer {
        rows.push((word("render.mailer", lang), m.clone()));
    }
    rows.into_iter().map(|(k, v)| (k, if v.is_empty() { "-".to_string() } else { v })).collect()
}

fn timing_line(report: &Report, lang: Lang) -> Option<String> {
    let t = &report.timing;
    let total = t.total_seconds?;
    let hops = t.dated_hops;
    // A last stamp earlier than the first is the servers' clocks disagreeing: never a negative transit time.
    let mut line = if total < 0.0 && duration(total) != "0 s" {
        crate::catalog::msg!("render.total-transit-clocks", hops, delay = duration(-total)).render(lang)
    } else {
        crate::catalog::msg!("render.total-transit", total = duration(total.abs()), hops).render(lang)
    };
    if let Some(sub) = t.submission_seconds {
        // A Date later than the first stamp is a clock or zone problem: "8 s before", never "-8 s after".
        let m = if sub < 0.0 && duration(sub) != "0 s" {
            crate::catalog::msg!("render.first-hop-before-date", delay = duration(-sub))
        } else {
            crate::catalog::msg!("render.first-hop-after-date", delay = duration(sub.abs()))
        };
        m.render_into(lang, &mut line);
    }
    Some(line)
}

/// Widest From or By cell in the text hop table; longer names are cut there and shown in full below.
const HOST_COLUMN: usize = 48;

/// Cuts a table cell to [`HOST_COLUMN`] characters, marking the cut with `…`.
fn shorten(text: &str) -> String {
    if text.chars().count() <= HOST_COLUMN {
        return text.to_string();
    }
    let mut cut: String = text.chars().take(HOST_COLUMN - 1).collect();
    cut.push('…');
    cut
}

/// Pads to a width in characters.
fn pad(text: &str, width: usize) -> String {
    let n = text.chars().count();
    if n >= width { text.to_string() } else { format!("{text}{}", " ".repeat(width - n)) }
}

/// On a likely hostile message (see [`crate::route::Impersonation`]): the heading and every sign against it,
/// strongest first, in `lang`. Findings name only the strongest sign; the list is given once, here.
pub fn hostile_signs(report: &Report, lang: Lang) -> Option<(String, Vec<String>)> {
    let h = report.route.impersonation.as_ref()?;
    let heading = if h.spoofed {
        crate::catalog::msg!("render.hostile-spoofed", from_domain = h.from_domain)
    } else {
        crate::catalog::msg!("render.hostile-unwanted", from_domain = h.from_domain)
    };
    Some((heading.render(lang), h.evidence.iter().map(|e| e.render(lang)).collect()))
}

/// Plain text in English: see [`text_in`].
pub fn text(report: &Report) -> String {
    text_in(report, Lang::En)
}

/// Plain text: summary, hop table, findings with evidence, `help:` lines, commands, verify and alternatives, in
/// `lang` (the report's own words; header text as it is).
pub fn text_in(report: &Report, lang: Lang) -> String {
    let w = |id| word(id, lang);
    let mut out = String::new();
    if let Some(notice) = &report.input.notice {
        let _ = writeln!(out, "{} {}\n", w("render.note"), plain(&notice.render(lang)));
    } else if !report.input.looks_like_headers {
        let _ = writeln!(out, "{}\n", w("render.not-headers-text"));
    }
    if let Some(sentence) = &report.delivery.sentence {
        let _ = writeln!(out, "{:<12} {}\n", w("render.delivery-label"), plain(&sentence.render(lang)));
    }
    if let Some(signs) = hostile_signs(report, lang) {
        let _ = writeln!(out, "{}", signs.0);
        for sign in &signs.1 {
            let _ = writeln!(out, "  - {}", plain(sign));
        }
        out.push('\n');
    }
    for (label, value) in summary_rows(report, lang) {
        // Header names keep the header's colon; the one label in words takes the language's.
        let colon =
            if label == word("render.mailer", lang) { word("render.heading-colon", lang) } else { ":" };
        let _ = writeln!(out, "{:<12} {}", format!("{label}{colon}"), plain(&value));
    }
    if let Some(s) = &report.input.receiver_summary {
        let heading = crate::catalog::msg!("render.receiver-summary", source = plain(&s.source)).render(lang);
        let _ = writeln!(out, "\n{heading}{}", word("render.heading-colon", lang));
        for item in &s.items {
            let _ = writeln!(out, "  {:<11} {}", format!("{}:", plain(&item.label)), plain(&item.value));
        }
    }
    if !report.input.normalizations.is_empty() {
        let _ = writeln!(out, "\n{}", w("render.input-clean-up"));
        for n in &report.input.normalizations {
            let _ = writeln!(out, "  - {}", n.render(lang));
        }
    }

    let _ = writeln!(
        out,
        "\n{}{}",
        crate::catalog::msg!("render.hops-heading", n = report.hops.len()).render(lang),
        word("render.heading-colon", lang)
    );
    if !report.hops.is_empty() {
        let rows: Vec<[String; 6]> = report
            .hops
            .iter()
            .map(|h| {
                [
                    h.index.to_string(),
                    hop_time(h, lang),
                    hop_delay(h, lang),
                    shorten(&plain(&hop_from(h))),
                    shorten(&plain(&hop_by(h))),
                    plain(h.with.as_deref().unwrap_or("-")),
                ]
            })
            .collect();
        let head = ["#", w("render.time-utc"), w("render.delay"), "From", "By", "With"];
        let mut widths = head.map(|h| h.chars().count());
        for row in &rows {
            for (w, cell) in widths.iter_mut().zip(row) {
                *w = (*w).max(cell.chars().count()).min(60);
            }
        }
        let line = |cells: [&str; 6]| {
            let mut l = String::from("  ");
            for (i, (cell, w)) in cells.iter().zip(widths).enumerate() {
                if i + 1 == cells.len() {
                    l.push_str(cell);
                } else {
                    l.push_str(&pad(cell, w));
                    l.push_str("  ");
                }
            }
            l.trim_end().to_string()
        };
        let _ = writeln!(out, "{}", line(head));
        for (row, hop) in rows.iter().zip(&report.hops) {
            let _ = writeln!(out, "{}", line([&row[0], &row[1], &row[2], &row[3], &row[4], &row[5]]));
            let indent = " ".repeat(widths[0] + 4);
            // Names too long for the table are shown in full under the row.
            for (label, full) in [("from", plain(&hop_from(hop))), ("by", plain(&hop_by(hop)))] {
                if full.chars().count() > HOST_COLUMN {
                    let _ = writeln!(out, "{indent}{label}: {full}");
                }
            }
            if let Some(tls) = hop_tls(hop) {
                let _ = writeln!(out, "{indent}TLS: {}", plain(&tls));
            }
            if let Some(id) = &hop.id {
                let _ = writeln!(out, "{indent}id: {}", plain(id));
            }
            if hop.timestamp.is_none()
                && let Some(raw) = &hop.date_raw
            {
                let _ = writeln!(out, "{indent}{} {}", w("render.date-as-written"), plain(raw));
            }
            // A zone that is ambiguous, unknown or a POSIX string: what it was read as.
            if let (Some(zone), Some(note)) = (hop.zone, &hop.zone_note)
                && (zone.uncertain() && zone != crate::model::ZoneReading::Missing
                    || zone == crate::model::ZoneReading::Posix)
            {
                let _ = writeln!(out, "{indent}{} {}", w("render.zone-label"), plain(&note.render(lang)));
            }
            for note in &hop.parse_notes {
                let _ = writeln!(out, "{indent}{} {}", w("render.note"), plain(&note.render(lang)));
            }
        }
        if let Some(t) = timing_line(report, lang) {
            let _ = writeln!(out, "  {t}");
        }
    }

    text_authentication(&mut out, report, lang);
    text_microsoft(&mut out, report, lang);
    if let Some((heading, items)) = delivery_lines(report, lang) {
        let _ = writeln!(out, "\n{heading}{}", word("render.heading-colon", lang));
        for item in items {
            let _ = writeln!(out, "  - {}", plain(&item));
        }
    }

    let _ = writeln!(
        out,
        "\n{}{}",
        crate::catalog::msg!("render.findings-heading", n = report.findings.len()).render(lang),
        word("render.heading-colon", lang)
    );
    for f in &report.findings {
        text_finding(&mut out, f, lang);
    }
    out
}

/// The delivery section as lines: the placement's reasons, then one line per spam filter with its verdict,
/// score and top rules. `None` when no delivery header was read.
fn delivery_lines(report: &Report, lang: Lang) -> Option<(String, Vec<String>)> {
    use crate::catalog::msg;
    use crate::delivery::{FilterVerdict, Position};
    let d = &report.delivery;
    if d.reasons.is_empty() && d.filters.is_empty() {
        return None;
    }
    // English keeps the JSON's token ("junk"); other languages name the folder as their Outlook does.
    let heading = msg!("render.delivery-heading", placement = d.placement.token()).render(lang);
    let mut items: Vec<String> = d.reasons.iter().map(|r| r.text.render(lang)).collect();
    for f in &d.filters {
        let verdict = word(
            match f.verdict {
                FilterVerdict::Spam => "render.filter-spam",
                FilterVerdict::NotSpam => "render.filter-not-spam",
                FilterVerdict::Unknown => "render.filter-no-verdict",
            },
            lang,
        );
        let mut line = format!("{}{} {verdict}", f.filter, word("render.heading-colon", lang));
        match (f.score, f.threshold) {
            (Some(s), Some(t)) => line.push_str(
                &msg!("render.filter-score-threshold", score = number_text(s), threshold = number_text(t))
                    .render(lang),
            ),
            (Some(s), None) => {
                line.push_str(&msg!("render.filter-score", score = number_text(s)).render(lang))
            }
            _ => {}
        }
        line.push_str(word(
            match f.position {
                Position::Receiver => "render.filter-at-receiver",
                Position::Upstream => "render.filter-upstream",
                Position::Unknown => "render.filter-position-unknown",
            },
            lang,
        ));
        const TOP: usize = 3;
        let top: Vec<String> = f
            .rules
            .iter()
            .take(TOP)
            .map(|r| match r.score {
                Some(s) => format!("{} {} ({})", r.name, number_text(s).render(lang), r.meaning.render(lang)),
                None => format!("{} ({})", r.name, r.meaning.render(lang)),
            })
            .collect();
        if !top.is_empty() {
            line.push_str(&msg!("render.filter-top-rules", rules = top.join(", ")).render(lang));
        }
        if f.rules.len() > TOP {
            line.push_str(&msg!("render.filter-more-rules", n = f.rules.len() - TOP).render(lang));
        }
        if !f.notes.is_empty() {
            line.push_str(word("list.semicolon", lang));
            line.push_str(&Text::join_clauses(&f.notes).render(lang));
        }
        items.push(line);
    }
    Some((heading, items))
}

/// The authentication section as lines: heading, then items (verdicts, signatures, ARC, upstream claims).
/// Empty when the message carries no authentication header at all.
fn authentication_lines(report: &Report, lang: Lang) -> Option<(String, Vec<String>)> {
    use crate::catalog::msg;
    let a = &report.authentication;
    if a.receiver.is_none() && a.dkim.is_empty() && !a.arc.present {
        return None;
    }
    let receiver = a.receiver_name();
    let heading = match &a.receiver {
        Some(r) if r.delivered_by.is_some() => msg!("render.auth-heading-no-final"),
        Some(r) => match r.entry_hop {
            Some(hop) => msg!("render.auth-heading-trusted", receiver, hop),
            None => msg!("render.auth-heading-receiver", receiver),
        },
        None => msg!("render.auth-heading"),
    }
    .render(lang);
    let mut items: Vec<String> = a.verdicts.iter().map(|v| v.text.render(lang)).collect();
    if let Some(r) = a.receiver.as_ref().filter(|r| r.delivered_by.is_some()) {
        items.push(r.explanation.render(lang));
    }
    for sig in &a.dkim {
        let mut line = format!(
            "DKIM-Signature d={} s={} a={}",
            sig.domain.as_deref().unwrap_or("?"),
            sig.selector.as_deref().unwrap_or("?"),
            sig.algorithm.as_deref().unwrap_or("?")
        );
        match &sig.receiver_result {
            Some(r) => msg!("render.auth-dkim-reported", r).render_into(lang, &mut line),
            None => line.push_str(word("render.auth-dkim-untrusted", lang)),
        }
        if !sig.lint.is_empty() {
            msg!("render.auth-dkim-lint", n = sig.lint.len()).render_into(lang, &mut line);
        }
        items.push(line);
    }
    if a.arc.present {
        let state =
            if a.arc.broken { msg!("render.auth-arc-broken") } else { msg!("render.auth-arc-intact") };
        let cv = a.arc.highest_cv.as_deref().unwrap_or("?");
        items.push(msg!("render.auth-arc", n = a.arc.instances.len(), cv, state).render(lang));
    }
    for r in a.results.iter().filter(|r| r.trust == crate::auth::Trust::Upstream) {
        let methods: Vec<String> =
            r.parsed.methods.iter().map(|m| format!("{}={}", m.method, m.result)).collect();
        let kind = if r.kind == crate::auth::ResultsKind::OriginalAuthenticationResults {
            msg!("render.auth-upstream-copy")
        } else {
            msg!("render.auth-upstream-kind")
        };
        let by = r.parsed.authserv_id.as_deref().unwrap_or("(no authserv-id)");
        let at = r.hop.map(|hop| msg!("render.auth-at-hop", hop));
        let results: crate::catalog::Text =
            if methods.is_empty() { msg!("render.auth-no-result").into() } else { methods.join(" ").into() };
        items.push(msg!("render.auth-upstream", kind, header = &r.header, by, at, results).render(lang));
    }
    if !a.dkim.is_empty() || a.arc.present {
        items.push(a.verification_note.render(lang));
    }
    Some((heading, items))
}

/// The authentication section: the trusted receiver's verdicts in words, signatures, ARC and upstream claims.
fn text_authentication(out: &mut String, report: &Report, lang: Lang) {
    let Some((heading, items)) = authentication_lines(report, lang) else { return };
    let _ = writeln!(out, "\n{}{}", plain(&heading), word("render.heading-colon", lang));
    for item in items {
        let _ = writeln!(out, "  {}", plain(&item));
    }
}

/// The authentication section as a Markdown list.
fn md_authentication(out: &mut String, report: &Report, lang: Lang) {
    let Some((heading, items)) = authentication_lines(report, lang) else { return };
    let _ = writeln!(out, "\n### {}\n", md(&heading));
    for item in items {
        let _ = writeln!(out, "- {}", md(&item));
    }
}

/// Longest value shown in the Microsoft section before it is cut with `…`.
const MS_VALUE_CHARS: usize = 60;

/// A decoded Microsoft value for display: control characters made visible, long values cut.
fn ms_value(value: &str) -> String {
    let shown = plain(value);
    if shown.chars().count() > MS_VALUE_CHARS {
        format!("{}…", shown.chars().take(MS_VALUE_CHARS).collect::<String>())
    } else {
        shown
    }
}

/// The Microsoft 365 section: the verdict in words, then every decoded field with its meaning.
fn text_microsoft(out: &mut String, report: &Report, lang: Lang) {
    let ms = &report.microsoft;
    if ms.fields.is_empty() {
        return;
    }
    let _ = writeln!(
        out,
        "\n{}{}",
        crate::catalog::msg!("render.microsoft-heading", n = ms.fields.len()).render(lang),
        word("render.heading-colon", lang)
    );
    if let Some(v) = &ms.verdict {
        let _ = writeln!(out, "  {} {}", word("render.verdict-label", lang), plain(&v.render(lang)));
    }
    let mut last_header: Option<(&str, usize)> = None;
    for f in &ms.fields {
        let upstream = if f.upstream { word("render.upstream-not-recipient", lang) } else { "" };
        // A single-valued header (its key is the end of its name) takes one line; list entries go under
        // their header.
        if f.header.to_ascii_lowercase().ends_with(&f.key.to_ascii_lowercase()) {
            let _ = writeln!(out, "  {}: {}{upstream}", plain(&f.header), ms_value(&f.value));
            let _ = writeln!(out, "      {}", plain(&f.meaning.render(lang)));
            last_header = None;
            continue;
        }
        if last_header != Some((f.header.as_str(), f.field_index)) {
            let _ = writeln!(out, "  {}{upstream}", plain(&f.header));
            last_header = Some((f.header.as_str(), f.field_index));
        }
        let _ = writeln!(out, "    {}:{}", plain(&f.key), ms_value(&f.value));
        let _ = writeln!(out, "        {}", plain(&f.meaning.render(lang)));
    }
}

/// The `(likely)` mark after a title.
fn likely_mark(f: &Finding, lang: Lang) -> &'static str {
    match f.confidence {
        crate::model::Confidence::Likely => word("render.likely", lang),
        crate::model::Confidence::Certain => "",
    }
}

fn text_finding(out: &mut String, f: &Finding, lang: Lang) {
    let w = |id| word(id, lang);
    let t = |text: &Text| plain(&text.render(lang));
    let likely = likely_mark(f, lang);
    let _ = writeln!(out, "  [{}] {}{likely}  ({})", f.severity.as_str(), t(&f.title), f.id);
    if !f.detail.is_empty() {
        let _ = writeln!(out, "      {}", t(&f.detail));
    }
    for e in &f.evidence {
        let _ = writeln!(
            out,
            "      {} {}: {}  ({})",
            w("render.evidence-label"),
            plain(&e.header),
            plain(&e.text),
            span_text(e.span, lang)
        );
    }
    let Some(fix) = &f.fix else { return };
    let _ = writeln!(out, "      {} {}", w("render.help-label"), t(&fix.summary));
    for (i, step) in fix.steps.iter().enumerate() {
        let _ = writeln!(out, "        {}. {}", i + 1, t(step));
    }
    for c in &fix.commands {
        for (i, line) in t(c).lines().enumerate() {
            let prompt = if i == 0 { "$ " } else { "  " };
            let _ = writeln!(out, "        {prompt}{}", plain(line));
        }
    }
    for v in &fix.verify {
        let _ = writeln!(out, "      {} {}", w("render.verify-label"), t(v));
    }
    for a in &fix.alternatives {
        let _ = writeln!(out, "      {} {}", w("render.alternative-label"), t(a));
    }
    for r in &fix.references {
        let _ = writeln!(
            out,
            "      {} {}",
            w("render.see-label"),
            plain(&crate::catalog::reference(r).render(lang))
        );
    }
}

/// Escapes header text for Markdown prose and table cells: markup characters get a backslash,
/// line breaks and control characters become spaces.
fn md(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#' | '~' | '!' | '&' | '(' | ')' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' | '\t' => out.push(' '),
            c if c.is_control() => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

/// The core's own prose (titles, details, fixes), where `backticks` mark code: paired backticks stay code
/// spans (the words between them are not escaped), everything else is escaped as by [`md`]. With an odd
/// number of backticks the whole text is escaped.
fn md_prose(text: &str) -> String {
    if text.matches('`').count() % 2 == 1 {
        return md(text);
    }
    text.split('`')
        .enumerate()
        .map(|(i, piece)| if i % 2 == 1 { md_code(piece) } else { md(piece) })
        .collect()
}

/// Header text as a Markdown code span, fenced with more backticks than it contains.
fn md_code(text: &str) -> String {
    let mut clean = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            c if c.is_control() => clean.push(' '),
            c if crate::diagnostics::is_deceptive(c) => clean.push_str(&format!("<U+{:04X}>", c as u32)),
            c => clean.push(c),
        }
    }
    if clean.is_empty() {
        return String::new();
    }
    let longest = clean.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    let pad = if clean.starts_with('`') || clean.ends_with('`') || longest > 0 { " " } else { "" };
    // A `|` inside a table cell ends the cell even in a code span: escape it.
    format!("{fence}{pad}{}{pad}{fence}", clean.replace('|', "\\|"))
}

/// A fenced code block that the text cannot close.
fn md_block(out: &mut String, lang: &str, lines: &[String]) {
    let longest = lines.iter().flat_map(|l| l.split(|c| c != '`')).map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest.max(2) + 1);
    let _ = writeln!(out, "{fence}{lang}");
    for l in lines {
        let clean: String = l.chars().map(|c| if c.is_control() && c != '\n' { ' ' } else { c }).collect();
        let _ = writeln!(out, "{clean}");
    }
    let _ = writeln!(out, "{fence}");
}

/// Why a comparison judges nothing: a message without Internet headers, with its notice.
pub fn comparison_caveats(c: &crate::compare::Comparison) -> Vec<Text> {
    use crate::catalog::msg;
    let mut out = Vec::new();
    for (side, r) in [(msg!("compare.side-before"), c.left), (msg!("compare.side-after"), c.right)] {
        if crate::compare::has_headers(r) {
            continue;
        }
        let why: Text = match &r.input.notice {
            Some(n) => n.clone(),
            None => msg!("compare.no-fields").into(),
        };
        out.push(msg!("compare.no-headers", side, why).into());
    }
    out
}

/// `headerlens compare` as text in English: see [`comparison_text_in`].
pub fn comparison_text(c: &crate::compare::Comparison, left: &str, right: &str) -> String {
    comparison_text_in(c, left, right, Lang::En)
}

/// `headerlens compare` as text: each difference on a line, judged from the right (later) message; the
/// verdict word is the JSON's token in English (`[better]`) and a word in other languages.
pub fn comparison_text_in(c: &crate::compare::Comparison, left: &str, right: &str, lang: Lang) -> String {
    use crate::catalog::msg;
    let w = |id| word(id, lang);
    let mut out = String::new();
    // "Before: " and "After:  " line up in English; other languages pad the shorter label the same way.
    let (before, after) = (w("compare.before"), w("compare.after"));
    let width = before.chars().count().max(after.chars().count());
    let pad = |l: &str| format!("{l}{}", " ".repeat(width - l.chars().count()));
    let _ = writeln!(out, "{} {}\n{} {}\n", pad(before), plain(left), pad(after), plain(right));
    for line in comparison_caveats(c) {
        let _ = writeln!(out, "{} {}\n", w("compare.note"), plain(&line.render(lang)));
    }
    if c.differences.is_empty() {
        let _ = writeln!(out, "{}", w("compare.no-differences"));
        return out;
    }
    let _ = writeln!(out, "{}", msg!("compare.differences", n = c.differences.len()).render(lang));
    for d in &c.differences {
        let side = |v: &Option<Text>| {
            v.as_ref().map_or_else(|| w("compare.none").into(), |t| plain(&t.render(lang)))
        };
        let verdict = match lang {
            Lang::En => d.verdict.as_str().to_string(),
            _ => d.verdict.word().render(lang),
        };
        let what = plain(&d.what.render(lang));
        let colon = w("render.heading-colon");
        let _ = writeln!(out, "  [{verdict}] {what}{colon} {} -> {}", side(&d.left), side(&d.right));
    }
    out
}

/// `headerlens compare` as Markdown in English: see [`comparison_markdown_in`].
pub fn comparison_markdown(c: &crate::compare::Comparison, left: &str, right: &str) -> String {
    comparison_markdown_in(c, left, right, Lang::En)
}

/// `headerlens compare` as Markdown: a table of differences.
pub fn comparison_markdown_in(c: &crate::compare::Comparison, left: &str, right: &str, lang: Lang) -> String {
    let w = |id| word(id, lang);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "## {}\n\n{} {}  \n{} {}\n",
        w("compare.heading"),
        w("compare.before"),
        md(left),
        w("compare.after"),
        md(right)
    );
    for line in comparison_caveats(c) {
        let _ = writeln!(out, "> {}\n", md(&line.render(lang)));
    }
    if c.differences.is_empty() {
        let _ = writeln!(out, "{}", w("compare.no-differences"));
        return out;
    }
    let columns = w("compare.md-header").split(", ").collect::<Vec<_>>().join(" | ");
    let _ = writeln!(out, "| {columns} |\n|---|---|---|---|");
    for d in &c.differences {
        let side = |v: &Option<Text>| v.as_ref().map_or_else(|| "-".into(), |t| md(&t.render(lang)));
        let verdict = match lang {
            Lang::En => d.verdict.as_str().to_string(),
            _ => d.verdict.word().render(lang),
        };
        let _ = writeln!(
            out,
            "| {} | {} | {} | {verdict} |",
            md(&d.what.render(lang)),
            side(&d.left),
            side(&d.right)
        );
    }
    out
}

/// Markdown in English: see [`markdown_in`].
pub fn markdown(report: &Report) -> String {
    markdown_in(report, Lang::En)
}

/// Markdown for a ticket: summary table, hop table, findings with evidence and fixes, in `lang`.
pub fn markdown_in(report: &Report, lang: Lang) -> String {
    let w = |id| word(id, lang);
    let t = |text: &Text| md_prose(&text.render(lang));
    let mut out = String::new();
    let _ = writeln!(out, "## {}\n", w("render.md-title"));
    if let Some(notice) = &report.input.notice {
        let _ = writeln!(out, "> **{}** {}\n", w("render.md-note"), md(&notice.render(lang)));
    } else if !report.input.looks_like_headers {
        let _ = writeln!(out, "> {}\n", w("render.not-headers-md"));
    }
    if let Some(sentence) = &report.delivery.sentence {
        let _ = writeln!(out, "**{}** {}\n", w("render.delivery-label"), md(&sentence.render(lang)));
    }
    if let Some(signs) = hostile_signs(report, lang) {
        let _ = writeln!(out, "{}\n", md_prose(&signs.0));
        for sign in &signs.1 {
            let _ = writeln!(out, "- {}", md_prose(sign));
        }
        out.push('\n');
    }
    let _ = writeln!(out, "| {} | {} |\n|---|---|", w("render.field"), w("render.value"));
    for (label, value) in summary_rows(report, lang) {
        let _ = writeln!(out, "| {label} | {} |", md(&value));
    }
    if let Some(s) = &report.input.receiver_summary {
        let heading = crate::catalog::msg!("render.receiver-summary", source = md(&s.source)).render(lang);
        let _ = writeln!(out, "\n{heading}{}\n", word("render.heading-colon", lang));
        let _ = writeln!(out, "| Label | Value |\n|---|---|");
        for item in &s.items {
            let _ = writeln!(out, "| {} | {} |", md(&item.label), md(&item.value));
        }
    }

    let _ = writeln!(
        out,
        "\n### {}\n",
        crate::catalog::msg!("render.hops-heading", n = report.hops.len()).render(lang)
    );
    if !report.hops.is_empty() {
        let _ = writeln!(
            out,
            "| # | {} | {} | From | By | With | TLS |\n|---|---|---|---|---|---|---|",
            w("render.time-utc"),
            w("render.delay")
        );
        for hop in &report.hops {
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} | {} | {} |",
                hop.index,
                hop_time(hop, lang),
                hop_delay(hop, lang),
                md(&hop_from(hop)),
                md(&hop_by(hop)),
                md(hop.with.as_deref().unwrap_or("-")),
                md(&hop_tls(hop).unwrap_or_else(|| "-".into())),
            );
        }
        if let Some(t) = timing_line(report, lang) {
            let _ = writeln!(out, "\n{t}");
        }
    }

    md_authentication(&mut out, report, lang);
    md_microsoft(&mut out, report, lang);
    if let Some((heading, items)) = delivery_lines(report, lang) {
        let _ = writeln!(out, "\n### {}\n", md(&heading));
        for item in items {
            let _ = writeln!(out, "- {}", md(&item));
        }
    }

    let _ = writeln!(
        out,
        "\n### {}\n",
        crate::catalog::msg!("render.findings-heading", n = report.findings.len()).render(lang)
    );
    if report.findings.is_empty() {
        let _ = writeln!(out, "{}", w("render.no-findings"));
    }
    for f in &report.findings {
        let likely = likely_mark(f, lang);
        let _ =
            writeln!(out, "#### [{}] {}{likely}\n", f.severity.as_str().to_ascii_uppercase(), t(&f.title));
        let _ = writeln!(out, "`{}`\n", f.id);
        if !f.detail.is_empty() {
            let _ = writeln!(out, "{}\n", t(&f.detail));
        }
        if !f.evidence.is_empty() {
            let _ = writeln!(out, "**{}**\n", w("render.evidence"));
            for e in &f.evidence {
                let _ =
                    writeln!(out, "- {}: {} ({})", md(&e.header), md_code(&e.text), span_text(e.span, lang));
            }
            let _ = writeln!(out);
        }
        if let Some(fix) = &f.fix {
            let _ = writeln!(out, "**{}** {}\n", w("render.fix-label"), t(&fix.summary));
            for (i, step) in fix.steps.iter().enumerate() {
                let _ = writeln!(out, "{}. {}", i + 1, t(step));
            }
            if !fix.steps.is_empty() {
                let _ = writeln!(out);
            }
            if !fix.commands.is_empty() {
                md_block(&mut out, "", &fix.commands.iter().map(|c| c.render(lang)).collect::<Vec<_>>());
                let _ = writeln!(out);
            }
            let references: Vec<Text> = fix.references.iter().map(|r| crate::catalog::reference(r)).collect();
            for (title, list) in [
                (w("render.verify"), &fix.verify),
                (w("render.alternatives"), &fix.alternatives),
                (w("render.references"), &references),
            ] {
                if list.is_empty() {
                    continue;
                }
                let _ = writeln!(out, "**{title}**\n");
                for item in list {
                    let _ = writeln!(out, "- {}", t(item));
                }
                let _ = writeln!(out);
            }
        }
    }
    out
}

/// The Microsoft 365 section as a Markdown table.
fn md_microsoft(out: &mut String, report: &Report, lang: Lang) {
    let w = |id| word(id, lang);
    let ms = &report.microsoft;
    if ms.fields.is_empty() {
        return;
    }
    let _ = writeln!(out, "\n### Microsoft 365\n");
    if let Some(v) = &ms.verdict {
        let _ = writeln!(out, "**{}** {}\n", w("render.verdict-label"), md(&v.render(lang)));
    }
    let _ = writeln!(
        out,
        "| {} | {} | {} | {} |\n|---|---|---|---|",
        w("render.header"),
        w("render.field"),
        w("render.value"),
        w("render.meaning")
    );
    for f in &ms.fields {
        let header =
            if f.upstream { format!("{} ({})", f.header, w("render.upstream")) } else { f.header.clone() };
        let value = md_code(&ms_value(&f.value));
        let _ =
            writeln!(out, "| {} | {} | {value} | {} |", md(&header), md(&f.key), md(&f.meaning.render(lang)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Confidence, Evidence, FindingId, Fix, Owner, Severity};

    /// Hops whose last stamp is earlier than the first: the clocks disagree, never a negative total.
    #[test]
    fn a_negative_transit_says_the_clocks_disagree() {
        let report = crate::analyze_str(
            "Received: from b.example.net (b.example.net [198.51.100.2]) by c.example.org with ESMTP id 2; Mon, 8 Jan 2024 10:00:00 +0000\n\
             Received: from a.example.com (a.example.com [203.0.113.1]) by b.example.net with ESMTP id 1; Mon, 8 Jan 2024 10:30:00 +0000\n\
             From: a@example.com\nSubject: x\n",
        );
        assert_eq!(report.timing.total_seconds, Some(-1800.0));
        let en = timing_line(&report, Lang::En).unwrap();
        assert!(en.contains("unknown over 2 dated hop(s): the servers' clocks disagree (the last stamp is 30 min 0 s earlier"), "{en}");
        assert!(!en.contains("-30"), "{en}");
        let fr = timing_line(&report, Lang::Fr).unwrap();
        assert!(fr.contains("les horloges des serveurs ne concordent pas"), "{fr}");
        assert!(!text(&report).contains("Total transit: -"));
    }

    #[test]
    fn a_date_after_the_first_hop_is_said_as_before() {
        let mut report = crate::analyze_str("Subject: x\n");
        report.timing.total_seconds = Some(10.0);
        report.timing.dated_hops = 2;
        report.timing.submission_seconds = Some(-8.0);
        let line = timing_line(&report, Lang::En).unwrap();
        assert!(line.ends_with("first hop 8 s before the Date header"), "{line}");
        report.timing.submission_seconds = Some(8.0);
        assert!(timing_line(&report, Lang::En).unwrap().ends_with("first hop 8 s after the Date header"));
    }

    #[test]
    fn direction_controls_are_shown_as_code_points() {
        let report = crate::analyze_str("From: a@example.com\nSubject: Invoice \u{202E}fdp.exe\n");
        assert!(text(&report).contains("Subject:     Invoice <U+202E>fdp.exe"));
        assert!(!text(&report).contains('\u{202E}'));
        // Markdown keeps header text as escaped data (the export round-trips); evidence in code spans and the
        // finding's detail show the code points.
        let md = markdown(&report);
        assert!(md.contains("`Invoice <U+202E>fdp.exe`"), "{md}");
        assert!(
            md.contains("Subject: Invoice <U+202E>fdp.exe")
                || md.contains("Subject: Invoice \\<U+202E\\>fdp.exe"),
            "{md}"
        );
    }

    fn report_with_finding() -> Report {
        let mut r = crate::analyze_str(
            "Received: from a.example.org (a.example.org [192.0.2.1]) by b.example.net with ESMTPS id X1; \
             Mon, 1 Jan 2024 10:00:05 +0000\nReceived: from c.example.org ([192.0.2.9]) by a.example.org \
             with ESMTP id Y2; Mon, 1 Jan 2024 10:00:00 +0000\nSubject: Hi | *bold* <script>\nFrom: a@example.org\n",
        );
        r.findings.push(Finding {
            id: FindingId::ReturnPathCaseOdd,
            severity: Severity::High,
            confidence: Confidence::Likely,
            owner: Owner::SendingOrg,
            caused_by: None,
            title: "Return-Path is <odd>".into(),
            detail: "The value `x|y` breaks tables.".into(),
            evidence: vec![Evidence {
                header: "Return-Path".into(),
                text: "<a`b@example.org>".into(),
                span: Span::new(3, 20),
                highlights: vec![],
            }],
            fix: Some(Fix {
                summary: "Set the address".into(),
                steps: vec!["Open the console".into()],
                commands: vec!["Set-MailContact \"App\" -PrimarySmtpAddress a@example.org".into()],
                verify: vec!["Send a test message".into()],
                alternatives: vec!["Use a connector".into()],
                references: vec!["RFC 5321 §4.4".into()],
            }),
        });
        r
    }

    #[test]
    fn long_host_names_are_cut_in_the_table_and_shown_in_full() {
        let long = "NAM12-MW2-obe.outbound.protection.outlook.com";
        let r = crate::analyze_str(&format!(
            "Received: from {long} (mail-mw2nam12rlnn2071.outbound.protection.outlook.com [40.95.53.71]) \
             by mx.example.net with ESMTPS id 1; Mon, 8 Jan 2024 13:54:36 +0000\n"
        ));
        let t = text(&r);
        let row = t.lines().find(|l| l.starts_with("  1 ")).unwrap();
        assert!(row.contains(&format!("{long} (…")), "{t}");
        assert!(row.contains("mx.example.net"), "{t}");
        assert!(
            t.contains(&format!(
                "from: {long} (mail-mw2nam12rlnn2071.outbound.protection.outlook.com) [40.95.53.71]"
            )),
            "{t}"
        );
    }

    #[test]
    fn summary_addresses_are_short() {
        let to: String = (1..=10).map(|i| format!("u{i}@example.org <u{i}@example.org>, ")).collect();
        let r = crate::analyze_str(&format!(
            "From: \"Alice\" <alice@example.org>\nTo: {to}\nDate: Mon, 1 Jan 2024 11:00:00 +0100\n"
        ));
        let t = text(&r);
        assert!(t.contains("From:        Alice <alice@example.org>\n"), "{t}");
        assert!(t.contains("To:          u1@example.org, u2@example.org,"), "{t}");
        assert!(t.contains("u8@example.org and 2 more\n"), "{t}");
        assert!(t.contains("Date:        Mon, 1 Jan 2024 11:00:00 +0100  (UTC: 2024-01-01 10:00:00)"), "{t}");
    }

    #[test]
    fn text_has_hops_findings_and_help() {
        let t = text(&report_with_finding());
        assert!(t.contains("Hops (2, oldest first):"), "{t}");
        assert!(t.contains("c.example.org [192.0.2.9]"), "{t}");
        assert!(t.contains("a.example.org [192.0.2.1]"), "{t}");
        assert!(t.contains("5 s"), "{t}");
        assert!(t.contains("[high] Return-Path is <odd> (likely)  (return-path-case-odd)"), "{t}");
        assert!(t.contains("evidence: Return-Path: <a`b@example.org>  (bytes 3-20)"), "{t}");
        assert!(t.contains("help: Set the address"), "{t}");
        assert!(t.contains("$ Set-MailContact"), "{t}");
        assert!(t.contains("verify: Send a test message"), "{t}");
        assert!(t.contains("alternative: Use a connector"), "{t}");
    }

    #[test]
    fn markdown_escapes_header_text() {
        let m = markdown(&report_with_finding());
        assert!(m.contains("| Subject | Hi \\| \\*bold\\* \\<script\\> |"), "{m}");
        assert!(!m.contains("<script>"), "{m}");
        assert!(m.contains("| 2 | 2024-01-01 10:00:05 | 5 s | a.example.org \\[192.0.2.1\\]"), "{m}");
        assert!(m.contains("``` <a`b@example.org> ```") || m.contains("`` <a`b@example.org> ``"), "{m}");
        assert!(m.contains("**Fix:** Set the address"), "{m}");
        assert!(m.contains("```\nSet-MailContact"), "{m}");
        assert!(m.contains("**Verify**\n\n- Send a test message"), "{m}");
    }

    #[test]
    fn prose_keeps_its_code_spans_and_escapes_the_rest() {
        assert_eq!(md_prose("Sender `a_b@x.local` is *odd*"), "Sender `a_b@x.local` is \\*odd\\*");
        assert_eq!(md_prose("one ` tick"), "one \\` tick");
        assert_eq!(md_prose("`a|b`"), "`a\\|b`");
    }

    #[test]
    fn control_characters_never_reach_the_terminal() {
        let r = crate::analyze_str("Subject: =?utf-8?Q?a=1B[31mred=00?=\nFrom: a@example.org\n");
        let t = text(&r);
        assert!(!t.contains('\u{1b}') && !t.contains('\0'), "{t:?}");
    }
}
