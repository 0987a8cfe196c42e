//! The forms of French, not only its words: what the function-word checks of `tests/french.rs` cannot see.
//! Every French rendering (text, Markdown, JSON) of the own fixtures, of inputs built to reach each case, and
//! of the shared corpus when present, is searched for:
//! - durations with the English day unit (`6 d 8 h`; French writes `6 j 8 h`);
//! - placeholders in English (`<sender address>`, `<on-premises certificate name>`), in commands and steps;
//! - decimals with a point in prose (`score 4.2`, `2.6 s`; French writes `4,2`);
//! - SpamAssassin's auto-learn token left as the meaning (`auto-apprentissage bayésien : ham`);
//! - values joined with "and" (`"a" and "b"`);
//! - an ordinary space before `: ; ! ?` (French puts a no-break space, U+00A0, there);
//! - forms French contracts or elides (`de un`, `de le`, `que il`, `à le`);
//! - English fragments of the renderings (`and 2 more`, `(no authserv-id)`, severities such as `[high]`,
//!   `on-premises`, `More details`, a `| Label |` column);
//! - a title hedged twice (`probablement … (probable)`).
//!
//! Lines quoted from the input (header lines), evidence lines, commands' prompts and code spans are data and
//! are not judged: a header that writes `score=4.2` keeps it.

use std::fs;
use std::path::Path;

use headerlens::catalog::{self, Lang};
use headerlens::{Report, render};

use crate::support;

/// Words of an English placeholder (`<sender address>`, `<new selector>`).
const PLACEHOLDER_WORDS: &[&str] = &[
    "sender",
    "sending",
    "address",
    "name",
    "new",
    "selector",
    "connector",
    "certificate",
    "recipient",
    "domain",
    "the",
    "your",
    "from",
    "inbound",
    "send",
    "premises",
    "server",
    "value",
    "tenant",
    "user",
    "key",
];

/// The French renderings of a report: text, Markdown and JSON (the JSON's strings one per line).
fn renderings(r: &Report) -> Vec<(&'static str, String)> {
    let json = catalog::with_lang(Lang::Fr, || serde_json::to_value(r).unwrap());
    let mut strings = Vec::new();
    collect_strings(&json, &mut strings);
    vec![
        ("text", render::text_in(r, Lang::Fr)),
        ("markdown", render::markdown_in(r, Lang::Fr)),
        ("json", strings.join("\n")),
    ]
}

fn collect_strings(v: &serde_json::Value, out: &mut Vec<String>) {
    match v {
        serde_json::Value::String(s) => out.push(s.replace('\n', " ")),
        serde_json::Value::Array(a) => a.iter().for_each(|x| collect_strings(x, out)),
        serde_json::Value::Object(o) => {
            for (k, x) in o {
                // Data as the message wrote it: header names and values, evidence, raw lines, message ids.
                if !matches!(
                    k.as_str(),
                    "messages" | "value" | "raw" | "name" | "evidence" | "text" | "headers"
                ) {
                    collect_strings(x, out);
                }
            }
        }
        _ => {}
    }
}

/// `line` without its code spans.
fn prose(line: &str) -> String {
    line.split('`').enumerate().filter(|(i, _)| i % 2 == 0).map(|(_, p)| p).collect::<Vec<_>>().join(" ")
}

fn is_number(w: &str) -> bool {
    let w = w.strip_prefix('-').unwrap_or(w);
    !w.is_empty() && w.chars().all(|c| c.is_ascii_digit())
}

fn is_decimal_with_point(w: &str) -> bool {
    let w = w.trim_end_matches([',', ';', ')', '.']).strip_prefix('-').unwrap_or(w);
    let w = w.trim_start_matches('-');
    match w.split_once('.') {
        Some((a, b)) => is_number(a) && is_number(b) && !b.contains('.'),
        None => false,
    }
}

/// What is wrong with one French line (not data): a list of problems.
fn problems_in(line: &str, input: &str) -> Vec<String> {
    let mut found = Vec::new();
    let text = prose(line);
    let words: Vec<&str> = text.split_whitespace().collect();
    for w in words.windows(4) {
        if is_number(w[0]) && w[1] == "d" && is_number(w[2]) && w[3].starts_with('h') {
            found.push(format!("English day unit: {} d {} h", w[0], w[2]));
        }
    }
    for w in words.windows(2) {
        let prose_number = matches!(w[0], "score" | "seuil") && is_decimal_with_point(w[1]);
        let unit = is_decimal_with_point(w[0])
            && matches!(w[1].trim_end_matches([',', ';', ')']), "s" | "min" | "h");
        if prose_number || unit {
            found.push(format!("decimal point in prose: {} {}", w[0], w[1]));
        }
    }
    let mut rest = text.as_str();
    while let Some(open) = rest.find('<') {
        let Some(close) = rest[open..].find('>').map(|c| open + c) else { break };
        let token = &rest[open..=close];
        let inner = &token[1..token.len() - 1];
        let english = inner
            .split(|c: char| !c.is_ascii_alphabetic())
            .any(|w| PLACEHOLDER_WORDS.contains(&w.to_ascii_lowercase().as_str()));
        if english && !inner.contains(['@', '/', ':']) && !input.contains(&token.to_ascii_lowercase()) {
            found.push(format!("English placeholder {token}"));
        }
        rest = &rest[open + 1..];
    }
    for token in ["ham", "spam", "no", "unavailable", "disabled", "failed"] {
        let head = format!("bayésien\u{a0}: {token}");
        if let Some(at) = text.find(&head)
            && !text[at + head.len()..].starts_with(|c: char| c.is_alphabetic() || c == '-')
        {
            found.push(format!("auto-learn token as its meaning: {head}"));
        }
    }
    if text.contains("\" and \"") {
        found.push("values joined with \"and\"".to_string());
    }
    // An ordinary space before `: ; ! ?` (French puts a no-break space there), unless the input wrote it.
    for (at, sign) in text.match_indices([':', ';', '!', '?']) {
        // French punctuation stands between spaces (or ends the text); a sign followed by a letter starts a
        // value (`from : ?Open?PaaS?…`, a host name with its spaces turned into `?`).
        let followed = text[at + 1..].chars().next();
        if !text[..at].ends_with(' ') || followed.is_some_and(|c| !c.is_whitespace()) {
            continue;
        }
        let before = text[..at - 1].rsplit(' ').next().unwrap_or("");
        let quoted = format!("{before} {sign}").to_ascii_lowercase();
        if !input.contains(&quoted) && !text[at + 1..].starts_with("all") {
            found.push(format!("ordinary space before \"{sign}\" after \"{before}\""));
        }
    }
    // Forms French contracts or elides.
    let words: Vec<String> = text.split_whitespace().map(str::to_lowercase).collect();
    for pair in words.windows(2) {
        let next = pair[1].trim_end_matches([',', '.', ';', ':', ')']);
        let wrong = match pair[0].as_str() {
            "de" => matches!(next, "un" | "une" | "le"),
            "que" => matches!(next, "il" | "ils" | "elle" | "elles"),
            "à" => next == "le",
            _ => false,
        };
        if wrong && !input.contains(&format!("{} {next}", pair[0])) {
            found.push(format!("not elided: \"{} {next}\"", pair[0]));
        }
    }
    // English fragments of the renderings themselves: counts, missing values, severities, Exchange wording.
    for english in [
        " more",
        "(no authserv-id)",
        "on-premises",
        "on-prem ",
        "More details",
        "| Label |",
        "[critical]",
        "[high]",
        "[medium]",
        "[low]",
        "[CRITICAL]",
        "[HIGH]",
        "[MEDIUM]",
        "[LOW]",
        "(critical)",
        "(high)",
        "(medium)",
        "(low)",
    ] {
        if text.contains(english) && !input.contains(&english.to_ascii_lowercase()) {
            found.push(format!("English {english:?}"));
        }
    }
    // One hedge per sentence: never "probable … probablement" or "probablement … (probable)".
    // A clause ends at ". " or ";" (list items each keep their own hedge); "probable" and "probablement" are
    // the French hedges, an English "probably" in a quoted header value is not one.
    for sentence in text.to_lowercase().split([';', '\n']).flat_map(|c| c.split(". ")) {
        if sentence.matches("probable").count() > 1 {
            found.push("hedged twice in one sentence (\"probabl…\")".to_string());
        }
    }
    found
}

/// The message's own text in a report: header values (as written and decoded) and the hops' parts, longest
/// first.
fn message_data(report: &Report) -> Vec<String> {
    let mut data: Vec<String> = Vec::new();
    for h in &report.headers {
        data.push(h.value.trim().to_string());
        data.extend(h.decoded.iter().map(|d| d.trim().to_string()));
    }
    let hops = serde_json::to_value(&report.hops).unwrap();
    let mut parts = Vec::new();
    collect_all_strings(&hops, &mut parts);
    data.extend(parts);
    data.retain(|d| !d.is_empty());
    data.sort_by_key(|d| std::cmp::Reverse(d.len()));
    data.dedup();
    data
}

fn collect_all_strings(v: &serde_json::Value, out: &mut Vec<String>) {
    match v {
        serde_json::Value::String(s) => out.push(s.trim().to_string()),
        serde_json::Value::Array(a) => a.iter().for_each(|x| collect_all_strings(x, out)),
        serde_json::Value::Object(o) => o.values().for_each(|x| collect_all_strings(x, out)),
        _ => {}
    }
}

/// `line` with every piece of the message's own text blanked out (Markdown's escapes undone first).
fn without_data(line: &str, data: &[String]) -> String {
    let mut t = line.replace("\\[", "[").replace("\\]", "]").replace("\\<", "<").replace("\\|", "|");
    for d in data {
        if t.contains(d.as_str()) {
            t = t.replace(d.as_str(), " ");
        }
    }
    t
}

/// Problems in every French rendering of one input: `name: format: problem in "line"`.
fn check(name: &str, bytes: &[u8], report: &Report) -> Vec<String> {
    let input = String::from_utf8_lossy(bytes);
    let lower = input.to_ascii_lowercase();
    let lines: std::collections::HashSet<&str> = input.lines().map(str::trim).collect();
    let data = message_data(report);
    let mut out = Vec::new();
    for (format, rendered) in renderings(report) {
        let mut fenced = false;
        for line in rendered.lines() {
            let t = line.trim();
            if t.starts_with("```") {
                fenced = !fenced;
                continue;
            }
            if fenced
                || t.is_empty()
                || lines.contains(t)
                || t.starts_with("preuve")
                || t.starts_with("- preuve")
            {
                continue;
            }
            // Header values and hop parts as the message wrote them are data, wherever a rendering quotes them.
            let problems = problems_in(t, &lower);
            let problems =
                if problems.is_empty() { problems } else { problems_in(&without_data(t, &data), &lower) };
            for p in problems {
                out.push(format!("{name}: {format}: {p} in \"{}\"", t.chars().take(200).collect::<String>()));
            }
        }
    }
    out
}

/// Inputs built to reach each form: a four-day wait, SpamAssassin's auto-learn tokens and a decimal score,
/// a duplicated Subject, a hybrid connector without a certificate name, SPF advice without a sending IP.
const CASES: &[(&str, &str)] = &[
    (
        "queue-and-spamassassin",
        "Received: from mx.example.com (mx.example.com [198.51.100.2]) by mail.example.com (Postfix) with ESMTP id A1; Mon, 6 Jan 2025 10:15:05 +0000\n\
Received: from relay.example.org (relay.example.org [203.0.113.9]) by mx.example.com (Postfix) with ESMTP id B2; Thu, 2 Jan 2025 02:00:00 +0000\n\
X-Spam-Status: No, score=4.2 required=5.0 tests=BAYES_00,RDNS_NONE autolearn=ham autolearn_force=no version=3.4.6\n\
Subject: Invoice 4471\n\
Subject: Your mailbox will be closed\n\
From: billing@example.org\n\
Date: Thu, 2 Jan 2025 01:59:00 +0000\n",
    ),
    (
        "autolearn-unavailable",
        "Received: from relay.example.org (relay.example.org [203.0.113.9]) by mx.example.com (Postfix) with ESMTP id B2; Thu, 2 Jan 2025 02:00:00 +0000\n\
X-Spam-Status: Yes, score=7.5 required=5.0 tests=BAYES_99 autolearn=unavailable version=3.4.6\n\
From: a@example.org\n",
    ),
    (
        "hybrid-without-certificate-name",
        "X-OriginatorOrg: example.com\n\
X-MS-Exchange-CrossTenant-OriginalAttributedTenantConnectingIp: TenantId=00000000-0000-0000-0000-000000000001;Ip=[203.0.113.10]\n\
X-MS-Exchange-CrossTenant-FromEntityHeader: HybridOnPrem\n\
X-MS-Exchange-CrossTenant-AuthAs: Anonymous\n",
    ),
    (
        "spf-without-sending-ip",
        "Authentication-Results: mx.example.com; spf=none smtp.mailfrom=example.org\nFrom: a@example.org\n",
    ),
];

/// The built inputs in French: every form is French, and the cases are reached (the check cannot pass by
/// finding nothing).
#[test]
fn built_cases_are_french_in_form() {
    let mut problems = Vec::new();
    let mut all = String::new();
    for (name, input) in CASES {
        let report = headerlens::analyze_str(input);
        problems.extend(check(name, input.as_bytes(), &report));
        for (_, r) in renderings(&report) {
            all.push_str(&r);
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    for reached in [
        " j 8 h",
        "score 4,2",
        "auto-apprentissage bayésien\u{a0}: appris comme non-spam (autolearn=ham)",
        "auto-apprentissage bayésien\u{a0}: n'a pas pu avoir lieu (autolearn=unavailable)",
        "Subject\u{a0}: \"Invoice 4471\" et \"Your mailbox will be closed\"",
        "-TlsSenderCertificateName \"<nom du certificat local>\"",
        "<connecteur entrant depuis l'organisation locale>",
        "v=spf1 ip4:<IP d'envoi> -all",
    ] {
        assert!(all.contains(reached), "no rendering shows {reached:?}:\n{all}");
    }
}

/// The checks themselves fail on what they look for.
#[test]
fn the_form_checks_fail_on_english_forms() {
    let bad = [
        "Le saut 1 → 2 a pris 6 d 8 h",
        "SpamAssassin\u{a0}: spam, score 4.2 (seuil 5)",
        "attendu 2.6 s",
        "Set-InboundConnector -Identity \"<inbound connector from on-premises>\"",
        "auto-apprentissage bayésien\u{a0}: ham",
        "Subject : \"a\" and \"b\"",
    ];
    for line in bad.into_iter().chain([
        "Remarque : la ligne",
        "a ; b",
        "l'horloge de un serveur",
        "parce que il manque",
        "To: a@example.org and 2 more",
        "ARC : Upstream, unverified : X-Original-Authentication-Results par (no authserv-id)",
        "[high] Le chemin passe par Exchange on-premises",
        "#### [HIGH] Le saut",
        "Le message a probablement attendu (probable)",
        "Lecture non officielle, probable\u{a0}: 1\u{a0}: probablement envoyé par le pool de relais",
        "| Label | Valeur |",
    ]) {
        assert!(!problems_in(line, "").is_empty(), "{line}");
    }
    for good in [
        "Le saut 1 → 2 a pris 6 j 8 h",
        "score 4,2 (seuil 5)",
        "`score=4.2`",
        "auto-apprentissage bayésien\u{a0}: non appris (autolearn=no)",
        "TLSv1.3 15.20.8207.9",
        "Remarque\u{a0}: la ligne",
        "a\u{a0}; b",
        "l'horloge d'un serveur, que garde un relais",
        "To: a@example.org et 2 autres",
        "[élevée] Exchange local (sans authserv-id)",
        "v=spf1 ip4:<IP d'envoi> ?all",
        "Chemin hybride probable. Le message a probablement attendu",
    ] {
        assert!(problems_in(good, "").is_empty(), "{good}: {:?}", problems_in(good, ""));
    }
}

/// Every own fixture in French (always runs).
#[test]
fn every_fixture_is_french_in_form() {
    let dir = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures"));
    let mut problems = Vec::new();
    let paths: Vec<_> =
        support::files_ending(dir, "eml").into_iter().chain(support::files_ending(dir, "txt")).collect();
    assert!(paths.len() > 20, "{} fixtures", paths.len());
    for path in &paths {
        let bytes = fs::read(path).unwrap();
        problems.extend(check(&path.display().to_string(), &bytes, &headerlens::analyze(&bytes)));
    }
    assert!(problems.is_empty(), "{} problems:\n{}", problems.len(), problems.join("\n"));
}

/// Every report of the shared corpus in French (skipped with a note when ../shared is absent).
#[test]
fn the_corpus_is_french_in_form() {
    let Some(dir) = support::corpus() else {
        eprintln!("note: ../shared/corpus is absent; the French form check of the corpus is skipped");
        return;
    };
    let files = support::header_files(&dir);
    let mut problems = Vec::new();
    for path in &files {
        let bytes = fs::read(path).unwrap();
        problems.extend(check(&path.display().to_string(), &bytes, &headerlens::analyze(&bytes)));
    }
    eprintln!("French form check: {} corpus files, {} problems", files.len(), problems.len());
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems.iter().take(40).cloned().collect::<Vec<_>>().join("\n")
    );
}
