//! Mimecast: X-Mimecast-Spam-Score (Mimecast publishes no threshold, so no verdict is drawn from it) and
//! X-Mimecast-Impersonation-Protect (`Policy=…;Similar Internal Domain=false;…;Newly Observed Domain=true`):
//! each check that is `true` is listed as a rule that hit.

use crate::catalog::msg;
use crate::delivery::Ctx;
use crate::delivery::{Filter, FilterRule, group, number};

const NAME: &str = "Mimecast";

pub(super) fn read(ctx: &Ctx<'_>, filters: &mut Vec<Filter>) {
    for (i, field) in ctx.headers.iter().enumerate() {
        let lower = ctx.name(i);
        // Values are trimmed when unfolded (`headers::unfold`).
        let value = field.value.as_str();
        match lower {
            "x-mimecast-spam-score" => {
                let f = group(filters, NAME, i);
                f.score = f.score.or(number(value));
                f.notes.push(msg!("filters.mimecast-score").into());
                f.evidence.push(ctx.evidence(field));
            }
            "x-mimecast-impersonation-protect" => {
                let f = group(filters, NAME, i);
                for (k, v) in value.split(';').filter_map(|p| p.split_once('=')) {
                    let (k, v) = (k.trim(), v.trim());
                    if k.eq_ignore_ascii_case("Policy") {
                        f.notes.push(msg!("filters.mimecast-policy", v).into());
                    } else if v.eq_ignore_ascii_case("true") {
                        f.rules.push(FilterRule {
                            name: k.to_string(),
                            score: None,
                            meaning: msg!("filters.mimecast-check", k).into(),
                        });
                    } else if !v.eq_ignore_ascii_case("false") {
                        f.unexplained.push(format!("X-Mimecast-Impersonation-Protect: {k}"));
                    }
                }
                f.evidence.push(ctx.evidence(field));
            }
            _ => {}
        }
    }
}
