//! Words for the rules filters name most often, from the rules' own public descriptions (SpamAssassin's rule
//! files and Rspamd's symbol documentation), and the readers shared by the filter families: rule lists and the
//! `score rule description` report tables SpamAssassin and Barracuda write.

use crate::catalog::{Msg, Text, msg};
use crate::delivery::{FilterRule, number};

/// The public description of a rule, when it is one of the common ones.
pub(super) fn meaning(name: &str) -> Option<Msg> {
    let upper = name.to_ascii_uppercase();
    if let Some(rest) = upper.strip_prefix("BAYES_") {
        return Some(match rest {
            "00" | "05" | "10" | "20" | "40" => {
                msg!("rule.bayes-low")
            }
            "50" => msg!("rule.bayes-even"),
            "60" | "80" | "95" | "99" | "999" => {
                msg!("rule.bayes-high")
            }
            "HAM" => msg!("rule.bayes-ham"),
            "SPAM" => msg!("rule.bayes-spam"),
            _ => msg!("rule.bayes"),
        });
    }
    Some(match upper.as_str() {
        "DKIM_SIGNED" => msg!("rule.dkim-signed"),
        "DKIM_VALID" => msg!("rule.dkim-valid"),
        "DKIM_VALID_AU" => msg!("rule.dkim-valid-au"),
        "DKIM_VALID_EF" => msg!("rule.dkim-valid-ef"),
        "DKIM_INVALID" => msg!("rule.dkim-invalid"),
        "SPF_PASS" => msg!("rule.spf-pass"),
        "SPF_FAIL" => msg!("rule.spf-fail"),
        "SPF_SOFTFAIL" => msg!("rule.spf-softfail"),
        "SPF_NONE" => msg!("rule.spf-none"),
        "SPF_HELO_PASS" => msg!("rule.spf-helo-pass"),
        "SPF_HELO_NONE" => msg!("rule.spf-helo-none"),
        "RCVD_IN_DNSWL_HI" | "RCVD_IN_DNSWL_MED" | "RCVD_IN_DNSWL_LOW" | "RCVD_IN_DNSWL_NONE" => {
            msg!("rule.dnswl")
        }
        "RCVD_IN_DNSWL_BLOCKED"
        | "RCVD_IN_ZEN_BLOCKED_OPENDNS"
        | "URIBL_BLOCKED"
        | "URIBL_DBL_BLOCKED_OPENDNS"
        | "URIBL_ZEN_BLOCKED_OPENDNS"
        | "DNSWL_BLOCKED"
        | "DBL_BLOCKED_OPENRESOLVER"
        | "RBL_SPAMHAUS_BLOCKED_OPENRESOLVER" => {
            msg!("rule.dns-list-blocked")
        }
        "MISSING_MID" => msg!("rule.missing-mid"),
        "MISSING_DATE" => msg!("rule.missing-date"),
        "HTML_MESSAGE" => msg!("rule.html-message"),
        "FORGED_MUA_OUTLOOK" => msg!("rule.forged-mua-outlook"),
        "FREEMAIL_FROM" => msg!("rule.freemail-from"),
        "T_SCC_BODY_TEXT_LINE" => msg!("rule.test-body-text"),
        "R_SPF_ALLOW" => msg!("rule.r-spf-allow"),
        "R_SPF_FAIL" => msg!("rule.r-spf-fail"),
        "R_SPF_SOFTFAIL" => msg!("rule.r-spf-softfail"),
        "R_SPF_NA" => msg!("rule.r-spf-na"),
        "R_DKIM_ALLOW" => msg!("rule.dkim-verified"),
        "R_DKIM_REJECT" => msg!("rule.dkim-reject"),
        "R_DKIM_NA" | "DKIM_NA" => msg!("rule.dkim-na"),
        "DMARC_POLICY_ALLOW" => msg!("rule.dmarc-allow"),
        "DMARC_POLICY_REJECT" => msg!("rule.dmarc-reject"),
        "DMARC_POLICY_QUARANTINE" => msg!("rule.dmarc-quarantine"),
        "DMARC_NA" => msg!("rule.dmarc-na"),
        "ARC_NA" => msg!("rule.arc-na"),
        "ARC_ALLOW" => msg!("rule.arc-allow"),
        "ARC_INVALID" => msg!("rule.arc-invalid"),
        "MIME_GOOD" => msg!("rule.mime-good"),
        "ONCE_RECEIVED" => msg!("rule.once-received"),
        "FORGED_RECIPIENTS" => msg!("rule.forged-recipients"),
        "HFILTER_MID_NOT_FQDN" => msg!("rule.mid-not-fqdn"),
        "MAILLIST" => msg!("rule.maillist"),
        "FORWARDED" => msg!("rule.forwarded"),
        _ => return None,
    })
}

/// A rule with its score and meaning; `description` from the header itself wins.
pub(super) fn rule(name: &str, score: Option<f64>, description: Option<&str>) -> FilterRule {
    let meaning = match description.map(str::trim).filter(|d| !d.is_empty()) {
        Some(d) => Text::raw(d),
        None => meaning(name).unwrap_or_else(|| msg!("rule.unknown")).into(),
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
                    r.meaning.push_str(" ");
                    r.meaning.push_str(l);
                }
            }
            _ => last_was_rule = false,
        }
    }
    out
}
