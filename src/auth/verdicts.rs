//! The receiver's verdicts in words: one line per method the trusted receiver reported.

use super::model::{Authentication, Verdict};
use super::results::{self, MethodResult};
use crate::catalog::{Text, msg};
use crate::domain::domain_of;
use crate::microsoft::compauth::compauth_reason;

/// The DMARC policy a result states: `policy.dmarc`, else the comment's `p=`, else Microsoft's `action=`.
pub(crate) fn dmarc_policy(m: &MethodResult) -> Option<String> {
    m.property("policy", "dmarc")
        .map(str::to_string)
        .or_else(|| results::comment_value(&m.comments, "p").map(str::to_ascii_lowercase))
        .or_else(|| m.param("action").map(str::to_ascii_lowercase))
}

pub(super) fn verdicts(auth: &Authentication) -> Vec<Verdict> {
    let receiver = auth.receiver_name();
    let mut out: Vec<Verdict> = Vec::new();
    let mut seen: Vec<String> = Vec::new();
    for r in auth.trusted() {
        for m in &r.parsed.methods {
            if seen.contains(&m.method) {
                continue;
            }
            seen.push(m.method.clone());
            let mut all: Vec<&MethodResult> = auth.trusted_methods(&m.method).map(|(_, m)| m).collect();
            // The same result copied into several trusted fields (A-R and X-MS-Exchange-A-R) counts once.
            let mut distinct: Vec<(&str, Option<&str>, Option<&str>)> = Vec::new();
            all.retain(|x| {
                let key = (x.result.as_str(), x.property("header", "d"), x.property("header", "i"));
                let new = !distinct.contains(&key);
                distinct.push(key);
                new
            });
            // For DKIM, one passing signature is what counts.
            let chosen = if m.method == "dkim" {
                all.iter().find(|x| x.result == "pass").copied().unwrap_or(m)
            } else {
                m
            };
            out.push(Verdict {
                method: m.method.clone(),
                result: chosen.result.clone(),
                text: verdict_text(chosen, &receiver, all.len()),
                header: r.header.clone(),
                header_index: r.header_index,
                span: chosen.verdict_span,
            });
        }
    }
    if !seen.iter().any(|m| m == "spf")
        && let Some(s) = auth.trusted_spf().next()
    {
        let result = s.record.result.clone().unwrap_or_default();
        let domain = s.record.envelope_from.clone().or_else(|| s.record.helo.clone());
        out.push(Verdict {
            method: "spf".to_string(),
            text: {
                let sender = domain.map(|d| msg!("auth.verdict.envelope-sender-after", d));
                msg!("auth.verdict.received-spf", result, receiver, sender).into()
            },
            result,
            header: s.header.clone(),
            header_index: s.header_index,
            span: s.record.result_span,
        });
    }
    out
}

pub(super) fn verdict_text(m: &MethodResult, receiver: &Text, count: usize) -> Text {
    let mut details: Vec<Text> = vec![msg!("auth.verdict.receiver", receiver).into()];
    match m.method.as_str() {
        "dmarc" => {
            if let Some(from) = m.property("header", "from") {
                details.push(msg!("auth.verdict.from-domain", from).into());
            }
            if let Some(p) = dmarc_policy(m) {
                details.push(msg!("auth.verdict.policy", p).into());
            }
        }
        "spf" => {
            if let Some(mf) = m.spf_mailfrom() {
                details.push(msg!("auth.verdict.envelope-sender", mf).into());
            } else if let Some(h) = m.spf_helo() {
                details.push(format!("HELO {h}").into());
            }
        }
        "dkim" => {
            if let Some(d) = m
                .property("header", "d")
                .or_else(|| m.property("header", "i"))
                .and_then(domain_of)
                .filter(|d| !d.eq_ignore_ascii_case("none"))
            {
                details.push(msg!("auth.verdict.signature-of", d).into());
            }
            if count > 1 {
                details.push(msg!("auth.verdict.results", count).into());
            }
        }
        "compauth" => {
            if let Some(code) = &m.reason {
                let (meaning, _) = compauth_reason(code);
                details.push(msg!("auth.verdict.reason", code, meaning).into());
            }
        }
        _ => {}
    }
    let label: Text = match m.method.as_str() {
        "spf" | "dkim" | "dmarc" | "arc" | "bimi" => m.method.to_ascii_uppercase().into(),
        "compauth" => msg!("auth.verdict.compauth").into(),
        "iprev" => msg!("auth.verdict.iprev").into(),
        "auth" => "SMTP AUTH".into(),
        other => other.into(),
    };
    msg!("auth.verdict", label, result = &m.result, details = Text::join(details, ", ")).into()
}
