//! `tz-misconfig`: see [`META`] for what it checks, why it matters and the fix.

use crate::catalog::{Msg, Text, msg};
use crate::diagnostics::hop_facts::{by_name, hop_evidence, is_exchange_stamp};
use crate::diagnostics::timeline::{
    Anomaly, anomalies, blame_by_neighbours, corroborated, looks_like_zone_error, offset_text, zone_minutes,
};
use crate::diagnostics::{Ctx, Meta};
use crate::model::{Finding, Hop, Severity};
use crate::model::{FindingId, Owner};
use crate::words::duration;

pub(crate) const META: Meta = Meta {
    id: FindingId::TzMisconfig,
    severity: Severity::Low,
    owner: Owner::SendingOrg,
    what: "A clock disagreement between hops (time going backwards, or one stamp out of line with both neighbours) \
          that is within two minutes of a whole number of half hours. Names the host, says which offset would \
          make its stamp agree. Also a gap of a whole number of half hours next to a stamp whose zone is not \
          known (`-0000`, an ambiguous name such as `IST`, no zone): likely the zone, not a wait.",
    why: "Drifting clocks are off by seconds or minutes; an error of exactly three hours is a server writing its \
         local time with the wrong offset (for example local time labelled `+0000`), or set to the wrong zone. \
         It makes delays unreadable and can put DKIM `t=`/`x=` and log times hours off.",
    fix: "Set the correct time zone on the named host (keep the clock in UTC via NTP, the zone in the OS settings).",
};

pub(crate) fn check(ctx: &Ctx<'_>, acc: &mut Vec<Finding>) {
    for anomaly in anomalies(ctx.hops) {
        // (the host with the wrong zone, its error in seconds (stamp minus truth), the other host, shown hops,
        // how the culprit was told). The culprit is the clock the hops on both sides disagree with, never the
        // one the Date header disagrees with: Date is written by the first machine itself, no witness.
        let (culprit, error, other, shown, how): (&Hop, f64, Option<&Hop>, Vec<&Hop>, Option<Msg>) =
            match anomaly {
                Anomaly::OddStamp { before, hop, after, error } if looks_like_zone_error(error) => {
                    (hop, error, None, vec![before, hop, after], Some(msg!("tz-misconfig.how-both")))
                }
                Anomaly::Backwards { prev, hop, seconds } if looks_like_zone_error(seconds) => {
                    match blame_by_neighbours(ctx.hops, prev, hop) {
                        Some(false) => {
                            (prev, -seconds, None, vec![prev, hop], Some(msg!("tz-misconfig.how-next")))
                        }
                        Some(true) => {
                            (hop, seconds, None, vec![prev, hop], Some(msg!("tz-misconfig.how-previous")))
                        }
                        None => (hop, seconds, Some(prev), vec![prev, hop], None),
                    }
                }
                Anomaly::ZoneGap { prev, hop, seconds, unsure } => {
                    // The Date header confirms the stamp read as UTC: a real wait (hop-delay), not the zone.
                    if !(seconds > 0.0 && corroborated(unsure, ctx.summary.date.as_ref())) {
                        zone_gap(ctx, (prev, hop), seconds, unsure, acc);
                    }
                    continue;
                }
                _ => continue,
            };
        let host = by_name(culprit);
        let written = culprit.offset_minutes.unwrap_or(0);
        let fitting = written + zone_minutes(error);
        let way = if error < 0.0 { msg!("tz-misconfig.behind") } else { msg!("tz-misconfig.ahead-of") };
        let or_other = other.map(|o| msg!("tz-misconfig.or-other", other = by_name(o)));
        let stamp = culprit.date_raw.clone().unwrap_or_default();
        let told = how.map(|how| msg!("tz-misconfig.likely-host", host, how));
        let meaning = match &culprit.zone_note {
            Some(n) => Text::join([Text::raw(" ("), n.clone(), Text::raw(")")], ""),
            None => Text::default(),
        };
        let detail = msg!(
            "tz-misconfig.detail",
            host,
            index = culprit.index,
            stamp,
            meaning,
            by = duration(error.abs()),
            way,
            told,
            fitting = offset_text(fitting),
            written = offset_text(written)
        );
        let evidence = shown.iter().filter_map(|h| hop_evidence(ctx, h, h.date_raw.as_deref()));
        let commands = if is_exchange_stamp(culprit) {
            vec!["tzutil /g".to_string(), "w32tm /query /status".to_string()]
        } else {
            vec!["timedatectl status".to_string()]
        };
        META.finding(msg!("tz-misconfig.title", host, or_other), detail)
            .likely()
            .evidence(evidence)
            .fix(msg!("tz-misconfig.fix", host))
            .steps([
                msg!("tz-misconfig.step-compare", host, written = offset_text(written)),
                msg!("tz-misconfig.step-utc"),
                msg!("tz-misconfig.step-restart"),
            ])
            .commands(commands)
            .verify([msg!("tz-misconfig.verify", host)])
            .references(["RFC 5322 §3.3 (date and time specification)"])
            .push(acc);
    }
}

/// A whole-hour step next to a stamp without a reliable offset: the zone, likely, not a queue nor a clock.
fn zone_gap(ctx: &Ctx<'_>, (prev, hop): (&Hop, &Hop), seconds: f64, unsure: &Hop, acc: &mut Vec<Finding>) {
    let host = by_name(unsure);
    // How far the unsure stamp is off, positive when it reads too late.
    let error = if std::ptr::eq(unsure, hop) { seconds } else { -seconds };
    let written = unsure.offset_minutes.unwrap_or(0);
    let fitting = written + zone_minutes(error);
    let stamp = unsure.date_raw.clone().unwrap_or_default();
    let meaning: Text = match &unsure.zone_note {
        Some(note) => note.into(),
        None => msg!("tz-misconfig.no-usable-offset").into(),
    };
    let way = if seconds < 0.0 { msg!("tz-misconfig.back") } else { msg!("tz-misconfig.forward") };
    // An offset that exists (UTC-12 to UTC+14) is named; a wider gap involves both stamps.
    let fits = (-720..=840).contains(&fitting);
    let agree = fits.then(|| msg!("tz-misconfig.read-with", fitting = offset_text(fitting)));
    let detail = msg!(
        "tz-misconfig.detail-artefact",
        host,
        index = unsure.index,
        stamp,
        meaning,
        from_hop = prev.index,
        to_hop = hop.index,
        by = duration(seconds.abs()),
        way,
        agree
    );
    let example = if fits { offset_text(fitting) } else { "+0100".to_string() };
    let evidence = [prev, hop].into_iter().filter_map(|h| hop_evidence(ctx, h, h.date_raw.as_deref()));
    META.finding(msg!("tz-misconfig.title-artefact", by = duration(seconds.abs()), host), detail)
        .likely()
        .evidence(evidence)
        .fix(msg!("tz-misconfig.fix-offset", host))
        .steps([msg!("tz-misconfig.step-offset", host, example), msg!("tz-misconfig.step-utc-only")])
        .verify([msg!("tz-misconfig.verify-offset", host)])
        .references(["RFC 5322 §3.3 (date and time specification)", "RFC 5321 §4.4 (trace information)"])
        .push(acc);
}

#[cfg(test)]
mod tests {
    use crate::diagnostics::test_support::{analyze, with_id};
    use crate::model::FindingId;

    const MINUS_THREE: &str = "Received: from gw.example.net (gw.example.net [203.0.113.44]) by mx.example.com (Postfix) with ESMTPS id 4Zq1; Mon, 3 Mar 2025 14:20:12 +0000\n\
        Received: from relay.example.org (relay.example.org [198.51.100.30]) by gw.example.net (8.17.1/8.17.1) with ESMTPS id 523BK9; Mon, 3 Mar 2025 11:20:09 +0000\n\
        Received: from app01.example.org (app01.example.org [198.51.100.31]) by relay.example.org (Postfix) with ESMTPS id 7Hq2; Mon, 3 Mar 2025 14:20:05 +0000\n";

    #[test]
    fn fires_on_a_three_hour_odd_stamp() {
        let report = analyze(MINUS_THREE);
        let found = with_id(&report, super::META.id);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].title, "Likely a time-zone setting error on gw.example.net");
        assert!(found[0].detail.contains("Written with -0300 instead of +0000"), "{}", found[0].detail);
        assert_eq!(found[0].evidence.len(), 3);
        assert_eq!(found[0].evidence[1].text, "Mon, 3 Mar 2025 11:20:09 +0000");
        assert!(with_id(&report, FindingId::ClockSkew).is_empty());
        assert!(with_id(&report, FindingId::HopDelay).is_empty());
    }

    /// qmail's `-0000` stamp written in local time (UTC+8): eight hours out of line with its neighbours.
    const MINUS_ZERO: &str = "Received: from mail.example.net (mail.example.net [198.51.100.7]) by mx.example.com (Postfix) with ESMTP id 7QZ; Mon, 3 Mar 2025 06:20:41 +0000\n\
        Received: (qmail 10876 invoked from network); 3 Mar 2025 14:20:12 -0000\n\
        Received: from pc.example.net (pc.example.net [198.51.100.9]) by mail.example.net (Postfix) with ESMTP id 1A; Mon, 3 Mar 2025 06:20:05 +0000\n";

    #[test]
    fn a_whole_hour_gap_next_to_minus_zero_is_a_zone_artefact() {
        // Odd stamp in the middle: tz-misconfig, wording from the stamp's unknown zone.
        let report = analyze(MINUS_ZERO);
        assert!(with_id(&report, FindingId::HopDelay).is_empty());
        assert!(with_id(&report, FindingId::ClockSkew).is_empty());
        assert_eq!(with_id(&report, super::META.id).len(), 1);
        // Only the last two stamps: a step back of 8 h from a -0000 stamp, not a clock error nor a queue.
        let two = MINUS_ZERO.lines().take(2).collect::<Vec<_>>().join("\n");
        let report = analyze(&format!("{two}\n"));
        let found = with_id(&report, super::META.id);
        assert_eq!(found.len(), 1, "{:?}", report.findings);
        assert!(
            found[0].title.starts_with("Likely a time-zone artefact, not a 7 h 59 min"),
            "{}",
            found[0].title
        );
        assert!(found[0].detail.contains("-0000: the local offset is unknown"), "{}", found[0].detail);
        assert!(found[0].detail.contains("Read with +0800"), "{}", found[0].detail);
        assert!(with_id(&report, FindingId::ClockSkew).is_empty());
        // Forwards: the -0000 stamp first, the next server 16 hours "later" (local time UTC-8 written as -0000).
        let forwards = "Received: from mail.example.net (mail.example.net [198.51.100.7]) by mx.example.com (Postfix) with ESMTP id 7QZ; Mon, 3 Mar 2025 22:20:41 +0000\n\
            Received: (qmail 10876 invoked from network); 3 Mar 2025 06:20:12 -0000\n";
        let report = analyze(forwards);
        assert!(with_id(&report, FindingId::HopDelay).is_empty(), "{:?}", report.findings);
        let found = with_id(&report, super::META.id);
        assert_eq!(found.len(), 1);
        assert!(!found[0].detail.contains("Read with"), "no offset -1600 exists: {}", found[0].detail);
        // The Date header, written with a numeric offset seconds before the -0000 stamp, confirms it as UTC: the
        // 16 hours are a real wait.
        let confirmed = format!("{forwards}Date: Mon, 3 Mar 2025 06:20:05 +0000\n");
        let report = analyze(&confirmed);
        assert_eq!(with_id(&report, FindingId::HopDelay).len(), 1, "{:?}", report.findings);
        assert!(with_id(&report, super::META.id).is_empty());
        // Also with the client's clock a few seconds ahead of the stamp (phishing_pot's sample-119 shape).
        let report = analyze(&format!("{forwards}Date: Sun, 2 Mar 2025 22:20:17 -0800\n"));
        assert_eq!(with_id(&report, FindingId::HopDelay).len(), 1, "{:?}", report.findings);
        assert!(with_id(&report, super::META.id).is_empty());
        // The same 16 hours between two numeric stamps stay a queue.
        let report = analyze(&forwards.replace("-0000", "+0000"));
        assert_eq!(with_id(&report, FindingId::HopDelay).len(), 1);
        assert!(with_id(&report, super::META.id).is_empty());
    }

    #[test]
    fn the_hops_not_the_date_header_tell_which_clock_is_wrong() {
        // The first server stamps its local time as +0000, three hours ahead; the Date header, written on the same
        // machine, agrees with it, but the two hops after it agree with each other: the first server is wrong.
        let report = analyze(
            "Received: from relay.example.org (relay.example.org [198.51.100.30]) by mx.example.com (Postfix) with ESMTPS id 4Zq1; Mon, 3 Mar 2025 14:20:09 +0000\n\
             Received: from app01.example.org (app01.example.org [198.51.100.31]) by relay.example.org (Postfix) with ESMTPS id 7Hq2; Mon, 3 Mar 2025 14:20:07 +0000\n\
             Received: from [192.0.2.10] (helo=client) by app01.example.org with ESMTP id 1; Mon, 3 Mar 2025 17:20:05 +0000\n\
             Date: Mon, 3 Mar 2025 17:20:00 +0000\n",
        );
        let found = with_id(&report, super::META.id);
        assert_eq!(found.len(), 1, "{:#?}", report.findings);
        assert_eq!(found[0].title, "Likely a time-zone setting error on app01.example.org");
        assert!(
            found[0].detail.contains("It is likely app01.example.org's clock that is off"),
            "{}",
            found[0].detail
        );
        assert!(found[0].detail.contains("Written with +0300 instead of +0000"), "{}", found[0].detail);
        assert_eq!(found[0].confidence, crate::model::Confidence::Likely);
    }

    #[test]
    fn quiet_when_the_gap_is_not_a_zone_step() {
        let report = analyze(&MINUS_THREE.replace("11:20:09", "13:59:09"));
        assert!(with_id(&report, super::META.id).is_empty());
        assert_eq!(with_id(&report, FindingId::ClockSkew).len(), 1);
    }
}
