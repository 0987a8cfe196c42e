//! Proofpoint: X-Proofpoint-Spam-Details (`rule=notspam policy=default score=0 spamscore=0 phishscore=0
//! bulkscore=0 … classifier=spam`). `rule=` names the policy rule that matched (`…notspam`, `…spam`,
//! `…bulk`, …); the per-class scores (0 to 100) are listed as rules.

use crate::delivery::Ctx;
use crate::delivery::rules::rule;
use crate::delivery::{Filter, FilterVerdict, group, number, pairs};

const NAME: &str = "Proofpoint";

const SCORES: &[(&str, &str)] = &[
    ("spamscore", "spam classifier score (0 to 100)"),
    ("phishscore", "phishing classifier score (0 to 100)"),
    ("malwarescore", "malware classifier score (0 to 100)"),
    ("bulkscore", "bulk mail classifier score (0 to 100)"),
    ("suspectscore", "suspect classifier score (0 to 100)"),
    ("adultscore", "adult content classifier score (0 to 100)"),
    ("impostorscore", "impostor (business e-mail compromise) classifier score (0 to 100)"),
    ("lowpriorityscore", "low priority classifier score (0 to 100)"),
];

pub(super) fn read(ctx: &Ctx<'_>, filters: &mut Vec<Filter>) {
    for (i, field) in ctx.headers.iter().enumerate() {
        if !field.name.eq_ignore_ascii_case("X-Proofpoint-Spam-Details") {
            continue;
        }
        let f = group(filters, NAME, i);
        for (k, v) in pairs(&field.value) {
            match k.as_str() {
                "rule" => {
                    let l = v.to_ascii_lowercase();
                    f.verdict = if l.ends_with("notspam") || l.ends_with("_clean") || l == "clean" {
                        FilterVerdict::NotSpam
                    } else if l.ends_with("spam")
                        || l.ends_with("bulk")
                        || l.ends_with("phish")
                        || l.ends_with("malware")
                    {
                        FilterVerdict::Spam
                    } else {
                        FilterVerdict::Unknown
                    };
                    f.notes.push(format!("policy rule {v} matched"));
                }
                "policy" => f.notes.push(format!("policy {v}")),
                "score" => f.score = f.score.or(number(&v)),
                "classifier" => f.notes.push(format!("classifier {v}")),
                _ => {
                    if let Some((_, meaning)) = SCORES.iter().find(|(name, _)| *name == k)
                        && let Some(n) = number(&v).filter(|n| *n != 0.0)
                    {
                        f.rules.push(rule(&k, Some(n), Some(meaning)));
                    }
                }
            }
        }
        f.evidence.push(ctx.evidence(field));
    }
}
