//! Is the French report French? The route, authentication, envelope and Microsoft parts of a report, and the
//! findings about them, rendered in French, are searched for English.
//!
//! The heuristic: English function words that are not French words ([`ENGLISH`]: "the", "is", "which", …; not
//! "from", "by", "with" or "to", which are also header and clause names), counted in the French rendering,
//! two or more in one text mark it as English. Data quoted from the message is English when the message is
//! (a comment such as "body hash did not verify", a subject), so a raw piece of a text (see
//! [`headerlens::catalog::Piece::Raw`]) is judged only where it does not occur in the input: text from the
//! input is data, text that is not is words the analyzer wrote without the catalogue. Backtick code spans are
//! not judged either (header text, commands). The catalogue's own French words are always judged.

use std::collections::BTreeMap;
use std::fs;

use headerlens::catalog::{self, Lang, Piece, Text};
use headerlens::{Finding, Report};

use crate::support;

/// English function words that are not French words.
const ENGLISH: &[&str] = &[
    "the", "is", "was", "were", "and", "which", "this", "that", "these", "not", "has", "have", "its", "it",
    "of", "for", "are", "be", "been", "than", "when", "does", "did", "only", "into", "there", "their",
    "would", "should", "could", "in", "at", "as", "if", "no", "or", "so", "any", "every", "other", "whose",
];

/// Findings about the route, authentication, the envelope and Microsoft's headers (the other findings are
/// counted and printed, not failed).
const OURS: &[&str] = &[
    "arc-broken",
    "auth-results-forged",
    "auth-upstream-only",
    "compauth-fail",
    "display-name-spoof",
    "dkim-fail",
    "dkim-lint",
    "dkim-tenant-default",
    "dkim-weak-key",
    "dmarc-dkim-unaligned",
    "dmarc-fail",
    "dmarc-spf-unaligned",
    "eop-bulk",
    "eop-filter-bypassed",
    "eop-spam-verdict",
    "exo-high-risk-pool",
    "exo-relay-pool",
    "forwarded-without-srs",
    "from-invalid",
    "from-non-routable",
    "hybrid-not-internal",
    "hybrid-path",
    "mail-contact-envelope-rewrite",
    "return-path-case-odd",
    "return-path-missing",
    "return-path-multiple",
    "return-path-non-routable",
    "return-path-null",
    "return-path-srs",
    "spf-not-pass",
];

/// Lower case, whitespace runs as one space (header fields are folded).
pub(crate) fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

/// `t` in French with the data left out: raw pieces that occur in the input become `·`.
fn judged_french(t: &Text, input: &str, out: &mut String) {
    for piece in t.pieces() {
        match piece {
            Piece::Raw(s) => {
                // A raw piece may join several values (`a; b`, `` `x`, `y` ``): each part is looked up alone.
                for part in s.split([';', ',', '`', '"', '(', ')', '[', ']', '\n']) {
                    let p = squash(part);
                    if p.is_empty() || input.contains(&p) {
                        out.push_str(" · ");
                    } else {
                        out.push_str(part);
                    }
                }
            }
            Piece::Msg(m) => {
                let template = catalog::word(m.id, Lang::Fr);
                let mut rest = template;
                while let Some(i) = rest.find('{') {
                    out.push_str(&rest[..i]);
                    let tail = &rest[i..];
                    if let Some(stripped) = tail.strip_prefix("{{") {
                        out.push('{');
                        rest = stripped;
                        continue;
                    }
                    let Some(end) = tail.find('}') else { break };
                    let name = &tail[1..end];
                    if let Some((_, value)) = m.args.iter().find(|(n, _)| *n == name) {
                        judged_french(value, input, out);
                    }
                    rest = &tail[end + 1..];
                }
                out.push_str(rest);
            }
        }
    }
}

/// The English function words of `t`'s French rendering outside data and code spans.
pub(crate) fn english_words(t: &Text, input: &str) -> Vec<String> {
    let mut judged = String::new();
    judged_french(t, input, &mut judged);
    let mut words = Vec::new();
    for (i, chunk) in judged.split('`').enumerate() {
        if i % 2 == 1 {
            continue; // a code span
        }
        for w in chunk.split(|c: char| !c.is_alphabetic()) {
            let lower = w.to_lowercase();
            if ENGLISH.contains(&lower.as_str()) {
                words.push(lower);
            }
        }
    }
    words
}

/// Every text of the report's route, authentication, envelope and Microsoft parts: (area, text).
fn area_texts(r: &Report) -> Vec<(&'static str, &Text)> {
    let mut out: Vec<(&'static str, &Text)> = Vec::new();
    out.extend(r.route.notes.iter().map(|t| ("route.notes", t)));
    if let Some(i) = &r.route.impersonation {
        out.push(("route.impersonation", &i.reason));
        out.extend(i.evidence.iter().map(|t| ("route.impersonation", t)));
    }
    let a = &r.authentication;
    out.extend(a.receiver.iter().map(|x| ("authentication.receiver", &x.explanation)));
    out.push(("authentication.verification_note", &a.verification_note));
    out.extend(a.verdicts.iter().map(|v| ("authentication.verdicts", &v.text)));
    out.extend(a.dkim.iter().flat_map(|d| d.lint.iter()).map(|l| ("authentication.dkim.lint", &l.message)));
    out.extend(a.arc.problems.iter().map(|t| ("authentication.arc.problems", t)));
    out.extend(r.envelope.path.signals.iter().map(|s| ("envelope.path.signals", &s.meaning)));
    for addr in r.envelope.return_path.iter().chain(&r.envelope.from) {
        out.push(("envelope.domain_class", &addr.domain_class.reason));
        out.extend(addr.domain_class.note.iter().map(|t| ("envelope.domain_class", t)));
    }
    out.extend(r.microsoft.fields.iter().map(|f| ("microsoft.fields", &f.meaning)));
    out.extend(r.microsoft.verdict.iter().map(|t| ("microsoft.verdict", t)));
    out
}

fn finding_texts(f: &Finding) -> Vec<&Text> {
    let mut texts = vec![&f.title, &f.detail];
    if let Some(fix) = &f.fix {
        texts.push(&fix.summary);
        texts.extend(fix.steps.iter().chain(&fix.verify).chain(&fix.alternatives));
    }
    texts
}

/// English found in one report: (area or finding id, whether it is ours, the French text, its English words).
fn english_in(input: &str, r: &Report) -> Vec<(String, bool, String, Vec<String>)> {
    let input = squash(input);
    let mut found = Vec::new();
    let mut judge = |area: String, ours: bool, t: &Text| {
        let words = english_words(t, &input);
        if words.len() >= 2 {
            found.push((area, ours, t.render(Lang::Fr), words));
        }
    };
    for (area, t) in area_texts(r) {
        judge(area.to_string(), true, t);
    }
    for f in &r.findings {
        let id = f.id.as_str();
        for t in finding_texts(f) {
            judge(format!("finding {id}"), OURS.contains(&id), t);
        }
    }
    found
}

/// Every report of the shared corpus in French: nothing of the route, authentication, envelope or Microsoft
/// parts, nor of the findings about them, reads as English. The rest is counted and printed.
#[test]
fn the_corpus_in_french_has_no_english_in_route_auth_envelope_microsoft() {
    let Some(dir) = support::corpus() else {
        eprintln!("note: ../shared/corpus is absent; the French corpus check is skipped");
        return;
    };
    let files = support::header_files(&dir);
    assert!(files.len() > 100, "{} corpus files", files.len());
    let (mut texts, mut ours, mut others) = (0usize, BTreeMap::new(), BTreeMap::new());
    let mut examples = Vec::new();
    for path in &files {
        let bytes = fs::read(path).unwrap();
        let input = headerlens::charset::decode(&bytes).text;
        let report = headerlens::analyze(&bytes);
        texts +=
            area_texts(&report).len() + report.findings.iter().map(|f| finding_texts(f).len()).sum::<usize>();
        for (area, mine, fr, words) in english_in(&input, &report) {
            let counts = if mine { &mut ours } else { &mut others };
            *counts.entry(area.clone()).or_insert(0usize) += 1;
            if mine && examples.len() < 20 {
                examples.push(format!("{}: {area}: {fr}\n    English words: {words:?}", path.display()));
            }
        }
    }
    let total = |m: &BTreeMap<String, usize>| m.values().sum::<usize>();
    eprintln!(
        "French corpus check: {} files, {texts} texts; English-looking: {} in route/auth/envelope/Microsoft {ours:?}, \
         {} elsewhere (not failed) {others:?}",
        files.len(),
        total(&ours),
        total(&others)
    );
    assert!(ours.is_empty(), "English in the French report:\n{}", examples.join("\n"));
}

/// Own fixtures that reach each text converted to the catalogue (route notes, the receiver's explanation, DKIM
/// lint, ARC problems, C1–C4, hybrid-path signals, domain notes, eop-bulk on likely hostile mail, an unnamed
/// receiving server, the clause separator): each text is there, and every text of these reports reads as
/// French; the converted fields differ from their English.
#[test]
fn route_auth_envelope_texts_are_french() {
    const DKIM_ARC: &str = "Authentication-Results: mx.example.net; dkim=fail header.d=example.com; arc=fail\n\
Received: from relay.example.org (relay.example.org [198.51.100.7]) by mx.example.net (Postfix) with ESMTPS id A1; Wed, 15 Nov 2023 01:34:20 +0000\n\
Received: from relay.example.org (relay.example.org [198.51.100.7]) by relay.example.org (Postfix) with ESMTP id B2; Wed, 15 Nov 2023 01:34:10 +0000\n\
Received: Wed, 15 Nov 2023 01:34:00 +0000\n\
ARC-Seal: i=3; a=rsa-sha256; d=relay.example.org; s=arc; cv=fail; b=CCCC\n\
ARC-Message-Signature: i=3; a=rsa-sha256; d=relay.example.org; s=arc; h=from; bh=x; b=DDDD\n\
ARC-Authentication-Results: i=3; relay.example.org; arc=pass\n\
ARC-Seal: i=1; a=rsa-sha256; d=lists.example.org; s=arc; cv=pass; b=AAAA\n\
ARC-Authentication-Results: i=1; lists.example.org; spf=pass smtp.mailfrom=example.com\n\
DKIM-Signature: v=2; a=rsa-sha1; d=example.com; s=old; i=a@example.org; l=200; t=1700000000; x=1699990000;\n h=To:Subject; bh=abc=; b=Zm9v\n\
DKIM-Signature: a=rsa-sha256; d=example.com; s=new; h=from; bh=abc=\n\
Return-Path: <Jane.DOE@Example.COM>\n\
From: Jane Doe <jane.doe@example.net>\n";
    const HYBRID: &str = "Received: from EXCH01.corp.example.com (203.0.113.25) by AM4PEPF00027A5C.mail.protection.outlook.com (10.167.16.1) with Microsoft SMTP Server id 15.20.8207.9; Mon, 6 Jan 2025 09:15:02 +0000\n\
Received: from APPSRV01.corp.example.com (192.0.2.15) by EXCH01.corp.example.com (192.0.2.10) with Microsoft SMTP Server id 15.2.1544.14; Mon, 6 Jan 2025 10:15:00 +0100\n\
X-MS-Exchange-CrossTenant-FromEntityHeader: HybridOnPrem\n\
X-MS-Exchange-Organization-AuthAs: Internal\n\
X-MS-Exchange-Organization-AuthMechanism: 10\n\
X-MS-Exchange-Organization-MessageDirectionality: Sideways\n\
Return-Path: <APPLICATION.MAILBOX@RESDOMAIN.EXAMPLE.COM>\n\
From: app@tenant.onmicrosoft.com\n";
    const HOSTILE_BULK: &str = "Authentication-Results: spf=fail (sender IP is 203.0.113.50) smtp.mailfrom=bank.example.com; dkim=none; dmarc=fail action=quarantine header.from=bank.example.com; compauth=fail reason=000\n\
Received: from mail.attacker.example (203.0.113.50) by AM4PEPF00027A5C.mail.protection.outlook.com (10.167.16.1) with Microsoft SMTP Server id 15.20.8207.9; Mon, 6 Jan 2025 09:15:02 +0000\n\
X-Forefront-Antispam-Report: CIP:203.0.113.50;CTRY:;LANG:en;SCL:5;SRV:BULK;IPV:NLI;SFV:SPM;H:mail.attacker.example;PTR:;CAT:BULK;SFS:;DIR:INB;\n\
X-Microsoft-Antispam: BCL:8;\n\
From: Bank <security@bank.example.com>\n";
    // A four-hour wait before a hop whose Received field names no receiving server.
    const UNNAMED_RECEIVER: &str = "Received: from relay.example.org (relay.example.org [198.51.100.7]) with ESMTP id C3; Wed, 15 Nov 2023 05:34:20 +0000\n\
Received: from app.example.org (app.example.org [192.0.2.20]) by relay.example.org (Postfix) with ESMTP id B2; Wed, 15 Nov 2023 01:34:10 +0000\n\
From: a@example.org\n\
Date: Wed, 15 Nov 2023 01:34:00 +0000\n";
    let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
    for input in [DKIM_ARC, HYBRID, HOSTILE_BULK, UNNAMED_RECEIVER] {
        let report = headerlens::analyze_str(input);
        let squashed = squash(input);
        let mut texts: Vec<(&str, &Text)> = area_texts(&report);
        for f in &report.findings {
            texts.extend(finding_texts(f).into_iter().map(|t| (f.id.as_str(), t)));
        }
        for (area, t) in texts {
            let words = english_words(t, &squashed);
            assert!(words.len() < 2, "{area} reads as English in French: {} {words:?}", t.render(Lang::Fr));
            for m in t.messages() {
                *seen.entry(m.id).or_insert(0) += 1;
            }
        }
        // Each converted field, where present, says something else in French than in English.
        let mut converted: Vec<&Text> = report.route.notes.iter().collect();
        converted.extend(report.authentication.receiver.iter().map(|r| &r.explanation));
        converted.extend(report.authentication.dkim.iter().flat_map(|d| d.lint.iter().map(|l| &l.message)));
        converted.extend(&report.authentication.arc.problems);
        converted.extend(report.envelope.path.signals.iter().map(|s| &s.meaning));
        for t in converted {
            assert_ne!(t.render(Lang::Fr), t.render(Lang::En));
        }
    }
    // A domain whose servers are not named (qmail's Received without `by`) is marked so, and its placeholder name
    // has French words for the site's route chart.
    let (_, qmail) = support::fixture("received/qmail.eml");
    let unnamed: Vec<_> = qmail.route.domains.iter().filter(|d| d.unnamed).collect();
    assert_eq!(unnamed.len(), 1, "{:?}", qmail.route.domains);
    assert_eq!(unnamed[0].name, "unnamed servers");
    assert_eq!(catalog::word("route.unnamed-servers", Lang::Fr), "serveurs sans nom");
    assert!(qmail.route.domains.iter().filter(|d| !d.unnamed).all(|d| d.name != "unnamed servers"));
    // The fixtures reach every converted text (the test cannot pass by finding nothing).
    for id in [
        "route.note.date-stamp",
        "route.note.to-itself",
        "auth.receiver.trusted-from",
        "auth.dkim-lint.bad-version",
        "auth.dkim-lint.rsa-sha1",
        "auth.dkim-lint.auid-outside-domain",
        "auth.dkim-lint.body-length-limit",
        "auth.dkim-lint.from-not-signed",
        "auth.dkim-lint.expiry-before-timestamp",
        "auth.dkim-lint.missing-tag",
        "auth.arc.missing",
        "auth.arc.gaps",
        "auth.arc.cv-fail",
        "envelope.case.drift",
        "envelope.case.upper-domain",
        "envelope.case.all-caps",
        "envelope.path.hybrid-onprem",
        "envelope.path.externally-secured",
        "domain.note.onmicrosoft",
        "ms.exchange.organization.directionality",
        "eop-bulk.detail-hostile",
        "eop-bulk.fix-hostile",
        "eop-bulk.step-hostile",
        "hop-facts.receiver-of-hop",
        "list.semicolon",
    ] {
        assert!(
            seen.contains_key(id),
            "no fixture reached {id}; reached: {:?}",
            seen.keys().collect::<Vec<_>>()
        );
    }
}

/// Every own fixture in French (always runs): nothing of the route, authentication, envelope or Microsoft parts,
/// nor of the findings about them, reads as English.
#[test]
fn every_fixture_in_french_has_no_english_in_route_auth_envelope_microsoft() {
    let paths = support::files_ending(
        std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures")),
        "eml",
    );
    assert!(paths.len() > 20, "{} fixtures", paths.len());
    let mut found = Vec::new();
    for path in &paths {
        let bytes = fs::read(path).unwrap();
        let report = headerlens::analyze(&bytes);
        for (area, ours, fr, words) in english_in(&headerlens::charset::decode(&bytes).text, &report) {
            if ours {
                found.push(format!("{}: {area}: {fr} {words:?}", path.display()));
            }
        }
    }
    assert!(found.is_empty(), "English in the French report:\n{}", found.join("\n"));
}
