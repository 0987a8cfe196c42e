//! `dkim-tenant-default`: see [`META`] for what it checks, why it matters and the fix.

use crate::catalog::{Text, msg};
use crate::diagnostics::{Ctx, Meta};
use crate::domain;
use crate::model::{Finding, FindingId, Owner, Severity};

pub(crate) const META: Meta = Meta {
    id: FindingId::DkimTenantDefault,
    severity: Severity::High,
    owner: Owner::SendingOrg,
    what: "Every DKIM-Signature on the message is by a `*.onmicrosoft.com` domain, while the From address uses a custom \
          domain. That is Exchange Online signing with the tenant's initial domain because DKIM was never enabled for \
          the custom domain.",
    why: "DMARC needs a passing DKIM signature whose `d=` is aligned with the From domain (RFC 7489 §3.1.1); \
         `contoso.onmicrosoft.com` is never aligned with `contoso.com`. DMARC then depends on SPF alone, which fails \
         whenever the message is forwarded or relayed, so such mail is junked or rejected at receivers that enforce \
         the domain's DMARC policy.",
    fix: "Enable DKIM for the custom domain in Exchange Online (`New-DkimSigningConfig` or `Set-DkimSigningConfig … \
         -Enabled $true`) after publishing the two selector CNAME records that point at the tenant's keys.",
};

fn is_tenant_domain(d: &str) -> bool {
    let d = d.trim_end_matches('.').to_ascii_lowercase();
    d.ends_with(".onmicrosoft.com")
}

pub(crate) fn check(ctx: &Ctx<'_>, acc: &mut Vec<Finding>) {
    // Judge the sending organisation's signatures only: one a list, forwarder or the receiver added downstream
    // (d= in its own domain) does not change what the sender signed with.
    let downstream: Vec<&str> = ctx
        .route
        .domains
        .iter()
        .filter(|d| !d.role.is_sender_side() && d.provider.is_none())
        .map(|d| d.name.as_str())
        .collect();
    let sigs: Vec<_> = ctx
        .authentication
        .dkim
        .iter()
        .filter(|s| {
            let site = s.domain.as_deref().and_then(crate::auth::receiver::site);
            !site.is_some_and(|site| downstream.contains(&site.as_str()))
        })
        .collect();
    if sigs.is_empty() || !sigs.iter().all(|s| s.domain.as_deref().is_some_and(is_tenant_domain)) {
        return;
    }
    let Some((from_field, from_domain)) = ctx.field("From").and_then(|f| {
        let d = ctx.summary.from.iter().find_map(|m| m.address.as_deref().and_then(domain::domain_of))?;
        Some((f, d.to_ascii_lowercase()))
    }) else {
        return;
    };
    if is_tenant_domain(&from_domain) {
        return;
    }
    let sig = sigs[0];
    let tenant = sig.domain.clone().unwrap_or_default().to_ascii_lowercase();
    let dashed = from_domain.replace('.', "-");
    let mut evidence = Vec::new();
    if let Some(field) = ctx.headers.get(sig.header_index) {
        evidence.push(ctx.evidence_for_tag(field, "d"));
    }
    let from_text = ctx.source.text(from_field.value_span);
    evidence.push(match from_domain_as_written(from_text, &from_domain) {
        Some((s, e)) => {
            let start = from_field.value_span.start();
            ctx.evidence_at(from_field, crate::model::Span::new(start + s, start + e))
        }
        None => ctx.evidence_at(from_field, from_field.value_span),
    });
    let receiver_note = sig.receiver_result.as_deref().map(|r| msg!("dkim-tenant-default.receiver-note", r));
    META.finding(
        msg!("dkim-tenant-default.title", tenant, from_domain),
        msg!("dkim-tenant-default.detail", tenant, from_domain, receiver_note),
    )
    .evidence(evidence)
    .fix(msg!("dkim-tenant-default.fix", from_domain))
    .steps([
        msg!("dkim-tenant-default.step-cname1", from_domain, dashed, tenant),
        msg!("dkim-tenant-default.step-cname2", from_domain, dashed, tenant),
        msg!("dkim-tenant-default.step-other-targets", from_domain),
        msg!("dkim-tenant-default.step-enable", from_domain),
    ])
    .commands([
        format!("New-DkimSigningConfig -DomainName {from_domain} -Enabled $false"),
        format!("Set-DkimSigningConfig -Identity {from_domain} -Enabled $true"),
    ])
    .verify([
        Text::raw(format!("Get-DkimSigningConfig -Identity {from_domain} | Format-List Enabled,Status,Selector1CNAME,Selector2CNAME")),
        Text::raw(format!("dig +short CNAME selector1._domainkey.{from_domain}")),
        msg!("dkim-tenant-default.verify-new-message", from_domain).into(),
    ])
    .alternatives([
        msg!("dkim-tenant-default.verify-portal"),
    ])
    .references([
        "Microsoft Learn: How to use DKIM for email in your custom domain",
        "RFC 7489 §3.1.1 DKIM-Authenticated Identifiers",
    ])
    .push(acc);
}

/// Where the From domain sits in the From value as written (any case), as a byte range.
fn from_domain_as_written(from_value: &str, lower: &str) -> Option<(usize, usize)> {
    let i = from_value.to_ascii_lowercase().rfind(lower)?;
    Some((i, i + lower.len()))
}

#[cfg(test)]
mod tests {
    use crate::diagnostics::test_support::{analyze, with_id};

    const SIG: &str = "DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=wordfish.onmicrosoft.com; s=selector1-wordfish-onmicrosoft-com; h=From:Date:Subject:Message-ID; bh=abc=; b=Zm9vYmFy\n";

    #[test]
    fn fires_with_commands_and_cnames_filled_in() {
        let report =
            analyze(&format!("{SIG}From: Application Mailbox <Application.Mailbox@Wordfish.co.uk>\n"));
        let found = with_id(&report, super::META.id);
        assert_eq!(found.len(), 1);
        let f = found[0];
        assert_eq!(f.evidence[0].text, "d=wordfish.onmicrosoft.com");
        assert_eq!(f.evidence[1].text, "Wordfish.co.uk");
        let fix = f.fix.as_ref().expect("fix");
        assert_eq!(
            fix.commands,
            [
                "New-DkimSigningConfig -DomainName wordfish.co.uk -Enabled $false",
                "Set-DkimSigningConfig -Identity wordfish.co.uk -Enabled $true"
            ]
        );
        assert_eq!(
            fix.steps[0],
            "In the DNS of wordfish.co.uk, publish: selector1._domainkey.wordfish.co.uk CNAME selector1-wordfish-co-uk._domainkey.wordfish.onmicrosoft.com"
        );
    }

    #[test]
    fn quiet_with_a_custom_domain_signature_or_a_tenant_from() {
        let custom = analyze(&format!(
            "DKIM-Signature: v=1; a=rsa-sha256; d=wordfish.co.uk; s=selector1; h=From; bh=a; b=b\n{SIG}From: a@wordfish.co.uk\n"
        ));
        assert!(with_id(&custom, super::META.id).is_empty());
        let tenant = analyze(&format!("{SIG}From: a@wordfish.onmicrosoft.com\n"));
        assert!(with_id(&tenant, super::META.id).is_empty());
    }
}
