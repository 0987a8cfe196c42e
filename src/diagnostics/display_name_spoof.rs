//! `display-name-spoof`: see [`META`] for what it checks, why it matters and the fix.

use crate::catalog::{Msg, Text, msg};
use crate::diagnostics::{Ctx, Meta};
use crate::model::{Finding, FindingId, Owner, Severity};

pub(crate) const META: Meta = Meta {
    id: FindingId::DisplayNameSpoof,
    severity: Severity::Medium,
    owner: Owner::Nobody,
    what: "A From, Sender or Reply-To display name looks like an e-mail address, and that address is not the \
         mailbox's real address (`\"security@bank.example.com\" <x@example.net>`).",
    why: "Many mail programs show only the display name, so the reader sees a trusted address while replies and \
         authentication concern another one. It is a common impersonation trick; DMARC does not look at display \
         names.",
    fix: "Judge the message by the real address in angle brackets, not by the display name.",
};

use crate::route::display_name_address as address_in;

pub(crate) fn check(ctx: &Ctx<'_>, acc: &mut Vec<Finding>) {
    let lists =
        [("From", &ctx.summary.from), ("Sender", &ctx.summary.sender), ("Reply-To", &ctx.summary.reply_to)];
    // Every address-looking name in one finding (the page shows one finding per id).
    let mut hits = Vec::new();
    let mut evidence = Vec::new();
    for (header, list) in lists {
        for m in list.iter() {
            let (Some(name), Some(address)) = (m.name.as_deref(), m.address.as_deref()) else { continue };
            let Some(shown) = address_in(name) else { continue };
            if shown.eq_ignore_ascii_case(address) {
                continue;
            }
            hits.push((header, shown.to_string(), address.to_string()));
            evidence.extend(ctx.field(header).map(|f| ctx.evidence_for(f, shown)));
        }
    }
    let Some((header, shown, address)) = hits.first().cloned() else { return };
    let title = if hits.len() == 1 {
        msg!("display-name-spoof.title", header, shown, address)
    } else {
        msg!("display-name-spoof.title-many", n = hits.len(), header, shown)
    };
    // The first entry starts the detail's sentence: its capitalised form.
    let listed: Vec<Msg> = hits
        .iter()
        .enumerate()
        .map(|(i, (h, s, a))| {
            if i == 0 {
                msg!("display-name-spoof.listed-start", h, s, a)
            } else {
                msg!("display-name-spoof.listed", h, s, a)
            }
        })
        .collect();
    META.finding(title, msg!("display-name-spoof.detail", listed = Text::join_clauses(listed)))
        .evidence(evidence)
        .fix(msg!("display-name-spoof.fix", address, shown))
        .steps([msg!("display-name-spoof.step-check"), msg!("display-name-spoof.step-rule")])
        .push(acc);
}

#[cfg(test)]
mod tests {
    use crate::diagnostics::test_support::{analyze, with_id};

    #[test]
    fn fires_for_an_address_looking_name() {
        let report = analyze("From: \"security@bank.example.com\" <x@example.net>\nSubject: hi\n");
        let found = with_id(&report, super::META.id);
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].title,
            "From display name shows security@bank.example.com, but the address is x@example.net"
        );
        assert_eq!(found[0].evidence[0].text, "security@bank.example.com");
    }

    #[test]
    fn quiet_for_ordinary_names_and_the_same_address() {
        for from in [
            "\"Alice Example\" <alice@example.com>",
            "\"alice@example.com\" <Alice@Example.com>",
            "bob@example.com",
        ] {
            let report = analyze(&format!("From: {from}\nSubject: hi\n"));
            assert!(with_id(&report, super::META.id).is_empty(), "{from}");
        }
    }
}
