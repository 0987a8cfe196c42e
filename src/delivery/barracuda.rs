//! Barracuda: X-Barracuda-Spam-Status (`No, SCORE=3.20 using global scores of TAG_LEVEL=1000.0
//! QUARANTINE_LEVEL=1000.0 KILL_LEVEL=5.0 tests=…`), X-Barracuda-Spam-Score, X-Barracuda-Spam-Flag and the
//! rule table of X-Barracuda-Spam-Report.

use crate::catalog::msg;
use crate::delivery::Ctx;
use crate::delivery::{Filter, FilterVerdict, group, number, pairs, rules, written, yes_no};

const NAME: &str = "Barracuda";

pub(super) fn read(ctx: &Ctx<'_>, filters: &mut Vec<Filter>) {
    for (i, field) in ctx.headers.iter().enumerate() {
        let lower = ctx.name(i);
        // Values are trimmed when unfolded (`headers::unfold`).
        let value = field.value.as_str();
        if !matches!(
            lower,
            "x-barracuda-spam-status"
                | "x-barracuda-spam-score"
                | "x-barracuda-spam-flag"
                | "x-barracuda-spam-report"
        ) {
            continue;
        }
        let f = group(filters, NAME, i);
        match lower {
            "x-barracuda-spam-status" => {
                let (first, rest) = value.split_once([',', ' ']).unwrap_or((value, ""));
                if f.verdict == FilterVerdict::Unknown {
                    f.verdict = yes_no(first);
                }
                for (k, v) in pairs(rest) {
                    // A level in the notes' prose: the reader's decimal separator.
                    let level = |v: &str| -> crate::catalog::Text {
                        number(v).map(crate::words::number_text).unwrap_or_else(|| v.into())
                    };
                    match k.as_str() {
                        "score" => f.score = f.score.or(number(&v)),
                        "kill_level" => {
                            f.threshold = number(&v);
                            f.notes.push(msg!("filters.barracuda-kill", v = level(&v)).into());
                        }
                        "quarantine_level" => {
                            f.notes.push(msg!("filters.barracuda-quarantine", v = level(&v)).into())
                        }
                        "tag_level" => f.notes.push(msg!("filters.barracuda-tag", v = level(&v)).into()),
                        _ => {}
                    }
                }
                if let Some(tests) = crate::delivery::spamassassin::tests_value(rest) {
                    for r in rules::test_list(&tests) {
                        if !f.rules.iter().any(|x| x.name == r.name) {
                            f.rules.push(r);
                        }
                    }
                }
            }
            "x-barracuda-spam-score" => f.score = f.score.or(number(value)),
            "x-barracuda-spam-flag" if f.verdict == FilterVerdict::Unknown => f.verdict = yes_no(value),
            "x-barracuda-spam-report" => {
                for r in rules::report_table(written(ctx, field)) {
                    match f.rules.iter_mut().find(|x| x.name == r.name) {
                        Some(x) => {
                            x.meaning = r.meaning;
                            x.score = r.score;
                        }
                        None => f.rules.push(r),
                    }
                }
            }
            _ => {}
        }
        f.evidence.push(ctx.evidence(field));
    }
}
