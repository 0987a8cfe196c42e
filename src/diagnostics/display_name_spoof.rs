//! `display-name-spoof`: see [`META`] for what it checks, why it matters and the fix.

use crate::catalog::{Msg, Text, msg};
use crate::diagnostics::meta::FindingBuilder;
use crate::diagnostics::{Ctx, Meta};
use crate::model::{Finding, FindingId, Owner, Severity};

pub(crate) const META: Meta = Meta {
    id: FindingId::DisplayNameSpoof,
    severity: Severity::Medium,
    owner: Owner::Nobody,
    what: "A From, Sender or Reply-To display name looks like an e-mail address, and that address is not the \
         mailbox's real address (`\"security@bank.example.com\" <x@example.net>`); or the From display name claims a \
         well-known brand or sending service (`crate::net::BRANDS`: `\"Mailgun Team\" <info@example.net>`) on an \
         address outside that brand's domains, which the route reads as likely impersonation. Conservative: an \
         address whose organisational domain has a label containing the brand's name (`sns.amazonaws.com`, \
         `dhl-news.com`) may be the brand's own, and names that are common words, surnames or products tenants send \
         under their own domains (Ledger, Schwab, SharePoint) claim nothing. Also the root of a message the route \
         reads as likely hostile when its Reply-To sends answers to an organisation unrelated to the From domain \
         (one supporting sign, never enough alone; not on list mail, nor when the envelope sender, Sender, a DKIM \
         signer or the From display name is at the Reply-To's domain) and no authentication or filter verdict \
         leads the report.",
    why: "Many mail programs show only the display name, so the reader sees a trusted address while replies and \
         authentication concern another one. It is a common impersonation trick; DMARC does not look at display \
         names.",
    fix: "Judge the message by the real address in angle brackets, not by the display name. On a claimed brand, the \
         recipient's side treats the message as likely phishing and blocks and reports it; nothing changes at the \
         sending domain. With replies going elsewhere, do not reply; block replies to that address and report it.",
};

use crate::route::display_name_address as address_in;

/// Pushes a brand or Reply-To finding, its detail extended with the addresses display names show (`hits`:
/// header, shown name, address), when there are any.
fn push_with_addresses(
    mut finding: FindingBuilder,
    hits: &[(&'static str, String, String)],
    acc: &mut Vec<Finding>,
) {
    if !hits.is_empty() {
        let listed: Vec<Msg> =
            hits.iter().map(|(h, s, a)| msg!("display-name-spoof.listed", h, s, a)).collect();
        finding = finding
            .append_detail(msg!("display-name-spoof.detail-also", listed = Text::join_clauses(listed)));
    }
    finding.push(acc);
}

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
    // A From display name claiming a well-known brand on an address outside its domains (the route's likely
    // impersonation reading, see `crate::route::Impersonation::brand`): the root of the report, for the recipient.
    if let Some(hostile) = ctx.route.impersonation.as_ref()
        && let Some(brand) = hostile.brand
        && let Some(from) = ctx.summary.from.iter().find(|m| m.address.is_some())
    {
        let (name, address) =
            (from.name.clone().unwrap_or_default(), from.address.clone().unwrap_or_default());
        let from_domain = hostile.from_domain.clone();
        let finding = META
            .finding(
                msg!("display-name-spoof.title-brand", brand, address),
                if name.trim().eq_ignore_ascii_case(brand) {
                    msg!("display-name-spoof.detail-brand-name", brand, address, from_domain)
                } else {
                    msg!("display-name-spoof.detail-brand", name, brand, address, from_domain)
                },
            )
            .likely()
            .owner(Owner::ReceivingOrg)
            .evidence(ctx.field("From").map(|f| ctx.evidence_for(f, &name)))
            .fix(msg!("display-name-spoof.fix-brand", brand))
            .steps([
                msg!("recipient.step-report"),
                msg!("display-name-spoof.step-brand-admins", address, brand),
                msg!("display-name-spoof.step-brand-nothing", from_domain),
            ]);
        push_with_addresses(finding, &hits, acc);
        return;
    }
    // Replies going to an organisation unrelated to the From domain, one of the route's signs of a likely hostile
    // message: the root of the report when no authentication or filter verdict leads it (those findings run
    // first and carry the recipient's advice themselves).
    let leads = [FindingId::DmarcFail, FindingId::CompauthFail, FindingId::EopSpamVerdict];
    if let Some(hostile) = ctx.route.impersonation.as_ref()
        && let Some(reply) = hostile.reply_to.clone()
        && !acc.iter().any(|f| leads.contains(&f.id))
    {
        let from_domain = hostile.from_domain.clone();
        let finding = META
            .finding(
                msg!("display-name-spoof.title-reply", reply, from_domain),
                msg!("display-name-spoof.detail-reply", reply, from_domain),
            )
            .likely()
            .owner(Owner::ReceivingOrg)
            .evidence(ctx.field("Reply-To").map(|f| ctx.evidence_for(f, &reply)))
            .evidence(ctx.field("From").map(|f| ctx.evidence(f)))
            .fix(msg!("display-name-spoof.fix-reply", from_domain))
            .steps([
                msg!("recipient.step-report"),
                msg!("display-name-spoof.step-reply-admins", reply),
                msg!("recipient.step-nothing", from_domain),
            ]);
        push_with_addresses(finding, &hits, acc);
        return;
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

    const BRAND: &str = "Received: from web.example.net (web.example.net [192.0.2.25]) by mx.example.org with ESMTPS id 1; Tue, 04 Aug 2026 11:00:01 +0200\n\
        Authentication-Results: mx.example.org; spf=pass smtp.mailfrom=example.net; dkim=pass header.d=example.net; dmarc=none header.from=example.net\n\
        From: Mailgun Team <info@example.net>\nTo: user@example.org\nSubject: API key created\n\
        Date: Tue, 04 Aug 2026 11:00:00 +0200\nMessage-ID: <1@example.net>\n";

    #[test]
    fn a_brand_claimed_from_a_domain_not_its_own_is_for_the_recipient() {
        let report = analyze(BRAND);
        let found = with_id(&report, super::META.id);
        assert_eq!(found.len(), 1);
        let f = found[0];
        assert_eq!(f.owner, crate::model::Owner::ReceivingOrg);
        assert_eq!(
            f.title,
            "From display name claims to be Mailgun, but the address info@example.net is not Mailgun's"
        );
        let fix = f.fix.as_ref().expect("a fix for the recipient");
        assert!(
            fix.steps.iter().any(|s| s.contains("Nothing in example.net's DNS or servers needs to change"))
        );
        assert_eq!(report.route.impersonation.as_ref().and_then(|i| i.brand), Some("Mailgun"));
        // The name alone is the brand: the sign does not repeat it.
        let bare = analyze(&BRAND.replace("Mailgun Team <info@example.net>", "PayPal <service@example.net>"));
        let sign = bare.route.impersonation.as_ref().map(|i| i.evidence[0].render(crate::catalog::Lang::En));
        assert_eq!(
            sign.as_deref(),
            Some("its From display name is PayPal, but the address is at example.net, which is not PayPal's")
        );
        // Sent as list mail through a sending service, it is the same claim.
        let listed = analyze(&format!(
            "{BRAND}List-Id: <news.example.net>\nList-Unsubscribe: <mailto:u@example.net>\n"
        ));
        assert!(listed.route.redistributed());
        assert_eq!(with_id(&listed, super::META.id).len(), 1);
        // No finding tells example.net's owner to change anything.
        for f in &report.findings {
            assert_ne!(f.owner, crate::model::Owner::SendingOrg, "{}", f.title);
        }
    }

    /// A bank's From address sent from a rented server, no DKIM, no DMARC result, and replies going to a free
    /// mailbox: likely impersonation, whose advice is the recipient's.
    const REPLY_ELSEWHERE: &str = "Return-Path: <www-data@vps1.example.com>\n\
        Authentication-Results: mx.example.org; spf=none smtp.mailfrom=vps1.example.com\n\
        Received: from vps1.example.com (vps1.example.com [198.51.100.20]) by mx.example.org with ESMTPS id 2; Mon, 8 Jan 2024 10:00:02 +0000\n\
        Received: from localhost (localhost [127.0.0.1]) by vps1.example.com with ESMTP id 1; Mon, 8 Jan 2024 10:00:01 +0000\n\
        From: alerts@example.net\nReply-To: payments.desk@gmail.com\nTo: user@example.org\nSubject: Transfer\n\
        Date: Mon, 8 Jan 2024 10:00:00 +0000\nMessage-ID: <1@vps1.example.com>\n";

    #[test]
    fn replies_to_an_unrelated_mailbox_on_unauthenticated_mail_are_for_the_recipient() {
        let report = analyze(REPLY_ELSEWHERE);
        let hostile = report.route.impersonation.as_ref().expect("likely impersonation");
        assert!(hostile.spoofed);
        assert_eq!(hostile.reply_to.as_deref(), Some("payments.desk@gmail.com"));
        let found = with_id(&report, super::META.id);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].owner, crate::model::Owner::ReceivingOrg);
        assert_eq!(
            found[0].title,
            "Replies go to payments.desk@gmail.com, unrelated to the From domain example.net: likely impersonation"
        );
        // No advice to example.net's owner or to the rented server's: SPF, alignment and DKIM are listed under it.
        for f in &report.findings {
            assert_ne!(f.owner, crate::model::Owner::SendingOrg, "{}", f.title);
            if f.id != super::META.id && f.fix.is_some() {
                assert!(f.fix.as_ref().is_some_and(|x| !x.summary.contains("SPF")), "{}", f.title);
            }
        }
        for id in [
            crate::model::FindingId::SpfNotPass,
            crate::model::FindingId::DmarcSpfUnaligned,
            crate::model::FindingId::DmarcDkimUnaligned,
        ] {
            let f = with_id(&report, id);
            assert!(f.iter().all(|f| f.caused_by == Some(super::META.id) && f.fix.is_none()), "{id:?}");
        }
    }

    #[test]
    fn a_reply_to_elsewhere_is_a_supporting_sign_only() {
        // Authenticated mail from the From domain with replies to another domain (a newsletter, a helpdesk): no
        // reading.
        let signed = REPLY_ELSEWHERE
            .replace("spf=none smtp.mailfrom=vps1.example.com", "spf=pass smtp.mailfrom=example.net; dkim=pass header.d=example.net; dmarc=pass header.from=example.net")
            .replace("www-data@vps1.example.com", "bounces@example.net");
        let report = analyze(&signed);
        assert!(report.route.impersonation.is_none());
        assert!(with_id(&report, super::META.id).is_empty());
        // List mail sets Reply-To to the list: never a sign.
        let listed = analyze(&format!("{REPLY_ELSEWHERE}List-Id: <talk.example.com>\n"));
        assert!(listed.route.impersonation.is_none());
        // A service answering for its customer signs for the customer: replies there are tied to the message.
        let helpdesk = REPLY_ELSEWHERE.replace("payments.desk@gmail.com", "support@example.com").replace(
            "Return-Path:",
            "DKIM-Signature: v=1; a=rsa-sha256; d=example.com; s=s1; h=from; bh=x; b=y\nReturn-Path:",
        );
        assert!(analyze(&helpdesk).route.impersonation.is_none());
    }

    #[test]
    fn quiet_for_a_brand_on_its_own_domain_and_for_other_names() {
        for from in [
            "Mailgun Team <team@mailgun.com>",
            "\"Facebook\" <notification@facebookmail.com>",
            "Apple Valley Dental <info@example.net>",
            "Jane Doe via Google Docs <jane@example.net>",
        ] {
            let report = analyze(&BRAND.replace("Mailgun Team <info@example.net>", from));
            assert!(with_id(&report, super::META.id).is_empty(), "{from}");
            assert!(report.route.impersonation.is_none(), "{from}");
        }
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
