//! `trace-nonconformant`
//!
//! ## What it checks
//! A Received field that does not follow RFC 5321 §4.4: nothing in it could be read, it has no date or an
//! unreadable one, no `;` before the date, or its date uses forms the RFC forbids in trace fields
//! (obsolete zone names such as `GMT`/`EST`/`UTC`, no zone, a 2-digit year) or no RFC 5322 form at all
//! (`2018-04-22 02:54:17 +0000 UTC`). One finding per field, Low.
//!
//! ## Why it matters
//! Nothing breaks for the recipient, but headerlens (and every other reader) has to guess: hop timing
//! around that stamp may be approximate, and a zone name can hide an offset error.
//!
//! ## Fix
//! None for the reader. If the host is yours, update or configure its mail software to write standard stamps.

use crate::diagnostics::Ctx;
use crate::diagnostics::hop_facts::hop_evidence;
use crate::model::{Confidence, Finding, Fix, ParseStatus, Severity};

pub(crate) const ID: &str = "trace-nonconformant";

const MONTHS: &[&str] = &["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

/// What in a date text breaks RFC 5321 §4.4 / RFC 5322 §3.3, in words.
pub(crate) fn date_problems(date: &str) -> Vec<String> {
    let mut depth = 0usize;
    let bare: String = date
        .chars()
        .filter(|&c| {
            match c {
                '(' => depth += 1,
                ')' => {
                    depth = depth.saturating_sub(1);
                    return false;
                }
                _ => {}
            }
            depth == 0
        })
        .collect();
    let tokens: Vec<&str> = bare.split([' ', '\t', ',']).filter(|t| !t.is_empty()).collect();
    let is_month = |t: &str| {
        t.len() >= 3 && MONTHS.iter().any(|m| t.get(..3).is_some_and(|p| p.eq_ignore_ascii_case(m)))
    };
    let Some(month_at) = tokens.iter().position(|t| is_month(t)) else {
        return if bare.chars().any(|c| c.is_ascii_digit()) {
            vec!["a date that is not in RFC 5322 form".to_string()]
        } else {
            Vec::new()
        };
    };
    let mut problems = Vec::new();
    if let Some(year) =
        tokens.get(month_at + 1).filter(|y| y.bytes().all(|b| b.is_ascii_digit()) && y.len() < 4)
    {
        problems.push(format!("a {}-digit year ({year})", year.len()));
    }
    let Some(time_at) = tokens.iter().skip(month_at).position(|t| t.contains(':')).map(|p| p + month_at)
    else {
        return problems;
    };
    match tokens.get(time_at + 1) {
        None => problems.push("no time zone".to_string()),
        Some(zone) => {
            let numeric = (zone.starts_with('+') || zone.starts_with('-'))
                && zone.len() == 5
                && zone.bytes().skip(1).all(|b| b.is_ascii_digit());
            if !numeric && zone.chars().all(|c| c.is_ascii_alphabetic()) {
                problems.push(format!("the zone name {zone} instead of a numeric offset"));
            } else if !numeric {
                problems.push(format!("an unreadable zone ({zone})"));
            }
        }
    }
    problems
}

pub(crate) fn check(ctx: &Ctx<'_>, acc: &mut Vec<Finding>) {
    for hop in ctx.hops {
        let mut problems = Vec::new();
        if hop.parse_status == ParseStatus::Raw {
            problems.push("nothing in it could be read".to_string());
        }
        match (&hop.date_raw, hop.epoch) {
            (None, _) => problems.push("it has no date".to_string()),
            (Some(_), None) => problems.push("its date could not be read".to_string()),
            (Some(date), Some(_)) => {
                let value = crate::diagnostics::hop_facts::received_field(ctx, hop)
                    .map(|f| f.value.as_str())
                    .unwrap_or("");
                if !value.contains(';') {
                    problems.push("no \";\" before the date".to_string());
                }
                problems.extend(date_problems(date));
            }
        }
        if problems.is_empty() {
            continue;
        }
        let writer = hop.by.clone().unwrap_or_else(|| format!("hop {}", hop.index));
        let evidence = hop_evidence(ctx, hop, hop.date_raw.as_deref()).into_iter().collect();
        acc.push(Finding {
            id: ID,
            severity: Severity::Low,
            confidence: Confidence::Certain,
            title: format!("Non-standard Received stamp from {writer}: {}", problems.join(", ")),
            detail: format!(
                "RFC 5321 §4.4 expects \"from … by … ; date-time\" with a 4-digit year and a numeric zone offset, \
                 and forbids the obsolete date forms. The stamp of hop {} ({writer}) has {}, so headerlens read what it \
                 could: timing around this hop may be approximate.",
                hop.index,
                problems.join(", ")
            ),
            evidence,
            fix: Some(Fix {
                summary: format!("If {writer} is yours, configure or update its mail software to write standard stamps"),
                steps: vec!["Nothing to do for the recipient: the message is readable.".to_string()],
                references: vec!["RFC 5321 §4.4 (trace information)".to_string(), "RFC 5322 §3.3 and §4.3".to_string()],
                ..Fix::default()
            }),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::date_problems;
    use crate::diagnostics::test_support::{analyze, with_id};

    #[test]
    fn date_forms() {
        assert!(date_problems("Wed, 29 Oct 2025 10:24:26 +0000 (UTC)").is_empty());
        assert!(date_problems("Thu,  4 Apr 2024 16:41:20 +0800").is_empty());
        assert_eq!(date_problems("Fri, 24 Sep 10 14:28:08 -0700"), ["a 2-digit year (10)"]);
        assert_eq!(
            date_problems("Mon, 8 Jan 2024 13:54:34 GMT"),
            ["the zone name GMT instead of a numeric offset"]
        );
        assert_eq!(date_problems("Mon, 8 Jan 2024 13:54:34"), ["no time zone"]);
        assert_eq!(
            date_problems("2018-04-22 02:54:17.028704749 +0000 UTC"),
            ["a date that is not in RFC 5322 form"]
        );
    }

    #[test]
    fn fires_on_obsolete_zone_and_missing_semicolon() {
        let report = analyze(
            "Received: from a.example.com (a.example.com [198.51.100.1]) by b.example.com with SMTP id 1; Fri, 24 Sep 2010 14:28:08 EST\n\
             Received: by filter01.example.net with SMTP id filter01-5089 2018-04-22 02:54:17.028704749 +0000 UTC\n",
        );
        let found = with_id(&report, super::ID);
        assert_eq!(found.len(), 2, "{found:#?}");
        assert_eq!(
            found[1].title,
            "Non-standard Received stamp from b.example.com: the zone name EST instead of a numeric offset"
        );
        assert_eq!(found[1].evidence[0].text, "Fri, 24 Sep 2010 14:28:08 EST");
        assert!(found[0].title.contains("no \";\" before the date"), "{}", found[0].title);
    }

    #[test]
    fn quiet_on_a_standard_stamp() {
        let report = analyze(
            "Received: from a.example.com (a.example.com [198.51.100.1]) by b.example.com (Postfix) with ESMTPS id 4A; Wed, 29 Oct 2025 10:24:26 +0000 (UTC)\n",
        );
        assert!(with_id(&report, super::ID).is_empty());
    }
}
