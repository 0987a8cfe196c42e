//! `dkim-weak-key`: see [`META`] for what it checks, why it matters and the fix.

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
    let name = |sig: &crate::auth::dkim::DkimSignature| {
        (
            sig.domain.clone().unwrap_or_else(|| "the signing domain".to_string()),
            sig.selector.clone().unwrap_or_else(|| "<selector>".to_string()),
        )
    };
    let listed: Vec<String> = weak
        .iter()
        .map(|(sig, bits)| {
            let (d, s) = name(sig);
            format!("{d} (s={s}): {} base64 characters, likely {bits} bits", sig.signature_length)
        })
        .collect();
    let (domain, selector) = name(weak[0].0);
    // Under 1024 bits breaks RFC 8301's MUST and receivers may fail the signature; 1024 meets it and every
    // receiver accepts it (about one signed message in seven carries one in our corpus), so below the SHOULD of
    // 2048 is information, not a finding to act on now.
    let forbidden = smallest < 1024;
    let sev = if forbidden { Severity::High } else { Severity::Info };
    let advice =
        if forbidden { "RFC 8301 forbids keys under 1024 bits" } else { "allowed; 2048 is recommended" };
    let title = if weak.len() == 1 {
        format!("DKIM key of {domain} (selector {selector}) is likely {smallest} bits ({advice})")
    } else {
        format!("{} DKIM keys are likely under 2048 bits (the smallest {smallest}: {advice})", weak.len())
    };
    let evidence: Vec<_> = weak
        .iter()
        .filter_map(|(sig, _)| ctx.headers.get(sig.header_index).map(|f| ctx.evidence_for_tag(f, "b")))
        .collect();
    META.finding(
        title,
        format!(
            "An RSA signature is as long as its key: {}. {} The key itself is published in DNS at \
             <selector>._domainkey.<domain>, so the size is read indirectly (likely).",
            listed.join("; "),
            if forbidden {
                "Under 1024 bits RFC 8301 forbids the key and receivers may treat the signature as failing."
            } else {
                "1024 bits meets RFC 8301's minimum and receivers accept it; 2048 is what RFC 8301 recommends and \
                 what a key should have at its next rotation."
            }
        ),
    )
    .likely()
    .evidence(evidence)
    .fix(format!("Move {domain}'s DKIM signing to a 2048-bit key"))
    .steps([
        format!("Generate a 2048-bit RSA key pair for a new selector of {domain} (in the sending service's DKIM settings)."),
        format!("Publish the new public key as a TXT record at <new selector>._domainkey.{domain}."),
        "Switch the signer to the new selector, then remove the old key after a few days.".to_string(),
    ])
    .verify([format!("nslookup -type=TXT {selector}._domainkey.{domain}")])
    .references(["RFC 8301 §3.2 (key sizes)", "RFC 6376 §3.3.3 (key sizes)"])
    .owner(if ctx.route.impersonation.is_some() { Owner::Nobody } else { META.owner })
    .severity(if ctx.route.impersonation.is_some() { Severity::Info } else { sev })
    .push(acc);
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
}
