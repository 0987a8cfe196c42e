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
        "AWL" => msg!("rule.awl"),
        "TXREP" => msg!("rule.txrep"),
        "TO_EQ_FM_DIRECT_MX" => msg!("rule.to-eq-fm-direct-mx"),
        "RP_MATCHES_RCVD" => msg!("rule.rp-matches-rcvd"),
        "FORGED_YAHOO_RCVD" => msg!("rule.forged-yahoo-rcvd"),
        "INVALID_DATE" => msg!("rule.invalid-date"),
        "NO_RELAYS" => msg!("rule.no-relays"),
        "SUBJECT_NEEDS_ENCODING" => msg!("rule.subject-needs-encoding"),
        "MIME_QP_LONG_LINE" => msg!("rule.mime-qp-long-line"),
        "FREEMAIL_FORGED_FROMDOMAIN" => msg!("rule.freemail-forged-fromdomain"),
        "HEADER_FROM_DIFFERENT_DOMAINS" => msg!("rule.header-from-different-domains"),
        "MAILING_LIST_MULTI" => msg!("rule.mailing-list-multi"),
        "ENV_AND_HDR_SPF_MATCH" => msg!("rule.env-and-hdr-spf-match"),
        "USER_IN_DEF_DKIM_WL" => msg!("rule.user-in-def-dkim-wl"),
        "USER_IN_DEF_SPF_WL" => msg!("rule.user-in-def-spf-wl"),
        "RDNS_NONE" => msg!("rule.rdns-none"),
        "T_REMOTE_IMAGE" => msg!("rule.remote-image"),
        "ADVANCE_FEE_2_NEW_MONEY" | "ADVANCE_FEE_3_NEW_MONEY" | "ADVANCE_FEE_4_NEW_MONEY" => {
            msg!("rule.advance-fee")
        }
        "ALL_TRUSTED" => msg!("rule.all-trusted"),
        "FREEMAIL_FORGED_REPLYTO" => msg!("rule.freemail-forged-replyto"),
        "FROM_NO_USER" => msg!("rule.from-no-user"),
        "LOTS_OF_MONEY" => msg!("rule.lots-of-money"),
        "MONEY_FRAUD_3" | "MONEY_FRAUD_5" | "MONEY_FRAUD_8" => msg!("rule.money-fraud"),
        "TO_MALFORMED" => msg!("rule.to-malformed"),
        "SORTED_RECIPS" => msg!("rule.sorted-recips"),
        "SUSPICIOUS_RECIPS" => msg!("rule.suspicious-recips"),
        "NO_FM_NAME_IP_HOSTN" => msg!("rule.no-fm-name-ip-hostn"),
        "UNICODE_OBFU_ZW" | "UNICODE_OBFU_ZW_MANY" => msg!("rule.unicode-obfu-zw"),
        "NEURAL_HAM" | "NEURAL_HAM_SHORT" | "NEURAL_HAM_LONG" => msg!("rule.neural-ham"),
        "NEURAL_SPAM" | "NEURAL_SPAM_SHORT" | "NEURAL_SPAM_LONG" => msg!("rule.neural-spam"),
        "MIME_TRACE" => msg!("rule.mime-trace"),
        "RCVD_TLS_LAST" => msg!("rule.rcvd-tls-last"),
        "RCVD_TLS_ALL" => msg!("rule.rcvd-tls-all"),
        "RCVD_NO_TLS_LAST" => msg!("rule.rcvd-no-tls-last"),
        "FROM_HAS_DN" => msg!("rule.from-has-dn"),
        "FROM_EQ_ENVFROM" => msg!("rule.from-eq-envfrom"),
        "FROM_NEQ_ENVFROM" => msg!("rule.from-neq-envfrom"),
        "HFILTER_HOSTNAME_1" | "HFILTER_HOSTNAME_2" | "HFILTER_HOSTNAME_3" | "HFILTER_HOSTNAME_4"
        | "HFILTER_HOSTNAME_5" => msg!("rule.hfilter-hostname"),
        "HFILTER_HOSTNAME_UNKNOWN" => msg!("rule.hfilter-hostname-unknown"),
        "RBL_SENDERSCORE" => msg!("rule.rbl-senderscore"),
        "AUTH_NA" => msg!("rule.auth-na"),
        "R_NO_SPACE_IN_FROM" => msg!("rule.r-no-space-in-from"),
        "SUBJECT_ENDS_SPACES" => msg!("rule.subject-ends-spaces"),
        "MIME_HTML_ONLY" => msg!("rule.mime-html-only"),
        "URIBL_PBL" => msg!("rule.uribl-pbl"),
        "ASN" => msg!("rule.asn"),
        "RCVD_VIA_SMTP_AUTH" => msg!("rule.rcvd-via-smtp-auth"),
        "PREVIOUSLY_DELIVERED" => msg!("rule.previously-delivered"),
        "TO_MATCH_ENVRCPT_ALL" => msg!("rule.to-match-envrcpt-all"),
        "TO_DN_NONE" => msg!("rule.to-dn-none"),
        "TO_DN_EQ_ADDR_ALL" | "TO_DN_EQ_ADDR_SOME" => msg!("rule.to-dn-eq-addr"),
        "MID_RHS_MATCH_FROM" => msg!("rule.mid-rhs-match-from"),
        "RCVD_DKIM_ARC_DNSWL_HI" | "RCVD_DKIM_ARC_DNSWL_MED" => msg!("rule.rcvd-dkim-arc-dnswl"),
        "DMARC_POLICY_SOFTFAIL" => msg!("rule.dmarc-softfail"),
        "HAS_LIST_UNSUB" => msg!("rule.has-list-unsub"),
        "FORGED_RECIPIENTS_FORWARDING" | "FORGED_RECIPIENTS_MAILLIST" => {
            msg!("rule.forged-recipients-explained")
        }
        "FORGED_SENDER" => msg!("rule.forged-sender"),
        "FORGED_SENDER_FORWARDING" | "FORGED_SENDER_MAILLIST" => msg!("rule.forged-sender-explained"),
        "DKIM_MIXED" => msg!("rule.dkim-mixed"),
        "DKIM_TRACE" => msg!("rule.dkim-trace"),
        "SENDER_REP_HAM" => msg!("rule.sender-rep-ham"),
        "SENDER_REP_SPAM" => msg!("rule.sender-rep-spam"),
        "DKIM_VERIFIED" => msg!("rule.dkim-verified"),
        _ if upper.starts_with("DATE_IN_PAST_") => msg!("rule.date-in-past"),
        _ if upper.starts_with("DATE_IN_FUTURE_") => msg!("rule.date-in-future"),
        _ if upper.starts_with("HTML_IMAGE_ONLY_") => msg!("rule.html-image-only"),
        _ if upper.starts_with("RCPT_COUNT_") => msg!("rule.rcpt-count"),
        _ if upper.starts_with("RCVD_COUNT_") => msg!("rule.rcvd-count"),
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
