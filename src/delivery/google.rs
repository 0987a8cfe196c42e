//! Google: `X-Gm-Spam` (`1` when Gmail classified the message as spam, `0` otherwise) and `X-Gm-Phy`
//! (`1` when it looked like phishing), written by Gmail where they survive (for example in a message
//! exported from or forwarded by Gmail). Google does not document them; observed meanings.

use crate::catalog::msg;
use crate::delivery::Ctx;
use crate::delivery::{Filter, FilterRule, FilterVerdict, group};

const NAME: &str = "Google";

pub(super) fn read(ctx: &Ctx<'_>, filters: &mut Vec<Filter>) {
    for (i, field) in ctx.headers.iter().enumerate() {
        // Values are trimmed when unfolded (`headers::unfold`).
        let value = field.value.as_str();
        if field.name.eq_ignore_ascii_case("X-Gm-Spam") {
            let f = group(filters, NAME, i);
            f.verdict = match value {
                "1" => FilterVerdict::Spam,
                "0" => FilterVerdict::NotSpam,
                _ => FilterVerdict::Unknown,
            };
            f.notes.push(msg!("filters.gm-spam").into());
            f.evidence.push(ctx.evidence(field));
        } else if field.name.eq_ignore_ascii_case("X-Gm-Phy") {
            let f = group(filters, NAME, i);
            if value == "1" {
                f.rules.push(FilterRule {
                    name: "X-Gm-Phy".to_string(),
                    score: None,
                    meaning: msg!("filters.gm-phy").into(),
                });
                f.verdict = FilterVerdict::Spam;
            }
            f.evidence.push(ctx.evidence(field));
        }
    }
}
