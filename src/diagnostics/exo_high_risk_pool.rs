//! `exo-high-risk-pool`: see [`META`] for what it checks, why it matters and the fix.

use crate::catalog::{Text, msg};
use crate::diagnostics::{Ctx, Meta};
use crate::microsoft::AntispamReport;
use crate::model::{Finding, FindingId, Owner, Severity};

pub(crate) const META: Meta = Meta {
    id: FindingId::ExoHighRiskPool,
    severity: Severity::High,
    owner: Owner::SendingOrg,
    what: "A Microsoft 365 outbound stamp (any X-Forefront-Antispam-Report, including `-Untrusted` copies, which is \
          where the sender's outbound scan usually survives) shows `SFP:1501` or `SFP:1023`, or an outbound \
          (`DIR:OUT`) spam verdict (`SFV:SPM` or `CAT:OSPM`).",
    why: "Microsoft documents that outbound mail it judges as spam, and \"messages where the source email domain \
         has no A record and no MX record\", are \"always routed through the high-risk delivery pool\"; that pool's \
         IPs have a poorer reputation, so receivers junk or reject more of its mail. `SFP` is undocumented: \
         community write-ups read 1501 as the enterprise high-risk pool and 1023 as the high-risk relay pool, so \
         the finding says \"likely\".",
    fix: "Make sure the envelope sender's domain resolves (MX or A record), and if the scan said spam, check the \
         sending account for compromise.",
};

const HIGH_RISK_SFP: &[&str] = &["1501", "1023"];

pub(crate) fn check(ctx: &Ctx<'_>, acc: &mut Vec<Finding>) {
    let ms = ctx.microsoft;
    let reports: Vec<&AntispamReport> =
        [ms.report.as_ref(), ms.upstream_report.as_ref()].into_iter().flatten().collect();
    let mut evidence = Vec::new();
    let mut reasons = Vec::new();
    for report in reports {
        let outbound = report.dir.as_deref().is_some_and(|d| d.eq_ignore_ascii_case("OUT"));
        // "the outbound stamp", capitalised when it starts the detail.
        let which = |first: bool| match (report.upstream, first) {
            (true, false) => msg!("exo-high-risk-pool.untrusted-stamp"),
            (true, true) => msg!("exo-high-risk-pool.untrusted-stamp-start"),
            (false, false) => msg!("exo-high-risk-pool.outbound-stamp"),
            (false, true) => msg!("exo-high-risk-pool.outbound-stamp-start"),
        };
        if let Some(sfp) = report.sfp.as_deref().filter(|s| HIGH_RISK_SFP.contains(s)) {
            if let Some(f) = ms.entry(report, "SFP") {
                evidence.push(ctx.ms_evidence(f));
            }
            let pool = if sfp == "1501" {
                msg!("exo-high-risk-pool.delivery-pool")
            } else {
                msg!("exo-high-risk-pool.relay-pool")
            };
            reasons.push(msg!("exo-high-risk-pool.reason-sfp", which = which(reasons.is_empty()), sfp, pool));
        }
        let spam_sfv = report.sfv.as_deref().is_some_and(|v| v.eq_ignore_ascii_case("SPM"));
        let ospm = report.cat.as_deref().is_some_and(|v| v.eq_ignore_ascii_case("OSPM"));
        if outbound && (spam_sfv || ospm) {
            for key in ["SFV", "CAT"] {
                let hit = match key {
                    "SFV" => spam_sfv,
                    _ => ospm,
                };
                if let Some(f) = ms.entry(report, key).filter(|_| hit) {
                    evidence.push(ctx.ms_evidence(f));
                }
            }
            reasons.push(msg!("exo-high-risk-pool.reason-spam", which = which(reasons.is_empty())));
        }
    }
    if reasons.is_empty() {
        return;
    }
    // Exchange Online sends every non-delivery report through the high-risk pool by design ("Outbound delivery
    // pools"): on an NDR that says nothing about the tenant.
    if ctx.route.bounce.as_ref().is_some_and(|b| b.exchange_online || b.null_sender) {
        return;
    }
    let envelope = ctx.summary.return_path.first().and_then(|r| r.address.clone());
    let from = ctx.summary.from.first().and_then(|m| m.address.clone());
    let domain = envelope
        .as_deref()
        .or(from.as_deref())
        .and_then(|a| a.rsplit_once('@'))
        .map(|(_, d)| d.trim_end_matches('>').to_string());
    let sender: Text =
        from.clone().map(Text::raw).unwrap_or_else(|| msg!("exo-high-risk-pool.the-sender").into());
    let mut steps = Vec::new();
    let mut commands = Vec::new();
    if let Some(d) = &domain {
        steps.push(msg!("exo-high-risk-pool.step-mx", d));
        commands.push(format!("Resolve-DnsName -Name {d} -Type MX"));
        commands.push(format!("Resolve-DnsName -Name {d} -Type A"));
    }
    steps.push(msg!("exo-high-risk-pool.step-compromise", sender));
    commands.push("Get-BlockedSenderAddress".to_string());
    META.finding(
        msg!("exo-high-risk-pool.title"),
        msg!("exo-high-risk-pool.detail", reasons = Text::join_clauses(reasons)),
    )
    .likely()
    .evidence(evidence)
    .fix(msg!("exo-high-risk-pool.fix"))
    .steps(steps)
    .commands(commands)
    .verify([msg!("exo-high-risk-pool.verify")])
    .references(["Outbound delivery pools", "Outbound spam protection in EOP"])
    .push(acc);
}

#[cfg(test)]
mod tests {
    use crate::diagnostics::test_support::{analyze, with_id};
    use crate::model::Confidence;

    #[test]
    fn fires_on_sfp_1501_in_an_untrusted_stamp() {
        let text = "Return-Path: <bounce@lists.example.org>\nFrom: a@example.org\n\
            X-Forefront-Antispam-Report-Untrusted: CIP:198.51.100.8;CTRY:US;SCL:1;SFV:NSPM;DIR:OUT;SFP:1501;\n";
        let report = analyze(text);
        let found = with_id(&report, super::META.id);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].confidence, Confidence::Likely);
        assert_eq!(found[0].evidence[0].text, "SFP:1501");
        assert!(found[0].detail.starts_with("The earlier (-Untrusted) outbound stamp shows SFP:1501"));
        assert_eq!(
            found[0].fix.as_ref().unwrap().commands[0],
            "Resolve-DnsName -Name lists.example.org -Type MX"
        );
    }

    #[test]
    fn fires_on_outbound_spam() {
        let report = analyze(
            "From: a@example.com\nX-Forefront-Antispam-Report: SCL:5;SFV:SPM;CAT:OSPM;DIR:OUT;SFP:1101;\n",
        );
        let found = with_id(&report, super::META.id);
        assert_eq!(found[0].evidence.len(), 2);
        assert!(found[0].detail.contains("outbound spam"));
    }

    #[test]
    fn quiet_on_normal_pool_and_inbound_spam() {
        let normal = analyze("X-Forefront-Antispam-Report: SCL:1;SFV:NSPM;DIR:OUT;SFP:1101;\n");
        assert!(with_id(&normal, super::META.id).is_empty());
        let inbound = analyze("X-Forefront-Antispam-Report: SCL:5;SFV:SPM;CAT:SPM;DIR:INB;SFP:;\n");
        assert!(with_id(&inbound, super::META.id).is_empty());
    }
}
