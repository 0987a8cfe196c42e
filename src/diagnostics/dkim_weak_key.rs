//! `dkim-weak-key`: see [`META`] for what it checks, why it matters and the fix.

use crate::catalog::{Msg, Text, msg};
use crate::diagnostics::{Ctx, Meta};
use crate::model::{Finding, FindingId, Owner, Severity};

pub(crate) const META: Meta = Meta {
    id: FindingId::DkimWeakKey,
    severity: Severity::High,
    owner: Owner::SendingOrg,
    what: "An RSA DKIM signature whose length shows a key under 2048 bits (the `b=` value of an RSA signature is as \
         long as the key: 172 base64 characters is 1024 bits, 344 is 2048). High under 1024 bits, which RFC 8301 \
         forbids; 1024 to 2047 bits is only information: allowed, still common and accepted by every receiver.",
    why: "RFC 8301 §3.2: signers MUST use RSA keys of at least 1024 bits and SHOULD use at least 2048; verifiers \
         MUST accept 1024 to 4096 bits and may treat a smaller key as a failed signature. A 1024-bit key is therefore \
         no delivery problem today, only below the recommendation (1024-bit RSA is within reach of well-funded \
         attackers). The key itself is in DNS, so the size read from the signature is likely, not certain.",
    fix: "Generate a 2048-bit key for a new selector, publish it, switch the signer to it, then remove the old key.",
};

/// The RSA key size a signature of `chars` base64 characters implies, rounded to the common sizes.
pub(crate) fn key_bits(chars: usize) -> Option<u32> {
    if chars < 40 {
        return None;
    }
    let bits = (chars as u64 * 6) as f64;
    [512u32, 768, 1024, 1536, 2048, 3072, 4096].into_iter().find(|k| (bits - *k as f64).abs() <= 24.0)
}

pub(crate) fn check(ctx: &Ctx<'_>, acc: &mut Vec<Finding>) {
    // One finding for every weak signature of the message (the page shows one finding per id).
    let mut weak = Vec::new();
    for sig in &ctx.authentication.dkim {
        let rsa = sig.algorithm.as_deref().is_none_or(|a| a.to_ascii_lowercase().starts_with("rsa"));
        let Some(bits) = key_bits(sig.signature_length).filter(|b| *b < 2048) else { continue };
        if rsa {
            weak.push((sig, bits));
        }
    }
    let Some(smallest) = weak.iter().map(|(_, b)| *b).min() else { return };
    let name = |sig: &crate::auth::dkim::DkimSignature| -> (Text, String) {
        (
            match &sig.domain {
                Some(d) => d.into(),
                None => msg!("dkim-weak-key.the-signing-domain").into(),
            },
            sig.selector.clone().unwrap_or_else(|| "<selector>".to_string()),
        )
    };
    let listed: Vec<Msg> = weak
        .iter()
        .map(|(sig, bits)| {
            let (d, s) = name(sig);
            msg!("dkim-weak-key.listed", d, s, signature_length = sig.signature_length, bits)
        })
        .collect();
    let (domain, selector) = name(weak[0].0);
    // Under 1024 bits breaks RFC 8301's MUST and receivers may fail the signature; 1024 meets it and every
    // receiver accepts it (about one signed message in seven carries one in our corpus), so below the SHOULD of
    // 2048 is information, not a finding to act on now.
    let forbidden = smallest < 1024;
    let sev = if forbidden { Severity::High } else { Severity::Info };
    let advice =
        if forbidden { msg!("dkim-weak-key.advice-forbidden") } else { msg!("dkim-weak-key.advice-allowed") };
    let title = if weak.len() == 1 {
        msg!("dkim-weak-key.title-one", domain, selector, smallest, advice)
    } else {
        msg!("dkim-weak-key.title", n = weak.len(), smallest, advice)
    };
    let evidence: Vec<_> = weak
        .iter()
        .filter_map(|(sig, _)| ctx.headers.get(sig.header_index).map(|f| ctx.evidence_for_tag(f, "b")))
        .collect();
    let size_note =
        if forbidden { msg!("dkim-weak-key.note-forbidden") } else { msg!("dkim-weak-key.note-allowed") };
    let hostile = ctx.route.impersonation.is_some();
    let signer = weak[0].0;
    let kind = signer_kind(signer.domain.as_deref(), signer.selector.as_deref());
    let finding = META
        .finding(title, msg!("dkim-weak-key.detail", listed = Text::join_clauses(listed), size_note))
        .likely()
        .evidence(evidence);
    let references = ["RFC 8301 §3.2 (key sizes)", "RFC 6376 §3.3.3 (key sizes)"];
    let finding = match kind {
        // A mailbox provider's or sending service's own domain: only the provider can change its keys, and
        // neither the sender using it nor the recipient has anything to do.
        Signer::Provider => finding
            .append_detail(msg!("dkim-weak-key.provider-note", domain))
            .owner(Owner::Nobody)
            .severity(sev.min(Severity::Low)),
        // Exchange Online signs with keys Microsoft generates and publishes (`*.onmicrosoft.com`, and the
        // selector1/selector2 CNAMEs of a custom domain point there): the tenant changes the size with
        // Rotate-DkimSigningConfig; there is no record to publish.
        // A signing domain that is not on the Internet: no receiver can fetch its key, whatever its size.
        Signer::NotPublic => finding
            .append_detail(msg!("dkim-weak-key.not-public-note", domain))
            .severity(Severity::Info),
        Signer::Microsoft365 => finding
            .fix(msg!("dkim-weak-key.fix", domain))
            .steps([msg!("dkim-weak-key.step-rotate", domain), msg!("dkim-weak-key.step-rotate-wait")])
            .commands([format!("Rotate-DkimSigningConfig -Identity {domain} -KeySize 2048")])
            .verify([Text::raw(format!(
                "Get-DkimSigningConfig -Identity {domain} | Format-List Selector1KeySize,Selector2KeySize,RotateOnDate"
            ))])
            .references(references)
            .references(["Microsoft Learn: How to use DKIM for email in your custom domain (Rotate DKIM keys)"])
            .owner(if hostile { Owner::Nobody } else { META.owner })
            .severity(if hostile { Severity::Info } else { sev }),
        Signer::Own => finding
            .fix(msg!("dkim-weak-key.fix", domain))
            .steps([
                msg!("dkim-weak-key.step-generate", domain),
                msg!("dkim-weak-key.step-publish", domain),
                msg!("dkim-weak-key.step-switch"),
            ])
            .verify([format!("nslookup -type=TXT {selector}._domainkey.{domain}")])
            .references(references)
            .owner(if hostile { Owner::Nobody } else { META.owner })
            .severity(if hostile { Severity::Info } else { sev }),
    };
    finding.push(acc);
}

/// Who holds the signing key, judged from the signing domain and selector.
#[derive(Debug, PartialEq, Eq)]
enum Signer {
    /// A mailbox provider's or sending service's own domain (gmail.com, yahoo.com, sendgrid.net, …).
    Provider,
    /// Exchange Online's keys: a `*.onmicrosoft.com` domain, or the `selector1`/`selector2` pair it uses.
    Microsoft365,
    /// A signing domain that cannot exist on the Internet (`.local`, `.test`, a single label, …).
    NotPublic,
    /// Keys the signing domain's owner generates and publishes.
    Own,
}

fn signer_kind(domain: Option<&str>, selector: Option<&str>) -> Signer {
    let d = domain.unwrap_or("").trim_end_matches('.').to_ascii_lowercase();
    let s = selector.unwrap_or("").to_ascii_lowercase();
    let microsoft_selector =
        ["selector1", "selector2"].iter().any(|p| s == *p || s.starts_with(&format!("{p}-")));
    if !d.is_empty() && !crate::domain::is_routable(&d) {
        Signer::NotPublic
    } else if d == "onmicrosoft.com" || d.ends_with(".onmicrosoft.com") || microsoft_selector {
        Signer::Microsoft365
    } else if !d.is_empty()
        && (crate::net::is_consumer_mailbox_domain(&d) || crate::net::provider_of_host(&d).is_some())
    {
        Signer::Provider
    } else {
        Signer::Own
    }
}

#[cfg(test)]
mod tests {
    use crate::diagnostics::test_support::{analyze, with_id};

    fn signed(b_len: usize) -> String {
        format!(
            "From: a@example.com\nDKIM-Signature: v=1; a=rsa-sha256; d=example.com; s=s1; h=From:Subject; bh=abc=;\n b={}\nSubject: hi\n",
            "A".repeat(b_len)
        )
    }

    #[test]
    fn key_sizes_from_signature_lengths() {
        assert_eq!(super::key_bits(172), Some(1024));
        assert_eq!(super::key_bits(344), Some(2048));
        assert_eq!(super::key_bits(128), Some(768));
        assert_eq!(super::key_bits(86), Some(512));
        assert_eq!(super::key_bits(12), None);
    }

    #[test]
    fn fires_for_a_1024_bit_signature() {
        let report = analyze(&signed(172));
        let found = with_id(&report, super::META.id);
        assert_eq!(found.len(), 1);
        assert!(
            found[0].title.contains("likely 1024 bits (allowed; 2048 is recommended)"),
            "{}",
            found[0].title
        );
        assert_eq!(found[0].confidence, crate::model::Confidence::Likely);
        assert_eq!(
            found[0].severity,
            crate::model::Severity::Info,
            "1024 bits is allowed and accepted everywhere"
        );
        assert!(found[0].evidence[0].text.starts_with("b=AAAA"));
    }

    #[test]
    fn several_weak_signatures_make_one_finding() {
        let two = signed(172).replace("Subject: hi\n", &format!(
            "DKIM-Signature: v=1; a=rsa-sha256; d=esp.example.net; s=k2; h=From; bh=abc=;\n b={}\nSubject: hi\n",
            "B".repeat(128)
        ));
        let report = analyze(&two);
        let found = with_id(&report, super::META.id);
        assert_eq!(found.len(), 1);
        assert!(
            found[0].title.starts_with("2 DKIM keys")
                && found[0].title.contains("smallest 768: RFC 8301 forbids"),
            "{}",
            found[0].title
        );
        assert_eq!(found[0].severity, crate::model::Severity::High, "768 bits breaks RFC 8301's MUST");
        assert_eq!(found[0].evidence.len(), 2);
    }

    #[test]
    fn quiet_for_2048_bits_and_ed25519() {
        assert!(with_id(&analyze(&signed(344)), super::META.id).is_empty());
        let ed = signed(86).replace("a=rsa-sha256", "a=ed25519-sha256");
        assert!(with_id(&analyze(&ed), super::META.id).is_empty());
    }

    #[test]
    fn exchange_online_keys_are_rotated_with_the_cmdlet_never_published_in_dns() {
        let tenant =
            signed(172).replace("d=example.com; s=s1", "d=contoso.onmicrosoft.com; s=selector1-contoso-com");
        let report = analyze(&tenant);
        let found = with_id(&report, super::META.id);
        assert_eq!(found.len(), 1);
        let fix = found[0].fix.as_ref().expect("a fix for the tenant");
        let all = format!("{fix:?}");
        assert!(
            fix.commands
                .iter()
                .any(|c| c == "Rotate-DkimSigningConfig -Identity contoso.onmicrosoft.com -KeySize 2048"),
            "{all}"
        );
        assert!(!all.contains("TXT record at"), "nobody but Microsoft edits onmicrosoft.com: {all}");
        assert_eq!(found[0].owner, crate::model::Owner::SendingOrg);
        // A custom domain signed by Exchange Online (selector1 CNAMEs to Microsoft's key) gets the same fix.
        let custom = signed(172).replace("s=s1", "s=selector2");
        let found = with_id(&analyze(&custom), super::META.id)[0].clone();
        assert!(
            found
                .fix
                .as_ref()
                .unwrap()
                .commands
                .iter()
                .any(|c| c.starts_with("Rotate-DkimSigningConfig -Identity example.com"))
        );
    }

    #[test]
    fn a_providers_own_key_is_nobodys_to_change() {
        let report = analyze(
            &signed(172)
                .replace("d=example.com", "d=yahoo.com")
                .replace("From: a@example.com", "From: a@yahoo.com"),
        );
        let found = with_id(&report, super::META.id);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].owner, crate::model::Owner::Nobody);
        assert!(found[0].fix.is_none(), "no key advice for the provider's users: {:?}", found[0].fix);
        assert!(found[0].detail.contains("the provider's to change"), "{}", found[0].detail);
        let forbidden = analyze(&signed(128).replace("d=example.com", "d=sendgrid.net"));
        let found = with_id(&forbidden, super::META.id);
        assert!(found[0].severity <= crate::model::Severity::Low && found[0].fix.is_none());
    }

    #[test]
    fn an_own_domain_keeps_the_generate_and_publish_steps() {
        let report = analyze(&signed(172));
        let fix = with_id(&report, super::META.id)[0].fix.clone().expect("fix");
        let steps: Vec<String> = fix.steps.iter().map(|t| t.to_string()).collect();
        let steps = steps.join("\n");
        assert!(steps.contains("TXT record at <new selector>._domainkey.example.com"), "{steps}");
    }

    #[test]
    fn a_signing_domain_off_the_internet_gets_no_record_to_publish() {
        let report = analyze(&signed(172).replace("d=example.com", "d=lab.test"));
        let found = with_id(&report, super::META.id);
        assert_eq!(found.len(), 1);
        assert!(found[0].fix.is_none(), "{:?}", found[0].fix);
        assert!(found[0].detail.contains("not on the Internet"), "{}", found[0].detail);
    }
}
