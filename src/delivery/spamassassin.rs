//! SpamAssassin and amavis: X-Spam-Status (`Yes, score=7.1 required=5.0 tests=… autolearn=…`, amavis
//! `No, score=-1.9 tagged_above=-999 required=5 tests=[BAYES_00=-1.9, …]`), X-Spam-Flag, X-Spam-Score,
//! X-Spam-Level (one `*` a point), X-Spam-Report (rule table with descriptions), X-Spam-Tests,
//! X-Spam-Checker-Version, and the older X-SpamReason in the same form as X-Spam-Status.

use crate::catalog::msg;
use crate::delivery::Ctx;
use crate::delivery::{Filter, FilterVerdict, group, number, pairs, rules, written, yes_no};

const NAME: &str = "SpamAssassin";
const AMAVIS: &str = "amavis (SpamAssassin)";

/// The `tests=` list of a status value: from `tests=` up to the next `key=` word.
pub(super) fn tests_value(text: &str) -> Option<String> {
    let at = text.find("tests=")?;
    let mut out = Vec::new();
    for (i, word) in text[at + "tests=".len()..].split_whitespace().enumerate() {
        if i > 0
            && word.contains('=')
            && !word.starts_with('[')
            && !out.last().is_some_and(|w: &&str| w.ends_with(','))
        {
            break;
        }
        out.push(word);
    }
    Some(out.join(" "))
}

/// amavis writes `tagged_above=` or a bracketed test list into X-Spam-Status.
fn is_amavis(value: &str) -> bool {
    value.contains("tagged_above=") || value.contains("tests=[")
}

pub(super) fn read(ctx: &Ctx<'_>, filters: &mut Vec<Filter>) {
    // The status fields, so that the flag, score and report fields around one join its filter.
    let statuses: Vec<(usize, bool)> = ctx
        .headers
        .iter()
        .enumerate()
        .filter(|(_, f)| f.name.eq_ignore_ascii_case("X-Spam-Status"))
        .map(|(i, f)| (i, is_amavis(&f.value)))
        .collect();
    for (i, field) in ctx.headers.iter().enumerate() {
        let lower = ctx.name(i);
        // Values are trimmed when unfolded (`headers::unfold`).
        let value = field.value.as_str();
        match lower {
            "x-spam-status" | "x-spamreason" => {
                let f = group(filters, if is_amavis(value) { AMAVIS } else { NAME }, i);
                status(f, value);
                f.evidence.push(ctx.evidence(field));
            }
            "x-spam-flag"
            | "x-spam-score"
            | "x-spam-level"
            | "x-spam-report"
            | "x-spam-tests"
            | "x-spam-checker-version" => {
                let nearest = statuses.iter().min_by_key(|(at, _)| at.abs_diff(i));
                let name = match nearest {
                    Some((at, true)) if at.abs_diff(i) <= 12 => AMAVIS,
                    _ => NAME,
                };
                let f = group(filters, name, i);
                match lower {
                    "x-spam-flag" if f.verdict == FilterVerdict::Unknown => f.verdict = yes_no(value),
                    "x-spam-score" if f.score.is_none() => f.score = number(value),
                    "x-spam-level"
                        if f.score.is_none()
                            && !value.is_empty()
                            && value.chars().all(|c| c == '*' || c == '+') =>
                    {
                        f.notes.push(msg!("filters.spam-level", n = value.len()).into());
                    }
                    "x-spam-report" => {
                        let table = rules::report_table(written(ctx, field));
                        for r in table {
                            match f.rules.iter_mut().find(|x| x.name == r.name) {
                                Some(x) => {
                                    x.meaning = r.meaning;
                                    x.score = x.score.or(r.score);
                                }
                                None => f.rules.push(r),
                            }
                        }
                    }
                    "x-spam-tests" if f.rules.is_empty() => {
                        f.rules = rules::test_list(&value.replace(' ', ""))
                    }
                    "x-spam-checker-version" => {
                        f.notes.push(msg!("filters.spamassassin-checked", value).into())
                    }
                    _ => {}
                }
                f.evidence.push(ctx.evidence(field));
            }
            _ => {}
        }
    }
}

/// SpamAssassin's `autolearn=` token (its `_AUTOLEARN_` values) in words, the token kept as written.
fn autolearn(v: &str) -> crate::catalog::Msg {
    let meaning = match v.to_ascii_lowercase().as_str() {
        "ham" => msg!("filters.autolearn.ham"),
        "spam" => msg!("filters.autolearn.spam"),
        "no" => msg!("filters.autolearn.no"),
        "disabled" => msg!("filters.autolearn.disabled"),
        "failed" => msg!("filters.autolearn.failed"),
        "unavailable" => msg!("filters.autolearn.unavailable"),
        _ => return msg!("filters.spamassassin-autolearn", v),
    };
    msg!("filters.spamassassin-autolearn-known", meaning, v)
}

fn status(f: &mut Filter, value: &str) {
    let (first, rest) = value.split_once([',', ' ']).unwrap_or((value, ""));
    if f.verdict == FilterVerdict::Unknown {
        f.verdict = yes_no(first);
    }
    for (k, v) in pairs(rest) {
        match k.as_str() {
            "score" | "hits" => f.score = f.score.or(number(&v)),
            "required" => f.threshold = f.threshold.or(number(&v)),
            "autolearn" => f.notes.push(autolearn(&v).into()),
            "version" => f.notes.push(msg!("filters.spamassassin-version", v).into()),
            _ => {}
        }
    }
    if let Some(tests) = tests_value(rest) {
        for r in rules::test_list(&tests) {
            if !f.rules.iter().any(|x| x.name == r.name) {
                f.rules.push(r);
            }
        }
    }
}
