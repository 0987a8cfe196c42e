//! Proofpoint: X-Proofpoint-Spam-Details (`rule=notspam policy=default score=0 spamscore=0 phishscore=0
//! bulkscore=0 … classifier=spam`). `rule=` names the policy rule that matched (`…notspam`, `…spam`,
//! `…bulk`, …); the per-class scores (0 to 100) are listed as rules.

use crate::catalog::{Msg, msg};
use crate::delivery::Ctx;
use crate::delivery::{Filter, FilterRule, FilterVerdict, group, number, pairs};

const NAME: &str = "Proofpoint";

/// What a per-class score (0 to 100) is.
fn score_meaning(key: &str) -> Option<Msg> {
    Some(match key {
        "spamscore" => msg!("filters.proofpoint-spamscore"),
        "phishscore" => msg!("filters.proofpoint-phishscore"),
        "malwarescore" => msg!("filters.proofpoint-malwarescore"),
        "bulkscore" => msg!("filters.proofpoint-bulkscore"),
        "suspectscore" => msg!("filters.proofpoint-suspectscore"),
        "adultscore" => msg!("filters.proofpoint-adultscore"),
        "impostorscore" => msg!("filters.proofpoint-impostorscore"),
        "lowpriorityscore" => msg!("filters.proofpoint-lowpriorityscore"),
        _ => return None,
    })
}

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
                    f.notes.push(msg!("filters.proofpoint-rule", v).into());
                }
                "policy" => f.notes.push(msg!("filters.proofpoint-policy", v).into()),
                "score" => f.score = f.score.or(number(&v)),
                "classifier" => f.notes.push(msg!("filters.proofpoint-classifier", v).into()),
                _ => {
                    if let Some(meaning) = score_meaning(&k)
                        && let Some(n) = number(&v).filter(|n| *n != 0.0)
                    {
                        f.rules.push(FilterRule { name: k.clone(), score: Some(n), meaning: meaning.into() });
                    }
                }
            }
        }
        f.evidence.push(ctx.evidence(field));
    }
}
