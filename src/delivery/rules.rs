//! Words for the rules filters name most often, from the rules' own public descriptions (SpamAssassin's rule
//! files and Rspamd's symbol documentation), and the readers shared by the filter families: rule lists and the
//! `score rule description` report tables SpamAssassin and Barracuda write.

use crate::delivery::{FilterRule, number};

/// The public description of a rule, when it is one of the common ones.
pub(super) fn meaning(name: &str) -> Option<&'static str> {
    let upper = name.to_ascii_uppercase();
    if let Some(rest) = upper.strip_prefix("BAYES_") {
        return Some(match rest {
            "00" | "05" | "10" | "20" | "40" => {
                "Bayesian spam probability low (learned from this site's mail)"
            }
            "50" => "Bayesian spam probability about even",
            "60" | "80" | "95" | "99" | "999" => {
                "Bayesian spam probability high (learned from this site's mail)"
            }
            _ => "Bayesian spam probability",
        });
    }
    Some(match upper.as_str() {
        "DKIM_SIGNED" => "the message has a DKIM signature (not necessarily valid)",
        "DKIM_VALID" => "the message has at least one valid DKIM signature",
        "DKIM_VALID_AU" => "a valid DKIM signature from the author's domain",
        "DKIM_VALID_EF" => "a valid DKIM signature from the envelope-from domain",
        "DKIM_INVALID" => "a DKIM signature that does not verify",
        "SPF_PASS" => "SPF passed for the envelope sender",
        "SPF_FAIL" => "SPF failed for the envelope sender",
        "SPF_SOFTFAIL" => "SPF soft-failed for the envelope sender",
        "SPF_NONE" => "the envelope sender's domain publishes no SPF record",
        "SPF_HELO_PASS" => "SPF passed for the HELO name",
        "SPF_HELO_NONE" => "the HELO name publishes no SPF record",
        "RCVD_IN_DNSWL_HI" | "RCVD_IN_DNSWL_MED" | "RCVD_IN_DNSWL_LOW" | "RCVD_IN_DNSWL_NONE" => {
            "a relay is listed on the DNSWL allow list"
        }
        "RCVD_IN_DNSWL_BLOCKED"
        | "RCVD_IN_ZEN_BLOCKED_OPENDNS"
        | "URIBL_BLOCKED"
        | "URIBL_DBL_BLOCKED_OPENDNS"
        | "URIBL_ZEN_BLOCKED_OPENDNS"
        | "DNSWL_BLOCKED"
        | "DBL_BLOCKED_OPENRESOLVER"
        | "RBL_SPAMHAUS_BLOCKED_OPENRESOLVER" => {
            "the DNS list refused the filter's query (public resolver): the check did not run"
        }
        "MISSING_MID" => "the Message-ID field is missing",
        "MISSING_DATE" => "the Date field is missing",
        "HTML_MESSAGE" => "the message has an HTML part",
        "FORGED_MUA_OUTLOOK" => "claims to be Outlook but its headers do not look like Outlook's",
        "FREEMAIL_FROM" => "the sender uses a free mail provider",
        "T_SCC_BODY_TEXT_LINE" => "a body text pattern (test rule, near-zero score)",
        "R_SPF_ALLOW" => "SPF passed",
        "R_SPF_FAIL" => "SPF failed",
        "R_SPF_SOFTFAIL" => "SPF soft-failed",
        "R_SPF_NA" => "no SPF record",
        "R_DKIM_ALLOW" => "DKIM verified",
        "R_DKIM_REJECT" => "a DKIM signature failed to verify",
        "R_DKIM_NA" | "DKIM_NA" => "no DKIM signature",
        "DMARC_POLICY_ALLOW" => "DMARC passed",
        "DMARC_POLICY_REJECT" => "DMARC failed and the domain's policy is reject",
        "DMARC_POLICY_QUARANTINE" => "DMARC failed and the domain's policy is quarantine",
        "DMARC_NA" => "the From domain has no DMARC record",
        "ARC_NA" => "no ARC chain",
        "ARC_ALLOW" => "the ARC chain verified",
        "ARC_INVALID" => "the ARC chain is invalid",
        "MIME_GOOD" => "the MIME structure looks normal",
        "ONCE_RECEIVED" => "only one Received field",
        "FORGED_RECIPIENTS" => "the recipients do not match the To and Cc fields",
        "HFILTER_MID_NOT_FQDN" => "the Message-ID's domain is not a full host name",
        "BAYES_HAM" => "the Bayesian classifier says ham",
        "BAYES_SPAM" => "the Bayesian classifier says spam",
        "MAILLIST" => "sent through a mailing list",
        "FORWARDED" => "forwarded by a mailing list or alias",
        _ => return None,
    })
}

/// A rule with its score and meaning; `description` from the header itself wins.
pub(super) fn rule(name: &str, score: Option<f64>, description: Option<&str>) -> FilterRule {
    let meaning = match description.map(str::trim).filter(|d| !d.is_empty()) {
        Some(d) => d.to_string(),
        None => meaning(name).unwrap_or("unknown rule").to_string(),
    };
    FilterRule { name: name.to_string(), score, meaning }
}

/// `A,B,C`, `A=1.0,B=-2`, `[A=1.0, B=-2]`: SpamAssassin's and amavis' `tests=` lists.
pub(super) fn test_list(text: &str) -> Vec<FilterRule> {
    text.trim()
        .trim_start_matches('[')
        .trim_end_matches(']')
        .split([',', ' ', '\t'])
        .map(str::trim)
        .filter(|t| !t.is_empty() && !t.eq_ignore_ascii_case("none"))
        .map(|t| match t.split_once('=') {
            Some((name, score)) => rule(name, number(score), None),
            None => rule(t, None, None),
        })
        .collect()
}

/// `NAME(1.5)` or `NAME (1.5)` symbols, separated by `;`, `,`, spaces or line breaks, as Rspamd writes them;
/// option lists in `[...]` are dropped.
pub(super) fn symbols(text: &str) -> Vec<FilterRule> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('(') {
        let name =
            rest[..open].rsplit([';', ',', ' ', '\t', '\n', '\r', ']']).next().unwrap_or_default().trim();
        let Some(close) = rest[open..].find(')') else { break };
        let score = number(&rest[open + 1..open + close]);
        if !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') {
            out.push(rule(name, score, None));
        }
        rest = &rest[open + close + 1..];
        if let Some(stripped) = rest.strip_prefix('[') {
            rest = stripped.find(']').map_or("", |e| &stripped[e + 1..]);
        }
    }
    out
}

/// The rule lines of a `score RULE_NAME description` report (SpamAssassin's X-Spam-Report, Barracuda's
/// X-Barracuda-Spam-Report), read from the field as written (folds kept: one rule a line); a description
/// that continues on the next line is joined.
pub(super) fn report_table(text: &str) -> Vec<FilterRule> {
    let mut out: Vec<FilterRule> = Vec::new();
    let mut last_was_rule = false;
    for line in text.lines() {
        let l = line.trim().trim_start_matches('*').trim();
        let mut words = l.splitn(3, char::is_whitespace);
        let (first, second, rest) = (words.next(), words.next(), words.next());
        match (first.and_then(number), second) {
            (Some(score), Some(name))
                if !name.is_empty()
                    && name.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_') =>
            {
                out.push(rule(name, Some(score), rest));
                last_was_rule = rest.is_some_and(|r| !r.trim().is_empty());
            }
            _ if last_was_rule && !l.is_empty() && !l.starts_with('-') => {
                if let Some(r) = out.last_mut() {
                    r.meaning.push(' ');
                    r.meaning.push_str(l);
                }
            }
            _ => last_was_rule = false,
        }
    }
    out
}
