//! Cisco Secure Email (IronPort): X-IronPort-Anti-Spam-Filtered (the message went through the anti-spam
//! scan), X-IronPort-Anti-Spam-Result (an encoded summary whose format Cisco does not publish), the SenderBase
//! reputation score (X-SBRS, X-IronPort-Reputation; -10 worst to +10 best), X-IronPort-AV and
//! X-IronPort-Outbreak-Status. None of them states a spam verdict in words; a custom verdict header
//! (`X-IronPort-Anti-Spam: positive`) does when an administrator configured one.

use crate::catalog::{Text, msg};
use crate::delivery::Ctx;
use crate::delivery::{Filter, FilterVerdict, group, number};

const NAME: &str = "Cisco Secure Email (IronPort)";

pub(super) fn read(ctx: &Ctx<'_>, filters: &mut Vec<Filter>) {
    for (i, field) in ctx.headers.iter().enumerate() {
        let lower = ctx.name(i);
        // Values are trimmed when unfolded (`headers::unfold`).
        let value = field.value.as_str();
        let note = match lower {
            "x-ironport-anti-spam-filtered" => msg!("filters.ironport-filtered"),
            "x-ironport-anti-spam-result" => msg!("filters.ironport-result"),
            "x-ironport-anti-spam" => msg!("filters.ironport-verdict", value),
            "x-sbrs" | "x-ironport-reputation" => msg!("filters.ironport-sbrs", value),
            "x-ironport-av" => msg!("filters.ironport-av"),
            "x-ironport-outbreak-status" => msg!("filters.ironport-outbreak", value),
            _ => continue,
        };
        let f = group(filters, NAME, i);
        match lower {
            "x-ironport-anti-spam" => {
                f.verdict = match value.to_ascii_lowercase().as_str() {
                    "positive" | "suspect" | "spam" => FilterVerdict::Spam,
                    "negative" | "clean" => FilterVerdict::NotSpam,
                    _ => FilterVerdict::Unknown,
                }
            }
            "x-sbrs" | "x-ironport-reputation" => f.score = f.score.or(number(value)),
            _ => {}
        }
        let note: Text = note.into();
        if !f.notes.contains(&note) {
            f.notes.push(note);
        }
        f.evidence.push(ctx.evidence(field));
    }
}
