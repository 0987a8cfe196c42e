//! Rspamd: X-Spamd-Result (`default: False [-1.31 / 15.00]; SYMBOL(score)[options]; …`), X-Rspamd-Action,
//! X-Rspamd-Score, X-Rspamd-Report (`SYMBOL(score) …`), X-Spamd-Bar / X-Rspamd-Bar and the milter's
//! `X-Spam: Yes`.

use crate::catalog::{Msg, msg};
use crate::delivery::Ctx;
use crate::delivery::{Filter, FilterVerdict, group, number, rules, written};

const NAME: &str = "Rspamd";

/// What an Rspamd action means for the message, and the verdict it implies.
fn action(value: &str) -> (Msg, FilterVerdict) {
    match value.trim().to_ascii_lowercase().as_str() {
        "no action" => (msg!("filters.rspamd-no-action"), FilterVerdict::NotSpam),
        "greylist" => (msg!("filters.rspamd-greylist"), FilterVerdict::NotSpam),
        "add header" => (msg!("filters.rspamd-add-header"), FilterVerdict::Spam),
        "rewrite subject" => (msg!("filters.rspamd-rewrite-subject"), FilterVerdict::Spam),
        "soft reject" => (msg!("filters.rspamd-soft-reject"), FilterVerdict::Spam),
        "reject" => (msg!("filters.rspamd-reject"), FilterVerdict::Spam),
        "discard" => (msg!("filters.rspamd-discard"), FilterVerdict::Spam),
        "quarantine" => (msg!("filters.rspamd-quarantine"), FilterVerdict::Spam),
        _ => (msg!("filters.rspamd-unknown"), FilterVerdict::Unknown),
    }
}

pub(super) fn read(ctx: &Ctx<'_>, filters: &mut Vec<Filter>) {
    for (i, field) in ctx.headers.iter().enumerate() {
        let lower = ctx.name(i);
        // Values are trimmed when unfolded (`headers::unfold`).
        let value = field.value.as_str();
        let known = matches!(
            lower,
            "x-spamd-result"
                | "x-rspamd-action"
                | "x-rspamd-score"
                | "x-rspamd-report"
                | "x-spamd-bar"
                | "x-rspamd-bar"
                | "x-rspamd-queue-id"
        ) || (lower == "x-spam" && matches!(value.to_ascii_lowercase().as_str(), "yes" | "no"));
        if !known {
            continue;
        }
        let f = group(filters, NAME, i);
        match lower {
            "x-spamd-result" => result(f, written(ctx, field)),
            "x-rspamd-action" => {
                let (words, verdict) = action(value);
                f.notes.push(msg!("filters.rspamd-action", value, words).into());
                if verdict != FilterVerdict::Unknown {
                    f.verdict = verdict;
                } else {
                    f.unexplained.push(format!("X-Rspamd-Action: {value}"));
                }
            }
            "x-rspamd-score" => f.score = f.score.or(number(value)),
            "x-rspamd-report" => merge(f, rules::symbols(written(ctx, field))),
            // The milter adds `X-Spam: Yes` for the `add header` and `rewrite subject` actions: spam, whatever
            // X-Spamd-Result's `False` said (that word only says the action was not `reject`).
            "x-spam" if value.eq_ignore_ascii_case("yes") => f.verdict = FilterVerdict::Spam,
            "x-spam" if f.verdict == FilterVerdict::Unknown => f.verdict = FilterVerdict::NotSpam,
            "x-rspamd-queue-id" => f.queue_id = Some(value.to_string()),
            _ => {}
        }
        f.evidence.push(ctx.evidence(field));
    }
}

fn merge(f: &mut Filter, found: Vec<crate::delivery::FilterRule>) {
    for r in found {
        if !f.rules.iter().any(|x| x.name == r.name) {
            f.rules.push(r);
        }
    }
}

/// `default: False [-1.31 / 15.00]; SYMBOL(0.00)[…]; …`
fn result(f: &mut Filter, text: &str) {
    let (head, rest) = match text.find(']') {
        Some(e) => (&text[..=e], &text[e + 1..]),
        None => (text, ""),
    };
    if let Some((_, after)) = head.split_once(':') {
        let word = after.split_whitespace().next().unwrap_or_default();
        if f.verdict == FilterVerdict::Unknown {
            f.verdict = crate::delivery::yes_no(word);
        }
        if let Some((score, threshold)) =
            after.split_once('[').and_then(|(_, b)| b.trim_end_matches(']').split_once('/'))
        {
            f.score = f.score.or(number(score));
            f.threshold = f.threshold.or(number(threshold));
        }
    }
    merge(f, rules::symbols(rest));
}
