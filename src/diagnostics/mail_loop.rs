//! `mail-loop`: see [`META`] for what it checks, why it matters and the fix.

use crate::catalog::{Text, msg};
use crate::diagnostics::{Ctx, Meta};
use crate::limits::Limit;
use crate::model::{Finding, FindingId, Owner, Severity};

pub(crate) const META: Meta = Meta {
    id: FindingId::MailLoop,
    severity: Severity::High,
    owner: Owner::Intermediary,
    what: "The message carries 100 `Received` fields or more (counted up to the hop limit, 200, beyond which \
          the analysis stops): RFC 5321 §6.3's threshold for a mail loop. Names the servers that stamp it most \
          often.",
    why: "Each server that relays a message adds a `Received` field; real messages carry a handful. A message \
         with a hundred or more went round between servers that send it back to each other (two servers each \
         naming the other as the route for a domain, a forward that points back, an alias pointing to itself) \
         until one of them refused it. RFC 5321 §6.3 has servers reject such mail, so it is usually lost.",
    fix: "Whoever runs the servers named breaks the loop: check the routing of the recipient's domain on them \
         (MX records, transport or smart-host settings, send and receive connectors, forwarding rules and \
         aliases), so that one of them delivers the message instead of passing it on.",
};

/// RFC 5321 §6.3: "normally at least 100 Received entries".
pub(crate) const LOOP_HOPS: usize = 100;

pub(crate) fn check(ctx: &Ctx<'_>, acc: &mut Vec<Finding>) {
    let cut = ctx.truncation.is_some_and(|t| t.limit == Limit::Hops);
    let count = ctx.hops.len();
    if count < LOOP_HOPS && !cut {
        return;
    }
    // The servers that stamped the message most often (their `by` names), most frequent first.
    let mut by: Vec<(String, usize)> = Vec::new();
    for h in ctx.hops {
        let Some(name) = h.by.as_deref().map(|b| b.trim_end_matches('.').to_ascii_lowercase()) else {
            continue;
        };
        match by.iter_mut().find(|(n, _)| *n == name) {
            Some((_, c)) => *c += 1,
            None => by.push((name, 1)),
        }
    }
    crate::sort::sort_by_key(&mut by, |(_, c)| std::cmp::Reverse(*c));
    let named: Vec<String> = by.iter().take(3).map(|(n, c)| format!("{n} ({c})")).collect();
    let (servers, names): (Text, Text) = if named.is_empty() {
        (msg!("mail-loop.unnamed").into(), msg!("mail-loop.unnamed").into())
    } else {
        let names: Vec<&str> = by.iter().take(3).map(|(n, _)| n.as_str()).collect();
        (named.join(", ").into(), names.join(", ").into())
    };
    let counted: Text = if cut {
        msg!("mail-loop.count-cut", limit = crate::limits::MAX_HOPS).into()
    } else {
        count.to_string().into()
    };
    // Whose servers: the organisation of the most frequent one, as the route reads it.
    let top_hop = by.first().and_then(|(name, _)| {
        ctx.hops
            .iter()
            .find(|h| h.by.as_deref().is_some_and(|b| b.trim_end_matches('.').eq_ignore_ascii_case(name)))
    });
    let owner = match top_hop.and_then(|h| ctx.route.role_of(h.index)) {
        Some(r) if r.is_sender_side() => Owner::SendingOrg,
        Some(crate::route::Role::ReceivingOrg) => Owner::ReceivingOrg,
        _ => Owner::Intermediary,
    };
    let evidence = ctx
        .hops
        .last()
        .into_iter()
        .filter_map(|h| crate::diagnostics::hop_facts::hop_evidence(ctx, h, h.by.as_deref()));
    let mut detail: Text = msg!("mail-loop.detail", counted = counted.clone(), servers).into();
    if cut {
        detail.push(msg!("mail-loop.detail-cut", limit = crate::limits::MAX_HOPS));
    }
    META.finding(msg!("mail-loop.title", counted), detail)
        .owner(owner)
        .likely()
        .evidence(evidence)
        .fix(msg!("mail-loop.fix", servers = names))
        .steps([msg!("mail-loop.step-routing"), msg!("mail-loop.step-test")])
        .references(["RFC 5321 §6.3 (loop detection)"])
        .push(acc);
}

#[cfg(test)]
mod tests {
    use crate::diagnostics::test_support::{analyze, with_id};

    fn looping(n: usize) -> String {
        let mut text = String::new();
        for i in 0..n {
            let (a, b) = if i % 2 == 0 { ("mx1", "mx2") } else { ("mx2", "mx1") };
            text.push_str(&format!(
                "Received: from {a}.example.net ({a}.example.net [198.51.100.{}]) by {b}.example.net with ESMTP id L{i}; Mon, 8 Jan 2024 10:00:00 +0000\n",
                1 + i % 2
            ));
        }
        text.push_str("From: alice@example.com\nTo: bob@example.net\nSubject: loop\n");
        text
    }

    #[test]
    fn a_hundred_hops_is_a_loop_and_names_the_servers() {
        assert!(with_id(&analyze(&looping(20)), super::META.id).is_empty());
        let report = analyze(&looping(120));
        let found = with_id(&report, super::META.id);
        assert_eq!(found.len(), 1);
        assert!(found[0].title.contains("120 Received fields"), "{}", found[0].title);
        assert!(
            found[0].detail.contains("mx1.example.net (60), mx2.example.net (60)"),
            "{}",
            found[0].detail
        );
        assert!(found[0].fix.as_ref().unwrap().references[0].starts_with("RFC 5321 §6.3"));
    }
}
