//! `clock-skew`: see [`META`] for what it checks, why it matters and the fix.

use crate::catalog::msg;
use crate::diagnostics::hop_facts::{by_name, hop_evidence, is_exchange_stamp};
use crate::diagnostics::timeline::{Anomaly, anomalies, blame_by_neighbours, looks_like_zone_error};
use crate::diagnostics::{Ctx, Meta};
use crate::model::{Confidence, Finding, FindingId, Fix, Hop, Owner, Severity};
use crate::words::duration;

pub(crate) const META: Meta = Meta {
    id: FindingId::ClockSkew,
    severity: Severity::Medium,
    owner: Owner::SendingOrg,
    what: "Time goes backwards between two consecutive dated hops by more than two seconds (a minute more when \
          either stamp is written without seconds, `HH:MM`, which stands for any moment of that minute; Low; \
          Medium beyond two minutes), or one hop's stamp is out of line with both neighbours, when the gap is not a whole number of \
          half hours (that is `tz-misconfig`). Names both hosts, and the likely culprit when the neighbours or the \
          Date header can tell. Its owner runs that clock, as the route reads the culprit hop's server \
          (receiving organisation, intermediary or sending organisation). A shared provider's server (Exchange \
          Online, Gmail, …) keeps its own clock: as the culprit, the finding is nobody's with no fix, and under a \
          minute between one provider's own servers it is no finding; when the neighbours cannot tell and only \
          the later server is a provider's, the earlier clock is the likely one off; NTP advice never names a \
          provider's server.",
    why: "A message cannot reach a server before the previous one sent it, so one of the clocks is wrong. Wrong \
         clocks make delays unreadable, break time-limited checks (DKIM `x=`, TLS certificates, Kerberos on \
         Exchange) and confuse log correlation.",
    fix: "Check time synchronisation (NTP) on the named host.",
};

/// Beyond this many seconds backwards, Medium.
const MEDIUM_SECONDS: f64 = 120.0;

/// The shared provider that runs the server which stamped `hop` (its `by` host's name; for a `by` written as an
/// address, the provider the route attributes the hop to, as Gmail's internal `by 2002:…` stamps): its clock is
/// the provider's to keep, never something a reader of the headers can check or change.
fn provider_of(ctx: &Ctx<'_>, hop: &Hop) -> Option<&'static str> {
    match hop.by.as_deref() {
        Some(by) if !crate::net::is_ip_text(by) => crate::net::provider_running(by).map(|p| p.name),
        _ => ctx.route.domain_of(hop.index).and_then(|d| d.provider),
    }
}

pub(crate) fn check(ctx: &Ctx<'_>, acc: &mut Vec<Finding>) {
    for anomaly in anomalies(ctx.hops) {
        let at = |h: &Hop| h.timestamp.clone().unwrap_or_else(|| "?".to_string());
        let (severity, confidence, title, detail, culprit, others, shown, seconds_off): (
            _,
            _,
            _,
            _,
            Hop,
            Option<Hop>,
            Vec<&Hop>,
            f64,
        ) = match anomaly {
            Anomaly::Backwards { prev, hop, seconds } if !looks_like_zone_error(seconds) => {
                let (a, b) = (by_name(prev), by_name(hop));
                let back = duration(-seconds);
                // The neighbours cannot tell, and only the later server is a shared provider's, which keeps its
                // clocks in time: the earlier one's is the likely one off.
                let provider_later = provider_of(ctx, hop).filter(|_| provider_of(ctx, prev).is_none());
                let (culprit, other, blame_text, confidence) = match blame_by_neighbours(ctx.hops, prev, hop)
                {
                    Some(true) => {
                        (hop, Some(prev), Some(msg!("clock-skew.neighbours-agree", a, b)), Confidence::Likely)
                    }
                    Some(false) => {
                        (prev, Some(hop), Some(msg!("clock-skew.next-agrees", b, a)), Confidence::Likely)
                    }
                    None => match provider_later {
                        Some(provider) => (
                            prev,
                            Some(hop),
                            Some(msg!("clock-skew.provider-agrees", b, provider, a)),
                            Confidence::Likely,
                        ),
                        None => (hop, Some(prev), None, Confidence::Certain),
                    },
                };
                (
                    grade(-seconds, ctx, &[prev, hop]),
                    confidence,
                    msg!("clock-skew.title-back", back, a, b),
                    msg!(
                        "clock-skew.detail-back",
                        a,
                        a_hop = prev.index,
                        a_at = at(prev),
                        b,
                        b_hop = hop.index,
                        b_at = at(hop),
                        back,
                        blame = blame_text
                    ),
                    culprit.clone(),
                    other.cloned(),
                    vec![prev, hop],
                    -seconds,
                )
            }
            Anomaly::OddStamp { before, hop, after, error } if !looks_like_zone_error(error) => {
                let h = by_name(hop);
                let off = duration(error.abs());
                let way = if error < 0.0 { msg!("clock-skew.behind") } else { msg!("clock-skew.ahead") };
                (
                    grade(error.abs(), ctx, &[before, hop, after]),
                    Confidence::Likely,
                    msg!("clock-skew.title-one", h, off, way),
                    msg!(
                        "clock-skew.detail-one",
                        index = hop.index,
                        h,
                        h_at = at(hop),
                        before = by_name(before),
                        before_at = at(before),
                        after = by_name(after),
                        after_at = at(after),
                        off,
                        way
                    ),
                    hop.clone(),
                    None,
                    vec![before, hop, after],
                    error.abs(),
                )
            }
            _ => continue,
        };
        // A shared provider's server (Exchange Online, Gmail, …) keeps its own clock: a few seconds between its
        // own servers are not worth anyone's time, and whatever the gap, nobody reading the headers can check
        // or change that clock.
        let provider = provider_of(ctx, &culprit);
        if provider.is_some()
            && seconds_off < INFO_SECONDS
            && shown.iter().all(|h| provider_of(ctx, h) == provider)
        {
            continue;
        }
        let evidence = shown.iter().filter_map(|h| hop_evidence(ctx, h, h.date_raw.as_deref()));
        // The fix checks the clock of the server that stamped the culprit hop: whoever runs it, as the route
        // reads that hop (the receiving organisation's own server, an intermediary's relay, the sender's).
        // Without a route role for it, the sender's side, as before.
        let owner = ctx.route.role_of(culprit.index).map_or(META.owner, crate::route::Role::owner);
        let finding =
            META.finding(title, detail).severity(severity).confidence(confidence).evidence(evidence);
        match provider {
            Some(provider) => finding
                .owner(Owner::Nobody)
                .append_detail(msg!("clock-skew.provider", host = by_name(&culprit), provider))
                .with_fix(None),
            // Never "and on <a provider's server>": that clock is not the reader's to check either.
            None => finding
                .owner(owner)
                .with_fix(fix(&culprit, others.as_ref().filter(|o| provider_of(ctx, o).is_none()))),
        }
        .push(acc);
    }
}

/// Under this many seconds a skew is at most info: a few seconds between servers are common, and not worth
/// anyone's time.
const INFO_SECONDS: f64 = 60.0;

/// Info under a minute, Low up to two minutes, Medium beyond; at most Low when every hop involved belongs to one
/// shared provider (its clocks are its own business).
fn grade(seconds: f64, ctx: &Ctx<'_>, hops: &[&Hop]) -> Severity {
    let one_provider = {
        let names: Vec<Option<&str>> =
            hops.iter().map(|h| ctx.route.domain_of(h.index).and_then(|d| d.provider)).collect();
        names.first().is_some_and(|n| n.is_some() && names.iter().all(|x| x == n))
    };
    if seconds < INFO_SECONDS {
        Severity::Info
    } else if seconds <= MEDIUM_SECONDS || one_provider {
        Severity::Low
    } else {
        Severity::Medium
    }
}

fn fix(culprit: &Hop, other: Option<&Hop>) -> Fix {
    let host = by_name(culprit);
    let also = other.map(|o| msg!("clock-skew.also-on", other = by_name(o), host));
    let commands = if is_exchange_stamp(culprit) {
        vec!["w32tm /query /status".to_string(), "w32tm /resync".to_string()]
    } else {
        vec!["timedatectl status".to_string(), "chronyc tracking".to_string()]
    };
    Fix {
        summary: msg!("clock-skew.fix", host, also).into(),
        steps: vec![msg!("clock-skew.step-check", host).into(), msg!("clock-skew.step-drift").into()],
        commands: commands.into_iter().map(Into::into).collect(),
        verify: vec![msg!("clock-skew.verify", host).into()],
        alternatives: Vec::new(),
        references: vec!["RFC 5905 (NTPv4)".to_string()],
    }
}

#[cfg(test)]
mod tests {
    use crate::diagnostics::test_support::{analyze, with_id};
    use crate::model::{Confidence, Severity};

    const SKEWED: &str = "Received: from mx1.example.com (mx1.example.com [192.0.2.10]) by store.example.com (Postfix) with LMTP id 7A1B; Thu, 4 Apr 2024 08:40:44 +0000\n\
        Received: from out.example.net (out.example.net [198.51.100.3]) by mx1.example.com (Postfix) with ESMTPS id 5C2D; Thu, 4 Apr 2024 08:41:24 +0000\n\
        Received: from app.example.net (app.example.net [198.51.100.4]) by out.example.net (8.17.1/8.17.1) with ESMTP id 4344hJ; Thu, 4 Apr 2024 16:41:20 +0800\n\
        Date: Thu, 4 Apr 2024 16:41:19 +0800\n";

    #[test]
    fn fires_on_forty_seconds_back_and_names_both_hosts() {
        let report = analyze(SKEWED);
        let found = with_id(&report, super::META.id);
        assert_eq!(found.len(), 1);
        // Under a minute: info at most.
        assert_eq!(found[0].severity, Severity::Info);
        assert_eq!(found[0].title, "Timestamps go back 40 s from mx1.example.com to store.example.com");
        // No stamp after store.example.com; mx1's neighbour before it (out.example.net, 08:41:20) is later
        // than store's 08:40:44, so store's clock is behind.
        assert_eq!(found[0].confidence, Confidence::Likely);
        assert!(
            found[0].detail.contains("store.example.com's clock is likely behind"),
            "{}",
            found[0].detail
        );
        assert_eq!(
            found[0].fix.as_ref().unwrap().summary,
            "Check NTP on store.example.com (and on mx1.example.com if store.example.com is right)"
        );
        assert_eq!(found[0].evidence[1].text, "Thu, 4 Apr 2024 08:40:44 +0000");
    }

    #[test]
    fn medium_beyond_two_minutes() {
        let report = analyze(&SKEWED.replace("08:40:44", "08:37:44"));
        assert_eq!(with_id(&report, super::META.id)[0].severity, Severity::Medium);
    }

    #[test]
    fn quiet_within_tolerance_and_for_zone_errors() {
        assert!(with_id(&analyze(&SKEWED.replace("08:40:44", "08:41:23")), super::META.id).is_empty());
        assert!(with_id(&analyze(&SKEWED.replace("08:40:44", "07:41:30")), super::META.id).is_empty());
    }

    const EXCHANGE_ONLINE: &str = "Received: from AB1PR01CA0002.outlook.office365.com (2603:10a6:20b::1) by AB2PR01MB0003.eurprd01.prod.outlook.com with HTTPS; Thu, 4 Apr 2024 08:41:28 +0000\n\
        Received: from AB1PR01MB0001.eurprd01.prod.outlook.com (2603:10a6:20b::2) by AB1PR01CA0002.outlook.office365.com (2603:10a6:20b::1) with Microsoft SMTP Server (version=TLS1_2) id 15.20.1; Thu, 4 Apr 2024 08:41:24 +0000\n\
        Received: from mail.example.net (198.51.100.3) by AB1PR01MB0001.eurprd01.prod.outlook.com (2603:10a6:20b::2) with Microsoft SMTP Server (version=TLS1_2) id 15.20.1; Thu, 4 Apr 2024 08:41:27 +0000\n\
        From: Ann <ann@example.net>\nTo: Bob <bob@example.com>\n";

    /// A provider's own servers keep their own clocks: seconds between them are no finding, and a larger gap is
    /// nobody's, with no NTP advice aimed at a server nobody reading the headers runs.
    #[test]
    fn a_providers_clock_is_not_the_readers_to_check() {
        let report = analyze(EXCHANGE_ONLINE);
        assert!(with_id(&report, super::META.id).is_empty(), "{:#?}", report.findings);
        let off = analyze(&EXCHANGE_ONLINE.replace("08:41:24", "08:38:24"));
        let found = with_id(&off, super::META.id);
        assert_eq!(found.len(), 1, "{:#?}", off.findings);
        assert_eq!(found[0].owner, crate::model::Owner::Nobody);
        assert!(found[0].fix.is_none(), "{:?}", found[0].fix);
        assert!(found[0].detail.contains("is a server of Microsoft 365"), "{}", found[0].detail);
    }

    /// When the neighbours cannot tell and only one of the two is a provider's server, the other clock is the
    /// one to check, and the advice never names the provider's.
    #[test]
    fn the_providers_neighbour_is_the_one_to_check() {
        let report = analyze(
            "Received: from out.example.net (out.example.net [198.51.100.3]) by mx.google.com with ESMTPS id x1; Thu, 4 Apr 2024 08:41:24 +0000\n\
             Received: from app.example.net (app.example.net [198.51.100.4]) by out.example.net (Postfix) with ESMTP id 1; Thu, 4 Apr 2024 08:45:20 +0000\n",
        );
        let found = with_id(&report, super::META.id);
        assert_eq!(found.len(), 1, "{:#?}", report.findings);
        assert_eq!(found[0].confidence, Confidence::Likely);
        let fix = found[0].fix.as_ref().unwrap();
        assert_eq!(fix.summary, "Check NTP on out.example.net");
        assert!(found[0].detail.contains("out.example.net's clock is likely ahead"), "{}", found[0].detail);
        assert_eq!(found[0].owner, crate::model::Owner::SendingOrg);
    }

    /// The clock to check is the culprit's: its owner is whoever runs the server that stamped it, as the route
    /// reads it. The receiving organisation's mailbox server behind: the receiving organisation's. The sender's
    /// outbound server ahead: the sender's.
    #[test]
    fn the_owner_runs_the_clock_to_check() {
        let addressed = format!("{SKEWED}From: Ann <ann@example.net>\nTo: Bob <bob@example.com>\n");
        let report = analyze(&addressed);
        let found = with_id(&report, super::META.id);
        assert_eq!(found.len(), 1, "{:#?}", report.findings);
        assert!(found[0].fix.as_ref().unwrap().summary.starts_with("Check NTP on store.example.com"));
        assert_eq!(found[0].owner, crate::model::Owner::ReceivingOrg, "{:#?}", report.route);
        let sender = analyze(
            &addressed
                .replace("08:40:44 +0000", "08:41:26 +0000")
                .replace("16:41:20 +0800", "16:45:20 +0800"),
        );
        let found = with_id(&sender, super::META.id);
        assert_eq!(found.len(), 1, "{:#?}", sender.findings);
        assert!(
            found[0].fix.as_ref().unwrap().summary.starts_with("Check NTP on out.example.net"),
            "{:?}",
            found[0].fix
        );
        assert_eq!(found[0].owner, crate::model::Owner::SendingOrg, "{:#?}", sender.route);
    }
}
