//! Capitalisation heuristics for envelope addresses (C1–C4, each described on [`CaseRule`]; C5 lives in the
//! diagnostic because it needs other headers' spans).
//!
//! People and MTAs rarely invent capitalisation; directories do, because Exchange writes a proxy
//! address exactly as it was typed into Active Directory. A Return-Path whose case is odd is a
//! fingerprint of an address re-derived from a directory entry. Every oddity carries the exact byte
//! ranges (into the address text) of the characters that make it odd, so the site can mark them.

use serde::Serialize;

use crate::catalog::{Text, msg};
use crate::envelope::split_address;
use crate::model::Severity;

/// Which heuristic matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum CaseRule {
    /// C1: same local part as the From address except for case.
    CaseDrift,
    /// C2: capitalisation styles mixed inside the local part (`application.MAILBOX`).
    IrregularLocalPart,
    /// C3: capitals in the domain (`ResDomain.local`).
    UpperCaseDomain,
    /// C4: the whole address in capitals.
    AllCaps,
}

impl CaseRule {
    /// The rule's short code (C1–C4), as the finding shows it.
    pub fn code(self) -> &'static str {
        match self {
            CaseRule::CaseDrift => "C1",
            CaseRule::IrregularLocalPart => "C2",
            CaseRule::UpperCaseDomain => "C3",
            CaseRule::AllCaps => "C4",
        }
    }
}

/// One capitalisation oddity of an address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseOddity {
    pub rule: CaseRule,
    pub severity: Severity,
    /// Plain words, filled in from the address: a sentence, starting with a capital.
    pub explanation: Text,
    /// Byte ranges `[start, end)` into the address text.
    pub ranges: Vec<(usize, usize)>,
}

/// Capitalisation oddities of `address` (a Return-Path), judged against the visible From addresses.
pub(crate) fn oddities(address: &str, from: &[&str]) -> Vec<CaseOddity> {
    let mut out = Vec::new();
    let (local, domain) = split_address(address);
    let domain_start = address.len() - domain.len();
    let letters = address.chars().filter(char::is_ascii_alphabetic).count();
    let identical_from = from.contains(&address);
    if letters >= 4 && !address.chars().any(|c| c.is_ascii_lowercase()) {
        if !identical_from {
            out.push(CaseOddity {
                rule: CaseRule::AllCaps,
                severity: Severity::Info,
                explanation: msg!("envelope.case.all-caps", address).into(),
                ranges: vec![(0, address.len())],
            });
        }
        return out;
    }
    // C1: case drift against a From local part (only when the Return-Path carries capitals the From lacks;
    // an all-lower-case Return-Path is a normalisation, not an oddity).
    for from_addr in from {
        let (from_local, from_domain) = split_address(from_addr);
        if local != from_local
            && local.eq_ignore_ascii_case(from_local)
            && local.chars().any(|c| c.is_uppercase())
        {
            let ranges = differing_ranges(local, from_local);
            let other_domain = !domain.eq_ignore_ascii_case(from_domain);
            out.push(CaseOddity {
                rule: CaseRule::CaseDrift,
                severity: if other_domain { Severity::Medium } else { Severity::Low },
                explanation: {
                    let other =
                        other_domain.then(|| msg!("envelope.case.drift-other-domain", domain, from_domain));
                    msg!("envelope.case.drift", local, from_local, other).into()
                },
                ranges,
            });
            break;
        }
    }
    // C2: irregular local part.
    let irregular = irregular_ranges(local);
    if !irregular.is_empty() && !from.iter().any(|f| split_address(f).0 == local) {
        let marked: Vec<&str> = irregular.iter().filter_map(|&(s, e)| local.get(s..e)).collect();
        out.push(CaseOddity {
            rule: CaseRule::IrregularLocalPart,
            severity: Severity::Low,
            explanation: msg!("envelope.case.irregular", local, marked = marked.join("`, `")).into(),
            ranges: irregular,
        });
    }
    // C3: capitals in the domain, unless the From spells the domain the same way.
    let same_domain_spelling = from.iter().any(|f| split_address(f).1 == domain);
    if !same_domain_spelling {
        let ranges: Vec<(usize, usize)> =
            upper_runs(domain).into_iter().map(|(s, e)| (domain_start + s, domain_start + e)).collect();
        if !ranges.is_empty() {
            out.push(CaseOddity {
                rule: CaseRule::UpperCaseDomain,
                severity: Severity::Low,
                explanation: msg!("envelope.case.upper-domain", domain).into(),
                ranges,
            });
        }
    }
    out
}

/// Byte ranges (in `a`) of characters that differ from `b` at the same position; merged when adjacent.
/// Empty when the two strings do not have the same number of characters.
pub(crate) fn differing_ranges(a: &str, b: &str) -> Vec<(usize, usize)> {
    if a.chars().count() != b.chars().count() {
        return Vec::new();
    }
    let mut ranges: Vec<(usize, usize)> = Vec::new();
    for ((i, ca), cb) in a.char_indices().zip(b.chars()) {
        if ca != cb {
            let end = i + ca.len_utf8();
            match ranges.last_mut() {
                Some(last) if last.1 == i => last.1 = end,
                _ => ranges.push((i, end)),
            }
        }
    }
    ranges
}

/// Sorts byte ranges and merges overlapping or touching ones.
pub(crate) fn merge_ranges(mut ranges: Vec<(usize, usize)>) -> Vec<(usize, usize)> {
    crate::sort::sort(&mut ranges);
    let mut merged: Vec<(usize, usize)> = Vec::new();
    for (s, e) in ranges {
        match merged.last_mut() {
            Some(last) if s <= last.1 => last.1 = last.1.max(e),
            _ => merged.push((s, e)),
        }
    }
    merged
}

/// Runs of ASCII capitals, as byte ranges.
fn upper_runs(text: &str) -> Vec<(usize, usize)> {
    let mut ranges: Vec<(usize, usize)> = Vec::new();
    for (i, c) in text.char_indices() {
        if c.is_ascii_uppercase() {
            match ranges.last_mut() {
                Some(last) if last.1 == i => last.1 = i + 1,
                _ => ranges.push((i, i + 1)),
            }
        }
    }
    ranges
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Style {
    Lower,
    Upper,
    Title,
    Mixed,
    NoLetters,
}

fn style(segment: &str) -> Style {
    let letters: Vec<char> = segment.chars().filter(|c| c.is_alphabetic()).collect();
    let upper = letters.iter().filter(|c| c.is_uppercase()).count();
    match (letters.len(), upper) {
        (0, _) => Style::NoLetters,
        (_, 0) => Style::Lower,
        (n, u) if n == u && n >= 2 => Style::Upper,
        (_, 1) if letters.first().is_some_and(|c| c.is_uppercase()) => Style::Title,
        _ => Style::Mixed,
    }
}

/// The parts of a local part that make its capitalisation irregular (C2), as byte ranges:
/// an all-capitals segment of four or more letters next to lower-case or Title-case segments
/// (`application.MAILBOX`; shorter ones are usually acronyms such as `IT.support`), and runs of three
/// or more capitals glued to lower-case letters inside one segment (`MAILbox`, `mailBOX`).
fn irregular_ranges(local: &str) -> Vec<(usize, usize)> {
    let mut segments = Vec::new();
    let mut start = 0;
    for (i, c) in local.char_indices() {
        if matches!(c, '.' | '-' | '_' | '+') {
            segments.push((start, i));
            start = i + c.len_utf8();
        }
    }
    segments.push((start, local.len()));
    let styles: Vec<(usize, usize, Style)> =
        segments.iter().map(|&(s, e)| (s, e, style(local.get(s..e).unwrap_or("")))).collect();
    let has_lower_or_title = styles.iter().any(|(_, _, st)| matches!(st, Style::Lower | Style::Title));
    let mut ranges = Vec::new();
    for &(s, e, st) in &styles {
        let seg = local.get(s..e).unwrap_or("");
        let letters = seg.chars().filter(|c| c.is_alphabetic()).count();
        if st == Style::Upper && has_lower_or_title && letters >= 4 {
            ranges.push((s, e));
        } else if st == Style::Mixed {
            for (rs, re) in upper_runs(seg) {
                let glued = seg.get(..rs).is_some_and(|b| b.ends_with(|c: char| c.is_ascii_lowercase()))
                    || seg.get(re..).is_some_and(|a| a.starts_with(|c: char| c.is_ascii_lowercase()));
                if re - rs >= 3 && glued {
                    ranges.push((s + rs, s + re));
                }
            }
        }
    }
    ranges
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules(address: &str, from: &[&str]) -> Vec<CaseRule> {
        oddities(address, from).into_iter().map(|o| o.rule).collect()
    }

    fn marked(address: &str, from: &[&str], rule: CaseRule) -> Vec<String> {
        oddities(address, from)
            .into_iter()
            .filter(|o| o.rule == rule)
            .flat_map(|o| o.ranges)
            .map(|(s, e)| address[s..e].to_string())
            .collect()
    }

    #[test]
    fn the_headline_address_trips_c1_c2_c3() {
        let rp = "application.MAILBOX@ResDomain.local";
        let from = ["Application.Mailbox@example.org"];
        assert_eq!(
            rules(rp, &from),
            [CaseRule::CaseDrift, CaseRule::IrregularLocalPart, CaseRule::UpperCaseDomain]
        );
        assert_eq!(marked(rp, &from, CaseRule::CaseDrift), ["a", "AILBOX"]);
        assert_eq!(marked(rp, &from, CaseRule::IrregularLocalPart), ["MAILBOX"]);
        assert_eq!(marked(rp, &from, CaseRule::UpperCaseDomain), ["R", "D"]);
        let drift = oddities(rp, &from).into_iter().find(|o| o.rule == CaseRule::CaseDrift);
        assert_eq!(drift.map(|o| o.severity), Some(Severity::Medium));
    }

    #[test]
    fn ordinary_addresses_are_not_odd() {
        for (rp, from) in [
            ("john.smith@example.com", "John.Smith@example.com"),
            ("John.Smith@example.com", "John.Smith@example.com"),
            ("IT.support@example.com", "helpdesk@example.com"),
            ("JSmith@example.com", "j.smith@example.com"),
            ("JohnSmith@example.com", "news@example.com"),
            ("noreply@Example.com", "noreply@Example.com"),
            ("bounce@mail.example.net", "news@example.com"),
        ] {
            assert!(oddities(rp, &[from]).is_empty(), "{rp}: {:?}", oddities(rp, &[from]));
        }
    }

    #[test]
    fn case_drift_alone_is_low() {
        let found = oddities("JSmith@example.com", &["jsmith@example.com"]);
        assert_eq!(found.len(), 1);
        assert_eq!((found[0].rule, found[0].severity), (CaseRule::CaseDrift, Severity::Low));
        assert_eq!(found[0].ranges, [(0, 2)]);
    }

    #[test]
    fn odd_styles() {
        assert_eq!(marked("mailBOX@example.com", &[], CaseRule::IrregularLocalPart), ["BOX"]);
        assert_eq!(
            marked("APPLICATION.mailbox@example.com", &[], CaseRule::IrregularLocalPart),
            ["APPLICATION"]
        );
        assert_eq!(rules("ROOT@HOST.EXAMPLE.COM", &[]), [CaseRule::AllCaps]);
        assert!(rules("ROOT@HOST.EXAMPLE.COM", &["ROOT@HOST.EXAMPLE.COM"]).is_empty());
        assert_eq!(marked("a@RESDOMAIN.local", &[], CaseRule::UpperCaseDomain), ["RESDOMAIN"]);
    }

    #[test]
    fn merges_ranges() {
        assert_eq!(
            merge_ranges(vec![(8, 13), (0, 1), (9, 13), (13, 14), (20, 21)]),
            [(0, 1), (8, 14), (20, 21)]
        );
    }

    #[test]
    fn differing_ranges_merge_and_handle_unicode() {
        assert_eq!(differing_ranges("aBCd", "abcd"), [(1, 3)]);
        assert_eq!(differing_ranges("Éa", "éa"), [(0, 2)]);
        assert!(differing_ranges("abc", "ab").is_empty());
    }
}
