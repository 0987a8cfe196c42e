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

/// Mailboxes joined with commas; after eight, the rest are counted rather than listed ("and 2 more", in
/// `lang`).
fn mailboxes(list: &[Mailbox], lang: Lang) -> String {
    const SHOWN: usize = 8;
    let mut text = list.iter().take(SHOWN).map(Mailbox::display).collect::<Vec<_>>().join(", ");
    if list.len() > SHOWN {
        crate::catalog::msg!("render.and-more", n = list.len() - SHOWN).render_into(lang, &mut text);
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
    rows.push(("From", mailboxes(&s.from, lang)));
    if !s.sender.is_empty() {
        rows.push(("Sender", mailboxes(&s.sender, lang)));
    }
    if !s.reply_to.is_empty() {
        rows.push(("Reply-To", mailboxes(&s.reply_to, lang)));
    }
    rows.push(("To", mailboxes(&s.to, lang)));
    if !s.cc.is_empty() {
        rows.push(("Cc", mailboxes(&s.cc, lang)));
    }
    let date = match &s.date {
        Some(d) => match &d.utc {
            Some(utc) => format!(
                "{}  (UTC{}{})",
                d.raw,
                word("render.label-sep", lang),
                utc.replace('T', " ").trim_end_matches('Z')
            ),
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
    let heading = if let Some(brand) = h.brand {
        crate::catalog::msg!("render.hostile-brand", brand, from_domain = h.from_domain)
    } else if h.spoofed {
        crate::catalog::msg!("render.hostile-spoofed", from_domain = h.from_domain)
    } else {
        crate::catalog::msg!("render.hostile-unwanted", from_domain = h.from_domain)
    };
    Some((heading.render(lang), h.evidence.iter().map(|e| e.render(lang)).collect()))
}

/// True when the report has nothing but its notice to show (input that is not text, a `.msg` that cannot be
/// read): an empty summary, "0 hops" and "no findings" below the notice would read as a clean message.
fn notice_only(report: &Report) -> bool {
    let s = &report.summary;
    report.headers.is_empty()
        && s.subject.is_none()
        && s.from.is_empty()
        && s.to.is_empty()
        && s.date.is_none()
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
        if notice_only(report) {
            return out;
        }
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
                    let _ = writeln!(out, "{indent}{label}{}{full}", w("render.label-sep"));
                }
            }
            if let Some(tls) = hop_tls(hop) {
                let _ = writeln!(out, "{indent}TLS{}{}", w("render.label-sep"), plain(&tls));
            }
            if let Some(id) = &hop.id {
                let _ = writeln!(out, "{indent}id{}{}", w("render.label-sep"), plain(id));
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
        let mut line = format!("{}{}{verdict}", f.filter, word("render.label-sep", lang));
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
        let by = r.parsed.authserv_id.as_deref().unwrap_or(word("render.no-authserv-id", lang));
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
    if shows_likely(f, lang) { word("render.likely", lang) } else { "" }
}

/// Whether a finding's title needs the `(likely)` mark: it is an inference and its title does not already
/// say so in words ("Probablement …", "… likely …"): one hedge per sentence, never "probablement … (probable)".
/// The hedging words are the catalogue's `render.hedges` (stems separated by `|`).
pub fn shows_likely(f: &Finding, lang: Lang) -> bool {
    if f.confidence != crate::model::Confidence::Likely {
        return false;
    }
    let title = f.title.render(lang).to_lowercase();
    !word("render.hedges", lang).split('|').any(|stem| title.contains(stem))
}

fn text_finding(out: &mut String, f: &Finding, lang: Lang) {
    let w = |id| word(id, lang);
    let t = |text: &Text| plain(&text.render(lang));
    let likely = likely_mark(f, lang);
    let _ = writeln!(out, "  [{}] {}{likely}  ({})", f.severity.word(lang), t(&f.title), f.id);
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

/// Escapes header text for Markdown running text (CommonMark, with GitHub's `~~strikethrough~~`): only what
/// could turn into markup gets a backslash. Anywhere: `\\`, `` ` ``, `*`, `_`, `[`, `]`, `<`, `~`, and `&`
/// before what reads as an entity (`&amp;`, `&#35;`); at the start of the text, what would make its line
/// a block (`#` heading, `>` quote, `-` `+` `=` list, rule or underline, `1.` `1)` ordered list). Line
/// breaks become spaces and other control characters `�`. Table cells: [`md_cell`].
fn md(text: &str) -> String {
    md_escape(text, true, false)
}

/// [`md`] for a table cell: a `|` ends a cell anywhere, so it is escaped too; a cell starts no block.
fn md_cell(text: &str) -> String {
    md_escape(text, false, true)
}

fn md_escape(text: &str, line_start: bool, cell: bool) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let lead = text.len() - text.trim_start_matches([' ', '\t']).len();
    // An ordered list's marker: up to nine digits and `.` or `)` at the start.
    let digits = text[lead..].bytes().take_while(u8::is_ascii_digit).count();
    let list_number = line_start
        && (1..=9).contains(&digits)
        && matches!(text.as_bytes().get(lead + digits), Some(b'.' | b')'));
    for (i, c) in text.char_indices() {
        let escape = match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '~' => true,
            '|' => cell,
            '&' => entity_follows(&text[i + 1..]),
            '#' | '>' | '-' | '+' | '=' => line_start && i == lead,
            '.' | ')' => list_number && i == lead + digits,
            _ => false,
        };
        if escape {
            out.push('\\');
        }
        match c {
            '\n' | '\r' | '\t' => out.push(' '),
            c if c.is_control() => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

/// True when the text after a `&` reads as the rest of an entity reference (`amp;`, `#35;`, `#x23;`).
fn entity_follows(rest: &str) -> bool {
    let name = rest.bytes().take(33).take_while(|b| b.is_ascii_alphanumeric() || *b == b'#').count();
    name > 0 && rest.as_bytes().get(name) == Some(&b';')
}

/// The core's own prose (titles, details, fixes), where `backticks` mark code: paired backticks stay code
/// spans (the words between them are not escaped), everything else is escaped as by [`md`]. With an odd
/// number of backticks the whole text is escaped. Public as [`markdown_prose`] for the site's export.
fn md_prose(text: &str) -> String {
    if text.matches('`').count() % 2 == 1 {
        return md(text);
    }
    text.split('`')
        .enumerate()
        .map(|(i, piece)| if i % 2 == 1 { md_code(piece) } else { md(piece) })
        .collect()
}

/// Prose with `backticks` for code as Markdown running text (see [`md_prose`]): the site's export writes its
/// opening (verdict, causes, fix) with the same escaping as the report below it.
pub fn markdown_prose(text: &str) -> String {
    md_prose(text)
}

/// Header text as a Markdown code span in running text: fenced with more backticks than its longest run
/// of them, and padded with a space when it starts or ends with one, so no value can close it early.
fn md_code(text: &str) -> String {
    md_code_span(text, false)
}

/// [`md_code`] in a table cell: a `|` ends the cell even inside a code span, so it is written `\|` (which
/// GitHub's tables read as the character alone).
fn md_code_cell(text: &str) -> String {
    md_code_span(text, true)
}

fn md_code_span(text: &str, cell: bool) -> String {
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
    // CommonMark strips one space from each end when both have one: padded when the value starts or ends
    // with a backtick (it would join the fence), or with a space (its own space would be stripped).
    let pad = if clean.starts_with(['`', ' ']) || clean.ends_with(['`', ' ']) { " " } else { "" };
    let clean = if cell { clean.replace('|', "\\|") } else { clean };
    format!("{fence}{pad}{clean}{pad}{fence}")
}

/// The shell a command of a fix is written for, told by its first word: a PowerShell cmdlet (`Verb-Noun`,
/// e.g. `Set-MailContact`, `Get-MessageTrackingLog`) or a Windows tool run from PowerShell (`tzutil`,
/// `w32tm`), else a Unix shell (`dig`, `postconf`, `timedatectl`, `nslookup`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shell {
    PowerShell,
    Sh,
}

impl Shell {
    /// The shell of `command`.
    pub fn of(command: &str) -> Shell {
        const WINDOWS_TOOLS: &[&str] = &["tzutil", "w32tm", "ipconfig", "certutil"];
        let first = command.split_whitespace().next().unwrap_or_default();
        let cmdlet = first.split_once('-').is_some_and(|(verb, noun)| {
            verb.len() > 1
                && !noun.is_empty()
                && verb.starts_with(|c: char| c.is_ascii_uppercase())
                && noun.starts_with(|c: char| c.is_ascii_uppercase())
                && first.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        });
        if cmdlet || WINDOWS_TOOLS.iter().any(|t| first.eq_ignore_ascii_case(t)) {
            Shell::PowerShell
        } else {
            Shell::Sh
        }
    }

    /// The info string of a Markdown code fence (`powershell`, `sh`), which renderers colour by.
    pub fn fence(self) -> &'static str {
        match self {
            Shell::PowerShell => "powershell",
            Shell::Sh => "sh",
        }
    }

    /// The label shown above a block of its commands (a technical name, the same in every language).
    pub fn label(self) -> &'static str {
        match self {
            Shell::PowerShell => "PowerShell",
            Shell::Sh => "Shell (sh)",
        }
    }

    /// Commands in their order, cut into runs of one shell: one block (fence and label) per run.
    pub fn blocks<S: AsRef<str>>(commands: &[S]) -> Vec<(Shell, &[S])> {
        let mut out: Vec<(Shell, &[S])> = Vec::new();
        let mut start = 0;
        for i in 1..=commands.len() {
            let shell = Shell::of(commands[start].as_ref());
            if i == commands.len() || Shell::of(commands[i].as_ref()) != shell {
                out.push((shell, &commands[start..i]));
                start = i;
            }
        }
        out
    }
}

/// True when an entry of a fix (a verify check) is a command to paste rather than a sentence: a
/// PowerShell cmdlet or Windows tool (see [`Shell::of`]) or a common mail or DNS tool.
pub fn is_command(entry: &str) -> bool {
    const TOOLS: &[&str] = &[
        "dig",
        "nslookup",
        "host",
        "openssl",
        "swaks",
        "curl",
        "telnet",
        "postconf",
        "postqueue",
        "exim",
        "grep",
        "timedatectl",
    ];
    let first = entry.split_whitespace().next().unwrap_or_default();
    !first.is_empty() && (Shell::of(entry) == Shell::PowerShell || TOOLS.contains(&first))
}

/// Commands as Markdown: one fenced block per run of one shell, each labelled with its shell
/// ("PowerShell:", then a `powershell` fence).
pub fn markdown_commands<S: AsRef<str>>(commands: &[S], lang: Lang) -> String {
    let mut out = String::new();
    for (shell, run) in Shell::blocks(commands) {
        let _ = writeln!(out, "{}{}\n", shell.label(), word("render.heading-colon", lang));
        md_block(&mut out, shell.fence(), &run.iter().map(|c| c.as_ref().to_string()).collect::<Vec<_>>());
        out.push('\n');
    }
    out
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
        let sep = w("render.label-sep");
        let _ = writeln!(out, "  [{verdict}] {what}{sep}{} -> {}", side(&d.left), side(&d.right));
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
        let side = |v: &Option<Text>| v.as_ref().map_or_else(|| "-".into(), |t| md_cell(&t.render(lang)));
        let verdict = match lang {
            Lang::En => d.verdict.as_str().to_string(),
            _ => d.verdict.word().render(lang),
        };
        let _ = writeln!(
            out,
            "| {} | {} | {} | {verdict} |",
            md_cell(&d.what.render(lang)),
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
        if notice_only(report) {
            return out;
        }
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
        let _ = writeln!(out, "| {label} | {} |", md_cell(&value));
    }
    if let Some(s) = &report.input.receiver_summary {
        let heading = crate::catalog::msg!("render.receiver-summary", source = md(&s.source)).render(lang);
        let _ = writeln!(out, "\n{heading}{}\n", word("render.heading-colon", lang));
        let _ = writeln!(out, "| {} | {} |\n|---|---|", w("render.label"), w("render.value"));
        for item in &s.items {
            let _ = writeln!(out, "| {} | {} |", md_cell(&item.label), md_cell(&item.value));
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
                md_cell(&hop_from(hop)),
                md_cell(&hop_by(hop)),
                md_cell(hop.with.as_deref().unwrap_or("-")),
                md_cell(&hop_tls(hop).unwrap_or_else(|| "-".into())),
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
        let _ = writeln!(out, "#### [{}] {}{likely}\n", f.severity.word(lang).to_uppercase(), t(&f.title));
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
            let commands: Vec<String> = fix.commands.iter().map(|c| c.render(lang)).collect();
            out.push_str(&markdown_commands(&commands, lang));
            let references: Vec<Text> = fix.references.iter().map(|r| crate::catalog::reference(r)).collect();
            // Checks that are commands are fenced like the fix's.
            for (title, list, verify) in [
                (w("render.verify"), &fix.verify, true),
                (w("render.alternatives"), &fix.alternatives, false),
                (w("render.references"), &references, false),
            ] {
                if list.is_empty() {
                    continue;
                }
                let _ = writeln!(out, "**{title}**\n");
                // In their order: each run of commands one fenced block, each run of sentences one list.
                let items: Vec<String> = list.iter().map(|item| item.render(lang)).collect();
                let mut rest = items.as_slice();
                while let Some(first) = rest.first() {
                    let command = verify && is_command(first);
                    let n = rest.iter().take_while(|i| (verify && is_command(i)) == command).count();
                    if command {
                        out.push_str(&markdown_commands(&rest[..n], lang));
                    } else {
                        for item in &rest[..n] {
                            let _ = writeln!(out, "- {}", md_prose(item));
                        }
                        let _ = writeln!(out);
                    }
                    rest = &rest[n..];
                }
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
        let value = md_code_cell(&ms_value(&f.value));
        let _ = writeln!(
            out,
            "| {} | {} | {value} | {} |",
            md_cell(&header),
            md_cell(&f.key),
            md_cell(&f.meaning.render(lang))
        );
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
        assert!(en.contains("unknown over 2 dated hops: the servers' clocks disagree (the last stamp is 30 min 0 s earlier"), "{en}");
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
                || md.contains("Subject: Invoice \\<U+202E>fdp.exe"),
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
        assert!(m.contains("| Subject | Hi \\| \\*bold\\* \\<script> |"), "{m}");
        // Every `<` of header text is escaped (`\\<`) or inside a code span: no HTML.
        assert!(!m.replace("\\<", "").contains("<script>"), "{m}");
        assert!(m.contains("| 2 | 2024-01-01 10:00:05 | 5 s | a.example.org \\[192.0.2.1\\]"), "{m}");
        assert!(m.contains("- Return-Path: ``<a`b@example.org>`` (bytes 3-20)"), "{m}");
        assert!(m.contains("**Fix:** Set the address"), "{m}");
        assert!(m.contains("PowerShell:\n\n```powershell\nSet-MailContact"), "{m}");
        assert!(m.contains("**Verify**\n\n- Send a test message"), "{m}");
    }

    #[test]
    fn prose_keeps_its_code_spans_and_escapes_the_rest() {
        assert_eq!(md_prose("Sender `a_b@x.local` is *odd*"), "Sender `a_b@x.local` is \\*odd\\*");
        assert_eq!(md_prose("one ` tick"), "one \\` tick");
        // A pipe in running text is text; only table cells escape it.
        assert_eq!(md_prose("`a|b`"), "`a|b`");
    }

    #[test]
    fn running_text_escapes_only_what_commonmark_reads_as_markup() {
        let subject = "Re: *URGENT* _invoice_ [#42] (paid) | ~~old~~ 5 > 3 & more! <b>";
        assert_eq!(
            md(subject),
            "Re: \\*URGENT\\* \\_invoice\\_ \\[#42\\] (paid) | \\~\\~old\\~\\~ 5 > 3 & more! \\<b>"
        );
        // Entities would be decoded: their `&` is escaped, a lone `&` is not.
        assert_eq!(md("AT&T &amp; &#35; & co"), "AT&T \\&amp; \\&#35; & co");
        // At the start of a line a value could open a block: a heading, a quote, a list, a rule.
        assert_eq!(md("# not a heading"), "\\# not a heading");
        assert_eq!(md("> not a quote"), "\\> not a quote");
        assert_eq!(md("- not a list"), "\\- not a list");
        assert_eq!(md("+1 from me"), "\\+1 from me");
        assert_eq!(md("2024. A year"), "2024\\. A year");
        assert_eq!(md("1) first"), "1\\) first");
        assert_eq!(md("Ticket #42 - v1.2"), "Ticket #42 - v1.2");
        // Backslashes stay themselves; line breaks and control characters never reach the output.
        assert_eq!(md("C:\\mail\\in\r\nnext\u{1b}[31m"), "C:\\\\mail\\\\in  next\u{fffd}\\[31m");
    }

    #[test]
    fn table_cells_escape_pipes_and_start_no_block() {
        assert_eq!(md_cell("a | b *c* _d_"), "a \\| b \\*c\\* \\_d\\_");
        assert_eq!(md_cell("-"), "-");
        assert_eq!(md_cell("# 1. > x"), "# 1. > x");
        assert_eq!(md_code_cell("k=a|b"), "`k=a\\|b`");
        assert_eq!(md_code("k=a|b"), "`k=a|b`");
    }

    #[test]
    fn code_spans_are_fenced_longer_than_any_backtick_run_inside() {
        assert_eq!(md_code("plain"), "`plain`");
        assert_eq!(md_code("a`b"), "``a`b``");
        assert_eq!(md_code("a``b`c"), "```a``b`c```");
        // A value that starts or ends with a backtick (or a space) is padded, so the fence cannot absorb it.
        assert_eq!(md_code("`quoted`"), "`` `quoted` ``");
        assert_eq!(md_code(" x"), "`  x `");
        assert_eq!(md_code("*_|#"), "`*_|#`");
    }

    #[test]
    fn header_values_with_markup_characters_round_trip_through_the_markdown_export() {
        let r = crate::analyze_str(
            "Received: from a.example.org (a.example.org [192.0.2.1]) by b.example.net with ESMTP id 1; \
             Mon, 1 Jan 2024 10:00:00 +0000\nSubject: Q3 *final* report_v2 | draft `x` (AT&T)\n\
             From: \"Ops | *Team*\" <ops_team@example.com>\nTo: b@example.net\n",
        );
        let m = markdown(&r);
        // In the summary table: pipes, asterisks, underscores and backticks escaped, nothing else.
        assert!(m.contains("| Subject | Q3 \\*final\\* report\\_v2 \\| draft \\`x\\` (AT&T) |"), "{m}");
        assert!(m.contains("ops\\_team@example.com"), "{m}");
        // Every table row still has its cells: no unescaped pipe inside a value.
        for row in m.lines().filter(|l| l.starts_with("| Subject") || l.starts_with("| From")) {
            assert_eq!(row.replace("\\|", "").matches('|').count(), 3, "{row}");
        }
    }

    #[test]
    fn commands_are_fenced_and_labelled_by_their_shell() {
        assert_eq!(Shell::of("Set-MailContact \"App\" -PrimarySmtpAddress a@example.org"), Shell::PowerShell);
        assert_eq!(
            Shell::of("Get-MessageTrackingLog -MessageId \"<x@example.com>\" | Sort-Object Timestamp"),
            Shell::PowerShell
        );
        assert_eq!(
            Shell::of("New-DkimSigningConfig -DomainName example.com -Enabled $false"),
            Shell::PowerShell
        );
        assert_eq!(Shell::of("w32tm /query /status"), Shell::PowerShell);
        assert_eq!(Shell::of("dig +short TXT _dmarc.example.com"), Shell::Sh);
        assert_eq!(Shell::of("nslookup -type=TXT example.com"), Shell::Sh);
        assert_eq!(Shell::of("postconf -e \"myhostname = mail.example.com\""), Shell::Sh);
        assert_eq!(Shell::of("timedatectl status"), Shell::Sh);
        assert!(is_command("dig +short -x 192.0.2.1") && is_command("Get-InboundConnector | Format-List"));
        assert!(!is_command("Send a test message and paste its headers here."));
        assert!(!is_command("`Get-QuarantineMessage` returns nothing."));
        let cmds = ["tzutil /g", "w32tm /query /status", "timedatectl status", "Get-Date"];
        let blocks: Vec<(Shell, usize)> =
            Shell::blocks(&cmds).into_iter().map(|(s, run)| (s, run.len())).collect();
        assert_eq!(blocks, [(Shell::PowerShell, 2), (Shell::Sh, 1), (Shell::PowerShell, 1)]);
        assert_eq!(
            markdown_commands(&cmds[1..3], Lang::En),
            "PowerShell:\n\n```powershell\nw32tm /query /status\n```\n\nShell (sh):\n\n```sh\ntimedatectl status\n```\n\n"
        );
        assert!(markdown_commands(&cmds[2..3], Lang::Fr).starts_with("Shell (sh)\u{a0}:\n\n```sh\n"));
        assert_eq!(markdown_commands::<&str>(&[], Lang::En), "");
        // A command holding backticks gets a longer fence.
        assert!(
            markdown_commands(&["dig +short TXT ```x"], Lang::En)
                .contains("\n````sh\ndig +short TXT ```x\n````\n")
        );
    }

    #[test]
    fn verify_commands_are_fenced_in_the_markdown_export() {
        let mut r = report_with_finding();
        let fix = r.findings[0].fix.as_mut().unwrap();
        fix.verify = vec!["dig +short TXT _dmarc.example.org".into(), "Send a test message".into()];
        let m = markdown(&r);
        assert!(
            m.contains("**Verify**\n\nShell (sh):\n\n```sh\ndig +short TXT _dmarc.example.org\n```\n\n- Send a test message\n"),
            "{m}"
        );
    }

    #[test]
    fn control_characters_never_reach_the_terminal() {
        let r = crate::analyze_str("Subject: =?utf-8?Q?a=1B[31mred=00?=\nFrom: a@example.org\n");
        let t = text(&r);
        assert!(!t.contains('\u{1b}') && !t.contains('\0'), "{t:?}");
    }
}
