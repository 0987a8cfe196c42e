//! `deceptive-characters`: see [`META`] for what it checks, why it matters and the fix.

use crate::catalog::{Text, msg};
use crate::diagnostics::{Ctx, Meta};
use crate::model::{Finding, FindingId, Owner, Severity};

pub(crate) const META: Meta = Meta {
    id: FindingId::DeceptiveCharacters,
    severity: Severity::High,
    owner: Owner::Nobody,
    what: "Unicode direction controls (U+202A–U+202E, U+2066–U+2069) or invisible characters (U+200B–U+200F, \
         U+2060, U+FEFF inside a value) in Subject, From, Sender, Reply-To, To or Cc.",
    why: "They change what the reader sees without changing what the text is: `Invoice <U+202E>fdp.exe` shows as \
         `Invoice exe.pdf`, and a zero-width space inside a domain makes a look-alike address. Legitimate mail \
         almost never needs them in these fields.",
    fix: "Treat the message as a phishing attempt; the code points are shown as U+XXXX so the real text can be read.",
};

const FIELDS: &[&str] = &["Subject", "From", "Sender", "Reply-To", "To", "Cc"];

/// True for a character that reorders or hides text.
pub(crate) fn is_deceptive(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200B}'..='\u{200F}' | '\u{2060}' | '\u{FEFF}')
}

/// The text with every deceptive character written as `<U+XXXX>`.
pub(crate) fn visible(text: &str) -> String {
    text.chars()
        .map(|c| if is_deceptive(c) { format!("<U+{:04X}>", c as u32) } else { c.to_string() })
        .collect()
}

pub(crate) fn check(ctx: &Ctx<'_>, acc: &mut Vec<Finding>) {
    let mut shown = Vec::new();
    let mut points: Vec<String> = Vec::new();
    let mut evidence = Vec::new();
    for name in FIELDS {
        for field in ctx.fields(name) {
            let text = field.decoded.as_deref().unwrap_or(&field.value);
            if !text.chars().any(is_deceptive) {
                continue;
            }
            for c in text.chars().filter(|c| is_deceptive(*c)) {
                let p = format!("U+{:04X}", c as u32);
                if !points.contains(&p) {
                    points.push(p);
                }
            }
            shown.push(format!("{}: {}", field.name, visible(text.trim())));
            evidence.push(ctx.evidence(field));
        }
    }
    if shown.is_empty() {
        return;
    }
    META.finding(
        msg!("deceptive-characters.title", points = points.join(", ")),
        msg!("deceptive-characters.detail", fields = Text::join_clauses(&shown)),
    )
    .evidence(evidence)
    .fix(msg!("deceptive-characters.fix"))
    .steps([msg!("deceptive-characters.step-read"), msg!("deceptive-characters.step-rule")])
    .references(["Unicode Standard Annex #9 (bidirectional algorithm), CVE-2021-42574 (\"Trojan Source\")"])
    .push(acc);
}

#[cfg(test)]
mod tests {
    use crate::diagnostics::test_support::{analyze, with_id};

    #[test]
    fn fires_with_the_code_points_visible() {
        let report = analyze("From: Billing <billing@example.com>\nSubject: Invoice \u{202E}fdp.exe\n");
        let found = with_id(&report, super::META.id);
        assert_eq!(found.len(), 1);
        assert!(found[0].title.contains("U+202E"), "{}", found[0].title);
        assert!(found[0].detail.contains("Subject: Invoice <U+202E>fdp.exe"), "{}", found[0].detail);
        // Encoded words are decoded before the check.
        let report = analyze("From: =?UTF-8?Q?pay=E2=80=8Bpal?= <a@example.com>\nSubject: hi\n");
        assert_eq!(with_id(&report, super::META.id).len(), 1);
    }

    #[test]
    fn quiet_for_ordinary_text_and_other_fields() {
        let report = analyze("From: Zoë <z@example.com>\nSubject: Straße, 東京\nX-Note: a\u{200B}b\n");
        assert!(with_id(&report, super::META.id).is_empty());
    }
}
