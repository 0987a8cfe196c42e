//! `exo-high-risk-pool`: see [`META`] for what it checks, why it matters and the fix.

use crate::diagnostics::{Ctx, Meta};
use crate::microsoft::AntispamReport;
use crate::model::{Finding, FindingId, Owner, Severity};
use crate::words::capitalise;

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
        let which =
            if report.upstream { "the earlier (-Untrusted) outbound stamp" } else { "the outbound stamp" };
        if let Some(sfp) = report.sfp.as_deref().filter(|s| HIGH_RISK_SFP.contains(s)) {
            if let Some(f) = ms.entry(report, "SFP") {
                evidence.push(ctx.ms_evidence(f));
            }
            let pool = if sfp == "1501" { "the high-risk delivery pool" } else { "the high-risk relay pool" };
            reasons.push(format!(
                "{which} shows SFP:{sfp}, an undocumented code that community write-ups read as {pool}"
            ));
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
            reasons.push(format!("{which} classified the message as outbound spam"));
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
    let sender = from.clone().unwrap_or_else(|| "the sender".to_string());
    let mut steps = Vec::new();
    let mut commands = Vec::new();
    if let Some(d) = &domain {
        steps.push(format!(
            "Check that the envelope sender's domain {d} has an MX or A record in public DNS; Microsoft always routes mail from domains with neither through the high-risk pool."
        ));
        commands.push(format!("Resolve-DnsName -Name {d} -Type MX"));
        commands.push(format!("Resolve-DnsName -Name {d} -Type A"));
    }
    steps.push(format!(
        "If the outbound scan said spam, check {sender} for compromise (sign-in logs, inbox rules, forwarding) and Microsoft Defender portal > Review > Restricted entities."
    ));
    commands.push("Get-BlockedSenderAddress".to_string());
    META.finding(
        "Likely sent through Microsoft 365's high-risk delivery pool".to_string(),
        format!(
            "{}. Microsoft documents that outbound mail it judges as spam, and \"messages where the source email \
             domain has no A record and no MX record\", are \"always routed through the high-risk delivery pool\". \
             That pool's IP addresses have a poorer reputation, so receivers are more likely to junk or reject the \
             message.",
            capitalise(&reasons.join("; "))
        ),
    )
    .likely()
    .evidence(evidence)
    .fix("Find out why Exchange Online treated the outbound message as risky".to_string())
    .steps(steps)
    .commands(commands)
    .verify(["A new message's outbound stamp shows SFV:NSPM and an SFP other than 1501/1023."])
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
