//! Trend Micro: X-TM-AS-Result (`No--8.322-5.0-31-10`: the verdict, the score and the threshold) and
//! X-TMASE-Result (`10--2.729200-10.000000`: a version, the score and the threshold). Trend Micro does not
//! document either layout; this reading is the common one and is worded as likely.

use crate::catalog::msg;
use crate::delivery::Ctx;
use crate::delivery::{Filter, FilterVerdict, group, number, yes_no};

const NAME: &str = "Trend Micro";

/// Splits `a-b-c` where numbers may be negative (`10--2.7-10.0` is 10, -2.7, 10.0).
fn dashed(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut prev_dash = true;
    for c in text.trim().chars() {
        if c == '-' && !prev_dash {
            out.push(std::mem::take(&mut current));
            prev_dash = true;
        } else {
            current.push(c);
            prev_dash = false;
        }
    }
    out.push(current);
    out
}

pub(super) fn read(ctx: &Ctx<'_>, filters: &mut Vec<Filter>) {
    for (i, field) in ctx.headers.iter().enumerate() {
        let lower = ctx.name(i);
        match lower {
            "x-tm-as-result" | "x-tmase-result" => {
                let parts = dashed(&field.value);
                let f = group(filters, NAME, i);
                let (verdict, score, threshold) = if lower == "x-tm-as-result" {
                    (yes_no(&parts[0]), parts.get(1), parts.get(2))
                } else {
                    (FilterVerdict::Unknown, parts.get(1), parts.get(2))
                };
                let score = score.and_then(|s| number(s));
                let threshold = threshold.and_then(|s| number(s));
                f.score = f.score.or(score);
                f.threshold = f.threshold.or(threshold);
                if verdict != FilterVerdict::Unknown {
                    f.verdict = verdict;
                } else if f.verdict == FilterVerdict::Unknown
                    && let (Some(s), Some(t)) = (score, threshold)
                {
                    f.verdict = if s >= t { FilterVerdict::Spam } else { FilterVerdict::NotSpam };
                }
                f.notes.push(msg!("filters.trend-layout", field = field.name.as_str()).into());
                f.evidence.push(ctx.evidence(field));
            }
            _ => {}
        }
    }
}
